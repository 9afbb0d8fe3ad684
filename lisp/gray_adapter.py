"""Gray streams as the rest of the implementation sees them.

A Gray stream is a CLOS instance of a subclass of SB-GRAY:FUNDAMENTAL-STREAM
(lisp/gray_streams.py). The stream functions of CLHS 21 and 22 work on
LispStreams (lisp/streams.py), so where a stream designator is resolved
(``as_stream``) such an instance becomes a ``GrayStream``: a LispStream each
of whose operations calls the SB-GRAY generic function SBCL's stream
functions call, on the instance, through a nested call of the machine.

The rules that make the adapter invisible to Lisp code:
- the methods see the instance, never the adapter; Python code that hands
  a stream back to Lisp (a PRINT-OBJECT method's stream argument, a
  condition's STREAM slot, a compound stream's components) passes
  ``stream.lisp_object()``;
- an adapter keeps no state of its own (the column, the characters given
  back, whether the stream is open are all the methods' business), so one
  is made wherever one is needed and any number may exist;
- a Lisp error inside a method is an ordinary Lisp condition, signalled
  in the dynamic environment of the stream function that called it; a
  non-local exit out of the method unwinds through the stream function.
"""
from __future__ import annotations

from .dynamic import state
from .errors import binding_type_error, type_error
from .objects import NIL, T, MV, Char, Instance, LString, cl_sym, keyword, make_char
from .streams import LispStream

__all__ = ["GrayStream", "as_stream", "is_gray_stream", "GENERIC", "register_class"]

# The SB-GRAY generic functions by name ("STREAM-READ-CHAR", "CLOSE" ...),
# filled in by lisp/gray_streams.py, which defines them.
GENERIC: dict = {}
_FUNDAMENTAL_STREAM: list = [None]

_EOF = keyword("EOF")
_CHARACTER = cl_sym("CHARACTER")
_INTEGER = cl_sym("INTEGER")


def register_class(fundamental_stream) -> None:
    """Make FUNDAMENTAL_STREAM (the class) the mark of a Gray stream."""
    _FUNDAMENTAL_STREAM[0] = fundamental_stream


def is_gray_stream(x) -> bool:
    """Is X an instance of a subclass of SB-GRAY:FUNDAMENTAL-STREAM?"""
    return type(x) is Instance and _FUNDAMENTAL_STREAM[0] in x.cls.cpl


def as_stream(x) -> LispStream | None:
    """X as a LispStream: X itself, the adapter of a Gray stream instance,
    or None when X is no stream."""
    if isinstance(x, LispStream):
        return x
    if type(x) is Instance and _FUNDAMENTAL_STREAM[0] in x.cls.cpl:
        return GrayStream(x)
    return None


def _primary(v):
    if type(v) is MV:
        return v[0] if v else NIL
    return v


def _truth(v) -> bool:
    return v is not NIL


class GrayStream(LispStream):
    """The LispStream face of the Gray stream INSTANCE."""
    __slots__ = ("instance",)

    def __init__(self, instance: Instance):
        super().__init__("io")
        self.instance = instance

    def lisp_object(self):
        return self.instance

    def _call(self, name: str, *args):
        """The primary value of the generic function NAME called on the
        instance and ARGS."""
        return _primary(self._call_mv(name, *args))

    def _call_mv(self, name: str, *args):
        return state.machine.call_nested(GENERIC[name], [self.instance, *args])

    # The base class's state is not the stream's: these ignore writes.
    @property
    def open(self):
        return _truth(self._call("OPEN-STREAM-P"))

    @open.setter
    def open(self, value):
        pass

    @property
    def column(self):
        """STREAM-LINE-COLUMN: an int, or None when the stream cannot
        tell."""
        c = self._call("SB-GRAY:STREAM-LINE-COLUMN")
        return c if type(c) is int and c >= 0 else None

    @column.setter
    def column(self, value):
        pass

    def check_open(self):
        # SBCL leaves a closed Gray stream's operations to its methods.
        pass

    # -- output
    def write(self, s: str):
        if not s:
            return
        if len(s) == 1:
            self._call("SB-GRAY:STREAM-WRITE-CHAR", make_char(s))
        else:
            self._call("SB-GRAY:STREAM-WRITE-STRING", LString(s), 0, len(s))

    def write_string(self, string: LString, start: int, end: int):
        self._call("SB-GRAY:STREAM-WRITE-STRING", string, start, end)

    def terpri(self):
        self._call("SB-GRAY:STREAM-TERPRI")

    def fresh_line(self) -> bool:
        return _truth(self._call("SB-GRAY:STREAM-FRESH-LINE"))

    def finish(self):
        self._call("SB-GRAY:STREAM-FINISH-OUTPUT")

    def force(self):
        self._call("SB-GRAY:STREAM-FORCE-OUTPUT")

    def clear_output(self):
        self._call("SB-GRAY:STREAM-CLEAR-OUTPUT")

    def stream_line_length(self):
        n = self._call("SB-GRAY:STREAM-LINE-LENGTH")
        return n if type(n) is int and n > 0 else None

    def write_byte(self, byte):
        self._call("SB-GRAY:STREAM-WRITE-BYTE", byte)

    # -- input
    def _character(self, c, allow_nil=False):
        """A method's character result as read_char returns it."""
        if type(c) is Char:
            return c.ch
        if c is _EOF:
            return None
        if allow_nil and c is NIL:
            return ""
        raise type_error(c, _CHARACTER)

    def read_char(self):
        return self._character(self._call("SB-GRAY:STREAM-READ-CHAR"))

    def read_char_no_hang(self):
        return self._character(self._call("SB-GRAY:STREAM-READ-CHAR-NO-HANG"), True)

    def unread_char(self, c: str):
        self._call("SB-GRAY:STREAM-UNREAD-CHAR", make_char(c))

    def peek(self):
        return self._character(self._call("SB-GRAY:STREAM-PEEK-CHAR"))

    def read_line(self):
        v = self._call_mv("SB-GRAY:STREAM-READ-LINE")
        values = list(v) if type(v) is MV else [v]
        line = values[0] if values else NIL
        missing = len(values) > 1 and values[1] is not NIL
        if not isinstance(line, LString):
            raise type_error(line, cl_sym("STRING"))
        if missing and not line.value:
            return None, True
        return line.value, missing

    def listen(self) -> bool:
        return _truth(self._call("SB-GRAY:STREAM-LISTEN"))

    def clear_input(self):
        self._call("SB-GRAY:STREAM-CLEAR-INPUT")

    def read_byte(self):
        b = self._call("SB-GRAY:STREAM-READ-BYTE")
        if b is _EOF:
            return None
        if type(b) is not int:
            raise type_error(b, _INTEGER)
        return b

    # -- the stream as a whole
    def input_p(self) -> bool:
        return _truth(self._call("INPUT-STREAM-P"))

    def output_p(self) -> bool:
        return _truth(self._call("OUTPUT-STREAM-P"))

    def stream_element_type(self):
        return self._call("STREAM-ELEMENT-TYPE")

    def external_format(self):
        from .errors import simple_error
        raise simple_error("~S is not defined for ~S", cl_sym("STREAM-EXTERNAL-FORMAT"),
                           self.instance)

    def file_position(self):
        p = self._call("SB-GRAY:STREAM-FILE-POSITION")
        return p if type(p) is int else None

    def set_file_position(self, position):
        if position in ("start", "end"):
            position = keyword(position.upper())
        return self._call("SB-GRAY:STREAM-FILE-POSITION", position)

    def file_string_length(self, s: str):
        from .functions import intern_name
        raise binding_type_error(self.instance, intern_name("SB-KERNEL:ANSI-STREAM"),
                                 cl_sym("STREAM"))

    def close(self, abort=False):
        self._call("CLOSE", keyword("ABORT"), T if abort else NIL)

    def interactive(self):
        return _truth(self._call("INTERACTIVE-STREAM-P"))

    def describe(self):
        from .printer import prin1_to_string
        return prin1_to_string(self.instance)

"""Lisp streams: the protocol every stream follows, string streams and the
console streams.

Every stream tracks its output column so ``fresh-line``, ``~&`` and ``~T``
work. Console streams write through to the Python text file and are flushed
at every newline when interactive and whenever the interpreter stops running
Lisp (so output written before an error is never lost, SPEC 9).

The protocol (what the stream functions of CLHS 21 call):
- characters: ``write(str)``, ``read_char() -> str | None`` (None at end of
  file), ``unread_char(c)``, ``read_char_no_hang()`` ("" when nothing is
  available yet), ``listen()``, ``fresh_line()``;
- bytes: ``read_byte() -> int | None``, ``write_byte(int)``;
- ``input_p()``, ``output_p()``, ``element_type()``, ``external_format()``,
  ``file_position()``, ``set_file_position(pos)`` (POS an index, "start" or
  "end"), ``file_string_length(str)``, ``finish()``, ``clear_input()``,
  ``clear_output()``, ``close(abort)``;
- what only some stream functions need, with defaults here: ``terpri()``
  (TERPRI, PRINT), ``write_string(lstring, start, end)`` (WRITE-STRING),
  ``force()`` (FORCE-OUTPUT), ``stream_line_length()`` (the pretty printer's
  line length when *PRINT-RIGHT-MARGIN* is NIL: None, unknown) and
  ``lisp_object()``, what Lisp code sees as the stream (a Gray stream's
  adapter, lisp/gray_adapter.py, answers its instance).
A closed stream refuses all of them with SB-INT:CLOSED-STREAM-ERROR; a
stream asked for the wrong direction or element kind signals the
SIMPLE-TYPE-ERROR SBCL signals ("... is not a character input stream.").
``lisp_class`` names the stream's class (TYPE-OF and CLASS-OF).
"""
from __future__ import annotations

import io
import sys

from .errors import LispError, end_of_file
from .objects import LString, NIL, cl_sym, lisp_list

__all__ = ["LispStream", "StringOutputStream", "FillPointerOutputStream",
           "StringInputStream", "PyTextStream", "console_streams", "eof_or",
           "closed_stream_error", "wrong_stream_error", "os_error", "utf8_length"]

_CHARACTER = cl_sym("CHARACTER")


def closed_stream_error(stream) -> LispError:
    """SBCL's error for any operation on a closed stream."""
    return LispError("SB-INT:CLOSED-STREAM-ERROR", {"STREAM": stream})


def wrong_stream_error(stream, what: str) -> LispError:
    """The SIMPLE-TYPE-ERROR for a stream that cannot do WHAT ("character
    input", "binary output" ...), as SBCL words it."""
    predicate = "INPUT-STREAM-P" if what.endswith("input") else "OUTPUT-STREAM-P"
    return LispError("SIMPLE-TYPE-ERROR", {
        "DATUM": stream,
        "EXPECTED-TYPE": lisp_list(cl_sym("SATISFIES"), cl_sym(predicate)),
        "FORMAT-CONTROL": LString("~S is not a %s stream." % what),
        "FORMAT-ARGUMENTS": lisp_list(stream)})


def os_error(stream, action: str, error: Exception) -> LispError:
    """SBCL's stream error for an operating system failure: "couldn't read
    from #<...>: Bad file descriptor"."""
    from .errors import lisp_error
    message = getattr(error, "strerror", None) or str(error)
    return lisp_error("STREAM-ERROR", "~@<couldn't ~A ~S: ~2I~_~A~:>", LString(action),
                      stream, LString(message), stream=stream)


def utf8_length(s: str) -> int:
    """Octets S takes in UTF-8 (lone surrogates count as 3, as SBCL
    encodes them)."""
    return len(s.encode("utf-8", "surrogatepass"))


class LispStream:
    __slots__ = ("column", "unread", "element_type", "open", "direction",
                 "line", "name", "__weakref__")
    lisp_class = "STREAM"

    def __init__(self, direction="output"):
        self.column = 0
        self.unread: list[str] = []
        self.open = True
        self.direction = direction
        self.line = 1
        self.name = None
        self.element_type = None

    def check_open(self):
        if not self.open:
            raise closed_stream_error(self)

    # -- output
    def write(self, s: str):
        if not s:
            return
        self._check_output()
        self._write(s)
        nl = s.rfind("\n")
        if nl < 0:
            self.column += len(s)
        else:
            self.column = len(s) - nl - 1

    def _check_output(self):
        if not self.open:
            raise closed_stream_error(self)
        if self.direction == "input":
            raise wrong_stream_error(self, "character output")

    def _write(self, s: str):
        raise wrong_stream_error(self, "character output")

    def fresh_line(self) -> bool:
        self._check_output()
        if self.column != 0:
            self.write("\n")
            return True
        return False

    def terpri(self):
        self.write("\n")

    def write_string(self, string: LString, start: int, end: int):
        self.write(string.value[start:end])

    def stream_line_length(self) -> int | None:
        return None

    def lisp_object(self):
        return self

    def finish(self):
        self.check_open()

    def force(self):
        self.finish()

    def clear_output(self):
        self.check_open()

    def write_byte(self, byte: int):
        self.check_open()
        raise wrong_stream_error(self, "binary output")

    # -- input
    def read_char(self):
        """The next character as a 1-char str, or None at end of file."""
        if not self.open:
            raise closed_stream_error(self)
        if self.unread:
            c = self.unread.pop()
        else:
            c = self._read_char()
        if c == "\n":
            self.line += 1
        return c

    def read_char_no_hang(self):
        """Like read_char, but "" when no character is available yet."""
        return self.read_char()

    def unread_char(self, c: str):
        if not self.open:
            raise closed_stream_error(self)
        if c == "\n":
            self.line -= 1
        self.unread.append(c)

    def peek(self):
        c = self.read_char()
        if c is not None:
            self.unread_char(c)
        return c

    def read_line(self):
        """(line, missing_newline_p) or (None, True) at end of file."""
        chars = []
        while True:
            c = self.read_char()
            if c is None:
                if not chars:
                    return None, True
                return "".join(chars), True
            if c == "\n":
                return "".join(chars), False
            chars.append(c)

    def _read_char(self):
        raise wrong_stream_error(self, "character input")

    def read_byte(self):
        """The next byte as an int, or None at end of file."""
        self.check_open()
        raise wrong_stream_error(self, "binary input")

    def listen(self) -> bool:
        self.check_open()
        return bool(self.unread)

    def clear_input(self):
        self.check_open()
        self.unread.clear()

    # -- the stream as a whole
    def input_p(self) -> bool:
        return self.open and self.direction in ("input", "io")

    def output_p(self) -> bool:
        return self.open and self.direction in ("output", "io")

    def stream_element_type(self):
        self.check_open()
        return _CHARACTER if self.element_type is None else self.element_type

    def external_format(self):
        self.check_open()
        return NIL

    def file_position(self):
        """The position as an int, or None when it cannot be known."""
        self.check_open()
        return None

    def set_file_position(self, position):
        """Move to POSITION (an int, "start" or "end"); the Lisp value
        FILE-POSITION returns (T, or NIL when the stream cannot move)."""
        self.check_open()
        return NIL

    def file_string_length(self, s: str):
        self.check_open()
        return None

    def close(self, abort=False):
        self.open = False

    def describe(self):
        return type(self).__name__

    def interactive(self):
        return False


# ---------------------------------------------------------------- string streams
class StringOutputStream(LispStream):
    """MAKE-STRING-OUTPUT-STREAM. Text accumulates in ``parts``; after
    FILE-POSITION moved back, ``index`` is where the next character goes
    (None: at the end, the common case)."""
    __slots__ = ("parts", "index")
    lisp_class = "SB-IMPL::STRING-OUTPUT-STREAM"

    def __init__(self, element_type=None):
        super().__init__("output")
        self.parts: list[str] = []
        self.index: int | None = None
        self.element_type = element_type

    def _write(self, s):
        if self.index is None:
            self.parts.append(s)
            return
        text = "".join(self.parts)
        i = self.index
        text = text[:i] + s + text[i + len(s):]
        self.parts = [text]
        self.index = i + len(s) if i + len(s) < len(text) else None

    def getvalue(self, clear=True) -> str:
        s = "".join(self.parts)
        self.parts = [] if clear else [s]
        if clear:
            self.index = None
            self.column = 0
        return s

    def file_position(self):
        self.check_open()
        if self.index is not None:
            return self.index
        return sum(len(p) for p in self.parts)

    def set_file_position(self, position):
        self.check_open()
        text = "".join(self.parts)
        if position == "start":
            position = 0
        elif position == "end":
            position = len(text)
        if position > len(text):
            # SBCL fills the gap with NUL characters at once.
            text += "\0" * (position - len(text))
        self.parts = [text]
        self.index = position if position < len(text) else None
        return cl_sym("T")

    def describe(self):
        return "#<SB-IMPL::STRING-OUTPUT-STREAM>"


class FillPointerOutputStream(LispStream):
    """WITH-OUTPUT-TO-STRING onto a string with a fill pointer: characters
    go in at the fill pointer, growing the string as VECTOR-PUSH-EXTEND
    would."""
    __slots__ = ("target",)
    lisp_class = "SB-IMPL::FILL-POINTER-OUTPUT-STREAM"

    def __init__(self, target: LString):
        super().__init__("output")
        self.target = target

    def _write(self, s):
        t = self.target
        fp = t.fill_pointer
        data = t.data
        t.data = data[:fp] + s + data[fp + len(s):]
        t.fill_pointer = fp + len(s)

    def file_position(self):
        self.check_open()
        return self.target.fill_pointer

    def set_file_position(self, position):
        # As SBCL: the new fill pointer, the string growing (with NUL
        # characters) to reach it; :END is the end of the string's storage.
        self.check_open()
        t = self.target
        if position == "start":
            position = 0
        elif position == "end":
            position = len(t.data)
        if position > len(t.data):
            t.data = t.data + "\0" * (position - len(t.data))
        t.fill_pointer = position
        return position

    def describe(self):
        return "#<SB-IMPL::FILL-POINTER-OUTPUT-STREAM>"


class StringInputStream(LispStream):
    """MAKE-STRING-INPUT-STREAM over TEXT[START:END]; ``pos`` is the index
    of the next character."""
    __slots__ = ("text", "pos", "end", "start")
    lisp_class = "SB-IMPL::STRING-INPUT-STREAM"

    def __init__(self, text: str, start=0, end=None):
        super().__init__("input")
        self.text = text
        self.start = start
        self.pos = start
        self.end = len(text) if end is None else end

    def _read_char(self):
        if self.pos >= self.end:
            return None
        c = self.text[self.pos]
        self.pos += 1
        return c

    def unread_char(self, c):
        if not self.open:
            raise closed_stream_error(self)
        if self.unread or self.pos <= self.start:
            super().unread_char(c)
        else:
            self.pos -= 1
            if c == "\n":
                self.line -= 1

    def read_line(self):
        if self.unread or not self.open:
            return super().read_line()
        pos, end = self.pos, self.end
        if pos >= end:
            return None, True
        nl = self.text.find("\n", pos, end)
        if nl < 0:
            self.pos = end
            return self.text[pos:end], True
        self.pos = nl + 1
        self.line += 1
        return self.text[pos:nl], False

    def listen(self):
        self.check_open()
        return bool(self.unread) or self.pos < self.end

    def file_position(self):
        self.check_open()
        return self.pos - self.start - len(self.unread)

    def set_file_position(self, position):
        # SBCL returns the new index into the string, and allows moving
        # past the end (reading there is at end of file).
        self.check_open()
        self.unread.clear()
        if position == "start":
            self.pos = self.start
        elif position == "end":
            self.pos = self.end
        else:
            self.pos = self.start + position
        return self.pos

    def describe(self):
        return "#<SB-IMPL::STRING-INPUT-STREAM>"


# ---------------------------------------------------------------- the console
class PyTextStream(LispStream):
    """A stream over a Python text file object: the console's standard
    input, output and error (SBCL's fd-streams for them)."""
    __slots__ = ("file", "is_console", "path", "label", "broken")
    lisp_class = "SB-SYS:FD-STREAM"

    def __init__(self, file, direction, is_console=False, path=None, label=None):
        super().__init__(direction)
        self.file = file
        self.is_console = is_console
        self.path = path
        self.label = label
        self.broken = None       # the BrokenPipeError once the reader went away

    def _write(self, s):
        if self.broken is not None:
            # every write after a broken pipe fails again, as in SBCL (the
            # file descriptor itself now goes to /dev/null)
            raise os_error(self, "write to", self.broken)
        try:
            self.file.write(s)
            if self.is_console and "\n" in s and self.interactive():
                self.file.flush()
        except (OSError, ValueError) as e:
            raise self._output_failed(e) from None

    def _output_failed(self, e) -> LispError:
        """The stream error for a failed write or flush. A console stream
        whose reader went away (a broken pipe: `lisp prog.lisp | head`) is
        pointed at /dev/null, so the output still buffered cannot fail at
        the flushes of the program's end; it remembers the failure, so every
        later write to it signals the error again, as in SBCL (whichever
        process meets it first, the main one meets it too and ends)."""
        if self.is_console and isinstance(e, BrokenPipeError):
            self.broken = e
            import os
            try:
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, self.file.fileno())
                os.close(null)
            except (OSError, ValueError, AttributeError):
                pass
        return os_error(self, "write to", e)

    def _read_char(self):
        if self.direction == "output":
            raise wrong_stream_error(self, "character input")
        try:
            c = self.file.read(1)
        except (OSError, ValueError) as e:
            raise os_error(self, "read from", e) from None
        return c if c else None

    def _ready(self) -> bool:
        """Can a character be read without waiting?"""
        import select
        try:
            return bool(select.select([self.file], [], [], 0)[0])
        except (OSError, ValueError, TypeError):
            return True

    def read_char_no_hang(self):
        if self.open and not self.unread and self.direction != "output" and not self._ready():
            return ""
        return self.read_char()

    def listen(self):
        self.check_open()
        if self.unread:
            return True
        if self.direction == "output" or not self._ready():
            return False
        c = self._read_char()
        if c is None:
            return False
        self.unread.append(c)
        return True

    def clear_input(self):
        # As SBCL's fd-streams: drop what is typed ahead (everything already
        # available), not only what was read back.
        self.check_open()
        self.unread.clear()
        if self.direction != "output":
            while self._ready() and self._read_char() is not None:
                pass

    def _byte_file(self):
        buffer = getattr(self.file, "buffer", None)
        if buffer is None:
            raise wrong_stream_error(self, "binary " + self.direction)
        return buffer

    def write_byte(self, byte: int):
        self._check_output()
        if type(byte) is not int or not 0 <= byte < 256:
            raise LispError("TYPE-ERROR", {"DATUM": byte, "EXPECTED-TYPE": lisp_list(
                cl_sym("UNSIGNED-BYTE"), 8)})
        self.file.flush()
        self._byte_file().write(bytes([byte]))

    def read_byte(self):
        self.check_open()
        if self.direction == "output":
            raise wrong_stream_error(self, "binary input")
        try:
            b = self._byte_file().read(1)
        except (OSError, ValueError) as e:
            raise os_error(self, "read from", e) from None
        return b[0] if b else None

    def external_format(self):
        self.check_open()
        from .objects import keyword, make_char
        return lisp_list(keyword("UTF-8"), keyword("REPLACEMENT"), make_char("\ufffd"))

    def finish(self):
        self.check_open()
        if self.broken is not None:
            raise os_error(self, "write to", self.broken)
        try:
            self.file.flush()
        except (OSError, ValueError) as e:
            raise self._output_failed(e) from None

    def close(self, abort=False):
        if self.open and not self.is_console:
            self.file.close()
        self.open = False

    def interactive(self):
        try:
            return self.file.isatty()
        except (OSError, ValueError, AttributeError):
            return False

    def describe(self):
        if self.label:
            return f'#<SB-SYS:FD-STREAM for "{self.label}">'
        if self.path:
            return f'#<SB-SYS:FD-STREAM for "file {self.path}">'
        return "#<SB-SYS:FD-STREAM>"


class ConsoleInputStream(PyTextStream):
    """Standard input read through the command line's ConsoleInput (see
    lisp/console.py): reads that must wait block only their process. The
    position, the line count and UNREAD-CHAR live in the ConsoleInput, so
    every stream over it (a fresh one per interpreter start) agrees."""
    __slots__ = ("console",)

    def __init__(self, console, file):
        self.console = console
        super().__init__(file, "input", True, label="standard input")

    @property
    def line(self):
        return self.console.line

    @line.setter
    def line(self, value):
        pass            # set by LispStream.__init__; the console counts lines

    def _input(self):
        if not self.open:
            raise closed_stream_error(self)
        return self.console

    def read_char(self):
        return self._input().read_char()

    def _read_char(self):
        return self.console.read_char()

    def read_char_no_hang(self):
        con = self._input()
        if not con.listen():
            return None if con.eof else ""
        return con.read_char()

    def unread_char(self, c: str):
        self._input().unread_char(c)

    def peek(self):
        return self._input().peek_char()

    def read_line(self):
        return self._input().read_line()

    def read_byte(self):
        return self._input().read_byte()

    def listen(self):
        return self._input().listen()

    def clear_input(self):
        self._input().clear_input()

    def _ready(self):
        return self.console.listen()


def console_streams():
    """Fresh stdin/stdout/stderr streams over the current sys.* files.
    Standard input is the command line's ConsoleInput once it is enabled
    (lisp/console.py) and sys.stdin is still file descriptor 0."""
    from .console import active
    con = active()
    stdin = None
    if con is not None:
        try:
            if sys.stdin is not None and sys.stdin.fileno() == con.fd:
                stdin = ConsoleInputStream(con, sys.stdin)
        except (OSError, ValueError, AttributeError):
            pass
    if stdin is None:
        # no standard input at all (started with fd 0 closed): end of file
        file = sys.stdin if sys.stdin is not None else io.StringIO("")
        stdin = PyTextStream(file, "input", True, label="standard input")
    return (stdin,
            PyTextStream(sys.stdout, "output", True, label="standard output"),
            PyTextStream(sys.stderr, "output", True, label="standard error"))


def eof_or(stream, eof_error_p, eof_value):
    if eof_error_p is not NIL and eof_error_p is not False:
        raise end_of_file(stream)
    return eof_value

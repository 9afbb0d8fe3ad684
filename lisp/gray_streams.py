"""Gray streams: the package SB-GRAY as SBCL 2.2 has it.

The classes FUNDAMENTAL-STREAM (a STANDARD-OBJECT and a STREAM) and its
eight subclasses; the generic functions the stream functions of CLHS 21
call on them (STREAM-READ-CHAR, STREAM-WRITE-STRING ...), with SBCL's
default methods and docstrings; and CLOSE, OPEN-STREAM-P, INPUT-STREAM-P,
OUTPUT-STREAM-P, INTERACTIVE-STREAM-P and STREAM-ELEMENT-TYPE, which SBCL
makes generic so that Gray streams can specialize them (their methods on
SB-KERNEL:ANSI-STREAM serve the built-in streams).

What SBCL leaves out, this leaves out too: STREAM-READ-CHAR,
STREAM-UNREAD-CHAR, STREAM-WRITE-CHAR, STREAM-READ-BYTE and
STREAM-WRITE-BYTE have no methods at all, so a stream class without one
signals NO-APPLICABLE-METHOD's error when a stream function needs it; a
closed Gray stream is refused nothing (its methods decide).

How the rest of the implementation uses a Gray stream instance is in
lisp/gray_adapter.py.
"""
from __future__ import annotations

from . import gray_adapter, stream_classes  # noqa: F401  (the classes of streams)
from .clos import (GenericFunction, NO_APPLICABLE_METHOD, builtin_method,
                   function_name_cell, intern_eql_specializer)
from .clos_classes import lisp_defclass
from .clos_slots import set_slot_value, slot_value
from .compound_streams import BroadcastStream
from .errors import type_error
from .functions import Primitive, call_lisp, intern_name
from .gray_docs import CLASS_DOCS, FUNCTION_DOCS
from .objects import (CL, MV, NIL, T, Char, LString, Package, cl_sym,
                      find_package, keyword, lisp_list, make_char)
from .prims.seqbase import bounds, seq_items, seq_length, store_items
from .stdstreams import SynonymStream, TwoWayStream
from .types import CLASSES, define_class

__all__ = ["SB_GRAY"]

S = cl_sym
SB_GRAY = find_package("SB-GRAY") or Package(
    "SB-GRAY", use=[find_package(n) for n in ("SB-KERNEL", "SB-INT", "SB-EXT")] + [CL])
_EOF = keyword("EOF")
_NEWLINE = make_char("\n")
_SPACE = make_char(" ")


def _gray(name: str):
    """The symbol NAME of SB-GRAY, exported."""
    sym = SB_GRAY.intern(name)[0]
    SB_GRAY.export(sym)
    return sym


# ---------------------------------------------------------------- the classes
def _define_class(name: str, supers: list, slots=NIL):
    """Define the standard class NAME as DEFCLASS would (nothing in it
    calls Lisp: its one slot's initform is a constant)."""
    run = lisp_defclass(_gray(name), lisp_list(*supers), slots, NIL, LString(CLASS_DOCS[name]))
    try:
        next(run)
    except StopIteration as done:
        return done.value
    raise AssertionError("defining %s called Lisp" % name)


_OPEN_P = SB_GRAY.intern("OPEN-P")[0]
_STREAM_OPEN_P = SB_GRAY.intern("STREAM-OPEN-P")[0]
FUNDAMENTAL_STREAM = _define_class(
    "FUNDAMENTAL-STREAM", [S("STANDARD-OBJECT"), S("STREAM")],
    # (name initargs readers writers allocation initform initfunction type doc)
    lisp_list(lisp_list(_OPEN_P, NIL, lisp_list(_STREAM_OPEN_P),
                        lisp_list(lisp_list(S("SETF"), _STREAM_OPEN_P)), keyword("INSTANCE"),
                        T, lisp_list(S("QUOTE"), T), T, NIL)))
_classes = {"FUNDAMENTAL-STREAM": FUNDAMENTAL_STREAM}
for _name, _supers in [
        ("FUNDAMENTAL-INPUT-STREAM", ["FUNDAMENTAL-STREAM"]),
        ("FUNDAMENTAL-OUTPUT-STREAM", ["FUNDAMENTAL-STREAM"]),
        ("FUNDAMENTAL-CHARACTER-STREAM", ["FUNDAMENTAL-STREAM"]),
        ("FUNDAMENTAL-BINARY-STREAM", ["FUNDAMENTAL-STREAM"]),
        ("FUNDAMENTAL-CHARACTER-INPUT-STREAM",
         ["FUNDAMENTAL-INPUT-STREAM", "FUNDAMENTAL-CHARACTER-STREAM"]),
        ("FUNDAMENTAL-CHARACTER-OUTPUT-STREAM",
         ["FUNDAMENTAL-OUTPUT-STREAM", "FUNDAMENTAL-CHARACTER-STREAM"]),
        ("FUNDAMENTAL-BINARY-INPUT-STREAM",
         ["FUNDAMENTAL-INPUT-STREAM", "FUNDAMENTAL-BINARY-STREAM"]),
        ("FUNDAMENTAL-BINARY-OUTPUT-STREAM",
         ["FUNDAMENTAL-OUTPUT-STREAM", "FUNDAMENTAL-BINARY-STREAM"])]:
    _classes[_name] = _define_class(_name, [_classes[s] for s in _supers])
gray_adapter.register_class(FUNDAMENTAL_STREAM)
# SBCL's CL-USER uses SB-GRAY
find_package("COMMON-LISP-USER").use(SB_GRAY)

# SBCL's reader streams, on which STREAM-LINE-COLUMN has a method of its own
define_class(intern_name("SB-INT:FORM-TRACKING-STREAM"), [CLASSES[intern_name("SB-SYS:FD-STREAM")]],
             "structure")

ANSI_STREAM = CLASSES[intern_name("SB-KERNEL:ANSI-STREAM")]
_INPUT, _OUTPUT = _classes["FUNDAMENTAL-INPUT-STREAM"], _classes["FUNDAMENTAL-OUTPUT-STREAM"]
_CHAR_STREAM = _classes["FUNDAMENTAL-CHARACTER-STREAM"]
_CHAR_INPUT = _classes["FUNDAMENTAL-CHARACTER-INPUT-STREAM"]
_CHAR_OUTPUT = _classes["FUNDAMENTAL-CHARACTER-OUTPUT-STREAM"]
_BINARY_INPUT = _classes["FUNDAMENTAL-BINARY-INPUT-STREAM"]
_BINARY_OUTPUT = _classes["FUNDAMENTAL-BINARY-OUTPUT-STREAM"]
_SEQUENCE, _T = CLASSES[S("SEQUENCE")], CLASSES[T]


# ---------------------------------------------------------------- the generic functions
def _lambda_list(text: str):
    """TEXT's words as CL's symbols where CL has them, else SB-GRAY's."""
    words = [w.upper() for w in text.split()]
    return lisp_list(*[CL.external.get(w) or SB_GRAY.intern(w)[0] for w in words])


_GENERICS = [
    ("SB-GRAY:STREAM-READ-CHAR", "stream"),
    ("SB-GRAY:STREAM-UNREAD-CHAR", "stream character"),
    ("SB-GRAY:STREAM-READ-CHAR-NO-HANG", "stream"),
    ("SB-GRAY:STREAM-PEEK-CHAR", "stream"),
    ("SB-GRAY:STREAM-LISTEN", "stream"),
    ("SB-GRAY:STREAM-READ-LINE", "stream"),
    ("SB-GRAY:STREAM-CLEAR-INPUT", "stream"),
    ("SB-GRAY:STREAM-READ-SEQUENCE", "stream seq &optional start end"),
    ("SB-GRAY:STREAM-WRITE-CHAR", "stream character"),
    ("SB-GRAY:STREAM-LINE-COLUMN", "stream"),
    ("SB-GRAY:STREAM-LINE-LENGTH", "stream"),
    ("SB-GRAY:STREAM-START-LINE-P", "stream"),
    ("SB-GRAY:STREAM-WRITE-STRING", "stream string &optional start end"),
    ("SB-GRAY:STREAM-TERPRI", "stream"),
    ("SB-GRAY:STREAM-FRESH-LINE", "stream"),
    ("SB-GRAY:STREAM-FINISH-OUTPUT", "stream"),
    ("SB-GRAY:STREAM-FORCE-OUTPUT", "stream"),
    ("SB-GRAY:STREAM-CLEAR-OUTPUT", "stream"),
    ("SB-GRAY:STREAM-ADVANCE-TO-COLUMN", "stream column"),
    ("SB-GRAY:STREAM-WRITE-SEQUENCE", "stream seq &optional start end"),
    ("SB-GRAY:STREAM-READ-BYTE", "stream"),
    ("SB-GRAY:STREAM-WRITE-BYTE", "stream integer"),
    ("SB-GRAY:STREAM-FILE-POSITION", "stream &optional position-spec"),
    # CL's stream functions SBCL makes generic
    ("CLOSE", "stream &key abort"),
    ("OPEN-STREAM-P", "stream"),
    ("STREAM-ELEMENT-TYPE", "stream"),
    ("INPUT-STREAM-P", "stream"),
    ("OUTPUT-STREAM-P", "stream"),
    ("INTERACTIVE-STREAM-P", "stream"),
]
# SBCL's class of the CL functions it makes generic
STREAM_FUNCTION = define_class(SB_GRAY.intern("STREAM-FUNCTION")[0],
                               [CLASSES[S("STANDARD-GENERIC-FUNCTION")]])
STREAM_FUNCTION.extra["metaclass"] = CLASSES[intern_name("SB-MOP:FUNCALLABLE-STANDARD-CLASS")]
G = gray_adapter.GENERIC
for _name, _ll in _GENERICS:
    _sym = intern_name(_name)
    _gf = GenericFunction(_sym, _lambda_list(_ll))
    _gf.doc = FUNCTION_DOCS[_sym.name]
    if _sym.package is CL:
        _gf.metaclass = STREAM_FUNCTION
    function_name_cell(_sym)[1](_gf)
    G[_name] = _gf


def _method(name: str, specializers: list, fn, kind: str = "gen"):
    """FN (chain, arglist, *args) as the built-in method of the generic
    function NAME on the classes SPECIALIZERS. A gen method calls Lisp with
    ``yield from call_lisp``."""
    gf = G[name]
    builtin_method(gf, (), specializers, Primitive(gf.name, fn, 2 + gf.nreq, None, kind=kind))


def _call(name: str, *args):
    """Inside a gen method: ``v = yield from _call("SB-GRAY:STREAM-READ-CHAR", s)``."""
    return (yield from call_lisp(G[name], *args))


def _constant(value):
    def method(chain, arglist, stream, *rest):
        return value
    return method


# ---------------------------------------------------------------- CL's generic stream functions
def _close_ansi(chain, arglist, stream, *keys):
    abort = NIL
    for k, v in zip(keys[::2], keys[1::2]):
        if k is keyword("ABORT"):
            abort = v
            break
    # Closing a compound stream leaves its components alone, output too.
    if stream.open and abort is NIL and stream.output_p() and \
            not isinstance(stream, (BroadcastStream, TwoWayStream, SynonymStream)):
        stream.finish()
    stream.close(abort is not NIL)
    return T


def _close_gray(chain, arglist, stream, *keys):
    set_slot_value(stream, _OPEN_P, NIL)
    return T


def _interactive_ansi(chain, arglist, stream):
    stream.check_open()
    return T if stream.interactive() else NIL


_method("CLOSE", [FUNDAMENTAL_STREAM], _close_gray, "simple")
_method("CLOSE", [ANSI_STREAM], _close_ansi, "simple")
_method("OPEN-STREAM-P", [FUNDAMENTAL_STREAM],
        lambda chain, arglist, stream: slot_value(stream, _OPEN_P), "simple")
_method("OPEN-STREAM-P", [ANSI_STREAM],
        lambda chain, arglist, stream: T if stream.open else NIL, "simple")
_method("STREAM-ELEMENT-TYPE", [_CHAR_STREAM], _constant(S("CHARACTER")), "simple")
_method("STREAM-ELEMENT-TYPE", [ANSI_STREAM],
        lambda chain, arglist, stream: stream.stream_element_type(), "simple")
for _name, _direction, _test in [("INPUT-STREAM-P", _INPUT, "input_p"),
                                 ("OUTPUT-STREAM-P", _OUTPUT, "output_p")]:
    _method(_name, [_direction], _constant(T), "simple")
    _method(_name, [FUNDAMENTAL_STREAM], _constant(NIL), "simple")
    _method(_name, [ANSI_STREAM], (lambda test: lambda chain, arglist, stream:
                                   T if getattr(stream, test)() else NIL)(_test), "simple")
_method("INTERACTIVE-STREAM-P", [FUNDAMENTAL_STREAM], _constant(NIL), "simple")
_method("INTERACTIVE-STREAM-P", [ANSI_STREAM], _interactive_ansi, "simple")


def _not_a_stream(m, args):
    """SBCL checks that these functions' argument is a stream before
    dispatching: a non-stream is a TYPE-ERROR, a stream without a method
    goes on to NO-APPLICABLE-METHOD's usual error."""
    chain, arglist, real = args[0], args[1], args[2:]
    if len(real) > 1 and gray_adapter.as_stream(real[1]) is None:
        raise type_error(real[1], S("STREAM"))
    chain.call_next(m, arglist, real)


for _name in ("CLOSE", "OPEN-STREAM-P", "STREAM-ELEMENT-TYPE", "INPUT-STREAM-P",
              "OUTPUT-STREAM-P", "INTERACTIVE-STREAM-P"):
    builtin_method(NO_APPLICABLE_METHOD, (), [intern_eql_specializer(G[_name])],
                   Primitive(NO_APPLICABLE_METHOD.name, _not_a_stream, 3, None, kind="control"))


# ---------------------------------------------------------------- character input
def _character(c):
    """A character a method returned, or :EOF; anything else is an error."""
    if type(c) is not Char and c is not _EOF:
        raise type_error(c, S("CHARACTER"))
    return c


def _read_char_no_hang(chain, arglist, stream):
    return (yield from _call("SB-GRAY:STREAM-READ-CHAR", stream))


def _peek_char(chain, arglist, stream):
    c = yield from _call("SB-GRAY:STREAM-READ-CHAR", stream)
    if c is not _EOF:
        yield from _call("SB-GRAY:STREAM-UNREAD-CHAR", stream, c)
    return c


def _listen(chain, arglist, stream):
    c = yield from _call("SB-GRAY:STREAM-READ-CHAR-NO-HANG", stream)
    if type(c) is Char:
        yield from _call("SB-GRAY:STREAM-UNREAD-CHAR", stream, c)
        return T
    return NIL


def _read_line(chain, arglist, stream):
    chars = []
    while True:
        c = _character((yield from _call("SB-GRAY:STREAM-READ-CHAR", stream)))
        if c is _EOF:
            return MV((LString("".join(chars)), T))
        if c.ch == "\n":
            return MV((LString("".join(chars)), NIL))
        chars.append(c.ch)


def _sequence_bounds(seq, start, end) -> tuple[int, int]:
    length = seq_length(seq)
    return bounds(seq, start, length if end is NIL else end, length)


def _read_sequence(read: str):
    """The default STREAM-READ-SEQUENCE reading elements with the generic
    function READ; a binary stream's element type is asked first, as SBCL
    does to choose how to read."""
    def method(chain, arglist, stream, seq, start=0, end=NIL):
        if read == "SB-GRAY:STREAM-READ-BYTE":
            yield from _call("STREAM-ELEMENT-TYPE", stream)
        start, end = _sequence_bounds(seq, start, end)
        items = []
        while start + len(items) < end:
            x = yield from _call(read, stream)
            if x is _EOF:
                break
            items.append(x)
        store_items(seq, start, items)
        return start + len(items)
    return method


_method("SB-GRAY:STREAM-READ-CHAR-NO-HANG", [_CHAR_INPUT], _read_char_no_hang)
_method("SB-GRAY:STREAM-PEEK-CHAR", [_CHAR_INPUT], _peek_char)
_method("SB-GRAY:STREAM-LISTEN", [_CHAR_INPUT], _listen)
_method("SB-GRAY:STREAM-READ-LINE", [_CHAR_INPUT], _read_line)
_method("SB-GRAY:STREAM-CLEAR-INPUT", [_CHAR_INPUT], _constant(NIL), "simple")
_method("SB-GRAY:STREAM-READ-SEQUENCE", [_BINARY_INPUT, _SEQUENCE],
        _read_sequence("SB-GRAY:STREAM-READ-BYTE"))
_method("SB-GRAY:STREAM-READ-SEQUENCE", [_CHAR_INPUT, _SEQUENCE],
        _read_sequence("SB-GRAY:STREAM-READ-CHAR"))


# ---------------------------------------------------------------- character output
def _start_line_p(chain, arglist, stream):
    column = yield from _call("SB-GRAY:STREAM-LINE-COLUMN", stream)
    return T if column == 0 and type(column) is int else NIL


def _write_string(chain, arglist, stream, string, start=0, end=NIL):
    if not isinstance(string, LString):
        raise type_error(string, S("STRING"))
    start, end = _sequence_bounds(string, start, end)
    for ch in string.value[start:end]:
        yield from _call("SB-GRAY:STREAM-WRITE-CHAR", stream, make_char(ch))
    return string


def _terpri(chain, arglist, stream):
    return (yield from _call("SB-GRAY:STREAM-WRITE-CHAR", stream, _NEWLINE))


def _fresh_line(chain, arglist, stream):
    if (yield from _call("SB-GRAY:STREAM-START-LINE-P", stream)) is not NIL:
        return NIL
    yield from _call("SB-GRAY:STREAM-TERPRI", stream)
    return T


def _advance_to_column(chain, arglist, stream, column):
    current = yield from _call("SB-GRAY:STREAM-LINE-COLUMN", stream)
    if current is NIL:
        return NIL
    for _ in range(column - current):
        yield from _call("SB-GRAY:STREAM-WRITE-CHAR", stream, _SPACE)
    return T


def _elements(seq, start: int, end: int) -> list:
    return seq_items(seq)[start:end]


def _write_sequence(write: str):
    """The default STREAM-WRITE-SEQUENCE writing elements with the generic
    function WRITE (a binary stream's element type asked first; a string
    to a character stream goes to STREAM-WRITE-STRING whole)."""
    def method(chain, arglist, stream, seq, start=0, end=NIL):
        if write == "SB-GRAY:STREAM-WRITE-BYTE":
            yield from _call("STREAM-ELEMENT-TYPE", stream)
        start, end = _sequence_bounds(seq, start, end)
        if isinstance(seq, LString) and write == "SB-GRAY:STREAM-WRITE-CHAR":
            yield from _call("SB-GRAY:STREAM-WRITE-STRING", stream, seq, start, end)
            return seq
        for item in _elements(seq, start, end):
            yield from _call(write, stream, item)
        return seq
    return method


_method("SB-GRAY:STREAM-LINE-COLUMN", [_CHAR_OUTPUT], _constant(NIL), "simple")
_method("SB-GRAY:STREAM-LINE-COLUMN", [CLASSES[intern_name("SB-INT:FORM-TRACKING-STREAM")]],
        lambda chain, arglist, stream: stream.column, "simple")
_method("SB-GRAY:STREAM-LINE-LENGTH", [_CHAR_OUTPUT], _constant(NIL), "simple")
_method("SB-GRAY:STREAM-START-LINE-P", [_CHAR_OUTPUT], _start_line_p)
_method("SB-GRAY:STREAM-WRITE-STRING", [_CHAR_OUTPUT, _T], _write_string)
_method("SB-GRAY:STREAM-TERPRI", [_CHAR_OUTPUT], _terpri)
_method("SB-GRAY:STREAM-FRESH-LINE", [_CHAR_OUTPUT], _fresh_line)
_method("SB-GRAY:STREAM-ADVANCE-TO-COLUMN", [_CHAR_OUTPUT, _T], _advance_to_column)
for _name in ("SB-GRAY:STREAM-FINISH-OUTPUT", "SB-GRAY:STREAM-FORCE-OUTPUT",
              "SB-GRAY:STREAM-CLEAR-OUTPUT"):
    _method(_name, [_OUTPUT], _constant(NIL), "simple")
_method("SB-GRAY:STREAM-WRITE-SEQUENCE", [_BINARY_OUTPUT, _SEQUENCE],
        _write_sequence("SB-GRAY:STREAM-WRITE-BYTE"))
_method("SB-GRAY:STREAM-WRITE-SEQUENCE", [_CHAR_OUTPUT, _SEQUENCE],
        _write_sequence("SB-GRAY:STREAM-WRITE-CHAR"))


# ---------------------------------------------------------------- positions
def _file_position_ansi(chain, arglist, stream, position=NIL):
    from .prims.streamio import file_position
    return file_position(stream) if position is NIL else file_position(stream, position)


_method("SB-GRAY:STREAM-FILE-POSITION", [FUNDAMENTAL_STREAM], _constant(NIL), "simple")
_method("SB-GRAY:STREAM-FILE-POSITION", [ANSI_STREAM], _file_position_ansi, "simple")

"""Stream functions of CLHS 21: making string and compound streams, reading
characters and lines, STREAMP, and the WITH- macros over streams. Writing
characters is in prims/printing.py; bytes, sequences and positions in
prims/streamio.py; files in prims/files.py; CLOSE, OPEN-STREAM-P and the
other generic functions Gray streams specialize in lisp/gray_streams.py."""
from __future__ import annotations

from .. import stream_classes  # noqa: F401  (the classes of streams)
from ..compound_streams import BroadcastStream, ConcatenatedStream, EchoStream
from ..dynamic import symbol_value
from ..gray_adapter import GrayStream, as_stream
from ..errors import lisp_error, type_error
from ..functions import defun
from ..macros import defmacro, args_of, body_of, L
from ..objects import (NIL, T, MV, Symbol, LString, Char, Cons, cl_sym, sys_sym, keyword,
                       make_char, lisp_list, list_to_py)
from ..reader_settings import READTABLE
from ..readtable import STANDARD_SYNTAX, WHITESPACE, Readtable
from ..stdstreams import SynonymStream, TwoWayStream, input_stream
from ..streams import (LispStream, StringOutputStream, FillPointerOutputStream,
                       StringInputStream, eof_or)
from .seqbase import bounds

S = cl_sym


def stream_arg(x) -> LispStream:
    """X, which must be a stream (not a stream designator); a Gray stream
    instance as its adapter."""
    if isinstance(x, LispStream):
        return x
    stream = as_stream(x)
    if stream is None:
        raise type_error(x, S("STREAM"))
    return stream


def truth(x):
    return T if x else NIL


def _split_body(form, n):
    """(declarations, forms) of FORM's body after N arguments."""
    decls = []
    x = body_of(form, n)
    while type(x) is Cons and type(x.car) is Cons and x.car.car is S("DECLARE"):
        decls.append(x.car)
        x = x.cdr
    return decls, x


def _options(items: list, allowed: tuple, form) -> dict:
    if len(items) % 2:
        raise lisp_error("SIMPLE-PROGRAM-ERROR", "odd number of keyword arguments in ~S", form)
    opts = {}
    for k, v in zip(items[::2], items[1::2]):
        if not (isinstance(k, Symbol) and k.name in allowed):
            raise lisp_error("SIMPLE-PROGRAM-ERROR", "unknown keyword ~S in ~S", k, form)
        opts.setdefault(k.name, v)
    return opts


# ---------------------------------------------------------------- string streams
_BASE_CHAR_TYPES = {S("BASE-CHAR"), S("STANDARD-CHAR")}


@defun("MAKE-STRING-OUTPUT-STREAM", "&key element-type")
def make_string_output_stream(element_type=S("CHARACTER")):
    """Return an output stream which accumulates all output given it for
    the benefit of GET-OUTPUT-STREAM-STRING."""
    if element_type in _BASE_CHAR_TYPES:
        return StringOutputStream(S("BASE-CHAR"))
    if element_type is not S("CHARACTER"):
        raise lisp_error("SIMPLE-ERROR", "~S is not a subtype of CHARACTER", element_type)
    return StringOutputStream()


@defun("GET-OUTPUT-STREAM-STRING", "stream")
def get_output_stream_string(stream):
    """Return the characters written to STREAM since it was made or last
    asked, and clear it."""
    if not isinstance(stream, StringOutputStream):
        raise type_error(stream, "SB-IMPL::STRING-OUTPUT-STREAM")
    return LString(stream.getvalue())


@defun("MAKE-STRING-INPUT-STREAM", "string &optional start end")
def make_string_input_stream(string, start=0, end=NIL):
    """Return an input stream which supplies the characters of STRING
    between START and END in order."""
    if not isinstance(string, LString):
        raise type_error(string, S("STRING"))
    s = string.value
    start, e = bounds(string, start, end, len(s))
    return StringInputStream(s, start, e)


@defun("SYS:%MAKE-FILL-POINTER-OUTPUT-STREAM", "string")
def make_fill_pointer_output_stream(string):
    if not isinstance(string, LString) or string.fill_pointer is None:
        raise lisp_error("SIMPLE-ERROR", "~S is not a string with a fill-pointer", string)
    return FillPointerOutputStream(string)


@defmacro("WITH-OUTPUT-TO-STRING")
def m_with_output_to_string(form, env):
    spec = list_to_py(args_of(form, 1)[0])
    var = spec[0]
    string = spec[1] if len(spec) > 1 else NIL
    opts = _options(spec[2:], ("ELEMENT-TYPE",), form)
    decls, forms = _split_body(form, 1)
    # As in SBCL the stream has dynamic extent: it is not closed on exit.
    body = Cons(S("PROGN"), forms)
    if string is not NIL:
        return L(S("LET"), L(L(var, L(sys_sym("%MAKE-FILL-POINTER-OUTPUT-STREAM"), string))),
                 *decls, body)
    make = L(S("MAKE-STRING-OUTPUT-STREAM"))
    if "ELEMENT-TYPE" in opts:
        make = L(S("MAKE-STRING-OUTPUT-STREAM"), keyword("ELEMENT-TYPE"), opts["ELEMENT-TYPE"])
    return L(S("LET"), L(L(var, make)), *decls, body, L(S("GET-OUTPUT-STREAM-STRING"), var))


@defmacro("WITH-INPUT-FROM-STRING")
def m_with_input_from_string(form, env):
    spec = list_to_py(args_of(form, 1)[0])
    var, string = spec[0], spec[1]
    opts = _options(spec[2:], ("INDEX", "START", "END"), form)
    decls, forms = _split_body(form, 1)
    make = L(S("MAKE-STRING-INPUT-STREAM"), string, opts.get("START", 0), opts.get("END", NIL))
    body = Cons(S("PROGN"), forms)
    if "INDEX" in opts:
        # The index is stored only when the body returns normally.
        body = L(S("MULTIPLE-VALUE-PROG1"), body,
                 L(S("SETF"), opts["INDEX"], L(sys_sym("%STRING-INPUT-POSITION"), var)))
    return L(S("LET"), L(L(var, make)), *decls, body)


@defun("SYS:%STRING-INPUT-POSITION", "stream")
def string_input_position(stream):
    return stream.pos - len(stream.unread)


@defmacro("WITH-OPEN-STREAM")
def m_with_open_stream(form, env):
    var, stream = list_to_py(args_of(form, 1)[0])
    decls, forms = _split_body(form, 1)
    return L(S("LET"), L(L(var, stream)), *decls,
             L(S("UNWIND-PROTECT"), Cons(S("PROGN"), forms), L(S("CLOSE"), var)))


# ---------------------------------------------------------------- compound streams
def _streams_checked(streams, predicate: str) -> list:
    checked = []
    for x in streams:
        s = stream_arg(x)
        ok = s.input_p() if predicate == "INPUT-STREAM-P" else s.output_p()
        if not ok:
            raise type_error(x, lisp_list(S("SATISFIES"), S(predicate)))
        checked.append(s)
    return checked


@defun("MAKE-BROADCAST-STREAM", "&rest streams")
def make_broadcast_stream(*streams):
    """Return an output stream which sends its output to all of STREAMS."""
    return BroadcastStream(_streams_checked(streams, "OUTPUT-STREAM-P"))


@defun("MAKE-CONCATENATED-STREAM", "&rest streams")
def make_concatenated_stream(*streams):
    """Return an input stream which reads from each of STREAMS in turn."""
    return ConcatenatedStream(_streams_checked(streams, "INPUT-STREAM-P"))


@defun("MAKE-TWO-WAY-STREAM", "input-stream output-stream")
def make_two_way_stream(input_stream_, output_stream):
    """Return a bidirectional stream which reads from INPUT-STREAM and
    writes to OUTPUT-STREAM."""
    output = _streams_checked([output_stream], "OUTPUT-STREAM-P")
    return TwoWayStream(*_streams_checked([input_stream_], "INPUT-STREAM-P"), *output)


@defun("MAKE-ECHO-STREAM", "input-stream output-stream")
def make_echo_stream(input_stream_, output_stream):
    """Return a bidirectional stream which reads from INPUT-STREAM, writing
    every character read to OUTPUT-STREAM, and writes to OUTPUT-STREAM."""
    output = _streams_checked([output_stream], "OUTPUT-STREAM-P")
    return EchoStream(*_streams_checked([input_stream_], "INPUT-STREAM-P"), *output)


@defun("MAKE-SYNONYM-STREAM", "symbol")
def make_synonym_stream(symbol):
    """Return a stream which performs its operations on the stream that is
    the current value of the dynamic variable named by SYMBOL."""
    if not isinstance(symbol, Symbol):
        raise type_error(symbol, S("SYMBOL"))
    return SynonymStream(symbol)


def _component(stream, cls, type_name: str):
    if not isinstance(stream, cls):
        raise type_error(stream, S(type_name))
    return stream


@defun("BROADCAST-STREAM-STREAMS", "broadcast-stream")
def broadcast_stream_streams(stream):
    return lisp_list(*[s.lisp_object() for s in
                       _component(stream, BroadcastStream, "BROADCAST-STREAM").streams])


@defun("CONCATENATED-STREAM-STREAMS", "concatenated-stream")
def concatenated_stream_streams(stream):
    return lisp_list(*[s.lisp_object() for s in
                       _component(stream, ConcatenatedStream, "CONCATENATED-STREAM").streams])


@defun("TWO-WAY-STREAM-INPUT-STREAM", "two-way-stream")
def two_way_stream_input_stream(stream):
    return _component(stream, TwoWayStream, "TWO-WAY-STREAM").input.lisp_object()


@defun("TWO-WAY-STREAM-OUTPUT-STREAM", "two-way-stream")
def two_way_stream_output_stream(stream):
    return _component(stream, TwoWayStream, "TWO-WAY-STREAM").output.lisp_object()


@defun("ECHO-STREAM-INPUT-STREAM", "echo-stream")
def echo_stream_input_stream(stream):
    return _component(stream, EchoStream, "ECHO-STREAM").input.lisp_object()


@defun("ECHO-STREAM-OUTPUT-STREAM", "echo-stream")
def echo_stream_output_stream(stream):
    return _component(stream, EchoStream, "ECHO-STREAM").output.lisp_object()


@defun("SYNONYM-STREAM-SYMBOL", "synonym-stream")
def synonym_stream_symbol(stream):
    return _component(stream, SynonymStream, "SYNONYM-STREAM").symbol


# ---------------------------------------------------------------- reading characters and lines
@defun("READ-CHAR", "&optional input-stream eof-error-p eof-value recursive-p")
def read_char(stream=NIL, eof_error_p=T, eof_value=NIL, recursive_p=NIL):
    s = input_stream(stream)
    c = s.read_char()
    if c is None:
        return eof_or(s, eof_error_p, eof_value)
    return make_char(c)


@defun("READ-CHAR-NO-HANG", "&optional input-stream eof-error-p eof-value recursive-p")
def read_char_no_hang(stream=NIL, eof_error_p=T, eof_value=NIL, recursive_p=NIL):
    """Like READ-CHAR, but NIL when no character is available yet."""
    s = input_stream(stream)
    c = s.read_char_no_hang()
    if c is None:
        return eof_or(s, eof_error_p, eof_value)
    return make_char(c) if c else NIL


# whitespace[2] in the standard syntax (CLHS 2.1.4)


@defun("PEEK-CHAR", "&optional peek-type input-stream eof-error-p eof-value recursive-p")
def peek_char(peek_type=NIL, stream=NIL, eof_error_p=T, eof_value=NIL, recursive_p=NIL):
    """The next character of INPUT-STREAM, left unread. PEEK-TYPE T skips
    whitespace first; a character skips up to that character."""
    s = input_stream(stream)
    if not (peek_type is NIL or peek_type is T or isinstance(peek_type, Char)):
        raise type_error(peek_type, lisp_list(S("OR"), S("CHARACTER"), S("BOOLEAN")))
    # Whitespace[2] is what the current readtable says it is.
    readtable = symbol_value(READTABLE)
    syntax = readtable.syntax if type(readtable) is Readtable else STANDARD_SYNTAX
    if peek_type is not NIL and type(s) is GrayStream:
        # SBCL reads a Gray stream up to the character and gives that one back
        while True:
            c = s.read_char()
            if c is None:
                return eof_or(s, eof_error_p, eof_value)
            if (peek_type is T and syntax.get(c) != WHITESPACE) or \
                    (isinstance(peek_type, Char) and c == peek_type.ch):
                s.unread_char(c)
                return make_char(c)
    while True:
        c = s.peek()
        if c is None:
            return eof_or(s, eof_error_p, eof_value)
        if peek_type is NIL or (peek_type is T and syntax.get(c) != WHITESPACE) or \
                (isinstance(peek_type, Char) and c == peek_type.ch):
            return make_char(c)
        s.read_char()


@defun("UNREAD-CHAR", "character &optional input-stream")
def unread_char(character, stream=NIL):
    if not isinstance(character, Char):
        raise type_error(character, S("CHARACTER"))
    input_stream(stream).unread_char(character.ch)
    return NIL


@defun("READ-LINE", "&optional input-stream eof-error-p eof-value recursive-p", mv=True)
def read_line(stream=NIL, eof_error_p=T, eof_value=NIL, recursive_p=NIL):
    s = input_stream(stream)
    line, missing = s.read_line()
    if line is None:
        return MV((eof_or(s, eof_error_p, eof_value), T))
    return MV((LString(line), truth(missing)))


@defun("LISTEN", "&optional input-stream")
def listen(stream=NIL):
    """True if a character is available on INPUT-STREAM now."""
    return truth(input_stream(stream).listen())


@defun("CLEAR-INPUT", "&optional input-stream")
def clear_input(stream=NIL):
    """Drop any input already available on INPUT-STREAM."""
    input_stream(stream).clear_input()
    return NIL


# ---------------------------------------------------------------- the stream as a whole
@defun("STREAMP", "object")
def streamp(x):
    return truth(as_stream(x) is not None)


@defun("STREAM-EXTERNAL-FORMAT", "stream")
def stream_external_format(x):
    return stream_arg(x).external_format()

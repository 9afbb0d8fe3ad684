"""Bytes, sequences and positions on streams (CLHS 21): READ-BYTE,
WRITE-BYTE, READ-SEQUENCE, WRITE-SEQUENCE, FILE-POSITION, FILE-LENGTH and
FILE-STRING-LENGTH."""
from __future__ import annotations

from ..compound_streams import BroadcastStream
from ..dynamic import state
from ..errors import lisp_error, type_error
from ..filestreams import FileStream
from ..functions import defun
from ..gray_adapter import GENERIC, GrayStream
from ..objects import MV, NIL, T, Char, Cons, LString, Vector, cl_sym, keyword, lisp_list, \
    make_char
from ..stdstreams import SynonymStream
from ..streams import LispStream, PyTextStream, eof_or
from .seqbase import bounds, seq_items, seq_length, store_items
from .streams import stream_arg

S = cl_sym


def _call_gray(name: str, stream: GrayStream, *args):
    """The primary value of the SB-GRAY generic function NAME called on the
    Gray stream's instance and ARGS."""
    v = state.machine.call_nested(GENERIC[name], [stream.instance, *args])
    return (v[0] if v else NIL) if type(v) is MV else v


@defun("READ-BYTE", "stream &optional eof-error-p eof-value")
def read_byte(stream, eof_error_p=T, eof_value=NIL):
    """Read one byte (element) from the binary STREAM."""
    s = stream_arg(stream)
    b = s.read_byte()
    if b is None:
        return eof_or(s, eof_error_p, eof_value)
    return b


@defun("WRITE-BYTE", "byte stream")
def write_byte(byte, stream):
    """Write BYTE to the binary STREAM."""
    stream_arg(stream).write_byte(byte)
    return byte


def _writes_bytes(s) -> bool | None:
    """True for a binary stream, None for a bivalent one, False for a
    character stream."""
    while isinstance(s, SynonymStream):
        s = s.target()
    if isinstance(s, FileStream):
        return {"binary": True, "bivalent": None}.get(s.kind.kind, False)
    if isinstance(s, PyTextStream):
        return None
    return False


@defun("READ-SEQUENCE", "sequence stream &key start end")
def read_sequence(sequence, stream, start=0, end=NIL):
    """Fill SEQUENCE from START to END with elements read from STREAM;
    return the index of the first element not filled."""
    s = stream_arg(stream)
    if type(s) is GrayStream:
        return _call_gray("SB-GRAY:STREAM-READ-SEQUENCE", s, sequence, start, end)
    start, end = bounds(sequence, start, end, seq_length(sequence))
    binary = _writes_bytes(s)
    if binary is None:
        binary = type(sequence) is Vector and sequence.element_type is not S("T")
    items = []
    want = end - start
    if binary:
        while len(items) < want:
            b = s.read_byte()
            if b is None:
                break
            items.append(b)
    else:
        while len(items) < want:
            c = s.read_char()
            if c is None:
                break
            items.append(make_char(c))
    store_items(sequence, start, items)
    return start + len(items)


@defun("WRITE-SEQUENCE", "sequence stream &key start end")
def write_sequence(sequence, stream, start=0, end=NIL):
    """Write the elements of SEQUENCE from START to END to STREAM."""
    s = stream_arg(stream)
    if type(s) is GrayStream:
        _call_gray("SB-GRAY:STREAM-WRITE-SEQUENCE", s, sequence, start, end)
        return sequence
    if not (type(sequence) is Cons or sequence is NIL or isinstance(sequence, (LString, Vector))):
        raise type_error(sequence, S("SEQUENCE"))
    start, end = bounds(sequence, start, end, seq_length(sequence))
    if isinstance(sequence, LString):
        s.write(sequence.value[start:end])
        return sequence
    items = seq_items(sequence)[start:end]
    binary = _writes_bytes(s)
    chars: list[str] = []
    for item in items:
        if type(item) is Char and binary is not True:
            chars.append(item.ch)
            continue
        if binary is False:
            raise type_error(item, S("CHARACTER"))
        if chars:
            s.write("".join(chars))
            chars = []
        s.write_byte(item)
    if chars:
        s.write("".join(chars))
    return sequence


_POSITION_TYPE = lisp_list(S("OR"), S("UNSIGNED-BYTE"),
                           lisp_list(S("MEMBER"), keyword("START"), keyword("END")))


@defun("FILE-POSITION", "stream &optional position")
def file_position(stream, position=None):
    """The position in STREAM (NIL when unknown); with POSITION (an index,
    :START or :END), move there and return true on success."""
    s = stream_arg(stream)
    if position is not None and position is not keyword("START") and \
            position is not keyword("END") and not (type(position) is int and position >= 0):
        raise type_error(position, _POSITION_TYPE)
    if type(s) is GrayStream:
        return _call_gray("SB-GRAY:STREAM-FILE-POSITION", s,
                          *(() if position is None else (position,)))
    if position is None:
        p = s.file_position()
        return NIL if p is None else p
    if position is keyword("START"):
        return s.set_file_position("start")
    if position is keyword("END"):
        return s.set_file_position("end")
    return s.set_file_position(position)


_FILE_LENGTH_TYPE = lisp_list(S("OR"), S("FILE-STREAM"), S("SYNONYM-STREAM"),
                              S("BROADCAST-STREAM"))


@defun("FILE-LENGTH", "stream")
def file_length(stream):
    """The length of the file STREAM is open on, in its elements."""
    s = stream
    while isinstance(s, SynonymStream):
        s.check_open()
        s = s.target()
    if isinstance(s, BroadcastStream):
        s.check_open()
        if not s.streams:
            return 0
        return file_length(s.streams[-1])
    if isinstance(s, FileStream):
        return s.file_length()
    if isinstance(s, PyTextStream):
        s.check_open()
        raise lisp_error("SIMPLE-TYPE-ERROR", "~S is not a stream associated with a file.",
                         s, datum=s, expected_type=S("FILE-STREAM"))
    raise type_error(s.lisp_object() if isinstance(s, LispStream) else s, _FILE_LENGTH_TYPE)


@defun("FILE-STRING-LENGTH", "stream object")
def file_string_length(stream, obj):
    """The number of elements writing OBJECT (a string or character) to
    STREAM would take, or NIL when that cannot be known."""
    s = stream_arg(stream)
    if isinstance(obj, Char):
        text = obj.ch
    elif isinstance(obj, LString):
        text = obj.value
    else:
        raise type_error(obj, lisp_list(S("OR"), S("STRING"), S("CHARACTER")))
    n = s.file_string_length(text)
    return NIL if n is None else n

"""SBCL's conversions between strings and octet vectors,
SB-EXT:STRING-TO-OCTETS and SB-EXT:OCTETS-TO-STRING, in the external
formats file streams know (filestreams.parse_external_format), with SBCL's
coding errors: SB-IMPL::OCTETS-ENCODING-ERROR for a character the format
cannot encode, and for octets that do not decode the OCTET-DECODING-ERROR
subclass SBCL's decoder signals (UTF-8: an invalid starter byte, an invalid
continuation byte, the end of the input inside a character; ASCII: a
malformed byte). With (format :replacement r) each is replaced instead.
Also SB-EXT:POSIX-GETENV.
"""
from __future__ import annotations

import os

from ..conditions import condition_class, slot_value
from ..equality import equal
from ..errors import LispError, type_error
from ..filestreams import parse_external_format
from ..functions import defun
from ..objects import NIL, LString, Vector, cl_sym, keyword, lisp_list

S = cl_sym
_OCTET = lisp_list(S("UNSIGNED-BYTE"), 8)


def _encoding_report(c, stream):
    from ..format import format_to_stream
    format_to_stream(stream, "Unable to encode character ~D as ~S.",
                     [slot_value(c, "CODE"), slot_value(c, "EXTERNAL-FORMAT")])


def _decoding_report(c, stream):
    from ..format import format_to_stream
    format_to_stream(stream, "Illegal ~S character starting at byte position ~D.",
                     [slot_value(c, "EXTERNAL-FORMAT"), slot_value(c, "POSITION")])


condition_class("SB-IMPL::OCTETS-ENCODING-ERROR", ["SB-INT:CHARACTER-ENCODING-ERROR"],
                [("STRING", "STRING"), ("POSITION", "POSITION")], _encoding_report)
condition_class("SB-IMPL::OCTET-DECODING-ERROR", ["SB-INT:CHARACTER-DECODING-ERROR"],
                [("ARRAY", "ARRAY"), ("START", "START"), ("END", "END"),
                 ("POSITION", "POSITION")], _decoding_report)
for _name in ("INVALID-UTF8-STARTER-BYTE", "INVALID-UTF8-CONTINUATION-BYTE",
              "END-OF-INPUT-IN-CHARACTER", "MALFORMED-ASCII"):
    condition_class("SB-IMPL::" + _name, ["SB-IMPL::OCTET-DECODING-ERROR"])


def _bounds(length: int, start, end):
    start = 0 if start is NIL else start
    end = length if end is NIL else end
    if not (type(start) is int and type(end) is int and 0 <= start <= end <= length):
        raise LispError("SIMPLE-ERROR", {
            "FORMAT-CONTROL": LString("The bounding indices ~S and ~S are bad for a "
                                      "sequence of length ~S."),
            "FORMAT-ARGUMENTS": lisp_list(start, end, length)})
    return start, end


@defun("SB-EXT:STRING-TO-OCTETS", "string &key external-format start end null-terminate")
def string_to_octets(string, external_format=NIL, start=NIL, end=NIL, null_terminate=NIL):
    """Return an octet vector that is STRING encoded with EXTERNAL-FORMAT."""
    if not isinstance(string, LString):
        raise type_error(string, "STRING")
    ef = parse_external_format(keyword("DEFAULT") if external_format is NIL
                               else external_format)
    start, end = _bounds(len(string), start, end)
    out = bytearray()
    for i, ch in enumerate(string.value[start:end], start):
        try:
            out += ch.encode(ef.codec)
        except UnicodeEncodeError:
            if ef.replacement is None:
                raise LispError("SB-IMPL::OCTETS-ENCODING-ERROR", {
                    "EXTERNAL-FORMAT": keyword(ef.name), "CODE": ord(ch), "STRING": string,
                    "POSITION": i})
            out += ef.replacement.encode(ef.codec)
    if null_terminate is not NIL:
        out += "\0".encode(ef.codec)
    return Vector(list(out), element_type=_OCTET)


def _utf8_problem(data: bytes, i: int):
    """The length of the valid UTF-8 character at data[i], or the name of
    SBCL's error class for it."""
    b = data[i]
    if b < 0x80:
        return 1
    if b < 0xC2 or b > 0xF4:
        return "INVALID-UTF8-STARTER-BYTE"
    n = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
    # the second byte's range excludes overlong forms, surrogates and codes past #x10FFFF
    low, high = {0xE0: (0xA0, 0xBF), 0xED: (0x80, 0x9F), 0xF0: (0x90, 0xBF),
                 0xF4: (0x80, 0x8F)}.get(b, (0x80, 0xBF))
    for k in range(1, n):
        if i + k >= len(data):
            return "END-OF-INPUT-IN-CHARACTER"
        lo, hi = (low, high) if k == 1 else (0x80, 0xBF)
        if not lo <= data[i + k] <= hi:
            return "INVALID-UTF8-CONTINUATION-BYTE"
    return n


def _decode(data: bytes, ef, array, start: int) -> str:
    def problem(kind, i):
        if ef.replacement is None:
            raise LispError("SB-IMPL::" + kind, {
                "EXTERNAL-FORMAT": keyword(ef.name), "ARRAY": array, "START": start,
                "END": start + len(data), "POSITION": start + i,
                "OCTETS": Vector(list(data[i:i + 1]), element_type=_OCTET)})
        return ef.replacement
    if ef.codec == "utf-8":
        chars, i = [], 0
        while i < len(data):
            r = _utf8_problem(data, i)
            if type(r) is str:
                chars.append(problem(r, i))
                i += 1
            else:
                chars.append(data[i:i + r].decode("utf-8"))
                i += r
        return "".join(chars)
    if ef.codec == "ascii":
        return "".join(chr(b) if b < 0x80 else problem("MALFORMED-ASCII", i)
                       for i, b in enumerate(data))
    return data.decode(ef.codec, errors="strict" if ef.replacement is None else "replace")


@defun("SB-EXT:OCTETS-TO-STRING", "vector &key external-format start end")
def octets_to_string(vector, external_format=NIL, start=NIL, end=NIL):
    """Return a string that is the octets of VECTOR decoded with
    EXTERNAL-FORMAT."""
    if not (type(vector) is Vector and equal(vector.element_type, _OCTET)):
        raise type_error(vector, lisp_list(S("VECTOR"), _OCTET))
    ef = parse_external_format(keyword("DEFAULT") if external_format is NIL
                               else external_format)
    items = list(vector.active())
    start, end = _bounds(len(items), start, end)
    return LString(_decode(bytes(items[start:end]), ef, vector, start))


@defun("SB-EXT:POSIX-GETENV", "name")
def posix_getenv(name):
    """Return the value of the environment variable NAME, or NIL."""
    if not isinstance(name, LString):
        raise type_error(name, "STRING")
    value = os.environ.get(name.value)
    return NIL if value is None else LString(value)

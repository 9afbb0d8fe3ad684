"""Sequence type specifiers as result types (CONCATENATE, MAP, MERGE,
MAKE-SEQUENCE, and COERCE to a sequence type): which kind of sequence to
build, with which element type and, when the type says so, which length.
"""
from __future__ import annotations

from ..arraydata import (upgrade_element_type, default_element, S_BIT,
                         S_CHARACTER, S_BASE_CHAR)
from ..errors import lisp_error
from ..objects import NIL, T, Cons, Symbol, CL, cl_sym
from .seqbase import list_from, new_vector

__all__ = ["SequenceType", "parse_sequence_type", "build_sequence"]

_STAR = cl_sym("*")


class SequenceType:
    """A parsed result type: ``kind`` 'list' or 'vector'; for vectors the
    upgraded ``element_type`` (a character type means a string); ``length``
    when the type fixes it; ``min_length`` 1 for CONS."""
    __slots__ = ("spec", "kind", "element_type", "length", "min_length")

    def __init__(self, spec, kind, element_type=T, length=None, min_length=0):
        self.spec = spec
        self.kind = kind
        self.element_type = element_type
        self.length = length
        self.min_length = min_length

    def check_length(self, n: int):
        if (self.length is not None and n != self.length) or n < self.min_length:
            raise lisp_error("SIMPLE-TYPE-ERROR",
                             "The length requested (~S) does not match the type restriction in ~S.",
                             n, self.spec, datum=n, expected_type=self.spec)

    def default_element(self):
        return NIL if self.kind == "list" else default_element(self.element_type)


def _bad(spec):
    return lisp_error("SIMPLE-TYPE-ERROR", "~S is a bad type specifier for sequences.",
                      spec, datum=spec, expected_type=cl_sym("SEQUENCE"))


_SIMPLE_NAMES = {
    "LIST": ("list", T, None, 0),
    "CONS": ("list", T, None, 1),
    "NULL": ("list", T, 0, 0),
    "VECTOR": ("vector", T, None, 0),
    "SIMPLE-VECTOR": ("vector", T, None, 0),
    "STRING": ("vector", S_CHARACTER, None, 0),
    "SIMPLE-STRING": ("vector", S_CHARACTER, None, 0),
    "BASE-STRING": ("vector", S_BASE_CHAR, None, 0),
    "SIMPLE-BASE-STRING": ("vector", S_BASE_CHAR, None, 0),
    "BIT-VECTOR": ("vector", S_BIT, None, 0),
    "SIMPLE-BIT-VECTOR": ("vector", S_BIT, None, 0),
}


def _length_arg(x):
    if x is _STAR or x is None:
        return None
    if type(x) is int and x >= 0:
        return x
    raise TypeError


def parse_sequence_type(spec) -> SequenceType:
    """Parse SPEC or signal SBCL's error for a type that is not a sequence
    type it can build."""
    if type(spec) is Symbol:
        if spec.package is CL and spec.name in _SIMPLE_NAMES:
            kind, et, n, lo = _SIMPLE_NAMES[spec.name]
            return SequenceType(spec, kind, et, n, lo)
        raise _bad(spec)
    if type(spec) is not Cons or type(spec.car) is not Symbol or spec.car.package is not CL:
        raise _bad(spec)
    head = spec.car.name
    args = []
    x = spec.cdr
    while type(x) is Cons:
        args.append(x.car)
        x = x.cdr
    try:
        if head == "CONS":
            return SequenceType(spec, "list", T, None, 1)
        if head in ("VECTOR",):
            et = T if not args or args[0] is _STAR else upgrade_element_type(args[0])
            n = _length_arg(args[1]) if len(args) > 1 else None
            return SequenceType(spec, "vector", et, n)
        if head in ("ARRAY", "SIMPLE-ARRAY"):
            et = T if not args or args[0] is _STAR else upgrade_element_type(args[0])
            dims = args[1] if len(args) > 1 else _STAR
            if dims is _STAR:
                return SequenceType(spec, "vector", et, None)
            if dims == 1:
                return SequenceType(spec, "vector", et, None)
            if type(dims) is Cons and dims.cdr is NIL:
                return SequenceType(spec, "vector", et, _length_arg(dims.car))
            raise _bad(spec)
        if head in _SIMPLE_NAMES and _SIMPLE_NAMES[head][0] == "vector":
            _, et, _, _ = _SIMPLE_NAMES[head]
            n = _length_arg(args[0]) if args else None
            return SequenceType(spec, "vector", et, n)
    except TypeError:
        raise _bad(spec) from None
    raise _bad(spec)


def build_sequence(stype: SequenceType, items: list):
    """A fresh sequence of type STYPE holding ITEMS (checked against the
    type's length and element type)."""
    stype.check_length(len(items))
    if stype.kind == "list":
        return list_from(items)
    return new_vector(stype.element_type, items)


"""Sequence type specifiers as result types (CONCATENATE, MAP, MERGE,
MAKE-SEQUENCE, and COERCE to a sequence type): which kind of sequence to
build, with which element type and, when the type says so, which length.

A type defined with DEFTYPE is expanded first, as SBCL does, so
(deftype my-string () '(vector character)) names a string type. A length
the type fixes is checked, and the report names the type the way SBCL
unparses it: (STRING 3) is (VECTOR CHARACTER 3), (VECTOR (INTEGER 0 10) 3)
is (VECTOR (MOD 11) 3).
"""
from __future__ import annotations

from ..arraydata import (upgrade_element_type, default_element, S_BIT,
                         S_CHARACTER, S_BASE_CHAR, S_FIXNUM)
from ..errors import lisp_error, simple_error
from ..objects import NIL, T, Cons, Symbol, CL, cl_sym, lisp_list
from ..types import CLASSES, DEFTYPES, FIXNUM_MAX, FIXNUM_MIN, expand_deftype
from .seqbase import list_from, new_vector

__all__ = ["SequenceType", "parse_sequence_type", "build_sequence", "build_coerced",
           "build_mapped"]

_STAR = cl_sym("*")


class SequenceType:
    """A parsed result type: ``kind`` 'list' or 'vector'; for vectors the
    upgraded ``element_type`` (a character type means a string); ``length``
    when the type fixes it; ``min_length`` 1 for CONS; ``spec`` the type as
    SBCL unparses it. ``one_array`` is false for STRING and SIMPLE-STRING,
    unions of two array types."""
    __slots__ = ("spec", "kind", "element_type", "length", "min_length", "one_array")

    def __init__(self, spec, kind, element_type=T, length=None, min_length=0):
        self.spec = spec
        self.kind = kind
        self.element_type = element_type
        self.length = length
        self.min_length = min_length
        self.one_array = kind == "vector"

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


_LIST_NAMES = {"LIST": (None, 0), "CONS": (None, 1), "NULL": (0, 0)}

# vector type names: the element type they imply and whether they are simple
_VECTOR_NAMES = {
    "VECTOR": (_STAR, False),
    "SIMPLE-VECTOR": (T, True),
    "STRING": (S_CHARACTER, False),
    "SIMPLE-STRING": (S_CHARACTER, True),
    "BASE-STRING": (S_BASE_CHAR, False),
    "SIMPLE-BASE-STRING": (S_BASE_CHAR, True),
    "BIT-VECTOR": (S_BIT, False),
    "SIMPLE-BIT-VECTOR": (S_BIT, True),
}
_ARRAY_NAMES = {"ARRAY": False, "SIMPLE-ARRAY": True}


def _length_arg(x):
    if x is _STAR or x is None:
        return None
    if type(x) is int and x >= 0:
        return x
    raise TypeError


def _expand(spec):
    """SPEC with the DEFTYPEs at its head expanded (a class name stays)."""
    for _ in range(1000):          # a DEFTYPE that expands to itself
        head = spec.car if type(spec) is Cons else spec
        if type(head) is not Symbol or head not in DEFTYPES or head in CLASSES:
            return spec
        if head.package is CL and (head.name in _LIST_NAMES or head.name in _VECTOR_NAMES
                                   or head.name in _ARRAY_NAMES):
            return spec
        spec = expand_deftype(head, spec.cdr if type(spec) is Cons else NIL)
    raise _bad(spec)


def _integer_range(et):
    """(low, high) of an integer type specifier (None for unbounded), or
    None when ET is not one."""
    if et is S_FIXNUM:
        return FIXNUM_MIN, FIXNUM_MAX
    if et is S_BIT:
        return 0, 1
    if type(et) is not Cons or type(et.car) is not Symbol or et.car.package is not CL:
        return None
    head, args = et.car.name, list(et.cdr) if type(et.cdr) is Cons else []
    if head == "INTEGER":
        bounds = [None if a is _STAR else a for a in (args + [_STAR, _STAR])[:2]]
        lo, hi = [b[0] if type(b) is Cons else b for b in bounds]
        lo = lo + 1 if type(bounds[0]) is Cons and type(lo) is int else lo
        hi = hi - 1 if type(bounds[1]) is Cons and type(hi) is int else hi
        if all(b is None or type(b) is int for b in (lo, hi)):
            return lo, hi
        return None
    if len(args) != 1 or type(args[0]) is not int:
        return None
    n = args[0]
    if head == "MOD" and n > 0:
        return 0, n - 1
    if head == "UNSIGNED-BYTE" and n > 0:
        return 0, (1 << n) - 1
    if head == "SIGNED-BYTE" and n > 0:
        return -(1 << (n - 1)), (1 << (n - 1)) - 1
    if head == "EQL":
        return n, n
    return None


def _canonical_element(et):
    """ET as SBCL unparses an array's element type: integer ranges become
    BIT, FIXNUM, (UNSIGNED-BYTE n), (SIGNED-BYTE n), (MOD n) or (INTEGER lo hi)."""
    r = _integer_range(et)
    if r is None:
        return et
    lo, hi = r
    if lo == 0 and hi is None:
        return cl_sym("UNSIGNED-BYTE")
    if lo is None and hi is None:
        return cl_sym("INTEGER")
    if lo == 0 and hi is not None and hi > 0:
        if hi == 1:
            return S_BIT
        if (hi + 1) & hi == 0:
            return lisp_list(cl_sym("UNSIGNED-BYTE"), (hi + 1).bit_length() - 1)
        return lisp_list(cl_sym("MOD"), hi + 1)
    if (lo, hi) == (FIXNUM_MIN, FIXNUM_MAX):
        return S_FIXNUM
    if lo is not None and hi is not None and lo < 0 and hi == -lo - 1 and (hi + 1) & hi == 0:
        return lisp_list(cl_sym("SIGNED-BYTE"), (hi + 1).bit_length())
    return lisp_list(cl_sym("INTEGER"), _STAR if lo is None else lo, _STAR if hi is None else hi)


def _vector_type(spec_et, simple: bool, n) -> SequenceType:
    """A vector type with element type SPEC_ET as written (* for any), and
    its unparsed specifier for reports."""
    S = cl_sym
    built = T if spec_et is _STAR else upgrade_element_type(spec_et)
    et = _canonical_element(spec_et)
    size = _STAR if n is None else n
    if et is T:
        shown = lisp_list(S("SIMPLE-VECTOR"), size) if simple else lisp_list(S("VECTOR"), T, size)
    elif et is S_BIT:
        shown = lisp_list(S("SIMPLE-BIT-VECTOR" if simple else "BIT-VECTOR"), size)
    elif et is S_BASE_CHAR:
        shown = lisp_list(S("SIMPLE-BASE-STRING" if simple else "BASE-STRING"), size)
    elif simple:
        shown = lisp_list(S("SIMPLE-ARRAY"), et, lisp_list(size))
    else:
        shown = lisp_list(S("VECTOR"), et, size)
    return SequenceType(shown, "vector", built, n)


def _cons_type(args) -> SequenceType:
    """(CONS car cdr): at least one element per nested CONS in the cdr, and
    exactly that many when the innermost cdr is NULL."""
    def unparse(args):
        car = _canonical_element(args[0]) if args and args[0] is not _STAR else T
        cdr = args[1] if len(args) > 1 and args[1] is not _STAR else T
        return lisp_list(cl_sym("CONS"), car, cdr)

    depth, exact, tail = 1, False, args[1] if len(args) > 1 else T
    while True:
        tail = _expand(tail)
        if tail is cl_sym("NULL"):
            exact = True
            break
        if tail is cl_sym("CONS"):
            depth += 1
            break
        if type(tail) is Cons and tail.car is cl_sym("CONS"):
            depth += 1
            rest = list(tail.cdr) if type(tail.cdr) is Cons else []
            tail = rest[1] if len(rest) > 1 else T
            continue
        break
    spec = unparse(args)
    return SequenceType(spec, "list", T, depth if exact else None, depth)


def parse_sequence_type(spec) -> SequenceType:
    """Parse SPEC (after expanding DEFTYPEs) or signal SBCL's error for a
    type that is not a sequence type it can build."""
    spec = _expand(spec)
    if type(spec) is Symbol:
        if spec.package is CL and spec.name in _LIST_NAMES:
            n, lo = _LIST_NAMES[spec.name]
            return SequenceType(spec, "list", T, n, lo)
        if spec.package is CL and spec.name in _VECTOR_NAMES:
            et, simple = _VECTOR_NAMES[spec.name]
            stype = _vector_type(et, simple, None)
            stype.one_array = spec.name not in ("STRING", "SIMPLE-STRING")
            return stype
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
            return _cons_type(args)
        if head == "VECTOR":
            et = args[0] if args else _STAR
            return _vector_type(et, False, _length_arg(args[1]) if len(args) > 1 else None)
        if head in _ARRAY_NAMES:
            et = args[0] if args else _STAR
            dims = args[1] if len(args) > 1 else _STAR
            if dims is _STAR or dims == 1:
                return _vector_type(et, _ARRAY_NAMES[head], None)
            if type(dims) is Cons and dims.cdr is NIL:
                return _vector_type(et, _ARRAY_NAMES[head], _length_arg(dims.car))
            raise _bad(spec)
        if head in _VECTOR_NAMES and head != "VECTOR":
            et, simple = _VECTOR_NAMES[head]
            stype = _vector_type(et, simple, _length_arg(args[0]) if args else None)
            stype.one_array = head not in ("STRING", "SIMPLE-STRING")
            return stype
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


def build_coerced(stype: SequenceType, items: list):
    """COERCE's sequence: SBCL makes a single array type with MAKE-ARRAY
    :INITIAL-CONTENTS, which reports a wrong length its own way."""
    if stype.one_array and stype.length is not None and len(items) != stype.length:
        raise simple_error("There are ~W elements in the :INITIAL-CONTENTS, but the vector "
                           "length is ~W.", len(items), stype.length)
    return build_sequence(stype, items)


def build_mapped(stype: SequenceType, items: list):
    """MAP's sequence: SBCL checks no length for a list type, and maps a
    subtype of NULL for effect only."""
    if stype.kind == "list":
        return NIL if stype.length == 0 else list_from(items)
    return build_sequence(stype, items)

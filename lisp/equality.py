"""EQ, EQL, EQUAL and EQUALP, and the hash-table key functions that realise
exactly the same equivalences.

Python's own equality is wrong for Lisp in several ways (``1 == 1.0``,
``0.0 == -0.0``, ``Fraction(1, 2) == 0.5``, value equality of strings), so
every predicate here dispatches on the exact Python type, and every key
function maps a Lisp object to a Python-hashable key such that two objects
get equal keys exactly when the predicate holds:

- EQ: identity, except that integers and single floats compare by value
  (SBCL keeps fixnums and single floats immediate, so they are EQ when
  EQL). Characters are interned (``make_char``), so identity is right.
- EQL: EQ, plus numbers of the same type and value; floats by their bits,
  so ``0.0`` and ``-0.0`` differ.
- EQUAL: conses and strings by structure and contents, bit vectors
  elementwise, everything else EQL.
- EQUALP: case-insensitive characters and strings, numbers by ``=``, arrays
  of the same dimensions elementwise, structures slotwise, hash tables by
  count, test and entries.

The structural predicates and keys walk conses with an explicit stack, so a
list of a million elements is no problem for the Python recursion limit.
"""
from __future__ import annotations

import math
import struct
import zlib
from fractions import Fraction

from .characters import char_fold, string_fold
from .functions import defun
from .objects import (Cons, Char, LString, Vector, Array, HashTable, Instance,
                      LispComplex, SingleFloat, Symbol, NIL, T, cl_sym,
                      make_char)

__all__ = ["eq", "eql", "equal", "equalp", "number_equal", "keyfn_eq",
           "keyfn_eql", "keyfn_equal", "keyfn_equalp", "sxhash", "KEYFNS",
           "is_bit_vector"]

_BIT = cl_sym("BIT")
_pack_d = struct.Struct("<d").pack


def is_bit_vector(x) -> bool:
    return isinstance(x, Vector) and x.element_type is _BIT


# ---------------------------------------------------------------- predicates
def eq(a, b) -> bool:
    if a is b:
        return True
    t = type(a)
    if t is int:
        return type(b) is int and a == b
    if t is SingleFloat:
        return type(b) is SingleFloat and _float_eql(a, b)
    return False


def _float_eql(a: float, b: float) -> bool:
    if a == b:
        return a != 0.0 or math.copysign(1.0, a) == math.copysign(1.0, b)
    return a != a and _pack_d(a) == _pack_d(b)      # NaNs with the same bits


def eql(a, b) -> bool:
    if a is b:
        return True
    t = type(a)
    if t is not type(b):
        return False
    if t is int or t is Fraction:
        return a == b
    if t is float or t is SingleFloat:
        return _float_eql(a, b)
    if t is LispComplex:
        return eql(a.real, b.real) and eql(a.imag, b.imag)
    return False


def number_equal(a, b) -> bool:
    """``=`` on two Lisp numbers. Python compares int, Fraction and float
    exactly, which is what SBCL's = does (it never rounds a rational)."""
    if type(a) is LispComplex:
        if type(b) is LispComplex:
            return a.real == b.real and a.imag == b.imag
        return a.imag == 0 and a.real == b
    if type(b) is LispComplex:
        return b.imag == 0 and b.real == a
    return a == b


def _is_number(x) -> bool:
    t = type(x)
    return t is int or t is float or t is SingleFloat or t is Fraction or t is LispComplex


def equal(a, b) -> bool:
    stack = [(a, b)]
    pop, push = stack.pop, stack.append
    while stack:
        a, b = pop()
        while True:
            if a is b:
                break
            ta = type(a)
            if ta is Cons:
                if type(b) is not Cons:
                    return False
                ca, cb = a.car, b.car
                if ca is not cb:
                    if type(ca) is Cons or isinstance(ca, (LString, Vector)):
                        push((ca, cb))
                    elif not eql(ca, cb):
                        return False
                a, b = a.cdr, b.cdr
                continue
            if isinstance(a, LString):
                if not (isinstance(b, LString) and a.value == b.value):
                    return False
            elif ta is Vector and a.element_type is _BIT:
                if not (is_bit_vector(b) and a.active() == b.active()):
                    return False
            elif not eql(a, b):
                return False
            break
    return True


def equalp(a, b) -> bool:
    stack = [(a, b)]
    pop, push = stack.pop, stack.append
    while stack:
        a, b = pop()
        while True:
            if a is b:
                break
            ta = type(a)
            if ta is Cons:
                if type(b) is not Cons:
                    return False
                push((a.car, b.car))
                a, b = a.cdr, b.cdr
                continue
            if ta is Char:
                if not (type(b) is Char and char_fold(a.ch) == char_fold(b.ch)):
                    return False
            elif _is_number(a):
                if not (_is_number(b) and number_equal(a, b)):
                    return False
            elif isinstance(a, (LString, Vector)):
                if not isinstance(b, (LString, Vector)) or len(a) != len(b):
                    return False
                if isinstance(a, LString) and isinstance(b, LString):
                    if string_fold(a.value) != string_fold(b.value):
                        return False
                else:
                    stack.extend(zip(_elements(a), _elements(b)))
            elif ta is Array:
                if type(b) is not Array or a.dims != b.dims:
                    return False
                stack.extend(zip(a.items, b.items))
            elif ta is Instance:
                if not (type(b) is Instance and a.cls is b.cls
                        and a.cls.kind == "structure"
                        and a.slots.keys() == b.slots.keys()):
                    return False
                stack.extend((v, b.slots[k]) for k, v in a.slots.items())
            elif isinstance(a, HashTable):
                if not (isinstance(b, HashTable) and a.test is b.test
                        and len(a.table) == len(b.table)):
                    return False
                for k, entry in a.table.items():
                    other = b.table.get(k)
                    if other is None:
                        return False
                    push((entry[1], other[1]))
            else:
                return False
            break
    return True


def _elements(v) -> list:
    if isinstance(v, LString):
        return [make_char(c) for c in v.value]
    return v.active()


# ---------------------------------------------------------------- hash keys
# A key function returns a hashable Python object; the hash table maps it to
# the [lisp-key, value] entry. Integers and Fractions are their own keys
# (Fractions are never integral, so never == an int); floats are tagged and
# keyed by value except zeros and NaNs, which are keyed by their bits.
_identity_hashed: dict[type, bool] = {}


def _identity_key(x):
    t = type(x)
    ok = _identity_hashed.get(t)
    if ok is None:
        ok = _identity_hashed[t] = (t.__hash__ is object.__hash__
                                    and t.__eq__ is object.__eq__)
    # The table's entry keeps the Lisp key alive, so its id stays unique.
    return x if ok else ("#", id(x))


def _float_key(tag: str, x: float):
    if x != x or x == 0.0:
        return (tag, x.hex())
    return (tag, float(x))


def keyfn_eq(x):
    t = type(x)
    if t is int:
        return x
    if t is SingleFloat:
        return _float_key("s", x)
    return _identity_key(x)


def keyfn_eql(x):
    t = type(x)
    if t is int or t is Fraction:
        return x
    if t is float:
        return _float_key("d", x)
    if t is SingleFloat:
        return _float_key("s", x)
    if t is LispComplex:
        return ("c", keyfn_eql(x.real), keyfn_eql(x.imag))
    return _identity_key(x)


class _Marker:
    """A token in a structural key; compares by identity only."""
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<{self.name}>"


_CONS = _Marker("cons")
_VEC = _Marker("vector")
_ARR = _Marker("array")
_STRUCT = _Marker("structure")
_TABLE = _Marker("hash-table")


def _equal_atom(x):
    if isinstance(x, LString):
        return x.value              # no other key is a str
    if type(x) is Vector and x.element_type is _BIT:
        return ("b", tuple(x.active()))
    return keyfn_eql(x)


def keyfn_equal(x):
    t = type(x)
    if t is not Cons:
        return _equal_atom(x)
    # Preorder serialisation: CONS car cdr. Unambiguous because every
    # CONS token is followed by exactly two subtrees.
    out = []
    stack = [x]
    while stack:
        y = stack.pop()
        while type(y) is Cons:
            out.append(_CONS)
            stack.append(y.cdr)
            y = y.car
        out.append(_equal_atom(y))
    return tuple(out)


def _equalp_number(x):
    if type(x) is LispComplex:
        return x.real if x.imag == 0 else ("z", x.real, x.imag)
    return x                         # = is Python's exact numeric ==


def keyfn_equalp(x):
    t = type(x)
    if t is int:
        return x
    if t is Char:
        return char_fold(x.ch)
    if _is_number(x):
        return _equalp_number(x)
    out = []
    stack = [x]
    while stack:
        y = stack.pop()
        t = type(y)
        if t is Cons:
            out.append(_CONS)
            stack.append(y.cdr)
            stack.append(y.car)
        elif t is Char:
            out.append(char_fold(y.ch))
        elif _is_number(y):
            out.append(_equalp_number(y))
        elif isinstance(y, LString):
            out.append(_VEC)
            out.append(len(y))
            if len(y):
                out.append(string_fold(y.value))
        elif isinstance(y, Vector):
            items = y.active()
            out.append(_VEC)
            out.append(len(items))
            # A vector of characters keys like the string it is EQUALP to.
            if items and all(type(e) is Char for e in items):
                out.append(string_fold("".join([e.ch for e in items])))
            else:
                stack.extend(reversed(items))
        elif t is Array:
            out.append(_ARR)
            out.append(tuple(y.dims))
            stack.extend(reversed(list(y.items)))
        elif t is Instance and y.cls.kind == "structure":
            names = sorted(y.slots, key=lambda s: (s.name, s.package.name if s.package else ""))
            out.append(_STRUCT)
            out.append(y.cls)
            out.append(tuple(names))
            stack.extend(reversed([y.slots[n] for n in names]))
        elif isinstance(y, HashTable):
            out.append(_TABLE)
            out.append(y.test)
            out.append(frozenset((k, keyfn_equalp(e[1])) for k, e in y.table.items()))
        else:
            out.append(keyfn_eq(y))
    return out[0] if len(out) == 1 else tuple(out)


# ---------------------------------------------------------------- sxhash
MOST_POSITIVE_FIXNUM = (1 << 62) - 1


def _stable(k) -> int:
    """A hash of a key that, unlike ``hash`` on strings, is the same in
    every run (Python randomises str hashes), so printed SXHASH values and
    hash-table iteration driven by them are reproducible."""
    t = type(k)
    if t is str:
        return zlib.crc32(k.encode("utf-8", "surrogatepass"))
    if t is tuple:
        h = 0x345678
        for e in k:
            h = ((h ^ _stable(e)) * 1000003) & 0xFFFFFFFFFFFFFFFF
        return h ^ len(k)
    if t is int or t is float or t is Fraction or t is SingleFloat:
        return hash(k)
    if t is Char:
        return ord(k.ch)
    if t is Symbol:
        return zlib.crc32(k.name.encode("utf-8", "surrogatepass"))
    if t is _Marker:
        return zlib.crc32(k.name.encode())
    # Objects EQUAL only to themselves: any constant per type is allowed.
    return zlib.crc32(t.__name__.encode())


def sxhash(x) -> int:
    """SXHASH: a non-negative fixnum, equal for EQUAL objects."""
    return _stable(keyfn_equal(x)) & MOST_POSITIVE_FIXNUM


KEYFNS = {
    cl_sym("EQ"): keyfn_eq,
    cl_sym("EQL"): keyfn_eql,
    cl_sym("EQUAL"): keyfn_equal,
    cl_sym("EQUALP"): keyfn_equalp,
}


# ---------------------------------------------------------------- Lisp functions
@defun("EQ", "x y", pure=True)
def cl_eq(x, y):
    """Return T if OBJ1 and OBJ2 are the same object, otherwise NIL."""
    return T if (x is y or eq(x, y)) else NIL


@defun("EQL", "x y", pure=True)
def cl_eql(x, y):
    """Return T if OBJ1 and OBJ2 represent the same object, otherwise NIL."""
    return T if (x is y or eql(x, y)) else NIL


@defun("EQUAL", "x y", pure=True)
def cl_equal(x, y):
    """Return T if X and Y are EQL or if they are structured components whose
    elements are EQUAL. Strings and bit-vectors are EQUAL if they are the same
    length and have identical components. Other arrays must be EQ to be EQUAL."""
    return T if (x is y or equal(x, y)) else NIL


@defun("EQUALP", "x y", pure=True)
def cl_equalp(x, y):
    """Just like EQUAL, but more liberal in several respects.
  Numbers may be of different types, as long as the values are identical
  after coercion. Characters may differ in alphabetic case. Vectors and
  arrays must have identical dimensions and EQUALP elements, but may differ
  in their type restriction. If one of X or Y is a structure, the other
  must be a structure of the same type with EQUALP slots. Hash tables must
  have the same count, test and EQUALP values for the same keys."""
    return T if (x is y or equalp(x, y)) else NIL


@defun("SXHASH", "x")
def cl_sxhash(x):
    """Return an hash value for X, such that EQUAL objects have equal hash
    values."""
    return sxhash(x)

"""The spelling SBCL gives a type specifier once it has parsed it, which
its CHECK-TYPE puts in the error (The value of X is A, which is not of
type (MOD 10)): DEFTYPEs expanded, integer ranges named as SBCL names them
((INTEGER 0 9) is (MOD 10), (INTEGER 0 255) is (UNSIGNED-BYTE 8), (INTEGER
0 *) is UNSIGNED-BYTE), (OR NULL CONS) is LIST, and a union lists STRING
and LIST first. Other specifiers are returned as written.
"""
from __future__ import annotations

from .objects import NIL, Cons, Symbol, CL, cl_sym, lisp_list, list_to_py
from .subtypes import Num, Member, _int_range, normalize
from .types import CLASSES, DEFTYPES, FIXNUM_MIN, FIXNUM_MAX, expand_deftype

S = cl_sym
STAR = S("*")
_INTEGER_HEADS = {"INTEGER", "MOD", "UNSIGNED-BYTE", "SIGNED-BYTE", "EQL", "MEMBER"}
_INTEGER_NAMES = {"BIT", "FIXNUM", "UNSIGNED-BYTE", "SIGNED-BYTE"}
_FIRST = (S("STRING"), S("SIMPLE-STRING"), S("LIST"))


def _expand(spec):
    head = spec.car if type(spec) is Cons else spec
    while isinstance(head, Symbol) and head in DEFTYPES and head not in CLASSES:
        spec = expand_deftype(head, spec.cdr if type(spec) is Cons else NIL)
        head = spec.car if type(spec) is Cons else spec
    return spec


def _integer_range(spec):
    """SPEC's integers as (lo, hi), None for unbounded, when SPEC is an
    integer range (a MEMBER of consecutive integers included)."""
    head = spec.car if type(spec) is Cons else spec
    if not (isinstance(head, Symbol) and head.package is CL):
        return None
    if type(spec) is Cons and head.name not in _INTEGER_HEADS:
        return None
    if type(spec) is Symbol and spec.name not in _INTEGER_NAMES:
        return None
    t = normalize(spec)
    if type(t) is Num and t.kind == "INTEGER":
        return _int_range(t)
    if type(t) is Member and t.objects and all(type(x) is int for x in t.objects):
        xs = sorted(set(t.objects))
        if xs[-1] - xs[0] == len(xs) - 1:
            return xs[0], xs[-1]
    return None


def _range_name(lo, hi):
    if lo == 0:
        if hi is None:
            return S("UNSIGNED-BYTE")
        if hi == 1:
            return S("BIT")
        if hi > 0 and (hi + 1) & hi == 0:
            return lisp_list(S("UNSIGNED-BYTE"), (hi + 1).bit_length() - 1)
        if hi > 0:
            return lisp_list(S("MOD"), hi + 1)
    if lo == FIXNUM_MIN and hi == FIXNUM_MAX:
        return S("FIXNUM")
    if lo is not None and hi is not None and lo < 0 and hi == -lo - 1 and (hi + 1) & hi == 0:
        return lisp_list(S("SIGNED-BYTE"), (hi + 1).bit_length())
    if lo is None and hi is None:
        return S("INTEGER")
    if hi is None:
        return lisp_list(S("INTEGER"), lo)
    return lisp_list(S("INTEGER"), STAR if lo is None else lo, hi)


def canonical(spec):
    """SPEC as SBCL spells it after parsing (see the module's docstring)."""
    spec = _expand(spec)
    r = _integer_range(spec)
    if r is not None:
        return _range_name(*r)
    if type(spec) is Cons and spec.car is S("OR"):
        parts = []
        for p in list_to_py(spec.cdr):
            c = canonical(p)
            parts += list_to_py(c.cdr) if type(c) is Cons and c.car is S("OR") else [c]
        if S("NULL") in parts and S("CONS") in parts:
            parts = [S("LIST")] + [p for p in parts if p is not S("NULL") and p is not S("CONS")]
        parts = [p for p in parts if p in _FIRST] + [p for p in parts if p not in _FIRST]
        return parts[0] if len(parts) == 1 else lisp_list(S("OR"), *parts)
    if type(spec) is Cons and spec.car is S("CONS"):
        args = [S("T") if a is STAR else canonical(a) for a in list_to_py(spec.cdr)]
        args += [S("T")] * (2 - len(args))
        return S("CONS") if args == [S("T"), S("T")] else lisp_list(S("CONS"), *args)
    return spec

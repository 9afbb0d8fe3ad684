"""TYPEP, TYPE-OF, CLASS-OF, FIND-CLASS, SUBTYPEP, DEFTYPE and COERCE."""
from __future__ import annotations

from fractions import Fraction

from ..errors import lisp_error, type_error
from ..functions import defun
from ..macros import defmacro, args_of, body_of, L
from ..objects import (NIL, T, MV, SYSTEM, Symbol, Cons, LString, Vector, LispClass,
                       SingleFloat, LispComplex, cl_sym, sys_sym, list_to_py, make_char)
from ..printer import prin1_to_string
from ..printvars import printer_bindings
from ..types import (typep, type_of, class_of, CLASSES, DEFTYPES, expand_deftype)

S = cl_sym


def truth(x):
    return T if x else NIL


@defun("TYPEP", "object type-specifier &optional environment")
def typep_(obj, spec, env=NIL):
    return truth(typep(obj, spec))


@defun("TYPE-OF", "object")
def type_of_(obj):
    return type_of(obj)


@defun("CLASS-OF", "object")
def class_of_(obj):
    return class_of(obj)


@defun("CLASS-NAME", "class")
def class_name(cls):
    if not isinstance(cls, LispClass):
        raise type_error(cls, "CLASS")
    return cls.name


@defmacro("DEFTYPE")
def m_deftype(form, env):
    args = args_of(form, 2)
    name, ll = args[0], args[1]
    body = body_of(form, 2)
    return L(sys_sym("%DEFTYPE"), L(S("QUOTE"), name),
             Cons(sys_sym("MACRO-LAMBDA"), Cons(name, Cons(ll, body))))


@defun("SYS:%DEFTYPE", "name expander")
def deftype_(name, expander):
    DEFTYPES[name] = expander
    return name


def _normalize(spec):
    """Expand DEFTYPEs at the head of SPEC."""
    while True:
        head = spec.car if type(spec) is Cons else spec
        if isinstance(head, Symbol) and head in DEFTYPES and head not in CLASSES:
            spec = expand_deftype(head, spec.cdr if type(spec) is Cons else NIL)
        else:
            return spec


_NUMERIC = ["INTEGER", "RATIONAL", "REAL", "NUMBER", "FLOAT", "SINGLE-FLOAT", "DOUBLE-FLOAT"]


@defun("SUBTYPEP", "type-1 type-2 &optional environment", mv=True)
def subtypep(t1, t2, env=NIL):
    """SUBTYPEP for class names, the atomic types of types.py and the
    combinations (OR, AND, NOT, MEMBER, EQL) people use; answers NIL NIL when
    it cannot decide, as the standard allows."""
    r = _subtypep(_normalize(t1), _normalize(t2))
    if r is None:
        return MV((NIL, NIL))
    return MV((truth(r), T))


def _subtypep(a, b):
    if a == b or b is T:
        return True
    if a is NIL:
        return True
    if type(b) is Cons and b.car is S("OR"):
        if any(_subtypep(a, x) for x in list_to_py(b.cdr)):
            return True
    if type(b) is Cons and b.car is S("AND"):
        rs = [_subtypep(a, x) for x in list_to_py(b.cdr)]
        return all(rs) if None not in rs else None
    if type(a) is Cons and a.car is S("OR"):
        rs = [_subtypep(x, b) for x in list_to_py(a.cdr)]
        return all(rs) if None not in rs else None
    if type(a) is Cons and a.car is S("AND"):
        if any(_subtypep(x, b) for x in list_to_py(a.cdr)):
            return True
        return None
    if type(a) is Cons and a.car in (S("MEMBER"), S("EQL")):
        return all(typep(x, b) for x in list_to_py(a.cdr))
    if isinstance(a, Symbol) and isinstance(b, Symbol):
        ca, cb = CLASSES.get(a), CLASSES.get(b)
        if ca is not None and cb is not None:
            return cb in ca.cpl
        known = {"FIXNUM": "INTEGER", "BIGNUM": "INTEGER", "BIT": "INTEGER", "KEYWORD": "SYMBOL",
                 "BOOLEAN": "SYMBOL", "SIMPLE-STRING": "STRING", "SIMPLE-VECTOR": "VECTOR",
                 "ATOM": None, "SIMPLE-BIT-VECTOR": "BIT-VECTOR", "BASE-CHAR": "CHARACTER",
                 "STANDARD-CHAR": "CHARACTER", "SIGNED-BYTE": "INTEGER", "UNSIGNED-BYTE": "INTEGER"}
        if a.name in known and known[a.name] is not None:
            up = S(known[a.name])
            return a is b or _subtypep(up, b)
        if b.name == "ATOM":
            return a is not S("CONS") and a is not S("LIST") and (ca is not None or a.name in known)
        if ca is not None and b.name in known:
            return False
        return None
    if type(a) is Cons and isinstance(a.car, Symbol) and a.car.name in _NUMERIC:
        return _subtypep(a.car, b if isinstance(b, Symbol) else b.car) \
            if isinstance(b, Symbol) else None
    return None


def _cannot_convert(obj, rtype):
    """SBCL's error for an object COERCE cannot turn into RTYPE, the type as
    the caller wrote it (a DEFTYPE name unexpanded), its symbols qualified
    unless they are CL's."""
    with printer_bindings(escape=True, package=SYSTEM):
        shown = prin1_to_string(rtype)
    return lisp_error("SIMPLE-TYPE-ERROR", "~S can't be converted to type ~A.", obj,
                      LString(shown), datum=obj, expected_type=rtype)


@defun("COERCE", "object result-type")
def coerce(obj, result_type):
    """Coerce the Object to an object of type Output-Type-Spec."""
    rtype = _normalize(result_type)
    if rtype is T or typep(obj, rtype) and not (type(rtype) is Cons and rtype.car is S("COMPLEX")):
        return obj
    head = rtype.car if type(rtype) is Cons else rtype
    name = head.name if isinstance(head, Symbol) else ""
    if name in _SEQUENCE_TYPE_NAMES:
        if not (obj is NIL or type(obj) in (Cons, Vector, LString)):
            raise _cannot_convert(obj, result_type)
        from .seqtypes import parse_sequence_type, build_coerced
        return build_coerced(parse_sequence_type(rtype), list(_items(obj)))
    if name == "CHARACTER":
        if type(obj) is LString:
            if len(obj) == 1:
                return make_char(obj.value)
            raise lisp_error("SIMPLE-TYPE-ERROR", "String is not of length one: ~S", obj,
                             datum=obj, expected_type=rtype)
        if isinstance(obj, Symbol) and len(obj.name) == 1:
            return make_char(obj.name)
        raise _cannot_convert(obj, result_type)
    if name in ("FLOAT", "SINGLE-FLOAT", "SHORT-FLOAT", "DOUBLE-FLOAT", "LONG-FLOAT"):
        if type(obj) in (int, Fraction, float, SingleFloat):
            if name in ("DOUBLE-FLOAT", "LONG-FLOAT"):
                return float(obj)
            if name == "FLOAT" and type(obj) is float:
                return obj
            return SingleFloat.of(float(obj))
        raise _cannot_convert(obj, result_type)
    if name == "COMPLEX":
        if type(obj) in (int, Fraction):
            return obj
        if type(obj) in (float, SingleFloat):
            return LispComplex(obj, type(obj)(0.0))
        if type(obj) is LispComplex:
            return obj
        raise _cannot_convert(obj, result_type)
    if name == "FUNCTION":
        if isinstance(obj, Symbol) and obj.fn is not None:
            return obj.fn
        if type(obj) is Cons and obj.car is S("LAMBDA"):
            from ..dynamic import state
            return state.machine.call_nested(S("EVAL").fn, [L(S("FUNCTION"), obj)])
        raise type_error(obj, rtype)
    raise _cannot_convert(obj, result_type)


_SEQUENCE_TYPE_NAMES = {"LIST", "CONS", "NULL", "VECTOR", "SIMPLE-VECTOR", "ARRAY",
                        "SIMPLE-ARRAY", "STRING", "SIMPLE-STRING", "BASE-STRING",
                        "SIMPLE-BASE-STRING", "BIT-VECTOR", "SIMPLE-BIT-VECTOR"}


def _items(obj):
    if type(obj) is Cons or obj is NIL:
        return list_to_py(obj)
    if type(obj) is Vector:
        return obj.active()
    if type(obj) is LString:
        return [make_char(c) for c in obj.value]
    raise type_error(obj, "SEQUENCE")



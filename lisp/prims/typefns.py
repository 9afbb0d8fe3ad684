"""TYPEP, TYPE-OF, CLASS-OF, FIND-CLASS, SUBTYPEP, DEFTYPE and COERCE."""
from __future__ import annotations

from fractions import Fraction

from ..errors import lisp_error, type_error
from ..functions import defun
from ..macros import defmacro, args_of, body_of, L
from ..numbers import to_double, to_single
from ..objects import (NIL, T, CL, MV, SYSTEM, Symbol, Cons, LString, Vector, LispClass,
                       SingleFloat, LispComplex, cl_sym, sys_sym, lisp_list, list_to_py,
                       make_char)
from ..printer import prin1_to_string
from ..printvars import printer_bindings
from .. import subtypes
from ..type_unparse import canonical
from ..types import (typep, type_of, class_of, CLASSES, DEFTYPES, expand_deftype)

S = cl_sym


def truth(x):
    return T if x else NIL


@defun("TYPEP", "object type-specifier &optional environment")
def typep_(obj, spec, env=NIL):
    return truth(typep(obj, spec))


@defun("SYS::%CANONICAL-TYPE", "type-specifier")
def canonical_type(spec):
    """SPEC as SBCL spells it after parsing it, for CHECK-TYPE's error."""
    return canonical(spec)


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
             Cons(sys_sym("MACRO-LAMBDA"), Cons(L(S("DEFTYPE"), name), Cons(ll, body))))


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


@defun("SB-EXT:TYPEXPAND-1", "type-specifier &optional env", mv=True)
def typexpand_1(spec, env=NIL):
    """Takes and expands a type specifier once like MACROEXPAND-1.
Returns two values: the expansion, and a boolean that is true when
expansion happened."""
    head = spec.car if type(spec) is Cons else spec
    if isinstance(head, Symbol) and head in DEFTYPES and head not in CLASSES:
        return MV((expand_deftype(head, spec.cdr if type(spec) is Cons else NIL), T))
    return MV((spec, NIL))


@defun("SB-EXT:TYPEXPAND", "type-specifier &optional env", mv=True)
def typexpand(spec, env=NIL):
    """Takes and expands a type specifier repeatedly like MACROEXPAND.
Returns two values: the expansion, and a boolean that is true when
expansion happened."""
    expanded = _normalize(spec)
    return MV((expanded, truth(expanded is not spec)))


@defun("SB-EXT:TYPEXPAND-ALL", "type-specifier &optional env")
def typexpand_all(spec, env=NIL):
    """Takes and expands a type specifier recursively like MACROEXPAND-ALL."""
    spec = _normalize(spec)
    if type(spec) is Cons and isinstance(spec.car, Symbol) and spec.car.name in _COMBINATIONS \
            and spec.car.package is CL:
        return Cons(spec.car, lisp_list(*[typexpand_all(a) for a in list_to_py(spec.cdr)]))
    return spec


# the compound type specifiers whose arguments are type specifiers
_COMBINATIONS = {"AND", "OR", "NOT", "CONS"}


@defun("SB-EXT:DEFINED-TYPE-NAME-P", "name &optional env")
def defined_type_name_p(name, env=NIL):
    """Returns T if NAME is known to name a type specifier, otherwise NIL."""
    return truth(isinstance(name, Symbol) and subtypes.is_valid(name))


@defun("SB-EXT:VALID-TYPE-SPECIFIER-P", "type-specifier &optional env")
def valid_type_specifier_p(spec, env=NIL):
    """Returns T if TYPE-SPECIFIER is a valid type specifier, otherwise NIL.

There may be different metrics on what constitutes a "valid type
specifier" depending on context. If this function does not suit your
exact need, you may be able to craft a particular solution using a
combination of DEFINED-TYPE-NAME-P and the TYPEXPAND functions.

The definition of "valid type specifier" employed by this function
is based on the following mnemonic:

          "Would TYPEP accept it as second argument?"

Except that unlike TYPEP, this function fully supports compound
FUNCTION type specifiers, and the VALUES type specifier, too.

In particular, VALID-TYPE-SPECIFIER-P will return NIL if
TYPE-SPECIFIER is not a class, not a symbol that is known to name a
type specifier, and not a cons that represents a known compound type
specifier in a syntactically and recursively correct way.

Examples:

  (valid-type-specifier-p '(cons * *))     => T
  (valid-type-specifier-p '#:foo)          => NIL
  (valid-type-specifier-p '(cons * #:foo)) => NIL
  (valid-type-specifier-p '(cons 1 *)      => NIL

Experimental."""
    if type(spec) is Cons and spec.car is S("VALUES"):
        return truth(all(a in (S("&OPTIONAL"), S("&REST")) or subtypes.is_valid(a)
                         for a in list_to_py(spec.cdr)))
    return truth(subtypes.is_valid(spec))


@defun("SUBTYPEP", "type-1 type-2 &optional environment", mv=True)
def subtypep(t1, t2, env=NIL):
    """Return two values indicating the relationship between type1 and type2.
  If values are T and T, type1 definitely is a subtype of type2.
  If values are NIL and T, type1 definitely is not a subtype of type2.
  If values are NIL and NIL, it couldn't be determined."""
    r = subtypes.subtypep(t1, t2)
    if r is None:
        return MV((NIL, NIL))
    return MV((truth(r), T))


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
                return to_double(obj)
            if name == "FLOAT" and type(obj) is float:
                return obj
            return to_single(obj)
        raise _cannot_convert(obj, result_type)
    if name == "COMPLEX":
        if type(obj) not in (int, Fraction, float, SingleFloat, LispComplex):
            raise _cannot_convert(obj, result_type)
        float_type = _complex_float_part(rtype)
        if float_type is not None:
            re, im = (obj.real, obj.imag) if type(obj) is LispComplex else (obj, 0)
            return LispComplex(float_type(re), float_type(im))
        if type(obj) in (float, SingleFloat):
            return LispComplex(obj, type(obj)(0.0))
        return obj
    if name == "FUNCTION":
        if isinstance(obj, Symbol) and obj.fn is not None:
            return obj.fn
        if type(obj) is Cons and obj.car is S("LAMBDA"):
            from ..dynamic import state
            return state.machine.call_nested(S("EVAL").fn, [L(S("FUNCTION"), obj)])
        raise type_error(obj, rtype)
    raise _cannot_convert(obj, result_type)


def _complex_float_part(rtype):
    """The float conversion a (COMPLEX part) result type asks for, or None
    when the parts are kept: (COMPLEX DOUBLE-FLOAT) makes double floats,
    (COMPLEX SINGLE-FLOAT) and (COMPLEX FLOAT) single floats, as SBCL."""
    if type(rtype) is not Cons or type(rtype.cdr) is not Cons:
        return None
    part = rtype.cdr.car
    head = part.car if type(part) is Cons else part
    name = head.name if isinstance(head, Symbol) else ""
    if name in ("DOUBLE-FLOAT", "LONG-FLOAT"):
        return to_double
    if name in ("SINGLE-FLOAT", "SHORT-FLOAT", "FLOAT"):
        return to_single
    return None


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



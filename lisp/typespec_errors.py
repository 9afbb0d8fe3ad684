"""The errors SBCL signals for malformed type specifiers, checked before a
compound specifier is used (TYPEP, SUBTYPEP): bounds of the wrong kind,
bad sizes and dimensions, VALUES where only a single-value type is allowed,
a non-symbol SATISFIES predicate, a wrong number of arguments.
``check_compound`` raises the condition SBCL raises, with its report;
``check_specifier`` rejects an object that cannot be a type specifier.
"""
from __future__ import annotations

from fractions import Fraction

from .errors import lisp_error, type_error
from .objects import (NIL, KEYWORD, Cons, LispClass, LString, SingleFloat, Symbol, cl_sym,
                      lisp_list, list_to_py)

S = cl_sym
STAR = S("*")

# the kind of bound each interval type takes, as SBCL's reports name it
_BOUND_KINDS = {
    "INTEGER": ("an integer", lambda x: type(x) is int),
    "RATIONAL": ("a rational", lambda x: type(x) in (int, Fraction)),
    "SINGLE-FLOAT": ("a single-float", lambda x: type(x) is SingleFloat),
    "SHORT-FLOAT": ("a single-float", lambda x: type(x) is SingleFloat),
    "DOUBLE-FLOAT": ("a double-float", lambda x: type(x) is float),
    "LONG-FLOAT": ("a double-float", lambda x: type(x) is float),
}
_REAL_BOUNDED = ("REAL", "FLOAT")
_ONE_ARGUMENT = {"NOT": "TYPESPEC", "SATISFIES": "PREDICATE-NAME", "EQL": "N"}
_ARRAY_TYPES = {"ARRAY", "SIMPLE-ARRAY", "VECTOR", "SIMPLE-VECTOR", "STRING", "SIMPLE-STRING",
                "BASE-STRING", "SIMPLE-BASE-STRING", "BIT-VECTOR", "SIMPLE-BIT-VECTOR"}


def _prefixed(x) -> LString:
    """X printed as SBCL's PRINT-SYMBOL-WITH-PREFIX prints it."""
    from .printer import prin1_to_string
    from .printvars import printer_bindings
    with printer_bindings(escape=True, package=KEYWORD):
        return LString(prin1_to_string(x))


def check_specifier(spec):
    """SBCL's error for an object that is no type specifier at all."""
    if not isinstance(spec, (Symbol, Cons, LispClass)):
        expected = lisp_list(S("OR"), S("CONS"), S("SYMBOL"),
                             _classoid(), S("CLASS"))
        raise type_error(spec, expected)


def _classoid():
    from .functions import intern_name
    return intern_name("SB-KERNEL:CLASSOID")


def _arity_error(head: str, args: list):
    n = len(args)
    what = "DEFTYPE EQL" if head == "EQL" else "DESTRUCTURING-BIND"
    return lisp_error(
        "SYS::ARG-COUNT-ERROR",
        "~@<Error while parsing arguments to ~A:~@:_  too ~A elements in~@:_    ~:S~@:_"
        "  to satisfy lambda list~@:_    (~A):~@:_  exactly 1 expected, but got ~S~:>",
        LString(what), LString("few" if n < 1 else "many"), lisp_list(*args),
        LString(_ONE_ARGUMENT[head]), n)


def _check_bound(head: str, bound, which: str):
    if bound is STAR:
        return
    value = bound.car if type(bound) is Cons and bound.cdr is NIL else bound
    if head in _REAL_BOUNDED:
        if type(value) not in (int, Fraction, float, SingleFloat):
            raise type_error(value, "REAL")
        return
    what, ok = _BOUND_KINDS[head]
    if not ok(value):
        raise lisp_error("SIMPLE-ERROR", "~A bound is not * or ~A or list of one ~A: ~S",
                         LString(which), LString(what), LString(what[what.index(" ") + 1:]),
                         bound)


def _check_dimensions(head: str, args: list):
    if head in ("ARRAY", "SIMPLE-ARRAY"):
        dims = args[1] if len(args) > 1 else STAR
        if dims is STAR or type(dims) is int:
            return
        items = list_to_py(dims)
    elif head == "VECTOR":
        items = args[1:2]
    else:
        items = args[:1]
    for d in items:
        if d is not STAR and not (type(d) is int and d >= 0):
            raise lisp_error("SIMPLE-ERROR", "bad dimension in array type: ~S", d)


def check_compound(head: Symbol, args: list):
    """Raise SBCL's error when (HEAD . ARGS), HEAD a CL symbol, is malformed."""
    n = head.name
    if n in _BOUND_KINDS or n in _REAL_BOUNDED:
        if args:
            _check_bound(n, args[0], "Low")
        if len(args) > 1:
            _check_bound(n, args[1], "High")
    elif n in _ONE_ARGUMENT:
        if len(args) != 1:
            raise _arity_error(n, args)
        if n == "SATISFIES" and not isinstance(args[0], Symbol):
            raise lisp_error("SIMPLE-TYPE-ERROR",
                             "The SATISFIES predicate name is not a symbol: ~S", args[0],
                             datum=args[0], expected_type=S("SYMBOL"))
    elif n == "MOD":
        if not args or not (type(args[0]) is int and args[0] > 0):
            raise lisp_error("SIMPLE-ERROR", "bad modulus specified for MOD type specifier: ~A",
                             _prefixed(args[0] if args else NIL))
    elif n in ("UNSIGNED-BYTE", "SIGNED-BYTE"):
        if args and args[0] is not STAR and not (type(args[0]) is int and args[0] > 0):
            raise lisp_error("SIMPLE-ERROR", "bad size specified for ~A type specifier: ~A",
                             head, _prefixed(args[0]))
    elif n in _ARRAY_TYPES:
        _check_dimensions(n, args)
    elif n == "CONS":
        for a in args:
            if not isinstance(a, (Symbol, Cons, LispClass)):
                raise lisp_error("SIMPLE-ERROR", "bad thing to be a type specifier: ~S", a)
    elif n == "VALUES":
        raise lisp_error("SIMPLE-ERROR", "VALUES type illegal in this context:~% ~S",
                         Cons(head, lisp_list(*args)))


__all__ = ["check_compound", "check_specifier"]

"""Checking type declarations of variables, as SBCL does at its default
safety (1): a binding form whose declarations give a variable it binds a
type checks the variable's value when the body starts, signalling a
TYPE-ERROR whose report ends "when binding VAR"; a SETQ of a variable
declared with a type checks the new value. (declare (optimize (safety 0)))
(locally or proclaimed) turns the checks off, as in SBCL. THE is not checked (SBCL does not check
it at safety 1 either).

Everything is decided when a form is analyzed: code without type
declarations gets no extra node and no extra step.
"""
from __future__ import annotations

from .errors import LispError, binding_type_error, type_error
from .machine import Frame, Node
from .objects import Cons, LString, Symbol, cl_sym, lisp_list
from . import types as _types

_TYPE = cl_sym("TYPE")
_OPTIMIZE = cl_sym("OPTIMIZE")
_SAFETY = cl_sym("SAFETY")

# Declaration identifiers that are not type names (CLHS 3.3.3).
_NOT_TYPES = {cl_sym(n) for n in (
    "IGNORE", "IGNORABLE", "SPECIAL", "FTYPE", "INLINE", "NOTINLINE", "OPTIMIZE",
    "DYNAMIC-EXTENT", "DECLARATION", "FUNCTION", "VALUES")}

# Heads of compound type specifiers a declaration may abbreviate (declare ((integer 0 5) x)).
_COMPOUND_HEADS = {cl_sym(n) for n in (
    "AND", "OR", "NOT", "MEMBER", "EQL", "SATISFIES", "INTEGER", "RATIONAL", "REAL", "FLOAT",
    "SINGLE-FLOAT", "DOUBLE-FLOAT", "SHORT-FLOAT", "LONG-FLOAT", "MOD", "UNSIGNED-BYTE",
    "SIGNED-BYTE", "COMPLEX", "CONS", "VECTOR", "SIMPLE-VECTOR", "ARRAY", "SIMPLE-ARRAY",
    "STRING", "SIMPLE-STRING", "BIT-VECTOR", "SIMPLE-BIT-VECTOR", "BASE-STRING",
    "SIMPLE-BASE-STRING")}


def _names_type(head) -> bool:
    if type(head) is Symbol:
        return head not in _NOT_TYPES and (
            head in _types.CLASSES or head in _types.ATOMIC or head in _types.DEFTYPES)
    return type(head) is Cons and (head.car in _COMPOUND_HEADS or head.car in _types.DEFTYPES)


def declared_types(decls) -> dict:
    """Variable -> declared type specifier, from declaration specifiers
    DECLS ((type T v...) and the abbreviation (T v...)). Several types
    declared for one variable combine with AND."""
    out: dict = {}
    for d in decls:
        if type(d) is not Cons:
            continue
        head = d.car
        if head is _TYPE:
            if type(d.cdr) is not Cons:
                continue
            spec, names = d.cdr.car, d.cdr.cdr
        elif _names_type(head):
            spec, names = head, d.cdr
        else:
            continue
        while type(names) is Cons:
            v = names.car
            if type(v) is Symbol:
                old = out.get(v)
                out[v] = spec if old is None else lisp_list(cl_sym("AND"), old, spec)
            names = names.cdr
    return out


# The SAFETY of (proclaim '(optimize (safety N))), the default for code
# without a local declaration of its own; SBCL's default is 1.
GLOBAL_SAFETY = [1]


def declared_safety(decls):
    """N from (optimize ... (safety N) ...) or (optimize ... safety ...) (3)
    in DECLS, or None."""
    found = None
    for d in decls:
        if type(d) is Cons and d.car is _OPTIMIZE:
            q = d.cdr
            while type(q) is Cons:
                x = q.car
                if x is _SAFETY:
                    found = 3
                elif type(x) is Cons and x.car is _SAFETY and type(x.cdr) is Cons \
                        and type(x.cdr.car) is int:
                    found = x.cdr.car
                q = q.cdr
    return found


def is_of_type(value, spec) -> bool:
    """TYPEP, except that a type still unknown when the check runs passes
    (SBCL only warns about an undefined type in a declaration)."""
    try:
        return _types.typep(value, spec)
    except LispError as e:
        if e.class_name == "SIMPLE-ERROR" and _is_unknown_type(e):
            return True
        raise


def _is_unknown_type(e: LispError) -> bool:
    ctl = e.initargs.get("FORMAT-CONTROL")
    return isinstance(ctl, LString) and ctl.value.startswith("unknown type specifier")


class BindingCheckNode(Node):
    """Before BODY: check that each variable bound by the form has its
    declared type. CHECKS holds (getter env -> value, variable, type,
    say_binding)."""
    __slots__ = ("checks", "body")

    def __init__(self, checks, body, form=None):
        self.fn = None
        self.checks = checks
        self.body = body
        self.form = form

    def exec(self, m):
        env = m.env
        for get, var, spec, say_binding in self.checks:
            v = get(env)
            if not is_of_type(v, spec):
                if say_binding:
                    raise binding_type_error(v, spec, var)
                raise type_error(v, spec)
        m.node = self.body


class ValueCheckFrame(Frame):
    """Below the value of a SETQ of a variable declared with a type."""
    __slots__ = ("spec",)

    def __init__(self, spec):
        self.spec = spec

    def resume(self, m):
        from .nodes import single
        v = single(m.value)
        if not is_of_type(v, self.spec):
            raise type_error(v, self.spec)


class ValueCheckNode(Node):
    """NODE's value, checked against SPEC (the new value of a SETQ)."""
    __slots__ = ("node", "spec")

    def __init__(self, node, spec, form=None):
        self.node = node
        self.spec = spec
        self.form = form
        f = node.fn
        if f is not None and not getattr(node, "mv", False):
            def fn(env):
                v = f(env)
                if not is_of_type(v, spec):
                    raise type_error(v, spec)
                return v
            self.fn = fn
        else:
            self.fn = None

    def exec(self, m):
        m.k.append(ValueCheckFrame(self.spec))
        m.node = self.node


__all__ = ["declared_types", "declared_safety", "GLOBAL_SAFETY", "is_of_type",
           "BindingCheckNode", "ValueCheckNode"]

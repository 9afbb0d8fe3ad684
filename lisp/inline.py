"""Inline closures for two-argument arithmetic and comparison.

A call such as (- n 1) or (< a b) with simple arguments is compiled by the
analyzer into one Python closure. For the common operators that closure
tests for two fixnum-like Python ints and does the operation directly,
falling back to the generic contagion code of lisp.numbers otherwise. When
the second argument is a constant integer the closure does not even call
it. These are the hottest closures of numeric code; each saves two or three
Python calls per operation.
"""
from __future__ import annotations

from . import numbers as N
from .objects import NIL, T, cl_sym


def _add(a, b, k):
    if k is not None:
        def f(env):
            x = a(env)
            return x + k if type(x) is int else N.add(x, k)
        return f

    def f(env):
        x = a(env)
        y = b(env)
        return x + y if type(x) is int and type(y) is int else N.add(x, y)
    return f


def _sub(a, b, k):
    if k is not None:
        def f(env):
            x = a(env)
            return x - k if type(x) is int else N.sub(x, k)
        return f

    def f(env):
        x = a(env)
        y = b(env)
        return x - y if type(x) is int and type(y) is int else N.sub(x, y)
    return f


def _mul(a, b, k):
    def f(env):
        x = a(env)
        y = b(env)
        return x * y if type(x) is int and type(y) is int else N.mul(x, y)
    return f


def _comparison(generic, py_op):
    def make(a, b, k):
        if k is not None:
            def f(env):
                x = a(env)
                if type(x) is int:
                    return T if py_op(x, k) else NIL
                return T if generic(x, k) else NIL
            return f

        def f(env):
            x = a(env)
            y = b(env)
            if type(x) is int and type(y) is int:
                return T if py_op(x, y) else NIL
            return T if generic(x, y) else NIL
        return f
    return make


def _lt(a, b, k):
    if k is not None:
        def f(env):
            x = a(env)
            if type(x) is int:
                return T if x < k else NIL
            return T if N.lt(x, k) else NIL
        return f

    def f(env):
        x = a(env)
        y = b(env)
        if type(x) is int and type(y) is int:
            return T if x < y else NIL
        return T if N.lt(x, y) else NIL
    return f


def _eq(a, b, k):
    if k is not None:
        def f(env):
            x = a(env)
            if type(x) is int:
                return T if x == k else NIL
            return T if N.num_eq(x, k) else NIL
        return f

    def f(env):
        x = a(env)
        y = b(env)
        if type(x) is int and type(y) is int:
            return T if x == y else NIL
        return T if N.num_eq(x, y) else NIL
    return f


BINARY = {
    cl_sym("+"): _add,
    cl_sym("-"): _sub,
    cl_sym("*"): _mul,
    cl_sym("<"): _lt,
    cl_sym("="): _eq,
    cl_sym(">"): _comparison(N.gt, lambda x, y: x > y),
    cl_sym("<="): _comparison(N.le, lambda x, y: x <= y),
    cl_sym(">="): _comparison(N.ge, lambda x, y: x >= y),
}


def binary_closure(sym, a, b, b_node):
    """A closure for (SYM a b), or None when SYM has no inline form.
    B_NODE is the second argument's node, for the constant case."""
    make = BINARY.get(sym)
    if make is None:
        return None
    k = getattr(b_node, "constant", None)
    if type(k) is not int:
        k = None
    return make(a, b, k)


def _values_add(x, y):
    return x + y if type(x) is int and type(y) is int else N.add(x, y)


def _values_sub(x, y):
    return x - y if type(x) is int and type(y) is int else N.sub(x, y)


def _values_mul(x, y):
    return x * y if type(x) is int and type(y) is int else N.mul(x, y)


# Two-argument forms for calls whose arguments are values already computed
# (nodes.PrimCallNode): the same fast paths as the closures above.
BINARY_VALUES = {
    cl_sym("+"): _values_add,
    cl_sym("-"): _values_sub,
    cl_sym("*"): _values_mul,
}

"""TRUNCATE, FLOOR, CEILING and ROUND with their float-returning variants,
MOD and REM, as (quotient, remainder) pairs.

Rationals divide exactly. When a float is involved SBCL divides in the
float format given by contagion, truncates that float quotient, and
computes the remainder as NUMBER - QUOTIENT * DIVISOR in float arithmetic;
FLOOR, CEILING and ROUND then adjust the truncated pair. Following those
steps exactly (rather than computing the true quotient) is what makes
results like (floor 1/2 0.3) => 1, 0.19999999 agree with SBCL.
"""
from __future__ import annotations

import math
from fractions import Fraction

from .errors import type_error
from .objects import SingleFloat, cl_sym
from .numbers import (add, sub, mul, div, lt, gt, num_eq, negate, zerop,
                      minusp, plusp, to_double, to_single, arith_error,
                      normalize, K_RATIO, K_SINGLE, K_DOUBLE)
from .floats import unary_truncate, unary_round, unary_ftruncate, same_format

__all__ = ["truncate", "floor", "ceiling", "round_", "ftruncate", "ffloor",
           "fceiling", "fround", "mod", "rem"]

_REAL = cl_sym("REAL")
_KIND = {int: 0, Fraction: K_RATIO, SingleFloat: K_SINGLE, float: K_DOUBLE}


def _kind(x) -> int:
    k = _KIND.get(type(x))
    if k is None:
        raise type_error(x, _REAL)
    return k


def _float_format(kn: int, kd: int, d) -> bool:
    """True when the float division of a NUMBER of kind KN by a DIVISOR D
    of kind KD is done in double precision."""
    if kn >= K_SINGLE:
        return kn == K_DOUBLE or kd == K_DOUBLE
    return type(d) is float


def _in_format(x, double: bool):
    return to_double(x) if double else to_single(x)


def truncate(n, d=1):
    """(values quotient remainder) of N/D rounded toward zero."""
    kn, kd = _kind(n), _kind(d)
    if kn <= K_RATIO and kd <= K_RATIO:
        if d == 0:
            raise arith_error("DIVISION-BY-ZERO", "/", (n, d))
        if kn == 0 and kd == 0:
            q = n // d
            if q < 0 and q * d != n:
                q += 1
            return q, n - q * d
        q = math.trunc(Fraction(n) / d)
        return q, normalize(n - q * Fraction(d))
    if kn >= K_SINGLE and type(d) is int and d == 1:
        res = unary_truncate(n)
        return res, sub(n, same_format(float(res), n))
    return _truncate_float(n, d, _float_format(kn, kd, d))


def _truncate_float(n, d, double: bool):
    fd = _in_format(d, double)
    res = unary_truncate(div(n, fd))
    return res, sub(n, mul(_in_format(res, double), fd))


def floor(n, d=1):
    """(values quotient remainder) of N/D rounded toward negative infinity."""
    q, r = truncate(n, d)
    if not zerop(r) and (plusp(n) if minusp(d) else minusp(n)):
        return q - 1, add(r, d)
    return q, r


def ceiling(n, d=1):
    """(values quotient remainder) of N/D rounded toward positive infinity."""
    q, r = truncate(n, d)
    if not zerop(r) and (minusp(n) if minusp(d) else plusp(n)):
        return q + 1, sub(r, d)
    return q, r


def round_(n, d=1):
    """(values quotient remainder) of N/D rounded to the nearest integer,
    ties to even."""
    if type(d) is int and d == 1 and type(n) in (float, SingleFloat):
        res = unary_round(n)
        return res, sub(n, same_format(float(res), n))
    q, r = truncate(n, d)
    if zerop(r):
        return q, r
    thresh = div(negate(d) if minusp(d) else d, 2)
    if gt(r, thresh) or (num_eq(r, thresh) and q & 1):
        return (q - 1, add(r, d)) if minusp(d) else (q + 1, sub(r, d))
    neg = negate(thresh)
    if lt(r, neg) or (num_eq(r, neg) and q & 1):
        return (q + 1, sub(r, d)) if minusp(d) else (q - 1, add(r, d))
    return q, r


def ftruncate(n, d=1):
    """TRUNCATE with the quotient as a float (of the contagion format, or
    single for rationals); a float quotient keeps the sign of zero."""
    kn, kd = _kind(n), _kind(d)
    if kn <= K_RATIO and kd <= K_RATIO:
        q, r = truncate(n, d)
        return to_single(q), r
    if kn >= K_SINGLE and type(d) is int and d == 1:
        res = unary_ftruncate(n)
        return res, sub(n, res)
    double = _float_format(kn, kd, d)
    fd = _in_format(d, double)
    res = unary_ftruncate(div(n, fd))
    return res, sub(n, mul(res, fd))


def ffloor(n, d=1):
    q, r = ftruncate(n, d)
    if not zerop(r) and (plusp(n) if minusp(d) else minusp(n)):
        return sub(q, 1), add(r, d)
    return q, r


def fceiling(n, d=1):
    q, r = ftruncate(n, d)
    if not zerop(r) and (minusp(n) if minusp(d) else plusp(n)):
        return add(q, 1), sub(r, d)
    return q, r


def fround(n, d=1):
    q, r = round_(n, d)
    if type(r) is float:
        return to_double(q), r
    return to_single(q), r


def rem(n, d):
    """The remainder of TRUNCATE."""
    return truncate(n, d)[1]


def mod(n, d):
    """The remainder of FLOOR."""
    r = truncate(n, d)[1]
    if not zerop(r) and (plusp(n) if minusp(d) else minusp(n)):
        return add(r, d)
    return r

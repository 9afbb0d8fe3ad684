"""Kahan's algorithms for complex functions near their branch cuts ("Branch
Cuts for Complex Elementary Functions, or Much Ado About Nothing's Sign
Bit", 1987), as CMUCL and SBCL implement them: SQRT, LOG, ATANH and TANH of
a complex, computed in double precision and delivered in the argument's
format (single for rational or single-float parts). lisp/irrational.py
builds the other complex inverse functions from these.

Also here, because both modules need them: calling the C library the way
SBCL does (its float traps turned into conditions) and SBCL's two-argument
arc tangent of doubles.
"""
from __future__ import annotations

import math

from .objects import LispComplex
from .floats import scale_float
from .numbers import to_double, to_single, arith_error

__all__ = ["libm", "log_double", "atan2", "is_double", "to_complex_format",
           "complex_sqrt", "complex_log", "complex_atanh", "complex_tanh"]

PI = math.pi
_HALF_PI = PI / 2.0


def libm(fn, x: float, op: str) -> float:
    """The C library's FN at the double X, with SBCL's traps."""
    try:
        return fn(x)
    except OverflowError:
        raise arith_error("FLOATING-POINT-OVERFLOW", op, (x,)) from None
    except ValueError:
        raise arith_error("FLOATING-POINT-INVALID-OPERATION", op, (x,)) from None


def is_double(x) -> bool:
    t = type(x)
    return t is float or (t is LispComplex and type(x.real) is float)


def to_complex_format(x: float, y: float, z) -> LispComplex:
    """A complex of double parts X, Y in the format of the number Z
    (rational Z gives single floats)."""
    if is_double(z):
        return LispComplex(x, y)
    return LispComplex(to_single(x), to_single(y))


def _float_sign(x: float, y: float) -> float:
    return math.copysign(abs(y), x)


def log_double(x: float) -> float:
    """%LOG: the C library's log of a double; zero is the pole."""
    if x == 0.0:
        raise arith_error("DIVISION-BY-ZERO", "LOG", (x,))
    return libm(math.log, x, "LOG")


def atan2(y: float, x: float) -> float:
    """SBCL's double ATAN2, which settles the zero cases itself."""
    if x == 0.0:
        if y == 0.0:
            return y if math.copysign(1.0, x) > 0 else math.copysign(PI, y)
        return math.copysign(_HALF_PI, y)
    return math.atan2(y, x)


# ---------------------------------------------------------------- the complex functions
# SBCL's (/ LEAST-POSITIVE-DOUBLE-FLOAT DOUBLE-FLOAT-EPSILON)
_CSSQS_THRESHOLD = 4.450147717014402e-308
_MIN_NORMAL = 2.2250738585072014e-308


def _parts(z):
    if type(z) is LispComplex:
        return to_double(z.real), to_double(z.imag)
    return to_double(z), 0.0


def _cssqs(z):
    """|z/2^k|^2 scaled to avoid overflow and underflow: (rho, k)."""
    x, y = _parts(z)
    rho = x * x + y * y
    if (math.isinf(rho) or rho != rho) and (math.isinf(x) or math.isinf(y)):
        return math.inf, 0
    # SBCL reads the accrued overflow and underflow flags here: an infinite
    # rho from finite parts is an overflow, a square below the normal range
    # from a nonzero part an underflow.
    underflow = ((x != 0.0 and abs(x * x) < _MIN_NORMAL)
                 or (y != 0.0 and abs(y * y) < _MIN_NORMAL))
    if math.isinf(rho) or (underflow and rho < _CSSQS_THRESHOLD):
        k = -(math.frexp(max(abs(x), abs(y)))[1] - 1)
        sx, sy = scale_float(x, k), scale_float(y, k)
        return sx * sx + sy * sy, -k
    return rho, 0


def complex_sqrt(z):
    rho, k = _cssqs(z)
    x, y = _parts(z)
    if x == x:
        rho = scale_float(abs(x), -k) + math.sqrt(rho)
    if k & 1:
        k >>= 1
    else:
        k = (k >> 1) - 1
        rho = rho + rho
    rho = scale_float(math.sqrt(rho), k)
    eta = rho
    nu = y
    if rho != 0.0:
        if not math.isinf(nu):
            nu = (nu / rho) / 2.0
        if x < 0.0:
            eta = abs(nu)
            nu = _float_sign(y, rho)
    return to_complex_format(eta, nu, z)


_T0 = 0.7071067811865476        # sqrt(2)/2
_LN2 = 0.6931471805599453


def complex_log(z):
    x, y = _parts(z)
    rho, k = _cssqs(z)
    beta = max(abs(x), abs(y))
    theta = min(abs(x), abs(y))
    if k == 0 and _T0 < beta and (beta <= 1.2 or rho < 3.0):
        re = math.log1p((beta - 1.0) * (beta + 1.0) + theta * theta) / 2.0
    else:
        re = log_double(rho) / 2.0 + k * _LN2
    return to_complex_format(re, atan2(y, x), z)


_ATANH_THETA = math.sqrt(1.7976931348623157e308) / 4.0
_ATANH_RHO = 4.0 / math.sqrt(1.7976931348623157e308)


def complex_atanh(z):
    rp, ip = _parts(z)
    beta = math.copysign(1.0, rp)
    x = beta * rp
    y = beta * -ip
    if x > _ATANH_THETA or abs(y) > _ATANH_THETA:
        nu = math.copysign(_HALF_PI, y)
        if x > abs(y):
            r = y / x
            eta = (1.0 / x) / (1.0 + r * r)
        else:
            r = x / y
            eta = (r / y) / (1.0 + r * r)
    elif x == 1.0:
        t1 = 4.0 + y * y
        t2 = abs(y) + _ATANH_RHO
        eta = math.log(math.sqrt(math.sqrt(t1)) / math.sqrt(t2))
        nu = 0.5 * math.copysign(_HALF_PI + math.atan(0.5 * t2), y)
    else:
        t1 = abs(y) + _ATANH_RHO
        eta = 0.25 * math.log1p((4.0 * x) / ((1.0 - x) * (1.0 - x) + t1 * t1))
        nu = 0.5 * atan2(2.0 * y, (1.0 - x) * (1.0 + x) - t1 * t1)
    return to_complex_format(beta * eta, -(beta * nu), z)


_TANH_LIMIT = 177.61896501848597   # (log(most-positive-double-float) + log 2) / 4


def complex_tanh(z):
    x, y = _parts(z)
    if abs(x) > _TANH_LIMIT:
        return to_complex_format(math.copysign(1.0, x), math.copysign(1.0, y), z)
    tv = math.tan(y)
    beta = 1.0 + tv * tv
    s = libm(math.sinh, x, "SINH")
    rho = math.sqrt(1.0 + s * s)
    if math.isinf(tv):
        return to_complex_format(rho / s, 1.0 / tv, z)
    den = 1.0 + beta * s * s
    return to_complex_format((beta * rho * s) / den, tv / den, z)

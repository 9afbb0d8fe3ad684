"""Irrational and transcendental functions on Lisp numbers: EXP, EXPT, LOG,
SQRT, the trigonometric and hyperbolic functions and their inverses, PHASE,
ABS, SIGNUM and CIS, computed the way SBCL's irrat.lisp computes them so
that float results agree bit for bit.

The rules that make the bits agree:
- A real function of a real is computed in double precision by the C
  library (the same libm SBCL calls; rationals are converted straight to
  double) and rounded to single unless the argument was a double.
- The argument types choose the algorithm as SBCL's NUMBER-DISPATCH does:
  EXPT is exact for a rational base and integer power and goes through
  pow's special cases otherwise; LOG of an integer goes through SBCL's LOG2
  so that bignums past the double range have logarithms.
- Complex arguments use Kahan's branch-cut algorithms (lisp/kahan.py);
  the inverse functions are built from complex square roots whose parts
  are rounded to the result's format first, as in SBCL. Where SBCL masks
  the division-by-zero trap around that, infinities flow through.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import math
from fractions import Fraction

from .errors import LispError, lisp_error, type_error
from .objects import SingleFloat, LispComplex, cl_sym, lisp_list
from .kahan import (libm, log_double, atan2, complex_sqrt, complex_log,
                    complex_atanh, complex_tanh)
from .numbers import (add, sub, mul, div, negate, make_complex, to_double,
                      to_single, arith_error, check_number, check_real, gt,
                      zerop, realpart, imagpart, NUMBER_KIND, K_INT, K_RATIO,
                      K_SINGLE, K_DOUBLE)

__all__ = ["lisp_exp", "lisp_expt", "lisp_log", "lisp_sqrt", "lisp_sin",
           "lisp_cos", "lisp_tan", "lisp_asin", "lisp_acos", "lisp_atan",
           "lisp_sinh", "lisp_cosh", "lisp_tanh", "lisp_asinh", "lisp_acosh",
           "lisp_atanh", "lisp_cis", "lisp_phase", "lisp_abs",
           "lisp_signum", "SINGLE_PI"]

_NUMBER = cl_sym("NUMBER")
PI = math.pi
SINGLE_PI = to_single(PI)


def _libm_hypot():
    # Python's math.hypot is its own algorithm, not the C library's, and can
    # differ from it in the last bit; SBCL calls libm's hypot.
    name = ctypes.util.find_library("m")
    try:
        f = ctypes.CDLL(name).hypot
    except (OSError, AttributeError, TypeError):
        return math.hypot
    f.restype = ctypes.c_double
    f.argtypes = (ctypes.c_double, ctypes.c_double)
    return f


_hypot = _libm_hypot()


# ---------------------------------------------------------------- real kernels
def _real_fn(x, fn, op):
    """SBCL's HANDLE-REALS: FN of a real X computed in double precision,
    rounded to single unless X is a double."""
    if type(x) is float:
        return libm(fn, x, op)
    return to_single(libm(fn, to_double(x), op))


# ---------------------------------------------------------------- EXP, EXPT
def lisp_exp(z):
    """EXP."""
    if type(z) is LispComplex:
        return mul(lisp_exp(z.real), lisp_cis(z.imag))
    check_number(z)
    return _real_fn(z, math.exp, "EXP")


_MOST_POSITIVE_FIXNUM = (1 << 62) - 1


def _intexp(base, power: int):
    """A rational or complex rational BASE to an integer POWER, exactly."""
    if base == 0 and type(base) is int:
        if power == 0:
            return 1
        if power > 0:
            return 0
        raise arith_error("DIVISION-BY-ZERO", "EXPT", (0, power))
    if power < 0:
        return div(1, _intexp(base, -power))
    t = type(base)
    if t is not LispComplex and power > _MOST_POSITIVE_FIXNUM and abs(base) != 1:
        # SBCL either fails like this (a power of two by shifting) or runs
        # out of memory trying.
        raise lisp_error("SIMPLE-ERROR", "can't represent result of left shift")
    if t is int:
        return base ** power
    if t is Fraction:
        return base ** power     # stays a Fraction with denominator > 1
    result = 1
    while power:
        if power & 1:
            result = mul(result, base)
        power >>= 1
        if power:
            base = mul(base, base)
    return result


def _yisint(y: float) -> int:
    """0 if the double Y is not an integer, 1 if odd, 2 if even."""
    if abs(y) >= 9007199254740992.0:
        return 2
    if not y.is_integer():
        return 0
    return 1 if int(y) & 1 else 2


def _real_expt(x, y, single: bool):
    """SBCL's REAL-EXPT: X**Y for reals through the C library's pow, with
    fdlibm's special cases, the result rounded to single when SINGLE."""
    coerce = to_single if single else float
    x = to_double(x)
    y = to_double(y)
    if y == 0.0:
        return coerce(1.0)
    if x != x or y != y:
        return coerce(x + y)
    x_neg = math.copysign(1.0, x) < 0
    yisint = _yisint(y) if x_neg else 0
    ax = abs(x)
    if math.isinf(y):
        if ax == 1.0:
            raise arith_error("FLOATING-POINT-INVALID-OPERATION", "-", (y, y))
        if ax > 1.0:
            return coerce(y if y > 0 else 0.0)
        return coerce(-y if y < 0 else 0.0)
    if ax == 0.0 or ax == 1.0 or math.isinf(ax):
        if y < 0:
            if ax == 0.0:
                raise arith_error("DIVISION-BY-ZERO", "/", (1.0, ax))
            z = 1.0 / ax
        else:
            z = ax
        if x_neg:
            if ax == 1.0 and yisint == 0:
                ypi = y * PI
                return make_complex(coerce(math.cos(ypi)), coerce(math.sin(ypi)))
            if yisint == 1:
                z = -z
        return coerce(z)
    try:
        p = math.pow(ax, y)
    except OverflowError:
        raise arith_error("FLOATING-POINT-OVERFLOW", "EXPT", (x, y)) from None
    if not x_neg:
        return coerce(p)
    if yisint == 1:
        return coerce(-p)
    if yisint == 2:
        return coerce(p)
    ypi = y * PI
    return make_complex(coerce(p * math.cos(ypi)), coerce(p * math.sin(ypi)))


def _complex_expt(base, power):
    if zerop(base) and gt(realpart(power), 0):
        return mul(base, power)
    return lisp_exp(mul(power, lisp_log(base)))


def _complex_kind(x) -> int:
    """The float kind of a complex's parts (K_RATIO for rational parts)."""
    return NUMBER_KIND[type(x.real)] if type(x.real) is not int else K_RATIO


def _to_complex_double(z):
    if type(z) is LispComplex:
        return LispComplex(to_double(z.real), to_double(z.imag))
    return to_double(z)


def lisp_expt(base, power):
    """EXPT, dispatching on the argument types as SBCL does: exact for a
    rational (or complex rational) base and an integer power, through pow
    for real results, through EXP and LOG otherwise."""
    kb = NUMBER_KIND.get(type(base))
    if kb is None:
        raise type_error(base, _NUMBER)
    kp = NUMBER_KIND.get(type(power))
    if kp is None:
        raise type_error(power, _NUMBER)
    if zerop(power):
        if zerop(base) and kp in (K_SINGLE, K_DOUBLE):
            raise LispError("SB-INT:ARGUMENTS-OUT-OF-DOMAIN-ERROR",
                            {"OPERATION": cl_sym("EXPT"),
                             "OPERANDS": lisp_list(base, power)})
        return add(1, mul(base, power))
    base_complex = type(base) is LispComplex
    power_complex = type(power) is LispComplex
    if not base_complex and not power_complex:
        if kp == K_INT and kb <= K_RATIO:
            return _intexp(base, power)
        if kb >= K_SINGLE and kp <= K_RATIO:    # float base, rational power
            return _real_expt(base, power, kb == K_SINGLE)
        if kp == K_DOUBLE or kb == K_DOUBLE:
            return _real_expt(base, power, False)
        return _real_expt(base, power, True)
    if base_complex and not power_complex:
        ck = _complex_kind(base)
        if kp == K_INT and ck == K_RATIO:
            return _intexp(base, power)
        if kp <= K_RATIO:
            return mul(lisp_expt(lisp_abs(base), power),
                       lisp_cis(mul(power, lisp_phase(base))))
        if ck != K_DOUBLE and kp == K_DOUBLE:
            return _complex_expt(_to_complex_double(base), power)
        return _complex_expt(base, power)
    if not base_complex:
        if kb != K_DOUBLE and _complex_kind(power) == K_DOUBLE:
            return _complex_expt(to_double(base), power)
        return _complex_expt(base, power)
    if _complex_kind(base) != K_DOUBLE and _complex_kind(power) == K_DOUBLE:
        return _complex_expt(_to_complex_double(base), power)
    return _complex_expt(base, power)


# ---------------------------------------------------------------- LOG
_LN2_DOUBLE = math.log(2.0)
# SBCL's (log (exp 1d0) 2d0), the divisor that turns LOG2 into a natural log.
_LOG2_E = math.log(math.exp(1.0)) / _LN2_DOUBLE


def _log2(x: int):
    """SBCL's LOG2 of an integer: (log x 2d0) when X is shorter than a
    double's significand (complex for a negative X); otherwise from the 53
    bits below X's top (two's complement bits, so a negative bignum gets a
    real, meaningless result, as in SBCL) plus X's length."""
    n = (~x if x < 0 else x).bit_length()
    if n < 53:
        return lisp_log(float(x), 2.0)
    f = (x >> (n - 53)) & ((1 << 53) - 1)
    return n + log_double(math.ldexp(float(f), -53)) / _LN2_DOUBLE


def _log1(number):
    """One-argument LOG."""
    t = type(number)
    if t is int:
        if number < 0:
            return make_complex(_log1(-number), SINGLE_PI)
        if number == 0:
            raise arith_error("DIVISION-BY-ZERO", "LOG", (0.0,))
        return to_single(_log2(number) / _LOG2_E)
    if t is Fraction:
        if number < 0:
            return make_complex(_log1(-number), SINGLE_PI)
        n, d = number.numerator, number.denominator
        if n.bit_length() == d.bit_length():
            return to_single(libm(math.log1p, to_double(number - 1), "LOG"))
        return to_single((_log2(n) - _log2(d)) / _LOG2_E)
    if t is float or t is SingleFloat:
        if math.copysign(1.0, number) < 0:
            pi = PI if t is float else SINGLE_PI
            return make_complex(_log1(negate(number)), pi)
        r = log_double(float(number))
        return r if t is float else to_single(r)
    if t is LispComplex:
        return complex_log(number)
    raise type_error(number, _NUMBER)


def lisp_log(number, base=None):
    """LOG of NUMBER in BASE (default e)."""
    if base is None:
        return _log1(number)
    check_number(number)
    check_number(base)
    tn, tb = type(number), type(base)
    if zerop(base):
        return 0.0 if tn is float or tb is float else SingleFloat(0.0)
    if tn is int and tb is float:
        return div(_log2(number), lisp_log(base, 2.0))
    if tn is float and tb is int:
        return div(lisp_log(number, 2.0), _log2(base))
    return div(_log1(number), _log1(base))


# ---------------------------------------------------------------- SQRT
def lisp_sqrt(number):
    """SQRT."""
    t = type(number)
    if t is int or t is Fraction:
        if number < 0:
            return LispComplex(SingleFloat(0.0), to_single(math.sqrt(-to_double(number))))
        return to_single(math.sqrt(to_double(number)))
    if t is float:
        if number < 0:
            return LispComplex(0.0, math.sqrt(-number))
        return math.sqrt(number)
    if t is SingleFloat:
        if number < 0:
            return LispComplex(SingleFloat(0.0), to_single(math.sqrt(-number)))
        return to_single(math.sqrt(number))
    if t is LispComplex:
        return complex_sqrt(number)
    raise type_error(number, _NUMBER)


# ---------------------------------------------------------------- complex inverse functions
def _div_masked(a, b):
    """A / B with the division-by-zero trap masked, as SBCL's complex
    inverse functions compute: a nonzero over zero is an infinity."""
    try:
        return div(a, b)
    except LispError as e:
        if e.class_name != "DIVISION-BY-ZERO":
            raise
    inf = math.copysign(math.inf, to_double(a)) * math.copysign(1.0, to_double(b))
    return inf if type(a) is float or type(b) is float else SingleFloat(inf)


def _conjugate(z):
    if type(z) is LispComplex:
        return make_complex(z.real, negate(z.imag))
    return z


def _complex_acos(z):
    sqrt_1pz = complex_sqrt(add(1, z))
    sqrt_1mz = complex_sqrt(sub(1, z))
    return make_complex(
        mul(2, lisp_atan(_div_masked(sqrt_1mz.real, sqrt_1pz.real))),
        lisp_asinh(imagpart(mul(_conjugate(sqrt_1pz), sqrt_1mz))))


def _complex_acosh(z):
    sqrt_zm1 = complex_sqrt(sub(z, 1))
    sqrt_zp1 = complex_sqrt(add(z, 1))
    return make_complex(
        lisp_asinh(realpart(mul(_conjugate(sqrt_zm1), sqrt_zp1))),
        mul(2, lisp_atan(_div_masked(sqrt_zm1.imag, sqrt_zp1.real))))


def _complex_asin(z):
    sqrt_1mz = complex_sqrt(sub(1, z))
    sqrt_1pz = complex_sqrt(add(1, z))
    return make_complex(
        lisp_atan(_div_masked(realpart(z), realpart(mul(sqrt_1mz, sqrt_1pz)))),
        lisp_asinh(imagpart(mul(_conjugate(sqrt_1mz), sqrt_1pz))))


def _complex_asinh(z):
    r = _complex_asin(make_complex(negate(imagpart(z)), realpart(z)))
    return make_complex(imagpart(r), negate(realpart(r)))


def _complex_atan(z):
    r = complex_atanh(make_complex(negate(imagpart(z)), realpart(z)))
    return make_complex(imagpart(r), negate(realpart(r)))


# ---------------------------------------------------------------- trigonometry
def lisp_sin(z):
    """SIN."""
    if type(z) is LispComplex:
        x, y = z.real, z.imag
        return make_complex(mul(lisp_sin(x), lisp_cosh(y)), mul(lisp_cos(x), lisp_sinh(y)))
    check_number(z)
    return _real_fn(z, math.sin, "SIN")


def lisp_cos(z):
    """COS."""
    if type(z) is LispComplex:
        x, y = z.real, z.imag
        return make_complex(mul(lisp_cos(x), lisp_cosh(y)),
                            negate(mul(lisp_sin(x), lisp_sinh(y))))
    check_number(z)
    return _real_fn(z, math.cos, "COS")


def lisp_tan(z):
    """TAN: tan z = -i tanh(iz) for complex Z."""
    if type(z) is LispComplex:
        r = complex_tanh(make_complex(negate(z.imag), z.real))
        return make_complex(r.imag, negate(r.real))
    check_number(z)
    return _real_fn(z, math.tan, "TAN")


def lisp_cis(theta):
    """CIS: cos THETA + i sin THETA."""
    check_real(theta)
    return make_complex(lisp_cos(theta), lisp_sin(theta))


def _out_of_unit(x) -> bool:
    return x > 1 or x < -1


def lisp_asin(z):
    """ASIN."""
    t = type(z)
    if t is int or t is Fraction:
        if _out_of_unit(z):
            return _complex_asin(z)
        return _real_fn(z, math.asin, "ASIN")
    if t is float or t is SingleFloat:
        if _out_of_unit(z):
            return _complex_asin(make_complex(z))
        return _real_fn(z, math.asin, "ASIN")
    if t is LispComplex:
        return _complex_asin(z)
    raise type_error(z, _NUMBER)


def lisp_acos(z):
    """ACOS."""
    t = type(z)
    if t is int or t is Fraction:
        if _out_of_unit(z):
            return _complex_acos(z)
        return _real_fn(z, math.acos, "ACOS")
    if t is float or t is SingleFloat:
        if _out_of_unit(z):
            return _complex_acos(make_complex(z))
        return _real_fn(z, math.acos, "ACOS")
    if t is LispComplex:
        return _complex_acos(z)
    raise type_error(z, _NUMBER)


def lisp_atan(y, x=None):
    """ATAN of Y, or of Y/X using both signs to choose the quadrant."""
    if x is None:
        if type(y) is LispComplex:
            return _complex_atan(y)
        check_number(y)
        return _real_fn(y, math.atan, "ATAN")
    check_real(y)
    check_real(x)
    r = atan2(to_double(y), to_double(x))
    return r if type(y) is float or type(x) is float else to_single(r)


def lisp_sinh(z):
    """SINH."""
    if type(z) is LispComplex:
        x, y = z.real, z.imag
        return make_complex(mul(lisp_sinh(x), lisp_cos(y)), mul(lisp_cosh(x), lisp_sin(y)))
    check_number(z)
    return _real_fn(z, math.sinh, "SINH")


def lisp_cosh(z):
    """COSH."""
    if type(z) is LispComplex:
        x, y = z.real, z.imag
        return make_complex(mul(lisp_cosh(x), lisp_cos(y)), mul(lisp_sinh(x), lisp_sin(y)))
    check_number(z)
    return _real_fn(z, math.cosh, "COSH")


def lisp_tanh(z):
    """TANH."""
    if type(z) is LispComplex:
        return complex_tanh(z)
    check_number(z)
    return _real_fn(z, math.tanh, "TANH")


def lisp_asinh(z):
    """ASINH."""
    if type(z) is LispComplex:
        return _complex_asinh(z)
    check_number(z)
    return _real_fn(z, math.asinh, "ASINH")


def lisp_acosh(z):
    """ACOSH."""
    t = type(z)
    if t is int or t is Fraction:
        if z < 1:
            return _complex_acosh(z)
        return _real_fn(z, math.acosh, "ACOSH")
    if t is float or t is SingleFloat:
        if z < 1:
            return _complex_acosh(make_complex(z))
        return _real_fn(z, math.acosh, "ACOSH")
    if t is LispComplex:
        return _complex_acosh(z)
    raise type_error(z, _NUMBER)


def _atanh_real(x: float) -> float:
    if abs(x) == 1.0:
        raise arith_error("DIVISION-BY-ZERO", "ATANH", (x,))
    return math.atanh(x)


def lisp_atanh(z):
    """ATANH."""
    t = type(z)
    if t is int or t is Fraction:
        if _out_of_unit(z):
            return complex_atanh(z)
        return _real_fn(z, _atanh_real, "ATANH")
    if t is float or t is SingleFloat:
        if _out_of_unit(z):
            return complex_atanh(make_complex(z))
        return _real_fn(z, _atanh_real, "ATANH")
    if t is LispComplex:
        return complex_atanh(z)
    raise type_error(z, _NUMBER)


# ---------------------------------------------------------------- PHASE, ABS, SIGNUM
def lisp_phase(z):
    """PHASE: the angle of Z's polar form (PI for negative reals)."""
    t = type(z)
    if t is int or t is Fraction:
        return SINGLE_PI if z < 0 else SingleFloat(0.0)
    if t is SingleFloat:
        return SINGLE_PI if math.copysign(1.0, z) < 0 else SingleFloat(0.0)
    if t is float:
        return PI if math.copysign(1.0, z) < 0 else 0.0
    if t is LispComplex:
        return lisp_atan(z.imag, z.real)
    raise type_error(z, _NUMBER)


def lisp_abs(z):
    """ABS; the modulus of a complex."""
    t = type(z)
    if t is int or t is Fraction or t is float:
        return abs(z)
    if t is SingleFloat:
        return SingleFloat(abs(z))
    if t is LispComplex:
        re, im = z.real, z.imag
        tr = type(re)
        if tr is float:
            return _hypot(re, im)
        if tr is SingleFloat:
            return to_single(_hypot(re, im))
        return lisp_sqrt(add(mul(re, re), mul(im, im)))
    raise type_error(z, _NUMBER)


def lisp_signum(z):
    """SIGNUM: Z itself when zero, else Z / |Z|."""
    t = type(z)
    if t is LispComplex:
        if zerop(z):
            return z
        return div(z, lisp_abs(z))
    if t is int or t is Fraction:
        return (z > 0) - (z < 0)
    if t is float:
        return z if z == 0.0 or z != z else math.copysign(1.0, z)
    if t is SingleFloat:
        return z if z == 0.0 or z != z else SingleFloat(math.copysign(1.0, z))
    raise type_error(z, _NUMBER)

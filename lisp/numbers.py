"""The arithmetic core: two-argument operations on Lisp numbers with Common
Lisp's contagion rules, called directly by the machine and by the number
primitives (lisp/prims/numbers.py). Nothing here is registered as a Lisp
function.

Representation (lisp/objects.py): ``int`` is INTEGER (``bool`` is not a
number), ``Fraction`` is RATIO and is never left with denominator 1,
``SingleFloat`` is SINGLE-FLOAT, ``float`` is DOUBLE-FLOAT and
``LispComplex`` is COMPLEX, whose parts are both rational or both floats of
one format, and whose rational form never has a zero imaginary part.

Contagion, as in SBCL: rational op rational is exact; a rational meeting a
float is first converted to that float's format; single op double is done in
double; a complex meeting anything works part by part with the same rules.
Float arithmetic traps as SBCL's does by default: overflow, invalid
operations and division by zero signal FLOATING-POINT-OVERFLOW,
FLOATING-POINT-INVALID-OPERATION and DIVISION-BY-ZERO; underflow quietly
gives zero or a denormal.

Comparisons (``num_eq``, ``lt`` ...) return Python booleans; the Lisp
functions turn them into T / NIL. Comparing a float with a rational is exact
(CLHS 12.1.4.1.1), which is what Python's own comparisons do.
"""
from __future__ import annotations

import math
import struct
from fractions import Fraction

from .errors import LispError, type_error
from .objects import SingleFloat, LispComplex, cl_sym, lisp_list

__all__ = [
    "add", "sub", "mul", "div", "negate", "num_eq", "lt", "gt", "le", "ge",
    "zerop", "plusp", "minusp", "check_number", "check_real",
    "check_integer", "check_rational", "check_float", "normalize",
    "make_complex", "realpart", "imagpart", "to_double", "to_single",
    "rational_to_single", "rational_to_double", "arith_error",
    "NUMBER_KIND", "K_INT", "K_RATIO", "K_SINGLE", "K_DOUBLE", "K_COMPLEX",
]

# The kind of each number type, ordered so that the larger kind wins in
# contagion between reals. bool is deliberately absent.
K_INT, K_RATIO, K_SINGLE, K_DOUBLE, K_COMPLEX = 0, 1, 2, 3, 4
NUMBER_KIND = {int: K_INT, Fraction: K_RATIO, SingleFloat: K_SINGLE,
               float: K_DOUBLE, LispComplex: K_COMPLEX}
_REAL_KIND = {int: K_INT, Fraction: K_RATIO, SingleFloat: K_SINGLE,
              float: K_DOUBLE}

_NUMBER = cl_sym("NUMBER")
_REAL = cl_sym("REAL")
_INTEGER = cl_sym("INTEGER")
_RATIONAL = cl_sym("RATIONAL")
_FLOAT = cl_sym("FLOAT")

# Native-format packing rounds to single precision without checking for
# overflow (an out-of-range value becomes an infinity), which the callers
# below detect themselves.
_f32 = struct.Struct("f")
_pack_f, _unpack_f = _f32.pack, _f32.unpack


# ---------------------------------------------------------------- conditions
def arith_error(class_name: str, operation: str, operands) -> LispError:
    """An ARITHMETIC-ERROR of CLASS_NAME for OPERATION (the name of a CL
    function) applied to the Python sequence OPERANDS."""
    return LispError(class_name, {"OPERATION": cl_sym(operation),
                                  "OPERANDS": lisp_list(*operands)})


# ---------------------------------------------------------------- type tests
def check_number(x):
    if type(x) not in NUMBER_KIND:
        raise type_error(x, _NUMBER)
    return x


def check_real(x):
    if type(x) not in _REAL_KIND:
        raise type_error(x, _REAL)
    return x


def check_integer(x):
    if type(x) is not int:
        raise type_error(x, _INTEGER)
    return x


def check_rational(x):
    t = type(x)
    if t is not int and t is not Fraction:
        raise type_error(x, _RATIONAL)
    return x


def check_float(x):
    t = type(x)
    if t is not float and t is not SingleFloat:
        raise type_error(x, _FLOAT)
    return x


# ---------------------------------------------------------------- conversions
def normalize(q: Fraction):
    """A Fraction result as a canonical rational: an int when whole."""
    return q.numerator if q.denominator == 1 else q


# The two float formats: significand bits, SBCL's exponent bias (that of a
# significand in [1/2, 1)) and the largest biased exponent of a finite float.
_SINGLE = (24, 126, 254)
_DOUBLE = (53, 1022, 2046)


def _from_parts(neg: bool, m: int, scale: int, fmt) -> float:
    """The float m * 2**(scale - digits), M having exactly DIGITS bits, as
    SBCL's SCALE-FLOAT makes it from a significand in [1/2, 1): exact in the
    normal range, the significand truncated (not rounded) into a denormal,
    FLOATING-POINT-OVERFLOW above the range."""
    digits, bias, top = fmt
    biased = scale + bias
    if biased > top:
        v = math.ldexp(m, digits)        # only for the error's operands
        raise arith_error("FLOATING-POINT-OVERFLOW", "SCALE-FLOAT",
                          (-v if neg else v, scale - digits))
    if biased < 1:
        shift = 1 - biased
        if shift > digits - 1:
            return -0.0 if neg else 0.0
        v = math.ldexp(m >> shift, (1 - bias) - digits)
    else:
        v = math.ldexp(m, scale - digits)
    return -v if neg else v


def _float_ratio(num: int, den: int, fmt) -> float:
    """SBCL's FLOAT-RATIO: NUM/DEN (a ratio) rounded to DIGITS bits from an
    integer quotient with a guard bit. When the numerator is much longer
    than the denominator its low bits are shifted away before dividing, so
    the rounding can differ by an ulp from the correctly rounded value; the
    reader and COERCE both go through it, so we do the same."""
    digits = fmt[0]
    neg = num < 0
    if neg:
        num = -num
    twos = (den & -den).bit_length() - 1
    scale = -twos
    den >>= twos
    delta = den.bit_length() - num.bit_length()
    shift = 1 + delta + digits
    shifted = num << shift if shift >= 0 else num >> -shift
    scale -= delta
    while True:
        fraction_and_guard, rem = divmod(shifted, den)
        if fraction_and_guard.bit_length() - digits == 1:
            break
        shifted >>= 1
        scale += 1
    bits = fraction_and_guard
    if bits & 1:
        if rem or bits & 2:
            bits += 1
    bits >>= 1
    if bits.bit_length() > digits:
        bits >>= 1
        scale += 1
    return _from_parts(neg, bits, scale, fmt)


def _round_int(x: int, digits: int) -> float:
    """X correctly rounded (ties to even) to DIGITS significant bits, as
    the hardware converts a machine word."""
    a = -x if x < 0 else x
    drop = a.bit_length() - digits
    if drop > 0:
        q = a >> drop
        r = a & ((1 << drop) - 1)
        half = 1 << (drop - 1)
        if r > half or (r == half and q & 1):
            q += 1
        v = math.ldexp(q, drop)
    else:
        v = float(a)
    return -v if x < 0 else v


def _bignum_to_float(x: int, fmt) -> float:
    """SBCL's BIGNUM-TO-FLOAT: keep DIGITS + 64 bits, round on the 64 below
    the significand (an exact tie is judged from whole low words of X)."""
    digits, bias, top = fmt
    neg = x < 0
    a = -x if neg else x
    n = a.bit_length()
    keep = digits + 64
    shifted = a >> (n - keep) if n >= keep else a << (keep - n)
    low = shifted & 0xFFFFFFFFFFFFFFFF
    m = shifted >> 64
    if low >> 63:
        words_below = (n + 64) // 64 - (keep + 63) // 64
        tie = low == 1 << 63 and (words_below <= 0 or not a & ((1 << (64 * words_below)) - 1))
        if not tie or m & 1:
            rounded = shifted + (1 << 63)
            if rounded.bit_length() > keep:
                m, n = rounded >> 65, n + 1
            else:
                m = rounded >> 64
    if n + bias > top:
        raise arith_error("FLOATING-POINT-OVERFLOW", "FLOAT",
                          (x, cl_sym("SINGLE-FLOAT" if digits == 24 else "DOUBLE-FLOAT")))
    v = math.ldexp(m, n - digits)
    return -v if neg else v


def _integer_to_float(x: int, fmt) -> float:
    # A machine word converts in hardware, correctly rounded; a bignum does
    # not.
    if -0x8000000000000000 <= x <= 0xFFFFFFFFFFFFFFFF:
        return _round_int(x, fmt[0])
    return _bignum_to_float(x, fmt)


def rational_to_single(x) -> SingleFloat:
    """The rational X as a SINGLE-FLOAT, rounded exactly as SBCL's COERCE
    (and its reader) rounds it. A Fraction with denominator 1 counts as the
    integer it is."""
    if type(x) is int:
        v = _integer_to_float(x, _SINGLE)
    elif x.denominator == 1:
        v = _integer_to_float(x.numerator, _SINGLE)
    else:
        v = _float_ratio(x.numerator, x.denominator, _SINGLE)
    return SingleFloat(v)


def rational_to_double(x) -> float:
    """The rational X as a DOUBLE-FLOAT, rounded exactly as SBCL's COERCE
    (and its reader) rounds it. A Fraction with denominator 1 counts as the
    integer it is."""
    if type(x) is int:
        return _integer_to_float(x, _DOUBLE)
    if x.denominator == 1:
        return _integer_to_float(x.numerator, _DOUBLE)
    return _float_ratio(x.numerator, x.denominator, _DOUBLE)


def to_double(x) -> float:
    """The real X as a DOUBLE-FLOAT."""
    t = type(x)
    if t is float:
        return x
    if t is SingleFloat:
        return float(x)
    if t is int or t is Fraction:
        return rational_to_double(x)
    raise type_error(x, _REAL)


def to_single(x) -> SingleFloat:
    """The real X as a SINGLE-FLOAT (a double is rounded, overflow signals)."""
    t = type(x)
    if t is SingleFloat:
        return x
    if t is int or t is Fraction:
        return rational_to_single(x)
    if t is float:
        return _single(x, "COERCE", (x, cl_sym("SINGLE-FLOAT")))
    raise type_error(x, _REAL)


def _single(v: float, op, operands) -> SingleFloat:
    """Round the double V, the result of OP on OPERANDS, to SINGLE-FLOAT."""
    r = _unpack_f(_pack_f(v))[0]
    if r - r != 0.0:
        _check_special(r, op, operands)
    return SingleFloat(r)


def _check_special(r: float, op: str, operands):
    """R is an infinity or NaN computed from OPERANDS: signal what SBCL's
    float traps would, or return if the operands were already special."""
    special = [x for x in operands if type(x) in (float, SingleFloat) and x - x != 0.0]
    if r != r:
        if any(x != x for x in special):
            return
        raise arith_error("FLOATING-POINT-INVALID-OPERATION", op, operands)
    if not special:
        raise arith_error("FLOATING-POINT-OVERFLOW", op, operands)


def _double_result(r: float, op: str, x: float, y: float) -> float:
    if r - r == 0.0:
        return r
    _check_special(r, op, (x, y))
    return r


# ---------------------------------------------------------------- complexes
def make_complex(re, im=0):
    """COMPLEX: a number with real part RE and imaginary part IM (reals),
    with float contagion between the parts; a rational zero imaginary part
    with a rational real part gives just RE."""
    kr = _REAL_KIND.get(type(re))
    if kr is None:
        raise type_error(re, _REAL)
    ki = _REAL_KIND.get(type(im))
    if ki is None:
        raise type_error(im, _REAL)
    if kr <= K_RATIO and ki <= K_RATIO:
        if im == 0:
            return re
        return LispComplex(re, im)
    if kr == K_DOUBLE or ki == K_DOUBLE:
        return LispComplex(to_double(re), to_double(im))
    return LispComplex(to_single(re), to_single(im))


def realpart(x):
    if type(x) is LispComplex:
        return x.real
    return check_number(x)


def imagpart(x):
    """IMAGPART: for a float, a zero of its format and sign (SBCL's (* 0 x))."""
    t = type(x)
    if t is LispComplex:
        return x.imag
    if t is int or t is Fraction:
        return 0
    if t is float:
        return math.copysign(0.0, x)
    if t is SingleFloat:
        return SingleFloat(math.copysign(0.0, x))
    raise type_error(x, _NUMBER)


def _complex_op2(a, b, op):
    """OP (add or sub) on two numbers at least one of which is complex."""
    if type(a) is LispComplex:
        if type(b) is LispComplex:
            return make_complex(op(a.real, b.real), op(a.imag, b.imag))
        check_number(b)
        return make_complex(op(a.real, b), op(a.imag, 0))
    check_number(a)
    return make_complex(op(a, b.real), op(0, b.imag))


# ---------------------------------------------------------------- arithmetic
def _kinds(a, b):
    ka = NUMBER_KIND.get(type(a))
    if ka is None:
        raise type_error(a, _NUMBER)
    kb = NUMBER_KIND.get(type(b))
    if kb is None:
        raise type_error(b, _NUMBER)
    return ka if ka > kb else kb


def add(a, b):
    """Two-argument +."""
    if type(a) is int and type(b) is int:
        return a + b
    t = type(a)
    if t is type(b):
        if t is float:
            r = a + b
            return r if r - r == 0.0 else _double_result(r, "+", a, b)
        if t is SingleFloat:
            r = _unpack_f(_pack_f(a + b))[0]
            if r - r != 0.0:
                _check_special(r, "+", (a, b))
            return SingleFloat(r)
    k = _kinds(a, b)
    if k == K_DOUBLE:
        x, y = to_double(a), to_double(b)
        return _double_result(x + y, "+", x, y)
    if k == K_SINGLE:
        x, y = to_single(a), to_single(b)
        return _single(x + y, "+", (x, y))
    if k == K_RATIO:
        r = a + b
        return r.numerator if r.denominator == 1 else r
    return _complex_op2(a, b, add)


def sub(a, b):
    """Two-argument -."""
    if type(a) is int and type(b) is int:
        return a - b
    t = type(a)
    if t is type(b):
        if t is float:
            r = a - b
            return r if r - r == 0.0 else _double_result(r, "-", a, b)
        if t is SingleFloat:
            r = _unpack_f(_pack_f(a - b))[0]
            if r - r != 0.0:
                _check_special(r, "-", (a, b))
            return SingleFloat(r)
    k = _kinds(a, b)
    if k == K_DOUBLE:
        x, y = to_double(a), to_double(b)
        return _double_result(x - y, "-", x, y)
    if k == K_SINGLE:
        x, y = to_single(a), to_single(b)
        return _single(x - y, "-", (x, y))
    if k == K_RATIO:
        r = a - b
        return r.numerator if r.denominator == 1 else r
    return _complex_op2(a, b, sub)


def mul(a, b):
    """Two-argument *."""
    if type(a) is int and type(b) is int:
        return a * b
    t = type(a)
    if t is type(b):
        if t is float:
            r = a * b
            return r if r - r == 0.0 else _double_result(r, "*", a, b)
        if t is SingleFloat:
            r = _unpack_f(_pack_f(a * b))[0]
            if r - r != 0.0:
                _check_special(r, "*", (a, b))
            return SingleFloat(r)
    k = _kinds(a, b)
    if k == K_DOUBLE:
        x, y = to_double(a), to_double(b)
        return _double_result(x * y, "*", x, y)
    if k == K_SINGLE:
        x, y = to_single(a), to_single(b)
        return _single(x * y, "*", (x, y))
    if k == K_RATIO:
        r = a * b
        return r.numerator if r.denominator == 1 else r
    if type(a) is LispComplex:
        if type(b) is LispComplex:
            ra, ia, rb, ib = a.real, a.imag, b.real, b.imag
            return make_complex(sub(mul(ra, rb), mul(ia, ib)),
                                add(mul(ra, ib), mul(ia, rb)))
        return make_complex(mul(a.real, b), mul(a.imag, b))
    return make_complex(mul(b.real, a), mul(b.imag, a))


def _float_div(x: float, y: float, op="/"):
    """X/Y on doubles with SBCL's traps (0/0 is an invalid operation)."""
    try:
        r = x / y
    except ZeroDivisionError:
        if x != x:
            return x
        if x == 0.0:
            raise arith_error("FLOATING-POINT-INVALID-OPERATION", op, (x, y)) from None
        raise arith_error("DIVISION-BY-ZERO", op, (x, y)) from None
    return _double_result(r, op, x, y)


def div(a, b):
    """Two-argument /."""
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        if b == 0:
            raise arith_error("DIVISION-BY-ZERO", "/", (a, b))
        q, r = divmod(a, b)
        return q if r == 0 else Fraction(a, b)
    if ta is tb and ta is float:
        return _float_div(a, b)
    k = _kinds(a, b)
    if k == K_DOUBLE:
        return _float_div(to_double(a), to_double(b))
    if k == K_SINGLE:
        x, y = to_single(a), to_single(b)
        try:
            return _single(x / y, "/", (x, y))
        except ZeroDivisionError:
            if x != x:
                return x
            cls = "FLOATING-POINT-INVALID-OPERATION" if x == 0.0 else "DIVISION-BY-ZERO"
            raise arith_error(cls, "/", (x, y)) from None
    if k == K_RATIO:
        if b == 0:
            raise arith_error("DIVISION-BY-ZERO", "/", (a, b))
        r = Fraction(a) / b
        return r.numerator if r.denominator == 1 else r
    return _complex_div(a, b)


def _complex_div(x, y):
    # SBCL's two-arg-/ : Smith's algorithm, scaling by the larger part of
    # the divisor so that intermediate results stay in range; the divisor's
    # norm is formed as ry * (1 + r*r).
    if type(y) is not LispComplex:
        check_number(y)
        return make_complex(div(x.real, y), div(x.imag, y))
    ry, iy = y.real, y.imag
    if gt(_abs_real(ry), _abs_real(iy)):
        r = div(iy, ry)
        dn = mul(ry, add(1, mul(r, r)))
        if type(x) is LispComplex:
            rx, ix = x.real, x.imag
            return make_complex(div(add(rx, mul(ix, r)), dn),
                                div(sub(ix, mul(rx, r)), dn))
        check_number(x)
        return make_complex(div(x, dn), div(negate(mul(x, r)), dn))
    r = div(ry, iy)
    dn = mul(iy, add(1, mul(r, r)))
    if type(x) is LispComplex:
        rx, ix = x.real, x.imag
        return make_complex(div(add(mul(rx, r), ix), dn),
                            div(sub(mul(ix, r), rx), dn))
    check_number(x)
    return make_complex(div(mul(x, r), dn), div(negate(x), dn))


def _abs_real(x):
    if type(x) is SingleFloat:
        return SingleFloat(abs(x))
    return abs(x)


def negate(a):
    """Unary -."""
    t = type(a)
    if t is int or t is Fraction or t is float:
        return -a
    if t is SingleFloat:
        return SingleFloat(-a)
    if t is LispComplex:
        return LispComplex(negate(a.real), negate(a.imag))
    raise type_error(a, _NUMBER)


# ---------------------------------------------------------------- comparison
def num_eq(a, b) -> bool:
    """Two-argument =."""
    if type(a) is int and type(b) is int:
        return a == b
    ka = NUMBER_KIND.get(type(a))
    if ka is None:
        raise type_error(a, _NUMBER)
    kb = NUMBER_KIND.get(type(b))
    if kb is None:
        raise type_error(b, _NUMBER)
    if ka != K_COMPLEX and kb != K_COMPLEX:
        return a == b
    if ka != K_COMPLEX:
        return a == b.real and b.imag == 0
    if kb != K_COMPLEX:
        return a.real == b and a.imag == 0
    return a.real == b.real and a.imag == b.imag


def _real_args(a, b):
    if type(a) not in _REAL_KIND:
        raise type_error(a, _REAL)
    if type(b) not in _REAL_KIND:
        raise type_error(b, _REAL)


def lt(a, b) -> bool:
    """Two-argument <."""
    if type(a) is int and type(b) is int:
        return a < b
    _real_args(a, b)
    return a < b


def gt(a, b) -> bool:
    """Two-argument >."""
    if type(a) is int and type(b) is int:
        return a > b
    _real_args(a, b)
    return a > b


def le(a, b) -> bool:
    """Two-argument <=."""
    if type(a) is int and type(b) is int:
        return a <= b
    _real_args(a, b)
    return a <= b


def ge(a, b) -> bool:
    """Two-argument >=."""
    if type(a) is int and type(b) is int:
        return a >= b
    _real_args(a, b)
    return a >= b


def zerop(x) -> bool:
    t = type(x)
    if t is LispComplex:
        return x.real == 0 and x.imag == 0
    if t not in NUMBER_KIND:
        raise type_error(x, _NUMBER)
    return x == 0


def plusp(x) -> bool:
    if type(x) not in _REAL_KIND:
        raise type_error(x, _REAL)
    return x > 0


def minusp(x) -> bool:
    if type(x) not in _REAL_KIND:
        raise type_error(x, _REAL)
    return x < 0

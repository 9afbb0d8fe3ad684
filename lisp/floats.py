"""The anatomy of floats: decoding into significand and exponent, scaling,
exact conversion to rationals, and rounding to integers, for both formats
(SBCL's float.lisp).

SINGLE-FLOAT has 24 significand bits and exponents down to -149 (the last
denormal); DOUBLE-FLOAT 53 bits and -1074. A denormal keeps fewer bits of
precision, which FLOAT-PRECISION reports and INTEGER-DECODE-FLOAT shows.
"""
from __future__ import annotations

import math
import struct
from fractions import Fraction

from .errors import lisp_error, type_error
from .objects import SingleFloat, cl_sym, lisp_list
from .numbers import arith_error, normalize

__all__ = ["integer_decode_float", "decode_float", "scale_float",
           "float_precision", "float_digits", "float_rational",
           "float_rationalize", "unary_truncate", "unary_round",
           "unary_ftruncate", "same_format"]

_f32_bits = struct.Struct("<f")
_u32 = struct.Struct("<I")
_f64_bits = struct.Struct("<d")
_u64 = struct.Struct("<Q")


def _finite(x: float):
    if x - x != 0.0:
        raise lisp_error("SIMPLE-ERROR", "Can't decode NaN or infinity: ~S.", x)


def same_format(value: float, proto) -> float:
    """VALUE (a double holding a value of PROTO's format) typed like PROTO."""
    return SingleFloat(value) if type(proto) is SingleFloat else value


def integer_decode_float(x) -> tuple[int, int, int]:
    """INTEGER-DECODE-FLOAT: (significand, exponent, sign) with X =
    sign * significand * 2**exponent; a denormal is not renormalised and a
    zero decodes as (0, 0, sign)."""
    _finite(x)
    if type(x) is SingleFloat:
        bits = _u32.unpack(_f32_bits.pack(x))[0]
        sign = -1 if bits >> 31 else 1
        e = (bits >> 23) & 0xFF
        frac = bits & 0x7FFFFF
        if e == 0:
            return (0, 0, sign) if frac == 0 else (frac, -149, sign)
        return frac | 0x800000, e - 150, sign
    bits = _u64.unpack(_f64_bits.pack(x))[0]
    sign = -1 if bits >> 63 else 1
    e = (bits >> 52) & 0x7FF
    frac = bits & 0xFFFFFFFFFFFFF
    if e == 0:
        return (0, 0, sign) if frac == 0 else (frac, -1074, sign)
    return frac | 0x10000000000000, e - 1075, sign


def decode_float(x):
    """DECODE-FLOAT: (significand in [1/2, 1), exponent, sign as a float),
    all floats of X's format; a zero gives significand 0.0 and exponent 0."""
    _finite(x)
    sign = same_format(math.copysign(1.0, x), x)
    if x == 0.0:
        return same_format(0.0, x), 0, sign
    m, e = math.frexp(abs(x))
    return same_format(m, x), e, sign


def scale_float(x, n: int):
    """SCALE-FLOAT: X * 2**N by adjusting the exponent field, as SBCL does.
    A result in the denormal range is truncated, not rounded, and scaling a
    denormal up keeps its unnormalised significand bits: SBCL's results,
    which are not always the nearest float."""
    single = type(x) is SingleFloat
    if single:
        bits = _u32.unpack(_f32_bits.pack(x))[0]
        old = (bits >> 23) & 0xFF
        top = 254
    else:
        bits = _u64.unpack(_f64_bits.pack(x))[0]
        old = (bits >> 52) & 0x7FF
        top = 2046
    new = old + n
    if x == 0.0:
        return x
    if old < 1 or new < 1:
        return _scale_maybe_underflow(x, n)
    if old > top:
        return x                       # an infinity or NaN
    if new > top:
        raise arith_error("FLOATING-POINT-OVERFLOW", "SCALE-FLOAT", (x, n))
    if single:
        bits = (bits & ~(0xFF << 23)) | (new << 23)
        return SingleFloat(_f32_bits.unpack(_u32.pack(bits))[0])
    bits = (bits & ~(0x7FF << 52)) | (new << 52)
    return _f64_bits.unpack(_u64.pack(bits))[0]


def _scale_maybe_underflow(x, n: int):
    sig, old, sign = integer_decode_float(x)
    single = type(x) is SingleFloat
    digits, bias = (24, 126) if single else (53, 1022)
    new = n + old + digits + bias
    sign_bit = 1 if sign < 0 else 0
    if new < 1:
        shift = new - 1
        if shift < -(digits - 1):
            return same_format(math.copysign(0.0, x), x)
        return _from_bits(single, sign_bit, 0, sig >> -shift)
    if new > (255 if single else 2047):
        # SBCL builds the float from an exponent field this large and fails.
        raise type_error(new, lisp_list(cl_sym("UNSIGNED-BYTE"), 8 if single else 11))
    return _from_bits(single, sign_bit, new, sig)


def _from_bits(single: bool, sign: int, exponent: int, sig: int):
    if single:
        bits = (sign << 31) | ((exponent & 0xFF) << 23) | (sig & 0x7FFFFF)
        return SingleFloat(_f32_bits.unpack(_u32.pack(bits))[0])
    bits = (sign << 63) | ((exponent & 0x7FF) << 52) | (sig & 0xFFFFFFFFFFFFF)
    return _f64_bits.unpack(_u64.pack(bits))[0]


def float_digits(x) -> int:
    return 24 if type(x) is SingleFloat else 53


def float_precision(x) -> int:
    """The number of significant bits in X: 0 for zero, fewer than
    FLOAT-DIGITS for a denormal."""
    if x == 0.0:
        return 0
    mant, exp, _ = integer_decode_float(x)
    if type(x) is SingleFloat:
        return 24 if exp != -149 or mant >= 0x800000 else mant.bit_length()
    return 53 if exp != -1074 or mant >= 0x10000000000000 else mant.bit_length()


def float_rational(x):
    """RATIONAL of a float: its exact value."""
    _finite(x)
    return normalize(Fraction(float(x)))


def float_rationalize(x):
    """RATIONALIZE of a float: the simplest rational that rounds to X,
    by Bruno Haible's continued-fraction search between the midpoints to
    X's neighbours (the algorithm SBCL uses)."""
    frac, expo, sign = integer_decode_float(x)
    if frac == 0 or expo >= 0:
        v = frac << expo if expo >= 0 else frac
        return -v if sign < 0 else v
    den = 1 << (1 - expo)
    a = Fraction(2 * frac - 1, den)
    b = Fraction(2 * frac + 1, den)
    p0, q0, p1, q1 = 0, 1, 1, 0
    while True:
        c = math.ceil(a)
        if c < b:
            top = c * p1 + p0
            bot = c * q1 + q0
            return normalize(Fraction(-top if sign < 0 else top, bot))
        k = c - 1
        p0, q0, p1, q1 = p1, q1, k * p1 + p0, k * q1 + q0
        a, b = 1 / (b - k), 1 / (a - k)


def unary_truncate(x) -> int:
    """The integer part of the float X, toward zero."""
    _finite(x)
    return int(x)


def unary_round(x) -> int:
    """The integer nearest the float X, ties to even."""
    _finite(x)
    return round(x)


def unary_ftruncate(x):
    """X toward zero as a float of its format, keeping the sign of zero."""
    if x - x != 0.0:
        return x
    return same_format(math.copysign(float(math.trunc(x)), x), x)

"""The printed text of numbers, digit for digit as SBCL 2.2 writes them.

Integers and ratios honour the output base and radix (``#x``, ``#b``, ``#o``,
``#NNr`` and the trailing ``.`` of base 10). Floats print the shortest digit
string that reads back as the same float (Burger and Dybvig's free-format
algorithm, which SBCL uses), in fixed notation when the decimal exponent is
between -3 and 7 and in exponent notation otherwise, with an ``f``/``d``
exponent marker whenever the float's format is not
``*read-default-float-format*``.

SBCL quirk kept on purpose: for subnormal floats (and the smallest normal one)
SBCL computes the rounding interval as if the number were normalised, so it
prints more digits than strictly necessary (``1.4012985e-45``, not ``1e-45``).
We reproduce that by running the same algorithm, not by post-processing.
"""
from __future__ import annotations

import math
import struct

__all__ = ["integer_text", "ratio_text", "float_text", "float_digits"]

_DIGIT_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOG10_2 = math.log10(2)

# CPython refuses str() of ints above 4300 decimal digits; beyond this many
# bits we split the number ourselves (which is also faster than str()).
_STR_SAFE_BITS = 10000


def _unsigned_digits(n: int, base: int) -> str:
    """N (>= 0) in BASE without sign or radix marker."""
    if base == 10:
        if n.bit_length() <= _STR_SAFE_BITS:
            return str(n)
    elif base == 16:
        return "%X" % n
    elif base == 8:
        return "%o" % n
    elif base == 2:
        return format(n, "b")
    elif n.bit_length() <= 64:
        if n == 0:
            return "0"
        out = []
        while n:
            n, r = divmod(n, base)
            out.append(_DIGIT_CHARS[r])
        return "".join(reversed(out))
    # Divide and conquer: split around base**half, pad the low half.
    half = int(n.bit_length() * math.log(2, base)) // 2
    high, low = divmod(n, base ** half)
    if high == 0:
        return _unsigned_digits(low, base)
    return _unsigned_digits(high, base) + _unsigned_digits(low, base).rjust(half, "0")


def _radix_prefix(base: int) -> str:
    if base == 16:
        return "#x"
    if base == 8:
        return "#o"
    if base == 2:
        return "#b"
    return "#%dr" % base


def integer_text(n: int, base: int = 10, radix: bool = False) -> str:
    """How PRIN1 writes the integer N with *PRINT-BASE* BASE and
    *PRINT-RADIX* RADIX."""
    digits = _unsigned_digits(-n, base) if n < 0 else _unsigned_digits(n, base)
    if n < 0:
        digits = "-" + digits
    if not radix:
        return digits
    if base == 10:
        return digits + "."
    return _radix_prefix(base) + digits


def ratio_text(numerator: int, denominator: int, base: int = 10, radix: bool = False) -> str:
    """How PRIN1 writes the ratio NUMERATOR/DENOMINATOR (a ratio always gets
    a prefix under *PRINT-RADIX*, #10r included)."""
    text = integer_text(numerator, base) + "/" + _unsigned_digits(denominator, base)
    return _radix_prefix(base) + text if radix else text


# ---------------------------------------------------------------- floats
_pack_d = struct.Struct("<d")
_unpack_q = struct.Struct("<Q")
_pack_f = struct.Struct("<f")
_unpack_i = struct.Struct("<I")

# (precision, SBCL's min-e) per format. SBCL's min-e is one above the
# exponent integer-decode-float actually reports for the smallest floats;
# the asymmetric-interval test below depends on that, so we keep it.
_SINGLE = (24, -148)
_DOUBLE = (53, -1073)


def _decode_double(x: float) -> tuple[int, int]:
    bits = _unpack_q.unpack(_pack_d.pack(x))[0]
    exp_field = (bits >> 52) & 0x7FF
    frac = bits & ((1 << 52) - 1)
    if exp_field == 0:
        return frac, -1074
    return frac | (1 << 52), exp_field - 1075


def _decode_single(x: float) -> tuple[int, int]:
    bits = _unpack_i.unpack(_pack_f.pack(x))[0]
    exp_field = (bits >> 23) & 0xFF
    frac = bits & ((1 << 23) - 1)
    if exp_field == 0:
        return frac, -149
    return frac | (1 << 23), exp_field - 150


def _free_format_digits(f: int, e: int, precision: int, min_e: int) -> tuple[str, int]:
    """Shortest digits D and exponent K with 0.D * 10**K reading back as
    f * 2**e (Burger & Dybvig 1996, free format, with SBCL's handling of
    subnormals: the fraction is first shifted to full precision)."""
    if f.bit_length() < precision:
        shift = precision - f.bit_length()
        f <<= shift
        e -= shift
    even = not f & 1
    hidden = 1 << (precision - 1)
    if e >= 0:
        be = 1 << e
        if f != hidden:
            r, s, m_plus, m_minus = f * be * 2, 2, be, be
        else:
            r, s, m_plus, m_minus = f * be * 4, 4, be * 2, be
    elif e == min_e or f != hidden:
        r, s, m_plus, m_minus = f * 2, 1 << (1 - e), 1, 1
    else:
        r, s, m_plus, m_minus = f * 4, 1 << (2 - e), 2, 1
    k = math.ceil((e + f.bit_length() - 1) * _LOG10_2 - 1e-10)
    if k >= 0:
        s *= 10 ** k
    else:
        scale = 10 ** -k
        r *= scale
        m_plus *= scale
        m_minus *= scale
    if r + m_plus > s or (even and r + m_plus == s):
        k += 1
        s *= 10
    digits = []
    while True:
        d, r = divmod(r * 10, s)
        m_plus *= 10
        m_minus *= 10
        low = r < m_minus or (even and r == m_minus)
        high = r + m_plus > s or (even and r + m_plus == s)
        if low or high:
            break
        digits.append(_DIGIT_CHARS[d])
    if high and (not low or 2 * r >= s):
        d += 1
    digits.append(_DIGIT_CHARS[d])
    return "".join(digits), k


def _is_upper_tie(f: int, e: int, d: int, q: int) -> bool:
    """Is f * 2**e exactly halfway between d * 10**q and (d+1) * 10**q?"""
    lhs, rhs = 2 * f, 2 * d + 1          # lhs * 2**e == rhs * 10**q ?
    p2 = e - q                            # lhs * 2**p2 == rhs * 5**q
    if q >= 0:
        rhs *= 5 ** q
    else:
        lhs *= 5 ** -q
    return (lhs << p2) == rhs if p2 >= 0 else lhs == (rhs << -p2)


def _repr_digits(x: float, f: int, e: int) -> tuple[str, int]:
    """Digits and exponent from Python's shortest repr. Among the shortest
    strings it picks the closest, as free-format does; only exact ties
    differ: repr rounds them to even, SBCL's free-format rounds them up."""
    mantissa, _, exp = repr(x).partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = (whole + frac).lstrip("0")
    k = len(whole) + (int(exp) if exp else 0)
    if whole == "0":
        # 0.00123 -> whole "0", frac "00123": leading zeros shift the exponent.
        k = -(len(frac) - len(frac.lstrip("0")))
    digits = digits.rstrip("0") or "0"
    if digits[-1] in "02468":
        d = int(digits)
        if _is_upper_tie(f, e, d, k - len(digits)):
            digits = str(d + 1)
    return digits, k


def float_digits(x: float, single: bool) -> tuple[str, int]:
    """Shortest round-trip digits and decimal exponent K of the finite,
    positive float X: X reads back from 0.DIGITS * 10**K."""
    if single:
        f, e = _decode_single(x)
        return _free_format_digits(f, e, *_SINGLE)
    f, e = _decode_double(x)
    if f.bit_length() == 53 and e > -1074:
        return _repr_digits(x, f, e)
    return _free_format_digits(f, e, *_DOUBLE)


def float_text(x: float, single: bool, default_is_single: bool,
               infinity_symbol_text=None) -> str:
    """How PRIN1 writes the float X (a single float when SINGLE).
    DEFAULT_IS_SINGLE: *READ-DEFAULT-FLOAT-FORMAT* is SINGLE-FLOAT (or
    SHORT-FLOAT). INFINITY_SYMBOL_TEXT(name) gives the printed symbol used
    for infinities (``#.`` is prepended here)."""
    if x != x:
        return "#<%s quiet NaN>" % ("SINGLE-FLOAT" if single else "DOUBLE-FLOAT")
    if math.isinf(x):
        name = "%s-FLOAT-%s-INFINITY" % ("SINGLE" if single else "DOUBLE",
                                         "NEGATIVE" if x < 0 else "POSITIVE")
        return "#." + (infinity_symbol_text(name) if infinity_symbol_text else name)
    marker = None if single == default_is_single else ("f" if single else "d")
    sign = "-" if math.copysign(1.0, x) < 0 else ""
    if x == 0:
        return sign + "0.0" + (marker + "0" if marker else "")
    digits, k = float_digits(abs(x), single)
    if -3 < k < 8:
        if k > 0:
            if len(digits) <= k:
                text = digits + "0" * (k - len(digits)) + ".0"
            else:
                text = digits[:k] + "." + digits[k:]
        else:
            text = "0." + "0" * -k + digits
        return sign + text + (marker + "0" if marker else "")
    text = digits[0] + "." + (digits[1:] or "0")
    return sign + text + (marker or "e") + str(k - 1)

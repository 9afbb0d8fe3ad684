"""The floating-point directives of FORMAT (~F ~E ~G ~$), digit for digit as
SBCL 2.2 writes them.

SBCL prints fixed-precision floats with the same Burger & Dybvig digit
generator it uses for free-format printing, extended with a *cutoff place*
(``position``): digits stop at that decimal place and the last one is
rounded on the exact binary value. That is why ``(format nil "~,2F" 0.125)``
is "0.13" (the tie goes up) while ``(format nil "~,1F" 0.35)`` is "0.3" (the
single float is below .35). ~E first scales the number into [0.1, 1) with
float arithmetic (SCALE-EXPONENT), which is where "1.2344999999999999d+3"
for 1234.5d0 comes from; we repeat those float operations exactly.

Every function here takes finite floats (SingleFloat or Python float for
DOUBLE-FLOAT) and returns text; FORMAT itself handles infinities, NaNs,
rationals and non-numbers before calling in.
"""
from __future__ import annotations

import math

from .errors import type_error
from .objects import SingleFloat, cl_sym, lisp_list
from .printnum import float_digits

__all__ = ["flonum_to_digits", "flonum_to_string", "scale_exponent",
           "fixed_text", "exponential_text", "general_text", "dollars_text"]

# (significand bits, SBCL's *-FLOAT-MIN-E) for single and double floats.
_SINGLE = (24, -148)
_DOUBLE = (53, -1073)
_LOG2_10 = math.log(2.0) / math.log(10.0)
_INDEX_LIMIT = 4611686018427387901    # SBCL's ARRAY-DIMENSION-LIMIT


def _decode(x: float) -> tuple[int, int]:
    """Integer significand and exponent of the positive float X, the
    significand left-aligned to full precision (as SBCL shifts subnormals)."""
    p = 24 if type(x) is SingleFloat else 53
    m, ex = math.frexp(x)
    return int(m * (1 << p)), ex - p


def flonum_to_digits(x: float, position: int | None = None,
                     relativep: bool = False) -> tuple[int, str]:
    """SBCL's FLONUM-TO-DIGITS: (K, DIGITS) with X ~ 0.DIGITS * 10**K.
    Without POSITION the digits are the shortest that read back as X. With
    POSITION they stop at the decimal place 10**POSITION (absolute), or
    POSITION significant digits when RELATIVEP."""
    if x == 0:
        return 0, "0"
    if position is None:
        digits, k = float_digits(x, type(x) is SingleFloat)
        return k, digits
    p, min_e = _SINGLE if type(x) is SingleFloat else _DOUBLE
    f, e = _decode(x)
    if e >= 0:
        be = 1 << e
        if f != 1 << (p - 1):
            r, s, m_plus, m_minus = f << (e + 1), 2, be, be
        else:
            r, s, m_plus, m_minus = f << (e + 2), 4, be << 1, be
    elif e == min_e or f != 1 << (p - 1):
        r, s, m_plus, m_minus = f * 2, 1 << (1 - e), 1, 1
    else:
        r, s, m_plus, m_minus = f * 4, 1 << (2 - e), 2, 1
    if relativep:
        k, l = 0, 1
        while s * l < r + m_plus:
            k += 1
            l *= 10
        # r + s * 10**(k - position) / 2 < s * l, kept in integers.
        a = max(0, position - k)
        if 2 * r * 10 ** a + s * 10 ** (k - position + a) < 2 * s * l * 10 ** a:
            position = k - position
        else:
            position = k - position - 1
    # The cutoff x = s * 10**position / 2 may be fractional: scale the four
    # quantities (the algorithm is homogeneous in them) to stay in integers.
    scale = 2 * 10 ** max(0, -position)
    r, s, m_plus, m_minus = r * scale, s * scale, m_plus * scale, m_minus * scale
    cutoff = s * 10 ** position // 2 if position >= 0 else s // (2 * 10 ** -position)
    m_minus = max(m_minus, cutoff)
    m_plus = max(m_plus, cutoff)
    k = 0
    while r + m_plus >= s:
        k += 1
        s *= 10
    while r > m_minus and (r + m_plus) * 10 < s:
        k -= 1
        r *= 10
        m_plus *= 10
        m_minus *= 10
    out = []
    while True:
        d, r = divmod(r * 10, s)
        m_plus *= 10
        m_minus *= 10
        tc1 = r <= m_minus
        tc2 = r + m_plus >= s
        if tc1 or tc2:
            break
        out.append(d)
    if tc2 and (not tc1 or r * 2 >= s):
        d += 1
    out.append(d)
    return k, "".join(map(str, out))


def flonum_to_string(x: float, width=None, fdigits=None, scale=None, fmin=None):
    """SBCL's FLONUM-TO-STRING for the non-negative float X: the digits
    with a decimal point, WIDTH/FDIGITS limiting them, SCALE shifting the
    point and FMIN the least number of fraction digits. Returns (STRING,
    LENGTH, LEADING-POINT-P, TRAILING-POINT-P, POINT-POSITION)."""
    if fdigits is not None:
        e, digits = flonum_to_digits(x, min(-(fdigits + (scale or 0)), -(fmin or 0)))
    elif width is not None and width > 1:
        wide = flonum_to_digits(
            x, max(1, width - 1 + (scale if scale is not None and scale < 0 else 0)), True)
        frac = flonum_to_digits(x, -((fmin or 0) + (scale or 0)))
        e, digits = wide if len(wide[1]) >= len(frac[1]) else frac
    else:
        e, digits = flonum_to_digits(x)
    if x != 0:
        e += scale or 0
    n = len(digits)
    if e > 0:
        cut = min(n, e)
        text = digits[:cut] + "0" * (e - n) + "." + digits[cut:]
        if fdigits is not None:
            text += "0" * (fdigits - (n - cut))
    else:
        if fdigits is None:
            shown = digits
        else:
            end = min(n, max(fmin or 0, fdigits + e))
            if end < 0:
                # SBCL passes this to WRITE-STRING's :END and fails there.
                index = lisp_list(cl_sym("MOD"), _INDEX_LIMIT)
                raise type_error(end, lisp_list(cl_sym("OR"), index, cl_sym("NULL")))
            shown = digits[:end]
        text = "." + "0" * -e + shown
        if fdigits is not None:
            text += "0" * (fdigits + e - n)
    return text, len(text), text[0] == ".", text[-1] == ".", text.index(".")


def _expt10(n: int) -> float:
    """(expt 10d0 N): SBCL computes a float to an integer power with the C
    library's pow(), as Python's float power does."""
    return 10.0 ** n


def scale_exponent(x: float) -> tuple[float, int]:
    """SBCL's SCALE-EXPONENT: (Z, E) with Z in [0.1, 1) (in X's format) and
    Z * 10**E approximately X, computed in double-float arithmetic."""
    original_single = type(x) is SingleFloat
    xd = float(x)
    if xd == 0.0:
        return (SingleFloat(0.0) if original_single else 0.0), 1
    exponent = math.frexp(xd)[1]
    ex = round(exponent * _LOG2_10)
    if ex < 0:
        if xd < 2.2250738585072014e-308:
            y = xd * 1.0e16 * _expt10(-ex - 16)
        else:
            y = xd * 10.0 * _expt10(-ex - 1)
    else:
        y = xd / 10.0 / _expt10(ex - 1)
    # Shrink while >= 1, then grow while < 0.1, exactly as SBCL's two DO loops.
    d, z = 10.0, y
    while z >= 1.0:
        z = y / d
        d *= 10.0
        ex += 1
    y = z
    m = 10.0
    while z < 0.1:
        z = y * m
        m *= 10.0
        ex -= 1
    return (SingleFloat.of(z) if original_single else z), ex


def _magnitude(x: float) -> float:
    """(ABS X) keeping X's float format (Python's abs() drops SingleFloat)."""
    return SingleFloat(abs(x)) if type(x) is SingleFloat else abs(x)


def _sign_bit(x: float) -> bool:
    return math.copysign(1.0, x) < 0


def fixed_text(number: float, w, d, k, ovf, pad: str, atsign: bool) -> tuple[str, bool]:
    """~w,d,k,ovf,padF of a finite float. Returns (text, overflowed); ~G
    needs to know about the overflow."""
    spaceleft = w
    if w is not None and (atsign or _sign_bit(number)):
        spaceleft -= 1
    text, length, lpoint, tpoint, _ = flonum_to_string(_magnitude(number), spaceleft, d, k)
    if d == 0:
        tpoint = False
    if w is not None:
        spaceleft -= length
        if lpoint:
            if spaceleft > 0 or tpoint:
                spaceleft -= 1
            else:
                lpoint = False
        if tpoint:
            if spaceleft > 0:
                spaceleft -= 1
            else:
                tpoint = False
    if w is not None and spaceleft < 0 and ovf is not None:
        return ovf * w, True
    out = []
    if w is not None:
        out.append(pad * spaceleft)
    if _sign_bit(number):
        out.append("-")
    elif atsign:
        out.append("+")
    if lpoint:
        out.append("0")
    out.append(text)
    if tpoint:
        out.append("0")
    return "".join(out), False


def _exponent_marker(number: float, default_single: bool) -> str:
    single = type(number) is SingleFloat
    if single == default_single:
        return "e"
    return "f" if single else "d"


def exponential_text(number: float, w, d, e, k, ovf, pad: str, marker,
                     atsign: bool, default_single: bool) -> str:
    """~w,d,e,k,ovf,pad,markE of a finite float. DEFAULT_SINGLE tells
    whether *READ-DEFAULT-FLOAT-FORMAT* is SINGLE-FLOAT (it picks the
    exponent marker when none is given)."""
    num, expt = scale_exponent(_magnitude(number))
    if num == 1.0:
        k -= 1
    expt -= k
    estr = str(abs(expt))
    elen = max(len(estr), e) if e is not None else len(estr)
    spaceleft = None
    if w is not None:
        spaceleft = w - 2 - elen
        if atsign or _sign_bit(number):
            spaceleft -= 1
    if w is not None and ovf is not None and e is not None and elen > e:
        return ovf * w
    fdig = (d + 1 - k if k > 0 else d) if d is not None else None
    fmin = 1 if k < 0 else fdig
    fstr, flen, lpoint, tpoint, _ = flonum_to_string(num, spaceleft, fdig, k, fmin)
    if fdig == 0:
        tpoint = False
    if w is not None:
        spaceleft -= flen
        if lpoint:
            if spaceleft > 0 or tpoint:
                spaceleft -= 1
            else:
                lpoint = False
        if tpoint:
            if spaceleft <= 0:
                tpoint = False
            else:
                spaceleft -= 1
    if w is not None and spaceleft < 0 and ovf is not None:
        return ovf * w
    out = []
    if w is not None:
        out.append(pad * spaceleft)
    if _sign_bit(number):
        out.append("-")
    elif atsign:
        out.append("+")
    if lpoint:
        out.append("0")
    out.append(fstr)
    if tpoint:
        out.append("0")
    out.append(marker if marker is not None else _exponent_marker(number, default_single))
    out.append("-" if expt < 0 else "+")
    if e is not None:
        out.append("0" * (e - len(estr)))
    out.append(estr)
    return "".join(out)


def general_text(number: float, w, d, e, k, ovf, pad: str, marker,
                 atsign: bool, default_single: bool) -> str:
    """~w,d,e,k,ovf,pad,markG of a finite float: fixed notation followed by
    blanks where the exponent would be when the number fits, else ~E."""
    n = scale_exponent(_magnitude(number))[1]
    if d is None:
        length = flonum_to_string(_magnitude(number))[1]
        q = 1 if length == 1 else length - 1
        d = max(q, min(n, 7))
    ee = e + 2 if e is not None else 4
    ww = w - ee if w is not None else None
    dd = d - n
    if 0 <= dd <= d:
        text, overflowed = fixed_text(number, ww, dd, None, ovf, pad, atsign)
        return text + (ovf if overflowed else " ") * ee
    return exponential_text(number, w, d, e, k if k is not None else 1, ovf, pad,
                            marker, atsign, default_single)


def dollars_text(number: float, d: int, n: int, w: int, pad: str,
                 colon: bool, atsign: bool) -> str:
    """~d,n,w,pad$ of a finite float (: puts the sign before the padding)."""
    sign = "-" if _sign_bit(number) else ("+" if atsign else "")
    text, _, _, _, pointplace = flonum_to_string(_magnitude(number), None, d, None)
    padding = pad * (w - len(sign) - max(n, pointplace) - 1 - d)
    zeros = "0" * (n - pointplace)
    if colon:
        return sign + padding + zeros + text
    return padding + sign + zeros + text

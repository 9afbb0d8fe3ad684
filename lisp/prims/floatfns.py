"""Float functions of the numbers dictionary: FLOAT, RATIONAL, RATIONALIZE,
DECODE-FLOAT and the other float-anatomy functions (lisp/floats.py does the
work), and the float constants, SBCL's infinities among them.
"""
from __future__ import annotations

import math
import struct
import sys

from ..dynamic import defvar
from ..functions import defun
from ..objects import MV, NIL, T, SingleFloat, SB_EXT
from .. import floats
from ..numbers import check_real, check_float, check_integer, to_single, to_double


# ---------------------------------------------------------------- conversion
@defun("RATIONAL", "x", pure=True)
def lisp_rational(x):
    """RATIONAL produces a rational number for any real numeric argument. This
    is more efficient than RATIONALIZE, but it assumes that floating-point is
    completely accurate, giving a result that isn't as pretty."""
    if type(check_real(x)) in (float, SingleFloat):
        return floats.float_rational(x)
    return x


@defun("RATIONALIZE", "x", pure=True)
def lisp_rationalize(x):
    """Converts any REAL to a RATIONAL.  Floats are converted to a simple rational
    representation exploiting the assumption that floats are only accurate to
    their precision.  RATIONALIZE (and also RATIONAL) preserve the invariant:
        (= x (float (rationalize x) x))"""
    if type(check_real(x)) in (float, SingleFloat):
        return floats.float_rationalize(x)
    return x


@defun("FLOAT", "number &optional other", pure=True)
def lisp_float(number, other=None):
    """Converts any REAL to a float. If OTHER is not provided, it returns a
    SINGLE-FLOAT if NUMBER is not already a FLOAT. If OTHER is provided, the
    result is the same float format as OTHER."""
    if other is None:
        t = type(check_real(number))
        return number if t is float or t is SingleFloat else to_single(number)
    check_real(number)
    return to_double(number) if type(check_float(other)) is float else to_single(number)


# ---------------------------------------------------------------- float decoding
@defun("DECODE-FLOAT", "float", mv=True, pure=True)
def lisp_decode_float(float_):
    """Return three values:
   1) a floating-point number representing the significand. This is always
      between 0.5 (inclusive) and 1.0 (exclusive).
   2) an integer representing the exponent.
   3) -1.0 or 1.0 (i.e. the sign of the argument.)"""
    return MV(floats.decode_float(check_float(float_)))


@defun("INTEGER-DECODE-FLOAT", "x", mv=True, pure=True)
def lisp_integer_decode_float(x):
    """Return three values:
   1) an integer representation of the significand.
   2) the exponent for the power of 2 that the significand must be multiplied
      by to get the actual value. This differs from the DECODE-FLOAT exponent
      by FLOAT-DIGITS, since the significand has been scaled to have all its
      digits before the radix point.
   3) -1 or 1 (i.e. the sign of the argument.)"""
    return MV(floats.integer_decode_float(check_float(x)))


@defun("SCALE-FLOAT", "float integer", pure=True)
def lisp_scale_float(float_, integer):
    """Return the value (* f (expt (float 2 f) ex)), but with no unnecessary loss
    of precision or overflow."""
    return floats.scale_float(check_float(float_), check_integer(integer))


@defun("FLOAT-RADIX", "x", pure=True)
def lisp_float_radix(x):
    """Return (as an integer) the radix b of its floating-point argument."""
    check_float(x)
    return 2


@defun("FLOAT-SIGN", "float1 &optional float2", pure=True)
def lisp_float_sign(float1, float2=None):
    """Return a floating-point number that has the same sign as
   FLOAT1 and, if FLOAT2 is given, has the same absolute value
   as FLOAT2."""
    check_float(float1)
    if float2 is None:
        float2 = floats.same_format(1.0, float1)
    check_float(float2)
    return floats.same_format(math.copysign(abs(float2), float1), float2)


@defun("FLOAT-DIGITS", "f", pure=True)
def lisp_float_digits(f):
    """Return the number of radix-b digits used in the representation of
    its argument."""
    return floats.float_digits(check_float(f))


@defun("FLOAT-PRECISION", "f", pure=True)
def lisp_float_precision(f):
    """Return a non-negative number of significant digits in its float argument.
  Will be less than FLOAT-DIGITS if denormalized or zero."""
    return floats.float_precision(check_float(f))


# ---------------------------------------------------------------- SBCL's float predicates
@defun("SB-EXT:FLOAT-INFINITY-P", "x", pure=True)
def float_infinity_p(x):
    """Return true if the float X is an infinity (+ or -)."""
    return T if math.isinf(check_float(x)) else NIL


@defun("SB-EXT:FLOAT-NAN-P", "x", pure=True)
def float_nan_p(x):
    """Return true if the float X is a NaN (Not a Number)."""
    return T if math.isnan(check_float(x)) else NIL


@defun("SB-EXT:FLOAT-TRAPPING-NAN-P", "x", pure=True)
def float_trapping_nan_p(x):
    """Return true if the float X is a trapping NaN (Not a Number)."""
    x = check_float(x)
    if not math.isnan(x):
        return NIL
    # a signalling NaN has the top bit of its significand clear
    if type(x) is SingleFloat:
        bits, quiet = struct.unpack("<I", struct.pack("<f", x))[0], 1 << 22
    else:
        bits, quiet = struct.unpack("<Q", struct.pack("<d", x))[0], 1 << 51
    return NIL if bits & quiet else T


@defun("SB-EXT:FLOAT-DENORMALIZED-P", "x", pure=True)
def float_denormalized_p(x):
    """Return true if the float X is denormalized."""
    x = check_float(x)
    smallest_normal = 1.1754943508222875e-38 if type(x) is SingleFloat else sys.float_info.min
    return T if x != 0 and abs(x) < smallest_normal else NIL


# ---------------------------------------------------------------- constants
def _defconstant(name: str, value):
    defvar(name, value, constant=True)


for _name, _value in (("SINGLE-FLOAT-POSITIVE-INFINITY", SingleFloat(math.inf)),
                      ("SINGLE-FLOAT-NEGATIVE-INFINITY", SingleFloat(-math.inf)),
                      ("DOUBLE-FLOAT-POSITIVE-INFINITY", math.inf),
                      ("DOUBLE-FLOAT-NEGATIVE-INFINITY", -math.inf),
                      ("SHORT-FLOAT-POSITIVE-INFINITY", SingleFloat(math.inf)),
                      ("SHORT-FLOAT-NEGATIVE-INFINITY", SingleFloat(-math.inf)),
                      ("LONG-FLOAT-POSITIVE-INFINITY", math.inf),
                      ("LONG-FLOAT-NEGATIVE-INFINITY", -math.inf)):
    _sym = SB_EXT.intern(_name)[0]
    SB_EXT.export(_sym)
    defvar(_name, _value, sym=_sym, constant=True)


def _float_constants(prefix_names, one, largest, smallest, smallest_normal,
                     epsilon, negative_epsilon):
    for kind in prefix_names:
        _defconstant(f"MOST-POSITIVE-{kind}-FLOAT", one(largest))
        _defconstant(f"MOST-NEGATIVE-{kind}-FLOAT", one(-largest))
        _defconstant(f"LEAST-POSITIVE-{kind}-FLOAT", one(smallest))
        _defconstant(f"LEAST-NEGATIVE-{kind}-FLOAT", one(-smallest))
        _defconstant(f"LEAST-POSITIVE-NORMALIZED-{kind}-FLOAT", one(smallest_normal))
        _defconstant(f"LEAST-NEGATIVE-NORMALIZED-{kind}-FLOAT", one(-smallest_normal))
        _defconstant(f"{kind}-FLOAT-EPSILON", one(epsilon))
        _defconstant(f"{kind}-FLOAT-NEGATIVE-EPSILON", one(negative_epsilon))


# SBCL's SHORT-FLOAT is SINGLE-FLOAT and its LONG-FLOAT is DOUBLE-FLOAT. The
# epsilons are the smallest e with (/= (+ 1 e) 1) (resp. (- 1 e)) under
# round-to-even: one unit past half an ulp of 1.
_float_constants(("SHORT", "SINGLE"), SingleFloat,
                 math.ldexp(0xFFFFFF, 104), math.ldexp(1.0, -149),
                 math.ldexp(1.0, -126), math.ldexp(1 + 2.0 ** -23, -24),
                 math.ldexp(1 + 2.0 ** -23, -25))
_float_constants(("DOUBLE", "LONG"), float,
                 1.7976931348623157e308, math.ldexp(1.0, -1074),
                 math.ldexp(1.0, -1022), math.ldexp(1 + 2.0 ** -52, -53),
                 math.ldexp(1 + 2.0 ** -52, -54))

"""The numbers dictionary (CLHS 12): arithmetic, comparison, predicates,
rounding, the irrational functions and the parts of numbers. The rest is
in integers.py (LOGAND, LDB, GCD, PARSE-INTEGER, BOOLE ...), floatfns.py
(FLOAT, DECODE-FLOAT ... and the float constants) and random.py.

Arguments are checked as SBCL checks them and results agree with SBCL's:
see lisp/numbers.py for contagion and float traps, lisp/irrational.py for
the transcendental functions, lisp/rounding.py for the division family.
"""
from __future__ import annotations

import math

from ..conditions import (CLASSES, condition_class, resolve_class_name,
                          report_simple, report_arithmetic)
from ..dynamic import defvar
from ..functions import defun
from ..objects import NIL, T, MV, SingleFloat, LispComplex
from .. import irrational, rounding
from ..numbers import (add, sub, mul, div, negate, num_eq, lt, gt, le, ge,
                       make_complex, realpart, imagpart, check_number,
                       check_real, check_integer, check_rational, zerop,
                       plusp, minusp, NUMBER_KIND, K_RATIO)


def _ensure_condition_class(name: str, supers, report):
    """Define the SBCL condition class NAME unless some module already has
    (its package is made on demand, as conditions.resolve_class_name does)."""
    if resolve_class_name(name) not in CLASSES:
        condition_class(name, supers, report=report)


# Conditions these functions signal that the standard does not name.
_ensure_condition_class("SB-INT:SIMPLE-PARSE-ERROR", ["SIMPLE-CONDITION", "PARSE-ERROR"],
                        report_simple)
_ensure_condition_class("SB-INT:ARGUMENTS-OUT-OF-DOMAIN-ERROR", ["ARITHMETIC-ERROR"],
                        report_arithmetic)


# ---------------------------------------------------------------- arithmetic
@defun("+", "&rest numbers", pure=True)
def plus(*numbers):
    """Return the sum of its arguments. With no args, returns 0."""
    if len(numbers) == 2:
        return add(numbers[0], numbers[1])
    if not numbers:
        return 0
    result = check_number(numbers[0])
    for x in numbers[1:]:
        result = add(result, x)
    return result


@defun("-", "number &rest more-numbers", pure=True)
def minus(number, *more_numbers):
    """Subtract the second and all subsequent arguments from the first;
    or with one argument, negate the first argument."""
    if not more_numbers:
        return negate(number)
    result = number
    for x in more_numbers:
        result = sub(result, x)
    return result


@defun("*", "&rest numbers", pure=True)
def times(*numbers):
    """Return the product of its arguments. With no args, returns 1."""
    if len(numbers) == 2:
        return mul(numbers[0], numbers[1])
    if not numbers:
        return 1
    result = check_number(numbers[0])
    for x in numbers[1:]:
        result = mul(result, x)
    return result


@defun("/", "number &rest more-numbers", pure=True)
def divide(number, *more_numbers):
    """Divide the first argument by each of the following arguments, in turn.
    With one argument, return reciprocal."""
    if not more_numbers:
        return div(1, number)
    result = number
    for x in more_numbers:
        result = div(result, x)
    return result


@defun("1+", "number", pure=True)
def one_plus(number):
    """Return NUMBER + 1."""
    return add(number, 1)


@defun("1-", "number", pure=True)
def one_minus(number):
    """Return NUMBER - 1."""
    return sub(number, 1)


# ---------------------------------------------------------------- comparison
@defun("=", "number &rest more-numbers", pure=True)
def num_equal(number, *more_numbers):
    """Return T if all of its arguments are numerically equal, NIL otherwise."""
    check_number(number)
    for i, x in enumerate(more_numbers):
        if not num_eq(number, x):
            for y in more_numbers[i + 1:]:
                check_number(y)
            return NIL
    return T


@defun("/=", "number &rest more-numbers", pure=True)
def num_not_equal(number, *more_numbers):
    """Return T if no two of its arguments are numerically equal, NIL otherwise."""
    check_number(number)
    args = (number,) + more_numbers
    for i in range(len(args) - 1):
        a = args[i]
        for b in args[i + 1:]:
            if num_eq(a, b):
                return NIL
    return T


def _ordered(op, number, more_numbers):
    check_real(number)
    prev = number
    for i, x in enumerate(more_numbers):
        if not op(prev, x):
            for y in more_numbers[i + 1:]:
                check_real(y)
            return NIL
        prev = x
    return T


@defun("<", "number &rest more-numbers", pure=True)
def num_less(number, *more_numbers):
    """Return T if its arguments are in strictly increasing order, NIL otherwise."""
    if len(more_numbers) == 1:
        return T if lt(number, more_numbers[0]) else NIL
    return _ordered(lt, number, more_numbers)


@defun(">", "number &rest more-numbers", pure=True)
def num_greater(number, *more_numbers):
    """Return T if its arguments are in strictly decreasing order, NIL otherwise."""
    if len(more_numbers) == 1:
        return T if gt(number, more_numbers[0]) else NIL
    return _ordered(gt, number, more_numbers)


@defun("<=", "number &rest more-numbers", pure=True)
def num_less_equal(number, *more_numbers):
    """Return T if arguments are in strictly non-decreasing order, NIL otherwise."""
    if len(more_numbers) == 1:
        return T if le(number, more_numbers[0]) else NIL
    return _ordered(le, number, more_numbers)


@defun(">=", "number &rest more-numbers", pure=True)
def num_greater_equal(number, *more_numbers):
    """Return T if arguments are in strictly non-increasing order, NIL otherwise."""
    if len(more_numbers) == 1:
        return T if ge(number, more_numbers[0]) else NIL
    return _ordered(ge, number, more_numbers)


@defun("MAX", "number &rest more-numbers", pure=True)
def lisp_max(number, *more_numbers):
    """Return the greatest of its arguments; among EQUALP greatest, return
    the first. No contagion: (max 3 2.0) is 3."""
    result = check_real(number)
    for x in more_numbers:
        if gt(x, result):
            result = x
    return result


@defun("MIN", "number &rest more-numbers", pure=True)
def lisp_min(number, *more_numbers):
    """Return the least of its arguments; among EQUALP least, return
    the first. No contagion: (min 1 2.0) is 1."""
    result = check_real(number)
    for x in more_numbers:
        if lt(x, result):
            result = x
    return result


# ---------------------------------------------------------------- predicates
@defun("ZEROP", "number", pure=True)
def lisp_zerop(number):
    """Is this number zero?"""
    return T if zerop(number) else NIL


@defun("PLUSP", "number", pure=True)
def lisp_plusp(number):
    """Is this real number strictly positive?"""
    return T if plusp(number) else NIL


@defun("MINUSP", "number", pure=True)
def lisp_minusp(number):
    """Is this real number strictly negative?"""
    return T if minusp(number) else NIL


@defun("ODDP", "number", pure=True)
def lisp_oddp(number):
    """Is this integer odd?"""
    return T if check_integer(number) & 1 else NIL


@defun("EVENP", "number", pure=True)
def lisp_evenp(number):
    """Is this integer even?"""
    return NIL if check_integer(number) & 1 else T


@defun("NUMBERP", "object", pure=True)
def numberp(object):
    """Return true if OBJECT is a NUMBER, and NIL otherwise."""
    return T if type(object) in NUMBER_KIND else NIL


@defun("REALP", "object", pure=True)
def realp(object):
    """Return true if OBJECT is a REAL, and NIL otherwise."""
    t = NUMBER_KIND.get(type(object))
    return T if t is not None and type(object) is not LispComplex else NIL


@defun("RATIONALP", "object", pure=True)
def rationalp(object):
    """Return true if OBJECT is a RATIONAL, and NIL otherwise."""
    k = NUMBER_KIND.get(type(object))
    return T if k is not None and k <= K_RATIO else NIL


@defun("INTEGERP", "object", pure=True)
def integerp(object):
    """Return true if OBJECT is an INTEGER, and NIL otherwise."""
    return T if type(object) is int else NIL


@defun("FLOATP", "object", pure=True)
def floatp(object):
    """Return true if OBJECT is a FLOAT, and NIL otherwise."""
    t = type(object)
    return T if t is float or t is SingleFloat else NIL


@defun("COMPLEXP", "object", pure=True)
def complexp(object):
    """Return true if OBJECT is a COMPLEX, and NIL otherwise."""
    return T if type(object) is LispComplex else NIL


# ---------------------------------------------------------------- rounding
@defun("TRUNCATE", "number &optional divisor", mv=True, pure=True)
def lisp_truncate(number, divisor=1):
    """Return number (or number/divisor) as an integer, rounded toward 0.
    The second returned value is the remainder."""
    return MV(rounding.truncate(number, divisor))


@defun("FLOOR", "number &optional divisor", mv=True, pure=True)
def lisp_floor(number, divisor=1):
    """Return the greatest integer not greater than number, or number/divisor.
    The second returned value is (mod number divisor)."""
    return MV(rounding.floor(number, divisor))


@defun("CEILING", "number &optional divisor", mv=True, pure=True)
def lisp_ceiling(number, divisor=1):
    """Return the smallest integer not less than number, or number/divisor.
    The second returned value is the remainder."""
    return MV(rounding.ceiling(number, divisor))


@defun("ROUND", "number &optional divisor", mv=True, pure=True)
def lisp_round(number, divisor=1):
    """Rounds number (or number/divisor) to nearest integer, an exact half
    to the even one. The second returned value is the remainder."""
    return MV(rounding.round_(number, divisor))


@defun("FTRUNCATE", "number &optional divisor", mv=True, pure=True)
def lisp_ftruncate(number, divisor=1):
    """Same as TRUNCATE, but returns first value as a float."""
    return MV(rounding.ftruncate(number, divisor))


@defun("FFLOOR", "number &optional divisor", mv=True, pure=True)
def lisp_ffloor(number, divisor=1):
    """Same as FLOOR, but returns first value as a float."""
    return MV(rounding.ffloor(number, divisor))


@defun("FCEILING", "number &optional divisor", mv=True, pure=True)
def lisp_fceiling(number, divisor=1):
    """Same as CEILING, but returns first value as a float."""
    return MV(rounding.fceiling(number, divisor))


@defun("FROUND", "number &optional divisor", mv=True, pure=True)
def lisp_fround(number, divisor=1):
    """Same as ROUND, but returns first value as a float."""
    return MV(rounding.fround(number, divisor))


@defun("MOD", "number divisor", pure=True)
def lisp_mod(number, divisor):
    """Return second result of FLOOR."""
    return rounding.mod(number, divisor)


@defun("REM", "number divisor", pure=True)
def lisp_rem(number, divisor):
    """Return second result of TRUNCATE."""
    return rounding.rem(number, divisor)


# ---------------------------------------------------------------- irrational
@defun("ABS", "number", pure=True)
def lisp_abs(number):
    """Return the absolute value of the number."""
    return irrational.lisp_abs(number)


@defun("SIGNUM", "number", pure=True)
def lisp_signum(number):
    """If NUMBER is zero, return NUMBER, else return (/ NUMBER (ABS NUMBER))."""
    return irrational.lisp_signum(number)


@defun("EXP", "number", pure=True)
def lisp_exp(number):
    """Return e raised to the power NUMBER."""
    return irrational.lisp_exp(number)


@defun("EXPT", "base power", pure=True)
def lisp_expt(base, power):
    """Return BASE raised to the POWER."""
    return irrational.lisp_expt(base, power)


@defun("LOG", "number &optional base", pure=True)
def lisp_log(number, base=None):
    """Return the logarithm of NUMBER in the base BASE, which defaults to e."""
    return irrational.lisp_log(number, base)


@defun("SQRT", "number", pure=True)
def lisp_sqrt(number):
    """Return the square root of NUMBER."""
    return irrational.lisp_sqrt(number)


@defun("SIN", "number", pure=True)
def lisp_sin(number):
    """Return the sine of NUMBER."""
    return irrational.lisp_sin(number)


@defun("COS", "number", pure=True)
def lisp_cos(number):
    """Return the cosine of NUMBER."""
    return irrational.lisp_cos(number)


@defun("TAN", "number", pure=True)
def lisp_tan(number):
    """Return the tangent of NUMBER."""
    return irrational.lisp_tan(number)


@defun("ASIN", "number", pure=True)
def lisp_asin(number):
    """Return the arc sine of NUMBER."""
    return irrational.lisp_asin(number)


@defun("ACOS", "number", pure=True)
def lisp_acos(number):
    """Return the arc cosine of NUMBER."""
    return irrational.lisp_acos(number)


@defun("ATAN", "y &optional x", pure=True)
def lisp_atan(y, x=None):
    """Return the arc tangent of Y if X is omitted or Y/X if X is supplied."""
    return irrational.lisp_atan(y, x)


@defun("SINH", "number", pure=True)
def lisp_sinh(number):
    """Return the hyperbolic sine of NUMBER."""
    return irrational.lisp_sinh(number)


@defun("COSH", "number", pure=True)
def lisp_cosh(number):
    """Return the hyperbolic cosine of NUMBER."""
    return irrational.lisp_cosh(number)


@defun("TANH", "number", pure=True)
def lisp_tanh(number):
    """Return the hyperbolic tangent of NUMBER."""
    return irrational.lisp_tanh(number)


@defun("ASINH", "number", pure=True)
def lisp_asinh(number):
    """Return the hyperbolic arc sine of NUMBER."""
    return irrational.lisp_asinh(number)


@defun("ACOSH", "number", pure=True)
def lisp_acosh(number):
    """Return the hyperbolic arc cosine of NUMBER."""
    return irrational.lisp_acosh(number)


@defun("ATANH", "number", pure=True)
def lisp_atanh(number):
    """Return the hyperbolic arc tangent of NUMBER."""
    return irrational.lisp_atanh(number)


@defun("CIS", "theta", pure=True)
def lisp_cis(theta):
    """Return cos(Theta) + i sin(Theta), i.e. exp(i Theta)."""
    return irrational.lisp_cis(theta)


@defun("PHASE", "number", pure=True)
def lisp_phase(number):
    """Return the angle part of the polar representation of a complex number.
    For complex numbers, this is (atan (imagpart number) (realpart number)).
    For non-complex positive numbers, this is 0. For non-complex negative
    numbers this is PI."""
    return irrational.lisp_phase(number)


# ---------------------------------------------------------------- parts
@defun("COMPLEX", "realpart &optional imagpart", pure=True)
def lisp_complex(realpart, imagpart=0):
    """Return a complex number with the specified real and imaginary components."""
    return make_complex(realpart, imagpart)


@defun("REALPART", "number", pure=True)
def lisp_realpart(number):
    """Extract the real part of a number."""
    return realpart(number)


@defun("IMAGPART", "number", pure=True)
def lisp_imagpart(number):
    """Extract the imaginary part of a number: for a real, a zero of its
    type (a float's keeps its sign, as (* 0 number) does)."""
    return imagpart(number)


@defun("CONJUGATE", "number", pure=True)
def lisp_conjugate(number):
    """Return the complex conjugate of NUMBER. For non-complex numbers, this is
    an identity."""
    if type(number) is LispComplex:
        return make_complex(number.real, negate(number.imag))
    return check_number(number)


@defun("NUMERATOR", "number", pure=True)
def lisp_numerator(number):
    """Return the numerator of NUMBER, which must be rational."""
    return check_rational(number) if type(number) is int else number.numerator


@defun("DENOMINATOR", "number", pure=True)
def lisp_denominator(number):
    """Return the denominator of NUMBER, which must be rational."""
    return 1 if type(check_rational(number)) is int else number.denominator


# ---------------------------------------------------------------- constants
def _defconstant(name: str, value):
    defvar(name, value, constant=True)


_defconstant("MOST-POSITIVE-FIXNUM", (1 << 62) - 1)
_defconstant("MOST-NEGATIVE-FIXNUM", -(1 << 62))
_defconstant("PI", math.pi)

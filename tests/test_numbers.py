"""The number functions, called as the machine calls them (PRIM.fn with Lisp
arguments), against results checked with sbcl --script. Types matter as
much as values: SINGLE-FLOAT (SingleFloat) is not DOUBLE-FLOAT (float),
and a whole ratio must be an int. tests/test_numbers_sbcl.py compares
thousands more calls bit for bit."""
from __future__ import annotations

import math
from fractions import Fraction

import pytest

from lisp import numbers as N
from lisp.errors import LispError
from lisp.objects import (NIL, T, MV, Cons, LString, SingleFloat, LispComplex,
                          SB_EXT, cl_sym, keyword, list_to_py)
from lisp.prims import numbers as P, integers as I, floatfns as F, random as R
from lisp.random_state import initial_random_state


def call(fn, *args):
    return fn.primitive.fn(*args)


def sf(text: str) -> SingleFloat:
    """The single float SBCL prints as TEXT."""
    return N.rational_to_single(N.normalize(Fraction(text)))


def same(a, b) -> bool:
    """EQL-like: same type and value (and sign of zero for floats)."""
    if type(a) is not type(b):
        return False
    if type(a) is LispComplex:
        return same(a.real, b.real) and same(a.imag, b.imag)
    if type(a) in (MV, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if type(a) in (float, SingleFloat):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    return a == b


def raises(cls, fn, *args) -> LispError:
    with pytest.raises(LispError) as info:
        call(fn, *args)
    assert info.value.class_name == cls
    return info.value


# ---------------------------------------------------------------- the arithmetic core
def test_integer_fast_path_stays_integer():
    assert same(N.add(2, 3), 5)
    assert same(N.mul(1 << 70, 1 << 70), 1 << 140)
    assert N.lt(1, 2) is True and N.num_eq(3, 3) is True


def test_bool_is_not_a_number():
    with pytest.raises(LispError) as info:
        N.add(True, 1)
    assert info.value.class_name == "TYPE-ERROR"


def test_ratios_are_normalised():
    assert same(call(P.divide, 1, 3), Fraction(1, 3))
    assert same(call(P.divide, 4, 2), 2)
    assert same(call(P.plus, Fraction(1, 2), Fraction(1, 2)), 1)
    assert same(call(P.times, Fraction(2, 3), Fraction(3, 2)), 1)
    assert same(call(P.divide, Fraction(1, 2), Fraction(1, 2)), 1)


def test_float_contagion():
    assert same(call(P.plus, Fraction(1, 3), sf("1.0")), sf("1.3333334"))
    assert same(call(P.plus, Fraction(1, 3), 1.0), 1.3333333333333333)
    assert same(call(P.plus, sf("1.0"), 1.0), 2.0)
    assert same(call(P.plus, sf("0.1"), 0.1), 0.20000000149011612)
    assert same(call(P.times, 2, sf("0.5")), sf("1.0"))


def test_single_and_double_zero_signs():
    assert same(call(P.plus, SingleFloat(-0.0)), SingleFloat(-0.0))
    assert same(call(P.minus, SingleFloat(0.0)), SingleFloat(-0.0))


def test_division_by_zero_names_the_operation():
    e = raises("DIVISION-BY-ZERO", P.divide, 1, 0)
    assert e.initargs["OPERATION"] is cl_sym("/")
    assert list_to_py(e.initargs["OPERANDS"]) == [1, 0]
    e = raises("DIVISION-BY-ZERO", P.divide, 0)
    assert list_to_py(e.initargs["OPERANDS"]) == [1, 0]
    raises("DIVISION-BY-ZERO", P.divide, sf("1.0"), sf("0.0"))
    raises("DIVISION-BY-ZERO", P.divide, 1, 0.0)
    raises("FLOATING-POINT-INVALID-OPERATION", P.divide, 0.0, 0.0)


def test_float_overflow_signals():
    big = cl_sym("MOST-POSITIVE-DOUBLE-FLOAT").value
    e = raises("FLOATING-POINT-OVERFLOW", P.times, big, 2)
    assert e.initargs["OPERATION"] is cl_sym("*")
    assert list_to_py(e.initargs["OPERANDS"]) == [big, 2.0]
    raises("FLOATING-POINT-OVERFLOW", P.times, cl_sym("MOST-POSITIVE-SINGLE-FLOAT").value, 2)
    raises("FLOATING-POINT-OVERFLOW", F.lisp_float, 1 << 130)
    raises("FLOATING-POINT-OVERFLOW", P.lisp_exp, 1000)
    raises("FLOATING-POINT-OVERFLOW", P.lisp_expt, sf("1.1"), 1000)


def test_underflow_is_quiet():
    tiny = cl_sym("LEAST-POSITIVE-DOUBLE-FLOAT").value
    assert same(call(P.times, tiny, 0.5), 0.0)
    assert same(call(P.lisp_exp, -1000.0), 0.0)


def test_type_errors_name_the_expected_type():
    e = raises("TYPE-ERROR", P.plus, 1, cl_sym("A"))
    assert e.initargs["DATUM"] is cl_sym("A")
    assert e.initargs["EXPECTED-TYPE"] is cl_sym("NUMBER")
    e = raises("TYPE-ERROR", P.num_less, 1, LispComplex(1, 2))
    assert e.initargs["EXPECTED-TYPE"] is cl_sym("REAL")
    e = raises("TYPE-ERROR", P.lisp_oddp, 1.0)
    assert e.initargs["EXPECTED-TYPE"] is cl_sym("INTEGER")
    # the arguments after a false comparison are still checked
    raises("TYPE-ERROR", P.num_equal, 1, 2, cl_sym("A"))
    assert call(P.num_not_equal, 1, 1, cl_sym("A")) is NIL


def test_exact_comparison_of_floats_and_rationals():
    assert call(P.num_equal, sf("0.1"), Fraction(1, 10)) is NIL
    assert call(P.num_equal, sf("0.1"), 0.1) is NIL
    assert call(P.num_less, Fraction(1, 3), sf("0.33333334")) is T
    assert call(P.num_equal, LispComplex(1.0, 0.0), 1) is T
    assert call(P.num_less, 1, 2, 3) is T and call(P.num_less, 1, 3, 2) is NIL


def test_max_and_min_return_an_argument_unconverted():
    assert same(call(P.lisp_max, 1, sf("2.0")), sf("2.0"))
    assert same(call(P.lisp_max, 3, sf("2.0")), 3)
    assert same(call(P.lisp_max, 2, sf("2.0")), 2)
    assert same(call(P.lisp_min, 1, 2, 3, -1.5), -1.5)
    assert same(call(P.lisp_max, SingleFloat(-0.0), SingleFloat(0.0)), SingleFloat(-0.0))


# ---------------------------------------------------------------- complexes
def test_complex_canonicalisation():
    assert same(call(P.lisp_complex, 1, 0), 1)
    assert same(call(P.lisp_complex, sf("1.0")), LispComplex(sf("1.0"), SingleFloat(0.0)))
    assert same(call(P.lisp_complex, 1, 2.0), LispComplex(1.0, 2.0))
    assert same(call(P.plus, LispComplex(1, 2), LispComplex(1, -2)), 2)
    assert same(call(P.plus, LispComplex(sf("1.0"), sf("2.0")), LispComplex(sf("1.0"), sf("-2.0"))),
                LispComplex(sf("2.0"), SingleFloat(0.0)))
    assert same(call(P.times, LispComplex(1, 2), LispComplex(3, 4)), LispComplex(-5, 10))
    assert same(call(P.divide, LispComplex(1, 2), LispComplex(3, 4)),
                LispComplex(Fraction(11, 25), Fraction(2, 25)))
    assert same(call(P.divide, 1, LispComplex(0, 1)), LispComplex(0, -1))
    assert same(call(P.plus, LispComplex(1, 2), sf("1.5")), LispComplex(sf("2.5"), sf("2.0")))


def test_complex_single_division_rounds_as_sbcl():
    # SBCL divides by ry*(1 + r*r): (log -3 -3) is #C(0.99999994 0.0)
    assert same(call(P.lisp_log, -3, -3), LispComplex(sf("0.99999994"), SingleFloat(0.0)))


def test_parts():
    assert same(call(P.lisp_imagpart, sf("-1.5")), SingleFloat(-0.0))
    assert same(call(P.lisp_imagpart, 1), 0)
    assert same(call(P.lisp_realpart, LispComplex(1, 2)), 1)
    assert same(call(P.lisp_conjugate, LispComplex(sf("1.0"), sf("2.0"))),
                LispComplex(sf("1.0"), sf("-2.0")))
    assert same(call(P.lisp_numerator, Fraction(6, 4)), 3)
    assert same(call(P.lisp_denominator, 5), 1)


# ---------------------------------------------------------------- irrational functions
def test_examples_from_sbcl():
    assert same(call(P.lisp_sqrt, 2), sf("1.4142135"))
    assert same(call(P.lisp_sqrt, -4), LispComplex(SingleFloat(0.0), sf("2.0")))
    assert same(call(P.lisp_sqrt, -4.0), LispComplex(0.0, 2.0))
    assert same(call(P.lisp_sqrt, LispComplex(3, 4)), LispComplex(sf("2.0"), sf("1.0")))
    assert same(call(P.lisp_expt, 2, 100), 1267650600228229401496703205376)
    assert same(call(P.lisp_expt, 2, -2), Fraction(1, 4))
    assert same(call(F.lisp_float, Fraction(1, 3)), sf("0.33333334"))
    assert same(call(F.lisp_float, Fraction(1, 3), 1.0), 0.3333333333333333)
    assert same(call(P.lisp_exp, 1), sf("2.7182817"))
    assert same(call(P.lisp_log, 8, 2), sf("3.0"))
    assert same(call(P.lisp_log, -1), LispComplex(SingleFloat(0.0), sf("3.1415927")))
    assert same(call(P.lisp_atan, 1, 1), sf("0.7853982"))
    assert same(call(P.lisp_atan, 1, 1.0), 0.7853981633974483)
    assert same(call(P.lisp_sin, 1), sf("0.84147096"))
    assert same(call(P.lisp_asin, 2), LispComplex(sf("1.5707964"), sf("-1.3169578")))
    assert same(call(P.lisp_acosh, sf("0.5")), LispComplex(SingleFloat(0.0), sf("1.0471976")))
    assert same(call(P.lisp_abs, LispComplex(3, 4)), sf("5.0"))
    assert same(call(P.lisp_signum, LispComplex(3, 4)), LispComplex(sf("0.6"), sf("0.8")))
    assert same(call(P.lisp_phase, -1), sf("3.1415927"))
    assert same(call(P.lisp_cis, 1), LispComplex(sf("0.5403023"), sf("0.84147096")))


def test_expt_special_cases():
    assert same(call(P.lisp_expt, -8, Fraction(1, 3)), LispComplex(sf("1.0"), sf("1.7320508")))
    assert same(call(P.lisp_expt, 0, 0), 1)
    assert same(call(P.lisp_expt, sf("0.0"), 0), sf("1.0"))
    raises("SB-INT:ARGUMENTS-OUT-OF-DOMAIN-ERROR", P.lisp_expt, 0, sf("0.0"))
    e = raises("DIVISION-BY-ZERO", P.lisp_expt, 0, -1)
    assert e.initargs["OPERATION"] is cl_sym("EXPT")
    assert same(call(P.lisp_expt, LispComplex(0, 1), 2), -1)
    assert same(call(P.lisp_expt, LispComplex(1, 1), -2), LispComplex(0, Fraction(-1, 2)))
    assert same(call(P.lisp_expt, 0, LispComplex(1, 1)), 0)


def test_log_poles_and_bignums():
    raises("DIVISION-BY-ZERO", P.lisp_log, 0)
    raises("DIVISION-BY-ZERO", P.lisp_log, sf("0.0"))
    # far beyond the double range, SBCL's LOG2 still has an answer
    assert same(call(P.lisp_log, 10 ** 400), sf("921.03406"))


# ---------------------------------------------------------------- rounding
def test_rounding_returns_two_values():
    assert same(call(P.lisp_floor, sf("5.5")), MV((5, sf("0.5"))))
    assert same(call(P.lisp_floor, sf("-5.5")), MV((-6, sf("0.5"))))
    assert same(call(P.lisp_round, sf("2.5")), MV((2, sf("0.5"))))
    assert same(call(P.lisp_round, sf("-2.5")), MV((-2, sf("-0.5"))))
    assert same(call(P.lisp_round, Fraction(7, 2)), MV((4, Fraction(-1, 2))))
    assert same(call(P.lisp_round, 7, 2), MV((4, -1)))
    assert same(call(P.lisp_truncate, -7, 2), MV((-3, -1)))
    assert same(call(P.lisp_ceiling, 7, 2), MV((4, -1)))
    assert same(call(P.lisp_floor, Fraction(1, 2), sf("0.3")), MV((1, sf("0.19999999"))))
    assert P.lisp_floor.primitive.mv


def test_float_rounding_variants():
    assert same(call(P.lisp_fround, sf("-0.4")), MV((SingleFloat(0.0), sf("-0.4"))))
    assert same(call(P.lisp_ftruncate, sf("-0.4")), MV((SingleFloat(-0.0), sf("-0.4"))))
    assert same(call(P.lisp_ffloor, sf("-0.4")), MV((sf("-1.0"), sf("0.6"))))
    assert same(call(P.lisp_ftruncate, Fraction(-1, 2)), MV((SingleFloat(0.0), Fraction(-1, 2))))
    assert same(call(P.lisp_ffloor, 5, 2), MV((sf("2.0"), 1)))


def test_mod_and_rem():
    assert same(call(P.lisp_mod, -7, 2), 1)
    assert same(call(P.lisp_rem, -7, 2), -1)
    assert same(call(P.lisp_mod, sf("-7.5"), 2), sf("0.5"))
    assert same(call(P.lisp_mod, 5, sf("-2.5")), SingleFloat(0.0))
    e = raises("DIVISION-BY-ZERO", P.lisp_mod, 5, 0)
    assert list_to_py(e.initargs["OPERANDS"]) == [5, 0]


# ---------------------------------------------------------------- floats
def test_float_decoding():
    assert same(call(F.lisp_decode_float, sf("1.5")), MV((sf("0.75"), 1, sf("1.0"))))
    assert same(call(F.lisp_decode_float, -0.0), MV((0.0, 0, -1.0)))
    assert same(call(F.lisp_integer_decode_float, sf("1.0")), MV((8388608, -23, 1)))
    assert same(call(F.lisp_integer_decode_float, sf("1e-40")), MV((71362, -149, 1)))
    assert call(F.lisp_float_precision, sf("1e-40")) == 17
    assert call(F.lisp_float_digits, sf("1e-40")) == 24
    assert same(call(F.lisp_float_sign, sf("-2.0"), 3.0), -3.0)
    assert same(call(F.lisp_rational, sf("0.1")), Fraction(13421773, 134217728))
    assert same(call(F.lisp_rationalize, sf("0.1")), Fraction(1, 10))
    assert same(call(F.lisp_rationalize, 3.2), Fraction(16, 5))


def test_scale_float_keeps_sbcls_denormal_behaviour():
    assert same(call(F.lisp_scale_float, sf("1.0"), 3), sf("8.0"))
    assert same(call(F.lisp_scale_float, sf("1.5"), -149), SingleFloat(math.ldexp(1, -149)))
    raises("FLOATING-POINT-OVERFLOW", F.lisp_scale_float, sf("1.0"), 200)


def test_rational_to_float_rounds_as_sbcl():
    # SBCL's FLOAT-RATIO drops low numerator bits before dividing: one ulp
    # below the correctly rounded 4.048318229370049e18
    x = call(F.lisp_float, Fraction(20241591146850243871, 5), 1.0)
    assert x == 4048318229370048512.0 and x != float(Fraction(20241591146850243871, 5))


def test_constants():
    assert cl_sym("MOST-POSITIVE-FIXNUM").value == 4611686018427387903
    assert cl_sym("MOST-NEGATIVE-FIXNUM").value == -4611686018427387904
    assert same(cl_sym("PI").value, 3.141592653589793)
    assert same(cl_sym("SINGLE-FLOAT-EPSILON").value, sf("5.960465e-8"))
    assert same(cl_sym("DOUBLE-FLOAT-EPSILON").value, 1.1102230246251568e-16)
    assert same(cl_sym("LEAST-POSITIVE-SINGLE-FLOAT").value, sf("1.4012985e-45"))
    assert same(cl_sym("MOST-POSITIVE-SINGLE-FLOAT").value, sf("3.4028235e38"))
    assert cl_sym("PI").is_constant
    assert same(SB_EXT.find("DOUBLE-FLOAT-POSITIVE-INFINITY")[0].value, math.inf)


# ---------------------------------------------------------------- integers
def test_bit_operations():
    assert call(I.logand) == -1 and call(I.logior) == 0
    assert call(I.logcount, -8) == 3
    assert call(I.integer_length, -256) == 8
    assert call(I.ash, -5, -1) == -3
    assert call(I.logbitp, 100, -1) is T
    assert call(I.lisp_gcd, -12, 18) == 6 and call(I.lisp_lcm, -4, 6) == 12
    assert call(I.lisp_lcm) == 1
    assert call(I.boole, cl_sym("BOOLE-AND").value, 12, 10) == 8
    raises("TYPE-ERROR", I.boole, 16, 1, 1)
    raises("TYPE-ERROR", I.lisp_isqrt, -1)


def test_byte_specifiers():
    spec = call(I.byte, 8, 8)
    assert type(spec) is Cons and spec.car == 8 and spec.cdr == 8
    assert call(I.ldb, spec, 65535) == 255
    assert call(I.ldb, call(I.byte, 8, 0), -1) == 255
    assert call(I.dpb, 1, call(I.byte, 1, 3), 0) == 8
    assert call(I.mask_field, call(I.byte, 4, 4), 255) == 240
    assert call(I.deposit_field, 255, call(I.byte, 4, 4), 0) == 240
    assert call(I.ldb_test, call(I.byte, 4, 4), 15) is NIL


def test_parse_integer():
    p = I.parse_integer
    assert same(call(p, LString("  123  ")), MV((123, 7)))
    assert same(call(p, LString("-ff"), keyword("RADIX"), 16), MV((-255, 3)))
    assert same(call(p, LString("12abc"), keyword("JUNK-ALLOWED"), T), MV((12, 2)))
    assert same(call(p, LString("abc"), keyword("JUNK-ALLOWED"), T), MV((NIL, 0)))
    assert same(call(p, LString("123"), keyword("START"), 1, keyword("END"), 2), MV((2, 2)))
    assert same(call(p, LString("\u0661\u0662")), MV((12, 2)))
    e = raises("SB-INT:SIMPLE-PARSE-ERROR", p, LString("12abc"))
    assert e.initargs["FORMAT-CONTROL"].value == "junk in string ~S"
    raises("SB-INT:SIMPLE-PARSE-ERROR", p, LString(""))
    raises("SIMPLE-TYPE-ERROR", p, LString("123"), keyword("START"), 5)
    raises("TYPE-ERROR", p, LString("1"), keyword("RADIX"), 37)


# ---------------------------------------------------------------- random
def test_random_draws_what_sbcl_draws():
    # sbcl --script: (list (random 1000000) (random 1.0) (random 1d0)
    #                      (random (expt 2 100)) (random 10))
    state = initial_random_state()
    draws = [call(R.lisp_random, 1000000, state),
             call(R.lisp_random, sf("1.0"), state),
             call(R.lisp_random, 1.0, state),
             call(R.lisp_random, 1 << 100, state),
             call(R.lisp_random, 10, state)]
    assert same(draws[0], 113500)
    assert same(draws[1], sf("0.2709539"))
    assert same(draws[2], 0.8115843153081796)
    assert same(draws[3], 413652933635434003559342389215)
    assert same(draws[4], 3)


def test_seeded_states_and_copies():
    s = call(R.seed_random_state, 42)
    assert [call(R.lisp_random, 100, s), call(R.lisp_random, sf("1.0"), s)] == [51, sf("0.9014286")]
    a = call(R.lisp_make_random_state, s)
    b = call(R.lisp_make_random_state, s)
    assert a is not s and call(R.lisp_random, 1 << 80, a) == call(R.lisp_random, 1 << 80, b)
    assert call(R.random_state_p, a) is T and call(R.random_state_p, 1) is NIL


def test_random_argument_errors():
    e = raises("SIMPLE-TYPE-ERROR", R.lisp_random, -1)
    assert e.initargs["DATUM"] == -1
    raises("SIMPLE-TYPE-ERROR", R.lisp_random, Fraction(1, 2))
    raises("TYPE-ERROR", R.lisp_random, 10, cl_sym("A"))
    raises("TYPE-ERROR", R.lisp_make_random_state, cl_sym("A"))

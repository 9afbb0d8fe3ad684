"""The printer against SBCL 2.2.

Every entry of CASES is (Lisp form, Python builder, expected text,
WRITE-TO-STRING options). The Python builder makes the same object the form
evaluates to in SBCL; the expected text is what
``(write-to-string FORM OPTIONS...)`` returns in ``sbcl --script`` (addresses
shown as {ADDR}). test_cases_match_sbcl re-checks every expected text
against SBCL itself when it is installed.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from fractions import Fraction

import pytest

from lisp import printer, printvars
from lisp.conditions import make_condition
from lisp.dynamic import state
from lisp.errors import LispError
from lisp.functions import Function, Primitive, intern_name
from lisp.objects import (CL, CL_USER, KEYWORD, NIL, NO_VALUES, SYSTEM, T, Array, Cons,
                          HashTable, Instance, LispClass, LispComplex, LString, Package,
                          SingleFloat, Symbol, Vector, cl_sym, find_package, keyword,
                          lisp_list, make_char, sys_sym, SB_EXT)
from lisp.printer import (condition_report_string, prin1_to_string, princ_to_string,
                          write_object, write_to_string)
from lisp.printvars import Bindings
from lisp.stdstreams import SynonymStream, TwoWayStream, output_stream
from lisp.streams import StringInputStream, StringOutputStream


# ---------------------------------------------------------------- building objects
def L(*xs):
    return lisp_list(*xs)


def dotted(*xs):
    r = xs[-1]
    for x in reversed(xs[:-1]):
        r = Cons(x, r)
    return r


def S(name, pkg=CL_USER):
    return pkg.intern(name)[0]


def K(name):
    return keyword(name)


def Q(x):
    return L(cl_sym("QUOTE"), x)


def F(x):
    return L(cl_sym("FUNCTION"), x)


def sf(x):
    return SingleFloat.of(x)


def ch(c):
    return make_char(c)


def V(*xs):
    return Vector(list(xs))


def bits(s):
    return Vector([int(c) for c in s], element_type=cl_sym("BIT"))


QQ, UQ, UQS, UQN = (sys_sym(n) for n in ("QUASIQUOTE", "UNQUOTE", "UNQUOTE-SPLICING",
                                          "UNQUOTE-NSPLICING"))

# As the interpreter sets it up (SBCL's CL-USER uses SB-EXT too).
CL_USER.use(SB_EXT)

PTEST = find_package("PTEST") or Package("PTEST")
PTEST.export(PTEST.intern("EXT")[0])
PTEST.intern("INT")
PTEST_LOWER = find_package("ptest-lower") or Package("ptest-lower")
PTEST_LOWER.intern("x y")

SBCL_SETUP = """
(defpackage "PTEST" (:use) (:export "EXT"))
(intern "INT" "PTEST")
(defpackage "ptest-lower" (:use))
(intern "x y" "ptest-lower")
(defstruct point x y)
(defclass pt () ())
(defun ptest-fn ())
"""

POINT = LispClass(S("POINT"), [], "structure")
PT = LispClass(S("PT"), [], "standard")


def point(x, y):
    return Instance(POINT, {S("X"): x, S("Y"): y})


def ptest_fn():
    sym = S("PTEST-FN")
    if not isinstance(sym.fn, Primitive):
        sym.fn = Primitive(sym, lambda: NIL, 0, 0)
    return sym.fn


def hash_table(test, *pairs):
    h = HashTable(cl_sym(test), lambda k: id(k) if isinstance(k, Cons) else k)
    for k, v in pairs:
        h.put(k, v)
    return h


def shared_pair():
    x = L(1, 2)
    return L(x, x)


def circular_list():
    x = L(1, 2)
    x.cdr.cdr = x
    return x


def circular_twice():
    x = circular_list()
    return L(x, x)


def circular_vector():
    v = V(None, 2)
    v.items[0] = v
    return v


def circular_tail():
    x = L(1, 2, 3)
    x.cdr.cdr.cdr = x.cdr
    return x


def shared_car_cdr():
    x = L(S("A"))
    return Cons(x, x)


def circular_point():
    p = point(NIL, NIL)
    p.slots[S("X")] = p
    return p


def shared_quote():
    x = Q(S("A"))
    return L(x, x)


def shared_string():
    s = LString("abc")
    g = Symbol("G")
    return L(s, s, g, g, 1, 1)


CASES = [
    # integers and ratios
    ("0", lambda: 0, "0", {}),
    ("-5", lambda: -5, "-5", {}),
    ("(expt 2 100)", lambda: 2 ** 100, "1267650600228229401496703205376", {}),
    ("(- (expt 7 80))", lambda: -7 ** 80,
     "-40536215597144386832065866109016673800875222251012083746192454448001", {}),
    ("255", lambda: 255, "FF", {"base": "16"}),
    ("-255", lambda: -255, "#x-FF", {"base": "16", "radix": "t"}),
    ("5", lambda: 5, "#b101", {"base": "2", "radix": "t"}),
    ("8", lambda: 8, "#o10", {"base": "8", "radix": "t"}),
    ("10", lambda: 10, "10.", {"radix": "t"}),
    ("-3", lambda: -3, "-3.", {"radix": "t"}),
    ("35", lambda: 35, "#36rZ", {"base": "36", "radix": "t"}),
    ("35", lambda: 35, "#3r1022", {"base": "3", "radix": "t"}),
    ("(expt 3 70)", lambda: 3 ** 70, "793JHB306CF1B56899AC5D0EC9", {"base": "20"}),
    ("(- (expt 2 70))", lambda: -2 ** 70, "-200000000000000000000000", {"base": "8"}),
    ("1/2", lambda: Fraction(1, 2), "1/2", {}),
    ("-3/4", lambda: Fraction(-3, 4), "-3/4", {}),
    ("1/16", lambda: Fraction(1, 16), "#x1/10", {"base": "16", "radix": "t"}),
    ("1/10", lambda: Fraction(1, 10), "#10r1/10", {"radix": "t"}),
    ("1/35", lambda: Fraction(1, 35), "1/Z", {"base": "36"}),
    # floats
    ("1.0", lambda: sf(1.0), "1.0", {}),
    ("1.5e10", lambda: sf(1.5e10), "1.5e10", {}),
    ("1.0e-5", lambda: sf(1.0e-5), "1.0e-5", {}),
    ("123456.79", lambda: sf(123456.79), "123456.79", {}),
    ("1.0e7", lambda: sf(1e7), "1.0e7", {}),
    ("1000000.0", lambda: sf(1e6), "1000000.0", {}),
    ("12345678.0", lambda: sf(12345678.0), "1.2345678e7", {}),
    ("0.001", lambda: sf(0.001), "0.001", {}),
    ("1.0e-4", lambda: sf(1e-4), "1.0e-4", {}),
    ("(/ 1.0 3)", lambda: sf(1 / 3), "0.33333334", {}),
    ("-0.0", lambda: sf(-0.0), "-0.0", {}),
    ("1.0d0", lambda: 1.0, "1.0d0", {}),
    ("(/ 1d0 3)", lambda: 1 / 3, "0.3333333333333333d0", {}),
    ("1d-5", lambda: 1e-5, "1.0d-5", {}),
    ("1.5d10", lambda: 1.5e10, "1.5d10", {}),
    ("0d0", lambda: 0.0, "0.0d0", {}),
    ("most-positive-double-float", lambda: 1.7976931348623157e308,
     "1.7976931348623157d308", {}),
    ("least-positive-single-float", lambda: sf(1.401298464324817e-45), "1.4012985e-45", {}),
    ("least-positive-double-float", lambda: 5e-324, "4.9406564584124654d-324", {}),
    ("most-positive-single-float", lambda: sf(3.4028234663852886e38), "3.4028235e38", {}),
    ("1125899906842624.25d0", lambda: 1125899906842624.25, "1.1258999068426243d15", {}),
    ("sb-ext:single-float-positive-infinity", lambda: SingleFloat(float("inf")),
     "#.SINGLE-FLOAT-POSITIVE-INFINITY", {}),
    ("sb-ext:double-float-negative-infinity", lambda: float("-inf"),
     "#.DOUBLE-FLOAT-NEGATIVE-INFINITY", {}),
    ("10.5", lambda: sf(10.5), "10.5", {"base": "16", "radix": "t"}),
    # complex numbers
    ("#c(1 2)", lambda: LispComplex(1, 2), "#C(1 2)", {}),
    ("#c(1.0 2.0)", lambda: LispComplex(sf(1.0), sf(2.0)), "#C(1.0 2.0)", {}),
    ("#c(1d0 2d0)", lambda: LispComplex(1.0, 2.0), "#C(1.0d0 2.0d0)", {}),
    ("#c(1/2 3)", lambda: LispComplex(Fraction(1, 2), 3), "#C(1/2 3)", {}),
    ("#c(10 11)", lambda: LispComplex(10, 11), "#C(10. 11.)", {"radix": "t"}),
    ("#c(10 11)", lambda: LispComplex(10, 11), "#C(A B)", {"base": "16"}),
    ("#c(1 2)", lambda: LispComplex(1, 2), "#C(1 2)", {"level": "0"}),
    # symbols
    ("'foo", lambda: S("FOO"), "FOO", {}),
    ("'car", lambda: cl_sym("CAR"), "CAR", {}),
    ("nil", lambda: NIL, "NIL", {}),
    (":foo", lambda: K("FOO"), ":FOO", {}),
    ("'|foo|", lambda: S("foo"), "|foo|", {}),
    ("'|Foo Bar|", lambda: S("Foo Bar"), "|Foo Bar|", {}),
    ("'|1|", lambda: S("1"), "|1|", {}),
    ("'|1.5|", lambda: S("1.5"), "|1.5|", {}),
    ("'|1/2|", lambda: S("1/2"), "|1/2|", {}),
    ("'|.|", lambda: S("."), "|.|", {}),
    ("'|..|", lambda: S(".."), "|..|", {}),
    ("'|a.b|", lambda: S("a.b"), "|a.b|", {}),
    ("'a.b", lambda: S("A.B"), "A.B", {}),
    ("'+", lambda: cl_sym("+"), "+", {}),
    ("'|+1|", lambda: S("+1"), "|+1|", {}),
    ("'1+", lambda: cl_sym("1+"), "1+", {}),
    ("'||", lambda: S(""), "||", {}),
    ("'|(|", lambda: S("("), "|(|", {}),
    ("'|a\\|b|", lambda: S("a|b"), "|a\\|b|", {}),
    ("'|a\\\\b|", lambda: S("a\\b"), "|a\\\\b|", {}),
    ("'|A:B|", lambda: S("A:B"), "|A:B|", {}),
    ("'|A#B|", lambda: S("A#B"), "|A#B|", {}),
    ("'|;x|", lambda: S(";x"), "|;x|", {}),
    ("'|1e5|", lambda: S("1e5"), "|1e5|", {}),
    ("'|1E5|", lambda: S("1E5"), "|1E5|", {}),
    ("'+.", lambda: S("+."), "+.", {}),
    ("'/1", lambda: S("/1"), "/1", {}),
    ("'^", lambda: S("^"), "^", {}),
    ("'|1^|", lambda: S("1^"), "|1^|", {}),
    ("'|_1|", lambda: S("_1"), "|_1|", {}),
    ("'ab$", lambda: S("AB$"), "AB$", {}),
    ("'[x]", lambda: S("[X]"), "[X]", {}),
    ("'**", lambda: S("**"), "**", {}),
    ("'|é|", lambda: S("é"), "|é|", {}),
    ("'É", lambda: S("É"), "É", {}),
    ("'|ª|", lambda: S("ª"), "|ª|", {}),
    ("'ß", lambda: S("ß"), "ß", {}),
    ("'foo", lambda: S("FOO"), "|FOO|", {"base": "36"}),
    ("'z", lambda: S("Z"), "|Z|", {"base": "36"}),
    ("'abc", lambda: S("ABC"), "|ABC|", {"base": "16"}),
    ("'g", lambda: S("G"), "G", {"base": "16"}),
    ("'ffg", lambda: S("FFG"), "|FFG|", {"base": "16"}),
    ("(find-symbol \"INT\" \"PTEST\")", lambda: PTEST.find("INT")[0], "PTEST::INT", {}),
    ("(find-symbol \"EXT\" \"PTEST\")", lambda: PTEST.find("EXT")[0], "PTEST:EXT", {}),
    ("(find-symbol \"x y\" \"ptest-lower\")", lambda: PTEST_LOWER.find("x y")[0],
     "|ptest-lower|::|x y|", {}),
    ("'sb-ext:*posix-argv*", lambda: intern_name("SB-EXT:*POSIX-ARGV*"),
     "*POSIX-ARGV*", {}),
    ("'car", lambda: cl_sym("CAR"), "COMMON-LISP:CAR", {"package": "PTEST"}),
    ("nil", lambda: NIL, "COMMON-LISP:NIL", {"package": "PTEST"}),
    ("(find-symbol \"INT\" \"PTEST\")", lambda: PTEST.find("INT")[0], "INT",
     {"package": "PTEST"}),
    ("'cl-user::x", lambda: S("X"), "COMMON-LISP-USER::X", {"package": "PTEST"}),
    (":k", lambda: K("K"), ":K", {"package": "KEYWORD"}),
    ("'car", lambda: cl_sym("CAR"), "COMMON-LISP:CAR", {"package": "KEYWORD"}),
    ("(make-symbol \"FOO\")", lambda: Symbol("FOO"), "#:FOO", {}),
    ("(make-symbol \"foo\")", lambda: Symbol("foo"), "#:|foo|", {}),
    ("(make-symbol \"FOO\")", lambda: Symbol("FOO"), "FOO", {"gensym": "nil"}),
    ("(make-symbol \"FOO\")", lambda: Symbol("FOO"), "FOO", {"escape": "nil"}),
    ("'foo-bar", lambda: S("FOO-BAR"), "foo-bar", {"case": ":downcase"}),
    ("'foo-bar", lambda: S("FOO-BAR"), "Foo-Bar", {"case": ":capitalize"}),
    ("'foo1bar", lambda: S("FOO1BAR"), "Foo1bar", {"case": ":capitalize"}),
    ("'x.y", lambda: S("X.Y"), "X.Y", {"case": ":capitalize"}),
    ("'|Foo|", lambda: S("Foo"), "|Foo|", {"case": ":downcase"}),
    ("'|Foo|", lambda: S("Foo"), "foo", {"case": ":downcase", "escape": "nil"}),
    ("'|aB|", lambda: S("aB"), "ab", {"case": ":capitalize", "escape": "nil"}),
    ("'|foo|", lambda: S("foo"), "foo", {"case": ":capitalize", "escape": "nil"}),
    (":key", lambda: K("KEY"), ":key", {"case": ":downcase"}),
    (":key", lambda: K("KEY"), "Key", {"case": ":capitalize", "escape": "nil"}),
    ("(find-symbol \"EXT\" \"PTEST\")", lambda: PTEST.find("EXT")[0], "ptest:ext",
     {"case": ":downcase"}),
    ("(find-symbol \"INT\" \"PTEST\")", lambda: PTEST.find("INT")[0], "Ptest::Int",
     {"case": ":capitalize"}),
    ("(make-symbol \"ABC\")", lambda: Symbol("ABC"), "#:abc", {"case": ":downcase"}),
    ("'|a b|", lambda: S("a b"), "a b", {"escape": "nil"}),
    ("(find-symbol \"INT\" \"PTEST\")", lambda: PTEST.find("INT")[0], "INT", {"escape": "nil"}),
    # characters
    ("#\\a", lambda: ch("a"), "#\\a", {}),
    ("#\\Space", lambda: ch(" "), "#\\ ", {}),
    ("#\\Newline", lambda: ch("\n"), "#\\Newline", {}),
    ("#\\Tab", lambda: ch("\t"), "#\\Tab", {}),
    ("#\\Nul", lambda: ch("\x00"), "#\\Nul", {}),
    ("#\\Rubout", lambda: ch("\x7f"), "#\\Rubout", {}),
    ("(code-char 128)", lambda: ch("\x80"), "#\\C80", {}),
    ("(code-char 133)", lambda: ch("\x85"), "#\\Next-Line", {}),
    ("#\\(", lambda: ch("("), "#\\(", {}),
    ("#\\\\", lambda: ch("\\"), "#\\\\", {}),
    ("(code-char 233)", lambda: ch("é"), "#\\LATIN_SMALL_LETTER_E_WITH_ACUTE", {}),
    ("(code-char 160)", lambda: ch("\xa0"), "#\\NO-BREAK_SPACE", {}),
    ("(code-char #x4e00)", lambda: ch("\u4e00"), "#\\U4E00", {}),
    ("(code-char #xac00)", lambda: ch("\uac00"), "#\\HANGUL_SYLLABLE_GA", {}),
    ("(code-char #x1F9FF)", lambda: ch("\U0001F9FF"), "#\\U1F9FF", {}),
    ("(code-char #x1F5CF)", lambda: ch("\U0001F5CF"), "#\\UNICODE_PAGE", {}),
    ("(code-char #xd800)", lambda: ch("\ud800"), "#\\UD800", {}),
    ("#\\a", lambda: ch("a"), "#\\LATIN_SMALL_LETTER_A", {"readably": "t"}),
    ("#\\Space", lambda: ch(" "), "#\\Space", {"readably": "t"}),
    ("#\\a", lambda: ch("a"), "a", {"escape": "nil"}),
    # strings
    ("\"abc\"", lambda: LString("abc"), "\"abc\"", {}),
    ("\"a\\\"b\\\\c\"", lambda: LString('a"b\\c'), "\"a\\\"b\\\\c\"", {}),
    ("\"\"", lambda: LString(""), "\"\"", {}),
    ("\"a\\\"b\"", lambda: LString('a"b'), "a\"b", {"escape": "nil"}),
    ("(make-array 5 :element-type 'character :initial-contents \"abcde\" :fill-pointer 2)",
     lambda: LString("abcde", fill_pointer=2), "\"ab\"", {}),
    ("\"abcdef\"", lambda: LString("abcdef"), "\"abcdef\"", {"length": "2", "level": "0"}),
    # lists
    ("'(1 2 3)", lambda: L(1, 2, 3), "(1 2 3)", {}),
    ("'(1 . 2)", lambda: dotted(1, 2), "(1 . 2)", {}),
    ("'(1 2 . 3)", lambda: dotted(1, 2, 3), "(1 2 . 3)", {}),
    ("'((a) (b (c)))", lambda: L(L(S("A")), L(S("B"), L(S("C")))), "((A) (B (C)))", {}),
    ("'(\"a\" #\\b c)", lambda: L(LString("a"), ch("b"), S("C")), "(a b C)", {"escape": "nil"}),
    ("'(1 2 3 4)", lambda: L(1, 2, 3, 4), "(1 2 ...)", {"length": "2"}),
    ("'(1 2)", lambda: L(1, 2), "(1 2)", {"length": "2"}),
    ("'(1 2 . 3)", lambda: dotted(1, 2, 3), "(1 2 . 3)", {"length": "2"}),
    ("'(1 2 3)", lambda: L(1, 2, 3), "(...)", {"length": "0"}),
    ("'(1 (2 (3 (4))))", lambda: L(1, L(2, L(3, L(4)))), "(1 (2 #))", {"level": "2"}),
    ("'(1 2)", lambda: L(1, 2), "#", {"level": "0"}),
    ("'((a b) c)", lambda: L(L(S("A"), S("B")), S("C")), "(# ...)",
     {"level": "1", "length": "1"}),
    ("'((1 2) 3 4)", lambda: L(L(1, 2), 3, 4), "((1 2) 3 4)",
     {"readably": "t", "level": "1", "length": "1"}),
    # quote, function and backquote forms
    ("''a", lambda: Q(S("A")), "'A", {}),
    ("''a", lambda: Q(S("A")), "(QUOTE A)", {"pretty": "nil"}),
    ("'#'f", lambda: F(S("F")), "#'F", {}),
    ("'#'f", lambda: F(S("F")), "(FUNCTION F)", {"pretty": "nil"}),
    ("'#'(lambda (x) x)", lambda: F(L(cl_sym("LAMBDA"), L(S("X")), S("X"))),
     "#'(LAMBDA (X) X)", {}),
    ("'(quote a b)", lambda: L(cl_sym("QUOTE"), S("A"), S("B")), "(QUOTE A B)", {}),
    ("'(quote)", lambda: L(cl_sym("QUOTE")), "(QUOTE)", {}),
    ("'(quote . a)", lambda: dotted(cl_sym("QUOTE"), S("A")), "(QUOTE . A)", {}),
    ("'(a quote b)", lambda: L(S("A"), cl_sym("QUOTE"), S("B")), "(A QUOTE B)", {}),
    ("'''a", lambda: Q(Q(S("A"))), "''A", {}),
    ("'`(a ,b ,@c ,.d)", lambda: L(QQ, L(S("A"), L(UQ, S("B")), L(UQS, S("C")), L(UQN, S("D")))),
     "`(A ,B ,@C ,.D)", {}),
    ("'`,a", lambda: L(QQ, L(UQ, S("A"))), "`,A", {}),
    ("'`(a . ,b)", lambda: L(QQ, dotted(S("A"), UQ, S("B"), NIL)), "`(A . ,B)", {}),
    ("''(a b)", lambda: Q(L(S("A"), S("B"))), "'(A B)", {"level": "1"}),
    ("''(a b)", lambda: Q(L(S("A"), S("B"))), "'(A ...)", {"level": "1", "length": "1"}),
    ("''a", lambda: Q(S("A")), "'A", {"level": "0"}),
    ("'`(a ,b)", lambda: L(QQ, L(S("A"), L(UQ, S("B")))), "`(A ,B)", {"level": "1"}),
    # vectors and arrays
    ("#(1 2 3)", lambda: V(1, 2, 3), "#(1 2 3)", {}),
    ("#()", lambda: V(), "#()", {}),
    ("(make-array 5 :fill-pointer 3 :initial-contents '(1 2 3 4 5))",
     lambda: Vector([1, 2, 3, 4, 5], fill_pointer=3), "#(1 2 3)", {}),
    ("#(1 2 3)", lambda: V(1, 2, 3), "#(1 2 ...)", {"length": "2"}),
    ("#(1 2)", lambda: V(1, 2), "#(...)", {"length": "0"}),
    ("#(1 #(2 #(3)))", lambda: V(1, V(2, V(3))), "#(1 #)", {"level": "1"}),
    ("#(1)", lambda: V(1), "#", {"level": "0"}),
    ("#(\"a\" #\\b)", lambda: V(LString("a"), ch("b")), "#(a b)", {"escape": "nil"}),
    ("#*1011", lambda: bits("1011"), "#*1011", {}),
    ("#*", lambda: bits(""), "#*", {}),
    ("(make-array 4 :element-type 'bit :fill-pointer 2 :initial-contents '(1 0 1 1))",
     lambda: Vector([1, 0, 1, 1], fill_pointer=2, element_type=cl_sym("BIT")), "#*10", {}),
    ("#*1010101", lambda: bits("1010101"), "#*1010101", {"length": "2", "level": "0"}),
    ("(make-array '(2 3) :initial-contents '((1 2 3) (4 5 6)))",
     lambda: Array([2, 3], [1, 2, 3, 4, 5, 6]), "#2A((1 2 3) (4 5 6))", {}),
    ("(make-array '(2 0))", lambda: Array([2, 0], []), "#2A(() ())", {}),
    ("(make-array '() :initial-element 7)", lambda: Array([], [7]), "#0A7", {}),
    ("(make-array '(2 2 2) :initial-element 0)", lambda: Array([2, 2, 2], [0] * 8),
     "#3A(((0 0) (0 0)) ((0 0) (0 0)))", {}),
    ("(make-array '(3 3) :initial-element 0)", lambda: Array([3, 3], [0] * 9),
     "#2A((0 0 ...) (0 0 ...) ...)", {"length": "2"}),
    ("(make-array '(2 2))", lambda: Array([2, 2], [0] * 4), "#2A#", {"level": "0"}),
    ("(make-array '(2 2) :initial-element 0)", lambda: Array([2, 2], [0] * 4), "#2A(# #)",
     {"level": "1"}),
    ("(make-array '(1 2) :element-type 'character :initial-element #\\a)",
     lambda: Array([1, 2], [ch("a"), ch("a")], element_type=cl_sym("CHARACTER")),
     "#2A((#\\a #\\a))", {}),
    ("(make-array 2 :element-type 'single-float :initial-element 1.0)",
     lambda: Vector([sf(1.0), sf(1.0)], element_type=cl_sym("SINGLE-FLOAT")), "#(1.0 1.0)", {}),
    ("(vector 1 2)", lambda: V(1, 2), "#<(SIMPLE-VECTOR 2) {ADDR}>", {"array": "nil"}),
    ("(make-array 3 :fill-pointer 1)", lambda: Vector([0, 0, 0], fill_pointer=1),
     "#<(VECTOR T 3) {ADDR}>", {"array": "nil"}),
    ("(make-array 3 :element-type 'bit)",
     lambda: Vector([0, 0, 0], element_type=cl_sym("BIT")), "#<(SIMPLE-BIT-VECTOR 3) {ADDR}>",
     {"array": "nil"}),
    ("(make-array '(2 2))", lambda: Array([2, 2], [0] * 4),
     "#<(SIMPLE-ARRAY T (2 2)) {ADDR}>", {"array": "nil"}),
    ("(make-array '(2 2) :adjustable t)", lambda: Array([2, 2], [0] * 4, adjustable=True),
     "#<(ARRAY T (2 2)) {ADDR}>", {"array": "nil"}),
    ("\"abc\"", lambda: LString("abc"), "\"abc\"", {"array": "nil"}),
    # *print-circle*
    ("(let ((x (list 1 2))) (list x x))", shared_pair, "(#1=(1 2) #1#)", {"circle": "t"}),
    ("(let ((x (list 1 2))) (list x x))", shared_pair, "((1 2) (1 2))", {}),
    ("(let ((x (list 1 2))) (setf (cddr x) x) x)", circular_list, "#1=(1 2 . #1#)",
     {"circle": "t"}),
    ("(let ((x (list 1 2))) (setf (cddr x) x) (list x x))", circular_twice,
     "(#1=(1 2 . #1#) #1#)", {"circle": "t"}),
    ("(let ((x (vector nil 2))) (setf (aref x 0) x) x)", circular_vector, "#1=#(#1# 2)",
     {"circle": "t"}),
    ("(let ((x (list 1 2 3))) (setf (cdr (last x)) (cdr x)) x)", circular_tail,
     "(1 . #1=(2 3 . #1#))", {"circle": "t"}),
    ("(let ((x (list 'a))) (cons x x))", shared_car_cdr, "(#1=(A) . #1#)", {"circle": "t"}),
    ("(let ((s \"abc\") (g (make-symbol \"G\"))) (list s s g g 1 1))", shared_string,
     "(#1=\"abc\" #1# #2=#:G #2# 1 1)", {"circle": "t"}),
    ("(let ((x ''a)) (list x x))", shared_quote, "(#1='A #1#)", {"circle": "t"}),
    ("(let ((x (list 1 2))) (setf (cddr x) x) x)", circular_list, "(1 2 1 ...)",
     {"length": "3"}),
    ("(let ((p (make-point))) (setf (point-x p) p) p)", circular_point,
     "#1=#S(POINT :X #1# :Y NIL)", {"circle": "t"}),
    ("(let ((x (list 1 2))) (list x x))", shared_pair, "(#1=(1 2) #1#)",
     {"circle": "t", "pretty": "nil"}),
    # structures, instances, conditions and other unreadable objects
    ("(make-point :x 1 :y \"a\")", lambda: point(1, LString("a")), "#S(POINT :X 1 :Y \"a\")", {}),
    ("(make-point :x 1 :y \"a\")", lambda: point(1, LString("a")), "#S(POINT :X 1 :Y a)",
     {"escape": "nil"}),
    ("(make-point :x '(1) :y #(2))", lambda: point(L(1), V(2)), "#S(POINT :X # :Y #)",
     {"level": "1"}),
    ("(make-point :x 1)", lambda: point(1, NIL), "#", {"level": "0"}),
    ("(make-point :x 1 :y 2)", lambda: point(1, 2), "#S(POINT :X 1 ...)", {"length": "1"}),
    ("(make-point :x 1 :y 2)", lambda: point(1, 2), "#S(POINT ...)", {"length": "0"}),
    ("(make-instance 'pt)", lambda: Instance(PT), "#<PT {ADDR}>", {}),
    ("(find-class 'pt)", lambda: PT, "#<STANDARD-CLASS COMMON-LISP-USER::PT>", {}),
    ("(find-class 'point)", lambda: POINT, "#<STRUCTURE-CLASS COMMON-LISP-USER::POINT>", {}),
    ("(make-hash-table)", lambda: hash_table("EQL"), "#<HASH-TABLE :TEST EQL :COUNT 0 {ADDR}>",
     {}),
    ("(let ((h (make-hash-table :test 'equal))) (setf (gethash 1 h) 2 (gethash 2 h) 3) h)",
     lambda: hash_table("EQUAL", (1, 2), (2, 3)), "#<HASH-TABLE :TEST EQUAL :COUNT 2 {ADDR}>",
     {}),
    ("(make-hash-table)", lambda: hash_table("EQL"), "#<HASH-TABLE :TEST EQL :COUNT 0 {ADDR}>",
     {"escape": "nil"}),
    ("(find-package \"CL\")", lambda: CL, "#<PACKAGE \"COMMON-LISP\">", {}),
    ("(find-package \"ptest-lower\")", lambda: PTEST_LOWER, "#<PACKAGE \"ptest-lower\">", {}),
    ("#'ptest-fn", ptest_fn, "#<FUNCTION PTEST-FN>", {}),
    ("#'ptest-fn", ptest_fn, "#<FUNCTION PTEST-FN>", {"escape": "nil"}),
    ("(list #'ptest-fn)", lambda: L(ptest_fn()), "(#<FUNCTION PTEST-FN>)", {}),
    ("(make-condition 'simple-error :format-control \"foo ~A\" :format-arguments '(1))",
     lambda: make_condition("SIMPLE-ERROR", {"FORMAT-CONTROL": LString("foo ~A"),
                                             "FORMAT-ARGUMENTS": L(1)}),
     "#<SIMPLE-ERROR \"foo ~A\" {ADDR}>", {}),
    ("(make-condition 'simple-error :format-control \"foo ~A\" :format-arguments '(1))",
     lambda: make_condition("SIMPLE-ERROR", {"FORMAT-CONTROL": LString("foo ~A"),
                                             "FORMAT-ARGUMENTS": L(1)}),
     "foo 1", {"escape": "nil"}),
    ("(make-condition 'type-error :datum \"abc\" :expected-type '(or null integer))",
     lambda: make_condition("TYPE-ERROR", {"DATUM": LString("abc"),
                                           "EXPECTED-TYPE": L(cl_sym("OR"), cl_sym("NULL"),
                                                              cl_sym("INTEGER"))}),
     "#<TYPE-ERROR expected-type: (OR NULL INTEGER) datum: \"abc\">", {}),
    ("(make-condition 'unbound-variable :name 'foo)",
     lambda: make_condition("UNBOUND-VARIABLE", {"NAME": S("FOO")}),
     "#<UNBOUND-VARIABLE FOO {ADDR}>", {}),
    ("(make-condition 'error)", lambda: make_condition("ERROR", {}), "#<ERROR {ADDR}>", {}),
    ("(make-condition 'warning)", lambda: make_condition("WARNING", {}),
     "Condition WARNING was signalled.", {"escape": "nil"}),
    ("(list (make-condition 'error))", lambda: L(make_condition("ERROR", {})),
     "(#<ERROR {ADDR}>)", {}),
    # *read-default-float-format*
    ("1.0", lambda: sf(1.0), "1.0f0", {"float_format": "double-float"}),
    ("1d0", lambda: 1.0, "1.0", {"float_format": "double-float"}),
    ("1.5d20", lambda: 1.5e20, "1.5e20", {"float_format": "double-float"}),
    ("1e-5", lambda: sf(1e-5), "1.0f-5", {"float_format": "double-float"}),
    ("0.0", lambda: sf(0.0), "0.0f0", {"float_format": "double-float"}),
    ("(list 1.5 2.5d0)", lambda: L(sf(1.5), 2.5), "(1.5 2.5d0)", {"float_format": "short-float"}),
    ("(list 1.5 2.5d0)", lambda: L(sf(1.5), 2.5), "(1.5f0 2.5)", {"float_format": "long-float"}),
    # *print-readably*
    ("(list 1 \"a\" #\\a 'foo (make-symbol \"X\") 1.5 (vector 1 2))",
     lambda: L(1, LString("a"), ch("a"), S("FOO"), Symbol("X"), sf(1.5), V(1, 2)),
     "(1 \"a\" #\\LATIN_SMALL_LETTER_A FOO #:X 1.5 #(1 2))", {"readably": "t"}),
    ("(make-symbol \"X\")", lambda: Symbol("X"), "#:X", {"readably": "t", "gensym": "nil"}),
]

_ADDR = re.compile(r"\{[0-9A-F]+\}")


def _lisp_value(text: str):
    """The Python-side value of an option written in Lisp."""
    if text == "nil":
        return NIL
    if text == "t":
        return T
    if text.startswith(":"):
        return keyword(text[1:].upper())
    if text.lstrip("-").isdigit():
        return int(text)
    return cl_sym(text.upper())


def print_case(obj, options: dict) -> str:
    """What write-to-string returns for OBJ under OPTIONS (a case's)."""
    opts = dict(options)
    bindings = {}
    if "package" in opts:
        bindings[printvars.PACKAGE] = find_package(opts.pop("package"))
    if "float_format" in opts:
        bindings[printvars.READ_DEFAULT_FLOAT_FORMAT] = _lisp_value(opts.pop("float_format"))
    kwargs = {k: _lisp_value(v) for k, v in opts.items()}
    with Bindings(list(bindings.items())):
        return write_to_string(obj, **kwargs)


@pytest.mark.parametrize("form,build,expected,options", CASES,
                         ids=[f"{i}:{c[0][:40]}" for i, c in enumerate(CASES)])
def test_case(form, build, expected, options):
    got = _ADDR.sub("{ADDR}", print_case(build(), options))
    assert got == expected


def _sbcl_program() -> str:
    lines = ["(setf *print-pretty* t)", SBCL_SETUP]
    for form, _, _, options in CASES:
        lets = []
        opts = dict(options)
        if "package" in opts:
            lets.append('(*package* (find-package "%s"))' % opts.pop("package"))
        if "float_format" in opts:
            lets.append("(*read-default-float-format* '%s)" % opts.pop("float_format"))
        keys = " ".join(":%s %s" % (k, v) for k, v in opts.items())
        lines.append('(let (%s) (write-string (write-to-string %s %s)))'
                     '(write-string "@@END@@")' % (" ".join(lets), form, keys))
    return "\n".join(lines)


@pytest.mark.skipif(shutil.which("sbcl") is None, reason="sbcl is not installed")
def test_cases_match_sbcl(tmp_path):
    """The expected texts are SBCL's: run every case's form in SBCL."""
    path = tmp_path / "cases.lisp"
    path.write_text(_sbcl_program())
    out = subprocess.run(["sbcl", "--script", str(path)], capture_output=True, text=True,
                         timeout=120).stdout
    results = out.split("@@END@@")[:-1]
    assert len(results) == len(CASES)
    mismatches = [(c[0], c[2], _ADDR.sub("{ADDR}", got))
                  for c, got in zip(CASES, results) if _ADDR.sub("{ADDR}", got) != c[2]]
    assert mismatches == []


# ---------------------------------------------------------------- the Lisp functions
def call(name, *args):
    """Call the Lisp function NAME (a primitive) with ARGS."""
    return cl_sym(name).fn.fn(*args)


def kwargs(**kw):
    out = []
    for k, v in kw.items():
        out += [keyword(k.upper().replace("_", "-")), v]
    return out


def test_output_functions_write_what_sbcl_writes():
    # (with-output-to-string (s) (print 'a s) (prin1 "x" s) ... ) in SBCL:
    s = StringOutputStream()
    call("PRINT", S("A"), s)
    call("PRIN1", LString("x"), s)
    call("PRINC", LString("x"), s)
    call("TERPRI", s)
    call("FRESH-LINE", s)
    call("WRITE-STRING", LString("abcdef"), s, *kwargs(start=1, end=3))
    call("WRITE-LINE", LString("xy"), s)
    call("WRITE-CHAR", ch("z"), s)
    call("FRESH-LINE", s)
    call("FRESH-LINE", s)
    call("WRITE", 255, *kwargs(stream=s, base=16, radix=T))
    call("PPRINT", Q(S("A")), s)
    call("WRITE", L(1, 2, 3), *kwargs(stream=s, length=2, pretty=NIL))
    call("WRITE", LString("q"), *kwargs(stream=s, escape=NIL))
    call("WRITE-LINE", LString("abcdef"), s, *kwargs(start=4))
    call("PRINT", L(call("FRESH-LINE", s), call("FRESH-LINE", s), call("TERPRI", s)), s)
    assert s.getvalue() == ('\nA "x"x\nbcxy\nz\n#xFF\n\'A(1 2 ...)qef\n\n\n(NIL NIL NIL) ')


def test_to_string_functions():
    got = [call("WRITE-TO-STRING", 255, *kwargs(base=16, radix=T)),
           call("PRIN1-TO-STRING", LString("a")),
           call("PRINC-TO-STRING", LString("a")),
           call("WRITE-TO-STRING", L(1, 2, 3), *kwargs(length=2, pretty=NIL)),
           call("WRITE-TO-STRING", S("FOO"), *kwargs(case=K("DOWNCASE"))),
           call("WRITE-TO-STRING", ch("a"), *kwargs(escape=NIL)),
           call("WRITE-TO-STRING", L(1, L(2, L(3))), *kwargs(level=1))]
    assert all(isinstance(x, LString) for x in got)
    assert prin1_to_string(L(*got)) == '("#xFF" "\\"a\\"" "a" "(1 2 ...)" "foo" "a" "(1 #)")'


def test_return_values():
    s = StringOutputStream()
    results = [call("PPRINT", S("X"), s), call("WRITE-STRING", LString("abc"), s),
               call("WRITE-CHAR", ch("q"), s), call("WRITE-LINE", LString("l"), s),
               L(call("FINISH-OUTPUT", s), call("FORCE-OUTPUT", s), call("CLEAR-OUTPUT", s))]
    assert results[0] is NO_VALUES
    assert [prin1_to_string(r) for r in results[1:]] == ['"abc"', "#\\q", '"l"', "(NIL NIL NIL)"]
    assert s.getvalue() == "\nXabcql\n"


def test_stream_designators():
    out, term = StringOutputStream(), StringOutputStream()
    with Bindings([(cl_sym("*STANDARD-OUTPUT*"), out), (cl_sym("*TERMINAL-IO*"), term)]):
        call("PRINC", LString("to-nil"), NIL)
        call("PRIN1", S("X"))
        call("PRINC", LString("to-t"), T)
        assert call("FRESH-LINE") is T
    assert out.getvalue() == "to-nilX\n"
    assert term.getvalue() == "to-t"


def test_bad_arguments_signal_lisp_errors():
    with pytest.raises(LispError) as e:
        call("PRINT", 1, 5)
    assert e.value.class_name == "TYPE-ERROR"
    with pytest.raises(LispError) as e:
        call("WRITE-CHAR", LString("a"))
    assert e.value.class_name == "TYPE-ERROR"
    with pytest.raises(LispError) as e:
        call("WRITE-STRING", S("A"))
    assert e.value.class_name == "TYPE-ERROR"
    with pytest.raises(LispError) as e:
        call("WRITE-STRING", LString("abc"), NIL, *kwargs(start=2, end=1))
    assert e.value.class_name == "SIMPLE-TYPE-ERROR"
    with pytest.raises(LispError) as e:
        call("WRITE", 1, K("FOO"), 2)
    assert e.value.class_name == "SB-EXT:UNKNOWN-KEYWORD-ARGUMENT"
    assert e.value.initargs["NAME"] is K("FOO")
    with pytest.raises(LispError) as e:
        write_to_string(1, base=40)
    assert e.value.class_name == "TYPE-ERROR"


def test_print_readably_refuses_unreadable_objects():
    for obj in (hash_table("EQL"), CL, Instance(PT), ptest_fn(), StringOutputStream()):
        with pytest.raises(LispError) as e:
            write_to_string(obj, readably=T)
        assert e.value.class_name == "PRINT-NOT-READABLE"
        assert e.value.initargs["OBJECT"] is obj


# ---------------------------------------------------------------- deep, big and odd data
def test_deeply_nested_lists_print_without_python_recursion():
    depth = 100_000
    x = NIL
    for _ in range(depth):
        x = L(x)
    text = prin1_to_string(x)
    assert text == "(" * depth + "NIL" + ")" * depth
    assert write_to_string(x, level=3) == "(((#)))"


def test_deep_vectors_quotes_and_circle_scan():
    depth = 50_000
    v = V()
    for _ in range(depth):
        v = V(v)
    assert prin1_to_string(v) == "#(" * depth + "#()" + ")" * depth
    q = S("A")
    for _ in range(depth):
        q = Q(q)
    assert prin1_to_string(q) == "'" * depth + "A"
    x = NIL
    for _ in range(depth):
        x = L(x)
    assert write_to_string(x, circle=T) == "(" * depth + "NIL" + ")" * depth
    long_list = L(*range(depth))
    assert write_to_string(long_list, circle=T) == prin1_to_string(long_list)


def test_huge_integers():
    n = 10 ** 5000 + 7          # beyond CPython's 4300-digit str() limit
    decimal = "1" + "0" * 4997 + "007"
    assert prin1_to_string(n) == decimal
    assert prin1_to_string(-n) == "-" + decimal
    assert write_to_string(n, radix=T) == decimal + "."
    assert write_to_string(n, base=16) == "%X" % n
    assert _parse_digits(write_to_string(n, base=36), 36) == n
    assert _parse_digits(write_to_string(3 ** 9000, base=7), 7) == 3 ** 9000


def _parse_digits(text: str, base: int) -> int:
    # int(text, base) has the same 4300-digit limit.
    n = 0
    for c in text:
        n = n * base + int(c, 36)
    return n


def test_unknown_python_objects_print_unreadably():
    class Odd:
        pass
    assert re.fullmatch(r"#<Odd \{[0-9A-F]+\}>", prin1_to_string(Odd()))
    assert re.fullmatch(r"#<NoneType \{[0-9A-F]+\}>", prin1_to_string(None))
    assert re.fullmatch(r"\(1 #<bool \{[0-9A-F]+\}>\)", prin1_to_string(L(1, True)))

    class Described:
        def lisp_repr(self):
            return '#<SB-THREAD:THREAD "worker" RUNNING {1001}>'
    assert prin1_to_string(Described()) == '#<SB-THREAD:THREAD "worker" RUNNING {1001}>'


def test_object_addresses_are_stable_per_object():
    a, b = hash_table("EQL"), hash_table("EQL")
    assert prin1_to_string(a) == prin1_to_string(a)
    assert prin1_to_string(a) != prin1_to_string(b)
    assert printer.object_address(a) in prin1_to_string(a)


class Closure(Function):
    __slots__ = ()

    def __init__(self, name):
        self.name = name


def test_function_objects_by_name():
    anonymous = Closure(L(cl_sym("LAMBDA"), L(S("X"))))
    assert re.fullmatch(r"#<FUNCTION \(LAMBDA \(X\)\) \{[0-9A-F]+\}>", prin1_to_string(anonymous))
    assert re.fullmatch(r"#<FUNCTION \{[0-9A-F]+\}>", prin1_to_string(Closure(None)))
    named = S("PTEST-CLOSURE")
    fn = Closure(named)
    assert re.fullmatch(r"#<FUNCTION PTEST-CLOSURE \{[0-9A-F]+\}>", prin1_to_string(fn))
    named.fn = fn      # the global definition of its name: no identity needed
    assert prin1_to_string(fn) == "#<FUNCTION PTEST-CLOSURE>"
    setter = Closure(L(cl_sym("SETF"), named))
    named.setf_fn = setter
    assert prin1_to_string(setter) == "#<FUNCTION (SETF PTEST-CLOSURE)>"


def test_streams_print_with_identity():
    s = StringOutputStream()
    assert re.fullmatch(r"#<SB-IMPL::STRING-OUTPUT-STREAM \{[0-9A-F]+\}>", prin1_to_string(s))
    two = TwoWayStream(StringInputStream("x"), s)
    assert re.fullmatch(r"#<TWO-WAY-STREAM :INPUT-STREAM #<SB-IMPL::STRING-INPUT-STREAM "
                        r"\{[0-9A-F]+\}> :OUTPUT-STREAM #<SB-IMPL::STRING-OUTPUT-STREAM "
                        r"\{[0-9A-F]+\}> \{[0-9A-F]+\}>", prin1_to_string(two))
    syn = SynonymStream(cl_sym("*TERMINAL-IO*"))
    assert re.fullmatch(r"#<SYNONYM-STREAM :SYMBOL \*TERMINAL-IO\* \{[0-9A-F]+\}>",
                        prin1_to_string(syn))


def test_two_way_stream_shares_its_output_column():
    out = StringOutputStream()
    out.write("abc")
    two = TwoWayStream(StringInputStream("xy"), out)
    assert two.column == 3
    assert two.fresh_line() is True
    two.write("q")
    assert out.column == 1 and out.getvalue() == "abc\nq"
    assert two.read_char() == "x"


def test_console_streams_are_installed():
    from lisp import stdstreams
    stdstreams.install_console_streams()
    stdout = cl_sym("*STANDARD-OUTPUT*").value
    assert isinstance(cl_sym("*TERMINAL-IO*").value, TwoWayStream)
    assert cl_sym("*TERMINAL-IO*").value.output is stdout
    assert output_stream(NIL) is stdout
    assert output_stream(T) is cl_sym("*TERMINAL-IO*").value
    assert cl_sym("*QUERY-IO*").value.target() is cl_sym("*TERMINAL-IO*").value


# ---------------------------------------------------------------- hooks
def test_print_object_hook_prints_instances_and_continues_the_print():
    calls = []

    def hook(obj, stream):
        calls.append(obj)
        if obj.cls is not PT:
            return False
        # A PRINT-OBJECT method printing a component: it continues the
        # outer print's *PRINT-LEVEL* count.
        stream.write("<pt ")
        write_object(L(L(1)), stream)
        stream.write(">")
        return True

    saved = printer.print_object_hook
    printer.print_object_hook = hook
    try:
        assert prin1_to_string(L(1, Instance(PT), 2)) == "(1 <pt ((1))> 2)"
        assert write_to_string(L(Instance(PT)), level=2) == "(<pt (#)>)"
        assert prin1_to_string(point(1, 2)) == "#S(POINT :X 1 :Y 2)"
    finally:
        printer.print_object_hook = saved
    assert len(calls) == 3


def test_print_object_hook_sees_circle_labels():
    pt = Instance(PT)

    def hook(obj, stream):
        write_object(shared, stream)
        return True

    shared = L(S("A"))
    saved = printer.print_object_hook
    printer.print_object_hook = hook
    try:
        assert write_to_string(L(shared, pt), circle=T) == "(#1=(A) #1#)"
    finally:
        printer.print_object_hook = saved


def test_condition_report_hook():
    c = make_condition("ERROR", {})
    saved = printer.condition_report_hook
    printer.condition_report_hook = lambda cond: "custom report" if cond is c else None
    try:
        assert princ_to_string(c) == "custom report"
        assert condition_report_string(c) == "custom report"
        assert condition_report_string(make_condition("WARNING", {})) == \
            "Condition WARNING was signalled."
    finally:
        printer.condition_report_hook = saved
    assert princ_to_string(c) == "Condition ERROR was signalled."


def test_printer_bindings_are_visible_to_lisp_code_and_undone():
    seen = []

    def hook(obj, stream):
        seen.append((state.dyn.get(printvars.PRINT_ESCAPE), state.dyn.get(printvars.PRINT_BASE)))
        return True

    saved = printer.print_object_hook
    printer.print_object_hook = hook
    try:
        write_to_string(Instance(PT), escape=False, base=16)
    finally:
        printer.print_object_hook = saved
    assert seen == [(NIL, 16)]
    assert printvars.PRINT_ESCAPE not in state.dyn and printvars.PRINT_BASE not in state.dyn

"""The reader (lisp/reader.py and friends), checked by structure: symbol
names and packages, Python types and values. Expected results are what SBCL
2.2 reads (checked with `sbcl --script`)."""
import contextlib
import subprocess
import sys
import textwrap
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from lisp import reader
from lisp.dynamic import state
from lisp.errors import LispError
from lisp.objects import (CL, CL_USER, KEYWORD, NIL, SYSTEM, T, Array, Char, Cons, LispComplex,
                          LString, MV, Package, SingleFloat, Symbol, Vector, cl_sym, keyword,
                          list_to_py)
from lisp.reader import (EOF, SourceReader, is_incomplete, read_from_python_string,
                         read_from_stream, read_from_string)
from lisp.streams import StringInputStream


# ---------------------------------------------------------------- helpers
def rd(text):
    return read_from_string(text)[0]


def read_error(text) -> LispError:
    with pytest.raises(LispError) as info:
        read_from_string(text)
    return info.value


def message(e: LispError) -> str:
    return e.initargs["MESSAGE"].value


@contextlib.contextmanager
def bound(name, value):
    """Bind the CL special NAME to VALUE in the current process."""
    sym = cl_sym(name)
    old = state.dyn.get(sym, state)
    state.dyn[sym] = value
    try:
        yield
    finally:
        if old is state:
            del state.dyn[sym]
        else:
            state.dyn[sym] = old


def names(x):
    """A list's elements as symbol names (nested lists as lists)."""
    return [names(e) if type(e) is Cons else e.name if isinstance(e, Symbol) else e
            for e in list_to_py(x)]


def is_single(x, value):
    """X is the single float nearest to VALUE."""
    return type(x) is SingleFloat and x == SingleFloat.of(value)


# ---------------------------------------------------------------- lists
def test_list_and_dotted_pair():
    x = rd("(a b . c)")
    assert x.car.name == "A" and x.cdr.car.name == "B" and x.cdr.cdr.name == "C"
    assert rd("()") is NIL and rd("( )") is NIL and rd("nil") is NIL
    assert rd("(1 2 . 3)").cdr.cdr == 3
    assert names(rd("(a (b c) d)")) == ["A", ["B", "C"], "D"]


@pytest.mark.parametrize("text, msg", [
    ("(a . b c)", "More than one object follows . in list."),
    ("(. a)", "Nothing appears before . in list."),
    ("(a .)", "Nothing appears after . in list."),
    ("(a . b . c)", "dot context error"),
    (".", "dot context error"),
    ("'.", "dot context error"),
    ("...", "too many dots"),
    ("..", "too many dots"),
    (")", "unmatched close parenthesis"),
    ("(#+nil)", "unmatched close parenthesis"),
    ("#(a . b)", "Improper list in #(): #(a . b)."),
])
def test_dot_and_paren_errors(text, msg):
    e = read_error(text)
    assert e.class_name == "SYS::LISP-READER-ERROR"
    assert message(e) == msg


def test_dots_inside_tokens_are_symbols():
    assert [s.name for s in list_to_py(rd("(a.b .b)"))] == ["A.B", ".B"]
    assert is_single(rd("(1 .5)").cdr.car, 0.5)


# ---------------------------------------------------------------- quote, function, backquote
def test_quote_and_function():
    assert names(rd("'x")) == ["QUOTE", "X"] and rd("'x").car is cl_sym("QUOTE")
    assert rd("#'f").car is cl_sym("FUNCTION")
    assert names(rd("#'(lambda (x) x)")) == ["FUNCTION", ["LAMBDA", ["X"], "X"]]
    assert rd("' a").cdr.car.name == "A"


def _sys(name):
    sym = SYSTEM.present(name)
    assert sym is not None and sym.package is SYSTEM
    return sym


def test_backquote_forms():
    qq, uq = _sys("QUASIQUOTE"), _sys("UNQUOTE")
    spl, nspl = _sys("UNQUOTE-SPLICING"), _sys("UNQUOTE-NSPLICING")
    x = rd("`(a ,b ,@c ,.d)")
    assert x.car is qq
    body = list_to_py(x.cdr.car)
    assert body[0].name == "A"
    assert [e.car for e in body[1:]] == [uq, spl, nspl]
    assert [e.cdr.car.name for e in body[1:]] == ["B", "C", "D"]


def test_nested_backquote_and_dotted_comma():
    x = rd("``(a ,,b)")
    assert x.car.name == "QUASIQUOTE" and x.cdr.car.car.name == "QUASIQUOTE"
    inner = list_to_py(x.cdr.car.cdr.car)[1]
    assert inner.car.name == "UNQUOTE" and inner.cdr.car.car.name == "UNQUOTE"
    tail = rd("`(a . ,b)").cdr.car.cdr
    assert tail.car.name == "UNQUOTE" and tail.cdr.car.name == "B"
    vec = rd("`#(a ,b)").cdr.car
    assert type(vec) is Vector and vec.items[1].car.name == "UNQUOTE"


@pytest.mark.parametrize("text, msg", [
    (",a", "Comma not inside a backquote."),
    (",@x", "Comma not inside a backquote."),
    ("(a . ,b)", "Comma not inside a backquote."),
    ("`(,@,@x)", "Comma not inside a backquote."),
    ("`,@x", "`,@x is not a well-formed backquote expression"),
    ("`,.x", "`,.x is not a well-formed backquote expression"),
    ("`(a . ,@b)", "(a . ,@b) contains a splicing comma after a dot"),
])
def test_backquote_errors(text, msg):
    assert message(read_error(text)) == msg


# ---------------------------------------------------------------- strings and characters
def test_strings():
    s = rd(r'"a\"b\\c\d"')
    assert type(s) is LString and s.value == 'a"b\\cd'
    assert rd('"\\n"').value == "n"
    assert rd('"line\nbreak"').value == "line\nbreak"
    assert rd('""').value == ""


@pytest.mark.parametrize("text, code", [
    ("#\\a", 97), ("#\\A", 65), ("#\\Space", 32), ("#\\space", 32), ("#\\SPACE", 32),
    ("#\\Newline", 10), ("#\\Linefeed", 10), ("#\\Tab", 9), ("#\\Page", 12),
    ("#\\Rubout", 127), ("#\\Return", 13), ("#\\Backspace", 8), ("#\\Nul", 0),
    ("#\\Null", 0), ("#\\Escape", 27), ("#\\Bel", 7), ("#\\Del", 127),
    ("#\\Bell", 0x1F514),   # SBCL: "Bell" is the Unicode name BELL, "Bel" is 7
    ("#\\U+41", 65), ("#\\U41", 65), ("#\\u+41", 65), ("#\\U+1F600", 0x1F600),
    ("#\\U+D800", 0xD800), ("#\\Latin_Small_Letter_A", 97), ("#\\(", 40), ("#\\)", 41),
    ("#\\ ", 32), ("#\\;", 59), ('#\\"', 34), ("#\\\\", 92), ("#\\1", 49), ("#\\|", 124),
])
def test_characters(text, code):
    c = rd(text)
    assert type(c) is Char and c.code == code


def test_character_altmode():
    """SBCL's other names of Escape."""
    assert rd("#\\Altmode").code == 27 and rd("#\\alt").code == 27


def test_characters_are_eq_and_end_at_delimiters():
    assert rd("#\\a") is rd("#\\a")
    assert read_from_string("#\\space)") == (rd("#\\Space"), 7)
    assert read_from_string("#\\Space ")[1] == 8


@pytest.mark.parametrize("text, name", [
    ("#\\abc", "abc"), ("#\\x41", "x41"), ("#\\a1", "a1"), ("#\\U+", "U+"),
    ("#\\U110000", "U110000"), ("#\\Newline2", "Newline2"), ("#\\a#b", "a#b"),
])
def test_bad_character_names(text, name):
    assert message(read_error(text)) == 'unrecognized character name: "%s"' % name


# ---------------------------------------------------------------- numbers
@pytest.mark.parametrize("text, value", [
    ("0", 0), ("-0", 0), ("+1", 1), ("1.", 1), ("-7.", -7), ("007", 7), ("00", 0),
    ("123456789012345678901234567890", 123456789012345678901234567890),
    ("#x1F", 31), ("#XA", 10), ("#b-101", -5), ("#o17", 15), ("#o-7", -7), ("#x+7", 7),
    ("#36rZZ", 1295), ("#3r12", 5), ("#10r10.", 10), ("#x 1F", 31),
])
def test_integers(text, value):
    x = rd(text)
    assert type(x) is int and x == value


def test_integer_longer_than_pythons_conversion_limit():
    digits = "7" * 10000
    assert rd(digits) == 7 * (10 ** 10000 - 1) // 9
    assert rd("#x" + "f" * 20000) == 16 ** 20000 - 1


@pytest.mark.parametrize("text, value", [
    ("1/2", Fraction(1, 2)), ("-4/6", Fraction(-2, 3)), ("+1/2", Fraction(1, 2)),
    ("01/02", Fraction(1, 2)), ("#x1/2", Fraction(1, 2)), ("#x-1/A", Fraction(-1, 10)),
])
def test_ratios(text, value):
    x = rd(text)
    assert type(x) is Fraction and x == value


def test_ratios_are_normalised():
    assert type(rd("4/2")) is int and rd("4/2") == 2
    assert rd("0/5") == 0 and type(rd("0/5")) is int


@pytest.mark.parametrize("text, value", [
    ("1.5", 1.5), (".5", 0.5), ("-.5", -0.5), ("+.5", 0.5), ("1e0", 1.0), ("1E5", 1e5),
    ("1s0", 1.0), ("1f0", 1.0), ("1.5s3", 1500.0), ("1.5f3", 1500.0), ("1.e5", 1e5),
    ("-.5e2", -50.0), ("1.5e-3", 0.0015), ("1e-50", 0.0),
    ("1.23456789", 1.2345678806304932), ("1.5e38", 1.5000000027488779e38),
])
def test_single_floats(text, value):
    assert is_single(rd(text), value)


@pytest.mark.parametrize("text, value", [
    ("1d0", 1.0), ("1l0", 1.0), ("1.5D0", 1.5), ("1.5l3", 1500.0),
    ("1.7976931348623157d308", 1.7976931348623157e308), ("4.9d-324", 5e-324),
    ("2.0d-324", 0.0),
])
def test_double_floats(text, value):
    x = rd(text)
    assert type(x) is float and x == value


def test_negative_zero_keeps_its_sign():
    x = rd("-0.0")
    assert type(x) is SingleFloat and str(float(x)) == "-0.0"
    assert str(rd("-0d0")) == "-0.0"


def test_single_float_rounding_is_correct():
    # 1 + 2^-24 + 2^-60 rounds up in one step; through a double it ties to even.
    x = rd("1.00000005960464477550")
    assert float(x) == 1.0000001192092896


def test_read_default_float_format_double():
    with bound("*READ-DEFAULT-FLOAT-FORMAT*", cl_sym("DOUBLE-FLOAT")):
        assert type(rd("1.5")) is float and type(rd("1.5e0")) is float
        assert type(rd("1.5f0")) is SingleFloat and type(rd("1.5s0")) is SingleFloat
        assert type(rd("1.5d0")) is float


@pytest.mark.parametrize("text", ["1.5e40", "3.4028236e38", "1.8d308", "1.5d400",
                                  "1e" + "9" * 5000])
def test_float_overflow_is_a_reader_error(text):
    assert message(read_error(text)).startswith("failed to build float")


def test_read_base():
    with bound("*READ-BASE*", 16):
        assert rd("ff") == 255 and rd("face") == 64206 and rd("-a") == -10
        assert rd("1e5") == 0x1E5                  # integer syntax wins
        assert is_single(rd("1.5"), 1.5)           # decimal point: base 10
        assert rd("10.") == 10 and rd("1/a") == Fraction(1, 10)
        assert rd("x").name == "X"


@pytest.mark.parametrize("text, msg", [
    ("1/0", "failed to build ratio: division by zero in 1/0"),
    ("#x1.5", "#x (base 16.) value is not a rational: 1.5."),
    ("#xG", "#x (base 16.) value is not a rational: G."),
    ("#2r102", "#r (base 2.) value is not a rational: 102."),
    ("#x(1)", "#x (base 16.) value is not a rational: (1)."),
    ("#37r1", "illegal radix for #R: 37."),
    ("#1r1", "illegal radix for #R: 1."),
])
def test_number_errors(text, msg):
    assert message(read_error(text)) == msg


# ---------------------------------------------------------------- symbols
@pytest.mark.parametrize("text, name", [
    ("1+", "1+"), ("-", "-"), ("+", "+"), ("1-", "1-"), ("a.b", "A.B"), ("+.e", "+.E"),
    ("1.5.5", "1.5.5"), ("1/2/3", "1/2/3"), ("1/-2", "1/-2"), ("1/2.", "1/2."),
    ("1.0/2", "1.0/2"), ("1e", "1E"), ("1e+", "1E+"), (".e5", ".E5"), ("-e5", "-E5"),
    ("|a b|", "a b"), ("a\\b", "Ab"), ("ab|c d|e", "ABc dE"), ("|a\\|b|", "a|b"),
    ("\\1", "1"), ("1\\2", "12"), ("|1|", "1"), ("||", ""), ("a#b", "A#B"),
    ("straße", "STRAßE"), ("a\\:b", "A:B"), ("\\.", "."),
])
def test_symbol_names(text, name):
    x = rd(text)
    assert isinstance(x, Symbol) and x.name == name


@pytest.mark.parametrize("text, name", [
    ("ﬁ", "FI"), ("x²", "X2"), ("1²", "12"), ("a\\bﬁ", "AbFI"), ("ﬁ|x|", "FIx"),
    ("a：b", "A:B"), ("ǅ", "DŽ"), ("ﬃx", "FFIX"), ("１.５", "1.5"), ("e\\\u0301", "E\u0301"),
    ("\\ﬁ", "ﬁ"), ("|ﬁ|", "ﬁ"),
])
def test_symbol_names_are_nfkc_normalised(text, name):
    x = rd(text)
    assert isinstance(x, Symbol) and x.name == name


def test_unicode_decimal_digits_in_integers_and_ratios():
    assert rd("１２") == 12 and rd("١٢") == 12 and rd("１.") == 1
    assert rd("１/２") == Fraction(1, 2)
    assert rd(":ﬁ") is keyword("FI") and rd("#:ﬁ").name == "FI"


def test_symbols_are_interned_in_current_package():
    assert rd("foo") is rd("FOO") is CL_USER.present("FOO")
    pkg = Package("READER-TEST-CURRENT", use=[CL])
    with bound("*PACKAGE*", pkg):
        x = rd("only-here")
    assert x.package is pkg and CL_USER.present("ONLY-HERE") is None
    assert rd("t") is T and rd("nil") is NIL


def test_keywords():
    x = rd(":foo")
    assert x is keyword("FOO") and x.package is KEYWORD
    assert rd("::foo") is keyword("FOO")
    assert rd("keyword:newkw") is keyword("NEWKW")
    assert rd(":||").name == "" and rd(":||").package is KEYWORD
    assert rd("keyword:||") is rd(":||")
    assert rd(":\\a").name == "a"


def test_package_prefixes():
    pkg = Package("READER-TEST-P1", use=[CL])
    ext = pkg.intern("EXT")[0]
    pkg.export(ext)
    internal = pkg.intern("INT")[0]
    car = cl_sym("CAR")
    assert rd("reader-test-p1:ext") is ext
    assert rd("READER-TEST-P1::int") is internal
    assert rd("cl:car") is car and rd("common-lisp:car") is car
    fresh = rd("reader-test-p1::fresh")
    assert fresh.package is pkg and pkg.present("FRESH") is fresh
    assert rd("|READER-TEST-P1|:|EXT|") is ext


@pytest.mark.parametrize("text, msg", [
    ("reader-test-p2:int", 'The symbol "INT" is not external in the READER-TEST-P2 package.'),
    ("reader-test-p2:car", 'The symbol "CAR" is not external in the READER-TEST-P2 package.'),
    ("reader-test-p2:nothere", 'Symbol "NOTHERE" not found in the READER-TEST-P2 package.'),
    ("nopkg:x", "Package NOPKG does not exist."),
    ("nopkg::x", "Package NOPKG does not exist."),
    ("|foo|:bar", "Package foo does not exist."),
    ("a:b:c", 'too many colons in "A:B:C"'),
    (":a:b", 'too many colons in ":A:B"'),
    ("foo: ", 'illegal terminating character after a colon in "FOO:"'),
    ("#:foo:bar", 'The symbol following #: contains a package marker: "FOO:BAR"'),
    ("#:1", 'The symbol following #: has numeric syntax: "1"'),
    ("a\bb", "invalid constituent"),
    ("a\x7fb", "invalid constituent"),
])
def test_symbol_errors(text, msg):
    pkg = Package("READER-TEST-P2", use=[CL])
    pkg.intern("INT")
    cl_sym("CAR")
    e = read_error(text)
    assert e.class_name == "SYS::LISP-READER-ERROR" and message(e) == msg


@pytest.mark.parametrize("text", ["foo:", ":", "(a b:", "|a|:"])
def test_end_of_input_after_a_package_marker_is_end_of_file(text):
    # SBCL: "unexpected end of file ... after reading a colon"; the REPL
    # waits for the rest of the symbol.
    assert read_error(text).class_name == "END-OF-FILE"
    assert is_incomplete(text)


def test_uninterned_symbols():
    a, b = rd("#:foo"), rd("#:foo")
    assert a.name == "FOO" and a.package is None and a is not b
    assert rd("#:|a b|").name == "a b"
    assert rd("#: ").name == ""


# ---------------------------------------------------------------- # syntax
def test_vectors():
    v = rd("#(1 a \"s\")")
    assert type(v) is Vector and v.element_type is T
    assert v.items[0] == 1 and v.items[1].name == "A" and v.items[2].value == "s"
    assert rd("#()").items == []
    assert rd("#3(1)").items == [1, 1, 1]
    assert rd("#2(a b)").items[1].name == "B"


def test_vector_length_errors():
    assert message(read_error("#3(1 2 3 4)")) == \
        "Vector longer than the specified length: #3(1 2 3 4)."
    assert message(read_error("#3()")) == "Vector of length 3 can't be initialized from ()"


@pytest.mark.parametrize("text, bits", [
    ("#*1011", [1, 0, 1, 1]), ("#*", []), ("#3*1", [1, 1, 1]), ("#0*", []),
    ("#2*1", [1, 1]), ("#*1 1", [1]),
])
def test_bit_vectors(text, bits):
    v = rd(text)
    assert type(v) is Vector and v.element_type is cl_sym("BIT") and v.items == bits


@pytest.mark.parametrize("text, msg", [
    ("#*102", "illegal element given for bit-vector: #\\2"),
    ("#5*", "#5* requires at least 1 bit of input."),
    ("#2*011", 'Too many bits in "011": expected 2 or fewer'),
])
def test_bit_vector_errors(text, msg):
    assert message(read_error(text)) == msg


def test_complexes():
    c = rd("#c(1 2)")
    assert type(c) is LispComplex and (c.real, c.imag) == (1, 2)
    assert rd("#c(1 0)") == 1 and type(rd("#c(1 0)")) is int
    assert rd("#C(1/2 0)") == Fraction(1, 2)
    f = rd("#c(1.0 0)")
    assert type(f) is LispComplex and type(f.imag) is SingleFloat and f.imag == 0
    d = rd("#c(1.0 2.0d0)")
    assert type(d.real) is float and type(d.imag) is float
    assert type(rd("#c(1 2.0)").real) is SingleFloat
    for bad in ("#c(1)", "#c(1 2 3)", "#c(a b)", "#c 5"):
        assert message(read_error(bad)).startswith("illegal complex number format: ")


def test_arrays():
    a = rd("#2A((1 2) (3 4))")
    assert type(a) is Array and a.dims == [2, 2] and a.items == [1, 2, 3, 4]
    z = rd("#0A5")
    assert type(z) is Array and z.dims == [] and z.items == [5]
    v = rd("#1A(1 2)")
    assert type(v) is Vector and v.items == [1, 2]
    assert rd("#2a()").dims == [0, 0] and rd("#2a(())").dims == [1, 0]
    chars = rd('#2A("ab" "cd")')
    assert chars.dims == [2, 2] and [c.ch for c in chars.items] == list("abcd")
    assert rd("#3a(((1)))").dims == [1, 1, 1]
    assert message(read_error("#2A(1 2)")).startswith("#2A axis 1 is not a sequence")
    assert message(read_error("#2A((1 2) (3))")).startswith("malformed #2A contents")


def test_pathname_syntax_reads_a_pathname():
    from lisp.pathnames import Pathname, namestring
    p = rd('#p"/tmp/foo.lisp"')
    assert type(p) is Pathname and namestring(p) == "/tmp/foo.lisp"
    assert p.name == "foo" and p.type == "lisp"
    assert namestring(rd('#P"a" b')) == "a"
    # SBCL's NAMESTRING-PARSE-ERROR for a bad namestring
    from lisp import Interpreter
    it = Interpreter()
    # the text #p"a\\" : a namestring ending in an escape character
    assert it.eval("""(handler-case (read-from-string (format nil "#p~Ca~C~C~C" #\\" #\\\\ #\\\\ #\\"))
                        (error (e) (symbol-name (type-of e))))""") == "NAMESTRING-PARSE-ERROR"


def test_structure_syntax_uses_the_hook(monkeypatch):
    assert message(read_error("#S(no-such-structure-here :x 1)")) == "NO-SUCH-STRUCTURE-HERE is not a defined structure type."
    monkeypatch.setattr(reader, "structure_hook", lambda name, initargs: (name.name, names(initargs)))
    assert rd("#S(point :x 1)") == ("POINT", ["X", 1])


def test_labels_make_circular_structure():
    x = rd("#1=(a . #1#)")
    assert x.car.name == "A" and x.cdr is x
    y = rd("#1=(#1# . 5)")
    assert y.car is y and y.cdr == 5
    z = rd("(#1=(a) #1# #2=#(#2#))")
    items = list_to_py(z)
    assert items[0] is items[1]
    assert items[2].items[0] is items[2]
    quoted = rd("'#1=(a #1#)").cdr.car
    assert quoted.cdr.car is quoted


def test_label_scope_is_one_top_level_form():
    r = SourceReader("#1=(a) #1#")
    r.read_next()
    with pytest.raises(LispError) as info:
        r.read_next()
    assert message(info.value).startswith("Reference to undefined label #1#")


@pytest.mark.parametrize("text, msg", [
    ("#1#", "Reference to undefined label #1#"),
    ("(#1=a #1=b)", "Multiply defined label: #1="),
    ("#1=#1#", "Must label something more than just #1#"),
    ("#=1", "Missing label for #="),
])
def test_label_errors(text, msg):
    assert message(read_error(text)) == msg


@pytest.mark.parametrize("text, msg", [
    ("#<foo>", "illegal sharp macro character: #\\<"),
    ("#)", "illegal sharp macro character: #\\)"),
    ("# ", "illegal sharp macro character: #\\ "),
    ("#%", "no dispatch function defined for #\\%"),
    ("#;(a) b", "no dispatch function defined for #\\;"),     # #; is not CL
    ("#+nil #<a> 1", "illegal sharp macro character: #\\<"),
])
def test_undefined_dispatch_characters(text, msg):
    assert message(read_error(text)) == msg


@pytest.mark.parametrize("text, printed", [
    ("#2:foo", "#:FOO"), ("#2\\a", "#\\a"), ("#7|x|# 5", "5"), ("(1 #1|x #|y|# |# 2)", "(1 2)"),
    ("#:a\bb", "#:|A\bB|"),
])
def test_numeric_arguments_that_are_ignored(text, printed):
    # SBCL ignores them (with a warning) where a sub-character takes none.
    from lisp.printer import prin1_to_string
    assert prin1_to_string(rd(text)) == printed


@pytest.mark.parametrize("text, msg", [
    ("#=", "Missing label for #="), ("#R", "radix missing in #R"),
    ("#1r", "illegal radix for #R: 1."), ("#0037r", "illegal radix for #R: 37."),
])
def test_arguments_checked_before_the_datum(text, msg):
    # SBCL checks them before it reads the datum, so at the end of the
    # text they are reader errors, not end of file.
    assert message(read_error(text)) == msg


# ---------------------------------------------------------------- comments
def test_comments():
    assert names(rd("(a ; c\n b)")) == ["A", "B"]
    assert names(rd("(a #| x #| y |# z |# b)")) == ["A", "B"]
    assert names(rd("(a #|#| c |#|#b)")) == ["A", "B"]
    assert read_from_string("#|x|# 5") == (5, 7)
    assert rd("; only a comment\n 5") == 5
    assert rd("'(a #| c |#)").cdr.car.car.name == "A"


# ---------------------------------------------------------------- features
def test_feature_expressions():
    assert rd("#+common-lisp 1 2") == 1
    assert rd("#+cek-lisp yes").name == "YES"
    assert rd("#+ansi-cl 1") == 1
    assert rd("#-common-lisp 1 2") == 2
    assert rd("#+nil 1 2") == 2
    assert rd("#+(or) 1 2") == 2 and rd("#+(and) 1 2") == 1
    assert rd("#+(not nope) 1 2") == 1
    assert rd("#-(or nope common-lisp) 1 2") == 2
    assert rd("#+(and common-lisp (not nope)) 1 2") == 1
    assert rd("#+:common-lisp 1 2") == 1
    assert rd("#+ common-lisp 1") == 1


def test_features_follow_the_dynamic_value():
    with bound("*FEATURES*", Cons(keyword("SBCL"), NIL)):
        assert rd("#+sbcl 1 2") == 1 and rd("#+common-lisp 1 2") == 2


def test_false_conditional_reads_like_whitespace():
    assert names(rd("(a #+nil b c)")) == ["A", "C"]
    assert names(rd("(a #+nil (foo:bar baz:quux) c)")) == ["A", "C"]
    assert rd("(a . #+nil b c)").cdr.name == "C"
    assert names(rd("(a #+nil . b)")) == ["A", "B"]
    assert names(rd("'#+nil a b")) == ["QUOTE", "B"]
    assert names(rd("(a '#+nil b c)")) == ["A", ["QUOTE", "C"]]
    assert rd("#-nil #+nil x y").name == "Y"
    assert read_from_string("#+nil #.(error \"x\") 1") == (1, 21)
    assert rd("#+nil ... 1") == 1 and rd("#+nil #\\foo 1") == 1


@pytest.mark.parametrize("text, msg", [
    ("#+(foo) 1 2", "unknown operator in feature expression: (foo)"),
    ('#+"x" 1 2', 'invalid feature expression: "x"'),
    ("#+1 1 2", "invalid feature expression: 1"),
    ("#+cl:nope 1", 'Symbol "NOPE" not found in the COMMON-LISP package.'),
])
def test_feature_errors(text, msg):
    assert message(read_error(text)) == msg


def test_false_conditional_at_end_is_end_of_file():
    e = read_error("#+nil 1")
    assert e.class_name == "END-OF-FILE"
    assert SourceReader("(a) #+nil (b)").read_next().car.name == "A"
    r = SourceReader("(a) #+nil (b)")
    r.read_next()
    assert r.read_next() is EOF


# ---------------------------------------------------------------- #. and *read-suppress*
def test_read_eval_uses_the_hook(monkeypatch):
    seen = []
    monkeypatch.setattr(reader, "eval_hook", lambda form: seen.append(form) or 42)
    assert rd("(a #.(+ 1 2))").cdr.car == 42
    assert names(seen[0]) == ["+", 1, 2]
    monkeypatch.setattr(reader, "eval_hook", lambda form: MV((1, 2)))
    assert rd("#.(values 1 2)") == 1


def test_read_eval_errors(monkeypatch):
    monkeypatch.setattr(reader, "eval_hook", None)
    assert read_error("#.(+ 1 2)").class_name == "SYS::LISP-READER-ERROR"
    monkeypatch.setattr(reader, "eval_hook", lambda form: 1)
    with bound("*READ-EVAL*", NIL):
        assert message(read_error("#.(+ 1 2)")) == "can't read #. while *READ-EVAL* is NIL"


def test_read_suppress():
    with bound("*READ-SUPPRESS*", T):
        assert read_from_string("(foo:bar #.(x) 1.5.5)") == (NIL, 21)


# ---------------------------------------------------------------- positions in errors
def test_source_reader_error_names_file_line_and_column():
    src = "(print 1)\n(print (quote\n   (a foo:bar)))\n(print 2)\n"
    r = SourceReader(src, "/tmp/x.lisp")
    assert names(r.read_next()) == ["PRINT", 1]
    with pytest.raises(LispError) as info:
        r.read_next()
    e = info.value
    assert e.class_name == "SYS::LISP-READER-ERROR"
    assert (e.initargs["LINE"], e.initargs["COLUMN"]) == (3, 13)   # as SBCL reports it
    assert e.initargs["FILE"].value == "/tmp/x.lisp"
    assert message(e) == ("Package FOO does not exist. "
                          "(file /tmp/x.lisp, line 3, column 13)")


def test_incomplete_form_in_source_names_where_it_began():
    r = SourceReader('(print 1)\n  (print "abc\n', "y.lisp")
    r.read_next()
    with pytest.raises(LispError) as info:
        r.read_next()
    e = info.value
    assert e.class_name == "SYS::LISP-READER-ERROR" and e.initargs["INCOMPLETE"]
    assert (e.initargs["LINE"], e.initargs["COLUMN"]) == (2, 2)
    assert "y.lisp" in message(e) and "line 2, column 2" in message(e)


@pytest.mark.parametrize("text, line, column", [
    ("(a\n  b\n   nopkg:x)", 3, 10),
    ("\n\n  )", 3, 3),
    ("(a #<b>)", 1, 4),
    ("  #+nil x\n (1 . 2 3)", 2, 9),
    ("#+(foo) 1", 1, 7),
    ("(a\n #c(1))", 2, 6),
])
def test_error_positions(text, line, column):
    e = read_error(text)
    assert (e.initargs["LINE"], e.initargs["COLUMN"]) == (line, column)


def test_form_positions():
    r = SourceReader("(a)\n  ;; comment\n  #+nil x (b)\n#|c|# c")
    r.read_next()
    assert (r.form_line, r.form_column) == (1, 0)
    r.read_next()
    assert (r.form_line, r.form_column) == (3, 10)
    r.read_next()
    assert (r.form_line, r.form_column) == (4, 6)
    assert r.read_next() is EOF


def test_forms_are_read_one_at_a_time_in_the_current_package():
    r = SourceReader("(first) later-pkg:thing")
    assert r.read_next().car.name == "FIRST"
    pkg = Package("LATER-PKG")         # as if the first form had defined it
    pkg.export(pkg.intern("THING")[0])
    with bound("*PACKAGE*", pkg):
        x = r.read_next()
    assert x.package is pkg and x.name == "THING"


def test_package_switch_between_forms():
    pkg = Package("READER-TEST-SWITCH", use=[CL])
    r = SourceReader("a b")
    assert r.read_next().package is CL_USER
    with bound("*PACKAGE*", pkg):
        assert r.read_next().package is pkg


# ---------------------------------------------------------------- streams
def test_read_consumes_exactly_one_form():
    s = StringInputStream("1 2 (a b)   c;x\n#+nil q  d")
    assert read_from_stream(s, True, NIL) == 1
    assert read_from_stream(s, True, NIL) == 2
    assert names(read_from_stream(s, True, NIL)) == ["A", "B"]
    assert s.text[s.pos:] == "  c;x\n#+nil q  d"   # one whitespace consumed after (A B), as SBCL
    assert read_from_stream(s, True, NIL).name == "C"
    assert s.text[s.pos:] == ";x\n#+nil q  d"
    assert read_from_stream(s, True, NIL).name == "D"
    assert read_from_stream(s, NIL, keyword("EOF")) is keyword("EOF")
    with pytest.raises(LispError) as info:
        read_from_stream(s, T, NIL)
    assert info.value.class_name == "END-OF-FILE"


def test_token_terminator_is_left_in_the_stream():
    s = StringInputStream("abc)def")
    assert read_from_stream(s, True, NIL).name == "ABC"
    assert s.read_char() == ")"
    s = StringInputStream("abc def")
    read_from_stream(s, True, NIL, preserve_whitespace=True)
    assert s.read_char() == " "


def test_end_of_file_inside_a_form_is_end_of_file():
    for text in ("(1 2", '"abc', "|abc", "#|", "'", "#+nil", "#\\", "foo\\"):
        with pytest.raises(LispError) as info:
            read_from_stream(StringInputStream(text), NIL, NIL)
        assert info.value.class_name == "END-OF-FILE", text


class _CharStream(StringInputStream):
    """A stream that only gives characters through read_char/unread_char,
    like a console or file stream."""
    __slots__ = ()

    def unread_char(self, c):
        self.unread.append(c)


def test_read_from_a_character_stream():
    s = _CharStream("(a\n b) c")
    assert names(read_from_stream(s, True, NIL)) == ["A", "B"]
    assert read_from_stream(s, True, NIL).name == "C"
    s = _CharStream("abc)")
    assert read_from_stream(s, True, NIL).name == "ABC"
    assert s.read_char() == ")"
    s = _CharStream("\n\n (a . b c)")
    with pytest.raises(LispError) as info:
        read_from_stream(s, True, NIL)
    assert info.value.initargs["LINE"] == 3


def test_stream_reader_recovers_after_an_error():
    s = StringInputStream("#+cl:nope 1 2")
    with pytest.raises(LispError):
        read_from_stream(s, True, NIL)
    assert read_from_stream(s, True, NIL) == 1


def test_lisp_read_function():
    # READ's Python function (the primitive itself is a control primitive
    # that may wait for console input: lisp/console.py)
    from lisp import reader as read_fn
    s = StringInputStream("x y")
    assert read_fn.read(s).name == "X"
    with bound("*STANDARD-INPUT*", StringInputStream("(from stdin)")):
        assert names(read_fn.read(NIL)) == ["FROM", "STDIN"]
    # T designates *TERMINAL-IO* (CLHS 21.1.1.1.2; sbcl --script: (read t)
    # with *standard-input* bound to a string stream reads the terminal)
    with bound("*TERMINAL-IO*", StringInputStream("t-stream")):
        assert read_fn.read(T).name == "T-STREAM"
    assert read_fn.read(StringInputStream(""), NIL, 7) == 7
    with pytest.raises(LispError) as info:
        read_fn.read(5)
    assert info.value.class_name == "TYPE-ERROR"
    s = StringInputStream("a b")
    read_fn.read_preserving_whitespace(s)
    assert s.pos == 1


def test_lisp_read_from_string():
    prim = cl_sym("READ-FROM-STRING").fn
    assert prim.mv
    assert prim.fn(LString("1 2")) == MV((1, 2))
    # READ consumes the whitespace after any object (sbcl: (read-from-string "(a) b") => (A), 4)
    assert prim.fn(LString("(a) b"))[1] == 4
    assert prim.fn(LString("1 2"), NIL, NIL, keyword("START"), 2) == MV((2, 3))
    assert prim.fn(LString("123"), T, NIL, keyword("END"), 2) == MV((12, 2))
    assert prim.fn(LString("a b"), T, NIL, keyword("PRESERVE-WHITESPACE"), T)[1] == 1
    assert prim.fn(LString("   "), NIL, keyword("DONE")) == MV((keyword("DONE"), 3))
    with pytest.raises(LispError) as info:
        prim.fn(LString(""))
    assert info.value.class_name == "END-OF-FILE"
    with pytest.raises(LispError) as info:
        prim.fn(5)
    assert info.value.class_name == "TYPE-ERROR"
    with pytest.raises(LispError):
        prim.fn(LString("abc"), T, NIL, keyword("START"), 5)


def test_special_variables_have_their_standard_values():
    from lisp.objects import SPECIAL
    for name, value in [("*READ-BASE*", 10), ("*READ-EVAL*", T), ("*READ-SUPPRESS*", NIL),
                        ("*READ-DEFAULT-FLOAT-FORMAT*", cl_sym("SINGLE-FLOAT"))]:
        sym = cl_sym(name)
        assert sym.flags & SPECIAL and sym.value is value
    features = list_to_py(cl_sym("*FEATURES*").value)
    for f in ("COMMON-LISP", "CEK-LISP", "ANSI-CL"):
        assert keyword(f) in features


def test_read_from_python_string_reads_in_common_lisp():
    pkg = Package("READER-TEST-NO-CL")
    with bound("*PACKAGE*", pkg):
        spec = read_from_python_string("(OR STRING SYMBOL)")
    assert spec.car.package is CL and spec.car.name == "OR"


# ---------------------------------------------------------------- is_incomplete
@pytest.mark.parametrize("text, expected", [
    ("(foo", True), ('"abc', True), ("|ab", True), ("#|", True), ("#| #| |#", True),
    ("'", True), ("`", True), (",", True), ("#'", True), ("#+nil", True), ("#+(or", True),
    ("#.", True), ("foo\\", True), ("(a\n b", True), ("#\\", True), ("#", True),
    ("(a #+nil b", True), ("#1=", True),
    ("foo", False), ("(foo)", False), (")", False), ("(a))", False), ("; c", False),
    ("", False), ("#+nil x", False), ("(#\\))", False), ("(#\\()", False),
    ("(a #+nil)", False), ("#<x>", False), ("(a) (b", True), ("#|a|#", False),
])
def test_is_incomplete(text, expected):
    assert is_incomplete(text) is expected


# ---------------------------------------------------------------- deep nesting
def test_deep_nesting():
    depth = 3000
    x = rd("(" * depth + ")" * depth)
    n = 0
    while x is not NIL:
        x = x.car
        n += 1
    assert n == depth - 1
    e = read_error("(" * 300000 + ")" * 300000)
    assert e.class_name == "SYS::LISP-READER-ERROR"


# ---------------------------------------------------------------- anything in, conditions out
def _read_everything(text: str):
    r = SourceReader(text, "fuzz.lisp")
    for _ in range(50):
        try:
            if r.read_next() is EOF:
                break
        except LispError as e:
            if e.initargs.get("INCOMPLETE"):
                break
    s = StringInputStream(text)
    for _ in range(50):
        try:
            if read_from_stream(s, NIL, EOF) is EOF:
                break
        except LispError as e:
            if e.class_name == "END-OF-FILE":
                break
    is_incomplete(text)


_LISPY = st.lists(st.sampled_from(
    list("()'`,@.#|\\\";:+-*/=<> \n\t0123456789abcxXoObBrRcCaApPsSeEdDfFlL\x08\x7f\x00é")
    + ["#+", "#-", "#|", "|#", "#\\", "#.", "#(", "#*", "#:", ",@", "nil", "(or)", "(and)",
       "1.5", "1/2", "cl:", "::", "#1=", "#1#", "\ud800"]), max_size=30).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_LISPY)
def test_lisp_like_text_gives_data_or_conditions(text):
    try:
        _read_everything(text)
    except LispError:
        pass


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_gives_data_or_conditions(text):
    try:
        _read_everything(text)
    except LispError:
        pass


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=60), st.sampled_from(["latin-1", "utf-8"]))
def test_arbitrary_bytes_give_data_or_conditions(data, encoding):
    try:
        _read_everything(data.decode(encoding, errors="replace"))
    except LispError:
        pass

"""What a token means (CLHS 2.3): a number, a symbol or the consing dot,
plus the tokens that follow #\\ (characters) and #: (uninterned symbols).

As in SBCL, unescaped characters of a symbol's name are NFKC-normalised
(readtable normalization: "ﬁ" reads as FI) and then converted as the
readtable case says (CLHS 23.1.2; :UPCASE with CHAR-UPCASE: "straße" reads
as STRAßE; :INVERT looks at the whole token, package prefix included);
escaped ones are kept. Package markers are found before normalisation. A token that has no escapes
and has the syntax of a number in *READ-BASE* is that number; any other
potential number (1+, 1.5.5, 1/2/3) is a symbol, as in SBCL. Problems raise
``ReadFailure``; the caller adds where they were.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from fractions import Fraction

from .characters import lower_case_p, name_char, string_downcase, string_upcase, upper_case_p
from .errors import LispError
from .numbers import rational_to_single
from .objects import KEYWORD, Package, SingleFloat, Symbol, find_package, make_char

__all__ = ["ReadFailure", "DOT", "INVALID", "decode", "fold", "token_case", "integer_from_digits",
           "parse_number", "interpret_token", "interpret_chars", "read_character",
           "character_named", "read_uninterned", "uninterned_symbol"]


class ReadFailure(Exception):
    """A reader error whose position the caller knows: ``message`` is the
    condition's text, SBCL's wording where SBCL has one."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _Dot:
    """The consing dot: the token "." read where a list allows it."""
    __slots__ = ()

    def __repr__(self):
        return "#<consing dot>"


DOT = _Dot()

# Backspace and Rubout are constituents with the "invalid" trait (CLHS 2.1.4.2).
INVALID = frozenset("\b\x7f")


def decode(raw: str, check_invalid: bool = True) -> tuple[str, list[bool] | None, int]:
    """The characters of token RAW with escapes removed; for each character
    whether it was escaped (None when the token had no escapes at all); and
    how many characters came before the end of the last escape (-1 when
    none: "a||" has an escape but no escaped character). An unescaped
    invalid constituent is an error when CHECK_INVALID (as in SBCL, the
    tokens after #: and #\\ may hold them)."""
    if "\\" not in raw and "|" not in raw:
        if check_invalid and ("\b" in raw or "\x7f" in raw):
            raise ReadFailure("invalid constituent")
        return raw, None, -1
    chars: list[str] = []
    escaped: list[bool] = []
    i, n = 0, len(raw)
    in_bars = False
    last_escape = -1
    while i < n:
        c = raw[i]
        if c == "|":
            in_bars = not in_bars
            last_escape = len(chars)
            i += 1
        elif c == "\\":
            chars.append(raw[i + 1])
            escaped.append(True)
            last_escape = len(chars)
            i += 2
        else:
            if check_invalid and not in_bars and c in INVALID:
                raise ReadFailure("invalid constituent")
            chars.append(c)
            escaped.append(in_bars)
            i += 1
    return "".join(chars), escaped, last_escape


def fold(chars: str, escaped: list[bool] | None, case: str = "UPCASE") -> str:
    """The name made of decoded CHARS: each run of unescaped characters is
    NFKC-normalised and then converted as CASE says ("UPCASE", "DOWNCASE"
    or "PRESERVE"; see ``token_case`` for :INVERT), so that "ﬁ" reads as
    FI; escaped ones are kept."""
    if escaped is None:
        return _fold_run(chars, case)
    out = []
    k, n = 0, len(chars)
    while k < n:
        j = k
        flag = escaped[k]
        while j < n and escaped[j] == flag:
            j += 1
        out.append(chars[k:j] if flag else _fold_run(chars[k:j], case))
        k = j
    return "".join(out)


def _fold_run(s: str, case: str) -> str:
    if case == "UPCASE":
        if s.isascii():
            return s.upper()
        return string_upcase(unicodedata.normalize("NFKC", s))
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s)
    if case == "DOWNCASE":
        return string_downcase(s)
    return s


def token_case(chars: str, escaped: list[bool] | None, readtable_case: str) -> str:
    """How a token's unescaped letters are converted under READTABLE_CASE:
    :INVERT upcases them when none is uppercase, downcases them when none is
    lowercase, and keeps them otherwise (CLHS 23.1.2.1)."""
    if readtable_case != "INVERT":
        return readtable_case
    if escaped is not None:
        chars = "".join(ch for ch, esc in zip(chars, escaped) if not esc)
    if not chars.isascii():
        chars = unicodedata.normalize("NFKC", chars)
    upper = any(upper_case_p(ch) for ch in chars)
    lower = any(lower_case_p(ch) for ch in chars)
    if upper and lower:
        return "PRESERVE"
    return "DOWNCASE" if upper else "UPCASE"


# ---------------------------------------------------------------- numbers
_DECIMAL_INTEGER = re.compile(r"[+-]?[0-9]+\.\Z")
_FLOAT = re.compile(
    r"([+-]?)(?:([0-9]*)\.([0-9]+)(?:([ESFDL])([+-]?[0-9]+))?"
    r"|([0-9]+)(?:\.([0-9]*))?([ESFDL])([+-]?[0-9]+))\Z", re.IGNORECASE)
_BASE_SYNTAX: dict[int, tuple[re.Pattern, re.Pattern]] = {}

# Decimal exponents beyond these cannot give a finite nonzero double, so the
# exact value (a huge power of ten) is never built.
_MAX_DECIMAL_EXPONENT = 400
_MIN_DECIMAL_EXPONENT = -400


def _base_syntax(base: int) -> tuple[re.Pattern, re.Pattern]:
    """Regexps for an integer and a ratio in BASE (2..36)."""
    pats = _BASE_SYNTAX.get(base)
    if pats is None:
        digits = "0-%d" % min(base - 1, 9)
        if base > 10:
            last = chr(ord("A") + base - 11)
            digits += "A-%sa-%s" % (last, last.lower())
        pats = (re.compile(r"[+-]?[%s]+\Z" % digits),
                re.compile(r"([+-]?[%s]+)/([%s]+)\Z" % (digits, digits)))
        _BASE_SYNTAX[base] = pats
    return pats


def integer_from_digits(digits: str, base: int) -> int:
    """int(DIGITS, BASE) for digit strings of any length (Python limits the
    length int() converts in one go; SBCL reads integers of any size)."""
    if len(digits) <= sys.get_int_max_str_digits() // 2:
        return int(digits, base)
    sign = 1
    if digits[0] in "+-":
        sign = -1 if digits[0] == "-" else 1
        digits = digits[1:]
    half = len(digits) // 2
    high, low = digits[:half], digits[half:]
    return sign * (integer_from_digits(high, base) * base ** len(low) + integer_from_digits(low, base))


def parse_number(text: str, base: int, double_default: bool):
    """The number token TEXT denotes (it has no escapes) in *READ-BASE* BASE,
    or None when TEXT is not number syntax. DOUBLE_DEFAULT says whether
    *READ-DEFAULT-FLOAT-FORMAT* is DOUBLE-FLOAT (or LONG-FLOAT). As in SBCL,
    integers and ratios may use any Unicode decimal digits ("１２" is 12),
    floats only ASCII ones."""
    c = text[0]
    if not (c.isdigit() or c in "+-." or (base > 10 and c.isalpha())):
        return None
    ascii_digits = text.isascii()
    if not ascii_digits:
        text = "".join(c if c.isascii() else str(unicodedata.decimal(c, c)) for c in text)
        if not text.isascii():
            return None
    integer, ratio = _base_syntax(base)
    if integer.match(text):
        return integer_from_digits(text, base)
    if _DECIMAL_INTEGER.match(text):
        return integer_from_digits(text[:-1], 10)
    m = ratio.match(text)
    if m:
        den = integer_from_digits(m.group(2), base)
        if den == 0:
            raise ReadFailure("failed to build ratio: division by zero in " + text)
        q = Fraction(integer_from_digits(m.group(1), base), den)
        return q.numerator if q.denominator == 1 else q
    if ascii_digits:
        m = _FLOAT.match(text)
        if m:
            return _make_float(text, m, double_default)
    return None


def _make_float(text: str, m: re.Match, double_default: bool):
    sign, int1, frac1, mark1, exp1, int2, frac2, mark2, exp2 = m.groups()
    if int2 is not None:
        whole, frac, marker, exp = int2, frac2 or "", mark2, exp2
    else:
        whole, frac, marker, exp = int1, frac1, mark1, exp1
    digits = (whole + frac).lstrip("0")
    e10 = (integer_from_digits(exp, 10) if exp else 0) - len(frac)
    marker = (marker or "E").upper()
    double = marker in "DL" or (marker == "E" and double_default)
    negative = sign == "-"
    if not digits or len(digits) + e10 < _MIN_DECIMAL_EXPONENT:
        zero = -0.0 if negative else 0.0
        return zero if double else SingleFloat(zero)
    if len(digits) + e10 > _MAX_DECIMAL_EXPONENT:
        raise ReadFailure("failed to build float from " + text + ": floating point overflow")
    mantissa = integer_from_digits(digits, 10)
    value = mantissa * 10 ** e10 if e10 >= 0 else Fraction(mantissa, 10 ** -e10)
    try:
        if double:
            result = float(value)
        else:
            result = rational_to_single(value)
    except (OverflowError, LispError):
        raise ReadFailure("failed to build float from " + text + ": floating point overflow") from None
    if negative:
        return -result if double else SingleFloat(-result)
    return result


# ---------------------------------------------------------------- symbols
def interpret_token(raw: str, package: Package, base: int, double_default: bool,
                    case: str = "UPCASE"):
    """The object token RAW denotes: a number, a symbol interned as the
    package markers in it say (else in PACKAGE), or DOT for a lone dot.
    CASE is the readtable case."""
    chars, escaped, last_escape = decode(raw)
    return interpret_chars(chars, escaped, last_escape, package, base, double_default, case)


def interpret_chars(chars: str, escaped: list[bool] | None, last_escape: int,
                    package: Package, base: int, double_default: bool, case: str = "UPCASE"):
    """``interpret_token`` for a token already decoded (see ``decode``)."""
    if escaped is None:
        number = parse_number(chars, base, double_default)
        if number is not None:
            return number
        if chars.count(".") == len(chars):
            if len(chars) == 1:
                return DOT
            raise ReadFailure("too many dots")
    case = token_case(chars, escaped, case)
    # Package markers are found before normalisation: a fullwidth colon
    # is part of the name.
    colons = [k for k, ch in enumerate(chars)
              if ch == ":" and (escaped is None or not escaped[k])]
    if not colons:
        return package.intern(fold(chars, escaped, case))[0]
    first, last = colons[0], colons[-1]
    if len(colons) > 2 or last > first + 1:
        raise ReadFailure('too many colons in "%s"' % fold(chars, escaped, case))
    if last + 1 == len(chars) and last_escape <= last:
        raise ReadFailure('illegal terminating character after a colon in "%s"'
                          % fold(chars, escaped, case))
    sym_name = fold(chars[last + 1:], None if escaped is None else escaped[last + 1:], case)
    if first == 0:
        return KEYWORD.intern(sym_name)[0]
    pkg_name = fold(chars[:first], None if escaped is None else escaped[:first], case)
    pkg = find_package(pkg_name)
    if pkg is None:
        raise ReadFailure("Package %s does not exist." % pkg_name)
    if last > first or pkg is KEYWORD:
        return pkg.intern(sym_name)[0]
    sym = pkg.external.get(sym_name)
    if sym is not None:
        return sym
    if pkg.find(sym_name)[0] is None:
        raise ReadFailure('Symbol "%s" not found in the %s package.' % (sym_name, pkg.name))
    raise ReadFailure('The symbol "%s" is not external in the %s package.' % (sym_name, pkg.name))


def read_uninterned(raw: str, base: int, double_default: bool) -> Symbol:
    """#:NAME — RAW is the token after "#:"."""
    chars, escaped, _ = decode(raw, check_invalid=False)
    return uninterned_symbol(chars, escaped, base, double_default)


def uninterned_symbol(chars: str, escaped: list[bool] | None, base: int,
                      double_default: bool, case: str = "UPCASE") -> Symbol:
    """#:NAME for the decoded token CHARS, under readtable case CASE."""
    name = fold(chars, escaped, token_case(chars, escaped, case))
    if any(ch == ":" and (escaped is None or not escaped[k]) for k, ch in enumerate(chars)):
        raise ReadFailure('The symbol following #: contains a package marker: "%s"' % name)
    if escaped is None and chars and parse_number(chars, base, double_default) is not None:
        raise ReadFailure('The symbol following #: has numeric syntax: "%s"' % name)
    return Symbol(name, None)


def read_character(raw: str):
    """#\\X — RAW is the token after "#\\"; its first character is taken as
    escaped. One character is itself; more are a character name."""
    return character_named(raw[0] + decode(raw[1:], check_invalid=False)[0])


def character_named(name: str):
    """The character #\\NAME denotes: NAME's only character, or the
    character with that name (names are ASCII and case-insensitive)."""
    if len(name) == 1:
        return make_char(name)
    ch = None
    if name.isascii():        # every character name is ASCII
        try:
            ch = name_char(name)
        except LispError:     # a code point past CHAR-CODE-LIMIT
            pass
    if ch is None:
        raise ReadFailure('unrecognized character name: "%s"' % name)
    return make_char(ch)

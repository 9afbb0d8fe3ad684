"""The printed text of symbol names: when they need |escaping|, and how
*PRINT-CASE* and the readtable case change them (CLHS 22.1.3.3.2).

A name must be written between vertical bars when reading it back would not
give the same name: it contains a letter the readtable case would convert
(lowercase under :UPCASE, uppercase under :DOWNCASE; none under :PRESERVE
and :INVERT) or a character with syntax (whitespace, parentheses, quotes,
``#``, ``:``, ``|``, ``\\``...), or it could be read as a number in the
current *PRINT-BASE* (a "potential number", CLHS 2.3.1.1), or it is empty or
all dots. ``needs_bars`` decides this with the same state machine as SBCL's
SYMBOL-QUOTEP, so that names such as ``1+``, ``+.``, ``/1`` or ``^`` stay
unescaped exactly when SBCL leaves them unescaped.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from .characters import (alphanumericp, char_downcase, char_upcase, lower_case_p,
                         string_downcase, string_upcase, upper_case_p)

__all__ = ["needs_bars", "bar_quote", "case_text"]

# Character classes (bit flags) for the potential-number state machine.
_OTHER = 1       # constituents with no number syntax: ! $ % & * < = > ? @ [ ] { } ~
_DIGIT = 2       # 0-9
_LETTER = 4      # a letter the readtable case keeps (uppercase under :UPCASE)
_LOWER = 8       # a letter the readtable case would convert: forces escaping
_SIGN = 16       # + -
_EXT = 32        # ^ _
_DOT = 64        # .
_SLASH = 128     # /
_FUNNY = 256     # anything that cannot appear unescaped in a token

_ASCII_CLASS = [_FUNNY] * 160
for _c in "!@$%&*=~[]{}?<>":
    _ASCII_CLASS[ord(_c)] = _OTHER
for _c in "0123456789":
    _ASCII_CLASS[ord(_c)] = _DIGIT
for _i in range(26):
    _ASCII_CLASS[ord("A") + _i] = _LETTER
    _ASCII_CLASS[ord("a") + _i] = _LOWER
for _c, _bit in (("+", _SIGN), ("-", _SIGN), ("^", _EXT), ("_", _EXT), (".", _DOT), ("/", _SLASH)):
    _ASCII_CLASS[ord(_c)] = _bit


def _char_class(c: str) -> int:
    code = ord(c)
    if code < 160:
        return _ASCII_CLASS[code]
    if upper_case_p(c):
        return _LETTER
    if lower_case_p(c):
        return _LOWER
    return _OTHER


def _case_class(c: str, readtable_case: str) -> int:
    """_char_class for readtable case :DOWNCASE (uppercase letters are
    converted, lowercase ones kept) or :PRESERVE/:INVERT (both kept)."""
    cl = _char_class(c)
    if cl & _LOWER:
        return _LETTER
    if cl & _LETTER and readtable_case == "DOWNCASE":
        return _LOWER
    return cl


def _digit_value(c: str) -> int:
    """The digit weight of C (0-35) for ASCII digits and uppercase letters,
    36 (a digit in no base) otherwise: as in SBCL, a lowercase letter is
    never taken for a digit, whatever the readtable case."""
    code = ord(c)
    if 48 <= code <= 57:
        return code - 48
    if 65 <= code <= 90:
        return code - 55
    return 36


# States of the machine. Each state looks at the current character and
# either moves on (to a state, with "end of name here means potential number
# unless it ends in a sign" or "... means an ordinary symbol"), jumps to
# another state without consuming, or answers.
(_START, _OTHER_CHARS, _DOT_FOUND, _START_STUFF, _START_MARKER, _START_DOT_STUFF,
 _START_DOT_MARKER, _DOT_DIGIT, _DOT_MARKER, _LAST_DIGIT_ALPHA, _ALPHA_DIGIT,
 _ALPHA_MARKER, _DIGIT_STATE, _MARKER) = range(14)

_QUOTE = "quote"            # answer: needs bars
_NUMBER_END = True          # at end of name: potential number (unless final sign)
_SYMBOL_END = False         # at end of name: plain symbol


@lru_cache(maxsize=4096)
def needs_bars(name: str, base: int = 10, readtable_case: str = "UPCASE") -> bool:
    """True when NAME must be printed as |NAME| (*PRINT-BASE* BASE, the
    readtable case READTABLE_CASE)."""
    n = len(name)
    if n == 0:
        return True
    # The reader normalises names to NFKC, so a name that is not in NFKC
    # would read back as a different symbol.
    if not name.isascii() and not unicodedata.is_normalized("NFKC", name):
        return True
    if readtable_case == "UPCASE":
        classes = [_char_class(c) for c in name]
    else:
        classes = [_case_class(c, readtable_case) for c in name]
    if any(cl & (_LOWER | _FUNNY) for cl in classes):
        return True
    state = _START
    i = 0
    while True:
        cl = classes[i]
        digit = _digit_value(name[i]) < base
        letter = cl & _LETTER
        nxt, at_end = _step(state, cl, digit, letter)
        if nxt is _QUOTE:
            return True
        if nxt == _OTHER_CHARS:
            # Not a potential number; the funny-character scan above already
            # cleared the whole name.
            return False
        if at_end is None:
            state = nxt          # re-dispatch on the same character
            continue
        i += 1
        if i == n:
            if at_end is _SYMBOL_END:
                return False
            return not classes[-1] & _SIGN
        state = nxt


def _step(state: int, cl: int, digit: bool, letter: int):
    """One transition: (next_state, end_rule) where end_rule is None for a
    jump that does not consume the character."""
    if state == _START:
        if digit:
            return (_LAST_DIGIT_ALPHA if letter else _DIGIT_STATE), _NUMBER_END
        if cl & (_LETTER | _DIGIT | _OTHER | _SLASH):
            return _OTHER_CHARS, _SYMBOL_END
        if cl & _DOT:
            return _DOT_FOUND, _NUMBER_END
        if cl & (_SIGN | _EXT):
            return _START_STUFF, _SYMBOL_END
    elif state == _DOT_FOUND:
        if letter:
            return _START_DOT_MARKER, _SYMBOL_END
        if digit:
            return _DOT_DIGIT, _NUMBER_END
        if cl & (_DIGIT | _OTHER):
            return _OTHER_CHARS, _SYMBOL_END
        if cl & (_EXT | _SLASH | _SIGN):
            return _START_DOT_STUFF, _SYMBOL_END
        if cl & _DOT:
            return _DOT_FOUND, _NUMBER_END
    elif state == _START_STUFF:
        if digit:
            return (_LAST_DIGIT_ALPHA if letter else _DIGIT_STATE), _NUMBER_END
        if cl & (_DIGIT | _OTHER):
            return _OTHER_CHARS, _SYMBOL_END
        if letter:
            return _START_MARKER, _SYMBOL_END
        if cl & _DOT:
            return _START_DOT_STUFF, _SYMBOL_END
        if cl & (_SIGN | _EXT | _SLASH):
            return _START_STUFF, _SYMBOL_END
    elif state == _START_MARKER:
        if letter:
            return _OTHER_CHARS, _SYMBOL_END
        return _START_STUFF, None
    elif state == _START_DOT_STUFF:
        if letter:
            return _START_DOT_STUFF, _SYMBOL_END
        if digit:
            return _DOT_DIGIT, _NUMBER_END
        if cl & (_SIGN | _EXT | _DOT | _SLASH):
            return _START_DOT_STUFF, _SYMBOL_END
        if cl & (_DIGIT | _OTHER):
            return _OTHER_CHARS, _SYMBOL_END
    elif state == _START_DOT_MARKER:
        if letter:
            return _OTHER_CHARS, _SYMBOL_END
        return _START_DOT_STUFF, None
    elif state == _DOT_DIGIT:
        if letter:
            return _DOT_MARKER, _NUMBER_END
        if digit:
            return _DOT_DIGIT, _NUMBER_END
        if cl & (_DIGIT | _OTHER):
            return _OTHER_CHARS, _SYMBOL_END
        if cl & (_SIGN | _EXT | _DOT | _SLASH):
            return _DOT_DIGIT, _NUMBER_END
    elif state == _DOT_MARKER:
        if letter:
            return _OTHER_CHARS, _SYMBOL_END
        return _DOT_DIGIT, None
    elif state == _LAST_DIGIT_ALPHA:
        if digit or cl & (_SIGN | _SLASH):
            return _ALPHA_DIGIT, _NUMBER_END
        if cl & (_LETTER | _DIGIT | _OTHER | _DOT):
            return _OTHER_CHARS, _SYMBOL_END
    elif state == _ALPHA_DIGIT:
        if digit or cl & (_SIGN | _SLASH):
            return (_LAST_DIGIT_ALPHA if letter else _ALPHA_DIGIT), _NUMBER_END
        if letter:
            return _ALPHA_MARKER, _NUMBER_END
        if cl & (_DIGIT | _OTHER | _DOT):
            return _OTHER_CHARS, _SYMBOL_END
    elif state == _ALPHA_MARKER:
        if letter:
            return _OTHER_CHARS, _SYMBOL_END
        return _ALPHA_DIGIT, None
    elif state == _DIGIT_STATE:
        if digit:
            return (_ALPHA_DIGIT if letter else _DIGIT_STATE), _NUMBER_END
        if cl & (_DIGIT | _OTHER):
            return _OTHER_CHARS, _SYMBOL_END
        if letter:
            return _MARKER, _NUMBER_END
        if cl & (_EXT | _SLASH | _SIGN):
            return _DIGIT_STATE, _NUMBER_END
        if cl & _DOT:
            return _DOT_DIGIT, _NUMBER_END
    elif state == _MARKER:
        if letter:
            return _OTHER_CHARS, _SYMBOL_END
        return _DIGIT_STATE, None
    return _QUOTE, None


def bar_quote(name: str) -> str:
    """NAME between vertical bars, with | and \\ escaped."""
    if "|" in name or "\\" in name:
        name = name.replace("\\", "\\\\").replace("|", "\\|")
    return "|" + name + "|"


def _capitalize(name: str, readtable_case: str) -> str:
    # SBCL's rule. Readtable :UPCASE: a character keeps its case at the
    # start of a word and when it is lowercase; others are downcased.
    # Otherwise a word's first character is upcased and the rest kept.
    # Words are separated by anything ALPHANUMERICP rejects.
    out = []
    prev_not_alnum = True
    up = readtable_case == "UPCASE"
    for c in name:
        if up:
            out.append(c if prev_not_alnum or lower_case_p(c) else char_downcase(c))
        else:
            out.append(char_upcase(c) if prev_not_alnum else c)
        prev_not_alnum = not alphanumericp(c)
    return "".join(out)


def _invert(name: str) -> str:
    upper = any(upper_case_p(c) for c in name)
    lower = any(lower_case_p(c) for c in name)
    if upper and not lower:
        return string_downcase(name)
    if lower and not upper:
        return string_upcase(name)
    return name


def case_text(name: str, print_case: str, readtable_case: str = "UPCASE") -> str:
    """NAME as printed without bars under *PRINT-CASE* PRINT_CASE
    ("UPCASE", "DOWNCASE" or "CAPITALIZE") and the readtable case
    READTABLE_CASE. As in SBCL, *PRINT-CASE* applies under readtable case
    :UPCASE and :DOWNCASE (where it says how to write the letters the
    readtable case would convert anyway); :PRESERVE writes NAME as it is
    and :INVERT inverts a name whose letters all have one case."""
    if readtable_case == "UPCASE":
        if print_case == "UPCASE":
            return name
        if print_case == "DOWNCASE":
            return string_downcase(name)
        return _capitalize(name, readtable_case)
    if readtable_case == "DOWNCASE":
        if print_case == "UPCASE":
            return string_upcase(name)
        if print_case == "DOWNCASE":
            return name
        return _capitalize(name, readtable_case)
    if readtable_case == "PRESERVE":
        return name
    return _invert(name)

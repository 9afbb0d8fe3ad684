"""Character case and names as SBCL defines them, on Python one-character
strings. The primitives in prims/chars.py and prims/strings.py, EQUALP, the
reader (``#\\Name``) and the printer all use these, so that every part of the
system agrees on what a character's case and name are.

Case (SBCL): a character has case only when it is a letter (Lu, Ll or Lt)
whose mapping to the other case is one character that maps back. So ``ß``,
``ı``, ``ς`` and roman numerals have no case, and ``string-upcase`` of
"straße" is "STRAßE", exactly as in SBCL.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from . import charnames as _charnames

__all__ = ["char_upcase", "char_downcase", "upper_case_p", "lower_case_p",
           "both_case_p", "alpha_char_p", "alphanumericp", "graphic_char_p",
           "digit_weight", "char_fold", "string_fold", "string_upcase",
           "string_downcase", "char_name", "name_char", "CHAR_CODE_LIMIT",
           "STANDARD_CHARS"]

CHAR_CODE_LIMIT = 0x110000

STANDARD_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    " \n!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


@lru_cache(maxsize=4096)
def _case(ch: str) -> tuple[str, str, int]:
    """(upcase, downcase, kind) with kind 1 upper, 2 lower, 3 title, 0 none."""
    if ch.isascii():
        if "a" <= ch <= "z":
            return ch.upper(), ch, 2
        if "A" <= ch <= "Z":
            return ch, ch.lower(), 1
        return ch, ch, 0
    cat = unicodedata.category(ch)
    if cat == "Lu":
        lo = ch.lower()
        if len(lo) == 1 and lo != ch and lo.upper() == ch:
            return ch, lo, 1
    elif cat == "Ll":
        up = ch.upper()
        if len(up) == 1 and up != ch and up.lower() == ch:
            return up, ch, 2
    elif cat == "Lt":
        up, lo = ch.upper(), ch.lower()
        if len(up) == 1 and len(lo) == 1:
            return up, lo, 3
    return ch, ch, 0


def char_upcase(ch: str) -> str:
    return _case(ch)[0]


def char_downcase(ch: str) -> str:
    return _case(ch)[1]


def upper_case_p(ch: str) -> bool:
    return _case(ch)[2] == 1


def lower_case_p(ch: str) -> bool:
    return _case(ch)[2] == 2


def both_case_p(ch: str) -> bool:
    return _case(ch)[2] != 0


def char_fold(ch: str) -> str:
    """The representative the case-insensitive comparisons use: two
    characters are CHAR-EQUAL exactly when their folds are equal, and
    CHAR-LESSP orders folds by code. SBCL folds to lower case, so the
    underscore (code 95) is CHAR-LESSP the letter a (code 97)."""
    return _case(ch)[1]


def string_fold(s: str) -> str:
    """``char_fold`` of every character (the key STRING-EQUAL compares)."""
    if s.isascii():
        return s.lower()
    return "".join([_case(c)[1] for c in s])


def string_upcase(s: str) -> str:
    if s.isascii():
        return s.upper()
    return "".join([_case(c)[0] for c in s])


def string_downcase(s: str) -> str:
    if s.isascii():
        return s.lower()
    return "".join([_case(c)[1] for c in s])


def alpha_char_p(ch: str) -> bool:
    if ch.isascii():
        return ch.isalpha()
    return unicodedata.category(ch)[0] == "L"


def alphanumericp(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum()
    cat = unicodedata.category(ch)
    return cat[0] == "L" or cat == "Nd"


def graphic_char_p(ch: str) -> bool:
    c = ord(ch)
    return 32 <= c < 127 or c >= 160


def digit_weight(ch: str, radix: int) -> int | None:
    """The weight of CH as a digit in RADIX (2..36), or None. Decimal
    digits of every script count, as in SBCL; letters only from ASCII."""
    if "0" <= ch <= "9":
        w = ord(ch) - 48
    elif "a" <= ch <= "z":
        w = ord(ch) - 87
    elif "A" <= ch <= "Z":
        w = ord(ch) - 55
    elif ch.isascii():
        return None
    else:
        w = unicodedata.decimal(ch, None)
        if w is None:
            return None
    return w if w < radix else None


# ---------------------------------------------------------------- names
# CHAR-NAME's table (exact for SBCL 2.2's Unicode) lives in charnames.py;
# NAME-CHAR inverts it and adds the aliases SBCL's reader accepts.
_ALIASES = {
    "LINEFEED": 10, "LF": 10, "NL": 10, "NULL": 0, "ESCAPE": 27, "DEL": 127,
    "DELETE": 127, "FF": 12, "FORMFEED": 12, "BS": 8, "CR": 13, "HT": 9,
    "SP": 32, "RUBOUT": 127, "ALTMODE": 27, "ALT": 27,
}


def char_name(ch: str) -> str:
    """CHAR-NAME: SBCL's name for CH ("Space", "LATIN_SMALL_LETTER_A",
    "U4E00" ...). Every character has one."""
    return _charnames.char_name(ord(ch))


@lru_cache(maxsize=1)
def _name_table() -> dict[str, int]:
    t = {_charnames.char_name(c).upper(): c for c in range(161)}
    t.update(_ALIASES)
    return t


def name_char(name: str) -> str | None:
    """NAME-CHAR: the character named NAME (case-insensitive), or None."""
    up = name.upper()
    c = _name_table().get(up)
    if c is not None:
        return chr(c)
    if len(up) > 1 and up[0] == "U":
        digits = up[2:] if up.startswith("U+") else up[1:]
        if digits and all(d in "0123456789ABCDEF" for d in digits):
            code = int(digits, 16)
            if code >= CHAR_CODE_LIMIT:
                from .errors import type_error
                from .objects import cl_sym, lisp_list
                raise type_error(code, lisp_list(cl_sym("MOD"), CHAR_CODE_LIMIT))
            return chr(code)
    if " " in name or len(name) < 2:
        return None
    words = up.replace("_", " ")
    for candidate in (words, words[len("UNICODE "):] if words.startswith("UNICODE ") else None):
        if candidate is None:
            continue
        try:
            ch = unicodedata.lookup(candidate)
        except KeyError:
            continue
        # a named sequence is not a character; a name SBCL does not use is no name
        if len(ch) == 1 and char_name(ch).upper() == up:
            return ch
    return None

"""Characters: comparison (CHAR= ... CHAR-NOT-LESSP, any number of
arguments), codes and names, case, and the character predicates. Case and
names follow SBCL (see lisp/characters.py): CHAR-UPCASE of #\\ß is #\\ß, the
name of #\\a is "LATIN_SMALL_LETTER_A".
"""
from __future__ import annotations

import operator

from .. import characters as chars
from ..dynamic import defvar
from ..errors import type_error
from ..functions import defun, designator_string
from ..objects import NIL, T, Char, LString, Symbol, cl_sym, lisp_list, make_char
from .seqbase import S_CHAR

__all__ = ["char_arg"]

CHAR_CODE_LIMIT = chars.CHAR_CODE_LIMIT
defvar("CHAR-CODE-LIMIT", CHAR_CODE_LIMIT, constant=True)

_CODE_TYPE = lisp_list(cl_sym("MOD"), CHAR_CODE_LIMIT)
_RADIX_TYPE = lisp_list(cl_sym("INTEGER"), 2, 36)


def char_arg(x) -> str:
    """The Python one-character string of a Lisp character argument."""
    if type(x) is not Char:
        raise type_error(x, S_CHAR)
    return x.ch


def _radix(radix) -> int:
    if type(radix) is not int or not 2 <= radix <= 36:
        raise type_error(radix, _RADIX_TYPE)
    return radix


# ---------------------------------------------------------------- comparison
def _codes(args, fold: bool) -> list:
    if fold:
        return [ord(chars.char_fold(char_arg(c))) for c in args]
    return [ord(char_arg(c)) for c in args]


def _define_comparison(name: str, relation: str, fold: bool, doc: str):
    if relation == "/=":
        def compare(*characters):
            codes = _codes(characters, fold)
            return T if len(set(codes)) == len(codes) else NIL
    else:
        op = {"=": operator.eq, "<": operator.lt, ">": operator.gt,
              "<=": operator.le, ">=": operator.ge}[relation]

        def compare(*characters):
            codes = _codes(characters, fold)
            for a, b in zip(codes, codes[1:]):
                if not op(a, b):
                    return NIL
            return T
    compare.__doc__ = doc
    defun(name, "character &rest more-characters", pure=True)(compare)


for _name, _rel, _fold, _doc in (
        ("CHAR=", "=", False, "Return T if all of the arguments are the same character."),
        ("CHAR/=", "/=", False, "Return T if no two of the arguments are the same character."),
        ("CHAR<", "<", False, "Return T if the arguments are in strictly increasing alphabetic order."),
        ("CHAR>", ">", False, "Return T if the arguments are in strictly decreasing alphabetic order."),
        ("CHAR<=", "<=", False, "Return T if the arguments are in strictly non-decreasing alphabetic order."),
        ("CHAR>=", ">=", False, "Return T if the arguments are in strictly non-increasing alphabetic order."),
        ("CHAR-EQUAL", "=", True, "Return T if all of the arguments are the same character.\nCase is ignored."),
        ("CHAR-NOT-EQUAL", "/=", True, "Return T if no two of the arguments are the same character.\nCase is ignored."),
        ("CHAR-LESSP", "<", True, "Return T if the arguments are in strictly increasing alphabetic order.\nCase is ignored."),
        ("CHAR-GREATERP", ">", True, "Return T if the arguments are in strictly decreasing alphabetic order.\nCase is ignored."),
        ("CHAR-NOT-GREATERP", "<=", True, "Return T if the arguments are in strictly non-decreasing alphabetic order.\nCase is ignored."),
        ("CHAR-NOT-LESSP", ">=", True, "Return T if the arguments are in strictly non-increasing alphabetic order.\nCase is ignored.")):
    _define_comparison(_name, _rel, _fold, _doc)


# ---------------------------------------------------------------- codes and names
@defun("CHARACTERP", "object", pure=True)
def characterp(x):
    """Return true if OBJECT is a CHARACTER, and NIL otherwise."""
    return T if type(x) is Char else NIL


@defun("CHAR-CODE", "char", pure=True)
def char_code(c):
    """Return the integer code of CHAR."""
    return ord(char_arg(c))


@defun("CHAR-INT", "char", pure=True)
def char_int(c):
    """Return the integer code of CHAR. (In SBCL this is the same as
    CHAR-CODE, as there are no character bits or fonts.)"""
    return ord(char_arg(c))


@defun("CODE-CHAR", "code", pure=True)
def code_char(code):
    """Return the character with the code CODE."""
    if type(code) is not int or not 0 <= code < CHAR_CODE_LIMIT:
        raise type_error(code, _CODE_TYPE)
    return make_char(chr(code))


@defun("CHARACTER", "object", pure=True)
def character(x):
    """Coerce OBJECT into a CHARACTER if possible. Legal inputs are characters,
    strings and symbols of length 1."""
    if type(x) is Char:
        return x
    if isinstance(x, (LString, Symbol)):
        s = designator_string(x)
        if len(s) == 1:
            return make_char(s)
    raise type_error(x, lisp_list(cl_sym("OR"), cl_sym("STRING"), cl_sym("SYMBOL"),
                                  S_CHAR))


@defun("CHAR-NAME", "char")
def char_name(c):
    """Return the name (a STRING) for a CHARACTER object."""
    return LString(chars.char_name(char_arg(c)))


@defun("NAME-CHAR", "name", pure=True)
def name_char(name):
    """Given an argument acceptable to STRING, NAME-CHAR returns a character
    whose name is that string, if one exists. Otherwise, NIL is returned."""
    ch = chars.name_char(designator_string(name))
    return NIL if ch is None else make_char(ch)


# ---------------------------------------------------------------- case
@defun("CHAR-UPCASE", "char", pure=True)
def char_upcase(c):
    """Return CHAR converted to upper-case if that is possible. Don't convert
    lowercase eszet (U+DF)."""
    return make_char(chars.char_upcase(char_arg(c)))


@defun("CHAR-DOWNCASE", "char", pure=True)
def char_downcase(c):
    """Return CHAR converted to lower-case if that is possible."""
    return make_char(chars.char_downcase(char_arg(c)))


def _define_predicate(name: str, test, doc: str):
    def predicate(c):
        return T if test(char_arg(c)) else NIL
    predicate.__doc__ = doc
    defun(name, "char", pure=True)(predicate)


for _name, _test, _doc in (
        ("UPPER-CASE-P", chars.upper_case_p,
         "The argument must be a character object; UPPER-CASE-P returns T if the\n"
         "argument is an upper-case character, NIL otherwise."),
        ("LOWER-CASE-P", chars.lower_case_p,
         "The argument must be a character object; LOWER-CASE-P returns T if the\n"
         "argument is a lower-case character, NIL otherwise."),
        ("BOTH-CASE-P", chars.both_case_p,
         "The argument must be a character object. BOTH-CASE-P returns T if the\n"
         "argument is an alphabetic character and if the character exists in both\n"
         "upper and lower case."),
        ("ALPHA-CHAR-P", chars.alpha_char_p,
         "The argument must be a character object. ALPHA-CHAR-P returns T if the\n"
         "argument is an alphabetic character, A-Z or a-z; otherwise NIL."),
        ("ALPHANUMERICP", chars.alphanumericp,
         "Given a character-object argument, ALPHANUMERICP returns T if the argument\n"
         "is either numeric or alphabetic."),
        ("GRAPHIC-CHAR-P", chars.graphic_char_p,
         "The argument must be a character object. GRAPHIC-CHAR-P returns T if the\n"
         "argument is a printing character (space through ~ in ASCII), otherwise\n"
         "returns NIL."),
        ("STANDARD-CHAR-P", lambda ch: ch in chars.STANDARD_CHARS,
         "The argument must be a character object. STANDARD-CHAR-P returns T if the\n"
         "argument is a standard character -- one of the 95 ASCII printing characters\n"
         "or <return>.")):
    _define_predicate(_name, _test, _doc)


# ---------------------------------------------------------------- digits
@defun("DIGIT-CHAR-P", "char &optional radix", pure=True)
def digit_char_p(c, radix=10):
    """If char is a digit in the specified radix, returns the fixnum for which
    that digit stands, else returns NIL."""
    ch = char_arg(c)
    w = chars.digit_weight(ch, _radix(radix))
    return NIL if w is None else w


@defun("DIGIT-CHAR", "weight &optional radix", pure=True)
def digit_char(weight, radix=10):
    """All arguments must be integers. Returns a character object that
    represents a digit of the given weight in the specified radix. Returns
    NIL if no such character exists."""
    r = _radix(radix)
    if type(weight) is not int or weight < 0:
        raise type_error(weight, cl_sym("UNSIGNED-BYTE"))
    if weight >= r:
        return NIL
    return make_char("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[weight])

"""Strings: CHAR and SCHAR (and their setf functions), STRING, the
comparisons STRING= ... STRING-NOT-LESSP with :start1/:end1/:start2/:end2,
case conversion (STRING-UPCASE ... NSTRING-CAPITALIZE), trimming, and
MAKE-STRING.

Most functions accept any string designator (a string, a symbol, a
character); the destructive ones need a real string. The inequalities
return the index in the first string where the strings differ, or NIL.
Case-insensitive comparison folds characters to lower case, as SBCL does.
"""
from __future__ import annotations

from .. import characters as chars
from ..arraydata import (check_allocation, invalid_index_error, is_simple_array, upgrade_element_type,
                         is_character_type, S_CHARACTER)
from ..errors import lisp_error, simple_error, type_error
from ..functions import defun
from ..objects import NIL, T, Char, LString, Symbol, cl_sym, lisp_list, make_char
from .seqbase import S_STRING, INDEX_TYPE, bounds, seq_items

__all__ = ["string_designator"]

_DESIGNATOR_TYPE = lisp_list(cl_sym("OR"), S_STRING, cl_sym("SYMBOL"), S_CHARACTER)
_SIMPLE_STRING = cl_sym("SIMPLE-STRING")


def string_designator(x) -> str:
    """The Python string a string designator stands for."""
    if isinstance(x, LString):
        return x.value
    if type(x) is Symbol:
        return x.name
    if type(x) is Char:
        return x.ch
    raise lisp_error("SIMPLE-TYPE-ERROR", "~S is not a string designator.", x,
                     datum=x, expected_type=_DESIGNATOR_TYPE)


def _string(x) -> LString:
    if not isinstance(x, LString):
        raise type_error(x, S_STRING)
    return x


# ---------------------------------------------------------------- CHAR, SCHAR
def _char_index(s: LString, index) -> int:
    n = len(s.data)
    if type(index) is not int or not 0 <= index < n:
        if type(index) is not int:
            raise type_error(index, INDEX_TYPE)
        raise invalid_index_error(s, index, n)
    return index


def _simple_string(x) -> LString:
    if not isinstance(x, LString) or not is_simple_array(x):
        raise type_error(x, _SIMPLE_STRING)
    return x


@defun("CHAR", "string index", pure=True)
def char(string, index):
    """Given a string and a non-negative integer index less than the length of
    the string, returns the character object representing the character at
    that position in the string."""
    s = _string(string)
    return make_char(s.data[_char_index(s, index)])


@defun("SCHAR", "string index", pure=True)
def schar(string, index):
    """SCHAR returns the character object at an indexed position in a
    simple string."""
    s = _simple_string(string)
    return make_char(s.data[_char_index(s, index)])


def _store_char(s: LString, index, new):
    if type(new) is not Char:
        raise type_error(new, S_CHARACTER)
    s.set_char(_char_index(s, index), new.ch)
    return new


@defun("CHAR", "new-value string index", setf=True)
def set_char(new, string, index):
    """Store the character NEW-VALUE at INDEX of STRING."""
    return _store_char(_string(string), index, new)


@defun("SCHAR", "new-value string index", setf=True)
def set_schar(new, string, index):
    """Store the character NEW-VALUE at INDEX of the simple string STRING."""
    return _store_char(_simple_string(string), index, new)


# ---------------------------------------------------------------- STRING, predicates
@defun("STRING", "x")
def string(x):
    """Coerces X into a string. If X is a string, X is returned. If X is a
    symbol, its name is returned. If X is a character then a one element
    string containing that character is returned. If X cannot be coerced
    into a string, an error occurs."""
    if isinstance(x, LString):
        return x
    return LString(string_designator(x))


@defun("STRINGP", "object", pure=True)
def stringp(x):
    """Return true if OBJECT is a STRING, and NIL otherwise."""
    return T if isinstance(x, LString) else NIL


@defun("SIMPLE-STRING-P", "object", pure=True)
def simple_string_p(x):
    """Return true if OBJECT is a SIMPLE-STRING, and NIL otherwise."""
    return T if isinstance(x, LString) and is_simple_array(x) else NIL


@defun("MAKE-STRING", "size &key initial-element element-type")
def make_string(size, initial_element=None, element_type=None):
    """Given a character count and an optional fill character, makes and
    returns a new string COUNT long filled with the fill character."""
    if type(size) is not int or size < 0:
        raise type_error(size, INDEX_TYPE)
    check_allocation(size)
    etype = S_CHARACTER if element_type is None else upgrade_element_type(element_type)
    if not is_character_type(etype):
        raise simple_error("~S is not a valid :ELEMENT-TYPE for MAKE-STRING", element_type)
    if initial_element is None:
        fill = "\0"
    elif type(initial_element) is Char:
        fill = initial_element.ch
    else:
        raise type_error(initial_element, S_CHARACTER)
    return LString(fill * size, element_type=etype)


# ---------------------------------------------------------------- comparison
def _ranges(string1, string2, start1, end1, start2, end2, fold: bool):
    """(part1, part2, start1) of the compared parts, folded if FOLD."""
    s1, s2 = string_designator(string1), string_designator(string2)
    a1, b1 = bounds(string1, start1, end1, len(s1))
    a2, b2 = bounds(string2, start2, end2, len(s2))
    x, y = s1[a1:b1], s2[a2:b2]
    if fold:
        x, y = chars.string_fold(x), chars.string_fold(y)
    return x, y, a1


def _mismatch(x: str, y: str) -> int:
    if x == y:
        return len(x)
    n = min(len(x), len(y))
    i = 0
    while i < n and x[i] == y[i]:
        i += 1
    return i


def _relation(x: str, y: str, relation: str):
    """The index (relative to the parts) where RELATION holds, or None."""
    i = _mismatch(x, y)
    nx, ny = len(x), len(y)
    if relation == "=":
        return 0 if nx == ny == i else None
    if relation == "/=":
        return None if nx == ny == i else i
    if relation in ("<", "<="):
        if i == nx:
            return i if (nx < ny or relation == "<=") else None
        if i == ny:
            return None
        return i if x[i] < y[i] else None
    if i == ny:
        return i if (nx > ny or relation == ">=") else None
    if i == nx:
        return None
    return i if x[i] > y[i] else None


_COMPARE_LL = "string1 string2 &key start1 end1 start2 end2"


def _define_comparison(name: str, relation: str, fold: bool, doc: str):
    def compare(string1, string2, start1=None, end1=None, start2=None, end2=None):
        x, y, a1 = _ranges(string1, string2, start1, end1, start2, end2, fold)
        i = _relation(x, y, relation)
        if i is None:
            return NIL
        return T if relation == "=" else a1 + i
    compare.__doc__ = doc
    defun(name, _COMPARE_LL, pure=True)(compare)


for _name, _rel, _fold, _doc in (
        ("STRING=", "=", False,
         "Given two strings (string1 and string2), and optional integers start1,\n"
         "start2, end1 and end2, compares characters in string1 to characters in\n"
         "string2 (using char=)."),
        ("STRING/=", "/=", False,
         "Given two strings, if the first string is not lexicographically equal\n"
         "to the second string, returns the longest common prefix (using char=)\n"
         "of the two strings. Otherwise, returns ()."),
        ("STRING<", "<", False,
         "Given two strings, if the first string is lexicographically less than\n"
         "the second string, returns the longest common prefix (using char=)\n"
         "of the two strings. Otherwise, returns ()."),
        ("STRING>", ">", False,
         "Given two strings, if the first string is lexicographically greater than\n"
         "the second string, returns the longest common prefix (using char=)\n"
         "of the two strings. Otherwise, returns ()."),
        ("STRING<=", "<=", False,
         "Given two strings, if the first string is lexicographically less than\n"
         "or equal to the second string, returns the longest common prefix\n"
         "(using char=) of the two strings. Otherwise, returns ()."),
        ("STRING>=", ">=", False,
         "Given two strings, if the first string is lexicographically greater\n"
         "than or equal to the second string, returns the longest common prefix\n"
         "(using char=) of the two strings. Otherwise, returns ()."),
        ("STRING-EQUAL", "=", True,
         "Given two strings (string1 and string2), and optional integers start1,\n"
         "start2, end1 and end2, compares characters in string1 to characters in\n"
         "string2 (using char-equal)."),
        ("STRING-NOT-EQUAL", "/=", True,
         "Given two strings, if the first string is not lexicographically equal\n"
         "to the second string, returns the longest common prefix (using\n"
         "char-equal) of the two strings. Otherwise, returns ()."),
        ("STRING-LESSP", "<", True,
         "Given two strings, if the first string is lexicographically less than\n"
         "the second string, returns the longest common prefix (using\n"
         "char-equal) of the two strings. Otherwise, returns ()."),
        ("STRING-GREATERP", ">", True,
         "Given two strings, if the first string is lexicographically greater than\n"
         "the second string, returns the longest common prefix (using\n"
         "char-equal) of the two strings. Otherwise, returns ()."),
        ("STRING-NOT-GREATERP", "<=", True,
         "Given two strings, if the first string is lexicographically less than\n"
         "or equal to the second string, returns the longest common prefix\n"
         "(using char-equal) of the two strings. Otherwise, returns ()."),
        ("STRING-NOT-LESSP", ">=", True,
         "Given two strings, if the first string is lexicographically greater\n"
         "than or equal to the second string, returns the longest common prefix\n"
         "(using char-equal) of the two strings. Otherwise, returns ().")):
    _define_comparison(_name, _rel, _fold, _doc)


# ---------------------------------------------------------------- case
def _capitalize(s: str) -> str:
    """Upcase the first character of each run of alphanumerics (a word),
    downcase the rest of the run."""
    out = []
    in_word = False
    for ch in s:
        if chars.alphanumericp(ch):
            out.append(chars.char_downcase(ch) if in_word else chars.char_upcase(ch))
            in_word = True
        else:
            out.append(ch)
            in_word = False
    return "".join(out)


def _define_case(name: str, convert, doc: str):
    def fresh(string, start=None, end=None):
        s = string_designator(string)
        a, b = bounds(string, start, end, len(s))
        return LString(s[:a] + convert(s[a:b]) + s[b:])

    def destructive(string, start=None, end=None):
        s = _string(string)
        v = s.value
        a, b = bounds(s, start, end, len(v))
        d = s.data
        s.data = d[:a] + convert(d[a:b]) + d[b:]
        return s
    fresh.__doc__ = doc
    destructive.__doc__ = doc.replace("Return a new string", "Destructively convert STRING,")
    defun(name, "string &key start end")(fresh)
    defun("N" + name, "string &key start end")(destructive)


_define_case("STRING-UPCASE", chars.string_upcase,
             "Return a new string like STRING with the characters from START to END\n"
             "converted to upper case.")
_define_case("STRING-DOWNCASE", chars.string_downcase,
             "Return a new string like STRING with the characters from START to END\n"
             "converted to lower case.")
_define_case("STRING-CAPITALIZE", _capitalize,
             "Return a new string like STRING with, from START to END, the first\n"
             "character of every word in upper case and the others in lower case.\n"
             "A word is a maximal run of alphanumeric characters.")


# ---------------------------------------------------------------- trimming
def _bag(char_bag) -> set:
    return {c.ch for c in seq_items(char_bag) if type(c) is Char}


@defun("STRING-TRIM", "char-bag string")
def string_trim(char_bag, string):
    """Return a copy of STRING with the characters in CHAR-BAG removed from
    both ends."""
    bag = "".join(_bag(char_bag))
    return LString(string_designator(string).strip(bag) if bag else string_designator(string))


@defun("STRING-LEFT-TRIM", "char-bag string")
def string_left_trim(char_bag, string):
    """Return a copy of STRING with the characters in CHAR-BAG removed from
    its beginning."""
    bag = "".join(_bag(char_bag))
    return LString(string_designator(string).lstrip(bag) if bag else string_designator(string))


@defun("STRING-RIGHT-TRIM", "char-bag string")
def string_right_trim(char_bag, string):
    """Return a copy of STRING with the characters in CHAR-BAG removed from
    its end."""
    bag = "".join(_bag(char_bag))
    return LString(string_designator(string).rstrip(bag) if bag else string_designator(string))

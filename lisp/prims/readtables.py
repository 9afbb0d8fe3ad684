"""The readtable functions of CLHS 23: COPY-READTABLE, READTABLE-CASE,
the macro character functions, SET-SYNTAX-FROM-CHAR and
READ-DELIMITED-LIST. The readtable itself is lisp/readtable.py; the reader
that uses it is lisp/reader_chars.py.

As in SBCL, a readtable argument of NIL means the standard readtable, and
changing the standard readtable (the one WITH-STANDARD-IO-SYNTAX binds)
signals SB-INT:STANDARD-READTABLE-MODIFIED-ERROR.
"""
from __future__ import annotations

from ..characters import char_upcase
from ..conditions import CLASSES, condition_class, slot_value
from ..dynamic import symbol_value
from ..errors import simple_error, type_error
from ..functions import Function, defun
from ..objects import MV, NIL, T, Char, Symbol, keyword, lisp_list, cl_sym
from ..reader_chars import current_settings, read_delimited_list as _read_delimited_list
from ..reader_settings import READTABLE
from ..stdstreams import input_stream as designated_input_stream
from ..readtable import (READTABLE_CASES, DispatchFunction, Readtable, check_modifiable,
                         standard_readtable)
from ..types import OTHER_CLASS_OF

OTHER_CLASS_OF[Readtable] = lambda x: CLASSES[cl_sym("READTABLE")]

_CASE_TYPE = lisp_list(cl_sym("MEMBER"), *[keyword(c) for c in READTABLE_CASES])


def _report_modified(c, stream):
    from ..printer import prin1_to_string
    stream.write("%s would modify the standard readtable.\nSee also:\n"
                 "  The ANSI Standard, Section 2.1.1.2\n"
                 '  The ANSI Standard, Glossary entry for "standard readtable"'
                 % prin1_to_string(slot_value(c, "OPERATION")))


condition_class("SB-INT:STANDARD-READTABLE-MODIFIED-ERROR", ["ERROR"],
                [("OPERATION", "OPERATION")], _report_modified)


# ---------------------------------------------------------------- arguments
def _readtable(designator, default_current: bool = True) -> Readtable:
    """A readtable argument: unsupplied (None) means *READTABLE*, NIL the
    standard readtable."""
    if designator is None:
        if default_current:
            designator = symbol_value(READTABLE)
            if type(designator) is not Readtable:
                raise type_error(designator, "READTABLE")
            return designator
        return standard_readtable()
    if designator is NIL:
        return standard_readtable()
    if type(designator) is not Readtable:
        raise type_error(designator, "(OR READTABLE NULL)")
    return designator


def _modifiable(designator, operation: str) -> Readtable:
    rt = _readtable(designator)
    check_modifiable(rt, operation)
    return rt


def _char(x) -> str:
    if type(x) is not Char:
        raise type_error(x, "CHARACTER")
    return x.ch


def _function(x):
    if not isinstance(x, (Function, Symbol)):
        raise type_error(x, "(OR FUNCTION SYMBOL)")
    return x


def _dispatch_function(rt: Readtable, char: str) -> DispatchFunction:
    fn, _ = rt.macro_function(char)
    if type(fn) is not DispatchFunction:
        raise simple_error("~S is not a dispatching macro character.", Char(char))
    return fn


# ---------------------------------------------------------------- readtables
@defun("READTABLEP", "object", pure=True)
def readtablep(object):
    """Return T if OBJECT is a READTABLE, and NIL otherwise."""
    return T if type(object) is Readtable else NIL


@defun("COPY-READTABLE", "&optional from-readtable to-readtable")
def copy_readtable(from_readtable=None, to_readtable=NIL):
    """Copy FROM-READTABLE (default *READTABLE*; NIL: the standard
    readtable) into TO-READTABLE, or into a new readtable if TO-READTABLE
    is NIL, and return the copy."""
    source = _readtable(from_readtable)
    if to_readtable is NIL:
        return source.copy()
    if type(to_readtable) is not Readtable:
        raise type_error(to_readtable, "(OR READTABLE NULL)")
    check_modifiable(to_readtable, "COPY-READTABLE")
    if to_readtable is not source:
        to_readtable.replace_with(source)
    return to_readtable


@defun("READTABLE-CASE", "readtable")
def readtable_case(readtable):
    """Return the readtable case of READTABLE: :UPCASE, :DOWNCASE,
    :PRESERVE or :INVERT."""
    if type(readtable) is not Readtable:
        raise type_error(readtable, "READTABLE")
    return keyword(readtable.case)


@defun("READTABLE-CASE", "new-case readtable", setf=True)
def set_readtable_case(new_case, readtable):
    """Set the readtable case of READTABLE, which decides how the reader
    converts the case of unescaped letters in tokens (CLHS 23.1.2) and how
    the printer writes symbol names (CLHS 22.1.3.3.2)."""
    if not (type(new_case) is Symbol and new_case.package is keyword("UPCASE").package
            and new_case.name in READTABLE_CASES):
        raise type_error(new_case, _CASE_TYPE)
    if type(readtable) is not Readtable:
        raise type_error(readtable, "READTABLE")
    check_modifiable(readtable, "(SETF READTABLE-CASE)")
    readtable.set_case(new_case.name)
    return new_case


# ---------------------------------------------------------------- macro characters
@defun("SET-MACRO-CHARACTER", "char new-function &optional non-terminating-p readtable")
def set_macro_character(char, new_function, non_terminating_p=NIL, readtable=None):
    """Make CHAR a macro character in READTABLE (default *READTABLE*): when
    the reader sees it, it calls NEW-FUNCTION with the stream and CHAR, and
    the object returned is what was read (no values: nothing was read). A
    non-terminating macro character is a constituent inside a token."""
    c = _char(char)
    fn = _function(new_function)
    rt = _modifiable(readtable, "SET-MACRO-CHARACTER")
    rt.set_macro(c, fn, non_terminating_p is not NIL)
    return T


@defun("GET-MACRO-CHARACTER", "char &optional readtable", mv=True)
def get_macro_character(char, readtable=None):
    """Return the function associated with the macro character CHAR in
    READTABLE (default *READTABLE*; NIL: the standard readtable), or NIL,
    and as a second value whether CHAR is non-terminating."""
    fn, non_terminating = _readtable(readtable).macro_function(_char(char))
    if fn is None:
        return MV((NIL, NIL))
    return MV((fn, T if non_terminating else NIL))


@defun("MAKE-DISPATCH-MACRO-CHARACTER", "char &optional non-terminating-p readtable")
def make_dispatch_macro_character(char, non_terminating_p=NIL, readtable=None):
    """Make CHAR a dispatching macro character in READTABLE (default
    *READTABLE*), with an empty table of sub-characters."""
    c = _char(char)
    rt = _modifiable(readtable, "MAKE-DISPATCH-MACRO-CHARACTER")
    rt.set_macro(c, DispatchFunction(), non_terminating_p is not NIL)
    return T


@defun("SET-DISPATCH-MACRO-CHARACTER", "disp-char sub-char function &optional readtable")
def set_dispatch_macro_character(disp_char, sub_char, function, readtable=None):
    """Make FUNCTION the function the reader calls, with the stream,
    SUB-CHAR and the decimal argument (or NIL), when DISP-CHAR is followed
    by SUB-CHAR. Case is not significant in SUB-CHAR."""
    d, sub = _char(disp_char), _char(sub_char)
    fn = _function(function)
    rt = _modifiable(readtable, "SET-DISPATCH-MACRO-CHARACTER")
    if "0" <= sub <= "9":
        raise simple_error("SUB-CHAR must not be a decimal digit: ~S", sub_char)
    _dispatch_function(rt, d).set(sub, fn)
    return T


@defun("GET-DISPATCH-MACRO-CHARACTER", "disp-char sub-char &optional readtable")
def get_dispatch_macro_character(disp_char, sub_char, readtable=None):
    """Return the function the reader calls when DISP-CHAR is followed by
    SUB-CHAR in READTABLE (default *READTABLE*; NIL: the standard
    readtable), or NIL."""
    d, sub = _char(disp_char), _char(sub_char)
    table = _dispatch_function(_readtable(readtable), d).table
    if "0" <= sub <= "9":
        return NIL
    return table.get(char_upcase(sub), NIL)


@defun("SET-SYNTAX-FROM-CHAR", "to-char from-char &optional to-readtable from-readtable")
def set_syntax_from_char(to_char, from_char, to_readtable=None, from_readtable=NIL):
    """Give TO-CHAR in TO-READTABLE (default *READTABLE*) the syntax type of
    FROM-CHAR in FROM-READTABLE (default: the standard readtable), with its
    macro function and a copy of its dispatch table."""
    to_c, from_c = _char(to_char), _char(from_char)
    source = _readtable(from_readtable)
    rt = _modifiable(to_readtable, "SET-SYNTAX-FROM-CHAR")
    rt.set_syntax_from(to_c, source, from_c)
    return T


# ---------------------------------------------------------------- reading
@defun("READ-DELIMITED-LIST", "char &optional input-stream recursive-p")
def read_delimited_list(char, input_stream=NIL, recursive_p=NIL):
    """Read objects from INPUT-STREAM (NIL: *STANDARD-INPUT*, T:
    *TERMINAL-IO*) up to
    the character CHAR, which must not be whitespace[2] and should be a
    terminating macro character, and return them as a list."""
    c = _char(char)
    stream = designated_input_stream(input_stream)
    return _read_delimited_list(c, stream, current_settings(stream), recursive_p is not NIL)

"""Documentation strings that live in a table rather than on an object:
those of variables (given to DEFVAR, DEFPARAMETER, DEFCONSTANT) and those
set with (SETF DOCUMENTATION) for names with no object to hold them.
Functions, macros, classes and types keep theirs on the object
(LambdaInfo.doc, LispClass.doc). DOCUMENTATION is in lisp/prims/docs.py."""
from __future__ import annotations

from .objects import LString, Symbol

DOCS: dict[tuple, str] = {}


def record_variable_doc(name, doc):
    """Remember the docstring DOC (a Lisp string, or anything else for none)
    of the variable NAME, as its definer received it."""
    if isinstance(name, Symbol) and isinstance(doc, LString):
        DOCS[(name, "VARIABLE")] = doc.value

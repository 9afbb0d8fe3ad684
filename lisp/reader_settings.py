"""The reader's special variables and the snapshot of them one read uses.

Both readers (the fast path in reader.py and the character-level reader in
reader_chars.py) read in the dynamic environment current when they start:
*PACKAGE*, *READ-BASE*, *READ-DEFAULT-FLOAT-FORMAT*, *READ-EVAL*,
*READ-SUPPRESS* and *READTABLE*. A reader macro that binds one of them and
reads recursively starts a new snapshot.
"""
from __future__ import annotations

from .dynamic import symbol_value
from .objects import (CL, CL_USER, NIL, SPECIAL, T, UNBOUND, Package, cl_sym, iter_list,
                      keyword, lisp_list)
from .readtable import Readtable, standard_readtable

__all__ = ["ReadSettings", "features", "PACKAGE", "READ_BASE", "READ_EVAL", "READ_SUPPRESS",
           "READ_DEFAULT_FLOAT_FORMAT", "READTABLE", "FEATURES", "STANDARD_INPUT"]


def _defvar_unless_bound(name: str, value):
    """Proclaim CL:NAME special with VALUE, keeping a value another module
    gave it first."""
    sym = cl_sym(name)
    sym.flags |= SPECIAL
    if sym.value is UNBOUND:
        sym.value = value
    return sym


PACKAGE = _defvar_unless_bound("*PACKAGE*", CL_USER)
READ_BASE = _defvar_unless_bound("*READ-BASE*", 10)
READ_EVAL = _defvar_unless_bound("*READ-EVAL*", T)
READ_DEFAULT_FLOAT_FORMAT = _defvar_unless_bound("*READ-DEFAULT-FLOAT-FORMAT*",
                                                 cl_sym("SINGLE-FLOAT"))
READ_SUPPRESS = _defvar_unless_bound("*READ-SUPPRESS*", NIL)
FEATURES = _defvar_unless_bound("*FEATURES*", lisp_list(
    keyword("COMMON-LISP"), keyword("CEK-LISP"), keyword("ANSI-CL")))
READTABLE = cl_sym("*READTABLE*")
READTABLE.flags |= SPECIAL
STANDARD_INPUT = cl_sym("*STANDARD-INPUT*")
_DOUBLE_FORMATS = (cl_sym("DOUBLE-FLOAT"), cl_sym("LONG-FLOAT"))


class ReadSettings:
    """The dynamic environment a datum is read in."""
    __slots__ = ("package", "base", "double_default", "read_eval", "suppress", "readtable")

    def __init__(self, package, base, double_default, read_eval, suppress, readtable):
        self.package = package
        self.base = base
        self.double_default = double_default
        self.read_eval = read_eval
        self.suppress = suppress
        self.readtable: Readtable = readtable

    @staticmethod
    def current() -> "ReadSettings | str":
        """The settings now in effect, or a message saying which is invalid."""
        package = symbol_value(PACKAGE)
        if not isinstance(package, Package):
            return "The value of *PACKAGE* is not a package."
        base = symbol_value(READ_BASE)
        if type(base) is not int or not 2 <= base <= 36:
            return "The value of *READ-BASE* is not a radix between 2 and 36."
        readtable = symbol_value(READTABLE)
        if type(readtable) is not Readtable:
            return "The value of *READTABLE* is not a readtable."
        return ReadSettings(package, base,
                            symbol_value(READ_DEFAULT_FLOAT_FORMAT) in _DOUBLE_FORMATS,
                            symbol_value(READ_EVAL) is not NIL,
                            symbol_value(READ_SUPPRESS) is not NIL, readtable)

    @staticmethod
    def standard() -> "ReadSettings":
        """Standard syntax in the COMMON-LISP package (for type specifiers
        named by primitives)."""
        return ReadSettings(CL, 10, False, False, False, standard_readtable())

    def but(self, **changes) -> "ReadSettings":
        """A copy with CHANGES made."""
        s = ReadSettings(self.package, self.base, self.double_default, self.read_eval,
                         self.suppress, self.readtable)
        for name, value in changes.items():
            setattr(s, name, value)
        return s


def features() -> set:
    return set(iter_list(symbol_value(FEATURES)))

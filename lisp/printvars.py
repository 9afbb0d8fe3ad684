"""The printer control variables: their definitions with SBCL's defaults,
the snapshot one print takes of them, and binding them from Python.

``sbcl --script`` runs with *PRINT-PRETTY* T, as its REPL does, so that is
our default too.
"""
from __future__ import annotations

from .dynamic import MISSING, defvar, state, symbol_value
from .errors import type_error
from .objects import CL_USER, NIL, T, UNBOUND, Package, Symbol, cl_sym, keyword, lisp_list
from .readtable import Readtable

__all__ = ["PrintSettings", "Bindings", "printer_bindings", "PRINTER_VARIABLES",
           "PRINT_ESCAPE", "PRINT_READABLY", "PRINT_BASE", "PRINT_RADIX", "PRINT_CASE",
           "PRINT_LEVEL", "PRINT_LENGTH", "PRINT_CIRCLE", "PRINT_GENSYM", "PRINT_ARRAY",
           "PRINT_PRETTY", "READ_DEFAULT_FLOAT_FORMAT", "READ_EVAL", "PACKAGE"]


def _defvar_unless_bound(name: str, value) -> Symbol:
    """Proclaim the CL variable NAME special, giving it VALUE unless another
    module already gave it one."""
    sym = cl_sym(name)
    defvar(name, value if sym.value is UNBOUND else sym.value)
    return sym


PRINT_ESCAPE = _defvar_unless_bound("*PRINT-ESCAPE*", T)
PRINT_READABLY = _defvar_unless_bound("*PRINT-READABLY*", NIL)
PRINT_BASE = _defvar_unless_bound("*PRINT-BASE*", 10)
PRINT_RADIX = _defvar_unless_bound("*PRINT-RADIX*", NIL)
PRINT_CASE = _defvar_unless_bound("*PRINT-CASE*", keyword("UPCASE"))
PRINT_LEVEL = _defvar_unless_bound("*PRINT-LEVEL*", NIL)
PRINT_LENGTH = _defvar_unless_bound("*PRINT-LENGTH*", NIL)
PRINT_CIRCLE = _defvar_unless_bound("*PRINT-CIRCLE*", NIL)
PRINT_GENSYM = _defvar_unless_bound("*PRINT-GENSYM*", T)
PRINT_ARRAY = _defvar_unless_bound("*PRINT-ARRAY*", T)
PRINT_PRETTY = _defvar_unless_bound("*PRINT-PRETTY*", T)
PRINT_LINES = _defvar_unless_bound("*PRINT-LINES*", NIL)
PRINT_RIGHT_MARGIN = _defvar_unless_bound("*PRINT-RIGHT-MARGIN*", NIL)
PRINT_MISER_WIDTH = _defvar_unless_bound("*PRINT-MISER-WIDTH*", NIL)
READ_DEFAULT_FLOAT_FORMAT = _defvar_unless_bound("*READ-DEFAULT-FLOAT-FORMAT*",
                                                 cl_sym("SINGLE-FLOAT"))
READ_EVAL = _defvar_unless_bound("*READ-EVAL*", T)
PACKAGE = _defvar_unless_bound("*PACKAGE*", CL_USER)
READTABLE = cl_sym("*READTABLE*")

# WRITE's keyword arguments (Python spelling) and the variables they bind.
PRINTER_VARIABLES = {
    "escape": PRINT_ESCAPE, "readably": PRINT_READABLY, "base": PRINT_BASE,
    "radix": PRINT_RADIX, "case": PRINT_CASE, "level": PRINT_LEVEL, "length": PRINT_LENGTH,
    "circle": PRINT_CIRCLE, "gensym": PRINT_GENSYM, "array": PRINT_ARRAY,
    "pretty": PRINT_PRETTY, "lines": PRINT_LINES, "right_margin": PRINT_RIGHT_MARGIN,
    "miser_width": PRINT_MISER_WIDTH, "package": PACKAGE,
    "pprint_dispatch": cl_sym("*PRINT-PPRINT-DISPATCH*"),
}

_CASES = {keyword("UPCASE"): "UPCASE", keyword("DOWNCASE"): "DOWNCASE",
          keyword("CAPITALIZE"): "CAPITALIZE"}
_DOUBLE_FORMATS = (cl_sym("DOUBLE-FLOAT"), cl_sym("LONG-FLOAT"))
_BASE_TYPE = lisp_list(cl_sym("INTEGER"), 2, 36)


class PrintSettings:
    """The printer variables as one print sees them. Under *PRINT-READABLY*
    escaping and arrays are on and *PRINT-LEVEL*/*PRINT-LENGTH* are off."""
    __slots__ = ("escape", "readably", "base", "radix", "case", "level", "length",
                 "circle", "gensym", "array", "pretty", "single_default", "read_eval",
                 "package", "readtable_case")

    @staticmethod
    def current() -> "PrintSettings":
        s = PrintSettings()
        readably = symbol_value(PRINT_READABLY) is not NIL
        s.readably = readably
        s.escape = readably or symbol_value(PRINT_ESCAPE) is not NIL
        base = symbol_value(PRINT_BASE)
        if type(base) is not int or not 2 <= base <= 36:
            raise type_error(base, _BASE_TYPE)
        s.base = base
        s.radix = symbol_value(PRINT_RADIX) is not NIL
        s.case = _CASES.get(symbol_value(PRINT_CASE), "UPCASE")
        level, length = symbol_value(PRINT_LEVEL), symbol_value(PRINT_LENGTH)
        s.level = level if type(level) is int and level >= 0 and not readably else None
        s.length = length if type(length) is int and length >= 0 and not readably else None
        s.circle = symbol_value(PRINT_CIRCLE) is not NIL
        s.gensym = symbol_value(PRINT_GENSYM) is not NIL
        s.array = readably or symbol_value(PRINT_ARRAY) is not NIL
        s.pretty = symbol_value(PRINT_PRETTY) is not NIL
        s.single_default = symbol_value(READ_DEFAULT_FLOAT_FORMAT) not in _DOUBLE_FORMATS
        s.read_eval = symbol_value(READ_EVAL) is not NIL
        package = symbol_value(PACKAGE)
        s.package = package if isinstance(package, Package) else CL_USER
        # CLHS 22.1.3.3.2: symbol names print for the current readtable's
        # case; readably, for the standard readtable's.
        readtable = symbol_value(READTABLE)
        s.readtable_case = ("UPCASE" if readably or type(readtable) is not Readtable
                            else readtable.case)
        return s

    def copy(self, **changes) -> "PrintSettings":
        s = PrintSettings()
        for name in PrintSettings.__slots__:
            setattr(s, name, changes.get(name, getattr(self, name)))
        return s


class Bindings:
    """Bind special variables in the running process's dynamic environment
    for the extent of a ``with`` block, as LET binds specials. PAIRS is a
    list of (symbol, value)."""
    __slots__ = ("pairs", "dyn", "saved")

    def __init__(self, pairs):
        self.pairs = pairs

    def __enter__(self):
        # Restore into this same dict even if the scheduler swapped
        # state.dyn meanwhile (a nested run inside a print).
        dyn = self.dyn = state.dyn
        self.saved = [(sym, dyn.get(sym, MISSING)) for sym, _ in self.pairs]
        for sym, value in self.pairs:
            dyn[sym] = value

    def __exit__(self, *exc):
        dyn = self.dyn
        for sym, old in reversed(self.saved):
            if old is MISSING:
                dyn.pop(sym, None)
            else:
                dyn[sym] = old
        return False


def _lisp_value(name: str, value):
    """VALUE as the variable NAME holds it: Python True/False/None become
    T/NIL; keywords may be given as strings for *PRINT-CASE*."""
    if value is True:
        return T
    if value is False or value is None:
        return NIL
    if name == "case" and isinstance(value, str):
        return keyword(value.upper())
    return value


def printer_bindings(escape=None, **overrides) -> Bindings:
    """A ``with`` context binding the printer variables given by WRITE's
    keyword names (``escape``, ``base``, ``right_margin``, ``package``...)
    to Python or Lisp values. ESCAPE None means leave *PRINT-ESCAPE* alone."""
    pairs = []
    if escape is not None:
        pairs.append((PRINT_ESCAPE, _lisp_value("escape", escape)))
    for name, value in overrides.items():
        sym = PRINTER_VARIABLES.get(name)
        if sym is None:
            raise TypeError(f"write_object: unknown printer variable {name!r}")
        pairs.append((sym, _lisp_value(name, value)))
    return Bindings(pairs)

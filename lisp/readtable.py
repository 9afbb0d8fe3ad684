"""READTABLE objects (CLHS 2.1.1): the syntax type of every character, the
reader macro functions, the dispatch tables and the readtable case.

A readtable maps a character to one of six syntax types (CLHS 2.1.4);
characters not in ``syntax`` are constituents. A macro character's function
is in ``macros``: a function designator called with (stream char), as SBCL
stores it (the standard readtable keeps symbols such as SB-IMPL::READ-LIST
for some characters, and GET-MACRO-CHARACTER returns them as they are). A
dispatching macro character's function is a ``DispatchFunction`` that owns
the table of sub-character functions, called with (stream sub-char arg),
so SET-SYNTAX-FROM-CHAR and COPY-READTABLE copy the table with it.

The reader reads with the standard syntax through a fast path (a scanner
and the lark grammar, reader.py) and with everything else through the
character-level reader (reader_chars.py). ``fast_path`` tells which
characters a datum may contain for the fast path still to read it as this
readtable would.
"""
from __future__ import annotations

from .characters import char_upcase
from .errors import LispError
from .functions import Primitive
from .objects import CL, Package, find_package, keyword, lisp_list, cl_sym

__all__ = ["Readtable", "DispatchFunction", "SB_IMPL", "WHITESPACE", "TERMINATING",
           "NON_TERMINATING", "CONSTITUENT", "SINGLE_ESCAPE", "MULTIPLE_ESCAPE",
           "STANDARD_SYNTAX", "standard_readtable", "install_standard_readtable",
           "check_modifiable", "READTABLE_CASES"]

SB_IMPL = find_package("SB-IMPL") or Package("SB-IMPL", use=[CL])

# Syntax types, ordered as SBCL orders them: a token ends at a character
# whose type is at most TERMINATING (whitespace[2] or terminating macro).
WHITESPACE, TERMINATING, NON_TERMINATING, CONSTITUENT, SINGLE_ESCAPE, MULTIPLE_ESCAPE = range(6)

# CLHS Figure 2-7: the standard syntax types of the characters that are not
# constituents.
STANDARD_SYNTAX: dict[str, int] = {
    **{c: WHITESPACE for c in "\t\n\f\r "},
    **{c: TERMINATING for c in "\"'(),;`"},
    "#": NON_TERMINATING, "\\": SINGLE_ESCAPE, "|": MULTIPLE_ESCAPE,
}

READTABLE_CASES = ("UPCASE", "DOWNCASE", "PRESERVE", "INVERT")

# Bumped by every change to any readtable or dispatch table: cached
# ``fast_path`` answers are valid while it stays the same (a dispatch
# table may be shared by several readtables).
_epoch = 0


def _changed():
    global _epoch
    _epoch += 1


class DispatchFunction(Primitive):
    """The macro function of a dispatching macro character: reads the
    optional decimal argument and the sub-character, then calls the
    sub-character's function from ``table`` (keys are upcased sub-characters).
    Printed, like SBCL's closure, as
    #<FUNCTION (LAMBDA (STREAM CHAR) :IN SB-IMPL::%MAKE-DISPATCH-MACRO-CHAR) {...}>."""
    __slots__ = ("table",)

    # Set by reader_chars: (stream, char, dispatch_function) -> object or MV().
    reader = None

    def __init__(self, table: dict | None = None):
        super().__init__(_DISPATCH_NAME, self._call, 2, 2,
                         lambda_list="(STREAM CHAR)")
        self.table: dict = {} if table is None else table

    def _call(self, stream, char):
        return DispatchFunction.reader(stream, char, self)

    def copy(self) -> "DispatchFunction":
        return DispatchFunction(dict(self.table))

    def set(self, sub: str, function):
        """Make FUNCTION the function of sub-character SUB (of either case)."""
        _changed()
        self.table[char_upcase(sub)] = function


_DISPATCH_NAME = lisp_list(cl_sym("LAMBDA"), lisp_list(cl_sym("STREAM"), cl_sym("CHAR")),
                           keyword("IN"), SB_IMPL.intern("%MAKE-DISPATCH-MACRO-CHAR")[0])


class Readtable:
    """A Lisp READTABLE. ``syntax`` maps characters to syntax types (absent:
    constituent), ``macros`` macro characters to their functions, ``case``
    is the readtable case ("UPCASE", "DOWNCASE", "PRESERVE" or "INVERT").
    ``standard`` marks the standard readtable itself, which may not be
    changed."""
    __slots__ = ("syntax", "macros", "case", "standard", "_fast", "_fast_epoch")

    def __init__(self, syntax: dict, macros: dict, case: str = "UPCASE"):
        self.syntax = syntax
        self.macros = macros
        self.case = case
        self.standard = False
        self._fast = None
        self._fast_epoch = -1

    def copy(self) -> "Readtable":
        return Readtable(dict(self.syntax), _copy_macros(self.macros), self.case)

    def replace_with(self, other: "Readtable"):
        """Make this readtable a copy of OTHER (COPY-READTABLE into it)."""
        self.syntax = dict(other.syntax)
        self.macros = _copy_macros(other.macros)
        self.case = other.case
        _changed()

    # -- the mutators (callers check ``standard`` first)
    def set_macro(self, char: str, function, non_terminating: bool):
        self.syntax[char] = NON_TERMINATING if non_terminating else TERMINATING
        self.macros[char] = function
        _changed()

    def set_syntax_from(self, to_char: str, from_table: "Readtable", from_char: str):
        kind = from_table.syntax.get(from_char, CONSTITUENT)
        if kind == CONSTITUENT:
            self.syntax.pop(to_char, None)
        else:
            self.syntax[to_char] = kind
        fn = from_table.macros.get(from_char)
        if fn is None:
            self.macros.pop(to_char, None)
        else:
            self.macros[to_char] = fn.copy() if type(fn) is DispatchFunction else fn
        _changed()

    def set_case(self, case: str):
        self.case = case
        _changed()

    # -- queries
    def macro_function(self, char: str):
        """(function, non_terminating_p) of a macro character, else (None, False)."""
        kind = self.syntax.get(char, CONSTITUENT)
        if kind == TERMINATING or kind == NON_TERMINATING:
            return self.macros.get(char), kind == NON_TERMINATING
        return None, False

    def fast_path(self):
        """None when the fast path can never read as this readtable does;
        else (characters, sharp_subchars): data that contain none of
        CHARACTERS and no # followed by one of SHARP_SUBCHARS read the same
        with the standard syntax."""
        if self._fast_epoch != _epoch:
            self._fast = self._compute_fast_path()
            self._fast_epoch = _epoch
        return self._fast

    def _compute_fast_path(self):
        if self.case != "UPCASE":
            return None
        std = _standard
        chars = set()
        sharp: set = set()
        for c in set(self.syntax) | set(STANDARD_SYNTAX) | set(self.macros):
            kind = self.syntax.get(c, CONSTITUENT)
            if kind != STANDARD_SYNTAX.get(c, CONSTITUENT):
                chars.add(c)
            elif kind == TERMINATING or kind == NON_TERMINATING:
                mine, theirs = self.macros.get(c), std.macros.get(c)
                if type(mine) is DispatchFunction and type(theirs) is DispatchFunction:
                    for sub in set(mine.table) | set(theirs.table):
                        if mine.table.get(sub) is not theirs.table.get(sub):
                            sharp.add(sub)
                            sharp.add(sub.lower())
                elif mine is not theirs:
                    chars.add(c)
        return frozenset(chars), frozenset(sharp)

    def lisp_repr(self) -> str:
        from .printobjects import object_address
        return "#<READTABLE {%s}>" % object_address(self)


def _copy_macros(macros: dict) -> dict:
    return {c: (f.copy() if type(f) is DispatchFunction else f) for c, f in macros.items()}


_standard: Readtable | None = None


def standard_readtable() -> Readtable:
    """The standard readtable (CLHS 2.1.1.2), which may not be changed."""
    return _standard


def install_standard_readtable(macros: dict, sharp: dict) -> Readtable:
    """Build the standard readtable from the standard macro functions
    MACROS (char -> designator) and the # sub-character functions SHARP
    (upcased char -> function). Called once the reader modules defined them."""
    global _standard
    table = dict(macros)
    table["#"] = DispatchFunction(dict(sharp))
    rt = Readtable(dict(STANDARD_SYNTAX), table, "UPCASE")
    rt.standard = True
    _standard = rt
    return rt


def check_modifiable(rt: Readtable, operation: str):
    """Signal SB-INT:STANDARD-READTABLE-MODIFIED-ERROR, as SBCL does, when
    OPERATION (a function name) would change the standard readtable."""
    if rt.standard:
        raise LispError("SB-INT:STANDARD-READTABLE-MODIFIED-ERROR",
                        {"OPERATION": _operation_name(operation)})


def _operation_name(operation: str):
    if operation.startswith("(SETF "):
        return lisp_list(cl_sym("SETF"), cl_sym(operation[6:-1]))
    return cl_sym(operation)

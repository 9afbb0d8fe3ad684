"""Pprint dispatch tables: which layout prints which object under
*PRINT-PRETTY*, as SBCL's PPRINT-DISPATCH, SET-PPRINT-DISPATCH and
COPY-PPRINT-DISPATCH keep them.

A table has entries keyed by the car of a cons (for type specifiers
(CONS (MEMBER ...)) and (CONS (EQL ...))) and entries by type, ordered by
priority. The initial table holds SBCL's: special layouts for the standard
macros and special forms by car, then, at the lowest priority, arrays
(not strings or bit vectors), conses whose car names a function, macro or
special operator (printed as calls), and other conses (printed as data).

An entry's function is either a Python layout (pprint_layouts.py) or a Lisp
function designator set with SET-PPRINT-DISPATCH.
"""
from __future__ import annotations

from fractions import Fraction

from .dynamic import defvar, symbol_value
from .objects import CL, Array, Char, Cons, Symbol, Vector, cl_sym, find_package, lisp_list

from .pprint_layouts import LAYOUTS, macro_indentation

__all__ = ["DispatchTable", "current_table", "initial_table", "may_break", "fbound",
           "PRINT_PPRINT_DISPATCH"]

_BIT = cl_sym("BIT")
S = cl_sym
L = lisp_list
_NEGATIVE_INFINITY = float("-inf")

# The CL symbols that are not FBOUNDP in SBCL (all others are).
_CL_NOT_FBOUND = frozenset("""
&ALLOW-OTHER-KEYS &AUX &BODY &ENVIRONMENT &KEY &OPTIONAL &REST &WHOLE ** *** *BREAK-ON-SIGNALS*
*COMPILE-FILE-PATHNAME* *COMPILE-FILE-TRUENAME* *COMPILE-PRINT* *COMPILE-VERBOSE* *DEBUG-IO*
*DEBUGGER-HOOK* *DEFAULT-PATHNAME-DEFAULTS* *ERROR-OUTPUT* *FEATURES* *GENSYM-COUNTER*
*LOAD-PATHNAME* *LOAD-PRINT* *LOAD-TRUENAME* *LOAD-VERBOSE* *MACROEXPAND-HOOK* *MODULES*
*PACKAGE* *PRINT-ARRAY* *PRINT-BASE* *PRINT-CASE* *PRINT-CIRCLE* *PRINT-ESCAPE*
*PRINT-GENSYM* *PRINT-LENGTH* *PRINT-LEVEL* *PRINT-LINES* *PRINT-MISER-WIDTH*
*PRINT-PPRINT-DISPATCH* *PRINT-PRETTY* *PRINT-RADIX* *PRINT-READABLY* *PRINT-RIGHT-MARGIN*
*QUERY-IO* *RANDOM-STATE* *READ-BASE* *READ-DEFAULT-FLOAT-FORMAT* *READ-EVAL* *READ-SUPPRESS*
*READTABLE* *STANDARD-INPUT* *STANDARD-OUTPUT* *TERMINAL-IO* *TRACE-OUTPUT* ++ +++ // ///
ARITHMETIC-ERROR ARRAY ARRAY-DIMENSION-LIMIT ARRAY-RANK-LIMIT ARRAY-TOTAL-SIZE-LIMIT BASE-CHAR
BASE-STRING BIGNUM BIT-VECTOR BOOLE-1 BOOLE-2 BOOLE-AND BOOLE-ANDC1 BOOLE-ANDC2 BOOLE-C1
BOOLE-C2 BOOLE-CLR BOOLE-EQV BOOLE-IOR BOOLE-NAND BOOLE-NOR BOOLE-ORC1 BOOLE-ORC2 BOOLE-SET
BOOLE-XOR BOOLEAN BROADCAST-STREAM BUILT-IN-CLASS CALL-ARGUMENTS-LIMIT CALL-NEXT-METHOD
CELL-ERROR CHAR-CODE-LIMIT CLASS COMPILATION-SPEED COMPILED-FUNCTION COMPILER-MACRO
CONCATENATED-STREAM CONDITION CONTROL-ERROR DEBUG DECLARATION DECLARE DIVISION-BY-ZERO
DOUBLE-FLOAT DOUBLE-FLOAT-EPSILON DOUBLE-FLOAT-NEGATIVE-EPSILON DYNAMIC-EXTENT ECHO-STREAM
END-OF-FILE EXTENDED-CHAR FILE-ERROR FILE-STREAM FIXNUM FLOATING-POINT-INEXACT
FLOATING-POINT-INVALID-OPERATION FLOATING-POINT-OVERFLOW FLOATING-POINT-UNDERFLOW FTYPE
GENERIC-FUNCTION HASH-TABLE IGNORABLE IGNORE INLINE INTEGER INTERNAL-TIME-UNITS-PER-SECOND
KEYWORD LAMBDA-LIST-KEYWORDS LAMBDA-PARAMETERS-LIMIT LEAST-NEGATIVE-DOUBLE-FLOAT
LEAST-NEGATIVE-LONG-FLOAT LEAST-NEGATIVE-NORMALIZED-DOUBLE-FLOAT
LEAST-NEGATIVE-NORMALIZED-LONG-FLOAT LEAST-NEGATIVE-NORMALIZED-SHORT-FLOAT
LEAST-NEGATIVE-NORMALIZED-SINGLE-FLOAT LEAST-NEGATIVE-SHORT-FLOAT LEAST-NEGATIVE-SINGLE-FLOAT
LEAST-POSITIVE-DOUBLE-FLOAT LEAST-POSITIVE-LONG-FLOAT LEAST-POSITIVE-NORMALIZED-DOUBLE-FLOAT
LEAST-POSITIVE-NORMALIZED-LONG-FLOAT LEAST-POSITIVE-NORMALIZED-SHORT-FLOAT
LEAST-POSITIVE-NORMALIZED-SINGLE-FLOAT LEAST-POSITIVE-SHORT-FLOAT LEAST-POSITIVE-SINGLE-FLOAT
LONG-FLOAT LONG-FLOAT-EPSILON LONG-FLOAT-NEGATIVE-EPSILON MAKE-METHOD METHOD METHOD-COMBINATION
MOST-NEGATIVE-DOUBLE-FLOAT MOST-NEGATIVE-FIXNUM MOST-NEGATIVE-LONG-FLOAT
MOST-NEGATIVE-SHORT-FLOAT MOST-NEGATIVE-SINGLE-FLOAT MOST-POSITIVE-DOUBLE-FLOAT
MOST-POSITIVE-FIXNUM MOST-POSITIVE-LONG-FLOAT MOST-POSITIVE-SHORT-FLOAT
MOST-POSITIVE-SINGLE-FLOAT MULTIPLE-VALUES-LIMIT NEXT-METHOD-P NIL NOTINLINE NUMBER OPTIMIZE
OTHERWISE PACKAGE PACKAGE-ERROR PARSE-ERROR PI PRINT-NOT-READABLE PROGRAM-ERROR RANDOM-STATE
RATIO READER-ERROR READTABLE REAL RESTART SAFETY SATISFIES SEQUENCE SERIOUS-CONDITION
SHORT-FLOAT SHORT-FLOAT-EPSILON SHORT-FLOAT-NEGATIVE-EPSILON SIGNED-BYTE SIMPLE-ARRAY
SIMPLE-BASE-STRING SIMPLE-BIT-VECTOR SIMPLE-CONDITION SIMPLE-ERROR SIMPLE-STRING
SIMPLE-TYPE-ERROR SIMPLE-VECTOR SIMPLE-WARNING SINGLE-FLOAT SINGLE-FLOAT-EPSILON
SINGLE-FLOAT-NEGATIVE-EPSILON SPACE SPECIAL SPEED STANDARD STANDARD-CHAR STANDARD-CLASS
STANDARD-GENERIC-FUNCTION STANDARD-METHOD STANDARD-OBJECT STORAGE-CONDITION STREAM
STREAM-ERROR STRING-STREAM STRUCTURE STRUCTURE-CLASS STRUCTURE-OBJECT STYLE-WARNING SYMBOL
SYNONYM-STREAM T TWO-WAY-STREAM TYPE TYPE-ERROR UNBOUND-SLOT UNBOUND-VARIABLE
UNDEFINED-FUNCTION UNSIGNED-BYTE VARIABLE WARNING
""".split())

# SBCL's !PPRINT-COLD-INIT: the layouts of conses by their car. The backquote
# operators are conses here, not SBCL's comma objects, so they join QUOTE.
_BY_CAR = {
    "PPRINT-LAMBDA": "LAMBDA",
    "PPRINT-DECLARE": "DECLARE DECLAIM",
    "PPRINT-BLOCK": "BLOCK CATCH RETURN-FROM THROW EVAL-WHEN MULTIPLE-VALUE-CALL "
                    "MULTIPLE-VALUE-PROG1 UNWIND-PROTECT DEFCONSTANT DEFPARAMETER DEFSTRUCT "
                    "DEFVAR MULTIPLE-VALUE-SETQ PROG1 PPRINT-LOGICAL-BLOCK "
                    "PRINT-UNREADABLE-OBJECT UNLESS WHEN WITH-COMPILATION-UNIT "
                    "WITH-SIMPLE-RESTART WITH-HASH-TABLE-ITERATOR WITH-PACKAGE-ITERATOR "
                    "WITH-INPUT-FROM-STRING WITH-OUTPUT-TO-STRING WITH-OPEN-FILE "
                    "WITH-OPEN-STREAM",
    "PPRINT-FLET": "FLET LABELS MACROLET SB-INT:DX-FLET",
    "PPRINT-QUOTE": "FUNCTION QUOTE SYS:QUASIQUOTE SYS:UNQUOTE SYS:UNQUOTE-SPLICING "
                    "SYS:UNQUOTE-NSPLICING",
    "PPRINT-IF": "IF",
    "PPRINT-LET": "LET LET* SYMBOL-MACROLET SB-INT:DX-LET",
    "PPRINT-PROGN": "LOCALLY PROGN STEP TIME WITH-STANDARD-IO-SYNTAX",
    "PPRINT-PROGV": "PROGV",
    "PPRINT-SETQ": "SETQ PSETQ SETF PSETF",
    "PPRINT-TAGBODY": "TAGBODY",
    "PPRINT-CASE": "CASE CCASE ECASE",
    "PPRINT-TYPECASE": "CTYPECASE ETYPECASE TYPECASE",
    "PPRINT-DEFUN": "DEFINE-MODIFY-MACRO DEFINE-SETF-EXPANDER DEFMACRO DEFSETF DEFTYPE DEFUN",
    "PPRINT-DEFMETHOD": "DEFMETHOD",
    "PPRINT-DEFPACKAGE": "DEFPACKAGE",
    "PPRINT-DESTRUCTURING-BIND": "DESTRUCTURING-BIND",
    "PPRINT-DO": "DO DO*",
    "PPRINT-DOLIST": "DO-ALL-SYMBOLS DO-EXTERNAL-SYMBOLS DO-SYMBOLS DOLIST DOTIMES",
    "PPRINT-LOOP": "LOOP",
    "PPRINT-PROG2": "MULTIPLE-VALUE-BIND PROG2",
    "PPRINT-PROG": "PROG PROG*",
}

# Layouts whose output can differ from the one-line text of the ordinary
# printer even when everything fits: mandatory newlines, or no #'F sugar.
_MAY_BREAK = frozenset(LAYOUTS[name] for name in (
    "PPRINT-DECLARE", "PPRINT-FLET", "PPRINT-IF", "PPRINT-LET", "PPRINT-SETQ",
    "PPRINT-DEFPACKAGE", "PPRINT-DO", "PPRINT-LOOP"))
# Layouts that print some arguments as logical blocks, where NIL is ():
# (DEFUN F () X), (CASE X (() 1)).
_NIL_AS_BLOCK = frozenset(LAYOUTS[name] for name in (
    "PPRINT-LAMBDA", "PPRINT-DEFUN", "PPRINT-DEFMETHOD", "PPRINT-CASE", "PPRINT-TYPECASE",
    "PPRINT-DOLIST", "PPRINT-DESTRUCTURING-BIND", "PPRINT-PROG"))


def _symbol(name: str) -> Symbol:
    if ":" in name:
        pkg, _, sym = name.partition(":")
        package = find_package(pkg)
        return package.intern(sym.lstrip(":"))[0]
    return cl_sym(name)


def fbound(sym: Symbol) -> bool:
    """FBOUNDP as SBCL answers it: for CL symbols, SBCL's answer, whatever
    this system has defined; for others, a function, macro or special
    operator definition here."""
    if sym.package is CL:
        return sym.name not in _CL_NOT_FBOUND
    if sym.fn is not None or sym.macro is not None:
        return True
    from .analyzer import SPECIAL_FORMS
    return sym in SPECIAL_FORMS


class _Entry:
    __slots__ = ("type_spec", "priority", "function", "test")

    def __init__(self, type_spec, priority, function, test):
        self.type_spec = type_spec
        self.priority = priority
        self.function = function
        self.test = test          # object -> bool; None for cons entries


def _eql_key(x):
    """X as a dict key that finds only EQL objects."""
    t = type(x)
    if t is Symbol or t is Cons:
        return x
    if t is Char:
        return (Char, x.ch)
    if isinstance(x, (int, float, Fraction)):
        return (t, x)
    return (id(x),)


class DispatchTable:
    """A pprint dispatch table. ``only_initial``: no entry but by-car ones
    was ever set, so lookups can take SBCL's shortcut. ``pristine``: no
    entry was ever set (the initial table or a copy of one)."""
    __slots__ = ("cons_entries", "entries", "only_initial", "pristine", "keep")

    def __init__(self):
        self.cons_entries: dict = {}
        self.entries: list[_Entry] = []
        self.only_initial = True
        self.pristine = True
        self.keep: list = []       # car objects keyed by id stay alive

    def copy(self) -> "DispatchTable":
        new = DispatchTable()
        new.cons_entries = dict(self.cons_entries)
        new.entries = list(self.entries)
        new.only_initial = self.only_initial
        new.pristine = self.pristine
        new.keep = list(self.keep)
        return new

    def lookup(self, obj):
        """The function that prints OBJ, or None (print it ordinarily)."""
        if self.only_initial:
            t = type(obj)
            if t is Cons:
                car = obj.car
                if type(car) is Symbol:
                    entry = self.cons_entries.get(car)
                    if entry is not None:
                        return entry.function
                    return _CALL_FORM if fbound(car) else _FILL
                entry = self.cons_entries.get(_eql_key(car))
                return _FILL if entry is None else entry.function
            if t is Array or (t is Vector and obj.element_type is not _BIT):
                return _ARRAY
            return None
        cons_entry = None
        if type(obj) is Cons:
            cons_entry = self.cons_entries.get(_eql_key(obj.car))
        for entry in self.entries:
            if cons_entry is not None and entry.priority < cons_entry.priority:
                break
            if entry.test(obj):
                return entry.function
        return None if cons_entry is None else cons_entry.function

    def entry(self, obj):
        """(function, found) as PPRINT-DISPATCH returns them."""
        fn = self.lookup(obj)
        return fn, fn is not None

    def set_cons(self, keys, function, priority):
        """SET-PPRINT-DISPATCH for (CONS (MEMBER . KEYS))."""
        self.pristine = False
        entry = _Entry(None, priority, function, None)
        for key in keys:
            k = _eql_key(key)
            if type(k) is tuple and len(k) == 1:
                self.keep.append(key)
            if function is None:
                self.cons_entries.pop(k, None)
            else:
                self.cons_entries[k] = entry

    def set_type(self, type_spec, function, priority, test, same_spec):
        """SET-PPRINT-DISPATCH for any other type: the entry replaces one
        whose type specifier is SAME_SPEC, and goes after the entries of
        equal or higher priority."""
        self.only_initial = self.pristine = False
        entries = [e for e in self.entries if not same_spec(e.type_spec)]
        if function is not None:
            new = _Entry(type_spec, priority, function, test)
            i = 0
            while i < len(entries) and not entries[i].priority < priority:
                i += 1
            entries.insert(i, new)
        self.entries = entries

    def lisp_repr(self):
        from .printobjects import object_address
        return "#<SB-PRETTY:PPRINT-DISPATCH-TABLE {%s}>" % object_address(self)


_FILL = LAYOUTS["PPRINT-FILL"]
_CALL_FORM = LAYOUTS["PPRINT-CALL-FORM"]
_ARRAY = LAYOUTS["PPRINT-ARRAY"]


def _array_p(x) -> bool:
    return type(x) is Array or (type(x) is Vector and x.element_type is not _BIT)


def _fbound_cons_p(x) -> bool:
    return type(x) is Cons and type(x.car) is Symbol and fbound(x.car)


def _cons_p(x) -> bool:
    return type(x) is Cons


def _initial_table() -> DispatchTable:
    table = DispatchTable()
    for layout_name, cars in _BY_CAR.items():
        table.set_cons([_symbol(n) for n in cars.split()], LAYOUTS[layout_name],
                       _NEGATIVE_INFINITY)
    table.pristine = True
    table.entries = [
        _Entry(L(S("AND"), S("ARRAY"), L(S("NOT"), L(S("OR"), S("STRING"), S("BIT-VECTOR")))),
               _NEGATIVE_INFINITY, _ARRAY, _array_p),
        _Entry(L(S("CONS"), L(S("AND"), S("SYMBOL"), L(S("SATISFIES"), S("FBOUNDP")))),
               _NEGATIVE_INFINITY, _CALL_FORM, _fbound_cons_p),
        _Entry(cl_sym("CONS"), _NEGATIVE_INFINITY, _FILL, _cons_p),
    ]
    return table


_INITIAL = None
PRINT_PPRINT_DISPATCH = cl_sym("*PRINT-PPRINT-DISPATCH*")


def initial_table() -> DispatchTable:
    """SBCL's initial table (never modified: tables made from it are
    copies)."""
    global _INITIAL
    if _INITIAL is None:
        _INITIAL = _initial_table()
    return _INITIAL


def current_table() -> DispatchTable:
    """The value of *PRINT-PPRINT-DISPATCH*, the initial table when that is
    not a table."""
    table = symbol_value(PRINT_PPRINT_DISPATCH)
    return table if type(table) is DispatchTable else initial_table()


def may_break(sym: Symbol, nil_printed: bool) -> bool:
    """Could the initial table print a form whose operator is SYM
    differently from the ordinary printer even on one line? NIL_PRINTED:
    the symbol NIL occurs in the form's text."""
    key = (sym, nil_printed)
    known = _MAY_BREAK_CACHE.get(key)
    if known is not None:
        return known
    entry = initial_table().cons_entries.get(sym)
    if entry is not None:
        answer = entry.function in _MAY_BREAK or (nil_printed
                                                  and entry.function in _NIL_AS_BLOCK)
    elif sym.package is CL:
        answer = fbound(sym) and macro_indentation(sym) is not None
    else:
        # Not cached: the symbol may be defined as a macro later.
        return sym.macro is not None and macro_indentation(sym) is not None
    _MAY_BREAK_CACHE[key] = answer
    return answer


_MAY_BREAK_CACHE: dict = {}
defvar("*PRINT-PPRINT-DISPATCH*", initial_table().copy())

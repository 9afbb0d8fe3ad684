"""SBCL's global variables: SB-EXT:DEFGLOBAL and
SB-EXT:DEFINE-LOAD-TIME-GLOBAL define a variable that is not special (its
one value is shared by every thread; it is never dynamically bound), and
SB-EXT:SYMBOL-GLOBAL-VALUE reads and sets a symbol's global value past any
dynamic binding. A global variable cannot become special (DEFVAR and
DEFPARAMETER of it fail, as in SBCL), nor a special one global.
"""
from __future__ import annotations

from ..docstrings import record_variable_doc
from ..errors import LispError, simple_error, type_error
from ..functions import call_lisp, defun, intern_name
from ..macros import defmacro, args_of, L
from ..objects import NIL, UNBOUND, LString, Symbol, cl_sym, sys_sym, SPECIAL, CONSTANT

GLOBALS: set = set()     # the symbols proclaimed global


def _definer(name: str, doc: str):
    @defmacro(name)
    def expand(form, env):
        sym, value, *docstring = args_of(form, 2, 3)
        return L(sys_sym("%DEFGLOBAL"), L(cl_sym("QUOTE"), sym),
                 L(cl_sym("FUNCTION"), L(cl_sym("LAMBDA"), NIL, value)),
                 docstring[0] if docstring else NIL)
    intern_name(name).macro.doc = doc


_definer("SB-EXT:DEFGLOBAL", """\
Defines NAME as a global variable that is always bound. VALUE is evaluated
and assigned to NAME both at compile- and load-time, but only if NAME is not
already bound.

Global variables share their values between all threads, and cannot be
locally bound, declared special, defined as constants, and neither bound
nor defined as symbol macros.

See also the declarations SB-EXT:GLOBAL and SB-EXT:ALWAYS-BOUND.""")
_definer("SB-EXT:DEFINE-LOAD-TIME-GLOBAL", """\
Defines NAME as a global variable that is always bound. VALUE is evaluated
and assigned to NAME at load-time, but only if NAME is not already bound.

Attempts to read NAME at compile-time will signal an UNBOUND-VARIABLE error
unless it has otherwise been assigned a value.

See also DEFGLOBAL which assigns the VALUE at compile-time too.""")


@defun("SYS::%DEFGLOBAL", "name init-function doc", kind="gen")
def defglobal_(name, init_function, doc):
    if not isinstance(name, Symbol):
        raise type_error(name, "SYMBOL")
    if name.flags & (SPECIAL | CONSTANT) and name not in GLOBALS:
        raise simple_error("Cannot proclaim a ~A variable GLOBAL: ~S",
                           LString("CONSTANT" if name.flags & CONSTANT else "SPECIAL"), name)
    GLOBALS.add(name)
    record_variable_doc(name, doc)
    if name.value is UNBOUND:
        name.value = yield from call_lisp(init_function)
    return name


def check_not_global(name: Symbol):
    """DEFVAR and DEFPARAMETER: SBCL's error for a global variable."""
    if name in GLOBALS:
        raise simple_error("Cannot proclaim a GLOBAL variable SPECIAL: ~S", name)


@defun("SB-EXT:SYMBOL-GLOBAL-VALUE", "symbol")
def symbol_global_value(symbol):
    """Return the SYMBOL's current global value. Identical to SYMBOL-VALUE,
in single-threaded builds: in multithreaded builds bound values are
distinct from the global value. Can also be SETF."""
    if not isinstance(symbol, Symbol):
        raise type_error(symbol, "SYMBOL")
    if symbol.value is UNBOUND:
        raise LispError("UNBOUND-VARIABLE", {"NAME": symbol})
    return symbol.value


@defun("SB-EXT:SYMBOL-GLOBAL-VALUE", "new-value symbol", setf=True)
def set_symbol_global_value(value, symbol):
    if not isinstance(symbol, Symbol):
        raise type_error(symbol, "SYMBOL")
    if symbol.flags & CONSTANT:
        raise simple_error("Cannot set the value of the constant ~S", symbol)
    symbol.value = value
    return value

"""Special variable values as seen by the running process.

Each process keeps its dynamic bindings in a dict (symbol -> value); the
global value lives in the symbol. ``state.dyn`` is the dict of the process
the machine is running now; the scheduler swaps it on every process switch.
Binding pushes a frame on the continuation that remembers the old entry and
restores it when popped, normally or by unwinding (ARCHITECTURE 1).
"""
from __future__ import annotations

from .objects import Symbol, cl_sym, sys_sym, SPECIAL, CONSTANT

MISSING = object()


class _State:
    __slots__ = ("dyn", "machine", "interpreter", "booting")

    def __init__(self):
        self.dyn: dict = {}
        self.machine = None
        self.interpreter = None
        self.booting = True      # loading the stdlib: CL definitions allowed


state = _State()


def symbol_value(sym: Symbol):
    """The current value of SYM, or UNBOUND."""
    v = state.dyn.get(sym, MISSING)
    return sym.value if v is MISSING else v


def set_symbol_value(sym: Symbol, value):
    d = state.dyn
    if sym in d:
        d[sym] = value
    else:
        sym.value = value


def defvar(name: str, value, sym: Symbol | None = None, constant=False) -> Symbol:
    """Proclaim a special variable (a CL symbol unless SYM is given) with a
    global value, from Python."""
    s = sym if sym is not None else (sys_sym(name[5:]) if name.startswith("SYS::")
                                     else cl_sym(name))
    s.flags |= SPECIAL | (CONSTANT if constant else 0)
    s.value = value
    return s

"""RANDOM, random states and *RANDOM-STATE*. The generator and SBCL's ways
of drawing from it are in lisp/random_state.py; the initial *RANDOM-STATE*
is SBCL's, so an unseeded program draws the numbers it draws under SBCL.
"""
from __future__ import annotations

from ..conditions import CLASSES
from ..dynamic import defvar, symbol_value
from ..errors import LispError, type_error
from ..functions import defun
from ..objects import NIL, T, SingleFloat, LString, cl_sym, lisp_list
from ..random_state import (RandomState, random_integer, random_float,
                            initial_random_state, seeded_random_state)
from ..types import OTHER_CLASS_OF

_RANDOM_STATE_SYM = defvar("*RANDOM-STATE*", initial_random_state())
_RANDOM_STATE = cl_sym("RANDOM-STATE")
_RANDOM_ARG_TYPE = lisp_list(cl_sym("OR"), lisp_list(cl_sym("INTEGER"), 1),
                             lisp_list(cl_sym("FLOAT"), lisp_list(0)))


@defun("RANDOM", "arg &optional state")
def lisp_random(arg, state=None):
    """Generate a uniformly distributed pseudo-random number between zero
    and ARG, of ARG's type, drawing from STATE (default *RANDOM-STATE*)."""
    if state is None:
        state = symbol_value(_RANDOM_STATE_SYM)
    if type(state) is not RandomState:
        raise type_error(state, _RANDOM_STATE)
    t = type(arg)
    if t is int and arg > 0:
        return random_integer(arg, state)
    if t is SingleFloat and arg > 0.0:
        return random_float(arg, state, True)
    if t is float and arg > 0.0:
        return random_float(arg, state, False)
    raise LispError("SIMPLE-TYPE-ERROR", {
        "DATUM": arg, "EXPECTED-TYPE": _RANDOM_ARG_TYPE,
        "FORMAT-CONTROL": LString("~@<Argument is neither a positive integer "
                                  "nor a positive float: ~2I~_~S~:>"),
        "FORMAT-ARGUMENTS": lisp_list(arg)})


@defun("MAKE-RANDOM-STATE", "&optional state")
def lisp_make_random_state(state=NIL):
    """Make a random state object. If STATE is NIL or not supplied, return a
copy of the default *RANDOM-STATE*; if it is a random state, return a copy of
it; if it is T, return a state seeded from the operating system's
randomness."""
    if state is NIL:
        current = symbol_value(_RANDOM_STATE_SYM)
        if type(current) is not RandomState:
            raise type_error(current, _RANDOM_STATE)
        return current.copy()
    if type(state) is RandomState:
        return state.copy()
    if state is T:
        return seeded_random_state(True)
    raise type_error(state, lisp_list(cl_sym("OR"), _RANDOM_STATE, cl_sym("BOOLEAN")))


OTHER_CLASS_OF[RandomState] = lambda x: CLASSES[_RANDOM_STATE]


@defun("SB-EXT:SEED-RANDOM-STATE", "&optional state")
def seed_random_state(state=NIL):
    """Make a random state object. As MAKE-RANDOM-STATE, and STATE may also
be a non-negative integer: the same seed always gives the same numbers,
those SBCL gives."""
    if type(state) is int and state >= 0:
        return seeded_random_state(state)
    return lisp_make_random_state(state)


@defun("RANDOM-STATE-P", "object", pure=True)
def random_state_p(object):
    """Return true if OBJECT is a RANDOM-STATE, and NIL otherwise."""
    return T if type(object) is RandomState else NIL

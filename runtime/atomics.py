"""LispWorks's low-level atomic operations (package SYSTEM): ATOMIC-INCF,
ATOMIC-DECF, ATOMIC-PUSH, ATOMIC-POP, ATOMIC-EXCHANGE, COMPARE-AND-SWAP.

Each expands into the read-modify-write of its place (through the place's
SETF expansion, so any place works: special variables, CAR/CDR, SVREF,
AREF, structure slots, ...) run in SB-SYS's atomic section: no other
process runs and no interrupt is taken until the update is done (SPEC
4.8), so concurrent updates never lose one another. The other arguments
are evaluated first, outside the section.

Values as LispWorks documents them: ATOMIC-INCF and ATOMIC-DECF return the
new value, ATOMIC-PUSH the new list, ATOMIC-POP the element popped,
ATOMIC-EXCHANGE the old value, COMPARE-AND-SWAP T if it stored, else NIL.
(SB-EXT's operators of the same names return old values; they are other
symbols.)
"""
from __future__ import annotations

from lisp.functions import intern_name
from lisp.macros import defmacro, args_of, place_expansion, gensym, L
from lisp.objects import NIL, T, cl_sym, list_from_iter
from . import sb_sys  # noqa: F401  (defines SB-SYS::%CALL-ATOMICALLY first)

S = cl_sym
CALL_ATOMICALLY = intern_name("SB-SYS::%CALL-ATOMICALLY")


def atomically(form):
    """FORM run in the atomic section."""
    return L(CALL_ATOMICALLY, L(S("LAMBDA"), NIL, form))


def _with_args(args, build):
    """Evaluate ARGS (forms) into fresh variables, then the atomic update
    BUILD(variables)."""
    gs = [gensym("ARG") for _ in args]
    return L(S("LET"), list_from_iter(L(g, a) for g, a in zip(gs, args)), atomically(build(*gs)))


@defmacro("SYS:ATOMIC-INCF")
def m_atomic_incf(form, env):
    """(atomic-incf place &optional (delta 1)): add DELTA to PLACE
    atomically; return the new value."""
    args = args_of(form, 1, 2)
    delta = args[1] if len(args) > 1 else 1
    return _with_args([delta], lambda d: L(S("INCF"), args[0], d))


@defmacro("SYS:ATOMIC-DECF")
def m_atomic_decf(form, env):
    """(atomic-decf place &optional (delta 1)): subtract DELTA from PLACE
    atomically; return the new value."""
    args = args_of(form, 1, 2)
    delta = args[1] if len(args) > 1 else 1
    return _with_args([delta], lambda d: L(S("DECF"), args[0], d))


@defmacro("SYS:ATOMIC-PUSH")
def m_atomic_push(form, env):
    """(atomic-push object place): push OBJECT onto the list in PLACE
    atomically; return the new list."""
    obj, place = args_of(form, 2, 2)
    return _with_args([obj], lambda o: L(S("PUSH"), o, place))


@defmacro("SYS:ATOMIC-POP")
def m_atomic_pop(form, env):
    """(atomic-pop place): pop the list in PLACE atomically; return the
    element popped."""
    (place,) = args_of(form, 1, 1)
    return atomically(L(S("POP"), place))


def _update(place, env, body):
    """(let* (place temps) BODY(access, store, store-form))."""
    temps, vals, store, store_form, access = place_expansion(place, env)
    return L(S("LET*"), list_from_iter(L(t, v) for t, v in zip(temps, vals)),
             body(access, store, store_form))


@defmacro("SYS:ATOMIC-EXCHANGE")
def m_atomic_exchange(form, env):
    """(atomic-exchange place new-value): store NEW-VALUE in PLACE
    atomically; return the old value."""
    place, new = args_of(form, 2, 2)
    return _with_args([new], lambda n: _update(
        place, env, lambda access, store, store_form:
        L(S("PROG1"), access, L(S("LET"), L(L(store, n)), store_form))))


@defmacro("SYS:COMPARE-AND-SWAP")
def m_compare_and_swap(form, env):
    """(compare-and-swap place old new): atomically, if PLACE holds OLD
    (by EQ), store NEW in it and return T; else return NIL."""
    place, old, new = args_of(form, 3, 3)
    return _with_args([old, new], lambda o, n: _update(
        place, env, lambda access, store, store_form:
        L(S("IF"), L(S("EQ"), access, o),
          L(S("LET"), L(L(store, n)), store_form, T),
          NIL)))


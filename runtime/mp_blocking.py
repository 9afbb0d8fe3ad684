"""LispWorks interrupt blocking (MP and HCL) and the old LispWorks
atomicity macros, on the shared mask of runtime.interrupts (SPEC 4.7,
4.8, 5).

Blocking. ALLOWING-BLOCK-INTERRUPTS and WITH-INTERRUPTS-BLOCKED bind the
process's SB-SYS:*INTERRUPTS-ENABLED* (so interrupts, kills included, are
queued, never dropped, and run when the mask is left) and count their
nesting in SYS::*INTERRUPT-BLOCKING-LEVEL*. Inside one of them,
CURRENT-PROCESS-BLOCK-INTERRUPTS and CURRENT-PROCESS-UNBLOCK-INTERRUPTS
change the innermost binding, which the macro restores on exit; outside
one they signal an error. Unblocking runs the pending interrupts at once.

UNWIND-PROTECT-BLOCKING-INTERRUPTS(-IN-CLEANUPS). LispWorks's compiled
equivalent is (with-interrupts-blocked (unwind-protect form
(current-process-block-interrupts) cleanup...)), and its manual warns that
an interpreter may be killed between reaching the cleanups and blocking.
Here a ``BlockingCleanupFrame`` is an unwind-protect frame whose cleanup
enters the blocking state in the very step that reaches it, normal exit or
unwinding alike (``Frame.start_cleanup``), so a kill that arrives at any
step boundary from then on waits until every cleanup form has run.

Atomicity (SPEC 4.8). Blocking gives none: other processes keep running.
The old MP:WITHOUT-INTERRUPTS also disables preemption (SB-SYS's atomic
section: no interrupt and no other process until it ends);
MP:WITHOUT-PREEMPTION and SYS:WITH-OTHER-THREADS-DISABLED bind
SYS::*PREEMPTION-DISABLED*, which keeps the scheduler from switching away
at the end of a quantum. A process that blocks inside them still lets the
others run while it waits.
"""
from __future__ import annotations

from lisp.dynamic import symbol_value, set_symbol_value
from lisp.errors import lisp_error
from lisp.functions import defun, intern_name
from lisp.machine import Frame, RestoreValuesFrame, CLEANUP, bind_special
from lisp.macros import defmacro, args_of, body_of, L
from lisp.objects import NIL, T, Cons, Package, cl_sym, find_package
from .interrupts import (INTERRUPTS_ENABLED, BLOCKING_LEVEL, PREEMPTION_DISABLED, enter_mask,
                         deliver_pending)
from .procs import MP
from . import sb_sys  # noqa: F401  (defines SB-SYS::%CALL-ATOMICALLY first)

HCL = find_package("HCL") or Package("HARLEQUIN-COMMON-LISP", nicknames=["HCL"],
                                      use=[find_package("COMMON-LISP")])

LAMBDA = cl_sym("LAMBDA")
CALL_ALLOWING = intern_name("MP::%CALL-ALLOWING-BLOCK-INTERRUPTS")
CALL_UNWIND_PROTECT = intern_name("MP::%UNWIND-PROTECT-BLOCKING")
CALL_ATOMICALLY = intern_name("SB-SYS::%CALL-ATOMICALLY")
CALL_WITHOUT_PREEMPTION = intern_name("MP::%CALL-WITHOUT-PREEMPTION")


def _shared(name: str, *packages):
    """A symbol interned in HCL and exported from it and from PACKAGES
    (LispWorks exports these names from several packages)."""
    sym = HCL.intern(name)[0]
    HCL.export(sym)
    for pkg in packages:
        pkg.export(sym)
    return sym


UNWIND_PROTECT_BLOCKING = _shared("UNWIND-PROTECT-BLOCKING-INTERRUPTS", MP)
UNWIND_PROTECT_BLOCKING_IN_CLEANUPS = _shared("UNWIND-PROTECT-BLOCKING-INTERRUPTS-IN-CLEANUPS", MP)


def _thunk(body):
    return Cons(LAMBDA, Cons(NIL, body))


def enter_blocking(m, enabled):
    """Enter a LispWorks blocking scope: interrupts ENABLED (T or NIL) in a
    fresh binding that CURRENT-PROCESS-(UN)BLOCK-INTERRUPTS may change and
    leaving restores; pending interrupts run when it is left."""
    enter_mask(m, enabled, blocking_level=symbol_value(BLOCKING_LEVEL) + 1)


# ---------------------------------------------------------------- the blocking macros
@defmacro("MP:ALLOWING-BLOCK-INTERRUPTS")
def m_allowing_block_interrupts(form, env):
    """(allowing-block-interrupts start-blocked body...): run BODY in its own
    blocking state, blocked on entry when START-BLOCKED is true, otherwise
    as it was outside."""
    (start_blocked,) = args_of(form, 1)[:1]
    return L(CALL_ALLOWING, start_blocked, _thunk(body_of(form, 1)))


@defmacro("MP:WITH-INTERRUPTS-BLOCKED")
def m_with_interrupts_blocked(form, env):
    """(with-interrupts-blocked body...) = (allowing-block-interrupts t body...)."""
    return L(CALL_ALLOWING, T, _thunk(body_of(form, 0)))


@defun("MP::%CALL-ALLOWING-BLOCK-INTERRUPTS", "start-blocked function", kind="control")
def call_allowing_block_interrupts(m, args):
    """Enter the blocking scope and start FUNCTION in one step."""
    start_blocked, fn = args
    enter_blocking(m, NIL if start_blocked is not NIL else symbol_value(INTERRUPTS_ENABLED))
    m.invoke(fn, [])


def _check_blocking_scope(name):
    if symbol_value(BLOCKING_LEVEL) == 0:
        raise lisp_error("SIMPLE-ERROR",
                         "~S called outside the dynamic extent of MP:ALLOWING-BLOCK-INTERRUPTS "
                         "or MP:WITH-INTERRUPTS-BLOCKED", intern_name(name))


@defun("MP:CURRENT-PROCESS-BLOCK-INTERRUPTS", "", kind="control")
def current_process_block_interrupts(m, args):
    """Block interrupts in the current process until the innermost
    blocking scope is left or they are unblocked. Signals an error outside
    a blocking scope. Returns T."""
    _check_blocking_scope("MP:CURRENT-PROCESS-BLOCK-INTERRUPTS")
    set_symbol_value(INTERRUPTS_ENABLED, NIL)
    m.value = T
    m.node = None


@defun("MP:CURRENT-PROCESS-UNBLOCK-INTERRUPTS", "", kind="control")
def current_process_unblock_interrupts(m, args):
    """Unblock interrupts in the current process for the rest of the
    innermost blocking scope; interrupts queued meanwhile run now, before
    the caller continues. Signals an error outside a blocking scope.
    Returns T."""
    _check_blocking_scope("MP:CURRENT-PROCESS-UNBLOCK-INTERRUPTS")
    set_symbol_value(INTERRUPTS_ENABLED, T)
    m.value = T
    m.node = None
    if m.proc is not None:
        deliver_pending(m, m.proc)


# ---------------------------------------------------------------- unwind-protect, blocking
class BlockingCleanupFrame(Frame):
    """An UNWIND-PROTECT frame whose cleanup THUNK runs in a fresh blocking
    scope, entered in the same step that reaches the frame."""
    __slots__ = ("thunk",)
    unwinds = CLEANUP

    def __init__(self, thunk):
        self.thunk = thunk

    def resume(self, m):
        # normal exit from the protected form: keep its values over the cleanup
        m.k.append(RestoreValuesFrame(m.value))
        m.run_cleanup(self)

    def start_cleanup(self, m):
        enter_blocking(m, NIL)
        m.invoke(self.thunk, [])

    def describe(self):
        return None


@defun("MP::%UNWIND-PROTECT-BLOCKING", "block-protected protected cleanup", kind="control")
def unwind_protect_blocking(m, args):
    """Call PROTECTED with CLEANUP as its blocking cleanup; with
    BLOCK-PROTECTED true, inside a blocking scope entered in this step."""
    block, protected, cleanup = args
    if block is not NIL:
        enter_blocking(m, NIL)
    m.k.append(BlockingCleanupFrame(cleanup))
    m.invoke(protected, [])


def _unwind_protect_blocking_form(form, block):
    (protected,) = args_of(form, 1)[:1]
    return L(CALL_UNWIND_PROTECT, block, _thunk(L(protected)), _thunk(body_of(form, 1)))


@defmacro("HCL:UNWIND-PROTECT-BLOCKING-INTERRUPTS")
def m_unwind_protect_blocking_interrupts(form, env):
    """(unwind-protect-blocking-interrupts protected-form cleanup...):
    PROTECTED-FORM runs with interrupts blocked, and the cleanups run with
    interrupts blocked however it is left; either may unblock them with
    CURRENT-PROCESS-UNBLOCK-INTERRUPTS. Returns PROTECTED-FORM's values."""
    return _unwind_protect_blocking_form(form, T)


@defmacro("HCL:UNWIND-PROTECT-BLOCKING-INTERRUPTS-IN-CLEANUPS")
def m_unwind_protect_blocking_interrupts_in_cleanups(form, env):
    """(unwind-protect-blocking-interrupts-in-cleanups protected-form
    cleanup...): as UNWIND-PROTECT, but the cleanups run with interrupts
    blocked however PROTECTED-FORM is left."""
    return _unwind_protect_blocking_form(form, NIL)


# ---------------------------------------------------------------- the old atomicity macros
@defmacro("MP:WITHOUT-INTERRUPTS")
def m_without_interrupts(form, env):
    """(without-interrupts body...), LispWorks 5.1 and earlier: BODY runs
    with interrupts deferred and no other process running (SPEC 4.8)."""
    return L(CALL_ATOMICALLY, _thunk(body_of(form, 0)))


@defmacro("MP:WITHOUT-PREEMPTION")
def m_without_preemption(form, env):
    """(without-preemption body...): no other process runs while BODY runs,
    unless BODY waits. Interrupts are still taken."""
    return L(CALL_WITHOUT_PREEMPTION, _thunk(body_of(form, 0)))


def m_with_other_threads_disabled(form, env):
    """(with-other-threads-disabled body...): BODY runs with every other
    process stopped (as WITHOUT-PREEMPTION: a debugging aid)."""
    return L(CALL_WITHOUT_PREEMPTION, _thunk(body_of(form, 0)))


defmacro("SYS:WITH-OTHER-THREADS-DISABLED")(m_with_other_threads_disabled)
MP.export(intern_name("SYS:WITH-OTHER-THREADS-DISABLED"))


@defun("MP::%CALL-WITHOUT-PREEMPTION", "function", kind="control")
def call_without_preemption(m, args):
    """Call FUNCTION with SYS::*PREEMPTION-DISABLED* bound to T."""
    bind_special(m, PREEMPTION_DISABLED, T)
    m.invoke(args[0], [])

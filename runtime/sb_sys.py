"""SBCL's interrupt control (SB-SYS) and timeouts (SB-EXT:WITH-TIMEOUT),
on the shared interrupt mechanism of runtime.interrupts.

SBCL's model, reproduced exactly (SPEC 4.3, 4.7). Two per-process
variables: SB-SYS:*INTERRUPTS-ENABLED* (are interrupts delivered now) and
SB-SYS:*ALLOW-WITH-INTERRUPTS* (may WITH-INTERRUPTS enable them).
  - WITHOUT-INTERRUPTS binds both to NIL around its body, which it runs
    with the local macros ALLOW-WITH-INTERRUPTS (binds *ALLOW-...* back to
    its value outside this WITHOUT-INTERRUPTS) and WITH-LOCAL-INTERRUPTS
    (binds both to that value, and takes pending interrupts first).
  - WITH-INTERRUPTS enables interrupts only when *ALLOW-...* is true, and
    then takes pending interrupts before its body.
  - An interrupt function runs as (without-interrupts (allow-with-interrupts
    (funcall f))): runtime.interrupts.start_interrupt binds that state.
Interrupts that arrive while masked are queued, never dropped; they run
when the outermost mask is left (the MaskExitFrame of enter_mask), normally
or by unwinding. Each masking form is one control primitive that enters
its mask and starts its body in the same step, so no interrupt can slip
in between (RUNTIME_GUIDE).

SBCL's blocking operations (GRAB-MUTEX, CONDITION-WAIT, WAIT-ON-SEMAPHORE,
JOIN-THREAD) wait inside WITH-INTERRUPTS: a waiting thread accepts
interrupts when they are allowed, even inside an interrupt function.
``interruptibly`` gives the SB-THREAD primitives that behaviour.

WITH-TIMEOUT arms a timer: a hidden green process that sleeps until the
deadline and then interrupts the process that armed it. The interrupt
signals SB-EXT:TIMEOUT with CERROR, as SBCL's timer does, so it reaches a
busy process at its next step boundary and wakes a blocked one (SPEC 4.1).
Leaving the body by any exit disarms the timer in the same step.
"""
from __future__ import annotations

import time
import weakref
from fractions import Fraction

from lisp.dynamic import symbol_value
from lisp.errors import lisp_error, type_error
from lisp.functions import Function, defun, intern_name
from lisp.machine import Frame, Node, SwitchProcess, UNDO, bind_special
from lisp.macros import defmacro, args_of, body_of, gensym, L
from lisp.objects import NIL, T, Cons, LString, SingleFloat, cl_sym, keyword, sys_sym
from .interrupts import (INTERRUPTS_ENABLED, ALLOW_WITH_INTERRUPTS, PREEMPTION_DISABLED,
                         Interrupt, enter_mask, deliverable, deliver_pending, start_interrupt,
                         send_interrupt, kill_without_cleanups)

S = cl_sym
QUOTE, LAMBDA, LET, LIST, LIST_STAR = S("QUOTE"), S("LAMBDA"), S("LET"), S("LIST"), S("LIST*")
WITHOUT_INTERRUPTS = intern_name("SB-SYS:WITHOUT-INTERRUPTS")
ALLOW_MACRO = intern_name("SB-SYS:ALLOW-WITH-INTERRUPTS")
LOCAL_MACRO = intern_name("SB-SYS:WITH-LOCAL-INTERRUPTS")
CALL_WITHOUT = intern_name("SB-SYS::%CALL-WITHOUT-INTERRUPTS")
CALL_LOCAL = intern_name("SB-SYS::%CALL-WITH-LOCAL-INTERRUPTS")
CALL_WITH = intern_name("SB-SYS::%CALL-WITH-INTERRUPTS")


def enabled_now() -> bool:
    """Are interrupts enabled in the running process?"""
    return symbol_value(INTERRUPTS_ENABLED) is not NIL


def allowed_now() -> bool:
    """May WITH-INTERRUPTS enable interrupts in the running process?"""
    return symbol_value(ALLOW_WITH_INTERRUPTS) is not NIL


# ---------------------------------------------------------------- the masking macros
@defmacro("SB-SYS:WITHOUT-INTERRUPTS")
def m_without_interrupts(form, env):
    """(without-interrupts body...): BODY runs with interrupts disabled and
    not allowed; ALLOW-WITH-INTERRUPTS and WITH-LOCAL-INTERRUPTS inside it
    restore the allow state outside it."""
    outer = gensym("OUTER-ALLOW")
    forms = gensym("FORMS")
    allow = L(ALLOW_MACRO, L(S("&BODY"), forms),
              L(LIST_STAR, L(QUOTE, LET),
                L(LIST, L(LIST, L(QUOTE, ALLOW_WITH_INTERRUPTS), L(QUOTE, outer))), forms))
    local = L(LOCAL_MACRO, L(S("&BODY"), forms),
              L(LIST, L(QUOTE, CALL_LOCAL), L(QUOTE, outer),
                L(LIST_STAR, L(QUOTE, LAMBDA), NIL, forms)))
    return L(CALL_WITHOUT,
             L(LAMBDA, L(outer),
               Cons(S("MACROLET"), Cons(L(allow, local), body_of(form, 0)))))


def _only_inside(name):
    def expand(form, env):
        raise lisp_error("SIMPLE-ERROR", "~S is valid only inside ~S.", name, WITHOUT_INTERRUPTS)
    return expand


defmacro("SB-SYS:ALLOW-WITH-INTERRUPTS")(_only_inside(ALLOW_MACRO))
defmacro("SB-SYS:WITH-LOCAL-INTERRUPTS")(_only_inside(LOCAL_MACRO))


@defmacro("SB-SYS:WITH-INTERRUPTS")
def m_with_interrupts(form, env):
    """(with-interrupts body...): enable interrupts for BODY if they are
    allowed, taking pending ones before BODY runs."""
    return L(CALL_WITH, Cons(LAMBDA, Cons(NIL, body_of(form, 0))))


@defun("SB-SYS::%CALL-WITHOUT-INTERRUPTS", "function", kind="control")
def call_without_interrupts(m, args):
    """Call FUNCTION with the allow state outside, under a mask that
    disables interrupts and disallows WITH-INTERRUPTS."""
    outer = symbol_value(ALLOW_WITH_INTERRUPTS)
    enter_mask(m, NIL, allow=NIL)
    m.invoke(args[0], [outer])


@defun("SB-SYS::%CALL-WITH-LOCAL-INTERRUPTS", "outer-allow function", kind="control")
def call_with_local_interrupts(m, args):
    """WITH-LOCAL-INTERRUPTS: interrupts enabled and allowed as far as the
    enclosing WITHOUT-INTERRUPTS was allowed to (OUTER-ALLOW)."""
    outer, fn = args
    enter_mask(m, outer, allow=outer)
    m.invoke(fn, [])
    if outer is not NIL:
        _take_pending(m)


@defun("SB-SYS::%CALL-WITH-INTERRUPTS", "function", kind="control")
def call_with_interrupts(m, args):
    enabled, allowed = enabled_now(), allowed_now()
    enter_mask(m, T if enabled or allowed else NIL)
    m.invoke(args[0], [])
    if allowed and not enabled:
        _take_pending(m)


def _take_pending(m):
    """Start the first pending interrupt now, before the step that was
    about to run (the body's start, kept in the interrupt's ResumeFrame)."""
    p = m.proc
    if p is not None:
        deliver_pending(m, p)


class _ThunkNode(Node):
    """A node that runs a Python function of the machine: the first
    attempt of a wait, postponed until pending interrupts have run."""
    __slots__ = ("thunk",)

    def __init__(self, thunk):
        self.fn = None
        self.form = None
        self.thunk = thunk

    def exec(self, m):
        self.thunk(m)


def interruptibly(m, start):
    """Run START(m), the first attempt of a blocking operation, inside
    SBCL's WITH-INTERRUPTS: if interrupts are disabled but allowed, enable
    them for the wait and take pending interrupts before it starts. The
    operation's value returns through the mask, which is left as it
    completes."""
    p = m.proc
    if p is not None and not enabled_now() and allowed_now():
        enter_mask(m, T)
        if deliverable(p):
            m.node = _ThunkNode(start)
            start_interrupt(m, p)
            return
    start(m)


# ---------------------------------------------------------------- atomic sections
@defun("SB-SYS::%CALL-ATOMICALLY", "function", kind="control")
def call_atomically(m, args):
    """Call FUNCTION with interrupts disabled and preemption off: no other
    process runs and no interrupt is taken until it returns (the general
    case of the atomic place operators, SPEC 4.8)."""
    enter_mask(m, NIL)
    bind_special(m, PREEMPTION_DISABLED, T)
    m.invoke(args[0], [])


# ---------------------------------------------------------------- timers
# Timer processes are machinery, not threads of the program: LIST-ALL-THREADS
# does not show them, as SBCL shows no thread for a timer.
TIMER_PROCESSES: "weakref.WeakSet" = weakref.WeakSet()


class Timer:
    """A one-shot timer: at DEADLINE (monotonic seconds), queue INTERRUPT
    for TARGET, unless cancelled first."""
    __slots__ = ("target", "interrupt", "deadline", "process")

    def __init__(self, target, interrupt, deadline):
        self.target = target
        self.interrupt = interrupt
        self.deadline = deadline
        self.process = None


class _TimerWait(Function):
    """The body of a timer process: sleep until the deadline, then fire."""
    __slots__ = ("timer",)

    def __init__(self, timer):
        self.name = sys_sym("%TIMER")
        self.timer = timer

    def invoke(self, m, args):
        timer = self.timer
        m.node = _TimerFire(timer)
        m.scheduler.block(m.proc, f"the timer of {timer.target.name}",
                          max(0.0, timer.deadline - time.monotonic()))
        raise SwitchProcess()


class _TimerFire(Node):
    __slots__ = ("timer",)

    def __init__(self, timer):
        self.fn = None
        self.form = None
        self.timer = timer

    def exec(self, m):
        timer = self.timer
        if time.monotonic() < timer.deadline:     # woken early: sleep on
            _TimerWait(timer).invoke(m, [])
        send_interrupt(m.scheduler, timer.target, timer.interrupt)
        m.value = NIL
        m.node = None


def arm_timer(m, seconds, function, target=None) -> Timer:
    """After SECONDS, interrupt TARGET (default: the running process) with
    FUNCTION. The timer is a hidden process of its own."""
    target = m.proc if target is None else target
    timer = Timer(target, Interrupt(function), time.monotonic() + float(seconds))
    p = m.scheduler.spawn(_TimerWait(timer), [], name=f"timer for {target.name}")
    TIMER_PROCESSES.add(p)
    timer.process = p
    return timer


def disarm_timer(sched, timer: Timer):
    """Cancel TIMER: its process ends, and an interrupt it already queued
    but that has not started yet is withdrawn."""
    if timer.process is not None and timer.process.alive:
        kill_without_cleanups(sched, timer.process)
    try:
        timer.target.interrupts.remove(timer.interrupt)
    except ValueError:
        pass


class TimerFrame(Frame):
    """Below a timed body: leaving it, normally or by unwinding, disarms
    the timer in that same step."""
    __slots__ = ("timer",)
    unwinds = UNDO

    def __init__(self, timer):
        self.timer = timer

    def resume(self, m):
        disarm_timer(m.scheduler, self.timer)

    def undo(self, m):
        disarm_timer(m.scheduler, self.timer)

    def describe(self):
        return None


def check_seconds(x):
    if type(x) not in (int, float, Fraction, SingleFloat) or x < 0:
        raise type_error(x, L(S("REAL"), 0))
    return x


def call_with_timer(m, seconds, interrupt_function, thunk):
    """Call THUNK with a timer armed to interrupt this process with
    INTERRUPT_FUNCTION after SECONDS; arming, protecting and starting the
    body are one step."""
    timer = arm_timer(m, check_seconds(seconds), interrupt_function)
    m.k.append(TimerFrame(timer))
    m.invoke(thunk, [])


@defun("SB-EXT::%CALL-WITH-TIMER", "seconds interrupt-function function", kind="control")
def lisp_call_with_timer(m, args):
    call_with_timer(m, *args)


# ---------------------------------------------------------------- SB-EXT:WITH-TIMEOUT
from lisp.conditions import condition_class, slot_value  # noqa: E402


def _timeout_report(c, stream):
    from lisp.printer import princ_to_string
    seconds = slot_value(c, "SECONDS")
    if seconds is NIL:
        stream.write("Timeout occurred.")
    else:
        plural = "" if type(seconds) is int and seconds == 1 else "s"
        stream.write(f"Timeout occurred after {princ_to_string(seconds)} second{plural}.")


TIMEOUT_CLASS = condition_class("SB-EXT:TIMEOUT", ["SERIOUS-CONDITION"],
                                [("SECONDS", "SECONDS")], _timeout_report)


class _SignalTimeout(Function):
    """The interrupt a WITH-TIMEOUT timer sends: SBCL's
    (cerror "Continue" 'sb-ext:timeout :seconds expires)."""
    __slots__ = ("seconds",)

    def __init__(self, seconds):
        self.name = intern_name("SB-EXT::%SIGNAL-TIMEOUT")
        self.seconds = seconds

    def invoke(self, m, args):
        m.invoke(S("CERROR"), [LString("Continue"), TIMEOUT_CLASS.name,
                               keyword("SECONDS"), self.seconds])


@defmacro("SB-EXT:WITH-TIMEOUT")
def m_with_timeout(form, env):
    """(with-timeout expires body...): run BODY; if it has not finished
    after EXPIRES seconds, interrupt it and signal SB-EXT:TIMEOUT there
    (with a CONTINUE restart that lets BODY go on)."""
    (expires,) = args_of(form, 1)[:1]
    return L(intern_name("SB-EXT::%CALL-WITH-TIMEOUT"), expires,
             Cons(LAMBDA, Cons(NIL, body_of(form, 1))))


@defun("SB-EXT::%CALL-WITH-TIMEOUT", "seconds function", kind="control")
def call_with_timeout(m, args):
    seconds, fn = args
    call_with_timer(m, seconds, _SignalTimeout(seconds), fn)


def _word_type(args):
    return L(S("UNSIGNED-BYTE"), 64)


def _install_word_type():
    from lisp.types import DEFTYPES
    DEFTYPES[intern_name("SB-EXT:WORD")] = _word_type


_install_word_type()

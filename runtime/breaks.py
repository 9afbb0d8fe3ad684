"""Racket-style breaks (SPEC 6): state, holding and delivery.

State. A break parameterization is a ``BreakParameterization``; the current
one is the value, in the process, of RACKET::*BREAK-PARAMETERIZATION*.
Racket's break-enabled cell is a thread cell that is not preserved, so each
process has its own value for each parameterization, defaulting to the
parameterization's ``initial`` flag (``BreakState.cells``). A new process
gets its creator's parameterization object bound (SPEC 6.5) but not the
creator's cell values.

Holding. ``break_thread`` records the break in the target's ``held`` slot;
several collapse into the strongest (terminate > hang-up > interrupt, SPEC
6.2), and a blocked target is woken.

Delivery, with the interrupt discipline (runtime/interrupts.py): a held
break is raised at a step boundary where the process's breaks are enabled,
the first one (SPEC 6.3). Every place where breaks can go from disabled to
enabled checks:
  - the scheduler loading the process (``Scheduler.break_hook``),
  - (break-enabled t), entering an enabled parameterization,
  - leaving a binding normally (``BreakCheckFrame.resume``) or by
    unwinding (its ``undo`` sets ``machine.check_interrupts``; the
    scheduler's deliver hook calls ``deliver_held`` on arrival),
  - break-thread of oneself.
Raising pushes an ``interrupts.ResumeFrame`` (so the CONTINUE restart of
RACKET::%RAISE-BREAK resumes the interrupted computation, SPEC 6.9) and
calls RACKET::%RAISE-BREAK (stdlib/racket.lisp), which signals with breaks
disabled (SPEC 6.6).

Unwind-protect cleanups run with breaks disabled: ``cleanup_hook`` is the
machine's ``cleanup_hook`` and binds a fresh disabled parameterization
(a ``CleanupBreaksFrame``) in the same step that starts the cleanup; its
end continues the unwinding in the same step. SIGNAL (stdlib/conditions.lisp)
searches for handlers with breaks disabled. So from a raise to the handler
that takes it, no step boundary has breaks enabled (SPEC 6.6): a held break
waits for the unwinding to arrive.
"""
from __future__ import annotations

import weakref

from lisp.dynamic import MISSING
from lisp.machine import Frame, ContinueUnwindFrame, SpecialBindFrame, bind_special, UNDO
from lisp.objects import Package, find_package, keyword
from .interrupts import ResumeFrame

RACKET = find_package("RACKET") or Package("RACKET", use=[find_package("COMMON-LISP")])

KIND_ORDER = {"interrupt": 0, "hang-up": 1, "terminate": 2}


class BreakParameterization:
    """A break parameterization (Racket's break thread cell): its value
    in a process that never set it is INITIAL."""
    __slots__ = ("initial", "__weakref__")

    def __init__(self, initial: bool):
        self.initial = initial

    def lisp_repr(self):
        return "#<BREAK-PARAMETERIZATION>"


def _special(name, value):
    s = RACKET.intern(name)[0]
    s.flags |= 1
    s.value = value
    return s


BREAK_PARAMETERIZATION = _special("*BREAK-PARAMETERIZATION*", BreakParameterization(True))


class BreakState:
    """A process's break cells and its held break (None or a kind)."""
    __slots__ = ("cells", "held", "signals")

    def __init__(self):
        self.cells: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
        self.held = None
        self.signals = 0          # console signals received while a break is held


STATES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
# Processes with a held break: the scheduler's load hook looks here first,
# so processes without one pay a dictionary test per slice.
HELD: "weakref.WeakSet" = weakref.WeakSet()


def state_of(p) -> BreakState:
    s = STATES.get(p)
    if s is None:
        s = STATES[p] = BreakState()
    return s


def current_parameterization(p) -> BreakParameterization:
    v = p.dyn.get(BREAK_PARAMETERIZATION, MISSING)
    return BREAK_PARAMETERIZATION.value if v is MISSING else v


def breaks_enabled(p) -> bool:
    param = current_parameterization(p)
    s = STATES.get(p)
    if s is None:
        return param.initial
    return s.cells.get(param, param.initial)


def set_breaks_enabled(p, flag: bool):
    state_of(p).cells[current_parameterization(p)] = flag


# ---------------------------------------------------------------- raising
def raise_break(m, p, node=MISSING):
    """Raise P's held break now (P is running, at a step boundary). NODE,
    when given, is where the interrupted computation continues (a wait's
    retry node) instead of the current node."""
    s = state_of(p)
    kind = s.held
    s.held = None
    s.signals = 0
    HELD.discard(p)
    m.k.append(ResumeFrame(m.node if node is MISSING else node, m.env, m.value))
    m.invoke(RACKET.intern("%RAISE-BREAK")[0], [keyword(kind.upper())])


def deliver_held(m, p) -> bool:
    """Raise P's held break if P's breaks are enabled (a step boundary)."""
    if p in HELD and breaks_enabled(p):
        raise_break(m, p)
        return True
    return False


def break_thread(m, target, kind="interrupt"):
    """Send a break of KIND to TARGET (SPEC 6.1, 6.2): hold it, collapsing
    with one already held into the strongest; wake TARGET if blocked. A
    break aimed at a process running CALL-IN-NESTED-THREAD with breaks
    enabled goes to the nested process (SPEC 6.8). The caller finishes its
    step; if TARGET is the caller, the break is raised at once when its
    breaks are enabled."""
    while target in NESTED and NESTED[target].alive and breaks_enabled(target):
        target = NESTED[target]
    if not target.alive:
        return
    s = state_of(target)
    if s.held is None or KIND_ORDER[kind] > KIND_ORDER[s.held]:
        s.held = kind
    HELD.add(target)
    sched = m.scheduler
    sched.wake(target)
    if target is m.proc and sched.current is target:
        deliver_held(m, target)


SIGNAL_KINDS = {2: "interrupt", 1: "hang-up", 15: "terminate"}   # SIGINT, SIGHUP, SIGTERM


def console_signal(sched, main, signum):
    """SIGNUM arrived for the program (SPEC 1, 6): a break of the signal's
    kind to MAIN, delivered at this step boundary. If MAIN's breaks stay
    disabled so a break is still held, a second signal prints MAIN's
    backtrace on stderr, and a third ends its computation without cleanups
    (saying so): the REPL prompts again, a script exits with the signal's
    status."""
    import sys
    from lisp.prims.toplevel import format_backtrace
    from .process import ToplevelExit
    m = sched.machine
    s = state_of(main)
    if main in HELD:
        s.signals += 1
    sched.wake(main)
    sched.load(main)          # raises the held break if breaks are enabled
    try:
        if s.signals == 1:
            sys.stderr.write("Breaks are disabled; the break is held. Backtrace of "
                             f"{main.name}:\n{format_backtrace(m, current=True)}\n")
            sys.stderr.flush()
        elif s.signals >= 2:
            sys.stderr.write("Breaks are still disabled: evaluation killed without "
                             "running its cleanups.\n")
            sys.stderr.flush()
            s.held = None
            s.signals = 0
            HELD.discard(main)
            del m.k[2:]       # keep only the process's top frames: no cleanup runs
            m.throw(main.toplevel_tag, ToplevelExit(signal=signum))
        else:
            break_thread(m, main, SIGNAL_KINDS.get(signum, "interrupt"))
    finally:
        sched.save(main)
        sched.current = None


# call-in-nested-thread: caller -> nested process (SPEC 6.8)
NESTED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


# ---------------------------------------------------------------- binding
class BreakCheckFrame(Frame):
    """Below a binding of *BREAK-PARAMETERIZATION*: when the binding is
    left, a break held meanwhile is raised if breaks are enabled again
    (SPEC 6.3). Left by unwinding, the check waits for the unwinding to
    arrive (breaks are disabled during it, SPEC 6.6)."""
    __slots__ = ()
    unwinds = UNDO

    def resume(self, m):
        p = m.proc
        if p is not None and p in HELD:
            deliver_held(m, p)

    def undo(self, m):
        p = m.proc
        if p is not None and p in HELD:
            m.check_interrupts = True

    def describe(self):
        return None


BREAK_CHECK = BreakCheckFrame()


def enter_parameterization(m, param: BreakParameterization):
    """Bind PARAM as the current break parameterization for what the
    caller starts next in this step (a body's first node). If that enables
    breaks and one is held, it is raised before the body's first step."""
    m.k.append(BREAK_CHECK)
    bind_special(m, BREAK_PARAMETERIZATION, param)


def check_after_enable(m, p):
    """Breaks may have just become enabled in P: raise a held one."""
    if p is not None and p in HELD:
        deliver_held(m, p)


class CleanupBreaksFrame(SpecialBindFrame):
    """The disabled break parameterization of a running unwind-protect
    cleanup (SPEC 6.6). When the cleanup ends, the binding is undone and,
    in the same step, the exit in progress (the ContinueUnwindFrame below)
    goes on, so no step boundary falls between the cleanup and the rest
    of the unwinding with the raise point's parameterization current: a
    break held meanwhile is raised only when the unwinding arrives. After
    a cleanup on a normal exit, a held break is raised at once if breaks
    are enabled again (SPEC 6.3)."""
    __slots__ = ()

    def resume(self, m):
        self.undo_binding(m)
        k = m.k
        if k and type(k[-1]) is ContinueUnwindFrame:
            k.pop().resume(m)
        else:
            p = m.proc
            if p is not None and p in HELD:
                deliver_held(m, p)

    undo_binding = SpecialBindFrame.undo

    def undo(self, m):
        self.undo_binding(m)
        p = m.proc
        if p is not None and p in HELD:
            m.check_interrupts = True

    def describe(self):
        return None


def cleanup_hook(m, frame):
    """Machine.cleanup_hook: an unwind-protect cleanup is starting (normal
    exit or unwinding); it runs with breaks disabled (SPEC 6.6)."""
    d = m.dyn
    m.k.append(CleanupBreaksFrame(BREAK_PARAMETERIZATION, d.get(BREAK_PARAMETERIZATION, MISSING)))
    d[BREAK_PARAMETERIZATION] = BreakParameterization(False)


def inherit_hook(m, p):
    """Scheduler.inherit_hook: P, just created by the running process,
    starts with its creator's current parameterization (SPEC 6.5)."""
    creator = m.proc
    if creator is not None:
        v = creator.dyn.get(BREAK_PARAMETERIZATION, MISSING)
        if v is not MISSING:
            p.dyn[BREAK_PARAMETERIZATION] = v


def load_hook(m, p):
    """Scheduler.break_hook: P is being loaded or an unwinding arrived."""
    if p in HELD:
        deliver_held(m, p)


def install(machine_class, scheduler_class):
    machine_class.cleanup_hook = staticmethod(cleanup_hook)
    scheduler_class.break_hook = staticmethod(load_hook)
    scheduler_class.inherit_hook = staticmethod(inherit_hook)


def _install():
    from lisp.machine import Machine
    from .scheduler import Scheduler
    install(Machine, Scheduler)


_install()

"""Interrupts, masks and kills (SPEC 4 and 5).

The mask. Whether a process accepts interrupts is the value, in that
process, of the special variable SB-SYS:*INTERRUPTS-ENABLED*. Every masking
operator of every dialect binds it (SB-SYS:WITHOUT-INTERRUPTS,
MP:WITH-INTERRUPTS-BLOCKED, MT:WITH-DEFERRED-INTERRUPTS, the old
MP:WITHOUT-INTERRUPTS), so masks nest, are per process, and are undone by
any exit like every other binding. SB-SYS:*ALLOW-WITH-INTERRUPTS* says
whether SB-SYS:WITH-INTERRUPTS may enable them again (SBCL's model), and
SYS::*INTERRUPT-BLOCKING-LEVEL* whether we are inside a LispWorks blocking
macro (where CURRENT-PROCESS-(UN)BLOCK-INTERRUPTS may change the innermost
binding; outside one they signal an error, SPEC 4.7).

Delivery protocol (ARCHITECTURE 3). Sending an interrupt only queues it on
the target and wakes the target if it is blocked. The target takes its
queue at a step boundary where its interrupts are enabled:
  - when the scheduler is about to run it (``Scheduler.load``),
  - when a mask exits normally (``MaskExitFrame.resume``) or is unwound
    through (``MaskExitFrame.undo`` sets ``machine.check_interrupts``,
    looked at when the unwinding arrives),
  - when an operator enables interrupts (WITH-INTERRUPTS, unblocking),
  - right after a process interrupts itself.
``start_interrupt`` saves the registers in a ``ResumeFrame`` and calls the
function with interrupts disabled but allowed (SPEC 4.3); when the function
returns, the ResumeFrame restores the registers, so a blocked target goes
back to its wait (its node is the wait's retry node, SPEC 4.1), and the
next queued interrupt, if any, starts there (FIFO, SPEC 4.2). A non-local
exit from the function unwinds the target normally (SPEC 4.4); the
ResumeFrame is simply popped with everything else.
"""
from __future__ import annotations

from lisp.dynamic import MISSING
from lisp.functions import Function
from lisp.machine import Frame, CatchFrame, bind_special, UNDO
from lisp.objects import NIL, T, Package, sys_sym, find_package, SYSTEM

SB_SYS = find_package("SB-SYS") or Package("SB-SYS", use=[find_package("COMMON-LISP")])


def _special(pkg, name, value):
    s = pkg.intern(name)[0]
    pkg.export(s)
    s.flags |= 1
    s.value = value
    return s


INTERRUPTS_ENABLED = _special(SB_SYS, "*INTERRUPTS-ENABLED*", T)
ALLOW_WITH_INTERRUPTS = _special(SB_SYS, "*ALLOW-WITH-INTERRUPTS*", T)
BLOCKING_LEVEL = _special(SYSTEM, "*INTERRUPT-BLOCKING-LEVEL*", 0)
PREEMPTION_DISABLED = _special(SYSTEM, "*PREEMPTION-DISABLED*", NIL)


class Interrupt:
    """A queued interrupt. ``override`` interrupts ignore the mask
    (MT:THREAD-INTERRUPT :OVERRIDE T)."""
    __slots__ = ("function", "args", "override")

    def __init__(self, function, args=(), override=False):
        self.function = function
        self.args = list(args)
        self.override = override


def value_in(p, sym):
    v = p.dyn.get(sym, MISSING)
    return sym.value if v is MISSING else v


def interrupts_enabled(p) -> bool:
    return value_in(p, INTERRUPTS_ENABLED) is not NIL


def deliverable(p) -> bool:
    q = p.interrupts
    if not q:
        return False
    return value_in(p, INTERRUPTS_ENABLED) is not NIL or any(i.override for i in q)


def _next_interrupt(p) -> Interrupt:
    """Take the interrupt P runs next: the oldest, or while P's interrupts
    are disabled the oldest override one (it ignores the deferral, the
    others keep waiting in order)."""
    q = p.interrupts
    if value_in(p, INTERRUPTS_ENABLED) is not NIL:
        return q.popleft()
    intr = next(i for i in q if i.override)
    q.remove(intr)
    return intr


class ResumeFrame(Frame):
    """Below a running interrupt function: the registers of the interrupted
    computation, restored when the function returns."""
    __slots__ = ("node", "env", "value")
    shows_form = True

    def __init__(self, node, env, value):
        self.node = node
        self.env = env
        self.value = value

    def resume(self, m):
        m.node = self.node
        m.env = self.env
        m.value = self.value
        p = m.proc
        if p is not None and deliverable(p):
            start_interrupt(m, p)


def start_interrupt(m, p):
    """Start P's first queued interrupt now (P is the running process, at a
    step boundary)."""
    intr = _next_interrupt(p)
    m.k.append(ResumeFrame(m.node, m.env, m.value))
    bind_special(m, ALLOW_WITH_INTERRUPTS, value_in(p, INTERRUPTS_ENABLED)
                 if not intr.override else T)
    bind_special(m, INTERRUPTS_ENABLED, NIL)
    m.invoke(intr.function, intr.args)


def deliver_pending(m, p):
    """Start P's first interrupt if it can be delivered now."""
    if deliverable(p):
        start_interrupt(m, p)
        return True
    return False


class MaskExitFrame(Frame):
    """Pushed below a mask's bindings: when the mask is left, interrupts
    that arrived while it was in force are delivered (SPEC 4.7)."""
    __slots__ = ()
    unwinds = UNDO

    def resume(self, m):
        p = m.proc
        if p is not None and p.interrupts:
            deliver_pending(m, p)

    def undo(self, m):
        p = m.proc
        if p is not None and p.interrupts:
            m.check_interrupts = True

    def describe(self):
        return None


MASK_EXIT = MaskExitFrame()


def enter_mask(m, enabled, allow=None, blocking_level=None):
    """Bind the interrupt state for a masking or unmasking form's body."""
    m.k.append(MASK_EXIT)
    if allow is not None:
        bind_special(m, ALLOW_WITH_INTERRUPTS, allow)
    if blocking_level is not None:
        bind_special(m, BLOCKING_LEVEL, blocking_level)
    bind_special(m, INTERRUPTS_ENABLED, enabled)


def send_interrupt(sched, target, intr: Interrupt) -> bool:
    """Queue INTR for TARGET. False if TARGET is dead (its interrupts are
    dropped, SPEC 5)."""
    if not target.alive:
        return False
    target.interrupts.append(intr)
    sched.wake(target)
    m = sched.machine
    if target is m.proc and sched.current is target:
        m.check_interrupts = True
    return True


# ---------------------------------------------------------------- kills
class KillFunction(Function):
    """The function a kill-with-cleanups interrupt runs in the target: an
    exit to the target's toplevel, running every pending cleanup (SPEC 5)."""
    __slots__ = ()

    def __init__(self):
        self.name = sys_sym("%KILL")

    def invoke(self, m, args):
        from .process import ToplevelExit
        exit_to_toplevel(m, ToplevelExit(killed=True))


KILL = KillFunction()


def exit_to_toplevel(m, payload):
    """Unwind the running process to its toplevel with PAYLOAD (a
    ToplevelExit), running its cleanups. A process whose function has
    returned has one step left, in which its toplevel catch is already
    gone: an exit arriving then has nothing to unwind and just replaces
    the values it is returning."""
    p = m.proc
    k = m.k
    if len(k) > 1 and type(k[1]) is CatchFrame and k[1].tag is p.toplevel_tag:
        m.throw(p.toplevel_tag, payload)
    else:
        del k[1:]
        m.value = payload
        m.node = None


def kill_with_cleanups(sched, target) -> bool:
    return send_interrupt(sched, target, Interrupt(KILL))


def kill_without_cleanups(sched, target):
    """Stop TARGET at once: no cleanup runs, locks it holds stay held, its
    pending interrupts are dropped, joiners and waiters on it are woken."""
    from lisp.machine import SwitchProcess
    from .process import ToplevelExit
    if not target.alive:
        return False
    target.exit = ToplevelExit(killed=True)
    target.results = []
    target.interrupts.clear()
    sched.process_finished(target)
    if sched.current is target:
        raise SwitchProcess()
    return True

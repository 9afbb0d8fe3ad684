"""Blocking is descheduling (ARCHITECTURE 5).

A blocking operation is an ``attempt`` function (machine, wait) that either
completes (sets ``m.value``, ``m.node = None``) or calls ``block_on`` to put
the process to sleep. The process's node is then a ``WaitNode`` for the
same wait: whenever the process runs again (woken by the resource, by its
timeout, or to take an interrupt and come back) the attempt is simply made
again. Resources keep FIFO lists of waiting processes and wake them when
they may succeed; a woken process that loses the race blocks again.

Timeouts use the scheduler's monotonic clock: a wait with a deadline is
also woken by its timer, and the attempt sees the deadline has passed.
"""
from __future__ import annotations

import time

from lisp.machine import Node, SwitchProcess
from lisp.objects import NIL


class Wait:
    """The state of one blocking operation in one process."""
    __slots__ = ("attempt", "deadline", "what", "data", "phase", "resources")

    def __init__(self, attempt, what, timeout=None, data=None):
        self.attempt = attempt
        self.what = what              # for deadlock reports and backtraces
        self.deadline = None if timeout is None else time.monotonic() + max(0.0, float(timeout))
        self.data = data
        self.phase = 0
        self.resources = []           # waiter lists this wait is on

    def timed_out(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def remaining(self):
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - time.monotonic())


class WaitNode(Node):
    """The node a blocked process resumes at: try the wait again."""
    __slots__ = ("wait",)

    def __init__(self, wait: Wait):
        self.fn = None
        self.wait = wait
        self.form = None

    def exec(self, m):
        w = self.wait
        _leave_waiter_lists(m.proc, w)
        w.attempt(m, w)


def _leave_waiter_lists(p, w):
    for lst in w.resources:
        try:
            lst.remove(p)
        except ValueError:
            pass
    w.resources = []


def run_wait(m, w: Wait):
    """Make the first attempt of W now (inside the current step)."""
    w.attempt(m, w)


def block_on(m, w: Wait, *waiter_lists):
    """Deschedule the running process until one of WAITER_LISTS wakes it or
    W's deadline passes; then W's attempt runs again."""
    p = m.proc
    sched = m.scheduler
    if m.nested or sched is None or p is None:
        from lisp.errors import lisp_error
        from lisp.objects import LString
        raise lisp_error("CONTROL-ERROR",
                         "cannot wait for ~A here: the process is inside a nested evaluation "
                         "(a macro expander or a print method) that must finish in one step",
                         LString(str(w.what)))
    for lst in waiter_lists:
        lst.append(p)
        w.resources.append(lst)
    m.node = WaitNode(w)
    sched.block(p, w.what, w.remaining())
    raise SwitchProcess()


def wake_first(sched, waiters):
    """Wake the first live waiter in WAITERS (it will retry its attempt)."""
    while waiters:
        p = waiters.popleft() if hasattr(waiters, "popleft") else waiters.pop(0)
        if p.alive:
            sched.wake(p)
            return p
    return None


def wake_all(sched, waiters):
    ps = list(waiters)
    waiters.clear()
    for p in ps:
        if p.alive:
            sched.wake(p)


def complete(m, value=NIL):
    m.value = value
    m.node = None

"""The scheduler: runs green processes in a fixed quantum of machine steps.

Determinism (SPEC 3): processes run round-robin from a FIFO run queue, each
for ``quantum`` steps unless it blocks or ends first. Nothing but the step
count decides preemption, so a program with the same input and no timing
runs the same interleaving every time. Timers (sleep, timeouts) are kept on
a monotonic clock; when every process is blocked the scheduler sleeps until
the next timer, using no CPU. When every live process is blocked and no
timer can wake one, that is a deadlock.
"""
from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import deque

from lisp.dynamic import state
from lisp.machine import SwitchProcess
from .process import Process, RUNNABLE, BLOCKED, DEAD

DEFAULT_QUANTUM = 1000


class Scheduler:
    def __init__(self, machine, quantum: int = DEFAULT_QUANTUM):
        self.machine = machine
        machine.scheduler = self
        self.quantum = quantum
        self.run_queue: deque[Process] = deque()
        self.current: Process | None = None
        self.processes: list[Process] = []
        self.timers: list = []          # heap of (time, seq, process)
        self._seq = itertools.count()
        self.main: Process | None = None
        self.pending_signals: list[int] = []   # set by signal handlers only
        self.wakeup = threading.Event()        # set to end an idle wait early

    # -- processes
    def spawn(self, fn, args=(), name="Anonymous", is_main=False) -> Process:
        p = Process(self, name, is_main)
        p.start(fn, args)
        self.processes.append(p)
        self.run_queue.append(p)
        return p

    def process_finished(self, p: Process):
        """Called (in the dying process's last step) when P's continuation is
        exhausted."""
        p.state = DEAD
        p.k = []
        p.node = None
        if p in self.processes:
            self.processes.remove(p)
        for w in p.joiners:
            self.wake(w)
        p.joiners = []

    # -- blocking
    def block(self, p: Process, what, timeout: float | None = None):
        """Deschedule P (the running process) until woken; WHAT describes
        the wait for deadlock reports. The caller raises SwitchProcess."""
        p.state = BLOCKED
        p.waiting_for = what
        if timeout is not None:
            p.wake_time = time.monotonic() + max(0.0, timeout)
            heapq.heappush(self.timers, (p.wake_time, next(self._seq), p))
        else:
            p.wake_time = None

    def wake(self, p: Process):
        if p.state == BLOCKED:
            p.state = RUNNABLE
            p.waiting_for = None
            p.wake_time = None
            self.run_queue.append(p)

    def _fire_timers(self):
        now = time.monotonic()
        timers = self.timers
        while timers and timers[0][0] <= now:
            t, _, p = heapq.heappop(timers)
            if p.state == BLOCKED and p.wake_time == t:
                self.wake(p)

    # -- running
    def load(self, p: Process):
        m = self.machine
        m.k = p.k
        m.node = p.node
        m.env = p.env
        m.value = p.value
        m.dyn = p.dyn
        m.proc = p
        state.dyn = p.dyn
        self.current = p

    def save(self, p: Process):
        m = self.machine
        p.node = m.node
        p.env = m.env
        p.value = m.value

    def run_until(self, done) -> None:
        """Run processes until DONE() is true."""
        m = self.machine
        while not done():
            if not self.run_queue:
                self._fire_timers()
                if not self.run_queue:
                    if not self._idle_wait():
                        self.deadlock()
                    continue
            p = self.run_queue.popleft()
            if p.state != RUNNABLE:
                continue
            self.load(p)
            try:
                m.run(self.quantum)
            except SwitchProcess:
                pass
            if p.state != DEAD:
                depth = len(m.k)
                if depth > (p.depth_limit or m.depth_limit):
                    self._stack_exhausted(p, depth)
                elif p.depth_limit and depth < m.depth_limit // 2:
                    p.depth_limit = None
                self.save(p)
                if p.state == RUNNABLE:
                    self.run_queue.append(p)
            if self.timers:
                self._fire_timers()
            self.current = None
            if self.pending_signals:
                self.deliver_signals()

    def _stack_exhausted(self, p, depth):
        """P's continuation outgrew the depth limit (SPEC 2): signal a
        STORAGE-CONDITION in it, at this step boundary. Its handlers run on
        top of the deep continuation, so P is allowed a tenth more while
        they do; the allowance ends once P is shallow again."""
        from lisp.errors import LispError
        m = self.machine
        p.depth_limit = depth + max(1000, depth // 10)
        m.signal_python_error(LispError("SYS::CONTROL-STACK-EXHAUSTED",
                                        {"DEPTH": depth, "LIMIT": m.depth_limit}))

    def _idle_wait(self) -> bool:
        """Sleep until the next timer. False when nothing could ever wake a
        process."""
        if self.pending_signals:
            self.deliver_signals()
            return True
        if not self.timers:
            return False
        delay = self.timers[0][0] - time.monotonic()
        if delay > 0:
            self.wakeup.wait(delay)
            self.wakeup.clear()
        if self.pending_signals:
            self.deliver_signals()
        self._fire_timers()
        return True

    def deliver_signals(self):
        """Deliver SIGINT/SIGHUP/SIGTERM to the main process at this step
        boundary: it unwinds to its toplevel, running its cleanups (issue 4
        makes these Racket breaks)."""
        from .process import ToplevelExit
        from lisp.errors import LispError
        while self.pending_signals:
            signum = self.pending_signals.pop(0)
            main = self.main
            if main is None or not main.alive:
                continue
            self.wake(main)
            self.load(main)
            try:
                self.machine.throw(main.toplevel_tag, ToplevelExit(signal=signum))
            except LispError:
                pass           # already unwinding past its toplevel
            self.save(main)
            self.current = None

    def deadlock(self):
        """Every live process is blocked and nothing can wake one (SPEC 3):
        signal an error in the main process (issue: the MP:DEADLOCK
        condition is defined with the process APIs)."""
        main = self.main
        waits = [f"{p.name}: {p.waiting_for}" for p in self.processes if p.state == BLOCKED]
        raise DeadlockError(waits)

    def nested_poll(self, m):
        """Between slices of a nested run (Machine.call_nested)."""
        return None


class DeadlockError(Exception):
    def __init__(self, waits):
        super().__init__("; ".join(waits))
        self.waits = waits

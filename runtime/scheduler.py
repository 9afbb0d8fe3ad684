"""The scheduler: runs green processes in a fixed quantum of machine steps.

Determinism (SPEC 3): processes run round-robin from a FIFO run queue, each
for ``quantum`` steps unless it blocks or ends first. Nothing but the step
count decides preemption, so a program with the same input and no timing
runs the same interleaving every time. A process whose
SYS::*PREEMPTION-DISABLED* is true (MP:WITHOUT-PREEMPTION and friends, SPEC
4.8) keeps the processor at the end of its quantum.

Timers (sleep, timeouts) are kept on a monotonic clock; when every process
is blocked the scheduler sleeps until the next timer or signal, using no
CPU. When every live process is blocked and nothing can wake one, that is a
deadlock: the main process gets an MP:DEADLOCK error (SPEC 3).

Processes waiting with a Lisp predicate (PROCESS-WAIT) are "pollers": they
re-run their predicate whenever another process has run since they last
looked. If only pollers are left and nothing has run since their last
look, none of them can ever succeed: that is a deadlock too.
"""
from __future__ import annotations

import heapq
import itertools
import os
import select
import time
import weakref
from collections import deque

from lisp.dynamic import state
from lisp.machine import SwitchProcess
from lisp.objects import NIL
from .process import Process, RUNNABLE, BLOCKED, DEAD

DEFAULT_QUANTUM = 1000


class Wakeup:
    """Ends the scheduler's idle wait early: set by the signal handlers and
    by the REPL's background runner. A self-pipe, not a threading.Event:
    a signal handler runs in the main thread between any two bytecodes,
    possibly while that thread holds the Event's internal lock, and setting
    the Event there would deadlock; a write to a pipe takes no lock. The
    command line also makes it the signal wakeup fd (frontend.arm_wakeup_fd),
    so a signal ends an idle select() the moment it arrives."""
    __slots__ = ("_r", "_w", "__weakref__")

    def __init__(self):
        self._r, self._w = os.pipe()
        os.set_blocking(self._r, False)
        os.set_blocking(self._w, False)
        weakref.finalize(self, _close_pipe, self._r, self._w)

    def fileno(self) -> int:
        """The end to write to (signal.set_wakeup_fd)."""
        return self._w

    def set(self):
        try:
            os.write(self._w, b"!")
        except OSError:         # full (a wakeup is already pending) or closed
            pass

    def wait(self, timeout=None, fd=None) -> bool:
        """Until set or TIMEOUT seconds passed, or also until FD is
        readable; consumes the setting. True when FD is readable."""
        fds = [self._r] if fd is None else [self._r, fd]
        try:
            ready, _, _ = select.select(fds, [], [], timeout)
        except (InterruptedError, ValueError, OSError):
            ready = [fd] if fd is not None else [self._r]
        if self._r in ready:
            try:
                while os.read(self._r, 512):
                    pass
            except OSError:     # drained
                pass
        return fd is not None and fd in ready


def _close_pipe(r, w):
    for fd in (r, w):
        try:
            os.close(fd)
        except OSError:
            pass


class Scheduler:
    def __init__(self, machine, quantum: int = DEFAULT_QUANTUM):
        self.machine = machine
        machine.scheduler = self
        machine.deliver_hook = _deliver_hook
        self.quantum = quantum
        self.run_queue: deque[Process] = deque()
        self.current: Process | None = None
        self.processes: list[Process] = []
        self.timers: list = []          # heap of (time, seq, process)
        self._seq = itertools.count()
        self.main: Process | None = None
        self.pending_signals: list[int] = []   # set by signal handlers only
        self.wakeup = Wakeup()                 # set to end an idle wait early
        self.console = None                    # lisp.console.ConsoleInput once a process waited on it
        self.pollers: list[Process] = []
        self.activity = 0                      # slices run by non-pollers
        self.deadlock_hook = None              # set by runtime.api

    # Set by runtime.breaks (staticmethods): break_hook(machine, process)
    # raises a held Racket break at a step boundary where breaks are
    # enabled; inherit_hook(machine, new_process) gives a new process its
    # creator's break parameterization (SPEC 6.3, 6.5).
    break_hook = None
    inherit_hook = None

    # -- processes
    def spawn(self, fn, args=(), name="Anonymous", is_main=False, dyn=None) -> Process:
        p = Process(self, name, is_main)
        if dyn:
            p.dyn.update(dyn)
        p.start(fn, args)
        self.processes.append(p)
        self.run_queue.append(p)
        return p

    def process_finished(self, p: Process):
        """P's continuation is exhausted, or P was killed without cleanups:
        it is dead; its pending interrupts are dropped and everything
        waiting for it is woken (SPEC 5)."""
        p.state = DEAD
        p.k = []
        p.node = None
        p.interrupts.clear()
        if p in self.processes:
            self.processes.remove(p)
        try:
            self.run_queue.remove(p)
        except ValueError:
            pass
        if p in self.pollers:
            self.pollers.remove(p)
        for w in p.joiners:
            self.wake(w)
        p.joiners = []

    # -- blocking
    def block(self, p: Process, what, timeout: float | None = None, poll=False):
        """Deschedule P (the running process) until woken. WHAT describes
        the wait for deadlock reports. The caller raises SwitchProcess."""
        p.state = BLOCKED
        p.waiting_for = what
        p.poll_mark = self.activity if poll else None
        if poll:
            self.pollers.append(p)
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
            if p in self.pollers:
                self.pollers.remove(p)
            self.run_queue.append(p)

    def _fire_timers(self):
        now = time.monotonic()
        timers = self.timers
        while timers and timers[0][0] <= now:
            t, _, p = heapq.heappop(timers)
            if p.state == BLOCKED and p.wake_time == t:
                self.wake(p)

    def _wake_pollers(self) -> bool:
        """Wake pollers that have not looked since another process ran."""
        woke = False
        for p in list(self.pollers):
            if p.poll_mark != self.activity:
                self.wake(p)
                woke = True
        return woke

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
        if p.interrupts:
            from .interrupts import deliver_pending
            from lisp.errors import LispError
            try:
                deliver_pending(m, p)
            except LispError as e:
                # calling the interrupt function failed (say, a wrong
                # number of arguments): an error in P, not in the scheduler
                m.signal_python_error(e)
        if self.break_hook is not None:
            self.break_hook(m, p)

    def save(self, p: Process):
        m = self.machine
        p.node = m.node
        p.env = m.env
        p.value = m.value

    def run_until(self, done) -> None:
        """Run processes until DONE() is true."""
        m = self.machine
        from .interrupts import PREEMPTION_DISABLED, value_in
        while not done():
            if not self.run_queue:
                self._fire_timers()
                if not self.run_queue and self.pollers:
                    self._wake_pollers()
                if not self.run_queue:
                    if not self._idle_wait():
                        self.deadlock()
                    continue
            p = self.run_queue.popleft()
            if p.state != RUNNABLE:
                continue
            self.load(p)
            try:
                while True:
                    m.run(self.quantum)
                    if p.state != RUNNABLE or value_in(p, PREEMPTION_DISABLED) is NIL:
                        break
                    self._check_depth(p)
            except SwitchProcess:
                pass
            if p.poll_mark is None or p.state != BLOCKED:
                self.activity += 1
            if p.state != DEAD:
                self._check_depth(p)
                self.save(p)
                if p.state == RUNNABLE:
                    self.run_queue.append(p)
            if self.timers:
                self._fire_timers()
            if self.pollers:
                # a poller looks again after every slice another process
                # ran, not only once nothing else is runnable (a process
                # that never blocks would starve it)
                self._wake_pollers()
            if self.console is not None and self.console.waiters:
                self._poll_console(0)
            self.current = None
            if self.pending_signals:
                self.deliver_signals()

    def run_steps(self, p: Process, n: int) -> int:
        """Run P alone for up to N machine steps (tests and the exactness
        sweeps use this to stop a process at an exact step). Returns the
        steps taken; fewer than N when P blocked or finished."""
        m = self.machine
        taken = 0
        if p.state != RUNNABLE:
            return 0
        try:
            self.run_queue.remove(p)
        except ValueError:
            pass
        self.load(p)
        try:
            while taken < n:
                m.run(1)
                taken += 1
        except SwitchProcess:
            taken += 1
        if p.state != DEAD:
            self.save(p)
            if p.state == RUNNABLE:
                self.run_queue.append(p)
        self.current = None
        return taken

    def _check_depth(self, p):
        m = self.machine
        depth = len(m.k)
        if depth > (p.depth_limit or m.depth_limit):
            self._stack_exhausted(p, depth)
        elif p.depth_limit and depth < m.depth_limit // 2:
            p.depth_limit = None

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
        """Sleep until the next timer, signal or console input a process
        waits for. False when nothing could ever wake a process."""
        if self.pending_signals:
            self.deliver_signals()
            return True
        console = self.console if self.console is not None and self.console.wants_input() \
            else None
        if not self.timers and console is None:
            return False
        delay = self.timers[0][0] - time.monotonic() if self.timers else None
        if delay is None or delay > 0:
            if console is not None:
                self._poll_console(delay)
            else:
                self.wakeup.wait(delay)
        if self.pending_signals:
            self.deliver_signals()
        self._fire_timers()
        return True

    def _poll_console(self, timeout):
        """Wait up to TIMEOUT seconds (None: no limit) for console input or
        a wakeup; input read wakes the processes waiting for it (SPEC 3:
        reading input blocks only the reader), who retry their reads."""
        from runtime.waiting import wake_all
        console = self.console
        if console.paused:
            return
        ready = self.wakeup.wait(timeout, console.fd)
        if ready and (console.fill() or console.eof):
            wake_all(self, console.waiters)

    def deadlock(self):
        """Every live process is blocked and nothing can wake one (SPEC 3)."""
        waits = [(p, p.waiting_for) for p in self.processes if p.state == BLOCKED]
        if self.deadlock_hook is not None and self.main is not None and self.main.alive:
            self.deadlock_hook(self, waits)
            return
        raise DeadlockError([f"{p.name}: {w}" for p, w in waits])

    def deliver_signals(self):
        """Deliver SIGINT/SIGHUP/SIGTERM to the main process at this step
        boundary as Racket breaks of kind interrupt, hang-up, terminate
        (SPEC 1, 6); see runtime.breaks.console_signal."""
        from .breaks import console_signal
        while self.pending_signals:
            signum = self.pending_signals.pop(0)
            main = self.main
            if main is None or not main.alive:
                continue
            console_signal(self, main, signum)

    def nested_poll(self, m):
        """Between slices of a nested run (Machine.call_nested)."""
        return None

    def kill_others(self, keep):
        """Kill every live process but KEEP, with cleanups, and run until
        they are all dead (a script's end, SPEC 1)."""
        from .interrupts import kill_with_cleanups
        others = [p for p in self.processes if p is not keep and p.alive]
        for p in others:
            kill_with_cleanups(self, p)
        try:
            self.run_until(lambda: all(not p.alive for p in others))
        except DeadlockError:
            pass



def _deliver_hook(m):
    """Machine hook: an unwinding popped a mask while interrupts were
    pending; deliver them now that the unwinding has arrived."""
    from .interrupts import deliver_pending
    p = m.proc
    if p is not None and p.interrupts:
        deliver_pending(m, p)
    hook = Scheduler.break_hook
    if p is not None and hook is not None:
        hook(m, p)


class DeadlockError(Exception):
    def __init__(self, waits):
        super().__init__("; ".join(waits))
        self.waits = waits

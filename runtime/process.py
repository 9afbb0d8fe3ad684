"""Green processes.

A process is the machine state of one Lisp thread of control: its
continuation, registers and dynamic bindings. Every dialect's thread object
(SB-THREAD thread, MP process, MT thread, BT thread, Racket thread) is a
``Process``. The bottom of every continuation is a ``ProcessTopFrame``;
just above it a ``CatchFrame`` with the process's own toplevel tag, to which
aborts and kills unwind.
"""
from __future__ import annotations

import itertools
from collections import deque

from lisp.machine import Frame, CatchFrame, SwitchProcess
from lisp.objects import NIL, MV

RUNNABLE = "runnable"
BLOCKED = "blocked"
DEAD = "dead"

_ids = itertools.count(1)

# Special variables whose value in every process is that process itself
# (SB-THREAD:*CURRENT-THREAD* and the like): each is bound in the new
# process's own bindings, so it reads right in every process and
# SYMBOL-VALUE-IN-THREAD sees a thread-local value, as in SBCL. Dialect
# modules append their variables when they are loaded.
SELF_VARIABLES: list = []


class ToplevelExit:
    """The payload thrown to a process's toplevel catch when its computation
    is abandoned: an unhandled error (``condition``), an exit (``code``) or
    a kill."""
    __slots__ = ("condition", "code", "killed", "report", "signal")

    def __init__(self, condition=None, code=None, killed=False, report=None, signal=None):
        self.condition = condition
        self.code = code
        self.killed = killed
        self.report = report
        self.signal = signal


class ProcessTopFrame(Frame):
    """Receives the process's final values."""
    __slots__ = ("proc",)

    def __init__(self, proc):
        self.proc = proc

    def resume(self, m):
        proc = self.proc
        v = m.value
        if type(v) is ToplevelExit:
            proc.exit = v
            proc.results = []
        else:
            proc.results = list(v) if type(v) is MV else [v]
        proc.scheduler.process_finished(proc)
        raise SwitchProcess()

    def describe(self):
        return None


class Process:
    __slots__ = ("id", "name", "k", "node", "env", "value", "dyn", "state",
                 "results", "exit", "scheduler", "wake_time", "waiting_for",
                 "toplevel_tag", "is_main", "interrupts", "plist", "joiners",
                 "lisp_object", "depth_limit", "poll_mark", "results_lock",
                 "terminate_method", "__weakref__")

    def __init__(self, scheduler, name="Anonymous", is_main=False):
        self.id = next(_ids)
        self.name = name
        self.scheduler = scheduler
        self.k: list = []
        self.node = None
        self.env = None
        self.value = NIL
        self.dyn: dict = {sym: self for sym in SELF_VARIABLES}
        self.state = RUNNABLE
        self.results = None          # list of values once finished normally
        self.exit: ToplevelExit | None = None
        self.wake_time = None
        self.waiting_for = None      # a description of what a blocked process waits for
        self.toplevel_tag = object()
        self.is_main = is_main
        self.interrupts = deque()
        self.plist = NIL
        self.joiners = []
        self.lisp_object = None
        self.depth_limit = None      # a raised limit while handling stack exhaustion
        self.poll_mark = None        # scheduler.activity when a poller last looked
        self.results_lock = None
        self.terminate_method = None  # (kind, function) from MP's terminate methods

    def start(self, fn, args):
        """Make the process call FN with ARGS when it first runs."""
        self.k = [ProcessTopFrame(self), CatchFrame(self.toplevel_tag)]
        self.node = _StartNode(fn, list(args))
        self.env = None

    @property
    def alive(self):
        return self.state != DEAD

    def __repr__(self):
        return f"#<PROCESS {self.name!r} {self.state}>"


class _StartNode:
    """The first step of a process: call its function."""
    __slots__ = ("fn", "args")

    def __init__(self, fn, args):
        self.fn = fn
        self.args = args

    def exec(self, m):
        m.invoke(self.fn, self.args)

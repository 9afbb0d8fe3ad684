"""Lisp functions backed by the scheduler that every program needs, even
with a single process: SLEEP."""
from __future__ import annotations

import time
from fractions import Fraction

from lisp.errors import type_error
from lisp.functions import defun
from lisp.objects import NIL, SingleFloat
from .waiting import Wait, run_wait, block_on, complete


@defun("SLEEP", "seconds", kind="control")
def sleep(m, args):
    """Block the calling process for SECONDS (SPEC 3: only the caller
    blocks; an idle interpreter sleeps without using CPU)."""
    (seconds,) = args
    if type(seconds) not in (int, float, Fraction, SingleFloat) or seconds < 0:
        raise type_error(seconds, "(REAL 0)")
    sched = m.scheduler
    if sched is None or m.nested or m.proc is None:
        time.sleep(float(seconds))
        complete(m, NIL)
        return

    # A wait with a deadline, not a bare block: an interrupt that returns
    # sends the process back to sleep out the rest (SPEC 4.1).
    def attempt(m, w):
        if w.timed_out():
            complete(m, NIL)
        else:
            block_on(m, w)
    run_wait(m, Wait(attempt, "sleep", float(seconds)))

"""Lisp functions backed by the scheduler that every program needs, even
with a single process: SLEEP."""
from __future__ import annotations

import time
from fractions import Fraction

from lisp.errors import type_error
from lisp.functions import defun
from lisp.machine import SwitchProcess
from lisp.objects import NIL, SingleFloat


@defun("SLEEP", "seconds", kind="control")
def sleep(m, args):
    """Block the calling process for SECONDS (SPEC 3: only the caller
    blocks; an idle interpreter sleeps without using CPU)."""
    (seconds,) = args
    if type(seconds) not in (int, float, Fraction, SingleFloat) or seconds < 0:
        raise type_error(seconds, "(REAL 0)")
    m.value = NIL
    m.node = None
    sched = m.scheduler
    if sched is None or m.nested or m.proc is None:
        time.sleep(float(seconds))
        return
    sched.block(m.proc, "sleep", float(seconds))
    raise SwitchProcess()

"""Exactness sweeps (ARCHITECTURE "Tests"): run a scenario once to count
its steps, then re-run it with a kill, a kill without cleanups, or an
interrupt that throws injected before every step in turn, and check the
invariants each time: the log up to the injection point is unchanged; what
follows is only cleanups, each at most once, innermost first; a cleanup
interrupted between its forms skips the rest of its forms (SPEC 4.5); a
mutex taken by WITH-MUTEX is released unless unwinding was suppressed;
interrupts deferred by a mask are all run, in order."""
from __future__ import annotations

import pytest

from lisp import Interpreter
from lisp.machine import CatchFrame, UnwindProtectFrame
from lisp.nodes import PrognNode
from runtime.interrupts import (kill_with_cleanups, kill_without_cleanups, send_interrupt,
                                Interrupt)

SETUP = """
(defvar *sweep-log* nil)
(defvar *sweep-lock* (sb-thread:make-mutex :name "sweep lock"))
(defvar *sweep-counter* 0)
(defun sweep-note (x) (push x *sweep-log*))
(defun sweep-scenario ()
  (sweep-note :start)
  (catch 'redirect
    (sb-thread:with-mutex (*sweep-lock*)
      (unwind-protect
           (unwind-protect
                (progn (sweep-note :body)
                       (dotimes (i 3) (incf *sweep-counter*))
                       (sweep-note :body-done))
             (sweep-note :inner-cleanup-1)
             (sweep-note :inner-cleanup-2))
        (sweep-note :outer-cleanup))))
  (sweep-note :after-catch)
  :finished)
"""

FULL_LOG = ["START", "BODY", "BODY-DONE", "INNER-CLEANUP-1", "INNER-CLEANUP-2",
            "OUTER-CLEANUP", "AFTER-CATCH"]
CLEANUPS = ["INNER-CLEANUP-1", "INNER-CLEANUP-2", "OUTER-CLEANUP"]


@pytest.fixture(scope="module")
def it():
    i = Interpreter()
    i.eval(SETUP)
    return i


def log_of(it):
    """The log, read straight from the symbol: evaluating anything would run
    the scheduler, and with it the stopped target, past the step under test."""
    from lisp.objects import list_to_py
    return [s.name for s in reversed(list_to_py(it.read("*sweep-log*").value))]


def lock_owner(it):
    return it.read("*sweep-lock*").value.owner


def start(it):
    it.eval("(setq *sweep-log* nil *sweep-counter* 0)")
    lock = it.read("*sweep-lock*").value
    lock.owner = None        # a kill without cleanups in the previous round left it held
    lock.count = 0
    return it.scheduler.spawn(it.read("sweep-scenario").fn, [], name="sweep target")


@pytest.fixture(scope="module")
def steps(it):
    p = start(it)
    n = 0
    while p.alive:
        n += it.scheduler.run_steps(p, 1)
    assert log_of(it) == FULL_LOG
    return n


def pending_cleanups(p):
    """The log entries the cleanups still pending in P's continuation will
    write, innermost first: exactly what an exit from this point must run.
    A cleanup already running is not pending: an exit that starts inside it
    skips the rest of its forms (SPEC 4.5)."""
    out = []
    for f in reversed(p.k):
        if type(f) is UnwindProtectFrame:
            node = f.cleanup
            forms = [x.form for x in node.nodes] if type(node) is PrognNode else [node.form]
            out += [form.cdr.car.name for form in forms]
    return out


def check_after_unwind(prefix, expected_cleanups, log, n):
    """LOG must be PREFIX followed by exactly the pending cleanups."""
    assert log[:len(prefix)] == prefix, (n, prefix, log)
    new = [x for x in log[len(prefix):] if x != "AFTER-CATCH"]
    assert new == expected_cleanups, (n, prefix, new, expected_cleanups)


def test_sweep_kill_with_cleanups(it, steps):
    """SPEC 5: a kill at any step unwinds to the process top, running every
    pending cleanup once, innermost first; the mutex is released."""
    with_pending = 0
    for n in range(steps + 1):
        p = start(it)
        it.scheduler.run_steps(p, n)
        assert p.alive or n == steps, n
        prefix = log_of(it)
        expected = pending_cleanups(p)
        with_pending += bool(expected)
        kill_with_cleanups(it.scheduler, p)
        it.scheduler.run_until(lambda: not p.alive)
        log = log_of(it)
        check_after_unwind(prefix, expected, log, n)
        if "AFTER-CATCH" not in prefix:
            assert "AFTER-CATCH" not in log, (n, log)
        assert lock_owner(it) is None, (n, log)
    # the sweep must really kill inside the protected region, many times over
    assert with_pending > steps // 3, (with_pending, steps)


def test_sweep_kill_without_cleanups(it, steps):
    """SPEC 5: :suppress-unwind-protects stops the process at once: nothing
    more runs, and a mutex it holds stays held by the dead process."""
    for n in range(steps + 1):
        p = start(it)
        it.scheduler.run_steps(p, n)
        before = log_of(it)
        held = lock_owner(it)
        kill_without_cleanups(it.scheduler, p)
        assert not p.alive
        it.scheduler.run_until(lambda: True)
        assert log_of(it) == before, n
        assert lock_owner(it) is held, n


def test_sweep_interrupt_that_throws(it, steps):
    """SPEC 4.1, 4.4, 4.5: an interrupt whose function throws to the
    scenario's catch, from any step: the target unwinds normally (pending
    cleanups run once, in order; an exit starting inside a cleanup skips
    the rest of it), then carries on after the catch; the mutex is
    released. Sent when no catch is live, the throw is a CONTROL-ERROR that
    ends the target; nothing runs twice either way."""
    fn = it.eval_form(it.read("(function (lambda () (throw 'redirect :redirected)))"))
    redirect = it.read("redirect")
    live_catches = 0
    for n in range(steps + 1):
        p = start(it)
        it.scheduler.run_steps(p, n)
        assert p.alive or n == steps, n
        prefix = log_of(it)
        expected = pending_cleanups(p)
        catch_live = any(type(f) is CatchFrame and f.tag is redirect for f in p.k)
        send_interrupt(it.scheduler, p, Interrupt(fn))
        it.scheduler.run_until(lambda: not p.alive)
        log = log_of(it)
        check_after_unwind(prefix, expected, log, n)
        if catch_live:
            live_catches += 1
            assert log[-1] == "AFTER-CATCH", (n, log)
            assert p.results and p.results[0].name == "FINISHED", (n, p.results)
        assert lock_owner(it) is None, (n, log)
    assert live_catches > steps // 2, (live_catches, steps)


def test_sweep_interrupts_deferred_by_mask_are_not_lost(it):
    """SPEC 4.2, 4.7: interrupts sent while the target is inside
    WITHOUT-INTERRUPTS are deferred, never dropped: all run, first in first
    out, when the mask exits, from whatever step they were sent at."""
    it.eval("""
      (defvar *sweep-seen* nil)
      (defun sweep-masked ()
        (sb-sys:without-interrupts
          (dotimes (i 5) (incf *sweep-counter*)))
        (incf *sweep-counter*)
        :done)""")
    target = it.read("sweep-masked").fn
    probe = it.scheduler.spawn(target, [], name="probe")
    total = 0
    while probe.alive:
        total += it.scheduler.run_steps(probe, 1)
    fns = [it.eval_form(it.read(f"(function (lambda () (push {i} *sweep-seen*)))")) for i in range(3)]
    for n in range(total + 1):
        it.eval("(setq *sweep-seen* nil)")
        p = it.scheduler.spawn(target, [], name="masked")
        assert p.alive
        it.scheduler.run_steps(p, n)
        alive = p.alive
        for f in fns:
            send_interrupt(it.scheduler, p, Interrupt(f))
        it.scheduler.run_until(lambda: not p.alive)
        # only the interrupt functions write *SEEN*, so nothing is lost to
        # a read-modify-write race with the target; interrupts sent to a
        # process that has already ended are dropped (SPEC 5)
        expected = [0, 1, 2] if alive else []
        assert list(reversed(it.eval("*sweep-seen*") or [])) == expected, n

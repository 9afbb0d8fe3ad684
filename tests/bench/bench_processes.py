"""Process benchmarks (issue 3): spawn+join, a mailbox ring, memory per
sleeping process, and interrupt latency.

    python tests/bench/bench_processes.py [--quick]

Prints figures; asserts nothing about time. --quick uses smaller sizes.
"""
from __future__ import annotations

import os
import sys
import time
import tracemalloc

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)
sys.setrecursionlimit(100_000)

QUICK = "--quick" in sys.argv
N_SPAWN = 1_000 if QUICK else 10_000
RING = 100 if QUICK else 1_000
PASSES = 10_000 if QUICK else 100_000
SLEEPERS = 10_000 if QUICK else 100_000


def bench_spawn_join(it):
    it.eval("""
      (defun spawn-join (n)
        (let ((threads '()))
          (dotimes (i n) (let ((j i)) (push (sb-thread:make-thread (lambda () j)) threads)))
          (let ((sum 0))
            (dolist (th threads sum) (incf sum (sb-thread:join-thread th))))))""")
    t = time.perf_counter()
    total = it.eval(f"(spawn-join {N_SPAWN})")
    dt = time.perf_counter() - t
    assert total == sum(range(N_SPAWN))
    print(f"spawn and join {N_SPAWN:,} processes: {dt:.2f} s "
          f"({dt / N_SPAWN * 1e6:.0f} µs per process)")


def bench_ring(it):
    """A ring of RING processes, each reading a token from its mailbox and
    sending it to the next, until it has gone PASSES times."""
    it.eval("""
      (defun ring (size passes)
        (let* ((boxes (coerce (loop repeat size collect (mp:make-mailbox)) 'vector))
               (done (mp:make-mailbox))
               (workers
                 (loop for i below size
                       collect (let ((in (svref boxes i))
                                     (out (svref boxes (mod (1+ i) size))))
                                 (mp:process-run-function
                                  "ring" '()
                                  (lambda ()
                                    (loop (let ((token (mp:mailbox-read in)))
                                            (cond ((>= token passes)
                                                   (mp:mailbox-send done token)
                                                   (return))
                                                  (t (mp:mailbox-send out (1+ token))))))))))))
          (mp:mailbox-send (svref boxes 0) 0)
          (prog1 (mp:mailbox-read done)
            (dolist (w workers) (mp:process-kill w)))))""")
    t = time.perf_counter()
    result = it.eval(f"(ring {RING} {PASSES})")
    dt = time.perf_counter() - t
    assert result == PASSES
    print(f"ring of {RING:,} processes, {PASSES:,} token passes via mailboxes: {dt:.2f} s "
          f"({dt / PASSES * 1e6:.1f} µs per pass)")


def bench_sleepers(it):
    """Memory per process blocked in SLEEP, measured by tracemalloc around
    their creation (Python objects only, which is all a process is)."""
    it.eval("(defun sleeper () (sleep 1000))")
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    t = time.perf_counter()
    it.eval(f"""
      (progn (dotimes (i {SLEEPERS}) (sb-thread:make-thread #'sleeper))
             (sb-thread:thread-yield)
             (length (sb-thread:list-all-threads)))""")
    # run until every sleeper has reached its SLEEP
    sched = it.scheduler
    sched.run_until(lambda: not sched.run_queue)
    dt = time.perf_counter() - t
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    per = (after - before) / SLEEPERS
    print(f"{SLEEPERS:,} sleeping processes: {per:,.0f} bytes each "
          f"({per * SLEEPERS / 2**20:,.0f} MiB in all), created in {dt:.2f} s")
    for p in list(sched.processes):
        if not p.is_main:
            from runtime.interrupts import kill_without_cleanups
            kill_without_cleanups(sched, p)


def bench_interrupt_latency(it):
    """Steps and time from INTERRUPT-THREAD in one process to the function
    running in a busy target (a tight loop)."""
    it.eval("""
      (defvar *arrived* nil)
      (defun busy () (loop))""")
    sched = it.scheduler
    target = sched.spawn(it.read("busy").fn, [], name="busy")
    sched.run_steps(target, 5000)
    fn = it.eval_form(it.read("(function (lambda () (setq *arrived* t) (sb-thread:abort-thread)))"))
    from runtime.interrupts import send_interrupt, Interrupt
    t = time.perf_counter()
    send_interrupt(sched, target, Interrupt(fn))
    steps = 0
    while not it.eval("*arrived*"):
        steps += sched.run_steps(target, 1)
    dt = time.perf_counter() - t
    sched.run_until(lambda: not target.alive)
    print(f"interrupt latency into a busy process: {steps} target steps, {dt * 1e6:.0f} µs "
          f"(the function runs at the target's first step boundary)")


def main():
    from lisp.interpreter import Interpreter
    it = Interpreter()
    bench_spawn_join(it)
    bench_ring(it)
    bench_interrupt_latency(it)
    bench_sleepers(it)


if __name__ == "__main__":
    main()

"""Core benchmark: the interpreter against plain CPython, in one process.

    python tests/bench/bench_core.py [--quick]

Prints seconds for each algorithm in cek-lisp and in CPython, and the ratio
interpreter/CPython. Computation only: start-up and definitions are not
timed. Not a test: nothing here asserts a time.
"""
from __future__ import annotations

import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)
sys.setrecursionlimit(200_000)

LISP_DEFS = """
(defun fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(defun tak (x y z) (if (not (< y x)) z
                       (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y))))
(defun count-loop (n acc) (if (= n 0) acc (count-loop (- n 1) (+ acc 1))))
(defun deep (n) (if (= n 0) 0 (+ 1 (deep (- n 1)))))
"""


def py_fib(n):
    return n if n < 2 else py_fib(n - 1) + py_fib(n - 2)


def py_tak(x, y, z):
    if not y < x:
        return z
    return py_tak(py_tak(x - 1, y, z), py_tak(y - 1, z, x), py_tak(z - 1, x, y))


def py_count_loop(n, acc):
    while True:          # CPython has no tail calls: the loop is its best form
        if n == 0:
            return acc
        n, acc = n - 1, acc + 1


def py_deep(n):
    return 0 if n == 0 else 1 + py_deep(n - 1)


CASES = [
    ("fib 25", "(fib 25)", lambda: py_fib(25)),
    ("tak 18 12 6", "(tak 18 12 6)", lambda: py_tak(18, 12, 6)),
    ("tail loop 1,000,000", "(count-loop 1000000 0)", lambda: py_count_loop(1_000_000, 0)),
    ("deep recursion 100,000", "(deep 100000)", lambda: py_deep(100_000)),
]


def timed(fn):
    t = time.perf_counter()
    r = fn()
    return time.perf_counter() - t, r


def main():
    from lisp.interpreter import Interpreter
    it = Interpreter()
    it.eval(LISP_DEFS)
    print(f"{'benchmark':24} {'cek-lisp s':>11} {'CPython s':>10} {'ratio':>7}")
    for name, lisp_form, py in CASES:
        form = it.read(lisp_form)
        lt, lr = timed(lambda: it.eval_form(form))
        pt, pr = timed(py)
        assert lr == pr, (name, lr, pr)
        print(f"{name:24} {lt:11.3f} {pt:10.4f} {lt / pt:7.1f}")
    steps, dt = _count_steps(it, "(fib 20)")
    print(f"fib 20: {steps:,} machine steps, {steps / dt:,.0f} steps/s, "
          f"{dt / steps * 1e9:.0f} ns/step")


def _count_steps(it, text):
    """Run TEXT with a quantum of 1 step per slice so the scheduler counts
    the steps exactly (and slower: the time is only for a rough per-step
    cost)."""
    sched = it.scheduler
    form = it.read(text)
    quantum = sched.quantum
    slices = [0]
    original = sched.machine.run.__func__

    class Counting(type(sched.machine)):
        __slots__ = ()

        def run(self, steps):
            slices[0] += 1
            return original(self, steps)
    sched.machine.__class__ = Counting
    sched.quantum = 1
    try:
        t = time.perf_counter()
        it.eval_form(form)
        dt = time.perf_counter() - t
    finally:
        sched.machine.__class__ = Counting.__mro__[1]
        sched.quantum = quantum
    return slices[0], dt


if __name__ == "__main__":
    main()

"""Load benchmark (issue 5): a generated file of 5,000 top-level
definitions (defuns with optional arguments, defvars, defmacros with
&body, defuns using LOOP), loaded by the interpreter.

    python tests/bench/bench_load.py

Prints the load time (start-up excluded); asserts nothing about time.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

N = 5000


def definitions(n):
    for i in range(n):
        kind = i % 4
        if kind == 0:
            yield f"(defun f{i} (x &optional (y {i})) (if (> x y) (* x 2) (+ x y {i})))"
        elif kind == 1:
            yield f'(defvar *v{i}* (list {i} "s{i}" :k{i}))'
        elif kind == 2:
            yield f"(defmacro m{i} (a &body b) `(let ((z ,a)) (when z ,@b)))"
        else:
            yield f"(defun g{i} (lst) (loop for e in lst when (numberp e) sum e))"


def main():
    from lisp.interpreter import Interpreter
    it = Interpreter()
    with tempfile.NamedTemporaryFile("w", suffix=".lisp", delete=False) as f:
        f.write("\n".join(definitions(N)) + "\n")
        path = f.name
    try:
        t = time.perf_counter()
        it.load(path)
        dt = time.perf_counter() - t
    finally:
        os.unlink(path)
    assert it.eval("(list (f0 1) (g3 (list 1 2 :a)))") == [2, 3]
    print(f"load {N:,} top-level definitions: {dt:.2f} s ({dt / N * 1e6:.0f} µs each)")


if __name__ == "__main__":
    main()

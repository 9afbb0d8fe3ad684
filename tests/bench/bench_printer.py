"""Printer throughput: python3 tests/bench/bench_printer.py

Prints lists of 100,000 integers, symbols, single floats, strings and a
100,000-deep nested list, and reports the time of each (the brief: a list
of 100,000 integers well under a second)."""
from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from lisp.objects import CL_USER, NIL, LString, SingleFloat, lisp_list  # noqa: E402
from lisp.printer import prin1_to_string, write_to_string  # noqa: E402


def bench(label, obj, **overrides):
    start = time.perf_counter()
    text = write_to_string(obj, **overrides) if overrides else prin1_to_string(obj)
    elapsed = time.perf_counter() - start
    print(f"{label:40s} {elapsed * 1000:8.1f} ms  ({len(text):,} chars)")


def main():
    n = 100_000
    ints = lisp_list(*range(n))
    bench("100k integers", ints)
    bench("100k integers, base 16", ints, base=16)
    bench("100k integers, *print-circle*", ints, circle=True)
    bench("100k symbols", lisp_list(*[CL_USER.intern(f"SYM{i % 1000}")[0] for i in range(n)]))
    bench("100k single floats", lisp_list(*[SingleFloat.of(i / 7) for i in range(n)]))
    bench("100k double floats", lisp_list(*[i / 7 for i in range(n)]))
    bench("100k strings", lisp_list(*[LString(f"s{i}") for i in range(n)]))
    nested = NIL
    for _ in range(n):
        nested = lisp_list(nested)
    bench("100k-deep nested list", nested)


if __name__ == "__main__":
    main()

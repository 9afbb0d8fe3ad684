"""Language-level test files: tests/lisp/*.lisp.

Format: Lisp forms, each followed by its expectations on comment lines:

    (+ 1 2)
    ;=> 3                     the values, printed with PRIN1 (one ;=> per value)
    (format t "a~%b")
    ;out> a                   lines the form writes to *STANDARD-OUTPUT*
    ;out> b
    (car 5)
    ;error> TYPE-ERROR        the form signals an unhandled error of this type

A form with no expectation is only evaluated (definitions). Each file runs
in a fresh package (CL-USER as usual, its symbols from earlier files stay).
Expectations were checked against `sbcl --script`; tests/sbcl_check.py
re-checks a file against SBCL when it is installed.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
LISP_DIR = os.path.join(HERE, "lisp")


@dataclass
class Case:
    file: str
    line: int
    source: str
    values: list = field(default_factory=list)
    output: list = field(default_factory=list)
    error: str | None = None
    has_expectation: bool = False


def parse_cases(path):
    """Split a test file into Cases using the reader's notion of a complete
    form (text up to the next expectation or blank-line-separated form)."""
    from lisp.reader import is_incomplete
    cases = []
    buf, start = [], None
    current = None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines, 1):
        m = re.match(r"^;(=>|out>|error>) ?(.*)$", line)
        if m:
            if current is None:
                raise ValueError(f"{path}:{i}: expectation without a form")
            kind, text = m.groups()
            current.has_expectation = True
            if kind == "=>":
                current.values.append(text)
            elif kind == "out>":
                current.output.append(text)
            else:
                current.error = text.strip()
            continue
        if not buf and (not line.strip() or line.lstrip().startswith(";")):
            continue
        if not buf:
            start = i
        buf.append(line)
        text = "\n".join(buf)
        if text.strip() and not is_incomplete(text):
            current = Case(os.path.basename(path), start, text)
            cases.append(current)
            buf = []
    if buf and "\n".join(buf).strip():
        raise ValueError(f"{path}:{start}: incomplete form at end of file")
    return cases


def lisp_files():
    return sorted(os.path.join(LISP_DIR, f) for f in os.listdir(LISP_DIR) if f.endswith(".lisp"))

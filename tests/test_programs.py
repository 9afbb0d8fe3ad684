"""Whole programs in tests/programs/ print what SBCL prints: each NAME.lisp
runs as a script and its standard output must equal NAME.out, which is
`sbcl --script NAME.lisp`'s (re-checked here when sbcl is installed)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPL = os.path.join(ROOT, "repl.py")
PROGRAMS = os.path.join(ROOT, "tests", "programs")
NAMES = sorted(f[:-5] for f in os.listdir(PROGRAMS) if f.endswith(".lisp"))


@pytest.mark.parametrize("name", NAMES)
def test_program_prints_what_sbcl_prints(name):
    r = subprocess.run([sys.executable, REPL, os.path.join(PROGRAMS, name + ".lisp")],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    with open(os.path.join(PROGRAMS, name + ".out")) as f:
        assert r.stdout == f.read(), r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.skipif(shutil.which("sbcl") is None, reason="sbcl is not installed")
@pytest.mark.parametrize("name", NAMES)
def test_program_expectations_are_sbcls(name):
    r = subprocess.run(["sbcl", "--script", os.path.join(PROGRAMS, name + ".lisp")],
                       capture_output=True, text=True, timeout=120)
    with open(os.path.join(PROGRAMS, name + ".out")) as f:
        assert r.stdout == f.read()

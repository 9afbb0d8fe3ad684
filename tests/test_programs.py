"""Whole programs in tests/programs/ print what SBCL prints: each NAME.lisp
runs as a script and its standard output must equal NAME.out, which is
`sbcl --script NAME.lisp`'s (re-checked here when sbcl is installed)."""
from __future__ import annotations

import os
import shutil

import pytest

from reference_programs import ROOT, expected_output, program_names, run_ours, run_reference

PROGRAMS = os.path.join(ROOT, "tests", "programs")
NAMES = program_names(PROGRAMS)


@pytest.mark.parametrize("name", NAMES)
def test_program_prints_what_sbcl_prints(name):
    r = run_ours(PROGRAMS, name)
    assert r.stdout == expected_output(PROGRAMS, name), r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.skipif(shutil.which("sbcl") is None, reason="sbcl is not installed")
@pytest.mark.parametrize("name", NAMES)
def test_program_expectations_are_sbcls(name):
    r = run_reference(["sbcl", "--script"], PROGRAMS, name, ".lisp")
    assert r.stdout == expected_output(PROGRAMS, name)

"""Runs the language-level test files in tests/lisp (see lisp_cases.py)."""
from __future__ import annotations

import os

import pytest

from lisp_cases import parse_cases, lisp_files


def _ids(path):
    return os.path.basename(path)


@pytest.fixture(scope="module")
def interp():
    from lisp.interpreter import Interpreter
    return Interpreter()


def run_case(interp, case):
    """Evaluate CASE.source capturing *STANDARD-OUTPUT*; returns
    (values printed with PRIN1, output lines, error type name or None)."""
    from lisp.interpreter import LispConditionError
    from lisp.objects import LString
    from lisp.printer import prin1_to_string
    # The form's values are collected before the output string is taken, so
    # the string holds everything the form wrote.
    wrapped = ("(let* ((sys::*test-out* (make-string-output-stream)) "
               "(*standard-output* sys::*test-out*) "
               "(sys::*test-values* (multiple-value-list (progn " + case.source + "\n)))) "
               "(values-list (cons (get-output-stream-string sys::*test-out*) "
               "sys::*test-values*)))")
    try:
        values = interp.eval_forms_values(interp.read(wrapped))
    except LispConditionError as e:
        return None, None, e.type_name
    out = values[0].value if isinstance(values[0], LString) else ""
    return [prin1_to_string(v) for v in values[1:]], out, None


def _all_cases():
    out = []
    for path in lisp_files():
        for case in parse_cases(path):
            out.append(pytest.param(case, id=f"{case.file}:{case.line}"))
    return out


@pytest.mark.parametrize("case", _all_cases())
def test_lisp_case(interp, case):
    values, output, error = run_case(interp, case)
    where = f"{case.file}:{case.line}: {case.source}"
    if case.error:
        assert error == case.error, f"{where}\nexpected error {case.error}, got {error} / {values}"
        return
    assert error is None, f"{where}\nunexpected error {error}"
    if case.values:
        assert values == case.values, f"{where}\nvalues {values} != {case.values}"
    if case.output:
        assert output.rstrip("\n").split("\n") == case.output, \
            f"{where}\noutput {output!r} != {case.output}"

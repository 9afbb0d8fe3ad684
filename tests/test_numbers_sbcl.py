"""Every case of tests/numbers_cases.py gives exactly SBCL's result: the
same type, the same bits for floats, the same condition class for errors."""
from __future__ import annotations

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import lisp.prims.numbers  # noqa: E402,F401  (registers the functions)
import lisp.prims.integers  # noqa: E402,F401
import lisp.prims.floatfns  # noqa: E402,F401
import lisp.prims.random  # noqa: E402,F401
from numbers_cases import run_encoded, normalize_expected  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parent / "data" / "numbers_sbcl.tsv"


def _table():
    for line in DATA.read_text().splitlines():
        form, _, expected = line.partition("\t")
        yield form, normalize_expected(expected)


def test_results_match_sbcl_bit_for_bit():
    mismatches = []
    count = 0
    for form, expected in _table():
        count += 1
        got = run_encoded(form)
        if got != expected:
            mismatches.append(f"{form}: SBCL {expected}, ours {got}")
    assert count > 10000
    assert not mismatches, f"{len(mismatches)} of {count} differ:\n" + "\n".join(mismatches[:60])

"""The embedding API (SPEC 8): Interpreter.eval/load/call/define and the
conversions between Python and Lisp values."""
from __future__ import annotations

from fractions import Fraction

import pytest

from lisp import Interpreter, LispConditionError, LispExit


@pytest.fixture(scope="module")
def it():
    return Interpreter()


def test_eval_returns_python_values(it):
    assert it.eval("(+ 1 2)") == 3
    assert it.eval('(concatenate (quote string) "ab" "cd")') == "abcd"
    assert it.eval("(list 1 2 (list 3))") == [1, 2, [3]]
    assert it.eval("(/ 1 3)") == Fraction(1, 3)
    assert it.eval("1.5d0") == 1.5
    assert it.eval("nil") is None
    assert it.eval("t") is True
    assert it.eval("#\\a") == "a"


def test_eval_runs_every_form_and_returns_the_last(it):
    assert it.eval("(defvar *embed-counter* 0) (incf *embed-counter*) (incf *embed-counter*)") == 2


def test_define_makes_python_callable_from_lisp(it):
    it.define("py-add", lambda a, b: a + b)
    assert it.eval("(py-add 40 2)") == 42
    it.define("py-upper", lambda s: s.upper())
    assert it.eval('(py-upper "shout")') == "SHOUT"
    it.define("py-dict", lambda: {"a": 1})
    assert it.eval('(gethash "a" (py-dict))') == 1


def test_python_exception_in_defined_function_is_a_lisp_error(it):
    def boom(x):
        raise ValueError("bad value")
    it.define("py-boom", boom)
    assert it.eval("(handler-case (py-boom 1) (error (c) (princ-to-string c)))") == \
        "Python function py-boom raised ValueError: bad value"


def test_call_lisp_function_with_python_arguments(it):
    it.eval("(defun embed-sum (xs) (reduce (function +) xs))")
    assert it.call("embed-sum", [1, 2, 3, 4]) == 10
    assert it.call("string-upcase", "abc") == "ABC"


def test_lisp_error_reaches_python_with_condition_and_report(it):
    with pytest.raises(LispConditionError) as info:
        it.eval("(error \"Widget ~A failed\" 42)")
    assert info.value.report == "Widget 42 failed"
    assert info.value.type_name == "SIMPLE-ERROR"
    with pytest.raises(LispConditionError) as info:
        it.eval("(car 5)")
    assert info.value.type_name == "TYPE-ERROR"
    assert "is not of type" in info.value.report


def test_interpreter_keeps_working_after_an_error(it):
    with pytest.raises(LispConditionError):
        it.eval("(undefined-function-xyz)")
    assert it.eval("(* 6 7)") == 42


def test_reader_error_is_a_lisp_condition(it):
    with pytest.raises(LispConditionError) as info:
        it.eval("(+ 1")
    assert info.value.type_name in ("END-OF-FILE", "LISP-READER-ERROR")


def test_cleanups_run_when_an_error_reaches_python(it):
    it.eval("(defvar *embed-cleaned* nil)")
    with pytest.raises(LispConditionError):
        it.eval("(unwind-protect (error \"x\") (setq *embed-cleaned* t))")
    assert it.eval("*embed-cleaned*") is True


def test_exit_raises_lisp_exit(it):
    with pytest.raises(LispExit) as info:
        it.eval("(exit :code 3)")
    assert info.value.code == 3


def test_load_file(it, tmp_path):
    path = tmp_path / "prog.lisp"
    path.write_text("(defun embed-loaded () :loaded)\n")
    assert it.load(str(path)) is True
    assert it.eval("(symbol-name (embed-loaded))") == "LOADED"


def test_no_signal_handlers_installed_by_default():
    import signal
    before = signal.getsignal(signal.SIGINT)
    Interpreter()
    assert signal.getsignal(signal.SIGINT) is before


def test_deep_recursion_from_python(it):
    it.eval("(defun embed-deep (n) (if (= n 0) 0 (+ 1 (embed-deep (- n 1)))))")
    assert it.eval("(embed-deep 50000)") == 50000

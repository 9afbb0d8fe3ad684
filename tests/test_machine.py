"""Semantics of the CEK machine itself: unwinding as steps, exits from
cleanups, dead exit points, tail calls, depth, nested runs, determinism."""
from __future__ import annotations

import pytest

from lisp import Interpreter, LispConditionError


class NamedSymbols:
    """Wraps an Interpreter so eval returns symbols as their names, which
    makes expected values readable."""

    def __init__(self, interp):
        self.interp = interp

    def eval(self, text):
        return names(self.interp.eval(text))


def names(x):
    from lisp.objects import Symbol
    if isinstance(x, Symbol):
        return x.name
    if isinstance(x, list):
        return [names(i) for i in x]
    return x


@pytest.fixture(scope="module")
def it():
    return NamedSymbols(Interpreter())


def test_cleanups_run_innermost_first(it):
    assert it.eval("""
      (let ((log '()))
        (catch 'out
          (unwind-protect
              (unwind-protect (throw 'out nil) (push 1 log))
            (push 2 log)))
        (reverse log))""") == [1, 2]


def test_throw_from_cleanup_replaces_the_exit_in_progress(it):
    """SPEC 4.5/4.6 in one process: a throw inside a cleanup to a place
    outside it aborts the unwinding in progress; the rest of that
    unwind-protect's cleanup forms and the frames between are skipped."""
    assert it.eval("""
      (let ((log '()))
        (list
          (catch 'outer
            (catch 'inner
              (unwind-protect
                  (throw 'inner :first-exit)
                (push :cleanup-start log)
                (throw 'outer :second-exit)
                (push :not-reached log))))
          (reverse log)))""") == ["SECOND-EXIT", ["CLEANUP-START"]]


def test_throw_from_cleanup_to_inner_catch_resumes_nothing(it):
    # the cleanup's own catch absorbs its throw; the original exit continues
    assert it.eval("""
      (catch 'outer
        (unwind-protect (throw 'outer :original)
          (catch 'local (throw 'local :ignored))))""") == "ORIGINAL"


def test_normal_exit_keeps_all_values_over_cleanup(it):
    assert it.eval("(multiple-value-list (unwind-protect (values 1 2 3) (list :x)))") == [1, 2, 3]


def test_return_from_dead_block_is_control_error(it):
    assert it.eval("""
      (let ((escape (block b (lambda () (return-from b 1)))))
        (handler-case (funcall escape) (control-error () :control-error)))""") == "CONTROL-ERROR"


def test_go_to_dead_tag_is_control_error(it):
    assert it.eval("""
      (let ((f nil))
        (tagbody (setq f (lambda () (go done))) done)
        (handler-case (funcall f) (control-error () :control-error)))""") == "CONTROL-ERROR"


def test_throw_to_missing_tag(it):
    with pytest.raises(LispConditionError) as info:
        it.eval("(throw 'no-such-tag 1)")
    assert "attempt to THROW to a tag that does not exist: NO-SUCH-TAG" in info.value.report


def test_return_from_closure_in_live_block(it):
    assert it.eval("""
      (block b (mapc (lambda (x) (when (> x 2) (return-from b x))) '(1 2 3 4)) :none)""") == 3


def test_special_bindings_restored_by_unwinding(it):
    assert it.eval("""
      (progn (defvar *m-special* :global)
             (catch 'x (let ((*m-special* :bound)) (throw 'x nil)))
             *m-special*)""") == "GLOBAL"


def test_tail_calls_run_in_constant_space(it):
    """A 1,000,000-iteration tail-recursive loop must not grow the
    continuation; with a depth limit of 1000 frames it still completes."""
    small = NamedSymbols(Interpreter(max_depth=1000))
    small.eval("(defun m-loop (n) (if (= n 0) :done (m-loop (- n 1))))")
    assert small.eval("(m-loop 1000000)") == "DONE"


def test_non_tail_recursion_deeper_than_python_stack(it):
    it.eval("(defun m-depth (n) (if (= n 0) 0 (+ 1 (m-depth (- n 1)))))")
    assert it.eval("(m-depth 200000)") == 200000


def test_depth_limit_signals_storage_condition_and_program_goes_on():
    small = NamedSymbols(Interpreter(max_depth=5000))
    small.eval("(defun m-inf (n) (+ 1 (m-inf n)))")
    assert small.eval("(handler-case (m-inf 1) (storage-condition () :exhausted))") == "EXHAUSTED"
    assert small.eval("(+ 1 1)") == 2
    with pytest.raises(LispConditionError) as info:
        small.interp.eval("(m-inf 1)")
    assert info.value.type_name == "CONTROL-STACK-EXHAUSTED"


def test_error_in_macro_expander_is_handled_by_outer_handler(it):
    """A Lisp macro expander runs as a nested run; an error it signals is
    seen by handlers around the EVAL that triggered the expansion, and the
    non-local exit of handler-case leaves the nested run."""
    it.eval("(defmacro m-bad-macro () (error \"expander failed\"))")
    assert it.eval("""
      (handler-case (eval '(m-bad-macro))
        (error (c) (princ-to-string c)))""") == "expander failed"
    assert it.eval("(+ 2 2)") == 4


def test_throw_out_of_macro_expander(it):
    it.eval("(defmacro m-throwing-macro () (throw 'from-expander :thrown))")
    assert it.eval("(catch 'from-expander (eval '(m-throwing-macro)))") == "THROWN"


def test_defmacro_then_use_in_same_toplevel_progn(it):
    assert it.eval("(progn (defmacro m-twice (x) `(* 2 ,x)) (m-twice 21))") == 42


def test_steps_are_deterministic():
    """Same program, same number of machine steps, every run."""
    def count():
        i = Interpreter(quantum=1)
        sched = i.scheduler
        slices = [0]
        orig = sched.run_until

        def counting(done):
            m = sched.machine
            orig_run = type(m).run

            class C(type(m)):
                __slots__ = ()

                def run(self, steps):
                    slices[0] += 1
                    return orig_run(self, steps)
            m.__class__ = C
            try:
                return orig(done)
            finally:
                m.__class__ = C.__mro__[1]
        sched.run_until = counting
        i.eval("(defun m-fib (n) (if (< n 2) n (+ (m-fib (- n 1)) (m-fib (- n 2)))))")
        slices[0] = 0
        i.eval("(m-fib 12)")
        del sched.run_until
        return slices[0]
    assert count() == count()


def test_multiple_values(it):
    assert it.eval("(multiple-value-list (floor 7 2))") == [3, 1]
    assert it.eval("(multiple-value-call #'list (values 1 2) (values) (values 3))") == [1, 2, 3]
    assert it.eval("(multiple-value-bind (a b c) (values 1 2) (list a b c))") == [1, 2, None]
    assert it.eval("(let ((x (floor 7 2))) x)") == 3
    assert it.eval("(multiple-value-list (block b (return-from b (values 1 2))))") == [1, 2]
    assert it.eval("(multiple-value-list (catch 'c (throw 'c (values :a :b))))") == ["A", "B"]
    assert it.eval("(if (values nil t) :yes :no)") == "NO"


def test_lambda_list_defaults_may_call_functions_and_exit(it):
    assert it.eval("""
      (block out
        (funcall (lambda (&optional (x (return-from out :escaped))) x)))""") == "ESCAPED"
    assert it.eval("""
      (funcall (lambda (a &optional (b (* a 10)) &key (c (list a b)) &aux (d (length c)))
                 (list a b c d)) 1)""") == [1, 10, [1, 10], 2]


def test_destructuring_whole_variable_and_pattern(it):
    """&whole in DESTRUCTURING-BIND used an unassigned node (a NameError in
    the binder); it binds the whole list, or destructures it by a pattern."""
    assert it.eval("(destructuring-bind (&whole w a b) (list 1 2) (list w a b))") == [[1, 2], 1, 2]
    assert it.eval("(destructuring-bind (&whole (x y) a b) (list 1 2) (list x y a b))") == [1, 2, 1, 2]
    it.eval("(defmacro m-whole (&whole f a) `(quote (,f ,a)))")
    assert it.eval("(m-whole 5)") == [["M-WHOLE", 5], 5]


def test_backtrace_of_a_process_stopped_in_a_loop_names_what_it_runs():
    """A process stopped between steps in a loop has no call pending; its
    backtrace (shown on a second Ctrl-C with breaks disabled) used to be
    empty. It starts with the form about to be evaluated."""
    from lisp.prims.toplevel import format_backtrace
    i = Interpreter()
    i.eval("(defun m-spin () (let ((n 0)) (loop (setq n (1+ n)))))")
    sched = i.scheduler
    p = sched.spawn(i.read("m-spin").fn, [], name="spinner")
    sched.run_steps(p, 50)
    sched.load(p)
    text = format_backtrace(sched.machine, current=True)
    sched.save(p)
    sched.current = None
    from runtime.interrupts import kill_without_cleanups
    kill_without_cleanups(sched, p)
    assert text.startswith("0: (")
    assert "(M-SPIN)" in text.splitlines()[-1], text

"""BORDEAUX-THREADS API v1 (runtime/bt.py) on the shared runtime: BT's
threads, locks, condition variables and semaphores are SB-THREAD's, so
SPEC 3-5 hold for them as tested in test_sb_thread.py; these tests check
BT's names, argument lists, values and its own parts (default special
bindings, WITH-TIMEOUT and BT:TIMEOUT, recursive locks, CONDITION-WAIT
reacquiring on timeout). Waiting is on state, never on sleeping.
"""
from __future__ import annotations

import pytest

from lisp import Interpreter
from lisp.interpreter import LispConditionError


@pytest.fixture(scope="module")
def it():
    return Interpreter()


def show(it, form: str) -> str:
    return it.eval(f"(let ((*print-pretty* nil)) (prin1-to-string (multiple-value-list {form})))")


def error_of(it, form: str) -> str:
    with pytest.raises(LispConditionError) as e:
        it.eval(form)
    return e.value.type_name


def test_package_exports_the_v1_api(it):
    names = """thread make-thread current-thread threadp thread-name start-multiprocessing
               *default-special-bindings* *standard-io-bindings* *supports-threads-p* lock make-lock
               lock-p acquire-lock release-lock with-lock-held recursive-lock make-recursive-lock
               recursive-lock-p acquire-recursive-lock release-recursive-lock with-recursive-lock-held
               make-condition-variable condition-wait condition-notify make-semaphore signal-semaphore
               wait-on-semaphore semaphore semaphore-p with-timeout timeout all-threads
               interrupt-thread destroy-thread thread-alive-p join-thread thread-yield""".split()
    for name in names:
        assert it.eval(f'(nth-value 1 (find-symbol "{name.upper()}" "BT"))') == \
            it.eval(":external"), name
    assert it.eval('(package-name (find-package "BT"))') == "BORDEAUX-THREADS"
    assert it.eval("bt:*supports-threads-p*") is True


def test_make_thread_and_join(it):
    assert show(it, """
      (let ((th (bt:make-thread (lambda () (values 1 2)) :name "worker")))
        (list (multiple-value-list (bt:join-thread th)) (bt:thread-name th) (bt:threadp th)
              (bt:threadp 5) (bt:thread-alive-p th)
              (bt:thread-name (bt:make-thread (lambda ())))
              (eq (bt:current-thread) sb-thread:*current-thread*)
              (typep th 'bt:thread)
              (and (member (bt:current-thread) (bt:all-threads)) t)
              (bt:start-multiprocessing)))""") == \
        '(((1 2) "worker" T NIL NIL "Anonymous thread" T T T NIL))'


def test_rule_3_5_default_special_bindings_are_evaluated_in_the_new_thread(it):
    """SPEC 3.5: a new thread sees global values except the initial
    bindings: BT:*DEFAULT-SPECIAL-BINDINGS* forms, evaluated in the new
    thread; the first entry for a symbol wins."""
    it.eval("(defparameter *bt-a* :global-a) (defparameter *bt-b* :global-b)")
    assert show(it, """
      (let ((*bt-a* :creator-binding)
            (bt:*default-special-bindings*
              '((*bt-b* . (list :evaluated-in (bt:thread-name (bt:current-thread))))
                (*bt-b* . :shadowed))))
        (bt:join-thread (bt:make-thread (lambda () (list *bt-a* *bt-b*)) :name "child")))""") == \
        "((:GLOBAL-A (:EVALUATED-IN \"child\")))"
    assert show(it, """
      (bt:join-thread (bt:make-thread (lambda () *bt-b*) :initial-bindings '((*bt-b* . 42))))""") == \
        "(42)"
    assert show(it, "(cdr (assoc '*print-base* bt:*standard-io-bindings*))") == "(10)"
    # all the forms are evaluated, then all bound (bordeaux-threads' PROGV):
    # a form sees the global value of a symbol bound before it in the list
    assert show(it, """
      (bt:join-thread (bt:make-thread (lambda () (list *bt-a* *bt-b*))
                        :initial-bindings '((*bt-a* . 1) (*bt-b* . *bt-a*))))""") == \
        "((1 :GLOBAL-A))"


def test_locks(it):
    assert show(it, """
      (let ((l (bt:make-lock "l")) (anon (bt:make-lock)))
        (list (bt:lock-p l) (bt:lock-p 1) (typep l 'bt:lock) (sb-thread:mutex-name anon)
              (bt:acquire-lock l) (sb-thread:holding-mutex-p l)
              (bt:join-thread (bt:make-thread (lambda () (bt:acquire-lock l nil))))
              (bt:release-lock l) (sb-thread:holding-mutex-p l)
              (bt:with-lock-held (l) (sb-thread:holding-mutex-p l))
              (sb-thread:mutex-owner l)))""") == \
        '((T NIL T "Anonymous lock" T T NIL NIL NIL T NIL))'


def test_recursive_locks_count_acquisitions(it):
    assert show(it, """
      (let ((l (bt:make-recursive-lock "r")) (free-in-other nil))
        (bt:acquire-recursive-lock l)
        (bt:acquire-recursive-lock l)
        (bt:release-recursive-lock l)
        (setq free-in-other
              (bt:join-thread (bt:make-thread (lambda () (bt:acquire-lock l nil)))))
        (bt:release-recursive-lock l)
        (list free-in-other
              (bt:join-thread (bt:make-thread (lambda () (bt:with-recursive-lock-held (l) :got))))
              (bt:with-recursive-lock-held (l) (bt:with-recursive-lock-held (l) :nested))
              (sb-thread:mutex-owner l) (bt:recursive-lock-p l)
              (sb-thread:mutex-name (bt:make-recursive-lock))))""") == \
        '((NIL :GOT :NESTED NIL T "Anonymous recursive lock"))'


def test_rule_4_1_condition_variables_producer_consumer(it):
    """SPEC 4.1 applies to BT's waits too; here a producer/consumer on a
    condition variable, and CONDITION-WAIT holding the lock again even
    after a timeout."""
    assert show(it, """
      (let* ((lock (bt:make-lock)) (cv (bt:make-condition-variable :name "cv")) (items nil)
             (consumer (bt:make-thread
                        (lambda ()
                          (loop repeat 5
                                collect (bt:with-lock-held (lock)
                                          (loop until items do (bt:condition-wait cv lock))
                                          (pop items)))))))
        (dotimes (i 5)
          (bt:with-lock-held (lock)
            (setq items (append items (list i)))
            (bt:condition-notify cv)))
        (list (bt:join-thread consumer)
              (sb-thread:waitqueue-name cv)
              (sb-thread:waitqueue-name (bt:make-condition-variable))
              (bt:with-lock-held (lock)
                (list (bt:condition-wait cv lock :timeout 0.01) (sb-thread:holding-mutex-p lock)))))""") == \
        '(((0 1 2 3 4) "cv" "Anonymous condition variable" (NIL T)))'


def test_semaphores(it):
    assert show(it, """
      (let* ((s (bt:make-semaphore :name "s" :count 1))
             (first (bt:wait-on-semaphore s))
             (th (bt:make-thread (lambda () (bt:wait-on-semaphore s)))))
        (bt:signal-semaphore s :count 1)
        (list first (bt:join-thread th) (bt:semaphore-p s) (bt:semaphore-p 1) (typep s 'bt:semaphore)
              (bt:wait-on-semaphore s :timeout 0.01) (bt:signal-semaphore s :count 2)
              (bt:wait-on-semaphore s)))""") == \
        "((0 0 T NIL T NIL NIL 1))"


def test_rule_4_4_interrupt_thread_with_arguments(it):
    """SPEC 4.4: BT:INTERRUPT-THREAD calls FUNCTION on ARGS in the thread;
    a throw from it unwinds the thread."""
    assert show(it, """
      (let* ((ready (bt:make-semaphore)) (log nil)
             (th (bt:make-thread
                  (lambda ()
                    (catch 'out
                      (unwind-protect
                           (progn (bt:signal-semaphore ready) (bt:wait-on-semaphore (bt:make-semaphore)))
                        (push :cleanup log)))))))
        (bt:wait-on-semaphore ready)
        (bt:interrupt-thread th (lambda (a b) (push (list a b) log)) 1 2)
        (bt:interrupt-thread th (lambda (v) (throw 'out v)) :thrown)
        (list (bt:join-thread th) (reverse log)))""") == "((:THROWN ((1 2) :CLEANUP)))"


def test_rule_5_destroy_thread_runs_cleanups(it):
    """SPEC 5: BT:DESTROY-THREAD is a kill with cleanups; destroying the
    current thread is an error."""
    assert show(it, """
      (let* ((ready (bt:make-semaphore)) (log nil)
             (th (bt:make-thread
                  (lambda ()
                    (unwind-protect (progn (bt:signal-semaphore ready) (loop))
                      (push :cleanup log))))))
        (bt:wait-on-semaphore ready)
        (bt:destroy-thread th)
        (list (handler-case (bt:join-thread th) (sb-thread:join-thread-error () :aborted))
              log (bt:thread-alive-p th)
              (handler-case (bt:destroy-thread (bt:current-thread)) (error (e) (princ-to-string e)))))""") \
        == '((:ABORTED (:CLEANUP) NIL "Cannot destroy the current thread"))'


def test_with_timeout_signals_bt_timeout(it):
    """BT:WITH-TIMEOUT unwinds its body (cleanups run) and signals
    BT:TIMEOUT, a serious condition that HANDLER-CASE on ERROR does not
    catch; a body that finishes in time returns its values."""
    assert show(it, """
      (let ((log nil))
        (list (handler-case (bt:with-timeout (0.05) (unwind-protect (loop) (push :cleanup log)))
                (bt:timeout (c) (list (type-of c) (princ-to-string c))))
              log
              (handler-case (bt:with-timeout (0.05) (bt:wait-on-semaphore (bt:make-semaphore)))
                (bt:timeout () :blocked-timed-out))
              (multiple-value-list (bt:with-timeout (5) (values 1 2)))
              (handler-case (handler-case (bt:with-timeout (0.05) (loop)) (error () :caught-as-error))
                (serious-condition (c) (typep c 'bt:timeout)))
              (princ-to-string (make-condition 'bt:timeout))))""") == \
        '(((BORDEAUX-THREADS:TIMEOUT "A timeout set to 0.05 seconds occurred.") (:CLEANUP) ' \
        ':BLOCKED-TIMED-OUT (1 2) T "A timeout occurred."))'


def test_with_timeout_in_time_leaves_nothing_behind():
    it = Interpreter()
    assert show(it, """
      (list (bt:with-timeout (0.05) :quick)
            (progn (sleep 0.15) :nothing-fired)
            (length (bt:all-threads)))""") == "((:QUICK :NOTHING-FIRED 1))"


def test_argument_errors(it):
    assert error_of(it, "(bt:make-thread (lambda ()) :bogus 1)") == "SIMPLE-PROGRAM-ERROR"
    assert error_of(it, "(bt:acquire-lock 5)") == "TYPE-ERROR"
    assert error_of(it, "(bt:join-thread 5)") == "TYPE-ERROR"
    assert error_of(it, "(bt:with-lock-held (1 2) 3)") == "SIMPLE-PROGRAM-ERROR"
    assert error_of(it, """(let ((th (bt:make-thread (lambda () :done))))
                             (bt:join-thread th)
                             (bt:interrupt-thread th #'car))""") == "INTERRUPT-THREAD-ERROR"

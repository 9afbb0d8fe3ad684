"""CLISP threads (package MT, nickname THREADS) on the green-process
runtime: the rules of SPEC 3, 4 and 5 they reach and the examples of seed
004 (CLISP 32.5). Tests wait on state (joins, mutexes, exemptions), never
on sleeps."""
from __future__ import annotations

import pytest

from lisp import Interpreter
from lisp.objects import Symbol


def names(x):
    if isinstance(x, Symbol):
        return x.name
    if isinstance(x, list):
        return [names(i) for i in x]
    return x


class Lisp:
    def __init__(self, **kw):
        self.interp = Interpreter(**kw)

    def __call__(self, text):
        return names(self.interp.eval(text))


@pytest.fixture
def lisp():
    return Lisp()


LOG = """
(defparameter *log* nil)
(defun note (x) (push x *log*) x)
(defun log-list () (reverse *log*))
(defun wait-until (predicate)
  "Wait until PREDICATE is true (an MP:DEADLOCK if it never can be)."
  (mp:process-wait "a test condition" predicate))
(defun blocked-p (thread)
  "THREAD waits (the threads of every API are one kind of process)."
  (mp:process-whostate thread))
"""


# ---------------------------------------------------------------- threads
def test_thread_join_values(lisp):
    """Seed 004: THREAD-JOIN returns the thread's values as a list and T
    when it finished normally; it can be called again; NIL and :TIMEOUT on
    timeout."""
    assert lisp("""
      (let* ((m (mt:make-mutex))
             (slow (progn (mt:mutex-lock m)
                          (mt:make-thread (lambda () (mt:with-mutex-lock (m) :late)))))
             (th (mt:make-thread (lambda () (values 1 2 3)))))
        (list (multiple-value-list (mt:thread-join th))
              (multiple-value-list (mt:thread-join th))
              (multiple-value-list (mt:thread-join slow :timeout 0.001))
              (progn (mt:mutex-unlock m) (multiple-value-list (mt:thread-join slow)))))""") == [
        [[1, 2, 3], True], [[1, 2, 3], True], [None, "TIMEOUT"], [["LATE"], True]]


def test_global_special_example(lisp):
    """Seed 004 / SPEC 3: the *GLOBAL* example. The thread sees the global
    value, not its creator's binding; its SETQs outside a LET change the
    global value, inside its LET only its own binding."""
    assert lisp(LOG + """
      (defparameter *global* 1)
      (defun thread-1 ()
        (note (list :seen *global* (symbol-value '*global*)))
        (setq *global* 5)
        (let ((*global* 10))
          (setq *global* 20)
          (note (list :own *global* (mt:symbol-value-thread '*global* nil))))
        (setq *global* 30))
      (let ((*global* 2))
        (mt:thread-join (mt:make-thread #'thread-1))
        (note (list :creator *global*)))
      (list (log-list) *global*)""") == [
        [["SEEN", 1, 1], ["OWN", 20, 5], ["CREATOR", 2]], 30]


def test_initial_bindings_evaluated_in_the_new_thread(lisp):
    """SPEC 3: :INITIAL-BINDINGS forms are evaluated in the new thread; the
    first occurrence of a symbol wins; by default
    MT:*DEFAULT-SPECIAL-BINDINGS* is used."""
    assert lisp("""
      (defparameter *x* :global)
      (defparameter *who* nil)
      (let* ((creator (mt:current-thread))
             (th (mt:make-thread
                   (lambda () (list *x* (eq *who* (mt:current-thread)) (eq *who* creator)))
                   :initial-bindings '((*x* . (list :first)) (*x* . :second)
                                       (*who* . (mt:current-thread))))))
        (first (mt:thread-join th)))""") == [["FIRST"], True, None]


def test_default_special_bindings(lisp):
    """MT:*DEFAULT-SPECIAL-BINDINGS* gives each thread its own binding of
    the printer variables (and others), so a thread's SETQ stays its own."""
    assert lisp("""
      (list (and (assoc '*print-base* mt:*default-special-bindings*) t)
            (first (mt:thread-join (mt:make-thread (lambda () (setq *print-base* 16)
                                                               (format nil "~A" 255)))))
            *print-base*
            (let ((mt:*default-special-bindings*
                    (acons '*print-base* 2 mt:*default-special-bindings*)))
              (first (mt:thread-join (mt:make-thread (lambda () (format nil "~A" 5)))))))""") == [
        True, "FF", 10, "101"]


def test_thread_queries(lisp):
    """THREAD-NAME (default: the function's name), THREADP, THREAD-ACTIVE-P,
    CURRENT-THREAD, LIST-THREADS (newest first), THREAD-YIELD (returns the
    current thread); THREADS is a nickname of MT."""
    assert lisp("""
      (defun named-worker () (mt:thread-yield))
      (let* ((m (mt:make-mutex))
             (a (progn (mt:mutex-lock m) (mt:make-thread (lambda () (mt:with-lock (m) 1)) :name "a")))
             (b (mt:make-thread 'named-worker)))
        (mt:thread-join b)
        (list (mt:thread-name a) (mt:thread-name b)
              (mt:thread-name (mt:make-thread (lambda ())))
              (mt:threadp a) (mt:threadp m)
              (mt:thread-active-p a) (mt:thread-active-p b)
              (let ((l (mt:list-threads))) (< (position a l) (position (mt:current-thread) l)))
              (and (member (mt:current-thread) (mt:list-threads)) t)
              (eq (mt:thread-yield) (mt:current-thread))
              (eq 'threads:make-thread 'mt:make-thread)
              (progn (mt:mutex-unlock m) (mt:thread-join a))))""") == [
        "a", "NAMED-WORKER", "LAMBDA", True, None, True, None, True, True, True, True, [1]]


# ---------------------------------------------------------------- interrupts and killing
def test_thread_interrupt_runs_function_with_arguments(lisp):
    """SPEC 4.1: THREAD-INTERRUPT runs FUNCTION on ARGUMENTS in a waiting
    thread, which then goes back to its wait; values THREAD and T."""
    assert lisp(LOG + """
      (let* ((m (mt:make-mutex))
             (th (progn (mt:mutex-lock m)
                        (mt:make-thread (lambda () (mt:with-mutex-lock (m) (note :got-lock)))))))
        (wait-until (lambda () (blocked-p th)))
        (let ((r (multiple-value-list
                   (mt:thread-interrupt th :function #'note :arguments '(:interrupted)))))
          (wait-until (lambda () *log*))
          (mt:mutex-unlock m)
          (mt:thread-join th)
          (list (eq (first r) th) (second r) (log-list))))""") == [
        True, True, ["INTERRUPTED", "GOT-LOCK"]]


def test_thread_interrupt_function_t_kills_with_cleanups(lisp):
    """SPEC 5: :FUNCTION T kills the thread; its cleanups run; THREAD-JOIN
    returns the :ARGUMENTS and NIL."""
    assert lisp(LOG + """
      (let* ((m (mt:make-mutex))
             (th (progn (mt:mutex-lock m)
                        (mt:make-thread (lambda ()
                                          (unwind-protect (mt:mutex-lock m)
                                            (note :cleanup)))))))
        (wait-until (lambda () (blocked-p th)))
        (mt:thread-interrupt th :function t :arguments '(:killed :by-main))
        (list (multiple-value-list (mt:thread-join th)) (log-list)
              (mt:thread-active-p th)))""") == [[["KILLED", "BY-MAIN"], None], ["CLEANUP"], None]


def test_thread_interrupt_function_nil_breaks_into_the_debugger(lisp):
    """:FUNCTION NIL (the default) enters the debugger in the thread (here
    a debugger hook bound in the thread continues from the break)."""
    assert lisp(LOG + """
      (let* ((m (mt:make-mutex))
             (th (progn (mt:mutex-lock m)
                        (mt:make-thread
                          (lambda () (mt:with-lock (m) (note :continued)))
                          :initial-bindings
                          '((sb-ext:*invoke-debugger-hook* . (lambda (c h) (declare (ignore h))
                                                 (note (type-of c))
                                                 (continue))))))))
        (wait-until (lambda () (blocked-p th)))
        (mt:thread-interrupt th)
        (wait-until (lambda () *log*))
        (mt:mutex-unlock m)
        (list (multiple-value-list (mt:thread-join th)) (log-list)))""") == [
        [["CONTINUED"], True], ["SIMPLE-CONDITION", "CONTINUED"]]


def test_interrupting_a_dead_thread_returns_nil(lisp):
    """SPEC 4.9: THREAD-INTERRUPT of a terminated thread returns NIL."""
    assert lisp("""
      (let ((th (mt:make-thread (lambda () :done))))
        (mt:thread-join th)
        (list (mt:thread-interrupt th :function #'identity :arguments '(1))
              (mt:thread-interrupt th :function t)))""") == [None, None]


def test_with_deferred_interrupts_defers_and_override_ignores_it(lisp):
    """SPEC 4.7: interrupts sent inside WITH-DEFERRED-INTERRUPTS run when it
    is left, in order; one sent with :OVERRIDE T runs at once."""
    assert lisp(LOG + """
      (let* ((inside (mt:make-mutex))
             (go (mt:make-mutex))
             (th (progn (mt:mutex-lock go)
                        (mt:make-thread
                          (lambda ()
                            (mt:with-deferred-interrupts
                              (mt:mutex-lock inside)
                              (mt:with-lock (go) (note :body-done)))
                            (note :after))))))
        (wait-until (lambda () (mt:mutex-owner inside)))
        (mt:thread-interrupt th :function #'note :arguments '(:deferred-1))
        (mt:thread-interrupt th :function #'note :arguments '(:deferred-2))
        (mt:thread-interrupt th :function #'note :arguments '(:override) :override t)
        (wait-until (lambda () *log*))
        (mt:mutex-unlock go)
        (mt:thread-join th)
        (log-list))""") == ["OVERRIDE", "BODY-DONE", "DEFERRED-1", "DEFERRED-2", "AFTER"]


def test_kill_is_deferred_by_with_deferred_interrupts(lisp):
    """SPEC 5 and 4.7: THREAD-INTERRUPT :FUNCTION T waits for
    WITH-DEFERRED-INTERRUPTS to end, so a cleanup inside it completes."""
    assert lisp(LOG + """
      (let* ((inside (mt:make-mutex))
             (go (mt:make-mutex))
             (th (progn (mt:mutex-lock go)
                        (mt:make-thread
                          (lambda ()
                            (unwind-protect (note :body)
                              (mt:with-deferred-interrupts
                                (note :cleanup-1)
                                (mt:mutex-lock inside)
                                (mt:with-lock (go) (note :cleanup-2))))
                            (note :not-reached))))))
        (wait-until (lambda () (mt:mutex-owner inside)))
        (mt:thread-interrupt th :function t)
        (mt:mutex-unlock go)
        (list (second (multiple-value-list (mt:thread-join th))) (log-list)))""") == [
        None, ["BODY", "CLEANUP-1", "CLEANUP-2"]]


# ---------------------------------------------------------------- mutexes
def test_mutexes(lisp):
    """MAKE-MUTEX, MUTEX-LOCK (T), MUTEX-OWNER (owner and count),
    MUTEX-UNLOCK (no values), recursive mutexes, predicates and names."""
    assert lisp("""
      (let ((m (mt:make-mutex :name "m"))
            (r (mt:make-mutex :name "r" :recursive-p t)))
        (list (mt:mutexp m) (mt:mutexp 1) (mt:mutex-name m) (mt:mutex-recursive-p m)
              (mt:mutex-recursive-p r)
              (multiple-value-list (mt:mutex-owner m))
              (mt:mutex-lock m)
              (eq (mt:mutex-owner m) (mt:current-thread))
              (multiple-value-list (mt:mutex-unlock m))
              (mt:mutex-lock r) (mt:mutex-lock r)
              (second (multiple-value-list (mt:mutex-owner r)))
              (progn (mt:mutex-unlock r) (second (multiple-value-list (mt:mutex-owner r))))
              (progn (mt:mutex-unlock r) (mt:mutex-owner r))))""") == [
        True, None, "m", None, True, [None, 0], True, True, None, True, True, 2, 1, None]


def test_mutex_errors_are_control_errors(lisp):
    """Relocking a non-recursive mutex and unlocking a mutex one does not
    own are CONTROL-ERRORs, as in CLISP."""
    assert lisp("""
      (let ((m (mt:make-mutex)))
        (list (handler-case (mt:mutex-unlock m) (control-error () :not-owner))
              (mt:mutex-lock m)
              (handler-case (mt:mutex-lock m) (control-error () :relock))
              (handler-case (mt:with-mutex-lock (m) :body) (control-error () :relock))
              (first (mt:thread-join
                       (mt:make-thread (lambda () (handler-case (mt:mutex-unlock m)
                                                    (control-error () :other-thread))))))))
    """) == ["NOT-OWNER", True, "RELOCK", "RELOCK", "OTHER-THREAD"]


def test_mutex_lock_timeout_and_with_lock_release(lisp):
    """MUTEX-LOCK :TIMEOUT returns NIL when the mutex stays taken;
    WITH-LOCK and WITH-MUTEX-LOCK unlock however their body is left."""
    assert lisp("""
      (let* ((m (mt:make-mutex))
             (busy (mt:make-thread (lambda () (mt:mutex-lock m) :holding))))
        (mt:thread-join busy)
        (list (mt:mutex-lock m :timeout 0.001)
              (eq (mt:mutex-owner m) busy)
              (let ((n (mt:make-mutex)))
                (list (catch 'out (mt:with-lock (n) (throw 'out :thrown)))
                      (mt:mutex-owner n)
                      (catch 'out (mt:with-mutex-lock (n) (throw 'out :thrown)))
                      (mt:mutex-owner n)))))""") == [None, True, ["THROWN", None, "THROWN", None]]


# ---------------------------------------------------------------- exemptions
def test_exemptions(lisp):
    """EXEMPTION-WAIT releases the mutex while waiting and holds it again on
    return (T when signaled, NIL on timeout); EXEMPTION-SIGNAL and
    -BROADCAST return the exemption; a :TEST waits until it is true."""
    assert lisp("""
      (defparameter *ready* nil)
      (let* ((m (mt:make-mutex :name "m"))
             (e (mt:make-exemption :name "e"))
             (waiter (mt:make-thread
                       (lambda ()
                         (mt:with-lock (m)
                           (list (mt:exemption-wait e m :test (lambda () *ready*))
                                 (eq (mt:mutex-owner m) (mt:current-thread))))))))
        (flet ((waiting () (and (null (mt:mutex-owner m)) (mp:process-whostate waiter))))
          (mp:process-wait "waiter waits" #'waiting)
          ;; woken with *READY* false, the waiter tests again and waits again
          (mt:with-lock (m) (mt:exemption-signal e))
          (mp:process-wait "waiter woke" (lambda () (not (waiting))))
          (mp:process-wait "waiter waits again" #'waiting)
          (mt:with-lock (m) (setq *ready* t) (mt:exemption-broadcast e)))
        (list (first (mt:thread-join waiter))
              (mt:exemptionp e) (mt:exemptionp m) (mt:exemption-name e)
              (mt:with-lock (m) (list (mt:exemption-wait e m :timeout 0.001)
                                      (eq (mt:mutex-owner m) (mt:current-thread))))))""") == [
        [True, True], True, None, "e", [None, True]]


def test_exemption_wait_requires_the_mutex_once(lisp):
    """EXEMPTION-WAIT signals an error if the mutex is not held, or held
    more than once (a recursive mutex)."""
    assert lisp("""
      (let ((e (mt:make-exemption))
            (m (mt:make-mutex))
            (r (mt:make-mutex :recursive-p t)))
        (list (handler-case (mt:exemption-wait e m) (error () :not-held))
              (progn (mt:mutex-lock r) (mt:mutex-lock r)
                     (handler-case (mt:exemption-wait e r) (error () :held-twice)))))""") == [
        "NOT-HELD", "HELD-TWICE"]


def test_signaled_waiter_holds_the_mutex_again(lisp):
    """A thread woken by EXEMPTION-SIGNAL while the signaller holds the
    mutex returns from EXEMPTION-WAIT only once it holds the mutex."""
    assert lisp(LOG + """
      (let* ((m (mt:make-mutex))
             (e (mt:make-exemption))
             (th (mt:make-thread
                   (lambda ()
                     (mt:with-lock (m)
                       (note (list :woke (mt:exemption-wait e m)))
                       (note (list :owner (eq (mt:mutex-owner m) (mt:current-thread)))))))))
        (wait-until (lambda () (and (null (mt:mutex-owner m)) (blocked-p th))))
        (mt:with-lock (m)
          (mt:exemption-signal e)
          (mt:thread-yield)
          (note :signaller-done))
        (mt:thread-join th)
        (log-list))""") == ["SIGNALLER-DONE", ["WOKE", True], ["OWNER", True]]


# ---------------------------------------------------------------- timeouts
def test_with_timeout(lisp):
    """WITH-TIMEOUT returns the body's values when it finishes in time, else
    unwinds the body (its cleanups run) and returns the timeout forms'
    values."""
    assert lisp(LOG + """
      (list (multiple-value-list (mt:with-timeout (10 :timed-out) (values 1 2)))
            (let ((m (mt:make-mutex))
                  (holder nil))
              (setq holder (mt:make-thread (lambda () (mt:mutex-lock m))))
              (mt:thread-join holder)
              (multiple-value-list
                (mt:with-timeout (0.01 (note :timeout-forms) (values :timed :out))
                  (unwind-protect (mt:mutex-lock m) (note :body-cleanup))
                  :not-reached)))
            (log-list))""") == [[1, 2], ["TIMED", "OUT"], ["BODY-CLEANUP", "TIMEOUT-FORMS"]]


def test_nested_with_timeout_of_one_site(lisp):
    """Each WITH-TIMEOUT has its own exit: an outer timeout of the same code
    location unwinds to its own call."""
    assert lisp("""
      (defun guarded (seconds thunk) (mt:with-timeout (seconds :timeout) (funcall thunk)))
      (let ((m (mt:make-mutex)))
        (mt:thread-join (mt:make-thread (lambda () (mt:mutex-lock m))))
        (guarded 0.02 (lambda () (list :inner (guarded 10 (lambda () (mt:mutex-lock m)))))))
    """) == "TIMEOUT"


def test_y_or_n_p_timeout_returns_the_answer_given_in_time(lisp):
    """Y-OR-N-P-TIMEOUT with an answer available: the answer, no timeout
    message. (The timeout itself is MT:WITH-TIMEOUT's, tested above; a
    question left unanswered needs an input stream that waits, and reading
    the console is not yet a wait other processes can run during.)"""
    assert lisp("""
      (let ((*query-io* (make-two-way-stream (make-string-input-stream (format nil "n~%y~%"))
                                             (make-broadcast-stream)))
            (answers '()))
        (list (with-output-to-string (*standard-output*)
                (push (mt:y-or-n-p-timeout 10 t "Continue?") answers)
                (push (mt:y-or-n-p-timeout 10 nil "Continue?") answers))
              (reverse answers)))""") == ["", [None, True]]


# ---------------------------------------------------------------- thread-local values
def test_symbol_value_thread(lisp):
    """SYMBOL-VALUE-THREAD: values and indicators for the global value (NIL),
    the current thread (T), another thread's binding, no binding, a binding
    made unbound, a terminated thread; and SETF of each."""
    assert lisp("""
      (defparameter *s* :global)
      (let* ((m (mt:make-mutex))
             (th (progn
                   (mt:mutex-lock m)
                   (mt:make-thread (lambda () (let ((*s* :in-thread)) (mt:with-lock (m) *s*)))))))
        (do () ((eq (mt:symbol-value-thread '*s* th) :in-thread)) (mt:thread-yield))
        (list (multiple-value-list (mt:symbol-value-thread '*s* nil))
              (multiple-value-list (mt:symbol-value-thread '*s* t))
              (let ((*s* :mine)) (multiple-value-list (mt:symbol-value-thread '*s* t)))
              (let ((*s* :mine)) (makunbound '*s*)
                (multiple-value-list (mt:symbol-value-thread '*s* t)))
              (multiple-value-list (mt:symbol-value-thread '*s* th))
              (progn (setf (mt:symbol-value-thread '*s* th) :set-from-main)
                     (mt:mutex-unlock m)
                     (first (mt:thread-join th)))
              (multiple-value-list (mt:symbol-value-thread '*s* th))
              (progn (setf (mt:symbol-value-thread '*s* nil) :new-global) *s*)
              (handler-case (setf (mt:symbol-value-thread '*s* th) 1)
                (control-error () :dead))
              (multiple-value-list (mt:symbol-value-thread 'not-special t))))""") == [
        ["GLOBAL", True], [None, None], ["MINE", True], [None, "MAKUNBOUND"],
        ["IN-THREAD", True], "SET-FROM-MAIN", [None, "THREAD-ACTIVE-P"], "NEW-GLOBAL",
        "DEAD", [None, None]]

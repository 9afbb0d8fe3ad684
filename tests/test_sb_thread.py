"""SBCL's threading API on the green-process runtime: SB-THREAD
(runtime/sb_thread.py, runtime/sb_sync.py), SB-SYS interrupt masks and
SB-EXT:WITH-TIMEOUT (runtime/sb_sys.py), the SB-EXT atomics
(runtime/sb_atomics.py).

Each numbered rule of SPEC 3, 4 and 5 these APIs reach has a test named
after it. The programs in tests/threads/ run here and under
`sbcl --script` with the same stdout (their .out files are SBCL's).
Multi-thread tests wait on state (joins, semaphores, mutexes), never on
sleeping to let a thread get somewhere.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from lisp import Interpreter
from lisp.interpreter import LispConditionError
from reference_programs import expected_output, program_names, run_ours, run_reference

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "tests", "threads")
PROGRAM_NAMES = program_names(PROGRAMS, prefix="sb-thread-")


@pytest.fixture(scope="module")
def it():
    return Interpreter()


def show(it, form: str) -> str:
    """All values of FORM, printed with PRIN1 as a list."""
    return it.eval(f"(let ((*print-pretty* nil)) (prin1-to-string (multiple-value-list {form})))")


def error_of(it, form: str) -> str:
    with pytest.raises(LispConditionError) as e:
        it.eval(form)
    return e.value.type_name


def run_script(text: str, tmp_path, name="prog.lisp"):
    path = tmp_path / name
    path.write_text(text)
    return subprocess.run([sys.executable, os.path.join(ROOT, "repl.py"), str(path)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


# ---------------------------------------------------------------- programs also run by SBCL
@pytest.mark.parametrize("name", PROGRAM_NAMES)
def test_program_prints_what_sbcl_prints(name):
    """SPEC 3-5: the thread programs print exactly SBCL's output."""
    r = run_ours(PROGRAMS, name)
    assert r.stdout == expected_output(PROGRAMS, name), r.stderr
    assert r.returncode == 0, r.stderr


@pytest.mark.skipif(shutil.which("sbcl") is None, reason="sbcl is not installed")
@pytest.mark.parametrize("name", PROGRAM_NAMES)
def test_program_expectations_are_sbcls(name):
    r = run_reference(["sbcl", "--script"], PROGRAMS, name, ".lisp")
    assert r.stdout == expected_output(PROGRAMS, name)


# ---------------------------------------------------------------- SPEC 3: processes
def test_rule_3_1_same_program_same_interleaving():
    """SPEC 3.1: preemption only after a fixed quantum of steps, so the same
    program interleaves the same way every run; with a small quantum the
    threads do interleave."""
    program = """
      (defparameter *trace* nil)
      (defun worker (tag) (dotimes (i 30) (sb-ext:atomic-push tag *trace*)))
      (let ((a (sb-thread:make-thread #'worker :arguments '(:a)))
            (b (sb-thread:make-thread #'worker :arguments '(:b))))
        (sb-thread:join-thread a) (sb-thread:join-thread b))
      (prin1-to-string (reverse *trace*))"""
    runs = [Interpreter(quantum=40).eval(program) for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]
    trace = runs[0]
    assert trace.count(":A") == 30 and trace.count(":B") == 30
    assert trace.index(":B") < trace.rindex(":A"), "the threads did not interleave"


def test_rule_3_2_a_step_is_atomic(it):
    """SPEC 3.2: a primitive is one step: ATOMIC-INCF and COMPARE-AND-SWAP
    from many preempted threads lose no update."""
    it.eval("(defparameter *c* (list 0))")
    it.eval("""(defun cas-incf (n)
                 (dotimes (i n)
                   (loop for old = (car *c*)
                         until (eq old (sb-ext:compare-and-swap (car *c*) old (1+ old))))
                   (sb-ext:atomic-incf (car *c*))))""")
    interp = Interpreter(quantum=7)
    interp.eval("""(mapc #'sb-thread:join-thread
                         (loop repeat 6 collect (sb-thread:make-thread #'cas-incf :arguments 50)))""")
    assert interp.eval("(car *c*)") == 600


def test_rule_3_3_blocking_blocks_only_the_caller(it):
    """SPEC 3.3: a thread blocked on a semaphore, mutex or join leaves the
    others running."""
    assert show(it, """
      (let* ((s (sb-thread:make-semaphore)) (m (sb-thread:make-mutex)) (log nil)
             (waiter (sb-thread:make-thread
                      (lambda () (sb-thread:wait-on-semaphore s) (push :waiter-done log))))
             (locker (progn (sb-thread:grab-mutex m)
                            (sb-thread:make-thread
                             (lambda () (sb-thread:with-mutex (m) (push :locker-done log)))))))
        (push :main-runs log)
        (sb-thread:release-mutex m)
        (sb-thread:join-thread locker)
        (sb-thread:signal-semaphore s)
        (sb-thread:join-thread waiter)
        (reverse log))""") == "((:MAIN-RUNS :LOCKER-DONE :WAITER-DONE))"


def test_rule_3_3_idle_interpreter_uses_no_cpu(it):
    """SPEC 3.3: while every thread is blocked (here on timeouts) the
    interpreter sleeps until the next timer."""
    cpu, wall = time.process_time(), time.monotonic()
    assert show(it, """
      (let ((s (sb-thread:make-semaphore)))
        (list (sb-thread:join-thread
               (sb-thread:make-thread (lambda () (sb-thread:wait-on-semaphore s :timeout 0.4))))
              (sb-thread:wait-on-semaphore s :timeout 0.4)))""") == "((NIL NIL))"
    assert time.monotonic() - wall >= 0.35
    assert time.process_time() - cpu < 0.25


def test_rule_3_4_deadlock_is_an_error_in_the_main_thread(it):
    """SPEC 3.4: every live thread blocked with nothing to wake one: the
    main thread gets MP:DEADLOCK naming the waits."""
    out = it.eval("""
      (let* ((m (sb-thread:make-mutex :name "held by main"))
             (s (sb-thread:make-semaphore :name "never signalled")))
        (sb-thread:grab-mutex m)
        (sb-thread:make-thread (lambda () (sb-thread:with-mutex (m) :never)) :name "stuck")
        (prog1 (handler-case (sb-thread:wait-on-semaphore s)
                 (mp:deadlock (c) (princ-to-string c)))
          (sb-thread:terminate-thread (find "stuck" (sb-thread:list-all-threads)
                                            :key #'sb-thread:thread-name :test #'equal))))""")
    assert "stuck" in out and "never signalled" in out and "held by main" in out


def test_rule_3_5_new_thread_sees_global_values_and_own_handlers(it):
    """SPEC 3.5: a new thread sees global values, not its creator's
    bindings; it has its own handlers, catch tags and restarts."""
    it.eval("(defparameter *where* :global)")
    assert show(it, """
      (let ((*where* :creator))
        (handler-case
            (sb-thread:join-thread
             (sb-thread:make-thread (lambda () (list *where* (catch 'tag (throw 'tag :own-tag))))))
          (error () :creator-handler-ran)))""") == "((:GLOBAL :OWN-TAG))"
    assert show(it, """
      (handler-case
          (sb-thread:join-thread
           (sb-thread:make-thread (lambda () (throw 'only-in-main 1))) :default :aborted)
        (error () :main-handler-ran))""") == "(:ABORTED :ABORT)"


def test_rule_3_6_unhandled_error_ends_only_that_thread(tmp_path):
    """SPEC 3.6: an unhandled error in a thread ends it with one line on
    stderr; the other threads go on."""
    r = run_script("""
      (let ((bad (sb-thread:make-thread (lambda () (error "bad thing ~a" 42)) :name "failing")))
        (format t "join: ~s~%" (multiple-value-list (sb-thread:join-thread bad :default :none))))
      (format t "main goes on~%")""", tmp_path)
    assert r.stdout.split() == ["join:", "(:NONE", ":ABORT)", "main", "goes", "on"]
    assert r.stderr.strip().splitlines() == ["failing: bad thing 42"]
    assert r.returncode == 0


# ---------------------------------------------------------------- SPEC 4: interrupts
BLOCKING_WAITS = {
    "semaphore": "(sb-thread:wait-on-semaphore (sb-thread:make-semaphore))",
    "mutex": "(sb-thread:grab-mutex *held*)",
    "with-mutex": "(sb-thread:with-mutex (*held*) :got)",
    "waitqueue": "(let ((m (sb-thread:make-mutex))) (sb-thread:with-mutex (m) "
                 "(sb-thread:condition-wait (sb-thread:make-waitqueue) m)))",
    "join": "(sb-thread:join-thread (sb-thread:main-thread))",
    "sleep": "(sleep 100)",
}


@pytest.mark.parametrize("wait", sorted(BLOCKING_WAITS))
def test_rule_4_1_blocked_thread_runs_interrupt_and_keeps_waiting(it, wait):
    """SPEC 4.1: an interrupt reaches a blocked thread, which runs it and
    goes back to its wait; a second interrupt that throws ends the wait."""
    it.eval("(defparameter *held* (sb-thread:make-mutex :name \"held\"))")
    assert show(it, f"""
      (let* ((ready (sb-thread:make-semaphore)) (ran (sb-thread:make-semaphore)) (log nil)
             (th (sb-thread:make-thread
                  (lambda ()
                    (catch 'out
                      (sb-thread:signal-semaphore ready)
                      {BLOCKING_WAITS[wait]}
                      :wait-ended)))))
        (sb-thread:grab-mutex *held*)
        (sb-thread:wait-on-semaphore ready)
        (sb-thread:interrupt-thread th (lambda () (push :ran log) (sb-thread:signal-semaphore ran)))
        (sb-thread:wait-on-semaphore ran)
        (push (sb-thread:thread-alive-p th) log)
        (sb-thread:interrupt-thread th (lambda () (throw 'out :thrown)))
        (push (sb-thread:join-thread th) log)
        (sb-thread:release-mutex *held*)
        (reverse log))""") == "((:RAN T :THROWN))"


def test_rule_4_1_busy_thread_is_interrupted(it):
    """SPEC 4.1: a thread in a loop that never blocks is interrupted at a
    step boundary."""
    assert show(it, """
      (let* ((ready (sb-thread:make-semaphore))
             (th (sb-thread:make-thread
                  (lambda () (catch 'out (sb-thread:signal-semaphore ready) (loop))))))
        (sb-thread:wait-on-semaphore ready)
        (sb-thread:interrupt-thread th (lambda () (throw 'out :stopped)))
        (sb-thread:join-thread th))""") == "(:STOPPED)"


def test_rule_4_2_interrupts_run_fifo(it):
    """SPEC 4.2: interrupts to one thread run in the order they were sent."""
    assert show(it, """
      (let* ((ready (sb-thread:make-semaphore)) (go (sb-thread:make-semaphore)) (log nil)
             (th (sb-thread:make-thread
                  (lambda ()
                    (sb-sys:without-interrupts
                      (sb-thread:signal-semaphore ready)
                      (sb-thread:wait-on-semaphore go))
                    (push :end log)))))
        (sb-thread:wait-on-semaphore ready)
        (dotimes (i 6) (let ((i i)) (sb-thread:interrupt-thread th (lambda () (push i log)))))
        (sb-thread:signal-semaphore go)
        (sb-thread:join-thread th)
        (reverse log))""") == "((0 1 2 3 4 5 :END))"


def test_rule_4_2_self_interrupt_runs_at_once(it):
    """SPEC 4.2: a thread interrupting itself runs the function before
    INTERRUPT-THREAD returns; masked, it runs when the mask is left."""
    assert show(it, """
      (let ((log nil))
        (sb-thread:interrupt-thread sb-thread:*current-thread* (lambda () (push :a log)))
        (push :b log)
        (sb-sys:without-interrupts
          (sb-thread:interrupt-thread sb-thread:*current-thread* (lambda () (push :c log)))
          (push :d log))
        (push :e log)
        (reverse log))""") == "((:A :B :D :C :E))"


def test_rule_4_3_interrupt_function_runs_without_interrupts(it):
    """SPEC 4.3: the function runs as (without-interrupts
    (allow-with-interrupts f)): interrupts disabled but allowed."""
    assert show(it, """
      (let ((state nil))
        (sb-thread:interrupt-thread sb-thread:*current-thread*
          (lambda ()
            (setq state (list sb-sys:*interrupts-enabled* sb-sys:*allow-with-interrupts*
                              (sb-sys:with-interrupts sb-sys:*interrupts-enabled*)))))
        state)""") == "((NIL T T))"


def test_rule_4_3_nested_interrupts_only_inside_with_interrupts(it):
    """SPEC 4.3: an interrupt sent while another runs waits for it to end,
    unless the running one enters WITH-INTERRUPTS."""
    template = """
      (let* ((ready (sb-thread:make-semaphore)) (in-a (sb-thread:make-semaphore))
             (go (sb-thread:make-semaphore)) (flag nil) (log nil)
             (th (sb-thread:make-thread
                  (lambda () (sb-thread:signal-semaphore ready) (sb-thread:wait-on-semaphore go)))))
        (sb-thread:wait-on-semaphore ready)
        (sb-thread:interrupt-thread th
          (lambda ()
            (push :a-start log)
            (sb-thread:signal-semaphore in-a)
            (loop until flag)
            %s
            (push :a-end log)))
        (sb-thread:wait-on-semaphore in-a)
        (sb-thread:interrupt-thread th (lambda () (push :b log)))
        (setq flag t)
        (sb-thread:signal-semaphore go)
        (sb-thread:join-thread th)
        (reverse log))"""
    assert show(it, template % "") == "((:A-START :A-END :B))"
    assert show(it, template % "(sb-sys:with-interrupts (push :with log))") == \
        "((:A-START :B :WITH :A-END))"


def test_rule_4_4_non_local_exit_unwinds_the_target(it):
    """SPEC 4.4: a throw from the interrupt function unwinds the target
    normally: its cleanups run, innermost first."""
    assert show(it, """
      (let* ((ready (sb-thread:make-semaphore)) (log nil)
             (th (sb-thread:make-thread
                  (lambda ()
                    (catch 'stop
                      (unwind-protect
                           (unwind-protect
                                (progn (sb-thread:signal-semaphore ready)
                                       (sb-thread:wait-on-semaphore (sb-thread:make-semaphore)))
                             (push :inner log))
                        (push :outer log)))))))
        (sb-thread:wait-on-semaphore ready)
        (sb-thread:interrupt-thread th (lambda () (throw 'stop :thrown)))
        (list (sb-thread:join-thread th) (reverse log)))""") == "((:THROWN (:INNER :OUTER)))"


def test_rule_4_5_exit_during_cleanup_skips_the_rest_of_it(it):
    """SPEC 4.5: an interrupt that exits while a cleanup form runs skips
    the rest of that UNWIND-PROTECT's cleanups; outer cleanups still run."""
    assert show(it, """
      (let* ((ready (sb-thread:make-semaphore)) (log nil)
             (th (sb-thread:make-thread
                  (lambda ()
                    (catch 'stop
                      (unwind-protect
                           (unwind-protect (push :body log)
                             (push :cleanup-1 log)
                             (sb-thread:signal-semaphore ready)
                             (sb-thread:wait-on-semaphore (sb-thread:make-semaphore))
                             (push :cleanup-2 log))
                        (push :outer log)))))))
        (sb-thread:wait-on-semaphore ready)
        (sb-thread:interrupt-thread th (lambda () (throw 'stop :thrown)))
        (list (sb-thread:join-thread th) (reverse log)))""") == \
        "((:THROWN (:BODY :CLEANUP-1 :OUTER)))"


def test_rule_4_6_throw_from_cleanup_aborts_a_termination(it):
    """SPEC 4.6: a throw from a cleanup to a place outside it abandons the
    unwinding in progress, a termination included: the thread lives on."""
    assert show(it, """
      (let* ((ready (sb-thread:make-semaphore))
             (th (sb-thread:make-thread
                  (lambda ()
                    (catch 'escape
                      (unwind-protect
                           (progn (sb-thread:signal-semaphore ready)
                                  (sb-thread:wait-on-semaphore (sb-thread:make-semaphore)))
                        (throw 'escape nil)))
                    :survived))))
        (sb-thread:wait-on-semaphore ready)
        (sb-thread:terminate-thread th)
        (sb-thread:join-thread th))""") == "(:SURVIVED)"


def test_rule_4_7_masks_defer_and_never_drop(it):
    """SPEC 4.7: interrupts that arrive inside WITHOUT-INTERRUPTS wait, and
    all run when the outermost mask is left, also when it is left by a
    throw."""
    assert show(it, """
      (let* ((ready (sb-thread:make-semaphore)) (go (sb-thread:make-semaphore)) (log nil)
             (th (sb-thread:make-thread
                  (lambda ()
                    (catch 'out
                      (sb-sys:without-interrupts
                        (sb-sys:without-interrupts
                          (sb-thread:signal-semaphore ready)
                          (sb-thread:wait-on-semaphore go)
                          (push :inner-done log))
                        (push :outer-still-masked log)
                        (throw 'out :thrown)))
                    (push :after log)))))
        (sb-thread:wait-on-semaphore ready)
        (sb-thread:interrupt-thread th (lambda () (push :i1 log)))
        (sb-thread:interrupt-thread th (lambda () (push :i2 log)))
        (sb-thread:signal-semaphore go)
        (sb-thread:join-thread th)
        (reverse log))""") == "((:INNER-DONE :OUTER-STILL-MASKED :I1 :I2 :AFTER))"


def test_rule_4_7_with_interrupts_needs_allow_with_interrupts(it):
    """SPEC 4.7: SBCL's exact state table: WITH-INTERRUPTS enables only
    where allowed; ALLOW-WITH-INTERRUPTS and WITH-LOCAL-INTERRUPTS restore
    the allow state outside their WITHOUT-INTERRUPTS (values checked with
    SBCL 2.2.9)."""
    state = "(list sb-sys:*interrupts-enabled* sb-sys:*allow-with-interrupts*)"
    assert show(it, f"""
      (sb-sys:without-interrupts
        (list {state}
              (sb-sys:allow-with-interrupts {state})
              (sb-sys:with-local-interrupts {state})
              (sb-sys:with-interrupts {state})
              (sb-sys:allow-with-interrupts (sb-sys:with-interrupts {state}))))""") == \
        "(((NIL NIL) (NIL T) (T T) (NIL NIL) (T T)))"
    assert show(it, f"""
      (sb-sys:without-interrupts
        (sb-sys:without-interrupts (sb-sys:with-local-interrupts {state})))""") == "((NIL NIL))"
    assert show(it, f"""
      (sb-sys:without-interrupts
        (sb-sys:allow-with-interrupts
          (sb-sys:without-interrupts (sb-sys:with-local-interrupts {state}))))""") == "((T T))"
    assert show(it, f"(list {state} (sb-sys:with-interrupts {state}))") == "(((T T) (T T)))"


def test_rule_4_7_pending_interrupts_run_before_with_interrupts_body(it):
    """SPEC 4.7: WITH-INTERRUPTS and WITH-LOCAL-INTERRUPTS take pending
    interrupts before their bodies run."""
    for form in ("(sb-sys:allow-with-interrupts (sb-sys:with-interrupts (push :body log)))",
                 "(sb-sys:with-local-interrupts (push :body log))"):
        assert show(it, f"""
          (let ((log nil))
            (sb-sys:without-interrupts
              (sb-thread:interrupt-thread sb-thread:*current-thread* (lambda () (push :intr log)))
              (push :masked log)
              {form}
              (push :masked-again log))
            (reverse log))""") == "((:MASKED :INTR :BODY :MASKED-AGAIN))"


def test_rule_4_7_local_macros_only_inside_without_interrupts(it):
    """SPEC 4.7: ALLOW-WITH-INTERRUPTS and WITH-LOCAL-INTERRUPTS are local
    macros of WITHOUT-INTERRUPTS; elsewhere they are an error, as in SBCL
    (also lexically inside an interrupt function)."""
    assert error_of(it, "(sb-sys:allow-with-interrupts 1)") == "SIMPLE-ERROR"
    assert error_of(it, "(sb-sys:with-local-interrupts 1)") == "SIMPLE-ERROR"
    assert "valid only inside" in it.eval(
        "(handler-case (eval '(sb-sys:with-local-interrupts 1)) (error (e) (princ-to-string e)))")


def test_rule_4_7_blocking_wait_takes_interrupts_when_allowed(it):
    """SPEC 4.7 (SBCL's waits run in WITH-INTERRUPTS): inside an interrupt
    function a wait accepts nested interrupts; inside WITHOUT-INTERRUPTS it
    does not."""
    assert show(it, """
      (let* ((ready (sb-thread:make-semaphore)) (s (sb-thread:make-semaphore))
             (go (sb-thread:make-semaphore)) (log nil)
             (th (sb-thread:make-thread
                  (lambda () (sb-thread:signal-semaphore ready) (sb-thread:wait-on-semaphore go)))))
        (sb-thread:wait-on-semaphore ready)
        (sb-thread:interrupt-thread th (lambda ()
                                         (sb-thread:signal-semaphore ready)
                                         (push (sb-thread:wait-on-semaphore s) log)))
        (sb-thread:wait-on-semaphore ready)
        (sb-thread:interrupt-thread th (lambda () (push :nested log) (sb-thread:signal-semaphore s)))
        (sb-thread:signal-semaphore go)
        (sb-thread:join-thread th)
        (reverse log))""") == "((:NESTED 0))"


def test_rule_4_8_masking_gives_no_atomicity(it):
    """SPEC 4.8: other threads keep running while one has interrupts
    disabled."""
    assert show(it, """
      (let* ((flag nil) (ready (sb-thread:make-semaphore))
             (th (sb-thread:make-thread
                  (lambda ()
                    (sb-sys:without-interrupts
                      (sb-thread:signal-semaphore ready)
                      (loop until flag)
                      :saw-flag)))))
        (sb-thread:wait-on-semaphore ready)
        (setq flag t)
        (sb-thread:join-thread th))""") == "(:SAW-FLAG)"


def test_rule_4_9_interrupting_a_dead_thread_is_an_error(it):
    """SPEC 4.9: INTERRUPT-THREAD-ERROR naming the thread."""
    assert show(it, """
      (let ((th (sb-thread:make-thread (lambda () :done))))
        (sb-thread:join-thread th)
        (handler-case (sb-thread:interrupt-thread th (lambda () nil))
          (sb-thread:interrupt-thread-error (e)
            (list (type-of e) (eq (sb-thread:thread-error-thread e) th)
                  (and (search "has exited" (princ-to-string e)) t)))))""") == \
        "((SB-THREAD:INTERRUPT-THREAD-ERROR T T))"


def test_notification_during_an_interrupted_condition_wait_is_not_lost(it):
    """SPEC 4.1 with a waitqueue: a CONDITION-NOTIFY sent while the waiter
    runs an interrupt function reaches the wait it goes back to (sync.py
    used to drop it: the waiter then slept forever)."""
    assert show(it, """
      (let* ((m (sb-thread:make-mutex)) (q (sb-thread:make-waitqueue))
             (ready (sb-thread:make-semaphore)) (in-intr (sb-thread:make-semaphore))
             (resume (sb-thread:make-semaphore))
             (th (sb-thread:make-thread
                  (lambda ()
                    (sb-thread:with-mutex (m)
                      (sb-thread:signal-semaphore ready)
                      (sb-thread:condition-wait q m))))))
        (sb-thread:wait-on-semaphore ready)
        (sb-thread:with-mutex (m)
          (sb-thread:interrupt-thread th (lambda ()
                                           (sb-thread:signal-semaphore in-intr)
                                           (sb-thread:wait-on-semaphore resume))))
        (sb-thread:wait-on-semaphore in-intr)
        (sb-thread:with-mutex (m) (sb-thread:condition-notify q))
        (sb-thread:signal-semaphore resume)
        (sb-thread:join-thread th))""") == "(T)"


# ---------------------------------------------------------------- SPEC 5: killing
def test_rule_5_terminate_runs_cleanups_innermost_first(it):
    """SPEC 5: TERMINATE-THREAD unwinds to the thread's top running every
    pending cleanup, innermost first; JOIN-THREAD then reports :ABORT."""
    assert show(it, """
      (let* ((ready (sb-thread:make-semaphore)) (log nil)
             (th (sb-thread:make-thread
                  (lambda ()
                    (unwind-protect
                         (unwind-protect
                              (progn (sb-thread:signal-semaphore ready)
                                     (loop))
                           (push 1 log))
                      (push 2 log))))))
        (sb-thread:wait-on-semaphore ready)
        (list (sb-thread:terminate-thread th)
              (multiple-value-list (sb-thread:join-thread th :default :gone))
              (reverse log)
              (sb-thread:thread-alive-p th)))""") == "((NIL (:GONE :ABORT) (1 2) NIL))"


def test_rule_5_kill_is_deferred_by_a_mask_and_drops_later_interrupts(it):
    """SPEC 5: the kill is an interrupt: a mask defers it, interrupts sent
    before it still run (FIFO), and those after it die with the thread."""
    assert show(it, """
      (let* ((ready (sb-thread:make-semaphore)) (go (sb-thread:make-semaphore)) (log nil)
             (th (sb-thread:make-thread
                  (lambda ()
                    (sb-sys:without-interrupts
                      (sb-thread:signal-semaphore ready)
                      (sb-thread:wait-on-semaphore go)
                      (push :masked-work-done log))
                    (push :not-reached log)))))
        (sb-thread:wait-on-semaphore ready)
        (sb-thread:interrupt-thread th (lambda () (push :before-kill log)))
        (sb-thread:terminate-thread th)
        (sb-thread:interrupt-thread th (lambda () (push :after-kill log)))
        (sb-thread:signal-semaphore go)
        (list (multiple-value-list (sb-thread:join-thread th :default :killed)) (reverse log)))""") == \
        "(((:KILLED :ABORT) (:MASKED-WORK-DONE :BEFORE-KILL)))"


def test_rule_5_killed_thread_releases_mutexes_and_reacquires_in_condition_wait(it):
    """SPEC 5: WITH-MUTEX releases on the way out of a kill; a thread killed
    in CONDITION-WAIT takes the mutex back before unwinding past it."""
    assert show(it, """
      (let* ((m (sb-thread:make-mutex :name "m")) (q (sb-thread:make-waitqueue))
             (ready (sb-thread:make-semaphore)) (log nil)
             (th (sb-thread:make-thread
                  (lambda ()
                    (sb-thread:with-mutex (m)
                      (unwind-protect
                           (progn (sb-thread:signal-semaphore ready)
                                  (sb-thread:condition-wait q m))
                        (push (sb-thread:holding-mutex-p m) log)))))))
        (sb-thread:wait-on-semaphore ready)
        (sb-thread:with-mutex (m) (sb-thread:terminate-thread th))
        (sb-thread:join-thread th :default nil)
        (list log (sb-thread:mutex-owner m)))""") == "(((T) NIL))"


def test_rule_5_terminating_the_main_thread_exits_with_code_1(tmp_path):
    """SPEC 5 with SBCL's ABORT-THREAD :ALLOW-EXIT T: terminating the main
    thread exits the program with code 1, after its cleanups."""
    r = run_script("""
      (let ((main sb-thread:*current-thread*))
        (unwind-protect
             (progn (sb-thread:make-thread (lambda () (sb-thread:terminate-thread main)))
                    (loop))
          (format t "main cleanup~%")))
      (format t "not reached~%")""", tmp_path)
    assert r.stdout == "main cleanup\n"
    assert r.returncode == 1


# ---------------------------------------------------------------- threads
def test_make_thread_arguments_name_and_values(it):
    assert show(it, "(sb-thread:join-thread (sb-thread:make-thread #'list :arguments '(1 2)))") == \
        "((1 2))"
    assert show(it, "(sb-thread:join-thread (sb-thread:make-thread #'list :arguments 5))") == "((5))"
    assert show(it, "(sb-thread:join-thread (sb-thread:make-thread (lambda () (values 1 2 3))))") == \
        "(1 2 3)"
    assert show(it, "(sb-thread:join-thread (sb-thread:make-thread (lambda () (values))))") == "NIL"
    assert show(it, """(sb-thread:join-thread
                         (sb-thread:make-thread (lambda () (sb-thread:thread-name sb-thread:*current-thread*))
                                                :name "abc"))""") == '("abc")'
    assert show(it, "(sb-thread:thread-name (sb-thread:make-thread (lambda ())))") == "(NIL)"
    assert show(it, """(let ((th (sb-thread:make-thread (lambda ()) :name "x")))
                         (list (setf (sb-thread:thread-name th) "y") (sb-thread:thread-name th)))""") == \
        '(("y" "y"))'
    assert error_of(it, "(sb-thread:make-thread 3)") == "CASE-FAILURE"
    assert error_of(it, "(sb-thread:make-thread (lambda ()) :name 'foo)") == "TYPE-ERROR"
    assert error_of(it, "(sb-thread:make-thread (lambda ()) :bogus 1)") == "SIMPLE-PROGRAM-ERROR"


def test_join_thread_problems(it):
    """JOIN-THREAD: :ABORT and :TIMEOUT return DEFAULT and the problem, or
    signal JOIN-THREAD-ERROR; joining oneself is :SELF-JOIN."""
    assert show(it, """
      (let ((th (sb-thread:make-thread (lambda () (sb-thread:abort-thread)))))
        (list (multiple-value-list (sb-thread:join-thread th :default 7))
              (handler-case (sb-thread:join-thread th)
                (sb-thread:join-thread-error (e)
                  (list (sb-thread::join-thread-problem e) (eq th (sb-thread:thread-error-thread e))
                        (and (search "did not return normally" (princ-to-string e)) t))))))""") == \
        "(((7 :ABORT) (:ABORT T T)))"
    assert show(it, """
      (let* ((s (sb-thread:make-semaphore))
             (th (sb-thread:make-thread (lambda () (sb-thread:wait-on-semaphore s)))))
        (prog1 (list (multiple-value-list (sb-thread:join-thread th :timeout 0.01 :default :d))
                     (handler-case (sb-thread:join-thread th :timeout 0.01)
                       (sb-thread:join-thread-error (e)
                         (list (sb-thread::join-thread-problem e)
                               (and (search "did not exit in time" (princ-to-string e)) t)))))
          (sb-thread:signal-semaphore s)
          (sb-thread:join-thread th)))""") == "(((:D :TIMEOUT) (:TIMEOUT T)))"
    assert show(it, """
      (handler-case (sb-thread:join-thread sb-thread:*current-thread* :default 1)
        (sb-thread:join-thread-error (e)
          (list (sb-thread::join-thread-problem e)
                (and (search "attempt to join the current thread" (princ-to-string e)) t))))""") == \
        "((:SELF-JOIN T))"
    assert error_of(it, "(sb-thread:join-thread 5)") == "TYPE-ERROR"


def test_abort_and_return_from_thread(it):
    assert show(it, """
      (list (multiple-value-list
             (sb-thread:join-thread (sb-thread:make-thread (lambda () (abort) :no)) :default :d))
            (sb-thread:join-thread (sb-thread:make-thread (lambda () (mapcar #'restart-name (compute-restarts)))))
            (sb-thread:join-thread (sb-thread:make-thread (lambda () (princ-to-string (find-restart 'abort)))))
            (multiple-value-list
             (sb-thread:join-thread
              (sb-thread:make-thread (lambda () (sb-thread:return-from-thread (values 1 2)) :no)))))""")\
        .startswith('(((:D :ABORT) (ABORT) "abort thread (#<THREAD RUNNING {')
    assert show(it, """
      (handler-case (sb-thread:abort-thread)
        (error (e) (list (type-of e) (princ-to-string e))))""") == \
        '((SB-THREAD::SIMPLE-THREAD-ERROR "Tried to abort initial thread, but exit was not allowed."))'
    assert show(it, """
      (handler-case (sb-thread:return-from-thread (values 1 2))
        (error (e) (princ-to-string e)))""") == \
        '("Tried to return (1 2) as values from main thread, but exit was not allowed.")'


def test_return_from_main_thread_with_allow_exit_exits_0(tmp_path):
    r = run_script('(format t "a~%") (sb-thread:return-from-thread 1 :allow-exit t) (format t "b~%")',
                   tmp_path)
    assert (r.stdout, r.returncode) == ("a\n", 0)
    r = run_script('(format t "a~%") (sb-thread:abort-thread :allow-exit t) (format t "b~%")', tmp_path)
    assert (r.stdout, r.returncode) == ("a\n", 1)


def test_thread_queries(it):
    assert show(it, """
      (let* ((s (sb-thread:make-semaphore))
             (th (sb-thread:make-thread (lambda () (sb-thread:wait-on-semaphore s)))))
        (prog1 (list (sb-thread:main-thread-p) (sb-thread:main-thread-p th)
                     (eq (sb-thread:main-thread) sb-thread:*current-thread*)
                     (sb-thread:join-thread
                      (sb-thread:make-thread (lambda () (sb-thread:main-thread-p))))
                     (and (member th (sb-thread:list-all-threads)) t)
                     (and (member sb-thread:*current-thread* (sb-thread:list-all-threads)) t)
                     (typep th 'sb-thread:thread)
                     (sb-thread:thread-yield))
          (sb-thread:signal-semaphore s)
          (sb-thread:join-thread th)
          (assert (not (member th (sb-thread:list-all-threads))))))""") == \
        "((T NIL T NIL T T T 0))"


def test_symbol_value_in_thread(it):
    it.eval("(defparameter *svit* :global)")
    assert show(it, """
      (let* ((ready (sb-thread:make-semaphore)) (go (sb-thread:make-semaphore))
             (th (sb-thread:make-thread
                  (lambda () (let ((*svit* :local))
                               (sb-thread:signal-semaphore ready)
                               (sb-thread:wait-on-semaphore go)
                               *svit*)))))
        (sb-thread:wait-on-semaphore ready)
        (list (multiple-value-list (sb-thread:symbol-value-in-thread '*svit* th))
              (multiple-value-list (setf (sb-thread:symbol-value-in-thread '*svit* th) :set))
              (multiple-value-list (sb-thread:symbol-value-in-thread '*print-base* th nil))
              (handler-case (sb-thread:symbol-value-in-thread '*print-base* th)
                (sb-thread:symbol-value-in-thread-error (e)
                  (list (cell-error-name e) (and (search "no thread-local value" (princ-to-string e)) t))))
              (progn (sb-thread:signal-semaphore go) (sb-thread:join-thread th))
              (multiple-value-list (sb-thread:symbol-value-in-thread '*svit* th nil))
              (handler-case (sb-thread:symbol-value-in-thread '*svit* th)
                (error (e) (and (search "the thread has exited" (princ-to-string e)) t)))
              (eq (sb-thread:symbol-value-in-thread 'sb-thread:*current-thread* sb-thread:*current-thread*)
                  sb-thread:*current-thread*)
              *svit*))""") == \
        '(((:LOCAL T) (:SET T) (NIL NIL) (*PRINT-BASE* T) :SET (NIL NIL) T T :GLOBAL))'
    # in the current thread SETF sets the visible binding, global or not (SBCL)
    assert show(it, """(list (setf (sb-thread:symbol-value-in-thread '*svit* sb-thread:*current-thread*) :new)
                             *svit*)""") == "((:NEW :NEW))"


# ---------------------------------------------------------------- mutexes, waitqueues, semaphores
def test_mutex_operations(it):
    assert show(it, """
      (let ((m (sb-thread:make-mutex :name "m")))
        (list (sb-thread:grab-mutex m) (sb-thread:holding-mutex-p m)
              (eq (sb-thread:mutex-owner m) sb-thread:*current-thread*)
              (handler-case (sb-thread:grab-mutex m) (error (e) (princ-to-string e)))
              (sb-thread:release-mutex m) (sb-thread:mutex-owner m) (sb-thread:holding-mutex-p m)
              (sb-thread:release-mutex m)
              (sb-thread:mutex-name m) (setf (sb-thread:mutex-name m) "n") (prin1-to-string m)
              (sb-thread:with-mutex (m)
                (sb-thread:with-recursive-lock (m) (eq (sb-thread:mutex-value m) sb-thread:*current-thread*)))
              (handler-case (sb-thread:with-mutex (m) (sb-thread:with-mutex (m) 1))
                (error (e) (princ-to-string e)))
              (handler-case (sb-thread:with-mutex (m :value 5) 1) (error (e) (princ-to-string e)))
              (typep m 'sb-thread:mutex)))""") == (
        '((T T T "Recursive lock attempt #<SB-THREAD:MUTEX \\"m\\" taken owner=main thread>." NIL NIL '
        'NIL NIL "m" "n" "#<SB-THREAD:MUTEX \\"n\\" free owner=0>" T '
        '"Recursive lock attempt #<SB-THREAD:MUTEX \\"n\\" free owner=0>." '
        '"SB-THREAD:WITH-MUTEX called with non-nil :VALUE that isn\'t the current thread." T))')


def test_release_mutex_if_not_owner(it):
    """RELEASE-MUTEX on a mutex another thread holds: :PUNT does nothing,
    :ERROR signals, :WARN warns and releases, :FORCE releases."""
    assert show(it, """
      (let* ((m (sb-thread:make-mutex :name "m")) (ready (sb-thread:make-semaphore))
             (go (sb-thread:make-semaphore))
             (holder (lambda ()
                       (sb-thread:make-thread
                        (lambda () (sb-thread:grab-mutex m) (sb-thread:signal-semaphore ready)
                                   (sb-thread:wait-on-semaphore go))
                        :name "holder")))
             (out nil))
        (funcall holder)
        (sb-thread:wait-on-semaphore ready)
        (push (list (sb-thread:release-mutex m) (not (null (sb-thread:mutex-owner m)))) out)
        (push (handler-case (sb-thread:release-mutex m :if-not-owner :error)
                (error (e) (princ-to-string e))) out)
        (push (let ((*error-output* (make-string-output-stream)))
                (list (sb-thread:release-mutex m :if-not-owner :warn)
                      (get-output-stream-string *error-output*)
                      (sb-thread:mutex-owner m)))
              out)
        (funcall holder)
        (sb-thread:wait-on-semaphore ready)
        (push (list (sb-thread:release-mutex m :if-not-owner :force) (sb-thread:mutex-owner m)) out)
        (sb-thread:signal-semaphore go 2)
        (reverse out))""") == (
        '(((NIL T) "Releasing #<SB-THREAD:MUTEX \\"m\\" taken owner=holder>, owned by another thread: '
        '\\"holder\\"" (NIL "WARNING: Releasing #<SB-THREAD:MUTEX \\"m\\" taken owner=holder>, owned by '
        'another thread: \\"holder\\"\n" NIL) (NIL NIL)))')
    assert error_of(it, "(sb-thread:release-mutex (sb-thread:make-mutex) :if-not-owner :bogus)") == \
        "TYPE-ERROR"


def test_mutex_waiters_are_served_first_come_first_served(it):
    assert show(it, """
      (let* ((m (sb-thread:make-mutex)) (order nil) (started (sb-thread:make-semaphore))
             (threads nil))
        (sb-thread:grab-mutex m)
        (dotimes (i 4)
          (push (sb-thread:make-thread
                 (let ((i i))
                   (lambda () (sb-thread:signal-semaphore started)
                              (sb-thread:with-mutex (m) (push i order)))))
                threads)
          (sb-thread:wait-on-semaphore started)
          (loop until (sb-thread:thread-alive-p (car threads)) do (sb-thread:thread-yield))
          (sb-thread:thread-yield))
        (sb-thread:release-mutex m)
        (mapc #'sb-thread:join-thread threads)
        (reverse order))""") == "((0 1 2 3))"


def test_waitqueue_and_semaphore_values(it):
    assert show(it, """
      (let ((q (sb-thread:make-waitqueue :name "q")) (m (sb-thread:make-mutex :name "wm")))
        (list (sb-thread:waitqueue-name q) (sb-thread:condition-notify q) (sb-thread:condition-notify q 3)
              (sb-thread:condition-broadcast q)
              (handler-case (sb-thread:condition-wait q m) (error (e) (princ-to-string e)))
              (sb-thread:with-mutex (m)
                (list (sb-thread:condition-wait q m :timeout 0.01) (sb-thread:holding-mutex-p m)))
              (typep q 'sb-thread:waitqueue)))""") == \
        '(("q" NIL NIL NIL "The current thread is not holding #<SB-THREAD:MUTEX \\"wm\\" free owner=0>." ' \
        '(NIL NIL) T))'
    assert show(it, """
      (let ((s (sb-thread:make-semaphore :name "s" :count 2)))
        (list (sb-thread:semaphore-name s) (sb-thread:semaphore-count s) (sb-thread:wait-on-semaphore s)
              (sb-thread:try-semaphore s) (sb-thread:try-semaphore s)
              (sb-thread:wait-on-semaphore s :timeout 0.01) (sb-thread:signal-semaphore s 3)
              (sb-thread:wait-on-semaphore s :n 2) (sb-thread:try-semaphore s 2)
              (sb-thread:semaphore-count s) (typep s 'sb-thread:semaphore)))""") == \
        '(("s" 2 1 0 NIL NIL NIL 1 NIL 1 T))'
    for bad in ("(sb-thread:make-semaphore :count -1)", "(sb-thread:signal-semaphore (sb-thread:make-semaphore) 0)",
                "(sb-thread:wait-on-semaphore (sb-thread:make-semaphore) :n 0)",
                "(sb-thread:condition-notify (sb-thread:make-waitqueue) 0)", "(sb-thread:grab-mutex 5)"):
        assert error_of(it, bad) in ("TYPE-ERROR", "SIMPLE-TYPE-ERROR"), bad


def test_condition_wait_timeout_includes_reacquiring(it):
    """A notified waiter that cannot get the mutex back within TIMEOUT
    returns NIL without it (SBCL 2.2.9)."""
    assert show(it, """
      (let* ((m (sb-thread:make-mutex)) (q (sb-thread:make-waitqueue)) (ready (sb-thread:make-semaphore))
             (th (sb-thread:make-thread
                  (lambda ()
                    (sb-thread:with-mutex (m)
                      (sb-thread:signal-semaphore ready)
                      (list (sb-thread:condition-wait q m :timeout 0.2) (sb-thread:holding-mutex-p m)))))))
        (sb-thread:wait-on-semaphore ready)
        (sb-thread:with-mutex (m)
          (sb-thread:condition-notify q)
          (sleep 0.4))
        (sb-thread:join-thread th))""") == "((NIL NIL))"


# ---------------------------------------------------------------- with-timeout
def test_with_timeout_reaches_busy_and_blocked_threads(it):
    assert show(it, """
      (list (handler-case (sb-ext:with-timeout 0.05 (loop)) (sb-ext:timeout (c) (princ-to-string c)))
            (handler-case (sb-ext:with-timeout 0.05 (sb-thread:wait-on-semaphore (sb-thread:make-semaphore)))
              (sb-ext:timeout () :blocked-timed-out))
            (handler-case (sb-ext:with-timeout 1 (sleep 3)) (sb-ext:timeout (c) (princ-to-string c)))
            (multiple-value-list (sb-ext:with-timeout 5 (values 1 2)))
            (sb-ext:with-timeout 0.05
              (handler-bind ((sb-ext:timeout #'continue)) (sleep 0.15) :continued)))""") == \
        '(("Timeout occurred after 0.05 seconds." :BLOCKED-TIMED-OUT "Timeout occurred after 1 second." ' \
        '(1 2) :CONTINUED))'


def test_with_timeout_timer_is_disarmed_and_hidden():
    """The timer is not a thread of the program, and leaving the body by
    any exit disarms it: nothing fires afterwards."""
    it = Interpreter()
    assert show(it, """
      (list (sb-ext:with-timeout 10 (length (sb-thread:list-all-threads)))
            (catch 'out (sb-ext:with-timeout 0.05 (throw 'out :left)))
            (sb-ext:with-timeout 0.05 :quick)
            (progn (sleep 0.15) :nothing-fired))""") == "((1 :LEFT :QUICK :NOTHING-FIRED))"
    assert error_of(it, "(sb-ext:with-timeout -1 1)") == "TYPE-ERROR"


# ---------------------------------------------------------------- atomics
def test_atomic_operations_return_sbcls_values(it):
    it.eval("(defparameter *atom* 1)")
    assert show(it, """
      (let ((x (cons 1 2)) (v (vector 1 2)) (l (list 1 2)))
        (list (sb-ext:atomic-incf (car x)) (sb-ext:atomic-decf (cdr x) 5) x
              (sb-ext:compare-and-swap (car x) 2 10) (sb-ext:compare-and-swap (car x) 2 20) x
              (sb-ext:compare-and-swap (svref v 0) 1 :a) (sb-ext:atomic-incf (svref v 1) 3) v
              (sb-ext:atomic-incf (aref v 1)) v
              (sb-ext:atomic-push 0 (cdr l)) (sb-ext:atomic-pop (cdr l)) l
              (sb-ext:compare-and-swap *atom* 1 2) (sb-ext:atomic-incf *atom*)
              (sb-ext:atomic-push :p (symbol-value '*atom*)) *atom*
              (sb-ext:compare-and-swap (symbol-plist 'atom-plist-test) nil '(:k 1))
              (symbol-plist 'atom-plist-test)))""") == (
        "((1 2 (10 . -3) 2 10 (10 . -3) 1 2 #(:A 6) 5 #(:A 6) (0 2) 0 (1 2) 1 2 (:P . 3) "
        "(:P . 3) NIL (:K 1)))")


def test_atomic_arithmetic_is_modular(it):
    assert show(it, """
      (let ((x (cons most-positive-fixnum most-negative-fixnum))
            (w (make-array 1 :element-type '(unsigned-byte 64) :initial-element 0)))
        (list (sb-ext:atomic-incf (car x)) (sb-ext:atomic-decf (cdr x)) x
              (sb-ext:atomic-decf (aref w 0) 2) (aref w 0)
              (typep (1- (expt 2 64)) 'sb-ext:word) (typep (expt 2 64) 'sb-ext:word)))""") == \
        "((4611686018427387903 -4611686018427387904 (-4611686018427387904 . 4611686018427387903) " \
        "0 18446744073709551614 T NIL))"
    for bad in ("(sb-ext:atomic-incf (car (cons 1.5 0)))", "(sb-ext:atomic-incf (car (cons 1 0)) (expt 2 70))",
                "(sb-ext:atomic-pop (car (list 1)))", "(sb-ext:compare-and-swap (car 5) 1 2)"):
        assert error_of(it, bad) == "TYPE-ERROR", bad
    assert error_of(it, "(let ((l 1)) (sb-ext:compare-and-swap l 1 2))") == "SIMPLE-ERROR"
    assert error_of(it, "(sb-ext:compare-and-swap (symbol-value 'unbound-atom-zz) 1 2)") == \
        "UNBOUND-VARIABLE"


def test_atomic_operations_on_a_general_place(it):
    """A place with a SETF expansion but no one-step primitive (a
    structure slot accessor, here a DEFSETF'd function) is updated inside
    an atomic section: no update is lost between preempted threads."""
    it.eval("""
      (defparameter *box* (vector 0 nil))
      (defun box-count (b) (svref b 0))
      (defun (setf box-count) (new b) (setf (svref b 0) new))""")
    interp = Interpreter(quantum=5)
    assert show(interp, """
      (progn
        (mapc #'sb-thread:join-thread
              (loop repeat 4 collect
                (sb-thread:make-thread
                  (lambda () (dotimes (i 50) (sb-ext:atomic-incf (box-count *box*)))))))
        (list (box-count *box*) (sb-ext:compare-and-swap (box-count *box*) 200 :x) (box-count *box*)
              (sb-ext:compare-and-swap (box-count *box*) 1 2)))""") == "((200 200 :X :X))"

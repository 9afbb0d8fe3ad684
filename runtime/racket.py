"""The RACKET package (SPEC 6): Racket's break and thread API on the
shared runtime. The break mechanism is runtime.breaks; the Lisp half
(raising a break, WITH-HANDLERS, DYNAMIC-WIND, CALL-IN-NESTED-THREAD) is
stdlib/racket.lisp.

Racket's #t/#f are T/NIL here; procedures returning void return NIL.
"""
from __future__ import annotations

from lisp.conditions import condition_class
from lisp.errors import type_error, lisp_error
from lisp.functions import defun, intern_name
from lisp.machine import Frame, UNDO
from lisp.macros import defmacro, body_of, args_of
from lisp.objects import NIL, T, MV, Cons, LString, lisp_list
from .breaks import (RACKET, BreakParameterization, break_thread, breaks_enabled,
                     set_breaks_enabled, current_parameterization, enter_parameterization,
                     check_after_enable, raise_break, HELD, NESTED)
from .mp_sync import check_mailbox
from .procs import spawn, check_process, join, kill
from .sb_sync import check_mutex, check_waitqueue, CondWaitFrame, reacquire
from .sb_thread import optional_seconds
from .sync import Semaphore, semaphore_signal, try_lock, release_all, _name as _sync_name
from .waiting import Wait, WaitNode, run_wait, block_on, complete

for _name in ("PARAMETERIZE-BREAK", "WITH-HANDLERS", "DYNAMIC-WIND", "EXN-BREAK",
              "EXN-BREAK-HANG-UP", "EXN-BREAK-TERMINATE", "EXN-BREAK-P",
              "EXN-BREAK-HANG-UP-P", "EXN-BREAK-TERMINATE-P", "CALL-IN-NESTED-THREAD"):
    RACKET.export(RACKET.intern(_name)[0])

def _report(text):
    return lambda c, s: s.write(text)


condition_class("RACKET:EXN-BREAK", ["SERIOUS-CONDITION"], report=_report("user break"))
condition_class("RACKET:EXN-BREAK-HANG-UP", ["RACKET:EXN-BREAK"], report=_report("hang-up break"))
condition_class("RACKET:EXN-BREAK-TERMINATE", ["RACKET:EXN-BREAK"],
                report=_report("terminate break"))

_KINDS = {NIL: "interrupt", intern_name(":HANG-UP"): "hang-up",
          intern_name(":TERMINATE"): "terminate"}


def _kind(x):
    k = _KINDS.get(x)
    if k is None:
        raise type_error(x, "(MEMBER NIL :HANG-UP :TERMINATE)")
    return k


def _param(x) -> BreakParameterization:
    if type(x) is not BreakParameterization:
        raise type_error(x, "RACKET:BREAK-PARAMETERIZATION")
    return x


# ---------------------------------------------------------------- break state
@defun("RACKET:BREAK-THREAD", "thread &optional kind", kind="control")
def break_thread_(m, args):
    """Send a break to THREAD (SPEC 6.1, 6.2). KIND is NIL (an interrupt
    break), :HANG-UP or :TERMINATE. Held while THREAD's breaks are
    disabled; wakes THREAD if it is blocked. A break to oneself with
    breaks enabled is raised before BREAK-THREAD returns."""
    target = check_process(args[0])
    kind = _kind(args[1] if len(args) > 1 else NIL)
    m.value = NIL
    m.node = None
    break_thread(m, target, kind)


@defun("RACKET::%BREAK-HELD", "&optional thread", kind="control")
def break_held(m, args):
    """The kind of break held for THREAD (default: the current one) while
    its breaks are disabled: :INTERRUPT, :HANG-UP or :TERMINATE, or NIL
    when none is held. Internal (Racket has no such query); for tests and
    for looking at a process from the REPL."""
    from .breaks import STATES
    p = check_process(args[0]) if args else m.proc
    s = STATES.get(p)
    m.value = intern_name(":" + s.held.upper()) if s is not None and s.held else NIL
    m.node = None


@defun("RACKET:BREAK-ENABLED", "&optional on", kind="control")
def break_enabled(m, args):
    """With no argument: T if breaks are enabled in the current process
    for the current break parameterization. With ON: enable (true) or
    disable (NIL) them in that parameterization's cell for this process;
    a break held meanwhile is raised at once when enabling (SPEC 6.3, 6.4)."""
    p = m.proc
    m.node = None
    if not args:
        m.value = T if breaks_enabled(p) else NIL
        return
    set_breaks_enabled(p, args[0] is not NIL)
    m.value = NIL
    if args[0] is not NIL:
        check_after_enable(m, p)


@defun("RACKET:CURRENT-BREAK-PARAMETERIZATION", "", kind="control")
def current_break_parameterization(m, args):
    """The break parameterization of the current continuation."""
    m.value = current_parameterization(m.proc)
    m.node = None


@defun("RACKET:BREAK-PARAMETERIZATION-P", "object")
def break_parameterization_p(x):
    return T if type(x) is BreakParameterization else NIL


def _call_in(m, param, thunk, args=()):
    """Call THUNK with PARAM as the break parameterization; raise a held
    break before THUNK's first step if that enables breaks."""
    enter_parameterization(m, param)
    m.invoke(thunk, list(args))
    check_after_enable(m, m.proc)


@defun("RACKET:CALL-WITH-BREAK-PARAMETERIZATION", "break-param thunk", kind="control")
def call_with_break_parameterization(m, args):
    """Call THUNK (not in tail position) with BREAK-PARAM as the current
    break parameterization."""
    _call_in(m, _param(args[0]), args[1])


@defun("RACKET::%CALL-WITH-BREAKS", "flag thunk &rest args", kind="control")
def call_with_breaks(m, args):
    """Call THUNK on ARGS in a fresh break parameterization whose initial
    state is FLAG (PARAMETERIZE-BREAK; handlers and cleanups with FLAG NIL)."""
    _call_in(m, BreakParameterization(args[0] is not NIL), args[1], args[2:])


@defmacro("RACKET:PARAMETERIZE-BREAK")
def m_parameterize_break(form, env):
    """(parameterize-break flag body...): BODY in a fresh break
    parameterization initially enabled iff FLAG is true (SPEC 6.4)."""
    (flag,) = args_of(form, 1, None)[:1]
    return lisp_list(RACKET.intern("%CALL-WITH-BREAKS")[0], flag,
                     Cons(intern_name("LAMBDA"), Cons(NIL, body_of(form, 1))))


# ---------------------------------------------------------------- threads
@defun("RACKET:THREAD", "thunk", kind="control")
def thread(m, args):
    """Start a process calling THUNK; return it. It starts with the
    caller's current break parameterization (SPEC 6.5)."""
    m.value = spawn(m, args[0], [], name="thread")
    m.node = None


@defun("RACKET:CURRENT-THREAD", "", kind="control")
def current_thread(m, args):
    m.value = m.proc
    m.node = None


@defun("RACKET:THREAD-WAIT", "thread", kind="control")
def thread_wait(m, args):
    """Block until THREAD has ended. Returns NIL."""
    target = check_process(args[0])
    join(m, target, on_done=lambda t: NIL)


@defun("RACKET:THREAD-RUNNING-P", "thread")
def thread_running_p(p):
    return T if check_process(p).alive else NIL


@defun("RACKET:THREAD-DEAD-P", "thread")
def thread_dead_p(p):
    return NIL if check_process(p).alive else T


@defun("RACKET:KILL-THREAD", "thread", kind="control")
def kill_thread(m, args):
    """End THREAD at once: no cleanup runs (SPEC 5, 6.8)."""
    target = check_process(args[0])
    m.value = NIL
    m.node = None
    kill(m, target, cleanups=False)


class _NestedFrame(Frame):
    """While the caller of CALL-IN-NESTED-THREAD waits: breaks aimed at it
    go to the nested process (SPEC 6.8); left however the wait ends."""
    __slots__ = ("caller",)
    unwinds = UNDO

    def __init__(self, caller):
        self.caller = caller

    def resume(self, m):
        self.undo(m)

    def undo(self, m):
        NESTED.pop(self.caller, None)


@defun("RACKET::%CALL-IN-NESTED-THREAD", "thunk", kind="control")
def call_in_nested_thread(m, args):
    """Run THUNK in a new process and wait for it; breaks aimed at the
    caller meanwhile go to it. The value is (:VALUES . values) or
    (:RAISE condition) as THUNK's wrapper returns, or (:KILLED)."""
    caller = m.proc
    p = spawn(m, args[0], [], name="nested thread")
    NESTED[caller] = p
    m.k.append(_NestedFrame(caller))

    def done(t):
        if t.exit is None and t.results:
            return t.results[0]
        return lisp_list(intern_name(":KILLED"))
    join(m, p, on_done=done)


# ---------------------------------------------------------------- semaphores
def _semaphore(x) -> Semaphore:
    if type(x) is not Semaphore:
        raise type_error(x, "RACKET:SEMAPHORE")
    return x


@defun("RACKET:MAKE-SEMAPHORE", "&optional init")
def make_semaphore(init=0):
    if type(init) is not int or init < 0:
        raise type_error(init, "(INTEGER 0)")
    return Semaphore(None, init)


@defun("RACKET:SEMAPHORE-POST", "semaphore", kind="control")
def semaphore_post(m, args):
    semaphore_signal(m.scheduler, _semaphore(args[0]))
    m.value = NIL
    m.node = None


@defun("RACKET:SEMAPHORE-TRY-WAIT-P", "semaphore")
def semaphore_try_wait_p(s):
    s = _semaphore(s)
    if s.count > 0:
        s.count -= 1
        return T
    return NIL


def _semaphore_attempt(sem, enable_break):
    def attempt(m, w):
        p = m.proc
        if enable_break and p in HELD:
            # SPEC 6.7: breaks count as enabled inside the operation; the
            # break is raised without taking the semaphore, and CONTINUE
            # goes back to waiting
            raise_break(m, p, node=WaitNode(w))
        elif sem.count > 0:
            sem.count -= 1
            complete(m, NIL)
        else:
            block_on(m, w, sem.waiters)
    return attempt


@defun("RACKET:SEMAPHORE-WAIT", "semaphore", kind="control")
def semaphore_wait(m, args):
    """Decrement SEMAPHORE, blocking until its count is positive."""
    sem = _semaphore(args[0])
    run_wait(m, Wait(_semaphore_attempt(sem, False), "a semaphore"))


@defun("RACKET:SEMAPHORE-WAIT/ENABLE-BREAK", "semaphore", kind="control")
def semaphore_wait_enable_break(m, args):
    """Like SEMAPHORE-WAIT, with breaks enabled while it waits: either the
    semaphore is decremented or a break is raised, never both (SPEC 6.7).
    The state of breaks outside is unchanged at every step boundary."""
    sem = _semaphore(args[0])
    run_wait(m, Wait(_semaphore_attempt(sem, True), "a semaphore"))


# ---------------------------------------------------------------- other /enable-break waits
# The blocking operations of SPEC 7 with a timeout, each with the guarantee
# of SEMAPHORE-WAIT/ENABLE-BREAK (SPEC 6.7): the attempt first looks for a
# held break (breaks count as enabled inside the operation) and raises it
# without taking anything, so CONTINUE goes back to waiting; otherwise it
# takes the resource and completes in the same step, the outer break state
# being back before the next step boundary; otherwise it blocks, and
# BREAK-THREAD wakes it so the retry sees the break. Racket has none of
# these operations; they are named after the SPEC 7 operation they wrap.
# An optional TIMEOUT (seconds, NIL for none) ends the wait with NIL.

def _timeout(args, i):
    return optional_seconds(args[i]) if len(args) > i else None


@defun("RACKET:GRAB-MUTEX/ENABLE-BREAK", "mutex &optional timeout", kind="control")
def grab_mutex_enable_break(m, args):
    """Acquire the SB-THREAD mutex MUTEX, with breaks enabled while waiting:
    either it is acquired (T) or a break is raised, never both (SPEC 6.7).
    NIL when TIMEOUT seconds pass first. Grabbing a mutex one holds is an
    error."""
    lock = check_mutex(args[0])
    timeout = _timeout(args, 1)
    if lock.owner is m.proc and not lock.recursive:
        raise lisp_error("SIMPLE-ERROR", "Recursive lock attempt ~S.", lock)

    def attempt(m, w):
        p = m.proc
        if p in HELD:
            raise_break(m, p, node=WaitNode(w))
        elif try_lock(lock, p):
            complete(m, T)
        elif w.timed_out():
            complete(m, NIL)
        else:
            block_on(m, w, lock.waiters)
    run_wait(m, Wait(attempt, f"mutex {_sync_name(lock)}", timeout))


class _ReacquireFrame(CondWaitFrame):
    """Below CONDITION-WAIT/ENABLE-BREAK's wait: however the wait ends
    (notified, timed out, or unwound by a break) the mutex is taken back,
    without time limit, before anything else runs; breaks and interrupts
    are disabled meanwhile, so the reacquisition cannot be cut short."""
    __slots__ = ()

    def resume(self, m):
        enter_parameterization(m, BreakParameterization(False))
        reacquire(m, self.lock, self.count, None, on_timeout=NIL, value=m.value)


@defun("RACKET:CONDITION-WAIT/ENABLE-BREAK", "waitqueue mutex &optional timeout",
       kind="control")
def condition_wait_enable_break(m, args):
    """Release MUTEX (held by the current thread) and wait on the SB-THREAD
    WAITQUEUE, with breaks enabled while waiting: either the wait ends (T
    when notified, NIL when TIMEOUT passes) or a break is raised, never
    both (SPEC 6.7). MUTEX is held again however it exits: on return, and
    before a raised break unwinds past the call (a CONTINUE restart of the
    break resumes the wait, with the handler running while MUTEX is
    released). A notification that has reached the waiter completes the
    wait even if a break arrived since: raising instead would lose it; the
    break stays held."""
    cv = check_waitqueue(args[0])
    lock = check_mutex(args[1])
    timeout = _timeout(args, 2)
    if lock.owner is not m.proc:
        raise lisp_error("SIMPLE-ERROR", "The current thread is not holding ~S.", lock)

    def attempt(m, w):
        p = m.proc
        if w.phase == 0:
            if p in HELD:
                raise_break(m, p, node=WaitNode(w))
            else:
                w.data = {"notified": False}
                release_all(m.scheduler, lock, p)
                w.phase = 1
                block_on(m, w, cv.waiters)
        elif w.data["notified"]:
            complete(m, T)
        elif p in HELD:
            raise_break(m, p, node=WaitNode(w))
        elif w.timed_out():
            complete(m, NIL)
        else:
            block_on(m, w, cv.waiters)
    m.k.append(_ReacquireFrame(lock, lock.count, None, True))
    run_wait(m, Wait(attempt, f"condition variable {_sync_name(cv)}", timeout))


@defun("RACKET:MAILBOX-READ/ENABLE-BREAK", "mailbox &optional timeout", kind="control")
def mailbox_read_enable_break(m, args):
    """Take the oldest object from the MP mailbox MAILBOX, with breaks
    enabled while waiting: either an object is taken (values: it and T) or
    a break is raised, never both (SPEC 6.7). NIL and NIL when TIMEOUT
    seconds pass first."""
    mb = check_mailbox(args[0])
    timeout = _timeout(args, 1)

    def attempt(m, w):
        p = m.proc
        if p in HELD:
            raise_break(m, p, node=WaitNode(w))
        elif mb.queue:
            complete(m, MV((mb.queue.popleft(), T)))
        elif w.timed_out():
            complete(m, MV((NIL, NIL)))
        else:
            block_on(m, w, mb.waiters)
    run_wait(m, Wait(attempt, f"mailbox {_sync_name(mb)}", timeout))


@defun("RACKET:THREAD-WAIT/ENABLE-BREAK", "thread &optional timeout", kind="control")
def thread_wait_enable_break(m, args):
    """Wait until THREAD has ended (a join), with breaks enabled while
    waiting: either the join completes (T) or a break is raised, never both
    (SPEC 6.7). NIL when TIMEOUT seconds pass first."""
    target = check_process(args[0])
    timeout = _timeout(args, 1)
    if target is m.proc and timeout is None:
        raise lisp_error("SIMPLE-ERROR", "~A cannot wait for itself to finish",
                         LString(target.name))

    def attempt(m, w):
        p = m.proc
        if p in HELD:
            raise_break(m, p, node=WaitNode(w))
        elif not target.alive:
            complete(m, T)
        elif w.timed_out():
            complete(m, NIL)
        else:
            block_on(m, w, target.joiners)
    run_wait(m, Wait(attempt, f"the end of {target.name}", timeout))

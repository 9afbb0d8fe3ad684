"""SB-THREAD mutexes, waitqueues and semaphores (SBCL 2.2.9), on the
shared synchronisation objects of runtime.sync.

Every operation is one machine step, so it is atomic (SPEC 3); a blocking
one waits by descheduling and retries when woken (runtime.waiting), and
takes interrupts while it waits when they are allowed, as SBCL's waits do
inside WITH-INTERRUPTS (runtime.sb_sys.interruptibly).

WITH-MUTEX and WITH-RECURSIVE-LOCK are SBCL's CALL-WITH-MUTEX:
    (without-interrupts
      (unwind-protect
          (when (setq got-it (allow-with-interrupts (grab-mutex ...)))
            (with-local-interrupts (funcall body)))
        (when got-it (release-mutex mutex))))
Here the step that acquires the mutex also pushes the frame that releases
it and starts the body, and the release happens as that frame is left,
normally or by any unwinding (a kill with cleanups included), so there is
no instant at which an interrupt could leave the mutex held or the body
unprotected. A kill without cleanups leaves it held by the dead thread
(SPEC 5). While waiting and in the body, interrupts are enabled exactly
as far as the context allows (WITH-LOCAL-INTERRUPTS).

CONDITION-WAIT releases the mutex and waits in one step. Woken by a
notification it reacquires the mutex within what is left of TIMEOUT and
returns T; on timeout it returns NIL without the mutex (SBCL 2.2.9). Any
non-local exit from the wait (an interrupt that throws, a kill with
cleanups) reacquires the mutex in a cleanup before unwinding further, so
an enclosing WITH-MUTEX finds it held. Both reacquisitions run with
interrupts disabled; interrupts that arrive meanwhile run once it is held.
"""
from __future__ import annotations

import time

from lisp.errors import lisp_error, type_error, program_error
from lisp.functions import defun, intern_name
from lisp.machine import Frame, Node, UNDO, CLEANUP
from lisp.macros import defmacro, args_of, body_of, L
from lisp.objects import NIL, T, Cons, LString, Symbol, cl_sym, keyword, list_to_py
from lisp.types import define_class, OTHER_CLASS_OF, CLASSES
from .interrupts import enter_mask, deliverable, start_interrupt
from .procs import lisp_name
from .sb_sys import interruptibly, enabled_now, allowed_now
from .sb_thread import parse_keys, optional_seconds
from .sync import (Lock, CondVar, Semaphore, try_lock, acquire, release, release_all,
                   semaphore_wait, semaphore_signal, condition_wait, condition_notify,
                   condition_broadcast)
from .waiting import Wait, WaitNode, run_wait, block_on, complete


def _shared_class(name, pytype):
    """The Lisp class of the shared PYTYPE objects, named NAME here. Other
    dialects name the same class (as MP:PROCESS names SB-THREAD:THREAD):
    if one registered it first, NAME becomes another name for it."""
    sym = intern_name(name)
    hook = OTHER_CLASS_OF.get(pytype)
    if hook is not None:
        CLASSES[sym] = hook(None)
        return CLASSES[sym]
    cls = define_class(sym, ["STRUCTURE-OBJECT"], kind="structure")
    OTHER_CLASS_OF[pytype] = lambda x: cls
    return cls


MUTEX_CLASS = _shared_class("SB-THREAD:MUTEX", Lock)
WAITQUEUE_CLASS = _shared_class("SB-THREAD:WAITQUEUE", CondVar)
SEMAPHORE_CLASS = _shared_class("SB-THREAD:SEMAPHORE", Semaphore)


def check_mutex(x) -> Lock:
    if type(x) is not Lock:
        raise type_error(x, "SB-THREAD:MUTEX")
    return x


def check_waitqueue(x) -> CondVar:
    if type(x) is not CondVar:
        raise type_error(x, "SB-THREAD:WAITQUEUE")
    return x


def check_semaphore(x) -> Semaphore:
    if type(x) is not Semaphore:
        raise type_error(x, "SB-THREAD:SEMAPHORE")
    return x


def _name(x):
    return NIL if x is None else x


def _recursive_attempt(lock):
    return lisp_error("SIMPLE-ERROR", "Recursive lock attempt ~S.", lock)


# ---------------------------------------------------------------- mutexes
@defun("SB-THREAD:MAKE-MUTEX", "&key name")
def make_mutex(name=NIL):
    """Create a mutex."""
    return Lock(None if name is NIL else name, kind="mutex")


@defun("SB-THREAD:MUTEX-NAME", "mutex")
def mutex_name(mutex):
    """The name of the mutex. Setfable."""
    return _name(check_mutex(mutex).name)


@defun("SB-THREAD:MUTEX-NAME", "new mutex", setf=True)
def set_mutex_name(new, mutex):
    check_mutex(mutex).name = None if new is NIL else new
    return new


@defun("SB-THREAD:MUTEX-OWNER", "mutex")
def mutex_owner(mutex):
    """The thread that holds MUTEX, NIL if it is free. A thread killed
    without cleanups while holding it stays its owner (SPEC 5)."""
    owner = check_mutex(mutex).owner
    return NIL if owner is None else owner


@defun("SB-THREAD:MUTEX-VALUE", "mutex")
def mutex_value(mutex):
    """The owner of MUTEX, NIL if it is free (MUTEX-OWNER's old name)."""
    return mutex_owner(mutex)


@defun("SB-THREAD:HOLDING-MUTEX-P", "mutex", kind="control")
def holding_mutex_p(m, args):
    """Whether the current thread holds MUTEX."""
    m.value = T if check_mutex(args[0]).owner is m.proc else NIL
    m.node = None


def grab(m, lock, waitp=True, timeout=None):
    """SBCL's GRAB-MUTEX for the running thread: T when acquired, NIL when
    WAITP is false or TIMEOUT passes first. Grabbing a mutex one holds is
    an error."""
    if lock.owner is m.proc and not lock.recursive:
        raise _recursive_attempt(lock)
    interruptibly(m, lambda m: acquire(m, lock, timeout, wait=waitp))


@defun("SB-THREAD:GRAB-MUTEX", "mutex &key waitp timeout", kind="control")
def grab_mutex(m, args):
    """Acquire MUTEX for the current thread. If WAITP is true (the default)
    and the mutex is not free, sleep until it is, at most TIMEOUT seconds
    if given. Returns T if the mutex was acquired, NIL if not (WAITP false,
    or the timeout passed). The sleep takes interrupts when they are
    allowed; an interrupt that exits non-locally abandons the attempt
    with the mutex not held."""
    lock = check_mutex(args[0])
    opts = parse_keys(args[1:], ("WAITP", "TIMEOUT"), grab_mutex.primitive.name)
    grab(m, lock, opts.get("WAITP", T) is not NIL, optional_seconds(opts.get("TIMEOUT", NIL)))


@defun("SB-THREAD:GET-MUTEX", "mutex &optional new-owner waitp timeout", kind="control")
def get_mutex(m, args):
    """Deprecated in favor of GRAB-MUTEX."""
    lock = check_mutex(args[0])
    new_owner = args[1] if len(args) > 1 else NIL
    if new_owner is not NIL and new_owner is not m.proc:
        raise lisp_error("SIMPLE-ERROR", "~S can only grab ~S for the current thread.",
                         intern_name("SB-THREAD:GET-MUTEX"), lock)
    waitp = args[2] if len(args) > 2 else T
    timeout = optional_seconds(args[3]) if len(args) > 3 else None
    grab(m, lock, waitp is not NIL, timeout)


IF_NOT_OWNER = ("PUNT", "WARN", "ERROR", "FORCE")


@defun("SB-THREAD:RELEASE-MUTEX", "mutex &key if-not-owner", kind="control")
def release_mutex(m, args):
    """Release MUTEX and wake a thread waiting for it. If the current
    thread does not own it: return silently (IF-NOT-OWNER :PUNT, the
    default), warn and release it anyway (:WARN), signal an error (:ERROR)
    or release it anyway (:FORCE). Returns NIL."""
    lock = check_mutex(args[0])
    opts = parse_keys(args[1:], ("IF-NOT-OWNER",), release_mutex.primitive.name)
    mode = opts.get("IF-NOT-OWNER", keyword("PUNT"))
    if not (isinstance(mode, Symbol) and mode is keyword(mode.name) and mode.name in IF_NOT_OWNER):
        raise type_error(mode, L(cl_sym("MEMBER"), *[keyword(k) for k in IF_NOT_OWNER]))
    m.value = NIL
    m.node = None
    if release(m.scheduler, lock, m.proc) or mode.name == "PUNT":
        return
    control = "Releasing ~S, owned by another thread: ~S"
    owner = 0 if lock.owner is None else lisp_name(lock.owner)
    if mode.name == "ERROR":
        raise lisp_error("SIMPLE-ERROR", control, lock, owner)
    if mode.name == "WARN":
        m.k.append(_ForceReleaseFrame(lock))
        m.invoke(cl_sym("WARN"), [LString(control), lock, owner])
        return
    release_all(m.scheduler, lock, m.proc)


class _ForceReleaseFrame(Frame):
    """After RELEASE-MUTEX's warning: release the mutex anyway."""
    __slots__ = ("lock",)

    def __init__(self, lock):
        self.lock = lock

    def resume(self, m):
        release_all(m.scheduler, self.lock, m.proc)
        m.value = NIL

    def describe(self):
        return None


class MutexReleaseFrame(Frame):
    """Below the body of WITH-MUTEX: leaving it, normally or by unwinding,
    releases the mutex in that same step."""
    __slots__ = ("lock",)
    unwinds = UNDO

    def __init__(self, lock):
        self.lock = lock

    def resume(self, m):
        release(m.scheduler, self.lock, m.proc)

    def undo(self, m):
        release(m.scheduler, self.lock, m.proc)

    def describe(self):
        return None


def _with_mutex_keys(form, names):
    spec = args_of(form, 1)[0]
    if type(spec) is not Cons:
        raise program_error("malformed ~S: ~S is not (mutex &key ...)", form.car, spec)
    items = list_to_py(spec)
    keys = items[1:]
    if len(keys) % 2:
        raise program_error("odd number of &KEY arguments in ~S", spec)
    opts = {}
    for i in range(0, len(keys), 2):
        k = keys[i]
        if not (isinstance(k, Symbol) and k is keyword(k.name) and k.name in names):
            raise program_error("unknown &KEY argument ~S in ~S", k, spec)
        opts.setdefault(k.name, keys[i + 1])
    return items[0], opts


CALL_WITH_MUTEX = intern_name("SB-THREAD::%CALL-WITH-MUTEX")


@defmacro("SB-THREAD:WITH-MUTEX")
def m_with_mutex(form, env):
    """(with-mutex (mutex &key (wait-p t) timeout value) body...): acquire
    MUTEX for the dynamic extent of BODY; if it is not acquired (WAIT-P
    false, or TIMEOUT passed) BODY is not run and the value is NIL, else
    the values of BODY. VALUE, if given, must be NIL or the current
    thread. Acquiring a mutex the thread holds is an error."""
    mutex, opts = _with_mutex_keys(form, ("WAIT-P", "TIMEOUT", "VALUE"))
    return L(CALL_WITH_MUTEX, Cons(cl_sym("LAMBDA"), Cons(NIL, body_of(form, 1))), mutex,
             opts.get("VALUE", NIL), opts.get("WAIT-P", T), opts.get("TIMEOUT", NIL), NIL)


@defmacro("SB-THREAD:WITH-RECURSIVE-LOCK")
def m_with_recursive_lock(form, env):
    """(with-recursive-lock (mutex &key (wait-p t) timeout) body...): as
    WITH-MUTEX, but if the current thread already holds MUTEX, BODY just
    runs (and the mutex stays held after it)."""
    mutex, opts = _with_mutex_keys(form, ("WAIT-P", "TIMEOUT"))
    return L(CALL_WITH_MUTEX, Cons(cl_sym("LAMBDA"), Cons(NIL, body_of(form, 1))), mutex,
             NIL, opts.get("WAIT-P", T), opts.get("TIMEOUT", NIL), T)


@defun("SB-THREAD::%CALL-WITH-MUTEX", "function mutex value waitp timeout recursivep",
       kind="control")
def call_with_mutex(m, args):
    """SBCL's CALL-WITH-MUTEX and CALL-WITH-RECURSIVE-LOCK: call FUNCTION
    with MUTEX held (see the module docstring). The wait and FUNCTION run
    with interrupts enabled and allowed as far as the context allows them
    (WITH-LOCAL-INTERRUPTS)."""
    fn, mutex, value, waitp, timeout, recursive = args
    lock = check_mutex(mutex)
    p = m.proc
    if value is not NIL and value is not p:
        raise lisp_error("SIMPLE-ERROR", "~S called with non-nil :VALUE that isn't the current thread.",
                         intern_name("SB-THREAD:WITH-MUTEX"))
    seconds = optional_seconds(timeout)
    held = lock.owner is p
    if held and recursive is NIL:
        raise _recursive_attempt(lock)
    allowed = allowed_now()
    if enabled_now() != allowed:
        enter_mask(m, T if allowed else NIL)

    def attempt(m, w):
        if held:
            m.invoke(fn, [])
        elif try_lock(lock, m.proc):
            m.k.append(MutexReleaseFrame(lock))
            m.invoke(fn, [])
        elif waitp is NIL or w.timed_out():
            complete(m, NIL)
        else:
            block_on(m, w, lock.waiters)
    wait = Wait(attempt, f"mutex {_text(lock.name)}", seconds)
    if allowed and deliverable(p):
        # interrupts pending since before the mask was entered run first
        m.node = WaitNode(wait)
        start_interrupt(m, p)
    else:
        run_wait(m, wait)


def _text(x):
    from lisp.printer import princ_to_string
    return "(unnamed)" if x is None else princ_to_string(x)


# ---------------------------------------------------------------- waitqueues
@defun("SB-THREAD:MAKE-WAITQUEUE", "&key name")
def make_waitqueue(name=NIL):
    """Create a waitqueue."""
    return CondVar(None if name is NIL else name)


@defun("SB-THREAD:WAITQUEUE-NAME", "waitqueue")
def waitqueue_name(waitqueue):
    """The name of the waitqueue. Setfable."""
    return _name(check_waitqueue(waitqueue).name)


@defun("SB-THREAD:WAITQUEUE-NAME", "new waitqueue", setf=True)
def set_waitqueue_name(new, waitqueue):
    check_waitqueue(waitqueue).name = None if new is NIL else new
    return new


class CondWaitFrame(Frame):
    """Below a CONDITION-WAIT's wait: the mutex to take back. Returned to
    with T (notified) it reacquires within the time left; unwound through,
    its cleanup reacquires without limit before the exit goes on."""
    __slots__ = ("lock", "count", "deadline", "reacquire_on_timeout", "cleanup", "env")
    unwinds = CLEANUP

    def __init__(self, lock, count, deadline, reacquire_on_timeout):
        self.lock = lock
        self.count = count
        self.deadline = deadline
        self.reacquire_on_timeout = reacquire_on_timeout
        self.cleanup = _ReacquireNode(self)
        self.env = None

    def start_cleanup(self, m):
        # Unwound through: interrupts are masked from the cleanup's first
        # step, so none can cut the reacquisition short (SPEC 4.5).
        enter_mask(m, NIL)
        m.env = None
        m.node = self.cleanup

    def resume(self, m):
        if m.value is not NIL:
            remaining = None if self.deadline is None else max(0.0, self.deadline - time.monotonic())
            reacquire(m, self.lock, self.count, remaining, on_timeout=NIL)
        elif self.reacquire_on_timeout:
            reacquire(m, self.lock, self.count, None, on_timeout=NIL, value=NIL)

    def describe(self):
        return None


class _ReacquireNode(Node):
    __slots__ = ("frame",)

    def __init__(self, frame):
        self.fn = None
        self.form = None
        self.frame = frame

    def exec(self, m):
        f = self.frame
        if f.lock.owner is m.proc:
            complete(m, NIL)
        else:
            reacquire(m, f.lock, f.count, None, on_timeout=NIL)


def reacquire(m, lock, count, timeout, on_timeout, value=T):
    """Take LOCK back for the running thread with its recursion COUNT,
    interrupts disabled while waiting; the value is VALUE, or ON_TIMEOUT
    if TIMEOUT passes first."""
    def attempt(m, w):
        p = m.proc
        if lock.owner is None or lock.owner is p:
            lock.owner = p
            lock.count = count
            complete(m, value)
        elif w.timed_out():
            complete(m, on_timeout)
        else:
            block_on(m, w, lock.waiters)
    enter_mask(m, NIL)
    run_wait(m, Wait(attempt, f"mutex {_text(lock.name)}", timeout))


def wait_on_queue(m, cv, lock, timeout, reacquire_on_timeout=False):
    """CONDITION-WAIT for the running thread, which must hold LOCK."""
    if lock.owner is not m.proc:
        raise lisp_error("SIMPLE-ERROR", "The current thread is not holding ~S.", lock)
    deadline = None if timeout is None else time.monotonic() + timeout
    m.k.append(CondWaitFrame(lock, lock.count, deadline, reacquire_on_timeout))
    interruptibly(m, lambda m: condition_wait(m, cv, lock, timeout))


@defun("SB-THREAD:CONDITION-WAIT", "queue mutex &key timeout", kind="control")
def lisp_condition_wait(m, args):
    """Atomically release MUTEX and wait on QUEUE until another thread
    wakes us with CONDITION-NOTIFY or CONDITION-BROADCAST; then reacquire
    MUTEX and return T. With TIMEOUT, the wait and the reacquisition
    together take at most TIMEOUT seconds, else the value is NIL and MUTEX
    is not held. An exit from the wait by an interrupt or a kill
    reacquires MUTEX before unwinding further. Spurious wakeups are
    possible: loop around the call, checking the data it guards. Signals
    an error if the current thread does not hold MUTEX."""
    cv = check_waitqueue(args[0])
    lock = check_mutex(args[1])
    opts = parse_keys(args[2:], ("TIMEOUT",), lisp_condition_wait.primitive.name)
    wait_on_queue(m, cv, lock, optional_seconds(opts.get("TIMEOUT", NIL)))


@defun("SB-THREAD:CONDITION-NOTIFY", "queue &optional n", kind="control")
def lisp_condition_notify(m, args):
    """Notify N (default 1) threads waiting on QUEUE, first come first
    woken. The mutex used in their CONDITION-WAIT should be held."""
    cv = check_waitqueue(args[0])
    n = args[1] if len(args) > 1 else 1
    if type(n) is not int or n < 1:
        raise type_error(n, L(cl_sym("INTEGER"), 1))
    condition_notify(m.scheduler, cv, n)
    complete(m, NIL)


@defun("SB-THREAD:CONDITION-BROADCAST", "queue", kind="control")
def lisp_condition_broadcast(m, args):
    """Notify all threads waiting on QUEUE."""
    condition_broadcast(m.scheduler, check_waitqueue(args[0]))
    complete(m, NIL)


# ---------------------------------------------------------------- semaphores
def _positive(n):
    if type(n) is not int or n < 1:
        raise type_error(n, L(cl_sym("INTEGER"), 1))
    return n


@defun("SB-THREAD:MAKE-SEMAPHORE", "&key name count")
def make_semaphore(name=NIL, count=0):
    """Create a semaphore with the supplied COUNT (default 0) and NAME."""
    if type(count) is not int or count < 0:
        raise type_error(count, "UNSIGNED-BYTE")
    return Semaphore(None if name is NIL else name, count)


@defun("SB-THREAD:SEMAPHORE-COUNT", "instance")
def semaphore_count(instance):
    """The current count of the semaphore."""
    return check_semaphore(instance).count


@defun("SB-THREAD:SEMAPHORE-NAME", "semaphore")
def semaphore_name(semaphore):
    """The name of the semaphore. Setfable."""
    return _name(check_semaphore(semaphore).name)


@defun("SB-THREAD:SEMAPHORE-NAME", "new semaphore", setf=True)
def set_semaphore_name(new, semaphore):
    check_semaphore(semaphore).name = None if new is NIL else new
    return new


@defun("SB-THREAD:SIGNAL-SEMAPHORE", "semaphore &optional n", kind="control")
def signal_semaphore(m, args):
    """Increment the count of SEMAPHORE by N (default 1) and wake up to N
    of the threads waiting on it. Returns NIL."""
    sem = check_semaphore(args[0])
    semaphore_signal(m.scheduler, sem, _positive(args[1] if len(args) > 1 else 1))
    complete(m, NIL)


@defun("SB-THREAD:WAIT-ON-SEMAPHORE", "semaphore &key n timeout", kind="control")
def wait_on_semaphore(m, args):
    """Decrement the count of SEMAPHORE by N (default 1), blocking until
    that leaves it non-negative; return the new count. With TIMEOUT, give
    up after that many seconds and return NIL without decrementing. The
    wait takes interrupts when they are allowed."""
    sem = check_semaphore(args[0])
    opts = parse_keys(args[1:], ("N", "TIMEOUT"), wait_on_semaphore.primitive.name)
    n = _positive(opts.get("N", 1))
    timeout = optional_seconds(opts.get("TIMEOUT", NIL))
    interruptibly(m, lambda m: semaphore_wait(m, sem, n, timeout, NIL, lambda s: s.count))


@defun("SB-THREAD:TRY-SEMAPHORE", "semaphore &optional n", kind="control")
def try_semaphore(m, args):
    """Decrement the count of SEMAPHORE by N (default 1) if that leaves it
    non-negative and return the new count; else return NIL at once."""
    sem = check_semaphore(args[0])
    n = _positive(args[1] if len(args) > 1 else 1)
    if sem.count >= n:
        sem.count -= n
        complete(m, sem.count)
    else:
        complete(m, NIL)

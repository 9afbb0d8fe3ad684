"""LispWorks locks, mailboxes, condition variables and semaphores (MP),
and hash-table locks (HCL), on the shared objects of runtime.sync.

Every operation is one machine step, so it is atomic (SPEC 3); a blocking
one waits by descheduling and retries when woken (runtime.waiting), taking
interrupts while it waits (SPEC 4.1).

WITH-LOCK and HCL:WITH-HASH-TABLE-LOCKED acquire the lock, push the frame
that releases it and start the body in one step, and the release happens
as that frame is left, normally or by any unwinding (a kill with cleanups
included), so no interrupt can leave the lock held or the body
unprotected. A kill without cleanups leaves the lock held by the dead
process (SPEC 5).

CONDITION-VARIABLE-WAIT releases the lock and waits in one step, and
below the wait pushes a frame whose cleanup takes the lock back, blocking
as long as it must, with interrupts deferred until it is held. It runs
when the wait returns and when an interrupt or a kill exits from it, so
the caller holds the lock again however the wait ends. MT's
EXEMPTION-WAIT shares it (``wait_with_lock``).
"""
from __future__ import annotations

from lisp.errors import lisp_error, type_error, program_error
from lisp.functions import defun, intern_name
from lisp.machine import Frame, RestoreValuesFrame, CLEANUP, SwitchProcess
from lisp.macros import defmacro, args_of, body_of, L
from lisp.objects import NIL, T, Cons, HashTable, LString, cl_sym, list_to_py
from lisp.types import CLASSES, OTHER_CLASS_OF, define_class
from .interrupts import enter_mask
from .sync import (Lock, CondVar, Semaphore, Mailbox, try_lock, release, condition_wait,
                   condition_notify, condition_broadcast, semaphore_wait, semaphore_signal,
                   mailbox_send, mailbox_read)
from .waiting import Wait, run_wait, block_on, complete
from . import mp_blocking  # noqa: F401  (makes package HCL)
from .sb_sync import MutexReleaseFrame
from .sb_thread import parse_keys, optional_seconds

LAMBDA = cl_sym("LAMBDA")
CALL_WITH_LOCK = intern_name("MP::%CALL-WITH-LOCK")
CALL_WITH_HASH_TABLE_LOCKED = intern_name("HCL::%CALL-WITH-HASH-TABLE-LOCKED")


def alias_class(name, pytype):
    """Name the Lisp class of the shared PYTYPE objects NAME too (as
    MP:PROCESS names SB-THREAD:THREAD): MP:LOCK is SB-THREAD:MUTEX."""
    CLASSES[intern_name(name)] = OTHER_CLASS_OF[pytype](None)


alias_class("MP:LOCK", Lock)
alias_class("MP:CONDITION-VARIABLE", CondVar)
alias_class("MP:SEMAPHORE", Semaphore)
MAILBOX_CLASS = define_class(intern_name("MP:MAILBOX"), ["STRUCTURE-OBJECT"], kind="structure")
OTHER_CLASS_OF[Mailbox] = lambda x: MAILBOX_CLASS


def _name(x):
    return NIL if x is None else x


def _optional(args, i, default=NIL):
    return args[i] if len(args) > i else default


def _wait_reason(x, default):
    if x is NIL:
        return default
    from lisp.printer import princ_to_string
    return princ_to_string(x)


def waiting_as(m, reason, start):
    """Run START(m), the first attempt of a wait, describing the wait by
    the Lisp wait-reason REASON (NIL: keep the default description)."""
    if reason is NIL:
        start(m)
        return
    try:
        start(m)
    except SwitchProcess:
        what = _wait_reason(reason, None)
        m.node.wait.what = what
        m.proc.waiting_for = what
        raise


def check_lock(x) -> Lock:
    if type(x) is not Lock:
        raise type_error(x, "MP:LOCK")
    return x


def check_condvar(x) -> CondVar:
    if type(x) is not CondVar:
        raise type_error(x, "MP:CONDITION-VARIABLE")
    return x


def check_semaphore(x) -> Semaphore:
    if type(x) is not Semaphore:
        raise type_error(x, "MP:SEMAPHORE")
    return x


def check_mailbox(x) -> Mailbox:
    if type(x) is not Mailbox:
        raise type_error(x, "MP:MAILBOX")
    return x


# ---------------------------------------------------------------- locks
@defun("MP:MAKE-LOCK", "&key name important-p safep recursivep sharing")
def make_lock(name=None, important_p=NIL, safep=T, recursivep=T, sharing=NIL):
    """Make a lock named NAME (default "Anon"). It may be locked again by
    its owner (counted) unless RECURSIVEP is NIL, when that is an error.
    Every lock is safe (unlocking by a non-owner is an error) and is not
    freed when its owner dies. Sharing locks are not provided."""
    if sharing is not NIL:
        raise lisp_error("SIMPLE-ERROR", "Sharing locks (MAKE-LOCK :SHARING T) are not supported.")
    return Lock(LString("Anon") if name is None else name, recursive=recursivep is not NIL,
                kind="lock")


@defun("MP:LOCK-NAME", "lock")
def lock_name(lock):
    """The name of LOCK."""
    return _name(check_lock(lock).name)


@defun("MP:LOCK-OWNER", "lock")
def lock_owner(lock):
    """The process that holds LOCK, or NIL. A process killed without
    cleanups while holding it stays its owner (SPEC 5)."""
    owner = check_lock(lock).owner
    return NIL if owner is None else owner


@defun("MP:LOCK-RECURSIVE-P", "lock")
def lock_recursive_p(lock):
    return T if check_lock(lock).recursive else NIL


@defun("MP:LOCK-LOCKED-P", "lock")
def lock_locked_p(lock):
    return NIL if check_lock(lock).owner is None else T


def check_relock(m, lock, who):
    """Locking a non-recursive lock one holds is an error."""
    if lock.owner is m.proc and not lock.recursive:
        raise lisp_error("SIMPLE-ERROR", "~S: the non-recursive lock ~S is already locked by ~S.",
                         who, lock, m.proc)


def lock_attempt(lock, on_success, on_timeout):
    """The attempt of a blocking lock acquisition: ON_SUCCESS(m) once the
    running process holds LOCK (in the step that takes it), ON_TIMEOUT(m)
    when the wait's deadline has passed."""
    def attempt(m, w):
        if try_lock(lock, m.proc):
            on_success(m)
        elif w.timed_out():
            on_timeout(m)
        else:
            block_on(m, w, lock.waiters)
    return attempt


def lock_what(lock, whostate=NIL):
    from lisp.printer import princ_to_string
    return _wait_reason(whostate, f"lock {princ_to_string(_name(lock.name))}")


@defun("MP:PROCESS-LOCK", "lock &optional whostate timeout", kind="control")
def process_lock(m, args):
    """Lock LOCK for the current process, waiting at most TIMEOUT seconds
    (forever when NIL) with WHOSTATE as the wait reason. Returns T when
    locked, NIL on timeout. A recursive lock already held by the process
    is locked again (counted); a non-recursive one is an error."""
    lock = check_lock(args[0])
    check_relock(m, lock, process_lock.primitive.name)
    timeout = optional_seconds(_optional(args, 2))
    run_wait(m, Wait(lock_attempt(lock, lambda m: complete(m, T), lambda m: complete(m, NIL)),
                     lock_what(lock, _optional(args, 1)), timeout))


@defun("MP:PROCESS-UNLOCK", "lock &optional errorp", kind="control")
def process_unlock(m, args):
    """Undo one locking of LOCK by the current process (the lock is free
    when the count reaches zero) and return T. If the process does not own
    LOCK: an error, or NIL when ERRORP is NIL."""
    lock = check_lock(args[0])
    if release(m.scheduler, lock, m.proc):
        complete(m, T)
    elif _optional(args, 1, T) is NIL:
        complete(m, NIL)
    else:
        raise lisp_error("SIMPLE-ERROR", "~S: ~S is not locked by the current process ~S.",
                         process_unlock.primitive.name, lock, m.proc)


def call_with_lock(m, lock, fn, timeout=None, what=None):
    """Take LOCK, then call FN with LOCK released when FN is left (the
    taking step pushes the release frame and starts FN). On timeout the
    value is NIL and FN is not called."""
    def holding(m):
        m.k.append(MutexReleaseFrame(lock))
        m.invoke(fn, [])
    run_wait(m, Wait(lock_attempt(lock, holding, lambda m: complete(m, NIL)),
                     what or lock_what(lock), timeout))


@defmacro("MP:WITH-LOCK")
def m_with_lock(form, env):
    """(with-lock (lock &optional whostate timeout) body...): run BODY
    holding LOCK and release it however BODY is left. If LOCK cannot be
    locked within TIMEOUT seconds, BODY is not run and the value is NIL."""
    spec = args_of(form, 1)[0]
    items = list_to_py(spec) if type(spec) is Cons else [spec]
    if not 1 <= len(items) <= 3:
        raise program_error("malformed MP:WITH-LOCK: ~S is not (lock &optional whostate timeout)",
                            spec)
    items += [NIL] * (3 - len(items))
    return L(CALL_WITH_LOCK, items[0], items[1], items[2],
             Cons(LAMBDA, Cons(NIL, body_of(form, 1))))


@defun("MP::%CALL-WITH-LOCK", "lock whostate timeout function", kind="control")
def lisp_call_with_lock(m, args):
    lock, whostate, timeout, fn = check_lock(args[0]), args[1], args[2], args[3]
    check_relock(m, lock, intern_name("MP:WITH-LOCK"))
    call_with_lock(m, lock, fn, optional_seconds(timeout), lock_what(lock, whostate))


# ---------------------------------------------------------------- hash-table locks
def hash_table_lock(ht: HashTable) -> Lock:
    """The lock of hash table HT, made when first needed: one per table,
    recursive (HCL:WITH-HASH-TABLE-LOCKED nests)."""
    if ht.lock is None:
        ht.lock = Lock(LString("Hash table lock"), recursive=True, kind="lock")
    return ht.lock


@defmacro("HCL:WITH-HASH-TABLE-LOCKED")
def m_with_hash_table_locked(form, env):
    """(with-hash-table-locked hash-table body...): run BODY holding the
    lock of HASH-TABLE, so that other processes doing the same wait."""
    (table,) = args_of(form, 1)[:1]
    return L(CALL_WITH_HASH_TABLE_LOCKED, table, Cons(LAMBDA, Cons(NIL, body_of(form, 1))))


@defun("HCL::%CALL-WITH-HASH-TABLE-LOCKED", "hash-table function", kind="control")
def call_with_hash_table_locked(m, args):
    ht, fn = args
    if type(ht) is not HashTable:
        raise type_error(ht, "HASH-TABLE")
    call_with_lock(m, hash_table_lock(ht), fn, what="the lock of a hash table")


# ---------------------------------------------------------------- condition variables
class ReacquireFrame(Frame):
    """Below a condition-variable wait: the lock (with its recursion
    count) to take back. Its cleanup runs when the wait returns (keeping
    the wait's value) and when an exit unwinds through it; it blocks until
    the lock is free, with interrupts deferred until it is held."""
    __slots__ = ("lock", "count")
    unwinds = CLEANUP

    def __init__(self, lock, count):
        self.lock = lock
        self.count = count

    def resume(self, m):
        m.k.append(RestoreValuesFrame(m.value))
        m.run_cleanup(self)

    def start_cleanup(self, m):
        lock, count = self.lock, self.count

        def attempt(m, w):
            p = m.proc
            if lock.owner is None or lock.owner is p:
                lock.owner = p
                lock.count = count
                complete(m, NIL)
            else:
                block_on(m, w, lock.waiters)
        enter_mask(m, NIL)
        run_wait(m, Wait(attempt, lock_what(lock)))

    def describe(self):
        return None


def wait_with_lock(m, cv, lock, timeout, reason=NIL):
    """Release LOCK (held by the running process) and wait on CV until
    notified (value T) or TIMEOUT passes (NIL); LOCK is held again when the
    wait is left, however it is left."""
    m.k.append(ReacquireFrame(lock, lock.count))
    waiting_as(m, reason, lambda m: condition_wait(m, cv, lock, timeout))


@defun("MP:MAKE-CONDITION-VARIABLE", "&key name")
def make_condition_variable(name=NIL):
    """Make a condition variable."""
    return CondVar(None if name is NIL else name)


@defun("MP:CONDITION-VARIABLE-NAME", "condition-variable")
def condition_variable_name(condition_variable):
    return _name(check_condvar(condition_variable).name)


@defun("MP:CONDITION-VARIABLE-WAIT", "condvar lock &key timeout wait-reason", kind="control")
def condition_variable_wait(m, args):
    """Release LOCK, which the current process must hold, and wait at most
    TIMEOUT seconds (forever when NIL) for CONDVAR to be signaled; then
    lock LOCK again (waiting for it as long as needed) and return T if
    signaled, NIL on timeout. An interrupt that exits from the wait also
    finds LOCK held again."""
    cv, lock = check_condvar(args[0]), check_lock(args[1])
    opts = parse_keys(args[2:], ("TIMEOUT", "WAIT-REASON"), condition_variable_wait.primitive.name)
    if lock.owner is not m.proc:
        raise lisp_error("SIMPLE-ERROR", "~S: the current process ~S does not hold ~S.",
                         condition_variable_wait.primitive.name, m.proc, lock)
    wait_with_lock(m, cv, lock, optional_seconds(opts.get("TIMEOUT", NIL)),
                   opts.get("WAIT-REASON", NIL))


def live_waiters(waiters) -> bool:
    return any(p.alive for p in waiters)


@defun("MP:CONDITION-VARIABLE-SIGNAL", "condvar", kind="control")
def condition_variable_signal(m, args):
    """Wake one process waiting on CONDVAR. True if there was one."""
    cv = check_condvar(args[0])
    woke = live_waiters(cv.waiters)
    condition_notify(m.scheduler, cv, 1)
    complete(m, T if woke else NIL)


@defun("MP:CONDITION-VARIABLE-BROADCAST", "condvar", kind="control")
def condition_variable_broadcast(m, args):
    """Wake every process waiting on CONDVAR. True if there was one."""
    cv = check_condvar(args[0])
    woke = live_waiters(cv.waiters)
    condition_broadcast(m.scheduler, cv)
    complete(m, T if woke else NIL)


# ---------------------------------------------------------------- semaphores
def _count(n):
    if type(n) is not int or n < 0:
        raise type_error(n, "UNSIGNED-BYTE")
    return n


@defun("MP:MAKE-SEMAPHORE", "&key name count")
def make_semaphore(name=NIL, count=1):
    """Make a semaphore with COUNT units (default 1)."""
    return Semaphore(None if name is NIL else name, _count(count))


@defun("MP:SEMAPHORE-COUNT", "semaphore")
def semaphore_count(semaphore):
    """The number of units SEMAPHORE has now."""
    return check_semaphore(semaphore).count


@defun("MP:SEMAPHORE-NAME", "semaphore")
def semaphore_name(semaphore):
    return _name(check_semaphore(semaphore).name)


@defun("MP:SEMAPHORE-ACQUIRE", "semaphore &key timeout wait-reason count", kind="control")
def semaphore_acquire(m, args):
    """Take COUNT units (default 1) from SEMAPHORE, waiting until it has
    them, at most TIMEOUT seconds when given. True when taken, NIL on
    timeout (the semaphore is then unchanged)."""
    sem = check_semaphore(args[0])
    opts = parse_keys(args[1:], ("TIMEOUT", "WAIT-REASON", "COUNT"), semaphore_acquire.primitive.name)
    n, timeout = _count(opts.get("COUNT", 1)), optional_seconds(opts.get("TIMEOUT", NIL))
    waiting_as(m, opts.get("WAIT-REASON", NIL), lambda m: semaphore_wait(m, sem, n, timeout))


@defun("MP:SEMAPHORE-RELEASE", "semaphore &key count", kind="control")
def semaphore_release(m, args):
    """Give COUNT units (default 1) back to SEMAPHORE. True if a process
    was waiting for it."""
    sem = check_semaphore(args[0])
    opts = parse_keys(args[1:], ("COUNT",), semaphore_release.primitive.name)
    woke = live_waiters(sem.waiters)
    semaphore_signal(m.scheduler, sem, _count(opts.get("COUNT", 1)))
    complete(m, T if woke else NIL)


# ---------------------------------------------------------------- mailboxes
@defun("MP:MAKE-MAILBOX", "&key name size lock-name")
def make_mailbox(name=NIL, size=NIL, lock_name=NIL):
    """Make an empty mailbox (unbounded: SIZE is only an initial size)."""
    return Mailbox(None if name is NIL else name)


@defun("MP:MAILBOX-NAME", "mailbox")
def mailbox_name(mailbox):
    return _name(check_mailbox(mailbox).name)


@defun("MP:MAILBOX-EMPTY-P", "mailbox")
def mailbox_empty_p(mailbox):
    return NIL if check_mailbox(mailbox).queue else T


@defun("MP:MAILBOX-COUNT", "mailbox")
def mailbox_count(mailbox):
    return len(check_mailbox(mailbox).queue)


@defun("MP:MAILBOX-SEND", "mailbox object", kind="control")
def lisp_mailbox_send(m, args):
    """Put OBJECT at the end of MAILBOX, waking a process waiting to read."""
    mailbox_send(m.scheduler, check_mailbox(args[0]), args[1])
    complete(m, args[1])


@defun("MP:MAILBOX-READ", "mailbox &optional wait-reason timeout", kind="control")
def lisp_mailbox_read(m, args):
    """Take the oldest object from MAILBOX, waiting for one (at most
    TIMEOUT seconds when given). Values: the object and T, or NIL and NIL
    on timeout."""
    mb = check_mailbox(args[0])
    reason = _optional(args, 1)
    mailbox_read(m, mb, optional_seconds(_optional(args, 2)), _wait_reason(reason, None))


@defun("MP:MAILBOX-PEEK", "mailbox")
def mailbox_peek(mailbox):
    """The oldest object in MAILBOX without taking it, or NIL."""
    q = check_mailbox(mailbox).queue
    return q[0] if q else NIL


"""Synchronisation objects shared by every dialect: locks, semaphores,
condition variables and mailboxes (SPEC 7). Each dialect module maps its
names and error conventions onto these.

All operations run inside one machine step, so they are atomic with respect
to other processes. A blocking operation makes its attempt; if it cannot
succeed it blocks (runtime.waiting) and is attempted again when woken.
"""
from __future__ import annotations

from collections import deque

from lisp.errors import lisp_error
from lisp.objects import NIL, T, MV, LString
from .waiting import Wait, block_on, run_wait, wake_first, wake_all, complete


class Lock:
    """A mutex. ``owner`` is the owning process (it stays the owner if it
    dies holding the lock: a kill without cleanups leaves it held, SPEC 5);
    ``count`` counts recursive acquisitions."""
    __slots__ = ("name", "owner", "count", "recursive", "waiters", "kind", "__weakref__")

    def __init__(self, name=None, recursive=False, kind="mutex"):
        self.name = name
        self.owner = None
        self.count = 0
        self.recursive = recursive
        self.waiters = deque()
        self.kind = kind          # how it prints: "mutex", "lock"

    def lisp_repr(self):
        from lisp.printer import prin1_to_string, object_address
        if self.kind == "mutex":
            # SBCL 2.2.9's PRINT-OBJECT: the state word, and the identity
            # only for a nameless mutex.
            state = "free" if self.owner is None else "contested" if self.waiters else "taken"
            owner = "0" if self.owner is None else self.owner.name
            name = f"{prin1_to_string(self.name)} " if self.name is not None else ""
            identity = "" if self.name is not None else f" {{{object_address(self)}}}"
            return f"#<SB-THREAD:MUTEX {name}{state} owner={owner}{identity}>"
        name = prin1_to_string(self.name) if self.name is not None else "NIL"
        state = "free" if self.owner is None else f"owner: {self.owner.name}"
        return f"#<MP:LOCK {name} {state}>"


def lock_free_for(lock, p) -> bool:
    return lock.owner is None or lock.owner is p


def try_lock(lock: Lock, p) -> bool:
    """Take LOCK for P if possible now (recursively if it is recursive)."""
    if lock.owner is None:
        lock.owner = p
        lock.count = 1
        return True
    if lock.owner is p and lock.recursive:
        lock.count += 1
        return True
    return False


def acquire(m, lock: Lock, timeout=None, wait=True, on_timeout=NIL, success=T):
    """Acquire LOCK for the running process, blocking until it is free or
    TIMEOUT seconds pass (then the value is ON_TIMEOUT). The caller checks
    recursive acquisition of a non-recursive lock first (each dialect has
    its own error for it)."""
    def attempt(m, w):
        p = m.proc
        if try_lock(lock, p):
            complete(m, success)
        elif not wait or w.timed_out():
            complete(m, on_timeout)
        else:
            block_on(m, w, lock.waiters)
    run_wait(m, Wait(attempt, f"lock {_name(lock)}", timeout))


def release(sched, lock: Lock, p) -> bool:
    """Release one acquisition of LOCK by P. False if P does not own it."""
    if lock.owner is not p:
        return False
    lock.count -= 1
    if lock.count <= 0:
        lock.owner = None
        lock.count = 0
        wake_first(sched, lock.waiters)
    return True


def release_all(sched, lock: Lock, p) -> int:
    """Release every recursive acquisition; the count, to restore later."""
    n = lock.count
    lock.owner = None
    lock.count = 0
    wake_first(sched, lock.waiters)
    return n


def _name(x):
    from lisp.printer import princ_to_string
    return princ_to_string(x.name) if getattr(x, "name", None) is not None else "(unnamed)"


# ---------------------------------------------------------------- semaphores
class Semaphore:
    __slots__ = ("name", "count", "waiters", "__weakref__")

    def __init__(self, name=None, count=0):
        self.name = name
        self.count = count
        self.waiters = deque()

    def lisp_repr(self):
        from lisp.printer import prin1_to_string
        return f"#<SEMAPHORE {prin1_to_string(self.name) if self.name is not None else 'NIL'} count: {self.count}>"


def semaphore_wait(m, sem: Semaphore, n=1, timeout=None, on_timeout=NIL, result=None):
    """Decrement SEM by N, waiting until it can. The value is RESULT(sem)
    (default T) or ON_TIMEOUT."""
    def attempt(m, w):
        if sem.count >= n:
            sem.count -= n
            complete(m, result(sem) if result else T)
        elif w.timed_out():
            complete(m, on_timeout)
        else:
            block_on(m, w, sem.waiters)
    run_wait(m, Wait(attempt, f"semaphore {_name(sem)}", timeout))


def semaphore_signal(sched, sem: Semaphore, n=1):
    """Increment SEM by N and wake up to N waiters (each retries; one that
    finds the count taken blocks again)."""
    sem.count += n
    for _ in range(n):
        if wake_first(sched, sem.waiters) is None:
            break


# ---------------------------------------------------------------- condition variables
class CondVar:
    """A condition variable (SB-THREAD waitqueue, MP condition variable,
    MT exemption, BT condition variable)."""
    __slots__ = ("name", "waiters", "__weakref__")

    def __init__(self, name=None):
        self.name = name
        self.waiters = deque()

    def lisp_repr(self):
        from lisp.printer import prin1_to_string
        return f"#<WAITQUEUE {prin1_to_string(self.name) if self.name is not None else 'NIL'}>"


def condition_wait(m, cv: CondVar, lock: Lock, timeout=None):
    """Release LOCK (which the caller owns) and wait on CV until notified
    or TIMEOUT passes. The value is T when notified, NIL on timeout. The
    lock is NOT reacquired here: the Lisp wrappers reacquire it in an
    UNWIND-PROTECT cleanup, so it is held again however the wait ends
    (also when an interrupt exits from it)."""
    def attempt(m, w):
        p = m.proc
        if w.phase == 0:
            w.data = {"notified": False, "count": release_all(m.scheduler, lock, p)}
            w.phase = 1
            block_on(m, w, cv.waiters)
        elif w.data["notified"]:
            complete(m, T)
        elif w.timed_out():
            complete(m, NIL)
        else:
            block_on(m, w, cv.waiters)
    w = Wait(attempt, f"condition variable {_name(cv)}", timeout)
    run_wait(m, w)


def condition_notify(sched, cv: CondVar, n=1):
    """Wake N waiters of CV (SPEC: condition-notify / exemption-signal)."""
    for _ in range(n):
        if not _notify_one(sched, cv):
            break


def condition_broadcast(sched, cv: CondVar):
    while _notify_one(sched, cv):
        pass


def _notify_one(sched, cv) -> bool:
    while cv.waiters:
        p = cv.waiters.popleft()
        if not p.alive:
            continue
        w = _wait_on(p, cv.waiters)
        if w is not None and isinstance(w.data, dict):
            w.data["notified"] = True
        sched.wake(p)
        return True
    return False


def _wait_on(p, waiters):
    """P's wait that is on the waiter list WAITERS: the one it is blocked
    in, or one an interrupt suspended (SPEC 4.1: the interrupted wait sits
    in a ResumeFrame until the interrupt function returns). A notification
    must reach that wait, or it would be lost while the interrupt runs."""
    from .interrupts import ResumeFrame
    nodes = [p.node] + [f.node for f in reversed(p.k) if type(f) is ResumeFrame]
    for node in nodes:
        w = getattr(node, "wait", None)
        if w is not None and any(lst is waiters for lst in w.resources):
            return w
    return None


# ---------------------------------------------------------------- mailboxes
class Mailbox:
    __slots__ = ("name", "queue", "waiters", "__weakref__")

    def __init__(self, name=None):
        self.name = name
        self.queue = deque()
        self.waiters = deque()

    def lisp_repr(self):
        from lisp.printer import prin1_to_string
        return f"#<MP:MAILBOX {prin1_to_string(self.name) if self.name is not None else 'NIL'} count: {len(self.queue)}>"


def mailbox_send(sched, mb: Mailbox, obj):
    mb.queue.append(obj)
    wake_first(sched, mb.waiters)


def mailbox_read(m, mb: Mailbox, timeout=None, what=None):
    """Take the oldest object from MB, waiting for one. Values: the object
    and T, or NIL and NIL on timeout (LispWorks's MAILBOX-READ)."""
    def attempt(m, w):
        if mb.queue:
            complete(m, MV((mb.queue.popleft(), T)))
        elif w.timed_out():
            complete(m, MV((NIL, NIL)))
        else:
            block_on(m, w, mb.waiters)
    run_wait(m, Wait(attempt, what or f"mailbox {_name(mb)}", timeout))

"""BORDEAUX-THREADS (nickname BT), API version 1 (0.8.x), so portable
libraries run unchanged. As on SBCL, BT's threads, locks, condition
variables and semaphores are SB-THREAD's (runtime.sb_thread, sb_sync): a
BT thread is an SB-THREAD thread is a green process (SPEC 3).

BT's own parts:
  - MAKE-THREAD binds BT:*DEFAULT-SPECIAL-BINDINGS*, an alist of
    (symbol . form): each form is evaluated in the new thread, and the
    first entry for a symbol wins (SPEC 3, initial bindings).
  - WITH-TIMEOUT runs its body under a timer; when the timer fires the
    body is unwound and BT:TIMEOUT (a SERIOUS-CONDITION) is signalled with
    ERROR from the WITH-TIMEOUT form.
  - CONDITION-WAIT reacquires the lock also on timeout.
  - Recursive locks count their acquisitions.
"""
from __future__ import annotations

from lisp.conditions import condition_class, slot_value
from lisp.errors import LispError, program_error
from lisp.functions import Function, defun, intern_name
from lisp.macros import defmacro, args_of, body_of, gensym, L
from lisp.objects import NIL, T, Cons, LString, cl_sym, keyword, list_to_py, list_from_iter
from lisp.types import CLASSES
from .procs import BT, initial_bindings, lisp_name
from .sb_sync import (MUTEX_CLASS, SEMAPHORE_CLASS, check_mutex, check_waitqueue, grab, wait_on_queue,
                      make_waitqueue)
from .sb_sys import call_with_timer
from .sb_thread import (start_thread, join_thread, send, check_process, parse_keys,
                        optional_seconds, KILL, ABORT_MAIN_THREAD)
from .sync import Lock, release, acquire
from .waiting import complete

S = cl_sym


def _export(*names):
    for n in names:
        BT.export(BT.intern(n)[0])


_export("THREAD", "MAKE-THREAD", "CURRENT-THREAD", "THREADP", "THREAD-NAME",
        "START-MULTIPROCESSING", "*DEFAULT-SPECIAL-BINDINGS*", "*STANDARD-IO-BINDINGS*",
        "*SUPPORTS-THREADS-P*", "LOCK", "MAKE-LOCK", "LOCK-P", "ACQUIRE-LOCK", "RELEASE-LOCK",
        "WITH-LOCK-HELD", "RECURSIVE-LOCK", "MAKE-RECURSIVE-LOCK", "RECURSIVE-LOCK-P",
        "ACQUIRE-RECURSIVE-LOCK", "RELEASE-RECURSIVE-LOCK", "WITH-RECURSIVE-LOCK-HELD",
        "MAKE-CONDITION-VARIABLE", "CONDITION-WAIT", "CONDITION-NOTIFY", "MAKE-SEMAPHORE",
        "SIGNAL-SEMAPHORE", "WAIT-ON-SEMAPHORE", "SEMAPHORE", "SEMAPHORE-P", "WITH-TIMEOUT",
        "TIMEOUT", "ALL-THREADS", "INTERRUPT-THREAD", "DESTROY-THREAD", "THREAD-ALIVE-P",
        "JOIN-THREAD", "THREAD-YIELD")


def _bt(name):
    return BT.intern(name)[0]


def _special(name, value):
    s = _bt(name)
    s.flags |= 1
    s.value = value
    return s


DEFAULT_SPECIAL_BINDINGS = _special("*DEFAULT-SPECIAL-BINDINGS*", NIL)
_special("*SUPPORTS-THREADS-P*", T)
# WITH-STANDARD-IO-SYNTAX's bindings as (symbol . form), for
# *DEFAULT-SPECIAL-BINDINGS*; the forms are evaluated in each new thread.
_special("*STANDARD-IO-BINDINGS*", list_from_iter(Cons(S(name), form) for name, form in [
    ("*PACKAGE*", L(S("FIND-PACKAGE"), keyword("COMMON-LISP-USER"))),
    ("*PRINT-ARRAY*", T), ("*PRINT-BASE*", 10), ("*PRINT-CASE*", keyword("UPCASE")),
    ("*PRINT-CIRCLE*", NIL), ("*PRINT-ESCAPE*", T), ("*PRINT-GENSYM*", T),
    ("*PRINT-LENGTH*", NIL), ("*PRINT-LEVEL*", NIL), ("*PRINT-LINES*", NIL),
    ("*PRINT-MISER-WIDTH*", NIL), ("*PRINT-PPRINT-DISPATCH*", L(S("COPY-PPRINT-DISPATCH"), NIL)),
    ("*PRINT-PRETTY*", NIL), ("*PRINT-RADIX*", NIL), ("*PRINT-READABLY*", T),
    ("*PRINT-RIGHT-MARGIN*", NIL), ("*RANDOM-STATE*", L(S("MAKE-RANDOM-STATE"), T)),
    ("*READ-BASE*", 10), ("*READ-DEFAULT-FLOAT-FORMAT*", L(S("QUOTE"), S("SINGLE-FLOAT"))),
    ("*READ-EVAL*", T), ("*READ-SUPPRESS*", NIL), ("*READTABLE*", L(S("COPY-READTABLE"), NIL))]))

for _name, _cls in (("LOCK", MUTEX_CLASS), ("RECURSIVE-LOCK", MUTEX_CLASS),
                    ("SEMAPHORE", SEMAPHORE_CLASS)):
    CLASSES[_bt(_name)] = _cls

condition_class("BORDEAUX-THREADS::BORDEAUX-MP-CONDITION", ["ERROR"], [("MESSAGE", "MESSAGE")],
                lambda c, s: s.write(_message(c)))


def _message(c):
    from lisp.printer import princ_to_string
    return princ_to_string(slot_value(c, "MESSAGE"))


def _timeout_report(c, stream):
    from lisp.printer import princ_to_string
    length = slot_value(c, "LENGTH")
    if length is NIL:
        stream.write("A timeout occurred.")
    else:
        stream.write(f"A timeout set to {princ_to_string(length)} seconds occurred.")


TIMEOUT_CLASS = condition_class("BORDEAUX-THREADS:TIMEOUT", ["SERIOUS-CONDITION"],
                                [("LENGTH", "LENGTH")], _timeout_report)
defun("BORDEAUX-THREADS::TIMEOUT-LENGTH", "condition")(lambda c: slot_value(c, "LENGTH"))


def _mp_error(message):
    return LispError("BORDEAUX-THREADS::BORDEAUX-MP-CONDITION", {"MESSAGE": LString(message)})


# ---------------------------------------------------------------- threads
@defun("BORDEAUX-THREADS:MAKE-THREAD", "function &key name initial-bindings", kind="control")
def make_thread(m, args):
    """Create and return a thread named NAME (default "Anonymous thread")
    that calls FUNCTION with no arguments and ends when it returns. Each
    (symbol . form) of INITIAL-BINDINGS (default
    *DEFAULT-SPECIAL-BINDINGS*) is bound in the new thread to the value of
    form, evaluated there; the first entry for a symbol wins. Other
    specials have their global values in the new thread."""
    from lisp.dynamic import symbol_value
    opts = parse_keys(args[1:], ("NAME", "INITIAL-BINDINGS"), make_thread.primitive.name)
    name = opts.get("NAME", NIL)
    alist = opts.get("INITIAL-BINDINGS", symbol_value(DEFAULT_SPECIAL_BINDINGS))
    forms = list(initial_bindings(alist).items())
    m.value = start_thread(m, args[0], [], LString("Anonymous thread") if name is NIL else name,
                           binding_forms=forms)
    m.node = None


@defun("BORDEAUX-THREADS:CURRENT-THREAD", "", kind="control")
def current_thread(m, args):
    """The thread object of the calling thread."""
    complete(m, m.proc)


@defun("BORDEAUX-THREADS:THREADP", "object")
def threadp(obj):
    from .process import Process
    return T if type(obj) is Process else NIL


@defun("BORDEAUX-THREADS:THREAD-NAME", "thread")
def thread_name(thread):
    """The name of THREAD, as given to MAKE-THREAD."""
    return lisp_name(check_process(thread))


@defun("BORDEAUX-THREADS:THREAD-ALIVE-P", "thread")
def thread_alive_p(thread):
    """True if THREAD has not ended (or been destroyed)."""
    return T if check_process(thread).alive else NIL


@defun("BORDEAUX-THREADS:ALL-THREADS", "", kind="control")
def all_threads(m, args):
    """A list of all live threads."""
    m.invoke(intern_name("SB-THREAD:LIST-ALL-THREADS"), [])


@defun("BORDEAUX-THREADS:THREAD-YIELD", "", kind="control")
def thread_yield(m, args):
    """Allow other threads to run."""
    m.invoke(intern_name("SB-THREAD:THREAD-YIELD"), [])


@defun("BORDEAUX-THREADS:START-MULTIPROCESSING", "")
def start_multiprocessing():
    """Nothing to do: the scheduler always runs."""
    return NIL


@defun("BORDEAUX-THREADS:JOIN-THREAD", "thread", kind="control")
def bt_join_thread(m, args):
    """Wait until THREAD ends and return its values (as SB-THREAD's
    JOIN-THREAD, which signals JOIN-THREAD-ERROR if it was aborted)."""
    join_thread(m, [args[0]])


class _ApplyLater(Function):
    __slots__ = ("function", "args")

    def __init__(self, function, args):
        self.name = intern_name("BORDEAUX-THREADS::%INTERRUPT-THREAD-WRAPPER")
        self.function = function
        self.args = args

    def invoke(self, m, args):
        m.invoke(self.function, self.args)


@defun("BORDEAUX-THREADS:INTERRUPT-THREAD", "thread function &rest args", kind="control")
def interrupt_thread(m, args):
    """Interrupt THREAD and make it call FUNCTION on ARGS before it goes
    on with what it was doing (SB-THREAD:INTERRUPT-THREAD)."""
    p = check_process(args[0])
    fn = args[1] if len(args) == 2 else _ApplyLater(args[1], list(args[2:]))
    send(m, p, fn)


@defun("BORDEAUX-THREADS:DESTROY-THREAD", "thread", kind="control")
def destroy_thread(m, args):
    """Terminate THREAD, running its cleanup forms (SPEC 5). Destroying the
    calling thread is an error."""
    p = check_process(args[0])
    if p is m.proc:
        raise _mp_error("Cannot destroy the current thread")
    send(m, p, ABORT_MAIN_THREAD if p.is_main else KILL)


# ---------------------------------------------------------------- locks
@defun("BORDEAUX-THREADS:MAKE-LOCK", "&optional name")
def make_lock(name=NIL):
    """A lock (a mutex) named NAME (default "Anonymous lock")."""
    return Lock(LString("Anonymous lock") if name is NIL else name, kind="mutex")


@defun("BORDEAUX-THREADS:MAKE-RECURSIVE-LOCK", "&optional name")
def make_recursive_lock(name=NIL):
    """A lock that the thread holding it may acquire again; it is free
    again after as many releases as acquisitions."""
    return Lock(LString("Anonymous recursive lock") if name is NIL else name,
                recursive=True, kind="mutex")


@defun("BORDEAUX-THREADS:LOCK-P", "object")
def lock_p(obj):
    return T if type(obj) is Lock else NIL


@defun("BORDEAUX-THREADS:RECURSIVE-LOCK-P", "object")
def recursive_lock_p(obj):
    return T if type(obj) is Lock else NIL


@defun("BORDEAUX-THREADS:ACQUIRE-LOCK", "lock &optional wait-p", kind="control")
def acquire_lock(m, args):
    """Acquire LOCK for the calling thread, waiting for it if WAIT-P is true
    (the default). True if acquired, else NIL."""
    lock = check_mutex(args[0])
    grab(m, lock, (args[1] if len(args) > 1 else T) is not NIL)


@defun("BORDEAUX-THREADS:RELEASE-LOCK", "lock", kind="control")
def release_lock(m, args):
    """Release LOCK; a thread waiting in ACQUIRE-LOCK may then take it."""
    m.invoke(intern_name("SB-THREAD:RELEASE-MUTEX"), [check_mutex(args[0])])


@defun("BORDEAUX-THREADS:ACQUIRE-RECURSIVE-LOCK", "lock", kind="control")
def acquire_recursive_lock(m, args):
    """Acquire LOCK, again if the calling thread already holds it."""
    lock = check_mutex(args[0])
    if lock.owner is m.proc:
        lock.count += 1
        complete(m, T)
        return
    acquire(m, lock)


@defun("BORDEAUX-THREADS:RELEASE-RECURSIVE-LOCK", "lock", kind="control")
def release_recursive_lock(m, args):
    """Release one acquisition of LOCK by the calling thread."""
    release(m.scheduler, check_mutex(args[0]), m.proc)
    complete(m, NIL)


@defmacro("BORDEAUX-THREADS:WITH-LOCK-HELD")
def m_with_lock_held(form, env):
    """(with-lock-held (place) body...): BODY with the lock PLACE held,
    released however BODY exits."""
    place = _single(args_of(form, 1)[0], form)
    return Cons(intern_name("SB-THREAD:WITH-MUTEX"), Cons(L(place), body_of(form, 1)))


@defmacro("BORDEAUX-THREADS:WITH-RECURSIVE-LOCK-HELD")
def m_with_recursive_lock_held(form, env):
    """(with-recursive-lock-held (place &key timeout) body...): BODY with the
    recursive lock PLACE held, acquiring it only if the thread does not
    hold it already."""
    spec = list_to_py(args_of(form, 1)[0])
    return Cons(intern_name("SB-THREAD:WITH-RECURSIVE-LOCK"),
                Cons(list_from_iter(spec), body_of(form, 1)))


def _single(spec, form):
    """The one element of a macro's (x) argument."""
    items = list_to_py(spec) if type(spec) is Cons else []
    if len(items) != 1:
        raise program_error("malformed ~S: expected (~A), got ~S", form.car, LString("form"), spec)
    return items[0]


# ---------------------------------------------------------------- condition variables
@defun("BORDEAUX-THREADS:MAKE-CONDITION-VARIABLE", "&key name")
def make_condition_variable(name=NIL):
    return make_waitqueue(LString("Anonymous condition variable") if name is NIL else name)


@defun("BORDEAUX-THREADS:CONDITION-WAIT", "condition-variable lock &key timeout", kind="control")
def condition_wait(m, args):
    """Atomically release LOCK and wait for CONDITION-VARIABLE to be
    notified, then reacquire LOCK. T if notified, NIL when TIMEOUT seconds
    passed first; LOCK is held again either way. Wakeups may be spurious:
    check the guarded state after it returns."""
    cv = check_waitqueue(args[0])
    lock = check_mutex(args[1])
    opts = parse_keys(args[2:], ("TIMEOUT",), condition_wait.primitive.name)
    wait_on_queue(m, cv, lock, optional_seconds(opts.get("TIMEOUT", NIL)),
                  reacquire_on_timeout=True)


@defun("BORDEAUX-THREADS:CONDITION-NOTIFY", "condition-variable", kind="control")
def condition_notify(m, args):
    """Wake one thread waiting on CONDITION-VARIABLE."""
    m.invoke(intern_name("SB-THREAD:CONDITION-NOTIFY"), [check_waitqueue(args[0])])


# ---------------------------------------------------------------- semaphores
@defun("BORDEAUX-THREADS:MAKE-SEMAPHORE", "&key name count", kind="control")
def make_semaphore(m, args):
    """A semaphore named NAME with initial COUNT (default 0)."""
    m.invoke(intern_name("SB-THREAD:MAKE-SEMAPHORE"), args)


@defun("BORDEAUX-THREADS:SIGNAL-SEMAPHORE", "semaphore &key count", kind="control")
def signal_semaphore(m, args):
    """Increment SEMAPHORE by COUNT (default 1), waking up to COUNT
    waiting threads."""
    opts = parse_keys(args[1:], ("COUNT",), signal_semaphore.primitive.name)
    m.invoke(intern_name("SB-THREAD:SIGNAL-SEMAPHORE"), [args[0], opts.get("COUNT", 1)])


@defun("BORDEAUX-THREADS:WAIT-ON-SEMAPHORE", "semaphore &key timeout", kind="control")
def wait_on_semaphore(m, args):
    """Decrement SEMAPHORE by 1, waiting until it can; the new count, or
    NIL if TIMEOUT seconds passed first."""
    opts = parse_keys(args[1:], ("TIMEOUT",), wait_on_semaphore.primitive.name)
    m.invoke(intern_name("SB-THREAD:WAIT-ON-SEMAPHORE"),
             [args[0], keyword("TIMEOUT"), opts.get("TIMEOUT", NIL)])


@defun("BORDEAUX-THREADS:SEMAPHORE-P", "object")
def semaphore_p(obj):
    from .sync import Semaphore
    return T if type(obj) is Semaphore else NIL


# ---------------------------------------------------------------- timeouts
class _Throw(Function):
    """The interrupt BT's timer sends: throw to the WITH-TIMEOUT form."""
    __slots__ = ("tag",)

    def __init__(self, tag):
        self.name = intern_name("BORDEAUX-THREADS::%TIMEOUT-THROW")
        self.tag = tag

    def invoke(self, m, args):
        m.throw(self.tag, NIL)


@defmacro("BORDEAUX-THREADS:WITH-TIMEOUT")
def m_with_timeout(form, env):
    """(with-timeout (timeout) body...): the values of BODY if it finishes
    within TIMEOUT seconds; otherwise BODY is unwound (its cleanups run)
    and BT:TIMEOUT is signalled with ERROR."""
    timeout = _single(args_of(form, 1)[0], form)
    seconds, tag, done = gensym("SECONDS"), gensym("TIMEOUT"), gensym("OK")
    call = L(intern_name("BORDEAUX-THREADS::%CALL-WITH-TIMEOUT"), seconds, tag,
             Cons(S("LAMBDA"), Cons(NIL, body_of(form, 1))))
    return L(S("LET"), L(L(seconds, timeout), L(tag, L(S("LIST"), NIL))),
             L(S("BLOCK"), done,
               L(S("CATCH"), tag, L(S("RETURN-FROM"), done, call)),
               L(S("ERROR"), L(S("QUOTE"), TIMEOUT_CLASS.name), keyword("LENGTH"), seconds)))


@defun("BORDEAUX-THREADS::%CALL-WITH-TIMEOUT", "seconds tag function", kind="control")
def call_with_timeout(m, args):
    seconds, tag, fn = args
    call_with_timer(m, seconds, _Throw(tag), fn)

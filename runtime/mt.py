"""CLISP threads (package MT, nickname THREADS), mapped onto the shared
process mechanism (runtime.procs, runtime.interrupts, runtime.sync),
following CLISP 2.49's implementation notes 32.5 and its behaviour.

  - MAKE-THREAD binds, in the new thread, each symbol of INITIAL-BINDINGS
    (default MT:*DEFAULT-SPECIAL-BINDINGS*, an alist of (symbol . form)) to
    the value of its form evaluated in the new thread, the first
    occurrence of a symbol winning. Threads do not inherit their creator's
    bindings (SPEC 3).
  - THREAD-INTERRUPT queues an interrupt (SPEC 4): :FUNCTION T kills the
    thread, running its cleanups, and THREAD-JOIN then returns the
    :ARGUMENTS list and NIL; :FUNCTION NIL (the default) breaks into the
    debugger in the thread; :OVERRIDE T ignores WITH-DEFERRED-INTERRUPTS.
    Interrupting a dead thread returns NIL (SPEC 4.9).
  - WITH-DEFERRED-INTERRUPTS queues interrupts until its body is left.
  - Mutexes are the shared locks: relocking a non-recursive mutex and
    unlocking one the thread does not own are CONTROL-ERRORs, as in CLISP.
    Exemptions are the shared condition variables; EXEMPTION-WAIT holds
    the mutex again however the wait ends.
  - WITH-TIMEOUT arms a timer (runtime.sb_sys) that interrupts the body
    and unwinds it; the timeout forms then run in place of the body.
  - SYMBOL-VALUE-THREAD reads and sets a thread's own binding.
"""
from __future__ import annotations

import time
import weakref

from lisp.dynamic import MISSING
from lisp.errors import LispError, lisp_error, type_error, program_error
from lisp.functions import Function, defun, intern_name
from lisp.machine import Frame
from lisp.macros import defmacro, args_of, body_of, gensym, L
from lisp.objects import (NIL, T, MV, Cons, Symbol, LString, UNBOUND, SPECIAL, cl_sym, keyword,
                          list_to_py, list_from_iter, lisp_list)
from lisp.types import CLASSES, OTHER_CLASS_OF
from .interrupts import enter_mask, Interrupt, send_interrupt, exit_to_toplevel
from .process import Process, ToplevelExit
from .procs import (spawn, check_process, join, after_interrupt_sent, yield_process,
                    lisp_name, set_lisp_name, initial_bindings)
from .sb_sys import TIMER_PROCESSES
from .sb_thread import parse_keys, optional_seconds, check_function_designator
from .sync import Lock, CondVar, release, condition_notify, condition_broadcast
from .waiting import Wait, run_wait, complete
from .mp_sync import lock_attempt, lock_what, call_with_lock, wait_with_lock

S = cl_sym
LAMBDA = S("LAMBDA")

CLASSES[intern_name("MT:MUTEX")] = OTHER_CLASS_OF[Lock](None)
CLASSES[intern_name("MT:EXEMPTION")] = OTHER_CLASS_OF[CondVar](None)

DEFAULT_SPECIAL_BINDINGS = intern_name("MT:*DEFAULT-SPECIAL-BINDINGS*")
DEFAULT_SPECIAL_BINDINGS.flags |= SPECIAL
# CLISP's default: each thread gets its own binding of these (the value
# forms run in the new thread, so it starts with the global values).
DEFAULT_SPECIAL_BINDINGS.value = list_from_iter(
    Cons(S(name), S(name)) for name in (
        "*RANDOM-STATE*", "*GENSYM-COUNTER*", "*PRINT-BASE*", "*PRINT-LENGTH*",
        "*PRINT-LEVEL*", "*PRINT-CIRCLE*", "*PRINT-RADIX*", "*PRINT-CASE*", "*PRINT-GENSYM*",
        "*PRINT-PRETTY*", "*PRINT-READABLY*", "*READ-SUPPRESS*",
        "*READ-DEFAULT-FLOAT-FORMAT*"))

# Defined in stdlib/threads.lisp.
intern_name("MT:Y-OR-N-P-TIMEOUT")
intern_name("MT:YES-OR-NO-P-TIMEOUT")

# The :ARGUMENTS of the THREAD-INTERRUPT :FUNCTION T that killed a thread:
# what THREAD-JOIN returns for it.
KILL_VALUES: "weakref.WeakKeyDictionary[Process, list]" = weakref.WeakKeyDictionary()


def _optional(args, i, default=NIL):
    return args[i] if len(args) > i else default


def check_name(name):
    """CLISP's names: a string, a symbol or an integer."""
    if not isinstance(name, (LString, Symbol, int)) or isinstance(name, bool):
        raise type_error(name, L(S("OR"), S("STRING"), S("SYMBOL"), S("INTEGER")))
    return name


def _size(x):
    if x is not NIL and (type(x) is not int or not 0 <= x < 2 ** 32):
        raise type_error(x, L(S("UNSIGNED-BYTE"), 32))
    return x


def check_mutex(x) -> Lock:
    if type(x) is not Lock:
        raise type_error(x, "MT:MUTEX")
    return x


def check_exemption(x) -> CondVar:
    if type(x) is not CondVar:
        raise type_error(x, "MT:EXEMPTION")
    return x


def _control_error(control, *args):
    return lisp_error("CONTROL-ERROR", control, *args)


# ---------------------------------------------------------------- threads
def _default_name(fn):
    """CLISP names a thread after its function: the function's name, or
    :LAMBDA for an anonymous one."""
    if isinstance(fn, Symbol):
        return fn
    name = getattr(fn, "name", None)
    return name if isinstance(name, Symbol) and name is not NIL else keyword("LAMBDA")


@defun("MT:MAKE-THREAD", "function &key name initial-bindings cstack-size vstack-size",
       kind="control")
def make_thread(m, args):
    """Start a new thread running FUNCTION (no arguments) and return it.
    NAME (a string, symbol or integer) defaults to FUNCTION's name. Each
    (symbol . form) of INITIAL-BINDINGS, default *DEFAULT-SPECIAL-BINDINGS*,
    binds symbol in the new thread to form's value, evaluated there before
    FUNCTION is called; the first occurrence of a symbol wins. The stack
    sizes are checked and otherwise have no effect (a green thread's stack
    is heap memory)."""
    fn = check_function_designator(args[0])
    opts = parse_keys(args[1:], ("NAME", "INITIAL-BINDINGS", "CSTACK-SIZE", "VSTACK-SIZE"),
                      make_thread.primitive.name)
    name = check_name(opts["NAME"]) if "NAME" in opts else _default_name(fn)
    _size(opts.get("CSTACK-SIZE", NIL))
    _size(opts.get("VSTACK-SIZE", NIL))
    alist = opts.get("INITIAL-BINDINGS", DEFAULT_SPECIAL_BINDINGS.value
                     if DEFAULT_SPECIAL_BINDINGS not in m.dyn else m.dyn[DEFAULT_SPECIAL_BINDINGS])
    if alist is not NIL and type(alist) is not Cons:
        raise type_error(alist, "LIST")
    p = spawn(m, fn, [], binding_forms=list(initial_bindings(alist).items()))
    set_lisp_name(p, name)
    complete(m, p)


@defun("MT:THREADP", "object")
def threadp(object_):
    return T if type(object_) is Process else NIL


@defun("MT:THREAD-NAME", "thread")
def thread_name(thread):
    """The name of THREAD."""
    return lisp_name(check_process(thread))


@defun("MT:THREAD-ACTIVE-P", "thread")
def thread_active_p(thread):
    """NIL if THREAD has terminated, else T."""
    return T if check_process(thread).alive else NIL


@defun("MT:CURRENT-THREAD", "", kind="control")
def current_thread(m, args):
    complete(m, m.proc)


@defun("MT:LIST-THREADS", "", kind="control")
def list_threads(m, args):
    """A fresh list of the live threads, newest first (as CLISP)."""
    complete(m, list_from_iter(reversed([p for p in m.scheduler.processes
                                         if p.alive and p not in TIMER_PROCESSES])))


@defun("MT:THREAD-YIELD", "", kind="control")
def thread_yield(m, args):
    """Let other threads run; returns the current thread."""
    yield_process(m, m.proc)


class _KillThread(Function):
    """THREAD-INTERRUPT :FUNCTION T: unwind the thread to its top, running
    its cleanups; THREAD-JOIN will return VALUES and NIL."""
    __slots__ = ("values",)

    def __init__(self, values):
        self.name = intern_name("MT::%THREAD-KILL")
        self.values = values

    def invoke(self, m, args):
        KILL_VALUES[m.proc] = self.values
        exit_to_toplevel(m, ToplevelExit(killed=True))


@defun("MT:THREAD-INTERRUPT", "thread &key function override arguments", kind="control")
def thread_interrupt(m, args):
    """Make THREAD apply FUNCTION to ARGUMENTS at its first step boundary
    where interrupts are not deferred (also when it waits). FUNCTION T
    kills THREAD (its cleanups run; THREAD-JOIN returns ARGUMENTS and NIL);
    FUNCTION NIL, the default, enters the debugger in THREAD. With OVERRIDE
    true the interrupt ignores WITH-DEFERRED-INTERRUPTS. Values: THREAD and
    T, or NIL if THREAD is dead."""
    p = check_process(args[0])
    opts = parse_keys(args[1:], ("FUNCTION", "OVERRIDE", "ARGUMENTS"), thread_interrupt.primitive.name)
    fn = opts.get("FUNCTION", NIL)
    arguments = opts.get("ARGUMENTS", NIL)
    if arguments is not NIL and type(arguments) is not Cons:
        raise type_error(arguments, "LIST")
    fn_args = list_to_py(arguments)
    if fn is T:
        fn, fn_args = _KillThread(fn_args), []
    elif fn is NIL:
        fn, fn_args = S("BREAK"), []
    if send_interrupt(m.scheduler, p, Interrupt(fn, fn_args, opts.get("OVERRIDE", NIL) is not NIL)):
        after_interrupt_sent(m, p, MV((p, T)))
    else:
        complete(m, NIL)


@defun("MT:THREAD-JOIN", "thread &key timeout", kind="control")
def thread_join(m, args):
    """Wait for THREAD to terminate, at most TIMEOUT seconds when given.
    Values: the list of THREAD's values and T if it returned normally;
    the :ARGUMENTS of the THREAD-INTERRUPT that killed it (or NIL) and NIL
    otherwise; NIL and :TIMEOUT on timeout. Works any number of times."""
    p = check_process(args[0])
    opts = parse_keys(args[1:], ("TIMEOUT",), thread_join.primitive.name)

    def done(t):
        if t.exit is None and t.results is not None:
            return MV((list_from_iter(t.results), T))
        return MV((list_from_iter(KILL_VALUES.get(t, [])), NIL))
    join(m, p, optional_seconds(opts.get("TIMEOUT", NIL)), done,
         lambda: MV((NIL, keyword("TIMEOUT"))))


# ---------------------------------------------------------------- deferring interrupts
@defmacro("MT:WITH-DEFERRED-INTERRUPTS")
def m_with_deferred_interrupts(form, env):
    """(with-deferred-interrupts body...): interrupts sent while BODY runs
    are queued and run when it is left, normally or not. Other threads
    keep running."""
    return L(intern_name("MT::%CALL-WITH-DEFERRED-INTERRUPTS"),
             Cons(LAMBDA, Cons(NIL, body_of(form, 0))))


@defun("MT::%CALL-WITH-DEFERRED-INTERRUPTS", "function", kind="control")
def call_with_deferred_interrupts(m, args):
    enter_mask(m, NIL)
    m.invoke(args[0], [])


# ---------------------------------------------------------------- thread-local values
@defun("MT:SYMBOL-VALUE-THREAD", "symbol thread")
def symbol_value_thread(symbol, thread):
    """SYMBOL's value in THREAD (T: the current thread; NIL: the global
    value) and an indicator: T if bound there, NIL if THREAD has no
    binding of its own (or SYMBOL is not special), MAKUNBOUND if the
    binding was made unbound, THREAD-ACTIVE-P if THREAD has terminated.
    Setfable."""
    if not isinstance(symbol, Symbol):
        raise type_error(symbol, "SYMBOL")
    from lisp.dynamic import state
    if thread is NIL:
        v = symbol.value
        return MV((NIL, NIL)) if v is UNBOUND else MV((v, T))
    if not symbol.flags & SPECIAL:
        return MV((NIL, NIL))
    if thread is T:
        dyn = state.dyn
    else:
        p = check_process(thread)
        if not p.alive:
            return MV((NIL, intern_name("MT:THREAD-ACTIVE-P")))
        dyn = p.dyn
    v = dyn.get(symbol, MISSING)
    if v is MISSING:
        return MV((NIL, NIL))
    if v is UNBOUND:
        return MV((NIL, S("MAKUNBOUND")))
    return MV((v, T))


@defun("MT:SYMBOL-VALUE-THREAD", "new symbol thread", setf=True)
def set_symbol_value_thread(new, symbol, thread):
    """Set SYMBOL's value in THREAD (T: the current thread's own binding,
    made if it has none; NIL: the global value)."""
    if not isinstance(symbol, Symbol):
        raise type_error(symbol, "SYMBOL")
    from lisp.dynamic import state
    setf_name = L(S("SETF"), intern_name("MT:SYMBOL-VALUE-THREAD"))
    if thread is NIL:
        symbol.value = new
        return new
    if not symbol.flags & SPECIAL:
        raise LispError("UNBOUND-VARIABLE", {
            "NAME": symbol, "FORMAT-CONTROL": LString("~S: ~S is not per thread special variable"),
            "FORMAT-ARGUMENTS": lisp_list(setf_name, symbol)})
    if thread is T:
        state.dyn[symbol] = new
        return new
    p = check_process(thread)
    if not p.alive:
        raise _control_error("~S: thread ~S is not active", setf_name, p)
    p.dyn[symbol] = new
    return new


# ---------------------------------------------------------------- mutexes
@defun("MT:MAKE-MUTEX", "&key name recursive-p")
def make_mutex(name=NIL, recursive_p=NIL):
    """Make a mutex, not locked. A RECURSIVE-P mutex may be locked again by
    its owner (and must be unlocked as many times)."""
    return Lock(None if name is NIL else check_name(name), recursive=recursive_p is not NIL,
                kind="mutex")


@defun("MT:MUTEXP", "object")
def mutexp(object_):
    return T if type(object_) is Lock else NIL


@defun("MT:MUTEX-NAME", "mutex")
def mutex_name(mutex):
    name = check_mutex(mutex).name
    return NIL if name is None else name


@defun("MT:MUTEX-RECURSIVE-P", "mutex")
def mutex_recursive_p(mutex):
    return T if check_mutex(mutex).recursive else NIL


@defun("MT:MUTEX-OWNER", "mutex")
def mutex_owner(mutex):
    """The thread that holds MUTEX (NIL if none) and how many times."""
    lock = check_mutex(mutex)
    return MV((NIL if lock.owner is None else lock.owner, lock.count))


def check_relock(m, lock, who):
    if lock.owner is m.proc and not lock.recursive:
        raise _control_error("~S: non-recursive mutex ~S is already owned by thread ~S",
                             who, lock, m.proc)


@defun("MT:MUTEX-LOCK", "mutex &key timeout", kind="control")
def mutex_lock(m, args):
    """Lock MUTEX, waiting for it at most TIMEOUT seconds when given. T
    when locked, NIL on timeout. Locking a non-recursive mutex the thread
    holds is a CONTROL-ERROR."""
    lock = check_mutex(args[0])
    opts = parse_keys(args[1:], ("TIMEOUT",), mutex_lock.primitive.name)
    check_relock(m, lock, mutex_lock.primitive.name)
    run_wait(m, Wait(lock_attempt(lock, lambda m: complete(m, T), lambda m: complete(m, NIL)),
                     lock_what(lock), optional_seconds(opts.get("TIMEOUT", NIL))))


@defun("MT:MUTEX-UNLOCK", "mutex", kind="control")
def mutex_unlock(m, args):
    """Unlock MUTEX once. A CONTROL-ERROR if the thread does not own it.
    Returns no values."""
    lock = check_mutex(args[0])
    if not release(m.scheduler, lock, m.proc):
        raise _control_error("~S: mutex ~S is not owned by thread ~S",
                             mutex_unlock.primitive.name, lock, m.proc)
    complete(m, MV(()))


def _with_mutex(form, who):
    spec = args_of(form, 1)[0]
    items = list_to_py(spec) if type(spec) is Cons else []
    if len(items) != 1:
        raise program_error("malformed ~S: ~S is not (mutex)", who, spec)
    return L(intern_name("MT::%CALL-WITH-MUTEX-LOCK"), items[0],
             Cons(LAMBDA, Cons(NIL, body_of(form, 1))))


@defmacro("MT:WITH-MUTEX-LOCK")
def m_with_mutex_lock(form, env):
    """(with-mutex-lock (mutex) body...): run BODY with MUTEX locked and
    unlock it however BODY is left."""
    return _with_mutex(form, intern_name("MT:WITH-MUTEX-LOCK"))


@defmacro("MT:WITH-LOCK")
def m_with_lock(form, env):
    """(with-lock (mutex) body...): run BODY with MUTEX locked and unlock it
    however BODY is left."""
    return _with_mutex(form, intern_name("MT:WITH-LOCK"))


@defun("MT::%CALL-WITH-MUTEX-LOCK", "mutex function", kind="control")
def call_with_mutex_lock(m, args):
    lock = check_mutex(args[0])
    check_relock(m, lock, mutex_lock.primitive.name)
    call_with_lock(m, lock, args[1])


# ---------------------------------------------------------------- exemptions
@defun("MT:MAKE-EXEMPTION", "&key name")
def make_exemption(name=NIL):
    """Make an exemption (a condition variable)."""
    return CondVar(None if name is NIL else check_name(name))


@defun("MT:EXEMPTIONP", "object")
def exemptionp(object_):
    return T if type(object_) is CondVar else NIL


@defun("MT:EXEMPTION-NAME", "exemption")
def exemption_name(exemption):
    name = check_exemption(exemption).name
    return NIL if name is None else name


@defun("MT:EXEMPTION-SIGNAL", "exemption", kind="control")
def exemption_signal(m, args):
    """Wake one thread waiting on EXEMPTION. Returns EXEMPTION."""
    cv = check_exemption(args[0])
    condition_notify(m.scheduler, cv, 1)
    complete(m, cv)


@defun("MT:EXEMPTION-BROADCAST", "exemption", kind="control")
def exemption_broadcast(m, args):
    """Wake every thread waiting on EXEMPTION. Returns EXEMPTION."""
    cv = check_exemption(args[0])
    condition_broadcast(m.scheduler, cv)
    complete(m, cv)


class _ExemptionTestFrame(Frame):
    """EXEMPTION-WAIT with :TEST: call the test, wait while it is false."""
    __slots__ = ("cv", "lock", "test", "deadline", "tested")

    def __init__(self, cv, lock, test, deadline):
        self.cv = cv
        self.lock = lock
        self.test = test
        self.deadline = deadline
        self.tested = True

    def resume(self, m):
        v = m.value
        v = v.primary if type(v) is MV else v
        if self.tested:
            if v is not NIL:
                complete(m, T)
                return
            self.tested = False
            m.k.append(self)
            remaining = None if self.deadline is None else max(0.0, self.deadline - time.monotonic())
            wait_with_lock(m, self.cv, self.lock, remaining)
        elif v is NIL:
            complete(m, NIL)
        else:
            self.tested = True
            m.k.append(self)
            m.invoke(self.test, [])

    def describe(self):
        return None


@defun("MT:EXEMPTION-WAIT", "exemption mutex &key test timeout", kind="control")
def exemption_wait(m, args):
    """Release MUTEX, which the thread must hold (once), wait for EXEMPTION
    to be signaled at most TIMEOUT seconds, and lock MUTEX again (also if
    the wait is left by an interrupt). T if signaled, NIL on timeout. With
    TEST, a function of no arguments, wait until it returns true."""
    cv, lock = check_exemption(args[0]), check_mutex(args[1])
    opts = parse_keys(args[2:], ("TEST", "TIMEOUT"), exemption_wait.primitive.name)
    who = exemption_wait.primitive.name
    if lock.owner is not m.proc:
        raise _control_error("~S: mutex ~S should be owned by ~S", who, lock, m.proc)
    if lock.count != 1:
        raise _control_error("~S: recursive mutex ~S is locked multiple times by ~S",
                             who, lock, m.proc)
    timeout = optional_seconds(opts.get("TIMEOUT", NIL))
    test = opts.get("TEST", NIL)
    if test is NIL:
        wait_with_lock(m, cv, lock, timeout)
        return
    deadline = None if timeout is None else time.monotonic() + timeout
    m.k.append(_ExemptionTestFrame(cv, lock, test, deadline))
    m.invoke(test, [])


# ---------------------------------------------------------------- timeouts
@defmacro("MT:WITH-TIMEOUT")
def m_with_timeout(form, env):
    """(with-timeout (seconds timeout-form...) body...): run BODY; if it has
    not finished after SECONDS, interrupt and unwind it (its cleanups run)
    and run the TIMEOUT-FORMs instead. The values of BODY or of the
    TIMEOUT-FORMs."""
    spec = args_of(form, 1)[0]
    if type(spec) is not Cons:
        raise program_error("malformed MT:WITH-TIMEOUT: ~S is not (seconds &body timeout-forms)",
                            spec)
    block, tag = gensym("WITH-TIMEOUT"), gensym("TAG")
    thrower = L(LAMBDA, NIL, L(S("THROW"), tag, NIL))
    return L(S("BLOCK"), block,
             L(S("LET"), L(L(tag, L(S("LIST"), NIL))),
               L(S("CATCH"), tag,
                 L(S("RETURN-FROM"), block,
                   L(intern_name("SB-EXT::%CALL-WITH-TIMER"), spec.car, thrower,
                     Cons(LAMBDA, Cons(NIL, body_of(form, 1)))))),
               *list_to_py(spec.cdr)))

"""SB-THREAD threads (SBCL 2.2.9), mapped onto the shared process
mechanism (runtime.procs, runtime.interrupts). Mutexes, waitqueues and
semaphores are in runtime.sb_sync.

A thread is a green process (SPEC 3). What SBCL adds on top, reproduced
here:
  - MAKE-THREAD establishes an ABORT restart that ends the thread;
    ABORT-THREAD, TERMINATE-THREAD and that restart unwind the thread to
    its top, running its cleanups, and JOIN-THREAD then reports :ABORT.
  - RETURN-FROM-THREAD unwinds with the values JOIN-THREAD will return.
  - In the main thread, aborting or returning is an error unless
    :ALLOW-EXIT is true, when it exits the program (code 1 or 0).
  - SB-THREAD:*CURRENT-THREAD* is bound in every thread to itself.
"""
from __future__ import annotations

from lisp.conditions import condition_class, slot_value, report_simple
from lisp.dynamic import MISSING, set_symbol_value
from lisp.errors import LispError, lisp_error, type_error, program_error
from lisp.functions import Function, defun, intern_name
from lisp.machine import bind_special
from lisp.macros import defmacro, args_of, L
from lisp.objects import (NIL, T, MV, Cons, Symbol, LString, UNBOUND, KEYWORD, keyword,
                          lisp_list, list_to_py, list_from_iter, cl_sym)
from .interrupts import KILL
from .process import SELF_VARIABLES, ToplevelExit
from .procs import (spawn, check_process, join, interrupt, after_interrupt_sent, yield_process,
                    lisp_name, set_lisp_name, process_text)
from .sb_sys import interruptibly, check_seconds, TIMER_PROCESSES

CURRENT_THREAD = intern_name("SB-THREAD:*CURRENT-THREAD*")
CURRENT_THREAD.flags |= 1
CURRENT_THREAD.value = NIL
SELF_VARIABLES.append(CURRENT_THREAD)

# ---------------------------------------------------------------- conditions
_PROBLEM_TEXT = {"UNBOUND-IN-THREAD": "the symbol is unbound in thread.",
                 "NO-TLS-VALUE": "the symbol has no thread-local value.",
                 "THREAD-DEAD": "the thread has exited.",
                 "INVALID-TLS-VALUE": "the thread-local value is not valid."}


def _symbol_value_report(c, stream):
    from lisp.printer import prin1_to_string
    op, problem = list_to_py(slot_value(c, "INFO"))
    stream.write(f"Cannot {op.name.lower()} value of {prin1_to_string(slot_value(c, 'NAME'))} "
                 f"in {prin1_to_string(slot_value(c, 'THREAD'))}: "
                 f"{prin1_to_string(LString(_PROBLEM_TEXT[problem.name]))}")


condition_class("SB-THREAD:SYMBOL-VALUE-IN-THREAD-ERROR", ["CELL-ERROR", "SB-THREAD:THREAD-ERROR"],
                [("INFO", "INFO")], _symbol_value_report)
condition_class("SB-THREAD::SIMPLE-THREAD-ERROR", ["SB-THREAD:THREAD-ERROR", "SIMPLE-CONDITION"],
                report=report_simple)


def _condition_reader(name, slot):
    def read(condition):
        from lisp.conditions import is_condition
        if not is_condition(condition):
            raise type_error(condition, "CONDITION")
        return slot_value(condition, slot)
    defun(name, "condition")(read)


_condition_reader("SB-THREAD:THREAD-ERROR-THREAD", "THREAD")
_condition_reader("SB-THREAD::JOIN-THREAD-PROBLEM", "PROBLEM")
_condition_reader("SB-THREAD::SYMBOL-VALUE-IN-THREAD-ERROR-INFO", "INFO")


def thread_error(p, control, *args) -> LispError:
    return lisp_error("SB-THREAD::SIMPLE-THREAD-ERROR", control, *args, thread=p)


# ---------------------------------------------------------------- keyword arguments
def parse_keys(args, names, who) -> dict:
    """The &KEY arguments ARGS of WHO as a dict keyed by name; the leftmost
    occurrence wins, unknown keys are an error unless allowed."""
    if len(args) % 2:
        raise program_error("odd number of &KEY arguments in call to ~S", who)
    allow = any(args[i] is keyword("ALLOW-OTHER-KEYS") and args[i + 1] is not NIL
                for i in range(0, len(args), 2))
    out = {}
    for i in range(0, len(args), 2):
        k = args[i]
        name = k.name if isinstance(k, Symbol) and k.package is KEYWORD else None
        if name not in names:
            if allow or name == "ALLOW-OTHER-KEYS":
                continue
            raise program_error("unknown &KEY argument ~S in call to ~S; the known keys are ~S",
                                k, who, list_from_iter(keyword(n) for n in names))
        out.setdefault(name, args[i + 1])
    return out


def optional_seconds(x):
    return None if x is NIL else float(check_seconds(x))


# ---------------------------------------------------------------- aborting
class _AbortThread(Function):
    """ABORT-THREAD of the running thread: unwind it to its top, running
    its cleanups; the thread then counts as aborted. The main thread may
    only do so with ALLOW-EXIT, and then exits the program with code 1."""
    __slots__ = ("allow_exit",)

    def __init__(self, allow_exit):
        self.name = intern_name("SB-THREAD:ABORT-THREAD")
        self.allow_exit = allow_exit

    def invoke(self, m, args):
        abort_current(m, self.allow_exit)


def abort_current(m, allow_exit):
    p = m.proc
    if p.is_main:
        if not allow_exit:
            raise thread_error(p, "Tried to abort initial thread, but exit was not allowed.")
        from lisp.prims.toplevel import exit_
        exit_(m, [keyword("CODE"), 1])
        return
    m.throw(p.toplevel_tag, ToplevelExit(killed=True))


ABORT_MAIN_THREAD = _AbortThread(True)


class _AlwaysTrue(Function):
    __slots__ = ()

    def __init__(self):
        self.name = intern_name("SB-THREAD::%ALWAYS")

    def invoke(self, m, args):
        m.value = T
        m.node = None


class _AbortReport(Function):
    """The report of a thread's initial ABORT restart, as SBCL words it."""
    __slots__ = ("process",)

    def __init__(self, process):
        self.name = intern_name("SB-THREAD::%ABORT-THREAD-REPORT")
        self.process = process

    def invoke(self, m, args):
        args[0].write(f"abort thread ({process_text(self.process, escape=False)})")
        m.value = NIL
        m.node = None


class ThreadStart(Function):
    """What a new thread runs first: establish its ABORT restart, then
    call the thread function with its arguments."""
    __slots__ = ("function",)

    def __init__(self, function):
        self.name = intern_name("SB-THREAD::%THREAD-START")
        self.function = function

    def invoke(self, m, args):
        from lisp.conditions import RESTART_CLUSTERS
        from lisp.dynamic import symbol_value
        from lisp.prims.control import make_restart
        restart = make_restart(cl_sym("ABORT"), _AbortThread(False), _AbortReport(m.proc),
                               NIL, _AlwaysTrue())
        bind_special(m, RESTART_CLUSTERS, Cons(lisp_list(restart), symbol_value(RESTART_CLUSTERS)))
        m.invoke(self.function, args)


def check_function_designator(fn):
    if not isinstance(fn, (Function, Symbol, Cons)):
        raise LispError("SYS::CASE-FAILURE", {
            "DATUM": fn, "EXPECTED-TYPE": lisp_list(cl_sym("OR"), cl_sym("FUNCTION"),
                                                    cl_sym("SYMBOL"), cl_sym("LIST")),
            "NAME": cl_sym("ETYPECASE"),
            "POSSIBILITIES": lisp_list(cl_sym("FUNCTION"), cl_sym("SYMBOL"), cl_sym("LIST"))})
    return fn


def check_thread_name(name):
    if name is not NIL and not isinstance(name, LString):
        raise type_error(name, "STRING")
    return name


def start_thread(m, fn, arglist, name, binding_forms=None):
    """Create and start an SB-THREAD thread: the common part of
    SB-THREAD:MAKE-THREAD and BT:MAKE-THREAD."""
    check_function_designator(fn)
    check_thread_name(name)
    p = spawn(m, ThreadStart(fn), arglist, binding_forms=binding_forms)
    set_lisp_name(p, name)
    return p


# ---------------------------------------------------------------- threads
@defun("SB-THREAD:MAKE-THREAD", "function &key name arguments", kind="control")
def make_thread(m, args):
    """Create a new thread of NAME that runs FUNCTION with the argument
    list designator ARGUMENTS (default no arguments). The thread exits when
    FUNCTION returns; its values are kept for JOIN-THREAD. Invoking the
    initial ABORT restart established here terminates the thread."""
    opts = parse_keys(args[1:], ("NAME", "ARGUMENTS"), make_thread.primitive.name)
    arguments = opts.get("ARGUMENTS", NIL)
    arglist = list_to_py(arguments) if arguments is NIL or type(arguments) is Cons else [arguments]
    m.value = start_thread(m, args[0], arglist, opts.get("NAME", NIL))
    m.node = None


def thread_values(p):
    rs = p.results
    return rs[0] if len(rs) == 1 else MV(rs)


@defun("SB-THREAD:JOIN-THREAD", "thread &key default timeout", kind="control")
def join_thread(m, args):
    """Wait until THREAD exits and return its values. If it did not exit
    normally, or not within TIMEOUT seconds, return DEFAULT and :ABORT or
    :TIMEOUT when DEFAULT is given, else signal JOIN-THREAD-ERROR with that
    problem. Joining the current thread signals JOIN-THREAD-ERROR
    (:SELF-JOIN). Interrupts are taken while waiting if they are allowed."""
    p = check_process(args[0])
    opts = parse_keys(args[1:], ("DEFAULT", "TIMEOUT"), join_thread.primitive.name)
    timeout = optional_seconds(opts.get("TIMEOUT", NIL))
    if p is m.proc:
        raise LispError("SB-THREAD:JOIN-THREAD-ERROR", {"THREAD": p, "PROBLEM": keyword("SELF-JOIN")})

    def failed(problem):
        if "DEFAULT" in opts:
            return MV((opts["DEFAULT"], keyword(problem)))
        raise LispError("SB-THREAD:JOIN-THREAD-ERROR", {"THREAD": p, "PROBLEM": keyword(problem)})

    def done(t):
        return thread_values(t) if t.exit is None else failed("ABORT")

    interruptibly(m, lambda m: join(m, p, timeout, done, lambda: failed("TIMEOUT")))


@defun("SB-THREAD:ABORT-THREAD", "&key allow-exit", kind="control")
def abort_thread(m, args):
    """Unwind from and terminate the current thread abnormally: JOIN-THREAD
    on it then signals an error unless given a default. In the main thread
    this is an error unless ALLOW-EXIT is true; then it exits with code 1."""
    opts = parse_keys(args, ("ALLOW-EXIT",), abort_thread.primitive.name)
    abort_current(m, opts.get("ALLOW-EXIT", NIL) is not NIL)


@defmacro("SB-THREAD:RETURN-FROM-THREAD")
def m_return_from_thread(form, env):
    """(return-from-thread values-form &key allow-exit)"""
    args = args_of(form, 1)
    keys = args[1:]
    opts = {}
    if len(keys) % 2:
        raise program_error("odd number of &KEY arguments in ~S", form)
    for i in range(0, len(keys), 2):
        if keys[i] is not keyword("ALLOW-EXIT"):
            raise program_error("unknown &KEY argument ~S in ~S", keys[i], form)
        opts.setdefault("ALLOW-EXIT", keys[i + 1])
    return L(intern_name("SB-THREAD::%RETURN-FROM-THREAD"),
             L(cl_sym("MULTIPLE-VALUE-LIST"), args[0]), opts.get("ALLOW-EXIT", NIL))


@defun("SB-THREAD::%RETURN-FROM-THREAD", "values allow-exit", kind="control")
def return_from_thread(m, args):
    """Unwind from and terminate the current thread with VALUES as the
    values JOIN-THREAD sees. The main thread may only return with
    ALLOW-EXIT, which exits the program with code 0."""
    values, allow_exit = args
    p = m.proc
    if p.is_main:
        if allow_exit is NIL:
            raise thread_error(p, "Tried to return ~S as values from main thread, "
                                  "but exit was not allowed.", values)
        from lisp.prims.toplevel import exit_
        exit_(m, [keyword("CODE"), 0])
        return
    vs = list_to_py(values)
    m.throw(p.toplevel_tag, vs[0] if len(vs) == 1 else MV(vs))


@defun("SB-THREAD:INTERRUPT-THREAD", "thread function", kind="control")
def interrupt_thread(m, args):
    """Interrupt THREAD and make it run FUNCTION, at its first step
    boundary where interrupts are enabled, also when it is blocked (SPEC
    4.1). FUNCTION is called with interrupts disabled, under
    SB-SYS:ALLOW-WITH-INTERRUPTS (SPEC 4.3); several interrupts run first in,
    first out (4.2). A non-local exit from FUNCTION unwinds THREAD
    normally, running its cleanups (4.4); an exit that starts inside a
    cleanup form skips the rest of that UNWIND-PROTECT's cleanups (4.5).
    Interrupting oneself runs FUNCTION at once if interrupts are enabled.
    Signals INTERRUPT-THREAD-ERROR if THREAD has exited (4.9)."""
    p = check_process(args[0])
    send(m, p, args[1])


def send(m, p, function):
    if not interrupt(m, p, function):
        raise LispError("SB-THREAD:INTERRUPT-THREAD-ERROR", {"THREAD": p})
    after_interrupt_sent(m, p, NIL)


@defun("SB-THREAD:TERMINATE-THREAD", "thread", kind="control")
def terminate_thread(m, args):
    """Terminate THREAD by interrupting it and making it call ABORT-THREAD
    with :ALLOW-EXIT T: it unwinds, running its cleanups (SPEC 5). Being an
    interrupt, it waits while THREAD's interrupts are disabled (4.7), and a
    cleanup running when it arrives is cut short like any exit (4.5);
    asynch-unwind-safe code protects its cleanups with
    SB-SYS:WITHOUT-INTERRUPTS. Signals INTERRUPT-THREAD-ERROR if THREAD has
    exited."""
    p = check_process(args[0])
    send(m, p, ABORT_MAIN_THREAD if p.is_main else KILL)


@defun("SB-THREAD:THREAD-YIELD", "", kind="control")
def thread_yield(m, args):
    """Yield the processor to other threads (the caller goes to the end of
    the run queue). Returns 0, as SBCL's sched_yield does."""
    yield_process(m, 0)


@defun("SB-THREAD:THREAD-ALIVE-P", "thread")
def thread_alive_p(thread):
    return T if check_process(thread).alive else NIL


@defun("SB-THREAD:THREAD-NAME", "thread")
def thread_name(thread):
    """Name of the thread: a string or NIL. Setfable."""
    return lisp_name(check_process(thread))


@defun("SB-THREAD:THREAD-NAME", "new thread", setf=True)
def set_thread_name(new, thread):
    set_lisp_name(check_process(thread), check_thread_name(new))
    return new


@defun("SB-THREAD:LIST-ALL-THREADS", "", kind="control")
def list_all_threads(m, args):
    """A fresh list of the live threads, oldest first."""
    m.value = list_from_iter(p for p in m.scheduler.processes
                             if p.alive and p not in TIMER_PROCESSES)
    m.node = None


@defun("SB-THREAD:MAIN-THREAD", "", kind="control")
def main_thread(m, args):
    """The main thread of the program."""
    m.value = m.scheduler.main or NIL
    m.node = None


@defun("SB-THREAD:MAIN-THREAD-P", "&optional thread", kind="control")
def main_thread_p(m, args):
    """True if THREAD, defaulting to the current thread, is the main
    thread."""
    p = check_process(args[0]) if args else m.proc
    m.value = T if p is not None and p.is_main else NIL
    m.node = None


# ---------------------------------------------------------------- thread-local values
def _svit_failure(op, symbol, p, problem, errorp):
    if errorp is NIL:
        return MV((NIL, NIL))
    raise LispError("SB-THREAD:SYMBOL-VALUE-IN-THREAD-ERROR", {
        "NAME": symbol, "THREAD": p, "INFO": lisp_list(keyword(op), keyword(problem))})


@defun("SB-THREAD:SYMBOL-VALUE-IN-THREAD", "symbol thread &optional errorp")
def symbol_value_in_thread(symbol, thread, errorp=T):
    """The value of SYMBOL's binding in THREAD, and T. If THREAD has exited
    or has no binding of its own for SYMBOL, signal
    SYMBOL-VALUE-IN-THREAD-ERROR, or return NIL and NIL when ERRORP is NIL.
    Setfable."""
    if not isinstance(symbol, Symbol):
        raise type_error(symbol, "SYMBOL")
    p = check_process(thread)
    if not p.alive:
        return _svit_failure("READ", symbol, p, "THREAD-DEAD", errorp)
    v = p.dyn.get(symbol, MISSING)
    if v is MISSING:
        return _svit_failure("READ", symbol, p, "NO-TLS-VALUE", errorp)
    if v is UNBOUND:
        return _svit_failure("READ", symbol, p, "UNBOUND-IN-THREAD", errorp)
    return MV((v, T))


@defun("SB-THREAD:SYMBOL-VALUE-IN-THREAD", "new symbol thread &optional errorp", setf=True)
def set_symbol_value_in_thread(new, symbol, thread, errorp=T):
    """In the current thread this is (setf symbol-value), as in SBCL;
    another thread's own binding of SYMBOL is changed if it has one."""
    if not isinstance(symbol, Symbol):
        raise type_error(symbol, "SYMBOL")
    p = check_process(thread)
    from lisp.dynamic import state
    if state.machine is not None and p is state.machine.proc:
        set_symbol_value(symbol, new)
        return MV((new, T))
    if not p.alive:
        return _svit_failure("WRITE", symbol, p, "THREAD-DEAD", errorp)
    if symbol not in p.dyn:
        return _svit_failure("WRITE", symbol, p, "NO-TLS-VALUE", errorp)
    p.dyn[symbol] = new
    return MV((new, T))

"""LispWorks 7 and Harlequin (1996) processes (package MP), mapped onto
the shared process mechanism of runtime.procs and runtime.interrupts.
Locks, mailboxes, condition variables and semaphores are in
runtime.mp_sync; interrupt blocking and the old atomicity macros in
runtime.mp_blocking.

A process is a green process (SPEC 3). What LispWorks and Harlequin add:
  - PROCESS-RUN-FUNCTION evaluates MP:*PROCESS-INITIAL-BINDINGS* (an alist
    of (symbol . form)) in the caller, first occurrence of a symbol
    winning, and binds the values in the new process; a form that is its
    own symbol, unbound in the caller, leaves the symbol unbound there.
    Every other special variable has its global value in the new process.
  - Interrupts (PROCESS-INTERRUPT, Harlequin's INTERRUPT-PROCESS) run at
    the target's first step boundary where its interrupts are enabled,
    also when it waits (SPEC 4.1); interrupting a dead process returns NIL
    (SPEC 4.9).
  - Kills with cleanups (PROCESS-KILL, KILL-PROCESS, CURRENT-PROCESS-KILL)
    are interrupts: blocking defers them, and they unwind the process to
    its top running every cleanup. KILL-PROCESS :SUPPRESS-UNWIND-PROTECTS T
    stops the process at once: no cleanup runs, and the locks it holds stay
    held by the dead process (SPEC 5).
  - PROCESS-TERMINATE runs the process's Terminate Method: a local
    terminator as an interrupt in the process, a remote terminator in the
    caller with the process as argument, terminate-by-send as the message
    (MP:CURRENT-PROCESS-KILL) sent to the process's mailbox; without one it
    kills the process.
  - PROCESS-WAIT-FOREVER waits until an interrupt exits non-locally: the
    only way out (Harlequin).
"""
from __future__ import annotations

import weakref

from lisp.dynamic import symbol_value
from lisp.errors import type_error, program_error
from lisp.functions import Function, defun, intern_name
from lisp.machine import Frame
from lisp.objects import (NIL, T, MV, Cons, Symbol, LString, UNBOUND, KEYWORD, lisp_list,
                          list_to_py, list_from_iter)
from .process import Process, SELF_VARIABLES
from .procs import (spawn, check_process, join, process_wait, wait_forever, interrupt,
                    after_interrupt_sent, kill, yield_process, lisp_name, set_lisp_name)
from .interrupts import KILL
from .sb_sys import TIMER_PROCESSES, arm_timer, check_seconds
from .sb_thread import parse_keys, optional_seconds, check_function_designator
from .sync import Mailbox, mailbox_send
from .waiting import complete

CURRENT_PROCESS = intern_name("MP:*CURRENT-PROCESS*")
CURRENT_PROCESS.flags |= 1
CURRENT_PROCESS.value = NIL
SELF_VARIABLES.append(CURRENT_PROCESS)

INITIAL_BINDINGS = intern_name("MP:*PROCESS-INITIAL-BINDINGS*")
INITIAL_BINDINGS.flags |= 1
INITIAL_BINDINGS.value = NIL

CURRENT_PROCESS_KILL = intern_name("MP:CURRENT-PROCESS-KILL")
intern_name("MP:DEADLOCK")      # the condition class (runtime.procs), exported here

# Each process's mailbox (PROCESS-MAILBOX), made when first needed.
MAILBOXES: "weakref.WeakKeyDictionary[Process, Mailbox]" = weakref.WeakKeyDictionary()


def _optional(args, i, default=NIL):
    return args[i] if len(args) > i else default


# ---------------------------------------------------------------- creation
def _plist(x, who) -> dict:
    items = list_to_py(x)
    if len(items) % 2:
        raise program_error("~S: odd number of elements in the keyword list ~S", who, x)
    out = {}
    for i in range(0, len(items), 2):
        k = items[i]
        if not (isinstance(k, Symbol) and k.package is KEYWORD):
            raise program_error("~S: ~S is not a keyword in ~S", who, k, x)
        out.setdefault(k.name, items[i + 1])
    return out


def terminate_method(opts) -> tuple | None:
    """The Terminate Method given by the keywords LOCAL-TERMINATOR,
    REMOTE-TERMINATOR and TERMINATE-BY-SEND (OPTS, by name)."""
    local = opts.get("LOCAL-TERMINATOR", NIL)
    remote = opts.get("REMOTE-TERMINATOR", NIL)
    if local is not NIL:
        return ("local", local)
    if remote is not NIL:
        return ("remote", remote)
    if opts.get("TERMINATE-BY-SEND", NIL) is not NIL:
        return ("send", None)
    return None


class _InitialBindingsFrame(Frame):
    """Evaluates the value forms of *PROCESS-INITIAL-BINDINGS* one by one
    in the creating process, then starts the new process."""
    __slots__ = ("entries", "i", "values", "start")

    def __init__(self, entries, start):
        self.entries = entries
        self.i = 0
        self.values = {}
        self.start = start

    def resume(self, m):
        from lisp.prims.control import process_toplevel
        if self.i > 0:
            v = m.value
            self.values[self.entries[self.i - 1][0]] = v.primary if type(v) is MV else v
        while self.i < len(self.entries):
            sym, form = self.entries[self.i]
            self.i += 1
            if form is sym and symbol_value(sym) is UNBOUND:
                self.values[sym] = UNBOUND
                continue
            m.k.append(self)
            process_toplevel(m, form)
            return
        complete(m, self.start(m, self.values))


def with_initial_bindings(m, start):
    """Evaluate MP:*PROCESS-INITIAL-BINDINGS* here, then call START(m,
    bindings) and return its value."""
    from .procs import initial_bindings
    entries = list(initial_bindings(symbol_value(INITIAL_BINDINGS)).items())
    frame = _InitialBindingsFrame(entries, start)
    m.value = NIL
    m.node = None
    m.k.append(frame)


def run_function(m, name, keywords, fn, args, who):
    check_function_designator(fn)
    opts = _plist(keywords, who)
    method = terminate_method(opts)
    mailbox = opts.get("MAILBOX", NIL)

    def start(m, bindings):
        p = spawn(m, fn, args, bindings=bindings)
        set_lisp_name(p, name)
        if mailbox is not NIL:
            MAILBOXES[p] = mailbox if type(mailbox) is Mailbox else Mailbox(
                mailbox if isinstance(mailbox, LString) else name)
        set_terminate_method(p, method)
        return p
    with_initial_bindings(m, start)


@defun("MP:PROCESS-RUN-FUNCTION", "name keywords function &rest arguments", kind="control")
def process_run_function(m, args):
    """Create a process named NAME that applies FUNCTION to ARGUMENTS, and
    return it at once. KEYWORDS is a property list: :MAILBOX (a mailbox, a
    string naming a new one, or T), :LOCAL-TERMINATOR, :REMOTE-TERMINATOR,
    :TERMINATE-BY-SEND (its Terminate Method, see PROCESS-TERMINATE); the
    scheduling properties of LispWorks (:PRIORITY and the like) are
    accepted and have no effect, every process being scheduled alike.
    Harlequin's form (process-run-function (:name name . keywords)
    function . arguments) is accepted too. The variables of
    *PROCESS-INITIAL-BINDINGS* are bound in the new process to the values
    of their forms, evaluated here."""
    who = process_run_function.primitive.name
    if type(args[0]) is Cons:
        if len(args) < 2:
            raise program_error("invalid number of arguments: ~S", len(args))
        keywords, fn, rest = args[0], args[1], args[2:]
        name = _plist(keywords, who).get("NAME", LString("Anonymous"))
    else:
        if len(args) < 3:
            raise program_error("invalid number of arguments: ~S", len(args))
        name, keywords, fn, rest = args[0], args[1], args[2], args[3:]
    run_function(m, name, keywords, fn, rest, who)


@defun("MP:CURRENT-PROCESS-SET-TERMINATE-METHOD",
       "&key local-terminator remote-terminator terminate-by-send", kind="control")
def current_process_set_terminate_method(m, args):
    """Set the Terminate Method of the current process: LOCAL-TERMINATOR
    (no arguments, run in the process), REMOTE-TERMINATOR (one argument,
    the process, run by the caller of PROCESS-TERMINATE) or
    TERMINATE-BY-SEND (the default, T). With TERMINATE-BY-SEND NIL and no
    terminator the process has no Terminate Method."""
    opts = parse_keys(args, ("LOCAL-TERMINATOR", "REMOTE-TERMINATOR", "TERMINATE-BY-SEND"),
                      current_process_set_terminate_method.primitive.name)
    opts.setdefault("TERMINATE-BY-SEND", T)
    set_terminate_method(m.proc, terminate_method(opts))
    complete(m, NIL)


def set_terminate_method(p, method):
    """Give P its Terminate Method; terminating by send needs a mailbox."""
    p.terminate_method = method
    if method is not None and method[0] == "send":
        process_mailbox(p)


# ---------------------------------------------------------------- queries
@defun("MP:GET-CURRENT-PROCESS", "", kind="control")
def get_current_process(m, args):
    """The current process."""
    complete(m, m.proc)


@defun("MP:PROCESS-NAME", "process")
def process_name(process):
    """The name of PROCESS."""
    return lisp_name(check_process(process))


@defun("MP:PROCESS-NAME", "new process", setf=True)
def set_process_name(new, process):
    set_lisp_name(check_process(process), new)
    return new


@defun("MP:PROCESS-ALIVE-P", "process")
def process_alive_p(process):
    """True until PROCESS has finished or been killed."""
    return T if check_process(process).alive else NIL


@defun("MP:PROCESSP", "object")
def processp(object_):
    return T if type(object_) is Process else NIL


@defun("MP:PROCESS-WHOSTATE", "process")
def process_whostate(process):
    """What PROCESS waits for (its wait reason) while it waits, else NIL."""
    p = check_process(process)
    return NIL if p.waiting_for is None else LString(str(p.waiting_for))


@defun("MP:LIST-ALL-PROCESSES", "", kind="control")
def list_all_processes(m, args):
    """A fresh list of the live processes, oldest first."""
    complete(m, list_from_iter(p for p in m.scheduler.processes
                               if p.alive and p not in TIMER_PROCESSES))


@defun("MP:PROCESS-ALLOW-SCHEDULING", "", kind="control")
def process_allow_scheduling(m, args):
    """Let the other processes run before the current one continues."""
    yield_process(m)


# ---------------------------------------------------------------- waiting
@defun("MP:PROCESS-WAIT", "wait-reason function &rest arguments", kind="control")
def lisp_process_wait(m, args):
    """Wait until FUNCTION applied to ARGUMENTS returns true; return T.
    FUNCTION runs in the waiting process, again each time another process
    has run."""
    process_wait(m, _reason(args[0]), args[1], args[2:])


@defun("MP:PROCESS-WAIT-WITH-TIMEOUT", "wait-reason timeout &optional function &rest arguments",
       kind="control")
def process_wait_with_timeout(m, args):
    """As PROCESS-WAIT, for at most TIMEOUT seconds (NIL: no limit). T if
    FUNCTION returned true, NIL on timeout. Without FUNCTION, wait for the
    timeout."""
    timeout = optional_seconds(args[1])
    fn = _optional(args, 2)
    if fn is NIL:
        process_wait(m, _reason(args[0]), _NEVER, [], timeout)
        return
    process_wait(m, _reason(args[0]), fn, args[3:], timeout)


class _Never(Function):
    """The wait function that never succeeds."""
    __slots__ = ()

    def __init__(self):
        self.name = intern_name("MP::%NEVER")

    def invoke(self, m, args):
        complete(m, NIL)


_NEVER = _Never()


@defun("MP:PROCESS-WAIT-FOREVER", "", kind="control")
def process_wait_forever(m, args):
    """Wait forever: only an interrupt that exits non-locally (a THROW, a
    kill) ends the wait (Harlequin)."""
    wait_forever(m, "forever (MP:PROCESS-WAIT-FOREVER)")


@defun("MP:PROCESS-JOIN", "process &key timeout", kind="control")
def process_join(m, args):
    """Wait until PROCESS dies, at most TIMEOUT seconds when given. T if it
    died, NIL on timeout."""
    p = check_process(args[0])
    opts = parse_keys(args[1:], ("TIMEOUT",), process_join.primitive.name)
    join(m, p, optional_seconds(opts.get("TIMEOUT", NIL)))


def _reason(x):
    if x is NIL:
        return None
    from lisp.printer import princ_to_string
    return princ_to_string(x)


# ---------------------------------------------------------------- interrupts
def send(m, p, fn, fn_args):
    """Interrupt P with FN on FN_ARGS; the value is T, or NIL when P is
    dead (SPEC 4.9). Interrupting oneself runs FN at once if interrupts
    are enabled."""
    if interrupt(m, p, fn, fn_args):
        after_interrupt_sent(m, p, T)
    else:
        complete(m, NIL)


@defun("MP:PROCESS-INTERRUPT", "process function &rest arguments", kind="control")
def process_interrupt(m, args):
    """Make PROCESS apply FUNCTION to ARGUMENTS at its first step boundary
    where interrupts are not blocked, also when it is waiting (it goes
    back to its wait after FUNCTION returns). FUNCTION runs with
    interrupts blocked; several interrupts run first in, first out; a
    non-local exit from FUNCTION unwinds PROCESS, running its cleanups.
    Returns T, or NIL if PROCESS is dead."""
    send(m, check_process(args[0]), args[1], args[2:])


@defun("MP:PROCESS-INTERRUPT-LIST", "process function arguments", kind="control")
def process_interrupt_list(m, args):
    """PROCESS-INTERRUPT with the arguments in a list."""
    send(m, check_process(args[0]), args[1], list_to_py(args[2]))


@defun("MP:INTERRUPT-PROCESS", "process function &rest arguments", kind="control")
def interrupt_process(m, args):
    """Harlequin's name of PROCESS-INTERRUPT: (interrupt-process p #'(lambda
    () (throw 'tag value))) makes P throw, also out of PROCESS-WAIT-FOREVER."""
    send(m, check_process(args[0]), args[1], args[2:])


# ---------------------------------------------------------------- killing
def _kill(m, p):
    """Kill P with cleanups, as an interrupt; T, or NIL if P is dead."""
    if kill(m, p, cleanups=True):
        after_interrupt_sent(m, p, T)
    else:
        complete(m, NIL)


@defun("MP:PROCESS-KILL", "process", kind="control")
def process_kill(m, args):
    """Kill PROCESS: it unwinds to its top, running every pending cleanup.
    Being an interrupt, it waits while PROCESS blocks interrupts. Returns
    T, or NIL if PROCESS was already dead."""
    _kill(m, check_process(args[0]))


@defun("MP:KILL-PROCESS", "process &key suppress-unwind-protects", kind="control")
def kill_process(m, args):
    """Harlequin's kill: as PROCESS-KILL, or with SUPPRESS-UNWIND-PROTECTS
    true stop PROCESS at once: no cleanup runs, the locks it holds stay
    locked (their owner is the dead process), files stay open (SPEC 5)."""
    p = check_process(args[0])
    opts = parse_keys(args[1:], ("SUPPRESS-UNWIND-PROTECTS",), kill_process.primitive.name)
    if opts.get("SUPPRESS-UNWIND-PROTECTS", NIL) is NIL:
        _kill(m, p)
        return
    complete(m, T if p.alive else NIL)
    kill(m, p, cleanups=False)


@defun("MP:CURRENT-PROCESS-KILL", "", kind="control")
def current_process_kill(m, args):
    """Kill the current process, running its cleanups. If it blocks
    interrupts, the kill waits until they are unblocked."""
    _kill(m, m.proc)


def process_mailbox(p) -> Mailbox:
    mb = MAILBOXES.get(p)
    if mb is None:
        mb = MAILBOXES[p] = Mailbox(lisp_name(p))
    return mb


class _AfterTerminate(Frame):
    """After the Terminate Method: join the process if asked, else 0."""
    __slots__ = ("process", "join_timeout")

    def __init__(self, process, join_timeout):
        self.process = process
        self.join_timeout = join_timeout

    def resume(self, m):
        if self.join_timeout is None:
            complete(m, 0)
        elif self.process is not m.proc:
            join(m, self.process, self.join_timeout)
        else:
            complete(m, NIL)

    def describe(self):
        return None


@defun("MP:PROCESS-TERMINATE", "process &key join-timeout force-timeout", kind="control")
def process_terminate(m, args):
    """Kill PROCESS nicely: invoke its Terminate Method if it has one (see
    CURRENT-PROCESS-SET-TERMINATE-METHOD), else PROCESS-KILL it. With
    FORCE-TIMEOUT, PROCESS is killed anyway that many seconds later if
    still alive. With JOIN-TIMEOUT, then wait that long for it to die and
    return what PROCESS-JOIN returns; otherwise return 0."""
    p = check_process(args[0])
    opts = parse_keys(args[1:], ("JOIN-TIMEOUT", "FORCE-TIMEOUT"), process_terminate.primitive.name)
    join_timeout = optional_seconds(opts.get("JOIN-TIMEOUT", NIL))
    force = opts.get("FORCE-TIMEOUT", NIL)
    if force is not NIL and p.alive:
        # the force timeout is a timer whose interrupt is a kill (SPEC 5)
        arm_timer(m, check_seconds(force), KILL, target=p)
    m.k.append(_AfterTerminate(p, join_timeout))
    method = p.terminate_method if p.alive else None
    if method is None:
        if p.alive:
            kill(m, p, cleanups=True)
        after_interrupt_sent(m, p, NIL)
    elif method[0] == "local":
        interrupt(m, p, method[1], [])
        after_interrupt_sent(m, p, NIL)
    elif method[0] == "remote":
        m.invoke(method[1], [p])
    else:
        mailbox_send(m.scheduler, process_mailbox(p), lisp_list(CURRENT_PROCESS_KILL))
        complete(m, NIL)


# ---------------------------------------------------------------- process mailboxes
@defun("MP:PROCESS-MAILBOX", "process")
def lisp_process_mailbox(process):
    """The mailbox of PROCESS, or NIL if it has none yet. Setfable."""
    mb = MAILBOXES.get(check_process(process))
    return NIL if mb is None else mb


@defun("MP:PROCESS-MAILBOX", "new process", setf=True)
def set_process_mailbox(new, process):
    p = check_process(process)
    if new is NIL:
        MAILBOXES.pop(p, None)
    elif type(new) is Mailbox:
        MAILBOXES[p] = new
    else:
        raise type_error(new, "(OR NULL MP:MAILBOX)")
    return new


@defun("MP:PROCESS-SEND", "process object", kind="control")
def process_send(m, args):
    """Put OBJECT in the mailbox of PROCESS (made if it has none)."""
    mailbox_send(m.scheduler, process_mailbox(check_process(args[0])), args[1])
    complete(m, args[1])

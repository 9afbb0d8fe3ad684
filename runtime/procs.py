"""Process operations every dialect shares: creating, joining, waiting on a
predicate, interrupting, killing, yielding, and the process class.

A process object is a ``runtime.process.Process``; it is the Lisp object
for SB-THREAD:THREAD, MP:PROCESS, MT:THREAD and BT:THREAD alike (SPEC 3).
"""
from __future__ import annotations

import weakref

from lisp.errors import lisp_error, type_error
from lisp.functions import Function
from lisp.machine import Frame, SwitchProcess
from lisp.objects import (NIL, T, MV, Cons, Symbol, LString, Package, sys_sym, find_package,
                          list_to_py, list_from_iter)
from lisp.types import define_class, OTHER_CLASS_OF, CLASSES
from .interrupts import (Interrupt, send_interrupt, deliver_pending, kill_with_cleanups,
                         kill_without_cleanups)
from .process import Process, DEAD
from .waiting import Wait, block_on, run_wait, complete


def _pkg(name, nicknames=()):
    p = find_package(name)
    if p is None:
        p = Package(name, nicknames=list(nicknames), use=[find_package("COMMON-LISP")])
    return p


SB_THREAD = _pkg("SB-THREAD")
MP = _pkg("MP")
MT = _pkg("MT", nicknames=["THREADS"])
BT = _pkg("BORDEAUX-THREADS", nicknames=["BT"])

THREAD_CLASS = define_class(SB_THREAD.intern("THREAD")[0], ["T"], kind="structure")
SB_THREAD.export(THREAD_CLASS.name)
for _pkgobj, _name in ((MP, "PROCESS"), (MT, "THREAD"), (BT, "THREAD")):
    _s = _pkgobj.intern(_name)[0]
    _pkgobj.export(_s)
    CLASSES[_s] = THREAD_CLASS
OTHER_CLASS_OF[Process] = lambda p: THREAD_CLASS


# The Lisp name of a process where it is not simply its Python ``name``:
# SB-THREAD threads may be nameless (THREAD-NAME is NIL, as in SBCL).
LISP_NAMES: "weakref.WeakKeyDictionary[Process, object]" = weakref.WeakKeyDictionary()


def lisp_name(p: Process):
    name = LISP_NAMES.get(p)
    return LString(p.name) if name is None else name


def set_lisp_name(p: Process, name):
    """Name P: NAME is its Lisp name (NIL for none), shown by THREAD-NAME;
    its Python name (reports on stderr, deadlock reports) is NAME's text."""
    LISP_NAMES[p] = name
    p.name = name_string(name)


def process_text(p: Process, escape: bool = True) -> str:
    """SBCL's PRINT-OBJECT of a thread: name, state, and the values of a
    finished one. Condition reports show it as PRINC does (no package)."""
    from lisp.printer import object_address, prin1_to_string
    name = lisp_name(p)
    text = "SB-THREAD:THREAD" if escape else "THREAD"
    if name is not NIL:
        text += " " + prin1_to_string(name)
    if p.state != DEAD:
        text += " RUNNING"
    elif p.exit is not None:
        text += " ABORTED"
    elif p.results:
        text += " FINISHED values: " + ", ".join(prin1_to_string(v) for v in p.results)
    else:
        text += " FINISHED no values"
    return f"#<{text} {{{object_address(p)}}}>"


def process_lisp_repr(p: Process) -> str:
    return process_text(p)


Process.lisp_repr = process_lisp_repr

from lisp.conditions import condition_class  # noqa: E402
condition_class("MP:DEADLOCK", ["SIMPLE-ERROR"], [("WAITS", "WAITS")])
condition_class("SB-THREAD:THREAD-ERROR", ["ERROR"], [("THREAD", "THREAD")])
condition_class("SB-THREAD:JOIN-THREAD-ERROR", ["SB-THREAD:THREAD-ERROR"], [("PROBLEM", "PROBLEM")],
                lambda c, s: s.write(_join_report(c)))
condition_class("SB-THREAD:INTERRUPT-THREAD-ERROR", ["SB-THREAD:THREAD-ERROR"],
                report=lambda c, s: s.write(
                    f"Interrupt thread failed: thread {_slot(c, 'THREAD')} has exited."))


def _slot(c, name):
    """A slot of C as SBCL's reports show it: with ~A."""
    from lisp.conditions import slot_value
    from lisp.printer import princ_to_string
    v = slot_value(c, name)
    return process_text(v, escape=False) if type(v) is Process else princ_to_string(v)


def _join_report(c):
    """SBCL 2.2.9's report for each JOIN-THREAD-PROBLEM."""
    from lisp.conditions import slot_value
    problem = getattr(slot_value(c, "PROBLEM"), "name", "")
    thread = _slot(c, "THREAD")
    if problem == "TIMEOUT":
        return f"Joining thread timed out: thread {thread} did not exit in time."
    if problem == "SELF-JOIN":
        return f"In thread {thread}, attempt to join the current thread."
    return f"Joining thread failed: thread {thread} did not return normally."


def check_process(x) -> Process:
    if type(x) is not Process:
        raise type_error(x, "SB-THREAD:THREAD")
    return x


def name_string(name) -> str:
    if name is NIL or name is None:
        return "Anonymous"
    if isinstance(name, LString):
        return name.value
    from lisp.printer import princ_to_string
    return princ_to_string(name)


# ---------------------------------------------------------------- creation
def initial_bindings(alist) -> dict:
    """An alist ((symbol . form-or-value) ...) as a dict; the first
    occurrence of a symbol wins (CLISP's rule)."""
    out = {}
    for entry in list_to_py(alist):
        if type(entry) is Cons and isinstance(entry.car, Symbol) and entry.car not in out:
            out[entry.car] = entry.cdr
    return out


class _BindAndCall(Function):
    """The first thing a new process does when its initial bindings are
    forms (MT/BT): evaluate every form in the new process, then bind all
    the symbols to the values (as PROGV does in bordeaux-threads and
    CLISP: a form does not see the bindings of the forms before it), then
    call the function."""
    __slots__ = ("forms", "fn", "args")

    def __init__(self, forms, fn, args):
        self.name = sys_sym("%PROCESS-START")
        self.forms = forms
        self.fn = fn
        self.args = args

    def invoke(self, m, args):
        m.k.append(_BindFormsFrame(self.forms, 0, self.fn, self.args, []))
        m.value = NIL
        m.node = None


class _BindFormsFrame(Frame):
    __slots__ = ("forms", "i", "fn", "args", "values")

    def __init__(self, forms, i, fn, args, values):
        self.forms = forms
        self.i = i
        self.fn = fn
        self.args = args
        self.values = values

    def resume(self, m):
        from lisp.machine import bind_special
        values = self.values
        if self.i > 0:
            v = m.value
            values.append(v.primary if type(v) is MV else v)
        if self.i < len(self.forms):
            sym, form = self.forms[self.i]
            m.k.append(_BindFormsFrame(self.forms, self.i + 1, self.fn, self.args, values))
            from lisp.prims.control import process_toplevel
            process_toplevel(m, form)
            return
        for (sym, _), value in zip(self.forms, values):
            bind_special(m, sym, value)
        m.invoke(self.fn, self.args)


def spawn(m, fn, args=(), name="Anonymous", bindings=None, binding_forms=None) -> Process:
    """Create and start a process running FN on ARGS. BINDINGS maps
    symbols to values bound in it; BINDING_FORMS is a list of (symbol,
    form) evaluated in it, in order, before FN is called. The new process
    sees global values of every other special (SPEC 3) and starts with its
    creator's Racket break parameterization (SPEC 6.5)."""
    sched = m.scheduler
    if binding_forms:
        p = sched.spawn(_BindAndCall(binding_forms, fn, list(args)), [], name=name, dyn=bindings)
    else:
        p = sched.spawn(fn, list(args), name=name, dyn=bindings)
    inherit = getattr(sched, "inherit_hook", None)
    if inherit is not None:
        inherit(m, p)
    return p


# ---------------------------------------------------------------- joining and waiting
def join(m, target: Process, timeout=None, on_done=None, on_timeout=None):
    """Wait until TARGET is dead. ON_DONE(target) and ON_TIMEOUT() give the
    values (defaults T and NIL)."""
    def attempt(m, w):
        if not target.alive:
            complete(m, on_done(target) if on_done else T)
        elif w.timed_out():
            complete(m, on_timeout() if on_timeout else NIL)
        else:
            block_on(m, w, target.joiners)
    if target is m.proc and timeout is None:
        raise lisp_error("SIMPLE-ERROR", "~A cannot wait for itself to finish", LString(target.name))
    run_wait(m, Wait(attempt, f"the end of {target.name}", timeout))


class _PredicateFrame(Frame):
    """Back from one call of a PROCESS-WAIT predicate."""
    __slots__ = ("wait",)

    def __init__(self, wait):
        self.wait = wait

    def resume(self, m):
        v = m.value
        if type(v) is MV:
            v = v.primary
        w = self.wait
        if v is not NIL:
            complete(m, w.data[2](v))
        elif w.timed_out():
            complete(m, w.data[3])
        else:
            _block_poll(m, w)


def _block_poll(m, w):
    from .waiting import WaitNode
    p = m.proc
    m.node = WaitNode(w)
    m.scheduler.block(p, w.what, w.remaining(), poll=True)
    raise SwitchProcess()


def process_wait(m, whostate, predicate, args, timeout=None, result=lambda v: T, on_timeout=NIL):
    """Wait until PREDICATE applied to ARGS returns true (LispWorks
    PROCESS-WAIT). The predicate runs in the waiting process, as ordinary
    steps, whenever another process has run since it last returned false."""
    def attempt(m, w):
        if w.timed_out() and w.phase:
            complete(m, on_timeout)
            return
        w.phase = 1
        m.k.append(_PredicateFrame(w))
        m.invoke(predicate, list(args))
    what = whostate if whostate else "a predicate"
    run_wait(m, Wait(attempt, what, timeout, data=(predicate, args, result, on_timeout)))


def wait_forever(m, what="nothing (PROCESS-WAIT-FOREVER)"):
    """Block until an interrupt exits the wait (Harlequin)."""
    def attempt(m, w):
        block_on(m, w)
    run_wait(m, Wait(attempt, what))


def yield_process(m, value=NIL):
    """Let other processes run: the caller goes to the end of the run
    queue, and its call returns VALUE."""
    m.value = value
    m.node = None
    if m.nested:
        return
    raise SwitchProcess()


# ---------------------------------------------------------------- interrupts and kills
def interrupt(m, target: Process, fn, args=(), override=False) -> bool:
    """Queue an interrupt to TARGET; if TARGET is the caller, it runs now
    when interrupts are enabled. False if TARGET is dead."""
    ok = send_interrupt(m.scheduler, target, Interrupt(fn, args, override))
    return ok


def after_interrupt_sent(m, target, value):
    """Finish the sending primitive's step: return VALUE, and if the
    caller interrupted itself, deliver now (at this step boundary)."""
    m.value = value
    m.node = None
    if target is m.proc:
        m.check_interrupts = False
        deliver_pending(m, target)


def kill(m, target: Process, cleanups=True) -> bool:
    if cleanups:
        ok = kill_with_cleanups(m.scheduler, target)
        return ok
    return kill_without_cleanups(m.scheduler, target)


# ---------------------------------------------------------------- deadlock
def deadlock_hook(sched, waits):
    """Every live process is blocked and nothing can wake one: signal
    MP:DEADLOCK in the main process, at its wait (SPEC 3)."""
    main = sched.main
    sched.wake(main)
    sched.load(main)
    lines = "; ".join(f"{p.name} waits for {w}" for p, w in waits)
    from lisp.errors import LispError
    from lisp.objects import lisp_list
    m = sched.machine
    m.signal_python_error(LispError("MP:DEADLOCK", {
        "FORMAT-CONTROL": LString("Deadlock: every process is blocked and nothing can wake one: ~A"),
        "FORMAT-ARGUMENTS": lisp_list(LString(lines)),
        "WAITS": list_from_iter(lisp_list(p, LString(str(w))) for p, w in waits)}))
    sched.save(main)
    sched.current = None

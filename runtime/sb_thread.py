"""SB-THREAD, SB-SYS and SB-EXT threading (SBCL), mapped onto the shared
process mechanism (runtime.procs, runtime.interrupts, runtime.sync)."""
from __future__ import annotations

from lisp.errors import LispError, lisp_error, type_error, program_error
from lisp.functions import defun
from lisp.objects import NIL, T, MV, LString, keyword, list_to_py, list_from_iter
from .procs import (spawn, check_process, name_string, join, interrupt, kill,
                    after_interrupt_sent, yield_process)


def _keys(args, names):
    if len(args) % 2:
        raise program_error("odd number of &KEY arguments")
    out = {}
    for i in range(0, len(args), 2):
        k = args[i]
        if getattr(k, "name", None) not in names:
            raise program_error("Unknown &KEY argument: ~S", k)
        out.setdefault(k.name, args[i + 1])
    return out


@defun("SB-THREAD:MAKE-THREAD", "function &key name arguments ephemeral", kind="control")
def make_thread(m, args):
    fn = args[0]
    opts = _keys(args[1:], ("NAME", "ARGUMENTS", "EPHEMERAL"))
    arguments = opts.get("ARGUMENTS", NIL)
    arglist = list_to_py(arguments) if arguments is NIL or hasattr(arguments, "car") else [arguments]
    p = spawn(m, fn, arglist, name=name_string(opts.get("NAME", NIL)))
    m.value = p
    m.node = None


@defun("SB-THREAD:JOIN-THREAD", "thread &key default timeout", kind="control")
def join_thread(m, args):
    p = check_process(args[0])
    opts = _keys(args[1:], ("DEFAULT", "TIMEOUT"))
    has_default = "DEFAULT" in opts

    def done(t):
        if t.exit is None and t.results is not None:
            return MV(t.results) if len(t.results) != 1 else t.results[0]
        if has_default:
            return MV((opts["DEFAULT"], keyword("ABORT")))
        raise LispError("SB-THREAD:JOIN-THREAD-ERROR", {"THREAD": t, "PROBLEM": keyword("ABORT")})

    def timeout():
        if has_default:
            return MV((opts["DEFAULT"], keyword("TIMEOUT")))
        raise LispError("SB-THREAD:JOIN-THREAD-ERROR", {"THREAD": p, "PROBLEM": keyword("TIMEOUT")})
    t = opts.get("TIMEOUT", NIL)
    join(m, p, None if t is NIL else float(t), done, timeout)


@defun("SB-THREAD:INTERRUPT-THREAD", "thread function", kind="control")
def interrupt_thread(m, args):
    p = check_process(args[0])
    if not interrupt(m, p, args[1]):
        raise LispError("SB-THREAD:INTERRUPT-THREAD-ERROR", {"THREAD": p})
    after_interrupt_sent(m, p, T)


@defun("SB-THREAD:TERMINATE-THREAD", "thread", kind="control")
def terminate_thread(m, args):
    p = check_process(args[0])
    kill(m, p, cleanups=True)
    after_interrupt_sent(m, p, T)


@defun("SB-THREAD:THREAD-YIELD", "", kind="control")
def thread_yield(m, args):
    yield_process(m)

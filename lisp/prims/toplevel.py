"""LOAD, top-level evaluation of source text, the debugger entry point and
EXIT.

LOAD reads and evaluates one form at a time as machine steps (a
``LoadFrame`` reads the next form when the previous one has returned), so
a form may change *PACKAGE* or define a macro used by the next, and a
long load can be interrupted or preempted between any two steps.
"""
from __future__ import annotations

import os
import sys

from .control import process_toplevel
from runtime.interrupts import exit_to_toplevel
from ..dynamic import state
from ..errors import LispError, program_error, type_error, lisp_error
from ..functions import defun, designator_string
from ..machine import Frame, bind_special
from ..objects import (NIL, T, MV, Cons, Symbol, LString, cl_sym, sys_sym, keyword, Instance)

PACKAGE = cl_sym("*PACKAGE*")
READTABLE = cl_sym("*READTABLE*")
LOAD_PATHNAME = cl_sym("*LOAD-PATHNAME*")
LOAD_TRUENAME = cl_sym("*LOAD-TRUENAME*")
LOAD_VERBOSE = cl_sym("*LOAD-VERBOSE*")
LOAD_PRINT = cl_sym("*LOAD-PRINT*")
for _s, _v in ((LOAD_PATHNAME, NIL), (LOAD_TRUENAME, NIL), (LOAD_VERBOSE, NIL),
               (LOAD_PRINT, NIL)):
    _s.flags |= 1
    _s.value = _v


class LoadFrame(Frame):
    """Reads the next top-level form from READER and evaluates it."""
    __slots__ = ("reader", "print_")

    def __init__(self, reader, print_=False):
        self.reader = reader
        self.print_ = print_

    def resume(self, m):
        from ..reader import EOF
        form = self.reader.read_next()
        if form is EOF:
            m.value = T
            return
        m.k.append(self)
        process_toplevel(m, form)

    def describe(self):
        return None


class LastValueLoadFrame(LoadFrame):
    """Like LoadFrame but returns the values of the last form (for
    evaluating a string of forms: Interpreter.eval, --eval)."""
    __slots__ = ("last",)

    def __init__(self, reader):
        super().__init__(reader)
        self.last = NIL

    def resume(self, m):
        from ..reader import EOF
        self.last = m.value
        form = self.reader.read_next()
        if form is EOF:
            m.value = self.last
            return
        m.k.append(self)
        process_toplevel(m, form)


def _bind_load_specials(m, path):
    from ..dynamic import symbol_value
    bind_special(m, PACKAGE, symbol_value(PACKAGE))
    bind_special(m, READTABLE, symbol_value(READTABLE))
    if path is not None:
        # pathnames, as in SBCL: the file name merged with the defaults, and its truename
        from .pathnames import parse_native_namestring
        bind_special(m, LOAD_PATHNAME, parse_native_namestring(LString(os.path.abspath(path)))[0])
        bind_special(m, LOAD_TRUENAME, parse_native_namestring(LString(os.path.realpath(path)))[0])


@defun("LOAD", "filespec &key verbose print if-does-not-exist external-format", kind="control")
def load(m, args):
    if not args:
        raise program_error("invalid number of arguments: 0")
    filespec = args[0]
    opts = _parse_keys(args[1:], ("VERBOSE", "PRINT", "IF-DOES-NOT-EXIST", "EXTERNAL-FORMAT"))
    from ..streams import LispStream
    from ..reader import SourceReader
    if isinstance(filespec, LispStream):
        text = _read_all_stream(filespec)
        path = None
    else:
        from ..pathnames import Pathname
        if isinstance(filespec, Pathname):
            from .pathnames import native_path
            path = native_path(filespec)
        else:
            path = designator_string(filespec) if not isinstance(filespec, LString) \
                else filespec.value
        if not os.path.exists(path) and os.path.exists(path + ".lisp"):
            path = path + ".lisp"
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
        except FileNotFoundError:
            if opts.get("IF-DOES-NOT-EXIST", T) is NIL:
                m.value = NIL
                m.node = None
                return
            raise lisp_error("FILE-ERROR", "Couldn't load ~S: file does not exist.",
                             LString(path), pathname=LString(path))
        except OSError as e:
            raise lisp_error("FILE-ERROR", "Couldn't load ~S: ~A", LString(path),
                             LString(e.strerror or str(e)), pathname=LString(path))
    reader = SourceReader(text, path)
    _bind_load_specials(m, path)
    m.k.append(LoadFrame(reader))
    m.value = NIL
    m.node = None


def _read_all_stream(stream):
    chars = []
    while True:
        c = stream.read_char()
        if c is None:
            return "".join(chars)
        chars.append(c)


def _parse_keys(rest, names):
    if len(rest) % 2:
        raise program_error("odd number of &KEY arguments")
    out = {}
    for i in range(0, len(rest), 2):
        k = rest[i]
        if not isinstance(k, Symbol) or k.name not in names:
            raise program_error("Unknown &KEY argument: ~S", k)
        out.setdefault(k.name, rest[i + 1])
    return out


@defun("SYS:%EVAL-STRING", "string", kind="control")
def eval_string(m, args):
    """Read and evaluate every form of STRING; values of the last one."""
    from ..reader import SourceReader
    reader = SourceReader(args[0].value, None)
    bind_special(m, PACKAGE, state.dyn.get(PACKAGE, PACKAGE.value))
    m.k.append(LastValueLoadFrame(reader))
    m.value = NIL
    m.node = None
    return reader


class PrintValuesFrame(Frame):
    """After the last form of a REPL input: print its values, each on its
    own line, as SBCL's REPL does, inside the process (printing may run
    Lisp code and may signal), then return the values. The last form read
    goes to the interpreter's ``repl_form`` (the REPL variable +), so the
    input is not read twice (reader macros run once)."""
    __slots__ = ("reader",)

    def __init__(self):
        self.reader = None

    def resume(self, m):
        if m.interp is not None and self.reader is not None:
            m.interp.repl_form = self.reader.last_form
        from ..printer import prin1_to_string
        from ..stdstreams import output_stream
        v = m.value
        values = list(v) if type(v) is MV else [v]
        out = output_stream(NIL)
        out.fresh_line()
        for x in values:
            out.write(prin1_to_string(x) + "\n")
        out.finish()


@defun("SYS:%REPL-EVAL", "string", kind="control")
def repl_eval(m, args):
    """Evaluate the forms of STRING and print the last one's values."""
    frame = PrintValuesFrame()
    m.k.append(frame)
    frame.reader = eval_string(m, args)


def load_function():
    return cl_sym("LOAD").fn


def eval_function():
    return cl_sym("EVAL").fn


def eval_string_function():
    return sys_sym("%EVAL-STRING").fn


def repl_eval_function():
    return sys_sym("%REPL-TOPLEVEL-EVAL").fn


# ---------------------------------------------------------------- the debugger
def safe_report(c) -> str:
    """C's report, or a description if reporting itself fails."""
    from ..conditions import report_string, is_condition
    try:
        if is_condition(c):
            return report_string(c)
        from ..printer import princ_to_string
        return princ_to_string(c)
    except LispError as e:
        return f"#<error printing condition: {e}>"


def condition_type_name(c) -> str:
    from ..printer import prin1_to_string
    if isinstance(c, Instance):
        return prin1_to_string(c.cls.name)
    return "CONDITION"


def indent(text, prefix="  "):
    return "\n".join(prefix + line if line else line for line in text.split("\n"))


# the REPL's own calls, below every evaluation: not the user's computation
_HIDDEN_CALLS = (sys_sym("%REPL-TOPLEVEL-EVAL"),)


def format_backtrace(m, limit=20, current=False) -> str:
    """The innermost LIMIT described frames, runs of identical lines
    collapsed (deep recursion would otherwise fill the screen)."""
    from ..printer import write_to_string
    texts = []
    for f in m.backtrace(limit * 50, current=current):
        if type(f) is Cons and f.car in _HIDDEN_CALLS:
            continue
        try:
            # one line per frame, as SBCL prints them
            # limits, as SBCL's backtraces have: the arguments of a call
            # may be huge or circular
            text = write_to_string(f, escape=True, pretty=False, length=16, level=5,
                                   circle=True) if not isinstance(f, str) else f
        except LispError:
            text = "#<frame>"
        texts.append(text if len(text) <= 200 else text[:197] + "...")
    lines = []
    i = 0
    while i < len(texts) and len(lines) < limit:
        j = i
        while j + 1 < len(texts) and texts[j + 1] == texts[i]:
            j += 1
        repeat = f"   [{j - i} more identical frames]" if j > i else ""
        lines.append(f"{len(lines)}: {texts[i]}{repeat}")
        i = j + 1
    return "\n".join(lines)


@defun("SYS:%INVOKE-DEBUGGER", "condition", kind="control")
def invoke_debugger(m, args):
    """The end of INVOKE-DEBUGGER: no handler took the condition. Report it
    as the host wants, then abandon the process's computation: unwind to its
    toplevel, running every pending cleanup (as SBCL does on exit)."""
    from runtime.process import ToplevelExit
    c = args[0]
    proc = m.proc
    interp = state.interpreter
    report = safe_report(c)
    mode = interp.mode if interp is not None else "embedded"
    err = _stderr()
    # An unhandled Racket break ends the computation as the signal it
    # stands for: a script exits 130, 129 or 143 (SPEC 1, 6); the REPL
    # says "Interrupted" once the cleanups have run, nothing more here.
    signum = _break_signal(c)
    if mode == "script" and _console_stream_error(c):
        # SBCL's --script: a broken standard stream (`lisp prog.lisp | head`)
        # ends the program quietly, with status 0
        from runtime.process import ToplevelExit
        exit_to_toplevel(m, ToplevelExit(code=0))
        return
    if mode == "repl" and getattr(interp, "debugger_disabled", False) and signum is None \
            and proc is not None and proc.is_main:
        # after SB-EXT:DISABLE-DEBUGGER an unhandled error ends Lisp, as in a script
        err.write(_script_report(c, report, proc, m))
        _flush_err(err)
        exit_to_toplevel(m, ToplevelExit(code=1))
        return
    if mode == "repl" and signum is not None and proc is not None and proc.is_main:
        pass
    elif (mode == "repl" and getattr(interp, "interactive_debugger", False)
          and proc is not None and proc.is_main and signum is None):
        # the REPL on a terminal: SBCL's debugger, where the error happened
        m.invoke(sys_sym("%DEBUGGER-LOOP"), [c, LString(format_backtrace(m))])
        return
    elif proc is not None and not proc.is_main:
        err.write(f"{proc.name}: {report}\n")
    elif mode == "script":
        err.write(_script_report(c, report, proc, m))
    elif mode == "repl":
        err.write(f"Unhandled {condition_type_name(c)}:\n{indent(report)}\n(back at the top level)\n")
    _flush_err(err)
    exit_to_toplevel(m, ToplevelExit(condition=c, report=report, signal=signum))


def _script_report(c, report, proc, m) -> str:
    """What SBCL prints for an unhandled error with its debugger disabled."""
    name = proc.name if proc else "main thread"
    return (f"Unhandled {condition_type_name(c)} in thread #<PROCESS \"{name}\" RUNNING>:\n"
            f"{indent(report)}\n\nBacktrace for: #<PROCESS \"{name}\">\n"
            f"{format_backtrace(m)}\n\nunhandled condition in --disable-debugger mode, quitting\n")


@defun("SB-EXT:DISABLE-DEBUGGER", "")
def disable_debugger():
    """When invoked, this function will turn off both the SBCL debugger
and LDB (the low-level debugger).  See also ENABLE-DEBUGGER."""
    # an unhandled error then ends Lisp with its report and a backtrace, as
    # in a script (which starts so)
    if state.interpreter is not None:
        state.interpreter.debugger_disabled = True
    return NIL


@defun("SB-EXT:ENABLE-DEBUGGER", "")
def enable_debugger():
    """Restore the debugger if it has been turned off by DISABLE-DEBUGGER."""
    if state.interpreter is not None:
        state.interpreter.debugger_disabled = False
    return NIL


def _console_stream_error(c) -> bool:
    """Is C a STREAM-ERROR on one of the console's standard streams?"""
    from ..conditions import is_condition, slot_value
    from ..stdstreams import _console
    from ..types import CLASSES
    if not isinstance(c, Instance) or not is_condition(c):
        return False
    if CLASSES[cl_sym("STREAM-ERROR")] not in c.cls.cpl:
        return False
    stream = slot_value(c, "STREAM")
    return any(stream is s for s in _console) or getattr(stream, "is_console", False)


def _break_signal(c):
    """The signal number an unhandled break condition C ends a program
    with, or None for other conditions."""
    from ..conditions import is_condition
    from ..objects import find_package
    racket = find_package("RACKET")
    if racket is None or not isinstance(c, Instance) or not is_condition(c):
        return None
    names = {cls.name for cls in c.cls.cpl}
    for name, signum in (("EXN-BREAK-TERMINATE", 15), ("EXN-BREAK-HANG-UP", 1), ("EXN-BREAK", 2)):
        sym = racket.find(name)[0]
        if sym is not None and sym in names:
            return signum
    return None


def _stderr():
    from ..dynamic import symbol_value
    from ..streams import LispStream
    s = symbol_value(cl_sym("*ERROR-OUTPUT*"))
    if isinstance(s, LispStream) and s.open:
        return s
    from ..streams import PyTextStream
    return PyTextStream(sys.stderr, "output", True)


def _flush_err(s):
    try:
        s.finish()
    except Exception:   # flushing a closed console must not hide the report
        pass


# ---------------------------------------------------------------- exit
@defun("SB-EXT:EXIT", "&key code abort timeout", kind="control")
def exit_(m, args):
    from runtime.process import ToplevelExit
    opts = _parse_keys(args, ("CODE", "ABORT", "TIMEOUT"))
    code = opts.get("CODE", 0)
    if code is NIL:
        code = 0
    if not isinstance(code, int):
        raise type_error(code, "INTEGER")
    proc = m.proc
    sched = m.scheduler
    main = sched.main if sched is not None else proc
    if opts.get("ABORT", NIL) is not NIL:
        del m.k[2:]            # no cleanups: keep only the process's top frames
    if main is not None and main is not proc:
        main.exit = ToplevelExit(code=code)
    exit_to_toplevel(m, ToplevelExit(code=code))


@defun("SB-EXT:QUIT", "&key unix-status recklessly-p", kind="control")
def quit_(m, args):
    opts = _parse_keys(args, ("UNIX-STATUS", "RECKLESSLY-P"))
    exit_(m, [keyword("CODE"), opts.get("UNIX-STATUS", 0)])

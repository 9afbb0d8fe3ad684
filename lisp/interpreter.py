"""The interpreter: boot, evaluation entry points and the embedding API.

    from lisp import Interpreter
    it = Interpreter()
    it.eval("(+ 1 2)")            # -> 3
    it.define("py-add", lambda a, b: a + b)
    it.call("py-add", 1, 2)       # -> 3

Lisp state (packages, symbols, global definitions) is process-global in
Python: every Interpreter in one Python process shares it. Each Interpreter
has its own machine, scheduler and main process, and runs Lisp only inside
the call that evaluates (SPEC 8).
"""
from __future__ import annotations

import os
from fractions import Fraction

from .dynamic import state
from .errors import LispError, simple_error
from .functions import Primitive, intern_name
from .machine import Machine, Node
from .objects import (NIL, T, MV, Symbol, Cons, LString, Char, Vector, HashTable,
                      SingleFloat, Instance, cl_sym, list_from_iter, CL, CL_USER,
                      SYSTEM, KEYWORD, SB_EXT, UNBOUND)

from stdlib import DIRECTORY as STDLIB_DIR
STDLIB_FILES = ["conditions.lisp", "packages.lisp", "threads.lisp", "racket.lisp", "debugger.lisp",
                "compile.lisp", "clos.lisp"]

_booted = False
_boot_error = None


def boot():
    """Load every primitive module and the Lisp stdlib (once per Python
    process). A failed boot fails again on every later call rather than
    leaving a half-booted system."""
    global _booted, _boot_error
    if _boot_error is not None:
        raise RuntimeError(f"cek-lisp failed to start: {_boot_error}")
    if _booted:
        return
    _booted = True
    try:
        _boot()
    except BaseException as e:
        _boot_error = e
        raise


def _boot():
    import importlib
    import pkgutil
    from . import analyzer, conditions, prims
    for mod in ("reader", "printer", "format", "stdstreams", "numbers", "equality", "loop",
                "defstruct", "clos", "clos_classes", "clos_init", "clos_methods", "clos_print",
                "clos_macros", "clos_mop", "gray_streams"):
        try:
            importlib.import_module(f"lisp.{mod}")
        except ModuleNotFoundError as e:
            if e.name != f"lisp.{mod}":
                raise
    # every module in lisp/prims registers its Lisp functions when imported
    for info in pkgutil.iter_modules(prims.__path__):
        importlib.import_module(f"lisp.prims.{info.name}")
    from .prims import toplevel  # noqa: F401  (load, exit, sleep, debugger)
    import runtime.api  # noqa: F401
    for info in pkgutil.iter_modules(importlib.import_module("runtime").__path__):
        importlib.import_module(f"runtime.{info.name}")
    from . import console
    console.install()
    _install_printer_hooks()
    _install_reader_hooks()
    analyzer.LOCKED_PACKAGES.update({CL, SYSTEM, KEYWORD, SB_EXT})
    CL_USER.use(SB_EXT)
    machine = Machine()
    from runtime.scheduler import Scheduler
    Scheduler(machine)
    machine.signal_error_fn = conditions.signal_python_error
    state.machine = machine
    state.booting = True
    try:
        for name in STDLIB_FILES:
            run_boot_file(machine, os.path.join(STDLIB_DIR, name))
    finally:
        state.booting = False


def _install_reader_hooks():
    """#. evaluates its form in the running process (under *READ-EVAL*);
    #S(...) calls the structure's keyword constructor."""
    from . import reader
    from .defstruct import read_structure
    reader.structure_hook = read_structure

    def read_eval(form):
        v = state.machine.call_nested(cl_sym("EVAL").fn, [form])
        return v.primary if type(v) is MV else v
    reader.eval_hook = read_eval


def _install_printer_hooks():
    """Conditions print their reports (PRINC), restarts print as SBCL
    prints them and structures through their :PRINT-OBJECT or
    :PRINT-FUNCTION."""
    from . import printer, conditions
    from .defstruct import call_structure_printer
    from .clos_print import print_object_hook as clos_print_object
    from .prims.control import RESTART_CLASS
    printer.condition_report_hook = conditions.report_string
    printer.condition_report_column_hook = conditions.report_string

    def print_object(obj, stream):
        if type(obj) is Instance and obj.cls is RESTART_CLASS:
            from .dynamic import symbol_value
            name = obj.slots["name"]
            report = obj.slots["report"]
            if symbol_value(cl_sym("*PRINT-ESCAPE*")) is NIL:
                if report is not NIL:
                    state.machine.call_nested(report, [stream])
                else:
                    printer.write_object(name, stream)
                return True
            stream.write("#<RESTART ")
            printer.write_object(name, stream, escape=True)
            stream.write(f" {{{printer.object_address(obj)}}}>")
            return True
        if type(obj) is Instance and obj.cls.kind == "structure":
            return call_structure_printer(obj, stream)
        return clos_print_object(obj, stream)
    printer.print_object_hook = print_object


def run_boot_file(machine, path):
    interp = _BootRunner(machine)
    interp.load_file(path)


class _BootRunner:
    def __init__(self, machine):
        self.machine = machine
        self.sched = machine.scheduler

    def load_file(self, path):
        from .prims.toplevel import load_function
        p = self.sched.spawn(load_function(), [LString(path)], name="boot", is_main=True)
        self.sched.main = p
        self.sched.run_until(lambda: not p.alive)
        if p.exit is not None and p.exit.condition is not None:
            from .conditions import report_string
            raise RuntimeError(f"stdlib {path}: {report_string(p.exit.condition)}")


class LispConditionError(Exception):
    """A Lisp condition that reached Python unhandled. ``condition`` is the
    condition object, ``report`` its report string, ``type_name`` the name
    of its class."""

    def __init__(self, condition, report):
        super().__init__(report)
        self.condition = condition
        self.report = report
        self.type_name = condition.cls.name.name if isinstance(condition, Instance) else "?"


class LispExit(Exception):
    """(exit :code n) reached Python."""

    def __init__(self, code):
        super().__init__(f"Lisp exited with code {code}")
        self.code = code


class EvalFormNode(Node):
    """Analyze FORM at run time (so analysis errors are Lisp errors in the
    process) and continue with the result."""
    __slots__ = ("source",)

    def __init__(self, form):
        self.fn = None
        self.source = form
        self.form = form

    def exec(self, m):
        from .analyzer import analyze
        node = analyze(self.source, None)
        m.env = None
        m.node = node


class Interpreter:
    """An embeddable Common Lisp evaluator. MODE is 'embedded' (errors
    become Python exceptions), 'script' or 'repl' (errors are reported on
    stderr as SBCL does)."""

    def __init__(self, mode: str = "embedded", argv=(), install_signals: bool = False,
                 max_depth: int | None = None, quantum: int | None = None):
        boot()
        from runtime.scheduler import Scheduler
        from .conditions import signal_python_error
        self.mode = mode
        # the REPL on a terminal sets this: an unhandled error in the main
        # process then enters the interactive debugger (stdlib/debugger.lisp)
        self.interactive_debugger = False
        self.machine = Machine()
        self.machine.signal_error_fn = signal_python_error
        self.scheduler = Scheduler(self.machine)
        from runtime.procs import deadlock_hook
        self.scheduler.deadlock_hook = deadlock_hook
        self.machine.interp = self
        if max_depth is not None:
            self.machine.depth_limit = max_depth
        if quantum is not None:
            self.scheduler.quantum = quantum
        state.interpreter = self
        from .stdstreams import install_console_streams
        install_console_streams()
        argv_list = list_from_iter([LString(a) for a in argv])
        intern_name("SB-EXT:*POSIX-ARGV*").value = argv_list
        s = intern_name("SB-EXT:*POSIX-ARGV*")
        s.flags |= 1

    # -- running forms in the main process
    def _run_main(self, fn, args, name="main thread"):
        state.machine = self.machine
        state.interpreter = self
        sched = self.scheduler
        p = sched.spawn(fn, args, name=name, is_main=True)
        sched.main = p
        try:
            sched.run_until(lambda: not p.alive)
        finally:
            self._flush()
        if p.exit is not None:
            e = p.exit
            if e.signal is not None:
                from .frontend import Interrupted
                raise Interrupted(e.signal)
            if e.code is not None:
                raise LispExit(e.code)
            if e.condition is not None:
                raise LispConditionError(e.condition, e.report)
        return p.results

    def finish_program(self):
        """The main program is done (a script's end, SPEC 1): kill every
        other live process, running their cleanups."""
        state.machine = self.machine
        self.scheduler.kill_others(None)
        self._flush()

    def eval_repl_text(self, text: str) -> list:
        """Evaluate the forms of TEXT as the REPL does, printing the last
        form's values; returns them, also stored in the REPL variables
        * ** *** + / ..."""
        from .prims.toplevel import repl_eval_function
        self.repl_form = NIL
        values = self._run_main(repl_eval_function(), [LString(text)])
        _set_repl_variables(self.repl_form, values)
        return values

    def stdout_stream(self):
        from .dynamic import symbol_value
        return symbol_value(cl_sym("*STANDARD-OUTPUT*"))

    def _flush(self):
        from .stdstreams import flush_console
        flush_console()

    def eval_form(self, form):
        """Evaluate the Lisp object FORM; return its primary value (Lisp)."""
        from .prims.toplevel import eval_function
        results = self._run_main(eval_function(), [form])
        return results[0] if results else NIL

    def eval_forms_values(self, form):
        from .prims.toplevel import eval_function
        return self._run_main(eval_function(), [form])

    def read(self, text: str):
        """The first form of TEXT, read in the current *PACKAGE*. A reader
        error raises LispConditionError."""
        from .reader import read_from_string
        from .conditions import condition_from_lisp_error, report_string
        try:
            return read_from_string(text)[0]
        except LispError as e:
            c = condition_from_lisp_error(e)
            raise LispConditionError(c, report_string(c)) from None

    def eval(self, text: str):
        """Read and evaluate every form in TEXT; return the last primary
        value converted to Python."""
        from .prims.toplevel import eval_string_function
        results = self._run_main(eval_string_function(), [LString(text)])
        return to_python(results[0] if results else NIL)

    def load(self, path: str):
        from .prims.toplevel import load_function
        self._run_main(load_function(), [LString(str(path))])
        return True

    def call(self, name: str, *args):
        sym = self.read(name) if isinstance(name, str) else name
        fn = sym.fn if isinstance(sym, Symbol) else None
        if fn is None:
            raise LispConditionError(*_undefined(sym))
        results = self._run_main(fn, [to_lisp(a) for a in args])
        return to_python(results[0] if results else NIL)

    def define(self, name: str, fn):
        """Make the Python callable FN the global function NAME. Its
        arguments and result convert as described in README; a Python
        exception it raises becomes a Lisp ERROR."""
        sym = self.read(name)
        if not isinstance(sym, Symbol):
            raise TypeError(f"{name!r} does not name a symbol")

        def wrapper(*args):
            try:
                return to_lisp(fn(*[to_python(a) for a in args]))
            except LispError:
                raise
            except Exception as e:  # a Python error in the embedding program
                raise simple_error("Python function ~A raised ~A: ~A",
                                   LString(name), LString(type(e).__name__), LString(str(e)))
        sym.fn = Primitive(sym, wrapper, 0, None)
        return sym


def _set_repl_variables(form, values):
    for a, b, c in (("***", "**", "*"), ("+++", "++", "+"), ("///", "//", "/")):
        sa, sb, sc = cl_sym(a), cl_sym(b), cl_sym(c)
        for s in (sa, sb, sc):
            s.flags |= 1
            if s.value is UNBOUND:
                s.value = NIL
        sa.value, sb.value = sb.value, sc.value
    cl_sym("*").value = values[0] if values else NIL
    cl_sym("+").value = form
    cl_sym("/").value = list_from_iter(values)


def _undefined(sym):
    from .conditions import make_condition, report_string
    c = make_condition("UNDEFINED-FUNCTION", {"NAME": sym})
    return c, report_string(c)


# ---------------------------------------------------------------- conversion
def to_lisp(x):
    if x is None:
        return NIL
    if x is True:
        return T
    if x is False:
        return NIL
    if isinstance(x, (int, Fraction, float)):
        if isinstance(x, Fraction) and x.denominator == 1:
            return x.numerator
        return x
    if isinstance(x, str):
        return LString(x)
    if isinstance(x, (list, tuple)):
        return list_from_iter([to_lisp(i) for i in x])
    if isinstance(x, dict):
        from .equality import keyfn_equal
        h = HashTable(cl_sym("EQUAL"), keyfn_equal)
        for k, v in x.items():
            h.put(to_lisp(k), to_lisp(v))
        return h
    return x


def to_python(x):
    if x is NIL:
        return None
    if x is T:
        return True
    t = type(x)
    if t is int or t is Fraction or t is float:
        return x
    if t is SingleFloat:
        return float(x)
    if t is LString:
        return x.value
    if t is Char:
        return x.ch
    if t is Cons:
        out = []
        while type(x) is Cons:
            out.append(to_python(x.car))
            x = x.cdr
        return out
    if t is Vector:
        return [to_python(i) for i in x.active()]
    if t is HashTable:
        return {_hashable(to_python(k)): to_python(v) for k, v in x.table.values()}
    if t is MV:
        return to_python(x.primary)
    return x


def _hashable(x):
    return tuple(x) if isinstance(x, list) else x

"""TRACE and UNTRACE, with SBCL's output.

Tracing is by name, as SBCL's encapsulation: the traced name's function
cell holds a ``TracedFunction`` around the real function, and redefining
the name (DEFUN, (SETF FDEFINITION)...) puts the new definition inside the
same wrapper (``install_function`` asks ``retarget``), so it stays traced.

Each traced call prints on *TRACE-OUTPUT*, indented by its depth among the
traced calls in progress in its process:
      0: (FACT 2)
        1: (FACT 1)
        1: FACT returned 1
      0: FACT returned 2
and "N: NAME exited non-locally" when it is left by a non-local exit. The
frame that prints the return makes a traced call a non-tail call, as in SBCL.
"""
from __future__ import annotations

import weakref

from ..errors import LispError, program_error
from ..functions import Function, defun, intern_name
from ..machine import Frame, UNDO
from ..macros import defmacro
from ..objects import (KEYWORD, MV, NIL, T, Cons, LString, Symbol, cl_sym, find_package,
                       lisp_list)
from ..stdstreams import stream_value

_TRACE_OUTPUT = cl_sym("*TRACE-OUTPUT*")
_ERROR_OUTPUT = cl_sym("*ERROR-OUTPUT*")
_SETF = cl_sym("SETF")
_QUOTE = cl_sym("QUOTE")

# (kind, symbol) -> TracedFunction, kind "FN", "SETF" or "MACRO", in tracing order
TRACED: dict = {}
# process -> number of traced calls in progress in it
_DEPTH: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


class TracedFunction(Function):
    """The function cell of a traced name: prints, then calls ``inner``."""
    __slots__ = ("inner", "shown", "returned")

    def __init__(self, name, inner, shown, returned):
        self.name = name        # the traced function's own name, for DESCRIBE & co.
        self.inner = inner
        self.shown = shown      # how a call shows: FACT, (SETF THING), (MACRO-FUNCTION M)
        self.returned = returned    # how its return shows: FACT, (SETF THING), M

    def invoke(self, m, args):
        p = m.proc
        depth = _DEPTH.get(p, 0)
        _DEPTH[p] = depth + 1
        _emit(depth, _text(Cons(self.shown, lisp_list(*args))))
        m.k.append(TraceExitFrame(self.returned, depth))
        self.inner.invoke(m, args)

    def __repr__(self):
        return f"#<traced {self.inner!r}>"


class TraceExitFrame(Frame):
    """Below a traced call: prints its values, or that it exited non-locally."""
    __slots__ = ("shown", "depth")
    unwinds = UNDO

    def __init__(self, shown, depth):
        self.shown = shown
        self.depth = depth

    def resume(self, m):
        v = m.value
        values = list(v) if type(v) is MV else [v]
        _DEPTH[m.proc] = self.depth
        _emit(self.depth, f"{_text(self.shown)} returned"
                          + "".join(" " + _text(x) for x in values))

    def undo(self, m):
        _DEPTH[m.proc] = self.depth
        _emit(self.depth, f"{_text(self.shown)} exited non-locally")

    def describe(self):
        return None


def _text(x) -> str:
    from ..printer import write_to_string
    return write_to_string(x, escape=True)


def _emit(depth: int, text: str):
    stream = stream_value(_TRACE_OUTPUT)
    stream.write(f"{'  ' * (depth + 1)}{depth}: {text}\n")


def retarget(key, fn):
    """Called by install_function when KEY's function is redefined: the
    function to store instead (the wrapper, now around FN), or FN."""
    traced = TRACED.get(key)
    if traced is None:
        return fn
    traced.inner = fn
    return traced


def key_of(name):
    """The TRACED key of a function name, or None for a malformed one."""
    if isinstance(name, Symbol):
        return ("FN", name)
    if type(name) is Cons and name.car is _SETF and type(name.cdr) is Cons \
            and isinstance(name.cdr.car, Symbol) and name.cdr.cdr is NIL:
        return ("SETF", name.cdr.car)
    return None


def _cell(key):
    kind, sym = key
    if kind == "SETF":
        return sym.setf_fn
    if kind == "MACRO":
        return sym.macro
    return sym.fn


def _set_cell(key, fn):
    kind, sym = key
    if kind == "SETF":
        sym.setf_fn = fn
    elif kind == "MACRO":
        sym.macro = fn
    else:
        sym.fn = fn


def _warn(control: str, *args):
    from ..format import format_to_stream
    format_to_stream(stream_value(_ERROR_OUTPUT), LString("WARNING: " + control + "~%"),
                     list(args))


def _untrace_key(key):
    traced = TRACED.pop(key, None)
    if traced is not None and _cell(key) is traced:
        _set_cell(key, traced.inner)


def _trace_one(name, out):
    key = key_of(name)
    if key is None:
        raise program_error("~S is not a function name.", name)
    if key[0] == "FN" and key[1].fn is None and key[1].macro is not None:
        key = ("MACRO", key[1])
    if key in TRACED:
        _warn("~S is already TRACE'd, untracing it first.", name)
        _untrace_key(key)
    fn = _cell(key)
    if fn is None:
        from ..printvars import Bindings
        with Bindings([(cl_sym("*PACKAGE*"), KEYWORD)]):      # SBCL names it in full
            _warn("~S is undefined, not tracing.", name)
        return
    shown = lisp_list(cl_sym("MACRO-FUNCTION"), key[1]) if key[0] == "MACRO" else name
    traced = TRACED[key] = TracedFunction(getattr(fn, "name", name), fn, shown, name)
    _set_cell(key, traced)
    out.append(name)


def _traced_names():
    return [lisp_list(_SETF, sym) if kind == "SETF" else sym for kind, sym in TRACED]


@defun("SYS::%TRACE", "names")
def trace_(names):
    """Trace each of NAMES (function names, or strings naming packages:
    every function named by a symbol of the package); with none, return
    the list of traced names."""
    if names is NIL:
        return lisp_list(*_traced_names())
    out = []
    x = names
    while type(x) is Cons:
        name = x.car
        if isinstance(name, LString):
            pkg = find_package(name.value)
            if pkg is None:
                raise LispError("PACKAGE-ERROR", {
                    "PACKAGE": name,
                    "FORMAT-CONTROL": LString("The name ~S does not designate any package."),
                    "FORMAT-ARGUMENTS": lisp_list(name)})
            for sym in sorted((s for s in pkg.symbols.values()
                               if s.package is pkg and s.fn is not None), key=lambda s: s.name):
                _trace_one(sym, out)
        elif isinstance(name, Symbol) and name.package is KEYWORD:
            raise program_error("TRACE options are not supported: ~S", name)
        else:
            _trace_one(name, out)
        x = x.cdr
    return lisp_list(*out)


@defun("SYS::%UNTRACE", "names")
def untrace_(names):
    """Stop tracing NAMES, or every traced name when NAMES is empty."""
    if names is NIL:
        for key in list(TRACED):
            _untrace_key(key)
        return T
    x = names
    while type(x) is Cons:
        key = key_of(x.car)
        if key is not None:
            if key not in TRACED and key[0] == "FN":
                key = ("MACRO", key[1])
            _untrace_key(key)
        x = x.cdr
    return T


_TRACE_FN = intern_name("SYS::%TRACE")
_UNTRACE_FN = intern_name("SYS::%UNTRACE")


@defmacro("TRACE")
def m_trace(form, env):
    """(trace name...): trace the named functions; (trace): the traced names."""
    return lisp_list(_TRACE_FN, lisp_list(_QUOTE, form.cdr))


@defmacro("UNTRACE")
def m_untrace(form, env):
    """(untrace name...): stop tracing them; (untrace): stop tracing all."""
    return lisp_list(_UNTRACE_FN, lisp_list(_QUOTE, form.cdr))

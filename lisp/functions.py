"""Function objects and the registration decorator for primitives.

Three kinds of primitive (ARCHITECTURE 4):
- ``simple``: a Python function of Lisp values returning a Lisp value (or an
  ``MV`` for several values). One atomic machine step.
- ``gen``: a Python generator function; it ``yield``s ``(function, args)``
  pairs for each Lisp call it needs and receives each call's primary value
  back (``call_lisp`` below is the helper). The generator is kept in a
  continuation frame while the call runs, so it never re-enters the machine
  on the Python stack and stays preemptible and unwindable.
- ``control``: ``fn(m, args)`` receives the machine and sets its next state
  itself (funcall, apply, throw, values-list into mv contexts ...).

Register with ``@defun("NAME", "lambda list")``; NAME may carry a package
prefix (``"SB-THREAD:MAKE-THREAD"``), default COMMON-LISP. The lambda list
is a string in Lisp syntax (``"item sequence &key from-end test key"``) whose
parameter names map to the Python parameter names (``from-end`` ->
``from_end``; a Python keyword gets a trailing underscore, ``if`` -> ``if_``); when it is omitted it is taken from the Python signature.
Unsupplied optional and key parameters get the Python default.
"""
from __future__ import annotations

import inspect
import keyword as pykeyword

from .errors import LispError, program_error
from .objects import (NIL, Symbol, Package, find_package, CL, keyword, LString)

__all__ = ["Function", "Primitive", "defun", "call_lisp", "intern_name",
           "PRIMITIVE_TABLE", "export_names"]


class Function:
    """Base of every Lisp function object."""
    __slots__ = ("name",)


class Primitive(Function):
    __slots__ = ("fn", "min", "max", "kind", "mv", "lambda_list", "doc", "pure")

    def __init__(self, name, fn, min_args, max_args, kind="simple", mv=False,
                 lambda_list="", doc=None, pure=False):
        self.name = name
        self.fn = fn
        self.min = min_args
        self.max = max_args      # None: no limit
        self.kind = kind         # 'simple', 'gen' or 'control'
        self.mv = mv             # may return an MV (several values)
        self.lambda_list = lambda_list
        self.doc = doc
        self.pure = pure         # no side effects: may be constant-folded

    def invoke(self, m, args):
        """Call with the Lisp argument list ARGS in machine M (one step)."""
        n = len(args)
        if n < self.min or (self.max is not None and n > self.max):
            raise program_error("invalid number of arguments: ~S", n)
        kind = self.kind
        if kind == "simple":
            m.value = self.fn(*args)
            m.node = None
        elif kind == "control":
            self.fn(m, args)
        else:
            m.drive_generator(self.fn(*args), self.name, None)

    def __repr__(self):
        return f"#<primitive {self.name}>"


def intern_name(name: str) -> Symbol:
    """Intern a name like "CAR", "SB-THREAD:MAKE-THREAD" or "SYS::%FOO".
    Names given with a single colon are exported from their package."""
    if ":" in name and not name.startswith(":"):
        pkg_name, _, sym_name = name.partition(":")
        external = True
        if sym_name.startswith(":"):
            sym_name = sym_name[1:]
            external = False
        pkg = find_package(pkg_name)
        if pkg is None:
            raise KeyError(f"no package {pkg_name} for primitive {name}")
    else:
        pkg, sym_name, external = CL, name, True
    if sym_name.startswith(":"):
        return keyword(sym_name[1:])
    sym, _ = pkg.intern(sym_name)
    if external:
        pkg.export(sym)
    return sym


def export_names(package: Package, names: str):
    for n in names.split():
        package.export(package.intern(n.upper())[0])


PRIMITIVE_TABLE: dict[Symbol, Primitive] = {}


def _parse_lambda_list(ll: str):
    words = ll.split()
    req, opt, rest, keys, allow = [], [], None, [], False
    mode = "req"
    for w in words:
        lw = w.lower()
        if lw in ("&optional", "&rest", "&key", "&body"):
            mode = lw.lstrip("&")
            if mode == "body":
                mode = "rest"
            continue
        if lw == "&allow-other-keys":
            allow = True
            continue
        py = lw.replace("-", "_").replace("*", "")
        if pykeyword.iskeyword(py):
            py += "_"          # "if" -> "if_", "from" -> "from_"
        if mode == "req":
            req.append(py)
        elif mode == "optional":
            opt.append(py)
        elif mode == "rest":
            rest = py
        else:
            keys.append((lw.upper(), py))
    return req, opt, rest, keys, allow


def _from_signature(fn):
    sig = inspect.signature(fn)
    req, opt, rest = [], [], None
    for p in sig.parameters.values():
        if p.kind == p.VAR_POSITIONAL:
            rest = p.name
        elif p.default is p.empty:
            req.append(p.name)
        else:
            opt.append(p.name)
    return req, opt, rest, [], False


def _ll_string(req, opt, rest, keys, allow):
    parts = [r.rstrip("_").replace("_", "-") for r in req]
    if opt:
        parts += ["&optional"] + [o.rstrip("_").replace("_", "-") for o in opt]
    if rest:
        parts += ["&rest", rest.rstrip("_").replace("_", "-")]
    if keys:
        parts += ["&key"] + [k.lower() for k, _ in keys]
    if allow:
        parts.append("&allow-other-keys")
    return "(" + " ".join(parts) + ")"


def _keyword_wrapper(fn, name, npos, keys, allow, has_rest):
    """Wrap FN so that Lisp-style keyword arguments after NPOS positional
    arguments become Python keyword arguments."""
    table = {keyword(k): py for k, py in keys}
    allow_kw = keyword("ALLOW-OTHER-KEYS")

    def wrapper(*args):
        pos = args[:npos]
        rest = args[npos:]
        if len(rest) % 2:
            raise program_error("odd number of &KEY arguments")
        kwargs = {}
        allow_other = allow
        if not allow_other:
            for i in range(0, len(rest), 2):
                if rest[i] is allow_kw and rest[i + 1] is not NIL:
                    allow_other = True
        for i in range(0, len(rest), 2):
            k = rest[i]
            py = table.get(k)
            if py is None:
                if k is allow_kw or allow_other:
                    continue
                raise LispError("SB-EXT:UNKNOWN-KEYWORD-ARGUMENT", {"NAME": k})
            if py not in kwargs:          # the leftmost occurrence wins
                kwargs[py] = rest[i + 1]
        if has_rest:
            return fn(*pos, *rest, **kwargs)
        return fn(*pos, **kwargs)

    wrapper.__wrapped__ = fn
    return wrapper


def defun(name: str, lambda_list: str | None = None, *, kind: str = "simple",
          mv: bool = False, pure: bool = False, setf: bool = False):
    """Register the decorated Python function as the global function NAME.
    With ``setf=True`` it becomes the function ``(setf NAME)`` instead
    (called with the new value first)."""

    def register(fn):
        sym = intern_name(name)
        if lambda_list is None:
            req, opt, rest, keys, allow = _from_signature(fn)
        else:
            req, opt, rest, keys, allow = _parse_lambda_list(lambda_list)
        npos = len(req) + len(opt)
        if kind == "control":
            # control primitives take (machine, args) and parse args themselves
            callable_ = fn
            max_args = None if (rest or keys) else npos
        elif keys:
            callable_ = _keyword_wrapper(fn, sym, npos, keys, allow, rest is not None)
            max_args = None
        else:
            callable_ = fn
            max_args = None if rest else npos
        prim = Primitive(sym, callable_, len(req), max_args, kind=kind, mv=mv,
                         lambda_list=_ll_string(req, opt, rest, keys, allow),
                         doc=inspect.getdoc(fn), pure=pure)
        if setf:
            sym.setf_fn = prim
        else:
            sym.fn = prim
            PRIMITIVE_TABLE[sym] = prim
        fn.primitive = prim
        return fn

    return register


def call_lisp(function, *args):
    """Inside a ``gen`` primitive: ``result = yield from call_lisp(f, a, b)``.
    Calls a simple primitive directly; otherwise yields the call to the
    machine, which runs it as ordinary steps and sends back the primary
    value."""
    if type(function) is Primitive and function.kind == "simple":
        n = len(args)
        if n >= function.min and (function.max is None or n <= function.max):
            from .objects import MV
            r = function.fn(*args)
            return (r[0] if r else NIL) if type(r) is MV else r
    return (yield (function, args))


def designator_string(x) -> str:
    """A string designator (string, symbol or character) as a Python str."""
    from .objects import Char
    from .errors import type_error
    if isinstance(x, LString):
        return x.value
    if isinstance(x, Symbol):
        return x.name
    if isinstance(x, Char):
        return x.ch
    raise type_error(x, "(OR STRING SYMBOL CHARACTER)")

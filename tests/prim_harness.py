"""A small stand-in for the reader, printer and machine, so the data-structure
primitives can be tested against SBCL's printed results before (and
independently of) the real evaluator.

- ``read(text)`` reads integers, ratios, floats (single by default, ``d0``
  double), strings, characters, symbols, keywords, quote, #', #(...), #*bits
  and dotted lists.
- ``write(obj)`` prints those the way SBCL's PRIN1 does.
- ``run(text)`` evaluates one form: self-evaluating data, variables,
  QUOTE, FUNCTION, LAMBDA (a closure that is *not* a primitive, so it
  exercises the generator path of every gen primitive), LET, LET*, PROGN,
  IF, SETQ, SETF of a variable or of ``(f args...)`` through f's setf
  function, MULTIPLE-VALUE-LIST, and calls. Gen primitives are driven
  here: each yielded (function, args) is answered by applying it.
- ``check(form, expected)`` compares ``run`` printed with what SBCL printed
  (``!TYPE-ERROR``, ``!PROGRAM-ERROR`` or ``!ERROR`` for errors; several
  values joined by `` ; ``).

A handful of number functions the tests need (+, <, evenp ...) are
registered here when no other module has defined them.
"""
from __future__ import annotations

import re
from fractions import Fraction

from lisp.errors import LispError
from lisp.functions import Function, Primitive
from lisp.objects import (NIL, T, Cons, Char, LString, Vector, Array, HashTable,
                          Symbol, SingleFloat, LispComplex, MV, CL_USER, KEYWORD,
                          CL, make_char, lisp_list, keyword, cl_sym)
from lisp.characters import char_name, name_char

import importlib

# The data-structure primitives under test register themselves on import.
for _module in ("equality", "prims.lists", "prims.listsets", "prims.mapping", "prims.plists",
                "prims.sequences", "prims.seqsearch", "prims.seqmodify", "prims.sorting",
                "prims.strings", "prims.chars", "prims.arrays", "prims.arrayresize", "prims.bitarrays",
                "prims.hashtables"):
    importlib.import_module("lisp." + _module)


# ---------------------------------------------------------------- reader
_TOKEN = re.compile(r"""\s*(?:(;[^\n]*)|(\#\()|(\#')|(\#\*[01]*)|(\#\\.[^\s()]*)|("(?:[^"\\]|\\.)*")|([()'])|([^\s()'"]+))""",
                    re.S)


def _intern(name: str) -> Symbol:
    if name.startswith(":"):
        return keyword(name[1:].upper())
    up = name.upper()
    s = CL.external.get(up)
    if s is not None:
        return s
    return CL_USER.intern(up)[0]


def _atom(tok: str):
    if re.fullmatch(r"[+-]?\d+\.?", tok):
        return int(tok.rstrip("."))
    if re.fullmatch(r"[+-]?\d+/\d+", tok):
        return Fraction(tok)
    m = re.fullmatch(r"([+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eEdDfFsS][+-]?\d+)?)", tok)
    if m and re.search(r"[.eEdDfFsS]", tok):
        if re.search(r"[dD]", tok):
            return float(re.sub(r"[dD]", "e", tok))
        return SingleFloat.of(float(re.sub(r"[fFsS]", "e", tok)))
    return _intern(tok)


def _tokens(text: str):
    pos = 0
    out = []
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise SyntaxError(text[pos:])
        pos = m.end()
        if m.group(1):
            continue
        for g in range(2, 9):
            if m.group(g) is not None:
                out.append((g, m.group(g)))
                break
    return out


def read(text: str):
    toks = _tokens(text)
    obj, i = _read(toks, 0)
    return obj


def _read(toks, i):
    kind, tok = toks[i]
    if kind == 2:            # #(
        items, i = _read_seq(toks, i + 1)
        return Vector(items), i
    if kind == 3:
        x, i = _read(toks, i + 1)
        return lisp_list(cl_sym("FUNCTION"), x), i
    if kind == 4:
        return Vector([int(b) for b in tok[2:]], element_type=cl_sym("BIT")), i + 1
    if kind == 5:
        body = tok[2:]
        if len(body) == 1:
            return make_char(body), i + 1
        ch = name_char(body)
        if ch is None:
            raise SyntaxError(tok)
        return make_char(ch), i + 1
    if kind == 6:
        return LString(re.sub(r"\\(.)", r"\1", tok[1:-1])), i + 1
    if tok == "(":
        items, i, tail = _read_list(toks, i + 1)
        r = tail
        for x in reversed(items):
            r = Cons(x, r)
        return r, i
    if tok == "'":
        x, i = _read(toks, i + 1)
        return lisp_list(cl_sym("QUOTE"), x), i
    if tok == ")":
        raise SyntaxError("unexpected )")
    return _atom(tok), i + 1


def _read_seq(toks, i):
    items = []
    while toks[i][1] != ")":
        x, i = _read(toks, i)
        items.append(x)
    return items, i + 1


def _read_list(toks, i):
    items = []
    tail = NIL
    while toks[i][1] != ")":
        if toks[i][1] == "." and toks[i][0] == 8:
            tail, i = _read(toks, i + 1)
            continue
        x, i = _read(toks, i)
        items.append(x)
    return items, i + 1, tail


# ---------------------------------------------------------------- printer
def _float(x: float, double: bool) -> str:
    if x != x or x in (float("inf"), float("-inf")):
        return repr(x)
    r = repr(float(x))
    if "e" in r:
        mant, exp = r.split("e")
        if "." not in mant:
            mant += ".0"
        r = f"{mant}{'d' if double else 'e'}{int(exp)}"
        return r
    return r + ("d0" if double else "")


def write(x) -> str:
    if x is NIL:
        return "NIL"
    t = type(x)
    if t is int:
        return str(x)
    if t is Fraction:
        return f"{x.numerator}/{x.denominator}"
    if t is SingleFloat:
        return _float(x, False)
    if t is float:
        return _float(x, True)
    if t is LispComplex:
        return f"#C({write(x.real)} {write(x.imag)})"
    if t is Symbol:
        if x.package is KEYWORD:
            return ":" + x.name
        if x.package is None:
            return "#:" + x.name
        return x.name
    if t is Char:
        if 32 < ord(x.ch) < 127:
            return "#\\" + x.ch
        if x.ch == " ":
            return "#\\ "
        return "#\\" + char_name(x.ch)
    if isinstance(x, LString):
        return '"' + x.value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if t is Cons:
        parts = []
        while type(x) is Cons:
            parts.append(write(x.car))
            x = x.cdr
        if x is not NIL:
            parts.append(".")
            parts.append(write(x))
        return "(" + " ".join(parts) + ")"
    if isinstance(x, Vector):
        if x.element_type is cl_sym("BIT"):
            return "#*" + "".join(str(b) for b in x.active())
        return "#(" + " ".join(write(e) for e in x.active()) + ")"
    if t is Array:
        return _write_array(x)
    if t is HashTable:
        return f"#<HASH-TABLE :TEST {x.test.name} :COUNT {len(x.table)}>"
    if isinstance(x, Function):
        return f"#<FUNCTION {write(x.name) if isinstance(x.name, Symbol) else 'LAMBDA'}>"
    return repr(x)


def _write_array(a: Array) -> str:
    dims = a.dims
    items = list(a.items)
    if not dims:
        return "#0A" + write(items[0])

    def rec(level, offset):
        if level == len(dims):
            return write(items[offset])
        stride = 1
        for d in dims[level + 1:]:
            stride *= d
        return "(" + " ".join(rec(level + 1, offset + i * stride) for i in range(dims[level])) + ")"
    return f"#{len(dims)}A" + rec(0, 0)


# ---------------------------------------------------------------- evaluator
class Closure(Function):
    """A LAMBDA of the test evaluator: not a Primitive, so primitives must
    yield to call it, exactly as they will for the machine's closures."""
    __slots__ = ("params", "body", "env")

    def __init__(self, params, body, env):
        self.name = NIL
        self.params = params
        self.body = body
        self.env = env

    def apply(self, args):
        env = dict(zip(self.params, args))
        env["__parent__"] = self.env
        r = NIL
        for form in self.body:
            r = evaluate(form, env)
        return r


def _lookup(sym, env):
    e = env
    while e is not None:
        if sym in e:
            return e[sym]
        e = e.get("__parent__")
    if sym is T or sym.package is KEYWORD:
        return sym
    raise NameError(sym.name)


def _assign(sym, value, env):
    e = env
    while e is not None:
        if sym in e:
            e[sym] = value
            return
        e = e.get("__parent__")
    raise NameError(sym.name)


def function_of(name):
    if isinstance(name, Function):
        return name
    if type(name) is Symbol:
        if name.fn is None:
            raise LispError("UNDEFINED-FUNCTION", {"NAME": name})
        return name.fn
    raise TypeError(name)


def primary(v):
    return (v[0] if v else NIL) if type(v) is MV else v


def apply_function(fn, args):
    if isinstance(fn, Symbol):
        fn = function_of(fn)
    if isinstance(fn, Closure):
        return fn.apply(list(args))
    if isinstance(fn, Primitive):
        n = len(args)
        if n < fn.min or (fn.max is not None and n > fn.max):
            raise LispError("SIMPLE-PROGRAM-ERROR", {"FORMAT-CONTROL": "wrong number of arguments"})
        r = fn.fn(*args)
        if fn.kind == "gen":
            return drive(r)
        return r
    raise TypeError(fn)


def drive(gen):
    """Run a gen primitive: answer each yielded call with its primary value."""
    try:
        req = next(gen)
        while True:
            fn, args = req
            req = gen.send(primary(apply_function(fn, args)))
    except StopIteration as stop:
        return stop.value


def _sym(name):
    return cl_sym(name)


def evaluate(form, env):
    t = type(form)
    if t is Symbol:
        if form is NIL:
            return NIL
        return _lookup(form, env)
    if t is not Cons:
        return form
    head = form.car
    args = list(form.cdr)
    if head is _sym("QUOTE"):
        return args[0]
    if head is _sym("FUNCTION"):
        x = args[0]
        if type(x) is Cons and x.car is _sym("LAMBDA"):
            return evaluate(x, env)
        return function_of(x)
    if head is _sym("LAMBDA"):
        return Closure(list(args[0]), args[1:], env)
    if head in (_sym("LET"), _sym("LET*")):
        new = {"__parent__": env}
        for b in args[0]:
            name, init = (b, NIL) if type(b) is Symbol else (b.car, b.cdr.car)
            new[name] = evaluate(init, new if head is _sym("LET*") else env)
        r = NIL
        for f in args[1:]:
            r = evaluate(f, new)
        return r
    if head is _sym("PROGN"):
        r = NIL
        for f in args:
            r = evaluate(f, env)
        return r
    if head is _sym("IF"):
        if evaluate(args[0], env) is not NIL:
            return evaluate(args[1], env)
        return evaluate(args[2], env) if len(args) > 2 else NIL
    if head is _sym("SETQ"):
        v = evaluate(args[1], env)
        _assign(args[0], v, env)
        return v
    if head is _sym("SETF"):
        place, v = args[0], evaluate(args[1], env)
        if type(place) is Symbol:
            _assign(place, v, env)
            return v
        fn = place.car.setf_fn
        if fn is None:
            raise NameError(f"no setf function for {place.car.name}")
        return apply_function(fn, [v] + [evaluate(a, env) for a in place.cdr])
    if head is _sym("WHEN"):
        return evaluate(Cons(_sym("IF"), lisp_list(args[0], Cons(_sym("PROGN"), lisp_list(*args[1:])))), env)
    if head is _sym("UNLESS"):
        return evaluate(lisp_list(_sym("IF"), args[0], NIL, Cons(_sym("PROGN"), lisp_list(*args[1:]))), env)
    if head is _sym("AND"):
        r = T
        for f in args:
            r = primary(evaluate(f, env))
            if r is NIL:
                return NIL
        return r
    if head is _sym("OR"):
        for f in args:
            r = primary(evaluate(f, env))
            if r is not NIL:
                return r
        return NIL
    if head is _sym("PUSH"):
        v = evaluate(args[0], env)
        new = Cons(v, _lookup(args[1], env))
        _assign(args[1], new, env)
        return new
    if head in (_sym("DOLIST"), _sym("DOTIMES")):
        var, init = args[0].car, evaluate(args[0].cdr.car, env)
        new = {"__parent__": env}
        seq = list(init) if head is _sym("DOLIST") else range(init)
        for x in seq:
            new[var] = x
            for f in args[1:]:
                evaluate(f, new)
        return NIL
    if head is _sym("MULTIPLE-VALUE-LIST"):
        v = evaluate(args[0], env)
        return lisp_list(*v) if type(v) is MV else lisp_list(v)
    fn = function_of(head)
    return apply_function(fn, [primary(evaluate(a, env)) for a in args])


def run(text: str):
    return evaluate(read(text), {})


def result_string(text: str) -> str:
    try:
        v = run(text)
    except LispError as e:
        name = e.class_name or ""
        if name in ("TYPE-ERROR", "SIMPLE-TYPE-ERROR", "SB-INT:INVALID-ARRAY-INDEX-ERROR",
                    "SB-KERNEL:INDEX-TOO-LARGE-ERROR"):
            return "!TYPE-ERROR"
        if name in ("PROGRAM-ERROR", "SIMPLE-PROGRAM-ERROR", "SB-EXT:UNKNOWN-KEYWORD-ARGUMENT"):
            return "!PROGRAM-ERROR"
        return "!ERROR"
    if type(v) is MV:
        return " ; ".join(write(x) for x in v) if v else "<no values>"
    return write(v)


def check_cases(cases: str):
    """CASES holds lines ``form => expected``; return the mismatches."""
    bad = []
    for line in cases.strip("\n").splitlines():
        line = line.lstrip()
        if not line or line.startswith(";"):
            continue
        form, _, expected = line.rpartition(" => ")
        got = result_string(form)
        if got != expected:
            bad.append(f"{form}\n   expected {expected}\n   got      {got}")
    return bad


# ---------------------------------------------------------------- test-only numbers
def _num_prim(name, fn, lo, hi):
    sym = cl_sym(name)
    if sym.fn is None:
        sym.fn = Primitive(sym, fn, lo, hi)


def _chain(op):
    def f(*xs):
        return T if all(op(a, b) for a, b in zip(xs, xs[1:])) else NIL
    return f


def _single(x):
    return SingleFloat.of(x) if isinstance(x, float) and not isinstance(x, SingleFloat) else x


_num_prim("+", lambda *xs: sum(xs), 0, None)
_num_prim("-", lambda x, *ys: x - sum(ys) if ys else -x, 1, None)
_num_prim("*", lambda *xs: __import__("math").prod(xs), 0, None)
_num_prim("<", _chain(lambda a, b: a < b), 1, None)
_num_prim(">", _chain(lambda a, b: a > b), 1, None)
_num_prim("<=", _chain(lambda a, b: a <= b), 1, None)
_num_prim(">=", _chain(lambda a, b: a >= b), 1, None)
_num_prim("=", _chain(lambda a, b: a == b), 1, None)
_num_prim("1+", lambda x: x + 1, 1, 1)
_num_prim("1-", lambda x: x - 1, 1, 1)
_num_prim("EVENP", lambda x: T if x % 2 == 0 else NIL, 1, 1)
_num_prim("ODDP", lambda x: T if x % 2 else NIL, 1, 1)
_num_prim("ZEROP", lambda x: T if x == 0 else NIL, 1, 1)
_num_prim("PLUSP", lambda x: T if x > 0 else NIL, 1, 1)
_num_prim("MINUSP", lambda x: T if x < 0 else NIL, 1, 1)
_num_prim("MOD", lambda x, y: x % y, 2, 2)
_num_prim("ABS", abs, 1, 1)
_num_prim("IDENTITY", lambda x: x, 1, 1)
_num_prim("NUMBERP", lambda x: T if type(x) in (int, float, SingleFloat, Fraction) else NIL, 1, 1)
_num_prim("SYMBOLP", lambda x: T if type(x) is Symbol else NIL, 1, 1)
_num_prim("VALUES", lambda *xs: xs[0] if len(xs) == 1 else MV(xs), 0, None)
_num_prim("FLOAT", lambda x, proto=None: float(x) if type(proto) is float else SingleFloat.of(x), 1, 2)

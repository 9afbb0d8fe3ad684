"""Code-building pieces of the LOOP expander (lisp/loop.py) that do not
depend on the clause being parsed: the symbols expansions use, type
defaults, constant forms, destructuring patterns, binding groups,
accumulators, and the final assembly of the loop's TAGBODY."""
from __future__ import annotations

from .macros import gensym
from .objects import (NIL, T, Cons, Symbol, Package, LString, Vector, SingleFloat, LispComplex,
                      CL, KEYWORD, cl_sym, make_char, lisp_list, list_from_iter, find_package)

S = cl_sym
L = lisp_list
QUOTE, CAR, CDR, SETQ, TAGBODY, GO, LET, LETSTAR = (
    S("QUOTE"), S("CAR"), S("CDR"), S("SETQ"), S("TAGBODY"), S("GO"), S("LET"), S("LET*"))
IF, PROGN, LIST = S("IF"), S("PROGN"), S("LIST")

# SBCL's LOOP package: the loop's tags live there (LOOP-FINISH is (go sb-loop::end-loop))
SB_LOOP = find_package("SB-LOOP") or Package("SB-LOOP", use=[CL])
NEXT_LOOP = SB_LOOP.intern("NEXT-LOOP")[0]
END_LOOP = SB_LOOP.intern("END-LOOP")[0]
GO_END = L(GO, END_LOOP)

# the names LOOP reports accumulation kinds by in its error messages
KIND_LIST, KIND_APPEND, KIND_NCONC = S("LIST"), S("APPEND"), S("NCONC")
KIND_SUM, KIND_COUNT = SB_LOOP.intern("SUM")[0], S("COUNT")
KIND_MAX, KIND_MIN = S("MAX"), S("MIN")

MOST_POSITIVE_FIXNUM = (1 << 62) - 1

# operators whose calls cannot see or change a loop variable, so a parallel
# step whose value is such a call over other values need not wait for a temp
_PURE_OPS = frozenset(S(n) for n in (
    "CAR", "CDR", "CDDR", "CADR", "NTHCDR", "1+", "1-", "+", "-", "AREF", "SVREF",
    "CHAR", "SCHAR", "ELT", "QUOTE"))


def is_keyword(token, name: str) -> bool:
    """Does TOKEN name the loop keyword NAME (compared by name, any package)?"""
    return isinstance(token, Symbol) and token.name == name


# Type symbols LOOP accepts after a variable without OF-TYPE: SBCL's standard
# atomic type specifiers of kind :primitive, plus the few classes it allows
# (not NIL: SBCL's test returns the symbol, which is false for NIL).
SIMPLE_TYPE_NAMES = frozenset("""
    ARRAY ATOM BASE-CHAR BASE-STRING BIGNUM BIT BIT-VECTOR CHARACTER COMPILED-FUNCTION
    COMPLEX CONS DOUBLE-FLOAT EXTENDED-CHAR FILE-STREAM FIXNUM FLOAT FUNCTION INTEGER
    KEYWORD LIST LOGICAL-PATHNAME LONG-FLOAT NULL NUMBER PATHNAME RATIO RATIONAL REAL
    SEQUENCE SHORT-FLOAT SIMPLE-ARRAY SIMPLE-BASE-STRING SIMPLE-BIT-VECTOR SIMPLE-STRING
    SIMPLE-VECTOR SINGLE-FLOAT STANDARD-CHAR STREAM STRING STRING-STREAM SYMBOL T VECTOR
    HASH-TABLE PACKAGE RANDOM-STATE READTABLE""".split())


def is_simple_type(x) -> bool:
    return isinstance(x, Symbol) and x.package is CL and x.name in SIMPLE_TYPE_NAMES


def subtype(t1, t2_name: str):
    """SUBTYPEP of the type T1 and the CL type named T2_NAME: True, False,
    or None when it cannot be decided."""
    from .prims.typefns import subtypep
    if type(t1) is Cons and isinstance(t1.car, Symbol) and t1.car.name in _COMPOUND_TYPES:
        t1 = S(_COMPOUND_TYPES[t1.car.name])
    elif isinstance(t1, Symbol) and t1.name in _FLOAT_ALIASES and t1.package is CL:
        t1 = S(_FLOAT_ALIASES[t1.name])
    is_subtype, certain = subtypep(t1, S(t2_name))
    return None if certain is NIL else is_subtype is not NIL


# compound type specifiers, reduced to the atomic type they refine
_COMPOUND_TYPES = {
    "INTEGER": "INTEGER", "MOD": "INTEGER", "SIGNED-BYTE": "INTEGER", "UNSIGNED-BYTE": "INTEGER",
    "RATIONAL": "RATIONAL", "REAL": "REAL", "FLOAT": "FLOAT", "SINGLE-FLOAT": "SINGLE-FLOAT",
    "DOUBLE-FLOAT": "DOUBLE-FLOAT", "SHORT-FLOAT": "SINGLE-FLOAT", "LONG-FLOAT": "DOUBLE-FLOAT",
    "COMPLEX": "COMPLEX", "VECTOR": "VECTOR", "SIMPLE-VECTOR": "SIMPLE-VECTOR",
    "STRING": "STRING", "SIMPLE-STRING": "SIMPLE-STRING", "BASE-STRING": "STRING",
    "SIMPLE-BASE-STRING": "SIMPLE-STRING", "BIT-VECTOR": "BIT-VECTOR",
    "SIMPLE-BIT-VECTOR": "SIMPLE-BIT-VECTOR"}
_FLOAT_ALIASES = {"SHORT-FLOAT": "SINGLE-FLOAT", "LONG-FLOAT": "DOUBLE-FLOAT"}


def _float_like(n, dtype):
    """N as a float of the format DTYPE is a subtype of (single by default)."""
    return float(n) if subtype(dtype, "DOUBLE-FLOAT") else SingleFloat(n)


def typed_init(dtype, step_var=False):
    """The value a LOOP variable of type DTYPE starts with when the loop
    gives it none (SBCL's LOOP-TYPED-INIT): zero of the type's kind of
    number (one for a BY step), an empty string or vector, #\\x, else NIL.
    DTYPE None means no type was given."""
    if dtype is None or dtype is NIL or dtype is T:
        return NIL
    n = 1 if step_var else 0
    if type(dtype) is Cons and dtype.car is S("COMPLEX"):
        part = dtype.cdr.car if type(dtype.cdr) is Cons else T
        if part is not T and subtype(part, "FLOAT"):
            return LispComplex(_float_like(n, part), _float_like(0, part))
        return n
    if subtype(dtype, "NUMBER"):
        return _float_like(n, dtype) if subtype(dtype, "FLOAT") else n
    element_type = _vector_element_type(dtype)
    if element_type is not None:
        if element_type is not S("*") and subtype(element_type, "CHARACTER"):
            return LString("")
        if element_type is S("BIT"):
            return Vector([], element_type=element_type)
        return Vector([])
    if subtype(dtype, "CHARACTER"):
        return make_char("x")
    return NIL


def _vector_element_type(dtype):
    """The element type of DTYPE if it is a kind of vector, else None."""
    if type(dtype) is Cons and isinstance(dtype.car, Symbol):
        args = list(dtype.cdr)
        head = dtype.car.name
        if head == "VECTOR":
            return args[0] if args else S("*")
        if head in ("ARRAY", "SIMPLE-ARRAY"):
            dims = args[1] if len(args) > 1 else S("*")
            if dims == 1 or (type(dims) is Cons and dims.cdr is NIL):
                return args[0] if args else S("*")
            return None
    if subtype(dtype, "STRING"):
        return S("CHARACTER")
    if subtype(dtype, "BIT-VECTOR"):
        return S("BIT")
    if subtype(dtype, "VECTOR"):
        return T
    return None


def constant_value(form):
    """(True, value) when FORM is a constant form LOOP may fold (a
    self-evaluating object, a keyword, T, NIL or a QUOTE form), else
    (False, None)."""
    if type(form) is Cons:
        if form.car is QUOTE and type(form.cdr) is Cons:
            return True, form.cdr.car
        return False, None
    if isinstance(form, Symbol):
        if form is NIL or form is T or form.package is KEYWORD:
            return True, form
        return False, None
    return True, form


def quoted(value):
    """A form evaluating to VALUE."""
    if isinstance(value, Symbol) and not (value is NIL or value is T or value.package is KEYWORD):
        return L(QUOTE, value)
    if type(value) is Cons:
        return L(QUOTE, value)
    return value


def pattern_leaves(pattern):
    """The non-NIL leaves of a destructuring PATTERN, in order."""
    out = []
    stack = [pattern]
    while stack:
        p = stack.pop()
        if type(p) is Cons:
            stack.append(p.cdr)
            stack.append(p.car)
        elif p is not NIL:
            out.append(p)
    return out


def has_vars(pattern) -> bool:
    if type(pattern) is Cons:
        return has_vars(pattern.car) or has_vars(pattern.cdr)
    return pattern is not NIL


def destructure_bindings(pattern, source: Symbol) -> list:
    """LET* bindings giving the variables of PATTERN the matching parts of
    the list in SOURCE (missing parts are NIL, extra parts are ignored), as
    LOOP's WITH clause destructures."""
    out = []
    p = pattern
    while type(p) is Cons and has_vars(p):
        item = p.car
        if isinstance(item, Symbol):
            if item is not NIL:
                out.append((item, L(CAR, source)))
        elif has_vars(item):
            sub = gensym("LOOP-DESTRUCTURE-")
            out.append((sub, L(CAR, source)))
            out += destructure_bindings(item, sub)
        p = p.cdr
        if not has_vars(p):
            break
        if type(p) is not Cons:
            out.append((p, L(CDR, source)))
            break
        rest = gensym("LOOP-DESTRUCTURE-")
        out.append((rest, L(CDR, source)))
        source = rest
    return out


def same_form(a, b) -> bool:
    """EQUAL-like comparison of two generated forms (numbers must also
    agree in type: 1 and 1.0 are different steps)."""
    while type(a) is Cons and type(b) is Cons:
        if not same_form(a.car, b.car):
            return False
        a, b = a.cdr, b.cdr
    if type(a) is Cons or type(b) is Cons:
        return False
    if isinstance(a, Symbol) or isinstance(b, Symbol):
        return a is b
    return type(a) is type(b) and a == b


def tagbody(prologue, before_loop, body, after_body, epilogue, next_tag, end_tag):
    """The loop's TAGBODY. The trailing statements that the first
    iteration's steps (BEFORE-LOOP) share with the later iterations' steps
    (AFTER-BODY) are moved to the top of the repeated part, so they appear
    once (as SBCL's GEN-LOOP-BODY does)."""
    before, after = list(before_loop), list(after_body)
    main = list(body)
    shared = []
    while before and after and same_form(before[-1], after[-1]):
        shared.append(before.pop())
        after.pop()
    shared.reverse()
    return L(TAGBODY, *prologue, *before, next_tag, *shared, *main, *after,
             L(GO, next_tag), end_tag, *epilogue)


def wrap_bindings(vars_, post, body):
    """(let VARS (let* POST BODY)), leaving out empty binding lists."""
    if post:
        body = L(LETSTAR, list_from_iter(L(v, i) for v, i in post), body)
    if vars_:
        body = L(LET, list_from_iter(L(v, i) for v, i in vars_), body)
    return body


class Group:
    """Variables bound by one clause (a LET), then what must be bound after
    them in the same scope (a LET*): destructured parts of WITH values and
    accumulators."""
    __slots__ = ("vars", "patterns", "post")

    def __init__(self):
        self.vars: list = []       # [(symbol, init form)]
        self.patterns: list = []   # [(destructuring pattern, temp holding the value)]
        self.post: list = []       # (symbol, init) pairs and Accumulators

    def empty(self) -> bool:
        return not (self.vars or self.patterns or self.post)

    def binds(self, name) -> bool:
        return (any(v is name for v, _ in self.vars)
                or any(name in pattern_leaves(p) for p, _ in self.patterns))

    def wrap(self, body):
        post = []
        for pattern, temp in self.patterns:
            post += destructure_bindings(pattern, temp)
        for item in self.post:
            post += item.bindings() if isinstance(item, Accumulator) else [item]
        return wrap_bindings(self.vars, post, body)


class Accumulator:
    """One accumulation target: the unnamed result of the loop or an INTO
    variable. CLASS is 'list', 'sum' or 'maxmin'; HISTORY the kinds used
    on it, latest first."""

    def __init__(self, name, cls, kind, dtype):
        self.name = name
        self.cls = cls
        self.history = [kind]
        self.dtype = dtype
        self.var = name
        # list collection
        self.head = self.tail = None
        # maximize/minimize: the value is computed once into TEMP; FLAG says
        # whether VAR holds a value yet, unless the type has infinities
        self.temp = self.flag = self.infinities = None
        self.operations: list = []
        self.pending: list = []    # [(placeholder PROGN, operation, form)]

    def bindings(self) -> list:
        if self.cls == "list":
            out = [(self.head, L(LIST, NIL)), (self.tail, self.head)]
            if self.name is not NIL:
                out.append((self.name, NIL))
            return out
        if self.cls == "sum":
            return [(self.var, typed_init(self.dtype))]
        init = typed_init(self.dtype)
        if self.flag is not None:
            return [(self.var, init), (self.temp, init), (self.flag, NIL)]
        lowest, highest = self.infinities
        start = highest if self.operations[0] is KIND_MIN else lowest
        return [(self.var, start), (self.temp, init)]

    def fill_minimax(self):
        """Write the MAXIMIZE/MINIMIZE statements, now that it is known
        whether a flag is needed (both operations, or no infinities)."""
        for stmt, op, form in self.pending:
            better = L(S(">" if op is KIND_MAX else "<"), self.temp, self.var)
            if self.flag is not None:
                update = L(IF, self.flag, L(IF, better, L(SETQ, self.var, self.temp)),
                           L(SETQ, self.flag, T, self.var, self.temp))
            else:
                update = L(IF, better, L(SETQ, self.var, self.temp))
            stmt.cdr = L(L(SETQ, self.temp, form), update)


def infinities(dtype):
    """(lowest, highest) starting values for MAXIMIZE/MINIMIZE of DTYPE
    when the type has them (fixnums, single and double floats)."""
    if subtype(dtype, "FIXNUM"):
        return -MOST_POSITIVE_FIXNUM - 1, MOST_POSITIVE_FIXNUM
    if subtype(dtype, "SINGLE-FLOAT"):
        return SingleFloat(float("-inf")), SingleFloat(float("inf"))
    if subtype(dtype, "DOUBLE-FLOAT"):
        return float("-inf"), float("inf")
    return None


def replicate(type_, pattern):
    """TYPE_ for every leaf of the destructuring PATTERN."""
    if type(pattern) is not Cons:
        return type_
    return Cons(replicate(type_, pattern.car), replicate(type_, pattern.cdr))


def independent(form, targets: set) -> bool:
    """True when evaluating FORM cannot observe an assignment to TARGETS."""
    if isinstance(form, Symbol):
        return form not in targets and form.symbol_macro is None
    if type(form) is not Cons:
        return True
    if form.car is QUOTE:
        return True
    if form.car not in _PURE_OPS:
        return False
    return all(independent(arg, targets) for arg in form.cdr)


def collect_rplacd(tail, form):
    """Append the fresh list FORM's value to the collection whose last cons
    is in TAIL, advancing TAIL (SBCL's LOOP-COLLECT-RPLACD)."""
    if type(form) is Cons and form.car is LIST:
        n = len(list(form.cdr)) - 1
        if n < 0:
            return L(PROGN)
        if n == 0:
            return L(S("RPLACD"), tail, L(SETQ, tail, form))
        return L(SETQ, tail, L(S("NTHCDR"), n + 1, L(S("RPLACD"), tail, form)))
    return L(IF, L(CDR, L(S("RPLACD"), tail, form)),
             L(SETQ, tail, L(S("LAST"), L(CDR, tail))))

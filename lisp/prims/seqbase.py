"""What the list, sequence, string and hash-table primitives share: function
arguments (designators, :key, :test/:test-not), bounding indices, element
access on lists, vectors and strings, and building a result of the same kind
as an argument.

Calling Lisp from a primitive (ARCHITECTURE 4). A primitive that takes a
function runs as a generator: each call it makes to a Lisp function is
``r = yield from call_lisp(f, args...)``, which the machine runs as
ordinary steps. Building a generator per element is what makes that slow,
so every function argument is resolved once per call into a ``Fn`` whose
``d`` is a plain Python callable whenever the function is a simple
primitive (#'car, #'eql, #'char<...), and the per-element tests below
(``ElementTest``, ``PairTest``) offer a ``fast`` Python predicate whenever
no Lisp call is needed at all. The loops then read::

    fast = test.fast
    for x in items:
        if (fast(x) if fast else (yield from test.slow(x))):
            ...

so the common case (no :key, the default EQL test) never leaves Python.
"""
from __future__ import annotations

import operator
from fractions import Fraction
from functools import partial

from ..arraydata import (ARRAY_DIMENSION_LIMIT, is_character_type,
                         element_checker, S_CHARACTER)
from ..equality import (eql, equal, equalp, keyfn_eq, keyfn_eql, keyfn_equal,
                        keyfn_equalp, cl_eq, cl_eql, cl_equal, cl_equalp)
from ..errors import LispError, lisp_error, simple_error, type_error
from ..functions import Function, Primitive, call_lisp
from ..objects import (NIL, Cons, Char, LString, Vector, Symbol,
                       SingleFloat, LispComplex, cl_sym, lisp_list, make_char,
                       primary)

S_LIST = cl_sym("LIST")
S_CONS = cl_sym("CONS")
S_SEQUENCE = cl_sym("SEQUENCE")
S_VECTOR = cl_sym("VECTOR")
S_STRING = cl_sym("STRING")
S_INTEGER = cl_sym("INTEGER")
S_SYMBOL = cl_sym("SYMBOL")
S_CHAR = S_CHARACTER
INDEX_TYPE = lisp_list(cl_sym("MOD"), ARRAY_DIMENSION_LIMIT)
END_TYPE = lisp_list(cl_sym("OR"), cl_sym("NULL"), INDEX_TYPE)
UNSIGNED_BYTE = cl_sym("UNSIGNED-BYTE")
FUNCTION_DESIGNATOR = lisp_list(cl_sym("OR"), S_SYMBOL, cl_sym("FUNCTION"))

EQ_FN = cl_eq.primitive
EQL_FN = cl_eql.primitive
EQUAL_FN = cl_equal.primitive
EQUALP_FN = cl_equalp.primitive

# The hash-key function realising each standard test, for the O(n)
# algorithms of REMOVE-DUPLICATES, UNION and friends.
HASHABLE_TESTS = {EQ_FN: keyfn_eq, EQL_FN: keyfn_eql, EQUAL_FN: keyfn_equal,
                  EQUALP_FN: keyfn_equalp}


# ---------------------------------------------------------------- function arguments
def resolve_function(designator) -> Function:
    """The function a function designator (function object or symbol)
    names, resolved at the time of the call as CL requires."""
    if isinstance(designator, Function):
        return designator
    if type(designator) is Symbol:
        f = designator.fn
        if f is None:
            raise LispError("UNDEFINED-FUNCTION", {"NAME": designator})
        return f
    raise type_error(designator, FUNCTION_DESIGNATOR)


def direct(fn: Function, nargs: int):
    """A Python callable computing FN's primary value on NARGS arguments
    without the machine, or None when FN must run as Lisp code."""
    if type(fn) is Primitive and fn.kind == "simple" and fn.min <= nargs \
            and (fn.max is None or nargs <= fn.max):
        f = fn.fn
        if fn.mv:
            return lambda *a: primary(f(*a))
        return f
    return None


class Fn:
    """A function argument resolved once: ``fn`` to yield to the machine,
    ``d`` the direct Python callable when there is one."""
    __slots__ = ("fn", "d")

    def __init__(self, designator, nargs: int):
        self.fn = resolve_function(designator)
        self.d = direct(self.fn, nargs)

    def call(self, *args):
        """Generator: ``r = yield from f.call(x)``."""
        d = self.d
        if d is not None:
            return d(*args)
        return (yield from call_lisp(self.fn, *args))


def key_fn(key) -> Fn | None:
    """The :key argument; NIL or absent means the identity."""
    if key is None or key is NIL:
        return None
    return Fn(key, 1)


def _eql_to(item):
    t = type(item)
    if t is int:
        return lambda x: type(x) is int and x == item
    if t is float or t is SingleFloat or t is Fraction or t is LispComplex:
        return lambda x: eql(item, x)
    return partial(operator.is_, item)


def _test_against(item, fn: Function, d):
    """Python predicate for (FN ITEM x) given FN's direct callable D."""
    if fn is EQL_FN or (fn is EQ_FN and type(item) is not int):
        return _eql_to(item)
    if fn is EQUAL_FN:
        return lambda x: equal(item, x)
    if fn is EQUALP_FN:
        return lambda x: equalp(item, x)
    return lambda x: d(item, x) is not NIL


def test_args(test, test_not):
    """Normalise :test/:test-not to (function, negate)."""
    if test is NIL:
        test = None
    if test_not is NIL:
        test_not = None
    if test is not None and test_not is not None:
        raise simple_error("can't specify both :TEST and :TEST-NOT")
    if test_not is not None:
        return resolve_function(test_not), True
    if test is None:
        return EQL_FN, False
    return resolve_function(test), False


class ElementTest:
    """Does an element satisfy the test? Either (test ITEM (key x)),
    negated for :test-not, or (pred (key x)) for the -IF variants."""
    __slots__ = ("fast", "item", "has_item", "fn", "d", "key", "negate")

    def __init__(self, item, has_item: bool, fn: Function, negate: bool, key: Fn | None):
        self.item = item
        self.has_item = has_item
        self.fn = fn
        self.d = direct(fn, 2 if has_item else 1)
        self.key = key
        self.negate = negate
        self.fast = self._fast()

    def _fast(self):
        d, key = self.d, self.key
        if d is None or (key is not None and key.d is None):
            return None
        if self.has_item:
            p = _test_against(self.item, self.fn, d)
        else:
            p = lambda x: d(x) is not NIL      # noqa: E731
        if key is not None:
            kd, p0 = key.d, p
            p = lambda x: p0(kd(x))            # noqa: E731
        if self.negate:
            p1 = p
            p = lambda x: not p1(x)            # noqa: E731
        return p

    def slow(self, x):
        key = self.key
        if key is not None:
            x = key.d(x) if key.d is not None else (yield from call_lisp(key.fn, x))
        d = self.d
        if self.has_item:
            r = d(self.item, x) if d is not None else (yield from call_lisp(self.fn, self.item, x))
        else:
            r = d(x) if d is not None else (yield from call_lisp(self.fn, x))
        return (r is not NIL) != self.negate


def item_test(item, test, test_not, key) -> ElementTest:
    fn, negate = test_args(test, test_not)
    return ElementTest(item, True, fn, negate, key_fn(key))


def if_test(predicate, key, negate: bool = False) -> ElementTest:
    return ElementTest(None, False, resolve_function(predicate), negate, key_fn(key))


class PairTest:
    """(test a b) on two already-keyed values, negated for :test-not.
    ``hashkey`` is the hash-key function realising the test when it is one
    of EQ/EQL/EQUAL/EQUALP (not negated), which lets callers use a dict."""
    __slots__ = ("fn", "d", "negate", "fast", "hashkey")

    def __init__(self, test, test_not):
        self.fn, self.negate = test_args(test, test_not)
        self.d = direct(self.fn, 2)
        self.hashkey = None if self.negate else HASHABLE_TESTS.get(self.fn)
        self.fast = None
        d = self.d
        if d is not None:
            if self.fn is EQL_FN:
                f = eql
            elif self.fn is EQUAL_FN:
                f = equal
            else:
                f = lambda a, b: d(a, b) is not NIL   # noqa: E731
            self.fast = (lambda a, b: not f(a, b)) if self.negate else f

    def slow(self, a, b):
        d = self.d
        r = d(a, b) if d is not None else (yield from call_lisp(self.fn, a, b))
        return (r is not NIL) != self.negate


def apply_key(key: Fn | None, items: list):
    """Generator: the list of (key x) for X in ITEMS."""
    if key is None:
        return items
    kd = key.d
    if kd is not None:
        return [kd(x) for x in items]
    out = []
    for x in items:
        out.append((yield from call_lisp(key.fn, x)))
    return out


# ---------------------------------------------------------------- elements
def list_items(lst) -> list:
    """The elements of a proper list; TYPE-ERROR on a dotted tail."""
    out = []
    append = out.append
    x = lst
    while type(x) is Cons:
        append(x.car)
        x = x.cdr
    if x is not NIL:
        raise type_error(x, S_LIST)
    return out


def string_chars(s: LString) -> list:
    return list(map(make_char, s.value))


def seq_items(seq) -> list:
    """The elements of a sequence (the active part of a vector) as a Python
    list. For vectors without fill pointer this may be the storage itself:
    callers that mutate must copy."""
    if type(seq) is Cons:
        return list_items(seq)
    if seq is NIL:
        return []
    if isinstance(seq, LString):
        return string_chars(seq)
    if isinstance(seq, Vector):
        return seq.active()
    raise type_error(seq, S_SEQUENCE)


def seq_length(seq) -> int:
    if type(seq) is Cons:
        n = 0
        x = seq
        while type(x) is Cons:
            n += 1
            x = x.cdr
        if x is not NIL:
            raise type_error(x, S_LIST)
        return n
    if seq is NIL:
        return 0
    if isinstance(seq, (LString, Vector)):
        return len(seq)
    raise type_error(seq, S_SEQUENCE)


def is_list(x) -> bool:
    return type(x) is Cons or x is NIL


def check_sequence(x):
    if not (type(x) is Cons or x is NIL or isinstance(x, (LString, Vector))):
        raise type_error(x, S_SEQUENCE)
    return x


def list_from(items, tail=NIL):
    r = tail
    for x in reversed(items):
        r = Cons(x, r)
    return r


def chars_to_str(items) -> str:
    """Join Lisp characters; TYPE-ERROR for anything else, as SBCL does
    when storing a non-character into a string."""
    try:
        return "".join([c.ch for c in items])
    except AttributeError:
        for c in items:
            if type(c) is not Char:
                raise type_error(c, S_CHARACTER) from None
        raise


def make_vector_like(seq, items: list):
    """A fresh simple vector of SEQ's element type holding ITEMS."""
    if isinstance(seq, LString):
        return LString(chars_to_str(items), element_type=seq.element_type)
    et = seq.element_type
    ok = element_checker(et)
    if ok is not None:
        for x in items:
            if not ok(x):
                raise type_error(x, et)
    return Vector(items, element_type=et)


def like(seq, items: list):
    """A fresh sequence of the same kind as SEQ holding ITEMS."""
    if type(seq) is Cons or seq is NIL:
        return list_from(items)
    return make_vector_like(seq, items)


def store_items(seq, start: int, items: list):
    """Write ITEMS into SEQ (a list, vector or string) from START
    (destructive; a list must have the elements to overwrite)."""
    if type(seq) is Cons:
        x = seq
        for _ in range(start):
            x = x.cdr
        for item in items:
            x.car = item
            x = x.cdr
        return
    if not items:
        return
    if isinstance(seq, LString):
        d = seq.data
        seq.data = d[:start] + chars_to_str(items) + d[start + len(items):]
        return
    ok = element_checker(seq.element_type)
    if ok is not None:
        for x in items:
            if not ok(x):
                raise type_error(x, seq.element_type)
    seq.items[start:start + len(items)] = items


def new_vector(kind_etype, items: list):
    """A simple vector of upgraded element type ETYPE (a string for the
    character types) holding ITEMS, checked."""
    if is_character_type(kind_etype):
        return LString(chars_to_str(items), element_type=kind_etype)
    ok = element_checker(kind_etype)
    if ok is not None:
        for x in items:
            if not ok(x):
                raise type_error(x, kind_etype)
    return Vector(items, element_type=kind_etype)


# ---------------------------------------------------------------- indices
def check_index_arg(x, spec=INDEX_TYPE) -> int:
    if type(x) is not int or x < 0:
        raise type_error(x, spec)
    return x


def bounding_error(seq, start, end, length):
    return lisp_error("SIMPLE-TYPE-ERROR",
                      "The bounding indices ~S and ~S are bad for a sequence of length ~S."
                      "~%See also:"
                      "~%  The ANSI Standard, Glossary entry for \"bounding index designator\""
                      "~%  The ANSI Standard, writeup for Issue SUBSEQ-OUT-OF-BOUNDS:IS-AN-ERROR",
                      start, end, length,
                      datum=Cons(start, end),
                      expected_type=lisp_list(S_INTEGER, 0, length))


def bounds(seq, start, end, length: int) -> tuple[int, int]:
    """Check :start/:end against LENGTH (SBCL's BOUNDING-INDICES-BAD-ERROR)
    and return them as ints; END None or NIL means LENGTH."""
    if start is None:
        start = 0
    elif type(start) is not int or start < 0:
        raise type_error(start, INDEX_TYPE)
    if end is None or end is NIL:
        e = length
        if start > length:
            raise bounding_error(seq, start, NIL, length)
        return start, e
    if type(end) is not int or end < 0:
        raise type_error(end, END_TYPE)
    if not start <= end <= length:
        raise bounding_error(seq, start, end, length)
    return start, end


def count_arg(count) -> int | None:
    """:count: NIL means all; negative counts as 0 (SBCL)."""
    if count is None or count is NIL:
        return None
    if type(count) is not int:
        raise type_error(count, S_INTEGER)
    return max(count, 0)

"""SUBTYPEP: is every object of one type specifier of another?

Both specifiers are first normalized into a small algebra (types.py's
``typep`` stays the authority on membership):

- ``Num(kind, lo, hi)``: a real interval of one of the kinds INTEGER, RATIO,
  RATIONAL, REAL, FLOAT, SINGLE-FLOAT, DOUBLE-FLOAT; FIXNUM, BIT, (MOD n),
  (UNSIGNED-BYTE n) ... are integer intervals, BIGNUM two of them;
- ``Arr(simple, element, dims)``: arrays, STRING being the union of the
  character, base-char and NIL element types, as in SBCL;
- ``ConsT(car, cdr)``; ``Member(objects)`` (EQL, MEMBER, NULL, BOOLEAN);
- ``Named(name, parent)``: a proper subtype known only by name (KEYWORD,
  COMPILED-FUNCTION, BASE-CHAR ...);
- ``Cls``: any other class (NUMBER, SEQUENCE, user classes ...);
- ``Or``/``And``/``Not``, and ``Unknown`` (SATISFIES, an undefined type).

The answer is True, False, or None (cannot tell: SUBTYPEP's NIL NIL), and
follows SBCL's answers for the specifiers people write; unlike SBCL it
does not reason about intersections beyond integer ranges.
"""
from __future__ import annotations

import math

from .arraydata import upgrade_element_type
from .equality import equal
from .errors import LispError
from .functions import intern_name
from .objects import NIL, T, CL, Symbol, Cons, cl_sym, list_to_py
from .typespec_errors import check_compound, check_specifier
from .types import CLASSES, DEFTYPES, FIXNUM_MIN, FIXNUM_MAX, expand_deftype, typep

S = cl_sym
STAR = S("*")


class Type:
    __slots__ = ("spec",)


class Top(Type):
    __slots__ = ()


class Bottom(Type):
    __slots__ = ()


class Unknown(Type):
    __slots__ = ()


class Cls(Type):
    __slots__ = ("cls",)

    def __init__(self, cls):
        self.cls = cls


class Num(Type):
    """An interval; a bound is None (unbounded) or (value, exclusive)."""
    __slots__ = ("kind", "lo", "hi")

    def __init__(self, kind, lo=None, hi=None):
        self.kind, self.lo, self.hi = kind, lo, hi


class Arr(Type):
    __slots__ = ("simple", "element", "dims")

    def __init__(self, simple, element, dims):
        self.simple, self.element, self.dims = simple, element, dims


class ConsT(Type):
    __slots__ = ("car", "cdr")

    def __init__(self, car, cdr):
        self.car, self.cdr = car, cdr


class Member(Type):
    __slots__ = ("objects",)

    def __init__(self, objects):
        self.objects = objects


class Named(Type):
    __slots__ = ("name", "parent")

    def __init__(self, name, parent):
        self.name, self.parent = name, parent


class ComplexT(Type):
    __slots__ = ("part",)

    def __init__(self, part=STAR):
        self.part = part


class Or(Type):
    __slots__ = ("parts",)

    def __init__(self, parts):
        # flattened, so a union's intervals are seen together
        self.parts = [q for p in parts for q in (p.parts if type(p) is Or else [p])]


class And(Type):
    __slots__ = ("parts",)

    def __init__(self, parts):
        self.parts = parts


class Not(Type):
    __slots__ = ("inner",)

    def __init__(self, inner):
        self.inner = inner


# ---------------------------------------------------------------- normalization
_KINDS = ("INTEGER", "RATIO", "RATIONAL", "REAL", "FLOAT", "SINGLE-FLOAT", "DOUBLE-FLOAT")
_KIND_ALIASES = {"SHORT-FLOAT": "SINGLE-FLOAT", "LONG-FLOAT": "DOUBLE-FLOAT"}
# kind -> the kinds it includes
_SUBKINDS = {"INTEGER": {"INTEGER"}, "RATIO": {"RATIO"},
             "RATIONAL": {"RATIONAL", "INTEGER", "RATIO"},
             "SINGLE-FLOAT": {"SINGLE-FLOAT"}, "DOUBLE-FLOAT": {"DOUBLE-FLOAT"},
             "FLOAT": {"FLOAT", "SINGLE-FLOAT", "DOUBLE-FLOAT"},
             "REAL": set(_KINDS)}
# the kinds a kind is made of, to test each against a union
_PARTS = {"REAL": ("RATIONAL", "FLOAT"), "RATIONAL": ("INTEGER", "RATIO"),
          "FLOAT": ("SINGLE-FLOAT", "DOUBLE-FLOAT")}

_STRING_ELEMENTS = (S("CHARACTER"), S("BASE-CHAR"), NIL)


def _ints(lo, hi):
    return Num("INTEGER", None if lo is None else (lo, False), None if hi is None else (hi, False))


def _string(simple, dims):
    return Or([Arr(simple, e, dims) for e in _STRING_ELEMENTS])


def _atomic(sym):
    """The type an atomic type specifier in the CL package names, or None."""
    n = sym.name
    n = _KIND_ALIASES.get(n, n)
    if n in _KINDS:
        return Num(n)
    vec = (STAR,)
    table = {
        "FIXNUM": lambda: _ints(FIXNUM_MIN, FIXNUM_MAX),
        "BIGNUM": lambda: Or([_ints(None, FIXNUM_MIN - 1), _ints(FIXNUM_MAX + 1, None)]),
        "BIT": lambda: _ints(0, 1),
        "SIGNED-BYTE": lambda: Num("INTEGER"),
        "UNSIGNED-BYTE": lambda: _ints(0, None),
        "COMPLEX": ComplexT,
        "NULL": lambda: Member([NIL]),
        "BOOLEAN": lambda: Member([T, NIL]),
        "LIST": lambda: Or([Member([NIL]), ConsT(Top(), Top())]),
        "CONS": lambda: ConsT(Top(), Top()),
        "ATOM": lambda: Not(ConsT(Top(), Top())),
        "KEYWORD": lambda: Named("KEYWORD", Cls(CLASSES[S("SYMBOL")])),
        "CHARACTER": lambda: Or([_atomic(S("BASE-CHAR")), _atomic(S("EXTENDED-CHAR"))]),
        "BASE-CHAR": lambda: Named("BASE-CHAR", Cls(CLASSES[S("CHARACTER")])),
        "STANDARD-CHAR": lambda: Named("STANDARD-CHAR", _atomic(S("BASE-CHAR"))),
        "EXTENDED-CHAR": lambda: Named("EXTENDED-CHAR", Cls(CLASSES[S("CHARACTER")])),
        "COMPILED-FUNCTION": lambda: Named("COMPILED-FUNCTION", Cls(CLASSES[S("FUNCTION")])),
        "ARRAY": lambda: Arr(False, STAR, STAR),
        "SIMPLE-ARRAY": lambda: Arr(True, STAR, STAR),
        "VECTOR": lambda: Arr(False, STAR, vec),
        "SIMPLE-VECTOR": lambda: Arr(True, T, vec),
        "BIT-VECTOR": lambda: Arr(False, S("BIT"), vec),
        "SIMPLE-BIT-VECTOR": lambda: Arr(True, S("BIT"), vec),
        "STRING": lambda: _string(False, vec),
        "SIMPLE-STRING": lambda: _string(True, vec),
        "BASE-STRING": lambda: Arr(False, S("BASE-CHAR"), vec),
        "SIMPLE-BASE-STRING": lambda: Arr(True, S("BASE-CHAR"), vec),
    }
    make = table.get(n)
    return make() if make is not None else None


def _bound(x):
    if x is STAR:
        return None
    if type(x) is Cons:
        return (x.car, True)
    return (x, False)


def _dims(x):
    if x is STAR:
        return STAR
    if type(x) is int:
        return (STAR,) * x
    return tuple(list_to_py(x))


def _element(x):
    return x if x is STAR or x is NIL else upgrade_element_type(x)


def _compound(head, args):
    n = head.name
    n = _KIND_ALIASES.get(n, n)
    arg = lambda i: args[i] if len(args) > i else STAR
    if n == "OR":
        return Or([normalize(a) for a in args])
    if n == "AND":
        return And([normalize(a) for a in args])
    if n == "NOT":
        return Not(normalize(args[0]))
    if n in ("MEMBER", "EQL"):
        return Member(list(args))
    if n in _KINDS:
        return Num(n, _bound(arg(0)), _bound(arg(1)))
    if n == "MOD":
        return _ints(0, args[0] - 1)
    if n in ("UNSIGNED-BYTE", "SIGNED-BYTE"):
        if arg(0) is STAR:
            return _atomic(head)
        bits = args[0]
        return _ints(0, 2 ** bits - 1) if n == "UNSIGNED-BYTE" else \
            _ints(-2 ** (bits - 1), 2 ** (bits - 1) - 1)
    if n == "CONS":
        return ConsT(*[Top() if a is STAR else normalize(a) for a in (arg(0), arg(1))])
    if n in ("ARRAY", "SIMPLE-ARRAY"):
        return Arr(n == "SIMPLE-ARRAY", _element(arg(0)), _dims(arg(1)))
    if n == "VECTOR":
        return Arr(False, _element(arg(0)), (arg(1),))
    sized = {"SIMPLE-VECTOR": (True, T), "BIT-VECTOR": (False, S("BIT")),
             "SIMPLE-BIT-VECTOR": (True, S("BIT")), "BASE-STRING": (False, S("BASE-CHAR")),
             "SIMPLE-BASE-STRING": (True, S("BASE-CHAR"))}
    if n in sized:
        simple, element = sized[n]
        return Arr(simple, element, (arg(0),))
    if n in ("STRING", "SIMPLE-STRING"):
        return _string(n == "SIMPLE-STRING", (arg(0),))
    if n == "COMPLEX":
        return ComplexT(STAR if arg(0) is STAR else normalize(arg(0)))
    if n == "FUNCTION":
        return Cls(CLASSES[S("FUNCTION")])
    return None


def normalize(spec) -> Type:
    """The algebra's form of the type specifier SPEC (DEFTYPEs expanded)."""
    head = spec.car if type(spec) is Cons else spec
    while isinstance(head, Symbol) and head in DEFTYPES and head not in CLASSES:
        spec = expand_deftype(head, spec.cdr if type(spec) is Cons else NIL)
        head = spec.car if type(spec) is Cons else spec
    t = None
    if spec is T:
        t = Top()
    elif spec is NIL:
        t = Bottom()
    elif type(spec) is Symbol:
        if spec.package is CL:
            t = _atomic(spec)
        if t is None and spec in _CHARACTER_STRINGS:
            t = Arr(_CHARACTER_STRINGS[spec], S("CHARACTER"), (STAR,))
        if t is None:
            cls = CLASSES.get(spec)
            t = Cls(cls) if cls is not None else Unknown()
    elif type(spec) is Cons and isinstance(spec.car, Symbol) and spec.car.package is CL:
        args = list_to_py(spec.cdr)
        check_compound(spec.car, args)
        t = _compound(spec.car, args)
    else:
        check_specifier(spec)
    if t is None:
        t = Unknown()
    t.spec = spec
    return t


_CHARACTER_STRINGS = {intern_name("SB-KERNEL::CHARACTER-STRING"): False,
                      intern_name("SB-KERNEL:SIMPLE-CHARACTER-STRING"): True}


# ---------------------------------------------------------------- intervals
def _int_range(n: Num):
    """N's integers as an inclusive (lo, hi), None for unbounded."""
    lo = hi = None
    if n.lo is not None:
        v, excl = n.lo
        lo = math.floor(v) + 1 if excl else math.ceil(v)
    if n.hi is not None:
        v, excl = n.hi
        hi = math.ceil(v) - 1 if excl else math.floor(v)
    return lo, hi


def _empty(n: Num) -> bool:
    if n.kind == "INTEGER":
        lo, hi = _int_range(n)
        return lo is not None and hi is not None and lo > hi
    if n.lo is None or n.hi is None:
        return False
    (a, ea), (b, eb) = n.lo, n.hi
    return a > b or (a == b and (ea or eb))


def _covers_ints(lo, hi, ranges) -> bool:
    """Do the inclusive integer RANGES cover lo..hi (None: unbounded)?"""
    def key(r):
        return -math.inf if r[0] is None else r[0]
    at = lo
    for rlo, rhi in sorted(ranges, key=key):
        if not (rlo is None or (at is not None and rlo <= at)):
            return False
        if rhi is None:
            return True
        if at is None or rhi >= at:
            at = rhi + 1
        if hi is not None and at > hi:
            return True
    return False


def _lo_le(a, b) -> bool:
    """Lower bound A starts at or before lower bound B."""
    if a is None:
        return True
    if b is None:
        return False
    return a[0] < b[0] or (a[0] == b[0] and (not a[1] or b[1]))


def _hi_ge(a, b) -> bool:
    """Upper bound A ends at or after upper bound B."""
    if a is None:
        return True
    if b is None:
        return False
    return a[0] > b[0] or (a[0] == b[0] and (not a[1] or b[1]))


def _before(hi, lo) -> bool:
    """Does an interval ending at HI end before one starting at LO?"""
    return (hi is not None and lo is not None
            and (hi[0] < lo[0] or (hi[0] == lo[0] and (hi[1] or lo[1]))))


def _covers_reals(n: Num, intervals) -> bool:
    """Do INTERVALS (Num) together cover N, merged where they touch?"""
    def key(m):
        return (-math.inf, 0) if m.lo is None else (m.lo[0], m.lo[1])
    lo = n.lo
    for m in sorted(intervals, key=key):
        if not _lo_le(m.lo, lo):
            return False
        if _hi_ge(m.hi, n.hi):
            return True
        if m.hi is not None and (lo is None or _hi_ge(m.hi, lo)):
            lo = (m.hi[0], not m.hi[1])
    return False


def _num_covered(n: Num, others: list) -> bool:
    """Is the single-kind interval N inside the union of OTHERS (Num and
    Member types)?"""
    if n.kind == "INTEGER":
        ranges = [_int_range(m) for m in others if type(m) is Num and "INTEGER" in _SUBKINDS[m.kind]]
        ranges += [(x, x) for m in others if type(m) is Member for x in m.objects if type(x) is int]
        lo, hi = _int_range(n)
        return _covers_ints(lo, hi, ranges)
    return _covers_reals(n, [m for m in others if type(m) is Num and n.kind in _SUBKINDS[m.kind]])


def _num_sub(a: Num, parts: list):
    """A inside the union of PARTS: splits A's kind into the kinds it is made
    of, so REAL is inside (OR RATIONAL FLOAT)."""
    if _empty(a):
        return True
    if a.kind in _PARTS and not any(type(p) is Num and a.kind in _SUBKINDS[p.kind]
                                    and _num_covered(a, [p]) for p in parts):
        return all(_num_sub(Num(k, a.lo, a.hi), parts) for k in _PARTS[a.kind])
    return _num_covered(a, parts)


# ---------------------------------------------------------------- representative classes
def _rep_class(t):
    """The most specific class every object of T is an instance of."""
    if type(t) is Num:
        return CLASSES[S(t.kind)]
    if type(t) is Arr:
        return CLASSES[S("VECTOR") if t.dims is not STAR and len(t.dims) == 1 else S("ARRAY")]
    if type(t) is ConsT:
        return CLASSES[S("CONS")]
    if type(t) is ComplexT:
        return CLASSES[S("COMPLEX")]
    if type(t) is Named:
        return _rep_class(t.parent)
    if type(t) is Cls:
        return t.cls
    if type(t) is Top:
        return CLASSES[T]
    return None


def _classes_overlap(a, b):
    if a in b.cpl or b in a.cpl:
        return True
    if a.kind in ("standard", "condition") or b.kind in ("standard", "condition"):
        return None       # a class defined later may inherit from both
    return any(a in c.cpl and b in c.cpl for c in CLASSES.values())


# ---------------------------------------------------------------- the relations
def _all(results):
    if False in results:
        return False
    return None if None in results else True


def _any(results):
    if True in results:
        return True
    return None if None in results else False


def _typep(x, t):
    try:
        return typep(x, t.spec)
    except LispError:
        return None


def subtype(a: Type, b: Type):
    """Is every object of A of B? True, False, or None (cannot tell)."""
    ta, tb = type(a), type(b)
    if ta is Bottom or tb is Top:
        return True
    if ta is Or:
        return _all([subtype(p, b) for p in a.parts])
    if tb is And:
        return _all([subtype(a, p) for p in b.parts])
    if ta is Member:
        return _all([_typep(x, b) for x in a.objects])
    if ta is Unknown:
        return None
    if ta is And:
        if any(subtype(p, b) is True for p in a.parts):
            return True
        alternatives = _and_alternatives(a)
        return None if alternatives is None else _all([subtype(x, b) for x in alternatives])
    if ta is Not:
        # (not X) is in B when X and B together are everything
        return subtype(b.inner, a.inner) if tb is Not else subtype(Top(), Or([a.inner, b]))
    if tb is Not:
        return disjoint(a, b.inner)
    if tb is Or:
        if any(subtype(a, p) is True for p in b.parts):
            return True
        if ta is Top:
            for i, p in enumerate(b.parts):
                if type(p) is Not:
                    return subtype(p.inner, Or(b.parts[:i] + b.parts[i + 1:]))
        if ta is Num:
            covered = _num_sub(a, b.parts)
            if covered:
                return True
        results = [subtype(a, p) for p in b.parts]
        return None if None in results else False
    if tb is Unknown:
        return None
    if tb is Bottom:
        return ta is Num and _empty(a)
    if tb is Member:
        if ta is Named and a.name == "KEYWORD":
            return None       # as SBCL, which treats KEYWORD like a SATISFIES type here
        if ta is Num and a.kind == "INTEGER":
            lo, hi = _int_range(a)
            if lo is not None and hi is not None and hi - lo < 1024:
                return all(any(type(x) is int and x == i for x in b.objects)
                           for i in range(lo, hi + 1))
        return False
    return _simple_subtype(a, b)


def _simple_subtype(a, b):
    """Neither is a combination: intervals, arrays, conses, classes."""
    ta, tb = type(a), type(b)
    if tb is Named:
        if ta is Named:
            x = a
            while type(x) is Named:
                if x.name == b.name:
                    return True
                x = x.parent
        return False
    if ta is Named:
        return subtype(a.parent, b)
    if tb is Cls:
        if ta is Arr and b.cls is CLASSES[S("SEQUENCE")]:
            return a.dims is not STAR and len(a.dims) == 1
        rep = _rep_class(a)
        return rep is not None and b.cls in rep.cpl
    if ta is not tb:
        return False
    if ta is Num:
        if _empty(a):
            return True
        if a.kind not in _SUBKINDS[b.kind]:
            return _num_sub(a, [b]) if a.kind in _PARTS else False
        return _num_covered(a, [b])
    if ta is Arr:
        return ((a.simple or not b.simple)
                and (b.element is STAR or a.element is b.element)
                and _dims_within(a.dims, b.dims))
    if ta is ConsT:
        return _all([subtype(a.car, b.car), subtype(a.cdr, b.cdr)])
    if ta is ComplexT:
        return b.part is STAR or (a.part is not STAR and subtype(a.part, b.part))
    return False


def _dims_within(a, b) -> bool:
    if b is STAR:
        return True
    if a is STAR or len(a) != len(b):
        return False
    return all(y is STAR or x == y for x, y in zip(a, b))


def _integer_intersection(a: And):
    """An AND of integer types and negated integer types as a list of
    integer intervals, or None when it is anything else."""
    pieces, holes = [(None, None)], []
    for p in a.parts:
        if type(p) is Not:
            ranges = _integer_ranges(p.inner)
            if ranges is None:
                return None
            holes += ranges
            continue
        ranges = _integer_ranges(p)
        if ranges is None:
            return None
        pieces = [(_max(plo, rlo), _min(phi, rhi)) for plo, phi in pieces for rlo, rhi in ranges]
        pieces = [(x, y) for x, y in pieces if x is None or y is None or x <= y]
    for hlo, hhi in holes:
        cut = []
        for plo, phi in pieces:
            if hlo is not None:
                cut.append((plo, _min(phi, hlo - 1)))
            if hhi is not None:
                cut.append((_max(plo, hhi + 1), phi))
        pieces = [(x, y) for x, y in cut if x is None or y is None or x <= y]
    return [_ints(x, y) for x, y in pieces]


def _max(a, b):
    """The larger of two lower bounds, None being minus infinity."""
    return b if a is None else a if b is None else max(a, b)


def _min(a, b):
    """The smaller of two upper bounds, None being infinity."""
    return b if a is None else a if b is None else min(a, b)


def _integer_ranges(t):
    if type(t) is Num and t.kind == "INTEGER":
        return [_int_range(t)]
    if type(t) is Or and all(type(p) is Num and p.kind == "INTEGER" for p in t.parts):
        return [_int_range(p) for p in t.parts]
    return None


def _leaves(t) -> list:
    """T as a union of parts, an interval split into the kinds it is made
    of (REAL into INTEGER, RATIO, SINGLE-FLOAT, DOUBLE-FLOAT)."""
    if type(t) is Or:
        return [leaf for p in t.parts for leaf in _leaves(p)]
    if type(t) is Num and t.kind in _PARTS:
        return [leaf for k in _PARTS[t.kind] for leaf in _leaves(Num(k, t.lo, t.hi))]
    return [t]


def _and_alternatives(a: And):
    """A union of types equal to the AND A, or None when it cannot be
    worked out: the alternatives of A's first positive part that lie in its
    other positive parts and outside its negated ones."""
    ints = _integer_intersection(a)
    if ints is not None:
        return ints
    positives = [p for p in a.parts if type(p) is not Not]
    negatives = [p.inner for p in a.parts if type(p) is Not]
    if not positives:
        return None
    first, rest = positives[0], positives[1:]
    kept = []
    for alt in _leaves(first):
        if any(disjoint(alt, p) is True for p in rest) or \
                any(subtype(alt, n) is True for n in negatives):
            continue
        if not (all(subtype(alt, p) is True for p in rest)
                and all(disjoint(alt, n) is True for n in negatives)):
            return None
        kept.append(alt)
    return kept


def disjoint(a: Type, b: Type):
    """Do A and B have no object in common? True, False, or None."""
    ta, tb = type(a), type(b)
    if ta is Bottom or tb is Bottom:
        return True
    if ta is Or:
        return _all([disjoint(p, b) for p in a.parts])
    if tb is Or:
        return _all([disjoint(a, p) for p in b.parts])
    if ta is Member:
        return _all([None if r is None else not r for r in (_typep(x, b) for x in a.objects)])
    if tb is Member:
        return disjoint(b, a)
    if ta is Not:
        return subtype(b, a.inner)
    if tb is Not:
        return subtype(a, b.inner)
    if ta is Top or tb is Top:
        return False
    if Unknown in (ta, tb) or And in (ta, tb):
        return _any([disjoint(p, b) for p in a.parts]) if ta is And else \
            _any([disjoint(a, p) for p in b.parts]) if tb is And else None
    if ta is Named and tb is Named:
        names = {a.name, b.name}
        if "EXTENDED-CHAR" in names and names & {"BASE-CHAR", "STANDARD-CHAR"}:
            return True
        return False if subtype(a, b) or subtype(b, a) else disjoint(a.parent, b.parent)
    if ta is Named:
        return disjoint(a.parent, b)
    if tb is Named:
        return disjoint(a, b.parent)
    if ta is tb and ta is not Cls:
        if ta is Num:
            if not (_SUBKINDS[a.kind] & _SUBKINDS[b.kind]):
                return True
            if "INTEGER" in (a.kind, b.kind):
                (alo, ahi), (blo, bhi) = _int_range(a), _int_range(b)
                lo = alo if blo is None else blo if alo is None else max(alo, blo)
                hi = ahi if bhi is None else bhi if ahi is None else min(ahi, bhi)
                return lo is not None and hi is not None and lo > hi
            return _before(a.hi, b.lo) or _before(b.hi, a.lo)
        if ta is Arr:
            return not ((a.element is STAR or b.element is STAR or a.element is b.element)
                        and (a.dims is STAR or b.dims is STAR or _dims_within(a.dims, b.dims)))
        if ta is ConsT:
            return _any([disjoint(a.car, b.car), disjoint(a.cdr, b.cdr)])
        return False
    ra, rb = _rep_class(a), _rep_class(b)
    if ra is None or rb is None:
        return None
    if Arr in (ta, tb) and CLASSES[S("SEQUENCE")] in (ra, rb):
        arr = a if ta is Arr else b
        return arr.dims is not STAR and len(arr.dims) != 1
    overlap = _classes_overlap(ra, rb)
    return None if overlap is None else not overlap


def is_valid(spec) -> bool:
    """Is SPEC a type specifier TYPEP accepts: well formed, every name in it
    known (a SATISFIES predicate need not be defined)?"""
    try:
        t = normalize(spec)
    except LispError:
        return False
    return _known(t)


def _known(t) -> bool:
    if type(t) is Unknown:
        spec = t.spec
        return type(spec) is Cons and spec.car is S("SATISFIES")
    if type(t) in (Or, And):
        return all(_known(p) for p in t.parts)
    if type(t) is Not:
        return _known(t.inner)
    if type(t) is ConsT:
        return _known(t.car) and _known(t.cdr)
    if type(t) is ComplexT:
        return t.part is STAR or _known(t.part)
    return True


def subtypep(t1, t2):
    """SUBTYPEP's answer for the type specifiers T1 and T2: True, False, or
    None when it cannot be decided."""
    if equal(t1, t2):
        return True
    return subtype(normalize(t1), normalize(t2))


__all__ = ["subtypep", "normalize", "subtype", "disjoint", "is_valid"]

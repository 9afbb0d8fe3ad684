"""Lisp data: symbols, packages, conses, characters, strings, vectors, arrays,
hash tables, multiple values and the markers the machine uses.

Representation (kept deliberately close to Python so primitives stay cheap):
- integers are Python ``int`` (never ``bool``), ratios ``fractions.Fraction``
  (always normalised: a ratio with denominator 1 is an ``int``), double floats
  Python ``float``, single floats ``SingleFloat`` (a ``float`` subclass whose
  value is rounded to IEEE single precision), complexes ``LispComplex``.
- ``NIL`` and ``T`` are symbols of COMMON-LISP; ``NIL`` is also the empty list.
- strings are ``LString`` (mutable, may have a fill pointer), characters
  ``Char`` (interned: one object per code point, so ``eq`` works as in SBCL).
"""
from __future__ import annotations

import struct
from fractions import Fraction

__all__ = [
    "Symbol", "Package", "Cons", "Char", "LString", "Vector", "Array",
    "HashTable", "MV", "SingleFloat", "LispComplex", "UNBOUND", "NIL", "T",
    "CL", "KEYWORD", "CL_USER", "SYSTEM", "PACKAGES", "find_package", "intern",
    "keyword", "cl_sym", "sys_sym", "lisp_list", "list_to_py", "iter_list",
    "make_char", "Instance", "LispClass", "Unbound",
]


class Unbound:
    """The marker in a value cell that has no value."""
    __slots__ = ()

    def __repr__(self):
        return "#<unbound>"


UNBOUND = Unbound()

# Symbol flag bits
SPECIAL = 1
CONSTANT = 2


class Symbol:
    __slots__ = ("name", "package", "value", "fn", "macro", "plist", "flags",
                 "setf_fn", "setf_expander", "symbol_macro", "__weakref__")

    def __init__(self, name: str, package: "Package | None" = None):
        self.name = name
        self.package = package
        self.value = UNBOUND      # global value
        self.fn = None            # global function (a Function object)
        self.macro = None         # macro expander function (Lisp function of form, env)
        self.plist = None         # property list (Lisp list); None means NIL
        self.flags = 0
        self.setf_fn = None       # (setf name) function
        self.setf_expander = None # defsetf / define-setf-expander data
        self.symbol_macro = None  # global symbol macro expansion (define-symbol-macro)

    def __iter__(self):
        """NIL is the empty list: iterating over it yields nothing."""
        if self is NIL:
            return iter(())
        raise TypeError(f"{self!r} is not a list")

    @property
    def is_special(self):
        return self.flags & SPECIAL

    @property
    def is_constant(self):
        return self.flags & CONSTANT

    def __repr__(self):
        if self.package is None:
            return "#:" + self.name
        return f"{self.package.name}::{self.name}"


class Package:
    __slots__ = ("name", "nicknames", "internal", "external", "use_list",
                 "used_by", "shadowing", "doc")

    def __init__(self, name: str, nicknames=(), use=()):
        self.name = name
        self.nicknames = list(nicknames)
        self.internal: dict[str, Symbol] = {}
        self.external: dict[str, Symbol] = {}
        self.use_list: list[Package] = []
        self.used_by: list[Package] = []
        self.shadowing: dict[str, Symbol] = {}
        self.doc = None
        for p in use:
            self.use(p)
        register_package(self)

    def use(self, other: "Package"):
        if other not in self.use_list:
            self.use_list.append(other)
            other.used_by.append(self)

    def find(self, name: str):
        """Return (symbol, status) with status one of 'external', 'internal',
        'inherited', or (None, None)."""
        s = self.external.get(name)
        if s is not None:
            return s, "external"
        s = self.internal.get(name)
        if s is not None:
            return s, "internal"
        for p in self.use_list:
            s = p.external.get(name)
            if s is not None:
                return s, "inherited"
        return None, None

    def intern(self, name: str):
        s, status = self.find(name)
        if s is not None:
            return s, status
        s = Symbol(name, self)
        if self is KEYWORD:
            s.value = s
            s.flags |= SPECIAL | CONSTANT
            self.external[name] = s
        else:
            self.internal[name] = s
        return s, None

    def export(self, sym: Symbol):
        name = sym.name
        if self.internal.get(name) is sym:
            del self.internal[name]
        self.external[name] = sym

    def present(self, name: str):
        return self.external.get(name) or self.internal.get(name)

    def __repr__(self):
        return f"#<PACKAGE {self.name}>"


PACKAGES: dict[str, Package] = {}


def register_package(p: Package):
    PACKAGES[p.name] = p
    for n in p.nicknames:
        PACKAGES[n] = p


def find_package(name) -> "Package | None":
    if isinstance(name, Package):
        return name
    if isinstance(name, Symbol):
        name = name.name
    elif isinstance(name, LString):
        name = name.value
    if local_nickname_hook is not None:
        p = local_nickname_hook(name)
        if p is not None:
            return p
    return PACKAGES.get(name)


# name -> the package the current package's local nicknames give it, or
# None (set by lisp/prims/packages.py: package-local nicknames come first)
local_nickname_hook = None


KEYWORD = Package("KEYWORD")
CL = Package("COMMON-LISP", nicknames=["CL"])
SYSTEM = Package("SYSTEM", nicknames=["SYS"], use=[CL])
SB_EXT = Package("SB-EXT", use=[CL])
SB_INT = Package("SB-INT", use=[CL])

NIL = Symbol("NIL", CL)
NIL.value = NIL
NIL.flags = SPECIAL | CONSTANT
CL.external["NIL"] = NIL
T = Symbol("T", CL)
T.value = T
T.flags = SPECIAL | CONSTANT
CL.external["T"] = T


def _create_cl_symbols():
    """Every external symbol of COMMON-LISP (the 978 of CLHS 1.9) exists
    from the start, so code read in any package finds CL's symbols even
    before they are defined."""
    import os
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cl_symbols.txt")
    with open(path, encoding="ascii") as f:
        for line in f:
            name = line.strip()
            if name and name not in CL.external:
                CL.external[name] = Symbol(name, CL)


def cl_sym(name: str) -> Symbol:
    """The external COMMON-LISP symbol NAME. COMMON-LISP exports exactly the
    978 standard symbols; any other name is an implementation symbol and is
    interned in SYSTEM instead, so CL never grows."""
    s = CL.external.get(name)
    if s is None:
        s = SYSTEM.intern(name)[0]
    return s


_create_cl_symbols()


def sys_sym(name: str) -> Symbol:
    return SYSTEM.intern(name)[0]


def keyword(name: str) -> Symbol:
    return KEYWORD.intern(name)[0]


def intern(name: str, package: Package) -> Symbol:
    return package.intern(name)[0]


CL_USER = Package("COMMON-LISP-USER", nicknames=["CL-USER"], use=[CL])


# ---------------------------------------------------------------- conses
class Cons:
    __slots__ = ("car", "cdr")

    def __init__(self, car, cdr):
        self.car = car
        self.cdr = cdr

    def __iter__(self):
        """Iterate over the elements of a proper (or dotted: the tail is
        ignored) list."""
        x = self
        while type(x) is Cons:
            yield x.car
            x = x.cdr

    def __repr__(self):
        from .printer import prin1_to_string
        return prin1_to_string(self)


def lisp_list(*items):
    r = NIL
    for x in reversed(items):
        r = Cons(x, r)
    return r


def list_from_iter(items, tail=NIL):
    r = tail
    for x in reversed(list(items)):
        r = Cons(x, r)
    return r


def iter_list(x):
    while type(x) is Cons:
        yield x.car
        x = x.cdr


def list_to_py(x) -> list:
    out = []
    while type(x) is Cons:
        out.append(x.car)
        x = x.cdr
    return out


# ---------------------------------------------------------------- characters
class Char:
    __slots__ = ("ch",)

    def __init__(self, ch: str):
        self.ch = ch

    @property
    def code(self):
        return ord(self.ch)

    def __repr__(self):
        return f"#\\{self.ch}"


_CHARS: dict[str, Char] = {}


def make_char(ch: str) -> Char:
    c = _CHARS.get(ch)
    if c is None:
        c = _CHARS[ch] = Char(ch)
    return c


# ---------------------------------------------------------------- strings, arrays
class LString:
    """A Lisp string. ``value`` is the active contents (up to the fill
    pointer); ``data`` the whole storage. Mutation replaces the Python str.

    A displaced string (MAKE-ARRAY :DISPLACED-TO) keeps no storage of its
    own: ``displaced`` is then an object with ``read() -> str`` and
    ``write(str)`` that go through to the target array (arraydata.py), and
    ``data`` reads and writes through it, so both share their characters."""
    __slots__ = ("_data", "fill_pointer", "adjustable", "element_type", "displaced")

    def __init__(self, s: str = "", fill_pointer=None, adjustable=False,
                 element_type=None):
        self._data = s
        self.fill_pointer = fill_pointer
        self.adjustable = adjustable
        self.element_type = element_type
        self.displaced = None

    @property
    def data(self) -> str:
        d = self.displaced
        return self._data if d is None else d.read()

    @data.setter
    def data(self, s: str):
        d = self.displaced
        if d is None:
            self._data = s
        else:
            d.write(s)

    @property
    def value(self) -> str:
        fp = self.fill_pointer
        d = self._data if self.displaced is None else self.displaced.read()
        return d if fp is None else d[:fp]

    def __len__(self):
        fp = self.fill_pointer
        return len(self.data) if fp is None else fp

    def set_char(self, i: int, ch: str):
        d = self.data
        self.data = d[:i] + ch + d[i + 1:]

    def __repr__(self):
        return repr(self.value)

    def __str__(self):
        return self.value


class Vector:
    """A one-dimensional array that is not a string. ``items`` is the
    storage; the active length is the fill pointer when there is one.
    ``element_type`` is a Lisp type specifier (T, BIT, ...)."""
    __slots__ = ("items", "fill_pointer", "adjustable", "element_type")

    def __init__(self, items, fill_pointer=None, adjustable=False, element_type=None):
        self.items = items
        self.fill_pointer = fill_pointer
        self.adjustable = adjustable
        self.element_type = element_type if element_type is not None else T

    def __len__(self):
        fp = self.fill_pointer
        return len(self.items) if fp is None else fp

    def active(self) -> list:
        fp = self.fill_pointer
        return self.items if fp is None else self.items[:fp]

    def __repr__(self):
        return f"#<Vector {self.active()!r}>"


class Array:
    """A multidimensional array (rank other than 1), stored row-major."""
    __slots__ = ("dims", "items", "adjustable", "element_type")

    def __init__(self, dims, items, adjustable=False, element_type=None):
        self.dims = list(dims)
        self.items = items
        self.adjustable = adjustable
        self.element_type = element_type if element_type is not None else T

    def __repr__(self):
        return f"#<Array {self.dims}>"


# ---------------------------------------------------------------- hash tables
class HashTable:
    """A Lisp hash table. ``table`` maps a Python key derived from the Lisp
    key by the test's key function to a [lisp_key, value, slot] entry.

    ``slot`` numbers the entries the way SBCL's key/value vector does, so
    iteration can follow SBCL's order: insertion order, except that a new
    entry reuses the most recently freed slot (``free_slots`` is a stack).
    ``entries()`` lists the entries in that order; iterate with it, not
    with the dict, whose order differs once a freed slot was reused."""
    __slots__ = ("test", "keyfn", "table", "size", "rehash_size",
                 "rehash_threshold", "weakness", "lock", "synchronized",
                 "free_slots", "next_slot", "reordered")

    def __init__(self, test, keyfn, size=16):
        self.test = test          # the test symbol: EQ, EQL, EQUAL, EQUALP
        self.keyfn = keyfn
        self.table: dict = {}
        self.size = size
        self.rehash_size = 1.5
        self.rehash_threshold = 1.0
        self.weakness = None
        self.lock = None
        self.synchronized = False
        self.free_slots: list = []
        self.next_slot = 0
        self.reordered = False    # a freed slot was reused: dict order != slot order

    def get(self, key, default=None):
        e = self.table.get(self.keyfn(key))
        return default if e is None else e[1]

    def put(self, key, value):
        k = self.keyfn(key)
        e = self.table.get(k)
        if e is not None:
            e[1] = value
            return
        if self.free_slots:
            slot = self.free_slots.pop()
            self.reordered = True
        else:
            slot = self.next_slot
            self.next_slot += 1
        self.table[k] = [key, value, slot]
        if len(self.table) > self.size:
            self.size = self._grown_size()

    def _grown_size(self) -> int:
        """SBCL's new capacity for a full table: the old one times (or plus)
        the rehash size; with the default 1.5, adjusted so that the load on
        a power-of-two number of buckets stays between 55% and 90%."""
        old, rs = self.size, self.rehash_size
        if type(rs) is int:
            return old + rs
        new = max(int(rs * old), old + 1)
        if rs == 1.5:
            buckets = 1 << (new - 1).bit_length()
            load = new / buckets
            if load > 0.9:
                new = buckets * 85 // 100
            elif load < 0.55:
                new = buckets * 65 // 100
        return new

    def remove(self, key) -> bool:
        e = self.table.pop(self.keyfn(key), None)
        if e is None:
            return False
        self.free_slots.append(e[2])
        return True

    def clear(self):
        self.table.clear()
        self.free_slots = []
        self.next_slot = 0
        self.reordered = False

    def entries(self) -> list:
        """The [key, value, slot] entries in SBCL's iteration order."""
        entries = list(self.table.values())
        if self.reordered:
            entries.sort(key=lambda e: e[2])
        return entries

    def __len__(self):
        return len(self.table)


# ---------------------------------------------------------------- numbers
_pack_f = struct.Struct("f")


class SingleFloat(float):
    """An IEEE single float. Construct with ``SingleFloat.of(x)``, which
    rounds to single precision."""
    __slots__ = ()

    @staticmethod
    def of(x) -> "SingleFloat":
        try:
            return SingleFloat(_pack_f.unpack(_pack_f.pack(x))[0])
        except OverflowError:
            from .errors import lisp_error
            raise lisp_error("FLOATING-POINT-OVERFLOW", "single float overflow")

    def __repr__(self):
        return f"SingleFloat({float(self)!r})"


class LispComplex:
    """A complex number whose parts are rationals or floats of one format."""
    __slots__ = ("real", "imag")

    def __init__(self, real, imag):
        self.real = real
        self.imag = imag

    def __eq__(self, other):
        return (isinstance(other, LispComplex) and self.real == other.real
                and self.imag == other.imag)

    def __hash__(self):
        return hash((self.real, self.imag))

    def __repr__(self):
        return f"#C({self.real!r} {self.imag!r})"


# ---------------------------------------------------------------- multiple values
class MV(tuple):
    """Multiple values (any number other than exactly one). A single value
    is always represented by itself. ``primary`` is NIL for zero values."""
    __slots__ = ()

    @property
    def primary(self):
        return self[0] if self else NIL


NO_VALUES = MV(())


def primary(v):
    return (v[0] if v else NIL) if type(v) is MV else v


# ---------------------------------------------------------------- classes and instances
class LispClass:
    """A class metaobject: built-in classes, condition classes, structure
    classes and standard classes all use this. ``cpl`` is the class
    precedence list, most specific first, and includes the class itself."""
    __slots__ = ("name", "direct_supers", "cpl", "slots", "kind", "report",
                 "default_initargs", "subclasses", "doc", "finalized", "extra",
                 "__weakref__")

    def __init__(self, name, direct_supers=(), kind="standard"):
        self.name = name
        self.direct_supers = list(direct_supers)
        self.kind = kind          # 'built-in', 'condition', 'structure', 'standard'
        self.slots = []           # effective slot definitions
        self.report = None        # condition classes: report function or string
        self.default_initargs = []
        self.subclasses = []
        self.doc = None
        self.finalized = False
        self.extra = {}
        self.cpl = [self]

    def is_subclass_of(self, other: "LispClass") -> bool:
        return other in self.cpl

    def __repr__(self):
        return f"#<{self.kind} class {self.name.name if isinstance(self.name, Symbol) else self.name}>"


class Instance:
    """An instance of a condition, structure or standard class. Slots are
    kept in a dict keyed by slot-name symbol; a missing key is unbound."""
    __slots__ = ("cls", "slots", "__weakref__")

    def __init__(self, cls: LispClass, slots=None):
        self.cls = cls
        self.slots = {} if slots is None else slots

    def __repr__(self):
        return f"#<instance of {self.cls.name}>"

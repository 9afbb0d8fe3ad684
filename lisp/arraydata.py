"""Array storage details shared by the array, sequence and string
primitives: element types (upgrading as SBCL does on x86-64, checking stores,
default contents), displaced storage, and the type SBCL's TYPE-OF reports
for an array.

Displaced arrays share storage with their target, as the standard requires:
a displaced vector or multidimensional array gets a ``DisplacedItems``
window as its ``items``; a displaced string is an ordinary LString whose
``displaced`` is a ``DisplacedChars``, through which its ``data`` reads and
writes the target. Either way the array keeps its ordinary Python type.
"""
from __future__ import annotations

from .errors import lisp_error, type_error, simple_error
from .objects import (LString, Vector, Cons, Char, NIL, T, SingleFloat,
                      LispComplex, Symbol, CL, cl_sym, lisp_list, make_char)

__all__ = ["DisplacedItems", "DisplacedChars", "displaced_string", "displacement_of", "upgrade_element_type",
           "element_checker", "default_element", "check_element",
           "is_character_type", "array_type_of", "storage_type_of",
           "is_simple_array", "displacement_error", "invalid_index_error", "check_allocation", "ARRAY_DIMENSION_LIMIT", "MOST_POSITIVE_FIXNUM",
           "S_BIT", "S_CHARACTER", "S_BASE_CHAR", "S_FIXNUM", "S_SINGLE_FLOAT",
           "S_DOUBLE_FLOAT"]

ARRAY_DIMENSION_LIMIT = 4611686018427387901
MOST_POSITIVE_FIXNUM = (1 << 62) - 1
# More elements than fit in any memory: SBCL would exhaust its heap; we must
# say so before a Python loop or repetition tries and hangs the machine.
ALLOCATION_LIMIT = 1 << 32

S_BIT = cl_sym("BIT")
S_CHARACTER = cl_sym("CHARACTER")
S_BASE_CHAR = cl_sym("BASE-CHAR")
S_FIXNUM = cl_sym("FIXNUM")
S_SINGLE_FLOAT = cl_sym("SINGLE-FLOAT")
S_DOUBLE_FLOAT = cl_sym("DOUBLE-FLOAT")
_UNSIGNED_BYTE = cl_sym("UNSIGNED-BYTE")
_SIGNED_BYTE = cl_sym("SIGNED-BYTE")
_COMPLEX = cl_sym("COMPLEX")
_STAR = cl_sym("*")


# ---------------------------------------------------------------- displaced storage
class DisplacedItems:
    """The ``items`` of an array displaced to TARGET at OFFSET: a window of
    SIZE elements that reads and writes the target's own storage (which may
    itself be a window). Supports what code does with a list of items:
    indexing, slicing (copies), assignment to one index, len and iter."""
    __slots__ = ("target", "offset", "size")

    def __init__(self, target, offset: int, size: int):
        self.target = target
        self.offset = offset
        self.size = size

    def __len__(self):
        return self.size

    def _index(self, i: int) -> int:
        if i < 0:
            i += self.size
        if not 0 <= i < self.size:
            raise IndexError(i)
        return self.offset + i

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.size))]
        t = self.target
        j = self._index(i)
        if isinstance(t, LString):
            return make_char(t.data[j])
        return t.items[j]

    def __setitem__(self, i, value):
        if isinstance(i, slice):
            indices = range(*i.indices(self.size))
            values = list(value)
            if len(values) != len(indices):
                raise ValueError("a displaced array cannot change size")
            for j, v in zip(indices, values):
                self[j] = v
            return
        t = self.target
        j = self._index(i)
        if isinstance(t, LString):
            t.set_char(j, value.ch)
        else:
            t.items[j] = value

    def __iter__(self):
        return iter(self[:])

    def copy(self) -> list:
        return self[:]

    def __repr__(self):
        return f"<displaced {self.size} @{self.offset}>"


class DisplacedChars:
    """The ``displaced`` of a string displaced to TARGET at OFFSET: reads
    and writes SIZE characters of the target's storage (a string, or the
    items of a character array)."""
    __slots__ = ("target", "offset", "size")

    def __init__(self, target, offset: int, size: int):
        self.target = target
        self.offset = offset
        self.size = size

    def read(self) -> str:
        t, o = self.target, self.offset
        if isinstance(t, LString):
            return t.data[o:o + self.size]
        return "".join([c.ch for c in t.items[o:o + self.size]])

    def write(self, s: str):
        t, o = self.target, self.offset
        if isinstance(t, LString):
            d = t.data
            t.data = d[:o] + s + d[o + len(s):]
        else:
            for i, ch in enumerate(s):
                t.items[o + i] = make_char(ch)


def displaced_string(target, offset: int, size: int, fill_pointer=None,
                     adjustable=False, element_type=None) -> LString:
    """A string sharing SIZE characters of TARGET from OFFSET."""
    s = LString("", fill_pointer, adjustable, element_type)
    s.displaced = DisplacedChars(target, offset, size)
    return s


def displacement_of(a):
    """(target, offset) of a displaced array, or None."""
    if isinstance(a, LString):
        d = a.displaced
        return None if d is None else (d.target, d.offset)
    items = a.items
    if type(items) is DisplacedItems:
        return items.target, items.offset
    return None


# ---------------------------------------------------------------- element types
_spec_cache: dict[tuple, Cons] = {}


def _spec(*parts) -> Cons:
    """A canonical compound type specifier: always the same object for the
    same parts, so upgraded element types can be compared with ``is``."""
    c = _spec_cache.get(parts)
    if c is None:
        c = _spec_cache[parts] = lisp_list(*parts)
    return c


_UNSIGNED_WIDTHS = (2, 4, 7, 8, 15, 16, 31, 32, 62, 63, 64)
_SIGNED_WIDTHS = (8, 16, 32)


def _upgrade_integer(lo, hi):
    if lo is None or hi is None:
        return T
    if lo >= 0:
        if hi <= 1:
            return S_BIT
        bits = hi.bit_length()
        for w in _UNSIGNED_WIDTHS:
            if bits <= w:
                return _spec(_UNSIGNED_BYTE, w)
        return T
    bits = max((-lo - 1).bit_length(), hi.bit_length()) + 1
    for w in _SIGNED_WIDTHS:
        if bits <= w:
            return _spec(_SIGNED_BYTE, w)
    if bits <= 63:
        return S_FIXNUM
    if bits <= 64:
        return _spec(_SIGNED_BYTE, 64)
    return T


def _bound(x, exclusive_adjust: int):
    if type(x) is int:
        return x
    if type(x) is Cons and type(x.car) is int:     # (n) is exclusive
        return x.car + exclusive_adjust
    return None


_CHAR_TYPES = {"CHARACTER": S_CHARACTER, "EXTENDED-CHAR": S_CHARACTER,
               "BASE-CHAR": S_BASE_CHAR, "STANDARD-CHAR": S_BASE_CHAR}
_FLOAT_TYPES = {"SINGLE-FLOAT": S_SINGLE_FLOAT, "SHORT-FLOAT": S_SINGLE_FLOAT,
                "DOUBLE-FLOAT": S_DOUBLE_FLOAT, "LONG-FLOAT": S_DOUBLE_FLOAT}


def upgrade_element_type(spec):
    """UPGRADED-ARRAY-ELEMENT-TYPE for the specialisations SBCL has on
    x86-64; anything else upgrades to T."""
    from .types import CLASSES, DEFTYPES, expand_deftype
    head = spec.car if type(spec) is Cons else spec
    while type(head) is Symbol and head in DEFTYPES and head not in CLASSES:
        spec = expand_deftype(head, spec.cdr if type(spec) is Cons else NIL)
        head = spec.car if type(spec) is Cons else spec
    if type(spec) is Symbol:
        if spec.package is not CL:
            return T
        name = spec.name
        if name in _CHAR_TYPES:
            return _CHAR_TYPES[name]
        if name in _FLOAT_TYPES:
            return _FLOAT_TYPES[name]
        if name == "BIT":
            return S_BIT
        if name == "FIXNUM":
            return S_FIXNUM
        return T
    if type(spec) is not Cons or type(spec.car) is not Symbol:
        return T
    head, args = spec.car.name, list(spec.cdr) if type(spec.cdr) is Cons else []
    if head in ("UNSIGNED-BYTE", "SIGNED-BYTE"):
        if not args or type(args[0]) is not int or args[0] <= 0:
            return T
        n = args[0]
        if head == "UNSIGNED-BYTE":
            return _upgrade_integer(0, (1 << n) - 1)
        return _upgrade_integer(-(1 << (n - 1)), (1 << (n - 1)) - 1)
    if head == "MOD":
        if args and type(args[0]) is int and args[0] > 0:
            return _upgrade_integer(0, args[0] - 1)
        return T
    if head == "INTEGER":
        lo = _bound(args[0], 1) if len(args) > 0 else None
        hi = _bound(args[1], -1) if len(args) > 1 else None
        return _upgrade_integer(lo, hi)
    if head in ("EQL", "MEMBER"):
        if args and all(type(a) is int for a in args):
            return _upgrade_integer(min(args), max(args))
        if args and all(type(a) is Char for a in args):
            return S_CHARACTER
        return T
    if head in _FLOAT_TYPES:
        return _FLOAT_TYPES[head]
    if head == "COMPLEX" and args:
        part = upgrade_element_type(args[0])
        if part is S_SINGLE_FLOAT or part is S_DOUBLE_FLOAT:
            return _spec(_COMPLEX, part)
    return T


def is_character_type(etype) -> bool:
    return etype is S_CHARACTER or etype is S_BASE_CHAR


def _int_range(etype):
    if etype is S_BIT:
        return 0, 1
    if etype is S_FIXNUM:
        return -MOST_POSITIVE_FIXNUM - 1, MOST_POSITIVE_FIXNUM
    if type(etype) is Cons and etype.car is _UNSIGNED_BYTE:
        return 0, (1 << etype.cdr.car) - 1
    if type(etype) is Cons and etype.car is _SIGNED_BYTE:
        n = etype.cdr.car
        return -(1 << (n - 1)), (1 << (n - 1)) - 1
    return None


def element_checker(etype):
    """A predicate for values storable in an array of upgraded element type
    ETYPE, or None when anything goes (T)."""
    if etype is T:
        return None
    if is_character_type(etype):
        return lambda x: type(x) is Char
    r = _int_range(etype)
    if r is not None:
        lo, hi = r
        return lambda x: type(x) is int and lo <= x <= hi
    if etype is S_SINGLE_FLOAT:
        return lambda x: type(x) is SingleFloat
    if etype is S_DOUBLE_FLOAT:
        return lambda x: type(x) is float
    if type(etype) is Cons and etype.car is _COMPLEX:
        part = SingleFloat if etype.cdr.car is S_SINGLE_FLOAT else float
        return lambda x: type(x) is LispComplex and type(x.real) is part
    return None


def check_element(etype, x):
    """Signal SBCL's TYPE-ERROR unless X may be stored in an array of
    upgraded element type ETYPE."""
    ok = element_checker(etype)
    if ok is not None and not ok(x):
        raise type_error(x, etype)
    return x


def default_element(etype):
    """What SBCL leaves in a fresh array of ETYPE: zero of the type."""
    if is_character_type(etype):
        return make_char("\0")
    if etype is S_SINGLE_FLOAT:
        return SingleFloat(0.0)
    if etype is S_DOUBLE_FLOAT:
        return 0.0
    if type(etype) is Cons and etype.car is _COMPLEX:
        z = SingleFloat(0.0) if etype.cdr.car is S_SINGLE_FLOAT else 0.0
        return LispComplex(z, z)
    return 0


# ---------------------------------------------------------------- array types
def is_simple_array(a) -> bool:
    """SIMPLE-ARRAY: no fill pointer, not adjustable, not displaced."""
    if isinstance(a, LString):
        return a.fill_pointer is None and not a.adjustable and a.displaced is None
    if isinstance(a, Vector):
        return (a.fill_pointer is None and not a.adjustable
                and type(a.items) is list)
    return not a.adjustable and type(a.items) is list


def _string_etype(s: LString):
    return S_BASE_CHAR if s.element_type is S_BASE_CHAR else S_CHARACTER


def array_type_of(a, simple: bool | None = None):
    """TYPE-OF for an array, as SBCL prints it: (SIMPLE-VECTOR 3),
    (SIMPLE-ARRAY CHARACTER (3)), (VECTOR T 3), (ARRAY T (2 2)) ..."""
    if simple is None:
        simple = is_simple_array(a)
    if isinstance(a, LString):
        n = len(a.data)
        if _string_etype(a) is S_BASE_CHAR:
            return lisp_list(cl_sym("SIMPLE-BASE-STRING" if simple else "BASE-STRING"), n)
        if simple:
            return lisp_list(cl_sym("SIMPLE-ARRAY"), S_CHARACTER, lisp_list(n))
        return lisp_list(cl_sym("VECTOR"), S_CHARACTER, n)
    if isinstance(a, Vector):
        n, et = len(a.items), a.element_type
        if et is T and simple:
            return lisp_list(cl_sym("SIMPLE-VECTOR"), n)
        if et is S_BIT:
            return lisp_list(cl_sym("SIMPLE-BIT-VECTOR" if simple else "BIT-VECTOR"), n)
        if simple:
            return lisp_list(cl_sym("SIMPLE-ARRAY"), et, lisp_list(n))
        return lisp_list(cl_sym("VECTOR"), et, n)
    head = cl_sym("SIMPLE-ARRAY" if simple else "ARRAY")
    dims = lisp_list(*a.dims) if a.dims else NIL
    return lisp_list(head, a.element_type, dims)


def storage_type_of(a):
    """The type of the data vector under A, which SBCL names in AREF's
    index errors: (SIMPLE-VECTOR 3) even for a fill-pointer vector."""
    return array_type_of(a, simple=True)


def displacement_error(etype, target_etype):
    return simple_error("Can't displace an array of type ~S into another of type ~S",
                        etype, target_etype)


def check_allocation(n: int):
    """Signal heap exhaustion (a STORAGE-CONDITION, as SBCL would) instead
    of trying to build N elements when N cannot possibly fit."""
    if n > ALLOCATION_LIMIT:
        raise lisp_error("STORAGE-CONDITION", "Heap exhausted")


def invalid_index_error(array, index, bound: int):
    """SBCL's INVALID-ARRAY-INDEX-ERROR report (AREF, CHAR, SVREF ...),
    naming the array's data vector type."""
    return lisp_error("SB-INT:INVALID-ARRAY-INDEX-ERROR",
                      "Invalid index ~S for ~S, should be a non-negative integer below ~S.",
                      index, storage_type_of(array), bound,
                      datum=index, expected_type=lisp_list(cl_sym("INTEGER"), 0, lisp_list(bound)))

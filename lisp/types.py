"""Types: built-in classes, CLASS-OF, TYPEP and TYPE-OF.

Every Lisp object has a class (a ``LispClass``); built-in classes form the
standard hierarchy. Type specifiers that are not class names (FIXNUM, ATOM,
(INTEGER 0 10), (OR ...), (SATISFIES f) ...) are interpreted by ``typep``.
User types from DEFTYPE are expanded through ``DEFTYPES`` (name -> Lisp
expander function of the argument list).
"""
from __future__ import annotations

from fractions import Fraction

from .dynamic import state
from .errors import LispError, program_error
from .functions import Function, Primitive, intern_name
from .objects import (NIL, T, CL, Symbol, Cons, Char, LString, Vector, Array, HashTable,
                      SingleFloat, LispComplex, LispClass, Instance, Package, cl_sym,
                      find_package, KEYWORD, lisp_list, list_to_py, MV)
from .streams import LispStream
from .typespec_errors import check_compound, check_specifier

S = cl_sym
CLASSES: dict = {}        # symbol -> LispClass
DEFTYPES: dict = {}       # symbol -> expander function (Lisp or Python)


def compute_cpl(cls: LispClass) -> list:
    """The class precedence list by the CLOS topological sort (CLHS 4.3.5)."""
    supers_of = {}
    order = []

    def collect(c):
        if c in supers_of:
            return
        supers_of[c] = list(c.direct_supers)
        order.append(c)
        for s in c.direct_supers:
            collect(s)
    collect(cls)
    # constraints: each class precedes its direct supers, and those in order
    pairs = set()
    for c, ss in supers_of.items():
        chain_ = [c] + ss
        for a, b in zip(chain_, chain_[1:]):
            pairs.add((a, b))
    result = []
    remaining = list(order)
    while remaining:
        candidates = [c for c in remaining if not any(b is c and a in remaining for a, b in pairs)]
        if not candidates:
            raise program_error("inconsistent class precedence list for ~S", cls.name)
        if len(candidates) == 1 or not result:
            chosen = candidates[0]
        else:
            chosen = None
            for r in reversed(result):
                for c in candidates:
                    if c in supers_of[r]:
                        chosen = c
                        break
                if chosen is not None:
                    break
            if chosen is None:
                chosen = candidates[0]
        result.append(chosen)
        remaining.remove(chosen)
    return result


def define_class(name: str, supers=(), kind="built-in") -> LispClass:
    sym = S(name) if isinstance(name, str) else name
    cls = LispClass(sym, [CLASSES[S(s)] if isinstance(s, str) else s for s in supers], kind)
    cls.cpl = compute_cpl(cls)
    for s in cls.direct_supers:
        s.subclasses.append(cls)
    cls.finalized = True
    CLASSES[sym] = cls
    return cls


for _name in ("SB-KERNEL",):
    if find_package(_name) is None:
        Package(_name, use=[CL])

for _name, _supers in [
        ("T", ()), ("NUMBER", ("T",)), ("REAL", ("NUMBER",)), ("RATIONAL", ("REAL",)),
        ("INTEGER", ("RATIONAL",)), ("FIXNUM", ("INTEGER",)), ("BIGNUM", ("INTEGER",)),
        ("RATIO", ("RATIONAL",)), ("FLOAT", ("REAL",)),
        ("SINGLE-FLOAT", ("FLOAT",)), ("DOUBLE-FLOAT", ("FLOAT",)), ("COMPLEX", ("NUMBER",)),
        ("SB-KERNEL:COMPLEX-SINGLE-FLOAT", ("COMPLEX",)),
        ("SB-KERNEL:COMPLEX-DOUBLE-FLOAT", ("COMPLEX",)),
        ("CHARACTER", ("T",)), ("SYMBOL", ("T",)), ("SEQUENCE", ("T",)), ("LIST", ("SEQUENCE",)),
        ("CONS", ("LIST",)), ("NULL", ("SYMBOL", "LIST")), ("ARRAY", ("T",)),
        # (defined in the order that lists direct subclasses as SBCL does)
        ("VECTOR", ("ARRAY", "SEQUENCE")), ("SIMPLE-ARRAY", ("ARRAY",)),
        ("SIMPLE-VECTOR", ("VECTOR", "SIMPLE-ARRAY")), ("STRING", ("VECTOR",)),
        ("SIMPLE-STRING", ("STRING", "SIMPLE-ARRAY")),
        ("SB-KERNEL::CHARACTER-STRING", ("STRING",)),
        ("SB-KERNEL:SIMPLE-CHARACTER-STRING", ("SB-KERNEL::CHARACTER-STRING", "SIMPLE-STRING")),
        ("BASE-STRING", ("STRING",)), ("SIMPLE-BASE-STRING", ("BASE-STRING", "SIMPLE-STRING")),
        ("BIT-VECTOR", ("VECTOR",)), ("SIMPLE-BIT-VECTOR", ("BIT-VECTOR", "SIMPLE-ARRAY")),
        ("FUNCTION", ("T",)), ("STREAM", ("T",)), ("PATHNAME", ("T",)),
        ("STANDARD-OBJECT", ("T",)), ("STRUCTURE-OBJECT", ("T",)), ("CONDITION", ("T",)),
        ("CLASS", ("STANDARD-OBJECT",)), ("BUILT-IN-CLASS", ("CLASS",)),
        ("STANDARD-CLASS", ("CLASS",)), ("STRUCTURE-CLASS", ("CLASS",))]:
    define_class(intern_name(_name), [CLASSES[intern_name(s)] for s in _supers])
# In SBCL these are structures: their class is a STRUCTURE-CLASS, and
# STRUCTURE-OBJECT is in their precedence list.
for _name in ("HASH-TABLE", "PACKAGE", "RANDOM-STATE", "READTABLE"):
    define_class(_name, ("STRUCTURE-OBJECT",), kind="structure")

C = CLASSES
_CLASS_BY_PYTYPE = {
    Fraction: C[S("RATIO")], float: C[S("DOUBLE-FLOAT")],
    SingleFloat: C[S("SINGLE-FLOAT")], Char: C[S("CHARACTER")],
    Cons: C[S("CONS")], HashTable: C[S("HASH-TABLE")], Package: C[S("PACKAGE")],
}
_FIXNUM, _BIGNUM = C[S("FIXNUM")], C[S("BIGNUM")]
_COMPLEX_CLASSES = {SingleFloat: C[intern_name("SB-KERNEL:COMPLEX-SINGLE-FLOAT")],
                    float: C[intern_name("SB-KERNEL:COMPLEX-DOUBLE-FLOAT")]}


def _string_class(x) -> LispClass:
    base = x.element_type is S("BASE-CHAR")
    if _simple(x):
        return C[S("SIMPLE-BASE-STRING")] if base else \
            C[intern_name("SB-KERNEL:SIMPLE-CHARACTER-STRING")]
    return C[S("BASE-STRING")] if base else C[intern_name("SB-KERNEL::CHARACTER-STRING")]


def _vector_class(x) -> LispClass:
    """SBCL's class of a vector; a specialized one (SBCL's internal
    SIMPLE-ARRAY-UNSIGNED-BYTE-8 ...) is taken as VECTOR."""
    if x.element_type is S("BIT"):
        return C[S("SIMPLE-BIT-VECTOR")] if _simple(x) else C[S("BIT-VECTOR")]
    if x.element_type is T and _simple(x):
        return C[S("SIMPLE-VECTOR")]
    return C[S("VECTOR")]


def class_of(x) -> LispClass:
    t = type(x)
    c = _CLASS_BY_PYTYPE.get(t)
    if c is not None:
        return c
    if t is int:
        return _FIXNUM if FIXNUM_MIN <= x <= FIXNUM_MAX else _BIGNUM
    if t is Instance:
        return x.cls
    if t is Symbol:
        return C[S("NULL")] if x is NIL else C[S("SYMBOL")]
    if t is LString:
        return _string_class(x)
    if t is Vector:
        return _vector_class(x)
    if t is Array:
        return C[S("SIMPLE-ARRAY")] if _simple(x) else C[S("ARRAY")]
    if t is LispComplex:
        return _COMPLEX_CLASSES.get(type(x.real)) or C[S("COMPLEX")]
    if isinstance(x, Function):
        gf = getattr(x, "class_hook", None)
        return gf() if gf else C[S("FUNCTION")]
    if isinstance(x, LispStream):
        return STREAM_CLASSES.get(x.lisp_class) or C[S("STREAM")]
    if isinstance(x, LispClass):
        metaclass = OTHER_CLASS_OF.get(LispClass)   # CLOS's metaclasses, when loaded
        if metaclass is not None:
            return metaclass(x)
        return C[S({"standard": "STANDARD-CLASS", "structure": "STRUCTURE-CLASS",
                    "condition": "STANDARD-CLASS"}.get(x.kind, "BUILT-IN-CLASS"))]
    hook = OTHER_CLASS_OF.get(t)
    if hook is not None:
        return hook(x)
    return C[S("T")]


OTHER_CLASS_OF: dict = {}    # Python type -> function x -> LispClass (runtime objects)
STREAM_CLASSES: dict = {}    # a stream's lisp_class name -> LispClass (stream_classes.py)

FIXNUM_MAX = 4611686018427387903
FIXNUM_MIN = -4611686018427387904


def _simple(a) -> bool:
    from .arraydata import is_simple_array
    return is_simple_array(a)


def _is_int(x):
    return type(x) is int


def _in_range(x, lo, hi):
    if lo is not S("*"):
        if type(lo) is Cons:
            if not x > lo.car:
                return False
        elif x < lo:
            return False
    if hi is not S("*"):
        if type(hi) is Cons:
            if not x < hi.car:
                return False
        elif x > hi:
            return False
    return True


def _real(x):
    return type(x) in (int, Fraction, float, SingleFloat)


def _vector_like(x):
    return type(x) in (Vector, LString)


ATOMIC_TYPES = {
    "ATOM": lambda x: type(x) is not Cons,
    "BIT": lambda x: type(x) is int and x in (0, 1),
    "KEYWORD": lambda x: type(x) is Symbol and x.package is KEYWORD,
    "BOOLEAN": lambda x: x is T or x is NIL,
    "SHORT-FLOAT": lambda x: type(x) is SingleFloat,
    "LONG-FLOAT": lambda x: type(x) is float,
    # also a class, but a specialized simple vector's class is VECTOR here
    "SIMPLE-ARRAY": lambda x: isinstance(x, (Vector, LString, Array)) and _simple(x),
    "BASE-CHAR": lambda x: type(x) is Char,
    "STANDARD-CHAR": lambda x: type(x) is Char and (x.ch == "\n" or " " <= x.ch <= "~"),
    "EXTENDED-CHAR": lambda x: False,
    "COMPILED-FUNCTION": lambda x: isinstance(x, Function),
    "NIL": lambda x: False,
    "SIGNED-BYTE": _is_int,
    "UNSIGNED-BYTE": lambda x: type(x) is int and x >= 0,
    "GENERIC-FUNCTION": lambda x: isinstance(x, Function) and hasattr(x, "methods"),
    "STANDARD-GENERIC-FUNCTION": lambda x: isinstance(x, Function) and hasattr(x, "methods"),
    "RESTART": lambda x: type(x) is Instance and x.cls.name is S("RESTART"),
}
ATOMIC = {S(k): v for k, v in ATOMIC_TYPES.items()}


def typep(x, spec) -> bool:
    """Is X of type SPEC? Raises a LispError for an unknown type."""
    if type(spec) is Symbol:
        if spec is T:
            return True
        f = ATOMIC.get(spec)
        if f is not None:
            return f(x)
        cls = CLASSES.get(spec)
        if cls is not None:
            if cls.kind == "built-in":
                return cls in class_of(x).cpl
            return type(x) is Instance and cls in x.cls.cpl or cls in class_of(x).cpl
        exp = DEFTYPES.get(spec)
        if exp is not None:
            return typep(x, expand_deftype(spec, NIL))
        raise LispError("SIMPLE-ERROR", _unknown_type(spec))
    if isinstance(spec, LispClass):
        return spec in class_of(x).cpl
    if type(spec) is not Cons:
        check_specifier(spec)
        raise LispError("SIMPLE-ERROR", _unknown_type(spec))
    head = spec.car
    args = list_to_py(spec.cdr)
    n = head.name if type(head) is Symbol else ""
    if type(head) is Symbol and head.package is CL:
        check_compound(head, args)
    if n == "OR":
        return any(typep(x, a) for a in args)
    if n == "AND":
        return all(typep(x, a) for a in args)
    if n == "NOT":
        return not typep(x, args[0])
    if n == "MEMBER":
        from .equality import eql
        return any(eql(x, a) for a in args)
    if n == "EQL":
        from .equality import eql
        return eql(x, args[0])
    if n == "SATISFIES":
        fn = args[0].fn
        if type(fn) is Primitive and fn.kind == "simple":
            r = fn.fn(x)
        else:
            r = state.machine.call_nested(fn, [x])
        if type(r) is MV:
            r = r.primary
        return r is not NIL
    if n in ("INTEGER", "RATIONAL", "REAL", "FLOAT", "SINGLE-FLOAT", "DOUBLE-FLOAT",
             "SHORT-FLOAT", "LONG-FLOAT", "RATIO"):
        if not typep(x, head):
            return False
        lo = args[0] if args else S("*")
        hi = args[1] if len(args) > 1 else S("*")
        return _in_range(x, lo, hi)
    if n == "MOD":
        return type(x) is int and 0 <= x < args[0]
    if n == "UNSIGNED-BYTE":
        return type(x) is int and x >= 0 and (not args or args[0] is S("*") or x < 2 ** args[0])
    if n == "SIGNED-BYTE":
        return type(x) is int and (not args or args[0] is S("*")
                                   or -2 ** (args[0] - 1) <= x < 2 ** (args[0] - 1))
    if n == "COMPLEX":
        return type(x) is LispComplex
    if n == "CONS":
        if type(x) is not Cons:
            return False
        if args and args[0] is not S("*") and not typep(x.car, args[0]):
            return False
        if len(args) > 1 and args[1] is not S("*") and not typep(x.cdr, args[1]):
            return False
        return True
    if n in ("VECTOR", "SIMPLE-VECTOR", "ARRAY", "SIMPLE-ARRAY", "STRING", "SIMPLE-STRING",
             "BIT-VECTOR", "SIMPLE-BIT-VECTOR", "BASE-STRING", "SIMPLE-BASE-STRING"):
        if not typep(x, head):
            return False
        return _array_args_match(x, n, args)
    if n == "FUNCTION":
        return isinstance(x, Function)
    if n == "VALUES":
        return typep(x, args[0]) if args else True
    exp = DEFTYPES.get(head)
    if exp is not None:
        return typep(x, expand_deftype(head, spec.cdr))
    raise LispError("SIMPLE-ERROR", _unknown_type(spec))


def _array_args_match(x, n, args):
    if n in ("VECTOR", "SIMPLE-VECTOR", "STRING", "SIMPLE-STRING", "BIT-VECTOR",
             "SIMPLE-BIT-VECTOR", "BASE-STRING", "SIMPLE-BASE-STRING"):
        size = args[-1] if (args and n != "VECTOR") else (args[1] if len(args) > 1 else S("*"))
        if n == "VECTOR" and args and args[0] is not S("*"):
            et = args[0]
            if not _element_type_match(x, et):
                return False
        if size is not S("*") and type(size) is int:
            return len(x) == size
        return True
    # ARRAY / SIMPLE-ARRAY (element-type dims)
    if args and args[0] is not S("*") and not _element_type_match(x, args[0]):
        return False
    if len(args) > 1 and args[1] is not S("*"):
        dims = args[1]
        xd = x.dims if type(x) is Array else [len(x)]
        if type(dims) is int:
            return len(xd) == dims
        dl = list_to_py(dims)
        return len(dl) == len(xd) and all(d is S("*") or d == e for d, e in zip(dl, xd))
    return True


def _element_type_match(x, et):
    if type(x) is LString:
        return et in (S("CHARACTER"), S("BASE-CHAR"), S("STANDARD-CHAR"))
    xet = x.element_type
    if et is T:
        return xet is T
    return xet is et or (et is S("BIT") and xet is S("BIT"))


def _unknown_type(spec):
    from .objects import LString
    return {"FORMAT-CONTROL": LString("unknown type specifier: ~S"),
            "FORMAT-ARGUMENTS": lisp_list(spec)}


def expand_deftype(name, args):
    exp = DEFTYPES[name]
    if isinstance(exp, Function):
        if type(exp) is Primitive:
            r = exp.fn(Cons(name, args), NIL)
        else:
            r = state.machine.call_nested(exp, [Cons(name, args), NIL])
        return r.primary if type(r) is MV else r
    return exp(args)


def type_of(x):
    """TYPE-OF as SBCL answers it for the common types."""
    t = type(x)
    if t is int:
        if x in (0, 1):
            return S("BIT")
        if 0 <= x <= FIXNUM_MAX:
            return lisp_list(S("INTEGER"), 0, FIXNUM_MAX)
        if FIXNUM_MIN <= x <= FIXNUM_MAX:
            return S("FIXNUM")
        if x > 0:
            return lisp_list(S("INTEGER"), FIXNUM_MAX + 1)
        return S("BIGNUM")
    if t is Symbol:
        if x is NIL:
            return S("NULL")
        if x is T:
            return S("BOOLEAN")
        if x.package is KEYWORD:
            return S("KEYWORD")
        return S("SYMBOL")
    if t is LString:
        n = len(x.data)
        if x.element_type is S("BASE-CHAR"):
            return lisp_list(S("SIMPLE-BASE-STRING") if _simple(x) else S("BASE-STRING"), n)
        if _simple(x):
            return lisp_list(S("SIMPLE-ARRAY"), S("CHARACTER"), lisp_list(n))
        return lisp_list(S("VECTOR"), S("CHARACTER"), n)
    if t is Vector:
        n, et, simple = len(x.items), x.element_type, _simple(x)
        if et is S("BIT"):
            return lisp_list(S("SIMPLE-BIT-VECTOR") if simple else S("BIT-VECTOR"), n)
        if simple:
            return (lisp_list(S("SIMPLE-VECTOR"), n) if et is T
                    else lisp_list(S("SIMPLE-ARRAY"), et, lisp_list(n)))
        return lisp_list(S("VECTOR"), et, n)
    if t is Array:
        return lisp_list(S("SIMPLE-ARRAY") if _simple(x) else S("ARRAY"), x.element_type,
                         lisp_list(*x.dims))
    if t is Char:
        return S("STANDARD-CHAR") if (x.ch == "\n" or " " <= x.ch <= "~") else S("CHARACTER")
    if t is LispComplex:
        return lisp_list(S("COMPLEX"), type_of_complex_parts(x.real, x.imag))
    if t is Instance:
        return x.cls.name
    name = class_of(x).name
    # every function is compiled in SBCL
    return S("COMPILED-FUNCTION") if name is S("FUNCTION") else name


def type_of_complex_parts(re, im):
    """The part type SBCL's TYPE-OF gives a complex: the range its two
    parts span, (INTEGER -1 5), (MOD 3), BIT, (SINGLE-FLOAT -2.0 1.5)..."""
    lo, hi = min(re, im), max(re, im)
    if type(re) is SingleFloat:
        kind = "SINGLE-FLOAT"
    elif type(re) is float:
        kind = "DOUBLE-FLOAT"
    elif type(re) is int and type(im) is int:
        if lo == 0:
            return S("BIT") if hi == 1 else lisp_list(S("MOD"), hi + 1)
        kind = "INTEGER"
    else:
        kind = "RATIONAL"
    return lisp_list(S(kind), lo, hi)

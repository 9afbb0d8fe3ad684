"""DESCRIBE's sections for arrays, hash tables, packages, pathnames and
function objects, and the parts of a symbol's description for a type it
names with DEFTYPE, a structure or condition class it names and its
property list, in SBCL's layout (src/code/describe.lisp). describe.py
assembles them.

Objects are printed as SBCL's PRIN1-TO-LINE prints them: on one line, cut
with ".." at the first line break or at the right margin.
"""
from __future__ import annotations

from ..arraydata import array_type_of, displacement_of, is_simple_array, S_BASE_CHAR, S_BIT
from ..dynamic import symbol_value
from ..format import format_to_string
from ..machine import Closure
from ..objects import (NIL, T, UNBOUND as UNBOUND_VALUE, Array, Cons, HashTable, LispClass,
                       LispComplex, LString, Package, SingleFloat, Symbol, Vector, cl_sym,
                       lisp_list, list_to_py)
from ..pathnames import Pathname, to_lisp
from ..printer import prin1_to_string, princ_to_string
from ..printobjects import object_address
from ..printvars import printer_bindings
from ..types import CLASSES
from .arrays import array_element_type
from .docs import documentation

__all__ = ["prin1_to_line", "right_margin", "doc_lines", "kind_of", "array_lines",
           "hash_table_lines", "package_lines", "pathname_lines", "function_lines",
           "type_section", "structure_class_section", "condition_class_section",
           "plist_section"]


def right_margin() -> int:
    """DESCRIBE's right margin: *PRINT-RIGHT-MARGIN*, or 72 when it is NIL."""
    margin = symbol_value(cl_sym("*PRINT-RIGHT-MARGIN*"))
    return margin if type(margin) is int else 72


def prin1_to_line(x, columns: int = 1, reserve: int = 0, array: bool = True) -> str:
    """X printed as SBCL's PRIN1-TO-LINE: one line of at most (margin -
    RESERVE) / COLUMNS characters."""
    margin = right_margin()
    with printer_bindings(escape=True, readably=NIL, circle=T, pretty=T, lines=2,
                          right_margin=margin, array=T if array else NIL):
        line = prin1_to_string(x)
    limit = (margin - reserve) // columns
    cut = line.find("\n")
    if cut >= 0:
        return line[:min(cut, limit - 2)] + ".."
    if len(line) > limit:
        return line[:limit - 2] + ".."
    return line


def doc_lines(doc, indent: int) -> list[str]:
    """Documentation: and the lines of DOC (a Lisp string), the text
    indented two more."""
    if not isinstance(doc, LString):
        return []
    pad = " " * indent
    return [pad + "Documentation:"] + [pad + "  " + line for line in doc.value.split("\n")]


def _stuff(indent: int, label: str, items: list[str]) -> list[str]:
    """LABEL: item, item ... filled to the right margin, continuation lines
    aligned after the colon (SBCL's DESCRIBE-STUFF); nothing for no items."""
    if not items:
        return []
    margin = right_margin()
    line = " " * indent + label + ":"
    start = len(line)
    lines = []
    for i, item in enumerate(items):
        section = " " + item + ("," if i < len(items) - 1 else "")
        if i > 0 and len(line) + len(section) > margin:
            lines.append(line)
            line = " " * start
        line += section
    return lines + [line]


# ---------------------------------------------------------------- the word in brackets
def _array_kind(a) -> str:
    simple = is_simple_array(a)
    if isinstance(a, LString) or (type(a) is Vector and a.element_type is S_BIT):
        base = ("bit-vector" if type(a) is Vector
                else "base-string" if a.element_type is S_BASE_CHAR else "string")
        return ("simple-" if simple else "") + base
    if type(a) is Vector and a.element_type is T and simple:
        return "simple-vector"
    return "%s%s%s" % ("simple " if simple else "",
                       "specialized " if a.element_type is not T else "",
                       "array" if type(a) is Array else "vector")


def kind_of(x) -> str | None:
    """The bracketed kind of the objects this module describes; None for
    the others."""
    if isinstance(x, (LString, Vector, Array)):
        return _array_kind(x)
    if isinstance(x, HashTable):
        return "hash-table"
    if isinstance(x, Package):
        return "package"
    if isinstance(x, Pathname):
        return "pathname"
    if type(x) is LispComplex:
        return {SingleFloat: "complex-single-float", float: "complex-double-float"}.get(
            type(x.real), "complex")
    if isinstance(x, Closure) and _is_closure(x):
        return "compiled closure"
    return None


# Forms whose second element binds names (a list of names or (name ...) entries)
_BINDERS = {"LET", "LET*", "FLET", "LABELS", "MACROLET", "SYMBOL-MACROLET", "DO", "DO*",
            "PROG", "PROG*", "MULTIPLE-VALUE-BIND", "DESTRUCTURING-BIND", "DOLIST",
            "DOTIMES", "LAMBDA", "HANDLER-CASE", "WITH-SLOTS"}
_UNEVALUATED = {"QUOTE", "GO", "DECLARE", "BLOCK", "RETURN-FROM", "THE"}


def _is_closure(fn: Closure) -> bool:
    """Whether FN closes over a lexical variable, as SBCL calls a function
    a closure. The environment says whether there are lexical bindings
    around FN; whether FN uses one is read from its source: a symbol of its
    body that no binding form in it binds and that is not a global
    variable. Approximate: a LOOP keyword counts as such a symbol."""
    env = fn.env
    has_bindings = False
    while type(env) is list and env:
        if len(env) > 1:
            has_bindings = True
            break
        env = env[0]
    form = fn.lam.form
    if not has_bindings or type(form) is not Cons:
        return False
    items = list_to_py(form)
    head = items[0].name if items and isinstance(items[0], Symbol) else ""
    start = 2 if head == "LAMBDA" else 3 if head == "NAMED-LAMBDA" else None
    if start is None or len(items) < start:
        return has_bindings
    bound = set(_names_in(items[start - 1]))
    body = items[start:]
    _collect_bound(body, bound)
    return any(_free_symbol(x, bound) for x in body)


def _names_in(spec):
    """The symbols a lambda list or binding list names."""
    out = []
    for item in list_to_py(spec) if type(spec) is Cons else []:
        if isinstance(item, Symbol):
            out.append(item)
        elif type(item) is Cons:
            out += [x for x in list_to_py(item)[:1] if isinstance(x, Symbol)]
            if type(item.car) is Cons:
                out += _names_in(item.car)
    return out


def _collect_bound(forms, bound: set):
    for f in forms:
        if type(f) is not Cons:
            continue
        if isinstance(f.car, Symbol) and f.car.name in _BINDERS and type(f.cdr) is Cons:
            second = f.cdr.car
            bound.update(_names_in(second) if type(second) is Cons else
                         [second] if isinstance(second, Symbol) else [])
        _collect_bound([x for x in _walkable(f)], bound)


def _walkable(form):
    x = form
    while type(x) is Cons:
        yield x.car
        x = x.cdr


def _free_symbol(form, bound: set) -> bool:
    if isinstance(form, Symbol):
        return (form not in bound and form is not NIL and form is not T
                and form.package is not None and form.package.name != "KEYWORD"
                and not form.flags and form.value is UNBOUND_VALUE)
    if type(form) is not Cons:
        return False
    if isinstance(form.car, Symbol):
        if form.car.name in _UNEVALUATED:
            return False
        if form.car.name == "FUNCTION":
            return type(form.cdr) is Cons and type(form.cdr.car) is Cons and \
                any(_free_symbol(x, bound) for x in _walkable(form.cdr.car))
        args = list(_walkable(form.cdr))
    else:
        args = list(_walkable(form))
    return any(_free_symbol(x, bound) for x in args)


# ---------------------------------------------------------------- arrays
def _storage_vector(a) -> str:
    if isinstance(a, LString):
        return prin1_to_line(LString(a.data))
    storage = Vector(list(a.items), element_type=a.element_type)
    return "#<%s {%s}>" % (prin1_to_string(array_type_of(storage, simple=True)),
                           object_address(a.items))


def array_lines(a) -> list[str]:
    """Element type, dimensions or length and fill pointer, and for an
    array that is not simple its displacement or storage vector."""
    lines = ["Element-type: " + prin1_to_string(array_element_type(a))]
    if type(a) is Array:
        lines.append("Dimensions: " + prin1_to_string(lisp_list(*a.dims)))
    elif a.fill_pointer is not None:
        total = len(a.data) if isinstance(a, LString) else len(a.items)
        lines += ["Fill-pointer: %d" % a.fill_pointer, "Size: %d" % total]
    else:
        lines.append("Length: %d" % len(a))
    simple = is_simple_array(a)
    displaced = displacement_of(a)
    if not simple:
        # every array with a header is ADJUSTABLE-ARRAY-P in SBCL
        lines.append("Adjustable: yes")
        if displaced is not None:
            lines += ["Displaced-to: " + prin1_to_line(displaced[0], array=False),
                      "Displaced-offset: %d" % displaced[1]]
        else:
            lines.append("Displaced: no")
    if displaced is None and (type(a) is Array or not simple):
        lines.append("Storage vector: " + _storage_vector(a))
    return lines


# ---------------------------------------------------------------- hash tables, packages
def hash_table_lines(h: HashTable) -> list[str]:
    """What the printed table does not show already."""
    occupancy = format_to_string(LString("~,1F"), [SingleFloat.of(len(h) / h.size)])
    return ["Occupancy: " + occupancy,
            "Rehash-threshold: " + prin1_to_string(h.rehash_threshold),
            "Rehash-size: " + prin1_to_string(h.rehash_size),
            "Size: %d" % h.size,
            "Synchronized: " + ("yes" if h.synchronized else "no")]


def package_lines(p: Package) -> list[str]:
    """Documentation, the names related packages and symbols have, sorted,
    and the number of internal symbols; after an empty line, as SBCL's
    DESCRIBE-BLOCK starts it."""
    lines = [""] + doc_lines(documentation(p, T), 0)
    lines += _stuff(0, "Nicknames", sorted(p.nicknames))
    lines += _stuff(0, "Use-list", sorted(u.name for u in p.use_list))
    lines += _stuff(0, "Used-by-list", sorted(u.name for u in p.used_by))
    lines += _stuff(0, "Shadows", sorted(s.name for s in p.shadowing.values()))
    lines += _stuff(0, "Exports", sorted(p.external))
    return lines + ["%d internal symbols." % len(p.internal)]


def pathname_lines(p: Pathname) -> list[str]:
    """The components a pathname has, as SBCL lists them."""
    lines = []
    for label, value in (("HOST", p.host), ("DEVICE", p.device), ("DIRECTORY", p.directory),
                         ("NAME", p.name), ("TYPE", p.type), ("VERSION", p.version)):
        value = to_lisp(value)
        if value is not NIL:
            lines.append("  %-10s = %s" % (label, prin1_to_line(value)))
    return lines


# ---------------------------------------------------------------- functions
def _function_doc(fn):
    """What DESCRIBE shows as a function object's documentation: its name's
    function documentation; SBCL finds T for the names of anonymous, local
    and macro functions, (LAMBDA ...), (FLET ...), (MACRO-FUNCTION ...)."""
    name = fn.name
    if isinstance(name, Symbol) and name.setf_fn is fn and name.fn is not fn:
        name = lisp_list(cl_sym("SETF"), name)      # a setf function named by its symbol
    if isinstance(name, Symbol) and name.macro is fn:
        return LString("T")         # SBCL's name for it is (MACRO-FUNCTION name)
    if isinstance(name, Symbol):
        return NIL if name is NIL else documentation(name, cl_sym("FUNCTION"))
    if type(name) is Cons:
        if name.car is cl_sym("SETF"):
            return documentation(name, cl_sym("FUNCTION"))
        return LString("T")
    return NIL


def function_lines(fn, lambda_list: str | None) -> list[str]:
    """A function object's lambda list and documentation, after an empty
    line (DESCRIBE-BLOCK with no heading)."""
    lines = [""]
    if lambda_list is not None:
        lines.append("Lambda-list: " + lambda_list)
    return lines + doc_lines(_function_doc(fn), 0)


# ---------------------------------------------------------------- what a symbol names
def type_section(sym: Symbol, lambda_list: str | None, expansion) -> list[str]:
    """SYM names a type-specifier (a DEFTYPE): its documentation, lambda
    list and, when it takes no arguments, its expansion (None: none)."""
    lines = ["%s names a type-specifier:" % princ_to_string(sym)]
    lines += doc_lines(documentation(sym, cl_sym("TYPE")), 2)
    if lambda_list is not None:
        lines.append("  Lambda-list: " + lambda_list)
    if expansion is not None:
        lines.append("  Expansion: " + prin1_to_string(expansion))
    return lines


def _class_head(sym: Symbol, cls: LispClass) -> list[str]:
    from ..clos_classes import metaclass_of
    meta = metaclass_of(cls).name
    lines = ["%s names the %s %s:" % (princ_to_string(sym), meta.name.lower(),
                                      prin1_to_string(cls))]
    lines += doc_lines(documentation(cls, T), 2)

    def name_or_class(c):
        return prin1_to_string(c.name if CLASSES.get(c.name) is c else c)

    lines += _stuff(2, "Class precedence-list", [name_or_class(c) for c in cls.cpl])
    lines += _stuff(2, "Direct superclasses", [name_or_class(c) for c in cls.direct_supers])
    subs = [name_or_class(c) for c in reversed(cls.subclasses)]
    return lines + (_stuff(2, "Direct subclasses", subs) if subs else ["  No subclasses."])


def _unboxed(spec) -> bool:
    """Whether SBCL stores a structure slot of type SPEC untagged: a float,
    a complex float, or an integer type wider than a fixnum that fits a
    word."""
    floats = ("SINGLE-FLOAT", "DOUBLE-FLOAT", "SHORT-FLOAT", "LONG-FLOAT")
    if isinstance(spec, Symbol):
        return spec.name in floats and spec is cl_sym(spec.name)
    if type(spec) is not Cons or not isinstance(spec.car, Symbol):
        return False
    head, args = spec.car.name, list_to_py(spec.cdr)
    if head in floats:
        return True
    if head == "COMPLEX":
        return bool(args) and isinstance(args[0], Symbol) and args[0].name in floats
    if head in ("UNSIGNED-BYTE", "SIGNED-BYTE") and args and type(args[0]) is int:
        return (62 if head == "UNSIGNED-BYTE" else 63) < args[0] <= 64
    return False


def structure_class_section(sym: Symbol, cls: LispClass) -> list[str]:
    """SYM names a structure class: its documentation, precedence list,
    super- and subclasses and every slot's type and initform."""
    lines = _class_head(sym, cls)
    desc = cls.extra.get("defstruct")
    slots = desc.slots if desc is not None else []
    if not slots:
        return lines + ["  No slots."]
    lines.append("  Slots:")
    for s in slots:
        lines += ["    " + prin1_to_string(s.name),
                  "      Type: " + prin1_to_string(s.type)
                  + (" (unboxed)" if _unboxed(s.type) else ""),
                  "      Initform: " + prin1_to_string(NIL if s.initform is None
                                                       else s.initform)]
    return lines


def condition_class_section(sym: Symbol, cls: LispClass) -> list[str]:
    """SYM names a condition class: its documentation, precedence list,
    super- and subclasses and the slots its definition gives."""
    lines = _class_head(sym, cls)
    inherited = {id(s) for c in cls.cpl[1:] for s in c.slots}
    slots = [s for s in cls.slots if id(s) not in inherited]
    if not slots:
        return lines + ["  No direct slots."]
    lines.append("  Direct slots:")
    for s in slots:
        lines.append("    " + prin1_to_string(s.name))
        if s.type is not T:
            lines.append("      Type: " + prin1_to_string(s.type))
        if s.allocation != "instance":
            lines.append("      Allocation: :" + s.allocation.upper())
        if s.initargs:
            lines.append("      Initargs: " + ", ".join(prin1_to_string(a) for a in s.initargs))
        if s.initform is not NIL:
            lines.append("      Initform: " + prin1_to_string(s.initform))
        if s.readers:
            lines.append("      Readers: " + ", ".join(prin1_to_string(r) for r in s.readers))
        if s.writers:
            lines.append("      Writers: " + ", ".join(prin1_to_string(w) for w in s.writers))
        if isinstance(s.doc, (str, LString)):
            text = s.doc if isinstance(s.doc, str) else s.doc.value
            lines += ["      Documentation:"] + ["       " + line for line in text.split("\n")]
    return lines


def plist_section(sym: Symbol) -> list[str] | None:
    """Symbol-plist: each property and value, on half a line each."""
    items = list_to_py(sym.plist) if sym.plist is not None else []
    if not items:
        return None
    lines = ["Symbol-plist:"]
    for i in range(0, len(items) - 1, 2):
        lines.append("  %s -> %s" % (prin1_to_line(items[i], 2, 5),
                                     prin1_to_line(items[i + 1], 2, 5)))
    return lines

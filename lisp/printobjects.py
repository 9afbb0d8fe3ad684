"""The #<...> texts of objects that print unreadably, as SBCL 2.2 writes
them: functions, hash tables, packages, classes, conditions, streams,
arrays under *PRINT-ARRAY* NIL, and the {address} identity.

Each ``*_text`` function takes the running printer P, whose ``to_string``
prints a component (a function's name, a condition's datum) as ~S does,
continuing P's *PRINT-LEVEL* count and *PRINT-CIRCLE* labels.
"""
from __future__ import annotations

from .functions import Primitive
from .objects import (CL, KEYWORD, NIL, T, Array, Cons, HashTable, Instance, LispClass,
                      Symbol, cl_sym, lisp_list, list_to_py)

__all__ = ["object_address", "with_identity", "array_type", "function_text",
           "hash_table_text", "class_text", "condition_text", "slot_named",
           "structure_slots"]


def object_address(obj) -> str:
    """The hex digits shown in {...} for OBJ: stable while OBJ lives and
    shaped like an SBCL heap address."""
    return "%X" % (0x1000000000 + ((id(obj) >> 4) & 0xFFFFFFF) * 16 + 3)


def with_identity(description: str, obj) -> str:
    """Add SBCL's {address} to a #<...> description (a stream's describe())."""
    if description.startswith("#<") and description.endswith(">"):
        return "%s {%s}>" % (description[:-1], object_address(obj))
    return description


def array_type(a):
    """TYPE-OF the vector or array A, as #<...> shows it when *PRINT-ARRAY*
    is false: (SIMPLE-VECTOR 2), (VECTOR T 3), (SIMPLE-ARRAY T (2 2)) ..."""
    S = cl_sym
    et = a.element_type
    simple = not a.adjustable and getattr(a, "fill_pointer", None) is None
    if type(a) is Array:
        return lisp_list(S("SIMPLE-ARRAY" if simple else "ARRAY"), et, lisp_list(*a.dims))
    n = len(a.items)
    if et is T:
        return lisp_list(S("SIMPLE-VECTOR"), n) if simple else lisp_list(S("VECTOR"), T, n)
    if et is S("BIT"):
        return lisp_list(S("SIMPLE-BIT-VECTOR" if simple else "BIT-VECTOR"), n)
    if simple:
        return lisp_list(S("SIMPLE-ARRAY"), et, lisp_list(n))
    return lisp_list(S("VECTOR"), et, n)


def function_text(p, fn) -> str:
    """#<FUNCTION NAME> for the global definition of NAME, else with the
    identity: #<FUNCTION (LAMBDA (X)) {...}>, #<FUNCTION {...}>."""
    name = fn.name
    if name is None or name is NIL:
        return "#<FUNCTION {%s}>" % object_address(fn)
    if isinstance(name, Symbol):
        if name.setf_fn is fn and name.fn is not fn:
            name = lisp_list(cl_sym("SETF"), name)
            proper = True
        else:
            proper = name.fn is fn
    else:
        items = list_to_py(name) if type(name) is Cons else []
        proper = (len(items) == 2 and items[0] is cl_sym("SETF")
                  and isinstance(items[1], Symbol) and items[1].setf_fn is fn)
    if type(name) is Cons and name.car is cl_sym("LAMBDA") and type(name.cdr) is Cons:
        # SBCL writes an anonymous function's name with its lambda list as
        # written, () for none: (LAMBDA () :IN FOO)
        ll = name.cdr.car
        rest = "".join(" " + p.to_string(x) for x in list_to_py(name.cdr.cdr))
        text = "#<FUNCTION (LAMBDA " + ("()" if ll is NIL else p.to_string(ll)) + rest + ")"
    else:
        text = "#<FUNCTION " + p.to_string(name)
    if proper or type(fn) is Primitive:
        return text + ">"
    return text + " {%s}>" % object_address(fn)


def hash_table_text(p, h: HashTable) -> str:
    weak = h.weakness not in (None, NIL)
    text = "#<%s :TEST %s :COUNT %d" % (
        "SB-IMPL::GENERAL-HASH-TABLE" if weak else "HASH-TABLE", p.to_string(h.test), len(h))
    if weak:
        text += " :WEAKNESS " + p.to_string(h.weakness)
    return text + " {%s}>" % object_address(h)


def class_text(p, cls: LispClass) -> str:
    """#<STANDARD-CLASS COMMON-LISP-USER::PT>: the class of the class, then
    the name always qualified."""
    from .types import class_of
    name = p.to_string(cls.name, p.s.copy(package=KEYWORD, escape=True))
    return "#<%s %s>" % (p.to_string(class_of(cls).name, p.s.copy(escape=True)), name)


def condition_text(p, c: Instance) -> str:
    """SBCL's PRINT-OBJECT of a condition when escaping: type errors show
    their type and datum, cell errors their name, simple conditions their
    format control."""
    name = p.to_string(c.cls.name)
    if _in_cpl(c.cls, "TYPE-ERROR"):
        return "#<%s expected-type: %s datum: %s>" % (
            name, p.to_string(slot_named(c, "EXPECTED-TYPE", NIL)),
            p.to_string(slot_named(c, "DATUM", NIL)))
    detail = ""
    if _in_cpl(c.cls, "CELL-ERROR"):
        detail = " " + p.to_string(slot_named(c, "NAME", NIL))
    elif _in_cpl(c.cls, "SIMPLE-CONDITION"):
        control = slot_named(c, "FORMAT-CONTROL", NIL)
        if control is not NIL:
            detail = " " + p.to_string(control)
    return "#<%s%s {%s}>" % (name, detail, object_address(c))


def _in_cpl(cls: LispClass, name: str) -> bool:
    for c in cls.cpl:
        if isinstance(c.name, Symbol) and c.name.name == name and c.name.package is CL:
            return True
    return False


def slot_named(inst: Instance, name: str, default):
    """The value of INST's slot whose name is NAME (in any package)."""
    for key, value in inst.slots.items():
        if getattr(key, "name", None) == name:
            return value
    return default


def structure_slots(inst: Instance) -> list:
    """(slot name, value) pairs in the class's slot order when it has slot
    definitions, else in the order the instance holds them."""
    names = [getattr(sd, "name", None) for sd in inst.cls.slots]
    if not names or None in names:
        return list(inst.slots.items())
    return [(n, inst.slots[n]) for n in names if n in inst.slots]

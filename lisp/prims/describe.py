"""DESCRIBE in SBCL's layout: the object, its kind in brackets, then
sections for what a symbol names, a string's or vector's element type and
length, a character's code and name, and an instance's slots.

Only what this implementation knows is shown: no derived types or source
files (SBCL's compiler information).
"""
from __future__ import annotations

from fractions import Fraction

from .. import characters
from ..dynamic import symbol_value
from ..functions import defun, Function
from ..machine import Closure, Frame
from ..objects import (NIL, T, MV, UNBOUND, CONSTANT, SPECIAL, KEYWORD, Char, Cons, Instance,
                       LispClass, LString, SingleFloat, Symbol, Vector, cl_sym)
from ..printer import prin1_to_string
from ..printvars import printer_bindings
from ..types import FIXNUM_MIN, FIXNUM_MAX, class_of
from . import describe_clos
from .docs import documentation
from ..clos import GenericFunction, Method, protocol_gf, default_method
from ..errors import program_error


def _qualified(sym: Symbol) -> str:
    """SYM with its package prefix whatever the current package, as DESCRIBE
    heads a symbol."""
    with printer_bindings(escape=True, package=KEYWORD):
        return prin1_to_string(sym)


def _kind(x) -> str:
    """The word in brackets under the object."""
    if x is NIL:
        return "null"
    if isinstance(x, Symbol):
        return "symbol"
    if type(x) is int:
        return "fixnum" if FIXNUM_MIN <= x <= FIXNUM_MAX else "bignum"
    if type(x) is Fraction:
        return "ratio"
    if type(x) is SingleFloat:
        return "single-float"
    if type(x) is float:
        return "double-float"
    if isinstance(x, Char):
        return "standard-char" if x.ch in characters.STANDARD_CHARS else "character"
    if type(x) is Cons:
        y = x
        while type(y) is Cons:
            y = y.cdr
        return "list" if y is NIL else "cons"
    if isinstance(x, LString):
        return "simple-string"
    if isinstance(x, Vector):
        simple = x.fill_pointer is None and not x.adjustable
        general = x.element_type in (None, T)
        return "simple-vector" if simple and general else "vector"
    if isinstance(x, Instance):
        return {"structure": "structure-object", "standard": "standard-object",
                "condition": "condition"}.get(x.cls.kind, "standard-object")
    if isinstance(x, GenericFunction):
        return "generic-function"
    if isinstance(x, Function):
        return "compiled-function"
    if isinstance(x, (LispClass, Method)):
        return "standard-object"
    name = class_of(x).name
    return name.name.lower() if isinstance(name, Symbol) else "t"


def _doc_lines(doc) -> list[str]:
    if not isinstance(doc, LString):
        return []
    return ["  Documentation:"] + ["    " + line for line in doc.value.split("\n")]


def _symbol_sections(sym: Symbol) -> list[list[str]]:
    sections = []
    name = sym.name
    if sym.flags & CONSTANT or sym.flags & SPECIAL or sym.value is not UNBOUND:
        what = ("constant" if sym.flags & CONSTANT
                else "special" if sym.flags & SPECIAL else "undefined")
        lines = [f"{name} names {'an' if what == 'undefined' else 'a'} {what} variable:"]
        lines.append(f"  Value: {prin1_to_string(sym.value)}" if sym.value is not UNBOUND
                     else "  Currently unbound.")
        lines += _doc_lines(documentation(sym, cl_sym("VARIABLE")))
        sections.append(lines)
    fn = sym.macro if sym.macro is not None and sym.fn is None else sym.fn
    if fn is not None:
        kind = ("macro" if fn is sym.macro
                else "generic function" if type(fn).__name__ == "GenericFunction"
                else "compiled function")
        lines = [f"{name} names a {kind}:"]
        ll = _lambda_list(fn)
        if ll is not None:
            lines.append(f"  Lambda-list: {ll}")
        if isinstance(fn, GenericFunction):
            lines += describe_clos.gf_lines(fn, 2)
        lines += _doc_lines(documentation(sym, cl_sym("FUNCTION")))
        if isinstance(fn, GenericFunction):
            lines += describe_clos.gf_method_lines(fn, 2)
        sections.append(lines)
    class_section = describe_clos.class_section(sym)
    if class_section is not None:
        sections.append(class_section)
    return sections


def _lambda_list(fn) -> str | None:
    if isinstance(fn, Closure):
        ll = fn.lam.lambda_list
        return _unqualified(ll) if ll is not None else None
    ll = getattr(fn, "lambda_list", None)
    if isinstance(ll, str):   # a primitive's, as written in its @defun
        ll = ll.upper()
        return ll if ll.startswith("(") else f"({ll})"
    return _unqualified(ll) if ll is not None else None


def _unqualified(ll) -> str:
    """LL printed as SBCL's DESCRIBE prints lambda lists: parameter names
    without their package prefixes."""
    def strip(x):
        if type(x) is Cons:
            return Cons(strip(x.car), strip(x.cdr))
        if isinstance(x, Symbol) and x.package is not KEYWORD and x is not NIL:
            return Symbol(x.name)
        return x
    with printer_bindings(gensym=False):
        return prin1_to_string(strip(ll))


def _instance_section(x: Instance) -> list[str]:
    if x.cls.kind == "standard":
        return describe_clos.instance_lines(x)
    names = [getattr(s, "name", s) for s in x.cls.slots] or list(x.slots)
    if not names:
        return []
    width = max(30, max(len(prin1_to_string(n)) for n in names))
    lines = ["Slots with :INSTANCE allocation:"]
    for n in names:
        v = x.slots.get(n, UNBOUND)
        shown = "#<unbound slot>" if v is UNBOUND else prin1_to_string(v)
        lines.append(f"  {prin1_to_string(n):<{width}} = {shown}")
    return lines


def describe_lines(x) -> list[str]:
    """What DESCRIBE prints for X, as lines."""
    head = _qualified(x) if isinstance(x, Symbol) else prin1_to_string(x)
    lines = [head, f"  [{_kind(x)}]"]
    sections: list[list[str]] = []
    if isinstance(x, Symbol):
        sections = _symbol_sections(x)
    elif isinstance(x, LString):
        sections = [["Element-type: CHARACTER", f"Length: {len(x.value)}"]]
    elif isinstance(x, Vector):
        etype = prin1_to_string(T if x.element_type is None else x.element_type)
        length = len(x.items) if x.fill_pointer is None else x.fill_pointer
        sections = [[f"Element-type: {etype}", f"Length: {length}"]]
    elif isinstance(x, Char):
        sections = [[f"Char-code: {ord(x.ch)}", f"Char-name: {characters.char_name(x.ch)}"]]
    elif isinstance(x, Instance):
        section = _instance_section(x)
        sections = [section] if section else []
    elif isinstance(x, GenericFunction):
        ll = _lambda_list(x)
        doc = [line[2:] for line in _doc_lines(documentation(x, T))]
        sections = [[""] + [f"Lambda-list: {ll}"] + describe_clos.gf_lines(x, 0) + doc
                    + describe_clos.gf_method_lines(x, 0)]
    elif isinstance(x, LispClass) and x.kind in ("standard", "forward"):
        sections = [[""] + describe_clos.class_lines(x, 0)]
    for section in sections:
        lines.append("")
        lines += section
    return lines


def write_description(obj, out):
    """What the default DESCRIBE-OBJECT method prints."""
    out.fresh_line()
    out.write("\n".join(describe_lines(obj)) + "\n")


DESCRIBE_OBJECT = protocol_gf("DESCRIBE-OBJECT", "(object stream)")


def _default_describe_object(chain, arglist, obj, stream):
    write_description(obj, stream)
    return NIL


default_method(DESCRIBE_OBJECT, ["T", "T"], _default_describe_object)


class NoValuesFrame(Frame):
    """DESCRIBE returns no values, whatever DESCRIBE-OBJECT returned."""
    __slots__ = ()

    def resume(self, m):
        m.value = MV([])


@defun("DESCRIBE", "object &optional stream-designator", kind="control")
def describe(m, args):
    """Print a description of OBJECT to STREAM-DESIGNATOR."""
    if not 1 <= len(args) <= 2:
        raise program_error("invalid number of arguments: ~S", len(args))
    obj, stream = args[0], (args[1] if len(args) > 1 else NIL)
    if stream is NIL:
        out = symbol_value(cl_sym("*STANDARD-OUTPUT*"))
    elif stream is T:
        out = symbol_value(cl_sym("*TERMINAL-IO*"))
    else:
        out = stream
    m.k.append(NoValuesFrame())
    DESCRIBE_OBJECT.invoke(m, [obj, out])

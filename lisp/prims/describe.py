"""DESCRIBE in SBCL's layout: the object, its kind in brackets, then
sections for what a symbol names (variable, function, setf function,
class, type, property list), a character's code and name, and an
instance's slots; arrays, hash tables, packages, pathnames and function
objects are described by describe_objects.py, classes and generic
functions by describe_clos.py.

Only what this implementation knows is shown: no derived types or source
files (SBCL's compiler information).
"""
from __future__ import annotations

from fractions import Fraction

from .. import characters
from ..dynamic import symbol_value
from ..functions import defun, Function
from ..gray_adapter import is_gray_stream
from ..machine import Closure, Frame
from ..objects import (NIL, T, MV, UNBOUND, CONSTANT, SPECIAL, KEYWORD, Array, Char, Cons,
                       HashTable, Instance, LispClass, LString, Package, SingleFloat, Symbol,
                       Vector, CL, cl_sym, lisp_list)
from ..pathnames import Pathname
from ..analyzer import SPECIAL_FORMS
from ..printer import prin1_to_string, princ_to_string
from ..printvars import printer_bindings
from ..stdstreams import output_stream
from ..types import CLASSES, DEFTYPES, FIXNUM_MIN, FIXNUM_MAX, class_of, expand_deftype
from . import describe_clos, describe_objects
from .docs import documentation
from ..clos import GenericFunction, Method, protocol_gf, default_method
from ..errors import LispError, program_error


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
    kind = describe_objects.kind_of(x)
    if kind is not None:
        return kind
    if is_gray_stream(x):
        return "gray stream"
    if isinstance(x, Instance):
        return {"structure": "structure-object", "standard": "standard-object",
                "condition": "condition"}.get(x.cls.kind, "standard-object")
    if isinstance(x, GenericFunction):
        return "generic-function"
    if isinstance(x, Function):
        return "compiled function"
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
        kind = "macro" if fn is sym.macro else None
        sections.append(_function_section(name, fn, documentation(sym, cl_sym("FUNCTION")),
                                          kind))
    elif sym in SPECIAL_FORMS and sym.package is CL:
        sections.append([f"{name} names a special operator:"])
    if sym.setf_fn is not None:
        setf_name = lisp_list(cl_sym("SETF"), sym)
        sections.append(_function_section(princ_to_string(setf_name), sym.setf_fn,
                                          documentation(setf_name, cl_sym("FUNCTION"))))
    class_section = describe_clos.class_section(sym)
    if class_section is not None:
        sections.append(class_section)
    cls = CLASSES.get(sym)
    if cls is not None and cls.name is sym and cls.kind == "structure":
        sections.append(describe_objects.structure_class_section(sym, cls))
    elif cls is not None and cls.name is sym and cls.kind == "condition":
        sections.append(describe_objects.condition_class_section(sym, cls))
    if sym in DEFTYPES and sym not in CLASSES and sym.package is not CL:
        sections.append(_type_section(sym))
    plist = describe_objects.plist_section(sym)
    if plist is not None:
        sections.append(plist)
    return sections


def _function_section(name: str, fn, doc, kind: str | None = None) -> list[str]:
    """NAME names a macro / compiled or generic function: its lambda list,
    documentation DOC and a generic function's methods."""
    if kind is None:
        kind = "generic function" if isinstance(fn, GenericFunction) else "compiled function"
    lines = [f"{name} names a {kind}:"]
    ll = _lambda_list(fn)
    if ll is not None:
        lines.append(f"  Lambda-list: {ll}")
    if isinstance(fn, GenericFunction):
        lines += describe_clos.gf_lines(fn, 2)
    lines += _doc_lines(doc)
    if isinstance(fn, GenericFunction):
        lines += describe_clos.gf_method_lines(fn, 2)
    return lines


def _type_section(sym: Symbol) -> list[str]:
    """SYM names a DEFTYPE: its lambda list, and its expansion when it
    takes no arguments."""
    expander = DEFTYPES[sym]
    ll = _lambda_list(expander) if isinstance(expander, Function) else None
    expansion = None
    params = expander.lam.lambda_list if isinstance(expander, Closure) else None
    if params is NIL or (type(params) is Cons and isinstance(params.car, Symbol)
                         and params.car.name.startswith("&")):
        try:
            expansion = expand_deftype(sym, NIL)
        except LispError:
            pass
    return describe_objects.type_section(sym, ll, expansion)


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
    if ll is NIL:
        return "()"                 # SBCL prints lambda lists with ~:S
    with printer_bindings(gensym=False):
        return prin1_to_string(strip(ll))


def _instance_section(x: Instance) -> list[str]:
    if x.cls.kind == "standard":
        return describe_clos.instance_lines(x)
    names = [getattr(s, "name", s) for s in x.cls.slots] or list(x.slots)
    if not names:
        return []
    # SBCL writes the slot names with ~A: no package prefix
    width = max(30, max(len(n.name) for n in names))
    lines = ["Slots with :INSTANCE allocation:"]
    for n in names:
        v = x.slots.get(n, UNBOUND)
        shown = "#<unbound slot>" if v is UNBOUND else describe_objects.prin1_to_line(v)
        lines.append(f"  {n.name:<{width}} = {shown}")
    return lines


def describe_lines(x) -> list[str]:
    """What DESCRIBE prints for X, as lines."""
    head = _qualified(x) if isinstance(x, Symbol) else describe_objects.prin1_to_line(x)
    lines = [head, f"  [{_kind(x)}]"]
    sections: list[list[str]] = []
    if isinstance(x, Symbol):
        sections = _symbol_sections(x)
    elif isinstance(x, (LString, Vector, Array)):
        sections = [describe_objects.array_lines(x)]
    elif isinstance(x, HashTable):
        sections = [describe_objects.hash_table_lines(x)]
    elif isinstance(x, Package):
        sections = [describe_objects.package_lines(x)]
    elif isinstance(x, Pathname):
        sections = [describe_objects.pathname_lines(x)]
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
    elif isinstance(x, Function):
        sections = [describe_objects.function_lines(x, _lambda_list(x))]
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
    write_description(obj, output_stream(stream))
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

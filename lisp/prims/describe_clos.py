"""DESCRIBE's sections for classes, generic functions and standard
instances, in SBCL's layout (src/code/describe.lisp): a class's
documentation, precedence list once finalized, direct superclasses and
subclasses and direct slots; a generic function's lambda list, argument
precedence order, documentation, method combination and methods.

SBCL then dumps the metaobject's own implementation slots; those are
internals of PCL and are left out.
"""
from __future__ import annotations

from ..clos import GenericFunction
from ..clos_errors import unparse_specializers
from ..clos_classes import mop_finalized, metaclass_of
from ..clos_slots import slot_cells, MISSING
from ..objects import NIL, T, LString, LispClass, Instance, Symbol, cl_sym, keyword
from ..printer import prin1_to_string, princ_to_string
from ..types import CLASSES
from .docs import documentation

RIGHT_MARGIN = 72   # DESCRIBE binds *PRINT-RIGHT-MARGIN* to this when it is NIL


def _name_or_class(cls) -> str:
    return prin1_to_string(cls.name if CLASSES.get(cls.name) is cls else cls)


def _stuff(indent: int, label: str, items: list[str]) -> list[str]:
    """LABEL: item, item ... filled to the right margin, continuation lines
    aligned after the colon, as SBCL's DESCRIBE-STUFF prints them."""
    head = " " * indent + label + ":"
    start = len(head)
    lines, line = [], head
    for i, item in enumerate(items):
        section = " " + item + ("," if i < len(items) - 1 else "")
        if i > 0 and len(line) + len(section) > RIGHT_MARGIN:
            lines.append(line)
            line = " " * start
        line += section
    lines.append(line)
    return lines


def _doc_block(indent: int, doc, prefix: int = 2) -> list[str]:
    """Documentation: then DOC's lines (a Lisp or Python string; objects
    keep either)."""
    text = doc.value if isinstance(doc, LString) else doc if isinstance(doc, str) else None
    if text is None:
        return []
    return [" " * indent + "Documentation:"] + [" " * (indent + prefix) + line
                                                for line in text.split("\n")]


def class_lines(cls: LispClass, indent: int) -> list[str]:
    """The body of DESCRIBE's class section, each line indented INDENT."""
    pad = " " * indent
    lines = _doc_block(indent, documentation(cls, T))
    if mop_finalized(cls):
        lines += _stuff(indent, "Class precedence-list", [_name_or_class(c) for c in cls.cpl])
    lines += _stuff(indent, "Direct superclasses",
                    [_name_or_class(c) for c in cls.direct_supers]) if cls.direct_supers else []
    subs = [_name_or_class(c) for c in reversed(cls.subclasses)]
    lines += _stuff(indent, "Direct subclasses", subs) if subs else [pad + "No subclasses."]
    if not mop_finalized(cls):
        lines.append(pad + "Not yet finalized.")
    slots = cls.extra.get("direct-slots", ())
    if not slots:
        lines.append(pad + "No direct slots.")
        return lines
    lines.append(pad + "Direct slots:")
    for sd in slots:
        lines.append(pad + "  " + prin1_to_string(sd.name))
        sub = pad + "    "
        if sd.type is not T:
            lines.append(sub + "Type: " + prin1_to_string(sd.type))
        if sd.allocation != "instance":
            lines.append(sub + "Allocation: " + prin1_to_string(keyword(sd.allocation.upper())))
        if sd.initargs:
            lines.append(sub + "Initargs: " + ", ".join(prin1_to_string(a) for a in sd.initargs))
        if sd.initform is not NIL or sd.initfunction is not None:
            lines.append(sub + "Initform: " + prin1_to_string(sd.initform))
        if sd.readers:
            lines.append(sub + "Readers: " + ", ".join(prin1_to_string(r) for r in sd.readers))
        if sd.writers:
            lines.append(sub + "Writers: " + ", ".join(prin1_to_string(w) for w in sd.writers))
        lines += _doc_block(indent + 4, sd.doc, prefix=1)
    return lines


def class_section(name: Symbol) -> list[str] | None:
    """The section of DESCRIBE of the symbol NAME when it names a class."""
    cls = CLASSES.get(name)
    if cls is None or cls.kind not in ("standard", "forward"):
        return None
    meta = metaclass_of(cls).name
    head = "%s names the %s %s:" % (princ_to_string(name), meta.name.lower(),
                                    prin1_to_string(cls))
    return [head] + class_lines(cls, 2)


def gf_lines(gf: GenericFunction, indent: int) -> list[str]:
    """The part of DESCRIBE's function section particular to a generic
    function, after its lambda list and before its documentation."""
    pad = " " * indent
    order = gf.precedence or range(gf.nreq)
    lines = []
    if gf.nreq >= 2:
        names = [gf.info.required[i] for i in order]
        lines.append(pad + "Argument precedence order: " + princ_to_string(_list(names)))
    return lines


def gf_method_lines(gf: GenericFunction, indent: int) -> list[str]:
    pad = " " * indent
    combination = gf.combination.name if gf.combination is not None else cl_sym("STANDARD")
    lines = [pad + "Method-combination: " + prin1_to_string(combination)]
    if not gf.methods:
        return lines + [pad + "No methods."]
    lines.append(pad + "Methods:")
    name = princ_to_string(gf.name)
    for meth in reversed(gf.methods):
        quals = "".join(prin1_to_string(q) + " " for q in meth.qualifiers)
        lines.append("%s  (%s %s%s)" % (pad, name, quals,
                                        prin1_to_string(unparse_specializers(meth.specializers))))
        lines += _doc_block(indent + 4, meth.doc)
    return lines


def _list(items):
    from ..objects import lisp_list
    return lisp_list(*items)


def instance_lines(x: Instance) -> list[str]:
    """A standard instance's slots grouped by allocation, the group seen
    last first, as SBCL's DESCRIBE-INSTANCE prints them."""
    slots = x.cls.slots
    if not slots:
        return []
    width = max([30] + [len(sd.name.name) for sd in slots])
    groups: dict = {}
    for sd in slots:
        groups.setdefault(sd.allocation, []).append(sd)
    cells = slot_cells(x.cls)
    lines = []
    for allocation in reversed(list(groups)):
        lines.append("Slots with %s allocation:" % prin1_to_string(keyword(allocation.upper())))
        for sd in groups[allocation]:
            cell = cells.get(sd.name)
            value = cell[0] if cell is not None else x.slots.get(sd.name, MISSING)
            shown = "#<unbound slot>" if value is MISSING else prin1_to_string(value)
            lines.append("  %s = %s" % (sd.name.name.ljust(width), shown))
    return lines

"""The building blocks of the pretty printer's layouts
(pprint_layouts.py): PPRINT-POP's cursor, helpers for printing a logical
block's elements, and the FORMAT directives SBCL writes most layouts in.

A layout is a Python generator function ``layout(p, obj, *args)`` where P
is the PrettyPrinter (pprint.py). It writes through P (``write``, ``begin``
/ ``end`` for logical blocks, ``newline``, ``indent``, ``tab``), takes
elements with ``x = yield from p.pop(cursor)`` (EXIT: the block must end),
and prints a component X by yielding ``p.start(X)`` when that is not None,
so the printer's explicit stack, not Python's, holds nested objects.

``format_layout(control)`` makes a layout from a control string made of
~:<...~:>, ~W, ~^, ~_, ~I, ~@{...~} and ~/name/ (NAME looked up in
``NAMED_LAYOUTS``), as (FORMAT stream CONTROL list) would print LIST.
"""
from __future__ import annotations

import re

from .objects import NIL, Cons, sys_sym
from .prettystream import BLOCK, CURRENT, FILL, LINEAR, MANDATORY, MISER

__all__ = ["EXIT", "ListCursor", "backquote_form", "list_p", "block_head", "output",
           "pop_output", "format_layout", "format_block", "compile_block", "NAMED_LAYOUTS"]

EXIT = object()          # what p.pop returns when the block must end
_UP = object()           # ~^ ended the innermost iteration or block
QUASIQUOTE = sys_sym("QUASIQUOTE")
COMMAS = {sys_sym("UNQUOTE"): ",", sys_sym("UNQUOTE-SPLICING"): ",@",
          sys_sym("UNQUOTE-NSPLICING"): ",."}
BACKQUOTE_OPS = frozenset([QUASIQUOTE, *COMMAS])

# Layouts a control string can call with ~/name/ (filled in by
# pprint_layouts.py).
NAMED_LAYOUTS: dict = {}


def backquote_form(x) -> bool:
    """Is X a backquote or comma form that prints abbreviated (`X ,X ,@X
    ,.X)? As a list tail it prints after a dot: (A . ,B)."""
    return (type(x) is Cons and x.car in BACKQUOTE_OPS and type(x.cdr) is Cons
            and x.cdr.cdr is NIL)


def list_p(x) -> bool:
    return type(x) is Cons or x is NIL


class ListCursor:
    """The list a logical block is printing and how many elements were
    taken from it (PPRINT-POP's state)."""
    __slots__ = ("tail", "count")

    def __init__(self, tail):
        self.tail = tail
        self.count = 0


# ---------------------------------------------------------------- helpers
def block_head(p, obj):
    """Begin a (...) block on the list OBJ: its cursor, or None when
    *PRINT-LEVEL* printed # instead."""
    if not p.begin("(", ")"):
        return None
    return ListCursor(obj)


def output(p, x):
    g = p.start(x)
    if g is not None:
        yield g


def pop_output(p, cur):
    """Take the next element and print it; False when the block must end."""
    x = yield from p.pop(cur)
    if x is EXIT:
        return False
    yield from output(p, x)
    return True


# ---------------------------------------------------------------- the FORMAT subset
_TEXT, _W, _CARET, _NEWLINE, _INDENT, _BLOCK, _ITERATE, _CALL = range(8)
_DIRECTIVE = re.compile(r"~(-?\d+)?([:@]*)(.)")
_NEWLINE_KIND = {"": LINEAR, ":": FILL, "@": MISER, ":@": MANDATORY, "@:": MANDATORY}


def _compile(control: str, i: int = 0, closer: str | None = None):
    """The directives of CONTROL from I up to CLOSER, as a tuple of ops,
    and the index after CLOSER."""
    ops = []
    while i < len(control):
        j = control.find("~", i)
        if j < 0:
            j = len(control)
        if j > i:
            ops.append((_TEXT, control[i:j]))
        if j == len(control):
            break
        m = _DIRECTIVE.match(control, j)
        param, mods, d = m.group(1), m.group(2), m.group(3).upper()
        i = m.end()
        if d == closer:
            return tuple(ops), i
        if d == "<":
            body, i = _compile(control, i, ">")
            ops.append((_BLOCK, body))
        elif d == "{":
            body, i = _compile(control, i, "}")
            ops.append((_ITERATE, body))
        elif d == "W":
            ops.append((_W,))
        elif d == "^":
            ops.append((_CARET,))
        elif d == "_":
            ops.append((_NEWLINE, _NEWLINE_KIND[mods]))
        elif d == "I":
            ops.append((_INDENT, CURRENT if ":" in mods else BLOCK, int(param or 0)))
        elif d == "/":
            end = control.index("/", i)
            name = control[i:end].split(":")[-1]
            i = end + 1
            ops.append((_CALL, name, ":" in mods))
        else:
            raise ValueError(f"layout directive ~{d} in {control!r}")
    return tuple(ops), i


def format_layout(control: str):
    """The layout that prints its list as (FORMAT stream CONTROL list)
    does, CONTROL being one ~:<...~:> block."""
    body = compile_block(control)

    def layout(p, obj, *noise):
        return format_block(p, obj, body)
    return layout


def compile_block(control: str):
    """The body of CONTROL, one ~:<...~:> block, for ``format_block``."""
    ops, _ = _compile(control)
    (code, body), = ops
    assert code is _BLOCK
    return body


def format_block(p, obj, ops):
    """~:<OPS~:> applied to OBJ."""
    if not list_p(obj) or backquote_form(obj):
        g = p.start(obj)
        if g is not None:
            yield g
        return
    if not p.begin("(", ")"):
        return
    yield from _interpret(p, ops, ListCursor(obj))
    p.end()


def _interpret(p, ops, cur):
    """Run OPS on the list of CUR; _UP when ~^ ended them, EXIT when
    PPRINT-POP ended the block."""
    for op in ops:
        code = op[0]
        if code is _TEXT:
            p.write(op[1])
        elif code is _W:
            x = yield from p.pop(cur)
            if x is EXIT:
                return EXIT
            g = p.start(x)
            if g is not None:
                yield g
        elif code is _CARET:
            if cur.tail is NIL:
                return _UP
        elif code is _NEWLINE:
            p.newline(op[1])
        elif code is _INDENT:
            p.indent(op[1], op[2])
        elif code is _ITERATE:
            while cur.tail is not NIL:
                r = yield from _interpret(p, op[1], cur)
                if r is EXIT:
                    return EXIT
                if r is _UP:
                    break
        else:
            x = yield from p.pop(cur)
            if x is EXIT:
                return EXIT
            if code is _BLOCK:
                yield from format_block(p, x, op[1])
            else:
                yield from NAMED_LAYOUTS[op[1]](p, x, op[2])
    return None

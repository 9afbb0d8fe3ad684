"""The layouts of SBCL's standard pprint dispatch table (the PPRINT-...
functions of src/code/pprint.lisp): how lists, code forms, arrays and
structures are broken into lines. What a layout is, and the FORMAT subset
most of them are written in, is explained in pprint_format.py; the control
strings below are SBCL's.
"""
from __future__ import annotations

from .objects import CL, KEYWORD, NIL, Array, Cons, Symbol, cl_sym
from .pprint_format import (BACKQUOTE_OPS, COMMAS, EXIT, NAMED_LAYOUTS, QUASIQUOTE,
                            ListCursor, backquote_form, block_head, compile_block,
                            format_block, format_layout, list_p, output, pop_output)
from .prettystream import BLOCK, CURRENT, FILL, LINEAR, MANDATORY, MISER

__all__ = ["macro_indentation", "LAYOUTS", "CL_BODY_MACROS", "pprint_structure"]

_FUNCTION = cl_sym("FUNCTION")
_BODY, _OPTIONAL = cl_sym("&BODY"), cl_sym("&OPTIONAL")
_UNCOUNTED = frozenset([cl_sym("&WHOLE"), cl_sym("&ENVIRONMENT")])
_LL_OPTIONAL = frozenset([cl_sym("&OPTIONAL"), cl_sym("&AUX")])
_LL_REST = frozenset([cl_sym("&REST"), cl_sym("&BODY")])
_LL_KEY = cl_sym("&KEY")
_IN = KEYWORD.intern("IN")[0]
_LOOP_SEPARATORS = frozenset(
    "AND WITH FOR INITIALLY FINALLY DO DOING COLLECT COLLECTING APPEND APPENDING NCONC "
    "NCONCING COUNT COUNTING SUM SUMMING MAXIMIZE MAXIMIZING MINIMIZE MINIMIZING IF WHEN "
    "UNLESS END WHILE UNTIL REPEAT ALWAYS NEVER THEREIS".split())

# SBCL's MACRO-INDENTATION of the CL macros that have no entry of their
# own: how many arguments precede &BODY (the others have no &BODY).
CL_BODY_MACROS = {
    "DEFGENERIC": 2, "DEFINE-COMPILER-MACRO": 2, "DEFINE-CONDITION": 3,
    "DEFINE-METHOD-COMBINATION": 1, "HANDLER-BIND": 1, "RESTART-BIND": 1,
    "RESTART-CASE": 1, "WITH-ACCESSORS": 2, "WITH-CONDITION-RESTARTS": 2, "WITH-SLOTS": 2,
}


def macro_indentation(sym: Symbol):
    """How many arguments of a call of the macro SYM precede its &BODY (as
    SBCL's MACRO-INDENTATION counts them), or None when it is no macro or
    has no &BODY. CL macros are counted from SBCL's lambda lists, others
    from the lambda list their macro function records (``lam.lambda_list``
    of a Closure, SBCL's %FUN-LAMBDA-LIST); a macro written in Python has
    none and prints as a function call."""
    if sym.package is CL:
        return CL_BODY_MACROS.get(sym.name)
    fn = sym.macro
    lam = getattr(fn, "lam", None)
    ll = getattr(lam, "lambda_list", NIL)
    n = 0
    while type(ll) is Cons and ll.car is not _BODY:
        if ll.car in _UNCOUNTED:
            # SBCL's %FUN-LAMBDA-LIST has neither &WHOLE nor &ENVIRONMENT.
            ll = ll.cdr.cdr if type(ll.cdr) is Cons else NIL
            continue
        if ll.car is not _OPTIONAL:
            n += 1
        ll = ll.cdr
    return None if ll is NIL else n


# ---------------------------------------------------------------- lists
def _fill_like(p, obj, colon, kind, tabsize=None):
    if not list_p(obj) or backquote_form(obj):
        g = p.start(obj)
        if g is not None:
            yield g
        return
    if not p.begin("(" if colon else "", ")" if colon else ""):
        return
    cur = ListCursor(obj)
    while cur.tail is not NIL:
        x = yield from p.pop(cur)
        if x is EXIT:
            break
        g = p.start(x)
        if g is not None:
            yield g
        if cur.tail is NIL:
            break
        p.write(" ")
        if tabsize is not None:
            p.tab("section-relative", 0, tabsize)
        p.newline(kind)
    p.end()


def pprint_fill(p, obj, colon=True, *noise):
    return _fill_like(p, obj, colon, FILL)


def pprint_linear(p, obj, colon=True, *noise):
    return _fill_like(p, obj, colon, LINEAR)


def pprint_tabular(p, obj, colon=True, atsign=None, tabsize=None):
    return _fill_like(p, obj, colon, FILL, 16 if tabsize is None else tabsize)


def pprint_quote(p, obj, *noise):
    """'X #'X `X ,X ,@X ,.X; any other shape as data."""
    if type(obj.cdr) is Cons and obj.cdr.cdr is NIL:
        op = obj.car
        sigil = COMMAS.get(op) or ("`" if op is QUASIQUOTE else
                                   "#'" if op is _FUNCTION else "'")
        if p.sugar or op in BACKQUOTE_OPS:
            p.write(sigil)
            x = obj.cdr.car
            if sigil == "," and type(x) is Symbol and x.name[:1] in ("@", "."):
                p.write(" ")      # ,@X would read as a splice
            yield from output(p, x)
            return
    yield from pprint_fill(p, obj)


def pprint_declare(p, obj, *noise):
    """As a spread function call, with (FUNCTION F) not shown as #'F."""
    saved = p.sugar
    p.sugar = False
    try:
        yield from _SPREAD_FUN_CALL(p, obj)
    finally:
        p.sugar = saved


def pprint_setq(p, obj, *noise):
    """(SETQ A 1\\n      B 2): each pair on a line, a long value under its
    variable."""
    cur = block_head(p, obj)
    if cur is None:
        return
    if cur.tail is not NIL and (yield from pop_output(p, cur)) and cur.tail is not NIL:
        p.write(" ")
        if not list_p(obj.cdr):
            p.write(". ")
        p.newline(MISER)
        yield from _setq_pairs(p, obj.cdr)
    p.end()


def _setq_pairs(p, pairs):
    if not list_p(pairs):
        yield from output(p, pairs)
        return
    if not p.begin("", ""):
        return
    cur = ListCursor(pairs)
    while True:
        p.indent(BLOCK, 2)
        if not (yield from pop_output(p, cur)) or cur.tail is NIL:
            break
        p.write(" ")
        p.newline(FILL)
        p.indent(BLOCK, 0)
        if not (yield from pop_output(p, cur)) or cur.tail is NIL:
            break
        p.write(" ")
        p.newline(MANDATORY)
    p.end()


def _tagbody_guts(p, cur):
    """The rest of a TAGBODY-like form: tags at the block's indentation,
    statements one further, each on its own line if any breaks."""
    while cur.tail is not NIL:
        p.write(" ")
        x = yield from p.pop(cur)
        if x is EXIT:
            return
        p.indent(BLOCK, 0 if type(x) is not Cons else 1)
        p.newline(LINEAR)
        yield from output(p, x)


def pprint_tagbody(p, obj, *noise):
    cur = block_head(p, obj)
    if cur is None:
        return
    if cur.tail is not NIL and (yield from pop_output(p, cur)):
        yield from _tagbody_guts(p, cur)
    p.end()


def pprint_prog(p, obj, *noise):
    cur = block_head(p, obj)
    if cur is None:
        return
    if cur.tail is not NIL and (yield from pop_output(p, cur)) and cur.tail is not NIL:
        p.write(" ")
        p.newline(MISER)
        x = yield from p.pop(cur)
        if x is not EXIT:
            yield from pprint_fill(p, x)
            yield from _tagbody_guts(p, cur)
    p.end()


def pprint_do(p, obj, *noise):
    cur = block_head(p, obj)
    if cur is None:
        return
    if cur.tail is not NIL and (yield from pop_output(p, cur)) and cur.tail is not NIL:
        p.write(" ")
        p.indent(CURRENT, 0)
        x = yield from p.pop(cur)
        if x is not EXIT:
            yield from format_block(p, x, _DO_VARS)
            if cur.tail is not NIL:
                p.write(" ")
                p.newline(LINEAR)
                x = yield from p.pop(cur)
                if x is not EXIT:
                    yield from pprint_linear(p, x)
                    yield from _tagbody_guts(p, cur)
    p.end()


def pprint_dolist(p, obj, *noise):
    cur = block_head(p, obj)
    if cur is None:
        return
    if cur.tail is not NIL and (yield from pop_output(p, cur)) and cur.tail is not NIL:
        p.indent(BLOCK, 3)
        p.write(" ")
        p.newline(FILL)
        x = yield from p.pop(cur)
        if x is not EXIT:
            yield from format_block(p, x, _DOLIST_VARS)
            yield from _tagbody_guts(p, cur)
    p.end()


def pprint_loop(p, obj, *noise):
    """A simple LOOP as a spread call; an extended one with each clause
    on its own line."""
    clauses = obj.cdr
    if type(clauses) is not Cons or type(clauses.car) is Cons:
        yield from _SPREAD_FUN_CALL(p, obj)
        return
    cur = block_head(p, obj)
    if cur is None:
        return
    if (yield from pop_output(p, cur)) and cur.tail is not NIL:
        p.write(" ")
        p.indent(CURRENT, 0)
        if (yield from pop_output(p, cur)) and cur.tail is not NIL:
            p.write(" ")
            while True:
                x = yield from p.pop(cur)
                if x is EXIT:
                    break
                if type(x) is Symbol and x.name in _LOOP_SEPARATORS:
                    p.newline(MANDATORY)
                yield from output(p, x)
                if cur.tail is NIL:
                    break
                p.write(" ")
    p.end()


def pprint_flet(p, obj, *noise):
    rest = obj.cdr
    if (type(rest) is Cons and type(rest.cdr) is Cons and rest.cdr.car is not _IN):
        yield from _FLET(p, obj)
        return
    cur = block_head(p, obj)
    if cur is None:
        return
    if cur.tail is not NIL and (yield from pop_output(p, cur)):
        while cur.tail is not NIL:
            p.write(" ")
            if not (yield from pop_output(p, cur)):
                break
    p.end()


def pprint_defmethod(p, obj, *noise):
    rest = obj.cdr
    if type(rest) is Cons and type(rest.cdr) is Cons and type(rest.cdr.car) is Cons:
        return _DEFUN(p, obj)
    return _DEFMETHOD_QUALIFIED(p, obj)


def pprint_call_form(p, obj, *noise):
    """A call of a macro with &BODY: arguments before the body on their own
    lines indented by 3 (the first stays on the first line), then the body
    indented by 1. Anything else as a function call."""
    indentation = macro_indentation(obj.car) if type(obj.car) is Symbol else None
    if indentation is None:
        yield from _FUN_CALL(p, obj)
        return
    cur = block_head(p, obj)
    if cur is None:
        return
    if (yield from pop_output(p, cur)) and cur.tail is not NIL:
        p.write(" ")
        for i in range(indentation):
            if i:
                p.indent(BLOCK, 3)
                p.newline(MANDATORY)
            if not (yield from pop_output(p, cur)) or cur.tail is NIL:
                p.end()
                return
        p.indent(BLOCK, 1)
        p.newline(MANDATORY)
        while (yield from pop_output(p, cur)) and cur.tail is not NIL:
            p.newline(MANDATORY)
    p.end()


def pprint_lambda_list(p, obj, *noise):
    """A lambda list: lambda list keywords start linear sections; required
    parameters print as data, optional and key ones as (var init ...)."""
    if not list_p(obj):
        yield from output(p, obj)
        return
    cur = block_head(p, obj)
    if cur is None:
        return
    mode = "required"
    first = True
    while cur.tail is not NIL:
        if not first:
            p.write(" ")
        first = False
        arg = yield from p.pop(cur)
        if arg is EXIT:
            break
        if arg in _LL_OPTIONAL:
            mode = "optional"
            p.newline(LINEAR)
        elif arg in _LL_REST:
            mode = "required"
            p.newline(LINEAR)
        elif arg is _LL_KEY:
            mode = "key"
            p.newline(LINEAR)
        else:
            p.newline(FILL)
        if mode == "required":
            yield from _fill_like(p, arg, True, LINEAR)
        else:
            yield from _parameter(p, arg, mode == "key")
    p.end()


def _parameter(p, arg, key: bool):
    if not list_p(arg):
        yield from output(p, arg)
        return
    cur = block_head(p, arg)
    if cur is None:
        return
    if cur.tail is not NIL:
        if key:
            x = yield from p.pop(cur)
            if x is EXIT:
                p.end()
                return
            yield from _keyword_name(p, x)
        elif not (yield from pop_output(p, cur)):
            p.end()
            return
        while cur.tail is not NIL:
            p.write(" ")
            p.newline(LINEAR)
            if not (yield from pop_output(p, cur)):
                break
    p.end()


def _keyword_name(p, x):
    """VAR or ((KEYWORD VAR)) of a &KEY parameter, fill style."""
    if not list_p(x):
        yield from output(p, x)
        return
    cur = block_head(p, x)
    if cur is None:
        return
    if cur.tail is not NIL and (yield from pop_output(p, cur)):
        while cur.tail is not NIL:
            p.write(" ")
            p.newline(FILL)
            if not (yield from pop_output(p, cur)):
                break
    p.end()


# ---------------------------------------------------------------- arrays and structures
def pprint_array(p, array, *noise):
    """#(...) and #nA(...), fill style within a row, linear between rows."""
    dims = array.dims if type(array) is Array else None
    if dims is None:
        return _vector(p, array.active())
    p.write("#%dA" % len(dims))
    return _array_rows(p, array.items, dims, 0)


def _vector(p, items):
    if not p.begin("#(", ")"):
        return
    cur = ListCursor(NIL)
    for i, x in enumerate(items):
        if i:
            p.write(" ")
            p.newline(FILL)
        if (yield from p.pop(cur)) is EXIT:
            break
        yield from output(p, x)
    p.end()


def _array_rows(p, items, dims, index):
    if not p.begin("(", ")"):
        return
    cur = ListCursor(NIL)
    rest = dims[1:]
    step = 1
    for d in rest:
        step *= d
    for i in range(dims[0]):
        if i:
            p.write(" ")
            p.newline(LINEAR if rest else FILL)
        if (yield from p.pop(cur)) is EXIT:
            break
        if rest:
            yield from _array_rows(p, items, rest, index)
        else:
            yield from output(p, items[index])
        index += step
    p.end()


def pprint_structure(p, inst, *noise):
    """#S(NAME :SLOT value ...): one pair per line when it does not fit."""
    from .printobjects import structure_slots
    slots = structure_slots(inst)
    if not slots:
        p.write("#S(")
        yield from output(p, inst.cls.name)
        p.write(")")
        return
    if not p.begin("#S(", ")"):
        return
    cur = ListCursor(NIL)
    yield from output(p, inst.cls.name)
    p.write(" ")
    p.newline(LINEAR)
    for i, (slot, value) in enumerate(slots):
        if i:
            p.write(" ")
            p.newline(LINEAR)
        if (yield from p.pop(cur)) is EXIT:
            break
        p.write(p.keyword_text(slot) + " ")
        p.newline(MISER)
        yield from output(p, value)
    p.end()


# ---------------------------------------------------------------- SBCL's control strings
_FUN_CALL = format_layout("~:<~^~W~^ ~:_~:I~@{~W~^ ~:_~}~:>")
_SPREAD_FUN_CALL = format_layout("~:<~^~W~^ ~:_~:I~@{~W~^ ~:@_~}~:>")
_DEFUN = format_layout(
    "~:<~^~W~^ ~@_~:I~W~^ ~:_~/SB-PRETTY:PPRINT-LAMBDA-LIST/~1I~@{ ~_~W~}~:>")
_DEFMETHOD_QUALIFIED = format_layout(
    "~:<~^~W~^ ~@_~:I~W~^ ~W~^ ~:_~/SB-PRETTY:PPRINT-LAMBDA-LIST/~1I~@{ ~_~W~}~:>")
_FLET = format_layout(
    "~:<~^~W~^ ~@_~:<~@{~:<~^~W~^~3I ~:_~/SB-PRETTY:PPRINT-LAMBDA-LIST/~1I~:@_~@{~W~^ ~_~}"
    "~:>~^ ~_~}~:>~1I~@:_~@{~W~^ ~_~}~:>")
_DO_VARS = compile_block("~:<~@{~:<~^~W~^ ~@_~:I~W~@{ ~_~W~}~:>~^~:@_~}~:>")
_DOLIST_VARS = compile_block("~:<~^~W~^ ~:_~:I~W~@{ ~_~W~}~:>")

LAYOUTS = {
    "PPRINT-FILL": pprint_fill,
    "PPRINT-LINEAR": pprint_linear,
    "PPRINT-TABULAR": pprint_tabular,
    "PPRINT-LAMBDA-LIST": pprint_lambda_list,
    "PPRINT-FUN-CALL": _FUN_CALL,
    "PPRINT-SPREAD-FUN-CALL": _SPREAD_FUN_CALL,
    "PPRINT-CALL-FORM": pprint_call_form,
    "PPRINT-QUOTE": pprint_quote,
    "PPRINT-DECLARE": pprint_declare,
    "PPRINT-SETQ": pprint_setq,
    "PPRINT-TAGBODY": pprint_tagbody,
    "PPRINT-PROG": pprint_prog,
    "PPRINT-DO": pprint_do,
    "PPRINT-DOLIST": pprint_dolist,
    "PPRINT-LOOP": pprint_loop,
    "PPRINT-FLET": pprint_flet,
    "PPRINT-DEFMETHOD": pprint_defmethod,
    "PPRINT-PROGN": pprint_linear,
    "PPRINT-DEFUN": _DEFUN,
    "PPRINT-LAMBDA": format_layout(
        "~:<~^~W~^~3I ~:_~/SB-PRETTY:PPRINT-LAMBDA-LIST/~1I~@{ ~_~W~}~:>"),
    "PPRINT-BLOCK": format_layout("~:<~^~W~^~3I ~:_~W~1I~@{ ~_~W~}~:>"),
    "PPRINT-LET": format_layout(
        "~:<~^~W~^ ~@_~:<~@{~:<~^~W~@{ ~_~W~}~:>~^ ~_~}~:>~1I~^~:@_~@{~W~^ ~_~}~:>"),
    "PPRINT-PROGV": format_layout("~:<~^~W~^~3I ~_~W~^ ~_~W~^~1I~@{ ~_~W~}~:>"),
    "PPRINT-PROG2": format_layout("~:<~^~W~^~3I ~:_~W~^ ~_~W~^~1I~@{ ~_~W~}~:>"),
    "PPRINT-CASE": format_layout(
        "~:<~^~W~^ ~3I~:_~W~1I~@{ ~_~:<~^~:/SB-PRETTY:PPRINT-FILL/~^~@{ ~_~W~}~:>~}~:>"),
    "PPRINT-TYPECASE": format_layout(
        "~:<~^~W~^ ~3I~:_~W~1I~@{ ~_~:<~^~W~^~@{ ~_~W~}~:>~}~:>"),
    "PPRINT-DEFPACKAGE": format_layout(
        "~:<~W~^ ~3I~:_~W~^~1I~@{~:@_~:<~^~W~^ ~:I~@_~@{~W~^ ~_~}~:>~}~:>"),
    "PPRINT-DESTRUCTURING-BIND": format_layout(
        "~:<~^~W~^~3I ~_~:/SB-PRETTY:PPRINT-LAMBDA-LIST/~^ ~_~W~^~1I~@{ ~_~W~}~:>"),
    "PPRINT-IF": format_layout("~:<~^~W~^ ~:I~W~^ ~:@_~@{~W~^ ~:@_~}~:>"),
    "PPRINT-ARRAY": pprint_array,
}
NAMED_LAYOUTS.update(LAYOUTS)

"""The pretty printer's Lisp interface (CLHS 22.2): PPRINT-LOGICAL-BLOCK
with its local macros PPRINT-POP and PPRINT-EXIT-IF-LIST-EXHAUSTED,
PPRINT-NEWLINE, PPRINT-INDENT, PPRINT-TAB, PPRINT-FILL, PPRINT-LINEAR,
PPRINT-TABULAR, PPRINT-DISPATCH, SET-PPRINT-DISPATCH and
COPY-PPRINT-DISPATCH; and SBCL's standard layouts as the functions
PPRINT-DISPATCH returns (SB-PRETTY::PPRINT-LET ...).

PPRINT-LOGICAL-BLOCK expands into a call of SYS:%PPRINT-LOGICAL-BLOCK with
the body as a function of (list state stream); the body runs to completion
inside that call (Machine.call_nested), so the block's setup is undone
however the body exits.
"""
from __future__ import annotations

from ..dynamic import state
from ..equality import equal
from ..errors import program_error, type_error
from ..functions import Function, Primitive, defun
from ..macros import args_of, body_of, defmacro, gensym
from ..objects import (NIL, MV, T, Cons, LString, Package, Symbol, cl_sym, find_package,
                       keyword, lisp_list, sys_sym)
from ..pprint import (INDENT_KINDS, NEWLINE_KINDS, TAB_KINDS, logical_block, pprint_indent,
                      pprint_newline, pprint_tab, run_layout)
from ..pprint_dispatch import DispatchTable, current_table, initial_table
from ..pprint_layouts import LAYOUTS
from ..printer import _Printer
from ..stdstreams import output_stream
from ..types import typep

S = cl_sym
L = lisp_list
_SB_PRETTY = find_package("SB-PRETTY") or Package("SB-PRETTY", use=[find_package("CL")])
_STANDARD_OUTPUT, _TERMINAL_IO = S("*STANDARD-OUTPUT*"), S("*TERMINAL-IO*")
_KEYWORD_NAMES = {keyword(name.upper()): name for name in
                  list(NEWLINE_KINDS) + list(INDENT_KINDS) + list(TAB_KINDS)}

# Lisp function objects of the standard layouts, both ways.
_PRIMITIVE_OF: dict = {}
_LAYOUT_OF: dict = {}


def _kind(x, allowed, type_spec: str) -> str:
    name = _KEYWORD_NAMES.get(x) if isinstance(x, Symbol) else None
    if name is None or name not in allowed:
        raise type_error(x, type_spec)
    return name


def _string_or_nil(x):
    if x is NIL:
        return None
    if not isinstance(x, LString):
        raise type_error(x, "(OR NULL STRING)")
    return x.value


# ---------------------------------------------------------------- PPRINT-LOGICAL-BLOCK
@defmacro("PPRINT-LOGICAL-BLOCK")
def m_pprint_logical_block(form, env):
    """(pprint-logical-block (stream-symbol object &key prefix per-line-prefix
    suffix) &body body)"""
    spec = args_of(form, 1)[0]
    if type(spec) is not Cons:
        raise program_error("malformed PPRINT-LOGICAL-BLOCK: ~S", form)
    parts = list(spec)
    if len(parts) < 2 or len(parts) % 2:
        raise program_error("malformed PPRINT-LOGICAL-BLOCK: ~S", form)
    stream_symbol, obj = parts[0], parts[1]
    keys = {}
    for i in range(2, len(parts), 2):
        key = parts[i]
        if key not in (keyword("PREFIX"), keyword("PER-LINE-PREFIX"), keyword("SUFFIX")):
            raise program_error("unknown keyword ~S in PPRINT-LOGICAL-BLOCK", key)
        keys.setdefault(key.name, parts[i + 1])
    if "PREFIX" in keys and "PER-LINE-PREFIX" in keys:
        raise program_error("cannot specify values for both PREFIX and PER-LINE-PREFIX.")
    if stream_symbol is NIL:
        stream_symbol = _STANDARD_OUTPUT
    elif stream_symbol is T:
        stream_symbol = _TERMINAL_IO
    lst, cursor, block = gensym("LIST"), gensym("STATE"), gensym("PPRINT-BLOCK")
    exit_form = L(S("RETURN-FROM"), block, NIL)
    local_macros = L(
        L(S("PPRINT-POP"), NIL,
          L(S("QUOTE"), L(S("IF"), L(sys_sym("%PPRINT-POP-CHECK"), lst, cursor),
                          L(S("POP"), lst), exit_form))),
        L(S("PPRINT-EXIT-IF-LIST-EXHAUSTED"), NIL,
          L(S("QUOTE"), L(S("IF"), L(S("NULL"), lst), exit_form))))
    body = L(S("LAMBDA"), L(lst, cursor, stream_symbol),
             L(S("DECLARE"), L(S("IGNORABLE"), lst, cursor, stream_symbol)),
             L(S("BLOCK"), block, Cons(S("MACROLET"), Cons(local_macros, body_of(form, 1)))))
    return L(sys_sym("%PPRINT-LOGICAL-BLOCK"), stream_symbol, obj,
             keys.get("PREFIX", NIL), keys.get("PER-LINE-PREFIX", NIL),
             keys.get("SUFFIX", LString("")), L(S("FUNCTION"), body))


@defun("SYS:%PPRINT-LOGICAL-BLOCK", "stream object prefix per-line-prefix suffix body")
def pprint_logical_block_(stream, object, prefix, per_line_prefix, suffix, body):
    out = output_stream(stream)
    per_line = per_line_prefix is not NIL
    text = _string_or_nil(per_line_prefix if per_line else prefix) or ""
    suffix_text = _string_or_nil(suffix) or ""

    def run_body(pstream, cursor):
        state.machine.call_nested(body, [object, cursor, pstream])
    logical_block(out, object, run_body, text, suffix_text, per_line)
    return NIL


@defun("SYS:%PPRINT-POP-CHECK", "list state")
def pprint_pop_check(list_, cursor):
    """PPRINT-POP's check: true when the next element may be taken."""
    return T if cursor.pop_ok(list_) else NIL


def _outside_block(name: str):
    def expander(form, env):
        raise program_error("~A must be lexically inside PPRINT-LOGICAL-BLOCK.", S(name))
    defmacro(name)(expander)


_outside_block("PPRINT-POP")
_outside_block("PPRINT-EXIT-IF-LIST-EXHAUSTED")


# ---------------------------------------------------------------- conditional newlines...
@defun("PPRINT-NEWLINE", "kind &optional stream")
def lisp_pprint_newline(kind, stream=NIL):
    """Output a conditional newline to STREAM (which defaults to
    *STANDARD-OUTPUT*) if it is a pretty-printing stream, and do nothing if
    not. KIND is :LINEAR, :FILL, :MISER or :MANDATORY."""
    name = _kind(kind, NEWLINE_KINDS, "(MEMBER :LINEAR :MISER :FILL :MANDATORY)")
    pprint_newline(output_stream(stream), name)
    return NIL


@defun("PPRINT-INDENT", "relative-to n &optional stream")
def lisp_pprint_indent(relative_to, n, stream=NIL):
    """Specify the indentation to use in the current logical block if
    STREAM (which defaults to *STANDARD-OUTPUT*) is a pretty-printing
    stream, relative to the block's start (:BLOCK) or the current column
    (:CURRENT). It takes effect at the following line break."""
    name = _kind(relative_to, INDENT_KINDS, "(MEMBER :BLOCK :CURRENT)")
    pprint_indent(output_stream(stream), name, _truncate_real(n))
    return NIL


def _truncate_real(n) -> int:
    if type(n) is int:
        return n
    try:
        return int(n)
    except (TypeError, ValueError, OverflowError):
        raise type_error(n, "REAL") from None


@defun("PPRINT-TAB", "kind colnum colinc &optional stream")
def lisp_pprint_tab(kind, colnum, colinc, stream=NIL):
    """If STREAM (which defaults to *STANDARD-OUTPUT*) is a
    pretty-printing stream, tab as KIND (:LINE, :SECTION, :LINE-RELATIVE,
    :SECTION-RELATIVE) says to column COLNUM, then to a multiple of
    COLINC."""
    name = _kind(kind, TAB_KINDS, "(MEMBER :LINE :SECTION :LINE-RELATIVE :SECTION-RELATIVE)")
    for x in (colnum, colinc):
        if type(x) is not int or x < 0:
            raise type_error(x, "UNSIGNED-BYTE")
    pprint_tab(output_stream(stream), name, colnum, colinc)
    return NIL


# ---------------------------------------------------------------- list printers
@defun("PPRINT-FILL", "stream list &optional colon atsign")
def lisp_pprint_fill(stream, list_, colon=T, atsign=NIL):
    """Output LIST to STREAM putting :FILL conditional newlines between
    each element. If COLON? is NIL (defaults to T), then no parens are
    printed around the output."""
    run_layout(output_stream(stream), list_, LAYOUTS["PPRINT-FILL"], colon is not NIL)
    return NIL


@defun("PPRINT-LINEAR", "stream list &optional colon atsign")
def lisp_pprint_linear(stream, list_, colon=T, atsign=NIL):
    """Output LIST to STREAM putting :LINEAR conditional newlines between
    each element. If COLON? is NIL (defaults to T), then no parens are
    printed around the output."""
    run_layout(output_stream(stream), list_, LAYOUTS["PPRINT-LINEAR"], colon is not NIL)
    return NIL


@defun("PPRINT-TABULAR", "stream list &optional colon atsign tabsize")
def lisp_pprint_tabular(stream, list_, colon=T, atsign=NIL, tabsize=NIL):
    """Output LIST to STREAM tabbing to the next column that is a multiple
    of TABSIZE (which defaults to 16) between each element, with :FILL
    conditional newlines. If COLON? is NIL (defaults to T), then no parens
    are printed around the output."""
    if tabsize is not NIL and (type(tabsize) is not int or tabsize < 0):
        raise type_error(tabsize, "(OR NULL UNSIGNED-BYTE)")
    run_layout(output_stream(stream), list_, LAYOUTS["PPRINT-TABULAR"], colon is not NIL,
               NIL, None if tabsize is NIL else tabsize)
    return NIL


def _register_layouts():
    """Each standard layout as a Lisp function (stream object &rest noise),
    named as in SBCL."""
    public = {"PPRINT-FILL": lisp_pprint_fill, "PPRINT-LINEAR": lisp_pprint_linear,
              "PPRINT-TABULAR": lisp_pprint_tabular}
    for name, layout in LAYOUTS.items():
        if name in public:
            prim = public[name].primitive
        elif layout in _PRIMITIVE_OF:
            continue          # PPRINT-PROGN is PPRINT-LINEAR
        else:
            prim = _layout_primitive(name, layout)
        _PRIMITIVE_OF.setdefault(layout, prim)
        _LAYOUT_OF[prim] = layout


def _layout_primitive(name: str, layout) -> Primitive:
    def print_with_layout(stream, object, *noise):
        run_layout(output_stream(stream), object, layout)
        return NIL
    print_with_layout.__doc__ = "Print OBJECT on STREAM as SBCL's %s does." % name
    defun("SB-PRETTY::" + name, "stream object &rest noise")(print_with_layout)
    return print_with_layout.primitive


@defun("SB-PRETTY::OUTPUT-UGLY-OBJECT", "stream object")
def output_ugly_object(stream, object):
    """Print OBJECT on STREAM as the printer does when no pprint dispatch
    entry applies (its components still dispatch)."""
    run_layout(output_stream(stream), object, _Printer.start)
    return NIL


# ---------------------------------------------------------------- dispatch tables
def _table_arg(table) -> DispatchTable:
    if table is NIL:
        return initial_table()
    if type(table) is not DispatchTable:
        raise type_error(table, "(OR SB-PRETTY:PPRINT-DISPATCH-TABLE NULL)")
    return table


@defun("PPRINT-DISPATCH", "object &optional table", mv=True)
def lisp_pprint_dispatch(object, table=None):
    """Return the function that TABLE (default *PRINT-PPRINT-DISPATCH*)
    selects to print OBJECT, and whether an entry was found."""
    table = current_table() if table is None else _table_arg(table)
    fn, found = table.entry(object)
    if not found:
        return MV([output_ugly_object.primitive, NIL])
    return MV([_PRIMITIVE_OF.get(fn, fn), T])


@defun("COPY-PPRINT-DISPATCH", "&optional table")
def copy_pprint_dispatch(table=None):
    """A copy of TABLE (default *PRINT-PPRINT-DISPATCH*; NIL: the initial
    table)."""
    return (current_table() if table is None else _table_arg(table)).copy()


@defun("SET-PPRINT-DISPATCH", "type function &optional priority table")
def set_pprint_dispatch(type_, function, priority=0, table=None):
    """Make FUNCTION print the objects of TYPE in TABLE (default
    *PRINT-PPRINT-DISPATCH*) with PRIORITY (default 0); FUNCTION NIL
    removes the entry for TYPE."""
    table = current_table() if table is None else table
    if type(table) is not DispatchTable:
        raise type_error(table, "SB-PRETTY:PPRINT-DISPATCH-TABLE")
    if function is not NIL and not isinstance(function, (Function, Symbol)):
        raise type_error(function, "(OR FUNCTION SYMBOL)")
    if not isinstance(priority, (int, float)) or isinstance(priority, complex):
        raise type_error(priority, "REAL")
    fn = None if function is NIL else _LAYOUT_OF.get(function, function)
    keys = _cons_member_keys(type_)
    if keys is not None:
        table.set_cons(keys, fn, priority)
        return NIL
    typep(NIL, type_)          # an unknown type specifier is an error now
    table.set_type(type_, fn, priority, lambda obj: typep(obj, type_),
                   lambda spec: spec is not None and equal(spec, type_))
    return NIL


def _cons_member_keys(spec):
    """The car objects of (CONS (MEMBER ...)) or (CONS (EQL x)) (with no or
    a T cdr type), which get entries by car; None for any other type."""
    if type(spec) is not Cons or spec.car is not S("CONS") or type(spec.cdr) is not Cons:
        return None
    car_type, rest = spec.cdr.car, spec.cdr.cdr
    if rest is not NIL and not (type(rest) is Cons and rest.cdr is NIL
                                and rest.car in (T, S("*"))):
        return None
    if type(car_type) is not Cons:
        return None
    if car_type.car is S("MEMBER"):
        return list(car_type.cdr)
    if car_type.car is S("EQL") and type(car_type.cdr) is Cons:
        return [car_type.cdr.car]
    return None


_register_layouts()

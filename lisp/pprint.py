"""The pretty printer: what the printer does when *PRINT-PRETTY* is true,
and the Python API for logical blocks that PPRINT-LOGICAL-BLOCK and
FORMAT's ~<...~:> use.

Printing. ``pretty_output`` (called by printer.py for every print under
*PRINT-PRETTY*) prints through a ``PrettyPrinter``: the ordinary printer
(printer._Printer) whose compound objects are looked up in
*PRINT-PPRINT-DISPATCH* first, as SBCL's OUTPUT-OBJECT does. Standard
entries are Python layouts (pprint_layouts.py), generators run by the
printer's explicit stack, so nesting depth costs no Python stack; entries
set from Lisp are Lisp functions called with the stream and the object. The
text goes to a PrettyStream (prettystream.py), which breaks the lines.

Fast path: when the standard table is in use and no circle labels or line
limit apply, a list or array is first printed by the ordinary printer into
a string (stopping before any PRINT-OBJECT method). If the text fits before
the right margin, has no newline, and names no operator whose layout has
mandatory newlines (IF, LET, DECLARE, a macro with &BODY...) or, when NIL
occurs, prints it as () (DEFUN, CASE...), it is exactly what the pretty
printer would produce (every section fits, so no conditional newline
breaks) and is written as it is.

Python API for logical blocks (FORMAT uses these):

- ``logical_block(stream, obj, body, prefix="", suffix="",
  per_line_prefix=False)`` prints OBJ in a logical block on STREAM, as
  PPRINT-LOGICAL-BLOCK does: a non-list OBJ is just written; otherwise,
  subject to *PRINT-LEVEL* and *PRINT-CIRCLE*, PREFIX is written (as a
  per-line prefix when PER_LINE_PREFIX), ``body(pstream, cursor)`` runs
  with PSTREAM the pretty stream to write on, then SUFFIX is written. A
  stream that is not already a pretty stream gets one for the extent of the
  block. Before taking each element of the list, the body calls
  ``cursor.pop_ok(tail)`` with the rest of the list: False means PPRINT-POP
  would not return (it printed ". tail" or "..."), and the body must end.
- ``pprint_newline(stream, kind)``, ``pprint_indent(stream, kind, n)``,
  ``pprint_tab(stream, kind, colnum, colinc)``: kind as a lower-case
  string ("linear" "fill" "miser" "mandatory"; "block" "current"; "line"
  "section" "line-relative" "section-relative"). They do nothing unless
  STREAM is a pretty stream and *PRINT-PRETTY* is true.
- ``run_layout(stream, obj, layout)`` prints OBJ with a Python layout.
"""
from __future__ import annotations

from .dynamic import state, symbol_value
from .functions import Function
from .objects import NIL, Array, Cons, Instance, Symbol, Vector, cl_sym
from .pprint_dispatch import current_table, may_break
from .pprint_format import EXIT, ListCursor, backquote_form
from .pprint_layouts import pprint_structure
from .prettystream import (BLOCK, CURRENT, FILL, LINEAR, MANDATORY, MISER, PrettyStream,
                           right_margin)
from .printer import _Printer, _PrintState, _run, with_print_state
from .printvars import PrintSettings
from .streams import LispStream

__all__ = ["pretty_output", "PrettyPrinter", "logical_block", "pprint_newline",
           "pprint_indent", "pprint_tab", "run_layout", "with_pretty_stream",
           "NEWLINE_KINDS", "INDENT_KINDS", "TAB_KINDS"]

_BIT = cl_sym("BIT")
_PRINT_PRETTY = cl_sym("*PRINT-PRETTY*")
_PRINT_LINES = cl_sym("*PRINT-LINES*")
NEWLINE_KINDS = {"linear": LINEAR, "fill": FILL, "miser": MISER, "mandatory": MANDATORY}
INDENT_KINDS = {"block": BLOCK, "current": CURRENT}
TAB_KINDS = ("line", "section", "line-relative", "section-relative")


# ---------------------------------------------------------------- the printer
class PrettyPrinter(_Printer):
    """The printer writing to a PrettyStream, dispatching compound objects
    through a pprint dispatch table. Layouts call the methods below."""
    __slots__ = ("table", "sugar")

    def __init__(self, settings: PrintSettings, ps: _PrintState, stream: PrettyStream,
                 table=None):
        super().__init__(settings, ps, stream)
        self.table = current_table() if table is None else table
        self.sugar = True       # SBCL's *PPRINT-QUOTE-WITH-SYNTACTIC-SUGAR*

    def start(self, obj):
        if self.s.pretty:
            t = type(obj)
            if t is Cons or t is Array or (t is Vector and obj.element_type is not _BIT) \
                    or not self.table.only_initial:
                if (t is Vector or t is Array) and (not self.s.array or t is Array
                                                     and not obj.dims):
                    # SBCL's PPRINT-ARRAY leaves these to PRINT-OBJECT.
                    return _Printer.start(self, obj)
                fn = self.table.lookup(obj)
                if fn is not None:
                    if self.circle is not None and not self.check_circle(obj):
                        return None
                    return self.call_layout(fn, obj)
        return _Printer.start(self, obj)

    def call_layout(self, fn, obj):
        """Print OBJ with FN, a Python layout or a Lisp function of
        (stream object); return the layout's generator, if any."""
        if not isinstance(fn, (Function, Symbol)):
            return fn(self, obj)
        self.flush()
        ps = self.ps
        saved = ps.dispatched
        ps.dispatched = obj
        try:
            state.machine.call_nested(fn, [self.stream.lisp_object(), obj])
        finally:
            ps.dispatched = saved
        return None

    def instance(self, inst: Instance):
        if inst.cls.kind == "structure" and self.s.pretty:
            return pprint_structure(self, inst)
        return _Printer.instance(self, inst)

    def drive(self, gen):
        """Run the layout generator GEN (None: nothing to run) to the end."""
        if gen is None:
            return
        stack = [gen]
        push, pop = stack.append, stack.pop
        while stack:
            child = next(stack[-1], None)
            if child is None:
                pop()
            else:
                push(child)

    # -- what layouts call
    def write(self, text: str):
        self.parts.append(text)

    def begin(self, prefix: str, suffix: str, per_line: bool = False) -> bool:
        """Start a logical block one level deeper; False (after printing
        #) when *PRINT-LEVEL* says not to."""
        if not self.descend():
            return False
        self.flush()
        self.stream.start_block(prefix, per_line, suffix)
        return True

    def end(self):
        self.flush()
        self.stream.end_block()
        self.ps.level -= 1

    def newline(self, kind: str):
        if self.s.pretty:
            self.flush()
            self.stream.newline(kind)

    def indent(self, kind: str, amount: int):
        if self.s.pretty:
            self.flush()
            self.stream.indent(kind, amount)

    def tab(self, kind: str, colnum: int, colinc: int):
        if self.s.pretty:
            self.flush()
            self.stream.tab(kind, colnum, colinc)

    def length_check(self, tail, count: int) -> int:
        """PPRINT-POP's check before taking an element from TAIL after
        COUNT others: 0 take it; 1 "..." was printed; 2 ". " was printed and
        TAIL itself must be printed. Either way but 0 the block ends."""
        if type(tail) is not Cons:
            if tail is not NIL:
                self.parts.append(". ")
                return 2
        elif backquote_form(tail):
            self.parts.append(". ")
            return 2
        if count == self.s.length:
            self.parts.append("...")
            return 1
        if (count and tail is not NIL and self.circle is not None
                and self.shared_tail(tail)):
            self.parts.append(". ")
            return 2
        return 0

    def pop(self, cur: ListCursor):
        """PPRINT-POP as a generator: the next element of CUR, or EXIT
        (after printing the dotted tail or "...") when the block must end."""
        tail = cur.tail
        verdict = self.length_check(tail, cur.count)
        if verdict:
            if verdict == 2:
                g = self.start(tail)
                if g is not None:
                    yield g
            return EXIT
        if self.stream.dead:
            return EXIT
        cur.count += 1
        if tail is NIL:
            return NIL
        cur.tail = tail.cdr
        return tail.car


class BlockCursor:
    """PPRINT-POP's state for a logical block whose body is Lisp or FORMAT
    code (see the module docstring)."""
    __slots__ = ("printer", "count")

    def __init__(self, printer: PrettyPrinter):
        self.printer = printer
        self.count = 0

    def pop_ok(self, tail) -> bool:
        p = self.printer
        verdict = p.length_check(tail, self.count)
        if verdict == 2:
            p.drive(p.start(tail))
        p.flush()
        if verdict:
            return False
        self.count += 1
        return True

    def lisp_repr(self):
        return "#<PPRINT-POP STATE>"


# ---------------------------------------------------------------- printing
def with_pretty_stream(stream: LispStream, body):
    """Call ``body(pstream)`` with a pretty stream writing to STREAM: STREAM
    itself when it is one, else a new one whose output is forced after."""
    if isinstance(stream, PrettyStream):
        body(stream)
        return
    pstream = PrettyStream(stream)
    body(pstream)
    pstream.force_output()


def pretty_output(settings: PrintSettings, ps: _PrintState, stream: LispStream, obj):
    """Print OBJ on STREAM under *PRINT-PRETTY* (printer.py's hook)."""
    table = current_table()
    if isinstance(stream, PrettyStream):
        _run(PrettyPrinter(settings, ps, stream, table), obj, ps.level)
        return
    t = type(obj)
    if not (t is Cons or t is Array or (t is Vector and obj.element_type is not _BIT)
            or (t is Instance and obj.cls.kind == "structure")
            or not table.only_initial):
        _run(_Printer(settings, ps, stream), obj, ps.level)
        return
    if table.pristine and ps.circle is None and t is not Instance:
        text = _one_line_text(settings, ps, obj, right_margin(stream) - (stream.column or 0))
        if text is not None:
            stream.write(text)
            return
    pstream = PrettyStream(stream)
    _run(PrettyPrinter(settings, ps, pstream, table), obj, ps.level)
    pstream.force_output()


class _Unfit(Exception):
    """The fast path's text could differ from the pretty printer's."""


class _OneLinePrinter(_Printer):
    """The ordinary printer, for the fast path: stops with _Unfit before
    running a PRINT-OBJECT method (which might print differently on a
    pretty stream, and must not run twice)."""
    __slots__ = ()

    def call_hook(self, obj) -> bool:
        raise _Unfit


def _one_line_text(settings: PrintSettings, ps: _PrintState, obj, budget: int):
    """OBJ's text if the pretty printer would print it on one line within
    BUDGET columns exactly as the ordinary printer does, else None.

    Every symbol printed is checked, not just those in operator position:
    a false alarm only costs the pretty printer's time."""
    if budget <= 0 or symbol_value(_PRINT_LINES) is not NIL:
        return None
    printer = _OneLinePrinter(settings, ps, None)   # it never writes to a stream
    level = ps.level
    try:
        printer.run(obj)
    except _Unfit:
        return None
    finally:
        ps.level = level
    parts = printer.parts
    if len(parts) > budget:
        return None
    text = "".join(parts)
    if len(text) > budget or "\n" in text:
        return None
    symbols = printer.symbols
    nil_printed = NIL in symbols
    for sym in symbols:
        if may_break(sym, nil_printed):
            return None
    return text


def run_layout(stream: LispStream, obj, layout, *args):
    """Print OBJ on STREAM with the Python LAYOUT (called with the printer,
    OBJ and ARGS), as one print under the current printer variables."""
    def runner(settings, ps, out):
        def body(pstream):
            printer = PrettyPrinter(settings, ps, pstream)
            level = ps.level
            try:
                printer.drive(layout(printer, obj, *args))
            finally:
                printer.flush()
                ps.level = level
        with_pretty_stream(out, body)
    with_print_state(obj, stream, runner)


def logical_block(stream: LispStream, obj, body, prefix: str = "", suffix: str = "",
                  per_line_prefix: bool = False):
    """Print OBJ in a logical block on STREAM (see the module docstring)."""
    if not (type(obj) is Cons or obj is NIL) or backquote_form(obj):
        from .printer import write_object
        write_object(obj, stream)
        return

    def runner(settings, ps, out):
        def in_block(pstream):
            printer = PrettyPrinter(settings, ps, pstream)
            level = ps.level
            try:
                if (printer.circle is not None and obj is not ps.dispatched
                        and not printer.check_circle(obj)):
                    return
                if not printer.begin(prefix, suffix, per_line_prefix):
                    return
                body(pstream, BlockCursor(printer))
                printer.end()
            finally:
                printer.flush()
                ps.level = level
        with_pretty_stream(out, in_block)
    with_print_state(obj, stream, runner)


def _pretty_stream_now(stream) -> bool:
    return isinstance(stream, PrettyStream) and symbol_value(_PRINT_PRETTY) is not NIL


def pprint_newline(stream: LispStream, kind: str):
    """PPRINT-NEWLINE: KIND is "linear", "fill", "miser" or "mandatory"."""
    if _pretty_stream_now(stream):
        stream.newline(NEWLINE_KINDS[kind])


def pprint_indent(stream: LispStream, kind: str, n: int):
    """PPRINT-INDENT: KIND is "block" or "current"; N an integer."""
    if _pretty_stream_now(stream):
        stream.indent(INDENT_KINDS[kind], n)


def pprint_tab(stream: LispStream, kind: str, colnum: int, colinc: int):
    """PPRINT-TAB: KIND is "line", "section", "line-relative" or
    "section-relative"."""
    if _pretty_stream_now(stream):
        stream.tab(kind, colnum, colinc)

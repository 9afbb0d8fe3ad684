"""The Lisp printer: WRITE and everything built on it, printing every object
exactly as SBCL 2.2 does.

Entry points for Python code:
- ``write_object(obj, stream, escape=None, **overrides)`` prints OBJ on the
  LispStream STREAM under the current printer variables; ESCAPE and
  OVERRIDES (``readably``, ``base``, ``radix``, ``case``, ``level``,
  ``length``, ``circle``, ``gensym``, ``array``, ``pretty``, ``package``...,
  Python or Lisp values) are bound as the corresponding special variables
  while it prints, so print-object methods called from inside see them.
- ``prin1_to_string``, ``princ_to_string``, ``write_to_string(obj, **o)``
  return Python strs.
- ``condition_report_string(condition)``: what PRINC shows for a condition.
- ``object_address(obj)``: the stable fake address in ``{...}``.

Hooks the rest of the system sets (both None until then):
- ``print_object_hook(obj, stream) -> bool`` is tried first for instances,
  classes and any object the printer does not know; True means Lisp code
  (a PRINT-OBJECT method, a DEFSTRUCT :PRINT-FUNCTION) printed it.
- ``condition_report_hook(condition) -> str | None``: the condition's
  report; None falls back to a generic one.
- ``condition_report_column_hook(condition, column) -> str``: the report
  as written from COLUMN, whose logical blocks indent continuation lines
  from there (used when PRINC of a condition does not start a line).

How it works. A print is a loop over an explicit stack of generators, one
per list, vector, array or structure being printed, so nesting depth costs
heap, not Python stack: a list nested 100,000 deep prints like any other.
Text accumulates in a list of parts written to the stream at the end (and
before any hook call, so Lisp code writes after what precedes it).

*PRINT-CIRCLE* works as in SBCL: the same traversal first runs with its
output discarded to find the objects reached more than once (respecting
*PRINT-LEVEL*, *PRINT-LENGTH* and abbreviations such as 'X, like SBCL's
first pass), then runs again assigning #n= labels in print order. The level
counter and the label table live in a per-process special binding, so a
PRINT-OBJECT method that prints components continues the same level count
and labels, as in SBCL.

*PRINT-PRETTY*: every print goes through ``_output``, which hands it to the
pretty printer (pprint.py) when *PRINT-PRETTY* is true. That printer is a
_Printer whose lists, vectors, arrays and structures are laid out by the
pprint dispatch table and line-broken at the right margin as SBCL does;
atoms print as here. SBCL abbreviates (QUOTE X) as 'X, (FUNCTION F) as #'F
and backquote forms (SYS::QUASIQUOTE, SYS::UNQUOTE, SYS::UNQUOTE-SPLICING,
SYS::UNQUOTE-NSPLICING) as `X ,X ,@X ,.X, including a comma in a dotted
tail: `(A . ,B); this printer does the same under *PRINT-PRETTY* (the
pretty printer's one-line shortcut relies on it). With *PRINT-PRETTY*
false, SBCL prints (QUOTE X); we do too, and print backquote forms as the
lists they are.
"""
from __future__ import annotations

import re
from fractions import Fraction

from .charnames import char_name
from .dynamic import symbol_value
from .errors import LispError
from .functions import Function, Primitive
from .objects import (CL, KEYWORD, NIL, SB_EXT, Array, Char, Cons, HashTable, Instance,
                      LispClass, LispComplex, LString, Package, SingleFloat, Symbol, Vector,
                      cl_sym, list_to_py, sys_sym)
from .printnum import float_text, integer_text, ratio_text
from .printobjects import (array_type, class_text, condition_text, function_text,
                           hash_table_text, object_address, slot_named, structure_slots,
                           with_identity)
from .printsym import bar_quote, case_text, needs_bars
from .printvars import PRINTER_VARIABLES, Bindings, PrintSettings, printer_bindings
from .streams import LispStream, StringOutputStream

__all__ = ["write_object", "prin1_to_string", "princ_to_string", "write_to_string",
           "condition_report_string", "object_address", "print_object_hook",
           "condition_report_hook", "condition_report_column_hook", "printer_bindings",
           "PRINTER_VARIABLES"]

print_object_hook = None
condition_report_hook = None
condition_report_column_hook = None

_BIT = cl_sym("BIT")
_UNQUOTE = sys_sym("UNQUOTE")
_SHORT_FORMS = {
    cl_sym("QUOTE"): "'", cl_sym("FUNCTION"): "#'", sys_sym("QUASIQUOTE"): "`",
    _UNQUOTE: ",", sys_sym("UNQUOTE-SPLICING"): ",@", sys_sym("UNQUOTE-NSPLICING"): ",.",
}
_INFINITIES = (float("inf"), float("-inf"))
for _name in ("SINGLE-FLOAT-POSITIVE-INFINITY", "SINGLE-FLOAT-NEGATIVE-INFINITY",
              "DOUBLE-FLOAT-POSITIVE-INFINITY", "DOUBLE-FLOAT-NEGATIVE-INFINITY"):
    SB_EXT.export(SB_EXT.intern(_name)[0])


# ---------------------------------------------------------------- per-process print state
class _PrintState:
    """What nested prints share: the *PRINT-LEVEL* depth and the
    *PRINT-CIRCLE* table (None when circle detection is off)."""
    __slots__ = ("level", "circle", "scanning", "counter", "keep", "dispatched")

    def __init__(self):
        self.level = 0
        self.circle: dict | None = None   # id -> 1 seen once, 2 shared, -n labelled n
        self.scanning = False
        self.counter = 0
        self.keep: list = []              # objects in the table stay alive, ids stay valid
        # The object handed to a Lisp pprint-dispatch function, already
        # checked for *PRINT-CIRCLE*: a logical block on it must not check
        # it again (SBCL's :LOGICAL-BLOCK mode of CHECK-FOR-CIRCULARITY).
        self.dispatched = None


# Bound (per process) while a print is running; a print started from Lisp
# code inside it (a PRINT-OBJECT method) continues its level and labels.
_PRINT_STATE = Symbol("*PRINT-STATE*")


# ---------------------------------------------------------------- the printer
class _Printer:
    __slots__ = ("s", "parts", "ps", "circle", "stream", "symbols")

    def __init__(self, settings: PrintSettings, ps: _PrintState, stream: LispStream):
        self.s = settings
        self.ps = ps
        self.circle = ps.circle if settings.circle else None
        self.parts: list[str] = []
        self.stream = stream
        self.symbols: dict = {}       # symbol -> its text under these settings

    def flush(self):
        if self.parts:
            text = "".join(self.parts)
            self.parts.clear()
            self.stream.write(text)

    # -- the driver
    def run(self, obj):
        """Print OBJ, running the generators of compound objects from an
        explicit stack."""
        gen = self.start(obj)
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

    def to_string(self, obj, settings: PrintSettings | None = None) -> str:
        """OBJ printed as ~S prints it inside a #<...> description (escaped,
        or under SETTINGS), continuing this print's level and labels."""
        if settings is None:
            settings = self.s if self.s.escape else self.s.copy(escape=True)
        sub = _Printer(settings, self.ps, StringOutputStream())
        sub.run(obj)
        sub.flush()
        return sub.stream.getvalue()

    def start(self, obj):
        """Print OBJ if it is an atom and return None, or return the
        generator that prints it. Generators yield the generators of their
        compound components."""
        parts = self.parts
        s = self.s
        while True:
            t = type(obj)
            if t is int:
                if s.base == 10 and not s.radix and obj.bit_length() < 10000:
                    parts.append(str(obj))
                else:
                    parts.append(integer_text(obj, s.base, s.radix))
                return None
            if t is Symbol:
                if obj.package is None and self.circle is not None and not self.check_circle(obj):
                    return None
                text = self.symbols.get(obj)
                if text is None:
                    text = self.symbols[obj] = self.symbol_text(obj)
                parts.append(text)
                return None
            if t is float or t is SingleFloat:
                if obj in _INFINITIES and not s.read_eval:
                    parts.append("#<" + self.infinity_text(obj, t) + ">")
                else:
                    parts.append(float_text(obj, t is SingleFloat, s.single_default,
                                            self.infinity_symbol_text))
                return None
            if t is Char:
                parts.append(self.char_text(obj.ch))
                return None
            if t is Fraction:
                parts.append(ratio_text(obj.numerator, obj.denominator, s.base, s.radix))
                return None
            if t is LispComplex:
                parts.append("#C(")
                self.run(obj.real)
                parts.append(" ")
                self.run(obj.imag)
                parts.append(")")
                return None
            if self.circle is not None and not self.check_circle(obj):
                return None
            if t is Cons:
                if s.pretty and type(obj.car) is Symbol:
                    prefix = _SHORT_FORMS.get(obj.car)
                    if prefix is not None and type(obj.cdr) is Cons and obj.cdr.cdr is NIL:
                        parts.append(prefix)
                        obj = obj.cdr.car
                        continue
                if not self.descend():
                    return None
                return self.list_gen(obj)
            if t is LString:
                parts.append(self.string_text(obj.value))
                return None
            if t is Vector:
                return self.vector(obj)
            if t is Array:
                if not s.array:
                    parts.append(self.terse_array(obj))
                    return None
                if not obj.dims:
                    parts.append("#0A")
                    obj = obj.items[0]
                    continue
                return self.array_gen(obj)
            return self.other(obj)

    def descend(self) -> bool:
        """Enter one more level of nesting, or print # and refuse."""
        level = self.s.level
        ps = self.ps
        if level is not None and ps.level >= level:
            self.parts.append("#")
            return False
        ps.level += 1
        return True

    def check_circle(self, obj) -> bool:
        """The *PRINT-CIRCLE* bookkeeping for OBJ; False when OBJ must not be
        printed (a #n# reference, or a repeat while scanning)."""
        table = self.circle
        key = id(obj)
        state_ = table.get(key)
        if self.ps.scanning:
            if state_ is None:
                table[key] = 1
                self.ps.keep.append(obj)
                return True
            table[key] = 2
            return False
        if state_ is None or state_ == 1:
            return True
        if state_ == 2:
            self.ps.counter += 1
            table[key] = -self.ps.counter
            self.parts.append("#%d=" % self.ps.counter)
            return True
        self.parts.append("#%d#" % -state_)
        return False

    def shared_tail(self, cell) -> bool:
        """Must the list tail CELL print as `. #n#` / `. #n=(...)`?"""
        table = self.circle
        key = id(cell)
        if self.ps.scanning:
            if key in table:
                table[key] = 2
                return True
            table[key] = 1
            self.ps.keep.append(cell)
            return False
        return table.get(key, 1) != 1

    # -- compound objects
    def list_gen(self, obj):
        parts = self.parts
        start = self.start
        limit = self.s.length
        pretty = self.s.pretty
        circle = self.circle
        parts.append("(")
        i = 0
        while True:
            if limit is not None and i >= limit:
                parts.append("...")
                break
            g = start(obj.car)
            if g is not None:
                yield g
            obj = obj.cdr
            if obj is NIL:
                break
            if (type(obj) is not Cons
                    or (circle is not None and self.shared_tail(obj))
                    or (pretty and obj.car is _UNQUOTE and type(obj.cdr) is Cons
                        and obj.cdr.cdr is NIL)):
                parts.append(" . ")
                g = start(obj)
                if g is not None:
                    yield g
                break
            parts.append(" ")
            i += 1
        parts.append(")")
        self.ps.level -= 1

    def vector(self, v: Vector):
        if not self.s.array:
            self.parts.append(self.terse_array(v))
            return None
        if v.element_type is _BIT:
            self.parts.append("#*" + "".join("1" if b else "0" for b in v.active()))
            return None
        if not self.descend():
            return None
        return self.vector_gen(v.active())

    def vector_gen(self, items):
        parts = self.parts
        start = self.start
        limit = self.s.length
        parts.append("#(")
        for i, x in enumerate(items):
            if i:
                parts.append(" ")
            if limit is not None and i >= limit:
                parts.append("...")
                break
            g = start(x)
            if g is not None:
                yield g
        parts.append(")")
        self.ps.level -= 1

    def array_gen(self, a: Array):
        self.parts.append("#%dA" % len(a.dims))
        yield from self.array_rows(a.items, a.dims, 0)

    def array_rows(self, items, dims, index):
        if not self.descend():
            return
        parts = self.parts
        limit = self.s.length
        rest = dims[1:]
        count = 1
        for d in rest:
            count *= d
        parts.append("(")
        for i in range(dims[0]):
            if i:
                parts.append(" ")
            if limit is not None and i >= limit:
                parts.append("...")
                break
            if rest:
                yield from self.array_rows(items, rest, index)
            else:
                g = self.start(items[index])
                if g is not None:
                    yield g
            index += count
        parts.append(")")
        self.ps.level -= 1

    def structure_gen(self, inst: Instance):
        """The default #S(NAME :SLOT value ...) of a structure instance."""
        parts = self.parts
        limit = self.s.length
        parts.append("#S(")
        self.run(inst.cls.name)
        for i, (slot, value) in enumerate(structure_slots(inst)):
            if limit is not None and i >= limit:
                parts.append(" ...")
                break
            parts.append(" " + self.keyword_text(slot) + " ")
            g = self.start(value)
            if g is not None:
                yield g
        parts.append(")")
        self.ps.level -= 1

    # -- atoms
    def token(self, name: str) -> str:
        s = self.s
        if needs_bars(name, s.base, s.readtable_case):
            return bar_quote(name)
        return case_text(name, s.case, s.readtable_case)

    def symbol_text(self, sym: Symbol) -> str:
        s = self.s
        name = sym.name
        if not s.escape:
            return case_text(name, s.case, s.readtable_case)
        pkg = sym.package
        if pkg is KEYWORD:
            return ":" + self.token(name)
        if pkg is None:
            return ("#:" if s.gensym or s.readably else "") + self.token(name)
        current = s.package
        if pkg is not current:
            found, status = current.find(name)
            if found is not sym:
                marker = ":" if pkg.external.get(name) is sym else "::"
                return self.token(pkg.name) + marker + self.token(name)
        return self.token(name)

    def keyword_text(self, sym) -> str:
        """A slot name as #S(...) shows it: as a keyword, escaped or not."""
        name = sym.name if isinstance(sym, Symbol) else str(sym)
        s = self.s
        return ":" + (self.token(name) if s.escape else case_text(name, s.case, s.readtable_case))

    def char_text(self, ch: str) -> str:
        s = self.s
        if not s.escape:
            return ch
        code = ord(ch)
        if 32 <= code < 127 and not s.readably:
            return "#\\" + ch
        return "#\\" + char_name(code)

    def string_text(self, value: str) -> str:
        if not self.s.escape:
            return value
        if "\\" in value or '"' in value:
            value = value.replace("\\", "\\\\").replace('"', '\\"')
        return '"' + value + '"'

    def infinity_symbol_text(self, name: str) -> str:
        return self.symbol_text(SB_EXT.find(name)[0])

    def infinity_text(self, x: float, t) -> str:
        return self.infinity_symbol_text("%s-FLOAT-%s-INFINITY" % (
            "SINGLE" if t is SingleFloat else "DOUBLE", "NEGATIVE" if x < 0 else "POSITIVE"))

    def terse_array(self, a) -> str:
        return "#<%s {%s}>" % (self.to_string(array_type(a)), object_address(a))

    # -- everything else
    def check_readable(self, obj):
        if self.s.readably:
            raise LispError("PRINT-NOT-READABLE", {"OBJECT": obj})

    def other(self, obj):
        parts = self.parts
        if type(obj) is Primitive:
            self.check_readable(obj)
            parts.append(function_text(self, obj))
            return None
        if isinstance(obj, Package):
            self.check_readable(obj)
            parts.append('#<PACKAGE "%s">' % obj.name)
            return None
        if isinstance(obj, HashTable):
            self.check_readable(obj)
            parts.append(hash_table_text(self, obj))
            return None
        if isinstance(obj, LispStream):
            self.check_readable(obj)
            text = with_identity(obj.describe(), obj)
            parts.append(text if self.s.escape else unqualified(text))
            return None
        printed_text = getattr(obj, "printed_text", None)
        if printed_text is not None:
            # readable objects whose text depends on *PRINT-ESCAPE* (pathnames)
            parts.append(printed_text(self.s.escape))
            return None
        if print_object_hook is not None and self.call_hook(obj):
            return None
        if type(obj) is Instance:
            return self.instance(obj)
        self.check_readable(obj)
        if isinstance(obj, Function):
            parts.append(function_text(self, obj))
            return None
        if isinstance(obj, LispClass):
            parts.append(class_text(self, obj))
            return None
        lisp_repr = getattr(obj, "lisp_repr", None)
        if callable(lisp_repr):
            parts.append(lisp_repr())
            return None
        parts.append("#<%s {%s}>" % (type(obj).__name__, object_address(obj)))
        return None

    def call_hook(self, obj) -> bool:
        self.flush()
        stream = StringOutputStream() if self.ps.scanning else self.stream
        return bool(print_object_hook(obj, stream))

    def instance(self, inst: Instance):
        cls = inst.cls
        if cls.kind == "condition":
            if not self.s.escape:
                self.flush()
                column = 0 if self.ps.scanning else getattr(self.stream, "column", 0)
                self.parts.append(condition_report_string(inst, column))
                return None
            self.check_readable(inst)
            self.parts.append(condition_text(self, inst))
            return None
        if cls.kind == "structure":
            if not self.descend():
                return None
            return self.structure_gen(inst)
        self.check_readable(inst)
        self.parts.append("#<%s {%s}>" % (self.to_string(cls.name), object_address(inst)))
        return None


def unqualified(text: str) -> str:
    """#<SB-SYS:FD-STREAM ...> as PRINC shows it, #<FD-STREAM ...>: the
    type is printed without escapes, so without its package."""
    return _QUALIFIED_TYPE.sub("#<", text, count=1)


_QUALIFIED_TYPE = re.compile(r"^#<[^ :>]+::?(?=[^ :])")


# ---------------------------------------------------------------- entry points
def _print(obj, stream: LispStream):
    """Print OBJ on STREAM under the printer variables now in effect."""
    with_print_state(obj, stream, lambda settings, ps, out: _output(settings, ps, out, obj))


def with_print_state(obj, stream: LispStream, runner):
    """Run ``runner(settings, ps, stream)``, which prints OBJ, as one print:
    with the printer variables now in effect and the per-process print
    state. Inside a print (Lisp code called by the printer) the state
    continues; otherwise a fresh one is bound, and under *PRINT-CIRCLE* the
    runner first runs with its output discarded to find shared objects."""
    settings = PrintSettings.current()
    outer = symbol_value(_PRINT_STATE)
    if type(outer) is _PrintState and (outer.circle is not None or not settings.circle):
        # Called from Lisp code inside a print: continue its level count and
        # circle labels (SBCL keeps both in special variables).
        runner(settings, outer, stream)
        return
    ps = _PrintState()
    if type(outer) is _PrintState:
        ps.level = outer.level
    with Bindings([(_PRINT_STATE, ps)]):
        if settings.circle and _may_share(obj):
            ps.circle = {}
            ps.scanning = True
            runner(settings, ps, StringOutputStream())
            ps.scanning = False
        runner(settings, ps, stream)


def _output(settings: PrintSettings, ps: _PrintState, stream: LispStream, obj):
    if settings.pretty:
        _pprint.pretty_output(settings, ps, stream, obj)
    else:
        _run(_Printer(settings, ps, stream), obj, ps.level)


def _run(printer: _Printer, obj, level: int):
    """Run PRINTER on OBJ; however it ends, its text so far reaches the
    stream and the level count is back where it was."""
    try:
        printer.run(obj)
    finally:
        printer.ps.level = level
        printer.flush()


def _may_share(obj) -> bool:
    """Can OBJ contain a shared or circular part? (Numbers, characters and
    interned symbols cannot; *PRINT-CIRCLE* skips them.)"""
    t = type(obj)
    if t is int or t is float or t is SingleFloat or t is Fraction or t is Char or t is LispComplex:
        return False
    return not (t is Symbol and obj.package is not None)


def write_object(obj, stream: LispStream, escape=None, **overrides):
    """Print OBJ on STREAM as WRITE does. ESCAPE and OVERRIDES (see the
    module docstring) are bound as printer variables for the duration."""
    if escape is None and not overrides:
        _print(obj, stream)
        return
    with printer_bindings(escape, **overrides):
        _print(obj, stream)


def write_to_string(obj, **overrides) -> str:
    """WRITE-TO-STRING as a Python str; OVERRIDES as for ``write_object``."""
    out = StringOutputStream()
    write_object(obj, out, **overrides)
    return out.getvalue()


def prin1_to_string(obj) -> str:
    return write_to_string(obj, escape=True)


def princ_to_string(obj) -> str:
    return write_to_string(obj, escape=False, readably=False)


# ---------------------------------------------------------------- condition reports
def condition_report_string(condition, column: int = 0) -> str:
    """What PRINC writes for CONDITION, starting at COLUMN: its report."""
    if column and condition_report_column_hook is not None:
        return condition_report_column_hook(condition, column)
    if condition_report_hook is not None:
        text = condition_report_hook(condition)
        if text is not None:
            return text
    control = slot_named(condition, "FORMAT-CONTROL", NIL)
    if isinstance(control, LString):
        return _basic_format(control.value, list_to_py(slot_named(condition, "FORMAT-ARGUMENTS", NIL)))
    name = condition.cls.name
    with printer_bindings(package=CL):
        return "Condition %s was signalled." % prin1_to_string(name)


def _basic_format(control: str, args: list) -> str:
    """A format control with the common directives (~A ~S ~D ~% ~&
    ~~), for reports made before FORMAT is available."""
    out = []
    i = 0
    n = len(control)
    args = list(args)
    while i < n:
        c = control[i]
        if c == "~" and i + 1 < n:
            d = control[i + 1].upper()
            i += 2
            if d in "AD" and args:
                out.append(princ_to_string(args.pop(0)))
            elif d == "S" and args:
                out.append(prin1_to_string(args.pop(0)))
            elif d in "%&":
                out.append("\n")
            elif d == "~":
                out.append("~")
            else:
                out.append("~" + control[i - 1])
            continue
        out.append(c)
        i += 1
    return "".join(out)


from . import pprint as _pprint  # noqa: E402  (the pretty printer builds on _Printer)
from .prims import printing as _printing  # noqa: E402,F401  (registers PRIN1, WRITE ...)

"""The FORMAT interpreter's core: the argument cursor, the per-call state,
parameter binding, error reporting and the directive table, as in SBCL's
target-format.lisp.

Directive handlers live in format_directives.py (printing, numbers,
layout) and format_control.py (argument motion, conditionals, iteration,
case conversion, justification); each registers itself in ``DIRECTIVES``.
A handler is called as ``handler(f, stream, d, i, hi, orig, args)``: the
Formatter, the output stream, the Directive, its index I in the current
control string's items, HI the end of the range being interpreted (a
construct's closing directive is searched for before HI), ORIG the cursor
over the whole argument list and ARGS the cursor of the arguments left; it
returns the index of the next item to interpret.

Arguments are consumed through cursors so that ~:*, ~@* and ~@? can move
back into the list an enclosing ~@{ iterates over. ~^ and ~:^ raise
UpAndOut and UpUpAndOut, caught where SBCL catches its UP-AND-OUT and
UP-UP-AND-OUT throws.
"""
from __future__ import annotations

from fractions import Fraction

from .characters import char_name
from .dynamic import state, symbol_value
from .errors import LispError, binding_type_error, type_error
from .format_parse import ARG, REMAINING, Directive, FormatError, Parsed, tokenize
from .functions import Function
from .objects import (CL, NIL, Char, Cons, LString, MV, Package, SingleFloat, Symbol, Vector,
                      cl_sym, find_package, lisp_list, make_char)
from .pprint import pprint_newline
from .printer import write_object, write_to_string
from .printnum import integer_text
from .streams import LispStream, StringOutputStream

__all__ = ["ArgCursor", "list_args", "UpAndOut", "UpUpAndOut", "Formatter", "DIRECTIVES",
           "SB_FORMAT", "SPACE", "real_param", "integer_param", "char_param", "princ", "prin1",
           "princ_text", "call_function", "binding_type_error"]

SB_FORMAT = find_package("SB-FORMAT") or Package("SB-FORMAT", use=[CL])
SB_FORMAT.export(SB_FORMAT.intern("FORMAT-ERROR")[0])
_FMT_CONTROL = SB_FORMAT.intern("FMT-CONTROL")[0]

SPACE = make_char(" ")
_PRINT_BASE = cl_sym("*PRINT-BASE*")
_PRINT_RADIX = cl_sym("*PRINT-RADIX*")

# Directive character -> handler; filled in by the directive modules.
DIRECTIVES: dict = {}


# ---------------------------------------------------------------- arguments
class ArgCursor:
    """A cursor into an argument list: ITEMS[POS:] are the arguments not
    yet consumed; TAIL is the atom ending a dotted list (NIL normally)."""
    __slots__ = ("items", "pos", "tail")

    def __init__(self, items: list, pos: int = 0, tail=NIL):
        self.items = items
        self.pos = pos
        self.tail = tail

    def empty(self) -> bool:
        """(NULL ARGS)"""
        return self.pos >= len(self.items) and self.tail is NIL

    def remaining(self) -> int:
        """(LENGTH ARGS): a non-list got as an argument list counts as the
        sequence it is (or is a TYPE-ERROR), as in SBCL."""
        n = len(self.items) - self.pos
        tail = self.tail
        if tail is NIL:
            return n
        if n == 0 and type(tail) in (LString, Vector):
            return len(tail)
        if n == 0:
            raise type_error(tail, cl_sym("SEQUENCE"))
        whole = tail
        for x in reversed(self.items[self.pos:]):
            whole = Cons(x, whole)
        raise type_error(whole, cl_sym("LIST"))

    def set(self, other: "ArgCursor"):
        self.items, self.pos, self.tail = other.items, other.pos, other.tail


def list_args(x) -> ArgCursor:
    """A cursor over the Lisp list X. A non-list is accepted as an empty
    list whose tail is X, so using it signals the TYPE-ERROR SBCL's POP
    would, at the same moment."""
    items = []
    while type(x) is Cons:
        items.append(x.car)
        x = x.cdr
    return ArgCursor(items, 0, x)


class UpAndOut(Exception):
    """~^: leave the innermost enclosing construct (SBCL's UP-AND-OUT)."""

    def __init__(self, args: ArgCursor):
        super().__init__()
        self.cursor = args


class UpUpAndOut(UpAndOut):
    """~:^: leave the enclosing ~:{ altogether."""


def real_param(x):
    """A numeric directive parameter (a character there is a TYPE-ERROR,
    as SBCL's arithmetic on it signals)."""
    if type(x) in (int, float, SingleFloat, Fraction):
        return x
    raise type_error(x, cl_sym("REAL"))


def integer_param(x) -> int:
    """A count or column parameter: SBCL loops on it, so a non-integer is
    a TYPE-ERROR."""
    if type(x) is int:
        return x
    raise type_error(x, cl_sym("INTEGER"))


def char_param(x) -> str:
    """A character directive parameter as a Python str."""
    if type(x) is Char:
        return x.ch
    raise type_error(x, cl_sym("CHARACTER"))


def princ(obj, stream: LispStream):
    """PRINC OBJ to STREAM (strings, characters and decimal integers
    directly)."""
    t = type(obj)
    if t is LString:
        stream.write(obj.value)
    elif t is Char:
        stream.write(obj.ch)
    elif t is int and symbol_value(_PRINT_BASE) == 10 and symbol_value(_PRINT_RADIX) is NIL:
        stream.write(integer_text(obj, 10))
    else:
        write_object(obj, stream, escape=False, readably=False)


def prin1(obj, stream: LispStream):
    """PRIN1 OBJ to STREAM."""
    write_object(obj, stream, escape=True)


def princ_text(obj, **overrides) -> str:
    """PRINC-TO-STRING of OBJ, with the printer variables in OVERRIDES bound."""
    if type(obj) is LString and not overrides:
        return obj.value
    return write_to_string(obj, escape=False, readably=False, **overrides)


def call_function(fn, args: list):
    """Call the Lisp function FN (or the function of the symbol FN) with
    ARGS to completion and return its primary value."""
    if type(fn) is Symbol:
        if fn.fn is None:
            raise LispError("UNDEFINED-FUNCTION", {"NAME": fn})
        fn = fn.fn
    r = state.machine.call_nested(fn, args)
    return (r[0] if r else NIL) if type(r) is MV else r


def _bad_control(control):
    possibilities = lisp_list(cl_sym("SIMPLE-STRING"), cl_sym("STRING"), _FMT_CONTROL)
    return LispError("SYS::CASE-FAILURE", {
        "DATUM": control, "EXPECTED-TYPE": Cons(cl_sym("OR"), possibilities),
        "NAME": cl_sym("ETYPECASE"), "POSSIBILITIES": possibilities})


# ---------------------------------------------------------------- the interpreter
class Formatter:
    """The state of one FORMAT call: the control string being interpreted
    and the dynamic context SBCL keeps in special variables (whether ~:^ is
    allowed, the argument list of the enclosing ~:{, logical blocks)."""
    __slots__ = ("parsed", "up_up_allowed", "outside", "blocks", "fill_region")

    def __init__(self):
        self.parsed: Parsed | None = None
        self.up_up_allowed = False
        self.outside: ArgCursor | None = None
        self.blocks: list = []       # the BlockArgs of open ~<...~:> blocks
        self.fill_region = None      # (parsed, lo, hi) of a ~<...~:@> body

    # -- errors
    def error(self, offset: int, complaint: str, *args, references=()) -> FormatError:
        """A FormatError pointing at OFFSET in the current control string;
        COMPLAINT is a format control applied to ARGS."""
        if args:
            out = StringOutputStream()
            cursor = ArgCursor(list(args))
            Formatter().run(out, complaint, cursor, cursor)
            text = out.getvalue()
        else:
            text = complaint.replace("~~", "~")
        return FormatError(text, self.parsed.control, offset, references=references)

    def check_modifiers(self, d: Directive, colon_ok: bool, atsign_ok: bool, both_ok: bool = True):
        """SBCL's CHECK-MODIFIER: an error for a modifier D may not have."""
        if not both_ok and d.colon and d.atsign:
            raise self.error(d.offset, "The colon and the at-sign modifiers cannot be used "
                                       "simultaneously with this directive.")
        if not colon_ok and d.colon:
            raise self.error(d.offset, "The colon modifier cannot be used with this directive.")
        if not atsign_ok and d.atsign:
            raise self.error(d.offset, "The at-sign modifier cannot be used with this directive.")

    # -- arguments
    def next_arg(self, args: ArgCursor, offset: int):
        if args.pos >= len(args.items) and args.tail is NIL:
            raise self.error(offset, "No more arguments")
        if self.blocks and self.blocks[-1].args is args:
            self.blocks[-1].pop()      # PPRINT-POP may end the ~<...~:> block here
        if args.pos >= len(args.items):
            raise type_error(args.tail, cl_sym("LIST"))
        v = args.items[args.pos]
        args.pos += 1
        return v

    def bind(self, d: Directive, args: ArgCursor, defaults: tuple) -> list:
        """The directive's parameters with DEFAULTS filled in (SBCL's
        INTERPRET-BIND-DEFAULTS); more parameters than defaults is an error."""
        params = d.params
        values = list(defaults)
        for i, (offset, p) in enumerate(params[:len(defaults)]):
            if p is ARG:
                v = self.next_arg(args, offset)
                if v is not NIL:
                    values[i] = v
            elif p is REMAINING:
                values[i] = args.remaining()
            elif p is not None:
                values[i] = p
        if len(params) > len(defaults):
            raise self.error(params[len(defaults)][0],
                             "Too many parameters, expected no more than ~W", len(defaults))
        return values

    # -- running control strings
    def run(self, stream: LispStream, control, orig: ArgCursor, args: ArgCursor) -> ArgCursor:
        """SBCL's %FORMAT: interpret CONTROL (a string or a function) with
        ORIG the whole argument list and ARGS the cursor into it; return
        the arguments left over."""
        if isinstance(control, Function):
            return list_args(call_function(control, [stream.lisp_object()] + args.items[args.pos:]))
        if type(control) is LString:
            control = control.value
        elif type(control) is not str:
            raise _bad_control(control)
        parsed = tokenize(control)
        saved = self.parsed
        self.parsed = parsed
        try:
            self.interpret(stream, 0, len(parsed.items), orig, args)
        except UpUpAndOut:
            raise
        except UpAndOut as u:
            args.set(u.cursor)
        finally:
            self.parsed = saved
        return args

    def indirect_error(self, e: FormatError, d: Directive) -> FormatError:
        """The error reported for E raised while ~? or ~{~} (directive D)
        processed an indirect control string."""
        return FormatError(e.report() + "\nwhile processing indirect format string:",
                           self.parsed.control, d.offset, banner=False)

    def interpret(self, stream: LispStream, lo: int, hi: int, orig: ArgCursor, args: ArgCursor):
        """Interpret items LO..HI of the current control string."""
        items = self.parsed.items
        i = lo
        while i < hi:
            item = items[i]
            if type(item) is str:
                region = self.fill_region
                if region is not None and region[0] is self.parsed and region[1] <= i < region[2]:
                    self.write_filled(stream, item, i)
                else:
                    stream.write(item)
                i += 1
                continue
            handler = DIRECTIVES.get(item.char)
            if handler is None:
                raise self.error(item.offset, "Unknown format directive ~@[(character: ~A)~]",
                                 LString(char_name(item.char) or ""))
            i = handler(self, stream, item, i, hi, orig, args)

    def write_filled(self, stream: LispStream, text: str, i: int):
        """Literal text of a ~<...~:@> body: a fill-style conditional
        newline after each run of blanks (SBCL's ADD-FILL-STYLE-NEWLINES),
        except in the blanks that begin the text after a ~Newline."""
        prev = self.parsed.items[i - 1] if i else None
        if type(prev) is Directive and prev.char == "\n":
            start = len(text) - len(text.lstrip(" "))
            stream.write(text[:start])
            text = text[start:]
        pos = 0
        while True:
            blank = text.find(" ", pos)
            if blank < 0:
                stream.write(text[pos:])
                return
            end = blank
            while end < len(text) and text[end] == " ":
                end += 1
            stream.write(text[pos:end])
            pprint_newline(stream, "fill")
            pos = end
            if pos == len(text):
                return

    # -- field output
    def write_field(self, d: Directive, stream, text: str, mincol, colinc, minpad, padchar,
                    padleft: bool):
        """SBCL's FORMAT-WRITE-FIELD: TEXT padded to at least MINCOL
        columns, in steps of COLINC, with at least MINPAD pad characters."""
        if colinc is not None and real_param(colinc) <= 0:
            raise self.error(d.offset, "The value of colinc is ~A, should be a positive integer",
                             colinc)
        if mincol is not None and real_param(mincol) < 0:
            raise self.error(d.offset, "The value of mincol is ~A, should be a non-negative "
                                       "integer", mincol)
        pad = char_param(padchar)
        minpad = real_param(minpad)
        count = max(minpad, 0)
        if mincol is not None and colinc is not None:
            chars = len(text) + count
            if chars < mincol:
                steps = -(-(mincol - chars) // colinc)
                count += int(steps * colinc)
        padding = pad * int(count)
        stream.write(padding + text if padleft else text + padding)

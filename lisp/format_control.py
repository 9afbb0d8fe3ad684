"""FORMAT directives that direct the interpretation: argument motion (~*),
indirection (~? and ~/name/), case conversion (~(...~)), conditionals
(~[...~]), iteration (~{...~}), escape (~^), justification (~<...~>) and
the pretty-printing directives (~<...~:>, ~_, ~I) on the pretty printer's
logical blocks (pprint.py).
"""
from __future__ import annotations

from .characters import alphanumericp, char_downcase, char_upcase, string_downcase, string_upcase
from .format_core import (DIRECTIVES, SPACE, ArgCursor, Formatter, UpAndOut, UpUpAndOut,
                          binding_type_error, call_function, char_param, integer_param,
                          list_args, real_param)
from .format_parse import (ARG, REF_22_3_5_2, REF_22_3_6_2, REMAINING, Directive, FormatError,
                           find_directive, parse_conditional, parse_justification)
from .objects import CL_USER, NIL, T, Cons, LString, Symbol, cl_sym, find_package
from .pprint import logical_block, pprint_indent, pprint_newline
from .streams import LispStream, StringOutputStream

__all__ = ["CaseFrobStream"]

_NEXT_ARG = object()          # ~[ default: the index is the next argument


class CaseFrobStream(LispStream):
    """The stream ~( writes through: converts case on the way to TARGET
    (SBCL's case-frob-stream; MODE is downcase, upcase, capitalize or
    capitalize-first). Its column is the target's."""
    __slots__ = ("target", "mode", "in_word")
    lisp_class = "SB-IMPL::CASE-FROB-STREAM"

    def __init__(self, target: LispStream, mode: str):
        super().__init__("output")
        self.target = target
        self.mode = mode
        self.in_word = False

    @property
    def column(self):
        return self.target.column

    @column.setter
    def column(self, value):
        pass

    def write(self, s: str):
        if not s:
            return
        mode = self.mode
        if mode == "downcase":
            s = string_downcase(s)
        elif mode == "upcase":
            s = string_upcase(s)
        elif mode == "capitalize":
            s = self._capitalize(s)
        else:
            s = self._capitalize_first(s)
        self.target.write(s)

    def _capitalize(self, s: str) -> str:
        out = []
        in_word = self.in_word
        for ch in s:
            if alphanumericp(ch):
                out.append(char_downcase(ch) if in_word else char_upcase(ch))
                in_word = True
            else:
                out.append(ch)
                in_word = False
        self.in_word = in_word
        return "".join(out)

    def _capitalize_first(self, s: str) -> str:
        for i, ch in enumerate(s):
            if alphanumericp(ch):
                self.mode = "downcase"
                return s[:i] + char_upcase(ch) + string_downcase(s[i + 1:])
        return s

    def describe(self):
        return "#<SB-FORMAT::CASE-FROB-STREAM>"


_CASE_MODES = {(False, False): "downcase", (True, False): "capitalize",
               (False, True): "capitalize-first", (True, True): "upcase"}


def _eql(a, b) -> bool:
    return a is b or (type(a) is type(b) and a == b)


def _truncate(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


_ILLEGAL_IN_JUSTIFICATION = {("W", c, a) for c in (False, True) for a in (False, True)}
_ILLEGAL_IN_JUSTIFICATION |= {("_", c, a) for c in (False, True) for a in (False, True)}
_ILLEGAL_IN_JUSTIFICATION |= {("I", c, a) for c in (False, True) for a in (False, True)}
_ILLEGAL_IN_JUSTIFICATION |= {(">", True, False), (">", True, True),
                              ("T", True, False), ("T", True, True)}


_NEWLINE_KINDS = {(False, False): "linear", (True, False): "fill", (False, True): "miser",
                  (True, True): "mandatory"}


def _dir_underscore(f: Formatter, stream, d, i, hi, orig, args):
    f.bind(d, args, ())
    pprint_newline(stream, _NEWLINE_KINDS[d.colon, d.atsign])
    return i + 1


def _dir_i(f: Formatter, stream, d, i, hi, orig, args):
    f.check_modifiers(d, True, False)
    n, = f.bind(d, args, (0,))
    pprint_indent(stream, "current" if d.colon else "block", integer_param(n))
    return i + 1


# ---------------------------------------------------------------- argument motion
def _dir_star(f: Formatter, stream, d, i, hi, orig, args):
    f.check_modifiers(d, True, True, both_ok=False)
    if d.atsign or d.colon:
        if d.atsign:
            posn = integer_param(f.bind(d, args, (0,))[0])
        else:
            posn = args.pos - integer_param(f.bind(d, args, (1,))[0])
        length = _length(orig)
        if not 0 <= posn <= length:
            raise f.error(d.offset, "Index ~W is out of bounds. It should have been between "
                                    "0 and ~W.", posn, length)
        if not orig.items and orig.tail is not NIL:
            # NTHCDR of the string or vector got as an argument list.
            raise binding_type_error(orig.tail, cl_sym("LIST"), cl_sym("LIST"))
        args.set(ArgCursor(orig.items, posn, orig.tail))
    else:
        for _ in range(integer_param(f.bind(d, args, (1,))[0])):
            f.next_arg(args, d.offset)
    return i + 1


def _length(args: ArgCursor) -> int:
    """(LENGTH ORIG-ARGS)"""
    return ArgCursor(args.items, 0, args.tail).remaining()


def _dir_question(f: Formatter, stream, d, i, hi, orig, args):
    f.check_modifiers(d, False, True)
    f.bind(d, args, ())
    try:
        if d.atsign:
            control = f.next_arg(args, d.offset)
            args.set(f.run(stream, control, orig, args))
        else:
            control = f.next_arg(args, d.offset)
            sub = list_args(f.next_arg(args, d.offset))
            f.run(stream, control, sub, sub)
    except FormatError as e:
        raise f.indirect_error(e, d)
    return i + 1


def _dir_slash(f: Formatter, stream, d, i, hi, orig, args):
    fn = _user_function(f, d)
    params = []
    for offset, p in d.params:
        if p is ARG:
            params.append(f.next_arg(args, offset))
        elif p is REMAINING:
            params.append(args.remaining())
        else:
            params.append(NIL if p is None else p)
    arg = f.next_arg(args, d.offset)
    call_function(fn, [stream.lisp_object(), arg, T if d.colon else NIL,
                       T if d.atsign else NIL] + params)
    return i + 1


def _user_function(f: Formatter, d: Directive) -> Symbol:
    """The symbol named between the slashes of ~/name/ (package
    COMMON-LISP-USER unless one is given)."""
    control = f.parsed.control
    slash = control.rfind("/", d.start, d.end - 1)
    name = string_upcase(control[slash + 1:d.end - 1])
    first = name.find(":")
    if first < 0:
        return CL_USER.intern(name)[0]
    symbol_name = name[first + 2:] if name[first + 1:first + 2] == ":" else name[first + 1:]
    package = find_package(name[:first])
    if package is None:
        raise f.error(d.offset, "No package named ~S", LString(name[:first]))
    return package.intern(symbol_name)[0]


# ---------------------------------------------------------------- control flow
def _dir_paren(f: Formatter, stream, d, i, hi, orig, args):
    items = f.parsed.items
    close = find_directive(items, i + 1, hi, ")", False)
    if close < 0:
        raise f.error(d.offset, "No corresponding close paren")
    f.bind(d, args, ())
    f.interpret(CaseFrobStream(stream, _CASE_MODES[(d.colon, d.atsign)]), i + 1, close, orig, args)
    return close + 1


def _dir_bracket(f: Formatter, stream, d, i, hi, orig, args):
    f.check_modifiers(d, True, True, both_ok=False)
    clauses, default_p, after = parse_conditional(f.parsed, i, hi, d.offset)
    if d.atsign:
        if len(clauses) > 1:
            raise f.error(d.offset, "Can only specify one section")
        f.bind(d, args, ())
        before = args.pos
        if f.next_arg(args, d.offset) is not NIL:
            args.pos = before
            f.interpret(stream, *clauses[0], orig, args)
    elif d.colon:
        if len(clauses) != 2:
            raise f.error(d.offset, "Must specify exactly two sections")
        f.bind(d, args, ())
        clause = clauses[1] if f.next_arg(args, d.offset) is not NIL else clauses[0]
        f.interpret(stream, *clause, orig, args)
    else:
        (index,) = f.bind(d, args, (_NEXT_ARG,))
        if index is _NEXT_ARG:
            index = f.next_arg(args, d.offset)
        default = clauses[-1] if default_p else None
        numbered = len(clauses) - 1 if default_p else len(clauses)
        if type(index) is not int:
            raise f.error(d.offset, "The argument to ~~[ is not an integer: ~A", index)
        clause = clauses[index] if 0 <= index < numbered else default
        if clause is not None:
            f.interpret(stream, *clause, orig, args)
    return after


def _dir_caret(f: Formatter, stream, d, i, hi, orig, args):
    f.check_modifiers(d, True, False)
    if d.colon and not f.up_up_allowed:
        raise f.error(d.offset, "Attempt to use ~~:^ outside a ~~:{...~~} construct")
    a1, a2, a3 = f.bind(d, args, (None, None, None))
    if a3 is not None:
        stop = real_param(a1) <= real_param(a2) <= real_param(a3)
    elif a2 is not None:
        stop = _eql(a1, a2)
    elif a1 is not None:
        stop = _eql(a1, 0)
    elif d.colon:
        stop = f.outside is None or f.outside.empty()
    else:
        stop = args.empty()
    if stop:
        raise (UpUpAndOut if d.colon else UpAndOut)(args)
    return i + 1


def _dir_brace(f: Formatter, stream, d, i, hi, orig, args):
    items = f.parsed.items
    close = find_directive(items, i + 1, hi, "}", False)
    if close < 0:
        raise f.error(d.offset, "No corresponding close brace")
    (max_count,) = f.bind(d, args, (None,))
    at_least_once = items[close].colon
    indirect = close == i + 1
    insides = f.next_arg(args, d.offset) if indirect else None
    colon = d.colon

    def body(b_orig: ArgCursor, b_args: ArgCursor) -> ArgCursor:
        if indirect:
            try:
                return f.run(stream, insides, b_orig, b_args)
            except FormatError as e:
                raise f.indirect_error(e, d)
        f.interpret(stream, i + 1, close, b_orig, b_args)
        return b_args

    def one_iteration(o: ArgCursor, a: ArgCursor) -> ArgCursor:
        if not colon:
            return body(o, a)
        sub = list_args(f.next_arg(a, d.offset))
        saved_outside = f.outside
        f.outside = a
        try:
            body(sub, sub)
        except UpUpAndOut:
            raise
        except UpAndOut:
            pass
        finally:
            f.outside = saved_outside
        return a

    def loop(o: ArgCursor, a: ArgCursor) -> ArgCursor:
        count = max_count
        try:
            while True:
                if not at_least_once and a.empty():
                    break
                if count is not None:
                    count -= 1
                    if count < 0:
                        break
                a = one_iteration(o, a)
                if at_least_once and a.empty():
                    break
            return a
        except UpAndOut as u:
            if (type(u) is UpUpAndOut) != colon:
                raise
            return u.cursor

    saved_allowed = f.up_up_allowed
    f.up_up_allowed = colon
    try:
        if d.atsign:
            args.set(loop(orig, args))
        else:
            sub = list_args(f.next_arg(args, d.offset))
            loop(sub, sub)
    finally:
        f.up_up_allowed = saved_allowed
    return close + 1


def _dir_angle(f: Formatter, stream, d, i, hi, orig, args):
    segments, first_semi, close, after = parse_justification(f.parsed, i, hi, d.offset)
    if close.colon:
        _logical_block(f, stream, d, segments, first_semi, close, orig, args)
        return after
    items = f.parsed.items
    illegal = sum(1 for lo, h in segments for it in items[lo:h]
                  if type(it) is Directive
                  and (it.char, it.colon, it.atsign) in _ILLEGAL_IN_JUSTIFICATION)
    if illegal:
        raise f.error(d.offset, "~D illegal directive~:P found inside justification block",
                      illegal, references=[REF_22_3_5_2])
    if close.atsign:
        raise f.error(close.offset, "@ modifier not allowed in close directive of justification "
                                    "block (i.e. ~~<...~~@>.", references=[REF_22_3_6_2])
    _justify(f, stream, d, segments, first_semi, orig, args)
    return after


def _justify(f: Formatter, stream, d, segments, first_semi, orig, args):
    """~mincol,colinc,minpad,padchar<...~>: the segments' texts spread
    over the field (SBCL's INTERPRET-FORMAT-JUSTIFICATION and
    FORMAT-JUSTIFICATION); a first segment ended by ~:; is written before
    the field only when the field would not fit on the line."""
    mincol, colinc, minpad, padchar = f.bind(d, args, (0, 1, 0, SPACE))
    mincol, colinc, minpad = real_param(mincol), real_param(colinc), real_param(minpad)
    newline_text = None
    extra_space = line_len = 0
    texts = []
    segments = list(segments)
    try:
        if first_semi is not None and first_semi.colon:
            extra, length = f.bind(first_semi, args, (0, 72))
            out = StringOutputStream()
            f.interpret(out, *segments.pop(0), orig, args)
            newline_text = out.getvalue()
            extra_space, line_len = extra, length
        for seg in segments:
            out = StringOutputStream()
            f.interpret(out, *seg, orig, args)
            texts.append(out.getvalue())
    except UpUpAndOut:
        raise
    except UpAndOut as u:
        args.set(u.cursor)
    pad = char_param(padchar)
    pad_left, pad_right = d.colon, d.atsign
    gaps = len(texts) - 1 + pad_left + pad_right
    chars = gaps * minpad + sum(len(t) for t in texts)
    length = mincol + -(-(chars - mincol) // colinc) * colinc if chars > mincol else mincol
    padding = length - chars + gaps * minpad
    if newline_text is not None and (stream.column or 0) + length + extra_space > line_len:
        stream.write(newline_text)
    out = []

    def do_padding():
        nonlocal padding, gaps
        n = padding if gaps == 0 else _truncate(padding, gaps)
        padding -= n
        gaps -= 1
        out.append(pad * n)

    if pad_left or (not pad_right and len(texts) <= 1):
        do_padding()
    if texts:
        out.append(texts[0])
        for t in texts[1:]:
            do_padding()
            out.append(t)
    if pad_right:
        do_padding()
    stream.write("".join(out))


def _segment_text(f: Formatter, lo: int, hi: int, prefix_p: bool) -> str:
    """The literal prefix or suffix of a logical block."""
    items = f.parsed.items
    for it in items[lo:hi]:
        if type(it) is Directive:
            raise f.error(it.offset, "Cannot include format directives inside the "
                                     "~:[suffix~;prefix~] segment of ~~<...~~:>",
                          T if prefix_p else NIL, references=[REF_22_3_5_2])
    return "".join(items[lo:hi])


def _logical_block(f: Formatter, stream, d, segments, first_semi, close, orig, args):
    """~<prefix~;body~;suffix~:>: a logical block of the pretty printer
    (pprint.py) on the argument (with ~@<, on the remaining arguments)."""
    if d.params:
        raise f.error(d.params[0][0], "No parameters can be supplied with ~~<...~~:>.")
    prefix, suffix = ("(", ")") if d.colon else ("", "")
    if len(segments) == 1:
        body = segments[0]
    elif len(segments) == 2:
        prefix, body = _segment_text(f, *segments[0], True), segments[1]
    elif len(segments) == 3:
        prefix, body = _segment_text(f, *segments[0], True), segments[1]
        suffix = _segment_text(f, *segments[2], False)
    else:
        raise f.error(d.offset, "Too many segments for ~~<...~~:>")
    per_line = first_semi is not None and first_semi.atsign
    if d.atsign:
        # The block takes all the remaining arguments, ~:* can reach back
        # before them, and none are left after it.
        arg_list = ArgCursor(args.items, args.pos, args.tail)
        # A copy: ORIG may be ARGS itself, which is emptied just below.
        block_orig = ArgCursor(orig.items, orig.pos, orig.tail)
        lisp_arg = args.tail
        for x in reversed(args.items[args.pos:]):
            lisp_arg = Cons(x, lisp_arg)
        args.set(ArgCursor([], 0, NIL))
    else:
        lisp_arg = f.next_arg(args, d.offset)
        arg_list = list_args(lisp_arg)
        block_orig = arg_list
    fill_region = (f.parsed, *body) if close.atsign else f.fill_region

    def run_body(pstream, cursor):
        saved_region = f.fill_region
        f.fill_region = fill_region
        f.blocks.append(BlockArgs(cursor, arg_list, lisp_arg))
        try:
            f.interpret(pstream, *body, block_orig, arg_list)
        except UpUpAndOut:
            raise
        except (UpAndOut, BlockEnded):
            pass
        finally:
            f.blocks.pop()
            f.fill_region = saved_region
    logical_block(stream, lisp_arg, run_body, prefix, suffix, per_line)


class BlockEnded(Exception):
    """PPRINT-POP ended a ~<...~:> block (dotted tail or *PRINT-LENGTH*)."""


class BlockArgs:
    """The arguments of a ~<...~:> block, kept in step with the list the
    logical block prints so each argument taken is first PPRINT-POP'ed."""
    __slots__ = ("cursor", "args", "start", "tail", "tail_pos")

    def __init__(self, cursor, args: ArgCursor, lisp_list):
        self.cursor = cursor
        self.args = args
        self.start = (lisp_list, args.pos)
        self.tail, self.tail_pos = self.start

    def pop(self):
        pos = self.args.pos
        if pos < self.tail_pos:
            self.tail, self.tail_pos = self.start
        while self.tail_pos < pos:
            self.tail = self.tail.cdr
            self.tail_pos += 1
        if not self.cursor.pop_ok(self.tail):
            raise BlockEnded


def _unmatched(message: str):
    """A handler for a closing or separating directive met outside its
    construct."""
    def handler(f: Formatter, stream, d, i, hi, orig, args):
        raise f.error(d.offset, message)
    return handler


DIRECTIVES.update({
    "_": _dir_underscore, "I": _dir_i,
    "*": _dir_star, "?": _dir_question, "/": _dir_slash,
    "(": _dir_paren, ")": _unmatched("no corresponding open paren"),
    "[": _dir_bracket, "]": _unmatched("No corresponding open bracket"),
    ";": _unmatched("~~; not contained within either ~~[...~~] or ~~<...~~>"),
    "^": _dir_caret, "{": _dir_brace, "}": _unmatched("No corresponding open brace"),
    "<": _dir_angle, ">": _unmatched("No corresponding open bracket"),
})

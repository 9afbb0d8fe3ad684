"""Parsing FORMAT control strings, as SBCL's TOKENIZE-CONTROL-STRING does.

A control string becomes a flat list of literal strings and ``Directive``s
(``~%``, ``~~``, ``~|`` and tilde-newline are folded into the literals when
they take no arguments). Nested constructs (``~[...~]``, ``~{...~}``,
``~<...~>``, ``~(...~)``) are not built into a tree at parse time: SBCL
matches them when it interprets them, so an unbalanced construct is an error
only if execution reaches it. Their structure is found by ``find_directive``
on index ranges of the flat list and memoised in the ``Parsed`` object.

Errors are ``FormatError`` (a Python exception, converted into the Lisp
condition SB-FORMAT:FORMAT-ERROR by format.py) carrying what SBCL's report
shows: the complaint, the control string and a caret under the offending
character.
"""
from __future__ import annotations

from .characters import char_upcase
from .objects import make_char

__all__ = ["ARG", "REMAINING", "Directive", "FormatError", "Parsed", "tokenize",
           "find_directive", "parse_conditional", "parse_justification"]


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


ARG = _Marker("V")            # parameter taken from the next argument
REMAINING = _Marker("#")      # parameter is the number of remaining arguments

REF_22_3 = "The ANSI Standard, Section 22.3"
REF_22_3_5_2 = "The ANSI Standard, Section 22.3.5.2"
REF_22_3_6_2 = "The ANSI Standard, Section 22.3.6.2"


class FormatError(Exception):
    """An error in a control string or in its use. COMPLAINT is the final
    text; OFFSET the index in CONTROL the caret points at."""

    def __init__(self, complaint: str, control: str | None, offset: int | None,
                 banner: bool = True, references=(), second_relative: int | None = None):
        super().__init__(complaint)
        self.complaint = complaint
        self.control = control
        self.offset = offset
        self.banner = banner
        self.references = tuple(references)
        self.second_relative = second_relative

    def report(self) -> str:
        """The text SBCL's report function writes for this error."""
        parts = ["error in FORMAT: " if self.banner else "", self.complaint]
        if self.control is not None:
            parts.append("\n  " + self.control + "\n  " + " " * (self.offset or 0) + "^")
            if self.second_relative is not None:
                parts.append(" " * self.second_relative + "^")
        if self.references:
            parts.append("\nSee also:")
            for ref in self.references:
                parts.append("\n  " + ref)
        return "".join(parts)


class Directive:
    """One ~ directive: CHAR (upper case), the modifiers, PARAMS as a list
    of (offset, value) where value is an int, a Char, ARG, REMAINING or None
    (omitted), and the START/END indices in the control string."""
    __slots__ = ("char", "colon", "atsign", "params", "start", "end")

    def __init__(self, char, colon, atsign, params, start, end):
        self.char = char
        self.colon = colon
        self.atsign = atsign
        self.params = params
        self.start = start
        self.end = end

    @property
    def offset(self) -> int:
        """Where error carets point for this directive: its last character."""
        return self.end - 1

    def __repr__(self):
        return f"#<directive ~{self.char} {self.start}:{self.end}>"


class Parsed:
    """A tokenized control string: ITEMS (str | Directive) and a memo of
    the nested constructs found in it, keyed by (index, range end)."""
    __slots__ = ("control", "items", "memo")

    def __init__(self, control: str, items: list):
        self.control = control
        self.items = items
        self.memo: dict = {}


def _parse_integer(s: str, posn: int) -> tuple[int | None, int]:
    """PARSE-INTEGER with :JUNK-ALLOWED T from POSN: sign and digits."""
    end = len(s)
    i = posn
    negative = False
    if i < end and s[i] in "+-":
        negative = s[i] == "-"
        i += 1
    start = i
    while i < end and "0" <= s[i] <= "9":
        i += 1
    if i == start:
        return None, i
    n = int(s[start:i])
    return (-n if negative else n), i


def _parse_directive(s: str, start: int) -> Directive:
    posn = start + 1
    params = []
    colon = atsign = False
    end = len(s)

    def get_char():
        if posn >= end:
            raise FormatError("String ended before directive was found", s, start)
        return s[posn]

    def check_ordering():
        if colon or atsign:
            raise FormatError("Parameters found after #\\: or #\\@ modifier", s, posn,
                              references=[REF_22_3])

    while True:
        ch = get_char()
        if "0" <= ch <= "9" or ch == "+" or ch == "-":
            check_ordering()
            value, new_posn = _parse_integer(s, posn)
            params.append((posn, value))
            posn = new_posn
            nxt = get_char()
            if nxt in ":@":
                posn -= 1
            elif nxt != ",":
                break
        elif ch == "v" or ch == "V" or ch == "#":
            check_ordering()
            params.append((posn, ARG if ch != "#" else REMAINING))
            posn += 1
            nxt = get_char()
            if nxt in ":@":
                posn -= 1
            elif nxt != ",":
                break
        elif ch == "'":
            check_ordering()
            posn += 1
            params.append((posn, make_char(get_char())))
            posn += 1
            if get_char() != ",":
                posn -= 1
        elif ch == ",":
            check_ordering()
            params.append((posn, None))
        elif ch == ":":
            if colon:
                raise FormatError("Too many colons supplied", s, posn, references=[REF_22_3])
            colon = True
        elif ch == "@":
            if atsign:
                raise FormatError("Too many #\\@ characters supplied", s, posn,
                                  references=[REF_22_3])
            atsign = True
        else:
            # A trailing comma ("~5,A") stands for one more omitted parameter.
            if s[posn - 1] == "," and (posn < 2 or s[posn - 2] != "'"):
                check_ordering()
                params.append((posn - 1, None))
            break
        posn += 1
    ch = get_char()
    if ch == "/":
        close = s.find("/", posn + 1)
        if close < 0:
            raise FormatError("No matching closing slash", s, posn)
        posn = close
    return Directive(char_upcase(ch), colon, atsign, params, start, posn + 1)


class _BlockMisuseCheck:
    """CLHS 22.3.5.2: a control string may not use both ~<...~:;...~>
    justification and pretty-printing directives (~W ~I ~_ ~:T or a
    logical block). Fed each directive as it is parsed, as SBCL's
    tokenizer does (an unmatched ~> is reported at once)."""
    __slots__ = ("control", "block", "pprint", "semicolon", "justification_semicolon")

    def __init__(self, control: str):
        self.control = control
        self.block: list = []
        self.pprint = self.semicolon = self.justification_semicolon = None

    def see(self, d: Directive):
        c = d.char
        if c == "<":
            self.block.append(d)
        elif self.block and c == ";" and d.colon:
            self.semicolon = d
        elif c == ">":
            if not self.block:
                raise FormatError("~> without a matching ~<", self.control, d.start)
            if d.colon:
                if self.pprint is None:
                    self.pprint = self.block[-1]
                self.semicolon = None
            elif self.semicolon is not None and self.justification_semicolon is None:
                self.justification_semicolon = self.semicolon
            self.block.pop()
        elif not self.block:
            if (c in "WI_" or (c == "T" and d.colon)) and self.pprint is None:
                self.pprint = d

    def finish(self):
        if self.pprint is not None and self.justification_semicolon is not None:
            a, b = self.pprint.offset, self.justification_semicolon.offset
            raise FormatError("Misuse of justification and pprint directives", self.control,
                              min(a, b), references=[REF_22_3_5_2],
                              second_relative=max(a, b) - min(a, b) - 1)


def _combine(raw: list) -> list:
    """Fold argument-free ~%, ~~ and ~| into literal text and apply
    tilde-newline (CLHS 22.3.9.3), merging adjacent literals."""
    out: list = []

    def concat(text):
        if out and type(out[-1]) is str:
            out[-1] += text
        else:
            out.append(text)

    i, n = 0, len(raw)
    while i < n:
        item = raw[i]
        i += 1
        if type(item) is str:
            concat(item)
            continue
        params = item.params
        if item.char == "\n":
            if not params and not (item.colon and item.atsign):
                if item.atsign:
                    concat("\n")
                if not item.colon and i < n and type(raw[i]) is str:
                    concat(raw[i].lstrip(" \t\n"))
                    i += 1
                continue
        elif item.char in "%~|":
            count = (params[0][1] if params else None)
            count = 1 if count is None else count
            if (not item.colon and not item.atsign and len(params) <= 1
                    and type(count) is int and 0 <= count < 128):
                if count:
                    concat({"%": "\n", "|": "\f", "~": "~"}[item.char] * count)
                continue
        out.append(item)
    return out


_CACHE: dict[str, Parsed] = {}
_CACHE_LIMIT = 2000


def tokenize(control: str) -> Parsed:
    """The parsed form of the control string CONTROL (cached: FORMAT is
    typically called in loops with the same few control strings)."""
    p = _CACHE.get(control)
    if p is not None:
        return p
    raw: list = []
    check = _BlockMisuseCheck(control)
    index, end = 0, len(control)
    while index < end:
        tilde = control.find("~", index)
        if tilde < 0:
            tilde = end
        if tilde > index:
            raw.append(control[index:tilde])
        if tilde == end:
            break
        d = _parse_directive(control, tilde)
        check.see(d)
        raw.append(d)
        index = d.end
    check.finish()
    p = Parsed(control, _combine(raw))
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[control] = p
    return p


_CLOSERS = {"(": ")", "<": ">", "[": "]", "{": "}"}


def find_directive(items: list, lo: int, hi: int, kind: str, stop_at_semi: bool) -> int:
    """Index in ITEMS[lo:hi] of the directive KIND (or of a ~; when
    STOP_AT_SEMI) at this nesting level, skipping nested constructs; -1 if
    there is none."""
    i = lo
    while i < hi:
        d = items[i]
        if type(d) is Directive:
            c = d.char
            if c == kind or (stop_at_semi and c == ";"):
                return i
            closer = _CLOSERS.get(c)
            if closer is not None:
                i = find_directive(items, i + 1, hi, closer, False)
                if i < 0:
                    return -1
        i += 1
    return -1


def parse_conditional(parsed: Parsed, at: int, hi: int, offset: int):
    """The clauses of the ~[ at index AT: (clauses, default_p, after) with
    CLAUSES a list of (lo, hi) ranges in order, DEFAULT_P true when the last
    separator was ~:; and AFTER the index following the ~]."""
    key = (at, hi)
    memo = parsed.memo.get(key)
    if memo is not None:
        return memo
    items = parsed.items
    clauses = []
    default_p = False
    lo = at + 1
    while True:
        j = find_directive(items, lo, hi, "]", True)
        if j < 0:
            raise FormatError("No corresponding close bracket", parsed.control, offset)
        clauses.append((lo, j))
        lo = j + 1
        if items[j].char == "]":
            break
        default_p = items[j].colon
    memo = parsed.memo[key] = (clauses, default_p, lo)
    return memo


def parse_justification(parsed: Parsed, at: int, hi: int, offset: int):
    """The segments of the ~< at index AT: (segments, first_semi, close,
    after): SEGMENTS are (lo, hi) ranges, FIRST_SEMI the first ~; directive
    (or None), CLOSE the ~> directive, AFTER the index following it."""
    key = (at, hi)
    memo = parsed.memo.get(key)
    if memo is not None:
        return memo
    items = parsed.items
    segments = []
    first_semi = None
    lo = at + 1
    while True:
        j = find_directive(items, lo, hi, ">", True)
        if j < 0:
            raise FormatError("No corresponding close bracket", parsed.control, offset)
        segments.append((lo, j))
        lo = j + 1
        if items[j].char == ">":
            close = items[j]
            break
        if first_semi is None:
            first_semi = items[j]
    memo = parsed.memo[key] = (segments, first_semi, close, lo)
    return memo

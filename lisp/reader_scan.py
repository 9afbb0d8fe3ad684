"""Finding where one datum ends, before it is parsed.

READ must consume exactly one datum from its stream, and LOAD must evaluate
each top-level form before the next is read (an earlier form may change
*PACKAGE* or define a package a later one names). So the reader first scans
the characters of one datum, character by character, and only then hands
that text to the lark grammar (reader.lark).

The scan also resolves what a context-free grammar cannot:
- nested ``#| ... |#`` comments, and
- ``#+``/``#-`` conditionals: a false one is whitespace, a true one is just
  its datum, so the scanner evaluates the feature expression (through the
  ``feature_test`` callback) and blanks out the conditional or its prefix.
Blanked characters become spaces, except newlines, so line and column
numbers in the text given to the parser stay those of the source.

A skipped datum (the form after a false conditional) is scanned with
``skip`` set: its own conditionals are not evaluated, as SBCL reads it with
*READ-SUPPRESS* true.
"""
from __future__ import annotations

import re
from typing import Callable

__all__ = ["ScannedForm", "FormScanner", "StreamScanner", "Incomplete", "ScanError",
           "WHITESPACE"]

# CLHS 2.1.4: whitespace[2] characters, and what ends a token.
WHITESPACE = frozenset(" \t\n\r\f")
_TERMINATORS = frozenset(" \t\n\r\f()'\";`,")
_TOKEN_STOPS = _TERMINATORS | {"|", "\\"}
_STRING_STOPS = frozenset('"\\')
# The same sets as regexps, to skip runs quickly in a str buffer.
_TOKEN_RUN = re.compile(r"[^ \t\n\r\f()'\";`,|\\]+")
_STRING_RUN = re.compile(r'[^"\\]+')
# Sub-characters of # that are followed by one datum (numeric argument allowed).
_PREFIX_DISPATCH = frozenset("'.cCaApPsSxXoObBrR=")
# CLHS 2.4.8.21-22: these signal an error after #; other undefined ones have
# no dispatch function.
_ILLEGAL_DISPATCH = frozenset("<)\b \t\n\r\f")


class Incomplete(Exception):
    """The input ended inside a datum. ``index`` is where that datum began."""

    def __init__(self, index: int):
        super().__init__(index)
        self.index = index


class ScanError(Exception):
    """Malformed input: ``message``, found when the character at ``index``
    had been read."""

    def __init__(self, message: str, index: int):
        super().__init__(message)
        self.message = message
        self.index = index


class ScannedForm:
    """One datum: its ``text`` (blanked as described above), which begins at
    buffer index ``origin``; the index where the datum itself ``start``s
    (after any blanked conditional); and the index just past what was
    consumed (``end``, which includes one whitespace character after a final
    token unless whitespace is preserved)."""
    __slots__ = ("text", "origin", "start", "end")

    def __init__(self, text: str, origin: int, start: int, end: int):
        self.text = text
        self.origin = origin
        self.start = start
        self.end = end


FeatureTest = Callable[[str, int], bool]


class FormScanner:
    """Scans data out of ``buf`` (a str), from index ``pos`` on.

    ``feature_test(text, index)`` reads and evaluates the feature expression
    whose text starts at buffer index ``index``. A subclass reading a stream
    overrides ``_pull`` to extend the buffer one character at a time, so
    nothing past the datum (and its terminating character) is consumed.
    """

    def __init__(self, buf, pos: int, feature_test: FeatureTest):
        self.buf = buf
        self.pos = pos
        self.feature_test = feature_test
        self._blanks: list[tuple[int, int]] = []
        self._token_end = -1

    # -- the buffer
    def _at(self, i: int) -> str:
        """The character at index I, or "" at end of input."""
        buf = self.buf
        return buf[i] if i < len(buf) else self._pull(i)

    def _pull(self, i: int) -> str:
        return ""

    def _run(self, i: int, pattern: re.Pattern, stops: frozenset) -> int:
        """The index of the first character from I that is in STOPS (PATTERN
        matches a run of characters not in STOPS) or at end of input."""
        buf = self.buf
        if type(buf) is str:
            m = pattern.match(buf, i)
            return m.end() if m else i
        while True:
            c = self._at(i)
            if not c or c in stops:
                return i
            i += 1

    def text_between(self, start: int, end: int) -> str:
        """The buffer from START to END with blanked ranges turned to spaces."""
        raw = "".join(self.buf[start:end]) if isinstance(self.buf, list) else self.buf[start:end]
        cut = [(max(a, start), min(b, end)) for a, b in self._blanks if a < end and b > start]
        if not cut:
            return raw
        chars = list(raw)
        for a, b in cut:
            for k in range(a - start, b - start):
                if chars[k] != "\n":
                    chars[k] = " "
        return "".join(chars)

    # -- entry point
    def scan(self, preserve_whitespace: bool = False) -> ScannedForm | None:
        """Scan the next datum, or return None when only whitespace, comments
        and false conditionals remain. Raises Incomplete (with the index where
        the unfinished datum starts) or ScanError; ``pos`` is then left after
        what was consumed."""
        self._blanks = []
        origin = self.pos
        try:
            start = self._skip_blank(origin)
            end = self._datum(start, False, top=True)
        except Incomplete:
            self.pos = len(self.buf)
            raise Incomplete(self._form_start(origin, self.pos)) from None
        except ScanError as e:
            self.pos = e.index + 1
            raise
        except RecursionError:
            self.pos = len(self.buf)
            raise
        if end is None:
            self.pos = len(self.buf)
            return None
        consumed = end
        # READ consumes the whitespace character that follows the object,
        # whatever kind of object it is (SBCL: "(a) b" leaves "b");
        # READ-PRESERVING-WHITESPACE leaves it
        if not preserve_whitespace and self._at(end) in WHITESPACE:
            consumed = end + 1
        self.pos = consumed
        text = self.text_between(start, end)
        return ScannedForm(text, start, start + len(text) - len(text.lstrip(" \t\n\r\f")),
                           consumed)

    def _form_start(self, start: int, end: int) -> int:
        """The first character from START that is not whitespace or blanked."""
        text = self.text_between(start, end)
        return start + len(text) - len(text.lstrip(" \t\n\r\f"))

    # -- whitespace and comments
    def _skip_blank(self, i: int) -> int:
        while True:
            c = self._at(i)
            if c in WHITESPACE:
                i += 1
            elif c == ";":
                while True:
                    i += 1
                    c = self._at(i)
                    if c == "\n" or not c:
                        break
            elif c == "#" and self._comment_start(i):
                i = self._block_comment(i)
            else:
                return i

    def _comment_start(self, i: int) -> bool:
        """Whether the # at I starts a #| comment (a numeric argument, as
        in #2|, is allowed and ignored)."""
        j = i + 1
        while self._at(j).isdigit() and self._at(j).isascii():
            j += 1
        return self._at(j) == "|"

    def _block_comment(self, start: int) -> int:
        depth = 1
        i = start + 1
        while self._at(i) != "|":      # past the numeric argument
            i += 1
        i += 1
        while True:
            c = self._at(i)
            if not c:
                raise Incomplete(start)
            if c == "|" and self._at(i + 1) == "#":
                depth -= 1
                i += 2
                if depth == 0:
                    self._blanks.append((start, i))
                    return i
            elif c == "#" and self._at(i + 1) == "|":
                depth += 1
                i += 2
            else:
                i += 1

    # -- data
    def _datum(self, i: int, skip: bool, top: bool = False) -> int | None:
        """Scan the one datum that fills a slot starting at I (after any
        whitespace, comments and false conditionals); the index after it.
        At top level, end of input before any datum gives None."""
        while True:
            i = self._skip_blank(i)
            c = self._at(i)
            if not c:
                if top:
                    return None
                raise Incomplete(i)
            if c == ")":
                raise ScanError("unmatched close parenthesis", i)
            end, produced = self._conditional_or_object(i, skip)
            if produced:
                return end
            i = end

    def _conditional_or_object(self, i: int, skip: bool) -> tuple[int, bool]:
        """Scan what starts at I: a datum, or a conditional that may turn out
        to be nothing. (index after it, whether it is a datum)."""
        if self._at(i) == "#":
            j = i + 1
            while self._at(j).isdigit() and self._at(j).isascii():
                j += 1
            sub = self._at(j)
            if sub == "+" or sub == "-":
                return self._conditional(i, j + 1, sub == "+", skip)
        return self._object(i, skip), True

    def _conditional(self, start: int, i: int, plus: bool, skip: bool) -> tuple[int, bool]:
        expr_start = self._skip_blank(i)
        expr_end = self._datum(expr_start, skip)
        if skip:
            # As with *READ-SUPPRESS* true: the form after it is read, not tested.
            return self._datum(expr_end, True), True
        try:
            value = self.feature_test(self.text_between(expr_start, expr_end), expr_start)
        except Exception:
            # A reader error in the feature expression: resume after it.
            self.pos = expr_end
            raise
        if value == plus:
            self._blanks.append((start, expr_end))
            return self._datum(expr_end, False), True
        end = self._datum(expr_end, True)
        self._blanks.append((start, end))
        return end, False

    def _object(self, i: int, skip: bool) -> int:
        c = self._at(i)
        if c == "(":
            return self._list(i + 1, skip)
        if c == '"':
            return self._string(i)
        if c == "'" or c == "`":
            return self._datum(i + 1, skip)
        if c == ",":
            n = self._at(i + 1)
            return self._datum(i + 2 if n == "@" or n == "." else i + 1, skip)
        if c == "#":
            return self._dispatch(i, skip)
        end = self._token(i)
        if self._at(end - 1) == ":" and not self._at(end) and not self._escaped(i, end - 1):
            # As in SBCL, a token cut off by the end of input right after a
            # package marker is unfinished, not malformed.
            raise Incomplete(i)
        return end

    def _escaped(self, start: int, k: int) -> bool:
        """Whether the character at K, in a token from START, follows a
        single escape (an odd run of backslashes)."""
        n = 0
        while k - n - 1 >= start and self._at(k - n - 1) == "\\":
            n += 1
        return n % 2 == 1

    def _list(self, i: int, skip: bool) -> int:
        start = i - 1
        while True:
            i = self._skip_blank(i)
            c = self._at(i)
            if not c:
                raise Incomplete(start)
            if c == ")":
                return i + 1
            i, _ = self._conditional_or_object(i, skip)

    def _string(self, start: int) -> int:
        i = start + 1
        while True:
            i = self._run(i, _STRING_RUN, _STRING_STOPS)
            c = self._at(i)
            if not c:
                raise Incomplete(start)
            if c == "\\":
                if not self._at(i + 1):
                    raise Incomplete(start)
                i += 2
            else:
                return i + 1

    def _dispatch(self, start: int, skip: bool) -> int:
        j = start + 1
        while self._at(j).isdigit() and self._at(j).isascii():
            j += 1
        sub = self._at(j)
        if not sub:
            raise Incomplete(start)
        if sub == "\\":
            if not self._at(j + 1):
                raise Incomplete(start)
            return self._token(j + 2)
        if sub == "(":
            return self._list(j + 1, skip)
        if not skip:
            # SBCL checks these arguments before reading the datum.
            if sub == "=" and j == start + 1:
                raise ScanError("Missing label for #=", j)
            if sub == "r" or sub == "R":
                if j == start + 1:
                    raise ScanError("radix missing in #R", j)
                radix = "".join(self._at(k) for k in range(start + 1, j)).lstrip("0") or "0"
                if len(radix) > 2 or not 2 <= int(radix) <= 36:
                    raise ScanError("illegal radix for #R: %s." % radix, j)
        if sub in _PREFIX_DISPATCH:
            return self._datum(j + 1, skip)
        if sub == ":" or sub == "*":
            return self._token(j + 1)
        if sub == "#":
            return j + 1
        # Reported, as by SBCL, with the sub-character still unread.
        if sub in _ILLEGAL_DISPATCH:
            raise ScanError("illegal sharp macro character: #\\" + sub, j - 1)
        raise ScanError("no dispatch function defined for #\\" + sub, j - 1)

    def _token(self, i: int) -> int:
        """Scan the rest of a token from I: constituents and escapes up to a
        terminating character or the end of input."""
        start = i
        while True:
            i = self._run(i, _TOKEN_RUN, _TOKEN_STOPS)
            c = self._at(i)
            if c == "\\":
                if not self._at(i + 1):
                    raise Incomplete(start)
                i += 2
            elif c == "|":
                i = self._multiple_escape(start, i + 1)
            else:
                self._token_end = i
                return i

    def _multiple_escape(self, start: int, i: int) -> int:
        """Skip the rest of |...| from I (just after the opening bar)."""
        while True:
            c = self._at(i)
            if not c:
                raise Incomplete(start)
            if c == "\\":
                if not self._at(i + 1):
                    raise Incomplete(start)
                i += 2
            elif c == "|":
                return i + 1
            else:
                i += 1


class StreamScanner(FormScanner):
    """A FormScanner over characters pulled one at a time from
    ``read_char()`` (a str, or None at end of file). After ``scan``, the
    characters in ``buf`` from ``pos`` on were read ahead and must be given
    back to the stream (at most one: the character that ended a token)."""

    def __init__(self, read_char: Callable[[], str | None], feature_test: FeatureTest):
        super().__init__([], 0, feature_test)
        self._read_char = read_char
        self._eof = False

    def _pull(self, i: int) -> str:
        buf = self.buf
        while len(buf) <= i:
            if self._eof:
                return ""
            c = self._read_char()
            if c is None:
                self._eof = True
                return ""
            buf.append(c)
        return buf[i]

"""The character-level reader: CLHS 2.2's reader algorithm, driven by a
readtable (lisp/readtable.py).

reader.py reads with it whenever the current readtable differs from the
standard syntax in a way the datum at hand depends on, and every read a
reader macro function starts goes through it (READ with RECURSIVE-P,
READ-DELIMITED-LIST, the standard macro functions called from Lisp). It
reads one character at a time from a Lisp stream, and a reader macro
function is called with that same stream, so whatever it reads, with
READ-CHAR or with READ, is consumed.

The protocol, as in SBCL:
- A macro function returns its object, or no values to say that nothing
  was read (a comment); the reader then goes on with the next character.
  Under *READ-SUPPRESS* every object read is NIL.
- An outermost read (RECURSIVE-P false) owns a ``ReadState``, the #n=
  labels: reads started with RECURSIVE-P true while it runs share it
  (``_current``), so #1# may refer to a #1= read outside the macro
  function that reads it. The backquote depth is not part of it: as
  SBCL's *BACKQUOTE-DEPTH*, it is bound by ` and , only, so a comma read
  by any read inside a backquote is allowed. Both belong to the process
  running the read (the read is part of one machine step) and are
  restored by ``finally`` when a non-local exit unwinds through it.
- The standard macro functions, found in the readtable, run as Python
  methods of ``CharReader``; any other function is called in Lisp inside
  the current step through Machine.call_nested, as #. evaluates its form.
- Errors are Lisp conditions: a reader error at the stream's position
  (line and column when the stream is a string stream, as LOAD's is), and
  END-OF-FILE for the end of the stream inside an object.

The # sub-character functions are in reader_sharp.py.
"""
from __future__ import annotations

from typing import Callable

from .characters import char_upcase
from .dynamic import state
from .errors import LispError, end_of_file, reader_error, type_error
from .functions import Primitive, defun
from .gray_adapter import as_stream
from .objects import (MV, NIL, NO_VALUES, Char, Cons, LString, Symbol, cl_sym, make_char,
                      sys_sym)
from .printvars import Bindings
from .reader_settings import ReadSettings
from .reader_tokens import DOT, INVALID, ReadFailure, interpret_chars
from .readtable import (CONSTITUENT, MULTIPLE_ESCAPE, NON_TERMINATING, SB_IMPL,
                        SINGLE_ESCAPE, TERMINATING, WHITESPACE, DispatchFunction)
from .streams import LispStream, StringInputStream

__all__ = ["CharReader", "ReadState", "NOTHING", "EOF", "read_object", "read_delimited_list",
           "in_backquote", "current_settings", "run_in_read", "stream_position",
           "positioned_error", "object_text", "STANDARD_MACROS", "standard_macro",
           "SHARP_METHODS", "char_argument"]

QUOTE = cl_sym("QUOTE")
QUASIQUOTE = sys_sym("QUASIQUOTE")
UNQUOTE = sys_sym("UNQUOTE")
UNQUOTE_SPLICING = sys_sym("UNQUOTE-SPLICING")
UNQUOTE_NSPLICING = sys_sym("UNQUOTE-NSPLICING")
_SPLICING = (UNQUOTE_SPLICING, UNQUOTE_NSPLICING)


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self):
        return self.name


NOTHING = _Marker("#<nothing read>")   # a macro function returned no values
EOF = _Marker("#<end of file>")        # end of file before any object


class ReadState:
    """What one outermost read shares with the reads nested in it."""
    __slots__ = ("labels", "form_start")

    def __init__(self):
        self.labels: dict = {}
        self.form_start = -1     # stream position of the last object begun at top level


_current: ReadState | None = None
_backquote_depth = 0


def in_backquote() -> bool:
    """Whether a backquote is being read (a comma read now is allowed)."""
    return _backquote_depth > 0


# Standard macro functions (Primitive -> CharReader method taking the macro
# character) and # sub-character functions (Primitive -> function taking
# the reader, the sub-character and the numeric argument or None).
_METHODS: dict = {}
SHARP_METHODS: dict = {}
# The standard readtable's macro characters and what it stores for each
# (a symbol for some, as in SBCL, whose GET-MACRO-CHARACTER returns them).
STANDARD_MACROS: dict = {}


def stream_position(stream) -> tuple[int | None, int | None, str | None]:
    """(line from 1, column from 0, file name) of STREAM's next character;
    the column is None where it cannot be known."""
    filename = getattr(stream, "path", None)
    if isinstance(stream, StringInputStream):
        pos = max(stream.pos - len(stream.unread), 0)
        text = stream.text
        return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1), filename
    if isinstance(stream, LispStream):
        return stream.line, None, filename
    return None, None, filename


def positioned_error(message: str, stream) -> LispError:
    """A reader error at STREAM's position; the message names the file,
    line and column when the stream has a file name (SPEC 1)."""
    line, column, filename = stream_position(stream)
    if filename and line is not None:
        if column is None:
            message = "%s (file %s, line %d)" % (message, filename, line)
        else:
            message = "%s (file %s, line %d, column %d)" % (message, filename, line, column)
    return reader_error(message, stream, line, column, filename)


def object_text(x) -> str:
    """X printed as ~S prints it, on one line (for messages)."""
    from .printer import write_to_string
    return write_to_string(x, escape=True, pretty=False)


class CharReader:
    """Reads from one STREAM with the readtable and the other read
    SETTINGS, sharing STATE with the reads it is nested in."""
    __slots__ = ("stream", "settings", "rt", "syntax", "state")

    def __init__(self, stream: LispStream, settings: ReadSettings, read_state: ReadState):
        self.stream = stream
        self.settings = settings
        self.rt = settings.readtable
        self.syntax = self.rt.syntax
        self.state = read_state

    def error(self, message: str) -> LispError:
        return positioned_error(message, self.stream)

    # -- characters
    def next_char(self) -> str:
        """The next character; END-OF-FILE at the end of the stream."""
        c = self.stream.read_char()
        if c is None:
            raise end_of_file(self.stream)
        return c

    def flush_whitespace(self) -> str:
        """The next character that is not whitespace[2]; END-OF-FILE at the
        end of the stream."""
        read = self.stream.read_char
        syntax = self.syntax
        while True:
            c = read()
            if c is None:
                raise end_of_file(self.stream)
            if syntax.get(c, CONSTITUENT) != WHITESPACE:
                return c

    # -- objects
    def read_object(self, eof_error_p: bool = True, top: bool = False):
        """The next object, skipping whitespace and whatever macro functions
        read as nothing (SBCL's %READ-PRESERVING-WHITESPACE with RECURSIVE-P).
        At end of file: END-OF-FILE, or EOF unless EOF_ERROR_P. TOP records
        where each object starts in the read state (for LOAD's messages)."""
        stream = self.stream
        read = stream.read_char
        syntax = self.syntax
        while True:
            c = read()
            if c is None:
                if eof_error_p:
                    raise end_of_file(stream)
                return EOF
            kind = syntax.get(c, CONSTITUENT)
            if kind == WHITESPACE:
                continue
            if top and isinstance(stream, StringInputStream):
                self.state.form_start = stream.pos - 1
            x = self.read_macro_or_token(c, kind)
            if x is not NOTHING:
                return NIL if self.settings.suppress else x

    def read_maybe_nothing(self, c: str):
        """What the character C (already read) starts: an object, or
        NOTHING when a macro function returned no values."""
        return self.read_macro_or_token(c, self.syntax.get(c, CONSTITUENT))

    def read_macro_or_token(self, c: str, kind: int):
        if kind == TERMINATING or kind == NON_TERMINATING:
            fn = self.rt.macros.get(c)
            if fn is not None:
                return self.call_macro(fn, c)
        return self.read_token(c, kind)

    def read_bound(self, bindings: list, **changes):
        """The next object, read with the special variables in BINDINGS, a
        list of (symbol, value), bound (macro functions see them) and the
        settings CHANGES made."""
        outer = self.settings
        self.settings = outer.but(**changes)
        try:
            with Bindings(bindings):
                return self.read_object()
        finally:
            self.settings = outer

    # -- calling macro functions
    def call_macro(self, fn, c: str):
        f = _function(fn)
        method = _METHODS.get(f)
        if method is not None:
            return method(self, c)
        if type(f) is DispatchFunction:
            return self.read_dispatch(c, f)
        return self.call_lisp(f, [self.stream.lisp_object(), make_char(c)])

    def call_lisp(self, fn, args: list):
        """FN's primary value, or NOTHING when it returns no values."""
        machine = state.machine
        if machine is None:
            raise self.error("a reader macro function needs a running interpreter")
        r = machine.call_nested(fn, args)
        if type(r) is MV:
            return r[0] if r else NOTHING
        return r

    def read_dispatch(self, c: str, fn: DispatchFunction):
        """A dispatching macro character C was read: its decimal argument,
        its sub-character, then the sub-character's function."""
        stream = self.stream
        numarg = None
        while True:
            sub = stream.read_char()
            if sub is None:
                raise end_of_file(stream)
            if "0" <= sub <= "9":
                numarg = (numarg or 0) * 10 + ord(sub) - 48
                continue
            break
        f = fn.table.get(char_upcase(sub))
        if f is None:
            # Reported, as by SBCL, with the sub-character still unread.
            stream.unread_char(sub)
            raise self.error("no dispatch function defined for " + object_text(make_char(sub)))
        f = _function(f)
        method = SHARP_METHODS.get(f)
        if method is not None:
            return method(self, sub, numarg)
        return self.call_lisp(f, [stream, make_char(sub), NIL if numarg is None else numarg])

    # -- tokens
    def token_chars(self, c: str | None, kind: int = CONSTITUENT):
        """Accumulate a token (CLHS 2.2 steps 7 to 9) that starts with C, a
        character of syntax type KIND, or with the next character when C is
        None (then a delimiter there gives an empty token). Returns (chars,
        escaped, last_escape) as reader_tokens.decode does; the delimiter
        that ends the token is left in the stream."""
        stream = self.stream
        read = stream.read_char
        syntax = self.syntax
        chars: list[str] = []
        escaped: list[bool] | None = None
        last_escape = -1
        if c is None:
            c = read()
            if c is None:
                return "", None, -1
            kind = syntax.get(c, CONSTITUENT)
            if kind <= TERMINATING:
                stream.unread_char(c)
                return "", None, -1
        while True:
            if kind == SINGLE_ESCAPE:
                n = read()
                if n is None:
                    raise end_of_file(stream)
                if escaped is None:
                    escaped = [False] * len(chars)
                chars.append(n)
                escaped.append(True)
                last_escape = len(chars)
            elif kind == MULTIPLE_ESCAPE:
                if escaped is None:
                    escaped = [False] * len(chars)
                while True:
                    n = read()
                    if n is None:
                        raise end_of_file(stream)
                    k = syntax.get(n, CONSTITUENT)
                    if k == MULTIPLE_ESCAPE:
                        break
                    if k == SINGLE_ESCAPE:
                        n = read()
                        if n is None:
                            raise end_of_file(stream)
                    chars.append(n)
                    escaped.append(True)
                last_escape = len(chars)
            else:
                chars.append(c)
                if escaped is not None:
                    escaped.append(False)
            c = read()
            if c is None:
                break
            kind = syntax.get(c, CONSTITUENT)
            if kind <= TERMINATING:
                stream.unread_char(c)
                break
        return "".join(chars), escaped, last_escape

    def read_token(self, c: str, kind: int):
        """The object the token starting with C denotes (CLHS 2.2 step 10)."""
        chars, escaped, last_escape = self.token_chars(c, kind)
        s = self.settings
        if s.suppress:
            return NIL
        if chars.endswith(":") and last_escape < len(chars) and self.stream.peek() is None:
            # As in SBCL: the end of input right after a package marker.
            raise end_of_file(self.stream)
        if not INVALID.isdisjoint(chars) and any(
                ch in INVALID and (escaped is None or not escaped[k])
                for k, ch in enumerate(chars)):
            raise self.error("invalid constituent")
        try:
            x = interpret_chars(chars, escaped, last_escape, s.package, s.base, s.double_default,
                                self.rt.case)
        except ReadFailure as e:
            raise self.error(e.message) from None
        if x is DOT:
            raise self.error("dot context error")
        return x

    # -- the standard macro characters
    def read_list(self, _c: str):
        """A list, dotted or not, up to its close parenthesis (SBCL's
        READ-LIST: a ) ends it whatever its syntax)."""
        items = []
        tail = NIL
        syntax = self.syntax
        while True:
            c = self.flush_whitespace()
            if c == ")":
                break
            if c == ".":
                n = self.next_char()
                n_kind = syntax.get(n, CONSTITUENT)
                if n_kind <= TERMINATING:
                    if not items and not self.settings.suppress:
                        raise self.error("Nothing appears before . in list.")
                    if n_kind == WHITESPACE:
                        n = self.flush_whitespace()
                    tail = self.read_after_dot(n)
                    break
                self.stream.unread_char(n)
            x = self.read_maybe_nothing(c)
            if x is not NOTHING:
                items.append(x)
        if self.settings.suppress:
            return NIL
        result = tail
        for x in reversed(items):
            result = Cons(x, result)
        if _backquote_depth and type(tail) is Cons and tail.car in _SPLICING:
            raise self.error(object_text(result) + " contains a splicing comma after a dot")
        return result

    def read_after_dot(self, c: str):
        """The object after a consing dot, C being the first character after
        the dot's whitespace; consumes the closing parenthesis."""
        suppress = self.settings.suppress
        while True:
            if c == ")":
                if suppress:
                    return NIL
                raise self.error("Nothing appears after . in list.")
            x = self.read_maybe_nothing(c)
            if x is not NOTHING:
                break
            c = self.flush_whitespace()
        while True:
            c = self.flush_whitespace()
            if c == ")":
                return x
            if self.read_maybe_nothing(c) is not NOTHING and not self.settings.suppress:
                raise self.error("More than one object follows . in list.")

    def read_right_paren(self, _c: str):
        raise self.error("unmatched close parenthesis")

    def read_string(self, c: str):
        """A string: the characters up to the next C (the macro character
        that began it); a single escape character takes the next one as it is."""
        stream = self.stream
        read = stream.read_char
        syntax = self.syntax
        out = []
        while True:
            ch = read()
            if ch is None:
                raise end_of_file(stream)
            if ch == c:
                break
            if syntax.get(ch, CONSTITUENT) == SINGLE_ESCAPE:
                ch = read()
                if ch is None:
                    raise end_of_file(stream)
            out.append(ch)
        return NIL if self.settings.suppress else LString("".join(out))

    def read_quote(self, _c: str):
        return Cons(QUOTE, Cons(self.read_object(), NIL))

    def read_comment(self, _c: str):
        read = self.stream.read_char
        while True:
            ch = read()
            if ch is None or ch == "\n":
                return NOTHING

    def read_backquote(self, _c: str):
        global _backquote_depth
        _backquote_depth += 1
        try:
            x = self.read_object()
        finally:
            _backquote_depth -= 1
        form = Cons(QUASIQUOTE, Cons(x, NIL))
        if type(x) is Cons and x.car in _SPLICING and not self.settings.suppress:
            raise self.error(object_text(form) + " is not a well-formed backquote expression")
        return form

    def read_comma(self, _c: str):
        global _backquote_depth
        if _backquote_depth <= 0 and not self.settings.suppress:
            raise self.error("Comma not inside a backquote.")
        n = self.next_char()
        if n == "@":
            marker = UNQUOTE_SPLICING
        elif n == ".":
            marker = UNQUOTE_NSPLICING
        else:
            self.stream.unread_char(n)
            marker = UNQUOTE
        _backquote_depth -= 1
        try:
            x = self.read_object()
        finally:
            _backquote_depth += 1
        return Cons(marker, Cons(x, NIL))


def _function(designator):
    """The function a macro function designator names."""
    if type(designator) is Symbol:
        f = designator.fn
        if f is None:
            raise LispError("UNDEFINED-FUNCTION", {"NAME": designator})
        return f
    return designator


# ---------------------------------------------------------------- entry points
def _begin(recursive: bool, read_state: ReadState | None = None):
    """Enter a read: the state it uses and the one to restore after it."""
    global _current
    outer = _current
    if recursive and outer is not None:
        st = outer
    else:
        st = read_state if read_state is not None else ReadState()
    _current = st
    return st, outer


def _end(outer: ReadState | None):
    global _current
    _current = outer


def read_object(stream: LispStream, settings: ReadSettings, eof_error_p: bool,
                recursive: bool, preserve_whitespace: bool,
                read_state: ReadState | None = None):
    """READ from STREAM with the character-level reader: the object, or EOF
    at end of file when not EOF_ERROR_P. RECURSIVE: a read started by a
    macro function, sharing the outer read's labels; otherwise the read
    uses READ_STATE (or a fresh state). A non-recursive READ (unless
    PRESERVE_WHITESPACE) consumes the whitespace character after the
    object, as SBCL's does."""
    st, outer = _begin(recursive, read_state)
    try:
        reader = CharReader(stream, settings, st)
        x = reader.read_object(eof_error_p, top=not recursive)
        if x is not EOF and not recursive and not preserve_whitespace:
            c = stream.read_char()
            if c is not None and reader.syntax.get(c, CONSTITUENT) != WHITESPACE:
                stream.unread_char(c)
        return x
    finally:
        _end(outer)


def read_delimited_list(char: str, stream: LispStream, settings: ReadSettings,
                        recursive: bool):
    """READ-DELIMITED-LIST: the objects up to CHAR, as a Lisp list."""
    st, outer = _begin(recursive)
    try:
        reader = CharReader(stream, settings, st)
        items = []
        while True:
            c = reader.flush_whitespace()
            if c == char:
                break
            x = reader.read_maybe_nothing(c)
            if x is not NOTHING:
                items.append(x)
    finally:
        _end(outer)
    if settings.suppress:
        return NIL
    result = NIL
    for x in reversed(items):
        result = Cons(x, result)
    return result


def current_settings(stream) -> ReadSettings:
    settings = ReadSettings.current()
    if isinstance(settings, str):
        raise positioned_error(settings, stream)
    return settings


def run_in_read(stream, body: Callable):
    """BODY(reader) for a standard reader macro function called from Lisp
    on STREAM: inside the read in progress, or a read of its own. No values
    when BODY read nothing."""
    lisp_stream = as_stream(stream)
    if lisp_stream is None:
        raise type_error(stream, "STREAM")
    stream = lisp_stream
    st, outer = _begin(True)
    try:
        x = body(CharReader(stream, current_settings(stream), st))
    finally:
        _end(outer)
    return NO_VALUES if x is NOTHING else x


def char_argument(char) -> str:
    """The Python character of CHAR, a Lisp character argument."""
    if type(char) is not Char:
        raise type_error(char, "CHARACTER")
    return char.ch


def standard_macro(name: str, method, char: str, stored_as_symbol: bool = False) -> Primitive:
    """Define the Lisp function SB-IMPL::NAME (stream char) that runs
    METHOD, the standard reader macro function of CHAR."""
    def macro_function(stream, char):
        return run_in_read(stream, lambda r: method(r, char_argument(char)))
    macro_function.__doc__ = method.__doc__
    defun("SB-IMPL::" + name, "stream char", mv=True)(macro_function)
    sym = SB_IMPL.intern(name)[0]
    _METHODS[sym.fn] = method
    STANDARD_MACROS[char] = sym if stored_as_symbol else sym.fn
    return sym.fn


def _dispatch_from_lisp(stream, char, fn: DispatchFunction):
    return run_in_read(stream, lambda r: r.read_dispatch(char_argument(char), fn))


DispatchFunction.reader = staticmethod(_dispatch_from_lisp)

standard_macro("READ-LIST", CharReader.read_list, "(", stored_as_symbol=True)
standard_macro("READ-RIGHT-PAREN", CharReader.read_right_paren, ")", stored_as_symbol=True)
standard_macro("READ-QUOTE", CharReader.read_quote, "'")
standard_macro("READ-COMMENT", CharReader.read_comment, ";")
standard_macro("READ-STRING", CharReader.read_string, '"')
standard_macro("BACKQUOTE-CHARMACRO", CharReader.read_backquote, "`", stored_as_symbol=True)
standard_macro("COMMA-CHARMACRO", CharReader.read_comma, ",", stored_as_symbol=True)

"""The Lisp reader: READ, READ-FROM-STRING, and form-by-form reading of
source text for LOAD and the REPL.

Two readers share the work. The fast path reads the standard syntax in
three steps, each in its own module:
1. reader_scan finds where the datum ends, consuming exactly its characters
   (and the whitespace character that ends a final token, unless whitespace
   is preserved), resolving #| |# comments and #+/#- conditionals;
2. the lark grammar reader.lark (LALR, contextual lexer, tables cached on
   disk by lark so start-up stays cheap) parses that text;
3. reader_build makes the objects, in the dynamic environment of the read
   (reader_settings): *PACKAGE*, *READ-BASE*, *READ-DEFAULT-FLOAT-FORMAT*,
   *READ-EVAL*.
The character-level reader (reader_chars, reader_sharp) follows CLHS 2.2
with any readtable and calls reader macro functions. A read takes the fast
path when the current readtable reads the datum as the standard one does:
its case is :UPCASE and the datum contains no character whose syntax or
macro function was changed (``Readtable.fast_path``); otherwise, or when the
scan meets such a character, it reads from where the datum began with the
character-level reader. Reads that reader macro functions start
(RECURSIVE-P) always use the character-level reader.
So each top-level form is interned only when it is read, after the forms
before it have been evaluated, and a reader macro defined by one form of a
file is used for the next.

Errors are LispErrors only: ``reader_error`` (condition SYS::LISP-READER-ERROR)
with the line (from 1) and column (from 0) where the reader stood, as SBCL
reports them; END-OF-FILE for end of input inside a datum read from a
stream or string. When the source has a file name, the message itself also
names the file, line and column.

Hooks the rest of the system sets:
- ``eval_hook``: a Python callable form -> value that #. uses (None: #.
  signals a reader error);
- ``structure_hook``: a callable (name, initargs) -> structure that #S(...)
  uses, INITARGS being the Lisp list after the name (None: #S signals a
  reader error).
"""
from __future__ import annotations

from lark import Lark
from lark.exceptions import LarkError

from . import reader_chars
from .errors import LispError, end_of_file, lisp_error, reader_error, type_error
from .functions import defun
from .objects import KEYWORD, MV, NIL, T, UNBOUND, LString
from .reader_build import BuildError, FormBuilder, feature_true
from .reader_chars import STANDARD_MACROS, ReadState, positioned_error
from .reader_scan import FormScanner, Incomplete, ScanError, StreamScanner
from .reader_settings import READTABLE, ReadSettings, features
from .reader_sharp import STANDARD_SHARP
from .reader_tokens import ReadFailure
from .readtable import install_standard_readtable
from .stdstreams import input_stream as designated_input_stream
from .streams import LispStream, StringInputStream, eof_or

__all__ = ["EOF", "SourceReader", "read_from_stream", "read_from_string",
           "read_from_python_string", "is_incomplete", "eval_hook", "structure_hook"]

eval_hook = None
structure_hook = None


class _Eof:
    """What SourceReader.read_next returns when no form is left."""
    __slots__ = ()

    def __repr__(self):
        return "#<end of input>"


EOF = _Eof()

# CLHS 2.1.1.2: *READTABLE* starts as a copy of the standard readtable.
_STANDARD_READTABLE = install_standard_readtable(STANDARD_MACROS, STANDARD_SHARP)
if READTABLE.value is UNBOUND:
    READTABLE.value = _STANDARD_READTABLE.copy()
_STANDARD = ReadSettings.standard()


class _Fallback(Exception):
    """The fast path met syntax the current readtable changed."""


class _SourceTextStream(StringInputStream):
    """The source text a SourceReader or READ-FROM-STRING reads, as a stream
    for the character-level reader and the reader macro functions it calls
    (LOAD's is named, as SBCL's file stream is, by its file)."""
    __slots__ = ("path",)

    def __init__(self, text: str, path: str | None):
        super().__init__(text)
        self.path = path

    def describe(self):
        if self.path:
            return '#<SB-SYS:FD-STREAM for "file %s">' % self.path
        return super().describe()


# ---------------------------------------------------------------- the parser
_parser: Lark | None = None


def _parse(text: str):
    global _parser
    if _parser is None:
        _parser = Lark.open("reader.lark", rel_to=__file__, parser="lalr",
                            lexer="contextual", cache=True)
    return _parser.parse(text)


# ---------------------------------------------------------------- one reading session
class _Session:
    """Reading from one scanner: turns buffer indexes into lines and
    columns and every problem into the right Lisp condition.

    ``line``/``column`` say where the scanner's buffer starts in the source;
    ``stream`` and ``filename`` name the source in conditions; with
    ``eof_is_error`` end of input inside a datum is a reader error naming
    where the form began (LOAD's case), else END-OF-FILE (READ's)."""

    def __init__(self, scanner: FormScanner, stream, filename, line: int, column: int,
                 eof_is_error: bool, settings: ReadSettings | None = None):
        self.scanner = scanner
        self.stream = stream
        self.filename = filename
        self.eof_is_error = eof_is_error
        self.fixed_settings = settings
        self.settings: ReadSettings | None = None
        self.form_start = 0           # buffer index where the last datum read began
        self._text_stream: StringInputStream | None = None
        self._line0, self._col0 = line, column
        self._idx, self._line, self._col = 0, line, column
        scanner.feature_test = self._feature_test

    def position(self, index: int) -> tuple[int, int]:
        """(line, column) of buffer INDEX."""
        if index < self._idx:
            self._idx, self._line, self._col = 0, self._line0, self._col0
        buf = self.scanner.buf
        chunk = buf[self._idx:index]
        if type(chunk) is list:
            chunk = "".join(chunk)
        newlines = chunk.count("\n")
        if newlines:
            self._line += newlines
            self._col = len(chunk) - chunk.rfind("\n") - 1
        else:
            self._col += len(chunk)
        self._idx = index
        return self._line, self._col

    def error(self, message: str, line: int, column: int) -> LispError:
        """A reader error at LINE and COLUMN of the source."""
        if self.filename:
            message = "%s (file %s, line %d, column %d)" % (message, self.filename, line, column)
        return reader_error(message, self.stream, line, column, self.filename)

    def error_in_text(self, message: str, origin: int, rel_line: int, rel_col: int) -> LispError:
        """An error at line REL_LINE (from 1), column REL_COL of the text
        that starts at buffer index ORIGIN."""
        line, col = self.position(origin)
        if rel_line == 1:
            return self.error(message, line, col + rel_col)
        return self.error(message, line + rel_line - 1, rel_col)

    # -- reading
    def read(self, preserve_whitespace: bool = False):
        """The next object, or EOF when only whitespace and comments remain."""
        settings = self.fixed_settings or ReadSettings.current()
        if isinstance(settings, str):
            line, col = self.position(self.scanner.pos)
            raise self.error(settings, line, col)
        self.settings = settings
        fast = settings.readtable.fast_path()
        # Inside a backquote (a macro function reading one), only the
        # character-level reader knows that commas are allowed.
        if fast is not None and not reader_chars.in_backquote():
            origin = self.scanner.pos
            try:
                return self._read_fast(settings, preserve_whitespace, fast)
            except _Fallback:
                self.scanner.pos = origin
        return self._read_chars(settings, preserve_whitespace)

    def _read_fast(self, settings: ReadSettings, preserve_whitespace: bool, fast):
        """Scan, parse and build; raises _Fallback when the datum involves
        syntax the readtable changed (FAST: see Readtable.fast_path)."""
        scanner = self.scanner
        chars, sharp = fast
        origin = scanner.pos
        try:
            form = scanner.scan(preserve_whitespace)
            if (chars or sharp) and self._changed_syntax_seen(origin, chars, sharp):
                raise _Fallback()
            if form is None:
                return EOF
            self.form_start = form.start
            if settings.suppress:
                return NIL
            return self._build(form.text, form.origin, settings)
        except Incomplete as e:
            if chars or sharp:
                raise _Fallback() from None
            if not self.eof_is_error:
                raise end_of_file(self.stream) from None
            raise self._incomplete(e.index) from None
        except ScanError as e:
            if chars or sharp:
                raise _Fallback() from None
            line, col = self.position(e.index + 1)
            raise self.error(e.message, line, col) from None
        except RecursionError:
            line, col = self.position(scanner.pos)
            raise self.error("form nested too deeply to read", line, col) from None

    def _changed_syntax_seen(self, origin: int, chars: frozenset, sharp: frozenset) -> bool:
        """Whether the characters the scan looked at from ORIGIN (the one it
        peeked at after the datum included) contain a character of CHARS or
        # followed by one of SHARP."""
        buf = self.scanner.buf
        seen = buf[origin:self.scanner.pos + 1]
        if type(seen) is list:
            seen = "".join(buf[origin:])
        if chars and not chars.isdisjoint(seen):
            return True
        if sharp and "#" in seen:
            i = seen.find("#")
            while i >= 0:
                j = i + 1
                while j < len(seen) and "0" <= seen[j] <= "9":
                    j += 1
                if j < len(seen) and seen[j] in sharp:
                    return True
                i = seen.find("#", i + 1)
        return False

    def _incomplete(self, index: int) -> LispError:
        """LOAD's error for end of text inside the form that begins at INDEX."""
        line, col = self.position(index)
        where = " of " + self.filename if self.filename else ""
        message = ("end of file in the middle of the form that begins at line %d, "
                   "column %d%s" % (line, col, where))
        return reader_error(message, self.stream, line, col, self.filename, incomplete=True)

    def _char_stream(self) -> LispStream:
        """The stream the character-level reader reads the source from,
        positioned where the scanner stands."""
        scanner = self.scanner
        if self.stream is not None:
            # Give back what the scanner read ahead.
            for c in reversed(scanner.buf[scanner.pos:]):
                self.stream.unread_char(c)
            del scanner.buf[scanner.pos:]
            return self.stream
        stream = self._text_stream
        if stream is None:
            stream = self._text_stream = _SourceTextStream(scanner.buf, self.filename)
        stream.pos = scanner.pos
        stream.unread.clear()
        return stream

    def _read_chars(self, settings: ReadSettings, preserve_whitespace: bool):
        """Read with the character-level reader."""
        stream = self._char_stream()
        on_text = stream is self._text_stream
        read_state = ReadState()
        try:
            x = reader_chars.read_object(stream, settings, False, False, preserve_whitespace,
                                         read_state)
        except LispError as e:
            if (self.eof_is_error and on_text and e.class_name == "END-OF-FILE"
                    and e.initargs.get("STREAM") is stream):
                raise self._incomplete(max(read_state.form_start, 0)) from None
            raise
        except RecursionError:
            raise positioned_error("form nested too deeply to read", stream) from None
        finally:
            if on_text:
                self.scanner.pos = max(stream.pos - len(stream.unread), 0)
        if x is reader_chars.EOF:
            return EOF
        if on_text:
            self.form_start = read_state.form_start
        return x

    def _build(self, text: str, origin: int, settings: ReadSettings, package=None):
        try:
            tree = _parse(text)
        except LarkError:
            # The scanner has already rejected everything the grammar does.
            line, col = self.position(origin + len(text))
            raise self.error("malformed datum", line, col) from None
        builder = FormBuilder(text, package or settings.package, settings.base,
                              settings.double_default, settings.read_eval, eval_hook,
                              structure_hook)
        try:
            return builder.datum(tree.children[0])
        except BuildError as e:
            raise self.error_in_text(e.message, origin, e.line, e.column) from None

    def _feature_test(self, text: str, origin: int) -> bool:
        """Read the feature expression TEXT (at ORIGIN) in the KEYWORD package
        and evaluate it against *FEATURES*."""
        expr = self._build(text, origin, self.settings or _STANDARD, KEYWORD)
        try:
            return feature_true(expr, features())
        except ReadFailure as e:
            line, col = self.position(origin + len(text.rstrip()))
            raise self.error("%s: %s" % (e.message, text.strip()), line, col) from None


# ---------------------------------------------------------------- public API
class SourceReader:
    """Reads the forms of source TEXT one at a time, each in the dynamic
    environment current when ``read_next`` is called: LOAD evaluates a form
    before the next is read. ``read_next()`` returns the next object, or
    ``EOF`` when only whitespace and comments remain. Reader errors name
    FILENAME (when given), line (from 1) and column (from 0); end of text
    inside a form is a reader error too (its INCOMPLETE initarg true), naming
    where the form began. After a form is read, ``form_line`` and
    ``form_column`` say where it began; ``last_form`` is the last form read."""

    def __init__(self, text: str, filename: str | None = None):
        self.filename = filename
        self._session = _Session(FormScanner(text, 0, None), None, filename, 1, 0, True)
        self.form_line: int | None = None
        self.form_column: int | None = None
        self.last_form = NIL

    def read_next(self):
        session = self._session
        obj = session.read()
        if obj is not EOF:
            self.form_line, self.form_column = session.position(session.form_start)
            self.last_form = obj
        return obj


def _stream_column(stream: LispStream) -> int:
    """Column of a stream's next character, where it can be known."""
    if isinstance(stream, StringInputStream) and not stream.unread:
        pos = stream.pos
        return pos - (stream.text.rfind("\n", 0, pos) + 1)
    return 0


def _true(x) -> bool:
    """X as a Lisp or Python truth value."""
    return x is not NIL and x is not False and x is not None


def read_from_stream(stream: LispStream, eof_error_p=True, eof_value=NIL,
                     recursive_p=False, preserve_whitespace=False):
    """READ: the next object from STREAM, consuming exactly its characters
    (plus the whitespace character after the object, unless
    PRESERVE_WHITESPACE or RECURSIVE_P). At end of file: END-OF-FILE if
    EOF_ERROR_P (a Lisp or Python truth value), else EOF_VALUE; end of file
    inside an object is always END-OF-FILE. RECURSIVE_P: a read started by a
    reader macro function, which shares the #n= labels of the read it is
    part of."""
    if _true(recursive_p):
        settings = reader_chars.current_settings(stream)
        obj = reader_chars.read_object(stream, settings, _true(eof_error_p), True,
                                       preserve_whitespace)
        return eof_value if obj is reader_chars.EOF else obj
    scanner = StreamScanner(stream.read_char, None)
    session = _Session(scanner, stream, getattr(stream, "path", None), stream.line,
                       _stream_column(stream), False)
    try:
        obj = session.read(preserve_whitespace)
    finally:
        for c in reversed(scanner.buf[scanner.pos:]):
            stream.unread_char(c)
    if obj is EOF:
        return eof_or(stream, eof_error_p, eof_value)
    return obj


def read_from_string(text: str, eof_error_p=True, eof_value=NIL, start: int = 0,
                     end: int | None = None, preserve_whitespace=False,
                     settings: ReadSettings | None = None) -> tuple:
    """(object, index) read from TEXT[START:END], INDEX being where reading
    stopped, as READ-FROM-STRING returns them."""
    buf = text if end is None else text[:end]
    scanner = FormScanner(buf, start, None)
    session = _Session(scanner, None, None, 1, 0, False, settings)
    obj = session.read(preserve_whitespace)
    if obj is EOF:
        return eof_or(None, eof_error_p, eof_value), scanner.pos
    return obj, scanner.pos


def read_from_python_string(text: str):
    """The first object in TEXT, read with standard syntax in the
    COMMON-LISP package whatever the dynamic environment (type specifiers
    named by primitives: "(OR STRING SYMBOL)")."""
    return read_from_string(text, settings=_STANDARD)[0]


def is_incomplete(text: str) -> bool:
    """True when TEXT ends inside an unfinished datum (an open parenthesis,
    string, |symbol|, #| comment, or a quote or #+ still waiting for its
    datum); False when it is complete or already malformed."""
    scanner = FormScanner(text, 0, None)
    session = _Session(scanner, None, None, 1, 0, False)
    settings = ReadSettings.current()
    session.settings = _STANDARD if isinstance(settings, str) else settings
    try:
        while scanner.scan() is not None:
            pass
    except Incomplete:
        return True
    except (ScanError, LispError, RecursionError):
        return False
    return False


# ---------------------------------------------------------------- Lisp functions
@defun("READ", "&optional input-stream eof-error-p eof-value recursive-p")
def read(input_stream=NIL, eof_error_p=T, eof_value=NIL, recursive_p=NIL):
    """Read the printed representation of an object from INPUT-STREAM (NIL:
    *STANDARD-INPUT*, T: *TERMINAL-IO*) and return it. At end of file signal END-OF-FILE
    if EOF-ERROR-P, else return EOF-VALUE."""
    return read_from_stream(designated_input_stream(input_stream), eof_error_p, eof_value, recursive_p)


@defun("READ-PRESERVING-WHITESPACE", "&optional input-stream eof-error-p eof-value recursive-p")
def read_preserving_whitespace(input_stream=NIL, eof_error_p=T, eof_value=NIL,
                               recursive_p=NIL):
    """Like READ, but the whitespace character that ends a token is left in
    the stream."""
    return read_from_stream(designated_input_stream(input_stream), eof_error_p, eof_value,
                            recursive_p, preserve_whitespace=True)


@defun("READ-FROM-STRING",
       "string &optional eof-error-p eof-value &key start end preserve-whitespace", mv=True)
def read_from_string_function(string, eof_error_p=T, eof_value=NIL, start=0, end=NIL,
                              preserve_whitespace=NIL):
    """Read an object from the characters of STRING between START and END.
    Return the object and the index of the first character not read."""
    if type(string) is not LString:
        raise type_error(string, "STRING")
    text = string.value
    if type(start) is not int:
        raise type_error(start, "(MOD %d)" % (len(text) + 1))
    if end is not NIL and type(end) is not int:
        raise type_error(end, "(OR NULL (MOD %d))" % (len(text) + 1))
    stop = len(text) if end is NIL else end
    if not 0 <= start <= stop <= len(text):
        raise lisp_error("SIMPLE-ERROR",
                         "The bounding indices ~S and ~S are bad for a sequence of length ~S.",
                         start, end, len(text))
    obj, index = read_from_string(text, eof_error_p, eof_value, start, stop,
                                  preserve_whitespace is not NIL)
    return MV((obj, index))

"""Lisp streams.

Every stream tracks its output column so ``fresh-line``, ``~&`` and ``~T``
work. Console streams write through to the Python text file and are flushed
at every newline when interactive and whenever the interpreter stops running
Lisp (so output written before an error is never lost, SPEC 9).
"""
from __future__ import annotations

import sys

from .errors import end_of_file, lisp_error
from .objects import LString, NIL


class LispStream:
    __slots__ = ("column", "unread", "element_type", "open", "direction",
                 "line", "name", "__weakref__")

    def __init__(self, direction="output"):
        self.column = 0
        self.unread: list[str] = []
        self.open = True
        self.direction = direction
        self.line = 1
        self.name = None
        self.element_type = None

    # -- output
    def write(self, s: str):
        if not s:
            return
        self._check_output()
        self._write(s)
        nl = s.rfind("\n")
        if nl < 0:
            self.column += len(s)
        else:
            self.column = len(s) - nl - 1

    def _check_output(self):
        if not self.open:
            raise lisp_error("STREAM-ERROR", "The stream ~A is closed.", LString(self.describe()),
                             stream=self)
        if self.direction == "input":
            raise lisp_error("STREAM-ERROR", "~A is not an output stream.", LString(self.describe()),
                             stream=self)

    def _write(self, s: str):
        raise NotImplementedError

    def fresh_line(self) -> bool:
        if self.column != 0:
            self.write("\n")
            return True
        return False

    def finish(self):
        pass

    # -- input
    def read_char(self):
        """The next character as a 1-char str, or None at end of file."""
        if self.unread:
            c = self.unread.pop()
        else:
            if not self.open:
                raise lisp_error("STREAM-ERROR", "The stream ~A is closed.",
                                 LString(self.describe()), stream=self)
            c = self._read_char()
        if c == "\n":
            self.line += 1
        return c

    def unread_char(self, c: str):
        if c == "\n":
            self.line -= 1
        self.unread.append(c)

    def peek(self):
        c = self.read_char()
        if c is not None:
            self.unread_char(c)
        return c

    def read_line(self):
        """(line, missing_newline_p) or (None, True) at end of file."""
        chars = []
        while True:
            c = self.read_char()
            if c is None:
                if not chars:
                    return None, True
                return "".join(chars), True
            if c == "\n":
                return "".join(chars), False
            chars.append(c)

    def _read_char(self):
        raise lisp_error("STREAM-ERROR", "~A is not an input stream.", LString(self.describe()),
                         stream=self)

    def listen(self) -> bool:
        return bool(self.unread)

    def close(self):
        self.open = False

    def describe(self):
        return type(self).__name__

    def interactive(self):
        return False


class StringOutputStream(LispStream):
    __slots__ = ("parts", "target")

    def __init__(self, target: LString | None = None):
        super().__init__("output")
        self.parts: list[str] = []
        self.target = target      # with-output-to-string onto a fill-pointer string

    def _write(self, s):
        if self.target is not None:
            t = self.target
            t.data = t.value + s
            if t.fill_pointer is not None:
                t.fill_pointer = len(t.data)
        else:
            self.parts.append(s)

    def getvalue(self, clear=True) -> str:
        s = "".join(self.parts)
        if clear:
            self.parts = []
        else:
            self.parts = [s]
        return s

    def describe(self):
        return "#<SB-IMPL::STRING-OUTPUT-STREAM>"


class StringInputStream(LispStream):
    __slots__ = ("text", "pos", "end")

    def __init__(self, text: str, start=0, end=None):
        super().__init__("input")
        self.text = text
        self.pos = start
        self.end = len(text) if end is None else end

    def _read_char(self):
        if self.pos >= self.end:
            return None
        c = self.text[self.pos]
        self.pos += 1
        return c

    def unread_char(self, c):
        if self.unread or self.pos == 0:
            super().unread_char(c)
        else:
            self.pos -= 1
            if c == "\n":
                self.line -= 1

    def listen(self):
        return bool(self.unread) or self.pos < self.end

    def describe(self):
        return "#<SB-IMPL::STRING-INPUT-STREAM>"


class PyTextStream(LispStream):
    """A stream over a Python text file object (console or file)."""
    __slots__ = ("file", "is_console", "path")

    def __init__(self, file, direction, is_console=False, path=None):
        super().__init__(direction)
        self.file = file
        self.is_console = is_console
        self.path = path

    def _write(self, s):
        self.file.write(s)
        if self.is_console and "\n" in s and self.interactive():
            self.file.flush()

    def _read_char(self):
        c = self.file.read(1)
        return c if c else None

    def finish(self):
        try:
            self.file.flush()
        except (OSError, ValueError):
            pass

    def close(self):
        if self.open and not self.is_console:
            self.file.close()
        self.open = False

    def interactive(self):
        try:
            return self.file.isatty()
        except (OSError, ValueError, AttributeError):
            return False

    def describe(self):
        if self.path:
            return f'#<SB-SYS:FD-STREAM for "file {self.path}">'
        return "#<SB-SYS:FD-STREAM>"


def console_streams():
    """Fresh stdin/stdout/stderr streams over the current sys.* files."""
    return (PyTextStream(sys.stdin, "input", True),
            PyTextStream(sys.stdout, "output", True),
            PyTextStream(sys.stderr, "output", True))


def eof_or(stream, eof_error_p, eof_value):
    if eof_error_p is not NIL and eof_error_p is not False:
        raise end_of_file(stream)
    return eof_value

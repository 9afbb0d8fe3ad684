"""The standard stream variables and stream designators.

In an ``sbcl --script`` run, *STANDARD-INPUT*, *STANDARD-OUTPUT* and
*ERROR-OUTPUT* are the fd streams of stdin, stdout and stderr; *TERMINAL-IO*
is a two-way stream of stdin and stdout; *DEBUG-IO* a two-way stream of
stdin and stderr; *QUERY-IO* a synonym stream to *TERMINAL-IO*;
*TRACE-OUTPUT* is stdout. ``install_console_streams`` sets those global
values (at import, and again when an interpreter starts, so they follow
``sys.stdout`` and friends as they are then).

Designators (CLHS 21.1.1.1.2): NIL means *STANDARD-OUTPUT* (or
*STANDARD-INPUT*), T means *TERMINAL-IO*.
"""
from __future__ import annotations

from .dynamic import defvar, symbol_value
from .errors import type_error
from .objects import NIL, T, Symbol, cl_sym, lisp_list
from .streams import LispStream, console_streams

__all__ = ["install_console_streams", "flush_console", "output_stream", "input_stream",
           "TwoWayStream", "SynonymStream", "STANDARD_OUTPUT", "STANDARD_INPUT",
           "ERROR_OUTPUT", "TERMINAL_IO", "TRACE_OUTPUT", "DEBUG_IO", "QUERY_IO"]


class TwoWayStream(LispStream):
    """Reads from INPUT, writes to OUTPUT (MAKE-TWO-WAY-STREAM). Its
    column is the output stream's, so FRESH-LINE sees what was written to
    the output stream directly."""
    __slots__ = ("input", "output")

    def __init__(self, input: LispStream, output: LispStream):
        self.input = input
        self.output = output
        column = output.column
        super().__init__("io")
        output.column = column

    @property
    def column(self):
        return self.output.column

    @column.setter
    def column(self, value):
        self.output.column = value

    def write(self, s: str):
        self.output.write(s)

    def read_char(self):
        return self.input.read_char()

    def unread_char(self, c: str):
        self.input.unread_char(c)

    def listen(self) -> bool:
        return self.input.listen()

    def finish(self):
        self.output.finish()

    def interactive(self):
        return self.input.interactive()

    def describe(self):
        from .printer import prin1_to_string
        return "#<TWO-WAY-STREAM :INPUT-STREAM %s :OUTPUT-STREAM %s>" % (
            prin1_to_string(self.input), prin1_to_string(self.output))


class SynonymStream(LispStream):
    """Every operation goes to the current value of SYMBOL
    (MAKE-SYNONYM-STREAM)."""
    __slots__ = ("symbol",)

    def __init__(self, symbol: Symbol):
        self.symbol = symbol
        super().__init__("io")

    def target(self) -> LispStream:
        return symbol_value(self.symbol)

    @property
    def column(self):
        return self.target().column

    @column.setter
    def column(self, value):
        # Set by LispStream.__init__ before any target matters; afterwards
        # a synonym stream has no column of its own.
        pass

    def write(self, s: str):
        self.target().write(s)

    def read_char(self):
        return self.target().read_char()

    def unread_char(self, c: str):
        self.target().unread_char(c)

    def listen(self) -> bool:
        return self.target().listen()

    def finish(self):
        self.target().finish()

    def interactive(self):
        return self.target().interactive()

    def describe(self):
        from .printer import prin1_to_string
        return "#<SYNONYM-STREAM :SYMBOL %s>" % prin1_to_string(self.symbol)


STANDARD_INPUT = defvar("*STANDARD-INPUT*", NIL)
STANDARD_OUTPUT = defvar("*STANDARD-OUTPUT*", NIL)
ERROR_OUTPUT = defvar("*ERROR-OUTPUT*", NIL)
TERMINAL_IO = defvar("*TERMINAL-IO*", NIL)
TRACE_OUTPUT = defvar("*TRACE-OUTPUT*", NIL)
DEBUG_IO = defvar("*DEBUG-IO*", NIL)
QUERY_IO = defvar("*QUERY-IO*", NIL)

_console: tuple = ()


def install_console_streams():
    """Make the standard stream variables' global values fresh streams over
    the current sys.stdin / sys.stdout / sys.stderr."""
    global _console
    stdin, stdout, stderr = console_streams()
    _console = (stdout, stderr)
    terminal = TwoWayStream(stdin, stdout)
    STANDARD_INPUT.value = stdin
    STANDARD_OUTPUT.value = stdout
    ERROR_OUTPUT.value = stderr
    TERMINAL_IO.value = terminal
    TRACE_OUTPUT.value = stdout
    DEBUG_IO.value = TwoWayStream(stdin, stderr)
    QUERY_IO.value = SynonymStream(TERMINAL_IO)


def flush_console():
    """Flush what was written to the console streams (SPEC 9: output
    written before an error is never lost)."""
    for stream in _console:
        stream.finish()


_OUTPUT_DESIGNATOR = lisp_list(cl_sym("OR"), cl_sym("STREAM"), cl_sym("BOOLEAN"))


def output_stream(designator) -> LispStream:
    """The stream an output stream designator names."""
    if designator is NIL:
        return symbol_value(STANDARD_OUTPUT)
    if designator is T:
        return symbol_value(TERMINAL_IO)
    if isinstance(designator, LispStream):
        return designator
    raise type_error(designator, _OUTPUT_DESIGNATOR)


def input_stream(designator) -> LispStream:
    """The stream an input stream designator names."""
    if designator is NIL:
        return symbol_value(STANDARD_INPUT)
    if designator is T:
        return symbol_value(TERMINAL_IO)
    if isinstance(designator, LispStream):
        return designator
    raise type_error(designator, _OUTPUT_DESIGNATOR)


install_console_streams()

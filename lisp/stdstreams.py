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
from .errors import LispError, type_error
from .objects import NIL, T, UNBOUND, Symbol, cl_sym, lisp_list
from .gray_adapter import as_stream
from .streams import LispStream, console_streams

__all__ = ["install_console_streams", "flush_console", "output_stream", "input_stream",
           "stream_value", "TwoWayStream", "SynonymStream", "STANDARD_OUTPUT", "STANDARD_INPUT",
           "ERROR_OUTPUT", "TERMINAL_IO", "TRACE_OUTPUT", "DEBUG_IO", "QUERY_IO"]


class TwoWayStream(LispStream):
    """Reads from INPUT, writes to OUTPUT (MAKE-TWO-WAY-STREAM). Its
    column is the output stream's, so FRESH-LINE sees what was written to
    the output stream directly. Closing it leaves both open."""
    __slots__ = ("input", "output")
    lisp_class = "TWO-WAY-STREAM"

    def __init__(self, input: LispStream, output: LispStream):
        self.input = input
        self.output = output
        super().__init__("io")

    @property
    def column(self):
        return self.output.column

    @column.setter
    def column(self, value):
        # Set by LispStream.__init__; the column is the output stream's.
        pass

    def write(self, s: str):
        self.check_open()
        self.output.write(s)

    def fresh_line(self) -> bool:
        self.check_open()
        return self.output.fresh_line()

    def write_byte(self, byte: int):
        self.check_open()
        self.output.write_byte(byte)

    def read_char(self):
        self.check_open()
        return self.input.read_char()

    def read_char_no_hang(self):
        self.check_open()
        return self.input.read_char_no_hang()

    def unread_char(self, c: str):
        self.check_open()
        self.input.unread_char(c)

    def peek(self):
        self.check_open()
        return self.input.peek()

    def read_byte(self):
        self.check_open()
        return self.input.read_byte()

    def listen(self) -> bool:
        self.check_open()
        return self.input.listen()

    def clear_input(self):
        self.check_open()
        self.input.clear_input()

    def finish(self):
        self.check_open()
        self.output.finish()

    def force(self):
        self.check_open()
        self.output.force()

    def clear_output(self):
        self.check_open()
        self.output.clear_output()

    def stream_element_type(self):
        self.check_open()
        from .equality import equal
        in_type = self.input.stream_element_type()
        out_type = self.output.stream_element_type()
        if equal(in_type, out_type):
            return in_type
        return lisp_list(cl_sym("AND"), in_type, out_type)

    def external_format(self):
        self.check_open()
        return self.output.external_format()

    def file_position(self):
        # SBCL asks the input stream, then the output stream.
        self.check_open()
        p = self.input.file_position()
        return self.output.file_position() if p is None else p

    def set_file_position(self, position):
        self.check_open()
        return self.input.set_file_position(position)

    def interactive(self):
        return self.input.interactive()

    def describe(self):
        from .printer import prin1_to_string
        return "#<%s :INPUT-STREAM %s :OUTPUT-STREAM %s>" % (
            self.lisp_class, prin1_to_string(self.input), prin1_to_string(self.output))


class SynonymStream(LispStream):
    """Every operation goes to the current value of SYMBOL
    (MAKE-SYNONYM-STREAM). Closing it closes only the synonym."""
    __slots__ = ("symbol",)
    lisp_class = "SYNONYM-STREAM"

    def __init__(self, symbol: Symbol):
        self.symbol = symbol
        super().__init__("io")

    def target(self) -> LispStream:
        value = symbol_value(self.symbol)
        if value is UNBOUND:
            raise LispError("UNBOUND-VARIABLE", {"NAME": self.symbol})
        stream = as_stream(value)
        if stream is None:
            raise type_error(value, cl_sym("STREAM"))
        return stream

    def _open_target(self) -> LispStream:
        self.check_open()
        return self.target()

    @property
    def column(self):
        if not self.open:
            return 0
        return self.target().column

    @column.setter
    def column(self, value):
        # Set by LispStream.__init__ before any target matters; afterwards
        # a synonym stream has no column of its own.
        pass

    def write(self, s: str):
        self._open_target().write(s)

    def fresh_line(self) -> bool:
        return self._open_target().fresh_line()

    def write_byte(self, byte: int):
        self._open_target().write_byte(byte)

    def read_char(self):
        return self._open_target().read_char()

    def read_char_no_hang(self):
        return self._open_target().read_char_no_hang()

    def unread_char(self, c: str):
        self._open_target().unread_char(c)

    def peek(self):
        return self._open_target().peek()

    def read_byte(self):
        return self._open_target().read_byte()

    def listen(self) -> bool:
        return self._open_target().listen()

    def clear_input(self):
        self._open_target().clear_input()

    def finish(self):
        self._open_target().finish()

    def force(self):
        self._open_target().force()

    def clear_output(self):
        self._open_target().clear_output()

    def input_p(self) -> bool:
        return self.open and self.target().input_p()

    def output_p(self) -> bool:
        return self.open and self.target().output_p()

    def stream_element_type(self):
        return self._open_target().stream_element_type()

    def external_format(self):
        return self._open_target().external_format()

    def file_position(self):
        return self._open_target().file_position()

    def set_file_position(self, position):
        return self._open_target().set_file_position(position)

    def file_string_length(self, s: str):
        return self._open_target().file_string_length(s)

    def interactive(self):
        return self._open_target().interactive()

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
        if stream.open:
            try:
                stream.finish()
            except LispError:
                pass        # nowhere to report it: the console itself failed


_DESIGNATOR = lisp_list(cl_sym("OR"), cl_sym("STREAM"), cl_sym("BOOLEAN"))


def stream_value(variable: Symbol) -> LispStream:
    """The stream the value of VARIABLE (*STANDARD-OUTPUT* ...) is; a Gray
    stream instance as its adapter."""
    value = symbol_value(variable)
    if isinstance(value, LispStream):
        return value
    stream = as_stream(value)
    if stream is None:
        raise type_error(value, cl_sym("STREAM"))
    return stream


def _designated(designator, default: Symbol) -> LispStream:
    """The stream a stream designator names (CLHS 21.1.1.1.2): NIL is
    DEFAULT's value, T *TERMINAL-IO*'s."""
    if isinstance(designator, LispStream):
        return designator
    if designator is NIL:
        return stream_value(default)
    if designator is T:
        return stream_value(TERMINAL_IO)
    stream = as_stream(designator)
    if stream is None:
        raise type_error(designator, _DESIGNATOR)
    return stream


def output_stream(designator) -> LispStream:
    """The stream an output stream designator names."""
    return _designated(designator, STANDARD_OUTPUT)


def input_stream(designator) -> LispStream:
    """The stream an input stream designator names."""
    return _designated(designator, STANDARD_INPUT)


install_console_streams()

"""Streams made of other streams (CLHS 21.1.1.1.3): broadcast, concatenated
and echo streams. Two-way and synonym streams, which the standard stream
variables are made of, are in stdstreams.py.

Closing a compound stream closes only it, never its components, as in
SBCL. Their column, element type and position are those SBCL reports: a
broadcast stream's are its last component's, a concatenated stream's its
current component's.
"""
from __future__ import annotations

from .objects import NIL, T, keyword
from .stdstreams import TwoWayStream
from .streams import LispStream

__all__ = ["BroadcastStream", "ConcatenatedStream", "EchoStream"]


class BroadcastStream(LispStream):
    """Output goes to every one of STREAMS; with none it is discarded."""
    __slots__ = ("streams",)
    lisp_class = "BROADCAST-STREAM"

    def __init__(self, streams: list):
        self.streams = list(streams)
        super().__init__("output")

    @property
    def column(self):
        # SBCL's broadcast stream is at its first component's column.
        return self.streams[0].column if self.streams else 0

    @column.setter
    def column(self, value):
        pass

    def write(self, s: str):
        self.check_open()
        for stream in self.streams:
            stream.write(s)

    def fresh_line(self) -> bool:
        self.check_open()
        if self.column != 0:
            self.write("\n")
            return True
        return False

    def write_byte(self, byte: int):
        self.check_open()
        for stream in self.streams:
            stream.write_byte(byte)

    def _read_char(self):
        from .streams import wrong_stream_error
        raise wrong_stream_error(self, "character input")

    def finish(self):
        self.check_open()
        for stream in self.streams:
            stream.finish()

    def force(self):
        self.check_open()
        for stream in self.streams:
            stream.force()

    def clear_output(self):
        self.check_open()
        for stream in self.streams:
            stream.clear_output()

    def stream_element_type(self):
        self.check_open()
        return self.streams[-1].stream_element_type() if self.streams else T

    def external_format(self):
        self.check_open()
        return self.streams[-1].external_format() if self.streams else keyword("DEFAULT")

    def file_position(self):
        self.check_open()
        return self.streams[-1].file_position() if self.streams else 0

    def set_file_position(self, position):
        self.check_open()
        result = NIL
        for stream in self.streams:
            result = stream.set_file_position(position)
        return result

    def file_string_length(self, s: str):
        # SBCL's answer for a broadcast stream with no components is 1.
        self.check_open()
        return self.streams[-1].file_string_length(s) if self.streams else 1

    def describe(self):
        return "#<BROADCAST-STREAM>"


class ConcatenatedStream(LispStream):
    """Input from each of STREAMS in turn; a component is dropped from
    ``streams`` once it is at end of file."""
    __slots__ = ("streams",)
    lisp_class = "CONCATENATED-STREAM"

    def __init__(self, streams: list):
        self.streams = list(streams)
        super().__init__("input")

    def _read_char(self):
        while self.streams:
            c = self.streams[0].read_char()
            if c is not None:
                return c
            self.streams.pop(0)
        return None

    def read_char_no_hang(self):
        self.check_open()
        if self.unread:
            return self.read_char()
        while self.streams:
            c = self.streams[0].read_char_no_hang()
            if c is not None:
                return c
            self.streams.pop(0)
        return None

    def read_byte(self):
        self.check_open()
        while self.streams:
            b = self.streams[0].read_byte()
            if b is not None:
                return b
            self.streams.pop(0)
        return None

    def listen(self) -> bool:
        self.check_open()
        if self.unread:
            return True
        while self.streams:
            first = self.streams[0]
            if first.listen():
                return True
            c = first.read_char_no_hang()
            if c == "":
                return False
            if c is not None:
                first.unread_char(c)
                return True
            self.streams.pop(0)
        return False

    def stream_element_type(self):
        self.check_open()
        return self.streams[0].stream_element_type() if self.streams else NIL

    def file_position(self):
        self.check_open()
        if not self.streams:
            return None
        p = self.streams[0].file_position()
        return None if p is None else p - len(self.unread)

    def describe(self):
        from .printer import prin1_to_string
        from .objects import lisp_list
        return "#<CONCATENATED-STREAM :STREAMS %s>" % prin1_to_string(lisp_list(*self.streams))


class EchoStream(TwoWayStream):
    """A two-way stream that writes to its output every character read from
    its input. Characters given back with UNREAD-CHAR are not echoed a
    second time; a peeked character is echoed when it is read."""
    __slots__ = ()
    lisp_class = "ECHO-STREAM"

    def read_char(self):
        self.check_open()
        if self.unread:
            c = self.unread.pop()
        else:
            c = self.input.read_char()
            if c is not None:
                self.output.write(c)
        if c == "\n":
            self.line += 1
        return c

    def read_char_no_hang(self):
        self.check_open()
        if self.unread:
            return self.read_char()
        c = self.input.read_char_no_hang()
        if c:
            self.output.write(c)
        return c

    def unread_char(self, c: str):
        self.check_open()
        if c == "\n":
            self.line -= 1
        self.unread.append(c)

    def peek(self):
        self.check_open()
        if self.unread:
            return self.unread[-1]
        return self.input.peek()

    def read_byte(self):
        self.check_open()
        b = self.input.read_byte()
        if b is not None:
            self.output.write_byte(b)
        return b

    def listen(self) -> bool:
        self.check_open()
        return bool(self.unread) or self.input.listen()

    def clear_input(self):
        self.check_open()
        self.unread.clear()
        self.input.clear_input()

    def file_position(self):
        self.check_open()
        p = self.input.file_position()
        return None if p is None else p - len(self.unread)

    def set_file_position(self, position):
        self.check_open()
        self.unread.clear()
        return self.input.set_file_position(position)


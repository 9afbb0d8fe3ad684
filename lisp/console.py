"""Reading standard input without stopping the other processes (SPEC 3:
reading input blocks only the calling process).

The command line reads file descriptor 0 through one ``ConsoleInput``: a
byte buffer the interpreter fills itself (os.read when select says data is
there), instead of Python's sys.stdin, whose reads block the whole
interpreter. The piped REPL takes its forms from the same buffer, so a
program reading *STANDARD-INPUT* gets exactly the text after the form.

A reading primitive (READ-LINE, READ-CHAR, READ, READ-BYTE, ...) runs
"armed": if it needs input that has not arrived, the console raises
``NeedInput`` before anything is lost; the buffer is rewound to where the
primitive started, and the process blocks (runtime/waiting.py) until input
arrives, when the primitive is called again with the same arguments. It is
one step either way: a primitive never sees half of what it read. While a
process waits, the scheduler looks at the descriptor after each slice, and
when every process is blocked it sleeps in select() on it (and the timers).

Reads that cannot be retried this way read as before, stopping everything
until the input comes: reads inside a nested evaluation (a reader macro, a
Gray stream method, a print method), and an embedded interpreter, which
never uses ``ConsoleInput`` (the host program owns sys.stdin).
"""
from __future__ import annotations

import os
import select
from collections import deque

__all__ = ["ConsoleInput", "NeedInput", "enable", "active", "read_or_wait", "install"]


class NeedInput(BaseException):
    """Raised by an armed console read that would have to wait. A
    BaseException so that no ``except Exception`` in between takes it."""


class ConsoleInput:
    """File descriptor FD's bytes: ``buf[pos:]`` not yet read."""

    def __init__(self, fd: int):
        self.fd = fd
        self.buf = bytearray()
        self.pos = 0
        self.eof = False
        self.line = 1              # for reader error positions
        self.last = 0              # byte length of the last character read (UNREAD-CHAR)
        self.armed = False         # inside a primitive that can wait and retry
        self.waiters: deque = deque()   # processes blocked until input arrives
        self.repl_waiting = False  # the piped REPL waits for its next form
        self.paused = False        # the terminal REPL's prompt owns the terminal
        try:
            self.tty = os.isatty(fd)
        except OSError:
            self.tty = False

    # -- filling
    def ready(self) -> bool:
        """Can os.read return without waiting (data or end of file)?"""
        try:
            return bool(select.select([self.fd], [], [], 0)[0])
        except (OSError, ValueError):
            return True

    def fill(self, block=False) -> bool:
        """Read what the descriptor has (waiting for it if BLOCK). False
        when nothing was read (not ready, or end of file)."""
        if self.eof:
            return False
        if not block and not self.ready():
            return False
        if block:
            try:
                select.select([self.fd], [], [])
            except (OSError, ValueError):
                pass
        try:
            data = os.read(self.fd, 65536)
        except BlockingIOError:
            return False
        except OSError:
            data = b""
        if not data:
            self.eof = True
            return False
        if self.pos and not self.armed:
            del self.buf[:self.pos]
            self.pos = 0
        self.buf += data
        return True

    def wants_input(self) -> bool:
        return (bool(self.waiters) or self.repl_waiting) and not self.paused

    def _more(self) -> bool:
        """More bytes are needed: read them, or raise NeedInput when armed
        and none are there yet. False at end of file."""
        if self.eof:
            return False
        if self.ready():
            return self.fill() or not self.eof
        if self.armed:
            raise NeedInput()
        return self.fill(block=True) or not self.eof

    def _at_eof(self):
        """End of file was read. A terminal's end of file (Ctrl-D) is one
        event: the next read waits for more typing."""
        if self.tty:
            self.eof = False
        return None

    # -- the armed state
    def snapshot(self):
        return self.pos, self.line, self.last

    def rewind(self, snap):
        self.pos, self.line, self.last = snap

    # -- reading
    def read_char(self):
        """The next character, or None at end of file."""
        buf = self.buf
        while True:
            pos = self.pos
            if pos < len(buf):
                b = buf[pos]
                if b < 0x80:
                    self.pos = pos + 1
                    self.last = 1
                    if b == 10:
                        self.line += 1
                    return chr(b)
                n = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
                if b < 0xC2 or b > 0xF4:            # cannot start a character
                    n = 1
                if pos + n <= len(buf) or self.eof:
                    chunk = bytes(buf[pos:pos + n])
                    text = chunk.decode("utf-8", "replace")
                    if len(text) != 1:          # not one valid character
                        text, n = "\ufffd", 1
                    self.pos = pos + n
                    self.last = n
                    return text
            if not self._more():
                if self.pos < len(buf):
                    continue
                return self._at_eof()

    def unread_char(self, c: str):
        self.pos -= self.last if self.last else len(c.encode("utf-8"))
        self.last = 0
        if c == "\n":
            self.line -= 1

    def peek_char(self):
        c = self.read_char()
        if c is not None:
            self.unread_char(c)
        return c

    def read_line(self):
        """(line, missing_newline_p), or (None, True) at end of file."""
        scan = self.pos
        while True:
            buf = self.buf
            i = buf.find(b"\n", scan)
            if i >= 0:
                text = buf[self.pos:i].decode("utf-8", "replace")
                self.pos = i + 1
                self.last = 1
                self.line += 1
                return text, False
            scanned = len(buf) - self.pos
            if not self._more():
                buf = self.buf
                if self.pos < len(buf):
                    text = buf[self.pos:].decode("utf-8", "replace")
                    self.pos = len(buf)
                    self.last = 0
                    return text, True
                return self._at_eof(), True
            scan = self.pos + scanned      # fill() may have compacted the buffer

    def read_byte(self):
        while self.pos >= len(self.buf):
            if not self._more():
                return self._at_eof()
        b = self.buf[self.pos]
        self.pos += 1
        self.last = 0
        return b

    def listen(self) -> bool:
        if self.pos < len(self.buf):
            return True
        if self.eof or self.paused:
            return False
        self.fill()
        return self.pos < len(self.buf)

    def clear_input(self):
        """Drop what is buffered and what is typed ahead (all available)."""
        self.pos = len(self.buf)
        self.last = 0
        while not self.eof and self.fill():
            self.pos = len(self.buf)

    def line_ready(self) -> bool:
        """Would READ-LINE return without waiting (a whole line, or the
        end of file, is there)? Reads what has arrived, without waiting."""
        if self.buf.find(b"\n", self.pos) >= 0 or self.eof:
            return True
        self.fill()
        return self.buf.find(b"\n", self.pos) >= 0 or self.eof

    def take_unread(self) -> str:
        """What is buffered and not read yet, removed from the buffer."""
        rest = bytes(self.buf[self.pos:]).decode("utf-8", "replace")
        del self.buf[:]
        self.pos = 0
        self.last = 0
        return rest

    def push_back(self, text: str):
        """Put TEXT before what is buffered, to be read first."""
        del self.buf[:self.pos]
        self.pos = 0
        self.last = 0
        self.buf[0:0] = text.encode("utf-8")


_ACTIVE: ConsoleInput | None = None


def enable(fd: int = 0) -> ConsoleInput | None:
    """Read FD through a ConsoleInput from now on (the command line does
    this; an embedded interpreter does not). None when FD is not usable."""
    global _ACTIVE
    try:
        os.fstat(fd)
    except OSError:
        return None
    if _ACTIVE is None or _ACTIVE.fd != fd:
        _ACTIVE = ConsoleInput(fd)
    return _ACTIVE


def active() -> ConsoleInput | None:
    return _ACTIVE


# ---------------------------------------------------------------- primitives
WHAT = "input from standard input"


def read_or_wait(m, wait, fn, args):
    """FN(*ARGS), a read that may consume console input, inside a step of
    the running process. If it needs input that has not arrived, the
    console is rewound to where FN started and the process blocks (this
    raises SwitchProcess) with WAIT, a runtime.waiting.Wait whose attempt
    calls FN again (None: one that calls FN with ARGS and returns its
    value). Inside a nested evaluation, or with no ConsoleInput, FN simply
    waits in place. This runs for every READ-CHAR of every stream: it
    allocates nothing unless the process blocks."""
    con = _ACTIVE
    if con is None or m.nested or m.proc is None or m.scheduler is None:
        if con is not None and con.armed:
            con.armed = False
            try:
                return fn(*args)
            finally:
                con.armed = True
        return fn(*args)
    snap = con.snapshot()
    con.armed = True
    try:
        return fn(*args)
    except NeedInput:
        from runtime.waiting import block_on
        con.rewind(snap)
        m.scheduler.console = con
        block_on(m, _wait(fn, args) if wait is None else wait, con.waiters)
    finally:
        con.armed = False


def input_primitive(prim):
    """Make the Primitive PRIM (a reading function) wait for console input
    by blocking its process only. PRIM becomes a control primitive, never
    inlined, so a retry calls exactly it again with the same arguments."""
    if prim.kind != "simple":
        raise TypeError(f"{prim.name} is not a simple primitive")
    fn = prim.fn

    def call(m, args):
        m.value = read_or_wait(m, None, fn, args)
        m.node = None

    prim.fn = call
    prim.kind = "control"
    return prim


def _wait(fn, args):
    from runtime.waiting import Wait
    return Wait(_retry, WHAT, data=(fn, args))


def _retry(m, w):
    fn, args = w.data
    m.value = read_or_wait(m, w, fn, args)
    m.node = None


INPUT_PRIMITIVES = ("READ-CHAR", "PEEK-CHAR", "READ-LINE", "READ", "READ-PRESERVING-WHITESPACE",
                    "READ-DELIMITED-LIST", "READ-BYTE", "READ-SEQUENCE")


def install():
    """At boot, before any code is analysed (simple primitives are inlined
    into the nodes that call them)."""
    from .objects import cl_sym
    for name in INPUT_PRIMITIVES:
        input_primitive(cl_sym(name).fn)

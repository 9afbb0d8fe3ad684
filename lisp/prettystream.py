"""The pretty printer's line breaker: Waters' XP algorithm as SBCL
implements it (src/code/pprint.lisp), on a stream that sits in front of the
real one.

A ``PrettyStream`` buffers the text of the current line(s) together with a
queue of pending operations, each at a position in the text: logical block
starts and ends, conditional newlines, indentation changes and tabs. An
operation is decided as soon as the text decides it: a block or a section
(the text up to the next newline of the same or an outer block) fits when
its end is known to lie within the line length, and does not fit as soon as
the buffered text runs past the line length. Undecided operations wait in
the queue; ``force_output`` decides the rest and writes what remains.

Positions (``posn``) count characters written to the stream since it was
made; ``offset`` is the position of the first buffered character, so a
position's index in the buffer is ``posn - offset``.

Rules the rest of the system relies on:
- Text reaches the target only through ``output_line`` and
  ``force_output``; until then it can still move to a new line.
- When *PRINT-LINES* lines have been written the stream writes " .." and
  the suffixes of the open blocks, becomes ``dead``, and ignores everything
  after (SBCL throws to the printer's top instead; a dead stream lets Lisp
  code inside a logical block run on without output).
- A ``PrettyStream`` is made for one top-level print (or one logical block
  printed on an ordinary stream) and discarded after ``force_output``.
"""
from __future__ import annotations

from .dynamic import symbol_value
from .objects import NIL, cl_sym
from .streams import LispStream

__all__ = ["PrettyStream", "LINEAR", "FILL", "MISER", "MANDATORY", "LITERAL",
           "BLOCK", "CURRENT", "DEFAULT_LINE_LENGTH"]

LINEAR, FILL, MISER, MANDATORY, LITERAL = "linear", "fill", "miser", "mandatory", "literal"
BLOCK, CURRENT = "block", "current"
DEFAULT_LINE_LENGTH = 80

_PRINT_MISER_WIDTH = cl_sym("*PRINT-MISER-WIDTH*")
_PRINT_RIGHT_MARGIN = cl_sym("*PRINT-RIGHT-MARGIN*")
_PRINT_LINES = cl_sym("*PRINT-LINES*")
_PRINT_READABLY = cl_sym("*PRINT-READABLY*")
_DONT_KNOW = None      # fits_on_line's third answer


# ---------------------------------------------------------------- queued operations
class _Op:
    __slots__ = ("posn",)


class _SectionStart(_Op):
    """A newline or block start: the section it starts ends at the next
    newline enqueued at the same or a shallower depth."""
    __slots__ = ("depth", "section_end")


class _Newline(_SectionStart):
    __slots__ = ("kind",)

    def __init__(self, posn, depth, kind):
        self.posn = posn
        self.depth = depth
        self.section_end = None
        self.kind = kind


class _BlockStart(_SectionStart):
    __slots__ = ("block_end", "prefix", "suffix")

    def __init__(self, posn, depth, prefix, suffix):
        self.posn = posn
        self.depth = depth
        self.section_end = None
        self.block_end = None
        self.prefix = prefix            # the per-line prefix, or None
        self.suffix = suffix


class _BlockEnd(_Op):
    __slots__ = ("suffix",)

    def __init__(self, posn, suffix):
        self.posn = posn
        self.suffix = suffix


class _Indentation(_Op):
    __slots__ = ("kind", "amount")

    def __init__(self, posn, kind, amount):
        self.posn = posn
        self.kind = kind
        self.amount = amount


class _Tab(_Op):
    __slots__ = ("sectionp", "relativep", "colnum", "colinc")

    def __init__(self, posn, sectionp, relativep, colnum, colinc):
        self.posn = posn
        self.sectionp = sectionp
        self.relativep = relativep
        self.colnum = colnum
        self.colinc = colinc


class _LogicalBlock:
    """A block that has been started on the output (it did not fit)."""
    __slots__ = ("start_column", "section_column", "per_line_prefix_end",
                 "prefix_length", "suffix_length", "section_start_line")

    def __init__(self, start_column, per_line_prefix_end, prefix_length, suffix_length,
                 section_start_line):
        self.start_column = start_column
        self.section_column = start_column
        self.per_line_prefix_end = per_line_prefix_end   # indentation never goes left of it
        self.prefix_length = prefix_length               # per-line prefixes + indentation
        self.suffix_length = suffix_length               # this block's and its parents'
        self.section_start_line = section_start_line


def _tab_size(tab: _Tab, section_start: int, column: int) -> int:
    """How many spaces TAB inserts at COLUMN (CLHS PPRINT-TAB)."""
    origin = section_start if tab.sectionp else 0
    colnum, colinc = tab.colnum, tab.colinc
    position = column - origin
    if tab.relativep:
        if colinc > 1:
            rem = (position + colnum) % colinc
            if rem:
                colnum += colinc - rem
        return colnum
    if position < colnum:
        return colnum - position
    if colinc == 0:
        return 0
    return colinc - (position - colnum) % colinc


def right_margin(target: LispStream | None = None) -> int:
    """The line length a pretty stream made now on TARGET uses:
    *PRINT-RIGHT-MARGIN*, else TARGET's own (a Gray stream's
    STREAM-LINE-LENGTH), else 80."""
    margin = symbol_value(_PRINT_RIGHT_MARGIN)
    if type(margin) is int and margin >= 0:
        return margin
    own = target.stream_line_length() if target is not None else None
    return own if own is not None else DEFAULT_LINE_LENGTH


# ---------------------------------------------------------------- the stream
class PrettyStream(LispStream):
    """A stream that line-breaks what is written to it into TARGET.

    Writes and the operations ``start_block``, ``end_block``, ``newline``,
    ``indent`` and ``tab`` must come in the order they apply to the text;
    blocks must nest. Call ``force_output`` once at the end."""
    __slots__ = ("target", "line_length", "print_lines", "readably", "chunks", "fill",
                 "offset", "start_column", "line_number", "blocks", "prefix", "suffix",
                 "queue", "qhead", "tabs", "pending", "dead")
    lisp_class = "SB-PRETTY:PRETTY-STREAM"

    def __init__(self, target: LispStream):
        super().__init__("output")
        self.target = target
        self.line_length = right_margin(target)
        lines = symbol_value(_PRINT_LINES)
        self.print_lines = lines if type(lines) is int and lines >= 0 else None
        self.readably = symbol_value(_PRINT_READABLY) is not NIL
        self.chunks: list[str] = []     # the buffer, joined on demand
        self.fill = 0                   # buffer length
        self.offset = 0                 # posn of buffer index 0
        self.start_column = target.column or 0   # column of buffer index 0
        self.line_number = 0
        self.blocks = [_LogicalBlock(0, 0, 0, 0, 0)]
        self.prefix: list[str] = []     # the current line prefix, first prefix_length chars
        self.suffix: list[str] = []     # open blocks' suffixes, outermost first, reversed
        self.queue: list[_Op] = []
        self.qhead = 0                  # queue[:qhead] is done
        self.tabs = 0                   # tabs in queue[qhead:]
        self.pending: list[_BlockStart] = []   # blocks begun and not yet ended
        self.dead = False

    def describe(self):
        return "#<SB-PRETTY:PRETTY-STREAM>"

    # -- the column, as FRESH-LINE and ~T see it
    @property
    def column(self):
        return self.index_column(self.fill)

    @column.setter
    def column(self, value):
        pass

    # -- text
    def write(self, s: str):
        if not s or self.dead:
            return
        if "\n" not in s:
            self.chunks.append(s)
            self.fill += len(s)
            return
        lines = s.split("\n")
        for i, line in enumerate(lines):
            if i:
                self.enqueue_newline(LITERAL)
                if self.dead:
                    return
            if line:
                self.chunks.append(line)
                self.fill += len(line)

    def text(self) -> str:
        """The buffer as one string."""
        chunks = self.chunks
        if len(chunks) != 1:
            joined = "".join(chunks)
            self.chunks = [joined] if joined else []
            return joined
        return chunks[0]

    def set_text(self, text: str):
        self.chunks = [text] if text else []
        self.fill = len(text)

    def posn(self) -> int:
        return self.offset + self.fill

    # -- operations
    def start_block(self, prefix: str | None, per_line: bool, suffix: str):
        """Begin a logical block: write PREFIX (a per-line prefix when
        PER_LINE); SUFFIX is written by the matching ``end_block``."""
        if self.dead:
            return
        if prefix:
            self.write(prefix)
        start = _BlockStart(self.posn(), len(self.pending), prefix if per_line else None,
                            suffix)
        self.queue.append(start)
        self.pending.append(start)

    def end_block(self):
        if self.dead:
            return
        start = self.pending.pop()
        end = _BlockEnd(self.posn(), start.suffix)
        self.queue.append(end)
        if start.suffix:
            self.write(start.suffix)
        start.block_end = end

    def newline(self, kind: str):
        """A conditional newline of KIND (LINEAR FILL MISER MANDATORY)."""
        if not self.dead:
            self.enqueue_newline(kind)

    def indent(self, kind: str, amount: int):
        """PPRINT-INDENT: KIND is BLOCK or CURRENT."""
        if not self.dead:
            self.queue.append(_Indentation(self.posn(), kind, amount))

    def tab(self, kind: str, colnum: int, colinc: int):
        """PPRINT-TAB: KIND is line, section, line-relative or section-relative."""
        if self.dead:
            return
        self.queue.append(_Tab(self.posn(), kind.startswith("section"),
                               kind.endswith("relative"), colnum, colinc))
        self.tabs += 1

    def enqueue_newline(self, kind: str):
        depth = len(self.pending)
        newline = _Newline(self.posn(), depth, kind)
        queue = self.queue
        for i in range(self.qhead, len(queue)):
            op = queue[i]
            if (isinstance(op, _SectionStart) and op.section_end is None
                    and depth <= op.depth):
                op.section_end = newline
        queue.append(newline)
        self.maybe_output(kind is LITERAL or kind is MANDATORY)

    # -- deciding
    def maybe_output(self, force_newlines: bool) -> bool:
        """Decide and carry out the queued operations that can be decided
        now; FORCE_NEWLINES decides undecidable sections as not fitting.
        True when a line was output."""
        queue = self.queue
        output_anything = False
        while self.qhead < len(queue):
            op = queue[self.qhead]
            t = type(op)
            if t is _Newline:
                kind = op.kind
                if kind is FILL:
                    if (self.misering()
                            or self.line_number > self.blocks[-1].section_start_line):
                        brk = True
                    else:
                        fits = self.fits_on_line(op.section_end, force_newlines)
                        if fits is _DONT_KNOW:
                            break
                        brk = not fits
                elif kind is MISER:
                    brk = self.misering()
                else:
                    brk = True
                if brk:
                    output_anything = True
                    self.output_line(op)
                    if self.dead:
                        return True
            elif t is _Indentation:
                if not self.misering():
                    base = (self.blocks[-1].start_column if op.kind is BLOCK
                            else self.posn_column(op.posn))
                    self.set_indentation(base + op.amount)
            elif t is _BlockStart:
                fits = self.fits_on_line(op.section_end, force_newlines)
                if fits is _DONT_KNOW:
                    break
                if fits:
                    # The whole block is one long literal: skip its operations.
                    end = op.block_end
                    self.expand_tabs(end)
                    i = self.qhead
                    while queue[i] is not end:
                        if type(queue[i]) is _Tab:
                            self.tabs -= 1
                        i += 1
                    self.qhead = i
                else:
                    self.start_logical_block(self.posn_column(op.posn), op.prefix, op.suffix)
            elif t is _BlockEnd:
                self.end_logical_block()
            else:
                self.expand_tabs(op)
                self.tabs -= 1
            self.qhead += 1
        if self.qhead >= len(queue):
            queue.clear()
            self.qhead = 0
        elif self.qhead > 256 and self.qhead * 2 > len(queue):
            del queue[:self.qhead]
            self.qhead = 0
        return output_anything

    def misering(self) -> bool:
        width = symbol_value(_PRINT_MISER_WIDTH)
        return (type(width) is int
                and self.line_length - self.blocks[-1].start_column <= width)

    def fits_on_line(self, until, force_newlines: bool):
        """True, False or _DONT_KNOW: does the text up to UNTIL (an op, or
        None when its section has not ended yet) fit on the line?"""
        available = self.line_length
        if (not self.readably and self.print_lines is not None
                and self.print_lines == self.line_number):
            available -= 3 + self.blocks[-1].suffix_length      # for " .." and suffixes
        if until is not None:
            return self.posn_column(until.posn) <= available
        if force_newlines:
            return False
        if self.index_column(self.fill) > available:
            return False
        return _DONT_KNOW

    def index_column(self, index: int) -> int:
        """The column buffer index INDEX will be printed at."""
        column = self.start_column
        if not self.tabs:
            return column + index
        section_start = self.blocks[-1].section_column
        end_posn = index + self.offset
        queue = self.queue
        for i in range(self.qhead, len(queue)):
            op = queue[i]
            if op.posn >= end_posn:
                break
            if type(op) is _Tab:
                column += _tab_size(op, section_start, column + op.posn - self.offset)
            elif isinstance(op, _SectionStart):
                section_start = column + op.posn - self.offset
        return column + index

    def posn_column(self, posn: int) -> int:
        return self.index_column(posn - self.offset)

    def expand_tabs(self, through):
        """Turn the tabs queued up to THROUGH (None: all) into spaces."""
        if not self.tabs:
            return
        insertions = []
        column = self.start_column
        section_start = self.blocks[-1].section_column
        queue = self.queue
        offset = self.offset
        for i in range(self.qhead, len(queue)):
            op = queue[i]
            if type(op) is _Tab:
                index = op.posn - offset
                size = _tab_size(op, section_start, column + index)
                if size:
                    insertions.append((index, size))
                    column += size
            elif isinstance(op, _SectionStart):
                section_start = column + op.posn - offset
            if op is through:
                break
        if insertions:
            text = self.text()
            pieces = []
            last = 0
            for index, size in insertions:
                pieces.append(text[last:index])
                pieces.append(" " * size)
                last = index
            pieces.append(text[last:])
            self.set_text("".join(pieces))
            self.offset -= sum(size for _, size in insertions)

    # -- blocks as they reach the output
    def start_logical_block(self, column: int, prefix: str | None, suffix: str | None):
        parent = self.blocks[-1]
        block = _LogicalBlock(column, parent.per_line_prefix_end, parent.prefix_length,
                              parent.suffix_length, self.line_number)
        self.blocks.append(block)
        self.set_indentation(column)
        if prefix:
            block.per_line_prefix_end = column
            self.prefix[column - len(prefix):column] = prefix
        if suffix:
            del self.suffix[parent.suffix_length:]
            self.suffix.extend(reversed(suffix))
            block.suffix_length = len(self.suffix)

    def set_indentation(self, column: int):
        block = self.blocks[-1]
        current = block.prefix_length
        column = max(block.per_line_prefix_end, column)
        prefix = self.prefix
        if len(prefix) < column:
            prefix.extend(" " * (column - len(prefix)))
        if column > current:
            prefix[current:column] = " " * (column - current)
        block.prefix_length = column

    def end_logical_block(self):
        old = self.blocks.pop()
        new_indent = self.blocks[-1].prefix_length
        if new_indent > old.prefix_length:
            self.prefix[old.prefix_length:new_indent] = " " * (new_indent - old.prefix_length)

    # -- output
    def output_line(self, until: _Newline):
        text = self.text()
        literal = until.kind is LITERAL
        consume = until.posn - self.offset
        line = text[:consume] if literal else text[:consume].rstrip(" ")
        target = self.target
        line_number = self.line_number + 1
        block = self.blocks[-1]
        if (not self.readably and self.print_lines is not None
                and line_number >= self.print_lines):
            n = block.suffix_length
            target.write(line + " .." + "".join(reversed(self.suffix[:n])))
            self.dead = True
            self.set_text("")
            self.queue.clear()
            self.qhead = 0
            return
        self.line_number = line_number
        target.write(line + "\n")
        self.start_column = 0
        prefix_len = block.per_line_prefix_end if literal else block.prefix_length
        self.set_text("".join(self.prefix[:prefix_len]) + text[consume:])
        self.offset += consume - prefix_len
        if not literal:
            block.section_column = prefix_len
            block.section_start_line = line_number

    def force_output(self):
        """Decide what is left and write everything out."""
        if self.dead:
            return
        self.maybe_output(False)
        if self.dead:
            return
        self.expand_tabs(None)
        text = self.text()
        self.set_text("")
        self.offset += len(text)
        self.target.write(text)

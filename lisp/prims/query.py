"""Y-OR-N-P and YES-OR-NO-P (CLHS 21): ask on *QUERY-IO* until the answer
is one of the two, as SBCL's query.lisp does: Y-OR-N-P takes one
character (dropping the rest of the input), YES-OR-NO-P a whole line."""
from __future__ import annotations

from ..dynamic import symbol_value
from ..errors import end_of_file
from ..format import format_to_stream
from ..console import WHAT, read_or_wait
from ..functions import defun
from ..objects import NIL, T, LString, cl_sym

_QUERY_IO = cl_sym("*QUERY-IO*")


def _ask(hint: str, control, args):
    """Print the question, then HINT, on *QUERY-IO*."""
    io = symbol_value(_QUERY_IO)
    io.fresh_line()
    if control is not NIL:
        format_to_stream(io, control.value if isinstance(control, LString) else control,
                         list(args))
        io.write(" ")
    io.write(hint + " ")
    io.finish()
    return io


def _clarify(io, yes: str, no: str):
    io.fresh_line()
    io.write('Please type "%s" for yes or "%s" for no.\n' % (yes, no))


def _query(m, args, one_char: bool):
    from runtime.waiting import Wait
    w = Wait(_query_attempt, WHAT, data=(args, one_char))
    if not one_char:
        io = symbol_value(_QUERY_IO)
        io.clear_input()
        io.write("\a")
    _query_attempt(m, w)


def _query_attempt(m, w):
    """Ask (phase 0), then read the answer (phase 1), waiting for it as a
    read does (lisp/console.py): a retry after the wait reads again
    without asking again."""
    args, one_char = w.data
    control = args[0] if args else NIL
    yes, no = ("y", "n") if one_char else ("yes", "no")
    while True:
        if w.phase == 0:
            io = _ask("(y or n)" if one_char else "(yes or no)", control, args[1:])
            if one_char:
                io.clear_input()
            w.phase = 1
        io = symbol_value(_QUERY_IO)
        answer = read_or_wait(m, w, _answer, (io, one_char))
        if answer == yes:
            m.value = T
            break
        if answer == no:
            m.value = NIL
            break
        _clarify(io, yes, no)
        w.phase = 0
    m.node = None


def _answer(io, one_char: bool) -> str:
    """Y-OR-N-P's character (the rest of the input dropped), YES-OR-NO-P's
    line (trimmed), in lower case."""
    if one_char:
        c = io.read_char()
        if c is None:
            raise end_of_file(io)
        io.clear_input()
        return c.lower()
    line, _ = io.read_line()
    if line is None:
        raise end_of_file(io)
    return line.strip(" \t").lower()


@defun("Y-OR-N-P", "&optional format-string &rest arguments", kind="control")
def y_or_n_p(m, args):
    """Ask a question (FORMAT-STRING and ARGUMENTS) on *QUERY-IO* and
    return true when the answer is y or Y, false when it is n or N."""
    _query(m, args, True)


@defun("YES-OR-NO-P", "&optional format-string &rest arguments", kind="control")
def yes_or_no_p(m, args):
    """Ask a question (FORMAT-STRING and ARGUMENTS) on *QUERY-IO* and
    return true when the answer line is "yes", false when it is "no" (in
    any case, around spaces and tabs). It rings the bell first."""
    _query(m, args, False)

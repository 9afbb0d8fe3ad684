"""Y-OR-N-P and YES-OR-NO-P (CLHS 21): ask on *QUERY-IO* until the answer
is one of the two, as SBCL's query.lisp does: Y-OR-N-P takes one
character (dropping the rest of the input), YES-OR-NO-P a whole line."""
from __future__ import annotations

from ..dynamic import symbol_value
from ..errors import end_of_file
from ..format import format_to_stream
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


@defun("Y-OR-N-P", "&optional format-string &rest arguments")
def y_or_n_p(format_string=NIL, *arguments):
    """Ask a question (FORMAT-STRING and ARGUMENTS) on *QUERY-IO* and
    return true when the answer is y or Y, false when it is n or N."""
    while True:
        io = _ask("(y or n)", format_string, arguments)
        io.clear_input()
        c = io.read_char()
        if c is None:
            raise end_of_file(io)
        io.clear_input()
        if c in "yY":
            return T
        if c in "nN":
            return NIL
        _clarify(io, "y", "n")


@defun("YES-OR-NO-P", "&optional format-string &rest arguments")
def yes_or_no_p(format_string=NIL, *arguments):
    """Ask a question (FORMAT-STRING and ARGUMENTS) on *QUERY-IO* and
    return true when the answer line is "yes", false when it is "no" (in
    any case, around spaces and tabs). It rings the bell first."""
    io = symbol_value(_QUERY_IO)
    io.clear_input()
    io.write("\a")
    while True:
        io = _ask("(yes or no)", format_string, arguments)
        line, _ = io.read_line()
        if line is None:
            raise end_of_file(io)
        answer = line.strip(" \t").lower()
        if answer == "yes":
            return T
        if answer == "no":
            return NIL
        _clarify(io, "yes", "no")

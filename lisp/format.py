"""FORMAT: the Lisp function and the Python entry points
``format_to_string(control, args)`` and ``format_to_stream(stream, control,
args)``.

The interpreter follows SBCL's (target-format.lisp) directive by directive;
it is split into format_parse.py (control strings), format_core.py (the
interpreter's state and argument handling), format_directives.py and
format_control.py (the directives), format_float.py (~F ~E ~G ~$ digits) and
format_words.py (~R in words and Roman numerals).

Pretty-printing directives (~<...~:>, ~_, ~I, ~:T) are approximated: a
logical block prints its prefix, body and suffix, and only mandatory
newlines (~:@_) break lines.
"""
from __future__ import annotations

from . import format_control, format_directives  # noqa: F401  (register the directives)
from .errors import LispError, lisp_error
from .format_core import ArgCursor, Formatter, SB_FORMAT
from .format_parse import FormatError
from .functions import defun
from .gray_adapter import as_stream
from .objects import NIL, T, Cons, LString, cl_sym, lisp_list
from .streams import FillPointerOutputStream, LispStream, StringOutputStream
from .conditions import condition_class, report_simple
from .stdstreams import stream_value

# SBCL's class for errors in a control string; its report is the message
# with SBCL's caret line, built by format_parse.FormatError.report().
condition_class("SB-FORMAT:FORMAT-ERROR", ["ERROR"],
                [("FORMAT-CONTROL", "FORMAT-CONTROL"), ("FORMAT-ARGUMENTS", "FORMAT-ARGUMENTS")],
                report_simple)

__all__ = ["format_to_string", "format_to_stream", "lisp_format", "SB_FORMAT"]

_STANDARD_OUTPUT = cl_sym("*STANDARD-OUTPUT*")
_DESTINATION_TYPES = lisp_list(cl_sym("NULL"), cl_sym("STRING"),
                               lisp_list(cl_sym("MEMBER"), T), cl_sym("STREAM"))


def format_to_stream(stream: LispStream, control, args: list):
    """Write CONTROL (a str, an LString or a Lisp function) applied to the
    Lisp objects ARGS on STREAM, as (FORMAT STREAM CONTROL . ARGS) does.
    Errors in the control string signal SB-FORMAT:FORMAT-ERROR."""
    cursor = ArgCursor(list(args))
    try:
        Formatter().run(stream, control, cursor, cursor)
    except FormatError as e:
        raise lisp_error("SB-FORMAT:FORMAT-ERROR", "~A", LString(e.report()))


def format_to_string(control, args: list) -> str:
    """(FORMAT NIL CONTROL . ARGS) as a Python str."""
    out = StringOutputStream()
    format_to_stream(out, control, args)
    return out.getvalue()


@defun("FORMAT", "destination control-string &rest format-arguments")
def lisp_format(destination, control, *args):
    """Provides various facilities for formatting output.
  CONTROL-STRING contains a string to be output, possibly with embedded
  directives, which are flagged with the escape character "~". Directives
  generally expand into additional text to be output, usually consuming one
  or more of the FORMAT-ARGUMENTS in the process.

  DESTINATION controls where the result will go. If DESTINATION is T, then
  the output is sent to the standard output stream. If it is NIL, then the
  output is returned in a string as the value of the call. If it is a string
  with a fill pointer, the output is added to its end. Otherwise,
  DESTINATION must be a stream to which the output will be sent."""
    if destination is NIL:
        return LString(format_to_string(control, list(args)))
    if destination is T:
        format_to_stream(stream_value(_STANDARD_OUTPUT), control, list(args))
        return NIL
    stream = as_stream(destination)
    if stream is not None:
        format_to_stream(stream, control, list(args))
        return NIL
    if type(destination) is LString:
        if destination.fill_pointer is None:
            raise lisp_error("SIMPLE-ERROR", "~S is not a string with a fill-pointer", destination)
        out = FillPointerOutputStream(destination)
        text = destination.value
        out.column = len(text) - text.rfind("\n") - 1
        format_to_stream(out, control, list(args))
        return NIL
    raise LispError("SYS::CASE-FAILURE", {
        "DATUM": destination, "EXPECTED-TYPE": Cons(cl_sym("OR"), _DESTINATION_TYPES),
        "NAME": cl_sym("ETYPECASE"), "POSSIBILITIES": _DESTINATION_TYPES})

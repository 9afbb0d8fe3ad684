"""The printing functions of CLHS 22.4 and the character output functions of
21.2: PRIN1 PRINC PRINT PPRINT WRITE and the -TO-STRING variants, TERPRI,
FRESH-LINE, WRITE-STRING, WRITE-LINE, WRITE-CHAR, FINISH-OUTPUT,
FORCE-OUTPUT, CLEAR-OUTPUT. Stream arguments are output stream designators
(NIL: *STANDARD-OUTPUT*, T: *TERMINAL-IO*)."""
from __future__ import annotations

from ..errors import LispError, type_error
from ..functions import defun
from ..objects import NIL, NO_VALUES, T, Char, LString, cl_sym, lisp_list
from ..printer import printer_bindings, write_object, write_to_string
from ..stdstreams import output_stream

_WRITE_KEYS = ("array base case circle escape gensym length level lines miser-width "
               "pprint-dispatch pretty radix readably right-margin")


def _supplied(**keys) -> dict:
    """The WRITE keyword arguments actually given, as printer_bindings
    keywords (``right_margin`` ...), Lisp values kept as they are."""
    return {name: value for name, value in keys.items() if value is not None}


def _bind_lisp(keys: dict):
    """printer_bindings for Lisp values (NIL stays NIL, integers stay)."""
    escape = keys.pop("escape", None)
    return printer_bindings(escape, **keys)


@defun("WRITE", "object &key stream " + _WRITE_KEYS)
def lisp_write(object, stream=NIL, array=None, base=None, case=None, circle=None,
               escape=None, gensym=None, length=None, level=None, lines=None,
               miser_width=None, pprint_dispatch=None, pretty=None, radix=None,
               readably=None, right_margin=None):
    """Output OBJECT to the specified stream, defaulting to *STANDARD-OUTPUT*."""
    out = output_stream(stream)
    with _bind_lisp(_supplied(array=array, base=base, case=case, circle=circle,
                              escape=escape, gensym=gensym, length=length, level=level,
                              lines=lines, miser_width=miser_width,
                              pprint_dispatch=pprint_dispatch, pretty=pretty, radix=radix,
                              readably=readably, right_margin=right_margin)):
        write_object(object, out)
    return object


@defun("WRITE-TO-STRING", "object &key " + _WRITE_KEYS)
def lisp_write_to_string(object, array=None, base=None, case=None, circle=None,
                         escape=None, gensym=None, length=None, level=None, lines=None,
                         miser_width=None, pprint_dispatch=None, pretty=None, radix=None,
                         readably=None, right_margin=None):
    """Return the printed representation of OBJECT as a string."""
    with _bind_lisp(_supplied(array=array, base=base, case=case, circle=circle,
                              escape=escape, gensym=gensym, length=length, level=level,
                              lines=lines, miser_width=miser_width,
                              pprint_dispatch=pprint_dispatch, pretty=pretty, radix=radix,
                              readably=readably, right_margin=right_margin)):
        return LString(write_to_string(object))


@defun("PRIN1", "object &optional stream")
def prin1(object, stream=NIL):
    """Output a mostly READable printed representation of OBJECT on the
    specified STREAM."""
    write_object(object, output_stream(stream), escape=T)
    return object


@defun("PRINC", "object &optional stream")
def princ(object, stream=NIL):
    """Output an aesthetic but not necessarily READable printed
    representation of OBJECT on the specified STREAM."""
    write_object(object, output_stream(stream), escape=NIL, readably=NIL)
    return object


@defun("PRINT", "object &optional stream")
def lisp_print(object, stream=NIL):
    """Output a newline, the mostly READable printed representation of
    OBJECT, and space to the specified STREAM."""
    out = output_stream(stream)
    out.terpri()
    write_object(object, out, escape=T)
    out.write(" ")
    return object


@defun("PPRINT", "object &optional stream", mv=True)
def pprint(object, stream=NIL):
    """Prettily output OBJECT preceded by a newline."""
    out = output_stream(stream)
    out.terpri()
    write_object(object, out, escape=T, pretty=T)
    return NO_VALUES


@defun("PRIN1-TO-STRING", "object")
def prin1_to_string(object):
    """Return the printed representation of OBJECT as a string with
    slashification on."""
    return LString(write_to_string(object, escape=T))


@defun("PRINC-TO-STRING", "object")
def princ_to_string(object):
    """Return the printed representation of OBJECT as a string with
    slashification off."""
    return LString(write_to_string(object, escape=NIL, readably=NIL))


@defun("TERPRI", "&optional stream")
def terpri(stream=NIL):
    """Output a newline to STREAM."""
    output_stream(stream).terpri()
    return NIL


@defun("FRESH-LINE", "&optional stream")
def fresh_line(stream=NIL):
    """Output a newline to STREAM unless it is at the start of a line;
    true when a newline was written."""
    return T if output_stream(stream).fresh_line() else NIL


def _string_bounds(string, start, end) -> tuple[str, int, int]:
    if not isinstance(string, LString):
        raise type_error(string, cl_sym("STRING"))
    text = string.value
    n = len(text)
    if end is NIL or end is None:
        end = n
    if type(start) is not int or start < 0:
        raise type_error(start, cl_sym("UNSIGNED-BYTE"))
    if type(end) is not int or end < 0:
        raise type_error(end, lisp_list(cl_sym("OR"), cl_sym("NULL"), cl_sym("UNSIGNED-BYTE")))
    if start > end or end > n:
        # SBCL signals SB-KERNEL:BOUNDING-INDICES-BAD-ERROR, a TYPE-ERROR.
        raise LispError("SIMPLE-TYPE-ERROR", {
            "DATUM": lisp_list(start, end),
            "EXPECTED-TYPE": lisp_list(cl_sym("CONS"), lisp_list(cl_sym("INTEGER"), 0, n),
                                       lisp_list(cl_sym("INTEGER"), 0, n)),
            "FORMAT-CONTROL": LString("The bounding indices ~S and ~S are bad for a "
                                      "sequence of length ~S."),
            "FORMAT-ARGUMENTS": lisp_list(start, end, n)})
    return text, start, end


@defun("WRITE-STRING", "string &optional stream &key start end")
def write_string(string, stream=NIL, start=0, end=NIL):
    """Write the characters of the subsequence of STRING bounded by START
    and END to STREAM."""
    text, start, end = _string_bounds(string, start, end)
    output_stream(stream).write_string(string, start, end)
    return string


@defun("WRITE-LINE", "string &optional stream &key start end")
def write_line(string, stream=NIL, start=0, end=NIL):
    """Like WRITE-STRING, then a newline."""
    text, start, end = _string_bounds(string, start, end)
    out = output_stream(stream)
    out.write_string(string, start, end)
    out.write("\n")
    return string


@defun("WRITE-CHAR", "character &optional stream")
def write_char(character, stream=NIL):
    """Output CHARACTER to STREAM."""
    if type(character) is not Char:
        raise type_error(character, cl_sym("CHARACTER"))
    output_stream(stream).write(character.ch)
    return character


@defun("FINISH-OUTPUT", "&optional stream")
def finish_output(stream=NIL):
    """Send buffered output on STREAM to its destination and wait."""
    output_stream(stream).finish()
    return NIL


@defun("FORCE-OUTPUT", "&optional stream")
def force_output(stream=NIL):
    """Start sending buffered output on STREAM to its destination."""
    output_stream(stream).force()
    return NIL


@defun("CLEAR-OUTPUT", "&optional stream")
def clear_output(stream=NIL):
    """Drop pending output on STREAM (our streams never hold any back)."""
    output_stream(stream).clear_output()
    return NIL

"""How Python code raises Lisp conditions.

A primitive never lets a Python exception escape into the machine: it raises
``LispError``, which names a condition class and its initargs. The machine
turns it into a condition object and signals it with ``error`` in the process
that was running, at that step (ARCHITECTURE 8). Unexpected Python exceptions
(bugs, ``ZeroDivisionError``, ``RecursionError``...) are converted by
``condition_for_python_exception``.
"""
from __future__ import annotations


class LispError(Exception):
    """Signal the Lisp condition of class ``class_name`` (a string naming a
    symbol: ``"TYPE-ERROR"`` or ``"SB-THREAD:THREAD-ERROR"``) made with
    ``initargs`` (a dict of keyword-name string -> value), or the ready
    condition object ``condition``."""

    def __init__(self, class_name: str | None = None, initargs: dict | None = None,
                 condition=None):
        super().__init__(class_name)
        self.class_name = class_name
        self.initargs = initargs or {}
        self.condition = condition

    def __str__(self):
        if self.condition is not None:
            from .printer import condition_report_string
            return condition_report_string(self.condition)
        fc = self.initargs.get("FORMAT-CONTROL")
        if fc is not None:
            return f"{self.class_name}: {fc} {self.initargs.get('FORMAT-ARGUMENTS')}"
        return f"{self.class_name} {self.initargs}"


def lisp_error(class_name: str, format_control: str, *format_args, **initargs) -> LispError:
    """A LispError for a condition reported with FORMAT-CONTROL/ARGUMENTS.
    Use as ``raise lisp_error("PROGRAM-ERROR", "~S is not ...", x)``."""
    from .objects import lisp_list, LString
    initargs = {k.upper().replace("_", "-"): v for k, v in initargs.items()}
    initargs["FORMAT-CONTROL"] = LString(format_control)
    initargs["FORMAT-ARGUMENTS"] = lisp_list(*format_args)
    return LispError(class_name, initargs)


def simple_error(format_control: str, *format_args) -> LispError:
    return lisp_error("SIMPLE-ERROR", format_control, *format_args)


def program_error(format_control: str, *format_args) -> LispError:
    return lisp_error("SIMPLE-PROGRAM-ERROR", format_control, *format_args)


def control_error(format_control: str, *format_args) -> LispError:
    return lisp_error("SIMPLE-CONTROL-ERROR", format_control, *format_args)


def type_error(datum, expected_type) -> LispError:
    """TYPE-ERROR: DATUM is not of EXPECTED-TYPE (a type specifier: a
    symbol or a list; a string is interned in COMMON-LISP)."""
    if isinstance(expected_type, str):
        from .reader import read_from_python_string
        expected_type = read_from_python_string(expected_type)
    return LispError("TYPE-ERROR", {"DATUM": datum, "EXPECTED-TYPE": expected_type})


def binding_type_error(datum, expected_type, variable) -> LispError:
    """The TYPE-ERROR SBCL signals when binding VARIABLE to DATUM, whose
    report ends "when binding VARIABLE"."""
    return LispError("TYPE-ERROR", {"DATUM": datum, "EXPECTED-TYPE": expected_type,
                                    "CONTEXT": variable})


def reader_error(message: str, stream=None, line=None, column=None, filename=None,
                 incomplete=False) -> LispError:
    from .objects import LString, NIL
    return LispError("SYS::LISP-READER-ERROR", {
        "MESSAGE": LString(message),
        "STREAM": _stream_slot(stream),
        "LINE": line if line is not None else NIL,
        "COLUMN": column if column is not None else NIL,
        "FILE": LString(filename) if filename else NIL,
        "INCOMPLETE": incomplete,
    })


def _stream_slot(stream):
    """STREAM as a condition's STREAM slot holds it: what Lisp code knows
    the stream as (a Gray stream's instance, not its adapter)."""
    from .objects import NIL
    if stream is None:
        return NIL
    lisp_object = getattr(stream, "lisp_object", None)
    return lisp_object() if lisp_object is not None else stream


def end_of_file(stream=None) -> LispError:
    return LispError("END-OF-FILE", {"STREAM": _stream_slot(stream)})


class ReaderIncomplete(Exception):
    """Raised by the reader when input ends inside an unfinished form (an
    open paren, string or block comment). The REPL uses it to ask for more
    lines; elsewhere it becomes an END-OF-FILE/READER-ERROR condition."""


def condition_for_python_exception(exc: BaseException) -> LispError:
    """Map a Python exception that escaped a primitive to the CL condition a
    user would expect."""
    if isinstance(exc, LispError):
        return exc
    if isinstance(exc, ZeroDivisionError):
        return LispError("DIVISION-BY-ZERO", {"OPERATION": None, "OPERANDS": None})
    if isinstance(exc, OverflowError):
        return lisp_error("FLOATING-POINT-OVERFLOW", "arithmetic overflow: ~A", _s(exc))
    if isinstance(exc, RecursionError):
        return lisp_error("STORAGE-CONDITION",
                          "Control stack exhausted: a structure too deeply nested for a primitive")
    if isinstance(exc, MemoryError):
        return lisp_error("STORAGE-CONDITION", "Heap exhausted")
    return lisp_error("SIMPLE-ERROR", "Internal error in a primitive: ~A: ~A",
                      _s(type(exc).__name__), _s(str(exc)))


def _s(x: str):
    from .objects import LString
    return LString(x)

"""The conditions SBCL signals from streams, files and pathnames, with its
reports, and the Python functions that make them.

SB-INT:SIMPLE-FILE-ERROR and its SB-EXT subclasses FILE-EXISTS,
FILE-DOES-NOT-EXIST and DELETE-FILE-ERROR carry the operating system's
MESSAGE ("No such file or directory"), reported after a colon.
"""
from __future__ import annotations

import os

from .conditions import condition_class, slot_value, _fmt
from .errors import LispError
from .objects import LString, NIL
from . import stream_classes  # noqa: F401  (defines the SB-KERNEL package)

__all__ = ["file_error", "os_file_error", "file_exists", "file_does_not_exist",
           "delete_file_error", "decoding_error", "encoding_error"]


def _message_report(control):
    def report(c, stream):
        _fmt(stream, control, [slot_value(c, "PATHNAME"), slot_value(c, "MESSAGE")])
    return report


def _simple_file_report(c, stream):
    _fmt(stream, "~@<~?~@[: ~2I~_~A~]~:>",
         [slot_value(c, "FORMAT-CONTROL"), slot_value(c, "FORMAT-ARGUMENTS"),
          slot_value(c, "MESSAGE")])


def _coding_report(kind: str, what: str):
    def report(c, stream):
        _fmt(stream, "~@<~S stream " + kind + " error on ~S: ~2I~_" + what + "~@:>",
             [slot_value(c, "EXTERNAL-FORMAT"), slot_value(c, "STREAM"),
              slot_value(c, "OCTETS" if kind == "decoding" else "CODE")])
    return report


def _parse_error_report(c, stream):
    _fmt(stream, "parse error in namestring: ~A~%  ~A~%  ~v@T^",
         [slot_value(c, "COMPLAINT"), slot_value(c, "NAMESTRING"), slot_value(c, "OFFSET")])


def _no_namestring_report(c, stream):
    _fmt(stream, "The pathname ~S does not have a namestring because~%~A~%See also:~%"
         "  The ANSI Standard, Section 19.1.2",
         [slot_value(c, "PATHNAME"), slot_value(c, "REASON")])


condition_class("SB-INT:CLOSED-STREAM-ERROR", ["STREAM-ERROR"],
                report=lambda c, s: _fmt(s, "~S is closed", [slot_value(c, "STREAM")]))
condition_class("SB-INT:SIMPLE-FILE-ERROR", ["SIMPLE-CONDITION", "FILE-ERROR"],
                [("MESSAGE", "MESSAGE")], _simple_file_report)
condition_class("SB-EXT:FILE-EXISTS", ["SB-INT:SIMPLE-FILE-ERROR"],
                report=_message_report("~@<The file ~S already exists~@[: ~2I~_~A~]~:@>"))
condition_class("SB-EXT:FILE-DOES-NOT-EXIST", ["SB-INT:SIMPLE-FILE-ERROR"],
                report=_message_report("~@<The file ~S does not exist~@[: ~2I~_~A~]~:@>"))
condition_class("SB-EXT:DELETE-FILE-ERROR", ["SB-INT:SIMPLE-FILE-ERROR"],
                report=_message_report("~@<Could not delete the file ~S~@[: ~2I~_~A~]~:@>"))
condition_class("SB-INT:CHARACTER-CODING-ERROR", ["ERROR"],
                [("EXTERNAL-FORMAT", "EXTERNAL-FORMAT")])
condition_class("SB-INT:CHARACTER-DECODING-ERROR", ["SB-INT:CHARACTER-CODING-ERROR"],
                [("OCTETS", "OCTETS")])
condition_class("SB-INT:CHARACTER-ENCODING-ERROR", ["SB-INT:CHARACTER-CODING-ERROR"],
                [("CODE", "CODE")])
condition_class("SB-INT:STREAM-DECODING-ERROR",
                ["STREAM-ERROR", "SB-INT:CHARACTER-DECODING-ERROR"],
                report=_coding_report("decoding", "the octet sequence ~S cannot be decoded."))
condition_class("SB-INT:STREAM-ENCODING-ERROR",
                ["STREAM-ERROR", "SB-INT:CHARACTER-ENCODING-ERROR"],
                report=_coding_report("encoding",
                                      "the character with code ~D cannot be encoded."))
condition_class("SB-KERNEL:NAMESTRING-PARSE-ERROR", ["PARSE-ERROR"],
                [("COMPLAINT", "COMPLAINT"), ("NAMESTRING", "NAMESTRING"),
                 ("OFFSET", "OFFSET")], _parse_error_report)
condition_class("SB-KERNEL:NO-NAMESTRING-ERROR", ["FILE-ERROR"],
                [("REASON", "REASON")], _no_namestring_report)
condition_class("SB-KERNEL:NO-NATIVE-NAMESTRING-ERROR", ["SB-KERNEL:NO-NAMESTRING-ERROR"],
                [("FIELD", "FIELD"), ("VALUE", "VALUE")],
                lambda c, s: _fmt(s, "The pathname ~S does not have a native namestring "
                                  "because of the ~S component ~S.",
                                  [slot_value(c, "PATHNAME"), slot_value(c, "FIELD"),
                                   slot_value(c, "VALUE")]))


def _message(e: OSError | str | None):
    if e is None:
        return NIL
    if isinstance(e, str):
        return LString(e)
    return LString(e.strerror or os.strerror(e.errno or 0) or str(e))


def file_error(pathname, control: str, *args, error: OSError | str | None = None,
               kind: str = "SB-INT:SIMPLE-FILE-ERROR") -> LispError:
    """A SIMPLE-FILE-ERROR (or KIND) about PATHNAME reported with CONTROL
    and ARGS, then the system's message for ERROR."""
    from .objects import lisp_list
    return LispError(kind, {"PATHNAME": pathname, "FORMAT-CONTROL": LString(control),
                            "FORMAT-ARGUMENTS": lisp_list(*args),
                            "MESSAGE": _message(error)})


def os_file_error(pathname, what: str, namestring: str, error: OSError) -> LispError:
    """SBCL's "Failed to find the WHAT of NAMESTRING: message"."""
    from .objects import keyword
    return file_error(pathname, "Failed to find the ~A of ~A", keyword(what),
                      LString(namestring), error=error)


def file_exists(pathname, error: OSError | str | None = None) -> LispError:
    return LispError("SB-EXT:FILE-EXISTS", {"PATHNAME": pathname, "MESSAGE": _message(error)})


def file_does_not_exist(pathname, error: OSError | str | None = None) -> LispError:
    return LispError("SB-EXT:FILE-DOES-NOT-EXIST",
                     {"PATHNAME": pathname, "MESSAGE": _message(error)})


def delete_file_error(pathname, error: OSError) -> LispError:
    return LispError("SB-EXT:DELETE-FILE-ERROR",
                     {"PATHNAME": pathname, "MESSAGE": _message(error)})


def decoding_error(stream, external_format, octets: bytes) -> LispError:
    from .objects import Vector, cl_sym, lisp_list
    return LispError("SB-INT:STREAM-DECODING-ERROR", {
        "STREAM": stream, "EXTERNAL-FORMAT": external_format,
        "OCTETS": Vector(list(octets), element_type=lisp_list(cl_sym("UNSIGNED-BYTE"), 8))})


def encoding_error(stream, external_format, code: int) -> LispError:
    return LispError("SB-INT:STREAM-ENCODING-ERROR", {
        "STREAM": stream, "EXTERNAL-FORMAT": external_format, "CODE": code})

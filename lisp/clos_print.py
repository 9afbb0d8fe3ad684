"""Printing CLOS objects: the generic function PRINT-OBJECT, the printer's
hook that calls a user's PRINT-OBJECT method, and PRINT-UNREADABLE-OBJECT.

Without a user method an instance prints as SBCL prints it,
#<POINT {10012345}>; generic functions and methods print with their
names, and a PRINT-OBJECT method may CALL-NEXT-METHOD to get that.
"""
from __future__ import annotations

from .clos import GenericFunction, Method, protocol_gf, default_method, user_method_applies, \
    function_name_cell
from .clos_errors import gf_text, method_text
from .dynamic import state, symbol_value
from .errors import LispError
from .functions import defun, call_lisp
from .objects import NIL, Instance, cl_sym

S = cl_sym
PRINT_OBJECT = protocol_gf("PRINT-OBJECT", "(object stream)")

# Objects being printed by the default PRINT-OBJECT method: the printer
# hook must not send them back to the generic function.
DEFAULT_PRINTING: set = set()


def default_print_object(chain, arglist, obj, stream):
    from .printer import write_object
    DEFAULT_PRINTING.add(id(obj))
    try:
        write_object(obj, stream)
    finally:
        DEFAULT_PRINTING.discard(id(obj))
    return obj


default_method(PRINT_OBJECT, ["T", "T"], default_print_object)


def print_object_hook(obj, stream) -> bool:
    """The printer's hook for generic functions, methods and instances: a
    user PRINT-OBJECT method is called when one applies."""
    t = type(obj)
    if t is GenericFunction:
        from .printer import object_address
        stream.write(gf_text(obj)[:-1] + (" {%s}>" % object_address(obj)
                                          if _anonymous(obj) else ">"))
        return True
    if t is Method:
        stream.write(method_text(obj))
        return True
    if t is Instance and id(obj) not in DEFAULT_PRINTING and len(PRINT_OBJECT.methods) > 1:
        stream = stream.lisp_object()
        if user_method_applies(PRINT_OBJECT, [obj, stream]):
            state.machine.call_nested(PRINT_OBJECT, [obj, stream])
            return True
    return False


def _anonymous(gf):
    try:
        return function_name_cell(gf.name)[0]() is not gf
    except LispError:
        return True


@defun("SYS:%PRINT-UNREADABLE-OBJECT", "object stream type identity body", kind="gen")
def print_unreadable_object(obj, stream, type_, identity, body):
    from .stdstreams import output_stream
    from .printer import write_object, object_address
    from .types import type_of
    if symbol_value(S("*PRINT-READABLY*")) is not NIL:
        raise LispError("PRINT-NOT-READABLE", {"OBJECT": obj})
    out = output_stream(stream)
    out.write("#<")
    if type_ is not NIL:
        write_object(type_of(obj), out, escape=True)
        out.write(" ")
    if body is not NIL:
        yield from call_lisp(body)
    if identity is not NIL:
        if body is not NIL or type_ is NIL:
            out.write(" ")
        out.write("{%s}" % object_address(obj))
    out.write(">")
    return NIL

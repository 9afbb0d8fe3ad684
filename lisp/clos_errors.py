"""The texts and conditions of CLOS's errors, and how generic functions
and methods print: SBCL's reports (its logical blocks, so that they indent
as SBCL's do wherever they are printed) for no applicable, next or primary
method, invalid method qualifiers.
"""
from __future__ import annotations

from .clos import EqlSpecializer, specializer_type
from .conditions import condition_class, report_simple
from .errors import LispError, simple_error
from .functions import defun
from .objects import LString, cl_sym, keyword, lisp_list, list_to_py

S = cl_sym


def qualified(x) -> str:
    """X printed with escapes and package prefixes, as SBCL names objects
    inside #<...>."""
    from .printer import write_to_string
    from .objects import KEYWORD
    return write_to_string(x, escape=True, package=KEYWORD)


def gf_text(gf) -> str:
    from .printer import prin1_to_string
    cls = ("STANDARD-GENERIC-FUNCTION" if gf.metaclass is None
           else prin1_to_string(gf.metaclass.name))
    return "#<%s %s (%d)>" % (cls, qualified(gf.name), len(gf.methods))


def unparse_specializers(specializers):
    """The specializers as DEFMETHOD writes them: class names, (EQL x)."""
    return lisp_list(*[lisp_list(S("EQL"), s.value) if type(s) is EqlSpecializer
                       else specializer_type(s) for s in specializers])


def method_text(meth) -> str:
    """#<STANDARD-METHOD COMMON-LISP-USER::AREA :BEFORE (CIRCLE) {...}>: only
    the generic function's name is always qualified."""
    from .printer import object_address, prin1_to_string
    cname = prin1_to_string(meth.mclass)
    if meth.gf is None:
        return "#<%s %s {%s}>" % (cname, prin1_to_string(lisp_list(*meth.specializers)),
                                  object_address(meth))
    parts = [qualified(meth.gf.name)]
    if meth.slot_name is not None:
        parts[0] += ", slot:" + prin1_to_string(meth.slot_name) + ","
    parts += [prin1_to_string(q) for q in meth.qualifiers]
    parts.append(prin1_to_string(unparse_specializers(meth.specializers)))
    return "#<%s %s {%s}>" % (cname, " ".join(parts), object_address(meth))


def _effective_method_error(class_name, control, reference, *args):
    return LispError(class_name, {
        "FORMAT-CONTROL": LString(control + "~%See also:~%  The ANSI Standard, Section " + reference),
        "FORMAT-ARGUMENTS": lisp_list(*args)})


def no_applicable_method_error(gf, args):
    return _effective_method_error(
        "SB-PCL::NO-APPLICABLE-METHOD-ERROR",
        "~@<There is no applicable method for the generic function ~2I~_~S~I~_when called with "
        "arguments ~2I~_~S.~:>", "7.6.6", gf, lisp_list(*args))


@defun("SYS:%NO-APPLICABLE-METHOD-CONDITION", "generic-function arguments")
def no_applicable_method_condition(gf, arguments):
    """The condition of SBCL's error for GF called with ARGUMENTS."""
    from .conditions import condition_from_lisp_error
    return condition_from_lisp_error(no_applicable_method_error(gf, list_to_py(arguments)))


def no_next_method_error(gf, meth, args):
    return _effective_method_error(
        "SB-PCL::NO-NEXT-METHOD-ERROR",
        "~@<There is no next method for the generic function ~2I~_~S~I~_when called from method "
        "~2I~_~S~I~_with arguments ~2I~_~S.~:>", "7.6.6.2", gf, meth, lisp_list(*args))


def no_primary_method_error(gf, args):
    return _effective_method_error(
        "SB-PCL::NO-PRIMARY-METHOD-ERROR",
        "~@<There is no primary method for the generic function ~2I~_~S~I~_when called with "
        "arguments ~2I~_~S.~:>", "7.6.6.2", gf, lisp_list(*args))


def invalid_method_error(meth, control: str, *args) -> LispError:
    """INVALID-METHOD-ERROR's condition: METH cannot take part in its
    generic function's method combination."""
    return simple_error("~@<invalid method error for ~2I~_~S ~I~_method: ~2I~_~?~:>",
                        meth, LString(control), lisp_list(*args))


def invalid_standard_qualifiers_error(gf, meth) -> LispError:
    why = "has too many qualifiers" if len(meth.qualifiers) > 1 else "has an invalid qualifier"
    return invalid_method_error(
        meth, "~@<The method ~S on ~S ~A.~@:_~@:_Standard method combination requires all "
              "methods to have one of the single qualifiers ~{~S~#[~; and ~:;, ~]~} or to have "
              "no qualifier at all.~@:>",
        meth, gf, LString(why), lisp_list(keyword("AROUND"), keyword("BEFORE"), keyword("AFTER")))


def _define_error_classes():
    """SBCL's classes of these errors (their reports are format controls)."""
    condition_class("SB-INT:REFERENCE-CONDITION", ["CONDITION"])
    condition_class("SB-PCL::EFFECTIVE-METHOD-CONDITION", ["SB-INT:REFERENCE-CONDITION"],
                    [("FORMAT-CONTROL", "FORMAT-CONTROL"), ("FORMAT-ARGUMENTS", "FORMAT-ARGUMENTS")])
    condition_class("SB-PCL::EFFECTIVE-METHOD-ERROR", ["ERROR", "SB-PCL::EFFECTIVE-METHOD-CONDITION"])
    for name in ("SB-PCL::NO-APPLICABLE-METHOD-ERROR", "SB-PCL::NO-NEXT-METHOD-ERROR",
                 "SB-PCL::NO-PRIMARY-METHOD-ERROR"):
        condition_class(name, ["SB-PCL::EFFECTIVE-METHOD-ERROR"], report=report_simple)


_define_error_classes()

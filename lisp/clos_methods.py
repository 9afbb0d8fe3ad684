"""Defining generic functions and methods: what DEFGENERIC and DEFMETHOD
expand into, and the functions that manage methods (FIND-METHOD,
ADD-METHOD, REMOVE-METHOD, ENSURE-GENERIC-FUNCTION ...).

A method's lambda list must be congruent with its generic function's
(CLHS 7.6.4); a generic function DEFMETHOD creates gets the lambda list
SBCL derives from the method's: the required parameters, the optional ones
without defaults, &REST, and a bare &KEY when the method has keywords.
"""
from __future__ import annotations

from .clos import (GenericFunction, Method, EqlSpecializer, STANDARD_QUALIFIERS,
                   ensure_generic_function, intern_eql_specializer, function_name_cell,
                   direct_methods, eql_specializer_exists)
from .clos_errors import unparse_specializers
from .conditions import condition_class, report_simple
from .errors import LispError, program_error, simple_error
from .functions import defun, call_lisp
from .objects import NIL, T, Symbol, Cons, LString, LispClass, MV, cl_sym, lisp_list, list_to_py

S = cl_sym
condition_class("SB-PCL::FIND-METHOD-LENGTH-MISMATCH", ["SIMPLE-ERROR"], report=report_simple)


def resolve_specializer(spec):
    if isinstance(spec, LispClass) or type(spec) is EqlSpecializer:
        return spec
    if type(spec) is Cons and spec.car is S("EQL") and type(spec.cdr) is Cons:
        return intern_eql_specializer(spec.cdr.car)
    if isinstance(spec, Symbol):
        from .clos_classes import find_class
        return find_class(spec)
    raise program_error("~S is not a valid parameter specializer name", spec)


def implied_lambda_list(lambda_list):
    """The lambda list SBCL gives a generic function made by DEFMETHOD."""
    out, mode = [], None
    for x in list_to_py(lambda_list):
        if isinstance(x, Symbol) and x.name.startswith("&"):
            mode = x
            if x in (S("&OPTIONAL"), S("&REST"), S("&KEY")):
                out.append(x)
            continue
        if mode is None:
            out.append(x)
        elif mode is S("&OPTIONAL"):
            out.append(lisp_list(x.car if type(x) is Cons else x))
        elif mode is S("&REST"):
            out.append(x)
    return lisp_list(*out)


def congruence_error(gf, meth) -> LispError | None:
    """SBCL's error when METH's lambda list is not congruent with GF's."""
    m, g = meth.info, gf.info
    why, args = None, ()
    if m.nreq != g.nreq:
        why, args = "the method has ~A required arguments than the generic function.", (
            LString("more" if m.nreq > g.nreq else "fewer"),)
    elif m.nopt != g.nopt:
        why, args = "the method has ~A optional arguments than the generic function.", (
            LString("more" if m.nopt > g.nopt else "fewer"),)
    elif (m.keysp or m.restp) != (g.keysp or g.restp):
        why = "the method and generic function differ in whether they accept~_&REST or &KEY " \
              "arguments."
    elif g.keys and not (m.accepts_any_key() or all(k in m.keys for k in g.keys)):
        why, args = "the method does not accept each of the &KEY arguments~2I~_~S.", (
            lisp_list(*g.keys),)
    if why is None:
        return None
    return program_error("~@<attempt to add the method~2I~_~S~I~_to the generic function~2I~_~S;"
                         "~I~_ but ~?~:>", meth, gf, LString(why), lisp_list(*args))


def add_method(gf: GenericFunction, meth: Method):
    """ADD-METHOD's checks, then add METH to GF."""
    if meth.gf is not None and meth.gf is not gf:
        raise simple_error("~@<The method ~S is already part of the generic function ~S; it "
                           "can't be added to another generic function until it is removed "
                           "from the first one.~@:>", meth, meth.gf)
    if len(meth.specializers) != gf.nreq or meth.info is not None:
        err = congruence_error(gf, meth) if meth.info is not None else None
        if err is None and len(meth.specializers) != gf.nreq:
            err = program_error("The generic function ~S takes ~D required argument~:P; was "
                                "asked to find a method with specializers ~S",
                                gf, gf.nreq, unparse_specializers(meth.specializers))
        if err is not None:
            raise err
    gf.add_method(meth)


def invalid_qualifiers(gf, qualifiers) -> bool:
    """Do QUALIFIERS fail GF's method combination (for DEFMETHOD's
    warning; the error comes when the method is called)?"""
    if gf.combination is None:
        return tuple(qualifiers) not in STANDARD_QUALIFIERS
    return not gf.combination.qualifiers_valid(qualifiers)


@defun("SYS:%DEFMETHOD", "name qualifiers specializers lambda-list function documentation",
       kind="gen")
def lisp_defmethod(name, qualifiers, specializers, lambda_list, fn, doc):
    specs = [resolve_specializer(s) for s in list_to_py(specializers)]
    gf = ensure_generic_function(name, implied_lambda_list(lambda_list), False)
    meth = Method(list_to_py(qualifiers), specs, fn, lambda_list)
    if doc is not NIL:
        meth.doc = doc
    if not gf.methods and not gf.lambda_list_given:
        gf.set_lambda_list(implied_lambda_list(lambda_list))
    add_method(gf, meth)
    if invalid_qualifiers(gf, meth.qualifiers):
        combination = gf.combination.name if gf.combination is not None else S("STANDARD")
        yield from call_lisp(S("WARN"), LString("~@<Invalid qualifiers for ~S method combination "
                                                "in method ~S:~4I~@:_~S.~@:>"),
                             combination, meth, qualifiers)
    return meth


@defun("SYS:%DEFGENERIC", "name lambda-list documentation combination precedence")
def lisp_defgeneric(name, lambda_list, doc, combination=NIL, precedence=NIL):
    """Define or redefine the generic function NAME. COMBINATION is NIL or
    (name . options) of its method combination; PRECEDENCE its
    :ARGUMENT-PRECEDENCE-ORDER or NIL."""
    existing = function_name_cell(name)[0]()
    combination = resolve_combination(existing if type(existing) is GenericFunction else None,
                                      combination)
    gf = ensure_generic_function(name, lambda_list)
    if gf.methods and lambda_list is not NIL and not _lambda_lists_compatible(gf, lambda_list):
        raise simple_error("New lambda-list ~S is incompatible with existing methods of ~S.~%"
                           "Old lambda-list ~S", lambda_list, gf, gf.lambda_list)
    gf.set_lambda_list(lambda_list)
    gf.lambda_list_given = True
    if doc is not NIL:
        gf.doc = doc
    set_precedence(gf, precedence)
    gf.combination = combination
    gf.cache.clear()
    for meth in (gf.plist or {}).pop("initial-methods", ()):
        gf.remove_method(meth)
    return gf


def _lambda_lists_compatible(gf, lambda_list) -> bool:
    probe = GenericFunction(gf.name, lambda_list)
    return all(m.info is None or congruence_error(probe, m) is None for m in gf.methods)


def set_precedence(gf, precedence):
    if precedence is NIL:
        gf.precedence = None
        return
    order = list_to_py(precedence)
    required = gf.info.required
    if sorted(map(id, order)) != sorted(map(id, required)):
        raise program_error("~S is not a permutation of the required parameters ~S", precedence,
                            lisp_list(*required))
    gf.precedence = [required.index(p) for p in order]
    gf.cache.clear()


def resolve_combination(gf, spec):
    """The method combination object for (NAME . OPTIONS), None for the
    standard one."""
    from .clos_combin import find_method_combination
    if spec is NIL:
        return None
    return find_method_combination(gf, spec.car, spec.cdr)


def set_combination(gf, spec):
    gf.combination = resolve_combination(gf, spec)
    gf.cache.clear()


@defun("SYS:%INITIAL-METHODS", "generic-function methods")
def lisp_initial_methods(gf, methods):
    """Remember METHODS as the ones GF's DEFGENERIC defined with :METHOD,
    which a new DEFGENERIC of GF removes."""
    if gf.plist is None:
        gf.plist = {}
    gf.plist["initial-methods"] = list_to_py(methods)
    return gf


@defun("SYS:%CALL-NEXT-METHOD", "chain arglist args", kind="control")
def lisp_call_next_method(m, args):
    chain, arglist, new_args = args
    if new_args is NIL:
        chain.call_next(m, arglist, arglist)
        return
    given = list_to_py(new_args)
    info = chain.gf.info
    if len(given) < info.nreq:
        # SBCL's method functions take missing required arguments as NIL
        given += [NIL] * (info.nreq - len(given))
    elif info.max_args is not None and len(given) > info.max_args:
        given = given[:info.max_args]
    chain.call_next(m, given, given, check=True)


@defun("SYS:%NEXT-METHOD-P", "chain")
def lisp_next_method_p(chain):
    return T if chain.index < len(chain.items) else NIL


@defun("SYS:%EQL-SPECIALIZER", "object")
def lisp_eql_specializer(obj):
    return intern_eql_specializer(obj)


# ---------------------------------------------------------------- managing methods
def _generic_function(x) -> GenericFunction:
    if type(x) is not GenericFunction:
        from .errors import type_error
        raise type_error(x, S("GENERIC-FUNCTION"))
    return x


def _method(x) -> Method:
    if type(x) is not Method:
        from .errors import type_error
        raise type_error(x, S("METHOD"))
    return x


@defun("ADD-METHOD", "generic-function method")
def lisp_add_method(gf, meth):
    """Add METHOD to GENERIC-FUNCTION, replacing a method with the same
    qualifiers and specializers; return GENERIC-FUNCTION."""
    add_method(_generic_function(gf), _method(meth))
    return gf


@defun("REMOVE-METHOD", "generic-function method")
def lisp_remove_method(gf, meth):
    """Remove METHOD from GENERIC-FUNCTION; return GENERIC-FUNCTION."""
    _generic_function(gf).remove_method(_method(meth))
    return gf


def _find_method_length_mismatch(gf, specializers):
    return LispError("SB-PCL::FIND-METHOD-LENGTH-MISMATCH", {
        "FORMAT-CONTROL": LString("~@<The generic function ~S takes ~D required argument~:P; "
                                  "was asked to find a method with specializers ~:S~@:>~%See also:"
                                  "~%  The ANSI Standard, Function FIND-METHOD"),
        "FORMAT-ARGUMENTS": lisp_list(gf, gf.nreq, specializers)})


@defun("FIND-METHOD", "generic-function qualifiers specializers &optional errorp")
def lisp_find_method(gf, qualifiers, specializers, errorp=T):
    """The method of GENERIC-FUNCTION with exactly QUALIFIERS and
    SPECIALIZERS (classes, class names or (EQL object)); when there is none
    signal an error, or return NIL if ERRORP is false."""
    gf = _generic_function(gf)
    given = list_to_py(specializers)
    if len(given) != gf.nreq:
        raise _find_method_length_mismatch(gf, specializers)
    specs = [resolve_specializer(s) for s in given]
    quals = tuple(list_to_py(qualifiers))
    from .clos import _same_specializers
    for meth in gf.methods:
        if meth.qualifiers == quals and _same_specializers(meth.specializers, specs):
            return meth
    if errorp is NIL:
        return NIL
    raise simple_error("~@<There is no method on ~S with ~:[no qualifiers~;~:*qualifiers ~:S~] "
                       "and specializers ~:S.~@:>", gf, qualifiers, lisp_list(*specs))


@defun("COMPUTE-APPLICABLE-METHODS", "generic-function arguments")
def lisp_compute_applicable_methods(gf, arguments):
    """The methods of GENERIC-FUNCTION applicable to ARGUMENTS, most
    specific first."""
    gf = _generic_function(gf)
    args = list_to_py(arguments)
    if len(args) < gf.nreq:
        raise program_error("invalid number of arguments: ~S", len(args))
    return lisp_list(*gf.applicable_methods(args))


@defun("METHOD-QUALIFIERS", "method")
def lisp_method_qualifiers(meth):
    """The qualifiers of METHOD."""
    return lisp_list(*_method(meth).qualifiers)


@defun("FUNCTION-KEYWORDS", "method", mv=True)
def lisp_function_keywords(meth):
    """The keywords METHOD's lambda list accepts, and whether it has
    &ALLOW-OTHER-KEYS."""
    info = _method(meth).info
    if info is None:
        return MV([NIL, NIL])
    return MV([lisp_list(*info.keys), T if info.allow else NIL])


@defun("ENSURE-GENERIC-FUNCTION", "function-name &key lambda-list documentation "
       "method-combination argument-precedence-order generic-function-class method-class "
       "declare environment")
def lisp_ensure_generic_function(name, lambda_list=None, documentation=NIL,
                                 method_combination=None, argument_precedence_order=None,
                                 generic_function_class=NIL, method_class=NIL, declare=NIL,
                                 environment=NIL):
    """The generic function named FUNCTION-NAME, made or updated from the
    options."""
    get, _ = function_name_cell(name)
    exists = type(get()) is GenericFunction
    gf = ensure_generic_function(name, lambda_list if lambda_list is not None else NIL,
                                 lambda_list is not None)
    if lambda_list is not None and exists:
        lisp_defgeneric(name, lambda_list, documentation)
    elif documentation is not NIL:
        gf.doc = documentation
    if argument_precedence_order is not None:
        set_precedence(gf, argument_precedence_order)
    if method_combination is not None:
        combination = getattr(method_combination, "spec", method_combination)
        set_combination(gf, combination)
    return gf


@defun("SB-MOP:GENERIC-FUNCTION-NAME", "generic-function")
def lisp_gf_name(gf):
    return _generic_function(gf).name


@defun("SB-MOP:GENERIC-FUNCTION-METHODS", "generic-function")
def lisp_gf_methods(gf):
    return lisp_list(*reversed(_generic_function(gf).methods))


@defun("SB-MOP:GENERIC-FUNCTION-LAMBDA-LIST", "generic-function")
def lisp_gf_lambda_list(gf):
    return _generic_function(gf).lambda_list


@defun("SB-MOP:GENERIC-FUNCTION-ARGUMENT-PRECEDENCE-ORDER", "generic-function")
def lisp_gf_precedence(gf):
    gf = _generic_function(gf)
    order = gf.precedence or range(gf.nreq)
    return lisp_list(*[gf.info.required[i] for i in order])


@defun("SB-MOP:GENERIC-FUNCTION-METHOD-COMBINATION", "generic-function")
def lisp_gf_method_combination(gf):
    from .clos_combin import combination_object
    return combination_object(_generic_function(gf))


@defun("SB-MOP:GENERIC-FUNCTION-DECLARATIONS", "generic-function")
def lisp_gf_declarations(gf):
    _generic_function(gf)
    return NIL


@defun("SB-MOP:GENERIC-FUNCTION-METHOD-CLASS", "generic-function")
def lisp_gf_method_class(gf):
    from .types import CLASSES
    _generic_function(gf)
    return CLASSES[S("STANDARD-METHOD")]


@defun("SB-MOP:METHOD-SPECIALIZERS", "method")
def lisp_method_specializers(meth):
    return lisp_list(*_method(meth).specializers)


@defun("SB-MOP:METHOD-GENERIC-FUNCTION", "method")
def lisp_method_gf(meth):
    gf = _method(meth).gf
    return NIL if gf is None else gf


@defun("SB-MOP:METHOD-LAMBDA-LIST", "method")
def lisp_method_lambda_list(meth):
    return _method(meth).lambda_list


@defun("SB-MOP:METHOD-FUNCTION", "method")
def lisp_method_function(meth):
    return _method(meth).fn


@defun("SB-MOP:ACCESSOR-METHOD-SLOT-DEFINITION", "method")
def lisp_accessor_method_slot_definition(meth):
    meth = _method(meth)
    if meth.slot_name is None:
        from .errors import type_error
        raise type_error(meth, S("SB-MOP:STANDARD-ACCESSOR-METHOD"))
    from .clos_classes import find_direct_slot
    return find_direct_slot(meth.specializers[-1], meth.slot_name) or NIL


@defun("SB-MOP:INTERN-EQL-SPECIALIZER", "object", mv=True)
def lisp_intern_eql_specializer(obj):
    """The EQL specializer of OBJECT, and whether it existed already."""
    existed = eql_specializer_exists(obj)
    return MV([intern_eql_specializer(obj), T if existed else NIL])


@defun("SB-MOP:EQL-SPECIALIZER-OBJECT", "eql-specializer")
def lisp_eql_specializer_object(spec):
    if type(spec) is not EqlSpecializer:
        from .errors import type_error
        raise type_error(spec, S("SB-MOP:EQL-SPECIALIZER"))
    return spec.value


@defun("SB-MOP:SPECIALIZER-DIRECT-METHODS", "specializer")
def lisp_specializer_direct_methods(spec):
    return lisp_list(*direct_methods(spec))


@defun("SB-MOP:SPECIALIZER-DIRECT-GENERIC-FUNCTIONS", "specializer")
def lisp_specializer_direct_gfs(spec):
    out = []
    for meth in direct_methods(spec):
        if meth.gf not in out:
            out.append(meth.gf)
    return lisp_list(*out)


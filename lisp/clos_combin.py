"""Method combinations other than STANDARD: the built-in short ones
(+ AND APPEND LIST MAX MIN NCONC OR PROGN), DEFINE-METHOD-COMBINATION in
its short and long forms, CALL-METHOD and MAKE-METHOD,
METHOD-COMBINATION-ERROR and INVALID-METHOD-ERROR.

A generic function with such a combination holds a ``MethodCombination``
(its type's name and the options DEFGENERIC gave). The first call with
arguments of a dispatch key turns the applicable methods into an effective
method form (CLHS 7.6.6.1): the short form builds it here, the long form's
body computes it in Lisp. The form is compiled, as the body of

    (lambda (&rest sb-pcl::.gf-args.)
      (macrolet ((call-method ...) (make-method ...)) FORM))

and cached in the dispatch entry, so later calls run the function at once.
CALL-METHOD expands into a call of the method's function with a next-method
chain of the methods (or MAKE-METHOD forms) it lists; the type's
definition is looked up by name when an effective method is computed, so
redefining a combination type affects the generic functions using it.
"""
from __future__ import annotations

from .clos import (MethodChain, Method, EffectiveMethod, GenericFunction, classes_changed,
                   pcl_sym, NO_PRIMARY_METHOD)
from .clos_errors import invalid_method_error
from .docstrings import DOCS
from .errors import program_error, simple_error
from .functions import Primitive, defun, call_lisp, intern_name
from .machine import Frame
from .macros import defmacro, args_of, L, QUOTE, LAMBDA, LET, BLOCK, DECLARE, FUNCTION
from .objects import (NIL, T, Symbol, Cons, LString, KEYWORD, cl_sym, sys_sym, keyword,
                      lisp_list, list_to_py, list_from_iter)
from .types import CLASSES, OTHER_CLASS_OF, define_class

S = cl_sym
GF_ARGS = pcl_sym(".GF-ARGS.")
_AROUND = keyword("AROUND")
_FIRST, _LAST = keyword("MOST-SPECIFIC-FIRST"), keyword("MOST-SPECIFIC-LAST")


class ShortDefinition:
    """DEFINE-METHOD-COMBINATION's short form: methods qualified NAME are
    combined with OPERATOR; IOA: one method is called alone."""
    __slots__ = ("name", "operator", "ioa", "doc")

    def __init__(self, name, operator, ioa, doc):
        self.name, self.operator, self.ioa, self.doc = name, operator, ioa, doc


class LongDefinition:
    """The long form: FUNCTION (generic function, combination, methods) ->
    effective method form; ARGS_LAMBDA_LIST its :ARGUMENTS option."""
    __slots__ = ("name", "lambda_list", "function", "args_lambda_list", "doc")

    def __init__(self, name, lambda_list, function, args_lambda_list, doc):
        self.name, self.lambda_list, self.function = name, lambda_list, function
        self.args_lambda_list, self.doc = args_lambda_list, doc


DEFINITIONS: dict = {}


class MethodCombination:
    """A method combination object: the type NAME with OPTIONS."""
    __slots__ = ("name", "options", "__weakref__")

    def __init__(self, name, options):
        self.name = name
        self.options = options

    @property
    def spec(self):
        return Cons(self.name, self.options)

    @property
    def definition(self):
        return DEFINITIONS.get(self.name)

    def class_name(self) -> Symbol:
        d = self.definition
        if d is None:
            return pcl_sym("STANDARD-METHOD-COMBINATION")
        return pcl_sym("SHORT-METHOD-COMBINATION" if type(d) is ShortDefinition
                       else "LONG-METHOD-COMBINATION")

    def lisp_repr(self) -> str:
        from .printer import object_address, prin1_to_string
        options = "()" if self.options is NIL else prin1_to_string(self.options)
        return "#<%s %s %s {%s}>" % (prin1_to_string(self.class_name()),
                                     prin1_to_string(self.name), options, object_address(self))

    def qualifiers_valid(self, qualifiers) -> bool:
        d = self.definition
        if type(d) is ShortDefinition:
            return tuple(qualifiers) in ((d.name,), (_AROUND,))
        return True

    def start_effective_method(self, m, em: EffectiveMethod, args):
        """Compute EM's function (Lisp steps), keep it, then call it."""
        m.k.append(InstallEffectiveMethodFrame(em, args))
        _COMPUTE.invoke(m, [em])


class InstallEffectiveMethodFrame(Frame):
    __slots__ = ("em", "args")

    def __init__(self, em, args):
        self.em = em
        self.args = args

    def resume(self, m):
        self.em.function = m.value
        m.value.invoke(m, self.args)


STANDARD_COMBINATION = MethodCombination(S("STANDARD"), NIL)
_COMBINATIONS: dict = {}


def combination_object(gf: GenericFunction):
    return gf.combination if gf.combination is not None else STANDARD_COMBINATION


def method_combination_error(control: str, *args):
    return simple_error("~@<method combination error in CLOS dispatch: ~2I~_~?~:>",
                        LString(control), lisp_list(*args))


def find_method_combination(gf, name, options) -> MethodCombination:
    """The combination object for (:METHOD-COMBINATION NAME . OPTIONS)."""
    from .equality import equal
    d = DEFINITIONS.get(name)
    if name is S("STANDARD"):
        if options is not NIL:
            raise method_combination_error("STANDARD method combination accepts no options.")
        return None
    if d is None:
        from .printer import prin1_to_string, object_address
        # SBCL reports the generic function it was about to make
        text = prin1_to_string(gf) if gf is not None else \
            "#<STANDARD-GENERIC-FUNCTION {%s}>" % object_address(options)
        raise simple_error("when initializing the generic function ~A:~%The :METHOD-COMBINATION "
                           "initialization argument was: ~S.~%It must be a method combination "
                           "object.", LString(text), NIL)
    if type(d) is ShortDefinition:
        if options is not NIL and not (options.cdr is NIL and options.car in (_FIRST, _LAST)):
            raise method_combination_error(
                "Illegal options to a short method combination type.~%The method combination "
                "type ~S accepts one option which~%must be either :MOST-SPECIFIC-FIRST or "
                ":MOST-SPECIFIC-LAST.", name)
    for mc in _COMBINATIONS.setdefault(name, []):
        if equal(mc.options, options):
            return mc
    mc = MethodCombination(name, options)
    _COMBINATIONS[name].append(mc)
    return mc


# ---------------------------------------------------------------- effective methods
def _call(method) -> Cons:
    return L(S("CALL-METHOD"), method)


def short_effective_form(gf, d: ShortDefinition, options, methods):
    arounds, primaries = [], []
    for meth in methods:
        q = meth.qualifiers
        if q == (d.name,):
            primaries.append(meth)
        elif q == (_AROUND,):
            arounds.append(meth)
        else:
            why = ("has no qualifiers" if not q else "has too many qualifiers" if len(q) > 1
                   else "has an invalid qualifier")
            raise invalid_method_error(
                meth, "~@<The method ~S on ~S ~A.~@:_~@:_The method combination type ~S was "
                      "defined with the short form of DEFINE-METHOD-COMBINATION and so requires "
                      "all methods have either ~{the single qualifier ~S~^ or ~}.~@:>",
                meth, gf, LString(why), d.name, lisp_list(d.name, _AROUND))
    if not primaries:
        return L(S("APPLY"), L(FUNCTION, NO_PRIMARY_METHOD.name), L(QUOTE, gf), GF_ARGS)
    if options is not NIL and options.car is _LAST:
        primaries.reverse()
    if len(primaries) == 1 and d.ioa is not NIL:
        form = _call(primaries[0])
    else:
        form = Cons(d.operator, list_from_iter(_call(p) for p in primaries))
    if arounds:
        nexts = arounds[1:] + [L(S("MAKE-METHOD"), form)]
        form = L(S("CALL-METHOD"), arounds[0], lisp_list(*nexts))
    return form


def _effective_method_lambda(gf, form):
    args = pcl_sym("ARGS")
    expander = L(L(S("&REST"), args), L(sys_sym("%EXPAND-CALL-METHOD"), L(QUOTE, gf), args))
    return L(LAMBDA, L(S("&REST"), GF_ARGS), L(DECLARE, L(S("IGNORABLE"), GF_ARGS)),
             L(S("MACROLET"), L(Cons(S("CALL-METHOD"), expander),
                                L(S("MAKE-METHOD"), L(S("&REST"), args),
                                  L(DECLARE, L(S("IGNORE"), args)),
                                  L(QUOTE, L(S("ERROR"),
                                             LString("~S outside of a effective method form"),
                                             L(QUOTE, S("MAKE-METHOD")))))),
               form))


def compute_effective_function(em):
    """The effective method function of EM (a generator: gen primitive)."""
    gf = em.gf
    mc = gf.combination
    d = mc.definition
    if d is None:
        raise simple_error("~S is not a defined method combination type.", mc.name)
    if type(d) is ShortDefinition:
        form = short_effective_form(gf, d, mc.options, list(em.methods))
    else:
        form = yield from call_lisp(d.function, gf, mc, lisp_list(*em.methods))
        if d.args_lambda_list is not NIL:
            form = _bind_arguments(gf, d.args_lambda_list, form)
    fn = yield from call_lisp(S("EVAL"), _effective_method_lambda(gf, form))
    return fn


_COMPUTE = Primitive(sys_sym("%EFFECTIVE-METHOD-FUNCTION"), compute_effective_function, 1, 1,
                     kind="gen")


def _bind_arguments(gf, args_ll, form):
    """Wrap FORM so that the :ARGUMENTS lambda list's variables are bound
    to the generic function's arguments, as SBCL does: the lambda list
    may be shorter or longer than the generic function's."""
    items = list_to_py(args_ll)
    whole = None
    if items and items[0] is S("&WHOLE"):
        whole, items = items[1], items[2:]
    nreq = nopt = 0
    mode = None
    for x in items:
        if isinstance(x, Symbol) and x.name.startswith("&"):
            mode = x
        elif mode is None:
            nreq += 1
        elif mode is S("&OPTIONAL"):
            nopt += 1
    ignore = pcl_sym(".IGNORE.")
    body = [form]
    if S("&REST") not in items and S("&ALLOW-OTHER-KEYS") not in items:
        aux = items.index(S("&AUX")) if S("&AUX") in items else len(items)
        if S("&KEY") in items:
            items.insert(aux, S("&ALLOW-OTHER-KEYS"))
        else:
            items[aux:aux] = [S("&REST"), ignore]
            body.insert(0, L(DECLARE, L(S("IGNORE"), ignore)))
    frobbed = L(sys_sym("%FROB-COMBINED-METHOD-ARGS"), GF_ARGS, L(QUOTE, gf.lambda_list),
                nreq, nopt)
    bind = L(S("DESTRUCTURING-BIND"), lisp_list(*items), frobbed, *body)
    return bind if whole is None else L(LET, L(L(whole, GF_ARGS)), bind)


@defun("SYS:%FROB-COMBINED-METHOD-ARGS", "values lambda-list nreq nopt")
def frob_combined_method_args(values, lambda_list, nreq, nopt):
    """The generic function's arguments VALUES with the required and
    optional sections made NREQ and NOPT long (dropping values or adding
    NILs), then the rest."""
    vals = list_to_py(values)
    required, optional, section = [], [], "required"
    for arg in list_to_py(lambda_list):
        if isinstance(arg, Symbol) and arg.name.startswith("&"):
            section = arg
            if section is not S("&OPTIONAL"):
                break
        elif section == "required":
            required.append(vals.pop(0) if vals else NIL)
        elif vals:
            optional.append(vals.pop(0))
    had_values = bool(vals)
    required = required[:nreq] + [NIL] * (nreq - len(required))
    if len(optional) > nopt:
        optional = optional[:nopt]
    elif had_values:
        optional += [NIL] * (nopt - len(optional))
    return lisp_list(*(required + optional + vals))


def _is_make_method(x) -> bool:
    return type(x) is Cons and x.car is S("MAKE-METHOD")


def _method_form(x):
    if _is_make_method(x):
        ignore = pcl_sym(".IGNORE.")
        return L(sys_sym("%MAKE-METHOD"),
                 L(FUNCTION, L(LAMBDA, L(S("&REST"), ignore), L(DECLARE, L(S("IGNORE"), ignore)),
                               x.cdr.car)))
    return L(QUOTE, x)


@defun("SYS:%EXPAND-CALL-METHOD", "generic-function args")
def expand_call_method(gf, args):
    """The expansion of (CALL-METHOD . ARGS) in an effective method of GF."""
    items = list_to_py(args)
    if not 1 <= len(items) <= 2:
        raise program_error("malformed CALL-METHOD: ~S", Cons(S("CALL-METHOD"), args))
    if _is_make_method(items[0]):
        return items[0].cdr.car
    nexts = list_to_py(items[1]) if len(items) == 2 else []
    return L(sys_sym("%CALL-METHOD"), L(QUOTE, gf), _method_form(items[0]),
             Cons(S("LIST"), list_from_iter(_method_form(n) for n in nexts)), GF_ARGS)


@defun("SYS:%CALL-METHOD", "generic-function method next-methods args", kind="control")
def lisp_call_method(m, args):
    gf, meth, nexts, arglist = args
    if type(meth) is not Method:
        raise simple_error("~S is not a method: CALL-METHOD needs a method or a MAKE-METHOD form",
                           meth)
    real = list_to_py(arglist)
    meth.fn.invoke(m, [MethodChain(list_to_py(nexts), 0, gf, meth), real] + real)


@defun("SYS:%MAKE-METHOD", "function")
def lisp_make_method(fn):
    return Method((), [], fn, builtin=True)


# ---------------------------------------------------------------- defining
def _document(name, doc):
    if isinstance(doc, LString):
        DOCS[(name, "METHOD-COMBINATION")] = doc.value
    else:
        DOCS.pop((name, "METHOD-COMBINATION"), None)


@defun("SYS:%DEFINE-SHORT-METHOD-COMBINATION", "name operator identity-with-one-argument "
       "documentation")
def define_short(name, operator, ioa, doc):
    DEFINITIONS[name] = ShortDefinition(name, operator, ioa, doc)
    _document(name, doc)
    classes_changed()
    return name


@defun("SYS:%DEFINE-LONG-METHOD-COMBINATION", "name lambda-list args-lambda-list documentation "
       "function")
def define_long(name, lambda_list, args_ll, doc, fn):
    DEFINITIONS[name] = LongDefinition(name, lambda_list, fn, args_ll, doc)
    _document(name, doc)
    classes_changed()
    return name


for _name, _ioa in [("+", T), ("AND", T), ("APPEND", NIL), ("LIST", NIL), ("MAX", T), ("MIN", T),
                    ("NCONC", T), ("PROGN", T), ("OR", T)]:
    define_short(S(_name), S(_name), _ioa, NIL)


@defmacro("DEFINE-METHOD-COMBINATION")
def m_define_method_combination(form, env):
    args = args_of(form, 1)
    name = args[0]
    if len(args) > 1 and (type(args[1]) is Cons or args[1] is NIL):
        return _expand_long(name, args[1:])
    opts = args[1:]
    if len(opts) % 2:
        raise program_error("odd number of options in ~S", form)
    given = {opts[i]: opts[i + 1] for i in range(len(opts) - 2, -1, -2)}
    doc = given.get(keyword("DOCUMENTATION"), NIL)
    if doc is not NIL and not isinstance(doc, LString):
        raise program_error("~@<~S argument to the short form of ~S must be a string.~:@>",
                            keyword("DOCUMENTATION"), S("DEFINE-METHOD-COMBINATION"))
    return L(sys_sym("%DEFINE-SHORT-METHOD-COMBINATION"), L(QUOTE, name),
             L(QUOTE, given.get(keyword("OPERATOR"), name)),
             L(QUOTE, given.get(keyword("IDENTITY-WITH-ONE-ARGUMENT"), NIL)), doc)


_GF, _MC, _METHODS, _BLOCK = (pcl_sym(".GENERIC-FUNCTION."), pcl_sym(".METHOD-COMBINATION."),
                              pcl_sym(".APPLICABLE-METHODS."),
                              pcl_sym(".LONG-METHOD-COMBINATION-FUNCTION."))
_METHOD, _QUALIFIERS, _SPECIALIZERS = (pcl_sym(".METHOD."), pcl_sym(".QUALIFIERS."),
                                       pcl_sym(".SPECIALIZERS."))
_GROUP_OPTIONS = (keyword("DESCRIPTION"), keyword("ORDER"), keyword("REQUIRED"))


def _return(form):
    return L(S("RETURN-FROM"), _BLOCK, form)


def _lmc_error(control, name):
    return L(QUOTE, L(S("ERROR"), L(QUOTE, pcl_sym("LONG-METHOD-COMBINATION-ERROR")),
                      keyword("FORMAT-CONTROL"), LString(control),
                      keyword("FORMAT-ARGUMENTS"), L(S("LIST"), L(QUOTE, name))))


def _parse_group(spec):
    if type(spec) is not Cons or not isinstance(spec.car, Symbol):
        raise program_error("~@<Method group specifiers in the long form of ~S must begin with a "
                            "symbol.~:@>", S("DEFINE-METHOD-COMBINATION"))
    name = spec.car
    items = list_to_py(spec.cdr)
    patterns = []
    while items and items[0] not in _GROUP_OPTIONS:
        patterns.append(items.pop(0))
    if not patterns:
        raise program_error("~@<Method group specifiers in the long form of ~S must have at least "
                            "one qualifier pattern or predicate.~@:>", S("DEFINE-METHOD-COMBINATION"))
    opts = {items[i]: items[i + 1] for i in range(len(items) - 2, -1, -2)}
    tests = []
    for p in patterns:
        if p is NIL:
            tests.append(L(S("NULL"), _QUALIFIERS))
        elif p is S("*"):
            tests.append(T)
        elif isinstance(p, Symbol):
            tests.append(L(p, _QUALIFIERS))
        else:
            tests.append(L(sys_sym("%QUALIFIER-PATTERN-MATCH-P"), L(QUOTE, p), _QUALIFIERS))
    return (name, tests, patterns, opts.get(keyword("ORDER"), _FIRST),
            opts.get(keyword("REQUIRED"), NIL))


def _constant_value(form):
    """(True, value) when FORM is a constant, else (False, None)."""
    if type(form) is Cons:
        return (True, form.cdr.car) if form.car is QUOTE else (False, None)
    if isinstance(form, Symbol):
        if form is NIL or form is T or form.package is KEYWORD:
            return True, form
        return False, None
    return True, form


def _expand_long(name, args):
    lambda_list, groups, body = args[0], args[1] if len(args) > 1 else None, args[2:]
    if groups is None:
        raise program_error("~@<The long form of ~S requires a list of method group "
                            "specifiers.~:@>", S("DEFINE-METHOD-COMBINATION"))
    args_ll, gf_var = NIL, None
    if body and type(body[0]) is Cons and body[0].car is keyword("ARGUMENTS"):
        args_ll = body.pop(0).cdr
    if body and type(body[0]) is Cons and body[0].car is keyword("GENERIC-FUNCTION"):
        gf_var = body.pop(0).cdr.car
    from .clos_macros import split_body
    decls, doc, forms = split_body(list_from_iter(body))
    specs = [_parse_group(g) for g in list_to_py(groups)]
    bindings, caches, clauses, required, cleanups = [], [], [], [], []
    for var in _lambda_list_variables(args_ll):
        bindings.append(L(var, L(QUOTE, var)))
    if gf_var is not None:
        bindings.append(L(gf_var, _GF))
    for gname, tests, patterns, order, req in specs:
        cache = Symbol("SPECIALIZERS-" + gname.name)
        bindings.append(L(gname, NIL))
        caches.append(cache)
        constant, order_value = _constant_value(order)
        order_var = Symbol("ORDER-" + gname.name)
        if not constant:
            bindings.append(L(order_var, order))
        if len(specs) == 1 and patterns == [S("*")]:
            matters = NIL
        elif constant:
            matters = T if order_value is not NIL else NIL
        else:
            matters = L(S("NOT"), L(S("EQL"), order_var, NIL))
        dup = L(S("IF"), L(S("AND"), matters, L(S("EQUAL"), cache, _SPECIALIZERS),
                           L(S("NOT"), L(S("NULL"), _SPECIALIZERS))),
                _return(_lmc_error("More than one method of type ~S with the same specializers.",
                                   gname)),
                L(S("SETQ"), cache, _SPECIALIZERS))
        clauses.append(L(Cons(S("OR"), lisp_list(*tests)), dup, L(S("PUSH"), _METHOD, gname)))
        if req is not NIL:
            required.append(L(S("WHEN"), L(S("NULL"), gname),
                              _return(_lmc_error("No ~S methods.", gname))))
        reverse = L(S("SETQ"), gname, L(S("NREVERSE"), gname))
        if constant:
            if order_value is _FIRST:
                cleanups.append(reverse)
        else:
            cleanups.append(L(S("ECASE"), order_var, L(_FIRST, reverse), L(L(NIL, _LAST))))
    clauses.append(L(T, _return(L(S("LIST"), L(QUOTE, S("INVALID-METHOD-ERROR")),
                                  L(S("LIST"), L(QUOTE, QUOTE), _METHOD),
                                  LString("~@<is applicable, but does not belong to any method "
                                          "group~@:>")))))
    loop = L(S("DOLIST"), L(_METHOD, _METHODS),
             L(LET, L(L(_QUALIFIERS, L(S("METHOD-QUALIFIERS"), _METHOD)),
                      L(_SPECIALIZERS, L(intern_name("SB-MOP:METHOD-SPECIALIZERS"), _METHOD))),
               L(DECLARE, L(S("IGNORABLE"), _QUALIFIERS, _SPECIALIZERS)),
               Cons(S("COND"), lisp_list(*clauses))))
    inner = L(LET, lisp_list(*bindings, *[L(c, NIL) for c in caches]),
              L(DECLARE, Cons(S("IGNORABLE"), lisp_list(*caches))),
              *decls, loop, *required, *cleanups, *forms)
    if lambda_list is not NIL:
        inner = L(S("APPLY"), L(FUNCTION, L(LAMBDA, lambda_list, inner)),
                  L(sys_sym("%METHOD-COMBINATION-OPTIONS"), _MC))
    fn = L(FUNCTION, L(LAMBDA, L(_GF, _MC, _METHODS),
                       L(DECLARE, L(S("IGNORABLE"), _GF, _MC, _METHODS)),
                       L(BLOCK, _BLOCK, inner)))
    return L(sys_sym("%DEFINE-LONG-METHOD-COMBINATION"), L(QUOTE, name), L(QUOTE, lambda_list),
             L(QUOTE, args_ll), doc, fn)


def _lambda_list_variables(ll):
    out = []
    for x in list_to_py(ll):
        if isinstance(x, Symbol) and x.name.startswith("&"):
            continue
        if type(x) is Cons:
            var = x.car
            if type(var) is Cons:      # ((:key var) ...)
                var = var.cdr.car
            out.append(var)
            if type(x.cdr) is Cons and type(x.cdr.cdr) is Cons:
                out.append(x.cdr.cdr.car)
        else:
            out.append(x)
    return out


@defun("SYS:%METHOD-COMBINATION-OPTIONS", "method-combination")
def lisp_mc_options(mc):
    return mc.options


@defun("SYS:%QUALIFIER-PATTERN-MATCH-P", "pattern qualifiers")
def qualifier_pattern_match_p(pattern, qualifiers):
    """Does the list PATTERN match QUALIFIERS? As in SBCL 2.2, * matches
    any qualifiers only as the pattern's tail, (:B . *); inside the list
    it is compared like any other qualifier."""
    while True:
        if pattern is NIL and qualifiers is NIL:
            return T
        if pattern is S("*"):
            return T
        if type(pattern) is Cons and type(qualifiers) is Cons and pattern.car is qualifiers.car:
            pattern, qualifiers = pattern.cdr, qualifiers.cdr
            continue
        return NIL


@defun("METHOD-COMBINATION-ERROR", "format-control &rest arguments")
def lisp_method_combination_error(control, *args):
    """Signal an error about the method combination being computed."""
    raise simple_error("~@<method combination error in CLOS dispatch: ~2I~_~?~:>", control,
                       lisp_list(*args))


@defun("INVALID-METHOD-ERROR", "method format-control &rest arguments")
def lisp_invalid_method_error(meth, control, *args):
    """Signal an error about METHOD, which the method combination cannot
    use."""
    raise simple_error("~@<invalid method error for ~2I~_~S ~I~_method: ~2I~_~?~:>", meth,
                       control, lisp_list(*args))


@defmacro("CALL-METHOD")
def m_call_method(form, env):
    return L(S("ERROR"), LString("~S outside of a effective method form"),
             L(QUOTE, S("CALL-METHOD")))


@defmacro("MAKE-METHOD")
def m_make_method(form, env):
    return L(S("ERROR"), LString("~S outside of a effective method form"),
             L(QUOTE, S("MAKE-METHOD")))


def _define_classes():
    from .conditions import condition_class, report_simple
    define_class("METHOD-COMBINATION", ("STANDARD-OBJECT",))
    for n in ("STANDARD-METHOD-COMBINATION", "SHORT-METHOD-COMBINATION",
              "LONG-METHOD-COMBINATION"):
        define_class(pcl_sym(n), (CLASSES[S("METHOD-COMBINATION")],))
    def report(c, stream):
        report_simple(c, stream)
        stream.write("\nSee also:\n  The ANSI Standard, Macro DEFINE-METHOD-COMBINATION")
    condition_class("SB-PCL::LONG-METHOD-COMBINATION-ERROR", ["SIMPLE-ERROR"], report=report)
    OTHER_CLASS_OF[MethodCombination] = lambda x: CLASSES[x.class_name()]


_define_classes()

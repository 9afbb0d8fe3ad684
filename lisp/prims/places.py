"""Places beyond the basic SETF: the macros that move values between
several places (ROTATEF, SHIFTF), REMF, the GETF, VALUES, LDB, MASK-FIELD
and APPLY places, and the
operators that define new places (DEFSETF, DEFINE-SETF-EXPANDER,
DEFINE-MODIFY-MACRO) or expose an expansion (GET-SETF-EXPANSION).

A setf expander is a Python callable (place, env) -> (temps, values,
store, store-form, access-form) kept in ``Symbol.setf_expander``, as
``macros.place_expansion`` uses it; temps and values are Python lists, and
store is one store variable or a Lisp list of them (a VALUES place, or a
DEFSETF with several store variables). Expanders defined in Lisp are Lisp
functions called from here while the place is being expanded.
"""
from __future__ import annotations

from ..dynamic import state
from ..errors import program_error, simple_error
from ..functions import defun, Primitive
from ..macros import (defmacro, args_of, body_of, gensym, place_expansion, L, S, LET, LETSTAR,
                      QUOTE, FUNCTION, LAMBDA, MACRO_LAMBDA)
from ..objects import (NIL, MV, Cons, Symbol, LString, Char, sys_sym, list_to_py,
                       list_from_iter)

MULTIPLE_VALUE_BIND = S("MULTIPLE-VALUE-BIND")


def _bindings(temps, vals):
    return [L(t, v) for t, v in zip(temps, vals)]


# ---------------------------------------------------------------- moving values between places
@defmacro("ROTATEF")
def m_rotatef(form, env):
    """Each place takes the value of the next, the last the first's; NIL."""
    exps = [place_expansion(p, env) for p in args_of(form, 0)]
    if not exps:
        return NIL
    bindings = [b for e in exps for b in _bindings(e[0], e[1])]
    accesses = [e[4] for e in exps]
    bindings += [L(e[2], a) for e, a in zip(exps, accesses[1:] + accesses[:1])]
    return L(LETSTAR, list_from_iter(bindings), *[e[3] for e in exps], NIL)


@defmacro("SHIFTF")
def m_shiftf(form, env):
    """Each place takes the value of the next, the last NEW-VALUE; returns
    the first place's old value."""
    args = args_of(form, 2)
    exps = [place_expansion(p, env) for p in args[:-1]]
    old = gensym("OLD")
    bindings = [b for e in exps for b in _bindings(e[0], e[1])]
    bindings.append(L(old, exps[0][4]))
    news = [e[4] for e in exps[1:]] + [args[-1]]
    bindings += [L(e[2], n) for e, n in zip(exps, news)]
    return L(LETSTAR, list_from_iter(bindings), *[e[3] for e in exps], old)


# ---------------------------------------------------------------- property lists and VALUES
@defmacro("REMF")
def m_remf(form, env):
    place, indicator = args_of(form, 2, 2)
    temps, vals, store, store_form, access = place_expansion(place, env)
    found = gensym("FOUND")
    return L(LETSTAR, list_from_iter(_bindings(temps, vals)),
             L(MULTIPLE_VALUE_BIND, L(store, found), L(sys_sym("%REMF"), access, indicator),
               store_form, found))


def _getf_expansion(place, env):
    """(getf plist-place indicator [default]): storing puts the new value
    into the plist and the plist back into its own place."""
    args = args_of(place, 2, 3)
    temps, vals, pstore, pstore_form, paccess = place_expansion(args[0], env)
    indicator, store = gensym("INDICATOR"), gensym("NEW")
    temps, vals = temps + [indicator], vals + [args[1]]
    default = []
    if len(args) == 3:
        default = [gensym("DEFAULT")]
        temps, vals = temps + default, vals + [args[2]]
    store_form = L(LET, L(L(pstore, L(sys_sym("%PUTF"), paccess, indicator, store))),
                   pstore_form, store)
    return temps, vals, store, store_form, L(S("GETF"), paccess, indicator, *default)


def _values_expansion(place, env):
    """(values place...): one store variable per place, SETF binds them
    with MULTIPLE-VALUE-BIND."""
    exps = [place_expansion(p, env) for p in args_of(place, 0)]
    return ([t for e in exps for t in e[0]], [v for e in exps for v in e[1]],
            list_from_iter(e[2] for e in exps), L(S("VALUES"), *[e[3] for e in exps]),
            L(S("VALUES"), *[e[4] for e in exps]))


def _byte_expansion(deposit):
    """(ldb bytespec place) and (mask-field bytespec place), as SBCL expands
    them: BYTESPEC (a (BYTE size position) form's two arguments) is
    evaluated before PLACE's subforms, storing deposits the new value into
    PLACE's integer and stores that back, and the value is the new value
    (not the integer)."""
    def expand(place, env):
        bytespec, inner = args_of(place, 2, 2)
        temps, vals, pstore, pstore_form, paccess = place_expansion(inner, env)
        if type(bytespec) is Cons and bytespec.car is S("BYTE"):
            stemps, svals, passed = _argument_temps(args_of(bytespec, 2, 2))
            spec = L(S("BYTE"), *passed)
        else:
            spec = gensym("BYTESPEC")
            stemps, svals = [spec], [bytespec]
        store = gensym("NEW")
        deposited = L(deposit, store, spec, paccess)
        if isinstance(inner, Symbol) and paccess is inner:
            store_form = L(S("PROGN"), L(S("SETQ"), inner, deposited), store)
        else:
            store_form = L(LET, L(L(pstore, deposited)), pstore_form, store)
        return (stemps + temps, svals + vals, store, store_form,
                L(place.car, spec, paccess))
    return expand


def _apply_expansion(place, env):
    """(apply #'name arg... list): storing calls #'(setf name) with the new
    value first, as SBCL; only a #'SYMBOL function is a place."""
    args = args_of(place, 2)
    fn = args[0]
    if not (type(fn) is Cons and fn.car is FUNCTION and type(fn.cdr) is Cons
            and isinstance(fn.cdr.car, Symbol) and fn.cdr.cdr is NIL):
        raise simple_error("SETF of APPLY is only defined for function args like #'SYMBOL.")
    temps = [gensym("ARG") for _ in args[1:]]
    store = gensym("NEW")
    return (temps, args[1:], store,
            L(S("APPLY"), L(FUNCTION, L(S("SETF"), fn.cdr.car)), store, *temps),
            L(S("APPLY"), fn, *temps))


S("GETF").setf_expander = _getf_expansion
S("VALUES").setf_expander = _values_expansion
S("LDB").setf_expander = _byte_expansion(S("DPB"))
S("MASK-FIELD").setf_expander = _byte_expansion(S("DEPOSIT-FIELD"))
S("APPLY").setf_expander = _apply_expansion


# ---------------------------------------------------------------- defining places
def _primary(v):
    return v.primary if type(v) is MV else v


def _is_self_evaluating(x):
    return (isinstance(x, (int, float, LString, Char))
            or (isinstance(x, Symbol) and x.is_constant))


def _argument_temps(args):
    """Temporaries for the argument forms of a place: constants (keywords
    above all, so a &KEY lambda list still sees them) are passed as they
    are."""
    temps, vals, passed = [], [], []
    for a in args:
        if _is_self_evaluating(a):
            passed.append(a)
        else:
            t = gensym("ARG")
            temps.append(t)
            vals.append(a)
            passed.append(t)
    return temps, vals, passed


def _name_of(form, what):
    name = args_of(form, 1)[0]
    if not isinstance(name, Symbol):
        raise program_error("~A: the access function name ~S is not a symbol", LString(what), name)
    return name


@defmacro("DEFSETF")
def m_defsetf(form, env):
    """(defsetf access update [doc]) or
    (defsetf access lambda-list (store-variable*) body...)."""
    name = _name_of(form, "DEFSETF")
    args = args_of(form, 2)
    if len(args) <= 3 and isinstance(args[1], Symbol) and args[1] is not NIL:
        return L(sys_sym("%DEFSETF-SHORT"), L(QUOTE, name), L(QUOTE, args[1]))
    if len(args) < 3:
        raise program_error("DEFSETF: no store variables in ~S", form)
    lambda_list, stores = args[1], args[2]
    params = _without_environment(lambda_list)
    body = body_of(form, 3)
    return L(sys_sym("%DEFSETF-LONG"), L(QUOTE, name), len(list_to_py(stores)),
             L(FUNCTION, Cons(LAMBDA, Cons(list_from_iter(list_to_py(stores) + params), body))))


def _without_environment(lambda_list):
    items = list_to_py(lambda_list)
    out, i = [], 0
    while i < len(items):
        if items[i] is S("&ENVIRONMENT"):
            i += 2
            continue
        out.append(items[i])
        i += 1
    return out


@defun("SYS:%DEFSETF-SHORT", "name update")
def defsetf_short(name, update):
    def expander(place, env):
        temps, vals, passed = _argument_temps(args_of(place, 0))
        store = gensym("NEW")
        return (temps, vals, store, L(update, *passed, store),
                Cons(name, list_from_iter(passed)))
    name.setf_expander = expander
    return name


@defun("SYS:%DEFSETF-LONG", "name store-count function")
def defsetf_long(name, store_count, fn):
    def expander(place, env):
        temps, vals, passed = _argument_temps(args_of(place, 0))
        stores = [gensym("NEW") for _ in range(store_count)]
        store_form = _primary(state.machine.call_nested(fn, stores + passed))
        store = stores[0] if store_count == 1 else list_from_iter(stores)
        return temps, vals, store, store_form, Cons(name, list_from_iter(passed))
    name.setf_expander = expander
    return name


@defmacro("DEFINE-SETF-EXPANDER")
def m_define_setf_expander(form, env):
    """(define-setf-expander access lambda-list body...): BODY, with the
    place's arguments destructured by the macro LAMBDA-LIST, returns the
    five values of a setf expansion."""
    name = _name_of(form, "DEFINE-SETF-EXPANDER")
    lambda_list = args_of(form, 2)[1]
    return L(sys_sym("%DEFINE-SETF-EXPANDER"), L(QUOTE, name),
             Cons(MACRO_LAMBDA, Cons(name, Cons(lambda_list, body_of(form, 2)))))


@defun("SYS:%DEFINE-SETF-EXPANDER", "name expander")
def define_setf_expander(name, fn):
    def expander(place, env):
        r = state.machine.call_nested(fn, [place, env if env is not None else NIL])
        values = list(r) if type(r) is MV else [r]
        values += [NIL] * (5 - len(values))
        temps, vals, stores, store_form, access = values[:5]
        stores = list_to_py(stores)
        store = stores[0] if len(stores) == 1 else list_from_iter(stores)
        return list_to_py(temps), list_to_py(vals), store, store_form, access
    name.setf_expander = expander
    return name


@defun("GET-SETF-EXPANSION", "place &optional environment", mv=True)
def get_setf_expansion(place, environment=NIL):
    """The five values of PLACE's setf expansion: temporaries, their value
    forms, store variables, store form and access form."""
    temps, vals, store, store_form, access = place_expansion(place, environment)
    stores = store if type(store) is Cons or store is NIL else L(store)
    return MV((list_from_iter(temps), list_from_iter(vals), stores, store_form, access))


@defmacro("DEFINE-MODIFY-MACRO")
def m_define_modify_macro(form, env):
    """(define-modify-macro name lambda-list function [doc])."""
    name = _name_of(form, "DEFINE-MODIFY-MACRO")
    lambda_list, function = args_of(form, 3, 4)[1:3]
    return L(sys_sym("%DEFINE-MODIFY-MACRO"), L(QUOTE, name), L(QUOTE, lambda_list),
             L(QUOTE, function))


def _modify_macro_arguments(lambda_list, forms, use):
    """The argument forms FUNCTION gets: FORMS matched against the required,
    &OPTIONAL and &REST parameters of LAMBDA-LIST, a missing optional
    argument replaced by its default form."""
    out, state_, forms = [], "required", list(forms)
    for p in list_to_py(lambda_list):
        if p is S("&OPTIONAL"):
            state_ = "optional"
        elif p is S("&REST"):
            state_ = "rest"
        elif state_ == "rest":
            out += forms
            forms = []
        elif forms:
            out.append(forms.pop(0))
        elif state_ == "optional":
            out.append(p.cdr.car if type(p) is Cons and p.cdr is not NIL else NIL)
        else:
            raise program_error("too few arguments in ~S", use)
    if forms:
        raise program_error("too many arguments in ~S", use)
    return out


@defun("SYS:%DEFINE-MODIFY-MACRO", "name lambda-list function")
def define_modify_macro(name, lambda_list, function):
    """Make NAME a macro that updates a place with FUNCTION of its value and
    the macro's other arguments; those are evaluated after the place's
    subforms and before the place is read, as in SBCL."""
    def expand(use, env):
        args = args_of(use, 1)
        temps, vals, store, store_form, access = place_expansion(args[0], env)
        arg_temps, arg_vals, passed = _argument_temps(
            _modify_macro_arguments(lambda_list, args[1:], use))
        bindings = _bindings(temps + arg_temps, vals + arg_vals)
        bindings.append(L(store, L(function, access, *passed)))
        return L(LETSTAR, list_from_iter(bindings), store_form)
    name.macro = Primitive(name, expand, 2, 2)
    return name

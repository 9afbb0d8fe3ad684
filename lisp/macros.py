"""Standard macros written in Python: each is a function (form, env) ->
expansion, registered as the macro function of its symbol. These are the
macros the rest of the system (and the Lisp stdlib itself) is built from;
expanding them costs no Lisp calls, which keeps start-up fast.
"""
from __future__ import annotations

import itertools

from .errors import program_error
from .functions import Primitive, intern_name
from .objects import (NIL, T, Cons, Symbol, LString, cl_sym, sys_sym, lisp_list,
                      list_to_py, list_from_iter, KEYWORD, Vector)

S = cl_sym
L = lisp_list
QUOTE, FUNCTION, LAMBDA, PROGN, LET, LETSTAR, IF, SETQ, BLOCK = (
    S("QUOTE"), S("FUNCTION"), S("LAMBDA"), S("PROGN"), S("LET"), S("LET*"), S("IF"),
    S("SETQ"), S("BLOCK"))
TAGBODY, GO, RETURN_FROM, FUNCALL, APPLY, LIST, CONS, APPEND, NCONC = (
    S("TAGBODY"), S("GO"), S("RETURN-FROM"), S("FUNCALL"), S("APPLY"), S("LIST"),
    S("CONS"), S("APPEND"), S("NCONC"))
DECLARE, SETF, OTHERWISE, NOT, EQL, MEMBER, TYPEP, ERROR = (
    S("DECLARE"), S("SETF"), S("OTHERWISE"), S("NOT"), S("EQL"), S("MEMBER"), S("TYPEP"),
    S("ERROR"))
NAMED_LAMBDA = sys_sym("NAMED-LAMBDA")
MACRO_LAMBDA = sys_sym("MACRO-LAMBDA")
QUASIQUOTE, UNQUOTE, UNQUOTE_SPLICING, UNQUOTE_NSPLICING = (
    sys_sym("QUASIQUOTE"), sys_sym("UNQUOTE"), sys_sym("UNQUOTE-SPLICING"),
    sys_sym("UNQUOTE-NSPLICING"))

_gensym_counter = itertools.count(1)


def gensym(prefix="G"):
    return Symbol(f"{prefix}{next(_gensym_counter)}")


def defmacro(name):
    """Register the decorated Python function (form, env) -> expansion as the
    macro NAME (package prefix allowed, default COMMON-LISP)."""
    def reg(fn):
        sym = intern_name(name)
        sym.macro = Primitive(sym, fn, 2, 2)
        return fn
    return reg


def args_of(form, lo, hi=None):
    """The arguments of FORM as a Python list, checking their count."""
    items = []
    x = form.cdr
    while type(x) is Cons:
        items.append(x.car)
        x = x.cdr
    if x is not NIL:
        raise program_error("~S is not a proper list", form)
    if len(items) < lo or (hi is not None and len(items) > hi):
        raise program_error("~A: wrong number of arguments in ~S",
                            LString(form.car.name if isinstance(form.car, Symbol) else "macro"), form)
    return items


def body_of(form, n):
    """The Lisp list of FORM's elements after the first N arguments."""
    x = form.cdr
    for _ in range(n):
        if type(x) is not Cons:
            raise program_error("malformed ~S", form)
        x = x.cdr
    return x


def progn(body):
    if body is NIL:
        return NIL
    if type(body) is Cons and body.cdr is NIL:
        return body.car
    return Cons(PROGN, body)


# ---------------------------------------------------------------- backquote
def bq_expand(x, depth=1):
    """Expand the backquoted template X (the argument of QUASIQUOTE) into
    list-building code. Nested backquotes increase DEPTH; only unquotes at
    depth 1 are evaluated."""
    if type(x) is Vector:
        return L(S("COERCE"), bq_expand(list_from_iter(x.active()), depth), L(QUOTE, S("SIMPLE-VECTOR")))
    if type(x) is not Cons:
        if isinstance(x, Symbol) and not (x is NIL or x is T or x.package is KEYWORD):
            return L(QUOTE, x)
        return x
    op = x.car
    if op is UNQUOTE:
        if depth == 1:
            return x.cdr.car
        return L(LIST, L(QUOTE, UNQUOTE), bq_expand(x.cdr.car, depth - 1))
    if op is QUASIQUOTE:
        return L(LIST, L(QUOTE, QUASIQUOTE), bq_expand(x.cdr.car, depth + 1))
    if op is UNQUOTE_SPLICING or op is UNQUOTE_NSPLICING:
        if depth == 1:
            raise program_error(",@ after backquote in ~S", x)
        return L(LIST, L(QUOTE, op), bq_expand(x.cdr.car, depth - 1))
    # a list: build it segment by segment
    segments = []
    while type(x) is Cons:
        item = x.car
        if x.car is UNQUOTE and depth == 1:
            # `(a . ,b)
            segments.append(x.cdr.car)
            x = NIL
            break
        if type(item) is Cons and item.car in (UNQUOTE_SPLICING, UNQUOTE_NSPLICING) and depth == 1:
            segments.append(item.cdr.car)
        else:
            segments.append(L(LIST, bq_expand(item, depth)))
        x = x.cdr
    if x is not NIL:
        segments.append(bq_expand(x, depth))
    if len(segments) == 1:
        return segments[0]
    # (append (list a) (list b) x) -> (list* a b x) when possible
    if all(type(s) is Cons and s.car is LIST and s.cdr.cdr is NIL for s in segments[:-1]):
        last = segments[-1]
        items = [s.cdr.car for s in segments[:-1]]
        if type(last) is Cons and last.car is LIST:
            return L(LIST, *items, *list_to_py(last.cdr))
        return L(S("LIST*"), *items, last)
    return L(APPEND, *segments)


@defmacro("SYS:QUASIQUOTE")
def m_quasiquote(form, env):
    (x,) = args_of(form, 1, 1)
    return bq_expand(x)


# ---------------------------------------------------------------- definitions
def function_block_name(name):
    if isinstance(name, Symbol):
        return name
    return name.cdr.car


@defmacro("DEFUN")
def m_defun(form, env):
    args = args_of(form, 2)
    name, ll = args[0], args[1]
    body = body_of(form, 2)
    return L(sys_sym("%DEFUN"), L(QUOTE, name),
             L(FUNCTION, Cons(NAMED_LAMBDA, Cons(name, Cons(ll, body)))))


@defmacro("DEFMACRO")
def m_defmacro(form, env):
    args = args_of(form, 2)
    name, ll = args[0], args[1]
    if not isinstance(name, Symbol):
        raise program_error("the macro name ~S is not a symbol", name)
    body = body_of(form, 2)
    return L(sys_sym("%DEFMACRO"), L(QUOTE, name),
             Cons(MACRO_LAMBDA, Cons(name, Cons(ll, body))))


@defmacro("LAMBDA")
def m_lambda(form, env):
    return L(FUNCTION, form)


@defmacro("DEFVAR")
def m_defvar(form, env):
    args = args_of(form, 1, 3)
    name = args[0]
    out = [sys_sym("%DEFVAR"), L(QUOTE, name)]
    if len(args) > 1:
        out += [L(FUNCTION, L(LAMBDA, NIL, args[1])), T]
    else:
        out += [NIL, NIL]
    out.append(args[2] if len(args) > 2 else NIL)
    return L(PROGN, L(*out), L(QUOTE, name))


@defmacro("DEFPARAMETER")
def m_defparameter(form, env):
    name, value, *doc = args_of(form, 2, 3)
    return L(sys_sym("%DEFPARAMETER"), L(QUOTE, name), value, doc[0] if doc else NIL)


@defmacro("DEFCONSTANT")
def m_defconstant(form, env):
    name, value, *doc = args_of(form, 2, 3)
    return L(sys_sym("%DEFCONSTANT"), L(QUOTE, name), value, doc[0] if doc else NIL)


@defmacro("DEFINE-SYMBOL-MACRO")
def m_define_symbol_macro(form, env):
    name, expansion = args_of(form, 2, 2)
    return L(sys_sym("%DEFINE-SYMBOL-MACRO"), L(QUOTE, name), L(QUOTE, expansion))


@defmacro("DECLAIM")
def m_declaim(form, env):
    return L(PROGN, *[L(S("PROCLAIM"), L(QUOTE, d)) for d in args_of(form, 0)], NIL)


# ---------------------------------------------------------------- conditionals
@defmacro("AND")
def m_and(form, env):
    args = args_of(form, 0)
    if not args:
        return T
    r = args[-1]
    for a in reversed(args[:-1]):
        r = L(IF, a, r, NIL)
    return r


@defmacro("OR")
def m_or(form, env):
    args = args_of(form, 0)
    if not args:
        return NIL
    r = args[-1]
    for a in reversed(args[:-1]):
        g = gensym("OR")
        r = L(LET, L(L(g, a)), L(IF, g, g, r))
    return r


@defmacro("WHEN")
def m_when(form, env):
    test = args_of(form, 1)[0]
    return L(IF, test, progn(body_of(form, 1)), NIL)


@defmacro("UNLESS")
def m_unless(form, env):
    test = args_of(form, 1)[0]
    return L(IF, test, NIL, progn(body_of(form, 1)))


@defmacro("COND")
def m_cond(form, env):
    clauses = args_of(form, 0)
    r = NIL
    for c in reversed(clauses):
        if type(c) is not Cons:
            raise program_error("malformed COND clause ~S", c)
        test, body = c.car, c.cdr
        if body is NIL:
            g = gensym("COND")
            r = L(LET, L(L(g, test)), L(IF, g, g, r))
        elif test is T and r is NIL:
            r = progn(body)
        else:
            r = L(IF, test, progn(body), r)
    return r


def _case(form, test_fn, exhaustive, what):
    args = args_of(form, 1)
    keyform, clauses = args[0], args[1:]
    g = gensym("KEY")
    r = NIL
    all_keys = []
    if exhaustive:
        r = L(sys_sym("%CASE-FAILURE"), g, L(QUOTE, list_from_iter(all_keys)), L(QUOTE, S(what)))
    for i, c in enumerate(reversed(clauses)):
        if type(c) is not Cons:
            raise program_error("malformed ~A clause ~S", LString(what), c)
        keys, body = c.car, c.cdr
        last = i == 0
        if (keys is T or keys is OTHERWISE) and not exhaustive:
            if not last:
                raise program_error("~S is not the last clause of ~A", c, LString(what))
            r = progn(body) if body is not NIL else NIL
            continue
        klist = list_to_py(keys) if type(keys) is Cons else ([] if keys is NIL else [keys])
        all_keys[0:0] = klist
        test = test_fn(g, klist)
        r = L(IF, test, progn(body) if body is not NIL else NIL, r)
    if exhaustive:
        # the failure form was built before all keys were known: rebuild it
        fail = L(sys_sym("%CASE-FAILURE"), g, L(QUOTE, list_from_iter(all_keys)), L(QUOTE, S(what)))
        r = _replace_failure(r, fail)
    return L(LET, L(L(g, keyform)), r)


def _replace_failure(r, fail):
    if type(r) is Cons and r.car is sys_sym("%CASE-FAILURE"):
        return fail
    if type(r) is Cons and r.car is IF:
        a = list_to_py(r)
        return L(IF, a[1], a[2], _replace_failure(a[3], fail))
    return r


def _case_test(g, keys):
    if len(keys) == 1:
        return L(EQL, g, L(QUOTE, keys[0]))
    return L(MEMBER, g, L(QUOTE, list_from_iter(keys)))


def _typecase_test(g, types):
    if len(types) == 1:
        return L(TYPEP, g, L(QUOTE, types[0]))
    return L(S("OR"), *[L(TYPEP, g, L(QUOTE, t)) for t in types])


@defmacro("CASE")
def m_case(form, env):
    return _case(form, _case_test, False, "CASE")


@defmacro("ECASE")
def m_ecase(form, env):
    return _case(form, _case_test, True, "ECASE")


@defmacro("CCASE")
def m_ccase(form, env):
    return _case(form, _case_test, True, "CCASE")


def _typecase(form, exhaustive, what):
    args = args_of(form, 1)
    keyform, clauses = args[0], args[1:]
    g = gensym("KEY")
    types = []
    r = NIL
    for i, c in enumerate(reversed(clauses)):
        t, body = c.car, c.cdr
        if (t is T or t is OTHERWISE) and not exhaustive and i == 0:
            r = progn(body)
            continue
        types.insert(0, t)
        r = L(IF, L(TYPEP, g, L(QUOTE, t)), progn(body) if body is not NIL else NIL, r)
    if exhaustive:
        fail = L(sys_sym("%TYPECASE-FAILURE"), g, L(QUOTE, list_from_iter(types)), L(QUOTE, S(what)))
        r = _replace_nil_tail(r, fail)
    return L(LET, L(L(g, keyform)), r)


def _replace_nil_tail(r, fail):
    if r is NIL:
        return fail
    if type(r) is Cons and r.car is IF:
        a = list_to_py(r)
        return L(IF, a[1], a[2], _replace_nil_tail(a[3], fail))
    return r


@defmacro("TYPECASE")
def m_typecase(form, env):
    return _typecase(form, False, "TYPECASE")


@defmacro("ETYPECASE")
def m_etypecase(form, env):
    return _typecase(form, True, "ETYPECASE")


@defmacro("CTYPECASE")
def m_ctypecase(form, env):
    return _typecase(form, True, "CTYPECASE")


# ---------------------------------------------------------------- sequencing
@defmacro("PROG1")
def m_prog1(form, env):
    first = args_of(form, 1)[0]
    g = gensym("PROG1")
    return L(LET, L(L(g, first)), *body_of(form, 1), g)


@defmacro("PROG2")
def m_prog2(form, env):
    a, b = args_of(form, 2)[:2]
    g = gensym("PROG2")
    return L(PROGN, a, L(LET, L(L(g, b)), *body_of(form, 2), g))


@defmacro("RETURN")
def m_return(form, env):
    args = args_of(form, 0, 1)
    return L(RETURN_FROM, NIL, args[0] if args else NIL)


def _split_decls(body):
    decls = []
    x = body
    while type(x) is Cons and type(x.car) is Cons and x.car.car is DECLARE:
        decls.append(x.car)
        x = x.cdr
    return decls, x


@defmacro("PROG")
def m_prog(form, env):
    return _prog(form, LET)


@defmacro("PROG*")
def m_progstar(form, env):
    return _prog(form, LETSTAR)


def _prog(form, let):
    bindings = args_of(form, 1)[0]
    decls, body = _split_decls(body_of(form, 1))
    return L(BLOCK, NIL, L(let, bindings, *decls, Cons(TAGBODY, body)))


# ---------------------------------------------------------------- iteration
@defmacro("DOLIST")
def m_dolist(form, env):
    spec = args_of(form, 1)[0]
    items = list_to_py(spec)
    if len(items) not in (2, 3) or not isinstance(items[0], Symbol):
        raise program_error("malformed DOLIST spec ~S", spec)
    var, listform = items[0], items[1]
    result = items[2] if len(items) == 3 else NIL
    decls, body = _split_decls(body_of(form, 1))
    g = gensym("LIST")
    top = gensym("TOP")
    return L(BLOCK, NIL,
             L(LET, L(L(g, listform)),
               L(TAGBODY, top,
                 # as SBCL: the result form sees VAR bound to NIL (with the
                 # declarations), and without one VAR is not bound at the end
                 L(IF, L(S("ENDP"), g), L(RETURN_FROM, NIL,
                                          L(LET, L(L(var, NIL)), *decls, var, result)
                                          if len(items) == 3 else NIL)),
                 L(LET, L(L(var, L(S("CAR"), g))), *decls, Cons(TAGBODY, body)),
                 L(SETQ, g, L(S("CDR"), g)),
                 L(GO, top))))


@defmacro("DOTIMES")
def m_dotimes(form, env):
    spec = args_of(form, 1)[0]
    items = list_to_py(spec)
    if len(items) not in (2, 3) or not isinstance(items[0], Symbol):
        raise program_error("malformed DOTIMES spec ~S", spec)
    var, countform = items[0], items[1]
    result = items[2] if len(items) == 3 else NIL
    decls, body = _split_decls(body_of(form, 1))
    n = gensym("COUNT")
    top = gensym("TOP")
    return L(BLOCK, NIL,
             L(LET, L(L(n, countform), L(var, 0)), *decls,
               L(TAGBODY, top,
                 L(IF, L(S(">="), var, n), L(RETURN_FROM, NIL, result)),
                 Cons(TAGBODY, body),
                 L(SETQ, var, L(S("1+"), var)),
                 L(GO, top))))


def _do(form, let, setq_op):
    args = args_of(form, 2)
    specs, end = args[0], args[1]
    decls, body = _split_decls(body_of(form, 2))
    bindings, steps = [], []
    for s in list_to_py(specs):
        if isinstance(s, Symbol):
            bindings.append(L(s, NIL))
            continue
        parts = list_to_py(s)
        bindings.append(L(parts[0], parts[1] if len(parts) > 1 else NIL))
        if len(parts) > 2:
            steps += [parts[0], parts[2]]
    endl = list_to_py(end)
    if not endl:
        raise program_error("malformed DO end clause in ~S", form)
    test, result = endl[0], list_from_iter(endl[1:])
    top = gensym("TOP")
    return L(BLOCK, NIL,
             L(let, list_from_iter(bindings), *decls,
               L(TAGBODY, top,
                 L(IF, test, L(RETURN_FROM, NIL, progn(result))),
                 Cons(TAGBODY, body),
                 L(setq_op, *steps) if steps else NIL,
                 L(GO, top))))


@defmacro("DO")
def m_do(form, env):
    return _do(form, LET, S("PSETQ"))


@defmacro("DO*")
def m_dostar(form, env):
    return _do(form, LETSTAR, SETQ)


@defmacro("PSETQ")
def m_psetq(form, env):
    return _psetx(form, SETQ)


@defmacro("PSETF")
def m_psetf(form, env):
    return _psetx(form, SETF)


def _psetx(form, op):
    args = args_of(form, 0)
    if len(args) % 2:
        raise program_error("odd number of args to ~S", form.car)
    pairs = [(args[i], args[i + 1], gensym("NEW")) for i in range(0, len(args), 2)]
    return L(LET, list_from_iter(L(g, v) for _, v, g in pairs),
             *[L(op, p, g) for p, _, g in pairs], NIL)


# ---------------------------------------------------------------- multiple values
@defmacro("MULTIPLE-VALUE-LIST")
def m_mvlist(form, env):
    (x,) = args_of(form, 1, 1)
    return L(S("MULTIPLE-VALUE-CALL"), L(FUNCTION, LIST), x)


@defmacro("NTH-VALUE")
def m_nth_value(form, env):
    n, x = args_of(form, 2, 2)
    return L(S("NTH"), n, L(S("MULTIPLE-VALUE-LIST"), x))


@defmacro("MULTIPLE-VALUE-SETQ")
def m_mvsetq(form, env):
    vars_, x = args_of(form, 2, 2)
    vs = list_to_py(vars_)
    gs = [gensym("V") for _ in vs]
    if not vs:
        return L(S("VALUES"), x)
    return L(S("MULTIPLE-VALUE-BIND"), list_from_iter(gs), x,
             *[L(SETQ, v, g) for v, g in zip(vs, gs)], gs[0])


@defmacro("DESTRUCTURING-BIND")
def m_destructuring_bind(form, env):
    ll, value = args_of(form, 2)[:2]
    return Cons(sys_sym("%DESTRUCTURING-BIND"), Cons(ll, Cons(value, body_of(form, 2))))


# ---------------------------------------------------------------- places
def place_expansion(place, env):
    """(temps, values, store-var, store-form, access-form) for PLACE, as
    GET-SETF-EXPANSION returns them (Python lists for temps/values)."""
    from .analyzer import macroexpand_1
    scope = env.scope if env is not None and env is not NIL else None
    while True:
        if isinstance(place, Symbol):
            exp, expanded = macroexpand_1(place, scope)
            if expanded:
                place = exp
                continue
            store = gensym("NEW")
            return [], [], store, L(SETQ, place, store), place
        if type(place) is not Cons or not isinstance(place.car, Symbol):
            raise program_error("~S is not a valid place", place)
        op = place.car
        if op.setf_expander is not None and _no_local_function(op, scope):
            return op.setf_expander(place, env)
        if op is S("THE"):
            return place_expansion(place.cdr.cdr.car, env)
        if op.setf_fn is None:
            exp, expanded = macroexpand_1(place, scope)
            if expanded:
                place = exp
                continue
        args = list_to_py(place.cdr)
        temps = [gensym("ARG") for _ in args]
        store = gensym("NEW")
        return (temps, args, store,
                L(sys_sym("%SETF-CALL"), op, store, *temps),
                Cons(op, list_from_iter(temps)))


def _no_local_function(op, scope):
    from .analyzer import lookup_function
    return lookup_function(op, scope)[0] == "global"


def simple_place_value(place, env, update):
    """Expand an update of PLACE: UPDATE(access_form) -> new value form."""
    temps, vals, store, store_form, access = place_expansion(place, env)
    bindings = [L(t, v) for t, v in zip(temps, vals)]
    bindings.append(L(store, update(access)))
    return L(LETSTAR, list_from_iter(bindings), store_form)


@defmacro("SETF")
def m_setf(form, env):
    args = args_of(form, 0)
    if len(args) % 2:
        raise program_error("odd number of args to SETF: ~S", form)
    out = []
    for i in range(0, len(args), 2):
        place, value = args[i], args[i + 1]
        if isinstance(place, Symbol):
            from .analyzer import macroexpand_1
            exp, expanded = macroexpand_1(place, env.scope if env is not NIL else None)
            if not expanded:
                out.append(L(SETQ, place, value))
                continue
            place = exp
        if type(place) is Cons and isinstance(place.car, Symbol) and place.car.setf_expander is None \
                and place.car.setf_fn is not None and place.car is not S("THE"):
            out.append(_setf_call(place, value, env))
            continue
        temps, vals, store, store_form, _ = place_expansion(place, env)
        if type(store) is Cons or store is NIL:      # a VALUES place: 0 or more stores
            out.append(L(LETSTAR, list_from_iter(L(t, v) for t, v in zip(temps, vals)),
                         L(S("MULTIPLE-VALUE-BIND"), store, value, store_form)))
        else:
            bindings = [L(t, v) for t, v in zip(temps, vals)] + [L(store, value)]
            out.append(L(LETSTAR, list_from_iter(bindings), store_form))
    if not out:
        return NIL
    return out[0] if len(out) == 1 else L(PROGN, *out)


def _inert(form, env) -> bool:
    """Does evaluating FORM neither depend on nor change anything a place's
    other subforms could: a constant, or a variable that is no symbol
    macro."""
    if _constant(form):
        return True
    if isinstance(form, Symbol):
        from .analyzer import macroexpand_1
        return not macroexpand_1(form, env.scope if env is not NIL else None)[1]
    return False


def _setf_call(place, value, env):
    """(setf (name arg...) value) for a (SETF name) function: the place's
    subforms are evaluated before VALUE, as CLHS 5.1.1.1 requires, so
    non-constant ones go to temporaries unless nothing can tell."""
    args = list_to_py(place.cdr)
    call = sys_sym("%SETF-CALL")
    if all(_constant(a) for a in args) or (_inert(value, env) and all(_inert(a, env) for a in args)):
        return Cons(call, Cons(place.car, Cons(value, place.cdr)))
    temps, passed = [], []
    for a in args:
        if _constant(a):
            passed.append(a)
        else:
            t = gensym("ARG")
            temps.append(L(t, a))
            passed.append(t)
    return L(LETSTAR, list_from_iter(temps), L(call, place.car, value, *passed))


def _constant(form) -> bool:
    if isinstance(form, Symbol):
        return form.is_constant or form.package is KEYWORD
    if type(form) is Cons:
        return form.car is QUOTE
    return True


def _modify(form, env, op):
    """INCF/DECF: the place's subforms, then DELTA, then the place is read
    (the order SBCL's expansion gives, seen when DELTA changes the place)."""
    args = args_of(form, 1, 2)
    temps, vals, store, store_form, access = place_expansion(args[0], env)
    bindings = [L(t, v) for t, v in zip(temps, vals)]
    delta = args[1] if len(args) > 1 else 1
    if type(delta) is Cons or (isinstance(delta, Symbol) and delta is not NIL and delta is not T):
        d = gensym("DELTA")
        bindings.append(L(d, delta))
        delta = d
    bindings.append(L(store, L(op, access, delta)))
    return L(LETSTAR, list_from_iter(bindings), store_form)


@defmacro("INCF")
def m_incf(form, env):
    return _modify(form, env, S("+"))


@defmacro("DECF")
def m_decf(form, env):
    return _modify(form, env, S("-"))


@defmacro("PUSH")
def m_push(form, env):
    item, place = args_of(form, 2, 2)
    g = gensym("ITEM")
    return L(LET, L(L(g, item)), simple_place_value(place, env, lambda access: L(CONS, g, access)))


@defmacro("PUSHNEW")
def m_pushnew(form, env):
    args = args_of(form, 2)
    item, place, keys = args[0], args[1], args[2:]
    g = gensym("ITEM")
    return L(LET, L(L(g, item)),
             simple_place_value(place, env, lambda access: L(S("ADJOIN"), g, access, *keys)))


@defmacro("POP")
def m_pop(form, env):
    (place,) = args_of(form, 1, 1)
    temps, vals, store, store_form, access = place_expansion(place, env)
    g = gensym("LIST")
    bindings = [L(t, v) for t, v in zip(temps, vals)] + [L(g, access)]
    return L(LETSTAR, list_from_iter(bindings),
             L(S("PROG1"), L(S("CAR"), g),
               L(LET, L(L(store, L(S("CDR"), g))), store_form)))


@defmacro("LOOP")
def m_loop(form, env):
    """The simple LOOP: (loop form*) repeats the forms forever inside a
    NIL block. The extended (keyword) LOOP lives in lisp/loop.py, which
    replaces this expander with one handling both."""
    body = body_of(form, 0)
    for f in body:
        if type(f) is not Cons:
            raise program_error("extended LOOP syntax is not available yet: ~S", form)
    top = gensym("LOOP")
    return L(BLOCK, NIL, L(TAGBODY, top, *body, L(GO, top)))

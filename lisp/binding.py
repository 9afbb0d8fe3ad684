"""Binding lambda lists at run time.

A function whose lambda list is more than required parameters gets an
environment of ``size`` slots: slot ``args_slot`` holds the Python list of
arguments, and the parameters are bound in order by a LET*-like sequence of
init nodes over that same environment. A default form may be anything (a
call, a non-local exit) because the sequence runs as ordinary machine steps;
simple defaults all bind in the call's own step.

Destructuring (macro lambda lists, DESTRUCTURING-BIND) converts each list
being destructured into an ``ArgSource`` (Python list of elements plus the
dotted tail), after checking it against the pattern, and binds from that.
"""
from __future__ import annotations

from .errors import program_error, LispError
from .lambdalist import LambdaList, parse_lambda_list
from .nodes import SimpleNode, IfNode, LetStarNode, single
from .objects import (NIL, T, Cons, Symbol, LString, list_from_iter, lisp_list,
                      keyword, sys_sym, SPECIAL, cl_sym)

ALLOW_OTHER_KEYS = keyword("ALLOW-OTHER-KEYS")
MISSING_KEY = object()


class ArgSource:
    __slots__ = ("items", "tail")

    def __init__(self, items, tail):
        self.items = items
        self.tail = tail


def _count_phrase(p: LambdaList):
    nreq = len(p.required)
    npos = nreq + len(p.optional)
    if p.rest is not None or p.key_p:
        return f"at least {nreq} expected"
    if npos == nreq:
        return f"exactly {nreq} expected"
    return f"between {nreq} and {npos} expected"


def check_keys(items, start, p: LambdaList, what):
    """Check the keyword arguments ITEMS[START:] against P. WHAT names a
    destructuring lambda list (a macro's, DESTRUCTURING-BIND's): its errors
    are SBCL's "Error while parsing arguments to ..." reports; None for a
    function's lambda list."""
    rest = items[start:]
    if len(rest) % 2:
        if what is None:
            raise program_error("odd number of &KEY arguments")
        raise _key_list_error(what, "odd number of elements in keyword/value list: ~S",
                              lisp_list(*rest))
    if p.allow_other_keys:
        return
    for i in range(0, len(rest), 2):
        if rest[i] is ALLOW_OTHER_KEYS and rest[i + 1] is not NIL:
            return
    known = [kw for kw, _, _, _ in p.keys]
    for i in range(0, len(rest), 2):
        k = rest[i]
        if k not in known and k is not ALLOW_OTHER_KEYS:
            if what is None:
                raise LispError("SB-EXT:UNKNOWN-KEYWORD-ARGUMENT", {"NAME": k})
            from .printer import prin1_to_string
            raise _key_list_error(what, "unknown keyword: ~S; expected one of ~A", k,
                                  LString(", ".join(prin1_to_string(kw) for kw in known)))


def _key_list_error(what, control, *args):
    """SBCL's report for a bad keyword list of a destructuring lambda list;
    for a macro it names "NAME DEFMACRO" (sic)."""
    from .errors import lisp_error
    text = what.value if isinstance(what, LString) else str(what)
    if text.startswith("DEFMACRO "):
        text = text[len("DEFMACRO "):] + " DEFMACRO"
    return lisp_error("SYS::ARG-COUNT-ERROR",
                      "Error while parsing arguments to ~A:~%  " + control,
                      LString(text), *args)


def find_key(items, start, kw):
    for i in range(start, len(items) - 1, 2):
        if items[i] is kw:
            return items[i + 1]
    return MISSING_KEY


class LambdaBinder:
    __slots__ = ("parsed", "bind_node", "size", "nreq", "npos", "unbounded",
                 "keys", "lam", "args_slot")

    def __init__(self, parsed: LambdaList, bind_node, size, lam):
        self.parsed = parsed
        self.bind_node = bind_node
        self.size = size
        self.nreq = len(parsed.required)
        self.npos = self.nreq + len(parsed.optional)
        self.unbounded = parsed.rest is not None or parsed.key_p
        self.keys = parsed.key_p
        self.lam = lam
        self.args_slot = 1

    def bind(self, m, closure, args):
        n = len(args)
        if n < self.nreq or (n > self.npos and not self.unbounded):
            raise program_error("invalid number of arguments: ~S", n)
        if self.keys:
            check_keys(args, self.npos, self.parsed, None)
        env = [None] * self.size
        env[0] = closure.env
        env[1] = args
        self.bind_node.continue_from(m, env, 0)


def _is_special(var, specials):
    return var in specials or var.flags & SPECIAL


def build_binder(parsed: LambdaList, level, specials, src_slot, toplevel, cur=None, what=None):
    """Return (init nodes, targets, scope) binding PARSED from the source in
    slot SRC_SLOT of LEVEL's environment: a Python list of arguments when
    TOPLEVEL, else an ArgSource. Variables are added to LEVEL as they are
    bound, so each default form sees exactly the parameters before it."""
    from .analyzer import analyze, SpecialDecl
    inits, targets = [], []
    scope = [cur if cur is not None else level]

    if toplevel:
        def get(env, s=src_slot):
            return env[s]

        def tail(env):
            return NIL
    else:
        def get(env, s=src_slot):
            return env[s].items

        def tail(env, s=src_slot):
            return env[s].tail

    def bind(var, node):
        if isinstance(var, LambdaList):
            raw = level.add(sys_sym("%RAW"))
            inits.append(node)
            targets.append(raw)
            if var.whole is not None:
                # &whole of a nested pattern: the sublist itself
                bind(var.whole, SimpleNode(lambda env, r=raw: env[r]))
            src = level.add(sys_sym("%SOURCE"))
            pattern = var
            inits.append(SimpleNode(lambda env, r=raw: make_source(env[r], pattern, what)))
            targets.append(src)
            i2, t2, sc = build_binder(pattern, level, specials, src, False, scope[0], what)
            inits.extend(i2)
            targets.extend(t2)
            scope[0] = sc
            return
        if _is_special(var, specials):
            targets.append(var)
            scope[0] = SpecialDecl(scope[0], {var})
        else:
            targets.append(level.add(var))
        inits.append(node)

    for i, var in enumerate(parsed.required):
        bind(var, SimpleNode(lambda env, i=i: get(env)[i]))
    base = len(parsed.required)
    for j, (var, initform, svar) in enumerate(parsed.optional):
        i = base + j
        init = analyze(initform, scope[0])
        supplied = (lambda env, i=i: T if len(get(env)) > i else NIL)
        arg = SimpleNode(lambda env, i=i: get(env)[i])
        if init.fn is not None:
            f = init.fn
            node = SimpleNode(lambda env, i=i, f=f: (get(env)[i] if len(get(env)) > i
                                                      else single(f(env))))
        else:
            node = IfNode(None, arg, init, supplied)
        bind(var, node)
        if svar is not None:
            bind(svar, SimpleNode(supplied))
    npos = base + len(parsed.optional)
    if parsed.rest is not None:
        bind(parsed.rest, SimpleNode(lambda env: list_from_iter(get(env)[npos:], tail(env))))
    for kw, var, initform, svar in parsed.keys:
        init = analyze(initform, scope[0])
        supplied = (lambda env, kw=kw: NIL if find_key(get(env), npos, kw) is MISSING_KEY else T)
        if init.fn is not None:
            f = init.fn

            def keyval(env, kw=kw, f=f):
                v = find_key(get(env), npos, kw)
                return single(f(env)) if v is MISSING_KEY else v
            node = SimpleNode(keyval)
        else:
            node = IfNode(None, SimpleNode(lambda env, kw=kw: find_key(get(env), npos, kw)),
                          init, supplied)
        bind(var, node)
        if svar is not None:
            bind(svar, SimpleNode(supplied))
    for var, initform in parsed.aux:
        bind(var, analyze(initform, scope[0]))
    return inits, targets, scope[0]


def make_source(value, p: LambdaList, what):
    """Check the list VALUE against pattern P and make its ArgSource."""
    items = []
    x = value
    while type(x) is Cons:
        items.append(x.car)
        x = x.cdr
    tail = x
    if tail is not NIL and p.rest is None:
        raise _destructure_error(value, p, what, "dotted list")
    n = len(items)
    nreq = len(p.required)
    npos = nreq + len(p.optional)
    if n < nreq or (n > npos and p.rest is None and not p.key_p):
        raise _destructure_error(value, p, what, None)
    if p.key_p:
        check_keys(items, npos, p, what)
    return ArgSource(items, tail)


def _destructure_error(value, p, what, kind):
    """SBCL's report for a list that does not fit the pattern P: too few or
    too many elements, or not a (proper) list at all."""
    from .errors import lisp_error
    n = 0
    x = value
    while type(x) is Cons:
        n += 1
        x = x.cdr
    if kind is None:
        how = "too few" if n < len(p.required) else "too many"
        got = n
    else:
        how, got = "invalid number of", LString("a non-list")
    return lisp_error("SYS::ARG-COUNT-ERROR",
                      "Error while parsing arguments to ~A:~%  ~A elements in~%    ~:S~%"
                      "  to satisfy lambda list~%    ~A:~%  ~A, but got ~A",
                      what or LString("DESTRUCTURING-BIND"), LString(how), value,
                      LString(_ll_text(p)), LString(_count_phrase(p)), got)


def _ll_text(p):
    from .printer import prin1_to_string
    return prin1_to_string(p.source)


def destructure_node(pattern_form, value, body, scope, form, what, whole_node=None,
                     env_node=None, macro=True):
    """A LET*-like node destructuring by PATTERN_FORM around BODY (a Lisp
    list of forms with declarations). VALUE is the form giving the list, or
    a function level -> node building the node in the new level's scope
    (its inits run in the new environment, one level below SCOPE)."""
    from .analyzer import Level, parse_body, declared_specials, with_declarations, analyze_body, sfn
    parsed = parse_lambda_list(pattern_form, macro=macro)
    decls, doc, forms = parse_body(body)
    specials = declared_specials(decls)
    level = Level(scope)
    inits, targets = [], []
    cur = level
    from .analyzer import SpecialDecl

    def bind_simple(var, node):
        nonlocal cur
        if _is_special(var, specials):
            targets.append(var)
            cur = SpecialDecl(cur, {var})
        else:
            targets.append(level.add(var))
        inits.append(node)

    from .analyzer import analyze
    value_node = value(level) if callable(value) else analyze(value, level)
    raw = level.add(sys_sym("%RAW"))
    inits.append(value_node)
    targets.append(raw)
    if parsed.whole is not None:
        # &whole gets the form itself for a macro, else the whole list; it
        # may be a pattern of its own, destructured from the same list
        whole = whole_node if whole_node is not None else SimpleNode(lambda env: env[raw])
        if isinstance(parsed.whole, LambdaList):
            wraw = level.add(sys_sym("%WHOLE"))
            inits.append(whole)
            targets.append(wraw)
            wsrc = level.add(sys_sym("%WHOLE-SOURCE"))
            wpattern = parsed.whole
            inits.append(SimpleNode(lambda env: make_source(env[wraw], wpattern, what)))
            targets.append(wsrc)
            i2, t2, cur = build_binder(wpattern, level, specials, wsrc, False, cur, what)
            inits.extend(i2)
            targets.extend(t2)
        else:
            bind_simple(parsed.whole, whole)
    if parsed.env is not None:
        bind_simple(parsed.env, env_node if env_node is not None else SimpleNode(lambda env: NIL))
    src = level.add(sys_sym("%SOURCE"))
    ptext = what
    inits.append(SimpleNode(lambda env: make_source(env[raw], parsed, ptext)))
    targets.append(src)
    i2, t2, cur = build_binder(parsed, level, specials, src, False, cur, what)
    inits.extend(i2)
    targets.extend(t2)
    from .analyzer import checked_body
    inner = with_declarations(decls, cur)
    body_node = checked_body(analyze_body(forms, inner, form), decls, inner, parsed.variables(), form)
    return LetStarNode(inits, [sfn(i) for i in inits], targets, level.size, body_node, form)


def destructuring_lambda(name, ll, body, scope, macro=True, kind="DEFMACRO", fname=None):
    """The LambdaInfo of a macro function (form env) for macro lambda list
    LL: &whole gets the form, &environment the env, the rest destructures
    (cdr form). KIND names the definer in errors ("Error while parsing
    arguments to DEFTYPE SMALL"); FNAME is the function's name (default
    NAME)."""
    from .analyzer import Level
    from .nodes import LambdaInfo
    # the macro's own lambda list, as written (the pretty printer lays out
    # calls of macros with &body from it, as SBCL does)
    lam = LambdaInfo(name if fname is None else fname, ll)
    level = Level(scope)
    level.lam = lam
    fslot = level.add(sys_sym("%FORM"))
    eslot = level.add(sys_sym("%ENV"))
    # these run in the destructuring level, one below the (form env) level
    form_node = SimpleNode(lambda env: env[0][fslot])
    env_node = SimpleNode(lambda env: env[0][eslot])
    cdr_node = SimpleNode(lambda env: env[0][fslot].cdr if type(env[0][fslot]) is Cons else NIL)
    what = LString(f"{kind} {name.name if isinstance(name, Symbol) else name}")
    block_name = name if isinstance(name, Symbol) else None
    inner_body = lisp_list(lisp_list(cl_sym("BLOCK"), block_name, *_forms_after_decls(body))) \
        if block_name is not None else body
    decl_forms = _decl_forms(body)
    node = destructure_node(ll, lambda level: cdr_node, list_from_iter(decl_forms, inner_body) if block_name else body,
                            level, None, what, whole_node=form_node, env_node=env_node)
    lam.simple = True
    lam.nreq = 2
    lam.body = node
    lam.size = level.size
    lam.doc = _docstring(body)
    return lam


def _docstring(body):
    """The docstring among BODY's leading declarations, or None."""
    from .analyzer import DECLARE
    x = body
    while type(x) is Cons:
        if isinstance(x.car, LString) and type(x.cdr) is Cons:
            return x.car
        if not (type(x.car) is Cons and x.car.car is DECLARE):
            return None
        x = x.cdr
    return None


def _decl_forms(body):
    from .analyzer import DECLARE
    out = []
    x = body
    while type(x) is Cons and ((type(x.car) is Cons and x.car.car is DECLARE)
                               or (isinstance(x.car, LString) and type(x.cdr) is Cons)):
        if type(x.car) is Cons:
            out.append(x.car)
        x = x.cdr
    return out


def _forms_after_decls(body):
    from .analyzer import DECLARE
    x = body
    while type(x) is Cons and ((type(x.car) is Cons and x.car.car is DECLARE)
                               or (isinstance(x.car, LString) and type(x.cdr) is Cons)):
        x = x.cdr
    return list(x) if type(x) is Cons else []

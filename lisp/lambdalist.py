"""Parsing lambda lists (ordinary, macro and destructuring).

The parse gives a ``LambdaList``; the analyzer turns it into binding steps
(see ``analyzer.compile_lambda``). Macro lambda lists may nest: a required
or optional parameter can itself be a lambda list, and a dotted tail acts as
``&rest``.
"""
from __future__ import annotations

from .errors import program_error
from .objects import NIL, Cons, Symbol, cl_sym, keyword, KEYWORD

AMP_OPTIONAL = cl_sym("&OPTIONAL")
AMP_REST = cl_sym("&REST")
AMP_BODY = cl_sym("&BODY")
AMP_KEY = cl_sym("&KEY")
AMP_AUX = cl_sym("&AUX")
AMP_ALLOW = cl_sym("&ALLOW-OTHER-KEYS")
AMP_WHOLE = cl_sym("&WHOLE")
AMP_ENV = cl_sym("&ENVIRONMENT")
LAMBDA_KEYWORDS = {AMP_OPTIONAL, AMP_REST, AMP_BODY, AMP_KEY, AMP_AUX,
                   AMP_ALLOW, AMP_WHOLE, AMP_ENV}


class LambdaList:
    __slots__ = ("whole", "env", "required", "optional", "rest", "body_p",
                 "keys", "key_p", "allow_other_keys", "aux", "source")

    def __init__(self):
        self.whole = None          # var or nested LambdaList
        self.env = None
        self.required = []         # var (Symbol) or nested LambdaList
        self.optional = []         # (var-or-LambdaList, initform, svar or None)
        self.rest = None           # var or nested LambdaList
        self.body_p = False
        self.keys = []             # (keyword, var-or-LambdaList, initform, svar or None)
        self.key_p = False
        self.allow_other_keys = False
        self.aux = []              # (var, initform)
        self.source = NIL          # the lambda list as written

    def variables(self):
        """Every variable bound, in binding order."""
        out = []

        def pat(p):
            if isinstance(p, LambdaList):
                out.extend(p.variables())
            else:
                out.append(p)
        if self.whole is not None:
            pat(self.whole)
        if self.env is not None:
            out.append(self.env)
        for p in self.required:
            pat(p)
        for p, _, sv in self.optional:
            pat(p)
            if sv is not None:
                out.append(sv)
        if self.rest is not None:
            pat(self.rest)
        for _, p, _, sv in self.keys:
            pat(p)
            if sv is not None:
                out.append(sv)
        for v, _ in self.aux:
            out.append(v)
        return out

    @property
    def is_simple(self):
        return (not self.optional and self.rest is None and not self.key_p
                and not self.aux and self.whole is None and self.env is None
                and all(isinstance(p, Symbol) for p in self.required))


def _check_var(x, ll):
    if not isinstance(x, Symbol) or x is NIL or x.package is KEYWORD:
        raise program_error("~S is not a valid variable name in the lambda list ~S", x, ll)
    if x.is_constant:
        raise program_error("~S names a constant and cannot be bound in the lambda list ~S", x, ll)
    return x


def parse_lambda_list(ll, macro: bool = False) -> LambdaList:
    """Parse LL. With MACRO, allow &whole, &environment, &body, nesting and
    dotted tails (macro and destructuring lambda lists)."""
    r = LambdaList()
    r.source = ll
    state = "req"
    x = ll
    while type(x) is Cons:
        p = x.car
        x = x.cdr
        if p in LAMBDA_KEYWORDS:
            if p is AMP_OPTIONAL:
                if state != "req":
                    raise program_error("misplaced &OPTIONAL in lambda list ~S", ll)
                state = "opt"
            elif p is AMP_REST or p is AMP_BODY:
                if state not in ("req", "opt") or type(x) is not Cons:
                    raise program_error("misplaced ~S in lambda list ~S", p, ll)
                if p is AMP_BODY and not macro:
                    raise program_error("&BODY is only allowed in macro lambda lists: ~S", ll)
                r.rest = _pattern(x.car, ll, macro)
                r.body_p = p is AMP_BODY
                x = x.cdr
                state = "rest"
            elif p is AMP_KEY:
                if state not in ("req", "opt", "rest"):
                    raise program_error("misplaced &KEY in lambda list ~S", ll)
                r.key_p = True
                state = "key"
            elif p is AMP_ALLOW:
                if state != "key":
                    raise program_error("misplaced &ALLOW-OTHER-KEYS in lambda list ~S", ll)
                r.allow_other_keys = True
                state = "allow"
            elif p is AMP_AUX:
                state = "aux"
            elif p is AMP_WHOLE:
                if not macro or r.whole is not None or type(x) is not Cons:
                    raise program_error("misplaced &WHOLE in lambda list ~S", ll)
                r.whole = _pattern(x.car, ll, macro)
                x = x.cdr
            elif p is AMP_ENV:
                if not macro or type(x) is not Cons:
                    raise program_error("misplaced &ENVIRONMENT in lambda list ~S", ll)
                r.env = _check_var(x.car, ll)
                x = x.cdr
            continue
        if state == "req":
            r.required.append(_pattern(p, ll, macro))
        elif state == "opt":
            if type(p) is Cons:
                items = list(p)
                var = _pattern(items[0], ll, macro)
                init = items[1] if len(items) > 1 else NIL
                sv = _check_var(items[2], ll) if len(items) > 2 else None
                r.optional.append((var, init, sv))
            else:
                r.optional.append((_check_var(p, ll), NIL, None))
        elif state == "key":
            if type(p) is Cons:
                items = list(p)
                spec = items[0]
                if type(spec) is Cons:
                    kw = spec.car
                    var = _pattern(spec.cdr.car, ll, macro)
                else:
                    var = _check_var(spec, ll)
                    kw = keyword(spec.name)
                init = items[1] if len(items) > 1 else NIL
                sv = _check_var(items[2], ll) if len(items) > 2 else None
                r.keys.append((kw, var, init, sv))
            else:
                v = _check_var(p, ll)
                r.keys.append((keyword(v.name), v, NIL, None))
        elif state == "aux":
            if type(p) is Cons:
                items = list(p)
                r.aux.append((_check_var(items[0], ll), items[1] if len(items) > 1 else NIL))
            else:
                r.aux.append((_check_var(p, ll), NIL))
        else:
            raise program_error("unexpected ~S after &REST or &ALLOW-OTHER-KEYS in lambda list ~S", p, ll)
    if x is not NIL:
        if not macro:
            raise program_error("the lambda list ~S is dotted", ll)
        if r.rest is not None:
            raise program_error("both &REST and a dotted tail in lambda list ~S", ll)
        r.rest = _check_var(x, ll)
    return r


def _pattern(p, ll, macro):
    if type(p) is Cons and macro:
        return parse_lambda_list(p, macro=True)
    if p is NIL and macro:
        return parse_lambda_list(NIL, macro=True)
    return _check_var(p, ll)

"""The LOOP macro (CLHS 6.1): the simple loop and the extended loop with
every clause of the standard, expanded in Python.

The expansion uses only special forms (BLOCK, LET, LET*, TAGBODY, SETQ, IF,
GO, RETURN-FROM, PROGN, MULTIPLE-VALUE-BIND) and calls of list and number
primitives, so the analyzer sees plain code and an iteration costs no
closure and no consing beyond what the clauses ask for: COLLECT keeps a
tail pointer and RPLACDs onto it. Its shape, for a loop whose FOR/AS and
WITH clauses make the binding groups G1..Gn (one clause, with its AND
parts, binds in parallel; the groups nest in order):

    (block NAME                         ; NIL unless NAMED
      (let (TEMPS . G1) (let* G1-POST   ; TEMPS: IT, destructuring and parallel-step
        ...                             ;   temporaries; POST: destructured WITH
          (let Gn (let* Gn-POST         ;   variables, accumulators, ACROSS limits
            (tagbody
               PROLOGUE                 ; INITIALLY forms
               BEFORE-LOOP              ; first iteration's end tests and steps
             NEXT-LOOP
               BODY
               AFTER-BODY               ; following iterations' tests and steps
               (go NEXT-LOOP)
             END-LOOP                   ; end tests and LOOP-FINISH go here
               EPILOGUE                 ; FINALLY forms
               AFTER-EPILOGUE)))))))    ; (return-from NAME result)

Clauses are parsed as MIT/SBCL LOOP parses them, so evaluation order, the
values iteration variables are left with (visible in FINALLY), and the
errors for malformed loops -- PROGRAM-ERRORs with SBCL's text and its
"current LOOP context" line -- are SBCL's. Loop keywords are recognised by
name in any package (FOR, :FOR and MY-PACKAGE::FOR are the same keyword).
"""
from __future__ import annotations

from .errors import program_error
from .loop_code import (S, L, CAR, CDR, SETQ, GO, IF, PROGN, LIST, NEXT_LOOP, END_LOOP, GO_END,
                        KIND_LIST, KIND_APPEND, KIND_NCONC, KIND_SUM, KIND_COUNT, KIND_MAX,
                        KIND_MIN,
                        Group, Accumulator, infinities, independent, replicate, collect_rplacd,
                        is_keyword, is_simple_type, subtype, typed_init, pattern_leaves, has_vars,
                        tagbody)
from .loop_iteration import IterationClauses
from .macros import defmacro, args_of, gensym
from .objects import NIL, T, Cons, Symbol, LString, keyword, list_from_iter

BLOCK, RETURN_FROM = S("BLOCK"), S("RETURN-FROM")


class _Branches:
    """What a WHEN/IF/UNLESS clause tracks while parsing its branches."""
    __slots__ = ("it_var", "first")

    def __init__(self):
        self.it_var = None      # the variable IT stands for, once used
        self.first = True       # parsing the first clause of the THEN branch


class _Loop(IterationClauses):
    """The state of one extended LOOP being expanded (SBCL's *LOOP*)."""

    def __init__(self, tokens: list):
        self.tokens = tokens
        self.pos = 0
        self.context = 0              # where the clause being parsed starts
        self.name = NIL
        self.named = False
        self.group = Group()
        self.groups: list = []        # closed groups, outermost first
        self.temps: list = []         # loop-wide temporaries, bound to NIL outermost
        self.destructure_temps: list = []
        self.parallel_temps: list = []
        self.it_var = None
        self.prologue: list = []
        self.before_loop: list = []
        self.after_body: list = []
        self.body: list = []
        self.sink = self.body         # where body statements go (a branch inside WHEN)
        self.epilogue: list = []
        self.after_epilogue: list = []
        self.emitted_body = False
        self.in_conditional = False
        self.accumulators: list = []
        self.culprit = None           # the clause that supplied the final value
        self.named_vars: list = []    # USING (name var) pairs not consumed yet

    # ------------------------------------------------------------ tokens
    def error(self, control: str, *args):
        context = self.tokens[self.context:self.pos + 1]
        return program_error(control + "~%current LOOP context:~{ ~S~}.", *args,
                             list_from_iter(context))

    def at_end(self) -> bool:
        return self.pos >= len(self.tokens)

    def peek(self):
        return NIL if self.at_end() else self.tokens[self.pos]

    def pop(self):
        if self.at_end():
            raise self.error("LOOP source code ran out when another token was expected.")
        self.pos += 1
        return self.tokens[self.pos - 1]

    def next_is(self, name: str) -> bool:
        return not self.at_end() and is_keyword(self.tokens[self.pos], name)

    def get_form(self):
        if self.at_end():
            raise self.error("LOOP code ran out where a form was expected.")
        return self.pop()

    def get_compound_form(self):
        form = self.get_form()
        if type(form) is not Cons:
            raise self.error("A compound form was expected, but ~S found.", form)
        return form

    def get_progn(self):
        forms = [self.get_compound_form()]
        while not self.at_end() and type(self.peek()) is Cons:
            forms.append(self.pop())
        return forms[0] if len(forms) == 1 else L(PROGN, *forms)

    # ------------------------------------------------------------ emitting code
    def construct_return(self, form):
        return L(RETURN_FROM, self.name, form)

    def pseudo_body(self, form):
        """Code that runs in clause order each iteration: in the body once
        body code exists (or inside a conditional), else among the steps."""
        if self.emitted_body or self.in_conditional:
            self.sink.append(form)
        else:
            self.before_loop.append(form)
            self.after_body.append(form)

    def emit_body(self, form):
        self.emitted_body = True
        self.pseudo_body(form)

    def emit_final_value(self, form=None):
        if form is not None:
            self.after_epilogue.append(self.construct_return(form))
        self.culprit = self.tokens[self.context]

    def disallow_conditional(self, kwd=NIL):
        if self.in_conditional:
            raise self.error("~:[This LOOP~;The LOOP ~:*~S~] clause is not permitted "
                             "inside a conditional.", kwd)

    def disallow_anonymous_collectors(self):
        if any(a.name is NIL for a in self.accumulators):
            raise self.error("This LOOP clause is not permitted with anonymous collectors.")

    def disallow_aggregate_booleans(self):
        if any(is_keyword(self.culprit, n) for n in ("ALWAYS", "NEVER", "THEREIS")):
            raise self.error("This anonymous collection LOOP clause is not permitted with "
                             "aggregate booleans.")

    # ------------------------------------------------------------ variables
    def temp(self, pool: list, index: int, prefix: str):
        while len(pool) <= index:
            t = gensym(prefix)
            pool.append(t)
            self.temps.append(t)
        return pool[index]

    def when_it_var(self):
        if self.it_var is None:
            self.it_var = gensym("LOOP-IT-")
            self.temps.append(self.it_var)
        return self.it_var

    def check_var_name(self, name, context: str = ""):
        if type(name) is Cons:
            for leaf in pattern_leaves(name):
                self.check_var_name(leaf, context)
            return
        if not isinstance(name, Symbol):
            raise self.error("Bad variable ~s~a", name, LString(context))
        if name is NIL:
            return
        for group in (self.group, *self.groups):
            if group.binds(name):
                raise self.error("Duplicated variable ~s~a", name, LString(context))

    def make_var(self, name, init, dtype):
        """Bind NAME (a symbol, NIL for an ignored value, or a destructuring
        pattern) in the current group. INIT NIL means the type's default."""
        if name is NIL:
            name = gensym("LOOP-IGNORE-")
            self.group.vars.append((name, init if init is not NIL else typed_init(dtype)))
        elif type(name) is not Cons:
            self.check_var_name(name)
            self.group.vars.append((name, init if init is not NIL else typed_init(dtype)))
        elif init is not NIL:
            self.check_var_name(name)
            temp = gensym("LOOP-DESTRUCTURE-")
            self.group.vars.append((temp, init))
            self.group.patterns.append((name, temp))
        else:
            tcar, tcdr = (dtype.car, dtype.cdr) if type(dtype) is Cons else (dtype, dtype)
            self.make_var(name.car, NIL, tcar)
            if name.cdr is not NIL:
                self.make_var(name.cdr, NIL, tcdr)
        return name

    def bind_block(self):
        if not self.group.empty():
            self.groups.append(self.group)
            self.group = Group()

    def optional_type(self, variable=NIL):
        """The type after a variable: OF-TYPE spec, a simple type symbol, or
        (when destructuring) a type pattern; None if there is none."""
        if self.at_end():
            return None
        z = self.peek()
        if is_keyword(z, "OF-TYPE"):
            self.pop()
            return self.pop()
        if isinstance(z, Symbol):
            if is_simple_type(z):
                self.pop()
                return z
            return None
        if type(variable) is Cons:
            if type(z) is not Cons:
                raise self.error("~S found where a LOOP keyword, LOOP type keyword, or LOOP type "
                                 "pattern expected", z)
        else:
            raise self.error("~S found where a LOOP keyword or LOOP type keyword expected", z)
        self.pop()
        return self.translate_type_pattern(z, variable, z, variable)

    def translate_type_pattern(self, pattern, variable, k, v):
        """The type pattern PATTERN for the destructuring VARIABLE, with each
        type symbol replicated over the variables it stands for."""
        if k is NIL:
            return NIL
        if type(k) is not Cons:
            if not is_simple_type(k):
                raise self.error("The destructuring type pattern ~S contains the unrecognized "
                                 "type keyword ~S.", pattern, k)
            return replicate(k, v)
        if type(v) is not Cons:
            raise self.error("The destructuring type pattern ~S doesn't match the variable "
                             "pattern ~S.", pattern, variable)
        return Cons(self.translate_type_pattern(pattern, variable, k.car, v.car),
                    self.translate_type_pattern(pattern, variable, k.cdr, v.cdr))

    def check_data_type(self, specified, required: str):
        if specified is not None and subtype(specified, required) is False:
            raise self.error("The specified data type ~S is not a subtype of ~S.",
                             specified, S(required))

    # ------------------------------------------------------------ assignment
    def desetq(self, pattern, value, depth=0) -> list:
        """Statements assigning VALUE to PATTERN (a variable, NIL, or a
        destructuring pattern taken apart with CAR and CDR)."""
        if pattern is NIL:
            return [value] if depth == 0 and type(value) is Cons else []
        if type(pattern) is not Cons:
            return [] if pattern is value else [L(SETQ, pattern, value)]
        if not has_vars(pattern):
            return []
        if not has_vars(pattern.cdr):
            return self.desetq(pattern.car, L(CAR, value), depth + 1)
        t = self.temp(self.destructure_temps, depth, "LOOP-DESETQ-TEMP-")
        out = [L(SETQ, t, value)]
        p = pattern
        while True:
            if has_vars(p.car):
                out += self.desetq(p.car, L(CAR, t), depth + 1)
            p = p.cdr
            if not has_vars(p):
                return out
            if type(p) is not Cons:
                out.append(L(SETQ, p, L(CDR, t)))
                return out
            out.append(L(SETQ, t, L(CDR, t)))

    def psetq(self, pairs) -> list:
        """Statements assigning the (pattern, value) PAIRS in parallel: every
        value is computed before any variable changes. A value goes through
        a temp only when a later value could see the change."""
        if len(pairs) == 1:
            return self.desetq(*pairs[0])
        out, deferred = [], []
        for i, (var, val) in enumerate(pairs):
            targets = set(pattern_leaves(var))
            if all(independent(later, targets) for _, later in pairs[i + 1:]):
                out += self.desetq(var, val)
            else:
                t = self.temp(self.parallel_temps, len(deferred), "LOOP-PSETQ-TEMP-")
                out.append(L(SETQ, t, val))
                deferred.append((var, t))
        for var, t in deferred:
            out += self.desetq(var, t)
        return out

    # ------------------------------------------------------------ driver
    def translate(self):
        while not self.at_end():
            token = self.peek()
            if not isinstance(token, Symbol):
                raise self.error("~S found where LOOP keyword expected", token)
            self.context = self.pos
            self.pop()
            handler = CLAUSES.get(token.name)
            if handler is not None:
                handler(self)
            elif token.name in ("FOR", "AS"):
                self.do_for()
            elif token.name in ("AND", "ELSE"):
                following = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else NIL
                raise self.error("secondary clause misplaced at top level in LOOP macro: "
                                 "~S ~S ~S ...", token, self.peek(), following)
            else:
                raise self.error("unknown LOOP keyword: ~S", token)
        self.bind_block()
        for acc in self.accumulators:
            if acc.cls == "maxmin":
                acc.fill_minimax()
        answer = tagbody(self.prologue, self.before_loop, self.body, self.after_body,
                         self.epilogue + self.after_epilogue, NEXT_LOOP, END_LOOP)
        if self.temps:
            if not self.groups:
                self.groups.append(Group())
            # gensyms starting as NIL: binding them with the first group is safe
            self.groups[0].vars[:0] = [(t, NIL) for t in self.temps]
        for group in reversed(self.groups):
            answer = group.wrap(answer)
        return L(BLOCK, self.name, answer)

    # ------------------------------------------------------------ simple clauses
    def do_named(self):
        name = self.pop()
        if not isinstance(name, Symbol):
            raise self.error("~S is an invalid name for your LOOP", name)
        if self.before_loop or self.body or self.after_epilogue or self.in_conditional:
            raise self.error("The NAMED ~S clause occurs too late.", name)
        if self.named:
            raise self.error("You may only use one NAMED clause in your loop: "
                             "NAMED ~S ... NAMED ~S.", self.name, name)
        self.name, self.named = name, True

    def do_initially(self):
        self.disallow_conditional(keyword("INITIALLY"))
        self.prologue.append(self.get_progn())

    def do_finally(self):
        self.disallow_conditional(keyword("FINALLY"))
        self.epilogue.append(self.get_progn())

    def do_do(self):
        self.emit_body(self.get_progn())

    def do_return(self):
        self.emit_body(self.construct_return(self.get_form()))

    def do_while(self, negate: bool, kwd):
        form = self.get_form()
        self.disallow_conditional(kwd)
        self.pseudo_body(L(IF, form, GO_END) if negate else L(IF, form, NIL, GO_END))

    def do_repeat(self):
        self.disallow_conditional(keyword("REPEAT"))
        form = self.get_form()
        count = form if type(form) is int else L(S("CEILING"), form)
        var = self.make_var(gensym("LOOP-REPEAT-"), count, None)
        step = L(IF, L(S("<="), var, 0), GO_END, L(SETQ, var, L(S("1-"), var)))
        self.before_loop.append(step)
        self.after_body.append(step)

    def do_with(self):
        self.disallow_conditional(keyword("WITH"))
        while True:
            var = self.pop()
            dtype = self.optional_type(var)
            val = NIL
            if self.next_is("="):
                self.pop()
                val = self.get_form()
            self.make_var(var, val, dtype)
            if not self.next_is("AND"):
                self.bind_block()
                return
            self.pop()

    def do_always(self, negate: bool):
        form = self.get_form()
        self.disallow_conditional()
        self.disallow_anonymous_collectors()
        fail = self.construct_return(NIL)
        self.emit_body(L(IF, form, fail) if negate else L(IF, form, NIL, fail))
        self.emit_final_value(T)

    def do_thereis(self):
        self.disallow_conditional()
        self.disallow_anonymous_collectors()
        self.emit_final_value()
        it = self.when_it_var()
        self.emit_body(L(IF, L(SETQ, it, self.get_form()), self.construct_return(it)))

    # ------------------------------------------------------------ conditionals
    def do_if(self, kwd, negate: bool):
        form = self.get_form()
        outer = self.in_conditional
        self.in_conditional = True
        state = _Branches()
        try:
            then = self.get_clause(kwd, state)
            else_ = None
            if self.next_is("ELSE"):
                self.pop()
                else_ = self.get_clause(keyword("ELSE"), state)
            if self.next_is("END"):
                self.pop()
        finally:
            self.in_conditional = outer
        if state.it_var is not None:
            form = L(SETQ, state.it_var, form)
        if negate:
            stmt = L(IF, form, else_ if else_ is not None else NIL, then)
        elif else_ is not None:
            stmt = L(IF, form, then, else_)
        else:
            stmt = L(IF, form, then)
        self.pseudo_body(stmt)

    def get_clause(self, kwd, state: "_Branches"):
        """One branch of a conditional: clauses joined by AND. IT right
        after the first clause's keyword (of the THEN branch only, as in
        SBCL) is the value of the test."""
        body = []
        while True:
            key = self.peek()
            if not isinstance(key, Symbol):
                raise self.error("~S found where keyword expected getting LOOP clause after ~S",
                                 key, kwd)
            self.context = self.pos
            self.pop()
            if state.first and self.next_is("IT"):
                if state.it_var is None:
                    state.it_var = self.when_it_var()
                self.tokens[self.pos] = state.it_var
            handler = CLAUSES.get(key.name)
            outer_sink = self.sink
            self.sink = produced = []
            try:
                if handler is not None:
                    handler(self)
            finally:
                self.sink = outer_sink
            if not produced:
                raise self.error("~S does not introduce a LOOP clause that can follow ~S.",
                                 key, kwd)
            body += produced
            state.first = False
            if not self.next_is("AND"):
                return body[0] if len(body) == 1 else L(PROGN, *body)
            self.pop()

    # ------------------------------------------------------------ accumulation
    def collection_info(self, kind, cls: str, default_type):
        form = self.get_form()
        name = NIL
        if self.next_is("INTO"):
            self.pop()
            name = self.pop()
        if not isinstance(name, Symbol):
            raise self.error("The value accumulation recipient name, ~S, is not a symbol.", name)
        if name is NIL:
            self.disallow_aggregate_booleans()
        specified = self.optional_type()
        dtype = specified if specified is not None else default_type
        acc = next((a for a in self.accumulators if a.name is name), None)
        if acc is None:
            self.check_var_name(name, " in INTO clause")
            acc = Accumulator(name, cls, kind, dtype)
            self.accumulators.append(acc)
            return acc, form, True
        if acc.cls != cls:
            raise self.error("incompatible kinds of LOOP value accumulation specified for "
                             "collecting~%"
                             "~:[as the value of the LOOP~;~:*INTO ~S~]: ~S and ~S",
                             name, acc.history[0], kind)
        acc.history.insert(0, kind)
        return acc, form, False

    def do_list_collection(self, kind):
        acc, form, new = self.collection_info(kind, "list", S("LIST"))
        if new:
            acc.head = gensym("LOOP-LIST-HEAD-")
            acc.tail = gensym("LOOP-LIST-TAIL-")
            self.group.post.append(acc)
            if acc.name is NIL:
                self.emit_final_value(L(CDR, acc.head))
        if kind is KIND_LIST:
            form = L(LIST, form)
        elif kind is KIND_APPEND and not (type(form) is Cons and form.car is LIST):
            form = L(S("COPY-LIST"), form)
        self.emit_body(collect_rplacd(acc.tail, form))
        if acc.name is not NIL:
            self.emit_body(L(SETQ, acc.name, L(CDR, acc.head)))

    def do_sum_collection(self, kind, default_type):
        acc, form, new = self.collection_info(kind, "sum", default_type)
        self.check_data_type(acc.dtype, "NUMBER")
        if new:
            if acc.name is NIL:
                acc.var = gensym("LOOP-SUM-")
                self.emit_final_value(acc.var)
            self.group.post.append(acc)
        v = acc.var
        if kind is KIND_COUNT:
            self.emit_body(L(IF, form, L(SETQ, v, L(S("1+"), v))))
        else:
            self.emit_body(L(SETQ, v, L(S("+"), v, form)))

    def do_maxmin_collection(self, kind):
        acc, form, new = self.collection_info(kind, "maxmin", S("REAL"))
        self.check_data_type(acc.dtype, "REAL")
        if new:
            if acc.name is NIL:
                acc.var = gensym("LOOP-MAXMIN-")
            acc.temp = gensym("LOOP-MAXMIN-TEMP-")
            acc.infinities = infinities(acc.dtype)
            if acc.infinities is None:
                acc.flag = gensym("LOOP-MAXMIN-FLAG-")
            if acc.name is NIL:
                self.emit_final_value(acc.var)
            self.group.post.append(acc)
        if kind not in acc.operations:
            acc.operations.insert(0, kind)
        if len(acc.operations) > 1 and acc.flag is None:
            acc.flag = gensym("LOOP-MAXMIN-FLAG-")
        stmt = Cons(PROGN, NIL)     # filled in by fill_minimax
        acc.pending.append((stmt, kind, form))
        self.emit_body(stmt)


# top-level clauses (SBCL's loop universe keywords): name -> handler(loop)
CLAUSES = {
    "NAMED": _Loop.do_named,
    "INITIALLY": _Loop.do_initially,
    "FINALLY": _Loop.do_finally,
    "DO": _Loop.do_do,
    "DOING": _Loop.do_do,
    "RETURN": _Loop.do_return,
    "ALWAYS": lambda lp: lp.do_always(False),
    "NEVER": lambda lp: lp.do_always(True),
    "THEREIS": _Loop.do_thereis,
    "WHILE": lambda lp: lp.do_while(False, keyword("WHILE")),
    "UNTIL": lambda lp: lp.do_while(True, keyword("UNTIL")),
    "WHEN": lambda lp: lp.do_if(S("WHEN"), False),
    "IF": lambda lp: lp.do_if(S("IF"), False),
    "UNLESS": lambda lp: lp.do_if(S("UNLESS"), True),
    "WITH": _Loop.do_with,
    "REPEAT": _Loop.do_repeat,
}
for _names, _kind in ((("COLLECT", "COLLECTING"), KIND_LIST),
                      (("APPEND", "APPENDING"), KIND_APPEND),
                      (("NCONC", "NCONCING"), KIND_NCONC)):
    for _name in _names:
        CLAUSES[_name] = (lambda kind: lambda lp: lp.do_list_collection(kind))(_kind)
for _names, _kind, _default in ((("COUNT", "COUNTING"), KIND_COUNT, "FIXNUM"),
                                (("SUM", "SUMMING"), KIND_SUM, "NUMBER")):
    for _name in _names:
        CLAUSES[_name] = (lambda kind, default: lambda lp: lp.do_sum_collection(kind, S(default)))(
            _kind, _default)
for _names, _kind in ((("MAXIMIZE", "MAXIMIZING"), KIND_MAX),
                      (("MINIMIZE", "MINIMIZING"), KIND_MIN)):
    for _name in _names:
        CLAUSES[_name] = (lambda kind: lambda lp: lp.do_maxmin_collection(kind))(_kind)


@defmacro("LOOP")
def m_loop(form, env):
    """LOOP {form}* repeats the forms forever in a NIL block; LOOP with
    loop keywords is the extended loop of CLHS 6.1 (a form starting with a
    symbol is taken as extended, as in SBCL)."""
    tokens = args_of(form, 0)
    if not tokens or not isinstance(tokens[0], Symbol):
        top = gensym("LOOP")
        return L(BLOCK, NIL, L(S("TAGBODY"), top, Cons(PROGN, list_from_iter(tokens)), L(GO, top)))
    return _Loop(tokens).translate()


@defmacro("LOOP-FINISH")
def m_loop_finish(form, env):
    """Terminate the innermost enclosing extended LOOP normally: its
    FINALLY forms run and its accumulated result is returned, as when an
    iteration clause ends it."""
    args_of(form, 0, 0)
    return GO_END

"""The FOR/AS clauses of LOOP (CLHS 6.1.2.1): stepping over numbers,
lists, vectors, hash tables and packages, and FOR var = ... THEN. Mixed
into the LOOP parser of lisp/loop.py.

Each subclause handler returns the pieces SBCL's LOOP-HACK-ITERATION
combines: (pre-step end test, parallel steps, post-step end test,
sequential pseudo-steps), optionally followed by a second four for the
first iteration when it differs. Steps are (pattern, value form) pairs.
"""
from __future__ import annotations

from . import loop_runtime
from .loop_code import (S, L, QUOTE, CAR, CDR, SETQ, IF, GO_END, is_keyword, typed_init,
                        constant_value, quoted)
from .loop_runtime import is_of_type
from .macros import gensym
from .objects import NIL, Cons, Symbol, keyword, lisp_list, list_from_iter

FUNCTION, FUNCALL, NOT, MVB = S("FUNCTION"), S("FUNCALL"), S("NOT"), S("MULTIPLE-VALUE-BIND")
CHECK_TYPE = loop_runtime.loop_check_type.primitive.name
HASH_CURSOR = loop_runtime.loop_hash_cursor.primitive.name
HASH_NEXT = loop_runtime.loop_hash_next.primitive.name
PACKAGE_CURSOR = loop_runtime.loop_package_cursor.primitive.name
ELEMENTS_CURSOR = loop_runtime.loop_elements_cursor.primitive.name
ELEMENTS_NEXT = loop_runtime.loop_elements_next.primitive.name
PACKAGE_NEXT = loop_runtime.loop_package_next.primitive.name
POSITIVE = L(S("REAL"), L(0))     # a BY step


class IterationClauses:
    """FOR/AS parsing for the LOOP parser (which provides pop, make_var,
    psetq and the rest)."""

    def do_for(self):
        """FOR/AS subclauses joined by AND: their end tests and steps run
        as one group, the steps in parallel."""
        normal = ([], [], [], [])
        first = ([], [], [], [])
        while True:
            parts = self.for_subclause()
            first_parts = parts[4:] if len(parts) == 8 else parts[:4]
            for acc, got in ((normal, parts[:4]), (first, first_parts)):
                pre_test, steps, post_test, pseudo = got
                if pre_test is not None:
                    acc[0].append(pre_test)
                acc[1].extend(steps or ())
                if post_test is not None:
                    acc[2].append(post_test)
                acc[3].extend(pseudo or ())
            if self.emitted_body:
                raise self.error("iteration in LOOP follows body code")
            if not self.next_is("AND"):
                break
            self.pop()
        self.before_loop += self.step_statements(*first)
        self.after_body += self.step_statements(*normal)
        self.bind_block()

    def step_statements(self, pre_tests, steps, post_tests, pseudo_steps) -> list:
        out = [L(IF, t, GO_END) for t in pre_tests]
        if steps:
            out += self.psetq(steps)
        out += [L(IF, t, GO_END) for t in post_tests]
        for var, val in pseudo_steps:
            out += self.desetq(var, val)
        return out

    def for_subclause(self):
        var = self.pop()
        dtype = self.optional_type(var)
        kw = self.pop()
        first_arg = self.get_form()
        handler = FOR_CLAUSES.get(kw.name) if isinstance(kw, Symbol) else None
        if handler is None:
            raise self.error("~S is an unknown keyword in FOR or AS clause in LOOP.", kw)
        return handler(self, var, first_arg, dtype)

    def for_equals(self, var, val, dtype):
        self.make_var(var, NIL, dtype)
        if self.next_is("THEN"):
            self.pop()
            then = self.get_form()
            return (None, [(var, then)], None, None, None, [(var, val)], None, None)
        return (None, [(var, val)], None, None)

    def for_across(self, var, val, dtype):
        self.make_var(var, NIL, dtype)
        vector = self.make_var(gensym("LOOP-ACROSS-VECTOR-"), checked(val, S("VECTOR")), None)
        index = self.make_var(gensym("LOOP-ACROSS-INDEX-"), 0, None)
        limit = gensym("LOOP-ACROSS-LIMIT-")
        self.group.post.append((limit, L(S("LENGTH"), vector)))
        return (L(S(">="), index, limit), [(var, L(S("AREF"), vector, index))], None,
                [(index, L(S("1+"), index))])

    def list_step(self, listvar):
        stepper = L(FUNCTION, CDR)
        if self.next_is("BY"):
            self.pop()
            stepper = self.get_form()
        if type(stepper) is Cons and stepper.car is QUOTE:
            return L(FUNCALL, stepper, listvar)
        if type(stepper) is Cons and stepper.car is FUNCTION and type(stepper.cdr) is Cons \
                and isinstance(stepper.cdr.car, Symbol):
            return L(stepper.cdr.car, listvar)
        fn = self.make_var(gensym("LOOP-FN-"), checked(stepper, FUNCTION), None)
        return L(FUNCALL, fn, listvar)

    def for_in(self, var, val, dtype):
        listvar = gensym("LOOP-LIST-")
        self.make_var(var, NIL, dtype)
        self.make_var(listvar, val, None)
        step = self.list_step(listvar)
        return (L(S("ENDP"), listvar), [(var, L(CAR, listvar))], None, [(listvar, step)])

    def for_on(self, var, val, dtype):
        if isinstance(var, Symbol) and var is not NIL:
            self.make_var(var, val, dtype)
            step = self.list_step(var)
            test = L(S("ATOM"), var)
            return (None, [(var, step)], test, None, None, None, test, None)
        listvar = gensym("LOOP-LIST-")
        self.make_var(listvar, val, None)
        self.make_var(var, NIL, dtype)
        step = self.list_step(listvar)
        return (L(S("ATOM"), listvar), [(var, listvar)], None, [(listvar, step)])

    def sequencer(self, indexv, itype, phrases):
        """FOR var FROM/TO/BY...: SBCL's LOOP-SEQUENCER for numbers."""
        endform = None
        zero, one = typed_init(itype), typed_init(itype, True)
        stepby = 1 if one is NIL else one
        direction = None
        inclusive = False
        start_given = limit_given = False
        previous = None

        def require_atom():
            if type(indexv) is Cons:
                raise self.error("Arithmetic index must be an atom.")

        for prep, form in phrases:
            if prep in ("FROM", "DOWNFROM", "UPFROM"):
                start_given = True
                if prep == "DOWNFROM":
                    direction = "down"
                elif prep == "UPFROM":
                    direction = "up"
                require_atom()
                start_slot = len(self.group.vars)
                indexv = self.make_var(indexv, form, itype)
            elif prep in ("UPTO", "TO", "DOWNTO", "ABOVE", "BELOW"):
                if prep == "UPTO":
                    inclusive, direction = True, "up"
                elif prep == "TO":
                    inclusive = True
                elif prep == "DOWNTO":
                    inclusive, direction = True, "down"
                elif prep == "ABOVE":
                    direction = "down"
                else:
                    direction = "up"
                limit_given = True
                endform = self.constant_or_var("LOOP-LIMIT-", form, _and_type(itype, S("REAL")))
            else:  # BY
                stepby = self.constant_or_var("LOOP-STEP-BY-", form, _and_type(itype, POSITIVE))
            if previous and direction and direction != previous:
                raise self.error("conflicting stepping directions in LOOP sequencing path")
            previous = direction
        if not start_given:
            require_atom()
            indexv = self.make_var(indexv, 0 if zero is NIL else zero, itype)
        else:
            # the index is declared REAL when there is a limit to compare it with
            var, start = self.group.vars[start_slot]
            start_type = _and_type(itype, S("REAL")) if limit_given else itype
            self.group.vars[start_slot] = (var, checked(start, start_type))
        test_fn = None
        if direction in (None, "up"):
            if limit_given:
                test_fn = ">" if inclusive else ">="
            step = L(S("1+"), indexv) if eql_one(stepby) else L(S("+"), indexv, stepby)
        else:
            if not start_given:
                raise self.error("don't know where to start stepping")
            if endform is not None:
                test_fn = "<" if inclusive else "<="
            step = L(S("1-"), indexv) if eql_one(stepby) else L(S("-"), indexv, stepby)
        test = L(S(test_fn), indexv, endform) if test_fn else None
        return (None, [(indexv, step)], test, None, None, None, test, None)

    def constant_or_var(self, prefix: str, form, type_):
        """FORM's value when it is a constant of TYPE_, else a new variable
        bound to it, checked against TYPE_ (SBCL declares that type)."""
        constant, value = constant_value(form)
        if constant and is_of_type(value, type_):
            return quoted(value)
        return self.make_var(gensym(prefix), checked(form, type_), None)

    def prepositional_phrases(self, groups, using_allowed: bool, initial: list):
        """Collect PREPOSITION FORM phrases whose prepositions are in GROUPS
        (each group's members exclude each other), and USING phrases."""
        def group_of(name):
            return next((group for group in groups if name in group), None)

        phrases = list(initial)
        disallowed = [p for prep, _ in initial for p in (group_of(prep) or ())]
        used = [prep for prep, _ in initial]
        while not self.at_end():
            token = self.peek()
            group = group_of(token.name) if isinstance(token, Symbol) else None
            if group is not None:
                prep = token.name
                if prep in disallowed:
                    raise self.error("A ~S prepositional phrase occurs multiply for some LOOP "
                                     "clause." if prep in used else
                                     "Preposition ~S was used when some other preposition has "
                                     "subsumed it.", token)
                used = list(group) + used
                self.pop()
                phrases.append((prep, self.get_form()))
            elif using_allowed and is_keyword(token, "USING"):
                self.pop()
                while True:
                    z = self.pop()
                    if type(z) is not Cons or type(z.cdr) is not Cons:
                        raise self.error("~S is not a valid USING phrase.", z)
                    if z.cdr.car is not NIL:
                        earlier = next((v for n, v in self.named_vars
                                        if isinstance(z.car, Symbol) and is_keyword(n, z.car.name)),
                                       None)
                        if earlier is not None:
                            raise self.error("The variable substitution for ~S occurs twice in a "
                                             "USING phrase,~%with ~S and ~S.",
                                             z.car, z.cdr.car, earlier)
                        self.named_vars.insert(0, (z.car, z.cdr.car))
                    if self.at_end() or isinstance(self.peek(), Symbol):
                        break
            else:
                break
        return phrases

    def named_var(self, name: str):
        """The variable a USING phrase gave for NAME (consumed), or None."""
        for i, (n, v) in enumerate(self.named_vars):
            if is_keyword(n, name):
                del self.named_vars[i]
                return v
        return None

    def for_being(self, var, val, dtype):
        if any(is_keyword(val, n) for n in ("EACH", "THE")):
            path = self.pop()
        elif self.next_is("AND"):
            self.pop()
            token = self.peek()
            if not any(is_keyword(token, n) for n in ("ITS", "EACH", "HIS", "HER")):
                raise self.error("~S was found where ITS or EACH expected in LOOP iteration "
                                 "path syntax.", token)
            self.pop()
            path = self.pop()
            raise self.error("\"Inclusive\" iteration is not possible with the ~S LOOP "
                             "iteration path.", path)
        else:
            raise self.error("unrecognizable LOOP iteration path syntax: missing EACH or THE?")
        if not isinstance(path, Symbol):
            raise self.error("~S was found where a LOOP iteration path name was expected.", path)
        kind = PATHS.get(path.name)
        if kind is None:
            raise self.error("~S is not the name of a LOOP iteration path.", path)
        phrases = self.prepositional_phrases([("OF", "IN")], True, [])
        if kind in ("HASH-KEY", "HASH-VALUE"):
            parts = self.hash_path(var, dtype, phrases, kind)
        elif kind == "ELEMENTS":
            parts = self.elements_path(var, dtype, phrases)
        else:
            parts = self.package_path(var, dtype, phrases, kind)
        if self.named_vars:
            raise self.error("Unused USING vars: ~S.",
                             list_from_iter(Cons(n, v) for n, v in self.named_vars))
        return parts

    def hash_path(self, var, dtype, phrases, which):
        if len(phrases) != 1 or phrases[0][0] not in ("OF", "IN"):
            raise self.error("Too many prepositions!")
        other = self.named_var("HASH-VALUE" if which == "HASH-KEY" else "HASH-KEY")
        variable = var if var is not NIL else gensym("LOOP-HASH-VAR-TEMP-")
        cursor = gensym("LOOP-HASHTAB-")
        self.make_var(variable, NIL, dtype)
        self.make_var(cursor, L(HASH_CURSOR, phrases[0][1]), None)
        if other is not None:
            self.make_var(other, NIL, None)
        key_var, val_var = (variable, other) if which == "HASH-KEY" else (other, variable)
        more, key, value = gensym("MORE"), gensym("KEY"), gensym("VALUE")
        setqs, pseudo = [], []
        for target, source in ((key_var, key), (val_var, value)):
            if target is None:
                continue
            if type(target) is Cons or dtype is not None:
                # destructured and typed variables keep their last value at the end, as in SBCL
                temp = self.make_var(gensym("LOOP-HASH-TEMP-"), NIL, None)
                setqs.append(L(SETQ, temp, source))
                pseudo.append((target, temp))
            else:
                setqs.append(L(SETQ, target, source))
        test = L(MVB, L(more, key, value), L(HASH_NEXT, cursor), *setqs, L(NOT, more))
        return (None, None, test, pseudo)

    def elements_path(self, var, dtype, phrases):
        """SBCL's ``for x being the elements of sequence``: each element of
        a list or of a vector's active part."""
        if len(phrases) > 1:
            raise self.error("Too many prepositions")
        variable = var if var is not NIL else gensym("LOOP-ELEMENT-")
        cursor = gensym("LOOP-ELEMENTS-")
        self.make_var(variable, NIL, dtype)
        self.make_var(cursor, L(ELEMENTS_CURSOR, phrases[0][1] if phrases else NIL), None)
        more, element = gensym("MORE"), gensym("ELEMENT")
        if type(variable) is Cons or dtype is not None:
            temp = self.make_var(gensym("LOOP-ELEMENT-TEMP-"), NIL, None)
            setq, pseudo = L(SETQ, temp, element), [(variable, temp)]
        else:
            setq, pseudo = L(SETQ, variable, element), None
        test = L(MVB, L(more, element), L(ELEMENTS_NEXT, cursor), setq, L(NOT, more))
        return (None, None, test, pseudo)

    def package_path(self, var, dtype, phrases, kind):
        if len(phrases) > 1:
            raise self.error("Too many prepositions!")
        if type(var) is Cons:
            raise self.error("Destructuring is not valid for package symbol iteration.")
        variable = var if var is not NIL else gensym("LOOP-PKGSYM-VAR-")
        package = phrases[0][1] if phrases else S("*PACKAGE*")
        cursor = gensym("LOOP-PKGSYM-")
        self.make_var(variable, NIL, dtype)
        kinds = lisp_list(*[keyword(k) for k in PACKAGE_KINDS[kind]])
        self.make_var(cursor, L(PACKAGE_CURSOR, package, L(QUOTE, kinds)), None)
        more, sym = gensym("MORE"), gensym("SYMBOL")
        test = L(MVB, L(more, sym), L(PACKAGE_NEXT, cursor), L(SETQ, variable, sym), L(NOT, more))
        return (None, None, test, None)


def checked(form, type_):
    """FORM, checked at run time to be of TYPE_ unless it is a constant
    that is."""
    constant, value = constant_value(form)
    if constant and is_of_type(value, type_):
        return form
    return L(CHECK_TYPE, form, L(QUOTE, type_))


def _and_type(itype, type_):
    return type_ if itype is S("NUMBER") else L(S("AND"), itype, type_)


def eql_one(x) -> bool:
    return type(x) is int and x == 1


ARITHMETIC_PREPOSITIONS = [("FROM", "UPFROM", "DOWNFROM"),
                           ("TO", "UPTO", "DOWNTO", "ABOVE", "BELOW"),
                           ("BY",)]

# iteration path names (singular and plural) -> the path
PATHS = {"HASH-KEY": "HASH-KEY", "HASH-KEYS": "HASH-KEY",
         "HASH-VALUE": "HASH-VALUE", "HASH-VALUES": "HASH-VALUE",
         "SYMBOL": "SYMBOLS", "SYMBOLS": "SYMBOLS",
         "PRESENT-SYMBOL": "PRESENT-SYMBOLS", "PRESENT-SYMBOLS": "PRESENT-SYMBOLS",
         "EXTERNAL-SYMBOL": "EXTERNAL-SYMBOLS", "EXTERNAL-SYMBOLS": "EXTERNAL-SYMBOLS",
         "ELEMENT": "ELEMENTS", "ELEMENTS": "ELEMENTS"}     # ELEMENTS: SBCL's sequence path
# which symbols of the package each package path visits
PACKAGE_KINDS = {"SYMBOLS": ("INTERNAL", "EXTERNAL", "INHERITED"),
                 "PRESENT-SYMBOLS": ("INTERNAL", "EXTERNAL"),
                 "EXTERNAL-SYMBOLS": ("EXTERNAL",)}

# FOR/AS subclause keywords: name -> handler(loop, var, first form, type)
FOR_CLAUSES = {
    "=": IterationClauses.for_equals,
    "ACROSS": IterationClauses.for_across,
    "IN": IterationClauses.for_in,
    "ON": IterationClauses.for_on,
    "BEING": IterationClauses.for_being,
}


def _for_arithmetic(kw: str):
    """The handler of FOR var KW form ... (arithmetic stepping)."""
    def handler(lp, var, val, dtype):
        lp.check_data_type(dtype, "NUMBER")
        itype = dtype if dtype is not None else S("NUMBER")
        phrases = lp.prepositional_phrases(ARITHMETIC_PREPOSITIONS, False, [(kw, val)])
        return lp.sequencer(var, itype, phrases)
    return handler


for _name in ("FROM", "DOWNFROM", "UPFROM", "BELOW", "ABOVE", "TO", "UPTO", "DOWNTO", "BY"):
    FOR_CLAUSES[_name] = _for_arithmetic(_name)

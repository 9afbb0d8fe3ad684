"""Generic functions: methods, dispatch and standard method combination.

A ``GenericFunction`` is a machine function. Calling it finds the methods
applicable to the classes of its required arguments (cached per tuple of
classes, and per matching EQL specializer), and runs the effective method
as ordinary machine steps: nothing re-enters the machine on the Python
stack.

Method calling protocol: every method function is called with two hidden
arguments before the generic function's own: the ``MethodChain`` of the
methods that CALL-NEXT-METHOD would run, and the Lisp list of the original
arguments. DEFMETHOD's expansion binds CALL-NEXT-METHOD and NEXT-METHOD-P
with FLET around the body to ``SYS:%CALL-NEXT-METHOD`` and
``SYS:%NEXT-METHOD-P`` of that chain. Built-in methods (slot accessors,
the default INITIALIZE-INSTANCE ...) are primitives taking the same hidden
arguments.

Standard method combination: the chain of an effective method is the
around methods, most specific first, ending in a ``StandardCombination``
that runs the before methods (most specific first), the first primary
(whose CALL-NEXT-METHOD reaches the next primaries), then the after
methods (least specific first), returning the primary's values. Without
around, before or after methods the chain is just the primaries.
"""
from __future__ import annotations

from .errors import LispError, program_error
from .functions import Function, defun
from .machine import Frame
from .objects import NIL, T, Symbol, Cons, LString, LispClass, cl_sym, \
    keyword, lisp_list, list_to_py
from .types import CLASSES, class_of, define_class, OTHER_CLASS_OF

S = cl_sym

# Bumped whenever a class's precedence list may change: every dispatch
# cache built before is stale.
CLASS_EPOCH = [0]


def classes_changed():
    CLASS_EPOCH[0] += 1


class EqlSpecializer:
    """(EQL value) in a method's specializers."""
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class Method:
    """A method: its qualifiers (a tuple of keywords), one specializer per
    required parameter (a LispClass or EqlSpecializer), its function (see
    the calling protocol above) and the keywords its lambda list accepts
    (None: no &key; True: &allow-other-keys)."""
    __slots__ = ("gf", "qualifiers", "specializers", "fn", "keys", "builtin", "doc")

    def __init__(self, qualifiers, specializers, fn, keys=None, builtin=False):
        self.gf = None
        self.qualifiers = tuple(qualifiers)
        self.specializers = list(specializers)
        self.fn = fn
        self.keys = keys
        self.builtin = builtin
        self.doc = None

    def applies(self, args) -> bool:
        from .equality import eql
        for spec, arg in zip(self.specializers, args):
            if type(spec) is EqlSpecializer:
                if not eql(spec.value, arg):
                    return False
            elif spec not in class_of(arg).cpl:
                return False
        return True


class MethodChain:
    """The methods CALL-NEXT-METHOD runs next: ITEMS[INDEX:], called from
    METHOD (for the error when there is none)."""
    __slots__ = ("items", "index", "gf", "method")

    def __init__(self, items, index, gf, method):
        self.items = items
        self.index = index
        self.gf = gf
        self.method = method

    def call_next(self, m, arglist, args):
        items, i = self.items, self.index
        if i >= len(items):
            raise no_next_method_error(self.gf, self.method, args)
        item = items[i]
        if type(item) is StandardCombination:
            item.invoke(m, [None, arglist] + args)
        else:
            item.fn.invoke(m, [MethodChain(items, i + 1, self.gf, item), arglist] + args)


class CallSequenceFrame(Frame):
    """Runs CALLS (function, args) one after another; the values of the one
    at index KEEP are the result."""
    __slots__ = ("calls", "i", "keep", "saved")

    def __init__(self, calls, keep):
        self.calls = calls
        self.i = 0
        self.keep = keep
        self.saved = NIL

    def start(self, m):
        m.k.append(self)
        fn, args = self.calls[0]
        fn.invoke(m, args)

    def resume(self, m):
        if self.i == self.keep:
            self.saved = m.value
        self.i += 1
        if self.i < len(self.calls):
            m.k.append(self)
            fn, args = self.calls[self.i]
            fn.invoke(m, args)
        else:
            m.value = self.saved
            m.node = None


class StandardCombination(Function):
    """The innermost part of an effective method with before or after
    methods: befores, the primaries, afters."""
    __slots__ = ("gf", "befores", "primaries", "afters")

    def __init__(self, gf, befores, primaries, afters):
        self.name = gf.name
        self.gf = gf
        self.befores = befores
        self.primaries = primaries
        self.afters = afters

    def invoke(self, m, args):
        arglist = args[1]
        real = args[2:]
        if not self.primaries:
            raise no_primary_method_error(self.gf, real)
        calls = [(b.fn, [MethodChain([], 0, self.gf, b), arglist] + real) for b in self.befores]
        keep = len(calls)
        first = self.primaries[0]
        calls.append((first.fn, [MethodChain(self.primaries, 1, self.gf, first), arglist] + real))
        calls += [(a.fn, [MethodChain([], 0, self.gf, a), arglist] + real) for a in self.afters]
        CallSequenceFrame(calls, keep).start(m)


class EffectiveMethod:
    """What a call with arguments of one tuple of classes runs."""
    __slots__ = ("gf", "first", "chain_items", "methods")

    def __init__(self, gf, methods):
        self.gf = gf
        self.methods = methods
        arounds, befores, primaries, afters = [], [], [], []
        for meth in methods:
            q = meth.qualifiers
            if not q:
                primaries.append(meth)
            elif q == (_AROUND,):
                arounds.append(meth)
            elif q == (_BEFORE,):
                befores.append(meth)
            elif q == (_AFTER,):
                afters.append(meth)
            else:
                raise program_error("invalid method qualifiers ~S for the standard method combination",
                                    lisp_list(*q))
        if arounds or befores or afters:
            afters.reverse()
            self.chain_items = arounds + [StandardCombination(gf, befores, primaries, afters)]
        else:
            self.chain_items = primaries

    def invoke(self, m, args):
        if not self.methods:
            raise no_applicable_method_error(self.gf, args)
        MethodChain(self.chain_items, 0, self.gf, None).call_next(m, lisp_list(*args), args)


_AROUND, _BEFORE, _AFTER = keyword("AROUND"), keyword("BEFORE"), keyword("AFTER")


class GenericFunction(Function):
    """A standard generic function: NAME, its LAMBDA-LIST, METHODS and the
    dispatch cache (class tuple -> EffectiveMethod)."""
    __slots__ = ("lambda_list", "nreq", "methods", "cache", "epoch", "eql_positions",
                 "doc", "plist")

    def __init__(self, name, lambda_list, nreq):
        self.name = name
        self.lambda_list = lambda_list
        self.nreq = nreq
        self.methods: list[Method] = []
        self.cache: dict = {}
        self.epoch = CLASS_EPOCH[0]
        self.eql_positions: dict = {}
        self.doc = None
        self.plist = None

    def class_hook(self):
        return CLASSES[S("STANDARD-GENERIC-FUNCTION")]

    def add_method(self, meth: Method):
        """Add METH, replacing a method with the same qualifiers and
        specializers (as DEFMETHOD does when re-evaluated)."""
        for i, old in enumerate(self.methods):
            if old.qualifiers == meth.qualifiers and _same_specializers(old.specializers,
                                                                         meth.specializers):
                self.methods[i] = meth
                break
        else:
            self.methods.append(meth)
        meth.gf = self
        self.methods_changed()

    def remove_method(self, meth: Method):
        if meth in self.methods:
            self.methods.remove(meth)
            meth.gf = None
            self.methods_changed()

    def methods_changed(self):
        self.cache.clear()
        positions: dict = {}
        for meth in self.methods:
            for i, spec in enumerate(meth.specializers):
                if type(spec) is EqlSpecializer:
                    positions.setdefault(i, []).append(spec.value)
        self.eql_positions = positions

    def dispatch_key(self, args):
        key = [class_of(a) for a in args[:self.nreq]]
        if self.eql_positions:
            from .equality import eql
            for i, values in self.eql_positions.items():
                for j, v in enumerate(values):
                    if eql(v, args[i]):
                        key[i] = (key[i], j)
                        break
        return tuple(key)

    def effective_method(self, args) -> EffectiveMethod:
        if self.epoch != CLASS_EPOCH[0]:
            self.cache.clear()
            self.epoch = CLASS_EPOCH[0]
        key = self.dispatch_key(args)
        em = self.cache.get(key)
        if em is None:
            em = EffectiveMethod(self, self.applicable_methods(args))
            self.cache[key] = em
        return em

    def applicable_methods(self, args) -> list:
        """The methods applicable to ARGS, most specific first."""
        found = [meth for meth in self.methods if meth.applies(args)]
        cpls = [class_of(a).cpl for a in args[:self.nreq]]
        found.sort(key=lambda meth: _precedence_key(meth, cpls))
        return found

    def invoke(self, m, args):
        if len(args) < self.nreq:
            raise program_error("invalid number of arguments: ~S", len(args))
        self.effective_method(args).invoke(m, args)

    def __repr__(self):
        return f"#<generic function {self.name}>"


def _precedence_key(meth, cpls):
    key = []
    for spec, cpl in zip(meth.specializers, cpls):
        key.append(-1 if type(spec) is EqlSpecializer else cpl.index(spec))
    return key


def _same_specializers(a, b):
    from .equality import eql
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if type(x) is EqlSpecializer and type(y) is EqlSpecializer:
            if not eql(x.value, y.value):
                return False
        elif x is not y:
            return False
    return True


# ---------------------------------------------------------------- errors
def _gf_text(gf) -> str:
    from .printer import write_to_string
    from .objects import KEYWORD
    return "#<STANDARD-GENERIC-FUNCTION %s (%d)>" % (
        write_to_string(gf.name, escape=True, package=KEYWORD), len(gf.methods))


def method_text(meth) -> str:
    from .printer import write_to_string, object_address
    from .objects import KEYWORD
    name = meth.gf.name if meth.gf is not None else NIL
    specs = lisp_list(*[lisp_list(S("EQL"), s.value) if type(s) is EqlSpecializer else s.name
                        for s in meth.specializers])
    parts = [write_to_string(name, escape=True, package=KEYWORD)]
    parts += [write_to_string(q, escape=True) for q in meth.qualifiers]
    parts.append(write_to_string(specs, escape=True))
    return "#<STANDARD-METHOD %s {%s}>" % (" ".join(parts), object_address(meth))


def _args_text(args) -> str:
    from .printer import write_to_string
    return write_to_string(lisp_list(*args), escape=True)


def no_applicable_method_error(gf, args):
    return LispError("SYS::NO-APPLICABLE-METHOD-ERROR", {
        "FORMAT-CONTROL": LString(
            "There is no applicable method for the generic function~%  ~A~%when called "
            "with arguments~%  ~A.~%See also:~%  The ANSI Standard, Section 7.6.6"),
        "FORMAT-ARGUMENTS": lisp_list(LString(_gf_text(gf)), LString(_args_text(args)))})


def no_next_method_error(gf, meth, args):
    return LispError("SYS::NO-NEXT-METHOD-ERROR", {
        "FORMAT-CONTROL": LString(
            "There is no next method for the generic function~%  ~A~%when called from "
            "method~%  ~A~%with arguments~%  ~A.~%See also:~%  The ANSI Standard, Section 7.6.6.2"),
        "FORMAT-ARGUMENTS": lisp_list(LString(_gf_text(gf)), LString(method_text(meth)),
                                      LString(_args_text(args)))})


def no_primary_method_error(gf, args):
    return LispError("SYS::NO-PRIMARY-METHOD-ERROR", {
        "FORMAT-CONTROL": LString(
            "There is no primary method for the generic function~%  ~A~%when called "
            "with arguments~%  ~A.~%See also:~%  The ANSI Standard, Section 7.6.6.2"),
        "FORMAT-ARGUMENTS": lisp_list(LString(_gf_text(gf)), LString(_args_text(args)))})


def _define_error_classes():
    from .conditions import condition_class
    for name in ("SYS::NO-APPLICABLE-METHOD-ERROR", "SYS::NO-NEXT-METHOD-ERROR",
                 "SYS::NO-PRIMARY-METHOD-ERROR"):
        condition_class(name, ["SIMPLE-ERROR"], report=_report_simple())


def _report_simple():
    from .conditions import report_simple
    return report_simple


# ---------------------------------------------------------------- metaobject classes
for _name, _supers in [("GENERIC-FUNCTION", ("FUNCTION",)),
                       ("STANDARD-GENERIC-FUNCTION", ("GENERIC-FUNCTION",)),
                       ("METHOD", ("STANDARD-OBJECT",)), ("STANDARD-METHOD", ("METHOD",))]:
    define_class(_name, _supers)
OTHER_CLASS_OF[Method] = lambda x: CLASSES[S("STANDARD-METHOD")]
_define_error_classes()


# ---------------------------------------------------------------- defining
def function_name_cell(name):
    """(getter, setter) of the global function NAME (a symbol or (SETF s))."""
    if isinstance(name, Symbol):
        return (lambda: name.fn), (lambda f: setattr(name, "fn", f))
    if type(name) is Cons and name.car is S("SETF") and type(name.cdr) is Cons \
            and isinstance(name.cdr.car, Symbol):
        target = name.cdr.car
        return (lambda: target.setf_fn), (lambda f: setattr(target, "setf_fn", f))
    raise program_error("~S is not a legal function name", name)


def required_count(lambda_list) -> int:
    n = 0
    for x in list_to_py(lambda_list):
        if isinstance(x, Symbol) and x.name.startswith("&"):
            break
        n += 1
    return n


def ensure_generic_function(name, lambda_list) -> GenericFunction:
    """The generic function NAME, made with LAMBDA-LIST when NAME has none
    (an ordinary function of that name is replaced)."""
    get, put = function_name_cell(name)
    f = get()
    if type(f) is GenericFunction:
        return f
    gf = GenericFunction(name, lambda_list, required_count(lambda_list))
    put(gf)
    return gf


def method_keys(lambda_list):
    """The keywords a method lambda list accepts: None, a list, or True."""
    keys = None
    mode = None
    for x in list_to_py(lambda_list):
        if isinstance(x, Symbol) and x.name.startswith("&"):
            if x is S("&ALLOW-OTHER-KEYS"):
                return True
            mode = x
            if x is S("&KEY"):
                keys = []
            continue
        if mode is S("&KEY"):
            spec = x.car if type(x) is Cons else x
            keys.append(spec.car if type(spec) is Cons else keyword(spec.name))
    return keys


def resolve_specializer(spec):
    if isinstance(spec, LispClass) or type(spec) is EqlSpecializer:
        return spec
    if isinstance(spec, Symbol):
        from .clos_classes import find_class
        return find_class(spec)
    raise program_error("~S is not a valid parameter specializer name", spec)


@defun("SYS:%DEFGENERIC", "name lambda-list documentation")
def lisp_defgeneric(name, lambda_list, doc):
    gf = ensure_generic_function(name, lambda_list)
    gf.lambda_list = lambda_list
    gf.nreq = required_count(lambda_list)
    if doc is not NIL:
        gf.doc = doc
    return gf


@defun("SYS:%DEFMETHOD", "name qualifiers specializers lambda-list function documentation")
def lisp_defmethod(name, qualifiers, specializers, lambda_list, fn, doc):
    specs = [resolve_specializer(s) for s in list_to_py(specializers)]
    gf = ensure_generic_function(name, lambda_list)
    if len(specs) != gf.nreq:
        raise program_error("The generic function ~S takes ~D required argument~:P; was "
                            "asked to find a method with specializers ~S",
                            gf, gf.nreq, specializers)
    meth = Method(list_to_py(qualifiers), specs, fn, method_keys(lambda_list))
    if doc is not NIL:
        meth.doc = doc
    gf.add_method(meth)
    return meth


@defun("SYS:%EQL-SPECIALIZER", "object")
def lisp_eql_specializer(obj):
    return EqlSpecializer(obj)


@defun("SYS:%CALL-NEXT-METHOD", "chain arglist args", kind="control")
def lisp_call_next_method(m, args):
    chain, arglist, new_args = args
    if new_args is NIL:
        chain.call_next(m, arglist, list_to_py(arglist))
    else:
        chain.call_next(m, new_args, list_to_py(new_args))


@defun("SYS:%NEXT-METHOD-P", "chain")
def lisp_next_method_p(chain):
    return T if chain.index < len(chain.items) else NIL


@defun("REMOVE-METHOD", "generic-function method")
def lisp_remove_method(gf, meth):
    gf.remove_method(meth)
    return gf


@defun("FIND-METHOD", "generic-function qualifiers specializers &optional errorp")
def lisp_find_method(gf, qualifiers, specializers, errorp=T):
    specs = [resolve_specializer(s) if not (type(s) is Cons and s.car is S("EQL"))
             else EqlSpecializer(s.cdr.car) for s in list_to_py(specializers)]
    quals = tuple(list_to_py(qualifiers))
    for meth in gf.methods:
        if meth.qualifiers == quals and _same_specializers(meth.specializers, specs):
            return meth
    if errorp is NIL:
        return NIL
    from .errors import simple_error
    raise simple_error("There is no method on ~S with qualifiers ~S and specializers ~S.",
                       gf, qualifiers, specializers)


@defun("COMPUTE-APPLICABLE-METHODS", "generic-function arguments")
def lisp_compute_applicable_methods(gf, arguments):
    return lisp_list(*gf.applicable_methods(list_to_py(arguments)))


@defun("SYS:GENERIC-FUNCTION-NAME", "generic-function")
def lisp_gf_name(gf):
    return gf.name


@defun("SYS:GENERIC-FUNCTION-METHODS", "generic-function")
def lisp_gf_methods(gf):
    return lisp_list(*gf.methods)


def user_method_applies(gf: GenericFunction, args) -> bool:
    """Does a method that is not built in apply to ARGS?"""
    return any(not meth.builtin for meth in gf.effective_method(args).methods)


def builtin_method(gf, qualifiers, specializer_names, fn):
    """Add the Python method FN (a Primitive taking the hidden arguments)."""
    meth = Method(qualifiers, [CLASSES[S(n)] if isinstance(n, str) else n
                               for n in specializer_names], fn, builtin=True)
    gf.add_method(meth)
    return meth


"""Generic functions: methods, dispatch and standard method combination.

A ``GenericFunction`` is a machine function. Calling it finds the methods
applicable to the classes of its required arguments (cached per tuple of
classes, and per matching EQL specializer), and runs the effective method
as ordinary machine steps: nothing re-enters the machine on the Python
stack.

Method calling protocol: every method function is called with two hidden
arguments before the generic function's own: the ``MethodChain`` of the
methods that CALL-NEXT-METHOD would run, and the original arguments (a
Python list, opaque to the Lisp code that passes it on). DEFMETHOD's expansion binds CALL-NEXT-METHOD and NEXT-METHOD-P
with FLET around the body to ``SYS:%CALL-NEXT-METHOD`` and
``SYS:%NEXT-METHOD-P`` of that chain. Built-in methods (slot accessors,
the default INITIALIZE-INSTANCE ...) are primitives taking the same hidden
arguments.

Standard method combination: the chain of an effective method is the
around methods, most specific first, ending in a ``StandardCombination``
that runs the before methods (most specific first), the first primary
(whose CALL-NEXT-METHOD reaches the next primaries), then the after
methods (least specific first), returning the primary's values. Without
around, before or after methods the chain is just the primaries. Other
method combinations (lisp/clos_combin.py) turn the applicable methods into
an effective method function once per dispatch key.

The protocol's failure points are generic functions as CLHS 7.6.6 wants:
no applicable method calls NO-APPLICABLE-METHOD, an exhausted
CALL-NEXT-METHOD calls NO-NEXT-METHOD, a missing primary method
SB-PCL::NO-PRIMARY-METHOD; their default methods signal SBCL's errors.
"""
from __future__ import annotations

from .errors import binding_type_error, program_error
from .functions import Function, Primitive
from .machine import Frame
from .objects import (NIL, Symbol, Cons, LString, Instance, Package, CL, SB_EXT, cl_sym,
                      sys_sym, keyword, lisp_list, list_to_py, find_package)
from .types import CLASSES, class_of, define_class, OTHER_CLASS_OF

S = cl_sym
SB_PCL = find_package("SB-PCL") or Package("SB-PCL", use=[CL])
SB_MOP = find_package("SB-MOP") or Package("SB-MOP", use=[CL])


def pcl_sym(name: str) -> Symbol:
    """The symbol NAME of SB-PCL (SBCL's CLOS implementation package)."""
    return SB_PCL.intern(name)[0]


# Bumped whenever a class's precedence list or a method combination may
# change: every dispatch cache built before is stale.
CLASS_EPOCH = [0]


def classes_changed():
    CLASS_EPOCH[0] += 1


# Set once some class has been redefined: from then on a call checks its
# instance arguments for storage of an older definition of their class.
# UPDATE_OBSOLETE[0](m, instance, function, args) (lisp/clos_slots.py)
# starts bringing such an instance up to date, then calls FUNCTION with
# ARGS again, and answers whether it did.
OBSOLETE = [False]
UPDATE_OBSOLETE = [None]


# ---------------------------------------------------------------- lambda lists
class LambdaInfo:
    """What a generic function or method lambda list accepts: NREQ required
    and NOPT optional parameters, &REST (RESTP), &KEY (KEYSP) with the
    keywords KEYS, &ALLOW-OTHER-KEYS (ALLOW)."""
    __slots__ = ("nreq", "nopt", "restp", "keysp", "keys", "allow", "required")

    def __init__(self, lambda_list):
        self.nreq = self.nopt = 0
        self.restp = self.keysp = self.allow = False
        self.keys: list = []
        self.required: list = []
        mode = None
        for x in list_to_py(lambda_list):
            if isinstance(x, Symbol) and x.name.startswith("&"):
                if x is S("&ALLOW-OTHER-KEYS"):
                    self.allow = True
                elif x is S("&KEY"):
                    self.keysp = True
                elif x in (S("&REST"), S("&BODY")):
                    self.restp = True
                mode = x
                continue
            if mode is None:
                self.nreq += 1
                self.required.append(x.car if type(x) is Cons else x)
            elif mode is S("&OPTIONAL"):
                self.nopt += 1
            elif mode is S("&KEY"):
                spec = x.car if type(x) is Cons else x
                self.keys.append(spec.car if type(spec) is Cons else keyword(spec.name))

    @property
    def max_args(self):
        return None if self.restp or self.keysp else self.nreq + self.nopt

    def accepts_any_key(self) -> bool:
        return self.allow or (self.restp and not self.keysp)


# ---------------------------------------------------------------- specializers
class EqlSpecializer:
    """(EQL value) in a method's specializers; one per value (see
    ``intern_eql_specializer``). METHODS: the methods specialized on it,
    most recent first."""
    __slots__ = ("value", "methods", "__weakref__")

    def __init__(self, value):
        self.value = value
        self.methods = []

    def lisp_repr(self) -> str:
        from .printer import prin1_to_string
        return "#<SB-MOP:EQL-SPECIALIZER %s>" % prin1_to_string(self.value)


def direct_methods(spec) -> list:
    """The methods specialized on SPEC (a class or EQL specializer), most
    recent first (SB-MOP:SPECIALIZER-DIRECT-METHODS)."""
    if type(spec) is EqlSpecializer:
        return spec.methods
    return spec.extra.setdefault("direct-methods", [])


_EQL_SPECIALIZERS: dict = {}


def _eql_key(value):
    from .objects import Char
    return (type(value), value) if isinstance(value, (int, float, Char)) else id(value)


def eql_specializer_exists(value) -> bool:
    spec = _EQL_SPECIALIZERS.get(_eql_key(value))
    return spec is not None and (type(_eql_key(value)) is not int or spec.value is value)


def intern_eql_specializer(value) -> EqlSpecializer:
    """The EQL specializer of VALUE: the same object for EQL values."""
    if eql_specializer_exists(value):
        return _EQL_SPECIALIZERS[_eql_key(value)]
    spec = EqlSpecializer(value)
    _EQL_SPECIALIZERS[_eql_key(value)] = spec
    return spec


def specializer_type(spec):
    """The type specifier a parameter specialized by SPEC must satisfy."""
    if type(spec) is EqlSpecializer:
        return lisp_list(S("EQL"), spec.value)
    return spec.name if CLASSES.get(spec.name) is spec else spec


def specializer_matches(spec, arg) -> bool:
    if type(spec) is EqlSpecializer:
        from .equality import eql
        return eql(spec.value, arg)
    return spec in class_of(arg).cpl


class Method:
    """A method: its qualifiers (a tuple), one specializer per required
    parameter (a LispClass or EqlSpecializer), its function (see the calling
    protocol above), its unspecialized LAMBDA-LIST and what that accepts
    (INFO). MCLASS is the name of its class (STANDARD-METHOD, or a reader or
    writer method's); SLOT_NAME the slot of an accessor method."""
    __slots__ = ("gf", "qualifiers", "specializers", "fn", "info", "lambda_list", "builtin",
                 "doc", "mclass", "slot_name", "__weakref__")

    def __init__(self, qualifiers, specializers, fn, lambda_list=NIL, builtin=False):
        self.gf = None
        self.qualifiers = tuple(qualifiers)
        self.specializers = list(specializers)
        self.fn = fn
        self.lambda_list = lambda_list
        self.info = LambdaInfo(lambda_list) if lambda_list is not NIL else None
        self.builtin = builtin
        self.doc = None
        self.mclass = S("STANDARD-METHOD")
        self.slot_name = None

    @property
    def keys(self):
        """The initargs a method of an initialization generic function makes
        valid (CLHS 7.1.2): None, a list of keywords, or True for any."""
        info = self.info
        if info is None or not info.keysp:
            return None
        return True if info.allow else info.keys

    def applies(self, args) -> bool:
        for spec, arg in zip(self.specializers, args):
            if not specializer_matches(spec, arg):
                return False
        return True

    def parameter_name(self, i) -> Symbol:
        info = self.info or (self.gf.info if self.gf is not None else None)
        if info is not None and i < len(info.required):
            return info.required[i]
        return Symbol("ARG%d" % i)

    def check_arguments(self, args):
        """Signal SBCL's TYPE-ERROR when ARGS (given to CALL-NEXT-METHOD)
        do not satisfy this method's specializers."""
        for i, (spec, arg) in enumerate(zip(self.specializers, args)):
            if not specializer_matches(spec, arg):
                raise binding_type_error(arg, specializer_type(spec), self.parameter_name(i))


# ---------------------------------------------------------------- effective methods
class MethodChain:
    """The methods CALL-NEXT-METHOD runs next: ITEMS[INDEX:], called from
    METHOD (for the error when there is none). CHECK: the arguments came
    from CALL-NEXT-METHOD with arguments, so each method checks them
    against its specializers as SBCL's do."""
    __slots__ = ("items", "index", "gf", "method", "check")

    def __init__(self, items, index, gf, method, check=False):
        self.items = items
        self.index = index
        self.gf = gf
        self.method = method
        self.check = check

    def call_next(self, m, arglist, args, check=False):
        check = check or self.check
        items, i = self.items, self.index
        if i >= len(items):
            NO_NEXT_METHOD.invoke(m, [self.gf, self.method] + args)
            return
        item = items[i]
        if type(item) is StandardCombination:
            if check:
                item.check_arguments(args)
            item.run(m, arglist, args, check)
        else:
            if check:
                item.check_arguments(args)
            item.fn.invoke(m, [MethodChain(items, i + 1, self.gf, item, check), arglist] + args)


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


class StandardCombination:
    """The innermost part of an effective method with before or after
    methods: befores, the primaries, afters."""
    __slots__ = ("gf", "befores", "primaries", "afters")

    def __init__(self, gf, befores, primaries, afters):
        self.gf = gf
        self.befores = befores
        self.primaries = primaries
        self.afters = afters

    def check_arguments(self, args):
        for meth in self.befores + self.primaries[:1] + self.afters:
            meth.check_arguments(args)

    def run(self, m, arglist, real, check):
        if not self.primaries:
            NO_PRIMARY_METHOD.invoke(m, [self.gf] + real)
            return
        gf = self.gf
        calls = [(b.fn, [MethodChain([], 0, gf, b, check), arglist] + real) for b in self.befores]
        keep = len(calls)
        first = self.primaries[0]
        calls.append((first.fn, [MethodChain(self.primaries, 1, gf, first, check), arglist] + real))
        calls += [(a.fn, [MethodChain([], 0, gf, a, check), arglist] + real) for a in self.afters]
        CallSequenceFrame(calls, keep).start(m)


_AROUND, _BEFORE, _AFTER = keyword("AROUND"), keyword("BEFORE"), keyword("AFTER")
STANDARD_QUALIFIERS = {(), (_AROUND,), (_BEFORE,), (_AFTER,)}


class EffectiveMethod:
    """What a call with arguments of one dispatch key runs. For the
    standard combination CHAIN_ITEMS; for another, FUNCTION (made by the
    combination the first time it is needed). KEYS: the keywords the call
    may pass (None: not checked). ERROR: a LispError every call signals."""
    __slots__ = ("gf", "methods", "chain_items", "function", "keys", "error")

    def __init__(self, gf, methods):
        self.gf = gf
        self.methods = methods
        self.function = None
        self.chain_items = None
        self.error = None
        self.keys = _valid_keys(gf, methods)
        if gf.combination is not None:
            return
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
                self.error = clos_errors.invalid_standard_qualifiers_error(gf, meth)
                return
        if not primaries:
            # SBCL runs no around method when there is no primary one
            self.chain_items = [StandardCombination(gf, [], [], [])]
        elif arounds or befores or afters:
            afters.reverse()
            self.chain_items = arounds + [StandardCombination(gf, befores, primaries, afters)]
        else:
            self.chain_items = primaries

    def invoke(self, m, args):
        if self.keys is not None:
            check_keywords(self.gf, self.keys, args)
        if not self.methods:
            NO_APPLICABLE_METHOD.invoke(m, [self.gf] + args)
            return
        if self.error is not None:
            raise self.error
        if self.chain_items is not None:
            MethodChain(self.chain_items, 0, self.gf, None).call_next(m, args, args)
        elif self.function is not None:
            self.function.invoke(m, args)
        else:
            self.gf.combination.start_effective_method(m, self, args)


def _valid_keys(gf, methods):
    """The keywords a call with these applicable METHODS accepts (CLHS
    7.6.5), or None when any keyword is accepted or none is parsed."""
    info = gf.info
    infos = [meth.info for meth in methods if meth.info is not None]
    # SBCL checks only calls of a generic function whose lambda list has &KEY
    if not info.keysp or info.allow or any(i.allow for i in infos):
        return None
    valid = list(info.keys)
    for i in infos:
        for k in i.keys:
            if k not in valid:
                valid.insert(0, k)
    return valid


def check_keywords(gf, valid, args):
    """Signal SBCL's error for a call passing keyword arguments that no
    applicable method accepts."""
    info = gf.info
    rest = args[info.nreq + info.nopt:]
    for i in range(0, len(rest), 2):
        if not isinstance(rest[i], Symbol):
            raise program_error("keyword argument not a symbol: ~S.", rest[i])
    if len(rest) % 2:
        raise program_error("odd number of &KEY arguments")
    allow = keyword("ALLOW-OTHER-KEYS")
    for i in range(0, len(rest), 2):
        if rest[i] is allow and rest[i + 1] is not NIL:
            return
    bad = [rest[i] for i in range(0, len(rest), 2) if rest[i] not in valid and rest[i] is not allow]
    if bad:
        raise program_error("~@<invalid keyword argument~P: ~{~S~^, ~} (valid keys are ~{~S~^, ~}).~@:>",
                            len(bad), lisp_list(*bad), lisp_list(*valid))


class GenericFunction(Function):
    """A standard generic function: NAME, its LAMBDA-LIST (INFO: what it
    accepts), METHODS, its method COMBINATION (None: STANDARD) and the
    dispatch cache (dispatch key -> EffectiveMethod)."""
    __slots__ = ("lambda_list", "info", "nreq", "max_args", "methods", "cache", "epoch",
                 "eql_positions", "doc", "plist", "combination", "precedence",
                 "lambda_list_given", "version", "has_user_methods", "metaclass",
                 "__weakref__")

    def __init__(self, name, lambda_list, lambda_list_given=True):
        self.name = name
        self.methods: list[Method] = []
        self.cache: dict = {}
        self.epoch = CLASS_EPOCH[0]
        self.eql_positions: dict = {}
        self.doc = None
        self.plist = None
        self.combination = None
        self.precedence = None
        self.lambda_list_given = lambda_list_given
        self.version = 0      # bumped when the methods change (for caches built on them)
        self.has_user_methods = False
        self.metaclass = None     # a subclass of STANDARD-GENERIC-FUNCTION it is made of
        self.set_lambda_list(lambda_list)

    def set_lambda_list(self, lambda_list):
        self.lambda_list = lambda_list
        self.info = LambdaInfo(lambda_list)
        self.nreq = self.info.nreq
        self.max_args = self.info.max_args
        self.cache.clear()

    def class_hook(self):
        return self.metaclass or CLASSES[S("STANDARD-GENERIC-FUNCTION")]

    def add_method(self, meth: Method):
        """Add METH, replacing a method with the same qualifiers and
        specializers (as DEFMETHOD does when re-evaluated)."""
        for old in self.methods:
            if old.qualifiers == meth.qualifiers and _same_specializers(old.specializers,
                                                                         meth.specializers):
                self.remove_method(old)
                break
        self.methods.append(meth)
        meth.gf = self
        for spec in set(meth.specializers):
            direct_methods(spec).insert(0, meth)
        self.methods_changed()

    def remove_method(self, meth: Method):
        if meth in self.methods:
            self.methods.remove(meth)
            meth.gf = None
            for spec in set(meth.specializers):
                if meth in direct_methods(spec):
                    direct_methods(spec).remove(meth)
            self.methods_changed()

    def methods_changed(self):
        self.cache.clear()
        self.version += 1
        self.has_user_methods = any(not meth.builtin for meth in self.methods)
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
        """The methods applicable to ARGS, most specific first; among
        equally specific ones the most recently added first, as in SBCL."""
        found = [meth for meth in reversed(self.methods) if meth.applies(args)]
        cpls = [class_of(a).cpl for a in args[:self.nreq]]
        order = self.precedence or range(self.nreq)
        found.sort(key=lambda meth: [_specificity(meth.specializers[i], cpls[i]) for i in order])
        return found

    def invoke(self, m, args):
        n = len(args)
        if n < self.nreq or (self.max_args is not None and n > self.max_args):
            raise program_error("invalid number of arguments: ~S", n)
        if OBSOLETE[0]:
            for a in args[:self.nreq]:
                if type(a) is Instance and UPDATE_OBSOLETE[0](m, a, self, args):
                    return
        self.effective_method(args).invoke(m, args)

    def __repr__(self):
        return f"#<generic function {self.name}>"


def _specificity(spec, cpl):
    return -1 if type(spec) is EqlSpecializer else cpl.index(spec)


def _same_specializers(a, b):
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x is not y:
            if not (type(x) is EqlSpecializer and type(y) is EqlSpecializer):
                return False
            from .equality import eql
            if not eql(x.value, y.value):
                return False
    return True


# ---------------------------------------------------------------- metaobject classes
for _name, _supers in [("GENERIC-FUNCTION", ("FUNCTION",)),
                       ("STANDARD-GENERIC-FUNCTION", ("GENERIC-FUNCTION",)),
                       ("METHOD", ("STANDARD-OBJECT",)), ("STANDARD-METHOD", ("METHOD",))]:
    define_class(_name, _supers)
OTHER_CLASS_OF[Method] = lambda x: CLASSES[x.mclass]


# ---------------------------------------------------------------- defining
def function_name_cell(name):
    """(getter, setter) of the global function NAME (a symbol or (SETF s))."""
    if isinstance(name, Symbol):
        return (lambda: name.fn), (lambda f: setattr(name, "fn", f))
    if type(name) is Cons and name.car is S("SETF") and type(name.cdr) is Cons \
            and isinstance(name.cdr.car, Symbol) and name.cdr.cdr is NIL:
        target = name.cdr.car
        return (lambda: target.setf_fn), (lambda f: setattr(target, "setf_fn", f))
    raise program_error("~S is not a legal function name", name)


def ensure_generic_function(name, lambda_list, lambda_list_given=True) -> GenericFunction:
    """The generic function NAME, made with LAMBDA-LIST when NAME has none.
    A macro, special operator or ordinary function of that name is an error,
    as in SBCL."""
    get, put = function_name_cell(name)
    f = get()
    if type(f) is GenericFunction:
        return f
    if f is not None or (isinstance(name, Symbol) and name.macro is not None):
        raise program_error("~@<~A already names an ordinary function or a macro.~@:>",
                            LString(clos_errors.qualified(name)))
    gf = GenericFunction(name, lambda_list, lambda_list_given)
    put(gf)
    return gf


def builtin_method(gf, qualifiers, specializer_names, fn, lambda_list=NIL):
    """Add the Python method FN (a Primitive taking the hidden arguments)."""
    meth = Method(qualifiers, [CLASSES[S(n)] if isinstance(n, str) else n
                               for n in specializer_names], fn, lambda_list, builtin=True)
    gf.add_method(meth)
    return meth


def user_method_applies(gf: GenericFunction, args) -> bool:
    """Does a method that is not built in apply to ARGS?"""
    return gf.has_user_methods and any(not meth.builtin
                                       for meth in gf.effective_method(args).methods)


def protocol_gf(name: str, lambda_list: str) -> GenericFunction:
    """A standard generic function of the CLOS protocols, its lambda list
    written as LAMBDA-LIST (parameters CL does not export are SB-PCL's)."""
    ll = lisp_list(*[CL.external.get(w.upper()) or pcl_sym(w.upper())
                     for w in lambda_list.strip("()").split()])
    from .functions import intern_name
    sym = intern_name(name)
    gf = GenericFunction(sym, ll)
    function_name_cell(sym)[1](gf)
    return gf


def default_method(gf, specializers, fn, kind="simple"):
    """Install the Python function FN (chain, arglist, *args) as GF's
    built-in method on SPECIALIZERS (class names)."""
    return builtin_method(gf, (), specializers, Primitive(gf.name, fn, 2 + gf.nreq, None, kind=kind))


NO_APPLICABLE_METHOD = protocol_gf("NO-APPLICABLE-METHOD", "(generic-function &rest args)")
NO_NEXT_METHOD = protocol_gf("NO-NEXT-METHOD", "(generic-function method &rest args)")
NO_PRIMARY_METHOD = protocol_gf("SB-PCL::NO-PRIMARY-METHOD", "(generic-function &rest args)")


SB_EXT.export(SB_EXT.intern("RETRY")[0])    # the restart's name, as in SBCL


def _no_applicable_method(m, args):
    """Signal SBCL's error with its RETRY restart (stdlib/clos.lisp)."""
    m.invoke(sys_sym("%NO-APPLICABLE-METHOD-ERROR"), [args[2], lisp_list(*args[3:])])


def _raise_no_next(chain, arglist, gf, meth, *args):
    raise clos_errors.no_next_method_error(gf, meth, args)


def _raise_no_primary(chain, arglist, gf, *args):
    raise clos_errors.no_primary_method_error(gf, args)


default_method(NO_APPLICABLE_METHOD, ["T"], _no_applicable_method, "control")
default_method(NO_NEXT_METHOD, ["STANDARD-GENERIC-FUNCTION", "STANDARD-METHOD"], _raise_no_next)
default_method(NO_PRIMARY_METHOD, ["T"], _raise_no_primary)


# Last: the error reports need this module's specializers (a cycle only at
# load time; the functions above use clos_errors when they run).
from . import clos_errors  # noqa: E402

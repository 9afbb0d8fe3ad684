"""Functions about functions, evaluation and definitions: FUNCALL, APPLY,
VALUES, EVAL, MACROEXPAND, the definition primitives behind DEFUN, DEFMACRO,
DEFVAR ..., the function and value cells of symbols, and restarts."""
from __future__ import annotations

import itertools

from ..analyzer import (analyze, macroexpand_1, LexEnv, SPECIAL_FORMS, is_function_name,
                        LOCKED_PACKAGES)
from ..docstrings import record_variable_doc
from ..dynamic import state, MISSING
from ..errors import LispError, program_error, type_error, simple_error
from ..functions import defun, Function, Primitive, designator_string
from ..machine import Closure, Frame
from .globals import check_not_global
from .trace import TRACED, retarget, key_of as trace_key
from ..nodes import special_value, set_special
from ..objects import (NIL, T, MV, UNBOUND, Symbol, Cons, LString, Instance, cl_sym,
                       lisp_list, list_to_py, SPECIAL, CONSTANT, KEYWORD, CL)
from ..types import define_class

SETF = cl_sym("SETF")


def truth(x):
    return T if x else NIL


def function_designator(f):
    if isinstance(f, Function):
        return f
    if isinstance(f, Symbol):
        fn = f.fn
        if fn is None:
            raise LispError("UNDEFINED-FUNCTION", {"NAME": f})
        return fn
    raise type_error(f, "(OR FUNCTION SYMBOL)")


# ---------------------------------------------------------------- calling
@defun("FUNCALL", "function &rest arguments", kind="control")
def funcall(m, args):
    if not args:
        raise program_error("invalid number of arguments: 0")
    m.invoke(args[0], args[1:])


@defun("APPLY", "function argument &rest arguments", kind="control")
def apply(m, args):
    if len(args) < 2:
        raise program_error("invalid number of arguments: ~S", len(args))
    spread = args[-1]
    items = args[1:-1]
    x = spread
    while type(x) is Cons:
        items.append(x.car)
        x = x.cdr
    if x is not NIL:
        raise type_error(spread, "LIST")
    m.invoke(args[0], items)


@defun("VALUES", "&rest values", mv=True)
def values(*vals):
    if len(vals) == 1:
        return vals[0]
    return MV(vals)


@defun("VALUES-LIST", "list", mv=True)
def values_list(lst):
    items = list_to_py(lst)
    if len(items) == 1:
        return items[0]
    return MV(items)


@defun("IDENTITY", "object")
def identity(x):
    return x


@defun("CONSTANTLY", "value")
def constantly(value):
    return Primitive(cl_sym("CONSTANTLY"), lambda *args: value, 0, None)


@defun("COMPLEMENT", "function")
def complement(fn):
    f = function_designator(fn)
    if type(f) is Primitive and f.kind == "simple":
        return Primitive(cl_sym("COMPLEMENT"),
                         lambda *args: truth(_single(f.fn(*args)) is NIL), 0, None)

    def gen(*args):
        r = yield (f, args)
        return truth(r is NIL)
    return Primitive(cl_sym("COMPLEMENT"), gen, 0, None, kind="gen")


def _single(v):
    return v.primary if type(v) is MV else v


@defun("NOT", "object")
def not_(x):
    return T if x is NIL else NIL


@defun("NULL", "object")
def null(x):
    return T if x is NIL else NIL


@defun("FUNCTIONP", "object")
def functionp(x):
    return truth(isinstance(x, Function))


@defun("COMPILED-FUNCTION-P", "object")
def compiled_function_p(x):
    return truth(isinstance(x, Function))


# ---------------------------------------------------------------- evaluation
@defun("EVAL", "form", kind="control")
def eval_(m, args):
    if len(args) != 1:
        raise program_error("invalid number of arguments: ~S", len(args))
    process_toplevel(m, args[0])


PROGN = cl_sym("PROGN")
EVAL_WHEN = cl_sym("EVAL-WHEN")


def process_toplevel(m, form):
    """Evaluate FORM as a top-level form (CLHS 3.2.3.1): macros are expanded
    first, and the subforms of a PROGN (or of an EVAL-WHEN with :EXECUTE)
    are processed one after another, each analyzed only when the previous
    one has run, so that a DEFMACRO is in effect for the forms after it."""
    while True:
        form, expanded = macroexpand_1(form, None)
        if not expanded:
            break
    if type(form) is Cons and form.car is PROGN:
        forms = list_to_py(form.cdr)
        if not forms:
            m.value = NIL
            m.node = None
            return
        if len(forms) > 1:
            m.k.append(ToplevelPrognFrame(forms, 1))
        process_toplevel(m, forms[0])
        return
    if (type(form) is Cons and form.car is EVAL_WHEN and type(form.cdr) is Cons
            and any(isinstance(s, Symbol) and s.name in ("EXECUTE", "EVAL")
                    for s in list_to_py(form.cdr.car))):
        process_toplevel(m, Cons(PROGN, form.cdr.cdr))
        return
    node = analyze(form, None)
    m.env = None
    m.node = node


class ToplevelPrognFrame(Frame):
    """The rest of a top-level PROGN."""
    __slots__ = ("forms", "i")
    unwinds = 0

    def __init__(self, forms, i):
        self.forms = forms
        self.i = i

    def resume(self, m):
        i = self.i
        if i < len(self.forms) - 1:
            self.i = i + 1
            m.k.append(self)
        process_toplevel(m, self.forms[i])

    def describe(self):
        return None


@defun("MACROEXPAND-1", "form &optional env", mv=True)
def macroexpand_1_(form, env=NIL):
    scope = env.scope if isinstance(env, LexEnv) else None
    exp, done = macroexpand_1(form, scope)
    return MV((exp, truth(done)))


@defun("MACROEXPAND", "form &optional env", mv=True)
def macroexpand(form, env=NIL):
    scope = env.scope if isinstance(env, LexEnv) else None
    expanded = False
    while True:
        form, done = macroexpand_1(form, scope)
        if not done:
            return MV((form, truth(expanded)))
        expanded = True


@defun("MACRO-FUNCTION", "symbol &optional environment")
def macro_function(sym, env=NIL):
    if not isinstance(sym, Symbol):
        raise type_error(sym, "SYMBOL")
    if isinstance(env, LexEnv):
        from ..analyzer import lookup_function
        fk = lookup_function(sym, env.scope)
        if fk[0] == "macro":
            return fk[1]
        if fk[0] == "local":
            return NIL
    return sym.macro if sym.macro is not None else NIL


@defun("MACRO-FUNCTION", "new-function symbol &optional environment", setf=True)
def set_macro_function(fn, sym, env=NIL):
    sym.macro = None if fn is NIL else fn
    return fn


@defun("SPECIAL-OPERATOR-P", "symbol")
def special_operator_p(sym):
    if not isinstance(sym, Symbol):
        raise type_error(sym, "SYMBOL")
    return truth(sym in SPECIAL_FORMS and sym.package is CL)


@defun("COMPILE", "name &optional definition", mv=True)
def compile_(name, definition=NIL):
    """Interpreted functions are already analyzed: COMPILE returns the
    function itself (CLHS allows it), with no warnings and no failure."""
    if type(definition) is Cons:         # a lambda expression
        fn = state.machine.call_nested(cl_sym("EVAL").fn, [lisp_list(cl_sym("FUNCTION"), definition)])
        definition = fn.primary if type(fn) is MV else fn
    if name is NIL:
        return MV((definition, NIL, NIL))
    if definition is not NIL:
        install_function(name, definition)
    return MV((name, NIL, NIL))


# ---------------------------------------------------------------- definitions
def check_lock(name_sym, what):
    if name_sym.package in LOCKED_PACKAGES and not state.booting:
        raise LispError("SYS::SIMPLE-PACKAGE-ERROR", {
            "PACKAGE": name_sym.package,
            "FORMAT-CONTROL": LString("Lock on package ~A violated when ~A ~S"),
            "FORMAT-ARGUMENTS": lisp_list(LString(name_sym.package.name), LString(what), name_sym)})


def install_function(name, fn):
    if TRACED:
        # a traced name stays traced when redefined (SBCL's encapsulation)
        key = trace_key(name)
        if key is not None:
            fn = retarget(key, fn)
    if isinstance(name, Symbol):
        check_lock(name, "defining")
        name.fn = fn
        name.macro = None
    elif is_function_name(name):
        check_lock(name.cdr.car, "defining the setf function of")
        name.cdr.car.setf_fn = fn
    else:
        raise type_error(name, "(OR SYMBOL (CONS (EQL SETF) (CONS SYMBOL NULL)))")


@defun("SYS:%DEFUN", "name function")
def defun_(name, fn):
    if isinstance(fn, Closure):
        fn.name = name
    install_function(name, fn)
    return name


@defun("SYS:%DEFMACRO", "name function")
def defmacro_(name, fn):
    check_lock(name, "defining a macro for")
    name.macro = fn
    if isinstance(fn, Closure):
        fn.name = lisp_list(cl_sym("MACRO-FUNCTION"), name)   # SBCL's name for it
    return name


@defun("SYS:%DEFVAR", "name init-function initp doc", kind="control")
def defvar_(m, args):
    name, initfn, initp, doc = args
    if not isinstance(name, Symbol):
        raise type_error(name, "SYMBOL")
    check_not_global(name)
    record_variable_doc(name, doc)
    name.flags |= SPECIAL
    if initp is not NIL and name.value is UNBOUND:
        m.k.append(_SetGlobalFrame(name))
        m.invoke(initfn, [])
        return
    m.value = name
    m.node = None


class _SetGlobalFrame(Frame):
    __slots__ = ("sym",)
    unwinds = 0

    def __init__(self, sym):
        self.sym = sym

    def resume(self, m):
        v = m.value
        self.sym.value = v.primary if type(v) is MV else v
        m.value = self.sym

    def describe(self):
        return None


@defun("SYS:%DEFPARAMETER", "name value doc")
def defparameter_(name, value, doc):
    if not isinstance(name, Symbol):
        raise type_error(name, "SYMBOL")
    check_not_global(name)
    record_variable_doc(name, doc)
    name.flags |= SPECIAL
    name.value = value
    return name


@defun("SYS:%DEFCONSTANT", "name value doc")
def defconstant_(name, value, doc):
    from ..equality import equal
    if not isinstance(name, Symbol):
        raise type_error(name, "SYMBOL")
    record_variable_doc(name, doc)
    if name.flags & CONSTANT and name.value is not UNBOUND and not equal(name.value, value):
        raise simple_error("The constant ~S is being redefined (from ~S to ~S)", name, name.value, value)
    name.flags |= SPECIAL | CONSTANT
    name.value = value
    return name


@defun("SYS:%DEFINE-SYMBOL-MACRO", "name expansion")
def define_symbol_macro(name, expansion):
    if name.flags & SPECIAL:
        raise program_error("Symbol ~S is already defined as a special variable.", name)
    name.symbol_macro = expansion
    return name


@defun("PROCLAIM", "declaration-specifier")
def proclaim(spec):
    if type(spec) is Cons and isinstance(spec.car, Symbol):
        kind = spec.car.name
        if kind == "SPECIAL":
            for s in spec.cdr:
                s.flags |= SPECIAL
        elif kind == "OPTIMIZE":
            from ..typecheck import GLOBAL_SAFETY, declared_safety
            safety = declared_safety([spec])
            if safety is not None:
                GLOBAL_SAFETY[0] = safety
    return NIL


# ---------------------------------------------------------------- function and value cells
@defun("FBOUNDP", "name")
def fboundp(name):
    # A generalized boolean: SBCL returns the function itself, which scripts
    # that print (fboundp 'f) show.
    if isinstance(name, Symbol):
        if name.fn is not None:
            return name.fn
        return truth(name.macro is not None or name in SPECIAL_FORMS)
    if is_function_name(name):
        f = name.cdr.car.setf_fn
        return NIL if f is None else f
    raise type_error(name, "(OR SYMBOL (CONS (EQL SETF) (CONS SYMBOL NULL)))")


def _fdefinition(name):
    if isinstance(name, Symbol):
        if name.fn is not None:
            return name.fn
        if name.macro is not None or name in SPECIAL_FORMS:
            return Primitive(name, _not_callable(name), 0, None)
        raise LispError("UNDEFINED-FUNCTION", {"NAME": name})
    if is_function_name(name):
        f = name.cdr.car.setf_fn
        if f is None:
            raise LispError("UNDEFINED-FUNCTION", {"NAME": name})
        return f
    raise type_error(name, "(OR SYMBOL (CONS (EQL SETF) (CONS SYMBOL NULL)))")


def _not_callable(name):
    def call(*args):
        raise simple_error("~S names a macro or special operator, not a function", name)
    return call


defun("FDEFINITION", "name")(_fdefinition)
defun("SYMBOL-FUNCTION", "symbol")(_fdefinition)


@defun("FDEFINITION", "new-function name", setf=True)
def set_fdefinition(fn, name):
    install_function(name, fn)
    return fn


defun("SYMBOL-FUNCTION", "new-function symbol", setf=True)(set_fdefinition)


@defun("FMAKUNBOUND", "name")
def fmakunbound(name):
    if isinstance(name, Symbol):
        check_lock(name, "undefining")
        name.fn = None
        name.macro = None
    else:
        name.cdr.car.setf_fn = None
    return name


def _check_symbol(x):
    if not isinstance(x, Symbol):
        raise type_error(x, "SYMBOL")


@defun("SYMBOL-VALUE", "symbol")
def symbol_value(sym):
    _check_symbol(sym)
    return special_value(sym)


@defun("SYMBOL-VALUE", "new-value symbol", setf=True)
def set_symbol_value(value, sym):
    _check_symbol(sym)
    if sym.flags & CONSTANT:
        raise simple_error("Cannot set the value of the constant ~S", sym)
    return set_special(sym, value)


@defun("SET", "symbol value")
def set_(sym, value):
    return set_symbol_value(value, sym)


@defun("CONSTANTP", "form &optional environment")
def constantp(form, environment=NIL):
    """True for the forms CLHS 3.1.2.1 calls constant: self-evaluating
    objects, constant variables and QUOTE forms. (SBCL also folds some
    calls of pure functions; this does not.)"""
    if isinstance(form, Symbol):
        return truth(form.is_constant)
    if type(form) is Cons:
        return truth(form.car is cl_sym("QUOTE"))
    return T


@defun("BOUNDP", "symbol")
def boundp(sym):
    _check_symbol(sym)
    v = state.dyn.get(sym, MISSING)
    if v is MISSING:
        v = sym.value
    return truth(v is not UNBOUND)


@defun("MAKUNBOUND", "symbol")
def makunbound(sym):
    _check_symbol(sym)
    if sym.flags & CONSTANT:
        raise simple_error("Cannot make the constant ~S unbound", sym)
    if sym in state.dyn:
        state.dyn[sym] = UNBOUND
    else:
        sym.value = UNBOUND
    return sym


# ---------------------------------------------------------------- symbols
@defun("SYMBOLP", "object")
def symbolp(x):
    return truth(isinstance(x, Symbol))


@defun("KEYWORDP", "object")
def keywordp(x):
    return truth(isinstance(x, Symbol) and x.package is KEYWORD)


@defun("SYMBOL-NAME", "symbol")
def symbol_name(sym):
    _check_symbol(sym)
    return LString(sym.name)


@defun("SYMBOL-PACKAGE", "symbol")
def symbol_package(sym):
    _check_symbol(sym)
    return sym.package if sym.package is not None else NIL


@defun("MAKE-SYMBOL", "name")
def make_symbol(name):
    if not isinstance(name, LString):
        raise type_error(name, "STRING")
    return Symbol(name.value)


@defun("COPY-SYMBOL", "symbol &optional copy-properties")
def copy_symbol(sym, copy_props=NIL):
    _check_symbol(sym)
    s = Symbol(sym.name)
    if copy_props is not NIL:
        s.value = sym.value
        s.fn = sym.fn
        s.plist = sym.plist
    return s


GENSYM_COUNTER = cl_sym("*GENSYM-COUNTER*")
GENSYM_COUNTER.flags |= SPECIAL
GENSYM_COUNTER.value = 1


@defun("GENSYM", "&optional x")
def gensym(x=NIL):
    if isinstance(x, int) and x >= 0:
        return Symbol(f"G{x}")
    prefix = "G" if x is NIL else (x.value if isinstance(x, LString) else None)
    if prefix is None:
        raise type_error(x, "(OR STRING UNSIGNED-BYTE)")
    n = special_value(GENSYM_COUNTER)
    set_special(GENSYM_COUNTER, n + 1)
    return Symbol(f"{prefix}{n}")


_gentemp_counter = itertools.count(1)


@defun("GENTEMP", "&optional prefix package")
def gentemp(prefix=NIL, package=NIL):
    from ..objects import find_package
    p = state.dyn.get(cl_sym("*PACKAGE*"), cl_sym("*PACKAGE*").value) if package is NIL else find_package(package)
    pre = "T" if prefix is NIL else designator_string(prefix)
    while True:
        name = f"{pre}{next(_gentemp_counter)}"
        if p.find(name)[0] is None:
            return p.intern(name)[0]


# ---------------------------------------------------------------- restarts
RESTART_CLASS = define_class("RESTART", ["T"], kind="structure")


def make_restart(name, function, report, interactive, test):
    return Instance(RESTART_CLASS, {"name": name, "function": function, "report": report,
                                    "interactive": interactive, "test": test,
                                    "conditions": NIL})


@defun("SYS:%MAKE-RESTART", "name function report-function interactive-function test-function")
def lisp_make_restart(name, function, report, interactive, test):
    return make_restart(name, function, report, interactive, test)


def _restart_slot(slot):
    def read(r):
        if not (type(r) is Instance and r.cls is RESTART_CLASS):
            raise type_error(r, "RESTART")
        return r.slots[slot]
    return read


@defun("SYS:RESTART-P", "object")
def restart_p(x):
    return truth(type(x) is Instance and x.cls is RESTART_CLASS)


defun("RESTART-NAME", "restart")(_restart_slot("name"))
defun("SYS:RESTART-FUNCTION", "restart")(_restart_slot("function"))
defun("SYS:RESTART-REPORT-FUNCTION", "restart")(_restart_slot("report"))
defun("SYS:RESTART-INTERACTIVE-FUNCTION", "restart")(_restart_slot("interactive"))
defun("SYS:RESTART-TEST-FUNCTION", "restart")(_restart_slot("test"))
defun("SYS:RESTART-CONDITIONS", "restart")(_restart_slot("conditions"))


@defun("SYS:RESTART-CONDITIONS", "value restart", setf=True)
def set_restart_conditions(value, r):
    r.slots["conditions"] = value
    return value

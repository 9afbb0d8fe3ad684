"""The analyzer: forms -> node trees (ARCHITECTURE 9).

Lexical environments. At run time an environment is a Python list whose
slot 0 is the parent environment. At analysis time a chain of ``Scope``
entries mirrors it: a ``Level`` entry is one run-time list (its ``names``
give the slot of each variable and local function: slot = position + 1);
other entries (special declarations, macrolet, symbol-macrolet, blocks,
tagbody tags) allocate nothing. A variable reference compiles to (depth,
index): walk ``depth`` parents, then index.

Block and tagbody exits. A BLOCK pushes a BlockFrame holding its static
BlockInfo and the environment at entry; RETURN-FROM walks to that
environment and searches the continuation for the frame with both. Two live
entries of one block can share an environment only through a closure that
outlived its block, a case CL leaves undefined; an exit whose frame is gone
is a CONTROL-ERROR. Blocks and tagbodies no exit refers to cost nothing.

Macros are expanded here, eagerly, once per analyzed form. Macros written
in Python (``kind="simple"`` primitives of (form env)) are called directly;
Lisp macro functions run through ``Machine.call_nested``.
"""
from __future__ import annotations

from .dynamic import state
from .errors import LispError, program_error
from .functions import Primitive
from .lambdalist import parse_lambda_list
from .machine import Closure
from .nodes import (SimpleNode, IfNode, PrognNode, SetqLexNode, SetqSpecialNode,
                    LetNode, LetStarNode, BlockInfo, BlockNode, ReturnFromNode,
                    TagbodyInfo, TagbodyNode, GoNode, CatchNode, ThrowNode,
                    UnwindProtectNode, LambdaInfo, GlobalCallNode, PrimCallNode, LocalCallNode,
                    FuncallNode, MultipleValueCallNode, MVProg1Node, MVBindNode,
                    ProgvNode, LoadTimeValueNode, FletNode, special_value,
                    set_special, single)
from .objects import (NIL, T, UNBOUND, Symbol, Cons, cl_sym, sys_sym, lisp_list,
                      list_to_py, KEYWORD, LString, SPECIAL)
from .typecheck import (BindingCheckNode, ValueCheckNode, declared_types, declared_safety,
                        GLOBAL_SAFETY)

S = cl_sym
QUOTE, FUNCTION, LAMBDA, DECLARE, SETF = S("QUOTE"), S("FUNCTION"), S("LAMBDA"), S("DECLARE"), S("SETF")
SPECIAL_DECL = S("SPECIAL")
NAMED_LAMBDA = sys_sym("NAMED-LAMBDA")
EXECUTE, EVAL_SYM = cl_sym("EVAL"), None


# ---------------------------------------------------------------- scopes
class Scope:
    __slots__ = ("parent",)


class Level(Scope):
    """One run-time environment list. NAMES holds variables (symbols) and
    local functions (("F", name) tuples), slot i+1 for names[i]. LAM is the
    LambdaInfo when this is a function's own level (its parameters); OWNER
    caches ``owner_of(self)``."""
    __slots__ = ("names", "lam", "owner")

    def __init__(self, parent):
        self.parent = parent
        self.names = []
        self.lam = None
        self.owner = False

    def add(self, name) -> int:
        self.names.append(name)
        return len(self.names)

    @property
    def size(self):
        return len(self.names) + 1


class SpecialDecl(Scope):
    __slots__ = ("syms",)

    def __init__(self, parent, syms):
        self.parent = parent
        self.syms = syms


class SymbolMacroEntry(Scope):
    __slots__ = ("sym", "expansion")

    def __init__(self, parent, sym, expansion):
        self.parent = parent
        self.sym = sym
        self.expansion = expansion


class TypeDecl(Scope):
    """Types declared for variables by a declaration (lisp/typecheck.py):
    a SETQ of one of them checks the new value."""
    __slots__ = ("types",)

    def __init__(self, parent, types):
        self.parent = parent
        self.types = types


class SafetyDecl(Scope):
    """The SAFETY an OPTIMIZE declaration gives the code inside it."""
    __slots__ = ("safety",)

    def __init__(self, parent, safety):
        self.parent = parent
        self.safety = safety


def safety_at(scope) -> int:
    s = scope
    while s is not None:
        if type(s) is SafetyDecl:
            return s.safety
        s = s.parent
    return GLOBAL_SAFETY[0]


class MacroEntry(Scope):
    __slots__ = ("name", "fn")

    def __init__(self, parent, name, fn):
        self.parent = parent
        self.name = name
        self.fn = fn


class BlockEntry(Scope):
    __slots__ = ("name", "info")

    def __init__(self, parent, name, info):
        self.parent = parent
        self.name = name
        self.info = info


class TagEntry(Scope):
    __slots__ = ("info",)

    def __init__(self, parent, info):
        self.parent = parent
        self.info = info


class LexEnv:
    """The &environment object handed to macro functions."""
    __slots__ = ("scope",)

    def __init__(self, scope):
        self.scope = scope

    def __repr__(self):
        return "#<SB-KERNEL:LEXENV>"


def lookup_variable(sym: Symbol, scope):
    """('lex', depth, index) | ('special', sym) | ('symbol-macro', form)."""
    depth = 0
    s = scope
    while s is not None:
        t = type(s)
        if t is Level:
            names = s.names
            for i in range(len(names) - 1, -1, -1):
                if names[i] is sym:
                    return ("lex", depth, i + 1)
            depth += 1
        elif t is SpecialDecl:
            if sym in s.syms:
                return ("special", sym)
        elif t is SymbolMacroEntry:
            if s.sym is sym:
                return ("symbol-macro", s.expansion)
        s = s.parent
    if sym.symbol_macro is not None and not sym.flags & SPECIAL:
        return ("symbol-macro", sym.symbol_macro)
    return ("special", sym)


def lookup_function(name, scope):
    """('local', depth, index) | ('macro', fn) | ('global', name)."""
    key = ("F", name if isinstance(name, Symbol) else ("SETF", name.cdr.car))
    depth = 0
    s = scope
    while s is not None:
        t = type(s)
        if t is Level:
            names = s.names
            for i in range(len(names) - 1, -1, -1):
                if names[i] == key:
                    return ("local", depth, i + 1)
            depth += 1
        elif t is MacroEntry:
            if s.name is name:
                return ("macro", s.fn)
        s = s.parent
    return ("global", name)


def lookup_block(name, scope, what="block"):
    depth = 0
    s = scope
    while s is not None:
        t = type(s)
        if t is Level:
            depth += 1
        elif what == "block" and t is BlockEntry and s.name is name:
            return s.info, depth
        elif what == "tag" and t is TagEntry and name in s.info.tags:
            return s.info, depth
        s = s.parent
    return None, 0


def function_key(name):
    return ("F", name if isinstance(name, Symbol) else ("SETF", name.cdr.car))


# ---------------------------------------------------------------- helpers
def const_node(v, form=None):
    node = SimpleNode(lambda env: v, form)
    node.constant = v
    return node


NIL_NODE = const_node(NIL)


def sfn(node):
    """The single-value closure of a simple node (None if not simple)."""
    f = node.fn
    if f is None:
        return None
    if getattr(node, "mv", False):
        return lambda env: single(f(env))
    return f


def is_simple(node):
    return node.fn is not None


def check_proper_list(form, what):
    x = form
    n = 0
    while type(x) is Cons:
        x = x.cdr
        n += 1
    if x is not NIL:
        raise program_error("malformed ~A: ~S is not a proper list", LString(what), form)
    return n


def parse_body(body, allow_doc=False):
    """Split BODY into (declarations: list of decl specs, doc string,
    forms as a Lisp list)."""
    decls = []
    doc = None
    x = body
    while type(x) is Cons:
        f = x.car
        if type(f) is Cons and f.car is DECLARE:
            decls.extend(list_to_py(f.cdr))
        elif allow_doc and isinstance(f, LString) and doc is None and type(x.cdr) is Cons:
            doc = f
        else:
            break
        x = x.cdr
    return decls, doc, x


def declared_specials(decls):
    out = set()
    for d in decls:
        if type(d) is Cons and d.car is SPECIAL_DECL:
            for s in d.cdr:
                if isinstance(s, Symbol):
                    out.add(s)
    return out


# ---------------------------------------------------------------- the analyzer
SPECIAL_FORMS: dict = {}


def special_form(name):
    def reg(fn):
        SPECIAL_FORMS[cl_sym(name) if ":" not in name else sys_sym(name.split("::")[1])] = fn
        return fn
    return reg


def owner_of(scope):
    """(lam, depth) for nodes analyzed in SCOPE: the function they belong
    to and how many environment lists lie between theirs and the
    function's own (``Machine.backtrace`` walks that far up a frame's
    environment to find the call's arguments); None outside any function.
    Static, so backtraces cost nothing while the program runs."""
    s = scope
    while s is not None and type(s) is not Level:
        s = s.parent
    if s is None:
        return None
    first = s
    if first.owner is not False:
        return first.owner
    depth = 0
    owner = None
    while s is not None:
        if type(s) is Level:
            if s.lam is not None:
                owner = (s.lam, depth)
                break
            depth += 1
        s = s.parent
    first.owner = owner
    return owner


def analyze(form, scope):
    """Analyze FORM in SCOPE, returning a Node (which records the function
    it belongs to, for backtraces)."""
    node = _analyze(form, scope)
    if node is not NIL_NODE:        # the one node shared by all functions
        node.owner = owner_of(scope)
    return node


def _analyze(form, scope):
    while True:
        t = type(form)
        if t is Symbol:
            if form.package is KEYWORD or form is NIL or form is T:
                return const_node(form, form)
            v = lookup_variable(form, scope)
            if v[0] == "lex":
                return lex_ref(v[1], v[2], form)
            if v[0] == "special":
                return special_ref(form)
            form = v[1]
            continue
        if t is not Cons:
            return const_node(form, form)
        op = form.car
        if type(op) is Symbol:
            sf = SPECIAL_FORMS.get(op)
            if sf is not None:
                if lookup_function(op, scope)[0] == "global":
                    return sf(form, scope)
            fk = lookup_function(op, scope)
            if fk[0] == "macro":
                form = expand_with(fk[1], form, scope)
                continue
            if fk[0] == "global" and op.macro is not None:
                form = expand_with(op.macro, form, scope)
                continue
            check_proper_list(form, "function call")
            args = [analyze(a, scope) for a in form.cdr]
            if fk[0] == "local":
                return LocalCallNode(fk[1], fk[2], args, [sfn(a) for a in args], form)
            return global_call(op, args, form)
        if type(op) is Cons and op.car is LAMBDA:
            check_proper_list(form, "function call")
            fnode = analyze_function(op, scope)
            args = [analyze(a, scope) for a in form.cdr]
            return FuncallNode(fnode, args, [sfn(a) for a in args], form)
        raise program_error("illegal function call: ~S", form)


_MACROEXPAND_HOOK = cl_sym("*MACROEXPAND-HOOK*")


def expand_with(fn, form, scope):
    hook = _macroexpand_hook()
    if hook is not None:
        # a user's *MACROEXPAND-HOOK*: it is called with the expander
        return single(state.machine.call_nested(hook, [fn, form, LexEnv(scope)]))
    if type(fn) is Primitive and fn.kind == "simple":
        return single(fn.fn(form, LexEnv(scope)))
    m = state.machine
    return single(m.call_nested(fn, [form, LexEnv(scope)]))


def _macroexpand_hook():
    """*MACROEXPAND-HOOK*'s value unless it is FUNCALL (the usual case)."""
    from .dynamic import symbol_value
    from .objects import UNBOUND
    if _MACROEXPAND_HOOK.value is UNBOUND:
        return None
    h = symbol_value(_MACROEXPAND_HOOK)
    funcall = cl_sym("FUNCALL")
    if h is funcall or h is funcall.fn or h is NIL:
        return None
    return h


def macroexpand_1(form, scope):
    """(expansion, expanded-p) for FORM in SCOPE."""
    if type(form) is Symbol:
        if form.package is KEYWORD:
            return form, False
        v = lookup_variable(form, scope)
        if v[0] == "symbol-macro":
            return v[1], True
        return form, False
    if type(form) is Cons and type(form.car) is Symbol:
        fk = lookup_function(form.car, scope)
        if fk[0] == "macro":
            return expand_with(fk[1], form, scope), True
        if fk[0] == "global" and form.car.macro is not None:
            return expand_with(form.car.macro, form, scope), True
    return form, False


def lex_ref(depth, index, form):
    if depth == 0:
        fn = lambda env: env[index]
    elif depth == 1:
        fn = lambda env: env[0][index]
    elif depth == 2:
        fn = lambda env: env[0][0][index]
    else:
        def fn(env):
            for _ in range(depth):
                env = env[0]
            return env[index]
    return SimpleNode(fn, form)


def special_ref(sym):
    if sym.flags & 2 and sym.value is not UNBOUND:   # a constant
        v = sym.value
        return SimpleNode(lambda env: v, sym)
    return SimpleNode(lambda env: special_value(sym), sym)


# Calls of these packages' simple primitives are inlined into closures; the
# packages are locked, so their functions cannot be redefined.
LOCKED_PACKAGES = set()


def global_call(sym, args, form):
    fn = sym.fn
    fns = [sfn(a) for a in args]
    if (type(fn) is Primitive and fn.kind == "simple" and sym.package in LOCKED_PACKAGES
            and len(args) >= fn.min and (fn.max is None or len(args) <= fn.max)):
        if all(f is not None for f in fns):
            return SimpleNode(inline_call(fn, fns, sym, args), form, mv=fn.mv)
        from .inline import BINARY_VALUES
        pyfn = BINARY_VALUES.get(sym) if len(args) == 2 else None
        return PrimCallNode(sym, args, fns, pyfn or fn.fn, form)
    return GlobalCallNode(sym, args, fns, form)


def inline_call(prim, fns, sym, nodes=None):
    f = prim.fn
    n = len(fns)
    if n == 2 and nodes is not None:
        from .inline import binary_closure
        c = binary_closure(sym, fns[0], fns[1], nodes[1])
        if c is not None:
            return c
    if n == 0:
        return lambda env: f()
    if n == 1:
        a = fns[0]
        return lambda env: f(a(env))
    if n == 2:
        a, b = fns
        return lambda env: f(a(env), b(env))
    if n == 3:
        a, b, c = fns
        return lambda env: f(a(env), b(env), c(env))
    return lambda env: f(*[g(env) for g in fns])


def analyze_body(forms, scope, form=None):
    """A progn of the forms in the Lisp list FORMS."""
    nodes = [analyze(f, scope) for f in forms]
    return progn_node(nodes, form)


def progn_node(nodes, form=None):
    if not nodes:
        return NIL_NODE
    if len(nodes) == 1:
        return nodes[0]
    if all(n.fn is not None for n in nodes):
        fns = [n.fn for n in nodes]
        last = fns[-1]
        init = fns[:-1]

        def fn(env):
            for g in init:
                g(env)
            return last(env)
        return SimpleNode(fn, form, mv=getattr(nodes[-1], "mv", False))
    return PrognNode(nodes, form)


def with_declarations(decls, scope, bound=()):
    """Add a SpecialDecl scope entry for SPECIAL declarations that do not
    concern variables being bound here (those are handled by the binder),
    and a TypeDecl entry for type declarations (checked by SETQ)."""
    if not decls:
        return scope
    specials = declared_specials(decls) - set(bound)
    if specials:
        scope = SpecialDecl(scope, specials)
    safety = declared_safety(decls)
    if safety is not None:
        scope = SafetyDecl(scope, safety)
    types = declared_types(decls)
    if types and safety_at(scope) > 0:
        scope = TypeDecl(scope, types)
    return scope


def checked_body(body_node, decls, scope, bound, form, say_binding=True):
    """BODY_NODE, preceded by checks that the variables in BOUND (bound by
    FORM, looked up in SCOPE, the body's) have the types DECLS declare for
    them (SBCL at safety 1). Without type declarations, BODY_NODE itself."""
    if not decls:
        return body_node
    types = declared_types(decls)
    if not types or safety_at(scope) == 0:
        return body_node
    checks = []
    seen = set()
    for var in bound:
        spec = types.get(var)
        if spec is None or var in seen:
            continue
        seen.add(var)
        v = lookup_variable(var, scope)
        if v[0] == "lex":
            get = lex_ref(v[1], v[2], var).fn
        elif v[0] == "special":
            get = (lambda sym: lambda env: special_value(sym))(var)
        else:
            continue
        checks.append((get, var, spec, say_binding))
    if not checks:
        return body_node
    node = BindingCheckNode(checks, body_node, form)
    node.owner = owner_of(scope)
    return node


def declared_type_of(var, scope):
    """The type declared for the variable VAR where SCOPE is, or None."""
    s = scope
    while s is not None:
        t = type(s)
        if t is TypeDecl:
            spec = s.types.get(var)
            if spec is not None:
                return spec
        elif t is Level and var in s.names:
            return None
        s = s.parent
    return None


# ---------------------------------------------------------------- special forms
@special_form("QUOTE")
def sf_quote(form, scope):
    if check_proper_list(form, "QUOTE") != 2:
        raise program_error("wrong number of args to QUOTE: ~S", form)
    return const_node(form.cdr.car, form)


@special_form("PROGN")
def sf_progn(form, scope):
    check_proper_list(form, "PROGN")
    return analyze_body(form.cdr, scope, form)


@special_form("IF")
def sf_if(form, scope):
    n = check_proper_list(form, "IF")
    if n not in (3, 4):
        raise program_error("IF requires 2 or 3 arguments: ~S", form)
    test = analyze(form.cdr.car, scope)
    then = analyze(form.cdr.cdr.car, scope)
    else_ = analyze(form.cdr.cdr.cdr.car, scope) if n == 4 else NIL_NODE
    tf = sfn(test)
    if tf is not None and then.fn is not None and else_.fn is not None:
        a, b = then.fn, else_.fn
        return SimpleNode(lambda env: a(env) if tf(env) is not NIL else b(env), form,
                          mv=getattr(then, "mv", False) or getattr(else_, "mv", False))
    return IfNode(test, then, else_, tf, form)


@special_form("SETQ")
def sf_setq(form, scope):
    n = check_proper_list(form, "SETQ")
    if n % 2 == 0:
        raise program_error("odd number of args to SETQ: ~S", form)
    pairs = list_to_py(form.cdr)
    nodes = []
    for i in range(0, len(pairs), 2):
        nodes.append(setq_one(pairs[i], pairs[i + 1], scope, form))
    if not nodes:
        return NIL_NODE
    return progn_node(nodes, form)


def setq_one(var, valform, scope, form):
    if not isinstance(var, Symbol):
        raise program_error("variable name is not a symbol: ~S", var)
    v = lookup_variable(var, scope)
    if v[0] == "symbol-macro":
        return analyze(lisp_list(SETF, v[1], valform), scope)
    if var.flags & 2 and v[0] == "special":
        # an error when the SETQ runs, as in SBCL, not when it is analyzed
        def fail(env):
            raise program_error("~S is a constant and thus can't be set.", var)
        return SimpleNode(fail, form)
    val = analyze(valform, scope)
    spec = declared_type_of(var, scope)
    if spec is not None:
        val = ValueCheckNode(val, spec, valform)
        val.owner = owner_of(scope)
    vf = sfn(val)
    if v[0] == "lex":
        _, depth, index = v
        if vf is not None:
            if depth == 0:
                def fn(env):
                    x = env[index] = vf(env)
                    return x
            else:
                def fn(env):
                    e = env
                    for _ in range(depth):
                        e = e[0]
                    x = e[index] = vf(env)
                    return x
            return SimpleNode(fn, form)
        return SetqLexNode(depth, index, val, form)
    if vf is not None:
        return SimpleNode(lambda env: set_special(var, vf(env)), form)
    return SetqSpecialNode(var, val, form)


def parse_bindings(bindings, what):
    out = []
    for b in bindings:
        if isinstance(b, Symbol):
            out.append((b, NIL))
        elif type(b) is Cons and isinstance(b.car, Symbol):
            n = check_proper_list(b, what)
            if n > 2:
                raise program_error("the ~A binding spec ~S is malformed", LString(what), b)
            out.append((b.car, b.cdr.car if n == 2 else NIL))
        else:
            raise program_error("the ~A binding spec ~S is malformed", LString(what), b)
        v = out[-1][0]
        if v.flags & 2 or v.package is KEYWORD:
            raise program_error("~S names a constant and cannot be bound", v)
    return out


@special_form("LET")
def sf_let(form, scope):
    check_proper_list(form, "LET")
    if type(form.cdr) is not Cons:
        raise program_error("malformed LET: ~S", form)
    bindings = parse_bindings(form.cdr.car, "LET")
    decls, _, body = parse_body(form.cdr.cdr)
    specials = declared_specials(decls)
    inits = [analyze(init, scope) for _, init in bindings]
    level = Level(scope)
    targets = []
    for var, _ in bindings:
        if var in specials or var.flags & SPECIAL:
            targets.append(var)
        else:
            targets.append(level.add(var))
    inner = with_declarations(decls, level, [])
    body_node = checked_body(analyze_body(body, inner, form), decls, inner,
                             [var for var, _ in bindings], form)
    return LetNode(inits, [sfn(i) for i in inits], targets, level.size, body_node, form)


@special_form("LET*")
def sf_letstar(form, scope):
    check_proper_list(form, "LET*")
    if type(form.cdr) is not Cons:
        raise program_error("malformed LET*: ~S", form)
    bindings = parse_bindings(form.cdr.car, "LET*")
    decls, _, body = parse_body(form.cdr.cdr)
    specials = declared_specials(decls)
    level = Level(scope)
    targets, inits = [], []
    cur = level
    for var, init in bindings:
        inits.append(analyze(init, cur))
        if var in specials or var.flags & SPECIAL:
            targets.append(var)
            cur = SpecialDecl(cur, {var})
        else:
            targets.append(level.add(var))
    inner = with_declarations(decls, cur, [])
    body_node = checked_body(analyze_body(body, inner, form), decls, inner,
                             [var for var, _ in bindings], form)
    return LetStarNode(inits, [sfn(i) for i in inits], targets, level.size, body_node, form)


@special_form("LOCALLY")
def sf_locally(form, scope):
    decls, _, body = parse_body(form.cdr)
    return analyze_body(body, with_declarations(decls, scope), form)


@special_form("THE")
def sf_the(form, scope):
    if check_proper_list(form, "THE") != 3:
        raise program_error("malformed THE: ~S", form)
    return analyze(form.cdr.cdr.car, scope)


@special_form("EVAL-WHEN")
def sf_eval_when(form, scope):
    check_proper_list(form, "EVAL-WHEN")
    situations = form.cdr.car
    names = {s.name for s in situations if isinstance(s, Symbol)}
    if "EXECUTE" in names or "EVAL" in names:
        return analyze_body(form.cdr.cdr, scope, form)
    return NIL_NODE


@special_form("BLOCK")
def sf_block(form, scope):
    check_proper_list(form, "BLOCK")
    name = form.cdr.car
    if not isinstance(name, Symbol):
        raise program_error("the block name ~S is not a symbol", name)
    return make_block(name, form.cdr.cdr, scope, form)


def make_block(name, body, scope, form):
    info = BlockInfo(name)
    body_node = analyze_body(body, BlockEntry(scope, name, info), form)
    if not info.used:
        return body_node
    return BlockNode(info, body_node, form)


@special_form("RETURN-FROM")
def sf_return_from(form, scope):
    n = check_proper_list(form, "RETURN-FROM")
    if n not in (2, 3):
        raise program_error("malformed RETURN-FROM: ~S", form)
    name = form.cdr.car
    info, depth = lookup_block(name, scope)
    if info is None:
        raise program_error("return for unknown block: ~S", name)
    info.used = True
    val = analyze(form.cdr.cdr.car, scope) if n == 3 else NIL_NODE
    return ReturnFromNode(info, depth, val, form)


@special_form("TAGBODY")
def sf_tagbody(form, scope):
    check_proper_list(form, "TAGBODY")
    info = TagbodyInfo()
    items = list_to_py(form.cdr)
    pos = 0
    for x in items:
        if isinstance(x, (Symbol, int)):
            if x in info.tags:
                raise program_error("the tag ~S appears more than once in a tagbody", x)
            info.tags[x] = pos
        else:
            pos += 1
    inner = TagEntry(scope, info)
    stmts = [analyze(x, inner) for x in items if not isinstance(x, (Symbol, int))]
    stmts.append(NIL_NODE)
    # tags are positions in stmts; a tag at the end points at the final NIL
    if not info.used:
        return progn_node(stmts, form)
    info.stmts = stmts
    return TagbodyNode(info, form)


@special_form("GO")
def sf_go(form, scope):
    if check_proper_list(form, "GO") != 2:
        raise program_error("malformed GO: ~S", form)
    tag = form.cdr.car
    info, depth = lookup_block(tag, scope, "tag")
    if info is None:
        raise program_error("attempt to GO to nonexistent tag: ~S", tag)
    info.used = True
    return GoNode(info, depth, info.tags[tag], form)


@special_form("CATCH")
def sf_catch(form, scope):
    check_proper_list(form, "CATCH")
    return CatchNode(analyze(form.cdr.car, scope), analyze_body(form.cdr.cdr, scope), form)


@special_form("THROW")
def sf_throw(form, scope):
    if check_proper_list(form, "THROW") != 3:
        raise program_error("malformed THROW: ~S", form)
    return ThrowNode(analyze(form.cdr.car, scope), analyze(form.cdr.cdr.car, scope), form)


@special_form("UNWIND-PROTECT")
def sf_unwind_protect(form, scope):
    check_proper_list(form, "UNWIND-PROTECT")
    if type(form.cdr) is not Cons:
        raise program_error("malformed UNWIND-PROTECT: ~S", form)
    return UnwindProtectNode(analyze(form.cdr.car, scope),
                             analyze_body(form.cdr.cdr, scope), form)


@special_form("FUNCTION")
def sf_function(form, scope):
    if check_proper_list(form, "FUNCTION") != 2:
        raise program_error("malformed FUNCTION: ~S", form)
    return analyze_function(form.cdr.car, scope, form)


def is_function_name(x):
    return isinstance(x, Symbol) or (type(x) is Cons and x.car is SETF and type(x.cdr) is Cons
                                     and isinstance(x.cdr.car, Symbol) and x.cdr.cdr is NIL)


def analyze_function(spec, scope, form=None):
    if type(spec) is Cons and spec.car is LAMBDA:
        lam = compile_lambda(None, spec.cdr.car, spec.cdr.cdr, scope, spec)
        return SimpleNode(lambda env: Closure(lam, env), form)
    if type(spec) is Cons and spec.car is NAMED_LAMBDA:
        name = spec.cdr.car
        block = name if isinstance(name, Symbol) else name.cdr.car
        lam = compile_lambda(name, spec.cdr.cdr.car, spec.cdr.cdr.cdr, scope, spec,
                             block_name=block)
        return SimpleNode(lambda env: Closure(lam, env), form)
    if is_function_name(spec):
        fk = lookup_function(spec, scope)
        if fk[0] == "local":
            return lex_ref(fk[1], fk[2], form)
        if fk[0] == "macro":
            raise program_error("~S names a local macro, not a function", spec)
        if isinstance(spec, Symbol):
            def fn(env):
                f = spec.fn
                if f is None:
                    raise LispError("UNDEFINED-FUNCTION", {"NAME": spec})
                return f
        else:
            name = spec.cdr.car

            def fn(env):
                f = name.setf_fn
                if f is None:
                    raise LispError("UNDEFINED-FUNCTION", {"NAME": spec})
                return f
        return SimpleNode(fn, form)
    raise program_error("~S is not a legal function name", spec)


@special_form("FLET")
def sf_flet(form, scope):
    return flet_labels(form, scope, labels=False)


@special_form("LABELS")
def sf_labels(form, scope):
    return flet_labels(form, scope, labels=True)


def flet_labels(form, scope, labels):
    check_proper_list(form, "FLET")
    defs = list_to_py(form.cdr.car)
    decls, _, body = parse_body(form.cdr.cdr)
    level = Level(scope)
    names = []
    for d in defs:
        if type(d) is not Cons or not is_function_name(d.car) or type(d.cdr) is not Cons:
            raise program_error("malformed function binding ~S", d)
        names.append(d.car)
    if labels:
        for n in names:
            level.add(function_key(n))
    lams = []
    for d in defs:
        block_name = d.car if isinstance(d.car, Symbol) else d.car.cdr.car
        # SBCL's name for a local function: (FLET NAME :IN where)
        name = lisp_list(cl_sym("LABELS" if labels else "FLET"), d.car, *_lambda_context())
        lams.append(compile_lambda(name, d.cdr.car, d.cdr.cdr, level if labels else scope, d,
                                   block_name=block_name))
    if not labels:
        for n in names:
            level.add(function_key(n))
    body_node = analyze_body(body, with_declarations(decls, level), form)
    return FletNode(lams, labels, level.size, body_node, form)


@special_form("MACROLET")
def sf_macrolet(form, scope):
    check_proper_list(form, "MACROLET")
    inner = scope
    for d in form.cdr.car:
        name = d.car
        fn_lam = compile_macro_lambda(name, d.cdr.car, d.cdr.cdr, scope)
        # the expander closes over the compile-time environment only
        inner = MacroEntry(inner, name, Closure(fn_lam, None))
    decls, _, body = parse_body(form.cdr.cdr)
    return analyze_body(body, with_declarations(decls, inner), form)


@special_form("SYMBOL-MACROLET")
def sf_symbol_macrolet(form, scope):
    check_proper_list(form, "SYMBOL-MACROLET")
    inner = scope
    for d in form.cdr.car:
        if type(d) is not Cons or not isinstance(d.car, Symbol):
            raise program_error("malformed symbol-macro binding ~S", d)
        if d.car.flags & SPECIAL:
            raise program_error("attempt to bind a special variable with SYMBOL-MACROLET: ~S", d.car)
        inner = SymbolMacroEntry(inner, d.car, d.cdr.car)
    decls, _, body = parse_body(form.cdr.cdr)
    return analyze_body(body, with_declarations(decls, inner), form)


@special_form("MULTIPLE-VALUE-CALL")
def sf_mvcall(form, scope):
    check_proper_list(form, "MULTIPLE-VALUE-CALL")
    fnode = analyze(form.cdr.car, scope)
    return MultipleValueCallNode(fnode, [analyze(f, scope) for f in form.cdr.cdr], form)


@special_form("MULTIPLE-VALUE-PROG1")
def sf_mvprog1(form, scope):
    check_proper_list(form, "MULTIPLE-VALUE-PROG1")
    first = analyze(form.cdr.car, scope)
    rest = analyze_body(form.cdr.cdr, scope)
    return MVProg1Node(first, rest, form)


@special_form("PROGV")
def sf_progv(form, scope):
    check_proper_list(form, "PROGV")
    return ProgvNode(analyze(form.cdr.car, scope), analyze(form.cdr.cdr.car, scope),
                     analyze_body(form.cdr.cdr.cdr, scope), form)


@special_form("LOAD-TIME-VALUE")
def sf_load_time_value(form, scope):
    check_proper_list(form, "LOAD-TIME-VALUE")
    return LoadTimeValueNode(analyze(form.cdr.car, None), form)


@special_form("MULTIPLE-VALUE-BIND")
def sf_mvbind(form, scope):
    """Implemented as a special form for speed (CLHS 3.1.2.1.2.2 allows it;
    the macro function exists too)."""
    check_proper_list(form, "MULTIPLE-VALUE-BIND")
    vars_ = list_to_py(form.cdr.car)
    valnode = analyze(form.cdr.cdr.car, scope)
    decls, _, body = parse_body(form.cdr.cdr.cdr)
    specials = declared_specials(decls)
    level = Level(scope)
    targets = []
    for v in vars_:
        if not isinstance(v, Symbol) or v.flags & 2:
            raise program_error("malformed MULTIPLE-VALUE-BIND variable ~S", v)
        targets.append(v if (v in specials or v.flags & SPECIAL) else level.add(v))
    inner = with_declarations(decls, level)
    # SBCL's error for these does not say "when binding"
    body_node = checked_body(analyze_body(body, inner, form), decls, inner, vars_, form,
                             say_binding=False)
    return MVBindNode(valnode, targets, level.size, body_node, form)


# ---------------------------------------------------------------- lambda
_ENCLOSING: list = []     # names of the named functions being analyzed
_LOCAL_NAME_HEADS = (LAMBDA, cl_sym("FLET"), cl_sym("LABELS"))
IN_KEYWORD = None


def _lambda_context():
    """SBCL names an anonymous function (LAMBDA ll :IN where): where is the
    enclosing named function, or the file being loaded."""
    global IN_KEYWORD
    if IN_KEYWORD is None:
        from .objects import keyword
        IN_KEYWORD = keyword("IN")
    if _ENCLOSING:
        return (IN_KEYWORD, _ENCLOSING[-1])
    from .dynamic import symbol_value
    truename = symbol_value(cl_sym("*LOAD-TRUENAME*"))
    if isinstance(truename, LString):
        return (IN_KEYWORD, truename)
    if truename is not NIL and type(truename).__name__ == "Pathname":
        from .pathnames import native_namestring
        return (IN_KEYWORD, LString(native_namestring(truename)))
    return ()


def compile_lambda(name, ll, body, scope, form=None, block_name=None, macro=False):
    # a named function is where the anonymous and local ones inside it are
    # :IN; local functions are themselves :IN the named one around them
    if name is not None and not (type(name) is Cons and name.car in _LOCAL_NAME_HEADS):
        _ENCLOSING.append(name)
        try:
            return _compile_lambda(name, ll, body, scope, form, block_name, macro)
        finally:
            _ENCLOSING.pop()
    return _compile_lambda(name, ll, body, scope, form, block_name, macro)


def _compile_lambda(name, ll, body, scope, form=None, block_name=None, macro=False):
    """Build the LambdaInfo for a function with lambda list LL and BODY in
    SCOPE. BLOCK_NAME, when given, wraps the body in an implicit block."""
    if name is None:
        name = lisp_list(LAMBDA, ll, *_lambda_context())
    parsed = parse_lambda_list(ll, macro=macro)
    decls, doc, forms = parse_body(body, allow_doc=True)
    specials = declared_specials(decls)
    lam = LambdaInfo(name, ll, form)
    lam.doc = doc
    level = Level(scope)
    level.lam = lam
    if parsed.is_simple and not any(v in specials or v.flags & SPECIAL for v in parsed.required):
        for v in parsed.required:
            level.add(v)
        inner = with_declarations(decls, level)
        body_node = checked_body(_body_with_block(forms, inner, block_name, form), decls, inner,
                                 parsed.required, form)
        lam.simple = True
        lam.nreq = len(parsed.required)
        lam.body = body_node
        lam.size = level.size
        return lam
    from .binding import build_binder
    args_slot = level.add(sys_sym("%ARGS"))
    inits, targets, cur = build_binder(parsed, level, specials, args_slot, toplevel=True)
    inner = with_declarations(decls, cur)
    body_node = checked_body(_body_with_block(forms, inner, block_name, form), decls, inner,
                             parsed.variables(), form)
    bind_node = LetStarNode(inits, [sfn(i) for i in inits], targets, level.size, body_node, form)
    from .binding import LambdaBinder
    lam.binder = LambdaBinder(parsed, bind_node, level.size, lam)
    lam.size = level.size
    lam.body = body_node
    return lam


def _body_with_block(forms, scope, block_name, form):
    if block_name is not None:
        return make_block(block_name, forms, scope, form)
    return analyze_body(forms, scope, form)


def compile_macro_lambda(name, ll, body, scope, kind="DEFMACRO", fname=None):
    """A macro function of (form env) destructuring (cdr form) by the macro
    lambda list LL."""
    from .binding import destructuring_lambda
    return destructuring_lambda(name, ll, body, scope, macro=True, kind=kind, fname=fname)


_DEFINER_KINDS = {cl_sym("DEFTYPE"): "DEFTYPE", cl_sym("DEFINE-COMPILER-MACRO"): "DEFINE-COMPILER-MACRO"}


# ---------------------------------------------------------------- internal special forms
@special_form("SYS::MACRO-LAMBDA")
def sf_macro_lambda(form, scope):
    """(sys::macro-lambda name lambda-list . body): the macro function,
    named (MACRO-FUNCTION NAME) as in SBCL; NAME may be (DEFTYPE NAME) or
    (DEFINE-COMPILER-MACRO NAME) for the expanders those definers make."""
    name = form.cdr.car
    kind = "DEFMACRO"
    if type(name) is Cons and name.car in _DEFINER_KINDS:
        kind, name = _DEFINER_KINDS[name.car], name.cdr.car
        fname = lisp_list(cl_sym(kind), name)
    else:
        fname = lisp_list(cl_sym("MACRO-FUNCTION"), name)
    lam = compile_macro_lambda(name, form.cdr.cdr.car, form.cdr.cdr.cdr, scope, kind, fname)
    return SimpleNode(lambda env: Closure(lam, env), form)


@special_form("SYS::%DESTRUCTURING-BIND")
def sf_destructuring_bind(form, scope):
    from .binding import destructure_node
    ll = form.cdr.car
    return destructure_node(ll, form.cdr.cdr.car, form.cdr.cdr.cdr, scope, form,
                            LString("DESTRUCTURING-BIND"))


class SetfCallNode(GlobalCallNode):
    """(sys::%setf-call name new-value args...): call (setf name)."""
    __slots__ = ()

    def exec(self, m):
        env = m.env
        if self.all_simple:
            self.function(env).invoke(m, [f(env) for f in self.arg_fns])
        else:
            from .nodes import ArgFrame
            ArgFrame(self, env, []).next_arg(m, 0)

    def function(self, env):
        fn = self.sym.setf_fn
        if fn is None:
            raise LispError("UNDEFINED-FUNCTION", {"NAME": lisp_list(SETF, self.sym)})
        return fn


@special_form("SYS::%SETF-CALL")
def sf_setf_call(form, scope):
    name = form.cdr.car
    fk = lookup_function(lisp_list(SETF, name), scope)
    args = [analyze(a, scope) for a in form.cdr.cdr]
    fns = [sfn(a) for a in args]
    if fk[0] == "local":
        return LocalCallNode(fk[1], fk[2], args, fns, form)
    fn = name.setf_fn
    if (type(fn) is Primitive and fn.kind == "simple" and name.package in LOCKED_PACKAGES
            and all(f is not None for f in fns)
            and len(args) >= fn.min and (fn.max is None or len(args) <= fn.max)):
        return SimpleNode(inline_call(fn, fns, None), form)
    return SetfCallNode(name, args, fns, form)

"""Analyzed-form nodes and the frames that continue them.

Each node either is *simple* (``fn`` is a Python closure env -> value,
evaluated in one step: constants, variable references, calls of simple
primitives on simple arguments, ...) or has an ``exec`` that sets the
machine's next state. A frame's ``resume`` takes ``m.value``. Frames that
consume a single value reduce an ``MV`` to its primary value; frames in
tail position pass values through untouched.
"""
from __future__ import annotations

from .dynamic import MISSING, state
from .errors import LispError, control_error
from .machine import (Node, Frame, Closure, CatchFrame, BlockFrame,
                      TagbodyFrame, UnwindProtectFrame, ProgressFrame,
                      TO_VALUES, TO_GO, bind_special)
from .objects import NIL, MV, UNBOUND, Symbol, Cons

# A few helpers shared by the closures the analyzer builds.


def unbound_variable(sym):
    return LispError("UNBOUND-VARIABLE", {"NAME": sym})


def special_value(sym: Symbol):
    v = state.dyn.get(sym, MISSING)
    if v is MISSING:
        v = sym.value
    if v is UNBOUND:
        raise unbound_variable(sym)
    return v


def set_special(sym: Symbol, value):
    d = state.dyn
    if sym in d:
        d[sym] = value
    else:
        sym.value = value
    return value


def single(v):
    if type(v) is MV:
        return v[0] if v else NIL
    return v


def walk_env(env, depth):
    for _ in range(depth):
        env = env[0]
    return env


# ---------------------------------------------------------------- simple nodes
class SimpleNode(Node):
    """A node evaluated by its closure in one step. ``constant`` holds the
    value of a constant node (the analyzer specialises calls on it)."""
    __slots__ = ("mv", "constant")

    def __init__(self, fn, form=None, mv=False):
        self.fn = fn
        self.form = form
        self.mv = mv      # fn may return an MV
        self.constant = None


# ---------------------------------------------------------------- if / progn
class IfNode(Node):
    __slots__ = ("test", "then", "else_", "test_fn")

    def __init__(self, test, then, else_, test_fn, form=None):
        self.fn = None
        self.test = test
        self.then = then
        self.else_ = else_
        self.test_fn = test_fn   # single-value closure when the test is simple
        self.form = form

    def exec(self, m):
        tf = self.test_fn
        if tf is not None:
            env = m.env
            branch = self.then if tf(env) is not NIL else self.else_
            f = branch.fn
            if f is not None:
                # a simple branch is evaluated in this same step
                m.value = f(env)
                m.node = None
            else:
                m.node = branch
        else:
            m.k.append(IfFrame(self, m.env))
            m.node = self.test


class IfFrame(Frame):
    __slots__ = ("node", "env")

    def __init__(self, node, env):
        self.node = node
        self.env = env

    def resume(self, m):
        v = m.value
        if type(v) is MV:
            v = v[0] if v else NIL
        m.env = self.env
        m.node = self.node.then if v is not NIL else self.node.else_


class PrognNode(Node):
    __slots__ = ("nodes",)

    def __init__(self, nodes, form=None):
        self.fn = None
        self.nodes = nodes
        self.form = form

    def exec(self, m):
        nodes = self.nodes
        env = m.env
        # run leading simple forms directly (one step), stop at the first
        # one that needs steps of its own
        i = 0
        last = len(nodes) - 1
        while i < last:
            n = nodes[i]
            if n.fn is None:
                m.k.append(ProgressFrame(nodes, env, i + 1))
                m.node = n
                return
            n.fn(env)
            i += 1
        m.node = nodes[last]


# ---------------------------------------------------------------- setq
class SetqFrame(Frame):
    __slots__ = ("node", "env")

    def __init__(self, node, env):
        self.node = node
        self.env = env

    def resume(self, m):
        v = m.value
        if type(v) is MV:
            v = v[0] if v else NIL
        m.value = self.node.assign(self.env, v)


class SetqLexNode(Node):
    __slots__ = ("depth", "index", "valnode")

    def __init__(self, depth, index, valnode, form=None):
        self.fn = None
        self.depth = depth
        self.index = index
        self.valnode = valnode
        self.form = form

    def assign(self, env, v):
        for _ in range(self.depth):
            env = env[0]
        env[self.index] = v
        return v

    def exec(self, m):
        m.k.append(SetqFrame(self, m.env))
        m.node = self.valnode


class SetqSpecialNode(Node):
    __slots__ = ("sym", "valnode")

    def __init__(self, sym, valnode, form=None):
        self.fn = None
        self.sym = sym
        self.valnode = valnode
        self.form = form

    def assign(self, env, v):
        return set_special(self.sym, v)

    def exec(self, m):
        m.k.append(SetqFrame(self, m.env))
        m.node = self.valnode


# ---------------------------------------------------------------- let / let*
class LetNode(Node):
    """LET: INITS evaluated in the outer environment, left to right; then a
    new environment of SIZE slots gets the lexical ones (TARGETS[i] an int
    slot index) and the special ones are bound (TARGETS[i] a symbol)."""
    __slots__ = ("inits", "init_fns", "targets", "size", "body", "specials")

    def __init__(self, inits, init_fns, targets, size, body, form=None):
        self.fn = None
        self.inits = inits
        self.init_fns = init_fns    # single-value closures, or None for non-simple
        self.targets = targets
        self.size = size
        self.body = body
        self.specials = any(type(t) is Symbol for t in targets)
        self.form = form

    def exec(self, m):
        env = m.env
        fns = self.init_fns
        n = len(fns)
        vals = []
        i = 0
        while i < n:
            f = fns[i]
            if f is None:
                m.k.append(LetFrame(self, env, vals))
                m.node = self.inits[i]
                return
            vals.append(f(env))
            i += 1
        self.enter(m, env, vals)

    def enter(self, m, env, vals):
        new = [None] * self.size
        new[0] = env
        if self.specials:
            for t, v in zip(self.targets, vals):
                if type(t) is int:
                    new[t] = v
                else:
                    bind_special(m, t, v)
        else:
            for t, v in zip(self.targets, vals):
                new[t] = v
        m.env = new
        m.node = self.body


class LetFrame(Frame):
    __slots__ = ("node", "env", "vals")

    def __init__(self, node, env, vals):
        self.node = node
        self.env = env
        self.vals = vals

    def resume(self, m):
        v = m.value
        if type(v) is MV:
            v = v[0] if v else NIL
        vals = self.vals
        vals.append(v)
        node = self.node
        env = self.env
        fns = node.init_fns
        n = len(fns)
        i = len(vals)
        while i < n:
            f = fns[i]
            if f is None:
                m.k.append(self)
                m.env = env
                m.node = node.inits[i]
                return
            vals.append(f(env))
            i += 1
        node.enter(m, env, vals)


class LetStarNode(Node):
    """LET* (and the &aux-like sequential forms): the new environment exists
    first; each init is evaluated in it and stored before the next."""
    __slots__ = ("inits", "init_fns", "targets", "size", "body")

    def __init__(self, inits, init_fns, targets, size, body, form=None):
        self.fn = None
        self.inits = inits
        self.init_fns = init_fns
        self.targets = targets
        self.size = size
        self.body = body
        self.form = form

    def exec(self, m):
        new = [None] * self.size
        new[0] = m.env
        m.env = new
        self.continue_from(m, new, 0)

    def continue_from(self, m, env, i):
        fns = self.init_fns
        targets = self.targets
        n = len(fns)
        while i < n:
            f = fns[i]
            if f is None:
                m.k.append(LetStarFrame(self, env, i))
                m.env = env
                m.node = self.inits[i]
                return
            t = targets[i]
            if type(t) is int:
                env[t] = f(env)
            else:
                bind_special(m, t, f(env))
            i += 1
        m.env = env
        m.node = self.body


class LetStarFrame(Frame):
    __slots__ = ("node", "env", "i")
    env_below = 1

    def __init__(self, node, env, i):
        self.node = node
        self.env = env
        self.i = i

    def resume(self, m):
        v = m.value
        if type(v) is MV:
            v = v[0] if v else NIL
        node = self.node
        env = self.env
        i = self.i
        t = node.targets[i]
        if type(t) is int:
            env[t] = v
        else:
            bind_special(m, t, v)
        node.continue_from(m, env, i + 1)


# ---------------------------------------------------------------- block / return-from
class BlockInfo:
    __slots__ = ("name", "used", "closure_used")

    def __init__(self, name):
        self.name = name
        self.used = False


class BlockNode(Node):
    __slots__ = ("info", "body")

    def __init__(self, info, body, form=None):
        self.fn = None
        self.info = info
        self.body = body
        self.form = form

    def exec(self, m):
        m.k.append(BlockFrame(self.info, m.env))
        m.node = self.body


class ReturnFromNode(Node):
    __slots__ = ("info", "depth", "valnode")

    def __init__(self, info, depth, valnode, form=None):
        self.fn = None
        self.info = info
        self.depth = depth
        self.valnode = valnode
        self.form = form

    def exec(self, m):
        vn = self.valnode
        if vn.fn is not None:
            self.exit(m, m.env, vn.fn(m.env))
        else:
            m.k.append(ReturnFromFrame(self, m.env))
            m.node = vn

    def exit(self, m, env, values):
        benv = walk_env(env, self.depth)
        i, f = m.find_frame(BlockFrame, self.info, benv)
        if f is None:
            raise control_error("attempt to RETURN-FROM a block or GO to a tag that no longer exists")
        m.unwind(i, f, TO_VALUES, values)


class ReturnFromFrame(Frame):
    __slots__ = ("node", "env")

    def __init__(self, node, env):
        self.node = node
        self.env = env

    def resume(self, m):
        self.node.exit(m, self.env, m.value)


# ---------------------------------------------------------------- tagbody / go
class TagbodyInfo:
    __slots__ = ("stmts", "tags", "used")

    def __init__(self):
        self.stmts = []
        self.tags = {}
        self.used = False


class TagbodyNode(Node):
    __slots__ = ("info",)

    def __init__(self, info, form=None):
        self.fn = None
        self.info = info
        self.form = form

    def exec(self, m):
        m.k.append(TagbodyFrame(self.info, m.env))
        m.node = self.info.stmts[0]


class GoNode(Node):
    __slots__ = ("info", "depth", "pos")

    def __init__(self, info, depth, pos, form=None):
        self.fn = None
        self.info = info
        self.depth = depth
        self.pos = pos
        self.form = form

    def exec(self, m):
        tenv = walk_env(m.env, self.depth)
        i, f = m.find_frame(TagbodyFrame, self.info, tenv)
        if f is None:
            raise control_error("attempt to RETURN-FROM a block or GO to a tag that no longer exists")
        m.unwind(i, f, TO_GO, self.pos)


# ---------------------------------------------------------------- catch / throw / unwind-protect
class CatchNode(Node):
    __slots__ = ("tag", "body")

    def __init__(self, tag, body, form=None):
        self.fn = None
        self.tag = tag
        self.body = body
        self.form = form

    def exec(self, m):
        tn = self.tag
        if tn.fn is not None:
            m.k.append(CatchFrame(single(tn.fn(m.env))))
            m.node = self.body
        else:
            m.k.append(CatchTagFrame(self.body, m.env))
            m.node = tn


class CatchTagFrame(Frame):
    __slots__ = ("body", "env")

    def __init__(self, body, env):
        self.body = body
        self.env = env

    def resume(self, m):
        m.k.append(CatchFrame(single(m.value)))
        m.env = self.env
        m.node = self.body


class ThrowNode(Node):
    __slots__ = ("tag", "valnode")

    def __init__(self, tag, valnode, form=None):
        self.fn = None
        self.tag = tag
        self.valnode = valnode
        self.form = form

    def exec(self, m):
        m.k.append(ThrowTagFrame(self.valnode, m.env))
        m.node = self.tag


class ThrowTagFrame(Frame):
    __slots__ = ("valnode", "env")

    def __init__(self, valnode, env):
        self.valnode = valnode
        self.env = env

    def resume(self, m):
        m.k.append(ThrowValuesFrame(single(m.value)))
        m.env = self.env
        m.node = self.valnode


class ThrowValuesFrame(Frame):
    __slots__ = ("tag",)

    def __init__(self, tag):
        self.tag = tag

    def resume(self, m):
        m.throw(self.tag, m.value)


class UnwindProtectNode(Node):
    __slots__ = ("protected", "cleanup")

    def __init__(self, protected, cleanup, form=None):
        self.fn = None
        self.protected = protected
        self.cleanup = cleanup
        self.form = form

    def exec(self, m):
        m.k.append(UnwindProtectFrame(self.cleanup, m.env))
        m.node = self.protected


# ---------------------------------------------------------------- functions and calls
class LambdaInfo:
    """The static part of a function: its lambda list binder, body and name.
    ``simple`` means only required parameters, none special: then a call
    just makes the environment [closure-env, arg1, ...]."""
    __slots__ = ("name", "simple", "nreq", "binder", "body", "size", "doc",
                 "lambda_list", "form")

    def __init__(self, name, lambda_list, form=None):
        self.name = name
        self.lambda_list = lambda_list
        self.simple = False
        self.nreq = 0
        self.binder = None
        self.body = None
        self.size = 1
        self.doc = None
        self.form = form


class GlobalCallNode(Node):
    """A call of the global function of SYM. ARG_FNS holds single-value
    closures for simple arguments and None for the others."""
    __slots__ = ("sym", "args", "arg_fns", "all_simple")

    def __init__(self, sym, args, arg_fns, form=None):
        self.fn = None
        self.sym = sym
        self.args = args
        self.arg_fns = arg_fns
        self.all_simple = all(f is not None for f in arg_fns)
        self.form = form

    def exec(self, m):
        env = m.env
        if self.all_simple:
            fns = self.arg_fns
            n = len(fns)
            if n == 1:
                args = [fns[0](env)]
            elif n == 2:
                args = [fns[0](env), fns[1](env)]
            elif n == 3:
                args = [fns[0](env), fns[1](env), fns[2](env)]
            else:
                args = [f(env) for f in fns]
            fn = self.sym.fn
            if type(fn) is Closure:
                lam = fn.lam
                if lam.simple and n == lam.nreq:
                    # the common case, inlined from Closure.invoke
                    args.insert(0, fn.env)
                    m.env = args
                    m.node = lam.body
                    return
                fn.invoke(m, args)
            elif fn is None:
                raise LispError("UNDEFINED-FUNCTION", {"NAME": self.sym})
            else:
                fn.invoke(m, args)
        else:
            ArgFrame(self, env, []).next_arg(m, 0)

    def function(self, env):
        fn = self.sym.fn
        if fn is None:
            raise LispError("UNDEFINED-FUNCTION", {"NAME": self.sym})
        return fn


class PrimCallNode(GlobalCallNode):
    """A call of a simple primitive of a locked package (so it cannot be
    redefined) whose arguments are not all simple: its Python function and
    arity are checked once, at analysis; the call itself is one Python call
    when the last argument arrives."""
    __slots__ = ("pyfn",)

    def __init__(self, sym, args, arg_fns, pyfn, form=None):
        super().__init__(sym, args, arg_fns, form)
        self.pyfn = pyfn


class LocalCallNode(Node):
    """A call of a function bound by FLET or LABELS: slot INDEX of the
    environment DEPTH levels up."""
    __slots__ = ("depth", "index", "args", "arg_fns", "all_simple")

    def __init__(self, depth, index, args, arg_fns, form=None):
        self.fn = None
        self.depth = depth
        self.index = index
        self.args = args
        self.arg_fns = arg_fns
        self.all_simple = all(f is not None for f in arg_fns)
        self.form = form

    def function(self, env):
        for _ in range(self.depth):
            env = env[0]
        return env[self.index]

    def exec(self, m):
        env = m.env
        if self.all_simple:
            args = [f(env) for f in self.arg_fns]
            self.function(env).invoke(m, args)
        else:
            ArgFrame(self, env, []).next_arg(m, 0)


class FuncallNode(Node):
    """(funcall f args...) and ((lambda ...) args...): the function is the
    value of node FNODE, evaluated first."""
    __slots__ = ("fnode", "args", "arg_fns")

    def __init__(self, fnode, args, arg_fns, form=None):
        self.fn = None
        self.fnode = fnode
        self.args = [fnode] + args
        self.arg_fns = [fnode.fn and (lambda env, f=fnode.fn: single(f(env)))] + arg_fns
        self.form = form

    def exec(self, m):
        ArgFrame(self, m.env, []).next_arg(m, 0)


class ArgFrame(Frame):
    """Collects the arguments of a call whose arguments are not all simple."""
    __slots__ = ("node", "env", "vals")

    def __init__(self, node, env, vals):
        self.node = node
        self.env = env
        self.vals = vals

    def next_arg(self, m, i):
        node = self.node
        env = self.env
        fns = node.arg_fns
        vals = self.vals
        n = len(fns)
        while i < n:
            f = fns[i]
            if f is None:
                m.k.append(self)
                m.env = env
                m.node = node.args[i]
                return
            vals.append(f(env))
            i += 1
        t = type(node)
        if t is PrimCallNode:
            m.value = node.pyfn(*vals)
            m.node = None
        elif t is FuncallNode:
            fn = vals[0]
            del vals[0]
            m.invoke(fn, vals)
        else:
            node.function(env).invoke(m, vals)

    def resume(self, m):
        v = m.value
        if type(v) is MV:
            v = v[0] if v else NIL
        self.vals.append(v)
        self.next_arg(m, len(self.vals))

    def describe(self):
        node = self.node
        if type(node) is GlobalCallNode:
            return node.form
        return None


# ---------------------------------------------------------------- multiple values
class MultipleValueCallNode(Node):
    __slots__ = ("fnode", "forms")

    def __init__(self, fnode, forms, form=None):
        self.fn = None
        self.fnode = fnode
        self.forms = forms
        self.form = form

    def exec(self, m):
        m.k.append(MVCallFrame(self, m.env, None, []))
        m.node = self.fnode


class MVCallFrame(Frame):
    __slots__ = ("node", "env", "function", "vals", "i")

    def __init__(self, node, env, function, vals):
        self.node = node
        self.env = env
        self.function = function
        self.vals = vals
        self.i = 0

    def resume(self, m):
        v = m.value
        if self.function is None:
            self.function = single(v)
        elif type(v) is MV:
            self.vals.extend(v)
        else:
            self.vals.append(v)
        forms = self.node.forms
        i = self.i
        if i < len(forms):
            self.i = i + 1
            m.k.append(self)
            m.env = self.env
            m.node = forms[i]
        else:
            m.invoke(self.function, self.vals)


class MVProg1Node(Node):
    __slots__ = ("first", "rest")

    def __init__(self, first, rest, form=None):
        self.fn = None
        self.first = first
        self.rest = rest
        self.form = form

    def exec(self, m):
        m.k.append(MVProg1Frame(self.rest, m.env))
        m.node = self.first


class MVProg1Frame(Frame):
    __slots__ = ("rest", "env")

    def __init__(self, rest, env):
        self.rest = rest
        self.env = env

    def resume(self, m):
        from .machine import RestoreValuesFrame
        m.k.append(RestoreValuesFrame(m.value))
        m.env = self.env
        m.node = self.rest


class MVBindNode(Node):
    """(multiple-value-bind (vars...) form body...): TARGETS as in LetNode."""
    __slots__ = ("valnode", "targets", "size", "body")

    def __init__(self, valnode, targets, size, body, form=None):
        self.fn = None
        self.valnode = valnode
        self.targets = targets
        self.size = size
        self.body = body
        self.form = form

    def exec(self, m):
        vn = self.valnode
        if vn.fn is not None:
            self.enter(m, m.env, vn.fn(m.env))
        else:
            m.k.append(MVBindFrame(self, m.env))
            m.node = vn

    def enter(self, m, env, v):
        vals = list(v) if type(v) is MV else [v]
        new = [None] * self.size
        new[0] = env
        for i, t in enumerate(self.targets):
            x = vals[i] if i < len(vals) else NIL
            if type(t) is int:
                new[t] = x
            else:
                bind_special(m, t, x)
        m.env = new
        m.node = self.body


class MVBindFrame(Frame):
    __slots__ = ("node", "env")

    def __init__(self, node, env):
        self.node = node
        self.env = env

    def resume(self, m):
        self.node.enter(m, self.env, m.value)


class ProgvNode(Node):
    __slots__ = ("syms", "vals", "body")

    def __init__(self, syms, vals, body, form=None):
        self.fn = None
        self.syms = syms
        self.vals = vals
        self.body = body
        self.form = form

    def exec(self, m):
        m.k.append(ProgvFrame(self, m.env, None))
        m.node = self.syms


class ProgvFrame(Frame):
    __slots__ = ("node", "env", "syms")

    def __init__(self, node, env, syms):
        self.node = node
        self.env = env
        self.syms = syms

    def resume(self, m):
        v = single(m.value)
        m.env = self.env
        if self.syms is None:
            self.syms = v
            m.k.append(self)
            m.node = self.node.vals
            return
        syms = self.syms
        vals = v
        from .errors import type_error
        while type(syms) is Cons:
            s = syms.car
            if not isinstance(s, Symbol):
                raise type_error(s, "SYMBOL")
            if type(vals) is Cons:
                bind_special(m, s, vals.car)
                vals = vals.cdr
            else:
                bind_special(m, s, UNBOUND)
            syms = syms.cdr
        m.node = self.node.body


class LoadTimeValueNode(Node):
    __slots__ = ("node", "done", "value")

    def __init__(self, node, form=None):
        self.fn = None
        self.node = node
        self.done = False
        self.value = None
        self.form = form

    def exec(self, m):
        if self.done:
            m.value = self.value
            m.node = None
        else:
            m.k.append(LoadTimeValueFrame(self))
            m.env = None
            m.node = self.node


class LoadTimeValueFrame(Frame):
    __slots__ = ("node",)

    def __init__(self, node):
        self.node = node

    def resume(self, m):
        n = self.node
        n.value = single(m.value)
        n.done = True
        m.value = n.value


class FletNode(Node):
    """FLET/LABELS: a new environment holding closures for LAMS at slots
    1..n. For LABELS the closures close over the new environment."""
    __slots__ = ("lams", "labels", "size", "body")

    def __init__(self, lams, labels, size, body, form=None):
        self.fn = None
        self.lams = lams
        self.labels = labels
        self.size = size
        self.body = body
        self.form = form

    def exec(self, m):
        env = m.env
        new = [None] * self.size
        new[0] = env
        cenv = new if self.labels else env
        for i, lam in enumerate(self.lams):
            new[i + 1] = Closure(lam, cenv)
        m.env = new
        m.node = self.body


"""The CEK machine: registers, the step loop, frames and unwinding.

Registers: ``node`` (the node to evaluate next, or None when ``value`` is to
be returned to the continuation), ``env`` (the lexical environment: a Python
list whose slot 0 is the parent environment), ``value`` (the last value; an
``MV`` when there are several), ``k`` (the continuation: a Python list of
frames, innermost last) and ``dyn`` (the running process's special
bindings). A step is one ``node.exec(m)`` or one ``k.pop().resume(m)``;
nothing else in the process runs inside it (SPEC 3).

Unwinding protocol (ARCHITECTURE 2). A non-local exit names a target frame
by its index in ``k``. ``unwind`` pops the frames above it one by one. A
frame whose class has ``unwinds = UNDO`` (special bindings, masks) restores
its state as it is popped; one with ``unwinds = CLEANUP`` (unwind-protect)
stops the unwinding: a ``ContinueUnwindFrame`` carrying the pending exit is
pushed and the cleanup forms run as ordinary steps above it. When they finish
the pending exit resumes. An exit started inside the cleanup pops the
ContinueUnwindFrame like any other frame, which simply forgets the pending
exit: a throw from a cleanup aborts the unwinding in progress (SPEC 4.5, 4.6).
"""
from __future__ import annotations

import os

from .dynamic import MISSING, state
from .errors import (LispError, control_error, program_error,
                     condition_for_python_exception)
from .functions import Function
from .objects import NIL, MV, Cons, Symbol, lisp_list

# CEK_LISP_DEBUG=1: let Python exceptions from primitives propagate with
# their traceback instead of becoming Lisp conditions (for developing).
DEBUG = bool(os.environ.get("CEK_LISP_DEBUG"))

# Frame.unwinds values
PASS = 0      # nothing to do when unwound through
UNDO = 1      # call frame.undo(m) when unwound through
CLEANUP = 2   # unwind-protect: run cleanup forms, then continue
BARRIER = 3   # a nested run's bottom: leave the nested Python call

# Unwinding kinds: what happens on arrival at the target frame
TO_VALUES = 0   # pop the target (catch/block) and return payload from it
TO_GO = 1       # keep the target (tagbody), continue at statement payload
TO_CALL = 2     # keep the target, then call payload = (function, args)


class Frame:
    __slots__ = ()
    unwinds = PASS

    def resume(self, m: "Machine"):
        raise NotImplementedError

    def start_cleanup(self, m: "Machine"):
        """For a frame with ``unwinds = CLEANUP``: start its cleanup, within
        the step that reached the frame (an exit unwinding through it, or
        the normal return). The default evaluates the node ``self.cleanup``
        in ``self.env``; a frame may override it to enter a dynamic state
        first (an interrupt mask), which then holds from the cleanup's very
        first step: no step boundary lies between reaching the frame and
        the state being in force."""
        m.env = self.env
        m.node = self.cleanup

    def describe(self):
        """What this frame continues: the source form of the node it
        belongs to, or None."""
        node = getattr(self, "node", None)
        return getattr(node, "form", None) if node is not None else None

    # True for a frame that stands for the point where a computation was
    # stopped (an error in a primitive, an interrupt): the backtrace shows
    # its form, and the call it is in.
    shows_form = False

    # How many environment lists this frame's ``env`` lies below the one
    # its source node was analyzed for (LET* evaluates in its new one).
    env_below = 0

    def source_node(self):
        """A node of the code this frame continues, whose ``owner`` names
        the function (Machine.backtrace); None if there is none."""
        for attr in ("node", "body", "valnode", "cleanup", "rest"):
            n = getattr(self, attr, None)
            if isinstance(n, Node):
                return n
        nodes = getattr(self, "nodes", None)
        if nodes:
            for n in nodes:
                if n.fn is None:
                    return n
        return None


class ErrorContextFrame(Frame):
    """Pushed under ERROR when a step fails in Python: remembers the form
    that was being evaluated, and the node and environment of the call it
    failed in, for the backtrace. Passes values through."""
    __slots__ = ("form", "node", "env")
    shows_form = True

    def __init__(self, form, node=None, env=None):
        self.form = form
        self.node = node
        self.env = env

    def resume(self, m):
        pass

    def describe(self):
        return self.form


class Node:
    """An analyzed form. ``fn`` is a Python closure env -> value when the
    node is simple (no Lisp calls, no control effects: evaluating it
    directly is one atomic step); otherwise None and ``exec`` is used.
    ``owner`` is (LambdaInfo, depth) of the function the node belongs to,
    or None outside functions (analyzer.owner_of; unset on nodes the
    analyzer builds internally)."""
    __slots__ = ("fn", "form", "owner")

    def exec(self, m: "Machine"):
        m.value = self.fn(m.env)
        m.node = None


# ---------------------------------------------------------------- control frames
class SpecialBindFrame(Frame):
    """A dynamic binding of SYM; ``old`` is the process's previous binding
    or MISSING when the global value was visible."""
    __slots__ = ("sym", "old")
    unwinds = UNDO

    def __init__(self, sym, old):
        self.sym = sym
        self.old = old

    def resume(self, m):
        self.undo(m)

    def undo(self, m):
        if self.old is MISSING:
            m.dyn.pop(self.sym, None)
        else:
            m.dyn[self.sym] = self.old


def bind_special(m: "Machine", sym: Symbol, value):
    d = m.dyn
    m.k.append(SpecialBindFrame(sym, d.get(sym, MISSING)))
    d[sym] = value


class CatchFrame(Frame):
    __slots__ = ("tag",)

    def __init__(self, tag):
        self.tag = tag

    def resume(self, m):
        pass

    def describe(self):
        return None


class BlockFrame(Frame):
    """The exit point of a BLOCK. Identified by its static ``info`` and the
    environment at entry (see the module docstring of analyzer)."""
    __slots__ = ("info", "env")

    def __init__(self, info, env):
        self.info = info
        self.env = env

    def resume(self, m):
        pass


class TagbodyFrame(Frame):
    __slots__ = ("info", "env", "pos")

    def __init__(self, info, env):
        self.info = info
        self.env = env
        self.pos = 0

    def resume(self, m):
        stmts = self.info.stmts
        pos = self.pos + 1
        if pos < len(stmts):
            self.pos = pos
            m.k.append(self)
            m.env = self.env
            m.node = stmts[pos]
        else:
            m.value = NIL


class UnwindProtectFrame(Frame):
    __slots__ = ("cleanup", "env")
    unwinds = CLEANUP

    def __init__(self, cleanup, env):
        self.cleanup = cleanup
        self.env = env

    def resume(self, m):
        # normal exit from the protected form: keep its values over the cleanup
        m.k.append(RestoreValuesFrame(m.value))
        m.run_cleanup(self)


class RestoreValuesFrame(Frame):
    __slots__ = ("saved",)

    def __init__(self, saved):
        self.saved = saved

    def resume(self, m):
        m.value = self.saved


class ContinueUnwindFrame(Frame):
    """Below a running cleanup: the exit that was in progress."""
    __slots__ = ("index", "target", "kind", "payload")

    def __init__(self, index, target, kind, payload):
        self.index = index
        self.target = target
        self.kind = kind
        self.payload = payload

    def resume(self, m):
        m.unwind(self.index, self.target, self.kind, self.payload)


class ProgressFrame(Frame):
    """Evaluate a sequence of nodes, returning the last value (progn)."""
    __slots__ = ("nodes", "env", "i")

    def __init__(self, nodes, env, i):
        self.nodes = nodes
        self.env = env
        self.i = i

    def resume(self, m):
        i = self.i
        nodes = self.nodes
        m.env = self.env
        if i == len(nodes) - 1:
            m.node = nodes[i]
        else:
            self.i = i + 1
            m.k.append(self)
            m.node = nodes[i]


class GenFrame(Frame):
    """A ``gen`` primitive waiting for the value of a Lisp call it asked for."""
    __slots__ = ("gen", "name")

    def __init__(self, gen, name):
        self.gen = gen
        self.name = name

    def resume(self, m):
        v = m.value
        if type(v) is MV:
            v = v[0] if v else NIL
        m.drive_generator(self.gen, self.name, v)

    def describe(self):
        return self.name


class BarrierFrame(Frame):
    """The bottom of a nested run (``Machine.call_nested``)."""
    __slots__ = ("done",)
    unwinds = BARRIER

    def __init__(self):
        self.done = False

    def resume(self, m):
        self.done = True
        raise NestedDone()


class NestedDone(Exception):
    pass


class NestedExit(Exception):
    """A non-local exit crossed a nested run's barrier: the Python code that
    started the nested run is abandoned and the exit continues outside."""

    def __init__(self, index, target, kind, payload):
        super().__init__()
        self.args_ = (index, target, kind, payload)


class SwitchProcess(Exception):
    """Raised by a step that blocks or ends the current process: the
    scheduler picks the next process. The step has already saved whatever
    the process needs to continue."""


# ---------------------------------------------------------------- closures
class Closure(Function):
    """An interpreted function: a ``LambdaInfo`` and the environment it closes
    over. ``name`` is a symbol, a list such as (SETF FOO) or (LAMBDA ...)."""
    __slots__ = ("lam", "env", "plist")

    def __init__(self, lam, env, name=None):
        self.lam = lam
        self.env = env
        self.name = name if name is not None else lam.name
        self.plist = None

    def invoke(self, m, args):
        lam = self.lam
        if lam.simple:
            if len(args) != lam.nreq:
                raise program_error("invalid number of arguments: ~S", len(args))
            env = [self.env]
            env += args
            m.env = env
            m.node = lam.body
        else:
            lam.binder.bind(m, self, args)

    def __repr__(self):
        return f"#<closure {self.name}>"


# ---------------------------------------------------------------- the machine
class Machine:
    __slots__ = ("node", "env", "value", "k", "dyn", "proc", "scheduler",
                 "depth_limit", "nested", "interp", "signal_error_fn",
                 "check_interrupts", "deliver_hook")

    def __init__(self):
        self.node = None
        self.env = None
        self.value = NIL
        self.k: list = []
        self.dyn: dict = state.dyn
        self.proc = None
        self.scheduler = None
        self.depth_limit = 5_000_000
        self.nested = 0
        self.interp = None
        self.signal_error_fn = None   # set by conditions: (m, condition) -> None
        # Set when an unwinding popped an interrupt mask while interrupts
        # were pending: the runtime's deliver_hook runs once it arrives.
        self.check_interrupts = False
        self.deliver_hook = None

    # -- the step loop
    def run(self, steps: int) -> int:
        """Run up to STEPS steps of the current process. Returns the number
        of steps not used (0 when the quantum ran out). Raises SwitchProcess
        (already handled state) when the process blocked or finished."""
        k = self.k
        n = steps
        while True:
            i = 0
            node = f = None
            try:
                for i in range(n):
                    node = self.node
                    if node is None:
                        f = k.pop()
                        f.resume(self)
                    else:
                        node.exec(self)
                return 0
            except LispError as e:
                n -= i + 1
                self.signal_python_error(e, node, f)
            except NestedExit as e:
                # An exit crossed the barrier of a nested run started inside
                # this step: carry on unwinding here (this level's own
                # barrier, if nested, re-raises it further out).
                n -= i + 1
                self.unwind(*e.args_)
            except (SwitchProcess, NestedDone):
                raise
            except Exception as e:   # a bug in a primitive: still a Lisp condition
                if DEBUG and not isinstance(e, RecursionError):
                    raise
                n -= i + 1
                self.signal_python_error(condition_for_python_exception(e), node, f)
            if n <= 0:
                return 0

    def signal_python_error(self, e: LispError, node=None, frame=None):
        """Signal the condition described by E in the running process, at
        the current step: the continuation is left as it was, and ERROR is
        called as if by the expression that failed (ARCHITECTURE 8). NODE or
        FRAME is what the failing step was running (for the backtrace)."""
        form = getattr(node, "form", None) if node is not None else (
            frame.describe() if frame is not None else None)
        if form is not None:
            if node is None:
                node = frame.source_node()
                env = getattr(frame, "env", self.env)
            else:
                env = self.env
            self.k.append(ErrorContextFrame(form, node, env))
        self.signal_error_fn(self, e)

    # -- calling
    def invoke(self, fn, args: list):
        """Call FN (a function object or a symbol naming one) with ARGS."""
        if not isinstance(fn, Function):
            fn = self.resolve_function(fn)
        fn.invoke(self, args)

    @staticmethod
    def resolve_function(fn):
        if isinstance(fn, Symbol):
            f = fn.fn
            if f is None:
                raise LispError("UNDEFINED-FUNCTION", {"NAME": fn})
            return f
        from .errors import type_error
        raise type_error(fn, "(OR FUNCTION SYMBOL)")

    def drive_generator(self, gen, name, sendval):
        """Resume a gen primitive's generator with SENDVAL; either it asks
        for another Lisp call (pushed with a GenFrame below it) or it
        returns its result."""
        try:
            req = gen.send(sendval)
        except StopIteration as stop:
            r = stop.value
            self.value = NIL if r is None else r
            self.node = None
            return
        fn, args = req
        self.k.append(GenFrame(gen, name))
        if not isinstance(fn, Function):
            fn = self.resolve_function(fn)
        fn.invoke(self, list(args))

    # -- unwinding
    def unwind(self, index: int, target: Frame, kind: int, payload):
        """Pop frames above K[INDEX] (which must be TARGET), running
        cleanups as steps, then arrive according to KIND."""
        k = self.k
        while len(k) - 1 > index:
            f = k.pop()
            u = f.unwinds
            if u:
                if u == UNDO:
                    f.undo(self)
                elif u == CLEANUP:
                    k.append(ContinueUnwindFrame(index, target, kind, payload))
                    self.run_cleanup(f)
                    return
                elif u == BARRIER:
                    raise NestedExit(index, target, kind, payload)
        if len(k) <= index or k[index] is not target:
            raise control_error("the exit point being unwound to no longer exists")
        if kind == TO_VALUES:
            k.pop()
            self.value = payload
            self.node = None
        elif kind == TO_GO:
            target.pos = payload
            k.append(k.pop())
            self.env = target.env
            self.node = target.info.stmts[payload]
        else:
            fn, args = payload
            self.invoke(fn, args)
        if self.check_interrupts:
            self.check_interrupts = False
            self.deliver_hook(self)

    # Set by runtime.breaks (a staticmethod (machine, frame)): called as a
    # cleanup starts, in the same step, to disable Racket breaks for it
    # (SPEC 6.6). None keeps cleanups as cheap as they were.
    cleanup_hook = None

    def run_cleanup(self, f: Frame):
        h = self.cleanup_hook
        if h is not None:
            h(self, f)
        f.start_cleanup(self)

    def throw(self, tag, values):
        k = self.k
        for i in range(len(k) - 1, -1, -1):
            f = k[i]
            if type(f) is CatchFrame and f.tag is tag:
                self.unwind(i, f, TO_VALUES, values)
                return
        raise control_error("attempt to THROW to a tag that does not exist: ~S", tag)

    def find_frame(self, cls, info, env):
        k = self.k
        for i in range(len(k) - 1, -1, -1):
            f = k[i]
            if type(f) is cls and f.info is info and f.env is env:
                return i, f
        return -1, None

    # -- nested runs
    def call_nested(self, fn, args):
        """Call FN with ARGS to completion inside the current step and return
        its value (an MV when several). Used where Python code needs a Lisp
        result synchronously: Lisp macro expanders during analysis, and
        print-object methods and report functions inside the printer. The
        call runs in the current process with its dynamic state; other
        processes do not run until it finishes (it is part of one step), but
        interrupts and breaks to this process are delivered inside it. A
        non-local exit out of it abandons the Python caller (NestedExit)."""
        sched = self.scheduler
        if sched is None or self.proc is None or sched.current is not self.proc:
            return self.call_detached(fn, args)
        saved_node, saved_env, saved_value = self.node, self.env, self.value
        k = self.k
        barrier = BarrierFrame()
        base = len(k)
        k.append(barrier)
        self.nested += 1
        try:
            self.invoke(fn, list(args))
            while True:
                try:
                    self.run(1000)
                except NestedDone:
                    break
                if self.scheduler is not None:
                    self.scheduler.nested_poll(self)
            result = self.value
        finally:
            self.nested -= 1
            del k[base:]
        self.node, self.env, self.value = saved_node, saved_env, saved_value
        return result

    def call_detached(self, fn, args):
        """Call FN outside any step (Python code called from outside the
        machine needs a Lisp result): run it to completion in a temporary
        process of its own. Its error becomes a LispError carrying the
        condition."""
        sched = self.scheduler
        p = sched.spawn(fn, list(args), name="nested call")
        sched.run_until(lambda: not p.alive)
        if p.exit is not None and p.exit.condition is not None:
            raise LispError(condition=p.exit.condition)
        if p.results is None or p.exit is not None:
            from .errors import control_error
            raise control_error("a nested Lisp call was abandoned")
        r = p.results
        return r[0] if len(r) == 1 else MV(r)

    def backtrace(self, limit=40, current=False):
        """The innermost LIMIT frames, for backtraces: a function call as
        SBCL shows one, (NAME ARG...), for each call with a continuation
        pending in it (tail calls leave none), innermost first; the form
        that failed in a primitive (ErrorContextFrame) and the primitive
        calling back into Lisp (GenFrame) where they are. With CURRENT,
        the call being evaluated comes first (a process stopped between
        steps, e.g. in a loop with no call pending), or the form itself
        outside any function. The calls are found from each frame's node
        (its ``owner``) and environment: nothing is recorded at run time."""
        out = []
        seen = [None]

        def call_of(node, env, below=0) -> bool:
            owner = getattr(node, "owner", None)
            if owner is None:
                return False
            lam, depth = owner
            e = env
            for _ in range(depth + below):
                if type(e) is not list:
                    return False
                e = e[0]
            if type(e) is not list or len(e) != lam.size:
                return False
            if e is not seen[0]:
                seen[0] = e
                args = e[1:1 + lam.nreq] if lam.simple else e[1]
                out.append(Cons(lam.name, lisp_list(*args)))
            return True

        node = self.node
        if current and node is not None:
            if not call_of(node, self.env) and getattr(node, "form", None) is not None:
                out.append(node.form)
        for f in reversed(self.k):
            if len(out) >= limit:
                break
            if type(f) is GenFrame:
                out.append(f.describe())
                continue
            if f.shows_form:
                form = f.describe()
                if form is not None:
                    out.append(form)
            env = getattr(f, "env", None)
            if env is not None:
                src = f.source_node()
                if src is not None:
                    call_of(src, env, f.env_below)
        return out[:limit]


def values_list_to_mv(items: list):
    if len(items) == 1:
        return items[0]
    return MV(items)


def mv_to_list(v) -> list:
    if type(v) is MV:
        return list(v)
    return [v]

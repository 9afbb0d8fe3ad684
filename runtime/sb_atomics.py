"""SBCL's atomic place operators (SB-EXT): COMPARE-AND-SWAP, ATOMIC-INCF,
ATOMIC-DECF, ATOMIC-PUSH, ATOMIC-POP, and the type SB-EXT:WORD.

Every machine step is atomic (SPEC 3), so each operator on a built-in
place expands into ONE call of a simple primitive that reads and writes
the place in that step: the place's subforms and the other arguments are
evaluated first, left to right, as ordinary forms. The built-in places
are (car x) and (first x), (cdr x) and (rest x), (svref v i), (aref v i)
on a vector, (symbol-value s), (symbol-plist s), and a special variable.
Any other place with a SETF expansion (a structure slot accessor, say)
is read and written inside a section that no other process and no
interrupt can enter (interrupts disabled and preemption off, SPEC 4.8).
A lexical variable is not a place shared between threads: it is an
error, as in SBCL.

ATOMIC-INCF and ATOMIC-DECF return the OLD value. Arithmetic is modular
as in SBCL: on a vector of element type (UNSIGNED-BYTE 64) (SB-EXT:WORD)
the domain is WORD and DIFF a (SIGNED-BYTE 64); everywhere else it is
FIXNUM, and both the old value and DIFF must be fixnums.
COMPARE-AND-SWAP stores NEW if the place's value is EQ to OLD and
returns the value it found. ATOMIC-PUSH returns the new list, ATOMIC-POP
the element it took.
"""
from __future__ import annotations

from lisp.dynamic import symbol_value, set_symbol_value
from lisp.errors import LispError, lisp_error, type_error, program_error
from lisp.functions import defun, intern_name
from lisp.macros import defmacro, args_of, gensym, L, place_expansion
from lisp.objects import (NIL, Cons, Symbol, Vector, UNBOUND, SPECIAL, cl_sym, keyword,
                          list_from_iter)
from lisp.types import FIXNUM_MIN, FIXNUM_MAX

S = cl_sym
QUOTE, LAMBDA, LET, LETSTAR = S("QUOTE"), S("LAMBDA"), S("LET"), S("LET*")
CALL_ATOMICALLY = intern_name("SB-SYS::%CALL-ATOMICALLY")

# place operator -> (cell kind, number of subforms)
CELLS = {S("CAR"): ("CAR", 1), S("FIRST"): ("CAR", 1), S("CDR"): ("CDR", 1),
         S("REST"): ("CDR", 1), S("SVREF"): ("SVREF", 2), S("AREF"): ("AREF", 2),
         S("SYMBOL-VALUE"): ("SYMBOL-VALUE", 1), S("SYMBOL-PLIST"): ("SYMBOL-PLIST", 1)}

WORD_MODULUS = 1 << 64
WORD_TYPE = L(S("UNSIGNED-BYTE"), 64)


def atomic_place(place, env):
    """(kind, subforms) for a built-in place, or (None, place) for another
    place that has a SETF expansion."""
    from lisp.analyzer import macroexpand_1
    scope = env.scope if env is not None and env is not NIL else None
    original = place
    while True:
        if isinstance(place, Symbol):
            if place.flags & SPECIAL:
                return "SYMBOL-VALUE", [L(QUOTE, place)]
            exp, expanded = macroexpand_1(place, scope)
            if not expanded:
                raise lisp_error("SIMPLE-ERROR", "Invalid place to CAS: ~S -> ~S", original, place)
            place = exp
            continue
        if type(place) is not Cons or not isinstance(place.car, Symbol):
            raise program_error("~S is not a valid place", place)
        cell = CELLS.get(place.car)
        if cell is not None:
            kind, n = cell
            subforms = args_of(place, n, n)
            return kind, subforms
        if place.car.setf_expander is not None or place.car.setf_fn is not None:
            return None, place
        exp, expanded = macroexpand_1(place, scope)
        if not expanded:
            return None, place
        place = exp


# ---------------------------------------------------------------- cells
def _cons(x):
    if type(x) is not Cons:
        raise type_error(x, "CONS")
    return x


def cell_read(kind, args):
    if kind == "CAR":
        return _cons(args[0]).car
    if kind == "CDR":
        return _cons(args[0]).cdr
    if kind == "SYMBOL-VALUE":
        sym = args[0]
        if not isinstance(sym, Symbol):
            raise type_error(sym, "SYMBOL")
        v = symbol_value(sym)
        if v is UNBOUND:
            raise LispError("UNBOUND-VARIABLE", {"NAME": sym})
        return v
    return _accessor(kind).fn(*args)


def cell_write(kind, args, value):
    if kind == "CAR":
        args[0].car = value
    elif kind == "CDR":
        args[0].cdr = value
    elif kind == "SYMBOL-VALUE":
        set_symbol_value(args[0], value)
    else:
        _accessor(kind, setf=True).fn(value, *args)


def _accessor(kind, setf=False):
    """The one-step primitive that reads (or writes) a place of KIND,
    checking its arguments as the accessor itself does."""
    sym = S(kind)
    fn = sym.setf_fn if setf else sym.fn
    if fn is None or getattr(fn, "kind", None) != "simple":
        raise lisp_error("SIMPLE-ERROR", "~S is not available as an atomic place here",
                         L(S("SETF"), sym) if setf else sym)
    return fn


def _split(args, n_after):
    kind = args[0].name
    return kind, list(args[1:len(args) - n_after]), args[len(args) - n_after:]


def _fixnum(x):
    if type(x) is not int or not FIXNUM_MIN <= x <= FIXNUM_MAX:
        raise type_error(x, "FIXNUM")
    return x


def modular_add(kind, place_args, old, diff, sign):
    """OLD + SIGN * DIFF in the place's domain: WORD for a word vector, else
    FIXNUM (SBCL's modular ATOMIC-INCF and ATOMIC-DECF)."""
    if kind == "AREF" and type(place_args[0]) is Vector and _is_word_vector(place_args[0]):
        if type(diff) is not int or not -(1 << 63) <= diff < (1 << 63):
            raise type_error(diff, L(S("SIGNED-BYTE"), 64))
        return (old + sign * diff) % WORD_MODULUS
    _fixnum(old)
    _fixnum(diff)
    span = FIXNUM_MAX - FIXNUM_MIN + 1
    return (old + sign * diff - FIXNUM_MIN) % span + FIXNUM_MIN


def _is_word_vector(v):
    from lisp.equality import equal
    return equal(v.element_type, WORD_TYPE)


@defun("SB-EXT::%CAS", "kind &rest args-old-new")
def cas(*args):
    """The one step of COMPARE-AND-SWAP on a built-in place."""
    kind, place_args, (old, new) = _split(args, 2)
    current = cell_read(kind, place_args)
    if current is old:
        cell_write(kind, place_args, new)
    return current


@defun("SB-EXT::%ATOMIC-ADD", "kind sign &rest args-diff")
def atomic_add(kind_kw, sign, *rest):
    """The one step of ATOMIC-INCF (SIGN 1) or ATOMIC-DECF (SIGN -1)."""
    kind, place_args, (diff,) = _split((kind_kw,) + rest, 1)
    old = cell_read(kind, place_args)
    cell_write(kind, place_args, modular_add(kind, place_args, old, diff, sign))
    return old


@defun("SB-EXT::%ATOMIC-PUSH", "kind &rest args-item")
def atomic_push(*args):
    """The one step of ATOMIC-PUSH: the new list."""
    kind, place_args, (item,) = _split(args, 1)
    new = Cons(item, cell_read(kind, place_args))
    cell_write(kind, place_args, new)
    return new


@defun("SB-EXT::%ATOMIC-POP", "kind &rest args")
def atomic_pop(*args):
    """The one step of ATOMIC-POP: the element taken."""
    kind, place_args, _ = _split(args, 0)
    old = cell_read(kind, place_args)
    if old is NIL:
        return NIL
    if type(old) is not Cons:
        raise type_error(old, "LIST")
    cell_write(kind, place_args, old.cdr)
    return old.car


@defun("SB-EXT::%FIXNUM-ADD", "old diff sign")
def fixnum_add(old, diff, sign):
    """OLD + SIGN * DIFF wrapped to a fixnum (the general places of
    ATOMIC-INCF and ATOMIC-DECF)."""
    return modular_add(None, [], old, diff, sign)


# ---------------------------------------------------------------- the macros
def _prim(name):
    return intern_name(f"SB-EXT::{name}")


def _expansion(place, env):
    """The SETF expansion of a general place, which must have one store
    variable."""
    temps, vals, store, store_form, access = place_expansion(place, env)
    if type(store) is Cons:
        raise program_error("~S has several store variables: not an atomic place", place)
    return temps, vals, store, store_form, access


def _atomically(bindings, body):
    """BINDINGS evaluated as ordinary forms, then BODY in an atomic
    section."""
    return L(LETSTAR, list_from_iter(bindings),
             L(CALL_ATOMICALLY, L(LAMBDA, NIL, body)))


@defmacro("SB-EXT:COMPARE-AND-SWAP")
def m_compare_and_swap(form, env):
    """(compare-and-swap place old new): atomically store NEW in PLACE if
    its value is EQ to OLD; return the value PLACE had. The swap happened
    if that is EQ to OLD."""
    place, old, new = args_of(form, 3, 3)
    kind, sub = atomic_place(place, env)
    if kind is not None:
        return L(_prim("%CAS"), keyword(kind), *sub, old, new)
    temps, vals, store, store_form, access = _expansion(sub, env)
    o, n, cur = gensym("OLD"), gensym("NEW"), gensym("CURRENT")
    return _atomically([L(t, v) for t, v in zip(temps, vals)] + [L(o, old), L(n, new)],
                       L(LET, L(L(cur, access)),
                         L(S("WHEN"), L(S("EQ"), cur, o), L(LET, L(L(store, n)), store_form)),
                         cur))


def _incf(form, env, sign):
    args = args_of(form, 1, 2)
    place = args[0]
    diff = args[1] if len(args) > 1 else 1
    kind, sub = atomic_place(place, env)
    if kind is not None:
        return L(_prim("%ATOMIC-ADD"), keyword(kind), sign, *sub, diff)
    temps, vals, store, store_form, access = _expansion(sub, env)
    d, old = gensym("DIFF"), gensym("OLD")
    return _atomically([L(t, v) for t, v in zip(temps, vals)] + [L(d, diff)],
                       L(LETSTAR, L(L(old, access), L(store, L(_prim("%FIXNUM-ADD"), old, d, sign))),
                         store_form, old))


@defmacro("SB-EXT:ATOMIC-INCF")
def m_atomic_incf(form, env):
    """(atomic-incf place &optional (diff 1)): atomically increment PLACE by
    DIFF and return its value before the increment (modular arithmetic)."""
    return _incf(form, env, 1)


@defmacro("SB-EXT:ATOMIC-DECF")
def m_atomic_decf(form, env):
    """(atomic-decf place &optional (diff 1)): atomically decrement PLACE by
    DIFF and return its value before the decrement (modular arithmetic)."""
    return _incf(form, env, -1)


@defmacro("SB-EXT:ATOMIC-PUSH")
def m_atomic_push(form, env):
    """(atomic-push obj place): like PUSH, but atomic; returns the new
    list."""
    obj, place = args_of(form, 2, 2)
    kind, sub = atomic_place(place, env)
    if kind is not None:
        return L(_prim("%ATOMIC-PUSH"), keyword(kind), *sub, obj)
    temps, vals, store, store_form, access = _expansion(sub, env)
    item = gensym("ITEM")
    return _atomically([L(t, v) for t, v in zip(temps, vals)] + [L(item, obj)],
                       L(LET, L(L(store, L(S("CONS"), item, access))), store_form))


@defmacro("SB-EXT:ATOMIC-POP")
def m_atomic_pop(form, env):
    """(atomic-pop place): like POP, but atomic; returns the element
    taken."""
    (place,) = args_of(form, 1, 1)
    kind, sub = atomic_place(place, env)
    if kind is not None:
        return L(_prim("%ATOMIC-POP"), keyword(kind), *sub)
    temps, vals, store, store_form, access = _expansion(sub, env)
    old = gensym("LIST")
    return _atomically([L(t, v) for t, v in zip(temps, vals)],
                       L(LET, L(L(old, access)),
                         L(S("PROG1"), L(S("CAR"), old),
                           L(S("WHEN"), old, L(LET, L(L(store, L(S("CDR"), old))), store_form)))))

"""Conses and lists: accessors (CAR ... CDDDDR, FIRST ... TENTH, NTH, LAST),
constructors and copiers (CONS, LIST, LIST*, APPEND, COPY-TREE ...), the
destructive operations (NCONC, RPLACA, NBUTLAST ...), and the setf functions
of every list place.

Every walk down a list is a loop and COPY-TREE keeps its own stack, so list
length and nesting depth are limited only by memory. Errors are SBCL's:
taking the CAR of a non-list is a TYPE-ERROR naming LIST, modifying a
non-cons one naming CONS.
"""
from __future__ import annotations

from ..arraydata import check_allocation
from ..equality import eql
from ..errors import type_error
from ..functions import defun
from ..objects import NIL, T, Cons, lisp_list
from .seqbase import S_LIST, S_CONS, UNSIGNED_BYTE, list_from, list_items

__all__ = ["nthcdr", "last_conses", "copy_tree", "copy_list"]


def _car(x):
    if type(x) is Cons:
        return x.car
    if x is NIL:
        return NIL
    raise type_error(x, S_LIST)


def _cdr(x):
    if type(x) is Cons:
        return x.cdr
    if x is NIL:
        return NIL
    raise type_error(x, S_LIST)


def _cons_arg(x) -> Cons:
    if type(x) is not Cons:
        raise type_error(x, S_CONS)
    return x


def _index_arg(n) -> int:
    if type(n) is not int or n < 0:
        raise type_error(n, UNSIGNED_BYTE)
    return n


# ---------------------------------------------------------------- CAR, CDR and compositions
@defun("CAR", "list", pure=True)
def car(list_):
    """Return the 1st object in a list."""
    if type(list_) is Cons:
        return list_.car
    if list_ is NIL:
        return NIL
    raise type_error(list_, S_LIST)


@defun("CDR", "list", pure=True)
def cdr(list_):
    """Return all but the first object in a list."""
    if type(list_) is Cons:
        return list_.cdr
    if list_ is NIL:
        return NIL
    raise type_error(list_, S_LIST)


@defun("CAR", "new-value cons", setf=True)
def set_car(new, cons):
    """Set the CAR of CONS to NEW-VALUE and return NEW-VALUE."""
    _cons_arg(cons).car = new
    return new


@defun("CDR", "new-value cons", setf=True)
def set_cdr(new, cons):
    """Set the CDR of CONS to NEW-VALUE and return NEW-VALUE."""
    _cons_arg(cons).cdr = new
    return new


def _define_cxr(path: str):
    """Define C<PATH>R (PATH is the a/d letters, applied right to left) and
    its setf function."""
    name = f"C{path.upper()}R"
    steps = [_car if c == "a" else _cdr for c in reversed(path)]
    inner, last = steps[:-1], path[0]
    words = " of the ".join("car" if c == "a" else "cdr" for c in path)

    def reader(list_):
        x = list_
        for step in steps:
            x = step(x)
        return x

    def writer(new, list_):
        x = list_
        for step in inner:
            x = step(x)
        c = _cons_arg(x)
        if last == "a":
            c.car = new
        else:
            c.cdr = new
        return new

    reader.__doc__ = f"Return the {words} of a list."
    writer.__doc__ = f"Set the {words} of a list to NEW-VALUE."
    defun(name, "list", pure=True)(reader)
    defun(name, "new-value list", setf=True)(writer)


for _n in (2, 3, 4):
    for _i in range(1 << _n):
        _define_cxr("".join("ad"[(_i >> b) & 1] for b in reversed(range(_n))))


# ---------------------------------------------------------------- FIRST ... TENTH, REST, NTH
def nthcdr(n: int, lst):
    x = lst
    for _ in range(n):
        if type(x) is Cons:
            x = x.cdr
        elif x is NIL:
            return NIL
        else:
            raise type_error(x, S_LIST)
    return x


_ORDINALS = ("FIRST", "SECOND", "THIRD", "FOURTH", "FIFTH", "SIXTH",
             "SEVENTH", "EIGHTH", "NINTH", "TENTH")


def _define_ordinal(i: int, name: str):
    def reader(list_):
        return _car(nthcdr(i, list_))

    def writer(new, list_):
        _cons_arg(nthcdr(i, list_)).car = new
        return new

    reader.__doc__ = f"Return the {name.lower()} object in a list or NIL if there is none."
    writer.__doc__ = f"Set the {name.lower()} element of a list to NEW-VALUE."
    defun(name, "list", pure=True)(reader)
    defun(name, "new-value list", setf=True)(writer)


for _i, _name in enumerate(_ORDINALS):
    _define_ordinal(_i, _name)


@defun("REST", "list", pure=True)
def rest(list_):
    """Means the same as the cdr of a list."""
    return _cdr(list_)


@defun("REST", "new-value list", setf=True)
def set_rest(new, list_):
    """Set the cdr of LIST to NEW-VALUE."""
    _cons_arg(list_).cdr = new
    return new


@defun("NTH", "n list", pure=True)
def nth(n, list_):
    """Return the nth object in a list where the car is the zero-th element."""
    return _car(nthcdr(_index_arg(n), list_))


@defun("NTH", "new-value n list", setf=True)
def set_nth(new, n, list_):
    """Set the Nth element of LIST to NEW-VALUE."""
    _cons_arg(nthcdr(_index_arg(n), list_)).car = new
    return new


@defun("NTHCDR", "n list", pure=True)
def cl_nthcdr(n, list_):
    """Perform the cdr function n times on a list."""
    return nthcdr(_index_arg(n), list_)


def last_conses(lst, n: int):
    """The last N conses of LST (its final atom when N is 0)."""
    lead = lst
    for _ in range(n):
        if type(lead) is not Cons:
            return lst
        lead = lead.cdr
    trail = lst
    while type(lead) is Cons:
        lead = lead.cdr
        trail = trail.cdr
    return trail


@defun("LAST", "list &optional n", pure=True)
def last(list_, n=1):
    """Return the last N conses (not the last element!) of a list."""
    if type(list_) is not Cons and list_ is not NIL:
        raise type_error(list_, S_LIST)
    return last_conses(list_, _index_arg(n))


# ---------------------------------------------------------------- predicates
@defun("CONS", "se1 se2")
def cons(a, b):
    """Return a list with SE1 as the CAR and SE2 as the CDR."""
    return Cons(a, b)


@defun("CONSP", "object", pure=True)
def consp(x):
    """Return true if OBJECT is a CONS, and NIL otherwise."""
    return T if type(x) is Cons else NIL


@defun("ATOM", "object", pure=True)
def atom(x):
    """Return true if OBJECT is an ATOM, and NIL otherwise."""
    return NIL if type(x) is Cons else T


@defun("LISTP", "object", pure=True)
def listp(x):
    """Return true if OBJECT is a LIST, and NIL otherwise."""
    return T if type(x) is Cons or x is NIL else NIL


@defun("NULL", "object", pure=True)
def null(x):
    """Return true if OBJECT is a NULL, and NIL otherwise."""
    return T if x is NIL else NIL


@defun("ENDP", "object", pure=True)
def endp(x):
    """This is the recommended way to test for the end of a proper list. It
    returns true if OBJECT is NIL, false if OBJECT is a CONS, and an error
    for any other type of OBJECT."""
    if x is NIL:
        return T
    if type(x) is Cons:
        return NIL
    raise type_error(x, S_LIST)


@defun("LIST-LENGTH", "list", pure=True)
def list_length(list_):
    """Return the length of the given LIST, or NIL if the LIST is circular."""
    n = 0
    fast = slow = list_
    while True:
        if fast is NIL:
            return n
        if type(fast) is not Cons:
            raise type_error(fast, S_LIST)
        fast = fast.cdr
        n += 1
        if fast is NIL:
            return n
        if type(fast) is not Cons:
            raise type_error(fast, S_LIST)
        fast = fast.cdr
        n += 1
        slow = slow.cdr
        if fast is slow:
            return NIL


@defun("TAILP", "object list", pure=True)
def tailp(obj, list_):
    """Return true if OBJECT is the same as some tail of LIST, otherwise
    returns false. LIST must be either a proper list or a dotted list."""
    x = list_
    while type(x) is Cons:
        if x is obj:
            return T
        x = x.cdr
    return T if eql(x, obj) else NIL


# ---------------------------------------------------------------- constructors
@defun("LIST", "&rest args")
def list_(*args):
    """Construct and return a list containing the objects ARGS."""
    return lisp_list(*args)


@defun("LIST*", "arg &rest others")
def list_star(arg, *others):
    """Return a list of the arguments with last cons a dotted pair."""
    if not others:
        return arg
    return list_from((arg,) + others[:-1], others[-1])


@defun("MAKE-LIST", "size &key initial-element")
def make_list(size, initial_element=NIL):
    """Construct a list with SIZE elements each set to INITIAL-ELEMENT."""
    if type(size) is not int or size < 0:
        raise type_error(size, lisp_list(UNSIGNED_BYTE, 58))
    check_allocation(size)
    r = NIL
    for _ in range(size):
        r = Cons(initial_element, r)
    return r


def copy_list(lst):
    """A copy of the conses of LST, keeping a dotted tail."""
    if type(lst) is not Cons:
        return lst
    head = tail = Cons(lst.car, NIL)
    x = lst.cdr
    while type(x) is Cons:
        c = Cons(x.car, NIL)
        tail.cdr = c
        tail = c
        x = x.cdr
    tail.cdr = x
    return head


@defun("COPY-LIST", "list")
def cl_copy_list(list_):
    """Return a new list which is EQUAL to LIST. LIST may be improper."""
    if type(list_) is not Cons and list_ is not NIL:
        raise type_error(list_, S_LIST)
    return copy_list(list_)


def copy_tree(x):
    if type(x) is not Cons:
        return x
    root = Cons(NIL, NIL)
    stack = [(x, root)]
    while stack:
        src, dst = stack.pop()
        while True:
            a = src.car
            if type(a) is Cons:
                na = Cons(NIL, NIL)
                stack.append((a, na))
                dst.car = na
            else:
                dst.car = a
            d = src.cdr
            if type(d) is not Cons:
                dst.cdr = d
                break
            nd = Cons(NIL, NIL)
            dst.cdr = nd
            src, dst = d, nd
    return root


@defun("COPY-TREE", "object")
def cl_copy_tree(obj):
    """Recursively copy trees of conses."""
    return copy_tree(obj)


@defun("COPY-ALIST", "alist")
def copy_alist(alist):
    """Return a new association list which is EQUAL to ALIST."""
    items = list_items(alist)
    return list_from([Cons(p.car, p.cdr) if type(p) is Cons else p for p in items])


# ---------------------------------------------------------------- joining
@defun("APPEND", "&rest lists")
def append(*lists):
    """Construct and return a list by concatenating LISTS."""
    if not lists:
        return NIL
    result = lists[-1]
    for lst in reversed(lists[:-1]):
        if lst is NIL:
            continue
        if type(lst) is not Cons:
            raise type_error(lst, S_LIST)
        result = list_from(list_items(lst), result)
    return result


@defun("NCONC", "&rest lists")
def nconc(*lists):
    """Concatenates the lists given as arguments (by changing them)"""
    result = NIL
    tail = None
    for i, lst in enumerate(lists):
        if type(lst) is Cons:
            if tail is None:
                result = lst
            else:
                tail.cdr = lst
            tail = last_conses(lst, 1)
        elif lst is NIL:
            continue
        elif i == len(lists) - 1:
            if tail is None:
                return lst
            tail.cdr = lst
        else:
            raise type_error(lst, S_LIST)
    return result


@defun("REVAPPEND", "x y")
def revappend(x, y):
    """Return (append (reverse x) y)."""
    r = y
    for e in list_items(x):
        r = Cons(e, r)
    return r


@defun("NRECONC", "x y")
def nreconc(x, y):
    """Return (NCONC (NREVERSE X) Y)."""
    list_items(x)          # SBCL checks the list is proper before reversing
    r = y
    while type(x) is Cons:
        nxt = x.cdr
        x.cdr = r
        r = x
        x = nxt
    return r


# ---------------------------------------------------------------- pieces
def _cons_count(lst) -> int:
    n = 0
    while type(lst) is Cons:
        n += 1
        lst = lst.cdr
    return n


@defun("BUTLAST", "list &optional n")
def butlast(list_, n=1):
    """Return a new list the same as LIST without the last N conses."""
    if type(list_) is not Cons and list_ is not NIL:
        raise type_error(list_, S_LIST)
    keep = _cons_count(list_) - _index_arg(n)
    out = []
    x = list_
    for _ in range(keep):
        out.append(x.car)
        x = x.cdr
    return list_from(out)


@defun("NBUTLAST", "list &optional n")
def nbutlast(list_, n=1):
    """Modify LIST to remove the last N conses, and return it."""
    if type(list_) is not Cons and list_ is not NIL:
        raise type_error(list_, S_LIST)
    keep = _cons_count(list_) - _index_arg(n)
    if keep <= 0:
        return NIL
    x = nthcdr(keep - 1, list_)
    x.cdr = NIL
    return list_


@defun("LDIFF", "list object")
def ldiff(list_, obj):
    """Return a new list, whose elements are those of LIST that appear
    before OBJECT. If OBJECT is not a tail of LIST, a copy of LIST is
    returned. LIST must be a proper list or a dotted list."""
    if type(list_) is not Cons and list_ is not NIL:
        raise type_error(list_, S_LIST)
    out = []
    x = list_
    while type(x) is Cons:
        if x is obj:
            return list_from(out)
        out.append(x.car)
        x = x.cdr
    return list_from(out, NIL if eql(x, obj) else x)


# ---------------------------------------------------------------- modifiers
@defun("RPLACA", "cons x")
def rplaca(cons, x):
    """Change the CAR of CONS to X and return the CONS."""
    _cons_arg(cons).car = x
    return cons


@defun("RPLACD", "cons x")
def rplacd(cons, x):
    """Change the CDR of CONS to X and return the CONS."""
    _cons_arg(cons).cdr = x
    return cons



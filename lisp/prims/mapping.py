"""The list mapping functions MAPCAR, MAPC, MAPCAN, MAPLIST, MAPL and
MAPCON. Each is a ``gen`` primitive: with a simple primitive as the function
the loop stays in Python, otherwise every call is yielded to the machine, so
a long MAPCAR over a Lisp closure is many small steps, interruptible between
any two calls (ARCHITECTURE 4).

Mapping stops at the end of the shortest list; a dotted tail reached first
is a TYPE-ERROR, as in SBCL.
"""
from __future__ import annotations

from ..errors import type_error
from ..functions import call_lisp, defun
from ..objects import NIL, Cons
from .seqbase import S_LIST, direct, resolve_function
from .lists import last_conses

__all__ = []


def _advance(tails: list) -> bool:
    """True when every tail is a cons; False at the end of the shortest;
    TYPE-ERROR on a dotted end."""
    for t in tails:
        if type(t) is not Cons:
            if t is NIL:
                return False
            raise type_error(t, S_LIST)
    return True


def _map(function, lists, on_tails: bool, collect: str):
    """Call FUNCTION on successive elements (or tails) of LISTS.
    COLLECT is 'list' (MAPCAR/MAPLIST), 'nconc' (MAPCAN/MAPCON) or
    'none' (MAPC/MAPL, which return the first list)."""
    fn = resolve_function(function)
    d = direct(fn, len(lists))
    tails = list(lists)
    out = []
    while _advance(tails):
        args = tails if on_tails else [t.car for t in tails]
        r = d(*args) if d is not None else (yield from call_lisp(fn, *args))
        if collect != "none":
            out.append(r)
        tails = [t.cdr for t in tails]
    if collect == "none":
        return lists[0]
    if collect == "list":
        r = NIL
        for x in reversed(out):
            r = Cons(x, r)
        return r
    return _nconc_results(out)


def _nconc_results(results: list):
    """SBCL's MAPCAN accumulation: every result becomes the cdr of the last
    cons so far, but only a cons advances that tail, so atoms in the middle
    vanish and a final atom ends the list."""
    head = NIL
    tail = None
    for r in results:
        if tail is None:
            head = r
        else:
            tail.cdr = r
        if type(r) is Cons:
            tail = last_conses(r, 1)
    return head


@defun("MAPCAR", "function list &rest more-lists", kind="gen")
def mapcar(function, list_, *more_lists):
    """Apply FUNCTION to successive elements of LIST. Return list of FUNCTION
    return values."""
    return (yield from _map(function, (list_,) + more_lists, False, "list"))


@defun("MAPC", "function list &rest more-lists", kind="gen")
def mapc(function, list_, *more_lists):
    """Apply FUNCTION to successive elements of lists. Return the second
    argument."""
    return (yield from _map(function, (list_,) + more_lists, False, "none"))


@defun("MAPCAN", "function list &rest more-lists", kind="gen")
def mapcan(function, list_, *more_lists):
    """Apply FUNCTION to successive elements of LIST. Return NCONC of FUNCTION
    results."""
    return (yield from _map(function, (list_,) + more_lists, False, "nconc"))


@defun("MAPLIST", "function list &rest more-lists", kind="gen")
def maplist(function, list_, *more_lists):
    """Apply FUNCTION to successive CDRs of list. Return list of results."""
    return (yield from _map(function, (list_,) + more_lists, True, "list"))


@defun("MAPL", "function list &rest more-lists", kind="gen")
def mapl(function, list_, *more_lists):
    """Apply FUNCTION to successive CDRs of list. Return the second
    argument."""
    return (yield from _map(function, (list_,) + more_lists, True, "none"))


@defun("MAPCON", "function list &rest more-lists", kind="gen")
def mapcon(function, list_, *more_lists):
    """Apply FUNCTION to successive CDRs of lists. Return NCONC of results."""
    return (yield from _map(function, (list_,) + more_lists, True, "nconc"))

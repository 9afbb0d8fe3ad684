"""Property lists: GETF and GET-PROPERTIES on a plist, and a symbol's own
plist (GET, SYMBOL-PLIST, REMPROP and their setf functions). The setf
expansion of a GETF place needs the macro machinery and lives with it; the
functions here are the ones it calls.

A symbol keeps its plist in ``Symbol.plist`` (None means NIL).
"""
from __future__ import annotations

from ..equality import eq, keyfn_eq
from ..errors import lisp_error, simple_error, type_error
from ..functions import defun
from ..objects import NIL, T, Cons, MV, Symbol
from .seqbase import S_LIST, S_SYMBOL

__all__ = ["plist_get", "symbol_plist"]

_NOT_FOUND = object()


def _malformed(plist):
    return lisp_error("SIMPLE-TYPE-ERROR", "malformed property list: ~S.", plist,
                      datum=plist, expected_type=S_LIST)


def plist_get(plist, indicator, default=_NOT_FOUND):
    """The value of INDICATOR (compared with EQ) in PLIST, or DEFAULT."""
    x = plist
    while type(x) is Cons:
        rest = x.cdr
        if type(rest) is not Cons:
            raise _malformed(plist)
        if x.car is indicator or eq(x.car, indicator):
            return rest.car
        x = rest.cdr
    if x is not NIL:
        raise _malformed(plist)
    return default


def _symbol(x) -> Symbol:
    if type(x) is not Symbol:
        raise type_error(x, S_SYMBOL)
    return x


def symbol_plist(sym: Symbol):
    p = sym.plist
    return NIL if p is None else p


@defun("GETF", "place indicator &optional default", pure=True)
def getf(place, indicator, default=NIL):
    """Search the property list stored in PLACE for an indicator EQ to
    INDICATOR. If one is found, return the corresponding value, else return
    DEFAULT."""
    return plist_get(place, indicator, default)


@defun("GET-PROPERTIES", "place indicator-list", mv=True, pure=True)
def get_properties(place, indicator_list):
    """Like GETF, except that INDICATOR-LIST is a list of indicators which
    will be looked for in the property list stored in PLACE. Three values
    are returned, see manual for details."""
    wanted = set()
    x = indicator_list
    while type(x) is Cons:
        wanted.add(keyfn_eq(x.car))
        x = x.cdr
    x = place
    while type(x) is Cons:
        rest = x.cdr
        if type(rest) is not Cons:
            raise _malformed(place)
        if keyfn_eq(x.car) in wanted:
            return MV((x.car, rest.car, x))
        x = rest.cdr
    return MV((NIL, NIL, NIL))


@defun("SYS:%PUTF", "plist indicator value")
def putf(plist, indicator, value):
    """PLIST with INDICATOR's value set to VALUE: changed in place when
    INDICATOR is there, else with the pair added in front. The setf
    expansion of GETF stores the result back into its place."""
    # SBCL's walk by CDDR: an odd last key is passed over, a value missing
    # after the indicator is a NIL that is not a CONS
    x = plist
    while type(x) is Cons:
        rest = x.cdr
        if x.car is indicator or eq(x.car, indicator):
            if type(rest) is not Cons:
                raise type_error(rest, "CONS")
            rest.car = value
            return plist
        x = rest.cdr if type(rest) is Cons else rest
    if x is not NIL:
        raise type_error(x, "LIST")
    return Cons(indicator, Cons(value, plist))


@defun("SYS:%REMF", "plist indicator", mv=True)
def remf(plist, indicator):
    """Two values for REMF: PLIST without the first INDICATOR pair (spliced
    out in place unless it is the first pair) and T, or PLIST and NIL."""
    prev, x = None, plist
    while type(x) is Cons:
        rest = x.cdr
        if type(rest) is not Cons:
            raise _malformed(plist)
        if x.car is indicator or eq(x.car, indicator):
            if prev is None:
                return MV((rest.cdr, T))
            prev.cdr = rest.cdr
            return MV((plist, T))
        prev, x = rest, rest.cdr
    if x is not NIL:
        raise _malformed(plist)
    return MV((plist, NIL))


def _odd_plist(sym):
    return simple_error("~S has an odd number of items in its property list.", sym)


@defun("GET", "symbol indicator &optional default")
def get(symbol, indicator, default=NIL):
    """Look on the property list of SYMBOL for the specified INDICATOR. If
    this is found, return the associated value, else return DEFAULT."""
    x = symbol_plist(_symbol(symbol))
    while type(x) is Cons:
        rest = x.cdr
        if type(rest) is not Cons:
            raise _odd_plist(symbol)
        if x.car is indicator or eq(x.car, indicator):
            return rest.car
        x = rest.cdr
    return default


@defun("GET", "new-value symbol indicator &optional default", setf=True)
def set_get(new, symbol, indicator, default=NIL):
    """Set the INDICATOR property of SYMBOL to NEW-VALUE (DEFAULT is only
    evaluated, as CL requires)."""
    sym = _symbol(symbol)
    x = symbol_plist(sym)
    while type(x) is Cons:
        rest = x.cdr
        if type(rest) is not Cons:
            raise _odd_plist(symbol)
        if x.car is indicator or eq(x.car, indicator):
            rest.car = new
            return new
        x = rest.cdr
    sym.plist = Cons(indicator, Cons(new, symbol_plist(sym)))
    return new


@defun("SYMBOL-PLIST", "symbol")
def cl_symbol_plist(symbol):
    """Return SYMBOL's property list."""
    return symbol_plist(_symbol(symbol))


@defun("SYMBOL-PLIST", "new-value symbol", setf=True)
def set_symbol_plist(new, symbol):
    """Set SYMBOL's property list to NEW-VALUE."""
    _symbol(symbol).plist = new
    return new


@defun("REMPROP", "symbol indicator")
def remprop(symbol, indicator):
    """Look on property list of SYMBOL for property with specified INDICATOR.
    If found, splice this indicator and its value out of the plist, and
    return the tail of the original list starting with INDICATOR. If not
    found, return () with no side effects."""
    sym = _symbol(symbol)
    prev = None
    x = symbol_plist(sym)
    while type(x) is Cons:
        rest = x.cdr
        if type(rest) is not Cons:
            raise _odd_plist(symbol)
        if x.car is indicator or eq(x.car, indicator):
            if prev is None:
                sym.plist = rest.cdr
            else:
                prev.cdr = rest.cdr
            return x
        prev = rest
        x = rest.cdr
    return NIL

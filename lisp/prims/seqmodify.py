"""Filtering and substituting in sequences: REMOVE, DELETE, SUBSTITUTE and
NSUBSTITUTE with their -IF and -IF-NOT variants, and REMOVE-DUPLICATES and
DELETE-DUPLICATES.

First the indices to drop (or replace) are found, in SBCL's scanning order
(backwards for :from-end, stopping once :count elements matched, so exactly
the elements SBCL would test get tested); then the result is built. The destructive versions do on
the argument what SBCL does, since a program may look at it afterwards:
DELETE on a list splices the dropped conses out (the old first cons, if
dropped, still points into the result; with :from-end SBCL reverses the
list in place, deletes and reverses back, so the old first cons ends up
last); on a vector with a fill pointer it
compacts in place and lowers the fill pointer; on a simple vector or string
it compacts the kept elements to the front of the argument and returns a
fresh vector of them.
"""
from __future__ import annotations

from ..functions import defun
from ..objects import NIL, Cons
from .seqbase import (ElementTest, PairTest, apply_key, bounds, count_arg, if_test,
                      item_test, key_fn, like, make_vector_like, seq_items, store_items)

__all__ = []


def _truthy(x) -> bool:
    return x is not None and x is not NIL


def _matching(test: ElementTest, items: list, s: int, e: int, from_end: bool, limit):
    """Generator: the set of indices in ITEMS[S:E] that satisfy TEST, at
    most LIMIT of them (None: all), taken from the end with FROM_END."""
    if limit == 0:
        return set()
    rng = range(e - 1, s - 1, -1) if from_end else range(s, e)
    fast = test.fast
    hits = set()
    for i in rng:
        if (fast(items[i]) if fast else (yield from test.slow(items[i]))):
            hits.add(i)
            if limit is not None and len(hits) >= limit:
                break
    return hits


def _drop(sequence, items: list, drop: set, destructive: bool, from_end: bool = False):
    """The sequence without the elements at the indices in DROP."""
    if not drop:
        return sequence if destructive else like(sequence, list(items))
    kept = [x for i, x in enumerate(items) if i not in drop]
    if not destructive:
        return like(sequence, kept)
    if type(sequence) is Cons:
        if from_end:
            # SBCL deletes from the end of a list by reversing it in place,
            # deleting forwards and reversing back; the old first cons ends
            # up last with a NIL cdr, which a program may observe.
            n = len(items)
            return _reverse_conses(_splice(_reverse_conses(sequence),
                                           {n - 1 - i for i in drop}))
        return _splice(sequence, drop)
    if sequence.fill_pointer is not None:
        store_items(sequence, 0, kept)
        sequence.fill_pointer = len(kept)
        return sequence
    store_items(sequence, 0, kept)
    return make_vector_like(sequence, kept)


def _reverse_conses(lst):
    r = NIL
    while type(lst) is Cons:
        nxt = lst.cdr
        lst.cdr = r
        r = lst
        lst = nxt
    return r


def _splice(lst: Cons, drop: set):
    """Unlink the conses of LST at the indices in DROP; return the head."""
    head = NIL
    prev = None
    x = lst
    i = 0
    while type(x) is Cons:
        if i in drop:
            if prev is not None:
                prev.cdr = x.cdr
        else:
            if prev is None:
                head = x
            prev = x
        x = x.cdr
        i += 1
    if prev is None:
        return x
    return head


def _remove(test, sequence, from_end, start, end, count, destructive):
    items = seq_items(sequence)
    s, e = bounds(sequence, start, end, len(items))
    limit = count_arg(count)
    drop = yield from _matching(test, items, s, e, _truthy(from_end), limit)
    return _drop(sequence, items, drop, destructive, _truthy(from_end))


# ---------------------------------------------------------------- REMOVE, DELETE
_REMOVE_LL = "item sequence &key from-end test test-not start end count key"
_REMOVE_IF_LL = "predicate sequence &key from-end start end count key"


@defun("REMOVE", _REMOVE_LL, kind="gen")
def remove(item, sequence, from_end=NIL, test=None, test_not=None, start=None, end=None,
           count=None, key=None):
    """Return a copy of SEQUENCE with elements satisfying the test (default
    is EQL) with ITEM removed."""
    return (yield from _remove(item_test(item, test, test_not, key), sequence,
                               from_end, start, end, count, False))


@defun("REMOVE-IF", _REMOVE_IF_LL, kind="gen")
def remove_if(predicate, sequence, from_end=NIL, start=None, end=None, count=None, key=None):
    """Return a copy of sequence with elements satisfying PREDICATE removed."""
    return (yield from _remove(if_test(predicate, key), sequence, from_end, start, end,
                               count, False))


@defun("REMOVE-IF-NOT", _REMOVE_IF_LL, kind="gen")
def remove_if_not(predicate, sequence, from_end=NIL, start=None, end=None, count=None,
                  key=None):
    """Return a copy of sequence with elements not satisfying PREDICATE
    removed."""
    return (yield from _remove(if_test(predicate, key, negate=True), sequence, from_end,
                               start, end, count, False))


@defun("DELETE", _REMOVE_LL, kind="gen")
def delete(item, sequence, from_end=NIL, test=None, test_not=None, start=None, end=None,
           count=None, key=None):
    """Return a sequence formed by destructively removing the specified ITEM
    from the given SEQUENCE."""
    return (yield from _remove(item_test(item, test, test_not, key), sequence,
                               from_end, start, end, count, True))


@defun("DELETE-IF", _REMOVE_IF_LL, kind="gen")
def delete_if(predicate, sequence, from_end=NIL, start=None, end=None, count=None, key=None):
    """Return a sequence formed by destructively removing the elements
    satisfying the specified PREDICATE from the given SEQUENCE."""
    return (yield from _remove(if_test(predicate, key), sequence, from_end, start, end,
                               count, True))


@defun("DELETE-IF-NOT", _REMOVE_IF_LL, kind="gen")
def delete_if_not(predicate, sequence, from_end=NIL, start=None, end=None, count=None,
                  key=None):
    """Return a sequence formed by destructively removing the elements not
    satisfying the specified PREDICATE from the given SEQUENCE."""
    return (yield from _remove(if_test(predicate, key, negate=True), sequence, from_end,
                               start, end, count, True))


# ---------------------------------------------------------------- duplicates
def _duplicates(sequence, from_end, test, test_not, start, end, key, destructive):
    items = seq_items(sequence)
    s, e = bounds(sequence, start, end, len(items))
    keys = yield from apply_key(key_fn(key), items[s:e])
    t = PairTest(test, test_not)
    drop = set()
    if t.hashkey is not None:
        hk = t.hashkey
        seen = set()
        order = range(len(keys)) if _truthy(from_end) else range(len(keys) - 1, -1, -1)
        for i in order:
            h = hk(keys[i])
            if h in seen:
                drop.add(s + i)
            else:
                seen.add(h)
    elif _truthy(from_end):
        # Each element is tested against the ones kept before it.
        kept = []
        fast = t.fast
        for i, k in enumerate(keys):
            for kk in kept:
                if (fast(k, kk) if fast else (yield from t.slow(k, kk))):
                    drop.add(s + i)
                    break
            else:
                kept.append(k)
    else:
        # An element goes when an equal one follows it.
        fast = t.fast
        for i, k in enumerate(keys):
            for j in range(i + 1, len(keys)):
                if (fast(k, keys[j]) if fast else (yield from t.slow(k, keys[j]))):
                    drop.add(s + i)
                    break
    return _drop(sequence, items, drop, destructive)


_DUPLICATES_LL = "sequence &key from-end test test-not start end key"


@defun("REMOVE-DUPLICATES", _DUPLICATES_LL, kind="gen")
def remove_duplicates(sequence, from_end=NIL, test=None, test_not=None, start=None, end=None,
                      key=None):
    """The elements of SEQUENCE are compared pairwise, and if any two match,
    the one occurring earlier is discarded, unless FROM-END is true, in
    which case the one later in the sequence is discarded. The resulting
    sequence is returned.

    The :TEST-NOT argument is deprecated."""
    return (yield from _duplicates(sequence, from_end, test, test_not, start, end, key, False))


@defun("DELETE-DUPLICATES", _DUPLICATES_LL, kind="gen")
def delete_duplicates(sequence, from_end=NIL, test=None, test_not=None, start=None, end=None,
                      key=None):
    """The elements of SEQUENCE are examined, and if any two match, one is
    discarded. The resulting sequence, which may be formed by destroying the
    given sequence, is returned.

    The :TEST-NOT argument is deprecated."""
    return (yield from _duplicates(sequence, from_end, test, test_not, start, end, key, True))


# ---------------------------------------------------------------- SUBSTITUTE
def _substitute(new, test, sequence, from_end, start, end, count, destructive):
    items = seq_items(sequence)
    s, e = bounds(sequence, start, end, len(items))
    limit = count_arg(count)
    hits = yield from _matching(test, items, s, e, _truthy(from_end), limit)
    if destructive:
        if type(sequence) is Cons:
            x = sequence
            for i in range(e):
                if i in hits:
                    x.car = new
                x = x.cdr
        elif hits:
            for i in sorted(hits):
                store_items(sequence, i, [new])
        return sequence
    return like(sequence, [new if i in hits else x for i, x in enumerate(items)])


_SUBST_LL = "newitem olditem sequence &key from-end test test-not start end count key"
_SUBST_IF_LL = "newitem predicate sequence &key from-end start end count key"


@defun("SUBSTITUTE", _SUBST_LL, kind="gen")
def substitute(newitem, olditem, sequence, from_end=NIL, test=None, test_not=None, start=None,
               end=None, count=None, key=None):
    """Return a sequence of the same kind as SEQUENCE with the same elements,
    except that all elements equal to OLD are replaced with NEW."""
    return (yield from _substitute(newitem, item_test(olditem, test, test_not, key), sequence,
                                   from_end, start, end, count, False))


@defun("SUBSTITUTE-IF", _SUBST_IF_LL, kind="gen")
def substitute_if(newitem, predicate, sequence, from_end=NIL, start=None, end=None, count=None,
                  key=None):
    """Return a sequence of the same kind as SEQUENCE with the same elements
    except that all elements satisfying the PRED are replaced with NEW."""
    return (yield from _substitute(newitem, if_test(predicate, key), sequence,
                                   from_end, start, end, count, False))


@defun("SUBSTITUTE-IF-NOT", _SUBST_IF_LL, kind="gen")
def substitute_if_not(newitem, predicate, sequence, from_end=NIL, start=None, end=None,
                      count=None, key=None):
    """Return a sequence of the same kind as SEQUENCE with the same elements
    except that all elements not satisfying the PRED are replaced with NEW."""
    return (yield from _substitute(newitem, if_test(predicate, key, negate=True), sequence,
                                   from_end, start, end, count, False))


@defun("NSUBSTITUTE", _SUBST_LL, kind="gen")
def nsubstitute(newitem, olditem, sequence, from_end=NIL, test=None, test_not=None,
                start=None, end=None, count=None, key=None):
    """Return a sequence of the same kind as SEQUENCE with the same elements
    except that all elements equal to OLD are replaced with NEW. SEQUENCE
    may be destructively modified."""
    return (yield from _substitute(newitem, item_test(olditem, test, test_not, key), sequence,
                                   from_end, start, end, count, True))


@defun("NSUBSTITUTE-IF", _SUBST_IF_LL, kind="gen")
def nsubstitute_if(newitem, predicate, sequence, from_end=NIL, start=None, end=None,
                   count=None, key=None):
    """Return a sequence of the same kind as SEQUENCE with the same elements
    except that all elements satisfying PREDICATE are replaced with NEW.
    SEQUENCE may be destructively modified."""
    return (yield from _substitute(newitem, if_test(predicate, key), sequence,
                                   from_end, start, end, count, True))


@defun("NSUBSTITUTE-IF-NOT", _SUBST_IF_LL, kind="gen")
def nsubstitute_if_not(newitem, predicate, sequence, from_end=NIL, start=None, end=None,
                       count=None, key=None):
    """Return a sequence of the same kind as SEQUENCE with the same elements
    except that all elements not satisfying PREDICATE are replaced with NEW.
    SEQUENCE may be destructively modified."""
    return (yield from _substitute(newitem, if_test(predicate, key, negate=True), sequence,
                                   from_end, start, end, count, True))


"""Searching sequences: FIND, POSITION and COUNT with their -IF and -IF-NOT
variants, SEARCH, MISMATCH, and the predicates EVERY, SOME, NOTANY and
NOTEVERY. All take the standard :key, :test/:test-not, :start/:end and
:from-end arguments on lists, vectors and strings alike.

Elements are scanned in the order SBCL scans them, which is what a test
with side effects observes: backwards for :from-end, except that FIND and
POSITION on a list, and SEARCH always, scan forwards and keep the last
match.
"""
from __future__ import annotations

from ..functions import call_lisp, defun
from ..errors import type_error
from ..objects import NIL, T, Cons
from .seqbase import (END_TYPE, S_LIST, ElementTest, PairTest, apply_key, bounds,
                      check_index_arg, direct, if_test, is_list, item_test, key_fn,
                      resolve_function, seq_items, seq_length)

__all__ = ["scan"]


def scan(test: ElementTest, items: list, s: int, e: int, from_end: bool,
         forward_only: bool = False):
    """Generator: the index of the first element of ITEMS[S:E] (the last,
    with FROM-END) that satisfies TEST, or None. FORWARD_ONLY finds the
    last one by testing every element front to back, as SBCL does on
    lists."""
    if from_end and forward_only:
        found = None
        fast = test.fast
        for i in range(s, e):
            if (fast(items[i]) if fast else (yield from test.slow(items[i]))):
                found = i
        return found
    rng = range(e - 1, s - 1, -1) if from_end else range(s, e)
    fast = test.fast
    if fast is not None:
        for i in rng:
            if fast(items[i]):
                return i
        return None
    for i in rng:
        if (yield from test.slow(items[i])):
            return i
    return None


def _find_in_list(test: ElementTest, lst, start, end, want_position: bool):
    """FIND/POSITION forward on a list, walking only as far as needed. Like
    SBCL: a match before a dotted tail or a too-large :END is returned, and
    the bounds are checked against the whole list only when the search
    fails with an explicit :END."""
    s = check_index_arg(0 if start is None else start)
    e = None if end is None or end is NIL else check_index_arg(end, END_TYPE)
    fast = test.fast
    x = lst
    i = 0
    while type(x) is Cons and (e is None or i < e):
        if i >= s:
            elt = x.car
            if (fast(elt) if fast else (yield from test.slow(elt))):
                return i if want_position else elt
        x = x.cdr
        i += 1
    if type(x) is not Cons and x is not NIL:
        raise type_error(x, S_LIST)
    if e is not None:             # SBCL validates the bounds only when :END was given
        bounds(lst, start, end, seq_length(lst))
    return NIL


def _find(test, sequence, from_end, start, end, want_position: bool):
    if type(sequence) is Cons and (from_end is NIL or from_end is None):
        return (yield from _find_in_list(test, sequence, start, end, want_position))
    items = seq_items(sequence)
    s, e = bounds(sequence, start, end, len(items))
    i = yield from scan(test, items, s, e, from_end is not NIL and from_end is not None,
                        forward_only=is_list(sequence))
    if i is None:
        return NIL
    return i if want_position else items[i]


# ---------------------------------------------------------------- FIND
@defun("FIND", "item sequence &key from-end test test-not start end key", kind="gen")
def find(item, sequence, from_end=NIL, test=None, test_not=None, start=None, end=None, key=None):
    """Return the first element of SEQUENCE (the last, with FROM-END) that
    satisfies the test with ITEM, or NIL."""
    return (yield from _find(item_test(item, test, test_not, key), sequence,
                             from_end, start, end, False))


@defun("FIND-IF", "predicate sequence &key from-end start end key", kind="gen")
def find_if(predicate, sequence, from_end=NIL, start=None, end=None, key=None):
    """Return the first element of SEQUENCE that satisfies PREDICATE."""
    return (yield from _find(if_test(predicate, key), sequence, from_end, start, end, False))


@defun("FIND-IF-NOT", "predicate sequence &key from-end start end key", kind="gen")
def find_if_not(predicate, sequence, from_end=NIL, start=None, end=None, key=None):
    """Return the first element of SEQUENCE that does not satisfy PREDICATE."""
    return (yield from _find(if_test(predicate, key, negate=True), sequence,
                             from_end, start, end, False))


# ---------------------------------------------------------------- POSITION
@defun("POSITION", "item sequence &key from-end test test-not start end key", kind="gen")
def position(item, sequence, from_end=NIL, test=None, test_not=None, start=None, end=None,
             key=None):
    """Return the index of the first element of SEQUENCE that satisfies the
    test with ITEM, or NIL."""
    return (yield from _find(item_test(item, test, test_not, key), sequence,
                             from_end, start, end, True))


@defun("POSITION-IF", "predicate sequence &key from-end start end key", kind="gen")
def position_if(predicate, sequence, from_end=NIL, start=None, end=None, key=None):
    """Return the index of the first element of SEQUENCE that satisfies
    PREDICATE, or NIL."""
    return (yield from _find(if_test(predicate, key), sequence, from_end, start, end, True))


@defun("POSITION-IF-NOT", "predicate sequence &key from-end start end key", kind="gen")
def position_if_not(predicate, sequence, from_end=NIL, start=None, end=None, key=None):
    """Return the index of the first element of SEQUENCE that does not
    satisfy PREDICATE, or NIL."""
    return (yield from _find(if_test(predicate, key, negate=True), sequence,
                             from_end, start, end, True))


# ---------------------------------------------------------------- COUNT
def _count(test: ElementTest, sequence, from_end, start, end):
    items = seq_items(sequence)
    s, e = bounds(sequence, start, end, len(items))
    rng = range(e - 1, s - 1, -1) if from_end is not NIL and from_end is not None else range(s, e)
    fast = test.fast
    if fast is not None:
        return sum(1 for i in rng if fast(items[i]))
    n = 0
    for i in rng:
        if (yield from test.slow(items[i])):
            n += 1
    return n


@defun("COUNT", "item sequence &key from-end start end key test test-not", kind="gen")
def count(item, sequence, from_end=NIL, start=None, end=None, key=None, test=None,
          test_not=None):
    """Return the number of elements in SEQUENCE satisfying a test with ITEM,
    which defaults to EQL."""
    return (yield from _count(item_test(item, test, test_not, key), sequence, from_end, start, end))


@defun("COUNT-IF", "predicate sequence &key from-end start end key", kind="gen")
def count_if(predicate, sequence, from_end=NIL, start=None, end=None, key=None):
    """Return the number of elements in SEQUENCE satisfying PREDICATE."""
    return (yield from _count(if_test(predicate, key), sequence, from_end, start, end))


@defun("COUNT-IF-NOT", "predicate sequence &key from-end start end key", kind="gen")
def count_if_not(predicate, sequence, from_end=NIL, start=None, end=None, key=None):
    """Return the number of elements in SEQUENCE not satisfying PREDICATE."""
    return (yield from _count(if_test(predicate, key, negate=True), sequence,
                              from_end, start, end))


# ---------------------------------------------------------------- SEARCH, MISMATCH
def _keyed_ranges(sequence1, sequence2, key, start1, end1, start2, end2):
    items1, items2 = seq_items(sequence1), seq_items(sequence2)
    s1, e1 = bounds(sequence1, start1, end1, len(items1))
    s2, e2 = bounds(sequence2, start2, end2, len(items2))
    k = key_fn(key)
    keys1 = yield from apply_key(k, items1[s1:e1])
    keys2 = yield from apply_key(k, items2[s2:e2])
    return keys1, keys2, s1, e1, s2, e2


@defun("SEARCH", "sequence1 sequence2 &key from-end test test-not key start1 end1 start2 end2",
       kind="gen")
def search(sequence1, sequence2, from_end=NIL, test=None, test_not=None, key=None,
           start1=None, end1=None, start2=None, end2=None):
    """Return the index in SEQUENCE2 of the first (with FROM-END, the last)
    subsequence that matches SEQUENCE1 elementwise, or NIL."""
    t = PairTest(test, test_not)
    sub, main, _, _, s2, e2 = yield from _keyed_ranges(sequence1, sequence2, key,
                                                       start1, end1, start2, end2)
    n, m = len(sub), len(main)
    fast = t.fast
    found = None
    for p in range(m - n + 1):
        for j in range(n):
            a, b = sub[j], main[p + j]
            if not (fast(a, b) if fast else (yield from t.slow(a, b))):
                break
        else:
            found = p
            if from_end is NIL:
                break
    return NIL if found is None else s2 + found


@defun("MISMATCH", "sequence1 sequence2 &key from-end test test-not key start1 end1 start2 end2",
       kind="gen")
def mismatch(sequence1, sequence2, from_end=NIL, test=None, test_not=None, key=None,
             start1=None, end1=None, start2=None, end2=None):
    """The specified subsequences of SEQUENCE1 and SEQUENCE2 are compared
    element-wise. If they are of equal length and match in every element,
    the result is NIL. Otherwise, the result is a non-negative integer,
    the index within SEQUENCE1 of the leftmost position at which they fail
    to match; or, if one is shorter than and a matching prefix of the
    other, the index within SEQUENCE1 beyond the last position tested is
    returned. If a non-NIL :FROM-END argument is given, then one plus the
    index of the rightmost position in which the sequences differ is
    returned."""
    t = PairTest(test, test_not)
    k1, k2, s1, e1, _, _ = yield from _keyed_ranges(sequence1, sequence2, key,
                                                    start1, end1, start2, end2)
    n1, n2 = len(k1), len(k2)
    n = min(n1, n2)
    fast = t.fast
    if from_end is NIL:
        for i in range(n):
            a, b = k1[i], k2[i]
            if not (fast(a, b) if fast else (yield from t.slow(a, b))):
                return s1 + i
        return NIL if n1 == n2 else s1 + n
    for i in range(1, n + 1):
        a, b = k1[n1 - i], k2[n2 - i]
        if not (fast(a, b) if fast else (yield from t.slow(a, b))):
            return e1 - i + 1
    return NIL if n1 == n2 else e1 - n


# ---------------------------------------------------------------- EVERY, SOME ...
def _quantify(predicate, sequences, stop_on_true: bool):
    """Generator: call PREDICATE on successive elements of SEQUENCES; return
    the first true value if STOP_ON_TRUE, or NIL at the first false value
    otherwise; T or NIL when the shortest sequence runs out."""
    fn = resolve_function(predicate)
    d = direct(fn, len(sequences))
    columns = [seq_items(s) for s in sequences]
    n = min(len(c) for c in columns)
    for i in range(n):
        args = [c[i] for c in columns]
        r = d(*args) if d is not None else (yield from call_lisp(fn, *args))
        if (r is not NIL) == stop_on_true:
            return r
    return NIL if stop_on_true else T


@defun("EVERY", "predicate first-seq &rest more-seqs", kind="gen")
def every(predicate, first_seq, *more_seqs):
    """Apply PREDICATE to the 0-indexed elements of the sequences, then
    possibly to those with index 1, and so on. Return NIL as soon as any
    invocation of PREDICATE returns NIL, or T if every invocation is
    non-NIL."""
    r = yield from _quantify(predicate, (first_seq,) + more_seqs, False)
    return NIL if r is NIL else T


@defun("SOME", "predicate first-seq &rest more-seqs", kind="gen")
def some(predicate, first_seq, *more_seqs):
    """Apply PREDICATE to the 0-indexed elements of the sequences, then
    possibly to those with index 1, and so on. Return the first non-NIL
    value encountered, or NIL if the end of any sequence is reached."""
    return (yield from _quantify(predicate, (first_seq,) + more_seqs, True))


@defun("NOTANY", "predicate first-seq &rest more-seqs", kind="gen")
def notany(predicate, first_seq, *more_seqs):
    """Apply PREDICATE to the 0-indexed elements of the sequences, then
    possibly to those with index 1, and so on. Return NIL as soon as any
    invocation of PREDICATE returns a non-NIL value, or T if the end of any
    sequence is reached."""
    r = yield from _quantify(predicate, (first_seq,) + more_seqs, True)
    return T if r is NIL else NIL


@defun("NOTEVERY", "predicate first-seq &rest more-seqs", kind="gen")
def notevery(predicate, first_seq, *more_seqs):
    """Apply PREDICATE to 0-indexed elements of the sequences, then
    possibly to those with index 1, and so on. Return T as soon as any
    invocation of PREDICATE returns NIL, or NIL if every invocation is
    non-NIL."""
    r = yield from _quantify(predicate, (first_seq,) + more_seqs, False)
    return T if r is NIL else NIL

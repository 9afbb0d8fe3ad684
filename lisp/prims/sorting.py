"""SORT, STABLE-SORT and MERGE, with SBCL's algorithms.

The algorithms are SBCL's own, not just any correct sort, because programs
observe the difference: with a predicate that is not a strict order (#'<=),
or a vector SORT (SBCL's heapsort is not stable), equal elements end up in
an order that depends on the algorithm; and a destructive list sort leaves
the conses of the argument relinked in a particular way that a program
printing its old variable sees. So:

- lists (SORT and STABLE-SORT): SBCL's top-down merge sort, which swaps cars
  in runs of two or three and relinks cdrs when merging;
- vectors, SORT: SBCL's heapsort (CLRS chapter 7, 1-based heap);
- vectors, STABLE-SORT: SBCL's bottom-up merge through a temporary vector;
- MERGE: elements of the second sequence go first only when strictly less.

Each is written once as a generator: a comparison is a plain Python call
when the predicate and key are simple primitives and a yield to the machine
otherwise, so the machine can interrupt a sort between any two calls.
"""
from __future__ import annotations

from ..errors import type_error
from ..functions import call_lisp, defun
from ..objects import NIL, Cons, LString, Vector
from .seqbase import (Fn, S_SEQUENCE, key_fn, list_items,
                      seq_items, store_items)
from .seqtypes import build_sequence, parse_sequence_type

__all__ = []


class _Order:
    """The predicate and key of one sort: ``less(a, b)`` on keys and
    ``key(x)``, each a generator that only yields for Lisp functions."""
    __slots__ = ("pred", "key")

    def __init__(self, predicate, key):
        self.pred = Fn(predicate, 2)
        self.key = key_fn(key)

    def less(self, a, b):
        d = self.pred.d
        r = d(a, b) if d is not None else (yield from call_lisp(self.pred.fn, a, b))
        return r is not NIL

    def keyof(self, x):
        k = self.key
        if k is None:
            return x
        if k.d is not None:
            return k.d(x)
        return (yield from call_lisp(k.fn, x))


# ---------------------------------------------------------------- lists
def _merge_lists(o: _Order, list1: Cons, list2: Cons):
    """Destructively merge two non-empty sorted lists; on ties LIST1's
    elements come first."""
    head = Cons(NIL, NIL)
    tail = head
    k1 = yield from o.keyof(list1.car)
    k2 = yield from o.keyof(list2.car)
    while True:
        if (yield from o.less(k2, k1)):
            tail.cdr = list2
            tail = list2
            rest = list2.cdr
            if type(rest) is Cons:
                list2 = rest
                k2 = yield from o.keyof(rest.car)
            else:
                list2.cdr = list1
                return head.cdr
        else:
            tail.cdr = list1
            tail = list1
            rest = list1.cdr
            if type(rest) is Cons:
                list1 = rest
                k1 = yield from o.keyof(rest.car)
            else:
                list1.cdr = list2
                return head.cdr


_FAST_MERGE_LIMIT = 8


def _sort_run(o: _Order, lst: Cons, size: int):
    """Sort the first SIZE conses of LST; return (head, last cons, rest)."""
    if size > 3:
        half = size >> 1
        list1, tail1, rest = yield from _sort_run(o, lst, half)
        list2, tail2, rest = yield from _sort_run(o, rest, size - half)
        if size >= _FAST_MERGE_LIMIT:
            # Already in order, or in exactly reverse order: link in O(1).
            a = yield from o.keyof(list2.car)
            b = yield from o.keyof(tail1.car)
            if not (yield from o.less(a, b)):
                tail1.cdr = list2
                return list1, tail2, rest
            a = yield from o.keyof(tail2.car)
            b = yield from o.keyof(list1.car)
            if (yield from o.less(a, b)):
                tail2.cdr = list1
                return list2, tail1, rest
        merged = yield from _merge_lists(o, list1, list2)
        return merged, (tail1 if tail1.cdr is NIL else tail2), rest
    if size == 3:
        second = lst.cdr
        third = second.cdr
        x, y, z = lst.car, second.car, third.car
        ky = yield from o.keyof(y)
        kx = yield from o.keyof(x)
        if (yield from o.less(ky, kx)):
            x, y = y, x
        kz = yield from o.keyof(z)
        ky = yield from o.keyof(y)
        if (yield from o.less(kz, ky)):
            kx = yield from o.keyof(x)
            if (yield from o.less(kz, kx)):
                x, z, y = z, y, x
            else:
                z, y = y, z
        lst.car, second.car, third.car = x, y, z
        rest = third.cdr
        third.cdr = NIL
        return lst, third, rest
    if size == 2:
        second = lst.cdr
        a = yield from o.keyof(second.car)
        b = yield from o.keyof(lst.car)
        if (yield from o.less(a, b)):
            lst.car, second.car = second.car, lst.car
        rest = second.cdr
        second.cdr = NIL
        return lst, second, rest
    rest = lst.cdr
    lst.cdr = NIL
    return lst, lst, rest


def _sort_list(o: _Order, lst):
    n = len(list_items(lst))
    if n == 0:
        return NIL
    head, _, _ = yield from _sort_run(o, lst, n)
    return head


# ---------------------------------------------------------------- vectors
def _heapsort(o: _Order, v: list):
    """SBCL's in-place heapsort of the Python list V (1-based heap)."""
    size = len(v)

    def heapify(i, size):
        while True:
            left = 2 * i
            if left > size:
                return
            i_elt = v[i - 1]
            i_key = yield from o.keyof(i_elt)
            left_elt = v[left - 1]
            left_key = yield from o.keyof(left_elt)
            if (yield from o.less(i_key, left_key)):
                large, large_key = left, left_key
            else:
                large, large_key = i, i_key
            right = left + 1
            largest = large
            if right <= size:
                right_key = yield from o.keyof(v[right - 1])
                if (yield from o.less(large_key, right_key)):
                    largest = right
            if largest == i:
                return
            v[i - 1] = v[largest - 1]
            v[largest - 1] = i_elt
            i = largest

    for i in range(size >> 1, 0, -1):
        yield from heapify(i, size)
    while size >= 2:
        v[0], v[size - 1] = v[size - 1], v[0]
        size -= 1
        yield from heapify(1, size)


def _merge_sort_vector(o: _Order, v: list):
    """SBCL's stable bottom-up merge sort of V, through a temporary list."""
    n = len(v)
    temp = [NIL] * n
    width = 1
    to_temp = True
    while True:
        src, dst = (v, temp) if to_temp else (temp, v)
        start1 = 0
        unsorted = 0
        while True:
            start1 = unsorted
            end1 = start1 + width
            if end1 < n:
                end2 = min(end1 + width, n)
                unsorted = end2
                i, j, t = start1, end1, start1
                while True:
                    if i == end1:
                        dst[t:t + end2 - j] = src[j:end2]
                        break
                    if j == end2:
                        dst[t:t + end1 - i] = src[i:end1]
                        break
                    kj = yield from o.keyof(src[j])
                    ki = yield from o.keyof(src[i])
                    if (yield from o.less(kj, ki)):
                        dst[t] = src[j]
                        j += 1
                    else:
                        dst[t] = src[i]
                        i += 1
                    t += 1
                if unsorted == n:
                    break
            else:
                dst[start1:n] = src[start1:n]
                break
        if start1 == 0:
            if to_temp:
                v[:] = temp
            return
        width *= 2
        to_temp = not to_temp


def _sort(sequence, predicate, key, stable: bool):
    o = _Order(predicate, key)
    if type(sequence) is Cons or sequence is NIL:
        return (yield from _sort_list(o, sequence))
    if not isinstance(sequence, (LString, Vector)):
        raise type_error(sequence, S_SEQUENCE)
    items = list(seq_items(sequence))
    if stable:
        yield from _merge_sort_vector(o, items)
    else:
        yield from _heapsort(o, items)
    store_items(sequence, 0, items)
    return sequence


@defun("SORT", "sequence predicate &key key", kind="gen")
def sort(sequence, predicate, key=None):
    """Destructively sort SEQUENCE. PREDICATE should return non-NIL if ARG1
    is to precede ARG2."""
    return (yield from _sort(sequence, predicate, key, False))


@defun("STABLE-SORT", "sequence predicate &key key", kind="gen")
def stable_sort(sequence, predicate, key=None):
    """Destructively sort SEQUENCE. PREDICATE should return non-NIL if ARG1
    is to precede ARG2."""
    return (yield from _sort(sequence, predicate, key, True))


@defun("MERGE", "result-type sequence1 sequence2 predicate &key key", kind="gen")
def merge(result_type, sequence1, sequence2, predicate, key=None):
    """Merge the sequences SEQUENCE1 and SEQUENCE2 destructively into a
    sequence of type RESULT-TYPE using PREDICATE to order the elements."""
    stype = parse_sequence_type(result_type)
    o = _Order(predicate, key)
    if stype.kind == "list":
        l1 = sequence1 if type(sequence1) is Cons or sequence1 is NIL \
            else build_sequence(stype, list(seq_items(sequence1)))
        l2 = sequence2 if type(sequence2) is Cons or sequence2 is NIL \
            else build_sequence(stype, list(seq_items(sequence2)))
        list_items(l1)
        list_items(l2)
        if l1 is NIL:
            result = l2
        elif l2 is NIL:
            result = l1
        else:
            result = yield from _merge_lists(o, l1, l2)
        stype.check_length(len(list_items(result)))
        return result
    a, b = seq_items(sequence1), seq_items(sequence2)
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        kb = yield from o.keyof(b[j])
        ka = yield from o.keyof(a[i])
        if (yield from o.less(kb, ka)):
            out.append(b[j])
            j += 1
        else:
            out.append(a[i])
            i += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return build_sequence(stype, out)

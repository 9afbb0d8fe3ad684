"""Lists as sets, association lists and trees: MEMBER, ASSOC, RASSOC and
their -IF variants, ADJOIN, UNION and the other set operations, SUBST,
SUBLIS, their destructive versions, and TREE-EQUAL.

All are ``gen`` primitives (they may call a :test, :test-not or :key that is
Lisp code). The order of results and the order and arguments of the calls
to the test are SBCL's, so a program that prints a union, or a test with
side effects, behaves as under SBCL: UNION pushes the missing elements of
the longer list onto the shorter, INTERSECTION and SET-DIFFERENCE collect
in reverse, and the tree walks visit a node, then its car, then its cdr.
With one of the standard tests and no Lisp :key, the set operations use a
hash table instead of the quadratic search; the result is the same.
"""
from __future__ import annotations

from ..errors import type_error, simple_error
from ..functions import defun
from ..objects import NIL, T, Cons
from .seqbase import (S_LIST, S_CONS, ElementTest, PairTest, item_test, if_test,
                      key_fn, list_from, list_items, apply_key)

__all__ = []


# ---------------------------------------------------------------- MEMBER
def _member(test: ElementTest, lst):
    fast = test.fast
    x = lst
    while type(x) is Cons:
        if (fast(x.car) if fast else (yield from test.slow(x.car))):
            return x
        x = x.cdr
    if x is not NIL:
        raise type_error(x, S_LIST)
    return NIL


@defun("MEMBER", "item list &key key test test-not", kind="gen")
def member(item, list_, key=None, test=None, test_not=None):
    """Return the tail of LIST beginning with first element satisfying EQLity,
    :TEST, or :TEST-NOT with the given ITEM."""
    return (yield from _member(item_test(item, test, test_not, key), list_))


@defun("MEMBER-IF", "test list &key key", kind="gen")
def member_if(test, list_, key=None):
    """Return tail of LIST beginning with first element satisfying TEST."""
    return (yield from _member(if_test(test, key), list_))


@defun("MEMBER-IF-NOT", "test list &key key", kind="gen")
def member_if_not(test, list_, key=None):
    """Return tail of LIST beginning with first element not satisfying TEST."""
    return (yield from _member(if_test(test, key, negate=True), list_))


# ---------------------------------------------------------------- ASSOC, RASSOC
def _assoc(test: ElementTest, alist, use_cdr: bool):
    fast = test.fast
    x = alist
    while type(x) is Cons:
        pair = x.car
        if type(pair) is Cons:
            k = pair.cdr if use_cdr else pair.car
            if (fast(k) if fast else (yield from test.slow(k))):
                return pair
        elif pair is not NIL:
            raise type_error(pair, S_LIST)
        x = x.cdr
    if x is not NIL:
        raise type_error(x, S_LIST)
    return NIL


@defun("ASSOC", "item alist &key key test test-not", kind="gen")
def assoc(item, alist, key=None, test=None, test_not=None):
    """Return the cons in ALIST whose car is equal (by a given test or EQL) to
    the ITEM."""
    return (yield from _assoc(item_test(item, test, test_not, key), alist, False))


@defun("ASSOC-IF", "predicate alist &key key", kind="gen")
def assoc_if(predicate, alist, key=None):
    """Return the first cons in ALIST whose CAR satisfies PREDICATE. If KEY
    is supplied, apply it to the CAR of each cons before testing."""
    return (yield from _assoc(if_test(predicate, key), alist, False))


@defun("ASSOC-IF-NOT", "predicate alist &key key", kind="gen")
def assoc_if_not(predicate, alist, key=None):
    """Return the first cons in ALIST whose CAR does not satisfy PREDICATE.
    If KEY is supplied, apply it to the CAR of each cons before testing."""
    return (yield from _assoc(if_test(predicate, key, negate=True), alist, False))


@defun("RASSOC", "item alist &key key test test-not", kind="gen")
def rassoc(item, alist, key=None, test=None, test_not=None):
    """Return the cons in ALIST whose CDR is equal (by a given test or EQL) to
    the ITEM."""
    return (yield from _assoc(item_test(item, test, test_not, key), alist, True))


@defun("RASSOC-IF", "predicate alist &key key", kind="gen")
def rassoc_if(predicate, alist, key=None):
    """Return the first cons in ALIST whose CDR satisfies PREDICATE. If KEY
    is supplied, apply it to the CDR of each cons before testing."""
    return (yield from _assoc(if_test(predicate, key), alist, True))


@defun("RASSOC-IF-NOT", "predicate alist &key key", kind="gen")
def rassoc_if_not(predicate, alist, key=None):
    """Return the first cons in ALIST whose CDR does not satisfy PREDICATE.
    If KEY is supplied, apply it to the CDR of each cons before testing."""
    return (yield from _assoc(if_test(predicate, key, negate=True), alist, True))


@defun("ACONS", "key datum alist")
def acons(key, datum, alist):
    """Construct a new alist by adding the pair (KEY . DATUM) to ALIST."""
    return Cons(Cons(key, datum), alist)


@defun("PAIRLIS", "keys data &optional alist")
def pairlis(keys, data, alist=NIL):
    """Construct an association list from KEYS and DATA (adding to ALIST)."""
    ks, ds = list_items(keys), list_items(data)
    if len(ks) != len(ds):
        raise simple_error("The lists of keys and data are of unequal length.")
    r = alist
    for k, d in zip(ks, ds):
        r = Cons(Cons(k, d), r)
    return r


# ---------------------------------------------------------------- sets
class _Membership:
    """Is (key x) in a fixed list of elements under a PairTest, called as
    (test (key x) (key element))? Uses a dict when the test is hashable and
    keys need no Lisp call."""
    __slots__ = ("test", "keys", "table", "first")

    def __init__(self, test: PairTest, keys: list, first: bool):
        self.test = test
        self.keys = keys
        self.first = first        # the probe is the test's first argument
        self.table = None
        if test.hashkey is not None:
            hk = test.hashkey
            self.table = {hk(k) for k in keys}

    def contains(self, k):
        """Generator: True when K matches one of the keys."""
        if self.table is not None:
            return self.test.hashkey(k) in self.table
        t = self.test
        fast = t.fast
        first = self.first
        for e in self.keys:
            a, b = (k, e) if first else (e, k)
            if (fast(a, b) if fast else (yield from t.slow(a, b))):
                return True
        return False


def _set_args(list1, list2, key, test, test_not):
    items1, items2 = list_items(list1), list_items(list2)
    k = key_fn(key)
    return items1, items2, k, PairTest(test, test_not)


@defun("UNION", "list1 list2 &key key test test-not", kind="gen")
def union(list1, list2, key=None, test=None, test_not=None):
    """Return the union of LIST1 and LIST2."""
    items1, items2, k, t = _set_args(list1, list2, key, test, test_not)
    if len(items1) < len(items2):
        short, short_list, long_ = items1, list1, items2
    else:
        short, short_list, long_ = items2, list2, items1
    short_keys = yield from apply_key(k, short)
    long_keys = yield from apply_key(k, long_)
    members = _Membership(t, short_keys, first=True)
    result = short_list
    for x, kx in zip(long_, long_keys):
        if not (yield from members.contains(kx)):
            result = Cons(x, result)
    return result


@defun("NUNION", "list1 list2 &key key test test-not", kind="gen")
def nunion(list1, list2, key=None, test=None, test_not=None):
    """Destructively return the union of LIST1 and LIST2."""
    if list1 is NIL:
        list_items(list2)
        return list2
    if list2 is NIL:
        list_items(list1)
        return list1
    return (yield from union(list1, list2, key, test, test_not))


def _filter(list1, list2, key, test, test_not, keep_members: bool):
    """The elements of LIST1 whose key is (or is not) in LIST2, in the
    reverse order SBCL collects them."""
    items1, items2, k, t = _set_args(list1, list2, key, test, test_not)
    keys1 = yield from apply_key(k, items1)
    keys2 = yield from apply_key(k, items2)
    members = _Membership(t, keys2, first=True)
    out = NIL
    for x, kx in zip(items1, keys1):
        if (yield from members.contains(kx)) == keep_members:
            out = Cons(x, out)
    return out


@defun("INTERSECTION", "list1 list2 &key key test test-not", kind="gen")
def intersection(list1, list2, key=None, test=None, test_not=None):
    """Return the intersection of LIST1 and LIST2."""
    if list1 is NIL or list2 is NIL:
        list_items(list1)
        list_items(list2)
        return NIL
    return (yield from _filter(list1, list2, key, test, test_not, True))


@defun("NINTERSECTION", "list1 list2 &key key test test-not", kind="gen")
def nintersection(list1, list2, key=None, test=None, test_not=None):
    """Destructively return the intersection of LIST1 and LIST2."""
    return (yield from intersection(list1, list2, key, test, test_not))


@defun("SET-DIFFERENCE", "list1 list2 &key key test test-not", kind="gen")
def set_difference(list1, list2, key=None, test=None, test_not=None):
    """Return the elements of LIST1 which are not in LIST2."""
    if list2 is NIL:
        list_items(list1)
        return list1
    return (yield from _filter(list1, list2, key, test, test_not, False))


@defun("NSET-DIFFERENCE", "list1 list2 &key key test test-not", kind="gen")
def nset_difference(list1, list2, key=None, test=None, test_not=None):
    """Destructively return the elements of LIST1 which are not in LIST2."""
    return (yield from set_difference(list1, list2, key, test, test_not))


def _exclusive(list1, list2, key, test, test_not):
    """(elements of LIST1 not in LIST2, elements of LIST2 not in LIST1),
    each in order; the test always gets the LIST1 key first."""
    items1, items2, k, t = _set_args(list1, list2, key, test, test_not)
    keys1 = yield from apply_key(k, items1)
    keys2 = yield from apply_key(k, items2)
    in2 = _Membership(t, keys2, first=True)
    in1 = _Membership(t, keys1, first=False)
    only1 = []
    for x, kx in zip(items1, keys1):
        if not (yield from in2.contains(kx)):
            only1.append(x)
    only2 = []
    for x, kx in zip(items2, keys2):
        if not (yield from in1.contains(kx)):
            only2.append(x)
    return only1, only2


@defun("SET-EXCLUSIVE-OR", "list1 list2 &key key test test-not", kind="gen")
def set_exclusive_or(list1, list2, key=None, test=None, test_not=None):
    """Return new list of elements appearing exactly once in LIST1 and LIST2."""
    only1, only2 = yield from _exclusive(list1, list2, key, test, test_not)
    r = NIL
    for x in only1 + only2:
        r = Cons(x, r)
    return r


@defun("NSET-EXCLUSIVE-OR", "list1 list2 &key key test test-not", kind="gen")
def nset_exclusive_or(list1, list2, key=None, test=None, test_not=None):
    """Destructively return a list with elements which appear but once in
    LIST1 and LIST2."""
    only1, only2 = yield from _exclusive(list1, list2, key, test, test_not)
    return list_from(only1 + only2)


@defun("SUBSETP", "list1 list2 &key key test test-not", kind="gen")
def subsetp(list1, list2, key=None, test=None, test_not=None):
    """Return T if every element in LIST1 is also in LIST2."""
    items1, items2, k, t = _set_args(list1, list2, key, test, test_not)
    keys1 = yield from apply_key(k, items1)
    keys2 = yield from apply_key(k, items2)
    members = _Membership(t, keys2, first=True)
    for kx in keys1:
        if not (yield from members.contains(kx)):
            return NIL
    return T


@defun("ADJOIN", "item list &key key test test-not", kind="gen")
def adjoin(item, list_, key=None, test=None, test_not=None):
    """Add ITEM to LIST unless it is already a member."""
    k = key_fn(key)
    probe = item if k is None else (yield from k.call(item))
    found = yield from _member(item_test(probe, test, test_not, key), list_)
    return list_ if found is not NIL else Cons(item, list_)


# ---------------------------------------------------------------- trees
_MISS = object()


class _Replacement:
    """What SUBST and friends put in place of a subtree: NEW when the test
    accepts it; for SUBLIS the cdr of the first matching alist pair.
    ``fast(x)`` or generator ``slow(x)`` give the replacement or _MISS."""
    __slots__ = ("fast", "_slow")

    def __init__(self, fast, slow):
        self.fast = fast
        self._slow = slow

    def slow(self, x):
        return (yield from self._slow(x))


def _replace_matching(new, test: ElementTest) -> _Replacement:
    fast = None
    if test.fast is not None:
        f = test.fast
        fast = lambda x: new if f(x) else _MISS    # noqa: E731

    def slow(x):
        return new if (yield from test.slow(x)) else _MISS
    return _Replacement(fast, slow)


def _replace_from_alist(alist, key, test, test_not) -> _Replacement:
    pairs = []
    for p in list_items(alist):
        if type(p) is Cons:
            pairs.append(p)
        elif p is not NIL:
            raise type_error(p, S_LIST)
    k = key_fn(key)
    t = PairTest(test, test_not)
    fast = None
    if t.fast is not None and (k is None or k.d is not None):
        tf = t.fast
        kd = k.d if k is not None else None

        def fast(x):
            kx = kd(x) if kd is not None else x
            for p in pairs:
                if tf(kx, p.car):
                    return p.cdr
            return _MISS

    def slow(x):
        kx = x if k is None else (yield from k.call(x))
        for p in pairs:
            if (yield from t.slow(kx, p.car)):
                return p.cdr
        return _MISS
    return _Replacement(fast, slow)


def _subst(tree, rep: _Replacement):
    """Non-destructive substitution: test a node, then its car subtree,
    then its cdr subtree; unchanged subtrees are shared."""
    fast = rep.fast
    results = []
    stack = [(tree, False)]
    while stack:
        node, combine = stack.pop()
        if combine:
            d = results.pop()
            a = results.pop()
            results.append(node if a is node.car and d is node.cdr else Cons(a, d))
            continue
        r = fast(node) if fast else (yield from rep.slow(node))
        if r is not _MISS:
            results.append(r)
        elif type(node) is not Cons:
            results.append(node)
        else:
            stack.append((node, True))
            stack.append((node.cdr, False))
            stack.append((node.car, False))
    return results[0]


def _nsubst(tree, rep: _Replacement):
    """Destructive substitution in SBCL's order: a cons is tested, then each
    cons of its cdr chain is tested before its car is processed; a
    matching car or cdr is replaced in place."""
    fast = rep.fast
    r = fast(tree) if fast else (yield from rep.slow(tree))
    if r is not _MISS:
        return r
    if type(tree) is not Cons:
        return tree
    stack = []                     # (last, sub) of the chains waiting for a car
    last, sub = None, tree
    while True:
        if type(sub) is Cons:
            r = fast(sub) if fast else (yield from rep.slow(sub))
            if r is _MISS:
                car = sub.car
                r = fast(car) if fast else (yield from rep.slow(car))
                if r is not _MISS:
                    sub.car = r
                elif type(car) is Cons:
                    stack.append((last, sub))
                    last, sub = None, car
                    continue
                last, sub = sub, sub.cdr
                continue
        else:
            r = fast(sub) if fast else (yield from rep.slow(sub))
        if r is not _MISS:
            if last is None:
                raise type_error(NIL, S_CONS)
            last.cdr = r
        if not stack:
            return tree
        last, sub = stack.pop()
        last, sub = sub, sub.cdr


@defun("SUBST", "new old tree &key key test test-not", kind="gen")
def subst(new, old, tree, key=None, test=None, test_not=None):
    """Substitutes new for subtrees matching old."""
    return (yield from _subst(tree, _replace_matching(new, item_test(old, test, test_not, key))))


@defun("SUBST-IF", "new test tree &key key", kind="gen")
def subst_if(new, test, tree, key=None):
    """Substitutes new for subtrees for which test is true."""
    return (yield from _subst(tree, _replace_matching(new, if_test(test, key))))


@defun("SUBST-IF-NOT", "new test tree &key key", kind="gen")
def subst_if_not(new, test, tree, key=None):
    """Substitutes new for subtrees for which test is false."""
    return (yield from _subst(tree, _replace_matching(new, if_test(test, key, negate=True))))


@defun("NSUBST", "new old tree &key key test test-not", kind="gen")
def nsubst(new, old, tree, key=None, test=None, test_not=None):
    """Substitute NEW for subtrees matching OLD."""
    return (yield from _nsubst(tree, _replace_matching(new, item_test(old, test, test_not, key))))


@defun("NSUBST-IF", "new test tree &key key", kind="gen")
def nsubst_if(new, test, tree, key=None):
    """Substitute NEW for subtrees of TREE for which TEST is true."""
    return (yield from _nsubst(tree, _replace_matching(new, if_test(test, key))))


@defun("NSUBST-IF-NOT", "new test tree &key key", kind="gen")
def nsubst_if_not(new, test, tree, key=None):
    """Substitute NEW for subtrees of TREE for which TEST is false."""
    return (yield from _nsubst(tree, _replace_matching(new, if_test(test, key, negate=True))))


@defun("SUBLIS", "alist tree &key key test test-not", kind="gen")
def sublis(alist, tree, key=None, test=None, test_not=None):
    """Substitute from ALIST into TREE nondestructively."""
    return (yield from _subst(tree, _replace_from_alist(alist, key, test, test_not)))


@defun("NSUBLIS", "alist tree &key key test test-not", kind="gen")
def nsublis(alist, tree, key=None, test=None, test_not=None):
    """Substitute from ALIST into TREE destructively."""
    return (yield from _nsubst(tree, _replace_from_alist(alist, key, test, test_not)))


@defun("TREE-EQUAL", "x y &key test test-not", kind="gen")
def tree_equal(x, y, test=None, test_not=None):
    """Return T if X and Y are isomorphic trees with identical leaves."""
    t = PairTest(test, test_not)
    fast = t.fast
    stack = [(x, y)]
    while stack:
        a, b = stack.pop()
        if type(a) is Cons:
            if type(b) is not Cons:
                return NIL
            stack.append((a.cdr, b.cdr))
            stack.append((a.car, b.car))
        elif type(b) is Cons:
            return NIL
        elif not (fast(a, b) if fast else (yield from t.slow(a, b))):
            return NIL
    return T


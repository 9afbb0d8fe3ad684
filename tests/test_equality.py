"""EQ, EQL, EQUAL, EQUALP, the hash-key functions and SXHASH: lisp/equality.py.

Each ``FORM => RESULT`` line was recorded from SBCL 2.2.9 (``sbcl --script``,
*print-pretty* off); ``!TYPE-ERROR``, ``!PROGRAM-ERROR`` and ``!ERROR`` stand
for the class of error signalled. The forms run on tests/prim_harness.py,
which drives gen primitives the way the machine does.
"""
import subprocess
import sys
from fractions import Fraction

from hypothesis import given, strategies as st

from lisp import equality
from lisp.objects import (NIL, Cons, LString, LispComplex, SingleFloat, Vector,
                          lisp_list, make_char)
from prim_harness import check_cases

EQUALITY = r"""
(eq 'a 'a) => T
(eq 1 1) => T
(eq 100000000000 100000000000) => T
(eq #\a #\a) => T
(eq "a" "a") => NIL
(eq '(1) '(1)) => NIL
(eql 1 1) => T
(eql 1 1.0) => NIL
(eql 1.0 1.0) => T
(eql 1.0 1.0d0) => NIL
(eql 0.0 -0.0) => NIL
(eql -0.0 -0.0) => T
(eql 1/2 1/2) => T
(eql 1/2 0.5) => NIL
(eql 100000000000000000000000 100000000000000000000000) => T
(eql #\a #\a) => T
(eql "a" "a") => NIL
(equal "abc" "abc") => T
(equal "abc" "ABC") => NIL
(equal '(1 (2 "x") . 3) '(1 (2 "x") . 3)) => T
(equal '(1 2) '(1 2 3)) => NIL
(equal #(1 2) #(1 2)) => NIL
(equal #*101 #*101) => T
(equal #*101 #*100) => NIL
(equal 1 1.0) => NIL
(equal 0.0 -0.0) => NIL
(equal #\a #\A) => NIL
(equal '(#\a) '(#\a)) => T
(equal (make-array 3 :element-type 'character :initial-element #\a :fill-pointer 2) "aa") => T
(equalp "abc" "ABC") => T
(equalp #\a #\A) => T
(equalp 1 1.0) => T
(equalp 1/2 0.5) => T
(equalp 1 1.5) => NIL
(equalp '(1 "A") '(1.0 "a")) => T
(equalp #(1 2 #\a) #(1.0 2 #\A)) => T
(equalp #(1 2) '(1 2)) => NIL
(equalp (make-array '(2 2) :initial-element 1) (make-array '(2 2) :initial-element 1.0)) => T
(equalp (make-array '(2 2) :initial-element 1) (make-array 4 :initial-element 1)) => NIL
(equalp (make-array 3 :fill-pointer 2 :initial-element 1) #(1 1)) => T
(equalp "ab" #(#\a #\b)) => T
(equalp #*10 #(1 0)) => T
(equalp "a" #\a) => NIL
(equalp 'a 'a) => T
(equalp 'a "A") => NIL
(let ((a (make-hash-table)) (b (make-hash-table))) (setf (gethash 1 a) "x") (setf (gethash 1 b) "X") (equalp a b)) => T
(let ((a (make-hash-table)) (b (make-hash-table :test 'equal))) (equalp a b)) => NIL
(let ((a (make-hash-table)) (b (make-hash-table))) (setf (gethash 1 a) 1) (setf (gethash 2 b) 1) (equalp a b)) => NIL
(= (sxhash "abc") (sxhash (copy-seq "abc"))) => T
(= (sxhash '(1 (2 "a"))) (sxhash (list 1 (list 2 "a")))) => T
(= (sxhash 1.0) (sxhash 1.0)) => T
"""


def test_equality():
    assert check_cases(EQUALITY) == []


def test_structural_equality_of_huge_lists():
    n = 1_000_000
    a = lisp_list(*range(n))
    b = lisp_list(*range(n))
    assert equality.equal(a, b) and equality.equalp(a, b)
    assert equality.keyfn_equal(a) == equality.keyfn_equal(b)
    deep_a = deep_b = NIL
    for i in range(100_000):
        deep_a, deep_b = Cons(deep_a, i), Cons(deep_b, i)
    assert equality.equal(deep_a, deep_b)
    assert equality.keyfn_equalp(deep_a) == equality.keyfn_equalp(deep_b)


numbers = st.one_of(
    st.integers(-5, 5),
    st.integers(),
    st.sampled_from([0.0, -0.0, 1.0, 0.5, float("nan")]),
    st.sampled_from([0.0, -0.0, 1.0, 0.5]).map(SingleFloat.of),
    st.fractions().filter(lambda f: f.denominator != 1),
    st.sampled_from([LispComplex(1, 2), LispComplex(1.0, 2.0), LispComplex(1.0, 0.0)]),
)
atoms = st.one_of(numbers, st.sampled_from("aAbB").map(make_char),
                  st.sampled_from(["a", "A", "ab", ""]).map(LString),
                  st.sampled_from([NIL]))
trees = st.recursive(atoms, lambda sub: st.one_of(
    st.tuples(sub, sub).map(lambda p: Cons(*p)),
    st.lists(sub, max_size=3).map(Vector)), max_leaves=8)


def _agree(pred, keyfn, a, b):
    """PRED holds exactly when B's key finds A's entry in a dict (which is
    how HashTable uses keys: identity first, then ==)."""
    return pred(a, b) == (keyfn(b) in {keyfn(a): True})


@given(numbers, numbers)
def test_eql_keys_match_eql(a, b):
    assert _agree(equality.eql, equality.keyfn_eql, a, b)
    assert _agree(equality.eq, equality.keyfn_eq, a, b) or type(a) in (float, Fraction, LispComplex)


@given(trees, trees)
def test_equal_keys_match_equal(a, b):
    if a is b or not (equality.equal(a, a) and equality.equal(b, b)):
        return             # NaN is not EQUAL to a different NaN object
    assert _agree(equality.equal, equality.keyfn_equal, a, b)


@given(trees, trees)
def test_equalp_keys_match_equalp(a, b):
    if not (equality.equalp(a, a) and equality.equalp(b, b)):
        return             # NaN is not = to itself
    assert _agree(equality.equalp, equality.keyfn_equalp, a, b)


def test_sxhash_is_the_same_in_every_process():
    code = ("import sys; sys.path.insert(0, '.'); from lisp import equality; "
            "from lisp.objects import LString, lisp_list, cl_sym; "
            "print(equality.sxhash(lisp_list(LString('abc'), 1, cl_sym('CAR'))))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(outs) == 1 and outs.pop().strip().isdigit()

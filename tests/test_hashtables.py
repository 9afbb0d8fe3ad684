"""Hash tables: lisp/prims/hashtables.py.

Each ``FORM => RESULT`` line was recorded from SBCL 2.2.9 (``sbcl --script``,
*print-pretty* off); ``!TYPE-ERROR``, ``!PROGRAM-ERROR`` and ``!ERROR`` stand
for the class of error signalled. The forms run on tests/prim_harness.py,
which drives gen primitives the way the machine does.
"""
from lisp.objects import LString, cl_sym
from lisp.prims import hashtables
from prim_harness import check_cases, drive, run

HASH_TABLES = r"""
(let ((h (make-hash-table)) (r nil)) (dolist (k '(a b c d e)) (setf (gethash k h) t)) (maphash (lambda (k v) (push k r)) h) (reverse r)) => (A B C D E)
(let ((h (make-hash-table)) (r nil)) (dolist (k '(a b c d e)) (setf (gethash k h) t)) (remhash 'b h) (setf (gethash 'f h) t) (maphash (lambda (k v) (push k r)) h) (reverse r)) => (A F C D E)
(let ((h (make-hash-table)) (r nil)) (dolist (k '(a b c d e)) (setf (gethash k h) t)) (remhash 'b h) (remhash 'd h) (setf (gethash 'f h) t) (setf (gethash 'g h) t) (setf (gethash 'h h) t) (maphash (lambda (k v) (push k r)) h) (reverse r)) => (A G C F E H)
(let ((h (make-hash-table)) (r nil)) (dolist (k '(a b c d e)) (setf (gethash k h) t)) (remhash 'b h) (setf (gethash 'b h) t) (maphash (lambda (k v) (push k r)) h) (reverse r)) => (A B C D E)
(let ((h (make-hash-table)) (r nil)) (dolist (k '(a b c)) (setf (gethash k h) t)) (clrhash h) (dolist (k '(x y)) (setf (gethash k h) t)) (maphash (lambda (k v) (push k r)) h) (reverse r)) => (X Y)
(let ((h (make-hash-table)) (r nil)) (dotimes (i 20) (setf (gethash i h) t)) (maphash (lambda (k v) (push k r)) h) (reverse r)) => (0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19)
(hash-table-size (make-hash-table :size 100)) => 100
(hash-table-size (make-hash-table :size 3)) => 7
(hash-table-rehash-size (make-hash-table :rehash-size 2.0)) => 2.0
(hash-table-rehash-threshold (make-hash-table :rehash-threshold 0.5)) => 0.5
(hash-table-test (make-hash-table :test #'equalp)) => EQUALP
(hash-table-test (make-hash-table :test 'eq)) => EQ
(make-hash-table :test #'car) => !ERROR
(let ((h (make-hash-table))) (gethash 'x h 5)) => 5 ; NIL
(let ((h (make-hash-table))) (setf (gethash 'x h 5) 6) (gethash 'x h)) => 6 ; T
(let ((h (make-hash-table))) (setf (gethash 'x h) nil) (gethash 'x h)) => NIL ; T
(let ((h (make-hash-table))) (list (remhash 'x h) (progn (setf (gethash 'x h) 1) (remhash 'x h)))) => (NIL T)
(let ((h (make-hash-table :test 'equalp))) (setf (gethash "ABC" h) 1) (list (gethash "abc" h) (gethash #(#\a #\B #\c) h) (gethash 1.0 h))) => (1 1 NIL)
(let ((h (make-hash-table :test 'equalp))) (setf (gethash 1 h) 'one) (list (gethash 1.0 h) (gethash 1.0d0 h) (gethash 3/3 h))) => (ONE ONE ONE)
(let ((h (make-hash-table :test 'eql))) (setf (gethash 1 h) 'one) (list (gethash 1.0 h) (gethash 1 h))) => (NIL ONE)
(let ((h (make-hash-table :test 'equal))) (setf (gethash '(1 "a" #\b) h) 'x) (list (gethash (list 1 "a" #\b) h) (gethash (list 1 "A" #\b) h))) => (X NIL)
(hash-table-count (make-hash-table)) => 0
(hash-table-p (make-hash-table)) => T
(hash-table-p 5) => NIL
(gethash 1 5) => !TYPE-ERROR
(let ((h (make-hash-table))) (maphash #'list h)) => NIL
(make-hash-table :weakness :foo) => !TYPE-ERROR
(make-hash-table :size -1) => !TYPE-ERROR
(let ((h (make-hash-table)) (r nil)) (dotimes (i 7) (setf (gethash i h) t)) (remhash 2 h) (remhash 4 h) (dolist (k '(a b c d e)) (setf (gethash k h) t)) (maphash (lambda (k v) (push k r)) h) (reverse r)) => (0 1 B 3 A 5 6 C D E)
(let ((h (make-hash-table)) (r nil)) (dotimes (i 6) (setf (gethash i h) t)) (remhash 2 h) (remhash 4 h) (dotimes (i 10) (setf (gethash (+ 100 i) h) t)) (maphash (lambda (k v) (push k r)) h) (reverse r)) => (0 1 101 3 100 5 102 103 104 105 106 107 108 109)
(let ((h (make-hash-table)) (r nil)) (dotimes (i 3) (setf (gethash i h) t)) (remhash 0 h) (remhash 1 h) (remhash 2 h) (dolist (k '(a b c d)) (setf (gethash k h) t)) (maphash (lambda (k v) (push k r)) h) (reverse r)) => (C B A D)
(let ((h (make-hash-table)) (r nil)) (dotimes (i 5) (setf (gethash i h) t)) (maphash (lambda (k v) (push k r) (when (= k 1) (remhash 3 h))) h) (reverse r)) => (0 1 2 4)
(let ((h (make-hash-table)) (r nil)) (dotimes (i 5) (setf (gethash i h) t)) (maphash (lambda (k v) (push k r) (remhash k h)) h) (list (reverse r) (hash-table-count h))) => ((0 1 2 3 4) 0)
(let ((h (make-hash-table)) (r nil)) (dotimes (i 3) (setf (gethash i h) t)) (maphash (lambda (k v) (push (list k v) r) (setf (gethash k h) 'new)) h) (reverse r)) => ((0 T) (1 T) (2 T))
(let ((h (make-hash-table :test 'equal))) (setf (gethash "a" h) 1) (setf (gethash '(1 2) h) 2) (setf (gethash #*10 h) 3) (list (gethash "a" h) (gethash "A" h) (gethash (list 1 2) h) (gethash #*10 h) (gethash #(1 0) h))) => (1 NIL 2 3 NIL)
(let ((h (make-hash-table :test 'eq))) (setf (gethash 'a h) 1) (setf (gethash 5 h) 2) (list (gethash 'a h) (gethash 5 h) (gethash "x" h))) => (1 2 NIL)
(let ((h (make-hash-table :test #'eql))) (setf (gethash 0.0 h) 'pos) (list (gethash -0.0 h) (gethash 0.0 h) (gethash 0 h))) => (NIL POS NIL)
(let ((h (make-hash-table :test 'equalp))) (setf (gethash 0.0 h) 'zero) (list (gethash -0.0 h) (gethash 0 h) (gethash 0/1 h))) => (ZERO ZERO ZERO)
(let ((h (make-hash-table :test 'equalp))) (setf (gethash '(1 "ab" #\c) h) 'x) (list (gethash '(1.0 "AB" #\C) h) (gethash '(1 "ab") h))) => (X NIL)
(let ((h (make-hash-table :test 'equalp))) (setf (gethash (make-array '(2 2) :initial-element 1) h) 'arr) (list (gethash (make-array '(2 2) :initial-element 1.0) h) (gethash (make-array 4 :initial-element 1) h))) => (ARR NIL)
(let ((h (make-hash-table :test 'equal))) (setf (gethash 1/2 h) 'half) (list (gethash 0.5 h) (gethash 2/4 h))) => (NIL HALF)
(let ((h (make-hash-table))) (setf (gethash 1 h) 'a) (setf (gethash 1 h) 'b) (list (hash-table-count h) (gethash 1 h))) => (1 B)
(let ((h (make-hash-table)) (r nil)) (setf (gethash 'x h) 1) (setf (gethash 'y h) 2) (maphash (lambda (k v) (push (cons k v) r)) h) r) => ((Y . 2) (X . 1))
(let ((h (make-hash-table))) (setf (gethash 'x h) 1) (remhash 'x h) (list (hash-table-count h) (gethash 'x h))) => (0 NIL)
(maphash #'list 5) => !TYPE-ERROR
(remhash 1 nil) => !TYPE-ERROR
(hash-table-count 'x) => !TYPE-ERROR
(hash-table-test (make-hash-table :test 'equal)) => EQUAL
(hash-table-test (make-hash-table :test #'eq)) => EQ
(make-hash-table :test 'string=) => !ERROR
(make-hash-table :size 'a) => !TYPE-ERROR
(make-hash-table :bad 1) => !PROGRAM-ERROR
"""


def test_hash_tables():
    assert check_cases(HASH_TABLES) == []


def test_iteration_order_reuses_the_last_freed_slot():
    h = hashtables.make_table(cl_sym("EQUAL"))
    for k in "abcde":
        h.put(LString(k), k)
    h.remove(LString("b"))
    h.remove(LString("d"))
    for k in "fgh":
        h.put(LString(k), k)
    assert [e[1] for e in h.entries()] == list("agcfeh")


def test_maphash_skips_entries_removed_during_iteration():
    assert check_cases(r"""
(let ((h (make-hash-table)) (r nil)) (dotimes (i 5) (setf (gethash i h) t)) (maphash (lambda (k v) (push k r) (when (= k 1) (remhash 3 h))) h) r) => (4 2 1 0)
""") == []


def test_equal_keys_on_a_long_list():
    h = run("(make-hash-table :test 'equal)")
    key = run("(make-list 100000 :initial-element \"x\")")
    hashtables.set_gethash(1, key, h)
    assert hashtables.gethash(run("(make-list 100000 :initial-element \"x\")"), h)[0] == 1


def test_size_grows_as_in_sbcl():
    assert check_cases(r"""
(let ((h (make-hash-table)) (r nil)) (dotimes (i 40) (setf (gethash i h) t) (push (hash-table-size h) r)) (remove-duplicates (reverse r))) => (7 10 13 19 28 42)
(let ((h (make-hash-table :size 100)) (r nil)) (dotimes (i 300) (setf (gethash i h) t) (push (hash-table-size h) r)) (remove-duplicates (reverse r))) => (100 150 225 337)
(let ((h (make-hash-table :rehash-size 10)) (r nil)) (dotimes (i 40) (setf (gethash i h) t) (push (hash-table-size h) r)) (remove-duplicates (reverse r))) => (7 17 27 37 47)
(let ((h (make-hash-table :rehash-size 3.0)) (r nil)) (dotimes (i 40) (setf (gethash i h) t) (push (hash-table-size h) r)) (remove-duplicates (reverse r))) => (7 21 63)
(let ((h (make-hash-table))) (dotimes (i 40) (setf (gethash i h) t)) (clrhash h) (hash-table-size h)) => 42
(let ((h (make-hash-table)) (r nil)) (dotimes (i 45) (setf (gethash i h) t) (push (list i (hash-table-size h)) r)) (reverse r)) => ((0 7) (1 7) (2 7) (3 7) (4 7) (5 7) (6 7) (7 10) (8 10) (9 10) (10 13) (11 13) (12 13) (13 19) (14 19) (15 19) (16 19) (17 19) (18 19) (19 28) (20 28) (21 28) (22 28) (23 28) (24 28) (25 28) (26 28) (27 28) (28 42) (29 42) (30 42) (31 42) (32 42) (33 42) (34 42) (35 42) (36 42) (37 42) (38 42) (39 42) (40 42) (41 42) (42 54) (43 54) (44 54))
(let ((h (make-hash-table :size 10)) (r nil)) (dotimes (i 45) (setf (gethash i h) t) (push (hash-table-size h) r)) (remove-duplicates (reverse r))) => (10 13 19 28 42 54)
(let ((h (make-hash-table :size 20)) (r nil)) (dotimes (i 45) (setf (gethash i h) t) (push (hash-table-size h) r)) (remove-duplicates (reverse r))) => (20 27 40 54)
(let ((h (make-hash-table :size 13)) (r nil)) (dotimes (i 45) (setf (gethash i h) t) (push (hash-table-size h) r)) (remove-duplicates (reverse r))) => (13 19 28 42 54)
""") == []

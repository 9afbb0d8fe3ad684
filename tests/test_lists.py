"""The list library: lisp/prims/lists.py, listsets.py, mapping.py, plists.py.

Each ``FORM => RESULT`` line was recorded from SBCL 2.2.9 (``sbcl --script``,
*print-pretty* off); ``!TYPE-ERROR``, ``!PROGRAM-ERROR`` and ``!ERROR`` stand
for the class of error signalled. The forms run on tests/prim_harness.py,
which drives gen primitives the way the machine does.
"""
from lisp.objects import NIL, Cons, lisp_list, list_to_py
from lisp.prims import lists, listsets, mapping
from prim_harness import Closure, check_cases, drive, run

LIST_BASICS = r"""
(car '(1 2)) => 1
(car nil) => NIL
(car 5) => !TYPE-ERROR
(cdr '(1 . 2)) => 2
(cadr '(1 2 3)) => 2
(cddr '(1 2 3)) => (3)
(caddr '(1 2 3)) => 3
(cdddr '(1 2 3 4)) => (4)
(cadddr '(1 2 3 4)) => 4
(caar '((1) 2)) => 1
(cdar '((1 . 5) 2)) => 5
(caadr '(1 (2 3))) => 2
(cadr '(1 . 2)) => !TYPE-ERROR
(cddddr '(1 2 3 4 5)) => (5)
(let ((l (list 1 2 3))) (setf (cadr l) 'x) l) => (1 X 3)
(let ((l (list (list 1 2) 3))) (setf (caar l) 'x) (setf (cdar l) 'y) l) => ((X . Y) 3)
(let ((l (list 1 2 3))) (setf (cddr l) 'z) l) => (1 2 . Z)
(let ((l (list 1))) (setf (cadr l) 'x) l) => !TYPE-ERROR
(let ((l (list 1 2))) (setf (car l) 'a) (setf (cdr l) 'b) l) => (A . B)
(setf (car nil) 1) => !TYPE-ERROR
(first '(1 2 3)) => 1
(second '(1 2 3)) => 2
(third '(1 2 3)) => 3
(tenth '(1 2 3 4 5 6 7 8 9 10 11)) => 10
(fifth '(1 2)) => NIL
(rest '(1 2 3)) => (2 3)
(let ((l (list 1 2 3 4 5 6 7 8 9 10))) (setf (tenth l) 'x) (setf (first l) 'a) (setf (rest (cddr l)) nil) l) => (A 2 3)
(nth 0 '(a b)) => A
(nth 2 '(a b)) => NIL
(nth -1 '(a b)) => !TYPE-ERROR
(nth 1 '(a . b)) => !TYPE-ERROR
(let ((l (list 1 2 3))) (setf (nth 2 l) 'x) l) => (1 2 X)
(let ((l (list 1 2 3))) (setf (nth 5 l) 'x) l) => !TYPE-ERROR
(nthcdr 0 '(1 2)) => (1 2)
(nthcdr 2 '(1 2 3)) => (3)
(nthcdr 5 '(1 2 3)) => NIL
(nthcdr 2 '(1 . 2)) => !TYPE-ERROR
(last '(1 2 3)) => (3)
(last '(1 2 3) 0) => NIL
(last '(1 2 . 3)) => (2 . 3)
(last nil 2) => NIL
(last '(1 2) -1) => !TYPE-ERROR
(last 5) => !TYPE-ERROR
(cons 1 2) => (1 . 2)
(consp '(1)) => T
(consp nil) => NIL
(atom nil) => T
(atom '(1)) => NIL
(listp nil) => T
(listp 5) => NIL
(null nil) => T
(null 0) => NIL
(endp nil) => T
(endp '(1)) => NIL
(endp 'a) => !TYPE-ERROR
(list-length nil) => 0
(list-length '(1 2 3 4 5)) => 5
(list 1 2 3) => (1 2 3)
(list) => NIL
(list* 1 2 3 '(4 5)) => (1 2 3 4 5)
(list* nil) => NIL
(make-list 0) => NIL
(make-list 2) => (NIL NIL)
(make-list 3 :initial-element 'x) => (X X X)
(make-list -1) => !TYPE-ERROR
(make-list 2 :foo 1) => !PROGRAM-ERROR
(copy-list '(1 2 . 3)) => (1 2 . 3)
(copy-list nil) => NIL
(copy-list 5) => !TYPE-ERROR
(copy-tree '((1 2) (3 (4 . 5)) . 6)) => ((1 2) (3 (4 . 5)) . 6)
(copy-alist '((a . 1) (b . 2))) => ((A . 1) (B . 2))
(revappend '(1 2) '(3 4)) => (2 1 3 4)
(revappend nil 5) => 5
(nreconc (list 1 2 3) 'x) => (3 2 1 . X)
(butlast '(1 2 3)) => (1 2)
(butlast '(1 2 3) 0) => (1 2 3)
(butlast '(1 2 3) 5) => NIL
(butlast nil) => NIL
(butlast '(1 2) -1) => !TYPE-ERROR
(nbutlast (list 1 2 3 4)) => (1 2 3)
(nbutlast (list 1 2 3) 2) => (1)
(let ((l (list 1 2 3 4))) (nbutlast l 2) l) => (1 2)
(let ((l (list 1 2 3))) (ldiff l (cddr l))) => (1 2)
(ldiff '(1 2 3) '(2 3)) => (1 2 3)
(ldiff '(1 2 . 3) 3) => (1 2)
(ldiff nil nil) => NIL
(let ((l (list 1 2 3))) (tailp (cdr l) l)) => T
(tailp '(2 3) '(1 2 3)) => NIL
(tailp nil '(1 2 . 3)) => NIL
(let ((c (list 1 2))) (rplaca c 'x)) => (X 2)
(let ((c (list 1 2))) (rplacd c 'x)) => (1 . X)
(rplaca nil 1) => !TYPE-ERROR
(rplacd 5 1) => !TYPE-ERROR
"""


def test_list_basics():
    assert check_cases(LIST_BASICS) == []


SETS_AND_TREES = r"""
(acons 'a 1 '((b . 2))) => ((A . 1) (B . 2))
(pairlis '(a b) '(1 2 3)) => !ERROR
(member 'c '(a b c d)) => (C D)
(member 'z '(a b)) => NIL
(member "b" '("a" "b") :test #'equal) => ("b")
(member 2 '((1) (2) (3)) :key #'car) => ((2) (3))
(member 3 '(1 2 3 4) :test #'< :key #'1+) => (3 4)
(member-if #'evenp '(1 3 4 5)) => (4 5)
(member-if-not #'oddp '(1 3 4 5)) => (4 5)
(member 1 '(1) :test #'eql :test-not #'eql) => !ERROR
(member 1 '(1) :key nil) => (1)
(member 1.0 '(1 1.0)) => (1.0)
(member #\a '(#\b #\a)) => (#\a)
(member 100000000000000000000 '(1 100000000000000000000)) => (100000000000000000000)
(assoc 'b '((a . 1) (b . 2))) => (B . 2)
(assoc "b" '(("a" . 1) ("b" . 2)) :test #'string=) => ("b" . 2)
(assoc 2 '((1 . a) (3 . b)) :test #'<) => (3 . B)
(assoc-if #'evenp '((1 . a) (2 . b))) => (2 . B)
(assoc-if-not #'oddp '((1 . a) (2 . b))) => (2 . B)
(assoc 'a '(nil (a . 1))) => (A . 1)
(assoc 'x nil) => NIL
(rassoc 2 '((a . 1) (b . 2))) => (B . 2)
(rassoc-if #'evenp '((a . 1) (b . 2))) => (B . 2)
(rassoc-if-not #'oddp '((a . 1) (b . 2))) => (B . 2)
(rassoc "x" '((a . "x")) :test #'equal) => (A . "x")
(sublis '((a . x) (b . y)) '(a (b c) . a)) => (X (Y C) . X)
(sublis '(("a" . 1)) '("a" "b") :test #'equal) => (1 "b")
(sublis '((1 . one)) '((1) 2) :key (lambda (x) (if (consp x) (car x) x))) => (ONE 2)
(nsublis '((a . x)) (list 'a (list 'b 'a) 'a)) => (X (B X) X)
(subst 'new 'old '(old (a old) . old)) => (NEW (A NEW) . NEW)
(subst 1 '(a) '((a) b (a)) :test #'equal) => (1 B 1)
(subst-if 'even #'(lambda (x) (and (numberp x) (evenp x))) '(1 2 (3 4) . 6)) => (1 EVEN (3 EVEN) . EVEN)
(subst-if-not 'x #'consp '(1 (2))) => (X (X . X) . X)
(nsubst 'x 'a (list 'a 'b (list 'a))) => (X B (X))
(nsubst-if 'x #'numberp (list 1 'b (cons 2 3))) => (X B (X . X))
(nsubst-if-not 'x #'listp (list 1 'b)) => (X X)
(tree-equal '(1 (2 3)) '(1 (2 3))) => T
(tree-equal '(1 (2 3)) '(1 (2 . 3))) => NIL
(tree-equal '("a" ("b")) '("a" ("b")) :test #'equal) => T
(tree-equal 1 1) => T
(tree-equal '(1) '(2) :test-not #'eql) => NIL
(union '(a b c) '(b c d)) => (A B C D)
(union '((a 1) (b 2)) '((a 3)) :key #'car) => ((B 2) (A 3))
(union '("a" "b") '("A") :test #'string-equal) => ("b" "A")
(intersection '(a b c) '(b c d)) => (C B)
(intersection '((a 1) (b 2)) '((b 3)) :key #'car) => ((B 2))
(set-difference '(a b c d) '(b d)) => (C A)
(set-difference '(1 2 3 4) '(2) :test-not #'eql) => (2)
(set-exclusive-or '(a b c) '(b c d)) => (D A)
(subsetp '(a b) '(c b a)) => T
(subsetp '(a e) '(c b a)) => NIL
(subsetp nil nil) => T
(subsetp '((a)) '((a) (b)) :test #'equal) => T
(adjoin 'a '(b c)) => (A B C)
(adjoin 'b '(b c)) => (B C)
(adjoin '(a) '((a) (b)) :test #'equal) => ((A) (B))
(adjoin '(b 2) '((a 1) (b 1)) :key #'car) => ((A 1) (B 1))
(set-difference '(1 2 3) nil) => (1 2 3)
(set-difference nil '(1 2 3)) => NIL
(union nil '(1 2 3)) => (3 2 1)
(union '(1 2 3) nil) => (3 2 1)
(intersection '(1 2 3) nil) => NIL
(set-exclusive-or '(1 2 3) nil) => (3 2 1)
(set-exclusive-or nil '(1 2 3)) => (3 2 1)
(nset-exclusive-or (list 1 2 3) nil) => (1 2 3)
(nset-difference (list 1 2 3) nil) => (1 2 3)
(nunion (list 1 2) nil) => (1 2)
(let ((l nil)) (union '(1 2 3 4) '(1 5) :test (lambda (a b) (setq l (cons (list a b) l)) (eql a b))) (reverse l)) => ((1 1) (2 1) (2 5) (3 1) (3 5) (4 1) (4 5))
(let ((l nil)) (union '(1 2) '(1 5 6) :test (lambda (a b) (setq l (cons (list a b) l)) (eql a b))) (reverse l)) => ((1 1) (5 1) (5 2) (6 1) (6 2))
(let ((l nil)) (intersection '(1 2) '(1 5 6) :test (lambda (a b) (setq l (cons (list a b) l)) (eql a b))) (reverse l)) => ((1 1) (2 1) (2 5) (2 6))
(let ((l nil)) (set-difference '(1 2) '(1 5 6) :test (lambda (a b) (setq l (cons (list a b) l)) (eql a b))) (reverse l)) => ((1 1) (2 1) (2 5) (2 6))
(let ((l nil)) (set-exclusive-or '(1 2) '(1 5 6) :test (lambda (a b) (setq l (cons (list a b) l)) (eql a b))) (reverse l)) => ((1 1) (2 1) (2 5) (2 6) (1 1) (1 5) (2 5) (1 6) (2 6))
(let ((l nil)) (subsetp '(1 2) '(1 5 2) :test (lambda (a b) (setq l (cons (list a b) l)) (eql a b))) (reverse l)) => ((1 1) (2 1) (2 5) (2 2))
(let ((l nil)) (sublis '((a . 1)) '(a (b) . c) :test (lambda (a b) (setq l (cons (list a b) l)) (eql a b))) (reverse l)) => (((A (B) . C) A) (A A) (((B) . C) A) ((B) A) (B A) (NIL A) (C A))
(let ((l nil)) (subst 'x 'a '(a (b) . c) :test (lambda (a b) (setq l (cons (list a b) l)) (eql a b))) (reverse l)) => ((A (A (B) . C)) (A A) (A ((B) . C)) (A (B)) (A B) (A NIL) (A C))
(let ((l nil)) (nsubst 'x 'a (list 'a (list 'b) 'c) :test (lambda (a b) (setq l (cons (list a b) l)) (eql a b))) (reverse l)) => ((A (X (B) C)) (A (X (B) C)) (A A) (A ((B) C)) (A (B)) (A (B)) (A B) (A NIL) (A (C)) (A C) (A NIL))
(let ((l nil)) (tree-equal '(a (b) . c) '(a (b) . c) :test (lambda (a b) (setq l (cons (list a b) l)) (eql a b))) (reverse l)) => ((A A) (B B) (NIL NIL) (C C))
(let ((l nil)) (substitute 'x 2 '(1 2 3 2) :from-end t :count 1 :test (lambda (a b) (setq l (cons (list a b) l)) (eql a b))) (reverse l)) => ((2 2))
(nunion nil (list 1 2)) => (1 2)
(nunion (list 1 2) nil) => (1 2)
(nunion (list 1) (list 2 3)) => (3 2 1)
(nunion (list 1 2 3) (list 4)) => (3 2 1 4)
(nintersection nil (list 1)) => NIL
"""


def test_sets_and_trees():
    assert check_cases(SETS_AND_TREES) == []


MAPPING_AND_PLISTS = r"""
(append '(1 2) '(3) nil '(4 . 5)) => (1 2 3 4 . 5)
(append nil 5) => 5
(append '(1 2) nil) => (1 2)
(append '(1 2 . 3) '(4)) => !TYPE-ERROR
(nconc (list 1 2) (list 3) nil (list 4)) => (1 2 3 4)
(mapcar #'car '((1 a) (2 b))) => (1 2)
(mapcar (lambda (x y) (+ x y)) '(1 2 3) '(10 20 30)) => (11 22 33)
(mapcar #'list '(1 2) '(a b c) '(x)) => ((1 A X))
(mapcar #'identity nil) => NIL
(mapc #'identity nil) => NIL
(maplist (lambda (x) (length x)) '(1 2 3)) => (3 2 1)
(maplist #'list '(1 2) '(3 4)) => (((1 2) (3 4)) ((2) (4)))
(mapl (lambda (x) x) '(1 2)) => (1 2)
(mapcan (lambda (x) (list x x)) '(1 2)) => (1 1 2 2)
(mapcon (lambda (x) (list x)) '(1 2)) => ((1 2) (2))
(mapcar 'car '((a) (b))) => (A B)
(mapcar 'no-such-function '(1)) => !ERROR
(mapcar 5 '(1)) => !TYPE-ERROR
(getf '(:a 1 :b 2) :b) => 2
(getf nil :a) => NIL
(getf '(:a 1) :b 7) => 7
(get-properties nil '(a)) => NIL ; NIL ; NIL
(get 'no-such-symbol-with-plist 'color) => NIL
(progn (setf (get 'harness-sym 'color) 'red) (get 'harness-sym 'color)) => RED
(progn (setf (symbol-plist 'harness-sym2) nil) (setf (get 'harness-sym2 'a) 1) (setf (get 'harness-sym2 'b) 2) (symbol-plist 'harness-sym2)) => (B 2 A 1)
(progn (setf (symbol-plist 'harness-sym3) (list 'a 1)) (list (remprop 'harness-sym3 'a) (symbol-plist 'harness-sym3))) => ((A 1) NIL)
(mapcar #'identity '(1 2 . 3)) => !TYPE-ERROR
(mapcar #'+ '(1 2 3) '(10 20)) => (11 22)
(mapc #'identity '(1 2 . 3)) => !TYPE-ERROR
(maplist #'identity '(1 2 . 3)) => !TYPE-ERROR
(mapcan (lambda (x) (if (evenp x) (list x x))) '(1 2 3 4)) => (2 2 4 4)
(mapcan #'identity (list 1 2)) => 2
(mapcan #'identity (list (list 1) 2 (list 3))) => (1 3)
(mapcon (lambda (x) (list (length x))) '(1 2 3)) => (3 2 1)
(mapcar #'car 5) => !TYPE-ERROR
(mapcar 'car '((1) (2))) => (1 2)
(mapcar #'list) => !PROGRAM-ERROR
(progn (setf (symbol-plist 'zz) (list 'a 1 'b 2)) (remprop 'zz 'b)) => (B 2)
(progn (setf (symbol-plist 'zz) (list 'a 1 'b 2)) (remprop 'zz 'a)) => (A 1 B 2)
(progn (setf (symbol-plist 'zz) (list 'a 1 'b 2)) (remprop 'zz 'c)) => NIL
(progn (setf (symbol-plist 'zz) (list 'a 1 'b 2)) (remprop 'zz 'a) (symbol-plist 'zz)) => (B 2)
(progn (setf (symbol-plist 'zz) (list 'a 1 'b 2)) (setf (get 'zz 'c) 3) (symbol-plist 'zz)) => (C 3 A 1 B 2)
(progn (setf (symbol-plist 'zz) (list 'a 1 'b 2)) (setf (get 'zz 'b) 3) (symbol-plist 'zz)) => (A 1 B 3)
(progn (setf (symbol-plist 'zz) nil) (get 'zz 'a 'dflt)) => DFLT
(progn (setf (symbol-plist 'zz) (list 'a 1 'b)) (get 'zz 'c)) => !ERROR
(get 5 'a) => !TYPE-ERROR
(symbol-plist 5) => !TYPE-ERROR
(getf '(a 1 b 2) 'b) => 2
(getf '(a 1 b 2) 'c 'none) => NONE
(getf '(a 1 . b) 'c) => !TYPE-ERROR
(getf '(a 1 b) 'a) => 1
(get-properties '(a 1 b 2) '(c)) => NIL ; NIL ; NIL
(get-properties '(a 1 b 2) '(b a)) => A ; 1 ; (A 1 B 2)
(get-properties '(a 1 b) '(a)) => A ; 1 ; (A 1 B)
(nconc (list 1) 2 (list 3)) => !TYPE-ERROR
(nconc 1 2) => !TYPE-ERROR
(nconc 1 (list 2)) => !TYPE-ERROR
(nconc (list 1) 2) => (1 . 2)
(nconc nil 2) => 2
(nconc) => NIL
(append 1 '(2)) => !TYPE-ERROR
(append '(1) 2) => (1 . 2)
(progn (setf (symbol-plist 'zz) (list 'a 1 'b)) (get 'zz 'a)) => 1
(progn (setf (symbol-plist 'zz) (list 'a 1 'b)) (setf (get 'zz 'c) 2)) => !ERROR
(progn (setf (symbol-plist 'zz) (list 'a 1 'b)) (remprop 'zz 'c)) => !ERROR
"""


def test_mapping_and_plists():
    assert check_cases(MAPPING_AND_PLISTS) == []


def _count_yields(gen):
    """Run a gen primitive's generator, answering calls; count the yields."""
    n = 0
    try:
        req = next(gen)
        while True:
            n += 1
            fn, args = req
            req = gen.send(fn.apply(list(args)))
    except StopIteration as stop:
        return stop.value, n


def test_lisp_functions_are_called_through_the_machine():
    # A closure (not a primitive) must be yielded: one yield per element.
    double = run("(lambda (x) (+ x x))")
    result, yields = _count_yields(mapping.mapcar(double, lisp_list(1, 2, 3)))
    assert list_to_py(result) == [2, 4, 6]
    assert yields == 3


def test_simple_primitives_are_called_directly():
    one_plus = run("#'1+")
    result, yields = _count_yields(mapping.mapcar(one_plus, lisp_list(1, 2, 3)))
    assert list_to_py(result) == [2, 3, 4]
    assert yields == 0
    # the default EQL test never yields either
    _, yields = _count_yields(listsets.member(3, lisp_list(1, 2, 3)))
    assert yields == 0


def test_member_with_lisp_key_yields_per_element():
    key = run("(lambda (x) (car x))")
    result, yields = _count_yields(listsets.member(2, run("'((1) (2) (3))"), key=key))
    assert result.car.car == 2 and yields == 2


def test_long_and_deep_lists_need_no_python_recursion():
    n = 200_000
    long_list = lisp_list(*range(n))
    copy = lists.cl_copy_tree(long_list)
    assert copy is not long_list and lists.list_length(copy) == n
    deep = NIL
    for i in range(50_000):
        deep = Cons(deep, i)
    assert lists.cl_copy_tree(deep) is not deep
    replaced = drive(listsets.subst(-1, 5, long_list))
    assert lists.nth(5, replaced) == -1 and lists.nth(6, replaced) == 6
    deep2 = drive(listsets.subst("x", 0, deep))
    assert deep2.cdr == 49_999


def test_circular_list_length_is_nil():
    assert run("(let ((l (list 1 2 3))) (setf (cdr (cddr l)) l) (list-length l))") is NIL


def test_mapcan_keeps_sbcl_tail_rules():
    assert check_cases(r"""
(mapcan #'identity (list (list 1) 2 (list 3))) => (1 3)
(mapcan #'identity (list 1 2)) => 2
(mapcan #'identity (list (list 1) 2)) => (1 . 2)
""") == []

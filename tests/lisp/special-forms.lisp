;;;; The 25 special operators of Common Lisp.
;;;; Expectations written by tests/sbcl_check.py from sbcl --script.

;;; quote
(quote a)
;=> A
'(1 . 2)
;=> (1 . 2)
''a
;=> 'A
(eq 'nil nil)
;=> T
(quote (quote (a b)))
;=> '(A B)

;;; if
(if t 1 2)
;=> 1
(if nil 1 2)
;=> 2
(if nil 1)
;=> NIL
(if '() 'yes 'no)
;=> NO
(if 0 'yes 'no)
;=> YES

;;; progn
(progn)
;=> NIL
(progn 1 2 3)
;=> 3
(progn (values 1 2))
;=> 1
;=> 2
(let ((x 0)) (progn (incf x) (incf x 10)) x)
;=> 11

;;; let and let*
(let ((a 1) (b 2)) (list a b))
;=> (1 2)
(let ((a 1)) (let ((a 2) (b a)) (list a b)))
;=> (2 1)
(let ((a 1)) (let* ((a 2) (b a)) (list a b)))
;=> (2 2)
(let (x (y) (z 3)) (list x y z))
;=> (NIL NIL 3)
(let* () 5)
;=> 5
(let ((x 1)) (declare (ignorable x)) (let ((x (1+ x))) x))
;=> 2

;;; setq
(let ((a 1) (b 2)) (setq a 10 b (+ a 1)) (list a b))
;=> (10 11)
(let ((a 1)) (setq) a)
;=> 1
(let (x) (list (setq x 5) x))
;=> (5 5)

;;; block / return-from
(block b 1 (return-from b 2) 3)
;=> 2
(block b (return-from b (values 1 2 3)))
;=> 1
;=> 2
;=> 3
(block b (return-from b))
;=> NIL
(block nil (return 7) 8)
;=> 7
(block outer (block inner (return-from outer 'o)) 'after)
;=> O
(block a (block a (return-from a 1)) 2)
;=> 2
(block b (mapc (lambda (x) (when (> x 2) (return-from b x))) '(1 2 3 4)) 'none)
;=> 3
(block b (funcall (lambda () (funcall (lambda () (return-from b 'deep))))) 'not)
;=> DEEP
(defun sf-find-first (pred list)
  (dolist (x list) (when (funcall pred x) (return-from sf-find-first x))))
(sf-find-first #'evenp '(1 3 4 5 6))
;=> 4
(sf-find-first #'evenp '(1 3))
;=> NIL
(block nil (let ((f (lambda () (return 'from-closure)))) (funcall f) 'no))
;=> FROM-CLOSURE
(block b 'normal)
;=> NORMAL
(block b)
;=> NIL

;;; tagbody / go
(let ((n 0)) (tagbody top (incf n) (when (< n 5) (go top))) n)
;=> 5
(tagbody 1 (go 3) 2 (print 'skipped) 3)
;=> NIL
(let ((l '())) (tagbody (push 'a l) (go end) (push 'b l) end (push 'c l)) (nreverse l))
;=> (A C)
(let ((x 0)) (tagbody (setq x 1) (funcall (lambda () (go out))) (setq x 2) out) x)
;=> 1
(let ((acc nil))
  (tagbody
     (mapc (lambda (x) (if (eql x 3) (go done) (push x acc))) '(1 2 3 4))
   done)
  acc)
;=> (2 1)
(let ((i 0) (out '()))
  (tagbody
   again
     (when (>= i 3) (go end))
     (push i out)
     (incf i)
     (go again)
   end)
  out)
;=> (2 1 0)
(tagbody)
;=> NIL
(tagbody a b c)
;=> NIL
(let ((x 0)) (tagbody 10 (incf x) (when (< x 3) (go 10))) x)
;=> 3

;;; catch / throw
(catch 'foo 1 (throw 'foo 2) 3)
;=> 2
(catch 'foo (throw 'foo (values 1 2)))
;=> 1
;=> 2
(catch 'a (catch 'b (throw 'a 'to-a)) 'after-b)
;=> TO-A
(let ((tag (list 'dyn))) (catch tag (throw tag 'dynamic-tag)))
;=> DYNAMIC-TAG
(defun sf-thrower (tag v) (throw tag v))
(catch 'x (sf-thrower 'x 42) 'not-here)
;=> 42
(catch 'x (catch 'y (sf-thrower 'x 'outer)) 'skipped)
;=> OUTER
(catch 'c (catch 'c (throw 'c 'inner)) 'outer-continues)
;=> OUTER-CONTINUES
(catch 'c 'no-throw)
;=> NO-THROW
(catch 'c)
;=> NIL
(let ((tags (list 1 2 3))) (catch (second tags) (throw (cadr tags) 'by-eq)))
;=> BY-EQ
(handler-case (throw 'sf-no-such-tag 1) (control-error () 'control-error))
;=> CONTROL-ERROR
(throw 'sf-no-such-tag 1)
;error> SIMPLE-CONTROL-ERROR

;;; unwind-protect
(let ((l '())) (unwind-protect (push 'body l) (push 'cleanup l)) l)
;=> (CLEANUP BODY)
(unwind-protect 1 2 3)
;=> 1
(unwind-protect (values 1 2) 'cleanup)
;=> 1
;=> 2
(let ((l '()))
  (catch 'x (unwind-protect (throw 'x 1) (push 'c1 l)))
  l)
;=> (C1)
(let ((l '()))
  (block b
    (unwind-protect
         (unwind-protect (return-from b 'r) (push 'inner l))
      (push 'outer l)))
  (nreverse l))
;=> (INNER OUTER)
(let ((l '()))
  (list (catch 'x (unwind-protect (throw 'x 'first) (push 'cleaned l)))
        l))
;=> (FIRST (CLEANED))
(progn (unwind-protect (princ "body ") (princ "cleanup")) 'done)
;out> body cleanup
;=> DONE
(let ((l '()))
  (list (catch 'outer
          (catch 'inner
            (unwind-protect (throw 'inner 'from-body)
              (push 'cleanup l)
              (throw 'outer 'from-cleanup))))
        l))
;=> (FROM-CLEANUP (CLEANUP))
(block out
  (unwind-protect (return-from out 'original)
    (return-from out 'replaced)))
;=> REPLACED
(let ((l '()))
  (list (block b
          (unwind-protect
               (unwind-protect (return-from b 1)
                 (push 'a l)
                 (return-from b 2))
            (push 'b l)))
        (nreverse l)))
;=> (2 (A B))
(let ((n 0))
  (tagbody
     (unwind-protect (go end) (incf n))
   end)
  n)
;=> 1
(let ((l '()))
  (catch 'x
    (unwind-protect
         (unwind-protect (throw 'x 1) (push 1 l))
      (push 2 l)))
  l)
;=> (2 1)
(let ((l nil))
  (list (catch 'a
          (catch 'b
            (unwind-protect (throw 'a 'thrown-a)
              (push 'cleanup l)
              (throw 'b 'thrown-b-from-cleanup)))
          'after-b)
        l))
;=> (AFTER-B (CLEANUP))
(let ((x 1)) (list (unwind-protect (setq x 2) (setq x 3)) x))
;=> (2 3)
(handler-case (unwind-protect (error "boom") (princ "cleanup ran")) (error () 'handled))
;out> cleanup ran
;=> HANDLED

;;; function, flet, labels
(function car)
;=> #<FUNCTION CAR>
(funcall (function (lambda (x) (* x x))) 7)
;=> 49
(funcall #'+ 1 2 3)
;=> 6
(defun sf-f () 'global)
(flet ((sf-f () 'local)) (sf-f))
;=> LOCAL
(flet ((sf-f () 'local) (g () (sf-f))) (g))
;=> GLOBAL
(labels ((sf-f () 'local) (g () (sf-f))) (g))
;=> LOCAL
(flet ((sf-f () (list 'outer (sf-f)))) (sf-f))
;=> (OUTER GLOBAL)
(labels ((fact (n) (if (<= n 1) 1 (* n (fact (1- n)))))) (fact 20))
;=> 2432902008176640000
(labels ((ev (n) (if (= n 0) t (od (1- n)))) (od (n) (if (= n 0) nil (ev (1- n))))) (list (ev 10) (od 7)))
;=> (T T)
(flet ((add (x &optional (y 10)) (+ x y))) (list (add 1) (add 1 2)))
;=> (11 3)
(flet ((f (x) (* 2 x))) (mapcar #'f '(1 2 3)))
;=> (2 4 6)
(labels ((f (x) (* 3 x))) (funcall #'f 4))
;=> 12
(flet ((f () (return-from f 'early) 'late)) (f))
;=> EARLY
(labels ((f (n) (if (zerop n) 'done (f (1- n))))) (f 10000))
;=> DONE
(let ((x 1)) (flet ((get-x () x)) (let ((x 2)) (declare (ignorable x)) (get-x))))
;=> 1
(functionp (flet ((f () 1)) #'f))
;=> T
(defun (setf sf-first) (new list) (setf (car list) new) new)
(let ((l (list 1 2))) (list (setf (sf-first l) 'z) l))
;=> (Z (Z 2))
(let ((l (list 1 2))) (funcall #'(setf sf-first) 'y l) l)
;=> (Y 2)
(fboundp '(setf sf-first))
;=> #<FUNCTION (SETF SF-FIRST)>
(functionp #'(setf sf-first))
;=> T
(flet (((setf local-place) (v c) (setf (cdr c) v))) (let ((c (cons 1 2))) (setf (local-place c) 9) c))
;=> (1 . 9)

(funcall (compile nil '(lambda (x) (* x 2))) 21)
;=> 42
(compile 'sf-compiled '(lambda (y) (list y y)))
;=> SF-COMPILED
;=> NIL
;=> NIL
(sf-compiled 3)
;=> (3 3)
(multiple-value-list (compile 'sf-compiled))
;=> (SF-COMPILED NIL NIL)

;;; macrolet
(macrolet ((twice (x) `(progn ,x ,x))) (let ((n 0)) (twice (incf n)) n))
;=> 2
(macrolet ((m () ''outer)) (macrolet ((m () ''inner)) (m)))
;=> INNER
(macrolet ((m (&rest args) `(list ,@(reverse args)))) (m 1 2 3))
;=> (3 2 1)
(macrolet ((sq (x) (let ((g (gensym))) `(let ((,g ,x)) (* ,g ,g))))) (sq 7))
;=> 49
(flet ((f () 'function)) (macrolet ((f () ''macro)) (f)))
;=> MACRO
(macrolet ((f () ''macro)) (flet ((f () 'function)) (f)))
;=> FUNCTION
(macrolet ((m () (list 'quote (macroexpand '(m2))))) (macrolet ((m2 () 1)) (m)))
;=> (M2)

;;; symbol-macrolet
(symbol-macrolet ((x 'expanded)) x)
;=> EXPANDED
(let ((c (cons 1 2))) (symbol-macrolet ((a (car c))) (setq a 10) c))
;=> (10 . 2)
(let ((c (cons 1 2))) (symbol-macrolet ((a (cdr c))) (setf a 20) c))
;=> (1 . 20)
(let ((c (list 1 2))) (symbol-macrolet ((a (car c))) (incf a 5) (push 'p a) c))
;=> ((P . 6) 2)
(symbol-macrolet ((x 1)) (let ((x 2)) x))
;=> 2
(symbol-macrolet ((x 1)) (list x (let ((x 2)) x) x))
;=> (1 2 1)
(let ((v (vector 1 2 3))) (symbol-macrolet ((mid (aref v 1))) (setq mid 'm) v))
;=> #(1 M 3)
(symbol-macrolet ((x (list 1 2))) (macrolet ((m () 'x)) (m)))
;=> (1 2)
(let ((a 1) (b 2)) (symbol-macrolet ((p a) (q b)) (psetq p q q p) (list a b)))
;=> (2 1)

;;; let with special declarations, progv
(defvar *sf-special* 'global)
(defun sf-read-special () *sf-special*)
(let ((*sf-special* 'bound)) (sf-read-special))
;=> BOUND
(sf-read-special)
;=> GLOBAL
(let ((x 'lexical-outer)) (declare (ignorable x)) (defun sf-get-x () 'not-x) (sf-get-x))
;=> NOT-X
(defun sf-read-y () (declare (special sf-y)) sf-y)
(let ((sf-y 'dynamic)) (declare (special sf-y)) (sf-read-y))
;=> DYNAMIC
(let ((sf-y 1)) (declare (special sf-y)) (let ((sf-y 2)) (list sf-y (sf-read-y))))
;=> (2 1)
(let ((sf-y 1)) (declare (special sf-y)) (let ((sf-y 2)) (declare (special sf-y)) (list sf-y (sf-read-y))))
;=> (2 2)
(let* ((*sf-special* 'a) (z (sf-read-special))) z)
;=> A
(progv '(*sf-special*) '(progv-bound) (sf-read-special))
;=> PROGV-BOUND
(progv '(sf-pv1 sf-pv2) '(1 2) (list (symbol-value 'sf-pv1) (symbol-value 'sf-pv2)))
;=> (1 2)
(progv '(sf-pv3 sf-pv4) '(1) (list (symbol-value 'sf-pv3) (boundp 'sf-pv4)))
;=> (1 NIL)
(progv '(sf-pv5) '(1 2 3) (symbol-value 'sf-pv5))
;=> 1
(progn (progv '(sf-pv6) '(1) 'inside) (boundp 'sf-pv6))
;=> NIL
(progv (list '*sf-special*) (list 'p1) (progv (list '*sf-special*) (list 'p2) (sf-read-special)))
;=> P2
(catch 'out (progv '(*sf-special*) '(p) (throw 'out (sf-read-special))))
;=> P
(list (catch 'out (progv '(*sf-special*) '(p) (throw 'out 1))) *sf-special*)
;=> (1 GLOBAL)
(let ((*sf-special* 'let-bound)) (progv '(*sf-special*) '(pv) nil) *sf-special*)
;=> LET-BOUND

;;; multiple-value-call, multiple-value-prog1
(multiple-value-call #'list (values 1 2) (values) (values 3))
;=> (1 2 3)
(multiple-value-call #'+)
;=> 0
(multiple-value-call #'list 1 (floor 7 2) (values 'a 'b))
;=> (1 3 1 A B)
(multiple-value-prog1 (values 1 2 3) (values 4 5))
;=> 1
;=> 2
;=> 3
(let ((x 0)) (list (multiple-value-list (multiple-value-prog1 (values x 'b) (setq x 5))) x))
;=> ((0 B) 5)
(multiple-value-list (multiple-value-prog1 (values)))
;=> NIL
(multiple-value-call (lambda (&optional a b) (list a b)) (values 1))
;=> (1 NIL)

;;; load-time-value
(load-time-value (+ 1 2))
;=> 3
(defun sf-ltv () (load-time-value (list 'once)))
(eq (sf-ltv) (sf-ltv))
;=> T
(load-time-value 'x t)
;=> X

;;; locally and the
(locally 1 2)
;=> 2
(locally (declare (optimize speed)) (+ 1 2))
;=> 3
(let ((y 1)) (declare (special y)) (let ((y 2)) (locally (declare (special y)) y)))
;=> 1
(the fixnum 5)
;=> 5
(the (values integer symbol) (values 1 'a))
;=> 1
;=> A
(the string "abc")
;=> "abc"
(setf (the fixnum (car (list 1))) 3)
;=> 3
(let ((x 1)) (setf (the integer x) 10) x)
;=> 10
(the t (values 1 2))
;=> 1
;=> 2

;;; eval-when (these forms are not top-level: only :execute counts)
(eval-when (:execute) 'executed)
;=> EXECUTED
(eval-when (:compile-toplevel :load-toplevel) 'not-executed)
;=> NIL
(eval-when (:compile-toplevel :load-toplevel :execute) 1 2)
;=> 2
(eval-when (eval) 'old-eval)
;=> OLD-EVAL

(let ((n 0)) (list (block b (tagbody top (incf n) (unwind-protect (when (< n 3) (go top)) (incf n 10))) n) n))
;=> (22 22)
(block b (let ((l '())) (tagbody (unwind-protect (go x) (push 'cleanup l)) x (return-from b l))))
;=> (CLEANUP)
(catch 'done (unwind-protect (throw 'done 1) (throw 'done 2)))
;=> 2
(let ((l '())) (list (block b (unwind-protect (block b2 (unwind-protect (return-from b 'outer) (push 'inner-cleanup l) (return-from b2 'b2))) (push 'outer-cleanup l))) l))
;=> (B2 (OUTER-CLEANUP INNER-CLEANUP))
(funcall #'(lambda (&rest r) r) 1 2)
;=> (1 2)
((lambda (x y) (list y x)) 1 2)
;=> (2 1)
(functionp (function (lambda (x) x)))
;=> T
(let ((f (let ((n 0)) (lambda () (incf n))))) (funcall f) (funcall f) (funcall f))
;=> 3
(mapcar (let ((k 10)) (lambda (x) (+ x k))) '(1 2))
;=> (11 12)
(let ((fs '())) (dotimes (i 3) (let ((j i)) (push (lambda () j) fs))) (mapcar #'funcall fs))
;=> (2 1 0)

;;; exits whose extent has ended
(defvar *sf-saved* nil)
(block b (setq *sf-saved* (lambda () (return-from b 'late))) 'ok)
;=> OK
(handler-case (funcall *sf-saved*) (control-error () 'control-error))
;=> CONTROL-ERROR
(tagbody (setq *sf-saved* (lambda () (go tag))) tag)
;=> NIL
(handler-case (funcall *sf-saved*) (control-error () 'control-error))
;=> CONTROL-ERROR
(progn (catch 'gone (setq *sf-saved* (lambda () (throw 'gone 1)))) 'ok)
;=> OK
(handler-case (funcall *sf-saved*) (control-error () 'control-error))
;=> CONTROL-ERROR
(funcall *sf-saved*)
;error> SIMPLE-CONTROL-ERROR
(let ((k (block b (lambda () (return-from b 2))))) (handler-case (funcall k) (control-error () 'control-error)))
;=> CONTROL-ERROR
(typep (handler-case (throw 'sf-nowhere 1) (error (c) c)) 'control-error)
;=> T

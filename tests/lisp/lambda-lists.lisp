;;;; Ordinary, macro and destructuring lambda lists.
;;;; Expectations written by tests/sbcl_check.py from sbcl --script.

;;; required and &optional
(defun ll-opt (a &optional b (c 3) (d (+ a c) d-p)) (list a b c d d-p))
(ll-opt 1)
;=> (1 NIL 3 4 NIL)
(ll-opt 1 2)
;=> (1 2 3 4 NIL)
(ll-opt 1 2 30)
;=> (1 2 30 31 NIL)
(ll-opt 1 2 30 4)
;=> (1 2 30 4 T)
(ll-opt 1 nil nil nil)
;=> (1 NIL NIL NIL T)
(defun ll-opt2 (&optional (x 'default x-p)) (list x x-p))
(ll-opt2)
;=> (DEFAULT NIL)
(ll-opt2 nil)
;=> (NIL T)
(ll-opt2 'given)
;=> (GIVEN T)
(funcall (lambda (&optional a) a))
;=> NIL
(defun ll-count-calls (&optional (n (progn (princ "default ") 1))) n)
(list (ll-count-calls) (ll-count-calls 5))
;out> default 
;=> (1 5)

;;; &rest
(defun ll-rest (a &rest r) (list a r))
(ll-rest 1)
;=> (1 NIL)
(ll-rest 1 2 3)
;=> (1 (2 3))
(defun ll-opt-rest (a &optional (b 'b) &rest r) (list a b r))
(ll-opt-rest 1)
;=> (1 B NIL)
(ll-opt-rest 1 2 3 4)
;=> (1 2 (3 4))
(apply #'ll-rest 1 '(2 3))
;=> (1 (2 3))
(apply #'ll-rest '(1))
;=> (1 NIL)
(funcall (lambda (&rest args) (length args)) 1 2 3 4 5)
;=> 5

;;; &key
(defun ll-key (&key a (b 2) (c 3 c-p)) (list a b c c-p))
(ll-key)
;=> (NIL 2 3 NIL)
(ll-key :a 1)
;=> (1 2 3 NIL)
(ll-key :c nil)
;=> (NIL 2 NIL T)
(ll-key :b 20 :a 10)
;=> (10 20 3 NIL)
(ll-key :a 1 :a 2)
;=> (1 2 3 NIL)
(defun ll-key2 (&key ((:the-key k) 'dflt) ((secret s) nil s-p)) (list k s s-p))
(ll-key2 :the-key 5)
;=> (5 NIL NIL)
(ll-key2 'secret 7)
;=> (DFLT 7 T)
(ll-key2)
;=> (DFLT NIL NIL)
(defun ll-key-rest (&rest r &key a b) (list r a b))
(ll-key-rest :b 1 :a 2)
;=> ((:B 1 :A 2) 2 1)
(ll-key-rest)
;=> (NIL NIL NIL)
(defun ll-key-allow (&key a &allow-other-keys) a)
(ll-key-allow :z 1 :a 2 :y 3)
;=> 2
(ll-key :a 1 :allow-other-keys t :zz 9)
;=> (1 2 3 NIL)
(ll-key :allow-other-keys t)
;=> (NIL 2 3 NIL)
(ll-key :allow-other-keys nil :a 1)
;=> (1 2 3 NIL)
(handler-case (ll-key :zz 1) (program-error () 'program-error))
;=> PROGRAM-ERROR
(handler-case (ll-key :a) (program-error () 'program-error))
;=> PROGRAM-ERROR
(handler-case (ll-key 1 2) (program-error () 'program-error))
;=> PROGRAM-ERROR
(defun ll-opt-key (a &optional (b 'ob) &key (k 'kd)) (list a b k))
(ll-opt-key 1)
;=> (1 OB KD)
(ll-opt-key 1 2 :k 3)
;=> (1 2 3)
(defun ll-key-default-chain (&key (a 1) (b (* a 10)) (c (list a b))) c)
(ll-key-default-chain)
;=> (1 10)
(ll-key-default-chain :a 2)
;=> (2 20)
(ll-key-default-chain :b 5)
;=> (1 5)
(funcall (lambda (&key ((:x x) 1)) x) :x 9)
;=> 9

;;; &aux
(defun ll-aux (a &aux (b (* a 2)) c) (list a b c))
(ll-aux 4)
;=> (4 8 NIL)
(defun ll-aux2 (&optional (a 1) &rest r &key k &allow-other-keys &aux (all (list a r k))) all)
(ll-aux2)
;=> (1 NIL NIL)
(ll-aux2 0 :k 1 :j 2)
;=> (0 (:K 1 :J 2) 1)

;;; defaults referring to earlier parameters
(defun ll-refer (a &optional (b a) (c (list a b)) &key (d (length c))) (list a b c d))
(ll-refer 1)
;=> (1 1 (1 1) 2)
(ll-refer 1 2 3)
;error> TYPE-ERROR
(ll-refer 1 2 '(x y z) :d 'dd)
;=> (1 2 (X Y Z) DD)

;;; special variables as parameters
(defvar *ll-special* 'global)
(defun ll-see-special () *ll-special*)
(defun ll-bind-special (*ll-special*) (ll-see-special))
(ll-bind-special 'param)
;=> PARAM
*ll-special*
;=> GLOBAL
(defun ll-bind-special-opt (&optional (*ll-special* 'opt-default)) (ll-see-special))
(ll-bind-special-opt)
;=> OPT-DEFAULT
(defun ll-bind-special-key (&key ((:v *ll-special*) 'kd)) (ll-see-special))
(ll-bind-special-key :v 'from-key)
;=> FROM-KEY
(defun ll-special-then-default (*ll-special* &optional (b (ll-see-special))) b)
(ll-special-then-default 'seen)
;=> SEEN
(funcall (lambda (x) (declare (special x)) (funcall (lambda () (declare (special x)) x))) 'dyn)
;=> DYN

;;; lambda forms and local functions use the same lambda lists
((lambda (a &optional (b 2) &rest c &key d &allow-other-keys) (list a b c d)) 1 2 :d 4 :e 5)
;=> (1 2 (:D 4 :E 5) 4)
(flet ((f (&key (x 0 x-p)) (list x x-p))) (list (f) (f :x 1)))
;=> ((0 NIL) (1 T))
(labels ((f (n &optional (acc 1)) (if (<= n 1) acc (f (1- n) (* acc n))))) (f 10))
;=> 3628800

;;; wrong argument counts
(defun ll-two (a b) (list a b))
(handler-case (ll-two 1) (program-error () 'program-error))
;=> PROGRAM-ERROR
(handler-case (ll-two 1 2 3) (program-error () 'program-error))
;=> PROGRAM-ERROR
(handler-case (funcall (lambda (x) x)) (program-error () 'program-error))
;=> PROGRAM-ERROR
(handler-case (ll-opt) (program-error () 'program-error))
;=> PROGRAM-ERROR
(handler-case (ll-opt 1 2 3 4 5) (error (c) (typep c 'program-error)))
;=> T
(handler-case (apply #'ll-two '(1)) (program-error () 'program-error))
;=> PROGRAM-ERROR
(handler-case (funcall (lambda (&key a) a) :b 1) (program-error () 'program-error))
;=> PROGRAM-ERROR
(handler-case (funcall (lambda (&key a) a) :a) (program-error () 'program-error))
;=> PROGRAM-ERROR
(handler-case (funcall (lambda (&key a) a) 1 2) (program-error () 'program-error))
;=> PROGRAM-ERROR
(handler-case (flet ((f (x) x)) (f)) (program-error () 'program-error))
;=> PROGRAM-ERROR

;;; the condition classes SBCL signals for bad calls
(ll-two 1)
;error> SIMPLE-PROGRAM-ERROR
(ll-two 1 2 3)
;error> SIMPLE-PROGRAM-ERROR
(funcall (lambda (&key a) a) :a)
;error> SIMPLE-PROGRAM-ERROR
(ll-opt)
;error> SIMPLE-PROGRAM-ERROR
(car)
;error> SIMPLE-PROGRAM-ERROR
(funcall 'member 1 '(1) :foo 2)
;error> UNKNOWN-KEYWORD-ARGUMENT
(handler-case (funcall 'member 1 '(1) :foo 2) (error (c) (list (type-of c) (princ-to-string c))))
;=> (UNKNOWN-KEYWORD-ARGUMENT "Unknown &KEY argument: :FOO")
(handler-case (funcall 'member 1 '(1) :test) (program-error (c) (princ-to-string c)))
;=> "odd number of &KEY arguments"
(funcall 'member 1 '(2 1) :foo 2 :allow-other-keys t)
;=> (1)

;;; destructuring-bind
(destructuring-bind (a b c) '(1 2 3) (list c b a))
;=> (3 2 1)
(destructuring-bind (a (b c) d) '(1 (2 3) 4) (list a b c d))
;=> (1 2 3 4)
(destructuring-bind (&whole w a b) '(1 2) (list w a b))
;=> ((1 2) 1 2)
(destructuring-bind (a . b) '(1 2 3) (list a b))
;=> (1 (2 3))
(destructuring-bind (a b . c) '(1 2) (list a b c))
;=> (1 2 NIL)
(destructuring-bind ((a . b) (c d)) '((1 . 2) (3 4)) (list a b c d))
;=> (1 2 3 4)
(destructuring-bind (a &optional (b 'bd) (c 'cd c-p)) '(1 2) (list a b c c-p))
;=> (1 2 CD NIL)
(destructuring-bind (a &rest r) '(1 2 3) (list a r))
;=> (1 (2 3))
(destructuring-bind (a &body r) '(1 2 3) (list a r))
;=> (1 (2 3))
(destructuring-bind (&key x (y 2) ((:zed z) 3)) '(:zed 30 :x 10) (list x y z))
;=> (10 2 30)
(destructuring-bind (a &key b) '(1 :b 2) (list a b))
;=> (1 2)
(destructuring-bind (a (b &optional (c 'c)) &rest r) '(1 (2)) (list a b c r))
;=> (1 2 C NIL)
(destructuring-bind (&optional ((a b) '(1 2))) '() (list a b))
;=> (1 2)
(destructuring-bind (&optional ((a b) '(1 2))) '((3 4)) (list a b))
;=> (3 4)
(destructuring-bind (a &aux (b (* a 2))) '(5) (list a b))
;=> (5 10)
(destructuring-bind (&key a &allow-other-keys) '(:b 1 :a 2) a)
;=> 2
(destructuring-bind (&rest r &key a &allow-other-keys) '(:a 1 :z 2) (list r a))
;=> ((:A 1 :Z 2) 1)
(destructuring-bind (a ((b) c) . d) '(1 ((2) 3) 4 5) (list a b c d))
;=> (1 2 3 (4 5))
(destructuring-bind (x) '(nil) x)
;=> NIL
(destructuring-bind () '() 'empty)
;=> EMPTY
(handler-case (destructuring-bind (a b) '(1) (list a b)) (error () 'error))
;=> ERROR
(handler-case (destructuring-bind (a) '(1 2) a) (error () 'error))
;=> ERROR
(handler-case (destructuring-bind (&key a) '(:b 1) a) (error () 'error))
;=> ERROR

;;; defmacro lambda lists
(defmacro ll-m1 (a &optional (b 'ob) &rest r) `'(,a ,b ,r))
(ll-m1 x)
;=> (X OB NIL)
(ll-m1 x y z w)
;=> (X Y (Z W))
(defmacro ll-m-body (name &body body) `(list ',name ,@body))
(ll-m-body n 1 2 3)
;=> (N 1 2 3)
(defmacro ll-m-whole (&whole form a b) (declare (ignore a b)) `',form)
(ll-m-whole 1 2)
;=> (LL-M-WHOLE 1 2)
(defmacro ll-m-whole2 (&whole w &rest args) `(list ',(car w) ,(length args)))
(ll-m-whole2 a b c)
;=> (LL-M-WHOLE2 3)
(defmacro ll-m-nested ((a b) (c &optional (d 'dd)) &key (k 'kk)) `'(,a ,b ,c ,d ,k))
(ll-m-nested (1 2) (3))
;=> (1 2 3 DD KK)
(ll-m-nested (1 2) (3 4) :k 5)
;=> (1 2 3 4 5)
(defmacro ll-m-dotted (a . rest) `'(,a ,rest))
(ll-m-dotted 1 2 3)
;=> (1 (2 3))
(defmacro ll-with ((var val) &body body) `(let ((,var ,val)) ,@body))
(ll-with (x 5) (* x x))
;=> 25
(defmacro ll-m-env (form &environment env) `',(macroexpand-1 form env))
(macrolet ((local () ''expanded-locally)) (ll-m-env (local)))
;=> 'EXPANDED-LOCALLY
(ll-m-env (ll-m1 q))
;=> '(Q OB NIL)
(defmacro ll-m-key (&key (a 1) (b a)) `(list ,a ,b))
(ll-m-key :a 5)
;=> (5 5)
(ll-m-key)
;=> (1 1)
(defmacro ll-m-aux (x &aux (y (list x x))) `',y)
(ll-m-aux 3)
;=> (3 3)
(defmacro ll-m-whole-nested (&whole w (a . b) c) `'(,w ,a ,b ,c))
(ll-m-whole-nested (1 . 2) 3)
;=> ((LL-M-WHOLE-NESTED (1 . 2) 3) 1 2 3)
(handler-case (macroexpand '(ll-with x)) (error () 'error))
;=> ERROR
(handler-case (macroexpand '(ll-m-nested (1 2))) (error () 'error))
;=> ERROR
(equal (macroexpand-1 '(ll-with (v 1) (print v))) '(let ((v 1)) (print v)))
;=> T

;;; destructuring errors are SBCL's reports, naming the definer
(defmacro ll-mm (a &optional b) (list 'quote (list a b)))
(defmacro ll-mk (&key a c) a)
(defmacro ll-md ((x y) z) (list 'quote (list x y z)))
(deftype ll-small (lo hi) `(integer ,lo ,hi))
(defun ll-report (thunk) (handler-case (funcall thunk) (error (e) (remove #\Newline (princ-to-string e)))))
(ll-report (lambda () (macroexpand '(ll-mm))))
;=> "Error while parsing arguments to DEFMACRO LL-MM:  too few elements in    ()  to satisfy lambda list    (A &OPTIONAL B):  between 1 and 2 expected, but got 0"
(ll-report (lambda () (macroexpand '(ll-mm 1 2 3))))
;=> "Error while parsing arguments to DEFMACRO LL-MM:  too many elements in    (1 2 3)  to satisfy lambda list    (A &OPTIONAL B):  between 1 and 2 expected, but got 3"
(ll-report (lambda () (macroexpand '(ll-mm . 1))))
;=> "Error while parsing arguments to DEFMACRO LL-MM:  invalid number of elements in    1  to satisfy lambda list    (A &OPTIONAL B):  between 1 and 2 expected, but got a non-list"
(ll-report (lambda () (macroexpand '(ll-mk :b 1 :d 2))))
;=> "Error while parsing arguments to LL-MK DEFMACRO:  unknown keyword: :B; expected one of :A, :C"
(ll-report (lambda () (macroexpand '(ll-mk :a))))
;=> "Error while parsing arguments to LL-MK DEFMACRO:  odd number of elements in keyword/value list: (:A)"
(ll-report (lambda () (macroexpand '(ll-md 1 2))))
;=> "Error while parsing arguments to DEFMACRO LL-MD:  invalid number of elements in    1  to satisfy lambda list    (X Y):  exactly 2 expected, but got a non-list"
(ll-report (lambda () (macroexpand '(ll-md (1) 2))))
;=> "Error while parsing arguments to DEFMACRO LL-MD:  too few elements in    (1)  to satisfy lambda list    (X Y):  exactly 2 expected, but got 1"
(ll-report (lambda () (macroexpand '(ll-md (1 2 3) 4))))
;=> "Error while parsing arguments to DEFMACRO LL-MD:  too many elements in    (1 2 3)  to satisfy lambda list    (X Y):  exactly 2 expected, but got 3"
(ll-report (lambda () (typep 1 '(ll-small))))
;=> "Error while parsing arguments to DEFTYPE LL-SMALL:  too few elements in    ()  to satisfy lambda list    (LO HI):  exactly 2 expected, but got 0"
(ll-report (lambda () (destructuring-bind (&key a) '(:b 1) a)))
;=> "Error while parsing arguments to DESTRUCTURING-BIND:  unknown keyword: :B; expected one of :A"
(ll-report (lambda () (destructuring-bind (&key a) '(:a) a)))
;=> "Error while parsing arguments to DESTRUCTURING-BIND:  odd number of elements in keyword/value list: (:A)"
(ll-report (lambda () (destructuring-bind (a) '(1 2) a)))
;=> "Error while parsing arguments to DESTRUCTURING-BIND:  too many elements in    (1 2)  to satisfy lambda list    (A):  exactly 1 expected, but got 2"
(ll-report (lambda () (destructuring-bind (a b) 5 (list a b))))
;=> "Error while parsing arguments to DESTRUCTURING-BIND:  invalid number of elements in    5  to satisfy lambda list    (A B):  exactly 2 expected, but got a non-list"
(ll-report (lambda () (destructuring-bind (a b) '(1) (list a b))))
;=> "Error while parsing arguments to DESTRUCTURING-BIND:  too few elements in    (1)  to satisfy lambda list    (A B):  exactly 2 expected, but got 1"
(let ((s (prin1-to-string (macro-function 'll-mm)))) (subseq s 0 (position #\{ s)))
;=> "#<FUNCTION (MACRO-FUNCTION LL-MM) "

;;;; Special variables: defvar, defparameter, defconstant, dynamic binding.
;;;; Expectations written by tests/sbcl_check.py from sbcl --script.

;;; defvar vs defparameter
(defvar *sp-a* 1)
*sp-a*
;=> 1
(defvar *sp-a* 2)
*sp-a*
;=> 1
(defparameter *sp-b* 1)
(defparameter *sp-b* 2)
*sp-b*
;=> 2
(defvar *sp-unbound-var*)
(boundp '*sp-unbound-var*)
;=> NIL
(defvar *sp-count* 0)
(defvar *sp-count* (incf *sp-count*))
*sp-count*
;=> 0
(defvar *sp-doc* 1 "documented")
(defparameter *sp-param-doc* 1 "param doc")
(defvar *sp-c* 'c)
(list (defvar *sp-c* 'new) *sp-c*)
;=> (*SP-C* C)
(list (defparameter *sp-c* 'param) *sp-c*)
;=> (*SP-C* PARAM)
*sp-unbound-var*
;error> UNBOUND-VARIABLE
(handler-case *sp-unbound-var* (unbound-variable (c) (cell-error-name c)))
;=> *SP-UNBOUND-VAR*

;;; dynamic binding seen by called functions
(defvar *sp-x* 'global)
(defun sp-get-x () *sp-x*)
(let ((*sp-x* 'let-bound)) (sp-get-x))
;=> LET-BOUND
(sp-get-x)
;=> GLOBAL
(let ((*sp-x* 1)) (let ((*sp-x* 2)) (sp-get-x)))
;=> 2
(list (let ((*sp-x* 'inner)) (sp-get-x)) (sp-get-x))
;=> (INNER GLOBAL)
(let* ((*sp-x* 'first) (y (sp-get-x))) y)
;=> FIRST
(defun sp-bind-and-call (v f) (let ((*sp-x* v)) (funcall f)))
(sp-bind-and-call 'via-funcall #'sp-get-x)
;=> VIA-FUNCALL
(let ((f (let ((*sp-x* 'closure-time)) (lambda () *sp-x*)))) (funcall f))
;=> GLOBAL
(let ((*sp-x* 'outer)) (let ((f (lambda () *sp-x*))) (let ((*sp-x* 'inner)) (funcall f))))
;=> INNER
(mapcar (lambda (v) (let ((*sp-x* v)) (sp-get-x))) '(a b c))
;=> (A B C)
(let ((*sp-x* 'a)) (catch 'tag (let ((*sp-x* 'b)) (throw 'tag nil))) (sp-get-x))
;=> A
(let ((*sp-x* 'a)) (block blk (let ((*sp-x* 'b)) (return-from blk))) (sp-get-x))
;=> A
(let ((*sp-x* 'a)) (ignore-errors (let ((*sp-x* 'b)) (error "x"))) (sp-get-x))
;=> A
(let ((*sp-x* 'a)) (handler-case (let ((*sp-x* 'b)) (error "x")) (error () (sp-get-x))))
;=> A
(block sp-hb2 (let ((*sp-x* 'a)) (handler-bind ((error (lambda (c) (declare (ignore c)) (return-from sp-hb2 (sp-get-x))))) (let ((*sp-x* 'b)) (error "x")))))
;=> B
(let ((*sp-x* 'a)) (list (unwind-protect (let ((*sp-x* 'b)) (sp-get-x)) (setq *sp-x* 'cleanup)) *sp-x*))
;=> (B CLEANUP)
(defun sp-recur (n) (if (zerop n) (sp-get-x) (let ((*sp-x* n)) (sp-recur (1- n)))))
(sp-recur 3)
;=> 1

;;; setq / setf of a bound special
(let ((*sp-x* 'bound)) (setq *sp-x* 'changed) (sp-get-x))
;=> CHANGED
*sp-x*
;=> GLOBAL
(progn (let ((*sp-x* 'bound)) (setf *sp-x* 'changed-inside)) *sp-x*)
;=> GLOBAL
(progn (setq *sp-x* 'global-changed) (sp-get-x))
;=> GLOBAL-CHANGED
(setq *sp-x* 'global)
;=> GLOBAL
(defun sp-set-x (v) (setq *sp-x* v))
(let ((*sp-x* 1)) (sp-set-x 2) *sp-x*)
;=> 2
*sp-x*
;=> GLOBAL
(let ((*sp-x* 1)) (incf *sp-x* 10) (sp-get-x))
;=> 11
(defvar *sp-list* nil)
(let ((*sp-list* '(a))) (push 'b *sp-list*) *sp-list*)
;=> (B A)
*sp-list*
;=> NIL

;;; symbol-value, set, boundp, makunbound
(symbol-value '*sp-x*)
;=> GLOBAL
(let ((*sp-x* 'dyn)) (symbol-value '*sp-x*))
;=> DYN
(let ((*sp-x* 'dyn)) (set '*sp-x* 'via-set) (list (symbol-value '*sp-x*) (sp-get-x)))
;=> (VIA-SET VIA-SET)
(progn (setf (symbol-value '*sp-newvar*) 5) (symbol-value '*sp-newvar*))
;=> 5
(let ((x 'lexical)) (declare (ignorable x)) (boundp 'x))
;=> NIL
(boundp '*sp-x*)
;=> T
(boundp 'sp-never-bound)
;=> NIL
(defvar *sp-m* 1)
(makunbound '*sp-m*)
;=> *SP-M*
(boundp '*sp-m*)
;=> NIL
*sp-m*
;error> UNBOUND-VARIABLE
(progn (defvar *sp-m* 'again) *sp-m*)
;=> AGAIN
(handler-case (symbol-value 'sp-nothing-here) (unbound-variable () 'unbound))
;=> UNBOUND
(symbol-value 'sp-nothing-here)
;error> UNBOUND-VARIABLE
(symbol-value :keyword)
;=> :KEYWORD
(symbol-value nil)
;=> NIL
(symbol-value t)
;=> T
(let ((*sp-m* 'temp)) (makunbound '*sp-m*) (boundp '*sp-m*))
;=> NIL
*sp-m*
;=> AGAIN
(progv '(*sp-m*) '() (boundp '*sp-m*))
;=> NIL
(let ((*sp-x* 'outer)) (progv '(*sp-x*) '(progv) (list (sp-get-x) (symbol-value '*sp-x*))))
;=> (PROGV PROGV)

;;; special declarations
(defun sp-free () (declare (special sp-free-var)) sp-free-var)
(let ((sp-free-var 'declared)) (declare (special sp-free-var)) (sp-free))
;=> DECLARED
(let ((sp-lex 'lexical)) (let ((sp-lex 'dynamic)) (declare (special sp-lex)) (list sp-lex (funcall (lambda () (declare (special sp-lex)) sp-lex)))))
;=> (DYNAMIC DYNAMIC)
(let ((sp-v 1)) (declare (special sp-v)) (flet ((f () (declare (special sp-v)) sp-v)) (let ((sp-v 2)) (list sp-v (f)))))
;=> (2 1)
(defun sp-param-special (sp-pv) (declare (special sp-pv)) (sp-read-pv))
(defun sp-read-pv () (declare (special sp-pv)) sp-pv)
(sp-param-special 'from-param)
;=> FROM-PARAM
(let ((*sp-x* 1)) (declare (special *sp-x*)) *sp-x*)
;=> 1
(locally (declare (special sp-free-var)) (let ((sp-free-var 'locally-special)) (sp-free)))
;error> UNBOUND-VARIABLE

;;; defconstant
(defconstant +sp-k+ 42)
+sp-k+
;=> 42
(defconstant +sp-k+ 42)
(constantp '+sp-k+)
;=> T
(constantp 'sp-not-constant)
;=> NIL
(constantp 12)
;=> T
(constantp :kw)
;=> T
(constantp ''quoted)
;=> T
(defun sp-use-k () (* 2 +sp-k+))
(sp-use-k)
;=> 84
(defconstant +sp-list-k+ '(1 2))
+sp-list-k+
;=> (1 2)
(symbol-value '+sp-k+)
;=> 42
(boundp '+sp-k+)
;=> T
(handler-case (eval '(let ((+sp-k+ 1)) +sp-k+)) (error () 'error))
;=> ERROR
(handler-case (eval '(setq t 1)) (error () 'error))
;=> ERROR
(handler-case (eval '(setq nil 1)) (error () 'error))
;=> ERROR
(handler-case (eval '(let ((t 1)) t)) (error () 'error))
;=> ERROR
(handler-case (set :kw 1) (error () 'error))
;=> ERROR
pi
;=> 3.141592653589793d0
(constantp 'pi)
;=> T
most-positive-fixnum
;=> 4611686018427387903
(list (typep most-positive-fixnum 'fixnum) (typep (1+ most-positive-fixnum) 'fixnum))
;=> (T NIL)

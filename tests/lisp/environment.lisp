;;;; CLHS 25 and friends: limits, REPL variables, FUNCTION-LAMBDA-EXPRESSION,
;;;; compiler macros, FORMATTER, WITH-HASH-TABLE-ITERATOR, shadowing symbols,
;;;; UPGRADED-COMPLEX-PART-TYPE, modules. Expectations written by tests/sbcl_check.py.

(list call-arguments-limit lambda-parameters-limit multiple-values-limit)
;=> (4611686018427387903 4611686018427387903 4611686018427387903)
(list (not (null (member '&key lambda-list-keywords))) (member '&whole lambda-list-keywords) (constantp 'lambda-list-keywords))
;=> (T (&WHOLE) T)
(list *compile-file-pathname* *compile-file-truename* *compile-print* *compile-verbose* *macroexpand-hook*)
;=> (NIL NIL NIL T FUNCALL)
(list (stringp (lisp-implementation-type)) (stringp (lisp-implementation-version)) (stringp (machine-type)) (software-type))
;=> (T T T "Linux")
(upgraded-complex-part-type 'fixnum)
;=> FIXNUM
(upgraded-complex-part-type 'integer)
;=> INTEGER
(upgraded-complex-part-type 'single-float)
;=> SINGLE-FLOAT
(upgraded-complex-part-type 'double-float)
;=> DOUBLE-FLOAT
(upgraded-complex-part-type '(double-float 0d0 1d0))
;=> (DOUBLE-FLOAT 0.0d0 1.0d0)
(defpackage :env-shadow (:use :cl) (:shadow #:env-shadowed-one #:env-shadowed-two))
(mapcar #'symbol-name (package-shadowing-symbols :env-shadow))
;=> ("ENV-SHADOWED-TWO" "ENV-SHADOWED-ONE")
(package-shadowing-symbols :cl-user)
;=> NIL
(let ((h (make-hash-table))) (setf (gethash 1 h) :a (gethash 2 h) :b) (with-hash-table-iterator (next h) (loop for (more k v) = (multiple-value-list (next)) while more collect (list k v))))
;=> ((1 :A) (2 :B))
(let ((h (make-hash-table))) (with-hash-table-iterator (next h) (multiple-value-list (next))))
;=> (NIL)
(let ((h (make-hash-table :test 'equal)) (n 0)) (dotimes (i 5) (setf (gethash (format nil "k~a" i) h) i)) (with-hash-table-iterator (it h) (loop (multiple-value-bind (more k v) (it) (declare (ignore k)) (unless more (return n)) (incf n v)))))
;=> 10
(with-output-to-string (s) (funcall (formatter "~a+~a") s 1 2 3))
;=> "1+2"
(funcall (formatter "~a+~a") (make-broadcast-stream) 1 2 3)
;=> (3)
(funcall (formatter "~{~a~}") (make-broadcast-stream) '(1 2) :rest)
;=> (:REST)
(format nil (formatter "x~Dy") 5)
;=> "x5y"
(format nil (formatter "~@{~a~^,~}") 1 2 3)
;=> "1,2,3"
(defun env-flx (a b) (+ a b))
(multiple-value-list (function-lambda-expression #'env-flx))
;=> ((LAMBDA (A B) (BLOCK ENV-FLX (+ A B))) T ENV-FLX)
(multiple-value-list (function-lambda-expression #'car))
;=> (NIL T CAR)
(second (multiple-value-list (function-lambda-expression (lambda (x) x))))
;=> T
(define-compiler-macro env-flx (&whole w a b) (if (eql b 0) a w))
;=> ENV-FLX
(functionp (compiler-macro-function 'env-flx))
;=> T
(funcall (compiler-macro-function 'env-flx) '(env-flx z 0) nil)
;=> Z
(funcall (compiler-macro-function 'env-flx) '(env-flx z 1) nil)
;=> (ENV-FLX Z 1)
(compiler-macro-function 'car)
;=> NIL
(env-flx 1 0)
;=> 1
(progn (provide "env-test-module") (not (null (member "env-test-module" *modules* :test #'string=))))
;=> T
(require "env-test-module")
;=> NIL
(handler-case (require "env-no-such-module-xyz") (error () :error))
;=> :ERROR
(with-compilation-unit () 1 2)
;=> 2
(step (+ 1 2))
;=> 3
(let ((*macroexpand-hook* (lambda (fn form env) (if (and (consp form) (eq (car form) 'env-hooked)) ''hooked (funcall fn form env))))) (eval '(progn (defmacro env-hooked () 1) (env-hooked))))
;=> HOOKED

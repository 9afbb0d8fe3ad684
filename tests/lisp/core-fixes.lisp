;;;; Core cases found by the conformance sweep and fixed (expectations from
;;;; sbcl --script, via tests/sbcl_check.py).

;; &WHOLE in a nested destructuring pattern binds the sublist
(destructuring-bind (&whole w (&whole inner a b) &rest r) '((1 2) 3) (list w a inner b r))
;=> (((1 2) 3) 1 (1 2) 2 (3))

;; a DESTRUCTURING-BIND count mismatch is SBCL's ARG-COUNT-ERROR, not a PROGRAM-ERROR
(handler-case (destructuring-bind (a b) '(1) (list a b)) (program-error () 'program-error))
;error> ARG-COUNT-ERROR

;; an unknown &KEY argument to a lambda
(funcall (lambda (&key a) a) :b 1)
;error> UNKNOWN-KEYWORD-ARGUMENT

;; an odd number of &KEY arguments to a lambda
(handler-case (funcall (lambda (&key a) a) :a) (program-error (c) (princ-to-string c)))
;=> "odd number of &KEY arguments"

;; SETQ of a constant is an error when it runs, not when it is analyzed
(defconstant +pending-k+ 42)
(handler-case (setq +pending-k+ 1) (error () 'error))
;=> ERROR
(progn (defun pending-set-k () (setq +pending-k+ 1)) 'defined)
;=> DEFINED

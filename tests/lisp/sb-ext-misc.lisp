;;;; SBCL extensions: float predicates and the SHORT/LONG infinities, the
;;;; type expanders and validity predicates, global variables. Expectations
;;;; written by tests/sbcl_check.py.

(list sb-ext:short-float-positive-infinity sb-ext:long-float-negative-infinity)
;=> (#.SINGLE-FLOAT-POSITIVE-INFINITY #.DOUBLE-FLOAT-NEGATIVE-INFINITY)
(mapcar #'sb-ext:float-infinity-p (list 1.0 sb-ext:single-float-positive-infinity sb-ext:double-float-negative-infinity))
;=> (NIL T T)
(list (sb-ext:float-nan-p 1d0) (sb-ext:float-trapping-nan-p 1.0))
;=> (NIL NIL)
(list (sb-ext:float-denormalized-p 1e-40) (sb-ext:float-denormalized-p 1.0) (sb-ext:float-denormalized-p least-positive-double-float) (sb-ext:float-denormalized-p 0.0))
;=> (T NIL T NIL)
(handler-case (sb-ext:float-infinity-p 1) (type-error (e) (type-error-expected-type e)))
;=> FLOAT
(deftype sx-int () 'integer)
(deftype sx-pair (x) `(cons ,x ,x))
(multiple-value-list (sb-ext:typexpand-1 'sx-int))
;=> (INTEGER T)
(multiple-value-list (sb-ext:typexpand '(sx-pair sx-int)))
;=> ((CONS SX-INT SX-INT) T)
(multiple-value-list (sb-ext:typexpand 'integer))
;=> (INTEGER NIL)
(sb-ext:typexpand-all '(or sx-int (sx-pair sx-int)))
;=> (OR INTEGER (CONS INTEGER INTEGER))
(sb-ext:typexpand-all '(sx-pair sx-int))
;=> (CONS INTEGER INTEGER)
(mapcar #'sb-ext:valid-type-specifier-p '(sx-int sx-nope (integer 0 1) (integer a) (cons * *) (cons * sx-nope) (cons 1 *) (satisfies undefined-predicate) (values integer &optional string) (and integer (or string sx-int))))
;=> (T NIL T NIL T NIL NIL T T T)
(list (sb-ext:defined-type-name-p 'sx-int) (sb-ext:defined-type-name-p 'integer) (sb-ext:defined-type-name-p 'sx-nope) (sb-ext:defined-type-name-p 'hash-table))
;=> (T T NIL T)
(sb-ext:defglobal *sx-g* 10 "A global.")
;=> *SX-G*
*sx-g*
;=> 10
(progn (setf *sx-g* 20) (list *sx-g* (sb-ext:symbol-global-value '*sx-g*) (documentation '*sx-g* 'variable)))
;=> (20 20 "A global.")
(progn (sb-ext:defglobal *sx-g* 99) *sx-g*)
;=> 20
(handler-case (eval '(defvar *sx-g* 3)) (error (e) (princ-to-string e)))
;=> "Cannot proclaim a GLOBAL variable SPECIAL: *SX-G*"
(defvar *sx-special* 1)
(handler-case (eval '(sb-ext:defglobal *sx-special* 2)) (error (e) (princ-to-string e)))
;=> "Cannot proclaim a SPECIAL variable GLOBAL: *SX-SPECIAL*"
(sb-ext:define-load-time-global *sx-lg* (list 1 2))
;=> *SX-LG*
*sx-lg*
;=> (1 2)
(let ((*sx-special* 2)) (list *sx-special* (sb-ext:symbol-global-value '*sx-special*)))
;=> (2 1)
(progn (setf (sb-ext:symbol-global-value '*sx-special*) 5) *sx-special*)
;=> 5
(handler-case (sb-ext:symbol-global-value 'sx-unbound-xyz) (unbound-variable (e) (cell-error-name e)))
;=> SX-UNBOUND-XYZ

;;;; The LDB, MASK-FIELD and APPLY places, and the order their subforms
;;;; are evaluated in. Expectations written by tests/sbcl_check.py.

(defvar *pl-order* nil)
(defun pl-note (x) (push x *pl-order*) x)

(let ((n #b1010)) (list (setf (ldb (byte 2 0) n) 3) n))
;=> (3 11)
(let ((n 0)) (incf (ldb (byte 4 4) n) 3) n)
;=> 48
(let ((n 255)) (decf (ldb (byte 8 0) n)) n)
;=> 254
(let ((v (vector 0 0))) (setf *pl-order* nil)
  (list (setf (ldb (pl-note (byte 4 0)) (aref v (pl-note 1))) (pl-note 7)) v (reverse *pl-order*)))
;=> (7 #(0 7) ((4 . 0) 1 7))
(let ((n 0)) (list (setf (mask-field (byte 2 2) n) 12) n))
;=> (12 12)
(let ((n 1)) (incf (mask-field (byte 4 4) n) 16) n)
;=> 17
(let ((l (list 1 2))) (setf (ldb (byte 1 0) (car l)) 0) l)
;=> (0 2)
(let ((a (make-array '(2 2) :initial-element 0))) (setf (apply #'aref a '(1 1)) 7) a)
;=> #2A((0 0) (0 7))
(let ((l (list 1 2 3))) (setf (apply #'nth 1 (list l)) 'x) l)
;=> (1 X 3)
(let ((a (make-array 3 :initial-element 0))) (incf (apply #'aref a (list 2)) 5) a)
;=> #(0 0 5)
(handler-case (macroexpand '(setf (apply 'aref a i) 1)) (error (e) (princ-to-string e)))
;=> "SETF of APPLY is only defined for function args like #'SYMBOL."
(nth-value 4 (get-setf-expansion '(ldb (byte 2 0) x)))
;=> (LDB (BYTE 2 0) X)

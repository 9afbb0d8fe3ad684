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

;;; a place's subforms are evaluated before the new value (CLHS 5.1.1.1)
(let ((v (vector 0 0 0)) (i 0)) (setf (aref v (incf i)) (incf i)) (list v i))
;=> (#(0 2 0) 2)
(let ((v (vector 0 0 0)) (i 0)) (setf (aref v i) (incf i)) (list v i))
;=> (#(1 0 0) 1)
(let ((v (vector 0 0 0)) (i 0)) (setf (aref v (incf i)) i) (list v i))
;=> (#(0 1 0) 1)
(let ((l (list 1 2 3)) (i 0)) (setf (nth i l) (incf i) (nth i l) (incf i)) (list l i))
;=> ((1 2 3) 2)
(let ((h (make-hash-table)) (k 1)) (setf (gethash k h) (incf k)) (list (gethash 1 h) (gethash 2 h)))
;=> (2 NIL)
(let ((v (vector 0 0))) (setf (aref v 1) 'x) v)
;=> #(0 X)
(let ((v (vector 0 0)) (x 5)) (symbol-macrolet ((idx (prog1 0 (setf x 7)))) (setf (aref v idx) x)) (list v x))
;=> (#(7 0) 7)

;;; SETF of GETF walks the list as SBCL, SETF of ELT past the end
(let ((l (list 'a 'b))) (setf (getf (cdr l) :k) 1) l)
;=> (A :K 1 B)
(let ((l (list :a 1 :b))) (setf (getf l :c) 3) l)
;=> (:C 3 :A 1 :B)
(let ((l (list :a 1 :b))) (handler-case (setf (getf l :b) 3) (type-error (e) (list (type-error-datum e) (type-error-expected-type e)))))
;=> (NIL CONS)
(let ((l (list* :a 1 :z))) (handler-case (setf (getf l :c) 3) (type-error (e) (list (type-error-datum e) (type-error-expected-type e)))))
;=> (:Z LIST)
(handler-case (setf (elt (list 1 2) 7) 0) (type-error (e) (list (type-of e) (type-error-datum e) (type-error-expected-type e))))
;=> (TYPE-ERROR NIL CONS)
(handler-case (setf (elt (list* 1 2 3) 2) 0) (type-error (e) (list (type-of e) (type-error-datum e) (type-error-expected-type e))))
;=> (TYPE-ERROR 3 CONS)
(handler-case (setf (elt (vector 1 2) 5) 0) (error (e) (type-of e)))
;=> SB-INT:INVALID-ARRAY-INDEX-ERROR
(handler-case (setf (elt (make-array 4 :fill-pointer 2) 3) 0) (error (e) (type-of e)))
;=> SB-KERNEL:INDEX-TOO-LARGE-ERROR

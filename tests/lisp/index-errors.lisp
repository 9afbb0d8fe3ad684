;;;; The classes and reports of SBCL's index errors: ELT of a list past its
;;;; end (SB-KERNEL:INDEX-TOO-LARGE-ERROR), an index out of an array's
;;;; bounds (SB-INT:INVALID-ARRAY-INDEX-ERROR). Expectations written by
;;;; tests/sbcl_check.py.

(defun ie-report (thunk)
  (handler-case (funcall thunk)
    (error (e) (let ((*print-pretty* nil))
                 (format nil "~S ~S ~A ~S ~S" (type-of e) (typep e 'type-error) e
                         (type-error-datum e) (type-error-expected-type e))))))
(ie-report (lambda () (elt '(1 2 3) 5)))
;=> "SB-KERNEL:INDEX-TOO-LARGE-ERROR T The index 5 is too large for a list of length 3. 5 (INTEGER 0 2)"
(ie-report (lambda () (elt #(1 2 3) 5)))
;=> "SB-KERNEL:INDEX-TOO-LARGE-ERROR T Invalid index 5 for (SIMPLE-VECTOR 3) , should be a non-negative integer below 3. 5 (INTEGER 0 2)"
(ie-report (lambda () (elt "abc" 3)))
;=> "SB-KERNEL:INDEX-TOO-LARGE-ERROR T Invalid index 3 for (SIMPLE-ARRAY CHARACTER (3)) , should be a non-negative integer below 3. 3 (INTEGER 0 2)"
(ie-report (lambda () (aref #(1 2) 5)))
;=> "SB-INT:INVALID-ARRAY-INDEX-ERROR T Invalid index 5 for (SIMPLE-VECTOR 2), should be a non-negative integer below 2. 5 (INTEGER 0 (2))"
(ie-report (lambda () (char "ab" 5)))
;=> "SB-INT:INVALID-ARRAY-INDEX-ERROR T Invalid index 5 for (SIMPLE-ARRAY CHARACTER (2)), should be a non-negative integer below 2. 5 (INTEGER 0 (2))"
(ie-report (lambda () (aref (make-array '(2 2)) 1 5)))
;=> "SB-INT:INVALID-ARRAY-INDEX-ERROR T Invalid index 5 for (SIMPLE-ARRAY T (2 2)), should be a non-negative integer below 2. 5 (INTEGER 0 (2))"
(ie-report (lambda () (elt (make-array 4 :fill-pointer 2) 3)))
;=> "SB-KERNEL:INDEX-TOO-LARGE-ERROR T Invalid index 3 for (VECTOR T 4) with fill-pointer 2, should be a non-negative integer below 2. 3 (INTEGER 0 1)"
(format nil "~{~S~^ ~}" (mapcar #'class-name (sb-mop:class-precedence-list (find-class 'sb-int:invalid-array-index-error))))
;=> "SB-INT:INVALID-ARRAY-INDEX-ERROR TYPE-ERROR ERROR SERIOUS-CONDITION CONDITION SB-PCL::SLOT-OBJECT T"

;;;; Type declarations of variables are checked as SBCL checks them at its
;;;; default safety (1): at binding ("when binding X") and at SETQ; not with
;;;; (optimize (safety 0)). Expectations written by tests/sbcl_check.py.

(defun decl-id (x) x)
;; SBCL reports some types in a canonical form ((integer 0 10) as (MOD 11)):
;; for those, only the class of the condition and the datum are compared
(defun decl-class (thunk)
  (handler-case (list :ok (funcall thunk))
    (type-error (e) (list (type-of e) (type-error-datum e)))))
(defun decl-report (thunk)
  (let ((*print-pretty* nil))
    (handler-case (format nil "ok ~s" (funcall thunk))
      (type-error (e) (format nil "~s ~s ~s ~s" (type-of e) (type-error-datum e)
                              (type-error-expected-type e) (remove #\Newline (princ-to-string e)))))))
(decl-report (lambda () (let ((x (decl-id "x"))) (declare (fixnum x)) x)))
;=> "TYPE-ERROR \"x\" FIXNUM \"The value \\\"x\\\" is not of type FIXNUM when binding X\""
(decl-report (lambda () (let ((x (decl-id 1))) (declare (type string x)) x)))
;=> "TYPE-ERROR 1 STRING \"The value 1 is not of type STRING when binding X\""
(decl-report (lambda () (let ((x (decl-id 1))) (declare (fixnum x)) x)))
;=> "ok 1"
(decl-report (lambda () (let ((x (decl-id 1)) (y (decl-id 'a))) (declare (fixnum x) (symbol y)) (list x y))))
;=> "ok (1 A)"
(defun decl-f (a b) (declare (type integer a) (string b)) (list a b))
(decl-report (lambda () (decl-f 1 2)))
;=> "TYPE-ERROR 2 STRING \"The value 2 is not of type STRING when binding B\""
(decl-report (lambda () (decl-f "a" "b")))
;=> "TYPE-ERROR \"a\" INTEGER \"The value \\\"a\\\" is not of type INTEGER when binding A\""
(decl-report (lambda () (decl-f 1 "b")))
;=> "ok (1 \"b\")"
(decl-report (lambda () (let ((x 1)) (declare (fixnum x)) (setq x (decl-id "s")) x)))
;=> "TYPE-ERROR \"s\" FIXNUM \"The value \\\"s\\\" is not of type FIXNUM\""
(decl-report (lambda () (let ((x 1)) (declare (fixnum x)) (setq x (decl-id 7)) x)))
;=> "ok 7"
(decl-report (lambda () (let ((x 1)) (declare (fixnum x)) (setf x (decl-id 2.5)) x)))
;=> "TYPE-ERROR 2.5 FIXNUM \"The value 2.5 is not of type FIXNUM\""
(decl-report (lambda () (let ((x 1)) (declare (fixnum x)) (incf x (decl-id 0.5)) x)))
;=> "TYPE-ERROR 1.5 FIXNUM \"The value 1.5 is not of type FIXNUM\""
(decl-report (lambda () (the fixnum (decl-id "s"))))
;=> "ok \"s\""
(decl-report (lambda () (let* ((a 1) (b (decl-id :k))) (declare (type (or string integer) b)) (list a b))))
;=> "TYPE-ERROR :K (OR STRING INTEGER) \"The value :K is not of type (OR STRING INTEGER) when binding B\""
(decl-report (lambda () (let* ((a 1) (b (decl-id 2))) (declare (type (or string integer) b)) (list a b))))
;=> "ok (1 2)"
(defun decl-g (&optional (o (decl-id "s"))) (declare (fixnum o)) o)
(decl-report (lambda () (decl-g)))
;=> "TYPE-ERROR \"s\" FIXNUM \"The value \\\"s\\\" is not of type FIXNUM when binding O\""
(decl-report (lambda () (decl-g 4)))
;=> "ok 4"
(defun decl-h (&key (k 1)) (declare (fixnum k)) k)
(decl-report (lambda () (decl-h :k 'a)))
;=> "TYPE-ERROR A FIXNUM \"The value A is not of type FIXNUM when binding K\""
(decl-report (lambda () (decl-h)))
;=> "ok 1"
(defun decl-r (&rest r) (declare (list r)) r)
(decl-report (lambda () (decl-r 1 2)))
;=> "ok (1 2)"
(decl-report (lambda () (multiple-value-bind (a b) (values 1 (decl-id "x")) (declare (fixnum b)) (list a b))))
;=> "TYPE-ERROR \"x\" FIXNUM \"The value \\\"x\\\" is not of type FIXNUM\""
(decl-report (lambda () (multiple-value-bind (a b) (values 1 2) (declare (fixnum b)) (list a b))))
;=> "ok (1 2)"
(decl-report (lambda () (dolist (x (list 1 (decl-id "x"))) (declare (fixnum x)) x)))
;=> "TYPE-ERROR \"x\" FIXNUM \"The value \\\"x\\\" is not of type FIXNUM when binding X\""
(decl-report (lambda () (let ((s 0)) (dolist (x (list 1 2 3)) (declare (fixnum x)) (incf s x)) s)))
;=> "ok 6"
(decl-report (lambda () (let ((s 0)) (dotimes (i 4 s) (declare (fixnum i)) (incf s i)))))
;=> "ok 6"
(decl-report (lambda () (do ((i 0 (1+ i))) ((= i 3) i) (declare (fixnum i)))))
;=> "ok 3"
(decl-report (lambda () (locally (declare (optimize (safety 0))) (let ((x (decl-id "x"))) (declare (fixnum x)) x))))
;=> "ok \"x\""
(decl-report (lambda () (let ((x (decl-id "s"))) (declare (ignorable x) (type fixnum x)) 5)))
;=> "TYPE-ERROR \"s\" FIXNUM \"The value \\\"s\\\" is not of type FIXNUM when binding X\""
(decl-report (lambda () (let ((x (decl-id "s"))) (declare (special x) (fixnum x)) x)))
;=> "TYPE-ERROR \"s\" FIXNUM \"The value \\\"s\\\" is not of type FIXNUM when binding X\""
(decl-report (lambda () (destructuring-bind (a (b c)) (list 1 (list 2 (decl-id "c"))) (declare (fixnum c)) (list a b c))))
;=> "TYPE-ERROR \"c\" FIXNUM \"The value \\\"c\\\" is not of type FIXNUM when binding C\""
(decl-report (lambda () (destructuring-bind (a (b c)) (list 1 (list 2 3)) (declare (fixnum c)) (list a b c))))
;=> "ok (1 2 3)"
(decl-report (lambda () (flet ((q (y) (declare (string y)) y)) (q (decl-id 5)))))
;=> "TYPE-ERROR 5 STRING \"The value 5 is not of type STRING when binding Y\""
(decl-report (lambda () (labels ((q (y) (declare (string y)) y)) (q (decl-id "ok")))))
;=> "ok \"ok\""
(decl-class (lambda () (funcall (lambda (n) (declare (type (integer 0 10) n)) n) (decl-id 11))))
;=> (TYPE-ERROR 11)
(decl-report (lambda () (funcall (lambda (n) (declare (type (integer 0 10) n)) n) (decl-id 10))))
;=> "ok 10"
(decl-report (lambda () (let ((v (decl-id (vector 1 2)))) (declare (simple-vector v)) (length v))))
;=> "ok 2"
(decl-report (lambda () (let ((v (decl-id (list 1 2)))) (declare (vector v)) (length v))))
;=> "TYPE-ERROR (1 2) VECTOR \"The value (1 2) is not of type VECTOR when binding V\""
(deftype decl-small () '(integer 0 3))
(decl-class (lambda () (let ((n (decl-id 9))) (declare (type decl-small n)) n)))
;=> (TYPE-ERROR 9)
(decl-report (lambda () (let ((n (decl-id 2))) (declare (decl-small n)) n)))
;=> "ok 2"
(decl-report (lambda () (let ((f (decl-id #'car))) (declare (function f)) (funcall f '(1)))))
;=> "ok 1"
(decl-report (lambda () (let ((x (decl-id 1))) (declare (fixnum x) (integer x)) x)))
;=> "ok 1"
(handler-case (let ((x (decl-id "x"))) (declare (fixnum x)) x) (type-error () 'type-error))
;=> TYPE-ERROR
;; the result form of DOLIST sees the variable bound to NIL, with its declarations
(handler-case (let ((s 0)) (dolist (x (list 1 2 3) s) (declare (fixnum x)) (incf s x))) (type-error () :type-error))
;=> :TYPE-ERROR

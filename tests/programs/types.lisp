;;;; A validating configuration loader: types describe what each setting
;;;; may hold, values are checked, coerced and reported.

(deftype port () '(integer 1 65535))
(deftype percentage () '(real 0 100))
(deftype digit () '(integer 0 9))
(deftype log-level () '(member :debug :info :warn :error))
(deftype host-name () '(and string (satisfies valid-host-p)))
(deftype small-list (&optional (n 3)) `(and list (satisfies ,(intern (format nil "LEN<=~D" n)))))
(defun len<=3 (l) (<= (length l) 3))
(defun valid-host-p (s) (and (stringp s) (plusp (length s)) (every (lambda (c) (or (alphanumericp c) (find c ".-"))) s)))

(defparameter *schema*
  '((:port port) (:ratio percentage) (:level log-level) (:host host-name)
    (:tags (small-list)) (:retries (or null (integer 0 10)))
    (:weights (vector single-float)) (:mode (or (eql :fast) (eql :safe)))))

(defun check-setting (key value)
  (let ((type (second (assoc key *schema*))))
    (cond ((null type) (format t "~&~(~A~): unknown setting~%" key))
          ((typep value type) (format t "~&~(~A~): ~S ok~%" key value))
          (t (format t "~&~(~A~): ~S is not ~S~%" key value type)))))

(loop for (k v) on (list :port 8080 :port 70000 :ratio 12.5 :ratio -1 :level :info
                         :level :trace :host "example.com" :host "bad host!"
                         :tags '(a b) :tags '(a b c d) :retries nil :retries 11
                         :weights (make-array 2 :element-type 'single-float :initial-element 1.0)
                         :weights #(1 2) :mode :safe :mode :slow :color "red")
      by #'cddr
      do (check-setting k v))

;; type-of and class-of many objects
(dolist (x (list 0 -5 (expt 2 70) 1/3 1.5 1.5d0 #c(1 2) #c(1.0 2.0) #\a "str"
                 (make-string 2 :initial-element #\x) 'sym :key nil t '(1) #(1 2)
                 (make-array 3 :element-type 'bit) (make-array '(2 2))
                 (make-array 2 :adjustable t) (make-hash-table) #'car (lambda (x) x)
                 *standard-output* (make-string-input-stream "") (find-package :cl)
                 (make-pathname :directory '(:absolute "tmp") :name "x" :type "lisp") (make-condition 'simple-error) (find-class 'integer)
                 (make-random-state nil)))
  (format t "~&~30S ~S~%" (type-of x) (class-name (class-of x))))

;; subtypep with its two values
(dolist (pair '((fixnum integer) (integer fixnum) (port fixnum) (log-level symbol)
                (null list) (list sequence) (string (vector character))
                ((integer 0 5) (integer 0 10)) ((or fixnum bignum) integer)
                ((member 1 2) (integer 1 2)) ((and real (not integer)) (or ratio float))
                ((satisfies evenp) integer) (nil t) (t nil) (character base-char)
                ((eql 3) (integer 3 3)) (simple-string string) (ratio rational)
                (single-float float) ((cons integer) list) (keyword symbol)))
  (format t "~&~40S ~{~S~^ ~}~%" pair (multiple-value-list (subtypep (first pair) (second pair)))))

;; typep with compound specifiers
(print (list (typep 5 '(integer 0 *)) (typep 5 '(mod 5)) (typep 4 '(mod 5))
             (typep '(1 . "a") '(cons integer string)) (typep #(1 2) '(simple-vector 2))
             (typep "abc" '(string 3)) (typep 2.0 '(float 1.0 (2.0)))
             (typep 'x '(not (member a b))) (typep 7 '(and integer (satisfies oddp)))
             (typep nil '(or null cons)) (typep #\a 'standard-char) (typep 1/2 'ratio)
             (typep 10 '(unsigned-byte 3)) (typep -1 '(signed-byte 8))
             (typep (make-array '(2 3)) '(array t (2 *))) (typep 3 'atom)))

;; coerce
(print (list (coerce '(#\a #\b) 'string) (coerce "abc" 'list) (coerce #(1 2) 'list)
             (coerce '(1 2) 'vector) (coerce 3 'double-float) (coerce 1/4 'single-float)
             (coerce 2 'complex) (coerce #c(1 0) 'real) (coerce 7/2 'float)
             (coerce 'car 'function) (coerce '(1 0 1) '(vector bit))
             (coerce "x" 'character) (coerce 1.5 '(complex double-float))))
(print (handler-case (coerce "abc" 'integer)
         (type-error (e) (list (type-error-datum e) (type-error-expected-type e)))))
(print (handler-case (coerce 1.5 'integer) (type-error () :no-float-to-integer)))

;; check-type with its STORE-VALUE restart
(defun set-port (config port)
  (check-type port port "a TCP port number")
  (setf (getf config :port) port)
  config)
(print (handler-bind ((type-error (lambda (c)
                                    (format t "~&fixing ~S~%" (type-error-datum c))
                                    (store-value 8000 c))))
         (set-port (list :host "h") 99999)))
(print (handler-case (set-port nil "80")
         (type-error (e) (princ-to-string e))))
(let ((x 'a))
  (print (handler-case (progn (check-type x (or null digit)) x)
           (error (e) (list (type-of e) (type-error-expected-type e))))))

;; typecase, etypecase, ctypecase
(defun describe-value (x)
  (typecase x
    ((integer * -1) "negative integer")
    ((integer 0 9) "digit")
    (integer "big integer")
    ((or single-float double-float) "float")
    ((and string (satisfies valid-host-p)) "host-like string")
    (string "string")
    ((cons symbol) "form")
    (null "nothing")
    (t "something else")))
(print (mapcar #'describe-value (list -3 4 400 2.5 "a.b" "a b" '(f 1) nil #\c)))
(print (handler-case (etypecase 1.5 (integer :int) (string :str))
         (type-error (e) (type-error-expected-type e))))
(print (list (upgraded-array-element-type '(integer 0 200)) (upgraded-array-element-type 'bit)
             (array-element-type (make-array 2 :element-type '(unsigned-byte 4)))
             (array-element-type "abc") (stringp (make-array 2 :element-type 'character))))
(print (list (type-of (the fixnum 42)) (typep (1+ most-positive-fixnum) 'fixnum)
             most-positive-fixnum (integer-length most-negative-fixnum)))

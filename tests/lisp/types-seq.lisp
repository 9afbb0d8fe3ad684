;;;; Sequence result types (MAKE-SEQUENCE, COERCE, CONCATENATE, MAP, MERGE):
;;;; DEFTYPE names expand as in SBCL, compound types fix the element type
;;;; and the length, and a wrong length is SBCL's SIMPLE-TYPE-ERROR naming
;;;; the type the way SBCL unparses it. Expectations from sbcl_check.py.

(deftype ts-string () '(vector character))
(deftype ts-list () 'list)
(deftype ts-vec3 () '(vector fixnum 3))
(deftype ts-sized (n) `(simple-array character (,n)))
(deftype ts-bits () 'simple-bit-vector)
(deftype ts-alias () 'ts-string)
(deftype ts-int () 'integer)
(defun ts-report (thunk)
  "The class and report of the error THUNK signals, or its value, on one line."
  (let ((*print-pretty* nil))
    (handler-case (format nil "value ~S" (funcall thunk))
      (error (e) (format nil "~S: ~A" (type-of e) e)))))

;;; DEFTYPE names
(make-sequence 'ts-string 3 :initial-element #\a)
;=> "aaa"
(length (make-sequence 'ts-string 2))
;=> 2
(coerce '(#\a #\b) 'ts-string)
;=> "ab"
(concatenate 'ts-string "ab" '(#\c) #(#\d))
;=> "abcd"
(map 'ts-string #'char-upcase "abc")
;=> "ABC"
(merge 'ts-string (copy-seq "ace") (copy-seq "bdf") #'char<)
;=> "abcdef"
(stringp (concatenate 'ts-string "x"))
;=> T
(make-sequence 'ts-list 2 :initial-element 1)
;=> (1 1)
(coerce #(1 2) 'ts-list)
;=> (1 2)
(concatenate 'ts-list "ab" #(1))
;=> (#\a #\b 1)
(map 'ts-list #'1+ #(1 2))
;=> (2 3)
(make-sequence 'ts-bits 3 :initial-element 1)
;=> #*111
(concatenate 'ts-bits #*10 '(1))
;=> #*101
(make-sequence 'ts-alias 2 :initial-element #\z)
;=> "zz"
(make-sequence '(ts-sized 2) 2 :initial-element #\x)
;=> "xx"
(coerce "xy" '(ts-sized 2))
;=> "xy"
(coerce '(1 2 3) 'ts-vec3)
;=> #(1 2 3)
(array-element-type (make-sequence 'ts-vec3 3 :initial-element 7))
;=> FIXNUM
(concatenate 'ts-vec3 '(1) '(2 3))
;=> #(1 2 3)
(map 'ts-vec3 #'1+ '(1 2 3))
;=> #(2 3 4)
(merge 'ts-vec3 (list 1 3) (list 2) #'<)
;=> #(1 2 3)

;;; length checks
(ts-report (lambda () (make-sequence 'ts-vec3 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (VECTOR FIXNUM 3)."
(ts-report (lambda () (concatenate 'ts-vec3 '(1) '(2))))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (VECTOR FIXNUM 3)."
(ts-report (lambda () (map 'ts-vec3 #'1+ '(1 2))))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (VECTOR FIXNUM 3)."
(ts-report (lambda () (merge 'ts-vec3 (list 1 3) (list 2 4) #'<)))
;=> "SIMPLE-TYPE-ERROR: The length requested (4) does not match the type restriction in (VECTOR FIXNUM 3)."
(ts-report (lambda () (coerce #(1 2) 'ts-vec3)))
;=> "SIMPLE-ERROR: There are 2 elements in the :INITIAL-CONTENTS, but the vector length is 3."
(ts-report (lambda () (make-sequence '(ts-sized 2) 3)))
;=> "SIMPLE-TYPE-ERROR: The length requested (3) does not match the type restriction in (SIMPLE-ARRAY CHARACTER (2))."
(ts-report (lambda () (make-sequence '(vector fixnum 3) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (VECTOR FIXNUM 3)."
(ts-report (lambda () (make-sequence '(string 3) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (VECTOR CHARACTER 3)."
(ts-report (lambda () (make-sequence '(simple-string 3) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (SIMPLE-ARRAY CHARACTER (3))."
(ts-report (lambda () (make-sequence '(base-string 3) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (BASE-STRING 3)."
(ts-report (lambda () (make-sequence '(simple-vector 3) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (SIMPLE-VECTOR 3)."
(ts-report (lambda () (make-sequence '(bit-vector 3) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (BIT-VECTOR 3)."
(ts-report (lambda () (make-sequence '(array t (3)) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (VECTOR T 3)."
(ts-report (lambda () (make-sequence '(array * (3)) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (VECTOR * 3)."
(ts-report (lambda () (make-sequence '(simple-array * (3)) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (SIMPLE-ARRAY * (3))."
(ts-report (lambda () (make-sequence '(vector (integer 0 10) 3) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (VECTOR (MOD 11) 3)."
(ts-report (lambda () (make-sequence '(vector (integer 0 255) 3) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (VECTOR (UNSIGNED-BYTE 8) 3)."
(ts-report (lambda () (make-sequence '(vector (signed-byte 8) 3) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (VECTOR (SIGNED-BYTE 8) 3)."
(ts-report (lambda () (make-sequence '(vector (integer -5 5) 3) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (VECTOR (INTEGER -5 5) 3)."
(ts-report (lambda () (make-sequence '(vector (eql 3) 3) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (VECTOR (INTEGER 3 3) 3)."
(ts-report (lambda () (make-sequence '(vector symbol 3) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (VECTOR SYMBOL 3)."
(ts-report (lambda () (make-sequence '(simple-array base-char (3)) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (SIMPLE-BASE-STRING 3)."
(ts-report (lambda () (concatenate '(string 3) "ab")))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (VECTOR CHARACTER 3)."
(ts-report (lambda () (coerce "ab" '(vector character 3))))
;=> "SIMPLE-ERROR: There are 2 elements in the :INITIAL-CONTENTS, but the vector length is 3."
(ts-report (lambda () (make-sequence 'cons 0)))
;=> "SIMPLE-TYPE-ERROR: The length requested (0) does not match the type restriction in CONS."
(ts-report (lambda () (make-sequence '(cons fixnum) 0)))
;=> "SIMPLE-TYPE-ERROR: The length requested (0) does not match the type restriction in (CONS FIXNUM T)."
(ts-report (lambda () (make-sequence '(cons t null) 2)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (CONS T NULL)."
(ts-report (lambda () (make-sequence '(cons t (cons t null)) 2)))
;=> "value (NIL NIL)"
(ts-report (lambda () (make-sequence 'null 1)))
;=> "SIMPLE-TYPE-ERROR: The length requested (1) does not match the type restriction in NULL."
(ts-report (lambda () (coerce #(1) 'null)))
;=> "SIMPLE-TYPE-ERROR: The length requested (1) does not match the type restriction in NULL."
(ts-report (lambda () (coerce '(1 2) '(vector t 3))))
;=> "SIMPLE-ERROR: There are 2 elements in the :INITIAL-CONTENTS, but the vector length is 3."
(ts-report (lambda () (coerce '(#\a) '(string 3))))
;=> "SIMPLE-TYPE-ERROR: The length requested (1) does not match the type restriction in (VECTOR CHARACTER 3)."
(ts-report (lambda () (coerce '(1) '(simple-bit-vector 3))))
;=> "SIMPLE-ERROR: There are 1 elements in the :INITIAL-CONTENTS, but the vector length is 3."
(ts-report (lambda () (coerce #(1 2) '(cons t null))))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in (CONS T NULL)."
(ts-report (lambda () (merge 'null (list 1) (list 2) #'<)))
;=> "SIMPLE-TYPE-ERROR: The length requested (2) does not match the type restriction in NULL."
(ts-report (lambda () (concatenate '(simple-vector 3) '(1))))
;=> "SIMPLE-TYPE-ERROR: The length requested (1) does not match the type restriction in (SIMPLE-VECTOR 3)."
;; MAP checks no length for a list type
(map '(cons t null) #'identity '(1 2))
;=> (1 2)
(map 'cons #'identity '())
;=> NIL
(coerce #() 'null)
;=> NIL
(make-sequence '(vector * 2) 2 :initial-element 0)
;=> #(0 0)

;;; what is not a sequence type
(ts-report (lambda () (make-sequence 'ts-int 1)))
;=> "SIMPLE-TYPE-ERROR: INTEGER is a bad type specifier for sequences."
(ts-report (lambda () (make-sequence 'ts-undefined-type 1)))
;=> "SIMPLE-TYPE-ERROR: TS-UNDEFINED-TYPE is a bad type specifier for sequences."
(ts-report (lambda () (concatenate '(or list vector) '(1))))
;=> "SIMPLE-TYPE-ERROR: (OR LIST VECTOR) is a bad type specifier for sequences."
(ts-report (lambda () (make-sequence '(array t (2 2)) 4)))
;=> "SIMPLE-TYPE-ERROR: (ARRAY T (2 2)) is a bad type specifier for sequences."
(ts-report (lambda () (coerce '(1) 'ts-int)))
;=> "SIMPLE-TYPE-ERROR: (1) can't be converted to type COMMON-LISP-USER::TS-INT."
(ts-report (lambda () (coerce '(1) 'integer)))
;=> "SIMPLE-TYPE-ERROR: (1) can't be converted to type INTEGER."
(ts-report (lambda () (coerce 1 'string)))
;=> "SIMPLE-TYPE-ERROR: 1 can't be converted to type STRING."
(ts-report (lambda () (coerce "ab" 'character)))
;=> "SIMPLE-TYPE-ERROR: String is not of length one: \"ab\""
(ts-report (lambda () (coerce 'a 'float)))
;=> "SIMPLE-TYPE-ERROR: A can't be converted to type FLOAT."
(type-of (nth-value 0 (ignore-errors (coerce '(1 a) 'ts-vec3))))
;=> NULL
(make-sequence 'ts-vec3 2)
;error> SIMPLE-TYPE-ERROR

;;;; Gray streams (SB-GRAY): user stream classes driven by every CL stream
;;;; function. Expectations from sbcl --script.

(defvar *gray-sink* nil)
(defmacro gray-error (form)
  "The name of the class of the error FORM signals, as a keyword, or :NO-ERROR."
  `(handler-case (progn (setq *gray-sink* ,form) :no-error)
     (error (c) (values (intern (symbol-name (type-of c)) :keyword)))))
(defun gray-line (&rest values)
  "VALUES printed on one line, so that long ones need no line breaks."
  (let ((*print-pretty* nil)) (format nil "~{~S~^ ~}" values)))
(defun show (text)
  "Write TEXT as the form's output; no values."
  (write-string text)
  (values))
(defmacro gray-report (form)
  "FORM's error report on one line."
  `(handler-case (progn (setq *gray-sink* ,form) :no-error)
     (error (c) (substitute #\Space #\Newline (princ-to-string c)))))

;;; the package and the classes
(list (package-name (find-package "SB-GRAY"))
      (not (null (member (find-package "SB-GRAY") (package-use-list "CL-USER")))))
;=> ("SB-GRAY" T)
(apply #'gray-line
       (mapcar #'class-name
               (progn (sb-mop:finalize-inheritance
                       (find-class 'sb-gray:fundamental-character-input-stream))
                      (sb-mop:class-precedence-list
                       (find-class 'sb-gray:fundamental-character-input-stream)))))
;=> "FUNDAMENTAL-CHARACTER-INPUT-STREAM FUNDAMENTAL-INPUT-STREAM FUNDAMENTAL-CHARACTER-STREAM FUNDAMENTAL-STREAM STANDARD-OBJECT SB-PCL::SLOT-OBJECT STREAM T"
(apply #'gray-line
       (mapcar #'class-name
               (progn (sb-mop:finalize-inheritance
                       (find-class 'sb-gray:fundamental-binary-output-stream))
                      (sb-mop:class-precedence-list
                       (find-class 'sb-gray:fundamental-binary-output-stream)))))
;=> "FUNDAMENTAL-BINARY-OUTPUT-STREAM FUNDAMENTAL-OUTPUT-STREAM FUNDAMENTAL-BINARY-STREAM FUNDAMENTAL-STREAM STANDARD-OBJECT SB-PCL::SLOT-OBJECT STREAM T"
(list (subtypep 'sb-gray:fundamental-stream 'stream)
      (subtypep 'sb-gray:fundamental-stream 'standard-object)
      (subtypep 'sb-gray:fundamental-character-output-stream 'sb-gray:fundamental-output-stream))
;=> (T T T)
(documentation 'sb-gray:fundamental-stream 'type)
;=> "Base class for all Gray streams."
(mapcar (lambda (f) (typep (fdefinition f) 'generic-function))
        '(close open-stream-p stream-element-type input-stream-p output-stream-p
          interactive-stream-p sb-gray:stream-read-char sb-gray:stream-write-string))
;=> (T T T T T T T T)
(sb-mop:generic-function-lambda-list #'sb-gray:stream-write-string)
;=> (STREAM STRING &OPTIONAL SB-GRAY::START SB-GRAY::END)
(length (sb-mop:generic-function-methods #'sb-gray:stream-read-char))
;=> 0

;;; a counting output stream: characters and lines written, its column
(defclass gray-counter (sb-gray:fundamental-character-output-stream)
  ((chars :initform 0 :accessor counter-chars)
   (lines :initform 0 :accessor counter-lines)
   (column :initform 0 :accessor counter-column)
   (text :initform (make-string-output-stream) :reader counter-text)))
(defmethod sb-gray:stream-write-char ((s gray-counter) char)
  (incf (counter-chars s))
  (if (char= char #\Newline)
      (setf (counter-column s) 0 (counter-lines s) (1+ (counter-lines s)))
      (incf (counter-column s)))
  (write-char char (counter-text s))
  char)
(defmethod sb-gray:stream-line-column ((s gray-counter))
  (counter-column s))
(defmethod print-object ((s gray-counter) stream)
  (print-unreadable-object (s stream)
    (format stream "counter ~D" (counter-chars s))))
(defun counted (s)
  "Write what S received as the form's output; return how many characters
and lines that was."
  (write-string (get-output-stream-string (counter-text s)))
  (list (counter-chars s) (counter-lines s)))
(defun gray-slash (stream arg &rest ignore)
  (declare (ignore ignore))
  (format stream "[~A ~A]" arg (typep stream 'gray-counter)))

(let ((s (make-instance 'gray-counter)))
  (list (streamp s) (typep s 'stream) (input-stream-p s) (output-stream-p s)
        (open-stream-p s) (interactive-stream-p s) (stream-element-type s)))
;=> (T T NIL T T NIL CHARACTER)
(let ((s (make-instance 'gray-counter)))
  (list (write-string "hello" s) (write-char #\! s) (terpri s) (write-line "bye" s)
        (counted s)))
;out> hello!
;out> bye
;=> ("hello" #\! NIL "bye" (11 2))
(let ((s (make-instance 'gray-counter)))
  (write-string "abcdef" s :start 2 :end 4)
  (counted s))
;out> cd
;=> (2 0)
(let ((s (make-instance 'gray-counter)))
  (list (fresh-line s) (write-string "x" s) (fresh-line s) (fresh-line s) (counted s)))
;out> x
;=> (NIL "x" T NIL (2 1))
(let ((s (make-instance 'gray-counter)))
  (format s "ab~&cd~%~&ef~5Tgh~%~10Tij~3,4@Tk")
  (counted s))
;out> ab
;out> cd
;out> ef   gh
;out>           ij    k
;=> (31 3)
(let ((s (make-instance 'gray-counter)))
  (format s "~A|~10A|~S" 'sym "str" "q")
  (list (counter-column s) (counted s)))
;out> SYM|str       |"q"
;=> (18 (18 0))
(let ((s (make-instance 'gray-counter)))
  (list (print 'foo s) (prin1 "bar" s) (princ #\c s) (counted s)))
;out>
;out> FOO "bar"c
;=> (FOO "bar" #\c (11 1))
(let ((s (make-instance 'gray-counter)))
  (list (write '(1 "two" #\3) :stream s) (write 42 :stream s :base 2 :radix t) (counted s)))
;out> (1 "two" #\3)#b101010
;=> ((1 "two" #\3) 42 (21 0))
(let ((s (make-instance 'gray-counter)))
  (pprint '(defun fact (n) (if (< n 2) 1 (* n (fact (1- n))))) s)
  (counted s))
;out>
;out> (DEFUN FACT (N)
;out>   (IF (< N 2)
;out>       1
;out>       (* N (FACT (1- N)))))
;=> (66 4)
(let ((s (make-instance 'gray-counter))
      (*print-right-margin* 30))
  (pprint '(let ((alpha 1) (beta 2) (gamma 3)) (list alpha beta gamma alpha beta gamma)) s)
  (counted s))
;out>
;out> (LET ((ALPHA 1)
;out>       (BETA 2)
;out>       (GAMMA 3))
;out>   (LIST ALPHA BETA GAMMA
;out>         ALPHA BETA GAMMA))
;=> (100 5)
(let ((s (make-instance 'gray-counter)))
  (format s "~{~A~^, ~}." '(1 2 3))
  (format s "~%~20<left~;right~>|")
  (format s "~%~@<~A ~_~A~:>" "one" "two")
  (counted s))
;out> 1, 2, 3.
;out> left           right|
;out> one two
;=> (38 2)
(let ((s (make-instance 'gray-counter)))
  (list (write-sequence "seq" s) (write-sequence '(#\a #\b #\c) s :start 1)
        (write-sequence (vector #\x #\y) s :end 1) (counted s)))
;out> seqbcx
;=> ("seq" (#\a #\b #\c) #(#\x #\y) (6 0))
(let ((s (make-instance 'gray-counter)))
  (list (finish-output s) (force-output s) (clear-output s) (file-position s)
        (file-position s :start)))
;=> (NIL NIL NIL NIL NIL)
(let ((*print-pretty* nil) (s (make-instance 'gray-counter)))
  (write-string "abc" s)
  (format nil "~A" s))
;=> "#<counter 3>"
(let ((s (make-instance 'gray-counter)))
  (list (close s) (open-stream-p s) (write-string "after" s) (counted s)))
;out> after
;=> (T NIL "after" (5 0))
(let ((s (make-instance 'gray-counter)))
  (with-open-stream (o s) (write-string "inside" o))
  (list (open-stream-p s) (counted s)))
;out> inside
;=> (NIL (6 0))

;;; *STANDARD-OUTPUT* bound to a Gray stream
(let ((s (make-instance 'gray-counter)))
  (let ((*standard-output* s))
    (print :printed)
    (format t "~&formatted ~D~%" 42)
    (write-line "line")
    (princ 'done))
  (counted s))
;out>
;out> :PRINTED 
;out> formatted 42
;out> line
;out> DONE
;=> (33 4)
(let ((s (make-instance 'gray-counter)))
  (format s "~/cl-user::gray-slash/" 7)
  (counted s))
;out> [7 T]
;=> (5 0)

;;; an upcasing stream wrapping another stream; it cannot tell its column
(defclass gray-upcase (sb-gray:fundamental-character-output-stream)
  ((target :initarg :target :reader upcase-target)))
(defmethod sb-gray:stream-write-char ((s gray-upcase) char)
  (write-char (char-upcase char) (upcase-target s)))
(show (with-output-to-string (out)
  (let ((s (make-instance 'gray-upcase :target out)))
    (format s "hello ~A~%" "world")
    (write-line "second" s))))
;out> HELLO WORLD
;out> SECOND
(show (with-output-to-string (out)
  (let ((s (make-instance 'gray-upcase :target out)))
    (format s "x~&y~&")
    (fresh-line s)
    (format s "a~8Tb~%c~3,4@Td"))))
;out> X
;out> Y
;out>
;out> A  B
;out> C   D
(let ((s (make-instance 'gray-upcase :target (make-string-output-stream))))
  (list (sb-gray:stream-start-line-p s) (sb-gray:stream-line-column s)
        (sb-gray:stream-line-length s) (sb-gray:stream-advance-to-column s 10)))
;=> (NIL NIL NIL NIL)
(show (with-output-to-string (out)
  (let ((s (make-instance 'gray-upcase :target out)))
    (sb-gray:stream-write-string s "abcdef" 1 3)
    (sb-gray:stream-terpri s)
    (sb-gray:stream-fresh-line s))))
;out> BC
(let ((s (make-instance 'gray-counter)))
  (write-string "abc" s)
  (list (sb-gray:stream-advance-to-column s 6) (write-string "|" s) (counted s)))
;out> abc   |
;=> (T "|" (7 0))

;;; broadcast, two-way, echo and synonym streams over Gray streams
(let* ((a (make-instance 'gray-counter)) (b (make-instance 'gray-counter))
       (out (make-string-output-stream))
       (br (make-broadcast-stream a out b)))
  (format br "both~%")
  (gray-line (eq (first (broadcast-stream-streams br)) a)
             (string-right-trim '(#\Newline) (get-output-stream-string out))
             (counted a) (counted b)))
;out> both
;out> both
;=> "T \"both\" (5 1) (5 1)"
(defvar *gray-target*)
(let ((s (make-instance 'gray-counter)))
  (setq *gray-target* s)
  (let ((syn (make-synonym-stream '*gray-target*)))
    (write-string "through the synonym" syn)
    (fresh-line syn))
  (counted s))
;out> through the synonym
;=> (20 1)

;;; a string-backed character input stream
(defclass gray-string-input (sb-gray:fundamental-character-input-stream)
  ((text :initarg :text :reader input-text)
   (index :initform 0 :accessor input-index)))
(defmethod sb-gray:stream-read-char ((s gray-string-input))
  (if (< (input-index s) (length (input-text s)))
      (prog1 (char (input-text s) (input-index s)) (incf (input-index s)))
      :eof))
(defmethod sb-gray:stream-unread-char ((s gray-string-input) char)
  (decf (input-index s))
  nil)
(defmethod print-object ((s gray-string-input) stream)
  (format stream "#<input at ~D>" (input-index s)))
(defun gray-input (text) (make-instance 'gray-string-input :text text))

(let ((s (gray-input "abc")))
  (list (input-stream-p s) (output-stream-p s) (stream-element-type s)
        (read-char s) (peek-char nil s) (read-char s) (unread-char #\b s) (read-char s)
        (read-char s) (read-char s nil :end) (read-char s nil)))
;=> (T NIL CHARACTER #\a #\b #\b NIL #\b #\c :END NIL)
(let ((s (gray-input (format nil "first line~%second~%~%last"))))
  (list (multiple-value-list (read-line s)) (multiple-value-list (read-line s))
        (multiple-value-list (read-line s)) (multiple-value-list (read-line s))
        (multiple-value-list (read-line s nil :eof))))
;=> (("first line" NIL) ("second" NIL) ("" NIL) ("last" T) (:EOF T))
(let ((s (gray-input "   x;y")))
  (list (peek-char t s) (peek-char #\; s) (read-char s) (listen s) (read-char-no-hang s)
        (listen s) (read-char-no-hang s nil :done)))
;=> (#\x #\; #\; T #\y NIL :DONE)
(let ((s (gray-input "(a b . c) 42 \"str\" #(1 2) 'q sym ")))
  (list (read s) (read s) (read s) (read s) (read s) (read-preserving-whitespace s)
        (read-char s) (read s nil :eof)))
;=> ((A B . C) 42 "str" #(1 2) 'Q SYM #\  :EOF)
(let ((*standard-input* (gray-input "(+ 1 2) rest")))
  (list (read) (read-char) (read-line)))
;=> ((+ 1 2) #\r "est")
(let ((s (gray-input "1 2 3) after")))
  (list (read-delimited-list #\) s) (read-line s)))
;=> ((1 2 3) " after")
(let ((s (gray-input "hello world")) (buffer (make-string 8 :initial-element #\.)))
  (list (read-sequence buffer s :start 1 :end 6) buffer (read-sequence buffer s) buffer))
;=> (6 " world.." 6 " world..")
(let ((s (gray-input "xyz")) (list (list 1 2 3 4)))
  (list (read-sequence list s) list))
;=> (3 (#\x #\y #\z 4))
(let ((s (gray-input "abc")))
  (list (clear-input s) (file-position s) (interactive-stream-p s) (read-char s)))
;=> (NIL NIL NIL #\a)
(let ((s (gray-input "")))
  (handler-case (read-char s)
    (end-of-file (c) (list :eof (eq (stream-error-stream c) s)))))
;=> (:EOF T)
(let ((s (gray-input "(1 2")))
  (handler-case (read s)
    (end-of-file (c) (list :eof-in-list (eq (stream-error-stream c) s)))))
;=> (:EOF-IN-LIST T)
(let ((s (gray-input "")))
  (gray-error (read-line s)))
;=> :END-OF-FILE
(show (with-output-to-string (out)
  (let ((e (make-echo-stream (gray-input "echoed") out)))
    (read-char e) (read-char e) (read-line e))))
;out> echoed
(let ((c (make-concatenated-stream (gray-input "ab") (gray-input "cd"))))
  (list (read-line c) (read-char c nil :done)))
;=> ("abcd" :DONE)
(let ((tw (make-two-way-stream (gray-input "in") (make-instance 'gray-counter))))
  (write-string "out" tw)
  (list (read-char tw) (counted (two-way-stream-output-stream tw))
        (typep (two-way-stream-input-stream tw) 'gray-string-input)))
;out> out
;=> (#\i (3 0) T)
(let ((rt (copy-readtable nil)) (s (gray-input "!x rest")))
  (set-macro-character #\! (lambda (stream char)
                             (declare (ignore char))
                             (list :bang (eq stream s) (read stream t nil t)))
                       nil rt)
  (let ((*readtable* rt)) (read s)))
;=> (:BANG T X)

;;; a binary stream over a vector of octets
(defclass gray-octets (sb-gray:fundamental-binary-input-stream
                       sb-gray:fundamental-binary-output-stream)
  ((data :initform (make-array 0 :adjustable t :fill-pointer t) :reader octets-data)
   (index :initform 0 :accessor octets-index)))
(defmethod sb-gray:stream-read-byte ((s gray-octets))
  (if (< (octets-index s) (length (octets-data s)))
      (prog1 (aref (octets-data s) (octets-index s)) (incf (octets-index s)))
      :eof))
(defmethod sb-gray:stream-write-byte ((s gray-octets) byte)
  (vector-push-extend byte (octets-data s))
  byte)

(let ((s (make-instance 'gray-octets)))
  (list (write-byte 1 s) (write-byte 255 s) (read-byte s) (read-byte s) (read-byte s nil :eof)
        (input-stream-p s) (output-stream-p s)))
;=> (1 255 1 255 :EOF T T)
(let ((s (make-instance 'gray-octets)))
  (gray-line (gray-error (stream-element-type s)) (gray-error (write-sequence #(1 2) s))
             (gray-error (read-char s)) (gray-error (write-char #\a s))))
;=> ":NO-APPLICABLE-METHOD-ERROR :NO-APPLICABLE-METHOD-ERROR :NO-APPLICABLE-METHOD-ERROR :NO-APPLICABLE-METHOD-ERROR"
(let ((report (gray-report (stream-element-type (make-instance 'gray-octets)))))
  (subseq report 0 (search " when called" report)))
;=> "There is no applicable method for the generic function   #<SB-GRAY::STREAM-FUNCTION COMMON-LISP:STREAM-ELEMENT-TYPE (2)>"
(list (type-of #'close) (type-of #'stream-element-type) (type-of #'sb-gray:stream-read-char))
;=> (SB-GRAY::STREAM-FUNCTION SB-GRAY::STREAM-FUNCTION STANDARD-GENERIC-FUNCTION)
(defmethod stream-element-type ((s gray-octets)) '(unsigned-byte 8))
(let ((s (make-instance 'gray-octets)) (v (make-array 4 :initial-element 0)))
  (gray-line (stream-element-type s) (write-sequence #(10 20 30) s)
             (write-sequence '(40 50) s :start 1) (coerce (octets-data s) 'list)
             (read-sequence v s :end 3) (copy-seq v) (read-sequence v s) v))
;=> "(UNSIGNED-BYTE 8) #(10 20 30) (40 50) (10 20 30 50) 3 #(10 20 30 0) 1 #(50 20 30 0)"
(let ((s (make-instance 'gray-octets)))
  (handler-case (read-byte s)
    (end-of-file (c) (list :eof (eq (stream-error-stream c) s)))))
;=> (:EOF T)

;;; what a stream class without the methods signals
(defclass gray-bare (sb-gray:fundamental-stream) ())
(let ((s (make-instance 'gray-bare)))
  (list (input-stream-p s) (output-stream-p s) (open-stream-p s) (interactive-stream-p s)
        (file-position s) (close s) (open-stream-p s)))
;=> (NIL NIL T NIL NIL T NIL)
(let ((s (make-instance 'gray-bare)))
  (gray-line (gray-error (read-char s)) (gray-error (write-char #\a s))
             (gray-error (write-string "a" s)) (gray-error (terpri s))
             (gray-error (fresh-line s)) (gray-error (finish-output s)) (gray-error (listen s))
             (gray-error (read-line s)) (gray-error (read-byte s))
             (gray-error (stream-element-type s)) (gray-error (make-broadcast-stream s))))
;=> ":NO-APPLICABLE-METHOD-ERROR :NO-APPLICABLE-METHOD-ERROR :NO-APPLICABLE-METHOD-ERROR :NO-APPLICABLE-METHOD-ERROR :NO-APPLICABLE-METHOD-ERROR :NO-APPLICABLE-METHOD-ERROR :NO-APPLICABLE-METHOD-ERROR :NO-APPLICABLE-METHOD-ERROR :NO-APPLICABLE-METHOD-ERROR :NO-APPLICABLE-METHOD-ERROR :TYPE-ERROR"
(gray-report (read-char (make-instance 'gray-counter)))
;=> "There is no applicable method for the generic function   #<STANDARD-GENERIC-FUNCTION SB-GRAY:STREAM-READ-CHAR (1)> when called with arguments   (#<counter 0>). See also:   The ANSI Standard, Section 7.6.6"
(gray-report (write-string "abc" (gray-input "")))
;=> "There is no applicable method for the generic function   #<STANDARD-GENERIC-FUNCTION SB-GRAY:STREAM-WRITE-STRING (1)> when called with arguments   (#<input at 0> \"abc\" 0 3). See also:   The ANSI Standard, Section 7.6.6"
(list (gray-error (close 5)) (gray-error (open-stream-p 'x)) (gray-error (input-stream-p "s"))
      (gray-error (stream-element-type nil)))
;=> (:TYPE-ERROR :TYPE-ERROR :TYPE-ERROR :TYPE-ERROR)
(gray-report (close 5))
;=> "The value   5 is not of type   STREAM"
(gray-report (close (make-instance 'gray-counter) :force t))
;=> "invalid keyword argument: :FORCE (valid keys are :ABORT)."

;;; errors inside the user's methods stay Lisp conditions
(defclass gray-failing (gray-counter) ())
(defmethod sb-gray:stream-write-char ((s gray-failing) char)
  (if (char= char #\!)
      (error "no exclamations: ~A" (counter-chars s))
      (call-next-method)))
(let ((s (make-instance 'gray-failing)))
  (list (handler-case (format s "ok~A!" 1) (simple-error (e) (princ-to-string e)))
        (counted s)))
;out> ok1
;=> ("no exclamations: 3" (3 0))
(let ((s (make-instance 'gray-failing)) (log '()))
  (catch 'out
    (handler-bind ((error (lambda (e) (declare (ignore e)) (push :handled log) (throw 'out nil))))
      (unwind-protect (print "bang!" s) (push :cleanup log))))
  (list log (counted s)))
;out>
;out> "bang
;=> ((:CLEANUP :HANDLED) (6 1))

;;; methods on CLOSE and the other generic CL functions
(defclass gray-logged (gray-counter) ((log :initform '() :accessor gray-log)))
(defmethod close :after ((s gray-logged) &key abort)
  (push (list :closed abort) (gray-log s)))
(defmethod interactive-stream-p ((s gray-logged)) t)
(let ((s (make-instance 'gray-logged)))
  (list (close s) (close s :abort t) (gray-log s) (open-stream-p s) (interactive-stream-p s)))
;=> (T T ((:CLOSED T) (:CLOSED NIL)) NIL T)
(list (close (make-string-output-stream)) (open-stream-p (make-string-input-stream "x"))
      (stream-element-type (make-string-output-stream)) (input-stream-p *standard-input*))
;=> (T T CHARACTER T)

;;; the pretty printer asks the stream its line length
(defclass gray-narrow (gray-counter) ())
(defmethod sb-gray:stream-line-length ((s gray-narrow)) 24)
(let ((s (make-instance 'gray-narrow)))
  (print '(alpha beta gamma delta epsilon zeta eta theta) s)
  (counted s))
;out>
;out> (ALPHA BETA GAMMA DELTA
;out>  EPSILON ZETA ETA THETA) 
;=> (50 2)

;;; a user's PRINT-OBJECT and reader macros see the Gray stream itself
(defclass gray-thing () ())
(defvar *gray-current* nil)
(defmethod print-object ((x gray-thing) stream)
  (format stream "#<thing ~A>" (eq stream *gray-current*)))
(let* ((*print-pretty* nil) (s (make-instance 'gray-counter)) (*gray-current* s))
  (prin1 (make-instance 'gray-thing) s)
  (counted s))
;out> #<thing T>
;=> (10 0)

;;;; Readtables and reader macros (CLHS 2.1, 2.2, 23), checked against
;;;; SBCL: readtable objects, the readtable case for reading and printing,
;;;; macro and dispatching macro characters, SET-SYNTAX-FROM-CHAR,
;;;; READ-DELIMITED-LIST, recursive reads, and errors.

;;; ------------------------------------------------------------ readtables
(readtablep *readtable*)
;=> T
(readtablep (copy-readtable))
;=> T
(readtablep 5)
;=> NIL
(typep (copy-readtable nil) 'readtable)
;=> T
(type-of *readtable*)
;=> READTABLE
(let ((text (prin1-to-string *readtable*))) (list (subseq text 0 13) (char text (1- (length text)))))
;=> ("#<READTABLE {" #\>)
(eq *readtable* (copy-readtable))
;=> NIL
(let ((a (copy-readtable nil)) (b (copy-readtable nil))) (eq b (copy-readtable a b)))
;=> T
(readtable-case (copy-readtable))
;=> :UPCASE
(let ((rt (copy-readtable))) (setf (readtable-case rt) :invert) (readtable-case (copy-readtable rt)))
;=> :INVERT
(let ((rt (copy-readtable))) (list (setf (readtable-case rt) :preserve) (readtable-case rt)))
;=> (:PRESERVE :PRESERVE)
(setf (readtable-case (copy-readtable)) :bogus)
;error> TYPE-ERROR
(handler-case (readtable-case 3) (type-error () :type-error))
;=> :TYPE-ERROR
(handler-case (copy-readtable 3) (type-error () :type-error))
;=> :TYPE-ERROR
(with-standard-io-syntax (readtable-case *readtable*))
;=> :UPCASE
(with-standard-io-syntax (eq *readtable* (with-standard-io-syntax *readtable*)))
;=> T
(with-standard-io-syntax (set-macro-character #\$ #'list))
;error> STANDARD-READTABLE-MODIFIED-ERROR
(with-standard-io-syntax (setf (readtable-case *readtable*) :upcase))
;error> STANDARD-READTABLE-MODIFIED-ERROR
(copy-readtable nil (with-standard-io-syntax *readtable*))
;error> STANDARD-READTABLE-MODIFIED-ERROR
(eq (with-standard-io-syntax *readtable*) *readtable*)
;=> NIL

;;; ------------------------------------------------------------ readtable case: reading
(defun rt-read-with-case (mode string)
  (let ((*readtable* (copy-readtable nil)))
    (setf (readtable-case *readtable*) mode)
    (read-from-string string)))
(defun rt-names (mode string)
  (mapcar #'symbol-name (rt-read-with-case mode string)))
(rt-names :upcase "(foo FOO Foo f\\oo |Foo|bar)")
;=> ("FOO" "FOO" "FOO" "FoO" "FooBAR")
(rt-names :downcase "(foo FOO Foo F\\OO |Foo|BAR)")
;=> ("foo" "foo" "foo" "fOo" "Foobar")
(rt-names :preserve "(foo FOO Foo f\\oo |Foo|bar)")
;=> ("foo" "FOO" "Foo" "foo" "Foobar")
(rt-names :invert "(foo FOO Foo fo|O| Fo\\o)")
;=> ("FOO" "foo" "Foo" "FOO" "Foo")
(rt-read-with-case :invert "cl:car")
;=> CAR
;=> 6
(rt-read-with-case :downcase "(1e2 #x1F 1/2 #c(1 2))")
;=> (100.0 31 1/2 #C(1 2))
;=> 22
(symbol-name (rt-read-with-case :downcase "#:Foo"))
;=> "foo"
(symbol-name (rt-read-with-case :invert "#:foo"))
;=> "FOO"
(rt-read-with-case :preserve "(#\\a #\\SPACE #\\space)")
;=> (#\a #\  #\ )
;=> 21
(symbol-name (rt-read-with-case :preserve ":Key"))
;=> "Key"

;;; ------------------------------------------------------------ readtable case: printing
(defun rt-print-with-case (mode print-case)
  (let ((*readtable* (copy-readtable nil))
        (*print-case* print-case)
        (objects '(foo |foo| |Foo| |FOO-bar| :key |x1| |1|)))
    (setf (readtable-case *readtable*) mode)
    (format nil "~{~S~^ ~} / ~{~A~^ ~}" objects objects)))
(rt-print-with-case :upcase :upcase)
;=> "FOO |foo| |Foo| |FOO-bar| :KEY |x1| |1| / FOO foo Foo FOO-bar KEY x1 1"
(rt-print-with-case :upcase :downcase)
;=> "foo |foo| |Foo| |FOO-bar| :key |x1| |1| / foo foo foo foo-bar key x1 1"
(rt-print-with-case :upcase :capitalize)
;=> "Foo |foo| |Foo| |FOO-bar| :Key |x1| |1| / Foo foo Foo Foo-bar Key x1 1"
(rt-print-with-case :downcase :upcase)
;=> "|FOO| FOO |Foo| |FOO-bar| :|KEY| X1 |1| / FOO FOO FOO FOO-BAR KEY X1 1"
(rt-print-with-case :downcase :downcase)
;=> "|FOO| foo |Foo| |FOO-bar| :|KEY| x1 |1| / FOO foo Foo FOO-bar KEY x1 1"
(rt-print-with-case :downcase :capitalize)
;=> "|FOO| Foo |Foo| |FOO-bar| :|KEY| X1 |1| / FOO Foo Foo FOO-Bar KEY X1 1"
(rt-print-with-case :preserve :upcase)
;=> "FOO foo Foo FOO-bar :KEY x1 |1| / FOO foo Foo FOO-bar KEY x1 1"
(rt-print-with-case :preserve :downcase)
;=> "FOO foo Foo FOO-bar :KEY x1 |1| / FOO foo Foo FOO-bar KEY x1 1"
(rt-print-with-case :preserve :capitalize)
;=> "FOO foo Foo FOO-bar :KEY x1 |1| / FOO foo Foo FOO-bar KEY x1 1"
(rt-print-with-case :invert :upcase)
;=> "foo FOO Foo FOO-bar :key X1 |1| / foo FOO Foo FOO-bar key X1 1"
(rt-print-with-case :invert :downcase)
;=> "foo FOO Foo FOO-bar :key X1 |1| / foo FOO Foo FOO-bar key X1 1"
(rt-print-with-case :invert :capitalize)
;=> "foo FOO Foo FOO-bar :key X1 |1| / foo FOO Foo FOO-bar key X1 1"
(let ((*readtable* (copy-readtable nil)))
  (setf (readtable-case *readtable*) :downcase)
  (let ((*print-readably* t)) (prin1-to-string '(foo |foo|))))
;=> "(FOO |foo|)"
(let ((*readtable* (copy-readtable nil)) (*print-base* 16))
  (setf (readtable-case *readtable*) :preserve)
  (prin1-to-string '(|abc| |ABC| |g1|)))
;=> "(abc |ABC| g1)"

;;; ------------------------------------------------------------ macro characters
(defun rt-bracket-reader (stream char)
  (declare (ignore char))
  (let ((items (read-delimited-list #\] stream t)))
    (if *read-suppress* nil (cons :vec items))))
(defmacro rt-with-brackets (&body body)
  `(let ((*readtable* (copy-readtable nil)))
     (set-macro-character #\[ #'rt-bracket-reader)
     (set-macro-character #\] (get-macro-character #\)))
     ,@body))
(let ((*readtable* (copy-readtable nil))) (set-macro-character #\[ #'rt-bracket-reader))
;=> T
(let ((*readtable* (copy-readtable nil)))
  (set-macro-character #\[ #'rt-bracket-reader t)
  (multiple-value-bind (fn non-terminating) (get-macro-character #\[)
    (list (eq fn #'rt-bracket-reader) non-terminating)))
;=> (T T)
(multiple-value-list (get-macro-character #\a))
;=> (NIL NIL)
(multiple-value-list (get-macro-character #\())
;=> (SB-IMPL::READ-LIST NIL)
(get-macro-character #\) nil)
;=> SB-IMPL::READ-RIGHT-PAREN
;=> NIL
(let ((fn (get-macro-character #\'))) (functionp fn))
;=> T
(multiple-value-bind (fn non-terminating) (get-macro-character #\#) (list (functionp fn) non-terminating))
;=> (T T)
(rt-with-brackets (read-from-string "[1 2 [3]]"))
;=> (:VEC 1 2 (:VEC 3))
;=> 9
(rt-with-brackets (read-from-string "'(a [b c] d)"))
;=> '(A (:VEC B C) D)
;=> 12
(rt-with-brackets (read-from-string "[#(1 2) \"s]\" #\\a 'q #+nil [x] #-nil y]"))
;=> (:VEC #(1 2) "s]" #\a 'Q Y)
;=> 38
(rt-with-brackets (multiple-value-list (read-from-string "[a b] c")))
;=> ((:VEC A B) 6)
(rt-with-brackets (eval (read-from-string "(let ((b 2)) `(a [,b ,@(list 3 4)]))")))
;=> (A (:VEC 2 3 4))
(rt-with-brackets (let ((*read-suppress* t)) (read-from-string "[foo:bar 1 #.(error \"no\")]")))
;=> NIL
;=> 26
(let ((*readtable* (copy-readtable nil)))
  (set-macro-character #\% (lambda (s c) (declare (ignore s c)) (values)))
  (list (read-from-string "(1 % 2 %)") (read-from-string "(a . % b)")
        (multiple-value-list (read-from-string "% 5 6"))
        (multiple-value-list (read-from-string "abc%def"))))
;=> ((1 2) (A . B) (5 4) (ABC 3))
(let ((*readtable* (copy-readtable nil)))
  (set-macro-character #\$ (lambda (s c) (declare (ignore c)) (list :dollar (read s t nil t))) t)
  (read-from-string "(a$b $c $$d)"))
;=> (A$B (:DOLLAR C) (:DOLLAR (:DOLLAR D)))
;=> 12
(let ((*readtable* (copy-readtable nil)))
  (set-macro-character #\? (lambda (s c)
                             (declare (ignore c))
                             (list (peek-char nil s) (read-char s)
                                   (progn (unread-char #\z s) (read s t nil t)))))
  (read-from-string "?abc"))
;=> (#\a #\a ABC)
;=> 4
(let ((*readtable* (copy-readtable nil)))
  (set-macro-character #\@ (lambda (s c) (declare (ignore c)) (read s t nil t)) t)
  (let ((x (read-from-string "(#1=(x) @#1#)"))) (eq (first x) (second x))))
;=> T
(let ((*readtable* (copy-readtable nil)))
  (set-macro-character #\~ (lambda (s c) (declare (ignore c)) (read s t nil nil)))
  (handler-case (read-from-string "(#1=(x) ~#1#)") (reader-error () :reader-error)))
;=> :READER-ERROR
(let ((*readtable* (copy-readtable nil)))
  (set-macro-character #\^ (lambda (s c) (declare (ignore c)) (list (read s t nil t) (read-char s))))
  (set-macro-character #\~ (lambda (s c) (declare (ignore c)) (list (read s t nil nil) (read-char s))))
  (list (read-from-string "^a b") (read-from-string "~a b")))
;=> ((A #\ ) (A #\b))
(let ((*readtable* (copy-readtable nil)))
  (set-macro-character #\! (lambda (s c) (declare (ignore s c)) (error "bang")))
  (handler-case (read-from-string "(a !)") (simple-error (e) (princ-to-string e))))
;=> "bang"
(defun rt-symbol-reader (stream char) (list :sym char (read stream t nil t)))
(let ((*readtable* (copy-readtable nil)))
  (set-macro-character #\! 'rt-symbol-reader)
  (list (get-macro-character #\!) (read-from-string "!x")))
;=> (RT-SYMBOL-READER (:SYM #\! X))
(let ((*readtable* (copy-readtable nil)))
  (set-macro-character #\@ (lambda (s c) (declare (ignore s c)) (values 1 2 3)))
  (read-from-string "(@ @)"))
;=> (1 1)
;=> 5
(defvar *rt-lists-read* 0)
(let ((*readtable* (copy-readtable nil)) (standard (get-macro-character #\()))
  (setf *rt-lists-read* 0)
  (set-macro-character #\( (lambda (s c) (incf *rt-lists-read*) (funcall standard s c)))
  (list (read-from-string "(a (b (c)) () #(1 (2)))") *rt-lists-read*))
;=> ((A (B (C)) NIL #(1 (2))) 5)

;;; ------------------------------------------------------------ READ-DELIMITED-LIST
(rt-with-brackets (with-input-from-string (s "1 2 3 ] rest") (list (read-delimited-list #\] s) (read-line s))))
;=> ((1 2 3) " rest")
(with-input-from-string (s "a (b) \"c\")x") (list (read-delimited-list #\) s) (read-char s)))
;=> ((A (B) "c") #\x)
(rt-with-brackets (with-input-from-string (s "1 2") (read-delimited-list #\] s)))
;error> END-OF-FILE
(rt-with-brackets (handler-case (read-from-string "[a . b]") (reader-error () :reader-error)))
;=> :READER-ERROR
(rt-with-brackets (let ((*read-suppress* t)) (with-input-from-string (s "a b]") (read-delimited-list #\] s))))
;=> NIL

;;; ------------------------------------------------------------ dispatching macro characters
(defun rt-dollar-x (stream sub-char arg) (list :x sub-char arg (read stream t nil t)))
(let ((*readtable* (copy-readtable nil)))
  (list (make-dispatch-macro-character #\$)
        (set-dispatch-macro-character #\$ #\x #'rt-dollar-x)
        (read-from-string "$x foo") (read-from-string "$12x foo") (read-from-string "$X foo")
        (eq (get-dispatch-macro-character #\$ #\X) (get-dispatch-macro-character #\$ #\x))
        (functionp (get-macro-character #\$)) (nth-value 1 (get-macro-character #\$))))
;=> (T T (:X #\x NIL FOO) (:X #\x 12 FOO) (:X #\X NIL FOO) T T NIL)
(let ((*readtable* (copy-readtable nil)))
  (make-dispatch-macro-character #\$ t)
  (set-dispatch-macro-character #\$ #\x #'rt-dollar-x)
  (list (read-from-string "(a$xb $x c)") (nth-value 1 (get-macro-character #\$))))
;=> ((A$XB (:X #\x NIL C)) T)
(let ((*readtable* (copy-readtable nil)))
  (set-dispatch-macro-character #\# #\{
    (lambda (s c n) (declare (ignore c)) (list* :set n (read-delimited-list #\} s t))))
  (set-macro-character #\} (get-macro-character #\)))
  (list (read-from-string "#{1 2 #3{a}}") (functionp (get-dispatch-macro-character #\# #\{))
        (read-from-string "(#(1) #\\x #{y} #b101)")))
;=> ((:SET NIL 1 2 (:SET 3 A)) T (#(1) #\x (:SET NIL Y) 5))
(get-dispatch-macro-character #\# #\U)
;=> NIL
(get-dispatch-macro-character #\# #\()
;=> #<FUNCTION SB-IMPL::SHARP-LEFT-PAREN>
(get-dispatch-macro-character #\# #\+)
;=> #<FUNCTION SB-IMPL::SHARP-PLUS-MINUS>
(get-dispatch-macro-character #\# #\1)
;=> NIL
;; The standard functions, called by user macro functions during a read.
(let ((*readtable* (copy-readtable nil)) (vector-reader (get-dispatch-macro-character #\# #\()))
  (set-dispatch-macro-character #\# #\[
    (lambda (s c n) (declare (ignore c)) (funcall vector-reader s #\( n)))
  (list (read-from-string "#[1 2)") (read-from-string "#4[1 2)")))
;=> (#(1 2) #(1 2 2 2))
(let ((*readtable* (copy-readtable nil)) (list-reader (get-macro-character #\()))
  (set-macro-character #\{ (lambda (s c) (declare (ignore c)) (reverse (funcall list-reader s #\())))
  (read-from-string "{a b {c d))"))
;=> ((D C) B A)
;=> 11
(let ((*readtable* (copy-readtable nil)) (sharp (get-macro-character #\#)))
  (set-macro-character #\! (lambda (s c) (declare (ignore c)) (list :sharp (funcall sharp s #\#))))
  (read-from-string "(!3(1 2) !x10)"))
;=> ((:SHARP #(1 2 2)) (:SHARP 16))
;=> 14
(let ((*readtable* (copy-readtable nil)) (quote-reader (get-macro-character #\')))
  (set-macro-character #\! (lambda (s c) (declare (ignore c)) (list :q (funcall quote-reader s #\'))))
  (read-from-string "!x"))
;=> (:Q 'X)
;=> 2
(let ((*readtable* (copy-readtable nil)))
  (make-dispatch-macro-character #\$)
  (set-dispatch-macro-character #\$ #\1 #'list))
;error> SIMPLE-ERROR
(let ((*readtable* (copy-readtable nil)))
  (set-dispatch-macro-character #\! #\a #'list))
;error> SIMPLE-ERROR
(get-dispatch-macro-character #\a #\b)
;error> SIMPLE-ERROR
(let ((*readtable* (copy-readtable nil)))
  (make-dispatch-macro-character #\$)
  (handler-case (read-from-string "$y") (reader-error () :reader-error)))
;=> :READER-ERROR
(handler-case (read-from-string "#u") (reader-error () :reader-error))
;=> :READER-ERROR

;;; ------------------------------------------------------------ SET-SYNTAX-FROM-CHAR
(let ((*readtable* (copy-readtable nil)))
  (list (set-syntax-from-char #\, #\Space) (read-from-string "(1,2,,3)")
        (with-input-from-string (s ",, x") (peek-char t s))))
;=> (T (1 2 3) #\x)
(with-input-from-string (s (format nil "~C x" (code-char 160))) (char-code (peek-char t s)))
;=> 160
(let ((*readtable* (copy-readtable nil)))
  (set-syntax-from-char #\' #\a)
  (mapcar #'symbol-name (read-from-string "(a'b 'c)")))
;=> ("A'B" "'C")
(let ((*readtable* (copy-readtable nil)))
  (set-syntax-from-char #\! #\|)
  (symbol-name (read-from-string "!foo bar!")))
;=> "foo bar"
(let ((*readtable* (copy-readtable nil)))
  (set-syntax-from-char #\% #\\)
  (list (read-from-string "\"a%\"b\"") (symbol-name (read-from-string "a%(b"))))
;=> ("a\"b" "A(B")
(let ((*readtable* (copy-readtable nil)))
  (set-syntax-from-char #\y #\#)
  (list (read-from-string "y(1 2)") (eq (get-macro-character #\y) (get-macro-character #\#))
        (read-from-string "ayb")))
;=> (#(1 2) NIL AYB)
(let ((*readtable* (copy-readtable nil)))
  (set-macro-character #\( (lambda (s c) (declare (ignore s c)) :paren))
  (set-syntax-from-char #\z #\()
  (read-from-string "z1 2)"))
;=> (1 2)
;=> 5
(let ((*readtable* (copy-readtable nil)))
  (set-syntax-from-char #\( #\a)
  (symbol-name (read-from-string "(abc")))
;=> "(ABC"

;;; ------------------------------------------------------------ a readtable for the rest of this file
(progn (setf *readtable* (copy-readtable nil)) t)
;=> T
(set-macro-character #\[ #'rt-bracket-reader)
;=> T
(set-macro-character #\] (get-macro-character #\)))
;=> T
'[1 2 [3 4]]
;=> (:VEC 1 2 (:VEC 3 4))
'(a [b c] . [d])
;=> (A (:VEC B C) :VEC D)
`[,(+ 1 2) ,@(list 4 5)]
;=> (:VEC 3 4 5)
(let ((x '[x])) (list x (length x)))
;=> ((:VEC X) 2)
(progn (setf *readtable* (copy-readtable nil)) t)
;=> T
(multiple-value-list (get-macro-character #\[))
;=> (NIL NIL)

;;; ------------------------------------------------------------ errors
(handler-case (read-from-string "(a . b c)") (reader-error () :reader-error))
;=> :READER-ERROR
(let ((*readtable* (copy-readtable nil)))
  (set-macro-character #\] (get-macro-character #\)))
  (handler-case (read-from-string "]") (reader-error () :reader-error)))
;=> :READER-ERROR
(rt-with-brackets (handler-case (read-from-string "[1 2") (end-of-file () :end-of-file)))
;=> :END-OF-FILE
(rt-with-brackets (handler-case (read-from-string "(1 2]") (reader-error () :reader-error)))
;=> :READER-ERROR
(let ((*readtable* (copy-readtable nil)))
  (set-macro-character #\! (lambda (s c) (declare (ignore c)) (read s t nil t)))
  (handler-case (read-from-string "!") (end-of-file () :end-of-file)))
;=> :END-OF-FILE
(handler-case (set-macro-character #\a 3) (type-error () :type-error))
;=> :TYPE-ERROR
(handler-case (set-macro-character "a" #'list) (type-error () :type-error))
;=> :TYPE-ERROR
(let ((*readtable* (copy-readtable nil)))
  (setf (readtable-case *readtable*) :downcase)
  (handler-case (read-from-string "CL:CAR") (reader-error () :reader-error)))
;=> :READER-ERROR

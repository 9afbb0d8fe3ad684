;;;; DESCRIBE, in the shape of SBCL's output (without the compiler's derived
;;;; types and source files, which cek-lisp does not have). Expectations from
;;;; sbcl --script, those lines removed.

(defun desc-f (x) "Desc doc." x)
(describe 'desc-f)
;out> COMMON-LISP-USER::DESC-F
;out>   [symbol]
;out>
;out> DESC-F names a compiled function:
;out>   Lambda-list: (X)
;out>   Documentation:
;out>     Desc doc.
(defvar *desc-v* 1 "V doc.")
(describe '*desc-v*)
;out> COMMON-LISP-USER::*DESC-V*
;out>   [symbol]
;out>
;out> *DESC-V* names a special variable:
;out>   Value: 1
;out>   Documentation:
;out>     V doc.
(defvar *desc-unbound*)
(describe '*desc-unbound*)
;out> COMMON-LISP-USER::*DESC-UNBOUND*
;out>   [symbol]
;out>
;out> *DESC-UNBOUND* names a special variable:
;out>   Currently unbound.
(defmacro desc-m (a) a)
(describe 'desc-m)
;out> COMMON-LISP-USER::DESC-M
;out>   [symbol]
;out>
;out> DESC-M names a macro:
;out>   Lambda-list: (A)
(describe :desc-key)
;out> :DESC-KEY
;out>   [symbol]
;out>
;out> DESC-KEY names a constant variable:
;out>   Value: :DESC-KEY
(describe 12)
;out> 12
;out>   [fixnum]
(describe 12345678901234567890)
;out> 12345678901234567890
;out>   [bignum]
(describe 1/2)
;out> 1/2
;out>   [ratio]
(describe 1.5)
;out> 1.5
;out>   [single-float]
(describe 1.5d0)
;out> 1.5d0
;out>   [double-float]
(describe #\a)
;out> #\a
;out>   [standard-char]
;out>
;out> Char-code: 97
;out> Char-name: LATIN_SMALL_LETTER_A
(describe '(1 2))
;out> (1 2)
;out>   [list]
(describe (cons 1 2))
;out> (1 . 2)
;out>   [cons]
(describe "abc")
;out> "abc"
;out>   [simple-string]
;out>
;out> Element-type: CHARACTER
;out> Length: 3
(describe (vector 1 2 3))
;out> #(1 2 3)
;out>   [simple-vector]
;out>
;out> Element-type: T
;out> Length: 3
(defstruct desc-s a some-really-long-slot-name-here-xx)
(describe (make-desc-s :a 1))
;out> #S(DESC-S :A 1 :SOME-REALLY-LONG-SLOT-NAME-HERE-XX NIL)
;out>   [structure-object]
;out>
;out> Slots with :INSTANCE allocation:
;out>   A                                  = 1
;out>   SOME-REALLY-LONG-SLOT-NAME-HERE-XX = NIL
(defclass desc-c () ((x :initarg :x) (y)))
(let ((text (with-output-to-string (s) (describe (make-instance 'desc-c :x 3) s))))
  (list (subseq text 0 9)
        (mapcar (lambda (line) (not (null (search line text))))
                '("  [standard-object]" "Slots with :INSTANCE allocation:"
                  "  X                              = 3"
                  "  Y                              = #<unbound slot>"))))
;=> ("#<DESC-C " (T T T T))
(multiple-value-list (describe 1))
;out> 1
;out>   [fixnum]
;=> NIL
(search "DESC-M names a macro:" (with-output-to-string (s) (describe 'desc-m s)))
;=> 37


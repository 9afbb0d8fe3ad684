;;;; DESCRIBE, in the shape of SBCL's output. DESC prints what DESCRIBE
;;;; writes without the lines cek-lisp cannot have (the compiler's derived
;;;; and declared types, known attributes, inline proclamations and source
;;;; files) and with each {address} emptied, so sbcl_check.py --write
;;;; records SBCL's own output as the expectations. (DESC X NIL) leaves out
;;;; the first line, for objects SBCL names after the file being loaded.

(defun desc-strip (line)
  "LINE with the hex digits after each { removed."
  (with-output-to-string (out)
    (let ((i 0) (n (length line)))
      (loop while (< i n)
            do (let ((c (char line i)))
                 (write-char c out)
                 (incf i)
                 (when (char= c #\{)
                   (loop while (and (< i n) (digit-char-p (char line i) 16))
                         do (incf i))))))))
(defun desc (x &optional (head t))
  "Print DESCRIBE's output for X as described above."
  (let ((text (with-output-to-string (s) (describe x s)))
        (skip nil))
    (unless head
      (setf text (subseq text (1+ (position #\Newline text)))))
    (with-input-from-string (in text)
      (loop for line = (read-line in nil)
            while line
            do (let ((indent (position #\Space line :test-not #'char=)))
                 (cond ((and skip indent (> indent skip)))
                       ((and indent
                             (some (lambda (label) (eql (search label line) indent))
                                   '("Derived type:" "Declared type:" "Source file:"
                                     "Known attributes:" "Inline proclamation:")))
                        (setf skip indent))
                       (t (setf skip nil)
                          (write-line (desc-strip line)))))))
    (values)))

(defun desc-f (x) "Desc doc." x)
(desc 'desc-f)
;out> COMMON-LISP-USER::DESC-F
;out>   [symbol]
;out>
;out> DESC-F names a compiled function:
;out>   Lambda-list: (X)
;out>   Documentation:
;out>     Desc doc.
(defvar *desc-v* 1 "V doc.")
(desc '*desc-v*)
;out> COMMON-LISP-USER::*DESC-V*
;out>   [symbol]
;out>
;out> *DESC-V* names a special variable:
;out>   Value: 1
;out>   Documentation:
;out>     V doc.
(defvar *desc-unbound*)
(desc '*desc-unbound*)
;out> COMMON-LISP-USER::*DESC-UNBOUND*
;out>   [symbol]
;out>
;out> *DESC-UNBOUND* names a special variable:
;out>   Currently unbound.
(defmacro desc-m (a) a)
(desc 'desc-m)
;out> COMMON-LISP-USER::DESC-M
;out>   [symbol]
;out>
;out> DESC-M names a macro:
;out>   Lambda-list: (A)
(desc :desc-key)
;out> :DESC-KEY
;out>   [symbol]
;out>
;out> DESC-KEY names a constant variable:
;out>   Value: :DESC-KEY
(desc 12)
;out> 12
;out>   [fixnum]
(desc 12345678901234567890)
;out> 12345678901234567890
;out>   [bignum]
(desc 1/2)
;out> 1/2
;out>   [ratio]
(desc 1.5)
;out> 1.5
;out>   [single-float]
(desc 1.5d0)
;out> 1.5d0
;out>   [double-float]
(desc #\a)
;out> #\a
;out>   [standard-char]
;out>
;out> Char-code: 97
;out> Char-name: LATIN_SMALL_LETTER_A
(desc '(1 2))
;out> (1 2)
;out>   [list]
(desc (cons 1 2))
;out> (1 . 2)
;out>   [cons]
(desc "abc")
;out> "abc"
;out>   [simple-string]
;out>
;out> Element-type: CHARACTER
;out> Length: 3
(desc (vector 1 2 3))
;out> #(1 2 3)
;out>   [simple-vector]
;out>
;out> Element-type: T
;out> Length: 3
(defstruct desc-s a some-really-long-slot-name-here-xx)
(desc (make-desc-s :a 1))
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


;;; functions, and what a symbol names
(defun desc-g (a &optional (b 2) &key c) (list a b c))
(desc #'desc-f)
;out> #<FUNCTION DESC-F>
;out>   [compiled function]
;out>
;out>
;out> Lambda-list: (X)
;out> Documentation:
;out>   Desc doc.
(desc #'desc-g)
;out> #<FUNCTION DESC-G>
;out>   [compiled function]
;out>
;out>
;out> Lambda-list: (A &OPTIONAL (B 2) &KEY C)
(desc 'desc-g)
;out> COMMON-LISP-USER::DESC-G
;out>   [symbol]
;out>
;out> DESC-G names a compiled function:
;out>   Lambda-list: (A &OPTIONAL (B 2) &KEY C)
(desc (lambda (x) x) nil)
;out>   [compiled function]
;out>
;out>
;out> Lambda-list: (X)
;out> Documentation:
;out>   T
(desc (let ((n 0)) (lambda () (incf n))) nil)
;out>   [compiled closure]
;out>
;out>
;out> Lambda-list: ()
;out> Documentation:
;out>   T
(desc (let ((n 0)) (lambda (m) (+ m 1))) nil)
;out>   [compiled function]
;out>
;out>
;out> Lambda-list: (M)
;out> Documentation:
;out>   T
(desc (lambda (x) "Lambda doc." x) nil)
;out>   [compiled function]
;out>
;out>
;out> Lambda-list: (X)
;out> Documentation:
;out>   T
(desc (macro-function 'desc-m) nil)
;out>   [compiled function]
;out>
;out>
;out> Lambda-list: (A)
;out> Documentation:
;out>   T
(defun (setf desc-acc) (v x) "Setf doc." (list v x))
(defun desc-acc (x) x)
(desc 'desc-acc)
;out> COMMON-LISP-USER::DESC-ACC
;out>   [symbol]
;out>
;out> DESC-ACC names a compiled function:
;out>   Lambda-list: (X)
;out>
;out> (SETF DESC-ACC) names a compiled function:
;out>   Lambda-list: (V X)
;out>   Documentation:
;out>     Setf doc.
(defvar *desc-both* 3)
(defun *desc-both* () 1)
(desc '*desc-both*)
;out> COMMON-LISP-USER::*DESC-BOTH*
;out>   [symbol]
;out>
;out> *DESC-BOTH* names a special variable:
;out>   Value: 3
;out>
;out> *DESC-BOTH* names a compiled function:
;out>   Lambda-list: ()
(setf (get 'desc-plist 'color) 'red (get 'desc-plist 'size) 10)
;=> 10
(desc 'desc-plist)
;out> COMMON-LISP-USER::DESC-PLIST
;out>   [symbol]
;out>
;out> Symbol-plist:
;out>   SIZE -> 10
;out>   COLOR -> RED
(defconstant +desc-c+ 3 "C doc.")
(desc '+desc-c+)
;out> COMMON-LISP-USER::+DESC-C+
;out>   [symbol]
;out>
;out> +DESC-C+ names a constant variable:
;out>   Value: 3
;out>   Documentation:
;out>     C doc.
(deftype desc-ty () "Ty doc." 'integer)
(desc 'desc-ty)
;out> COMMON-LISP-USER::DESC-TY
;out>   [symbol]
;out>
;out> DESC-TY names a type-specifier:
;out>   Documentation:
;out>     Ty doc.
;out>   Lambda-list: ()
;out>   Expansion: INTEGER
(deftype desc-ty2 (n) `(integer 0 ,n))
(desc 'desc-ty2)
;out> COMMON-LISP-USER::DESC-TY2
;out>   [symbol]
;out>
;out> DESC-TY2 names a type-specifier:
;out>   Lambda-list: (N)

;;; structure types and their documentation
(defstruct (desc-st (:constructor mk-desc-st)) "Struct doc." a (b 2 :type fixnum))
(documentation 'desc-st 'structure)
;=> "Struct doc."
(documentation 'desc-st 'type)
;=> "Struct doc."
(documentation (find-class 'desc-st) t)
;=> "Struct doc."
(desc 'desc-st)
;out> COMMON-LISP-USER::DESC-ST
;out>   [symbol]
;out>
;out> DESC-ST names the structure-class #<STRUCTURE-CLASS COMMON-LISP-USER::DESC-ST>:
;out>   Documentation:
;out>     Struct doc.
;out>   Class precedence-list: DESC-ST, STRUCTURE-OBJECT, SB-PCL::SLOT-OBJECT,
;out>                          T
;out>   Direct superclasses: STRUCTURE-OBJECT
;out>   No subclasses.
;out>   Slots:
;out>     A
;out>       Type: T
;out>       Initform: NIL
;out>     B
;out>       Type: FIXNUM
;out>       Initform: 2
(desc (mk-desc-st :a 1))
;out> #S(DESC-ST :A 1 :B 2)
;out>   [structure-object]
;out>
;out> Slots with :INSTANCE allocation:
;out>   A                              = 1
;out>   B                              = 2
(defstruct (desc-sub (:include desc-st)) c)
(desc 'desc-sub)
;out> COMMON-LISP-USER::DESC-SUB
;out>   [symbol]
;out>
;out> DESC-SUB names the structure-class #<STRUCTURE-CLASS COMMON-LISP-USER::DESC-SUB>:
;out>   Class precedence-list: DESC-SUB, DESC-ST, STRUCTURE-OBJECT,
;out>                          SB-PCL::SLOT-OBJECT, T
;out>   Direct superclasses: DESC-ST
;out>   No subclasses.
;out>   Slots:
;out>     A
;out>       Type: T
;out>       Initform: NIL
;out>     B
;out>       Type: FIXNUM
;out>       Initform: 2
;out>     C
;out>       Type: T
;out>       Initform: NIL
(desc 'desc-st)
;out> COMMON-LISP-USER::DESC-ST
;out>   [symbol]
;out>
;out> DESC-ST names the structure-class #<STRUCTURE-CLASS COMMON-LISP-USER::DESC-ST>:
;out>   Documentation:
;out>     Struct doc.
;out>   Class precedence-list: DESC-ST, STRUCTURE-OBJECT, SB-PCL::SLOT-OBJECT,
;out>                          T
;out>   Direct superclasses: STRUCTURE-OBJECT
;out>   Direct subclasses: DESC-SUB
;out>   Slots:
;out>     A
;out>       Type: T
;out>       Initform: NIL
;out>     B
;out>       Type: FIXNUM
;out>       Initform: 2
(defstruct desc-empty)
(desc 'desc-empty)
;out> COMMON-LISP-USER::DESC-EMPTY
;out>   [symbol]
;out>
;out> DESC-EMPTY names the structure-class #<STRUCTURE-CLASS COMMON-LISP-USER::DESC-EMPTY>:
;out>   Class precedence-list: DESC-EMPTY, STRUCTURE-OBJECT,
;out>                          SB-PCL::SLOT-OBJECT, T
;out>   Direct superclasses: STRUCTURE-OBJECT
;out>   No subclasses.
;out>   No slots.
(defstruct (desc-typed (:type list)) "Typed doc." a)
(list (documentation 'desc-typed 'structure) (documentation 'desc-typed 'type))
;=> ("Typed doc." NIL)
(desc 'desc-typed)
;out> COMMON-LISP-USER::DESC-TYPED
;out>   [symbol]
(setf (documentation 'desc-st 'structure) "New doc.")
;=> "New doc."
(list (documentation 'desc-st 'structure) (documentation 'desc-st 'type))
;=> ("New doc." "New doc.")
(setf (documentation 'desc-st 'type) "Type doc.")
;=> "Type doc."
(list (documentation 'desc-st 'structure) (documentation 'desc-st 'type))
;=> ("Type doc." "Type doc.")
(defstruct (desc-st (:constructor mk-desc-st)) a (b 2 :type fixnum))
(documentation 'desc-st 'structure)
;=> "Type doc."
(list (documentation 'desc-ty 'structure) (documentation 'desc-ty 'type))
;=> (NIL "Ty doc.")

;;; conditions
(define-condition desc-cond (error) ((a :initarg :a :reader desc-cond-a))
  (:documentation "Cond doc."))
(desc 'desc-cond)
;out> COMMON-LISP-USER::DESC-COND
;out>   [symbol]
;out>
;out> DESC-COND names the condition-class #<SB-PCL::CONDITION-CLASS COMMON-LISP-USER::DESC-COND>:
;out>   Documentation:
;out>     Cond doc.
;out>   Class precedence-list: DESC-COND, ERROR, SERIOUS-CONDITION, CONDITION,
;out>                          SB-PCL::SLOT-OBJECT, T
;out>   Direct superclasses: ERROR
;out>   No subclasses.
;out>   Direct slots:
;out>     A
;out>       Initargs: :A
;out>       Readers: DESC-COND-A
(desc (make-condition 'desc-cond :a 1))
;out> #<DESC-COND {}>
;out>   [condition]
;out>
;out> Slots with :INSTANCE allocation:
;out>   A                              = 1
(desc (make-condition 'simple-error :format-control "x ~a" :format-arguments '(1)))
;out> #<SIMPLE-ERROR "x ~a" {}>
;out>   [condition]
;out>
;out> Slots with :INSTANCE allocation:
;out>   FORMAT-CONTROL                 = "x ~a"
;out>   FORMAT-ARGUMENTS               = (1)

;;; hash tables
(let ((h (make-hash-table :test 'equal)))
  (setf (gethash 1 h) 2 (gethash "a" h) 3)
  (desc h))
;out> #<HASH-TABLE :TEST EQUAL :COUNT 2 {}>
;out>   [hash-table]
;out>
;out> Occupancy: 0.3
;out> Rehash-threshold: 1.0
;out> Rehash-size: 1.5
;out> Size: 7
;out> Synchronized: no
(desc (make-hash-table :weakness :key :synchronized t :size 100))
;out> #<SB-IMPL::GENERAL-HASH-TABLE :TEST EQL :COUNT 0 :WEAKNESS :KEY {..
;out>   [hash-table]
;out>
;out> Occupancy: 0.0
;out> Rehash-threshold: 1.0
;out> Rehash-size: 1.5
;out> Size: 100
;out> Synchronized: yes
(desc (make-hash-table :test 'eq :rehash-size 2.0 :rehash-threshold 0.5))
;out> #<HASH-TABLE :TEST EQ :COUNT 0 {}>
;out>   [hash-table]
;out>
;out> Occupancy: 0.0
;out> Rehash-threshold: 0.5
;out> Rehash-size: 2.0
;out> Size: 7
;out> Synchronized: no

;;; packages
(defpackage "DESC-PKG" (:use "CL") (:nicknames "DESC-P1" "DESC-P2") (:export "A" "B")
  (:shadow "DESC-SHADOW") (:documentation "Pkg doc."))
(desc (find-package "DESC-PKG"))
;out> #<PACKAGE "DESC-PKG">
;out>   [package]
;out>
;out>
;out> Documentation:
;out>   Pkg doc.
;out> Nicknames: DESC-P1, DESC-P2
;out> Use-list: COMMON-LISP
;out> Shadows: DESC-SHADOW
;out> Exports: A, B
;out> 1 internal symbols.
(defpackage "DESC-PKG2" (:use "DESC-PKG"))
(intern "X1" "DESC-PKG2")
;=> DESC-PKG2::X1
;=> NIL
(desc (find-package "DESC-PKG"))
;out> #<PACKAGE "DESC-PKG">
;out>   [package]
;out>
;out>
;out> Documentation:
;out>   Pkg doc.
;out> Nicknames: DESC-P1, DESC-P2
;out> Use-list: COMMON-LISP
;out> Used-by-list: DESC-PKG2
;out> Shadows: DESC-SHADOW
;out> Exports: A, B
;out> 1 internal symbols.
(desc (find-package "DESC-PKG2"))
;out> #<PACKAGE "DESC-PKG2">
;out>   [package]
;out>
;out>
;out> Use-list: DESC-PKG
;out> 1 internal symbols.
(desc (make-package "DESC-BARE" :use nil))
;out> #<PACKAGE "DESC-BARE">
;out>   [package]
;out>
;out>
;out> 0 internal symbols.

;;; arrays
(desc (make-array '(2 3) :initial-element 0))
;out> #2A((0 0 0) (0 0 0))
;out>   [simple array]
;out>
;out> Element-type: T
;out> Dimensions: (2 3)
;out> Storage vector: #<(SIMPLE-VECTOR 6) {}>
(desc (make-array '(2 3) :initial-element 0 :adjustable t))
;out> #2A((0 0 0) (0 0 0))
;out>   [array]
;out>
;out> Element-type: T
;out> Dimensions: (2 3)
;out> Adjustable: yes
;out> Displaced: no
;out> Storage vector: #<(SIMPLE-VECTOR 6) {}>
(desc (make-array 5 :fill-pointer 2 :initial-element 0))
;out> #(0 0)
;out>   [vector]
;out>
;out> Element-type: T
;out> Fill-pointer: 2
;out> Size: 5
;out> Adjustable: yes
;out> Displaced: no
;out> Storage vector: #<(SIMPLE-VECTOR 5) {}>
(desc (make-array 5 :adjustable t :initial-element 0))
;out> #(0 0 0 0 0)
;out>   [vector]
;out>
;out> Element-type: T
;out> Length: 5
;out> Adjustable: yes
;out> Displaced: no
;out> Storage vector: #<(SIMPLE-VECTOR 5) {}>
(desc (make-array 3 :element-type 'fixnum :initial-element 1))
;out> #(1 1 1)
;out>   [simple specialized vector]
;out>
;out> Element-type: FIXNUM
;out> Length: 3
(desc (make-array 3 :element-type 'bit :initial-element 1))
;out> #*111
;out>   [simple-bit-vector]
;out>
;out> Element-type: BIT
;out> Length: 3
(desc (make-array 3 :element-type 'double-float :initial-element 0d0))
;out> #(0.0d0 0.0d0 0.0d0)
;out>   [simple specialized vector]
;out>
;out> Element-type: DOUBLE-FLOAT
;out> Length: 3
(desc (make-array 5 :element-type 'character :fill-pointer 2 :initial-element #\a))
;out> "aa"
;out>   [string]
;out>
;out> Element-type: CHARACTER
;out> Fill-pointer: 2
;out> Size: 5
;out> Adjustable: yes
;out> Displaced: no
;out> Storage vector: "aaaaa"
(desc (make-array 3 :element-type 'base-char :initial-element #\a))
;out> "aaa"
;out>   [simple-base-string]
;out>
;out> Element-type: BASE-CHAR
;out> Length: 3
(desc (make-array 4 :displaced-to (make-array 6 :initial-element 1) :displaced-index-offset 2))
;out> #(1 1 1 1)
;out>   [vector]
;out>
;out> Element-type: T
;out> Length: 4
;out> Adjustable: yes
;out> Displaced-to: #<(SIMPLE-VECTOR 6) {}>
;out> Displaced-offset: 2
(desc (make-array '() :initial-element 7))
;out> #0A7
;out>   [simple array]
;out>
;out> Element-type: T
;out> Dimensions: NIL
;out> Storage vector: #<(SIMPLE-VECTOR 1) {}>
(desc (make-array '(2 2) :element-type 'double-float :initial-element 1d0))
;out> #2A((1.0d0 1.0d0) (1.0d0 1.0d0))
;out>   [simple specialized array]
;out>
;out> Element-type: DOUBLE-FLOAT
;out> Dimensions: (2 2)
;out> Storage vector: #<(SIMPLE-ARRAY DOUBLE-FLOAT (4)) {}>
(desc (make-array 4 :element-type 'bit :fill-pointer 2 :initial-element 1))
;out> #*11
;out>   [bit-vector]
;out>
;out> Element-type: BIT
;out> Fill-pointer: 2
;out> Size: 4
;out> Adjustable: yes
;out> Displaced: no
;out> Storage vector: #<(SIMPLE-BIT-VECTOR 4) {}>
(desc (make-array '(2 2) :element-type 'bit :initial-element 1))
;out> #2A((1 1) (1 1))
;out>   [simple specialized array]
;out>
;out> Element-type: BIT
;out> Dimensions: (2 2)
;out> Storage vector: #<(SIMPLE-BIT-VECTOR 4) {}>

;;; other objects
(desc #c(1 2))
;out> #C(1 2)
;out>   [complex]
(desc #c(1.0 2.0))
;out> #C(1.0 2.0)
;out>   [complex-single-float]
(desc (pathname "/tmp/desc.lisp"))
;out> #P"/tmp/desc.lisp"
;out>   [pathname]
;out>
;out>   HOST       = #<SB-IMPL::UNIX-HOST {}>
;out>   DIRECTORY  = (:ABSOLUTE "tmp")
;out>   NAME       = "desc"
;out>   TYPE       = "lisp"
;out>   VERSION    = :NEWEST
(desc (pathname "desc"))
;out> #P"desc"
;out>   [pathname]
;out>
;out>   HOST       = #<SB-IMPL::UNIX-HOST {}>
;out>   NAME       = "desc"
;out>   VERSION    = :NEWEST
(desc (pathname "a/b/"))
;out> #P"a/b/"
;out>   [pathname]
;out>
;out>   HOST       = #<SB-IMPL::UNIX-HOST {}>
;out>   DIRECTORY  = (:RELATIVE "a" "b")
(desc (make-pathname :name "x" :version 3))
;out> #P"x"
;out>   [pathname]
;out>
;out>   HOST       = #<SB-IMPL::UNIX-HOST {}>
;out>   NAME       = "x"
;out>   VERSION    = 3

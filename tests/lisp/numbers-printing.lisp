;;;; Arithmetic on the numeric tower and how objects print.
;;;; Expectations written by tests/sbcl_check.py from sbcl --script.

;;; integers and ratios
(+ 1 2 3)
;=> 6
(- 10)
;=> -10
(* 99999999999 99999999999)
;=> 9999999999800000000001
(expt 2 100)
;=> 1267650600228229401496703205376
(- (expt 2 62))
;=> -4611686018427387904
(/ 1 3)
;=> 1/3
(/ 6 3)
;=> 2
(/ -4 6)
;=> -2/3
(+ 1/3 2/3)
;=> 1
(* 2/3 3/4)
;=> 1/2
(/ 1 3 4)
;=> 1/12
(floor 7 2)
;=> 3
;=> 1
(floor -7 2)
;=> -4
;=> 1
(ceiling 7 2)
;=> 4
;=> -1
(truncate -7 2)
;=> -3
;=> -1
(round 5 2)
;=> 2
;=> 1
(round 7 2)
;=> 4
;=> -1
(mod -7 3)
;=> 2
(rem -7 3)
;=> -1
(gcd 12 18)
;=> 6
(lcm 4 6)
;=> 12
(isqrt 17)
;=> 4
(abs -5/3)
;=> 5/3
(numerator 6/4)
;=> 3
(denominator 6/4)
;=> 2
(1+ most-positive-fixnum)
;=> 4611686018427387904
(max 1 5 3)
;=> 5
(min 1/2 1/3)
;=> 1/3
(= 1 1.0)
;=> T
(eql 1 1.0)
;=> NIL
(< 1 2 3)
;=> T
(< 1 3 2)
;=> NIL
(zerop 0)
;=> T
(evenp 10)
;=> T
(parse-integer "  -123  ")
;=> -123
;=> 8
(parse-integer "ff" :radix 16)
;=> 255
;=> 2

;;; floats
1.0
;=> 1.0
1.5e10
;=> 1.5e10
1.0d0
;=> 1.0d0
0.1
;=> 0.1
0.1d0
;=> 0.1d0
(/ 1.0 3)
;=> 0.33333334
(/ 1d0 3)
;=> 0.3333333333333333d0
(+ 0.1 0.2)
;=> 0.3
(+ 0.1d0 0.2d0)
;=> 0.30000000000000004d0
(* 1.5 2)
;=> 3.0
(+ 1 2.5)
;=> 3.5
(+ 1/2 0.5)
;=> 1.0
(+ 1.0 1d0)
;=> 2.0d0
1e7
;=> 1.0e7
1.0e6
;=> 1000000.0
12345678.0
;=> 1.2345678e7
123456.7
;=> 123456.7
0.001
;=> 0.001
1.0e-4
;=> 1.0e-4
1d100
;=> 1.0d100
1.5d-7
;=> 1.5d-7
-0.0
;=> -0.0
(- 0.0)
;=> -0.0
100.0
;=> 100.0
1e20
;=> 1.0e20
(float 1/3)
;=> 0.33333334
(float 1/3 1d0)
;=> 0.3333333333333333d0
(coerce 1/4 'double-float)
;=> 0.25d0
(sqrt 16)
;=> 4.0
(sqrt 2)
;=> 1.4142135
(sqrt 2d0)
;=> 1.4142135623730951d0
(sqrt -4)
;=> #C(0.0 2.0)
(expt 2 0.5)
;=> 1.4142135
(expt 2.0 3)
;=> 8.0
(floor 2.5)
;=> 2
;=> 0.5
(round 2.5)
;=> 2
;=> 0.5
(round 3.5)
;=> 4
;=> -0.5
(ftruncate 2.7)
;=> 2.0
;=> 0.70000005
(truncate 1e10)
;=> 10000000000
;=> 0.0
(exp 1)
;=> 2.7182817
(exp 1d0)
;=> 2.718281828459045d0
(log 100 10)
;=> 2.0
(float-digits 1.0)
;=> 24
(rational 0.5)
;=> 1/2
(rationalize 0.1)
;=> 1/10
most-positive-single-float
;=> 3.4028235e38
most-positive-double-float
;=> 1.7976931348623157d308
least-positive-single-float
;=> 1.4012985e-45
(* 2 most-positive-fixnum 1.0)
;=> 9.223372e18
(type-of 1.0)
;=> SINGLE-FLOAT
(type-of 1d0)
;=> DOUBLE-FLOAT
(type-of 1/2)
;=> RATIO
(type-of 1)
;=> BIT
(type-of (expt 2 70))
;=> (INTEGER 4611686018427387904)
(type-of (- (expt 2 70)))
;=> BIGNUM
(type-of 5)
;=> (INTEGER 0 4611686018427387903)
(type-of -5)
;=> FIXNUM
(progn (prin1 (mapcar #'type-of (list #c(1 2) #c(0 1) #c(0 2) #c(1/2 3) #c(1.5 -2.0) #c(1d0 2d0)))) (values))
;out> ((COMPLEX (INTEGER 1 2)) (COMPLEX BIT) (COMPLEX (MOD 3))
;out>  (COMPLEX (RATIONAL 1/2 3)) (COMPLEX (SINGLE-FLOAT -2.0 1.5))
;out>  (COMPLEX (DOUBLE-FLOAT 1.0d0 2.0d0)))
(complex 1 2)
;=> #C(1 2)
(* #c(0 1) #c(0 1))
;=> -1
(+ #c(1.0 2.0) 1)
;=> #C(2.0 2.0)
(abs #c(3 4))
;=> 5.0

;;; characters
#\a
;=> #\a
#\Space
;=> #\ 
#\Newline
;=> #\Newline
#\Tab
;=> #\Tab
(code-char 0)
;=> #\Nul
(char-upcase #\a)
;=> #\A
(list #\( #\) #\; #\")
;=> (#\( #\) #\; #\")
(char-code #\A)
;=> 65
(code-char 955)
;=> #\GREEK_SMALL_LETTER_LAMDA
#\Rubout
;=> #\Rubout
(char-name #\Space)
;=> "Space"
(name-char "Newline")
;=> #\Newline

;;; strings
"hello"
;=> "hello"
"with \"quotes\" and \\ backslash"
;=> "with \"quotes\" and \\ backslash"
""
;=> ""
(string #\a)
;=> "a"
(make-string 3 :initial-element #\z)
;=> "zzz"
(string-upcase "MiXed")
;=> "MIXED"
(concatenate 'string "ab" "cd")
;=> "abcd"
(format nil "~S" "a\"b")
;=> "\"a\\\"b\""

;;; symbols and packages
'foo
;=> FOO
'|lower case|
;=> |lower case|
'|MiXed|
;=> |MiXed|
:keyword
;=> :KEYWORD
'cl-user::internal-sym
;=> INTERNAL-SYM
'cl:car
;=> CAR
'sb-ext:*posix-argv*
;=> *POSIX-ARGV*
(intern "UPPER")
;=> UPPER
;=> NIL
(intern "lower")
;=> |lower|
;=> NIL
(make-symbol "UNINTERNED")
;=> #:UNINTERNED
'|a b|
;=> |a b|
'||
;=> ||
'|123|
;=> |123|
'\1
;=> |1|
'|.|
;=> |.|
'foo\ bar
;=> |FOO BAR|
(symbol-name :key)
;=> "KEY"
(list (find-package "KEYWORD") nil)
;=> (#<PACKAGE "KEYWORD"> NIL)
(symbol-package 'car)
;=> #<PACKAGE "COMMON-LISP">

;;; lists, conses and vectors
'(1 2 3)
;=> (1 2 3)
'(1 . 2)
;=> (1 . 2)
'(1 2 . 3)
;=> (1 2 . 3)
'((a . b) (c . d))
;=> ((A . B) (C . D))
'(nil (nil) ())
;=> (NIL (NIL) NIL)
'(quote x)
;=> 'X
'(function f)
;=> #'F
''(a b)
;=> '(A B)
'(a (b (c (d))))
;=> (A (B (C (D))))
#(1 2 3)
;=> #(1 2 3)
#()
;=> #()
(vector 'a "b" #\c 1.5)
;=> #(A "b" #\c 1.5)
(make-array 3 :initial-element 0)
;=> #(0 0 0)
(make-array '(2 2) :initial-contents '((1 2) (3 4)))
;=> #2A((1 2) (3 4))
"string in a list"
;=> "string in a list"
(list "s" #\c 'sym 1/2 1.0d0)
;=> ("s" #\c SYM 1/2 1.0d0)
#*1011
;=> #*1011
(make-array 4 :element-type 'bit :initial-element 1)
;=> #*1111
(make-array 3 :element-type 'character :initial-element #\x)
;=> "xxx"
(make-array 5 :fill-pointer 2 :initial-element 7)
;=> #(7 7)
(cons 1 (cons 2 nil))
;=> (1 2)

;;; prin1, princ, print and format ~A ~S
(prin1 "str")
;out> "str"
;=> "str"
(princ "str")
;out> str
;=> "str"
(print "str")
;out>
;out> "str" 
;=> "str"
(progn (prin1 #\a) (princ #\a) (values))
;out> #\aa
(progn (prin1 'sym) (princ 'sym) (prin1 :kw) (princ :kw) (values))
;out> SYMSYM:KWKW
(progn (prin1 '|lower|) (princ '|lower|) (values))
;out> |lower|lower
(progn (prin1 1.5) (princ 1.5d0) (values))
;out> 1.51.5d0
(progn (print 1) (print 2) (values))
;out>
;out> 1 
;out> 2 
(progn (prin1 '("a" #\b c)) (princ '("a" #\b c)) (values))
;out> ("a" #\b C)(a b C)
(progn (terpri) (princ "after terpri") (values))
;out>
;out> after terpri
(progn (princ "x") (fresh-line) (fresh-line) (princ "y") (values))
;out> x
;out> y
(format nil "~A" "str")
;=> "str"
(format nil "~S" "str")
;=> "\"str\""
(format nil "~A ~S" #\a #\a)
;=> "a #\\a"
(format nil "~A ~S" 'sym :kw)
;=> "SYM :KW"
(format nil "~A|~S" '|Mixed Case| '|Mixed Case|)
;=> "Mixed Case||Mixed Case|"
(format nil "~A ~S" 1/3 1.0d0)
;=> "1/3 1.0d0"
(format nil "~A" '(1 "two" #\3 four))
;=> "(1 two 3 FOUR)"
(format nil "~S" '(1 "two" #\3 four))
;=> "(1 \"two\" #\\3 FOUR)"
(format nil "~A ~A ~A" 1.0 1.5e10 0.1)
;=> "1.0 1.5e10 0.1"
(format nil "~S ~S" 1e-5 123456789.0)
;=> "1.0e-5 1.2345679e8"
(format nil "~D ~B ~O ~X" 255 255 255 255)
;=> "255 11111111 377 FF"
(format nil "~5D|~5,'0D|~:D" 42 42 1234567)
;=> "   42|00042|1,234,567"
(format nil "~R" 42)
;=> "forty-two"
(format nil "~@R" 1999)
;=> "MCMXCIX"
(format nil "~:R" 3)
;=> "third"
(format nil "~F ~,2F ~E" 3.14159 3.14159 1234.5)
;=> "3.14159 3.14 1.2345e+3"
(format nil "~$" 3.14159)
;=> "3.14"
(format nil "~10A|~10@A|" "ab" "ab")
;=> "ab        |        ab|"
(format nil "~{~A~^, ~}" '(a b c))
;=> "A, B, C"
(format nil "~(~A~) ~:@(~A~)" "LOWER" "upper")
;=> "lower UPPER"
(format nil "~:[no~;yes~] ~@[~A~]" t nil)
;=> "yes "
(format t "~a~%~a" 1 2)
;out> 1
;out> 2
;=> NIL
(format t "~&line~%")
;out> line
;=> NIL
(format t "~@<The assertion ~S failed~:[.~:; with ~:*~{~S = ~S~^, ~}.~]~:@>" '(> a (length b) *cnd-g*) '(a 1 (length b) 1 *cnd-g* 3))
;out> The assertion (> A (LENGTH B) *CND-G*) failed with A = 1, (LENGTH B) = 1,
;out> *CND-G* = 3.
;=> NIL
(format nil "~@<~A ~:*~A ~@*~A~:>" 'x 'y)
;=> "X X X"
(write-to-string 42 :base 2)
;=> "101010"
(write-to-string 'sym :case :downcase)
;=> "sym"
(write-to-string "q" :escape nil)
;=> "q"
(let ((*print-base* 16)) (prin1-to-string 255))
;=> "FF"
(let ((*print-radix* t)) (prin1-to-string 10))
;=> "10."
(let ((*print-escape* nil)) (prin1-to-string "x"))
;=> "\"x\""
(let ((*print-case* :downcase)) (prin1-to-string '(foo :bar)))
;=> "(foo :bar)"
(let ((*print-length* 3)) (prin1-to-string '(1 2 3 4 5)))
;=> "(1 2 3 ...)"
(let ((*print-level* 2)) (prin1-to-string '(1 (2 (3 (4))))))
;=> "(1 (2 #))"
(prin1-to-string (list 1.0 1.0d0 1/2 -3))
;=> "(1.0 1.0d0 1/2 -3)"
(princ-to-string (list "a" #\b 'c))
;=> "(a b C)"

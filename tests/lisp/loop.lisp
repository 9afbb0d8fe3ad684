;;;; LOOP (CLHS 6.1): the simple loop and every clause of the extended loop.
;;;; Expectations checked with sbcl --script.

;;; simple loop
(let ((n 0)) (loop (incf n) (when (> n 4) (return n))))
;=> 5
(loop (return (values 1 2)))
;=> 1
;=> 2
(let ((n 0)) (loop (incf n) (when (= n 3) (return)) n))
;=> NIL

;;; FOR ... FROM/TO/BELOW/BY, arithmetic stepping
(loop for i from 1 to 5 collect i)
;=> (1 2 3 4 5)
(loop for i to 3 collect i)
;=> (0 1 2 3)
(loop for i below 4 collect i)
;=> (0 1 2 3)
(loop for i from 0 below 10 by 3 collect i)
;=> (0 3 6 9)
(loop for i upfrom 5 upto 8 collect i)
;=> (5 6 7 8)
(loop for i from 10 downto 6 collect i)
;=> (10 9 8 7 6)
(loop for i downfrom 5 to 2 collect i)
;=> (5 4 3 2)
(loop for i from 10 above 5 by 2 collect i)
;=> (10 8 6)
(loop for i downfrom 3 collect i until (= i 0))
;=> (3 2 1 0)
(loop for i from 1 to 3 finally (return i))
;=> 4
(loop for i from 5 below 5 collect i)
;=> NIL
(loop for i from 1 to 10 by 4 collect i)
;=> (1 5 9)
(loop for i from 1/2 to 2 collect i)
;=> (1/2 3/2)
(loop for x from 0.5 to 2.0 by 0.5 collect x)
;=> (0.5 1.0 1.5 2.0)
(loop for x of-type double-float from 0d0 below 1d0 by 0.25d0 collect x)
;=> (0.0d0 0.25d0 0.5d0 0.75d0)
(loop for i fixnum from 1 to 3 sum i)
;=> 6
(loop for x of-type single-float to 2.0 collect x)
;=> (0.0 1.0 2.0)
(loop for i by 2 below 7 collect i)
;=> (0 2 4 6)
(loop for i to 6 by 2 from 2 collect i)
;=> (2 4 6)
(let ((n 3)) (loop for i from 0 below n collect (progn (setq n 10) i)))
;=> (0 1 2)
(let ((log nil)) (loop for i from (progn (push :from log) 1) to (progn (push :to log) 2) by (progn (push :by log) 1) do (push i log)) (nreverse log))
;=> (:FROM :TO :BY 1 2)
(let ((log nil)) (loop for i to (progn (push :to log) 2) from (progn (push :from log) 1) do (push i log)) (nreverse log))
;=> (:TO :FROM 1 2)
(let ((step 2)) (loop for i from 0 to 8 by step collect i))
;=> (0 2 4 6 8)
(loop for nil from 1 to 3 count t)
;=> 3
(loop as i from 1 to 3 collect (* i i))
;=> (1 4 9)
(loop :for i :from 1 :to 3 :collect i)
;=> (1 2 3)
(loop for i from 1 to 3 and j from 10 collect (list i j))
;=> ((1 10) (2 11) (3 12))

;;; FOR ... IN / ON
(loop for x in '(a b c) collect (list x))
;=> ((A) (B) (C))
(loop for x in '() collect x)
;=> NIL
(loop for x in '(1 2 3 4 5 6) by #'cddr collect x)
;=> (1 3 5)
(loop for x in '(1 2 3 4 5 6) by 'cddr collect x)
;=> (1 3 5)
(loop for x in '(1 2 3 4 5 6 7) by (lambda (l) (cdddr l)) collect x)
;=> (1 4 7)
(loop for x in '(1 2 3) finally (return x))
;=> 3
(loop for x on '(1 2 3) collect x)
;=> ((1 2 3) (2 3) (3))
(loop for x on '(1 2 3 . 4) collect x)
;=> ((1 2 3 . 4) (2 3 . 4) (3 . 4))
(loop for x on '(1 2 3 4 5) by #'cddr collect (car x))
;=> (1 3 5)
(loop for x on '(1 2 3) finally (return x))
;=> NIL
(loop for (a . b) on '(1 2 3) collect (list a b))
;=> ((1 (2 3)) (2 (3)) (3 NIL))
(loop for x in '(1 2 . 3) collect x)
;error> TYPE-ERROR
(let ((l (list 1 2 3))) (loop for x in l do (setq l nil) collect x))
;=> (1 2 3)
(loop for x in '(1 2 3) for y in '(a b) collect (cons x y))
;=> ((1 . A) (2 . B))
(loop for x in '(1 2 3) and y = 0 then x collect (list x y))
;=> ((1 0) (2 1) (3 2))

;;; FOR ... ACROSS
(loop for c across "abc" collect (char-upcase c))
;=> (#\A #\B #\C)
(loop for x across #(1 2 3) sum x)
;=> 6
(loop for x across #() collect x)
;=> NIL
(loop for x across #(1 2 3) finally (return x))
;=> 3
(loop for x across (make-array 5 :initial-contents '(1 2 3 4 5) :fill-pointer 3) collect x)
;=> (1 2 3)
(loop for b across #*1011 count (= b 1))
;=> 3
(let ((v (vector 1 2 3))) (loop for x across v do (setf (aref v 2) 30) collect x))
;=> (1 2 30)

;;; FOR ... = ... THEN
(loop for x = 1 then (* x 2) repeat 5 collect x)
;=> (1 2 4 8 16)
(loop for x = 5 repeat 3 collect x)
;=> (5 5 5)
(let ((n 0)) (loop for x = (incf n) repeat 3 collect x))
;=> (1 2 3)
(loop for x = '(1 2 3) then (cdr x) while x collect (car x))
;=> (1 2 3)
(loop for i from 1 to 3 for sq = (* i i) collect sq)
;=> (1 4 9)
(loop for i from 1 to 4 for prev = nil then cur for cur = i collect (list prev cur))
;=> ((NIL 1) (1 2) (2 3) (3 4))
(loop for x = 1 then (1+ x) and y = x then x repeat 3 collect (list x y))
;=> ((1 NIL) (2 1) (3 2))
(loop for a = 0 then b and b = 1 then (+ a b) repeat 8 collect a)
;=> (0 1 1 2 3 5 8 13)
(loop for (a b) = '(1 2) then (list b (+ a b)) repeat 5 collect a)
;=> (1 2 3 5 8)
(loop for i from 1 to 3 for j = (* i 10) finally (return (list i j)))
;=> (4 30)

;;; destructuring
(loop for (a b) in '((1 2) (3 4)) collect (+ a b))
;=> (3 7)
(loop for (a . b) in '((1 . 2) (3 . 4)) collect (* a b))
;=> (2 12)
(loop for (a (b c) d) in '((1 (2 3) 4) (5 (6 7) 8)) collect (list d c b a))
;=> ((4 3 2 1) (8 7 6 5))
(loop for (a nil c) in '((1 2 3) (4 5 6)) collect (list a c))
;=> ((1 3) (4 6))
(loop for (a b c) in '((1) (1 2)) collect (list a b c))
;=> ((1 NIL NIL) (1 2 NIL))
(loop for (a . rest) in '((1 2 3) (4)) collect rest)
;=> ((2 3) NIL)
(loop for ((a . b) c) in '(((1 . 2) 3)) collect (list a b c))
;=> ((1 2 3))
(loop for (a b) of-type (fixnum fixnum) in '((1 2) (3 4)) sum (* a b))
;=> 14
(loop for (a b) fixnum in '((1 2) (3 4)) collect (- b a))
;=> (1 1)
(loop for (x . nil) in '((1 . 2) (3 . 4)) collect x)
;=> (1 3)
(loop with (a b) = '(1 2) with (c . d) = '(3 4 5) return (list a b c d))
;=> (1 2 3 (4 5))
(loop with (a (b) . c) = '(1 (2) 3 4) return (list a b c))
;=> (1 2 (3 4))
(loop with (a b) of-type (fixnum float) return (list a b))
;=> (0 0.0)
(loop with (a b) = '(1) return (list a b))
;=> (1 NIL)

;;; WITH
(loop with x = 5 return x)
;=> 5
(loop with x return x)
;=> NIL
(loop with x fixnum return x)
;=> 0
(loop with x of-type float return x)
;=> 0.0
(loop with x double-float return x)
;=> 0.0d0
(loop with x of-type (integer 0 10) return x)
;=> 0
(loop with s string return s)
;=> ""
(loop with c character return c)
;=> #\x
(loop with x = 1 and y = 2 return (list x y))
;=> (1 2)
(let ((x 10)) (loop with x = 1 and y = x return (list x y)))
;=> (1 10)
(let ((x 10)) (loop with x = 1 with y = x return (list x y)))
;=> (1 1)
(loop with a = 1 with b = (+ a 1) for i from a to b collect (list i a b))
;=> ((1 1 2) (2 1 2))
(loop with x = (list 1) for i below 2 do (push i x) finally (return x))
;=> (1 0 1)

;;; REPEAT, WHILE, UNTIL
(loop repeat 3 collect 'x)
;=> (X X X)
(loop repeat 0 collect 'x)
;=> NIL
(loop repeat -2 collect 'x)
;=> NIL
(loop repeat 2.5 collect 'x)
;=> (X X X)
(let ((n 0)) (loop repeat (progn (incf n) 3) do (incf n)) n)
;=> 4
(loop for i from 1 while (< i 4) collect i)
;=> (1 2 3)
(loop for i from 1 until (> i 3) collect i)
;=> (1 2 3)
(loop for x in '(1 2 3 nil 4) while x collect x)
;=> (1 2 3)
(loop for i from 1 to 10 collect i while (< i 3))
;=> (1 2 3)
(loop for i from 1 to 3 while (< i 3) for j = (* i 10) collect j)
;=> (10 20)
(let ((i 0)) (loop while (< i 3) do (incf i)) i)
;=> 3
(loop for i from 1 repeat 3 collect i)
;=> (1 2 3)
(loop for i from 1 to 5 collect i repeat 2)
;=> (1 2)

;;; accumulation
(loop for x in '(1 2 3) collecting (* x 10))
;=> (10 20 30)
(loop for x in '((1 2) (3) () (4 5)) append x)
;=> (1 2 3 4 5)
(loop for x in '((1 2) (3) () (4 5)) appending x)
;=> (1 2 3 4 5)
(loop for x in (list (list 1 2) (list 3) nil (list 4)) nconc x)
;=> (1 2 3 4)
(loop for x in (list (list 1 2) (list 3)) nconcing x)
;=> (1 2 3)
(loop for x in '((1) (2 . 3)) append x)
;=> (1 2 . 3)
(let ((l '(1 2))) (let ((r (loop repeat 2 append l))) (list r (eq (cdr (cdr r)) l))))
;=> ((1 2 1 2) NIL)
(loop for i below 3 append (list i i))
;=> (0 0 1 1 2 2)
(loop for x in '(1 2 3) collect x append (list x x))
;=> (1 1 1 2 2 2 3 3 3)
(loop for x in '(1 nil 3 nil) count x)
;=> 2
(loop for x in '(1 2 3) counting (oddp x))
;=> 2
(loop for x in '(1 2 3) sum x)
;=> 6
(loop for x in '(1 2.5 3) summing x)
;=> 6.5
(loop for x in '() sum x)
;=> 0
(loop for x in '(3 1 4 1 5) maximize x)
;=> 5
(loop for x in '(3 1 4 1 5) minimize x)
;=> 1
(loop for x in '(3 1 4 1 5) maximizing x)
;=> 5
(loop for x in '(3 1 4 1 5) minimizing x)
;=> 1
(loop for x in '(1 4.0 2) maximize x)
;=> 4.0
(loop for x in '() maximize x)
;=> 0
(loop for x in '() minimize x fixnum)
;=> 4611686018427387903
(loop for x in '(3 7 2) maximize x fixnum)
;=> 7
(loop for x in '(3 7 2) minimize x of-type fixnum)
;=> 2
(loop for x in '(1 2 3) sum x into s finally (return s))
;=> 6
(loop for x in '(1 2 3) sum x fixnum)
;=> 6
(loop for x in '(1 2 3) sum x of-type float)
;=> 6.0
(loop for x in '(a b c) collect x into l finally (return (reverse l)))
;=> (C B A)
(loop for x in '(1 2 3 4 5) when (oddp x) collect x into odds else collect x into evens finally (return (list odds evens)))
;=> ((1 3 5) (2 4))
(loop for x in '(1 2 3) collect x into l do (print l))
;out> 
;out> (1) 
;out> (1 2) 
;out> (1 2 3) 
;=> NIL
(loop for x in '(1 2 3) collect x into l count x into n sum x into s finally (return (list l n s)))
;=> ((1 2 3) 3 6)
(loop for x in '(5 2 8) maximize x into hi minimize x into lo finally (return (list lo hi)))
;=> (2 8)
(loop for x in '(5 2 8) maximize x into m minimize (- x 10) into m finally (return m))
;=> -2
(loop for x in '(1 2 3) count (oddp x) into c sum x into c finally (return c))
;=> 8
(loop for x in '(1 2 3) sum x count t)
;=> 9
(loop for x in '(1 2 3) collect x sum x into s)
;=> (1 2 3)
(loop for x in '((1 2) (3)) collect x append x)
;=> ((1 2) 1 2 (3) 3)
(loop for x in '(1 2 3) collect x collect (- x))
;=> (1 -1 2 -2 3 -3)
(loop for x in '(1 2 3) collect (list x) into l finally (return (length l)))
;=> 3
(loop for i below 3 collect i into l finally (setf (car l) 'z) (return l))
;=> (Z 1 2)
(loop for x in '(1 2 3) nconc (list x) into l append (list (* 10 x)) into l finally (return l))
;=> (1 10 2 20 3 30)

;;; conditionals
(loop for x in '(1 2 3 4 5 6) when (evenp x) collect x)
;=> (2 4 6)
(loop for x in '(1 2 3 4 5 6) if (evenp x) collect x)
;=> (2 4 6)
(loop for x in '(1 2 3 4 5 6) unless (evenp x) collect x)
;=> (1 3 5)
(loop for x in '(1 2 3 4) when (evenp x) collect x else collect (- x))
;=> (-1 2 -3 4)
(loop for x in '(1 2 3 4) unless (evenp x) collect x else collect (- x))
;=> (1 -2 3 -4)
(loop for x in '(1 2 3 4) when (evenp x) collect x and collect (* x 10) else collect 0)
;=> (0 2 20 0 4 40)
(loop for x in '((a 1) (b nil) (c 3)) when (second x) collect it)
;=> (1 3)
(loop for x in '(1 2 3) when (member x '(2 3)) collect it)
;=> ((2 3) (3))
(loop for x in '(1 2 3 4) when (> x 2) return it)
;=> T
(loop for x in '(1 2 3 4) when (and (> x 2) (* x 10)) return it)
;=> 30
(loop for x in '(1 2 3 4 5 6 7 8) when (evenp x) when (> x 4) collect x end else collect (- x))
;=> (-1 -3 -5 6 -7 8)
(loop for x in '(1 2 3 4 5 6) when (evenp x) if (> x 3) collect :big else collect :small end and collect x)
;=> (:SMALL 2 :BIG 4 :BIG 6)
(loop for x in '(1 2 3 4 5 6) when (oddp x) collect x and when (> x 3) collect :after end)
;=> (1 3 5 :AFTER)
(loop for x in '(1 2 3) when (oddp x) do (print x) and collect x)
;out> 
;out> 1 
;out> 3 
;=> (1 3)
(loop for x in '(1 2 3 4) when (evenp x) sum x into e and count t into n end finally (return (list e n)))
;=> (6 2)
(loop for x in '(1 2 3 4 5) when (> x 1) when (< x 5) when (oddp x) collect x)
;=> (3)
(loop for x in '(1 2 3) if (= x 2) do (print :two) else do (print x) end collect x)
;out> 
;out> 1 
;out> :TWO 
;out> 3 
;=> (1 2 3)
(loop for x in '(a 1 b 2) when (symbolp x) collect x into syms else when (numberp x) sum x into total finally (return (list syms total)))
;=> ((A B) 3)
(loop for i from 1 to 3 when (= i 2) return :found)
;=> :FOUND
(loop for x in '(nil 2 nil 4) when x sum it)
;=> 6
(loop for x in '(1 2 3) :when (oddp x) :collect x)
;=> (1 3)

;;; ALWAYS, NEVER, THEREIS
(loop for x in '(2 4 6) always (evenp x))
;=> T
(loop for x in '(2 3 6) always (evenp x))
;=> NIL
(loop for x in '(1 3 5) never (evenp x))
;=> T
(loop for x in '(1 4 5) never (evenp x))
;=> NIL
(loop for x in '(1 2 3) thereis (and (> x 1) (* x 10)))
;=> 20
(loop for x in '(1 2 3) thereis (> x 5))
;=> NIL
(loop for x in '() always nil)
;=> T
(loop for x in '(2 4) always (evenp x) finally (print :fin))
;out> 
;out> :FIN 
;=> T
(loop for x in '(2 3) always (evenp x) finally (print :fin))
;=> NIL
(loop for x in '(1 2) thereis (= x 2) finally (print :fin))
;=> T
(loop for x in '(1 2) thereis (= x 5) finally (print :fin))
;out> 
;out> :FIN 
;=> NIL
(loop for x in '(1 2) thereis (= x 5) finally (return :none))
;=> :NONE
(loop for x in '(2 4) always (evenp x) finally (return :all))
;=> :ALL
(loop for x in '(1 2 3) always (< x 10) sum x into s finally (print s))
;out> 
;out> 6 
;=> T

;;; DO, RETURN, INITIALLY, FINALLY, NAMED, LOOP-FINISH
(loop for x in '(1 2) do (print x) (print (* x 10)))
;out> 
;out> 1 
;out> 10 
;out> 2 
;out> 20 
;=> NIL
(loop for x in '(1 2) doing (print x))
;out> 
;out> 1 
;out> 2 
;=> NIL
(loop for i from 1 return (* i 100))
;=> 100
(loop for x in '(1 2 3) do (when (= x 2) (return :early)) finally (return :late))
;=> :EARLY
(loop initially (print :start) for x in '(1 2) do (print x) finally (print :end))
;out> 
;out> :START 
;out> 1 
;out> 2 
;out> :END 
;=> NIL
(loop for x in '(1 2) initially (print :a) (print :b) finally (print :c) (print :d))
;out> 
;out> :A 
;out> :B 
;out> :C 
;out> :D 
;=> NIL
(loop with x = 1 initially (print x) repeat 1 do (print (1+ x)))
;out> 
;out> 1 
;out> 2 
;=> NIL
(loop for x in '(1) finally (print :one) finally (print :two))
;out> 
;out> :ONE 
;out> :TWO 
;=> NIL
(loop named outer for i from 1 to 3 do (loop for j from 1 to 3 when (= (* i j) 4) do (return-from outer (list i j))))
;=> (2 2)
(loop named foo for x in '(1 2 3) when (= x 2) return x)
;=> 2
(block nil (loop named foo repeat 2 do (return :nil-block)))
;=> :NIL-BLOCK
(loop for x in '(1 2 3 4) collect x when (= x 2) do (loop-finish))
;=> (1 2)
(loop for x in '(1 2 3 4) sum x into s when (> s 2) do (loop-finish) finally (return (list x s)))
;=> (2 3)
(loop for i from 1 to 3 collect (loop for j from 1 to i collect j))
;=> ((1) (1 2) (1 2 3))
(loop for i below 3 collect (loop for j below 3 when (= j 1) do (loop-finish) collect j))
;=> ((0) (0) (0))
(loop for x in '(1 2 3) collect x finally (return 'done))
;=> DONE

;;; variable scope and values seen by FINALLY
(loop for x in '(1 2 3) for y = (* x 2) finally (return (list x y)))
;=> (3 6)
(loop for i from 1 to 3 collect (let ((i (* i 2))) i))
;=> (2 4 6)
(let ((fs (loop for i below 3 collect (let ((j i)) (lambda () j))))) (mapcar #'funcall fs))
;=> (0 1 2)
(defvar *loop-special* :global)
;=> *LOOP-SPECIAL*
(defun loop-special-value () *loop-special*)
;=> LOOP-SPECIAL-VALUE
(loop for *loop-special* in '(1 2) collect (loop-special-value))
;=> (1 2)
(loop-special-value)
;=> :GLOBAL

;;; hash tables
(let ((h (make-hash-table))) (setf (gethash 'a h) 1 (gethash 'b h) 2) (sort (loop for k being the hash-keys of h collect k) #'string<))
;=> (A B)
(let ((h (make-hash-table))) (setf (gethash 'a h) 1 (gethash 'b h) 2) (sort (loop for v being the hash-values of h collect v) #'<))
;=> (1 2)
(let ((h (make-hash-table))) (setf (gethash 1 h) 10 (gethash 2 h) 20) (sort (loop for k being each hash-key in h using (hash-value v) collect (list k v)) #'< :key #'car))
;=> ((1 10) (2 20))
(let ((h (make-hash-table))) (setf (gethash 1 h) 10 (gethash 2 h) 20) (sort (loop for v being the hash-value of h using (hash-key k) collect (+ k v)) #'<))
;=> (11 22)
(let ((h (make-hash-table))) (loop for k being the hash-keys of h collect k))
;=> NIL
(let ((h (make-hash-table :test 'equal))) (setf (gethash '(1 2) h) 3) (loop for (a b) being the hash-keys of h using (hash-value c) collect (list a b c)))
;=> ((1 2 3))
(let ((h (make-hash-table))) (setf (gethash 1 h) 1 (gethash 2 h) 2 (gethash 3 h) 3) (loop for k being the hash-keys of h do (remhash k h)) (hash-table-count h))
;=> 0
(let ((h (make-hash-table))) (setf (gethash 1 h) 1 (gethash 2 h) 2) (loop for k being the hash-keys of h do (setf (gethash k h) (* k 100))) (sort (loop for v being the hash-values of h collect v) #'<))
;=> (100 200)
(let ((h (make-hash-table))) (setf (gethash 1 h) 1) (loop for k being the hash-keys of h sum k into s finally (return (list k s))))
;=> (NIL 1)
(handler-case (loop for k being the hash-keys of 5 collect k) (type-error () :type-error))
;=> :TYPE-ERROR

;;; packages
(defpackage "LOOP-TEST-PKG" (:use) (:export "A1" "B1") (:intern "C1"))
;=> #<PACKAGE "LOOP-TEST-PKG">
(sort (loop for s being the external-symbols of "LOOP-TEST-PKG" collect (symbol-name s)) #'string<)
;=> ("A1" "B1")
(sort (loop for s being each present-symbol in :loop-test-pkg collect (symbol-name s)) #'string<)
;=> ("A1" "B1" "C1")
(sort (loop for s being the symbols of (find-package "LOOP-TEST-PKG") collect (symbol-name s)) #'string<)
;=> ("A1" "B1" "C1")
(defpackage "LOOP-TEST-PKG2" (:use "LOOP-TEST-PKG") (:intern "D1") (:shadow "A1"))
;=> #<PACKAGE "LOOP-TEST-PKG2">
(sort (loop for s being the symbols of "LOOP-TEST-PKG2" collect (symbol-name s)) #'string<)
;=> ("A1" "B1" "D1")
(loop for s being the symbols in "LOOP-TEST-PKG2" count (eq (symbol-package s) (find-package "LOOP-TEST-PKG")))
;=> 1
(let ((*package* (find-package "LOOP-TEST-PKG"))) (sort (loop for s being the present-symbols collect (symbol-name s)) #'string<))
;=> ("A1" "B1" "C1")
(loop for s being the external-symbols of "COMMON-LISP" count t)
;=> 978

;;; keywords in other packages, types after variables
(loop loop-test-pkg::for x loop-test-pkg::in '(1 2) loop-test-pkg::collect x)
;=> (1 2)
(loop for x t in '(1 2) collect x)
;=> (1 2)
(loop for x of-type t in '(1 2) collect x)
;=> (1 2)
(loop for x fixnum in '() finally (return x))
;=> 0
(loop for x float in '() finally (return x))
;=> 0.0
(loop for (a b) in '() finally (return (list a b)))
;=> (NIL NIL)

;;; evaluation order and parallel stepping
(let ((log nil)) (loop for x in (progn (push :list log) '(1 2)) for y = (progn (push (list :y x) log) x) do (push (list :body x y) log)) (nreverse log))
;=> (:LIST (:Y 1) (:BODY 1 1) (:Y 2) (:BODY 2 2))
(let ((log nil)) (loop for x in '(1 2) and y = (progn (push (list :y x) log) x) do (push (list :body x y) log)) (nreverse log))
;=> ((:Y NIL) (:BODY 1 NIL) (:Y 1) (:BODY 2 1))
(loop for i from 1 to 3 and j = 0 then i collect (list i j))
;=> ((1 0) (2 1) (3 2))
(loop for x in '(1 2 3) for y = x then (+ y x) collect y)
;=> (1 3 6)
(loop for x = 0 then y and y = 1 then x repeat 4 collect (list x y))
;=> ((0 1) (1 0) (0 1) (1 0))
(loop for (a b) = '(1 2) then (list b a) and c = 0 then a repeat 3 collect (list a b c))
;=> ((1 2 0) (2 1 1) (1 2 2))
(loop with a = 1 for b = (incf a) repeat 2 collect (list a b))
;=> ((2 2) (3 3))
(let ((log nil)) (loop with a = (progn (push :a log) 1) and b = (progn (push :b log) 2) with c = (progn (push :c log) 3) return (list a b c (nreverse log))))
;=> (1 2 3 (:A :B :C))
(let ((log nil)) (loop initially (push :init log) for x in (progn (push :bind log) '(1)) do (push x log) finally (push :fin log)) (nreverse log))
;=> (:BIND :INIT 1 :FIN)
(loop for i below 3 do (print i) collect i)
;out> 
;out> 0 
;out> 1 
;out> 2 
;=> (0 1 2)
(loop for x in '(1 2 3) while (< x 3) collect x into l finally (return (list x l)))
;=> (3 (1 2))
(loop for x in '(1 2 3) until (= x 2) finally (return x))
;=> 2
(loop for i from 1 to 3 for x = (* i 2) while (< x 6) finally (return (list i x)))
;=> (3 6)
(loop for x in '(3 4) for i from 0 collect (cons i x))
;=> ((0 . 3) (1 . 4))
(loop for i from 0 for x in '(a b c) collect (cons i x))
;=> ((0 . A) (1 . B) (2 . C))
(loop for i from 0 for x in '(a b c) finally (return i))
;=> 3
(loop for x in '(a b c) for i from 0 finally (return i))
;=> 2

;;; multiple values and non-local exits
(loop for i below 1 finally (return (values 1 2)))
;=> 1
;=> 2
(loop for x in '(1 2) return (values x :second))
;=> 1
;=> :SECOND
(defun loop-find-first-even (l) (loop for x in l when (evenp x) do (return-from loop-find-first-even x)) :none)
;=> LOOP-FIND-FIRST-EVEN
(loop-find-first-even '(1 3 4 5))
;=> 4
(loop-find-first-even '(1 3))
;=> :NONE
(catch 'done (loop for i from 1 do (when (> i 2) (throw 'done i))))
;=> 3
(let ((cleanups 0)) (list (loop for i below 3 collect (unwind-protect i (incf cleanups))) cleanups))
;=> ((0 1 2) 3)
(loop for x in '(1 2 3) collect (block nil (loop for y in '(a b) do (return (list x y)))))
;=> ((1 A) (2 A) (3 A))

;;; bigger loops
(loop for i below 10000 sum i)
;=> 49995000
(length (loop for i below 5000 collect i))
;=> 5000
(loop for i from 1 to 100 when (zerop (mod i 7)) count it)
;=> 14
(loop for i below 1000 maximize (mod (* i 37) 101))
;=> 100
(let ((v (make-array 1000 :initial-element 2))) (loop for x across v sum x))
;=> 2000

;;; more accumulation details
(loop for x in '(1 2 3) collect x into l finally (return (eq l l)))
;=> T
(loop repeat 2 append (list 1 2) into l finally (return l))
;=> (1 2 1 2)
(loop for x in '(1 2 3) sum x into s sum (* x x) into ss finally (return (list s ss)))
;=> (6 14)
(loop for x in '(1.5 2.5) sum x)
;=> 4.0
(loop for x in '(1/2 1/3) sum x)
;=> 5/6
(loop for x in '(1 2 3) maximize (* x 1.5))
;=> 4.5
(loop for x in '(-1 -5 -2) maximize x)
;=> -1
(loop for x in '(1 5 2) minimize x into m finally (return (* m 100)))
;=> 100
(loop for x in '(4d0 2d0 8d0) minimize x double-float)
;=> 2.0d0
(loop for x in '() minimize x double-float)
;=> #.DOUBLE-FLOAT-POSITIVE-INFINITY
(loop for x in '() maximize x single-float)
;=> #.SINGLE-FLOAT-NEGATIVE-INFINITY
(loop for x in '() sum x float)
;=> 0.0
(loop for x in '() count x)
;=> 0
(loop for x in '(a b) count x fixnum)
;=> 2
(loop for x in '(1 2 3) nconc (list x x))
;=> (1 1 2 2 3 3)
(loop for i below 3 collecting i collecting (* i i))
;=> (0 0 1 1 2 4)
(loop for x in '(1 2 3) when (oddp x) collect x into odd and count t into n end finally (return (list odd n)))
;=> ((1 3) 2)
(loop for x in '(1 2 3 4) if (oddp x) sum x else sum (* 10 x))
;=> 64
(loop for x in '((1 2) (3 4)) append (mapcar #'1+ x))
;=> (2 3 4 5)
(loop for i from 1 to 3 collect i into l when (= i 2) return l)
;=> (1 2)

;;; conditionals, more
(loop for x in '(1 2 3 4 5) unless (= x 3) collect x)
;=> (1 2 4 5)
(loop for x in '(1 2 3) when t collect x and when (> x 1) collect (* x 10) and collect (* x 100))
;=> (1 2 20 200 3 30 300)
(loop for x in '(1 2 3 4) when (evenp x) do (print x) else do (print (- x)))
;out> 
;out> -1 
;out> 2 
;out> -3 
;out> 4 
;=> NIL
(loop for x in '(1 nil 2) when x collect it else collect :none)
;=> (1 :NONE 2)
(loop for x in '(1 2 3 4 5 6) if (evenp x) if (> x 2) collect x end end)
;=> (4 6)
(loop for x in '(1 2 3 4 5 6) when (evenp x) unless (= x 4) collect x else collect :four)
;=> (2 :FOUR 6)
(loop for x in '(1 2 3 4) when (oddp x) collect x else when (= x 2) collect :two else collect :other)
;=> (1 :TWO 3 :OTHER)
(loop for x in '(3 4 5) when (find x '(4 5)) return it)
;=> 4
(loop for x in '((a . 1) (b . 2)) when (assoc 'b (list x)) collect (cdr it))
;error> UNBOUND-VARIABLE
(loop for x in '(1 2 3) when (evenp x) collect x into e finally (return e))
;=> (2)
(loop for x in '(1 2 3) when (> x 5) collect x)
;=> NIL
(loop for x in '(1 2 3) unless (> x 5) sum x)
;=> 6

;;; WITH and types, more
(loop with x of-type (or null fixnum) return x)
;=> NIL
(loop with x of-type (mod 10) return x)
;=> 0
(loop with x of-type (unsigned-byte 8) return x)
;=> 0
(loop with x of-type simple-vector return x)
;=> #()
(loop with x of-type bit-vector return x)
;=> #*
(loop with x of-type list return x)
;=> NIL
(loop with x of-type (vector t) return x)
;=> #()
(loop with x fixnum = nil return x)
;=> 0
(loop with x = 1 and y return (list x y))
;=> (1 NIL)
(loop with nil = 5 return :ok)
;=> :OK
(loop with a = 1 and b = 2 and c = 3 return (+ a b c))
;=> 6
(loop with x of-type (complex float) return x)
;=> #C(0.0 0.0)
(loop with x of-type ratio return x)
;=> 0
(loop with x of-type number return x)
;=> 0
(loop with x of-type real return x)
;=> 0
(loop with x of-type (vector character) return x)
;=> ""
(loop with x of-type (simple-array t (*)) return x)
;=> #()
(loop with x of-type (complex double-float) return x)
;=> #C(0.0d0 0.0d0)
(loop with x of-type (complex integer) return x)
;=> 0
(loop with x of-type (simple-string 3) return x)
;=> ""
(loop with x of-type (or fixnum float) return x)
;=> 0
(loop with x of-type (and fixnum (integer 0 3)) return x)
;=> 0

;;; hash tables, more
(let ((h (make-hash-table))) (setf (gethash :a h) 1) (loop for k being the hash-key of h using (hash-value v) collect (cons k v)))
;=> ((:A . 1))
(let ((h (make-hash-table))) (setf (gethash :a h) 1) (loop for v being each hash-value of h collect v))
;=> (1)
(let ((h (make-hash-table))) (setf (gethash :a h) 1 (gethash :b h) 2 (gethash :c h) 3) (loop for v being the hash-values of h sum v))
;=> 6
(let ((h (make-hash-table))) (setf (gethash 1 h) 'one) (loop for nil being the hash-keys of h using (hash-value v) collect v))
;=> (ONE)
(let ((h (make-hash-table))) (setf (gethash 1 h) '(a b)) (loop for (x y) being the hash-values of h collect (list y x)))
;=> ((B A))
(let ((h (make-hash-table))) (setf (gethash 1 h) 10) (loop for k being the hash-keys of h using (hash-value v) finally (return (list k v))))
;=> (NIL NIL)
(let ((h (make-hash-table))) (dotimes (i 10) (setf (gethash i h) (* i i))) (loop for k being the hash-keys in h using (hash-value v) when (evenp k) sum v))
;=> 120
(let ((h (make-hash-table))) (setf (gethash 1 h) 1 (gethash 2 h) 2) (loop for k being the hash-keys of h do (remhash 2 h) collect k))
;=> (1)
(let ((h (make-hash-table :test 'equal))) (setf (gethash "x" h) 1) (loop for k being the hash-keys of h for i from 0 collect (list i k)))
;=> ((0 "x"))
(let ((h (make-hash-table))) (setf (gethash 1 h) 1) (loop for i from 0 for k being the hash-keys of h collect (list i k)))
;=> ((0 1))

;;; more combinations
(loop for x in '(1 2 3 4) thereis (and (> x 2) x) while (< x 10))
;=> 3
(loop for x in '(1 2 3) for y in '(a b c d) for z across "pq" collect (list x y z))
;=> ((1 A #\p) (2 B #\q))
(loop named foo for x in '(1 2 3) do (loop for y in '(a b) when (and (= x 2) (eq y 'b)) do (return-from foo (list x y))))
;=> (2 B)
(loop named foo for x in '(1 2 3) return (values x 'named))
;=> 1
;=> NAMED
(loop for x in '(1 2 3) collect x into result finally (return (nreverse result)))
;=> (3 2 1)
(loop for x in '(3 1 2) when (> x 1) collect x into big and count t into n finally (return (values big n)))
;=> (3 2)
;=> 2
(defvar *loop-with-special* 0)
;=> *LOOP-WITH-SPECIAL*
(defun loop-read-special () *loop-with-special*)
;=> LOOP-READ-SPECIAL
(loop with *loop-with-special* = 5 return (loop-read-special))
;=> 5
(loop for i below 2 collect (loop for i from 10 below 12 collect i))
;=> ((10 11) (10 11))
(loop for (a . b) in '((1 . 2)) and (c d) in '((3 4)) collect (list a b c d))
;=> ((1 2 3 4))
(loop for x in '(1 2 3) do (if (= x 2) (loop-finish)) finally (return x))
;=> 2
(loop for i from 1 to 3 do (loop-finish) finally (return i))
;=> 1
(loop for x = (list 1 2) then nil while x append x)
;=> (1 2)
(loop for i from 3 downto 1 nconc (list i))
;=> (3 2 1)
(loop for i from 1 to 3 collect i into a collect (* i i) into b finally (return (mapcar #'+ a b)))
;=> (2 6 12)
(loop for c across "hello" count (char= c #\l))
;=> 2
(loop for c across "hello" when (find c "aeiou") collect c)
;=> (#\e #\o)
(loop for x in '(1 2 3) minimize (- x) into m finally (return m))
;=> -3
(loop for i below 5 sum i into s when (evenp i) sum i into e finally (return (list s e)))
;=> (10 6)
(loop for w in '("a" "bb" "ccc") maximize (length w))
;=> 3
(loop with result = nil for x in '(1 2 3) do (push x result) finally (return result))
;=> (3 2 1)
(loop for x in '(1 2 3) for y = (* x x) when (> y 2) collect (cons x y))
;=> ((2 . 4) (3 . 9))
(loop for i from 0 for c across "abc" collect (cons i c))
;=> ((0 . #\a) (1 . #\b) (2 . #\c))
(loop for (k v) on '(:a 1 :b 2 :c 3) by #'cddr collect (list v k))
;=> ((1 :A) (2 :B) (3 :C))
(loop for (k . v) in '((a . 1) (b . 2)) when (> v 1) return k)
;=> B
(loop for x in '(1 2 3) if (evenp x) collect x into evens else collect x into odds end finally (return (list evens odds)))
;=> ((2) (1 3))
(loop for i from 1 to 10 when (evenp i) collect i and sum i into s finally (print s))
;out> 
;out> 30 
;=> (2 4 6 8 10)
(let ((x 0)) (loop repeat 3 do (incf x) finally (return x)))
;=> 3
(loop for x in '(a b c) for i upfrom 1 collect (format nil "~A~D" x i))
;=> ("A1" "B2" "C3")
(loop for i from 1 to 3 do (format t "~D " i))
;out> 1 2 3 
;=> NIL
(loop for i in '(1 2 3) do (format t "~A~%" i))
;out> 1
;out> 2
;out> 3
;=> NIL
(loop for x across (vector 'a 'b) for y across (vector 1 2 3) collect (cons x y))
;=> ((A . 1) (B . 2))
(loop for x in '(1 2) for y = 10 then (+ y x) and z = 0 then y collect (list x y z))
;=> ((1 10 0) (2 12 10))
(loop for i upto 3 collect i)
;=> (0 1 2 3)
(loop for i from -3 below 0 collect i)
;=> (-3 -2 -1)
(loop for i downfrom 0 above -3 collect i)
;=> (0 -1 -2)
(loop for i from 1.5 below 4 collect i)
;=> (1.5 2.5 3.5)
(loop for i from 0 to 1 by 1/4 collect i)
;=> (0 1/4 1/2 3/4 1)

;;; run-time type checks SBCL makes through its declarations
(handler-case (let ((n 0)) (loop for i from 1 to 3 by n collect i)) (type-error () :type-error))
;=> :TYPE-ERROR
(handler-case (loop for i from 1 to 3 by -1 collect i) (type-error () :type-error))
;=> :TYPE-ERROR
(handler-case (let ((n 'a)) (loop for i from 1 to n collect i)) (type-error () :type-error))
;=> :TYPE-ERROR
(handler-case (let ((n 'a)) (loop for i from n to 3 collect i)) (type-error () :type-error))
;=> :TYPE-ERROR
(handler-case (loop for x across '(1 2) collect x) (type-error () :type-error))
;=> :TYPE-ERROR
(handler-case (let ((f 5)) (loop for x in '(1 2) by f collect x)) (type-error () :type-error))
;=> :TYPE-ERROR
(handler-case (let ((f 'cddr)) (loop for x in '(1 2) by f collect x)) (type-error () :type-error))
;=> :TYPE-ERROR
(loop for x of-type single-float to 2 collect x)
;error> SIMPLE-TYPE-ERROR
(let ((n 1.5)) (loop for i from 1 to 3 by n collect i))
;=> (1 2.5)
(loop for i from 1 to 3 by 1/2 collect i)
;=> (1 3/2 2 5/2 3)
(let ((f #'cddr)) (loop for x in '(1 2 3 4 5) by f collect x))
;=> (1 3 5)
(loop for x in '(1 2 3) by (progn (print :by) #'cdr) collect x)
;out> 
;out> :BY 
;=> (1 2 3)
(loop for x in '(1 nil) when x collect :a else collect it)
;error> UNBOUND-VARIABLE

;;; macro expansion errors (messages as SBCL reports them)
(defun loop-error-text (form) (handler-case (progn (macroexpand form) :no-error) (program-error (e) (substitute #\| #\Newline (princ-to-string e)))))
;=> LOOP-ERROR-TEXT
(loop-error-text '(loop for))
;=> "LOOP source code ran out when another token was expected.|current LOOP context: FOR."
(loop-error-text '(loop for x in '(1) collect x sum x))
;=> "incompatible kinds of LOOP value accumulation specified for collecting|as the value of the LOOP: LIST and SB-LOOP::SUM|current LOOP context: SUM X."
(loop-error-text '(loop for x in '(1) do (print x) for y in '(2)))
;=> "iteration in LOOP follows body code|current LOOP context: FOR Y IN '(2)."
(loop-error-text '(loop for x frob '(1)))
;=> "FROB is an unknown keyword in FOR or AS clause in LOOP.|current LOOP context: FOR X FROB '(1)."
(loop-error-text '(loop foo 1))
;=> "unknown LOOP keyword: FOO|current LOOP context: FOO 1."
(loop-error-text '(loop for i in '(1) 5))
;=> "5 found where LOOP keyword expected|current LOOP context: FOR I IN '(1) 5."
(loop-error-text '(loop repeat 1 do 5))
;=> "A compound form was expected, but 5 found.|current LOOP context: DO 5."
(loop-error-text '(loop for i in '(1) for i in '(2)))
;=> "Duplicated variable I|current LOOP context: FOR I IN '(2)."
(loop-error-text '(loop for i in '(1) collect i into i))
;=> "Duplicated variable I in INTO clause|current LOOP context: COLLECT I INTO I."
(loop-error-text '(loop for i in '(1) when i for j in '(2)))
;=> "FOR does not introduce a LOOP clause that can follow WHEN.|current LOOP context: FOR J."
(loop-error-text '(loop for i in '(1) when i while i))
;=> "The LOOP :WHILE clause is not permitted inside a conditional.|current LOOP context: WHILE I."
(loop-error-text '(loop for i in '(1) when i always i))
;=> "This LOOP clause is not permitted inside a conditional.|current LOOP context: ALWAYS I."
(loop-error-text '(loop for i in '(1) always i collect i))
;=> "This anonymous collection LOOP clause is not permitted with aggregate booleans.|current LOOP context: COLLECT I."
(loop-error-text '(loop for i in '(1) collect i always i))
;=> "This LOOP clause is not permitted with anonymous collectors.|current LOOP context: ALWAYS I."
(loop-error-text '(loop for i in '(1) else i))
;=> "secondary clause misplaced at top level in LOOP macro: ELSE I NIL ...|current LOOP context: ELSE I."
(loop-error-text '(loop named 5))
;=> "5 is an invalid name for your LOOP|current LOOP context: NAMED 5."
(loop-error-text '(loop for i in '(1) named foo))
;=> "The NAMED FOO clause occurs too late.|current LOOP context: NAMED FOO."
(loop-error-text '(loop named foo named bar))
;=> "You may only use one NAMED clause in your loop: NAMED FOO ... NAMED BAR.|current LOOP context: NAMED BAR."
(loop-error-text '(loop for i in '(1) collect i into 5))
;=> "The value accumulation recipient name, 5, is not a symbol.|current LOOP context: COLLECT I INTO 5."
(loop-error-text '(loop for i in '(1) collect i (foo)))
;=> "(FOO) found where a LOOP keyword or LOOP type keyword expected|current LOOP context: COLLECT I (FOO)."
(loop-error-text '(loop with x 5))
;=> "5 found where a LOOP keyword or LOOP type keyword expected|current LOOP context: WITH X 5."
(loop-error-text '(loop for x being the frobs of y))
;=> "FROBS is not the name of a LOOP iteration path.|current LOOP context: FOR X BEING THE FROBS OF."
(loop-error-text '(loop for x being hash-keys of y))
;=> "unrecognizable LOOP iteration path syntax: missing EACH or THE?|current LOOP context: FOR X BEING HASH-KEYS OF."
(loop-error-text '(loop for x being the hash-keys h))
;=> "Too many prepositions!|current LOOP context: FOR X BEING THE HASH-KEYS H."
(loop-error-text '(loop for x being the hash-keys of h using (hash-key k)))
;=> "Unused USING vars: ((HASH-KEY . K)).|current LOOP context: FOR X BEING THE HASH-KEYS OF H USING (HASH-KEY K)."
(loop-error-text '(loop for (a b) being the symbols of y))
;=> "Destructuring is not valid for package symbol iteration.|current LOOP context: FOR (A B) BEING THE SYMBOLS OF Y."
(loop-error-text '(loop for x from 1 upfrom 2))
;=> "Preposition UPFROM was used when some other preposition has subsumed it.|current LOOP context: FOR X FROM 1 UPFROM."
(loop-error-text '(loop for x upfrom 1 downto 2))
;=> "conflicting stepping directions in LOOP sequencing path|current LOOP context: FOR X UPFROM 1 DOWNTO 2."
(loop-error-text '(loop for i downto 2))
;=> "don't know where to start stepping|current LOOP context: FOR I DOWNTO 2."
(loop-error-text '(loop for (a . b) from 1))
;=> "Arithmetic index must be an atom.|current LOOP context: FOR (A . B) FROM 1."
(loop-error-text '(loop for x in '(1) when x (foo)))
;=> "(FOO) found where keyword expected getting LOOP clause after WHEN|current LOOP context: WHEN X (FOO)."
(loop-error-text '(loop for x in '(1) when x foo))
;=> "FOO does not introduce a LOOP clause that can follow WHEN.|current LOOP context: FOO."
(loop-error-text '(loop for x in '(1) maximize x into y sum x into y))
;=> "incompatible kinds of LOOP value accumulation specified for collecting|INTO Y: MAX and SB-LOOP::SUM|current LOOP context: SUM X INTO Y."
(loop-error-text '(loop for x in '(1) maximize x string))
;=> "The specified data type STRING is not a subtype of REAL.|current LOOP context: MAXIMIZE X STRING."
(loop-error-text '(loop initially 5))
;=> "A compound form was expected, but 5 found.|current LOOP context: INITIALLY 5."
(loop-error-text '(loop for x in '(1) do))
;=> "LOOP code ran out where a form was expected.|current LOOP context: DO."
(loop-error-text '(loop for x in '(1) when x))
;=> "LOOP source code ran out when another token was expected.|current LOOP context:."
(loop-error-text '(loop for x in '(1) finally (return 1) end))
;=> "unknown LOOP keyword: END|current LOOP context: END."
(loop-error-text '(loop for x in '(1) collect x into))
;=> "LOOP source code ran out when another token was expected.|current LOOP context: COLLECT X INTO."
(loop (return (loop-error-text '(loop with (a b) (fixnum) = '(1 2)))))
;=> :NO-ERROR
(loop-error-text '(loop for x in '(1) sum x into y collect x into y))
;=> "incompatible kinds of LOOP value accumulation specified for collecting|INTO Y: SB-LOOP::SUM and LIST|current LOOP context: COLLECT X INTO Y."

;;; more malformed loops, and NIL is not a type keyword
(loop for x nil in '(1 2) collect x)
;error> SIMPLE-PROGRAM-ERROR
(loop with x nil return x)
;error> SIMPLE-PROGRAM-ERROR
(loop (return 1) x)
;=> 1
(loop named nil for i below 3 when (= i 1) return i)
;=> 1
(loop for x being the hash-keys of (let ((h (make-hash-table))) (setf (gethash 1 h) 2) h) collect x)
;=> (1)
(loop-error-text '(loop for x being x and its hash-keys of y))
;=> "\"Inclusive\" iteration is not possible with the HASH-KEYS LOOP iteration path.|current LOOP context: FOR X BEING X AND ITS HASH-KEYS OF."
(loop-error-text '(loop for x being the hash-keys of y of z))
;=> "Too many prepositions!|current LOOP context: FOR X BEING THE HASH-KEYS OF Y OF Z."
(loop-error-text '(loop for x being the symbols of y in z))
;=> "Too many prepositions!|current LOOP context: FOR X BEING THE SYMBOLS OF Y IN Z."
(loop-error-text '(loop for x being the 5 of y))
;=> "5 was found where a LOOP iteration path name was expected.|current LOOP context: FOR X BEING THE 5 OF."
(loop-error-text '(loop for i from 1 from 2))
;=> "A FROM prepositional phrase occurs multiply for some LOOP clause.|current LOOP context: FOR I FROM 1 FROM."
(loop-error-text '(loop for i from 1 to 2 below 3))
;=> :NO-ERROR
(loop-error-text '(loop for i below 2 by 1 by 2))
;=> :NO-ERROR
(loop-error-text '(loop with (a b) (fixnum foo) = x))
;=> "The destructuring type pattern (FIXNUM FOO) contains the unrecognized type keyword FOO.|current LOOP context: WITH (A B) (FIXNUM FOO) =."
(loop-error-text '(loop with (a b) (fixnum (float)) = x))
;=> "The destructuring type pattern (FIXNUM (FLOAT)) doesn't match the variable pattern (A|                                                                                    B).|current LOOP context: WITH (A B) (FIXNUM (FLOAT)) =."
(loop-error-text '(loop for x in y sum x into s string))
;=> "The specified data type STRING is not a subtype of NUMBER.|current LOOP context: SUM X INTO S STRING."
(loop-error-text '(loop for x in y count x string))
;=> "The specified data type STRING is not a subtype of NUMBER.|current LOOP context: COUNT X STRING."
(loop-error-text '(loop initially (print 1) when x initially (print 2)))
;=> "The LOOP :INITIALLY clause is not permitted inside a conditional.|current LOOP context: INITIALLY (PRINT 2)."
(loop-error-text '(loop when x named foo))
;=> "The NAMED FOO clause occurs too late.|current LOOP context: NAMED FOO."
(loop-error-text '(loop for x in y when x with z = 1))
;=> "The LOOP :WITH clause is not permitted inside a conditional.|current LOOP context: WITH Z."
(loop-error-text '(loop for x in y when x repeat 3))
;=> "The LOOP :REPEAT clause is not permitted inside a conditional.|current LOOP context: REPEAT 3."
(loop-error-text '(loop for x in y when x finally (print 1)))
;=> "The LOOP :FINALLY clause is not permitted inside a conditional.|current LOOP context: FINALLY (PRINT 1)."
(loop-error-text '(loop for x in y and))
;=> "LOOP source code ran out when another token was expected.|current LOOP context: FOR X IN Y AND."
(loop-error-text '(loop for x in y and and z in w))
;=> "Z is an unknown keyword in FOR or AS clause in LOOP.|current LOOP context: FOR X IN Y AND AND Z IN W."
(loop-error-text '(loop for x in y collect x into z sum x into z))
;=> "incompatible kinds of LOOP value accumulation specified for collecting|INTO Z: LIST and SB-LOOP::SUM|current LOOP context: SUM X INTO Z."
(loop-error-text '(loop with x = 1 and x = 2))
;=> "Duplicated variable X|current LOOP context: WITH X = 1 AND X = 2."
(loop-error-text '(loop for x in y thereis x collect x))
;=> "This anonymous collection LOOP clause is not permitted with aggregate booleans.|current LOOP context: COLLECT X."
(loop-error-text '(loop for x in y never x sum x))
;=> "This anonymous collection LOOP clause is not permitted with aggregate booleans.|current LOOP context: SUM X."
(loop-error-text '(loop for x in y sum x into s always x))
;=> :NO-ERROR
(loop-error-text '(loop for x in y collect x never x))
;=> "This LOOP clause is not permitted with anonymous collectors.|current LOOP context: NEVER X."
(loop-error-text '(loop for x across))
;=> "LOOP code ran out where a form was expected.|current LOOP context: FOR X ACROSS."
(loop-error-text '(loop for x = ))
;=> "LOOP code ran out where a form was expected.|current LOOP context: FOR X =."
(loop-error-text '(loop for x = 1 then))
;=> "LOOP code ran out where a form was expected.|current LOOP context: FOR X = 1 THEN."
(loop-error-text '(loop repeat))
;=> "LOOP code ran out where a form was expected.|current LOOP context: REPEAT."
(loop-error-text '(loop with))
;=> "LOOP source code ran out when another token was expected.|current LOOP context: WITH."
(loop-error-text '(loop for (a b) from 1 to 3))
;=> "Arithmetic index must be an atom.|current LOOP context: FOR (A B) FROM 1 TO 3."
(loop-error-text '(loop for x of-type))
;=> "LOOP source code ran out when another token was expected.|current LOOP context: FOR X OF-TYPE."
(loop-error-text '(loop 5))
;=> :NO-ERROR
(loop-error-text '(loop nil))
;=> "unknown LOOP keyword: NIL|current LOOP context: NIL."
(loop-error-text '(loop for x in y when x collect x else))
;=> "LOOP source code ran out when another token was expected.|current LOOP context:."
(loop-error-text '(loop for x in y when x collect x and))
;=> "LOOP source code ran out when another token was expected.|current LOOP context:."
(loop-error-text '(loop for x in y when x collect x else else))
;=> "ELSE does not introduce a LOOP clause that can follow :ELSE.|current LOOP context: ELSE."
(loop-error-text '(loop for i from 1 to 2 do (print i) named foo))
;=> "The NAMED FOO clause occurs too late.|current LOOP context: NAMED FOO."
(loop-error-text '(loop with x = 1 named foo))
;=> :NO-ERROR
(loop-error-text '(loop for x in y using (hash-key k)))
;=> "unknown LOOP keyword: USING|current LOOP context: USING (HASH-KEY K)."
(loop for x being the present-symbols of (make-package "LOOP-EMPTY-PKG" :use nil) collect x)
;=> NIL
(loop for x being the symbols of "LOOP-EMPTY-PKG" collect x)
;=> NIL
(loop for x in '(1 2 3) when (> x 1) return it else do (print x))
;out> 
;out> 1 
;=> T
(loop for x in '(1 2 3 4 5) count (evenp x) into c finally (return c))
;=> 2
(loop for i from 1 to 2 for j = (list i) collect j into all finally (return all))
;=> ((1) (2))

;;; SBCL's ELEMENTS path: the elements of any sequence
(loop for x being the elements of '(1 2 3) collect x)
;=> (1 2 3)
(loop for x being the elements of "abc" collect x)
;=> (#\a #\b #\c)
(loop for x being each element in #(1 2) collect x)
;=> (1 2)
(loop for x being the elements of (make-array 5 :fill-pointer 2 :initial-element 0) collect x)
;=> (0 0)
(loop for (a b) being the elements of '((1 2) (3 4)) collect (+ a b))
;=> (3 7)
(loop for x of-type fixnum being the elements of '(1 2) sum x)
;=> 3
(loop for x being the elements collect x)
;=> NIL
(handler-case (loop for x being the elements of 5 collect x) (error (e) (type-of e)))
;=> TYPE-ERROR
(let ((v (vector 1 2 3))) (loop for x being the elements of v do (setf (aref v 2) 30) collect x))
;=> (1 2 30)
(handler-case (macroexpand '(loop for x being the elements of a in b collect x)) (error (e) (substitute #\| #\Newline (princ-to-string e))))
;=> "Too many prepositions|current LOOP context: FOR X BEING THE ELEMENTS OF A IN B COLLECT."

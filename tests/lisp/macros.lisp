;;;; Macros, backquote, places and the standard control macros.
;;;; Expectations written by tests/sbcl_check.py from sbcl --script.

;;; defmacro and expansion
(defmacro mac-swap (a b) (let ((tmp (gensym "TMP"))) `(let ((,tmp ,a)) (setq ,a ,b ,b ,tmp))))
(let ((x 1) (y 2)) (mac-swap x y) (list x y))
;=> (2 1)
(defmacro mac-my-or (&rest forms)
  (if (null forms) nil
      (let ((g (gensym))) `(let ((,g ,(car forms))) (if ,g ,g (mac-my-or ,@(cdr forms)))))))
(mac-my-or nil nil 3)
;=> 3
(mac-my-or)
;=> NIL
(defmacro mac-const () 42)
(mac-const)
;=> 42
(macroexpand-1 '(mac-const))
;=> 42
;=> T
(macroexpand '(mac-const))
;=> 42
;=> T
(macroexpand-1 '(not-a-macro 1))
;=> (NOT-A-MACRO 1)
;=> NIL
(macroexpand '(not-a-macro 1))
;=> (NOT-A-MACRO 1)
;=> NIL
(macroexpand 'just-a-symbol)
;=> JUST-A-SYMBOL
;=> NIL
(defmacro mac-level1 () '(mac-level2))
(defmacro mac-level2 () ''bottom)
(macroexpand-1 '(mac-level1))
;=> (MAC-LEVEL2)
;=> T
(macroexpand '(mac-level1))
;=> 'BOTTOM
;=> T
(mac-level1)
;=> BOTTOM
(defmacro mac-while (test &body body) `(do () ((not ,test)) ,@body))
(let ((i 0) (s 0)) (mac-while (< i 5) (incf s i) (incf i)) s)
;=> 10
(functionp (macro-function 'mac-const))
;=> T
(not (null (macro-function 'when)))
;=> T
(macro-function 'car)
;=> NIL
(funcall (macro-function 'mac-const) '(mac-const) nil)
;=> 42
(defmacro mac-inc-twice (place) `(progn (incf ,place) (incf ,place)))
(let ((v (list 1 2))) (mac-inc-twice (second v)) v)
;=> (1 4)
(symbol-macrolet ((sm 'expanded)) (macroexpand 'sm))
;=> SM
;=> NIL
(define-symbol-macro mac-global-sm (car mac-global-cell))
(defvar mac-global-cell (list 1 2))
mac-global-sm
;=> 1
(progn (setq mac-global-sm 10) mac-global-cell)
;=> (10 2)
(macroexpand-1 'mac-global-sm)
;=> (CAR MAC-GLOBAL-CELL)
;=> T

;;; gensym
(symbol-package (gensym))
;=> NIL
(let ((g (gensym))) (eq g (intern (symbol-name g))))
;=> NIL
(string= (symbol-name (gensym "FOO")) "FOO" :end1 3)
;=> T
(let ((*gensym-counter* 100)) (symbol-name (gensym "X")))
;=> "X100"
(symbol-name (gensym 7))
;=> "G7"
(eq (make-symbol "A") (make-symbol "A"))
;=> NIL
(symbol-name (make-symbol "hello"))
;=> "hello"
(let ((*gensym-counter* 5)) (list (symbol-name (gensym)) *gensym-counter*))
;=> ("G5" 6)
(let ((*print-gensym* t) (*gensym-counter* 3)) (prin1-to-string (gensym "G")))
;=> "#:G3"
(let ((*print-gensym* nil)) (prin1-to-string (make-symbol "G")))
;=> "G"

;;; backquote
(let ((x 1) (y '(2 3))) `(a ,x ,@y b))
;=> (A 1 2 3 B)
(let ((y '(2 3))) `(,@y))
;=> (2 3)
(let ((y '(2 3))) `(a ,@y))
;=> (A 2 3)
(let ((y '(2 3)) (z '(4))) `(,@y ,@z))
;=> (2 3 4)
(let ((x 1)) `(a . ,x))
;=> (A . 1)
(let ((y '(b c))) `(a . ,y))
;=> (A B C)
(let ((x 1)) `(a (b ,x) ((c ,x))))
;=> (A (B 1) ((C 1)))
(let ((x 1)) `#(a ,x))
;=> #(A 1)
(let ((l '(1 2))) `#(0 ,@l 3))
;=> #(0 1 2 3)
`(1 2 3)
;=> (1 2 3)
`a
;=> A
(let ((x 5)) `,x)
;=> 5
(let ((x '(1 2))) `(,x ,@x))
;=> ((1 2) 1 2)
`(a `(b ,(c ,(+ 1 2))))
;=> (A `(B ,(C 3)))
(let ((x 'outer)) (eval ``(,',x)))
;=> (OUTER)
(let ((name 'foo)) `(defun ,name (x) ',name))
;=> (DEFUN FOO (X) 'FOO)
(let ((args '(a b))) `(lambda ,args (list ,@args)))
;=> (LAMBDA (A B) (LIST A B))
(let ((x '(1 2))) `(,@x . tail))
;=> (1 2 . TAIL)
(let ((x 1)) `((,x . ,x) ,x))
;=> ((1 . 1) 1)
(let ((l (list 1 2))) (eq (cdr `(a ,@l)) l))
;=> T
`(a ,@'() b)
;=> (A B)
(let ((x nil)) `(a ,@x))
;=> (A)
(let ((x '(q r))) `(a ,.x))
;=> (A Q R)
`(,@'(1 2) ,@'(3))
;=> (1 2 3)
(let ((v 3)) `(:key ,v :other ,(* v 2)))
;=> (:KEY 3 :OTHER 6)
(let ((x 1) (y 2)) `(,x . (,y)))
;=> (1 2)

;;; setf and friends on variables and places
(let ((x 1)) (setf x 2) x)
;=> 2
(let (a b) (setf a 1 b (1+ a)) (list a b))
;=> (1 2)
(setf)
;=> NIL
(let ((l (list 1 2 3))) (setf (car l) 'a (cadr l) 'b (cddr l) '(c d)) l)
;=> (A B C D)
(let ((v (vector 1 2 3))) (setf (aref v 0) 'x (svref v 2) 'z) v)
;=> #(X 2 Z)
(let ((s (copy-seq "abc"))) (setf (char s 1) #\X) s)
;=> "aXc"
(let ((l (list 1 2 3 4))) (setf (nth 2 l) 'n (elt l 0) 'e) l)
;=> (E 2 N 4)
(let ((l (list 1 2 3 4))) (setf (first l) 1.5 (fourth l) 4.5) l)
;=> (1.5 2 3 4.5)
(let ((h (make-hash-table))) (setf (gethash 'k h) 'v) (gethash 'k h))
;=> V
;=> T
(let ((s (gensym))) (setf (get s 'color) 'red) (get s 'color))
;=> RED
(let ((x 1)) (list (incf x) (incf x 10) (decf x) (decf x 5) x))
;=> (2 12 11 6 6)
(let ((l (list 1 2))) (incf (car l) 100) (decf (cadr l)) l)
;=> (101 1)
(let ((v (vector 1 2 3)) (i 0)) (incf (aref v (incf i))) (list v i))
;=> (#(1 3 3) 1)
(let ((l '())) (push 1 l) (push 2 l) l)
;=> (2 1)
(let ((l (list (list 1)))) (push 0 (car l)) l)
;=> ((0 1))
(let ((l (list 1 2 3))) (list (pop l) (pop l) l))
;=> (1 2 (3))
(let ((l (list (list 1 2)))) (list (pop (car l)) l))
;=> (1 ((2)))
(let ((l '())) (pop l))
;=> NIL
(let ((l (list 1 2))) (pushnew 1 l) (pushnew 3 l) l)
;=> (3 1 2)
(let ((l (list "a"))) (pushnew "a" l :test #'string=) (pushnew "b" l :test #'equal) l)
;=> ("b" "a")
(let ((l (list '(a . 1)))) (pushnew '(a . 2) l :key #'car) l)
;=> ((A . 1))
(let ((a 1) (b 2)) (psetq a b b a) (list a b))
;=> (2 1)
(let ((a 1) (b 2)) (list (psetq a b b a) a b))
;=> (NIL 2 1)
(let ((l (list 1 2))) (psetf (car l) (cadr l) (cadr l) (car l)) l)
;=> (2 1)
(let ((i 0) (v (vector 'a 'b 'c))) (setf (aref v (incf i)) 'z) (list i v))
;=> (1 #(A Z C))
(let ((x (list 1 2 3))) (setf (cdr (last x)) '(4)) x)
;=> (1 2 3 4)
(let ((h (make-hash-table))) (incf (gethash 'n h 0) 5) (gethash 'n h))
;=> 5
;=> T
(let ((l (list 1 2 3))) (setf (subseq l 1) '(x y)) l)
;=> (1 X Y)
(let ((s (list 3 1 2))) (setf s (sort s #'<)) s)
;=> (1 2 3)
(let ((l (list 1 2))) (setf (rest l) nil) l)
;=> (1)

(let ((p (list :a 1))) (setf (getf p :b) 2 (getf p :a) 10) p)
;=> (:B 2 :A 10)
(let ((a 1) (b 2) (c 3)) (rotatef a b c) (list a b c))
;=> (2 3 1)
(let ((l (list 1 2 3))) (rotatef (first l) (third l)) l)
;=> (3 2 1)
(let ((a 1) (b 2)) (list (shiftf a b 9) a b))
;=> (1 2 9)
(let ((l (list 1 2 3))) (list (shiftf (car l) (cadr l) (caddr l) 'new) l))
;=> (1 (2 3 NEW))
(let ((x 1)) (rotatef x) x)
;=> 1
(let ((c (cons 1 2))) (setf (values (car c) (cdr c)) (values 'a 'b)) c)
;=> (A . B)
(let (a b) (setf (values a b) (floor 7 2)) (list a b))
;=> (3 1)
(multiple-value-list (setf (values) (values)))
;=> NIL
(let ((p (list :a 1))) (incf (getf p :a 5) 10) (incf (getf p :z 100)) p)
;=> (:Z 101 :A 11)
(let ((p (list :a 1 :b 2 :c 3))) (list (remf p :b) p (remf p :a) p (remf p :zz) p))
;=> (T (:A 1 :C 3) T (:C 3) NIL (:C 3))
(let ((l (list (list :k 1)))) (setf (getf (car l) :j) 2) l)
;=> ((:J 2 :K 1))
(let ((s (list 'a 'b 'c 'd))) (rotatef (car s) (cadr s) (caddr s) (cadddr s)) s)
;=> (B C D A)
(let ((v (vector 1 2 3)) (i 0)) (rotatef (aref v (incf i)) (aref v 0)) (list v i))
;=> (#(2 1 3) 1)
(rotatef)
;=> NIL
(let ((x 1) (y 2)) (list (shiftf x y) x y))
;=> (1 2 2)
(let ((p (list :a 1))) (list (getf p :a) (setf (getf p :a) 2) p))
;=> (1 2 (:A 2))
(let ((p '())) (push 'x (getf p :stack)) (push 'y (getf p :stack)) p)
;=> (:STACK (Y X))
(let ((a 1) (b 2)) (list (multiple-value-list (setf (values a b) (values 10 20 30))) a b))
;=> ((10 20) 10 20)
(let ((a 1) (b 2)) (setf (values a b) 5) (list a b))
;=> (5 NIL)

(let ((x 1)) (incf x (progn (setq x 10) 1)))
;=> 11
(let ((x 1)) (decf x (progn (setq x 10) 1)))
;=> 9
(let ((l (list 1 2))) (incf (car l) (progn (setf (car l) 10) 1)) l)
;=> (11 2)
(let ((x (list 1))) (push (progn (setq x (list 'z)) 'a) x))
;=> (A Z)
(let ((v (vector 1 2)) (i 0)) (incf (aref v i) (incf i)) (list v i))
;=> (#(2 2) 1)

;;; defining places
(define-modify-macro mac-appendf (&rest lists) append)
(let ((x (list 1))) (mac-appendf x (progn (setq x (list 9)) (list 2))) x)
;=> (9 2)
(define-modify-macro mac-mulf (&optional (factor 2)) *)
(let ((x 3)) (mac-mulf x) (mac-mulf x 10) x)
;=> 60
(let ((l (list 1 2))) (mac-mulf (cadr l) 5) l)
;=> (1 10)
(defun mac-my-car (c) (car c))
(defun mac-my-set-car (c v) (setf (car c) v))
(defsetf mac-my-car mac-my-set-car)
(let ((c (list 1 2))) (list (setf (mac-my-car c) 'z) c (incf (mac-my-car (list 5)))))
;=> (Z (Z 2) 6)
(defsetf mac-my-elt (seq i) (new) `(progn (setf (elt ,seq ,i) ,new) ,new))
(defun mac-my-elt (seq i) (elt seq i))
(let ((v (vector 1 2 3))) (setf (mac-my-elt v 1) 'x) (incf (mac-my-elt v 0) 10) v)
;=> #(11 X 3)
(let ((v (vector 1 2 3)) (i 0)) (list (setf (mac-my-elt v (incf i)) 'y) v i))
;=> (Y #(1 Y 3) 1)
(define-setf-expander mac-my-first (place &environment env)
  (multiple-value-bind (temps vals stores store-form access) (get-setf-expansion place env)
    (declare (ignore stores store-form))
    (let ((store (gensym)) (tmp (gensym)))
      (values (append temps (list tmp)) (append vals (list access)) (list store)
              `(progn (rplaca ,tmp ,store) ,store) `(car ,tmp)))))
(let ((l (list (list 1 2)))) (setf (mac-my-first (car l)) 'a) (push 'b (mac-my-first (car l))) l)
;=> (((B . A) 2))
(let ((x (list 1 2))) (list (shiftf (mac-my-first x) 'new) x))
;=> (1 (NEW 2))
(subseq (multiple-value-list (get-setf-expansion 'x)) 0 2)
;=> (NIL NIL)
(length (multiple-value-list (get-setf-expansion '(car y))))
;=> 5
(defsetf mac-multi-place (a) (s1 s2) `(list ,a ,s1 ,s2))
(setf (mac-multi-place 1) (values 2 3))
;=> (1 2 3)

;;; conditionals
(cond)
;=> NIL
(cond (nil 1) (t 2))
;=> 2
(cond ((+ 1 2)))
;=> 3
(cond (nil 1) ((values 5 6)))
;=> 5
(cond (t (values 5 6)))
;=> 5
;=> 6
(cond ((= 1 2) 'a) ((= 1 1) 'b 'c))
;=> C
(cond (nil))
;=> NIL
(case 3 ((1 2) 'low) ((3 4) 'mid) (t 'high))
;=> MID
(case 'x (x 'ex) (y 'why))
;=> EX
(case 'z (x 'ex) (y 'why))
;=> NIL
(case 'z (x 'ex) (otherwise 'other))
;=> OTHER
(case nil ((nil) 'nil-key) (t 'other))
;=> NIL-KEY
(case 'a ((a) 1) ((a) 2))
;=> 1
(case #\a (#\a 'char) (t 'no))
;=> CHAR
(case 1.0 (1 'int) (t 'float))
;=> FLOAT
(case 't ((t) 'the-t) (otherwise 'x))
;=> THE-T
(ecase 2 (1 'one) (2 'two))
;=> TWO
(handler-case (ecase 3 (1 'one) (2 'two)) (type-error (c) (list (type-error-datum c) (type-error-expected-type c))))
;=> (3 (MEMBER 1 2))
(ecase 3 (1 'one))
;error> CASE-FAILURE
(typecase 1 (string 's) (integer 'i) (t 'other))
;=> I
(typecase "x" (integer 'i) ((or string symbol) 'string-or-symbol))
;=> STRING-OR-SYMBOL
(typecase 1.5 (integer 'i))
;=> NIL
(typecase nil (null 'null) (list 'list))
;=> NULL
(typecase '(1) (null 'null) (list 'list))
;=> LIST
(typecase 'a (otherwise 'other))
;=> OTHER
(etypecase 1 (integer 'int))
;=> INT
(handler-case (etypecase 'a (integer 'int) (string 'str)) (type-error (c) (list (type-error-datum c) (type-error-expected-type c))))
;=> (A (OR INTEGER STRING))
(etypecase 'a (integer 'int))
;error> CASE-FAILURE
(when t 1 2)
;=> 2
(when nil 1)
;=> NIL
(unless nil 1 2)
;=> 2
(unless t 1)
;=> NIL
(when 1 (values 1 2))
;=> 1
;=> 2
(and)
;=> T
(and 1 2 3)
;=> 3
(and 1 nil 3)
;=> NIL
(and 1 (values 2 3))
;=> 2
;=> 3
(or)
;=> NIL
(or nil 2 3)
;=> 2
(or nil (values 4 5))
;=> 4
;=> 5
(or (values 1 2) 3)
;=> 1
(or nil nil)
;=> NIL
(let ((n 0)) (list (or (progn (incf n) nil) (progn (incf n) 'x) (progn (incf n) 'y)) n))
;=> (X 2)

;;; iteration
(do ((i 0 (1+ i)) (acc '() (cons i acc))) ((= i 4) acc))
;=> (3 2 1 0)
(do ((i 0 (1+ i)) (j 10 (- j i))) ((> i 3) (list i j)))
;=> (4 4)
(do* ((i 0 (1+ i)) (j 10 (- j i))) ((> i 3) (list i j)))
;=> (4 0)
(do ((i 0 (1+ i))) ((= i 3)))
;=> NIL
(do ((x '(1 2 3) (cdr x)) (sum 0 (+ sum (car x)))) ((null x) sum))
;=> 6
(do ((i 0 (1+ i))) ((= i 10) 'unreached) (when (= i 3) (return (list 'early i))))
;=> (EARLY 3)
(do ((i 0 (1+ i)) (l nil)) ((= i 3) l) (push i l))
;=> (2 1 0)
(dotimes (i 5 'done))
;=> DONE
(let ((s 0)) (dotimes (i 5 s) (incf s i)))
;=> 10
(dotimes (i 0 'zero-times) (print 'never))
;=> ZERO-TIMES
(let ((l '())) (dotimes (i 3) (push i l)) l)
;=> (2 1 0)
(dotimes (i 10) (when (= i 2) (return i)))
;=> 2
(dotimes (i 3 i))
;=> 3
(let ((l '())) (dolist (x '(a b c) (nreverse l)) (push x l)))
;=> (A B C)
(dolist (x '() 'empty))
;=> EMPTY
(dolist (x '(1 2 3)) (when (evenp x) (return x)))
;=> 2
(dolist (x '(1 2) x))
;=> NIL
(let ((fs '())) (dolist (x '(1 2 3)) (push (lambda () x) fs)) (length fs))
;=> 3
(prog ((i 0) (acc '())) loop (when (= i 3) (return acc)) (push i acc) (incf i) (go loop))
;=> (2 1 0)
(prog* ((a 1) (b (+ a 1))) (return (list a b)))
;=> (1 2)
(prog () 'no-return)
;=> NIL
(prog (x) (return x))
;=> NIL
(let ((a 'outer)) (prog ((a 1) (b a)) (return (list a b))))
;=> (1 OUTER)
(let ((a 'outer)) (prog* ((a 1) (b a)) (return (list a b))))
;=> (1 1)
(let ((n 0)) (loop (incf n) (when (> n 4) (return n))))
;=> 5

;;; multiple values
(multiple-value-bind (q r) (floor 17 5) (list q r))
;=> (3 2)
(multiple-value-bind (a b c) (values 1 2) (list a b c))
;=> (1 2 NIL)
(multiple-value-bind (a) (values 1 2) a)
;=> 1
(multiple-value-bind () (values 1 2) 'none)
;=> NONE
(multiple-value-bind (a &rest r) (values-list '(1 2 3)) (list a r))
;=> (1 3)
(multiple-value-list (values))
;=> NIL
(multiple-value-list (values 1 2 3))
;=> (1 2 3)
(multiple-value-list 'single)
;=> (SINGLE)
(multiple-value-list (floor 7 2))
;=> (3 1)
(let (a b) (multiple-value-setq (a b) (values 1 2)) (list a b))
;=> (1 2)
(let (a b) (list (multiple-value-setq (a b) (values 10 20 30)) a b))
;=> (10 10 20)
(let ((a 'x) (b 'y)) (multiple-value-setq (a b) (values 1)) (list a b))
;=> (1 NIL)
(let (a) (multiple-value-setq (a) (values)) a)
;=> NIL
(nth-value 0 (values 'a 'b))
;=> A
(nth-value 1 (values 'a 'b))
;=> B
(nth-value 5 (values 'a 'b))
;=> NIL
(nth-value 1 (floor 10 3))
;=> 1
(values-list '(1 2 3))
;=> 1
;=> 2
;=> 3
(values)
(list (values 1 2) (values 3 4))
;=> (1 3)
(multiple-value-call #'list (values 1 2) (values 3 4))
;=> (1 2 3 4)
(let ((x (values 1 2))) x)
;=> 1
(funcall (lambda () (values 'a 'b)))
;=> A
;=> B
(multiple-value-list (if t (values 1 2) 3))
;=> (1 2)
(multiple-value-list (let () (values 1 2)))
;=> (1 2)
(multiple-value-list (progn 0 (values 1 2)))
;=> (1 2)
(multiple-value-list (block b (return-from b (values 1 2))))
;=> (1 2)
(multiple-value-list (catch 'c (throw 'c (values 1 2))))
;=> (1 2)
(multiple-value-list (unwind-protect (values 1 2) 3))
;=> (1 2)
(multiple-value-list (and t (values 1 2)))
;=> (1 2)
(multiple-value-list (or (values 1 2)))
;=> (1 2)
(multiple-value-list (or nil (values 1 2)))
;=> (1 2)
(multiple-value-list (cond (t (values 1 2))))
;=> (1 2)
(multiple-value-list (when t (values 1 2)))
;=> (1 2)
(multiple-value-list (case 1 (1 (values 1 2))))
;=> (1 2)
(multiple-value-list (prog1 (values 1 2) 3))
;=> (1)
(multiple-value-list (prog2 0 (values 1 2) 3))
;=> (1)
(multiple-value-list (dolist (x '(1) (values x 2))))
;=> (NIL 2)
(multiple-value-list (the (values t t) (values 1 2)))
;=> (1 2)
(multiple-value-list (funcall #'values 1 2))
;=> (1 2)
(multiple-value-list (apply #'values '(1 2)))
;=> (1 2)

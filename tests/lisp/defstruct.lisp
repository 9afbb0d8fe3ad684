;;;; DEFSTRUCT: constructors, accessors, predicates, copiers, :include,
;;;; :conc-name, printing options, :type list/vector, #S syntax.
;;;; Expectations written by tests/sbcl_check.py from sbcl --script.

;;; the basics
(defun ds-opaque (x) x)
(defstruct point x y)
(defstruct point x y)
(make-point :x 1 :y 2)
;=> #S(POINT :X 1 :Y 2)
(make-point)
;=> #S(POINT :X NIL :Y NIL)
(point-x (make-point :x 10 :y 20))
;=> 10
(point-y (make-point :y 5))
;=> 5
(point-p (make-point))
;=> T
(point-p 5)
;=> NIL
(point-p (list 1 2))
;=> NIL
(let ((p (make-point :x 1))) (setf (point-x p) 42) p)
;=> #S(POINT :X 42 :Y NIL)
(let ((p (make-point :x 1))) (incf (point-x p) 5) (point-x p))
;=> 6
(let ((p (make-point :x (list 1 2)))) (push 0 (point-x p)) (point-x p))
;=> (0 1 2)
(let* ((p (make-point :x 1 :y 2)) (q (copy-point p))) (setf (point-x q) 99) (list p q (eq p q)))
;=> (#S(POINT :X 1 :Y 2) #S(POINT :X 99 :Y 2) NIL)
(let* ((p (make-point :x 1 :y 2)) (q (copy-structure p))) (list (equalp p q) (equal p q) (eq p q)))
;=> (T NIL NIL)
(equalp (make-point :x "A" :y 1.0) (make-point :x "a" :y 1))
;=> T
(equalp (make-point :x 1) (make-point :x 2))
;=> NIL
(type-of (make-point))
;=> POINT
(typep (make-point) 'point)
;=> T
(typep (make-point) 'structure-object)
;=> T
(typep 3 'point)
;=> NIL
(class-of (make-point))
;=> #<STRUCTURE-CLASS COMMON-LISP-USER::POINT>
(find-class 'point)
;=> #<STRUCTURE-CLASS COMMON-LISP-USER::POINT>
(subtypep 'point 'structure-object)
;=> T
;=> T
(point-x (ds-opaque 5))
;error> TYPE-ERROR
(handler-case (point-x 5) (type-error (c) (list (type-error-datum c) (type-error-expected-type c))))
;=> (5 POINT)
(handler-case (make-point :z 1) (program-error () 'program-error))
;=> PROGRAM-ERROR
(make-point :x 1 :x 2)
;=> #S(POINT :X 1 :Y NIL)
(funcall #'point-x (make-point :x 7))
;=> 7
(mapcar #'point-y (list (make-point :y 1) (make-point :y 2)))
;=> (1 2)
(functionp #'make-point)
;=> T
(fboundp 'copy-point)
;=> #<FUNCTION COPY-POINT>
#'make-point
;=> #<FUNCTION MAKE-POINT>
(prin1-to-string (make-point :x "s" :y #\c))
;=> "#S(POINT :X \"s\" :Y #\\c)"
(princ-to-string (make-point :x "s" :y #\c))
;=> "#S(POINT :X s :Y c)"
(format nil "~A|~S" (make-point :x 'a) (make-point :x :k))
;=> "#S(POINT :X A :Y NIL)|#S(POINT :X :K :Y NIL)"
(let ((*print-length* 1)) (prin1-to-string (make-point :x 1 :y 2)))
;=> "#S(POINT :X 1 ...)"
(let ((*print-level* 1)) (prin1-to-string (list (make-point :x 1 :y 2))))
;=> "(#)"
(make-point :x (make-point :x 1 :y 2) :y (list (make-point)))
;=> #S(POINT :X #S(POINT :X 1 :Y 2) :Y (#S(POINT :X NIL :Y NIL)))

;;; defaults are evaluated at each construction, in order
(defvar *ds-counter* 0)
(defstruct counted (id (incf *ds-counter*)) (tag :none))
(list (counted-id (make-counted)) (counted-id (make-counted)) (counted-id (make-counted :id 100)) *ds-counter*)
;=> (1 2 100 2)
(make-counted :id 5)
;=> #S(COUNTED :ID 5 :TAG :NONE)
(defstruct chain (a 1) (b (+ a 1)) (c (* b 10)))
(make-chain)
;error> UNBOUND-VARIABLE
(make-chain :a 5)
;error> UNBOUND-VARIABLE
(make-chain :b 0)
;error> UNBOUND-VARIABLE
(let ((base 100)) (defstruct lexical (v (+ base 1))) (lexical-v (make-lexical)))
;=> 101

;;; documentation string and slot options
(defstruct (account (:constructor new-account)) "A bank account." (owner "nobody" :type string :read-only t) (balance 0 :type integer))
(new-account :owner "ann" :balance 10)
;=> #S(ACCOUNT :OWNER "ann" :BALANCE 10)
(account-owner (new-account))
;=> "nobody"
(fboundp 'make-account)
;=> NIL
(let ((a (new-account))) (setf (account-balance a) 50) (account-balance a))
;=> 50
(new-account :balance (ds-opaque "lots"))
;error> TYPE-ERROR
(let ((a (new-account))) (setf (account-balance a) (ds-opaque 1.5)))
;error> TYPE-ERROR
(handler-case (new-account :balance (ds-opaque "lots")) (type-error (c) (list (type-error-datum c) (type-error-expected-type c))))
;=> ("lots" INTEGER)
(fboundp '(setf account-owner))
;=> NIL
(fboundp '(setf account-balance))
;=> #<FUNCTION (SETF ACCOUNT-BALANCE)>

;;; :conc-name
(defstruct (vec3 (:conc-name v-)) x y z)
(v-x (make-vec3 :x 1 :y 2 :z 3))
;=> 1
(let ((v (make-vec3))) (setf (v-z v) 9) v)
;=> #S(VEC3 :X NIL :Y NIL :Z 9)
(defstruct (bare (:conc-name nil)) left right)
(left (make-bare :left 'l :right 'r))
;=> L
(right (make-bare :left 'l :right 'r))
;=> R
(defstruct (bare2 (:conc-name)) top)
(top (make-bare2 :top 3))
;=> 3
(defstruct (named-conc (:conc-name "NC-")) val)
(nc-val (make-named-conc :val 4))
;=> 4

;;; constructors: several, BOA lists
(defstruct (box (:constructor make-box) (:constructor box (w h &optional (d 1))) (:constructor square-box (side &aux (w side) (h side)))) (w 0) (h 0) (d 0))
(make-box :w 2)
;=> #S(BOX :W 2 :H 0 :D 0)
(box 2 3)
;=> #S(BOX :W 2 :H 3 :D 1)
(box 2 3 4)
;=> #S(BOX :W 2 :H 3 :D 4)
(square-box 5)
;=> #S(BOX :W 5 :H 5 :D 0)
(box 1)
;error> SIMPLE-PROGRAM-ERROR
(defstruct (opt (:constructor make-opt (a &optional b (c 'cc) &rest r &key (k 7) &aux (z (length r))))) a (b 'bdef) c k r z)
(make-opt 1)
;=> #S(OPT :A 1 :B BDEF :C CC :K 7 :R NIL :Z 0)
(make-opt 1 2)
;=> #S(OPT :A 1 :B 2 :C CC :K 7 :R NIL :Z 0)
(make-opt 1 2 3 :k 8)
;=> #S(OPT :A 1 :B 2 :C 3 :K 8 :R (:K 8) :Z 2)
(defstruct (kw-boa (:constructor make-kw-boa (&key (x 10) ((:why y) 20)))) x y (other 'o))
(make-kw-boa)
;=> #S(KW-BOA :X 10 :Y 20 :OTHER O)
(make-kw-boa :why 3 :x 1)
;=> #S(KW-BOA :X 1 :Y 3 :OTHER O)
(defstruct (no-make (:constructor nil)) a)
(fboundp 'make-no-make)
;=> NIL
(defstruct (boa-default (:constructor make-boa-default (a &optional b))) (a 1) (b (* a 2)))
(make-boa-default 5)
;=> #S(BOA-DEFAULT :A 5 :B 10)

;;; :copier and :predicate
(defstruct (thing (:copier dup-thing) (:predicate is-thing)) n)
(is-thing (make-thing))
;=> T
(is-thing 'thing)
;=> NIL
(dup-thing (make-thing :n 3))
;=> #S(THING :N 3)
(list (fboundp 'copy-thing) (fboundp 'thing-p))
;=> (NIL NIL)
(defstruct (nothing (:copier nil) (:predicate nil)) n)
(list (fboundp 'copy-nothing) (fboundp 'nothing-p))
;=> (NIL NIL)

;;; :include
(defstruct animal name (legs 4))
(defstruct (dog (:include animal)) breed)
(make-dog :name "rex" :breed 'lab)
;=> #S(DOG :NAME "rex" :LEGS 4 :BREED LAB)
(dog-name (make-dog :name "rex"))
;=> "rex"
(animal-name (make-dog :name "rex"))
;=> "rex"
(animal-p (make-dog))
;=> T
(dog-p (make-animal))
;=> NIL
(typep (make-dog) 'animal)
;=> T
(subtypep 'dog 'animal)
;=> T
;=> T
(copy-animal (make-dog :name "d"))
;=> #S(DOG :NAME "d" :LEGS 4 :BREED NIL)
(let ((d (make-dog))) (setf (animal-legs d) 3) (dog-legs d))
;=> 3
(dog-breed (make-animal))
;error> TYPE-ERROR
(defstruct (bird (:include animal (legs 2))) (wings 2))
(make-bird :name "tweety")
;=> #S(BIRD :NAME "tweety" :LEGS 2 :WINGS 2)
(defstruct (puppy (:include dog)) (age 0))
(make-puppy :name "p" :age 1)
;=> #S(PUPPY :NAME "p" :LEGS 4 :BREED NIL :AGE 1)
(list (animal-p (make-puppy)) (dog-p (make-puppy)) (puppy-p (make-dog)))
;=> (T T NIL)
(equalp (make-dog :name "a") (make-animal :name "a"))
;=> NIL
(typecase (make-puppy) (bird 'bird) (dog 'dog) (t 'other))
;=> DOG

;;; printing options
(defstruct (pt (:print-function (lambda (p stream depth) (declare (ignore depth)) (format stream "<pt ~A,~A>" (pt-x p) (pt-y p))))) x y)
(prin1-to-string (make-pt :x 1 :y 2))
;=> "<pt 1,2>"
(format nil "~A" (list (make-pt :x 1 :y 2)))
;=> "(<pt 1,2>)"
(defun print-card (c s) (format s "#<CARD ~A of ~A>" (card-rank c) (card-suit c)))
(defstruct (card (:print-object print-card)) rank suit)
(prin1-to-string (make-card :rank 10 :suit 'hearts))
;=> "#<CARD 10 of HEARTS>"
(princ-to-string (list 1 (make-card :rank 'q :suit 'spades)))
;=> "(1 #<CARD Q of SPADES>)"
(defstruct (joker (:include card)) wild)
(prin1-to-string (make-joker :rank 0 :suit 'none))
;=> "#<CARD 0 of NONE>"
(substitute #\| #\Newline (with-output-to-string (s) (print (make-card :rank 2 :suit 'clubs) s)))
;=> "|#<CARD 2 of CLUBS> "

;;; :type list and :type vector
(defstruct (lpoint (:type list)) x y)
(make-lpoint :x 1 :y 2)
;=> (1 2)
(lpoint-y (list 1 2))
;=> 2
(let ((p (make-lpoint :x 1 :y 2))) (setf (lpoint-x p) 10) p)
;=> (10 2)
(fboundp 'lpoint-p)
;=> NIL
(copy-lpoint (list 3 4))
;=> (3 4)
(defstruct (nlpoint (:type list) :named) x y)
(make-nlpoint :x 1 :y 2)
;=> (NLPOINT 1 2)
(nlpoint-p (make-nlpoint))
;=> T
(nlpoint-p (list 'other 1 2))
;=> NIL
(nlpoint-y (make-nlpoint :y 7))
;=> 7
(defstruct (vpoint (:type vector) :named) x y)
(make-vpoint :x 1 :y 2)
;=> #(VPOINT 1 2)
(vpoint-p (make-vpoint))
;=> T
(vpoint-p (vector 'vpoint 1 2))
;=> T
(vpoint-p #(1 2 3))
;=> NIL
(let ((v (make-vpoint :x 5))) (setf (vpoint-y v) 6) v)
;=> #(VPOINT 5 6)
(defstruct (upoint (:type vector)) a b)
(make-upoint :a 1 :b 2)
;=> #(1 2)
(defstruct (l3 (:type list) (:include lpoint)) z)
(make-l3 :x 1 :y 2 :z 3)
;=> (1 2 3)
(l3-z (make-l3 :z 3))
;=> 3
(defstruct (nl3 (:type list) :named (:include nlpoint)) z)
(make-nl3 :x 1 :z 3)
;=> (NLPOINT 1 NIL NL3 3)
(defstruct (offs (:type list) (:initial-offset 2)) a)
(make-offs :a 1)
;=> (NIL NIL 1)
(offs-a (list 0 0 9))
;=> 9
(defstruct (boa-list (:type list) (:constructor mk-bl (a b))) a b)
(mk-bl 1 2)
;=> (1 2)

;;; #S syntax
(read-from-string "#S(POINT :X 1 :Y 2)")
;=> #S(POINT :X 1 :Y 2)
;=> 19
(point-x (read-from-string "#S(POINT :X 3)"))
;=> 3
(point-y (read-from-string "#S(point y 8)"))
;=> 8
(equalp #S(POINT :X 1 :Y 2) (make-point :x 1 :y 2))
;=> T
(box-d (read-from-string "#S(BOX :W 2)"))
;=> 0
(read-from-string "#S(COUNTED :ID 7)")
;=> #S(COUNTED :ID 7 :TAG :NONE)
;=> 17
(handler-case (read-from-string "#S(NO-SUCH-STRUCT :A 1)") (reader-error () 'reader-error))
;=> READER-ERROR

;;; return value, redefinition, misc
(defstruct (redef) a)
(defstruct redef a)
(make-redef :a 1)
;=> #S(REDEF :A 1)
(defstruct empty)
(make-empty)
;=> #S(EMPTY)
(empty-p (make-empty))
;=> T
(copy-structure (ds-opaque 5))
;error> TYPE-ERROR
(copy-structure (make-dog :name "c"))
;=> #S(DOG :NAME "c" :LEGS 4 :BREED NIL)
(let ((*print-pretty* t)) (prin1-to-string (make-point :x 1 :y 2)))
;=> "#S(POINT :X 1 :Y 2)"
(let ((*print-pretty* t) (*print-right-margin* 30)) (substitute #\| #\Newline (write-to-string (make-point :x 'aaaaaaaaaa :y 'bbbbbbbbbbbb))))
;=> "#S(POINT|   :X AAAAAAAAAA|   :Y BBBBBBBBBBBB)"
(let ((*print-pretty* t) (*print-right-margin* 20)) (substitute #\| #\Newline (write-to-string (make-point :x '(aaaaaaaaaa bbbbbbb cccccc) :y 'bbbbbbbbbbbb))))
;=> "#S(POINT|   :X (AAAAAAAAAA|       BBBBBBB|       CCCCCC)|   :Y BBBBBBBBBBBB)"
(let ((*print-readably* t)) (prin1-to-string (make-point :x 1)))
;=> "#S(POINT :X 1 :Y NIL)"
(defstruct (lp (:type list) :named (:initial-offset 1)) a)
(make-lp :a 5)
;=> (NIL LP 5)
(macroexpand-1 '(ds-undefined-macro))
;=> (DS-UNDEFINED-MACRO)
;=> NIL
(defstruct (sym-slots) (list nil) (t-slot t))
(make-sym-slots :list '(1))
;=> #S(SYM-SLOTS :LIST (1) :T-SLOT T)

;;; print-function depth, read-only setf, errors
(defstruct (pf (:print-function (lambda (o s d) (declare (ignore o)) (format s "<pf ~D>" d)))) a)
(prin1-to-string (make-pf))
;=> "<pf 0>"
(prin1-to-string (list (list (make-pf))))
;=> "((<pf 2>))"
(let ((*print-pretty* t)) (prin1-to-string (list (make-pf) (make-pf))))
;=> "(<pf 1> <pf 1>)"
(defstruct ro (a 1 :read-only t))
(handler-case (eval '(setf (ro-a (make-ro)) 2)) (error (c) (type-of c)))
;=> UNDEFINED-FUNCTION
(defstruct (tf) (a 0 :type fixnum) (b nil :type (or null string)))
(make-tf :b "x")
;=> #S(TF :A 0 :B "x")
(let ((*print-pretty* t)) (format nil "~A" (list (make-tf) 'x)))
;=> "(#S(TF :A 0 :B NIL) X)"
(defstruct (bb (:constructor mk-bb (&optional (a 5 a-p)) )) a)
(mk-bb)
;=> #S(BB :A 5)
(let ((*print-case* :downcase)) (prin1-to-string (make-point :x 'x)))
;=> "#S(point :x x :y nil)"
(defstruct (p2 (:print-object (lambda (o s) (print-unreadable-object (o s :type t) (format s "~A" (p2-a o)))))) a)
(prin1-to-string (make-p2 :a 1))
;=> "#<P2 1>"
(handler-case (eval '(defstruct (inc-missing (:include nonexistent-struct)) a)) (error (c) (type-of c)))
;=> SIMPLE-ERROR
(progn (defstruct q a) (let ((x (make-q :a 1))) (setf (q-a x) 5) x))
;=> #S(Q :A 5)

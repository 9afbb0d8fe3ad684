;;;; CLOS beyond the basics: the protocol generic functions the system calls
;;;; (NO-APPLICABLE-METHOD, NO-NEXT-METHOD, SLOT-MISSING, SLOT-UNBOUND ...),
;;;; method combinations, class redefinition and CHANGE-CLASS, CALL-NEXT-METHOD
;;;; with arguments, SB-MOP introspection, DESCRIBE and DOCUMENTATION of
;;;; classes and generic functions. Expectations written by
;;;; tests/sbcl_check.py from sbcl --script. Names start with CM- because all
;;;; test files share one image.

;;; user methods on the protocol's failure points
(defgeneric cm-area (shape))
(defmethod cm-area ((s integer)) (* s s))
(progn (defmethod no-applicable-method ((gf (eql #'cm-area)) &rest args) (list :no-method args)) nil)
;=> NIL
(cm-area "big")
;=> (:NO-METHOD ("big"))
(cm-area 3)
;=> 9
(defgeneric cm-next (x))
(defmethod cm-next ((x integer)) (list :int (call-next-method)))
(progn (defmethod no-next-method ((gf (eql #'cm-next)) method &rest args) (list :no-next (length args) (method-qualifiers method))) nil)
;=> NIL
(cm-next 5)
;=> (:INT (:NO-NEXT 1 NIL))
(defclass cm-box () ((content :initarg :content :accessor cm-content) (size :initarg :size)))
(defmethod slot-missing ((class t) (obj cm-box) name op &optional new) (list :missing name op new))
(slot-value (make-instance 'cm-box) 'colour)
;=> (:MISSING COLOUR SLOT-VALUE NIL)
(setf (slot-value (make-instance 'cm-box) 'colour) 'red)
;=> RED
(slot-boundp (make-instance 'cm-box) 'colour)
;=> T
(eq (type-of (slot-makunbound (make-instance 'cm-box) 'colour)) 'cm-box)
;=> T
(slot-exists-p (make-instance 'cm-box) 'colour)
;=> NIL
(defmethod slot-unbound ((class t) (obj cm-box) name) (list :unbound name))
(slot-value (make-instance 'cm-box) 'size)
;=> (:UNBOUND SIZE)
(cm-content (make-instance 'cm-box))
;=> (:UNBOUND CONTENT)
(with-slots (size) (make-instance 'cm-box) size)
;=> (:UNBOUND SIZE)
(cm-content (make-instance 'cm-box :content 'apple))
;=> APPLE

;;; the default reports
(defclass cm-plain () ((a :initarg :a)))
(handler-case (slot-value (make-instance 'cm-plain) 'zz) (error (c) (let ((s (princ-to-string c))) (write-string (subseq s 0 (search "{" s))) nil)))
;out> When attempting to read the slot's value (slot-value), the slot ZZ is missing
;out> from the object #<CM-PLAIN 
;=> NIL
(handler-case (setf (slot-value (make-instance 'cm-plain) 'zz) 1) (error (c) (let ((s (princ-to-string c))) (write-string (subseq s 0 (search "{" s))) nil)))
;out> When attempting to set the slot's value to 1 (SETF of SLOT-VALUE), the slot ZZ
;out> is missing from the object #<CM-PLAIN 
;=> NIL
(handler-case (slot-boundp (make-instance 'cm-plain) 'zz) (error (c) (let ((s (princ-to-string c))) (write-string (subseq s 0 (search "{" s))) nil)))
;out> When attempting to test to see whether slot is bound (SLOT-BOUNDP), the slot ZZ
;out> is missing from the object #<CM-PLAIN 
;=> NIL
(handler-case (slot-makunbound 42 'zz) (error (c) (write-string (princ-to-string c)) nil))
;out> When attempting to make the slot unbound (SLOT-MAKUNBOUND), the slot ZZ is
;out> missing from the object 42.
;=> NIL
(handler-case (slot-value (make-instance 'cm-plain) 'a) (unbound-slot (c) (list (cell-error-name c) (type-of (unbound-slot-instance c)))))
;=> (A CM-PLAIN)
(let ((s (handler-case (slot-value (make-instance 'cm-plain) 'a) (error (c) (princ-to-string c))))) (subseq s 0 50))
;=> "The slot COMMON-LISP-USER::A is unbound in the obj"
(slot-value (make-instance 'cm-plain) 'zz)
;error> MISSING-SLOT
(slot-value (make-instance 'cm-plain) 'a)
;error> UNBOUND-SLOT
(handler-case (slot-value (make-instance 'cm-plain) 'zz) (type-error () 'a-type-error))
;=> A-TYPE-ERROR
(defgeneric cm-only-int (x))
(defmethod cm-only-int ((x integer)) x)
(cm-only-int "s")
;error> NO-APPLICABLE-METHOD-ERROR
(defmethod cm-only-int :around ((x string)) (call-next-method))
(cm-only-int "s")
;error> NO-PRIMARY-METHOD-ERROR
(defgeneric cm-nnm (x))
(defmethod cm-nnm ((x t)) (call-next-method))
(cm-nnm 1)
;error> NO-NEXT-METHOD-ERROR
(handler-case (cm-nnm 1) (error (c) (typep c 'simple-error)))
;=> NIL
(handler-case (cm-only-int 1.5) (error (c) (format t "Error: ~a" c)))
;out> Error: There is no applicable method for the generic function
;out>          #<STANDARD-GENERIC-FUNCTION COMMON-LISP-USER::CM-ONLY-INT (2)>
;out>        when called with arguments
;out>          (1.5).
;out> See also:
;out>   The ANSI Standard, Section 7.6.6
;=> NIL
(handler-case (slot-value (make-instance 'cm-plain) 'a) (error (c) (let ((s (format nil "~a: ~a" (type-of c) c))) (write-string (subseq s 0 (search "{" s))) nil)))
;out> UNBOUND-SLOT: The slot COMMON-LISP-USER::A is unbound in the object
;out>               #<CM-PLAIN 
;=> NIL
(handler-case (make-instance 'cm-plain :b 1 :c 2) (error (c) (format t "Oops, ~a" c)))
;out> Oops, Invalid initialization arguments:
;out>         :C, :B
;out>       in call for class #<STANDARD-CLASS COMMON-LISP-USER::CM-PLAIN>.
;out> See also:
;out>   The ANSI Standard, Section 7.1.2
;=> NIL

;;; built-in method combinations
(defgeneric cm-total (x) (:method-combination +))
(defmethod cm-total + ((x integer)) 1)
(defmethod cm-total + ((x number)) 10)
(defmethod cm-total + ((x t)) 100)
(list (cm-total 5) (cm-total 2.5) (cm-total 'a))
;=> (111 110 100)
(defmethod cm-total :around ((x integer)) (list :around (call-next-method)))
(cm-total 5)
;=> (:AROUND 111)
(defgeneric cm-kinds (x) (:method-combination list :most-specific-last))
(defmethod cm-kinds list ((x integer)) 'integer)
(defmethod cm-kinds list ((x number)) 'number)
(defmethod cm-kinds list ((x t)) 't)
(cm-kinds 1)
;=> (T NUMBER INTEGER)
(defgeneric cm-kinds2 (x) (:method-combination list))
(defmethod cm-kinds2 list ((x integer)) 'integer)
(defmethod cm-kinds2 list ((x t)) 't)
(cm-kinds2 1)
;=> (INTEGER T)
(defgeneric cm-all (x) (:method-combination and))
(defmethod cm-all and ((x integer)) (print 'integer) (plusp x))
(defmethod cm-all and ((x number)) (print 'number) t)
(cm-all 1)
;out>
;out> INTEGER 
;out> NUMBER 
;=> T
(cm-all -1)
;out>
;out> INTEGER 
;=> NIL
(defgeneric cm-any (x) (:method-combination or))
(defmethod cm-any or ((x integer)) (print 'integer) nil)
(defmethod cm-any or ((x number)) (print 'number) 42)
(defmethod cm-any or ((x t)) (print 't) t)
(cm-any 1)
;out>
;out> INTEGER 
;out> NUMBER 
;=> 42
(defgeneric cm-steps (x) (:method-combination progn :most-specific-last))
(defmethod cm-steps progn ((x integer)) (print 'integer))
(defmethod cm-steps progn ((x t)) (print 't))
(cm-steps 1)
;out>
;out> T 
;out> INTEGER 
;=> INTEGER
(defgeneric cm-app (x) (:method-combination append))
(defmethod cm-app append ((x integer)) (list 1 2))
(defmethod cm-app append ((x t)) (list 3))
(defgeneric cm-nc (x) (:method-combination nconc))
(defmethod cm-nc nconc ((x integer)) (list 1 2))
(defmethod cm-nc nconc ((x t)) (list 3))
(defgeneric cm-max (x) (:method-combination max))
(defmethod cm-max max ((x integer)) 3)
(defmethod cm-max max ((x t)) 7)
(defgeneric cm-min (x) (:method-combination min))
(defmethod cm-min min ((x integer)) 3)
(defmethod cm-min min ((x t)) 7)
(list (cm-app 1) (cm-nc 1) (cm-max 1) (cm-min 1) (cm-min 'a))
;=> ((1 2 3) (1 2 3) 7 3 7)
(defgeneric cm-mv (x) (:method-combination progn))
(defmethod cm-mv progn ((x t)) (values 1 2))
(multiple-value-list (cm-mv 1))
;=> (1 2)
(defgeneric cm-mv2 (x) (:method-combination list))
(defmethod cm-mv2 list ((x t)) (values 1 2))
(multiple-value-list (cm-mv2 1))
;=> ((1))
(cm-total "x")
;=> 100
(defmethod cm-total ((x string)) 5)
(cm-total "x")
;error> SIMPLE-ERROR
(handler-case (cm-total "x") (error (c) (search "was defined with the short form of" (princ-to-string c))))
;=> 303
(defmethod cm-total :around ((x symbol)) 5)
(cm-total 'x)
;=> 5
(defgeneric cm-kinds3 (x) (:method-combination list :most-specific-last))
(defmethod cm-kinds3 list ((x integer)) (list (next-method-p)))
(cm-kinds3 1)
;=> ((NIL))
(defgeneric cm-badopt (x) (:method-combination list :bogus))
;error> SIMPLE-ERROR
(defgeneric cm-nocomb (x) (:method-combination no-such-combination))
;error> SIMPLE-ERROR

;;; DEFINE-METHOD-COMBINATION, short form
(define-method-combination cm-and :operator and :identity-with-one-argument t)
;=> CM-AND
(defgeneric cm-ma (x) (:method-combination cm-and))
(defmethod cm-ma cm-and ((x integer)) (print 'i) 1)
(defmethod cm-ma cm-and ((x number)) (print 'n) 2)
(cm-ma 1)
;out>
;out> I 
;out> N 
;=> 2
(defun cm-concat (&rest s) (apply #'concatenate 'string s))
(define-method-combination cm-cat :operator cm-concat :documentation "Concatenates.")
;=> CM-CAT
(defgeneric cm-sc (x) (:method-combination cm-cat :most-specific-last))
(defmethod cm-sc cm-cat ((x integer)) "int")
(defmethod cm-sc cm-cat ((x number)) "num")
(list (cm-sc 1) (cm-sc 1.0))
;=> ("numint" "num")
(documentation 'cm-cat 'method-combination)
;=> "Concatenates."

;;; DEFINE-METHOD-COMBINATION, long form
(define-method-combination cm-standard ()
        ((around (:around))
         (before (:before))
         (primary () :required t)
         (after (:after)))
   (flet ((call-methods (methods)
            (mapcar #'(lambda (method) `(call-method ,method)) methods)))
     (let ((form (if (or before after (rest primary))
                     `(multiple-value-prog1
                        (progn ,@(call-methods before)
                               (call-method ,(first primary) ,(rest primary)))
                        ,@(call-methods (reverse after)))
                     `(call-method ,(first primary)))))
       (if around
           `(call-method ,(first around) (,@(rest around) (make-method ,form)))
           form))))
;=> CM-STANDARD
(defgeneric cm-s2 (x) (:method-combination cm-standard))
(defmethod cm-s2 ((x t)) (print 't) 't)
(defmethod cm-s2 ((x integer)) (print 'i) (list 'i (call-next-method)))
(defmethod cm-s2 :before ((x integer)) (print 'before))
(defmethod cm-s2 :after ((x integer)) (print 'after))
(defmethod cm-s2 :around ((x integer)) (print 'around) (list 'around (call-next-method)))
(cm-s2 1)
;out>
;out> AROUND 
;out> BEFORE 
;out> I 
;out> T 
;out> AFTER 
;=> (AROUND (I T))
(cm-s2 'a)
;out>
;out> T 
;=> T
(defgeneric cm-s3 (x) (:method-combination cm-standard))
(defmethod cm-s3 :before ((x integer)) 1)
(handler-case (cm-s3 1) (error (c) (print (type-of c)) (terpri) (write-string (princ-to-string c)) nil))
;out>
;out> SB-PCL::LONG-METHOD-COMBINATION-ERROR 
;out> No PRIMARY methods.
;out> See also:
;out>   The ANSI Standard, Macro DEFINE-METHOD-COMBINATION
;=> NIL
(defmethod cm-s3 :bogus ((x integer)) 1)
(handler-case (cm-s3 1) (error (c) (search "does not belong to any method group" (princ-to-string c))))
;=> 129
(defun cm-positive-integer-qualifier-p (qualifiers)
  (and (= (length qualifiers) 1) (typep (first qualifiers) '(integer 0 *))))
(define-method-combination cm-ordered ()
        ((methods cm-positive-integer-qualifier-p))
  `(progn ,@(mapcar #'(lambda (method) `(call-method ,method))
                    (stable-sort methods #'< :key #'(lambda (method) (first (method-qualifiers method)))))))
;=> CM-ORDERED
(defgeneric cm-ex (x) (:method-combination cm-ordered))
(defmethod cm-ex 3 ((x t)) (print 3))
(defmethod cm-ex 1 ((x number)) (print 1))
(defmethod cm-ex 2 ((x integer)) (print 2))
(cm-ex 5)
;out>
;out> 1 
;out> 2 
;out> 3 
;=> 3
(defmethod cm-ex 4 ((x t)) (print 4))
(handler-case (cm-ex 5) (error (c) (print (type-of c)) (terpri) (write-string (princ-to-string c)) nil))
;out>
;out> SB-PCL::LONG-METHOD-COMBINATION-ERROR 
;out> More than one method of type METHODS with the same specializers.
;out> See also:
;out>   The ANSI Standard, Macro DEFINE-METHOD-COMBINATION
;=> NIL
(define-method-combination cm-and2 (&optional (order :most-specific-first))
        ((around (:around))
         (primary (cm-and2) :order order :required t))
  (let ((form (if (rest primary)
                  `(and ,@(mapcar #'(lambda (method) `(call-method ,method)) primary))
                  `(call-method ,(first primary)))))
    (if around
        `(call-method ,(first around) (,@(rest around) (make-method ,form)))
        form)))
;=> CM-AND2
(defgeneric cm-a2 (x) (:method-combination cm-and2 :most-specific-last))
(defmethod cm-a2 cm-and2 ((x integer)) (print 'i) t)
(defmethod cm-a2 cm-and2 ((x t)) (print 't) t)
(cm-a2 1)
;out>
;out> T 
;out> I 
;=> T
(defgeneric cm-a3 (x) (:method-combination cm-and2))
(defmethod cm-a3 cm-and2 ((x integer)) (print 'i) t)
(defmethod cm-a3 cm-and2 ((x t)) (print 't) t)
(defmethod cm-a3 :around ((x integer)) (list :around (call-next-method)))
(cm-a3 1)
;out>
;out> I 
;out> T 
;=> (:AROUND T)
(define-method-combination cm-with-args () ((primary ())) (:arguments x) `(list ,x (call-method ,(first primary))))
;=> CM-WITH-ARGS
(defgeneric cm-wa (a b) (:method-combination cm-with-args))
(defmethod cm-wa ((a t) b) (list a b))
(cm-wa 1 2)
;=> (1 (1 2))
(define-method-combination cm-with-gf () ((primary ())) (:generic-function gf)
  `(list ',(sb-mop:generic-function-name gf) (call-method ,(first primary))))
;=> CM-WITH-GF
(defgeneric cm-wg (a) (:method-combination cm-with-gf))
(defmethod cm-wg ((a t)) a)
(cm-wg 1)
;=> (CM-WG 1)
(define-method-combination cm-err1 () ((primary ())) (method-combination-error "bad ~a" 42))
;=> CM-ERR1
(defgeneric cm-e1 (a) (:method-combination cm-err1))
(defmethod cm-e1 ((a t)) a)
(handler-case (cm-e1 1) (error (c) (list (type-of c) (princ-to-string c))))
;=> (SIMPLE-ERROR "method combination error in CLOS dispatch: bad 42")
(define-method-combination cm-star () ((all *)) `(list ,@(mapcar (lambda (m) `(call-method ,m)) all)))
;=> CM-STAR
(defgeneric cm-st (a) (:method-combination cm-star))
(defmethod cm-st :x :y ((a t)) 'xy)
(defmethod cm-st ((a integer)) 'none)
(defmethod cm-st 1 2 3 ((a number)) '123)
(cm-st 1)
;=> (NONE 123 XY)
(define-method-combination cm-pat () ((one (:a *)) (two (:b . *)) (three (* :c)) (rest *))
  `(list ',(mapcar #'method-qualifiers one) ',(mapcar #'method-qualifiers two) ',(mapcar #'method-qualifiers three) ',(length rest)))
;=> CM-PAT
(defgeneric cm-pt (a) (:method-combination cm-pat))
(defmethod cm-pt :a * ((a t)) 1)
(defmethod cm-pt :a 1 ((a integer)) 1)
(defmethod cm-pt :a 1 2 ((a number)) 1)
(defmethod cm-pt :b ((a real)) 1)
(defmethod cm-pt :b 1 2 ((a rational)) 1)
(defmethod cm-pt :x :c ((a (eql 1))) 1)
(cm-pt 1)
;=> (((:A *)) ((:B 1 2) (:B)) NIL 3)
(defmethod cm-pt :a ((a (eql 1))) 1)
(cm-pt 1)
;error> LONG-METHOD-COMBINATION-ERROR

;;; CALL-NEXT-METHOD with arguments, NEXT-METHOD-P
(defgeneric cm-cnm (x))
(defmethod cm-cnm ((x t)) (list 't x))
(defmethod cm-cnm ((x number)) (list 'number x (call-next-method)))
(defmethod cm-cnm ((x integer)) (list 'integer x (call-next-method 2.5)))
(cm-cnm 1)
;=> (INTEGER 1 (NUMBER 2.5 (T 2.5)))
(defmethod cm-cnm ((x integer)) (list 'integer x (call-next-method "str")))
(cm-cnm 1)
;error> TYPE-ERROR
(handler-case (cm-cnm 1) (type-error (c) (print (list (type-error-datum c) (type-error-expected-type c))) (terpri) (write-string (princ-to-string c)) nil))
;out>
;out> ("str" NUMBER) 
;out> The value
;out>   "str"
;out> is not of type
;out>   NUMBER
;out> when binding X
;=> NIL
(handler-case (cm-cnm 1) (error (c) (format t "Error: ~a" c)))
;out> Error: The value
;out>          "str"
;out>        is not of type
;out>          NUMBER
;out>        when binding X
;=> NIL
(defgeneric cm-cnm2 (x))
(defmethod cm-cnm2 ((x t)) (list 't x))
(defmethod cm-cnm2 :around ((x integer)) (list :around (call-next-method 7)))
(defmethod cm-cnm2 :before ((x integer)) (print (list :before x)))
(cm-cnm2 1)
;out>
;out> (:BEFORE 7) 
;=> (:AROUND (T 7))
(defgeneric cm-cnm3 (x &optional y))
(defmethod cm-cnm3 ((x t) &optional (y 'default)) (list 't x y))
(defmethod cm-cnm3 ((x integer) &optional y) (list y (call-next-method x)))
(cm-cnm3 1 2)
;=> (2 (T 1 DEFAULT))
(defgeneric cm-nmp (x))
(defmethod cm-nmp ((x t)) (next-method-p))
(defmethod cm-nmp ((x integer)) (list (next-method-p) (call-next-method) (functionp #'call-next-method)))
(cm-nmp 1)
;=> (T NIL T)
(defgeneric cm-later (x))
(defmethod cm-later ((x t)) (list :base x))
(defmethod cm-later ((x integer)) (lambda () (call-next-method)))
(funcall (cm-later 3))
;=> (:BASE 3)

;;; keyword arguments, lambda-list congruence, qualifiers
(defgeneric cm-kw (a &key x))
(defmethod cm-kw ((a t) &key x) x)
(defmethod cm-kw ((a integer) &key x y) (list x y))
(cm-kw 1 :y 2)
;=> (NIL 2)
(cm-kw 'a :y 1)
;error> SIMPLE-PROGRAM-ERROR
(handler-case (cm-kw 'a :y 1) (error (c) (princ-to-string c)))
;=> "invalid keyword argument: :Y (valid keys are :X)."
(handler-case (cm-kw 1 :z 1 :w 2) (error (c) (princ-to-string c)))
;=> "invalid keyword arguments: :Z, :W (valid keys are :Y, :X)."
(cm-kw 1 :z 1 :allow-other-keys t)
;=> (NIL NIL)
(handler-case (cm-kw 1 :x) (error (c) (princ-to-string c)))
;=> "odd number of &KEY arguments"
(defgeneric cm-two (a b))
(handler-case (eval '(defmethod cm-two ((a t)) 1)) (error (c) (search "fewer required arguments" (princ-to-string c))))
;=> 204
(handler-case (eval '(defmethod cm-two ((a t) b &optional c) 1)) (error (c) (not (null (search "more optional arguments" (princ-to-string c))))))
;=> T
(handler-case (eval '(defmethod cm-two ((a t) b &key c) 1)) (error (c) (not (null (search "&REST or &KEY" (princ-to-string c))))))
;=> T
(defmethod cm-kw ((a t)) 1)
;error> SIMPLE-PROGRAM-ERROR
(handler-case (eval '(defmethod cm-kw ((a string) &key y) 1)) (error (c) (search "does not accept each of the &KEY arguments" (princ-to-string c))))
;=> 199
(progn (defmethod cm-two ((a t) b) 1) (cm-two 1 2 3))
;error> SIMPLE-PROGRAM-ERROR
(handler-case (cm-two 1) (error (c) (princ-to-string c)))
;=> "invalid number of arguments: 1"
(defun cm-plain-fn (x) x)
(defmethod cm-plain-fn ((x t)) x)
;error> SIMPLE-PROGRAM-ERROR
(handler-case (eval '(defgeneric cm-plain-fn (x))) (error (c) (princ-to-string c)))
;=> "COMMON-LISP-USER::CM-PLAIN-FN already names an ordinary function or a macro."
(defgeneric cm-q (x))
(defmethod cm-q :bogus ((x integer)) 1)
(cm-q 1)
;error> SIMPLE-ERROR
(handler-case (cm-q 1) (error (c) (search "Standard method combination requires all methods to have one of the single" (princ-to-string c))))
;=> 286
(defmethod cm-implicit ((a t) &optional (b 1) &key (c 2) ((:dd d) 3)) (list a b c d))
(sb-mop:generic-function-lambda-list #'cm-implicit)
;=> (A &OPTIONAL (B) &KEY)
(cm-implicit 0 1 :dd 4)
;=> (0 1 2 4)
(sb-mop:method-lambda-list (first (sb-mop:generic-function-methods #'cm-implicit)))
;=> (A &OPTIONAL (B 1) &KEY (C 2) ((:DD D) 3))
(multiple-value-list (function-keywords (first (sb-mop:generic-function-methods #'cm-implicit))))
;=> ((:C :DD) NIL)

;;; initialization protocol and initargs
(defclass cm-person () ((name :initarg :name :accessor cm-name) (age :initarg :age :initform 0 :accessor cm-age)))
(defmethod initialize-instance :after ((p cm-person) &key (nickname nil nick-p)) (when nick-p (setf (cm-name p) nickname)))
(cm-name (make-instance 'cm-person :nickname "bob"))
;=> "bob"
(make-instance 'cm-person :nick "bob")
;error> INITARG-ERROR
(handler-case (make-instance 'cm-person :nick "bob") (error (c) (write-string (princ-to-string c)) nil))
;out> Invalid initialization argument:
;out>   :NICK
;out> in call for class #<STANDARD-CLASS COMMON-LISP-USER::CM-PERSON>.
;out> See also:
;out>   The ANSI Standard, Section 7.1.2
;=> NIL
(handler-case (make-instance 'cm-person :age) (error (c) (princ-to-string c)))
;=> "odd number of &KEY arguments"
(handler-case (reinitialize-instance (make-instance 'cm-person) :nickname "x") (error (c) (type-of c)))
;=> SB-PCL::INITARG-ERROR
(defmethod reinitialize-instance :after ((p cm-person) &key extra) (print (list :extra extra)))
(cm-age (reinitialize-instance (make-instance 'cm-person :age 3) :extra 1))
;out>
;out> (:EXTRA 1) 
;=> 3
(defclass cm-emp (cm-person) ((salary :initarg :salary :initform 100 :reader cm-salary)) (:default-initargs :age 30 :name "anon"))
(let ((e (make-instance 'cm-emp :salary 5))) (list (cm-name e) (cm-age e) (cm-salary e)))
;=> ("anon" 30 5)
(defclass cm-emp2 (cm-person) () (:default-initargs :unknown 1))
(handler-case (make-instance 'cm-emp2) (error (c) (type-of c)))
;=> SB-PCL::INITARG-ERROR
(progn (defmethod make-instance :around ((c (eql (find-class 'cm-emp))) &rest args) (list :around (length args) (cm-age (call-next-method)))) nil)
;=> NIL
(make-instance 'cm-emp :age 1)
;=> (:AROUND 2 1)
(type-of (allocate-instance (find-class 'cm-person)))
;=> CM-PERSON
(slot-boundp (allocate-instance (find-class 'cm-person)) 'age)
;=> NIL
(defclass cm-shared () ((count :allocation :class :initform 0 :accessor cm-count) (other :allocation :class)))
(defclass cm-shared2 (cm-shared) ())
(let ((a (make-instance 'cm-shared)) (b (make-instance 'cm-shared2))) (incf (cm-count a)) (incf (cm-count b)) (list (cm-count a) (cm-count b)))
;=> (2 2)
(slot-boundp (make-instance 'cm-shared) 'other)
;=> NIL
(let ((a (make-instance 'cm-shared))) (setf (slot-value a 'other) 1) (slot-value (make-instance 'cm-shared2) 'other))
;=> 1
(defclass cm-shared3 (cm-shared) ((count :allocation :class :initform 100)))
(list (cm-count (make-instance 'cm-shared3)) (cm-count (make-instance 'cm-shared)))
;=> (100 2)
(defvar *cm-inits* nil)
(defclass cm-once () ((v :allocation :class :initform (push :init *cm-inits*))))
*cm-inits*
;=> (:INIT)
(let ((a (make-instance 'cm-once))) (slot-makunbound a 'v) (list (slot-boundp (make-instance 'cm-once) 'v) *cm-inits*))
;=> (NIL (:INIT))
(handler-case (eval '(defclass cm-dup () ((a) (a)))) (error (c) (list (typep c 'program-error) (princ-to-string c))))
;=> (T "Multiple slots named A in DEFCLASS CM-DUP.")
(handler-case (eval '(defclass cm-badslot () ((a :initform 1 :initform 2)))) (error (c) (list (typep c 'program-error) (princ-to-string c))))
;=> (T "Duplicate slot option :INITFORM for slot A in DEFCLASS CM-BADSLOT.")
(handler-case (eval '(defclass cm-badopt2 () ((a :bogus 1)))) (error (c) (write-string (princ-to-string c)) (type-of c)))
;out> Invalid initialization argument:
;out>   :BOGUS
;out> in call for class #<STANDARD-CLASS SB-MOP:STANDARD-DIRECT-SLOT-DEFINITION>.
;out> See also:
;out>   The ANSI Standard, Section 7.1.2
;=> SB-PCL::INITARG-ERROR
(handler-case (eval '(defclass cm-badopt3 () ((a)) (:bogus 1))) (error (c) (write-string (princ-to-string c)) (type-of c)))
;out> Invalid initialization argument:
;out>   :BOGUS
;out> in call for class #<STANDARD-CLASS COMMON-LISP:STANDARD-CLASS>.
;out> See also:
;out>   The ANSI Standard, Section 7.1.2
;=> SB-PCL::INITARG-ERROR
(defclass cm-typed () ((n :initarg :n :type integer :accessor cm-n)))
(cm-n (make-instance 'cm-typed :n "not checked"))
;=> "not checked"
(handler-case (eval '(defclass cm-sub-int (integer) ())) (error (c) (list (type-of c) (search "are incompatible" (princ-to-string c)))))
;=> (SB-PCL::INVALID-SUPERCLASS 266)

;;; class redefinition updates existing instances when they are next used
(defclass cm-pt () ((x :initarg :x :accessor cm-x) (y :initarg :y :accessor cm-y)))
(defparameter *cm-p* (make-instance 'cm-pt :x 1 :y 2))
(defparameter *cm-q* (make-instance 'cm-pt :x 10 :y 20))
(progn (defmethod update-instance-for-redefined-class :before ((i cm-pt) added discarded plist &rest initargs) (print (list :update added discarded plist initargs))) nil)
;=> NIL
(progn (defclass cm-pt () ((x :initarg :x :accessor cm-x) (z :initform 99 :accessor cm-z))) :redefined)
;=> :REDEFINED
(list (cm-x *cm-p*) (cm-z *cm-p*))
;out>
;out> (:UPDATE (Z) (Y) (Y 2) NIL) 
;=> (1 99)
(slot-exists-p *cm-q* 'y)
;out>
;out> (:UPDATE (Z) (Y) (Y 20) NIL) 
;=> NIL
(progn (defclass cm-pt () ((x :initarg :x :accessor cm-x) (z :initform 99 :accessor cm-z))) (cm-x *cm-p*))
;=> 1
(progn (make-instances-obsolete 'cm-pt) (cm-x *cm-p*))
;out>
;out> (:UPDATE NIL NIL NIL NIL) 
;=> 1
(class-name (make-instances-obsolete (find-class 'cm-pt)))
;=> CM-PT
(handler-case (cm-y *cm-p*) (error (c) (type-of c)))
;out>
;out> (:UPDATE NIL NIL NIL NIL) 
;=> SB-PCL::NO-APPLICABLE-METHOD-ERROR
(defclass cm-four () ((a :initform 1) (b :initform 2) (c :initform 3) (d)))
(defparameter *cm-four* (make-instance 'cm-four))
(progn (defmethod update-instance-for-redefined-class :after ((i cm-four) added discarded plist &rest initargs) (print (list added discarded plist))) nil)
;=> NIL
(progn (defclass cm-four () ((e :initform 5) (a) (f :initform 6) (c :initform 7))) (list (slot-value *cm-four* 'a) (slot-value *cm-four* 'c) (slot-value *cm-four* 'e) (slot-value *cm-four* 'f)))
;out>
;out> ((F E) (B) (B 2)) 
;=> (1 3 5 6)
(defclass cm-loc () ((v :initform 1)))
(defparameter *cm-loc* (make-instance 'cm-loc))
(progn (defclass cm-loc () ((v :initform 2 :allocation :class))) (slot-value *cm-loc* 'v))
;=> 2
(defclass cm-shr () ((s :allocation :class :initform 'shared)))
(defparameter *cm-shr* (make-instance 'cm-shr))
(progn (defclass cm-shr () ((s :initform 'local))) (slot-value *cm-shr* 's))
;=> SHARED
(defclass cm-boom () ((p :initarg :p)))
(defparameter *cm-boom* (make-instance 'cm-boom :p 1))
(progn (defmethod update-instance-for-redefined-class :before ((i cm-boom) added discarded plist &rest initargs) (error "boom")) nil)
;=> NIL
(progn (defclass cm-boom () ((p :initarg :p) (q :initform 9))) (handler-case (slot-value *cm-boom* 'q) (error (c) (princ-to-string c))))
;=> "boom"
(handler-case (slot-value *cm-boom* 'q) (error (c) (princ-to-string c)))
;=> "boom"
(progn (remove-method #'update-instance-for-redefined-class (find-method #'update-instance-for-redefined-class '(:before) (list (find-class 'cm-boom) (find-class t) (find-class t) (find-class t)))) (slot-value *cm-boom* 'q))
;=> 9
(defclass cm-acc () ((a :accessor cm-acc-a) (b :accessor cm-acc-b)))
(defparameter *cm-acc* (make-instance 'cm-acc))
(progn (defclass cm-acc () ((a :accessor cm-acc-a))) (handler-case (cm-acc-b *cm-acc*) (error (c) (type-of c))))
;=> SB-PCL::NO-APPLICABLE-METHOD-ERROR

;;; CHANGE-CLASS and UPDATE-INSTANCE-FOR-DIFFERENT-CLASS
(defclass cm-from () ((x :initarg :x :initform 1) (y :initarg :y) (s :allocation :class :initform 's)))
(defclass cm-to () ((x :initarg :x :initform 2) (z :initarg :z :initform (progn (print 'z-init) 3)) (s :initform 'local)))
(progn (defmethod update-instance-for-different-class :before ((old cm-from) (new cm-to) &rest initargs) (print (list :before (type-of old) (slot-value old 'x) (slot-boundp new 'x) (slot-boundp new 'z) initargs))) nil)
;=> NIL
(progn (defmethod update-instance-for-different-class :after ((old cm-from) (new cm-to) &rest initargs) (print (list :after (slot-value new 'z) (slot-value new 's)))) nil)
;=> NIL
(let ((i (make-instance 'cm-from :x 10 :y 20))) (list (eq i (change-class i 'cm-to)) (type-of i) (slot-value i 'x)))
;out>
;out> (:BEFORE CM-FROM 10 T NIL NIL) 
;out> Z-INIT 
;out> (:AFTER 3 S) 
;=> (T CM-TO 10)
(let ((i (make-instance 'cm-from :x 10 :y 20))) (change-class i 'cm-to :z 99 :x 5) (list (slot-value i 'x) (slot-value i 'z)))
;out>
;out> (:BEFORE CM-FROM 10 NIL NIL (:Z 99 :X 5)) 
;out> (:AFTER 99 S) 
;=> (5 99)
(let ((i (make-instance 'cm-from :x 10 :y 20))) (list (handler-case (change-class i 'cm-to :bogus 1) (error (c) (type-of c))) (type-of i)))
;out>
;out> (:BEFORE CM-FROM 10 T NIL (:BOGUS 1)) 
;=> (SB-PCL::INITARG-ERROR CM-FROM)
(change-class 5 'cm-to)
;error> NO-APPLICABLE-METHOD-ERROR
(handler-case (change-class (make-instance 'cm-from) 'cm-nonexistent) (error (c) (princ-to-string c)))
;=> "There is no class named COMMON-LISP-USER::CM-NONEXISTENT."

;;; SB-MOP introspection
(defclass cm-point () ((x :initarg :x :initform 0 :accessor cm-point-x :documentation "X coord") (y :initarg :y :type integer :allocation :class :reader cm-py)) (:default-initargs :x 5) (:documentation "A point."))
(defclass cm-p3 (cm-point) ((z :initform 1 :initarg :z :initarg :zz :writer cm-set-z)))
(sb-mop:class-finalized-p (find-class 'cm-p3))
;=> NIL
(handler-case (sb-mop:class-slots (find-class 'cm-p3)) (error (c) (write-string (princ-to-string c)) nil))
;out> SB-MOP:CLASS-SLOTS called on #<STANDARD-CLASS COMMON-LISP-USER::CM-P3>, which is not yet finalized.
;out> See also:
;out>   AMOP, Generic Function SB-MOP:CLASS-SLOTS
;=> NIL
(handler-case (format t "~{~S~%~}" (sb-mop:class-precedence-list (find-class 'cm-p3))) (error (c) (type-of c)))
;=> UNBOUND-SLOT
(sb-mop:class-default-initargs (find-class 'cm-p3))
;=> NIL
(progn (sb-mop:finalize-inheritance (find-class 'cm-p3)) (sb-mop:class-finalized-p (find-class 'cm-p3)))
;=> T
(sb-mop:class-finalized-p (find-class 'cm-point))
;=> NIL
(format t "~{~S~%~}" (sb-mop:class-precedence-list (find-class 'cm-p3)))
;out> #<STANDARD-CLASS COMMON-LISP-USER::CM-P3>
;out> #<STANDARD-CLASS COMMON-LISP-USER::CM-POINT>
;out> #<STANDARD-CLASS COMMON-LISP:STANDARD-OBJECT>
;out> #<SB-PCL::SLOT-CLASS SB-PCL::SLOT-OBJECT>
;out> #<SB-PCL:SYSTEM-CLASS COMMON-LISP:T>
;=> NIL
(sb-mop:class-direct-superclasses (find-class 'cm-p3))
;=> (#<STANDARD-CLASS COMMON-LISP-USER::CM-POINT>)
(sb-mop:class-direct-subclasses (find-class 'cm-point))
;=> (#<STANDARD-CLASS COMMON-LISP-USER::CM-P3>)
(mapcar #'sb-mop:slot-definition-name (sb-mop:class-slots (find-class 'cm-p3)))
;=> (X Y Z)
(sb-mop:class-direct-slots (find-class 'cm-p3))
;=> (#<SB-MOP:STANDARD-DIRECT-SLOT-DEFINITION COMMON-LISP-USER::Z>)
(let ((s (first (sb-mop:class-direct-slots (find-class 'cm-point)))))
  (list (sb-mop:slot-definition-name s) (sb-mop:slot-definition-initargs s) (sb-mop:slot-definition-initform s)
        (funcall (sb-mop:slot-definition-initfunction s)) (sb-mop:slot-definition-readers s) (sb-mop:slot-definition-writers s)
        (sb-mop:slot-definition-allocation s) (sb-mop:slot-definition-type s) (documentation s t)))
;=> (X (:X) 0 0 (CM-POINT-X) ((SETF CM-POINT-X)) :INSTANCE T "X coord")
(let ((s (second (sb-mop:class-slots (find-class 'cm-p3)))))
  (list (sb-mop:slot-definition-name s) (sb-mop:slot-definition-initargs s) (sb-mop:slot-definition-initfunction s)
        (sb-mop:slot-definition-allocation s) (sb-mop:slot-definition-type s) (sb-mop:slot-definition-location s)))
;=> (Y (:Y) NIL :CLASS INTEGER (Y . #<unbound>))
(sb-mop:slot-definition-initargs (third (sb-mop:class-slots (find-class 'cm-p3))))
;=> (:Z :ZZ)
(mapcar #'butlast (sb-mop:class-default-initargs (find-class 'cm-p3)))
;=> ((:X 5))
(mapcar #'butlast (sb-mop:class-direct-default-initargs (find-class 'cm-point)))
;=> ((:X 5))
(format t "~{~S~%~}" (sb-mop:class-precedence-list (find-class 'integer)))
;out> #<BUILT-IN-CLASS COMMON-LISP:INTEGER>
;out> #<BUILT-IN-CLASS COMMON-LISP:RATIONAL>
;out> #<BUILT-IN-CLASS COMMON-LISP:REAL>
;out> #<BUILT-IN-CLASS COMMON-LISP:NUMBER>
;out> #<SB-PCL:SYSTEM-CLASS COMMON-LISP:T>
;=> NIL
(format t "~{~S~%~}" (sb-mop:class-precedence-list (find-class 'error)))
;out> #<SB-PCL::CONDITION-CLASS COMMON-LISP:ERROR>
;out> #<SB-PCL::CONDITION-CLASS COMMON-LISP:SERIOUS-CONDITION>
;out> #<SB-PCL::CONDITION-CLASS COMMON-LISP:CONDITION>
;out> #<SB-PCL::SLOT-CLASS SB-PCL::SLOT-OBJECT>
;out> #<SB-PCL:SYSTEM-CLASS COMMON-LISP:T>
;=> NIL
(format t "~{~S~%~}" (list (find-class 't) (find-class 'error) (find-class 'standard-object) (class-of (find-class 'error)) (class-of #'car) (class-of #'print-object)))
;out> #<SB-PCL:SYSTEM-CLASS COMMON-LISP:T>
;out> #<SB-PCL::CONDITION-CLASS COMMON-LISP:ERROR>
;out> #<STANDARD-CLASS COMMON-LISP:STANDARD-OBJECT>
;out> #<STANDARD-CLASS SB-PCL::CONDITION-CLASS>
;out> #<SB-PCL:SYSTEM-CLASS COMMON-LISP:FUNCTION>
;out> #<SB-MOP:FUNCALLABLE-STANDARD-CLASS COMMON-LISP:STANDARD-GENERIC-FUNCTION>
;=> NIL
(format t "~{~S~%~}" (list (class-of (find-class 'standard-class)) (class-of (find-class 'cm-point)) (find-class 'generic-function) (find-class 'standard-method)))
;out> #<STANDARD-CLASS COMMON-LISP:STANDARD-CLASS>
;out> #<STANDARD-CLASS COMMON-LISP:STANDARD-CLASS>
;out> #<SB-MOP:FUNCALLABLE-STANDARD-CLASS COMMON-LISP:GENERIC-FUNCTION>
;out> #<STANDARD-CLASS COMMON-LISP:STANDARD-METHOD>
;=> NIL
(type-of (sb-mop:class-prototype (find-class 'cm-p3)))
;=> CM-P3
(sb-mop:generic-function-name #'cm-point-x)
;=> CM-POINT-X
(mapcar #'method-qualifiers (sb-mop:generic-function-methods #'cm-point-x))
;=> (NIL)
(sb-mop:generic-function-lambda-list #'print-object)
;=> (SB-PCL::OBJECT STREAM)
(mapcar #'type-of (sb-mop:generic-function-methods #'cm-set-z))
;=> (SB-MOP:STANDARD-WRITER-METHOD)
(defgeneric cm-foo (a b &key c) (:documentation "Foo doc"))
(defmethod cm-foo ((a integer) (b (eql 3)) &key c d) (list a b c d))
(let ((m (first (sb-mop:generic-function-methods #'cm-foo))))
  (format t "~{~S~%~}" (list (sb-mop:method-specializers m) (method-qualifiers m) (sb-mop:method-lambda-list m) (sb-mop:method-generic-function m)
        (sb-mop:eql-specializer-object (second (sb-mop:method-specializers m)))
        (sb-mop:generic-function-argument-precedence-order #'cm-foo))))
;out> (#<BUILT-IN-CLASS COMMON-LISP:INTEGER> #<SB-MOP:EQL-SPECIALIZER 3>)
;out> NIL
;out> (A B &KEY C D)
;out> #<STANDARD-GENERIC-FUNCTION COMMON-LISP-USER::CM-FOO (1)>
;out> 3
;out> (A B)
;=> NIL
(eq (sb-mop:intern-eql-specializer 3) (second (sb-mop:method-specializers (first (sb-mop:generic-function-methods #'cm-foo)))))
;=> T
(multiple-value-list (sb-mop:intern-eql-specializer 'cm-sym))
;=> (#<SB-MOP:EQL-SPECIALIZER CM-SYM> NIL)
(multiple-value-list (sb-mop:intern-eql-specializer 'cm-sym))
;=> (#<SB-MOP:EQL-SPECIALIZER CM-SYM> T)
(format t "~{~S~%~}" (sb-mop:specializer-direct-generic-functions (find-class 'cm-point)))
;out> #<STANDARD-GENERIC-FUNCTION COMMON-LISP-USER::CM-PY (1)>
;out> #<STANDARD-GENERIC-FUNCTION (COMMON-LISP:SETF COMMON-LISP-USER::CM-POINT-X) (1)>
;out> #<STANDARD-GENERIC-FUNCTION COMMON-LISP-USER::CM-POINT-X (1)>
;=> NIL
(let ((s (prin1-to-string (sb-mop:generic-function-method-combination #'cm-kinds)))) (subseq s 0 (search "{" s)))
;=> "#<SB-PCL::SHORT-METHOD-COMBINATION LIST (:MOST-SPECIFIC-LAST) "
(type-of (sb-mop:generic-function-method-combination #'cm-kinds))
;=> SB-PCL::SHORT-METHOD-COMBINATION
(type-of (sb-mop:generic-function-method-combination #'cm-foo))
;=> SB-PCL::STANDARD-METHOD-COMBINATION
(eq (find-method #'cm-point-x nil '(cm-point)) (find-method #'cm-point-x nil (list (find-class 'cm-point))))
;=> T
(find-method #'cm-foo '(:before) '(integer (eql 3)) nil)
;=> NIL
(handler-case (find-method #'cm-foo '(:before) '(integer (eql 3))) (error (c) (search "There is no method on" (princ-to-string c))))
;=> 0
(find-method #'cm-foo '() '(integer))
;error> FIND-METHOD-LENGTH-MISMATCH
(handler-case (find-method #'cm-foo '() '(integer)) (error (c) (search "takes 2 required arguments" (princ-to-string c))))
;=> 79

;;; managing methods
(defgeneric cm-g (x))
(defmethod cm-g ((x integer)) 'int)
(defparameter *cm-m* (find-method #'cm-g nil '(integer)))
(defgeneric cm-h (x))
(handler-case (add-method #'cm-h *cm-m*) (error (c) (search "is already part of the generic function" (princ-to-string c))))
;=> NIL
(eq (remove-method #'cm-g *cm-m*) #'cm-g)
;=> T
(sb-mop:method-generic-function *cm-m*)
;=> NIL
(eq (add-method #'cm-h *cm-m*) #'cm-h)
;=> T
(cm-h 1)
;=> INT
(cm-g 1)
;error> NO-APPLICABLE-METHOD-ERROR
(eq (sb-mop:method-generic-function *cm-m*) #'cm-h)
;=> T
(progn (ensure-generic-function 'cm-eg :lambda-list '(a b)) (sb-mop:generic-function-lambda-list #'cm-eg))
;=> (A B)
(typep (ensure-generic-function 'cm-eg) 'standard-generic-function)
;=> T
(handler-case (ensure-generic-function 'car) (error (c) (princ-to-string c)))
;=> "COMMON-LISP:CAR already names an ordinary function or a macro."
(compute-applicable-methods #'cm-h '("a"))
;=> NIL
(length (compute-applicable-methods #'cm-h '(1)))
;=> 1
(progn (defgeneric cm-redef (x)) (defmethod cm-redef ((x t)) 1) (handler-case (eval '(defgeneric cm-redef (x y))) (error (c) (type-of c))))
;=> SIMPLE-ERROR
(defgeneric cm-init-methods (x) (:method ((x integer)) 'a) (:documentation "d"))
(length (sb-mop:generic-function-methods #'cm-init-methods))
;=> 1
(progn (defgeneric cm-init-methods (x) (:method ((x string)) 'b)) (list (length (sb-mop:generic-function-methods #'cm-init-methods)) (documentation 'cm-init-methods 'function)))
;=> (1 "d")
(cm-init-methods 1)
;error> NO-APPLICABLE-METHOD-ERROR
(defgeneric cm-apo (x y) (:argument-precedence-order y x))
(defmethod cm-apo ((x integer) (y t)) 'int-t)
(defmethod cm-apo ((x t) (y integer)) 't-int)
(list (cm-apo 1 1) (sb-mop:generic-function-argument-precedence-order #'cm-apo))
;=> (T-INT (Y X))

;;; printing
(defclass cm-pr () ((x :initarg :x)))
(defmethod print-object ((p cm-pr) s) (print-unreadable-object (p s :type t :identity t) (format s "x=~a" (slot-value p 'x))))
(subseq (prin1-to-string (make-instance 'cm-pr :x 1)) 0 11)
;=> "#<CM-PR x=1"
(defclass cm-pr2 () ())
(defmethod print-object ((p cm-pr2) s) (print-unreadable-object (p s :type t)))
(prin1-to-string (make-instance 'cm-pr2))
;=> "#<CM-PR2 >"
(defmethod print-object ((p cm-pr2) s) (print-unreadable-object (p s)))
(list (prin1-to-string (make-instance 'cm-pr2)) (format nil "~a" (list (make-instance 'cm-pr2))))
;=> ("#<>" "(#<>)")
(handler-case (let ((*print-readably* t)) (prin1-to-string (make-instance 'cm-pr2))) (error (c) (list (type-of c) (princ-to-string c))))
;=> (PRINT-NOT-READABLE "#<> cannot be printed readably.")
(defmethod print-object ((p cm-pr2) s) (format s "PR2!") 42)
(print (print-object (make-instance 'cm-pr2) *standard-output*))
;out> PR2!
;out> 42 
;=> 42
(defclass cm-pr3 (cm-pr2) ())
(defmethod print-object :around ((p cm-pr3) s) (princ "[" s) (call-next-method) (princ "]" s))
(prin1-to-string (list 1 (make-instance 'cm-pr3) 2))
;=> "(1 [PR2!] 2)"
(format t "~S~%~S" (find-class 'cm-pr2) #'cm-kinds)
;out> #<STANDARD-CLASS COMMON-LISP-USER::CM-PR2>
;out> #<STANDARD-GENERIC-FUNCTION COMMON-LISP-USER::CM-KINDS (3)>
;=> NIL
(let ((s (prin1-to-string (find-method #'print-object nil '(cm-pr2 t))))) (subseq s 0 (search "{" s)))
;=> "#<STANDARD-METHOD COMMON-LISP:PRINT-OBJECT (CM-PR2 T) "
(let ((s (prin1-to-string (find-method #'cm-point-x nil '(cm-point))))) (subseq s 0 (search "{" s)))
;=> "#<SB-MOP:STANDARD-READER-METHOD COMMON-LISP-USER::CM-POINT-X, slot:X, (CM-POINT) "

;;; DESCRIBE and DOCUMENTATION
(defun cm-describe (x)
  "DESCRIBE's output for X without what cek-lisp cannot show: addresses,
the compiler's derived types and source files, the metaobjects' own slots."
  (let* ((text (with-output-to-string (s) (describe x s)))
         (lines (with-input-from-string (in text)
                  (loop for line = (read-line in nil) while line
                        until (or (search "Source file:" line)
                                  (and (typep x '(or class generic-function))
                                       (search "Slots with :INSTANCE" line)))
                        unless (or (search "Derived type:" line) (search "{" line))
                          collect line))))
    (loop while (and lines (string= (car (last lines)) "")) do (setf lines (butlast lines)))
    (format t "~{~A~%~}" lines)))
(documentation 'cm-point 'type)
;=> "A point."
(documentation (find-class 'cm-point) t)
;=> "A point."
(documentation (find-class 'cm-point) 'type)
;=> "A point."
(documentation 'cm-foo 'function)
;=> "Foo doc"
(documentation #'cm-foo t)
;=> "Foo doc"
(defmethod cm-foo ((a string) b &key c) "Method doc." (list a b c))
(documentation (find-method #'cm-foo nil '(string t)) t)
;=> "Method doc."
(progn (setf (documentation (find-method #'cm-foo nil '(string t)) t) "New doc.") (documentation (find-method #'cm-foo nil '(string t)) t))
;=> "New doc."
(progn (defclass cm-point () ((x :initarg :x :initform 0 :accessor cm-point-x :documentation "X coord") (y :initarg :y :type integer :allocation :class :reader cm-py)) (:default-initargs :x 5)) (documentation 'cm-point 'type))
;=> "A point."
(progn (defgeneric cm-foo (a b &key c)) (documentation 'cm-foo 'function))
;=> "Foo doc"
(cm-describe 'cm-point)
;out> COMMON-LISP-USER::CM-POINT
;out>   [symbol]
;out>
;out> CM-POINT names the standard-class #<STANDARD-CLASS COMMON-LISP-USER::CM-POINT>:
;out>   Documentation:
;out>     A point.
;out>   Direct superclasses: STANDARD-OBJECT
;out>   Direct subclasses: CM-P3
;out>   Not yet finalized.
;out>   Direct slots:
;out>     X
;out>       Initargs: :X
;out>       Initform: 0
;out>       Readers: CM-POINT-X
;out>       Writers: (SETF CM-POINT-X)
;out>       Documentation:
;out>        X coord
;out>     Y
;out>       Type: INTEGER
;out>       Allocation: :CLASS
;out>       Initargs: :Y
;out>       Readers: CM-PY
;=> NIL
(cm-describe (find-class 'cm-p3))
;out> #<STANDARD-CLASS COMMON-LISP-USER::CM-P3>
;out>   [standard-object]
;out>
;out>
;out> Class precedence-list: CM-P3, CM-POINT, STANDARD-OBJECT,
;out>                        SB-PCL::SLOT-OBJECT, T
;out> Direct superclasses: CM-POINT
;out> No subclasses.
;out> Direct slots:
;out>   Z
;out>     Initargs: :ZZ, :Z
;out>     Initform: 1
;out>     Writers: CM-SET-Z
;=> NIL
(cm-describe (find-class 'cm-point))
;out> #<STANDARD-CLASS COMMON-LISP-USER::CM-POINT>
;out>   [standard-object]
;out>
;out>
;out> Documentation:
;out>   A point.
;out> Direct superclasses: STANDARD-OBJECT
;out> Direct subclasses: CM-P3
;out> Not yet finalized.
;out> Direct slots:
;out>   X
;out>     Initargs: :X
;out>     Initform: 0
;out>     Readers: CM-POINT-X
;out>     Writers: (SETF CM-POINT-X)
;out>     Documentation:
;out>      X coord
;out>   Y
;out>     Type: INTEGER
;out>     Allocation: :CLASS
;out>     Initargs: :Y
;out>     Readers: CM-PY
;=> NIL
(cm-describe #'cm-foo)
;out> #<STANDARD-GENERIC-FUNCTION COMMON-LISP-USER::CM-FOO (2)>
;out>   [generic-function]
;out>
;out>
;out> Lambda-list: (A B &KEY C)
;out> Argument precedence order: (A B)
;out> Documentation:
;out>   Foo doc
;out> Method-combination: STANDARD
;out> Methods:
;out>   (CM-FOO (STRING T))
;out>     Documentation:
;out>       New doc.
;out>   (CM-FOO (INTEGER (EQL 3)))
;=> NIL
(cm-describe 'cm-foo)
;out> COMMON-LISP-USER::CM-FOO
;out>   [symbol]
;out>
;out> CM-FOO names a generic function:
;out>   Lambda-list: (A B &KEY C)
;out>   Argument precedence order: (A B)
;out>   Documentation:
;out>     Foo doc
;out>   Method-combination: STANDARD
;out>   Methods:
;out>     (CM-FOO (STRING T))
;out>       Documentation:
;out>         New doc.
;out>     (CM-FOO (INTEGER (EQL 3)))
;=> NIL
(cm-describe #'cm-kinds)
;out> #<STANDARD-GENERIC-FUNCTION COMMON-LISP-USER::CM-KINDS (3)>
;out>   [generic-function]
;out>
;out>
;out> Lambda-list: (X)
;out> Method-combination: LIST
;out> Methods:
;out>   (CM-KINDS LIST (T))
;out>   (CM-KINDS LIST (NUMBER))
;out>   (CM-KINDS LIST (INTEGER))
;=> NIL
(cm-describe #'cm-apo)
;out> #<STANDARD-GENERIC-FUNCTION COMMON-LISP-USER::CM-APO (2)>
;out>   [generic-function]
;out>
;out>
;out> Lambda-list: (X Y)
;out> Argument precedence order: (Y X)
;out> Method-combination: STANDARD
;out> Methods:
;out>   (CM-APO (T INTEGER))
;out>   (CM-APO (INTEGER T))
;=> NIL
(cm-describe #'cm-point-x)
;out> #<STANDARD-GENERIC-FUNCTION COMMON-LISP-USER::CM-POINT-X (1)>
;out>   [generic-function]
;out>
;out>
;out> Lambda-list: (OBJECT)
;out> Method-combination: STANDARD
;out> Methods:
;out>   (CM-POINT-X (CM-POINT))
;out>     Documentation:
;out>       X coord
;=> NIL
(cm-describe (make-instance 'cm-p3))
;out>   [standard-object]
;out>
;out> Slots with :CLASS allocation:
;out>   Y                              = #<unbound slot>
;out> Slots with :INSTANCE allocation:
;out>   X                              = 5
;out>   Z                              = 1
;=> NIL
(defclass cm-desc () ((a :reader r1 :reader r2 :documentation "line one
line two")))
(cm-describe 'cm-desc)
;out> COMMON-LISP-USER::CM-DESC
;out>   [symbol]
;out>
;out> CM-DESC names the standard-class #<STANDARD-CLASS COMMON-LISP-USER::CM-DESC>:
;out>   Direct superclasses: STANDARD-OBJECT
;out>   No subclasses.
;out>   Not yet finalized.
;out>   Direct slots:
;out>     A
;out>       Readers: R2, R1
;out>       Documentation:
;out>        line one
;out>        line two
;=> NIL
(defmethod describe-object ((p cm-pr) stream) (format stream "A cm-pr with x = ~a~%" (slot-value p 'x)) 42)
(multiple-value-list (describe (make-instance 'cm-pr :x 3)))
;out> A cm-pr with x = 3
;=> NIL
(defmethod describe-object :after ((p cm-pr) stream) (format stream "after~%"))
(describe (make-instance 'cm-pr :x 5))
;out> A cm-pr with x = 5
;out> after

;;; precedence lists that cannot be computed, metaclasses
(defclass cm-x () ())
(defclass cm-y () ())
(defclass cm-xy (cm-x cm-y) ())
(defclass cm-yx (cm-y cm-x) ())
(handler-case (eval '(defclass cm-bad (cm-xy cm-yx) ())) (error (c) (print (type-of c)) (terpri) (write-string (princ-to-string c)) nil))
;out>
;out> SIMPLE-ERROR 
;out> While computing the class precedence list of the class named COMMON-LISP-USER::CM-BAD.
;out> It is not possible to compute the class precedence list because
;out> there is a circularity in the local precedence relations.
;out> This arises because:
;out>   The class named COMMON-LISP-USER::CM-X follows the class named COMMON-LISP-USER::CM-Y in the supers of the class named COMMON-LISP-USER::CM-YX.
;out>   The class named COMMON-LISP-USER::CM-Y follows the class named COMMON-LISP-USER::CM-X in the supers of the class named COMMON-LISP-USER::CM-XY..
;=> NIL
(find-class 'cm-bad nil)
;=> NIL
(defclass cm-a () ()) (defclass cm-b (cm-a) ()) (defclass cm-c (cm-a) ()) (defclass cm-d (cm-b cm-c) ())
(progn (make-instance 'cm-d) (mapcar #'class-name (sb-mop:class-precedence-list (find-class 'cm-d))))
;=> (CM-D CM-B CM-C CM-A STANDARD-OBJECT SB-PCL::SLOT-OBJECT T)
(handler-case (eval '(defclass cm-m1 () () (:metaclass cm-no-such-meta))) (error (c) (princ-to-string c)))
;=> "There is no class named COMMON-LISP-USER::CM-NO-SUCH-META."
(class-name (class-of (defclass cm-m2 () () (:metaclass standard-class))))
;=> STANDARD-CLASS
(defclass cm-meta (standard-class) ())
(handler-case (eval '(defclass cm-meta-thing () () (:metaclass cm-meta))) (error (c) (type-of c)))
;=> SB-PCL::INVALID-SUPERCLASS
(defmethod sb-mop:validate-superclass ((c cm-meta) (s standard-class)) t)
(defclass cm-meta-thing () ((a :initarg :a)) (:metaclass cm-meta))
(list (class-name (class-of (find-class 'cm-meta-thing))) (slot-value (make-instance 'cm-meta-thing :a 5) 'a) (typep (find-class 'cm-meta-thing) 'standard-class))
;=> (CM-META 5 T)

;;; restarts of the default reports (accessors and generic function calls)
(defclass cm-rs () ((a :initarg :a :accessor cm-rs-a)))
(handler-bind ((unbound-slot (lambda (e) (print (mapcar (lambda (r) (list (restart-name r) (princ-to-string r))) (subseq (compute-restarts e) 0 2))) (use-value 42 e))))
  (cm-rs-a (make-instance 'cm-rs)))
;out>
;out> ((USE-VALUE "Return a value as the slot-value.")
;out>  (STORE-VALUE "Store and return a value as the slot-value.")) 
;=> 42
(handler-bind ((unbound-slot (lambda (e) (store-value 7 e))))
  (let ((o (make-instance 'cm-rs))) (list (cm-rs-a o) (cm-rs-a o))))
;=> (7 7)
(defgeneric cm-later-defined (x))
(handler-bind ((error (lambda (e) (print (mapcar #'restart-name (subseq (compute-restarts e) 0 1))) (defmethod cm-later-defined ((x integer)) (list :now x)) (invoke-restart (find-restart 'retry e)))))
  (cm-later-defined 1))
;out>
;out> (RETRY) 
;=> (:NOW 1)
(let ((n 0)) (dotimes (i 2000) (handler-case (cm-rs-a (make-instance 'cm-rs)) (unbound-slot () (incf n)))) n)
;=> 2000
(let ((n 0)) (dotimes (i 2000) (handler-case (slot-value (make-instance 'cm-rs) 'a) (unbound-slot () (incf n)))) n)
;=> 2000

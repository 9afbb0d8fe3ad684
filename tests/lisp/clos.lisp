;;;; CLOS: classes, instances, slots, generic functions, method combination,
;;;; PRINT-OBJECT. Expectations written by tests/sbcl_check.py from sbcl --script.

;;; defclass and make-instance
(defclass point () ((x :initarg :x :initform 0 :accessor point-x) (y :initarg :y :initform 0 :accessor point-y)))
(class-name (defclass point () ((x :initarg :x :initform 0 :accessor point-x) (y :initarg :y :initform 0 :accessor point-y))))
;=> POINT
(point-x (make-instance 'point :x 3))
;=> 3
(point-y (make-instance 'point :x 3))
;=> 0
(let ((p (make-instance 'point :x 1 :y 2))) (list (point-x p) (point-y p)))
;=> (1 2)
(let ((p (make-instance 'point :x 1 :x 5))) (point-x p))
;=> 1
(let ((p (make-instance 'point))) (setf (point-x p) 10) (point-x p))
;=> 10
(let ((p (make-instance 'point))) (list (setf (point-y p) 7) (point-y p)))
;=> (7 7)
(let ((p (make-instance 'point))) (incf (point-x p) 5) (incf (point-x p)) (point-x p))
;=> 6
(type-of (make-instance 'point))
;=> POINT
(typep (make-instance 'point) 'point)
;=> T
(typep (make-instance 'point) 'standard-object)
;=> T
(typep 5 'point)
;=> NIL
(eq (class-of (make-instance 'point)) (find-class 'point))
;=> T
(class-name (class-of (make-instance 'point)))
;=> POINT
(point-x (make-instance (find-class 'point) :x 4))
;=> 4
(find-class 'no-such-class nil)
;=> NIL
(find-class 'no-such-class)
;error> CLASS-NOT-FOUND-ERROR
(make-instance 'no-such-class)
;error> CLASS-NOT-FOUND-ERROR
(handler-case (make-instance 'point :z 1) (error (c) (subseq (princ-to-string c) 0 32)))
;=> "Invalid initialization argument:"
(point-x (make-instance 'point :z 1 :allow-other-keys t))
;=> 0
(make-instance 'point :z 1)
;error> INITARG-ERROR
(class-name (find-class 'standard-object))
;=> STANDARD-OBJECT
(class-name (class-of (find-class 'point)))
;=> STANDARD-CLASS
(eq (class-of 'a) (find-class 'symbol))
;=> T
(typep "xyz" (class-of "abc"))
;=> T
(class-name (class-of nil))
;=> NULL
(class-name (class-of '(1)))
;=> CONS

;;; slot-value and friends
(defclass box () ((content :initarg :content) (label :initform "none" :reader box-label) (weight)))
(slot-value (make-instance 'box :content 'apple) 'content)
;=> APPLE
(let ((b (make-instance 'box))) (setf (slot-value b 'content) 'pear) (slot-value b 'content))
;=> PEAR
(slot-boundp (make-instance 'box) 'content)
;=> NIL
(slot-boundp (make-instance 'box :content 1) 'content)
;=> T
(let ((b (make-instance 'box :content 1))) (slot-makunbound b 'content) (slot-boundp b 'content))
;=> NIL
(let ((b (make-instance 'box :content 1))) (eq b (slot-makunbound b 'content)))
;=> T
(slot-exists-p (make-instance 'box) 'weight)
;=> T
(slot-exists-p (make-instance 'box) 'height)
;=> NIL
(slot-exists-p 5 'weight)
;=> NIL
(box-label (make-instance 'box))
;=> "none"
(slot-value (make-instance 'box) 'weight)
;error> UNBOUND-SLOT
(handler-case (slot-value (make-instance 'box) 'weight) (unbound-slot (c) (cell-error-name c)))
;=> WEIGHT
(slot-value (make-instance 'box) 'height)
;error> MISSING-SLOT
(handler-case (slot-value (make-instance 'box) 'height) (error (c) (subseq (princ-to-string c) 0 58)))
;=> "When attempting to read the slot's value (slot-value), the"
(let ((b (make-instance 'box))) (handler-case (setf (box-label b) 1) (undefined-function () 'no-writer)))
;=> NO-WRITER

;;; readers, writers, accessors
(defclass account () ((balance :initarg :balance :initform 0 :reader balance :writer set-balance) (owner :initarg :owner :accessor owner)))
(let ((a (make-instance 'account :balance 100))) (set-balance 50 a) (balance a))
;=> 50
(let ((a (make-instance 'account :owner "ann"))) (setf (owner a) "bob") (owner a))
;=> "bob"
(typep #'balance 'generic-function)
;=> T
(typep #'balance 'function)
;=> T
(balance 5)
;error> NO-APPLICABLE-METHOD-ERROR
(owner (make-instance 'account))
;error> UNBOUND-SLOT

;;; initforms are evaluated per instance, in the defining environment
(defvar *counter* 0)
(defclass ticket () ((number :initform (incf *counter*) :reader ticket-number)))
(list (ticket-number (make-instance 'ticket)) (ticket-number (make-instance 'ticket)))
;=> (1 2)
(let ((n 10)) (defclass closed () ((v :initform (* n 2) :reader closed-v))))
;=> #<STANDARD-CLASS COMMON-LISP-USER::CLOSED>
(closed-v (make-instance 'closed))
;=> 20
(defclass lst () ((items :initform (list 1 2) :accessor items)))
(let ((a (make-instance 'lst)) (b (make-instance 'lst))) (push 0 (items a)) (list (items a) (items b)))
;=> ((0 1 2) (1 2))

;;; inheritance
(defclass animal () ((name :initarg :name :accessor name) (sound :initform "..." :accessor sound)))
(defclass dog (animal) ((sound :initform "woof")))
(defclass puppy (dog) ((age :initarg :age :initform 0 :accessor age)))
(sound (make-instance 'dog :name "rex"))
;=> "woof"
(name (make-instance 'puppy :name "bit" :age 1))
;=> "bit"
(list (sound (make-instance 'puppy)) (age (make-instance 'puppy :age 2)))
;=> ("woof" 2)
(typep (make-instance 'puppy) 'animal)
;=> T
(typep (make-instance 'animal) 'dog)
;=> NIL
(subtypep 'puppy 'animal)
;=> T
;=> T
(defclass a1 () ((s :initarg :s1 :initform 'from-a1)))
(defclass b1 (a1) ((s :initarg :s2)))
(slot-value (make-instance 'b1) 's)
;=> FROM-A1
(slot-value (make-instance 'b1 :s1 'one) 's)
;=> ONE
(slot-value (make-instance 'b1 :s2 'two) 's)
;=> TWO

;;; class allocation
(defclass counted () ((count :allocation :class :initform 0 :accessor counted-count) (id :initarg :id :reader counted-id)))
(let ((a (make-instance 'counted)) (b (make-instance 'counted))) (incf (counted-count a)) (incf (counted-count a)) (counted-count b))
;=> 2
(defclass counted-sub (counted) ())
(let ((a (make-instance 'counted-sub))) (incf (counted-count a)) (counted-count (make-instance 'counted)))
;=> 3

;;; default-initargs
(defclass conn () ((host :initarg :host :reader host) (port :initarg :port :reader port)) (:default-initargs :host "localhost" :port (+ 8000 80)))
(let ((c (make-instance 'conn))) (list (host c) (port c)))
;=> ("localhost" 8080)
(port (make-instance 'conn :port 1))
;=> 1
(defclass secure-conn (conn) () (:default-initargs :port 443))
(list (host (make-instance 'secure-conn)) (port (make-instance 'secure-conn)))
;=> ("localhost" 443)

;;; defgeneric / defmethod
(defgeneric describe-it (x) (:documentation "Describe X."))
(defmethod describe-it ((x integer)) (list 'integer x))
(defmethod describe-it ((x string)) (list 'string x))
(defmethod describe-it ((x symbol)) (list 'symbol x))
(defmethod describe-it ((x t)) (list 'other x))
(describe-it 42)
;=> (INTEGER 42)
(describe-it "hi")
;=> (STRING "hi")
(describe-it 'foo)
;=> (SYMBOL FOO)
(describe-it 1.5)
;=> (OTHER 1.5)
(describe-it nil)
;=> (SYMBOL NIL)
(defmethod describe-it ((x list)) (list 'list x))
(describe-it nil)
;=> (SYMBOL NIL)
(describe-it '(1 2))
;=> (LIST (1 2))
(defmethod describe-it ((x number)) (list 'number (call-next-method)))
(describe-it 2/3)
;=> (NUMBER (OTHER 2/3))
(describe-it 7)
;=> (INTEGER 7)
(defmethod describe-it ((x (eql 7))) (list 'seven (call-next-method)))
(describe-it 7)
;=> (SEVEN (INTEGER 7))
(describe-it 8)
;=> (INTEGER 8)
(defmethod describe-it ((x (eql :key))) 'the-key)
(list (describe-it :key) (describe-it :other))
;=> (THE-KEY (SYMBOL :OTHER))

(defgeneric collide (a b))
(defmethod collide ((a animal) (b animal)) 'animal-animal)
(defmethod collide ((a dog) (b animal)) 'dog-animal)
(defmethod collide ((a animal) (b dog)) 'animal-dog)
(collide (make-instance 'dog) (make-instance 'animal))
;=> DOG-ANIMAL
(collide (make-instance 'animal) (make-instance 'dog))
;=> ANIMAL-DOG
(collide (make-instance 'dog) (make-instance 'dog))
;=> DOG-ANIMAL
(collide (make-instance 'animal) (make-instance 'animal))
;=> ANIMAL-ANIMAL
(collide 1 2)
;error> NO-APPLICABLE-METHOD-ERROR
(handler-case (collide 1 2) (error (c) (subseq (princ-to-string c) 0 51)))
;=> "There is no applicable method for the generic funct"
(collide 1)
;error> SIMPLE-PROGRAM-ERROR

;;; defmethod without defgeneric, optional, key and rest parameters
(defmethod greet ((a animal) &optional (greeting "hello")) (format nil "~a, ~a" greeting (name a)))
(greet (make-instance 'animal :name "cat"))
;=> "hello, cat"
(greet (make-instance 'animal :name "cat") "bye")
;=> "bye, cat"
(defgeneric scale (thing &key factor))
(defmethod scale ((n number) &key (factor 2)) (* n factor))
(list (scale 3) (scale 3 :factor 10))
;=> (6 30)
(defmethod sum-all ((first number) &rest more) (apply #'+ first more))
(sum-all 1 2 3)
;=> 6
(defgeneric gf-with-methods (x) (:method ((x integer)) (* x 2)) (:method ((x string)) (length x)))
(list (gf-with-methods 4) (gf-with-methods "abc"))
;=> (8 3)

;;; method combination
(defvar *log* nil)
(defgeneric act (x))
(defmethod act ((x animal)) (push 'ap *log*) 'animal-result)
(defmethod act ((x dog)) (push 'dp *log*) (list 'dog (call-next-method)))
(defmethod act :before ((x animal)) (push 'ab *log*))
(defmethod act :before ((x dog)) (push 'db *log*))
(defmethod act :after ((x animal)) (push 'aa *log*))
(defmethod act :after ((x dog)) (push 'da *log*))
(progn (setf *log* nil) (list (act (make-instance 'dog)) (reverse *log*)))
;=> ((DOG ANIMAL-RESULT) (DB AB DP AP AA DA))
(progn (setf *log* nil) (list (act (make-instance 'animal)) (reverse *log*)))
;=> (ANIMAL-RESULT (AB AP AA))
(defmethod act :around ((x dog)) (push 'dr *log*) (list 'around (call-next-method)))
(progn (setf *log* nil) (list (act (make-instance 'dog)) (reverse *log*)))
;=> ((AROUND (DOG ANIMAL-RESULT)) (DR DB AB DP AP AA DA))
(defmethod act :around ((x animal)) (push 'ar *log*) (call-next-method))
(progn (setf *log* nil) (act (make-instance 'puppy)) (reverse *log*))
;=> (DR AR DB AB DP AP AA DA)
(defgeneric mv-test (x))
(defmethod mv-test ((x integer)) (values x (* x 2)))
(defmethod mv-test :after ((x integer)) 'ignored)
(mv-test 4)
;=> 4
;=> 8
(defmethod mv-test :around ((x integer)) (multiple-value-list (call-next-method)))
(mv-test 4)
;=> (4 8)

;;; call-next-method with arguments, next-method-p
(defgeneric nm (x))
(defmethod nm ((x number)) (list 'number x))
(defmethod nm ((x integer)) (list 'integer (call-next-method (* x 10))))
(nm 3)
;=> (INTEGER (NUMBER 30))
(defgeneric has-next (x))
(defmethod has-next ((x t)) (next-method-p))
(defmethod has-next ((x integer)) (list (next-method-p) (call-next-method)))
(has-next 1)
;=> (T NIL)
(has-next 'a)
;=> NIL
(defgeneric no-next (x))
(defmethod no-next ((x integer)) (call-next-method))
(no-next 1)
;error> NO-NEXT-METHOD-ERROR
(handler-case (no-next 1) (error (c) (subseq (princ-to-string c) 0 44)))
;=> "There is no next method for the generic func"
(defmethod blocky ((x integer)) (when (> x 0) (return-from blocky 'early)) 'late)
(list (blocky 1) (blocky 0))
;=> (EARLY LATE)
(defmethod redefined ((x integer)) 'first)
(defmethod redefined ((x integer)) 'second)
(redefined 1)
;=> SECOND
(let ((m (find-method #'redefined '() (list (find-class 'integer))))) (remove-method #'redefined m) (handler-case (redefined 1) (error () 'gone)))
;=> GONE
(length (compute-applicable-methods #'describe-it (list 7)))
;=> 4

;;; closures in methods, setf methods
(defgeneric (setf wrapped) (new obj))
(defclass wrapper () ((v :initform nil :accessor wrapper-v)))
(defmethod (setf wrapped) (new (obj wrapper)) (setf (wrapper-v obj) (list :wrapped new)))
(let ((w (make-instance 'wrapper))) (setf (wrapped w) 5) (wrapper-v w))
;=> (:WRAPPED 5)
(defmethod (setf point-x) :before (new (p point)) (push (list :set-x new) *log*))
(progn (setf *log* nil) (let ((p (make-instance 'point))) (setf (point-x p) 9) (list (point-x p) *log*)))
;=> (9 ((:SET-X 9)))
(defmethod point-x :around ((p point)) (* 100 (call-next-method)))
(point-x (make-instance 'point :x 2))
;=> 200

;;; initialize-instance, shared-initialize, reinitialize-instance
(defclass rect () ((w :initarg :w :reader rect-w) (h :initarg :h :reader rect-h) (area :reader rect-area)))
(defmethod initialize-instance :after ((r rect) &key) (setf (slot-value r 'area) (* (rect-w r) (rect-h r))))
(rect-area (make-instance 'rect :w 3 :h 4))
;=> 12
(defclass tagged () ((tag :reader tag)))
(defmethod initialize-instance :after ((x tagged) &key (tag-name "default")) (setf (slot-value x 'tag) (string-upcase tag-name)))
(list (tag (make-instance 'tagged)) (tag (make-instance 'tagged :tag-name "x")))
;=> ("DEFAULT" "X")
(defmethod initialize-instance :before ((x tagged) &key) (push 'before-init *log*))
(progn (setf *log* nil) (make-instance 'tagged) *log*)
;=> (BEFORE-INIT)
(defclass init-around () ((v :initarg :v :accessor v)))
(defmethod initialize-instance :around ((x init-around) &rest initargs) (apply #'call-next-method x :v 99 initargs))
(v (make-instance 'init-around))
;=> 99
(v (make-instance 'init-around :v 1))
;=> 99
(let ((p (make-instance 'point :x 1 :y 2))) (reinitialize-instance p :y 20) (list (slot-value p 'x) (slot-value p 'y)))
;=> (1 20)
(let ((b (make-instance 'box))) (shared-initialize b '(content) :content 'c) (slot-value b 'content))
;=> C
(defclass si () ((a :initform 'a-init :accessor si-a) (b :initform 'b-init :accessor si-b)))
(let ((x (make-instance 'si))) (slot-makunbound x 'a) (slot-makunbound x 'b) (shared-initialize x '(a)) (list (slot-boundp x 'a) (slot-boundp x 'b)))
;=> (T NIL)
(let ((x (make-instance 'si))) (slot-makunbound x 'b) (shared-initialize x t) (si-b x))
;=> B-INIT

;;; with-slots, with-accessors
(let ((p (make-instance 'point :x 3 :y 4))) (with-slots (x y) p (sqrt (+ (* x x) (* y y)))))
;=> 5.0
(let ((p (make-instance 'point :x 3 :y 4))) (with-slots ((px x) (py y)) p (setf px 30) (incf py)) (list (slot-value p 'x) (slot-value p 'y)))
;=> (30 5)
(let ((p (make-instance 'point :x 1 :y 2))) (with-accessors ((px point-x) (py point-y)) p (setf py 7) (list px py)))
;=> (100 7)

;;; print-object
(defclass named-thing () ((name :initarg :name :reader thing-name)))
(defmethod print-object ((x named-thing) stream) (format stream "#<THING ~a>" (thing-name x)))
(prin1-to-string (make-instance 'named-thing :name "alpha"))
;=> "#<THING alpha>"
(format nil "~a and ~s" (make-instance 'named-thing :name 1) (list (make-instance 'named-thing :name 2)))
;=> "#<THING 1> and (#<THING 2>)"
(defclass unreadable () ((n :initarg :n)))
(defmethod print-object ((x unreadable) stream) (print-unreadable-object (x stream :type t) (format stream "n=~a" (slot-value x 'n))))
(princ-to-string (make-instance 'unreadable :n 5))
;=> "#<UNREADABLE n=5>"
(defclass plain () ())
(let ((s (prin1-to-string (make-instance 'plain)))) (list (subseq s 0 9) (char s (1- (length s)))))
;=> ("#<PLAIN {" #\>)
(defclass delegating (named-thing) ())
(defmethod print-object ((x delegating) stream) (write-string "[" stream) (call-next-method) (write-string "]" stream))
(prin1-to-string (make-instance 'delegating :name "d"))
;=> "[#<THING d>]"
(defclass to-default () ())
(defmethod print-object ((x to-default) stream) (write-string "<" stream) (call-next-method) (write-string ">" stream))
(let ((s (prin1-to-string (make-instance 'to-default)))) (subseq s 0 15))
;=> "<#<TO-DEFAULT {"
(with-output-to-string (s) (print-unreadable-object (5 s :type t)))
;=> "#<(INTEGER 0 4611686018427387903) >"
(with-output-to-string (s) (print-unreadable-object ('x s) (write-string "body" s)))
;=> "#<body>"
(prin1-to-string #'collide)
;=> "#<STANDARD-GENERIC-FUNCTION COMMON-LISP-USER::COLLIDE (3)>"

;;; conditions are classes too
(define-condition my-error (error) ((code :initarg :code :reader code)))
(defgeneric handle (c))
(defmethod handle ((c my-error)) (list 'my-error (code c)))
(defmethod handle ((c error)) 'some-error)
(defmethod handle ((c condition)) 'some-condition)
(handle (make-condition 'my-error :code 42))
;=> (MY-ERROR 42)
(handle (make-condition 'simple-error :format-control "x"))
;=> SOME-ERROR
(handle (make-condition 'simple-warning :format-control "x"))
;=> SOME-CONDITION
(handler-case (error 'my-error :code 7) (error (c) (handle c)))
;=> (MY-ERROR 7)
(slot-value (make-condition 'my-error :code 3) 'code)
;=> 3
(defmethod print-object ((c my-error) stream) (format stream "MY-ERROR code ~a" (code c)))
(prin1-to-string (make-condition 'my-error :code 9))
;=> "MY-ERROR code 9"

;;; change-class, class redefinition
(defclass shape () ((id :initarg :id :accessor shape-id)))
(defclass circle (shape) ((radius :initarg :radius :initform 1 :accessor radius)))
(let ((s (make-instance 'shape :id 5))) (change-class s 'circle) (list (type-of s) (shape-id s) (radius s)))
;=> (CIRCLE 5 1)
(let ((s (make-instance 'shape :id 5))) (change-class s 'circle :radius 9) (radius s))
;=> 9
(defclass evolving () ((a :initarg :a :accessor ev-a)))
(defparameter *ev* (make-instance 'evolving :a 1))
(defclass evolving () ((a :initarg :a :accessor ev-a) (b :initform 'new-b :accessor ev-b)))
(ev-a *ev*)
;=> 1
(ev-b (make-instance 'evolving))
;=> NEW-B
(setf (find-class 'point-alias) (find-class 'point))
;=> #<STANDARD-CLASS COMMON-LISP-USER::POINT>
(class-name (find-class 'point-alias))
;=> POINT
(point-x (make-instance 'point-alias :x 1))
;=> 100

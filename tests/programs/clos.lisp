;;;; A tiny bank: accounts as a CLOS hierarchy.

(defclass account ()
  ((id :initarg :id :reader account-id)
   (owner :initarg :owner :accessor owner)
   (balance :initarg :balance :initform 0 :accessor balance)
   (history :initform '() :accessor history)
   (count :allocation :class :initform 0 :accessor account-count))
  (:documentation "A bank account."))

(defclass savings-account (account)
  ((rate :initarg :rate :initform 1/50 :accessor rate)))

(defclass checking-account (account)
  ((overdraft :initarg :overdraft :initform 100 :accessor overdraft)))

(defclass premium-checking (checking-account savings-account)
  ()
  (:default-initargs :overdraft 1000 :rate 3/100))

(defmethod initialize-instance :after ((a account) &key)
  (incf (account-count a))
  (push (list :opened (balance a)) (history a)))

(defmethod print-object ((a account) stream)
  (print-unreadable-object (a stream :type t)
    (format stream "~A ~A $~,2F" (account-id a) (owner a) (balance a))))

(defgeneric deposit (account amount)
  (:documentation "Add AMOUNT to ACCOUNT.")
  (:method :before ((a account) amount)
    (unless (plusp amount) (error "Deposit must be positive: ~A" amount))))

(defmethod deposit ((a account) amount)
  (incf (balance a) amount)
  (push (list :deposit amount) (history a))
  (balance a))

(define-condition insufficient-funds (error)
  ((account :initarg :account :reader insufficient-account)
   (amount :initarg :amount :reader insufficient-amount))
  (:report (lambda (c s)
             (format s "Cannot withdraw ~A from ~A"
                     (insufficient-amount c) (account-id (insufficient-account c))))))

(defgeneric withdraw (account amount))
(defmethod withdraw ((a account) amount)
  (when (> amount (balance a))
    (error 'insufficient-funds :account a :amount amount))
  (decf (balance a) amount)
  (push (list :withdraw amount) (history a))
  (balance a))

(defmethod withdraw ((a checking-account) amount)
  (if (> amount (+ (balance a) (overdraft a)))
      (call-next-method)
      (progn (decf (balance a) amount)
             (push (list :withdraw amount) (history a))
             (balance a))))

(defmethod withdraw :around ((a account) amount)
  (format t "~&[audit] ~A withdraws ~A~%" (account-id a) amount)
  (let ((result (call-next-method)))
    (format t "~&[audit] balance now ~A~%" result)
    result))

;; a method combination: describe every feature of an account
(defgeneric features (account) (:method-combination append))
(defmethod features append ((a account)) '(:statements))
(defmethod features append ((a savings-account)) '(:interest))
(defmethod features append ((a checking-account)) '(:cheques :overdraft))

(defgeneric monthly-fee (account) (:method-combination +))
(defmethod monthly-fee + ((a account)) 5)
(defmethod monthly-fee + ((a checking-account)) 3)
(defmethod monthly-fee + ((a premium-checking)) -8)

(defvar *a* (make-instance 'savings-account :id 1 :owner "Ann" :balance 500))
(defvar *b* (make-instance 'checking-account :id 2 :owner "Bob"))
(defvar *c* (make-instance 'premium-checking :id 3 :owner "Cy" :balance 50))

(print *a*)
(print (list *b* *c*))
(format t "~%~A accounts; premium rate ~A, overdraft ~A~%"
        (account-count *a*) (rate *c*) (overdraft *c*))
(deposit *a* 25)
(withdraw *b* 60)
(handler-case (withdraw *b* 100)
  (insufficient-funds (e) (format t "~&Refused: ~A~%" e)))
(handler-case (deposit *a* -5)
  (error (e) (format t "~&Refused: ~A~%" e)))
(dolist (acct (list *a* *b* *c*))
  (format t "~A: ~S fee ~D~%" (owner acct) (features acct) (monthly-fee acct)))
(print (reverse (history *b*)))

;; class introspection
(print (mapcar #'class-name (sb-mop:class-precedence-list (find-class 'premium-checking))))
(print (mapcar #'sb-mop:slot-definition-name
               (sb-mop:class-slots (find-class 'premium-checking))))
(print (documentation 'account 'type))
(print (documentation #'deposit t))
(print (list (typep *c* 'savings-account) (subtypep 'premium-checking 'account)
             (class-name (class-of *c*))))

;; change-class: a savings account becomes a checking account
(defmethod update-instance-for-different-class :after ((old savings-account) (new checking-account) &key)
  (format t "~&converting ~A (rate was ~A)~%" (account-id new) (rate old)))
(change-class *a* 'checking-account :overdraft 250)
(print *a*)
(print (list (overdraft *a*) (slot-exists-p *a* 'rate) (class-name (class-of *a*))))
(withdraw *a* 700)

;; eql specializers, slot-unbound, with-slots/with-accessors, reinitialize-instance
(defgeneric describe-id (x))
(defmethod describe-id ((x (eql 3))) "the premium one")
(defmethod describe-id ((x integer)) "an ordinary id")
(print (mapcar #'describe-id (mapcar #'account-id (list *a* *b* *c*))))
(with-slots (owner balance) *c*
  (setf owner "Cyrus")
  (format t "~&~A has ~A~%" owner balance))
(with-accessors ((who owner) (money balance)) *b*
  (format t "~A has ~A~%" who money))
(reinitialize-instance *b* :owner "Robert")
(print *b*)
(defclass note () ((text :initarg :text :accessor text)))
(print (handler-case (text (make-instance 'note))
         (unbound-slot (c) (list :unbound (cell-error-name c)))))
(print (mapcar (lambda (m) (mapcar #'class-name (sb-mop:method-specializers m)))
               (sb-mop:generic-function-methods #'withdraw)))
(print (method-qualifiers (find-method #'monthly-fee '(+) (list (find-class 'account)))))

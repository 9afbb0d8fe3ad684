;;;; A geometry toolkit and a parts catalogue built on DEFSTRUCT.

(defstruct point (x 0) (y 0))

(defstruct (point3 (:include point) (:conc-name p3-)
                   (:constructor make-point3 (x y &optional (z 0)))
                   (:copier clone-point3)
                   (:predicate is-point3))
  (z 0 :type number))

(defstruct (circle (:constructor make-circle (center radius &aux (area (* pi radius radius)))))
  (center (make-point) :type point)
  (radius 1 :type real)
  (area 0d0 :read-only t))

(defstruct (segment (:print-function
                     (lambda (s stream depth)
                       (declare (ignore depth))
                       (format stream "<~D,~D--~D,~D>"
                               (point-x (segment-from s)) (point-y (segment-from s))
                               (point-x (segment-to s)) (point-y (segment-to s))))))
  from to)

(defstruct (polygon (:print-object
                     (lambda (p stream)
                       (print-unreadable-object (p stream :type t)
                         (format stream "~D vertices" (length (polygon-vertices p)))))))
  (vertices '() :type list)
  (name "unnamed" :type string))

(defun distance (a b)
  (sqrt (+ (expt (- (point-x a) (point-x b)) 2)
           (expt (- (point-y a) (point-y b)) 2))))

(defun perimeter (poly)
  (let ((vs (polygon-vertices poly)))
    (loop for (a b) on (append vs (list (first vs)))
          while b sum (distance a b))))

(let ((p (make-point :x 3 :y 4))
      (q (make-point3 1 2 3)))
  (print p)
  (print q)
  (print (list (point-p q) (is-point3 q) (is-point3 p) (typep q 'point)))
  (print (list (point-x q) (p3-x q) (p3-z q)))
  (let ((r (clone-point3 q)))
    (setf (p3-z r) 99)
    (print (list q r (equalp q r) (equalp q (clone-point3 q)))))
  (print (distance p (make-point)))
  (incf (point-x p) 10)
  (print p))

(let ((c (make-circle (make-point :x 1 :y 1) 2)))
  (print (circle-radius c))
  (format t "~&area ~,3F~%" (circle-area c))
  (print (handler-case (progn (setf (circle-radius c) "big") :no-error)
           (type-error (e) (list :type-error (type-error-datum e)
                                 (type-error-expected-type e))))))

(print (make-segment :from (make-point) :to (make-point :x 5 :y 5)))
(print (list (make-segment :from (make-point :x 1) :to (make-point :y 2))))
(defvar *square* (make-polygon :name "square"
                               :vertices (list (make-point) (make-point :x 1)
                                               (make-point :x 1 :y 1) (make-point :y 1))))
(print *square*)
(format t "~&perimeter of ~A: ~A~%" (polygon-name *square*) (perimeter *square*))

;; structures of type LIST and VECTOR, named and unnamed
(defstruct (part (:type list) :named) number description (price 0))
(defstruct (rgb (:type vector)) (r 0) (g 0) (b 0))
(defstruct (entry (:type list) (:initial-offset 1)) key value)

(let ((p (make-part :number 42 :description "sprocket" :price 3/2)))
  (print p)
  (print (list (part-p p) (part-number p) (part-price p) (listp p)))
  (setf (part-price p) 2)
  (print p))
(print (make-rgb :r 255 :g 128))
(print (rgb-g (vector 1 2 3)))
(print (make-entry :key :a :value 1))

;; BOA constructor with &key and &rest, default slot values computed per call
(defvar *serial* 0)
(defstruct (ticket (:constructor new-ticket (holder &optional (seat "GA") &rest extras)))
  (id (incf *serial*))
  holder seat extras)
(print (new-ticket "ann"))
(print (new-ticket "bob" "12C"))
(print (ticket-extras (new-ticket "cy" "1A" :window :aisle)))

;; printing a structure with *print-length*, nested and as a slot
(defstruct node value (children nil))
(let ((tree (make-node :value 1
                       :children (list (make-node :value 2)
                                       (make-node :value 3
                                                  :children (list (make-node :value 4)))))))
  (print tree)
  (let ((*print-level* 2)) (print tree))
  (print (copy-node tree))
  (print (eq (node-children tree) (node-children (copy-node tree)))))

(defstruct (account (:conc-name acct-)) (balance 0 :type integer) (owner nil :read-only t))
(let ((a (make-account :owner 'me)))
  (incf (acct-balance a) 100)
  (print (list a (acct-owner a)))
  (print (type-of a))
  (print (fboundp '(setf acct-owner))))
(print (mapcar #'type-of (list (make-point) (make-circle (make-point) 1) *square*)))

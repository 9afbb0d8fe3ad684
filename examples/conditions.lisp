;;;; conditions.lisp: handlers, restarts and cleanups.  Run: lisp examples/conditions.lisp

(define-condition bad-reading (error)
  ((value :initarg :value :reader bad-reading-value))
  (:report (lambda (c stream)
             (format stream "Sensor reading ~S is out of range" (bad-reading-value c)))))

(defun check-reading (x)
  (restart-case (if (<= 0 x 100) x (error 'bad-reading :value x))
    (use-value (v) :report "Use another value." v)
    (skip () :report "Skip this reading." nil)))

(defun average (readings)
  (let ((good (remove nil (mapcar #'check-reading readings))))
    (/ (reduce #'+ good) (length good))))

;; A handler that chooses a restart: out-of-range readings are clamped.
(format t "clamped: ~A~%"
        (handler-bind ((bad-reading (lambda (c)
                                      (use-value (max 0 (min 100 (bad-reading-value c)))))))
          (average '(10 20 250 -5))))

;; Another handler skips them instead.
(format t "skipped: ~A~%"
        (handler-bind ((bad-reading (lambda (c) (declare (ignore c)) (invoke-restart 'skip))))
          (average '(10 20 250 -5))))

;; handler-case unwinds; the cleanup runs on the way out.
(format t "caught: ~A~%"
        (handler-case (unwind-protect (average '(500))
                        (format t "cleanup runs first~%"))
          (bad-reading (c) (format nil "~A" c))))

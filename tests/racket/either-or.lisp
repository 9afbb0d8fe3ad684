;;;; Translated line for line from either-or.rkt; either-or.out is what racket printed for it.
;;;; Where the Racket program sleeps to let a thread reach its wait, this one
;;;; waits for that state (WAIT-UNTIL-BLOCKED), so it runs the same way every time.
(defpackage :rt (:use :cl :racket)) (in-package :rt)
(defun wait-until-blocked (th) (mp:process-wait "blocked" (lambda () (mp:process-whostate th))))
;; semaphore-wait/enable-break with breaks disabled: the semaphore is taken
;; or the break is raised, never both
(defun outcome (s thunk)
  (with-handlers ((exn-break-p (lambda (e) (declare (ignore e)) (format nil "break, semaphore left ~a" (if (semaphore-try-wait-p s) "posted" "empty")))))
    (parameterize-break nil
      (funcall thunk)
      "decremented")))
;; 1. semaphore available, no break: decremented
(defvar *s1* (make-semaphore 1))
(format t "1: ~a~%" (outcome *s1* (lambda () (semaphore-wait/enable-break *s1*))))
;; 2. a held break and an available semaphore: the break wins, the semaphore stays
(defvar *s2* (make-semaphore 1))
(format t "2: ~a~%" (outcome *s2* (lambda () (break-thread (current-thread)) (semaphore-wait/enable-break *s2*))))
;; 3. blocked, then broken: the break is raised and the semaphore is not taken
(defvar *s3* (make-semaphore 0))
(defvar *r3* nil)
(defvar *t3* (thread (lambda () (setf *r3* (outcome *s3* (lambda () (semaphore-wait/enable-break *s3*)))))))
(wait-until-blocked *t3*)
(break-thread *t3*)
(thread-wait *t3*)
(semaphore-post *s3*)
(format t "3: ~a; afterwards the semaphore is ~a~%" *r3* (if (semaphore-try-wait-p *s3*) "posted" "empty"))
;; 4. blocked, then posted: decremented; a break sent after it completed stays held
(defvar *s4* (make-semaphore 0))
(defvar *r4* nil)
(defvar *t4* (thread (lambda ()
  (setf *r4* (with-handlers ((exn-break-p (lambda (e) (declare (ignore e)) (concatenate 'string *r4* ", then the held break"))))
    (parameterize-break nil
      (semaphore-wait/enable-break *s4*)
      (setf *r4* "decremented")
      (semaphore-wait *s4*)
      (setf *r4* "decremented twice"))
    (sleep 0)
    "no break")))))
(wait-until-blocked *t4*)
(semaphore-post *s4*)
(mp:process-wait "blocked again" (lambda () (and *r4* (mp:process-whostate *t4*))))
(break-thread *t4*)
(semaphore-post *s4*)
(thread-wait *t4*)
(format t "4: ~a~%" *r4*)
;; 5. with breaks enabled the plain operation is interruptible too
(defvar *s5* (make-semaphore 0))
(defvar *t5* (thread (lambda () (with-handlers ((exn-break-p (lambda (e) (declare (ignore e)) (format t "5: break while waiting~%"))))
                                 (semaphore-wait *s5*)))))
(wait-until-blocked *t5*)
(break-thread *t5*)
(thread-wait *t5*)
;; 6. plain semaphore-wait with breaks disabled is not interrupted
(defvar *s6* (make-semaphore 0))
(defvar *t6* (thread (lambda () (with-handlers ((exn-break-p (lambda (e) (declare (ignore e)) (format t "6: break after the wait~%"))))
                                 (parameterize-break nil (semaphore-wait *s6*) (format t "6: wait completed~%"))
                                 (sleep 0)))))
(wait-until-blocked *t6*)
(break-thread *t6*)
(semaphore-post *s6*)
(thread-wait *t6*)

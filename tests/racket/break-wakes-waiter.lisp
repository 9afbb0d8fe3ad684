;;;; Translated line for line from break-wakes-waiter.rkt; break-wakes-waiter.out is what racket printed for it.
;;;; Where the Racket program sleeps to let a thread reach its wait, this one
;;;; waits for that state (WAIT-UNTIL-BLOCKED), so it runs the same way every time.
(defpackage :rt (:use :cl :racket)) (in-package :rt)
(defun wait-until-blocked (th) (mp:process-wait "blocked" (lambda () (mp:process-whostate th))))
(defun exn-fail-p (e) (typep e 'error))
;; break-thread interrupts a thread blocked in semaphore-wait; its with-handlers gets the break
(defvar *s* (make-semaphore 0))
(defvar *t* (thread (lambda ()
  (with-handlers ((exn-break-p (lambda (e) (format t "worker got ~a~%" e))))
    (semaphore-wait *s*)))))
(wait-until-blocked *t*)
(break-thread *t*)
(thread-wait *t*)
(format t "enabled: ~a~%" (if (break-enabled) "#t" "#f"))
(format t "~a~%" (if (parameterize-break nil (break-enabled)) "#t" "#f"))
(defvar *r* (parameterize-break nil
  (break-thread (current-thread))
  (format t "held~%")
  (with-handlers ((exn-break-p (lambda (e) (declare (ignore e)) 'caught)))
    (break-enabled t)
    'not-reached)))
(format t "~(~a~)~%" *r*)
(format t "~a~%" (call-in-nested-thread (lambda () (+ 1 2))))
(format t "~a~%" (with-handlers ((exn-fail-p #'princ-to-string))
                   (call-in-nested-thread (lambda () (error "boom")))))

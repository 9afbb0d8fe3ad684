;;;; Translated line for line from disabled-in-handlers.rkt; disabled-in-handlers.out is what racket printed for it.
;;;; Where the Racket program sleeps to let a thread reach its wait, this one
;;;; waits for that state (WAIT-UNTIL-BLOCKED), so it runs the same way every time.
(defpackage :rt (:use :cl :racket)) (in-package :rt)
(defun wait-until-blocked (th) (mp:process-wait "blocked" (lambda () (mp:process-whostate th))))
;; breaks are disabled in dynamic-wind thunks and in with-handlers predicates and handlers
(defun b () (if (break-enabled) "#t" "#f"))
(defvar *k* (make-semaphore 0))
(defvar *t5* (thread (lambda () (dynamic-wind (lambda () (format t "pre ~a~%" (b)))
                                              (lambda () (semaphore-wait *k*))
                                              (lambda () (format t "post ~a~%" (b)))))))
(wait-until-blocked *t5*)
(kill-thread *t5*)
(format t "dead: ~a running: ~a~%" (if (thread-dead-p *t5*) "#t" "#f") (if (thread-running-p *t5*) "#t" "#f"))
(format t "handler: ~a~%" (with-handlers (((lambda (e) (declare (ignore e)) (format t "pred ~a~%" (b)) t)
                                           (lambda (e) (declare (ignore e)) (b))))
                            (error "x")))
(defvar *t6* (thread (lambda () (dynamic-wind (lambda () (format t "pre ~a~%" (b)))
                                              (lambda () (format t "body ~a~%" (b)))
                                              (lambda () (format t "post ~a~%" (b)))))))
(thread-wait *t6*)

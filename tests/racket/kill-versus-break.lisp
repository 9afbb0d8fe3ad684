;;;; Translated line for line from kill-versus-break.rkt; kill-versus-break.out is what racket printed for it.
;;;; Where the Racket program sleeps to let a thread reach its wait, this one
;;;; waits for that state (WAIT-UNTIL-BLOCKED), so it runs the same way every time.
(defpackage :rt (:use :cl :racket)) (in-package :rt)
(defun wait-until-blocked (th) (mp:process-wait "blocked" (lambda () (mp:process-whostate th))))
;; kill-thread versus break-thread
(defun tf (x) (if x "#t" "#f"))
(defun worker (name s)
  (thread (lambda ()
    (dynamic-wind
     (lambda () (format t "~a: pre~%" name))
     (lambda () (with-handlers ((exn-break-p (lambda (e) (declare (ignore e)) (format t "~a: handler~%" name))))
                  (semaphore-wait s)
                  (format t "~a: got the semaphore~%" name)))
     (lambda () (format t "~a: post~%" name))))))
;; a break runs the handler and the post thunk
(defvar *sa* (make-semaphore 0))
(defvar *a* (worker "a" *sa*))
(wait-until-blocked *a*)
(break-thread *a*)
(thread-wait *a*)
(format t "a dead: ~a~%" (tf (thread-dead-p *a*)))
;; a kill runs neither
(defvar *sb* (make-semaphore 0))
(defvar *b* (worker "b" *sb*))
(wait-until-blocked *b*)
(kill-thread *b*)
(thread-wait *b*)
(format t "b dead: ~a~%" (tf (thread-dead-p *b*)))
;; the killed waiter did not take the semaphore
(semaphore-post *sb*)
(format t "semaphore still posted: ~a~%" (tf (semaphore-try-wait-p *sb*)))
;; breaks disabled: a break is held and the thread goes on; a kill ends it anyway
(defvar *sc* (make-semaphore 0))
(defvar *c* (parameterize-break nil (worker "c" *sc*)))
(wait-until-blocked *c*)
(break-thread *c*)
(wait-until-blocked *c*)
(format t "c running after break: ~a~%" (tf (thread-running-p *c*)))
(kill-thread *c*)
(thread-wait *c*)
(format t "c dead after kill: ~a~%" (tf (thread-dead-p *c*)))
;; a break with breaks disabled waits for the wait to complete
(defvar *sd* (make-semaphore 0))
(defvar *d* (parameterize-break nil (worker "d" *sd*)))
(wait-until-blocked *d*)
(break-thread *d*)
(semaphore-post *sd*)
(thread-wait *d*)
;; breaking or killing a dead thread does nothing
(break-thread *a*)
(kill-thread *a*)
(format t "a still dead: ~a~%" (tf (thread-dead-p *a*)))
;; a thread that kills itself
(defvar *e* (thread (lambda () (dynamic-wind (lambda ()) (lambda () (kill-thread (current-thread)) (format t "e: not reached~%"))
                                             (lambda () (format t "e: post~%"))))))
(thread-wait *e*)
(format t "e dead: ~a~%" (tf (thread-dead-p *e*)))

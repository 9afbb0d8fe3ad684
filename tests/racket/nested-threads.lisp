;;;; Translated line for line from nested-threads.rkt; nested-threads.out is what racket printed for it.
;;;; Where the Racket program sleeps to let a thread reach its wait, this one
;;;; waits for that state (WAIT-UNTIL-BLOCKED), so it runs the same way every time.
(defpackage :rt (:use :cl :racket)) (in-package :rt)
(defun tf (x) (if x "#t" "#f"))
(defun exn-fail-p (e) (typep e 'error))
;; call-in-nested-thread: values, errors, breaks redirected, kill
(multiple-value-bind (a b) (call-in-nested-thread (lambda () (values 1 2)))
  (format t "values: ~a ~a~%" a b))
(defvar *caller* (current-thread))
(format t "another thread inside: ~a~%" (tf (call-in-nested-thread (lambda () (not (eq (current-thread) *caller*))))))
(format t "error: ~a~%" (with-handlers ((exn-fail-p #'princ-to-string))
                          (call-in-nested-thread (lambda () (error "inner: bad ~a" 42)))))
;; a break aimed at the caller goes to the nested thread, whose handler sees it
(defvar *started* (make-semaphore 0))
(thread (lambda () (semaphore-wait *started*) (break-thread *caller*)))
(format t "handled inside: ~(~a~)~%"
        (call-in-nested-thread
         (lambda ()
           (with-handlers ((exn-break-p (lambda (e) (declare (ignore e)) 'nested-got-break)))
             (semaphore-post *started*)
             (semaphore-wait (make-semaphore 0))))))
;; unhandled in the nested thread, the break reaches the caller
(defvar *started2* (make-semaphore 0))
(thread (lambda () (semaphore-wait *started2*) (break-thread *caller*)))
(format t "handled outside: ~(~a~)~%"
        (with-handlers ((exn-break-p (lambda (e) (declare (ignore e)) 'caller-got-break)))
          (call-in-nested-thread
           (lambda ()
             (semaphore-post *started2*)
             (semaphore-wait (make-semaphore 0))))))
;; nested twice
(format t "nested twice: ~a~%" (call-in-nested-thread (lambda () (+ 1 (call-in-nested-thread (lambda () 41))))))
;; the nested thread killed: the caller gets an error
(format t "killed: ~a~%" (with-handlers ((exn-fail-p (lambda (e) (declare (ignore e)) "error in caller")))
                           (call-in-nested-thread (lambda () (kill-thread (current-thread)) 'not-reached))))
(format t "caller still running: ~a~%" (tf (thread-running-p *caller*)))

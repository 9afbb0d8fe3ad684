;;;; Translated line for line from new-thread-inherits.rkt; new-thread-inherits.out is what racket printed for it.
;;;; Where the Racket program sleeps to let a thread reach its wait, this one
;;;; waits for that state (WAIT-UNTIL-BLOCKED), so it runs the same way every time.
(defpackage :rt (:use :cl :racket)) (in-package :rt)
;; a thread created under parameterize-break #f starts disabled; one created after (break-enabled #f) starts enabled
(defvar *c* (make-semaphore 0))
(defvar *t3* (parameterize-break nil (thread (lambda () (semaphore-wait *c*)
  (format t "child enabled: ~a~%" (if (break-enabled) "#t" "#f"))))))
(break-enabled nil)
(defvar *t4* (thread (lambda () (format t "t4 enabled: ~a~%" (if (break-enabled) "#t" "#f")))))
(thread-wait *t4*)
(break-enabled t)
(semaphore-post *c*)
(thread-wait *t3*)

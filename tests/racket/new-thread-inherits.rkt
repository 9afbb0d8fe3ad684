#lang racket/base
;; a thread created under parameterize-break #f starts disabled; one created after (break-enabled #f) starts enabled
(define c (make-semaphore 0))
(define t3 (parameterize-break #f (thread (lambda () (semaphore-wait c)
  (printf "child enabled: ~a\n" (if (break-enabled) "#t" "#f"))))))
(break-enabled #f)
(define t4 (thread (lambda () (printf "t4 enabled: ~a\n" (if (break-enabled) "#t" "#f")))))
(thread-wait t4)
(break-enabled #t)
(semaphore-post c)
(thread-wait t3)

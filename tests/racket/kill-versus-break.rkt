#lang racket/base
;; kill-thread versus break-thread
(define (tf x) (if x "#t" "#f"))
(define (worker name s)
  (thread (lambda ()
    (dynamic-wind
     (lambda () (printf "~a: pre\n" name))
     (lambda () (with-handlers ([exn:break? (lambda (e) (printf "~a: handler\n" name))])
                  (semaphore-wait s)
                  (printf "~a: got the semaphore\n" name)))
     (lambda () (printf "~a: post\n" name))))))
;; a break runs the handler and the post thunk
(define sa (make-semaphore 0))
(define a (worker "a" sa))
(sleep 0.1)
(break-thread a)
(thread-wait a)
(printf "a dead: ~a\n" (tf (thread-dead? a)))
;; a kill runs neither
(define sb (make-semaphore 0))
(define b (worker "b" sb))
(sleep 0.1)
(kill-thread b)
(thread-wait b)
(printf "b dead: ~a\n" (tf (thread-dead? b)))
;; the killed waiter did not take the semaphore
(semaphore-post sb)
(printf "semaphore still posted: ~a\n" (tf (semaphore-try-wait? sb)))
;; breaks disabled: a break is held and the thread goes on; a kill ends it anyway
(define sc (make-semaphore 0))
(define c (parameterize-break #f (worker "c" sc)))
(sleep 0.1)
(break-thread c)
(sleep 0.1)
(printf "c running after break: ~a\n" (tf (thread-running? c)))
(kill-thread c)
(thread-wait c)
(printf "c dead after kill: ~a\n" (tf (thread-dead? c)))
;; a break with breaks disabled waits for the wait to complete
(define sd (make-semaphore 0))
(define d (parameterize-break #f (worker "d" sd)))
(sleep 0.1)
(break-thread d)
(semaphore-post sd)
(thread-wait d)
;; breaking or killing a dead thread does nothing
(break-thread a)
(kill-thread a)
(printf "a still dead: ~a\n" (tf (thread-dead? a)))
;; a thread that kills itself
(define e (thread (lambda () (dynamic-wind void (lambda () (kill-thread (current-thread)) (printf "e: not reached\n"))
                                          (lambda () (printf "e: post\n"))))))
(thread-wait e)
(printf "e dead: ~a\n" (tf (thread-dead? e)))

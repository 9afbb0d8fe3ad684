#lang racket/base
;; held breaks collapse into one of the strongest kind
(define (kind e)
  (cond [(exn:break:terminate? e) "terminate"]
        [(exn:break:hang-up? e) "hang-up"]
        [else "interrupt"]))
(define (run-with kinds)
  (define go (make-semaphore 0))
  (define t (thread (lambda ()
    (with-handlers ([exn:break? (lambda (e) (printf "~a -> one ~a break\n" kinds (kind e)))])
      (parameterize-break #f
        (semaphore-wait go))
      (sleep 0)
      (printf "~a -> no break\n" kinds)))))
  (sleep 0.1)
  (for ([k kinds]) (break-thread t k))
  (semaphore-post go)
  (thread-wait t))
(run-with '(#f))
(run-with '(#f #f #f))
(run-with '(#f hang-up #f))
(run-with '(hang-up #f))
(run-with '(terminate hang-up #f))
(run-with '(#f terminate))
(run-with '(hang-up hang-up))
(run-with '())
;; a break to oneself while disabled is held, then raised once
(define count 0)
(with-handlers ([exn:break? (lambda (e) (printf "main handler: ~a\n" (kind e)))])
  (parameterize-break #f
    (break-thread (current-thread))
    (break-thread (current-thread) 'hang-up)
    (break-thread (current-thread))
    (set! count (add1 count)))
  (sleep 0)
  (printf "not reached\n"))
(printf "count ~a\n" count)

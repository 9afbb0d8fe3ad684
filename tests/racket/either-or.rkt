#lang racket/base
;; semaphore-wait/enable-break with breaks disabled: the semaphore is taken
;; or the break is raised, never both
(define (outcome s thunk)
  (with-handlers ([exn:break? (lambda (e) (format "break, semaphore left ~a" (if (semaphore-try-wait? s) "posted" "empty")))])
    (parameterize-break #f
      (thunk)
      "decremented")))
;; 1. semaphore available, no break: decremented
(define s1 (make-semaphore 1))
(printf "1: ~a\n" (outcome s1 (lambda () (semaphore-wait/enable-break s1))))
;; 2. a held break and an available semaphore: the break wins, the semaphore stays
(define s2 (make-semaphore 1))
(printf "2: ~a\n" (outcome s2 (lambda () (break-thread (current-thread)) (semaphore-wait/enable-break s2))))
;; 3. blocked, then broken: the break is raised and the semaphore is not taken
(define s3 (make-semaphore 0))
(define r3 #f)
(define t3 (thread (lambda () (set! r3 (outcome s3 (lambda () (semaphore-wait/enable-break s3)))))))
(sleep 0.1)
(break-thread t3)
(thread-wait t3)
(semaphore-post s3)
(printf "3: ~a; afterwards the semaphore is ~a\n" r3 (if (semaphore-try-wait? s3) "posted" "empty"))
;; 4. blocked, then posted: decremented; a break sent after it completed stays held
(define s4 (make-semaphore 0))
(define r4 #f)
(define t4 (thread (lambda ()
  (set! r4 (with-handlers ([exn:break? (lambda (e) (string-append r4 ", then the held break"))])
    (parameterize-break #f
      (semaphore-wait/enable-break s4)
      (set! r4 "decremented")
      (semaphore-wait s4)
      (set! r4 "decremented twice"))
    (sleep 0)
    "no break")))))
(sleep 0.1)
(semaphore-post s4)
(sleep 0.1)
(break-thread t4)
(semaphore-post s4)
(thread-wait t4)
(printf "4: ~a\n" r4)
;; 5. with breaks enabled the plain operation is interruptible too
(define s5 (make-semaphore 0))
(define t5 (thread (lambda () (with-handlers ([exn:break? (lambda (e) (printf "5: break while waiting\n"))])
                                 (semaphore-wait s5)))))
(sleep 0.1)
(break-thread t5)
(thread-wait t5)
;; 6. plain semaphore-wait with breaks disabled is not interrupted
(define s6 (make-semaphore 0))
(define t6 (thread (lambda () (with-handlers ([exn:break? (lambda (e) (printf "6: break after the wait\n"))])
                                 (parameterize-break #f (semaphore-wait s6) (printf "6: wait completed\n"))
                                 (sleep 0)))))
(sleep 0.1)
(break-thread t6)
(semaphore-post s6)
(thread-wait t6)

#lang racket/base
;; call-in-nested-thread: values, errors, breaks redirected, kill
(define-values (a b) (call-in-nested-thread (lambda () (values 1 2))))
(printf "values: ~a ~a\n" a b)
(define caller (current-thread))
(printf "another thread inside: ~a\n" (call-in-nested-thread (lambda () (not (eq? (current-thread) caller)))))
(printf "error: ~a\n" (with-handlers ([exn:fail? exn-message])
                        (call-in-nested-thread (lambda () (error 'inner "bad ~a" 42)))))
;; a break aimed at the caller goes to the nested thread, whose handler sees it
(define started (make-semaphore 0))
(void (thread (lambda () (semaphore-wait started) (break-thread caller))))
(printf "handled inside: ~a\n"
        (call-in-nested-thread
         (lambda ()
           (with-handlers ([exn:break? (lambda (e) 'nested-got-break)])
             (semaphore-post started)
             (semaphore-wait (make-semaphore 0))))))
;; unhandled in the nested thread, the break reaches the caller
(define started2 (make-semaphore 0))
(void (thread (lambda () (semaphore-wait started2) (break-thread caller))))
(printf "handled outside: ~a\n"
        (with-handlers ([exn:break? (lambda (e) 'caller-got-break)])
          (call-in-nested-thread
           (lambda ()
             (semaphore-post started2)
             (semaphore-wait (make-semaphore 0))))))
;; nested twice
(printf "nested twice: ~a\n" (call-in-nested-thread (lambda () (+ 1 (call-in-nested-thread (lambda () 41))))))
;; the nested thread killed: the caller gets an error
(printf "killed: ~a\n" (with-handlers ([exn:fail? (lambda (e) "error in caller")])
                         (call-in-nested-thread (lambda () (kill-thread (current-thread)) 'not-reached))))
(printf "caller still running: ~a\n" (thread-running? caller))

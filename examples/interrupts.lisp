;;;; interrupts.lisp: interrupts, masks and kills between green processes.
;;;; Run: lisp examples/interrupts.lisp      (also runs unchanged under sbcl --script)
;;;;
;;;; Every wait here is on state (a semaphore), never on time, so the output is the
;;;; same on every run.

(defvar *ready* (sb-thread:make-semaphore :name "ready"))

;;; 1. An interrupt that exits non-locally unwinds the target: its cleanups run.
(let ((worker (sb-thread:make-thread
               (lambda ()
                 (catch 'stop
                   (unwind-protect
                        (progn (sb-thread:signal-semaphore *ready*)
                               (loop))                ; busy forever
                     (format t "worker: cleanup ran~%")))
                 :stopped)
               :name "worker")))
  (sb-thread:wait-on-semaphore *ready*)
  (sb-thread:interrupt-thread worker (lambda () (throw 'stop nil)))
  (format t "worker returned ~S~%" (sb-thread:join-thread worker)))

;;; 2. A mask defers interrupts; they run, in order, when it is left.
(let* ((log '())
       (go-on (sb-thread:make-semaphore))
       (worker (sb-thread:make-thread
                (lambda ()
                  (sb-sys:without-interrupts
                    (sb-thread:signal-semaphore *ready*)
                    (sb-thread:wait-on-semaphore go-on)
                    (push :mask-left log))
                  :done))))
  (sb-thread:wait-on-semaphore *ready*)
  (sb-thread:interrupt-thread worker (lambda () (push :first log)))
  (sb-thread:interrupt-thread worker (lambda () (push :second log)))
  (sb-thread:signal-semaphore go-on)
  (sb-thread:join-thread worker)
  (format t "order: ~S~%" (reverse log)))

;;; 3. Terminating a thread runs its cleanups too; a mutex it held is released.
(let* ((lock (sb-thread:make-mutex :name "account"))
       (worker (sb-thread:make-thread
                (lambda ()
                  (sb-thread:with-mutex (lock)
                    (unwind-protect
                         (progn (sb-thread:signal-semaphore *ready*) (loop))
                      (format t "terminated worker: cleanup ran~%")))))))
  (sb-thread:wait-on-semaphore *ready*)
  (sb-thread:terminate-thread worker)
  (sb-thread:join-thread worker :default nil)
  (format t "mutex owner after terminate: ~S~%" (sb-thread:mutex-owner lock)))

;;;; sb-thread-interrupts.lisp: runs here (python repl.py) and under sbcl --script with the same
;;;; stdout, sb-thread-interrupts.out (written by sbcl). Threads synchronise on state
;;;; (joins, semaphores, mutexes), never on sleeping, so the output is
;;;; deterministic in SBCL too. tests/test_sb_thread.py runs it.

;;; SPEC 4.1: a blocked thread takes an interrupt and goes back to waiting
(defvar *log* nil)
(defvar *ready* (sb-thread:make-semaphore :name "ready"))
(defvar *go* (sb-thread:make-semaphore :name "go"))
(defvar *done* (sb-thread:make-semaphore :name "done"))

(let ((th (sb-thread:make-thread
           (lambda ()
             (sb-thread:signal-semaphore *ready*)
             (sb-thread:wait-on-semaphore *go*)
             (push :woke *log*)
             :returned)
           :name "waiter")))
  (sb-thread:wait-on-semaphore *ready*)
  (sb-thread:interrupt-thread th (lambda ()
                                   (push (list :interrupt sb-sys:*interrupts-enabled*
                                               sb-sys:*allow-with-interrupts*)
                                         *log*)
                                   (sb-thread:signal-semaphore *done*)))
  (sb-thread:wait-on-semaphore *done*)
  (format t "4.1 after interrupt, alive: ~a~%" (sb-thread:thread-alive-p th))
  (sb-thread:signal-semaphore *go*)
  (format t "4.1 joined: ~s~%" (sb-thread:join-thread th))
  (format t "4.1 log: ~s~%" (reverse *log*)))

;;; SPEC 4.2: interrupts run first in, first out (queued while masked)
(setq *log* nil)
(let ((th (sb-thread:make-thread
           (lambda ()
             (sb-sys:without-interrupts
               (sb-thread:signal-semaphore *ready*)
               (sb-thread:wait-on-semaphore *go*)
               (push :mask-exit *log*))
             (push :after-mask *log*)
             :ok))))
  (sb-thread:wait-on-semaphore *ready*)
  (dolist (tag '(:a :b :c :d))
    (sb-thread:interrupt-thread th (let ((tag tag)) (lambda () (push tag *log*)))))
  (sb-thread:signal-semaphore *go*)
  (sb-thread:join-thread th)
  (format t "4.2 log: ~s~%" (reverse *log*)))

;;; SPEC 4.3: interrupt functions run with interrupts disabled; nested
;;; interrupts only inside with-interrupts
(defvar *flag* nil)
(setq *log* nil)
(let* ((in-a (sb-thread:make-semaphore))
       (th (sb-thread:make-thread
            (lambda ()
              (sb-thread:signal-semaphore *ready*)
              (sb-thread:wait-on-semaphore *go*)
              :ok))))
  (sb-thread:wait-on-semaphore *ready*)
  (sb-thread:interrupt-thread th (lambda ()
                                   (push :a-start *log*)
                                   (sb-thread:signal-semaphore in-a)
                                   (loop until *flag*)
                                   (push :a-end *log*)))
  (sb-thread:wait-on-semaphore in-a)
  (sb-thread:interrupt-thread th (lambda () (push :b *log*) (sb-thread:signal-semaphore *done*)))
  (setq *flag* t)
  (sb-thread:wait-on-semaphore *done*)
  (sb-thread:signal-semaphore *go*)
  (sb-thread:join-thread th)
  (format t "4.3 without with-interrupts: ~s~%" (reverse *log*)))

(setq *log* nil)
(setq *flag* nil)
(let* ((in-a (sb-thread:make-semaphore))
       (th (sb-thread:make-thread
            (lambda ()
              (sb-thread:signal-semaphore *ready*)
              (sb-thread:wait-on-semaphore *go*)
              :ok))))
  (sb-thread:wait-on-semaphore *ready*)
  (sb-thread:interrupt-thread th (lambda ()
                                   (push :a-start *log*)
                                   (sb-thread:signal-semaphore in-a)
                                   (loop until *flag*)
                                   (sb-sys:with-interrupts
                                     (push (list :nested-enabled sb-sys:*interrupts-enabled*) *log*))
                                   (push :a-end *log*)
                                   (sb-thread:signal-semaphore *done*)))
  (sb-thread:wait-on-semaphore in-a)
  (sb-thread:interrupt-thread th (lambda () (push :b *log*)))
  (setq *flag* t)
  (sb-thread:wait-on-semaphore *done*)
  (sb-thread:signal-semaphore *go*)
  (sb-thread:join-thread th)
  (format t "4.3 inside with-interrupts: ~s~%" (reverse *log*)))

;;; SPEC 4.4: a non-local exit from the interrupt function unwinds the target
(setq *log* nil)
(let ((th (sb-thread:make-thread
           (lambda ()
             (catch 'stop
               (unwind-protect
                    (progn (sb-thread:signal-semaphore *ready*)
                           (sb-thread:wait-on-semaphore *go*)
                           (push :not-reached *log*))
                 (push :cleanup *log*)))))))
  (sb-thread:wait-on-semaphore *ready*)
  (sb-thread:interrupt-thread th (lambda () (throw 'stop :thrown)))
  (format t "4.4 joined: ~s log: ~s~%" (sb-thread:join-thread th) (reverse *log*)))

;;; SPEC 4.5: an exit that starts while a cleanup runs skips the rest of
;;; that unwind-protect's cleanups
(setq *log* nil)
(let ((th (sb-thread:make-thread
           (lambda ()
             (catch 'stop
               (unwind-protect
                    (unwind-protect
                         (push :body *log*)
                      (push :cleanup-1 *log*)
                      (sb-thread:signal-semaphore *ready*)
                      (sb-thread:wait-on-semaphore *go*)
                      (push :cleanup-2 *log*))
                 (push :outer-cleanup *log*)))))))
  (sb-thread:wait-on-semaphore *ready*)
  (sb-thread:interrupt-thread th (lambda () (throw 'stop :thrown)))
  (format t "4.5 joined: ~s log: ~s~%" (sb-thread:join-thread th) (reverse *log*)))

;;; SPEC 4.6: a throw from a cleanup aborts the unwinding in progress, a
;;; termination included: the thread lives on
(setq *log* nil)
(let ((th (sb-thread:make-thread
           (lambda ()
             (catch 'escape
               (unwind-protect
                    (progn (sb-thread:signal-semaphore *ready*)
                           (sb-thread:wait-on-semaphore *go*))
                 (push :cleanup *log*)
                 (throw 'escape nil)))
             (push :lives-on *log*)
             :survived))))
  (sb-thread:wait-on-semaphore *ready*)
  (sb-thread:terminate-thread th)
  (format t "4.6 joined: ~s log: ~s~%" (sb-thread:join-thread th) (reverse *log*)))

;;; SPEC 4.7: masks defer; with-interrupts enables only under allow-with-interrupts
(defun masked-run (use-allow)
  (setq *log* nil)
  (let ((th (sb-thread:make-thread
             (lambda ()
               (sb-sys:without-interrupts
                 (sb-thread:signal-semaphore *ready*)
                 (sb-thread:wait-on-semaphore *go*)
                 (push :before *log*)
                 (if use-allow
                     (sb-sys:allow-with-interrupts
                       (sb-sys:with-interrupts (push :in-with-interrupts *log*)))
                     (sb-sys:with-interrupts (push :in-with-interrupts *log*)))
                 (push :still-masked *log*))
               (push :unmasked *log*)))))
    (sb-thread:wait-on-semaphore *ready*)
    (sb-thread:interrupt-thread th (lambda () (push :interrupt *log*)))
    (sb-thread:signal-semaphore *go*)
    (sb-thread:join-thread th)
    (reverse *log*)))
(format t "4.7 plain with-interrupts:~{ ~s~}~%" (masked-run nil))
(format t "4.7 under allow-with-interrupts:~{ ~s~}~%" (masked-run t))

(setq *log* nil)
(let ((th (sb-thread:make-thread
           (lambda ()
             (sb-sys:without-interrupts
               (sb-thread:signal-semaphore *ready*)
               (sb-thread:wait-on-semaphore *go*)
               (push :masked *log*)
               (sb-sys:with-local-interrupts
                 (push (list :local sb-sys:*interrupts-enabled* sb-sys:*allow-with-interrupts*) *log*))
               (push :masked-again *log*))))))
  (sb-thread:wait-on-semaphore *ready*)
  (sb-thread:interrupt-thread th (lambda () (push :interrupt *log*)))
  (sb-thread:signal-semaphore *go*)
  (sb-thread:join-thread th)
  (format t "4.7 with-local-interrupts: ~s~%" (reverse *log*)))

;;; SPEC 4.8: masking interrupts gives no atomicity: other threads run
(setq *flag* nil)
(let ((th (sb-thread:make-thread
           (lambda ()
             (sb-sys:without-interrupts
               (sb-thread:signal-semaphore *ready*)
               (loop until *flag*)
               :saw-flag)))))
  (sb-thread:wait-on-semaphore *ready*)
  (setq *flag* t)
  (format t "4.8 joined: ~s~%" (sb-thread:join-thread th)))

;;; SPEC 4.9: interrupting a dead thread
(let ((th (sb-thread:make-thread (lambda () :done))))
  (sb-thread:join-thread th)
  (handler-case (sb-thread:interrupt-thread th (lambda () nil))
    (sb-thread:interrupt-thread-error (e)
      (format t "4.9 ~s ~s~%" (type-of e) (eq (sb-thread:thread-error-thread e) th)))))

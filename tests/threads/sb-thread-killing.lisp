;;;; sb-thread-killing.lisp: runs here (python repl.py) and under sbcl --script with the same
;;;; stdout, sb-thread-killing.out (written by sbcl). Threads synchronise on state
;;;; (joins, semaphores, mutexes), never on sleeping, so the output is
;;;; deterministic in SBCL too. tests/test_sb_thread.py runs it.

;;; SPEC 5: terminate-thread unwinds the target, running every pending
;;; cleanup innermost first; join-thread then reports :abort
(defvar *log* nil)
(defvar *ready* (sb-thread:make-semaphore :name "ready"))
(defvar *never* (sb-thread:make-semaphore :name "never"))

(defvar *lock* (sb-thread:make-mutex :name "log lock"))
(defun note (x) (sb-thread:with-mutex (*lock*) (push x *log*)))

(let ((th (sb-thread:make-thread
           (lambda ()
             (unwind-protect
                  (unwind-protect
                       (progn (sb-thread:signal-semaphore *ready*)
                              (sb-thread:wait-on-semaphore *never*))
                    (note :inner))
               (note :outer)))
           :name "victim")))
  (sb-thread:wait-on-semaphore *ready*)
  (format t "terminate returns ~s~%" (sb-thread:terminate-thread th))
  (format t "join: ~s~%" (multiple-value-list (sb-thread:join-thread th :default :gone)))
  (format t "cleanups: ~s alive: ~s~%" (reverse *log*) (sb-thread:thread-alive-p th)))

;;; the kill is an interrupt: a mask defers it, and it takes effect when
;;; the mask is left
(setq *log* nil)
(defvar *go* (sb-thread:make-semaphore :name "go"))
(let ((th (sb-thread:make-thread
           (lambda ()
             (sb-sys:without-interrupts
               (sb-thread:signal-semaphore *ready*)
               (sb-thread:wait-on-semaphore *go*)
               (note :finished-masked-work))
             (note :not-reached)))))
  (sb-thread:wait-on-semaphore *ready*)
  (sb-thread:terminate-thread th)
  (sb-thread:signal-semaphore *go*)
  (format t "masked: ~s ~s~%" (multiple-value-list (sb-thread:join-thread th :default :killed))
          (reverse *log*)))

;;; a thread blocked on a mutex, on a waitqueue or in a join can be terminated;
;;; WITH-MUTEX releases the mutex on the way out
(let* ((m (sb-thread:make-mutex :name "held"))
       (q (sb-thread:make-waitqueue :name "q"))
       (th1 nil) (th2 nil) (th3 nil))
  (sb-thread:grab-mutex m)
  (setq th1 (sb-thread:make-thread (lambda () (sb-thread:with-mutex (m) :got-it))))
  (setq th3 (sb-thread:make-thread (lambda () (sb-thread:join-thread th1))))
  (sb-thread:release-mutex m)
  (format t "th1: ~s~%" (sb-thread:join-thread th1))
  (format t "th3: ~s~%" (sb-thread:join-thread th3))
  (setq th2 (sb-thread:make-thread
             (lambda ()
               (sb-thread:with-mutex (m)
                 (sb-thread:signal-semaphore *ready*)
                 (sb-thread:condition-wait q m)))))
  (sb-thread:wait-on-semaphore *ready*)
  (sb-thread:with-mutex (m)
    (sb-thread:terminate-thread th2))
  (format t "th2: ~s owner after: ~s~%"
          (multiple-value-list (sb-thread:join-thread th2 :default :terminated))
          (sb-thread:mutex-owner m)))

;;; a dead thread's joins return at once; interrupting it is an error
(let ((th (sb-thread:make-thread (lambda () (values 1 2 3)))))
  (format t "~s ~s~%" (multiple-value-list (sb-thread:join-thread th))
          (multiple-value-list (sb-thread:join-thread th)))
  (format t "terminate dead: ~s~%"
          (handler-case (sb-thread:terminate-thread th)
            (sb-thread:interrupt-thread-error () :interrupt-thread-error))))

;;; abort-thread and the thread's initial ABORT restart
(format t "abort-thread: ~s~%"
        (multiple-value-list
         (sb-thread:join-thread (sb-thread:make-thread (lambda () (sb-thread:abort-thread) :no))
                                :default :d)))
(format t "abort restart: ~s~%"
        (multiple-value-list
         (sb-thread:join-thread (sb-thread:make-thread (lambda () (abort) :no)) :default :d)))
(format t "restarts in a thread: ~s~%"
        (sb-thread:join-thread (sb-thread:make-thread
                                (lambda () (mapcar #'restart-name (compute-restarts))))))
(format t "return-from-thread: ~s~%"
        (multiple-value-list
         (sb-thread:join-thread
          (sb-thread:make-thread
           (lambda () (unwind-protect (sb-thread:return-from-thread (values :a :b))
                        (note :rft-cleanup))
             :no)))))
(format t "log: ~s~%" (car *log*))

;;;; sb-thread-timeout.lisp: runs here (python repl.py) and under sbcl --script with the same
;;;; stdout, sb-thread-timeout.out (written by sbcl). Threads synchronise on state
;;;; (joins, semaphores, mutexes), never on sleeping, so the output is
;;;; deterministic in SBCL too. tests/test_sb_thread.py runs it.

;;; SB-EXT:WITH-TIMEOUT interrupts a busy thread and a blocked one
(defvar *log* nil)
(format t "busy: ~s~%"
        (handler-case (sb-ext:with-timeout 0.2 (loop))
          (sb-ext:timeout (c) (list :timeout (princ-to-string c)))))
(format t "blocked: ~s~%"
        (handler-case (sb-ext:with-timeout 0.2
                        (sb-thread:wait-on-semaphore (sb-thread:make-semaphore)))
          (sb-ext:timeout () :timeout)))
(format t "in time: ~s~%"
        (multiple-value-list (sb-ext:with-timeout 5 (values :a :b))))
(format t "cleanups run: ~s ~s~%"
        (handler-case (sb-ext:with-timeout 0.2
                        (unwind-protect (sleep 5) (push :cleanup *log*)))
          (sb-ext:timeout () :timeout))
        *log*)
(format t "continue restart: ~s~%"
        (sb-ext:with-timeout 0.1
          (handler-bind ((sb-ext:timeout (lambda (c) (continue c))))
            (sleep 0.3)
            :went-on)))
;; the timer is disarmed when the body ends: nothing fires later
(format t "disarmed: ~s~%" (progn (sb-ext:with-timeout 0.1 :quick) (sleep 0.3) :nothing-fired))
(format t "in a thread: ~s~%"
        (sb-thread:join-thread
         (sb-thread:make-thread
          (lambda ()
            (handler-case (sb-ext:with-timeout 0.1 (loop))
              (sb-ext:timeout () :thread-timed-out))))))
(format t "one second: ~a~%"
        (handler-case (sb-ext:with-timeout 1 (sleep 3))
          (sb-ext:timeout (c) (princ-to-string c))))

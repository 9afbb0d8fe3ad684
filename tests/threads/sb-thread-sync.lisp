;;;; sb-thread-sync.lisp: runs here (python repl.py) and under sbcl --script with the same
;;;; stdout, sb-thread-sync.out (written by sbcl). Threads synchronise on state
;;;; (joins, semaphores, mutexes), never on sleeping, so the output is
;;;; deterministic in SBCL too. tests/test_sb_thread.py runs it.

;;; Mutexes, waitqueues, semaphores and atomics under contention
(defvar *counter* 0)
(defvar *ready-sem* (sb-thread:make-semaphore))
(defvar *go-sem* (sb-thread:make-semaphore))
(defvar *lock* (sb-thread:make-mutex :name "counter lock"))

;; SPEC 3: with-mutex makes a read-modify-write exclusive even though
;; threads are preempted inside it
(defun bump (n)
  (dotimes (i n)
    (sb-thread:with-mutex (*lock*)
      (let ((v *counter*))
        (sb-thread:thread-yield)
        (setq *counter* (1+ v))))))
(let ((threads (loop for i below 4 collect (sb-thread:make-thread #'bump :arguments 50))))
  (mapc #'sb-thread:join-thread threads)
  (format t "mutex counter: ~d~%" *counter*))

;; atomic operations: each is one step
(defvar *cell* (list 0))
(defvar *stack* nil)
(let ((threads (loop for i below 4
                     collect (sb-thread:make-thread
                              (lambda (k)
                                (dotimes (j 100)
                                  (sb-ext:atomic-incf (car *cell*))
                                  (sb-ext:atomic-push (+ (* k 1000) j) *stack*)))
                              :arguments (list i)))))
  (mapc #'sb-thread:join-thread threads)
  (format t "atomic-incf: ~d, pushed: ~d~%" (car *cell*) (length *stack*))
  (let ((popped 0))
    (loop while (sb-ext:atomic-pop *stack*) do (incf popped))
    (format t "popped: ~d~%" popped)))
(let ((x (cons 1 2)))
  (format t "cas: ~s ~s ~s~%" (sb-ext:compare-and-swap (car x) 1 10)
          (sb-ext:compare-and-swap (cdr x) 1 20) x))
(let ((v (vector 5 6)))
  (format t "cas on svref: ~s ~s ~s~%" (sb-ext:compare-and-swap (svref v 0) 4 10)
          (sb-ext:compare-and-swap (svref v 1) 6 7) v))
(let ((x (cons most-positive-fixnum most-negative-fixnum)))
  (format t "modular: ~s ~s~%" (sb-ext:atomic-incf (car x)) (sb-ext:atomic-decf (cdr x)))
  (format t "now: ~s ~s~%" (car x) (cdr x)))

;; producer / consumer on a waitqueue
(defvar *queue* nil)
(defvar *wq* (sb-thread:make-waitqueue :name "items"))
(defun produce (items)
  (dolist (i items)
    (sb-thread:with-mutex (*lock*)
      (setq *queue* (append *queue* (list i)))
      (sb-thread:condition-notify *wq*))))
(defun consume (n)
  (let ((got '()))
    (dotimes (i n (nreverse got))
      (sb-thread:with-mutex (*lock*)
        (loop until *queue* do (sb-thread:condition-wait *wq* *lock*))
        (push (pop *queue*) got)))))
(let ((consumer (sb-thread:make-thread #'consume :arguments '(10) :name "consumer")))
  (produce '(1 2 3 4 5 6 7 8 9 10))
  (format t "consumed: ~s~%" (sb-thread:join-thread consumer)))

;; condition-broadcast wakes every waiter
(defvar *open* nil)
(let ((waiters (loop for i below 3
                     collect (sb-thread:make-thread
                              (lambda (i)
                                (sb-thread:with-mutex (*lock*)
                                  (loop until *open* do (sb-thread:condition-wait *wq* *lock*))
                                  (list i (sb-thread:holding-mutex-p *lock*))))
                              :arguments i))))
  (sb-thread:thread-yield)
  (sb-thread:with-mutex (*lock*)
    (setq *open* t)
    (sb-thread:condition-broadcast *wq*))
  (format t "broadcast: ~s~%" (mapcar #'sb-thread:join-thread waiters)))

;; semaphores: counts and the values of the operations
(let ((s (sb-thread:make-semaphore :name "s" :count 1)))
  (format t "sem: ~s ~s ~s ~s~%" (sb-thread:wait-on-semaphore s) (sb-thread:try-semaphore s)
          (sb-thread:signal-semaphore s 3) (sb-thread:wait-on-semaphore s :n 2))
  (let ((th (sb-thread:make-thread (lambda () (sb-thread:wait-on-semaphore s :n 3)))))
    (sb-thread:signal-semaphore s 2)
    (format t "waited for 3: ~s count ~s~%" (sb-thread:join-thread th) (sb-thread:semaphore-count s))))

;; timeouts
(let ((m (sb-thread:make-mutex :name "busy"))
      (s (sb-thread:make-semaphore))
      (q (sb-thread:make-waitqueue)))
  (sb-thread:grab-mutex m)
  (format t "timeouts: ~s~%"
          (sb-thread:join-thread
           (sb-thread:make-thread
            (lambda ()
              (list (sb-thread:grab-mutex m :timeout 0.05)
                    (sb-thread:grab-mutex m :waitp nil)
                    (sb-thread:with-mutex (m :timeout 0.05) :ran)
                    (sb-thread:wait-on-semaphore s :timeout 0.05)
                    (let ((m2 (sb-thread:make-mutex)))
                      (sb-thread:with-mutex (m2)
                        (list (sb-thread:condition-wait q m2 :timeout 0.05)
                              (sb-thread:holding-mutex-p m2)))))))))
  (let ((sleeper (sb-thread:make-thread (lambda () (sb-thread:wait-on-semaphore s)))))
    (format t "join timeout: ~s~%"
            (multiple-value-list (sb-thread:join-thread sleeper :timeout 0.05 :default :late)))
    (format t "join error: ~s~%"
            (handler-case (sb-thread:join-thread sleeper :timeout 0.05)
              (sb-thread:join-thread-error (e) (sb-thread::join-thread-problem e))))
    (sb-thread:signal-semaphore s)
    (format t "joined: ~s~%" (sb-thread:join-thread sleeper)))
  (sb-thread:release-mutex m))

;; SPEC 3: a new thread sees global values, not its creator's bindings
(defvar *special* :global)
(let ((*special* :creator-binding))
  (format t "new thread sees: ~s~%"
          (sb-thread:join-thread (sb-thread:make-thread (lambda () *special*)))))
(let ((th (sb-thread:make-thread (lambda () (let ((*special* :thread-local))
                                                (sb-thread:signal-semaphore *ready-sem*)
                                                (sb-thread:wait-on-semaphore *go-sem*)
                                                *special*)))))
  (sb-thread:wait-on-semaphore *ready-sem*)
  (format t "symbol-value-in-thread: ~s~%"
          (multiple-value-list (sb-thread:symbol-value-in-thread '*special* th)))
  (setf (sb-thread:symbol-value-in-thread '*special* th) :changed)
  (sb-thread:signal-semaphore *go-sem*)
  (format t "thread returned: ~s global: ~s~%" (sb-thread:join-thread th) *special*))

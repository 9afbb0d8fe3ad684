;;;; The condition system: handlers, restarts, condition classes, reports.
;;;; Expectations written by tests/sbcl_check.py from sbcl --script.

;;; signal, warn, error, cerror
(signal "nobody handles this")
;=> NIL
(signal 'simple-condition :format-control "x" :format-arguments nil)
;=> NIL
(handler-case (error "plain ~A" 'error) (error (c) (format nil "~A" c)))
;=> "plain ERROR"
(handler-case (error 'simple-error :format-control "fc ~S" :format-arguments '("s")) (simple-error (c) (princ-to-string c)))
;=> "fc \"s\""
(handler-case (error 'type-error :datum 1 :expected-type 'string) (type-error (c) (list (type-error-datum c) (type-error-expected-type c))))
;=> (1 STRING)
(handler-case (error "x") (condition (c) (type-of c)))
;=> SIMPLE-ERROR
(handler-case (warn "careful") (warning (c) (list (type-of c) (princ-to-string c))))
;=> (SIMPLE-WARNING "careful")
(handler-case (signal 'warning) (warning () 'caught-warning))
;=> CAUGHT-WARNING
(handler-case (cerror "go on" "problem ~D" 42) (error (c) (princ-to-string c)))
;=> "problem 42"
(error "unhandled")
;error> SIMPLE-ERROR
(error 'type-error :datum 'x :expected-type 'integer)
;error> TYPE-ERROR
(cerror "continue anyway" "cerror unhandled")
;error> SIMPLE-ERROR
(handler-bind ((error #'continue)) (list (cerror "go on" "oops") 'continued))
;=> (NIL CONTINUED)
(handler-bind ((warning #'muffle-warning)) (warn "muffled") 'after-warn)
;=> AFTER-WARN
(let ((*error-output* (make-string-output-stream))) (list (warn "to stderr ~A" 1) (length (write-string (get-output-stream-string *error-output*) *standard-output*))))
;out> WARNING: to stderr 1
;=> (NIL 21)
(let ((c (make-condition 'simple-error :format-control "made ~A" :format-arguments '(here))))
  (handler-case (error c) (error (e) (list (eq e c) (princ-to-string e)))))
;=> (T "made HERE")
(handler-case (error 'simple-warning :format-control "warning as error") (warning (c) (princ-to-string c)))
;=> "warning as error"
(simple-condition-format-control (make-condition 'simple-condition :format-control "ctl"))
;=> "ctl"
(simple-condition-format-arguments (make-condition 'simple-condition :format-control "ctl" :format-arguments '(1 2)))
;=> (1 2)

;;; handler-bind: declining, nesting, dynamic context
(handler-bind ((error (lambda (c) (declare (ignore c)) 'declined))) (handler-case (error "e") (error () 'outer-case)))
;=> OUTER-CASE
(handler-case (handler-bind ((error (lambda (c) (declare (ignore c)) nil))) (error "declined")) (error () 'reached-outer))
;=> REACHED-OUTER
(let ((log '()))
  (handler-case
      (handler-bind ((error (lambda (c) (declare (ignore c)) (push 'inner log))))
        (handler-bind ((error (lambda (c) (declare (ignore c)) (push 'innermost log))))
          (error "boom")))
    (error () (push 'case log)))
  (nreverse log))
;=> (INNERMOST INNER CASE)
(let ((log '()))
  (handler-bind ((condition (lambda (c) (declare (ignore c)) (push 'outer log))))
    (handler-bind ((condition (lambda (c) (declare (ignore c)) (push 'inner log))))
      (signal "sig")))
  (nreverse log))
;=> (INNER OUTER)
(let ((log '()))
  (handler-bind ((error (lambda (c) (declare (ignore c)) (push 'outer log))))
    (handler-bind ((error (lambda (c) (declare (ignore c)) (push 'inner-1 log)))
                   (error (lambda (c) (declare (ignore c)) (push 'inner-2 log))))
      (signal 'simple-error)))
  (nreverse log))
;=> (INNER-1 INNER-2 OUTER)
(let ((log '()))
  (handler-bind ((error (lambda (c) (declare (ignore c)) (push 'outer-saw-it log))))
    (handler-bind ((error (lambda (c) (push 'inner log) (signal c))))
      (signal 'simple-error)))
  (nreverse log))
;=> (INNER OUTER-SAW-IT OUTER-SAW-IT)
(let ((log '()))
  (handler-bind ((simple-error (lambda (c) (declare (ignore c)) (push 'outer log))))
    (handler-bind ((simple-error (lambda (c) (declare (ignore c)) (push 'inner log) (error "nested"))))
      (handler-case (error "first") (error (c) (princ-to-string c))))))
;=> "first"
(handler-case
    (handler-bind ((error (lambda (c) (declare (ignore c)) (error "from handler"))))
      (error "original"))
  (error (c) (princ-to-string c)))
;=> "from handler"
(defvar *cnd-dyn* 'global)
(block b (handler-bind ((error (lambda (c) (declare (ignore c)) (return-from b *cnd-dyn*))))
  (let ((*cnd-dyn* 'signal-context)) (error "e"))))
;=> SIGNAL-CONTEXT
(block b (handler-bind ((error (lambda (c) (return-from b (list 'handled (princ-to-string c))))))
  (error "msg ~A" 1)))
;=> (HANDLED "msg 1")
(handler-bind ((warning (lambda (c) (declare (ignore c)) (print 'warned)))) (signal 'warning) 'done)
;out>
;out> WARNED 
;=> DONE
(catch 'x (handler-bind ((error (lambda (c) (throw 'x (type-of c))))) (car (car (list 1)))))
;=> TYPE-ERROR
(handler-bind () 'empty-bindings)
;=> EMPTY-BINDINGS
(handler-bind ((error #'(lambda (c) (declare (ignore c)) nil))) (values 1 2))
;=> 1
;=> 2

;;; handler-case
(handler-case 'no-error (error () 'error))
;=> NO-ERROR
(handler-case (values 1 2) (error () 'error))
;=> 1
;=> 2
(handler-case (values 1 2) (:no-error (a b) (list 'no-error a b)))
;=> (NO-ERROR 1 2)
(handler-case (error "x") (error () 'error) (:no-error (&rest r) r))
;=> ERROR
(handler-case (signal 'simple-condition) (condition (c) (type-of c)))
;=> SIMPLE-CONDITION
(handler-case (error "x") (warning () 'warning) (error () 'error))
;=> ERROR
(handler-case (error "x") (simple-error () 'first) (error () 'second))
;=> FIRST
(handler-case (error "x") ((or warning error) () 'or-type))
;=> OR-TYPE
(handler-case (error "x") (type-error () 'type) (simple-error (c) (list 'simple (simple-condition-format-control c))))
;=> (SIMPLE "x")
(handler-case (handler-case (error "inner") (type-error () 'wrong)) (error () 'outer))
;=> OUTER
(let ((x 1)) (handler-case (progn (setq x 2) (error "e") (setq x 3)) (error () x)))
;=> 2
(handler-case (/ 1 0) (division-by-zero (c) (list (type-of c) (arithmetic-error-operation c) (arithmetic-error-operands c))))
;=> (DIVISION-BY-ZERO / (1 0))
(handler-case (car 'x) (type-error (c) (list (type-error-datum c) (type-error-expected-type c))))
;=> (X LIST)
(handler-case (undefined-function-cnd) (undefined-function (c) (cell-error-name c)))
;=> UNDEFINED-FUNCTION-CND
(handler-case (symbol-value 'cnd-unbound-var) (unbound-variable (c) (cell-error-name c)))
;=> CND-UNBOUND-VAR
(handler-case (error "x") (error (c) (values 1 (type-of c) 2)))
;=> 1
;=> SIMPLE-ERROR
;=> 2
(handler-case (error "x") (error ()))
;=> NIL
(handler-case 5 (:no-error (x) (* x 2)))
;=> 10

;;; ignore-errors
(multiple-value-bind (v c) (ignore-errors (error "x") 'unreached) (list v (type-of c)))
;=> (NIL SIMPLE-ERROR)
(multiple-value-bind (v c) (ignore-errors (error "the ~A" "report")) (list v (princ-to-string c)))
;=> (NIL "the report")
(ignore-errors (values 1 2))
;=> 1
;=> 2
(ignore-errors)
;=> NIL
(ignore-errors (signal "just a signal") 'fine)
;=> FINE
(handler-case (ignore-errors (signal 'warning) 'ok) (warning () 'outer))
;=> OUTER
(ignore-errors (warn "w") 'after)
;=> AFTER

;;; restarts
(restart-case (invoke-restart 'my-restart 1 2) (my-restart (a b) (list 'restarted a b)))
;=> (RESTARTED 1 2)
(restart-case (+ 1 2) (my-restart () 'unused))
;=> 3
(restart-case (values 1 2) (r () 'unused))
;=> 1
;=> 2
(restart-case (invoke-restart 'r2) (r1 () 1) (r2 () 2))
;=> 2
(restart-case (invoke-restart (find-restart 'r)) (r () :report "Do it." 'found))
;=> FOUND
(restart-case (let ((r (find-restart 'r))) (list (restart-name r) (princ-to-string r))) (r () :report "Do the thing." 'x))
;=> (R "Do the thing.")
(restart-case (princ-to-string (find-restart 'r)) (r () :report (lambda (s) (format s "Dynamic ~A" 'report)) 'x))
;=> "Dynamic REPORT"
(restart-case (princ-to-string (find-restart 'no-report)) (no-report () 'x))
;=> "NO-REPORT"
(let ((names (restart-case (mapcar #'restart-name (compute-restarts)) (a () 1) (b () 2))))
  (list (first names) (second names)))
;=> (A B)
(find-restart 'cnd-no-such-restart)
;=> NIL
(handler-case (invoke-restart 'cnd-no-such-restart) (control-error () 'control-error))
;=> CONTROL-ERROR
(restart-case (handler-bind ((error (lambda (c) (invoke-restart 'use 42 c)))) (error "e"))
  (use (v c) (list v (princ-to-string c))))
;=> (42 "e")
(restart-case (handler-bind ((error #'abort)) (error "e")) (abort () 'aborted))
;=> ABORTED
(restart-case (handler-bind ((error (lambda (c) (use-value 7 c)))) (error "e")) (use-value (v) (list 'used v)))
;=> (USED 7)
(restart-case (handler-bind ((error (lambda (c) (store-value 8 c)))) (error "e")) (store-value (v) (list 'stored v)))
;=> (STORED 8)
(restart-case (continue) (continue () 'continued))
;=> CONTINUED
(use-value 1)
;=> NIL
(restart-case (restart-case (invoke-restart 'r) (r () 'inner)) (r () 'outer))
;=> INNER
(restart-case (invoke-restart 'r 1) (r (&optional (x 0) (y 10)) (list x y)))
;=> (1 10)
(restart-case (invoke-restart 'r :k 5) (r (&key k) k))
;=> 5
(restart-case (with-simple-restart (skip "Skip it.") (invoke-restart 'skip)) (skip () 'outer))
;=> NIL
;=> T
(with-simple-restart (skip "Skip ~A." 'this) (invoke-restart 'skip))
;=> NIL
;=> T
(with-simple-restart (skip "Skip ~A." 'this) (princ-to-string (find-restart 'skip)))
;=> "Skip THIS."
(with-simple-restart (skip "Skip.") (values 1 2))
;=> 1
;=> 2
(restart-bind ((r (lambda (x) (list 'bound x)))) (invoke-restart 'r 5))
;=> (BOUND 5)
(block b (restart-bind ((r (lambda () (return-from b 'exited)))) (invoke-restart 'r) 'not-here))
;=> EXITED
(restart-bind ((r (lambda () 'returned-normally) :report-function (lambda (s) (write-string "RB report" s))))
  (list (invoke-restart 'r) (princ-to-string (find-restart 'r))))
;=> (RETURNED-NORMALLY "RB report")
(restart-bind ((r (lambda () 'fn) :test-function (lambda (c) (declare (ignore c)) nil))) (find-restart 'r))
;=> NIL
(let ((c1 (make-condition 'simple-error :format-control "c1")) (c2 (make-condition 'simple-error :format-control "c2")))
  (restart-case
      (with-condition-restarts c1 (list (find-restart 'r))
        (list (not (null (find-restart 'r c1))) (null (find-restart 'r c2)) (not (null (find-restart 'r)))))
    (r () nil)))
;=> (T T T)
(handler-bind ((error (lambda (c) (let ((r (find-restart 'retry c))) (when r (invoke-restart r))))))
  (let ((tries 0))
    (restart-case (progn (incf tries) (if (< tries 3) (error "fail") 'ok))
      (retry () (list 'retried tries)))))
;=> (RETRIED 1)
(let ((n 0))
  (handler-bind ((error (lambda (c) (declare (ignore c)) (invoke-restart 'again))))
    (loop (restart-case (progn (incf n) (when (< n 4) (error "e")) (return n))
            (again () nil)))))
;=> 4
(restart-case (invoke-restart-interactively 'r) (r () 'interactive))
;=> INTERACTIVE
(restart-case (handler-case (invoke-restart 'r) (error () 'case)) (r () 'restart-first))
;=> RESTART-FIRST
(restart-case (restart-name (first (compute-restarts))) (r () 1))
;=> R
(restart-case (with-simple-restart (abort "Abort.") (invoke-restart 'abort)) (abort () 'outer-abort))
;=> NIL
;=> T
(restart-case (unwind-protect (invoke-restart 'r) (princ "cleanup ")) (r () 'after-cleanup))
;out> cleanup 
;=> AFTER-CLEANUP

;;; define-condition
(define-condition cnd-basic (error) ())
(handler-case (error 'cnd-basic) (cnd-basic (c) (type-of c)))
;=> CND-BASIC
(typep (make-condition 'cnd-basic) 'error)
;=> T
(subtypep 'cnd-basic 'condition)
;=> T
;=> T
(define-condition cnd-slots (error)
  ((a :initarg :a :reader cnd-a)
   (b :initarg :b :initform 'b-default :accessor cnd-b)
   (c :initform (list 'fresh) :reader cnd-c)))
(let ((c (make-condition 'cnd-slots :a 1))) (list (cnd-a c) (cnd-b c) (cnd-c c)))
;=> (1 B-DEFAULT (FRESH))
(let ((c (make-condition 'cnd-slots :a 1 :b 2))) (setf (cnd-b c) 3) (cnd-b c))
;=> 3
(eq (cnd-c (make-condition 'cnd-slots)) (cnd-c (make-condition 'cnd-slots)))
;=> NIL
(define-condition cnd-reported (error)
  ((what :initarg :what :reader cnd-what))
  (:report (lambda (c s) (format s "Report: ~A happened" (cnd-what c)))))
(princ-to-string (make-condition 'cnd-reported :what 'x))
;=> "Report: X happened"
(format nil "[~A]" (make-condition 'cnd-reported :what 'y))
;=> "[Report: Y happened]"
(handler-case (error 'cnd-reported :what "it") (error (c) (princ-to-string c)))
;=> "Report: it happened"
(define-condition cnd-string-report (error) () (:report "A fixed report."))
(princ-to-string (make-condition 'cnd-string-report))
;=> "A fixed report."
(define-condition cnd-child (cnd-reported) ((extra :initarg :extra :initform 0 :reader cnd-extra)))
(let ((c (make-condition 'cnd-child :what 'inherited :extra 5))) (list (princ-to-string c) (cnd-extra c) (cnd-what c)))
;=> ("Report: INHERITED happened" 5 INHERITED)
(handler-case (error 'cnd-child :what 1) (cnd-reported (c) (type-of c)))
;=> CND-CHILD
(define-condition cnd-defaults (error)
  ((x :initarg :x :reader cnd-x) (y :initarg :y :reader cnd-y))
  (:default-initargs :x 'dx :y 'dy))
(let ((c (make-condition 'cnd-defaults :y 'given))) (list (cnd-x c) (cnd-y c)))
;=> (DX GIVEN)
(define-condition cnd-defaults-child (cnd-defaults) () (:default-initargs :x 'child-x))
(let ((c (make-condition 'cnd-defaults-child))) (list (cnd-x c) (cnd-y c)))
;=> (CHILD-X DY)
(define-condition cnd-multi (cnd-basic warning) ())
(let ((c (make-condition 'cnd-multi))) (list (typep c 'error) (typep c 'warning) (typep c 'cnd-basic)))
;=> (T T T)
(define-condition cnd-simple (simple-error) ())
(princ-to-string (make-condition 'cnd-simple :format-control "simple ~A ~A" :format-arguments '(1 2)))
;=> "simple 1 2"
(handler-case (error 'cnd-simple :format-control "raised ~S" :format-arguments '("s")) (error (c) (format nil "~A" c)))
;=> "raised \"s\""
(define-condition cnd-multi-slot (error) ((s :initarg :s1 :initarg :s2 :reader cnd-s)))
(list (cnd-s (make-condition 'cnd-multi-slot :s1 1)) (cnd-s (make-condition 'cnd-multi-slot :s2 2)))
;=> (1 2)
(define-condition cnd-plain-condition (condition) ())
(signal 'cnd-plain-condition)
;=> NIL
(handler-case (signal 'cnd-plain-condition) (cnd-plain-condition () 'caught))
;=> CAUGHT
(error 'cnd-basic)
;error> CND-BASIC
(error 'cnd-plain-condition)
;error> CND-PLAIN-CONDITION
(handler-case (error (make-condition 'cnd-reported :what 'made)) (cnd-reported (c) (cnd-what c)))
;=> MADE
(define-condition cnd-warning (warning) ((n :initarg :n :reader cnd-n)) (:report (lambda (c s) (format s "warning number ~D" (cnd-n c)))))
(handler-case (warn 'cnd-warning :n 3) (warning (c) (princ-to-string c)))
;=> "warning number 3"
(let ((*error-output* (make-string-output-stream))) (warn 'cnd-warning :n 4) (write-string (get-output-stream-string *error-output*) *standard-output*) 'done)
;out> WARNING: warning number 4
;=> DONE
(define-condition cnd-slot-default-order (error) ((a :initarg :a :initform 'init-a :reader cnd-ord-a)) (:default-initargs :a 'default-a))
(cnd-ord-a (make-condition 'cnd-slot-default-order))
;=> DEFAULT-A
(define-condition cnd-report-fn (error) ((v :initarg :v :reader cnd-v)) (:report cnd-report-function))
(defun cnd-report-function (c s) (format s "via function ~A" (cnd-v c)))
(princ-to-string (make-condition 'cnd-report-fn :v 9))
;=> "via function 9"

;;; check-type and assert
(let ((x 1)) (check-type x integer) x)
;=> 1
(handler-case (let ((x "s")) (check-type x integer)) (type-error (c) (list (type-error-datum c) (type-error-expected-type c))))
;=> ("s" INTEGER)
(handler-case (let ((x "s")) (check-type x integer)) (error (c) (princ-to-string c)))
;=> "The value of X is \"s\", which is not of type INTEGER."
(handler-case (let ((x 's)) (check-type x (integer 0 10) "a small integer")) (error (c) (princ-to-string c)))
;=> "The value of X is S, which is not a small integer."
(let ((x "bad"))
  (handler-bind ((type-error (lambda (c) (declare (ignore c)) (store-value 42))))
    (check-type x integer))
  x)
;=> 42
(let ((l (list "bad")))
  (handler-bind ((type-error (lambda (c) (store-value 7 c))))
    (check-type (car l) number))
  l)
;=> (7)
(let ((x 'bad))
  (handler-bind ((type-error (lambda (c) (declare (ignore c)) (invoke-restart 'store-value 3))))
    (check-type x integer))
  x)
;=> 3
(let ((x "s")) (check-type x integer))
;error> SIMPLE-TYPE-ERROR
(assert t)
;=> NIL
(assert (= 1 1))
;=> NIL
(handler-case (assert (= 1 2)) (error (c) (list (type-of c) (princ-to-string c))))
;=> (SIMPLE-ERROR "The assertion (= 1 2) failed.")
(handler-case (assert nil () "custom ~A" 'message) (error (c) (princ-to-string c)))
;=> "custom MESSAGE"
(handler-case (assert nil () 'cnd-reported :what 'assert-datum) (error (c) (princ-to-string c)))
;=> "Report: ASSERT-DATUM happened"
(assert (= 1 2))
;error> SIMPLE-ERROR
(defvar *cnd-g* 3)
(let ((a 1) (b (list 2)))
  (dolist (f (list (lambda () (assert (> (car b) 5)))
                   (lambda () (assert (> a (length b) *cnd-g*)))
                   (lambda () (assert (null b)))
                   (lambda () (assert (and a nil)))
                   (lambda () (assert (eql a 'x)))
                   (lambda () (assert nil))
                   (lambda () (assert (> a 5) (a) "msg ~A" a))))
    (handler-case (funcall f) (error (c) (princ c) (terpri)))))
;out> The assertion (> (CAR B) 5) failed with (CAR B) = 2.
;out> The assertion (> A (LENGTH B) *CND-G*) failed with A = 1, (LENGTH B) = 1,
;out> *CND-G* = 3.
;out> The assertion (NULL B) failed with B = (2).
;out> The assertion (AND A NIL) failed.
;out> The assertion (EQL A 'X) failed with A = 1.
;out> The assertion NIL failed.
;out> msg 1
;=> NIL
(macrolet ((local-test (x) `(> ,x 5))) (let ((a 1)) (handler-case (assert (local-test a)) (error (c) (princ-to-string c)))))
;=> "The assertion (LOCAL-TEST A) failed."
(let ((n 0)) (assert (progn (incf n) t)) n)
;=> 1
(let ((calls 0)) (flet ((f (x) (incf calls) x)) (assert (eql (f 1) 1))) calls)
;=> 1
(let ((x 0))
  (handler-bind ((error (lambda (c) (declare (ignore c)) (incf x) (continue))))
    (assert (> x 2)))
  x)
;=> 3
(let ((n 0))
  (handler-bind ((error (lambda (c) (declare (ignore c)) (invoke-restart 'continue))))
    (assert (progn (incf n) (> n 1)) ()))
  n)
;=> 2

;;; condition reports of standard errors, via princ and ~A
(handler-case (error "fmt ~{~A~^, ~}" '(1 2 3)) (error (c) (princ c) (values)))
;out> fmt 1, 2, 3
(defun cnd-id (x) x)
(handler-case (car (cnd-id 'x)) (error (c) (princ c) (values)))
;out> The value
;out>   X
;out> is not of type
;out>   LIST
(handler-case (cnd-undefined-fn 1) (error (c) (princ c) (values)))
;out> The function COMMON-LISP-USER::CND-UNDEFINED-FN is undefined.
(handler-case (symbol-value 'cnd-unbound) (error (c) (princ c) (values)))
;out> The variable CND-UNBOUND is unbound.
(handler-case (/ 5 0) (error (c) (princ c) (values)))
;out> arithmetic error DIVISION-BY-ZERO signalled
;out> Operation was (/ 5 0).
(handler-case (error 'type-error :datum "str" :expected-type 'integer) (error (c) (format t "~A" c) (values)))
;out> The value
;out>   "str"
;out> is not of type
;out>   INTEGER
(handler-case (ecase 5 (1 'a) (2 'b)) (error (c) (princ c) (values)))
;out> 5 fell through ECASE expression. Wanted one of (1 2).
(handler-case (etypecase 5 (string 'a) (symbol 'b)) (error (c) (princ c) (values)))
;out> 5 fell through ETYPECASE expression. Wanted one of (STRING SYMBOL).
(handler-case (throw 'cnd-no-tag 1) (error (c) (princ c) (values)))
;out> attempt to THROW to a tag that does not exist: CND-NO-TAG
(handler-case (error 'simple-error :format-control "~S and ~A" :format-arguments '("q" "p")) (error (c) (format nil "<~A>" c)))
;=> "<\"q\" and p>"
(handler-case (signal 'simple-condition :format-control "cond ~A" :format-arguments '(x)) (condition (c) (princ-to-string c)))
;=> "cond X"
(handler-case (warn "warn ~(~A~)" 'LOWER) (warning (c) (format nil "~A" c)))
;=> "warn lower"
(handler-case (cerror "Continue." "cerror ~A" 'report) (error (c) (princ c) (values)))
;out> cerror REPORT
(handler-case (error 'cnd-basic) (error (c) (princ c) (values)))
;out> Condition COMMON-LISP-USER::CND-BASIC was signalled.
(handler-case (invoke-restart 'cnd-missing) (error (c) (princ c) (values)))
;out> No restart CND-MISSING is active.
(handler-case (error 'unbound-variable :name 'made-up) (error (c) (princ c) (values)))
;out> The variable MADE-UP is unbound.
(handler-case (error 'undefined-function :name 'made-up) (error (c) (princ c) (values)))
;out> The function COMMON-LISP-USER::MADE-UP is undefined.
(handler-case (error 'division-by-zero :operation '/ :operands '(1 0)) (error (c) (princ c) (values)))
;out> arithmetic error DIVISION-BY-ZERO signalled
;out> Operation was (/ 1 0).
(handler-case (error 'program-error) (error (c) (princ c) (values)))
;out> Condition PROGRAM-ERROR was signalled.
(handler-case (error 'control-error) (error (c) (princ c) (values)))
;out> Condition CONTROL-ERROR was signalled.
(handler-case (error (make-condition 'simple-type-error :datum 1 :expected-type 'string :format-control "~S is no string" :format-arguments '(1))) (type-error (c) (list (princ-to-string c) (type-error-datum c))))
;=> ("1 is no string" 1)
(format nil "~A / ~S" (make-condition 'simple-error :format-control "a") 'x)
;=> "a / X"

;;;; Iterating over packages (DO-SYMBOLS and friends, WITH-PACKAGE-ITERATOR,
;;;; FIND-ALL-SYMBOLS) and WITH-STANDARD-IO-SYNTAX. Expectations from sbcl --script.

(defpackage "PKT" (:use) (:export "A1" "B1"))
(intern "C1" "PKT")
;=> PKT::C1
;=> NIL
(let (r) (do-symbols (s "PKT") (push (symbol-name s) r)) (sort r #'string<))
;=> ("A1" "B1" "C1")
(let (r) (do-external-symbols (s "PKT" (sort r #'string<)) (push (symbol-name s) r)))
;=> ("A1" "B1")
(let ((n 0)) (do-symbols (s "PKT" n) (declare (ignorable s)) (incf n)))
;=> 3
(let ((n 0)) (do-all-symbols (s) (when (eq s 'car) (incf n))) (plusp n))
;=> T
(do-symbols (s "PKT") (return 42))
;=> 42
(let (r) (with-package-iterator (next "PKT" :internal :external) (loop (multiple-value-bind (more s st p) (next) (unless more (return)) (push (list (symbol-name s) st (package-name p)) r)))) (sort r #'string< :key #'car))
;=> (("A1" :EXTERNAL "PKT") ("B1" :EXTERNAL "PKT") ("C1" :INTERNAL "PKT"))
(find-all-symbols "CAR")
;=> (CAR)
(not (null (member (quote pkt::a1) (find-all-symbols "A1"))))
;=> T
(with-standard-io-syntax (list *print-base* *read-eval* *print-readably* (package-name *package*) *print-pretty*))
;=> (10 T T "COMMON-LISP-USER" NIL)
(let ((*print-base* 16)) (with-standard-io-syntax (prin1-to-string 255)))
;=> "255"
(let ((*package* (find-package "PKT"))) (with-standard-io-syntax (prin1-to-string 'car)))
;=> "CAR"
(with-standard-io-syntax *read-default-float-format*)
;=> SINGLE-FLOAT

;;;; Package use lists, name conflicts (SBCL's NAME-CONFLICT and its report)
;;;; and deleted packages. Expectations written by tests/sbcl_check.py.

(defpackage :pk-a1 (:use :cl) (:export #:thing #:other))
(defpackage :pk-a2 (:use :cl) (:export #:thing #:other2))
(defun pk-report (thunk)
  (handler-case (progn (funcall thunk) :no-error)
    (error (e) (let ((*print-pretty* nil))
                 (substitute #\| #\Newline
                             (format nil "~S ~A" (if (typep e 'sb-ext:name-conflict)
                                                     'sb-ext:name-conflict
                                                     (typep e 'package-error))
                                     e))))))
(mapcar #'package-name (package-use-list (make-package "PK-U1" :use '("PK-A1" "CL"))))
;=> ("COMMON-LISP" "PK-A1")
(progn (use-package "CL-USER" "PK-U1") (mapcar #'package-name (package-use-list "PK-U1")))
;=> ("COMMON-LISP-USER" "COMMON-LISP" "PK-A1")
(mapcar #'package-name (package-used-by-list "PK-A1"))
;=> ("PK-U1")
(pk-report (lambda () (use-package :pk-a2 :pk-u1)))
;=> "NAME-CONFLICT USE-PACKAGE #<PACKAGE \"PK-A2\"> causes name-conflicts in #<PACKAGE \"PK-U1\"> between the following symbols: PK-A2:THING, PK-A1:THING|See also:|  The ANSI Standard, Section 11.1.1.2.5"
(pk-report (lambda () (defpackage :pk-both (:use :cl :pk-a1 :pk-a2))))
;=> "NAME-CONFLICT USE-PACKAGE #<PACKAGE \"PK-A2\"> causes name-conflicts in #<PACKAGE \"PK-BOTH\"> between the following symbols: PK-A2:THING, PK-A1:THING|See also:|  The ANSI Standard, Section 11.1.1.2.5"
(handler-case (use-package :pk-a2 :pk-u1)
  (package-error (e) (list (sb-ext:name-conflict-function e) (sb-ext:name-conflict-datum e)
                           (sb-ext:name-conflict-symbols e) (package-name (package-error-package e)))))
;=> (USE-PACKAGE #<PACKAGE "PK-A2"> (PK-A2:THING PK-A1:THING) "PK-U1")
(progn (make-package "PK-U4" :use '()) (intern "THING" "PK-U4")
       (pk-report (lambda () (use-package :pk-a1 :pk-u4))))
;=> "NAME-CONFLICT USE-PACKAGE #<PACKAGE \"PK-A1\"> causes name-conflicts in #<PACKAGE \"PK-U4\"> between the following symbols: PK-U4::THING, PK-A1:THING|See also:|  The ANSI Standard, Section 11.1.1.2.5"
(progn (make-package "PK-U3" :use '("PK-A2"))
       (pk-report (lambda () (export (intern "OTHER2" :pk-a1) :pk-a1))))
;=> :NO-ERROR
(pk-report (lambda () (import 'pk-a2:thing :pk-u1)))
;=> "NAME-CONFLICT IMPORT PK-A2:THING causes name-conflicts in #<PACKAGE \"PK-U1\"> between the following symbols: PK-A2:THING, PK-A1:THING|See also:|  The ANSI Standard, Section 11.1.1.2.5"
(format nil "~/sb-ext:print-symbol-with-prefix/ ~/sb-ext:print-symbol-with-prefix/" 'pk-a1::x 'car)
;=> "PK-A1::X COMMON-LISP:CAR"

;;; deleted packages
(pk-report (lambda () (delete-package "PK-NO-SUCH-PACKAGE")))
;=> "T There is no package named \"PK-NO-SUCH-PACKAGE\"."
(defpackage :pk-d1 (:use) (:export #:hook))
(defvar *pk-hook* 'pk-d1:hook)
(make-package "PK-D2" :use '("PK-D1"))
;=> #<PACKAGE "PK-D2">
(pk-report (lambda () (delete-package :pk-d1)))
;=> "T Package \"PK-D1\" is used by package:(\"PK-D2\")"
(handler-bind ((error #'continue)) (delete-package :pk-d1))
;=> T
(list *pk-hook* (symbol-package *pk-hook*) (package-use-list "PK-D2") (find-package "PK-D1"))
;=> (#:HOOK NIL NIL NIL)
(let ((p (make-package "PK-D3" :use nil)))
  (list (delete-package p) (package-name p) (delete-package p) (packagep p)
        (handler-case (package-nicknames p) (error (e) (type-of e)))))
;=> (T NIL NIL T PACKAGE-DOES-NOT-EXIST)
(pk-report (lambda () (intern "X" "PK-NO-SUCH-PACKAGE")))
;=> "T The name \"PK-NO-SUCH-PACKAGE\" does not designate any package."

;;; package-local nicknames
(defpackage :pk-very-long-name (:use :cl) (:export #:thing))
(defpackage :pk-client (:use :cl) (:local-nicknames (:v :pk-very-long-name) (:s :cl)))
(let ((*package* (find-package :pk-client))) (list (package-name (find-package :v)) (eq (read-from-string "v:thing") 'pk-very-long-name:thing)))
;=> ("PK-VERY-LONG-NAME" T)
(sb-ext:package-local-nicknames :pk-client)
;=> (("S" . #<PACKAGE "COMMON-LISP">) ("V" . #<PACKAGE "PK-VERY-LONG-NAME">))
(sb-ext:package-locally-nicknamed-by-list :pk-very-long-name)
;=> (#<PACKAGE "PK-CLIENT">)
(find-package :v)
;=> NIL
(let ((*package* (find-package :pk-client))) (sb-ext:add-package-local-nickname :vl :pk-very-long-name) (package-name (find-package :vl)))
;=> "PK-VERY-LONG-NAME"
(sb-ext:remove-package-local-nickname :vl :pk-client)
;=> T
(sb-ext:remove-package-local-nickname :vl :pk-client)
;=> NIL
(pk-report (lambda () (sb-ext:add-package-local-nickname :cl :pk-very-long-name)))
;=> "T Attempt to use CL as a package local nickname (for PK-VERY-LONG-NAME)."

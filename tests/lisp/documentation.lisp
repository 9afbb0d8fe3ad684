;;;; DOCUMENTATION and its SETF, APROPOS and APROPOS-LIST. Expectations from
;;;; sbcl --script.

(defun doc-f1 (x) "Foo doc." x)
(documentation 'doc-f1 'function)
;=> "Foo doc."
(documentation #'doc-f1 t)
;=> "Foo doc."
(documentation #'doc-f1 'function)
;=> "Foo doc."
(defun doc-f2 ())
(documentation 'doc-f2 'function)
;=> NIL
(progn (setf (documentation 'doc-f1 'function) "New.") (documentation 'doc-f1 'function))
;=> "New."
(setf (documentation 'doc-f1 'function) "Again.")
;=> "Again."
(documentation #'doc-f1 t)
;=> "Again."
(defvar *doc-v1* 1 "V doc.")
(documentation '*doc-v1* 'variable)
;=> "V doc."
(defparameter *doc-p1* 1 "P doc.")
(documentation '*doc-p1* 'variable)
;=> "P doc."
(defconstant +doc-c1+ 1 "C doc.")
(documentation '+doc-c1+ 'variable)
;=> "C doc."
(defvar *doc-v2* 1)
(documentation '*doc-v2* 'variable)
;=> NIL
(setf (documentation '*doc-v2* 'variable) "Set.")
;=> "Set."
(documentation '*doc-v2* 'variable)
;=> "Set."
(defmacro doc-m1 () "Mac doc." 1)
(documentation 'doc-m1 'function)
;=> "Mac doc."
(defgeneric doc-g1 (x) (:documentation "GF doc."))
(documentation 'doc-g1 'function)
;=> "GF doc."
(documentation #'doc-g1 t)
;=> "GF doc."
(defclass doc-c1 () () (:documentation "Class doc."))
(documentation 'doc-c1 'type)
;=> "Class doc."
(documentation (find-class 'doc-c1) t)
;=> "Class doc."
(deftype doc-t1 () "Type doc." 'integer)
(documentation 'doc-t1 'type)
;=> "Type doc."
(documentation (lambda (x) "lam doc" x) t)
;=> "lam doc"
(documentation 'doc-nothing 'variable)
;=> NIL
(progn (setf (documentation 'doc-f1 'function) nil) (documentation 'doc-f1 'function))
;=> NIL
(defpackage "APT" (:use "CL") (:export "ZQXFUN"))
(defun apt::zqxfun (x) x)
(defvar apt::*zqxvar* 3)
(defmacro apt::zqxmac () 1)
(defun apt::zqx-nodoc ())
(sort (mapcar #'symbol-name (apropos-list "zqx")) #'string<)
;=> ("*ZQXVAR*" "ZQX-NODOC" "ZQXFUN" "ZQXMAC")
(apropos-list "zqx" "APT" t)
;=> (APT:ZQXFUN)
(sort (mapcar #'symbol-name (apropos-list "ZQXV" "APT")) #'string<)
;=> ("*ZQXVAR*")
(apropos "zqxv")
;out> APT::*ZQXVAR* = 3
(apropos "zqxf" "APT")
;out> APT:ZQXFUN (fbound)
(apropos "zqxmac")
;out> APT::ZQXMAC (fbound)
(let ((*package* (find-package "APT"))) (apropos "zqxvar"))
;out> *ZQXVAR* = 3

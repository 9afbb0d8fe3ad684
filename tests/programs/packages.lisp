;;;; A plugin system organised in packages: exports, shadowing, imports,
;;;; and how symbols print as *package* changes.

(defpackage :shapes
  (:use :common-lisp)
  (:nicknames :shp)
  (:export #:area #:circle #:square #:make-shape #:shape-kind)
  (:documentation "Geometric shapes."))

(in-package :shapes)
(defun make-shape (kind size) (list kind size))
(defun shape-kind (s) (first s))
(defun area (s)
  (ecase (first s)
    (circle (* pi (second s) (second s)))
    (square (* (second s) (second s)))))
(defun internal-helper () :hidden)

(defpackage :reports
  (:use :common-lisp :shapes)
  (:shadow #:format)
  (:import-from :shapes #:internal-helper)
  (:export #:summarize))

(in-package :reports)
(defun format (&rest args) (apply #'cl:format args))
(defun summarize (shapes)
  (dolist (s shapes)
    (format t "~&~A of size ~A: ~,2F~%" (shape-kind s) (second s) (area s)))
  (internal-helper))

(in-package :cl-user)

(print (reports:summarize (list (shapes:make-shape 'shapes:circle 1)
                                (shp:make-shape 'shapes:square 3))))

;; how symbols print depends on *package*
(defvar *syms* (list 'shapes:area 'shapes::internal-helper 'reports::format
                     'reports:summarize :keyword 'cl:car 'cl-user::local
                     (make-symbol "UNINTERNED")))
(print *syms*)
(let ((*package* (find-package :shapes))) (print *syms*))
(let ((*package* (find-package :reports))) (print *syms*))
(let ((*package* (find-package :keyword))) (print *syms*))

;; finding symbols and their status
(dolist (name '("AREA" "INTERNAL-HELPER" "FORMAT" "CAR" "NOPE"))
  (format t "~&~16A ~{~S~^ ~}~%" name
          (loop for pkg in '(:shapes :reports :cl-user)
                collect (multiple-value-bind (sym status) (find-symbol name pkg)
                          (if sym status :none)))))
(print (list (symbol-package 'reports::format) (eq 'reports::format 'cl:format)
             (package-shadowing-symbols :reports)))
(print (mapcar #'package-name (package-use-list :reports)))
(print (sort (mapcar #'package-name (package-used-by-list :shapes)) #'string<))
(print (list (package-nicknames :shapes) (documentation (find-package :shapes) t)))

;; counting symbols with do-symbols and friends
(defun count-symbols (pkg)
  (let ((internal 0) (external 0) (inherited 0))
    (do-symbols (s pkg)
      (multiple-value-bind (sym status) (find-symbol (symbol-name s) pkg)
        (declare (ignore sym))
        (ecase status
          (:internal (incf internal))
          (:external (incf external))
          (:inherited (incf inherited)))))
    (list internal external inherited)))
(print (count-symbols :shapes))
(print (let (l) (do-external-symbols (s :shapes) (push (symbol-name s) l))
         (sort l #'string<)))
(print (let (l) (do-symbols (s :shapes)
                  (when (eq (symbol-package s) (find-package :shapes))
                    (push s l)))
         (sort (remove-duplicates l) #'string< :key #'symbol-name)))

;; a fresh package built at run time
(let ((p (make-package "PLUGIN-42" :use '())))
  (print (list (package-name p) (package-use-list p)))
  (let ((sym (intern "HOOK" p)))
    (print (multiple-value-list (intern "HOOK" p)))
    (export sym p)
    (print (multiple-value-list (find-symbol "HOOK" p)))
    (print sym)
    (use-package p :cl-user)
    (print (multiple-value-list (find-symbol "HOOK" :cl-user)))
    (unexport sym p)
    (print (find-symbol "HOOK" :cl-user)))
  (unuse-package p :cl-user)
  (rename-package p "PLUGIN-43" '("P43"))
  (print (list (package-name p) (package-nicknames p) (find-package "P43")))
  (print (intern "lower case" p))
  (delete-package p)
  (print (list (package-name p) (find-package "PLUGIN-43"))))

;; conflicts are errors with restarts
(defpackage :a1 (:use :cl) (:export #:thing))
(defpackage :a2 (:use :cl) (:export #:thing))
(print (handler-case (progn (defpackage :both (:use :cl :a1 :a2)) :no-error)
         (package-error (e) (type-of e))
         (error (e) (list :error (not (null e))))))
(print (let ((n 0)) (handler-bind ((error (lambda (c)
                                            (incf n)
                                            (let ((r (find-restart 'continue c)))
                                              (when r (invoke-restart r))))))
                      (export (intern "NEWSYM" :a1) :a1))
         n))
(print (list (keywordp :x) (symbol-name :x) (gentemp "TEMP-" :a1) 
             (string 'shapes::circle) (symbol-name '|mixed Case|)))
(print '(|foo| |FOO| |a b| |1234| \x #:g))
(defun ours (name)
  (sort (loop for s in (find-all-symbols name)
              when (member (package-name (symbol-package s)) '("A1" "A2" "SHAPES" "REPORTS") :test #'string=)
                collect (package-name (symbol-package s)))
        #'string<))
(print (list (ours "THING") (ours "SQUARE") (ours "FORMAT")))
(in-package :shapes)
(print (list 'area 'cl-user::x :k (find-symbol "SUMMARIZE" :reports)))

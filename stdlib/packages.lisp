;;;; Package name conflicts as SBCL signals them: USE-PACKAGE, EXPORT and
;;;; IMPORT (lisp/prims/packages.py) call %NAME-CONFLICT when a symbol would
;;;; make another one of the same name inaccessible.

(in-package "SYSTEM")

(export '(sb-ext::name-conflict sb-ext::name-conflict-function sb-ext::name-conflict-datum
          sb-ext::name-conflict-symbols sb-ext::print-symbol-with-prefix
          sb-ext::resolve-conflict)
        "SB-EXT")

(defun sb-ext:print-symbol-with-prefix (stream symbol &optional colon at)
  "For use with ~/: Write SYMBOL to STREAM as if it is not accessible from
  the current package."
  (declare (ignore colon at))
  (let ((*package* (find-package "KEYWORD")))
    (prin1 symbol stream)))

(define-condition sb-ext:name-conflict (package-error)
  ((function :initarg :function :reader sb-ext:name-conflict-function)
   (datum :initarg :datum :reader sb-ext:name-conflict-datum)
   (symbols :initarg :symbols :reader sb-ext:name-conflict-symbols))
  (:report
   (lambda (c s)
     (format s "~@<~S ~S causes name-conflicts in ~S between the ~
                following symbols: ~2I~@:_~
                ~{~/sb-ext:print-symbol-with-prefix/~^, ~}~:@>~%See also:~%  ~
                The ANSI Standard, Section 11.1.1.2.5"
             (sb-ext:name-conflict-function c) (sb-ext:name-conflict-datum c)
             (package-error-package c) (sb-ext:name-conflict-symbols c)))))

(defun %name-conflict (package function datum symbols)
  "Signal a NAME-CONFLICT in PACKAGE, FUNCTION (USE-PACKAGE, EXPORT or
IMPORT) applied to DATUM making SYMBOLS conflict; return :KEEP-OLD or
:TAKE-NEW, as the restart taken asks the caller to resolve it."
  (restart-case (error 'sb-ext:name-conflict :package package :function function
                                             :datum datum :symbols symbols)
    (sb-impl::keep-old ()
      :report (lambda (s)
                (format s "Keep symbols already accessible in ~A (shadowing others)."
                        (package-name package)))
      :keep-old)
    (sb-impl::take-new ()
      :report (lambda (s)
                (format s "Make newly exposed symbols accessible in ~A, uninterning old ones."
                        (package-name package)))
      :take-new)))

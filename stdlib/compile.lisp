;;;; COMPILE-FILE for an interpreter: the file is read as SBCL's compiler
;;;; reads it, with what SBCL does at compile time (DEFPACKAGE, IN-PACKAGE,
;;;; DEFMACRO, (EVAL-WHEN (:COMPILE-TOPLEVEL) ...), found also through the
;;;; expansion of top-level macros and inside top-level PROGNs), and the
;;;; output file holds the source, which LOAD evaluates.

(in-package "SYSTEM")

(defvar *macroexpand-hook* 'funcall
  "The function MACROEXPAND-1 calls with a macro function, the form and the
environment to expand a macro form.")

(defun %compile-time-process (form)
  (when (consp form)
    (case (car form)
      ((in-package defpackage defmacro) (eval form))
      (progn (mapc #'%compile-time-process (cdr form)))
      (eval-when
       (when (intersection '(:compile-toplevel compile) (cadr form))
         (eval (cons 'progn (cddr form)))))
      (t (multiple-value-bind (expansion expanded) (macroexpand-1 form)
           (when expanded (%compile-time-process expansion)))))))

(defun compile-file (input-file &key output-file (verbose *compile-verbose*)
                                  (print *compile-print*) external-format)
  "Check that INPUT-FILE reads, doing what a compiler does at compile time
(see stdlib/compile.lisp), and write the output file LOAD runs: OUTPUT-FILE
or INPUT-FILE with type fasl. Returns its truename, WARNINGS-P and
FAILURE-P; on a reader error, NIL, T and T."
  (declare (ignore print external-format))
  (let* ((*compile-file-pathname* (pathname (merge-pathnames input-file)))
         (*compile-file-truename* (truename *compile-file-pathname*))
         (source (namestring *compile-file-truename*))
         (output (%compile-file-output source output-file))
         (*package* *package*)
         (*readtable* *readtable*))
    (when verbose
      (format t "~&; compiling file ~S~%" source))
    (let ((failure
            (with-open-file (in source)
              (handler-case
                  (loop for form = (read in nil in)
                        until (eq form in)
                        do (%compile-time-process form)
                        finally (return nil))
                (reader-error (e)
                  (format *error-output* "~&; caught READ-ERROR:~%;   ~A~%" e)
                  t)
                (end-of-file (e)
                  (format *error-output* "~&; caught READ-ERROR:~%;   ~A~%" e)
                  t)))))
      (if failure
          (values nil t t)
          (let ((written (%write-compiled-file source output)))
            (when verbose
              (format t "~&; wrote ~A~%" written))
            (values (truename written) nil nil))))))

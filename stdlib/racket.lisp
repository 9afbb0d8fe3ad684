;;;; The Lisp half of the RACKET package (SPEC 6): raising breaks, break
;;;; predicates, WITH-HANDLERS, DYNAMIC-WIND and CALL-IN-NESTED-THREAD.
;;;; The mechanism is runtime/breaks.py, the primitives runtime/racket.py.

(in-package "RACKET")

(defun %raise-break (kind)
  "Raise a held break of KIND (NIL-like :INTERRUPT, :HANG-UP or :TERMINATE)
in the running process. runtime.breaks calls this at a step boundary where
breaks are enabled, above a frame that resumes the interrupted computation:
the CONTINUE restart returns to it (SPEC 6.9). Handlers are searched and
run with breaks disabled (SPEC 6.6); an unhandled break enters the
debugger, which ends a script with the signal's status."
  (parameterize-break nil
    (restart-case
        (error (make-condition (case kind
                                 (:hang-up 'exn-break-hang-up)
                                 (:terminate 'exn-break-terminate)
                                 (t 'exn-break))))
      (continue ()
        :report "Continue the interrupted computation."
        nil))))

(defun exn-break-p (x) "T if X is a break condition." (typep x 'exn-break))
(defun exn-break-hang-up-p (x) "T if X is a hang-up break." (typep x 'exn-break-hang-up))
(defun exn-break-terminate-p (x) "T if X is a terminate break." (typep x 'exn-break-terminate))

(eval-when (:compile-toplevel :load-toplevel :execute)
  (defun %function-form (form)
    (if (and form (symbolp form)) `(function ,form) form)))

(defmacro with-handlers (clauses &body body)
  "(with-handlers ((predicate handler) ...) body...): if a condition is
signalled in BODY, each PREDICATE is called on it in order, with breaks
disabled; for the first that returns true, BODY is abandoned and HANDLER is
called on the condition, with breaks disabled, its values being those of
WITH-HANDLERS. BODY runs with the break parameterization outside. Entering
the handler from the raise is atomic with respect to breaks (SPEC 6.6).
PREDICATE and HANDLER are evaluated to functions; a symbol names a global
function (exn-break-p is #'exn-break-p), as Racket's identifiers do."
  (let ((outer (gensym "OUTER")) (done (gensym "DONE")) (escape (gensym "ESCAPE"))
        (c (gensym "CONDITION"))
        (pairs (mapcar (lambda (clause) (list (gensym "PREDICATE") (gensym "HANDLER") clause))
                       clauses)))
    `(let ((,outer (current-break-parameterization))
           ,@(mapcan (lambda (p) (list (list (first p) (%function-form (first (third p))))
                                       (list (second p) (%function-form (second (third p))))))
                     pairs))
       (block ,done
         (parameterize-break nil
           (funcall
            (block ,escape
              (return-from ,done
                (call-with-break-parameterization
                 ,outer
                 (lambda ()
                   (handler-bind
                       ((condition
                          (lambda (,c)
                            (cond ,@(mapcar (lambda (p)
                                              `((funcall ,(first p) ,c)
                                                (return-from ,escape
                                                  (lambda () (funcall ,(second p) ,c)))))
                                            pairs)))))
                     ,@body)))))))))))

(defun dynamic-wind (pre-thunk value-thunk post-thunk)
  "Call PRE-THUNK, then VALUE-THUNK, then POST-THUNK, however VALUE-THUNK
is left; the values are VALUE-THUNK's. PRE-THUNK and POST-THUNK run with
breaks disabled, and so do the transitions between the three (SPEC 6.6):
no break can fall between PRE-THUNK's return and the protection of
POST-THUNK."
  (let ((outer (current-break-parameterization)))
    (parameterize-break nil
      (funcall pre-thunk)
      (unwind-protect (call-with-break-parameterization outer value-thunk)
        (funcall post-thunk)))))

(defun %nested-body (thunk)
  "The function of a CALL-IN-NESTED-THREAD process: THUNK's values as
(:VALUES . values), or (:RAISE condition) for a condition no handler in the
thread took."
  (block nested
    (let ((sb-ext:*invoke-debugger-hook*
            (lambda (condition hook)
              (declare (ignore hook))
              (return-from nested (list :raise condition)))))
      (cons :values (multiple-value-list (funcall thunk))))))

(defun call-in-nested-thread (thunk)
  "Call THUNK in a new process and return its values; a condition it does
not handle (an error, a break) is signalled again in the caller. Breaks
sent to the caller while it waits go to the nested process (SPEC 6.8)."
  (let ((result (%call-in-nested-thread (lambda () (%nested-body thunk)))))
    (case (car result)
      (:values (values-list (cdr result)))
      (:raise (error (cadr result)))
      (t (error "call-in-nested-thread: the thread was killed, or it exited via the default error escape handler")))))

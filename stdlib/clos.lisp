;;;; CLOS errors signalled with SBCL's restarts. The default methods of
;;;; SLOT-UNBOUND and NO-APPLICABLE-METHOD (lisp/clos_slots.py, lisp/clos.py)
;;;; call these, as machine steps, so a handler can take a restart.

(in-package "SYSTEM")

(defun %read-restart-value ()
  "The interactive function of a USE-VALUE or STORE-VALUE restart."
  (format *query-io* "~&Enter a form to be evaluated: ")
  (finish-output *query-io*)
  (list (eval (read *query-io*))))

(defun %slot-unbound-error (instance name)
  "Signal UNBOUND-SLOT for the slot NAME of INSTANCE. USE-VALUE returns a
value as the slot's value; STORE-VALUE stores it in the slot as well."
  (restart-case (error 'unbound-slot :name name :instance instance)
    (use-value (value)
      :report "Return a value as the slot-value."
      :interactive %read-restart-value
      value)
    (store-value (value)
      :report "Store and return a value as the slot-value."
      :interactive %read-restart-value
      (setf (slot-value instance name) value))))

(defun %no-applicable-method-error (generic-function arguments)
  "Signal SBCL's NO-APPLICABLE-METHOD-ERROR for GENERIC-FUNCTION called with
ARGUMENTS. RETRY calls the generic function again (a method may have been
defined meanwhile)."
  (restart-case (error (%no-applicable-method-condition generic-function arguments))
    (sb-ext:retry ()
      :report "Retry calling the generic function."
      (apply generic-function arguments))))

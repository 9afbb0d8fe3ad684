;;;; The interactive debugger of the REPL, in SBCL's manner.
;;;;
;;;; In the REPL on a terminal, an error no handler takes in the main process
;;;; enters this debugger where it happened (SYS:%INVOKE-DEBUGGER calls
;;;; %DEBUGGER-LOOP), so the computation is still there: the restarts can be
;;;; invoked by number or name (CONTINUE, USE-VALUE, a RESTART-CASE's own),
;;;; forms are evaluated in the dynamic environment of the error, BACKTRACE
;;;; shows where it happened. An error inside the debugger enters a nested
;;;; level; ABORT goes back one level, TOPLEVEL (or end of input) to the REPL.
;;;; Scripts and piped input keep SBCL's --script behaviour: report and quit.

(in-package "SYSTEM")

(defvar *debug-level* 0
  "How many debugger levels are active in this process.")

(defun %repl-toplevel-eval (string)
  "Evaluate the REPL input STRING with the ABORT restart that returns to the
top level established, as in SBCL's REPL."
  (restart-case (%repl-eval string)
    (abort ()
      :report "Exit debugger, returning to top level."
      (values))))

(defun %print-restarts (restarts stream)
  "List RESTARTS as SBCL's debugger does: numbered, the name in brackets
padded to the longest one, shown only for the first restart of a name."
  (format stream "restarts (invokable by number or by possibly-abbreviated name):~%")
  (let ((width (reduce #'max restarts :initial-value 0
                                      :key (lambda (r) (length (string (or (restart-name r) ""))))))
        (seen '()))
    (loop for r in restarts
          for i from 0
          for name = (restart-name r)
          do (if (and name (not (member name seen)))
                 (format stream "~3D: [~vA] ~A~%" i width (string name) r)
                 (format stream "~3D: ~vA  ~A~%" i width "" r))
             (push name seen))))

(defun %find-named-restart (symbol restarts)
  "The first of RESTARTS whose name starts with SYMBOL's name."
  (let ((prefix (symbol-name symbol)))
    (find-if (lambda (r)
               (let ((name (restart-name r)))
                 (and name
                      (<= (length prefix) (length (symbol-name name)))
                      (string= prefix (symbol-name name) :end2 (length prefix)))))
             restarts)))

(defun %debugger-help (stream)
  (format stream "~&The debugger reads commands and forms:
  a number N      invoke restart N of the list
  a restart name  invoke that restart (CONTINUE, ABORT, ..., abbreviated)
  BACKTRACE, BT   show the calls in progress where the error happened
  ERROR           show the condition again
  RESTARTS        list the restarts again
  TOPLEVEL, TOP   return to the top level
  HELP            this text
  any other form  evaluate it where the error happened and print its values~%"))

(defun %toplevel-restart ()
  (let ((aborts (remove 'abort (compute-restarts) :key #'restart-name :test-not #'eq)))
    (car (last aborts))))

(defun %debugger-command (form condition restarts backtrace io)
  (cond ((integerp form)
         (if (and (<= 0 form) (< form (length restarts)))
             (invoke-restart-interactively (nth form restarts))
             (format io "~&There is no restart number ~D.~%" form)))
        ((and (symbolp form) form (not (keywordp form))
              (member (symbol-name form)
                      '("BACKTRACE" "BT" "HELP" "ERROR" "RESTARTS" "TOPLEVEL" "TOP")
                      :test #'string=))
         (let ((name (symbol-name form)))
           (cond ((member name '("BACKTRACE" "BT") :test #'string=)
                  (format io "~&Backtrace:~%~A~%" backtrace))
                 ((string= name "HELP") (%debugger-help io))
                 ((string= name "ERROR") (format io "~&~A~%" condition))
                 ((string= name "RESTARTS") (%print-restarts restarts io))
                 (t (invoke-restart (%toplevel-restart))))))
        ((and (symbolp form) form (not (keywordp form)) (not (boundp form))
              (%find-named-restart form restarts))
         (invoke-restart-interactively (%find-named-restart form restarts)))
        (t
         (let ((values (multiple-value-list (eval form))))
           (fresh-line io)
           (if values
               (dolist (v values) (format io "~S~%" v))
               (format io "; No values~%"))))))

(defun %debugger-loop (condition backtrace)
  "Enter the debugger for CONDITION where it was signalled (BACKTRACE is
the text of the calls in progress). Returns only by invoking a restart."
  (let* ((level *debug-level*)
         (*debug-level* (1+ level))
         (io *debug-io*)
         (restarts (compute-restarts condition)))
    (format io "~&~%debugger invoked on a ~S in thread~%~A:~%~A~%~%"
            (type-of condition) (mp:get-current-process)
            (%indent-report (princ-to-string condition)))
    (format io "Type HELP for debugger help, or (EXIT) to exit.~%~%")
    (%print-restarts restarts io)
    (loop
      (with-simple-restart (abort "Reduce debugger level (to debug level ~D)." level)
        (format io "~&~D] " level)
        (finish-output io)
        (let ((form (read io nil io)))
          (when (eq form io)              ; end of input: back to the top level
            (fresh-line io)
            (invoke-restart (%toplevel-restart)))
          (%debugger-command form condition restarts backtrace io))))))

(defun %indent-report (text)
  (with-output-to-string (s)
    (loop for start = 0 then (1+ end)
          for end = (position #\Newline text :start start)
          do (format s "~:[~;~%~]  ~A" (> start 0) (subseq text start end))
          while end)))

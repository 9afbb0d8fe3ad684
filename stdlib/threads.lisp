;;;; CLISP's questions with a timeout (MT:Y-OR-N-P-TIMEOUT and
;;;; MT:YES-OR-NO-P-TIMEOUT), on MT:WITH-TIMEOUT (runtime/mt.py).

(in-package "SYSTEM")

(defun %mt-timed-out-answer (default answer)
  "Say that the question timed out and which ANSWER is assumed; return DEFAULT."
  (write-string "[Timed out] ")
  (write-string answer)
  (terpri)
  default)

(defun mt:y-or-n-p-timeout (seconds default &rest arguments)
  "Ask as Y-OR-N-P does with ARGUMENTS; if no answer comes within SECONDS,
print \"[Timed out]\" and the default answer and return DEFAULT."
  (mt:with-timeout (seconds (%mt-timed-out-answer default (if default "Y" "N")))
    (apply #'y-or-n-p arguments)))

(defun mt:yes-or-no-p-timeout (seconds default &rest arguments)
  "Ask as YES-OR-NO-P does with ARGUMENTS; if no answer comes within SECONDS,
print \"[Timed out]\" and the default answer and return DEFAULT."
  (mt:with-timeout (seconds (%mt-timed-out-answer default (if default "yes" "no")))
    (apply #'yes-or-no-p arguments)))

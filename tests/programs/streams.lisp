;;;; A tiny CSV-ish database: write records to a file, read them back by
;;;; lines, characters and forms, and build reports with string streams.

(defvar *file* (format nil "/tmp/cek-lisp-streams-~D.txt" (random 1000000 (make-random-state t))))

(defparameter *records*
  '((1 "Ada Lovelace" 1815 :math) (2 "Alan Turing" 1912 :cs)
    (3 "Grace Hopper" 1906 :cs) (4 "Emmy Noether" 1882 :math)))

;; write: a header line, one line per record, then the records as forms
(with-open-file (out *file* :direction :output :if-exists :supersede
                            :if-does-not-exist :create)
  (format out "# people database~%")
  (dolist (r *records*)
    (destructuring-bind (id name year field) r
      (format out "~D,~A,~D,~(~A~)~%" id name year field)))
  (write-line "---" out)
  (dolist (r *records*) (prin1 r out) (terpri out))
  (write-string "end" out))

(format t "exists: ~A~%" (if (probe-file *file*) "yes" "no"))

;; read back line by line, splitting fields
(defun split (line &optional (sep #\,))
  (loop for start = 0 then (1+ pos)
        for pos = (position sep line :start start)
        collect (subseq line start pos)
        while pos))

(with-open-file (in *file*)
  (format t "first line: ~S~%" (read-line in))
  (loop for line = (read-line in nil nil)
        while (and line (string/= line "---"))
        do (destructuring-bind (id name year field) (split line)
             (format t "~3@A ~15A ~A ~A~%" id name (- 2000 (parse-integer year))
                     (string-upcase field))))
  ;; now the forms
  (let ((forms (loop for form = (read in nil :eof)
                     until (eq form :eof) collect form)))
    (format t "~D forms, last ~S~%" (length forms) (car (last forms)))
    (print (remove :math (butlast forms) :key #'fourth :test-not #'eq))))
(terpri)

;; character by character: count letters, digits, newlines
(with-open-file (in *file*)
  (let ((letters 0) (digits 0) (lines 0) (total 0))
    (loop for c = (read-char in nil nil)
          while c
          do (incf total)
             (cond ((alpha-char-p c) (incf letters))
                   ((digit-char-p c) (incf digits))
                   ((char= c #\Newline) (incf lines))))
    (format t "~D chars: ~D letters, ~D digits, ~D newlines~%" total letters digits lines)
    (print (list (file-length in) (file-position in)))))

;; peek-char, unread-char, read-line's second value
(with-open-file (in *file*)
  (print (peek-char nil in))
  (print (peek-char #\, in))
  (print (read-char in))
  (unread-char #\, in)
  (print (multiple-value-list (read-line in)))
  (file-position in 0)
  (print (read-char in)))

;; append to the file, then read the tail
(with-open-file (out *file* :direction :output :if-exists :append)
  (format out "~%appended ~A" 42))
(with-open-file (in *file*)
  (let ((last nil))
    (loop for line = (read-line in nil) while line do (setf last line))
    (print last)))
(print (handler-case (with-open-file (out *file* :direction :output :if-exists :error)
                       (declare (ignore out)) :opened)
         (file-error () :file-exists)))
(print (with-open-file (in "/tmp/cek-lisp-surely-missing-file" :if-does-not-exist nil) in))

;; string streams
(defun render-table (rows)
  (with-output-to-string (s)
    (dolist (row rows)
      (format s "|~{~8A|~}~%" row))))
(princ (render-table '(("name" "year") ("Ada" 1815) ("Alan" 1912))))
(with-input-from-string (in "10 20 (a b) \"str\" 3.5 #\\x")
  (print (loop for x = (read in nil in) until (eq x in) collect x)))
(let ((pos 0))
  (with-input-from-string (in "alpha beta gamma" :start 6 :index pos)
    (print (read in)))
  (print pos))
(let ((s (make-string-output-stream)))
  (write-string "abc" s)
  (write-char #\d s)
  (print (get-output-stream-string s))
  (format s "~R" 12)
  (print (get-output-stream-string s)))
(print (read-from-string "(1 2 . 3) rest" t nil :start 0))
(print (multiple-value-list (read-from-string "  foo bar")))
(print (with-output-to-string (*standard-output*) (princ "captured") (print 1)))
(let ((in (make-string-input-stream "line1
line2")))
  (print (list (read-line in) (read-line in nil :eof) (read-line in nil :eof))))
(print (let ((s (make-concatenated-stream (make-string-input-stream "ab")
                                          (make-string-input-stream "cd"))))
         (coerce (loop for c = (read-char s nil) while c collect c) 'string)))
(let* ((log (make-string-output-stream))
       (both (make-broadcast-stream log)))
  (format both "to the log")
  (print (get-output-stream-string log)))
(print (list (input-stream-p *standard-input*) (output-stream-p *standard-output*)
             (interactive-stream-p (make-string-input-stream "")) (open-stream-p *standard-output*)))
(write-string "fresh" ) (fresh-line) (fresh-line) (write-line "done")
(delete-file *file*)
(print (probe-file *file*))

;;;; queens.lisp: all solutions of the N queens puzzle.  Run: lisp examples/queens.lisp [N]

(defun safe-p (col placed)
  "Can a queen go in COL of the next row, given PLACED (columns of the rows above,
nearest first)?"
  (do ((rest placed (cdr rest))
       (distance 1 (1+ distance)))
      ((null rest) t)
    (let ((c (car rest)))
      (when (or (= c col) (= (abs (- c col)) distance))
        (return nil)))))

(defun queens (n &optional placed (row 0))
  (if (= row n)
      (list (reverse placed))
      (let ((solutions '()))
        (dotimes (col n solutions)
          (when (safe-p col placed)
            (setf solutions (append solutions (queens n (cons col placed) (1+ row)))))))))

(defun show (solution n)
  (dolist (col solution)
    (dotimes (i n) (write-string (if (= i col) "Q " ". ")))
    (terpri)))

(let* ((n (parse-integer (or (second sb-ext:*posix-argv*) "8")))
       (all (queens n)))
  (format t "~D queens: ~D solutions. The first:~%" n (length all))
  (show (first all) n))

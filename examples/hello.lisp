;;;; hello.lisp: a first cek-lisp program.  Run: lisp examples/hello.lisp [NAME]

(defun greet (name)
  (format t "Hello, ~A!~%" name))

(defun factorial (n)
  (if (<= n 1) 1 (* n (factorial (- n 1)))))

(greet (or (second sb-ext:*posix-argv*) "world"))
(format t "20! = ~D~%" (factorial 20))
(format t "50! has ~D digits~%" (length (princ-to-string (factorial 50))))
(format t "1/3 + 1/6 = ~A, (sqrt 2) = ~A, pi = ~A~%" (+ 1/3 1/6) (sqrt 2) pi)

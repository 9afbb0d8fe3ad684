;;;; READ consumes the whitespace character after any object (SBCL), so a
;;;; READ-LINE after it starts past that character.
(with-input-from-string (s "(a) b") (read s) (read-char s))
;=> #\b
(with-input-from-string (s "(a)  b") (read s) (read-char s))
;=> #\ 
(with-input-from-string (s "\"x\" b") (read s) (read-char s))
;=> #\b
(with-input-from-string (s "(a) b") (read-preserving-whitespace s) (read-char s))
;=> #\ 
(multiple-value-list (read-from-string "(a) b"))
;=> ((A) 4)
(with-input-from-string (s "1 2 (a b)   c") (list (read s) (read s) (read s) (read-line s)))
;=> (1 2 (A B) "  c")

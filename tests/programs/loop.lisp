;;;; A small sales ledger processed with LOOP: every clause family.

(defparameter *sales*
  '((:north "widget" 12 2.50) (:south "gadget" 3 10.00) (:north "gizmo" 7 4.25)
    (:east "widget" 20 2.50) (:south "widget" 5 2.50) (:east "doohickey" 1 99.99)
    (:north "gadget" 2 10.00) (:west "gizmo" 11 4.25)))

;; destructuring in FOR ... IN, numeric accumulation into named variables
(defun totals-by-region (sales)
  (let ((table (make-hash-table)))
    (loop for (region nil qty price) in sales
          do (incf (gethash region table 0) (* qty price)))
    table))

(defun report-regions ()
  (let ((table (totals-by-region *sales*)))
    (loop for region in (sort (loop for k being the hash-keys of table collect k)
                              #'string< :key #'symbol-name)
          for total = (gethash region table)
          for rank from 1
          do (format t "~D. ~A~12T~8,2F~%" rank region total))))

(report-regions)

;; SUM, COUNT, MAXIMIZE, MINIMIZE with INTO and FINALLY
(loop for (nil item qty price) in *sales*
      sum qty into units
      count (> price 5) into pricey
      maximize qty into biggest
      minimize price into cheapest
      finally (format t "units=~D pricey=~D biggest=~D cheapest=~,2F~%"
                      units pricey biggest cheapest))

;; COLLECT / APPEND / NCONC, conditional clauses with AND, ELSE, END
(multiple-value-bind (bulk small words)
    (loop for (nil item qty) in *sales*
          if (>= qty 10)
            collect item into bulk
            and append (list qty) into words
          else
            collect item into small
          end
          finally (return (values bulk small words)))
  (format t "bulk: ~S~%small: ~S~%qty: ~S~%" bulk small words))

(print (loop for x in '(1 2 3) nconc (list x (* x x))))

;; arithmetic stepping: FROM/TO/BELOW/DOWNTO/ABOVE/BY, repeat, with
(print (loop for i from 0 to 10 by 3 collect i))
(print (loop for i from 10 downto 1 by 4 collect i))
(print (loop for i below 5 collect i))
(print (loop for i from 5 above 1 collect i))
(print (loop with acc = 1 repeat 5 do (setf acc (* acc 2)) finally (return acc)))
(print (loop for x from 1.0 to 2.0 by 0.25 collect x))

;; ON with BY, ACROSS, = THEN, parallel AND stepping
(print (loop for (a b) on '(1 2 3 4 5 6) by #'cddr collect (+ a b)))
(print (loop for c across "hello" for i from 0 collect (cons i c)))
(print (loop for a = 0 then b and b = 1 then (+ a b) repeat 10 collect a))
(print (loop for v across #(3 1 4 1 5 9 2 6) maximize v))

;; WHILE, UNTIL, ALWAYS, NEVER, THEREIS
(print (loop for x in '(2 4 6 7 8) while (evenp x) collect x))
(print (loop for x in '(1 2 3 10 4) until (> x 5) sum x))
(print (loop for x in '(2 4 6) always (evenp x)))
(print (loop for x in '(1 3 5) never (evenp x)))
(print (loop for x in '(1 3 6 7) thereis (and (evenp x) (* x 100))))
(print (loop for (nil item) in *sales* thereis (find #\z item)))

;; hash tables: keys and values with USING
(let ((h (make-hash-table :test #'equal)))
  (loop for (nil item qty) in *sales* do (incf (gethash item h 0) qty))
  (print (sort (loop for k being each hash-key of h using (hash-value v)
                     collect (list k v))
               #'> :key #'second))
  (print (loop for v being the hash-values in h sum v)))

;; named loops and RETURN-FROM, INITIALLY, nested loops
(defun first-pair-summing-to (n list)
  (loop named outer
        for (x . rest) on list
        do (loop for y in rest
                 when (= (+ x y) n) do (return-from outer (list x y)))))
(print (first-pair-summing-to 10 '(1 8 3 6 4 7)))
(print (first-pair-summing-to 100 '(1 2 3)))

(loop initially (format t "~&Multiplication table:~%")
      for i from 1 to 4
      do (loop for j from 1 to 4 do (format t "~4D" (* i j)))
         (terpri))

;; symbols of a package, counted; the WHEN ... RETURN idiom; loop with IT
(print (loop for s being the external-symbols of :keyword count t into n
             finally (return (> n 10))))
(print (loop for x in '(nil nil 3 nil) when x return it))
(print (loop for x in '(a b c) for y in '(1 2) collect (list x y)))
(print (loop for i from 1 to 3 collect (loop for j from 1 to i collect j)))
(print (loop for x in '(5 2 8) unless (> x 4) collect x else collect (- x)))
(print (loop for (k . v) in '((a . 1) (b . 2)) collect k collect v))
(print (loop for i of-type fixnum from 1 to 3 sum i of-type fixnum))
(print (loop for x = (list 1 2) then (cdr x) while x collect (car x)))

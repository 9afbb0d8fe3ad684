;;;; An invoice and inventory report written with FORMAT.

(defstruct item name qty price)

(defparameter *items*
  (list (make-item :name "Hex bolts" :qty 1200 :price 0.05)
        (make-item :name "Washers (zinc)" :qty 350 :price 0.02)
        (make-item :name "Angle bracket" :qty 14 :price 3.75)
        (make-item :name "Hinge" :qty 0 :price 12.5)
        (make-item :name "Drill bit set, titanium" :qty 3 :price 129.99)))

(defun print-invoice (items &optional (stream t))
  (format stream "~&~40,,,'=A~%" "")
  (format stream "~:@(~A~)~30TInvoice #~5,'0D~%" "acme hardware" 42)
  (format stream "~40,,,'-A~%" "")
  (format stream "~A~20T~5@A~28T~8@A~%" "Item" "Qty" "Price")
  (let ((total 0))
    (dolist (it items)
      (let ((line (* (item-qty it) (item-price it))))
        (incf total line)
        (format stream "~18A~20T~5D~28T~8,2F~:[~; (out of stock)~]~%"
                (if (> (length (item-name it)) 18)
                    (concatenate 'string (subseq (item-name it) 0 15) "...")
                    (item-name it))
                (item-qty it) (item-price it) (zerop (item-qty it)))))
    (format stream "~40,,,'-A~%" "")
    (format stream "Total~28T~8,2F~%" total)
    (format stream "That is ~R dollar~:P and ~D cent~:P.~%"
            (floor total) (round (* 100 (- total (floor total)))))))

(print-invoice *items*)

;; justification
(dolist (w '("left" "centre" "right"))
  (format t "[~20<~A~>]~%" w))
(format t "[~20<~A~;~A~>]~%" "name" "value")
(format t "[~30<~A~;~A~;~A~>]~%" "one" "two" "three")
(format t "[~20:@<~A~>]~%" "middle")
(format t "[~10<~A~>]~%" "too long for the field")

;; numbers in words and other radixes
(dolist (n '(0 7 13 45 100 999 1001 123456 -17))
  (format t "~8D ~:R; ~R~%" n n n))
(format t "~@R ~@R ~@R ~:@R~%" 4 1999 2024 4)
(format t "~B ~O ~X ~36R~%" 255 255 255 1295)
(format t "~8,'0B|~:D|~,,'.,4:D|~@D~%" 5 1234567 1234567 42)

;; iteration
(format t "~{~A~^, ~}.~%" '("apples" "pears" "plums"))
(format t "~{~A=~D~^; ~}~%" '(x 1 y 2 z 3))
(format t "~:{<~A ~A>~}~%" '((a 1) (b 2) (c 3)))
(format t "~{~A~^ + ~} = ~A~%" '(1 2 3) 6)
(format t "~@{~A~^, ~}~%" 'x 'y 'z)
(defun english-list (items)
  (apply #'format nil "~#[none~;~A~;~A and ~A~:;~@{~A~#[~;, and ~:;, ~]~}~]" items))
(dolist (l '(() ("tea") ("tea" "coffee") ("tea" "coffee" "milk" "juice")))
  (format t "~A~%" (english-list l)))
(format t "~{~{~A~^-~}~^ | ~}~%" '((1 2 3) (4 5) (6)))

;; conditionals and plurals
(dolist (n '(0 1 2))
  (format t "~D file~:P, ~D director~:@P~:[~;, all clean~]~%" n n (= n 0)))
(format t "~[zero~;one~;two~:;many~] ~[zero~;one~;two~:;many~]~%" 1 5)
(format t "~@[value: ~A~]~@[ ignored~]|~%" 10 nil)
(format t "~:[no~;yes~] ~:[no~;yes~]~%" nil 'x)

;; floats
(dolist (x '(3.14159 -0.5 1234.5678 1.0e-5 6.02e23 100.0d0))
  (format t "~F|~,3F|~10,2F|~,2E|~G~%" x x x x x))
(format t "~$ ~2,6$ ~@$~%" 3.14159 2.5 7)
(format t "~,1F ~,0F ~,2F~%" 0.05 2.5 1/3)
(format t "~E ~,4E ~10,3,2E~%" 12345.678 0.000123 -42.0)

;; case conversion, padding, characters, tildes
(format t "~(~A~) ~:(~A~) ~@(~A~) ~:@(~A~)~%" "MiXeD Case" "two words" "first WORD here" "loud")
(format t "~5,,,'*A|~5,,,'*@A|~vA|~v,,,'.@A|~7,3A|~%" "ab" "ab" 6 "cd" 6 "ef" "x")
(format t "~C ~:C ~@C ~S~%" #\a #\Space #\b "quoted")
(format t "100~~ sure~%~10T<tab~%")
(format t "line one~&~&line two~%~3%")
(format t "~A~*~A ~:*~A ~2@*~A~%" 1 2 3)
(format t "~?~%" "~A and ~A" '(this that))
(format t "~@?~%" "<~A>" 'inner)
(format t "~A ~S ~A ~S~%" 'sym 'sym "str" "str")
(format t "~10@A|~10A|~%" 123 nil)
(format t "~&Done: ~:D record~:P in ~,1F seconds.~%" 12345 2.25)

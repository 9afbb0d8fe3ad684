;;;; Time: universal, decoded and internal time, and the shape of TIME's
;;;; report. Expectations from sbcl --script.

internal-time-units-per-second
;=> 1000000
(integerp (get-internal-real-time))
;=> T
(integerp (get-internal-run-time))
;=> T
(< 3900000000 (get-universal-time))
;=> T
(let ((s (with-output-to-string (*trace-output*) (time (+ 1 2))))) (list (subseq s 0 16) (char s 16) (integerp (search "seconds of real time" s)) (integerp (search "seconds of total run time (" s)) (integerp (search "% CPU" s))))
;=> ("Evaluation took:" #\Newline T T T)
(let (x) (with-output-to-string (*trace-output*) (setq x (multiple-value-list (time (values 1 2))))) x)
;=> (1 2)
(let (x) (with-output-to-string (*trace-output*) (setq x (time (floor 7 2)))) x)
;=> 3
(multiple-value-list (decode-universal-time 0 -5/2))
;=> (0 30 2 1 1 1900 0 NIL -5/2)
(multiple-value-list (decode-universal-time 3900000000 5))
;=> (0 20 16 2 8 2023 2 NIL 5)
(multiple-value-list (decode-universal-time 3900000000 0))
;=> (0 20 21 2 8 2023 2 NIL 0)
(encode-universal-time 59 59 23 31 12 1999 -1)
;=> 3155669999
(encode-universal-time 0 0 0 1 1 2000 1/2)
;=> 3155675400
(encode-universal-time 0 0 0 1 1 2000 0)
;=> 3155673600
(encode-universal-time 0 0 0 29 2 2024 0)
;=> 3918153600
(multiple-value-list (decode-universal-time (encode-universal-time 1 2 3 4 5 2006 3) 3))
;=> (1 2 3 4 5 2006 3 NIL 3)
(multiple-value-list (decode-universal-time (encode-universal-time 1 2 3 4 5 2006 0) 0))
;=> (1 2 3 4 5 2006 3 NIL 0)
(let ((u (get-universal-time))) (= u (apply #'encode-universal-time (subseq (multiple-value-list (decode-universal-time u)) 0 6))))
;=> T
(length (multiple-value-list (get-decoded-time)))
;=> 9
(handler-case (encode-universal-time 60 0 0 1 1 2000 0) (type-error () :type-error))
;=> :TYPE-ERROR
(handler-case (encode-universal-time 0 0 0 1 13 2000 0) (type-error () :type-error))
;=> :TYPE-ERROR
(handler-case (decode-universal-time -1) (type-error () :type-error))
;=> :TYPE-ERROR

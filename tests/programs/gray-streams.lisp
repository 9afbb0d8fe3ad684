;;;; Gray streams in a small program: a line-numbering output stream, a
;;;; tee, an indenting stream used as *STANDARD-OUTPUT*, a character input
;;;; stream over a list of strings read with READ and READ-LINE, and a
;;;; binary stream computing a checksum, written as portable code written
;;;; against SBCL's SB-GRAY does.

(defpackage :gray-demo (:use :cl :sb-gray))
(in-package :gray-demo)

;;; An output stream that numbers the lines it passes on to TARGET.
(defclass numbering-stream (fundamental-character-output-stream)
  ((target :initarg :target :reader target)
   (line :initform 0 :accessor line)
   (column :initform 0 :accessor column)))

(defmethod stream-write-char ((s numbering-stream) char)
  (when (zerop (column s))
    (format (target s) "~3D| " (incf (line s))))
  (write-char char (target s))
  (if (char= char #\Newline)
      (setf (column s) 0)
      (incf (column s)))
  char)

(defmethod stream-line-column ((s numbering-stream))
  (column s))

(defmethod print-object ((s numbering-stream) out)
  (print-unreadable-object (s out :type t)
    (format out "~D line~:P" (line s))))

(let ((s (make-instance 'numbering-stream :target *standard-output*)))
  (format s "Gray streams~%")
  (format s "~&name~12Tvalue~%")
  (loop for (k v) on '(:alpha 1 :beta 22 :gamma 333) by #'cddr
        do (format s "~(~A~)~12T~5D~%" k v))
  (fresh-line s)
  (write-line "done" s)
  (print s)
  (terpri))

;;; A tee: everything written goes to two streams; it counts characters.
(defclass tee-stream (fundamental-character-output-stream)
  ((streams :initarg :streams :reader tee-streams)
   (count :initform 0 :accessor tee-count)))

(defmethod stream-write-char ((s tee-stream) char)
  (incf (tee-count s))
  (dolist (out (tee-streams s) char)
    (write-char char out)))

(defmethod stream-write-string ((s tee-stream) string &optional (start 0) end)
  (let ((end (or end (length string))))
    (incf (tee-count s) (- end start))
    (dolist (out (tee-streams s) string)
      (write-string string out :start start :end end))))

(defmethod stream-line-column ((s tee-stream))
  nil)

(defmethod stream-finish-output ((s tee-stream))
  (mapc #'finish-output (tee-streams s))
  nil)

(let* ((copy (make-string-output-stream))
       (tee (make-instance 'tee-stream :streams (list *standard-output* copy))))
  (format tee "tee: ~{~A~^ + ~} = ~D~%" '(1 2 3) 6)
  (prin1 '(:a "b" #\c) tee)
  (terpri tee)
  (finish-output tee)
  (format t "copied ~D characters: ~S~%" (tee-count tee)
          (string-right-trim '(#\Newline) (get-output-stream-string copy))))

;;; An indenting stream as *STANDARD-OUTPUT*: PRINT, FORMAT T and the pretty
;;; printer all go through it.
(defclass indenting-stream (fundamental-character-output-stream)
  ((target :initarg :target :reader target)
   (indent :initarg :indent :reader indent)
   (at-start :initform t :accessor at-start)))

(defmethod stream-write-char ((s indenting-stream) char)
  (when (at-start s)
    (dotimes (i (indent s)) (write-char #\Space (target s)))
    (setf (at-start s) nil))
  (write-char char (target s))
  (when (char= char #\Newline)
    (setf (at-start s) t))
  char)

(defmethod stream-start-line-p ((s indenting-stream))
  (at-start s))

(defmethod stream-line-length ((s indenting-stream))
  (- 60 (indent s)))

(let ((*standard-output* (make-instance 'indenting-stream :target *standard-output*
                                                          :indent 4)))
  (format t "indented report~%")
  (print '(defun area (shape) (ecase (car shape) (:circle (* pi (expt (cadr shape) 2))) (:square (expt (cadr shape) 2)))))
  (terpri)
  (format t "~&~{~A~^, ~}~%" '(one two three))
  (princ :done)
  (terpri))

;;; A character input stream over a list of strings, one per line.
(defclass lines-input-stream (fundamental-character-input-stream)
  ((lines :initarg :lines :accessor pending-lines)
   (pos :initform 0 :accessor pos)
   (unread :initform nil :accessor unread)))

(defmethod stream-read-char ((s lines-input-stream))
  (cond ((unread s) (pop (unread s)))
        ((null (pending-lines s)) :eof)
        ((< (pos s) (length (first (pending-lines s))))
         (prog1 (char (first (pending-lines s)) (pos s)) (incf (pos s))))
        (t (pop (pending-lines s)) (setf (pos s) 0) #\Newline)))

(defmethod stream-unread-char ((s lines-input-stream) char)
  (push char (unread s))
  nil)

(defmethod stream-listen ((s lines-input-stream))
  (or (unread s) (pending-lines s)))

(defun lines (&rest strings) (make-instance 'lines-input-stream :lines strings))

(let ((in (lines "(defun double (x)" "  (* 2 x))" "(double 21) ; a comment" "done")))
  (let ((form (read in)))
    (format t "read: ~S~%" form)
    (eval form))
  (let ((call (read in)))
    (format t "~S => ~D~%" call (eval call)))
  (format t "rest of line: ~S~%" (read-line in))
  (format t "peek: ~S, line: ~S, listen: ~S~%" (peek-char nil in) (read-line in) (listen in))
  (format t "at end: ~S~%" (read-line in nil :eof)))

(let ((in (lines "alpha beta" "gamma")) (words '()))
  (handler-case
      (loop (push (read in) words))
    (end-of-file (c)
      (format t "words ~S, then ~A~%" (reverse words) (type-of c)))))

(with-open-stream (in (lines "x y" "z"))
  (let ((buffer (make-string 6 :initial-element #\_)))
    (format t "read-sequence: ~D ~S~%" (read-sequence buffer in) buffer)))

;;; A binary stream: bytes written are summed, bytes read come from a vector.
(defclass checksum-stream (fundamental-binary-output-stream fundamental-binary-input-stream)
  ((sum :initform 0 :accessor checksum)
   (source :initarg :source :initform #() :reader source)
   (index :initform 0 :accessor index)))

(defmethod stream-element-type ((s checksum-stream)) '(unsigned-byte 8))

(defmethod stream-write-byte ((s checksum-stream) byte)
  (check-type byte (unsigned-byte 8))
  (setf (checksum s) (mod (+ (* 31 (checksum s)) byte) 65521))
  byte)

(defmethod stream-read-byte ((s checksum-stream))
  (if (< (index s) (length (source s)))
      (prog1 (aref (source s) (index s)) (incf (index s)))
      :eof))

(let ((s (make-instance 'checksum-stream :source #(3 1 4 1 5 9 2 6))))
  (write-sequence (map 'vector #'char-code "Gray streams") s)
  (write-byte 10 s)
  (format t "checksum: ~D~%" (checksum s))
  (let ((bytes (make-array 5)))
    (format t "read ~D: ~S, then ~S~%" (read-sequence bytes s) bytes
            (loop for b = (read-byte s nil) while b collect b)))
  (format t "bad byte: ~A~%"
          (handler-case (write-byte 300 s)
            (type-error (e) (format nil "~S is not ~S" (type-error-datum e)
                                    (type-error-expected-type e))))))

;;; Broadcast and echo streams over Gray streams.
(let* ((numbered (make-instance 'numbering-stream :target *standard-output*))
       (both (make-broadcast-stream numbered)))
  (format both "through a broadcast stream~%and again~%")
  (format t "numbered lines: ~D~%" (line numbered)))

(let ((echo (make-echo-stream (lines "echo me" "twice") *standard-output*)))
  (read-line echo)
  (terpri)
  (format t "~&echoed ~S~%" (read-line echo)))

(format t "~&streamp ~A, open after close: ~A~%"
        (streamp (lines))
        (let ((s (lines "x"))) (close s) (open-stream-p s)))

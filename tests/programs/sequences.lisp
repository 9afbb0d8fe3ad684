;;;; Text processing: word frequencies, sorting, a concordance, matrices,
;;;; adjustable buffers and character classes.

(defparameter *text*
  "It was the best of times, it was the worst of times; it was the age of
wisdom, it was the age of foolishness. It was the epoch of belief -- it was
the epoch of incredulity! Was it the season of Light? It was 1775.")

(defun tokenize (string)
  "Split STRING into lowercase words of alphabetic characters."
  (let ((words '()) (current (make-array 0 :element-type 'character
                                           :adjustable t :fill-pointer 0)))
    (flet ((flush ()
             (when (plusp (length current))
               (push (string-downcase (coerce current 'simple-string)) words)
               (setf (fill-pointer current) 0))))
      (loop for ch across string
            do (if (alpha-char-p ch) (vector-push-extend ch current) (flush)))
      (flush))
    (nreverse words)))

(defvar *words* (tokenize *text*))
(format t "~D words, ~D distinct~%" (length *words*)
        (length (remove-duplicates *words* :test #'string=)))

(defun frequencies (words)
  (let ((h (make-hash-table :test 'equal)))
    (dolist (w words) (incf (gethash w h 0)))
    h))

(let* ((h (frequencies *words*))
       (pairs '()))
  (maphash (lambda (k v) (push (cons k v) pairs)) h)
  (setf pairs (sort pairs (lambda (a b) (or (> (cdr a) (cdr b))
                                            (and (= (cdr a) (cdr b))
                                                 (string< (car a) (car b)))))))
  (loop for (w . n) in (subseq pairs 0 6)
        do (format t "~10A ~2D ~A~%" w n (make-string n :initial-element #\*)))
  (print (hash-table-count h))
  (print (list (gethash "epoch" h) (gethash "missing" h))))

;; sorting with :key, stable sort, merging, searching
(defvar *by-length* (stable-sort (remove-duplicates (copy-list *words*) :test #'equal)
                                 #'> :key #'length))
(print (subseq *by-length* 0 5))
(print (sort (list "pear" "Apple" "fig" "banana") #'string-lessp))
(print (merge 'list (list 1 4 9) (list 2 3 10) #'<))
(print (list (position "age" *words* :test #'string=)
             (position "age" *words* :test #'string= :from-end t)
             (count-if (lambda (w) (char= (char w 0) #\w)) *words*)
             (find-if (lambda (w) (> (length w) 10)) *words*)
             (search '("of" "times") *words* :test #'string=)
             (mismatch "incredulity" "incredible")))
(print (remove-if-not (lambda (w) (every #'lower-case-p w)) '("abc" "aBc" "xyz")))
(print (substitute "era" "age" (subseq *words* 10 16) :test #'string=))
(print (reduce #'+ *words* :key #'length))
(print (map 'string #'char-upcase "shout"))
(print (map 'list #'cons '(a b c) #(1 2 3)))

;; a concordance: each word's positions, as an alist sorted by word
(let ((concordance '()))
  (loop for w in *words* for i from 0
        for entry = (assoc w concordance :test #'string=)
        do (if entry (push i (cdr entry)) (push (list w i) concordance)))
  (setf concordance (sort (mapcar (lambda (e) (cons (car e) (reverse (cdr e)))) concordance)
                          #'string< :key #'car))
  (print (subseq concordance 0 4)))

;; strings and characters
(print (string-trim " .!" "  Hello, world!.  "))
(print (list (string-capitalize "the tale OF two cities") (string-upcase "abc" :start 1)))
(print (list (char-code #\A) (code-char 97) (char-name #\Space) (name-char "Newline")
             (digit-char-p #\7) (digit-char 11 16) (char< #\a #\b #\c)
             (alphanumericp #\_) (graphic-char-p #\Tab)))
(print (list (parse-integer "  42 ") (parse-integer "ff" :radix 16)
             (parse-integer "12abc" :junk-allowed t)))
(print (with-output-to-string (s)
         (loop for c across "hello world"
               do (write-char (if (char= c #\o) #\0 c) s))))
(print (concatenate 'string "abc" (list #\d #\e) #(#\f)))
(print (list (string= "abc" "ABC") (string-equal "abc" "ABC") (string< "abc" "abd")
             (string/= "abcd" "abed")))

;; two-dimensional arrays: a word-length histogram by first letter
(let ((grid (make-array '(3 4) :initial-element 0))
      (letters "itw"))
  (dolist (w *words*)
    (let ((row (position (char w 0) letters)))
      (when row (incf (aref grid row (min 3 (1- (length w))))))))
  (print grid)
  (print (list (array-dimensions grid) (array-rank grid) (array-total-size grid)
               (row-major-aref grid 5) (array-row-major-index grid 1 1)))
  (dotimes (r 3)
    (format t "~&~C:~{ ~2D~}" (char letters r)
            (loop for c below 4 collect (aref grid r c)))))
(terpri)
(let ((m (make-array '(2 3) :initial-contents '((1 2 3) (4 5 6)))))
  (print (let ((tr (make-array '(3 2))))
           (dotimes (i 2 tr) (dotimes (j 3) (setf (aref tr j i) (aref m i j))))))
  (print (make-array 6 :displaced-to m)))

;; adjustable vectors with fill pointers as a queue
(let ((q (make-array 2 :adjustable t :fill-pointer 0)))
  (dolist (x '(a b c d e)) (vector-push-extend x q))
  (print (list q (length q) (fill-pointer q) (>= (array-dimension q 0) 5)))
  (print (vector-pop q))
  (setf (fill-pointer q) 2)
  (print q)
  (print (vector-push 'z q))
  (print (adjust-array (make-array 3 :initial-contents '(1 2 3)) 5 :initial-element 0)))
(print (list (subseq "abcdef" 2 4) (reverse #(1 2 3)) (nsubstitute #\- #\Space (copy-seq "a b c"))
             (fill (make-list 3) 'x) (replace (list 1 2 3 4) '(a b) :start1 1)))
(print (list (sort (vector 3 1 2) #'<) (remove 2 '(1 2 3 2) :count 1)
             (delete-duplicates (list 1 2 1 3 2)) (union '(1 2) '(2 3))
             (intersection '(1 2 3) '(2 3 4)) (set-difference '(1 2 3) '(2))))

;;;; SB-EXT:STRING-TO-OCTETS, SB-EXT:OCTETS-TO-STRING and their coding
;;;; errors, SB-EXT:POSIX-GETENV. Expectations written by tests/sbcl_check.py.

(defun oc-u8 (&rest l) (coerce l '(vector (unsigned-byte 8))))
(defun oc-error (thunk)
  (handler-case (funcall thunk)
    (error (e) (let ((*print-pretty* nil)) (format nil "~S ~A" (type-of e) e)))))
(sb-ext:string-to-octets "héllo")
;=> #(104 195 169 108 108 111)
(type-of (sb-ext:string-to-octets "abc"))
;=> (SIMPLE-ARRAY (UNSIGNED-BYTE 8) (3))
(sb-ext:string-to-octets "héllo" :external-format :latin-1)
;=> #(104 233 108 108 111)
(sb-ext:string-to-octets "abc" :null-terminate t)
;=> #(97 98 99 0)
(sb-ext:string-to-octets "abcdef" :start 2 :end 4)
;=> #(99 100)
(sb-ext:string-to-octets "a€" :external-format :utf-16le)
;=> #(97 0 172 32)
(sb-ext:string-to-octets "é" :external-format '(:ascii :replacement #\?))
;=> #(63)
(oc-error (lambda () (sb-ext:string-to-octets "aé" :external-format :ascii)))
;=> "SB-IMPL::OCTETS-ENCODING-ERROR Unable to encode character 233 as :ASCII."
(oc-error (lambda () (sb-ext:string-to-octets "a€" :external-format :latin-1)))
;=> "SB-IMPL::OCTETS-ENCODING-ERROR Unable to encode character 8364 as :LATIN-1."
(sb-ext:octets-to-string (oc-u8 104 195 169))
;=> "hé"
(sb-ext:octets-to-string (oc-u8 104 233) :external-format :latin-1)
;=> "hé"
(sb-ext:octets-to-string (oc-u8 97 98 99 100) :start 1 :end 3)
;=> "bc"
(sb-ext:octets-to-string (oc-u8 97 0 98 0) :external-format :utf-16le)
;=> "ab"
(sb-ext:octets-to-string (oc-u8 104 255 105) :external-format '(:utf-8 :replacement #\?))
;=> "h?i"
(oc-error (lambda () (sb-ext:octets-to-string (oc-u8 104 255 105))))
;=> "SB-IMPL::INVALID-UTF8-STARTER-BYTE Illegal :UTF-8 character starting at byte position 1."
(oc-error (lambda () (sb-ext:octets-to-string (oc-u8 195))))
;=> "SB-IMPL::END-OF-INPUT-IN-CHARACTER Illegal :UTF-8 character starting at byte position 0."
(oc-error (lambda () (sb-ext:octets-to-string (oc-u8 195 40))))
;=> "SB-IMPL::INVALID-UTF8-CONTINUATION-BYTE Illegal :UTF-8 character starting at byte position 0."
(oc-error (lambda () (sb-ext:octets-to-string (oc-u8 192 128))))
;=> "SB-IMPL::INVALID-UTF8-STARTER-BYTE Illegal :UTF-8 character starting at byte position 0."
(oc-error (lambda () (sb-ext:octets-to-string (oc-u8 97 237 160 128))))
;=> "SB-IMPL::INVALID-UTF8-CONTINUATION-BYTE Illegal :UTF-8 character starting at byte position 1."
(oc-error (lambda () (sb-ext:octets-to-string (oc-u8 244 144 128 128))))
;=> "SB-IMPL::INVALID-UTF8-CONTINUATION-BYTE Illegal :UTF-8 character starting at byte position 0."
(oc-error (lambda () (sb-ext:octets-to-string (oc-u8 97 200) :external-format :ascii)))
;=> "SB-IMPL::MALFORMED-ASCII Illegal :ASCII character starting at byte position 1."
(handler-case (sb-ext:octets-to-string (oc-u8 97 255)) (sb-int:character-decoding-error () :decoding-error))
;=> :DECODING-ERROR
(sb-ext:octets-to-string (sb-ext:string-to-octets "round trip ü€" :external-format :utf-8))
;=> "round trip ü€"
(sb-ext:posix-getenv "CEK_LISP_SURELY_UNSET_VARIABLE")
;=> NIL
(stringp (sb-ext:posix-getenv "PATH"))
;=> T

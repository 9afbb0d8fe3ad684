"""Strings and characters: lisp/prims/strings.py, chars.py and lisp/characters.py.

Each ``FORM => RESULT`` line was recorded from SBCL 2.2.9 (``sbcl --script``,
*print-pretty* off); ``!TYPE-ERROR``, ``!PROGRAM-ERROR`` and ``!ERROR`` stand
for the class of error signalled. The forms run on tests/prim_harness.py,
which drives gen primitives the way the machine does.
"""
from lisp import characters
from prim_harness import check_cases

STRINGS_AND_CHARS = r"""
(char-lessp #\_ #\a) => T
(char-greaterp #\_ #\a) => NIL
(char-lessp #\Z #\_) => NIL
(string-lessp "_" "a") => 0
(string-capitalize "hello world foo" :start 3) => "helLo World Foo"
(string-capitalize "hello world foo" :start 3 :end 9) => "helLo World foo"
(string-capitalize "HELLO WORLD" :end 7) => "Hello WORLD"
(string-upcase "abc" :start 1 :end 2) => "aBc"
(string-upcase "abc" :start 2 :end 1) => !TYPE-ERROR
(string-downcase 'foo) => "foo"
(nstring-upcase 'foo) => !TYPE-ERROR
(string< 'abc "abd") => 0
(string= #\a "a") => T
(string= "abc" "abcd" :end2 3) => T
(string< "abc" "abcd") => 3
(string> "abcd" "abc") => 3
(string<= "abc" "abd" :start1 3) => 3
(string>= "" "") => 0
(string/= "" "") => NIL
(string< "b" "abc" :start2 1) => 1
(string-equal "Hello" "hELLO") => T
(string-not-lessp "B" "a") => 0
(string-not-greaterp "abc" "ABCD") => 3
(string-trim '(#\Space #\Tab) "  hi	 ") => "hi"
(string-trim "ab" "") => ""
(string-left-trim "a" "aaa") => ""
(string-right-trim "" "abc") => "abc"
(string-trim "a" #\a) => ""
(string-trim 5 "a") => !TYPE-ERROR
(make-string 2 :initial-element #\z :element-type 'base-char) => "zz"
(make-string -1) => !TYPE-ERROR
(char "abc" 1) => #\b
(schar "abc" -1) => !TYPE-ERROR
(char 'abc 0) => !TYPE-ERROR
(let ((s (copy-seq "abc"))) (setf (char s 0) #\z) s) => "zbc"
(let ((s (copy-seq "abc"))) (setf (char s 0) 1) s) => !TYPE-ERROR
(string "abc") => "abc"
(string 'nil) => "NIL"
(string 1.5) => !TYPE-ERROR
(character "a") => #\a
(character 'b) => #\B
(character "ab") => !TYPE-ERROR
(character 65) => !TYPE-ERROR
(code-char 955) => #\GREEK_SMALL_LETTER_LAMDA
(char-code #\A) => 65
(char-int #\A) => 65
(code-char 1114112) => !TYPE-ERROR
(digit-char 3) => #\3
(digit-char 12 16) => #\C
(digit-char 12) => NIL
(digit-char 1 1) => !TYPE-ERROR
(digit-char-p #\7 8) => 7
(digit-char-p #\8 8) => NIL
(digit-char-p #\a 1) => !TYPE-ERROR
(char= #\a) => T
(char= #\a #\a #\b) => NIL
(char/= #\a #\b #\a) => NIL
(char/= #\a #\b #\c) => T
(char< #\a #\b #\b) => NIL
(char<= #\a #\b #\b) => T
(char> #\c #\b #\a) => T
(char>= #\c #\c #\a) => T
(char-equal #\a #\A #\a) => T
(char-not-equal #\a #\B #\c) => T
(char-not-equal #\a #\B #\A) => NIL
(char= 1 #\a) => !TYPE-ERROR
(char=) => !PROGRAM-ERROR
(upper-case-p 5) => !TYPE-ERROR
(standard-char-p #\Rubout) => NIL
(graphic-char-p #\Rubout) => NIL
(name-char "Space") => #\ 
(char-name #\Newline) => "Newline"
(stringp "a") => T
(simple-string-p (make-array 3 :element-type 'character :fill-pointer 1)) => NIL
(simple-string-p "abc") => T
(string-upcase "abc" :end 5) => !TYPE-ERROR
"""


def test_strings_and_chars():
    assert check_cases(STRINGS_AND_CHARS) == []


MORE_STRINGS_AND_CHARS = r"""
(string= "abc" "abc" :start1 1 :start2 1) => T
(string= "abc" "xbc" :start1 1 :start2 1 :end1 3) => T
(string= "abc" "abc" :end1 4) => !TYPE-ERROR
(string= "abc" "abc" :start1 2 :end1 1) => !TYPE-ERROR
(string/= "abc" "abd" :end1 2 :end2 2) => NIL
(string< "apple" "apricot") => 2
(string> "apricot" "apple") => 2
(string<= "abc" "abc") => 3
(string>= "abd" "abc") => 2
(string-lessp "APPLE" "apricot") => 2
(string-greaterp "Apricot" "APPLE") => 2
(string-not-equal "abc" "ABC") => NIL
(string-not-equal "abc" "ABX") => 2
(string-equal 'abc "abc") => T
(string= 'abc "abc") => NIL
(string< "" "") => NIL
(string< "a" "") => NIL
(string= "abc" 5) => !TYPE-ERROR
(string-upcase "Hello World") => "HELLO WORLD"
(string-downcase "Hello World") => "hello world"
(string-capitalize "hello-world foo_bar") => "Hello-World Foo_Bar"
(string-capitalize "  multiple   spaces  ") => "  Multiple   Spaces  "
(string-capitalize "ÉTÉ été") => "Été Été"
(string-upcase "ﬁ") => "ﬁ"
(string-downcase "ΑΣ") => "ασ"
(let ((s (make-array 6 :element-type 'character :fill-pointer 3 :initial-contents "abcdef"))) (list (nstring-upcase s) (length s) (char s 4) (string-upcase s))) => ("ABC" 3 #\e "ABC")
(let ((s (copy-seq "hello"))) (nstring-capitalize s :start 1) s) => "hEllo"
(let ((s (copy-seq "hello"))) (eq s (nstring-downcase s))) => T
(string-trim " " "   ") => ""
(string-left-trim "ab" "abcab") => "cab"
(string-right-trim "ab" "abcab") => "abc"
(string-trim #(#\x) "xyx") => "y"
(string-trim "x" 'x) => "X"
(make-string 0) => ""
(length (make-string 5)) => 5
(make-string 2 :initial-element #\a :element-type 'character) => "aa"
(make-string 2 :element-type 'fixnum) => !ERROR
(make-string 2 :initial-element 5) => !TYPE-ERROR
(char (make-array 3 :element-type 'character :initial-contents "xyz" :fill-pointer 1) 2) => #\z
(schar (make-array 3 :element-type 'character :initial-contents "xyz" :fill-pointer 1) 0) => !TYPE-ERROR
(char "abc" 3) => !TYPE-ERROR
(char "abc" 'a) => !TYPE-ERROR
(char-upcase #\a) => #\A
(char-upcase #\1) => #\1
(char-downcase #\A) => #\a
(char-upcase #\ß) => #\LATIN_SMALL_LETTER_SHARP_S
(upper-case-p #\A) => T
(lower-case-p #\A) => NIL
(both-case-p #\1) => NIL
(alpha-char-p #\é) => T
(alphanumericp #\_) => NIL
(digit-char-p #\5) => 5
(digit-char-p #\f 16) => 15
(digit-char-p #\g 16) => NIL
(digit-char-p #\Z 36) => 35
(digit-char 9) => #\9
(digit-char 35 36) => #\Z
(digit-char 36 36) => NIL
(char-code #\Space) => 32
(code-char 97) => #\a
(code-char 0) => #\Nul
(code-char -1) => !TYPE-ERROR
(characterp #\a) => T
(characterp "a") => NIL
(char-name #\Space) => "Space"
(char-name #\a) => "LATIN_SMALL_LETTER_A"
(char-name #\Tab) => "Tab"
(char-name #\Rubout) => "Rubout"
(char-name (code-char 0)) => "Nul"
(name-char "Newline") => #\Newline
(name-char "tab") => #\Tab
(name-char "LATIN_SMALL_LETTER_A") => #\a
(name-char "u+3bb") => #\GREEK_SMALL_LETTER_LAMDA
(name-char "nonsense") => NIL
(name-char 'space) => #\ 
(standard-char-p #\a) => T
(standard-char-p #\Tab) => NIL
(graphic-char-p #\a) => T
(graphic-char-p #\Newline) => NIL
(graphic-char-p #\Space) => T
(char< #\a #\b) => T
(char> #\a #\b) => NIL
(char-lessp #\a #\B #\c) => T
(char-greaterp #\C #\b #\A) => T
(char-not-greaterp #\a #\A #\b) => T
(char-not-lessp #\b #\B #\a) => T
(char/= #\a) => T
(char= #\a #\A) => NIL
(char-equal #\a "a") => !TYPE-ERROR
(string #\x) => "x"
(string 'hello) => "HELLO"
(string "same") => "same"
(stringp 'a) => NIL
(simple-string-p (make-string 3)) => T
"""


def test_more_strings_and_chars():
    assert check_cases(MORE_STRINGS_AND_CHARS) == []


def test_every_character_name_reads_back():
    for code in list(range(0, 0x3000)) + [0x4E00, 0xAC00, 0x1F600, 0xE000, 0x10FFFF]:
        ch = chr(code)
        name = characters.char_name(ch)
        assert characters.name_char(name) == ch, (code, name)
        assert characters.name_char(name.lower()) == ch, (code, name)


def test_case_mapping_round_trips():
    for code in range(0x3000):
        ch = chr(code)
        up, down = characters.char_upcase(ch), characters.char_downcase(ch)
        assert len(up) == 1 and len(down) == 1
        if characters.upper_case_p(ch):
            assert characters.char_upcase(down) == ch
        if characters.lower_case_p(ch):
            assert characters.char_downcase(up) == ch

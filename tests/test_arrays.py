"""Arrays: lisp/prims/arrays.py, arrayresize.py, bitarrays.py and lisp/arraydata.py.

Each ``FORM => RESULT`` line was recorded from SBCL 2.2.9 (``sbcl --script``,
*print-pretty* off); ``!TYPE-ERROR``, ``!PROGRAM-ERROR`` and ``!ERROR`` stand
for the class of error signalled. The forms run on tests/prim_harness.py,
which drives gen primitives the way the machine does.
"""
from lisp.arraydata import DisplacedItems, array_type_of, upgrade_element_type
from lisp.objects import LString, Vector, T, cl_sym
from lisp.prims import arrays
from prim_harness import check_cases, read, run, write

ARRAYS = r"""
(make-array '(2 3) :initial-contents '((1 2 3) (4 5))) => !ERROR
(make-array '(2 2) :initial-contents '((1 2) (3 4) (5 6))) => !ERROR
(make-array '(2 2) :initial-contents '(1 2)) => !ERROR
(make-array '(2 2) :initial-contents #(#(1 2) "ab")) => #2A((1 2) (#\a #\b))
(make-array 2 :initial-contents "ab") => #(#\a #\b)
(make-array 2 :element-type 'character :initial-contents '(#\a #\b)) => "ab"
(make-array 2 :element-type 'bit :initial-element 2) => !TYPE-ERROR
(make-array 3 :initial-element 1 :displaced-to (vector 1 2 3)) => !ERROR
(make-array 3.0) => !TYPE-ERROR
(make-array -1) => !TYPE-ERROR
(make-array '(2 . 3)) => !TYPE-ERROR
(make-array '(2 2) :adjustable t :initial-element 'x) => #2A((X X) (X X))
(let ((a (make-array '(2 3) :initial-contents '((1 2 3) (4 5 6))))) (list (aref a 1 2) (row-major-aref a 4) (array-row-major-index a 1 1))) => (6 5 4)
(aref (make-array '(2 3)) 2 0) => !TYPE-ERROR
(aref (make-array '(2 3)) 0) => !TYPE-ERROR
(aref 5 0) => !TYPE-ERROR
(aref (vector 1 2) 1.0) => !TYPE-ERROR
(array-row-major-index (make-array '(2 3)) 2 0) => !TYPE-ERROR
(array-in-bounds-p (make-array '(2 3)) -1 0) => NIL
(array-in-bounds-p (make-array 3 :fill-pointer 1) 2) => T
(array-dimension (vector 1 2) 0) => 2
(array-dimensions (make-array 5 :fill-pointer 2)) => (5)
(array-total-size (make-array '(2 3))) => 6
(array-element-type "abc") => CHARACTER
(array-element-type (make-array 2 :element-type 'base-char)) => BASE-CHAR
(array-element-type #*10) => BIT
(svref (vector 1 2) 2) => !TYPE-ERROR
(setf (svref (vector 1 2) 0) 'x) => X
(bit #*101 0) => 1
(bit (vector 1 0) 0) => !TYPE-ERROR
(sbit (make-array 3 :element-type 'bit :fill-pointer 2) 0) => !TYPE-ERROR
(let ((b (make-array 3 :element-type 'bit))) (setf (sbit b 1) 1) b) => #*010
(let ((a (make-array '(2 2)))) (setf (aref a 1 1) 'z) a) => #2A((0 0) (0 Z))
(let ((a (make-array '(2 2)))) (setf (row-major-aref a 3) 'z) a) => #2A((0 0) (0 Z))
(let ((v (make-array 3 :fill-pointer 0))) (vector-push 'a v) (vector-push 'b v) (list v (fill-pointer v) (vector-pop v) v)) => (#(A) 2 B #(A))
(let ((v (make-array 2 :fill-pointer 0 :element-type 'character))) (vector-push-extend #\a v) (vector-push-extend #\b v) (vector-push-extend #\c v) (list v (array-total-size v))) => ("abc" 4)
(let ((v (make-array 2 :fill-pointer 0 :element-type 'bit))) (vector-push 2 v)) => !TYPE-ERROR
(vector-pop (vector 1 2)) => !TYPE-ERROR
(let ((v (make-array 3 :fill-pointer 1))) (setf (fill-pointer v) 3) v) => #(0 0 0)
(let ((v (make-array 3 :fill-pointer 1))) (setf (fill-pointer v) -1) v) => !TYPE-ERROR
(fill-pointer "abc") => !TYPE-ERROR
(array-has-fill-pointer-p (make-array 3 :fill-pointer 1)) => T
(adjustable-array-p (vector 1)) => NIL
(adjustable-array-p (make-array 3 :adjustable t)) => T
(let ((a (make-array 3 :displaced-to (vector 1 2 3 4) :displaced-index-offset 1))) (list a (adjustable-array-p a) (array-has-fill-pointer-p a))) => (#(2 3 4) T NIL)
(array-displacement (vector 1 2)) => NIL ; 0
(let ((a (make-array 4 :adjustable t :initial-contents '(1 2 3 4)))) (adjust-array a 2) a) => #(1 2)
(let ((a (make-array 4 :adjustable t :initial-contents '(1 2 3 4)))) (adjust-array a 6 :initial-contents '(a b c d e f)) a) => #(A B C D E F)
(let ((a (make-array 4 :adjustable t :initial-contents '(1 2 3 4)))) (eq a (adjust-array a 6))) => T
(let ((a (make-array 4 :initial-contents '(1 2 3 4)))) (eq a (adjust-array a 6))) => NIL
(let ((a (make-array 4 :fill-pointer 2 :initial-contents '(1 2 3 4)))) (eq a (adjust-array a 6))) => T
(let ((a (make-array 4 :fill-pointer 2 :initial-contents '(1 2 3 4)))) (adjust-array a 6 :fill-pointer t)) => #(1 2 3 4 0 0)
(adjust-array (make-array '(2 2) :initial-contents '((1 2) (3 4))) '(1 3) :initial-element 0) => #2A((1 2 0))
(adjust-array (make-array '(2 2)) 3) => !ERROR
(adjust-array (vector 1 2) '(2 2)) => !ERROR
(let* ((s (make-array 5 :element-type 'character :adjustable t :fill-pointer 0))) (vector-push-extend #\x s) (adjust-array s 10) (list s (array-total-size s) (fill-pointer s))) => ("x" 10 1)
(let* ((base (vector 1 2 3 4 5)) (d (make-array 2 :displaced-to base :displaced-index-offset 1 :adjustable t))) (adjust-array d 3 :displaced-to base :displaced-index-offset 2) (list d (multiple-value-list (array-displacement d)))) => (#(3 4 5) (#(1 2 3 4 5) 2))
(let* ((base (vector 1 2 3 4 5)) (d (make-array 2 :displaced-to base :displaced-index-offset 1 :adjustable t))) (adjust-array d 3) (setf (aref d 0) 'x) (list d base)) => (#(X 3 0) #(1 2 3 4 5))
(upgraded-array-element-type '(integer 0 7)) => (UNSIGNED-BYTE 4)
(vectorp (make-array '(1 1))) => NIL
(arrayp "a") => T
(simple-vector-p (make-array 3 :element-type 'fixnum)) => NIL
(bit-vector-p (make-array 3 :element-type 'bit :adjustable t)) => T
(simple-bit-vector-p (make-array 3 :element-type 'bit :adjustable t)) => NIL
(vector) => #()
(make-array 0) => #()
(make-array '(0 3)) => #2A()
(make-array nil) => #0A0
"""


def test_arrays():
    assert check_cases(ARRAYS) == []


MORE_ARRAYS = r"""
(make-array 3 :initial-contents '(a b c)) => #(A B C)
(make-array '(2 3) :element-type 'bit :initial-contents '((1 0 1) (0 1 0))) => #2A((1 0 1) (0 1 0))
(make-array 0 :element-type 'character) => ""
(make-array 3 :element-type 'character :initial-element #\z :fill-pointer 2) => "zz"
(make-array 3 :element-type 'single-float :initial-element 1.5) => #(1.5 1.5 1.5)
(make-array 3 :element-type 'double-float :initial-element 1.5d0) => #(1.5d0 1.5d0 1.5d0)
(make-array 2 :element-type '(unsigned-byte 8) :initial-contents '(255 0)) => #(255 0)
(make-array 2 :element-type '(unsigned-byte 8) :initial-contents '(256 0)) => !TYPE-ERROR
(make-array 2 :element-type 'fixnum :initial-element 1.0) => !TYPE-ERROR
(make-array 2 :element-type 'character :initial-element 1) => !TYPE-ERROR
(let ((a (make-array 3 :element-type 'single-float))) (setf (aref a 0) 2.5) a) => #(2.5 0.0 0.0)
(let ((a (make-array 3 :element-type 'double-float))) (setf (aref a 0) 2.5) a) => !TYPE-ERROR
(let ((a (make-array '(2 2) :element-type 'bit))) (setf (bit a 1 0) 1) a) => #2A((0 0) (1 0))
(let ((a (make-array '(2 2) :element-type 'character :initial-element #\.))) (setf (aref a 0 1) #\x) (list a (aref a 0 1) (array-element-type a))) => (#2A((#\. #\x) (#\. #\.)) #\x CHARACTER)
(aref (make-array '(2 2) :element-type 'character :initial-element #\.) 1 1) => #\.
(array-dimensions (make-array '(2 3 4))) => (2 3 4)
(array-rank (make-array 5)) => 1
(array-rank "abc") => 1
(array-total-size (make-array '(2 0 3))) => 0
(array-dimension "abc" 0) => 3
(array-dimension (make-array '(2 3)) -1) => !TYPE-ERROR
(vector 'a "b" #\c) => #(A "b" #\c)
(svref (vector 'a 'b) 1) => B
(svref "ab" 0) => !TYPE-ERROR
(svref (make-array 2 :fill-pointer 1) 0) => !TYPE-ERROR
(row-major-aref "abc" 2) => #\c
(row-major-aref (vector 1 2) 2) => !TYPE-ERROR
(let ((v (vector 1 2 3))) (setf (aref v 1) 'x) v) => #(1 X 3)
(let ((s (copy-seq "abc"))) (setf (aref s 1) #\x) s) => "axc"
(let ((s (copy-seq "abc"))) (setf (aref s 1) 'x) s) => !TYPE-ERROR
(aref "abc" 3) => !TYPE-ERROR
(aref (vector) 0) => !TYPE-ERROR
(let ((v (make-array 3 :fill-pointer 0 :adjustable t))) (vector-push-extend 'a v 10) (list v (array-total-size v))) => (#(A) 3)
(let ((v (make-array 0 :fill-pointer 0 :adjustable t :element-type 'bit))) (vector-push-extend 1 v) (vector-push-extend 0 v) v) => #*10
(let ((v (make-array 2 :fill-pointer 2 :initial-contents '(a b)))) (list (vector-pop v) (vector-pop v) v)) => (B A #())
(fill-pointer (make-array 3 :fill-pointer t)) => 3
(let ((v (make-array 3 :fill-pointer 3))) (setf (fill-pointer v) 1) (length v)) => 1
(array-has-fill-pointer-p (vector 1)) => NIL
(array-has-fill-pointer-p (make-array '(2 2))) => NIL
(array-in-bounds-p (vector 1 2) 1) => T
(array-in-bounds-p (vector 1 2) 2) => NIL
(array-row-major-index (make-array '(3 4)) 2 3) => 11
(array-row-major-index (vector 1 2) 5) => !TYPE-ERROR
(array-displacement (make-array 2 :displaced-to (vector 1 2 3) :displaced-index-offset 1)) => #(1 2 3) ; 1
(let* ((a (make-array 4 :initial-contents '(1 2 3 4))) (d (make-array '(2 2) :displaced-to a))) (setf (aref d 1 0) 'x) (list a d)) => (#(1 2 X 4) #2A((1 2) (X 4)))
(let* ((a (make-array '(2 2) :initial-contents '((1 2) (3 4)))) (d (make-array 3 :displaced-to a :displaced-index-offset 1))) d) => #(2 3 4)
(let* ((a (vector 1 2 3 4)) (d1 (make-array 3 :displaced-to a :displaced-index-offset 1)) (d2 (make-array 2 :displaced-to d1 :displaced-index-offset 1))) (setf (aref d2 1) 'z) (list a d1 d2)) => (#(1 2 3 Z) #(2 3 Z) #(3 Z))
(let* ((s (make-string 4 :initial-element #\a)) (d (make-array 2 :element-type 'character :displaced-to s :displaced-index-offset 2 :fill-pointer 1))) (vector-push #\q d) (list s d (length d))) => ("aaaq" "aq" 2)
(let ((a (make-array 3 :adjustable t :initial-contents '(1 2 3)))) (adjust-array a 5 :initial-element 'n) a) => #(1 2 3 N N)
(let ((a (make-array '(2 2) :adjustable t :initial-contents '((1 2) (3 4))))) (adjust-array a '(3 1)) a) => #2A((1) (3) (0))
(let ((a (make-array 3 :element-type 'character :adjustable t :initial-contents "abc"))) (adjust-array a 5 :initial-element #\z) a) => "abczz"
(let ((a (make-array 3 :element-type 'character :initial-contents "abc"))) (adjust-array a 2)) => "ab"
(let ((a (vector 1 2 3))) (adjust-array a 4 :element-type 'character)) => !ERROR
(adjust-array (vector 1 2 3) 2 :fill-pointer 1) => !TYPE-ERROR
(adjustable-array-p (make-array 3 :fill-pointer 1)) => T
(adjustable-array-p "abc") => NIL
(arrayp (make-array '(2 2))) => T
(arrayp '(1)) => NIL
(vectorp #*1) => T
(simple-vector-p (vector 1)) => T
(simple-vector-p (make-array 2 :adjustable t)) => NIL
(bit-vector-p #(1 0)) => NIL
(simple-bit-vector-p #*10) => T
(upgraded-array-element-type 'character) => CHARACTER
(upgraded-array-element-type '(signed-byte 20)) => (SIGNED-BYTE 32)
(upgraded-array-element-type 'symbol) => T
(upgraded-array-element-type 'bit) => BIT
"""


def test_more_arrays():
    assert check_cases(MORE_ARRAYS) == []


BIT_ARRAYS = r"""
(bit-and #*1100 #*1010) => #*1000
(bit-ior #*1100 #*1010) => #*1110
(bit-xor #*1100 #*1010) => #*0110
(bit-eqv #*1100 #*1010) => #*1001
(bit-nand #*1100 #*1010) => #*0111
(bit-nor #*1100 #*1010) => #*0001
(bit-andc1 #*1100 #*1010) => #*0010
(bit-andc2 #*1100 #*1010) => #*0100
(bit-orc1 #*1100 #*1010) => #*1011
(bit-orc2 #*1100 #*1010) => #*1101
(bit-not #*1100) => #*0011
(let ((a (copy-seq #*1100))) (bit-and a #*1010 t) a) => #*1000
(let ((a (copy-seq #*1100)) (r (make-array 4 :element-type 'bit))) (list (eq r (bit-ior a #*0011 r)) r a)) => (T #*1111 #*1100)
(let ((a (copy-seq #*10))) (bit-not a t) a) => #*01
(bit-and #*11 #*101) => !ERROR
(bit-and #*11 #(1 1)) => !TYPE-ERROR
(bit-and (make-array '(2 2) :element-type 'bit :initial-element 1) (make-array '(2 2) :element-type 'bit :initial-contents '((1 0) (0 1)))) => #2A((1 0) (0 1))
"""


def test_bit_arrays():
    assert check_cases(BIT_ARRAYS) == []


def test_displaced_vector_shares_storage_both_ways():
    base = Vector(list(range(10)))
    d = arrays.make_array(4, displaced_to=base, displaced_index_offset=3)
    assert isinstance(d.items, DisplacedItems)
    arrays.set_aref("x", d, 0)
    assert base.items[3] == "x"
    base.items[6] = "y"
    assert arrays.aref(d, 3) == "y"
    assert d.items[1:3] == [4, 5]


def test_displaced_string_shares_storage():
    s = LString("hello world")
    d = arrays.make_array(5, element_type=cl_sym("CHARACTER"), displaced_to=s,
                          displaced_index_offset=6)
    assert isinstance(d, LString) and d.value == "world"
    d.set_char(0, "W")
    assert s.value == "hello World"


def test_type_of_arrays_prints_like_sbcl():
    cases = {
        "(make-array 3)": "(SIMPLE-VECTOR 3)",
        "(make-array 3 :fill-pointer 1)": "(VECTOR T 3)",
        "(make-string 2)": "(SIMPLE-ARRAY CHARACTER (2))",
        "(make-array 2 :element-type 'base-char :fill-pointer 0)": "(BASE-STRING 2)",
        "(make-array 4 :element-type 'bit)": "(SIMPLE-BIT-VECTOR 4)",
        "(make-array '(2 3) :adjustable t)": "(ARRAY T (2 3))",
        "(make-array 3 :element-type '(unsigned-byte 8))": "(SIMPLE-ARRAY (UNSIGNED-BYTE 8) (3))",
        "(make-array nil)": "(SIMPLE-ARRAY T NIL)",
    }
    for form, expected in cases.items():
        assert write(array_type_of(run(form))) == expected, form


def test_upgraded_element_types_are_canonical_objects():
    a = upgrade_element_type(read("(integer 0 200)"))
    b = upgrade_element_type(read("(unsigned-byte 8)"))
    assert a is b and write(a) == "(UNSIGNED-BYTE 8)"
    assert upgrade_element_type(read("symbol")) is T

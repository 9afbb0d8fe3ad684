"""Arrays: MAKE-ARRAY (element types, initial contents, fill pointers,
adjustable and displaced arrays), AREF and friends with their setf
functions, the dimension queries, fill-pointer operations (VECTOR-PUSH,
VECTOR-PUSH-EXTEND, VECTOR-POP), ADJUST-ARRAY and the array predicates.

Representation (objects.py): a rank-1 array of characters is an LString, any
other rank-1 array a Vector, every other rank an Array (row-major items).
Displaced arrays share their target's storage (arraydata.py). As in SBCL,
every array that is not simple (it has a fill pointer, is adjustable or is
displaced) is "actually adjustable": ADJUST-ARRAY changes it in place and
VECTOR-PUSH-EXTEND may grow it; a simple array is never changed in place.
"""
from __future__ import annotations

from ..arraydata import (ARRAY_DIMENSION_LIMIT, check_allocation, DisplacedItems, displaced_string,
                         displacement_of,
                         S_BIT, S_CHARACTER, check_element, default_element,
                         displacement_error, element_checker, invalid_index_error,
                         is_character_type, is_simple_array, upgrade_element_type)
from ..conditions import condition_class, report_simple
from ..dynamic import defvar
from ..errors import simple_error, type_error
from ..functions import defun
from ..objects import (NIL, T, Array, Char, Cons, LString, MV, Vector, cl_sym, lisp_list,
                       make_char)
from .seqbase import INDEX_TYPE, list_from, seq_items

# SBCL's class for an index out of an array's bounds (AREF, CHAR, ELT of a
# vector ...): a TYPE-ERROR with a report
condition_class("SB-INT:INVALID-ARRAY-INDEX-ERROR", ["TYPE-ERROR"],
                [("FORMAT-CONTROL", "FORMAT-CONTROL"), ("FORMAT-ARGUMENTS", "FORMAT-ARGUMENTS")],
                report_simple)

__all__ = ["array_total_size", "array_dims", "array_element_type", "row_major_ref",
           "row_major_set", "array_items"]

ARRAY_RANK_LIMIT = 129
defvar("ARRAY-RANK-LIMIT", ARRAY_RANK_LIMIT, constant=True)
defvar("ARRAY-DIMENSION-LIMIT", ARRAY_DIMENSION_LIMIT, constant=True)
defvar("ARRAY-TOTAL-SIZE-LIMIT", ARRAY_DIMENSION_LIMIT, constant=True)

S_ARRAY = cl_sym("ARRAY")
S_VECTOR = cl_sym("VECTOR")
_STAR = cl_sym("*")
_SIMPLE_VECTOR = cl_sym("SIMPLE-VECTOR")


# ---------------------------------------------------------------- access helpers
def array_arg(x):
    if not isinstance(x, (LString, Vector, Array)):
        raise type_error(x, S_ARRAY)
    return x


def _vector(x):
    if not isinstance(x, (LString, Vector)):
        raise type_error(x, S_VECTOR)
    return x


def array_dims(a) -> list:
    if isinstance(a, LString):
        return [len(a.data)]
    if isinstance(a, Vector):
        return [len(a.items)]
    return list(a.dims)


def array_total_size(a) -> int:
    if isinstance(a, LString):
        return len(a.data)
    return len(a.items)


def array_element_type(a):
    if isinstance(a, LString):
        return a.element_type if a.element_type is not None else S_CHARACTER
    return a.element_type


def row_major_ref(a, i: int):
    if isinstance(a, LString):
        return make_char(a.data[i])
    return a.items[i]


def row_major_set(a, i: int, value):
    if isinstance(a, LString):
        if type(value) is not Char:
            raise type_error(value, array_element_type(a))
        a.set_char(i, value.ch)
    else:
        check_element(a.element_type, value)
        a.items[i] = value
    return value


def array_items(a) -> list:
    """All elements in row-major order, ignoring any fill pointer."""
    if isinstance(a, LString):
        return [make_char(c) for c in a.data]
    return list(a.items)


def _rank_error(a, n: int):
    stars = lisp_list(*([_STAR] * n)) if n else NIL
    return type_error(a, lisp_list(S_ARRAY, _STAR, stars))


def _row_major_index(a, subscripts) -> int:
    dims = array_dims(a)
    if len(subscripts) != len(dims):
        raise _rank_error(a, len(subscripts))
    index = 0
    for sub, dim in zip(subscripts, dims):
        if type(sub) is not int:
            raise type_error(sub, INDEX_TYPE)
        if not 0 <= sub < dim:
            raise invalid_index_error(a, sub, dim)
        index = index * dim + sub
    return index


def _total_index(a, i) -> int:
    n = array_total_size(a)
    if type(i) is not int:
        raise type_error(i, INDEX_TYPE)
    if not 0 <= i < n:
        raise invalid_index_error(a, i, n)
    return i


# ---------------------------------------------------------------- MAKE-ARRAY
def parse_dimensions(dims) -> list:
    if type(dims) is int:
        dims = [dims]
    elif dims is NIL:
        dims = []
    elif type(dims) is Cons:
        out = []
        x = dims
        while type(x) is Cons:
            out.append(x.car)
            x = x.cdr
        if x is not NIL:
            raise type_error(dims, cl_sym("LIST"))
        dims = out
    else:
        raise type_error(dims, lisp_list(cl_sym("OR"), INDEX_TYPE, cl_sym("LIST")))
    for d in dims:
        if type(d) is not int or not 0 <= d < ARRAY_DIMENSION_LIMIT:
            raise type_error(d, INDEX_TYPE)
    return dims


def flatten_contents(contents, dims: list) -> list:
    """The row-major elements of nested :INITIAL-CONTENTS of shape DIMS."""
    if not dims:
        return [contents]
    out = []
    level = [contents]
    for axis, dim in enumerate(dims):
        nxt = []
        for seq in level:
            if not (type(seq) is Cons or seq is NIL or isinstance(seq, (LString, Vector))):
                raise simple_error("malformed :INITIAL-CONTENTS: ~S is not a sequence, "
                                   "but ~S more layer~:P needed.", seq, len(dims) - axis)
            items = seq_items(seq)
            if len(items) != dim:
                if len(dims) == 1:
                    raise simple_error("There are ~S elements in the :INITIAL-CONTENTS, "
                                       "but the vector length is ~S.", len(items), dim)
                raise simple_error("malformed :INITIAL-CONTENTS: Dimension of axis ~S is ~S, "
                                   "but ~S is ~S long.", axis, dim, seq, len(items))
            nxt.extend(items)
        level = nxt
    out.extend(level)
    return out


def fill_pointer_arg(fill_pointer, size: int, rank: int):
    if fill_pointer is None or fill_pointer is NIL:
        return None
    if rank != 1:
        raise simple_error("Only vectors can have fill pointers.")
    if fill_pointer is T:
        return size
    if type(fill_pointer) is not int or fill_pointer < 0:
        raise type_error(fill_pointer, INDEX_TYPE)
    if fill_pointer > size:
        raise simple_error("Can't supply a value for :FILL-POINTER (~S) that is larger "
                           "than the size of the vector (~S)", fill_pointer, size)
    return fill_pointer


def make_displaced(dims, etype, target, offset, fill_pointer, adjustable):
    target = array_arg(target)
    if upgrade_element_type(array_element_type(target)) is not etype and \
            not (is_character_type(etype) and is_character_type(array_element_type(target))):
        raise displacement_error(etype, array_element_type(target))
    if offset is None:
        offset = 0
    if type(offset) is not int or offset < 0:
        raise type_error(offset, INDEX_TYPE)
    size = 1
    for d in dims:
        size *= d
    if offset + size > array_total_size(target):
        raise simple_error("The :DISPLACED-TO array is too small.")
    if len(dims) == 1 and is_character_type(etype):
        return displaced_string(target, offset, size, fill_pointer, adjustable, etype)
    items = DisplacedItems(target, offset, size)
    if len(dims) == 1:
        return Vector(items, fill_pointer, adjustable, etype)
    return Array(dims, items, adjustable, etype)


def make_array_object(dims: list, etype, items: list, fill_pointer=None, adjustable=False):
    """A fresh array of DIMS and upgraded element type ETYPE over ITEMS."""
    if len(dims) == 1:
        if is_character_type(etype):
            return LString("".join([c.ch for c in items]), fill_pointer, adjustable, etype)
        return Vector(items, fill_pointer, adjustable, etype)
    return Array(dims, items, adjustable, etype)


@defun("MAKE-ARRAY", "dimensions &key element-type initial-element initial-contents "
                     "adjustable fill-pointer displaced-to displaced-index-offset")
def make_array(dimensions, element_type=None, initial_element=None, initial_contents=None,
               adjustable=NIL, fill_pointer=None, displaced_to=None,
               displaced_index_offset=None):
    """Make an array of DIMENSIONS (a non-negative integer or a list of them)
    holding elements of ELEMENT-TYPE, filled with INITIAL-ELEMENT or from
    the nested sequences INITIAL-CONTENTS, or displaced to (sharing the
    storage of) the array DISPLACED-TO from DISPLACED-INDEX-OFFSET."""
    dims = parse_dimensions(dimensions)
    etype = T if element_type is None else upgrade_element_type(element_type)
    size = 1
    for d in dims:
        size *= d
    check_allocation(size)
    if initial_element is not None and initial_contents is not None:
        raise simple_error("Can't specify both :INITIAL-ELEMENT and :INITIAL-CONTENTS")
    fp = fill_pointer_arg(fill_pointer, size, len(dims))
    adjustable = adjustable is not NIL
    if displaced_to is not None and displaced_to is not NIL:
        if initial_element is not None or initial_contents is not None:
            raise simple_error("Neither :INITIAL-ELEMENT nor :INITIAL-CONTENTS "
                               "may be specified with :DISPLACED-TO")
        return make_displaced(dims, etype, displaced_to, displaced_index_offset, fp, adjustable)
    if initial_contents is not None:
        items = flatten_contents(initial_contents, dims)
        ok = element_checker(etype)
        if ok is not None:
            for x in items:
                if not ok(x):
                    raise type_error(x, etype)
    else:
        fill = default_element(etype) if initial_element is None \
            else check_element(etype, initial_element)
        items = [fill] * size
    return make_array_object(dims, etype, items, fp, adjustable)


@defun("VECTOR", "&rest objects")
def vector(*objects):
    """Construct a SIMPLE-VECTOR from the given objects."""
    return Vector(list(objects))


# ---------------------------------------------------------------- AREF and friends
@defun("AREF", "array &rest subscripts", pure=True)
def aref(array, *subscripts):
    """Return the element of the ARRAY specified by the SUBSCRIPTS."""
    a = array_arg(array)
    if len(subscripts) == 1 and not isinstance(a, Array):
        i = subscripts[0]
        if isinstance(a, LString):
            d = a.data
            if type(i) is int and 0 <= i < len(d):
                return make_char(d[i])
        else:
            items = a.items
            if type(i) is int and 0 <= i < len(items):
                return items[i]
    return row_major_ref(a, _row_major_index(a, subscripts))


@defun("AREF", "new-value array &rest subscripts", setf=True)
def set_aref(new, array, *subscripts):
    """Store NEW-VALUE as the element of ARRAY specified by SUBSCRIPTS."""
    a = array_arg(array)
    return row_major_set(a, _row_major_index(a, subscripts), new)


@defun("ROW-MAJOR-AREF", "array index", pure=True)
def row_major_aref(array, index):
    """Return the element of array corresponding to the row-major index. This is
    SETFable."""
    a = array_arg(array)
    return row_major_ref(a, _total_index(a, index))


@defun("ROW-MAJOR-AREF", "new-value array index", setf=True)
def set_row_major_aref(new, array, index):
    """Store NEW-VALUE at the row-major INDEX of ARRAY."""
    a = array_arg(array)
    return row_major_set(a, _total_index(a, index), new)


def _simple_vector(x) -> Vector:
    if type(x) is not Vector or x.element_type is not T or not is_simple_array(x):
        raise type_error(x, _SIMPLE_VECTOR)
    return x


@defun("SVREF", "simple-vector index", pure=True)
def svref(simple_vector, index):
    """Return the INDEXth element of the given Simple-Vector."""
    v = _simple_vector(simple_vector)
    return v.items[_total_index(v, index)]


@defun("SVREF", "new-value simple-vector index", setf=True)
def set_svref(new, simple_vector, index):
    """Store NEW-VALUE as the INDEXth element of SIMPLE-VECTOR."""
    v = _simple_vector(simple_vector)
    v.items[_total_index(v, index)] = new
    return new


def _bit_array(x, simple: bool):
    if not (isinstance(x, (Vector, Array)) and x.element_type is S_BIT) \
            or (simple and not is_simple_array(x)):
        raise type_error(x, lisp_list(cl_sym("SIMPLE-ARRAY" if simple else "ARRAY"), S_BIT))
    return x


@defun("BIT", "bit-array &rest subscripts", pure=True)
def bit(bit_array, *subscripts):
    """Return the bit from the BIT-ARRAY at the specified SUBSCRIPTS."""
    a = _bit_array(bit_array, False)
    return a.items[_row_major_index(a, subscripts)]


@defun("SBIT", "simple-bit-array &rest subscripts", pure=True)
def sbit(simple_bit_array, *subscripts):
    """Return the bit from SIMPLE-BIT-ARRAY at the specified SUBSCRIPTS."""
    a = _bit_array(simple_bit_array, True)
    return a.items[_row_major_index(a, subscripts)]


@defun("BIT", "new-value bit-array &rest subscripts", setf=True)
def set_bit(new, bit_array, *subscripts):
    """Store the bit NEW-VALUE in BIT-ARRAY at SUBSCRIPTS."""
    a = _bit_array(bit_array, False)
    return row_major_set(a, _row_major_index(a, subscripts), new)


@defun("SBIT", "new-value simple-bit-array &rest subscripts", setf=True)
def set_sbit(new, simple_bit_array, *subscripts):
    """Store the bit NEW-VALUE in SIMPLE-BIT-ARRAY at SUBSCRIPTS."""
    a = _bit_array(simple_bit_array, True)
    return row_major_set(a, _row_major_index(a, subscripts), new)


# ---------------------------------------------------------------- dimensions
@defun("ARRAY-RANK", "array", pure=True)
def array_rank(array):
    """Return the number of dimensions of ARRAY."""
    return len(array_dims(array_arg(array)))


@defun("ARRAY-DIMENSIONS", "array")
def array_dimensions(array):
    """Return a list whose elements are the dimensions of the array"""
    return list_from(array_dims(array_arg(array)))


@defun("ARRAY-DIMENSION", "array axis-number", pure=True)
def array_dimension(array, axis_number):
    """Return the length of dimension AXIS-NUMBER of ARRAY."""
    dims = array_dims(array_arg(array))
    if type(axis_number) is not int or axis_number < 0:
        raise type_error(axis_number, lisp_list(cl_sym("MOD"), ARRAY_RANK_LIMIT))
    if axis_number >= len(dims):
        raise simple_error("Axis number ~W is too big; ~S only has ~D dimension~:P.",
                           axis_number, array, len(dims))
    return dims[axis_number]


@defun("ARRAY-TOTAL-SIZE", "array", pure=True)
def cl_array_total_size(array):
    """Return the total number of elements in the Array."""
    return array_total_size(array_arg(array))


@defun("ARRAY-ELEMENT-TYPE", "array", pure=True)
def cl_array_element_type(array):
    """Return the type of the elements of the array"""
    return array_element_type(array_arg(array))


@defun("UPGRADED-ARRAY-ELEMENT-TYPE", "typespec &optional environment", pure=True)
def upgraded_array_element_type(typespec, environment=NIL):
    """Return the element type that will actually be used to implement an array
    with the specifier :ELEMENT-TYPE Spec."""
    return upgrade_element_type(typespec)


@defun("ARRAY-IN-BOUNDS-P", "array &rest subscripts", pure=True)
def array_in_bounds_p(array, *subscripts):
    """Return T if the SUBSCRIPTS are in bounds for the ARRAY, NIL otherwise."""
    dims = array_dims(array_arg(array))
    if len(subscripts) != len(dims):
        raise _rank_error(array, len(subscripts))
    for sub, dim in zip(subscripts, dims):
        if type(sub) is not int:
            raise type_error(sub, cl_sym("INTEGER"))
        if not 0 <= sub < dim:
            return NIL
    return T


@defun("ARRAY-ROW-MAJOR-INDEX", "array &rest subscripts", pure=True)
def array_row_major_index(array, *subscripts):
    """Return the index of the element of ARRAY at SUBSCRIPTS in row-major
    order."""
    return _row_major_index(array_arg(array), subscripts)


@defun("ARRAY-DISPLACEMENT", "array", mv=True)
def array_displacement(array):
    """Return the values of :DISPLACED-TO and :DISPLACED-INDEX-offset
    options to MAKE-ARRAY, or NIL and 0 if not a displaced array."""
    d = displacement_of(array_arg(array))
    return MV((NIL, 0)) if d is None else MV(d)


# ---------------------------------------------------------------- predicates
@defun("ARRAYP", "object", pure=True)
def arrayp(x):
    """Return true if OBJECT is an ARRAY, and NIL otherwise."""
    return T if isinstance(x, (LString, Vector, Array)) else NIL


@defun("VECTORP", "object", pure=True)
def vectorp(x):
    """Return true if OBJECT is a VECTOR, and NIL otherwise."""
    return T if isinstance(x, (LString, Vector)) else NIL


@defun("SIMPLE-VECTOR-P", "object", pure=True)
def simple_vector_p(x):
    """Return true if OBJECT is a SIMPLE-VECTOR, and NIL otherwise."""
    return T if type(x) is Vector and x.element_type is T and is_simple_array(x) else NIL


@defun("BIT-VECTOR-P", "object", pure=True)
def bit_vector_p(x):
    """Return true if OBJECT is a BIT-VECTOR, and NIL otherwise."""
    return T if isinstance(x, Vector) and x.element_type is S_BIT else NIL


@defun("SIMPLE-BIT-VECTOR-P", "object", pure=True)
def simple_bit_vector_p(x):
    """Return true if OBJECT is a SIMPLE-BIT-VECTOR, and NIL otherwise."""
    return T if isinstance(x, Vector) and x.element_type is S_BIT and is_simple_array(x) \
        else NIL


@defun("ADJUSTABLE-ARRAY-P", "array", pure=True)
def adjustable_array_p(array):
    """Return T if (ADJUST-ARRAY ARRAY...) would return an array identical
    to the argument, this happens for complex arrays."""
    return NIL if is_simple_array(array_arg(array)) else T


@defun("ARRAY-HAS-FILL-POINTER-P", "array", pure=True)
def array_has_fill_pointer_p(array):
    """Return T if the given ARRAY has a fill pointer, or NIL otherwise."""
    a = array_arg(array)
    return T if not isinstance(a, Array) and a.fill_pointer is not None else NIL

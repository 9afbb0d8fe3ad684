"""Fill pointers and resizing: FILL-POINTER and its setf function,
VECTOR-PUSH, VECTOR-PUSH-EXTEND, VECTOR-POP and ADJUST-ARRAY.

As in SBCL, every array that is not simple (it has a fill pointer, is
adjustable or is displaced) is "actually adjustable": ADJUST-ARRAY changes
it in place, keeping its identity, and VECTOR-PUSH-EXTEND may grow it; a
simple array is never changed in place, ADJUST-ARRAY returns a new one.
VECTOR-PUSH-EXTEND grows a full vector to twice its size (at least 1), or
by the requested extension, as SBCL does.
"""
from __future__ import annotations

from ..arraydata import (check_allocation, check_element, default_element, is_simple_array,
                         upgrade_element_type)
from ..errors import lisp_error, simple_error, type_error
from ..functions import defun
from ..objects import NIL, Array, LString, Vector, cl_sym, lisp_list
from .arrays import (S_VECTOR, array_arg, parse_dimensions, fill_pointer_arg, flatten_contents,
                     make_displaced, array_dims, array_element_type, array_items,
                     array_total_size, make_array_object, row_major_ref, row_major_set)
from .seqbase import INDEX_TYPE

__all__ = []


# ---------------------------------------------------------------- fill pointers
def vector_with_fill_pointer(x):
    if not isinstance(x, (LString, Vector)) or x.fill_pointer is None:
        raise lisp_error("SIMPLE-TYPE-ERROR", "~S is not an array with a fill pointer.", x,
                         datum=x, expected_type=lisp_list(cl_sym("AND"), S_VECTOR,
                                                          lisp_list(cl_sym("SATISFIES"),
                                                                    cl_sym("ARRAY-HAS-FILL-POINTER-P"))))
    return x


@defun("FILL-POINTER", "vector")
def fill_pointer(vector):
    """Return the FILL-POINTER of the given VECTOR."""
    return vector_with_fill_pointer(vector).fill_pointer


@defun("FILL-POINTER", "new-value vector", setf=True)
def set_fill_pointer(new, vector):
    """Set the fill pointer of VECTOR to NEW-VALUE."""
    v = vector_with_fill_pointer(vector)
    if type(new) is not int or new < 0:
        raise type_error(new, INDEX_TYPE)
    n = array_total_size(v)
    if new > n:
        raise lisp_error("SIMPLE-TYPE-ERROR",
                         "The new fill pointer, ~S, is larger than the length of the vector (~S.)",
                         new, n, datum=new, expected_type=lisp_list(cl_sym("INTEGER"), 0, n))
    v.fill_pointer = new
    return new


@defun("VECTOR-PUSH", "new-element vector")
def vector_push(new_element, vector):
    """Attempt to set the element of VECTOR designated by its fill pointer
    to NEW-ELEMENT, and increment the fill pointer by one. If the fill pointer
    is too large, NIL is returned, otherwise the index of the pushed element
    is returned."""
    v = vector_with_fill_pointer(vector)
    fp = v.fill_pointer
    if fp >= array_total_size(v):
        return NIL
    row_major_set(v, fp, new_element)
    v.fill_pointer = fp + 1
    return fp


@defun("VECTOR-PUSH-EXTEND", "new-element vector &optional min-extension")
def vector_push_extend(new_element, vector, min_extension=None):
    """Attempt to set the element of VECTOR designated by its fill pointer
    to NEW-ELEMENT and increment the fill pointer by one. If the fill pointer
    is too large, VECTOR is extended using adjust-array. MIN-EXTENSION is the
    minimum number of elements to add if extension is needed."""
    v = vector_with_fill_pointer(vector)
    fp = v.fill_pointer
    size = array_total_size(v)
    if fp >= size:
        if min_extension is None:
            new_size = max(1, 2 * size)
        elif type(min_extension) is not int or min_extension < 0:
            raise type_error(min_extension, INDEX_TYPE)
        else:
            new_size = size + max(1, min_extension)
        check_allocation(new_size)
        _resize_vector(v, new_size, None)
    row_major_set(v, fp, new_element)
    v.fill_pointer = fp + 1
    return fp


@defun("VECTOR-POP", "vector")
def vector_pop(vector):
    """Decrease the fill pointer by 1 and return the element pointed to by the
    new fill pointer."""
    v = vector_with_fill_pointer(vector)
    if v.fill_pointer == 0:
        raise simple_error("There is nothing left to pop.")
    v.fill_pointer -= 1
    return row_major_ref(v, v.fill_pointer)


# ---------------------------------------------------------------- ADJUST-ARRAY
def _resize_vector(v, new_size: int, initial_element):
    """Give the vector V (in place) NEW_SIZE elements: the old ones first,
    then INITIAL-ELEMENT (default: the element type's zero). A displaced
    vector stops being displaced."""
    etype = array_element_type(v)
    fill = default_element(etype) if initial_element is None \
        else check_element(etype, initial_element)
    old = array_items(v)[:new_size]
    items = old + [fill] * (new_size - len(old))
    if isinstance(v, LString):
        v.displaced = None
        v.data = "".join([c.ch for c in items])
    else:
        v.items = items


def _copy_by_subscripts(old_items: list, old_dims: list, new_dims: list, fill) -> list:
    """Row-major items of NEW_DIMS keeping every element whose subscripts
    are valid in both shapes (ADJUST-ARRAY's rule), FILL elsewhere."""
    total = 1
    for d in new_dims:
        total *= d
    out = [fill] * total
    if not new_dims:
        if old_items:
            out[0] = old_items[0]
        return out
    common = [min(a, b) for a, b in zip(old_dims, new_dims)]
    if 0 in common:
        return out

    def strides(dims):
        s = [1] * len(dims)
        for i in range(len(dims) - 2, -1, -1):
            s[i] = s[i + 1] * dims[i + 1]
        return s
    so, sn = strides(old_dims), strides(new_dims)
    idx = [0] * len(common)
    while True:
        o = sum(i * s for i, s in zip(idx, so))
        n = sum(i * s for i, s in zip(idx, sn))
        out[n] = old_items[o]
        axis = len(common) - 1
        while axis >= 0:
            idx[axis] += 1
            if idx[axis] < common[axis]:
                break
            idx[axis] = 0
            axis -= 1
        if axis < 0:
            return out


@defun("ADJUST-ARRAY", "array dimensions &key element-type initial-element "
                       "initial-contents fill-pointer displaced-to displaced-index-offset")
def adjust_array(array, dimensions, element_type=None, initial_element=None,
                 initial_contents=None, fill_pointer=None, displaced_to=None,
                 displaced_index_offset=None):
    """Adjust ARRAY's dimensions to the given DIMENSIONS and stuff."""
    a = array_arg(array)
    dims = parse_dimensions(dimensions)
    old_dims = array_dims(a)
    if len(dims) != len(old_dims):
        raise simple_error("The number of dimensions not equal to rank of array.")
    etype = array_element_type(a)
    if element_type is not None and upgrade_element_type(element_type) is not \
            upgrade_element_type(etype):
        raise simple_error("The new element type, ~S, is incompatible with old type, ~S.",
                           element_type, etype)
    size = 1
    for d in dims:
        size *= d
    check_allocation(size)
    old_fp = None if isinstance(a, Array) else a.fill_pointer
    if fill_pointer is None or fill_pointer is NIL:
        fp = old_fp
        if fp is not None and fp > size:
            raise simple_error("can't adjust vector ~S to a size (~S) smaller than its "
                               "current fill pointer (~S)", a, size, fp)
    else:
        if old_fp is None:
            vector_with_fill_pointer(a)
        fp = fill_pointer_arg(fill_pointer, size, len(dims))
    in_place = not is_simple_array(a)
    displaced = displaced_to is not None and displaced_to is not NIL
    if displaced:
        new = make_displaced(dims, upgrade_element_type(etype), displaced_to,
                              displaced_index_offset, fp, in_place)
    else:
        if initial_contents is not None:
            items = flatten_contents(initial_contents, dims)
            for x in items:
                check_element(upgrade_element_type(etype), x)
        else:
            fill = default_element(etype) if initial_element is None \
                else check_element(upgrade_element_type(etype), initial_element)
            items = _copy_by_subscripts(array_items(a), old_dims, dims, fill)
        new = make_array_object(dims, upgrade_element_type(etype), items, fp, in_place)
    return _become(a, new) if in_place else new


def _become(a, new):
    """Make the actually adjustable array A take NEW's shape and storage in
    place (keeping its identity), and return A."""
    if isinstance(a, LString):
        a.displaced = None
        a.data = new.data
        a.displaced = new.displaced
        a.fill_pointer = new.fill_pointer
        return a
    a.items = new.items
    if isinstance(a, Array):
        a.dims = new.dims
    else:
        a.fill_pointer = new.fill_pointer
    return a

"""The bit-array operations BIT-AND ... BIT-XOR and BIT-NOT.

Each combines bit arrays of the same dimensions elementwise. The result
goes into a fresh array when the optional argument is NIL (the default),
into the first argument when it is T, and into the given bit array
otherwise, as the standard says.
"""
from __future__ import annotations

from ..arraydata import S_BIT
from ..errors import simple_error, type_error
from ..functions import defun
from ..objects import NIL, T, Array, Vector, cl_sym, lisp_list
from .arrays import array_dims, make_array_object

__all__ = []

_BIT_ARRAY = lisp_list(cl_sym("ARRAY"), S_BIT)


def _bit_array(x):
    if not (isinstance(x, (Vector, Array)) and x.element_type is S_BIT):
        raise type_error(x, _BIT_ARRAY)
    return x


def _bits(a) -> list:
    return list(a.items)


def _result(first, opt_arg, dims: list, bits: list):
    if opt_arg is NIL:
        return make_array_object(dims, S_BIT, bits)
    target = first if opt_arg is T else _bit_array(opt_arg)
    if array_dims(target) != dims:
        raise simple_error("~S and ~S do not have the same dimensions.", first, target)
    target.items[:] = bits
    return target


def _define(name: str, op, doc: str):
    def combine(bit_array1, bit_array2, opt_arg=NIL):
        a, b = _bit_array(bit_array1), _bit_array(bit_array2)
        dims = array_dims(a)
        if array_dims(b) != dims:
            raise simple_error("~S and ~S do not have the same dimensions.", a, b)
        bits = [op(x, y) & 1 for x, y in zip(_bits(a), _bits(b))]
        return _result(a, opt_arg, dims, bits)
    combine.__doc__ = doc
    defun(name, "bit-array1 bit-array2 &optional opt-arg")(combine)


for _name, _op, _what in (
        ("BIT-AND", lambda x, y: x & y, "AND"),
        ("BIT-IOR", lambda x, y: x | y, "IOR"),
        ("BIT-XOR", lambda x, y: x ^ y, "XOR"),
        ("BIT-EQV", lambda x, y: ~(x ^ y), "EQV"),
        ("BIT-NAND", lambda x, y: ~(x & y), "NAND"),
        ("BIT-NOR", lambda x, y: ~(x | y), "NOR"),
        ("BIT-ANDC1", lambda x, y: ~x & y, "ANDC1"),
        ("BIT-ANDC2", lambda x, y: x & ~y, "ANDC2"),
        ("BIT-ORC1", lambda x, y: ~x | y, "ORC1"),
        ("BIT-ORC2", lambda x, y: x | ~y, "ORC2")):
    _define(_name, _op, f"Perform a bit-wise LOG{_what} on the elements of BIT-ARRAY-1 and "
                        f"BIT-ARRAY-2,\n  putting the results in RESULT-BIT-ARRAY.")


@defun("BIT-NOT", "bit-array &optional opt-arg")
def bit_not(bit_array, opt_arg=NIL):
    """Performs a bit-wise logical NOT on the elements of BIT-ARRAY,
  putting the results in RESULT-BIT-ARRAY."""
    a = _bit_array(bit_array)
    return _result(a, opt_arg, array_dims(a), [1 - x for x in _bits(a)])

"""The basic sequence functions, on lists, vectors and strings alike:
LENGTH, ELT, SUBSEQ, COPY-SEQ, REVERSE, NREVERSE, CONCATENATE, MAKE-SEQUENCE,
MAP, MAP-INTO, REDUCE, FILL and REPLACE, and the setf functions of ELT and
SUBSEQ. Searching and filtering live in seqsearch.py and seqmodify.py,
sorting in sorting.py.

Destructive operations on lists relink or overwrite the argument's own
conses the way SBCL does (NREVERSE leaves the old first cons as the last),
so code that looks at the old list afterwards sees what it would see under
SBCL. On vectors with a fill pointer only the active elements count.
"""
from __future__ import annotations

from ..arraydata import array_type_of, check_allocation, invalid_index_error
from ..conditions import condition_class, report_simple
from ..errors import lisp_error, type_error
from ..functions import call_lisp, defun
from ..objects import NIL, Cons, LString, Vector, lisp_list, make_char
from .seqbase import (S_LIST, S_SEQUENCE, S_INTEGER, INDEX_TYPE, Fn, key_fn,
                      bounds, check_sequence, direct, like, list_items,
                      resolve_function, seq_items, seq_length, store_items)
from .seqtypes import build_mapped, build_sequence, parse_sequence_type

__all__ = ["elt_index_error", "sequence_ref", "sequence_set", "coerce_to_sequence"]


# ---------------------------------------------------------------- ELT
# SBCL's class for ELT past a sequence's end: a TYPE-ERROR with a report
condition_class("SB-KERNEL:INDEX-TOO-LARGE-ERROR", ["TYPE-ERROR"],
                [("FORMAT-CONTROL", "FORMAT-CONTROL"), ("FORMAT-ARGUMENTS", "FORMAT-ARGUMENTS")],
                report_simple)


def elt_index_error(seq, index, length):
    """SBCL's INDEX-TOO-LARGE-ERROR report for ELT."""
    if not isinstance(seq, (LString, Vector)):
        return lisp_error("SB-KERNEL:INDEX-TOO-LARGE-ERROR",
                          "The index ~S is too large for a list of length ~S.", index, length,
                          datum=index, expected_type=lisp_list(S_INTEGER, 0, length - 1))
    fp = seq.fill_pointer
    middle = f" with fill-pointer {fp}" if fp is not None else " "
    return lisp_error("SB-KERNEL:INDEX-TOO-LARGE-ERROR",
                      "Invalid index ~S for ~S~A, should be a non-negative integer below ~S.",
                      index, array_type_of(seq), LString(middle), length,
                      datum=index, expected_type=lisp_list(S_INTEGER, 0, length - 1))


def _list_cell(seq, index: int) -> Cons:
    x = seq
    for _ in range(index):
        if type(x) is not Cons:
            break
        x = x.cdr
    if type(x) is Cons:
        return x
    if x is not NIL:
        raise type_error(x, S_LIST)
    raise elt_index_error(seq, index, seq_length(seq))


def sequence_ref(seq, index):
    """ELT: element INDEX of SEQ (active part of a vector)."""
    if type(index) is not int or index < 0:
        raise type_error(index, INDEX_TYPE)
    if type(seq) is Cons or seq is NIL:
        return _list_cell(seq, index).car
    if isinstance(seq, LString):
        if index >= len(seq):
            raise elt_index_error(seq, index, len(seq))
        return make_char(seq.data[index])
    if isinstance(seq, Vector):
        if index >= len(seq):
            raise elt_index_error(seq, index, len(seq))
        return seq.items[index]
    raise type_error(seq, S_SEQUENCE)


def sequence_set(seq, index, value):
    if type(index) is not int or index < 0:
        raise type_error(index, INDEX_TYPE)
    if type(seq) is Cons or seq is NIL:
        # as SBCL's (setf nth): a list too short ends in NIL, not a CONS
        x = seq
        for _ in range(index):
            if type(x) is not Cons:
                break
            x = x.cdr
        if type(x) is not Cons:
            raise type_error(x, "CONS")
        x.car = value
        return value
    if isinstance(seq, (LString, Vector)):
        if index >= len(seq):
            if seq.fill_pointer is not None:
                raise elt_index_error(seq, index, len(seq))
            raise invalid_index_error(seq, index, len(seq))
        store_items(seq, index, [value])
        return value
    raise type_error(seq, S_SEQUENCE)


@defun("LENGTH", "sequence", pure=True)
def length(sequence):
    """Return an integer that is the length of SEQUENCE."""
    return seq_length(sequence)


@defun("ELT", "sequence index", pure=True)
def elt(sequence, index):
    """Return the element of SEQUENCE specified by INDEX."""
    return sequence_ref(sequence, index)


@defun("ELT", "new-value sequence index", setf=True)
def set_elt(new, sequence, index):
    """Store NEW-VALUE as the element of SEQUENCE specified by INDEX."""
    return sequence_set(sequence, index, new)


# ---------------------------------------------------------------- SUBSEQ, COPY-SEQ
@defun("SUBSEQ", "sequence start &optional end")
def subseq(sequence, start, end=NIL):
    """Return a copy of a subsequence of SEQUENCE starting with element number
    START and continuing to the end of SEQUENCE or the optional END."""
    items = seq_items(sequence)
    s, e = bounds(sequence, start, end, len(items))
    return like(sequence, items[s:e])


@defun("SUBSEQ", "new-value sequence start &optional end", setf=True)
def set_subseq(new, sequence, start, end=NIL):
    """Replace the elements of SEQUENCE from START to END with those of
    NEW-VALUE, as REPLACE does; return NEW-VALUE."""
    _replace(sequence, new, start, end, None, NIL)
    return new


@defun("COPY-SEQ", "sequence")
def copy_seq(sequence):
    """Return a copy of SEQUENCE which is EQUAL to SEQUENCE but not EQ."""
    return like(sequence, list(seq_items(sequence)))


# ---------------------------------------------------------------- REVERSE
@defun("REVERSE", "sequence")
def reverse(sequence):
    """Return a new sequence containing the same elements but in reverse
    order."""
    items = seq_items(sequence)
    return like(sequence, items[::-1])


@defun("NREVERSE", "sequence")
def nreverse(sequence):
    """Return a sequence of the same elements in reverse order; the argument
    is destroyed."""
    if type(sequence) is Cons:
        list_items(sequence)
        r = NIL
        x = sequence
        while type(x) is Cons:
            nxt = x.cdr
            x.cdr = r
            r = x
            x = nxt
        return r
    if sequence is NIL:
        return NIL
    check_sequence(sequence)
    if isinstance(sequence, LString):
        n = len(sequence)
        d = sequence.data
        sequence.data = d[:n][::-1] + d[n:]
    else:
        n = len(sequence)
        sequence.items[:n] = sequence.items[:n][::-1]
    return sequence


# ---------------------------------------------------------------- building
def coerce_to_sequence(items: list, result_type):
    """A fresh sequence of RESULT-TYPE holding ITEMS (for COERCE)."""
    return build_sequence(parse_sequence_type(result_type), items)


@defun("CONCATENATE", "result-type &rest sequences")
def concatenate(result_type, *sequences):
    """Return a new sequence of all the argument sequences concatenated
    together which shares no structure with the original argument
    sequences of the specified RESULT-TYPE."""
    stype = parse_sequence_type(result_type)
    items = []
    for s in sequences:
        items.extend(seq_items(s))
    return build_sequence(stype, items)


@defun("MAKE-SEQUENCE", "result-type length &key initial-element")
def make_sequence(result_type, length, initial_element=None):
    """Return a sequence of the given RESULT-TYPE and LENGTH, with elements
    initialized to INITIAL-ELEMENT."""
    stype = parse_sequence_type(result_type)
    if type(length) is not int or length < 0:
        raise type_error(length, INDEX_TYPE)
    check_allocation(length)
    if initial_element is None:
        initial_element = stype.default_element()
    return build_sequence(stype, [initial_element] * length)


# ---------------------------------------------------------------- MAP, MAP-INTO
def _call_each(fn, d, columns: list, n: int):
    """Generator: the results of FN on the Ith elements of COLUMNS, I < N."""
    out = []
    if d is not None:
        for i in range(n):
            out.append(d(*[c[i] for c in columns]))
        return out
    for i in range(n):
        out.append((yield from call_lisp(fn, *[c[i] for c in columns])))
    return out


@defun("MAP", "result-type function first-sequence &rest more-sequences", kind="gen")
def map_(result_type, function, first_sequence, *more_sequences):
    """Return a sequence of the results of applying FUNCTION to successive
    elements of the argument sequences, of type RESULT-TYPE (NIL: no
    result)."""
    stype = None if result_type is NIL else parse_sequence_type(result_type)
    fn = resolve_function(function)
    columns = [seq_items(s) for s in (first_sequence,) + more_sequences]
    n = min(len(c) for c in columns)
    results = yield from _call_each(fn, direct(fn, len(columns)), columns, n)
    if stype is None:
        return NIL
    return build_mapped(stype, results)


@defun("MAP-INTO", "result-sequence function &rest sequences", kind="gen")
def map_into(result_sequence, function, *sequences):
    """Destructively store into RESULT-SEQUENCE the results of FUNCTION on
    successive elements of SEQUENCES, as many as the shortest allows; a
    fill pointer is ignored and then set to that number."""
    check_sequence(result_sequence)
    fn = resolve_function(function)
    columns = [seq_items(s) for s in sequences]
    if isinstance(result_sequence, LString):
        room = len(result_sequence.data)
    elif isinstance(result_sequence, Vector):
        room = len(result_sequence.items)
    else:
        room = seq_length(result_sequence)
    n = min([room] + [len(c) for c in columns])
    results = yield from _call_each(fn, direct(fn, len(columns)), columns, n)
    if type(result_sequence) is Cons:
        x = result_sequence
        for r in results:
            x.car = r
            x = x.cdr
    elif result_sequence is not NIL:
        if result_sequence.fill_pointer is not None:
            result_sequence.fill_pointer = n
        store_items(result_sequence, 0, results)
    return result_sequence


# ---------------------------------------------------------------- REDUCE
@defun("REDUCE", "function sequence &key key from-end start end initial-value", kind="gen")
def reduce_(function, sequence, key=None, from_end=NIL, start=None, end=None,
            initial_value=None):
    """Combine the elements of SEQUENCE (from START to END, through KEY)
    with the binary FUNCTION, left to right or, with FROM-END, right to
    left, starting from INITIAL-VALUE when it is supplied."""
    fn = Fn(function, 2)
    k = key_fn(key)
    items = seq_items(sequence)
    s, e = bounds(sequence, start, end, len(items))
    items = items[s:e]
    if from_end is not NIL:
        items = items[::-1]
    if not items:
        if initial_value is not None:
            return initial_value
        f0 = resolve_function(function)
        d0 = direct(f0, 0)
        return d0() if d0 is not None else (yield from call_lisp(f0))
    kd = k.d if k is not None else None

    def keyed(x):
        if k is None:
            return x
        if kd is not None:
            return kd(x)
        return (yield from call_lisp(k.fn, x))
    if initial_value is not None:
        acc = initial_value
        rest = items
    else:
        acc = yield from keyed(items[0])
        rest = items[1:]
    d, f = fn.d, fn.fn
    rev = from_end is not NIL
    for x in rest:
        v = yield from keyed(x)
        a, b = (v, acc) if rev else (acc, v)
        acc = d(a, b) if d is not None else (yield from call_lisp(f, a, b))
    return acc


# ---------------------------------------------------------------- FILL, REPLACE
@defun("FILL", "sequence item &key start end")
def fill(sequence, item, start=None, end=None):
    """Replace the specified elements of SEQUENCE with ITEM."""
    if type(sequence) is Cons or sequence is NIL:
        items = list_items(sequence)
        s, e = bounds(sequence, start, end, len(items))
        x = sequence
        for i in range(e):
            if i >= s:
                x.car = item
            x = x.cdr
        return sequence
    check_sequence(sequence)
    s, e = bounds(sequence, start, end, len(sequence))
    store_items(sequence, s, [item] * (e - s))
    return sequence


def _replace(target, source, start1, end1, start2, end2):
    n1 = seq_length(target)
    s1, e1 = bounds(target, start1, end1, n1)
    src = seq_items(source)
    s2, e2 = bounds(source, start2, end2, len(src))
    n = min(e1 - s1, e2 - s2)
    chunk = list(src[s2:s2 + n])          # a copy: source and target may overlap
    store_items(target, s1, chunk)
    return target


@defun("REPLACE", "sequence1 sequence2 &key start1 end1 start2 end2")
def replace(sequence1, sequence2, start1=None, end1=None, start2=None, end2=None):
    """Destructively modifies SEQUENCE1 by copying successive elements
    into it from the SEQUENCE2.

    Elements are copied to the subseqeuence bounded by START1 and END1,
    from the subsequence bounded by START2 and END2. If these subsequences
    are not of the same length, then the shorter length determines how
    many elements are copied."""
    return _replace(sequence1, sequence2, start1, end1, start2, end2)



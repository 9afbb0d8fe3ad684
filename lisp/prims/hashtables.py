"""Hash tables: MAKE-HASH-TABLE, GETHASH and its setf function, REMHASH,
CLRHASH, MAPHASH and the accessors, with SB-EXT:HASH-TABLE-WEAKNESS and
SB-EXT:HASH-TABLE-SYNCHRONIZED-P.

Keys are mapped to Python keys by the test's key function (equality.py), so
an EQUAL table finds a list by contents and an EQL table keeps 1 and 1.0
apart. Iteration order is SBCL's, because programs print what MAPHASH or
LOOP visit: HashTable (objects.py) numbers its entries like SBCL's slots,
and ``HashTable.entries()`` lists them in SBCL's order; every module that
iterates over a table (LOOP, WITH-HASH-TABLE-ITERATOR) should use it rather
than the dict.

A weak table holds its entries strongly between collections; SB-EXT:GC
(weakgc.py) removes those whose weak key or value is otherwise unreachable.
"""
from __future__ import annotations

from ..equality import KEYFNS, cl_eq, cl_eql, cl_equal, cl_equalp
from ..errors import simple_error, type_error
from ..functions import call_lisp, defun
from ..objects import (NIL, T, HashTable, MV, SingleFloat, Symbol, cl_sym, keyword,
                      lisp_list)
from .seqbase import direct, resolve_function

__all__ = ["make_table"]

S_HASH_TABLE = cl_sym("HASH-TABLE")
_DEFAULT_SIZE = 7

_TESTS_BY_FUNCTION = {
    cl_eq.primitive: cl_sym("EQ"),
    cl_eql.primitive: cl_sym("EQL"),
    cl_equal.primitive: cl_sym("EQUAL"),
    cl_equalp.primitive: cl_sym("EQUALP"),
}
_WEAKNESS = (NIL, keyword("KEY"), keyword("VALUE"), keyword("KEY-AND-VALUE"),
             keyword("KEY-OR-VALUE"))


def make_table(test: Symbol = cl_sym("EQL"), size: int = _DEFAULT_SIZE) -> HashTable:
    """A fresh hash table with test EQ, EQL, EQUAL or EQUALP (a symbol)."""
    h = HashTable(test, KEYFNS[test], size)
    h.rehash_size = SingleFloat(1.5)
    h.rehash_threshold = SingleFloat(1.0)
    return h


def _table(x) -> HashTable:
    if not isinstance(x, HashTable):
        raise type_error(x, S_HASH_TABLE)
    return x


# ---------------------------------------------------------------- Lisp functions
def _test_symbol(test) -> Symbol:
    if type(test) is Symbol and test in KEYFNS:
        return test
    fn = test.fn if type(test) is Symbol else test
    sym = _TESTS_BY_FUNCTION.get(fn)
    if sym is None:
        raise simple_error("Unknown :TEST for MAKE-HASH-TABLE: ~S", test)
    return sym


@defun("MAKE-HASH-TABLE", "&key test size rehash-size rehash-threshold weakness synchronized")
def make_hash_table(test=None, size=None, rehash_size=None, rehash_threshold=None,
                    weakness=NIL, synchronized=NIL):
    """Create and return a new hash table. The keywords are as follows:

  :TEST
    Determines how keys are compared. Must a designator for one of the
    standard hash table tests: EQ, EQL, EQUAL, or EQUALP.

  :SIZE
    A hint as to how many elements will be put in this hash table.

  :REHASH-SIZE
    Indicates how to expand the table when it fills up. If an integer, add
    space for that many elements. If a floating point number (which must be
    greater than 1.0), multiply the size by that amount.

  :REHASH-THRESHOLD
    Indicates how dense the table can become before forcing a rehash.

  :WEAKNESS
    When :WEAKNESS is not NIL, garbage collection may remove entries from the
    hash table. The value of :WEAKNESS specifies how the presence of a key or
    value in the hash table preserves their entries from garbage collection.

    Valid values are:

      :KEY means that the key of an entry must be live to guarantee that the
        entry is preserved.

      :VALUE means that the value of an entry must be live to guarantee that
        the entry is preserved.

      :KEY-AND-VALUE means that both the key and the value must be live to
        guarantee that the entry is preserved.

      :KEY-OR-VALUE means that either the key or the value must be live to
        guarantee that the entry is preserved.

      NIL (the default) means that entries are always preserved.

  :SYNCHRONIZED
    If NIL (the default), the hash-table may have multiple concurrent
    readers, but results are undefined if a thread writes to the hash-table
    concurrently with another reader or writer. If T, all concurrent
    accesses are safe."""
    sym = cl_sym("EQL") if test is None else _test_symbol(test)
    if size is None:
        n = _DEFAULT_SIZE
    elif type(size) is not int or size < 0:
        raise type_error(size, cl_sym("UNSIGNED-BYTE"))
    else:
        n = max(size, _DEFAULT_SIZE)
    if weakness not in _WEAKNESS:
        raise type_error(weakness, lisp_list(cl_sym("MEMBER"), *_WEAKNESS))
    h = make_table(sym, n)
    if rehash_size is not None:
        h.rehash_size = rehash_size
    if rehash_threshold is not None:
        h.rehash_threshold = rehash_threshold
    h.weakness = weakness
    h.synchronized = synchronized is not NIL
    return h


@defun("GETHASH", "key hash-table &optional default", mv=True)
def gethash(key, hash_table, default=NIL):
    """Finds the entry in HASH-TABLE whose key is KEY and returns the
    associated value and T as multiple values, or returns DEFAULT and NIL
    if there is no such entry. Entries can be added using SETF."""
    h = _table(hash_table)
    e = h.table.get(h.keyfn(key))
    if e is None:
        return MV((default, NIL))
    return MV((e[1], T))


@defun("GETHASH", "new-value key hash-table &optional default", setf=True)
def set_gethash(new, key, hash_table, default=NIL):
    """Associate NEW-VALUE with KEY in HASH-TABLE (DEFAULT is only
    evaluated, as CL requires)."""
    _table(hash_table).put(key, new)
    return new


@defun("REMHASH", "key hash-table")
def remhash(key, hash_table):
    """Remove the entry in HASH-TABLE associated with KEY. Return T if
    there was such an entry, or NIL if not."""
    return T if _table(hash_table).remove(key) else NIL


@defun("CLRHASH", "hash-table")
def clrhash(hash_table):
    """This function removes all the entries from HASH-TABLE and returns the
    hash table itself."""
    h = _table(hash_table)
    h.clear()
    return h


@defun("MAPHASH", "function-designator hash-table", kind="gen")
def maphash(function_designator, hash_table):
    """For each entry in HASH-TABLE, call the designated two-argument function
    on the key and value of the entry. Return NIL.

  Consequences are undefined if HASH-TABLE is mutated during the call to
  MAPHASH, except for changing or removing elements corresponding to the
  current key. The applies to all threads, not just the current one --
  even for synchronized hash-tables. If the table may be mutated by
  another thread during iteration, use eg. SB-EXT:WITH-LOCKED-HASH-TABLE
  to protect the MAPHASH call."""
    h = _table(hash_table)
    fn = resolve_function(function_designator)
    d = direct(fn, 2)
    table = h.table
    items = list(table.items())
    if h.reordered:
        items.sort(key=lambda kv: kv[1][2])
    for k, e in items:
        if table.get(k) is not e:       # removed by an earlier call
            continue
        if d is not None:
            d(e[0], e[1])
        else:
            yield from call_lisp(fn, e[0], e[1])
    return NIL


@defun("HASH-TABLE-COUNT", "hash-table")
def hash_table_count(hash_table):
    """Return the number of entries in the given HASH-TABLE."""
    return len(_table(hash_table).table)


@defun("HASH-TABLE-P", "object", pure=True)
def hash_table_p(x):
    """Return true if OBJECT is a HASH-TABLE, and NIL otherwise."""
    return T if isinstance(x, HashTable) else NIL


@defun("HASH-TABLE-TEST", "hash-table")
def hash_table_test(hash_table):
    """Return the test HASH-TABLE was created with."""
    return _table(hash_table).test


@defun("HASH-TABLE-SIZE", "hash-table")
def hash_table_size(hash_table):
    """Return a size that can be used with MAKE-HASH-TABLE to create a hash
    table that can hold however many entries HASH-TABLE can hold without
    having to be grown."""
    return _table(hash_table).size


@defun("HASH-TABLE-REHASH-SIZE", "hash-table")
def hash_table_rehash_size(hash_table):
    """Return the rehash-size HASH-TABLE was created with."""
    return _table(hash_table).rehash_size


@defun("HASH-TABLE-REHASH-THRESHOLD", "hash-table")
def hash_table_rehash_threshold(hash_table):
    """Return the rehash-threshold HASH-TABLE was created with."""
    return _table(hash_table).rehash_threshold



@defun("SB-EXT:HASH-TABLE-WEAKNESS", "hash-table")
def hash_table_weakness(hash_table):
    """Return the WEAKNESS of HASH-TABLE which is one of NIL, :KEY,
    :VALUE, :KEY-AND-VALUE, :KEY-OR-VALUE."""
    w = _table(hash_table).weakness
    return NIL if w is None else w


@defun("SB-EXT:HASH-TABLE-SYNCHRONIZED-P", "hash-table")
def hash_table_synchronized_p(hash_table):
    """Returns T if HASH-TABLE is synchronized."""
    return T if _table(hash_table).synchronized else NIL

"""Run-time support of LOOP expansions: the type checks SBCL's LOOP gets
from its declarations, and iteration cursors for the hash-table, package
and sequence paths (``for k being the hash-keys of h``, ``for s being the
symbols of p``, SBCL's ``for x being the elements of sequence``).

A cursor is made once when the loop binds its variables and handed back to
``%LOOP-HASH-NEXT`` / ``%LOOP-PACKAGE-NEXT`` each iteration, which return
``(values T key value)`` / ``(values T symbol)`` while there is an entry and
NIL when the iteration is over: one primitive call per iteration, no Lisp
consing. Both snapshot their entries when made, because CLHS 3.6 lets the
loop body change the table (SETF GETHASH of the current entry, REMHASH of
any entry): an entry removed before it is reached is skipped.
"""
from __future__ import annotations

from .errors import LispError, lisp_error, type_error
from .functions import defun
from .objects import NIL, T, MV, Cons, HashTable, LString, Vector, keyword, make_char


@defun("SYS::%LOOP-CHECK-TYPE", "value type")
def loop_check_type(value, type_):
    """VALUE, after checking that it is of TYPE_: the check SBCL's LOOP
    makes by declaring the types of the variables holding limits, steps,
    vectors and stepping functions (a BY step must be a positive real)."""
    from .types import typep
    if not typep(value, type_):
        raise lisp_error("SIMPLE-TYPE-ERROR", "The value ~S is not of type ~S.", value, type_,
                         datum=value, expected_type=type_)
    return value


def is_of_type(value, type_) -> bool:
    """Is the constant VALUE of TYPE_ (False when TYPE_ is not known yet)?"""
    from .types import typep
    try:
        return typep(value, type_)
    except LispError:
        return False


class HashCursor:
    """The entries of a hash table as they were when the loop started."""
    __slots__ = ("table", "entries", "index")

    def __init__(self, table: HashTable):
        self.table = table
        self.entries = table.entries()     # SBCL's order, also after REMHASH
        self.index = 0


class PackageCursor:
    """The symbols of a package as they were when the loop started."""
    __slots__ = ("symbols", "index")

    def __init__(self, symbols: list):
        self.symbols = symbols
        self.index = 0


@defun("SYS::%LOOP-HASH-CURSOR", "table")
def loop_hash_cursor(table):
    """A cursor over the entries of TABLE, for LOOP's hash-table paths."""
    if type(table) is not HashTable:
        raise type_error(table, "HASH-TABLE")
    return HashCursor(table)


@defun("SYS::%LOOP-HASH-NEXT", "cursor", mv=True)
def loop_hash_next(cursor):
    """Advance CURSOR: (values T key value), or NIL when no entry is left."""
    entries = cursor.entries
    live = cursor.table.table
    keyfn = cursor.table.keyfn
    while cursor.index < len(entries):
        entry = entries[cursor.index]
        cursor.index += 1
        if live.get(keyfn(entry[0])) is entry:
            return MV((T, entry[0], entry[1]))
    return NIL


_INTERNAL, _EXTERNAL, _INHERITED = keyword("INTERNAL"), keyword("EXTERNAL"), keyword("INHERITED")


@defun("SYS::%LOOP-PACKAGE-CURSOR", "package kinds")
def loop_package_cursor(package, kinds):
    """A cursor over the symbols of PACKAGE (a package designator) whose
    accessibility is one of KINDS (:internal :external :inherited), as
    WITH-PACKAGE-ITERATOR would list them."""
    from .prims.packages import coerce_package
    pkg = coerce_package(package)
    wanted = set()
    while kinds is not NIL:
        wanted.add(kinds.car)
        kinds = kinds.cdr
    symbols = []
    if _INTERNAL in wanted:
        symbols += pkg.internal.values()
    if _EXTERNAL in wanted:
        symbols += pkg.external.values()
    if _INHERITED in wanted:
        seen = set()
        for used in pkg.use_list:
            for name, sym in used.external.items():
                # shadowed or already inherited names are not inherited again
                if name not in seen and pkg.find(name)[0] is sym and pkg.present(name) is None:
                    seen.add(name)
                    symbols.append(sym)
    return PackageCursor(symbols)


@defun("SYS::%LOOP-PACKAGE-NEXT", "cursor", mv=True)
def loop_package_next(cursor):
    """Advance CURSOR: (values T symbol), or NIL when no symbol is left."""
    if cursor.index < len(cursor.symbols):
        sym = cursor.symbols[cursor.index]
        cursor.index += 1
        return MV((T, sym))
    return NIL


class ElementCursor:
    """A position in a sequence: the next cons of a list, the next index
    of a vector. Elements are read when reached, as SBCL's sequence
    iterators read them, so a change the body makes ahead is seen."""
    __slots__ = ("sequence", "position")

    def __init__(self, sequence):
        self.sequence = sequence
        self.position = sequence if type(sequence) is Cons or sequence is NIL else 0


@defun("SYS::%LOOP-ELEMENTS-CURSOR", "sequence")
def loop_elements_cursor(sequence):
    """A cursor over the elements of SEQUENCE, for LOOP's ELEMENTS path."""
    if not (type(sequence) in (Cons, LString, Vector) or sequence is NIL):
        raise type_error(sequence, "SEQUENCE")
    return ElementCursor(sequence)


@defun("SYS::%LOOP-ELEMENTS-NEXT", "cursor", mv=True)
def loop_elements_next(cursor):
    """Advance CURSOR: (values T element), or NIL after the last element
    (of a vector's active part)."""
    seq, pos = cursor.sequence, cursor.position
    if type(seq) is Cons or seq is NIL:
        if type(pos) is not Cons:
            return NIL
        cursor.position = pos.cdr
        return MV((T, pos.car))
    if pos >= len(seq):
        return NIL
    cursor.position = pos + 1
    return MV((T, make_char(seq.value[pos]) if type(seq) is LString else seq.items[pos]))

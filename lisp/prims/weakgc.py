"""SB-EXT:GC, and the weak hash tables it clears.

A weak table (MAKE-HASH-TABLE :WEAKNESS ...) holds its entries like any
other table between collections; SB-EXT:GC drops the entries whose weak
key or value nothing else reaches, as SBCL's collector does. Deciding
needs no weak references (so no Lisp object, Cons least of all, grows a
``__weakref__`` slot): the parts of every entry of every weak table are
taken out of their tables into one self-referencing list, and a full
collection with ``gc.DEBUG_SAVEALL`` lists, instead of freeing, everything
unreachable; a part found there is reachable only through weak tables.

Entries are judged as SBCL's ephemerons: a live entry's other parts are
reachable, an undecided entry's are not, so a value that holds its own
key does not keep the entry. Each round makes the entries whose weak parts
proved reachable live, which may make more parts reachable, until a round
finds nothing new; the rest are dead.

Objects Python cannot free (integers, floats, characters, which are
interned, and interned symbols, which their package holds) always stay,
like SBCL's fixnums, characters and interned symbols.
"""
from __future__ import annotations

import gc

from ..functions import defun
from ..objects import NIL, HashTable, keyword

__all__ = ["collect_weak_tables"]

_KEY, _VALUE = keyword("KEY"), keyword("VALUE")
_KEY_AND_VALUE, _KEY_OR_VALUE = keyword("KEY-AND-VALUE"), keyword("KEY-OR-VALUE")


def _survives(weakness, key, value, dead: set) -> bool:
    """Whether an entry with WEAKNESS keeps KEY and VALUE, given the ids of
    the objects found unreachable."""
    key_alive = id(key) not in dead
    value_alive = id(value) not in dead
    if weakness is _KEY:
        return key_alive
    if weakness is _VALUE:
        return value_alive
    if weakness is _KEY_AND_VALUE:
        return key_alive and value_alive
    return key_alive or value_alive


def _scan():
    """The weak tables that have entries, and the objects with finalizers.

    A collection runs the finalizers of everything it finds unreachable,
    also with DEBUG_SAVEALL; the parts of a live entry are unreachable for
    one round, so an open file held only by a weak table would be closed.
    Holding every finalizable object for the duration keeps them out of
    the rounds (they are judged again by the collection that follows)."""
    tables, finalizable = [], []
    for o in gc.get_objects():
        t = type(o)
        if t is HashTable:
            if o.weakness is not None and o.weakness is not NIL and o.table:
                tables.append(o)
        elif hasattr(t, "__del__"):
            finalizable.append(o)
    return tables, finalizable


def _unreachable_round(box: list) -> tuple[list, set]:
    """Collect once with BOX's only element, a list of entry parts, held by
    nothing but itself; return the parts and the ids of every object the
    collection found unreachable. The caller keeps no other reference to
    the parts, so they are reachable only from the program's other data."""
    parts = box.pop()
    parts.append(parts)             # a cycle: only the collector frees it
    holder_id = id(parts)
    del parts
    start = len(gc.garbage)
    debug = gc.get_debug()
    gc.set_debug(debug | gc.DEBUG_SAVEALL)
    try:
        gc.collect()
    finally:
        gc.set_debug(debug)
    found = gc.garbage[start:]
    del gc.garbage[start:]
    dead = {id(o) for o in found}
    holder = next(o for o in found if id(o) == holder_id)
    del found
    holder.pop()                    # break the cycle
    return holder, dead


def _judge(entries: list, box: list) -> list[bool]:
    """Run rounds until no more entries prove live; return which are.

    ENTRIES are (table, entry) pairs whose parts are in BOX's list (at the
    same index, as (python key, key, value)); a live entry gets its parts
    back, which then count as reachable in the next rounds."""
    live = [False] * len(entries)
    pending = list(range(len(entries)))
    while pending:
        parts, dead = _unreachable_round(box)
        proved, rest = [], []
        for i, p in zip(pending, parts):
            table, entry = entries[i]
            if _survives(table.weakness, p[1], p[2], dead):
                entry[0], entry[1] = p[1], p[2]
                entry.append(p[0])  # the table's key, put back by _restore
                live[i] = True
                proved.append(i)
            else:
                rest.append(p)
        del p
        if not proved or not rest:
            break
        pending = [i for i in pending if not live[i]]
        box.append(rest)
        del parts, rest
    return live


def _restore(entries, live):
    """Put live entries back into their (emptied) tables in their former
    order; a dead entry's slot is freed as REMHASH frees it."""
    for (table, entry), ok in zip(entries, live):
        if ok:
            pkey = entry.pop()
            table.table[pkey] = entry
        else:
            table.free_slots.append(entry[2])


def collect_weak_tables():
    """Drop the entries of weak hash tables whose weak parts nothing else
    reaches, then collect normally."""
    enabled = gc.isenabled()
    gc.disable()                    # no automatic collection between rounds
    try:
        tables, finalizable = _scan()
        if tables:
            entries, parts = [], []
            for table in tables:
                for pkey, entry in table.table.items():
                    parts.append((pkey, entry[0], entry[1]))
                    entry[0] = entry[1] = None
                    entries.append((table, entry))
                table.table.clear()
            box = [parts]
            del parts, pkey, entry
            live = _judge(entries, box)
            _restore(entries, live)
            del entries
        del finalizable
    finally:
        if enabled:
            gc.enable()
    gc.collect()


@defun("SB-EXT:GC", "&key full gen &allow-other-keys")
def gc_(full=NIL, gen=0):
    """Initiate a garbage collection.

  The default is to initiate a nursery collection, which may in turn
  trigger a collection of one or more older generations as well. If FULL
  is true, all generations are collected. If GEN is provided, it can be
  used to specify the oldest generation guaranteed to be collected.

  Here every collection is full, and clears the dead entries of weak hash
  tables."""
    collect_weak_tables()
    return NIL

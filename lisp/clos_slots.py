"""Slot access (SLOT-VALUE, SLOT-BOUNDP, SLOT-MAKUNBOUND, SLOT-EXISTS-P),
the generic functions SLOT-MISSING and SLOT-UNBOUND, and bringing the
instances of a redefined class up to date (CLHS 4.3.6).

Storage: an instance of a standard class keeps its local slots in a
``SlotDict`` (a missing key is an unbound slot) tagged with the ``Layout``
of its class it was made for: the names of the local slots and the cells
of the shared ones. Redefining a class so that this shape changes, or
MAKE-INSTANCES-OBSOLETE, marks the layout obsolete; an instance still
tagged with an obsolete layout is updated the next time it is touched (a
slot access, or a generic function call with it as a required argument,
as in SBCL): values of local slots kept local stay, the others go to
UPDATE-INSTANCE-FOR-REDEFINED-CLASS as discarded slots with their values,
and that generic function initializes the added slots.

The Lisp-called parts (a user's SLOT-MISSING or SLOT-UNBOUND method,
UPDATE-INSTANCE-FOR-REDEFINED-CLASS) run as nested calls from the slot
primitives, which stay simple (inlined) on the common path; without a
user method the default errors are signalled directly.
"""
from __future__ import annotations

from .clos import OBSOLETE, UPDATE_OBSOLETE, protocol_gf, default_method, user_method_applies
from .conditions import condition_class, report_simple
from .dynamic import state
from .errors import LispError
from .functions import Primitive, defun
from .machine import Frame, UNDO
from .objects import NIL, T, MV, LString, Instance, cl_sym, sys_sym, lisp_list
from .types import class_of

S = cl_sym


class _Unbound:
    """The value of an unbound slot's cell, as SBCL shows it."""
    __slots__ = ()

    def lisp_repr(self) -> str:
        return "#<unbound>"


MISSING = _Unbound()

condition_class("SB-PCL::MISSING-SLOT", ["CELL-ERROR", "SIMPLE-TYPE-ERROR"], report=report_simple)


class Layout:
    """The storage shape of a standard class's instances: NAMES of the
    local slots in order, CELLS (name -> one-element list) of the shared
    ones. OBSOLETE once the class has a newer layout."""
    __slots__ = ("names", "cells", "obsolete")

    def __init__(self, names, cells):
        self.names = tuple(names)
        self.cells = dict(cells)
        self.obsolete = False

    def same_shape(self, names, cells) -> bool:
        return self.names == tuple(names) and self.cells.keys() == cells.keys() and all(
            self.cells[n] is c for n, c in cells.items())


class SlotDict(dict):
    """The local slot values of a standard instance, and its layout."""
    __slots__ = ("layout",)

    def __init__(self, layout, *args):
        super().__init__(*args)
        self.layout = layout


def class_layout(cls) -> Layout:
    return cls.extra["layout"]


def set_layout(cls, names, cells):
    """Give CLS the layout NAMES/CELLS, making its instances obsolete when
    that differs from the one they have."""
    old = cls.extra.get("layout")
    if old is not None and old.same_shape(names, cells):
        return
    cls.extra["layout"] = Layout(names, cells)
    if old is not None:
        make_obsolete(old)


def make_obsolete(layout: Layout):
    layout.obsolete = True
    OBSOLETE[0] = True


def make_instances_obsolete(cls):
    old = class_layout(cls)
    cls.extra["layout"] = Layout(old.names, old.cells)
    make_obsolete(old)


def new_slots(cls) -> SlotDict:
    return SlotDict(class_layout(cls))


def slot_cells(cls) -> dict:
    return cls.extra.get("cells") or {}


def find_slot(cls, name):
    for sd in cls.slots:
        if sd.name is name:
            return sd
    return None


# ---------------------------------------------------------------- obsolete instances
def is_obsolete(inst) -> bool:
    slots = inst.slots
    return type(slots) is SlotDict and slots.layout.obsolete


def ensure_current(inst):
    """Update INST if its class was redefined since it was made or last
    updated."""
    slots = inst.slots
    if type(slots) is SlotDict and slots.layout.obsolete:
        update_obsolete_instance(inst)


class RetryCallFrame(Frame):
    """Calls FUNCTION with ARGS again once an instance is updated."""
    __slots__ = ("function", "args")

    def __init__(self, function, args):
        self.function = function
        self.args = args

    def resume(self, m):
        self.function.invoke(m, self.args)


def update_then_call(m, inst, function, args) -> bool:
    """If INST is obsolete, update it as machine steps and then call
    FUNCTION with ARGS again; answer whether that was started."""
    slots = inst.slots
    if type(slots) is not SlotDict or not slots.layout.obsolete:
        return False
    m.k.append(RetryCallFrame(function, args))
    _UPDATE.invoke(m, migrate_obsolete_instance(inst))
    return True


UPDATE_OBSOLETE[0] = update_then_call


def update_obsolete_instance(inst):
    """Update INST from a primitive that must return a value: a nested run
    (lisp/machine.py's call_nested)."""
    state.machine.call_nested(_UPDATE, migrate_obsolete_instance(inst))


def migrate_obsolete_instance(inst) -> list:
    """SBCL's obsolete instance trap: move INST's values to the current
    layout; the arguments for UPDATE-INSTANCE-FOR-REDEFINED-CLASS (which
    an exit from puts the old storage back: the instance stays obsolete,
    to be updated again)."""
    old_slots = inst.slots
    old = old_slots.layout
    new = class_layout(inst.cls)
    slots = SlotDict(new)
    remaining = list(new.names)
    added, discarded, plist = [], [], []
    for name in old.names:
        value = old_slots.get(name, MISSING)
        if value is MISSING:
            continue
        if name in remaining:
            slots[name] = value
            remaining.remove(name)
        else:
            discarded.insert(0, name)
            plist[0:0] = [name, value]
    for name, cell in old.cells.items():
        if name in remaining:
            if cell[0] is not MISSING:
                slots[name] = cell[0]
            remaining.remove(name)
    for name in remaining:
        added.insert(0, name)
    inst.slots = slots
    return [inst, old_slots, lisp_list(*added), lisp_list(*discarded), lisp_list(*plist)]


class RestoreSlotsFrame(Frame):
    """Under UPDATE-INSTANCE-FOR-REDEFINED-CLASS: an exit through it puts
    back the instance's obsolete storage, so that the next access tries
    the update again (SBCL does the same)."""
    __slots__ = ("inst", "slots")
    unwinds = UNDO

    def __init__(self, inst, slots):
        self.inst = inst
        self.slots = slots

    def resume(self, m):
        pass

    def undo(self, m):
        self.inst.slots = self.slots


def _update_instance(m, args):
    inst, old_slots, added, discarded, plist = args
    m.k.append(RestoreSlotsFrame(inst, old_slots))
    UPDATE_INSTANCE_FOR_REDEFINED_CLASS.invoke(m, [inst, added, discarded, plist])


_UPDATE = Primitive(sys_sym("%UPDATE-OBSOLETE-INSTANCE"), _update_instance, 5, 5, kind="control")


# ---------------------------------------------------------------- access
def _primary(v):
    return (v[0] if len(v) else NIL) if type(v) is MV else v


def _call_protocol(gf, args):
    return _primary(state.machine.call_nested(gf, args))


def slot_value(obj, name):
    if type(obj) is Instance:
        if OBSOLETE[0]:
            ensure_current(obj)
        v = obj.slots.get(name, MISSING)
        if v is not MISSING:
            return v
        cell = slot_cells(obj.cls).get(name)
        if cell is not None and cell[0] is not MISSING:
            return cell[0]
        if cell is not None or find_slot(obj.cls, name) is not None:
            return slot_unbound(obj, name)
    return slot_missing(obj, name, S("SLOT-VALUE"))


def slot_unbound(obj, name):
    cls = class_of(obj)
    if user_method_applies(SLOT_UNBOUND, [cls, obj, name]):
        return _call_protocol(SLOT_UNBOUND, [cls, obj, name])
    raise LispError("UNBOUND-SLOT", {"NAME": name, "INSTANCE": obj})


def slot_missing(obj, name, operation, new_value=None):
    cls = class_of(obj)
    args = [cls, obj, name, operation] + ([] if new_value is None else [new_value])
    if user_method_applies(SLOT_MISSING, args):
        return _call_protocol(SLOT_MISSING, args)
    raise missing_slot_error(obj, name, operation, new_value)


def set_slot_value(obj, name, value):
    if type(obj) is Instance:
        if OBSOLETE[0]:
            ensure_current(obj)
        cell = slot_cells(obj.cls).get(name)
        if cell is not None:
            cell[0] = value
            return value
        if name in obj.slots or find_slot(obj.cls, name) is not None:
            obj.slots[name] = value
            return value
    slot_missing(obj, name, S("SETF"), value)
    return value


def slot_boundp(obj, name) -> bool:
    if type(obj) is Instance:
        if OBSOLETE[0]:
            ensure_current(obj)
        if name in obj.slots:
            return True
        cell = slot_cells(obj.cls).get(name)
        if cell is not None:
            return cell[0] is not MISSING
        if find_slot(obj.cls, name) is not None:
            return False
    return slot_missing(obj, name, S("SLOT-BOUNDP")) is not NIL


def slot_makunbound(obj, name):
    if type(obj) is Instance:
        if OBSOLETE[0]:
            ensure_current(obj)
        cell = slot_cells(obj.cls).get(name)
        if cell is not None:
            cell[0] = MISSING
            return obj
        if name in obj.slots or find_slot(obj.cls, name) is not None:
            obj.slots.pop(name, None)
            return obj
    slot_missing(obj, name, S("SLOT-MAKUNBOUND"))
    return obj


_ATTEMPTS = {"SLOT-VALUE": "read the slot's value (slot-value)",
             "SLOT-BOUNDP": "test to see whether slot is bound (SLOT-BOUNDP)",
             "SLOT-MAKUNBOUND": "make the slot unbound (SLOT-MAKUNBOUND)"}


def missing_slot_error(obj, name, operation, new_value=None):
    from .printer import prin1_to_string
    if operation is S("SETF"):
        attempt = "set the slot's value to %s (SETF of SLOT-VALUE)" % prin1_to_string(new_value)
    else:
        attempt = _ATTEMPTS.get(operation.name, "use the slot (%s)" % operation.name)
    return LispError("SB-PCL::MISSING-SLOT", {
        "NAME": name, "DATUM": obj, "EXPECTED-TYPE": T,
        "FORMAT-CONTROL": LString("~@<When attempting to ~A, the slot ~S is missing from the "
                                  "object ~S.~@:>"),
        "FORMAT-ARGUMENTS": lisp_list(LString(attempt), name, obj)})


@defun("SLOT-VALUE", "object slot-name")
def lisp_slot_value(obj, name):
    """The value of the slot named SLOT-NAME in OBJECT."""
    return slot_value(obj, name)


@defun("SLOT-VALUE", "new-value object slot-name", setf=True)
def lisp_set_slot_value(value, obj, name):
    return set_slot_value(obj, name, value)


@defun("SLOT-BOUNDP", "object slot-name")
def lisp_slot_boundp(obj, name):
    """Is the slot named SLOT-NAME of OBJECT bound?"""
    return T if slot_boundp(obj, name) else NIL


@defun("SLOT-MAKUNBOUND", "object slot-name")
def lisp_slot_makunbound(obj, name):
    """Make the slot named SLOT-NAME of OBJECT unbound; return OBJECT."""
    return slot_makunbound(obj, name)


@defun("SLOT-EXISTS-P", "object slot-name")
def lisp_slot_exists_p(obj, name):
    """Does OBJECT have a slot named SLOT-NAME?"""
    if type(obj) is Instance and OBSOLETE[0]:
        ensure_current(obj)
    return T if find_slot(class_of(obj), name) is not None else NIL


# ---------------------------------------------------------------- protocol generic functions
SLOT_MISSING = protocol_gf("SLOT-MISSING", "(class instance slot-name operation &optional new-value)")
SLOT_UNBOUND = protocol_gf("SLOT-UNBOUND", "(class instance slot-name)")
UPDATE_INSTANCE_FOR_REDEFINED_CLASS = protocol_gf(
    "UPDATE-INSTANCE-FOR-REDEFINED-CLASS",
    "(instance added-slots discarded-slots property-list &rest initargs)")


def _default_slot_missing(chain, arglist, cls, obj, name, operation, new_value=None):
    raise missing_slot_error(obj, name, operation, new_value)


def _default_slot_unbound(m, args):
    """Signal UNBOUND-SLOT with SBCL's USE-VALUE and STORE-VALUE restarts
    (stdlib/clos.lisp)."""
    obj, name = args[3], args[4]
    m.invoke(sys_sym("%SLOT-UNBOUND-ERROR"), [obj, name])


default_method(SLOT_MISSING, ["T", "T", "T", "T"], _default_slot_missing)
default_method(SLOT_UNBOUND, ["T", "T", "T"], _default_slot_unbound, "control")


def read_slot(m, obj, name):
    """A reader method's work, as machine steps: an unbound slot goes to
    SLOT-UNBOUND (whose default signals with restarts)."""
    if type(obj) is Instance and not (OBSOLETE[0] and is_obsolete(obj)):
        v = obj.slots.get(name, MISSING)
        if v is MISSING:
            cell = slot_cells(obj.cls).get(name)
            if cell is not None:
                v = cell[0]
        if v is not MISSING:
            m.value = v
            m.node = None
            return
        if find_slot(obj.cls, name) is not None:
            SLOT_UNBOUND.invoke(m, [obj.cls, obj, name])
            return
    m.value = slot_value(obj, name)
    m.node = None

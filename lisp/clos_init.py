"""Making and changing instances: MAKE-INSTANCE, ALLOCATE-INSTANCE, the
initialization protocol (INITIALIZE-INSTANCE, REINITIALIZE-INSTANCE,
SHARED-INITIALIZE, CLHS 7.1), CHANGE-CLASS with
UPDATE-INSTANCE-FOR-DIFFERENT-CLASS, the default
UPDATE-INSTANCE-FOR-REDEFINED-CLASS and MAKE-INSTANCES-OBSOLETE.

All of them are generic functions whose standard behaviour is a built-in
method, so user methods (:before, :after, :around, EQL methods on class
names) combine with it as in SBCL. Initialization arguments are checked
against the slots' initargs and the &KEY parameters of the applicable
methods of the initialization generic functions (CLHS 7.1.2).
"""
from __future__ import annotations

from .clos import protocol_gf, default_method, user_method_applies
from .clos_classes import find_class, mop_finalize, thunk, call_thunk
from .clos_slots import (UPDATE_INSTANCE_FOR_REDEFINED_CLASS, new_slots, set_slot_value,
                         slot_boundp, slot_cells, find_slot, update_then_call,
                         make_instances_obsolete, MISSING)
from .errors import LispError, program_error, simple_error
from .functions import call_lisp
from .machine import Frame, UNDO
from .objects import NIL, T, Instance, LString, cl_sym, keyword, lisp_list, list_to_py

S = cl_sym

INITIALIZE_INSTANCE = protocol_gf("INITIALIZE-INSTANCE",
                                  "(instance &rest initargs &key &allow-other-keys)")
REINITIALIZE_INSTANCE = protocol_gf("REINITIALIZE-INSTANCE",
                                    "(instance &rest initargs &key &allow-other-keys)")
SHARED_INITIALIZE = protocol_gf("SHARED-INITIALIZE",
                                "(instance slot-names &rest initargs &key &allow-other-keys)")
MAKE_INSTANCE = protocol_gf("MAKE-INSTANCE", "(class &rest initargs &key &allow-other-keys)")
ALLOCATE_INSTANCE = protocol_gf("ALLOCATE-INSTANCE", "(class &rest initargs)")
CHANGE_CLASS = protocol_gf("CHANGE-CLASS",
                           "(instance new-class &rest initargs &key &allow-other-keys)")
UPDATE_INSTANCE_FOR_DIFFERENT_CLASS = protocol_gf(
    "UPDATE-INSTANCE-FOR-DIFFERENT-CLASS", "(previous current &rest initargs &key &allow-other-keys)")
MAKE_INSTANCES_OBSOLETE = protocol_gf("MAKE-INSTANCES-OBSOLETE", "(class)")


def _plist(initargs):
    if len(initargs) % 2:
        raise program_error("odd number of &KEY arguments")
    return initargs


def shared_initialize(chain, arglist, inst, slot_names, *initargs):
    """Fill INST's slots from INITARGS (the leftmost occurrence wins), then
    the unbound slots named by SLOT-NAMES (T: all) from their initforms."""
    _plist(initargs)
    names = None if slot_names is T else list_to_py(slot_names)
    for sd in inst.cls.slots:
        for i in range(0, len(initargs), 2):
            if initargs[i] in sd.initargs:
                set_slot_value(inst, sd.name, initargs[i + 1])
                break
        else:
            # shared slots got their initforms' values with their class
            if sd.initfunction is not None and sd.allocation == "instance" \
                    and (names is None or sd.name in names) and not slot_boundp(inst, sd.name):
                value = yield from call_thunk(sd.initfunction)
                set_slot_value(inst, sd.name, value)
    return inst


def initialize_instance(chain, arglist, inst, *initargs):
    yield from call_lisp(SHARED_INITIALIZE, inst, T, *initargs)
    return inst


def reinitialize_instance(chain, arglist, inst, *initargs):
    check_initargs(inst.cls, initargs, [REINITIALIZE_INSTANCE, SHARED_INITIALIZE],
                   [inst], [inst, NIL])
    yield from call_lisp(SHARED_INITIALIZE, inst, NIL, *initargs)
    return inst


default_method(INITIALIZE_INSTANCE, ["STANDARD-OBJECT"], initialize_instance, "gen")
default_method(REINITIALIZE_INSTANCE, ["STANDARD-OBJECT"], reinitialize_instance, "gen")
default_method(SHARED_INITIALIZE, ["STANDARD-OBJECT", "T"], shared_initialize, "gen")
default_method(SHARED_INITIALIZE, ["CONDITION", "T"], shared_initialize, "gen")


_ALLOW = keyword("ALLOW-OTHER-KEYS")


def valid_initargs(cls, gfs, arg_lists):
    """The initargs valid for CLS with these initialization generic
    functions and arguments (None: any), cached until a class or one of
    the generic functions' methods changes."""
    from .clos import CLASS_EPOCH
    # the instance's class decides the applicable methods, unless EQL methods
    keys = tuple(gf.dispatch_key(list(args)) for gf, args in zip(gfs, arg_lists)) \
        if any(gf.eql_positions for gf in gfs) else None
    token = (CLASS_EPOCH[0],) + tuple(gf.version for gf in gfs)
    cache = cls.extra.setdefault("valid-initargs", {})
    hit = cache.get((tuple(map(id, gfs)), keys))
    if hit is not None and hit[0] == token:
        return hit[1]
    valid = {_ALLOW}
    for sd in cls.slots:
        valid.update(sd.initargs)
    for gf, args in zip(gfs, arg_lists):
        for meth in gf.effective_method(list(args)).methods:
            if meth.keys is True:
                valid = None
                break
            if meth.keys:
                valid.update(meth.keys)
        if valid is None:
            break
    cache[(tuple(map(id, gfs)), keys)] = (token, valid)
    return valid


def check_initargs(cls, initargs, gfs, *arg_lists):
    """Signal SBCL's INITARG-ERROR for an initarg no slot and no applicable
    initialization method accepts (CLHS 7.1.2)."""
    _plist(initargs)
    for i in range(0, len(initargs), 2):
        if initargs[i] is _ALLOW and initargs[i + 1] is not NIL:
            return
    valid = valid_initargs(cls, gfs, arg_lists)
    if valid is None:
        return
    bad = [initargs[i] for i in range(0, len(initargs), 2) if initargs[i] not in valid]
    if bad:
        raise LispError("SB-PCL::INITARG-ERROR", {
            "FORMAT-CONTROL": LString("~@<Invalid initialization argument~P:~2I~_~<~{~S~^, ~_~}~:>~I~_"
                                      "in call for class ~S.~:>~%See also:~%  The ANSI Standard, "
                                      "Section 7.1.2"),
            "FORMAT-ARGUMENTS": lisp_list(len(bad), lisp_list(lisp_list(*reversed(bad))), cls)})


def effective_default_initargs(cls):
    seen = {}
    for c in cls.cpl:
        for k, v in c.default_initargs:
            seen.setdefault(k, v)
    return seen.items()


# ---------------------------------------------------------------- MAKE-INSTANCE
def allocate(cls) -> Instance:
    if cls.kind != "standard" or "layout" not in cls.extra:
        raise simple_error("Cannot allocate an instance of ~S.", cls)
    mop_finalize(cls)
    return Instance(cls, new_slots(cls))


def _allocate_instance(chain, arglist, cls, *initargs):
    return allocate(cls)


def make_instance(chain, arglist, cls, *initargs):
    if cls.kind != "standard":
        raise simple_error("Cannot allocate an instance of ~S.", cls)
    mop_finalize(cls)
    initargs = list(_plist(initargs))
    given = {initargs[i] for i in range(0, len(initargs), 2)}
    for k, fn in effective_default_initargs(cls):
        if k not in given:
            value = yield from call_thunk(thunk(fn))
            initargs += [k, value]
    if user_method_applies(ALLOCATE_INSTANCE, [cls] + initargs):
        inst = yield from call_lisp(ALLOCATE_INSTANCE, cls, *initargs)
    else:
        inst = allocate(cls)
    check_initargs(cls, initargs, [INITIALIZE_INSTANCE, SHARED_INITIALIZE, ALLOCATE_INSTANCE],
                   [inst], [inst, T], [cls])
    yield from call_lisp(INITIALIZE_INSTANCE, inst, *initargs)
    return inst


def _make_instance_by_name(chain, arglist, name, *initargs):
    cls = find_class(name)
    if user_method_applies(MAKE_INSTANCE, [cls]):
        inst = yield from call_lisp(MAKE_INSTANCE, cls, *initargs)
    else:
        inst = yield from make_instance(None, None, cls, *initargs)
    return inst


default_method(ALLOCATE_INSTANCE, ["STANDARD-CLASS"], _allocate_instance)
default_method(MAKE_INSTANCE, ["STANDARD-CLASS"], make_instance, "gen")
default_method(MAKE_INSTANCE, ["SYMBOL"], _make_instance_by_name, "gen")


# ---------------------------------------------------------------- CHANGE-CLASS
class ChangeClassFrame(Frame):
    """Waits for UPDATE-INSTANCE-FOR-DIFFERENT-CLASS during CHANGE-CLASS:
    its value is the instance; an exit through it puts the instance back
    into its previous class, as SBCL does (CLHS leaves this open)."""
    __slots__ = ("inst", "cls", "slots")
    unwinds = UNDO

    def __init__(self, inst, cls, slots):
        self.inst = inst
        self.cls = cls
        self.slots = slots

    def resume(self, m):
        m.value = self.inst

    def undo(self, m):
        self.inst.cls = self.cls
        self.inst.slots = self.slots


def _change_class(m, args):
    inst, cls, initargs = args[2], args[3], args[4:]
    _plist(initargs)
    if update_then_call(m, inst, CHANGE_CLASS, list(args[2:])):
        return
    mop_finalize(cls)
    old_cls, old_slots = inst.cls, inst.slots
    given = set(initargs[0::2])
    slots = new_slots(cls)
    old_cells = slot_cells(old_cls)
    for sd in cls.slots:
        if sd.allocation != "instance" or any(ia in given for ia in sd.initargs):
            continue
        value = old_slots.get(sd.name, MISSING)
        cell = old_cells.get(sd.name)
        if value is MISSING and cell is not None:
            value = cell[0]
        if value is not MISSING:
            slots[sd.name] = value
    previous = Instance(old_cls, old_slots)
    inst.cls, inst.slots = cls, slots
    m.k.append(ChangeClassFrame(inst, old_cls, old_slots))
    UPDATE_INSTANCE_FOR_DIFFERENT_CLASS.invoke(m, [previous, inst] + list(initargs))


def _change_class_by_name(m, args):
    CHANGE_CLASS.invoke(m, [args[2], find_class(args[3])] + list(args[4:]))


def _update_for_different_class(chain, arglist, previous, current, *initargs):
    added = [sd.name for sd in current.cls.slots
             if sd.allocation == "instance" and find_slot(previous.cls, sd.name) is None]
    check_initargs(current.cls, initargs, [UPDATE_INSTANCE_FOR_DIFFERENT_CLASS, SHARED_INITIALIZE],
                   [previous, current], [current, lisp_list(*added)])
    yield from call_lisp(SHARED_INITIALIZE, current, lisp_list(*added), *initargs)
    return current


def _update_for_redefined_class(chain, arglist, inst, added, discarded, plist, *initargs):
    check_initargs(inst.cls, initargs, [UPDATE_INSTANCE_FOR_REDEFINED_CLASS, SHARED_INITIALIZE],
                   [inst, added, discarded, plist], [inst, added])
    yield from call_lisp(SHARED_INITIALIZE, inst, added, *initargs)
    return inst


default_method(CHANGE_CLASS, ["STANDARD-OBJECT", "STANDARD-CLASS"], _change_class, "control")
default_method(CHANGE_CLASS, ["T", "SYMBOL"], _change_class_by_name, "control")
default_method(UPDATE_INSTANCE_FOR_DIFFERENT_CLASS, ["STANDARD-OBJECT", "STANDARD-OBJECT"],
               _update_for_different_class, "gen")
default_method(UPDATE_INSTANCE_FOR_REDEFINED_CLASS, ["STANDARD-OBJECT", "T", "T", "T"],
               _update_for_redefined_class, "gen")


def _make_instances_obsolete(chain, arglist, cls):
    make_instances_obsolete(cls)
    return cls


def _make_instances_obsolete_by_name(chain, arglist, name):
    cls = find_class(name)
    make_instances_obsolete(cls)
    return cls


default_method(MAKE_INSTANCES_OBSOLETE, ["STANDARD-CLASS"], _make_instances_obsolete)
default_method(MAKE_INSTANCES_OBSOLETE, ["SYMBOL"], _make_instances_obsolete_by_name)


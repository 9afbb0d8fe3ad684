"""Standard classes: DEFCLASS, slots, MAKE-INSTANCE and the initialization
protocol (INITIALIZE-INSTANCE, REINITIALIZE-INSTANCE, SHARED-INITIALIZE),
PRINT-OBJECT, CHANGE-CLASS.

A standard class is a ``LispClass`` of kind "standard"; its effective slot
definitions (``SlotDef``) are in ``cls.slots``. Instance-allocated slot
values live in ``Instance.slots`` (a missing key is unbound); a slot with
:ALLOCATION :CLASS lives in a one-element list cell, ``cls.extra["cells"]``,
shared by the class that defines it and the subclasses that inherit it.
Redefining a class updates its ``LispClass`` in place, so existing
instances and methods specialized on it follow the new definition.
"""
from __future__ import annotations

from .clos import (GenericFunction, ensure_generic_function, builtin_method, classes_changed,
                   Method)
from .conditions import SlotDef, condition_class, report_simple
from .dynamic import state
from .errors import LispError, program_error, simple_error, type_error
from .functions import Primitive, defun, call_lisp
from .objects import (NIL, T, Symbol, Cons, LString, LispClass, Instance, cl_sym, keyword,
                      lisp_list, list_to_py)
from .types import CLASSES, compute_cpl, class_of

S = cl_sym
STANDARD_OBJECT = CLASSES[S("STANDARD-OBJECT")]
_MISSING = object()

condition_class("SYS::INITARG-ERROR", ["PROGRAM-ERROR", "SIMPLE-CONDITION"], report=report_simple)
condition_class("SYS::CLASS-NOT-FOUND-ERROR", ["CELL-ERROR", "SIMPLE-CONDITION"],
                report=report_simple)
condition_class("SYS::MISSING-SLOT", ["CELL-ERROR", "SIMPLE-CONDITION"], report=report_simple)


# ---------------------------------------------------------------- slots
def slot_cells(cls) -> dict:
    return cls.extra.get("cells") or {}


def find_slot(cls, name):
    for sd in cls.slots:
        if sd.name is name:
            return sd
    return None


def slot_value(obj, name, op="slot-value"):
    if type(obj) is Instance:
        v = obj.slots.get(name, _MISSING)
        if v is not _MISSING:
            return v
        cell = slot_cells(obj.cls).get(name)
        if cell is not None and cell[0] is not _MISSING:
            return cell[0]
        if cell is not None or find_slot(obj.cls, name) is not None:
            raise LispError("UNBOUND-SLOT", {"NAME": name, "INSTANCE": obj})
    raise missing_slot(obj, name, "read the slot's value (" + op + ")")


def set_slot_value(obj, name, value):
    if type(obj) is Instance:
        cell = slot_cells(obj.cls).get(name)
        if cell is not None:
            cell[0] = value
            return value
        if name in obj.slots or find_slot(obj.cls, name) is not None:
            obj.slots[name] = value
            return value
    raise missing_slot(obj, name, "set the slot's value to " + _prin1(value) + " (SETF of SLOT-VALUE)")


def slot_boundp(obj, name) -> bool:
    if type(obj) is Instance:
        if name in obj.slots:
            return True
        cell = slot_cells(obj.cls).get(name)
        if cell is not None:
            return cell[0] is not _MISSING
        if find_slot(obj.cls, name) is not None:
            return False
    raise missing_slot(obj, name, "check that the slot is bound (SLOT-BOUNDP)")


def _prin1(x):
    from .printer import prin1_to_string
    return prin1_to_string(x)


def missing_slot(obj, name, attempt):
    return LispError("SYS::MISSING-SLOT", {
        "NAME": name,
        "FORMAT-CONTROL": LString("When attempting to ~A, the slot ~S is missing~%from the object ~S."),
        "FORMAT-ARGUMENTS": lisp_list(LString(attempt), name, obj)})


@defun("SLOT-VALUE", "object slot-name")
def lisp_slot_value(obj, name):
    return slot_value(obj, name)


@defun("SLOT-VALUE", "new-value object slot-name", setf=True)
def lisp_set_slot_value(value, obj, name):
    return set_slot_value(obj, name, value)


@defun("SLOT-BOUNDP", "object slot-name")
def lisp_slot_boundp(obj, name):
    return T if slot_boundp(obj, name) else NIL


@defun("SLOT-MAKUNBOUND", "object slot-name")
def lisp_slot_makunbound(obj, name):
    if type(obj) is Instance:
        cell = slot_cells(obj.cls).get(name)
        if cell is not None:
            cell[0] = _MISSING
            return obj
        if name in obj.slots or find_slot(obj.cls, name) is not None:
            obj.slots.pop(name, None)
            return obj
    raise missing_slot(obj, name, "make the slot unbound (SLOT-MAKUNBOUND)")


@defun("SLOT-EXISTS-P", "object slot-name")
def lisp_slot_exists_p(obj, name):
    return T if find_slot(class_of(obj), name) is not None else NIL


# ---------------------------------------------------------------- DEFCLASS
def _constant_thunk(value):
    def thunk():
        return value
    return thunk


@defun("SYS:%DEFCLASS", "name supers slots default-initargs documentation")
def lisp_defclass(name, supers, slots, default_initargs, doc):
    """Define or redefine the standard class NAME. SLOTS is a list of
    (name initargs readers writers allocation initform initfunction type
    documentation); DEFAULT-INITARGS a plist of initarg and initfunction."""
    sup = []
    for s in list_to_py(supers):
        sup.append(find_class(s))
    cls = CLASSES.get(name)
    if cls is not None and cls.kind != "standard":
        raise simple_error("Cannot redefine ~S, which is not a standard class.", name)
    if cls is None:
        cls = LispClass(name, sup or [STANDARD_OBJECT], "standard")
        CLASSES[name] = cls
    else:
        for old in cls.direct_supers:
            if cls in old.subclasses:
                old.subclasses.remove(cls)
        cls.direct_supers = sup or [STANDARD_OBJECT]
    for s in cls.direct_supers:
        s.subclasses.append(cls)
    own = []
    for spec in list_to_py(slots):
        sname, initargs, readers, writers, alloc, initform, initfn, type_, sdoc = list_to_py(spec)
        sd = SlotDef(sname, list_to_py(initargs), _thunk(initfn), list_to_py(readers),
                     list_to_py(writers), allocation=alloc.name.lower(), initform=initform)
        sd.type = type_
        sd.doc = sdoc
        own.append(sd)
    cls.extra["direct-slots"] = own
    di = list_to_py(default_initargs)
    cls.default_initargs = [(di[i], di[i + 1]) for i in range(0, len(di), 2)]
    cls.doc = doc
    finalize(cls)
    classes_changed()
    for sd in own:
        for r in sd.readers:
            _add_reader(r, cls, sd.name)
        for w in sd.writers:
            _add_writer(w, cls, sd.name)
    return cls


def _thunk(initfn):
    if initfn is NIL:
        return None
    if type(initfn) is Cons:                  # (QUOTE constant)
        return _constant_thunk(initfn.cdr.car)
    return initfn


def finalize(cls):
    """Compute CLS's precedence list and effective slots, then those of its
    subclasses."""
    cls.cpl = compute_cpl(cls)
    merged: dict = {}
    cells = {}
    for c in reversed(cls.cpl):
        for sd in c.extra.get("direct-slots", c.slots if c.kind == "condition" else ()):
            prev = merged.get(sd.name)
            eff = SlotDef(sd.name, sd.initargs, sd.initfunction, (), (),
                          allocation=sd.allocation, initform=sd.initform)
            eff.type, eff.doc = sd.type, sd.doc
            if prev is not None:
                eff.initargs = prev.initargs + [a for a in sd.initargs if a not in prev.initargs]
                if eff.initfunction is None:
                    eff.initfunction, eff.initform = prev.initfunction, prev.initform
                if eff.doc is None:
                    eff.doc = prev.doc
            merged[sd.name] = eff
            if sd.allocation == "class":
                own = c.extra.setdefault("own-cells", {})
                cells[sd.name] = own.setdefault(sd.name, [_MISSING])
            else:
                cells.pop(sd.name, None)
    cls.slots = list(merged.values())
    cls.extra["cells"] = cells
    cls.finalized = True
    for sub in list(cls.subclasses):
        if sub.kind == "standard":
            finalize(sub)


def _add_reader(name, cls, slot):
    gf = ensure_generic_function(name, lisp_list(Symbol("OBJECT")))

    def read(chain, arglist, obj):
        return slot_value(obj, slot)
    builtin_method(gf, (), [cls], Primitive(name, read, 3, 3))


def _add_writer(name, cls, slot):
    gf = ensure_generic_function(name, lisp_list(Symbol("NEW-VALUE"), Symbol("OBJECT")))

    def write(chain, arglist, value, obj):
        return set_slot_value(obj, slot, value)
    builtin_method(gf, (), [CLASSES[T], cls], Primitive(name, write, 4, 4))


# ---------------------------------------------------------------- classes
def find_class(name, errorp=True):
    if isinstance(name, LispClass):
        return name
    cls = CLASSES.get(name)
    if cls is None and errorp:
        raise LispError("SYS::CLASS-NOT-FOUND-ERROR", {
            "NAME": name, "FORMAT-CONTROL": LString("There is no class named ~S."),
            "FORMAT-ARGUMENTS": lisp_list(name)})
    return cls


@defun("FIND-CLASS", "symbol &optional errorp environment")
def lisp_find_class(name, errorp=T, env=NIL):
    cls = find_class(name, errorp is not NIL)
    return NIL if cls is None else cls


@defun("FIND-CLASS", "new-class symbol &optional errorp environment", setf=True)
def lisp_set_find_class(new, name, errorp=NIL, env=NIL):
    if new is NIL:
        CLASSES.pop(name, None)
    else:
        CLASSES[name] = new
    classes_changed()
    return new


@defun("SYS:CLASS-SLOT-NAMES", "class")
def lisp_class_slot_names(cls):
    return lisp_list(*[sd.name for sd in find_class(cls).slots])


@defun("SYS:CLASS-PRECEDENCE-LIST", "class")
def lisp_cpl(cls):
    return lisp_list(*find_class(cls).cpl)


# ---------------------------------------------------------------- initialization
def _gf(name, ll):
    gf = ensure_generic_function(S(name), ll)
    return gf


_SYMS = [Symbol(n) for n in ("INSTANCE", "SLOT-NAMES", "INITARGS", "OBJECT", "STREAM")]
_INSTANCE, _SLOT_NAMES, _INITARGS, _OBJECT, _STREAM = _SYMS
_REST = S("&REST")
INITIALIZE_INSTANCE = _gf("INITIALIZE-INSTANCE", lisp_list(_INSTANCE, _REST, _INITARGS))
REINITIALIZE_INSTANCE = _gf("REINITIALIZE-INSTANCE", lisp_list(_INSTANCE, _REST, _INITARGS))
SHARED_INITIALIZE = _gf("SHARED-INITIALIZE", lisp_list(_INSTANCE, _SLOT_NAMES, _REST, _INITARGS))
PRINT_OBJECT = _gf("PRINT-OBJECT", lisp_list(_OBJECT, _STREAM))


def _plist(initargs):
    if len(initargs) % 2:
        raise program_error("odd-length initialization argument list: ~S", lisp_list(*initargs))
    return initargs


def shared_initialize(chain, arglist, inst, slot_names, *initargs):
    """Fill INST's slots from INITARGS (the leftmost occurrence wins), then
    the unbound slots named by SLOT-NAMES (T: all) from their initforms."""
    _plist(initargs)
    for sd in inst.cls.slots:
        for i in range(0, len(initargs), 2):
            if initargs[i] in sd.initargs:
                set_slot_value(inst, sd.name, initargs[i + 1])
                break
        else:
            if sd.initfunction is not None and (slot_names is T or sd.name in list_to_py(slot_names)) \
                    and not slot_boundp(inst, sd.name):
                value = yield from call_thunk(sd.initfunction)
                set_slot_value(inst, sd.name, value)
    return inst


def call_thunk(fn):
    if callable(fn) and not hasattr(fn, "invoke"):
        return fn()
    return (yield from call_lisp(fn))


def initialize_instance(chain, arglist, inst, *initargs):
    yield from call_lisp(SHARED_INITIALIZE, inst, T, *initargs)
    return inst


def reinitialize_instance(chain, arglist, inst, *initargs):
    check_initargs(inst.cls, initargs, [REINITIALIZE_INSTANCE, SHARED_INITIALIZE],
                   [inst], [inst, NIL])
    yield from call_lisp(SHARED_INITIALIZE, inst, NIL, *initargs)
    return inst


for _gfn, _fn, _spec in [(INITIALIZE_INSTANCE, initialize_instance, "STANDARD-OBJECT"),
                         (REINITIALIZE_INSTANCE, reinitialize_instance, "STANDARD-OBJECT"),
                         (SHARED_INITIALIZE, shared_initialize, "STANDARD-OBJECT")]:
    builtin_method(_gfn, (), [_spec] + (["T"] if _gfn is SHARED_INITIALIZE else []),
                   Primitive(_gfn.name, _fn, 3, None, kind="gen"))
builtin_method(SHARED_INITIALIZE, (), ["CONDITION", "T"],
               Primitive(SHARED_INITIALIZE.name, shared_initialize, 4, None, kind="gen"))


def check_initargs(cls, initargs, gfs, *arg_lists):
    """Signal SBCL's INITARG-ERROR for an initarg no slot and no applicable
    initialization method accepts (CLHS 7.1.2)."""
    _plist(initargs)
    allow = keyword("ALLOW-OTHER-KEYS")
    for i in range(0, len(initargs), 2):
        if initargs[i] is allow and initargs[i + 1] is not NIL:
            return
    valid = {allow}
    for sd in cls.slots:
        valid.update(sd.initargs)
    for k, _ in _effective_default_initargs(cls):
        valid.add(k)
    for gf, args in zip(gfs, arg_lists):
        for meth in gf.effective_method(list(args)).methods:
            if meth.keys is True:
                return
            if meth.keys:
                valid.update(meth.keys)
    bad = [initargs[i] for i in range(0, len(initargs), 2) if initargs[i] not in valid]
    if bad:
        raise LispError("SYS::INITARG-ERROR", {
            "FORMAT-CONTROL": LString("Invalid initialization argument~P:~%~{  ~S~^~%~}~%in call "
                                      "for class ~A.~%See also:~%  The ANSI Standard, Section 7.1.2"),
            "FORMAT-ARGUMENTS": lisp_list(len(bad), lisp_list(*bad),
                                          LString(_class_text(cls)))})


def _class_text(cls):
    from .printer import write_to_string
    from .objects import KEYWORD
    return "#<STANDARD-CLASS %s>" % write_to_string(cls.name, escape=True, package=KEYWORD)


def _effective_default_initargs(cls):
    seen = {}
    for c in cls.cpl:
        for k, v in c.default_initargs:
            seen.setdefault(k, v)
    return seen.items()


@defun("MAKE-INSTANCE", "class &rest initargs", kind="gen")
def lisp_make_instance(class_, *initargs):
    cls = find_class(class_)
    if cls.kind != "standard":
        raise simple_error("Cannot allocate an instance of ~S.", cls)
    initargs = list(_plist(initargs))
    given = {initargs[i] for i in range(0, len(initargs), 2)}
    for k, fn in _effective_default_initargs(cls):
        if k not in given:
            value = yield from call_thunk(_thunk(fn))
            initargs += [k, value]
    inst = Instance(cls)
    check_initargs(cls, initargs, [INITIALIZE_INSTANCE, SHARED_INITIALIZE], [inst], [inst, T])
    yield from call_lisp(INITIALIZE_INSTANCE, inst, *initargs)
    return inst


@defun("ALLOCATE-INSTANCE", "class &rest initargs")
def lisp_allocate_instance(class_, *initargs):
    return Instance(find_class(class_))


@defun("CHANGE-CLASS", "instance new-class &rest initargs", kind="gen")
def lisp_change_class(inst, new_class, *initargs):
    """Make INST an instance of NEW-CLASS: slots of the same name keep their
    values, the others are initialized from INITARGS and their initforms."""
    if type(inst) is not Instance:
        raise type_error(inst, "STANDARD-OBJECT")
    cls = find_class(new_class)
    names = {sd.name for sd in cls.slots if sd.allocation == "instance"}
    kept = {k: v for k, v in inst.slots.items() if k in names}
    old_names = {sd.name for sd in inst.cls.slots}
    inst.cls = cls
    inst.slots = kept
    added = [n for n in names if n not in old_names]
    yield from call_lisp(SHARED_INITIALIZE, inst, lisp_list(*added), *initargs)
    return inst


# ---------------------------------------------------------------- printing
def default_print_object(chain, arglist, obj, stream):
    from .printer import write_object
    DEFAULT_PRINTING.add(id(obj))
    try:
        write_object(obj, stream)
    finally:
        DEFAULT_PRINTING.discard(id(obj))
    return obj


# Objects being printed by the default PRINT-OBJECT method: the printer
# hook must not send them back to the generic function.
DEFAULT_PRINTING: set = set()
builtin_method(PRINT_OBJECT, (), ["T", "T"], Primitive(PRINT_OBJECT.name, default_print_object, 4, 4))


def print_object_hook(obj, stream) -> bool:
    """The printer's hook for generic functions, methods and instances: a
    user PRINT-OBJECT method is called when one applies."""
    from .printer import object_address
    from .clos import _gf_text, method_text
    t = type(obj)
    if t is GenericFunction:
        stream.write(_gf_text(obj)[:-1] + (" {%s}>" % object_address(obj)
                                           if _anonymous(obj) else ">"))
        return True
    if t is Method:
        stream.write(method_text(obj))
        return True
    if t is Instance and id(obj) not in DEFAULT_PRINTING and PRINT_OBJECT.methods \
            and len(PRINT_OBJECT.methods) > 1:
        from .clos import user_method_applies
        if user_method_applies(PRINT_OBJECT, [obj, stream]):
            state.machine.call_nested(PRINT_OBJECT, [obj, stream])
            return True
    return False


def _anonymous(gf):
    from .clos import function_name_cell
    try:
        return function_name_cell(gf.name)[0]() is not gf
    except LispError:
        return True


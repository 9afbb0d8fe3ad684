"""Class and slot introspection of the metaobject protocol, under the names
SBCL's SB-MOP exports (SB-MOP:CLASS-SLOTS, SB-MOP:SLOT-DEFINITION-NAME ...),
and (SETF CLASS-NAME).

As in SBCL, the precedence list and effective slots of a standard class
are available only once it is finalized (an instance was made, or
SB-MOP:FINALIZE-INHERITANCE was called); the generic function and method
readers are in lisp/clos_methods.py.
"""
from __future__ import annotations

from .clos import pcl_sym, SB_MOP
from .clos_classes import mop_finalize, mop_finalized, thunk
from .clos_init import allocate
from .clos_slots import slot_cells
from .conditions import SlotDef, condition_class, report_simple
from .errors import LispError, simple_error, type_error
from .functions import Primitive, defun
from .objects import NIL, T, Cons, LString, LispClass, Symbol, cl_sym, keyword, lisp_list
from .types import compute_cpl

S = cl_sym
condition_class("SB-INT:SIMPLE-REFERENCE-ERROR", ["SIMPLE-ERROR"], report=report_simple)


def _class(x) -> LispClass:
    if not isinstance(x, LispClass):
        raise type_error(x, S("CLASS"))
    return x


def _slotd(x) -> SlotDef:
    if not isinstance(x, SlotDef):
        raise type_error(x, _mop("SLOT-DEFINITION"))
    return x


def _mop(name) -> Symbol:
    from .functions import intern_name
    return intern_name("SB-MOP:" + name)


def _not_finalized(cls, reader):
    return LispError("SB-INT:SIMPLE-REFERENCE-ERROR", {
        "FORMAT-CONTROL": LString("~S called on ~S, which is not yet finalized.~%See also:~%  AMOP, "
                                  "Generic Function ~S"),
        "FORMAT-ARGUMENTS": lisp_list(_mop(reader), cls, _mop(reader))})


def _constant_function(value):
    return Primitive(NIL, lambda: value, 0, 0)


def lisp_function(fn):
    """A slot's or default initarg's initfunction as a Lisp function."""
    if fn is None:
        return NIL
    if callable(fn) and not hasattr(fn, "invoke"):
        return _constant_function(fn())
    return fn


@defun("SB-MOP:CLASS-PRECEDENCE-LIST", "class")
def class_precedence_list(cls):
    """The class precedence list of the finalized CLASS."""
    cls = _class(cls)
    if not mop_finalized(cls):
        raise LispError("UNBOUND-SLOT", {"NAME": pcl_sym("%CLASS-PRECEDENCE-LIST"),
                                         "INSTANCE": cls})
    return lisp_list(*cls.cpl)


@defun("SB-MOP:COMPUTE-CLASS-PRECEDENCE-LIST", "class")
def compute_class_precedence_list(cls):
    return lisp_list(*compute_cpl(_class(cls)))


@defun("SB-MOP:CLASS-DIRECT-SUPERCLASSES", "class")
def class_direct_superclasses(cls):
    return lisp_list(*_class(cls).direct_supers)


@defun("SB-MOP:CLASS-DIRECT-SUBCLASSES", "class")
def class_direct_subclasses(cls):
    return lisp_list(*reversed(_class(cls).subclasses))


@defun("SB-MOP:CLASS-SLOTS", "class")
def class_slots(cls):
    """The effective slot definitions of the finalized CLASS."""
    cls = _class(cls)
    if not mop_finalized(cls):
        raise _not_finalized(cls, "CLASS-SLOTS")
    return lisp_list(*cls.slots) if cls.kind != "built-in" else NIL


@defun("SB-MOP:CLASS-DIRECT-SLOTS", "class")
def class_direct_slots(cls):
    """The slot definitions CLASS's definition gives."""
    cls = _class(cls)
    if cls.kind == "condition":
        return lisp_list(*cls.slots)
    return lisp_list(*cls.extra.get("direct-slots", ()))


def _initarg_entries(cls, forms, pairs):
    out = []
    for k, fn in pairs:
        form = forms.get(k, fn.cdr.car if type(fn) is Cons else NIL)
        out.append(lisp_list(k, form, lisp_function(thunk(fn) if fn is not None else None)))
    return lisp_list(*out)


@defun("SB-MOP:CLASS-DIRECT-DEFAULT-INITARGS", "class")
def class_direct_default_initargs(cls):
    cls = _class(cls)
    return _initarg_entries(cls, cls.extra.get("default-initarg-forms", {}), cls.default_initargs)


@defun("SB-MOP:CLASS-DEFAULT-INITARGS", "class")
def class_default_initargs(cls):
    """The default initargs of the finalized CLASS, from its precedence
    list (NIL before it is finalized, as in SBCL)."""
    cls = _class(cls)
    if not mop_finalized(cls):
        return NIL
    seen, out = set(), []
    for c in cls.cpl:
        forms = c.extra.get("default-initarg-forms", {})
        for k, fn in c.default_initargs:
            if k not in seen:
                seen.add(k)
                out.append(_initarg_entries(c, forms, [(k, fn)]).car)
    return lisp_list(*out)


@defun("SB-MOP:CLASS-FINALIZED-P", "class")
def class_finalized_p(cls):
    return T if mop_finalized(_class(cls)) else NIL


@defun("SB-MOP:FINALIZE-INHERITANCE", "class")
def finalize_inheritance(cls):
    """Compute CLASS's precedence list and slots for the metaobject
    protocol's readers."""
    mop_finalize(_class(cls))
    return NIL


@defun("SB-MOP:CLASS-PROTOTYPE", "class")
def class_prototype(cls):
    """An instance of CLASS whose slots are not initialized."""
    cls = _class(cls)
    if not mop_finalized(cls):
        raise simple_error("~S is not finalized.", cls)
    proto = cls.extra.get("prototype")
    if proto is None:
        proto = allocate(cls) if cls.kind == "standard" else NIL
        cls.extra["prototype"] = proto
    return proto


@defun("CLASS-NAME", "new-value class", setf=True)
def set_class_name(name, cls):
    _class(cls).name = name
    return name


# ---------------------------------------------------------------- slot definitions
@defun("SB-MOP:SLOT-DEFINITION-NAME", "slot-definition")
def slot_definition_name(sd):
    return _slotd(sd).name


@defun("SB-MOP:SLOT-DEFINITION-INITARGS", "slot-definition")
def slot_definition_initargs(sd):
    return lisp_list(*_slotd(sd).initargs)


@defun("SB-MOP:SLOT-DEFINITION-INITFORM", "slot-definition")
def slot_definition_initform(sd):
    return _slotd(sd).initform


@defun("SB-MOP:SLOT-DEFINITION-INITFUNCTION", "slot-definition")
def slot_definition_initfunction(sd):
    return lisp_function(_slotd(sd).initfunction)


@defun("SB-MOP:SLOT-DEFINITION-READERS", "slot-definition")
def slot_definition_readers(sd):
    return lisp_list(*_slotd(sd).readers)


@defun("SB-MOP:SLOT-DEFINITION-WRITERS", "slot-definition")
def slot_definition_writers(sd):
    return lisp_list(*_slotd(sd).writers)


@defun("SB-MOP:SLOT-DEFINITION-ALLOCATION", "slot-definition")
def slot_definition_allocation(sd):
    return keyword(_slotd(sd).allocation.upper())


@defun("SB-MOP:SLOT-DEFINITION-TYPE", "slot-definition")
def slot_definition_type(sd):
    return _slotd(sd).type


@defun("SB-MOP:SLOT-DEFINITION-LOCATION", "slot-definition")
def slot_definition_location(sd):
    """An instance slot's index, a class slot's (name . value) cell."""
    sd = _slotd(sd)
    from .types import CLASSES
    for cls in list(CLASSES.values()):
        if sd in cls.slots:
            cell = slot_cells(cls).get(sd.name)
            if cell is not None:
                return Cons(sd.name, cell[0])
            names = cls.extra["layout"].names if "layout" in cls.extra else ()
            return names.index(sd.name) if sd.name in names else NIL
    return NIL



# SB-MOP also exports the standard's metaobject names, as SBCL's does.
for _name in ("ADD-METHOD ALLOCATE-INSTANCE BUILT-IN-CLASS CHANGE-CLASS CLASS CLASS-NAME CLASS-OF "
              "COMPUTE-APPLICABLE-METHODS ENSURE-GENERIC-FUNCTION FIND-CLASS FIND-METHOD "
              "FUNCTION-KEYWORDS GENERIC-FUNCTION INITIALIZE-INSTANCE MAKE-INSTANCE "
              "MAKE-INSTANCES-OBSOLETE METHOD METHOD-COMBINATION METHOD-QUALIFIERS "
              "NO-APPLICABLE-METHOD NO-NEXT-METHOD REINITIALIZE-INSTANCE REMOVE-METHOD "
              "SHARED-INITIALIZE SLOT-BOUNDP SLOT-EXISTS-P SLOT-MAKUNBOUND SLOT-MISSING "
              "SLOT-UNBOUND SLOT-VALUE STANDARD-CLASS STANDARD-GENERIC-FUNCTION STANDARD-METHOD "
              "STANDARD-OBJECT STRUCTURE-CLASS STRUCTURE-OBJECT UPDATE-INSTANCE-FOR-DIFFERENT-CLASS "
              "UPDATE-INSTANCE-FOR-REDEFINED-CLASS").split():
    SB_MOP.export(S(_name))

"""Standard classes: DEFCLASS, class redefinition, FIND-CLASS, and the slot
definition metaobjects.

A standard class is a ``LispClass`` of kind "standard". Its direct slot
definitions are ``cls.extra["direct-slots"]``, its effective ones
``cls.slots``. Instance-allocated slot values live in the instance's
``SlotDict`` (lisp/clos_slots.py); a slot with :ALLOCATION :CLASS lives in
a one-element list cell, ``cls.extra["cells"]``, shared by the class that
defines it and the subclasses that inherit it. Redefining a class updates
its ``LispClass`` in place, so methods specialized on it follow the new
definition and existing instances are updated when next touched.

A superclass named before it is defined is a forward-referenced class
(kind "forward"); DEFCLASS of that name turns it into a standard class.
Like SBCL, a class is *finalized* (SB-MOP:CLASS-FINALIZED-P) only once an
instance is made or FINALIZE-INHERITANCE is called; the precedence list
and effective slots are computed all along for TYPEP and dispatch.
"""
from __future__ import annotations

from .clos import GenericFunction, Method, ensure_generic_function, classes_changed, \
    function_name_cell, pcl_sym, protocol_gf, default_method
from .clos_errors import qualified
from . import clos_combin  # noqa: F401  (defines METHOD-COMBINATION, a metaclass below)
from .clos_slots import MISSING, set_layout, read_slot, set_slot_value
from .conditions import SlotDef, condition_class, report_simple
from .errors import LispError, simple_error
from .functions import Primitive, defun, call_lisp
from .objects import NIL, T, Symbol, Cons, LString, LispClass, cl_sym, lisp_list, list_to_py
from .types import CLASSES, OTHER_CLASS_OF, compute_cpl, define_class

S = cl_sym
STANDARD_OBJECT = CLASSES[S("STANDARD-OBJECT")]

condition_class("SB-PCL::INITARG-ERROR", ["PROGRAM-ERROR", "SIMPLE-CONDITION"],
                report=report_simple)
condition_class("SB-PCL:CLASS-NOT-FOUND-ERROR", ["CELL-ERROR", "SIMPLE-CONDITION"],
                report=report_simple)
condition_class("SB-PCL::INVALID-SUPERCLASS", ["SB-INT:REFERENCE-CONDITION", "ERROR"],
                [("FORMAT-CONTROL", "FORMAT-CONTROL"), ("FORMAT-ARGUMENTS", "FORMAT-ARGUMENTS")],
                report=report_simple)


class DirectSlotDefinition(SlotDef):
    """A slot as DEFCLASS gives it (SB-MOP:STANDARD-DIRECT-SLOT-DEFINITION)."""
    __slots__ = ()
    class_name = "SB-MOP:STANDARD-DIRECT-SLOT-DEFINITION"

    def lisp_repr(self) -> str:
        return "#<%s %s>" % (self.class_name, qualified(self.name))


class EffectiveSlotDefinition(DirectSlotDefinition):
    """A slot of a class's instances, merged from the direct slots of its
    precedence list (SB-MOP:STANDARD-EFFECTIVE-SLOT-DEFINITION)."""
    __slots__ = ()
    class_name = "SB-MOP:STANDARD-EFFECTIVE-SLOT-DEFINITION"


def slot_definition_classes():
    """Define the slot definition metaobject classes (once SB-MOP's
    metaobject classes exist)."""
    for cls in (DirectSlotDefinition, EffectiveSlotDefinition):
        name = cls.class_name
        OTHER_CLASS_OF[cls] = (lambda n: lambda x: CLASSES[_sym(n)])(name)


def _sym(name):
    from .functions import intern_name
    return intern_name(name)


# ---------------------------------------------------------------- finding classes
def class_not_found(name):
    return LispError("SB-PCL:CLASS-NOT-FOUND-ERROR", {
        "NAME": name, "FORMAT-CONTROL": LString("~@<There is no class named ~_~A.~:>"),
        "FORMAT-ARGUMENTS": lisp_list(LString(qualified(name)))})


def find_class(name, errorp=True):
    if isinstance(name, LispClass):
        return name
    cls = CLASSES.get(name)
    if cls is None and errorp:
        raise class_not_found(name)
    return cls


@defun("FIND-CLASS", "symbol &optional errorp environment")
def lisp_find_class(name, errorp=T, env=NIL):
    """The class named SYMBOL; when there is none signal an error, or return
    NIL if ERRORP is false."""
    if not isinstance(name, Symbol):
        from .errors import type_error
        raise type_error(name, S("SYMBOL"))
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


def find_direct_slot(cls, name):
    for sd in cls.extra.get("direct-slots", ()):
        if sd.name is name:
            return sd
    return None


# ---------------------------------------------------------------- DEFCLASS
def _constant_thunk(value):
    def thunk():
        return value
    return thunk


def thunk(initfn):
    """The initfunction of a slot or default initarg: None, a Python
    thunk for a constant (no Lisp call needed), or a Lisp function."""
    if initfn is NIL:
        return None
    if type(initfn) is Cons:                  # (QUOTE constant)
        return _constant_thunk(initfn.cdr.car)
    return initfn


def _superclass(name, cls_name):
    if isinstance(name, LispClass):
        return name
    cls = CLASSES.get(name)
    if cls is None:
        cls = LispClass(name, [], "forward")
        cls.cpl = [cls]
        CLASSES[name] = cls
    elif metaclass_of(cls).name is S("BUILT-IN-CLASS"):
        from .printer import object_address
        new = LString("#<STANDARD-CLASS %s {%s}>" % (qualified(cls_name), object_address(cls_name)))
        raise LispError("SB-PCL::INVALID-SUPERCLASS", {
            "FORMAT-CONTROL": LString(
                "~@<The class ~S was specified as a superclass of the class ~A, but the metaclasses "
                "~S and ~S are incompatible.~@:>~%See also:~%  AMOP, Generic Function "
                "SB-MOP:VALIDATE-SUPERCLASS~%  The ANSI Standard, System Class BUILT-IN-CLASS~%"
                "  The ANSI Standard, Section 4.3.7"),
            "FORMAT-ARGUMENTS": lisp_list(cls, new, metaclass_of(cls),
                                          CLASSES[S("STANDARD-CLASS")])})
    return cls


def call_thunk(fn):
    """Call an initfunction (see ``thunk``) from a gen primitive."""
    if callable(fn) and not hasattr(fn, "invoke"):
        return fn()
    return (yield from call_lisp(fn))


@defun("SYS:%DEFCLASS", "name supers slots default-initargs documentation &optional metaclass",
       kind="gen")
def lisp_defclass(name, supers, slots, default_initargs, doc, metaclass=NIL):
    """Define or redefine the standard class NAME. SLOTS is a list of
    (name initargs readers writers allocation initform initfunction type
    documentation); DEFAULT-INITARGS a list of (initarg form initfunction);
    METACLASS the name of a subclass of STANDARD-CLASS, or NIL."""
    meta = _metaclass(metaclass)
    sup = [_superclass(s, name) for s in list_to_py(supers)]
    if meta is not None:
        yield from validate_superclasses(name, meta, sup or [STANDARD_OBJECT])
    cls = CLASSES.get(name)
    if cls is not None and cls.kind not in ("standard", "forward"):
        raise simple_error("Cannot redefine ~S, which is not a standard class.", name)
    check_precedence(name, sup or [STANDARD_OBJECT])
    if cls is None:
        cls = LispClass(name, sup or [STANDARD_OBJECT], "standard")
        CLASSES[name] = cls
    else:
        cls.kind = "standard"
        for old in cls.direct_supers:
            if cls in old.subclasses:
                old.subclasses.remove(cls)
        cls.direct_supers = sup or [STANDARD_OBJECT]
        _remove_accessors(cls)
    for s in cls.direct_supers:
        s.subclasses.append(cls)
    own = []
    for spec in list_to_py(slots):
        sname, initargs, readers, writers, alloc, initform, initfn, type_, sdoc = list_to_py(spec)
        sd = DirectSlotDefinition(sname, list_to_py(initargs), thunk(initfn), list_to_py(readers),
                                  list_to_py(writers), allocation=alloc.name.lower(),
                                  initform=initform)
        sd.type = type_
        sd.doc = sdoc if sdoc is not NIL else None
        own.append(sd)
    cls.extra["direct-slots"] = own
    shared = {sd.name for sd in own if sd.allocation == "class"}
    cells = cls.extra.setdefault("own-cells", {})
    for stale in [n for n in cells if n not in shared]:
        del cells[stale]
    given = [list_to_py(x) for x in list_to_py(default_initargs)]
    cls.default_initargs = [(k, fn) for k, _, fn in given]
    cls.extra["default-initarg-forms"] = {k: form for k, form, _ in given}
    if doc is not NIL:
        cls.doc = doc
    if meta is not None:
        cls.extra["metaclass"] = meta
    else:
        cls.extra.pop("metaclass", None)
    finalize(cls)
    classes_changed()
    for sd in own:
        for r in sd.readers:
            add_reader(r, cls, sd)
        for w in sd.writers:
            add_writer(w, cls, sd)
    # a shared slot gets its initform's value when its class is defined
    for sd in own:
        cell = cells.get(sd.name)
        if cell is not None and cell[0] is MISSING and sd.initfunction is not None:
            value = yield from call_thunk(sd.initfunction)
            cell[0] = value
    return cls


def _metaclass(name):
    """The class :METACLASS names: STANDARD-CLASS or a subclass (the class
    then behaves as a standard class whose CLASS-OF is that metaclass)."""
    if name is NIL or name is S("STANDARD-CLASS"):
        return None
    meta = find_class(name)
    if CLASSES[S("STANDARD-CLASS")] not in meta.cpl and \
            meta is not CLASSES[_sym("SB-MOP:FUNCALLABLE-STANDARD-CLASS")]:
        raise simple_error("~S is not a metaclass this implementation can instantiate: only "
                           "STANDARD-CLASS and its subclasses are.", meta)
    return meta


VALIDATE_SUPERCLASS = protocol_gf("SB-MOP:VALIDATE-SUPERCLASS", "(class superclass)")


def _default_validate_superclass(chain, arglist, cls, sup):
    """AMOP's rule: a superclass is valid when it is T, a system class, or
    has the same metaclass (standard and funcallable standard mix)."""
    mine, theirs = metaclass_of(cls), metaclass_of(sup)
    standard = {CLASSES[S("STANDARD-CLASS")], CLASSES[_sym("SB-MOP:FUNCALLABLE-STANDARD-CLASS")]}
    ok = (sup is CLASSES[T] or mine is theirs or {mine, theirs} <= standard
          or theirs is CLASSES[_sym("SB-PCL:SYSTEM-CLASS")])
    return T if ok else NIL


default_method(VALIDATE_SUPERCLASS, ["CLASS", "CLASS"], _default_validate_superclass)


def validate_superclasses(name, meta, supers):
    """Ask SB-MOP:VALIDATE-SUPERCLASS about each superclass of a class NAME
    of the user's metaclass META (a generator: %DEFCLASS is a gen
    primitive)."""
    probe = LispClass(name, supers, "standard")
    probe.extra["metaclass"] = meta
    for sup in supers:
        ok = yield from call_lisp(VALIDATE_SUPERCLASS, probe, sup)
        if ok is NIL:
            from .printer import object_address, prin1_to_string
            text = LString("#<%s %s {%s}>" % (prin1_to_string(meta.name), qualified(name),
                                              object_address(probe)))
            raise LispError("SB-PCL::INVALID-SUPERCLASS", {
                "FORMAT-CONTROL": LString(
                    "~@<The class ~S was specified as a superclass of the class ~A, but the "
                    "metaclasses ~S and ~S are incompatible.  Define a method for ~S to avoid this "
                    "error.~@:>~%See also:~%  AMOP, Generic Function SB-MOP:VALIDATE-SUPERCLASS"),
                "FORMAT-ARGUMENTS": lisp_list(sup, text, metaclass_of(sup), meta,
                                              VALIDATE_SUPERCLASS.name)})


def check_precedence(name, supers):
    """Signal SBCL's error, before anything is defined, when a class NAME
    with SUPERS can have no class precedence list (CLHS 4.3.5): the local
    precedence orders of the classes involved form a cycle."""
    probe = LispClass(name, supers, "standard")
    if forward_superclass(probe) is not None:
        return
    try:
        compute_cpl(probe)
    except LispError:
        pass
    else:
        return
    # the constraints: each class precedes its direct superclasses, and
    # those precede one another in order. Take away the classes the sort
    # can place; from the first class left, follow the constraints that
    # block it back until they close a cycle, and report them.
    order, pairs, seen = [], [], set()
    todo = [probe]
    while todo:
        c = todo.pop(0)
        if id(c) in seen:
            continue
        seen.add(id(c))
        order.append(c)
        chain = [c] + c.direct_supers
        pairs += [(a, b, c) for a, b in zip(chain, chain[1:])]
        todo += c.direct_supers
    remaining = list(order)
    while True:
        free = [c for c in remaining if not any(b is c and a in remaining for a, b, _ in pairs)]
        if not free:
            break
        remaining.remove(free[0])
    lines, visited, c = [], [], remaining[0]
    while c not in visited:
        visited.append(c)
        a, _, source = next(p for p in pairs if p[1] is c and p[0] in remaining)
        lines.append("  The class named %s follows the class named %s in the supers of the class "
                     "named %s." % (qualified(c.name), qualified(a.name), qualified(source.name)))
        c = a
    raise simple_error("While computing the class precedence list of the class named ~A.~%It is "
                       "not possible to compute the class precedence list because~%there is a "
                       "circularity in the local precedence relations.~%This arises because:~%~A.",
                       LString(qualified(name)), LString("\n".join(lines)))


def forward_superclass(cls):
    """The forward-referenced class in CLS's ancestry, or None."""
    seen, todo = set(), [cls]
    while todo:
        c = todo.pop()
        if id(c) in seen:
            continue
        seen.add(id(c))
        if c.kind == "forward":
            return c
        todo.extend(c.direct_supers)
    return None


def finalize(cls):
    """Compute CLS's precedence list, effective slots and layout, then those
    of its subclasses."""
    if forward_superclass(cls) is not None:
        cls.cpl = [cls]
        cls.slots = []
    else:
        cls.cpl = compute_cpl(cls)
        _compute_slots(cls)
    cls.finalized = True
    for sub in list(cls.subclasses):
        if sub.kind == "standard":
            finalize(sub)


def _compute_slots(cls):
    merged: dict = {}
    cells = {}
    for c in reversed(cls.cpl):
        for sd in c.extra.get("direct-slots", c.slots if c.kind == "condition" else ()):
            prev = merged.get(sd.name)
            # a direct slot lists its initargs last first, as DEFCLASS pushed them
            initargs = list(reversed(sd.initargs)) if c.kind != "condition" else sd.initargs
            eff = EffectiveSlotDefinition(sd.name, initargs, sd.initfunction, (), (),
                                          allocation=sd.allocation, initform=sd.initform)
            eff.type, eff.doc = sd.type, sd.doc
            if prev is not None:
                eff.initargs = prev.initargs + [a for a in initargs if a not in prev.initargs]
                if eff.initfunction is None:
                    eff.initfunction, eff.initform = prev.initfunction, prev.initform
                if eff.doc is None:
                    eff.doc = prev.doc
                if eff.type is T:
                    eff.type = prev.type
            merged[sd.name] = eff
            if sd.allocation == "class":
                own = c.extra.setdefault("own-cells", {})
                cells[sd.name] = own.setdefault(sd.name, [MISSING])
            else:
                cells.pop(sd.name, None)
    cls.slots = list(merged.values())
    cls.extra["cells"] = cells
    set_layout(cls, [sd.name for sd in cls.slots if sd.name not in cells], cells)


def mop_finalize(cls):
    """Finalize CLS as SBCL does when it makes an instance: an error if a
    superclass is still a forward reference."""
    if cls.extra.get("mop-finalized"):
        return
    fwd = forward_superclass(cls)
    if fwd is not None:
        names = [LString(qualified(c.name)) for c in (cls, fwd, fwd, _forward_subclass(cls, fwd))]
        raise simple_error("While computing the class precedence list of the class named ~A.~%"
                           "The class named ~A is a forward referenced class.~%The class named ~A "
                           "is a direct superclass of the class named ~A.", *names)
    cls.extra["mop-finalized"] = True


def _forward_subclass(cls, fwd):
    for c in [cls] + _ancestors(cls):
        if fwd in c.direct_supers:
            return c
    return cls


def _ancestors(cls):
    out, todo = [], list(cls.direct_supers)
    while todo:
        c = todo.pop(0)
        if c not in out:
            out.append(c)
            todo.extend(c.direct_supers)
    return out


def mop_finalized(cls) -> bool:
    return cls.kind != "standard" or bool(cls.extra.get("mop-finalized"))


# ---------------------------------------------------------------- accessors
def _accessor_method(gf, specializers, fn, mclass, sd):
    """Add an accessor method of the slot SD, documented as the slot; it
    is the user's, not built in (a user-defined method as far as the
    protocol generic functions are concerned)."""
    meth = Method((), specializers, fn, gf.lambda_list)
    meth.mclass = _sym(mclass)
    meth.slot_name = sd.name
    meth.doc = sd.doc if sd.doc is not None else LString(
        "automatically generated %s method" % ("reader" if "READER" in mclass else "writer"))
    gf.add_method(meth)


def add_reader(name, cls, sd):
    gf = ensure_generic_function(name, lisp_list(pcl_sym("OBJECT")), False)
    slot = sd.name

    def read(m, args):
        read_slot(m, args[2], slot)
    _accessor_method(gf, [cls], Primitive(name, read, 3, 3, kind="control"),
                     "SB-MOP:STANDARD-READER-METHOD", sd)


def add_writer(name, cls, sd):
    gf = ensure_generic_function(name, lisp_list(pcl_sym("NEW-VALUE"), pcl_sym("OBJECT")), False)
    slot = sd.name

    def write(chain, arglist, value, obj):
        return set_slot_value(obj, slot, value)
    _accessor_method(gf, [CLASSES[T], cls], Primitive(name, write, 4, 4),
                     "SB-MOP:STANDARD-WRITER-METHOD", sd)


def _remove_accessors(cls):
    """Remove the accessor methods CLS's previous definition made."""
    for sd in cls.extra.get("direct-slots", ()):
        for name in list(sd.readers) + list(sd.writers):
            try:
                gf = function_name_cell(name)[0]()
            except LispError:
                continue
            if type(gf) is GenericFunction:
                for meth in list(gf.methods):
                    if meth.slot_name is sd.name and meth.specializers[-1] is cls:
                        gf.remove_method(meth)


# ---------------------------------------------------------------- metaclasses
def _define_metaobject_classes():
    """SBCL's classes of classes, slot definitions and specializers, so that
    CLASS-OF, TYPEP and printing see the same hierarchy (simplified to
    its standard part)."""
    define_class(pcl_sym("SLOT-OBJECT"), (CLASSES[T],))
    slot_object = CLASSES[pcl_sym("SLOT-OBJECT")]
    for name in ("STANDARD-OBJECT", "STRUCTURE-OBJECT", "CONDITION"):
        c = CLASSES[S(name)]
        CLASSES[T].subclasses.remove(c)
        c.direct_supers = [slot_object]
        slot_object.subclasses.append(c)
    for name, supers in [("SB-MOP:METAOBJECT", ("STANDARD-OBJECT",)),
                         ("SB-MOP:SPECIALIZER", ("SB-MOP:METAOBJECT",)),
                         ("SB-MOP:EQL-SPECIALIZER", ("SB-MOP:SPECIALIZER",)),
                         ("SB-MOP:FORWARD-REFERENCED-CLASS", ("CLASS",)),
                         ("SB-PCL:SYSTEM-CLASS", ("CLASS",)),
                         ("SB-PCL::CONDITION-CLASS", ("CLASS",)),
                         ("SB-PCL::SLOT-CLASS", ("CLASS",)),
                         ("SB-MOP:FUNCALLABLE-STANDARD-OBJECT", ("FUNCTION", "STANDARD-OBJECT")),
                         ("SB-MOP:FUNCALLABLE-STANDARD-CLASS", ("CLASS",)),
                         ("SB-MOP:SLOT-DEFINITION", ("SB-MOP:METAOBJECT",)),
                         ("SB-MOP:DIRECT-SLOT-DEFINITION", ("SB-MOP:SLOT-DEFINITION",)),
                         ("SB-MOP:EFFECTIVE-SLOT-DEFINITION", ("SB-MOP:SLOT-DEFINITION",)),
                         ("SB-MOP:STANDARD-SLOT-DEFINITION", ("SB-MOP:SLOT-DEFINITION",)),
                         ("SB-MOP:STANDARD-DIRECT-SLOT-DEFINITION",
                          ("SB-MOP:STANDARD-SLOT-DEFINITION", "SB-MOP:DIRECT-SLOT-DEFINITION")),
                         ("SB-MOP:STANDARD-EFFECTIVE-SLOT-DEFINITION",
                          ("SB-MOP:STANDARD-SLOT-DEFINITION", "SB-MOP:EFFECTIVE-SLOT-DEFINITION")),
                         ("SB-MOP:STANDARD-ACCESSOR-METHOD", ("STANDARD-METHOD",)),
                         ("SB-MOP:STANDARD-READER-METHOD", ("SB-MOP:STANDARD-ACCESSOR-METHOD",)),
                         ("SB-MOP:STANDARD-WRITER-METHOD", ("SB-MOP:STANDARD-ACCESSOR-METHOD",))]:
        define_class(_sym(name), [CLASSES[_sym(s)] for s in supers], kind="standard")
        CLASSES[_sym(name)].extra["mop-finalized"] = True
    reparent = [("CLASS", "SB-MOP:SPECIALIZER"), ("METHOD", "SB-MOP:METAOBJECT"),
                ("GENERIC-FUNCTION", "SB-MOP:FUNCALLABLE-STANDARD-OBJECT"),
                ("BUILT-IN-CLASS", "SB-PCL:SYSTEM-CLASS"), ("STANDARD-CLASS", "CLASS"),
                ("STRUCTURE-CLASS", "SB-PCL::SLOT-CLASS")]
    for name, sup in reparent:
        c, s = CLASSES[_sym(name)], CLASSES[_sym(sup)]
        for old in c.direct_supers:
            if c in old.subclasses:
                old.subclasses.remove(c)
        c.direct_supers = [s]
        s.subclasses.append(c)
    for c in list(CLASSES.values()):
        if c.kind != "forward":
            c.cpl = compute_cpl(c)
    metaclass = {"SB-PCL:SYSTEM-CLASS": ("T", "FUNCTION", "SEQUENCE", "STREAM"),
                 "STANDARD-CLASS": ("STANDARD-OBJECT", "CLASS", "BUILT-IN-CLASS", "STANDARD-CLASS",
                                    "STRUCTURE-CLASS", "METHOD", "STANDARD-METHOD",
                                    "METHOD-COMBINATION"),
                 "SB-MOP:FUNCALLABLE-STANDARD-CLASS": ("GENERIC-FUNCTION",
                                                       "STANDARD-GENERIC-FUNCTION",
                                                       "SB-MOP:FUNCALLABLE-STANDARD-OBJECT"),
                 "STRUCTURE-CLASS": ("STRUCTURE-OBJECT",),
                 "SB-PCL::SLOT-CLASS": ("SB-PCL::SLOT-OBJECT",)}
    for meta, names in metaclass.items():
        for n in names:
            CLASSES[_sym(n)].extra["metaclass"] = CLASSES[_sym(meta)]
    slot_definition_classes()
    classes_changed()


_define_metaobject_classes()


_METACLASS_BY_KIND = {kind: CLASSES[_sym(name)] for kind, name in [
    ("standard", "STANDARD-CLASS"), ("structure", "STRUCTURE-CLASS"),
    ("condition", "SB-PCL::CONDITION-CLASS"), ("forward", "SB-MOP:FORWARD-REFERENCED-CLASS")]}
_BUILT_IN_CLASS = CLASSES[S("BUILT-IN-CLASS")]


def metaclass_of(cls) -> LispClass:
    """The class of the class CLS."""
    meta = cls.extra.get("metaclass")
    if meta is not None:
        return meta
    return _METACLASS_BY_KIND.get(cls.kind, _BUILT_IN_CLASS)


OTHER_CLASS_OF[LispClass] = metaclass_of

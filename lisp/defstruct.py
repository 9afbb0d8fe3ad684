"""DEFSTRUCT: the macro, the structure descriptions it builds and the
primitives its expansion calls.

A DEFSTRUCT form is parsed at macroexpansion time into a
``StructureDescription`` (the :include'd structure must already be defined
then, as in SBCL). The expansion is

    (progn (sys::%defstruct '<description>)       ; class, accessors, predicate, copier
           (sys::%defun 'make-foo #'(sys::named-lambda make-foo (&key ...) ...))
           (sys::%defstruct-printer 'foo <function> :print-object)   ; when asked
           'foo)

Accessors, setf functions, predicates and copiers are Python primitives
(one machine step each). Constructors are Lisp lambdas in the expansion, so
slot initforms are evaluated at construction time in the lexical
environment of the DEFSTRUCT. The keyword constructor binds gensyms, not
the slot names, so an initform cannot see the other slots' arguments (SBCL:
(defstruct c (a 1) (b (+ a 1))) (make-c) is an UNBOUND-VARIABLE error); BOA
lambda lists bind the slot names themselves, as CLHS 3.4.6 requires.

Structures of :TYPE LIST or VECTOR are plain lists and simple vectors; a
``layout`` lists what each position holds (a slot, a structure name from
:NAMED, or NIL padding from :INITIAL-OFFSET), the :include'd structure's
layout first.
"""
from __future__ import annotations

from .docstrings import DOCS
from .dynamic import state
from .errors import program_error, simple_error, type_error
from .functions import Primitive
from .macros import defmacro, gensym, args_of
from .objects import (NIL, T, Cons, Instance, LispClass, LString, Symbol, Vector, KEYWORD,
                      cl_sym, sys_sym, keyword, lisp_list, list_to_py, list_from_iter)
from .types import CLASSES, compute_cpl, typep

__all__ = ["StructureDescription", "SlotDescription", "DESCRIPTIONS", "read_structure",
           "structure_printer"]

S = cl_sym
L = lisp_list
QUOTE, FUNCTION = S("QUOTE"), S("FUNCTION")
LAMBDA_KEYWORDS = {S("&OPTIONAL"), S("&REST"), S("&KEY"), S("&AUX"), S("&ALLOW-OTHER-KEYS"),
                   S("&BODY")}
DESCRIPTIONS: dict = {}      # structure name -> StructureDescription


class SlotDescription:
    """One slot: its name, initform (None: none given), type and where it
    lives (the index into a typed structure's list or vector)."""
    __slots__ = ("name", "initform", "type", "read_only", "index")

    def __init__(self, name: Symbol, initform=None, type_=T, read_only=False):
        self.name = name
        self.initform = initform
        self.type = type_
        self.read_only = read_only
        self.index = None

    def copy(self) -> "SlotDescription":
        s = SlotDescription(self.name, self.initform, self.type, self.read_only)
        s.index = self.index
        return s


class StructureDescription:
    """What DEFSTRUCT knows about a structure. ``representation`` is None
    for a structure class, else the symbol LIST or VECTOR."""

    def __init__(self, name: Symbol):
        self.name = name
        self.conc_name = name.name + "-"
        self.representation = None
        self.named = False
        self.include: StructureDescription | None = None
        self.slots: list[SlotDescription] = []
        self.layout: list = []
        self.cls: LispClass | None = None
        self.printer = None               # (function or symbol, :PRINT-OBJECT / :PRINT-FUNCTION)
        self.default_constructor: Symbol | None = None
        self.predicate: Symbol | None = None
        self.copier: Symbol | None = None
        self.doc: str | None = None       # the docstring before the slots

    def lisp_repr(self) -> str:
        return "#<DEFSTRUCT-DESCRIPTION %s>" % self.name.name

    @property
    def name_index(self) -> int:
        return len(self.layout) - 1 - self.layout[::-1].index(self.name)


# ---------------------------------------------------------------- parsing
def _parse_options(name_and_options):
    """(name option...) or name -> (description, options as (keyword, args))."""
    if isinstance(name_and_options, Symbol):
        return StructureDescription(name_and_options), []
    items = list_to_py(name_and_options)
    if not items or not isinstance(items[0], Symbol):
        raise program_error("malformed DEFSTRUCT name and options: ~S", name_and_options)
    options = []
    for opt in items[1:]:
        if isinstance(opt, Symbol):
            options.append((opt, None))
        else:
            parts = list_to_py(opt)
            options.append((parts[0], parts[1:]))
    return StructureDescription(items[0]), options


def _parse_slot(spec) -> SlotDescription:
    if isinstance(spec, Symbol):
        return SlotDescription(spec)
    parts = list_to_py(spec)
    slot = SlotDescription(parts[0], parts[1] if len(parts) > 1 else None)
    opts = parts[2:]
    for i in range(0, len(opts) - 1, 2):
        key, value = opts[i].name, opts[i + 1]
        if key == "TYPE":
            slot.type = value
        elif key == "READ-ONLY":
            slot.read_only = value is not NIL
    return slot


def parse_defstruct(form):
    """The description and the constructor/printer specs of a DEFSTRUCT form."""
    args = args_of(form, 1)
    desc, options = _parse_options(args[0])
    name = desc.name
    slot_specs = args[1:]
    if slot_specs and type(slot_specs[0]) is LString:
        desc.doc = slot_specs[0].value
        slot_specs = slot_specs[1:]
    constructors, include_overrides, offset = [], [], 0
    desc.predicate = _intern(name.name + "-P")
    desc.copier = _intern("COPY-" + name.name)
    for key, values in options:
        k = key.name
        if k == "CONC-NAME":
            conc = values[0] if values else NIL
            desc.conc_name = "" if conc is NIL else (conc.value if type(conc) is LString
                                                     else conc.name)
        elif k == "CONSTRUCTOR":
            if values is None or not values:
                constructors.append((_intern("MAKE-" + name.name), None))
            elif values[0] is not NIL:
                constructors.append((values[0], values[1] if len(values) > 1 else None))
            else:
                constructors.append((NIL, None))
        elif k == "COPIER":
            desc.copier = values[0] if values else NIL
        elif k == "PREDICATE":
            desc.predicate = values[0] if values else NIL
        elif k == "INCLUDE":
            included = DESCRIPTIONS.get(values[0])
            if included is None:
                raise simple_error("The structure ~S in :INCLUDE is not defined.", values[0])
            desc.include = included
            include_overrides = values[1:]
        elif k in ("PRINT-OBJECT", "PRINT-FUNCTION"):
            if values:
                desc.printer = (values[0], keyword(k))
        elif k == "TYPE":
            desc.representation = S("VECTOR") if type(values[0]) is Cons else values[0]
        elif k == "NAMED":
            desc.named = True
        elif k == "INITIAL-OFFSET":
            offset = values[0]
    if not constructors:
        constructors.append((_intern("MAKE-" + name.name), None))
    if desc.representation is not None and not desc.named:
        desc.predicate = NIL
    _lay_out(desc, [_parse_slot(s) for s in slot_specs], include_overrides, offset)
    return desc, [c for c in constructors if c[0] is not NIL]


def _intern(text: str) -> Symbol:
    """TEXT interned in the current package, as DEFSTRUCT interns its
    generated names."""
    from .dynamic import symbol_value
    return symbol_value(S("*PACKAGE*")).intern(text)[0]


def _lay_out(desc, own_slots, include_overrides, offset):
    inherited = []
    layout = []
    if desc.include is not None:
        inherited = [s.copy() for s in desc.include.slots]
        layout = list(desc.include.layout)
        for spec in include_overrides:
            override = _parse_slot(spec)
            for s in inherited:
                if s.name is override.name:
                    s.initform = override.initform
                    if type(spec) is Cons:
                        s.read_only = s.read_only or override.read_only
    if desc.representation is not None:
        layout = [s if type(s) is not SlotDescription else next(
            i for i in inherited if i.name is s.name) for s in layout]
        layout += [NIL] * offset
        if desc.named:
            layout.append(desc.name)
        for s in own_slots:
            s.index = len(layout)
            layout.append(s)
    desc.slots = inherited + own_slots
    desc.layout = layout


# ---------------------------------------------------------------- the macro
@defmacro("DEFSTRUCT")
def m_defstruct(form, env):
    desc, constructors = parse_defstruct(form)
    out = [L(sys_sym("%DEFSTRUCT"), L(QUOTE, desc))]
    for name, boa in constructors:
        if boa is None:
            if desc.default_constructor is None:
                desc.default_constructor = name
            ll, values = _keyword_lambda_list(desc)
        else:
            ll, values = _boa_lambda_list(desc, boa)
        out.append(L(sys_sym("%DEFUN"), L(QUOTE, name),
                     L(FUNCTION, L(sys_sym("NAMED-LAMBDA"), name, ll, _build_form(desc, values)))))
    if desc.printer is not None:
        fn, kind = desc.printer
        fn_form = L(FUNCTION, fn) if type(fn) is Cons else L(QUOTE, fn)
        out.append(L(sys_sym("%DEFSTRUCT-PRINTER"), L(QUOTE, desc.name), fn_form, kind))
    out.append(L(QUOTE, desc.name))
    return Cons(S("PROGN"), list_from_iter(out))


def _keyword_lambda_list(desc):
    params, values = [S("&KEY")], []
    for slot in desc.slots:
        var = gensym(slot.name.name)
        params.append(L(L(keyword(slot.name.name), var),
                        NIL if slot.initform is None else slot.initform))
        values.append(var)
    return list_from_iter(params), values


def _boa_lambda_list(desc, boa):
    """The BOA lambda list with slot initforms as the defaults of optional
    and key parameters that have none, and each slot's value form."""
    initforms = {s.name: s.initform for s in desc.slots}
    bound, params, mode = set(), [], None
    for item in list_to_py(boa):
        if item in LAMBDA_KEYWORDS:
            mode = item.name
            params.append(item)
            continue
        var = item if isinstance(item, Symbol) else list_to_py(item)[0]
        if type(var) is Cons:                  # ((:keyword var) default)
            var = var.cdr.car
        bound.add(var)
        if mode in ("&OPTIONAL", "&KEY") and isinstance(item, Symbol) \
                and initforms.get(item) is not None:
            item = L(item, initforms[item])
        params.append(item)
    values = [s.name if s.name in bound else (NIL if s.initform is None else s.initform)
              for s in desc.slots]
    return list_from_iter(params), values


def _build_form(desc, values):
    if desc.representation is None:
        return L(sys_sym("%MAKE-STRUCTURE"), L(QUOTE, desc.name), *values)
    by_slot = {id(s): v for s, v in zip(desc.slots, values)}
    items = []
    for entry in desc.layout:
        if type(entry) is SlotDescription:
            items.append(by_slot[id(_own_slot(desc, entry))])
        else:
            items.append(L(QUOTE, entry) if entry is not NIL else NIL)
    return L(S("LIST") if desc.representation is S("LIST") else S("VECTOR"), *items)


def _own_slot(desc, entry):
    return next(s for s in desc.slots if s.name is entry.name)


# ---------------------------------------------------------------- definition
def _define_class(desc):
    old = CLASSES.get(desc.name)
    supers = [desc.include.cls if desc.include else CLASSES[S("STRUCTURE-OBJECT")]]
    if old is not None and old.kind == "structure" and old.direct_supers == supers \
            and [s.name for s in old.slots] == [s.name for s in desc.slots]:
        cls = old          # a compatible redefinition keeps existing instances typed
    else:
        cls = LispClass(desc.name, supers, "structure")
        cls.cpl = compute_cpl(cls)
        for s in supers:
            s.subclasses.append(cls)
        cls.finalized = True
        CLASSES[desc.name] = cls
    cls.slots = desc.slots
    cls.extra["defstruct"] = desc
    desc.cls = cls
    # SBCL sets the documentation only when a docstring is given: a
    # redefinition without one keeps the old.
    if desc.doc is not None:
        cls.doc = desc.doc
    elif old is not None and cls is not old:
        cls.doc = old.doc


def _check_instance(x, cls):
    if type(x) is not Instance or cls not in x.cls.cpl:
        raise type_error(x, cls.name)


def _check_slot_type(value, slot):
    if slot.type is not T and not typep(value, slot.type):
        raise type_error(value, slot.type)


def _class_accessors(desc, slot):
    cls, key = desc.cls, slot.name

    def read(x):
        if type(x) is not Instance or cls not in x.cls.cpl:
            raise type_error(x, cls.name)
        return x.slots[key]

    def write(value, x):
        _check_instance(x, cls)
        _check_slot_type(value, slot)
        x.slots[key] = value
        return value
    return read, write


def _typed_accessors(desc, slot):
    index = slot.index
    if desc.representation is S("LIST"):
        def cell(x):
            for _ in range(index):
                if type(x) is not Cons:
                    break
                x = x.cdr
            if type(x) is not Cons:
                raise type_error(x, S("CONS"))
            return x

        def read(x):
            return cell(x).car

        def write(value, x):
            cell(x).car = value
            return value
        return read, write

    def check(x):
        if type(x) is not Vector:
            raise type_error(x, S("VECTOR"))
        if index >= len(x.items):
            raise program_error("index ~S out of bounds for ~S", index, x)

    def vread(x):
        check(x)
        return x.items[index]

    def vwrite(value, x):
        check(x)
        x.items[index] = value
        return value
    return vread, vwrite


def _install(name: Symbol, fn, nargs: int, setf=False):
    prim = Primitive(name, fn, nargs, nargs)
    if setf:
        name.setf_fn = prim
    else:
        name.fn = prim


def _predicate(desc):
    if desc.representation is None:
        cls = desc.cls
        return lambda x: T if type(x) is Instance and cls in x.cls.cpl else NIL
    index, name = desc.name_index, desc.name
    if desc.representation is S("LIST"):
        def listp(x):
            for _ in range(index):
                if type(x) is not Cons:
                    return NIL
                x = x.cdr
            return T if type(x) is Cons and x.car is name else NIL
        return listp
    return lambda x: T if (type(x) is Vector and len(x.items) > index
                           and x.items[index] is name) else NIL


def _copier(desc):
    if desc.representation is None:
        cls = desc.cls

        def copy(x):
            _check_instance(x, cls)
            return Instance(x.cls, dict(x.slots))
        return copy
    if desc.representation is S("LIST"):
        return lambda x: list_from_iter(list_to_py(x))
    return lambda x: Vector(list(x.items))


def define_structure(desc):
    """%DEFSTRUCT: make DESC's class (unless typed) and its accessors,
    setf functions, predicate and copier."""
    if desc.representation is None:
        _define_class(desc)
    elif desc.doc is not None:
        # a typed structure has no class: only its STRUCTURE documentation
        DOCS[(desc.name, "STRUCTURE")] = desc.doc
    DESCRIPTIONS[desc.name] = desc
    for slot in desc.slots:
        accessor = _intern(desc.conc_name + slot.name.name)
        if desc.representation is None:
            read, write = _class_accessors(desc, slot)
        else:
            read, write = _typed_accessors(desc, slot)
        _install(accessor, read, 1)
        if slot.read_only:
            accessor.setf_fn = None
        else:
            _install(accessor, write, 2, setf=True)
    if desc.predicate is not NIL:
        _install(desc.predicate, _predicate(desc), 1)
    if desc.copier is not NIL:
        _install(desc.copier, _copier(desc), 1)
    return desc.name


def _register_primitives():
    sys_defstruct = sys_sym("%DEFSTRUCT")
    sys_defstruct.fn = Primitive(sys_defstruct, define_structure, 1, 1)

    def make_structure(name, *values):
        desc = DESCRIPTIONS[name]
        slots = {}
        for slot, value in zip(desc.slots, values):
            _check_slot_type(value, slot)
            slots[slot.name] = value
        return Instance(desc.cls, slots)
    sym = sys_sym("%MAKE-STRUCTURE")
    sym.fn = Primitive(sym, make_structure, 1, None)

    def set_printer(name, fn, kind):
        DESCRIPTIONS[name].printer = (fn, kind)
        return name
    sym = sys_sym("%DEFSTRUCT-PRINTER")
    sym.fn = Primitive(sym, set_printer, 3, 3)

    def copy_structure(x):
        if type(x) is not Instance or x.cls.kind != "structure":
            raise type_error(x, S("STRUCTURE-OBJECT"))
        return Instance(x.cls, dict(x.slots))
    sym = S("COPY-STRUCTURE")
    sym.fn = Primitive(sym, copy_structure, 1, 1)


_register_primitives()


# ---------------------------------------------------------------- printer and reader hooks
def structure_printer(inst: Instance):
    """The (function, kind) that prints INST, from its structure or the
    nearest :include'd one that has a printer; None for #S(...)."""
    for cls in inst.cls.cpl:
        desc = cls.extra.get("defstruct") if cls.kind == "structure" else None
        if desc is not None and desc.printer is not None:
            return desc.printer
    return None


def call_structure_printer(inst: Instance, stream) -> bool:
    """Print INST on STREAM with its :PRINT-OBJECT or :PRINT-FUNCTION
    function, calling Lisp; False when it has none."""
    printer = structure_printer(inst)
    if printer is None:
        return False
    fn, kind = printer
    if isinstance(fn, Symbol):
        from .errors import LispError
        if fn.fn is None:
            raise LispError("UNDEFINED-FUNCTION", {"NAME": fn})
        fn = fn.fn
    if kind is keyword("PRINT-OBJECT"):
        args = [inst, stream.lisp_object()]
    else:
        args = [inst, stream.lisp_object(), _print_depth()]
    state.machine.call_nested(fn, args)
    return True


def _print_depth() -> int:
    """The depth SBCL hands a :PRINT-FUNCTION: 0 for the object being
    printed, one more per enclosing list, vector or structure."""
    from .dynamic import symbol_value
    from .printer import _PRINT_STATE    # the running print's state (per process)
    ps = symbol_value(_PRINT_STATE)
    return getattr(ps, "level", 0)


def read_structure(name: Symbol, initargs):
    """#S(NAME :SLOT value ...): call NAME's keyword constructor with the
    slot names as keywords; None when NAME is not a structure that has one."""
    desc = DESCRIPTIONS.get(name)
    if desc is None or desc.representation is not None or desc.default_constructor is None:
        return None
    fn = desc.default_constructor.fn
    args = []
    items = list_to_py(initargs)
    for i in range(0, len(items) - 1, 2):
        key = items[i]
        args += [key if isinstance(key, Symbol) and key.package is KEYWORD
                 else keyword(key.name), items[i + 1]]
    from .objects import MV
    r = state.machine.call_nested(fn, args)
    return r.primary if type(r) is MV else r

"""Condition classes, condition objects and their reports.

The condition system's control flow (SIGNAL, ERROR, HANDLER-BIND,
RESTART-CASE ...) is Lisp, in stdlib/conditions.lisp; handler and restart
clusters are the special variables SYS::*HANDLER-CLUSTERS* and
SYS::*RESTART-CLUSTERS*, so they are per process and restored by unwinding
like any binding. This module defines the standard condition classes, makes
condition objects, reports them, and turns a Python-side ``LispError`` into
a call of ERROR in the running process.
"""
from __future__ import annotations

from .dynamic import state, defvar
from .errors import LispError, type_error, program_error, simple_error
from .functions import defun, Function, Primitive, intern_name, designator_string
from .objects import (NIL, T, Symbol, Cons, LString, LispClass, Instance, cl_sym,
                      sys_sym, keyword, lisp_list, list_to_py, MV, find_package, CL,
                      SYSTEM, Package)
from .types import CLASSES, define_class, compute_cpl

S = cl_sym


class SlotDef:
    __slots__ = ("name", "initargs", "initform", "initfunction", "readers", "writers",
                 "allocation", "type", "doc")

    def __init__(self, name, initargs=(), initfunction=None, readers=(), writers=(),
                 allocation="instance", initform=NIL):
        self.name = name
        self.initargs = list(initargs)
        self.initfunction = initfunction
        self.initform = initform
        self.readers = list(readers)
        self.writers = list(writers)
        self.allocation = allocation
        self.type = T
        self.doc = None


def condition_class(name, supers, slots=(), report=None):
    """Define a standard condition class from Python. SLOTS are
    (slot-name, initarg) pairs of strings; REPORT a Python function
    (condition, stream) or None."""
    sym = intern_name(name)
    cls = define_class(sym, [CLASSES[intern_name(s)] for s in supers], kind="condition")
    own = [SlotDef(intern_name(sn) if ":" in sn else _slot_sym(sn),
                   [keyword(ia)] if ia else []) for sn, ia in slots]
    cls.slots = _merge_slots(cls, own)
    cls.report = report
    return cls


def _slot_sym(name):
    return SYSTEM.intern(name)[0]


def _merge_slots(cls, own):
    seen = {}
    for c in reversed(cls.cpl[1:]):
        for s in c.slots:
            seen[s.name] = s
    for s in own:
        prev = seen.get(s.name)
        if prev is not None and not s.initargs:
            s.initargs = prev.initargs
        seen[s.name] = s
    return list(seen.values())


def slot_value(c: Instance, name: str):
    return c.slots.get(_slot_sym(name), NIL)


# ---------------------------------------------------------------- reports
def _write(stream, text):
    stream.write(text)


def _fmt(stream, control, args):
    from .format import format_to_stream
    format_to_stream(stream, control, args)


def report_simple(c, stream):
    ctl = slot_value(c, "FORMAT-CONTROL")
    args = slot_value(c, "FORMAT-ARGUMENTS")
    if ctl is NIL:
        raise simple_error("No format-control for ~S", c)
    if isinstance(ctl, Function):
        state.machine.call_nested(ctl, [stream.lisp_object()] + list_to_py(args))
        return
    _fmt(stream, ctl.value if isinstance(ctl, LString) else str(ctl), list_to_py(args))


def _p1(x):
    from .printer import prin1_to_string
    return prin1_to_string(x)


def report_type_error(c, stream):
    ctl = slot_value(c, "FORMAT-CONTROL")
    if ctl is not NIL:
        return report_simple(c, stream)
    # SBCL lays the report out with pretty-printer newlines: on one line
    # when *PRINT-PRETTY* is false
    from .dynamic import symbol_value
    # ... in a logical block: continuation lines indent from where it starts
    nl, ind = (("\n" + " " * getattr(stream, "column", 0), "  ")
               if symbol_value(cl_sym("*PRINT-PRETTY*")) is not NIL else (" ", ""))
    _write(stream, f"The value{nl}{ind}{_p1(slot_value(c, 'DATUM'))}{nl}is not of type{nl}{ind}"
                   f"{_p1(slot_value(c, 'EXPECTED-TYPE'))}")
    variable = slot_value(c, "CONTEXT")
    if variable is not NIL:
        # SBCL's context of a declared type checked at a binding
        _write(stream, f"{nl}when binding {_p1(variable)}")


def report_print_not_readable(c, stream):
    from .printer import write_to_string
    obj = write_to_string(slot_value(c, "OBJECT"), escape=True, readably=False)
    _write(stream, f"{obj} cannot be printed readably.")


def report_unbound_variable(c, stream):
    _write(stream, f"The variable {_p1(slot_value(c, 'NAME'))} is unbound.")


def report_undefined_function(c, stream):
    _write(stream, f"The function {_p1_full(slot_value(c, 'NAME'))} is undefined.")


def _p1_full(name):
    """A function name printed with its package prefix, as SBCL does in
    this report."""
    from .printer import write_to_string
    # Escaping is explicit: PRINC of the condition has bound *PRINT-ESCAPE*
    # to NIL, which would drop the prefix (and a keyword's colon).
    return write_to_string(name, escape=True, package=find_package("KEYWORD"))


def report_unbound_slot(c, stream):
    _fmt(stream, "~@<The slot ~A is unbound in the object ~S.~@:>",
         [LString(_p1_full(slot_value(c, "NAME"))), slot_value(c, "INSTANCE")])


def report_arithmetic(c, stream):
    op = slot_value(c, "OPERATION")
    operands = slot_value(c, "OPERANDS")
    text = f"arithmetic error {c.cls.name.name} signalled"
    if op is not NIL:
        text += f"\nOperation was {_p1(Cons(op, operands))}."
    _write(stream, text)


def report_end_of_file(c, stream):
    s = slot_value(c, "STREAM")
    _write(stream, f"end of file on {_p1(s)}")


def report_reader_error(c, stream):
    """The reader's message; it names file, line and column itself when it
    knows the file, otherwise the position is added here."""
    msg = slot_value(c, "MESSAGE")
    text = msg.value if isinstance(msg, LString) else "reader error"
    line, col = slot_value(c, "LINE"), slot_value(c, "COLUMN")
    if "(file " not in text and line is not NIL:
        text += f" (line {line}, column {col})" if col is not NIL else f" (line {line})"
    _write(stream, "READ error: " + text)


def report_default(c, stream):
    # SBCL prints the class name as a type specifier, relative to the CL
    # package: COMMON-LISP-USER::MY-CONDITION but PROGRAM-ERROR.
    from .printer import write_to_string
    name = write_to_string(c.cls.name, escape=True, package=CL)
    _write(stream, f"Condition {name} was signalled.")


def report_case_failure(c, stream):
    _fmt(stream, "~S fell through ~S expression. Wanted one of ~:S.",
         [slot_value(c, "DATUM"), slot_value(c, "NAME"), slot_value(c, "POSSIBILITIES")])


def report_deadlock(c, stream):
    report_simple(c, stream)


condition_class("CONDITION", ["T"], report=report_default)
condition_class("SIMPLE-CONDITION", ["CONDITION"],
                [("FORMAT-CONTROL", "FORMAT-CONTROL"), ("FORMAT-ARGUMENTS", "FORMAT-ARGUMENTS")],
                report_simple)
condition_class("SERIOUS-CONDITION", ["CONDITION"])
condition_class("ERROR", ["SERIOUS-CONDITION"])
condition_class("WARNING", ["CONDITION"])
condition_class("STYLE-WARNING", ["WARNING"])
condition_class("SIMPLE-WARNING", ["SIMPLE-CONDITION", "WARNING"], report=report_simple)
condition_class("SIMPLE-ERROR", ["SIMPLE-CONDITION", "ERROR"], report=report_simple)
condition_class("STORAGE-CONDITION", ["SERIOUS-CONDITION"])
condition_class("SYS::SIMPLE-STORAGE-CONDITION", ["SIMPLE-CONDITION", "STORAGE-CONDITION"],
                report=report_simple)
condition_class("SYS::CONTROL-STACK-EXHAUSTED", ["STORAGE-CONDITION"],
                [("DEPTH", "DEPTH"), ("LIMIT", "LIMIT")],
                lambda c, s: s.write(
                    f"Control stack exhausted: the continuation is {slot_value(c, 'DEPTH')} frames "
                    f"deep, over the limit of {slot_value(c, 'LIMIT')} (lisp --max-depth N, or "
                    "Interpreter(max_depth=N)). This is probably unbounded recursion."))
condition_class("TYPE-ERROR", ["ERROR"], [("DATUM", "DATUM"), ("EXPECTED-TYPE", "EXPECTED-TYPE"),
                                          ("CONTEXT", "CONTEXT")],
                report_type_error)
condition_class("SIMPLE-TYPE-ERROR", ["SIMPLE-CONDITION", "TYPE-ERROR"], report=report_simple)
condition_class("PROGRAM-ERROR", ["ERROR"])
condition_class("SYS::SIMPLE-PROGRAM-ERROR", ["SIMPLE-CONDITION", "PROGRAM-ERROR"],
                report=report_simple)
condition_class("SB-EXT:UNKNOWN-KEYWORD-ARGUMENT", ["PROGRAM-ERROR"], [("NAME", "NAME")],
                lambda c, s: s.write(f"Unknown &KEY argument: {_p1(slot_value(c, 'NAME'))}"))
condition_class("CONTROL-ERROR", ["ERROR"])
condition_class("SYS::SIMPLE-CONTROL-ERROR", ["SIMPLE-CONDITION", "CONTROL-ERROR"],
                report=report_simple)
condition_class("CELL-ERROR", ["ERROR"], [("NAME", "NAME")])
condition_class("UNBOUND-VARIABLE", ["CELL-ERROR"], report=report_unbound_variable)
condition_class("UNDEFINED-FUNCTION", ["CELL-ERROR"], report=report_undefined_function)
condition_class("UNBOUND-SLOT", ["CELL-ERROR"], [("INSTANCE", "INSTANCE")], report_unbound_slot)
condition_class("ARITHMETIC-ERROR", ["ERROR"], [("OPERATION", "OPERATION"), ("OPERANDS", "OPERANDS")],
                report_arithmetic)
for _n in ("DIVISION-BY-ZERO", "FLOATING-POINT-OVERFLOW", "FLOATING-POINT-UNDERFLOW",
           "FLOATING-POINT-INEXACT", "FLOATING-POINT-INVALID-OPERATION"):
    condition_class(_n, ["ARITHMETIC-ERROR"])
condition_class("PACKAGE-ERROR", ["ERROR"], [("PACKAGE", "PACKAGE")])
condition_class("SYS::SIMPLE-PACKAGE-ERROR", ["SIMPLE-CONDITION", "PACKAGE-ERROR"],
                report=report_simple)
condition_class("FILE-ERROR", ["ERROR"], [("PATHNAME", "PATHNAME")])
condition_class("SYS::SIMPLE-FILE-ERROR", ["SIMPLE-CONDITION", "FILE-ERROR"], report=report_simple)
condition_class("STREAM-ERROR", ["ERROR"], [("STREAM", "STREAM")])
condition_class("SYS::SIMPLE-STREAM-ERROR", ["SIMPLE-CONDITION", "STREAM-ERROR"], report=report_simple)
condition_class("END-OF-FILE", ["STREAM-ERROR"], report=report_end_of_file)
condition_class("PARSE-ERROR", ["ERROR"])
condition_class("READER-ERROR", ["PARSE-ERROR", "STREAM-ERROR"])
condition_class("SYS::LISP-READER-ERROR", ["READER-ERROR"],
                [("MESSAGE", "MESSAGE"), ("LINE", "LINE"), ("COLUMN", "COLUMN"), ("FILE", "FILE"),
                 ("INCOMPLETE", "INCOMPLETE")], report_reader_error)
condition_class("PRINT-NOT-READABLE", ["ERROR"], [("OBJECT", "OBJECT")],
                report_print_not_readable)
# SBCL's SB-KERNEL::ARG-COUNT-ERROR: a destructuring mismatch is an ERROR,
# not a PROGRAM-ERROR
condition_class("SYS::ARG-COUNT-ERROR", ["SIMPLE-ERROR"])
condition_class("SYS::CASE-FAILURE", ["TYPE-ERROR"], [("NAME", "NAME"), ("POSSIBILITIES", "POSSIBILITIES")],
                report_case_failure)


def _simple_alias(name, base):
    """Errors raised from Python by a plain CL class name with a format
    control (e.g. "STREAM-ERROR") use these simple subclasses."""
    SIMPLE_FOR[intern_name(name)] = intern_name(base)


SIMPLE_FOR: dict = {}
for _a, _b in [("PROGRAM-ERROR", "SYS::SIMPLE-PROGRAM-ERROR"),
               ("CONTROL-ERROR", "SYS::SIMPLE-CONTROL-ERROR"),
               ("TYPE-ERROR", "SIMPLE-TYPE-ERROR"), ("PACKAGE-ERROR", "SYS::SIMPLE-PACKAGE-ERROR"),
               ("FILE-ERROR", "SYS::SIMPLE-FILE-ERROR"), ("STREAM-ERROR", "SYS::SIMPLE-STREAM-ERROR"),
               ("ERROR", "SIMPLE-ERROR"), ("WARNING", "SIMPLE-WARNING"),
               ("STORAGE-CONDITION", "SYS::SIMPLE-STORAGE-CONDITION")]:
    _simple_alias(_a, _b)


# ---------------------------------------------------------------- making conditions
def find_condition_class(name) -> LispClass:
    if isinstance(name, LispClass):
        return name
    if isinstance(name, str):
        sym = resolve_class_name(name)
    else:
        sym = name
    cls = CLASSES.get(sym)
    if cls is None or not cls.is_subclass_of(CLASSES[S("CONDITION")]):
        raise LispError("SIMPLE-TYPE-ERROR", {
            "DATUM": sym, "EXPECTED-TYPE": lisp_list(S("SATISFIES"), sys_sym("CONDITION-CLASS-P")),
            "FORMAT-CONTROL": LString("~S does not designate a condition class."),
            "FORMAT-ARGUMENTS": lisp_list(sym)})
    return cls


def resolve_class_name(name: str) -> Symbol:
    if ":" in name:
        pkg, _, rest = name.partition(":")
        p = find_package(pkg)
        if p is None:
            p = Package(pkg)
        return p.intern(rest.lstrip(":"))[0]
    s = CL.external.get(name)
    if s is not None:
        return s
    return SYSTEM.intern(name)[0]


def make_condition(cls, initargs: dict):
    """INITARGS maps keyword symbols (or keyword-name strings) to values."""
    cls = find_condition_class(cls)
    if not cls.finalized:
        raise program_error("the condition class ~S is not finalized", cls.name)
    slots = {}
    by_initarg = {}
    for s in cls.slots:
        for ia in s.initargs:
            by_initarg[ia] = s
    for k, v in initargs.items():
        kw = keyword(k) if isinstance(k, str) else k
        s = by_initarg.get(kw)
        if s is not None and s.name not in slots:
            slots[s.name] = v
    c = Instance(cls, slots)
    given = {keyword(x) if isinstance(x, str) else x for x in initargs}
    for k, v in _effective_default_initargs(cls):
        if k not in given:
            s = by_initarg.get(k)
            if s is not None and s.name not in slots:
                slots[s.name] = v() if callable(v) else v
    for s in cls.slots:
        if s.name not in slots and s.initfunction is not None:
            slots[s.name] = s.initfunction()
    return c


def _effective_default_initargs(cls):
    """CLS's default initargs and those it inherits; for an initarg
    defaulted by several classes the most specific one wins."""
    seen = {}
    for c in cls.cpl:
        for k, v in c.default_initargs:
            seen.setdefault(k, v)
    return seen.items()


def condition_from_lisp_error(e: LispError):
    if e.condition is not None:
        return e.condition
    sym = resolve_class_name(e.class_name)
    if "FORMAT-CONTROL" in e.initargs and sym in SIMPLE_FOR:
        sym = SIMPLE_FOR[sym]
    return make_condition(sym, e.initargs)


def report(c: Instance, stream):
    """Write C's report to STREAM (as PRINC of a condition does)."""
    for cls in c.cls.cpl:
        r = cls.report
        if r is None:
            continue
        if isinstance(r, LString):
            stream.write(r.value)
        elif isinstance(r, Function):
            state.machine.call_nested(r, [c, stream.lisp_object()])
        else:
            r(c, stream)
        return
    report_default(c, stream)


def report_string(c: Instance, column: int = 0) -> str:
    """C's report, as written starting at COLUMN (a report's logical
    blocks indent their continuation lines from where they start)."""
    from .streams import StringOutputStream
    s = StringOutputStream()
    s.column = column
    report(c, s)
    return s.getvalue()


def is_condition(x):
    return type(x) is Instance and x.cls.kind == "condition"


# ---------------------------------------------------------------- the error bridge
ERROR_SYM = S("ERROR")


def signal_python_error(m, e: LispError):
    """Machine hook: signal E with ERROR in the running process."""
    c = condition_from_lisp_error(e)
    fn = ERROR_SYM.fn
    if fn is None:      # only while the stdlib that defines ERROR is loading
        raise RuntimeError(f"error during boot: {report_string(c)}") from e
    m.invoke(fn, [c])


# ---------------------------------------------------------------- Lisp functions
def _initargs_from_list(args):
    if len(args) % 2:
        raise program_error("odd number of initialization arguments: ~S", lisp_list(*args))
    return {args[i]: args[i + 1] for i in range(0, len(args), 2)}


@defun("MAKE-CONDITION", "type &rest initargs")
def lisp_make_condition(type_, *initargs):
    return make_condition(type_, _initargs_from_list(initargs))


@defun("SYS:COERCE-TO-CONDITION", "datum arguments default-type caller")
def coerce_to_condition(datum, arguments, default_type, caller):
    """The condition designated by DATUM and ARGUMENTS (CLHS 9.1.2.1)."""
    args = list_to_py(arguments)
    if is_condition(datum):
        if args:
            raise program_error("~S: no arguments are allowed after a condition: ~S", caller, arguments)
        return datum
    if isinstance(datum, Symbol):
        return make_condition(datum, _initargs_from_list(args))
    if isinstance(datum, (LString, Function)):
        return make_condition(default_type, {"FORMAT-CONTROL": datum, "FORMAT-ARGUMENTS": arguments})
    raise LispError("SIMPLE-TYPE-ERROR", {
        "DATUM": datum, "EXPECTED-TYPE": lisp_list(S("OR"), S("SYMBOL"), S("STRING"), S("CONDITION")),
        "FORMAT-CONTROL": LString("~S is not a condition designator."),
        "FORMAT-ARGUMENTS": lisp_list(datum)})


def _reader(slot_name):
    def read(c):
        if not is_condition(c):
            raise type_error(c, "CONDITION")
        return c.slots.get(_slot_sym(slot_name), NIL)
    return read


for _fname, _slot in [("SIMPLE-CONDITION-FORMAT-CONTROL", "FORMAT-CONTROL"),
                      ("SIMPLE-CONDITION-FORMAT-ARGUMENTS", "FORMAT-ARGUMENTS"),
                      ("TYPE-ERROR-DATUM", "DATUM"), ("TYPE-ERROR-EXPECTED-TYPE", "EXPECTED-TYPE"),
                      ("CELL-ERROR-NAME", "NAME"), ("UNBOUND-SLOT-INSTANCE", "INSTANCE"),
                      ("ARITHMETIC-ERROR-OPERATION", "OPERATION"),
                      ("ARITHMETIC-ERROR-OPERANDS", "OPERANDS"),
                      ("PACKAGE-ERROR-PACKAGE", "PACKAGE"), ("FILE-ERROR-PATHNAME", "PATHNAME"),
                      ("STREAM-ERROR-STREAM", "STREAM"),
                      ("PRINT-NOT-READABLE-OBJECT", "OBJECT")]:
    defun(_fname, "condition")(_reader(_slot))


@defun("SYS:%CASE-FAILURE", "datum keys name")
def case_failure(datum, keys, name):
    raise LispError("SYS::CASE-FAILURE", {"DATUM": datum, "EXPECTED-TYPE": Cons(S("MEMBER"), keys),
                                          "NAME": name, "POSSIBILITIES": keys})


@defun("SYS:%TYPECASE-FAILURE", "datum types name")
def typecase_failure(datum, types, name):
    # SBCL signals the same CASE-FAILURE class for ETYPECASE as for ECASE.
    raise LispError("SYS::CASE-FAILURE", {"DATUM": datum, "EXPECTED-TYPE": Cons(S("OR"), types),
                                              "NAME": name, "POSSIBILITIES": types})


@defun("SYS:%DEFINE-CONDITION", "name supers slots report default-initargs doc")
def define_condition(name, supers, slots, report_, default_initargs, doc):
    """Install the condition class NAME. SLOTS is a list of
    (slot-name initargs readers writers initfunction allocation); readers
    and writers are installed here as accessor functions."""
    sup = [find_condition_class(s) for s in supers] or [CLASSES[S("CONDITION")]]
    old = CLASSES.get(name)
    cls = LispClass(name, sup, "condition")
    cls.cpl = compute_cpl(cls)
    own = []
    for spec in slots:
        sname, initargs, readers, writers, initfn, alloc = list_to_py(spec)
        sd = SlotDef(sname, list_to_py(initargs), None, list_to_py(readers), list_to_py(writers),
                     allocation=alloc.name.lower() if isinstance(alloc, Symbol) else "instance")
        if initfn is not NIL:
            sd.initfunction = _lisp_thunk(initfn)
        own.append(sd)
        for r in sd.readers:
            r.fn = Primitive(r, _slot_reader(sname), 1, 1)
        for w in sd.writers:
            _install_writer(w, sname)
    cls.slots = _merge_slots(cls, own)
    cls.report = report_ if report_ is not NIL else None
    di = list_to_py(default_initargs)
    cls.default_initargs = [(di[i], _lisp_thunk(di[i + 1])) for i in range(0, len(di), 2)]
    cls.doc = doc
    cls.finalized = True
    CLASSES[name] = cls
    for s in sup:
        s.subclasses.append(cls)
    if old is not None:
        for sub in old.subclasses:
            sub.direct_supers = [cls if x is old else x for x in sub.direct_supers]
    return name


def _lisp_thunk(fn):
    def call():
        if type(fn) is Primitive:
            return fn.fn()
        r = state.machine.call_nested(fn, [])
        return r.primary if type(r) is MV else r
    return call


def _slot_reader(sname):
    def read(c):
        if type(c) is not Instance:
            raise type_error(c, "CONDITION")
        v = c.slots.get(sname, _UNBOUND_SLOT)
        if v is _UNBOUND_SLOT:
            raise LispError("UNBOUND-SLOT", {"NAME": sname, "INSTANCE": c})
        return v
    return read


_UNBOUND_SLOT = object()


def _install_writer(w, sname):
    def write(value, c):
        c.slots[sname] = value
        return value
    if type(w) is Cons:          # (setf name)
        target = w.cdr.car
        target.setf_fn = Primitive(w, write, 2, 2)
    else:
        w.fn = Primitive(w, write, 2, 2)


@defun("SYS:CONDITION-REPORT-STRING", "condition")
def lisp_report_string(c):
    return LString(report_string(c))


defvar("*BREAK-ON-SIGNALS*", NIL)
defvar("*DEBUGGER-HOOK*", NIL)
defvar("", NIL, sym=intern_name("SB-EXT:*INVOKE-DEBUGGER-HOOK*"))
HANDLER_CLUSTERS = defvar("SYS::*HANDLER-CLUSTERS*", NIL)
RESTART_CLUSTERS = defvar("SYS::*RESTART-CLUSTERS*", NIL)

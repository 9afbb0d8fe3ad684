"""The CLOS defining and slot-access macros: DEFCLASS, DEFGENERIC,
DEFMETHOD, WITH-SLOTS, WITH-ACCESSORS, PRINT-UNREADABLE-OBJECT.

DEFMETHOD's expansion implements the method calling protocol of
lisp/clos.py: the method function takes the next-method chain and the
argument list before the method's own parameters, and binds
CALL-NEXT-METHOD and NEXT-METHOD-P with FLET only when the body mentions
them.
"""
from __future__ import annotations

from .errors import program_error
from .macros import defmacro, args_of, body_of, gensym, L, QUOTE, LAMBDA, LET, DECLARE, \
    FUNCTION, NAMED_LAMBDA
from .objects import (NIL, T, Symbol, Cons, LString, cl_sym, sys_sym, keyword, lisp_list,
                      list_to_py, list_from_iter, KEYWORD)

S = cl_sym
_CALL_NEXT, _NEXT_P = S("CALL-NEXT-METHOD"), S("NEXT-METHOD-P")
_LAMBDA_KEYWORDS = {S(n) for n in ("&OPTIONAL", "&REST", "&KEY", "&AUX", "&ALLOW-OTHER-KEYS",
                                   "&BODY", "&WHOLE", "&ENVIRONMENT")}


def _q(x):
    return L(QUOTE, x)


def _constant(form) -> bool:
    if type(form) is Cons:
        return form.car is QUOTE
    if isinstance(form, Symbol):
        return form is NIL or form is T or form.package is KEYWORD
    return True


def _initfunction(form):
    """A form evaluating to the initfunction of FORM: (QUOTE constant) for
    a constant (no Lisp call needed to compute it), else a closure."""
    if _constant(form):
        value = form.cdr.car if type(form) is Cons else form
        return _q(L(QUOTE, value))
    return L(LAMBDA, NIL, form)


def _initarg_error(option, class_name):
    from .errors import LispError
    return LispError("SB-PCL::INITARG-ERROR", {
        "FORMAT-CONTROL": LString("Invalid initialization argument:~%  ~S~%in call for class "
                                  "#<STANDARD-CLASS ~A>.~%See also:~%  The ANSI Standard, "
                                  "Section 7.1.2"),
        "FORMAT-ARGUMENTS": lisp_list(option, LString(class_name))})


_SINGLE_SLOT_OPTIONS = ("INITFORM", "ALLOCATION", "TYPE", "DOCUMENTATION")


def _slot_spec(spec, class_name):
    if isinstance(spec, Symbol):
        spec = L(spec)
    name = spec.car
    opts = list_to_py(spec.cdr)
    if len(opts) % 2:
        raise program_error("malformed slot specification ~S", spec)
    initargs, readers, writers = [], [], []
    alloc, initform, initfn, type_, doc = keyword("INSTANCE"), NIL, NIL, T, NIL
    seen = set()
    for i in range(0, len(opts), 2):
        k, v = opts[i], opts[i + 1]
        kn = k.name if isinstance(k, Symbol) and k.package is KEYWORD else None
        if kn in _SINGLE_SLOT_OPTIONS:
            if kn in seen:
                raise program_error("Duplicate slot option ~S for slot ~S in DEFCLASS ~S.", k, name,
                                    class_name)
            seen.add(kn)
        if kn == "INITARG":
            initargs.insert(0, v)
        elif kn == "INITFORM":
            initform, initfn = v, _initfunction(v)
        elif kn == "READER":
            readers.insert(0, v)
        elif kn == "WRITER":
            writers.insert(0, v)
        elif kn == "ACCESSOR":
            readers.insert(0, v)
            writers.insert(0, L(S("SETF"), v))
        elif kn == "ALLOCATION":
            alloc = v
        elif kn == "TYPE":
            type_ = v
        elif kn == "DOCUMENTATION":
            doc = v
        else:
            raise _initarg_error(k, "SB-MOP:STANDARD-DIRECT-SLOT-DEFINITION")
    return L(S("LIST"), _q(name), _q(lisp_list(*initargs)), _q(lisp_list(*readers)),
             _q(lisp_list(*writers)), _q(alloc), _q(initform), initfn, _q(type_), doc)


@defmacro("DEFCLASS")
def m_defclass(form, env):
    args = args_of(form, 3)
    name, supers, slots = args[0], args[1], args[2]
    default_initargs, doc, metaclass = [], NIL, NIL
    for opt in args[3:]:
        key = opt.car if type(opt) is Cons else opt
        if key is keyword("DEFAULT-INITARGS"):
            items = list_to_py(opt.cdr)
            for i in range(0, len(items), 2):
                default_initargs.append(L(S("LIST"), _q(items[i]), _q(items[i + 1]),
                                          _initfunction(items[i + 1])))
        elif key is keyword("DOCUMENTATION"):
            doc = opt.cdr.car
        elif key is keyword("METACLASS"):
            metaclass = opt.cdr.car
        else:
            raise _initarg_error(key, "COMMON-LISP:STANDARD-CLASS")
    names = set()
    for spec in list_to_py(slots):
        sname = spec.car if type(spec) is Cons else spec
        if sname in names:
            raise program_error("Multiple slots named ~S in DEFCLASS ~S.", sname, name)
        names.add(sname)
    return L(sys_sym("%DEFCLASS"), _q(name), _q(supers),
             Cons(S("LIST"), list_from_iter(_slot_spec(s, name) for s in list_to_py(slots))),
             Cons(S("LIST"), list_from_iter(default_initargs)), doc, _q(metaclass))


_GENERIC_OPTIONS = {keyword(n) for n in ("DECLARE", "GENERIC-FUNCTION-CLASS", "METHOD-CLASS")}


@defmacro("DEFGENERIC")
def m_defgeneric(form, env):
    args = args_of(form, 2)
    name, ll = args[0], args[1]
    doc, combination, precedence = NIL, NIL, NIL
    methods = []
    for opt in args[2:]:
        key = opt.car if type(opt) is Cons else None
        if key is keyword("DOCUMENTATION"):
            doc = opt.cdr.car
        elif key is keyword("METHOD"):
            methods.append(Cons(S("DEFMETHOD"), Cons(name, opt.cdr)))
        elif key is keyword("METHOD-COMBINATION"):
            combination = opt.cdr
        elif key is keyword("ARGUMENT-PRECEDENCE-ORDER"):
            precedence = opt.cdr
        elif key not in _GENERIC_OPTIONS:
            raise program_error("unsupported option ~S", opt)
    gf = gensym("GF")
    body = [L(sys_sym("%DEFGENERIC"), _q(name), _q(ll), doc, _q(combination), _q(precedence))]
    if methods:
        body.append(L(sys_sym("%INITIAL-METHODS"), gf, Cons(S("LIST"), lisp_list(*methods))))
    return L(LET, L(L(gf, body[0])), *body[1:], gf)


def split_body(body, doc_allowed=True):
    """(declarations, documentation, forms) of a body."""
    items = list_to_py(body)
    decls, doc = [], NIL
    while items:
        x = items[0]
        if type(x) is Cons and x.car is DECLARE:
            decls.append(items.pop(0))
        elif type(x) is LString and doc_allowed and len(items) > 1 and doc is NIL:
            doc = items.pop(0)
        else:
            break
    return decls, doc, items


def _mentions(form, syms, depth=0) -> bool:
    while type(form) is Cons:
        if depth > 200:
            return True
        if _mentions(form.car, syms, depth + 1):
            return True
        form = form.cdr
    return form in syms


@defmacro("DEFMETHOD")
def m_defmethod(form, env):
    args = args_of(form, 2)
    name = args[0]
    rest = args[1:]
    qualifiers = []
    while rest and not (type(rest[0]) is Cons or rest[0] is NIL):
        qualifiers.append(rest.pop(0))
    if not rest:
        raise program_error("DEFMETHOD ~S has no lambda list", name)
    specialized = list_to_py(rest[0])
    body = list_from_iter(rest[1:])
    plain, specs = [], []
    required = True
    for p in specialized:
        if p in _LAMBDA_KEYWORDS:
            required = False
        if required and type(p) is Cons:
            var, spec = p.car, p.cdr.car
            plain.append(var)
            if type(spec) is Cons and spec.car is S("EQL"):
                specs.append(L(sys_sym("%EQL-SPECIALIZER"), spec.cdr.car))
            else:
                specs.append(_q(spec))
        else:
            plain.append(p)
            if required:
                specs.append(_q(T))
    method_ll = list(plain)
    if S("&KEY") in method_ll and S("&ALLOW-OTHER-KEYS") not in method_ll:
        # a method accepts the keywords of every applicable method (CLHS 7.6.5)
        aux = method_ll.index(S("&AUX")) if S("&AUX") in method_ll else len(method_ll)
        method_ll.insert(aux, S("&ALLOW-OTHER-KEYS"))
    decls, doc, forms = split_body(body)
    inner = Cons(S("PROGN"), list_from_iter(forms))
    nxt, arglist = gensym("NEXT"), gensym("ARGS")
    if _mentions(body, (_CALL_NEXT, _NEXT_P)):
        cnm_args = gensym("CNM-ARGS")
        inner = L(S("FLET"), L(L(_CALL_NEXT, L(S("&REST"), cnm_args),
                                 L(sys_sym("%CALL-NEXT-METHOD"), nxt, arglist, cnm_args)),
                               L(_NEXT_P, NIL, L(sys_sym("%NEXT-METHOD-P"), nxt))),
                  L(DECLARE, L(S("IGNORABLE"), L(FUNCTION, _CALL_NEXT), L(FUNCTION, _NEXT_P))),
                  inner)
    # named like its generic function, which also names the block of the body
    fn = L(NAMED_LAMBDA, name, list_from_iter([nxt, arglist] + method_ll),
           L(DECLARE, L(S("IGNORABLE"), nxt, arglist)), *decls, inner)
    fn = L(FUNCTION, fn)
    return L(sys_sym("%DEFMETHOD"), _q(name), _q(lisp_list(*qualifiers)),
             Cons(S("LIST"), list_from_iter(specs)), _q(list_from_iter(plain)), fn, doc)


@defmacro("WITH-SLOTS")
def m_with_slots(form, env):
    args = args_of(form, 2)
    inst = gensym("INSTANCE")
    bindings = []
    for entry in list_to_py(args[0]):
        var, slot = (entry, entry) if isinstance(entry, Symbol) else (entry.car, entry.cdr.car)
        bindings.append(L(var, L(S("SLOT-VALUE"), inst, _q(slot))))
    return L(LET, L(L(inst, args[1])),
             Cons(S("SYMBOL-MACROLET"), Cons(list_from_iter(bindings), body_of(form, 2))))


@defmacro("WITH-ACCESSORS")
def m_with_accessors(form, env):
    args = args_of(form, 2)
    inst = gensym("INSTANCE")
    bindings = [L(e.car, L(e.cdr.car, inst)) for e in list_to_py(args[0])]
    return L(LET, L(L(inst, args[1])),
             Cons(S("SYMBOL-MACROLET"), Cons(list_from_iter(bindings), body_of(form, 2))))


@defmacro("PRINT-UNREADABLE-OBJECT")
def m_print_unreadable_object(form, env):
    args = args_of(form, 1)
    spec = list_to_py(args[0])
    if len(spec) < 2:
        raise program_error("malformed PRINT-UNREADABLE-OBJECT ~S", form)
    obj, stream, opts = spec[0], spec[1], spec[2:]
    type_, identity = NIL, NIL
    for i in range(0, len(opts) - 1, 2):
        if opts[i] is keyword("TYPE"):
            type_ = opts[i + 1]
        elif opts[i] is keyword("IDENTITY"):
            identity = opts[i + 1]
    body = body_of(form, 1)
    thunk = NIL if body is NIL else L(FUNCTION, Cons(LAMBDA, Cons(NIL, body)))
    return L(sys_sym("%PRINT-UNREADABLE-OBJECT"), obj, stream, type_, identity, thunk)

"""Documentation strings (DOCUMENTATION and its SETF) and looking symbols
up by part of their name (APROPOS, APROPOS-LIST).

A function's docstring lives on the function object (a closure's
LambdaInfo, a primitive's or generic function's ``doc``), a class's on the
class, so redefining the function or class replaces it as in SBCL. The
docstrings that have no object to live on (variables, DEFSETF, structures
without a class, doc-types an implementation may add) are kept in
``DOCS`` (lisp/docstrings.py), keyed by (name, doc-type name); DEFVAR,
DEFPARAMETER and DEFCONSTANT record theirs there when they run.
"""
from __future__ import annotations

from ..functions import defun, designator_string, Function
from ..machine import Closure
from ..objects import NIL, UNBOUND, Cons, LispClass, LString, Symbol, cl_sym, list_from_iter
from ..printer import prin1_to_string
from ..stdstreams import stream_value
from ..types import CLASSES, DEFTYPES
from .packages import coerce_package
from .pkgiter import all_packages

from ..docstrings import DOCS


def _doc_type(x) -> str:
    return x.name if isinstance(x, Symbol) else repr(x)


def _function_object(x):
    """The function or macro named by X (a symbol or (SETF name)), or X when
    it is a function."""
    if isinstance(x, Function):
        return x
    if isinstance(x, Symbol):
        return x.macro if x.macro is not None and x.fn is None else (x.fn or x.macro)
    if type(x) is Cons and x.car is cl_sym("SETF") and type(x.cdr) is Cons:
        return x.cdr.car.setf_fn if isinstance(x.cdr.car, Symbol) else None
    return None


def _key(x):
    """A hashable key for a name (a symbol, or a list such as (SETF FOO))."""
    return prin1_to_string(x) if type(x) is Cons else x


def _get_object_doc(obj):
    if isinstance(obj, Closure):
        return obj.lam.doc
    return getattr(obj, "doc", None)


def _set_object_doc(obj, doc) -> bool:
    if isinstance(obj, Closure):
        # the analyzer keeps a closure's docstring as a Lisp string
        obj.lam.doc = LString(doc) if doc is not None else None
        return True
    try:
        obj.doc = doc
    except AttributeError:
        return False
    return True


def _type_holder(name):
    """The object that holds NAME's type documentation: its class or its
    DEFTYPE expander; None when there is neither."""
    return CLASSES.get(name) or DEFTYPES.get(name)


def _as_lisp(doc):
    """A docstring as Lisp has it: objects keep either a Lisp or a Python
    string."""
    if isinstance(doc, LString):
        return doc
    return LString(doc) if isinstance(doc, str) else NIL


@defun("DOCUMENTATION", "x doc-type")
def documentation(x, doc_type):
    """Return the documentation string of DOC-TYPE for X, or NIL if none
    exists. System doc-types are VARIABLE, FUNCTION, STRUCTURE, TYPE, SETF,
    and T."""
    kind = _doc_type(doc_type)
    if kind == "TYPE" and isinstance(x, LispClass):
        return _as_lisp(x.doc)
    if kind in ("FUNCTION", "T", "COMPILER-MACRO") and not isinstance(x, (Symbol, Cons)):
        if isinstance(x, Function):
            return _as_lisp(_get_object_doc(x))
        if kind == "T" and hasattr(x, "doc") and not isinstance(x, LString):
            return _as_lisp(x.doc)   # classes, packages and other objects with a docstring
        return NIL
    if kind == "FUNCTION":
        key = (_key(x), kind)
        if key in DOCS:
            return _as_lisp(DOCS[key])
        fn = _function_object(x)
        return _as_lisp(_get_object_doc(fn)) if fn is not None else NIL
    if kind in ("TYPE", "STRUCTURE") and isinstance(x, Symbol):
        key = (x, kind)
        if key in DOCS:
            return _as_lisp(DOCS[key])
        # a DEFTYPE has TYPE documentation only; a class (a DEFSTRUCT's
        # too) answers both with its own
        holder = _type_holder(x) if kind == "TYPE" else CLASSES.get(x)
        return _as_lisp(_get_object_doc(holder)) if holder is not None else NIL
    return _as_lisp(DOCS.get((_key(x), kind)))


@defun("DOCUMENTATION", "new-value x doc-type", setf=True)
def set_documentation(new, x, doc_type):
    """Set the documentation string of DOC-TYPE for X to NEW-VALUE (a string
    or NIL)."""
    doc = new.value if isinstance(new, LString) else None
    kind = _doc_type(doc_type)
    target = None
    if not isinstance(x, (Symbol, Cons)):
        target = x
    elif kind == "FUNCTION":
        target = _function_object(x)
        DOCS.pop((_key(x), kind), None)
    elif kind in ("TYPE", "STRUCTURE") and isinstance(x, Symbol) and x in CLASSES:
        target = CLASSES[x]     # a class's TYPE and STRUCTURE docs are one
    if target is None or not _set_object_doc(target, doc):
        if doc is None:
            DOCS.pop((_key(x), kind), None)
        else:
            DOCS[(_key(x), kind)] = doc
    return new


def _apropos_symbols(string, package, external_only):
    needle = designator_string(string).upper()
    if package is NIL:
        packages = all_packages()
    else:
        packages = [coerce_package(package)]
    out, seen = [], set()
    for pkg in packages:
        tables = [pkg.external] if external_only is not NIL else [pkg.internal, pkg.external]
        if package is not NIL and external_only is NIL:
            tables += [p.external for p in pkg.use_list]
        for table in tables:
            for s in table.values():
                if needle in s.name.upper() and id(s) not in seen:
                    seen.add(id(s))
                    out.append(s)
    return out


@defun("APROPOS-LIST", "string-designator &optional package external-only")
def apropos_list(string, package=NIL, external_only=NIL):
    """Like APROPOS, except that it returns a list of the symbols found
    instead of describing them."""
    return list_from_iter(_apropos_symbols(string, package, external_only))


@defun("APROPOS", "string-designator &optional package external-only")
def apropos(string, package=NIL, external_only=NIL):
    """Briefly describe all symbols which contain the specified STRING. If
    PACKAGE is supplied then only describe symbols present in that package.
    If EXTERNAL-ONLY then only describe external symbols in the specified
    package."""
    out = stream_value(cl_sym("*STANDARD-OUTPUT*"))
    for s in _apropos_symbols(string, package, external_only):
        line = prin1_to_string(s)
        if s.value is not UNBOUND:
            line += " = " + prin1_to_string(s.value)
        elif s.fn is not None or s.macro is not None:
            line += " (fbound)"
        out.fresh_line()
        out.write(line + "\n")
    return NIL

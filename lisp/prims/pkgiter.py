"""Iterating over packages' symbols (DO-SYMBOLS, DO-EXTERNAL-SYMBOLS,
DO-ALL-SYMBOLS, WITH-PACKAGE-ITERATOR, FIND-ALL-SYMBOLS) and
WITH-STANDARD-IO-SYNTAX.

The DO- macros expand into DOLIST over a list of the symbols taken when the
loop starts, so interning or uninterning in the body cannot disturb the
iteration (CLHS 11.1.1.2.1 leaves that undefined; a snapshot is the safe
reading).
"""
from __future__ import annotations

from ..functions import defun, designator_string
from ..macros import defmacro, args_of, body_of, L, S, LET, QUOTE, DECLARE
from ..errors import program_error
from ..objects import (NIL, T, PACKAGES, Cons, LString, Symbol, Package, keyword,
                       sys_sym, list_from_iter)
from ..readtable import standard_readtable
from .packages import coerce_package


def all_packages() -> list[Package]:
    """Every registered package once (PACKAGES maps nicknames too)."""
    return list({id(p): p for p in PACKAGES.values()}.values())

DOLIST = S("DOLIST")
IGNORABLE = S("IGNORABLE")


def package_symbols(pkg: Package, external: bool, internal: bool, inherited: bool):
    """(symbol, status keyword) pairs of PKG's accessible symbols of the
    given kinds; an inherited symbol shadowed by a present one is left out."""
    out = []
    if external:
        out += [(s, keyword("EXTERNAL")) for s in pkg.external.values()]
    if internal:
        out += [(s, keyword("INTERNAL")) for s in pkg.internal.values()]
    if inherited:
        seen = set()
        for used in pkg.use_list:
            for name, s in used.external.items():
                if name not in seen and pkg.find(name)[0] is s and pkg.present(name) is None:
                    seen.add(name)
                    out.append((s, keyword("INHERITED")))
    return out


@defun("SYS:%PACKAGE-SYMBOLS", "package kinds")
def package_symbols_(package, kinds):
    """A list of the symbols of PACKAGE of KINDS (a list of :EXTERNAL,
    :INTERNAL, :INHERITED), each once."""
    pkg = coerce_package(package)
    ks = set()
    x = kinds
    while type(x) is Cons:
        ks.add(x.car.name if isinstance(x.car, Symbol) else None)
        x = x.cdr
    seen, out = set(), []
    for s, _ in package_symbols(pkg, "EXTERNAL" in ks, "INTERNAL" in ks, "INHERITED" in ks):
        if id(s) not in seen:
            seen.add(id(s))
            out.append(s)
    return list_from_iter(out)


@defun("SYS:%PACKAGE-ITERATOR-ENTRIES", "packages kinds")
def package_iterator_entries(packages, kinds):
    """For WITH-PACKAGE-ITERATOR: a list of (symbol status . package) for
    every package designated by PACKAGES (one designator or a list)."""
    pkgs = packages if type(packages) is Cons else [packages]
    ks = {k.name for k in (kinds if type(kinds) is Cons else []) if isinstance(k, Symbol)}
    if not ks or not ks <= {"EXTERNAL", "INTERNAL", "INHERITED"}:
        raise program_error("Must supply at least one of :INTERNAL, :EXTERNAL, or :INHERITED.")
    out = []
    for p in pkgs:
        pkg = coerce_package(p)
        for s, status in package_symbols(pkg, "EXTERNAL" in ks, "INTERNAL" in ks,
                                         "INHERITED" in ks):
            out.append(Cons(s, Cons(status, pkg)))
    return list_from_iter(out)


@defun("FIND-ALL-SYMBOLS", "string")
def find_all_symbols(string):
    """Return a list of all symbols in the system having the specified name."""
    name = designator_string(string)
    out = []
    for pkg in all_packages():
        s = pkg.present(name)
        if s is not None and s not in out:
            out.append(s)
    return list_from_iter(out)


def _do_symbols(form):
    spec = args_of(form, 1, None)[0]
    parts = list(spec) if type(spec) is Cons else []
    if not parts or not isinstance(parts[0], Symbol) or len(parts) > 3:
        raise program_error("malformed ~S", form)
    var = parts[0]
    package = parts[1] if len(parts) > 1 else S("*PACKAGE*")
    result = parts[2] if len(parts) > 2 else NIL
    return var, package, result


def _expand_do(form, kinds):
    """DOLIST over the symbols of KINDS (keyword names) of the package."""
    var, package, result = _do_symbols(form)
    source = L(sys_sym("%PACKAGE-SYMBOLS"), package,
               L(QUOTE, list_from_iter(keyword(k) for k in kinds)))
    finish = L(LET, L(L(var, NIL)), L(DECLARE, L(IGNORABLE, var)), result)
    return Cons(DOLIST, Cons(L(var, source, finish), body_of(form, 1)))


@defmacro("DO-SYMBOLS")
def m_do_symbols(form, env):
    """DO-SYMBOLS (VAR [PACKAGE [RESULT-FORM]]) {DECLARATION}* {TAG | FORM}*
    Executes the FORMs at least once for each symbol accessible in the given
    PACKAGE with VAR bound to the current symbol."""
    return _expand_do(form, ("EXTERNAL", "INTERNAL", "INHERITED"))


@defmacro("DO-EXTERNAL-SYMBOLS")
def m_do_external_symbols(form, env):
    """DO-EXTERNAL-SYMBOLS (VAR [PACKAGE [RESULT-FORM]]) {DECL}* {TAG | FORM}*
    Executes the FORMs once for each external symbol in the given PACKAGE
    with VAR bound to the current symbol."""
    return _expand_do(form, ("EXTERNAL",))


@defun("SYS:%ALL-SYMBOLS", "")
def all_symbols():
    """Every symbol present in some package (a symbol in several packages
    comes once per package, as SBCL's DO-ALL-SYMBOLS does)."""
    out = []
    for pkg in all_packages():
        out += list(pkg.external.values()) + list(pkg.internal.values())
    return list_from_iter(out)


@defmacro("DO-ALL-SYMBOLS")
def m_do_all_symbols(form, env):
    """DO-ALL-SYMBOLS (VAR [RESULT-FORM]) {DECLARATION}* {TAG | FORM}*
    Executes the FORMs once for each symbol in every package with VAR bound
    to the current symbol."""
    spec = args_of(form, 1, None)[0]
    parts = list(spec) if type(spec) is Cons else []
    if not parts or not isinstance(parts[0], Symbol) or len(parts) > 2:
        raise program_error("malformed ~S", form)
    var, result = parts[0], (parts[1] if len(parts) > 1 else NIL)
    finish = L(LET, L(L(var, NIL)), L(DECLARE, L(IGNORABLE, var)), result)
    return Cons(DOLIST, Cons(L(var, L(sys_sym("%ALL-SYMBOLS")), finish), body_of(form, 1)))


@defmacro("WITH-PACKAGE-ITERATOR")
def m_with_package_iterator(form, env):
    """WITH-PACKAGE-ITERATOR (NAME PACKAGE-LIST-FORM &REST SYMBOL-TYPES) BODY
    Within BODY, (NAME) returns the next symbol of the packages as four
    values: T, the symbol, its accessibility and its package; NIL when done."""
    spec = args_of(form, 1, None)[0]
    parts = list(spec) if type(spec) is Cons else []
    if len(parts) < 2 or not isinstance(parts[0], Symbol):
        raise program_error("malformed ~S", form)
    name, packages, kinds = parts[0], parts[1], parts[2:]
    state_var = Symbol("ENTRIES")
    entry = Symbol("ENTRY")
    next_fn = L(S("LAMBDA"), NIL,
                L(S("IF"), state_var,
                  L(LET, L(L(entry, L(S("POP"), state_var))),
                    L(S("VALUES"), T, L(S("CAR"), entry), L(S("CADR"), entry),
                      L(S("CDDR"), entry))),
                  NIL))
    return L(LET, L(L(state_var, L(sys_sym("%PACKAGE-ITERATOR-ENTRIES"), packages,
                                   L(QUOTE, list_from_iter(kinds))))),
             Cons(S("MACROLET"),
                  Cons(L(L(name, NIL, L(S("QUOTE"), L(S("FUNCALL"), next_fn)))),
                       body_of(form, 1))))


# The values CLHS WITH-STANDARD-IO-SYNTAX lists; each is a form, evaluated
# inside the LET (a fresh pprint dispatch table per use, as modifying it in
# the body must not change the standard one).
_STANDARD_IO = [
    ("*PACKAGE*", L(S("FIND-PACKAGE"), LString("COMMON-LISP-USER"))),
    ("*PRINT-ARRAY*", T), ("*PRINT-BASE*", 10), ("*PRINT-CASE*", keyword("UPCASE")),
    ("*PRINT-CIRCLE*", NIL), ("*PRINT-ESCAPE*", T), ("*PRINT-GENSYM*", T),
    ("*PRINT-LENGTH*", NIL), ("*PRINT-LEVEL*", NIL), ("*PRINT-LINES*", NIL),
    ("*PRINT-MISER-WIDTH*", NIL),
    ("*PRINT-PPRINT-DISPATCH*", L(S("COPY-PPRINT-DISPATCH"), NIL)),
    ("*PRINT-PRETTY*", NIL), ("*PRINT-RADIX*", NIL), ("*PRINT-READABLY*", T),
    ("*PRINT-RIGHT-MARGIN*", NIL), ("*READ-BASE*", 10),
    ("*READ-DEFAULT-FLOAT-FORMAT*", L(QUOTE, S("SINGLE-FLOAT"))), ("*READ-EVAL*", T),
    ("*READ-SUPPRESS*", NIL),
]


@defmacro("WITH-STANDARD-IO-SYNTAX")
def m_with_standard_io_syntax(form, env):
    """Bind the reader and printer control variables to values that enable
    READ to reliably read the results of PRINT."""
    bindings = [L(S(name), value) for name, value in _STANDARD_IO]
    # The standard readtable itself, as in SBCL: changing it is an error.
    bindings.append(L(S("*READTABLE*"), L(QUOTE, standard_readtable())))
    return Cons(LET, Cons(list_from_iter(bindings), body_of(form, 0)))


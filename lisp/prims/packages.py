"""Packages: FIND-PACKAGE, MAKE-PACKAGE, IN-PACKAGE, DEFPACKAGE, INTERN,
FIND-SYMBOL, EXPORT, IMPORT, USE-PACKAGE and friends."""
from __future__ import annotations

from ..dynamic import defvar, symbol_value
from ..errors import lisp_error, type_error, program_error
from ..conditions import condition_class, report_simple
from ..functions import call_lisp, defun, designator_string
from ..macros import defmacro, args_of, L
from .. import objects
from ..objects import (NIL, T, MV, Cons, Symbol, Package, LString, cl_sym, sys_sym, keyword,
                       list_to_py, list_from_iter, find_package, PACKAGES, CL_USER)

PACKAGE_VAR = defvar("*PACKAGE*", CL_USER)


def current_package() -> Package:
    return symbol_value(PACKAGE_VAR)


# ---------------------------------------------------------------- package-local nicknames
LOCAL_NICKNAMES: dict = {}     # package -> {nickname: package}, as SBCL's


def _local_nickname(name: str):
    table = LOCAL_NICKNAMES.get(symbol_value(PACKAGE_VAR))
    return table.get(name) if table else None


objects.local_nickname_hook = _local_nickname


def add_local_nickname(nick: str, actual: Package, p: Package):
    if nick in ("COMMON-LISP", "CL", "KEYWORD", ""):
        raise package_error("Attempt to use ~A as a package local nickname (for ~A).",
                            LString(nick), LString(actual.name), package=p)
    table = LOCAL_NICKNAMES.setdefault(p, {})
    old = table.get(nick)
    if old is not None and old is not actual:
        raise package_error("Cannot add ~A as local nickname for ~A in ~A: already nickname "
                            "for ~A.", LString(nick), LString(actual.name), LString(p.name),
                            LString(old.name), package=p)
    table[nick] = actual


@defun("SB-EXT:ADD-PACKAGE-LOCAL-NICKNAME", "local-nickname actual-package &optional package")
def add_package_local_nickname(local_nickname, actual_package, package=NIL):
    """Adds LOCAL-NICKNAME for ACTUAL-PACKAGE in the designated package,
defaulting to current package. LOCAL-NICKNAME must be a string
designator, and ACTUAL-PACKAGE must be a package designator.

Returns the designated package."""
    p = current_package() if package is NIL else coerce_package(package)
    add_local_nickname(designator_string(local_nickname), coerce_package(actual_package), p)
    return p


@defun("SB-EXT:REMOVE-PACKAGE-LOCAL-NICKNAME", "old-nickname &optional package")
def remove_package_local_nickname(old_nickname, package=NIL):
    """If the designated package had OLD-NICKNAME as a local nickname for
another package, it is removed. Returns true if the nickname existed and was
removed, and NIL otherwise."""
    p = current_package() if package is NIL else coerce_package(package)
    table = LOCAL_NICKNAMES.get(p, {})
    return T if table.pop(designator_string(old_nickname), None) is not None else NIL


@defun("SB-EXT:PACKAGE-LOCAL-NICKNAMES", "package-designator")
def package_local_nicknames(package):
    """Returns an alist of (local-nickname . actual-package) describing the
nicknames local to the designated package."""
    table = LOCAL_NICKNAMES.get(coerce_package(package), {})
    return list_from_iter(Cons(LString(n), q) for n, q in reversed(list(table.items())))


@defun("SB-EXT:PACKAGE-LOCALLY-NICKNAMED-BY-LIST", "package-designator")
def package_locally_nicknamed_by_list(package):
    """Returns a list of packages which have a local nickname for the
designated package."""
    q = coerce_package(package)
    return list_from_iter(p for p, table in reversed(list(LOCAL_NICKNAMES.items()))
                          if any(v is q for v in table.values()))


def package_error(fmt, *args, package=NIL):
    return lisp_error("PACKAGE-ERROR", fmt, *args, package=package)


# SBCL's class for a name that designates no package (SB-EXT)
condition_class("SB-EXT:PACKAGE-DOES-NOT-EXIST", ["SYS::SIMPLE-PACKAGE-ERROR"],
                report=report_simple)


def is_deleted(p: Package) -> bool:
    """A deleted package keeps its name, but no longer under it."""
    return PACKAGES.get(p.name) is not p


def coerce_package(x) -> Package:
    if isinstance(x, Package):
        if is_deleted(x):
            raise lisp_error("SB-EXT:PACKAGE-DOES-NOT-EXIST", "The package ~S has been deleted.",
                             x, package=x)
        return x
    name = designator_string(x)
    p = find_package(name)
    if p is None:
        raise lisp_error("SB-EXT:PACKAGE-DOES-NOT-EXIST",
                         "The name ~S does not designate any package.", LString(name),
                         package=LString(name))
    return p


def _names(x):
    return [designator_string(n) for n in list_to_py(x)] if x is not NIL else []


@defun("FIND-PACKAGE", "name")
def find_package_(name):
    if isinstance(name, Package):
        return name
    p = find_package(designator_string(name))
    return p if p is not None else NIL


@defun("SYS:%FIND-PACKAGE-OR-LOSE", "name")
def find_package_or_lose(name):
    return coerce_package(name)


@defun("MAKE-PACKAGE", "name &key nicknames use")
def make_package(name, nicknames=NIL, use=NIL):
    n = designator_string(name)
    if find_package(n) is not None:
        raise package_error("A package named ~S already exists.", LString(n))
    p = Package(n, nicknames=_names(nicknames))
    for u in list_to_py(use) if use is not NIL else []:
        p.use(coerce_package(u))
    return p


@defun("PACKAGE-NAME", "package")
def package_name(p):
    if isinstance(p, Package) and is_deleted(p):
        return NIL
    return LString(coerce_package(p).name)


@defun("PACKAGE-NICKNAMES", "package")
def package_nicknames(p):
    return list_from_iter(LString(n) for n in coerce_package(p).nicknames)


# SBCL lists the packages used (and using) last first
@defun("PACKAGE-USE-LIST", "package")
def package_use_list(p):
    return list_from_iter(reversed(coerce_package(p).use_list))


@defun("PACKAGE-USED-BY-LIST", "package")
def package_used_by_list(p):
    return list_from_iter(reversed(coerce_package(p).used_by))


@defun("PACKAGEP", "object")
def packagep(x):
    return T if isinstance(x, Package) else NIL


@defun("LIST-ALL-PACKAGES", "")
def list_all_packages():
    seen = []
    for p in PACKAGES.values():
        if p not in seen:
            seen.append(p)
    return list_from_iter(seen)


@defun("INTERN", "string &optional package", mv=True)
def intern_(string, package=NIL):
    if not isinstance(string, LString):
        raise type_error(string, "STRING")
    p = current_package() if package is NIL else coerce_package(package)
    sym, status = p.intern(string.value)
    return MV((sym, keyword(status.upper()) if status else NIL))


@defun("FIND-SYMBOL", "string &optional package", mv=True)
def find_symbol(string, package=NIL):
    if not isinstance(string, LString):
        raise type_error(string, "STRING")
    p = current_package() if package is NIL else coerce_package(package)
    sym, status = p.find(string.value)
    if sym is None:
        return MV((NIL, NIL))
    return MV((sym, keyword(status.upper())))


def _symbols(x):
    return list_to_py(x) if type(x).__name__ == "Cons" else ([] if x is NIL else [x])


def _resolve_conflict(package, function, datum, conflicts):
    """Signal SBCL's NAME-CONFLICT for CONFLICTS, (new, old) pairs of
    symbols in PACKAGE; True when the TAKE-NEW restart was taken, False
    for KEEP-OLD."""
    # (as SBCL lists them: a symbol present in PACKAGE first)
    symbols = list_from_iter(x for new, old in conflicts
                             for x in ((old, new) if package.present(old.name) is old
                                       else (new, old)))
    choice = yield from call_lisp(sys_sym("%NAME-CONFLICT").fn, package, function, datum,
                                  symbols)
    return choice is keyword("TAKE-NEW")


def _shadowing_import_one(p, s):
    """Make S present in P, displacing a present symbol of its name, and
    a shadowing symbol."""
    if p.present(s.name) is not s:
        p.external.pop(s.name, None)
        p.internal[s.name] = s
    p.shadowing[s.name] = s


@defun("EXPORT", "symbols &optional package", kind="gen")
def export(symbols, package=NIL):
    p = current_package() if package is NIL else coerce_package(package)
    for s in _symbols(symbols):
        found, status = p.find(s.name)
        if found is not s:
            if found is None:
                p.internal[s.name] = s
            else:
                raise package_error("The symbol ~S is not accessible in package ~A.", s,
                                    LString(p.name), package=p)
        for user in reversed(p.used_by):
            theirs, _ = user.find(s.name)
            if theirs is not None and theirs is not s and s.name not in user.shadowing:
                take_new = yield from _resolve_conflict(user, cl_sym("EXPORT"), s,
                                                        [(s, theirs)])
                _shadowing_import_one(user, s if take_new else theirs)
        p.export(s)
    return T


@defun("UNEXPORT", "symbols &optional package")
def unexport(symbols, package=NIL):
    p = current_package() if package is NIL else coerce_package(package)
    for s in _symbols(symbols):
        if p.external.get(s.name) is s:
            del p.external[s.name]
            p.internal[s.name] = s
    return T


@defun("IMPORT", "symbols &optional package", kind="gen")
def import_(symbols, package=NIL):
    p = current_package() if package is NIL else coerce_package(package)
    for s in _symbols(symbols):
        found, status = p.find(s.name)
        if found is not None and found is not s:
            take_new = yield from _resolve_conflict(p, cl_sym("IMPORT"), s, [(s, found)])
            if take_new:
                _shadowing_import_one(p, s)
            continue
        if found is not s or status == "inherited":
            p.internal[s.name] = s
        if s.package is None:
            s.package = p
    return T


@defun("SHADOW", "symbol-names &optional package")
def shadow(names, package=NIL):
    p = current_package() if package is NIL else coerce_package(package)
    for n in _symbols(names):
        name = designator_string(n)
        s = p.present(name)
        if s is None:
            s = Symbol(name, p)
            p.internal[name] = s
        p.shadowing[name] = s
    return T


@defun("SHADOWING-IMPORT", "symbols &optional package")
def shadowing_import(symbols, package=NIL):
    p = current_package() if package is NIL else coerce_package(package)
    for s in _symbols(symbols):
        p.external.pop(s.name, None)
        p.internal[s.name] = s
        p.shadowing[s.name] = s
    return T


@defun("USE-PACKAGE", "packages-to-use &optional package", kind="gen")
def use_package(packages, package=NIL):
    p = current_package() if package is NIL else coerce_package(package)
    for u in _symbols(packages):
        q = coerce_package(u)
        if q in p.use_list or q is p:
            continue
        conflicts = []
        for name, s in q.external.items():
            mine, _ = p.find(name)
            if mine is not None and mine is not s and name not in p.shadowing:
                conflicts.append((s, mine))
        if conflicts:
            take_new = yield from _resolve_conflict(p, cl_sym("USE-PACKAGE"), q, conflicts)
            for new, old in conflicts:
                _shadowing_import_one(p, new if take_new else old)
        p.use(q)
    return T


@defun("UNUSE-PACKAGE", "packages-to-unuse &optional package")
def unuse_package(packages, package=NIL):
    p = current_package() if package is NIL else coerce_package(package)
    for u in _symbols(packages):
        q = coerce_package(u)
        if q in p.use_list:
            p.use_list.remove(q)
            q.used_by.remove(p)
    return T


@defun("DELETE-PACKAGE", "package", kind="gen")
def delete_package(package):
    """Delete PACKAGE: no longer found by name, unused by the packages that
    used it (after a continuable error, as SBCL), its symbols without a
    home package. NIL when PACKAGE was already deleted."""
    if isinstance(package, Package):
        if is_deleted(package):
            return NIL
        p = package
    else:
        p = find_package(designator_string(package))
        if p is None:
            yield from call_lisp(cl_sym("CERROR").fn, LString("Ignore this error."),
                                 sys_sym("SIMPLE-PACKAGE-ERROR"), keyword("PACKAGE"), package,
                                 keyword("FORMAT-CONTROL"),
                                 LString("There is no package named ~S."),
                                 keyword("FORMAT-ARGUMENTS"), L(package))
            return NIL
    if p.used_by:
        users = list_from_iter(LString(q.name) for q in reversed(p.used_by))
        yield from call_lisp(cl_sym("CERROR").fn, LString("Remove dependency in other packages."),
                             sys_sym("SIMPLE-PACKAGE-ERROR"), keyword("PACKAGE"), p,
                             keyword("FORMAT-CONTROL"),
                             LString("~@<Package ~S is used by package~P:~2I~_~S~@:>"),
                             keyword("FORMAT-ARGUMENTS"),
                             L(LString(p.name), len(p.used_by), users))
    for q in list(p.used_by):
        q.use_list.remove(p)
    for q in p.use_list:
        q.used_by.remove(p)
    p.used_by, p.use_list = [], []
    for table in (p.internal, p.external):
        for sym in table.values():
            if sym.package is p:
                sym.package = None
    LOCAL_NICKNAMES.pop(p, None)
    for table in LOCAL_NICKNAMES.values():
        for nick in [n for n, q in table.items() if q is p]:
            del table[nick]
    for k in [k for k, v in PACKAGES.items() if v is p]:
        del PACKAGES[k]
    return T


@defun("RENAME-PACKAGE", "package new-name &optional new-nicknames")
def rename_package(package, new_name, nicknames=NIL):
    p = coerce_package(package)
    for k in [k for k, v in PACKAGES.items() if v is p]:
        del PACKAGES[k]
    p.name = designator_string(new_name)
    p.nicknames = _names(nicknames)
    from ..objects import register_package
    register_package(p)
    return p


@defun("UNINTERN", "symbol &optional package")
def unintern(sym, package=NIL):
    p = current_package() if package is NIL else coerce_package(package)
    removed = False
    for table in (p.internal, p.external, p.shadowing):
        if table.get(sym.name) is sym:
            del table[sym.name]
            removed = True
    if removed and sym.package is p:
        sym.package = None
    return T if removed else NIL


@defmacro("IN-PACKAGE")
def m_in_package(form, env):
    (name,) = args_of(form, 1, 1)
    return L(cl_sym("SETQ"), PACKAGE_VAR,
             L(sys_sym("%FIND-PACKAGE-OR-LOSE"), LString(designator_string(name))))


@defun("SYS:%DEFPACKAGE", "name nicknames use exports imports shadows interns doc "
                          "&optional local-nicknames", kind="gen")
def defpackage_(name, nicknames, use, exports, imports, shadows, interns, doc,
                local_nicknames=NIL):
    n = designator_string(name)
    p = find_package(n)
    if p is None:
        p = Package(n, nicknames=_names(nicknames))
    else:
        for nick in _names(nicknames):
            if nick not in p.nicknames:
                p.nicknames.append(nick)
                PACKAGES[nick] = p
    p.doc = doc
    shadow(shadows, p)
    for spec in list_to_py(imports):
        src = coerce_package(spec.car)
        for sname in _names(spec.cdr):
            s, _ = src.find(sname)
            if s is None:
                raise package_error("The symbol ~A is not present in package ~A.",
                                    LString(sname), LString(src.name), package=src)
            yield from import_(s, p)
    yield from use_package(use, p)
    for spec in list_to_py(local_nicknames):
        nick, actual = list_to_py(spec)
        add_local_nickname(designator_string(nick), coerce_package(actual), p)
    for sname in _names(interns):
        p.intern(sname)
    for sname in _names(exports):
        s, _ = p.intern(sname)
        p.export(s)
    return p


@defmacro("DEFPACKAGE")
def m_defpackage(form, env):
    args = args_of(form, 1)
    name, options = args[0], args[1:]
    nicknames, use, exports, imports, shadows, interns = [], None, [], [], [], []
    local_nicknames = []
    doc = NIL
    for opt in options:
        key = opt.car.name
        vals = list_to_py(opt.cdr)
        if key == "NICKNAMES":
            nicknames += vals
        elif key == "USE":
            use = (use or []) + vals
        elif key == "EXPORT":
            exports += vals
        elif key == "IMPORT-FROM":
            imports.append(opt.cdr)
        elif key in ("SHADOW", "SHADOWING-IMPORT-FROM"):
            shadows += vals if key == "SHADOW" else vals[1:]
        elif key == "INTERN":
            interns += vals
        elif key == "DOCUMENTATION":
            doc = vals[0]
        elif key == "LOCAL-NICKNAMES":
            local_nicknames += vals
        elif key in ("SIZE", "LOCK"):
            pass
        else:
            raise program_error("unknown DEFPACKAGE option ~S", opt.car)
    if use is None:
        use = [LString("COMMON-LISP")]
    q = cl_sym("QUOTE")
    return L(sys_sym("%DEFPACKAGE"), LString(designator_string(name)),
             L(q, list_from_iter(nicknames)), L(q, list_from_iter(use)),
             L(q, list_from_iter(exports)), L(q, list_from_iter(imports)),
             L(q, list_from_iter(shadows)), L(q, list_from_iter(interns)), doc,
             L(q, list_from_iter(local_nicknames)))

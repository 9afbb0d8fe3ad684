"""Files (CLHS 20) and OPEN: PROBE-FILE, TRUENAME, DELETE-FILE,
RENAME-FILE, FILE-WRITE-DATE, FILE-AUTHOR, ENSURE-DIRECTORIES-EXIST,
DIRECTORY with wildcards, SB-EXT:DELETE-DIRECTORY, and WITH-OPEN-FILE.
Every file argument is a pathname designator merged with
*DEFAULT-PATHNAME-DEFAULTS*; failures are SBCL's FILE-ERRORs."""
from __future__ import annotations

import os
import pwd
import shutil

from .. import file_errors as FE
from .. import pathnames as P
from ..filestreams import FileStream, open_file
from ..functions import defun
from ..macros import defmacro, args_of, gensym, L
from ..objects import NIL, T, MV, Cons, LString, cl_sym, keyword, lisp_list, list_to_py
from ..pathname_match import match_piece
from ..pathnames import Pathname
from ..stdstreams import output_stream
from .pathnames import default_merge, pathname_of
from .streams import _split_body

S = cl_sym
UNIX_EPOCH = 2208988800     # universal time of 1970-01-01T00:00:00Z


def native_to_pathname(native: str, directory: bool) -> Pathname:
    """The pathname of the Unix file name NATIVE, escaping the characters
    that are syntax in namestrings; a directory gets directory form."""
    escaped = "".join("\\" + c if c in "*?[\\" else c for c in native)
    if directory and not escaped.endswith("/"):
        escaped += "/"
    return P.parse_namestring(escaped)


def _native(x) -> tuple[Pathname, str]:
    if isinstance(x, FileStream):
        return x.pathname, x.native
    p = default_merge(x)
    return p, P.native_namestring(p)


def _as_file(native: str) -> str:
    return native.rstrip("/") or "/"


def _query(x, what: str) -> tuple[Pathname, str]:
    """The pathname and Unix file name of X, for asking the file system
    WHAT ("TRUENAME", "WRITE-DATE" ...) about it: never a wild one."""
    if not isinstance(x, FileStream):
        p = default_merge(x)
        if P.wild_p(p):
            raise FE.file_error(p, "~@<Can't find the ~A of wild pathname ~A "
                                "(physicalized from ~A).~:>", keyword(what), p, p)
    return _native(x)


def probe(x) -> Pathname | None:
    """The truename of the file X names, or None when there is none."""
    _, native = _query(x, "TRUENAME")
    path = _as_file(native)
    if not os.path.exists(path):
        return None
    real = os.path.realpath(path)
    return native_to_pathname(real, os.path.isdir(real))


@defun("OPEN", "filespec &key direction element-type if-exists if-does-not-exist "
               "external-format class")
def open_(filespec, direction=keyword("INPUT"), element_type=S("CHARACTER"), if_exists=None,
          if_does_not_exist=None, external_format=keyword("DEFAULT"), class_=NIL):
    """Return a stream on the file FILESPEC names. DIRECTION is :INPUT,
    :OUTPUT, :IO or :PROBE; ELEMENT-TYPE CHARACTER, :DEFAULT (characters
    and bytes) or an integer type; IF-EXISTS :ERROR (the default), :NEW-VERSION,
    :RENAME, :RENAME-AND-DELETE, :OVERWRITE, :APPEND, :SUPERSEDE or NIL;
    IF-DOES-NOT-EXIST :ERROR, :CREATE or NIL."""
    pathname = default_merge(filespec)
    return open_file(pathname, P.native_namestring(pathname), direction, element_type,
                     if_exists, if_does_not_exist, external_format)


@defmacro("WITH-OPEN-FILE")
def m_with_open_file(form, env):
    items = list_to_py(args_of(form, 1)[0])
    var, rest = items[0], items[1:]
    decls, forms = _split_body(form, 1)
    abort = gensym("ABORT")
    return L(S("LET"), L(L(var, Cons(S("OPEN"), lisp_list(*rest))), L(abort, T)), *decls,
             L(S("UNWIND-PROTECT"),
               L(S("MULTIPLE-VALUE-PROG1"), Cons(S("PROGN"), forms), L(S("SETQ"), abort, NIL)),
               L(S("WHEN"), var, L(S("CLOSE"), var, keyword("ABORT"), abort))))


@defun("PROBE-FILE", "pathspec")
def probe_file(pathspec):
    """The truename of the file PATHSPEC names, or NIL if there is none."""
    found = probe(pathspec)
    return NIL if found is None else found


@defun("TRUENAME", "pathspec")
def truename(pathspec):
    """The true name of the file PATHSPEC names: absolute, with symbolic
    links resolved; a FILE-ERROR if there is no such file."""
    found = probe(pathspec)
    if found is None:
        p, native = _native(pathspec)
        raise FE.os_file_error(p, "TRUENAME", native, FileNotFoundError(2, os.strerror(2)))
    return found


@defun("DELETE-FILE", "file")
def delete_file(file):
    """Delete the file FILE names; a stream FILE stays open."""
    p, native = _native(file)
    native = _as_file(native)
    try:
        os.remove(native)
    except OSError as e:
        raise FE.delete_file_error(LString(native), e) from None
    return T


@defun("RENAME-FILE", "file new-name", mv=True)
def rename_file(file, new_name):
    """Rename FILE to NEW-NAME merged with FILE; return the new name, the
    old truename and the new truename."""
    original, old_native = _native(file)
    old_truename = truename(file)
    target = P.merge_pathnames(pathname_of(new_name), original)
    new_native = _as_file(P.native_namestring(target))
    try:
        os.rename(_as_file(old_native), new_native)
    except OSError as e:
        raise FE.file_error(target, "~@<couldn't rename ~2I~_~A ~I~_to ~2I~_~A: ~4I~_~A~:>",
                            original, target, LString(e.strerror or str(e))) from None
    if isinstance(file, FileStream):
        file.pathname, file.native = target, new_native
    return MV((target, old_truename, truename(target)))


def _stat(pathspec, what: str):
    p, native = _query(pathspec, what)
    try:
        return os.stat(_as_file(native))
    except OSError as e:
        raise FE.os_file_error(p, what, native, e) from None


@defun("FILE-WRITE-DATE", "pathspec")
def file_write_date(pathspec):
    """The universal time at which the file PATHSPEC names was last
    written."""
    return int(_stat(pathspec, "WRITE-DATE").st_mtime) + UNIX_EPOCH


@defun("FILE-AUTHOR", "pathspec")
def file_author(pathspec):
    """The name of the owner of the file PATHSPEC names."""
    uid = _stat(pathspec, "AUTHOR").st_uid
    try:
        return LString(pwd.getpwuid(uid).pw_name)
    except KeyError:
        return NIL


@defun("ENSURE-DIRECTORIES-EXIST", "pathspec &key verbose mode", mv=True)
def ensure_directories_exist(pathspec, verbose=NIL, mode=0o777):
    """Create the directories in PATHSPEC's directory that do not exist;
    return PATHSPEC and whether any was created."""
    pathname = default_merge(pathspec)
    if P.wild_p(pathname):
        raise FE.file_error(pathspec, "bad place for a wild pathname")
    directory = pathname.directory or ()
    created = False
    for i in range(2, len(directory) + 1):
        prefix = P.make_pathname(directory=list(directory[:i]), supplied={"directory"})
        native = _as_file(P.native_namestring(prefix))
        if os.path.isdir(native):
            continue
        if verbose is not NIL:
            output_stream(NIL).write("" if output_stream(NIL).column == 0 else "\n")
            output_stream(NIL).write("creating directory: %s/\n" % native)
        try:
            os.mkdir(native, mode)
        except OSError:
            pass
        if not os.path.isdir(native):
            raise FE.file_error(pathspec, "Can't create directory ~A~:[~;,~%a file with the "
                                "same name already exists.~]", LString(native),
                                T if os.path.exists(native) else NIL)
        created = True
    return MV((pathspec, T if created else NIL))


@defun("SB-EXT:DELETE-DIRECTORY", "pathspec &key recursive")
def delete_directory(pathspec, recursive=NIL):
    """Delete the directory PATHSPEC names (with everything in it when
    RECURSIVE); return its truename."""
    found = truename(pathspec)
    native = _as_file(P.native_namestring(found))
    try:
        if recursive is not NIL:
            shutil.rmtree(native)
        else:
            os.rmdir(native)
    except OSError as e:
        raise FE.file_error(found, "Could not delete directory ~A", LString(native),
                            error=e) from None
    return found


# ---------------------------------------------------------------- DIRECTORY
def _directories(root: str, pieces: tuple):
    """The existing directories (native names ending in "/") that PIECES,
    the rest of a directory component, matches below ROOT."""
    if not os.path.isdir(root):
        return
    if not pieces:
        yield root
        return
    head, rest = pieces[0], pieces[1:]
    if head is P.WILD_INFERIORS:
        yield from _directories(root, rest)
        for entry in _subdirectories(root):
            yield from _directories(root + entry + "/", pieces)
    elif head is P.UP:
        yield from _directories(root + "../", rest)
    elif type(head) is str:
        yield from _directories(root + head + "/", rest)
    else:
        for entry in _subdirectories(root):
            if match_piece(head, entry) is not None:
                yield from _directories(root + entry + "/", rest)


def _subdirectories(root: str) -> list:
    try:
        return sorted(e for e in os.listdir(root) if os.path.isdir(root + e))
    except OSError:
        return []


def _entry_matches(entry: str, name, type_) -> bool:
    parsed = native_to_pathname(entry, False)
    for pattern, thing in ((name, parsed.name), (type_, parsed.type)):
        if pattern is P.WILD:
            continue
        if pattern is None:
            if thing is not None:
                return False
            continue
        if thing is None or match_piece(pattern, thing) is None:
            return False
    return True


@defun("DIRECTORY", "pathspec &key resolve-symlinks")
def directory(pathspec, resolve_symlinks=T):
    """The truenames of the files and directories PATHSPEC (which may have
    wildcards) matches, sorted; subdirectories in directory form."""
    pathname = default_merge(pathspec)
    d = pathname.directory or (P.RELATIVE,)
    if d[0] is P.ABSOLUTE:
        root, pieces = "/", d[1:]
        if pieces and (pieces[0] is P.HOME or type(pieces[0]) is tuple):
            root = P.home_directory(None if pieces[0] is P.HOME else pieces[0][1]) + "/"
            pieces = pieces[1:]
    else:
        root, pieces = os.getcwd().rstrip("/") + "/", d[1:]
    found: dict[str, Pathname] = {}
    for folder in _directories(root, pieces):
        if pathname.name is None and pathname.type is None:
            candidates = [folder]
        elif not P.wild_p(pathname, "name") and not P.wild_p(pathname, "type"):
            leaf = P.file_namestring(P.replace_components(pathname, directory=None))
            candidates = [folder + leaf.replace("\\", "")]
        else:
            try:
                entries = os.listdir(folder)
            except OSError:
                continue
            candidates = [folder + e for e in entries
                          if _entry_matches(e, pathname.name, pathname.type)]
        for c in candidates:
            if not os.path.exists(c):
                continue
            real = os.path.realpath(c) if resolve_symlinks is not NIL else os.path.normpath(c)
            p = native_to_pathname(real, os.path.isdir(real))
            found[P.namestring(p)] = p
    return lisp_list(*[found[k] for k in sorted(found)])

"""The pathname functions of CLHS 19 over lisp/pathnames.py, with SBCL's
argument checks, and *DEFAULT-PATHNAME-DEFAULTS*.

``pathname_of(designator)`` (a pathname, a namestring, a file stream or a
synonym stream to one) and ``default_merge(designator)`` (that merged with
*DEFAULT-PATHNAME-DEFAULTS*) are what the file functions call.
"""
from __future__ import annotations

import os

from .. import pathnames as P
from ..dynamic import defvar, symbol_value
from ..errors import lisp_error, type_error
from ..functions import defun, intern_name
from ..objects import NIL, T, Cons, LString, cl_sym, keyword, lisp_list, list_to_py, MV
from ..pathname_match import match_p, translate
from ..pathnames import Pathname, Pattern, UNIX_HOST
from ..streams import LispStream
from .. import stream_classes  # noqa: F401  (the SB-IMPL package)
from ..types import CLASSES, OTHER_CLASS_OF, define_class
from .seqbase import bounds

__all__ = ["pathname_of", "default_merge", "DEFAULT_PATHNAME_DEFAULTS", "native_path"]

S = cl_sym
_DESIGNATOR = lisp_list(S("OR"), S("STRING"), S("PATHNAME"), S("SYNONYM-STREAM"),
                        S("FILE-STREAM"))
_PIECE_TYPE = lisp_list(S("OR"), S("STRING"), intern_name("SB-IMPL::PATTERN"),
                        lisp_list(S("MEMBER"), NIL, P.UNSPECIFIC, P.WILD))

OTHER_CLASS_OF[Pathname] = lambda x: CLASSES[S("PATHNAME")]
define_class(S("LOGICAL-PATHNAME"), [CLASSES[S("PATHNAME")]])

DEFAULT_PATHNAME_DEFAULTS = defvar(
    "*DEFAULT-PATHNAME-DEFAULTS*", P.parse_namestring(os.getcwd().rstrip("/") + "/"))


def parse(text: str, start: int = 0, end: int | None = None) -> Pathname:
    try:
        return P.parse_namestring(text, start, end)
    except P.NamestringParseError as e:
        raise e.lisp_error() from None


def pathname_of(x) -> Pathname:
    """The pathname a pathname designator names."""
    if type(x) is Pathname:
        return x
    if isinstance(x, LString):
        return parse(x.value)
    if isinstance(x, LispStream):
        from ..stdstreams import SynonymStream
        while isinstance(x, SynonymStream):
            x = x.target()
        pathname = getattr(x, "pathname", None)
        if type(pathname) is Pathname:
            return pathname
    raise type_error(x, _DESIGNATOR)


def defaults() -> Pathname:
    return pathname_of(symbol_value(DEFAULT_PATHNAME_DEFAULTS))


def default_merge(x) -> Pathname:
    """X merged with *DEFAULT-PATHNAME-DEFAULTS*, as OPEN and the file
    functions do before they touch the file system."""
    return P.merge_pathnames(pathname_of(x), defaults())


def native_path(x) -> str:
    """The Unix file name for the pathname designator X."""
    return P.native_namestring(default_merge(x))


# ---------------------------------------------------------------- components
def _piece(x, expected=_PIECE_TYPE):
    """A name or type argument as a Python component."""
    if x is NIL:
        return None
    if isinstance(x, LString):
        return x.value
    if type(x) is Pattern or x is P.WILD or x is P.UNSPECIFIC:
        return x
    raise type_error(x, expected)


def _directory_arg(x):
    if x is NIL:
        return None
    if isinstance(x, LString):
        return x.value
    if x is P.WILD:
        return P.WILD
    if type(x) is Cons:
        out = []
        for piece in list_to_py(x):
            if isinstance(piece, LString):
                out.append(piece.value)
            elif type(piece) is Cons and piece.car is P.HOME:
                out.append(("home", _piece(piece.cdr.car)))
            else:
                out.append(piece)
        return out
    raise type_error(x, lisp_list(S("OR"), S("STRING"), S("CONS"),
                                  lisp_list(S("MEMBER"), P.WILD, NIL)))


def _version_arg(x):
    if x is NIL:
        return None
    if type(x) is int or x in (P.NEWEST, P.WILD, P.UNSPECIFIC):
        return x
    raise type_error(x, lisp_list(S("OR"), S("INTEGER"),
                                  lisp_list(S("MEMBER"), NIL, P.NEWEST, P.WILD, P.UNSPECIFIC)))


def _common(case) -> bool:
    if case is keyword("LOCAL"):
        return False
    if case is keyword("COMMON"):
        return True
    raise type_error(case, lisp_list(S("MEMBER"), keyword("LOCAL"), keyword("COMMON")))


def _host_arg(host):
    if host is NIL or host is UNIX_HOST:
        return UNIX_HOST
    if isinstance(host, LString):
        raise lisp_error("SIMPLE-TYPE-ERROR", "logical host not yet defined: ~S", host,
                         datum=host, expected_type=S("STRING"))
    raise type_error(host, lisp_list(S("OR"), S("STRING"), S("NULL")))


_ABSENT = object()


@defun("MAKE-PATHNAME", "&key host device directory name type version defaults case")
def make_pathname(host=_ABSENT, device=_ABSENT, directory=_ABSENT, name=_ABSENT,
                  type=_ABSENT, version=_ABSENT, defaults=_ABSENT, case=keyword("LOCAL")):
    """Make a new pathname from the component arguments; components not
    given come from DEFAULTS (and the host from *DEFAULT-PATHNAME-DEFAULTS*
    when no DEFAULTS). CASE :COMMON flips all-uppercase and all-lowercase
    components, as Unix's customary case is lower."""
    common = _common(case)
    given = {k for k, v in (("device", device), ("directory", directory), ("name", name),
                            ("type", type), ("version", version)) if v is not _ABSENT}
    base = pathname_of(defaults) if defaults is not _ABSENT else None
    return P.make_pathname(
        host=_host_arg(host) if host is not _ABSENT else UNIX_HOST,
        device=_piece(device) if "device" in given else None,
        directory=_directory_arg(directory) if "directory" in given else None,
        name=_piece(name) if "name" in given else None,
        type_=_piece(type) if "type" in given else None,
        version=_version_arg(version) if "version" in given else None,
        defaults=base, supplied=frozenset(given), common=common)


@defun("PATHNAME", "pathspec")
def pathname(pathspec):
    """Convert PATHSPEC (a pathname designator) into a pathname."""
    return pathname_of(pathspec)


@defun("PATHNAMEP", "object")
def pathnamep(x):
    """Return true if OBJECT is a pathname."""
    return T if type(x) is Pathname else NIL


def _accessor(field: str):
    def get(pathname, case=keyword("LOCAL")):
        common = _common(case)
        value = getattr(pathname_of(pathname), field)
        return P.to_lisp(P.flip_case(value) if common else value)
    return get


for _field in ("device", "directory", "name", "type"):
    defun("PATHNAME-" + _field.upper(), "pathname &key case")(_accessor(_field))


@defun("PATHNAME-HOST", "pathname &key case")
def pathname_host(pathname, case=keyword("LOCAL")):
    _common(case)
    return pathname_of(pathname).host


@defun("PATHNAME-VERSION", "pathname")
def pathname_version(pathname):
    return P.to_lisp(pathname_of(pathname).version)


# ---------------------------------------------------------------- namestrings
@defun("NAMESTRING", "pathname")
def namestring(pathname):
    """The full namestring of PATHNAME."""
    return LString(P.namestring(pathname_of(pathname)))


@defun("FILE-NAMESTRING", "pathname")
def file_namestring(pathname):
    """The name and type of PATHNAME as a namestring."""
    return LString(P.file_namestring(pathname_of(pathname)))


@defun("DIRECTORY-NAMESTRING", "pathname")
def directory_namestring(pathname):
    """The directory of PATHNAME as a namestring."""
    return LString(P.directory_namestring(pathname_of(pathname)))


@defun("HOST-NAMESTRING", "pathname")
def host_namestring(pathname):
    """The host of PATHNAME as a namestring: always empty on Unix."""
    pathname_of(pathname)
    return LString("")


@defun("ENOUGH-NAMESTRING", "pathname &optional defaults")
def enough_namestring(pathname, defaults_=None):
    """The shortest namestring that names PATHNAME when merged with
    DEFAULTS (*DEFAULT-PATHNAME-DEFAULTS* by default)."""
    base = defaults() if defaults_ is None else pathname_of(defaults_)
    return LString(P.enough_namestring(pathname_of(pathname), base))


@defun("SB-EXT:NATIVE-NAMESTRING", "pathname &key as-file")
def sb_native_namestring(pathname, as_file=NIL):
    """The Unix file name of PATHNAME: no escapes, "~" expanded. A string
    is taken to be a Unix file name already."""
    if isinstance(pathname, LString):
        text = pathname.value
    else:
        text = P.native_namestring(pathname_of(pathname))
    if as_file is not NIL and len(text) > 1:
        text = text.rstrip("/") or "/"
    return LString(text)


def _parse_args(thing, host, start, end):
    _host_arg(host)
    if not isinstance(thing, LString):
        raise type_error(thing, _DESIGNATOR)
    text = thing.value
    return text, bounds(thing, start, end, len(text))


@defun("PARSE-NAMESTRING", "thing &optional host defaults &key start end junk-allowed",
       mv=True)
def parse_namestring(thing, host=NIL, defaults_=NIL, start=0, end=NIL, junk_allowed=NIL):
    """Parse THING (a string, or a pathname returned as it is) into a
    pathname; the second value is the index where parsing stopped."""
    if type(thing) is Pathname:
        return MV((thing, start))
    if isinstance(thing, LispStream):
        return MV((pathname_of(thing), start))
    text, (s, e) = _parse_args(thing, host, start, end)
    try:
        # SBCL 2.2 returns the length parsed where CLHS asks for the index.
        return MV((P.parse_namestring(text, s, e), e - s))
    except P.NamestringParseError as err:
        if junk_allowed is not NIL:
            return MV((NIL, err.offset))
        raise err.lisp_error() from None


@defun("SB-EXT:PARSE-NATIVE-NAMESTRING",
       "thing &optional host defaults &key start end junk-allowed as-directory", mv=True)
def parse_native_namestring(thing, host=NIL, defaults_=NIL, start=0, end=NIL,
                            junk_allowed=NIL, as_directory=NIL):
    """Parse a Unix file name, where no character is special: "*" is a
    name character, not a wildcard."""
    if type(thing) is Pathname:
        return MV((thing, start))
    text, (s, e) = _parse_args(thing, host, start, end)
    piece = text[s:e]
    if as_directory is not NIL and piece and not piece.endswith("/"):
        piece += "/"
    escaped = "".join("\\" + c if c in "*?[\\" else c for c in piece)
    parsed = P.parse_namestring(escaped)
    if parsed.name is not None and "." not in piece.rsplit("/", 1)[-1][1:]:
        parsed = P.replace_components(parsed, type=None)
    return MV((parsed, e))


@defun("MERGE-PATHNAMES", "pathname &optional defaults default-version")
def merge_pathnames(pathname, defaults_=None, default_version=P.NEWEST):
    """Fill in the components PATHNAME lacks from DEFAULTS; a missing
    version becomes DEFAULT-VERSION."""
    base = defaults() if defaults_ is None else pathname_of(defaults_)
    return P.merge_pathnames(pathname_of(pathname), base,
                             None if default_version is NIL else default_version)


# ---------------------------------------------------------------- wildcards
_FIELDS = {NIL: None, keyword("HOST"): "host", keyword("DEVICE"): "device",
           keyword("DIRECTORY"): "directory", keyword("NAME"): "name",
           keyword("TYPE"): "type", keyword("VERSION"): "version"}
_WILD_MEMBER = lisp_list(P.WILD, P.WILD_INFERIORS)


@defun("WILD-PATHNAME-P", "pathname &optional field-key")
def wild_pathname_p(pathname, field_key=NIL):
    """True if PATHNAME (or its FIELD-KEY component) has wildcards."""
    if field_key not in _FIELDS:
        raise type_error(field_key, lisp_list(S("MEMBER"), *_FIELDS))
    r = P.wild_p(pathname_of(pathname), _FIELDS[field_key])
    if r is True:
        return T
    if r is False:
        return NIL
    return _WILD_MEMBER if r is P.WILD else _WILD_MEMBER.cdr


@defun("PATHNAME-MATCH-P", "pathname wildcard")
def pathname_match_p(pathname, wildcard):
    """True if PATHNAME matches WILDCARD; missing components of WILDCARD
    match anything."""
    return T if match_p(pathname_of(pathname), pathname_of(wildcard)) else NIL


@defun("TRANSLATE-PATHNAME", "source from-wildcard to-wildcard &key")
def translate_pathname(source, from_wildcard, to_wildcard):
    """Rewrite SOURCE, which matches FROM-WILDCARD, by TO-WILDCARD: each
    wildcard of TO-WILDCARD takes what the corresponding one matched."""
    return translate(pathname_of(source), pathname_of(from_wildcard),
                       pathname_of(to_wildcard))


@defun("TRANSLATE-LOGICAL-PATHNAME", "pathname &key")
def translate_logical_pathname(pathname):
    """A physical pathname translates to itself."""
    return pathname_of(pathname)


@defun("USER-HOMEDIR-PATHNAME", "&optional host")
def user_homedir_pathname(host=NIL):
    """The current user's home directory as a directory pathname."""
    return P.parse_namestring(P.home_directory() + "/")


@defun("COMPILE-FILE-PATHNAME", "input-file &key output-file &allow-other-keys")
def compile_file_pathname(input_file, output_file=NIL):
    """The pathname COMPILE-FILE would write for INPUT-FILE."""
    source = default_merge(input_file) if output_file is NIL else None
    if output_file is not NIL:
        return P.merge_pathnames(pathname_of(output_file), pathname_of(input_file))
    return P.replace_components(source, type="fasl")

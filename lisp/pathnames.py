"""Pathnames (CLHS 19) as SBCL has them on Unix: parsing and unparsing
namestrings, merging, wildcards, matching and translation.

A ``Pathname`` holds its components in Python form: strings as str, a
wildcard piece as a ``Pattern``, :WILD, :WILD-INFERIORS, :UP, :BACK,
:UNSPECIFIC, :NEWEST and :HOME as keyword Symbols, NIL as None, the
directory as a tuple whose first element is :ABSOLUTE or :RELATIVE, and
``(:HOME "user")`` as the tuple ("home", "user"). Pathnames are interned,
as in SBCL: two pathnames with the same components are the same object,
so EQ, EQL and EQUAL compare them by their components.

Matching and translating wild pathnames is in pathname_match.py.

Parsing follows SBCL's unix-pathname.lisp: a backslash escapes the next
character; "*", "?" and "[...]" make patterns; ".." is :UP and "**" is
:WILD-INFERIORS in a directory; "~" and "~user" start an absolute
directory at a home directory; a name's last dot (not its first
character) starts the type, and a parsed name gets version :NEWEST.
"""
from __future__ import annotations

import os
import pwd
import weakref

from .errors import LispError, lisp_error
from .objects import LString, NIL, Symbol, keyword, lisp_list

__all__ = ["Pathname", "Pattern", "UNIX_HOST", "make_pathname", "parse_namestring",
           "namestring", "native_namestring", "file_namestring", "directory_namestring",
           "enough_namestring", "merge_pathnames", "replace_components", "wild_p", "is_wild",
           "WILD", "WILD_INFERIORS", "UP", "BACK", "UNSPECIFIC", "NEWEST", "HOME",
           "ABSOLUTE", "RELATIVE", "NamestringParseError", "no_namestring_error",
           "home_directory", "import_directory", "to_lisp", "flip_case"]

WILD = keyword("WILD")
WILD_INFERIORS = keyword("WILD-INFERIORS")
UP = keyword("UP")
BACK = keyword("BACK")
UNSPECIFIC = keyword("UNSPECIFIC")
NEWEST = keyword("NEWEST")
HOME = keyword("HOME")
ABSOLUTE = keyword("ABSOLUTE")
RELATIVE = keyword("RELATIVE")
_MULTI = keyword("MULTI-CHAR-WILD")
_SINGLE = keyword("SINGLE-CHAR-WILD")
_CHARSET = keyword("CHARACTER-SET")


class UnixHost:
    """SBCL's SB-IMPL::UNIX-HOST: the host of every physical pathname."""

    def printed_text(self, escape: bool) -> str:
        from .printobjects import object_address
        return "#<%sUNIX-HOST {%s}>" % ("SB-IMPL::" if escape else "", object_address(self))


UNIX_HOST = UnixHost()


class Pattern:
    """A name or directory piece with wildcards: PIECES are literal strs,
    :MULTI-CHAR-WILD ("*"), :SINGLE-CHAR-WILD ("?") and ("set", chars)
    for "[chars]"."""
    __slots__ = ("pieces",)

    def __init__(self, pieces: tuple):
        self.pieces = pieces

    def __eq__(self, other):
        return type(other) is Pattern and other.pieces == self.pieces

    def __hash__(self):
        return hash(self.pieces)

    def printed_text(self, escape: bool) -> str:
        from .printer import prin1_to_string
        from .objects import Cons
        shown = []
        for p in self.pieces:
            if type(p) is tuple:
                shown.append(prin1_to_string(Cons(_CHARSET, LString(p[1]))))
            elif isinstance(p, Symbol):
                shown.append(":" + p.name)
            else:
                shown.append(prin1_to_string(LString(p)))
        return "#<%sPATTERN %s>" % ("SB-IMPL::" if escape else "", " ".join(shown))

    def regex(self):
        import re
        out = []
        for p in self.pieces:
            if p is _MULTI:
                out.append("(.*)")
            elif p is _SINGLE:
                out.append("(.)")
            elif type(p) is tuple:
                out.append("([%s])" % re.escape(p[1]))
            else:
                out.append(re.escape(p))
        return re.compile("".join(out), re.S)


class Pathname:
    """An interned physical pathname; see the module docstring for the
    representation of its components."""
    __slots__ = ("host", "device", "directory", "name", "type", "version", "__weakref__")

    def lisp_repr(self) -> str:
        return self.printed_text(True)

    def printed_text(self, escape: bool) -> str:
        text = namestring(self, error=False)
        if text is None:
            return self._unnamed_text()
        if not escape:
            return text
        return '#P"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')

    def _unnamed_text(self) -> str:
        from .printer import prin1_to_string
        parts = ["#<PATHNAME (with no namestring)"]
        for label, value in (("HOST", self.host), ("DEVICE", self.device),
                             ("DIRECTORY", self.directory), ("NAME", self.name),
                             ("TYPE", self.type), ("VERSION", self.version)):
            parts.append(":%s %s" % (label, prin1_to_string(to_lisp(value))))
        return " ".join(parts) + ">"


_INTERNED: weakref.WeakValueDictionary = weakref.WeakValueDictionary()


def _intern(host, device, directory, name, type_, version) -> Pathname:
    key = (id(host), device, directory, name, type_, version)
    p = _INTERNED.get(key)
    if p is None:
        p = Pathname()
        p.host, p.device, p.directory = host, device, directory
        p.name, p.type, p.version = name, type_, version
        _INTERNED[key] = p
    return p


def to_lisp(x):
    """A component as Lisp data: fresh strings and lists."""
    if x is None:
        return NIL
    if type(x) is str:
        return LString(x)
    if type(x) is tuple:
        if x and x[0] == "home":
            return lisp_list(HOME, LString(x[1]))
        return lisp_list(*[to_lisp(e) for e in x])
    return x


# ---------------------------------------------------------------- parsing
class NamestringParseError(Exception):
    """Where and why a namestring cannot be parsed (turned into SBCL's
    SB-KERNEL:NAMESTRING-PARSE-ERROR by the caller)."""

    def __init__(self, complaint: str, text: str, offset: int):
        super().__init__(complaint)
        self.complaint, self.text, self.offset = complaint, text, offset

    def lisp_error(self) -> LispError:
        return LispError("SB-KERNEL:NAMESTRING-PARSE-ERROR", {
            "COMPLAINT": LString(self.complaint), "NAMESTRING": LString(self.text),
            "OFFSET": self.offset})


def _split_at_slashes(text: str, start: int, end: int):
    absolute = start < end and text[start] == "/"
    if absolute:
        start += 1
    pieces = []
    i = piece_start = start
    while i < end:
        c = text[i]
        if c == "\\":
            if i + 1 >= end or text[i + 1] == "/":
                raise NamestringParseError("escape char in a bad place", text, i)
            i += 2
            continue
        if c == "/":
            pieces.append((piece_start, i))
            piece_start = i + 1
        i += 1
    pieces.append((piece_start, end))
    return absolute, pieces


def _make_pattern(text: str, start: int, end: int):
    """A piece of a namestring as "" , a str, :WILD or a Pattern."""
    pieces: list = []
    literal: list[str] = []
    i = start
    while i < end:
        c = text[i]
        if c == "\\":
            if i + 1 < end:
                literal.append(text[i + 1])
            i += 2
            continue
        if c in "*?[":
            if literal:
                pieces.append("".join(literal))
                literal = []
            if c == "*":
                pieces.append(_MULTI)
            elif c == "?":
                pieces.append(_SINGLE)
            else:
                close = text.find("]", i, end)
                if close < 0:
                    raise NamestringParseError("#\\[ with no corresponding #\\]", text, i)
                pieces.append(("set", text[i + 1:close]))
                i = close
            i += 1
            continue
        literal.append(c)
        i += 1
    if literal:
        pieces.append("".join(literal))
    if not pieces:
        return ""
    if len(pieces) == 1:
        if pieces[0] is _MULTI:
            return WILD
        if type(pieces[0]) is str:
            return pieces[0]
    return Pattern(tuple(pieces))


def _last_dot(text: str, start: int, end: int) -> int:
    """The last unescaped dot in TEXT[START+1:END], or -1."""
    found = -1
    i = start
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "." and i > start:
            found = i
        i += 1
    return found


def parse_namestring(text: str, start: int = 0, end: int | None = None) -> Pathname:
    """The pathname TEXT[START:END] names; NamestringParseError if it is
    malformed."""
    end = len(text) if end is None else end
    absolute, pieces = _split_at_slashes(text, start, end)
    name = type_ = version = None
    tail_start, tail_end = pieces[-1]
    if tail_start != tail_end:
        pieces = pieces[:-1]
        dot = _last_dot(text, tail_start, tail_end)
        if dot >= 0:
            name = _make_pattern(text, tail_start, dot)
            type_ = _make_pattern(text, dot + 1, tail_end)
        else:
            name = _make_pattern(text, tail_start, tail_end)
        version = NEWEST
    home = None
    if pieces and not absolute:
        ps, pe = pieces[0]
        if ps != pe and text[ps] == "~":
            absolute = True
            home = HOME if pe == ps + 1 else ("home", text[ps + 1:pe])
            pieces = pieces[1:]
    dirs: list = []
    for ps, pe in pieces:
        if ps == pe:
            continue
        piece = text[ps:pe]
        if piece == "..":
            dirs.append(UP)
        elif piece == "**":
            dirs.append(WILD_INFERIORS)
        else:
            dirs.append(_make_pattern(text, ps, pe))
    if absolute:
        directory = (ABSOLUTE,) + ((home,) if home is not None else ()) + tuple(dirs)
    elif dirs:
        directory = (RELATIVE,) + tuple(dirs)
    else:
        directory = None
    return _intern(UNIX_HOST, None, directory, name, type_, version)


def home_directory(user: str | None = None) -> str:
    """The home directory of USER (the current user when None), with no
    trailing slash."""
    if user is None:
        home = os.environ.get("HOME") or pwd.getpwuid(os.getuid()).pw_dir
    else:
        try:
            home = pwd.getpwnam(user).pw_dir
        except KeyError:
            raise lisp_error("SIMPLE-ERROR", "User homedir unknown for: ~S.",
                             LString(user)) from None
    return home.rstrip("/") or ""


# ---------------------------------------------------------------- unparsing
class _NoNamestring(Exception):
    def __init__(self, why: str):
        super().__init__(why)
        self.why = why


def no_namestring_error(pathname: Pathname, why: str) -> LispError:
    return LispError("SB-KERNEL:NO-NAMESTRING-ERROR", {
        "PATHNAME": pathname, "REASON": LString(why)})


def _unparse_piece(piece, escape_dots: str = "") -> str:
    """A name, type or directory piece as namestring text, escaping the
    characters that would read back as syntax. ESCAPE_DOTS: "" none,
    "inner" all but a leading one, "all" every one."""
    if piece is WILD:
        return "*"
    if type(piece) is Pattern:
        out = []
        for i, p in enumerate(piece.pieces):
            if p is _MULTI:
                out.append("*")
            elif p is _SINGLE:
                out.append("?")
            elif type(p) is tuple:
                out.append("[%s]" % p[1])
            else:
                out.append(_escape(p, escape_dots, at_start=i == 0))
        return "".join(out)
    return _escape(piece, escape_dots)


def _escape(s: str, escape_dots: str, at_start: bool = True) -> str:
    """S with backslashes before "*?[\\" and the dots ESCAPE_DOTS asks for
    ("inner": all but one that starts the piece, AT_START telling whether S
    does)."""
    out = []
    for i, c in enumerate(s):
        if c in "*?[\\" or (c == "." and (escape_dots == "all"
                                          or (escape_dots == "inner"
                                              and (i > 0 or not at_start)))):
            out.append("\\")
        out.append(c)
    return "".join(out)


def _directory_text(directory) -> str:
    if not directory:
        return ""
    out = []
    rest = list(directory[1:])
    if directory[0] is ABSOLUTE:
        if rest and rest[0] is HOME:
            out.append("~")
            rest.pop(0)
        elif rest and type(rest[0]) is tuple:
            out.append("~" + rest.pop(0)[1])
        elif rest and type(rest[0]) is str and rest[0].startswith("~"):
            # SBCL escapes the tilde and, doing so, drops the root slash.
            out.append("\\" + _unparse_piece(rest.pop(0)))
        out.append("/")
    for d in rest:
        if d is UP:
            out.append("../")
        elif d is BACK:
            raise _NoNamestring(":BACK cannot be represented in namestrings.")
        elif d is WILD_INFERIORS:
            out.append("**/")
        else:
            out.append(_unparse_piece(d) + "/")
    return "".join(out)


def _file_text(p: Pathname) -> str:
    name, type_ = p.name, p.type
    type_present = type_ is not None and type_ is not UNSPECIFIC
    out = []
    if name is not None:
        if name == "":
            raise _NoNamestring("the :NAME component \"\" is of length 0")
        if name is UNSPECIFIC:
            raise _NoNamestring("the :NAME component is :UNSPECIFIC")
        out.append(_unparse_piece(name, "" if type_present else "inner"))
    if type_present:
        if name is None:
            raise _NoNamestring("there is a :TYPE component but no :NAME component")
        out.append(".")
        out.append(_unparse_piece(type_, "all"))
    return "".join(out)


def namestring(p: Pathname, error: bool = True):
    """P's namestring; when it has none, NO-NAMESTRING-ERROR (or None if
    not ERROR)."""
    try:
        return _directory_text(p.directory) + _file_text(p)
    except _NoNamestring as e:
        if error:
            raise no_namestring_error(p, e.why) from None
        return None


def file_namestring(p: Pathname) -> str:
    try:
        return _file_text(p)
    except _NoNamestring as e:
        raise no_namestring_error(p, e.why) from None


def directory_namestring(p: Pathname) -> str:
    try:
        return _directory_text(p.directory)
    except _NoNamestring as e:
        raise no_namestring_error(p, e.why) from None


def native_namestring(p: Pathname) -> str:
    """The Unix file name P names: no escapes, "~" expanded to the home
    directory. Wild pathnames have none."""
    for field in ("directory", "name", "type"):
        if wild_p(p, field):
            raise LispError("SB-KERNEL:NO-NATIVE-NAMESTRING-ERROR", {
                "PATHNAME": p, "FIELD": keyword(field.upper()),
                "VALUE": to_lisp(getattr(p, field))})
    out = []
    directory = p.directory or ()
    rest = list(directory[1:])
    if directory and directory[0] is ABSOLUTE:
        if rest and rest[0] is HOME:
            out.append(home_directory())
            rest.pop(0)
        elif rest and type(rest[0]) is tuple:
            out.append(home_directory(rest.pop(0)[1]))
        out.append("/")
    for d in rest:
        if d is UP:
            out.append("../")
        elif d is BACK:
            raise no_namestring_error(p, ":BACK cannot be represented in namestrings.")
        else:
            out.append(d + "/")
    if p.name is not None and p.name is not UNSPECIFIC:
        out.append(p.name)
    if p.type is not None and p.type is not UNSPECIFIC:
        out.append("." + p.type)
    return "".join(out)


def enough_namestring(p: Pathname, defaults: Pathname) -> str:
    """The shortest namestring that names P when merged with DEFAULTS."""
    pdir, ddir = p.directory, defaults.directory
    if pdir is None:
        result_dir = (RELATIVE,)
    elif pdir[0] is RELATIVE:
        result_dir = pdir
    elif ddir and len(pdir) >= len(ddir) and pdir[:len(ddir)] == ddir:
        result_dir = (RELATIVE,) + pdir[len(ddir):]
    else:
        result_dir = pdir
    try:
        out = [_directory_text(result_dir)]
    except _NoNamestring as e:
        raise no_namestring_error(p, e.why) from None
    type_needed = p.type is not None and p.type is not UNSPECIFIC
    name_needed = type_needed or (p.name is not None and p.name != defaults.name)
    if name_needed:
        if p.name is None:
            raise lisp_error("SIMPLE-ERROR", "~S cannot be represented relative to ~S.",
                             p, defaults)
        out.append(_unparse_piece(p.name, "" if type_needed else "inner"))
    if type_needed:
        out.append("." + _unparse_piece(p.type, "all"))
    return "".join(out)


# ---------------------------------------------------------------- making and merging
def flip_case(x):
    """Unix's :COMMON case: all-uppercase <-> all-lowercase, mixed case
    unchanged; applied through patterns and directories."""
    if type(x) is str:
        if x.upper() == x and x.lower() != x:
            return x.lower()
        if x.lower() == x and x.upper() != x:
            return x.upper()
        return x
    if type(x) is Pattern:
        return Pattern(tuple(flip_case(p) if type(p) is str else p for p in x.pieces))
    if type(x) is tuple and x and isinstance(x[0], Symbol):
        return tuple(flip_case(e) for e in x)
    return x


def _merge_directories(d1, d2):
    if (d1 is not None and d1[0] is ABSOLUTE) or d2 is None:
        return d1
    results: list = []
    for d in list(d2) + list(d1[1:] if d1 is not None else ()):
        if d is BACK and len(results) > 1 and results[-1] not in (BACK, WILD_INFERIORS):
            results.pop()
        else:
            results.append(d)
    return tuple(results)


def import_directory(directory, common: bool):
    """MAKE-PATHNAME's :DIRECTORY argument, already converted to Python
    pieces by the caller: None, :WILD, a str or a list of pieces."""
    if directory is None:
        return None
    if directory is WILD:
        return (ABSOLUTE, WILD_INFERIORS)
    if type(directory) is str:
        return (ABSOLUTE, flip_case(directory) if common else directory)
    root, pieces = directory[0], directory[1:]
    if root is not ABSOLUTE and root is not RELATIVE:
        raise lisp_error("SIMPLE-ERROR",
                         "List of directory components must start with ~S or ~S.",
                         ABSOLUTE, RELATIVE)
    results: list = [root]
    for piece in pieces:
        if piece is BACK and len(results) > 1 and (type(results[-1]) in (str, Pattern)
                                                   or results[-1] in (WILD, WILD_INFERIORS)):
            results.pop()
        elif type(piece) is str:
            if piece:
                results.append(flip_case(piece) if common else piece)
        elif type(piece) is Pattern or piece in (WILD, WILD_INFERIORS, UP, BACK):
            results.append(flip_case(piece) if common else piece)
        elif piece is HOME and len(results) == 1 and root is ABSOLUTE:
            results.append(HOME)
        else:
            raise lisp_error("SIMPLE-ERROR", "~S is not allowed as a directory component.",
                             to_lisp(piece))
    return tuple(results)


def make_pathname(host=UNIX_HOST, device=None, directory=None, name=None, type_=None,
                  version=None, defaults: Pathname | None = None, supplied=frozenset(),
                  common: bool = False) -> Pathname:
    """MAKE-PATHNAME on Python components; SUPPLIED names the keyword
    arguments given ("device", "directory", "name", "type", "version")."""
    def pick(value, key, default):
        if key in supplied:
            return flip_case(value) if common else value
        return default

    directory = import_directory(directory, common) if "directory" in supplied else None
    if defaults is not None and "directory" not in supplied:
        directory = _merge_directories(directory, defaults.directory)
    return _intern(host,
                   pick(device, "device", defaults.device if defaults else None),
                   directory,
                   pick(name, "name", defaults.name if defaults else None),
                   pick(type_, "type", defaults.type if defaults else None),
                   version if "version" in supplied else
                   (defaults.version if defaults else None))


def merge_pathnames(p: Pathname, defaults: Pathname, default_version=NEWEST) -> Pathname:
    version = p.version
    if version is None:
        version = defaults.version if p.name is None else None
        if version is None:
            version = default_version
    return _intern(p.host or defaults.host,
                   p.device if p.device is not None else defaults.device,
                   _merge_directories(p.directory, defaults.directory),
                   p.name if p.name is not None else defaults.name,
                   p.type if p.type is not None else defaults.type,
                   version)


def replace_components(p: Pathname, **changes) -> Pathname:
    """P with some components replaced (keys: directory, name, type,
    version)."""
    return _intern(p.host, p.device, changes.get("directory", p.directory),
                   changes.get("name", p.name), changes.get("type", p.type),
                   changes.get("version", p.version))


# ---------------------------------------------------------------- wildcards
def is_wild(x) -> bool:
    """Is the component piece X a wildcard?"""
    return type(x) is Pattern or x is WILD or x is WILD_INFERIORS


def wild_p(p: Pathname, field: str | None = None):
    """WILD-PATHNAME-P on FIELD ("directory", "name", "type", "version",
    "host", "device" or None for any): False, True, or the keyword that
    makes it wild (SBCL answers with a MEMBER tail)."""
    if field is None:
        for f in ("directory", "name", "type", "version"):
            r = wild_p(p, f)
            if r:
                return r
        return False
    if field in ("host", "device"):
        return False
    if field == "directory":
        for d in p.directory or ():
            if is_wild(d):
                return d if isinstance(d, Symbol) else True
        return False
    x = getattr(p, field)
    if is_wild(x):
        return x if isinstance(x, Symbol) else True
    return False

"""Wild pathnames (CLHS 19.2.2.3): PATHNAME-MATCH-P and TRANSLATE-PATHNAME
on the pathnames of pathnames.py, and the piece matching DIRECTORY uses.

A wildcard's missing components match anything. In a directory,
:WILD-INFERIORS matches any number of levels and :WILD or a pattern one
level; what each wildcard matched is captured, in order, for
TRANSLATE-PATHNAME to put where the same wildcard stands in the target.
"""
from __future__ import annotations

from .errors import lisp_error
from .pathnames import (NEWEST, RELATIVE, WILD, WILD_INFERIORS, UP, Pathname, Pattern,
                        is_wild, replace_components, to_lisp)

__all__ = ["match_piece", "match_p", "translate"]


def match_piece(pattern, thing) -> list | None:
    """The substrings PATTERN's wildcards matched in THING, or None."""
    if pattern is WILD:
        return [thing]
    if type(pattern) is Pattern:
        if type(thing) is not str:
            return None
        m = pattern.regex().fullmatch(thing)
        return None if m is None else list(m.groups())
    return [] if pattern == thing else None


def _match_directory(pattern: tuple, path: tuple) -> list | None:
    """Match directory piece lists; the captures (lists of pieces for
    :WILD-INFERIORS, matched strings otherwise), or None."""
    if not pattern:
        return [] if not path else None
    head = pattern[0]
    if head is WILD_INFERIORS:
        for n in range(len(path) + 1):
            rest = _match_directory(pattern[1:], path[n:])
            if rest is not None:
                return [list(path[:n])] + rest
        return None
    if not path:
        return None
    if type(path[0]) is not str and path[0] is not UP and head != path[0]:
        return None
    first = match_piece(head, path[0])
    if first is None:
        return None
    rest = _match_directory(pattern[1:], path[1:])
    return None if rest is None else first + rest


def _component_match(pattern, thing, field: str):
    if pattern is None:
        return [thing] if field != "directory" else None
    if field == "version":
        if pattern is WILD or pattern == thing or (pattern is NEWEST and thing is None):
            return [thing]
        return None
    if field == "directory":
        if thing is None:
            thing = (RELATIVE,)
        if pattern[0] is not thing[0]:
            if not (pattern[0] is RELATIVE and pattern[1:2] == (WILD_INFERIORS,)):
                return None
            return _match_directory(pattern[1:], thing[1:])
        return _match_directory(pattern[1:], thing[1:])
    if thing is None and pattern is WILD:
        return [None]
    if thing is None:
        return None
    return match_piece(pattern, thing)


def match_p(p: Pathname, wildcard: Pathname) -> bool:
    if wildcard.directory is not None and \
            _component_match(wildcard.directory, p.directory, "directory") is None:
        return False
    for field in ("name", "type", "version"):
        if _component_match(getattr(wildcard, field), getattr(p, field), field) is None:
            return False
    return True


def _substitute(to, captures: list):
    """Fill TO's wildcards with CAPTURES, in order."""
    if to is WILD:
        return captures.pop(0) if captures else None
    if type(to) is not Pattern:
        return to
    out = []
    for piece in to.pieces:
        if type(piece) is str:
            out.append(piece)
        else:
            value = captures.pop(0) if captures else ""
            out.append(value if type(value) is str else "")
    return "".join(out)


def translate(source: Pathname, from_: Pathname, to: Pathname) -> Pathname:
    """TRANSLATE-PATHNAME: SOURCE (which must match FROM_) rewritten by TO,
    each of TO's wildcards taking what the corresponding one of FROM_
    matched."""
    def mismatch(a, b):
        raise lisp_error("SIMPLE-ERROR",
                         "Pathname components from SOURCE and FROM args to "
                         "TRANSLATE-PATHNAME~%did not match:~%  ~S ~S",
                         to_lisp(a[1:] if type(a) is tuple else a),
                         to_lisp(b[1:] if type(b) is tuple else b))

    result = {}
    if from_.directory is None:
        result["directory"] = to.directory if to.directory is not None else source.directory
    else:
        captures = _component_match(from_.directory, source.directory, "directory")
        if captures is None:
            mismatch(source.directory, from_.directory)
        result["directory"] = _translate_directory(to.directory, captures, source)
    for field in ("name", "type", "version"):
        f, t, s = getattr(from_, field), getattr(to, field), getattr(source, field)
        captures = _component_match(f, s, field)
        if captures is None:
            mismatch(s, f)
        if t is None:
            result[field] = s
        elif is_wild(t):
            result[field] = _substitute(t, captures if f is not None else [s])
        else:
            result[field] = t
    return replace_components(source, **result)


def _translate_directory(to, captures: list, source: Pathname):
    if to is None:
        return source.directory
    out: list = [to[0]]
    for piece in to[1:]:
        if piece is WILD_INFERIORS:
            while captures and type(captures[0]) is not list:
                captures.pop(0)
            out.extend(captures.pop(0) if captures else [])
        elif is_wild(piece):
            while captures and type(captures[0]) is list:
                captures.pop(0)
            value = _substitute(piece, captures)
            if value is not None:
                out.append(value)
        else:
            out.append(piece)
    return tuple(out)

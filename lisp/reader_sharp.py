"""The standard # sub-character functions (CLHS 2.4.8) of the
character-level reader (reader_chars.py).

Each is a Python function (reader, sub-character, numeric argument or None)
that the reader calls directly, and the Lisp function SB-IMPL::SHARP-...
(stream sub-char numarg) that GET-DISPATCH-MACRO-CHARACTER returns, as in
SBCL. Objects are built by the helpers the fast path's builder uses
(reader_build.py), so both readers make the same objects and report the
same problems.
"""
from __future__ import annotations

from fractions import Fraction

from .errors import type_error
from .functions import defun
from .objects import KEYWORD, MV, NIL, T, Cons, LString, Symbol, Vector, cl_sym, make_char
from .reader_build import (ARRAY_RANK_LIMIT, RADIX_OF, Label, array_from_contents,
                           check_filled_length, complex_from_list, feature_true,
                           filled_items, make_bit_vector, substitute_label)
from .reader_chars import (NOTHING, SHARP_METHODS, CharReader, char_argument,
                           object_text, run_in_read)
from .reader_settings import PACKAGE, READ_BASE, READ_SUPPRESS, features
from .reader_tokens import ReadFailure, character_named, uninterned_symbol
from .readtable import SB_IMPL

__all__ = ["STANDARD_SHARP"]

FUNCTION = cl_sym("FUNCTION")

# The standard readtable's # table: upcased sub-character -> function.
STANDARD_SHARP: dict = {}


def _failing(r: CharReader, build):
    """BUILD() with its ReadFailure turned into a reader error at R's position."""
    try:
        return build()
    except ReadFailure as e:
        raise r.error(e.message) from None


def sharp_backslash(r: CharReader, _sub: str, _numarg):
    """#\\x: the character x, or the character named by the token."""
    first = r.next_char()
    chars, _, _ = r.token_chars(None)
    if r.settings.suppress:
        return NIL
    return _failing(r, lambda: character_named(first + chars))


def sharp_quote(r: CharReader, _sub: str, _numarg):
    return Cons(FUNCTION, Cons(r.read_object(), NIL))


def sharp_left_paren(r: CharReader, _sub: str, numarg):
    """#(...) and #n(...): a simple vector."""
    items = r.read_list("(")
    if r.settings.suppress:
        return NIL
    elements = []
    x = items
    while type(x) is Cons:
        elements.append(x.car)
        x = x.cdr
    if x is not NIL:
        raise r.error("Improper list in #(): %s." % object_text(items))
    if numarg is not None:
        _failing(r, lambda: check_filled_length(numarg, str(numarg)))

    def text():
        return "#%s%s" % ("" if numarg is None else numarg, object_text(items))
    return Vector(_failing(r, lambda: filled_items(elements, numarg, text)))


def sharp_star(r: CharReader, _sub: str, numarg):
    """#*bits and #n*bits: a simple bit vector."""
    chars, _, _ = r.token_chars(None)
    if r.settings.suppress:
        return NIL
    if numarg is not None:
        _failing(r, lambda: check_filled_length(numarg, str(numarg)))
    return _failing(r, lambda: make_bit_vector(numarg, chars))


def sharp_colon(r: CharReader, _sub: str, _numarg):
    """#:name: an uninterned symbol."""
    chars, escaped, _ = r.token_chars(None)
    s = r.settings
    if s.suppress:
        return NIL
    return _failing(r, lambda: uninterned_symbol(chars, escaped, s.base, s.double_default,
                                                 r.rt.case))


def sharp_dot(r: CharReader, _sub: str, _numarg):
    """#.form: the value of FORM, when *READ-EVAL* is true."""
    from . import reader
    form = r.read_object()
    if r.settings.suppress:
        return NIL
    if not r.settings.read_eval:
        raise r.error("can't read #. while *READ-EVAL* is NIL")
    if reader.eval_hook is None:
        raise r.error("can't read #. here: no evaluator is installed")
    value = reader.eval_hook(form)
    return value.primary if type(value) is MV else value


def sharp_radix(r: CharReader, sub: str, numarg):
    """#b, #o, #x and #nR: a rational read in that radix."""
    if r.settings.suppress:
        r.token_chars(None)
        return NIL
    radix = RADIX_OF.get(sub.lower())
    if radix is None:
        if numarg is None:
            raise r.error("radix missing in #R")
        if not 2 <= numarg <= 36:
            raise r.error("illegal radix for #R: %d." % numarg)
        radix = numarg
    x = r.read_bound([(READ_BASE, radix)], base=radix)
    if type(x) is not int and type(x) is not Fraction:
        raise r.error("#%s (base %d.) value is not a rational: %s."
                      % (sub, radix, object_text(x)))
    return x


def sharp_c(r: CharReader, sub: str, _numarg):
    """#C(real imag): a complex number."""
    x = r.read_object()
    if r.settings.suppress:
        return NIL
    return _failing(r, lambda: complex_from_list(x, lambda: "#%s%s" % (sub, object_text(x))))


def sharp_a(r: CharReader, sub: str, rank):
    """#nA contents: an array of rank n."""
    if r.settings.suppress:
        r.read_object()
        return NIL
    if rank is None:
        raise r.error("#A needs a rank argument, as in #2A((1 2) (3 4))")
    if rank >= ARRAY_RANK_LIMIT:
        raise r.error("#%dA: rank must be below %d" % (rank, ARRAY_RANK_LIMIT))
    contents = r.read_object()
    return _failing(r, lambda: array_from_contents(
        rank, contents, lambda: object_text(contents),
        lambda: "#%d%s%s" % (rank, sub, object_text(contents))))


def sharp_s(r: CharReader, sub: str, _numarg):
    """#S(name slot value ...): a structure."""
    from . import reader
    x = r.read_object()
    if r.settings.suppress:
        return NIL
    if type(x) is not Cons or not isinstance(x.car, Symbol):
        raise r.error("#S needs a list of a structure name and slot values: #%s%s"
                      % (sub, object_text(x)))
    hook = reader.structure_hook
    made = None if hook is None else hook(x.car, x.cdr)
    if made is None:
        raise r.error("%s is not a defined structure type." % x.car.name)
    return made


def sharp_p(r: CharReader, sub: str, _numarg):
    """#P"namestring": the pathname it names."""
    x = r.read_object()
    if r.settings.suppress:
        return NIL
    if type(x) is not LString:
        raise r.error("#%s needs a namestring, not %s" % (sub.upper(), object_text(x)))
    from .pathnames import NamestringParseError, parse_namestring
    try:
        return parse_namestring(x.value)
    except NamestringParseError as e:
        raise e.lisp_error() from None


def sharp_plus_minus(r: CharReader, sub: str, _numarg):
    """#+feature form and #-feature form: FORM, or nothing, as the feature
    expression (read in the KEYWORD package) says. Inside a datum already
    being skipped the expression is not tested, as the fast path does."""
    if r.settings.suppress:
        r.read_object()
        r.read_object()
        return NOTHING
    expr = r.read_bound([(PACKAGE, KEYWORD), (READ_SUPPRESS, NIL)], package=KEYWORD,
                        suppress=False)
    try:
        present = feature_true(expr, features())
    except ReadFailure as e:
        raise r.error("%s: %s" % (e.message, object_text(expr))) from None
    if present == (sub == "+"):
        return r.read_object()
    r.read_bound([(READ_SUPPRESS, T)], suppress=True)
    return NOTHING


def sharp_vertical_bar(r: CharReader, _sub: str, _numarg):
    """#|...|#: a comment, which may nest."""
    depth = 1
    prev, c = r.next_char(), r.next_char()
    while True:
        if prev == "|" and c == "#":
            depth -= 1
            if depth == 0:
                return NOTHING
            prev, c = r.next_char(), r.next_char()
        elif prev == "#" and c == "|":
            depth += 1
            prev, c = r.next_char(), r.next_char()
        else:
            prev, c = c, r.next_char()


def sharp_equal(r: CharReader, _sub: str, numarg):
    """#n=object: OBJECT, labelled n for the rest of the outermost read."""
    if r.settings.suppress:
        return NOTHING
    if numarg is None:
        raise r.error("Missing label for #=")
    labels = r.state.labels
    if numarg in labels:
        raise r.error("Multiply defined label: #%d=" % numarg)
    label = Label(numarg)
    labels[numarg] = label
    value = r.read_object()
    if value is label:
        raise r.error("Must label something more than just #%d#" % numarg)
    labels[numarg] = value
    if label.used:
        substitute_label(value, label)
    return value


def sharp_sharp(r: CharReader, _sub: str, numarg):
    """#n#: the object labelled n."""
    if r.settings.suppress:
        return NIL
    if numarg is None:
        raise r.error("Missing label for ##")
    labels = r.state.labels
    if numarg not in labels:
        raise r.error("Reference to undefined label #%d#" % numarg)
    value = labels[numarg]
    if type(value) is Label:
        value.used = True
    return value


def sharp_illegal(r: CharReader, sub: str, _numarg):
    # Reported, as by SBCL, with the sub-character still unread.
    r.stream.unread_char(sub)
    raise r.error("illegal sharp macro character: " + object_text(make_char(sub)))


def _numarg(numarg):
    if numarg is NIL:
        return None
    if type(numarg) is not int or numarg < 0:
        raise type_error(numarg, "(OR NULL UNSIGNED-BYTE)")
    return numarg


def _standard_sharp(name: str, function, subchars: str):
    """Define the Lisp function SB-IMPL::NAME (stream sub-char numarg) that
    runs FUNCTION, the standard function of # followed by SUBCHARS."""
    def sharp_function(stream, sub_char, numarg):
        n = _numarg(numarg)
        return run_in_read(stream, lambda r: function(r, char_argument(sub_char), n))
    sharp_function.__doc__ = function.__doc__
    defun("SB-IMPL::" + name, "stream sub-char numarg", mv=True)(sharp_function)
    prim = SB_IMPL.intern(name)[0].fn
    SHARP_METHODS[prim] = function
    for c in subchars:
        STANDARD_SHARP[c.upper()] = prim


for _name, _function, _subchars in (
        ("SHARP-BACKSLASH", sharp_backslash, "\\"),
        ("SHARP-QUOTE", sharp_quote, "'"),
        ("SHARP-LEFT-PAREN", sharp_left_paren, "("),
        ("SHARP-STAR", sharp_star, "*"),
        ("SHARP-COLON", sharp_colon, ":"),
        ("SHARP-DOT", sharp_dot, "."),
        ("SHARP-A", sharp_a, "A"),
        ("SHARP-B", sharp_radix, "B"),
        ("SHARP-O", sharp_radix, "O"),
        ("SHARP-X", sharp_radix, "X"),
        ("SHARP-R", sharp_radix, "R"),
        ("SHARP-C", sharp_c, "C"),
        ("SHARP-S", sharp_s, "S"),
        ("SHARP-P", sharp_p, "P"),
        ("SHARP-PLUS-MINUS", sharp_plus_minus, "+-"),
        ("SHARP-VERTICAL-BAR", sharp_vertical_bar, "|"),
        ("SHARP-EQUAL", sharp_equal, "="),
        ("SHARP-SHARP", sharp_sharp, "#"),
        ("SHARP-ILLEGAL", sharp_illegal, "\b\t\n\f\r <)")):
    _standard_sharp(_name, _function, _subchars)

"""Turning the parse tree of one datum (reader.lark) into Lisp objects.

This is where reading depends on the dynamic environment: tokens are
interpreted in the *PACKAGE* and *READ-BASE* current when the datum is read,
#. evaluates, #n= labels are resolved (one label table per top-level read).

Backquote reads as SYS::QUASIQUOTE, with commas as SYS::UNQUOTE,
SYS::UNQUOTE-SPLICING and SYS::UNQUOTE-NSPLICING; the analyzer expands these
and the printer prints them back as ` and ,. A comma outside any backquote is
a reader error, as in SBCL.

Errors are raised as ``BuildError`` with a position in the parsed text (line
from 1, column from 0, just after the offending datum, where SBCL's stream
stands when it signals); the reader adds the form's place in its source.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Callable

from lark import Token

from .numbers import make_complex
from .objects import (CL, KEYWORD, NIL, Array, Cons, LString, MV, Package,
                      SingleFloat, Symbol, Vector, cl_sym, make_char, sys_sym)
from .reader_tokens import (DOT, ReadFailure, integer_from_digits, interpret_token,
                            read_character, read_uninterned)

__all__ = ["BuildError", "FormBuilder", "feature_true", "Label", "substitute_label",
           "check_filled_length", "filled_items", "make_bit_vector", "complex_from_list",
           "array_from_contents", "RADIX_OF", "ARRAY_RANK_LIMIT"]

QUOTE = cl_sym("QUOTE")
FUNCTION = cl_sym("FUNCTION")
BIT = cl_sym("BIT")
QUASIQUOTE = sys_sym("QUASIQUOTE")
UNQUOTE = sys_sym("UNQUOTE")
UNQUOTE_SPLICING = sys_sym("UNQUOTE-SPLICING")
UNQUOTE_NSPLICING = sys_sym("UNQUOTE-NSPLICING")

_REAL_TYPES = (int, Fraction, SingleFloat, float)
# #n( and #n* repeat their last element up to length n: a length that would
# exhaust memory is refused instead (SBCL would try to allocate it).
_MAX_FILLED_LENGTH = 1 << 24
ARRAY_RANK_LIMIT = 65529     # SBCL's ARRAY-RANK-LIMIT
RADIX_OF = {"x": 16, "o": 8, "b": 2}


class BuildError(Exception):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class Label:
    """What #n# stands for while the datum labelled #n= is being read."""
    __slots__ = ("number", "used")

    def __init__(self, number: int):
        self.number = number
        self.used = False


def _is_real(x) -> bool:
    return type(x) in _REAL_TYPES


def check_filled_length(length: int, digits: str) -> int:
    """LENGTH, the argument of #n( or #n* (written DIGITS), unless too big."""
    if length > _MAX_FILLED_LENGTH:
        raise ReadFailure("#%s: a length above %d is not supported" % (digits, _MAX_FILLED_LENGTH))
    return length


def _filled_length(digits: str) -> int:
    return check_filled_length(integer_from_digits(digits, 10), digits)


def filled_items(items: list, length: int | None, describe: Callable[[], str]) -> list:
    """The elements of #LENGTH(ITEMS...): ITEMS, the last one repeated up to
    LENGTH when given. DESCRIBE() is the datum's text for messages."""
    if length is None:
        return items
    if len(items) > length:
        raise ReadFailure("Vector longer than the specified length: %s." % describe())
    if length and not items:
        raise ReadFailure("Vector of length %d can't be initialized from ()" % length)
    if items:
        items += [items[-1]] * (length - len(items))
    return items


def make_bit_vector(length: int | None, bits: str) -> Vector:
    """#LENGTH*BITS."""
    for ch in bits:
        if ch != "0" and ch != "1":
            raise ReadFailure("illegal element given for bit-vector: #\\" + ch)
    items = [1 if ch == "1" else 0 for ch in bits]
    if length is not None:
        if len(items) > length:
            raise ReadFailure('Too many bits in "%s": expected %d or fewer' % (bits, length))
        if length and not items:
            raise ReadFailure("#%d* requires at least 1 bit of input." % length)
        if items:
            items += [items[-1]] * (length - len(items))
    return Vector(items, element_type=BIT)


def complex_from_list(x, describe: Callable[[], str]):
    """#C(RE IM): the complex number X, a list of two reals, denotes."""
    if type(x) is Cons and type(x.cdr) is Cons and x.cdr.cdr is NIL:
        re, im = x.car, x.cdr.car
        if _is_real(re) and _is_real(im):
            return make_complex(re, im)
    raise ReadFailure("illegal complex number format: " + describe())


def array_from_contents(rank: int, contents, describe_contents: Callable[[], str],
                        describe: Callable[[], str]):
    """#RANKA CONTENTS. DESCRIBE_CONTENTS() and DESCRIBE() are the texts of
    the contents and of the whole datum, for messages."""
    if rank == 0:
        return Array([], [contents])
    dims = []
    level = contents
    for axis in range(rank):
        seq = _sequence_items(level)
        if seq is None:
            raise ReadFailure("#%dA axis %d is not a sequence: %s"
                              % (rank, axis, describe_contents()))
        dims.append(len(seq))
        if not seq:
            dims += [0] * (rank - axis - 1)
            break
        level = seq[0]
    items: list = []
    _flatten(contents, dims, 0, items, describe)
    if rank == 1:
        return Vector(items)
    return Array(dims, items)


def _flatten(seq, dims, axis, out, describe):
    if axis == len(dims):
        out.append(seq)
        return
    elements = _sequence_items(seq)
    if elements is None or len(elements) != dims[axis]:
        raise ReadFailure("malformed #%dA contents: dimension of axis %d is %d in %s"
                          % (len(dims), axis, dims[axis], describe()))
    for x in elements:
        _flatten(x, dims, axis + 1, out, describe)


class FormBuilder:
    """Builds the objects of one top-level datum from the parse tree of
    ``text``. ``eval_form`` runs #. forms (None: no evaluator);
    ``make_structure(name, initargs)`` builds #S(...) (None, or a result of
    None: not a defined structure type)."""

    def __init__(self, text: str, package: Package, base: int, double_default: bool,
                 read_eval: bool, eval_form: Callable | None,
                 make_structure: Callable | None):
        self.text = text
        self.package = package
        self.base = base
        self.double_default = double_default
        self.read_eval = read_eval
        self.eval_form = eval_form
        self.make_structure = make_structure
        self.labels: dict[int, object] = {}
        self.backquote_depth = 0

    # -- positions and messages
    @staticmethod
    def _last_token(node) -> Token:
        while type(node) is not Token:
            node = node.children[-1]
        return node

    @staticmethod
    def _first_token(node) -> Token:
        while type(node) is not Token:
            node = node.children[0]
        return node

    def source(self, node) -> str:
        """The source text of NODE."""
        return self.text[self._first_token(node).start_pos:self._last_token(node).end_pos]

    def fail(self, message: str, node):
        tok = self._last_token(node)
        return BuildError(message, tok.end_line, tok.end_column - 1)

    # -- dispatch
    def build(self, node):
        """The object NODE denotes; the DOT marker for a consing dot."""
        if type(node) is Token:
            method = _TOKEN_BUILDERS[node.type]
        else:
            method = _RULE_BUILDERS[node.data]
        try:
            return method(self, node)
        except ReadFailure as e:
            raise self.fail(e.message, node) from None

    def datum(self, node):
        """The object NODE denotes where a consing dot is not allowed."""
        x = self.build(node)
        if x is DOT:
            raise self.fail("dot context error", node)
        return x

    # -- tokens
    def _token(self, tok):
        return interpret_token(str(tok), self.package, self.base, self.double_default)

    def _string(self, tok):
        body = tok[1:-1]
        if "\\" in body:
            chars = []
            i, n = 0, len(body)
            while i < n:
                c = body[i]
                if c == "\\":
                    i += 1
                    c = body[i]
                chars.append(c)
                i += 1
            body = "".join(chars)
        return LString(str(body))

    def _character(self, tok):
        return read_character(tok[tok.index("\\") + 1:])

    def _uninterned(self, tok):
        return read_uninterned(tok[tok.index(":") + 1:], self.base, self.double_default)

    def _bit_vector(self, tok):
        star = tok.index("*")
        digits = tok[1:star]
        return make_bit_vector(_filled_length(digits) if digits else None, tok[star + 1:])

    def _label_ref(self, tok):
        digits = tok[1:-1]
        if not digits:
            raise ReadFailure("Missing label for ##")
        n = integer_from_digits(digits, 10)
        if n not in self.labels:
            raise ReadFailure("Reference to undefined label #%s#" % digits)
        value = self.labels[n]
        if type(value) is Label:
            value.used = True
        return value

    # -- lists and vectors
    def _elements(self, node):
        """The elements of a list node (children between the parentheses):
        (items, tail), checking the consing dot as SBCL's reader does."""
        kids = node.children
        items = []
        tail = NIL
        dot_seen = False
        tail_read = False
        for k in range(1, len(kids) - 1):
            child = kids[k]
            x = self.build(child)
            if x is DOT:
                if dot_seen:
                    raise self.fail("dot context error", child)
                if not items:
                    raise self.fail("Nothing appears before . in list.", child)
                dot_seen = True
            elif dot_seen:
                if tail_read:
                    raise self.fail("More than one object follows . in list.", child)
                tail = x
                tail_read = True
            else:
                items.append(x)
        if dot_seen and not tail_read:
            raise self.fail("Nothing appears after . in list.", kids[-1])
        return items, tail

    def _list(self, node):
        items, tail = self._elements(node)
        if (self.backquote_depth and type(tail) is Cons
                and (tail.car is UNQUOTE_SPLICING or tail.car is UNQUOTE_NSPLICING)):
            raise self.fail(self.source(node) + " contains a splicing comma after a dot", node)
        result = tail
        for x in reversed(items):
            result = Cons(x, result)
        return result

    def _vector(self, node):
        items, tail = self._elements(node)
        if tail is not NIL:
            raise self.fail("Improper list in #(): %s." % self.source(node), node)
        digits = node.children[0][1:-1]
        length = _filled_length(digits) if digits else None
        return Vector(filled_items(items, length, lambda: self.source(node)))

    # -- prefixes
    def _quote(self, node):
        return Cons(QUOTE, Cons(self.datum(node.children[1]), NIL))

    def _function(self, node):
        return Cons(FUNCTION, Cons(self.datum(node.children[1]), NIL))

    def _quasiquote(self, node):
        self.backquote_depth += 1
        try:
            x = self.datum(node.children[1])
        finally:
            self.backquote_depth -= 1
        if type(x) is Cons and (x.car is UNQUOTE_SPLICING or x.car is UNQUOTE_NSPLICING):
            raise self.fail(self.source(node) + " is not a well-formed backquote expression", node)
        return Cons(QUASIQUOTE, Cons(x, NIL))

    def _comma(self, node, marker: Symbol):
        if not self.backquote_depth:
            raise self.fail("Comma not inside a backquote.", node.children[0])
        self.backquote_depth -= 1
        try:
            x = self.datum(node.children[1])
        finally:
            self.backquote_depth += 1
        return Cons(marker, Cons(x, NIL))

    def _unquote(self, node):
        return self._comma(node, UNQUOTE)

    def _unquote_splicing(self, node):
        return self._comma(node, UNQUOTE_SPLICING)

    def _unquote_nsplicing(self, node):
        return self._comma(node, UNQUOTE_NSPLICING)

    # -- dispatching macros that take a datum
    def _radix(self, node):
        tok = node.children[0]
        sub = tok[-1].lower()
        digits = tok[1:-1]
        if sub == "r":
            base = int(digits)      # 2 to 36: the scanner checked it
        else:
            base = RADIX_OF[sub]
        outer = self.base
        self.base = base
        try:
            x = self.datum(node.children[1])
        finally:
            self.base = outer
        if type(x) is not int and type(x) is not Fraction:
            raise self.fail("#%s (base %d.) value is not a rational: %s."
                            % (sub, base, self.source(node.children[1])), node)
        return x

    def _complex(self, node):
        return complex_from_list(self.datum(node.children[1]), lambda: self.source(node))

    def _array(self, node):
        tok = node.children[0]
        digits = tok[1:-1]
        if not digits:
            raise self.fail("#A needs a rank argument, as in #2A((1 2) (3 4))", tok)
        rank = integer_from_digits(digits, 10)
        if rank >= ARRAY_RANK_LIMIT:
            raise self.fail("#%sA: rank must be below %d" % (digits, ARRAY_RANK_LIMIT), tok)
        contents = self.datum(node.children[1])
        return array_from_contents(rank, contents, lambda: self.source(node.children[1]),
                                   lambda: self.source(node))

    def _pathname(self, node):
        x = self.datum(node.children[1])
        if type(x) is not LString:
            raise self.fail("#P needs a namestring, not " + self.source(node.children[1]), node)
        from .pathnames import NamestringParseError, parse_namestring
        try:
            return parse_namestring(x.value)
        except NamestringParseError as e:
            raise e.lisp_error() from None

    def _structure(self, node):
        x = self.datum(node.children[1])
        if type(x) is not Cons or not isinstance(x.car, Symbol):
            raise self.fail("#S needs a list of a structure name and slot values: "
                            + self.source(node), node)
        made = None if self.make_structure is None else self.make_structure(x.car, x.cdr)
        if made is None:
            raise self.fail("%s is not a defined structure type." % x.car.name, node)
        return made

    def _read_eval(self, node):
        if not self.read_eval:
            raise self.fail("can't read #. while *READ-EVAL* is NIL", node.children[0])
        form = self.datum(node.children[1])
        if self.eval_form is None:
            raise self.fail("can't read #. here: no evaluator is installed", node)
        value = self.eval_form(form)
        if type(value) is MV:
            value = value.primary
        return value

    def _label_def(self, node):
        tok = node.children[0]
        digits = tok[1:-1]
        if not digits:
            raise self.fail("Missing label for #=", tok)
        n = integer_from_digits(digits, 10)
        if n in self.labels:
            raise self.fail("Multiply defined label: #%s=" % digits, tok)
        label = Label(n)
        self.labels[n] = label
        value = self.datum(node.children[1])
        if value is label:
            raise self.fail("Must label something more than just #%s#" % digits, node)
        self.labels[n] = value
        if label.used:
            substitute_label(value, label)
        return value


_TOKEN_BUILDERS = {
    "TOKEN": FormBuilder._token,
    "STRING": FormBuilder._string,
    "CHARACTER": FormBuilder._character,
    "UNINTERNED": FormBuilder._uninterned,
    "BIT_VECTOR": FormBuilder._bit_vector,
    "LABEL_REF": FormBuilder._label_ref,
}

_RULE_BUILDERS = {
    "list": FormBuilder._list,
    "vector": FormBuilder._vector,
    "quote": FormBuilder._quote,
    "function": FormBuilder._function,
    "quasiquote": FormBuilder._quasiquote,
    "unquote": FormBuilder._unquote,
    "unquote_splicing": FormBuilder._unquote_splicing,
    "unquote_nsplicing": FormBuilder._unquote_nsplicing,
    "radix": FormBuilder._radix,
    "complex": FormBuilder._complex,
    "array": FormBuilder._array,
    "pathname": FormBuilder._pathname,
    "structure": FormBuilder._structure,
    "read_eval": FormBuilder._read_eval,
    "label_def": FormBuilder._label_def,
}


def _sequence_items(x) -> list | None:
    """The elements of a proper list, vector or string X, else None."""
    if x is NIL:
        return []
    if type(x) is Cons:
        out = []
        while type(x) is Cons:
            out.append(x.car)
            x = x.cdr
        return out if x is NIL else None
    if type(x) is Vector:
        return list(x.active())
    if type(x) is LString:
        return [make_char(c) for c in x.value]
    return None


def substitute_label(root, label: Label):
    """Replace every reference to LABEL inside ROOT by ROOT itself (#n=
    around a datum that contains #n#). Walks conses, vectors and arrays,
    each object once, so circular structure terminates."""
    seen = set()
    stack = [root]
    while stack:
        x = stack.pop()
        while True:
            if id(x) in seen:
                break
            seen.add(id(x))
            if type(x) is Cons:
                if x.car is label:
                    x.car = root
                else:
                    stack.append(x.car)
                if x.cdr is label:
                    x.cdr = root
                    break
                x = x.cdr
            elif type(x) is Vector or type(x) is Array:
                items = x.items
                for k, item in enumerate(items):
                    if item is label:
                        items[k] = root
                    else:
                        stack.append(item)
                break
            else:
                break


def feature_true(expr, features: set) -> bool:
    """Evaluate the feature expression EXPR (CLHS 24.1.2.1) against the set
    of FEATURES symbols. Raises ReadFailure for a malformed expression."""
    if isinstance(expr, Symbol):
        return expr in features
    if type(expr) is Cons and isinstance(expr.car, Symbol) and expr.car.package in (KEYWORD, CL):
        op = expr.car.name
        args = []
        x = expr.cdr
        while type(x) is Cons:
            args.append(x.car)
            x = x.cdr
        if x is NIL:
            if op == "AND":
                return all(feature_true(a, features) for a in args)
            if op == "OR":
                return any(feature_true(a, features) for a in args)
            if op == "NOT" and len(args) == 1:
                return not feature_true(args[0], features)
        raise ReadFailure("unknown operator in feature expression")
    raise ReadFailure("invalid feature expression")


"""Integer functions of the numbers dictionary: GCD, LCM, ISQRT, the
two's-complement logical operations, byte specifiers (LDB, DPB ...), BOOLE
and its constants, and PARSE-INTEGER.

Integers behave as if in infinite two's complement, which is Python's
model too, so the bit operations are Python's. A byte specifier is a cons
(size . position), as in SBCL, where (byte 8 0) prints as (8 . 0).
"""
from __future__ import annotations

import math
import unicodedata

from ..dynamic import defvar
from ..errors import LispError, lisp_error, type_error
from ..functions import defun
from ..objects import NIL, T, MV, Cons, LString, cl_sym, lisp_list
from ..numbers import check_integer

_INTEGER = cl_sym("INTEGER")
# The type SBCL checks byte sizes and positions against on 64-bit targets.
_BIT_INDEX = lisp_list(cl_sym("MOD"), 4611686018427387841)


def _integers(xs):
    for x in xs:
        if type(x) is not int:
            raise type_error(x, _INTEGER)


# ---------------------------------------------------------------- gcd, lcm, isqrt
@defun("GCD", "&rest integers", pure=True)
def lisp_gcd(*integers):
    """Return the greatest common divisor of the arguments, which must be
  integers. GCD with no arguments is defined to be 0."""
    _integers(integers)
    return math.gcd(*integers)


@defun("LCM", "&rest integers", pure=True)
def lisp_lcm(*integers):
    """Return the least common multiple of one or more integers. LCM of no
  arguments is defined to be 1."""
    _integers(integers)
    if not integers:
        return 1
    return math.lcm(*integers)


@defun("ISQRT", "n", pure=True)
def lisp_isqrt(n):
    """Return the greatest integer less than or equal to the square root of N."""
    if type(n) is not int or n < 0:
        raise type_error(n, cl_sym("UNSIGNED-BYTE"))
    return math.isqrt(n)


# ---------------------------------------------------------------- logical operations
@defun("LOGIOR", "&rest integers", pure=True)
def logior(*integers):
    """Return the bit-wise or of its arguments. Args must be integers."""
    result = 0
    for x in integers:
        result |= check_integer(x)
    return result


@defun("LOGXOR", "&rest integers", pure=True)
def logxor(*integers):
    """Return the bit-wise exclusive or of its arguments. Args must be integers."""
    result = 0
    for x in integers:
        result ^= check_integer(x)
    return result


@defun("LOGAND", "&rest integers", pure=True)
def logand(*integers):
    """Return the bit-wise and of its arguments. Args must be integers."""
    result = -1
    for x in integers:
        result &= check_integer(x)
    return result


@defun("LOGEQV", "&rest integers", pure=True)
def logeqv(*integers):
    """Return the bit-wise equivalence of its arguments. Args must be integers."""
    result = -1
    for x in integers:
        result = ~(result ^ check_integer(x))
    return result


def _two(a, b):
    return check_integer(a), check_integer(b)


@defun("LOGNAND", "integer1 integer2", pure=True)
def lognand(integer1, integer2):
    """Complement the logical AND of INTEGER1 and INTEGER2."""
    a, b = _two(integer1, integer2)
    return ~(a & b)


@defun("LOGNOR", "integer1 integer2", pure=True)
def lognor(integer1, integer2):
    """Complement the logical OR of INTEGER1 and INTEGER2."""
    a, b = _two(integer1, integer2)
    return ~(a | b)


@defun("LOGANDC1", "integer1 integer2", pure=True)
def logandc1(integer1, integer2):
    """Bitwise AND (LOGNOT INTEGER1) with INTEGER2."""
    a, b = _two(integer1, integer2)
    return ~a & b


@defun("LOGANDC2", "integer1 integer2", pure=True)
def logandc2(integer1, integer2):
    """Bitwise AND INTEGER1 with (LOGNOT INTEGER2)."""
    a, b = _two(integer1, integer2)
    return a & ~b


@defun("LOGORC1", "integer1 integer2", pure=True)
def logorc1(integer1, integer2):
    """Bitwise OR (LOGNOT INTEGER1) with INTEGER2."""
    a, b = _two(integer1, integer2)
    return ~a | b


@defun("LOGORC2", "integer1 integer2", pure=True)
def logorc2(integer1, integer2):
    """Bitwise OR INTEGER1 with (LOGNOT INTEGER2)."""
    a, b = _two(integer1, integer2)
    return a | ~b


@defun("LOGNOT", "number", pure=True)
def lognot(number):
    """Return the bit-wise logical not of integer."""
    return ~check_integer(number)


@defun("LOGTEST", "integer1 integer2", pure=True)
def logtest(integer1, integer2):
    """Predicate which returns T if logand of integer1 and integer2 is not zero."""
    a, b = _two(integer1, integer2)
    return T if a & b else NIL


@defun("LOGBITP", "index integer", pure=True)
def logbitp(index, integer):
    """Predicate returns T if bit index of integer is a 1."""
    check_integer(index)
    check_integer(integer)
    if index < 0:
        return NIL
    return T if (integer >> index) & 1 else NIL


@defun("LOGCOUNT", "integer", pure=True)
def logcount(integer):
    """Count the number of 1 bits if INTEGER is non-negative,
and the number of 0 bits if INTEGER is negative."""
    x = check_integer(integer)
    return (~x if x < 0 else x).bit_count()


@defun("INTEGER-LENGTH", "integer", pure=True)
def integer_length(integer):
    """Return the number of non-sign bits in the twos-complement representation
  of INTEGER."""
    x = check_integer(integer)
    return (~x if x < 0 else x).bit_length()


@defun("ASH", "integer count", pure=True)
def ash(integer, count):
    """Shifts integer left by count places preserving sign. - count shifts right."""
    x = check_integer(integer)
    n = check_integer(count)
    return x << n if n >= 0 else x >> -n


# ---------------------------------------------------------------- byte specifiers
def _bit_index(x):
    if type(x) is not int or x < 0:
        raise type_error(x, _BIT_INDEX)
    return x


def _bytespec(spec):
    if type(spec) is not Cons:
        raise type_error(spec, cl_sym("CONS"))
    return _bit_index(spec.car), _bit_index(spec.cdr)


@defun("BYTE", "size position", pure=True)
def byte(size, position):
    """Return a byte specifier which may be used by other byte functions
  (e.g. LDB)."""
    return Cons(_bit_index(size), _bit_index(position))


@defun("BYTE-SIZE", "bytespec", pure=True)
def byte_size(bytespec):
    """Return the size part of the byte specifier bytespec."""
    return _bytespec(bytespec)[0]


@defun("BYTE-POSITION", "bytespec", pure=True)
def byte_position(bytespec):
    """Return the position part of the byte specifier bytespec."""
    return _bytespec(bytespec)[1]


@defun("LDB", "bytespec integer", pure=True)
def ldb(bytespec, integer):
    """Extract the specified byte from integer, and right justify result."""
    size, pos = _bytespec(bytespec)
    return (check_integer(integer) >> pos) & ((1 << size) - 1)


@defun("LDB-TEST", "bytespec integer", pure=True)
def ldb_test(bytespec, integer):
    """Return T if any of the specified bits in integer are 1's."""
    return T if ldb(bytespec, integer) else NIL


@defun("MASK-FIELD", "bytespec integer", pure=True)
def mask_field(bytespec, integer):
    """Extract the specified byte from integer,  but do not right justify result."""
    size, pos = _bytespec(bytespec)
    return check_integer(integer) & (((1 << size) - 1) << pos)


@defun("DPB", "newbyte bytespec integer", pure=True)
def dpb(newbyte, bytespec, integer):
    """Return new integer with newbyte in specified position, newbyte is right justified."""
    size, pos = _bytespec(bytespec)
    check_integer(newbyte)
    mask = (1 << size) - 1
    return (check_integer(integer) & ~(mask << pos)) | ((newbyte & mask) << pos)


@defun("DEPOSIT-FIELD", "newbyte bytespec integer", pure=True)
def deposit_field(newbyte, bytespec, integer):
    """Return new integer with newbyte in specified position, newbyte is not right justified."""
    size, pos = _bytespec(bytespec)
    check_integer(newbyte)
    mask = ((1 << size) - 1) << pos
    return (newbyte & mask) | (check_integer(integer) & ~mask)


# ---------------------------------------------------------------- BOOLE
_BOOLE_OPS = (
    ("BOOLE-CLR", lambda a, b: 0),
    ("BOOLE-SET", lambda a, b: -1),
    ("BOOLE-1", lambda a, b: a),
    ("BOOLE-2", lambda a, b: b),
    ("BOOLE-C1", lambda a, b: ~a),
    ("BOOLE-C2", lambda a, b: ~b),
    ("BOOLE-AND", lambda a, b: a & b),
    ("BOOLE-IOR", lambda a, b: a | b),
    ("BOOLE-XOR", lambda a, b: a ^ b),
    ("BOOLE-EQV", lambda a, b: ~(a ^ b)),
    ("BOOLE-NAND", lambda a, b: ~(a & b)),
    ("BOOLE-NOR", lambda a, b: ~(a | b)),
    ("BOOLE-ANDC1", lambda a, b: ~a & b),
    ("BOOLE-ANDC2", lambda a, b: a & ~b),
    ("BOOLE-ORC1", lambda a, b: ~a | b),
    ("BOOLE-ORC2", lambda a, b: a | ~b),
)
for _code, (_name, _) in enumerate(_BOOLE_OPS):
    defvar(_name, _code, constant=True)


@defun("BOOLE", "op integer1 integer2", pure=True)
def boole(op, integer1, integer2):
    """Bit-wise boolean function on two integers. Function chosen by OP:
        0       BOOLE-CLR
        1       BOOLE-SET
        2       BOOLE-1
        3       BOOLE-2
        4       BOOLE-C1
        5       BOOLE-C2
        6       BOOLE-AND
        7       BOOLE-IOR
        8       BOOLE-XOR
        9       BOOLE-EQV
        10      BOOLE-NAND
        11      BOOLE-NOR
        12      BOOLE-ANDC1
        13      BOOLE-ANDC2
        14      BOOLE-ORC1
        15      BOOLE-ORC2"""
    if type(op) is not int or not 0 <= op < 16:
        raise type_error(op, lisp_list(cl_sym("UNSIGNED-BYTE"), 4))
    a, b = _two(integer1, integer2)
    return _BOOLE_OPS[op][1](a, b)


# ---------------------------------------------------------------- PARSE-INTEGER
# Whitespace[1] of the standard readtable.
_WHITESPACE = frozenset(" \t\n\r\f")


def _digit_weight(ch: str, radix: int):
    """DIGIT-CHAR-P: ASCII digits and letters, or any Unicode decimal digit."""
    code = ord(ch)
    if code < 128:
        if 48 <= code <= 57:
            w = code - 48
        elif 65 <= code <= 90:
            w = code - 55
        elif 97 <= code <= 122:
            w = code - 87
        else:
            return None
    else:
        w = unicodedata.decimal(ch, None)
        if w is None:
            return None
    return w if w < radix else None


def _parse_error(control: str, string):
    return LispError("SB-INT:SIMPLE-PARSE-ERROR", {
        "FORMAT-CONTROL": LString(control), "FORMAT-ARGUMENTS": lisp_list(string)})


def _bounds(start, end, length):
    """Check START and END against a sequence of LENGTH as SBCL does; END
    NIL means LENGTH."""
    e = length if end is None or end is NIL else end
    if type(start) is not int or type(e) is not int or not 0 <= start <= e <= length:
        raise lisp_error("SIMPLE-TYPE-ERROR",
                         "The bounding indices ~S and ~S are bad for a sequence of length ~S.",
                         start, NIL if end is None else end, length,
                         datum=Cons(start, NIL if end is None else end),
                         expected_type=lisp_list(cl_sym("CONS"),
                                                 lisp_list(_INTEGER, 0, length),
                                                 lisp_list(_INTEGER, 0, length)))
    return start, e


@defun("PARSE-INTEGER", "string &key start end radix junk-allowed", mv=True)
def parse_integer(string, start=0, end=None, radix=10, junk_allowed=NIL):
    """Examine the substring of string delimited by start and end
  (default to the beginning and end of the string)  It skips over
  whitespace characters and then tries to parse an integer. The
  radix parameter must be between 2 and 36."""
    if type(string) is not LString:
        raise type_error(string, cl_sym("STRING"))
    if type(radix) is not int or not 2 <= radix <= 36:
        raise type_error(radix, lisp_list(cl_sym("INTEGER"), 2, 36))
    s = string.value
    start, end = _bounds(start, end, len(s))
    index = start
    while index < end and s[index] in _WHITESPACE:
        index += 1
    if index == end:
        if junk_allowed is not NIL:
            return MV((NIL, end))
        raise _parse_error("no non-whitespace characters in string ~S.", string)
    minusp = False
    if s[index] == "-":
        minusp = True
        index += 1
    elif s[index] == "+":
        index += 1
    found_digit = False
    result = 0
    while index < end:
        ch = s[index]
        weight = _digit_weight(ch, radix)
        if weight is not None:
            result = result * radix + weight
            found_digit = True
        elif junk_allowed is not NIL:
            break
        elif ch in _WHITESPACE:
            while index + 1 < end:
                index += 1
                if s[index] not in _WHITESPACE:
                    raise _parse_error("junk in string ~S", string)
            index = end
            break
        else:
            raise _parse_error("junk in string ~S", string)
        index += 1
    if found_digit:
        return MV((-result if minusp else result, index))
    if junk_allowed is not NIL:
        return MV((NIL, index))
    raise _parse_error("no digits in string ~S", string)

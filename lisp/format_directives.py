"""FORMAT directives that print: ~A ~S ~C ~W, the integer directives ~D ~B
~O ~X ~R ~P, the float directives ~F ~E ~G ~$ (text from format_float.py),
and the layout directives ~% ~& ~| ~~ ~T and tilde-newline.
"""
from __future__ import annotations

from fractions import Fraction

from .characters import alphanumericp, char_downcase, char_name, char_upcase, graphic_char_p
from .dynamic import symbol_value
from .errors import lisp_error
from .format_core import (DIRECTIVES, SPACE, Formatter, binding_type_error, char_param,
                          integer_param, prin1, princ, princ_text, real_param)
from .format_float import dollars_text, exponential_text, fixed_text, general_text
from .format_words import cardinal, old_roman, ordinal, roman
from .numbers import to_single
from .objects import NIL, Char, LispComplex, SingleFloat, cl_sym, lisp_list, make_char
from .pprint import pprint_tab
from .printer import prin1_to_string, write_object
from .printnum import integer_text

_COMMA = make_char(",")
_FLOAT_FORMAT = cl_sym("*READ-DEFAULT-FLOAT-FORMAT*")


def _string_capitalize(s: str) -> str:
    """STRING-CAPITALIZE: each run of alphanumerics capitalized."""
    out = []
    in_word = False
    for ch in s:
        if alphanumericp(ch):
            out.append(char_downcase(ch) if in_word else char_upcase(ch))
            in_word = True
        else:
            out.append(ch)
            in_word = False
    return "".join(out)


def _is_float(x) -> bool:
    return type(x) is float or type(x) is SingleFloat


def _is_rational(x) -> bool:
    return type(x) is int or type(x) is Fraction


def _default_single() -> bool:
    return symbol_value(_FLOAT_FORMAT) not in (cl_sym("DOUBLE-FLOAT"), cl_sym("LONG-FLOAT"))


# ---------------------------------------------------------------- printing directives
def _dir_a(f: Formatter, stream, d, i, hi, orig, args):
    if d.params:
        mincol, colinc, minpad, padchar = f.bind(d, args, (0, 1, 0, SPACE))
        arg = f.next_arg(args, d.offset)
        text = "()" if d.colon and arg is NIL else princ_text(arg)
        f.write_field(d, stream, text, mincol, colinc, minpad, padchar, d.atsign)
    else:
        arg = f.next_arg(args, d.offset)
        if d.colon and arg is NIL:
            stream.write("()")
        else:
            princ(arg, stream)
    return i + 1


def _dir_s(f: Formatter, stream, d, i, hi, orig, args):
    if d.params:
        mincol, colinc, minpad, padchar = f.bind(d, args, (0, 1, 0, SPACE))
        arg = f.next_arg(args, d.offset)
        text = "()" if d.colon and arg is NIL else prin1_to_string(arg)
        f.write_field(d, stream, text, mincol, colinc, minpad, padchar, d.atsign)
    else:
        arg = f.next_arg(args, d.offset)
        if d.colon and arg is NIL:
            stream.write("()")
        else:
            prin1(arg, stream)
    return i + 1


def _dir_c(f: Formatter, stream, d, i, hi, orig, args):
    f.bind(d, args, ())
    arg = f.next_arg(args, d.offset)
    if type(arg) is not Char:
        raise f.error(d.offset, "~S is not of type CHARACTER.", arg)
    if d.colon:
        ch = arg.ch
        if ch != " " and graphic_char_p(ch):
            stream.write(ch)
        else:
            stream.write(_string_capitalize(char_name(ch)))
    elif d.atsign:
        prin1(arg, stream)
    else:
        stream.write(arg.ch)
    return i + 1


def _dir_w(f: Formatter, stream, d, i, hi, orig, args):
    f.bind(d, args, ())
    arg = f.next_arg(args, d.offset)
    overrides = {}
    if d.colon:
        overrides["pretty"] = True
    if d.atsign:
        overrides["level"] = None
        overrides["length"] = None
    write_object(arg, stream, **overrides)
    return i + 1


# ---------------------------------------------------------------- integers
def _add_commas(digits: str, commachar: str, interval: int) -> str:
    first = (len(digits) - 1) % interval + 1
    groups = [digits[:first]]
    groups.extend(digits[j:j + interval] for j in range(first, len(digits), interval))
    return commachar.join(groups)


def _print_integer(f: Formatter, d, stream, number, commas: bool, sign: bool, base: int,
                   mincol, padchar, commachar, interval):
    """SBCL's FORMAT-PRINT-INTEGER: a non-integer is PRINCed in BASE."""
    _check_base(base)
    if type(number) is not int:
        write_object(number, stream, escape=False, readably=False, base=base, radix=False)
        return
    text = integer_text(abs(number), base)
    if commas:
        text = _add_commas(text, char_param(commachar), real_param(interval))
    if number < 0:
        text = "-" + text
    elif sign:
        text = "+" + text
    f.write_field(d, stream, text, mincol, 1, 0, padchar, True)


def _check_base(base):
    """SBCL binds *PRINT-BASE* to the radix, which checks it."""
    if type(base) is not int or not 2 <= base <= 36:
        raise binding_type_error(base, lisp_list(cl_sym("INTEGER"), 2, 36),
                                 cl_sym("*PRINT-BASE*"))


def _integer_directive(base: int):
    def handler(f: Formatter, stream, d, i, hi, orig, args):
        if d.colon or d.atsign or d.params:
            mincol, padchar, commachar, interval = f.bind(d, args, (0, SPACE, _COMMA, 3))
            _print_integer(f, d, stream, f.next_arg(args, d.offset), d.colon, d.atsign, base,
                           mincol, padchar, commachar, interval)
        else:
            arg = f.next_arg(args, d.offset)
            if type(arg) is int:
                stream.write(integer_text(arg, base))
            else:
                write_object(arg, stream, escape=False, readably=False, base=base, radix=False)
        return i + 1
    return handler


def _dir_r(f: Formatter, stream, d, i, hi, orig, args):
    base, mincol, padchar, commachar, interval = f.bind(d, args, (None, 0, SPACE, _COMMA, 3))
    arg = f.next_arg(args, d.offset)
    if base is None and type(arg) is not int:
        raise f.error(d.offset, "~S is not of type INTEGER.", arg)
    if base is not None:
        _print_integer(f, d, stream, arg, d.colon, d.atsign, base, mincol, padchar, commachar,
                       interval)
    elif d.atsign:
        stream.write(old_roman(arg) if d.colon else roman(arg))
    else:
        stream.write(ordinal(arg) if d.colon else cardinal(arg))
    return i + 1


def _dir_p(f: Formatter, stream, d, i, hi, orig, args):
    f.bind(d, args, ())
    if d.colon:
        if args.pos == 0:
            raise f.error(d.offset, "No previous argument")
        arg = args.items[args.pos - 1]
    else:
        arg = f.next_arg(args, d.offset)
    one = type(arg) is int and arg == 1
    if d.atsign:
        stream.write("y" if one else "ies")
    elif not one:
        stream.write("s")
    return i + 1


# ---------------------------------------------------------------- floats
def _float_arg(number):
    """NUMBER as the float the float directives print: rationals become
    single floats; None for anything else."""
    if _is_float(number):
        return number
    if _is_rational(number):
        return to_single(number)
    return None


def _finite(x: float) -> bool:
    return x - x == 0.0


def _non_float(f: Formatter, d, stream, number, w, pad):
    """How ~F ~E ~G print what is not a real: a complex in decimal, right
    aligned in W; anything else PRINCed, left aligned."""
    if type(number) is LispComplex:
        f.write_field(d, stream, princ_text(number, base=10, radix=False), w, 1, 0,
                      SPACE, True)
    else:
        f.write_field(d, stream, princ_text(number, base=10), w, 1, 0, pad, False)


def _dir_f(f: Formatter, stream, d, i, hi, orig, args):
    f.check_modifiers(d, False, True)
    w, dd, k, ovf, pad = f.bind(d, args, (None, None, None, None, SPACE))
    number = f.next_arg(args, d.offset)
    x = _float_arg(number)
    if x is None:
        _non_float(f, d, stream, number, w, pad)
    elif not _finite(x):
        prin1(x, stream)
    else:
        stream.write(fixed_text(x, w, dd, k, None if ovf is None else char_param(ovf),
                                char_param(pad), d.atsign)[0])
    return i + 1


def _dir_e(f: Formatter, stream, d, i, hi, orig, args):
    f.check_modifiers(d, False, True)
    w, dd, e, k, ovf, pad, mark = f.bind(d, args, (None, None, None, 1, None, SPACE, None))
    number = f.next_arg(args, d.offset)
    x = _float_arg(number)
    if x is None:
        _non_float(f, d, stream, number, w, pad)
    elif not _finite(x):
        prin1(x, stream)
    else:
        stream.write(exponential_text(
            x, w, dd, e, k, None if ovf is None else char_param(ovf), char_param(pad),
            None if mark is None else char_param(mark), d.atsign, _default_single()))
    return i + 1


def _dir_g(f: Formatter, stream, d, i, hi, orig, args):
    f.check_modifiers(d, False, True)
    w, dd, e, k, ovf, pad, mark = f.bind(d, args, (None, None, None, None, None, SPACE, None))
    number = f.next_arg(args, d.offset)
    x = _float_arg(number)
    if x is None:
        _non_float(f, d, stream, number, w, pad)
    elif not _finite(x):
        prin1(x, stream)
    else:
        stream.write(general_text(
            x, w, dd, e, k, None if ovf is None else char_param(ovf), char_param(pad),
            None if mark is None else char_param(mark), d.atsign, _default_single()))
    return i + 1


def _dir_dollar(f: Formatter, stream, d, i, hi, orig, args):
    dd, n, w, pad = f.bind(d, args, (2, 1, 0, SPACE))
    number = f.next_arg(args, d.offset)
    x = _float_arg(number)
    if x is None:
        f.write_field(d, stream, princ_text(number, base=10), w, 1, 0, SPACE, True)
    elif not _finite(x):
        raise lisp_error("SIMPLE-ERROR", "Can't decode NaN or infinity: ~S.", x)
    else:
        stream.write(dollars_text(x, dd, n, w, char_param(pad), d.colon, d.atsign))
    return i + 1


# ---------------------------------------------------------------- layout
def _repeat_directive(text: str, fresh: bool = False):
    def handler(f: Formatter, stream, d, i, hi, orig, args):
        f.check_modifiers(d, False, False)
        count = integer_param(f.bind(d, args, (1,))[0])
        if fresh:
            if count > 0:
                stream.fresh_line()
                stream.write(text * (count - 1))
        else:
            stream.write(text * count)
        return i + 1
    return handler


def _dir_newline(f: Formatter, stream, d, i, hi, orig, args):
    # Only an illegal tilde-newline survives tokenizing to get here.
    f.check_modifiers(d, True, True, both_ok=False)
    f.bind(d, args, ())
    return i + 1


def _dir_t(f: Formatter, stream, d, i, hi, orig, args):
    if d.colon:
        colnum, colinc = map(integer_param, f.bind(d, args, (1, 1)))
        pprint_tab(stream, "section-relative" if d.atsign else "section", colnum, colinc)
        return i + 1
    if d.atsign:
        colrel, colinc = map(integer_param, f.bind(d, args, (1, 1)))
        cur = stream.column
        if colinc > 0 and cur is not None:
            spaces = -(-(cur + colrel) // colinc) * colinc - cur
        else:
            spaces = colrel
    else:
        colnum, colinc = map(integer_param, f.bind(d, args, (1, 1)))
        cur = stream.column
        if cur is None:
            # a Gray stream that cannot tell its column (SBCL's rule)
            spaces = 2
        elif cur < colnum:
            spaces = colnum - cur
        elif colinc:
            spaces = colinc - (cur - colnum) % colinc
        else:
            spaces = 0
    stream.write(" " * spaces)
    return i + 1


DIRECTIVES.update({
    "A": _dir_a, "S": _dir_s, "C": _dir_c, "W": _dir_w,
    "D": _integer_directive(10), "B": _integer_directive(2), "O": _integer_directive(8),
    "X": _integer_directive(16), "R": _dir_r, "P": _dir_p,
    "F": _dir_f, "E": _dir_e, "G": _dir_g, "$": _dir_dollar,
    "%": _repeat_directive("\n"), "&": _repeat_directive("\n", fresh=True),
    "|": _repeat_directive("\f"), "~": _repeat_directive("~"), "\n": _dir_newline,
    "T": _dir_t,
})

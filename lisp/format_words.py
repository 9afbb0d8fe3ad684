"""Numbers in words and Roman numerals for FORMAT's ~R, ~:R, ~@R and ~:@R,
with SBCL's wording ("one hundred twenty-three", "twelfth") and its limits
(English up to the vigintillions, Roman below 4000, old Roman below 5000).
"""
from __future__ import annotations

from .errors import lisp_error

__all__ = ["cardinal", "ordinal", "roman", "old_roman"]

_ONES = (None, "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TENS = (None, None, "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
         "eighty", "ninety")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen")
_PERIODS = ("", " thousand", " million", " billion", " trillion", " quadrillion",
            " quintillion", " sextillion", " septillion", " octillion", " nonillion",
            " decillion", " undecillion", " duodecillion", " tredecillion",
            " quattuordecillion", " quindecillion", " sexdecillion", " septendecillion",
            " octodecillion", " novemdecillion", " vigintillion")
_ORDINAL_ONES = (None, "first", "second", "third", "fourth", "fifth", "sixth",
                 "seventh", "eighth", "ninth")
_ORDINAL_TENS = (None, "tenth", "twentieth", "thirtieth", "fortieth", "fiftieth",
                 "sixtieth", "seventieth", "eightieth", "ninetieth")


def _small_cardinal(n: int, out: list):
    """0 < N < 1000."""
    hundreds, rem = divmod(n, 100)
    if hundreds:
        out.append(_ONES[hundreds] + " hundred")
        if rem:
            out.append(" ")
    if rem:
        tens, ones = divmod(rem, 10)
        if tens > 1:
            out.append(_TENS[tens])
            if ones:
                out.append("-" + _ONES[ones])
        elif tens == 1:
            out.append(_TEENS[ones])
        else:
            out.append(_ONES[ones])


def _cardinal_periods(n: int, period: int, whole: int, out: list):
    beyond, here = divmod(n, 1000)
    if period >= len(_PERIODS):
        raise lisp_error("SIMPLE-ERROR", "Number too large to print in English: ~:D", whole)
    if beyond:
        _cardinal_periods(beyond, period + 1, whole, out)
    if here:
        if beyond:
            out.append(" ")
        _small_cardinal(here, out)
        out.append(_PERIODS[period])


def cardinal(n: int) -> str:
    """~R: N in English words."""
    if n == 0:
        return "zero"
    out = ["negative "] if n < 0 else []
    _cardinal_periods(abs(n), 0, n, out)
    return "".join(out)


def ordinal(n: int) -> str:
    """~:R: N as an English ordinal."""
    out = ["negative "] if n < 0 else []
    number = abs(n)
    top, bot = divmod(number, 100)
    if top:
        out.append(cardinal(number - bot))
    if top and bot:
        out.append(" ")
    tens, ones = divmod(bot, 10)
    if bot == 12:
        out.append("twelfth")
    elif tens == 1:
        out.append(_TEENS[ones] + "th")
    elif tens == 0 and ones:
        out.append(_ORDINAL_ONES[ones])
    elif ones == 0 and tens:
        out.append(_ORDINAL_TENS[tens])
    elif bot:
        out.append(_TENS[tens] + "-" + _ORDINAL_ONES[ones])
    elif number:
        out.append("th")
    else:
        out.append("zeroth")
    return "".join(out)


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_OLD_ROMAN = ((1000, "M"), (500, "D"), (100, "C"), (50, "L"), (10, "X"), (5, "V"), (1, "I"))


def _roman(n: int, table) -> str:
    out = []
    for value, letters in table:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def roman(n: int) -> str:
    """~@R: N (1 to 3999) in Roman numerals."""
    if not 0 < n < 4000:
        raise lisp_error("SIMPLE-ERROR", "Number too large to print in Roman numerals: ~:D", n)
    return _roman(n, _ROMAN)


def old_roman(n: int) -> str:
    """~:@R: N (1 to 4999) in old Roman numerals (IIII, not IV)."""
    if not 0 < n < 5000:
        raise lisp_error("SIMPLE-ERROR", "Number too large to print in old Roman numerals: ~:D", n)
    return _roman(n, _OLD_ROMAN)

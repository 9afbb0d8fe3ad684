"""Time (CLHS 25.1.4): universal time, decoded time, internal time and the
TIME macro.

Universal time counts seconds from 1900-01-01 00:00 GMT. A time zone is
hours *west* of Greenwich, a rational multiple of 1/3600, as CL has it (the
opposite sign of the usual UTC offset). Internal time is in microseconds,
SBCL's INTERNAL-TIME-UNITS-PER-SECOND on 64-bit hosts.
"""
from __future__ import annotations

import calendar
import os
import time
from fractions import Fraction

from ..errors import type_error
from ..functions import defun
from ..macros import defmacro, args_of, L, S, LET, gensym
from ..objects import NIL, T, MV, CONSTANT, SPECIAL, cl_sym, sys_sym, lisp_list
from ..stdstreams import stream_value

UNITS_PER_SECOND = 1_000_000
UNIX_EPOCH = 2208988800          # universal time of 1970-01-01 00:00 GMT
_START_NS = time.monotonic_ns()  # internal real time counts from start-up, as SBCL's does

_ITUPS = cl_sym("INTERNAL-TIME-UNITS-PER-SECOND")
_ITUPS.value = UNITS_PER_SECOND
_ITUPS.flags |= SPECIAL | CONSTANT


@defun("GET-INTERNAL-REAL-TIME", "")
def get_internal_real_time():
    """Return the real time (\"wallclock time\") since startup in the internal
    time format. (See INTERNAL-TIME-UNITS-PER-SECOND.)"""
    return (time.monotonic_ns() - _START_NS) // 1000


@defun("GET-INTERNAL-RUN-TIME", "")
def get_internal_run_time():
    """Return the run time used by the process in the internal time format.
    (See INTERNAL-TIME-UNITS-PER-SECOND.)"""
    return time.process_time_ns() // 1000


@defun("GET-UNIVERSAL-TIME", "")
def get_universal_time():
    """Return a single integer for the current time of day in universal time
    format."""
    return int(time.time()) + UNIX_EPOCH


def _local_zone(unix_seconds: int) -> tuple[Fraction, bool]:
    """The host's time zone (hours west, without daylight saving) and
    whether daylight saving is in effect at UNIX_SECONDS."""
    lt = time.localtime(unix_seconds)
    dst = lt.tm_isdst > 0
    offset = lt.tm_gmtoff - (3600 if dst else 0)
    return Fraction(-offset, 3600), dst


def _zone(x) -> Fraction:
    if isinstance(x, (int, Fraction)) and not isinstance(x, bool) and -24 <= x <= 24 \
            and (Fraction(x) * 3600).denominator == 1:
        return Fraction(x)
    raise type_error(x, "(RATIONAL -24 24)")


def _lisp_rational(x: Fraction):
    return x.numerator if x.denominator == 1 else x


@defun("DECODE-UNIVERSAL-TIME", "universal-time &optional time-zone", mv=True)
def decode_universal_time(utime, tz=NIL):
    """Converts a universal-time to decoded time format returning the
    following nine values: second, minute, hour, date, month, year, day of
    week (0 = Monday), T (daylight savings time) or NIL (standard time), and
    timezone. Completely ignores daylight-savings-time when time-zone is
    supplied."""
    if not isinstance(utime, int) or isinstance(utime, bool) or utime < 0:
        raise type_error(utime, "UNSIGNED-BYTE")
    if tz is NIL:
        zone, dst = _local_zone(utime - UNIX_EPOCH)
    else:
        zone, dst = _zone(tz), False
    local = utime - zone * 3600 + (3600 if dst else 0)
    secs = int(local)
    days, rest = divmod(secs, 86400)
    hour, rest = divmod(rest, 3600)
    minute, second = divmod(rest, 60)
    # 1900-01-01 was a Monday; proleptic Gregorian dates from datetime's ordinal
    import datetime
    d = datetime.date(1900, 1, 1) + datetime.timedelta(days=days)
    return MV([second, minute, hour, d.day, d.month, d.year, days % 7,
               T if dst else NIL, _lisp_rational(zone)])


@defun("GET-DECODED-TIME", "", mv=True)
def get_decoded_time():
    """Return nine values specifying the current time as follows: second,
    minute, hour, date, month, year, day of week (0 = Monday), T (daylight
    savings times) or NIL (standard time), and timezone."""
    return decode_universal_time(get_universal_time())


def _check_range(x, lo, hi, spec):
    if not isinstance(x, int) or isinstance(x, bool) or not lo <= x <= hi:
        raise type_error(x, spec)


@defun("ENCODE-UNIVERSAL-TIME", "second minute hour date month year &optional time-zone")
def encode_universal_time(second, minute, hour, date, month, year, tz=NIL):
    """The time values specified in decoded format are converted to
    universal time, which is returned."""
    _check_range(second, 0, 59, lisp_list(cl_sym("MOD"), 60))
    _check_range(minute, 0, 59, lisp_list(cl_sym("MOD"), 60))
    _check_range(hour, 0, 23, lisp_list(cl_sym("MOD"), 24))
    _check_range(date, 1, 31, lisp_list(cl_sym("INTEGER"), 1, 31))
    _check_range(month, 1, 12, lisp_list(cl_sym("INTEGER"), 1, 12))
    _check_range(year, 0, 10 ** 9, lisp_list(cl_sym("INTEGER"), 0))
    if year < 100:
        # a two-digit year is the one within 50 years of the current year
        current = time.gmtime().tm_year
        year += current - current % 100
        if year > current + 49:
            year -= 100
        elif year < current - 50:
            year += 100
    days = (calendar.timegm((year, month, 1, 0, 0, 0)) // 86400) + date - 1
    local = days * 86400 + hour * 3600 + minute * 60 + second + UNIX_EPOCH
    if tz is not NIL:
        return _lisp_rational(local + _zone(tz) * 3600)
    zone, dst = _local_zone(local - UNIX_EPOCH)
    guess = local + zone * 3600 - (3600 if dst else 0)
    zone, dst = _local_zone(int(guess) - UNIX_EPOCH)
    return _lisp_rational(local + zone * 3600 - (3600 if dst else 0))


# ---------------------------------------------------------------- TIME
@defun("SYS:%TIME-START", "")
def time_start():
    """The clocks TIME reads before evaluating its form: (real run)."""
    return lisp_list(time.perf_counter_ns(), time.process_time_ns())


@defun("SYS:%TIME-REPORT", "start")
def time_report(start):
    """Print to *TRACE-OUTPUT* what the evaluation since START took, in the
    shape of SBCL's report (without the cycle and consing counts, which
    this implementation does not measure)."""
    real_ns = time.perf_counter_ns() - start.car
    times = os.times()
    run_ns = time.process_time_ns() - start.cdr.car
    run = run_ns / 1e9
    # the user/system split of this interval, in the proportions the OS reports
    total = times.user + times.system
    user = run * (times.user / total) if total else run
    # the two clocks tick differently: a run longer than the real time is 100%
    cpu = min(100.0, 100.0 * run_ns / real_ns) if real_ns else 100.0
    out = stream_value(cl_sym("*TRACE-OUTPUT*"))
    out.fresh_line()
    out.write("Evaluation took:\n"
              f"  {real_ns / 1e9:.3f} seconds of real time\n"
              f"  {run:.6f} seconds of total run time ({user:.6f} user, "
              f"{run - user:.6f} system)\n"
              f"  {cpu:.2f}% CPU\n")
    return NIL


@defmacro("TIME")
def m_time(form, env):
    """TIME form
    Execute FORM and print timing information on *TRACE-OUTPUT*, returning
    the values of FORM."""
    (body,) = args_of(form, 1, 1)
    start = gensym("START")
    return L(LET, L(L(start, L(sys_sym("%TIME-START")))),
             L(S("MULTIPLE-VALUE-PROG1"), body, L(sys_sym("%TIME-REPORT"), start)))

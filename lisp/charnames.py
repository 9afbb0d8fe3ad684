"""Character names exactly as SBCL 2.2 gives them (CHAR-NAME and the
printer's #\\Name syntax), checked against SBCL for every code point.

SBCL names the ASCII control characters and the C1 block with its own short
names, and every other character by its Unicode name with spaces replaced by
underscores; a character without a name is called U<hex>. Python's
``unicodedata`` knows a newer Unicode than SBCL 2.2 does: the characters SBCL
has no name for are listed in ``_UNNAMED_IN_SBCL`` so that both agree.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_right

__all__ = ["char_name"]

_SHORT_NAMES = (
    "Nul Soh Stx Etx Eot Enq Ack Bel Backspace Tab Newline Vt Page Return So Si "
    "Dle Dc1 Dc2 Dc3 Dc4 Nak Syn Etb Can Em Sub Esc Fs Gs Rs Us Space").split()

_C1_NAMES = (
    "C80 C81 Break-Permitted No-Break-Permitted C84 Next-Line Start-Selected-Area "
    "End-Selected-Area Character-Tabulation-Set "
    "Character-Tabulation-With-Justification Line-Tabulation-Set "
    "Partial-Line-Forward Partial-Line-Backward Reverse-Linefeed Single-Shift-Two "
    "Single-Shift-Three Device-Control-String Private-Use-One Private-Use-Two "
    "Set-Transmit-State Cancel-Character Message-Waiting Start-Guarded-Area "
    "End-Guarded-Area Start-String C99 Single-Character-Introducer "
    "Control-Sequence-Introducer String-Terminator Operating-System-Command "
    "Privacy-Message Application-Program-Command").split()

# Unicode names SBCL renames: its PAGE would clash with #\\Page (form feed).
_RENAMED = {0x1F5CF: "UNICODE_PAGE"}

# Code points (hex, ranges inclusive) that Python's Unicode database names but
# SBCL 2.2's does not (characters added to Unicode after SBCL's version).
_UNNAMED_IN_SBCL_TEXT = """
560 588 5EF 61D 7FD-7FF 870-88E 890-891 898-89F 8B5 8BE-8D3 9FE A76 B55 C04
C3C C5D C77 C84 CDD D04 D81 E86 E89 E8C E8E-E93 E98 EA0 EA8-EA9 EAC EBA 170D
1715 171F 180F 1878 1ABF-1ACE 1B4C 1B7D-1B7E 1C90-1CBA 1CBD-1CBF 1CFA 1DFA
20C0 2B97 2BBA-2BBC 2BC9 2BD3-2BEB 2BF0-2BFF 2C2F 2C5F 2E4A-2E5D 312F
31BB-31BF 32FF A7AF A7B8-A7CA A7D0-A7D1 A7D3 A7D5-A7D9 A7F2-A7F6 A82C
A8FE-A8FF AB66-AB6B FBC2 FD40-FD4F FDCF FDFE-FDFF 1019C 10570-1057A
1057C-1058A 1058C-10592 10594-10595 10597-105A1 105A3-105B1 105B3-105B9
105BB-105BC 10780-10785 10787-107B0 107B2-107BA 10A34-10A35 10A48
10D00-10D27 10D30-10D39 10E80-10EA9 10EAB-10EAD 10EB0-10EB1 10F00-10F27
10F30-10F59 10F70-10F89 10FB0-10FCB 10FE0-10FF6 11070-11075 110C2 110CD
11144-11147 111CE-111CF 1133B 1145A 1145E-11461 116B8-116B9 1171A
11740-11746 11800-1183B 11900-11906 11909 1190C-11913 11915-11916
11918-11935 11937-11938 1193B-11946 11950-11959 119A0-119A7 119AA-119D7
119DA-119E4 11A84-11A85 11A9D 11AB0-11ABF 11D60-11D65 11D67-11D68
11D6A-11D8E 11D90-11D91 11D93-11D98 11DA0-11DA9 11EE0-11EF8 11FB0
11FC0-11FF1 11FFF 12F90-12FF2 13430-13438 16A70-16ABE 16AC0-16AC9
16E40-16E9A 16F45-16F4A 16F4F 16F7F-16F87 16FE2-16FE4 16FF0-16FF1
18AF3-18CD5 1AFF0-1AFF3 1AFF5-1AFFB 1AFFD-1AFFE 1B11F-1B122 1B150-1B152
1B164-1B167 1CF00-1CF2D 1CF30-1CF46 1CF50-1CFC3 1D1E9-1D1EA 1D2E0-1D2F3
1D372-1D378 1DF00-1DF1E 1E100-1E12C 1E130-1E13D 1E140-1E149 1E14E-1E14F
1E290-1E2AE 1E2C0-1E2F9 1E2FF 1E7E0-1E7E6 1E7E8-1E7EB 1E7ED-1E7EE
1E7F0-1E7FE 1E94B 1EC71-1ECB4 1ED01-1ED3D 1F10D-1F10F 1F12F 1F16C-1F16F
1F1AD 1F6D5-1F6D7 1F6DD-1F6DF 1F6F9-1F6FC 1F7D5-1F7D8 1F7E0-1F7EB 1F7F0
1F8B0-1F8B1 1F90C-1F90F 1F93F 1F94D-1F94F 1F96C-1F97F 1F998-1F9BF
1F9C1-1F9CF 1F9E7-1FA53 1FA60-1FA6D 1FA70-1FA74 1FA78-1FA7C 1FA80-1FA86
1FA90-1FAAC 1FAB0-1FABA 1FAC0-1FAC5 1FAD0-1FAD9 1FAE0-1FAE7 1FAF0-1FAF6
1FB00-1FB92 1FB94-1FBCA 1FBF0-1FBF9
"""


def _parse_ranges(text: str) -> list[tuple[int, int]]:
    out = []
    for item in text.split():
        lo, _, hi = item.partition("-")
        out.append((int(lo, 16), int(hi or lo, 16)))
    return out


_UNNAMED_IN_SBCL = _parse_ranges(_UNNAMED_IN_SBCL_TEXT)
_UNNAMED_STARTS = [lo for lo, _ in _UNNAMED_IN_SBCL]


def _unnamed_in_sbcl(code: int) -> bool:
    i = bisect_right(_UNNAMED_STARTS, code) - 1
    return i >= 0 and _UNNAMED_IN_SBCL[i][1] >= code


def char_name(code: int) -> str:
    """The name SBCL's CHAR-NAME returns for the character with CODE."""
    if code <= 32:
        return _SHORT_NAMES[code]
    if code == 127:
        return "Rubout"
    if 128 <= code < 160:
        return _C1_NAMES[code - 128]
    renamed = _RENAMED.get(code)
    if renamed is not None:
        return renamed
    name = unicodedata.name(chr(code), None)
    if (name is None or name.startswith("CJK UNIFIED IDEOGRAPH-")
            or _unnamed_in_sbcl(code)):
        return "U%X" % code
    return name.replace(" ", "_")

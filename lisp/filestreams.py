"""File streams (SBCL's SB-SYS:FD-STREAM over a file) and OPEN.

A file stream reads and writes octets through a Python binary file, so
FILE-POSITION and FILE-LENGTH count octets (elements, for a binary stream
of a wider element type), characters are encoded and decoded here in the
stream's external format, and a :DEFAULT element type gives a bivalent
stream that reads and writes both characters and bytes, as in SBCL.

OPEN's :IF-EXISTS and :IF-DOES-NOT-EXIST follow SBCL: :RENAME and
:RENAME-AND-DELETE move the old file to NAME.bak, CLOSE :ABORT T puts it
back (or deletes a file the stream created or superseded), and a normal
CLOSE of a :RENAME-AND-DELETE stream deletes the backup.
"""
from __future__ import annotations

import os

from . import file_errors as FE
from .errors import lisp_error, type_error
from .objects import (KEYWORD, NIL, T, Char, Cons, LString, Symbol, cl_sym, keyword,
                      lisp_list, list_to_py)
from .pathnames import Pathname
from .streams import LispStream, closed_stream_error, os_error, wrong_stream_error

__all__ = ["FileStream", "open_file", "ElementKind", "parse_element_type",
           "parse_external_format"]

S = cl_sym
_CHARACTER = S("CHARACTER")

# ---------------------------------------------------------------- external formats
# keyword name -> (canonical keyword name, Python codec)
_FORMATS = {}
for _names, _codec in [(("UTF-8", "UTF8"), "utf-8"),
                       (("LATIN-1", "LATIN1", "ISO-8859-1", "ISO8859-1"), "latin-1"),
                       (("ASCII", "US-ASCII", "ANSI_X3.4-1968"), "ascii"),
                       (("LATIN-9", "LATIN9", "ISO-8859-15"), "iso8859-15"),
                       (("CP1252", "WINDOWS-1252"), "cp1252"),
                       (("UTF-16LE",), "utf-16-le"), (("UTF-16BE",), "utf-16-be"),
                       (("UTF-32LE",), "utf-32-le"), (("UTF-32BE",), "utf-32-be")]:
    for _n in _names:
        _FORMATS[_n] = (_names[0], _codec)


class ExternalFormat:
    """A parsed external format: the Python codec, the replacement string
    (None: signal a coding error) and what STREAM-EXTERNAL-FORMAT returns."""
    __slots__ = ("codec", "replacement", "lisp", "name")

    def __init__(self, name: str, codec: str, replacement: str | None, lisp):
        self.name, self.codec, self.replacement, self.lisp = name, codec, replacement, lisp


def parse_external_format(spec) -> ExternalFormat:
    """:DEFAULT, a format keyword, or (keyword :REPLACEMENT char-or-string)."""
    options = []
    head = spec
    if type(spec) is Cons:
        head, *options = list_to_py(spec)
    if head is keyword("DEFAULT"):
        head = keyword("UTF-8")
    found = _FORMATS.get(head.name) if type(head) is Symbol and head.package is KEYWORD \
        else None
    if found is None:
        raise lisp_error("SIMPLE-ERROR", "Undefined external-format: ~S", spec)
    name, codec = found
    replacement = None
    for i in range(0, len(options) - 1, 2):
        if options[i] is keyword("REPLACEMENT"):
            r = options[i + 1]
            replacement = r.ch if isinstance(r, Char) else (r.value if isinstance(r, LString)
                                                           else None)
    lisp = keyword(name) if type(spec) is not Cons else Cons(keyword(name), spec.cdr)
    return ExternalFormat(name, codec, replacement, lisp)


# ---------------------------------------------------------------- element types
class ElementKind:
    """What a file stream transfers: "character", "bivalent" (element type
    :DEFAULT) or "binary" bytes of UNIT octets, SIGNED or not."""
    __slots__ = ("kind", "unit", "signed")

    def __init__(self, kind: str, unit: int = 1, signed: bool = False):
        self.kind, self.unit, self.signed = kind, unit, signed

    def lisp_type(self):
        if self.kind != "binary":
            return _CHARACTER
        return lisp_list(S("SIGNED-BYTE" if self.signed else "UNSIGNED-BYTE"), 8 * self.unit)

    def byte_type(self):
        """The type WRITE-BYTE checks its argument against."""
        if self.kind == "bivalent":
            return lisp_list(S("UNSIGNED-BYTE"), 8)
        return self.lisp_type()


_CHARACTER_TYPES = {S(n) for n in ("CHARACTER", "BASE-CHAR", "STANDARD-CHAR",
                                   "EXTENDED-CHAR")}


def _octets(bits: int) -> int:
    return max(1, -(-bits // 8))


def parse_element_type(spec, direction: str) -> ElementKind:
    if spec in _CHARACTER_TYPES:
        return ElementKind("character")
    if spec is keyword("DEFAULT"):
        return ElementKind("bivalent")
    if spec is S("BIT") or spec is S("UNSIGNED-BYTE"):
        return ElementKind("binary")
    if spec is S("SIGNED-BYTE"):
        return ElementKind("binary", signed=True)
    if type(spec) is Cons:
        head, args = spec.car, list_to_py(spec.cdr)
        ints = all(type(a) is int for a in args)
        if head is S("UNSIGNED-BYTE") and len(args) == 1 and ints and args[0] > 0:
            return ElementKind("binary", _octets(args[0]))
        if head is S("SIGNED-BYTE") and len(args) == 1 and ints and args[0] > 0:
            return ElementKind("binary", _octets(args[0]), True)
        if head is S("MOD") and len(args) == 1 and ints and args[0] > 0:
            return ElementKind("binary", _octets((args[0] - 1).bit_length()))
        if head is S("INTEGER") and len(args) == 2 and ints:
            lo, hi = args
            if lo >= 0:
                return ElementKind("binary", _octets(hi.bit_length()))
            bits = max(hi.bit_length(), (-lo - 1).bit_length()) + 1
            return ElementKind("binary", _octets(bits), True)
    if direction == "input":
        raise lisp_error("SIMPLE-ERROR", "could not find any input routine for ~S", spec)
    raise lisp_error("SIMPLE-ERROR",
                     "could not find any output routine for :FULL buffered ~S", spec)


# ---------------------------------------------------------------- the stream
_UTF8_LENGTH = [1] * 0xC2 + [2] * (0xE0 - 0xC2) + [3] * 16 + [4] * 5 + [1] * 11


class FileStream(LispStream):
    """An open file. ``raw`` is the Python binary file; characters given
    back by UNREAD-CHAR are given back to the file (by seeking), so the
    position always counts the octets actually consumed."""
    __slots__ = ("raw", "pathname", "native", "kind", "ef", "char_in", "char_out",
                 "original", "delete_original", "delete_on_abort", "probe")
    lisp_class = "SB-SYS:FD-STREAM"

    def __init__(self, raw, direction: str, pathname: Pathname, native: str,
                 kind: ElementKind, ef: ExternalFormat):
        super().__init__(direction)
        self.raw = raw
        self.pathname = pathname
        self.native = native
        self.kind = kind
        self.ef = ef
        chars = kind.kind != "binary"
        self.char_in = chars and direction in ("input", "io")
        self.char_out = chars and direction in ("output", "io")
        self.original = None           # the renamed old file (:RENAME...)
        self.delete_original = False   # delete it on a normal close
        self.delete_on_abort = False   # CLOSE :ABORT T deletes the file
        self.probe = False

    # -- characters out
    def _check_output(self):
        if not self.open:
            raise closed_stream_error(self)
        if not self.char_out:
            raise wrong_stream_error(self, "character output")

    def _write(self, s: str):
        ef = self.ef
        errors = "surrogatepass" if ef.codec == "utf-8" else "strict"
        try:
            data = s.encode(ef.codec, errors)
        except UnicodeEncodeError as e:
            if ef.replacement is None:
                self.raw.write(s[:e.start].encode(ef.codec, errors))
                raise FE.encoding_error(self, ef.lisp, ord(s[e.start])) from None
            data = self._encode_replacing(s)
        try:
            self.raw.write(data)
        except OSError as e:
            raise os_error(self, "write to", e) from None

    def _encode_replacing(self, s: str) -> bytes:
        ef = self.ef
        out = []
        for c in s:
            try:
                out.append(c.encode(ef.codec))
            except UnicodeEncodeError:
                out.append(ef.replacement.encode(ef.codec, "replace"))
        return b"".join(out)

    def file_string_length(self, s: str):
        self.check_open()
        codec = "latin-1" if self.kind.kind == "binary" else self.ef.codec
        try:
            return len(s.encode(codec, "surrogatepass" if codec == "utf-8" else "strict"))
        except UnicodeEncodeError:
            return len(self._encode_replacing(s)) if self.ef.replacement is not None else len(s)

    # -- characters in
    def _read_char(self):
        if not self.char_in:
            raise wrong_stream_error(self, "character input")
        try:
            b = self.raw.read(1)
        except OSError as e:
            raise os_error(self, "read from", e) from None
        if not b:
            return None
        c = b[0]
        codec = self.ef.codec
        if c < 0x80 and codec in ("utf-8", "latin-1", "ascii", "cp1252", "iso8859-15"):
            return chr(c)
        if codec == "utf-8":
            return self._read_utf8(c)
        if codec == "latin-1":
            return chr(c)
        if codec.startswith("utf-16") or codec.startswith("utf-32"):
            return self._read_wide(b)
        try:
            return b.decode(codec)
        except UnicodeDecodeError:
            return self._bad_octets(b, 1)

    def _read_utf8(self, lead: int):
        n = _UTF8_LENGTH[lead]
        if n == 1:
            return self._bad_octets(bytes([lead]), 1)
        rest = self.raw.read(n - 1)
        octets = bytes([lead]) + rest
        try:
            return octets.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            bad = 1
            while bad < len(octets) and 0x80 <= octets[bad] <= 0xBF:
                bad += 1
            shown = octets[:min(bad + 1, len(octets))]
            # Start again after the lead octet, as SBCL resynchronises.
            self.raw.seek(1 - len(octets), 1)
            return self._bad_octets(shown, 0)

    def _read_wide(self, first: bytes):
        codec = self.ef.codec
        width = 2 if codec.startswith("utf-16") else 4
        octets = first + self.raw.read(width - 1)
        if len(octets) < width:
            return self._bad_octets(octets, 0)
        if width == 2:
            unit = int.from_bytes(octets, "little" if codec.endswith("le") else "big")
            if 0xD800 <= unit < 0xDC00:
                octets += self.raw.read(2)
        try:
            return octets.decode(codec)
        except UnicodeDecodeError:
            return self._bad_octets(octets, 0)

    def _bad_octets(self, octets: bytes, _consumed: int):
        if self.ef.replacement is not None:
            return self.ef.replacement[:1] or "?"
        raise FE.decoding_error(self, self.ef.lisp, octets)

    def unread_char(self, c: str):
        if not self.open:
            raise closed_stream_error(self)
        if not self.char_in:
            raise wrong_stream_error(self, "character input")
        try:
            n = len(c.encode(self.ef.codec, "surrogatepass" if self.ef.codec == "utf-8"
                             else "strict"))
        except UnicodeEncodeError:
            n = 1
        # A character that was not read has nowhere to go back to.
        if self.raw.tell() >= n:
            self.raw.seek(-n, 1)
            if c == "\n":
                self.line -= 1

    def read_line(self):
        if not self.open or not self.char_in or self.ef.codec not in ("utf-8", "latin-1"):
            return super().read_line()
        try:
            data = self.raw.readline()
        except OSError as e:
            raise os_error(self, "read from", e) from None
        if not data:
            return None, True
        try:
            text = data.decode(self.ef.codec, "surrogatepass" if self.ef.codec == "utf-8"
                               else "strict")
        except UnicodeDecodeError:
            self.raw.seek(-len(data), 1)
            return super().read_line()
        if text.endswith("\n"):
            self.line += 1
            return text[:-1], False
        return text, True

    def listen(self):
        self.check_open()
        if self.direction not in ("input", "io"):
            return False
        peek = getattr(self.raw, "peek", None)
        return bool(peek(1)) if peek is not None else False

    def clear_input(self):
        # SBCL drops what it has buffered from the file; for files that fit
        # the buffer that is all the rest of the file.
        self.check_open()
        peek = getattr(self.raw, "peek", None)
        if peek is not None and self.direction == "input":
            self.raw.seek(len(peek(1)), 1)

    # -- bytes
    def write_byte(self, byte: int):
        if not self.open:
            raise closed_stream_error(self)
        kind = self.kind
        if kind.kind == "character" or self.direction not in ("output", "io"):
            raise wrong_stream_error(self, "binary output")
        bits = 8 * kind.unit
        lo, hi = ((-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if kind.signed
                  else (0, (1 << bits) - 1))
        if type(byte) is not int or not lo <= byte <= hi:
            raise type_error(byte, kind.byte_type())
        try:
            self.raw.write(byte.to_bytes(kind.unit, "little", signed=kind.signed))
        except OSError as e:
            raise os_error(self, "write to", e) from None

    def read_byte(self):
        if not self.open:
            raise closed_stream_error(self)
        kind = self.kind
        if kind.kind == "character" or self.direction not in ("input", "io"):
            raise wrong_stream_error(self, "binary input")
        try:
            data = self.raw.read(kind.unit)
        except OSError as e:
            raise os_error(self, "read from", e) from None
        if len(data) < kind.unit:
            return None
        return int.from_bytes(data, "little", signed=kind.signed)

    # -- the file
    def stream_element_type(self):
        self.check_open()
        return self.kind.lisp_type()

    def external_format(self):
        self.check_open()
        return keyword("LATIN-1") if self.kind.kind == "binary" else self.ef.lisp

    def file_position(self):
        self.check_open()
        return self.raw.tell() // self.kind.unit

    def set_file_position(self, position):
        self.check_open()
        if position == "start":
            self.raw.seek(0)
        elif position == "end":
            self.raw.seek(0, 2)
        else:
            self.raw.seek(position * self.kind.unit)
        return T

    def file_length(self) -> int:
        self.check_open()
        return os.fstat(self.raw.fileno()).st_size // self.kind.unit

    def finish(self):
        self.check_open()
        if self.direction in ("output", "io"):
            try:
                self.raw.flush()
            except OSError as e:
                raise os_error(self, "write to", e) from None

    def close(self, abort=False):
        if not self.open:
            return
        self.open = False
        if self.raw is not None:
            if abort:
                # Output not yet written is dropped, as SBCL drops its buffer:
                # close the file under the buffer, then the buffer.
                try:
                    self.raw.raw.close()
                except (OSError, AttributeError):
                    pass
            try:
                self.raw.close()
            except (OSError, ValueError):
                pass
        try:
            if abort and self.direction in ("output", "io"):
                if self.original is not None:
                    os.replace(self.original, self.native)
                elif self.delete_on_abort:
                    os.remove(self.native)
            elif self.delete_original and self.original is not None:
                os.remove(self.original)
        except OSError:
            pass

    def describe(self):
        if self.probe:
            return '#<SB-SYS:FD-STREAM for "%s">' % self.native.rstrip("/")
        return '#<SB-SYS:FD-STREAM for "file %s">' % self.native


# ---------------------------------------------------------------- OPEN
_DIRECTIONS = {keyword(n): n.lower() for n in ("INPUT", "OUTPUT", "IO", "PROBE")}
_IF_EXISTS = [keyword(n) for n in ("ERROR", "NEW-VERSION", "RENAME", "RENAME-AND-DELETE",
                                   "OVERWRITE", "APPEND", "SUPERSEDE")] + [NIL]
_IF_DOES_NOT_EXIST = [keyword("ERROR"), keyword("CREATE"), NIL]


def _member_type(items):
    return lisp_list(S("MEMBER"), *items)


def open_file(pathname: Pathname, native: str, direction=keyword("INPUT"),
              element_type=_CHARACTER, if_exists=None, if_does_not_exist=None,
              external_format=keyword("DEFAULT")):
    """OPEN on PATHNAME (already merged; NATIVE is its Unix file name).
    IF_EXISTS / IF_DOES_NOT_EXIST None mean "not given". Returns a
    FileStream, or NIL where OPEN returns NIL."""
    d = _DIRECTIONS.get(direction)
    if d is None:
        raise type_error(direction, _member_type(_DIRECTIONS))
    if if_exists is not None and if_exists not in _IF_EXISTS:
        raise type_error(if_exists, _member_type(_IF_EXISTS))
    if if_does_not_exist is not None and if_does_not_exist not in _IF_DOES_NOT_EXIST:
        raise type_error(if_does_not_exist, _member_type(_IF_DOES_NOT_EXIST))
    output = d in ("output", "io")
    # SBCL opens an existing file for output without complaint (and
    # without truncating it) when neither option is given as :ERROR
    # would: O_EXCL without O_CREAT.
    lenient = if_exists is None and if_does_not_exist is NIL
    if if_exists is None:
        if_exists = keyword("ERROR")
    if if_does_not_exist is None:
        if d == "probe":
            if_does_not_exist = NIL
        elif d == "input" or if_exists in (keyword("OVERWRITE"), keyword("APPEND")):
            if_does_not_exist = keyword("ERROR")
        else:
            if_does_not_exist = keyword("CREATE")
    exists = os.path.lexists(native)
    original = None
    created = False
    mode = None
    if exists and output:
        ie = keyword("OVERWRITE") if lenient else if_exists
        if ie is NIL:
            return NIL
        if ie is keyword("ERROR"):
            raise FE.file_exists(pathname, "File exists" if if_does_not_exist is not NIL
                                 else None)
        if ie is keyword("NEW-VERSION"):
            raise FE.file_error(pathname, "OPEN :IF-EXISTS :NEW-VERSION is not supported "
                                "when a new version must be created.")
        if ie in (keyword("RENAME"), keyword("RENAME-AND-DELETE")):
            original = native + ".bak"
            try:
                os.replace(native, original)
            except OSError as e:
                raise FE.file_error(pathname, "Error renaming ~S", pathname, error=e) from None
            mode, created = "w", True
        elif ie is keyword("APPEND"):
            mode = "a"
        elif ie is keyword("OVERWRITE"):
            mode = "r+"
        else:
            mode, created = "w", True
    elif not exists:
        dne = if_does_not_exist
        if dne is NIL:
            return NIL
        if dne is keyword("ERROR"):
            raise FE.file_does_not_exist(pathname, "No such file or directory")
        parent = os.path.dirname(native) or "."
        if not os.path.isdir(parent):
            raise FE.file_error(pathname, "~@<The path ~2I~_~S ~I~_does not exist.~:>",
                                pathname)
        created = True
        mode = "w" if output else "create"
    # SBCL looks at the element type and external format only once it
    # knows the file can be opened.
    kind = parse_element_type(element_type, "output" if output else "input")
    ef = parse_external_format(external_format)
    if d == "probe":
        if mode == "create":
            mode = "w"
        else:
            # A probe stream is born closed: the file (or directory) is
            # only looked at.
            stream = FileStream(None, d, pathname, native, kind, ef)
            stream.probe = True
            stream.open = False
            return stream
    if d == "io":
        mode = {"w": "w+b", "a": "a+b", "r+": "r+b", None: "r+b", "create": "w+b"}[mode]
    elif d in ("output", "probe"):
        mode = mode + "b"
    else:
        if mode == "create":
            try:
                open(native, "ab").close()
            except OSError as e:
                raise FE.file_error(pathname, "Error opening ~S", pathname, error=e) from None
        mode = "rb"
    try:
        raw = open(native, mode)
    except OSError as e:
        if original is not None:
            os.replace(original, native)
        raise FE.file_error(pathname, "Error opening ~S", pathname, error=e) from None
    stream = FileStream(raw, d, pathname, native, kind, ef)
    stream.original = original
    stream.delete_original = if_exists is keyword("RENAME-AND-DELETE")
    stream.delete_on_abort = created and original is None
    if d == "probe":
        stream.probe = True
        stream.close()
    return stream

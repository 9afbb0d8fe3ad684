"""Stream functions: string streams, reading characters and lines, files,
and the WITH- macros over them. Writing functions are in prims/printing.py."""
from __future__ import annotations

import os

from ..errors import lisp_error, type_error, end_of_file
from ..functions import defun, designator_string
from ..macros import defmacro, args_of, body_of, gensym, L
from ..objects import (NIL, T, MV, Symbol, LString, Char, Cons, cl_sym, sys_sym, keyword,
                       make_char, lisp_list, list_to_py)
from ..stdstreams import input_stream
from ..streams import (LispStream, StringOutputStream, StringInputStream, PyTextStream)

S = cl_sym


def _stream(x):
    if not isinstance(x, LispStream):
        raise type_error(x, "STREAM")
    return x


def truth(x):
    return T if x else NIL


@defun("MAKE-STRING-OUTPUT-STREAM", "&key element-type")
def make_string_output_stream(element_type=NIL):
    return StringOutputStream()


@defun("GET-OUTPUT-STREAM-STRING", "stream")
def get_output_stream_string(stream):
    if not isinstance(stream, StringOutputStream):
        raise type_error(stream, "SB-IMPL::STRING-OUTPUT-STREAM")
    return LString(stream.getvalue())


@defun("MAKE-STRING-INPUT-STREAM", "string &optional start end")
def make_string_input_stream(string, start=0, end=NIL):
    if not isinstance(string, LString):
        raise type_error(string, "STRING")
    s = string.value
    e = len(s) if end is NIL else end
    if not (0 <= start <= e <= len(s)):
        raise lisp_error("SIMPLE-ERROR", "bounding indices ~S and ~S are bad for a string of length ~S",
                         start, end, len(s))
    return StringInputStream(s, start, e)


@defmacro("WITH-OUTPUT-TO-STRING")
def m_with_output_to_string(form, env):
    spec = args_of(form, 1)[0]
    items = list_to_py(spec)
    var = items[0]
    string = items[1] if len(items) > 1 else NIL
    body = body_of(form, 1)
    if string is not NIL:
        return L(S("LET"), L(L(var, L(sys_sym("%MAKE-FILL-POINTER-OUTPUT-STREAM"), string))),
                 *body)
    return L(S("LET"), L(L(var, L(S("MAKE-STRING-OUTPUT-STREAM")))),
             *body, L(S("GET-OUTPUT-STREAM-STRING"), var))


@defun("SYS:%MAKE-FILL-POINTER-OUTPUT-STREAM", "string")
def make_fill_pointer_output_stream(string):
    if not isinstance(string, LString) or string.fill_pointer is None:
        raise type_error(string, "(AND STRING (SATISFIES ARRAY-HAS-FILL-POINTER-P))")
    return StringOutputStream(target=string)


@defmacro("WITH-INPUT-FROM-STRING")
def m_with_input_from_string(form, env):
    spec = args_of(form, 1)[0]
    items = list_to_py(spec)
    var, string = items[0], items[1]
    keys = items[2:]
    opts = {keys[i].name: keys[i + 1] for i in range(0, len(keys), 2)}
    start = opts.get("START", 0)
    end = opts.get("END", NIL)
    body = body_of(form, 1)
    if "INDEX" in opts:
        return L(S("LET"), L(L(var, L(S("MAKE-STRING-INPUT-STREAM"), string, start, end))),
                 L(S("MULTIPLE-VALUE-PROG1"), Cons(S("PROGN"), body),
                   L(S("SETF"), opts["INDEX"], L(sys_sym("%STRING-INPUT-POSITION"), var))))
    return L(S("LET"), L(L(var, L(S("MAKE-STRING-INPUT-STREAM"), string, start, end))), *body)


@defun("SYS:%STRING-INPUT-POSITION", "stream")
def string_input_position(stream):
    return stream.pos - len(stream.unread)


@defmacro("WITH-OPEN-STREAM")
def m_with_open_stream(form, env):
    spec = args_of(form, 1)[0]
    var, stream = list_to_py(spec)
    return L(S("LET"), L(L(var, stream)),
             L(S("UNWIND-PROTECT"), Cons(S("PROGN"), body_of(form, 1)), L(S("CLOSE"), var)))


@defmacro("WITH-OPEN-FILE")
def m_with_open_file(form, env):
    spec = args_of(form, 1)[0]
    items = list_to_py(spec)
    var, rest = items[0], items[1:]
    g = gensym("ABORT")
    return L(S("LET"), L(L(var, Cons(S("OPEN"), lisp_list(*rest))), L(g, T)),
             L(S("UNWIND-PROTECT"),
               L(S("MULTIPLE-VALUE-PROG1"), Cons(S("PROGN"), body_of(form, 1)), L(S("SETQ"), g, NIL)),
               L(S("WHEN"), var, L(S("CLOSE"), var, keyword("ABORT"), g))))


# ---------------------------------------------------------------- files
class FileStream(PyTextStream):
    __slots__ = ()

    def describe(self):
        return f'#<SB-SYS:FD-STREAM for "file {os.path.abspath(self.path)}" {{{id(self) & 0xffffffff:X}}}>'


@defun("OPEN", "filespec &key direction element-type if-exists if-does-not-exist external-format")
def open_(filespec, direction=keyword("INPUT"), element_type=NIL, if_exists=None,
          if_does_not_exist=None, external_format=NIL):
    """OPEN for character files. IF-EXISTS defaults to :ERROR as in SBCL;
    :SUPERSEDE, :NEW-VERSION and :RENAME replace the file, :APPEND and
    :OVERWRITE keep it, NIL returns NIL."""
    path = _path(filespec)
    d = direction.name if isinstance(direction, Symbol) else "INPUT"
    if d not in ("INPUT", "OUTPUT", "IO", "PROBE"):
        raise type_error(direction, "(MEMBER :INPUT :OUTPUT :IO :PROBE)")
    exists = os.path.exists(path)
    try:
        if d in ("INPUT", "PROBE"):
            if not exists:
                dne = if_does_not_exist
                if dne is None:
                    dne = NIL if d == "PROBE" else keyword("ERROR")
                if dne is NIL:
                    return NIL
                if dne is keyword("CREATE"):
                    open(path, "a").close()
                else:
                    raise lisp_error("FILE-ERROR", "failed to find the file ~S", LString(path),
                                     pathname=LString(path))
            stream = FileStream(open(path, encoding="utf-8", errors="replace"), "input", path=path)
            if d == "PROBE":
                stream.close()
            return stream
        mode = "w"
        if exists:
            ie = if_exists.name if isinstance(if_exists, Symbol) and if_exists is not NIL else (
                "NIL" if if_exists is NIL else "ERROR")
            if ie == "NIL":
                return NIL
            if ie == "ERROR":
                raise lisp_error("FILE-ERROR", "The file ~S already exists.", LString(path),
                                 pathname=LString(path))
            if ie == "APPEND":
                mode = "a"
            elif ie == "OVERWRITE":
                mode = "r+"
        elif if_does_not_exist is NIL:
            return NIL
        f = open(path, mode, encoding="utf-8")
        return FileStream(f, "output" if d == "OUTPUT" else "io", path=path)
    except OSError as e:
        raise lisp_error("FILE-ERROR", "error opening ~S: ~A", LString(path),
                         LString(e.strerror or str(e)), pathname=LString(path))


def _path(x) -> str:
    if isinstance(x, LString):
        return x.value
    if isinstance(x, FileStream):
        return x.path
    return designator_string(x)


@defun("CLOSE", "stream &key abort")
def close(stream, abort=NIL):
    s = _stream(stream)
    was = s.open
    s.finish()
    s.close()
    return truth(was)


@defun("PROBE-FILE", "pathspec")
def probe_file(path):
    p = _path(path)
    return LString(os.path.abspath(p)) if os.path.exists(p) else NIL


@defun("DELETE-FILE", "filespec")
def delete_file(path):
    p = _path(path)
    try:
        os.remove(p)
    except OSError as e:
        raise lisp_error("FILE-ERROR", "could not delete ~S: ~A", LString(p),
                         LString(e.strerror or str(e)), pathname=LString(p))
    return T


@defun("FILE-LENGTH", "stream")
def file_length(stream):
    return os.path.getsize(stream.path) if isinstance(stream, FileStream) else NIL


# ---------------------------------------------------------------- reading characters and lines
def _eof(stream, eof_error_p, eof_value):
    if eof_error_p is not NIL:
        raise end_of_file(stream)
    return eof_value


@defun("READ-CHAR", "&optional input-stream eof-error-p eof-value recursive-p")
def read_char(stream=NIL, eof_error_p=T, eof_value=NIL, recursive_p=NIL):
    s = input_stream(stream)
    c = s.read_char()
    if c is None:
        return _eof(s, eof_error_p, eof_value)
    return make_char(c)


@defun("READ-CHAR-NO-HANG", "&optional input-stream eof-error-p eof-value recursive-p")
def read_char_no_hang(stream=NIL, eof_error_p=T, eof_value=NIL, recursive_p=NIL):
    return read_char(stream, eof_error_p, eof_value)


@defun("PEEK-CHAR", "&optional peek-type input-stream eof-error-p eof-value recursive-p")
def peek_char(peek_type=NIL, stream=NIL, eof_error_p=T, eof_value=NIL, recursive_p=NIL):
    s = input_stream(stream)
    while True:
        c = s.read_char()
        if c is None:
            return _eof(s, eof_error_p, eof_value)
        if peek_type is NIL or (peek_type is T and not c.isspace()) or \
                (isinstance(peek_type, Char) and c == peek_type.ch):
            s.unread_char(c)
            return make_char(c)


@defun("UNREAD-CHAR", "character &optional input-stream")
def unread_char(character, stream=NIL):
    s = input_stream(stream)
    s.unread_char(character.ch)
    return NIL


@defun("READ-LINE", "&optional input-stream eof-error-p eof-value recursive-p", mv=True)
def read_line(stream=NIL, eof_error_p=T, eof_value=NIL, recursive_p=NIL):
    s = input_stream(stream)
    line, missing = s.read_line()
    if line is None:
        return MV((_eof(s, eof_error_p, eof_value), T))
    return MV((LString(line), truth(missing)))


@defun("LISTEN", "&optional input-stream")
def listen(stream=NIL):
    return truth(input_stream(stream).listen())


@defun("CLEAR-INPUT", "&optional input-stream")
def clear_input(stream=NIL):
    s = input_stream(stream)
    s.unread.clear()
    return NIL


@defun("STREAMP", "object")
def streamp(x):
    return truth(isinstance(x, LispStream))


@defun("OPEN-STREAM-P", "stream")
def open_stream_p(x):
    return truth(_stream(x).open)


@defun("INPUT-STREAM-P", "stream")
def input_stream_p(x):
    return truth(_stream(x).direction in ("input", "io"))


@defun("OUTPUT-STREAM-P", "stream")
def output_stream_p(x):
    return truth(_stream(x).direction in ("output", "io"))


@defun("INTERACTIVE-STREAM-P", "stream")
def interactive_stream_p(x):
    return truth(_stream(x).interactive())


@defun("STREAM-ELEMENT-TYPE", "stream")
def stream_element_type(x):
    _stream(x)
    return S("CHARACTER")

"""The rest of CLHS chapters 25 (Environment), 3.2 (compilation) and a few
stragglers: the implementation's limits and identity, the REPL history
variables' global values, FUNCTION-LAMBDA-EXPRESSION, compiler macros,
FORMATTER, WITH-HASH-TABLE-ITERATOR, PACKAGE-SHADOWING-SYMBOLS,
UPGRADED-COMPLEX-PART-TYPE, PROVIDE/REQUIRE/*MODULES*, COMPILE-FILE and
WITH-COMPILATION-UNIT, STEP, INSPECT, ROOM, DISASSEMBLE, ED and DRIBBLE.

DRIBBLE records the session in a file: the global *STANDARD-OUTPUT* and
*ERROR-OUTPUT* become broadcast streams to the console and the file,
*STANDARD-INPUT* an echo stream into it, and the REPL writes each input it
reads there (``dribble_stream``).

An interpreter has no native code: COMPILE-FILE checks that the file reads
(doing what SBCL does at compile time: DEFPACKAGE, IN-PACKAGE and
(EVAL-WHEN (:COMPILE-TOPLEVEL) ...) take effect, so later forms read as
they will when loaded) and writes the source to the output file, which LOAD
then loads; DISASSEMBLE shows the definition it would run. Compiler macros
are recorded and returned by COMPILER-MACRO-FUNCTION but never applied,
which CLHS 3.2.2.1 allows.
"""
from __future__ import annotations

import os
import platform
import shutil
import subprocess

from ..dynamic import defvar, symbol_value
from ..errors import LispError, lisp_error, program_error, type_error
from ..functions import Function, Primitive, defun, designator_string
from ..macros import args_of, body_of, defmacro, gensym
from ..machine import Closure
from ..objects import (MV, NIL, T, UNBOUND, Cons, HashTable, LString, Symbol, cl_sym, lisp_list,
                       list_to_py, sys_sym)
from ..stdstreams import stream_value

S = cl_sym
L = lisp_list

# ---------------------------------------------------------------- limits and identity
for _name in ("CALL-ARGUMENTS-LIMIT", "LAMBDA-PARAMETERS-LIMIT", "MULTIPLE-VALUES-LIMIT"):
    defvar(_name, 4611686018427387903, constant=True)     # SBCL's, MOST-POSITIVE-FIXNUM
defvar("LAMBDA-LIST-KEYWORDS", L(*(S(n) for n in (
    "&ALLOW-OTHER-KEYS", "&AUX", "&BODY", "&ENVIRONMENT", "&KEY", "&OPTIONAL", "&REST",
    "&WHOLE"))), constant=True)

# The REPL's history variables exist, NIL, before any REPL input (as in SBCL).
for _name in ("*", "**", "***", "+", "++", "+++", "/", "//", "///", "-"):
    if S(_name).value is UNBOUND:
        defvar(_name, NIL)

defvar("*COMPILE-FILE-PATHNAME*", NIL)
defvar("*COMPILE-FILE-TRUENAME*", NIL)
defvar("*COMPILE-PRINT*", NIL)
defvar("*COMPILE-VERBOSE*", T)
defvar("*MODULES*", NIL)


@defun("LISP-IMPLEMENTATION-TYPE", "")
def lisp_implementation_type():
    return LString("cek-lisp")


@defun("LISP-IMPLEMENTATION-VERSION", "")
def lisp_implementation_version():
    from importlib import metadata
    try:
        return LString(metadata.version("cek-lisp"))
    except metadata.PackageNotFoundError:
        return LString("0.1.0")


@defun("MACHINE-TYPE", "")
def machine_type():
    m = platform.machine().upper()
    return LString({"X86_64": "X86-64", "AMD64": "X86-64", "AARCH64": "ARM64"}.get(m, m))


@defun("MACHINE-VERSION", "")
def machine_version():
    return LString(platform.processor() or platform.machine()) if platform.machine() else NIL


@defun("MACHINE-INSTANCE", "")
def machine_instance():
    return LString(platform.node())


@defun("SOFTWARE-TYPE", "")
def software_type():
    return LString(platform.system())


@defun("SOFTWARE-VERSION", "")
def software_version():
    return LString(platform.release())


@defun("SHORT-SITE-NAME", "")
def short_site_name():
    return NIL


@defun("LONG-SITE-NAME", "")
def long_site_name():
    return NIL


# ---------------------------------------------------------------- functions
@defun("FUNCTION-LAMBDA-EXPRESSION", "function", mv=True)
def function_lambda_expression(function):
    """The lambda expression of an interpreted FUNCTION (a DEFUN's body in
    its BLOCK), T, and its name; NIL for a built-in one, as SBCL returns."""
    if not isinstance(function, Function):
        raise type_error(function, S("FUNCTION"))
    name = getattr(function, "name", NIL) or NIL
    if isinstance(function, Closure):
        form = function.lam.form
        if type(form) is Cons and form.car is sys_sym("NAMED-LAMBDA"):
            # (named-lambda name ll . body) -> (lambda ll decls... (block name forms...))
            from ..analyzer import parse_body
            block_name = form.cdr.car
            ll = form.cdr.cdr.car
            decls, _doc, forms = parse_body(form.cdr.cdr.cdr, allow_doc=True)
            declare = [L(S("DECLARE"), *decls)] if decls else []
            body = Cons(S("BLOCK"), Cons(block_name if isinstance(block_name, Symbol)
                                         else block_name.cdr.car, forms))
            return MV([L(S("LAMBDA"), ll, *declare, body), T, name])
        if type(form) is Cons and form.car is S("LAMBDA"):
            return MV([form, T, name])
    return MV([NIL, T, name])


# ---------------------------------------------------------------- compiler macros
COMPILER_MACROS: dict = {}       # name symbol, or (SETF . symbol) key -> function


def _cm_key(name):
    if isinstance(name, Symbol):
        return name
    if type(name) is Cons and name.car is S("SETF") and type(name.cdr) is Cons:
        return ("SETF", name.cdr.car)
    raise type_error(name, "(OR SYMBOL (CONS (EQL SETF) (CONS SYMBOL NULL)))")


@defun("COMPILER-MACRO-FUNCTION", "name &optional environment")
def compiler_macro_function(name, environment=NIL):
    """The compiler macro function of NAME, or NIL."""
    return COMPILER_MACROS.get(_cm_key(name), NIL)


@defun("SYS::%SET-COMPILER-MACRO-FUNCTION", "name function")
def set_compiler_macro_function(name, function):
    key = _cm_key(name)
    if function is NIL:
        COMPILER_MACROS.pop(key, None)
    else:
        COMPILER_MACROS[key] = function
    return function


@defmacro("DEFINE-COMPILER-MACRO")
def m_define_compiler_macro(form, env):
    """(define-compiler-macro name lambda-list body...): record a compiler
    macro (a macro function of (form env)); returns NAME. This interpreter
    never applies compiler macros (CLHS 3.2.2.1 allows it); they are there
    for COMPILER-MACRO-FUNCTION and FUNCALL."""
    name = args_of(form, 2, None)[0]
    ll = form.cdr.cdr.car
    body = body_of(form, 2)
    return L(S("PROGN"),
             L(sys_sym("%SET-COMPILER-MACRO-FUNCTION"), L(S("QUOTE"), name),
               L(sys_sym("MACRO-LAMBDA"), L(S("DEFINE-COMPILER-MACRO"),
                                            name if isinstance(name, Symbol) else name.cdr.car),
                 ll, *list_to_py(body))),
             L(S("QUOTE"), name))


# ---------------------------------------------------------------- FORMATTER
@defun("SYS::%FORMATTER-CALL", "control stream args")
def formatter_call(control, stream, args):
    """What (FORMATTER CONTROL) does when called with STREAM and ARGS:
    format them on STREAM, return the arguments not consumed."""
    from ..format_core import ArgCursor, Formatter
    from ..format_parse import FormatError
    from ..stdstreams import output_stream
    items = list_to_py(args)
    cursor = ArgCursor(items)
    try:
        left = Formatter().run(output_stream(stream), control, cursor, cursor)
    except FormatError as e:
        raise lisp_error("SB-FORMAT:FORMAT-ERROR", "~A", LString(e.report()))
    left = left if left is not None else cursor
    return L(*left.items[left.pos:])


@defmacro("FORMATTER")
def m_formatter(form, env):
    """(formatter control-string): a function of (stream &rest args) that
    formats ARGS on STREAM as FORMAT would, returning the unused arguments."""
    (control,) = args_of(form, 1, 1)
    if not isinstance(control, LString):
        raise type_error(control, S("STRING"))
    stream, args = gensym("STREAM"), gensym("ARGS")
    return L(S("FUNCTION"), L(S("LAMBDA"), L(stream, S("&REST"), args),
                              L(sys_sym("%FORMATTER-CALL"), control, stream, args)))


# ---------------------------------------------------------------- WITH-HASH-TABLE-ITERATOR
@defun("SYS::%HASH-TABLE-ITERATOR", "hash-table")
def hash_table_iterator(hash_table):
    """A function of no arguments returning T, a key and its value for each
    entry of HASH-TABLE in turn (MAPHASH's order), then NIL."""
    if type(hash_table) is not HashTable:
        raise type_error(hash_table, S("HASH-TABLE"))
    entries = iter([(e[0], e[1]) for e in hash_table.entries()])

    def step():
        for k, v in entries:
            return MV([T, k, v])
        return NIL
    return Primitive(sys_sym("HASH-TABLE-ITERATOR"), step, 0, 0, mv=True)


@defmacro("WITH-HASH-TABLE-ITERATOR")
def m_with_hash_table_iterator(form, env):
    """(with-hash-table-iterator (name hash-table) body...): in BODY, (NAME)
    returns T, the next key and its value, or NIL when there are no more."""
    spec = args_of(form, 1, None)[0]
    parts = list_to_py(spec)
    if len(parts) != 2 or not isinstance(parts[0], Symbol):
        raise program_error("malformed WITH-HASH-TABLE-ITERATOR spec ~S", spec)
    name, table = parts
    it = gensym("ITERATOR")
    return L(S("LET"), L(L(it, L(sys_sym("%HASH-TABLE-ITERATOR"), table))),
             Cons(S("MACROLET"), Cons(L(L(name, NIL, L(S("LIST"), L(S("QUOTE"), S("FUNCALL")),
                                                    L(S("QUOTE"), it)))),
                                      body_of(form, 1))))


# ---------------------------------------------------------------- packages and types
@defun("PACKAGE-SHADOWING-SYMBOLS", "package")
def package_shadowing_symbols(package):
    """The symbols of PACKAGE's shadowing list, most recent first."""
    from .packages import coerce_package
    p = coerce_package(package)
    return L(*reversed(list(p.shadowing.values())))


@defun("UPGRADED-COMPLEX-PART-TYPE", "typespec &optional environment")
def upgraded_complex_part_type(typespec, environment=NIL):
    """The part type of the complexes that can hold parts of TYPESPEC: as in
    SBCL, TYPESPEC itself, which must be a subtype of REAL."""
    from .typefns import subtypep
    if subtypep(typespec, S("REAL"))[0] is T:
        return typespec
    raise lisp_error("SIMPLE-ERROR", "~S is not a subtype of REAL.", typespec)


# ---------------------------------------------------------------- modules
_MODULES = S("*MODULES*")


def _module_name(x) -> str:
    return designator_string(x)


@defun("PROVIDE", "module-name")
def provide(module_name):
    """Add MODULE-NAME to *MODULES* (once); returns T."""
    name = _module_name(module_name)
    mods = list_to_py(symbol_value(_MODULES))
    if not any(isinstance(m, LString) and m.value == name for m in mods):
        _set_global_or_bound(_MODULES, Cons(LString(name), symbol_value(_MODULES)))
    return T


def _set_global_or_bound(sym, value):
    from ..nodes import set_special
    set_special(sym, value)


@defun("REQUIRE", "module-name &optional pathname-list", kind="gen")
def require(module_name, pathname_list=NIL):
    """Load the files of PATHNAME-LIST unless MODULE-NAME is in *MODULES*
    already. Without files, a module not provided yet is an error (there
    are no contributed modules to find)."""
    name = _module_name(module_name)
    if any(isinstance(m, LString) and m.value == name for m in list_to_py(symbol_value(_MODULES))):
        return NIL
    if pathname_list is NIL:
        raise lisp_error("SIMPLE-ERROR", "Don't know how to REQUIRE ~A.", LString(name))
    files = list_to_py(pathname_list) if type(pathname_list) is Cons else [pathname_list]
    for f in files:
        yield (S("LOAD"), [f])
    return T


# ---------------------------------------------------------------- compilation
@defmacro("WITH-COMPILATION-UNIT")
def m_with_compilation_unit(form, env):
    """(with-compilation-unit (options...) body...): BODY's values; the
    options are accepted (there is no deferred warning to collect)."""
    args_of(form, 1, None)
    return Cons(S("PROGN"), body_of(form, 1))


@defun("SYS::%COMPILE-FILE-OUTPUT", "input output-file")
def compile_file_output(input_file, output_file):
    """The output file name COMPILE-FILE writes for INPUT-FILE: OUTPUT-FILE,
    or the input with type fasl."""
    src = designator_string(_namestring(input_file))
    if output_file is not NIL:
        return LString(designator_string(_namestring(output_file)))
    root, _ = os.path.splitext(src)
    return LString(root + ".fasl")


def _namestring(x):
    if isinstance(x, (LString, Symbol)):
        return x
    from ..printer import princ_to_string
    return LString(princ_to_string(x))


@defun("SYS::%WRITE-COMPILED-FILE", "input output")
def write_compiled_file(input_file, output):
    """Copy the source INPUT to OUTPUT (what LOAD of the output runs)."""
    src = designator_string(input_file)
    dst = designator_string(output)
    try:
        with open(src, "rb") as f:
            data = f.read()
        with open(dst, "wb") as f:
            f.write(b";;; cek-lisp: the source of " + src.encode() + b", as COMPILE-FILE wrote it\n")
            f.write(data)
    except OSError as e:
        raise lisp_error("FILE-ERROR", "can't write ~A: ~A", LString(dst), LString(e.strerror or str(e)))
    return LString(os.path.abspath(dst))


# ---------------------------------------------------------------- development tools
@defmacro("STEP")
def m_step(form, env):
    """(step form): evaluate FORM (there is no single-stepper; CLHS leaves
    STEP's interaction to the implementation)."""
    (f,) = args_of(form, 1, 1)
    return f


@defun("INSPECT", "object", kind="gen")
def inspect(object_):
    """Describe OBJECT (the non-interactive inspector); returns no values."""
    yield (S("DESCRIBE"), [object_])
    return MV([])


@defun("ROOM", "&optional x")
def room(x=NIL):
    """Print the memory this Lisp uses (the Python process's maximum
    resident size) and how many Lisp processes exist."""
    import resource
    from ..dynamic import state
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sched = getattr(state.machine, "scheduler", None)
    procs = sum(1 for p in sched.processes if p.alive) if sched is not None else 1
    out = stream_value(S("*STANDARD-OUTPUT*"))
    out.write(f"Dynamic space usage is:   {kb * 1024:,} bytes (maximum resident size).\n"
              f"Live processes:           {procs}\n")
    return MV([])


@defun("DISASSEMBLE", "fn")
def disassemble(fn):
    """Print what this interpreter runs for FN: its definition (an
    interpreted function has no machine code)."""
    from ..printer import write_to_string
    f = fn
    if isinstance(f, Symbol):
        f = f.fn if f.fn is not None else f.macro
    elif type(f) is Cons and f.car is S("LAMBDA"):
        f = None
        out_form = fn
    if f is None and not (type(fn) is Cons):
        raise LispError("UNDEFINED-FUNCTION", {"NAME": fn})
    out = stream_value(S("*STANDARD-OUTPUT*"))
    if f is not None:
        if not isinstance(f, Function):
            raise type_error(fn, "(OR FUNCTION SYMBOL (CONS (EQL SETF)) (CONS (EQL LAMBDA)))")
        out_form = function_lambda_expression(f)[0]
        name = write_to_string(f, escape=True)
    else:
        name = "the lambda expression"
    if out_form is NIL:
        out.write(f"; {name} is built in (Python); there is no Lisp code to show.\n")
    else:
        out.write(f"; {name} is interpreted; the code it runs:\n"
                  + write_to_string(out_form, escape=True, pretty=True) + "\n")
    return NIL


@defun("ED", "&optional x")
def ed(x=NIL):
    """Edit the file X (a pathname designator) with $VISUAL or $EDITOR; with
    no argument, just start the editor. Editing a function's definition is
    not possible: the source text is not kept."""
    if x is not NIL and not isinstance(x, LString) and type(x).__name__ != "Pathname":
        raise lisp_error("SIMPLE-ERROR", "ED edits files; ~S is not a pathname designator.", x)
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or shutil.which("vi")
    if not editor:
        raise lisp_error("SIMPLE-ERROR", "No editor: set the EDITOR environment variable.")
    args = [editor] + ([designator_string(_namestring(x))] if x is not NIL else [])
    try:
        # the editor gets this process's terminal (file descriptors 0 to 2)
        subprocess.call(args)
    except OSError as e:
        raise lisp_error("SIMPLE-ERROR", "Could not run the editor ~A: ~A",
                         LString(editor), LString(str(e)))
    return NIL


# ---------------------------------------------------------------- DRIBBLE
_DRIBBLE: list = []      # [file stream, saved (symbol, global value) pairs] while dribbling


def dribble_stream():
    """The file DRIBBLE records into, or None (the REPL echoes input there)."""
    return _DRIBBLE[0] if _DRIBBLE else None


def _stop_dribble():
    stream, saved = _DRIBBLE
    del _DRIBBLE[:]
    for sym, value in saved:
        sym.value = value
    stream.finish()
    stream.close()


@defun("DRIBBLE", "&optional pathname", kind="gen")
def dribble(pathname=NIL):
    """(dribble pathname): record the interaction (input and output of the
    console streams) in the file PATHNAME, superseding it; (dribble): stop."""
    if _DRIBBLE:
        _stop_dribble()
    if pathname is NIL:
        return NIL
    from ..compound_streams import BroadcastStream, EchoStream
    from ..objects import keyword
    stream = yield (S("OPEN"), [pathname, keyword("DIRECTION"), keyword("OUTPUT"),
                                keyword("IF-EXISTS"), keyword("SUPERSEDE")])
    syms = [S("*STANDARD-OUTPUT*"), S("*ERROR-OUTPUT*"), S("*STANDARD-INPUT*")]
    saved = [(sym, sym.value) for sym in syms]
    out, err, inp = (sym.value for sym in syms)
    syms[0].value = BroadcastStream([out, stream])
    syms[1].value = BroadcastStream([err, stream])
    syms[2].value = EchoStream(inp, stream)
    _DRIBBLE[:] = [stream, saved]
    return NIL

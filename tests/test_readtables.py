"""Readtables and reader macros through LOAD, scripts, the REPL and the
embedding API, and the two readers agreeing on standard syntax.

The language-level checks (each function, readtable case, dispatch macros,
errors) are in tests/lisp/readtables.lisp; expected outputs here were
checked with `sbcl --script`.
"""
import contextlib
import os
import re
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings, strategies as st

from lisp import reader_chars
from lisp.errors import LispError
from lisp.interpreter import Interpreter, LispConditionError
from lisp.objects import NIL, Package, cl_sym, find_package
from lisp.printer import prin1_to_string
from lisp.printvars import Bindings
from lisp.reader import read_from_string
from lisp.readtable import Readtable

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

BRACKETS = """\
(defun read-vector-literal (stream char)
  (declare (ignore char))
  (coerce (read-delimited-list #\\] stream t) 'vector))
(set-macro-character #\\[ #'read-vector-literal)
(set-macro-character #\\] (get-macro-character #\\)))
"""


@pytest.fixture
def it():
    """An interpreter whose *READTABLE* is a fresh standard copy, restored
    afterwards (Lisp state is shared by all interpreters)."""
    interp = Interpreter()
    interp.eval("(setf *readtable* (copy-readtable nil))")
    yield interp
    interp.eval("(setf *readtable* (copy-readtable nil))")


def write(tmp_path, name, text, prefix=""):
    """Write PREFIX and the dedented TEXT to the file NAME; its path."""
    path = tmp_path / name
    path.write_text(prefix + textwrap.dedent(text))
    return str(path)


# ---------------------------------------------------------------- LOAD
def test_load_defines_and_uses_reader_macros(it, tmp_path):
    path = write(tmp_path, "macros.lisp", prefix=BRACKETS, text="""\
        (defparameter *v* [1 2 (+ 1 2)])
        (defparameter *q* '(a [b c] d))
        (defparameter *b* `(x ,@(list 1 2) [,(+ 1 2)]))
        (set-dispatch-macro-character #\\# #\\{
          (lambda (s c n)
            (declare (ignore c))
            (list* :set n (read-delimited-list #\\} s t))))
        (set-macro-character #\\} (get-macro-character #\\)))
        (defparameter *s* '#3{a [b] "c}"})
        ; a comment with [ brackets ] and #{ braces
        #| a block [ comment |#
        (defparameter *t* (list "[string]" #\\[ '|[sym]|))
        """)
    it.load(path)
    assert it.eval("(prin1-to-string *v*)") == "#(1 2 (+ 1 2))"
    assert it.eval("(prin1-to-string *q*)") == "(A #(B C) D)"
    assert it.eval("(prin1-to-string *b*)") == "(X 1 2 #(3))"
    assert it.eval("(prin1-to-string *s*)") == '(:SET 3 A #(B) "c}")'
    assert it.eval("(prin1-to-string *t*)") == '("[string]" #\\[ |[sym]|)'
    # The macro characters were set in the readtable LOAD was called with.
    assert it.eval("(prin1-to-string (read-from-string \"[x]\"))") == "#(X)"


def test_load_binds_the_readtable(it, tmp_path):
    path = write(tmp_path, "bind.lisp", """\
        (setf *readtable* (copy-readtable nil))
        (set-macro-character #\\! (lambda (s c) (declare (ignore c)) (list :bang (read s t nil t))))
        (defparameter *bang* '!x)
        """)
    it.load(path)
    assert it.eval("(prin1-to-string *bang*)") == "(:BANG X)"
    assert it.eval("(multiple-value-list (get-macro-character #\\!))") == [None, None]


def test_script_with_reader_macros(tmp_path):
    path = write(tmp_path, "script.lisp", prefix=BRACKETS, text="""\
        (print [1 2 3])
        (set-macro-character #\\% (lambda (s c) (declare (ignore c)) (read-line s) (values)))
        (print (list 1 % the rest of this line is a comment
          2))
        % a whole line
        (print :done)
        """)
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "repl.py"), path],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "\n#(1 2 3) \n(1 2) \n:DONE "


def test_reader_error_after_a_reader_macro_names_file_line_and_column(it, tmp_path):
    path = write(tmp_path, "bad.lisp", prefix=BRACKETS, text="""\
        (defparameter *ok* [1])
        (print '(1
           2 [3 . 4]))
        """)
    with pytest.raises(LispConditionError) as info:
        it.load(path)
    assert "dot context error" in info.value.report
    assert "bad.lisp, line 8, column 9" in info.value.report


def test_end_of_file_inside_a_form_names_where_it_began(it, tmp_path):
    path = write(tmp_path, "eof.lisp", prefix=BRACKETS, text="""\
        (defparameter *ok* [1])
        (print '(1
           2 (3 4
        """)
    with pytest.raises(LispConditionError) as info:
        it.load(path)
    assert info.value.type_name == "LISP-READER-ERROR"
    assert "end of file in the middle of the form that begins at line 7, column 0" \
        in info.value.report


def test_error_in_a_reader_macro_is_a_lisp_condition(tmp_path):
    path = write(tmp_path, "signal.lisp", """\
        (set-macro-character #\\! (lambda (s c) (declare (ignore s c)) (error "no bang here")))
        (print 1)
        (print '!)
        """)
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "repl.py"), path],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stdout == "\n1 "
    assert "no bang here" in proc.stderr
    assert "Traceback" not in proc.stderr


# ---------------------------------------------------------------- embedding and the REPL
def test_eval_after_defining_a_macro_character(it):
    it.eval("(set-macro-character #\\! (lambda (s c) (declare (ignore c)) "
            "(list 'quote (list :bang (read s t nil t)))))")
    assert it.eval("(prin1-to-string !foo)") == "(:BANG FOO)"
    assert prin1_to_string(it.read("!foo")) == "'(:BANG FOO)"
    assert it.eval("(length (list !a !(b c)))") == 2
    # Defined and used in one string: each form is read after the one before runs.
    assert it.eval("(set-dispatch-macro-character #\\# #\\! "
                   "(lambda (s c n) (declare (ignore c)) (list 'quote (list n (read s t nil t)))))"
                   " #3!x") == [3, it.read("x")]


def test_eval_with_readtable_case(it):
    it.eval("(setf (readtable-case *readtable*) :invert)")
    assert it.eval("(list (symbol-name 'Foo) (symbol-name 'foo) (symbol-name 'FOO))") \
        == ["Foo", "FOO", "foo"]
    assert it.eval("(prin1-to-string '(Foo foo FOO))") == "(Foo foo FOO)"


def test_repl_reads_each_input_once(it):
    it.eval("(defparameter *reads* 0)")
    it.eval("(set-macro-character #\\! (lambda (s c) (declare (ignore c)) (incf *reads*) "
            "(list 'quote (read s t nil t))))")
    it.eval_repl_text("!foo")
    assert it.eval("*reads*") == 1
    assert it.eval("(prin1-to-string +)") == "'FOO"


# ---------------------------------------------------------------- the two readers
@contextlib.contextmanager
def char_reader_only():
    """Read everything with the character-level reader."""
    saved = Readtable.fast_path
    Readtable.fast_path = lambda self: None
    try:
        yield
    finally:
        Readtable.fast_path = saved


def test_fast_path_reads_data_that_avoid_changed_syntax(it, monkeypatch):
    it.eval(BRACKETS)
    calls = []
    real = reader_chars.read_object
    monkeypatch.setattr(reader_chars, "read_object",
                        lambda *args: calls.append(args) or real(*args))
    assert prin1_to_string(it.read("(a (b) \"c\" #(1) #+nil x)")) == '(A (B) "c" #(1))'
    assert calls == []
    assert prin1_to_string(it.read("(a [b])")) == "(A #(B))"
    assert len(calls) == 1


def test_non_local_exit_from_a_reader_macro_restores_the_reader(it):
    it.eval("(set-macro-character #\\! (lambda (s c) (declare (ignore s c)) (throw 'out :thrown)))")
    assert it.eval("(catch 'out (read-from-string \"`(a (b !))\"))") == it.read(":thrown")
    assert it.eval("(handler-case (read-from-string \",a\") (reader-error () :comma))") \
        == it.read(":comma")


def test_deep_nesting_with_a_user_readtable(it):
    it.eval(BRACKETS)
    depth = 2000
    x = it.read("(" * depth + "[x]" + ")" * depth)
    for _ in range(depth):
        x = x.car
    assert prin1_to_string(x) == "#(X)"
    with pytest.raises(LispConditionError) as info:
        it.read("(" * 300000 + ")" * 300000)
    assert "nested too deeply" in info.value.report


def _outcome(text):
    """What READ-FROM-STRING makes of TEXT: (printed object, index) or
    ("error", condition class, message)."""
    try:
        obj, pos = read_from_string(text)
    except LispError as e:
        message = e.initargs.get("MESSAGE")
        return "error", e.class_name, message.value if message is not None else None
    return prin1_to_string(obj), pos


def _same_outcome(text, fast, chars) -> bool:
    """Whether the fast path and the character-level reader agree: same
    object and index, or the same condition class. Known differences, where
    the character-level reader does as SBCL does: in an unfinished datum the
    fast path reports the end of input first, the character-level reader
    the first problem in reading order (a comma outside a backquote, a
    missing #A rank ...); a comma before a close parenthesis is a comma
    outside a backquote; and a feature expression inside #B, #O, #X or #R
    is read in that radix (the fast path reads it in decimal)."""
    if fast[:2] == chars[:2]:
        return True
    if fast[0] == "error" and "feature expression" in (fast[2] or "") \
            and re.search(r"#[0-9]*[bBoOxXrR]", text):
        return True
    if fast[0] != "error" or chars[0] != "error":
        return False
    return fast[1] == "END-OF-FILE" or (fast[2] == "unmatched close parenthesis"
                                        and chars[2] == "Comma not inside a backquote.")


_STANDARD_TEXT = st.lists(st.sampled_from(
    list("()'`,@.#|\\\";:+-*/=<> \n\t0123456789abcxXoObBrRcCaApPeEdDfFlL\x08é")
    + ["#+", "#-", "#|", "|#", "#\\", "#(", "#*", "#:", ",@", "nil", "(or)", "(and)",
       "1.5", "1/2", "cl:", "::", "#'", "#c(1 2)", "#2a((1) (2))"]), max_size=30).map("".join)


_DIFF_PACKAGE = "READTABLES-DIFF-TEST"


@settings(max_examples=1500, deadline=None)
@given(_STANDARD_TEXT)
def test_both_readers_read_standard_syntax_alike(text):
    Interpreter()
    package = find_package(_DIFF_PACKAGE) or Package(_DIFF_PACKAGE)
    with Bindings([(cl_sym("*PACKAGE*"), package), (cl_sym("*READ-EVAL*"), NIL)]):
        fast = _outcome(text)
        with char_reader_only():
            chars = _outcome(text)
    assert _same_outcome(text, fast, chars), (text, fast, chars)

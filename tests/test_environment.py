"""COMPILE-FILE, REQUIRE with files, DISASSEMBLE, ROOM, INSPECT and ED
(lisp/prims/environment.py, stdlib/compile.lisp): what the language-level
file tests/lisp/environment.lisp cannot express."""
from __future__ import annotations

import os
import subprocess
import sys

from lisp import Interpreter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPL = os.path.join(ROOT, "repl.py")

LIB = """(defpackage :cf-lib (:use :cl) (:export #:twice #:with-twice))
(in-package :cf-lib)
(defmacro with-twice (&body body) `(progn ,@body ,@body))
(eval-when (:compile-toplevel :load-toplevel :execute)
  (defparameter *seen-at-compile* t))
(defun twice (x) (with-twice (incf x)) x)
"""


def test_compile_file_does_compile_time_work_and_writes_what_load_runs(tmp_path):
    """As in SBCL (same outputs, checked with sbcl --script): compile-file
    returns the fasl's truename, no warnings, no failure; DEFPACKAGE and
    (EVAL-WHEN (:COMPILE-TOPLEVEL)) took effect, DEFUNs did not; LOADing the
    output defines them."""
    lib = tmp_path / "lib.lisp"
    lib.write_text(LIB)
    prog = tmp_path / "main.lisp"
    prog.write_text(f"""
(let ((*compile-verbose* nil))
  (multiple-value-bind (out warnings failure) (compile-file "{lib}")
    (print (list (pathname-name out) (pathname-type out) warnings failure))))
(print (find-package :cf-lib))
(print (boundp 'cf-lib::*seen-at-compile*))
(print (fboundp 'cf-lib:twice))
(load "{tmp_path / 'lib.fasl'}")
(print (cf-lib:twice 5))
""")
    r = subprocess.run([sys.executable, REPL, str(prog)], capture_output=True, text=True,
                       cwd=ROOT, timeout=60)
    assert r.stdout == ('\n("lib" "fasl" NIL NIL) \n#<PACKAGE "CF-LIB"> \nT \nNIL \n7 '), r.stderr


def test_compile_file_of_an_unreadable_file_fails_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.lisp"
    bad.write_text("(defun oops (x) (car x)\n")
    it = Interpreter()
    r = it.eval(f"""(multiple-value-list (let ((*compile-verbose* nil) (*error-output* (make-broadcast-stream)))
                                          (compile-file "{bad}" :output-file "{tmp_path / 'out.fasl'}")))""")
    assert r == [None, True, True]
    assert not (tmp_path / "out.fasl").exists()


def test_compile_file_verbose_names_the_files(tmp_path):
    lib = tmp_path / "v.lisp"
    lib.write_text("(defun v () 1)\n")
    it = Interpreter()
    out = it.eval(f'(with-output-to-string (*standard-output*) (compile-file "{lib}"))')
    assert f'; compiling file "{lib}"' in out and f"; wrote {tmp_path / 'v.fasl'}" in out


def test_require_loads_the_files_once(tmp_path):
    mod = tmp_path / "mod.lisp"
    mod.write_text('(defvar *mod-loads* 0) (incf *mod-loads*) (provide "env-mod")\n')
    it = Interpreter()
    assert it.eval(f'(require "env-mod" (list "{mod}"))') is True
    assert it.eval(f'(require "env-mod" (list "{mod}"))') is None
    assert it.eval("*mod-loads*") == 1


def test_disassemble_room_inspect():
    it = Interpreter()
    it.eval("(defun dis-me (x) (* x 2))")
    out = it.eval("(with-output-to-string (*standard-output*) (disassemble 'dis-me))")
    assert "interpreted" in out and "(LAMBDA (X) (BLOCK DIS-ME (* X 2)))" in out
    out = it.eval("(with-output-to-string (*standard-output*) (disassemble 'car))")
    assert "built in" in out
    out = it.eval("(with-output-to-string (*standard-output*) (room))")
    assert "bytes" in out and "Live processes" in out
    out = it.eval("(with-output-to-string (*standard-output*) (inspect 42))")
    assert "42" in out and "FIXNUM" in out.upper()


def test_ed_runs_the_editor_on_the_file(tmp_path, monkeypatch):
    log = tmp_path / "edited"
    editor = tmp_path / "editor.sh"
    editor.write_text(f'#!/bin/sh\necho "$1" > {log}\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    it = Interpreter()
    it.eval(f'(ed "{tmp_path / "file.lisp"}")')
    assert log.read_text().strip() == str(tmp_path / "file.lisp")


def test_dribble_records_the_repl_session_until_dribble_again(tmp_path):
    """DRIBBLE: the REPL's inputs, values, output and error reports go to
    the file as well as the console, until (dribble)."""
    transcript = tmp_path / "session.txt"
    forms = (f'(dribble "{transcript}")\n(+ 1 2)\n(format t "hello~%")\n(car 5)\n'
             '(dribble)\n(+ 3 4)\n')
    r = subprocess.run([sys.executable, REPL], input=forms, capture_output=True, text=True,
                       cwd=ROOT, timeout=60)
    assert "7" in r.stdout
    text = transcript.read_text()
    assert "* (+ 1 2)\n3\n" in text
    assert "* (format t \"hello~%\")\nhello\nNIL\n" in text
    assert "is not of type" in text
    assert "(+ 3 4)" not in text and "\n7\n" not in text

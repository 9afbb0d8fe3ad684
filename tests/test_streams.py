"""Streams, files and pathnames where tests/lisp/streams.lisp cannot look:
printed streams (their {address}), condition reports naming temporary
paths, the console streams of a script, and properties of namestrings.
The expected texts are SBCL 2.2.9's."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from hypothesis import assume, given, settings, strategies as st

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDR = r"\{[0-9A-F]+\}"


@pytest.fixture(scope="module")
def interp():
    from lisp.interpreter import Interpreter
    return Interpreter()


def lisp(interp, text):
    """The printed (PRIN1) primary value of evaluating TEXT."""
    from lisp.printer import prin1_to_string
    return prin1_to_string(interp.eval_form(interp.read(text)))


def report(interp, form):
    """The one-line report of the error FORM signals, as PRINC shows it."""
    text = interp.eval_form(interp.read(
        "(handler-case %s (error (c) (let ((*print-right-margin* 500)) "
        "(princ-to-string c))))" % form))
    return text.value


def run_script(tmp_path, text, stdin=""):
    path = tmp_path / "prog.lisp"
    path.write_text(text)
    return subprocess.run([sys.executable, os.path.join(ROOT, "repl.py"), str(path)],
                          input=stdin, capture_output=True, text=True, timeout=60,
                          cwd=str(tmp_path))


# ---------------------------------------------------------------- printing
def test_compound_streams_print_as_sbcl(interp):
    assert re.fullmatch(r"#<BROADCAST-STREAM %s>" % ADDR, lisp(interp, "(make-broadcast-stream)"))
    assert re.fullmatch(r"#<CONCATENATED-STREAM :STREAMS NIL %s>" % ADDR,
                        lisp(interp, "(make-concatenated-stream)"))
    assert re.fullmatch(
        r"#<CONCATENATED-STREAM :STREAMS \(#<SB-IMPL::STRING-INPUT-STREAM %s>\) %s>"
        % (ADDR, ADDR), lisp(interp, '(make-concatenated-stream (make-string-input-stream "a"))'))
    assert re.fullmatch(
        r"#<ECHO-STREAM :INPUT-STREAM #<SB-IMPL::STRING-INPUT-STREAM %s> "
        r":OUTPUT-STREAM #<SB-IMPL::STRING-OUTPUT-STREAM %s> %s>" % (ADDR, ADDR, ADDR),
        lisp(interp, '(make-echo-stream (make-string-input-stream "a") '
                     '(make-string-output-stream))'))
    assert re.fullmatch(r"#<SYNONYM-STREAM :SYMBOL \*STANDARD-OUTPUT\* %s>" % ADDR,
                        lisp(interp, "(make-synonym-stream '*standard-output*)"))


def test_file_streams_print_their_file(interp, tmp_path):
    path = tmp_path / "f.txt"
    path.write_text("x")
    text = lisp(interp, '(with-open-file (s "%s") s)' % path)
    assert re.fullmatch(r'#<SB-SYS:FD-STREAM for "file %s" %s>' % (re.escape(str(path)), ADDR),
                        text)
    # a probe stream names the file without "file"
    text = lisp(interp, '(open "%s" :direction :probe)' % path)
    assert re.fullmatch(r'#<SB-SYS:FD-STREAM for "%s" %s>' % (re.escape(str(path)), ADDR), text)


def test_a_pathname_without_namestring_prints_its_components(interp):
    text = lisp(interp, '(make-pathname :name "" :type "x")')
    assert re.fullmatch(r'#<PATHNAME \(with no namestring\) :HOST #<SB-IMPL::UNIX-HOST %s> '
                        r':DEVICE NIL :DIRECTORY NIL :NAME "" :TYPE "x" :VERSION NIL>' % ADDR,
                        text)


# ---------------------------------------------------------------- reports
def test_file_error_reports(interp, tmp_path):
    d = str(tmp_path)
    (tmp_path / "a.txt").write_text("abc")
    assert report(interp, '(open "%s/none.txt")' % d) == \
        'The file #P"%s/none.txt" does not exist: No such file or directory' % d
    assert report(interp, '(open "%s/a.txt" :direction :output)' % d) == \
        'The file #P"%s/a.txt" already exists: File exists' % d
    assert report(interp, '(open "%s/a.txt" :direction :output :if-exists :error '
                          ':if-does-not-exist nil)' % d) == \
        'The file #P"%s/a.txt" already exists' % d
    assert report(interp, '(open "%s/a.txt" :direction :output :if-exists :new-version)' % d) \
        == "OPEN :IF-EXISTS :NEW-VERSION is not supported when a new version must be created."
    assert report(interp, '(open "%s/no/x.txt" :direction :output)' % d) == \
        'The path #P"%s/no/x.txt" does not exist.' % d
    assert report(interp, '(delete-file "%s/none")' % d) == \
        'Could not delete the file "%s/none": No such file or directory' % d
    assert report(interp, '(truename "%s/none")' % d) == \
        "Failed to find the TRUENAME of %s/none: No such file or directory" % d
    assert report(interp, '(file-write-date "%s/none")' % d) == \
        "Failed to find the WRITE-DATE of %s/none: No such file or directory" % d
    assert report(interp, '(rename-file "%s/a.txt" "%s/no/b.txt")' % (d, d)) == \
        "couldn't rename %s/a.txt to %s/no/b.txt: No such file or directory" % (d, d)
    assert report(interp, '(ensure-directories-exist "%s/a.txt/x/")' % d) == \
        "Can't create directory %s/a.txt,\na file with the same name already exists." % d
    assert report(interp, '(open "%s/*.txt")' % d) == \
        ('The pathname #P"%s/*.txt" does not have a native namestring because of the :NAME '
         'component :WILD.' % d)
    assert report(interp, '(probe-file "%s/*.txt")' % d) == \
        "Can't find the TRUENAME of wild pathname %s/*.txt (physicalized from %s/*.txt)." % (d, d)
    assert report(interp, '(with-open-file (s "%s/a.txt" :element-type \'integer))' % d) == \
        "could not find any input routine for INTEGER"
    assert report(interp, '(with-open-file (s "%s/a.txt" :external-format :nope))' % d) == \
        "Undefined external-format: :NOPE"


def test_coding_error_reports(interp, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes([104, 195, 40, 105]))
    assert re.fullmatch(
        r':UTF-8 stream decoding error on #<SB-SYS:FD-STREAM for "file %s" %s>: '
        r"the octet sequence #\(195 40\) cannot be decoded." % (re.escape(str(bad)), ADDR),
        report(interp, '(with-open-file (s "%s") (read-line s))' % bad))
    out = tmp_path / "e.txt"
    assert re.fullmatch(
        r':LATIN-1 stream encoding error on #<SB-SYS:FD-STREAM for "file %s" %s>: '
        r"the character with code 8364 cannot be encoded." % (re.escape(str(out)), ADDR),
        report(interp, '(with-open-file (s "%s" :direction :output :external-format :latin-1) '
                       '(write-string (string (code-char 8364)) s))' % out))


def test_stream_error_reports(interp):
    assert re.fullmatch(r"#<SB-IMPL::STRING-OUTPUT-STREAM %s> is not a character input stream."
                        % ADDR, report(interp, "(read-char (make-string-output-stream))"))
    assert re.fullmatch(r"#<SB-IMPL::STRING-OUTPUT-STREAM %s> is not a binary output stream."
                        % ADDR, report(interp, "(write-byte 1 (make-string-output-stream))"))
    assert re.fullmatch(r"#<SB-IMPL::STRING-INPUT-STREAM %s> is closed" % ADDR,
                        report(interp, '(let ((s (make-string-input-stream "x"))) (close s) '
                                       '(read-char s))'))
    assert report(interp, '(parse-namestring "/tmp/x[y")') == \
        "parse error in namestring: #\\[ with no corresponding #\\]\n  /tmp/x[y\n        ^"
    assert report(interp, '(with-output-to-string (o "abc"))') == \
        '"abc" is not a string with a fill-pointer'
    assert report(interp, '(translate-pathname "/tmp/abc.lisp" "/usr/*.*" "/x/")') == \
        ('Pathname components from SOURCE and FROM args to TRANSLATE-PATHNAME\n'
         'did not match:\n  ("tmp") ("usr")')


def test_decoding_with_a_replacement_resynchronises_after_the_bad_octet(interp, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes([104, 195, 40, 105, 0xE2, 0x82, 0xAC]))
    assert lisp(interp, '(with-open-file (s "%s" :external-format \'(:utf-8 :replacement #\\?)) '
                        '(read-line s))' % bad) == '"h?(i\u20ac"'


def test_opening_an_existing_file_with_if_does_not_exist_nil_overwrites_it(interp, tmp_path):
    """SBCL's O_EXCL without O_CREAT: no error, and no truncation."""
    f = tmp_path / "keep.txt"
    f.write_text("abcdef")
    interp.eval('(with-open-file (s "%s" :direction :output :if-does-not-exist nil) '
                '(write-string "XY" s))' % f)
    assert f.read_text() == "XYcdef"


def test_close_abort_drops_output_not_yet_written(interp, tmp_path):
    f = tmp_path / "kept.txt"
    f.write_text("orig")
    interp.eval('(let ((s (open "%s" :direction :output :if-exists :append))) '
                '(write-string "new" s) (close s :abort t))' % f)
    assert f.read_text() == "orig"
    interp.eval('(let ((s (open "%s" :direction :output :if-exists :append))) '
                '(write-string "new" s) (finish-output s) (close s :abort t))' % f)
    assert f.read_text() == "orignew"


# ---------------------------------------------------------------- the console in a script
def test_console_streams_in_a_script(tmp_path):
    r = run_script(tmp_path, """
(print (type-of *standard-output*))
(print (type-of *terminal-io*))
(print (list (interactive-stream-p *standard-input*) (stream-element-type *standard-output*)))
(print (stream-external-format *standard-output*))
(print (list (read-char-no-hang *standard-input* nil :eof) (listen *standard-input*)
             (read-byte *standard-input* nil :eof)))
(terpri)
(write-byte 65 *standard-output*)
(print (file-position *standard-output*))
(print (handler-case (file-length *standard-output*) (type-error () :not-a-file)))
(format t "~%~A~%" *standard-input*)
(print (namestring *default-pathname-defaults*))
""")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[1:5] == ["SB-SYS:FD-STREAM ", "TWO-WAY-STREAM ", "(NIL CHARACTER) ",
                          "(:UTF-8 :REPLACEMENT #\\REPLACEMENT_CHARACTER) "]
    assert lines[5] == "(:EOF NIL :EOF) "
    assert lines[6] == "A"
    assert lines[7:9] == ["NIL ", ":NOT-A-FILE "]
    # ~A prints the stream's type without its package, as PRINC does
    assert re.fullmatch(r'#<FD-STREAM for "standard input" %s>' % ADDR, lines[9])
    assert lines[11] == '"%s/" ' % os.path.realpath(str(tmp_path))


def test_an_unhandled_file_error_in_a_script(tmp_path):
    r = run_script(tmp_path, '(princ "before")\n(open "missing.txt")\n')
    assert r.returncode == 1
    assert r.stdout == "before"
    assert "Unhandled FILE-DOES-NOT-EXIST" in r.stderr
    assert 'The file #P"%s/missing.txt" does not exist' % os.path.realpath(str(tmp_path)) \
        in " ".join(r.stderr.split())
    assert "Traceback" not in r.stderr


def test_load_takes_a_pathname(tmp_path):
    (tmp_path / "lib.lisp").write_text("(defun from-lib () :loaded)\n")
    r = run_script(tmp_path, '(load (make-pathname :name "lib" :type "lisp"))\n'
                             '(print (from-lib))\n'
                             '(print (load (merge-pathnames "lib" *default-pathname-defaults*)))\n')
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == [":LOADED", "T"]


# ---------------------------------------------------------------- namestrings
# No "~": SBCL's namestring of a directory "~x" under the root reads back
# as a relative one, and we print it as SBCL does.
_PIECE = st.text(alphabet="ab.*?\\-_ x", min_size=0, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECE, min_size=1, max_size=4), st.booleans())
def test_any_namestring_parses_or_signals_and_namestrings_read_back(parts, absolute):
    """Whatever the text, PARSE-NAMESTRING gives a pathname or a
    NAMESTRING-PARSE-ERROR (never a Python exception), and a pathname's
    namestring parses back to the same pathname."""
    from lisp import pathnames as P
    text = ("/" if absolute else "") + "/".join(parts)
    # An escaped ".." directory is the string "..", which SBCL's namestring
    # writes back as "../" (:UP); we print it as SBCL does.
    assume("\\." not in text)
    try:
        p = P.parse_namestring(text)
    except P.NamestringParseError as e:
        assert 0 <= e.offset <= len(text)
        return
    name = P.namestring(p, error=False)
    if name is not None:
        assert P.parse_namestring(name) is p


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abc.*?[]\\/~", max_size=12))
def test_parse_namestring_from_lisp_never_escapes_as_python(interp, text):
    from lisp.objects import LString
    from lisp.prims.pathnames import parse_namestring
    from lisp.errors import LispError
    try:
        parse_namestring(LString(text))
    except LispError as e:
        assert e.class_name == "SB-KERNEL:NAMESTRING-PARSE-ERROR"


def test_wrong_use_of_the_console_and_of_binary_files_is_a_lisp_error(tmp_path):
    """Found by calling every stream function on every kind of stream:
    these were Python exceptions."""
    r = run_script(tmp_path, """
(defmacro error-of (form) `(handler-case (progn ,form :no-error) (error (c) (type-of c))))
(print (error-of (read-char *standard-output*)))
(print (error-of (read-line *standard-output*)))
(print (error-of (write-byte (car (list 'a)) *standard-output*)))
(print (error-of (write-byte (+ 255 (length "x")) *standard-output*)))
(with-open-file (s "u.bin" :direction :output :element-type '(unsigned-byte 8)) (write-byte 1 s))
(print (with-open-file (s "u.bin" :element-type '(unsigned-byte 8)) (error-of (unread-char #\\a s))))
(with-open-file (s "c.txt" :direction :output) (write-string "abc" s))
(print (with-open-file (s "c.txt") (list (unread-char #\\z s) (read-char s))))
""")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["SIMPLE-TYPE-ERROR", "SIMPLE-TYPE-ERROR", "TYPE-ERROR",
                                "TYPE-ERROR", "SIMPLE-TYPE-ERROR", "(NIL", "#\\a)"]


_FUNCTIONS = """read-char read-char-no-hang peek-char unread-char read-line listen clear-input
write-char write-string write-line terpri fresh-line finish-output force-output clear-output
read-byte write-byte read-sequence write-sequence file-position file-length file-string-length
stream-element-type stream-external-format open-stream-p input-stream-p output-stream-p
interactive-stream-p close make-broadcast-stream make-concatenated-stream make-two-way-stream
make-echo-stream make-synonym-stream broadcast-stream-streams concatenated-stream-streams
two-way-stream-input-stream echo-stream-output-stream synonym-stream-symbol
get-output-stream-string make-string-input-stream make-string-output-stream pathname namestring
file-namestring directory-namestring enough-namestring parse-namestring merge-pathnames
pathname-name pathname-directory wild-pathname-p pathname-match-p translate-pathname probe-file
truename file-write-date file-author open read""".split()


def test_every_stream_function_on_every_kind_of_argument_signals_lisp_conditions(tmp_path):
    """Each function with no argument, each argument of a pool (every kind
    of stream, open and closed, pathnames and non-streams), and the pairs
    (object, stream) and (stream, object): values or Lisp conditions,
    never an internal error."""
    from lisp.interpreter import Interpreter
    it = Interpreter()
    f = tmp_path / "a.txt"
    f.write_text("hello")
    it.eval('''(defparameter *pool* (list 3 nil t :end "x" "%s" #\\a 'foo '(1 2) (make-array 3)
      (make-string-input-stream "abc") (make-string-output-stream) (make-broadcast-stream)
      (make-concatenated-stream) (make-synonym-stream '*standard-output*)
      (let ((s (make-string-input-stream "z"))) (close s) s)
      (open "%s") (open "%s" :element-type '(unsigned-byte 8)) (open "%s" :element-type :default)
      (let ((s (open "%s"))) (close s) s) (make-pathname :name :wild)
      (make-echo-stream (make-string-input-stream "e") (make-string-output-stream))))'''
            % ((f,) * 5))
    size = it.eval("(length *pool*)")
    streams = [i for i in range(size) if it.eval("(streamp (nth %d *pool*))" % i)]
    calls = [()] + [(i,) for i in range(size)]
    calls += [(i, s) for i in (0, 4, 6, 8, 9) for s in streams]
    calls += [(s, i) for s in streams for i in (0, 1, 3, 4, 6)]
    failures = it.eval("""
      (loop for name in '(%s)
            nconc (loop for args in '(%s)
                        for text = (handler-case
                                       (progn (apply name (mapcar (lambda (i) (nth i *pool*))
                                                                  args))
                                              nil)
                                     (error (c) (princ-to-string c)))
                        when (and text (search "Internal error" text))
                          collect (format nil "~A ~A: ~A" name args text)))"""
                       % (" ".join(_FUNCTIONS),
                          " ".join("(%s)" % " ".join(map(str, c)) for c in calls)))
    assert failures is None or failures == [], failures

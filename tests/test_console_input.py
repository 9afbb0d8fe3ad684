"""SPEC 3: reading input blocks only the calling process. The command line
reads standard input through lisp/console.py's ConsoleInput: a read that
must wait blocks its process, the others run, and the read is retried
from where it started once input arrives.

Every multi-process test waits on state: a watcher thread prints a line
once the main thread's whostate says it waits for input, and the test
writes input only after seeing that line."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from lisp.console import ConsoleInput, NeedInput

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPL = os.path.join(ROOT, "repl.py")

# Prints "main waits" once the main thread blocks reading standard input.
WATCHER = """
(defvar *main* sb-thread:*current-thread*)
(defun waits-for-input-p ()
  (equal (mp:process-whostate *main*) "input from standard input"))
(sb-thread:make-thread
 (lambda ()
   (mp:process-wait "main reads" #'waits-for-input-p)
   (format t "main waits~%")
   (finish-output))
 :name "watcher")
"""


def start(tmp_path, text, *args):
    prog = tmp_path / "prog.lisp"
    prog.write_text(text)
    return subprocess.Popen([sys.executable, REPL, *args, str(prog)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def finish(proc, timeout=60, close_stdin=True):
    """The rest of PROC's stdout and stderr once it ended. Standard input
    is closed first unless CLOSE_STDIN is false (then it stays open and
    empty: end of file never comes)."""
    try:
        if close_stdin and not proc.stdin.closed:
            proc.stdin.close()
        proc.wait(timeout=timeout)
        return proc.stdout.read(), proc.stderr.read()
    finally:
        proc.kill()
        proc.stdin.close()


def test_rule_3_other_processes_run_while_main_reads_a_line(tmp_path):
    """SPEC 3: a thread keeps running (it counts, then reports) while the
    main thread waits in READ-LINE for input that has not come."""
    proc = start(tmp_path, WATCHER + """
(defvar *count* 0)
(sb-thread:make-thread
 (lambda ()
   (mp:process-wait "main reads" #'waits-for-input-p)
   (dotimes (i 1000) (incf *count*))
   (format t "counted ~a while main waits~%" *count*)
   (finish-output)))
(format t "read ~s~%" (read-line))
""")
    lines = [proc.stdout.readline(), proc.stdout.readline()]
    assert sorted(lines) == ["counted 1000 while main waits\n", "main waits\n"]
    proc.stdin.write("hello\n")
    proc.stdin.flush()
    out, err = finish(proc)
    assert out == 'read "hello"\n'
    assert proc.returncode == 0, err


def test_rule_3_a_read_that_needs_more_input_is_retried_from_its_start(tmp_path):
    """READ of a form whose first half is there and whose second half comes
    later: the read waits (blocking only main) and then reads the whole
    form, as if it had all been there. Also a UTF-8 character split across
    the two writes, and READ-LINE's missing-newline value at the end."""
    proc = start(tmp_path, WATCHER + """
(print (read))
(print (read-char))
(print (multiple-value-list (read-line)))
(print (multiple-value-list (read-line nil nil :eof)))
(terpri)
""")
    proc.stdin.buffer.write(b'(a "b\xc3')     # half of the two bytes of e-acute
    proc.stdin.flush()
    assert proc.stdout.readline() == "main waits\n"
    proc.stdin.buffer.write(b'\xa9" c)\xce\xbbrest\nlast')
    proc.stdin.close()
    out, err = finish(proc)
    assert out == '\n(A "b\u00e9" C) \n#\\GREEK_SMALL_LETTER_LAMDA \n("rest" NIL) \n("last" T) \n', err
    assert proc.returncode == 0


def test_rule_3_waiting_for_input_is_not_a_deadlock(tmp_path):
    """SPEC 3: with main reading input and another thread waiting on a
    semaphore only main will signal, nothing is deadlocked: input could
    come. Once it comes, main signals and both finish."""
    proc = start(tmp_path, WATCHER + """
(defvar *sem* (sb-thread:make-semaphore))
(defvar *other* (sb-thread:make-thread
                 (lambda () (sb-thread:wait-on-semaphore *sem*) :released)))
(defvar *line* (read-line))
(sb-thread:signal-semaphore *sem*)
(format t "~a ~a~%" *line* (sb-thread:join-thread *other*))
""")
    assert proc.stdout.readline() == "main waits\n"
    proc.stdin.write("go\n")
    proc.stdin.flush()
    out, err = finish(proc)
    assert out == "go RELEASED\n"
    assert "deadlock" not in err.lower()
    assert proc.returncode == 0


def test_rule_3_sigint_interrupts_a_read_running_its_cleanups(tmp_path):
    """SPEC 1, 6: Ctrl-C (SIGINT) while main waits for input is a break
    delivered at once: the read is abandoned, cleanups run, status 130."""
    proc = start(tmp_path, WATCHER + """
(unwind-protect (read-line)
  (format t "cleanup~%")
  (finish-output))
""")
    assert proc.stdout.readline() == "main waits\n"
    proc.send_signal(signal.SIGINT)
    out, err = finish(proc)
    assert out == "cleanup\n"
    assert proc.returncode == 130
    assert "Traceback" not in err


def read_until(proc, text):
    """PROC's stdout up to and including TEXT (one character at a time:
    a question has no newline to wait for)."""
    seen = ""
    while not seen.endswith(text):
        c = proc.stdout.read(1)
        assert c, f"output ended before {text!r}: {seen!r}"
        seen += c
    return seen


def test_y_or_n_p_waits_for_its_answer_and_asks_once(tmp_path):
    """Y-OR-N-P asks, waits (blocking only its process) and, called again
    when the answer comes, does not ask again. (Asking again after a wrong
    answer is checked in tests/lisp/streams.lisp: here the second wait
    follows the first within one step, which no other process can see.)"""
    proc = start(tmp_path, WATCHER + """
(print (y-or-n-p "Go?"))
(terpri)
""")
    assert read_until(proc, "main waits\n") == "Go? (y or n) main waits\n"
    proc.stdin.write("Y\n")
    out, err = finish(proc)
    assert out == "\nT \n", err
    assert proc.returncode == 0


def test_mt_y_or_n_p_timeout_unanswered_returns_the_default(tmp_path):
    """MT:Y-OR-N-P-TIMEOUT (CLISP): no answer within the time, so it says
    it timed out and returns the default. The question's wait is a green
    wait that the timeout interrupts."""
    proc = start(tmp_path, """
(print (mt:y-or-n-p-timeout 0.3 t "Continue?"))
(terpri)
""")
    out, err = finish(proc, close_stdin=False)     # stdin stays open and empty
    assert out == "Continue? (y or n) [Timed out] Y\n\nT \n", err
    assert proc.returncode == 0


def test_piped_repl_runs_other_processes_while_waiting_for_the_next_form():
    """The REPL reading forms from a pipe waits for the next one without
    stopping the processes the earlier forms started."""
    proc = subprocess.Popen([sys.executable, REPL], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    proc.stdin.write('(progn (sb-thread:make-thread (lambda () (sleep 0.05)'
                     ' (format t "~%background done~%") (finish-output))) :started)\n')
    proc.stdin.flush()
    while True:
        line = proc.stdout.readline()
        assert line, "the REPL ended"
        if "background done" in line:
            break
    proc.stdin.write("(+ 1 2)\n")
    proc.stdin.close()
    out, err = finish(proc)
    assert "3" in out.split()
    assert proc.returncode == 0, err


def test_piped_repl_form_then_program_input_on_the_next_line():
    """As SBCL's REPL: the text after a form is the program's input."""
    r = subprocess.run([sys.executable, REPL], input='(read-line)\nhello\n(print 1)\n',
                       capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert r.stdout.split() == ['"hello"', "NIL", "1", "1"]


# ---------------------------------------------------------------- ConsoleInput itself
@pytest.fixture
def pipe():
    r, w = os.pipe()
    yield ConsoleInput(r), w
    os.close(r)
    try:
        os.close(w)
    except OSError:
        pass


def test_console_input_armed_read_raises_and_rewinds(pipe):
    con, w = pipe
    os.write(w, b"ab")
    con.armed = True
    snap = con.snapshot()
    assert con.read_char() == "a"
    assert con.read_char() == "b"
    with pytest.raises(NeedInput):
        con.read_char()
    con.rewind(snap)
    with pytest.raises(NeedInput):
        con.read_line()             # no newline yet: nothing consumed
    assert con.pos == 0
    os.write(w, b"c\nd")
    assert con.read_line() == ("abc", False)
    assert con.line == 2
    con.armed = False
    os.close(w)
    assert con.read_line() == ("d", True)
    assert con.read_line() == (None, True)
    assert con.read_char() is None


def test_console_input_unread_peek_bytes_listen_clear(pipe):
    con, w = pipe
    assert not con.listen()
    os.write(w, "\u00e9x\n".encode() + b"\x01\x02rest")
    assert con.listen()
    assert con.peek_char() == "\u00e9"
    c = con.read_char()
    con.unread_char(c)
    assert con.read_char() == "\u00e9"
    assert con.read_char() == "x"
    assert con.read_char() == "\n" and con.line == 2
    con.unread_char("\n")
    assert con.line == 1
    assert con.read_char() == "\n"
    assert con.read_byte() == 1 and con.read_byte() == 2
    con.clear_input()
    assert not con.listen()
    os.write(w, b"\xff\n")
    assert con.read_char() == "\ufffd"     # not UTF-8: the replacement character


def test_terminal_repl_read_line_waits_while_other_threads_run():
    """At the REPL in a terminal, (READ-LINE) waits for the user's line
    while a thread started by the same form goes on printing. The newline
    READ-CHAR leaves is skipped before the next form, as SBCL's REPL skips
    it; a line typed before the evaluation reads it (prompt-toolkit's
    typeahead) is the evaluation's input. Markers are built at run time so
    the echo cannot match."""
    from test_repl_terminal import Terminal
    term = Terminal()
    try:
        term.read_until(r"Ctrl-D quits")
        term.send('(progn (sb-thread:make-thread (lambda () (format t "~%~A~%"'
                  ' (concatenate (quote string) "thread" "-ran")) (finish-output)))'
                  ' (list (read-line) (read-char)))\r')
        term.read_until(r"thread-ran")
        term.mark()
        term.send("typed by the user\r")
        term.send("z\r")
        term.read_until(r'\("typed by the user" #\\z\)')
        term.read_until(r"\n\*")       # the next prompt: the terminal is the prompt's again
        term.mark()
        # a thread says when main waits for the line (the user types then)
        term.send('(let ((main sb-thread:*current-thread*)) (sb-thread:make-thread (lambda ()'
                  ' (mp:process-wait "w" (lambda () (mp:process-whostate main)))'
                  ' (format t "~%~A~%" (concatenate (quote string) "main" "-waits"))'
                  ' (finish-output))) (read-line))\r')
        term.read_until(r"main-waits")
        term.send("next\r")
        term.read_until(r'"next"')
    finally:
        term.close()


def test_standard_input_closed_reads_end_of_file():
    """Started with file descriptor 0 closed (`lisp <&-`): reading standard
    input meets end of file, the REPL ends at once, nothing crashes."""
    r = subprocess.run([sys.executable, REPL, "--eval",
                        "(print (read-line *standard-input* nil :eof))"],
                       capture_output=False, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, timeout=60, cwd=ROOT, preexec_fn=lambda: os.close(0))
    assert r.stdout == "\n:EOF "
    assert r.returncode == 0
    assert "Traceback" not in r.stderr


def test_rule_3_idle_while_reading_input_uses_no_cpu(tmp_path):
    """SPEC 3: while every process is blocked (here main reading input that
    comes half a second later) the interpreter sleeps in select(), using no
    CPU. The half second is the measured interval, not a synchronisation:
    the test writes once main is seen waiting."""
    proc = start(tmp_path, WATCHER + """
(let ((before (get-internal-run-time)))
  (read-line)
  (format t "cpu ~,3f~%" (/ (- (get-internal-run-time) before)
                            internal-time-units-per-second)))
""")
    assert proc.stdout.readline() == "main waits\n"
    time.sleep(0.5)
    proc.stdin.write("late\n")
    out, err = finish(proc)
    assert out.startswith("cpu "), err
    assert float(out.split()[1]) < 0.25

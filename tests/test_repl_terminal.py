"""The interactive REPL in a pseudo-terminal: what a user at a terminal sees.
Every wait is for output to appear (state), with a generous deadline."""
from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\r")


def _controlling_terminal():
    """In the child: a new session whose controlling terminal is the pty, so
    Ctrl-C typed at it sends SIGINT, as in a real terminal."""
    import fcntl
    import termios
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    def __init__(self):
        self.master, slave = pty.openpty()
        env = dict(os.environ, TERM="xterm", COLUMNS="100", LINES="30",
                   PROMPT_TOOLKIT_NO_CPR="1")
        self.proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "repl.py"), "--no-history"],
                                     stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env,
                                     preexec_fn=_controlling_terminal)
        os.close(slave)
        self.seen = ""

    def read_until(self, pattern, timeout=30.0):
        deadline = time.monotonic() + timeout
        while True:
            m = re.search(pattern, self.text())
            if m:
                return m
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"never saw {pattern!r}; screen text:\n{self.text()[-2000:]}"
                                     f"\n{self.process_state()}")
            r, _, _ = select.select([self.master], [], [], min(left, 0.5))
            if r:
                try:
                    self.seen += os.read(self.master, 65536).decode("utf-8", "replace")
                except OSError:
                    pass

    def process_state(self):
        """The REPL process's state as Linux shows it (running or sleeping,
        pending and caught signals), for a failure's message."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                lines = [ln.strip() for ln in f
                         if ln.startswith(("State", "SigPnd", "ShdPnd", "SigBlk", "SigCgt"))]
            with open(f"/proc/{self.proc.pid}/wchan") as f:
                lines.append("wchan: " + f.read())
            return "REPL process: " + "; ".join(lines)
        except OSError:
            return f"REPL process: exit status {self.proc.poll()}"

    def text(self):
        return ANSI.sub("", self.seen)

    def send(self, s):
        os.write(self.master, s.encode())

    def mark(self):
        """Forget what was seen so far; later patterns match new output only."""
        self.seen = ""

    def close(self):
        """End the REPL with Ctrl-D. A Ctrl-D typed before the prompt is up
        (while an evaluation's output is still being written) is consumed by
        the terminal's cooked mode as an empty read, so send it again until
        the REPL exits."""
        try:
            for _ in range(20):
                self.send("\x04")
                try:
                    self.proc.wait(timeout=0.5)
                    break
                except subprocess.TimeoutExpired:
                    pass
            else:
                self.proc.kill()
        except Exception:
            self.proc.kill()
        os.close(self.master)


@pytest.fixture
def term():
    t = Terminal()
    t.read_until(r"Ctrl-D quits")
    yield t
    t.close()


def test_values_errors_and_multiline(term):
    term.send("(defun sq (x)\r")
    term.send("  (* x x))\r")
    term.read_until(r"SQ")
    term.mark()
    term.send("(sq 12)\r")
    term.read_until(r"144")
    term.mark()
    term.send("(car 5)\r")
    term.read_until(r"is not of type")
    term.read_until(r"0\] ")
    term.mark()
    term.send("toplevel\r")
    term.read_until(r"(^|\n)\*")
    term.mark()
    term.send("(+ 1 2)\r")
    term.read_until(r"\b3\b")


def test_debugger_restarts_backtrace_nested_levels_and_end_of_input(term):
    """An unhandled error enters SBCL's debugger where it happened: the
    restarts are listed and invoked by number or name, BACKTRACE shows the
    calls, forms are evaluated there, an error inside nests a level, ABORT
    goes back one, end of input (Ctrl-D) returns to the top level."""
    term.send('(defun f (n) (if (= n 0) (error "deep ~a" n) (+ 1 (f (- n 1)))))\r')
    term.read_until(r"\bF\b")
    term.mark()
    term.send('(restart-case (f 2) (use-five () :report "Use 5." 5))\r')
    term.read_until(r"debugger invoked on a SIMPLE-ERROR")
    term.read_until(r"0: \[USE-FIVE\] Use 5\.")
    term.read_until(r"1: \[ABORT   \] Exit debugger, returning to top level\.")
    term.read_until(r"0\] ")
    term.mark()
    term.send("backtrace\r")
    term.read_until(r"0: \(F 1\)\s+1: \(F 2\)")
    term.read_until(r"0\] ")
    term.mark()
    term.send("(list :inside (* 6 7))\r")
    term.read_until(r"\(:INSIDE 42\)")
    term.mark()
    term.send("(car 5)\r")
    term.read_until(r"0: \[ABORT   \] Reduce debugger level \(to debug level 0\)\.")
    term.read_until(r"1\] ")
    term.mark()
    term.send("abort\r")
    term.read_until(r"0\] ")
    term.mark()
    term.send("0\r")                  # USE-FIVE: the RESTART-CASE returns 5
    # the value may be written while the next prompt is drawn (patch_stdout
    # erases the prompt with escapes, so "* " can precede it in the bytes)
    term.read_until(r"\b5\b")
    term.read_until(r"(^|\n)\*")
    term.mark()
    term.send('(cerror "Go on." "soft")\r')
    term.read_until(r"0: \[CONTINUE\] Go on\.")
    term.read_until(r"0\] ")
    term.mark()
    term.send("cont\r")              # a restart by abbreviated name
    term.read_until(r"NIL")
    term.read_until(r"(^|\n)\*")
    term.mark()
    term.send('(error "eof")\r')
    term.read_until(r"0\] ")
    term.mark()
    term.send("\x04")
    term.read_until(r"(^|\n)\*")
    term.mark()
    term.send("(+ 1 2)\r")
    term.read_until(r"\b3\b")


def test_background_process_runs_while_user_types(term):
    term.send("(defvar *ticks* 0)\r")
    term.read_until(r"\*TICKS\*")
    term.send("(sb-thread:make-thread (lambda () (loop (sleep 0.01) (incf *ticks*))))\r")
    term.read_until(r"THREAD")
    # between prompts the ticker keeps running: ask until it has moved
    deadline = time.monotonic() + 30
    while True:
        term.mark()
        term.send("(if (> *ticks* 5) :moving :waiting)\r")
        m = term.read_until(r":(MOVING|WAITING)")
        if m.group(1) == "MOVING":
            break
        assert time.monotonic() < deadline, "the background process never ran between prompts"


def test_ctrl_c_interrupts_evaluation_and_returns_to_prompt(term):
    # the markers are built at run time so the echo of the input cannot match them
    term.send('(unwind-protect (progn (format t "~A~%" (concatenate (quote string) "loop" "-running"))'
              ' (finish-output) (loop))'
              ' (format t "~A~%" (concatenate (quote string) "cleanup" "-ran")))\r')
    term.read_until(r"loop-running")
    term.send("\x03")
    term.read_until(r"cleanup-ran")
    term.read_until(r"Interrupted")
    assert "Unhandled" not in term.text(), term.text()   # one message, not two
    term.mark()
    term.send("(* 6 7)\r")
    term.read_until(r"\b42\b")

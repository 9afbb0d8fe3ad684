"""Programs whose expected output is another implementation's: a directory
holds NAME.lisp, the program (or its translation), and NAME.out, the
standard output the reference implementation (sbcl --script, racket)
printed. Used by test_programs.py (SBCL), test_sb_thread.py (SBCL thread
programs) and test_breaks.py (Racket originals in NAME.rkt)."""
from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPL = os.path.join(ROOT, "repl.py")


def program_names(directory: str, ext: str = ".lisp", prefix: str = "") -> list[str]:
    """The NAMEs of DIRECTORY's NAME+EXT files starting with PREFIX, sorted."""
    return sorted(f[:-len(ext)] for f in os.listdir(directory)
                  if f.endswith(ext) and f.startswith(prefix))


def expected_output(directory: str, name: str) -> str:
    with open(os.path.join(directory, name + ".out")) as f:
        return f.read()


def run_ours(directory: str, name: str, timeout=300) -> subprocess.CompletedProcess:
    """Run NAME.lisp as a cek-lisp script."""
    return subprocess.run([sys.executable, REPL, os.path.join(directory, name + ".lisp")],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def run_reference(command: list[str], directory: str, name: str, ext: str,
                  timeout=300) -> subprocess.CompletedProcess:
    """Run NAME+EXT with the reference implementation's COMMAND."""
    return subprocess.run(command + [os.path.join(directory, name + ext)],
                          capture_output=True, text=True, timeout=timeout)

"""cek-lisp command line: the REPL and the script runner (SPEC section 1).

    python repl.py                      start the REPL
    python repl.py FILE.lisp [ARG...]   run a script
    python repl.py --eval FORM --load FILE ...
"""
from __future__ import annotations

import sys

USAGE = """\
Usage: lisp [OPTION...] [FILE [ARG...]]

Run a Common Lisp script, or start the interactive REPL.

  FILE [ARG...]      load FILE form by form in the main process, then exit;
                     ARGs are in SB-EXT:*POSIX-ARGV* (and *COMMAND-LINE-ARGS*)
  --eval FORM        evaluate FORM (repeatable; in order with --load)
  --load FILE        load FILE (repeatable)
  --script FILE      same as FILE, for SBCL compatibility
  --non-interactive  do not start the REPL after --eval/--load
  --quantum N        machine steps per time slice (default 1000)
  --max-depth N      continuation frames a process may use before a
                     STORAGE-CONDITION is signalled (default 5,000,000)
  --no-history       do not read or write the REPL history file
  --version          print the version and exit
  --help             print this help and exit

Exit status: the code given to (exit :code N), 0 when a script ends, 1 after
an unhandled error (its report and a backtrace go to stderr), 130, 129 or
143 after an unhandled break from SIGINT, SIGHUP or SIGTERM.

In the REPL a form is submitted when it is complete (Enter inside an open
form starts a new line); results print as SBCL prints them. Errors report
and return to the prompt. History is kept in ~/.cek_lisp_history.
"""

VERSION = "cek-lisp 0.1.0"


def parse_args(argv):
    actions = []           # ("eval", text) | ("load", path)
    script = None
    script_args = []
    interactive = True
    quantum = None
    max_depth = None
    history = True
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--help", "-h"):
            return "help", None
        if a == "--version":
            return "version", None
        if a in ("--eval", "--load", "--quantum", "--max-depth", "--script"):
            if i + 1 >= len(argv):
                return "error", f"option {a} needs an argument"
            val = argv[i + 1]
            i += 2
            if a == "--eval":
                actions.append(("eval", val))
            elif a == "--load":
                actions.append(("load", val))
            elif a == "--script":
                script, script_args = val, argv[i:]
                break
            else:
                try:
                    number = int(val)
                    if number < 1:
                        raise ValueError
                except ValueError:
                    return "error", f"{a} needs a positive integer, not {val!r}"
                if a == "--quantum":
                    quantum = number
                else:
                    max_depth = number
            continue
        if a == "--non-interactive":
            interactive = False
            i += 1
            continue
        if a == "--no-history":
            history = False
            i += 1
            continue
        if a == "--end-toplevel-options" or a == "--":
            i += 1
            continue
        if a.startswith("--"):
            return "error", f"unknown option {a} (see --help)"
        script, script_args = a, argv[i + 1:]
        break
    return "run", dict(actions=actions, script=script, script_args=script_args,
                       interactive=interactive, quantum=quantum, max_depth=max_depth,
                       history=history)


EARLY_SIGNALS: list = []


def _record_early_signal(signum, frame):
    EARLY_SIGNALS.append(signum)


def _catch_signals_during_startup():
    """From the first moment, SIGINT/SIGHUP/SIGTERM are recorded instead of
    raising KeyboardInterrupt in Python (no traceback, SPEC 1); they are
    handed to the scheduler once the interpreter exists."""
    import signal
    for s in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        try:
            signal.signal(s, _record_early_signal)
        except (ValueError, OSError):
            pass


def main(argv=None):
    _catch_signals_during_startup()
    argv = sys.argv[1:] if argv is None else argv
    what, opts = parse_args(argv)
    if what == "help":
        sys.stdout.write(USAGE)
        return 0
    if what == "version":
        print(VERSION)
        return 0
    if what == "error":
        sys.stderr.write(f"lisp: {opts}\n")
        return 2
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
    from lisp.interpreter import Interpreter
    from lisp.frontend import run_actions, run_repl
    from lisp import console
    console.enable(0)     # standard input is read without stopping other processes
    script = opts["script"]
    mode = "script" if script or not opts["interactive"] else "repl"
    argv0 = [script] + opts["script_args"] if script else ["lisp"]
    interp = Interpreter(mode=mode, argv=argv0, install_signals=True,
                         max_depth=opts["max_depth"], quantum=opts["quantum"])
    interp.scheduler.pending_signals.extend(EARLY_SIGNALS)
    status = run_actions(interp, opts["actions"])
    if status is not None:
        return status
    if script:
        return run_actions(interp, [("load", script)], final=True) or 0
    if not opts["interactive"]:
        return 0
    interp.mode = "repl"
    return run_repl(interp, history=opts["history"])


if __name__ == "__main__":
    sys.exit(main())

"""The command-line front end: running --eval/--load actions and scripts
with SPEC 1's exit statuses, and the REPL.

Signals (SPEC 1, 6): SIGINT, SIGHUP and SIGTERM only set a flag; the
scheduler delivers them to the main process at a step boundary, where they
unwind it to its toplevel (running cleanups). A script then exits with 130,
129 or 143; the REPL reports the interruption and prompts again.
"""
from __future__ import annotations

import os
import signal
import sys

from .interpreter import Interpreter, LispConditionError, LispExit
from .objects import cl_sym

SIGNAL_STATUS = {signal.SIGINT: 130, signal.SIGHUP: 129, signal.SIGTERM: 143}
SIGNAL_KIND = {signal.SIGINT: "interrupt", signal.SIGHUP: "hang-up", signal.SIGTERM: "terminate"}


class Interrupted(Exception):
    def __init__(self, signum):
        super().__init__(SIGNAL_KIND.get(signum, "interrupt"))
        self.signum = signum


def install_signal_handlers(interp: Interpreter):
    sched = interp.scheduler

    def handler(signum, frame):
        sched.pending_signals.append(signum)
        sched.wakeup.set()

    for s in SIGNAL_STATUS:
        try:
            signal.signal(s, handler)
        except (ValueError, OSError):   # not the main thread, or unsupported
            pass
    arm_wakeup_fd(interp)


def arm_wakeup_fd(interp):
    """Have a signal's arrival itself (Python's C-level handler) end the
    scheduler's idle select(). The Python handler also wakes it, but it
    runs only at the next bytecode: a signal landing just before the
    select() started would otherwise be seen when the select ends, after
    the whole sleep. prompt-toolkit's event loop resets this while it
    prompts, so the REPL arms it again after each prompt."""
    try:
        signal.set_wakeup_fd(interp.scheduler.wakeup.fileno(), warn_on_full_buffer=False)
    except (ValueError, OSError, AttributeError):   # not the main thread
        pass


def run_actions(interp: Interpreter, actions, final=False):
    """Run --eval and --load actions in order. Returns an exit status to
    stop with, or None to go on."""
    install_signal_handlers(interp)
    for kind, arg in actions:
        try:
            if kind == "eval":
                interp.eval(arg)
            else:
                interp.load(arg)
        except LispExit as e:
            return e.code
        except LispConditionError:
            return 1            # the report and backtrace are already on stderr
        except Interrupted as e:
            return SIGNAL_STATUS.get(e.signum, 130)
        finally:
            interp._flush()
    if final:
        interp.finish_program()
        return 0
    return None


# ---------------------------------------------------------------- the REPL
def eval_in_repl(interp: Interpreter, text: str):
    """Evaluate TEXT (one or more forms); print the values of the last
    form, update * ** *** / // /// + ++ +++. Returns False after (exit)."""
    from .prims.environment import dribble_stream
    transcript = dribble_stream()
    if transcript is not None:
        transcript.write(_prompt(interp) + text.rstrip("\n") + "\n")
    try:
        interp.eval_repl_text(text)
    except LispExit as e:
        interp.exit_code = e.code
        return False
    except LispConditionError:
        interp._flush()
        return True
    except Interrupted:
        sys.stderr.write("\nInterrupted: returned to the top level.\n")
        return True
    interp._flush()
    return True


def run_repl(interp: Interpreter, history=True) -> int:
    interp.exit_code = 0
    install_signal_handlers(interp)
    if sys.stdin is None:       # started with standard input closed: at its end already
        return interp.exit_code
    if sys.stdin.isatty() and sys.stdout is not None and sys.stdout.isatty():
        return _interactive_repl(interp, history)
    return _piped_repl(interp)


def _piped_repl(interp):
    """Read forms from a non-terminal stdin, evaluating each complete one."""
    from .reader import is_incomplete
    buf = ""
    for line in _input_lines(interp):
        buf += line
        if buf.strip() and not is_incomplete(buf):
            if not eval_in_repl(interp, buf):
                return interp.exit_code
            buf = ""
    if buf.strip():
        eval_in_repl(interp, buf)
    return interp.exit_code


def _input_lines(interp):
    """The lines of standard input, each with its newline (the last may
    have none). Through the ConsoleInput when the command line enabled it,
    so a form's evaluation reads the text right after the form; while the
    next line has not arrived, the other processes run (SPEC 3)."""
    from .console import active
    con = active()
    try:
        is_console = con is not None and sys.stdin.fileno() == con.fd
    except (OSError, ValueError, AttributeError):
        is_console = False
    if not is_console:
        yield from sys.stdin
        return
    sched = interp.scheduler
    while True:
        if not con.line_ready():
            con.repl_waiting = True
            sched.console = con
            try:
                sched.run_until(con.line_ready)
            finally:
                con.repl_waiting = False
        line, missing = con.read_line()
        if line is None:
            return
        yield line if missing else line + "\n"


class BackgroundRunner:
    """Runs the other processes while the REPL waits for input (ARCHITECTURE,
    "The REPL"): a Python thread drives the scheduler until the user submits
    a form, then pauses at a slice boundary so the form's evaluation owns
    the machine. Only this thread touches Lisp state while it runs."""

    def __init__(self, interp):
        import threading
        self.interp = interp
        self.sched = interp.scheduler
        self.stop = threading.Event()
        self.thread = None

    def _work_left(self):
        return bool(self.sched.run_queue) or bool(self.sched.timers)

    def _run(self):
        from .dynamic import state
        state.machine = self.interp.machine
        sched = self.sched
        while not self.stop.is_set():
            if sched.run_queue:
                try:
                    sched.run_until(lambda: self.stop.is_set() or not sched.run_queue)
                except Exception as e:  # a scheduler failure must not kill the REPL
                    sys.stderr.write(f"\nbackground processes stopped: {e}\n")
                    return
                continue
            sched._fire_timers()
            if sched.run_queue:
                continue
            delay = (sched.timers[0][0] - __import__("time").monotonic()) if sched.timers else None
            self.stop.wait(delay if delay is None or delay > 0 else 0)

    def start(self):
        import threading
        if not self._work_left():
            return
        self.stop.clear()
        self.thread = threading.Thread(target=self._run, name="cek-lisp background", daemon=True)
        self.thread.start()

    def pause(self):
        if self.thread is not None:
            self.stop.set()
            self.sched.wakeup.set()
            self.thread.join()
            self.thread = None


def _interactive_repl(interp, history):
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory, InMemoryHistory
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout.processors import HighlightMatchingBracketProcessor
    from .reader import is_incomplete

    bindings = KeyBindings()

    @bindings.add("enter")
    def _(event):
        buf = event.current_buffer
        text = buf.text
        if text.strip() and not is_incomplete(text):
            buf.validate_and_handle()
        elif not text.strip():
            buf.text = ""
            buf.validate_and_handle()
        else:
            buf.insert_text("\n")

    hist = InMemoryHistory()
    if history:
        try:
            hist = FileHistory(os.path.expanduser("~/.cek_lisp_history"))
        except OSError:
            pass
    session = PromptSession(history=hist, key_bindings=bindings, multiline=True,
                            completer=_symbol_completer(),
                            input_processors=[HighlightMatchingBracketProcessor()])
    from prompt_toolkit.patch_stdout import patch_stdout
    from .stdstreams import install_console_streams
    print("cek-lisp 0.1.0. (exit) or Ctrl-D quits; an error enters the debugger (HELP there).")
    interp.interactive_debugger = True
    background = BackgroundRunner(interp)
    with patch_stdout(raw=True):
        install_console_streams()   # background output appears above the prompt
        from .console import active
        con = active()
        while True:
            background.start()
            if con is not None:
                con.paused = True       # the prompt reads the terminal itself
                _console_to_typeahead(session, con)
            try:
                text = session.prompt(_prompt(interp))
            except KeyboardInterrupt:
                continue
            except EOFError:
                return interp.exit_code
            finally:
                background.pause()
                arm_wakeup_fd(interp)
                if con is not None:
                    con.paused = False
                    _typeahead_to_console(session, con)
            if not text.strip():
                continue
            if not eval_in_repl(interp, text):
                return interp.exit_code


def _typeahead_to_console(session, con):
    """What the prompt read beyond the form (typed ahead: prompt-toolkit
    reads the terminal in chunks) is the evaluation's standard input, as it
    would be in SBCL's REPL."""
    from prompt_toolkit.input.typeahead import get_typeahead
    keys = get_typeahead(session.input)
    if keys:
        con.push_back("".join(k.data for k in keys).replace("\r", "\n"))


def _console_to_typeahead(session, con):
    """Standard input the evaluation left unread goes back to the prompt,
    after the whitespace SBCL's REPL skips before a form (the newline after
    what READ-CHAR took)."""
    rest = con.take_unread().lstrip()
    if rest:
        from prompt_toolkit.input.typeahead import store_typeahead
        from prompt_toolkit.input.vt100_parser import Vt100Parser
        keys = []
        parser = Vt100Parser(keys.append)
        parser.feed(rest.replace("\n", "\r"))
        parser.flush()
        store_typeahead(session.input, keys)


def _symbol_completer():
    """A prompt-toolkit completer for the symbol before the cursor, from
    those accessible in *PACKAGE* (and package-qualified names)."""
    from prompt_toolkit.completion import Completer, Completion

    class SymbolCompleter(Completer):
        def get_completions(self, document, complete_event):
            word = document.get_word_before_cursor(pattern=_WORD)
            if not word:
                return
            from .dynamic import symbol_value
            from .objects import find_package
            upper = word.upper()
            if ":" in upper:
                pname, _, prefix = upper.partition(":")
                pkg = find_package(pname)
                if pkg is None:
                    return
                names = [f"{pname}:{n}" for n in pkg.external if n.startswith(prefix.lstrip(":"))]
            else:
                pkg = symbol_value(cl_sym("*PACKAGE*"))
                names = set()
                for table in [pkg.internal, pkg.external] + [p.external for p in pkg.use_list]:
                    names.update(n for n in table if n.startswith(upper))
            for n in sorted(names)[:200]:
                yield Completion(n.lower(), start_position=-len(word))

    return SymbolCompleter()


def _prompt(interp):
    from .dynamic import symbol_value
    pkg = symbol_value(cl_sym("*PACKAGE*"))
    name = getattr(pkg, "name", "?")
    return "* " if name == "COMMON-LISP-USER" else f"{name}> "


import re  # noqa: E402
_WORD = re.compile(r"[^\s()'`,\"]+")

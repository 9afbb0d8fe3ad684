"""Check (or write) the expectations of tests/lisp/*.lisp files against SBCL.

    python3 tests/sbcl_check.py FILE...          report where FILE disagrees with SBCL
    python3 tests/sbcl_check.py --write FILE...  replace FILE's expectation lines
                                                  with what SBCL produces

Every form of a file runs, in order, in one `sbcl --script` image, wrapped
exactly as tests/test_lisp_files.py wraps it (so it is not a top-level form,
and *STANDARD-OUTPUT* is a string stream); its values are printed with
PRIN1-TO-STRING after the wrapper returns. An error that reaches SBCL's
debugger becomes an `;error>` line naming the condition's class (without
its package, as the runner's type_name has none).

With --write, a definition form (DEFUN, DEFMACRO, DEFVAR...) gets an
expectation only when it writes output or signals; every other form gets
SBCL's result. Exits 1 when a file disagrees (check mode) or when SBCL
printed a value on several lines, which the format cannot express.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from lisp_cases import parse_cases  # noqa: E402

EXPECTATION = re.compile(r"^;(=>|out>|error>)")

DEFINITION_OPERATORS = (
    "defun", "defmacro", "defvar", "defparameter", "defconstant", "define-condition",
    "defstruct", "defclass", "defgeneric", "defmethod", "defsetf", "deftype",
    "define-modify-macro", "define-setf-expander", "define-symbol-macro", "defpackage",
)

# The driver reads each form inside the same wrapper as the runner and turns
# an unhandled error into a line naming its class: *INVOKE-DEBUGGER-HOOK* is
# what --script's --disable-debugger would otherwise use to quit.
DRIVER = r"""
(defpackage "SBCL-CHECK" (:use "CL"))
(in-package "SBCL-CHECK")
(defvar *real-out* *standard-output*)
(defun emit (kind text)
  (format *real-out* ";~A~@[ ~A~]~%" kind (and (plusp (length text)) text)))
(defun run-case (n source)
  (format *real-out* ";;CASE ~D~%" n)
  (let* ((*package* (find-package "CL-USER"))
         (wrapped (concatenate 'string
                   "(let* ((sbcl-check::*test-out* (make-string-output-stream)) "
                   "(*standard-output* sbcl-check::*test-out*) "
                   "(sbcl-check::*test-values* (multiple-value-list (progn "
                   source (string #\Newline) ")))) "
                   "(values-list (cons (get-output-stream-string sbcl-check::*test-out*) "
                   "sbcl-check::*test-values*)))"))
         (result
           (catch 'unhandled
             (let ((sb-ext:*invoke-debugger-hook*
                     (lambda (c hook)
                       (declare (ignore hook))
                       (throw 'unhandled (list :error (symbol-name (type-of c)))))))
               (cons :ok (multiple-value-list (eval (read-from-string wrapped))))))))
    (if (eq (first result) :error)
        (emit "error>" (second result))
        (let ((output (string-right-trim '(#\Newline) (second result))))
          (when (plusp (length output))
            (with-input-from-string (s output)
              (loop for line = (read-line s nil) while line do (emit "out>" line))))
          (dolist (value (cddr result))
            (let ((text (prin1-to-string value)))
              (emit "=>" (if (find #\Newline text) "#<MULTILINE>" text))))))))
(defvar *sources* (with-open-file (in (second sb-ext:*posix-argv*)) (read in)))
(loop for source in *sources* for n from 0 do (run-case n source))
"""


def sbcl_results(cases):
    """Run CASES' sources in one SBCL image; return one list of expectation
    lines per case."""
    with tempfile.TemporaryDirectory() as tmp:
        driver = os.path.join(tmp, "driver.lisp")
        sources = os.path.join(tmp, "sources.lisp")
        with open(driver, "w", encoding="utf-8") as f:
            f.write(DRIVER)
        with open(sources, "w", encoding="utf-8") as f:
            f.write("(")
            for case in cases:
                escaped = case.source.replace("\\", "\\\\").replace('"', '\\"')
                f.write(f'"{escaped}"\n')
            f.write(")")
        proc = subprocess.run(["sbcl", "--script", driver, sources],
                              capture_output=True, text=True, timeout=600)
    results, current = [], None
    for line in proc.stdout.split("\n"):
        if line.startswith(";;CASE "):
            current = []
            results.append(current)
        elif current is not None and line:
            current.append(line)
    if len(results) != len(cases):
        raise SystemExit(f"SBCL stopped after {len(results)} of {len(cases)} forms:\n"
                         f"{proc.stderr[-3000:]}")
    return results


def is_definition(source):
    m = re.match(r"\s*\(\s*([^\s()]+)", source)
    return bool(m) and m.group(1).lower() in DEFINITION_OPERATORS


def expected_lines(case):
    lines = [f";out> {o}" if o else ";out>" for o in case.output]
    lines += [f";=> {v}" for v in case.values]
    if case.error:
        lines.append(f";error> {case.error}")
    return lines


def wanted(case, sbcl):
    """The expectation lines --write gives CASE: SBCL's, except that a
    definition that neither writes nor signals gets none."""
    if is_definition(case.source) and all(l.startswith(";=>") for l in sbcl):
        return []
    return sbcl


def rewrite(path, cases, results):
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f.read().split("\n") if not EXPECTATION.match(l)]
    # Line numbers of parse_cases count expectation lines; recompute them on
    # the stripped text so each form's end is known.
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    stripped = parse_cases(path)
    out, pos = [], 0
    for case, sbcl in zip(stripped, results):
        end = case.line - 1 + len(case.source.split("\n"))
        out.extend(lines[pos:end])
        out.extend(wanted(case, sbcl))
        pos = end
    out.extend(lines[pos:])
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def main(argv):
    write = "--write" in argv
    paths = [a for a in argv if a != "--write"]
    status = 0
    for path in paths:
        cases = parse_cases(path)
        results = sbcl_results(cases)
        for case, sbcl in zip(cases, results):
            if ";=> #<MULTILINE>" in sbcl:
                print(f"{path}:{case.line}: SBCL prints a value on several lines")
                status = 1
            if write:
                continue
            mine = expected_lines(case)
            if case.has_expectation and mine != sbcl:
                status = 1
                print(f"{path}:{case.line}: {case.source}\n  file: {mine}\n  sbcl: {sbcl}")
        if write:
            rewrite(path, cases, results)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

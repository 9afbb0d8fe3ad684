"""Write tests/data/numbers_sbcl.tsv: each case of tests/numbers_cases.py
with SBCL's result, encoded as numbers_cases.encode does. Run it with an
SBCL installed (``python3 tests/gen_numbers_sbcl.py``) after changing the
cases; the test then needs no SBCL.

Each case is a full call of the function (APPLY of FDEFINITION to
evaluated arguments), so SBCL's compiler never folds or transforms it.
"""
from __future__ import annotations

import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from numbers_cases import cases  # noqa: E402

ENCODER = r"""
(defun enc (x)
  (typecase x
    (integer (format nil "I~D" x))
    (ratio (format nil "R~D/~D" (numerator x) (denominator x)))
    (single-float (format nil "S~D" (ldb (byte 32 0) (sb-kernel:single-float-bits x))))
    (double-float (format nil "D~D" (logior (ash (ldb (byte 32 0) (sb-kernel:double-float-high-bits x)) 32)
                                            (sb-kernel:double-float-low-bits x))))
    (complex (format nil "C(~A,~A)" (enc (realpart x)) (enc (imagpart x))))
    (symbol (format nil "Y~A" (symbol-name x)))
    (cons (format nil "L(~A . ~A)" (enc (car x)) (enc (cdr x))))
    (t (format nil "?~A" (type-of x)))))

(defun ev (form)
  (cond ((consp form)
         (if (eq (car form) 'quote)
             (cadr form)
             (apply (fdefinition (car form)) (mapcar #'ev (cdr form)))))
        ((and (symbolp form) (not (keywordp form)) (boundp form)) (symbol-value form))
        (t form)))

(defun class-name-string (c)
  (let* ((n (type-of c)) (p (symbol-package n)))
    (if (eq p (find-package "CL"))
        (symbol-name n)
        (format nil "~A:~A" (package-name p) (symbol-name n)))))

(defun run (s)
  (handler-case
      (format nil "~{~A~^;~}" (mapcar #'enc (multiple-value-list (ev (read-from-string s)))))
    (error (e) (format nil "E:~A" (class-name-string e)))))

(with-open-file (in (second sb-ext:*posix-argv*))
  (loop for line = (read-line in nil) while line
        do (format t "~A~C~A~%" line #\Tab (run line))))
"""


def main():
    all_cases = cases()
    with tempfile.TemporaryDirectory() as tmp:
        script = pathlib.Path(tmp, "enc.lisp")
        script.write_text(ENCODER)
        data = pathlib.Path(tmp, "cases.txt")
        data.write_text("\n".join(all_cases) + "\n")
        out = subprocess.run(["sbcl", "--script", str(script), str(data)],
                             capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert len(lines) == len(all_cases), (len(lines), len(all_cases))
    target = pathlib.Path(__file__).resolve().parent / "data" / "numbers_sbcl.tsv"
    target.write_text("\n".join(lines) + "\n")
    print(f"{len(lines)} cases written to {target}")


if __name__ == "__main__":
    main()

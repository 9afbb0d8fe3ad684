"""cek-lisp: a Common Lisp interpreter on a CEK machine.

``from lisp import Interpreter`` is the embedding API (see README)."""


def __getattr__(name):
    if name in ("Interpreter", "LispConditionError", "LispExit"):
        from . import interpreter
        return getattr(interpreter, name)
    raise AttributeError(name)


__all__ = ["Interpreter", "LispConditionError", "LispExit"]

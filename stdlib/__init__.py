"""Lisp source of the standard library, loaded at start-up (see
lisp/interpreter.py STDLIB_FILES)."""
import os

DIRECTORY = os.path.dirname(os.path.abspath(__file__))

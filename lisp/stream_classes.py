"""The classes of streams, as SBCL arranges them: the standard stream types
of CLHS 21 (FILE-STREAM, STRING-STREAM, BROADCAST-STREAM ...) and SBCL's
concrete classes under them (SB-SYS:FD-STREAM, SB-IMPL::STRING-INPUT-STREAM
...), all through SB-KERNEL:ANSI-STREAM, a STRUCTURE-OBJECT. CLASS-OF a
stream is the class its Python class's ``lisp_class`` names.
"""
from __future__ import annotations

from .functions import intern_name
from .objects import CL, Package, find_package
from .types import CLASSES, STREAM_CLASSES, define_class

__all__ = []

for _name in ("SB-KERNEL", "SB-IMPL", "SB-SYS", "SB-PRETTY"):
    if find_package(_name) is None:
        Package(_name, use=[CL])


def _define(name: str, supers: tuple, kind: str = "structure"):
    cls = define_class(intern_name(name), [CLASSES[intern_name(s)] for s in supers], kind)
    STREAM_CLASSES[name] = cls


# SBCL's metaclass of the abstract stream types, when CLOS has made it
_pcl = find_package("SB-PCL")
_system_class = CLASSES.get(_pcl.find("SYSTEM-CLASS")[0]) if _pcl is not None else None
for _name in ("FILE-STREAM", "STRING-STREAM"):
    define_class(intern_name(_name), [CLASSES[intern_name("STREAM")]])
    if _system_class is not None:
        CLASSES[intern_name(_name)].extra["metaclass"] = _system_class
_define("SB-KERNEL:ANSI-STREAM", ("STREAM", "STRUCTURE-OBJECT"))
for _name, _supers in [
        ("BROADCAST-STREAM", ("SB-KERNEL:ANSI-STREAM",)),
        ("CONCATENATED-STREAM", ("SB-KERNEL:ANSI-STREAM",)),
        ("SYNONYM-STREAM", ("SB-KERNEL:ANSI-STREAM",)),
        ("TWO-WAY-STREAM", ("SB-KERNEL:ANSI-STREAM",)),
        ("ECHO-STREAM", ("TWO-WAY-STREAM",)),
        ("SB-SYS:FD-STREAM", ("FILE-STREAM", "SB-KERNEL:ANSI-STREAM")),
        ("SB-IMPL::STRING-INPUT-STREAM", ("STRING-STREAM", "SB-KERNEL:ANSI-STREAM")),
        ("SB-IMPL::STRING-OUTPUT-STREAM", ("STRING-STREAM", "SB-KERNEL:ANSI-STREAM")),
        ("SB-IMPL::FILL-POINTER-OUTPUT-STREAM", ("STRING-STREAM", "SB-KERNEL:ANSI-STREAM")),
        ("SB-IMPL::CASE-FROB-STREAM", ("SB-KERNEL:ANSI-STREAM",)),
        ("SB-PRETTY:PRETTY-STREAM", ("SB-KERNEL:ANSI-STREAM",))]:
    _define(_name, _supers)

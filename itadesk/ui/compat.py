"""Work-arounds for bugs in the Qt bindings we ship with."""

import ctypes
import sys

_PINNED = 1 << 40


def pin_none() -> None:
    """Keep ``None`` alive under PySide6 6.12.0 on CPython 3.11.

    PySide6 6.12.0 drops one reference to ``None`` on every call of a method returning void
    (``setText``, ``setValue``…), as if ``None`` were immortal (it is only from Python 3.12).
    After a few thousand calls CPython aborts with "none_dealloc: deallocating None". Adding
    a huge count once makes the leak harmless. Remove when PySide6 is fixed or Python ≥ 3.12.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < _PINNED:
        count.value += _PINNED

"""Work-arounds for bugs in the Qt bindings we ship with."""

import ctypes
import sys

_PINNED = 1 << 40


def pin_singletons() -> None:
    """Keep ``None``, ``True`` and ``False`` alive under PySide6 6.12.0 on CPython 3.11.

    PySide6 6.12.0 drops one reference to ``None`` on every call of a method returning void
    (``setText``, ``setValue``…) and one to ``True`` on every ``Signal.emit()``, as if they
    were immortal (they are only from Python 3.12). After a few thousand calls CPython aborts
    with "none_dealloc" or "bool_dealloc", or memory is corrupted first. Adding a huge count
    once makes the leak harmless. Remove when PySide6 is fixed or Python ≥ 3.12.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < _PINNED:
            count.value += _PINNED

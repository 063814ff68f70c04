"""Windows failures simulated on Linux: the errors Windows raises, as Python builds them."""

import errno
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# Windows' own codes for the cases the clerk meets
ACCESS_DENIED, WRITE_PROTECT, SHARING_VIOLATION, LOCK_VIOLATION = 5, 19, 32, 33


def win_error(winerror: int, path: object = "", code: int = errno.EACCES) -> OSError:
    """An OSError as Windows raises it: ``winerror`` set (Linux's OSError has no such field)."""
    error = PermissionError(code, f"[WinError {winerror}] simulated", str(path))
    error.winerror = winerror  # type: ignore[attr-defined]
    return error


def crt_error(path: object = "") -> OSError:
    """What ``open()`` raises on Windows for a sharing violation or a write-protected disk:
    the C runtime's plain EACCES, without the Windows code."""
    return PermissionError(errno.EACCES, "Permission denied", str(path))


def resolve(dotted: str) -> Any:
    """``pathlib.Path.unlink`` or ``os.replace``: the object a dotted name stands for."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            found = getattr(found, part)
        return found
    raise LookupError(dotted)


def failing(
    monkeypatch: pytest.MonkeyPatch, target: str, error: Callable[[Any], OSError],
    times: int | None = None, when: Callable[..., bool] = lambda *a: True,
) -> list[object]:  # fmt: skip
    """Make ``target`` (``module.function``) raise ``error(first argument)`` the first
    ``times`` calls that ``when`` accepts (None: always); returns the arguments it refused."""
    real = resolve(target)
    refused: list[object] = []

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if when(*args) and (times is None or len(refused) < times):
            refused.append(args[0] if args else None)
            raise error(args[0] if args else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(target, wrapper)
    return refused


def write_protected(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """A stick with its write-protect switch on, as a Windows PC sees it: ``os.access`` says
    yes, ``statvfs`` does not exist, and creating a file fails with ERROR_WRITE_PROTECT."""
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setattr("os.access", lambda *a, **k: True)
    monkeypatch.delattr("os.statvfs", raising=False)
    inside = str(folder)
    failing(
        monkeypatch, "itadesk.fileops._create_new",
        lambda path: win_error(WRITE_PROTECT, path, errno.EACCES),
        when=lambda path, *a: str(path).startswith(inside),
    )  # fmt: skip


def on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """``sys.platform`` is win32 and there is no ``posix_fadvise``; a probe file is created as
    ``CreateFileW`` would (the Win32 call itself cannot run here)."""
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.delattr("os.posix_fadvise", raising=False)

    def create(path: Path) -> None:
        with open(path, "xb") as handle:
            handle.write(b"ok")

    monkeypatch.setattr("itadesk.fileops._create_new", create)

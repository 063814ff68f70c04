"""Putting a finished file in place on a PC where other programs hold files open.

On Windows an antivirus scanning a new file, Explorer's preview or Acrobat showing a PDF hold
it for a moment, and a rename or delete then fails with WinError 5, 32 or 33. ``replace_file``
retries for about two seconds, removes its temporary file when it gives up, never overwrites
content-addressed evidence, and says in Thai that the file is open in another program.
``write_reason`` tells a write-protected stick from a file held open, which ``open()`` on
Windows reports alike as EACCES. No Qt, no database.
"""

import contextlib
import errno
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from itadesk.errors import LOCKED, UserError, os_code, os_reason

# ERROR_ACCESS_DENIED (a file being scanned or pending delete), SHARING_ and LOCK_VIOLATION
LOCKED_WINERRORS = frozenset({5, 32, 33})
RETRY_SECONDS = 2.0
RETRY_PAUSE = 0.1
WRITE_PROTECTED = "แฟลชไดรฟ์หรือดิสก์เป็นแบบอ่านอย่างเดียว (ตรวจสลักกันเขียนของแฟลชไดรฟ์)"
PROBE_NAME = ".itadesk-probe"
FILE_READ_ONLY_VOLUME = 0x00080000
T = TypeVar("T")


def is_locked(error: BaseException) -> bool:
    """Whether an error is Windows saying that another program holds the file."""
    return isinstance(error, OSError) and getattr(error, "winerror", None) in LOCKED_WINERRORS


def locked_error(error: OSError, path: Path) -> OSError:
    """The error that says the file stayed open in another program (``os_reason``: LOCKED)."""
    locked = OSError(errno.EBUSY, LOCKED, str(path))
    locked.__cause__ = error
    return locked


def retry_locked(action: Callable[[], T], path: Path, seconds: float = RETRY_SECONDS) -> T:
    """Run ``action``; while Windows says the file is held open, retry for ``seconds``.

    When it stays held, the ``OSError`` raised has errno EBUSY (``os_reason`` says LOCKED).
    """
    deadline = time.monotonic() + seconds
    while True:
        try:
            return action()
        except OSError as error:
            if not is_locked(error):
                raise
            if time.monotonic() >= deadline:
                raise locked_error(error, path) from error
        time.sleep(RETRY_PAUSE)


def replace_file(temporary: Path, target: Path, *, keep_existing: bool = False) -> None:
    """Rename a finished ``temporary`` file to ``target``, replacing it atomically.

    ``keep_existing``: ``target`` is content-addressed (its name is its SHA-256), so one that
    is there already holds the same bytes and is never written over; the temporary file is
    dropped instead. On any failure the temporary file is removed, and the error raised.
    """

    def put() -> None:
        if keep_existing and target.exists():
            temporary.unlink()
        else:
            os.replace(temporary, target)

    try:
        retry_locked(put, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise


def write_file(path: Path, content: bytes) -> None:
    """Write ``content`` under a temporary name beside ``path``, fsync, then ``replace_file``.

    The temporary name is the process's own: two programs writing the same file (two
    ITADesk keeping the same cached font) never write into each other's temporary file.
    A failure is a ``UserError`` naming its real cause (``write_reason``) and leaves nothing.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with temporary.open("wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        replace_file(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise UserError(f"เขียนไฟล์ {path} ไม่ได้: {write_reason(error, path)}") from error


def probe_folder(folder: Path) -> OSError | None:
    """Create and delete a small file in ``folder``: the error that stops it, or None.

    On Windows ``os.access`` says yes to any folder and ``statvfs`` does not exist: writing is
    the only test that finds a write-protected stick before the real work starts.
    """
    probe = folder / f"{PROBE_NAME}-{os.getpid()}"
    try:
        _create_new(probe)
        retry_locked(probe.unlink, probe)  # an antivirus may be scanning the new file
    except OSError as error:
        with contextlib.suppress(OSError):
            probe.unlink(missing_ok=True)
        return error
    return None


def _create_new(path: Path) -> None:
    """Create a small new file; the error carries Windows' own code where there is one.

    Python's ``open`` on Windows goes through the C runtime, which reports a write-protected
    disk (ERROR_WRITE_PROTECT) as a plain EACCES: ``CreateFileW`` keeps the real code.
    """
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.CreateFileW.restype = ctypes.c_void_p
        handle = kernel32.CreateFileW(str(path), 0x40000000, 0, None, 1, 0x80, None)  # CREATE_NEW
        if handle in (None, ctypes.c_void_p(-1).value):
            raise ctypes.WinError(ctypes.get_last_error(), str(path))
        kernel32.CloseHandle(ctypes.c_void_p(handle))
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    try:
        os.write(fd, b"ok")
    finally:
        os.close(fd)


def volume_read_only(folder: Path) -> bool:
    """Whether the volume holding ``folder`` is read-only (a stick's write-protect switch)."""
    if sys.platform == "win32":
        import ctypes

        flags = ctypes.c_uint32(0)
        root = os.path.splitdrive(os.path.abspath(folder))[0] + "\\"
        with contextlib.suppress(AttributeError, OSError):
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            if kernel32.GetVolumeInformationW(
                root, None, 0, None, None, ctypes.byref(flags), None, 0
            ):
                return bool(flags.value & FILE_READ_ONLY_VOLUME)
        return False
    if hasattr(os, "statvfs"):
        with contextlib.suppress(OSError):
            return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    return False


def write_reason(error: OSError, target: Path) -> str:
    """Why writing ``target`` failed, in Thai, with the real cause of a bare "access denied".

    Windows reports a file open in another program and a write-protected disk both as
    EACCES: a folder that takes a new file means the file itself is held open; a read-only
    volume means the write-protect switch.
    """
    code = os_code(error)
    if code == errno.EROFS:
        return WRITE_PROTECTED
    if code not in (errno.EACCES, errno.EPERM):
        return os_reason(error)
    folder = target.parent
    if volume_read_only(folder):
        return WRITE_PROTECTED
    refused = probe_folder(folder)
    if refused is None:  # the folder takes new files: on Windows, this one is held open
        return LOCKED if sys.platform == "win32" and target.exists() else os_reason(error)
    if os_code(refused) == errno.EROFS or volume_read_only(folder):
        return WRITE_PROTECTED
    return f"{os_reason(error)} (โฟลเดอร์ {folder} ไม่รับไฟล์ใหม่: ตรวจสิทธิ์หรือสลักกันเขียน)"

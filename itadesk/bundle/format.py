"""Bundle format (version 3): entry names, limits, safe file names, progress and error messages.

See ``docs/bundle-format.md``. Nothing here touches the database or Qt.
"""

import errno
import hashlib
import queue
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from itadesk import __version__
from itadesk.domain.dates import be_year
from itadesk.domain.numerals import to_thai_digits
from itadesk.errors import LOCKED, BundleError, os_code, os_reason
from itadesk.fileops import write_reason
from itadesk.services.office import MAX_EMBLEM_BYTES
from itadesk.services.progress import MAX_ATTACHMENT_BYTES

FORMAT_NAME = "ITADesk bundle"
FORMAT_VERSION = 3  # 3: signature images under signatures/<sha12>/ (before: base64 in
# data.json); 2: evidence under files/<first 12 hex of its SHA-256>/ (1: all 64), and every
# document also as a Word file under docx/
SIGNATURES_SINCE = 3  # the first format whose data.json refers to signatures/ entries

MANIFEST = "manifest.json"
DATA = "data.json"
README = "readme.txt"
INDEX = "index.html"
PDF_DIR = "pdf/"
DOCUMENT_DIRS = {"pdf": PDF_DIR, "docx": "docx/"}
"""Where each file format of the printed documents goes: ``pdf/…pdf``, ``docx/…docx``."""
FILES_DIR = "files/"
SIGNATURES_DIR = "signatures/"
HASHED_DIRS = {FILES_DIR: MAX_ATTACHMENT_BYTES, SIGNATURES_DIR: MAX_EMBLEM_BYTES}
"""Folders of entries named by their content, ``<folder><sha12>/<name>``, and the largest
entry each accepts: evidence files, and signature images (checked like the emblem)."""
FIXED_ENTRIES = (README, INDEX, DATA)

# bounds on untrusted input (a bundle from elsewhere)
MAX_ENTRIES = 20_000
MAX_TOTAL_BYTES = 8 * 1024**3  # sum of the unpacked sizes
MAX_MANIFEST_BYTES = 8 * 1024**2
MAX_JSON_BYTES = 64 * 1024**2  # data.json
MAX_TEXT_BYTES = 16 * 1024**2  # readme.txt, index.html
MAX_PDF_BYTES = 100 * 1024**2
MAX_PATH_CHARS = 300  # refused above this in a bundle from elsewhere
# what an export writes: Explorer's "Extract all" under Downloads\ITADesk-<office>-<date>\
# leaves 260 - 120 characters of Windows' MAX_PATH for that folder (docs/bundle-format.md)
MAX_ENTRY_CHARS = 119
SHA_DIR_CHARS = 12  # 48 bits: a folder per content, a longer one if two contents share it
# evidence entries that no attachment refers to: never imported, and only this many tolerated
MAX_UNREFERENCED_FILES = 100
MAX_UNREFERENCED_BYTES = 64 * 1024**2
MAX_SIGNATURES_BYTES = 64 * 1024**2  # all signature entries: held in memory by the import
FAT32_MAX_FILE = 4 * 1024**3 - 1

CHUNK = 4 * 1024 * 1024
BUFFER = 1024 * 1024  # a reused buffer: small enough to stay in the processor's cache
# already compressed: stored as they are
STORED_SUFFIXES = frozenset(
    [
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".webp",
        ".heic",
        ".pdf",
        ".zip",
        ".7z",
        ".rar",
        ".gz",
        ".xz",
        ".bz2",
        ".mp4",
        ".mov",
        ".mp3",
        ".m4a",
        ".docx",
        ".xlsx",
        ".pptx",
        ".odt",
        ".ods",
        ".odp",
    ]
)
SHA_DIR = re.compile(f"[0-9a-f]{{{SHA_DIR_CHARS},64}}")  # the first hex digits of a SHA-256
_FORBIDDEN = set('<>:"/\\|?*')
# Windows device names, also with an extension or spaces before it (``CON .txt``); the
# superscript digits count too (``COM¹``)
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{p}{i}" for p in ("COM", "LPT") for i in [*"0123456789", "¹", "²", "³"]
}


class BundleCancelled(BundleError):
    """The clerk cancelled; nothing was left behind."""


@dataclass(frozen=True)
class Progress:
    """One step of a long bundle operation: ``done`` of ``total`` bytes, and what is happening.

    ``final``: past the point of no return (the import's transaction, the export's rename):
    a cancel is no longer possible, so a dialog disables its Cancel button.
    """

    done: int
    total: int
    text: str
    final: bool = False

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total else 0.0


ProgressFn = Callable[[Progress], None]
CancelFn = Callable[[], bool]


class Reporter:
    """Counts bytes of a long operation, reports them and raises on cancel."""

    def __init__(
        self, progress: ProgressFn | None, cancel: CancelFn | None, cancelled_message: str
    ) -> None:
        self.progress, self.cancel, self.message = progress, cancel, cancelled_message
        self.done, self.total, self.text = 0, 0, ""
        self.final = False

    def check(self) -> None:
        if not self.final and self.cancel is not None and self.cancel():
            raise BundleCancelled(self.message)

    def step(self, text: str | None = None, add: int = 0) -> None:
        self.check()
        self.done += add
        if text is not None:
            self.text = text
        if self.progress is not None:
            self.progress(Progress(self.done, self.total, self.text, self.final))

    def last_step(self, text: str) -> None:
        """The point of no return: a last cancel check, then no more (``Progress.final``)."""
        self.check()
        self.final = True
        self.step(text)


class Sha256:
    """SHA-256 computed on a second core while the caller reads, writes and CRCs.

    hashlib releases the GIL on large buffers, so hashing overlaps zipfile's CRC-32 and the
    disk I/O; small inputs are hashed inline. ``hexdigest()`` waits for the worker.
    """

    def __init__(self, threaded: bool = True) -> None:
        self._digest = hashlib.sha256()
        self._queue: queue.Queue[bytes | None] | None = None
        if threaded:
            self._queue = queue.Queue(maxsize=4)
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()

    def _run(self) -> None:
        assert self._queue is not None
        while (chunk := self._queue.get()) is not None:
            self._digest.update(chunk)

    def update(self, chunk: bytes) -> None:
        if self._queue is None:
            self._digest.update(chunk)
        else:
            self._queue.put(chunk)

    def close(self) -> None:
        if self._queue is not None:
            self._queue.put(None)
            self._thread.join()
            self._queue = None

    def hexdigest(self) -> str:
        self.close()
        return self._digest.hexdigest()


def safe_component(name: str, max_chars: int = 100) -> str:
    """A file name valid on FAT32, NTFS and ext4 (same text where possible)."""
    text = unicodedata.normalize("NFC", name)
    text = "".join("_" if c in _FORBIDDEN or ord(c) < 32 or ord(c) == 127 else c for c in text)
    text = text.strip().rstrip(". ")
    if not text or text in (".", ".."):
        text = "file"
    stem, dot, suffix = text.rpartition(".")
    if not dot:
        stem, suffix = text, ""
    if stem.split(".")[0].rstrip(" ").upper() in _RESERVED:
        text = "_" + text
    if len(text) > max_chars:
        ext = f".{suffix}" if dot and len(suffix) <= 10 else ""
        text = text[: max_chars - len(ext)].rstrip(". ") + ext
    return text


def bundle_file_name(office_full_name: str, day: date) -> str:
    """``ITADesk-เทศบาลตำบลทุ่งสุขสันต์-2569-11-21.zip`` (the Buddhist Era date, as everywhere
    else in the app), safe on FAT32/Windows."""
    office = safe_component(office_full_name.replace(" ", "-"), 80) if office_full_name else ""
    middle = f"-{office}" if office and office != "file" else ""
    return f"ITADesk{middle}-{be_year(day.year)}-{day:%m-%d}.zip"


def evidence_entry(
    sha256: str, filename: str, taken: frozenset[str] = frozenset(), under: str = FILES_DIR
) -> str:
    """``files/<sha256[:12]>/<name>`` (``under`` one of ``HASHED_DIRS``): at most
    ``MAX_ENTRY_CHARS``, not one of ``taken``.

    The folder is the full SHA-256 when its first 12 digits are another content's already.
    """
    folder = sha256[:SHA_DIR_CHARS]
    if any(t.startswith(f"{under}{folder}/") for t in taken):
        folder = sha256
    prefix = f"{under}{folder}/"
    return prefix + safe_component(filename, min(100, MAX_ENTRY_CHARS - len(prefix)))


def hashed_folder(name: str) -> str | None:
    """The folder of ``HASHED_DIRS`` an entry is in (``files/``, ``signatures/``), or None."""
    folder = name.split("/", 1)[0] + "/"
    return folder if folder in HASHED_DIRS and "/" in name else None


def check_entry_name(name: str) -> str | None:
    """Why an entry name is not allowed in a bundle (Thai), or None when it is fine."""
    if not name or len(name) > MAX_PATH_CHARS:
        return "ชื่อรายการว่างหรือยาวเกินไป"
    if "\x00" in name or any(ord(c) < 32 for c in name):
        return "ชื่อรายการมีอักขระควบคุม"
    if "\\" in name:
        return "ชื่อรายการใช้เครื่องหมาย \\"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "ชื่อรายการเป็นตำแหน่งเต็ม (absolute path)"
    parts = name.split("/")
    if any(p in ("..", ".") for p in parts):
        return "ชื่อรายการชี้ออกนอกโฟลเดอร์ของชุดข้อมูล (..)"
    if any(p == "" for p in parts):
        return "ชื่อรายการเป็นโฟลเดอร์หรือมีส่วนว่าง"
    if name in (MANIFEST, *FIXED_ENTRIES):
        return None
    if len(parts) == 2 and parts[0] in DOCUMENT_DIRS and parts[1].endswith(f".{parts[0]}"):
        return None if safe_component(parts[1]) == parts[1] else "ชื่อไฟล์เอกสารไม่ถูกต้อง"
    if len(parts) == 3 and hashed_folder(name) and SHA_DIR.fullmatch(parts[1]):
        return None if safe_component(parts[2]) == parts[2] else "ชื่อไฟล์แนบไม่ถูกต้อง"
    return "เป็นรายการที่ไม่อยู่ในรูปแบบของชุดข้อมูล"


def entry_limit(name: str) -> int:
    """The largest unpacked size accepted for an entry."""
    if name == MANIFEST:
        return MAX_MANIFEST_BYTES
    if name == DATA:
        return MAX_JSON_BYTES
    if name.startswith(tuple(DOCUMENT_DIRS.values())):
        return MAX_PDF_BYTES
    folder = hashed_folder(name)
    if folder:
        return HASHED_DIRS[folder]
    return MAX_TEXT_BYTES


def newer_format(version: int, app_version: object = "") -> str:
    """Why a bundle of a newer format is refused, and which ITADesk reads it (Thai)."""
    shown = str(version) if version < 10**6 else f"{str(version)[:6]}…"
    needed = str(app_version or "")[:20]
    if needed in ("", __version__):  # data.json alone is newer: its app version is unknown
        needed = "ที่ใหม่กว่า"
    return (
        f"ชุดข้อมูลนี้ใช้รูปแบบรุ่น {shown} ซึ่งใหม่กว่าที่โปรแกรมนี้ (ITADesk {__version__}) "
        f"อ่านได้: โปรดติดตั้ง ITADesk รุ่น {needed} ขึ้นไปก่อนนำเข้า"
    )


def megabytes(size: int) -> str:
    """A size for a Thai message (Thai digits, like the rest of the line)."""
    return f"{to_thai_digits(f'{size / 1024**2:,.1f}')} MB"


def os_error_reason(error: OSError, where: str = "ปลายทาง", target: Path | None = None) -> str:
    """A Thai reason for an OSError during bundle work: full disk, stick removed, and so on.

    ``target``: the file being written, whose "access denied" is looked into (``write_reason``).
    """
    code = os_code(error)
    if code == errno.EBUSY:
        return LOCKED
    if target is not None and code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return write_reason(error, target)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"พื้นที่บน{where}เต็ม"
    if code == errno.EROFS:
        return f"{where}เป็นแบบอ่านอย่างเดียว (ตรวจสลักกันเขียนของแฟลชไดรฟ์)"
    if code in (errno.EACCES, errno.EPERM):  # reading or writing
        return f"ไม่มีสิทธิ์เข้าถึง{where}"
    if code == errno.EFBIG:
        return f"ไฟล์ใหญ่เกินกว่าที่{where}รับได้ (FAT32 รับไฟล์ได้ไม่เกิน ๔ กิกะไบต์)"
    if code == errno.ENAMETOOLONG:
        return "ชื่อไฟล์หรือโฟลเดอร์ยาวเกินไป"
    gone = {errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOENT, getattr(errno, "ENOMEDIUM", -1)}
    if code in gone:
        return f"อ่านหรือเขียน{where}ไม่ได้ แฟลชไดรฟ์อาจถูกถอดออกหรือเสียหาย"
    return f"เกิดข้อผิดพลาดกับ{where} ({os_reason(error)})"

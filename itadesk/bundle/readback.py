"""The export's read-back, done while the bundle is still being written.

Entries stored without compression are handed over in batches of about ``BATCH`` bytes. One
worker thread fsyncs the file and drops the batch's pages from the cache (POSIX), so that they
come back from the stick and not from memory; a second one then reads each entry back, its
local header compared field by field with what was written and its bytes with the SHA-256
of the manifest. The writer goes on with the next entries meanwhile, and the next batch is
flushed while this one is read: writing, flushing and checking overlap instead of adding up.

A batch read back early could still be overwritten later (a fake-capacity stick wraps
around onto data already written). So once everything is written, ``spot_check`` reads
each entry's local header again and 4 KB of every megabyte of its bytes, and compares them
with what the read-back saw. Compressed entries are left to the full check of the finished
file.

On Windows the pages cannot be dropped, so the file is read back through a handle opened
with ``FILE_FLAG_NO_BUFFERING`` (``open_uncached``): every read goes to the stick, in whole
sectors into an aligned buffer (``AlignedReader``). Where neither works (macOS, or a volume
that refuses unbuffered reads) ``from_target`` is False and the export does not claim that the
stick itself was checked.
"""

import contextlib
import hashlib
import io
import mmap
import os
import struct
import sys
import threading
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from itadesk.bundle.format import BUFFER

BATCH = 16 * 1024 * 1024
SAMPLE = 4096  # bytes spot-checked of every BUFFER
# signature, version, flags, method, time, date, CRC-32, sizes, name and extra lengths
LOCAL_HEADER = struct.Struct("<4s5H3L2H")
LOCAL_SIGNATURE = b"PK\x03\x04"
ZIP64_EXTRA = struct.Struct("<HHQQ")  # header id 1, data size, file size, compressed size
ZIP64_SIZE = 0xFFFFFFFF
UTF8_NAME = 0x800

Place = tuple[int, int, int, int]  # header offset, size, CRC-32, flag bits
ALIGN = 4096  # a multiple of every sector size (512 B, 4 KB): offsets and lengths of reads
WINDOW = 1024 * 1024  # bytes read at a time by ``AlignedReader``
ReadAt = Callable[[int, memoryview], int]  # (offset, aligned buffer) -> bytes read


class AlignedReader(io.RawIOBase):
    """A seekable binary file over ``read_at``, which may only read whole aligned blocks.

    Unbuffered handles (Windows' ``FILE_FLAG_NO_BUFFERING``, Linux's ``O_DIRECT``) refuse any
    read whose offset, length or buffer address is not a multiple of the sector size. This
    reads whole ``ALIGN`` blocks into a page-aligned buffer and hands out the bytes asked for.
    """

    def __init__(self, path: Path, read_at: ReadAt, close: Callable[[], None]) -> None:
        super().__init__()
        self._path, self._read_at, self._close = path, read_at, close
        self._buffer = mmap.mmap(-1, WINDOW)  # page-aligned memory
        self._view = memoryview(self._buffer)
        self._start = self._length = 0  # the file's bytes now in the buffer
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._position
        elif whence == io.SEEK_END:
            offset += self._path.stat().st_size
        if offset < 0:
            raise OSError(22, "negative seek position")
        self._position = offset
        return offset

    def _fill(self, block: int) -> None:
        self._start, self._length = block, 0
        self._length = self._read_at(block, self._view)

    def readinto(self, target: "memoryview | bytearray") -> int:  # type: ignore[override]
        out = memoryview(target).cast("B")
        position = self._position
        inside = self._start <= position < self._start + self._length
        if not inside:
            self._fill(position // ALIGN * ALIGN)
        skip = position - self._start
        count = max(0, min(len(out), self._length - skip))
        out[:count] = self._view[skip : skip + count]
        self._position += count
        return count

    def close(self) -> None:
        if not self.closed:
            self._view.release()
            self._buffer.close()
            self._close()
        super().close()


def open_direct(path: Path) -> BinaryIO:
    """Linux's ``O_DIRECT``: the same rules as Windows' unbuffered reads (used by tests)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECT", 0))
    reader = AlignedReader(
        path, lambda offset, view: os.preadv(fd, [view], offset), lambda: os.close(fd)
    )
    return cast(BinaryIO, io.BufferedReader(reader, buffer_size=WINDOW))


def _open_windows_unbuffered(path: Path) -> BinaryIO:  # pragma: no cover - Windows only
    """``CreateFileW`` with ``FILE_FLAG_NO_BUFFERING``; reads with ``ReadFile`` at an offset."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateFileW.restype = wintypes.HANDLE
    generic_read, share_all, open_existing, no_buffering = 0x80000000, 0x7, 3, 0x20000000
    handle = kernel32.CreateFileW(
        str(path), generic_read, share_all, None, open_existing, no_buffering, None
    )
    if handle in (None, wintypes.HANDLE(-1).value):
        raise ctypes.WinError(ctypes.get_last_error(), str(path))

    class Overlapped(ctypes.Structure):
        _fields_ = [("internal", ctypes.c_void_p), ("internal_high", ctypes.c_void_p),
                    ("offset", wintypes.DWORD), ("offset_high", wintypes.DWORD),
                    ("event", wintypes.HANDLE)]  # fmt: skip

    def read_at(offset: int, view: memoryview) -> int:
        where = Overlapped(0, 0, offset & 0xFFFFFFFF, offset >> 32, None)
        done = wintypes.DWORD(0)
        address = ctypes.addressof(ctypes.c_char.from_buffer(view))
        if not kernel32.ReadFile(handle, ctypes.c_void_p(address), len(view),
                                 ctypes.byref(done), ctypes.byref(where)):  # fmt: skip
            code = ctypes.get_last_error()
            if code != 38:  # ERROR_HANDLE_EOF
                raise ctypes.WinError(code, str(path))
        return done.value

    reader = AlignedReader(path, read_at, lambda: kernel32.CloseHandle(handle))
    return cast(BinaryIO, io.BufferedReader(reader, buffer_size=WINDOW))


def open_uncached(path: Path) -> BinaryIO | None:
    """``path`` opened so that reads come from the disk, not the cache; None where only
    ``posix_fadvise`` can do that (it drops the pages instead) or nothing can."""
    if sys.platform != "win32":
        return None
    try:
        return _open_windows_unbuffered(path)
    except OSError:  # a network drive or an odd file system: say it was not checked
        return None


def reads_from_target() -> bool:
    """Whether the read-back reaches the stick: pages dropped (POSIX) or unbuffered (Windows)."""
    return sys.platform == "win32" or hasattr(os, "posix_fadvise")


@dataclass(frozen=True)
class Written:
    """A stored entry as written: its zip header and what its content must hash to."""

    info: zipfile.ZipInfo
    sha256: str
    source: Path | None = None  # the local file it was copied from

    @property
    def file_name(self) -> str:
        """The entry's last part, as a clerk knows the file."""
        return self.info.filename.rsplit("/", 1)[-1]

    def name_and_flags(self) -> tuple[bytes, int]:
        """The name and flag bits as zipfile writes them (UTF-8 only when needed)."""
        try:
            return self.info.filename.encode("ascii"), self.info.flag_bits
        except UnicodeEncodeError:
            return self.info.filename.encode("utf-8"), self.info.flag_bits | UTF8_NAME

    def place(self) -> Place:
        """What the central directory must say of this entry."""
        info = self.info
        return info.header_offset, info.compress_size, info.CRC, self.name_and_flags()[1]


class Mismatch(Exception):
    """The target gave back other bytes than were written."""

    def __init__(self, written: Written) -> None:
        super().__init__(written.info.filename)
        self.written = written


class DamagedSource(Exception):
    """Local files no longer have the SHA-256 they were attached with (bit rot, edits)."""

    def __init__(self, sha256s: set[str]) -> None:
        super().__init__(", ".join(sorted(sha256s)))
        self.sha256s = sha256s
        self.left_behind = ""  # a temporary file that could not be removed


class UnreadableSource(Exception):
    """A local file could not be read again to tell whether it or the stick is at fault."""

    def __init__(self, written: Written, error: OSError) -> None:
        super().__init__(written.info.filename)
        self.written, self.error = written, error


class Stopped(Exception):
    """The export ended before this batch was read back."""


class ReadBack:
    """Reads back stored entries of ``path`` (open for writing as ``handle``) on a thread.

    ``checked`` maps each entry read back and found equal to its ``Place``, so the check of
    the finished file need not read it again. ``damaged`` collects the SHA-256 of local files
    found changed; ``finish`` raises ``DamagedSource`` with all of them. Use as a context
    manager: leaving stops the workers and waits for them, so the file can then be removed.
    """

    def __init__(self, path: Path, handle: BinaryIO) -> None:
        self.path, self.handle = path, handle
        self.checked: dict[str, Place] = {}
        self.damaged: set[str] = set()
        self._sync = ThreadPoolExecutor(1, thread_name_prefix="itadesk-sync")
        self._read = ThreadPoolExecutor(1, thread_name_prefix="itadesk-readback")
        self._futures: list[Future[None]] = []
        self._batch: list[Written] = []
        self._batch_size = 0
        self._samples: dict[str, tuple[Written, int, str]] = {}  # and data start, samples
        self._stop = threading.Event()
        self._done = self._reported = 0
        self._view = memoryview(bytearray(BUFFER))  # the reader's, reused
        self.from_target = reads_from_target()  # False once the stick could not be reached

    def _open(self) -> BinaryIO:
        """The file as the stick holds it: unbuffered on Windows (pages dropped on POSIX)."""
        source = open_uncached(self.path)
        if source is None and sys.platform == "win32":
            self.from_target = False
        return source or self.path.open("rb", buffering=0)

    def __enter__(self) -> "ReadBack":
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for pool in (self._sync, self._read):
            pool.shutdown(wait=True, cancel_futures=True)

    def add(self, written: Written) -> None:
        """Queue an entry that the writer has closed; raise if an earlier batch failed."""
        self._batch.append(written)
        self._batch_size += written.info.compress_size
        if self._batch_size >= BATCH:
            self._submit()
        for future in self._futures:
            if future.done():
                future.result()

    def take(self) -> int:
        """Bytes read back since the last call (for the progress bar)."""
        done = self._done
        delta, self._reported = done - self._reported, done
        return delta

    def finish(self, report: Callable[[int], None]) -> None:
        """Read back what is left and wait, calling ``report(bytes)`` (which may cancel)."""
        self._submit()
        for future in self._futures:
            while not wait([future], timeout=0.1).done:
                report(self.take())
            future.result()
        report(self.take())
        if self.damaged:
            raise DamagedSource(self.damaged)

    def spot_check(self) -> None:
        """After the last fsync: headers and samples of every entry read back, once more."""
        with self._open() as source:
            if hasattr(os, "posix_fadvise"):  # strided reads: no read-ahead
                with contextlib.suppress(OSError):
                    os.posix_fadvise(source.fileno(), 0, 0, os.POSIX_FADV_RANDOM)
            for written, start, expected in self._samples.values():
                if (
                    self._data_start(source, written) != start
                    or _sampled(source, start, written.info) != expected
                ):
                    raise Mismatch(written)

    def _submit(self) -> None:
        if self._batch:
            self.handle.flush()
            synced = self._sync.submit(self._flush)
            self._futures.append(self._read.submit(self._check, self._batch, synced))
            self._batch, self._batch_size = [], 0

    def _flush(self) -> None:
        """Onto the stick, and the whole file out of the cache (pages still dirty stay).

        From offset 0: a range starting inside a page (or a large folio) would keep it.
        """
        if self._stop.is_set():
            raise Stopped
        fd = self.handle.fileno()
        os.fsync(fd)
        if hasattr(os, "posix_fadvise"):
            with contextlib.suppress(OSError):
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)

    def _check(self, batch: list[Written], synced: "Future[None]") -> None:
        synced.result()
        with self._open() as source:
            for written in batch:
                found = self._hash(source, written)
                if found is not None and found[1] == written.sha256:
                    start, _sha256, samples = found
                    self.checked[written.info.filename] = written.place()
                    self._samples[written.info.filename] = (written, start, samples)
                elif written.source is not None and _changed(written):
                    self.damaged.add(written.sha256)
                else:
                    raise Mismatch(written)

    def _data_start(self, source: BinaryIO, written: Written) -> int | None:
        """Where the entry's bytes begin, if its local header reads back as written."""
        info = written.info
        source.seek(info.header_offset)
        header = _read(source, LOCAL_HEADER.size)
        if len(header) < LOCAL_HEADER.size:
            return None
        signature, _v, flags, method, _t, _d, crc, packed, size, names, extras = (
            LOCAL_HEADER.unpack(header)
        )
        name, expected_flags = written.name_and_flags()
        extra = info.extra
        if (packed, size) == (ZIP64_SIZE, ZIP64_SIZE):  # as zipfile writes a zip64 header
            extra += ZIP64_EXTRA.pack(1, ZIP64_EXTRA.size - 4, info.file_size, info.compress_size)
        elif (packed, size) != (info.compress_size, info.file_size):
            return None
        same = (signature, flags, method, crc) == (
            LOCAL_SIGNATURE, expected_flags, info.compress_type, info.CRC,
        )  # fmt: skip
        if not (same and _read(source, names) == name and _read(source, extras) == extra):
            return None
        return info.header_offset + LOCAL_HEADER.size + names + extras

    def _hash(self, source: BinaryIO, written: Written) -> tuple[int, str, str] | None:
        """Where a stored entry's bytes start, their SHA-256 and that of their samples (see
        ``spot_check``); None if they are not there."""
        start = self._data_start(source, written)
        if start is None:
            return None
        source.seek(start)
        left = written.info.compress_size
        digest, samples = hashlib.sha256(), hashlib.sha256()
        while left:
            if self._stop.is_set():
                raise Stopped
            wanted = min(BUFFER, left)
            count = _fill(source, self._view[:wanted])
            if count < wanted:
                return None
            digest.update(self._view[:count])
            samples.update(self._view[: min(SAMPLE, count)])
            left -= count
            self._done += count
        return start, digest.hexdigest(), samples.hexdigest()


def _fill(source: BinaryIO, view: memoryview) -> int:
    """Read until ``view`` is full or the file ends; how many bytes were read."""
    count = 0
    while count < len(view) and (got := source.readinto(view[count:])):
        count += got
    return count


def _read(source: BinaryIO, count: int) -> bytes:
    """``count`` bytes, fewer only at the end of the file (a short read is not an error)."""
    view = memoryview(bytearray(count))
    return bytes(view[: _fill(source, view)])


def _sampled(source: BinaryIO, start: int, info: zipfile.ZipInfo) -> str:
    """SHA-256 of the first ``SAMPLE`` bytes of every ``BUFFER`` of an entry, as read now."""
    digest = hashlib.sha256()
    for offset in range(0, info.compress_size, BUFFER):
        source.seek(start + offset)
        digest.update(_read(source, min(SAMPLE, info.compress_size - offset)))
    return digest.hexdigest()


def _changed(written: Written) -> bool:
    """Whether the local file differs from its recorded SHA-256 (else the stick is at fault)."""
    assert written.source is not None
    try:
        with written.source.open("rb") as source:
            return hashlib.file_digest(source, "sha256").hexdigest() != written.sha256
    except OSError as error:
        raise UnreadableSource(written, error) from error

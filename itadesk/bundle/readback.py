"""The export's read-back, done while the bundle is still being written.

Entries stored without compression are handed over in batches of about ``BATCH`` bytes. One
worker thread fsyncs the file and drops the batch's pages from the cache (POSIX), so that they
come back from the stick and not from memory; a second one then reads each entry back from
its local header and hashes it. The writer goes on with the next entries meanwhile, and the
next batch is flushed while this one is read: writing, flushing and checking overlap instead
of adding up. Compressed entries (small texts and documents) are
left to the full check of the finished file.
"""

import contextlib
import hashlib
import os
import struct
import threading
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from itadesk.bundle.format import BUFFER

BATCH = 16 * 1024 * 1024
LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, …, name length, extra length
LOCAL_SIGNATURE = b"PK\x03\x04"


@dataclass(frozen=True)
class Written:
    """A stored entry as written: its zip header and what its content must hash to."""

    info: zipfile.ZipInfo
    sha256: str
    source: Path | None = None  # the local file it was copied from


class Mismatch(Exception):
    """The target gave back other bytes than were written."""

    def __init__(self, written: Written) -> None:
        super().__init__(written.info.filename)
        self.written = written


class DamagedSource(Exception):
    """The local file no longer has the SHA-256 it was attached with (bit rot, edits)."""

    def __init__(self, written: Written) -> None:
        super().__init__(written.info.filename)
        self.sha256 = written.sha256


class Stopped(Exception):
    """The export ended before this batch was read back."""


class ReadBack:
    """Reads back stored entries of ``path`` (open for writing as ``handle``) on a thread.

    ``checked`` maps each entry read back and found equal to (header offset, size), so the
    check of the finished file need not read it again. Use as a context manager: leaving
    stops the worker and waits for it, so the file can then be removed.
    """

    def __init__(self, path: Path, handle: BinaryIO) -> None:
        self.path, self.handle = path, handle
        self.checked: dict[str, tuple[int, int]] = {}
        self._sync = ThreadPoolExecutor(1, thread_name_prefix="itadesk-sync")
        self._read = ThreadPoolExecutor(1, thread_name_prefix="itadesk-readback")
        self._futures: list[Future[None]] = []
        self._batch: list[Written] = []
        self._batch_size = 0
        self._stop = threading.Event()
        self._done = self._reported = 0
        self._view = memoryview(bytearray(BUFFER))  # the reader's, reused

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

    def _submit(self) -> None:
        if self._batch:
            self.handle.flush()
            synced = self._sync.submit(self._flush, self._batch[0].info.header_offset)
            self._futures.append(self._read.submit(self._check, self._batch, synced))
            self._batch, self._batch_size = [], 0

    def _flush(self, start: int) -> None:
        """Onto the stick, and out of the cache from ``start`` (pages still dirty stay)."""
        if self._stop.is_set():
            raise Stopped
        fd = self.handle.fileno()
        os.fsync(fd)
        if hasattr(os, "posix_fadvise"):
            with contextlib.suppress(OSError):
                os.posix_fadvise(fd, start, 0, os.POSIX_FADV_DONTNEED)

    def _check(self, batch: list[Written], synced: "Future[None]") -> None:
        synced.result()
        with self.path.open("rb", buffering=0) as source:
            for written in batch:
                if self._hash(source, written.info) != written.sha256:
                    if written.source is not None and _file_sha256(written.source) != (
                        written.sha256
                    ):
                        raise DamagedSource(written)
                    raise Mismatch(written)
                info = written.info
                self.checked[info.filename] = (info.header_offset, info.compress_size)

    def _hash(self, source: BinaryIO, info: zipfile.ZipInfo) -> str | None:
        """SHA-256 of a stored entry read from its local header on; None if it is not there."""
        source.seek(info.header_offset)
        header = source.read(LOCAL_HEADER.size)
        if len(header) < LOCAL_HEADER.size:
            return None
        signature, name_length, extra_length = LOCAL_HEADER.unpack(header)
        name = source.read(name_length)
        if signature != LOCAL_SIGNATURE or name.decode("utf-8", "replace") != info.filename:
            return None
        source.seek(extra_length, os.SEEK_CUR)
        left = info.compress_size
        digest = hashlib.sha256()
        while left:
            if self._stop.is_set():
                raise Stopped
            count = source.readinto(self._view[: min(BUFFER, left)])
            if not count:
                return None
            digest.update(self._view[:count])
            left -= count
            self._done += count
        return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    try:
        with path.open("rb") as source:
            return hashlib.file_digest(source, "sha256").hexdigest()
    except OSError:
        return ""

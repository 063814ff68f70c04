"""Check a bundle before anything is taken from it: it is untrusted input.

Order: entry names and kinds (no absolute paths, ``..``, links, devices, encryption), entry
count and declared sizes, the manifest and its format version, the set of entries against the
manifest, then every byte against its size and SHA-256 (counting what is actually read):
``data.json`` first, checked against the schema as soon as it is read, so that a bundle refused
for its data (or for evidence that nothing refers to) is refused before gigabytes are hashed.
Signature images (``signatures/``) are kept in memory, checked as images and put into the rows
that refer to them: the import stores them in the database.
"""

import contextlib
import errno
import json
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from itadesk.bundle.data import (
    ENTRY_COLUMNS,
    KEPT_DIRS,
    DataError,
    NewerData,
    check_entry,
    entry_references,
    fill_entries,
    load_tables,
)
from itadesk.bundle.format import (
    CHUNK,
    DATA,
    FILES_DIR,
    FORMAT_NAME,
    FORMAT_VERSION,
    HASHED_DIRS,
    MANIFEST,
    MAX_ENTRIES,
    MAX_SIGNATURES_BYTES,
    MAX_TOTAL_BYTES,
    MAX_UNREFERENCED_BYTES,
    MAX_UNREFERENCED_FILES,
    CancelFn,
    ProgressFn,
    Reporter,
    Sha256,
    check_entry_name,
    entry_limit,
    hashed_folder,
    megabytes,
    newer_format,
    os_error_reason,
)
from itadesk.db.models import SHA256_HEX
from itadesk.domain.dates import thai_datetime
from itadesk.domain.limits import text_problem
from itadesk.domain.numerals import digits
from itadesk.errors import BundleError

BAD_FILE_TYPES = {
    stat.S_IFLNK: "เป็นลิงก์ (symlink)",
    stat.S_IFDIR: "เป็นโฟลเดอร์",
    stat.S_IFCHR: "เป็นไฟล์อุปกรณ์",
    stat.S_IFBLK: "เป็นไฟล์อุปกรณ์",
    stat.S_IFIFO: "เป็นไฟล์พิเศษ (FIFO)",
    stat.S_IFSOCK: "เป็นไฟล์พิเศษ (socket)",
}


# what zipfile and zlib raise on a damaged or crafted file, besides OSError (a flipped bit in
# a name: UnicodeDecodeError, a ValueError; in a size or offset: struct.error, OverflowError)
CORRUPT: tuple[type[Exception], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError,
    NotImplementedError, struct.error, OverflowError,
)  # fmt: skip
UNREADABLE = "ไฟล์ไม่สมบูรณ์หรือไม่ใช่ไฟล์ .zip (อาจถอดแฟลชไดรฟ์ก่อนเขียนเสร็จ)"


class InvalidBundle(BundleError):
    """The bundle is broken or unsafe; ``str()`` is one Thai line."""


@dataclass
class Entry:
    path: str
    size: int
    sha256: str


@dataclass
class Bundle:
    """A verified bundle: its manifest, its data and where each evidence file sits."""

    path: Path
    manifest: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    entries: list[Entry]
    files: dict[str, Entry]  # sha256 → entry

    @property
    def office_name(self) -> str:
        return str(self.manifest["office"]["name"])

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(self.manifest["created_at"])


def _fail(reason: str, path: Path | None = None) -> InvalidBundle:
    name = f" {path.name} " if path else ""
    return InvalidBundle(f"ชุดข้อมูล{name}ใช้ไม่ได้: {reason} (ไม่มีการแก้ไขข้อมูลใด ๆ)")


def _check_info(info: zipfile.ZipInfo) -> str | None:
    """Why a zip entry is not acceptable, or None."""
    reason = check_entry_name(info.filename)
    if reason:
        return f"รายการ «{info.filename[:80]}» {reason}"
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind and kind != stat.S_IFREG:  # no type bits (permissions only) is a plain file
        return f"รายการ «{info.filename}» {BAD_FILE_TYPES.get(kind, 'ไม่ใช่ไฟล์ธรรมดา')}"
    if info.external_attr & 0x10:  # MS-DOS directory attribute
        return f"รายการ «{info.filename}» เป็นโฟลเดอร์"
    if info.flag_bits & 0x1:
        return f"รายการ «{info.filename}» เข้ารหัสไว้"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return f"รายการ «{info.filename}» ใช้วิธีบีบอัดที่ไม่รองรับ"
    if info.file_size > entry_limit(info.filename):
        return f"รายการ «{info.filename}» ใหญ่เกินกำหนด ({megabytes(info.file_size)})"
    return None


def open_archive(path: Path, source: IO[bytes] | None = None) -> zipfile.ZipFile:
    """Open an untrusted zip file (read from ``source`` when given); a damaged one is
    ``InvalidBundle`` (``OSError`` stays)."""
    try:
        return zipfile.ZipFile(source or path)
    except CORRUPT as error:
        raise _fail(UNREADABLE, path) from error


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """An entry's bytes; damaged ones (bad CRC, deflate data, local header) are refused."""
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                yield chunk
    except (*CORRUPT, OSError) as error:
        if isinstance(error, OSError) and error.errno != errno.EINVAL:  # EINVAL: seek to < 0
            raise  # the stick removed, no permission…: said as such by the caller
        where = Path(archive.filename) if archive.filename else None
        reason = f"เนื้อหาของ «{info.filename}» เสียหาย (อ่านไม่ครบหรือ CRC ไม่ตรง)"
        raise _fail(reason, where) from error


def read_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, reporter: Reporter | None,
    sink: IO[bytes] | None = None, keep: bool = False,
) -> tuple[str, int, bytes]:  # fmt: skip
    """Stream an entry: (sha256, bytes actually read, content if ``keep``); bounded.

    A damaged entry is ``InvalidBundle``; errors of ``sink`` or ``reporter`` pass unchanged.
    """
    limit = min(info.file_size, entry_limit(info.filename))
    digest = Sha256(threaded=limit > CHUNK)
    count = 0
    parts: list[bytes] = []
    chunks = _chunks(archive, info)
    try:
        for chunk in chunks:
            count += len(chunk)
            if count > limit:
                raise _fail(f"รายการ «{info.filename}» มีข้อมูลมากกว่าที่ระบุไว้")
            digest.update(chunk)
            if keep:
                parts.append(chunk)
            if sink is not None:
                sink.write(chunk)
            if reporter is not None:
                reporter.step(add=len(chunk))
    finally:
        chunks.close()
        digest.close()
    return digest.hexdigest(), count, b"".join(parts)


def _manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> dict[str, Any]:
    _sha, _count, raw = read_entry(archive, info, None, keep=True)
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _fail("ไฟล์ manifest.json เสียหาย", path) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise _fail("ไม่ใช่ชุดข้อมูลของ ITADesk", path)
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _fail("ไม่ระบุรุ่นของรูปแบบชุดข้อมูล", path)
    if version > FORMAT_VERSION:
        raise InvalidBundle(newer_format(version, manifest.get("app_version")))
    office = manifest.get("office")
    entries = manifest.get("entries")
    ok = (
        isinstance(office, dict)
        and isinstance(office.get("uuid"), str)
        and isinstance(office.get("name"), str)
        and text_problem("name", office["name"]) is None
        and isinstance(manifest.get("created_at"), str)
        and isinstance(manifest.get("years", []), list)
        and all(type(y) is int for y in manifest.get("years", []))
        and isinstance(entries, list)
    )
    try:  # shown and compared in this PC's time: 9999-12-31T23:59-12:00 overflows
        thai_datetime(datetime.fromisoformat(manifest["created_at"]).astimezone()) if ok else None
    except (ValueError, OverflowError):
        ok = False
    if not ok:
        raise _fail("ไฟล์ manifest.json ไม่ครบถ้วน", path)
    return manifest


def _manifest_entries(manifest: dict[str, Any]) -> list[Entry]:
    result = []
    for item in manifest["entries"]:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("path"), str)
            and isinstance(item.get("size"), int)
            and not isinstance(item.get("size"), bool)
            and item["size"] >= 0
            and isinstance(item.get("sha256"), str)
            and SHA256_HEX.fullmatch(item["sha256"])
        ):
            raise _fail("รายการใน manifest.json ไม่ถูกต้อง")
        if item["path"] == MANIFEST or check_entry_name(item["path"]):
            raise _fail(f"manifest.json ระบุรายการ «{item['path'][:80]}» ที่ไม่ได้รับอนุญาต")
        result.append(Entry(item["path"], item["size"], item["sha256"]))
    return result


def verify_bundle(
    path: Path,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    checked: Mapping[str, tuple[int, int, int, int]] | None = None,
    opener: Callable[[Path], IO[bytes] | None] | None = None,
) -> Bundle:
    """Check everything in a bundle file; raise ``InvalidBundle`` with one Thai line if not.

    ``checked``: stored entries whose bytes the caller has just read back from this very file
    (name → header offset, size, CRC-32 and flag bits, see ``readback``); they are not read
    a second time when the central directory says the same of them. ``opener``: how the
    export reads its own file back from the stick rather than the cache (``open_uncached``).
    """
    reporter = Reporter(progress, cancel, "ยกเลิกการตรวจสอบชุดข้อมูลแล้ว")
    try:
        with contextlib.ExitStack() as stack:
            source = opener(path) if opener else None
            if source is not None:
                stack.enter_context(source)
            archive = stack.enter_context(open_archive(path, source))
            return _verify(path, archive, reporter, checked or {})
    except FileNotFoundError:
        raise _fail("ไม่พบไฟล์", path) from None
    except IsADirectoryError:
        raise _fail("เป็นโฟลเดอร์ ไม่ใช่ไฟล์ .zip", path) from None
    except DataError as error:
        raise _fail(str(error), path) from error
    except OSError as error:
        raise InvalidBundle(f"อ่านชุดข้อมูลไม่ได้: {os_error_reason(error, 'ไฟล์ชุดข้อมูล')}") from error


def _verify(
    path: Path,
    archive: zipfile.ZipFile,
    reporter: Reporter,
    checked: Mapping[str, tuple[int, int, int, int]],
) -> Bundle:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _fail(f"มีรายการมากเกินไป ({len(infos):,})", path)
    names: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        reason = _check_info(info)
        if reason:
            raise _fail(reason, path)
        if info.filename in names:
            raise _fail(f"รายการ «{info.filename}» ซ้ำกัน", path)
        names[info.filename] = info
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise _fail(f"ขนาดรวมเมื่อแตกไฟล์ใหญ่เกินกำหนด ({megabytes(total)})", path)
    if MANIFEST not in names:
        raise _fail("ไม่มีไฟล์ manifest.json (ไม่ใช่ชุดข้อมูลของ ITADesk หรือไฟล์ไม่สมบูรณ์)", path)
    manifest = _manifest(archive, names[MANIFEST], path)
    entries = _manifest_entries(manifest)
    listed = {e.path for e in entries}
    if len(listed) != len(entries):
        raise _fail("manifest.json ระบุรายการซ้ำกัน", path)
    missing = sorted(listed - set(names))
    if missing:
        raise _fail(f"ขาดรายการ «{missing[0]}» ที่ระบุใน manifest.json", path)
    extra = sorted(set(names) - listed - {MANIFEST})
    if extra:
        raise _fail(f"มีรายการ «{extra[0]}» ที่ไม่ได้ระบุใน manifest.json", path)
    if DATA not in listed:
        raise _fail("ไม่มีไฟล์ data.json", path)
    reporter.total = sum(e.size for e in entries)
    reporter.step("กำลังตรวจสอบชุดข้อมูล")
    # folder (files/, signatures/) → sha256 → the first entry with that content
    stored: dict[str, dict[str, Entry]] = {folder: {} for folder in HASHED_DIRS}
    for entry in entries:  # what the central directory says: nothing is read yet
        info = names[entry.path]
        if info.file_size != entry.size:
            raise _fail(f"ขนาดของ «{entry.path}» ไม่ตรงกับ manifest.json", path)
        folder = hashed_folder(entry.path)
        if folder:
            if not entry.sha256.startswith(entry.path.split("/")[1]):  # all 64 in version 1
                raise _fail(f"ชื่อโฟลเดอร์ของ «{entry.path}» ไม่ตรงกับ checksum", path)
            stored[folder].setdefault(entry.sha256, entry)
    kept = sum(e.size for e in entries if e.path.startswith(KEPT_DIRS))
    if kept > MAX_SIGNATURES_BYTES:
        raise _fail(f"ภาพลายมือชื่อรวมกันใหญ่เกินกำหนด ({megabytes(kept)})", path)
    tables: dict[str, list[dict[str, Any]]] = {}
    referenced: dict[str, set[str]] = {FILES_DIR: set()}  # by data.json, by folder
    contents: dict[str, bytes] = {}  # of the entries in KEPT_DIRS, by sha256
    # data.json first: a bundle refused for its data is refused before its evidence is hashed
    for entry in sorted(entries, key=lambda e: e.path != DATA):
        info = names[entry.path]
        keep = entry.path == DATA or entry.path.startswith(KEPT_DIRS)
        place = (info.header_offset, info.compress_size, info.CRC, info.flag_bits)
        stored_as_is = info.compress_type == zipfile.ZIP_STORED
        if stored_as_is and not keep and checked.get(entry.path) == place:  # read back already
            continue
        sha, count, content = read_entry(archive, info, reporter, keep=keep)
        if count != entry.size or sha != entry.sha256:
            raise _fail(f"เนื้อหาของ «{entry.path}» ไม่ตรงกับ checksum (ไฟล์เสียหาย)", path)
        if entry.path == DATA:
            tables = _tables(content, manifest, stored, path)
            referenced = entry_references(tables)
            evidence = [e for e in entries if e.path.startswith(FILES_DIR)]
            _check_unreferenced(evidence, referenced[FILES_DIR], path)
            _check_kept(entries, referenced, path)
        elif keep:
            check_entry(hashed_folder(entry.path) or "", content, f"รายการ «{entry.path}»")
            contents[sha] = content
    fill_entries(tables, contents)
    files = {sha: e for sha, e in stored[FILES_DIR].items() if sha in referenced[FILES_DIR]}
    return Bundle(path=path, manifest=manifest, tables=tables, entries=entries, files=files)


def _tables(
    raw: bytes, manifest: dict[str, Any], stored: dict[str, dict[str, Entry]], path: Path
) -> dict[str, list[dict[str, Any]]]:
    """``data.json`` checked against the schema, the hashed entries and the manifest."""
    sizes = {folder: {sha: e.size for sha, e in found.items()} for folder, found in stored.items()}
    try:
        tables = load_tables(raw, sizes)
    except NewerData as error:
        raise InvalidBundle(newer_format(error.version, manifest.get("app_version"))) from error
    offices = tables.get("office", [])
    if offices and offices[0]["uuid"] != manifest["office"]["uuid"]:
        raise _fail("ข้อมูลหน่วยงานใน data.json ไม่ตรงกับ manifest.json", path)
    return tables


def _check_kept(entries: list[Entry], referenced: dict[str, set[str]], path: Path) -> None:
    """Refuse an entry of ``KEPT_DIRS`` (a signature image) that no row refers to: ITADesk
    writes none, and the import would have nowhere to put it."""
    for entry in entries:
        folder = hashed_folder(entry.path)
        if folder in KEPT_DIRS and entry.sha256 not in referenced.get(folder or "", set()):
            carried = next(c for c in ENTRY_COLUMNS.values() if c.folder == folder)
            raise _fail(f"รายการ «{entry.path}» ไม่มี{carried.owner}คนใดใช้เป็น{carried.what}", path)


def _check_unreferenced(evidence: list[Entry], referenced: set[str], path: Path) -> None:
    """Refuse a bundle carrying more evidence files that no attachment refers to than the
    limits allow (ITADesk writes none: they can only fill the disk)."""
    stray = [e for e in evidence if e.sha256 not in referenced]
    size = sum(e.size for e in stray)
    if len(stray) > MAX_UNREFERENCED_FILES or size > MAX_UNREFERENCED_BYTES:
        raise _fail(
            f"มีไฟล์หลักฐานที่ไม่มีรายการใดอ้างถึง {digits(len(stray))} ไฟล์ ({megabytes(size)}) "
            f"เกินที่รับได้ ({digits(MAX_UNREFERENCED_FILES)} ไฟล์ หรือ "
            f"{megabytes(MAX_UNREFERENCED_BYTES)})",
            path,
        )

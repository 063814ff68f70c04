"""Export: everything of the office into one zip on a stick or in a folder.

The zip is written under a temporary name next to the target, flushed and fsynced, read back
and checked entry by entry against the manifest, and only then renamed. A cancel or an error
at any point removes the temporary file: the target holds a complete bundle or nothing new.
"""

import base64
import contextlib
import functools
import hashlib
import itertools
import os
import shutil
import stat
import sys
import time
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from itadesk import __version__
from itadesk.bundle import pages
from itadesk.bundle.data import (
    ENTRY_COLUMNS,
    Contents,
    DataError,
    check_entry,
    dump_json,
    dump_tables,
    json_key,
    table,
)
from itadesk.bundle.format import (
    BUFFER,
    DATA,
    DOCUMENT_DIRS,
    FAT32_MAX_FILE,
    FORMAT_NAME,
    FORMAT_VERSION,
    INDEX,
    MANIFEST,
    README,
    STORED_SUFFIXES,
    CancelFn,
    Progress,
    ProgressFn,
    Reporter,
    bundle_file_name,
    evidence_entry,
    megabytes,
    os_error_reason,
    safe_component,
)
from itadesk.bundle.readback import (
    DamagedSource,
    Mismatch,
    Place,
    ReadBack,
    UnreadableSource,
    Written,
    open_uncached,
)
from itadesk.db.database import Database
from itadesk.db.models import FiscalYear, Measure, Office, ProgressEntry
from itadesk.domain.numerals import digits
from itadesk.errors import BundleError, NotFoundError, UserError, ValidationError, os_reason
from itadesk.fileops import PROBE_NAME, probe_folder, replace_file

ENTRY_OVERHEAD = 256  # bytes of zip headers per entry, besides the name
FREE_MARGIN = 1024 * 1024
NOTHING_LEFT = " ไม่มีไฟล์ค้างอยู่บนปลายทาง"


@dataclass
class Document:
    path: str  # entry name: pdf/….pdf or docx/….docx
    title: str
    year: int
    round: int | None
    content: bytes


@dataclass
class Evidence:
    path: str  # entry name: files/<first 12 hex of sha256>/<name> (evidence_entry)
    sha256: str
    size: int
    source: Path
    filename: str


@dataclass
class Image:
    path: str  # entry name: signatures/<first 12 hex of sha256>/<name> (evidence_entry)
    content: bytes


@dataclass
class ExportResult:
    path: Path
    size: int
    entries: int
    seconds: float
    documents: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # the read-back reached the stick itself (not the system's cache): see readback
    from_target: bool = True

    @property
    def checked(self) -> str:
        """What the check proved, in Thai: never that the stick was read when it was not."""
        if self.from_target:
            return "ตรวจสอบจากแฟลชไดรฟ์แล้วถูกต้อง"
        return (
            "ตรวจสอบได้เพียงจากหน่วยความจำของเครื่อง ไม่ใช่จากแฟลชไดรฟ์: ถอดแฟลชไดรฟ์แล้วเสียบใหม่ "
            "แล้วตรวจด้วย bundle verify หรือนำเข้าทดลองที่อีกเครื่อง"
        )


def latest_year(db: Database) -> list[int]:
    """The default years of the printed documents: the newest fiscal year."""
    with db.session() as session:
        year = session.scalar(select(FiscalYear.year).order_by(FiscalYear.year.desc()))
    return [] if year is None else [year]


def target_file(db: Database, target: Path, day: datetime | None = None) -> Path:
    """The bundle file for a target: a folder gets the default name inside it.

    Anything else must be a ``.zip`` file name: a mistyped folder does not become a file.
    """
    try:
        is_folder = target.is_dir()
    except OSError as error:  # a name too long for the file system: ENAMETOOLONG
        reason = os_error_reason(error)
        raise BundleError(f"ใช้ «{target.name[:40]}…» เป็นปลายทางไม่ได้: {reason}") from error
    if is_folder:
        with db.session() as session:
            office = session.scalar(select(Office))
            name = office.full_name if office else ""
        return target / bundle_file_name(name, (day or datetime.now()).date())
    if target.suffix.lower() != ".zip":
        raise BundleError(f"ไม่พบโฟลเดอร์ {target}: โปรดระบุโฟลเดอร์ที่มีอยู่ หรือชื่อไฟล์ที่ลงท้ายด้วย .zip")
    return target


def _filesystem_type(folder: Path) -> str:
    """Best effort: ``vfat``, ``ntfs``, ``FAT32``… ('' when unknown)."""
    try:
        if sys.platform == "win32":
            import ctypes

            name = ctypes.create_unicode_buffer(64)
            root = os.path.splitdrive(str(folder.resolve()))[0] + "\\"
            ok = ctypes.windll.kernel32.GetVolumeInformationW(  # type: ignore[attr-defined]
                root, None, 0, None, None, None, name, 64
            )
            return name.value if ok else ""
        best, kind = "", ""
        resolved = str(folder.resolve())
        with open("/proc/mounts", encoding="utf-8", errors="replace") as mounts:
            for line in mounts:
                parts = line.split()
                if len(parts) < 3:
                    continue
                mount = parts[1].replace("\\040", " ")
                inside = resolved == mount or resolved.startswith(mount.rstrip("/") + "/")
                if inside and len(mount) >= len(best):
                    best, kind = mount, parts[2]
        return kind
    except (OSError, AttributeError, ValueError):
        return ""


def check_target(folder: Path, needed: int) -> None:
    """Refuse a missing, read-only, too small (or FAT32 with > 4 GB) target before writing."""
    if not folder.is_dir():
        raise BundleError(f"ไม่พบโฟลเดอร์ปลายทาง {folder}: โปรดเสียบแฟลชไดรฟ์หรือเลือกโฟลเดอร์อื่น")
    refused = probe_folder(folder)  # os.access and statvfs say nothing true on Windows
    if refused is not None:
        reason = os_error_reason(refused, target=folder / PROBE_NAME)
        raise BundleError(f"เขียนลง {folder} ไม่ได้: {reason} (หรือเลือกโฟลเดอร์อื่น)")
    try:
        free = shutil.disk_usage(folder).free
    except OSError as error:
        raise BundleError(f"ตรวจพื้นที่ว่างของ {folder} ไม่ได้: {os_error_reason(error)}") from error
    if free < needed + FREE_MARGIN:
        raise BundleError(
            f"พื้นที่ว่างบนปลายทางไม่พอ: ต้องใช้ประมาณ {megabytes(needed + FREE_MARGIN)} "
            f"แต่เหลือ {megabytes(free)} (ลบไฟล์เก่าบนแฟลชไดรฟ์หรือใช้แฟลชไดรฟ์อื่น)"
        )
    if needed > FAT32_MAX_FILE and _filesystem_type(folder).lower() in (
        "vfat", "fat", "fat32", "msdos", "fat16",
    ):  # fmt: skip
        raise BundleError(
            f"ชุดข้อมูลมีขนาด {megabytes(needed)} เกิน ๔ กิกะไบต์ที่แฟลชไดรฟ์แบบ FAT32 รับได้: "
            "โปรดฟอร์แมตเป็น exFAT หรือเลือกปีให้น้อยลง"
        )


def _rounds(session: Any, year: int) -> list[int]:
    rounds = session.scalars(
        select(ProgressEntry.round)
        .join(Measure)
        .join(FiscalYear)
        .where(FiscalYear.year == year)
        .distinct()
    ).all()
    return sorted(rounds)


def _documents(
    db: Database, years: Sequence[int], reporter: Reporter, warnings: list[str]
) -> list[Document]:
    from itadesk.services.documents import PrintOptions, build_documents
    from itadesk.services.kinds import FORMATS, REGISTRY

    with db.session() as session:
        rounds = {year: _rounds(session, year) for year in years}
    documents: list[Document] = []
    for year in years:
        before = len(documents)
        for kind in REGISTRY:
            for round_months in rounds[year] if kind.needs_round else [None]:
                title = kind.name
                label = f"{title} ปี {digits(year)}"
                if round_months:
                    label += f" รอบ {digits(round_months)} เดือน"
                reporter.step(f"กำลังสร้างเอกสาร {label}")
                try:
                    files = build_documents(
                        db, kind.key, year, round_months, PrintOptions(), FORMATS
                    )
                except NotFoundError:
                    continue  # no data for this document yet
                except UserError as error:  # data that cannot print (a broken emblem…)
                    warnings.append(f"สร้างเอกสาร {label} ไม่ได้: {error}")
                    continue
                except Exception as error:  # a bug in one document must not block the data
                    warnings.append(f"สร้างเอกสาร {label} ไม่ได้ ({type(error).__name__})")
                    continue
                suffix = f"-รอบ{round_months}เดือน" if round_months else ""
                stem = f"{year}-{title}{suffix}".replace(" ", "-")
                for file_format, content in files.items():
                    name = safe_component(f"{stem}.{file_format}")
                    path = DOCUMENT_DIRS[file_format] + name
                    documents.append(Document(path, label, year, round_months, content))
        if len(documents) == before:
            warnings.append(
                f"ปีงบประมาณ {digits(year)} ยังไม่มีเอกสารที่พิมพ์ได้ (ยังไม่ได้กรอกข้อมูล): "
                "ชุดข้อมูลนี้จึงไม่มีเอกสารของปีนี้"
            )
    return documents


def _local_file(db: Database, row: dict[str, Any], damaged: set[str]) -> Evidence | str:
    """The evidence file of an attachment row; or why it is left out (Thai).

    Only the size is checked here; the content is checked against its SHA-256 while it is
    written (compressed entries) or read back from the target (stored ones), which puts it
    in ``damaged`` if it differs.
    """
    from itadesk.services.progress import MAX_ATTACHMENT_BYTES, attachment_path

    sha = row["sha256"]
    try:
        source = attachment_path(db, sha)
        size = source.stat().st_size
    except ValidationError:  # a malformed sha256 in the local database
        return "มีรหัสไฟล์ไม่ถูกต้อง"
    except FileNotFoundError:
        return "ไม่พบในโฟลเดอร์ข้อมูล"
    except OSError as error:
        return f"อ่านไม่ได้ ({os_reason(error)})"
    if size > MAX_ATTACHMENT_BYTES:
        return "ใหญ่เกิน ๒๐๐ เมกะไบต์"
    if size != row["size"] or sha in damaged:
        return "ในเครื่องเสียหาย (เนื้อหาไม่ตรงกับตอนแนบ) โปรดแนบไฟล์นี้ใหม่"
    return Evidence("", sha, size, source, row["filename"])  # its entry: see ``_evidence``


def _evidence(
    db: Database, tables: dict[str, list[dict[str, Any]]], damaged: set[str], warnings: list[str]
) -> list[Evidence]:
    """One entry per distinct content.

    A file that is missing, unreadable, too big or damaged is left out with a warning, and
    so are its attachment rows: every attachment in ``data.json`` has its file in the
    bundle. File names become safe (``safe_component``).
    """
    rows = tables["attachment"]
    measures = {m["uuid"]: m["title"] for m in tables["measure"]}
    entries = {e["uuid"]: measures.get(e["measure_uuid"], "") for e in tables["progress_entry"]}
    found: dict[str, Evidence | str] = {}
    for row in sorted(rows, key=lambda r: (r["sha256"], r["filename"], r["uuid"])):
        original = row["filename"]
        row["filename"] = safe_component(original)
        if row["sha256"] not in found:
            found[row["sha256"]] = _local_file(db, row, damaged)
        reason = found[row["sha256"]]
        if isinstance(reason, str):
            warnings.append(
                f"ไฟล์แนบ «{original}» ของมาตรการ «{entries.get(row['entry_uuid'], '')}» "
                f"{reason}: ไม่ได้ใส่ในชุดข้อมูล"
            )
    tables["attachment"] = [r for r in rows if isinstance(found[r["sha256"]], Evidence)]
    evidence = [e for e in found.values() if isinstance(e, Evidence)]
    taken: set[str] = set()
    for item in evidence:  # sorted by SHA-256: the same data give the same names
        item.path = evidence_entry(item.sha256, item.filename, frozenset(taken))
        taken.add(item.path)
    return evidence


def _without_broken_emblem(tables: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Leave out an emblem that no longer opens (saved by an older version): the import
    would refuse the whole bundle for it. Returns the warning, if any."""
    from itadesk.services.office import check_emblem

    for row in tables["office"]:
        if row.get("emblem"):
            try:
                check_emblem(base64.b64decode(row["emblem"]))
            except (ValidationError, ValueError):
                row["emblem"], row["emblem_name"] = None, ""
                return ["ตราครุฑที่บันทึกไว้เปิดเป็นภาพไม่ได้: ไม่ได้ใส่ในชุดข้อมูล (โปรดเลือกภาพใหม่ที่หน้าหน่วยงาน)"]
    return []


def _images(
    tables: dict[str, list[dict[str, Any]]], contents: Contents, notes: list[str]
) -> list[Image]:
    """One stored entry per distinct content of an entry column (a signature image), named
    after the first row (by uuid) that has it.

    An image that no longer opens (saved by an older version) is left out, with a warning,
    and so is its column in the rows: the import would refuse the whole bundle for it, and a
    missing column leaves the importing PC's own image as it is.
    """
    images: dict[str, Image | None] = {}
    for (name, column), carried in ENTRY_COLUMNS.items():
        key = json_key(table(name).c[column])
        for row in tables[name]:
            sha = row.get(key)
            if sha is None:
                continue
            if sha not in images:
                content = contents[sha]
                try:
                    check_entry(carried.folder, content, carried.what)
                except DataError:
                    images[sha] = None
                else:
                    suffix = ".png" if content.startswith(b"\x89PNG") else ".jpg"
                    taken = frozenset(i.path for i in images.values() if i)
                    filename = f"{row.get('name') or carried.what}{suffix}"
                    entry = evidence_entry(sha, filename, taken, carried.folder)
                    images[sha] = Image(entry, content)
            if images[sha] is None:
                del row[key]
                notes.append(
                    f"{carried.what}ของ {row.get('name', '')} ที่บันทึกไว้เปิดเป็นภาพไม่ได้: "
                    "ไม่ได้ใส่ในชุดข้อมูล (โปรดเลือกภาพใหม่ที่หน้าหน่วยงาน)"
                )
    return [i for i in images.values() if i]


def _compression(evidence: Evidence) -> int:
    """Stored for already-compressed or incompressible content, deflated otherwise."""
    return zipfile.ZIP_STORED if _ratio(evidence) is None else zipfile.ZIP_DEFLATED


def _ratio(evidence: Evidence) -> float | None:
    """About how much deflating shrinks the file (from its first 256 kB), or None when it
    is stored as it is. Cached: a stored evidence file (named by its SHA-256) never changes."""
    if Path(evidence.filename).suffix.lower() in STORED_SUFFIXES:
        return None
    if evidence.size < 4096:
        return 1.0
    return _sample_ratio(evidence.source)


@functools.lru_cache(maxsize=4096)
def _sample_ratio(source: Path) -> float | None:
    try:
        with source.open("rb") as src:
            sample = src.read(256 * 1024)
    except OSError:
        return None
    ratio = len(zlib.compress(sample, 1)) / max(1, len(sample))
    return None if ratio > 0.9 else ratio


def _zip_info(name: str, compress: int, when: datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = compress
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


class _Writer:
    """Adds entries to the zip, hands stored ones to the read-back, keeps the manifest list."""

    def __init__(
        self, archive: zipfile.ZipFile, when: datetime, reporter: Reporter, readback: ReadBack
    ) -> None:
        self.archive, self.when, self.reporter = archive, when, reporter
        self.readback = readback
        self.entries: list[dict[str, Any]] = []
        self.buffer = bytearray(BUFFER)  # reused: it stays in the processor's cache
        self.view = memoryview(self.buffer)

    def add_bytes(self, name: str, content: bytes, compress: int) -> None:
        info = _zip_info(name, compress, self.when)
        with self.archive.open(info, "w") as out:
            out.write(content)
        self._added(info, hashlib.sha256(content).hexdigest(), len(content), None)
        self.reporter.step(add=len(content) + self.readback.take())

    def add_file(self, evidence: Evidence) -> None:
        """Copy an evidence file in; note it in ``readback.damaged`` if it is not as attached.

        A stored entry is hashed when it is read back; a compressed one (which the read-back
        leaves to the final check) is hashed here, as it is read from the data folder.
        """
        info = _zip_info(evidence.path, _compression(evidence), self.when)
        digest = hashlib.sha256() if info.compress_type != zipfile.ZIP_STORED else None
        size = 0
        try:
            src: IO[bytes] = evidence.source.open("rb", buffering=0)
        except OSError as error:
            raise _unreadable(evidence.filename, error) from error
        with src, self.archive.open(info, "w", force_zip64=evidence.size > 1 << 30) as out:
            while True:
                try:
                    count = src.readinto(self.buffer)
                except OSError as error:
                    raise _unreadable(evidence.filename, error) from error
                if not count:
                    break
                out.write(self.view[:count])
                if digest is not None:
                    digest.update(self.view[:count])
                size += count
                self.reporter.step(add=count + self.readback.take())
        if size != evidence.size or (digest and digest.hexdigest() != evidence.sha256):
            self.readback.damaged.add(evidence.sha256)
        self._added(info, evidence.sha256, size, evidence.source)

    def _added(self, info: zipfile.ZipInfo, sha: str, size: int, source: Path | None) -> None:
        self.entries.append({"path": info.filename, "size": size, "sha256": sha})
        if info.compress_type == zipfile.ZIP_STORED:
            self.readback.add(Written(info, sha, source))


def _unreadable(name: str, error: OSError, tail: str = "") -> BundleError:
    return BundleError(
        f"อ่านไฟล์แนบ «{name}» ในเครื่องไม่ได้ ({os_reason(error)}): ส่งออกไม่สำเร็จ{tail or NOTHING_LEFT}"
    )


def _fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass
class _Contents:
    """What goes into one bundle file; the evidence stays in the data folder until written."""

    when: datetime
    head: dict[str, Any]  # the manifest without its entries
    readme: bytes
    index: bytes
    data: bytes
    documents: list[Document]
    evidence: list[Evidence]
    images: list[Image]

    def size(self) -> int:
        """The bytes to write and read back (the progress total): contents and names."""
        small = [self.readme, self.index, self.data, *(d.content for d in self.documents)]
        small += [i.content for i in self.images]
        return sum(map(len, small)) + sum(e.size for e in self.evidence) + self._headers()

    def space(self) -> int:
        """About the size of the zip file: what is stored as it is, what is deflated as the
        first 256 kB of each file deflate (plus 5 %), headers and a margin.

        An estimate only: should the disk fill all the same, the export fails cleanly.
        """
        deflated = [self.readme, self.index, self.data]
        evidence = 0
        for e in self.evidence:
            ratio = _ratio(e)
            evidence += e.size if ratio is None else int(e.size * min(1.0, ratio + 0.05))
        return (
            sum(len(zlib.compress(b, 1)) for b in deflated)
            + sum(len(d.content) for d in [*self.documents, *self.images])
            + evidence
            + self._headers()
        )

    def _headers(self) -> int:
        names = [e.path for e in [*self.evidence, *self.documents, *self.images]]
        return (
            sum(len(n.encode()) for n in names)
            + (ENTRY_OVERHEAD + 200) * (len(names) + 8)
            + 64 * 1024
        )


def export_bundle(
    db: Database,
    target: Path,
    years: Sequence[int] | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ExportResult:
    """Write the bundle to ``target`` (a folder: the default name inside it).

    ``years``: the fiscal years whose documents are printed into ``pdf/`` (None: the newest);
    the data of every year is always included. ``progress`` gets ``Progress`` steps;
    ``cancel()`` returning True stops the export, which then leaves nothing behind.
    """
    started = time.perf_counter()
    now = datetime.now().astimezone()
    reporter = Reporter(progress, cancel, "ยกเลิกการส่งออกแล้ว:" + NOTHING_LEFT)
    reporter.step("กำลังอ่านข้อมูล")
    final = target_file(db, target, now)
    with db.session() as session:
        office = session.scalar(select(Office))
        if office is None or not office.name:
            raise BundleError("ยังไม่ได้กรอกข้อมูลหน่วยงาน: โปรดกรอกชื่อหน่วยงานก่อนส่งออกชุดข้อมูล")
        name = office.full_name
        head: dict[str, Any] = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "created_at": now.isoformat(),
            "office": {"uuid": office.uuid, "name": name},
        }
        tables, blobs = dump_tables(session)
    chosen = head["years"] = sorted(set(latest_year(db) if years is None else years))
    readme = pages.readme(name, now, chosen).encode("utf-8")
    check_target(final.parent, 0)  # a missing or read-only target: before anything else
    documents: list[Document] = []
    notes = _without_broken_emblem(tables)
    images = _images(tables, blobs, notes)
    warnings: list[str] = []
    damaged: set[str] = set()

    def prepare() -> _Contents:
        """The contents without the files in ``damaged``; refused if they cannot fit."""
        warnings.clear()
        attempt = {**tables, "attachment": [dict(row) for row in tables["attachment"]]}
        evidence = _evidence(db, attempt, damaged, warnings)
        index = pages.index_html(db, name, now, chosen, documents, evidence)
        data = dump_json(attempt)
        result = _Contents(now, head, readme, index, data, documents, evidence, images)
        check_target(final.parent, result.space())
        return result

    contents = prepare()  # a too small target is refused before typesetting
    if chosen:
        documents = _documents(db, chosen, reporter, notes)
        contents = prepare()
    reporter.total = contents.size() * 2  # written, then read back
    left_behind: list[str] = []  # temporary files of earlier attempts that stayed
    try:
        for attempt in itertools.count(1):
            try:
                entries, from_target = _write(contents, final, reporter, attempt)
                break
            except DamagedSource as error:  # leave those files out, and write again
                damaged |= error.sha256s
                left_behind += [error.left_behind] if error.left_behind else []
                contents = prepare()
                reporter.total = reporter.done + contents.size() * 2
    except BundleError as error:
        if left_behind:
            text = str(error).replace(NOTHING_LEFT, "")
            raise type(error)(f"{text} ({'; '.join(left_behind)})") from error
        raise
    notes += left_behind
    reporter.step("เสร็จแล้ว")
    return ExportResult(
        path=final, size=final.stat().st_size, entries=entries, from_target=from_target,
        seconds=time.perf_counter() - started,
        documents=[d.path for d in documents], warnings=warnings + notes,
    )  # fmt: skip


def _write(
    contents: _Contents, final: Path, reporter: Reporter, attempt: int
) -> tuple[int, bool]:
    """Write under a temporary name, read back, check, rename: or leave nothing.

    Returns the number of entries, and whether the read-back reached the stick itself.
    """
    start = reporter.done
    temporary = final.with_name(f"~{final.stem}.{os.getpid()}.{attempt}.partial")
    try:
        with open(temporary, "xb") as handle, ReadBack(temporary, handle) as readback:
            with zipfile.ZipFile(handle, "w", allowZip64=True) as archive:
                writer = _Writer(archive, contents.when, reporter, readback)
                reporter.step("กำลังเขียนชุดข้อมูล")
                writer.add_bytes(README, contents.readme, zipfile.ZIP_DEFLATED)
                writer.add_bytes(INDEX, contents.index, zipfile.ZIP_DEFLATED)
                writer.add_bytes(DATA, contents.data, zipfile.ZIP_DEFLATED)
                for item in [*contents.documents, *contents.images]:
                    writer.add_bytes(item.path, item.content, zipfile.ZIP_STORED)
                for item in contents.evidence:
                    reporter.step(f"กำลังเขียนไฟล์แนบ {item.filename}")
                    writer.add_file(item)
                manifest = pages.json_bytes({**contents.head, "entries": writer.entries})
                writer.add_bytes(MANIFEST, manifest, zipfile.ZIP_DEFLATED)
                writer.entries.pop()
            sizes = sum(e["size"] for e in writer.entries)
            reporter.total = start + sizes + len(manifest) + sizes  # written, then read back
            reporter.step("กำลังตรวจสอบไฟล์ที่เขียน")
            readback.finish(lambda read: reporter.step(add=read))
            handle.flush()
            os.fsync(handle.fileno())
            if hasattr(os, "posix_fadvise"):  # read back from the stick, not from memory
                with contextlib.suppress(OSError):
                    os.posix_fadvise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
            readback.spot_check()
        _check_written(temporary, reporter, writer.entries, readback.checked)
        reporter.last_step("กำลังบันทึกไฟล์ชุดข้อมูล")
        replace_file(temporary, final)
        _fsync_folder(final.parent)
    except BaseException as error:
        left = _remove(temporary)
        tail = f" (ลบไฟล์ชั่วคราว {temporary.name} บนปลายทางไม่ได้ โปรดลบเอง)" if left else ""
        if isinstance(error, DamagedSource):
            error.left_behind = tail.strip(" ()")
            raise
        if isinstance(error, UnreadableSource):
            raise _unreadable(error.written.file_name, error.error, tail) from error
        if isinstance(error, Mismatch):
            raise BundleError(
                "ส่งออกไม่สำเร็จ: ตรวจสอบไฟล์ที่เขียนแล้วไม่ตรงกับข้อมูล "
                f"(ไฟล์ «{error.written.file_name}»): "
                "แฟลชไดรฟ์อาจเสียหาย ถูกถอดออก หรือมีความจุจริงน้อยกว่าที่ระบุ "
                f"โปรดลองแฟลชไดรฟ์อื่น{tail or NOTHING_LEFT}"
            ) from error
        if isinstance(error, BundleError):  # its message already says nothing was left
            if left:
                raise type(error)(str(error).replace(NOTHING_LEFT, "") + tail) from error
            raise
        if isinstance(error, OSError):
            reason = os_error_reason(error, target=final)
            raise BundleError(f"ส่งออกไม่สำเร็จ: {reason}{tail or NOTHING_LEFT}") from error
        raise
    return len(writer.entries) + 1, readback.from_target


def _check_written(
    temporary: Path, reporter: Reporter, entries: list[dict[str, Any]],
    checked: dict[str, Place],
) -> None:  # fmt: skip
    """Verify the written file as an importing PC would, and against what was written.

    Entries already read back (``checked``) are not read again, only their headers compared.
    """
    from itadesk.bundle.verify import InvalidBundle, verify_bundle

    offset = reporter.done

    def forward(step: Progress) -> None:
        reporter.done = offset + step.done
        reporter.step("กำลังตรวจสอบไฟล์ที่เขียน")

    try:
        bundle = verify_bundle(temporary, forward, None, checked, opener=open_uncached)
    except InvalidBundle as error:
        raise BundleError(
            "ส่งออกไม่สำเร็จ: ตรวจสอบไฟล์ที่เขียนแล้วไม่ตรงกับข้อมูล "
            f"(แฟลชไดรฟ์อาจเสียหายหรือถูกถอดออก: {error}){NOTHING_LEFT}"
        ) from error
    if [(e.path, e.size, e.sha256) for e in bundle.entries] != [
        (e["path"], e["size"], e["sha256"]) for e in entries
    ]:
        raise BundleError("ส่งออกไม่สำเร็จ: ตรวจสอบไฟล์ที่เขียนแล้วไม่ตรงกับข้อมูล" + NOTHING_LEFT)


def _remove(path: Path) -> bool:
    """Delete a temporary file; True when it is still there."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        return path.exists()
    return False

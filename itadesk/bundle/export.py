"""Export: everything of the office into one zip on a stick or in a folder.

The zip is written under a temporary name next to the target, flushed and fsynced, read back
and checked entry by entry against the manifest, and only then renamed. A cancel or an error
at any point removes the temporary file: the target holds a complete bundle or nothing new.
"""

import contextlib
import hashlib
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
from itadesk.bundle.data import dump_json, dump_tables
from itadesk.bundle.format import (
    CHUNK,
    DATA,
    FAT32_MAX_FILE,
    FILES_DIR,
    FORMAT_NAME,
    FORMAT_VERSION,
    INDEX,
    MANIFEST,
    PDF_DIR,
    README,
    STORED_SUFFIXES,
    CancelFn,
    Progress,
    ProgressFn,
    Reporter,
    Sha256,
    bundle_file_name,
    megabytes,
    os_error_reason,
    safe_component,
)
from itadesk.db.database import Database
from itadesk.db.models import FiscalYear, Measure, Office, ProgressEntry
from itadesk.domain.numerals import digits
from itadesk.errors import BundleError, UserError, ValidationError

ROUND_KINDS = frozenset({"memo-progress", "progress"})
ENTRY_OVERHEAD = 256  # bytes of zip headers per entry, besides the name
FREE_MARGIN = 1024 * 1024
NOTHING_LEFT = " ไม่มีไฟล์ค้างอยู่บนปลายทาง"


@dataclass
class Document:
    path: str  # entry name: pdf/…
    title: str
    year: int
    round: int | None
    content: bytes


@dataclass
class Evidence:
    path: str  # entry name: files/<sha256>/<name>
    sha256: str
    size: int
    source: Path
    filename: str


@dataclass
class ExportResult:
    path: Path
    size: int
    entries: int
    seconds: float
    documents: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def latest_year(db: Database) -> list[int]:
    """The default years of the printed documents: the newest fiscal year."""
    with db.session() as session:
        year = session.scalar(select(FiscalYear.year).order_by(FiscalYear.year.desc()))
    return [] if year is None else [year]


def target_file(db: Database, target: Path, day: datetime | None = None) -> Path:
    """The bundle file for a target: a folder gets the default name inside it."""
    if target.is_dir():
        with db.session() as session:
            office = session.scalar(select(Office))
            name = office.full_name if office else ""
        return target / bundle_file_name(name, (day or datetime.now()).date())
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
    read_only = not os.access(folder, os.W_OK)
    if not read_only and hasattr(os, "statvfs"):
        with contextlib.suppress(OSError):
            read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    if read_only:
        raise BundleError(
            f"เขียนลง {folder} ไม่ได้: ปลายทางเป็นแบบอ่านอย่างเดียวหรือไม่มีสิทธิ์เขียน "
            "(ตรวจสลักกันเขียนของแฟลชไดรฟ์ หรือเลือกโฟลเดอร์อื่น)"
        )
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
    from itadesk.documents.data import KIND_NAMES, KINDS
    from itadesk.services.documents import PrintOptions, build_document

    with db.session() as session:
        rounds = {year: _rounds(session, year) for year in years}
    documents: list[Document] = []
    for year in years:
        before = len(documents)
        for kind in KINDS:
            for round_months in rounds[year] if kind in ROUND_KINDS else [None]:
                title = KIND_NAMES[kind]
                label = f"{title} ปี {digits(year)}"
                if round_months:
                    label += f" รอบ {digits(round_months)} เดือน"
                reporter.step(f"กำลังสร้างเอกสาร {label}")
                try:
                    content = build_document(db, kind, year, round_months, PrintOptions())
                except UserError:
                    continue  # no data for this document yet
                except Exception as error:  # a bug in one document must not block the data
                    warnings.append(f"สร้างเอกสาร {label} ไม่ได้ ({type(error).__name__})")
                    continue
                suffix = f"-รอบ{round_months}เดือน" if round_months else ""
                name = safe_component(f"{year}-{title}{suffix}.pdf".replace(" ", "-"))
                documents.append(Document(PDF_DIR + name, label, year, round_months, content))
        if len(documents) == before:
            warnings.append(
                f"ปีงบประมาณ {digits(year)} ยังไม่มีเอกสารที่พิมพ์ได้ (ยังไม่ได้กรอกข้อมูล): "
                "ชุดข้อมูลนี้จึงไม่มีเอกสารของปีนี้"
            )
    return documents


def _local_file(db: Database, sha: str, name: str, reporter: Reporter) -> Evidence | str:
    """The evidence file with this recorded SHA-256, hashed; or why it is left out (Thai)."""
    from itadesk.services.progress import MAX_ATTACHMENT_BYTES, attachment_path

    try:
        source = attachment_path(db, sha)
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            return "ใหญ่เกิน ๒๐๐ เมกะไบต์"
        digest = hashlib.sha256()
        with source.open("rb") as src:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                reporter.step()
    except ValidationError:  # a malformed sha256 in the local database
        return "มีรหัสไฟล์ไม่ถูกต้อง"
    except FileNotFoundError:
        return "ไม่พบในโฟลเดอร์ข้อมูล"
    except OSError as error:
        return f"อ่านไม่ได้ ({error.strerror or error})"
    real = digest.hexdigest()
    if real != sha:
        return "ในเครื่องนี้เสียหาย (เนื้อหาไม่ตรงกับตอนแนบ) โปรดแนบไฟล์นี้ใหม่"
    return Evidence(f"{FILES_DIR}{real}/{name}", real, size, source, name)


def _evidence(
    db: Database, tables: dict[str, list[dict[str, Any]]], reporter: Reporter, warnings: list[str]
) -> list[Evidence]:
    """One entry per distinct content, hashed before anything is written.

    A file that is missing, unreadable, too big or no longer matches its recorded SHA-256 is
    left out with a warning, and so are its attachment rows: every attachment in
    ``data.json`` has its file in the bundle. File names become safe (``safe_component``).
    """
    rows = tables["attachment"]
    measures = {m["uuid"]: m["title"] for m in tables["measure"]}
    entries = {e["uuid"]: measures.get(e["measure_uuid"], "") for e in tables["progress_entry"]}
    found: dict[str, Evidence | str] = {}
    for row in sorted(rows, key=lambda r: (r["sha256"], r["filename"], r["uuid"])):
        original, sha = row["filename"], row["sha256"]
        row["filename"] = safe_component(original)
        if sha not in found:
            reporter.step(f"กำลังตรวจไฟล์แนบ {row['filename']}")
            found[sha] = _local_file(db, sha, row["filename"], reporter)
        reason = found[sha]
        if isinstance(reason, str):
            warnings.append(
                f"ไฟล์แนบ «{original}» ของมาตรการ «{entries.get(row['entry_uuid'], '')}» "
                f"{reason}: ไม่ได้ใส่ในชุดข้อมูล"
            )
    tables["attachment"] = [r for r in rows if isinstance(found[r["sha256"]], Evidence)]
    return [e for e in found.values() if isinstance(e, Evidence)]


def _compression(evidence: Evidence) -> int:
    """Stored for already-compressed or incompressible content, deflated otherwise."""
    if Path(evidence.filename).suffix.lower() in STORED_SUFFIXES:
        return zipfile.ZIP_STORED
    if evidence.size < 4096:
        return zipfile.ZIP_DEFLATED
    try:
        with evidence.source.open("rb") as src:
            sample = src.read(256 * 1024)
    except OSError:
        return zipfile.ZIP_STORED
    ratio = len(zlib.compress(sample, 1)) / max(1, len(sample))
    return zipfile.ZIP_STORED if ratio > 0.9 else zipfile.ZIP_DEFLATED


def _zip_info(name: str, compress: int, when: datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = compress
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


class _Writer:
    """Adds entries to the zip while hashing them; keeps the manifest list."""

    def __init__(self, archive: zipfile.ZipFile, when: datetime, reporter: Reporter) -> None:
        self.archive, self.when, self.reporter = archive, when, reporter
        self.entries: list[dict[str, Any]] = []

    def add_bytes(self, name: str, content: bytes, compress: int) -> None:
        self.reporter.step()
        with self.archive.open(_zip_info(name, compress, self.when), "w") as out:
            out.write(content)
        sha = hashlib.sha256(content).hexdigest()
        self.entries.append({"path": name, "size": len(content), "sha256": sha})
        self.reporter.step(add=len(content))

    def add_file(self, evidence: Evidence) -> None:
        digest = Sha256(threaded=evidence.size > CHUNK)
        size = 0
        info = _zip_info(evidence.path, _compression(evidence), self.when)
        try:
            src: IO[bytes] = evidence.source.open("rb")
        except OSError as error:
            raise BundleError(
                f"อ่านไฟล์แนบ «{evidence.filename}» ในเครื่องไม่ได้ "
                f"({error.strerror or error}): ส่งออกไม่สำเร็จ{NOTHING_LEFT}"
            ) from error
        with (
            contextlib.closing(digest),
            src,
            self.archive.open(info, "w", force_zip64=evidence.size > 1 << 30) as out,
        ):
            while True:
                try:
                    chunk = src.read(CHUNK)
                except OSError as error:
                    raise BundleError(
                        f"อ่านไฟล์แนบ «{evidence.filename}» ในเครื่องไม่ได้ "
                        f"({error.strerror or error}): ส่งออกไม่สำเร็จ{NOTHING_LEFT}"
                    ) from error
                if not chunk:
                    break
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
                self.reporter.step(add=len(chunk))
        sha = digest.hexdigest()
        if sha != evidence.sha256:  # changed since it was hashed a moment ago
            raise BundleError(
                f"ไฟล์แนบ «{evidence.filename}» ในเครื่องถูกแก้ไขระหว่างส่งออก: "
                f"โปรดส่งออกใหม่อีกครั้ง{NOTHING_LEFT}"
            )
        self.entries.append({"path": evidence.path, "size": size, "sha256": sha})


def _fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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
        office_info = {"uuid": office.uuid, "name": office.full_name}
        tables = dump_tables(session)
    chosen = sorted(set(latest_year(db) if years is None else years))
    check_target(final.parent, 0)  # a missing or read-only target: before hashing anything
    warnings: list[str] = []
    evidence = _evidence(db, tables, reporter, warnings)
    data = dump_json(tables)

    def needed(extra: int) -> int:
        names = sum(len(e.path.encode()) for e in evidence)
        return (
            data_size
            + sum(e.size for e in evidence)
            + names
            + extra
            + ENTRY_OVERHEAD * (len(evidence) + 8)
        )

    data_size = len(data)
    check_target(final.parent, needed(0))
    documents = _documents(db, chosen, reporter, warnings)
    readme = pages.readme(office_info["name"], now, chosen).encode("utf-8")
    index = pages.index_html(db, office_info["name"], now, chosen, documents, evidence)
    extra = sum(len(d.content) + len(d.path.encode()) + ENTRY_OVERHEAD for d in documents)
    extra += len(readme) + len(index) + 64 * 1024 + 200 * (len(evidence) + len(documents))
    check_target(final.parent, needed(extra))

    reporter.total = needed(extra) * 2  # written, then read back
    temporary = final.with_name(f"~{final.stem}.{os.getpid()}.partial")
    try:
        with open(temporary, "xb") as handle:
            with zipfile.ZipFile(handle, "w", allowZip64=True) as archive:
                writer = _Writer(archive, now, reporter)
                reporter.step("กำลังเขียนชุดข้อมูล")
                writer.add_bytes(README, readme, zipfile.ZIP_DEFLATED)
                writer.add_bytes(INDEX, index, zipfile.ZIP_DEFLATED)
                writer.add_bytes(DATA, data, zipfile.ZIP_DEFLATED)
                for document in documents:
                    writer.add_bytes(document.path, document.content, zipfile.ZIP_STORED)
                for item in evidence:
                    reporter.step(f"กำลังเขียนไฟล์แนบ {item.filename}")
                    writer.add_file(item)
                manifest = {
                    "format": FORMAT_NAME,
                    "format_version": FORMAT_VERSION,
                    "app_version": __version__,
                    "created_at": now.isoformat(),
                    "office": office_info,
                    "years": chosen,
                    "entries": writer.entries,
                }
                raw = pages.json_bytes(manifest)
                writer.add_bytes(MANIFEST, raw, zipfile.ZIP_DEFLATED)
                writer.entries.pop()
            handle.flush()
            os.fsync(handle.fileno())
            if hasattr(os, "posix_fadvise"):  # read back from the stick, not from memory
                with contextlib.suppress(OSError):
                    os.posix_fadvise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        written = reporter.done
        reporter.total = written + sum(e["size"] for e in writer.entries)
        _read_back(temporary, written, reporter, progress, cancel, writer.entries)
        reporter.last_step("กำลังบันทึกไฟล์ชุดข้อมูล")
        os.replace(temporary, final)
        _fsync_folder(final.parent)
    except BaseException as error:
        left = _remove(temporary)
        tail = f" (ลบไฟล์ชั่วคราว {temporary.name} บนปลายทางไม่ได้ โปรดลบเอง)" if left else ""
        if isinstance(error, BundleError):  # its message already says nothing was left
            if left:
                raise type(error)(str(error).replace(NOTHING_LEFT, "") + tail) from error
            raise
        if isinstance(error, OSError):
            reason = os_error_reason(error)
            raise BundleError(f"ส่งออกไม่สำเร็จ: {reason}{tail or NOTHING_LEFT}") from error
        raise
    size = final.stat().st_size
    reporter.step("เสร็จแล้ว")
    return ExportResult(
        path=final, size=size, entries=len(writer.entries) + 1,
        seconds=time.perf_counter() - started,
        documents=[d.path for d in documents], warnings=warnings,
    )  # fmt: skip


def _read_back(
    temporary: Path, offset: int, reporter: Reporter, progress: ProgressFn | None,
    cancel: CancelFn | None, entries: list[dict[str, Any]],
) -> None:  # fmt: skip
    """Verify the written file as an importing PC would, and against what was written."""
    from itadesk.bundle.verify import InvalidBundle, verify_bundle

    def forward(step: Progress) -> None:
        if progress is not None:
            progress(Progress(offset + step.done, reporter.total, "กำลังตรวจสอบไฟล์ที่เขียน"))

    try:
        bundle = verify_bundle(temporary, forward, cancel)
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

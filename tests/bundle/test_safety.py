"""Broken, hostile and half-written bundles are refused and the database stays as it was."""

import errno
import hashlib
import io
import itertools
import json
import stat
import struct
import zipfile
from pathlib import Path

import pytest

from itadesk.bundle import BundleCancelled, export_bundle, import_bundle, verify_bundle
from itadesk.bundle import export as export_module
from itadesk.bundle.format import FORMAT_VERSION, bundle_file_name, check_entry_name, safe_component
from itadesk.bundle.readback import ReadBack
from itadesk.bundle.verify import InvalidBundle
from itadesk.cli import main
from itadesk.errors import BundleError, UserError
from itadesk.services import office

from ..winsim import write_protected
from .conftest import dump, entries, files_in


@pytest.fixture
def bundle_path(good_bundle) -> Path:
    return good_bundle


@pytest.fixture
def target_db(other_db):
    office.update_office(other_db, name="ปลายทาง")
    office.save_person(other_db, "นายทดสอบ นำเข้า", "ปลัด")
    return other_db


def rewrite(source: Path, target: Path, change=None, add=(), drop=(), manifest_too=True):
    """Copy a bundle entry by entry; ``change(name, data)`` may alter content."""
    with zipfile.ZipFile(source) as old:
        manifest = json.loads(old.read("manifest.json"))
        with zipfile.ZipFile(target, "w") as new:
            for info in old.infolist():
                if info.filename == "manifest.json" or info.filename in drop:
                    continue
                data = old.read(info)
                if change:
                    data = change(info.filename, data)
                new.writestr(info, data)
            for info, data in add:
                new.writestr(info, data)
                if manifest_too:
                    manifest["entries"].append(
                        {"path": info.filename, "size": len(data),
                         "sha256": hashlib.sha256(data).hexdigest()}
                    )  # fmt: skip
            new.writestr("manifest.json", json.dumps(manifest))
    return target


def patch_central_size(path: Path, name: str, size: int) -> None:
    """Rewrite the uncompressed size the central directory declares for one entry."""
    raw = bytearray(path.read_bytes())
    start = raw.index(b"PK\x01\x02" + b"", raw.rindex(name.encode()) - 46 - 10)
    while raw[start + 46 : start + 46 + len(name)] != name.encode():
        start = raw.index(b"PK\x01\x02", start + 1)
    raw[start + 24 : start + 28] = struct.pack("<I", size)
    path.write_bytes(bytes(raw))


def flip_byte(path: Path, tmp: Path) -> Path:
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = next(i for i in archive.infolist() if i.filename.endswith(".jpg"))
    offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 1000
    raw[offset] ^= 0x01
    bad = tmp / "flipped.zip"
    bad.write_bytes(bytes(raw))
    return bad


def truncated(path: Path, tmp: Path) -> Path:
    bad = tmp / "truncated.zip"
    bad.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])
    return bad


def missing_entry(path: Path, tmp: Path) -> Path:
    with zipfile.ZipFile(path) as archive:
        gone = next(n for n in archive.namelist() if n.startswith("files/"))
    return rewrite(path, tmp / "missing.zip", drop=[gone])


def extra_entry(path: Path, tmp: Path) -> Path:
    return rewrite(
        path, tmp / "extra.zip", add=[(zipfile.ZipInfo("pdf/extra.pdf"), b"%PDF")],
        manifest_too=False,
    )  # fmt: skip


def traversal_entry(path: Path, tmp: Path) -> Path:
    return rewrite(path, tmp / "traversal.zip", add=[(zipfile.ZipInfo("../../evil.txt"), b"x")])


def absolute_entry(path: Path, tmp: Path) -> Path:
    return rewrite(path, tmp / "absolute.zip", add=[(zipfile.ZipInfo("/etc/evil"), b"x")])


def link_entry(path: Path, tmp: Path) -> Path:
    info = zipfile.ZipInfo("files/" + "0" * 64 + "/link.jpg")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    target = b"/etc/passwd"
    bad = rewrite(path, tmp / "link.zip", add=[(info, target)])
    raw = json.loads(zipfile.ZipFile(bad).read("manifest.json"))
    assert raw["entries"][-1]["path"].endswith("link.jpg")
    return bad


def device_entry(path: Path, tmp: Path) -> Path:
    info = zipfile.ZipInfo("pdf/device.pdf")
    info.create_system = 3
    info.external_attr = (stat.S_IFCHR | 0o666) << 16
    return rewrite(path, tmp / "device.zip", add=[(info, b"")])


def huge_declared(path: Path, tmp: Path) -> Path:
    bad = tmp / "huge.zip"
    bad.write_bytes(path.read_bytes())
    patch_central_size(bad, "data.json", 0xFFFF0000)
    return bad


def understated(path: Path, tmp: Path) -> Path:
    bad = tmp / "understated.zip"
    bad.write_bytes(path.read_bytes())
    patch_central_size(bad, "data.json", 100)
    return bad


def changed_data(path: Path, tmp: Path) -> Path:
    def change(name, data):
        return data.replace("ทุ่งสุขสันต์".encode(), "ทุ่งสุขสันติ".encode()) if name == "data.json" else data

    return rewrite(path, tmp / "changed.zip", change=change)


TAMPERED = {
    "flipped byte": (flip_byte, "ไม่ตรงกับ checksum|เสียหาย"),
    "truncated": (truncated, "ไม่สมบูรณ์"),
    "missing entry": (missing_entry, "ขาดรายการ"),
    "extra entry": (extra_entry, "ไม่ได้ระบุใน manifest.json"),
    "path traversal": (traversal_entry, "ชี้ออกนอกโฟลเดอร์"),
    "absolute path": (absolute_entry, "ตำแหน่งเต็ม"),
    "symlink": (link_entry, "ลิงก์"),
    "device file": (device_entry, "ไฟล์อุปกรณ์"),
    "huge declared size": (huge_declared, "ใหญ่เกินกำหนด"),
    "understated size": (understated, "ไม่ตรงกับ manifest|เสียหาย"),
    "edited data": (changed_data, "ไม่ตรงกับ checksum"),
}


@pytest.mark.parametrize("case", TAMPERED, ids=list(TAMPERED))
def test_tampered_bundle_is_refused_and_nothing_changes(
    case, bundle_path, target_db, tmp_path, capsys
):
    make, reason = TAMPERED[case]
    bad = make(bundle_path, tmp_path)
    before, files = dump(target_db), files_in(target_db)
    with pytest.raises(InvalidBundle, match=reason):
        verify_bundle(bad)
    assert main(["bundle", "verify", str(bad)]) == 4
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "ใช้ไม่ได้" in err
    code = main(["--data-dir", str(target_db.data_dir), "bundle", "import", str(bad), "--yes"])
    assert code == 4
    assert dump(target_db) == before and files_in(target_db) == files
    assert not (target_db.data_dir / "backups").exists() or not any(
        "before-import" in p.name for p in (target_db.data_dir / "backups").iterdir()
    )


def test_newer_format_names_the_app_version_needed(bundle_path, tmp_path):
    with zipfile.ZipFile(bundle_path) as old, zipfile.ZipFile(tmp_path / "v2.zip", "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest.update(format_version=FORMAT_VERSION + 1, app_version="1.4.0")
                data = json.dumps(manifest).encode()
            new.writestr(info, data)
    with pytest.raises(InvalidBundle, match=r"รุ่น 1\.4\.0 ขึ้นไป"):
        verify_bundle(tmp_path / "v2.zip")


def test_failed_transaction_leaves_database_as_before(bundle_path, target_db, monkeypatch):
    from itadesk.bundle import merge

    before = dump(target_db)
    real = merge._execute

    def failing(session, decisions):
        real(session, decisions)
        raise RuntimeError("power cut")

    monkeypatch.setattr(merge, "_execute", failing)
    with pytest.raises(RuntimeError):
        import_bundle(target_db, verify_bundle(bundle_path), confirm_other_office=True)
    assert dump(target_db) == before


def test_another_office_needs_confirmation(bundle_path, target_db, capsys):
    before = dump(target_db)
    bundle = verify_bundle(bundle_path)
    with pytest.raises(UserError, match="หน่วยงานอื่น"):
        import_bundle(target_db, bundle)
    assert dump(target_db) == before
    args = ["--data-dir", str(target_db.data_dir), "bundle", "import", str(bundle_path)]
    assert main(args) == 2
    assert "--yes" in capsys.readouterr().err and dump(target_db) == before
    assert main([*args, "--yes"]) == 0
    assert "นำเข้าแล้ว" in capsys.readouterr().out
    assert office.get_office(target_db).name == "ปลายทาง"  # the local profile is kept
    assert len(office.list_people(target_db)) == 5


class FailingFile(io.FileIO):
    """A target that fails after ``limit`` bytes (disk full or stick pulled out)."""

    limit = 50_000
    code = errno.ENOSPC

    def __init__(self, path, mode="r", *args, **kwargs):
        super().__init__(path, mode.replace("b", ""))
        self.count = 0

    def write(self, data):
        if self.count + len(data) > self.limit:
            raise OSError(self.code, "simulated")
        self.count += len(data)
        return super().write(data)


@pytest.mark.parametrize(
    ("code", "message"),
    [(errno.ENOSPC, "พื้นที่บนปลายทางเต็ม"), (errno.EIO, "แฟลชไดรฟ์อาจถูกถอดออก")],
)
def test_target_failing_midway_leaves_no_partial_file(
    evidence_db, tmp_path, monkeypatch, code, message
):
    target = tmp_path / "stick"
    target.mkdir()
    monkeypatch.setattr(FailingFile, "code", code)
    monkeypatch.setattr(export_module, "open", FailingFile, raising=False)
    with pytest.raises(BundleError, match=message) as raised:
        export_bundle(evidence_db, target)
    assert "ไม่มีไฟล์ค้างอยู่บนปลายทาง" in str(raised.value)
    assert list(target.iterdir()) == []


def test_read_only_or_small_target_is_refused_before_writing(evidence_db, tmp_path, monkeypatch):
    target = tmp_path / "stick"
    with pytest.raises(BundleError, match=r"ไม่พบโฟลเดอร์ .*stick: .*ลงท้ายด้วย \.zip"):
        export_bundle(evidence_db, target)  # a mistyped folder does not become a file
    assert not target.exists()
    target.mkdir()
    write_protected(monkeypatch, target)
    with pytest.raises(BundleError, match="อ่านอย่างเดียว"):
        export_bundle(evidence_db, target)
    monkeypatch.undo()
    monkeypatch.setattr(
        export_module.shutil, "disk_usage", lambda p: type("U", (), {"free": 300_000})()
    )
    with pytest.raises(BundleError, match="พื้นที่ว่างบนปลายทางไม่พอ"):
        export_bundle(evidence_db, target, years=[])
    assert list(target.iterdir()) == []


def test_cancel_leaves_nothing(evidence_db, tmp_path):
    target = tmp_path / "stick"
    target.mkdir()
    steps = []

    def cancel():
        return len(steps) > 5

    with pytest.raises(BundleCancelled, match="ยกเลิก"):
        export_bundle(evidence_db, target, progress=steps.append, cancel=cancel)
    assert list(target.iterdir()) == []


def test_names_are_safe_on_fat32():
    name = bundle_file_name("เทศบาลตำบล ทุ่ง:สุข/สันต์?", __import__("datetime").date(2026, 11, 21))
    assert name == "ITADesk-เทศบาลตำบล-ทุ่ง_สุข_สันต์_-2569-11-21.zip"
    assert bundle_file_name("", __import__("datetime").date(2026, 1, 2)) == "ITADesk-2569-01-02.zip"
    assert safe_component("CON.txt") == "_CON.txt"
    assert safe_component("รายงาน. ") == "รายงาน"
    assert len(safe_component("ก" * 300 + ".pdf")) == 100
    assert safe_component("ก" * 300 + ".pdf").endswith(".pdf")
    assert check_entry_name("files/" + "a" * 64 + "/ok.pdf") is None
    assert check_entry_name("files/" + "a" * 64 + "/bad:name.pdf")
    assert check_entry_name("pdf\\x.pdf") and check_entry_name("C:/x") and check_entry_name("a//b")
    assert check_entry_name("docx/บันทึก.docx") is None and check_entry_name("pdf/x.pdf") is None
    assert check_entry_name("docx/x.pdf") and check_entry_name("pdf/x.docx")
    assert check_entry_name("docx/sub/x.docx") and check_entry_name("odt/x.odt")


def test_cancel_during_the_rename_does_not_undo_a_finished_export(
    evidence_db, tmp_path, monkeypatch
):
    target = tmp_path / "stick"
    target.mkdir()
    clicked, steps = [], []
    real = export_module.os.replace

    def replace(source, destination):
        clicked.append(True)  # the clerk clicks Cancel while the file is being renamed
        real(source, destination)

    monkeypatch.setattr(export_module.os, "replace", replace)
    result = export_bundle(evidence_db, target, progress=steps.append, cancel=lambda: bool(clicked))
    assert clicked and verify_bundle(result.path)
    assert [s.text for s in steps if s.final] == ["กำลังบันทึกไฟล์ชุดข้อมูล", "เสร็จแล้ว"]
    assert steps[-2].final and steps[-1].final


def test_cancel_during_the_transaction_does_not_undo_the_import(
    bundle_path, target_db, monkeypatch
):
    from itadesk.bundle import merge, plan_import

    clicked, steps = [], []
    real = merge._execute

    def execute(session, decisions):
        clicked.append(True)  # the clerk clicks Cancel while the data are written
        real(session, decisions)

    monkeypatch.setattr(merge, "_execute", execute)
    bundle = verify_bundle(bundle_path)
    result = import_bundle(target_db, bundle, True, steps.append, lambda: bool(clicked))
    assert clicked and result.plan.added and plan_import(target_db, bundle).is_noop
    assert [s.text for s in steps if s.final] == ["กำลังบันทึกข้อมูล", "นำเข้าเสร็จแล้ว"]


def damage(path: Path) -> None:
    with path.open("ab") as handle:
        handle.write(b"!")


def flip(path: Path) -> None:
    """Same size, one byte changed: seen only when the bundle is read back."""
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0xFF
    path.write_bytes(bytes(content))


@pytest.mark.parametrize("harm", [damage, flip, Path.unlink], ids=["grown", "same-size", "missing"])
def test_a_bad_local_evidence_file_is_left_out_with_a_warning(
    harm, evidence_db, other_db, tmp_path
):
    from sqlalchemy import select

    from itadesk.db.models import Attachment
    from itadesk.services import measures
    from itadesk.services.progress import attachment_path

    with evidence_db.session() as session:
        photo = session.scalars(select(Attachment).where(Attachment.filename.like("%.jpg"))).one()
        sha, name = photo.sha256, photo.filename
    harm(attachment_path(evidence_db, sha))
    oit = next(m for m in measures.list_measures(evidence_db, 2569) if "o11" in m.links)
    result = export_bundle(evidence_db, tmp_path / "out.zip", years=[])
    [warning] = result.warnings
    assert name in warning and oit.title in warning and "ไม่ได้ใส่ในชุดข้อมูล" in warning
    bundle = verify_bundle(result.path)
    assert sha not in bundle.files and len(bundle.files) == 1
    rows = bundle.tables["attachment"]
    assert len(rows) == 2 and all(r["sha256"] in bundle.files for r in rows)
    assert all(r["filename"] == safe_component(r["filename"]) for r in rows)
    import_bundle(other_db, bundle)
    assert files_in(other_db) == [f"{s[:2]}/{s}" for s in bundle.files]


def test_damaged_files_of_both_kinds_are_left_out_in_one_rewrite(
    evidence_db, tmp_path, monkeypatch
):
    """A stored (.jpg, seen when read back) and a compressed one (.txt, seen when written)."""
    from sqlalchemy import select

    from itadesk.db.models import Attachment
    from itadesk.services.progress import attachment_path

    with evidence_db.session() as session:
        shas = {a.filename[-4:]: a.sha256 for a in session.scalars(select(Attachment))}
    for suffix in (".jpg", ".txt"):
        flip(attachment_path(evidence_db, shas[suffix]))
    attempts = []
    real = export_module._write
    monkeypatch.setattr(
        export_module, "_write", lambda *args: attempts.append(args[-1]) or real(*args)
    )
    steps = []
    result = export_bundle(evidence_db, tmp_path / "out.zip", years=[], progress=steps.append)
    assert attempts == [1, 2]
    assert len(result.warnings) == 3 and all("เสียหาย" in w for w in result.warnings)
    bundle = verify_bundle(result.path)
    assert bundle.files == {} and bundle.tables["attachment"] == []
    counted = [s for s in steps if s.total]
    assert all(a.done <= b.done for a, b in itertools.pairwise(counted))
    assert counted[-1].done == counted[-1].total


def test_a_temporary_file_that_stays_is_reported_even_if_the_retry_fails(
    evidence_db, tmp_path, monkeypatch
):
    from sqlalchemy import select

    from itadesk.db.models import Attachment
    from itadesk.services.progress import attachment_path

    with evidence_db.session() as session:
        photo = session.scalars(select(Attachment).where(Attachment.filename.like("%.jpg"))).one()
    flip(attachment_path(evidence_db, photo.sha256))
    target = tmp_path / "stick"
    target.mkdir()
    real_remove = export_module._remove
    monkeypatch.setattr(  # the first attempt's file stays (an antivirus holds it open)
        export_module, "_remove", lambda path: ".1.partial" in path.name or real_remove(path)
    )
    attempts = []
    real_write = export_module._write
    monkeypatch.setattr(
        export_module, "_write", lambda *args: attempts.append(args[-1]) or real_write(*args)
    )
    with pytest.raises(BundleCancelled) as raised:
        export_bundle(evidence_db, target, years=[], cancel=lambda: len(attempts) > 1)
    [left] = [p.name for p in target.iterdir()]
    assert left.endswith(".1.partial") and f"ลบไฟล์ชั่วคราว {left}" in str(raised.value)
    assert "ไม่มีไฟล์ค้างอยู่บนปลายทาง" not in str(raised.value)


def test_a_year_without_documents_says_so(evidence_db, tmp_path, monkeypatch):
    def no_data(db, kind, year, round_months, options, file_formats):
        raise UserError("ยังไม่มีข้อมูล")

    monkeypatch.setattr("itadesk.services.documents.build_documents", no_data)
    result = export_bundle(evidence_db, tmp_path / "out.zip", years=[2569])
    assert result.documents == []
    assert any("๒๕๖๙" in w and "ไม่มีเอกสาร" in w for w in result.warnings)


def xor_byte(path: Path, offset: int, mask: int = 0xFF) -> None:
    with path.open("r+b") as spoil:
        spoil.seek(offset)
        byte = spoil.read(1)[0]
        spoil.seek(offset)
        spoil.write(bytes([byte ^ mask]))


def data_start(path: Path, header: int) -> int:
    """Where the bytes of the entry whose local header is at ``header`` begin."""
    with path.open("rb") as handle:
        handle.seek(header + 26)
        names, extra = struct.unpack("<HH", handle.read(4))
    return header + 30 + names + extra


def between_flush_and_read(monkeypatch, spoil) -> None:
    """Run ``spoil(readback, header offset of the batch's first entry)`` once each batch is
    on the stick, before it is read back."""
    real = ReadBack._check

    def check(self, batch, synced):
        synced.result()
        spoil(self, batch[0].info.header_offset)
        real(self, batch, synced)

    monkeypatch.setattr(ReadBack, "_check", check)


def spoil_data(monkeypatch) -> None:
    """A byte of an entry changes on the stick after the flush, before the read-back."""
    between_flush_and_read(
        monkeypatch, lambda rb, header: xor_byte(rb.path, data_start(rb.path, header) + 100)
    )


def spoil_header(monkeypatch) -> None:
    """The UTF-8 name flag of a local header flips: the bytes still hash right."""
    between_flush_and_read(monkeypatch, lambda rb, header: xor_byte(rb.path, header + 7, 0x08))


def wrap_around(monkeypatch) -> None:
    """A fake-capacity stick: a later write lands on an entry already read back."""
    monkeypatch.setattr("itadesk.bundle.readback.BATCH", 1)  # a batch per entry
    seen = []

    def spoil(rb, header):
        seen.append(header)
        if len(seen) == 3:  # the first batch was read back by now (the reader is serial)
            xor_byte(rb.path, data_start(rb.path, seen[0]) + 5)

    between_flush_and_read(monkeypatch, spoil)


def spoil_central_directory(monkeypatch) -> None:
    """The CRC-32 of an entry read back changes in the central directory."""
    real = export_module._check_written

    def check(temporary, reporter, entries, checked):
        data = temporary.read_bytes()
        name = next(iter(checked)).encode()
        at = data.find(b"PK\x01\x02")
        while data[at + 46 : at + 46 + len(name)] != name:
            at = data.find(b"PK\x01\x02", at + 1)
        xor_byte(temporary, at + 16)
        real(temporary, reporter, entries, checked)

    monkeypatch.setattr(export_module, "_check_written", check)


@pytest.mark.parametrize("spoil", [spoil_data, spoil_header, wrap_around, spoil_central_directory])
def test_a_stick_that_gives_back_other_bytes_fails_and_leaves_nothing(
    spoil, evidence_db, tmp_path, monkeypatch
):
    target = tmp_path / "stick"
    target.mkdir()
    spoil(monkeypatch)
    with pytest.raises(BundleError, match="ไม่ตรงกับข้อมูล") as raised:
        export_bundle(evidence_db, target, years=[2569])
    assert "แฟลชไดรฟ์อาจเสียหาย" in str(raised.value)
    assert "ไม่มีไฟล์ค้างอยู่บนปลายทาง" in str(raised.value)
    assert list(target.iterdir()) == []


def test_entries_read_back_are_not_read_again(evidence_db, tmp_path, monkeypatch):
    """The final check reads only what the read-back did not: compressed entries."""
    from itadesk.bundle import verify as verify_module

    read = []
    real = verify_module.read_entry

    def counting(archive, info, *args, **kwargs):
        read.append(info.filename)
        return real(archive, info, *args, **kwargs)

    monkeypatch.setattr(verify_module, "read_entry", counting)
    result = export_bundle(evidence_db, tmp_path / "out.zip", years=[2569])
    stored = [e for e in entries(result.path) if e.endswith((".jpg", ".pdf"))]
    assert stored and not set(stored) & set(read)
    assert "data.json" in read and any(name.endswith(".txt") for name in read)


def test_a_stick_pulled_out_during_the_read_back(evidence_db, tmp_path, monkeypatch):
    target = tmp_path / "stick"
    target.mkdir()

    def pulled_out(self):
        raise OSError(errno.EIO, "simulated")

    monkeypatch.setattr(ReadBack, "_flush", pulled_out)
    with pytest.raises(BundleError, match="แฟลชไดรฟ์อาจถูกถอดออก") as raised:
        export_bundle(evidence_db, target, years=[])
    assert "ไม่มีไฟล์ค้างอยู่บนปลายทาง" in str(raised.value)
    assert list(target.iterdir()) == []


def test_progress_rises_to_its_total(evidence_db, tmp_path):
    steps = []
    export_bundle(evidence_db, tmp_path / "out.zip", years=[2569], progress=steps.append)
    writing = [s for s in steps if s.total]
    assert all(a.done <= b.done for a, b in itertools.pairwise(writing))
    assert all(s.done <= s.total for s in writing)
    assert writing[-1].done == writing[-1].total and writing[-1].text == "เสร็จแล้ว"

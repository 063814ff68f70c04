"""Export and import on a Windows PC, simulated: files held by other programs, a write-protected
stick (issue #16, items 2 and 5)."""

import json
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest

from itadesk.bundle import export_bundle, import_bundle, readback, verify_bundle
from itadesk.bundle.format import (
    FORMAT_VERSION,
    MAX_ENTRY_CHARS,
    bundle_file_name,
    check_entry_name,
    evidence_entry,
)
from itadesk.bundle.readback import open_direct
from itadesk.cli import main
from itadesk.errors import LOCKED, BundleError

from ..winsim import SHARING_VIOLATION, failing, on_windows, win_error, write_protected
from .conftest import dump, files_in


def held(monkeypatch, times=None, where=None):
    """``os.replace`` refused by Windows while another program holds the target."""
    return failing(
        monkeypatch, "os.replace", lambda path: win_error(SHARING_VIOLATION, path), times,
        when=lambda src, dst, *a: where is None or Path(dst).parent == where,
    )  # fmt: skip


def test_export_waits_while_an_antivirus_holds_the_new_bundle(evidence_db, tmp_path, monkeypatch):
    stick = tmp_path / "stick"
    stick.mkdir()
    refused = held(monkeypatch, times=3, where=stick)
    result = export_bundle(evidence_db, stick, years=[])
    assert len(refused) == 3
    assert [p.name for p in stick.iterdir()] == [result.path.name]
    assert verify_bundle(result.path).office_name


def test_export_onto_a_bundle_held_open_says_so_and_leaves_nothing(
    evidence_db, tmp_path, monkeypatch
):
    stick = tmp_path / "stick"
    stick.mkdir()
    refused = held(monkeypatch, where=stick)
    with pytest.raises(BundleError) as raised:
        export_bundle(evidence_db, stick, years=[])
    assert LOCKED in str(raised.value) and "ไม่มีไฟล์ค้างอยู่บนปลายทาง" in str(raised.value)
    assert len(refused) > 3  # retried for about two seconds
    assert list(stick.iterdir()) == []


def test_import_while_evidence_is_held_says_so_and_leaves_no_temporary_file(
    good_bundle, other_db, monkeypatch
):
    before = dump(other_db)
    held(monkeypatch, where=None)
    with pytest.raises(BundleError) as raised:
        import_bundle(other_db, verify_bundle(good_bundle), confirm_other_office=True)
    assert LOCKED in str(raised.value) and "ข้อมูลยังไม่ถูกแก้ไข" in str(raised.value)
    assert files_in(other_db) == []  # no files/tmpXXXX left behind
    assert dump(other_db) == before


def test_import_retries_a_briefly_held_file(good_bundle, other_db, monkeypatch):
    refused = held(monkeypatch, times=2)
    result = import_bundle(other_db, verify_bundle(good_bundle), confirm_other_office=True)
    assert len(refused) == 2 and result.files_copied == 2
    assert all(len(Path(name).name) == 64 for name in files_in(other_db))


def test_write_protected_stick_is_refused_before_typesetting(evidence_db, tmp_path, monkeypatch):
    stick = tmp_path / "stick"
    stick.mkdir()
    write_protected(monkeypatch, stick)
    steps = []
    with pytest.raises(BundleError) as raised:
        export_bundle(evidence_db, stick, progress=steps.append)
    assert "อ่านอย่างเดียว (ตรวจสลักกันเขียนของแฟลชไดรฟ์)" in str(raised.value)
    assert not any("กำลังสร้างเอกสาร" in step.text for step in steps)
    assert os.listdir(stick) == []


# Explorer's "Extract all" of the bundle from a clerk's Downloads folder (item 8)
DOWNLOADS = "C:\\Users\\นางสาวพิมพ์ชนก\\Downloads\\"


def test_every_entry_fits_windows_path_limit_when_extracted(evidence_db, tmp_path):
    from itadesk.services import measures, progress

    long_name = tmp_path / "ภาพถ่ายกิจกรรมเปิดเผยข้อมูลสาธารณะประจำปีงบประมาณและการประชุมชี้แจงของเทศบาล.jpg"
    long_name.write_bytes(b"\xff\xd8" + bytes(range(256)) * 50)
    measure = measures.list_measures(evidence_db, 2569)[0]
    progress.attach_file(evidence_db, measure.id, 6, long_name)
    result = export_bundle(evidence_db, tmp_path / "stick.zip", years=[2569])
    with zipfile.ZipFile(result.path) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format_version"] == FORMAT_VERSION == 3
    assert max(len(n) for n in names) <= MAX_ENTRY_CHARS < 120
    folder = DOWNLOADS + bundle_file_name("เทศบาลตำบลทุ่งสุขสันต์", date(2026, 11, 21))[:-4]
    assert max(len(f"{folder}\\{n}") for n in names) < 260
    evidence = [n for n in names if n.startswith("files/")]
    assert len(evidence) == 3 and all(len(n.split("/")[1]) == 12 for n in evidence)
    longest = max(evidence, key=len)
    assert longest.endswith(".jpg") and "ภาพถ่ายกิจกรรม" in longest


def test_a_version_1_bundle_still_imports(other_db):
    """Made by ITADesk before the layout changed: files/<64 hex>/<name>."""
    old = Path(__file__).parents[1] / "data" / "bundle-v1.zip"
    with zipfile.ZipFile(old) as archive:
        assert json.loads(archive.read("manifest.json"))["format_version"] == 1
        assert any(len(n.split("/")[1]) == 64 for n in archive.namelist() if "/" in n)
    bundle = verify_bundle(old)
    result = import_bundle(other_db, bundle, confirm_other_office=True)
    assert result.files_copied == 2
    stored = sorted(Path(p).name for p in files_in(other_db))
    assert stored == sorted(e.sha256 for e in bundle.entries if e.path.startswith("files/"))


def test_evidence_entry_names_stay_short_and_distinct():
    first, second = "ab" * 32, "ab" * 6 + "cd" * 26  # the same first 12 digits
    name = "ก" * 300 + ".jpg"
    one = evidence_entry(first, name)
    two = evidence_entry(second, name, frozenset({one}))
    assert one == f"files/{first[:12]}/{'ก' * 96}.jpg" and len(one) == MAX_ENTRY_CHARS
    assert two.startswith(f"files/{second}/") and len(two) == MAX_ENTRY_CHARS
    assert check_entry_name(one) is None and check_entry_name(two) is None
    assert check_entry_name(f"files/{first[:11]}/x.jpg")  # too short a folder


# item 6: Windows cannot drop cached pages, so the export reads back without the cache
def test_aligned_reader_reads_a_zip_through_o_direct(tmp_path):
    """O_DIRECT refuses any read not in whole aligned blocks, as FILE_FLAG_NO_BUFFERING does."""
    path = tmp_path / "b.zip"
    contents = {"a.txt": os.urandom(5000), "ข/ค.bin": os.urandom(3_000_001), "c": b"x" * 17}
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data, zipfile.ZIP_DEFLATED if name == "c" else 0)
    fd = os.open(path, os.O_RDONLY | os.O_DIRECT)
    with pytest.raises(OSError):  # the rule the reader has to follow
        os.pread(fd, 100, 3)
    os.close(fd)
    with open_direct(path) as source, zipfile.ZipFile(source) as archive:
        assert {name: archive.read(name) for name in archive.namelist()} == contents


def test_export_on_windows_reads_back_unbuffered(evidence_db, tmp_path, monkeypatch, capsys):
    opened = []

    def unbuffered(path):  # Windows' CreateFileW(FILE_FLAG_NO_BUFFERING), as O_DIRECT
        opened.append(path)
        return open_direct(path)

    on_windows(monkeypatch)
    monkeypatch.setattr(readback, "_open_windows_unbuffered", unbuffered)
    result = export_bundle(evidence_db, tmp_path / "stick.zip", years=[2569])
    assert result.from_target and result.checked == "ตรวจสอบจากแฟลชไดรฟ์แล้วถูกต้อง"
    partial = [p for p in opened if p.suffix == ".partial"]
    assert len(partial) >= 3  # the read-back batch, the spot check and the final check
    assert verify_bundle(result.path).office_name


def test_export_does_not_claim_the_stick_was_checked_when_it_was_not(
    evidence_db, tmp_path, monkeypatch, capsys
):
    """No posix_fadvise and no unbuffered handle (a network drive on Windows)."""
    on_windows(monkeypatch)
    failing(monkeypatch, "itadesk.bundle.readback._open_windows_unbuffered",
            lambda path: win_error(1, path))  # ERROR_INVALID_FUNCTION  # fmt: skip
    stick = tmp_path / "stick"
    stick.mkdir()
    args = ["--data-dir", str(evidence_db.data_dir), "bundle", "export", "-o", str(stick),
            "--year", "2569"]  # fmt: skip
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "ตรวจสอบได้เพียงจากหน่วยความจำของเครื่อง ไม่ใช่จากแฟลชไดรฟ์" in out
    assert "แล้วถูกต้อง" not in out

"""Export and import on a Windows PC, simulated: files held by other programs, a write-protected
stick (issue #16, items 2 and 5)."""

import os
from pathlib import Path

import pytest

from itadesk.bundle import export_bundle, import_bundle, verify_bundle
from itadesk.errors import LOCKED, BundleError

from ..winsim import SHARING_VIOLATION, failing, win_error, write_protected
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

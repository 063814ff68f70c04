"""Damaged and crafted bundles: refused with one Thai line, never a traceback or a change.

A bit flipped anywhere in a real bundle, entries that zipfile or zlib cannot read, values that
break the services' rules in unexpected ways, and a database that another program holds.
"""

import errno
import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from itadesk.bundle import export_bundle, import_bundle, verify_bundle
from itadesk.bundle.format import os_error_reason
from itadesk.bundle.verify import InvalidBundle
from itadesk.cli import main
from itadesk.db import database
from itadesk.db.database import Database, open_database
from itadesk.errors import DatabaseError
from itadesk.services import measures, office, progress

from .conftest import dump, files_in


@pytest.fixture(scope="module")
def small_bundle(tmp_path_factory) -> Path:
    """A real bundle of a few KB: one measure and two evidence files with Thai names."""
    root = tmp_path_factory.mktemp("small")
    db = open_database(root / "data")
    try:
        office.update_office(db, name="ทดสอบ")
        measure = measures.add_measure(db, 2569, measures.MeasureInput(title="มาตรการ"))
        for name, content in (("สรุป.txt", "สรุปผล\n" * 30), ("ภาพ.jpg", "ภาพ")):
            (root / name).write_text(content, encoding="utf-8")
            progress.attach_file(db, measure.id, 6, root / name)
        return export_bundle(db, root / "small.zip", years=[]).path
    finally:
        db.close()


def content(path: Path) -> tuple[object, ...]:
    bundle = verify_bundle(path)
    return bundle.manifest, bundle.tables, bundle.entries


def test_every_flipped_byte_is_refused_or_harmless(small_bundle, tmp_path):
    """Bit ``position % 8`` of every byte (every 3rd inside entry data, which the SHA-256
    guards alike): refused as ``InvalidBundle`` or, for the fields the format does not use
    (times, attributes), the very same content; never another exception."""
    original = small_bundle.read_bytes()
    expected = content(small_bundle)
    with zipfile.ZipFile(small_bundle) as archive:
        data = [(i.header_offset + 30 + len(i.orig_filename.encode()), i.compress_size)
                for i in archive.infolist()]  # fmt: skip
    inside = {p for start, size in data for p in range(start + 8, start + size) if p % 3}
    positions = [p for p in range(len(original)) if p not in inside]
    assert 1000 < len(positions) < 2500
    damaged, outcomes = tmp_path / "damaged.zip", {"refused": 0, "same": 0}
    for position in positions:
        flipped = bytearray(original)
        flipped[position] ^= 1 << (position % 8)
        damaged.write_bytes(flipped)
        try:
            same = content(damaged) == expected
        except InvalidBundle as error:
            assert "\n" not in str(error) and "ใช้ไม่ได้" in str(error), position
            outcomes["refused"] += 1
        else:
            assert same, f"byte {position} changed what the bundle says"
            outcomes["same"] += 1
    assert outcomes["refused"] > 0.8 * len(positions)


def rewritten(source: Path, target: Path, manifest=None, document=None) -> Path:
    """A copy with ``manifest(dict)`` / ``document(dict)`` (data.json) edited, re-signed."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        listed = json.loads(old.read("manifest.json"))
        data = json.loads(old.read("data.json"))
        if document:
            document(data)
        raw = json.dumps(data, ensure_ascii=False).encode()
        for item in listed["entries"]:
            if item["path"] == "data.json":
                item.update(size=len(raw), sha256=hashlib.sha256(raw).hexdigest())
        if manifest:
            manifest(listed)
        for info in old.infolist():
            if info.filename != "manifest.json":
                new.writestr(info, raw if info.filename == "data.json" else old.read(info))
        new.writestr("manifest.json", json.dumps(listed, ensure_ascii=False))
    return target


CRAFTED = {
    "created_at 9999 before UTC": (
        {"manifest": lambda m: m.update(created_at="9999-12-31T23:59:59-12:00")},
        "manifest.json ไม่ครบถ้วน",
    ),
    "created_at year 1 after UTC": (
        {"manifest": lambda m: m.update(created_at="0001-01-01T00:00:00+14:00")},
        "manifest.json ไม่ครบถ้วน",
    ),
    "years of booleans": ({"manifest": lambda m: m.update(years=[True])}, "ไม่ครบถ้วน"),
    "format version of 401 digits": (
        {"manifest": lambda m: m.update(format_version=10**400)},
        r"^ชุดข้อมูลนี้ใช้รูปแบบรุ่น 100000… ซึ่งใหม่กว่า.{,150}$",
    ),
    "data.json of a newer format": (
        {"document": lambda d: d.update(format_version=99)},
        r"^ชุดข้อมูลนี้ใช้รูปแบบรุ่น 99 ซึ่งใหม่กว่า.*รุ่น ที่ใหม่กว่า ขึ้นไป",
    ),
    "data.json without a format version": (
        {"document": lambda d: d.pop("format_version")},
        "data.json ในชุดข้อมูลไม่ระบุรุ่น",
    ),
}


@pytest.mark.parametrize("case", CRAFTED, ids=list(CRAFTED))
def test_crafted_manifest_or_data_is_refused(case, small_bundle, tmp_path, capsys):
    edits, reason = CRAFTED[case]
    bad = rewritten(small_bundle, tmp_path / "crafted.zip", **edits)
    with pytest.raises(InvalidBundle, match=reason):
        verify_bundle(bad)
    assert main(["bundle", "verify", str(bad)]) == 4
    assert capsys.readouterr().err.count("\n") == 1


def test_the_rewrite_helper_keeps_a_bundle_valid(small_bundle, tmp_path):
    same = verify_bundle(rewritten(small_bundle, tmp_path / "same.zip"))
    assert same.tables == verify_bundle(small_bundle).tables


def flip_in_manifest(path: Path) -> None:
    """A bit inside manifest.json's deflated bytes: zlib.error or a CRC error."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("manifest.json")
    raw = bytearray(path.read_bytes())
    raw[info.header_offset + 30 + len(info.filename) + 5] ^= 0x10
    path.write_bytes(raw)


def non_utf8_name(path: Path) -> None:
    """A byte of a Thai evidence name (UTF-8 flag set) made invalid, in both headers."""
    raw = path.read_bytes()
    path.write_bytes(raw.replace("สรุป.txt".encode(), b"\xff" + "สรุป.txt".encode()[1:]))


def deflated_evidence(path: Path) -> None:
    """The block type of the deflated evidence file: zlib.error when the import reads it."""
    with zipfile.ZipFile(path) as archive:
        info = next(i for i in archive.infolist() if i.filename.endswith("สรุป.txt"))
    assert info.compress_type == zipfile.ZIP_DEFLATED
    raw = bytearray(path.read_bytes())
    raw[info.header_offset + 30 + len(info.orig_filename.encode())] ^= 0x02
    path.write_bytes(raw)


@pytest.mark.parametrize("harm", [flip_in_manifest, non_utf8_name, deflated_evidence])
def test_damage_is_refused_by_verify_and_by_an_import_already_verified(
    harm, small_bundle, other_db, tmp_path, capsys
):
    """The import reads the evidence files again (not the manifest: it has it verified)."""
    bad = tmp_path / "bad.zip"
    bad.write_bytes(small_bundle.read_bytes())
    verified = verify_bundle(bad)
    harm(bad)
    with pytest.raises(InvalidBundle, match=r"ใช้ไม่ได้: (ไฟล์ไม่สมบูรณ์|เนื้อหาของ «.*» เสียหาย)"):
        verify_bundle(bad)
    assert main(["bundle", "verify", str(bad)]) == 4
    assert capsys.readouterr().err.count("\n") == 1
    if harm is flip_in_manifest:
        return
    before, files = dump(other_db), files_in(other_db)
    with pytest.raises(InvalidBundle):  # damaged between the check and the copy
        import_bundle(other_db, verified, confirm_other_office=True)
    assert dump(other_db) == before and files_in(other_db) == files


def test_a_bundle_without_permission_says_access_not_write(small_bundle, monkeypatch):
    denied = PermissionError(errno.EACCES, "Permission denied")
    assert os_error_reason(denied, "ไฟล์ชุดข้อมูล") == "ไม่มีสิทธิ์เข้าถึงไฟล์ชุดข้อมูล"

    def refuse(*args, **kwargs):
        raise denied

    monkeypatch.setattr(zipfile, "ZipFile", refuse)
    with pytest.raises(InvalidBundle, match=r"^อ่านชุดข้อมูลไม่ได้: ไม่มีสิทธิ์เข้าถึงไฟล์ชุดข้อมูล$"):
        verify_bundle(small_bundle)


@pytest.fixture
def short_wait(monkeypatch):
    """Another program's lock is waited for 0.1 s instead of 5 s."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)


def test_import_into_a_locked_database_changes_nothing(small_bundle, other_db, short_wait, capsys):
    other_db.engine.dispose()  # new connections get the short busy timeout
    before, bundle = dump(other_db), verify_bundle(small_bundle)
    holder = sqlite3.connect(other_db.path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another ITADesk window in the middle of a save
        with pytest.raises(DatabaseError, match=r"ใช้อยู่.*ปิดแล้วลองใหม่.*ไม่ถูกแก้ไข"):
            import_bundle(other_db, bundle, confirm_other_office=True)
        args = ["--data-dir", str(other_db.data_dir), "bundle", "import", str(small_bundle)]
        assert main([*args, "--yes"]) == DatabaseError.exit_code
        err = capsys.readouterr().err
        assert "Traceback" not in err and "ไม่ถูกแก้ไข" in err.splitlines()[-1]
    finally:
        holder.rollback()
        holder.close()
    assert dump(other_db) == before


def test_import_into_a_read_only_database_changes_nothing(small_bundle, other_db, monkeypatch):
    read_only = f"sqlite:///file:{other_db.path}?mode=ro&uri=true"
    real = database.create_engine
    monkeypatch.setattr(database, "create_engine", lambda url: real(read_only))
    db = Database(other_db.data_dir)  # as if the file were read-only for this user
    before = dump(other_db)
    try:
        with pytest.raises(DatabaseError, match=r"อ่านอย่างเดียว.*ไม่ถูกแก้ไข"):
            import_bundle(db, verify_bundle(small_bundle), confirm_other_office=True)
    finally:
        db.close()
    assert dump(other_db) == before

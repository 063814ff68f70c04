"""Signature images travel in the bundle like evidence files: an entry of their own under
``signatures/<sha12>/``, hashed in the manifest, referred to from data.json by SHA-256."""

import base64
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from itadesk.bundle import export_bundle, import_bundle, verify_bundle
from itadesk.bundle.format import FORMAT_VERSION, check_entry_name
from itadesk.bundle.verify import InvalidBundle
from itadesk.db.models import Person
from itadesk.domain.numerals import digits
from itadesk.services import office, signatures
from tests.bundle.conftest import dump
from tests.core.test_signatures import scanned_signature

SAMPLE_V2 = Path(__file__).parents[1] / "data" / "bundle-v2.zip"


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _signed(db, tmp_path: Path) -> dict[str, bytes]:
    """Two people with the same signature image, a third with another: uuid → stored bytes."""
    first, second, third = office.list_people(db)[:3]
    signatures.set_signature(db, first.id, scanned_signature(tmp_path / "a.png"))
    signatures.set_signature(db, second.id, scanned_signature(tmp_path / "a.png"))
    other = scanned_signature(tmp_path / "b.png", size=(700, 380), background=(255, 255, 255))
    signatures.set_signature(db, third.id, other)
    return {p.uuid: p.signature for p in office.list_people(db) if p.signature}


@pytest.fixture
def signed_bundle(demo_db, tmp_path) -> tuple[Path, dict[str, bytes]]:
    stored = _signed(demo_db, tmp_path)
    return export_bundle(demo_db, tmp_path / "signed.zip", years=[]).path, stored


def _read(path: Path) -> tuple[dict, dict, dict[str, bytes]]:
    """manifest, data.json and every entry's bytes."""
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    return json.loads(contents["manifest.json"]), json.loads(contents["data.json"]), contents


def test_a_signature_is_an_entry_hashed_in_the_manifest_and_imports_byte_identical(
    signed_bundle, other_db
):
    path, stored = signed_bundle
    manifest, data, contents = _read(path)
    assert manifest["format_version"] == data["format_version"] == FORMAT_VERSION == 3
    listed = {e["path"]: (e["size"], e["sha256"]) for e in manifest["entries"]}
    names = {p["uuid"]: p["name"] for p in data["tables"]["person"]}
    first = min(stored)
    expected = {}  # one entry per distinct content, named after its first person (by uuid)
    for uuid in sorted(stored):
        sha = _sha(stored[uuid])
        expected.setdefault(sha, f"signatures/{sha[:12]}/{names[uuid]}.png")
    assert len(expected) == 2
    assert sorted(n for n in listed if n.startswith("signatures/")) == sorted(expected.values())
    for sha, name in expected.items():
        assert listed[name] == (len(contents[name]), sha) and _sha(contents[name]) == sha
    for row in data["tables"]["person"]:  # data.json refers to them, and holds no bytes
        assert "signature" not in row
        image = stored.get(row["uuid"])
        assert row["signature_sha256"] == (_sha(image) if image else None)
    assert base64.b64encode(stored[first])[:40].decode() not in contents["data.json"].decode()

    result = import_bundle(other_db, verify_bundle(path))
    assert result.files_copied == 0  # signatures go into the database, not the files folder
    with other_db.session() as session:
        copied = {p.uuid: p.signature for p in session.query(Person)}
    assert {u: s for u, s in copied.items() if s} == stored  # same person, same bytes
    again = export_bundle(other_db, path.parent / "again.zip", years=[]).path
    assert _read(again)[1] == data  # export → import → export: the same data.json


def _rewrite(source: Path, target: Path, edit, rehash: bool = True) -> Path:
    """A copy of a bundle with entries changed by ``edit(contents)`` (name → bytes, data.json
    parsed as ``contents["data.json"]``); the manifest lists the result with true sizes and
    hashes unless ``rehash`` is False (then it stays as it was)."""
    manifest, data, contents = _read(source)
    raw = contents.pop("data.json")
    contents = {**contents, "data.json": data}
    del contents["manifest.json"]
    edit(contents)
    edited = contents["data.json"] != json.loads(raw)
    contents["data.json"] = json.dumps(data, ensure_ascii=False).encode() if edited else raw
    if rehash:
        manifest["entries"] = [
            {"path": name, "size": len(content), "sha256": _sha(content)}
            for name, content in contents.items()
        ]
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in contents.items():
            archive.writestr(name, content)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
    return target


def _signature_entries(contents: dict) -> list[str]:
    return sorted(n for n in contents if n.startswith("signatures/"))


def _drop(contents):
    del contents[_signature_entries(contents)[0]]


def _alter(contents):
    name = _signature_entries(contents)[0]
    contents[name] = contents[name][:-1] + bytes([contents[name][-1] ^ 1])


def _unreferenced(contents):
    extra = io.BytesIO()
    Image.new("RGBA", (40, 20), (0, 0, 90, 255)).save(extra, "PNG")
    sha = _sha(extra.getvalue())
    contents[f"signatures/{sha[:12]}/ใครก็ไม่รู้.png"] = extra.getvalue()


def _replace(content: bytes):
    """The first signature swapped for ``content``, data.json pointing at it."""

    def edit(contents):
        name = _signature_entries(contents)[0]
        old = contents.pop(name)
        sha = _sha(content)
        contents[f"signatures/{sha[:12]}/{name.rsplit('/', 1)[1]}"] = content
        for row in contents["data.json"]["tables"]["person"]:
            if row["signature_sha256"] == _sha(old):
                row["signature_sha256"] = sha

    return edit


BAD = "ข้อมูลในชุดข้อมูลไม่ถูกต้อง "
NOT_IMAGE = b"GIF89a not a signature"
BROKEN = b"\x89PNG\r\n\x1a\n" + b"0" * 40
HUGE = b"\x89PNG" + b"0" * (5 * 1024 * 1024 + 1)


@pytest.mark.parametrize(
    ("edit", "rehash", "message"),
    [
        (_drop, True, BAD + "(person แถวที่ {row} signature_sha256: "
                            "ไม่มีไฟล์ลายมือชื่อ signatures/{sha12}/… ในชุดข้อมูล)"),
        (_drop, False, "ขาดรายการ «{name}» ที่ระบุใน manifest.json"),
        (_alter, False, "เนื้อหาของ «{name}» ไม่ตรงกับ checksum (ไฟล์เสียหาย)"),
        (_unreferenced, True,
         "รายการ «signatures/{extra}/ใครก็ไม่รู้.png» ไม่มีบุคลากรคนใดใช้เป็นลายมือชื่อ"),
        (_replace(NOT_IMAGE), True,
         BAD + "(รายการ «{new}»: ไฟล์ลายมือชื่อต้องเป็นภาพ PNG หรือ JPEG)"),
        (_replace(BROKEN), True,
         BAD + "(รายการ «{new}»: ไฟล์ลายมือชื่อเสียหาย: เปิดเป็นภาพไม่ได้ โปรดเลือกไฟล์ภาพอื่น)"),
        (_replace(HUGE), True, "รายการ «{new}» ใหญ่เกินกำหนด (๕.๐ MB)"),
    ],
    ids=["missing", "missing-in-zip", "altered", "unreferenced", "not-image", "broken", "huge"],
)  # fmt: skip
def test_a_bad_signature_entry_is_refused_naming_it(
    signed_bundle, other_db, tmp_path, edit, rehash, message
):
    path, _stored = signed_bundle
    _manifest, data, contents = _read(path)
    target = _rewrite(path, tmp_path / "bad.zip", edit, rehash)
    _after, _data, changed = _read(target)
    name = _signature_entries(contents)[0]
    sha12 = name.split("/")[1]
    rows = data["tables"]["person"]
    row = next(i for i, r in enumerate(rows, 1) if (r["signature_sha256"] or "")[:12] == sha12)
    new = (set(_signature_entries(changed)) - set(_signature_entries(contents)) or {""}).pop()
    extra = new.split("/")[1] if new else ""
    reason = message.format(row=digits(row), sha12=sha12, name=name, new=new, extra=extra)
    before, raw = dump(other_db), other_db.path.read_bytes()
    with pytest.raises(InvalidBundle) as refused:
        import_bundle(other_db, verify_bundle(target))
    assert str(refused.value) == f"ชุดข้อมูล bad.zip ใช้ไม่ได้: {reason} (ไม่มีการแก้ไขข้อมูลใด ๆ)"
    assert dump(other_db) == before and other_db.path.read_bytes() == raw


def test_a_version_2_bundle_with_signatures_in_data_json_still_imports(other_db):
    """Written by ITADesk at format 2 (scripts/sample_bundle_v2.py): base64 in data.json."""
    manifest, data, contents = _read(SAMPLE_V2)
    assert manifest["format_version"] == data["format_version"] == 2
    assert not _signature_entries(contents)
    carried = {
        p["uuid"]: base64.b64decode(p["signature"])
        for p in data["tables"]["person"]
        if p.get("signature")
    }
    assert len(carried) == 2 and all(s.startswith(b"\x89PNG") for s in carried.values())
    import_bundle(other_db, verify_bundle(SAMPLE_V2), confirm_other_office=True)
    with other_db.session() as session:
        copied = {p.uuid: p.signature for p in session.query(Person) if p.signature}
    assert copied == carried


def test_an_unreadable_stored_signature_is_left_out_of_the_export(demo_db, other_db, tmp_path):
    """Saved before the checks (or edited): the export leaves it out and says so, and the
    bundle still imports, leaving the other PC's image of that person alone."""
    stored = _signed(demo_db, tmp_path)
    broken = min(stored)
    with demo_db.session() as session:
        person = session.query(Person).filter_by(uuid=broken).one()
        person.signature, name = b"\x89PNG\r\n\x1a\nbroken", person.name
    result = export_bundle(demo_db, tmp_path / "b.zip", years=[])
    assert f"ลายมือชื่อของ {name} ที่บันทึกไว้เปิดเป็นภาพไม่ได้: ไม่ได้ใส่ในชุดข้อมูล" in result.warnings[0]
    _manifest, data, contents = _read(result.path)
    row = next(r for r in data["tables"]["person"] if r["uuid"] == broken)
    assert "signature_sha256" not in row
    good = {_sha(s) for u, s in stored.items() if u != broken}
    assert {n.split("/")[1] for n in _signature_entries(contents)} == {s[:12] for s in good}
    import_bundle(other_db, verify_bundle(result.path))
    with other_db.session() as session:
        copied = {p.uuid: p.signature for p in session.query(Person) if p.signature}
    assert copied == {u: s for u, s in stored.items() if u != broken}


def test_signature_entry_names():
    sha = "ab" * 32
    assert check_entry_name(f"signatures/{sha[:12]}/นางวราภรณ์ ทองดี.png") is None
    assert check_entry_name(f"signatures/{sha}/x.jpg") is None
    assert check_entry_name("signatures/x.png") and check_entry_name(f"signature/{sha}/x.png")

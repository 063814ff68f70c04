"""Signature images travel in the bundle (inside data.json, whose SHA-256 the manifest holds)."""

import base64
import hashlib
import json
import zipfile

import pytest

from itadesk.bundle import export_bundle, import_bundle, verify_bundle
from itadesk.bundle.data import DataError, load_tables
from itadesk.services import office, signatures
from tests.core.test_signatures import scanned_signature


def test_signature_travels_and_a_broken_one_is_refused(demo_db, other_db, tmp_path):
    writer = office.list_people(demo_db)[0]
    signatures.set_signature(demo_db, writer.id, scanned_signature(tmp_path / "s.png"))
    stored = next(p for p in office.list_people(demo_db) if p.id == writer.id).signature
    bundle = export_bundle(demo_db, tmp_path / "b.zip").path
    with zipfile.ZipFile(bundle) as archive:
        raw = archive.read("data.json")
        manifest = json.loads(archive.read("manifest.json"))
    listed = {e["path"]: e["sha256"] for e in manifest["entries"]}
    assert listed["data.json"] == hashlib.sha256(raw).hexdigest()
    import_bundle(other_db, verify_bundle(bundle))
    copied = next(p for p in office.list_people(other_db) if p.uuid == writer.uuid)
    assert copied.signature == stored
    document = json.loads(raw)
    row = next(r for r in document["tables"]["person"] if r["uuid"] == writer.uuid)
    row["signature"] = base64.b64encode(b"\x89PNG\r\n\x1a\nbroken").decode()
    with pytest.raises(DataError, match=r"person.*signature: ไฟล์ลายมือชื่อเสียหาย"):
        load_tables(json.dumps(document).encode(), {})

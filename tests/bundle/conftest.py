import hashlib
import json
import os
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from itadesk.db.database import DB_NAME, Database, open_database
from itadesk.errors import NotFoundError


def fake_build(db, kind, year, round_months, options, file_formats=("pdf",)):
    if kind == "analysis":
        raise NotFoundError("ยังไม่มีผลการประเมิน")
    return {f: f"%{f.upper()} fake {kind} {year} {round_months}".encode() for f in file_formats}


@pytest.fixture(autouse=True)
def fast_documents(monkeypatch):
    """Real PDFs take seconds each; one test in test_export.py builds them for real."""
    monkeypatch.setattr("itadesk.services.documents.build_documents", fake_build)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo office, filled once per run (filling takes a second or two)."""
    from itadesk.services.demo import fill_demo

    root = tmp_path_factory.mktemp("demo-template")
    database = open_database(root)
    fill_demo(database)
    database.close()
    return root / DB_NAME


@pytest.fixture
def demo_db(tmp_path: Path, demo_template: Path) -> Database:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(demo_template, folder / DB_NAME)
    database = open_database(folder, backup_on_open=False)
    yield database
    database.close()


def dump(db: Database) -> list[str]:
    """Every table, every row: compared before and after a refused import."""
    with sqlite3.connect(db.path) as conn:
        return list(conn.iterdump())


def files_in(db: Database) -> list[str]:
    return sorted(str(p.relative_to(db.files_dir)) for p in db.files_dir.rglob("*") if p.is_file())


@pytest.fixture
def evidence_db(demo_db: Database, tmp_path: Path) -> Database:
    """The demo office with three evidence files (two with the same content)."""
    return add_evidence(demo_db, tmp_path / "source")


@pytest.fixture(scope="module")
def good_bundle(tmp_path_factory) -> Path:
    """One valid bundle (without PDFs) for the tests that break it in various ways.

    A mutation run (scripts/mutation.sh) builds it once with the unmutated code and names it
    in ITADESK_GOOD_BUNDLE: a mutant of the checks then meets the same valid bundle.
    """
    root = tmp_path_factory.mktemp("good")
    prebuilt = os.environ.get("ITADESK_GOOD_BUNDLE")
    if prebuilt:
        return Path(shutil.copy(prebuilt, root / "good.zip"))
    return build_good_bundle(root)


def build_good_bundle(root: Path) -> Path:
    from itadesk.bundle import export_bundle
    from itadesk.services.demo import fill_demo

    database = open_database(root / "data")
    try:
        fill_demo(database)
        add_evidence(database, root / "source")
        return export_bundle(database, root / "good.zip", years=[]).path
    finally:
        database.close()


def add_evidence(demo_db: Database, source: Path) -> Database:
    from itadesk.services import measures, progress

    source.mkdir()
    photo = source / "ภาพกิจกรรม.jpg"
    photo.write_bytes(bytes(range(256)) * 400)
    text = source / "รายงาน: สรุป?.txt"
    text.write_text("สรุปผลการดำเนินงาน\n" * 200, encoding="utf-8")
    copy = source / "สำเนา.txt"
    copy.write_text("สรุปผลการดำเนินงาน\n" * 200, encoding="utf-8")
    listed = measures.list_measures(demo_db, 2569)
    oit = next(m for m in listed if "o11" in m.links)
    progress.attach_file(demo_db, oit.id, 12, photo)
    progress.attach_file(demo_db, oit.id, 12, text)
    progress.attach_file(demo_db, listed[0].id, 6, copy)
    return demo_db


@pytest.fixture
def other_db(tmp_path: Path) -> Database:
    database = open_database(tmp_path / "other")
    yield database
    database.close()


def entries(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def with_data(source: Path, target: Path, edit) -> Path:
    """A copy of a bundle with a VALID manifest around hostile ``data.json`` content.

    ``edit(tables)`` changes the parsed tables in place; data.json's size and SHA-256 in the
    manifest are rebuilt, so only the content checks can refuse the result.
    """
    with zipfile.ZipFile(source) as old:
        manifest = json.loads(old.read("manifest.json"))
        document = json.loads(old.read("data.json"))
        edit(document["tables"])
        data = json.dumps(document, ensure_ascii=False).encode("utf-8")
        for item in manifest["entries"]:
            if item["path"] == "data.json":
                item.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
        with zipfile.ZipFile(target, "w") as new:
            for info in old.infolist():
                if info.filename != "manifest.json":
                    new.writestr(info, data if info.filename == "data.json" else old.read(info))
            new.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
    return target

import io
import json
import shutil
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itadesk.bundle import export_bundle, import_bundle, plan_import, verify_bundle
from itadesk.db.database import DB_NAME, open_database
from itadesk.services import measures, office, progress
from itadesk.services.kinds import KINDS
from itadesk.services.measures import MeasureInput
from itadesk.services.progress import ProgressInput, attachment_path
from tests.bundle.conftest import fake_build

from .conftest import dump, entries, files_in


def data_json(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("data.json")


def test_round_trip_gives_equal_data_json(evidence_db, other_db, tmp_path):
    first = export_bundle(evidence_db, tmp_path).path
    assert first.name.startswith("ITADesk-เทศบาลตำบลทุ่งสุขสันต์-") and first.suffix == ".zip"
    names = entries(first)
    assert names[-1] == "manifest.json" and {"data.json", "readme.txt", "index.html"} <= set(names)
    assert sum(n.startswith("files/") for n in names) == 2  # same content stored once
    assert any(n.startswith("pdf/2569-") for n in names)
    findings = [c.label for c in plan_import(other_db, verify_bundle(first)).added
                if c.label.startswith("ประเด็น")]  # fmt: skip
    assert any("(ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ)" in label for label in findings)
    assert not any("ind" in label for label in findings)
    result = import_bundle(other_db, verify_bundle(first))
    assert result.files_copied == 2 and result.backup is not None
    assert files_in(other_db) == files_in(evidence_db)
    second = export_bundle(other_db, tmp_path / "again.zip").path
    assert data_json(second) == data_json(first)
    assert json.loads(data_json(first))["tables"]["attachment"]


def test_second_import_is_a_no_op(evidence_db, other_db, tmp_path):
    bundle = verify_bundle(export_bundle(evidence_db, tmp_path).path)
    import_bundle(other_db, bundle)
    before, backups = dump(other_db), sorted((other_db.data_dir / "backups").iterdir())
    plan = plan_import(other_db, bundle)
    assert plan.is_noop and not plan.added and not plan.changed
    assert "ไม่มีอะไรเปลี่ยนแปลง" in "\n".join(plan.preview_lines())
    result = import_bundle(other_db, bundle)
    assert result.backup is None and result.files_copied == 0
    assert dump(other_db) == before
    assert sorted((other_db.data_dir / "backups").iterdir()) == backups


def test_index_groups_evidence_by_oit_item(evidence_db, tmp_path):
    path = export_bundle(evidence_db, tmp_path).path
    with zipfile.ZipFile(path) as archive:
        html = archive.read("index.html").decode("utf-8")
        readme = archive.read("readme.txt").decode("utf-8")
    assert '<meta charset="utf-8">' in html and "ปีงบประมาณ ๒๕๖๙" in html
    oit = html.index("<h4>o11 ")
    assert html.index("ภาพกิจกรรม.jpg") > oit and "หลักฐานอื่น ๆ" in html
    assert "รายงาน_ สรุป_.txt" in "".join(entries(path))  # FAT32-safe entry name
    assert "นำเข้า" in readme and "index.html" in readme


def test_changes_are_merged_and_local_records_kept(evidence_db, other_db, tmp_path):
    import_bundle(other_db, verify_bundle(export_bundle(evidence_db, tmp_path / "a.zip").path))
    first = measures.list_measures(evidence_db, 2569)[0]
    changed = MeasureInput(title="ชื่อมาตรการที่แก้ไขแล้ว", group=first.group, steps=["ขั้นเดียว"])
    measures.update_measure(evidence_db, first.id, changed)
    mine = measures.add_measure(other_db, 2569, MeasureInput(title="มาตรการเฉพาะเครื่องนี้"))
    bundle = verify_bundle(export_bundle(evidence_db, tmp_path / "b.zip").path)
    plan = plan_import(other_db, bundle)
    assert [c.label for c in plan.changed] == ["มาตรการ «ชื่อมาตรการที่แก้ไขแล้ว»"]
    assert not plan.added
    assert any(c.uuid == mine.uuid and c.reason == "มีเฉพาะในเครื่องนี้" for c in plan.kept)
    text = "\n".join(plan.preview_lines())
    assert "ปีงบประมาณ ๒๕๖๙: เพิ่ม ๐ เปลี่ยน ๑" in text
    import_bundle(other_db, bundle)
    titles = [m.title for m in measures.list_measures(other_db, 2569)]
    assert "ชื่อมาตรการที่แก้ไขแล้ว" in titles and "มาตรการเฉพาะเครื่องนี้" in titles


def test_newer_progress_entry_wins(evidence_db, other_db, tmp_path):
    import_bundle(other_db, verify_bundle(export_bundle(evidence_db, tmp_path / "a.zip").path))
    [m_here, m_there] = [measures.list_measures(d, 2569)[1] for d in (evidence_db, other_db)]
    progress.set_progress(evidence_db, m_here.id, 6, ProgressInput("done", "จากเครื่องแรก"))
    progress.set_progress(other_db, m_there.id, 6, ProgressInput("done", "แก้ทีหลังที่เครื่องนี้"))
    bundle = verify_bundle(export_bundle(evidence_db, tmp_path / "b.zip").path)
    plan = plan_import(other_db, bundle)
    assert [c.reason for c in plan.kept if c.table == "progress_entry"] == ["ข้อมูลในเครื่องนี้ใหม่กว่า"]
    assert plan.is_noop
    progress.set_progress(evidence_db, m_here.id, 6, ProgressInput("done", "ใหม่ที่สุด"))
    bundle = verify_bundle(export_bundle(evidence_db, tmp_path / "c.zip").path)
    import_bundle(other_db, bundle)
    entry = progress.entry_for(measures.list_measures(other_db, 2569)[1], 6)
    assert entry.done_text == "ใหม่ที่สุด"


def test_records_created_independently_match_on_natural_keys(demo_db, other_db, tmp_path):
    # the other PC typed the same office name, year, unit and progress of its own
    office.update_office(other_db, name="ทุ่งสุขสันต์")
    office.add_unit(other_db, "กองคลัง")
    mine = measures.add_measure(other_db, 2569, MeasureInput(title="มาตรการของเครื่องสอง"))
    progress.set_progress(other_db, mine.id, 6, ProgressInput("in_progress"))
    from itadesk.services import years

    years.set_oit_items(other_db, 2569, years.oit_items(other_db, 2569)[:3])
    years.set_oit_items(demo_db, 2569, years.oit_items(demo_db, 2569)[:5])
    bundle = verify_bundle(export_bundle(demo_db, tmp_path).path)
    plan = plan_import(other_db, bundle)
    assert plan.other_office and not plan.warnings  # same name, another uuid: confirm first
    import_bundle(other_db, bundle, confirm_other_office=True)
    assert [u.name for u in office.list_units(other_db)].count("กองคลัง") == 1
    assert years.list_years(other_db) == [2568, 2569]
    assert len(years.oit_items(other_db, 2569)) == 5
    assert "มาตรการของเครื่องสอง" in [m.title for m in measures.list_measures(other_db, 2569)]
    assert plan_import(other_db, bundle).is_noop


def test_an_unnamed_office_adopts_the_bundle(demo_db, other_db, tmp_path):
    office.get_office(other_db)  # created empty on first start
    bundle = verify_bundle(export_bundle(demo_db, tmp_path).path)
    plan = plan_import(other_db, bundle)
    assert not plan.other_office
    import_bundle(other_db, bundle)
    assert office.get_office(other_db).uuid == office.get_office(demo_db).uuid


thai = st.text(
    alphabet=st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B) | st.sampled_from(" -/(๑"),
    min_size=1,
    max_size=25,
).filter(lambda s: s.strip())
measure_st = st.tuples(
    thai, st.lists(thai, max_size=3), st.sampled_from(["IIT", "EIT", "OIT"]),
    st.lists(st.tuples(st.sampled_from([6, 12]), st.sampled_from(
        ["not_started", "in_progress", "done"]), thai), max_size=2),
)  # fmt: skip


_template: list[Path] = []


def fresh_database(folder: Path):
    """A migrated empty database, copied from one made once (migrations take a while)."""
    if not _template:
        made = Path(tempfile.mkdtemp(prefix="itadesk-template-"))
        open_database(made, backup_on_open=False).close()
        _template.append(made / DB_NAME)
    folder.mkdir()
    shutil.copy(_template[0], folder / DB_NAME)
    return open_database(folder, backup_on_open=False)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    office_name=thai,
    people=st.lists(st.tuples(thai, thai), max_size=3),
    items=st.lists(measure_st, min_size=1, max_size=3),
    attach=st.booleans(),
)
def test_round_trip_property(office_name, people, items, attach):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        db = fresh_database(root / "a")
        other = fresh_database(root / "b")
        try:
            office.update_office(db, name=office_name)
            for name, position in people:
                office.save_person(db, name, position)
            for title, steps, group, entries_ in items:
                m = measures.add_measure(db, 2569, MeasureInput(title, group, steps=steps))
                for round_months, status, text in entries_:
                    progress.set_progress(db, m.id, round_months, ProgressInput(status, text))
                if attach:
                    evidence = root / "หลักฐาน.pdf"
                    evidence.write_bytes(title.encode() * 50)
                    progress.attach_file(db, m.id, 6, evidence)
            first = export_bundle(db, root / "1.zip", years=[]).path
            bundle = verify_bundle(first)
            import_bundle(other, bundle)
            second = export_bundle(other, root / "2.zip", years=[]).path
            assert data_json(second) == data_json(first)
            for row in bundle.tables["attachment"]:
                assert attachment_path(other, row["sha256"]).read_bytes() == (
                    attachment_path(db, row["sha256"]).read_bytes()
                )
            assert plan_import(other, verify_bundle(second)).is_noop
        finally:
            db.close()
            other.close()


def test_cli_export_verify_and_import(evidence_db, other_db, tmp_path, capsys):
    from itadesk.cli import main

    stick = tmp_path / "stick"
    stick.mkdir()
    assert main(["--data-dir", str(evidence_db.data_dir), "bundle", "export", "--year", "2569",
                 "-o", str(stick)]) == 0  # fmt: skip
    [path] = stick.iterdir()
    assert path.name.startswith("ITADesk-เทศบาลตำบลทุ่งสุขสันต์-")
    assert "ตรวจสอบจากแฟลชไดรฟ์แล้วถูกต้อง" in capsys.readouterr().out
    assert main(["bundle", "verify", str(path)]) == 0
    before = dump(other_db)
    args = ["--data-dir", str(other_db.data_dir), "bundle", "import", str(path)]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "เพิ่ม" in out and "ปีงบประมาณ ๒๕๖๙" in out and "--dry-run" in out
    assert dump(other_db) == before
    assert main(args) == 0 and "นำเข้าแล้ว" in capsys.readouterr().out
    assert main(args) == 0 and "ไม่มีอะไรต้องนำเข้า" in capsys.readouterr().out


def test_real_documents_go_into_pdf_and_docx(evidence_db, tmp_path, monkeypatch):
    monkeypatch.undo()  # build the documents for real, once
    path = export_bundle(evidence_db, tmp_path, years=[2569]).path
    with zipfile.ZipFile(path) as archive:
        pdfs = [n for n in archive.namelist() if n.startswith("pdf/")]
        words = [n for n in archive.namelist() if n.startswith("docx/")]
        html = archive.read("index.html").decode()
        assert all(archive.read(n).startswith(b"%PDF") for n in pdfs)
        for name in words:
            Document(io.BytesIO(archive.read(name)))  # opens as a Word file
    assert pdfs, "no document could be built"
    assert [n[4:-4] for n in pdfs] == [n[5:-5] for n in words]  # each PDF has its Word copy
    assert all(n.split("/")[1] in unquote(html) for n in pdfs + words)
    assert verify_bundle(path).entries  # listed in the manifest with their hashes


def test_a_document_that_cannot_print_is_named_in_the_warnings(evidence_db, tmp_path):
    """A stored emblem that does not open (saved by a version that checked less): the data
    still travels without it, and the memos it stops are named (the real refusal of such a
    memo is tested in tests/core/test_print.py)."""
    from itadesk.db.models import Office
    from itadesk.services.documents import _emblem

    def build(db, kind, year, round_months, options, file_formats):
        if KINDS[kind].memo:
            with db.session() as session:
                _emblem(session.query(Office).one())
        return fake_build(db, kind, year, round_months, options, file_formats)

    with evidence_db.session() as session:
        session.query(Office).one().emblem = b"\x89PNG\r\n\x1a\n" + b"0" * 40
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("itadesk.services.documents.build_documents", build)
        result = export_bundle(evidence_db, tmp_path)
    said = [w for w in result.warnings if "ตราครุฑที่บันทึกไว้เปิดเป็นภาพไม่ได้" in w]
    assert said[0].endswith("ไม่ได้ใส่ในชุดข้อมูล (โปรดเลือกภาพใหม่ที่หน้าหน่วยงาน)")
    assert [w.split(" ปี ")[0] for w in said[1:]] == [
        "สร้างเอกสาร บันทึกข้อความขออนุมัติมาตรการ (แนบตารางมาตรการ)",
        *["สร้างเอกสาร บันทึกข้อความรายงานผลรอบ (แนบตารางผลการดำเนินการ)"] * (len(said) - 2),
    ]
    assert not any("วิเคราะห์" in w for w in result.warnings)  # no results yet: not a fault
    assert any(d.endswith(".pdf") for d in result.documents)  # the tables still print
    tables = json.loads(data_json(result.path))["tables"]
    assert tables["office"][0]["emblem"] is None  # the rest of the data travels


def test_the_export_prints_every_registered_kind(demo_db, tmp_path, monkeypatch):
    """Each kind of the registry, each round kind once per round with data (the real builds
    of every kind are tested in tests/core/test_kinds.py)."""
    asked: list[tuple[str, int, int | None]] = []

    def build(db, kind, year, round_months, options, file_formats):
        asked.append((kind, year, round_months))
        return {f: f"%{f} {kind}".encode() for f in file_formats}

    monkeypatch.setattr("itadesk.services.documents.build_documents", build)
    result = export_bundle(demo_db, tmp_path, years=[2569])
    rounds = sorted({e.round for m in measures.list_measures(demo_db, 2569) for e in m.progress})
    assert rounds  # the demo has rounds entered
    assert sorted(asked) == sorted(
        (kind.key, 2569, months)
        for kind in KINDS.values()
        for months in (rounds if kind.needs_round else [None])
    )
    for kind in KINDS.values():
        for folder in ("pdf", "docx"):  # every kind in every format, side by side
            assert any(
                d.startswith(f"{folder}/") and kind.name.replace(" ", "-") in d
                for d in result.documents
            ), (kind.key, folder)

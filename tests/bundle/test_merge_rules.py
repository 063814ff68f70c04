"""The merge rules of an import, each at its edge: what the preview says, word for word, and
what a real import stores in a real SQLite file.

Small databases (copies of one migrated file) and real bundles (export, verify); fast, so that
scripts/mutation.sh runs it once per mutant of itadesk/bundle/merge.py.
"""

import errno
import shutil
import sqlite3
import zipfile
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import event, select

from itadesk.bundle import (
    BundleCancelled,
    export_bundle,
    import_bundle,
    merge,
    plan_import,
    verify_bundle,
)
from itadesk.bundle.verify import Bundle, InvalidBundle
from itadesk.db.database import DB_NAME, Database, open_database
from itadesk.db.models import (
    Attachment,
    Finding,
    FiscalYear,
    ItaResult,
    Measure,
    Memo,
    Office,
    OitItemRow,
    Person,
    PrintRecord,
    ProgressEntry,
    Unit,
)
from itadesk.errors import BundleError, UserError
from itadesk.services.progress import attachment_path, store_file

from .conftest import dump, files_in

LONG = "ก" * 59 + "ขค"  # 61 characters: cut to 59 and "…" at 60
FORTY_ONE = "ส" * 39 + "ตว"  # cut to 39 and "…" at 40
SIXTY = "ข" * 29 + "\n  " + "ค" * 30  # 60 characters once its spaces are one
OFFICE = "ข้อมูลหน่วยงาน บุคลากร และรายการทั่วไป"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("migrated")
    open_database(folder, backup_on_open=False).close()
    return folder / DB_NAME


class Place:
    """Databases in one test's folder, each a copy of a migrated (or given) file."""

    def __init__(self, root: Path, template: Path) -> None:
        self.root, self.template, self.opened, self.count = root, template, [], 0

    def db(self, like: Database | None = None) -> Database:
        self.count += 1
        folder = self.root / f"db{self.count}"
        folder.mkdir()
        if like is None:
            shutil.copy(self.template, folder / DB_NAME)
        else:  # the same rows and uuids: as after an import from the other PC
            source, copy = sqlite3.connect(like.path), sqlite3.connect(folder / DB_NAME)
            with closing(source), closing(copy):
                source.backup(copy)
        database = open_database(folder, backup_on_open=False)
        self.opened.append(database)
        return database

    def bundle(self, db: Database) -> Bundle:
        self.count += 1
        return verify_bundle(export_bundle(db, self.root / f"b{self.count}.zip", years=[]).path)


@pytest.fixture
def place(tmp_path, template):
    made = Place(tmp_path, template)
    yield made
    for database in made.opened:
        database.close()


def put(db: Database, *rows: Any) -> list[int]:
    """Store model rows; their ids."""
    with db.session() as session:
        session.add_all(rows)
        session.flush()
        return [r.id for r in rows]


def edit(db: Database, model: type, which: str, **values: Any) -> None:
    """Change the row of uuid ``which``."""
    with db.session() as session:
        row = session.scalars(select(model).where(model.uuid == which)).one()
        for key, value in values.items():
            setattr(row, key, value)


def stored(db: Database, model: type, column: str) -> dict[str, Any]:
    """uuid -> the column's stored value."""
    with db.session() as session:
        return {r.uuid: getattr(r, column) for r in session.scalars(select(model))}


def office(db: Database) -> None:
    put(db, Office(uuid="office-a", name="ทุ่งสุขสันต์"))


def year_with_measure(db: Database, year: int = 2569, **progress: Any) -> list[int]:
    """A year ("y<year>"), its measure "m<year>" and the measure's round 6 ("p<year>")."""
    [year_id] = put(db, FiscalYear(uuid=f"y{year}", year=year))
    [measure_id] = put(db, Measure(uuid=f"m{year}", fiscal_year_id=year_id, title="มาตรการ"))
    return [year_id, measure_id, *put(db, ProgressEntry(
        uuid=f"p{year}", measure_id=measure_id, round=6, status="done", **progress
    ))]  # fmt: skip


def lines_after_header(db: Database, bundle: Bundle) -> list[str]:
    return plan_import(db, bundle).preview_lines()[1:]


# --- what is added, named as the clerk reads it ------------------------------------------


def full_office(place: Place) -> Database:
    """One row of every table; the texts at their cut-off lengths."""
    there = place.db()
    put(there, Office(uuid="office-a", kind="องค์การบริหารส่วนตำบล", name="ทุ่งสุขสันต์"),
        Unit(uuid="unit-a", name="กองคลัง"), OitItemRow(uuid="oit-a", scheme_year=2569,
        code="o1", name=FORTY_ONE), Person(uuid="person-a", name="นายสมชาย ใจดี"))  # fmt: skip
    [y68] = put(there, FiscalYear(uuid="y2568", year=2568))
    [y69] = put(there, FiscalYear(uuid="y2569", year=2569))
    [result] = put(there, ItaResult(uuid="result-a", fiscal_year_id=y69))
    put(there, Finding(uuid="finding-a", result_id=result, target="ind4", issue=LONG + "\n"),
        Finding(uuid="finding-b", result_id=result, target="o12", issue=SIXTY))  # fmt: skip
    [measure] = put(there, Measure(uuid="m-a", fiscal_year_id=y69, title=LONG))
    [entry] = put(there, ProgressEntry(uuid="p-a", measure_id=measure, round=12))
    evidence = place.root / "ภาพ.jpg"
    evidence.write_bytes(b"\xff" * 2048)
    sha, size = store_file(there, evidence)
    put(there, Attachment(uuid="att-a", entry_id=entry, filename="ภาพ.jpg", sha256=sha, size=size),
        Memo(uuid="memo-a", fiscal_year_id=y69, kind="measures", round=None),
        Memo(uuid="memo-b", fiscal_year_id=y68, kind="progress", round=12),
        PrintRecord(uuid="print-a", fiscal_year_id=y69, kind="measures", round=None,
                    output="pdf"))  # fmt: skip
    return there


def test_every_kind_of_row_added_is_named_in_its_year(place):
    there = full_office(place)
    here = place.db()
    bundle = place.bundle(there)
    bundle.manifest.update(created_at="2026-11-21T09:05:00", app_version="1.2.3")
    plan = plan_import(here, bundle)
    assert (plan.other_office, plan.local_office_name) == (False, "")
    cut = "ก" * 59 + "…"
    assert plan.preview_lines() == [
        "ชุดข้อมูลขององค์การบริหารส่วนตำบลทุ่งสุขสันต์ สร้างเมื่อ ๒๑ พฤศจิกายน ๒๕๖๙ เวลา ๐๙:๐๕ น. "
        "(ITADesk ๑.๒.๓)",
        "เพิ่ม ๑๕ รายการ เปลี่ยน ๐ รายการ คงไว้ ๐ รายการ",
        f"{OFFICE}: เพิ่ม ๔ เปลี่ยน ๐ คงไว้ ๐",
        "  + เพิ่ม ข้อมูลหน่วยงาน องค์การบริหารส่วนตำบลทุ่งสุขสันต์",
        f"  + เพิ่ม ข้อ OIT o1 {'ส' * 39}… (เกณฑ์ปี ๒๕๖๙)",
        "  + เพิ่ม บุคลากร นายสมชาย ใจดี",
        "  + เพิ่ม ส่วนราชการ กองคลัง",
        "ปีงบประมาณ ๒๕๖๘: เพิ่ม ๒ เปลี่ยน ๐ คงไว้ ๐",
        "  + เพิ่ม ปีงบประมาณ ๒๕๖๘",
        "  + เพิ่ม บันทึกข้อความรายงานผล รอบ ๑๒ เดือน",
        "ปีงบประมาณ ๒๕๖๙: เพิ่ม ๙ เปลี่ยน ๐ คงไว้ ๐",
        "  + เพิ่ม ปีงบประมาณ ๒๕๖๙",
        "  + เพิ่ม ผลการประเมิน ITA",
        f"  + เพิ่ม มาตรการ «{cut}»",
        "  + เพิ่ม บันทึกข้อความขออนุมัติมาตรการ",
        "  + เพิ่ม print_record print-a",
        f"  + เพิ่ม ประเด็นที่ต้องแก้ไข (ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ): {cut}",
        f"  + เพิ่ม ประเด็นที่ต้องแก้ไข (o๑๒): {'ข' * 29} {'ค' * 30}",
        f"  + เพิ่ม ผลการดำเนินงานรอบ ๑๒ เดือน ของมาตรการ «{cut}»",
        f"  + เพิ่ม ไฟล์แนบ ภาพ.jpg (มาตรการ «{'ก' * 39}…»)",
        "ไฟล์หลักฐานใหม่ ๑ ไฟล์ (๐.๐ MB)",
    ]
    assert {c.action for c in plan.changes} == {"added"}
    assert {(c.reason, c.fields) for c in plan.changes} == {("", ())}
    result = import_bundle(here, bundle)
    assert result.files_copied == 1 and result.backup.name.endswith("-before-import.sqlite")
    assert files_in(here) == files_in(there)
    assert dump(here) == dump(there)  # every row and column, ids included
    assert plan_import(here, bundle).is_noop


def test_rows_missing_from_an_older_bundle_are_named_with_their_defaults(place):
    """An older format may lack a column that has a default: its label leaves it out."""
    there = place.db()
    office(there)
    [y69] = put(there, FiscalYear(uuid="y2569", year=2569))
    [result] = put(there, ItaResult(uuid="result-a", fiscal_year_id=y69))
    put(there, Finding(uuid="finding-a", result_id=result, target="i4 i5", issue="ข้อ"),
        OitItemRow(uuid="oit-a", scheme_year=2569, code="o2", name="ชื่อ"),
        Memo(uuid="memo-a", fiscal_year_id=y69, kind="progress", round=6))  # fmt: skip
    bundle = place.bundle(there)
    del bundle.manifest["app_version"]
    assert plan_import(place.db(), bundle).preview_lines()[0].endswith(" (ITADesk )")
    for name, column in [("office", "kind"), ("office", "name"), ("finding", "issue"),
                         ("oit_item", "name"), ("memo", "round")]:  # fmt: skip
        del bundle.tables[name][0][column]
    assert lines_after_header(place.db(), bundle) == [
        "เพิ่ม ๖ รายการ เปลี่ยน ๐ รายการ คงไว้ ๐ รายการ",
        f"{OFFICE}: เพิ่ม ๒ เปลี่ยน ๐ คงไว้ ๐",
        "  + เพิ่ม ข้อมูลหน่วยงาน ",
        "  + เพิ่ม ข้อ OIT o2  (เกณฑ์ปี ๒๕๖๙)",
        "ปีงบประมาณ ๒๕๖๙: เพิ่ม ๔ เปลี่ยน ๐ คงไว้ ๐",
        "  + เพิ่ม ปีงบประมาณ ๒๕๖๙",
        "  + เพิ่ม ผลการประเมิน ITA",
        "  + เพิ่ม บันทึกข้อความรายงานผล",
        "  + เพิ่ม ประเด็นที่ต้องแก้ไข (i๔, i๕): ",
    ]


def test_a_second_import_changes_nothing_and_names_the_newer_local_rounds(place):
    there = place.db()
    office(there)
    year_with_measure(there, updated_at=datetime(2026, 1, 1, 9, 0))
    here = place.db(like=there)
    edit(here, ProgressEntry, "p2569", done_text="แก้ที่นี่", updated_at=datetime(2026, 1, 1, 9, 0))
    bundle = place.bundle(there)
    before = dump(here)
    plan = plan_import(here, bundle)
    assert plan.preview_lines()[1:] == [
        "ไม่มีอะไรเปลี่ยนแปลง: ข้อมูลในเครื่องนี้มีครบตามชุดข้อมูลแล้ว",
        "  = คงไว้ ผลการดำเนินงานรอบ ๖ เดือน ของมาตรการ «มาตรการ» (ข้อมูลในเครื่องนี้ใหม่กว่า)",
    ]
    assert [c.action for c in plan.kept] == ["kept"] and plan.is_noop
    assert plan.summary() == "เพิ่ม ๐ รายการ เปลี่ยน ๐ รายการ คงไว้ ๔ รายการ"
    result = import_bundle(here, bundle)
    assert (result.backup, result.files_copied, result.plan.is_noop) == (None, 0, True)
    assert dump(here) == before and not (here.data_dir / "backups").exists()


@pytest.mark.parametrize(
    ("here_at", "there_at", "kept"),
    [
        (datetime(2026, 1, 1, 9, 0), datetime(2026, 1, 1, 9, 0), True),  # same time: local
        (datetime(2026, 1, 1, 9, 0), datetime(2026, 1, 1, 9, 0, 0, 1), False),
        (datetime(2026, 1, 1, 9, 0, 0, 1), datetime(2026, 1, 1, 9, 0), True),
        # a local time over a day ahead of the clock proves nothing: the bundle's text wins
        (datetime.now() + timedelta(days=2), datetime(2026, 1, 1, 9, 0), False),
    ],
)
def test_the_newer_round_wins(place, here_at, there_at, kept):
    there = place.db()
    office(there)
    year_with_measure(there, done_text="จากเครื่องแรก", updated_at=there_at)
    here = place.db(like=there)
    edit(here, ProgressEntry, "p2569", done_text="ที่เครื่องนี้", updated_at=here_at)
    bundle = place.bundle(there)
    plan = plan_import(here, bundle)
    said = "ผลการดำเนินงานรอบ ๖ เดือน ของมาตรการ «มาตรการ»"
    if kept:
        assert [(c.label, c.reason) for c in plan.kept] == [(said, "ข้อมูลในเครื่องนี้ใหม่กว่า")]
        assert plan.is_noop and not plan.changed
    else:
        assert [(c.label, c.fields) for c in plan.changed] == [(said, ("done_text", "updated_at"))]
        assert not plan.kept
    import_bundle(here, bundle)
    assert stored(here, ProgressEntry, "done_text") == {
        "p2569": "ที่เครื่องนี้" if kept else "จากเครื่องแรก"
    }


def test_a_changed_row_is_updated_and_the_unchanged_are_counted_by_year(place):
    there = place.db()
    office(there)
    year_with_measure(there, 2568)
    year_with_measure(there, 2569)
    here = place.db(like=there)
    edit(there, Measure, "m2569", title="ชื่อใหม่", approach="แนวทาง")
    bundle = place.bundle(there)
    plan = plan_import(here, bundle)
    assert plan.preview_lines()[1:] == [
        "เพิ่ม ๐ รายการ เปลี่ยน ๑ รายการ คงไว้ ๖ รายการ",
        f"{OFFICE}: เพิ่ม ๐ เปลี่ยน ๐ คงไว้ ๑",
        "ปีงบประมาณ ๒๕๖๘: เพิ่ม ๐ เปลี่ยน ๐ คงไว้ ๓",
        "ปีงบประมาณ ๒๕๖๙: เพิ่ม ๐ เปลี่ยน ๑ คงไว้ ๒",
        "  ~ เปลี่ยน มาตรการ «ชื่อใหม่»",
    ]
    assert [(c.action, c.fields, c.year) for c in plan.changed] == [
        ("changed", ("approach", "title"), 2569)
    ]
    assert [(s.year, s.unchanged) for s in plan.sections()] == [(None, 1), (2568, 3), (2569, 2)]
    import_bundle(here, bundle)
    assert stored(here, Measure, "title") == {"m2568": "มาตรการ", "m2569": "ชื่อใหม่"}
    assert stored(here, Measure, "approach") == {"m2568": "", "m2569": "แนวทาง"}
    assert dump(here) == dump(there)


# --- the office ---------------------------------------------------------------------------


def test_another_named_office_is_never_taken_over_and_needs_a_confirmation(place):
    there = place.db()
    office(there)
    year_with_measure(there)
    here = place.db()
    put(here, Office(uuid="office-b", kind="เทศบาลตำบล", name="ปลายทาง", phone="๑๒๓"))
    bundle = place.bundle(there)
    plan = plan_import(here, bundle)
    assert plan.other_office and plan.local_office_name == "เทศบาลตำบลปลายทาง"
    assert plan.preview_lines()[1:] == [
        "คำเตือน: ชุดข้อมูลนี้เป็นของหน่วยงานอื่น ไม่ใช่ของเทศบาลตำบลปลายทาง "
        "ต้องยืนยันก่อนนำเข้า (ข้อมูลหน่วยงานในเครื่องนี้จะคงไว้)",
        "เพิ่ม ๓ รายการ เปลี่ยน ๐ รายการ คงไว้ ๑ รายการ",
        f"{OFFICE}: เพิ่ม ๐ เปลี่ยน ๐ คงไว้ ๑",
        "  = คงไว้ ข้อมูลหน่วยงาน เทศบาลตำบลปลายทาง "
        "(ชุดข้อมูลเป็นของหน่วยงานอื่น: คงข้อมูลหน่วยงานในเครื่องนี้)",
        "ปีงบประมาณ ๒๕๖๙: เพิ่ม ๓ เปลี่ยน ๐ คงไว้ ๐",
        "  + เพิ่ม ปีงบประมาณ ๒๕๖๙",
        "  + เพิ่ม มาตรการ «มาตรการ»",
        "  + เพิ่ม ผลการดำเนินงานรอบ ๖ เดือน ของมาตรการ «มาตรการ»",
    ]
    assert [(c.label, c.reason, c.uuid) for c in plan.kept] == [(
        "ข้อมูลหน่วยงาน เทศบาลตำบลปลายทาง",
        "ชุดข้อมูลเป็นของหน่วยงานอื่น: คงข้อมูลหน่วยงานในเครื่องนี้",
        "office-b",
    )]  # fmt: skip
    before = dump(here)
    with pytest.raises(UserError) as refused:
        import_bundle(here, bundle)
    assert str(refused.value) == (
        "ชุดข้อมูลนี้เป็นของเทศบาลตำบลทุ่งสุขสันต์ ไม่ใช่ของเทศบาลตำบลปลายทาง "
        "(หน่วยงานอื่น): ต้องยืนยันก่อนนำเข้า ข้อมูลยังไม่ถูกแก้ไข"
    )
    assert dump(here) == before
    import_bundle(here, bundle, confirm_other_office=True)
    assert stored(here, Office, "name") == {"office-b": "ปลายทาง"}
    assert stored(here, Office, "phone") == {"office-b": "๑๒๓"}
    assert stored(here, Measure, "title") == {"m2569": "มาตรการ"}


def test_an_unnamed_office_takes_the_bundles_uuid_and_profile(place):
    there = place.db()
    put(there, Office(uuid="office-a", kind="เทศบาลตำบล", name="ทุ่งสุขสันต์", phone="๑๒๓"))
    here = place.db()
    put(here, Office(uuid="office-b", name=""))  # made on first start
    bundle = place.bundle(there)
    plan = plan_import(here, bundle)
    assert not plan.other_office and plan.local_office_name == "เทศบาลตำบล"
    assert [(c.label, c.fields) for c in plan.changed] == [
        ("ข้อมูลหน่วยงาน เทศบาลตำบลทุ่งสุขสันต์", ("name", "phone", "uuid"))
    ]
    import_bundle(here, bundle)
    assert stored(here, Office, "name") == {"office-a": "ทุ่งสุขสันต์"}
    assert stored(here, Office, "phone") == {"office-a": "๑๒๓"}


def test_the_same_office_renamed_is_changed(place):
    there = place.db()
    office(there)
    here = place.db(like=there)
    edit(there, Office, "office-a", name="ทุ่งสุขใหม่")
    plan = plan_import(here, place.bundle(there))
    assert (plan.other_office, plan.local_office_name) == (False, "เทศบาลตำบลทุ่งสุขสันต์")
    assert [(c.label, c.fields) for c in plan.changed] == [
        ("ข้อมูลหน่วยงาน เทศบาลตำบลทุ่งสุขใหม่", ("name",))
    ]


def test_an_office_changed_by_another_process_meanwhile_is_still_confirmed(place):
    """The plan is made again under the write lock: an office named in between is seen."""
    there = place.db()
    office(there)
    year_with_measure(there)
    here = place.db()
    put(here, Office(uuid="office-b", name=""))
    bundle = place.bundle(there)

    def meanwhile(step):
        if step.text == "กำลังสำรองฐานข้อมูล":
            edit(here, Office, "office-b", name="ปลายทาง")

    with pytest.raises(UserError) as refused:
        import_bundle(here, bundle, progress=meanwhile)
    assert str(refused.value).startswith("ชุดข้อมูลนี้เป็นของเทศบาลตำบลทุ่งสุขสันต์ ไม่ใช่ของเทศบาลตำบลปลายทาง ")
    assert stored(here, Office, "name") == {"office-b": "ปลายทาง"}
    assert stored(here, Measure, "title") == {}


# --- matching by natural keys, and keys already taken ----------------------------------------


def test_rows_made_on_both_pcs_match_by_their_natural_keys_and_keep_the_local_uuid(place):
    there = place.db()
    office(there)
    put(there, Unit(uuid="unit-0", name="กองการศึกษา"), Unit(uuid="unit-a", name="กองคลัง"),
        OitItemRow(uuid="oit-a", scheme_year=2569, code="o1", name="ข้อมูลพื้นฐาน"))  # fmt: skip
    [year, _measure, _entry] = year_with_measure(there, done_text="จากเครื่องแรก")
    put(there, Memo(uuid="memo-a", fiscal_year_id=year, kind="progress", round=6,
                    subject="เรื่องจากเครื่องแรก"))  # fmt: skip
    here = place.db(like=there)
    renamed = [(Unit, "unit-a", "unit-b"), (OitItemRow, "oit-a", "oit-b"),
               (ProgressEntry, "p2569", "p-b"), (Memo, "memo-a", "memo-b")]  # fmt: skip
    for model, old, new in renamed:
        edit(here, model, old, uuid=new)
    edit(here, ProgressEntry, "p-b", done_text="ที่นี่", updated_at=datetime(2020, 1, 1))
    put(there, Unit(uuid="unit-x", name="กองช่าง"))
    bundle = place.bundle(there)
    plan = plan_import(here, bundle)
    assert [c.label for c in plan.added] == ["ส่วนราชการ กองช่าง"]
    assert [(c.uuid, c.fields) for c in plan.changed] == [("p2569", ("done_text", "updated_at"))]
    assert not plan.kept
    import_bundle(here, bundle)
    assert stored(here, Unit, "name") == {
        "unit-0": "กองการศึกษา",  # matched by its uuid, before unit-a by its name
        "unit-b": "กองคลัง",
        "unit-x": "กองช่าง",
    }
    assert stored(here, OitItemRow, "name") == {"oit-b": "ข้อมูลพื้นฐาน"}
    assert stored(here, ProgressEntry, "done_text") == {"p-b": "จากเครื่องแรก"}
    assert stored(here, Memo, "subject") == {"memo-b": "เรื่องจากเครื่องแรก"}


def test_a_renamed_row_frees_its_old_name_for_a_new_row(place):
    there = place.db()
    office(there)
    put(there, Unit(uuid="unit-a", name="กองคลัง"))
    here = place.db(like=there)
    edit(there, Unit, "unit-a", name="กองคลังใหม่")
    put(there, Unit(uuid="unit-0", name="กองคลัง"))  # sorts first: the rename must go first
    plan = plan_import(here, place.bundle(there))
    assert [c.label for c in plan.changed] == ["ส่วนราชการ กองคลังใหม่"]
    assert [c.label for c in plan.added] == ["ส่วนราชการ กองคลัง"]
    import_bundle(here, place.bundle(there))
    assert stored(here, Unit, "name") == {"unit-a": "กองคลังใหม่", "unit-0": "กองคลัง"}


def test_a_name_a_new_row_takes_is_not_given_to_a_renamed_one(place):
    there = place.db()
    office(there)
    put(there, Unit(uuid="unit-a", name="กองคลัง"), Unit(uuid="unit-b", name="กองช่าง"))
    here = place.db(like=there)
    edit(there, Unit, "unit-a", name="กองคลังใหม่")
    edit(there, Unit, "unit-b", name="กองคลัง")  # takes the name unit-a gives up
    bundle = place.bundle(there)
    assert [c.label for c in plan_import(here, bundle).changed] == [
        "ส่วนราชการ กองคลังใหม่",
        "ส่วนราชการ กองคลัง",
    ]
    import_bundle(here, bundle)
    assert stored(here, Unit, "name") == {"unit-a": "กองคลังใหม่", "unit-b": "กองคลัง"}


def test_renames_are_written_in_the_order_that_frees_each_name(place):
    """The first rename (by uuid) frees the name the second takes; the rows' ids are in the
    other order, so the two updates must not wait for one flush."""
    there = place.db()
    office(there)
    put(there, Unit(uuid="unit-z", name="กองคลัง"), Unit(uuid="unit-a", name="กองช่าง"))
    here = place.db(like=there)
    edit(there, Unit, "unit-a", name="กองสาธารณสุข")
    edit(there, Unit, "unit-z", name="กองช่าง")
    import_bundle(here, place.bundle(there))
    assert stored(here, Unit, "name") == {"unit-z": "กองช่าง", "unit-a": "กองสาธารณสุข"}


def test_a_name_held_by_a_local_row_is_kept_for_it(place):
    there = place.db()
    office(there)
    put(there, Unit(uuid="unit-a", name="กองคลัง"))
    here = place.db(like=there)
    put(here, Unit(uuid="unit-b", name="กองช่าง"))  # only on this PC
    edit(there, Unit, "unit-a", name="กองช่าง")
    put(there, Unit(uuid="unit-c", name="กองคลัง"))
    bundle = place.bundle(there)
    plan = plan_import(here, bundle)
    duplicate = "ซ้ำกับรายการอื่นในเครื่องนี้"
    assert plan.preview_lines()[1:] == [  # nothing changes, and the preview says why
        "ไม่มีอะไรเปลี่ยนแปลง: ข้อมูลในเครื่องนี้มีครบตามชุดข้อมูลแล้ว",
        f"  = คงไว้ ส่วนราชการ กองช่าง ({duplicate})",
        f"  = คงไว้ ส่วนราชการ กองคลัง ({duplicate})",
    ]
    assert plan.summary() == "เพิ่ม ๐ รายการ เปลี่ยน ๐ รายการ คงไว้ ๔ รายการ"
    assert plan.is_noop
    assert [(c.uuid, c.action) for c in plan.kept] == [
        ("unit-a", "kept"),
        ("unit-c", "kept"),
        ("unit-b", "kept"),
    ]
    import_bundle(here, bundle)
    assert stored(here, Unit, "name") == {"unit-a": "กองคลัง", "unit-b": "กองช่าง"}


def test_a_row_whose_key_a_local_row_holds_joins_that_row(place):
    """A new year whose number this PC already holds under another uuid (its own year kept
    that number): the bundle's measures of that year go into the local year."""
    there = place.db()
    office(there)
    [first] = put(there, FiscalYear(uuid="y-a", year=2569))
    put(there, Memo(uuid="memo-e", fiscal_year_id=first, kind="progress", round=6))
    here = place.db(like=there)
    put(here, FiscalYear(uuid="y-b", year=2570))
    edit(there, FiscalYear, "y-a", year=2570)
    edit(there, Memo, "memo-e", round=12)
    [year] = put(there, FiscalYear(uuid="y-c", year=2569))
    put(there, Measure(uuid="m-c", fiscal_year_id=year, title="มาตรการของปีใหม่"),
        Memo(uuid="memo-c", fiscal_year_id=year, kind="measures", round=None),
        Memo(uuid="memo-d", fiscal_year_id=first, kind="measures", round=None),
        Memo(uuid="memo-f", fiscal_year_id=year, kind="progress", round=12))  # fmt: skip
    bundle = place.bundle(there)
    plan = plan_import(here, bundle)
    assert [(c.uuid, c.reason) for c in plan.kept] == [
        ("y-a", "ซ้ำกับรายการอื่นในเครื่องนี้"), ("y-c", "ซ้ำกับรายการอื่นในเครื่องนี้"),
        ("memo-d", "ซ้ำกับรายการอื่นในเครื่องนี้"), ("memo-f", "ซ้ำกับรายการอื่นในเครื่องนี้"),
        ("y-b", "มีเฉพาะในเครื่องนี้"),
    ]  # fmt: skip
    assert [(c.uuid, c.fields) for c in plan.changed] == [("memo-e", ("round",))]
    import_bundle(here, bundle)
    with here.session() as session:
        measure = session.scalars(select(Measure)).one()
        assert (measure.uuid, measure.fiscal_year.uuid) == ("m-c", "y-a")
        memos = session.scalars(select(Memo).order_by(Memo.uuid))
        assert [(m.uuid, m.fiscal_year.uuid, m.round) for m in memos] == [
            ("memo-c", "y-a", None), ("memo-e", "y-a", 12)
        ]  # fmt: skip


# --- the order of siblings ------------------------------------------------------------------


def test_the_bundles_order_is_taken_only_where_this_pc_has_no_siblings_of_its_own(place):
    there = place.db()
    office(there)
    [y68, y69] = put(
        there, FiscalYear(uuid="y2568", year=2568), FiscalYear(uuid="y2569", year=2569)
    )
    put(there, *(Measure(uuid=f"m{y}{n}", fiscal_year_id=i, title=f"มาตรการ {n}", sort_order=n)
                 for y, i in ((68, y68), (69, y69)) for n in (0, 1)))  # fmt: skip
    here = place.db(like=there)
    [mine] = put(
        here, Measure(uuid="m69-here", fiscal_year_id=y69, title="ของเครื่องนี้", sort_order=2)
    )
    put(here, ProgressEntry(uuid="p69-here", measure_id=mine, round=6))
    for y in (68, 69):  # the other PC swapped the two measures of each year
        edit(there, Measure, f"m{y}0", sort_order=1)
        edit(there, Measure, f"m{y}1", sort_order=0)
    edit(there, Measure, "m690", title="ชื่อใหม่")
    bundle = place.bundle(there)
    plan = plan_import(here, bundle)
    assert [(c.uuid, c.fields) for c in plan.changed] == [
        ("m680", ("sort_order",)),
        ("m681", ("sort_order",)),
        ("m690", ("title",)),
    ]
    assert [(s.year, s.unchanged) for s in plan.sections()] == [(None, 1), (2568, 1), (2569, 2)]
    assert [(c.label, c.year, c.reason) for c in plan.kept] == [
        ("มาตรการ «ของเครื่องนี้»", 2569, "มีเฉพาะในเครื่องนี้"),
        ("ผลการดำเนินงานรอบ ๖ เดือน ของมาตรการ «ของเครื่องนี้»", 2569, "มีเฉพาะในเครื่องนี้"),
    ]
    import_bundle(here, bundle)
    assert stored(here, Measure, "sort_order") == {
        "m680": 1,
        "m681": 0,
        "m690": 0,
        "m691": 1,
        "m69-here": 2,
    }


# --- evidence files -------------------------------------------------------------------------


def with_evidence(place: Place, *contents: bytes) -> Database:
    """An office whose round 6 of 2569 has one evidence file per content."""
    there = place.db()
    office(there)
    [_year, _measure, entry] = year_with_measure(there)
    for number, content in enumerate(contents):
        source = place.root / f"หลักฐาน{number}.pdf"
        source.write_bytes(content)
        sha, size = store_file(there, source)
        put(there, Attachment(uuid=f"att-{number}", entry_id=entry, filename=source.name,
                              sha256=sha, size=size))  # fmt: skip
    return there


def test_evidence_missing_here_is_copied_even_when_every_row_is_here(place):
    there = with_evidence(place, b"%PDF-1" * 1000, b"%PDF-2" * 40_000)
    here = place.db(like=there)
    bundle = place.bundle(there)
    [kept, gone] = sorted(bundle.files, key=lambda sha: bundle.files[sha].path)
    (here.files_dir / kept[:2]).mkdir(parents=True)
    shutil.copy(attachment_path(there, kept), attachment_path(here, kept))
    before = dump(here)
    plan = plan_import(here, bundle)
    assert [e.sha256 for e in plan.new_files] == [gone] and not plan.is_noop
    assert plan.preview_lines()[1:] == [
        "เพิ่ม ๐ รายการ เปลี่ยน ๐ รายการ คงไว้ ๖ รายการ",
        f"{OFFICE}: เพิ่ม ๐ เปลี่ยน ๐ คงไว้ ๑",
        "ปีงบประมาณ ๒๕๖๙: เพิ่ม ๐ เปลี่ยน ๐ คงไว้ ๕",
        "ไฟล์หลักฐานใหม่ ๑ ไฟล์ (๐.๒ MB)",
    ]
    steps = []
    result = import_bundle(here, bundle, progress=steps.append)
    copying = "กำลังคัดลอกไฟล์หลักฐาน หลักฐาน1.pdf"
    assert [(s.text, s.done, s.total, s.final) for s in steps] == [
        (copying, 0, 240_001, False),
        (copying, 240_000, 240_001, False),
    ]
    assert (result.files_copied, result.backup) == (1, None)
    assert [e.sha256 for e in result.plan.new_files] == [gone]
    assert dump(here) == before and files_in(here) == files_in(there)


def test_evidence_is_copied_before_the_backup_and_the_one_transaction(place):
    there = with_evidence(place, b"%PDF-1" * 1000)
    here = place.db()
    bundle = place.bundle(there)
    [sha] = bundle.files
    attachment_path(here, sha).parent.mkdir(parents=True)  # a folder another file made
    steps = []
    result = import_bundle(here, bundle, progress=steps.append)
    copying = "กำลังคัดลอกไฟล์หลักฐาน หลักฐาน0.pdf"
    assert [(s.text, s.done, s.total, s.final) for s in steps] == [
        (copying, 0, 6001, False), (copying, 6000, 6001, False),
        ("กำลังสำรองฐานข้อมูล", 6000, 6001, False), ("กำลังบันทึกข้อมูล", 6000, 6001, True),
        ("นำเข้าเสร็จแล้ว", 6000, 6001, True),
    ]  # fmt: skip
    assert result.files_copied == 1 and len(result.plan.new_files) == 1
    assert result.backup.parent == here.data_dir / "backups"
    assert len(result.plan.added) == 5 and dump(here) == dump(there)


def test_a_cancel_while_copying_leaves_the_database_and_no_partial_file(place):
    there = with_evidence(place, b"%PDF-1" * 1000)
    here = place.db()
    before = dump(here)
    steps = []
    with pytest.raises(BundleCancelled) as cancelled:
        import_bundle(here, place.bundle(there), progress=steps.append,
                      cancel=lambda: len(steps) == 1)  # fmt: skip
    assert str(cancelled.value) == "ยกเลิกการนำเข้าแล้ว: ข้อมูลยังไม่ถูกแก้ไข"
    assert dump(here) == before and files_in(here) == []


@pytest.mark.parametrize("spare", [0, -1])
def test_evidence_needs_its_size_and_50_mb_free(place, monkeypatch, spare):
    there = with_evidence(place, b"%PDF-1" * 1000, b"%PDF-2" * 1000)
    here = place.db()
    bundle = place.bundle(there)
    before = dump(here)
    free = 12_000 + 50 * 1024 * 1024 + spare
    monkeypatch.setattr(merge.shutil, "disk_usage", lambda path: SimpleNamespace(free=free))
    if spare == 0:
        assert import_bundle(here, bundle).files_copied == 2
        return
    with pytest.raises(BundleError) as refused:
        import_bundle(here, bundle)
    assert str(refused.value) == (
        "พื้นที่ว่างในเครื่องไม่พอสำหรับไฟล์หลักฐาน (๐.๐ MB): โปรดลบไฟล์ที่ไม่ใช้ก่อน ข้อมูลยังไม่ถูกแก้ไข"
    )
    assert dump(here) == before and files_in(here) == []


def test_a_data_folder_that_cannot_be_made_is_named(place, monkeypatch):
    there = with_evidence(place, b"%PDF-1" * 1000)
    here = place.db()
    bundle = place.bundle(there)
    before = dump(here)

    def denied(path):
        raise PermissionError(errno.EACCES, "denied")

    monkeypatch.setattr(merge.shutil, "disk_usage", denied)
    with pytest.raises(BundleError) as refused:
        import_bundle(here, bundle)
    assert str(refused.value) == "นำเข้าไม่สำเร็จ: ไม่มีสิทธิ์เข้าถึงโฟลเดอร์ข้อมูล"
    assert dump(here) == before


def test_a_disk_that_fails_while_copying_is_named(place, monkeypatch):
    there = with_evidence(place, b"%PDF-1" * 1000)
    here = place.db()
    bundle = place.bundle(there)
    before = dump(here)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "full")

    monkeypatch.setattr(merge, "replace_file", full)
    with pytest.raises(BundleError) as refused:
        import_bundle(here, bundle)
    assert str(refused.value) == ("นำเข้าไม่สำเร็จ: พื้นที่บนไฟล์ชุดข้อมูลหรือโฟลเดอร์ข้อมูลเต็ม ข้อมูลยังไม่ถูกแก้ไข")
    assert dump(here) == before


def replaced(bundle: Bundle, change) -> None:
    """The bundle's file is rewritten after it was verified: ``change(name, data)``."""
    with zipfile.ZipFile(bundle.path) as old:
        content = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(bundle.path, "w") as new:
        for info, data in content:
            data = change(info.filename, data)
            if data is not None:
                new.writestr(info, data)


def test_a_bundle_that_loses_an_entry_after_the_check_is_refused(place):
    there = with_evidence(place, b"%PDF-1" * 1000)
    here = place.db()
    bundle = place.bundle(there)
    [entry] = bundle.files.values()
    replaced(bundle, lambda name, data: None if name == entry.path else data)
    before = dump(here)
    with pytest.raises(InvalidBundle) as refused:
        import_bundle(here, bundle)
    assert str(refused.value) == (f"ไม่พบ {entry.path} ในชุดข้อมูลระหว่างนำเข้า: ข้อมูลยังไม่ถูกแก้ไข")
    assert dump(here) == before and files_in(here) == []


@pytest.mark.parametrize("cut", [0, 1], ids=["same size", "one byte less"])
def test_a_bundle_whose_evidence_changed_after_the_check_is_refused(place, cut):
    there = with_evidence(place, b"%PDF-1" * 1000)
    here = place.db()
    bundle = place.bundle(there)
    [entry] = bundle.files.values()
    if cut:
        replaced(bundle, lambda name, data: data[:-1] if name == entry.path else data)
    else:
        replaced(bundle, lambda name, data: data[::-1] if name == entry.path else data)
    before = dump(here)
    with pytest.raises(InvalidBundle) as refused:
        import_bundle(here, bundle)
    assert str(refused.value) == (f"ไฟล์ {entry.path} ในชุดข้อมูลเปลี่ยนไประหว่างนำเข้า: ข้อมูลยังไม่ถูกแก้ไข")
    assert dump(here) == before and files_in(here) == []


def test_evidence_another_process_stored_meanwhile_is_not_copied_again(place, monkeypatch):
    there = with_evidence(place, b"%PDF-1" * 1000, b"%PDF-2" * 1000)
    here = place.db()
    bundle = place.bundle(there)
    first = min(bundle.files, key=lambda sha: bundle.files[sha].path)
    real = merge.plan_import

    def planned_then_stored(db, bundle):
        plan = real(db, bundle)
        attachment_path(here, first).parent.mkdir(parents=True)
        attachment_path(here, first).write_bytes(b"stored by the other window")
        return plan

    monkeypatch.setattr(merge, "plan_import", planned_then_stored)
    result = import_bundle(here, bundle)
    assert result.files_copied == 1 and len(result.plan.new_files) == 2
    assert attachment_path(here, first).read_bytes() == b"stored by the other window"
    assert len(files_in(here)) == 2


@pytest.mark.parametrize("later", [timedelta(0), timedelta(microseconds=1)])
def test_a_bundle_older_than_the_last_local_edit_is_pointed_out(place, later):
    there = place.db()
    office(there)
    year_with_measure(there)
    here = place.db(like=there)
    edit(there, Measure, "m2569", title="ชื่อใหม่")
    bundle = place.bundle(there)
    made = bundle.created_at.astimezone().replace(tzinfo=None)
    edit(here, ProgressEntry, "p2569", updated_at=made + later)
    warning = "ชุดข้อมูลนี้สร้างก่อนการแก้ไขล่าสุดในเครื่องนี้: โปรดตรวจรายการที่จะเปลี่ยนก่อนนำเข้า"
    plan = plan_import(here, bundle)
    assert plan.warnings == ([warning] if later else [])
    assert plan.preview_lines()[1] == (
        f"คำเตือน: {warning}" if later else "เพิ่ม ๐ รายการ เปลี่ยน ๑ รายการ คงไว้ ๓ รายการ"
    )
    edit(there, Measure, "m2569", title="มาตรการ")  # nothing to change: nothing to check
    assert plan_import(here, place.bundle(there)).warnings == []


def test_the_import_plans_again_under_the_write_lock(place):
    """Another process cannot write between the final plan and the import's writes."""
    there = place.db()
    office(there)
    year_with_measure(there)
    here = place.db()
    bundle = place.bundle(there)
    saving, probes = [], []

    @event.listens_for(here.engine, "before_cursor_execute")
    def another_process_tries(conn, cursor, statement, *args):
        if saving and not probes and statement.lstrip().upper().startswith("SELECT"):
            other = sqlite3.connect(here.path, timeout=0)
            try:
                other.execute("BEGIN IMMEDIATE")
                probes.append("could write")
            except sqlite3.OperationalError as error:
                probes.append(str(error))
            finally:
                other.close()

    def step(progress):
        if progress.text == "กำลังบันทึกข้อมูล":
            saving.append(True)

    import_bundle(here, bundle, progress=step)
    assert probes == ["database is locked"]
    assert stored(here, Measure, "title") == {"m2569": "มาตรการ"}

"""What ภาพรวม counts as printed: every print and every file saved, recorded per year."""

import json

import pytest

from itadesk.bundle import export_bundle, import_bundle, verify_bundle
from itadesk.bundle.data import load_tables
from itadesk.cli import main
from itadesk.db.database import open_database
from itadesk.errors import BundleError, ValidationError
from itadesk.services import overview
from itadesk.services.demo import PLAN_YEAR, RESULT_YEAR, fill_demo
from itadesk.services.print_log import printed, record_printed


def test_printed_lists_each_document_once_in_registry_order(demo_db):
    assert printed(demo_db, PLAN_YEAR) == ()
    record_printed(demo_db, "progress", PLAN_YEAR, 6, "docx")
    record_printed(demo_db, "memo-progress", PLAN_YEAR, 12, "printer")
    record_printed(demo_db, "memo-progress", PLAN_YEAR, 6, "pdf")
    record_printed(demo_db, "memo-progress", PLAN_YEAR, 6, "pdf")  # a reprint
    record_printed(demo_db, "measures", PLAN_YEAR, 6, "pdf")  # no round: kept without
    record_printed(demo_db, "analysis", RESULT_YEAR, None, "pdf")
    assert printed(demo_db, PLAN_YEAR) == (
        ("memo-progress", 6), ("memo-progress", 12), ("measures", None), ("progress", 6),
    )  # fmt: skip
    assert printed(demo_db, RESULT_YEAR) == (("analysis", None),)
    # the plan year's checklist counts the analysis of the assessment year behind it
    assert overview.year_overview(demo_db, PLAN_YEAR).printed == (
        ("memo-progress", 6), ("memo-progress", 12), ("measures", None), ("progress", 6),
        ("analysis", None),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "output", "message"),
    [("memo", "pdf", "ไม่รู้จักเอกสารชนิด memo"), ("measures", "png", "ไม่รู้จักปลายทาง png")],
)
def test_an_unknown_kind_or_output_is_refused_in_thai(demo_db, kind, output, message):
    with pytest.raises(ValidationError, match=message):
        record_printed(demo_db, kind, PLAN_YEAR, None, output)
    assert printed(demo_db, PLAN_YEAR) == ()


def test_the_command_line_print_is_recorded(tmp_path, capsys):
    folder = tmp_path / "ข้อมูล"
    db = open_database(folder)
    fill_demo(db)
    db.close()
    for name in ("รายงาน.pdf", "รายงาน.docx"):
        args = ["print", "memo-progress", "--year", str(PLAN_YEAR), "--round", "6"]
        assert main([*args, "-o", str(tmp_path / name), "--data-dir", str(folder)]) == 0
    db = open_database(folder)
    try:
        assert printed(db, PLAN_YEAR) == (("memo-progress", 6),)
    finally:
        db.close()


def test_print_records_travel_in_the_bundle(demo_db, tmp_path):
    record_printed(demo_db, "memo-progress", PLAN_YEAR, 6, "printer")
    record_printed(demo_db, "analysis", RESULT_YEAR, None, "docx")
    bundle = export_bundle(demo_db, tmp_path / "ชุดข้อมูล.zip").path
    other = open_database(tmp_path / "other")
    try:
        import_bundle(other, verify_bundle(bundle))
        assert printed(other, PLAN_YEAR) == (("memo-progress", 6),)
        assert printed(other, RESULT_YEAR) == (("analysis", None),)
    finally:
        other.close()


def test_a_bundle_naming_an_unknown_document_is_refused():
    uuid = "00000000-0000-4000-8000-000000000000"
    row = {
        "uuid": uuid, "fiscal_year_uuid": uuid, "kind": "letter", "round": None,
        "output": "pdf", "printed_at": "2026-01-01T00:00:00",
    }  # fmt: skip
    raw = json.dumps({"format_version": 1, "tables": {"print_record": [row]}}).encode()
    with pytest.raises(BundleError, match=r"print_record แถวที่ ๑ kind"):
        load_tables(raw, {})

"""Hostile data.json content inside a bundle whose manifest and checksums are all valid."""

import base64
import io
from datetime import datetime, timedelta, timezone

import pytest

from itadesk.bundle import import_bundle, plan_import, verify_bundle
from itadesk.bundle.verify import InvalidBundle
from itadesk.cli import main
from itadesk.services import office

from .conftest import dump, files_in, with_data


def setting(name, key, value):
    def edit(tables):
        tables[name][0][key] = value

    return edit


def dropping(name, key):
    def edit(tables):
        del tables[name][0][key]

    return edit


def memo(**values):
    def edit(tables):
        year = tables["fiscal_year"][0]["uuid"]
        tables["memo"].append({"uuid": "memo-1", "fiscal_year_uuid": year, **values})

    return edit


HOSTILE = {
    "attachment filename outside": (
        setting("attachment", "filename", "../../../../tmp/pwned.txt"),
        "attachment แถวที่ ๑ filename",
    ),
    "attachment filename unsafe": (setting("attachment", "filename", "a:b?.txt"), "filename"),
    "attachment filename empty": (setting("attachment", "filename", ""), "filename"),
    "attachment sha256 outside": (
        setting("attachment", "sha256", "../../../../../../../etc/passwd"),
        "attachment แถวที่ ๑ sha256",
    ),
    "attachment sha256 not in bundle": (
        setting("attachment", "sha256", "0" * 64),
        "attachment แถวที่ ๑ sha256.*ไม่มีในชุดข้อมูล",
    ),
    "attachment negative size": (setting("attachment", "size", -1), "attachment แถวที่ ๑ size"),
    "fiscal year without year": (dropping("fiscal_year", "year"), "fiscal_year แถวที่ ๑ year"),
    "fiscal year out of range": (setting("fiscal_year", "year", 12), "fiscal_year แถวที่ ๑ year"),
    "measure without title": (dropping("measure", "title"), "measure แถวที่ ๑ title"),
    "measure steps not text": (setting("measure", "steps", [1, 2]), "measure แถวที่ ๑ steps"),
    "measure units not a list": (setting("measure", "units", "กองคลัง"), "measure แถวที่ ๑ units"),
    "measure rounds": (setting("measure", "rounds", [5]), "measure แถวที่ ๑ rounds"),
    "measure rounds bool": (setting("measure", "rounds", [True]), "measure แถวที่ ๑ rounds"),
    "measure links": (setting("measure", "links", ["x9"]), "measure แถวที่ ๑ links"),
    "measure period reversed": (
        lambda t: t["measure"][0].update(period_start="2026-03-31", period_end="2025-10-01"),
        "measure แถวที่ ๑.*เดือนเริ่มต้น",
    ),
    "progress status": (
        setting("progress_entry", "status", "hacked"),
        "progress_entry แถวที่ ๑ status",
    ),
    "progress round": (setting("progress_entry", "round", 7), "progress_entry แถวที่ ๑ round"),
    "finding target": (setting("finding", "target", "zzz"), "finding แถวที่ ๑ target"),
    "office columns": (
        setting("office", "measure_columns", ["owner"]),
        "office แถวที่ ๑ measure_columns",
    ),
    "office columns not text": (setting("office", "measure_columns", {"a": 1}), "measure_columns"),
    "office column titles": (setting("office", "column_titles", {"nope": "x"}), "column_titles"),
    "office paperwork field": (
        setting("office", "paperwork", {"titles": {"measures": ["{ปี}"]}}),
        "office แถวที่ ๑ paperwork: ไม่รู้จักช่อง",
    ),
    "office paperwork shape": (setting("office", "paperwork", {"numbering": 3}), "paperwork"),
    "office group order": (
        setting("office", "paperwork", {"group_order": ["IIT", "IIT", "OIT"]}),
        "office แถวที่ ๑ paperwork: ลำดับกลุ่มต้องมี IIT, EIT, OIT",
    ),
    "office reviewer chain": (
        setting("office", "reviewer_chain", [{"label": 1, "person": "x"}]),
        "office แถวที่ ๑ reviewer_chain",
    ),
    "memo kind": (memo(kind="evil"), "memo แถวที่ ๑ kind"),
    "memo round": (memo(kind="progress", round=4), "memo แถวที่ ๑ round"),
    "memo reviewer chain": (
        memo(kind="measures", reviewer_chain=["x"]),
        "memo แถวที่ ๑ reviewer_chain",
    ),
    "memo parts": (memo(kind="measures", parts=[{"title": 1}]), "memo แถวที่ ๑ parts"),
    "memo part table": (
        memo(kind="measures", parts=[{"title": "", "text": "", "table": "evil"}]),
        "memo แถวที่ ๑ parts",
    ),
    "result score over 100": (
        setting("ita_result", "scores", ["120"] + ["90"] * 9),
        "ita_result แถวที่ ๑ scores",
    ),
    "result nine scores": (setting("ita_result", "scores", ["90"] * 9), "ita_result แถวที่ ๑ scores"),
    "result tool": (setting("ita_result", "tool_scores", {"XYZ": "90"}), "tool_scores"),
    "result official": (setting("ita_result", "official_overall", "abc"), "official_overall"),
    "result low items": (
        setting("ita_result", "low_items", [{"code": "zz", "text": "x"}]),
        "ita_result แถวที่ ๑ low_items",
    ),
    # rules written for the services' own data break on others: refused all the same
    "result low items not objects": (
        setting("ita_result", "low_items", [1, 2]),
        r"^ชุดข้อมูล \S+ ใช้ไม่ได้: ข้อมูลในชุดข้อมูลไม่ถูกต้อง \(ita_result แถวที่ ๑ low_items\)",
    ),
    "result low items an object": (
        setting("ita_result", "low_items", {"code": "i4"}),
        r"\(ita_result แถวที่ ๑ low_items\)",
    ),
    "updated_at before year 1 in UTC": (
        setting("progress_entry", "updated_at", "0001-01-01T00:00:00+14:00"),
        r"\(progress_entry แถวที่ ๑ updated_at\)",
    ),
    "office chain of a billion lines": (
        setting("office", "reviewer_chain", [{"label": "ปลัด", "person": "p", "lines": 10**9}]),
        r"\(office แถวที่ ๑ reviewer_chain\)",
    ),
    "memo chain of negative lines": (
        memo(kind="measures", reviewer_chain=[{"label": "ปลัด", "person": "p", "lines": -1}]),
        r"\(memo แถวที่ ๑ reviewer_chain\)",
    ),
    "office emblem not an image": (
        setting("office", "emblem", base64.b64encode(b"not an image").decode()),
        r"\(office แถวที่ ๑ emblem: ไฟล์ตราครุฑต้องเป็นภาพ PNG หรือ JPEG\)",
    ),
    "office emblem a broken image": (
        setting("office", "emblem", base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"0" * 40).decode()),
        r"\(office แถวที่ ๑ emblem: ไฟล์ตราครุฑเสียหาย",
    ),
    "attachment size other than its file": (
        setting("attachment", "size", 999_999_999),
        r"\(attachment แถวที่ ๑ size: ไม่ตรงกับขนาดของไฟล์ในชุดข้อมูล\)",
    ),
}


@pytest.fixture
def target_db(other_db):
    office.update_office(other_db, name="ปลายทาง")
    return other_db


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_hostile_data_is_refused_and_nothing_changes(case, good_bundle, target_db, tmp_path):
    edit, reason = HOSTILE[case]
    bad = with_data(good_bundle, tmp_path / "hostile.zip", edit)
    before, files = dump(target_db), files_in(target_db)
    with pytest.raises(InvalidBundle, match=reason) as raised:
        verify_bundle(bad)
    assert "\n" not in str(raised.value) and "ใช้ไม่ได้" in str(raised.value)
    code = main(["--data-dir", str(target_db.data_dir), "bundle", "import", str(bad), "--yes"])
    assert code == 4
    assert dump(target_db) == before and files_in(target_db) == files


def test_the_helper_keeps_a_valid_bundle_valid(good_bundle, tmp_path):
    assert verify_bundle(with_data(good_bundle, tmp_path / "same.zip", lambda tables: None))


def test_the_new_rules_keep_valid_values(good_bundle, tmp_path):
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, "PNG")
    chain = [{"label": "ปลัด", "person": "p", "lines": n} for n in (0, office.MAX_COMMENT_LINES)]

    def edit(tables):
        tables["office"][0].update(emblem=base64.b64encode(png.getvalue()).decode())
        tables["office"][0].update(reviewer_chain=chain)

    bundle = verify_bundle(with_data(good_bundle, tmp_path / "valid.zip", edit))
    assert bundle.tables["office"][0]["emblem"] == png.getvalue()


def test_an_aware_updated_at_becomes_local_time(good_bundle, target_db, tmp_path):
    import_bundle(target_db, verify_bundle(good_bundle), confirm_other_office=True)
    soon = datetime.now(timezone(timedelta(hours=7))) + timedelta(hours=2)  # within a day
    aware = soon.replace(microsecond=0).isoformat()

    def edit(tables):
        tables["progress_entry"][0].update(updated_at=aware, done_text="แก้จากเครื่องอื่น")

    bundle = verify_bundle(with_data(good_bundle, tmp_path / "aware.zip", edit))
    row = bundle.tables["progress_entry"][0]
    assert row["updated_at"] == datetime.fromisoformat(aware).astimezone().replace(tzinfo=None)
    plan = plan_import(target_db, bundle)
    assert [c.table for c in plan.changed] == ["progress_entry"]
    import_bundle(target_db, bundle, confirm_other_office=True)
    assert plan_import(target_db, bundle).is_noop


def test_every_model_column_type_travels():
    """data.json carries only the column types it can check (docs/bundle-format.md)."""
    from itadesk.bundle.data import COLUMN_TYPES, TABLES

    odd = [f"{t.name}.{c.name}: {c.type!r}" for t in TABLES for c in t.columns
           if not isinstance(c.type, COLUMN_TYPES)]  # fmt: skip
    assert not odd


def test_a_decimal_travels_exactly_and_bad_ones_are_refused():
    from decimal import Decimal

    from sqlalchemy import Column, Numeric

    from itadesk.bundle.data import DataError, _decode, encode

    amount = Column("amount", Numeric(12, 2), nullable=False)
    assert encode(amount, Decimal("12345.50")) == "12345.50"
    assert _decode(amount, "12345.50", "งบ") == Decimal("12345.50")
    for bad in (12345.5, "NaN", "Infinity", "1" * 13, "เงิน"):
        with pytest.raises(DataError, match="ข้อมูลในชุดข้อมูลไม่ถูกต้อง"):
            _decode(amount, bad, "งบ")

"""The import preview's counts: added, changed, and kept (older copies plus unchanged rows)."""

from datetime import datetime, timedelta

from itadesk.bundle import export_bundle, plan_import, verify_bundle
from itadesk.domain.numerals import digits
from tests.bundle.conftest import with_data


def test_kept_counts_the_older_copies_and_the_unchanged_rows(demo_db, tmp_path):
    own = export_bundle(demo_db, tmp_path / "own.zip", years=[]).path
    later = (datetime.now() + timedelta(hours=1)).isoformat()

    def edit(tables):
        first, second = sorted(tables["progress_entry"], key=lambda r: r["uuid"])[:2]
        first.update(done_text="แก้ที่เครื่องอื่นภายหลัง", updated_at=later)
        second.update(done_text="ฉบับเก่า", updated_at="2000-01-01T00:00:00")

    bundle = verify_bundle(with_data(own, tmp_path / "edited.zip", edit))
    rows = sum(len(r) for r in bundle.tables.values())
    plan = plan_import(demo_db, bundle)
    assert (len(plan.added), len(plan.changed), len(plan.kept)) == (0, 1, 1)
    assert plan.summary() == f"เพิ่ม ๐ รายการ เปลี่ยน ๑ รายการ คงไว้ {digits(rows - 1)} รายการ"
    sections = [line for line in plan.preview_lines() if ": เพิ่ม " in line]
    kept = sum(int(line.rsplit("คงไว้ ", 1)[1].translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
               for line in sections)  # fmt: skip
    assert kept == rows - 1

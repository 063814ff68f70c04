"""The years side by side: history rows, changes, fallen indicators, skipped years."""

import json
from decimal import Decimal

from itadesk.cli import main
from itadesk.domain.history import compare, signed, skipped_note, year_scores
from itadesk.domain.scoring import assess
from itadesk.services import history, measures, years
from itadesk.services.demo import SCORES
from itadesk.services.measures import MeasureInput

Y2566 = ["90", "85", "88", "86", "91", "93", "85", "89", "80", "92"]
Y2567 = ["89", "86", "87", "85", "92", "91", "84", "88", "86", "95"]


def test_rows_follow_the_years_with_changes_and_fallen_indicators():
    rows = compare(
        [year_scores(assess(2568, SCORES, Decimal("85.98")), "ผ่าน"),
         year_scores(assess(2566, Y2566)), year_scores(assess(2567, Y2567))]
    )  # fmt: skip
    assert [r.year for r in rows] == [2566, 2567, 2568]
    assert rows[0].change is None and rows[0].fallen == ()
    assert rows[1].overall == Decimal("88.84") and rows[1].change == Decimal("1.34")
    assert rows[1].tool_changes["OIT"] == Decimal("4.50")
    assert rows[2].overall == Decimal("85.98")  # the official score when given
    assert rows[2].change == Decimal("-2.86")
    assert rows[2].fallen == (4, 9)  # 85 → 79.64 and 86 → 78.50; 84 → 83.40 is not marked
    assert (signed(rows[1].change), signed(rows[2].change), signed(None)) == ("+๑.๓๔", "−๒.๘๖", "–")


def test_a_fall_of_exactly_five_is_marked():
    before = ["90"] * 10
    after = ["85", "85.01", *["90"] * 8]
    rows = compare([year_scores(assess(2566, before)), year_scores(assess(2567, after))])
    assert rows[1].fallen == (1,)


def test_service_skips_and_names_years_without_scores(demo_db):
    years.record_scores(demo_db, 2566, Y2566)
    measures.add_measure(demo_db, 2567, MeasureInput(title="มาตรการทดสอบ"))  # a year, no scores
    found = history.history(demo_db)
    assert [r.year for r in found.rows] == [2566, 2568]
    assert found.skipped == [2567, 2569]
    assert skipped_note(found.skipped) == (
        "ปีงบประมาณ ๒๕๖๗, ๒๕๖๙ ยังไม่มีคะแนนผลการประเมิน จึงไม่รวมไว้ในการเปรียบเทียบ"
    )
    assert found.rows[1].change == Decimal("85.98") - Decimal("87.50")  # from 2566, the year before
    assert [r.year for r in history.history(demo_db, up_to=2566).rows] == [2566]


def test_cli_score_history(tmp_path, capsys):
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo"]) == 0
    assert main(["score", "--history", "--data-dir", data]) == 0  # one year: no change yet
    capsys.readouterr()
    from itadesk.db.database import open_database

    db = open_database(tmp_path / "d")
    years.record_scores(db, 2567, Y2567, official_level="ผ่าน")
    db.close()
    assert main(["score", "--history", "--data-dir", data]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2].split() == ["2567", "87.80", "87.67", "90.50", "88.84", "–", "ผ่าน"]
    assert out[3].split() == ["2568", "85.75", "87.83", "84.75", "85.98", "−2.86", "ผ่าน"]
    assert out[4] == "ปี 2568: ตัวชี้วัดที่ลดลง 5 คะแนนขึ้นไป: 4, 9"
    assert out[5].startswith("ปีงบประมาณ 2569 ยังไม่มีคะแนน")
    assert main(["score", "--history", "--json", "--data-dir", data]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [y["year"] for y in document["years"]] == [2567, 2568]
    assert document["years"][1]["change"] == -2.86 and document["years"][1]["fallen"] == [4, 9]
    assert document["skipped"] == [2569]


def test_cli_score_without_history_still_needs_year_and_scores(capsys):
    import pytest

    with pytest.raises(SystemExit) as exit_info:
        main(["score"])
    assert exit_info.value.code == 2
    assert "ต้องระบุ --year, --scores" in capsys.readouterr().err


def test_analysis_report_compares_past_years_up_to_its_own(demo_db, tmp_path):
    from itadesk.services.documents import PrintOptions, build_document
    from tests.pdftext import flat, pdf_text

    years.record_scores(demo_db, 2566, Y2566)
    measures.add_measure(demo_db, 2567, MeasureInput(title="มาตรการทดสอบ"))
    plain = pdf_text(build_document(demo_db, "analysis", 2568, None, PrintOptions()), tmp_path)
    assert "ย้อนหลัง" not in plain
    pdf = build_document(demo_db, "analysis", 2568, None, PrintOptions(history=True))
    text = flat(pdf_text(pdf, tmp_path))
    section = text[text.index("ผลการประเมินคุณธรรมและความโปร่งใสย้อนหลัง") :]
    assert section.startswith(
        "ผลการประเมินคุณธรรมและความโปร่งใสย้อนหลังปีงบประมาณIITEITOITภาพรวมเปลี่ยนแปลงระดับ"
        "๒๕๖๖๘๘.๐๐๘๙.๐๐๘๖.๐๐๘๗.๕๐–ผ่านดี"
        "๒๕๖๘๘๕.๗๕๘๗.๘๓๘๔.๗๕๘๕.๙๘−๑.๕๒ผ่าน"
    )
    assert "ปีงบประมาณ๒๕๖๗ยังไม่มีคะแนนผลการประเมินจึงไม่รวมไว้ในการเปรียบเทียบ" in section
    assert "๒๕๖๙" not in section.split("ส่วนที่")[0]  # later years stay out of this report

"""The score check names the likely typo (issue 13, section 3)."""

import json
from decimal import Decimal

from itadesk.cli import main
from itadesk.domain.scoring import assess, likely_typos, one_digit_slips
from itadesk.services import documents, years

REFERENCE = ["99.44", "97.75", "98.79", "97.47", "98.79", "92.83", "91.26", "90.33", "100", "100"]


def typed(**changes: str) -> list[str]:
    """The reference scores (official 96.98) with some indicators typed wrongly."""
    scores = list(REFERENCE)
    for key, value in changes.items():
        scores[int(key.removeprefix("i")) - 1] = value
    return scores


def test_one_digit_slips_change_one_digit_or_swap_two():
    slips = one_digit_slips(Decimal("50.36"))
    assert Decimal("90.36") in slips and Decimal("53.06") in slips and Decimal("5.36") in slips
    assert Decimal("50.36") not in slips and all(0 <= s <= 100 for s in slips)


def test_a_mistyped_digit_is_named():
    result = assess(2566, [Decimal(s) for s in typed(i1="59.44")], Decimal("96.98"))
    [hint] = likely_typos(result)
    assert (hint.indicator.number, hint.likely) == (1, Decimal("99.44"))
    assert hint.typed == Decimal("59.44")
    assert "ถ้าตัวชี้วัดที่ ๑ เป็น ๙๙.๔๔ (ไม่ใช่ ๕๙.๔๔) คะแนนภาพรวมจะเท่ากับ ๙๖.๙๘ ที่ประกาศ" in (
        result.mismatch_message()
    )


def test_swapped_digits_are_named_and_agreeing_scores_name_nothing():
    result = assess(2566, [Decimal(s) for s in typed(i2="79.75")], Decimal("96.98"))
    assert [(h.indicator.number, h.likely) for h in likely_typos(result)] == [(2, Decimal("97.75"))]
    assert likely_typos(assess(2566, [Decimal(s) for s in REFERENCE], Decimal("96.98"))) == []
    far = assess(2566, [Decimal(s) for s in typed(i1="10", i2="10")], Decimal("96.98"))
    assert likely_typos(far) == [] and "ถ้าตัวชี้วัด" not in far.mismatch_message()


def test_score_command_names_the_typo_and_still_exits_3(capsys):
    args = ["score", "--year", "2566", "--scores", ",".join(typed(i1="59.44"))]
    assert main([*args, "--official", "96.98"]) == 3
    assert "ถ้าตัวชี้วัดที่ ๑ เป็น ๙๙.๔๔ (ไม่ใช่ ๕๙.๔๔)" in capsys.readouterr().err
    assert main([*args, "--official", "96.98", "--json"]) == 3
    data = json.loads(capsys.readouterr().out)
    assert [(s["number"], s["typed"], s["likely"]) for s in data["suggestions"]] == [
        (1, 59.44, 99.44)
    ]


def test_an_analysis_of_disagreeing_scores_is_flagged(db):
    years.record_scores(db, 2566, typed(i1="59.44"), official_overall="96.98")
    [warning] = documents.document_warnings(db, "analysis", 2566, None)
    assert "ไม่ตรงกับคะแนนที่คำนวณ" in warning and "ถ้าตัวชี้วัดที่ ๑ เป็น ๙๙.๔๔" in warning
    years.record_scores(db, 2566, REFERENCE, official_overall="96.98")
    assert documents.document_warnings(db, "analysis", 2566, None) == []

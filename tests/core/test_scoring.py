import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itadesk.domain.scoring import SCHEMES, assess, scheme_for, target_label
from itadesk.errors import NotFoundError, ValidationError

# facts taken from the reference documents, kept inside the repository (see docs/scoring.md)
TEST_DATA = Path(__file__).resolve().parents[1] / "data"
REFERENCE_SCORES = [99.44, 97.75, 98.79, 97.47, 98.79, 92.83, 91.26, 90.33, 100, 100]
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def reference_indicator_scores():
    """The indicator table of the reference analysis report, read from its text as extracted."""
    text = (TEST_DATA / "indicator-table-2566.txt").read_text(encoding="utf-8")
    rows = re.findall(r"^(?:IIT|EIT|OIT)?\t([๐-๙]+)\t[^\t]+\t([๐-๙.]+)$", text, re.M)
    scores = {int(n.translate(THAI_DIGITS)): s.translate(THAI_DIGITS) for n, s in rows}
    return [Decimal(scores[n]) for n in range(1, 11)]


def test_reference_report_gives_96_98():
    scores = reference_indicator_scores()
    assert scores == [Decimal(str(s)) for s in REFERENCE_SCORES]
    result = assess(2566, scores, official_overall=Decimal("96.98"))
    assert result.overall == Decimal("96.98")
    assert result.level == "ผ่านดี"
    summary = (TEST_DATA / "indicator-table-2566.txt").read_text(encoding="utf-8")
    assert "ภาพรวมอยู่ที่ ๙๖.๙๘ คะแนน อยู่ในระดับผ่านดี" in summary  # what the report says
    assert result.tool_scores == {
        "IIT": Decimal("98.45"),
        "EIT": Decimal("91.47"),
        "OIT": Decimal("100.00"),
    }
    assert [i.number for i in result.weakest] == [8, 7, 6]
    assert result.below_target == ()
    assert not result.official_differs


def test_official_score_that_differs_warns_in_thai():
    result = assess(2566, REFERENCE_SCORES, official_overall=96.99)
    assert result.official_differs
    assert "๙๖.๙๙" in result.mismatch_message() and "๙๖.๙๘" in result.mismatch_message()


def test_letter_levels_before_2566():
    assert assess(2565, [95] * 10).level == "AA"
    assert assess(2565, [94.99] * 10).level == "A"
    assert assess(2563, [60] * 10).level == "D"
    assert assess(2562, [49.99] * 10).level == "F"


def test_target_levels_from_2566_look_at_every_tool():
    assert assess(2567, [96] * 10).level == "ผ่านดีเยี่ยม"
    # overall above 95 but OIT under 95: not ผ่านดีเยี่ยม
    assert assess(2567, [100] * 8 + [90, 90]).level == "ผ่านดี"
    # overall above 85 with EIT under 85
    assert assess(2567, [100] * 5 + [80, 80, 80] + [100, 100]).level == "ผ่าน"
    assert assess(2567, [75] * 10).level == "ต้องปรับปรุง"
    assert assess(2567, [60] * 10).level == "ต้องปรับปรุงโดยด่วน"


def test_printed_tool_scores_decide_the_level():
    scores = [96] * 10
    assert assess(2567, scores, official_tool_scores={"EIT1": 94, "EIT2": 99}).level == "ผ่านดี"


def test_below_target_lists_weak_indicators():
    scores = [90, 84.99, 90, 70, 90, 90, 90, 90, 90, 90]
    assert [i.number for i in assess(2566, scores).below_target] == [4, 2]


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ([120] + [90] * 9, "ตัวชี้วัดที่ ๑: «๑๒๐» ไม่ถูกต้อง คะแนนต้องอยู่ระหว่าง ๐ ถึง ๑๐๐"),
        ([-1] + [90] * 9, "ระหว่าง ๐ ถึง ๑๐๐"),
        ([90] * 9, "๑๐ ตัวชี้วัด"),
    ],
)
def test_bad_scores_are_refused(scores, message):
    with pytest.raises(ValidationError, match=message):
        assess(2566, scores)


def test_year_without_scheme():
    with pytest.raises(NotFoundError, match="๒๕๕๐"):
        scheme_for(2550)
    assert scheme_for(2580) is SCHEMES[-1]


score = st.decimals(min_value=0, max_value=100, places=2)
years = st.sampled_from([2562, 2565, 2566, 2570])


@given(years, st.lists(score, min_size=10, max_size=10))
def test_overall_stays_within_0_and_100(year, scores):
    result = assess(year, scores)
    assert Decimal(0) <= result.overall <= Decimal(100)
    assert all(Decimal(0) <= s <= Decimal(100) for s in result.tool_scores.values())


@given(years, st.lists(score, min_size=10, max_size=10), st.integers(0, 9), score)
def test_level_never_falls_when_a_score_rises(year, scores, index, new):
    if new < scores[index]:
        return
    levels = [rule.name for rule in scheme_for(year).levels]
    before = assess(year, scores).level
    raised = list(scores)
    raised[index] = new
    after = assess(year, raised).level
    assert levels.index(after) <= levels.index(before)


def test_some_printed_tool_scores_do_not_hide_the_others():
    # IIT is 90: whatever EIT's printed parts say, not ผ่านดีเยี่ยม
    scores = [90] * 5 + [96, 97, 96.5] + [100, 100]
    assert assess(2566, scores, None, {"EIT1": 96, "EIT2": 97}).level == "ผ่านดี"
    # EIT computed 94.99 but printed in two parts of 95 and 96: the printed parts decide
    scores = [96] * 5 + [95, 95, 94.97] + [96, 96]
    assert assess(2566, scores).level == "ผ่านดี"
    assert assess(2566, scores, None, {"EIT1": 95, "EIT2": 96}).level == "ผ่านดีเยี่ยม"


def test_level_uses_tool_scores_as_shown():
    scores = [96] * 5 + [95, 95, 94.99] + [96, 96]  # EIT 94.9967 shows as 95.00
    result = assess(2566, scores)
    assert result.tool_scores["EIT"] == Decimal("95.00")
    assert result.level == "ผ่านดีเยี่ยม"


def test_targets_read_as_the_clerk_knows_them():
    assert target_label("ind4 i5 o12") == "ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ, i๕, o๑๒"
    assert target_label("ind10", thai=False) == "ตัวชี้วัดที่ 10 การป้องกันการทุจริต"
    assert target_label("ind99") == "ind๙๙"  # not an indicator: shown as stored

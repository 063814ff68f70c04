"""Each scoring rule pinned at its edges, one table row per rule: a new scheme is new rows.

A threshold is tested at its value and 0.01 below, so moving it by one point, or turning
``>=`` into ``>``, fails a row.
"""

from datetime import date
from decimal import Decimal

import pytest

from itadesk.domain.dates import month_year
from itadesk.domain.numerals import parse_decimal, parse_int
from itadesk.domain.scoring import INDICATORS, TARGET, assess, check_score, scheme_for
from itadesk.errors import ValidationError

D = Decimal


def _scores(iit: str, eit: str, oit: str) -> list[Decimal]:
    """Ten scores whose tools average exactly ``iit``, ``eit`` and ``oit``."""
    return [D(iit)] * 5 + [D(eit)] * 3 + [D(oit)] * 2


# (scheme year, IIT, EIT, OIT, expected level): the overall is 0.3 IIT + 0.3 EIT + 0.4 OIT
LEVEL_EDGES = [
    # 2566 on: every level needs the overall; ผ่านดีเยี่ยม and ผ่านดี need each tool too
    (2566, "95", "95", "95", "ผ่านดีเยี่ยม"),
    (2566, "94.99", "95", "95.01", "ผ่านดี"),  # overall 95.00 but IIT under 95
    (2566, "95", "95", "94.99", "ผ่านดี"),  # overall 94.996 → 95.00, OIT under 95
    (2566, "94.99", "94.99", "94.99", "ผ่านดี"),
    (2566, "85", "85", "85", "ผ่านดี"),
    (2566, "84.99", "95", "95", "ผ่าน"),  # overall 92, IIT under 85
    (2566, "95", "84.99", "95", "ผ่าน"),  # EIT under 85
    (2566, "95", "95", "84.99", "ผ่าน"),  # OIT under 85
    (2566, "84.99", "84.99", "84.99", "ต้องปรับปรุง"),
    (2566, "70", "70", "70", "ต้องปรับปรุง"),
    (2566, "69.99", "69.99", "69.99", "ต้องปรับปรุงโดยด่วน"),
    (2566, "0", "0", "0", "ต้องปรับปรุงโดยด่วน"),
    # 2562–2565: letters by the overall alone
    (2565, "95", "95", "95", "AA"),
    (2565, "94.99", "94.99", "94.99", "A"),
    (2565, "85", "85", "85", "A"),
    (2565, "84.99", "84.99", "84.99", "B"),
    (2565, "75", "75", "75", "B"),
    (2565, "74.99", "74.99", "74.99", "C"),
    (2565, "65", "65", "65", "C"),
    (2565, "64.99", "64.99", "64.99", "D"),
    (2565, "55", "55", "55", "D"),
    (2565, "54.99", "54.99", "54.99", "E"),
    (2565, "50", "50", "50", "E"),
    (2565, "49.99", "49.99", "49.99", "F"),
    (2562, "0", "0", "0", "F"),
]


@pytest.mark.parametrize(("year", "iit", "eit", "oit", "level"), LEVEL_EDGES)
def test_level_at_each_threshold(year: int, iit: str, eit: str, oit: str, level: str) -> None:
    assert assess(year, _scores(iit, eit, oit)).level == level


@pytest.mark.parametrize(
    ("year", "first", "last"), [(2561, None, None), (2562, 2562, 2565), (2565, 2562, 2565),
                                (2566, 2566, None), (2580, 2566, None)],
)  # fmt: skip
def test_scheme_years(year: int, first: int | None, last: int | None) -> None:
    if first is None:
        with pytest.raises(Exception, match="ไม่มีเกณฑ์"):
            scheme_for(year)
        return
    scheme = scheme_for(year)
    assert (scheme.first_year, scheme.last_year) == (first, last)


@pytest.mark.parametrize(("score", "below"), [("85.00", False), ("84.99", True), ("85.01", False)])
def test_target_line_at_85(score: str, below: bool) -> None:
    assert D(85) == TARGET
    scores = [D(100)] * 10
    scores[3] = D(score)
    result = assess(2566, scores)
    assert [i.number for i in result.below_target] == ([4] if below else [])


# indicator number -> (tool, name): documents name indicators through Scheme.indicator(n)
INDICATOR_TABLE = [
    (1, "IIT", "การปฏิบัติหน้าที่"),
    (2, "IIT", "การใช้งบประมาณ"),
    (3, "IIT", "การใช้อำนาจ"),
    (4, "IIT", "การใช้ทรัพย์สินของราชการ"),
    (5, "IIT", "การแก้ไขปัญหาการทุจริต"),
    (6, "EIT", "คุณภาพการดำเนินงาน"),
    (7, "EIT", "ประสิทธิภาพการสื่อสาร"),
    (8, "EIT", "การปรับปรุงการทำงาน"),
    (9, "OIT", "การเปิดเผยข้อมูล"),
    (10, "OIT", "การป้องกันการทุจริต"),
]


@pytest.mark.parametrize(("number", "tool", "name"), INDICATOR_TABLE)
@pytest.mark.parametrize("year", [2562, 2566])
def test_each_indicator_tool_and_number(number: int, tool: str, name: str, year: int) -> None:
    ind = scheme_for(year).indicator(number)
    assert (ind.number, ind.tool, ind.name) == (number, tool, name)
    assert INDICATORS[number - 1] == ind


@pytest.mark.parametrize("number", range(1, 11))
def test_each_indicator_counts_for_its_own_tool(number: int) -> None:
    """Lowering one indicator lowers its own tool's score only."""
    scores = [D(90)] * 10
    scores[number - 1] = D(60)
    tools = assess(2566, scores).tool_scores
    tool = INDICATOR_TABLE[number - 1][1]
    assert tools[tool] < D(90)
    assert all(v == D(90) for t, v in tools.items() if t != tool)


@pytest.mark.parametrize(
    ("value", "ok"), [("100", True), ("0", True), ("100.01", False), ("-0.01", False),
                      ("100.5", False), ("101", False)],
)  # fmt: skip
def test_score_bounds(value: str, ok: bool) -> None:
    if ok:
        assert check_score(D(value)) == D(value)
    else:
        with pytest.raises(ValidationError, match="ระหว่าง ๐ ถึง ๑๐๐"):
            check_score(D(value))


@pytest.mark.parametrize(
    ("printed", "level"),
    [
        ({"EIT1": 84.99}, "ผ่าน"),  # one EIT part printed under 85 decides
        ({"EIT2": 84.99}, "ผ่าน"),
        ({"EIT1": 95, "EIT2": 95}, "ผ่านดีเยี่ยม"),  # the parts replace the computed EIT
        ({"EIT": 84.99}, "ผ่าน"),
    ],
)
def test_results_printed_in_parts(printed: dict, level: str) -> None:
    scores = _scores("96", "94", "96")  # computed EIT 94 alone would keep ผ่านดี
    expected_without = "ผ่านดี"
    assert assess(2566, scores).level == expected_without
    assert assess(2566, scores, official_tool_scores=printed).level == level


def test_mismatch_message_only_when_scores_differ() -> None:
    same = assess(2566, [D(90)] * 10, official_overall=D(90))
    assert not same.official_differs and same.mismatch_message() == ""
    other = assess(2566, [D(90)] * 10, official_overall=D("90.01"))
    assert other.official_differs and "๙๐.๐๑" in other.mismatch_message()
    assert assess(2566, [D(90)] * 10).mismatch_message() == ""


# ---- numbers and dates ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [("๙๖ .๙๘", "96.98"), (" 96.98 ", "96.98"), ("๑,๒๓๔", "1234"), ("1" * 40, "1" * 40)],
)
def test_numbers_accepted(text: str, value: str) -> None:
    assert parse_decimal(text) == D(value)


@pytest.mark.parametrize(
    ("text", "why"),
    [("1" * 41, "ยาวเกินไป"), ("88,5", "ใช้จุดคั่นทศนิยม"), ("abc", "ไม่ใช่ตัวเลข"),
     ("inf", "ไม่ใช่ตัวเลข"), ("nan", "ไม่ใช่ตัวเลข")],
)  # fmt: skip
def test_numbers_refused(text: str, why: str) -> None:
    with pytest.raises(ValidationError, match=why):
        parse_decimal(text)


def test_whole_numbers_up_to_twelve_digits() -> None:
    assert parse_int("9" * 12) == int("9" * 12)
    with pytest.raises(ValidationError, match="ใหญ่เกินไป"):
        parse_int("1" + "0" * 12)
    with pytest.raises(ValidationError, match="ใหญ่เกินไป"):
        parse_int("1e30000")
    with pytest.raises(ValidationError, match="จำนวนเต็ม"):
        parse_int("6.5")
    assert parse_int("0") == 0


def test_month_year_prints_thai_digits_by_default() -> None:
    assert month_year(date(2022, 10, 1)) == "ต.ค. ๖๕"
    assert month_year(date(2023, 3, 31), thai_digits=False) == "มี.ค. 66"

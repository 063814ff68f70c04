import dataclasses
from datetime import date, datetime
from decimal import Decimal

import pytest

from itadesk.domain.dates import (
    Round,
    be_year,
    ce_year,
    check_round,
    fiscal_year_of,
    month_end,
    month_names,
    month_year,
    period_text,
    thai_date,
    thai_datetime,
)
from itadesk.domain.numerals import check_range, digits, format_score, parse_decimal, parse_int
from itadesk.domain.scoring import (
    INDICATORS,
    SCHEMES,
    TARGET,
    TOOLS,
    Suggestion,
    assess,
    check_score,
    likely_typos,
    one_digit_slips,
    scheme_for,
    target_label,
)
from itadesk.errors import NotFoundError, ValidationError

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
    (2566, "80", "85", "88.75", "ผ่าน"),  # overall exactly 85.00, IIT under 85
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


# each scheme's level rules as published, lowest last: (name, overall, each tool)
LEVEL_TABLES = {
    2562: [("AA", 95, None), ("A", 85, None), ("B", 75, None), ("C", 65, None),
           ("D", 55, None), ("E", 50, None), ("F", 0, None)],
    2566: [("ผ่านดีเยี่ยม", 95, 95), ("ผ่านดี", 85, 85), ("ผ่าน", 85, None),
           ("ต้องปรับปรุง", 70, None), ("ต้องปรับปรุงโดยด่วน", 0, None)],
}  # fmt: skip


@pytest.mark.parametrize("year", sorted(LEVEL_TABLES))
def test_level_tables_as_published(year: int) -> None:
    rules = scheme_for(year).levels
    assert [(r.name, r.min_overall, r.min_each_tool) for r in rules] == LEVEL_TABLES[year]


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
        ({"EIT1": 95}, "ผ่านดีเยี่ยม"),  # one part printed replaces it too
        ({"EIT2": 95}, "ผ่านดีเยี่ยม"),
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


# ---- what the mutation run found unpinned (scripts/mutation.sh) -----------------------------
def test_tools_in_print_order_and_every_scheme_weighs_them() -> None:
    assert TOOLS == ("IIT", "EIT", "OIT")  # the columns of the history table and the groups
    for scheme in SCHEMES:
        assert tuple(scheme.tool_weights) == TOOLS
        assert sum(scheme.tool_weights.values()) == D(1)
        assert {ind.tool for ind in scheme.indicators} == set(TOOLS)


@pytest.mark.parametrize(
    "thing",
    [INDICATORS[0], SCHEMES[0].levels[0], SCHEMES[0], assess(2566, [D(90)] * 10),
     Suggestion(INDICATORS[0], D(80), D(90), D(90)), Round(2566, 6)],
)  # fmt: skip
def test_rules_cannot_be_changed_after_the_fact(thing: object) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        thing.year = 2500  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("target", "label"),
    [("ind1", "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"), ("ind10", "ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต"),
     ("ind0", "ind๐"), ("ind11", "ind๑๑"), ("indx", "indx"), ("i1", "i๑"), ("o12", "o๑๒")],
)  # fmt: skip
def test_target_label_names_indicators_1_to_10_only(target: str, label: str) -> None:
    assert target_label(target) == label


def test_a_year_before_every_scheme_names_the_first_year() -> None:
    with pytest.raises(NotFoundError) as error:
        scheme_for(2561)
    assert str(error.value) == "ไม่มีเกณฑ์การประเมินของปีงบประมาณ ๒๕๖๑ (มีตั้งแต่ปี ๒๕๖๒ เป็นต้นไป)"


@pytest.mark.parametrize(
    ("call", "message"),
    [(lambda: check_score(D(101)), "คะแนน: «๑๐๑» ไม่ถูกต้อง คะแนนต้องอยู่ระหว่าง ๐ ถึง ๑๐๐"),
     (lambda: assess(2566, [D(90)] * 10, official_overall=D(101)), "คะแนนภาพรวม: «๑๐๑»"),
     (lambda: assess(2566, [D(90)] * 10, official_tool_scores={"EIT1": 101}), "คะแนน EIT1: «๑๐๑»"),
     (lambda: assess(2566, [D(90)] * 9), "ต้องกรอกคะแนน ๑๐ ตัวชี้วัด แต่ได้ ๙ ค่า")],
)  # fmt: skip
def test_each_score_refusal_names_its_field(call, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        call()
    assert str(error.value).startswith(message)


def test_official_overall_is_kept_as_a_decimal() -> None:
    result = assess(2566, [D(90)] * 10, official_overall=90.5)
    assert result.official_overall == D("90.5") and result.official_differs
    assert result.mismatch_message().startswith(
        "คำเตือน: คะแนนภาพรวมที่ประกาศ ๙๐.๕๐ ไม่ตรงกับคะแนนที่คำนวณจากตัวชี้วัด ๙๐.๐๐ "
        "โปรดตรวจสอบคะแนนรายตัวชี้วัดที่กรอก"
    )


def test_one_digit_slips_exactly() -> None:
    slips = one_digit_slips(D("12.34"))
    assert slips == sorted(slips) and len(slips) == 4 * 9 + 3  # each digit changed, 3 swaps
    assert {D("21.34"), D("13.24"), D("12.43"), D("92.34"), D("12.39"), D("2.34")} <= set(slips)
    assert D("12.34") not in slips and D("31.24") not in slips  # no swap of distant digits
    top = one_digit_slips(D("100.00"))
    assert D(0) in top and D("10.00") in top and max(top) < 100
    assert D(100) in one_digit_slips(D("200.00"))  # the edges 0 and 100 are scores


def test_no_typo_named_when_the_official_score_agrees() -> None:
    assert likely_typos(assess(2566, [D(90)] * 10, official_overall=D(90))) == []
    assert likely_typos(assess(2566, [D(90)] * 10)) == []
    slipped = [D(80)] + [D(90)] * 9  # overall 89.40; one digit makes it the official 90.00
    found = likely_typos(assess(2566, slipped, official_overall=D(90)))
    assert [(s.indicator.number, s.typed, s.likely, s.official) for s in found] == [
        (1, D(80), D(90), D(90)), *((n, D(90), D(96), D(90)) for n in (6, 7, 8)),
        *((n, D(90), D(93), D(90)) for n in (9, 10)),
    ]  # fmt: skip
    assert found[0].message() == (
        "ถ้าตัวชี้วัดที่ ๑ เป็น ๙๐.๐๐ (ไม่ใช่ ๘๐.๐๐) คะแนนภาพรวมจะเท่ากับ ๙๐.๐๐ ที่ประกาศ"
    )


def test_the_warning_names_each_likely_typo_after_it() -> None:
    slipped = [D(80)] + [D(90)] * 9
    warning = assess(2566, slipped, official_overall=D(90)).mismatch_message()
    assert warning.startswith(
        "คำเตือน: คะแนนภาพรวมที่ประกาศ ๙๐.๐๐ ไม่ตรงกับคะแนนที่คำนวณจากตัวชี้วัด ๘๙.๔๐ "
        "โปรดตรวจสอบคะแนนรายตัวชี้วัดที่กรอก ถ้าตัวชี้วัดที่ ๑ เป็น ๙๐.๐๐ (ไม่ใช่ ๘๐.๐๐) "
        "คะแนนภาพรวมจะเท่ากับ ๙๐.๐๐ ที่ประกาศ ถ้าตัวชี้วัดที่ ๖ เป็น ๙๖.๐๐"
    )


def test_weakest_are_the_three_lowest_by_default() -> None:
    scores = [D(90 - n) for n in range(10)]  # indicator 10 lowest
    assert [i.number for i in assess(2566, scores).weakest] == [10, 9, 8]
    assert [i.number for i in assess(2566, scores, weakest_count=1).weakest] == [10]


@pytest.mark.parametrize(
    ("text", "thai", "printed"),
    [("ข้อ 12", True, "ข้อ ๑๒"), ("ข้อ ๑๒", False, "ข้อ 12"), (2566, True, "๒๕๖๖"),
     ("www.tambon1.go.th ข้อ 3", True, "www.tambon1.go.th ข้อ ๓"),
     ("a1@b2.go.th 1 http://x3.th 2 c4@d5.th", True, "a1@b2.go.th ๑ http://x3.th ๒ c4@d5.th")],
)  # fmt: skip
def test_digits_thai_unless_switched_off_and_links_as_typed(text, thai: bool, printed: str) -> None:
    assert digits(text, thai) == printed


@pytest.mark.parametrize(
    ("text", "message"),
    [("9_9", "ราคา: «9_9» ไม่ใช่ตัวเลข"), ("abc", "ราคา: «abc» ไม่ใช่ตัวเลข"),
     ("1" * 50, "ราคา: «" + "1" * 20 + "…» ยาวเกินไป"),
     ("x" * 30 + ",1", "ราคา: «" + "x" * 20 + "» ไม่ใช่ตัวเลข (ใช้จุดคั่นทศนิยม เช่น ๘๘.๕)")],
)  # fmt: skip
def test_number_refusals_name_the_field_and_the_start_of_the_text(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_decimal(text, "ราคา")
    assert str(error.value) == message


def test_whole_number_refusals_name_the_field() -> None:
    with pytest.raises(ValidationError) as error:
        parse_int("1" + "0" * 12, "จำนวน")
    assert str(error.value) == "จำนวน: «1000000000000» ใหญ่เกินไป"
    with pytest.raises(ValidationError) as error:
        parse_int("6.5", "จำนวน")
    assert str(error.value) == "จำนวน: ต้องเป็นจำนวนเต็ม"


def test_range_refusal_names_both_ends_with_thousands() -> None:
    assert check_range(0.1, "x", D(0), D(1)) == D("0.1")  # the typed value, not its float
    assert check_range(D(1000), "x", D(1000), D(2000)) == D(1000)
    with pytest.raises(ValidationError) as error:
        check_range(D(999), "ผู้รับบริการ", D(1000), D(2000), what="จำนวน")
    assert str(error.value) == ("ผู้รับบริการ: «๙๙๙» ไม่ถูกต้อง จำนวนต้องอยู่ระหว่าง ๑,๐๐๐ ถึง ๒,๐๐๐")


@pytest.mark.parametrize(
    ("value", "thai", "printed"),
    [(D("96.985"), True, "๙๖.๙๘"), (96.5, True, "๙๖.๕๐"), (0, False, "0.00"),
     (D("100"), False, "100.00")],
)  # fmt: skip
def test_format_score_two_decimals(value, thai: bool, printed: str) -> None:
    assert format_score(value, thai) == printed


@pytest.mark.parametrize(
    ("call", "thai", "arabic"),
    [(lambda t: thai_date(date(2023, 4, 3), True, t), "๓ เม.ย. ๖๖", "3 เม.ย. 66"),
     (lambda t: thai_date(date(1962, 1, 9), True, t), "๙ ม.ค. ๐๕", "9 ม.ค. 05"),
     (lambda t: month_year(date(2043, 2, 1), t), "ก.พ. ๘๖", "ก.พ. 86"),
     (lambda t: period_text(date(2022, 10, 1), date(2023, 9, 30), t),
      "ต.ค. ๖๕ – ก.ย. ๖๖", "ต.ค. 65 – ก.ย. 66"),
     (lambda t: thai_datetime(datetime(2026, 1, 2, 3, 4), t),
      "๒ มกราคม ๒๕๖๙ เวลา ๐๓:๐๔ น.", "2 มกราคม 2569 เวลา 03:04 น."),
     (lambda t: Round(2566, 12).title(t), "รอบ ๑๒ เดือน (๑ ตุลาคม ๒๕๖๕ - ๓๐ กันยายน ๒๕๖๖)",
      "รอบ 12 เดือน (1 ตุลาคม 2565 - 30 กันยายน 2566)")],
)  # fmt: skip
def test_dates_print_thai_digits_unless_switched_off(call, thai: str, arabic: str) -> None:
    assert call(True) == thai
    assert call(False) == arabic


@pytest.mark.parametrize(
    ("day", "fiscal"),
    [(date(2022, 9, 30), 2565), (date(2022, 10, 1), 2566), (date(2022, 12, 31), 2566)],
)  # fmt: skip
def test_fiscal_year_turns_on_1_october(day: date, fiscal: int) -> None:
    assert fiscal_year_of(day) == fiscal
    assert be_year(day.year) == day.year + 543 and ce_year(be_year(day.year)) == day.year


@pytest.mark.parametrize(
    ("months", "start", "end"),
    [(3, date(2022, 10, 1), date(2022, 12, 31)), (6, date(2023, 1, 1), date(2023, 3, 31)),
     (9, date(2023, 4, 1), date(2023, 6, 30)), (12, date(2023, 7, 1), date(2023, 9, 30))],
)  # fmt: skip
def test_each_round_adds_three_months(months: int, start: date, end: date) -> None:
    current = Round(2566, months)
    assert (current.start, current.quarter_start, current.end) == (date(2022, 10, 1), start, end)


def test_thai_date_with_the_era() -> None:
    assert thai_date(date(2023, 4, 3), era=True) == "๓ เมษายน พ.ศ. ๒๕๖๖"
    assert thai_date(date(2023, 4, 3), thai_digits=False, era=True) == "3 เมษายน พ.ศ. 2566"


@pytest.mark.parametrize(("year", "month", "last"), [(2024, 2, 29), (2023, 12, 31), (2023, 11, 30)])
def test_month_end(year: int, month: int, last: int) -> None:
    assert month_end(year, month) == date(year, month, last)


def test_an_unknown_round_names_itself() -> None:
    assert check_round(9) == 9
    with pytest.raises(ValidationError) as error:
        check_round(4)
    assert str(error.value) == "รอบรายงาน ๔ เดือน ไม่มี: ใช้ได้เฉพาะรอบ ๓, ๖, ๙ หรือ ๑๒ เดือน"


def test_month_names_wide_and_abbreviated() -> None:
    assert (month_names()[1], month_names()[12]) == ("มกราคม", "ธันวาคม")
    assert (month_names(True)[1], month_names(abbreviated=True)[12]) == ("ม.ค.", "ธ.ค.")
    assert month_names() is month_names()  # read from Babel once


# every refusal of a typed number, word for word: the clerk reads these
@pytest.mark.parametrize(
    ("call", "message"),
    [(lambda: parse_decimal("abc"), "ตัวเลข: «abc» ไม่ใช่ตัวเลข"),
     (lambda: parse_decimal(" inf ", "ราคา"), "ราคา: «inf» ไม่ใช่ตัวเลข"),
     (lambda: parse_decimal("-NaN", "ราคา"), "ราคา: «-NaN» ไม่ใช่ตัวเลข"),
     (lambda: parse_decimal("1_" + "2" * 30, "ราคา"), "ราคา: «1_" + "2" * 18 + "» ไม่ใช่ตัวเลข"),
     (lambda: parse_int("6.5"), "ตัวเลข: ต้องเป็นจำนวนเต็ม"),
     (lambda: parse_int("๑" + "๐" * 24, "จำนวน"), "จำนวน: «๑" + "๐" * 19 + "» ใหญ่เกินไป"),
     (lambda: check_range(D(3), "ข้อ", D(1), D(2)), "ข้อ: «๓» ไม่ถูกต้อง ต้องอยู่ระหว่าง ๑ ถึง ๒")],
)  # fmt: skip
def test_number_refusals_word_for_word(call, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        call()
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("value", "ok"), [("1000", True), ("2000", True), ("999.99", False), ("2000.01", False)]
)
def test_range_includes_both_ends(value: str, ok: bool) -> None:
    if ok:
        assert check_range(D(value), "x", D(1000), D(2000)) == D(value)
    else:
        with pytest.raises(ValidationError):
            check_range(D(value), "x", D(1000), D(2000))

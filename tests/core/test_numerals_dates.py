from datetime import UTC, date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itadesk.domain.dates import (
    ROUNDS,
    Round,
    fiscal_year_of,
    fiscal_year_range,
    month_names,
    period_text,
    thai_date,
)
from itadesk.domain.numerals import (
    format_score,
    parse_decimal,
    parse_int,
    to_arabic_digits,
    to_thai_digits,
)
from itadesk.errors import ValidationError


def test_thai_digits_both_ways():
    assert to_thai_digits("นศ 53301/165") == "นศ ๕๓๓๐๑/๑๖๕"
    assert to_arabic_digits("๙๖.๙๘") == "96.98"


@given(st.text())
def test_digits_round_trip(text):
    arabic_only = to_arabic_digits(text)
    assert to_arabic_digits(to_thai_digits(arabic_only)) == arabic_only
    assert not any(c in "0123456789" for c in to_thai_digits(text))


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("96.98", "96.98"), ("๙๖.๙๘", "96.98"), (" 1,234 ", "1234"), ("๑๐๐", "100"),
        ("1,234,567.5", "1234567.5"),
    ],
)
def test_parse_decimal_accepts_both_digit_kinds(typed, value):
    assert parse_decimal(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["abc", "", "9o", "nan", "inf", "1.2.3"])
def test_parse_decimal_refuses_text_with_thai_message(typed):
    with pytest.raises(ValidationError, match="ไม่ใช่ตัวเลข"):
        parse_decimal(typed, "คะแนน")


@pytest.mark.parametrize("typed", ["88,5", "๘๘,๕๐", "1,23", "12,3456"])
def test_a_decimal_comma_is_refused_not_read_as_thousands(typed):
    with pytest.raises(ValidationError, match="ใช้จุดคั่นทศนิยม"):
        parse_decimal(typed, "คะแนน")


def test_parse_int_refuses_fractions():
    assert parse_int("๒๕๖๖") == 2566
    with pytest.raises(ValidationError, match="จำนวนเต็ม"):
        parse_int("2566.5")


def test_format_score():
    assert format_score(Decimal("100")) == "๑๐๐.๐๐"
    assert format_score(Decimal("96.98"), thai=False) == "96.98"


def test_thai_dates_full_and_abbreviated():
    assert thai_date(date(2023, 4, 3)) == "๓ เมษายน ๒๕๖๖"
    assert thai_date(date(2023, 4, 3), abbreviated=True) == "๓ เม.ย. ๖๖"
    assert thai_date(date(2022, 9, 29), thai_digits=False) == "29 กันยายน 2565"
    assert period_text(date(2022, 10, 1), date(2023, 3, 31)) == "ต.ค. ๖๕ – มี.ค. ๖๖"


@given(st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)))
def test_every_day_has_a_thai_date_and_fiscal_year(day):
    text = to_arabic_digits(thai_date(day))
    d, month, year = text.split(" ")
    assert int(d) == day.day and int(year) == day.year + 543
    assert month == month_names()[day.month]
    first, last = fiscal_year_range(fiscal_year_of(day))
    assert first <= day <= last
    assert (last - first).days in (364, 365)


def test_round_six_months_of_2566():
    six = Round(2566, 6)
    assert (six.start, six.end) == (date(2022, 10, 1), date(2023, 3, 31))
    assert six.title() == "รอบ ๖ เดือน (๑ ตุลาคม ๒๕๖๕ - ๓๑ มีนาคม ๒๕๖๖)"


def test_unknown_round_is_refused():
    with pytest.raises(ValidationError, match="๓, ๖, ๙ หรือ ๑๒"):
        Round(2566, 5)


@given(st.integers(min_value=2550, max_value=2650))
def test_rounds_cover_the_fiscal_year_without_gap_or_overlap(year):
    first, last = fiscal_year_range(year)
    expected = first
    for months in ROUNDS:
        current = Round(year, months)
        assert current.start == first  # rounds are cumulative from 1 October
        assert current.quarter_start == expected  # each adds the months after the last
        expected = current.end + timedelta(days=1)
    assert Round(year, 12).end == last


def test_thai_datetime_in_local_time():
    from datetime import datetime

    from itadesk.domain.dates import thai_datetime

    naive = datetime(2026, 11, 22, 7, 41)
    assert thai_datetime(naive) == "๒๒ พฤศจิกายน ๒๕๖๙ เวลา ๐๗:๔๑ น."
    aware = datetime(2026, 11, 22, 0, 41, tzinfo=UTC)
    assert thai_datetime(aware) == thai_datetime(aware.astimezone().replace(tzinfo=None))


def test_links_keep_their_digits():
    from itadesk.domain.numerals import digits

    text = "ดูที่ https://example.go.th/ita2566?id=12 หรือ admin2@tambon.go.th ข้อ 3"
    assert digits(text) == (
        "ดูที่ https://example.go.th/ita2566?id=12 หรือ admin2@tambon.go.th ข้อ ๓"
    )

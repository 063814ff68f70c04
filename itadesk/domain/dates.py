"""Thai dates with Buddhist Era years, fiscal years and reporting rounds.

Month names come from Babel's Thai locale data. The fiscal year (ปีงบประมาณ) runs 1 October
to 30 September and is named by the Buddhist Era year in which it ends.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from babel.dates import get_month_names

from itadesk.domain.numerals import digits
from itadesk.errors import ValidationError

BE_OFFSET = 543
ROUNDS = (3, 6, 9, 12)


@cache
def month_names(abbreviated: bool = False) -> dict[int, str]:
    """Thai month names by month number (1 = มกราคม), from Babel's locale data."""
    width = "abbreviated" if abbreviated else "wide"
    return dict(get_month_names(width, locale="th"))


def be_year(ce_year: int) -> int:
    """The Buddhist Era year of a Christian Era year."""
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    """The Christian Era year of a Buddhist Era year."""
    return be - BE_OFFSET


def thai_date(
    day: date, abbreviated: bool = False, thai_digits: bool = True, era: bool = False
) -> str:
    """``๓ เมษายน ๒๕๖๖``, with ``era`` ``๓ เมษายน พ.ศ. ๒๕๖๖``, or, abbreviated,
    ``๓ เม.ย. ๖๖``."""
    year = be_year(day.year)
    if abbreviated:
        text = f"{day.day} {month_names(True)[day.month]} {year % 100:02d}"
    else:
        text = f"{day.day} {month_names()[day.month]} {'พ.ศ. ' if era else ''}{year}"
    return digits(text, thai_digits)


def thai_datetime(moment: datetime, thai_digits: bool = True) -> str:
    """``๒๒ พฤศจิกายน ๒๕๖๙ เวลา ๐๗:๔๑ น.``, in this PC's time zone when ``moment`` is aware."""
    local = moment.astimezone() if moment.tzinfo else moment
    return f"{thai_date(local.date(), thai_digits=thai_digits)} เวลา " + digits(
        f"{local:%H:%M} น.", thai_digits
    )


def month_year(day: date, thai_digits: bool = True) -> str:
    """An abbreviated month and two-digit BE year: ``ต.ค. ๖๕``."""
    return digits(f"{month_names(True)[day.month]} {be_year(day.year) % 100:02d}", thai_digits)


def period_text(start: date, end: date, thai_digits: bool = True) -> str:
    """A period as offices print it: ``ต.ค. ๖๕ – มี.ค. ๖๖``."""
    return f"{month_year(start, thai_digits)} – {month_year(end, thai_digits)}"


def fiscal_year_of(day: date) -> int:
    """The BE fiscal year that contains ``day`` (1 Oct 2022 is in ๒๕๖๖)."""
    return be_year(day.year + 1 if day.month >= 10 else day.year)


def fiscal_year_range(fiscal_year: int) -> tuple[date, date]:
    """First and last day of a BE fiscal year."""
    end_ce = ce_year(fiscal_year)
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def month_end(year: int, month: int) -> date:
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def _add_months(start: date, months: int) -> tuple[int, int]:
    index = start.year * 12 + start.month - 1 + months
    return index // 12, index % 12 + 1


def check_round(months: int) -> int:
    """Return ``months`` if it names a reporting round (๓, ๖, ๙ or ๑๒ เดือน)."""
    if months not in ROUNDS:
        raise ValidationError(
            f"รอบรายงาน {digits(months)} เดือน ไม่มี: ใช้ได้เฉพาะรอบ ๓, ๖, ๙ หรือ ๑๒ เดือน"
        )
    return months


@dataclass(frozen=True)
class Round:
    """A reporting round of a fiscal year, named by its months (รอบ ๖ เดือน)."""

    fiscal_year: int
    months: int

    def __post_init__(self) -> None:
        check_round(self.months)

    @property
    def start(self) -> date:
        """Rounds are cumulative: every round starts on 1 October."""
        return fiscal_year_range(self.fiscal_year)[0]

    @property
    def end(self) -> date:
        return month_end(*_add_months(self.start, self.months - 1))

    @property
    def quarter_start(self) -> date:
        """First day of the months this round adds to the previous one."""
        year, month = _add_months(self.start, self.months - 3)
        return date(year, month, 1)

    def title(self, thai_digits: bool = True) -> str:
        """``รอบ ๖ เดือน (๑ ตุลาคม ๒๕๖๕ - ๓๑ มีนาคม ๒๕๖๖)``."""
        start = thai_date(self.start, thai_digits=thai_digits)
        end = thai_date(self.end, thai_digits=thai_digits)
        return f"รอบ {digits(self.months, thai_digits)} เดือน ({start} - {end})"

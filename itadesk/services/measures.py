"""Measures of a fiscal year: add, edit, reorder, duplicate, delete (with undo), copy forward."""

from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from itadesk.db.database import Database
from itadesk.db.models import Attachment, Measure, Office, ProgressEntry
from itadesk.domain.dates import ROUNDS, fiscal_year_range, month_end, period_text
from itadesk.domain.numerals import digits
from itadesk.domain.paperwork import group_rank, parse_paperwork
from itadesk.domain.scoring import TOOLS
from itadesk.errors import NotFoundError, ValidationError
from itadesk.services.years import check_target, year_row

WHOLE_YEAR = "ตลอดปีงบประมาณ"  # the period note of a measure run all year


@dataclass
class MeasureInput:
    """What the clerk fills in for one measure."""

    title: str
    group: str = "IIT"
    approach: str = ""
    steps: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    period_start: date | None = None
    period_end: date | None = None
    period_note: str = ""
    follow_up: str = ""
    rounds: list[int] = field(default_factory=lambda: [6, 12])
    links: list[str] = field(default_factory=list)

    def validated(self) -> "MeasureInput":
        """The input checked, with the fields that need it cleaned (the others as given)."""
        if not self.title.strip():
            raise ValidationError("โปรดกรอกชื่อมาตรการ")
        if (self.period_start is None) != (self.period_end is None):
            raise ValidationError("โปรดระบุระยะเวลาทั้งเดือนเริ่มต้นและเดือนสิ้นสุด")
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError("เดือนเริ่มต้นต้องไม่อยู่หลังเดือนสิ้นสุด")
        bad_rounds = [r for r in self.rounds if r not in ROUNDS]
        if bad_rounds:
            raise ValidationError("รอบรายงานใช้ได้เฉพาะ ๓, ๖, ๙ และ ๑๒ เดือน")
        return replace(
            self,
            title=self.title.strip(),
            group=self.group.strip(),
            approach=self.approach.strip(),
            steps=[s.strip() for s in self.steps if s.strip()],
            units=[u.strip() for u in self.units if u.strip()],
            period_note=self.period_note.strip(),
            follow_up=self.follow_up.strip(),
            rounds=sorted(set(self.rounds)),
            links=[code for link in self.links for code in check_target(link).split()],
        )


def group_heading(group: str) -> str:
    """The heading printed above a group: ``มาตรการ/แนวทาง ยกระดับ IIT``, the free heading, or
    nothing for measures without a group."""
    return f"มาตรการ/แนวทาง ยกระดับ {group}" if group in TOOLS else group


def by_group(rows: Sequence[Measure]) -> dict[str, list[Measure]]:
    """Measures by group, groups in the order they first appear, each in print order."""
    groups: dict[str, list[Measure]] = {}
    for measure in rows:
        groups.setdefault(measure.group, []).append(measure)
    return groups


def in_group_order(rows: Sequence[Measure]) -> list[Measure]:
    """Measures group by group, as printed and as the มาตรการ tree shows them."""
    return [measure for members in by_group(rows).values() for measure in members]


def numbers_in_groups(rows: Sequence[Measure], run_on: bool = False) -> dict[int, int]:
    """The number each measure prints with (by id): counting starts again in each group,
    or, ``run_on``, goes on across groups (``rows`` in print order)."""
    counts: dict[str, int] = {}
    numbers = {}
    for measure in rows:
        key = "" if run_on else measure.group
        counts[key] = counts.get(key, 0) + 1
        numbers[measure.id] = counts[key]
    return numbers


def measure_period(measure: Measure, thai_digits: bool = True) -> str:
    """The period as printed: ``ต.ค. ๖๕ – มี.ค. ๖๖``, or the note such as ``ตลอดปี``."""
    if measure.period_start and measure.period_end:
        return period_text(measure.period_start, measure.period_end, thai_digits)
    return measure.period_note


def ordered(session: Session, year: int) -> list[Measure]:
    """Measures of a year in print order, progress and files loaded, in a caller's session:
    by group in the office's order (``group_rank``), then as the office ordered them."""
    fiscal = year_row(session, year)
    order = group_order(session)
    rows = session.scalars(
        select(Measure)
        .where(Measure.fiscal_year_id == fiscal.id)
        .order_by(Measure.sort_order, Measure.id)
        .options(selectinload(Measure.progress).selectinload(ProgressEntry.attachments))
    )
    return sorted(rows, key=lambda m: group_rank(m.group, order))


def group_order(session: Session) -> tuple[str, ...]:
    """The order the office prints its groups in (IIT, EIT, OIT by default)."""
    stored = session.scalar(select(Office.paperwork))
    return parse_paperwork(stored).group_order


def list_measures(db: Database, year: int) -> list[Measure]:
    """Measures of a year in print order, with their progress entries loaded."""
    with db.session() as session:
        try:
            return ordered(session, year)
        except NotFoundError:
            return []


def _get(session: Session, measure_id: int) -> Measure:
    measure = session.get(Measure, measure_id)
    if measure is None:
        raise NotFoundError("ไม่พบมาตรการนี้ (อาจถูกลบไปแล้ว)")
    return measure


def _apply(measure: Measure, data: MeasureInput) -> None:
    for key, value in vars(data.validated()).items():
        setattr(measure, key, value)


def add_measure(db: Database, year: int, data: MeasureInput, catalogue_id: str = "") -> Measure:
    """Add a measure at the end of its group (``catalogue_id``: the catalogue entry it is)."""
    with db.session() as session:
        fiscal = year_row(session, year, create=True)
        existing = ordered(session, year)
        measure = Measure(fiscal_year=fiscal, title="", catalogue_id=catalogue_id)
        _apply(measure, data)
        session.add(measure)
        same_group = [m.sort_order for m in existing if m.group == measure.group]
        measure.sort_order = (max(same_group) if same_group else len(existing)) + 1
        for m in existing:
            if m.sort_order >= measure.sort_order:
                m.sort_order += 1
        session.flush()
        _renumber(session, year)
        return measure


def update_measure(db: Database, measure_id: int, data: MeasureInput) -> Measure:
    with db.session() as session:
        measure = _get(session, measure_id)
        _apply(measure, data)
        return measure


def _renumber(session: Session, year: int) -> None:
    for index, measure in enumerate(ordered(session, year)):
        measure.sort_order = index


def move_measure(db: Database, measure_id: int, offset: int) -> None:
    """Move a measure up (negative) or down (positive) in print order."""
    with db.session() as session:
        measure = _get(session, measure_id)
        listed = ordered(session, measure.fiscal_year.year)
        index = listed.index(measure)
        target = max(0, min(len(listed) - 1, index + offset))
        listed.insert(target, listed.pop(index))
        for position, item in enumerate(listed):
            item.sort_order = position


def duplicate_measure(db: Database, measure_id: int) -> Measure:
    """A copy of a measure (without its progress), placed right after it."""
    with db.session() as session:
        source = _get(session, measure_id)
        for m in ordered(session, source.fiscal_year.year):
            if m.sort_order > source.sort_order:
                m.sort_order += 1
        copy = Measure(fiscal_year=source.fiscal_year, title="")
        _apply(copy, input_of(source))
        copy.title = f"{source.title} (สำเนา)"
        copy.sort_order = source.sort_order + 1
        session.add(copy)
        return copy


def input_of(measure: Measure) -> MeasureInput:
    """Every field of ``MeasureInput`` as the measure stores it (lists copied): what the form
    shows, and what a duplicate or a copy to another year starts from."""
    values = {f.name: getattr(measure, f.name) for f in fields(MeasureInput)}
    return MeasureInput(**{k: list(v) if isinstance(v, list) else v for k, v in values.items()})


@dataclass(frozen=True)
class DeletedMeasure:
    """Everything needed to undo a deletion: the measure and its progress, as plain data."""

    year: int
    measure: dict[str, Any]
    entries: list[dict[str, Any]]


def delete_measure(db: Database, measure_id: int) -> DeletedMeasure:
    """Delete a measure with its progress; the returned value restores it."""
    with db.session() as session:
        measure = _get(session, measure_id)
        snapshot = DeletedMeasure(
            year=measure.fiscal_year.year,
            measure=measure.snapshot("id", "fiscal_year_id"),
            entries=[
                {
                    **entry.snapshot("id", "measure_id"),
                    "attachments": [a.snapshot("id", "entry_id") for a in entry.attachments],
                }
                for entry in measure.progress
            ],
        )
        session.delete(measure)
        return snapshot


def restore_measure(db: Database, deleted: DeletedMeasure) -> Measure:
    """Undo ``delete_measure``: the same measure, UUID, place and progress come back."""
    with db.session() as session:
        fiscal = year_row(session, deleted.year, create=True)
        for m in ordered(session, deleted.year):
            if m.sort_order >= deleted.measure["sort_order"]:
                m.sort_order += 1
        measure = Measure(fiscal_year=fiscal, **deleted.measure)
        for data in deleted.entries:
            fields = {k: v for k, v in data.items() if k != "attachments"}
            entry = ProgressEntry(measure=measure, **fields)
            entry.attachments = [Attachment(**a) for a in data["attachments"]]
        session.add(measure)
        return measure


def copy_measures(db: Database, from_year: int, to_year: int) -> int:
    """Copy a year's measures into another year (periods shifted by the year gap).

    Progress is not copied. Returns how many measures were copied.
    """
    shift = to_year - from_year
    with db.session() as session:
        source = ordered(session, from_year)
        if not source:
            raise NotFoundError(f"ปีงบประมาณ {digits(from_year)} ยังไม่มีมาตรการให้คัดลอก")
        target = year_row(session, to_year, create=True)
        start = len(ordered(session, to_year))
        for index, measure in enumerate(source):
            data = input_of(measure)
            if data.period_start and data.period_end:
                data.period_start = _shift(data.period_start, shift)
                data.period_end = _shift(data.period_end, shift)
            copy = Measure(
                fiscal_year=target, title="", sort_order=start + index,
                catalogue_id=measure.catalogue_id,
            )  # fmt: skip
            _apply(copy, data)
            session.add(copy)
        return len(source)


def _shift(day: date, years: int) -> date:
    if day.day == 1:
        return day.replace(year=day.year + years)
    return month_end(day.year + years, day.month)


def whole_year(year: int) -> tuple[date, date]:
    """Period start and end of a whole fiscal year (for a measure run ตลอดปี)."""
    return fiscal_year_range(year)

"""แนะนำมาตรการ: catalogue measures for the weak points of an assessment year, added to the
plan of the year after with their targets."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from itadesk.db.database import Database
from itadesk.db.models import FiscalYear, Measure
from itadesk.domain.catalogue import CatalogueMeasure, Suggestion, load_catalogue, suggest
from itadesk.domain.dates import fiscal_year_range, month_end
from itadesk.domain.numerals import digits
from itadesk.domain.scoring import scheme_for
from itadesk.errors import NotFoundError, ValidationError
from itadesk.services import measures, years
from itadesk.services.measures import WHOLE_YEAR, MeasureInput


def _plan_ids(db: Database, plan_year: int) -> frozenset[str]:
    """Catalogue ids the plan of ``plan_year`` already has."""
    with db.session() as session:
        found = session.scalars(
            select(Measure.catalogue_id)
            .join(FiscalYear)
            .where(FiscalYear.year == plan_year, Measure.catalogue_id != "")
        )
        return frozenset(found)


def suggestions(db: Database, year: int) -> list[Suggestion]:
    """Catalogue measures for the plan that follows assessment ``year``, weakest points first.

    Without a result for ``year`` every entry is offered, in indicator order.
    """
    years.check_year(year)
    try:
        result = years.get_result(db, year)
    except NotFoundError:
        scores, low_items = None, []
    else:
        scores = [Decimal(s) for s in result.scores]
        low_items = result.low_items
    return suggest(
        load_catalogue(), scores, low_items, _plan_ids(db, year + 1), scheme_for(year).target
    )


def measure_input(entry: CatalogueMeasure, group: str, plan_year: int) -> MeasureInput:
    """A catalogue entry as a measure of ``plan_year``, months placed in that fiscal year."""
    first_day = fiscal_year_range(plan_year)[0]

    def month(index: int) -> tuple[int, int]:  # index 1 = October of the year before
        count = first_day.month - 1 + index - 1
        return first_day.year + count // 12, count % 12 + 1

    start, end = month(entry.months[0]), month(entry.months[1])
    whole = entry.whole_year
    return MeasureInput(
        title=entry.title, group=group, approach=entry.approach, steps=list(entry.steps),
        units=list(entry.owner),
        period_start=None if whole else date(*start, 1),
        period_end=None if whole else month_end(*end),
        period_note=WHOLE_YEAR if whole else "", follow_up=entry.follow_up,
        rounds=list(entry.rounds), links=list(entry.targets),
    )  # fmt: skip


def add_suggestion(db: Database, plan_year: int, entry_id: str) -> Measure:
    """Add catalogue entry ``entry_id`` as a measure of ``plan_year``, in its tool's group.

    Refused when the plan already has a measure from that entry.
    """
    catalogue = load_catalogue()
    entry = catalogue.get(entry_id)
    if entry is None:
        raise NotFoundError(f"ไม่พบมาตรการ «{entry_id}» ในรายการมาตรการแนะนำ")
    if entry_id in _plan_ids(db, plan_year):
        raise ValidationError(f"แผนปีงบประมาณ {digits(plan_year)} มีมาตรการ «{entry.title}» อยู่แล้ว")
    data = measure_input(entry, catalogue.group(entry), plan_year)
    return measures.add_measure(db, plan_year, data, catalogue_id=entry_id)

"""The assessment results of every year entered, side by side."""

from dataclasses import dataclass

from itadesk.db.database import Database
from itadesk.domain.history import YearScores, compare, year_scores
from itadesk.errors import NotFoundError
from itadesk.services import years


@dataclass(frozen=True)
class History:
    rows: list[YearScores]  # years with scores, oldest first, each with its change
    skipped: list[int]  # years entered (measures, a partial result) without scores


def history(db: Database, up_to: int | None = None) -> History:
    """Every year with scores (up to ``up_to`` when given), and the years skipped."""
    rows, skipped = [], []
    for year in years.list_years(db):
        if up_to is not None and year > up_to:
            continue
        try:
            result = years.get_result(db, year)
        except NotFoundError:
            skipped.append(year)
            continue
        rows.append(year_scores(years.assessment_of(result), result.official_level))
    return History(compare(rows), skipped)

"""The documents the clerk printed or saved as files: what ภาพรวม counts as printed.

Every print to a printer and every PDF or Word file saved (from the app or ``itadesk print``)
is recorded with the year, the kind and its round. Rows travel in bundles like the rest, so
another PC sees the same checklist.
"""

from collections.abc import Iterable

from sqlalchemy import select

from itadesk.db.database import Database
from itadesk.db.models import FiscalYear, PrintRecord
from itadesk.errors import ValidationError
from itadesk.services.kinds import FORMATS, KINDS, kind_of
from itadesk.services.years import assessment_year_for, year_row

OUTPUTS = (*FORMATS, "printer")
"""Where a document went: a file of one of the formats, or a printer."""


def record_printed(
    db: Database, kind: str, year: int, round_months: int | None, output: str
) -> None:
    """Note that ``kind`` of ``year`` (and its round, for a kind printed per round) went out."""
    declared = kind_of(kind)
    if output not in OUTPUTS:
        raise ValidationError(f"ไม่รู้จักปลายทาง {output}: ใช้ได้ {', '.join(OUTPUTS)}")
    with db.session() as session:
        session.add(
            PrintRecord(
                fiscal_year=year_row(session, year, create=True), kind=kind, output=output,
                round=round_months if declared.needs_round else None,
            )
        )  # fmt: skip


def printed(db: Database, year: int) -> tuple[tuple[str, int | None], ...]:
    """The (kind, round) pairs printed for ``year``, each once, in the registry's order."""
    with db.session() as session:
        rows = session.execute(
            select(PrintRecord.kind, PrintRecord.round)
            .join(FiscalYear)
            .where(FiscalYear.year == year)
            .distinct()
        ).all()
    return _ordered((kind, months) for kind, months in rows if kind in KINDS)


def year_of(db: Database, kind: str, year: int) -> int:
    """The year ``kind`` is printed for while the clerk works on ``year``: the year itself, or
    its assessment year for a kind that reads the scores (``DocumentKind.of_assessment``)."""
    return assessment_year_for(db, year) if kind_of(kind).of_assessment else year


def printed_for(db: Database, year: int) -> tuple[tuple[str, int | None], ...]:
    """What was printed for the clerk's work on ``year``: its own documents, and those of
    its assessment year that read the scores (the analysis behind the year's plan)."""
    scored = assessment_year_for(db, year)
    own = [p for p in printed(db, year) if not KINDS[p[0]].of_assessment]
    return _ordered([*own, *(p for p in printed(db, scored) if KINDS[p[0]].of_assessment)])


def _ordered(pairs: Iterable[tuple[str, int | None]]) -> tuple[tuple[str, int | None], ...]:
    order = list(KINDS)
    return tuple(sorted(pairs, key=lambda pair: (order.index(pair[0]), pair[1] or 0)))

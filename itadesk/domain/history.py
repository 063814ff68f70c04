"""The years side by side: each assessed year's overall score and tools, with the change from
the year entered before it and the indicators that fell by ``FALL`` points or more."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from itadesk.domain.numerals import digits, format_score
from itadesk.domain.scoring import TOOLS, Assessment

FALL = Decimal(5)  # an indicator that fell this much from the year before is marked


@dataclass(frozen=True)
class YearScores:
    """One assessed year as the history shows it (the official overall and level if given)."""

    year: int
    overall: Decimal
    level: str
    tools: Mapping[str, Decimal]  # IIT, EIT, OIT
    scores: tuple[Decimal, ...]  # the ten indicators
    change: Decimal | None = None  # overall, from the year entered before
    tool_changes: Mapping[str, Decimal] | None = None
    fallen: tuple[int, ...] = ()  # indicator numbers that fell by FALL or more


def year_scores(assessment: Assessment, level: str = "") -> YearScores:
    """A year's row from its assessment; the official overall and ``level`` win when given."""
    return YearScores(
        year=assessment.year,
        overall=assessment.official_overall or assessment.overall,
        level=level or assessment.level,
        tools={t: assessment.tool_scores[t] for t in TOOLS},
        scores=assessment.scores,
    )


def compare(rows: Sequence[YearScores]) -> list[YearScores]:
    """The rows in year order, each with its change from the row before it."""
    ordered = sorted(rows, key=lambda r: r.year)
    out: list[YearScores] = []
    for row in ordered:
        before = out[-1] if out else None
        if before is None:
            out.append(row)
            continue
        fallen = tuple(
            n
            for n, (now, then) in enumerate(zip(row.scores, before.scores, strict=True), 1)
            if then - now >= FALL
        )
        out.append(
            YearScores(
                year=row.year, overall=row.overall, level=row.level, tools=row.tools,
                scores=row.scores, change=row.overall - before.overall,
                tool_changes={t: row.tools[t] - before.tools[t] for t in TOOLS}, fallen=fallen,
            )
        )  # fmt: skip
    return out


def signed(change: Decimal | None, thai: bool = True) -> str:
    """A change as printed: ``+๑.๒๐``, ``−๓.๐๕``, ``๐.๐๐``, or ``–`` for the first year."""
    if change is None:
        return "–"
    sign = "+" if change > 0 else "−" if change < 0 else ""
    return sign + format_score(abs(change), thai)


def skipped_note(skipped: Sequence[int], thai: bool = True) -> str:
    """Names the years entered without scores: they are left out of the history."""
    if not skipped:
        return ""
    listed = ", ".join(digits(year, thai) for year in skipped)
    return f"ปีงบประมาณ {listed} ยังไม่มีคะแนนผลการประเมิน จึงไม่รวมไว้ในการเปรียบเทียบ"

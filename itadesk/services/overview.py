"""ภาพรวม: where a fiscal year stands, as facts for the home screen's checklist."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from itadesk.db.database import Database
from itadesk.domain.dates import ROUNDS, Round
from itadesk.domain.scoring import Indicator
from itadesk.services import office, print_log, progress, years
from itadesk.services.measures import by_group, list_measures

PROFILE_FIELDS = ("name", "district", "province", "department")  # printed on every memo


@dataclass(frozen=True)
class RoundState:
    """A reporting round: its end and how many measures have something entered at it."""

    months: int
    end: date
    entered: int
    total: int

    @property
    def state(self) -> str:
        """``done`` (every measure entered), ``partly`` or ``todo``."""
        if self.total and self.entered == self.total:
            return "done"
        return "partly" if self.entered else "todo"


@dataclass(frozen=True)
class Overview:
    year: int
    missing_profile: tuple[str, ...]  # PROFILE_FIELDS left empty, and "writer" when unset
    chain_steps: int
    # whose scores the year works from (years.assessment_year_for); with none entered, the
    # year before: a plan is built on the result of the year before, the one to enter
    assessment_year: int
    has_scores: bool
    weakest: tuple[tuple[Indicator, Decimal], ...]
    measures: dict[str, int]  # group → count, in group order
    rounds: tuple[RoundState, ...]
    printed: tuple[tuple[str, int | None], ...]  # (kind, round) printed or saved as a file
    next_round: RoundState | None  # the first round not yet over
    days_left: int | None


def year_overview(db: Database, year: int, today: date | None = None) -> Overview:
    """Where ``year`` stands on ``today`` (default: today)."""
    today = today or date.today()
    profile = office.get_office(db)
    missing = [name for name in PROFILE_FIELDS if not getattr(profile, name).strip()]
    if not profile.writer_uuid:
        missing.append("writer")
    scored = years.assessment_year_for(db, year)
    weakest: tuple[tuple[Indicator, Decimal], ...] = ()
    has_scores = years.has_result(db, scored)
    if not has_scores:
        scored = year - 1
    if has_scores:
        assessment = years.assessment_of(years.get_result(db, scored))
        weakest = tuple((i, assessment.scores[i.number - 1]) for i in assessment.weakest)
    listed = list_measures(db, year)
    rounds = []
    for months in ROUNDS:
        entered = sum(progress.entry_for(m, months) is not None for m in listed)
        rounds.append(RoundState(months, Round(year, months).end, entered, len(listed)))
    upcoming = next((r for r in rounds if r.end >= today), None)
    return Overview(
        year=year, missing_profile=tuple(missing), chain_steps=len(profile.reviewer_chain),
        assessment_year=scored, has_scores=has_scores, weakest=weakest,
        measures={group: len(members) for group, members in by_group(listed).items()},
        rounds=tuple(rounds), printed=print_log.printed_for(db, year), next_round=upcoming,
        days_left=(upcoming.end - today).days if upcoming else None,
    )  # fmt: skip


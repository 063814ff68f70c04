"""The catalogue of ready measures (``data/measures-catalogue.toml``), keyed by what each
measure improves, and the ranking of its entries against a year's weak points.

An entry targets indicators (``ind1``–``ind10``), IIT/EIT questions (``i4``, ``e13``) and OIT
items (``o23``) of the catalogue's scheme; ``answers`` says which indicators that reaches, a
question or an item counting for the indicator it belongs to.
"""

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files

from itadesk.domain.numerals import digits, format_score
from itadesk.domain.oit import OitItem, shipped_items
from itadesk.domain.scoring import INDICATORS, TARGET

CATALOGUE_FILE = "measures-catalogue.toml"
TOPICS_FILE = "question-topics.toml"
SOURCES = {
    "guide": "คู่มือหรือแนวทางที่เผยแพร่ต่อสาธารณะ",
    "practice": "แนวปฏิบัติที่พบทั่วไปในแผนของหน่วยงาน",
    "reference": "เอกสารตัวอย่าง",
}
ID_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
RANGE_RE = re.compile(r"([ie])(\d+)-\1(\d+)")


@dataclass(frozen=True)
class CatalogueMeasure:
    """One ready measure; ``months`` are months of the fiscal year, 1 = October."""

    id: str
    title: str
    approach: str
    steps: tuple[str, ...]
    owner: tuple[str, ...]
    months: tuple[int, int]
    follow_up: str
    rounds: tuple[int, ...]
    targets: tuple[str, ...]
    source: str
    basis: str

    @property
    def whole_year(self) -> bool:
        return self.months == (1, 12)


@dataclass(frozen=True)
class Catalogue:
    """The entries and the scheme their codes belong to."""

    scheme_year: int
    questions: Mapping[str, int]  # question code → indicator number
    items: Mapping[str, int]  # OIT item code → indicator number
    measures: tuple[CatalogueMeasure, ...]

    def indicator_of(self, code: str) -> int | None:
        """The indicator a code counts for: ``ind4`` → 4, ``i20`` → 4, ``o23`` → 9."""
        if code.startswith("ind"):
            return int(code[3:])
        return self.questions.get(code) or self.items.get(code)

    def answers(self, entry: CatalogueMeasure) -> tuple[int, ...]:
        """The indicators an entry improves, in the order its targets name them."""
        found = (self.indicator_of(code) for code in entry.targets)
        return tuple(dict.fromkeys(n for n in found if n is not None))

    def group(self, entry: CatalogueMeasure) -> str:
        """The tool group a measure goes in: that of its first target."""
        return INDICATORS[self.answers(entry)[0] - 1].tool

    def answering(self, number: int) -> list[CatalogueMeasure]:
        """Entries that improve indicator ``number``: those aimed first at it come first."""
        found = [m for m in self.measures if number in self.answers(m)]
        return sorted(found, key=lambda m: self.answers(m).index(number))

    def get(self, entry_id: str) -> CatalogueMeasure | None:
        return next((m for m in self.measures if m.id == entry_id), None)


class CatalogueError(ValueError):
    """The shipped catalogue breaks its own rules (a bug in the data, caught by the tests)."""


def _questions(ranges: Mapping[str, str]) -> dict[str, int]:
    codes = {}
    for indicator, text in ranges.items():
        match = RANGE_RE.fullmatch(text)
        if not indicator.startswith("ind") or match is None:
            raise CatalogueError(f"questions {indicator} = {text!r}")
        prefix, first, last = match.group(1), int(match.group(2)), int(match.group(3))
        codes |= {f"{prefix}{n}": int(indicator[3:]) for n in range(first, last + 1)}
    return codes


def _items(items: Sequence[OitItem]) -> dict[str, int]:
    """OIT items count for indicator 9 (groups 9.x) or 10 (groups 10.x)."""
    return {item.code: int(item.group.split(".")[0]) for item in items}


def parse_catalogue(text: str, items: Sequence[OitItem]) -> Catalogue:
    """Read and check a catalogue: ids unique and well formed, every target a valid code."""
    raw = tomllib.loads(text)
    scheme = raw["scheme"]
    questions = _questions(scheme["questions"])
    item_codes = _items(items)
    seen: set[str] = set()
    entries = []
    for row in raw["measure"]:
        entry = CatalogueMeasure(
            id=row["id"], title=row["title"], approach=row["approach"],
            steps=tuple(row["steps"]), owner=tuple(row["owner"]),
            months=(row["months"][0], row["months"][1]), follow_up=row["follow_up"],
            rounds=tuple(row["rounds"]), targets=tuple(row["targets"]),
            source=row["source"], basis=row["basis"],
        )  # fmt: skip
        _check(entry, seen, questions, item_codes)
        seen.add(entry.id)
        entries.append(entry)
    return Catalogue(scheme["year"], questions, item_codes, tuple(entries))


def _check(
    entry: CatalogueMeasure, seen: set[str], questions: Mapping[str, int], items: Mapping[str, int]
) -> None:
    def bad(why: str) -> CatalogueError:
        return CatalogueError(f"{entry.id}: {why}")

    if not ID_RE.fullmatch(entry.id) or entry.id in seen:
        raise bad("id ซ้ำหรือไม่อยู่ในรูปแบบ")
    indicators = {f"ind{n}" for n in range(1, len(INDICATORS) + 1)}
    unknown = [c for c in entry.targets if c not in indicators | set(questions) | set(items)]
    if unknown or not entry.targets:
        raise bad(f"รหัสไม่ถูกต้อง {unknown}")
    first, last = entry.months
    if not 1 <= first <= last <= 12 or not set(entry.rounds) <= {3, 6, 9, 12}:
        raise bad("เดือนหรือรอบรายงานไม่ถูกต้อง")
    if entry.source not in SOURCES or not (entry.title and entry.steps and entry.owner):
        raise bad("ข้อมูลไม่ครบ")


@cache
def question_topics() -> dict[str, str]:
    """Short topics of the IIT/EIT questions, code → topic, numbered as the catalogue's scheme.

    They are summaries written for ITADesk (the file names its source), offered when the clerk
    picks a low-scoring question; the clerk may replace one with the year's exact wording.
    """
    text = files("itadesk.domain").joinpath("data", TOPICS_FILE).read_text(encoding="utf-8")
    return dict(tomllib.loads(text)["topics"])


@cache
def load_catalogue() -> Catalogue:
    """The catalogue shipped with the app."""
    text = files("itadesk.domain").joinpath("data", CATALOGUE_FILE).read_text(encoding="utf-8")
    probe = tomllib.loads(text)["scheme"]["year"]
    return parse_catalogue(text, shipped_items(probe))


@dataclass(frozen=True)
class Suggestion:
    """A catalogue entry offered for a plan, with why (``ตัวชี้วัดที่ ๔ ได้ ๗๙.๖๔``)."""

    measure: CatalogueMeasure
    group: str
    reason: str
    rank: int  # 0: an indicator under the target, 1: a low question or item, 2: the rest


def _indicator_reason(number: int, score: Decimal | None) -> str:
    if score is None:
        return f"ตัวชี้วัดที่ {digits(number)} {INDICATORS[number - 1].name}"
    return f"ตัวชี้วัดที่ {digits(number)} ได้ {format_score(score)}"


def suggest(
    catalogue: Catalogue,
    scores: Sequence[Decimal] | None,
    low_items: Sequence[Mapping[str, object]] = (),
    skip: frozenset[str] = frozenset(),
    target: Decimal = TARGET,
) -> list[Suggestion]:
    """Catalogue entries ranked for a year's weak points, each entry once at its best rank:

    indicators under ``target``, lowest first; then the low-scoring questions and items the
    clerk entered (``{"code", "score"}``, lowest first, unscored last); then every other entry
    by the score of the indicator it answers. Entries whose id is in ``skip`` are left out.
    """
    by_score = (
        sorted(range(1, len(scores) + 1), key=lambda n: (scores[n - 1], n))
        if scores
        else list(range(1, len(INDICATORS) + 1))
    )
    score_of = {n: scores[n - 1] for n in by_score} if scores else {}
    offered: list[Suggestion] = []
    taken = set(skip)

    def offer(entries: Sequence[CatalogueMeasure], reason: str, rank: int) -> None:
        for entry in entries:
            if entry.id not in taken:
                taken.add(entry.id)
                offered.append(Suggestion(entry, catalogue.group(entry), reason, rank))

    for number in by_score:
        if number in score_of and score_of[number] < target:
            offer(catalogue.answering(number), _indicator_reason(number, score_of[number]), 0)

    def low_key(item: Mapping[str, object]) -> tuple[bool, Decimal]:
        score = item.get("score")
        return (score is None, Decimal(str(score)) if score is not None else Decimal(0))

    for item in sorted(low_items, key=low_key):
        codes = str(item.get("code", "")).split()
        score = item.get("score")
        for code in codes:
            reason = f"ข้อ {digits(code)} " + (
                "ได้คะแนนต่ำ" if score is None else f"ได้ {format_score(Decimal(str(score)))}"
            )
            exact = [m for m in catalogue.measures if code in m.targets]
            number = catalogue.indicator_of(code)
            offer(exact or (catalogue.answering(number) if number else []), reason, 1)
    for number in by_score:
        offer(catalogue.answering(number), _indicator_reason(number, score_of.get(number)), 2)
    return offered

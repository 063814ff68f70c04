"""ITA scoring schemes by fiscal year, kept as data (DESIGN.md section 7).

A scheme names the tools, their weights, the ten indicators and the level rules. The overall
score is the weighted sum of the tool scores; a tool's score is the mean of its indicators.
Rules not confirmed by a public source can be overridden by the official result the clerk
types in (the official overall score and level as printed).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from itadesk.domain.numerals import check_range, digits, format_score
from itadesk.errors import NotFoundError, ValidationError

TARGET = Decimal(85)
TOOLS = ("IIT", "EIT", "OIT")
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class Indicator:
    number: int
    tool: str
    name: str


@dataclass(frozen=True)
class LevelRule:
    """A level is reached when the overall score, and every tool (if set), reach a minimum."""

    name: str
    min_overall: Decimal
    min_each_tool: Decimal | None = None


@dataclass(frozen=True)
class Scheme:
    first_year: int
    last_year: int | None
    tool_weights: Mapping[str, Decimal]
    indicators: Sequence[Indicator]
    levels: Sequence[LevelRule]
    target: Decimal = TARGET

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def indicator(self, number: int) -> Indicator:
        return self.indicators[number - 1]


INDICATORS = (
    Indicator(1, "IIT", "การปฏิบัติหน้าที่"),
    Indicator(2, "IIT", "การใช้งบประมาณ"),
    Indicator(3, "IIT", "การใช้อำนาจ"),
    Indicator(4, "IIT", "การใช้ทรัพย์สินของราชการ"),
    Indicator(5, "IIT", "การแก้ไขปัญหาการทุจริต"),
    Indicator(6, "EIT", "คุณภาพการดำเนินงาน"),
    Indicator(7, "EIT", "ประสิทธิภาพการสื่อสาร"),
    Indicator(8, "EIT", "การปรับปรุงการทำงาน"),
    Indicator(9, "OIT", "การเปิดเผยข้อมูล"),
    Indicator(10, "OIT", "การป้องกันการทุจริต"),
)
WEIGHTS = {"IIT": Decimal("0.30"), "EIT": Decimal("0.30"), "OIT": Decimal("0.40")}
D = Decimal

LETTER_LEVELS = (
    LevelRule("AA", D(95)),
    LevelRule("A", D(85)),
    LevelRule("B", D(75)),
    LevelRule("C", D(65)),
    LevelRule("D", D(55)),
    LevelRule("E", D(50)),
    LevelRule("F", D(0)),
)
TARGET_LEVELS = (
    LevelRule("ผ่านดีเยี่ยม", D(95), D(95)),
    LevelRule("ผ่านดี", D(85), D(85)),
    LevelRule("ผ่าน", D(85)),
    LevelRule("ต้องปรับปรุง", D(70)),
    LevelRule("ต้องปรับปรุงโดยด่วน", D(0)),
)

SCHEMES = (
    Scheme(2562, 2565, WEIGHTS, INDICATORS, LETTER_LEVELS),
    Scheme(2566, None, WEIGHTS, INDICATORS, TARGET_LEVELS),
)


def target_label(target: str, thai: bool = True) -> str:
    """Codes as a clerk reads them: ``ind4 i5`` → ``ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ, i๕``.

    Indicators are named; questions and OIT items keep their official codes.
    """
    labels = []
    for code in target.split():
        number = code[3:]
        if code.startswith("ind") and number.isdigit() and 1 <= int(number) <= len(INDICATORS):
            labels.append(f"ตัวชี้วัดที่ {digits(number, thai)} {INDICATORS[int(number) - 1].name}")
        else:
            labels.append(digits(code, thai))
    return ", ".join(labels)


def scheme_for(year: int) -> Scheme:
    """The scheme of a BE fiscal year; later years use the newest until one is known."""
    for scheme in SCHEMES:
        if scheme.covers(year):
            return scheme
    raise NotFoundError(
        f"ไม่มีเกณฑ์การประเมินของปีงบประมาณ {digits(year)} "
        f"(มีตั้งแต่ปี {digits(SCHEMES[0].first_year)} เป็นต้นไป)"
    )


SCORE_RANGE = (Decimal(0), Decimal(100))


def check_score(value: Decimal | float, label: str = "คะแนน") -> Decimal:
    """A score must be between 0 and 100."""
    return check_range(value, label, *SCORE_RANGE, what="คะแนน")


def round2(value: Decimal) -> Decimal:
    """Round half up to two decimals, as the official result does."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Assessment:
    """What the app computes from the ten indicator scores."""

    year: int
    scores: tuple[Decimal, ...]
    tool_scores: Mapping[str, Decimal]
    overall: Decimal
    level: str
    below_target: tuple[Indicator, ...]
    weakest: tuple[Indicator, ...]
    official_overall: Decimal | None

    @property
    def official_differs(self) -> bool:
        return self.official_overall is not None and self.official_overall != self.overall

    def mismatch_message(self) -> str:
        """A Thai warning when the official overall score differs from the computed one,
        naming the likely typo when one digit explains the difference."""
        if not self.official_differs:
            return ""
        assert self.official_overall is not None
        text = (
            f"คำเตือน: คะแนนภาพรวมที่ประกาศ {format_score(self.official_overall)} "
            f"ไม่ตรงกับคะแนนที่คำนวณจากตัวชี้วัด {format_score(self.overall)} "
            "โปรดตรวจสอบคะแนนรายตัวชี้วัดที่กรอก"
        )
        hints = [s.message() for s in likely_typos(self)]
        return " ".join([text, *hints])


@dataclass(frozen=True)
class Suggestion:
    """An indicator score that, typed differently by one digit, gives the official overall."""

    indicator: Indicator
    typed: Decimal
    likely: Decimal
    official: Decimal

    def message(self) -> str:
        return (
            f"ถ้าตัวชี้วัดที่ {digits(self.indicator.number)} เป็น {format_score(self.likely)} "
            f"(ไม่ใช่ {format_score(self.typed)}) คะแนนภาพรวมจะเท่ากับ "
            f"{format_score(self.official)} ที่ประกาศ"
        )


def one_digit_slips(score: Decimal) -> list[Decimal]:
    """Scores 0–100 that differ from ``score`` (written with two decimals) by one digit, or
    by two neighbouring digits swapped."""
    text = f"{score:.2f}"
    places = [i for i, char in enumerate(text) if char.isdigit()]
    variants: set[str] = set()
    for place in places:
        variants.update(text[:place] + d + text[place + 1 :] for d in "0123456789")
    for left, right in pairwise(places):
        chars = list(text)
        chars[left], chars[right] = chars[right], chars[left]
        variants.add("".join(chars))
    values = {Decimal(v) for v in variants}
    return sorted(v for v in values if v != score and 0 <= v <= 100)


def likely_typos(result: "Assessment") -> list[Suggestion]:
    """Each single indicator slip (see ``one_digit_slips``) that makes the computed overall
    equal the official one to two decimals."""
    official = result.official_overall
    if official is None or not result.official_differs:
        return []
    scheme = scheme_for(result.year)
    found = []
    for place, (indicator, typed) in enumerate(zip(scheme.indicators, result.scores, strict=True)):
        for likely in one_digit_slips(typed):
            scores = list(result.scores)
            scores[place] = likely
            if overall_of(scheme, scores) == official:
                found.append(Suggestion(indicator, typed, likely, official))
    return found


def level_for(scheme: Scheme, overall: Decimal, tool_scores: Mapping[str, Decimal]) -> str:
    """The first level whose minimums the scores reach; the lowest level otherwise."""
    *higher, lowest = scheme.levels
    for rule in higher:
        tools_ok = rule.min_each_tool is None or all(
            score >= rule.min_each_tool for score in tool_scores.values()
        )
        if overall >= rule.min_overall and tools_ok:
            return rule.name
    return lowest.name


def tool_means(scheme: Scheme, scores: Sequence[Decimal]) -> dict[str, Decimal]:
    """Each tool's score: the mean of its indicators."""
    means = {}
    for tool in scheme.tool_weights:
        values = [s for ind, s in zip(scheme.indicators, scores, strict=True) if ind.tool == tool]
        means[tool] = sum(values, Decimal(0)) / len(values)
    return means


def overall_of(scheme: Scheme, scores: Sequence[Decimal]) -> Decimal:
    """The overall score (two decimals): the tools' means weighted."""
    means = tool_means(scheme, scores)
    return round2(sum((means[t] * w for t, w in scheme.tool_weights.items()), Decimal(0)))


def assess(
    year: int,
    scores: Sequence[Decimal | float],
    official_overall: Decimal | float | None = None,
    official_tool_scores: Mapping[str, Decimal | float] | None = None,
    weakest_count: int = 3,
) -> Assessment:
    """Compute the overall score, level, tool scores and weak indicators of one result.

    ``official_tool_scores`` are per-tool scores as the official result prints them (from 2566
    EIT may come in two parts, ``EIT1`` and ``EIT2``); the level rules then use them.
    """
    scheme = scheme_for(year)
    if len(scores) != len(scheme.indicators):
        raise ValidationError(
            f"ต้องกรอกคะแนน {digits(len(scheme.indicators))} ตัวชี้วัด "
            f"แต่ได้ {digits(len(scores))} ค่า"
        )
    checked = tuple(
        check_score(s, f"คะแนนตัวชี้วัดที่ {digits(i)}") for i, s in enumerate(scores, 1)
    )
    tool_scores = tool_means(scheme, checked)
    overall = overall_of(scheme, checked)
    printed = {
        tool: check_score(value, f"คะแนน {tool}")
        for tool, value in (official_tool_scores or {}).items()
    }
    rounded = {t: round2(s) for t, s in tool_scores.items()}
    # the level looks at every tool as the result prints it (two decimals); a printed score
    # replaces the computed one, and EIT printed in two parts replaces EIT
    judged = {**rounded, **printed}
    if "EIT1" in printed or "EIT2" in printed:
        judged.pop("EIT", None)
    ranked = sorted(zip(scheme.indicators, checked, strict=True), key=lambda pair: pair[1])
    return Assessment(
        year=year,
        scores=checked,
        tool_scores=rounded,
        overall=overall,
        level=level_for(scheme, overall, judged),
        below_target=tuple(ind for ind, s in ranked if s < scheme.target),
        weakest=tuple(ind for ind, _ in ranked[:weakest_count]),
        official_overall=(
            None if official_overall is None else check_score(official_overall, "คะแนนภาพรวม")
        ),
    )

"""The columns a measures or progress table may print: one entry per column.

Each entry holds everything about its column: the key stored in the office's choice
(``Office.measure_columns``, ``paperwork.columns``) and typed after ``print --columns``, the
default title (an office may rename it), the share of the width it gets, its alignment, how
to get a row's content and the band it prints under (a header spanning it and its
neighbours of the same band: สถานะดำเนินงาน over the ticks, ผลการดำเนินการ over ผลผลิต and
ผลลัพธ์; the office may rename a band as it renames a column). The renderers (PDF, DOCX) only
draw what an entry gives, so a new column is one entry here.

A row is a ``ProgressItem``: a measures table passes its measures with no round data, and
columns of a round (what was done, outputs, outcomes, status) read the same item. A status
key (``status3``, ``status2``) stands for its tick columns; ``PRESETS`` name the layouts of
the progress table.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from itadesk.documents.data import NBSP, ProgressItem, Status
from itadesk.errors import ValidationError

Align = Literal["left", "centre"]


@dataclass(frozen=True)
class Tick:
    """A ticked status cell: ✓ (``grid.note_home`` says whether the evidence note goes
    under it)."""


Content = str | tuple[str, ...] | Tick
"""A cell: one paragraph, lines that each hang under their own text (steps), or a tick."""

# a step the office already numbered or bulleted: "๑.", "1)", "(๑)", "-", "•"
NUMBERED = re.compile(r"\s*(\(?[0-9๐-๙]+[.)]|[-–•·*])")


def step_lines(steps: tuple[str, ...], marker: str = "-") -> tuple[str, ...]:
    """Each step after its marker: "- step", "1. step" (the digits print as the office
    prints them) or the bare step; a step the office numbered or bulleted itself stays."""
    lines = []
    for k, step in enumerate(steps, 1):
        lead = f"{k}." if marker == "๑." else marker
        lines.append(step if NUMBERED.match(step) or not lead else f"{lead}{NBSP}{step}")
    return tuple(lines)


def measure_text(item: ProgressItem) -> str:
    """ "๑. ประกาศนโยบาย…": the number kept with the first word."""
    return f"{item.measure.number}.{NBSP}{item.measure.title}"


STATUS_TEXT = {
    Status.NOT_STARTED: "ยังไม่ดำเนินการ",
    Status.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    Status.DONE: "ดำเนินการเสร็จเรียบร้อยแล้ว",
}
TWO_STATES = {  # the two states some offices report in, and the statuses each stands for
    "ดำเนินการแล้ว": frozenset({Status.DONE, Status.IN_PROGRESS}),
    "ยังไม่ดำเนินการ": frozenset({Status.NOT_STARTED}),
}


def evidence_lines(item: ProgressItem) -> tuple[str, ...]:
    """The evidence note, then the names of the evidence files."""
    return tuple(t for t in (item.evidence, *item.evidence_files) if t)


def tick(statuses: frozenset[Status]) -> Callable[[ProgressItem], Content]:
    """A status column's content: ✓ when the item's status is one of ``statuses``, else
    "-"."""
    return lambda item: Tick() if item.status in statuses else "-"


@dataclass(frozen=True)
class TableColumn:
    key: str
    title: str  # the default title
    weight: float  # share of the width the cells' text does not ask for (tables.fit_widths)
    align: Align
    content: Callable[[ProgressItem], Content]
    band: str = ""  # key of the header spanning this column and its neighbours (BANDS)


def _ticks(prefix: str, states: dict[str, frozenset[Status]]) -> tuple[TableColumn, ...]:
    return tuple(
        TableColumn(f"{prefix}.{k}", title, 1.55, "centre", tick(statuses), band="status")
        for k, (title, statuses) in enumerate(states.items(), 1)
    )


MEASURE_COLUMNS: tuple[TableColumn, ...] = (
    TableColumn("measure", "มาตรการ/แนวทาง", 3.2, "left", measure_text),
    TableColumn("practice", "แนวทางการปฏิบัติ", 3.2, "left", lambda i: i.measure.practice),
    TableColumn(
        "steps", "วิธีดำเนินการ/ขั้นตอน", 4.6, "left",
        lambda i: step_lines(i.measure.steps, i.measure.step_marker),
    ),
    TableColumn("owner", "ผู้รับผิดชอบ", 2.0, "left", lambda i: i.measure.owner),
    TableColumn("period", "ระยะเวลาดำเนินการ", 1.9, "centre", lambda i: i.measure.period),
    TableColumn("follow_up", "การติดตามประเมินผล", 2.3, "left", lambda i: i.measure.follow_up),
    TableColumn("targets", "ตัวชี้วัด/ข้อคำถามที่มุ่งเป้า", 2.0, "left", lambda i: i.measure.targets),
)  # fmt: skip
"""Every column of the measures table; the first (the measure) always prints."""
ROUND_COLUMNS: tuple[TableColumn, ...] = (
    TableColumn("details", "ผลการดำเนินการ", 3.4, "left", lambda i: i.details),
    TableColumn("outputs", "ผลผลิต", 2.4, "left", lambda i: i.outputs, band="results"),
    TableColumn("outcomes", "ผลลัพธ์", 3.0, "left", lambda i: i.outcomes, band="results"),
    TableColumn("evidence", "หลักฐาน", 2.2, "left", evidence_lines),
    TableColumn("remark", "หมายเหตุ", 1.4, "left", lambda i: i.remark),
    TableColumn("status_text", "สถานะ", 2.0, "centre", lambda i: STATUS_TEXT[i.status]),
)
"""The columns a progress table adds: what the round did."""
STATUS_GROUPS: dict[str, tuple[TableColumn, ...]] = {
    "status3": _ticks("status3", {STATUS_TEXT[s]: frozenset({s}) for s in Status}),
    "status2": _ticks("status2", TWO_STATES),
}
"""Keys that stand for several tick columns under the status band."""
BANDS = {"status": "สถานะดำเนินงาน", "results": "ผลการดำเนินการ"}
"""Headers over columns of one band; their keys rename them like a column's."""
TICK_COLUMNS = tuple(c for group in STATUS_GROUPS.values() for c in group)
COLUMNS = {column.key: column for column in (*MEASURE_COLUMNS, *ROUND_COLUMNS, *TICK_COLUMNS)}
FIRST = MEASURE_COLUMNS[0].key
DEFAULT_COLUMNS = ("measure", "steps", "owner", "period", "follow_up")
MEASURE_KEYS = tuple(c.key for c in MEASURE_COLUMNS)
PROGRESS_KEYS = (*MEASURE_KEYS, *(c.key for c in ROUND_COLUMNS), *STATUS_GROUPS)
"""The keys an office may choose, per table (``print --columns``)."""
STEPS_TITLE = "ขั้นตอนหรือวิธีการปฏิบัติ"
PRESETS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "three": (("measure", "steps", "status3"), {"steps": STEPS_TITLE}),
    "two": (("measure", "steps", "status2"), {"steps": STEPS_TITLE}),
    "results": (
        ("measure", "details", "period", "outputs", "outcomes", "remark"),
        {"measure": "มาตรการ", "details": "รายละเอียดการดำเนินงาน",
         "period": "ระยะเวลาการดำเนินงาน"},
    ),
}  # fmt: skip
"""The progress table's named layouts (``data.ProgressLayout``): columns and the titles
they print under."""


def preset(name: str) -> dict[str, tuple]:
    """A named layout as the fields of a ``ProgressReport``: columns and headers."""
    keys, titles = PRESETS[name]
    return {"columns": keys, "headers": tuple(titles.items())}


def expand(keys: tuple[str, ...] | list[str]) -> list[TableColumn]:
    """The columns ``keys`` print, a status key standing for its tick columns."""
    return [c for key in keys for c in STATUS_GROUPS.get(key) or (COLUMNS[key],)]


def header_keys(keys: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Every key a header may rename in a table of ``keys``: the columns, their bands."""
    cols = expand(keys)
    return (*(c.key for c in cols), *dict.fromkeys(c.band for c in cols if c.band))


def check_columns(keys: tuple[str, ...] | list[str], progress: bool) -> tuple[str, ...]:
    """Column keys of a table, in order: known, each once, the measure first; a wrong key is
    refused in Thai naming the valid ones."""
    valid = PROGRESS_KEYS if progress else MEASURE_KEYS
    for key in keys:
        if key not in valid:
            raise ValidationError(f"ไม่รู้จักคอลัมน์ {key}: ใช้ได้ {', '.join(valid)}")
    if len(set(keys)) != len(keys):
        raise ValidationError("เลือกคอลัมน์เดียวกันซ้ำไม่ได้")
    if not keys or keys[0] != FIRST:
        raise ValidationError("คอลัมน์แรกต้องเป็น measure (มาตรการ)")
    if sum(k in STATUS_GROUPS or k == "status_text" for k in keys) > 1:
        raise ValidationError("เลือกคอลัมน์สถานะได้แบบเดียว: status3, status2 หรือ status_text")
    return tuple(keys)


def check_headers(headers: dict[str, str], keys: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Renamed headers of a table of ``keys``: a key it does not print is refused in Thai."""
    valid = header_keys(keys) if keys else (*COLUMNS, *BANDS)
    for key in headers:
        if key not in valid:
            raise ValidationError(f"ไม่รู้จักหัวตาราง {key}: ใช้ได้ {', '.join(valid)}")
    return {k: v.strip() for k, v in headers.items() if v.strip()}

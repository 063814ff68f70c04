"""The columns a measures table may print: one entry per column, in the order offices list them.

Each entry holds everything about its column: the key stored in the office's choice
(``Office.measure_columns``), the default title (an office may rename it), the share of the
width it gets, its alignment and how to get a row's content. The renderers (PDF, DOCX) only
draw what an entry gives, so a new column is one entry here.

A row is a ``ProgressItem``: a measures table passes its measures with no round data, and
columns of a round (what was done, outputs, outcomes) read the same item.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from itadesk.documents.data import NBSP, ProgressItem

Align = Literal["left", "centre"]
Content = str | tuple[str, ...]
"""A cell: one paragraph, or lines that each hang under their own text (steps)."""

# a step the office already numbered or bulleted: "๑.", "1)", "(๑)", "-", "•"
NUMBERED = re.compile(r"\s*(\(?[0-9๐-๙]+[.)]|[-–•·*])")


def step_lines(steps: tuple[str, ...]) -> tuple[str, ...]:
    """Each step as "- step", unless the office numbered or bulleted it."""
    return tuple(s if NUMBERED.match(s) else f"-{NBSP}{s}" for s in steps)


def measure_text(item: ProgressItem) -> str:
    """ "๑. ประกาศนโยบาย…": the number kept with the first word."""
    return f"{item.measure.number}.{NBSP}{item.measure.title}"


@dataclass(frozen=True)
class TableColumn:
    key: str
    title: str  # the default title
    weight: float  # share of the width the cells' text does not ask for (tables.fit_widths)
    align: Align
    content: Callable[[ProgressItem], Content]


MEASURE_COLUMNS: tuple[TableColumn, ...] = (
    TableColumn("measure", "มาตรการ/แนวทาง", 3.2, "left", measure_text),
    TableColumn("practice", "แนวทางการปฏิบัติ", 3.2, "left", lambda i: i.measure.practice),
    TableColumn("steps", "วิธีดำเนินการ/ขั้นตอน", 4.6, "left", lambda i: step_lines(i.measure.steps)),
    TableColumn("owner", "ผู้รับผิดชอบ", 2.0, "left", lambda i: i.measure.owner),
    TableColumn("period", "ระยะเวลาดำเนินการ", 1.9, "centre", lambda i: i.measure.period),
    TableColumn("follow_up", "การติดตามประเมินผล", 2.3, "left", lambda i: i.measure.follow_up),
)
"""Every column of the measures table; the first (the measure) always prints."""
COLUMNS = {column.key: column for column in MEASURE_COLUMNS}
FIRST = MEASURE_COLUMNS[0].key
DEFAULT_COLUMNS = ("measure", "steps", "owner", "period", "follow_up")

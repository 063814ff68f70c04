"""A table as rows of plain cells, for writers that lay tables out themselves (Word).

``table_grid`` turns a measures or progress table into header rows, body rows (group rows
and one row per measure), spans and column weights: the same texts, in the same order and
under the same headers as the PDF prints them.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from itadesk.documents.columns import COLUMNS, TableColumn
from itadesk.documents.data import (
    AnalysisReport,
    MeasuresTable,
    ProgressItem,
    ProgressLayout,
    ProgressReport,
)
from itadesk.documents.progress_table import RESULT_HEADS, STATUS_COLUMNS, summary_line
from itadesk.domain.history import signed
from itadesk.domain.numerals import digits, format_score

CHECK = "✓"


@dataclass(frozen=True)
class Line:
    """One paragraph of a cell; ``hanging``: a step whose wrapped lines hang under its text."""

    text: str
    hanging: bool = False


@dataclass(frozen=True)
class Cell:
    lines: tuple[Line, ...] = ()
    align: str = "left"  # left, centre
    bold: bool = False


def text_cell(text: str, align: str = "left", bold: bool = False) -> Cell:
    return Cell((Line(text),) if text else (), align, bold)


Row = tuple[Cell | None, ...]  # None: covered by a span


@dataclass(frozen=True)
class Grid:
    header: tuple[Row, ...]
    body: tuple[Row, ...]
    weights: tuple[float, ...]
    spans: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()  # ((col, row), (col, row))
    group_rows: frozenset[int] = field(default_factory=frozenset)  # row indexes, header first
    after: tuple[str, ...] = ()  # lines printed under the table (the status summary)


def content_cell(column: TableColumn, item: ProgressItem) -> Cell:
    """One column's content for one row: a paragraph, or steps whose wrapped lines hang."""
    content = column.content(item)
    if isinstance(content, tuple):
        return Cell(tuple(Line(line, hanging=True) for line in content))
    return text_cell(content, column.align)


def _with_groups(
    header: list[Row], groups: Sequence[tuple[str, list[Row]]], width: int
) -> tuple[list[Row], list, set[int]]:
    rows, spans, group_rows = list(header), [], set()
    for heading, members in groups:
        if heading:
            r = len(rows)
            rows.append((text_cell(heading, bold=True), *[None] * (width - 1)))
            spans.append(((0, r), (width - 1, r)))
            group_rows.add(r)
        rows += members
    return rows, spans, group_rows


def _measures(data: MeasuresTable) -> Grid:
    cols = [COLUMNS[key] for key in data.columns]
    titles = dict(data.headers)
    header: list[Row] = [tuple(text_cell(titles.get(c.key, c.title), "centre", True) for c in cols)]
    groups = [
        (g.heading, [tuple(content_cell(c, ProgressItem(m)) for c in cols) for m in g.measures])
        for g in data.groups
    ]
    rows, spans, group_rows = _with_groups(header, groups, len(cols))
    return Grid(
        tuple(rows[:1]), tuple(rows[1:]), tuple(c.weight for c in cols), tuple(spans),
        frozenset(group_rows),
    )  # fmt: skip


def _status(item: ProgressItem, marked: set) -> Cell:
    if item.status not in marked:
        return text_cell("-", "centre")
    return Cell((Line(CHECK), *((Line(item.evidence),) if item.evidence else ())), "centre")


def _progress(data: ProgressReport, thai: bool) -> Grid:
    head = lambda t: text_cell(t, "centre", True)  # noqa: E731
    if data.layout is ProgressLayout.RESULTS:
        header: list[Row] = [
            (head("มาตรการ"), head(RESULT_HEADS[0]), head(RESULT_HEADS[1]),
             head("ผลการดำเนินการ"), None, head(RESULT_HEADS[4])),
            (None, None, None, head(RESULT_HEADS[2]), head(RESULT_HEADS[3]), None),
        ]  # fmt: skip
        spans = [((c, 0), (c, 1)) for c in (0, 1, 2, 5)] + [((3, 0), (4, 0))]
        weights: tuple[float, ...] = (2.6, 3.4, 1.9, 2.4, 3.0, 1.4)

        def row(item: ProgressItem) -> Row:
            texts = [item.details, item.measure.period, item.outputs, item.outcomes, item.remark]
            return (content_cell(COLUMNS["measure"], item), *(text_cell(t) for t in texts))
    else:
        statuses = STATUS_COLUMNS[data.layout]
        n = len(statuses)
        header = [
            (head("มาตรการ/แนวทาง"), head("ขั้นตอนหรือวิธีการปฏิบัติ"), head("สถานะดำเนินงาน"),
             *[None] * (n - 1)),
            (None, None, *(head(t) for t, _ in statuses)),
        ]  # fmt: skip
        spans = [((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (1 + n, 0))]
        weights = (3.2, 4.6, *[1.55] * n)

        def row(item: ProgressItem) -> Row:
            marks = [_status(item, marked) for _, marked in statuses]
            measure, steps = (content_cell(COLUMNS[key], item) for key in ("measure", "steps"))
            return (measure, steps, *marks)

    groups = [(g.heading, [row(i) for i in g.items]) for g in data.groups]
    rows, group_spans, group_rows = _with_groups(header, groups, len(weights))
    after = ()
    if data.summary and data.layout is not ProgressLayout.RESULTS:
        after = (digits(summary_line(data), thai),)
    return Grid(
        tuple(rows[:2]), tuple(rows[2:]), weights, (*spans, *group_spans),
        frozenset(group_rows), after,
    )  # fmt: skip


def table_grid(data: MeasuresTable | ProgressReport, thai: bool = True) -> Grid:
    """The grid of a measures or progress table."""
    if isinstance(data, ProgressReport):
        return _progress(data, thai)
    return _measures(data)


def history_table(data: AnalysisReport, thai: bool) -> tuple[list[str], list[list[str]]]:
    """Past years side by side: titles, then per year its tools, overall, change and level."""
    tools = [name for name, _score in data.history[0].tools] if data.history else []
    titles = ["ปีงบประมาณ", *tools, "ภาพรวม", "เปลี่ยนแปลง", "ระดับ"]
    rows = []
    for year in data.history:
        change = None if year.change is None else Decimal(str(year.change))
        rows.append([
            digits(year.year, thai), *(format_score(score, thai) for _name, score in year.tools),
            format_score(year.overall, thai), signed(change, thai), year.level,
        ])  # fmt: skip
    return titles, rows


HISTORY_WEIGHTS = (1.3, 1, 1, 1, 1.1, 1.3, 1.5)
"""Column shares of the history table (three tools)."""

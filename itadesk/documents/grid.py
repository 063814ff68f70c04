"""A table as rows of plain cells: what every writer (PDF, Word) lays out.

``table_grid`` turns a measures or progress table into header rows (a band's title over
its columns, the others spanning both rows), body rows (group headings, the paragraph under
a heading and one row per measure), spans, column weights and the status summary line:
the same texts, in the same order and under the same headers in every format.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from itadesk.documents.columns import (
    BANDS,
    STATUS_TEXT,
    TWO_STATES,
    TableColumn,
    Tick,
    expand,
)
from itadesk.documents.data import (
    NBSP,
    AnalysisReport,
    Finding,
    MeasuresTable,
    ProgressGroup,
    ProgressItem,
    ProgressReport,
    Status,
)
from itadesk.domain.history import signed
from itadesk.domain.numerals import digits, format_score

CHECK = "✓"


@dataclass(frozen=True)
class Line:
    """One paragraph of a cell; ``hanging``: a step whose wrapped lines hang under its text;
    ``tick``: the ✓ of a status column."""

    text: str
    hanging: bool = False
    tick: bool = False


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
    note_rows: frozenset[int] = field(default_factory=frozenset)  # paragraphs under headings


def note_home(keys: tuple[str, ...] | list[str]) -> str:
    """The column key a row's evidence note prints in: the evidence column, which shows it
    with the files' names; else after what was done (``details``); else under the status
    (the ✓, as the reference memo prints it, or the state's text): ``"status"``."""
    return next((key for key in ("evidence", "details") if key in keys), "status")


def content_cell(column: TableColumn, item: ProgressItem, home: str = "status") -> Cell:
    """One column's content for one row: a paragraph, steps whose wrapped lines hang, or
    a tick; the evidence note after it when the column is the note's ``home``."""
    content = column.content(item)
    status = column.band == "status" or column.key == "status_text"
    here = (status and content != "-") if home == "status" else column.key == home != "evidence"
    note = (Line(item.evidence),) if here and item.evidence else ()
    if isinstance(content, Tick):
        return Cell((Line(CHECK, tick=True), *note), "centre")
    if isinstance(content, tuple):
        return Cell((*(Line(line, hanging=True) for line in content), *note))
    return Cell((*((Line(content),) if content else ()), *note), column.align)


def _header(cols: list[TableColumn], titles: dict[str, str]) -> tuple[list[Row], list]:
    """One header row, or two when a band spans some columns: the band's title over them,
    every other column's title spanning both rows."""

    def head(text: str) -> Cell:
        return text_cell(text, "centre", True)

    names = [head(titles.get(c.key, c.title)) for c in cols]
    if not any(c.band for c in cols):
        return [tuple(names)], []
    top: list[Cell | None] = []
    bottom: list[Cell | None] = []
    spans = []
    for j, c in enumerate(cols):
        if not c.band:
            top.append(names[j])
            bottom.append(None)
            spans.append(((j, 0), (j, 1)))
        elif j and cols[j - 1].band == c.band:
            top.append(None)
            bottom.append(names[j])
        else:
            run = next((k for k in range(j, len(cols)) if cols[k].band != c.band), len(cols))
            top.append(head(titles.get(c.band, BANDS[c.band])))
            bottom.append(names[j])
            if run - j > 1:
                spans.append(((j, 0), (run - 1, 0)))
    return [tuple(top), tuple(bottom)], spans


def summary_line(data: ProgressReport) -> str:
    """ "สรุปสถานะ: ดำเนินการเสร็จเรียบร้อยแล้ว 8 มาตรการ …" over the states the table
    shows (two when it ticks two), or "" when it has no status column."""
    counts = Counter(i.status for g in data.groups for i in g.items)
    total = sum(counts.values())
    if "status2" in data.columns:
        named = [(name, sum(counts[s] for s in states)) for name, states in TWO_STATES.items()]
    elif "status3" in data.columns or "status_text" in data.columns:
        named = [(STATUS_TEXT[s], counts[s]) for s in reversed(Status)]
    else:
        return ""
    parts = [f"{name} {count}{NBSP}มาตรการ" for name, count in named]
    return f"สรุปสถานะ: {' '.join(parts)} (รวม{NBSP}{total}{NBSP}มาตรการ)"


def table_grid(data: MeasuresTable | ProgressReport, thai: bool = True) -> Grid:
    """The grid of a measures or progress table, in the columns the office chose."""
    cols = expand(data.columns)
    header, spans = _header(cols, dict(data.headers))
    home = note_home(data.columns)
    groups = [
        (
            g.heading,
            g.note,
            g.items if isinstance(g, ProgressGroup) else tuple(map(ProgressItem, g.measures)),
        )
        for g in data.groups
    ]
    rows: list[Row] = list(header)
    group_rows, note_rows = set(), set()
    width = len(cols)
    for heading, text, items in groups:
        if heading:
            group_rows.add(len(rows))
            spans.append(((0, len(rows)), (width - 1, len(rows))))
            rows.append((text_cell(heading, bold=True), *[None] * (width - 1)))
            if text:
                note_rows.add(len(rows))
                spans.append(((0, len(rows)), (width - 1, len(rows))))
                rows.append((text_cell(text), *[None] * (width - 1)))
        rows += [tuple(content_cell(c, item, home) for c in cols) for item in items]
    summary = summary_line(data) if isinstance(data, ProgressReport) and data.summary else ""
    return Grid(
        header=tuple(header), body=tuple(rows[len(header):]), weights=tuple(c.weight for c in cols),
        spans=tuple(spans), group_rows=frozenset(group_rows), note_rows=frozenset(note_rows),
        after=(digits(summary, thai),) if summary else (),
    )  # fmt: skip


LIMITS_TITLE = "ปัญหา / อุปสรรค"
SUGGESTIONS_TITLE = "ข้อเสนอแนะ"
FINDINGS_HEADS = ("ตัวชี้วัดและคะแนน", "ประเด็นที่ต้องแก้ไข")
TOOLS = ("IIT", "EIT", "OIT")


def finding_lines(f: Finding, in_table: bool = False) -> list[list[tuple[str, bool]]]:
    """A finding as paragraphs of (text, bold) runs: the issue after its label, then what
    to do. Under the findings table's heading ประเด็นที่ต้องแก้ไข an issue needs no label."""
    label = f"ประเด็นข้อคำถาม {' '.join(f.codes)} " if f.codes else "ประเด็นที่ต้องแก้ไข "
    label = "" if in_table and not f.codes else label
    lines = [[(label, True), (f.issue, False)]]
    if f.action:
        lines.append([("แนวทางแก้ไข ", True), (f.action, False)])
    return lines


def findings_grids(data: AnalysisReport, thai: bool = True) -> list[tuple[str, Grid]]:
    """The findings as a table per tool (IIT, EIT, OIT in the order their groups come):
    the indicator (or the group's title) and its score | each finding's issue and what to
    do."""
    out = []
    for tool in dict.fromkeys(g.tool for g in data.finding_groups if g.tool in TOOLS):
        groups = [g for g in data.finding_groups if g.tool == tool]
        if not groups:
            continue
        body = []
        for g in groups:
            score = f" ({format_score(g.score, thai)}{NBSP}คะแนน)" if g.score is not None else ""
            runs = [r for f in g.findings for r in finding_lines(f, in_table=True)]
            issues = [Line("".join(text for text, _ in r)) for r in runs]
            body.append((text_cell(g.title + score), Cell(tuple(issues))))
        header = (tuple(text_cell(t, "centre", True) for t in FINDINGS_HEADS),)
        out.append((tool, Grid(header, tuple(body), (1.0, 1.6))))
    return out


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

"""The analysis report in Word: title block, scores table and chart, findings, the plan
table, limits and suggestions, and the optional คำนำ page."""

import dataclasses
import datetime as dt
from itertools import groupby

from docx.enum.text import WD_BREAK
from docx.shared import Cm, Emu

from itadesk.documents.base import DocumentOptions
from itadesk.documents.data import SUGGESTED_LEAD, AnalysisReport, Block, IndicatorScore, Preface
from itadesk.documents.grid import (
    HISTORY_WEIGHTS,
    LIMITS_TITLE,
    SUGGESTIONS_TITLE,
    Cell,
    Grid,
    finding_lines,
    findings_grids,
    history_table,
    text_cell,
)
from itadesk.documents.word import tables
from itadesk.documents.word.base import EMU_PER_POINT, FIRST_INDENT, WordContext, borderless
from itadesk.documents.word.chart import bar_chart_png
from itadesk.domain.dates import thai_date
from itadesk.domain.numerals import format_score

TITLE_SIZE = 20
SUBTITLE_SIZE = 18
SIGN_SHARE = 0.5  # the คำนำ signature block takes the right half


def _body(text: str, w: WordContext) -> None:
    w.paragraph(text, align="justify", first_indent=FIRST_INDENT)


def _heading(text: str, w: WordContext) -> None:
    w.paragraph(text, bold=True, space_before=6, keep_with_next=True)


def _preface(p: Preface, w: WordContext) -> None:
    w.paragraph("คำนำ", size=TITLE_SIZE, bold=True, align="centre", space_after=12)
    for text in p.paragraphs:
        _body(text, w)
    when = p.date
    if isinstance(when, dt.date):
        when = thai_date(when, thai_digits=not w.options.arabic_digits)
    indent = Emu(int(w.text_width() * SIGN_SHARE))
    lines = [t for t in (p.signed_by, when) if t]
    for k, text in enumerate(lines):
        w.paragraph(text, align="centre", left_indent=indent, space_before=18 if k == 0 else 0)
    w.run(w.paragraph(), "").add_break(WD_BREAK.PAGE)


def _score(value: float, w: WordContext) -> str:
    return format_score(value, not w.options.arabic_digits)


def _indicator_grid(rows: tuple[IndicatorScore, ...], w: WordContext) -> Grid:
    """แบบ | ตัวชี้วัดที่ | รายละเอียดตัวชี้วัด | คะแนน, the tool named once over its rows."""
    head = tuple(text_cell(t, "centre", True) for t in ("แบบ", "ตัวชี้วัดที่", "รายละเอียดตัวชี้วัด", "คะแนน"))
    body: list[tuple[Cell | None, ...]] = []
    spans = []
    for tool, items in groupby(rows, key=lambda r: r.tool):
        group = list(items)
        start = 1 + len(body)
        for k, r in enumerate(group):
            body.append((
                text_cell(tool, "centre") if k == 0 else None,
                text_cell(str(r.number), "centre"),
                text_cell(r.name),
                text_cell(_score(r.score, w), "centre"),
            ))  # fmt: skip
        if len(group) > 1:
            spans.append(((0, start), (0, start + len(group) - 1)))
    return Grid((head,), tuple(body), (1.2, 1.2, 5, 1.5), tuple(spans))


def _chart(data: AnalysisReport, w: WordContext) -> None:
    width = w.text_width()
    thai = not w.options.arabic_digits
    png = bar_chart_png(data.indicators, data.target, width / EMU_PER_POINT, thai)
    para = w.paragraph(align="centre", space_before=8, keep_with_next=True)
    w.picture(para, png, width=width)
    half = (len(data.indicators) + 1) // 2
    legend = w.table(half + 1, [Emu(width // 2)] * 2, grid=False)
    borderless(legend)
    size = w.options.table_size
    for i, r in enumerate(data.indicators):
        cell = legend.cell(i % half, i // half)
        w.cell_paragraph(cell, f"{r.number}\xa0{r.name} ({r.tool})", size=size)
    note = legend.cell(half, 0).merge(legend.cell(half, 1))
    w.cell_paragraph(note, f"เส้นประ: ค่าเป้าหมาย {data.target:g}\xa0คะแนน", size=size)


def _history(data: AnalysisReport, w: WordContext) -> None:
    """Past years side by side, as the PDF prints them."""
    titles, values = history_table(data, not w.options.arabic_digits)
    head = tuple(text_cell(t, "centre", True) for t in titles)
    body = tuple(tuple(text_cell(v, "centre") for v in row) for row in values)
    weights = (HISTORY_WEIGHTS[0], *[1.0] * (len(titles) - 4), *HISTORY_WEIGHTS[-3:])
    tables.write_grid(Grid((head,), body, weights), w)
    if data.history_note:
        w.paragraph(data.history_note, space_before=4)


def _answers(data: AnalysisReport, w: WordContext) -> None:
    """Per weak indicator, the measures that answer it (ready ones marked as suggested)."""
    hang = Cm(0.6)
    for answer in data.answers:
        _heading(answer.heading, w)
        if answer.suggested:
            _body(SUGGESTED_LEAD, w)
        for n, title in enumerate(answer.measures, 1):
            para = w.paragraph(f"{n}.\t{title}", left_indent=Emu(FIRST_INDENT + hang))
            para.paragraph_format.first_line_indent = -hang
            w.tab_stops(para, (Emu(FIRST_INDENT + hang), "left", False))


def _findings(data: AnalysisReport, w: WordContext) -> None:
    for group in data.finding_groups:
        _heading(group.title, w)
        if group.intro:
            _body(group.intro, w)
        for f in group.findings:
            for runs in finding_lines(f):
                w.paragraph(runs, align="justify", first_indent=FIRST_INDENT)


def _block(block: Block, data: AnalysisReport, w: WordContext) -> None:
    """The data a section shows after its paragraphs."""
    if block is Block.SCORES:
        _heading(f"คะแนนภาพรวม {_score(data.overall_score, w)}\xa0คะแนน ระดับ {data.level}", w)
        tables.write_grid(_indicator_grid(data.indicators, w), w, share=0.8)
    elif block is Block.CHART:
        _chart(data, w)
    elif block is Block.FINDINGS:
        _findings(data, w)
    elif block is Block.FINDINGS_TABLE:
        for tool, grid in findings_grids(data, not w.options.arabic_digits):
            _heading(tool, w)
            tables.write_grid(grid, w)
    elif block is Block.PLAN and data.plan:
        tables.write(dataclasses.replace(data.plan, landscape=False), w)
    elif block is Block.HISTORY:
        _history(data, w)
    elif block is Block.ANSWERS:
        _answers(data, w)
    elif block in (Block.LIMITS, Block.SUGGESTIONS):
        title, items = (
            (LIMITS_TITLE, data.limits) if block is Block.LIMITS
            else (SUGGESTIONS_TITLE, data.suggestions)
        )  # fmt: skip
        if items:
            _heading(title, w)
            for text in items:
                _body(text, w)


def write(data: AnalysisReport, w: WordContext) -> None:
    """Preface, title lines, then each section: its title, paragraphs and data block."""
    if data.preface:
        _preface(data.preface, w)
    for line in data.title_lines:
        w.paragraph(line, size=SUBTITLE_SIZE, bold=True, align="centre", keep_with_next=True)
    w.paragraph(size=8)
    for section in data.sections:
        if section.title:
            _heading(section.title, w)
        for text in section.paragraphs:
            _body(text, w)
        _block(section.block, data, w)


def render(
    data: AnalysisReport, options: DocumentOptions | None = None, font: str | None = None
) -> bytes:
    """The analysis report as .docx bytes."""
    w = WordContext(options or DocumentOptions())
    write(data, w)
    return w.bytes()

"""The analysis report: the year's ITA result, a bar chart, findings, the plan, limits."""

import dataclasses
import datetime as dt
from itertools import groupby

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from itadesk.documents import measures_table
from itadesk.documents.base import FIRST_INDENT, Context, DocumentOptions, build_pdf
from itadesk.documents.data import SUGGESTED_LEAD, AnalysisReport, Block, IndicatorScore, Preface
from itadesk.documents.fonts import REGULAR
from itadesk.documents.grid import (
    HISTORY_WEIGHTS,
    LIMITS_TITLE,
    SUGGESTIONS_TITLE,
    finding_lines,
    findings_grids,
    history_table,
)
from itadesk.documents.grid_pdf import grid_table
from itadesk.documents.tables import thai_table
from itadesk.documents.typeset import NBSP
from itadesk.domain.dates import thai_date
from itadesk.domain.numerals import format_score

BAR = colors.Color(0.25, 0.45, 0.7)
TARGET = colors.Color(0.8, 0.1, 0.1)
LABEL_SIZE = 9  # the score over each bar
LABEL_GAP = 1.5  # least room between a score and the target line
HANG = 16  # a numbered line's number hangs this far left of its wrapped lines


def _score(value: float, ctx: Context) -> str:
    return format_score(value, not ctx.options.arabic_digits)


def _preface(p: Preface, ctx: Context) -> list[Flowable]:
    when = p.date
    if isinstance(when, dt.date):
        when = thai_date(when, thai_digits=not ctx.options.arabic_digits)
    sign = [ctx.p(t, "centre") for t in (p.signed_by, when) if t]
    width, _ = ctx.frame_size()
    block = (
        thai_table(
            [[s] for s in sign], [1], width=width * 0.5, page_height=1e6, header_rows=0, grid=False
        )
        if sign
        else Spacer(1, 1)
    )
    block.hAlign = "RIGHT"
    paras = [ctx.p(t, "paragraph") for t in p.paragraphs]
    return [ctx.p("คำนำ", "title"), Spacer(1, 12), *paras, Spacer(1, 18), block, PageBreak()]


def _indicator_table(rows: tuple[IndicatorScore, ...], ctx: Context) -> Flowable:
    width, height = ctx.frame_size()
    head = [ctx.p(t, "cell_head") for t in ("แบบ", "ตัวชี้วัดที่", "รายละเอียดตัวชี้วัด", "คะแนน")]
    body, cmds, start = [], [], 1
    for tool, items in groupby(rows, key=lambda r: r.tool):
        group = list(items)
        for k, r in enumerate(group):
            body.append(
                [
                    ctx.p(tool if k == 0 else "", "cell_centre"),
                    ctx.p(str(r.number), "cell_centre"),
                    ctx.p(r.name, "cell"),
                    ctx.p(_score(r.score, ctx), "cell_centre"),
                ]
            )
        cmds.append(("SPAN", (0, start), (0, start + len(group) - 1)))
        cmds.append(("VALIGN", (0, start), (0, start), "MIDDLE"))
        start += len(group)
    return thai_table(
        [head, *body],
        [1.2, 1.2, 5, 1.5],
        width=width * 0.8,
        page_height=height,
        commands=cmds,
        size=ctx.options.table_size,
    )


def bar_chart(rows: tuple[IndicatorScore, ...], target: float, ctx: Context) -> Drawing:
    """Bars of the indicator scores (labelled by number), a dashed target line, and each
    score over its bar, clear of the line."""
    width, _ = ctx.frame_size()
    d = Drawing(width, 230)
    d.initialFontName, d.initialFontSize = REGULAR, 12  # no stray Helvetica
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 30, width - 60, 180
    chart.data = [[r.score for r in rows]]
    chart.categoryAxis.categoryNames = [ctx.num(r.number) for r in rows]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labelTextFormat = ctx.num
    for label in (chart.categoryAxis.labels, chart.valueAxis.labels):
        label.fontName, label.fontSize = REGULAR, 12
    chart.bars[0].fillColor = BAR
    d.add(chart)
    y = chart.y + chart.height * target / 100
    line = Line(chart.x, y, chart.x + chart.width, y, strokeColor=TARGET, strokeWidth=1.2)
    line.strokeDashArray = [5, 3]
    d.add(line)
    for label in bar_labels(chart, [r.score for r in rows], y, ctx):
        d.add(label)
    return d


def label_base(bar_top: float, line: float, height: float) -> float:
    """The baseline of a score label ``height`` tall: 3 pt over its bar, or 3 pt over the
    target line at ``line`` when the line would run through it."""
    y = bar_top + 3
    if y - LABEL_GAP <= line <= y + height + LABEL_GAP:
        y = line + 3
    return y


def bar_labels(
    chart: VerticalBarChart, scores: list[float], line: float, ctx: Context
) -> list[String]:
    """Each score centred 3 pt over its bar (value axis 0–100), or 3 pt over the target
    line at ``line`` when the line would run through it (a bar just under the target)."""
    step = chart.width / len(scores)
    labels = []
    for i, score in enumerate(scores):
        y = label_base(chart.y + chart.height * score / 100, line, LABEL_SIZE * 0.8)
        x = chart.x + step * (i + 0.5)
        text = _score(score, ctx)
        labels.append(
            String(x, y, text, fontName=REGULAR, fontSize=LABEL_SIZE, textAnchor="middle")
        )
    return labels


def _legend(rows: tuple[IndicatorScore, ...], target: float, ctx: Context) -> Flowable:
    width, height = ctx.frame_size()
    items = [ctx.p(f"{r.number}{NBSP}{r.name} ({r.tool})", "cell") for r in rows]
    half = (len(items) + 1) // 2
    pairs = [[items[i], items[i + half] if i + half < len(items) else ""] for i in range(half)]
    note = ctx.p(f"เส้นประ: ค่าเป้าหมาย {target:g}{NBSP}คะแนน", "cell")
    return thai_table(
        [*pairs, [note, ""]],
        [1, 1],
        width=width,
        page_height=height,
        header_rows=0,
        grid=False,
        commands=[("SPAN", (0, -1), (-1, -1))],
    )


def _history(data: AnalysisReport, ctx: Context) -> list[Flowable]:
    """Past years side by side: the tools, the overall score, its change and the level."""
    width, height = ctx.frame_size()
    titles, values = history_table(data, not ctx.options.arabic_digits)
    rows = [[ctx.p(t, "cell_head") for t in titles]]
    rows += [[ctx.p(v, "cell_centre") for v in row] for row in values]
    out: list[Flowable] = []
    weights = [HISTORY_WEIGHTS[0], *[1] * (len(titles) - 4), *HISTORY_WEIGHTS[-3:]]
    out.append(
        thai_table(rows, weights, width=width, page_height=height, size=ctx.options.table_size)
    )
    if data.history_note:
        out += [Spacer(1, 4), ctx.p(data.history_note, "body")]
    return out


def _headed(heading: str, lead: str, lines: list[Flowable], ctx: Context) -> list[Flowable]:
    """A heading, its lead paragraph if there is one, then its lines."""
    return [ctx.p(heading, "heading"), *([ctx.p(lead, "paragraph")] if lead else []), *lines]


def _answers(data: AnalysisReport, ctx: Context) -> list[Flowable]:
    """Per weak indicator, the measures that answer it (ready ones marked as suggested)."""
    out: list[Flowable] = []
    for answer in data.answers:
        numbered = [
            ctx.p(
                f"{n}.{NBSP}{title}", "body",
                leftIndent=FIRST_INDENT + HANG, firstLineIndent=-HANG,
            )
            for n, title in enumerate(answer.measures, 1)
        ]  # fmt: skip
        out += _headed(answer.heading, SUGGESTED_LEAD if answer.suggested else "", numbered, ctx)
    return out


def _findings(data: AnalysisReport, ctx: Context) -> list[Flowable]:
    """Each finding group: its title, intro, then each finding's issue and what to do."""
    out: list[Flowable] = []
    for group in data.finding_groups:
        lines = [ctx.p(text, "paragraph") for f in group.findings for text in finding_lines(f)]
        out += _headed(group.title, group.intro, lines, ctx)
    return out


def _findings_tables(data: AnalysisReport, ctx: Context) -> list[Flowable]:
    """A table per tool: indicator and score | issue."""
    width, height = ctx.frame_size()
    out: list[Flowable] = []
    for tool, grid in findings_grids(data, not ctx.options.arabic_digits):
        out += [ctx.p(tool, "heading"), grid_table(grid, ctx, width, height), Spacer(1, 6)]
    return out


def _plain_list(title: str, items: tuple[str, ...], ctx: Context) -> list[Flowable]:
    return _headed(title, "", [ctx.p(t, "paragraph") for t in items], ctx) if items else []


def _block(block: Block, data: AnalysisReport, ctx: Context) -> list[Flowable]:
    """The data a section shows after its paragraphs."""
    if block is Block.SCORES:
        level = f"คะแนนภาพรวม {_score(data.overall_score, ctx)}{NBSP}คะแนน ระดับ {data.level}"
        return [ctx.p(level, "heading"), Spacer(1, 4), _indicator_table(data.indicators, ctx)]
    if block is Block.CHART:
        chart = bar_chart(data.indicators, data.target, ctx)
        return [KeepTogether([Spacer(1, 8), chart, _legend(data.indicators, data.target, ctx)])]
    if block is Block.FINDINGS:
        return _findings(data, ctx)
    if block is Block.FINDINGS_TABLE:
        return _findings_tables(data, ctx)
    if block is Block.PLAN and data.plan:
        return measures_table.story(dataclasses.replace(data.plan, landscape=False), ctx)
    if block is Block.HISTORY:
        return _history(data, ctx)
    if block is Block.ANSWERS:
        return _answers(data, ctx)
    if block is Block.LIMITS:
        return _plain_list(LIMITS_TITLE, data.limits, ctx)
    if block is Block.SUGGESTIONS:
        return _plain_list(SUGGESTIONS_TITLE, data.suggestions, ctx)
    return []


def story(data: AnalysisReport, ctx: Context) -> list[Flowable]:
    """Preface, title lines, then each section: its title, paragraphs and data block."""
    out: list[Flowable] = _preface(data.preface, ctx) if data.preface else []
    out += [ctx.p(line, "subtitle") for line in data.title_lines]
    out.append(Spacer(1, 8))
    for section in data.sections:
        if section.title:
            out.append(ctx.p(section.title, "heading"))
        out += [ctx.p(text, "paragraph") for text in section.paragraphs]
        out += _block(section.block, data, ctx)
    return out


def render(data: AnalysisReport, options: DocumentOptions | None = None) -> bytes:
    """The analysis report as PDF bytes."""
    ctx = Context(options or DocumentOptions())
    return build_pdf(story(data, ctx), ctx, title="รายงานการวิเคราะห์ผลการประเมิน ITA")

"""The progress table of a round: three status columns, two, or outputs and outcomes."""

from collections import Counter

from reportlab.platypus import Flowable, Spacer

from itadesk.documents.base import Context, DocumentOptions, build_pdf
from itadesk.documents.columns import COLUMNS
from itadesk.documents.data import ProgressItem, ProgressLayout, ProgressReport, Status
from itadesk.documents.measures_table import cell, orientation, titled
from itadesk.documents.tables import CheckMark, group_row_style, thai_table
from itadesk.documents.typeset import NBSP

STATUS_TEXT = {
    Status.NOT_STARTED: "ยังไม่ดำเนินการ",
    Status.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    Status.DONE: "ดำเนินการเสร็จเรียบร้อยแล้ว",
}
# (status heading, the statuses that get the ✓ in that column)
STATUS_COLUMNS = {
    ProgressLayout.THREE: [(STATUS_TEXT[s], {s}) for s in Status],
    ProgressLayout.TWO: [
        ("ดำเนินการแล้ว", {Status.DONE, Status.IN_PROGRESS}),
        ("ยังไม่ดำเนินการ", {Status.NOT_STARTED}),
    ],
}
RESULT_HEADS = ["รายละเอียดการดำเนินงาน", "ระยะเวลาการดำเนินงาน", "ผลผลิต", "ผลลัพธ์", "หมายเหตุ"]


def _status_cell(item: ProgressItem, marked: set[Status], ctx: Context) -> list[Flowable]:
    if item.status not in marked:
        return [ctx.p("-", "cell_centre")]
    mark: list[Flowable] = [CheckMark(ctx.options.table_size * 0.8)]
    return mark + ([ctx.p(item.evidence, "cell_centre")] if item.evidence else [])


def _layout(data: ProgressReport, ctx: Context) -> tuple[list[list], list[float], list[tuple]]:
    """Header rows, column weights and extra style commands of the layout."""
    p = ctx.p
    if data.layout is ProgressLayout.RESULTS:
        top = [p(t, "cell_head") for t in ("มาตรการ", *RESULT_HEADS[:2], "ผลการดำเนินการ")]
        heads = [
            [*top, "", p(RESULT_HEADS[4], "cell_head")],
            ["", "", "", p(RESULT_HEADS[2], "cell_head"), p(RESULT_HEADS[3], "cell_head"), ""],
        ]
        spans = [(0, 0), (1, 0), (2, 0), (5, 0)]
        cmds = [("SPAN", (c, 0), (c, 1)) for c, _ in spans] + [("SPAN", (3, 0), (4, 0))]
        return heads, [2.6, 3.4, 1.9, 2.4, 3.0, 1.4], cmds
    statuses = STATUS_COLUMNS[data.layout]
    heads = [
        [p("มาตรการ/แนวทาง", "cell_head"), p("ขั้นตอนหรือวิธีการปฏิบัติ", "cell_head")]
        + [p("สถานะดำเนินงาน", "cell_head")]
        + [""] * (len(statuses) - 1),
        ["", ""] + [p(text, "cell_head") for text, _ in statuses],
    ]
    cmds = [
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (1, 1)),
        ("SPAN", (2, 0), (-1, 0)),
        ("ALIGN", (2, 2), (-1, -1), "CENTER"),
    ]
    return heads, [3.2, 4.6] + [1.55] * len(statuses), cmds


def _row(item: ProgressItem, data: ProgressReport, ctx: Context) -> list:
    measure = cell(COLUMNS["measure"], item, ctx)
    if data.layout is ProgressLayout.RESULTS:
        texts = [item.details, item.measure.period, item.outputs, item.outcomes, item.remark]
        return [measure] + [ctx.p(t, "cell") for t in texts]
    marks = [_status_cell(item, marked, ctx) for _, marked in STATUS_COLUMNS[data.layout]]
    return [measure, cell(COLUMNS["steps"], item, ctx), *marks]


def summary_line(data: ProgressReport) -> str:
    """ "สรุปสถานะ: ดำเนินการเสร็จเรียบร้อยแล้ว 8 มาตรการ …" counted over all items."""
    counts = Counter(i.status for g in data.groups for i in g.items)
    total = sum(counts.values())
    parts = [f"{STATUS_TEXT[s]} {counts[s]}{NBSP}มาตรการ" for s in reversed(Status)]
    return f"สรุปสถานะ: {' '.join(parts)} (รวม{NBSP}{total}{NBSP}มาตรการ)"


def story(data: ProgressReport, ctx: Context) -> list[Flowable]:
    """Title block, the table with repeated headers, and the status summary line."""
    heads, weights, cmds = _layout(data, ctx)
    width, height = ctx.frame_size(orientation(data.landscape))
    rows = list(heads)
    for group in data.groups:
        if group.heading:
            r = len(rows)
            rows.append([ctx.p(group.heading, "cell_group")] + [""] * (len(weights) - 1))
            cmds += group_row_style(r)
        rows += [_row(item, data, ctx) for item in group.items]
    table = thai_table(
        rows,
        weights,
        width=width,
        page_height=height,
        header_rows=2,
        size=ctx.options.table_size,
        commands=cmds,
    )
    after: list[Flowable] = []
    if data.summary and data.layout is not ProgressLayout.RESULTS:
        after = [Spacer(1, 6), ctx.p(summary_line(data), "plain")]
    return [titled(data.title_lines, table, ctx, after)]


def render(data: ProgressReport, options: DocumentOptions | None = None) -> bytes:
    """The progress table as PDF bytes."""
    ctx = Context(options or DocumentOptions())
    title = data.title_lines[0] if data.title_lines else "ผลการดำเนินการ"
    return build_pdf(story(data, ctx), ctx, first=orientation(data.landscape), title=title)

"""The measures table: the columns the office chooses, grouped under headings."""

import re
from collections.abc import Sequence

from reportlab.platypus import Flowable, Spacer

from itadesk.documents.base import LANDSCAPE, PORTRAIT, Context, DocumentOptions, build_pdf
from itadesk.documents.data import COLUMN_TITLES as HEADERS
from itadesk.documents.data import Column, Measure, MeasuresTable
from itadesk.documents.tables import ThaiTable, TitledTable, group_row_style, thai_table
from itadesk.documents.typeset import NBSP

# a step the office already numbered or bulleted: "๑.", "1)", "(๑)", "-", "•"
NUMBERED = re.compile(r"\s*(\(?[0-9๐-๙]+[.)]|[-–•·*])")
# what each column gets of the width the cells' text does not ask for (tables.fit_widths)
WEIGHTS = {
    Column.MEASURE: 3.2,
    Column.PRACTICE: 3.2,
    Column.STEPS: 4.6,
    Column.OWNER: 2.0,
    Column.PERIOD: 1.9,
    Column.FOLLOW_UP: 2.3,
}


def orientation(landscape: bool) -> str:
    """The page template name for a table's orientation flag."""
    return LANDSCAPE if landscape else PORTRAIT


def titled(
    lines: tuple[str, ...], table: ThaiTable, ctx: Context, after: Sequence[Flowable] = ()
) -> Flowable:
    """Bold centred title lines above a table, never parted from its first rows (nor
    ``after``, a line under the table, from its last)."""
    if not lines and not after:
        return table
    title = [*(ctx.p(line, "subtitle") for line in lines), Spacer(1, 6)] if lines else []
    return TitledTable(title, table, after)


def measure_cell(m: Measure, ctx: Context) -> Flowable:
    """ "๑. ประกาศนโยบาย…" in the first column, the number kept with the first word."""
    return ctx.p(f"{m.number}.{NBSP}{m.title}", "cell")


def steps_cell(steps: tuple[str, ...], ctx: Context) -> list[Flowable]:
    """Each step as "- step" (unless the office numbered or bulleted it), wrapped lines
    hanging under the text."""
    return [ctx.p(s if NUMBERED.match(s) else f"-{NBSP}{s}", "cell_step") for s in steps]


def cell(m: Measure, column: Column, ctx: Context) -> Flowable | list[Flowable]:
    """The content of one column for one measure."""
    if column is Column.MEASURE:
        return measure_cell(m, ctx)
    if column is Column.STEPS:
        return steps_cell(m.steps, ctx)
    text = {
        Column.PRACTICE: m.practice,
        Column.OWNER: m.owner,
        Column.PERIOD: m.period,
        Column.FOLLOW_UP: m.follow_up,
    }[column]
    return ctx.p(text, "cell_centre" if column is Column.PERIOD else "cell")


def story(data: MeasuresTable, ctx: Context) -> list[Flowable]:
    """Title block and the grouped table."""
    cols = list(data.columns)
    heads = dict(HEADERS) | dict(data.headers)
    width, height = ctx.frame_size(orientation(data.landscape))
    rows: list[list] = [[ctx.p(heads[c], "cell_head") for c in cols]]
    cmds: list[tuple] = []
    for group in data.groups:
        if group.heading:
            r = len(rows)
            rows.append([ctx.p(group.heading, "cell_group")] + [""] * (len(cols) - 1))
            cmds += group_row_style(r)
        rows += [[cell(m, c, ctx) for c in cols] for m in group.measures]
    table = thai_table(
        rows,
        [WEIGHTS[c] for c in cols],
        width=width,
        page_height=height,
        size=ctx.options.table_size,
        commands=cmds,
    )
    return [titled(data.title_lines, table, ctx)]


def render(data: MeasuresTable, options: DocumentOptions | None = None) -> bytes:
    """The measures table as PDF bytes."""
    ctx = Context(options or DocumentOptions())
    title = data.title_lines[0] if data.title_lines else "มาตรการ"
    return build_pdf(story(data, ctx), ctx, first=orientation(data.landscape), title=title)

"""The measures table: the columns the office chooses, grouped under headings."""

from collections.abc import Sequence

from reportlab.platypus import Flowable, Spacer

from itadesk.documents.base import LANDSCAPE, PORTRAIT, Context, DocumentOptions, build_pdf
from itadesk.documents.columns import COLUMNS, TableColumn
from itadesk.documents.data import MeasuresTable, ProgressItem
from itadesk.documents.tables import ThaiTable, TitledTable, group_row_style, thai_table


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


def cell(column: TableColumn, item: ProgressItem, ctx: Context) -> Flowable | list[Flowable]:
    """One column's content for one row: a paragraph, or steps whose wrapped lines hang."""
    content = column.content(item)
    if isinstance(content, tuple):
        return [ctx.p(line, "cell_step") for line in content]
    return ctx.p(content, "cell_centre" if column.align == "centre" else "cell")


def story(data: MeasuresTable, ctx: Context) -> list[Flowable]:
    """Title block and the grouped table."""
    cols = [COLUMNS[key] for key in data.columns]
    titles = dict(data.headers)
    width, height = ctx.frame_size(orientation(data.landscape))
    rows: list[list] = [[ctx.p(titles.get(c.key, c.title), "cell_head") for c in cols]]
    cmds: list[tuple] = []
    for group in data.groups:
        if group.heading:
            r = len(rows)
            rows.append([ctx.p(group.heading, "cell_group")] + [""] * (len(cols) - 1))
            cmds += group_row_style(r)
        rows += [[cell(c, ProgressItem(m), ctx) for c in cols] for m in group.measures]
    table = thai_table(
        rows,
        [c.weight for c in cols],
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

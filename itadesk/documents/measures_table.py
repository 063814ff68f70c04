"""The measures table and the progress table: the columns the office chooses, grouped under
headings, with the office's title lines and paragraphs around it (``grid.table_grid`` holds
what both formats print)."""

from collections.abc import Sequence

from reportlab.platypus import Flowable, Spacer

from itadesk.documents.base import LANDSCAPE, PORTRAIT, Context, DocumentOptions, build_pdf
from itadesk.documents.data import MeasuresTable, ProgressReport
from itadesk.documents.grid import table_grid
from itadesk.documents.grid_pdf import grid_table
from itadesk.documents.tables import ThaiTable, TitledTable


def orientation(landscape: bool) -> str:
    """The page template name for a table's orientation flag."""
    return LANDSCAPE if landscape else PORTRAIT


def titled(
    lines: tuple[str, ...],
    table: ThaiTable,
    ctx: Context,
    after: Sequence[Flowable] = (),
    before: Sequence[str] = (),
) -> Flowable:
    """Bold centred title lines and the ``before`` paragraphs above a table, never parted
    from its first rows (nor ``after``, a line under the table, from its last)."""
    if not lines and not after and not before:
        return table
    title = [*(ctx.p(line, "subtitle") for line in lines), Spacer(1, 6)] if lines else []
    title += [ctx.p(text, "paragraph") for text in before]
    title += [Spacer(1, 6)] if before else []
    return TitledTable(title, table, after)


def story(data: MeasuresTable | ProgressReport, ctx: Context) -> list[Flowable]:
    """Title lines, paragraphs before, the table with repeated headers, the status summary
    line and the paragraphs after."""
    width, height = ctx.frame_size(orientation(data.landscape))
    grid = table_grid(data, not ctx.options.arabic_digits)
    table = grid_table(grid, ctx, width, height)
    summary = [Spacer(1, 6), *(ctx.p(line, "plain") for line in grid.after)] if grid.after else []
    after = [Spacer(1, 6), *(ctx.p(text, "paragraph") for text in data.after)] if data.after else []
    return [titled(data.title_lines, table, ctx, summary, data.before), *after]


def render(data: MeasuresTable | ProgressReport, options: DocumentOptions | None = None) -> bytes:
    """The table as PDF bytes."""
    ctx = Context(options or DocumentOptions())
    title = data.title_lines[0] if data.title_lines else "มาตรการ"
    return build_pdf(story(data, ctx), ctx, first=orientation(data.landscape), title=title)

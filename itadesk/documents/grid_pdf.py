"""A ``grid.Grid`` (the texts every writer shares) as a PDF table, and the column widths
that table gets, which the Word copy's table takes too (one rule for both formats)."""

from reportlab.platypus import Flowable

from itadesk.documents.base import Context, DocumentOptions
from itadesk.documents.grid import Cell, Grid, Line
from itadesk.documents.tables import (
    GROUP_BG,
    CellContent,
    CheckMark,
    ThaiTable,
    fit_widths,
    thai_table,
)

STYLES = {"left": "cell", "centre": "cell_centre"}


def _style(content: Cell, line: Line) -> str:
    """The paragraph style of one line of a cell."""
    if line.hanging:
        return "cell_step"
    if content.bold:
        return "cell_head" if content.align == "centre" else "cell_group"
    return STYLES[content.align]


def cell_flowables(content: Cell | None, ctx: Context) -> list[Flowable] | str:
    """A cell's lines as flowables: paragraphs in their styles, ✓ drawn; "" under a span."""
    if content is None:
        return ""
    size = ctx.options.table_size * 0.8
    return [
        CheckMark(size) if line.tick else ctx.p(line.text, _style(content, line))
        for line in content.lines
    ]


def _rows(grid: Grid, ctx: Context) -> list[list[CellContent]]:
    return [[cell_flowables(c, ctx) for c in row] for row in (*grid.header, *grid.body)]


def grid_widths(
    grid: Grid, options: DocumentOptions, width: float, page_height: float
) -> list[float]:
    """The column widths, in points, of ``grid``'s PDF table ``width`` wide on pages
    ``page_height`` high: each cell's text measured and broken as the PDF sets it."""
    rows = _rows(grid, Context(options))
    return fit_widths(
        rows, grid.weights, width, header_rows=len(grid.header), page_height=page_height
    )


def grid_table(grid: Grid, ctx: Context, width: float, page_height: float) -> ThaiTable:
    """A ``Grid`` as a PDF table: shaded header rows that repeat, shaded group headings kept
    with the paragraph under them and the first row after, spans, steps hanging, ✓ drawn."""
    rows = _rows(grid, ctx)
    cmds: list[tuple] = [("SPAN", a, b) for a, b in grid.spans]
    for r in grid.group_rows:
        last = r + 1 + (r + 1 in grid.note_rows)
        cmds += [("BACKGROUND", (0, r), (-1, r), GROUP_BG), ("NOSPLIT", (0, r), (-1, last))]
    cmds += [
        ("ALIGN", (c, r), (c, r), "CENTER")
        for r, row in enumerate(rows)
        for c, cell in enumerate(row)
        if any(isinstance(f, CheckMark) for f in cell)
    ]
    return thai_table(
        rows, grid.weights, width=width, page_height=page_height,
        header_rows=len(grid.header), size=ctx.options.table_size, commands=cmds,
    )  # fmt: skip

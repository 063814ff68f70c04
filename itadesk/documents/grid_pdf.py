"""A ``grid.Grid`` (the texts every writer shares) as a PDF table, and the font size and
column widths that table gets, which the Word copy's table takes too (one rule for both
formats)."""

import dataclasses

from reportlab.platypus import Flowable

from itadesk.documents.base import MIN_TABLE_SIZE, Context, DocumentOptions
from itadesk.documents.grid import Cell, Grid, Line
from itadesk.documents.tables import (
    CELL_PAD,
    GROUP_BG,
    CellContent,
    CheckMark,
    ThaiTable,
    fit_widths,
    flaws,
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


@dataclasses.dataclass
class Fit:
    """A grid laid out: its font size, its cells' flowables and its column widths."""

    size: float
    rows: list[list[CellContent]]
    widths: list[float]


def fit_grid(grid: Grid, options: DocumentOptions, width: float, page_height: float) -> Fit:
    """The grid at the office's table size, or, when its columns cannot hold its text
    without stranding a line (การ alone) or breaking a word, one point smaller at a time
    down to ``MIN_TABLE_SIZE``: the largest size with the fewest such flaws (``flaws``:
    stranded lines and broken pieces first, then words parted into their words)."""
    best: tuple[tuple[int, int], Fit] | None = None
    size = options.table_size
    while best is None or (any(best[0]) and size >= MIN_TABLE_SIZE):
        ctx = Context(dataclasses.replace(options, table_size=size))
        rows = [[cell_flowables(c, ctx) for c in row] for row in (*grid.header, *grid.body)]
        widths = fit_widths(rows, grid.weights, width, CELL_PAD, len(grid.header), page_height)
        count = flaws(rows, widths)
        if best is None or count < best[0]:
            best = (count, Fit(size, rows, widths))
        size -= 1
    return best[1]


def grid_table(grid: Grid, ctx: Context, width: float, page_height: float) -> ThaiTable:
    """A ``Grid`` as a PDF table (at the size ``fit_grid`` chooses): shaded header rows
    that repeat, shaded group headings kept with the paragraph under them and the first row
    after, spans, steps hanging, ✓ drawn."""
    fit = fit_grid(grid, ctx.options, width, page_height)
    rows = fit.rows
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
        rows, grid.weights, width=width, page_height=page_height, header_rows=len(grid.header),
        size=fit.size, commands=cmds, widths=fit.widths,
    )  # fmt: skip

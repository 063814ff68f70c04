"""Measures and progress tables as real Word tables: title lines, a header row that repeats
on each page, shaded group rows, the PDF's column widths, cell padding and font size (a
table the PDF steps down prints at that size here too), ✓ ticks."""

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Emu, Pt

from itadesk.documents.base import DocumentOptions
from itadesk.documents.data import MeasuresTable, ProgressReport
from itadesk.documents.grid import Cell, Grid, table_grid
from itadesk.documents.grid_pdf import fit_grid
from itadesk.documents.tables import PAD, PAD_Y
from itadesk.documents.word.base import (
    EMU_PER_POINT,
    FIRST_INDENT,
    WordContext,
    cell_margins,
    repeat_header,
    shade,
)

SUBTITLE_SIZE = 18
HEAD_SHADE = "E6E6E6"  # the PDF's header rows (0.9 grey)
STEP_HANG = 0.6  # × the table font size: a step's wrapped lines hang under its text


def _title(lines: tuple[str, ...], w: WordContext) -> None:
    for line in lines:
        w.paragraph(line, size=SUBTITLE_SIZE, bold=True, align="centre", keep_with_next=True)
    if lines:
        w.paragraph(size=8, keep_with_next=True)


def _fill(cell: object, content: Cell, w: WordContext, size: float) -> None:
    for line in content.lines:
        hanging = Emu(Pt(size * STEP_HANG)) if line.hanging else None
        w.cell_paragraph(
            cell,  # type: ignore[arg-type]
            line.text,
            size=size,
            bold=content.bold,
            align=content.align,
            hanging=hanging,
        )


def write_grid(grid: Grid, w: WordContext, share: float = 1.0) -> None:
    """One ``Grid`` as a Word table ``share`` of the current section's text width, its
    columns as wide as in the PDF and its cells padded alike, in the PDF's font size
    (``grid_pdf.fit_grid``: a table whose columns cannot hold its text steps down there, and
    here alike)."""
    total = w.text_width() * share / EMU_PER_POINT
    fit = fit_grid(grid, w.options, total, w.text_height() / EMU_PER_POINT)
    size, points = fit.size, fit.widths
    rows = [*grid.header, *grid.body]
    table = w.table(len(rows), [Emu(round(k * EMU_PER_POINT)) for k in points])
    cell_margins(table, PAD, PAD_Y)
    cells = [list(row.cells) for row in table.rows]  # once: table.cell() lays out the grid
    for r, row in enumerate(rows):
        for c, content in enumerate(row):
            if content is not None:
                _fill(cells[r][c], content, w, size)
            if r < len(grid.header):
                shade(cells[r][c], HEAD_SHADE)
    for (c0, r0), (c1, r1) in grid.spans:
        merged = cells[r0][c0].merge(cells[r1][c1])
        if r0 in grid.group_rows:
            shade(merged)
        elif r0 < len(grid.header):
            merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    repeat_header(table, len(grid.header))


def write(data: MeasuresTable | ProgressReport, w: WordContext) -> None:
    """The title lines, the table and the summary line under it."""
    _title(data.title_lines, w)
    for text in data.before:
        w.paragraph(text, align="justify", first_indent=FIRST_INDENT, keep_with_next=True)
    grid = table_grid(data, thai=not w.options.arabic_digits)
    write_grid(grid, w)
    if grid.after:
        w.paragraph(size=6)
        for line in grid.after:
            w.paragraph(line)
    if data.after:
        w.paragraph(size=6)
    for text in data.after:
        w.paragraph(text, align="justify", first_indent=FIRST_INDENT)


def render(data: MeasuresTable | ProgressReport, options: DocumentOptions | None = None) -> bytes:
    """A measures or progress table on its own, as .docx bytes."""
    w = WordContext(options or DocumentOptions(), landscape=data.landscape)
    write(data, w)
    return w.bytes()

"""Tables of Thai text: every cell a wrapping shaped paragraph, headers on every page.

``thai_table`` builds a ``ThaiTable``: header rows repeat on each page, rows stay whole
and move to the next page when they do not fit; a row is split inside only when it is
taller than a whole page. ``CheckMark`` draws ✓ as a vector path (Sarabun has no glyph).
"""

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from itadesk.documents.typeset import ThaiParagraph

CellContent = Flowable | Sequence[Flowable] | str
GRID = colors.black
HEAD_BG = colors.Color(0.9, 0.9, 0.9)
GROUP_BG = colors.Color(0.95, 0.95, 0.95)
PAD = 4


class ThaiTable(Table):
    """A table that splits inside a row only when that row is taller than a page."""

    page_height: float = 0.0  # the frame height; set by ``thai_table``

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split between rows; inside a row only if the row could never fit on a page."""
        self.splitInRow = 0
        parts = super().split(availWidth, availHeight)
        if not parts and self._row_taller_than_page():
            self.splitInRow = 1
            self._nosplitCmds = []  # a group heading cannot hold on to a row that never fits
            parts = super().split(availWidth, availHeight)
        for part in parts:
            part.page_height = self.page_height
        return parts

    def _row_taller_than_page(self) -> bool:
        """Is the first body row, or the one under a group heading, taller than a page?"""
        heights = self._rowHeights  # rows past the available height may be unmeasured (None)
        head = heights[: self.repeatRows]
        if None in head:
            return False
        room = self.page_height - 1 - sum(head)
        ahead = heights[self.repeatRows : self.repeatRows + 2]
        return any(h is not None and h > room for h in ahead)


def group_row_style(row: int) -> list[tuple]:
    """A shaded full-width group heading row, kept on the page of the row after it."""
    return [
        ("SPAN", (0, row), (-1, row)),
        ("BACKGROUND", (0, row), (-1, row), GROUP_BG),
        ("NOSPLIT", (0, row), (-1, row + 1)),
    ]


def _min_width(content: CellContent, split_compounds: bool) -> float:
    items = [content] if isinstance(content, Flowable | str) else list(content)
    paragraphs = [f for f in items if isinstance(f, ThaiParagraph)]
    return max((f.min_width(split_compounds) for f in paragraphs), default=0.0)


def fit_widths(
    rows: Sequence[Sequence[CellContent]], weights: Sequence[float], total: float, pad: float
) -> list[float]:
    """Widths in proportion to ``weights`` filling ``total``, but no column narrower than
    its widest word (or, when that is too much, the widest part of a compound)."""
    n = len(weights)
    shares = [total * w / sum(weights) for w in weights]

    def least(split: bool) -> list[float]:
        return [max((_min_width(r[j], split) for r in rows), default=0.0) + pad for j in range(n)]

    def capped(widths: list[float]) -> list[float]:
        """A column held open by one token (a long link) gets twice its share; it is cut."""
        return [min(m, 2 * s) for m, s in zip(widths, shares, strict=True)]

    whole, atoms = least(False), least(True)
    candidates = (whole, atoms, capped(whole), capped(atoms))
    mins = next((c for c in candidates if sum(c) <= total), candidates[-1])
    fixed: set[int] = set()
    while True:
        free = [j for j in range(n) if j not in fixed]
        room = total - sum(mins[j] for j in fixed)
        share = sum(weights[j] for j in free)
        if not free or room <= 0 or share <= 0:
            return [m * total / sum(mins) for m in mins]
        widths = [mins[j] if j in fixed else weights[j] * room / share for j in range(n)]
        short = {j for j in free if widths[j] < mins[j]}
        if not short:
            return widths
        fixed |= short


def thai_table(
    rows: Sequence[Sequence[CellContent]],
    weights: Sequence[float],
    *,
    width: float,
    page_height: float,
    header_rows: int = 1,
    size: float = 14,
    commands: Sequence[tuple] = (),
    grid: bool = True,
) -> ThaiTable:
    """A ``ThaiTable`` ``width`` wide with the house style: grid, shaded header, top-aligned
    cells; column widths follow ``weights`` (see ``fit_widths``)."""
    cmds: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), "Sarabun", size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if grid:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, GRID))
    if header_rows:
        cmds += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ]
    table = ThaiTable(
        [list(r) for r in rows],
        colWidths=fit_widths(rows, weights, width, 2 * PAD + 1),
        repeatRows=header_rows,
        style=TableStyle([*cmds, *commands]),
    )
    table.page_height = page_height
    return table


class CheckMark(Flowable):
    """A check mark (✓) drawn as a stroked path, ``size`` points high."""

    def __init__(self, size: float = 12) -> None:
        super().__init__()
        self.size = size
        self.width = self.height = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Fixed size."""
        return self.size, self.size + 4

    def draw(self) -> None:
        """Two strokes: down to the bottom-left third, then up to the top right."""
        s, c = self.size, self.canv
        c.saveState()
        c.setLineWidth(s * 0.12)
        c.setLineCap(1)
        c.setLineJoin(1)
        path = c.beginPath()
        path.moveTo(s * 0.08, s * 0.5)
        path.lineTo(s * 0.38, s * 0.15)
        path.lineTo(s * 0.92, s * 0.9)
        c.drawPath(path, stroke=1, fill=0)
        c.restoreState()


class DottedLine(Flowable):
    """A dotted line to write on, one text line high (reviewers' comment lines)."""

    def __init__(self, height: float, indent: float = 0.0) -> None:
        super().__init__()
        self.height = height
        self.indent = indent

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Full width, one line high."""
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        """Dots on the baseline."""
        c = self.canv
        c.saveState()
        c.setLineWidth(0.8)
        c.setDash([0.8, 2.4])
        c.setLineCap(1)
        y = self.height * 0.25
        c.line(self.indent, y, self.width, y)
        c.restoreState()

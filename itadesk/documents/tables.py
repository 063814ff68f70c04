"""Tables of Thai text: every cell a wrapping shaped paragraph, headers on every page.

``thai_table`` builds a ``ThaiTable``: header rows repeat on each page; a row that does
not fit moves to the next page, unless that would leave more than a fifth of the page
empty (then it is split inside, ruled at the cut) or it is taller than a page. Column
widths follow the cells' text (``fit_widths``). ``TitledTable`` keeps a title (and a
summary line) with its table. ``CheckMark`` draws ✓ as a vector path (Sarabun has no
glyph), over an invisible ✓ that copies out of the PDF.
"""

import math
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from itadesk.documents.fonts import REGULAR
from itadesk.documents.typeset import ThaiParagraph, draw_run

CellContent = Flowable | Sequence[Flowable] | str
GRID = colors.black
HEAD_BG = colors.Color(0.9, 0.9, 0.9)
GROUP_BG = colors.Color(0.95, 0.95, 0.95)
PAD = 4  # points inside a cell, left and right
PAD_Y = 3  # and above and below
CELL_PAD = 2 * PAD  # width of a cell its text cannot use: the padding (a rule lies on it)
FIRST_PART = 60  # least part of a row (three lines of table text) left at a page end
MOST_EMPTY = 1 / 5  # of a page, left empty by a row that moves whole to the next page


class ThaiTable(Table):
    """A table that splits between rows, or inside the row at a page end when keeping it
    whole would leave too much of the page empty."""

    page_height: float = 0.0  # the frame height; set by ``thai_table``

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split between rows; inside the row at the page end when more than a fifth of
        the page would stay empty and ``FIRST_PART`` of it fits there (a title's table
        never leaves its title alone nor half a page empty), or when it could never fit
        on a page."""
        self.splitInRow = 0
        parts = super().split(availWidth, availHeight)
        used = sum(self._rowHeights[: parts[0]._nrows]) if parts else 0.0  # rows kept here
        if availHeight - used > self.page_height * MOST_EMPTY:
            parts = self._split_inside(availWidth, availHeight, FIRST_PART) or parts
        if not parts and self._row_taller_than_page():
            parts = self._split_inside(availWidth, availHeight, 1)
        for part in parts:
            part.page_height = self.page_height
        return parts

    def _split_inside(self, availWidth: float, availHeight: float, least: int) -> list[Flowable]:
        """Split inside the row at ``availHeight`` if ``least`` points of it fit; a group
        heading over that row lets go of it (its NOSPLIT), other headings keep theirs."""
        nosplit = self._nosplitCmds  # row heights are known: ``split`` ran ``_calc``
        self._no_split([])
        row = self._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=1)
        self._no_split([c for c in nosplit if not c[1][1] <= row <= c[2][1]])
        self.splitInRow = least
        parts = self._splitRows(availHeight, doInRowSplit=1)
        self.splitInRow = 0
        self._no_split(nosplit)
        for part in parts:
            part.splitInRow = 0
        return parts if len(parts) > 1 else []

    def _no_split(self, cmds: list) -> None:
        """Set the NOSPLIT commands (reportlab's ``_calc`` keeps stale ranges when none)."""
        self._nosplitCmds = cmds
        self._calcNoSplitRanges()

    def _splitCell(
        self, value: object, style: Any, oldHeight: float, newHeight: float, width: float
    ) -> tuple | list:
        """A cell's flowables cut where its row splits: laid out at the width inside the
        padding (reportlab splits them at the cell's full width, so a paragraph broken
        for the wider line "fits" and is not split, and the split fails)."""
        if not isinstance(value, list | tuple):
            return super()._splitCell(value, style, oldHeight, newHeight, width)
        inner = width - style.leftPadding - style.rightPadding
        room = newHeight - style.topPadding
        head: list[Flowable] = []
        tail: list[Flowable] = []
        for f in value:
            h = 0.0 if tail else f.wrap(inner, room)[1]
            if not tail and h <= room:
                head.append(f)
                room -= h
                continue
            parts = [] if tail else f.split(inner, room)
            if not parts and not head and not tail:
                return []  # nothing of the cell fits above the split
            head += parts[:1]
            tail += parts[1:] or [f]
        return tuple(head), tuple(tail)

    def _row_taller_than_page(self) -> bool:
        """Is the first body row, or the one under a group heading, taller than a page?"""
        heights = self._rowHeights  # rows past the available height may be unmeasured (None)
        head = heights[: self.repeatRows]
        if None in head:
            return False
        room = self.page_height - 1 - sum(head)
        ahead = heights[self.repeatRows : self.repeatRows + 2]
        return any(h is not None and h > room for h in ahead)


class TitledTable(Flowable):
    """A table with its title lines above and ``after`` (a summary line) below, never
    parted: the title goes with the header and at least the first body row, or the first
    part of it (a title with keepWithNext is left alone at a page bottom when the first
    row does not fit), and ``after`` goes with at least the last row."""

    def __init__(
        self, title: Sequence[Flowable], table: ThaiTable, after: Sequence[Flowable] = ()
    ) -> None:
        super().__init__()
        self.title, self.table, self.after = list(title), table, list(after)
        self._sizes: list[tuple[float, float]] = []

    def _parts(self) -> list[Flowable]:
        return [*self.title, self.table, *self.after]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The title's lines, the table and what follows, stacked."""
        self._sizes = [f.wrap(availWidth, availHeight) for f in self._parts()]
        self.width, self.height = availWidth, sum(h for _, h in self._sizes)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The title and the rows that fit under it; the rest of the table after."""

        def height(flowables: list[Flowable]) -> float:
            return sum(f.wrap(availWidth, availHeight)[1] for f in flowables)

        room, table = availHeight - height(self.title), self.table
        parts = table.split(availWidth, room)
        if len(parts) < 2 and self.after:  # the table fits, what follows it does not
            parts = table.split(availWidth, room - height(self.after))
        if len(parts) < 2:  # a last row that does not fit with what follows it: let it go
            fits = self.after and table.wrap(availWidth, room)[1] <= room
            return [TitledTable(self.title, table), *self.after] if fits else []
        rest = TitledTable((), parts[1], self.after) if self.after else parts[1]
        return [TitledTable(self.title, parts[0]), rest]

    def draw(self) -> None:
        """Top down: the title's lines, the table (centred) and what follows."""
        y = self.height
        for f, (w, h) in zip(self._parts(), self._sizes, strict=True):
            y -= h
            f.drawOn(self.canv, 0, y, _sW=self.width - w)


def group_row_style(row: int, note: bool = False) -> list[tuple]:
    """A shaded full-width group heading row (and, ``note``, the full-width row of its
    paragraph under it), kept on the page of the row after it."""
    last = row + 1 + note
    return [
        ("SPAN", (0, row), (-1, row)),
        ("BACKGROUND", (0, row), (-1, row), GROUP_BG),
        ("NOSPLIT", (0, row), (-1, last)),
        *([("SPAN", (0, row + 1), (-1, row + 1))] if note else []),
    ]


def _min_width(content: CellContent, links: bool = True, words: bool = False) -> float:
    items = [content] if isinstance(content, Flowable | str) else list(content)
    paragraphs = [f for f in items if isinstance(f, ThaiParagraph)]
    return max((f.min_width(links, words) for f in paragraphs), default=0.0)


WRAP_COST = 0.3  # weight of every cell's height beside the row's tallest cell
STRANDED_COST = 3000.0  # points of height a line holding only a short word counts for
PARTED_COST = 300.0  # and a word parted into the words it is made of (ดำเนิน|การ)
MEND_STEP = 2.0  # points a column widens at a time to mend its flaws
FIT_STEPS = 80  # the width is shared out in this many steps
LOOK_AHEAD = 6  # steps a column may take at once to lower the table
MAX_FIT_ROWS = 40  # rows looked at when sharing the width out (a sample of longer tables)


def _items(content: CellContent) -> Sequence[Flowable]:
    """The flowables of a cell (none for a spanned placeholder "")."""
    if isinstance(content, str):
        return []
    return [content] if isinstance(content, Flowable) else content


def _cell_height(content: CellContent, width: float) -> tuple[float, float, float]:
    """Height of a cell's flowables laid out ``width`` wide (inside the padding), and the
    cost of its flaws at that width: ``STRANDED_COST`` for each line holding only a short
    word (การ, ของ), ``PARTED_COST`` for each word too wide for it; and of the first alone."""
    items = _items(content)
    parts = [f for f in items if isinstance(f, ThaiParagraph)]
    stranded = STRANDED_COST * sum(f.stranded(width) for f in parts)
    parted = PARTED_COST * sum(f.parted(width) for f in parts)
    return sum(f.wrap(width, 1e6)[1] for f in items), stranded + parted, stranded


def _link_width(content: CellContent) -> float:
    """Width of the widest link or file name in a cell, on one line."""
    return max((f.link_width() for f in _items(content) if isinstance(f, ThaiParagraph)), default=0)


def _tick_only(column: Sequence[CellContent]) -> bool:
    """Does a column hold only ticks and dashes under its header?"""
    return all(
        isinstance(f, CheckMark) or (isinstance(f, ThaiParagraph) and f.text.strip() in "-")
        for c in column
        for f in _items(c)
    )


def _least_widths(
    rows: Sequence[Sequence[CellContent]], shares: list[float], pad: float, parts: bool = False
) -> list[float]:
    """No column narrower than the widest part of a compound it holds (อำนวย|ความ|สะดวก;
    lines break there when they must), or with ``parts`` the widest piece a line never
    breaks (``ThaiParagraph.min_width``: ดำเนิน|การ may part, ต.ค. ๖๘ never); a link holds
    a column open to at most its share. A piece wider than half the table (hostile text
    glued into one run) holds it to its share only: it is cut at character clusters
    anyway, and the other columns keep room."""
    n = len(shares)
    words = [max((_min_width(r[j], False, parts) for r in rows), default=0.0) for j in range(n)]
    links = [max((_min_width(r[j], True, parts) for r in rows), default=0.0) for j in range(n)]
    least = [max(w, min(k, s - pad)) for w, k, s in zip(words, links, shares, strict=True)]
    half = sum(shares) / 2
    return [(w if w <= half else s - pad) + pad for w, s in zip(least, shares, strict=True)]


def _mended(
    cells: Sequence[Sequence[CellContent]],
    weight: Sequence[float],
    mins: Sequence[float],
    most: Sequence[float],
    total: float,
    pad: float,
) -> list[float]:
    """``mins`` with columns widened where that mends their stranded lines, then their
    other flaws: of the ways to share out the width left, the one that leaves the least
    flaws (a few columns' mends may cost what one costs), taking the least width. Each
    column is tried ``MEND_STEP`` wider at a time until its flawed cells are mended."""
    mins = list(mins)
    n = len(mins)

    def flaws(j: int, width: float, rows: Sequence[int]) -> tuple[float, float]:
        found = [(weight[r], _cell_height(cells[r][j], width - pad)) for r in rows]
        return sum(w * c[1] for w, c in found), sum(w * c[2] for w, c in found)

    everything = range(len(cells))
    for kind in (1, 0):  # the stranded lines, then every flaw
        budget = int((total - sum(mins)) / MEND_STEP + 1e-6)
        levels: list[list[tuple[int, float]]] = []  # per column: (steps wider, flaws left)
        for j in range(n):
            bad = [r for r in everything if flaws(j, mins[j], (r,))[kind]]
            here, now = flaws(j, mins[j], bad), flaws(j, mins[j], everything)
            levels.append([(0, now[kind])])
            for d in range(1, min(budget, int((most[j] - mins[j]) / MEND_STEP)) + 1):
                if not here[kind]:
                    break
                wider = flaws(j, mins[j] + d * MEND_STEP, bad)
                if wider[kind] < here[kind] and wider[0] < here[0]:
                    here = wider  # the flawed cells mend: the whole column counted again
                    whole = flaws(j, mins[j] + d * MEND_STEP, everything)
                    if whole[kind] < levels[-1][-1][1] and whole[0] < now[0]:
                        levels[-1].append((d, whole[kind]))
        best: dict[int, tuple[float, tuple[int, ...]]] = {0: (0.0, ())}  # by steps used
        for options in levels:
            grown: dict[int, tuple[float, tuple[int, ...]]] = {}
            for used, (left, picks) in best.items():
                for d, bad_left in options:
                    if used + d > budget:
                        break
                    if used + d not in grown or left + bad_left < grown[used + d][0]:
                        grown[used + d] = (left + bad_left, (*picks, d))
            best = grown
        _left, picks = min(best.values(), key=lambda b: (round(b[0], 6), sum(b[1])))
        mins = [m + d * MEND_STEP for m, d in zip(mins, picks, strict=True)]
    return mins


def fit_widths(
    rows: Sequence[Sequence[CellContent]],
    weights: Sequence[float],
    total: float,
    pad: float = CELL_PAD,
    header_rows: int = 0,
    page_height: float = 0.0,
) -> list[float]:
    """Column widths filling ``total``, shared out by the cells' text (``pad``: the part of
    a cell its text cannot use; a ``thai_table``'s by default).

    Each column starts at the widest word it holds; if those do not fit side by side, at
    the widest piece a line never breaks, a word parting into the words it is made of
    (ดำเนิน|การ) where the width goes elsewhere (if those do not fit either, all shrink
    alike and that is all). Then the width goes, a step at a time, to the column where it
    lowers the table most: each row's tallest cell, and a part of every cell's height
    (a column of long steps widens, a short column keeps what it needs and no more), a
    stranded line or a parted word counting as a tall cell.
    Header rows count once for each page of ``page_height`` (they repeat); ``weights``
    share out what lowers nothing, except to a column of ticks (✓ and -), which stays as
    narrow as its header allows.
    """
    n = len(weights)
    shares = [total * w / sum(weights) for w in weights]
    mins = _least_widths(rows, shares, pad)
    if sum(mins) > total:
        mins = _least_widths(rows, shares, pad, parts=True)
    # a column with a link wider than its share grows no wider than that share
    most = [
        max(m, s) if any(_link_width(r[j]) > s - pad for r in rows) else total
        for j, (m, s) in enumerate(zip(mins, shares, strict=True))
    ]
    ticks = [_tick_only([r[j] for r in rows[header_rows:]]) for j in range(n)]
    held = [t or m < total for t, m in zip(ticks, most, strict=True)]  # no spare for these
    if not all(held):
        weights = [0.0 if h else w for w, h in zip(weights, held, strict=True)]
    if sum(mins) >= total:  # words too wide side by side: each column gives up alike
        return [m * total / sum(mins) for m in mins]
    body = rows[header_rows:]
    sample = [*rows[:header_rows], *body[:: len(body) // MAX_FIT_ROWS + 1]]
    # a cell spanning the ones after it ("" placeholders) says nothing of its own column
    cells = [["" if j + 1 < n and r[j + 1] == "" else c for j, c in enumerate(r)] for r in sample]
    tall = sum(max(_cell_height(c, m - pad)[0] for c, m in zip(r, mins, strict=1)) for r in cells)
    pages = max(1.0, tall * len(body) / max(len(sample), 1) / page_height) if page_height else 1
    weight = [pages] * header_rows + [1.0] * (len(sample) - header_rows)
    mins = _mended(cells, weight, mins, most, total, pad)
    room = math.ceil((total - sum(mins)) * FIT_STEPS / total)  # steps that share the rest
    step = (total - sum(mins)) / max(room, 1)
    known: dict[tuple[int, int], tuple[list[float], float]] = {}

    def heights(j: int, k: int) -> tuple[list[float], float]:
        """Column ``j``'s cell heights ``k`` steps wider than its start, and the cost of its
        flaws there."""
        if (j, k) not in known:
            found = [_cell_height(r[j], mins[j] + k * step - pad) for r in cells]
            flaws = sum(w * f for w, (_h, f, _s) in zip(weight, found, strict=True))
            known[j, k] = [h for h, _f, _s in found], flaws
        return known[j, k]

    steps = [0] * n
    now = [heights(j, 0) for j in range(n)]

    def cost(j: int, col: tuple[list[float], float]) -> float:
        """The table's cost with column ``j``'s heights and flaws replaced by ``col``."""
        heights = [c[0] for c in (*now[:j], col, *now[j + 1 :])]
        flaws = sum(c[1] for c in (*now[:j], col, *now[j + 1 :]))
        return flaws + sum(
            k * (max(row) + WRAP_COST * sum(row)) for k, *row in zip(weight, *heights, strict=True)
        )

    def fits(j: int, d: int) -> bool:
        return mins[j] + (steps[j] + d) * step <= most[j] + 0.01

    while sum(steps) < room:
        base = cost(0, now[0])
        moves = [
            ((base - cost(j, heights(j, steps[j] + d))) / d, j, d)
            for j in range(n)
            for d in range(1, min(LOOK_AHEAD, room - sum(steps)) + 1)
            if fits(j, d)
        ]
        if not moves:
            break
        gain, j, d = max(moves, key=lambda m: (m[0], weights[m[1]], -m[2]))
        if gain <= 1e-6:
            break
        steps[j] += d
        now[j] = heights(j, steps[j])
    widths = [m + k * step for m, k in zip(mins, steps, strict=True)]
    spare = total - sum(widths)

    def flawed(j: int, width: float) -> float:
        return sum(w * _cell_height(r[j], width - pad)[1] for w, r in zip(weight, cells, strict=1))

    shares = list(weights)
    while sum(shares):  # a column whose share of the spare width would strand a line gets none
        more = [spare * k / sum(shares) for k in shares]
        worse = [j for j in range(n) if more[j] and flawed(j, widths[j] + more[j]) > now[j][1]]
        if not worse:
            return [w + m for w, m in zip(widths, more, strict=True)]
        for j in worse:
            shares[j] = 0.0
    return [w + spare * k / sum(weights) for w, k in zip(widths, weights, strict=True)]


def flaws(rows: Sequence[Sequence[CellContent]], widths: Sequence[float]) -> tuple[int, int]:
    """When the cells are laid out in columns ``widths`` wide (a cell followed by ""
    placeholders spans them): the lines holding only a short word (การ, ของ) and the
    pieces cut where a line never breaks (inside ต.ค. ๖๘, or a word made of no others);
    then the words parted into the words they are made of (ดำเนิน|การ)."""
    bad = parted = 0
    for row in rows:
        for j, content in enumerate(row):
            span = next((k for k in range(j + 1, len(row)) if row[k] != ""), len(row))
            inner = sum(widths[j:span]) - 2 * PAD + 0.01
            for f in _items(content):
                if isinstance(f, ThaiParagraph):
                    bad += f.stranded(inner) + (f.min_width(False, True) > inner)
                    parted += f.min_width(False) > inner
    return bad, parted


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
    widths: Sequence[float] | None = None,
) -> ThaiTable:
    """A ``ThaiTable`` ``width`` wide with the house style: grid, shaded header, top-aligned
    cells; column widths follow ``weights`` (see ``fit_widths``) unless ``widths`` are given."""
    cmds: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), "Sarabun", size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
    ]
    if grid:  # and a rule under the part of a row split at a page end
        cmds += [
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.5, GRID),
        ]
    if header_rows:
        cmds += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ]
    table = ThaiTable(
        # flowables in lists: a row split inside splits only the cells given as lists
        [[[c] if isinstance(c, Flowable) else c for c in r] for r in rows],
        colWidths=widths or fit_widths(rows, weights, width, CELL_PAD, header_rows, page_height),
        repeatRows=header_rows,
        style=TableStyle([*cmds, *commands]),
    )
    table.page_height = page_height
    return table


class CheckMark(Flowable):
    """A check mark (✓) drawn as a stroked path, ``size`` points high, with an invisible ✓
    under it so that the mark copies and searches as ✓."""

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
        c._code.append("3 Tr")  # text render mode 3: neither filled nor stroked
        draw_run(c, 0, s * 0.15, "✓", REGULAR, s)
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

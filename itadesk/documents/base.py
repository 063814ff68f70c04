"""The one document base: page size, margins, fonts, named styles and the PDF builder.

Every document builds a list of flowables with a ``Context`` (options + styles + helpers)
and hands it to ``build_pdf``. Pages are A4 portrait or landscape (``PORTRAIT`` and
``LANDSCAPE`` page templates; switch with ``on_new_page``); from page 2 on, the page
number (``- ๒ -``) is centred at the top.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from itadesk.documents.fonts import BOLD, REGULAR, register_fonts
from itadesk.documents.typeset import Span, ThaiParagraph, draw_run
from itadesk.documents.word import DEFAULT_WORD_FONT
from itadesk.domain.numerals import digits

PORTRAIT, LANDSCAPE = "portrait", "landscape"
MARGIN_LEFT, MARGIN_RIGHT = 3 * cm, 2 * cm
MARGIN_TOP, MARGIN_BOTTOM = 2.5 * cm, 2 * cm
BODY_SIZE = 16
TABLE_SIZE = 14
MIN_TABLE_SIZE = 11  # a table whose columns strand lines steps down to this size, no smaller
LEADING = 1.45  # × font size: room for stacked Thai marks
FIRST_INDENT = 2.5 * cm  # first line of a memo body paragraph


@dataclass(frozen=True)
class DocumentOptions:
    """Choices every document honours.

    ``arabic_digits`` prints 0–9 instead of ๐–๙; ``justify`` turns Thai distributed
    justification of body paragraphs on or off; ``table_size`` is the table font size;
    ``word_font`` is the font name a Word file carries (the PDF embeds Sarabun).
    """

    arabic_digits: bool = False
    justify: bool = True
    table_size: float = TABLE_SIZE
    word_font: str = DEFAULT_WORD_FONT


def _style(name: str, size: float, **kw: object) -> ParagraphStyle:
    params: dict[str, object] = {"fontName": REGULAR, "leading": size * LEADING}
    return ParagraphStyle(name, fontSize=size, **(params | kw))


@cache
def stylesheet(justify: bool = True, table_size: float = TABLE_SIZE) -> dict[str, ParagraphStyle]:
    """The named paragraph styles of all documents."""
    body = _style("body", BODY_SIZE, alignment=TA_JUSTIFY if justify else TA_LEFT)
    styles = [
        body,
        _style("paragraph", BODY_SIZE, parent=body, firstLineIndent=FIRST_INDENT),
        _style("plain", BODY_SIZE),
        _style("bold", BODY_SIZE, fontName=BOLD),
        _style("centre", BODY_SIZE, alignment=TA_CENTER),
        _style("heading", BODY_SIZE, fontName=BOLD, spaceBefore=6, keepWithNext=1),
        _style("part", BODY_SIZE, fontName=BOLD, leftIndent=FIRST_INDENT, keepWithNext=1),
        _style("title", 20, fontName=BOLD, alignment=TA_CENTER, keepWithNext=1),
        _style("subtitle", 18, fontName=BOLD, alignment=TA_CENTER, keepWithNext=1),
        _style("memo_heading", 29, fontName=BOLD, alignment=TA_CENTER, leading=29 * 1.2),
        _style("cell", table_size),
        _style("cell_centre", table_size, alignment=TA_CENTER),
        _style("cell_head", table_size, fontName=BOLD, alignment=TA_CENTER),
        _style("cell_group", table_size, fontName=BOLD),
        _style(
            "cell_step", table_size, leftIndent=table_size * 0.6, firstLineIndent=-table_size * 0.6
        ),
    ]
    return {s.name: s for s in styles}


@dataclass
class Context:
    """What a document needs while it builds its story: options, styles, frame sizes."""

    options: DocumentOptions = field(default_factory=DocumentOptions)

    def __post_init__(self) -> None:
        register_fonts()
        self.styles = stylesheet(self.options.justify, self.options.table_size)

    def num(self, text: object) -> str:
        """``text`` with the digits the office prints (Thai unless switched off)."""
        return digits(text, not self.options.arabic_digits)

    def p(
        self, text: str | Sequence[Span], style: str = "body", **changes: object
    ) -> ThaiParagraph:
        """A Thai paragraph in a named style (digits converted); ``changes`` tweak the style."""
        st = self.styles[style]
        if changes:
            st = ParagraphStyle(f"{style}*", parent=st, **changes)
        if isinstance(text, str):
            return ThaiParagraph(self.num(text), st)
        return ThaiParagraph([(self.num(t), b) for t, b in text], st)

    @staticmethod
    def frame_size(orientation: str = PORTRAIT) -> tuple[float, float]:
        """Width and height of the text frame of a page."""
        w, h = _page(orientation)
        return w - MARGIN_LEFT - MARGIN_RIGHT, h - MARGIN_TOP - MARGIN_BOTTOM


def _page(orientation: str) -> tuple[float, float]:
    return landscape(A4) if orientation == LANDSCAPE else A4


def on_new_page(orientation: str = PORTRAIT) -> list[Flowable]:
    """Flowables that continue the story on a new page of the given orientation."""
    return [NextPageTemplate(orientation), PageBreak()]


def build_pdf(
    story: list[Flowable],
    ctx: Context,
    *,
    first: str = PORTRAIT,
    title: str = "",
) -> bytes:
    """Lay out ``story`` on A4 pages (``first`` orientation first) and return the PDF."""

    def number(canv: Canvas, doc: BaseDocTemplate) -> None:
        if doc.page < 2:
            return
        canv.saveState()
        text = ctx.num(f"- {doc.page} -")
        w, h = canv._pagesize
        size = BODY_SIZE
        draw_run(
            canv, (w - stringWidth(text, REGULAR, size)) / 2, h - 1.5 * cm, text, REGULAR, size
        )
        canv.restoreState()

    templates = []
    for name in (first, LANDSCAPE if first == PORTRAIT else PORTRAIT):
        w, h = _page(name)
        frame = Frame(
            MARGIN_LEFT,
            MARGIN_BOTTOM,
            w - MARGIN_LEFT - MARGIN_RIGHT,
            h - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=name,
        )
        templates.append(PageTemplate(id=name, frames=[frame], onPage=number, pagesize=(w, h)))
    rl_config.useA85 = 0  # binary streams: smaller files, and ASCII85 costs ~0.2 s a print
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=_page(first),
        pageTemplates=templates,
        title=title,
        author="ITADesk",
        creator="ITADesk",
        initialFontName=REGULAR,
        initialFontSize=BODY_SIZE,
        invariant=1,
    )
    doc.build(story)
    return buf.getvalue()

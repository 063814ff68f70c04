"""The Word base: A4 sections, Thai runs and paragraphs as a Thai office's Word makes them.

Word draws Thai with the complex-script properties, so every run sets the complex-script font
and size (``w:rFonts w:cs``, ``w:szCs``) and the language ``th-TH`` (``w:lang w:bidi``) beside
the Latin ones; a document that looks right only in an English-locale Word is a bug. Body
paragraphs use Word's Thai distributed alignment (``thaiDistribute``) where the PDF justifies.
Digits are converted exactly as the PDF converts them (``WordContext.num``).
"""

import io
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Emu, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from itadesk.documents.base import BODY_SIZE, DocumentOptions
from itadesk.domain.numerals import digits

LANGUAGE = "th-TH"
A4 = (Cm(21.0), Cm(29.7))
MARGINS = {"left": Cm(3), "right": Cm(2), "top": Cm(2.5), "bottom": Cm(2)}
FIRST_INDENT = Cm(2.5)  # first line of a memo body paragraph, as in the PDF
LINE_SPACING = 1.0  # TH Sarabun's own line height already leaves room for stacked marks
GROUP_SHADE = "F2F2F2"  # the PDF's group rows (0.95 grey)
EMU_PER_POINT = 12700
ZWSP = "\u200b"

Span = tuple[str, bool]  # text, bold


@dataclass
class WordContext:
    """A document being written: options, the font, and helpers that keep Thai right."""

    options: DocumentOptions = field(default_factory=DocumentOptions)
    landscape: bool = False  # the first page's orientation

    def __post_init__(self) -> None:
        self.font = self.options.word_font
        self.doc = Document()
        self._style_defaults()
        self._page_setup(self.doc.sections[0], self.landscape)
        self._page_numbers(self.doc.sections[0])

    def num(self, text: object) -> str:
        """``text`` with the digits the office prints (Thai unless switched off)."""
        return digits(text, not self.options.arabic_digits)

    # ---- runs and paragraphs -------------------------------------------------------------
    def run(
        self, paragraph: Paragraph, text: str, size: float = BODY_SIZE, bold: bool = False
    ) -> Run:
        """A run with the Latin and complex-script font, size, weight and Thai language set
        (its XML made directly: python-docx's ``add_run`` costs a third of a table's time)."""
        r = deepcopy(_empty_run(self.font, size, bold))
        for i, piece in enumerate(self.num(text).split("\t")):
            if i:
                r.append(OxmlElement("w:tab"))
            if piece:
                t = OxmlElement("w:t")
                t.set(qn("xml:space"), "preserve")
                t.text = piece
                r.append(t)
        paragraph._p.append(r)
        return Run(r, paragraph)

    def picture(
        self,
        paragraph: Paragraph,
        image: bytes,
        width: Emu | None = None,
        height: Emu | None = None,
    ) -> Run:
        """An inline picture (PNG or JPEG bytes) in a run that is Thai like every other."""
        run = self.run(paragraph, "")
        run.add_picture(io.BytesIO(image), width=width, height=height)
        return run

    def paragraph(
        self,
        text: str | Sequence[Span] = "",
        *,
        size: float = BODY_SIZE,
        bold: bool = False,
        align: str = "left",
        first_indent: Emu | None = None,
        left_indent: Emu | None = None,
        space_before: float = 0,
        space_after: float = 0,
        keep_with_next: bool = False,
        container: object = None,
    ) -> Paragraph:
        """A paragraph of runs; ``align`` is left, centre, right or justify (Thai distributed,
        or left when the office switched justification off)."""
        target = container if container is not None else self.doc
        para = target.add_paragraph()  # type: ignore[attr-defined]
        spans = [(text, bold)] if isinstance(text, str) else list(text)
        for part, strong in spans:
            if part:
                self.run(para, part, size, strong)
        self.format(para, align, size)
        fmt = para.paragraph_format
        if first_indent is not None:
            fmt.first_line_indent = first_indent
        if left_indent is not None:
            fmt.left_indent = left_indent
        fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
        fmt.keep_with_next = keep_with_next or None
        return para

    def format(self, para: Paragraph, align: str, size: float = BODY_SIZE) -> None:
        """Alignment (Thai distributed for justify), single spacing, and the paragraph mark's
        Thai font, so an empty line and text typed later at its end stay Thai."""
        jc = JUSTIFY.get(align, "left")
        if jc == "thaiDistribute" and not self.options.justify:
            jc = "left"
        p = para._p
        if p.pPr is not None:
            p.remove(p.pPr)
        p.insert(0, deepcopy(_paragraph_properties(self.font, size, jc)))

    def tab_stops(self, para: Paragraph, *stops: tuple[Emu, str, bool]) -> None:
        """Tab stops (position, alignment left/centre/right, dotted leader)."""
        kinds = {
            "left": WD_TAB_ALIGNMENT.LEFT,
            "centre": WD_TAB_ALIGNMENT.CENTER,
            "right": WD_TAB_ALIGNMENT.RIGHT,
        }
        for position, kind, dotted in stops:
            leader = WD_TAB_LEADER.DOTS if dotted else WD_TAB_LEADER.SPACES
            para.paragraph_format.tab_stops.add_tab_stop(position, kinds[kind], leader)

    def dotted_line(self, para: Paragraph, end: Emu) -> None:
        """Make ``para`` a dotted line to write on, up to ``end``: a right tab with a dotted
        leader, and a zero-width space after the tab (LibreOffice draws no leader for a tab
        that ends a paragraph in a table cell)."""
        self.tab_stops(para, (end, "right", True))
        self.run(para, "\t" + ZWSP)

    # ---- pages ---------------------------------------------------------------------------
    def text_width(self, section: Section | None = None) -> Emu:
        """Width between the margins of ``section`` (the last one by default)."""
        s = section or self.doc.sections[-1]
        return Emu(s.page_width - s.left_margin - s.right_margin)

    def text_height(self, section: Section | None = None) -> Emu:
        """Height between the margins of ``section`` (the last one by default)."""
        s = section or self.doc.sections[-1]
        return Emu(s.page_height - s.top_margin - s.bottom_margin)

    def new_section(self, landscape: bool) -> Section:
        """Continue on a new page, portrait or landscape (a table attached to a memo), its
        pages numbered on from the last, its first page too (only the document's first page
        goes without)."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page_setup(section, landscape)
        section.different_first_page_header_footer = False
        return section

    def bytes(self) -> bytes:
        """The document as .docx bytes."""
        self.doc.core_properties.author = "ITADesk"
        self.doc.core_properties.language = LANGUAGE
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()

    # ---- tables --------------------------------------------------------------------------
    def table(self, rows: int, widths: Sequence[Emu], grid: bool = True) -> Table:
        """A table of fixed column widths (``grid`` draws its borders)."""
        table = self.doc.add_table(rows=rows, cols=len(widths))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        if grid:
            table.style = self.doc.styles["Table Grid"]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        _fixed_layout(table)
        return table

    def cell_paragraph(
        self,
        cell: _Cell,
        text: str | Sequence[Span],
        *,
        size: float,
        bold: bool = False,
        align: str = "left",
        hanging: Emu | None = None,
    ) -> Paragraph:
        """A paragraph in ``cell`` (the cell's first, empty paragraph is used first)."""
        first = cell.paragraphs[0]
        if len(cell.paragraphs) == 1 and not first.text and not first.runs:
            para = first
            spans = [(text, bold)] if isinstance(text, str) else list(text)
            for part, strong in spans:
                if part:
                    self.run(para, part, size, strong)
            self.format(para, align, size)
        else:
            para = self.paragraph(text, size=size, bold=bold, align=align, container=cell)
        if hanging is not None:
            para.paragraph_format.left_indent = hanging
            para.paragraph_format.first_line_indent = -hanging
        return para

    # ---- setup ---------------------------------------------------------------------------
    def _style_defaults(self) -> None:
        """Normal and Table Grid in the Thai font at body size, single spacing, no gaps."""
        for name in ("Normal", "Table Grid"):
            style = self.doc.styles[name]
            rpr = style.element.get_or_add_rPr()
            _thai_rpr(rpr, self.font, BODY_SIZE, bold=False)
        normal = self.doc.styles["Normal"].paragraph_format
        normal.space_after, normal.space_before, normal.line_spacing = Pt(0), Pt(0), LINE_SPACING

    @staticmethod
    def _page_setup(section: Section, landscape: bool) -> None:
        width, height = A4
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
        section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
        section.header_distance = Cm(1.2)

    def _page_numbers(self, section: Section) -> None:
        """From page 2 on, ``- ๒ -`` centred at the top, in the digits the office prints.

        The digits come from the section's page number format (``w:pgNumType``), which Word
        honours. LibreOffice has no Thai digits for page numbers (it reads ``thaiNumbers``
        as 1, 2, 3 and the field switch ``\\* ThaiArabic`` as ก, ข, ค), so it shows 1, 2, 3;
        the field therefore carries no switch."""
        section.different_first_page_header_footer = True
        para = section.header.paragraphs[0]
        self.format(para, "centre")
        self.run(para, "- ")
        _page_field(para, self.font, self.num(2))
        self.run(para, " -")
        style = "decimal" if self.options.arabic_digits else "thaiNumbers"
        put(section._sectPr, "pgNumType", fmt=style)


JUSTIFY = {"justify": "thaiDistribute", "centre": "center", "right": "right", "left": "left"}
"""``w:jc`` values (python-docx has no member for Word's Thai distributed alignment)."""


@cache
def _run_properties(font: str, size: float, bold: bool) -> Any:
    """The ``w:rPr`` of a Thai run, made once and copied into each run."""
    rpr = OxmlElement("w:rPr")
    _thai_rpr(rpr, font, size, bold)
    return rpr


@cache
def _empty_run(font: str, size: float, bold: bool) -> Any:
    """A ``w:r`` holding only its Thai properties."""
    r = OxmlElement("w:r")
    r.append(deepcopy(_run_properties(font, size, bold)))
    return r


@cache
def _paragraph_properties(font: str, size: float, jc: str) -> Any:
    """The ``w:pPr`` of a paragraph: single spacing, alignment, the mark's Thai font."""
    ppr = OxmlElement("w:pPr")
    put(ppr, "spacing", line=str(round(240 * LINE_SPACING)), lineRule="auto")
    put(ppr, "jc", val=jc)
    _thai_rpr(put(ppr, "rPr"), font, size, bold=False)
    return ppr


# the child order the schema requires: Word calls a file with children out of order unreadable
_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect "
    "bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW "
    "jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark",
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader "
    "tblCellSpacing jc hidden",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
    "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi "
    "rtlGutter docGrid printerSettings",
}
_RANK = {
    parent: {qn(f"w:{name}"): i for i, name in enumerate(names.split())}
    for parent, names in _ORDER.items()
}


def put(parent: Any, name: str, **attrs: str) -> Any:
    """Set the child ``w:name`` of ``parent`` (replacing one already there) with ``attrs``,
    at the place the schema gives it."""
    rank = _RANK[parent.tag.split("}")[1]]
    tag = qn(f"w:{name}")
    for old in parent.findall(tag):
        parent.remove(old)
    child = OxmlElement(f"w:{name}")
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    later = [el for el in parent if rank.get(el.tag, -1) > rank[tag]]
    if later:
        later[0].addprevious(child)
    else:
        parent.append(child)
    return child


def _thai_rpr(rpr: Any, font: str, size: float, bold: bool) -> None:
    put(rpr, "rFonts", ascii=font, hAnsi=font, cs=font, eastAsia=font)
    for name in ("b", "bCs"):
        if bold:
            put(rpr, name)
        else:
            for old in rpr.findall(qn(f"w:{name}")):
                rpr.remove(old)
    half_points = str(round(size * 2))
    put(rpr, "sz", val=half_points)
    put(rpr, "szCs", val=half_points)
    put(rpr, "lang", val=LANGUAGE, bidi=LANGUAGE)


def _page_field(para: Paragraph, font: str, result: str) -> None:
    """A PAGE field as Word writes one (begin, instruction, separate, ``result``, end)."""
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = para.add_run()
        run._r.insert(0, deepcopy(_run_properties(font, BODY_SIZE, False)))
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        elif kind == "result":
            run.text = result
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _fixed_layout(table: Table) -> None:
    """Fixed column widths: Word keeps the PDF's widths instead of fitting to content."""
    put(table._tbl.tblPr, "tblLayout", type="fixed")


def repeat_header(table: Table, rows: int) -> None:
    """Mark the first ``rows`` rows to repeat at the top of every page (``w:tblHeader``)."""
    for row in table.rows[:rows]:
        put(row._tr.get_or_add_trPr(), "tblHeader", val="true")


def cell_margins(table: Table, side: float, top: float) -> None:
    """Room inside every cell of ``table``, in points: ``side`` left and right, ``top``
    above and below (the PDF's cell padding)."""
    margins = put(table._tbl.tblPr, "tblCellMar")
    for name, points in (("top", top), ("left", side), ("bottom", top), ("right", side)):
        edge = OxmlElement(f"w:{name}")
        edge.set(qn("w:w"), str(round(points * 20)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)


def shade(cell: _Cell, fill: str = GROUP_SHADE) -> None:
    """A cell's background (the group rows)."""
    put(cell._tc.get_or_add_tcPr(), "shd", val="clear", color="auto", fill=fill)


def borderless(table: Table) -> None:
    """No borders at all (layout tables: the emblem and heading, blocks side by side)."""
    borders = put(table._tbl.tblPr, "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)

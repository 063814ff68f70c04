"""บันทึกข้อความ in Word, laid out as the official template: emblem, heading, header lines with
tab stops, indented body parts, signature and reviewer blocks on the right half, real dotted
lines to write on, and the attachments on sections of their own orientation."""

import dataclasses
import io
from datetime import date

from docx.shared import Cm, Emu
from PIL import Image

from itadesk.documents.base import DocumentOptions
from itadesk.documents.data import Memo, MemoPart, Reviewer, Signer
from itadesk.documents.memo import (
    PAIR_GAP,
    SIGN_HEIGHT,
    SIGN_WIDTH,
    pair_widths,
    sign_lines,
    sign_width,
)
from itadesk.documents.word import tables
from itadesk.documents.word.base import (
    BODY_SIZE,
    EMU_PER_POINT,
    FIRST_INDENT,
    WordContext,
    borderless,
    put,
)
from itadesk.domain.dates import thai_date

EMBLEM_HEIGHT = Cm(1.5)
HEADING_SIZE = 29  # บันทึกข้อความ
LABEL_SIZE = 20  # ส่วนราชการ ที่ วันที่ เรื่อง
GAP = "  "
SIGN_LINES = 2  # empty lines left to sign on
CELL_MARGINS = 12  # points Word keeps inside a table cell, both sides together
BLOCK_SHARE = 0.45  # the signature blocks take the right 55 % of the text width


def _head(data: Memo, w: WordContext) -> None:
    """The emblem at the left margin and บันทึกข้อความ centred on the text width."""
    para = w.paragraph(align="left")
    if data.emblem:
        w.picture(para, data.emblem, height=EMBLEM_HEIGHT)
        w.tab_stops(para, (Emu(w.text_width() // 2), "centre", False))
        w.run(para, "\t")
    else:
        w.format(para, "centre")
    w.run(para, "บันทึกข้อความ", HEADING_SIZE, bold=True)


def _labelled(w: WordContext, *pairs: tuple[str, str]) -> None:
    """One header line: each 20 pt bold label followed by its 16 pt text; a second pair
    starts at the middle of the line (ที่ … | วันที่ …)."""
    para = w.paragraph()
    if len(pairs) > 1:
        w.tab_stops(para, (Emu(w.text_width() // 2), "left", False))
    for i, (label, text) in enumerate(pairs):
        if i:
            w.run(para, "\t")
        w.run(para, label, LABEL_SIZE, bold=True)
        w.run(para, GAP + text)


def _header(data: Memo, w: WordContext) -> None:
    office = data.office + (f"{GAP}โทร\xa0{data.phone}" if data.phone else "")
    day = data.date
    day_text = (
        thai_date(day, thai_digits=not w.options.arabic_digits) if isinstance(day, date) else day
    )
    _labelled(w, ("ส่วนราชการ", office))
    _labelled(w, ("ที่", data.ref_no), ("วันที่", day_text))
    _labelled(w, ("เรื่อง", data.subject))
    w.paragraph([("เรียน", True), (GAP + data.to, False)], space_before=4)


def _body(text: str, w: WordContext) -> None:
    w.paragraph(text, align="justify", first_indent=FIRST_INDENT)


def _part(part: MemoPart, w: WordContext) -> None:
    if part.title:
        w.paragraph(part.title, bold=True, left_indent=FIRST_INDENT, keep_with_next=True)
    for text in part.paragraphs:
        _body(text, w)
    if part.table:
        tables.write(dataclasses.replace(part.table, landscape=False), w)
        w.paragraph()
    for text in part.after:
        _body(text, w)


def signature(signer: Signer, w: WordContext, space: int = SIGN_LINES) -> None:
    """Room to sign (or the signature image, as high as that room), (name), position and
    the acting line, centred on the right 55 %, or further left when the position or the
    acting title needs it to stay on one line."""
    width = w.text_width()
    need = Emu(int(sign_width(signer, not w.options.arabic_digits) * EMU_PER_POINT))
    indent = Emu(max(0, min(int(width * BLOCK_SHARE), width - need)))
    if signer.signature:
        para = w.paragraph(align="centre", left_indent=indent, keep_with_next=True)
        image_width, image_height = _signature_size(signer.signature)
        w.picture(para, signer.signature, width=image_width, height=image_height)
    else:
        for _ in range(space):
            w.paragraph(left_indent=indent, keep_with_next=True)
    shown = sign_lines(signer)
    for k, text in enumerate(shown):
        w.paragraph(text, align="centre", left_indent=indent, keep_with_next=k < len(shown) - 1)


def _signature_size(png: bytes) -> tuple[Emu, Emu]:
    """The PDF's size of a signature image: 1.3 cm high, narrower when it would be too wide."""
    with Image.open(io.BytesIO(png)) as image:
        w, h = image.size
    scale = min(SIGN_HEIGHT / h, SIGN_WIDTH / w)  # points per pixel
    return Emu(int(w * scale * EMU_PER_POINT)), Emu(int(h * scale * EMU_PER_POINT))


def _reviewer(r: Reviewer, w: WordContext) -> None:
    """The reviewer's label, a pre-printed comment, dotted lines to write on, the block."""
    w.paragraph(r.label, space_before=8, keep_with_next=True)
    if r.comment:
        w.paragraph(r.comment, left_indent=Cm(2), keep_with_next=True)
    for _ in range(max(0, r.lines - bool(r.comment))):
        w.dotted_line(w.paragraph(keep_with_next=True), w.text_width())
    signature(r.signer, w)


def _reviewer_pairs(reviewers: tuple[Reviewer, ...], w: WordContext) -> None:
    """The chain in pairs: a borderless two-column table per pair, each block as wide as
    its signature lines need (``memo.pair_widths``)."""
    width = w.text_width()
    size = BODY_SIZE
    for k in range(0, len(reviewers), 2):
        pair = reviewers[k : k + 2]
        needs = [sign_width(r.signer, not w.options.arabic_digits) for r in pair]
        rooms = pair_widths(needs + [0.0] * (2 - len(pair)), width / EMU_PER_POINT)
        widths = [
            Emu(int((rooms[0] + PAIR_GAP) * EMU_PER_POINT)),
            Emu(int(rooms[1] * EMU_PER_POINT)),
        ]
        table = w.table(1, widths, grid=False)
        borderless(table)
        put(table.rows[0]._tr.get_or_add_trPr(), "cantSplit")  # a block stays on one page
        for cell, r, room in zip(table.rows[0].cells, pair, rooms, strict=False):
            w.cell_paragraph(cell, r.label, size=size)
            if r.comment:
                w.cell_paragraph(cell, r.comment, size=size)
            end = Emu(int((room - CELL_MARGINS) * EMU_PER_POINT))
            for _ in range(max(0, r.lines - bool(r.comment))):
                w.dotted_line(w.cell_paragraph(cell, "", size=size), end)
            for _ in range(SIGN_LINES):
                w.cell_paragraph(cell, "", size=size)
            for text in sign_lines(r.signer):
                w.cell_paragraph(cell, text, size=size, align="centre")


def write(data: Memo, w: WordContext) -> None:
    """The memo and its attachments into ``w``."""
    _head(data, w)
    _header(data, w)
    for part in data.parts:
        _part(part, w)
    closing = w.paragraph(data.closing, align="justify", first_indent=FIRST_INDENT)
    closing.paragraph_format.keep_with_next = True
    signature(data.writer, w)
    if data.reviewers_side_by_side:
        _reviewer_pairs(data.reviewers, w)
    for reviewer in () if data.reviewers_side_by_side else data.reviewers:
        _reviewer(reviewer, w)
    for attachment in data.attachments:
        w.new_section(attachment.landscape)
        tables.write(attachment, w)


def render(data: Memo, options: DocumentOptions | None = None) -> bytes:
    """The memo as .docx bytes."""
    w = WordContext(options or DocumentOptions())
    write(data, w)
    return w.bytes()

"""บันทึกข้อความ: the internal memo, its reviewer chain and attachments."""

import dataclasses
import io
from datetime import date

from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table, TableStyle

from itadesk.documents import measures_table
from itadesk.documents.base import BODY_SIZE, Context, DocumentOptions, build_pdf, on_new_page
from itadesk.documents.data import Memo, MemoPart, Reviewer, Signer
from itadesk.documents.data import Table as DataTable
from itadesk.documents.fonts import BOLD, REGULAR, register_fonts
from itadesk.documents.tables import DottedLine
from itadesk.documents.typeset import baseline_offset, draw_run
from itadesk.domain.dates import thai_date
from itadesk.domain.numerals import digits

EMBLEM_HEIGHT = 1.5 * cm
LABEL_SIZE = 20  # ส่วนราชการ ที่ วันที่ เรื่อง: the official template's header labels
SIGN_SPACE = 1.3 * cm  # room for the handwritten signature
SIGN_HEIGHT = SIGN_SPACE  # a signature image fills that room: 1.3 cm high
SIGN_WIDTH = 6 * cm  # and is never wider than this
GAP = "  "
SIGN_SLACK = 6  # points beside the widest line of a signature block
PAIR_GAP = 0.6 * cm  # between two reviewer blocks side by side


def _bare(rows: list[list], widths: list[float], valign: str = "TOP") -> Table:
    """A layout table: no grid, no padding."""
    style = [("VALIGN", (0, 0), (-1, -1), valign), ("FONT", (0, 0), (-1, -1), "Sarabun", 16)]
    style += [
        (f"{side}PADDING", (0, 0), (-1, -1), 0) for side in ("LEFT", "RIGHT", "TOP", "BOTTOM")
    ]
    return Table(rows, colWidths=widths, style=TableStyle(style))


def _head(data: Memo, ctx: Context) -> list[Flowable]:
    """Emblem top left, บันทึกข้อความ centred on the page."""
    width, _ = ctx.frame_size()
    heading = ctx.p("บันทึกข้อความ", "memo_heading")
    if not data.emblem:
        return [heading, Spacer(1, 4)]
    w, h = ImageReader(io.BytesIO(data.emblem)).getSize()
    img = Image(io.BytesIO(data.emblem), width=EMBLEM_HEIGHT * w / h, height=EMBLEM_HEIGHT)
    side = 2.2 * cm
    return [_bare([[img, heading, ""]], [side, width - 2 * side, side], "BOTTOM"), Spacer(1, 4)]


class _Labelled(Flowable):
    """A header line as the official template prints it: a 20 pt bold label on the baseline
    of 16 pt text, whose wrapped lines hang under the text."""

    def __init__(self, label: str, text: str | list[tuple[str, bool]], ctx: Context) -> None:
        super().__init__()
        self.label = label
        self.indent = stringWidth(label, BOLD, LABEL_SIZE) + stringWidth(GAP, REGULAR, BODY_SIZE)
        self.body = ctx.p(text, "plain", leftIndent=self.indent)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, body_height = self.body.wrap(availWidth, availHeight)
        self.height = body_height + LABEL_SIZE - BODY_SIZE  # room for the taller label
        return self.width, self.height

    def draw(self) -> None:
        style = self.body.style
        baseline = self.body.height - baseline_offset(style.fontSize, style.leading)
        draw_run(self.canv, 0, baseline, self.label, BOLD, LABEL_SIZE)  # first: text order
        self.body.drawOn(self.canv, 0, 0)


def _header(data: Memo, ctx: Context) -> list[Flowable]:
    width, _ = ctx.frame_size()
    office: list[tuple[str, bool]] = [(data.office, False)]
    if data.phone:
        office.append((f"{GAP}โทร\xa0{data.phone}", False))
    day = data.date
    day_text = (
        thai_date(day, thai_digits=not ctx.options.arabic_digits) if isinstance(day, date) else day
    )
    return [
        _Labelled("ส่วนราชการ", office, ctx),
        _bare(
            [[_Labelled("ที่", data.ref_no, ctx), _Labelled("วันที่", day_text, ctx)]],
            [width * 0.5, width * 0.5],
        ),
        _Labelled("เรื่อง", data.subject, ctx),
        ctx.p([("เรียน", True), (GAP + data.to, False)], "plain"),  # body size, as in the template
        Spacer(1, 4),
    ]


def _embedded(table: DataTable, ctx: Context) -> list[Flowable]:
    """A table inside the memo body (always the portrait frame)."""
    portrait = dataclasses.replace(table, landscape=False)
    return [Spacer(1, 4), *measures_table.story(portrait, ctx), Spacer(1, 6)]


def _part(part: MemoPart, ctx: Context) -> list[Flowable]:
    out: list[Flowable] = [ctx.p(part.title, "part")] if part.title else []
    out += [ctx.p(text, "paragraph") for text in part.paragraphs]
    if part.table:
        out += _embedded(part.table, ctx)
    out += [ctx.p(text, "paragraph") for text in part.after]
    return out


def sign_lines(signer: Signer) -> list[str]:
    acting = [signer.acting_for] if signer.acting_for else []
    return [f"({signer.name})", signer.position, *acting]


def sign_width(signer: Signer, thai_digits: bool = True) -> float:
    """The width (points) the signature's widest line needs to print on one line."""
    register_fonts()  # the Word writer measures with the PDF's metrics too
    lines = sign_lines(signer)
    widest = max(stringWidth(digits(t, thai_digits), REGULAR, BODY_SIZE) for t in lines)
    return widest + SIGN_SLACK


def signature(
    signer: Signer, ctx: Context, space: float = SIGN_SPACE, room: float | None = None
) -> Flowable:
    """Space to sign (or the signature image), (name), position (and the acting line),
    centred right of middle, or in ``room`` (a side-by-side block). The block widens to the
    left, up to the text width, so that the position and the acting title each print on one
    line."""
    width = room or ctx.frame_size()[0]
    block_width = (
        width
        if room
        else min(width, max(width * 0.55, sign_width(signer, not ctx.options.arabic_digits)))
    )
    top: Flowable = Spacer(1, space)
    if signer.signature:
        top = signature_image(signer.signature, space)
    rows = [[top], *[[ctx.p(t, "centre")] for t in sign_lines(signer)]]
    block = _bare(rows, [block_width])
    block.setStyle([("ALIGN", (0, 0), (0, 0), "CENTER"), ("VALIGN", (0, 0), (0, 0), "BOTTOM")])
    block.hAlign = "CENTER" if room else "RIGHT"
    return block


def signature_image(png: bytes, height: float = SIGN_HEIGHT) -> Image:
    """A signature image ``height`` high (narrower when it would be wider than
    ``SIGN_WIDTH``), standing on the line above the name."""
    w, h = ImageReader(io.BytesIO(png)).getSize()
    scale = min(height / h, SIGN_WIDTH / w)
    image = Image(io.BytesIO(png), width=w * scale, height=h * scale)
    image.hAlign = "CENTER"
    return image


def _reviewer_parts(r: Reviewer, ctx: Context, room: float | None = None) -> list[Flowable]:
    """The reviewer's label, a pre-printed comment, dotted lines to write on, the block."""
    leading = ctx.styles["plain"].leading
    parts: list[Flowable] = [Spacer(1, 8), ctx.p(r.label, "plain")]
    if r.comment:
        parts.append(ctx.p(r.comment, "plain", leftIndent=(room or 16 * cm) / 8))
    parts += [DottedLine(leading) for _ in range(max(0, r.lines - bool(r.comment)))]
    parts.append(signature(r.signer, ctx, room=room))
    return parts


def pair_widths(needs: list[float], width: float) -> list[float]:
    """Two side-by-side blocks' widths: each what its lines need, the rest shared; halves
    when they need more than the width together."""
    spare = width - PAIR_GAP - sum(needs)
    if spare < 0:
        return [(width - PAIR_GAP) / 2] * 2
    return [need + spare / 2 for need in needs]


def reviewer_chain(reviewers: tuple[Reviewer, ...], side_by_side: bool, ctx: Context) -> list:
    """The chain stacked (each reviewer kept whole), or in pairs: two blocks on a row, each
    as wide as its signature lines need."""
    if not side_by_side:
        return [KeepTogether(_reviewer_parts(r, ctx)) for r in reviewers]
    width, _ = ctx.frame_size()
    out: list[Flowable] = []
    for k in range(0, len(reviewers), 2):
        pair = reviewers[k : k + 2]
        needs = [sign_width(r.signer, not ctx.options.arabic_digits) for r in pair] + [0.0] * (
            2 - len(pair)
        )
        rooms = pair_widths(needs, width)
        cells: list = [_reviewer_parts(r, ctx, room) for r, room in zip(pair, rooms, strict=False)]
        row = _bare([cells + [""] * (2 - len(cells))], [rooms[0] + PAIR_GAP, rooms[1]])
        row.setStyle([("RIGHTPADDING", (0, 0), (0, 0), PAIR_GAP)])
        out.append(row)
    return out


def story(data: Memo, ctx: Context) -> list[Flowable]:
    """The memo's flowables, attachments included."""
    out = _head(data, ctx) + _header(data, ctx)
    for part in data.parts:
        out += _part(part, ctx)
    # the signature never stands alone at the top of a page, nor a title at the bottom
    tail: list[Flowable] = []
    while out and out[-1].getKeepWithNext():
        tail.insert(0, out.pop())
    closing = [ctx.p(data.closing, "paragraph"), signature(data.writer, ctx)]
    out.append(KeepTogether([*tail, *closing]))
    out += reviewer_chain(data.reviewers, data.reviewers_side_by_side, ctx)
    for attachment in data.attachments:
        out += on_new_page(measures_table.orientation(attachment.landscape))
        out += measures_table.story(attachment, ctx)
    return out


def render(data: Memo, options: DocumentOptions | None = None) -> bytes:
    """The memo as PDF bytes."""
    ctx = Context(options or DocumentOptions())
    return build_pdf(story(data, ctx), ctx, title=data.subject)

"""บันทึกข้อความ: the internal memo, its reviewer chain and attachments."""

import dataclasses
import io
from datetime import date

from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table, TableStyle

from itadesk.documents import measures_table, progress_table
from itadesk.documents.base import BODY_SIZE, Context, DocumentOptions, build_pdf, on_new_page
from itadesk.documents.data import Memo, MemoPart, ProgressReport, Reviewer, Signer
from itadesk.documents.data import Table as DataTable
from itadesk.documents.fonts import BOLD, REGULAR
from itadesk.documents.tables import DottedLine
from itadesk.documents.typeset import baseline_offset, draw_run
from itadesk.domain.dates import thai_date

EMBLEM_HEIGHT = 1.5 * cm
LABEL_SIZE = 20  # ส่วนราชการ ที่ วันที่ เรื่อง: the official template's header labels
SIGN_SPACE = 1.3 * cm  # room for the handwritten signature
SIGN_HEIGHT = SIGN_SPACE  # a signature image fills that room: 1.3 cm high
SIGN_WIDTH = 6 * cm  # and is never wider than this
GAP = "  "


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
    module = progress_table if isinstance(table, ProgressReport) else measures_table
    return [Spacer(1, 4), *module.story(portrait, ctx), Spacer(1, 6)]  # type: ignore[arg-type]


def _part(part: MemoPart, ctx: Context) -> list[Flowable]:
    out: list[Flowable] = [ctx.p(part.title, "part")] if part.title else []
    out += [ctx.p(text, "paragraph") for text in part.paragraphs]
    if part.table:
        out += _embedded(part.table, ctx)
    out += [ctx.p(text, "paragraph") for text in part.after]
    return out


def signature(signer: Signer, ctx: Context, space: float = SIGN_SPACE) -> Flowable:
    """Space to sign (or the signature image), (name), position (and the acting line),
    centred right of middle."""
    width, _ = ctx.frame_size()
    lines = [f"({signer.name})", signer.position] + (
        [signer.acting_for] if signer.acting_for else []
    )
    top: Flowable = Spacer(1, space)
    if signer.signature:
        top = signature_image(signer.signature, space)
    block = _bare([[top], *[[ctx.p(t, "centre")] for t in lines]], [width * 0.55])
    block.setStyle([("ALIGN", (0, 0), (0, 0), "CENTER"), ("VALIGN", (0, 0), (0, 0), "BOTTOM")])
    block.hAlign = "RIGHT"
    return block


def signature_image(png: bytes, height: float = SIGN_HEIGHT) -> Image:
    """A signature image ``height`` high (narrower when it would be wider than
    ``SIGN_WIDTH``), standing on the line above the name."""
    w, h = ImageReader(io.BytesIO(png)).getSize()
    scale = min(height / h, SIGN_WIDTH / w)
    image = Image(io.BytesIO(png), width=w * scale, height=h * scale)
    image.hAlign = "CENTER"
    return image


def _reviewer(r: Reviewer, ctx: Context) -> Flowable:
    leading = ctx.styles["plain"].leading
    parts: list[Flowable] = [Spacer(1, 8), ctx.p(r.label, "plain")]
    if r.comment:
        parts.append(ctx.p(r.comment, "plain", leftIndent=2 * cm))
    parts += [DottedLine(leading) for _ in range(max(0, r.lines - bool(r.comment)))]
    parts.append(signature(r.signer, ctx))
    return KeepTogether(parts)


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
    out += [_reviewer(r, ctx) for r in data.reviewers]
    for attachment in data.attachments:
        module = progress_table if isinstance(attachment, ProgressReport) else measures_table
        out += on_new_page(measures_table.orientation(attachment.landscape))
        out += module.story(attachment, ctx)  # type: ignore[arg-type]
    return out


def render(data: Memo, options: DocumentOptions | None = None) -> bytes:
    """The memo as PDF bytes."""
    ctx = Context(options or DocumentOptions())
    return build_pdf(story(data, ctx), ctx, title=data.subject)

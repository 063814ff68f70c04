"""The indicator bar chart as a PNG picture for Word (the PDF draws it as vector graphics).

Only digits are drawn (indicator numbers, scores, the value axis), so Pillow needs no Thai
shaping; the same rules as the PDF chart: value axis 0–100, a dashed target line, each score
over its bar or over the line when the line would cross it (``analysis_report.label_base``).
"""

import io
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from itadesk.documents.analysis_report import LABEL_SIZE, label_base
from itadesk.documents.data import IndicatorScore
from itadesk.domain.numerals import digits, format_score
from itadesk.paths import fonts_dir

DPI = 200
PT = DPI / 72  # pixels per point
BAR = (64, 115, 179)
TARGET = (204, 26, 26)
AXIS = (0, 0, 0)


@cache
def _font(size_pt: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(fonts_dir() / "Sarabun-Regular.ttf"), round(size_pt * PT))


def bar_chart_png(
    rows: tuple[IndicatorScore, ...], target: float, width_pt: float, thai: bool
) -> bytes:
    """Bars of the indicator scores, labelled by number, with the dashed target line."""
    w, h = round(width_pt * PT), round(230 * PT)
    left, bottom, top, right = 40 * PT, 30 * PT, 20 * PT, 20 * PT
    plot_w, plot_h = w - left - right, h - bottom - top
    image = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(image)
    axis_font, label_font = _font(12), _font(LABEL_SIZE)

    def y_of(value: float) -> float:
        return h - bottom - plot_h * value / 100

    for value in range(0, 101, 20):
        y = y_of(value)
        draw.line([(left - 4 * PT, y), (left, y)], fill=AXIS, width=2)
        draw.text((left - 6 * PT, y), digits(value, thai), fill=AXIS, font=axis_font, anchor="rm")
    draw.line([(left, top), (left, h - bottom)], fill=AXIS, width=2)
    draw.line([(left, h - bottom), (w - right, h - bottom)], fill=AXIS, width=2)
    step = plot_w / max(len(rows), 1)
    line_y = y_of(target)
    for i, row in enumerate(rows):
        x0 = left + step * (i + 0.2)
        x1 = left + step * (i + 0.8)
        draw.rectangle([x0, y_of(row.score), x1, h - bottom], fill=BAR)
        centre = (x0 + x1) / 2
        number = digits(row.number, thai)
        draw.text((centre, h - bottom + 4 * PT), number, fill=AXIS, font=axis_font, anchor="mt")
    x = left
    while x < w - right:  # dashed: 5 on, 3 off, as in the PDF
        draw.line([(x, line_y), (min(x + 5 * PT, w - right), line_y)], fill=TARGET, width=3)
        x += 8 * PT
    plot_pt = plot_h / PT
    for i, row in enumerate(rows):
        centre = left + step * (i + 0.5)
        # in points above the axis, as the PDF counts
        y = label_base(plot_pt * row.score / 100, plot_pt * target / 100, LABEL_SIZE * 0.8)
        text = format_score(row.score, thai)
        draw.text((centre, h - bottom - y * PT), text, fill=AXIS, font=label_font, anchor="ms")
    buf = io.BytesIO()
    image.save(buf, "PNG", dpi=(DPI, DPI))
    return buf.getvalue()

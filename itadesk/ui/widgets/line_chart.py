"""A small line chart of scores over the years (overall and the three tools), with QPainter."""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from itadesk.domain.numerals import digits
from itadesk.ui.i18n import _

COLOURS = {
    "overall": QColor("#1f3b73"),
    "IIT": QColor("#2f7d6d"),
    "EIT": QColor("#e08a2c"),
    "OIT": QColor("#8e44ad"),
}
_TARGET = QColor("#c0392b")
_STROKE, _GAP = 18, 14  # a legend entry: its stroke, 4 px, its label, then the gap


class LineChart(QWidget):
    """One line per series over the years; the value axis runs from ``floor`` to 100."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.years: list[int] = []
        self.series: dict[str, list[Decimal]] = {}
        self.target = Decimal(85)
        self.thai_digits = True
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        """Wide enough for the whole legend (at 1024 px its last entry was cut)."""
        return QSize(max(260, 4 + self._legend_width(list(COLOURS))), 200)

    def _label(self, name: str) -> str:
        return _("ภาพรวม") if name == "overall" else name

    def _legend_width(self, names: list[str]) -> int:
        metrics = self.fontMetrics()
        return sum(_STROKE + 4 + metrics.horizontalAdvance(self._label(n)) + _GAP for n in names)

    def set_data(
        self, years: Sequence[int], series: Mapping[str, Sequence[Decimal]], thai: bool = True
    ) -> None:
        self.years, self.thai_digits = list(years), thai
        self.series = {name: list(values) for name, values in series.items()}
        self.update()

    def floor(self) -> int:
        """The lowest tick: a ten below the lowest value (at most 70: the target stays in view
        and close scores still spread apart)."""
        lowest = min((v for vs in self.series.values() for v in vs), default=Decimal(70))
        return max(0, min(70, int(lowest) // 10 * 10 - 10))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = painter.fontMetrics()
        line = metrics.height()
        left = metrics.horizontalAdvance("๑๐๐") + 10
        legend_height = line + 4
        plot = QRectF(left, line / 2 + 2, self.width() - left - 16,
                      self.height() - line * 2.2 - legend_height)  # fmt: skip
        floor = self.floor()

        def y_of(value: Decimal | int) -> float:
            return plot.bottom() - plot.height() * (float(value) - floor) / (100 - floor)

        painter.setPen(QPen(self.palette().mid().color(), 1))
        for tick in range(floor, 101, 10):
            y = y_of(tick)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.drawText(
                QRectF(0, y - line / 2, left - 6, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                digits(tick, self.thai_digits),
            )
        painter.setPen(QPen(_TARGET, 1.5, Qt.PenStyle.DashLine))
        y = y_of(self.target)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        count = len(self.years)
        if count == 0:
            painter.setPen(self.palette().text().color())
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, _("ยังไม่มีปีที่กรอกคะแนน"))
            painter.end()
            return

        def x_of(index: int) -> float:
            return plot.left() + plot.width() * (index + 0.5) / count

        painter.setPen(self.palette().text().color())
        for index, year in enumerate(self.years):
            box = QRectF(x_of(index) - 40, plot.bottom() + 2, 80, line * 1.3)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, digits(year, self.thai_digits))
        for name, values in self.series.items():
            colour = COLOURS.get(name, self.palette().text().color())
            painter.setPen(QPen(colour, 3 if name == "overall" else 2))
            points = [QPointF(x_of(i), y_of(v)) for i, v in enumerate(values)]
            painter.drawPolyline(points)
            painter.setBrush(colour)
            for point in points:
                painter.drawEllipse(point, 3.5, 3.5)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        # the legend under the years, from the left edge
        x, legend_y = 4.0, self.height() - legend_height
        mid = legend_y + line / 2
        for name in self.series:
            label = self._label(name)
            colour = COLOURS.get(name, self.palette().text().color())
            painter.setPen(QPen(colour, 3))
            painter.drawLine(QPointF(x, mid), QPointF(x + _STROKE, mid))
            painter.setPen(self.palette().text().color())
            width = metrics.horizontalAdvance(label)
            painter.drawText(QRectF(x + _STROKE + 4, legend_y, width + 4, line), label)
            x += self._legend_width([name])
        painter.end()

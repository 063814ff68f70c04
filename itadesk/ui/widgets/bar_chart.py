"""A bar chart of the ten indicator scores with the target line, drawn with QPainter."""

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from itadesk.domain.numerals import digits, format_score
from itadesk.ui.i18n import _

_GOOD, _LOW, _TARGET = QColor("#2f7d6d"), QColor("#e08a2c"), QColor("#c0392b")


class BarChart(QWidget):
    """Scores 0–100 per indicator; bars under the target are drawn in orange."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scores: list[Decimal | None] = [None] * 10
        self.target = Decimal(85)
        self.thai_digits = True
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 220)

    def set_scores(self, scores: Sequence[Decimal | None], thai_digits: bool = True) -> None:
        self.scores, self.thai_digits = list(scores), thai_digits
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        left, top = metrics.horizontalAdvance("๑๐๐") + 10, line + 6
        plot = QRectF(left, top, self.width() - left - 10, self.height() - top - line * 1.6)
        painter.fillRect(self.rect(), self.palette().base())

        def y_of(value: Decimal | int) -> float:
            return plot.bottom() - plot.height() * float(value) / 100

        painter.setPen(QPen(self.palette().mid().color(), 1))
        for tick in (0, 25, 50, 75, 100):
            y = y_of(tick)
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.drawText(
                QRectF(0, y - line / 2, left - 6, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                digits(tick, self.thai_digits),
            )
        slot = plot.width() / max(len(self.scores), 1)
        small = painter.font()
        small.setPointSizeF(small.pointSizeF() * 0.8)
        widest = max(
            (QFontMetricsF(small).horizontalAdvance(format_score(s, self.thai_digits))
             for s in self.scores if s is not None), default=0.0,
        )  # fmt: skip
        if widest > slot - 2:  # a narrow chart: the values shrink rather than overlap
            small.setPointSizeF(max(6.0, small.pointSizeF() * (slot - 2) / widest))
        small_metrics = QFontMetricsF(small)
        values: list[tuple[QRectF, str]] = []
        for index, score in enumerate(self.scores):
            x = plot.left() + slot * index
            label_box = QRectF(x, plot.bottom() + 2, slot, line * 1.4)
            painter.setPen(self.palette().text().color())
            number = digits(index + 1, self.thai_digits)
            painter.drawText(label_box, Qt.AlignmentFlag.AlignCenter, number)
            if score is None:
                continue
            bar = QRectF(x + slot * 0.18, y_of(score), slot * 0.64, plot.bottom() - y_of(score))
            painter.fillRect(bar, _LOW if score < self.target else _GOOD)
            value = format_score(score, self.thai_digits)
            width, height = small_metrics.horizontalAdvance(value) + 2, small_metrics.height()
            box = QRectF(x + (slot - width) / 2, bar.top() - height - 1, width, height)
            values.append((box, value))
        y = y_of(self.target)
        painter.setPen(QPen(_TARGET, 2, Qt.PenStyle.DashLine))
        painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
        caption = _("เป้าหมาย {target}").format(target=digits(self.target, self.thai_digits))
        painter.drawText(
            QRectF(plot.left(), 0, plot.width(), top - 2),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
            caption,
        )
        # the values last, on the background colour: the target line never crosses them
        painter.setFont(small)
        painter.setPen(self.palette().text().color())
        for box, value in values:
            painter.fillRect(box, self.palette().base())
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, value)
        painter.end()

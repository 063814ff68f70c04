"""ผลการประเมินทุกปี: the overall score and the three tools of every year entered, as a small
line chart and a table with the change from the year before; indicators that fell are named."""

from decimal import Decimal

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from itadesk.domain.history import FALL, YearScores, signed, skipped_note
from itadesk.domain.numerals import digits, format_score
from itadesk.domain.scoring import TOOLS
from itadesk.services.history import history
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import _
from itadesk.ui.widgets.common import WrapLabel
from itadesk.ui.widgets.line_chart import LineChart

_FALLEN = QColor("#b03a2e")


class HistoryPanel(QWidget):
    """Reloaded with the screen; it reads every year, whichever year is chosen."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chart = LineChart()
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [_("ปีงบประมาณ"), *TOOLS, _("ภาพรวม"), _("ระดับ"), _("ตัวชี้วัดที่ลดลง")]
        )
        self.table.setToolTip(
            _("ตัวเลขในวงเล็บคือการเปลี่ยนแปลงจากปีก่อนหน้าที่กรอกไว้; "
              "ตัวชี้วัดที่ลดลงตั้งแต่ {fall} คะแนนขึ้นไปแสดงเป็นสีแดง").format(fall=digits(FALL))
        )  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.note = WrapLabel()
        row = QHBoxLayout()
        row.addWidget(self.chart, 1)
        row.addWidget(self.table, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.note)

    def reload(self, thai: bool = True) -> None:
        found = history(self.ctx.db)
        rows = found.rows
        series = {"overall": [r.overall for r in rows]}
        series |= {tool: [r.tools[tool] for r in rows] for tool in TOOLS}
        self.chart.set_data([r.year for r in rows], series, thai)
        self.table.setRowCount(len(rows))
        for index, r in enumerate(rows):
            self._fill(index, r, thai)
        self.table.setMinimumHeight(self.table.horizontalHeader().height() + 4 * 30)
        notes = [skipped_note(found.skipped, thai)] if found.skipped else []
        if len(rows) < 2:
            notes.append(_("กรอกคะแนนตั้งแต่สองปีขึ้นไปเพื่อเปรียบเทียบ"))
        self.note.set_thai("\n".join(notes))

    def _fill(self, index: int, r: YearScores, thai: bool) -> None:
        def with_change(value: Decimal, change: Decimal | None) -> str:
            text = format_score(value, thai)
            return text if change is None else f"{text} ({signed(change, thai)})"

        changes = r.tool_changes or {}
        fallen = ", ".join(digits(n, thai) for n in r.fallen)
        fallen_scores = ", ".join(
            _("ตัวชี้วัดที่ {n} ได้ {score}").format(
                n=digits(n, thai), score=format_score(r.scores[n - 1], thai)
            )
            for n in r.fallen
        )
        cells = [
            digits(r.year, thai),
            *(with_change(r.tools[t], changes.get(t)) for t in TOOLS),
            with_change(r.overall, r.change),
            r.level,
            fallen,
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == len(cells) - 1 and r.fallen:
                item.setForeground(_FALLEN)
                item.setToolTip(
                    _("ลดลงจากปีก่อนตั้งแต่ {fall} คะแนนขึ้นไป: {scores}").format(
                        fall=digits(FALL, thai), scores=fallen_scores
                    )
                )
            self.table.setItem(index, column, item)

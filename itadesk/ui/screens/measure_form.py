"""The form of one measure; every change is saved at once through the services."""

import re
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QWidget,
)

from itadesk.db.models import Measure
from itadesk.domain.dates import ROUNDS, fiscal_year_range
from itadesk.domain.numerals import digits
from itadesk.domain.scoring import INDICATORS, TOOLS
from itadesk.services import measures, office, years
from itadesk.services.measures import WHOLE_YEAR, MeasureInput
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import _
from itadesk.ui.widgets.common import CommitTextEdit, WrapLineEdit
from itadesk.ui.widgets.list_editor import CheckList, ListEditor
from itadesk.ui.widgets.thai_date import MonthYearPicker

_MONTHS, _NOTE = 0, 1


def split_codes(text: str) -> list[str]:
    """Question codes typed as ``i4, e3 o12``."""
    return [code for code in re.split(r"[\s,;]+", text.strip()) if code]


class MeasureForm(QWidget):
    """Edits the measure given to ``show_measure``; ``saved`` after each stored change."""

    saved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.measure_id: int | None = None
        self._stored: MeasureInput | None = None  # as saved
        self._shown: MeasureInput | None = None  # as the form showed it then
        self._loading = False
        self.title = WrapLineEdit(lines=2)
        self.group = QComboBox()
        self.group.setEditable(True)
        self.group.addItems(list(TOOLS))
        self.approach = CommitTextEdit(lines=2)
        self.steps = ListEditor()
        self.units = CheckList()
        self.period_kind = QComboBox()
        self.period_kind.addItems([_("ช่วงเดือน"), _("ข้อความ เช่น ตลอดปีงบประมาณ")])
        self.start = MonthYearPicker()
        self.end = MonthYearPicker(end_of_month=True)
        self.note = QLineEdit()
        self.follow_up = CommitTextEdit(lines=2)
        self.rounds = {r: QCheckBox(_("{n} เดือน").format(n=digits(r))) for r in ROUNDS}
        self.indicators = CheckList()
        self.indicators.set_choices(
            [(f"ind{i.number}", f"{digits(i.number)}. {i.name} ({i.tool})") for i in INDICATORS], []
        )
        self.questions = QLineEdit()
        self.questions.setPlaceholderText(_("รหัสข้อคำถาม เช่น i4, e3 (และข้อ OIT ที่ไม่มีในรายการ)"))
        self.oit = CheckList()
        self._lay_out()
        self._connect()
        self.setEnabled(False)

    def _lay_out(self) -> None:
        self.period_pages = QStackedWidget()
        months = QWidget()
        row = QHBoxLayout(months)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start)
        row.addWidget(QLabel("–"))
        row.addWidget(self.end)
        self.period_pages.addWidget(months)
        self.period_pages.addWidget(self.note)
        rounds = QHBoxLayout()
        for box in self.rounds.values():
            rounds.addWidget(box)
        rounds.addStretch()
        for checklist, rows in ((self.units, 5), (self.indicators, 6), (self.oit, 6)):
            checklist.setFixedHeight(checklist.fontMetrics().lineSpacing() * rows + 16)
        self.steps.list.setFixedHeight(self.steps.fontMetrics().lineSpacing() * 5 + 16)
        form = QFormLayout(self)
        form.addRow(_("ชื่อมาตรการ"), self.title)
        form.addRow(_("กลุ่ม"), self.group)
        form.addRow(_("แนวทางการปฏิบัติ"), self.approach)
        form.addRow(_("วิธีดำเนินการ/ขั้นตอน\n(Enter เพิ่มบรรทัด)"), self.steps)
        form.addRow(_("ผู้รับผิดชอบ"), self.units)
        form.addRow(_("ระยะเวลาดำเนินการ"), self.period_kind)
        form.addRow("", self.period_pages)
        form.addRow(_("การติดตามประเมินผล"), self.follow_up)
        form.addRow(_("รอบรายงาน"), rounds)
        form.addRow(_("ตัวชี้วัดที่เกี่ยวข้อง"), self.indicators)
        form.addRow(_("ข้อคำถาม IIT/EIT"), self.questions)
        form.addRow(_("ข้อ OIT"), self.oit)

    def _connect(self) -> None:
        for edit in (self.title, self.note, self.questions):
            edit.editingFinished.connect(self.commit)
        for text in (self.approach, self.follow_up):
            text.editingFinished.connect(self.commit)
        self.group.activated.connect(lambda _i: self.commit())
        self.group.lineEdit().editingFinished.connect(self.commit)
        for changed in (self.steps.changed, self.units.changed, self.indicators.changed,
                        self.oit.changed, self.start.changed, self.end.changed):  # fmt: skip
            changed.connect(self.commit)
        self.period_kind.currentIndexChanged.connect(self._period_kind_changed)
        for box in self.rounds.values():
            box.toggled.connect(lambda _on: self.commit())

    # loading -------------------------------------------------------------------------------
    def show_measure(self, measure: Measure | None) -> None:
        """Edit ``measure`` (None: an empty, disabled form: nothing of the last one shows)."""
        self._loading = True
        self.measure_id = measure.id if measure else None
        self.setEnabled(measure is not None)
        self._stored = measures.input_of(measure) if measure else None
        self._fill(self._stored or MeasureInput(title="", group="", rounds=[]))
        self._shown = self.current_input()
        self._loading = False

    def _fill(self, data: MeasureInput) -> None:
        self.title.set_text(data.title)
        self.group.setCurrentText(data.group)
        self.approach.set_text(data.approach)
        self.steps.set_items(data.steps)
        names = [u.name for u in office.list_units(self.ctx.db)]
        names += [u for u in data.units if u not in names]
        self.units.set_choices([(n, n) for n in names], data.units)
        first, last = fiscal_year_range(self.ctx.year)
        has_months = data.period_start is not None
        self.period_kind.setCurrentIndex(_MONTHS if has_months else _NOTE)
        self.period_pages.setCurrentIndex(_MONTHS if has_months else _NOTE)
        self.start.set_value(data.period_start or first)
        self.end.set_value(data.period_end or last)
        self.note.setText(data.period_note)
        self.follow_up.set_text(data.follow_up)
        for number, box in self.rounds.items():
            box.setChecked(number in data.rounds)
        self.indicators.set_choices(
            [(f"ind{i.number}", f"{digits(i.number)}. {i.name} ({i.tool})") for i in INDICATORS],
            data.links,
        )
        items = years.oit_items(self.ctx.db, self.ctx.year)
        self.oit.set_choices([(i.code, f"{i.code} {i.name}") for i in items], data.links)
        listed = {i.code for i in items}
        # every other code stays visible here, so that no stored link is dropped by an edit
        others = [c for c in data.links if not c.startswith("ind") and c not in listed]
        self.questions.setText(", ".join(others))

    # saving --------------------------------------------------------------------------------
    def _period_kind_changed(self, index: int) -> None:
        self.period_pages.setCurrentIndex(index)
        if index == _NOTE and not self.note.text().strip():
            self.note.setText(WHOLE_YEAR)
        self.commit()

    def current_input(self) -> MeasureInput:
        months = self.period_kind.currentIndex() == _MONTHS
        start: date | None = self.start.value() if months else None
        end: date | None = self.end.value() if months else None
        return MeasureInput(
            title=self.title.text(), group=self.group.currentText(),
            approach=self.approach.text(), steps=self.steps.items(),
            units=self.units.checked(), period_start=start, period_end=end,
            period_note="" if months else self.note.text(), follow_up=self.follow_up.text(),
            rounds=[r for r, box in self.rounds.items() if box.isChecked()],
            links=self.indicators.checked() + split_codes(self.questions.text())
            + self.oit.checked(),
        )  # fmt: skip

    def commit(self) -> None:
        """Save the form if it differs from what is stored; a refusal restores the stored."""
        if self._loading or self.measure_id is None:
            return
        data = self.current_input()
        if data == self._shown:
            return
        saved = self.ctx.call(measures.update_measure, self.measure_id, data)
        if saved is None:
            self._loading = True
            if self._stored is not None:
                self._fill(self._stored)
            self._shown = self.current_input()
            self._loading = False
            return
        self._stored, self._shown = measures.input_of(saved), data
        self.saved.emit(saved.id)

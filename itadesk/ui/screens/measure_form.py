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
from itadesk.ui.widgets import form_rows
from itadesk.ui.widgets.common import CommitTextEdit, WrapLineEdit
from itadesk.ui.widgets.form_rows import FormRow, text_row
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
        self._shown: MeasureInput | None = None  # as the form showed (or saved) it last
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
        self.rows = self._rows()
        self._size()
        form_rows.lay_out(QFormLayout(self), self.rows)
        form_rows.connect(self.rows, self.commit)
        self.period_kind.currentIndexChanged.connect(self._period_kind_changed)
        self.setEnabled(False)

    def _rows(self) -> list[FormRow]:
        """The form, row by row: each names the fields of ``MeasureInput`` it edits."""
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
        group, steps, units = self.group, self.steps, self.units
        return [
            text_row(_("ชื่อมาตรการ"), "title", self.title),
            FormRow(
                _("กลุ่ม"), group, lambda: {"group": group.currentText()},
                lambda d: group.setCurrentText(d.group),
                (group.activated, group.lineEdit().editingFinished),
            ),
            text_row(_("แนวทางการปฏิบัติ"), "approach", self.approach),
            FormRow(
                _("วิธีดำเนินการ/ขั้นตอน\n(Enter เพิ่มบรรทัด)"), steps,
                lambda: {"steps": steps.items()}, lambda d: steps.set_items(d.steps),
                (steps.changed,),
            ),
            FormRow(
                _("ผู้รับผิดชอบ"), units, lambda: {"units": units.checked()}, self._show_units,
                (units.changed,),
            ),
            FormRow(
                _("ระยะเวลาดำเนินการ"), self.period_kind, self._period, self._show_period,
                (self.start.changed, self.end.changed, self.note.editingFinished),
            ),
            FormRow("", self.period_pages),
            text_row(_("การติดตามประเมินผล"), "follow_up", self.follow_up),
            FormRow(
                _("รอบรายงาน"), rounds,
                lambda: {"rounds": [r for r, box in self.rounds.items() if box.isChecked()]},
                self._show_rounds, tuple(box.toggled for box in self.rounds.values()),
            ),
            FormRow(
                _("ตัวชี้วัดที่เกี่ยวข้อง"), self.indicators, self._links, self._show_links,
                (self.indicators.changed, self.questions.editingFinished, self.oit.changed),
            ),
            FormRow(_("ข้อคำถาม IIT/EIT"), self.questions),
            FormRow(_("ข้อ OIT"), self.oit),
        ]  # fmt: skip

    def _size(self) -> None:
        for checklist, rows in ((self.units, 5), (self.indicators, 6), (self.oit, 6)):
            checklist.setFixedHeight(checklist.fontMetrics().lineSpacing() * rows + 16)
        self.steps.list.setFixedHeight(self.steps.fontMetrics().lineSpacing() * 5 + 16)

    # loading -------------------------------------------------------------------------------
    def show_measure(self, measure: Measure | None) -> None:
        """Edit ``measure`` (None: an empty, disabled form: nothing of the last one shows)."""
        self._loading = True
        self.measure_id = measure.id if measure else None
        self.setEnabled(measure is not None)
        stored = measures.input_of(measure) if measure else None
        self._fill(stored or MeasureInput(title="", group="", rounds=[]))
        self._shown = self.current_input()
        self._loading = False

    def _fill(self, data: MeasureInput) -> None:
        form_rows.show(self.rows, data)

    def _show_units(self, data: MeasureInput) -> None:
        names = [u.name for u in office.list_units(self.ctx.db)]
        names += [u for u in data.units if u not in names]
        self.units.set_choices([(n, n) for n in names], data.units)

    def _show_period(self, data: MeasureInput) -> None:
        first, last = fiscal_year_range(self.ctx.year)
        has_months = data.period_start is not None
        self.period_kind.setCurrentIndex(_MONTHS if has_months else _NOTE)
        self.period_pages.setCurrentIndex(_MONTHS if has_months else _NOTE)
        self.start.set_value(data.period_start or first)
        self.end.set_value(data.period_end or last)
        self.note.setText(data.period_note)

    def _period(self) -> dict[str, object]:
        months = self.period_kind.currentIndex() == _MONTHS
        start: date | None = self.start.value() if months else None
        end: date | None = self.end.value() if months else None
        note = "" if months else self.note.text()
        return {"period_start": start, "period_end": end, "period_note": note}

    def _show_rounds(self, data: MeasureInput) -> None:
        for number, box in self.rounds.items():
            box.setChecked(number in data.rounds)

    def _show_links(self, data: MeasureInput) -> None:
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

    def _links(self) -> dict[str, object]:
        codes = split_codes(self.questions.text())
        return {"links": self.indicators.checked() + codes + self.oit.checked()}

    # saving --------------------------------------------------------------------------------
    def _period_kind_changed(self, index: int) -> None:
        self.period_pages.setCurrentIndex(index)
        if index == _NOTE and not self.note.text().strip():
            self.note.setText(WHOLE_YEAR)
        self.commit()

    def current_input(self) -> MeasureInput:
        return form_rows.read(self.rows, MeasureInput)

    def commit(self) -> None:
        """Save the form if it differs from what is stored. A refusal is said in Thai and what
        was typed stays in the form to be corrected (a pasted title too long, say); the next
        edit tries again."""
        if self._loading or self.measure_id is None:
            return
        data = self.current_input()
        if data == self._shown:
            return
        saved = self.ctx.call(measures.update_measure, self.measure_id, data)
        if saved is None:
            return
        self._shown = data
        self.saved.emit(saved.id)

    def pending(self) -> bool:
        """True while the form holds an edit that was refused, so not saved."""
        return self.measure_id is not None and self.current_input() != self._shown

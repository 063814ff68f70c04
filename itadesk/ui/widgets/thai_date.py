"""Month/year and date pickers with Thai month names and Buddhist Era years."""

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from itadesk.domain.dates import BE_OFFSET, month_end, month_names
from itadesk.domain.numerals import to_arabic_digits, to_thai_digits


class ThaiSpinBox(QSpinBox):
    """A spin box that shows Thai digits and accepts Thai or Arabic digits."""

    def textFromValue(self, value: int) -> str:
        return to_thai_digits(value)

    def valueFromText(self, text: str) -> int:
        return int(to_arabic_digits(text) or 0)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        # return the full tuple: a bare State leaks references to None in PySide6 6.12
        arabic = to_arabic_digits(text)
        if not arabic:
            return QValidator.State.Intermediate, text, pos
        if not arabic.isdigit():
            return QValidator.State.Invalid, text, pos
        if self.minimum() <= int(arabic) <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos


class MonthYearPicker(QWidget):
    """A Thai month and a BE year; ``value()`` is the first (or last) day of that month."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, end_of_month: bool = False) -> None:
        super().__init__(parent)
        self.end_of_month = end_of_month
        self.month = QComboBox(self)
        for number, name in month_names().items():
            self.month.addItem(name, number)
        self.year = ThaiSpinBox(self)
        self.year.setRange(2500, 2700)
        self.year.setValue(date.today().year + BE_OFFSET)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.month, 2)
        layout.addWidget(self.year, 1)
        self.month.currentIndexChanged.connect(self.changed)
        self.year.valueChanged.connect(self.changed)

    def value(self) -> date:
        year, month = self.year.value() - BE_OFFSET, int(self.month.currentData())
        return month_end(year, month) if self.end_of_month else date(year, month, 1)

    def set_value(self, day: date) -> None:
        self.blockSignals(True)
        self.month.setCurrentIndex(day.month - 1)
        self.year.setValue(day.year + BE_OFFSET)
        self.blockSignals(False)


class ThaiDateEdit(QWidget):
    """A day, a Thai month and a BE year (the date of a memo).

    The day never goes past the month's last day, so what is shown is what is saved.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = ThaiSpinBox(self)
        self.day.setRange(1, 31)
        self.month_year = MonthYearPicker(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.day, 1)
        layout.addWidget(self.month_year, 3)
        self.day.valueChanged.connect(self.changed)
        self.month_year.changed.connect(self._fit_days)
        self.month_year.changed.connect(self.changed)

    def _fit_days(self) -> None:
        first = self.month_year.value()
        self.day.setMaximum(month_end(first.year, first.month).day)

    def date(self) -> date:
        return self.month_year.value().replace(day=self.day.value())

    def set_date(self, day: date) -> None:
        self.blockSignals(True)
        self.month_year.set_value(day)
        self._fit_days()
        self.day.setValue(day.day)
        self.blockSignals(False)

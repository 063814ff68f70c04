"""A number field: Thai or Arabic digits between bounds, checked as the clerk types."""

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from itadesk.domain.numerals import check_range, parse_decimal
from itadesk.errors import UserError

_BAD = "QLineEdit { background: #ffe4e1; }"


class NumberField(QLineEdit):
    """Refuses bad text at the field (not a number, or outside ``low``–``high``): a Thai
    message, and the typed text stays, marked, until it is corrected (nothing is saved from
    it). ``what`` names the value in the message ("คะแนนต้องอยู่ระหว่าง ๐ ถึง ๑๐๐")."""

    committed = Signal()  # a valid new value was entered
    refused = Signal(str)  # Thai message: the typed value was refused

    def __init__(
        self, label: str, low: Decimal, high: Decimal, what: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.label = label
        self.bounds = (low, high)
        self.what = what
        self._saved = ""
        self.setMaximumWidth(110)
        self.textEdited.connect(self._check_live)
        self.editingFinished.connect(self._finish)

    def set_value(self, text: str) -> None:
        """Show a stored value without reporting a change."""
        self._saved = text
        self.setText(text)
        self.setStyleSheet("")

    def value(self) -> Decimal | None:
        """The typed number, or None when empty or invalid."""
        try:
            return self._parse(self.text())
        except UserError:
            return None

    def problem(self) -> str:
        """Why the typed text is refused (Thai), or '' (also when empty)."""
        try:
            self._parse(self.text())
        except UserError as error:
            return str(error)
        return ""

    def _parse(self, text: str) -> Decimal | None:
        if not text.strip():
            return None
        return check_range(parse_decimal(text, self.label), self.label, *self.bounds, self.what)

    def _check_live(self, _text: str) -> None:
        problem = self.problem()
        self.setStyleSheet(_BAD if problem else "")
        self.setToolTip(problem)
        if problem:
            self.refused.emit(problem)

    def _finish(self) -> None:
        if self.text() == self._saved:
            return
        try:
            self._parse(self.text())
        except UserError as error:  # kept, marked, so the clerk corrects one digit
            self.setStyleSheet(_BAD)
            self.setToolTip(str(error))
            self.refused.emit(str(error))
            return
        self._saved = self.text()
        self.committed.emit()

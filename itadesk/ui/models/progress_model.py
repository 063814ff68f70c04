"""The measures of a year at one reporting round: a row per measure with its status."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from itadesk.db.models import Measure, ProgressEntry
from itadesk.domain.numerals import digits
from itadesk.services.measures import in_group_order, numbers_in_groups
from itadesk.services.progress import STATUS_LABELS, entry_for, status_label
from itadesk.ui.i18n import N_
from itadesk.ui.models import ColumnHeaders
from itadesk.ui.thaitext import breakable

Index = QModelIndex | QPersistentModelIndex
GROUP, NUMBER, TITLE, STATUS, FILES = range(5)
COLUMNS = (N_("กลุ่ม"), N_("ลำดับ"), N_("มาตรการ"), N_("สถานะ"), N_("ไฟล์หลักฐาน"))
MEASURE_ROLE = Qt.ItemDataRole.UserRole
ROOT = QModelIndex()
SaveStatus = Callable[[Measure, ProgressEntry | None, str], ProgressEntry | None]


class ProgressModel(ColumnHeaders, QAbstractTableModel):
    """Status is edited in place; ``save_status`` stores it and returns the new entry."""

    columns = COLUMNS

    def __init__(self, save_status: SaveStatus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.save_status = save_status
        self.rows: list[tuple[Measure, ProgressEntry | None]] = []
        self.numbers: list[str] = []
        self.thai_digits = True
        self.labels = STATUS_LABELS  # the states the office ticks (progress.status_labels)

    def load(self, measures: list[Measure], round_months: int, thai_digits: bool = True) -> None:
        self.beginResetModel()
        measures = in_group_order(measures)
        self.rows = [(m, entry_for(m, round_months)) for m in measures]
        self.thai_digits = thai_digits
        numbers = numbers_in_groups(measures)
        self.numbers = [digits(numbers[m.id], thai_digits) for m in measures]
        self.endResetModel()

    def set_entry(self, row: int, entry: ProgressEntry | None) -> None:
        """Replace a row's entry after the form saved it."""
        self.rows[row] = (self.rows[row][0], entry)
        self.dataChanged.emit(self.index(row, STATUS), self.index(row, FILES))

    def row_of(self, measure_id: int) -> int:
        return next((r for r, (m, _e) in enumerate(self.rows) if m.id == measure_id), -1)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        measure, entry = self.rows[index.row()]
        status = entry.status if entry else "not_started"
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == GROUP:  # numbers start again in each group
                return measure.group
            if column == NUMBER:
                return self.numbers[index.row()]
            if column == TITLE:
                return breakable(measure.title)
            if column == STATUS:
                return status_label(status, self.labels)
            count = len(entry.attachments) if entry else 0
            return digits(count, self.thai_digits) if count else ""
        if role == Qt.ItemDataRole.EditRole and column == STATUS:
            return status
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return measure.title
        if role == MEASURE_ROLE:
            return measure
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != STATUS or role != Qt.ItemDataRole.EditRole:
            return False
        measure, entry = self.rows[index.row()]
        if value not in self.labels or (entry and entry.status == value):
            return False
        saved = self.save_status(measure, entry, str(value))
        if saved is None:
            return False
        self.set_entry(index.row(), saved)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == STATUS else flags

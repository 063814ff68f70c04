"""The measures of a year as a tree: groups (IIT, EIT, OIT or a heading), then measures."""

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from itadesk.db.models import Measure
from itadesk.domain.numerals import digits
from itadesk.services.measures import by_group, group_heading, measure_period, numbers_in_groups
from itadesk.ui.i18n import N_, _
from itadesk.ui.models import ColumnHeaders

Index = QModelIndex | QPersistentModelIndex
TITLE, UNITS, PERIOD = range(3)
COLUMNS = (N_("มาตรการ"), N_("ผู้รับผิดชอบ"), N_("ระยะเวลา"))
MEASURE_ROLE = Qt.ItemDataRole.UserRole  # the Measure of a row (None on a group row)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # print position
ROOT = QModelIndex()  # the invisible root, as a default argument
_GROUP = 0  # internal id of a group row; a measure row stores its group's row + 1


class MeasureTreeModel(ColumnHeaders, QAbstractItemModel):
    """Read-only tree; edits go through the form and the services, then ``load`` again."""

    columns = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups: list[tuple[str, list[Measure]]] = []
        self.thai_digits = True
        self._number: dict[int, int] = {}

    def load(self, measures: list[Measure], thai_digits: bool = True) -> None:
        """Show measures in print order, grouped in the order groups first appear."""
        self.beginResetModel()
        self.thai_digits = thai_digits
        self.groups = list(by_group(measures).items())
        self._number = numbers_in_groups(measures)
        self.endResetModel()

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        if parent.internalId() == _GROUP:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: Index | None = None) -> Any:  # type: ignore[override]
        if child is None:
            return super().parent()
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.column() != 0 or parent.internalId() != _GROUP:
            return 0
        return len(self.groups[parent.row()][1])

    def columnCount(self, _parent: Index = ROOT) -> int:
        return len(COLUMNS)

    def measure(self, index: Index) -> Measure | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self.groups[index.internalId() - 1][1][index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        measure = self.measure(index)
        if measure is None:
            return self._group_data(index, role)
        number = self._number.get(measure.id, 0)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == TITLE:
                return f"{digits(number, self.thai_digits)}. {measure.title}"
            if index.column() == UNITS:
                return ", ".join(measure.units)
            return measure_period(measure, self.thai_digits)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == TITLE:
            return measure.title
        if role == MEASURE_ROLE:
            return measure
        if role == SORT_ROLE:
            return number
        return None

    def _group_data(self, index: Index, role: int) -> Any:
        group, measures = self.groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and index.column() == TITLE:
            count = digits(len(measures), self.thai_digits)
            return _("{heading} ({count} มาตรการ)").format(
                heading=group_heading(group), count=count
            )
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == SORT_ROLE:
            return index.row()
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def index_of(self, measure_id: int) -> QModelIndex:
        """The title cell of a measure, or an invalid index."""
        for group_row, (_group, measures) in enumerate(self.groups):
            for row, measure in enumerate(measures):
                if measure.id == measure_id:
                    return self.index(row, TITLE, self.index(group_row, 0))
        return QModelIndex()

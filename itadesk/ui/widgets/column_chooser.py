"""Which columns the measures table prints, in which order, under which titles."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from itadesk.documents.columns import COLUMNS, FIRST
from itadesk.ui.i18n import _
from itadesk.ui.widgets.common import button_row

KEY_ROLE = Qt.ItemDataRole.UserRole


class ColumnChooser(QWidget):
    """A checkable, orderable list; double-click a column to rename it for this office.

    ``changed(columns, titles)`` gives the ticked column keys in order and the renamed titles.
    """

    changed = Signal(list, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.itemChanged.connect(lambda _item: self._emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(
            button_row(
                self,
                [(_("เลื่อนขึ้น"), lambda: self.move(-1)), (_("เลื่อนลง"), lambda: self.move(1))],
            )
        )

    def set_columns(self, columns: list[str], titles: dict[str, str]) -> None:
        """Show the office's choice: ticked columns first in their order, then the others."""
        self.list.blockSignals(True)
        self.list.clear()
        rest = [key for key in COLUMNS if key not in columns]
        for key in [*columns, *rest]:
            item = QListWidgetItem(titles.get(key) or COLUMNS[key].title)
            item.setData(KEY_ROLE, key)
            flags = item.flags() | Qt.ItemFlag.ItemIsEditable
            if key != FIRST:  # the measure column always prints
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if key in columns else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        rows = self.list.sizeHintForRow(0) * self.list.count()
        self.list.setMinimumHeight(rows + 2 * self.list.frameWidth())  # every column in view

    def move(self, offset: int) -> None:
        row = self.list.currentRow()
        target = row + offset
        if row <= 0 or not 1 <= target < self.list.count():  # the measure column stays first
            return
        self.list.blockSignals(True)
        self.list.insertItem(target, self.list.takeItem(row))
        self.list.setCurrentRow(target)
        self.list.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        items = [self.list.item(i) for i in range(self.list.count())]
        columns = [i.data(KEY_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked]
        titles = {
            i.data(KEY_ROLE): i.text().strip()
            for i in items
            if i.text().strip() and i.text().strip() != COLUMNS[i.data(KEY_ROLE)].title
        }
        self.changed.emit(columns, titles)

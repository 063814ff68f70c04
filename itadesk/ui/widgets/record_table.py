"""A table of small records (people, reviewers, findings) edited in place.

Each row has a key (the record's id, or None while new) and text cells. ``rowCommitted`` is
emitted after a cell edit; the owner saves the row through a service and reloads on error.
Enter on the last row adds a new row.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from itadesk.ui.widgets.common import BreakableDelegate, WrapLineEdit

KEY_ROLE = Qt.ItemDataRole.UserRole
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
EDIT_LINES = 3
_STRETCH, _FIT = QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents


def fit_rows(table: QTableView) -> None:
    """Each row as tall as its wrapped cells need at the columns' current widths, again
    whenever they change (sized once, rows kept the height of the width at loading: names
    cut with «…» at 1024 px, blank lines at 1366 px)."""
    table.verticalHeader().setSectionResizeMode(_FIT)


@dataclass(frozen=True)
class Column:
    """A column: its title, and for a choice column a function giving (value, label) pairs."""

    title: str
    choices: Callable[[], Sequence[tuple[str, str]]] | None = None
    stretch: bool = True


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor; the cell keeps the value in VALUE_ROLE and shows the label.

    A cell asks for the width of the combo box with its longest label, arrow included, so a
    column fitted to its contents never cuts a choice short while it is being edited.
    """

    def __init__(
        self,
        choices: Callable[[], Sequence[tuple[str, str]]],
        parent: QWidget,
        role: int = VALUE_ROLE,
    ) -> None:
        super().__init__(parent)
        self.choices, self.role = choices, role
        self._measured: tuple[tuple[str, ...], int] = ((), 0)  # labels, combo box width

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), self._combo_width()), hint.height())

    def _combo_width(self) -> int:
        labels = tuple(label for _value, label in self.choices())
        if labels != self._measured[0]:
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.addItems(list(labels))
            self._measured = (labels, combo.sizeHint().width())
        return self._measured[1]

    def createEditor(
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index
    ) -> QWidget:
        combo = QComboBox(parent)
        for value, label in self.choices():
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(self.role))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), self.role)
        if self.role == VALUE_ROLE:  # a table widget cell also shows the label
            model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class TextDelegate(BreakableDelegate):
    """A long cell edited over several lines (Thai wraps between words); Enter finishes."""

    def createEditor(
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index
    ) -> QWidget:
        editor = WrapLineEdit(parent, lines=EDIT_LINES)
        editor.editingFinished.connect(lambda: self._finished(editor))
        return editor

    def _finished(self, editor: WrapLineEdit) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, WrapLineEdit)
        editor.set_text(str(index.data() or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, WrapLineEdit)
        model.setData(index, editor.text())

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, _index: Index
    ) -> None:
        """As wide as the cell and tall enough for a few lines (over the rows below)."""
        rect = QRect(option.rect)
        rect.setHeight(max(rect.height(), editor.height()))
        editor.setGeometry(rect)


class RecordTable(QTableWidget):
    """Rows of (key, values); see the module docstring."""

    rowCommitted = Signal(int)

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(0, len(columns), parent)
        self.columns = list(columns)
        self._loading = False
        self.setHorizontalHeaderLabels([c.title for c in columns])
        self.verticalHeader().setVisible(False)
        fit_rows(self)
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        header = self.horizontalHeader()
        for number, column in enumerate(columns):
            header.setSectionResizeMode(number, _STRETCH if column.stretch else _FIT)
            if column.choices is not None:
                self.setItemDelegateForColumn(number, ChoiceDelegate(column.choices, self))
            elif column.stretch:  # the long texts
                self.setItemDelegateForColumn(number, TextDelegate(self))
        self.itemChanged.connect(self._on_changed)

    def set_rows(self, rows: Sequence[tuple[object, Sequence[str]]]) -> None:
        """Show records; for a choice column the value is looked up to show its label."""
        self._loading = True
        self.setRowCount(0)
        for key, values in rows:
            self._append(key, values)
        self._loading = False

    def _append(self, key: object, values: Sequence[str]) -> int:
        row = self.rowCount()
        self.insertRow(row)
        for number, (column, value) in enumerate(zip(self.columns, values, strict=True)):
            item = QTableWidgetItem(value)
            if column.choices is not None:
                labels = dict(column.choices())
                item.setText(labels.get(value, ""))
                item.setData(VALUE_ROLE, value)
            if number == 0:
                item.setData(KEY_ROLE, key)
            self.setItem(row, number, item)
        return row

    def key(self, row: int) -> object:
        return self.item(row, 0).data(KEY_ROLE)

    def set_key(self, row: int, key: object) -> None:
        self._loading = True
        self.item(row, 0).setData(KEY_ROLE, key)
        self._loading = False

    def values(self, row: int) -> list[str]:
        """The row's cells: the chosen value for a choice column, else the text."""
        cells = []
        for number, column in enumerate(self.columns):
            item = self.item(row, number)
            cells.append(str(item.data(VALUE_ROLE) or "") if column.choices else item.text())
        return cells

    def all_rows(self) -> list[tuple[object, list[str]]]:
        return [(self.key(r), self.values(r)) for r in range(self.rowCount())]

    def add_row(self, values: Sequence[str] | None = None) -> int:
        """Append an unsaved row and start editing its first cell."""
        self._loading = True
        row = self._append(None, list(values or [""] * len(self.columns)))
        self._loading = False
        self.setCurrentCell(row, 0)
        self.editItem(self.item(row, 0))
        return row

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        editing = self.state() == QAbstractItemView.State.EditingState
        if enter and not editing and self.currentRow() in (-1, self.rowCount() - 1):
            self.add_row()
            return
        super().keyPressEvent(event)

    def _on_changed(self, item: QTableWidgetItem) -> None:
        if not self._loading:
            self.rowCommitted.emit(item.row())

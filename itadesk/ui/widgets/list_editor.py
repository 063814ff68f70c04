"""List editors: ordered lines of text (Enter adds a row) and checkable choices."""

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from itadesk.ui.i18n import _
from itadesk.ui.widgets.common import BreakableDelegate, button_row


def move_item(items: QListWidget, offset: int, first: int = 0) -> bool:
    """Move the current row ``offset`` places, never above row ``first``; False if it can't."""
    row = items.currentRow()
    target = row + offset
    if row < first or not first <= target < items.count():
        return False
    items.insertItem(target, items.takeItem(row))
    items.setCurrentRow(target)
    return True


_EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable


class _LineList(QListWidget):
    """Enter after editing a line opens a new line below; an empty line is dropped."""

    committed = Signal()
    quiet = False  # True while the owner replaces all lines

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        row = self.currentRow()
        super().closeEditor(editor, hint)
        item = self.item(row)
        if item is None or self.quiet:
            return
        if not item.text().strip():
            self.takeItem(row)
            self.committed.emit()
            return
        self.committed.emit()
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.insert_line(row + 1)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click below the lines chooses none: what is typed next starts a new line."""
        if self.itemAt(event.position().toPoint()) is None:
            self.setCurrentItem(None)
            self.clearSelection()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Typing with no line chosen starts a new last line with what is typed."""
        typed = event.text()
        idle = self.state() != QAbstractItemView.State.EditingState
        if idle and self.currentItem() is None and typed.strip() and typed.isprintable():
            self.insert_line(self.count())
            editor = self.indexWidget(self.currentIndex())
            if editor is not None:
                QApplication.sendEvent(editor, event)
                return
        super().keyPressEvent(event)

    def open_text(self) -> None:
        """Put the text of a line being edited into the list (the editor stays open)."""
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)

    def insert_line(self, row: int, text: str = "") -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(_EDITABLE)
        self.insertItem(row, item)
        self.setCurrentRow(row)
        if not text:
            self.editItem(item)
        return item


class ListEditor(QWidget):
    """Ordered text lines (the steps of a measure); ``changed`` after every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = _LineList(self)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.list.setWordWrap(True)
        self.list.setItemDelegate(BreakableDelegate(self.list))
        self.list.committed.connect(self.changed)
        buttons = button_row(
            self,
            [
                (_("เพิ่มบรรทัด"), self.add_line),
                (_("ลบ"), self.remove_line),
                (_("ขึ้น"), lambda: self.move(-1)),
                (_("ลง"), lambda: self.move(1)),
            ],
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def items(self) -> list[str]:
        """The lines, with the one being typed; an empty line is not a step."""
        self.list.open_text()
        lines = (self.list.item(i).text() for i in range(self.list.count()))
        return [line for line in lines if line.strip()]

    def set_items(self, lines: Iterable[str]) -> None:
        self.list.quiet = True
        try:
            editor = self.list.indexWidget(self.list.currentIndex())
            if editor is not None:
                self.list.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
            self.list.clear()
            for line in lines:
                item = QListWidgetItem(line)
                item.setFlags(_EDITABLE)
                self.list.addItem(item)
        finally:
            self.list.quiet = False

    def add_line(self) -> None:
        self.list.insert_line(self.list.currentRow() + 1 if self.list.count() else 0)

    def remove_line(self) -> None:
        if self.list.currentRow() >= 0:
            self.list.takeItem(self.list.currentRow())
            self.changed.emit()

    def move(self, offset: int) -> None:
        if move_item(self.list, offset):
            self.changed.emit()


class CheckList(QListWidget):
    """Choices with check boxes; ``changed`` when the clerk ticks or unticks one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.itemChanged.connect(self._on_item)

    def set_choices(self, choices: Sequence[tuple[str, str]], checked: Iterable[str]) -> None:
        """``choices`` are (value, label); values in ``checked`` are ticked."""
        ticked = set(checked)
        self._loading = True
        self.clear()
        for value, label in choices:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            checked_state = Qt.CheckState.Checked if value in ticked else Qt.CheckState.Unchecked
            item.setCheckState(checked_state)
            self.addItem(item)
        self._loading = False

    def checked(self) -> list[str]:
        return [
            self.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _on_item(self, _item: QListWidgetItem) -> None:
        if not self._loading:
            self.changed.emit()

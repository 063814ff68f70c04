"""Which columns a table prints, in which order, under which titles."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from itadesk.documents.columns import COLUMNS, FIRST, MEASURE_KEYS, STATUS_GROUPS
from itadesk.ui.i18n import N_, _
from itadesk.ui.widgets.common import button_row
from itadesk.ui.widgets.list_editor import move_item

KEY_ROLE = Qt.ItemDataRole.UserRole
STATUS_NAMES = {
    "status3": N_("สถานะ ๓ ช่อง (ยังไม่ดำเนินการ/อยู่ระหว่าง/เสร็จแล้ว)"),
    "status2": N_("สถานะ ๒ ช่อง (ดำเนินการแล้ว/ยังไม่ดำเนินการ)"),
}
"""Status keys stand for several tick columns: named, not renamed (their band is)."""


class ColumnChooser(QWidget):
    """A checkable, orderable list; double-click a column to rename it for this office.

    ``changed(columns, titles)`` gives the ticked column keys in order and the renamed titles.
    """

    changed = Signal(list, dict)

    def __init__(self, parent: QWidget | None = None, keys: tuple[str, ...] = MEASURE_KEYS) -> None:
        super().__init__(parent)
        self.keys = keys
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

    def set_columns(
        self, columns: list[str], titles: dict[str, str], keys: tuple[str, ...] | None = None
    ) -> None:
        """Show a choice among ``keys``: ticked columns first in their order, then the others."""
        self.keys = keys or self.keys
        self.list.blockSignals(True)
        self.list.clear()
        rest = [key for key in self.keys if key not in columns]
        for key in [*columns, *rest]:
            group = key in STATUS_GROUPS
            item = QListWidgetItem(
                _(STATUS_NAMES[key]) if group else titles.get(key) or COLUMNS[key].title
            )
            item.setData(KEY_ROLE, key)
            flags = item.flags() | (
                Qt.ItemFlag.NoItemFlags if group else Qt.ItemFlag.ItemIsEditable
            )
            if key != FIRST:  # the measure column always prints
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Checked if key in columns else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        rows = self.list.sizeHintForRow(0) * self.list.count()
        self.list.setMinimumHeight(rows + 2 * self.list.frameWidth())  # every column in view

    def move(self, offset: int) -> None:
        self.list.blockSignals(True)
        moved = move_item(self.list, offset, first=1)  # the measure column stays first
        self.list.blockSignals(False)
        if moved:
            self._emit()

    def _emit(self) -> None:
        items = [self.list.item(i) for i in range(self.list.count())]
        columns = [i.data(KEY_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked]
        titles = {
            key: text
            for key, text in ((i.data(KEY_ROLE), i.text().strip()) for i in items)
            if key in COLUMNS and text and text != COLUMNS[key].title
        }
        self.changed.emit(columns, titles)

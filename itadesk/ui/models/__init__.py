"""Qt item models over data the services return."""

from typing import Any

from PySide6.QtCore import Qt

from itadesk.ui.i18n import _


class ColumnHeaders:
    """``headerData`` from ``columns``: titles marked with ``N_`` and translated when shown."""

    columns: tuple[str, ...] = ()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section]) if 0 <= section < len(self.columns) else None
        return None

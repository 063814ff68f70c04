"""Errors nobody caught (a bug in a slot): written to the log and told to the clerk in Thai.

Without this, the windowed app prints the traceback to a console it does not have, and the
button that failed seems to do nothing.
"""

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from itadesk.ui.i18n import _
from itadesk.ui.thaitext import breakable

log = logging.getLogger("itadesk.crash")
_open_boxes: list[QMessageBox] = []  # one at a time; kept alive while shown


def crash_message(error: BaseException, log_path: Path) -> str:
    return _(
        "เกิดข้อผิดพลาดในโปรแกรม ({error}) งานที่บันทึกแล้วยังอยู่ครบ "
        "รายละเอียดถูกบันทึกไว้ในไฟล์ {path} โปรดส่งไฟล์นี้ให้ผู้ดูแลโปรแกรม"
    ).format(error=type(error).__name__, path=log_path)


def install_excepthook(log_path: Path) -> None:
    """Log every uncaught error with its traceback and show a Thai message naming the log."""

    def hook(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.critical("uncaught error", exc_info=(kind, error, trace))
        if QApplication.instance() is not None and not _open_boxes:
            show_crash(crash_message(error, log_path))

    sys.excepthook = hook


def show_crash(text: str) -> QMessageBox:
    """A window-modal message that does not block the slot that failed (no nested loop)."""
    box = QMessageBox(QMessageBox.Icon.Critical, _("เกิดข้อผิดพลาด"), breakable(text))
    box.addButton(_("ตกลง"), QMessageBox.ButtonRole.AcceptRole)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda _result: _open_boxes.remove(box))
    _open_boxes.append(box)
    box.open()
    return box

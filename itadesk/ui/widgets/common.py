"""Small widgets shared by the screens."""

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetricsF, QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from itadesk.ui.i18n import _
from itadesk.ui.icons import icon
from itadesk.ui.thaitext import ZWSP, breakable

if TYPE_CHECKING:
    from itadesk.ui.context import AppContext


_TALL_MARKS = "ปั้ป้ำฎูญู้"  # the marks stacked highest and lowest


class BreakableDelegate(QStyledItemDelegate):
    """Shows an item's text with U+200B at Thai word boundaries; the item keeps its text.

    Qt on Windows has no Thai word breaking (no libthai): a wrapped cell or list line would
    break inside a word. Editing still starts from the stored text.
    """

    def displayText(self, value: object, locale: object) -> str:  # type: ignore[override]
        return breakable(str(value)) if isinstance(value, str) else super().displayText(
            value, locale  # type: ignore[arg-type]
        )

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """A wrapped item also has room for the Thai marks above its first line and below its
        last: Sarabun's stacked marks (ปั้น) reach past the font's ascent and its lower vowels
        (รู้) past its descent, and the item's edges cut them."""
        hint = super().sizeHint(option, index)
        metrics = QFontMetricsF(option.font)
        if hint.height() < 1.5 * metrics.lineSpacing():
            return hint
        ink = metrics.tightBoundingRect(_TALL_MARKS)
        room = max(0.0, -ink.top() - metrics.ascent()) + max(0.0, ink.bottom() - metrics.descent())
        return QSize(hint.width(), hint.height() + math.ceil(room))


class WrapTree(QTreeWidget):
    """A read-only, one-column tree whose long lines wrap at Thai word boundaries.

    Qt lays a tree's rows out without the column's width, so the delegate gives it, and the
    rows are laid out again when the column is resized. Add lines with ``line``.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels([title])
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_WrapDelegate(self))
        self.header().sectionResized.connect(lambda *_args: self.doItemsLayout())

    @staticmethod
    def line(text: str) -> QTreeWidgetItem:
        """A line that can wrap; its tooltip keeps the plain text."""
        item = QTreeWidgetItem([breakable(text)])
        item.setToolTip(0, text)
        return item


class _WrapDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        tree = self.parent()
        assert isinstance(tree, QTreeWidget)
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        wrapped = QStyleOptionViewItem(option)
        wrapped.rect = QRect(0, 0, tree.columnWidth(0) - tree.indentation() * depth, 1)
        return super().sizeHint(wrapped, index)


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that reports ``editingFinished`` when it loses focus after a change.

    Thai wraps between words: the text is shown with U+200B at word boundaries (laid again
    when the field is left), which ``text()`` and copying never return.
    """

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None, lines: int = 3) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._saved = ""
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setFixedHeight(height)

    def set_text(self, text: str) -> None:
        """Show stored text without reporting a change."""
        self._saved = text
        self.setPlainText(breakable(text))

    def text(self) -> str:
        return self.toPlainText().replace(ZWSP, "")

    def createMimeDataFromSelection(self) -> QMimeData:
        data = QMimeData()
        data.setText(self.textCursor().selectedText().replace(ZWSP, "").replace("\u2029", "\n"))
        return data

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finish()

    def finish(self) -> None:
        """Report a change (once) and wrap the new words."""
        if self.text() != self._saved:
            self.set_text(self.text())
            self.editingFinished.emit()


class WrapLineEdit(CommitTextEdit):
    """One line of text (a title) shown over several: Enter finishes, no line break is kept."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        self.insertPlainText(" ".join(source.text().split()))


class WrapLabel(QLabel):
    """A read-only wrapping label that breaks Thai at word boundaries."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)  # titles and messages are never markup
        self.set_thai(text)

    def set_thai(self, text: str) -> None:
        self.raw = text
        self.setText(breakable(text))

    def refresh(self) -> None:
        """Break the text again (after the word segmenter has loaded)."""
        self.setText(breakable(self.raw))


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    """A screen or section title."""
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    return label


def button_row(
    parent: QWidget,
    buttons: Sequence[tuple[str, Callable[[], object]]],
    stretch: bool = True,
    icons: Sequence[str] = (),
) -> QHBoxLayout:
    """A row of push buttons, each calling its slot; ``icons`` names the first ones' icons."""
    row = QHBoxLayout()
    for number, (text, slot) in enumerate(buttons):
        button = QPushButton(text, parent)
        if number < len(icons):
            button.setIcon(icon(icons[number]))
        button.clicked.connect(lambda _checked=False, slot=slot: slot())
        row.addWidget(button)
    if stretch:
        row.addStretch()
    return row


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area that resizes it to the width."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, "", QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # a message may quote a file or office name
    box.setText(breakable(text))
    return box


def tell(parent: QWidget | None, title: str, text: str, error: bool = True) -> None:
    """A message with a Thai ตกลง button (Qt ships no Thai translation of its own buttons)."""
    icon = QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information
    box = _box(parent, icon, title, text)
    box.addButton(_("ตกลง"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def ask(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    """A yes/cancel question with Thai buttons; True when the clerk chose ``yes``."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("ยกเลิก"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is accept


def ask_image(parent: QWidget, ctx: "AppContext", title: str) -> Path | None:
    """A PNG or JPEG chosen in a file dialog that opens in the folder last used (None when
    the clerk cancels); the folder is remembered for the next dialog."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, title, str(ctx.start_folder()), _("ภาพ (*.png *.jpg *.jpeg)")
    )
    if not name:
        return None
    path = Path(name)
    ctx.used_file(path)
    return path

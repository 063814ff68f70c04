"""Every screen fits a 1024 × 768 window (a common office laptop or projector): no side
scrolling, nothing cut off at the right, no column narrower than its title."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTreeView,
    QWidget,
)

from itadesk.services import measures
from itadesk.ui.main_window import SCREENS, MainWindow
from itadesk.ui.models.measures_model import TITLE
from itadesk.ui.widgets.bar_chart import BarChart

from .conftest import make_window

TEXT_WIDGETS = (QLabel, QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, BarChart)


def shown_span(widget: QWidget, window: MainWindow) -> tuple[int, int]:
    """Left and right edge (window coordinates) of the part of the window showing ``widget``:
    the window, narrowed by every scroll area it sits in."""
    left, right = 0, window.width()
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            x = parent.mapTo(window, QPoint(0, 0)).x()
            left, right = max(left, x), min(right, x + parent.width())
        parent = parent.parentWidget()
    return left, right


def in_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def problems(screen: QWidget, window: MainWindow) -> list[str]:
    """What does not fit, in words."""
    found = [  # (a bar with nothing to scroll may show for a moment while text is laid out)
        f"side scroll bar on {type(area).__name__}: {bar.maximum()} px hidden"
        for area in screen.findChildren(QAbstractScrollArea)
        if area.isVisible() and (bar := area.horizontalScrollBar()).isVisible() and bar.maximum()
    ]
    for widget in screen.findChildren(QWidget):
        if not isinstance(widget, TEXT_WIDGETS) or not widget.isVisible() or in_item_view(widget):
            continue
        text = getattr(widget, "text", lambda: "")() or type(widget).__name__
        left, right = shown_span(widget, window)
        x = widget.mapTo(window, QPoint(0, 0)).x()
        if x < left - 1 or x + widget.width() > right + 1:
            found.append(f"«{text}» cut off: {x}–{x + widget.width()} shown {left}–{right}")
        if widget.width() < widget.minimumSizeHint().width():
            found.append(f"«{text}» narrower than it needs: {widget.width()} px")
    for view in screen.findChildren(QAbstractItemView):
        if not isinstance(view, QTableView | QTreeView) or not view.isVisible():
            continue
        header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(header.count()):
            title = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
            need = max(metrics.horizontalAdvance(line) for line in title.split("\n")) + 2
            if not header.isSectionHidden(column) and header.sectionSize(column) < need:
                found.append(f"column «{title}» {header.sectionSize(column)} px < {need} px")
    return found


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768), (1920, 1080)])
def test_every_screen_fits_the_window(qtbot, demo_db, settings, size):
    window = make_window(qtbot, demo_db, settings, 2569, size=False)
    window.resize(*size)
    QApplication.processEvents()
    assert (window.width(), window.height()) == size
    found = {}
    for index, (title, _build) in enumerate(SCREENS):
        window.ctx.set_year(2568 if index == 1 else 2569)  # the demo's results are of 2568
        window.show_screen(index)
        screen = window.current_screen()
        if hasattr(screen, "choose"):  # เอกสาร: the memo of a round, its longest form
            screen.choose("memo-progress", 6)
            screen.timer.stop()
        QApplication.processEvents()
        if found_here := problems(screen, window):
            found[title] = found_here
        if window.width() > size[0]:  # a screen built on first show must not widen the window
            found[title] = [f"the window grew to {window.width()} px"]
    assert not found, found


def test_measure_titles_keep_room_at_1024(qtbot, demo_db, settings):
    window = make_window(qtbot, demo_db, settings, 2569, size=False)
    window.resize(1024, 768)
    window.show_screen(2)
    QApplication.processEvents()
    tree = window.current_screen().tree
    title = measures.list_measures(demo_db, 2569)[0].title
    room = tree.columnWidth(TITLE) - 2 * tree.indentation()
    assert room >= tree.fontMetrics().horizontalAdvance(title[:24])  # not ~8 letters

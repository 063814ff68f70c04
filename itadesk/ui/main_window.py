"""The main window: a navigation list of screens, the fiscal-year selector, menus, status."""

import importlib
from collections.abc import Callable
from datetime import date
from typing import Protocol

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from itadesk.domain.dates import fiscal_year_of
from itadesk.domain.numerals import digits
from itadesk.services import office, years
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import N_, _
from itadesk.ui.icons import icon
from itadesk.ui.screens.overview import OverviewScreen
from itadesk.ui.widgets.common import WrapLabel, ask

_FAILED = "QStatusBar { color: #b03a2e; font-weight: bold; }"
SAVE_PDF = "Ctrl+Shift+S"
FRAME = QSize(16, 40)  # room for the title bar and borders, drawn outside the window


class Screen(Protocol):
    """What the window expects of a screen widget."""

    def reload(self) -> None: ...
    def commit_pending(self) -> None: ...


def _factory(module: str, name: str) -> Callable[[AppContext], QWidget]:
    def build(ctx: AppContext) -> QWidget:
        widget: QWidget = getattr(importlib.import_module(module), name)(ctx)
        return widget

    return build


# (title, builder): screens are built the first time they are shown, to start quickly
SCREENS: tuple[tuple[str, Callable[[AppContext], QWidget]], ...] = (
    (N_("หน่วยงาน"), _factory("itadesk.ui.screens.office", "OfficeScreen")),
    (N_("ผลการประเมิน"), _factory("itadesk.ui.screens.results", "ResultsScreen")),
    (N_("มาตรการ"), _factory("itadesk.ui.screens.measures", "MeasuresScreen")),
    (N_("ติดตามผล"), _factory("itadesk.ui.screens.progress", "ProgressScreen")),
    (N_("เอกสาร"), _factory("itadesk.ui.screens.documents", "DocumentsScreen")),
    (N_("ภาพรวม"), _factory("itadesk.ui.screens.overview", "OverviewScreen")),
)
# each screen's name (its icon, and how ภาพรวม asks for it), by index
KEYS = ("office", "results", "measures", "progress", "documents", "overview")
DOCUMENTS, OVERVIEW = KEYS.index("documents"), KEYS.index("overview")
# the list on the left starts with ภาพรวม (added last, so the others keep their numbers)
NAV_ORDER = (OVERVIEW, *range(OVERVIEW))
NAV_ICON = QSize(20, 20)


def year_choices(known: list[int], today: date | None = None) -> list[int]:
    """Years to offer: those with data and the fiscal years around today."""
    current = fiscal_year_of(today or date.today())
    return sorted(set(known) | set(range(current - 2, current + 2)))


class MainWindow(QMainWindow):
    """The clerk's whole year in one window."""

    def __init__(self, ctx: AppContext, settings: QSettings) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings
        self.last_error = ""
        self.setWindowTitle(_("ITADesk — มาตรการส่งเสริมคุณธรรมและความโปร่งใส"))
        self.nav = QListWidget()
        self.nav.setIconSize(NAV_ICON)
        for index in NAV_ORDER:
            self.nav.addItem(QListWidgetItem(icon(KEYS[index]), _(SCREENS[index][0])))
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 24)
        self.stack = QStackedWidget()
        self.screens: dict[int, QWidget] = {}
        for _index in SCREENS:
            self.stack.addWidget(QWidget())
        self.year = QComboBox()
        self._fill_years()
        self.year.activated.connect(lambda _i: self.ctx.set_year(int(self.year.currentData())))
        ctx.yearChanged.connect(self._year_changed)
        ctx.message.connect(self._show_message)
        ctx.failed.connect(self._show_failure)
        ctx.settled.connect(self._clear_failure)
        self._build_menus()
        self._build_toolbar()
        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(lambda row: self.show_screen(NAV_ORDER[row]))
        self._restore_settings()

    # structure -----------------------------------------------------------------------------
    def _fill_years(self) -> None:
        self.year.clear()
        for year in year_choices(years.list_years(self.ctx.db)):
            self.year.addItem(_("พ.ศ. {year}").format(year=digits(year)), year)
        index = self.year.findData(self.ctx.year)
        if index < 0:
            self.year.addItem(_("พ.ศ. {year}").format(year=digits(self.ctx.year)), self.ctx.year)
            index = self.year.count() - 1
        self.year.setCurrentIndex(index)

    def _action(
        self, text: str, slot: Callable[[], object], keys: QKeySequence | None, name: str = ""
    ) -> QAction:
        action = QAction(icon(name), text, self) if name else QAction(text, self)
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("แฟ้ม"))
        self.print_action = self._action(
            _("พิมพ์…"), self.print_document, QKeySequence.StandardKey.Print, "print"
        )
        self.save_action = self._action(
            _("บันทึก"), self.save_all, QKeySequence(QKeySequence.StandardKey.Save)
        )
        self.pdf_action = self._action(
            _("บันทึกเป็น PDF…"), self.save_pdf, QKeySequence(SAVE_PDF), "pdf"
        )
        self.docx_action = self._action(_("บันทึกเป็นไฟล์ Word (.docx)…"), self.save_docx, None)
        file_menu.addActions(
            [self.save_action, self.print_action, self.pdf_action, self.docx_action]
        )
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(_("ออกจากโปรแกรม"), self.close, QKeySequence.StandardKey.Quit)
        )
        edit_menu = bar.addMenu(_("แก้ไข"))
        self.undo_action = self._action(
            _("เลิกทำ"), self.undo, QKeySequence.StandardKey.Undo, "undo"
        )
        self.undo_action.setEnabled(False)
        edit_menu.addAction(self.undo_action)
        self.ctx.undoChanged.connect(self._undo_changed)
        data_menu = bar.addMenu(_("ข้อมูล"))
        self.export_action = self._action(
            _("ส่งออกไปยังแฟลชไดรฟ์…"), lambda: self._bundle("ExportDialog"), None, "export"
        )
        self.import_action = self._action(
            _("นำเข้าจากแฟลชไดรฟ์…"), lambda: self._bundle("ImportDialog"), None, "import"
        )
        data_menu.addActions([self.export_action, self.import_action])
        data_menu.addSeparator()
        self.data_folder_action = self._action(
            _("เปิดโฟลเดอร์ข้อมูล (ฐานข้อมูล สำเนาสำรอง และไฟล์บันทึกข้อผิดพลาด)"),
            self.open_data_folder, None,
        )  # fmt: skip
        data_menu.addAction(self.data_folder_action)
        data_menu.addSeparator()
        self.start_over_action = self._action(
            _("ล้างข้อมูลทั้งหมดเพื่อเริ่มหน่วยงานใหม่…"), self.start_over, None
        )
        data_menu.addAction(self.start_over_action)

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(_("ปีงบประมาณ"))
        toolbar.setObjectName("year-toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(_("ปีงบประมาณ ")))
        toolbar.addWidget(self.year)
        toolbar.addSeparator()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.print_action, self.pdf_action, self.undo_action])

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        self._fit_screen(restored)
        self.ctx.folder = str(self.settings.value("folder", "") or "")
        screen = int(self.settings.value("window/screen", OVERVIEW) or 0)
        self.show_screen(screen if 0 <= screen < len(SCREENS) else OVERVIEW)

    def _fit_screen(self, restored: bool) -> None:
        """Never larger than the screen's free area (a 1366×768 or 1024×768 laptop), and on it."""
        free = (QWidget.screen(self) or QApplication.primaryScreen()).availableGeometry()
        room = free.adjusted(0, 0, -FRAME.width(), -FRAME.height())
        width = min(self.width() if restored else 1280, room.width())
        height = min(self.height() if restored else 800, room.height())
        self.resize(width, height)
        if not (restored and room.contains(self.geometry())):
            self.move(room.left() + (room.width() - width) // 2,
                      room.top() + (room.height() - height) // 2)  # fmt: skip

    # behaviour -----------------------------------------------------------------------------
    def screen(self, index: int) -> QWidget:
        """The screen at ``index``, built on first use."""
        if index not in self.screens:
            widget = SCREENS[index][1](self.ctx)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.screens[index] = widget
            if isinstance(widget, OverviewScreen):
                widget.opened.connect(self.go_to)
        return self.screens[index]

    def show_screen(self, index: int) -> None:
        if index < 0:
            return
        widget = self.screen(index)
        widget.reload()  # type: ignore[attr-defined]
        self.stack.setCurrentIndex(index)
        self.ctx.settled.emit()
        row = NAV_ORDER.index(index)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)

    def offer_setup(self) -> QWidget | None:
        """On a first run (no office yet) the guided setup; then ภาพรวม. Returns the dialog."""
        if not office.needs_setup(self.ctx.db):
            return None
        from itadesk.ui.setup_dialog import SetupDialog

        dialog = SetupDialog(self.ctx, self)
        dialog.finished.connect(lambda _result: self.show_screen(OVERVIEW))
        dialog.open()
        return dialog

    def go_to(self, key: str, round_months: int = 0) -> None:
        """Open the screen named ``key`` (from ภาพรวม), at a round of ติดตามผล if given."""
        self.show_screen(KEYS.index(key))
        chosen = getattr(self.current_screen(), "round", None)
        if round_months and isinstance(chosen, QComboBox):
            chosen.setCurrentIndex(max(0, chosen.findData(round_months)))

    def current_screen(self) -> QWidget:
        return self.screen(self.stack.currentIndex())

    def _year_changed(self, year: int) -> None:
        self._show_message(_("เลือกปีงบประมาณ พ.ศ. {year}").format(year=digits(year)))
        if self.year.currentData() != year:
            self._fill_years()
        self.current_screen().reload()  # type: ignore[attr-defined]

    def _show_message(self, text: str) -> None:
        self.statusBar().setStyleSheet("")
        self.statusBar().showMessage(text, 8000)

    def _show_failure(self, text: str) -> None:
        self.last_error = text
        self.statusBar().setStyleSheet(_FAILED)
        self.statusBar().showMessage(text, 15000)

    def _clear_failure(self) -> None:
        """An error about what the clerk has left no longer stands in the status bar."""
        if self.statusBar().styleSheet() == _FAILED:
            self.statusBar().clearMessage()
            self.statusBar().setStyleSheet("")

    def save_all(self) -> None:
        """Ctrl+S: everything is saved as it is typed; finish the open field and say so."""
        self.commit_pending()
        self._show_message(_("บันทึกข้อมูลแล้ว (โปรแกรมบันทึกให้ทุกครั้งที่แก้ไข)"))

    def _undo_changed(self) -> None:
        label = self.ctx.undo_label()
        self.undo_action.setEnabled(bool(label))
        self.undo_action.setText(_("เลิกทำ: {label}").format(label=label) if label else _("เลิกทำ"))

    def undo(self) -> None:
        """Save the field being typed in first: the undo reloads the screen."""
        self.commit_pending()
        self.ctx.undo()

    def _documents(self) -> QWidget:
        """The documents screen, with what is being typed saved (and not reloaded over)."""
        self.commit_pending()
        if self.stack.currentIndex() != DOCUMENTS:
            self.show_screen(DOCUMENTS)
        return self.current_screen()

    def print_document(self) -> None:
        self._documents().print_document()  # type: ignore[attr-defined]

    def save_pdf(self) -> None:
        self._documents().save_pdf()  # type: ignore[attr-defined]

    def save_docx(self) -> None:
        self._documents().save_docx()  # type: ignore[attr-defined]

    def _bundle(self, name: str) -> None:
        self.commit_pending()
        module = importlib.import_module("itadesk.ui.bundle_dialogs")
        dialog = getattr(module, name)(self.ctx.db, self)
        if name == "ImportDialog":
            dialog.imported.connect(lambda _result: self.data_imported())
        dialog.exec()

    def data_imported(self) -> None:
        """After an import: undo steps could clash with rows it brought; show the new data."""
        self.ctx.clear_undo()
        self._fill_years()
        self.current_screen().reload()  # type: ignore[attr-defined]

    def open_data_folder(self) -> None:
        """Show the data folder in Explorer: the database, backups/, files/, itadesk.log."""
        folder = self.ctx.db.data_dir
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.ctx.failed.emit(_("เปิดโฟลเดอร์ {folder} ไม่ได้").format(folder=folder))

    def start_over(self) -> None:
        """Leave the demo (or any) office: everything is removed after a backup."""
        question = _(
            "ข้อมูลทั้งหมดในโปรแกรม (หน่วยงาน ผลการประเมิน มาตรการ การติดตามผล บันทึกข้อความ) "
            "จะถูกลบ เพื่อเริ่มกรอกข้อมูลของหน่วยงานใหม่ โปรแกรมจะสำรองข้อมูลเดิมไว้ก่อน"
        )
        if not ask(self, _("ล้างข้อมูลทั้งหมด"), question, _("ล้างข้อมูลและเริ่มใหม่")):
            return
        copy = self.ctx.call(office.start_over)
        if copy is None:
            return
        self.data_imported()
        self.show_screen(0)
        self.ctx.message.emit(_("ล้างข้อมูลแล้ว สำเนาสำรองอยู่ที่ {path}").format(path=copy))

    def refresh_text(self) -> None:
        """Re-break wrapped Thai labels once the word segmenter has loaded."""
        for label in self.findChildren(WrapLabel):
            label.refresh()

    def commit_pending(self) -> None:
        """Finish any edit in progress (a field left open still saves)."""
        focus = QApplication.focusWidget()
        if focus is not None:
            focus.clearFocus()
        for widget in self.screens.values():
            widget.commit_pending()  # type: ignore[attr-defined]

    def closeEvent(self, event: QCloseEvent) -> None:
        self.commit_pending()
        unsaved = [getattr(w, "unsaved", lambda: "")() for w in self.screens.values()]
        lost = [text for text in unsaved if text]
        question = "\n".join([*lost, _("ปิดโปรแกรมโดยไม่บันทึกหรือไม่")])
        if lost and not ask(self, _("ปิดโปรแกรม"), question, _("ปิดโดยไม่บันทึก")):
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/screen", self.stack.currentIndex())
        self.settings.setValue("folder", self.ctx.folder)
        self.settings.sync()
        self.ctx.copies.remove()
        event.accept()

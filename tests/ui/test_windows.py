"""The windowed app on a clerk's Windows PC, simulated (issue #16)."""

import logging
import sys
from pathlib import Path, PureWindowsPath

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from itadesk.errors import LOCKED
from itadesk.logs import LOG_NAME, MAX_BYTES, start_log
from itadesk.ui.crash import install_excepthook

from ..winsim import SHARING_VIOLATION, failing, win_error


class Opened(QObject):
    """Receives the URLs the app asks the desktop to open (Qt's own URL handler hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def crash_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)
            and w.isVisible()]  # fmt: skip


def test_a_slot_that_raises_is_logged_and_told_in_thai(qtbot, tmp_path, monkeypatch):
    """Item 4: with no console, a failing button used to "do nothing"."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    log_path = start_log(tmp_path / "data")
    install_excepthook(log_path)

    def broken() -> None:
        raise ZeroDivisionError("a bug in a slot")

    button = QPushButton("ลอง")
    qtbot.addWidget(button)
    button.clicked.connect(broken)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(crash_boxes()))
    box = crash_boxes()[0]
    assert "ZeroDivisionError" in box.text() and str(log_path) in box.text().replace("\u200b", "")
    assert "ข้อผิดพลาด" in box.text()
    logged = log_path.read_text(encoding="utf-8")
    assert "CRITICAL itadesk.crash: uncaught error" in logged
    assert 'raise ZeroDivisionError("a bug in a slot")' in logged
    qtbot.mouseClick(box.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not crash_boxes())
    logging.getLogger("itadesk").handlers.clear()


def test_log_rotates(tmp_path):
    start_log(tmp_path)
    logger = logging.getLogger("itadesk.test")
    for _ in range(4000):
        logger.warning("บรรทัดทดสอบ %s", "ก" * 200)
    logging.getLogger("itadesk").handlers.clear()
    logs = sorted(p.name for p in tmp_path.iterdir())
    assert logs == [LOG_NAME, f"{LOG_NAME}.1", f"{LOG_NAME}.2", f"{LOG_NAME}.3"]
    # logging counts characters against the limit, so a Thai line may pass it by its bytes
    assert all(p.stat().st_size <= MAX_BYTES + 1024 for p in tmp_path.iterdir())


def test_menu_opens_the_data_folder(window):
    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        window.data_folder_action.trigger()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in opened.urls] == [str(window.ctx.db.data_dir)]
    assert window.data_folder_action.text().startswith("เปิดโฟลเดอร์ข้อมูล")


def test_saving_a_pdf_open_in_acrobat_names_the_real_cause(qtbot, demo_window, tmp_path,
                                                          monkeypatch):  # fmt: skip
    """Item 5: the PDF is open in Acrobat, so Windows refuses to replace it."""
    target = tmp_path / "บันทึก.pdf"
    target.write_bytes(b"%PDF old")
    failing(monkeypatch, "os.replace", lambda path: win_error(SHARING_VIOLATION, path))
    screen = demo_window.screen(4)
    demo_window.show_screen(4)
    with qtbot.waitSignal(demo_window.ctx.failed, timeout=60_000) as failed:
        screen.save_pdf(target)
    assert LOCKED in failed.args[0] and "แฟลชไดรฟ์" not in failed.args[0]
    assert target.read_bytes() == b"%PDF old"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".part") == []


def test_wrapped_lists_and_cells_break_thai_between_words(qtbot):
    """Item 9: Qt on Windows has no Thai word breaking; wrapped items get U+200B to show."""
    from itadesk.ui.thaitext import ZWSP
    from itadesk.ui.widgets.list_editor import ListEditor
    from itadesk.ui.widgets.record_table import Column, RecordTable

    step = "ประชาสัมพันธ์ช่องทางการร้องเรียนการทุจริตผ่านเว็บไซต์ของหน่วยงาน"
    editor = ListEditor()
    qtbot.addWidget(editor)
    editor.set_items([step])
    shown = editor.list.itemDelegate().displayText(editor.list.item(0).text(), None)
    assert ZWSP in shown and shown.replace(ZWSP, "") == step
    assert editor.items() == [step]  # stored text has no U+200B
    table = RecordTable([Column("ชื่อ", stretch=True)])
    qtbot.addWidget(table)
    table.set_rows([(1, [step])])
    delegate = table.itemDelegateForColumn(0)
    assert ZWSP in delegate.displayText(table.item(0, 0).text(), None)


def test_opened_evidence_copies_are_removed_when_the_app_closes(qtbot, demo_window, tmp_path):
    """Item 9: portable mode must not leave the office's evidence in the host PC's temp."""
    from itadesk.services import measures

    evidence = tmp_path / "รายงานการประชุม.txt"
    evidence.write_text("รายงาน\n", encoding="utf-8")
    demo_window.show_screen(3)
    form = demo_window.current_screen().form
    form.round = 6
    form.show_entry(measures.list_measures(demo_window.ctx.db, 2569)[0], None)
    form.attach(evidence)
    qtbot.waitUntil(lambda: form.files.count() == 1)
    form.files.setCurrentRow(0)
    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        form.open_file()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    [url] = opened.urls
    copy = Path(url.toLocalFile())
    assert copy.name == "รายงานการประชุม.txt" and copy.read_text(encoding="utf-8") == "รายงาน\n"
    demo_window.close()
    assert not copy.exists() and not copy.parent.parent.exists()


def test_save_as_pdf_suggests_documents(qtbot, demo_window, monkeypatch):
    """Item 9: Windows' profile root holds only system folders."""
    from PySide6.QtWidgets import QFileDialog

    from itadesk.ui.context import documents_folder

    documents = Path(documents_folder())
    made = not documents.exists()
    documents.mkdir(parents=True, exist_ok=True)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: asked.append(a[2]) or ("", ""))  # fmt: skip
    demo_window.show_screen(4)
    try:
        demo_window.current_screen().save_pdf()
    finally:
        if made:
            documents.rmdir()
    assert len(asked) == 1 and Path(asked[0]).parent == documents
    assert asked[0].endswith(".pdf")


def test_the_print_dialogs_page_range_is_honoured(tmp_path):
    """Item 9: pages 2-3 chosen in the dialog; every page used to be printed."""
    import io

    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter
    from reportlab.pdfgen.canvas import Canvas

    from itadesk.ui.printing import print_pdf

    source = io.BytesIO()
    canvas = Canvas(source)
    for page in range(1, 4):
        canvas.setPageSize((595, 842) if page != 2 else (842, 595))
        canvas.drawString(100, 500, f"PAGE-{page}")
        canvas.showPage()
    canvas.save()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_pdf(source.getvalue(), printer, dpi=30) == 2
    printed = PdfReader(tmp_path / "printed.pdf").pages
    assert len(printed) == 2
    assert printed[0].mediabox.width > printed[0].mediabox.height  # page 2 is the landscape one


def test_a_data_folder_inside_onedrive_is_warned_once(tmp_path, monkeypatch):
    """Item 9: SQLite and a sync client fight over the file."""
    from PySide6.QtCore import QSettings

    from itadesk.paths import synced_folder
    from itadesk.ui.app import synced_warning

    assert synced_folder(PureWindowsPath(r"C:\Users\พิมพ์\OneDrive - เทศบาล\ITADesk\data"), {}) == (
        "OneDrive"
    )
    outside = PureWindowsPath(r"C:\ITADesk\data")
    assert synced_folder(outside, {"OneDrive": r"C:\Users\a\OneDrive"}) is None
    synced = tmp_path / "sync" / "ITADesk" / "data"
    monkeypatch.setenv("OneDrive", str(tmp_path / "sync"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = synced_warning(synced, settings)
    assert first and "OneDrive" in first and str(synced) in first
    assert synced_warning(synced, settings) is None  # once
    monkeypatch.delenv("OneDrive")
    assert synced_warning(tmp_path / "other", settings) is None

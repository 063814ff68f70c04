"""The clerk's year through the widgets: office, scores, measures, statuses, memo, print."""

import shutil
import subprocess

import pytest
from docx import Document
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QImage, QKeyEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLineEdit

from itadesk.services import measures, memos, office, progress, years

SCORES = ("99.44", "97.75", "98.79", "97.47", "98.79", "๙๒.๘๓", "91.26", "90.33", "100", "100")


def send_text(widget, text: str) -> None:
    """Type Thai as key events with text (QTest.keyClicks only knows Latin-1 keys)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.selectAll()
    send_text(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def enter_office(qtbot, window) -> None:
    window.show_screen(0)
    screen = window.current_screen()
    screen.kind.setCurrentText("เทศบาลตำบล")
    type_into(qtbot, screen.texts["name"], "ท่าแพ")
    type_into(qtbot, screen.texts["district"], "เมือง")
    type_into(qtbot, screen.texts["province"], "นครศรีธรรมราช")
    type_into(qtbot, screen.texts["department"], "สำนักปลัดเทศบาล เทศบาลตำบลท่าแพ")
    type_into(qtbot, screen.texts["doc_prefix"], "นศ ๕๓๓๐๑")
    for unit in ("สำนักปลัด", "กองคลัง"):
        type_into(qtbot, screen.new_unit, unit)
    row = screen.people.add_row()
    screen.people.item(row, 1).setText("นักจัดการงานทั่วไปชำนาญการ")
    screen.people.item(row, 0).setText("นางสาวสมใจ ใจดี")
    screen.writer.setCurrentIndex(1)
    screen.writer.activated.emit(1)


def enter_scores(qtbot, window) -> None:
    window.ctx.set_year(2568)
    window.show_screen(1)
    screen = window.current_screen()
    for field, score in zip(screen.scores, SCORES, strict=True):
        type_into(qtbot, field, score)
    type_into(qtbot, screen.official, "96.98")
    assert "๙๖.๙๘" in screen.summary.raw and "ผ่านดี" in screen.summary.raw
    assert screen.warning.raw == ""
    # bad input is refused at the field: it stays, marked, and nothing of it is saved
    for bad in ("120", "abc"):
        type_into(qtbot, screen.scores[0], bad)
        assert screen.scores[0].text() == bad
        assert "ไม่" in window.last_error
        assert years.get_result(window.ctx.db, 2568).scores[0] == "99.44"
    type_into(qtbot, screen.scores[0], "99.44")
    type_into(qtbot, screen.official, "97.10")
    assert "ไม่ตรงกับคะแนนที่คำนวณ" in screen.warning.raw


def add_measures(qtbot, window) -> None:
    window.ctx.set_year(2569)
    window.show_screen(2)
    screen = window.current_screen()
    for title, group in (
        ("ประกาศนโยบายไม่รับของขวัญ", "IIT"),
        ("เพิ่มช่องทางถาม-ตอบออนไลน์", "EIT"),
        ("ปรับปรุงข้อมูลบนเว็บไซต์", "OIT"),
    ):
        screen.add_measure()
        form = screen.form
        type_into(qtbot, form.title, title)
        form.group.setCurrentText(group)
        form.group.activated.emit(0)
        form.steps.add_line()
        for count, step in enumerate(("ประชุมชี้แจงบุคลากร", "เผยแพร่บนเว็บไซต์"), 1):
            editor = form.steps.list.findChildren(QLineEdit)[-1]
            send_text(editor, step)
            qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter commits and opens a new line
            qtbot.waitUntil(lambda n=count, f=form: f.steps.list.count() == n + 1)
        form.units.item(0).setCheckState(Qt.CheckState.Checked)
        form.indicators.item(0).setCheckState(Qt.CheckState.Checked)
    assert [m.title for m in measures.list_measures(window.ctx.db, 2569)] == [
        "ประกาศนโยบายไม่รับของขวัญ", "เพิ่มช่องทางถาม-ตอบออนไลน์", "ปรับปรุงข้อมูลบนเว็บไซต์",
    ]  # fmt: skip


def set_statuses(qtbot, window) -> None:
    window.show_screen(3)
    screen = window.current_screen()
    assert screen.round_months == 6
    assert screen.set_status(0, "done")
    assert screen.set_status(1, "in_progress")
    screen.table.selectRow(0)
    screen.form.texts["evidence"].setFocus()
    screen.form.texts["evidence"].setPlainText("ตรวจสอบได้จากเว็บไซต์ของหน่วยงาน")
    screen.form.texts["evidence"].clearFocus()
    screen.form.commit()
    assert "ดำเนินการเสร็จเรียบร้อยแล้ว ๑" in screen.counts.raw


def page_has_ink(image: QImage) -> bool:
    """Text is drawn: enough dark pixels (a blank page or a frame has few)."""
    dark = sum(
        image.pixelColor(x, y).lightness() < 100
        for x in range(20, image.width() - 20, 3)
        for y in range(20, image.height() - 20, 3)
    )
    return dark > 150


def test_whole_year_through_the_window(qtbot, window, tmp_path, shots):
    db = window.ctx.db
    enter_office(qtbot, window)
    window.grab().save(str(shots / "workflow-office.png"))
    enter_scores(qtbot, window)
    window.grab().save(str(shots / "workflow-results.png"))
    add_measures(qtbot, window)
    window.grab().save(str(shots / "workflow-measures.png"))
    set_statuses(qtbot, window)
    window.grab().save(str(shots / "workflow-progress.png"))

    window.show_screen(4)
    screen = window.current_screen()
    db = window.ctx.db
    with qtbot.waitSignal(screen.previewReady, timeout=60000) as ready:
        screen.choose("memo-progress", 6)
        screen.preview()
    assert ready.args[0] >= 2
    subject = screen.memo.subject
    subject.setFocus()
    subject.setPlainText(subject.text() + " (ฉบับแก้ไข)")
    subject.focusOutEvent(QFocusEvent(QEvent.Type.FocusOut))
    assert memos.draft_memo(db, "progress", 2569, 6).subject.endswith("(ฉบับแก้ไข)")
    with qtbot.waitSignal(screen.previewReady, timeout=60000) as ready:
        screen.preview()
    page = screen.document.render(0, screen.document.pagePointSize(0).toSize() * 2)
    assert page_has_ink(page)
    qtbot.waitUntil(lambda: page_has_ink(screen.view.grab().toImage()), timeout=10000)
    window.grab().save(str(shots / "workflow-documents.png"))

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(screen.printed, timeout=60000) as printed:
        screen.print_document(printer)
    assert printed.args[0] == ready.args[0]
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000
    saved = tmp_path / "memo.pdf"
    screen.save_pdf(saved)
    assert saved.exists()
    # the Word copy of what is on screen, edited subject included, under the same Thai name
    assert screen.default_file_name("docx") == screen.default_file_name()[:-3] + "docx"
    word = tmp_path / screen.default_file_name("docx")
    with qtbot.waitSignal(screen.docxSaved, timeout=60000):
        screen.save_docx(word)
    subject_line = next(p.text for p in Document(word).paragraphs if p.text.startswith("เรื่อง"))
    assert subject_line.endswith("(ฉบับแก้ไข)")

    # the database, read back through the services
    assert office.get_office(db).full_name == "เทศบาลตำบลท่าแพ"
    assert [u.name for u in office.list_units(db)] == ["สำนักปลัด", "กองคลัง"]
    assert office.get_office(db).writer_uuid == office.list_people(db)[0].uuid
    result = years.get_result(db, 2568)
    assert result.scores[0] == "99.44" and result.scores[5] == "92.83"
    assert str(years.assessment_of(result).overall) == "96.98"
    rows = measures.list_measures(db, 2569)
    assert rows[0].steps == ["ประชุมชี้แจงบุคลากร", "เผยแพร่บนเว็บไซต์"]
    assert rows[0].units == ["สำนักปลัด"] and "ind1" in rows[0].links
    assert [r.group for r in rows] == ["IIT", "EIT", "OIT"]
    counts = progress.round_counts(db, 2569, 6)
    assert (counts["done"], counts["in_progress"], counts["not_started"]) == (1, 1, 1)
    assert progress.entry_for(rows[0], 6).evidence == "ตรวจสอบได้จากเว็บไซต์ของหน่วยงาน"
    assert memos.draft_memo(db, "progress", 2569, 6).uuid  # printing keeps the memo

    # the PDF text is Thai
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(saved), "-"], capture_output=True, text=True, check=True
        ).stdout
    else:
        pypdf = pytest.importorskip("pypdf")
        text = "\n".join(p.extract_text() for p in pypdf.PdfReader(saved).pages)
    assert "บันทึกข้อความ" in text
    assert "ท่าแพ" in text and "ประกาศนโยบายไม่รับของขวัญ" in text.replace("\n", "")

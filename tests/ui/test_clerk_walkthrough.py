"""What a clerk tripped over walking through the demo office at 1024 × 768 and 1366 × 768
(each test failed before its fix)."""

import pytest
from PySide6.QtWidgets import QApplication, QTableView

from .conftest import make_window
from .test_workflow import type_into


def misfit_rows(table: QTableView) -> list[tuple[str, int, int]]:
    """The rows not as tall as their wrapped text needs at the columns' widths: shorter (the
    text is cut with «…») or a blank line taller; each with its first cell, height, need."""
    model, line = table.model(), table.fontMetrics().lineSpacing()
    found = []
    for row in range(model.rowCount()):
        height, need = table.rowHeight(row), table.sizeHintForRow(row)
        if not need <= height < need + line:
            found.append((str(model.index(row, 0).data()), height, need))
    return found


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_names_in_the_people_and_reviewer_tables_are_never_cut(qtbot, demo_db, settings, size):
    window = make_window(qtbot, demo_db, settings, 2569, size=False)
    window.resize(*size)
    window.show_screen(0)
    QApplication.processEvents()
    screen = window.current_screen()
    people = [screen.people.item(r, 0).text() for r in range(screen.people.rowCount())]
    assert "นางสาวพิมพ์ชนก ใจสุจริต" in people
    assert misfit_rows(screen.people) == [] and misfit_rows(screen.chain) == []
    window.resize(1024 if size[0] > 1024 else 1366, 768)  # and after the window is resized
    QApplication.processEvents()
    assert misfit_rows(screen.people) == [] and misfit_rows(screen.chain) == []


def test_progress_rows_are_as_tall_as_their_titles(qtbot, demo_db, settings):
    window = make_window(qtbot, demo_db, settings, 2569, size=False)
    window.resize(1024, 768)
    for index in range(3):  # the clerk came from the other screens
        window.show_screen(index)
        QApplication.processEvents()
    window.show_screen(3)
    QApplication.processEvents()
    table = window.current_screen().table
    assert table.model().rowCount() == 15
    assert misfit_rows(table) == []


def test_an_empty_year_says_how_to_start_its_measures(demo_window):
    demo_window.ctx.set_year(2570)  # no measures yet
    demo_window.show_screen(2)
    screen = demo_window.current_screen()
    hint = screen.empty.text().replace("\u200b", "")
    assert screen.empty.isVisibleTo(screen)
    assert "๒๕๗๐" in hint and "«เพิ่มมาตรการ»" in hint and "«คัดลอกมาตรการจากปีก่อน…»" in hint
    idle = [b.text() for b in screen.chosen_buttons if not b.isEnabled()]
    assert idle == ["ทำสำเนา", "ลบ", "เลื่อนขึ้น", "เลื่อนลง"]  # nothing to act on
    screen.add_measure()
    assert not screen.empty.isVisibleTo(screen)
    assert all(b.isEnabled() for b in screen.chosen_buttons)
    screen.tree.setCurrentIndex(screen.model.index(0, 0))  # a group's heading: no measure
    assert not any(b.isEnabled() for b in screen.chosen_buttons)


def test_progress_of_a_year_without_measures_sends_the_clerk_to_them(demo_window):
    demo_window.ctx.set_year(2570)
    demo_window.show_screen(3)
    screen = demo_window.current_screen()
    hint = screen.empty.text().replace("\u200b", "")
    assert screen.empty.isVisibleTo(screen) and "๒๕๗๐" in hint and "«มาตรการ»" in hint
    demo_window.ctx.set_year(2569)
    assert not screen.empty.isVisibleTo(screen)


def test_a_refused_paperwork_field_is_named_in_the_dialog_itself(qtbot, demo_window):
    """The dialog covers most of a 1024 px window: a refusal only in the window's status bar
    (behind it) left บันทึก looking dead."""
    from itadesk.ui.screens.paperwork_dialog import PaperworkDialog

    dialog = PaperworkDialog(demo_window.ctx, demo_window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.error.isVisible()
    dialog.titles["measures"].set_text("มาตรการ ปี {ปี}")
    dialog.save()
    assert dialog.isVisible() and dialog.saved is None
    assert dialog.error.isVisible() and "ไม่รู้จักช่อง {ปี}" in dialog.error.raw
    assert dialog.titles["measures"].text() == "มาตรการ ปี {ปี}"  # nothing lost
    dialog.titles["measures"].set_text("มาตรการ ปี {ปีงบประมาณ}")
    dialog.save()
    assert dialog.saved is not None and not dialog.isVisible()


def test_a_remove_button_with_nothing_chosen_says_what_to_choose(demo_window):
    """ลบ with no row chosen did nothing at all: the clerk is told what to choose first."""
    from itadesk.services import office, years

    db, bar = demo_window.ctx.db, demo_window.statusBar()
    demo_window.show_screen(0)
    screen = demo_window.current_screen()
    people, chain = len(office.list_people(db)), office.get_office(db).reviewer_chain
    for table in (screen.people, screen.chain):
        table.setCurrentCell(-1, -1)
    screen.units.setCurrentRow(-1)
    for act, said in (
        (screen.remove_person, "เลือกบุคลากรที่จะลบในตารางก่อน"),
        (screen.remove_reviewer, "เลือกผู้พิจารณาที่จะลบในตารางก่อน"),
        (lambda: screen.move_reviewer(1), "เลือกผู้พิจารณาที่จะเลื่อนในตารางก่อน"),
        (screen.remove_unit, "เลือกส่วนราชการที่จะลบในรายการก่อน"),
    ):
        bar.clearMessage()
        act()
        assert bar.currentMessage() == said
    assert len(office.list_people(db)) == people and office.get_office(db).reviewer_chain == chain
    demo_window.ctx.set_year(2568)
    demo_window.show_screen(1)
    results = demo_window.current_screen()
    findings = len(years.get_result(db, 2568).findings)
    for table, remove in (
        (results.findings, results._remove_finding),
        (results.low_items, results._remove_low_item),
    ):
        table.setCurrentCell(-1, -1)
        bar.clearMessage()
        remove()
        assert bar.currentMessage() == "เลือกแถวที่จะลบในตารางก่อน"
    assert len(years.get_result(db, 2568).findings) == findings
    demo_window.ctx.set_year(2569)
    demo_window.show_screen(3)
    form = demo_window.current_screen().form
    form.files.setCurrentRow(-1)
    bar.clearMessage()
    form.remove_file()
    assert bar.currentMessage() == "เลือกไฟล์หลักฐานในรายการก่อน"


def test_the_years_chart_shows_its_whole_legend_at_1024(qtbot, demo_db, settings):
    """At 1024 px the last entry of the legend (OIT) was cut at the chart's right edge."""
    from PySide6.QtGui import QColor

    from itadesk.ui.widgets.line_chart import COLOURS

    window = make_window(qtbot, demo_db, settings, 2568, size=False)
    window.resize(1024, 768)
    window.show_screen(1)
    QApplication.processEvents()
    chart = window.current_screen().history.chart
    image = chart.grab().toImage()
    width, line = image.width(), chart.fontMetrics().height()
    band = range(image.height() - line - 4, image.height())  # the legend's row

    def near(x: int, y: int, colour: QColor) -> bool:
        pixel = QColor(image.pixel(x, y))
        pairs = zip(pixel.getRgb()[:3], colour.getRgb()[:3], strict=True)
        return sum(abs(a - b) for a, b in pairs) < 40

    oit = [x for x in range(width) for y in band if near(x, y, COLOURS["OIT"])]
    assert oit and max(oit) - min(oit) >= 17  # OIT's whole 18 px stroke
    base = chart.palette().base().color()
    assert all(near(x, y, base) for x in range(width - 4, width) for y in band)  # room after


def test_the_name_field_shows_the_name_as_stored(qtbot, demo_window):
    """A type word typed before the name is dropped when stored (the type is printed before
    it): the field kept showing เทศบาลตำบลท่าแพ while ท่าแพ was stored."""
    from itadesk.services import office

    demo_window.show_screen(0)
    field = demo_window.current_screen().texts["name"]
    type_into(qtbot, field, "เทศบาลตำบลท่าแพ")
    assert office.get_office(demo_window.ctx.db).name == "ท่าแพ"
    assert field.text() == "ท่าแพ"


def test_a_score_typed_as_1e2_comes_back_as_100(qtbot, demo_window):
    """A slip of the e key: 1e2 is a hundred, and was shown back as «1E+2»."""
    from itadesk.services import years

    demo_window.ctx.set_year(2568)
    demo_window.show_screen(1)
    screen = demo_window.current_screen()
    type_into(qtbot, screen.scores[9], "1e2")
    type_into(qtbot, screen.official, "๘.๖e๑")
    assert years.get_result(demo_window.ctx.db, 2568).scores[9] == "100"
    demo_window.show_screen(0)
    demo_window.show_screen(1)
    assert screen.scores[9].text() == "100" and screen.official.text() == "86"


def test_a_refused_measure_title_stays_in_the_field_to_be_corrected(demo_window, monkeypatch):
    """«โปรดย่อหรือแบ่งข้อความ (ยังไม่ได้บันทึก)» while the field had gone back to the old
    title: the pasted text was lost, nothing was left to shorten."""
    from itadesk.services import measures
    from itadesk.ui import main_window

    db = demo_window.ctx.db
    demo_window.show_screen(2)
    form = demo_window.current_screen().form
    old = measures.list_measures(db, 2569)[0].title
    pasted = "จัดทำมาตรการ" * 100  # 1,200 letters: over the 1,000 of a title
    form.title.set_text(pasted)
    form.commit()
    assert "เกินที่รับได้" in demo_window.last_error
    assert form.title.text() == pasted and measures.list_measures(db, 2569)[0].title == old
    questions = []  # closing the window now asks first
    monkeypatch.setattr(main_window, "ask", lambda *args: questions.append(args[2]))
    demo_window.close()
    assert demo_window.isVisible() and f"การแก้ไขมาตรการ «{old}» ยังไม่ได้บันทึก" in questions[0]
    assert form.title.text() == pasted
    form.title.set_text(pasted[:900])
    form.commit()
    assert measures.list_measures(db, 2569)[0].title == pasted[:900]
    assert demo_window.current_screen().unsaved() == ""


def test_a_refused_finding_or_low_item_row_keeps_what_was_typed(demo_window):
    """The other rows show «ตัวชี้วัดที่ ๔ …», so a clerk types that for a new finding: it was
    refused and the whole new row, its issue typed out, vanished with the reload."""
    from itadesk.services import years

    db = demo_window.ctx.db
    demo_window.ctx.set_year(2568)
    demo_window.show_screen(1)
    screen = demo_window.current_screen()
    count = len(years.get_result(db, 2568).findings)
    table = screen.findings
    row = table.add_row()
    table.closePersistentEditor(table.item(row, 0))
    issue = "บุคลากรยังนำรถส่วนกลางไปใช้ธุระส่วนตัว"
    table.item(row, 1).setText("ตัวชี้วัดที่ 4")
    table.item(row, 2).setText(issue)
    assert "ind1–ind10" in demo_window.last_error
    assert table.rowCount() == count + 1 and table.item(row, 2).text() == issue
    table.item(row, 1).setText("ind4")  # corrected: the row is saved
    stored = years.get_result(db, 2568).findings
    assert len(stored) == count + 1 and stored[-1].issue == issue and stored[-1].target == "ind4"
    low = screen.low_items
    row = low.add_row()
    low.closePersistentEditor(low.item(row, 0))
    low.item(row, 0).setText("i4")
    low.item(row, 1).setText("ท่านเคยพบเห็นบุคลากรนำทรัพย์สินของราชการไปใช้ส่วนตัว")
    low.item(row, 2).setText("๗o.๕")  # an o for a ๐
    assert "ไม่ใช่ตัวเลข" in demo_window.last_error
    assert low.rowCount() == 1 and low.item(row, 1).text().startswith("ท่านเคยพบเห็น")
    low.item(row, 2).setText("๗๐.๕")
    assert [i["code"] for i in years.get_result(db, 2568).low_items] == ["i4"]


def test_a_new_office_is_sent_to_the_result_its_plan_is_built_on(qtbot, db, settings):
    """An empty office planning 2570 read «ยังไม่ได้กรอกผลการประเมินปี ๒๕๗๐ (ใช้วางแผนปี
    ๒๕๗๐)» and typed the result it holds, 2569's, under 2570: the analysis then printed it
    as the result of 2570. The plan of a year is built on the result of the year before."""
    from PySide6.QtCore import Qt

    from itadesk.services import years

    window = make_window(qtbot, db, settings, 2570)
    screen = window.current_screen()
    line = next(b for b in screen.lines if b.property("screen") == "results")
    assert line.text() == "ยังไม่ได้กรอกผลการประเมินปี ๒๕๖๙ (ใช้วางแผนปี ๒๕๗๐)"
    assert screen.weak_box.title() == "ตัวชี้วัดที่คะแนนต่ำที่สุด (ผลการประเมินปี ๒๕๖๙)"
    QApplication.processEvents()  # laid out: the click lands on the line
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    results = window.current_screen()
    assert window.ctx.year == 2569 and window.year.currentData() == 2569
    assert results.heading.text() == "ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๙"
    for field in results.scores:
        type_into(qtbot, field, "90")
    assert years.has_result(db, 2569) and not years.has_result(db, 2570)
    window.ctx.set_year(2570)
    window.show_screen(5)
    texts = [b.text() for b in window.current_screen().lines]
    assert "กรอกผลการประเมินปี ๒๕๖๙ แล้ว" in texts


def test_field_names_never_break_across_lines(qtbot, demo_window):
    """รูปแบบเอกสาร listed «{สรุป» at a line's end and «ผล}» on the next: a field name is
    typed exactly as shown, so it stays whole."""
    from itadesk.domain.fields import FIELDS
    from itadesk.ui.screens.paperwork_dialog import PaperworkDialog
    from itadesk.ui.widgets.common import WrapLabel

    dialog = PaperworkDialog(demo_window.ctx, demo_window)
    qtbot.addWidget(dialog)
    labels = [label for label in dialog.findChildren(WrapLabel) if "{" in label.raw]
    shown = next(label.text() for label in labels if label.raw.startswith("ช่องที่เติมเอง"))
    assert "\u200b" in shown  # it still wraps, between the fields
    for name in FIELDS:
        assert f"{{{name}}}" in shown, name
    assert all("{สรุปผล}" in label.text() for label in labels if "{สรุปผล}" in label.raw)


def test_a_refused_removal_keeps_the_name_apart_from_the_words(demo_window, monkeypatch):
    """«ลบนางสาวพิมพ์ชนก ใจสุจริตไม่ได้» read as a surname «ใจสุจริตไม่ได้»."""
    from itadesk.ui.screens import office as office_screen

    demo_window.show_screen(0)
    screen = demo_window.current_screen()
    monkeypatch.setattr(office_screen, "ask", lambda *_args: True)
    screen.people.setCurrentCell(0, 0)  # the memo's writer
    screen.remove_person()
    assert demo_window.last_error.startswith("ลบ «นางสาวพิมพ์ชนก ใจสุจริต» ไม่ได้: เป็นผู้จัดทำ")


def test_the_same_evidence_file_is_attached_once(demo_window, tmp_path):
    """Attached twice (a second click, the same file chosen again), it was listed and printed
    twice."""
    demo_window.show_screen(3)
    form = demo_window.current_screen().form
    before = form.files.count()
    report = tmp_path / "รายงานการประชุม.pdf"
    report.write_bytes(b"%PDF-1.4 minutes")
    form.attach(report)
    form.attach(report)
    assert form.files.count() == before + 1
    assert demo_window.last_error == "แนบไฟล์ «รายงานการประชุม.pdf» ไว้แล้ว"
    other = tmp_path / "ภาพกิจกรรม.pdf"
    other.write_bytes(b"%PDF-1.4 minutes")  # the same bytes under another name: a file of its own
    form.attach(other)
    assert form.files.count() == before + 2


def test_thai_marks_of_a_wrapped_cell_are_not_cut_by_its_edges(qtbot):
    """Sarabun's stacked marks reach past the font's ascent (ปั้น) and its lower vowels past
    its descent (รู้): a row only as tall as its lines cut them at the grid lines."""
    from PySide6.QtGui import QFontMetricsF

    from itadesk.ui.widgets.record_table import Column, RecordTable

    table = RecordTable([Column("ประเด็น"), Column("แนวทาง")])
    qtbot.addWidget(table)
    table.set_rows([(1, ["ปั้นป้ำที่ผู้ใหญ่ ปั้นป้ำที่ผู้ใหญ่ ปั้นป้ำที่", "ฐานญาติรับรู้ ฐานญาติรับรู้"])])
    table.resize(300, 200)
    table.show()
    QApplication.processEvents()
    metrics = QFontMetricsF(table.font())
    lines = round((table.sizeHintForRow(0) - 4) / metrics.lineSpacing())
    assert lines == 2
    top = -metrics.tightBoundingRect("ปั้นป้ำ").top() - metrics.ascent()
    bottom = metrics.tightBoundingRect("รู้ญ").bottom() - metrics.descent()
    assert top > 0 and bottom > 0  # the marks do reach past the line box
    assert table.rowHeight(0) >= lines * metrics.lineSpacing() + top + bottom + 2


def test_a_too_long_paperwork_text_is_refused_in_thai_digits(qtbot, demo_window):
    from itadesk.ui.screens.paperwork_dialog import PaperworkDialog

    dialog = PaperworkDialog(demo_window.ctx, demo_window)
    qtbot.addWidget(dialog)
    dialog.before["measures"].set_text("ก" * 5001)
    dialog.save()
    assert dialog.error.raw == "ย่อหน้าก่อนหรือหลังตาราง ยาวเกิน ๕,๐๐๐ ตัวอักษร"
    assert len(dialog.before["measures"].text()) == 5001  # kept, to be shortened


def test_the_import_dialog_says_what_to_do_first(qtbot, demo_window):
    """It opened on an empty list and an empty line, นำเข้า greyed, with nothing said."""
    from itadesk.ui.bundle_dialogs import ImportDialog

    dialog = ImportDialog(demo_window.ctx.db, demo_window)
    qtbot.addWidget(dialog)
    assert "«เลือกไฟล์…»" in dialog.status.raw and "ก่อนนำเข้า" in dialog.status.raw

"""The window bugs a clerk hit (issue 13, section 2): each test failed before its fix."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from itadesk.services import measures, memos, office, years

from .conftest import make_window
from .test_workflow import send_text, type_into


def test_1_a_new_person_is_added_to_the_writer_list_not_written_over_its_first_row(window):
    window.show_screen(0)
    screen = window.current_screen()
    assert screen.writer.currentText() == "(ยังไม่เลือก)"
    row = screen.people.add_row()
    screen.people.item(row, 0).setText("นางสาวสมใจ ใจดี")
    labels = [screen.writer.itemText(i) for i in range(screen.writer.count())]
    assert labels == ["(ยังไม่เลือก)", "นางสาวสมใจ ใจดี"]
    assert screen.writer.currentText() == "(ยังไม่เลือก)"
    assert office.get_office(window.ctx.db).writer_uuid is None


def test_2_moving_a_measure_moves_it_in_the_tree_at_once(demo_window):
    demo_window.show_screen(2)
    screen = demo_window.current_screen()
    first, second = measures.list_measures(demo_window.ctx.db, 2569)[:2]
    screen.tree.setCurrentIndex(screen.model.index_of(second.id))
    screen.move(-1)
    group = screen.model.index(0, 0)
    shown = [screen.model.measure(screen.model.index(r, 0, group)).id for r in range(2)]
    assert shown == [second.id, first.id]
    assert screen.current().id == second.id  # the moved measure stays chosen


def test_4_an_old_error_leaves_the_status_bar_when_the_screen_changes(demo_window):
    demo_window.show_screen(0)
    demo_window.ctx.failed.emit("บันทึกไม่ได้")
    assert demo_window.statusBar().currentMessage() == "บันทึกไม่ได้"
    demo_window.show_screen(2)
    assert demo_window.statusBar().currentMessage() == ""


def test_5_ctrl_s_says_the_work_is_saved_and_stays(qtbot, demo_window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    demo_window.show_screen(2)
    demo_window.activateWindow()
    qtbot.keyClick(demo_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.stack.currentIndex() == 2 and not asked
    assert "บันทึก" in demo_window.statusBar().currentMessage()


def test_6_a_new_window_fits_the_available_screen(qtbot, demo_db, settings):
    window = make_window(qtbot, demo_db, settings, 2569, size=False)
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert window.frameGeometry().width() <= available.width()
    assert window.frameGeometry().height() <= available.height()


def test_9_typing_on_an_empty_steps_list_keeps_the_line(qtbot, demo_window):
    demo_window.show_screen(2)
    form = demo_window.current_screen().form
    form.steps.set_items([])
    form.steps.list.setFocus()
    send_text(form.steps.list, "ป")  # the first key opens a line, the rest go to its editor
    qtbot.waitUntil(lambda: bool(form.steps.list.findChildren(QLineEdit)))
    send_text(form.steps.list.findChildren(QLineEdit)[-1], "ระชุมชี้แจง")
    form.commit()
    assert form.steps.items() == ["ประชุมชี้แจง"]
    stored = measures.list_measures(demo_window.ctx.db, 2569)[0]
    assert stored.steps == ["ประชุมชี้แจง"]


def test_10_an_out_of_range_score_keeps_the_typed_text_marked(qtbot, demo_window):
    demo_window.ctx.set_year(2568)
    demo_window.show_screen(1)
    field = demo_window.current_screen().scores[0]
    stored = field.text()
    type_into(qtbot, field, "105")
    assert field.text() == "105" and "background" in field.styleSheet()
    assert "ไม่" in demo_window.last_error
    assert years.get_result(demo_window.ctx.db, 2568).scores[0] == stored  # nothing saved
    type_into(qtbot, field, "95")  # one digit corrected
    assert field.styleSheet() == "" and years.get_result(demo_window.ctx.db, 2568).scores[0] == "95"


def test_11_the_lower_tabs_of_results_say_why_they_wait(demo_window):
    demo_window.ctx.set_year(2570)  # no scores yet
    demo_window.show_screen(1)
    screen = demo_window.current_screen()
    assert screen.tabs.isEnabled() or "คะแนน" in screen.tabs_note.text()
    if not screen.tabs.isEnabled():
        assert screen.tabs_note.isVisible()


def test_12_progress_lists_measures_by_group(demo_window):
    db = demo_window.ctx.db
    rows = measures.list_measures(db, 2569)
    eit = next(m for m in rows if m.group == "EIT")
    measures.move_measure(db, eit.id, -len(rows))  # an EIT measure first, amid the IIT ones
    measures.move_measure(db, eit.id, 1)
    demo_window.show_screen(3)
    shown = [m.group for m, _entry in demo_window.current_screen().model.rows]
    firsts = list(dict.fromkeys(shown))
    assert shown == sorted(shown, key=firsts.index)


def test_3_a_saved_memo_takes_the_new_profile_and_keeps_the_clerks_paragraphs(demo_window):
    db = demo_window.ctx.db
    demo_window.show_screen(4)
    screen = demo_window.current_screen()
    screen.choose("memo-measures")
    editor = screen.memo
    editor.parts[0][1].setPlainText("ย่อหน้าที่เสมียนเขียนเอง")
    editor.commit(keep=True)
    people = office.list_people(db)
    office.update_office(db, name="ทุ่งสุขใหม่", writer_uuid=people[-1].uuid)
    screen.choose("memo-progress", 6)
    screen.choose("memo-measures")
    assert editor.stale.isVisibleTo(screen) and "ทุ่งสุขใหม่" not in editor.to.text()
    editor.use_profile()
    stored = memos.draft_memo(db, "measures", 2569)
    assert stored.writer_uuid == people[-1].uuid and stored.to.endswith("ทุ่งสุขใหม่")
    assert stored.parts[0]["text"] == "ย่อหน้าที่เสมียนเขียนเอง"
    assert not editor.stale.isVisibleTo(screen)
    editor.reset_text()
    stored = memos.draft_memo(db, "measures", 2569)
    assert stored.parts[0]["text"].startswith("ตามที่สำนักงานคณะกรรมการป้องกัน")
    assert editor.parts[0][1].text() == stored.parts[0]["text"]


def test_7_preview_rebuilds_when_asked_and_zooms(qtbot, demo_window):
    demo_window.show_screen(4)
    screen = demo_window.current_screen()
    screen.choose("measures")
    with qtbot.waitSignal(screen.previewReady, timeout=60000):
        screen.preview()
    with qtbot.waitSignal(screen.previewReady, timeout=60000):  # asked again: built again
        screen.preview()
    fitted = screen.zoom_factor()
    screen.zoom(1.25)
    assert abs(screen.view.zoomFactor() - fitted * 1.25) < 0.01
    wheel = QWheelEvent(
        QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, 120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(screen.view.viewport(), wheel)
    assert abs(screen.view.zoomFactor() - fitted * 1.25 * 1.25) < 0.01
    screen.zoom(None)
    assert abs(screen.zoom_factor() - fitted) < 0.01


def test_8_long_texts_wrap_in_multi_line_editors_and_headers_are_whole(qtbot, demo_window):
    from itadesk.ui.models.measures_model import UNITS
    from itadesk.ui.widgets.common import CommitTextEdit

    demo_window.resize(1024, 768)
    demo_window.show_screen(2)
    screen = demo_window.current_screen()
    form = screen.form
    title = "ส่งเสริมการมีส่วนร่วมของประชาชนในการตรวจสอบการใช้งบประมาณและการจัดซื้อจัดจ้าง"
    form.title.setFocus()
    form.title.selectAll()
    send_text(form.title, title)
    qtbot.keyClick(form.title, Qt.Key.Key_Return)  # Enter finishes: no line break is kept
    assert measures.list_measures(demo_window.ctx.db, 2569)[0].title == title
    assert form.title.height() > 2 * form.title.fontMetrics().lineSpacing()
    header = screen.tree.header()
    assert header.sectionSize(UNITS) >= header.sectionSizeHint(UNITS)  # ผู้รับผิดชอบ whole
    demo_window.ctx.set_year(2568)
    demo_window.show_screen(1)
    results = demo_window.current_screen()
    for table, column in ((results.low_items, 1), (results.findings, 2)):
        if not table.rowCount():
            table.add_row(["i4", "เจ้าหน้าที่มีการเรียกรับเงิน", ""])
        table.setFocus()
        table.setCurrentCell(0, column)
        table.editItem(table.currentItem())
        editors = table.findChildren(CommitTextEdit)
        assert editors and editors[-1].text() == table.item(0, column).text()
        assert editors[-1].height() >= 3 * editors[-1].fontMetrics().lineSpacing()
        table.setCurrentCell(0, 0)


def test_13_low_items_are_picked_with_their_texts(demo_window):
    db = demo_window.ctx.db
    demo_window.ctx.set_year(2568)
    demo_window.show_screen(1)
    screen = demo_window.current_screen()
    wanted = next(i for i in years.oit_items(db, 2568) if i.code == "o12")
    index = screen.pick_item.findData(wanted.code)
    assert index > 0 and wanted.name in screen.pick_item.itemText(index)
    screen.pick_item.activated.emit(index)
    stored = years.get_result(db, 2568).low_items
    assert {"code": "o12", "text": wanted.name} in [
        {"code": i["code"], "text": i["text"]} for i in stored
    ]
    assert screen.low_items.currentColumn() == 2  # the score is typed next


def test_score_check_names_the_likely_typo_on_screen(qtbot, demo_window):
    demo_window.ctx.set_year(2570)
    demo_window.show_screen(1)
    screen = demo_window.current_screen()
    reference = ("59.44", "97.75", "98.79", "97.47", "98.79", "92.83", "91.26", "90.33", "100")
    for field, score in zip(screen.scores, (*reference, "100"), strict=True):
        type_into(qtbot, field, score)
    type_into(qtbot, screen.official, "96.98")
    assert "ถ้าตัวชี้วัดที่ ๑ เป็น ๙๙.๔๔ (ไม่ใช่ ๕๙.๔๔)" in screen.warning.raw


def test_13_iit_questions_are_offered_with_their_topics(demo_window):
    demo_window.ctx.set_year(2568)
    demo_window.show_screen(1)
    screen = demo_window.current_screen()
    index = screen.pick_item.findData("i13")
    label = screen.pick_item.itemText(index)
    assert label.startswith("i๑๓ การมอบหมายงานของผู้บังคับบัญชาอย่างเป็นธรรม")
    assert label.endswith("(ตัวชี้วัดที่ ๓ IIT)")
    screen.pick_item.activated.emit(index)
    stored = years.get_result(demo_window.ctx.db, 2568).low_items
    assert {"code": "i13", "text": "การมอบหมายงานของผู้บังคับบัญชาอย่างเป็นธรรม"} in [
        {"code": i["code"], "text": i["text"]} for i in stored
    ]
    assert screen.low_items.currentColumn() == 2  # the topic is filled: the score is next

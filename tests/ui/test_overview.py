"""ภาพรวม, the first-run setup and years that explain themselves (issue 13, section 1)."""

from datetime import date

from docx import Document
from PySide6.QtCore import Qt

from itadesk.services import documents, measures, office, overview, print_log, progress, years
from itadesk.services.demo import fill_demo
from itadesk.ui.main_window import KEYS, OVERVIEW

from .conftest import make_window


def lines_of(screen) -> list[tuple[str, str]]:
    return [(line.property("state"), line.text()) for line in screen.lines]


def test_overview_is_the_first_screen_and_each_line_opens_its_screen(qtbot, demo_window):
    assert demo_window.stack.currentIndex() == OVERVIEW and demo_window.nav.currentRow() == 0
    screen = demo_window.current_screen()
    screen.today = date(2026, 2, 1)  # fiscal 2569, before round 6 ends
    screen.reload()
    texts = [text for _state, text in lines_of(screen)]
    assert screen.deadline.raw == "รอบถัดไป: รอบ ๖ เดือน สิ้นสุด ๓๑ มีนาคม ๒๕๖๙ (อีก ๕๘ วัน)"
    assert any(t.startswith("ข้อมูลหน่วยงาน") for t in texts)
    assert "กรอกผลการประเมินปี ๒๕๖๘ แล้ว" in texts
    groups = overview.year_overview(demo_window.ctx.db, 2569).measures
    assert any(f"IIT {groups['IIT']}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")) in t
               for t in texts)  # fmt: skip
    assert any(t.startswith("ตัวชี้วัดที่ ") for t in texts)  # the weakest indicators
    for line in list(screen.lines):
        key, months = line.property("screen"), line.property("round")
        qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
        assert demo_window.stack.currentIndex() == KEYS.index(key), line.text()
        assert demo_window.nav.currentRow() == KEYS.index(key) + 1  # ภาพรวม is row 0
        if months:
            assert demo_window.current_screen().round_months == months
        demo_window.show_screen(OVERVIEW)
        screen.today = date(2026, 2, 1)


def test_rounds_say_done_partly_or_not_started(demo_db):
    rows = measures.list_measures(demo_db, 2569)
    facts = overview.year_overview(demo_db, 2569, date(2026, 6, 1))
    states = {r.months: r.state for r in facts.rounds}
    assert states[6] == "done" and states[9] == "todo"
    progress.carry_forward(demo_db, 2569, 9)
    measures.delete_measure(demo_db, rows[0].id)
    facts = overview.year_overview(demo_db, 2569, date(2026, 6, 1))
    assert {r.months: r.state for r in facts.rounds}[9] == "done"
    assert facts.next_round.months == 9 and facts.days_left == 29


def test_first_run_guides_the_setup_then_lands_on_the_overview(qtbot, db, settings, shots):
    window = make_window(qtbot, db, settings, 2569)
    dialog = window.offer_setup()
    assert dialog is not None and dialog.isVisible()
    dialog.kind.setCurrentText("องค์การบริหารส่วนตำบล")
    dialog.name.setText("องค์การบริหารส่วนตำบลนาทอน")  # the type typed again: dropped
    assert dialog.full_name.raw == "จะพิมพ์ว่า องค์การบริหารส่วนตำบลนาทอน"
    dialog.district.setText("ทุ่งหว้า")
    dialog.province.setText("สตูล")
    dialog.clerk.setText("นางสาวสมใจ ใจดี")
    dialog.clerk_position.setText("นักจัดการงานทั่วไป")
    dialog.chain.item(1, 1).setText("นายปลัด ตั้งใจ")
    dialog.chain.item(1, 2).setText("ปลัดองค์การบริหารส่วนตำบล")
    dialog.grab().save(str(shots / "setup.png"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    profile = office.get_office(db)
    assert (profile.kind, profile.name, profile.district, profile.province) == (
        "องค์การบริหารส่วนตำบล", "นาทอน", "ทุ่งหว้า", "สตูล"
    )
    assert profile.full_name == "องค์การบริหารส่วนตำบลนาทอน"
    people = {p.uuid: p.name for p in office.list_people(db)}
    assert people[profile.writer_uuid] == "นางสาวสมใจ ใจดี"
    assert [(s["label"], people[s["person"]]) for s in profile.reviewer_chain] == [
        ("ความเห็นปลัด", "นายปลัด ตั้งใจ")
    ]
    assert window.stack.currentIndex() == OVERVIEW
    assert window.offer_setup() is None  # asked once
    home = window.current_screen()
    states = dict((text, state) for state, text in lines_of(home))
    assert states["ลำดับผู้พิจารณาบันทึกข้อความ ๑ ขั้น"] == "done"
    assert states["ยังไม่มีมาตรการของปี ๒๕๖๙"] == "todo"
    for number in range(len(home.lines)):  # each line opens the screen that does it
        line = home.lines[number]
        qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
        assert window.stack.currentIndex() == KEYS.index(line.property("screen"))
        window.show_screen(OVERVIEW)


def test_later_skips_the_setup_and_stores_nothing(qtbot, db, settings):
    window = make_window(qtbot, db, settings, 2569)
    window.show_screen(2)
    dialog = window.offer_setup()
    qtbot.mouseClick(dialog.later_button, Qt.MouseButton.LeftButton)
    assert office.needs_setup(db) and window.stack.currentIndex() == OVERVIEW


def test_setup_refuses_a_name_that_is_only_the_type(qtbot, db, settings):
    window = make_window(qtbot, db, settings, 2569)
    dialog = window.offer_setup()
    dialog.name.setText("อบต.")
    dialog.save()
    assert dialog.isVisible() and "ชื่อหน่วยงาน" in dialog.error.raw and office.needs_setup(db)


def test_the_name_field_drops_a_type_word(demo_window):
    demo_window.show_screen(0)
    screen = demo_window.current_screen()
    screen.texts["name"].setText("เทศบาลตำบลท่าแพ")
    screen.texts["name"].editingFinished.emit()
    assert office.get_office(demo_window.ctx.db).full_name == "เทศบาลตำบลท่าแพ"
    assert office.plain_name("อบต. นาทอน") == "นาทอน" and office.plain_name("ทต.") == "ทต."


def test_results_on_a_plan_year_show_the_assessment_year_and_say_so(qtbot, demo_window):
    demo_window.ctx.set_year(2569)  # the demo's scores are of 2568
    demo_window.show_screen(1)
    screen = demo_window.current_screen()
    assert screen.heading.text() == "ผลการประเมินปี ๒๕๖๘ ที่ใช้วางแผนปี ๒๕๖๙"
    stored = years.get_result(demo_window.ctx.db, 2568).scores
    assert [f.text() for f in screen.scores] == list(stored)
    assert screen.own_button.isVisibleTo(screen)
    qtbot.mouseClick(screen.own_button, Qt.MouseButton.LeftButton)
    assert screen.heading.text() == "ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๙"
    assert [f.text() for f in screen.scores] == [""] * 10


def test_the_analysis_is_offered_for_the_assessment_year(qtbot, demo_window):
    demo_window.ctx.set_year(2569)
    demo_window.show_screen(4)
    screen = demo_window.current_screen()
    screen.choose("analysis")
    with qtbot.waitSignal(screen.previewReady, timeout=60000):
        screen.preview()
    assert "ผลการประเมินปี ๒๕๖๘ ที่ใช้วางแผนปี ๒๕๖๙" in screen.state.raw
    assert screen.default_file_name() == "รายงานการวิเคราะห์ผลการประเมิน-2568.pdf"
    assert demo_window.last_error == ""
    assert documents.document_warnings(demo_window.ctx.db, "analysis", 2568, None) == []


def test_the_year_chooser_opens_on_the_year_with_current_work(db):
    assert years.current_work_year(db, date(2026, 11, 2)) == 2570  # nothing yet: this year
    years.record_scores(db, 2567, ["90"] * 10)
    assert years.current_work_year(db, date(2026, 11, 2)) == 2568  # the plan after the scores
    fill_demo(db, force=True)
    assert years.current_work_year(db, date(2027, 1, 1)) == 2569  # the plan being carried out


def test_screenshots_of_every_screen_and_the_setup_at_two_sizes(qtbot, demo_db, settings, shots):
    """For looking at: ภาพรวม, the setup and every screen at 1366×768 and 1024×768."""
    window = make_window(qtbot, demo_db, settings, 2569, size=False)
    for width, height in ((1366, 768), (1024, 768)):
        window.resize(width, height)
        for index in (OVERVIEW, 0, 1, 2, 3, 4):
            window.show_screen(index)
            if KEYS[index] == "documents":
                screen = window.current_screen()
                with qtbot.waitSignal(screen.previewReady, timeout=60000):
                    screen.preview()
                qtbot.wait(1500)  # the view draws its pages in the background
            assert window.width() == width, KEYS[index]  # nothing forces the window wider
            assert window.grab().save(str(shots / f"{width}x{height}-{KEYS[index]}.png"))
        from itadesk.ui.setup_dialog import SetupDialog

        dialog = SetupDialog(window.ctx, window)
        hint = dialog.sizeHint()
        dialog.resize(min(hint.width(), width), min(hint.height(), height))
        dialog.show()
        assert dialog.grab().save(str(shots / f"{width}x{height}-setup.png"))
        dialog.reject()
    overview_screen = window.screen(OVERVIEW)
    buttons = overview_screen.findChildren(type(overview_screen.lines[0]))
    shown = [button for button in buttons if button.property("screen")]
    assert len(shown) == len(overview_screen.lines)  # reloading twice shows each line once
    assert window.last_error == ""


def test_documents_saved_or_printed_are_ticked_on_the_overview(qtbot, demo_window, tmp_path):
    """The Word copy of the analysis, chosen on the plan year, is the assessment year's."""
    demo_window.ctx.set_year(2569)
    demo_window.show_screen(KEYS.index("documents"))
    screen = demo_window.current_screen()
    screen.choose("analysis")
    word = tmp_path / "รายงานการวิเคราะห์.docx"
    with qtbot.waitSignal(screen.docxSaved, timeout=60000):
        screen.save_docx(word)
    text = "\n".join(p.text for p in Document(word).paragraphs)
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๘" in text and "๒๕๖๙" not in text.split("\n")[0]
    demo_window.show_screen(OVERVIEW)
    lines = lines_of(demo_window.current_screen())
    assert ("done", "รายงานการวิเคราะห์ผลการประเมิน ITA: พิมพ์แล้ว") in lines
    memo = "บันทึกข้อความรายงานผลรอบ (แนบตารางผลการดำเนินการ)"
    assert ("todo", f"{memo}: ยังไม่ได้พิมพ์") in lines
    print_log.record_printed(demo_window.ctx.db, "memo-progress", 2569, 12, "printer")
    print_log.record_printed(demo_window.ctx.db, "memo-progress", 2569, 6, "pdf")
    demo_window.current_screen().reload()
    assert ("done", f"{memo}: พิมพ์แล้ว รอบ ๖, ๑๒ เดือน") in lines_of(demo_window.current_screen())

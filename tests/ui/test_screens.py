"""Each screen over the demo office: models, undo, settings, bad input, screenshots."""

import dataclasses

from PySide6.QtCore import QSettings, Qt

from itadesk.domain.numerals import digits
from itadesk.errors import DatabaseError
from itadesk.services import measures, office, progress, years
from itadesk.ui import app as app_module
from itadesk.ui.main_window import SCREENS
from itadesk.ui.models.measures_model import MeasureTreeModel
from itadesk.ui.models.progress_model import ProgressModel

from .conftest import make_window


def test_models_pass_the_model_tester(qtmodeltester, demo_db):
    rows = measures.list_measures(demo_db, 2569)
    tree = MeasureTreeModel()
    tree.load(rows)
    qtmodeltester.check(tree)
    table = ProgressModel(lambda measure, entry, status: None)
    table.load(rows, 6)
    qtmodeltester.check(table)


def test_every_screen_over_the_demo_office(qtbot, demo_window, shots):
    names = ("office", "results", "measures", "progress", "documents")
    for index, name in enumerate(names):
        demo_window.ctx.set_year(2568 if name == "results" else 2569)
        demo_window.show_screen(index)
        if name == "documents":
            screen = demo_window.current_screen()
            with qtbot.waitSignal(screen.previewReady, timeout=60000):
                screen.preview()
            assert screen.document.pageCount() >= 2  # the memo and its attached table
        path = shots / f"screen-{index + 1}-{name}.png"
        assert demo_window.grab().save(str(path))
    assert demo_window.last_error == ""
    print(f"screenshots in {shots}")


def test_delete_measure_and_undo(demo_window):
    db = demo_window.ctx.db
    demo_window.show_screen(2)
    screen = demo_window.current_screen()
    before = [m.uuid for m in measures.list_measures(db, 2569)]
    screen.tree.setCurrentIndex(screen.model.index_of(measures.list_measures(db, 2569)[1].id))
    screen.delete()
    assert len(measures.list_measures(db, 2569)) == len(before) - 1
    assert demo_window.undo_action.isEnabled()
    demo_window.undo_action.trigger()  # เลิกทำ (Ctrl+Z)
    after = measures.list_measures(db, 2569)
    assert [m.uuid for m in after] == before
    assert progress.entry_for(after[1], 12) is not None  # progress came back too


def test_reorder_duplicate_and_copy_forward(demo_window):
    db = demo_window.ctx.db
    demo_window.show_screen(2)
    screen = demo_window.current_screen()
    first, second = measures.list_measures(db, 2569)[:2]
    screen.tree.setCurrentIndex(screen.model.index_of(second.id))
    screen.move(-1)
    assert [m.id for m in measures.list_measures(db, 2569)[:2]] == [second.id, first.id]
    screen.duplicate()
    assert any(m.title.endswith("(สำเนา)") for m in measures.list_measures(db, 2569))
    demo_window.ctx.set_year(2570)
    screen.copy_last_year(confirm=False)
    assert len(measures.list_measures(db, 2570)) == len(measures.list_measures(db, 2569))


def test_window_remembers_size_and_screen(qtbot, demo_db, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = make_window(qtbot, demo_db, settings, 2569)
    window.resize(760, 560)  # inside the offscreen screen (800 × 600)
    window.show_screen(3)
    window.close()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    again = make_window(qtbot, demo_db, settings, 2569, size=False)
    assert again.stack.currentIndex() == 3
    assert (again.width(), again.height()) == (760, 560)


def test_closing_mid_edit_loses_nothing(qtbot, demo_window):
    demo_window.show_screen(0)
    name = demo_window.current_screen().texts["phone"]
    name.setFocus()
    name.setText("๐ ๗๕๓๑ ๑๑๑๑")  # typed but not finished with Enter or Tab
    demo_window.close()
    assert office.get_office(demo_window.ctx.db).phone == "๐ ๗๕๓๑ ๑๑๑๑"


def test_progress_text_left_open_is_saved_on_close(qtbot, demo_window):
    demo_window.show_screen(3)
    screen = demo_window.current_screen()
    screen.form.texts["remark"].setPlainText("รอผลสำรวจ")
    demo_window.close()
    first = measures.list_measures(demo_window.ctx.db, 2569)[0]
    assert progress.entry_for(first, 6).remark == "รอผลสำรวจ"


def test_a_round_starts_from_the_one_before(qtbot, demo_window, monkeypatch, tmp_path):
    from PySide6.QtCore import Qt

    from itadesk.ui.screens import progress as progress_screen

    demo_window.show_screen(3)
    screen = demo_window.current_screen()
    assert not screen.carry.isEnabled()  # round 6: nothing earlier in the demo
    screen.round.setCurrentIndex(screen.round.findData(9))
    assert screen.carry.isEnabled()
    db = demo_window.ctx.db
    six = {m.id: progress.entry_for(m, 6) for m in measures.list_measures(db, 2569)}
    questions = []
    monkeypatch.setattr(progress_screen, "ask", lambda *args: questions.append(args[2]))
    qtbot.mouseClick(screen.carry, Qt.MouseButton.LeftButton)
    assert f"รอบ ๙ เดือน ให้ {digits(len(six))} มาตรการ" in questions[0]
    assert progress.round_counts(db, 2569, 9)["not_started"] == len(six)  # the clerk said no
    monkeypatch.setattr(progress_screen, "ask", lambda *args: True)
    qtbot.mouseClick(screen.carry, Qt.MouseButton.LeftButton)
    nine = {m.id: progress.entry_for(m, 9) for m in measures.list_measures(db, 2569)}
    assert {k: (e.status, e.done_text) for k, e in nine.items()} == {
        k: (e.status, e.done_text) for k, e in six.items()
    }
    assert not screen.carry.isEnabled()
    assert "เริ่มรอบนี้จากรอบก่อนแล้ว" in demo_window.statusBar().currentMessage()
    assert screen.model.rows[0][1].round == 9  # the table shows the new round's entries
    screen.grab().save(str(tmp_path / "carried.png"))


def test_the_preface_date_is_chosen_or_the_print_day(demo_window, tmp_path):
    from datetime import date

    from itadesk.services import years
    from itadesk.services.documents import PrintOptions, build_document
    from tests.pdftext import flat, pdf_text

    db = demo_window.ctx.db
    years.update_analysis(db, 2568, preface="รายงานฉบับนี้จัดทำขึ้นเพื่อวิเคราะห์ผลการประเมิน")
    demo_window.ctx.set_year(2568)
    demo_window.show_screen(1)
    screen = demo_window.current_screen()
    assert not screen.preface_dated.isChecked() and not screen.preface_date.isEnabled()
    screen.preface_dated.setChecked(True)
    assert years.get_result(db, 2568).preface_date == date.today()
    screen.preface_date.day.setValue(15)
    screen.preface_date.month_year.month.setCurrentIndex(0)
    screen.preface_date.month_year.year.setValue(2569)
    assert years.get_result(db, 2568).preface_date == date(2026, 1, 15)
    text = flat(pdf_text(build_document(db, "analysis", 2568, None, PrintOptions()), tmp_path))
    assert "๑๕มกราคม๒๕๖๙" in text
    screen.preface_dated.setChecked(False)
    assert years.get_result(db, 2568).preface_date is None
    screen.reload()
    assert not screen.preface_date.isEnabled()


def test_scores_typed_in_part_are_kept_and_closing_asks(qtbot, demo_window, monkeypatch):
    from itadesk.ui import main_window

    from .test_workflow import type_into

    demo_window.ctx.set_year(2570)  # no result yet
    demo_window.show_screen(1)
    screen = demo_window.current_screen()
    for field, score in zip(screen.scores, ("91.5", "88", "๗๕.๒๕", "80"), strict=False):
        type_into(qtbot, field, score)
    assert "ครบ ๑๐ ตัวชี้วัด" in demo_window.statusBar().currentMessage()
    demo_window.show_screen(2)
    demo_window.ctx.set_year(2569)
    demo_window.ctx.set_year(2570)
    demo_window.show_screen(1)
    assert [f.text() for f in screen.scores[:5]] == ["91.5", "88", "๗๕.๒๕", "80", ""]
    questions = []
    monkeypatch.setattr(main_window, "ask", lambda *args: questions.append(args[2]))
    demo_window.close()
    assert demo_window.isVisible() and "ปีงบประมาณ ๒๕๗๐ ยังกรอกไม่ครบ" in questions[0]
    for field in screen.scores[4:]:
        type_into(qtbot, field, "90")
    assert len(years.get_result(demo_window.ctx.db, 2570).scores) == 10
    assert screen.unsaved() == ""
    demo_window.close()
    assert not demo_window.isVisible() and len(questions) == 1


def test_missing_emblem_and_refused_name_give_thai_messages(demo_window, tmp_path):
    demo_window.show_screen(0)
    screen = demo_window.current_screen()
    screen.choose_emblem(tmp_path / "ไม่มีไฟล์.png")
    assert "เปิดไฟล์ตราครุฑ" in demo_window.last_error
    screen.texts["name"].setText("   ")
    screen.texts["name"].editingFinished.emit()
    assert "โปรดกรอกชื่อหน่วยงาน" in demo_window.last_error
    assert screen.texts["name"].text() == "ทุ่งสุขสันต์"  # the previous value is kept


def test_emblem_preview(demo_window, tmp_path):
    from PySide6.QtGui import QColor, QImage

    image = QImage(60, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("darkred"))
    path = tmp_path / "garuda.png"
    image.save(str(path))
    demo_window.show_screen(0)
    screen = demo_window.current_screen()
    screen.choose_emblem(path)
    assert office.get_office(demo_window.ctx.db).emblem_name == "garuda.png"
    assert not screen.emblem.pixmap().isNull()


def test_read_only_database_error_shows_thai_message(monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(
        "itadesk.db.database.open_database",
        lambda path: (_ for _ in ()).throw(DatabaseError("ฐานข้อมูลนี้บันทึกโดย ITADesk รุ่นที่ใหม่กว่า")),
    )
    monkeypatch.setattr("itadesk.ui.widgets.common.tell", lambda *args, **kw: shown.append(args))
    assert app_module.run_gui(tmp_path) == 2
    assert "รุ่นที่ใหม่กว่า" in shown[0][2] and shown[0][1] == "เปิดข้อมูลไม่ได้"


def test_nothing_in_english_on_the_screens(demo_window):
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    allowed = {"IIT", "EIT", "OIT", "EIT1", "EIT2", "ITA", "PDF", "Word", "docx", "Ctrl", "PNG",
               "JPEG", "Enter",
               "ITADesk", "No", "Gift", "Policy", "P", "S", "Z"}  # fmt: skip
    for index in range(len(SCREENS)):
        demo_window.show_screen(index)
    texts = [
        w.text()
        for w in demo_window.findChildren(QLabel) + demo_window.findChildren(QAbstractButton)
    ]
    texts += [w.title() for w in demo_window.findChildren(QGroupBox)]
    words = {word.strip("().…/,:+") for text in texts for word in text.split()}
    english = {w for w in words if w.isascii() and w.isalpha() and w not in allowed}
    assert not english, english


def test_english_catalogue_only_when_asked(monkeypatch):
    from itadesk.ui import i18n

    monkeypatch.setenv("LANG", "en_US.UTF-8")  # an English system locale keeps the Thai UI
    monkeypatch.delenv(i18n.LANG_VAR, raising=False)
    assert i18n.choose_language() == "th"
    monkeypatch.setenv(i18n.LANG_VAR, "en")
    try:
        assert i18n.install() == "en"
        assert i18n._("หน่วยงาน") == "Office"
    finally:
        i18n.install("th")
    assert i18n._("หน่วยงาน") == "หน่วยงาน"


def test_office_chooses_and_renames_measure_columns(demo_window):
    from PySide6.QtCore import Qt

    demo_window.show_screen(0)
    chooser = demo_window.current_screen().columns
    items = [chooser.list.item(i) for i in range(chooser.list.count())]
    practice = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == "practice")
    practice.setCheckState(Qt.CheckState.Checked)  # แนวทางการปฏิบัติ now prints, last
    chooser.list.setCurrentRow(chooser.list.row(practice))
    chooser.move(-4)  # up to second place
    chooser.move(-1)  # refused: the measure column stays first
    follow_up = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == "follow_up")
    follow_up.setText("การกำกับ ติดตาม")
    saved = office.get_office(demo_window.ctx.db)
    assert saved.measure_columns == ["measure", "practice", "steps", "owner", "period", "follow_up"]
    assert saved.column_titles == {"follow_up": "การกำกับ ติดตาม"}


def test_memo_part_can_embed_a_table_and_findings_take_a_heading(demo_window):
    from itadesk.services import memos, years

    db = demo_window.ctx.db
    demo_window.show_screen(4)
    screen = demo_window.current_screen()
    editor = screen.memo
    editor.load("progress", 2569, 6)
    combo = editor.parts[1][2]
    combo.setCurrentIndex(combo.findData("progress"))
    assert memos.draft_memo(db, "progress", 2569, 6).parts[1]["table"] == "progress"
    demo_window.ctx.set_year(2568)
    demo_window.show_screen(1)
    results = demo_window.current_screen()
    results.reload()
    row = results.findings.rowCount() - 1
    results.findings.item(row, 0).setText("ประเด็นที่ ๑ การใช้ทรัพย์สินของราชการ")
    assert years.get_result(db, 2568).findings[-1].heading == "ประเด็นที่ ๑ การใช้ทรัพย์สินของราชการ"


def test_qt_own_menus_and_buttons_are_thai(qapp, qtbot):
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

    from itadesk.ui import qt_thai

    translator = qt_thai.install(qapp)
    try:
        field = QLineEdit()
        qtbot.addWidget(field)
        menu = field.createStandardContextMenu()
        texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
        assert "คัดลอก" in texts and "วาง" in texts
        assert not any(t.replace("&", "").isascii() for t in texts), texts
        assert any(a.text().endswith("\tCtrl+C") for a in menu.actions())  # others untouched
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)  # fmt: skip
        qtbot.addWidget(buttons)
        assert {b.text() for b in buttons.buttons()} == {"ตกลง", "ยกเลิก"}
    finally:
        qapp.removeTranslator(translator)


def test_start_over_leaves_the_demo_office_after_a_backup(demo_window, monkeypatch):
    from itadesk.services import years
    from itadesk.ui import main_window

    db = demo_window.ctx.db
    monkeypatch.setattr(main_window, "ask", lambda *args: False)
    demo_window.start_over_action.trigger()  # the clerk said no: nothing happens
    assert office.get_office(db).name == "ทุ่งสุขสันต์"
    monkeypatch.setattr(main_window, "ask", lambda *args: True)
    demo_window.start_over_action.trigger()
    assert office.get_office(db).name == "" and years.list_years(db) == []
    assert office.list_units(db) == [] and office.list_people(db) == []
    assert not office.is_empty(db)  # the demo will not come back on the next start
    backups = list((db.data_dir / "backups").glob("*-before-start-over.sqlite"))
    assert len(backups) == 1
    assert demo_window.current_screen().texts["name"].text() == ""


def test_reviewer_chain_keeps_its_printed_comment(demo_window):
    demo_window.show_screen(0)
    screen = demo_window.current_screen()
    screen.chain.item(2, 3).setText("ทราบ")
    screen.chain.item(2, 2).setText("๓")
    chain = office.get_office(demo_window.ctx.db).reviewer_chain
    assert (chain[2]["comment"], chain[2]["lines"]) == ("ทราบ", 3)
    screen.chain.selectRow(2)
    screen.move_reviewer(-1)
    assert office.get_office(demo_window.ctx.db).reviewer_chain[1]["comment"] == "ทราบ"


def test_measure_form_keeps_links_it_has_no_box_for(demo_window):
    db = demo_window.ctx.db
    demo_window.show_screen(2)
    screen = demo_window.current_screen()
    first = measures.list_measures(db, 2569)[0]
    screen.tree.setCurrentIndex(screen.model.index_of(first.id))
    form = screen.form
    form.questions.setText("i๔, o๑๒, o60")
    form.commit()
    assert {"i4", "o12", "o60"} <= set(measures.list_measures(db, 2569)[0].links)
    form.title.setPlainText(first.title + " (แก้)")
    form.commit()
    assert {"i4", "o12", "o60"} <= set(measures.list_measures(db, 2569)[0].links)


def test_measure_form_shows_and_reads_every_field(demo_window):
    """Each field of MeasureInput has its row: shown, read back and saved unchanged (the
    period is months or a note, never both)."""
    from tests.samples import measure_input

    db = demo_window.ctx.db
    demo_window.show_screen(2)
    screen = demo_window.current_screen()
    noted = dataclasses.replace(measure_input(), period_start=None, period_end=None)
    for data in (noted, dataclasses.replace(measure_input(), period_note="")):
        first = measures.update_measure(db, measures.list_measures(db, 2569)[0].id, data)
        screen.form.show_measure(None)
        screen.tree.setCurrentIndex(screen.model.index_of(first.id))
        screen.form.show_measure(first)
        assert screen.form.current_input() == data
    screen.form.follow_up.setPlainText("แก้")
    screen.form.commit()
    [saved] = [measures.input_of(m) for m in measures.list_measures(db, 2569) if m.id == first.id]
    assert saved == dataclasses.replace(data, follow_up="แก้")


def test_measure_form_shows_nothing_of_a_measure_when_none_is_chosen(demo_window):
    demo_window.show_screen(2)
    screen = demo_window.current_screen()
    first = measures.list_measures(demo_window.ctx.db, 2569)[0]
    screen.tree.setCurrentIndex(screen.model.index_of(first.id))
    form = screen.form
    assert form.title.text() == first.title and form.title.textCursor().position() == 0
    assert form.steps.items() and form.units.checked()

    demo_window.ctx.set_year(2575)  # a year with no measures yet
    assert not form.isEnabled()
    assert form.title.text() == "" and form.group.currentText() == ""
    assert form.steps.items() == [] and form.units.checked() == []
    assert not any(box.isChecked() for box in form.rounds.values())
    assert measures.list_measures(demo_window.ctx.db, 2569)[0].title == first.title


def test_progress_table_names_each_group_and_fits_the_longest_status(demo_window, qtbot):
    from PySide6.QtWidgets import QComboBox

    from itadesk.ui.models.progress_model import GROUP, NUMBER, STATUS

    demo_window.show_screen(3)
    screen = demo_window.current_screen()
    model = screen.model
    shown = [(model.index(r, GROUP).data(), model.index(r, NUMBER).data()) for r in
             range(model.rowCount())]  # fmt: skip
    assert len(set(shown)) == len(shown)  # no two rows read the same
    assert shown[0] == ("IIT", "๑") and ("EIT", "๑") in shown
    assert model.headerData(4, Qt.Orientation.Horizontal) == "ไฟล์หลักฐาน"

    last = model.index(model.rowCount() - 1, STATUS)
    screen.table.scrollTo(last)
    screen.table.edit(last)
    qtbot.waitUntil(lambda: screen.table.findChild(QComboBox) is not None)
    combo = screen.table.findChild(QComboBox)
    assert combo.width() >= combo.sizeHint().width()


def test_reviewer_comment_lines_are_a_small_number(demo_window):
    from PySide6.QtWidgets import QStyleOptionViewItem

    demo_window.show_screen(0)
    screen = demo_window.current_screen()
    screen.chain.item(0, 2).setText("๒๐๐")  # typed past the spin box, e.g. pasted
    assert "บรรทัดความเห็นต้องอยู่ระหว่าง ๐ ถึง ๑๐" in demo_window.last_error
    assert office.get_office(demo_window.ctx.db).reviewer_chain[0]["lines"] == 2
    assert screen.chain.item(0, 2).text() == "๒"  # the stored value is shown again
    delegate = screen.chain.itemDelegateForColumn(2)
    cell = screen.chain.model().index(0, 2)
    editor = delegate.createEditor(screen.chain, QStyleOptionViewItem(), cell)
    assert (editor.minimum(), editor.maximum()) == (0, 10)


def test_results_name_indicators_and_the_field_in_error(demo_window):
    from PySide6.QtCore import QLocale

    demo_window.ctx.set_year(2568)
    demo_window.show_screen(1)
    screen = demo_window.current_screen()
    shown = screen.findings.itemDelegateForColumn(1)
    targets = [screen.findings.item(row, 1).text() for row in range(screen.findings.rowCount())]
    assert targets[:2] == ["ind4", "ind9"]  # stored and edited as codes, shown as named
    names = [shown.displayText(target, QLocale()) for target in targets]
    assert names[:2] == ["ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ", "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล"]
    header = screen.low_items.horizontalHeader()
    assert header.sectionSize(0) * 3 < header.sectionSize(1)  # รหัสข้อ is narrow
    screen.scores[2].setText("120")  # all ten are filled, one is wrong
    screen._show_live()
    assert "คะแนนตัวชี้วัดที่ ๓" in screen.summary.raw and "ครบ" not in screen.summary.raw


def test_chart_values_are_never_crossed_by_the_target_line(qtbot):
    from decimal import Decimal

    from PySide6.QtGui import QColor

    from itadesk.ui.widgets.bar_chart import _LOW, _TARGET, BarChart

    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(420, 260)
    chart.set_scores([Decimal("84.5")] + [Decimal(95)] * 9)  # bar 1 just under the line
    image = chart.grab().toImage()

    def red(x: int, y: int) -> bool:
        colour = QColor(image.pixel(x, y))
        return abs(colour.red() - _TARGET.red()) + abs(colour.green() - _TARGET.green()) < 60

    rows = range(image.height())
    line = max(rows, key=lambda y: sum(red(x, y) for x in range(image.width())))
    low = [x for x in range(image.width()) if QColor(image.pixel(x, image.height() - 40)) == _LOW]
    middle = (low[0] + low[-1]) // 2  # the value of bar 1 is centred over it
    crossed = [(x, y) for x in range(middle - 6, middle + 7) for y in (line - 1, line, line + 1)]
    assert not any(red(x, y) for x, y in crossed)


def test_failed_document_clears_the_preview_and_names_a_thai_file(qtbot, demo_window):
    demo_window.show_screen(4)
    screen = demo_window.current_screen()
    screen.choose("memo-measures")
    with qtbot.waitSignal(screen.previewReady, timeout=60000):
        screen.preview()
    assert screen.document.pageCount() > 0
    assert screen.default_file_name() == "บันทึกข้อความขออนุมัติมาตรการ-2569.pdf"
    screen.choose("progress", 9)
    assert screen.default_file_name() == "ตารางผลการดำเนินการรอบ-9-เดือน-2569.pdf"
    demo_window.ctx.set_year(2571)  # neither 2571 nor 2570 has scores
    screen.choose("analysis")
    with qtbot.waitSignal(screen.buildFailed, timeout=60000) as failed:
        screen.preview()
    assert screen.document.pageCount() == 0 and screen.pdf is None  # the old one is gone
    assert "ปีที่ได้ผลการประเมิน" in failed.args[0] and "๒๕๗๐" in failed.args[0]
    assert demo_window.last_error == failed.args[0]


def test_a_progress_document_of_an_empty_round_says_so(qtbot, demo_window):
    demo_window.show_screen(4)
    screen = demo_window.current_screen()
    screen.choose("progress", 6)  # the demo has round 6 entered
    with qtbot.waitSignal(screen.previewReady, timeout=60000):
        screen.preview()
    assert "คำเตือน" not in screen.state.raw
    screen.choose("progress", 3)
    with qtbot.waitSignal(screen.previewReady, timeout=60000):
        screen.preview()
    assert "คำเตือน: ยังไม่ได้บันทึกผลรอบ ๓ เดือนของมาตรการใดเลย" in screen.state.raw


def test_document_options_follow_the_registry(qtbot, demo_window):
    """Every registered kind is offered; only the options it honours can be changed."""
    from itadesk.services.kinds import REGISTRY

    demo_window.show_screen(4)
    screen = demo_window.current_screen()
    assert [screen.kind.itemData(i) for i in range(screen.kind.count())] == [
        k.key for k in REGISTRY
    ]
    screen.landscape.setChecked(True)
    for kind in REGISTRY:
        screen.choose(kind.key)
        assert screen.round.isEnabled() == kind.needs_round, kind.key
        assert screen.layout_choice.isEnabled() == ("layout" in kind.options), kind.key
        assert screen.landscape.isEnabled() == ("landscape" in kind.options), kind.key
        assert screen.answers.isVisibleTo(screen) == ("answers" in kind.options), kind.key
        assert screen.history.isVisibleTo(screen) == ("history" in kind.options), kind.key
        assert screen.options().landscape == ("landscape" in kind.options), kind.key
        assert screen.memo_box.isVisibleTo(screen) == bool(kind.memo), kind.key
    screen.choose("analysis")  # of 2568: the scores the demo's 2569 plan is built on
    assert screen.default_file_name() == "รายงานการวิเคราะห์ผลการประเมิน-2568.pdf"

"""เอกสาร: the office chooses, orders and renames a table's columns and the preview follows;
ติดตามผล then ticks the two states its table shows (issue 11 §1)."""

from PySide6.QtCore import Qt

from itadesk.services import office, progress
from itadesk.services.demo import PLAN_YEAR
from itadesk.ui.models.progress_model import STATUS
from itadesk.ui.widgets.column_chooser import KEY_ROLE
from tests.pdftext import flat, pdf_text


def tick(chooser, key: str, on: bool = True) -> None:
    items = [chooser.list.item(i) for i in range(chooser.list.count())]
    item = next(i for i in items if i.data(KEY_ROLE) == key)
    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def test_columns_chosen_on_the_documents_screen(qtbot, demo_window, tmp_path):
    demo_window.show_screen(4)
    screen = demo_window.current_screen()
    screen.choose("progress", 6)
    chooser = screen.columns
    keys = [chooser.list.item(i).data(KEY_ROLE) for i in range(chooser.list.count())]
    assert keys[:3] == ["measure", "steps", "status3"]  # the office has no set: three
    assert {"details", "outputs", "evidence", "status2", "targets"} <= set(keys)
    screen.layout_choice.setCurrentIndex(screen.layout_choice.findData("two"))
    screen.apply_layout()  # as picking it in the list does
    assert office.get_paperwork(demo_window.ctx.db).columns["progress"] == (
        "measure", "steps", "status2",
    )  # fmt: skip
    tick(chooser, "details")
    tick(chooser, "owner")
    screen.band.setText("กำกับติดตามการดำเนินงาน")
    with qtbot.waitSignal(screen.previewReady, timeout=60000):
        screen.band.editingFinished.emit()
    paperwork = office.get_paperwork(demo_window.ctx.db)
    assert paperwork.columns["progress"] == ("measure", "steps", "status2", "owner", "details")
    assert paperwork.headers["progress"]["status"] == "กำกับติดตามการดำเนินงาน"
    demo_window.grab().save(str(tmp_path / "documents.png"))  # looked at
    text = flat(pdf_text(screen.pdf, tmp_path))  # the preview follows
    assert "กำกับติดตามการดำเนินงาน" in text and "ผลการดำเนินการผู้รับผิดชอบ" not in text
    assert text.index("ผู้รับผิดชอบ") < text.index("สรุปสถานะ:ดำเนินการแล้ว")
    # two status kinds at once are refused in Thai and not kept
    tick(chooser, "status3")
    assert "status3" not in office.get_paperwork(demo_window.ctx.db).columns["progress"]
    assert "สถานะได้แบบเดียว" in demo_window.last_error
    # the measures table keeps its own choice
    screen.choose("measures")
    keys = [chooser.list.item(i).data(KEY_ROLE) for i in range(chooser.list.count())]
    assert "status2" not in keys and not screen.band.isEnabled()


def test_two_state_office_ticks_two_states(qtbot, demo_window):
    db = demo_window.ctx.db
    office.set_paperwork(db, columns={"progress": ["measure", "steps", "status2"]})
    demo_window.show_screen(3)
    screen = demo_window.current_screen()
    screen.reload()
    assert list(screen.model.labels.values()) == ["ยังไม่ดำเนินการ", "ดำเนินการแล้ว"]
    buttons = [b for b in screen.form.status.buttons() if b.isVisibleTo(screen.form)]
    assert [b.text() for b in buttons] == ["ยังไม่ดำเนินการ", "ดำเนินการแล้ว"]
    row = next(
        k for k, (_m, entry) in enumerate(screen.model.rows)
        if entry is None or entry.status == "not_started"
    )  # fmt: skip
    assert not screen.set_status(row, "in_progress")  # not a state this office ticks
    assert screen.set_status(row, "done")
    assert screen.model.data(screen.model.index(row, STATUS)) == "ดำเนินการแล้ว"
    counts = progress.counts_in(screen.model.labels, progress.round_counts(db, PLAN_YEAR, 6))
    assert set(counts) == {"not_started", "done"}
    assert "ดำเนินการแล้ว" in screen.counts.raw and "อยู่ระหว่าง" not in screen.counts.raw


def test_paperwork_dialog_saves_the_offices_shape(qtbot, demo_window, tmp_path):
    from itadesk.ui.screens.paperwork_dialog import PaperworkDialog

    db = demo_window.ctx.db
    dialog = PaperworkDialog(demo_window.ctx, demo_window)
    qtbot.addWidget(dialog)
    # the default title lines show, fields and all
    assert "{หน่วยงาน}" in dialog.titles["progress"].text()
    dialog.numbering.setCurrentIndex(dialog.numbering.findData("run_on"))
    dialog.marker.setCurrentIndex(dialog.marker.findData("๑."))
    dialog.era.setChecked(True)
    dialog.titles["progress"].set_text("รายงานผลรอบ {รอบ}\n{หน่วยงาน} จังหวัด{จังหวัด}")
    dialog.before["progress"].set_text("ที่ประชุมเห็นชอบเมื่อ ๑ มีนาคม")
    dialog.notes["IIT"].set_text("")
    dialog.findChildren(type(dialog.era))  # the dialog is whole
    dialog.add_section("ส่วนที่ ๑ คะแนน", "{สรุปผล}", "scores")
    dialog.add_section("ส่วนที่ ๒ แผน", "ที่ประชุมอนุมัติแผน", "plan")
    dialog.grab().save(str(tmp_path / "paperwork.png"))
    dialog.save()
    shape = office.get_paperwork(db)
    assert (shape.numbering, shape.step_marker, shape.memo_date_be) == ("run_on", "๑.", True)
    assert shape.titles["progress"] == ("รายงานผลรอบ {รอบ}", "{หน่วยงาน} จังหวัด{จังหวัด}")
    assert "measures" not in shape.titles  # the defaults are not stored
    assert [(s.title, s.block) for s in shape.sections] == [
        ("ส่วนที่ ๑ คะแนน", "scores"), ("ส่วนที่ ๒ แผน", "plan"),
    ]  # fmt: skip
    # an unknown field is refused in Thai and the dialog keeps what was typed
    again = PaperworkDialog(demo_window.ctx, demo_window)
    qtbot.addWidget(again)
    again.titles["measures"].set_text("มาตรการ ปี {ปี}")
    again.save()
    assert again.saved is None and "ไม่รู้จักช่อง {ปี}" in demo_window.last_error
    assert again.titles["measures"].text() == "มาตรการ ปี {ปี}"


def test_the_office_reorders_its_groups(qtbot, demo_window, tmp_path):
    """OIT moved to the top in รูปแบบเอกสาร: stored, and มาตรการ, ติดตามผล and ภาพรวม
    show the groups in that order."""
    from PySide6.QtWidgets import QPushButton, QTabWidget

    from itadesk.ui.screens.paperwork_dialog import PaperworkDialog

    db = demo_window.ctx.db
    dialog = PaperworkDialog(demo_window.ctx, demo_window)
    qtbot.addWidget(dialog)
    assert dialog.groups() == ["IIT", "EIT", "OIT"]
    dialog.group_order.setCurrentRow(2)
    dialog.move_group(-1)
    dialog.move_group(-1)
    dialog.move_group(-1)  # already first: stays
    assert dialog.groups() == ["OIT", "IIT", "EIT"]
    dialog.show()
    dialog.findChild(QTabWidget).setCurrentIndex(4)
    dialog.grab().save(str(tmp_path / "groups.png"))  # looked at
    dialog.save()
    assert office.get_paperwork(db).group_order == ("OIT", "IIT", "EIT")
    demo_window.show_screen(2)
    tree = demo_window.current_screen().model
    assert [group for group, _members in tree.groups] == ["OIT", "IIT", "EIT"]
    demo_window.show_screen(3)
    rows = demo_window.current_screen().model.rows
    assert list(dict.fromkeys(m.group for m, _entry in rows)) == ["OIT", "IIT", "EIT"]
    demo_window.show_screen(5)
    line = next(
        b.text() for b in demo_window.current_screen().findChildren(QPushButton)
        if b.property("screen") == "measures"
    )  # fmt: skip
    assert line.index("OIT") < line.index("IIT") < line.index("EIT")

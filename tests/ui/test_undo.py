"""Undo brings rows back as they were (uuid, place), and fails with a Thai message."""

import sys

from PySide6.QtCore import QSettings, Qt

from itadesk.bundle import export_bundle, import_bundle, verify_bundle
from itadesk.services import measures, office, progress, years
from itadesk.services.demo import RESULT_YEAR
from itadesk.ui import bundle_dialogs
from itadesk.ui.app import make_settings
from itadesk.ui.context import AppContext


def _delete_second_measure(window) -> str:
    db = window.ctx.db
    window.show_screen(2)
    screen = window.current_screen()
    chosen = measures.list_measures(db, 2569)[1]
    screen.tree.setCurrentIndex(screen.model.index_of(chosen.id))
    screen.delete()
    assert window.undo_action.isEnabled()
    return chosen.uuid


def test_undo_after_an_import_brought_the_row_back_reports_it(demo_window, tmp_path):
    db = demo_window.ctx.db
    bundle = export_bundle(db, tmp_path / "usb.zip", years=[]).path
    uuid = _delete_second_measure(demo_window)
    import_bundle(db, verify_bundle(bundle))  # the measure comes back from the other PC
    demo_window.ctx.undo()  # must not raise IntegrityError out of the Qt slot
    assert demo_window.last_error == "เลิกทำไม่ได้: ข้อมูลนี้มีอยู่แล้ว (อาจมาจากการนำเข้า)"
    assert not demo_window.undo_action.isEnabled()
    assert [m.uuid for m in measures.list_measures(db, 2569)].count(uuid) == 1


def test_importing_forgets_undo_steps_and_reloads(demo_window, monkeypatch):
    _delete_second_measure(demo_window)
    new = measures.add_measure(demo_window.ctx.db, 2569, measures.MeasureInput("มาตรการใหม่"))

    def run(dialog: bundle_dialogs.ImportDialog) -> int:
        dialog.imported.emit(None)
        return 0

    monkeypatch.setattr(bundle_dialogs.ImportDialog, "exec", run)
    demo_window.import_action.trigger()
    assert not demo_window.undo_action.isEnabled()
    assert demo_window.current_screen().model.index_of(new.id).isValid()  # shown at once


def test_undo_keeps_a_failed_write_for_another_try(db):
    ctx = AppContext(db, 2569)
    errors: list[str] = []
    ctx.failed.connect(errors.append)

    def disk_full() -> None:
        raise OSError(28, "No space left on device")

    ctx.push_undo("ลบ", disk_full)
    ctx.undo()
    assert "ดิสก์เต็ม" in errors[0]
    assert ctx.undo_label() == "ลบ"


def test_deleted_finding_comes_back_with_its_uuid_and_place(demo_window):
    db = demo_window.ctx.db
    demo_window.ctx.set_year(RESULT_YEAR)
    demo_window.show_screen(1)
    screen = demo_window.current_screen()
    before = [f.uuid for f in years.get_result(db, RESULT_YEAR).findings]
    assert len(before) >= 3
    screen.findings.setCurrentCell(1, 0)
    screen._remove_finding()
    assert [f.uuid for f in years.get_result(db, RESULT_YEAR).findings] == before[:1] + before[2:]
    demo_window.undo_action.trigger()
    assert [f.uuid for f in years.get_result(db, RESULT_YEAR).findings] == before
    assert screen.findings.rowCount() == len(before)
    assert demo_window.last_error == ""


def test_deleted_unit_comes_back_with_its_uuid_and_place(demo_window):
    db = demo_window.ctx.db
    demo_window.show_screen(0)
    screen = demo_window.current_screen()
    before = [u.uuid for u in office.list_units(db)]
    screen.units.setCurrentRow(0)
    screen.remove_unit()
    assert len(office.list_units(db)) == len(before) - 1
    demo_window.undo_action.trigger()
    assert [u.uuid for u in office.list_units(db)] == before
    assert screen.units.item(0).data(Qt.ItemDataRole.UserRole) == office.list_units(db)[0].id


def test_removed_attachment_comes_back_with_its_uuid_and_place(demo_window, tmp_path):
    db = demo_window.ctx.db
    demo_window.show_screen(3)
    screen = demo_window.current_screen()
    for name in ("a.pdf", "b.pdf", "c.pdf"):
        (tmp_path / name).write_bytes(name.encode())
        screen.form.attach(tmp_path / name)

    def attached() -> list[str]:
        measure = next(m for m in measures.list_measures(db, 2569) if m.id == screen.current().id)
        entry = progress.entry_for(measure, screen.round_months)
        return [a.uuid for a in entry.attachments] if entry else []

    before = attached()
    assert len(before) >= 3
    screen.form.files.setCurrentRow(len(before) - 2)
    screen.form.remove_file()
    assert attached() == before[:-2] + before[-1:]
    demo_window.undo_action.trigger()
    assert attached() == before
    assert screen.form.files.count() == len(before)
    assert demo_window.last_error == ""


def test_low_items_are_checked_by_the_service(demo_window):
    db = demo_window.ctx.db
    demo_window.ctx.set_year(RESULT_YEAR)
    demo_window.show_screen(1)
    screen = demo_window.current_screen()
    screen.low_items.add_row(["i4", "ข้อคำถาม", "๔๕.๕"])
    screen._save_low_items()
    assert years.get_result(db, RESULT_YEAR).low_items == [
        {"code": "i4", "text": "ข้อคำถาม", "score": "45.5"}
    ]
    screen.low_items.add_row(["e3", "เกินร้อย", "120"])
    screen._save_low_items()
    assert "ระหว่าง ๐ ถึง ๑๐๐" in demo_window.last_error
    assert screen.low_items.item(1, 2).text() == "120"  # kept, to be corrected
    assert len(years.get_result(db, RESULT_YEAR).low_items) == 1


def test_portable_copy_keeps_its_settings_in_the_data_folder(monkeypatch, tmp_path):
    exe = tmp_path / "ITADesk.exe"
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert make_settings(tmp_path / "data").format() == QSettings.Format.NativeFormat
    (tmp_path / "portable.txt").write_text("")
    settings = make_settings(tmp_path / "data")
    assert settings.format() == QSettings.Format.IniFormat
    assert settings.fileName() == str(tmp_path / "data" / "settings.ini")


def test_text_being_typed_is_saved_before_an_undo(demo_window):
    db = demo_window.ctx.db
    demo_window.show_screen(2)
    screen = demo_window.current_screen()
    listed = measures.list_measures(db, 2569)
    screen.tree.setCurrentIndex(screen.model.index_of(listed[1].id))
    screen.delete()
    screen.tree.setCurrentIndex(screen.model.index_of(listed[2].id))
    screen.form.title.setFocus()
    screen.form.title.setPlainText("ชื่อที่พิมพ์ค้างไว้")  # typed, field not left yet
    demo_window.undo_action.trigger()
    titles = {m.title for m in measures.list_measures(db, 2569)}
    assert "ชื่อที่พิมพ์ค้างไว้" in titles and listed[1].title in titles

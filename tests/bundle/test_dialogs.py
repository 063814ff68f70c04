import threading

from PySide6.QtCore import Qt

from itadesk.bundle import Progress
from itadesk.services import measures, office
from itadesk.ui.bundle_dialogs import ExportDialog, ImportDialog

from ..winsim import write_protected


def test_export_then_import_through_the_dialogs(qtbot, evidence_db, other_db, tmp_path):
    export = ExportDialog(evidence_db)
    qtbot.addWidget(export)
    assert export.chosen_years() == [2569]
    export.folder.setText(str(tmp_path))
    with qtbot.waitSignal(export.exported, timeout=30_000) as exported:
        qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not export.busy())
    path = exported.args[0].path
    assert path.exists() and "ตรวจสอบจากแฟลชไดรฟ์แล้วถูกต้อง" in export.status.raw

    office.update_office(other_db, name="อื่น")
    dialog = ImportDialog(other_db)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=30_000):
        dialog.load(path)
    qtbot.waitUntil(lambda: not dialog.busy())
    assert dialog.preview.topLevelItemCount() > 2
    dialog.preview.setFixedWidth(320)  # narrow: the long first line wraps, nothing is cut
    dialog.show()
    qtbot.waitExposed(dialog)
    first = dialog.preview.topLevelItem(0)
    rect = dialog.preview.visualItemRect(first)
    assert first.toolTip(0).startswith("ชุดข้อมูลของ") and "ITADesk" in first.toolTip(0)
    assert rect.right() <= dialog.preview.viewport().width()
    assert rect.height() >= 2 * dialog.preview.fontMetrics().height()
    assert dialog.other_office.isVisibleTo(dialog) and not dialog.import_button.isEnabled()
    dialog.other_office.setChecked(True)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=30_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy())
    assert "นำเข้าแล้ว" in dialog.status.raw and dialog.progress.value() == 1000
    assert len(measures.list_measures(other_db, 2569)) == 15


def test_export_dialog_shows_refusal(qtbot, evidence_db, tmp_path):
    export = ExportDialog(evidence_db)
    qtbot.addWidget(export)
    export.folder.setText(str(tmp_path / "no-such-stick"))
    with qtbot.waitSignal(export.failed, timeout=5_000) as failed:
        qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    assert "ไม่พบโฟลเดอร์ปลายทาง" in failed.args[0]
    assert export.export_button.isEnabled() and not (tmp_path / "no-such-stick").exists()


def test_export_dialog_reports_failure_from_the_worker(qtbot, evidence_db, tmp_path, monkeypatch):
    write_protected(monkeypatch, tmp_path)
    export = ExportDialog(evidence_db)
    qtbot.addWidget(export)
    export.folder.setText(str(tmp_path))
    with qtbot.waitSignal(export.failed, timeout=30_000) as failed:
        qtbot.mouseClick(export.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not export.busy())
    assert "อ่านอย่างเดียว" in failed.args[0] and export.export_button.isEnabled()


def test_cancel_is_disabled_past_the_point_of_no_return(qtbot, evidence_db):
    dialog = ExportDialog(evidence_db)
    qtbot.addWidget(dialog)
    release, results = threading.Event(), []

    def work(progress, cancel):
        progress(Progress(1, 2, "กำลังบันทึกไฟล์ชุดข้อมูล", final=True))
        release.wait(10)
        return cancel()

    dialog._start(work, results.append)
    qtbot.waitUntil(lambda: not dialog.close_button.isEnabled())
    dialog.reject()  # Esc while the file is renamed: nothing to cancel any more
    assert dialog.busy() and "ยกเลิก" not in dialog.status.raw
    release.set()
    qtbot.waitUntil(lambda: not dialog.busy())
    assert results == [False] and dialog.close_button.isEnabled()


class _Volume:
    def __init__(self, root: str, read_only: bool = False) -> None:
        self.root, self.read_only = root, read_only

    def rootPath(self) -> str:
        return self.root

    def isReadOnly(self) -> bool:
        return self.read_only

    def isValid(self) -> bool:
        return True

    isReady = isValid


def test_a_writable_stick_comes_before_a_read_only_volume(monkeypatch):
    from itadesk.ui import bundle_dialogs

    volumes = [_Volume("/"), _Volume("/media/dvd", read_only=True), _Volume("/media/stick"),
               _Volume("/home")]  # fmt: skip

    class Storage:
        def __init__(self, path: str = "/") -> None:
            self.path = "/home" if path.startswith("/home") else "/"

        def rootPath(self) -> str:
            return self.path

        @staticmethod
        def root() -> "Storage":
            return Storage()

        @staticmethod
        def mountedVolumes() -> list[_Volume]:
            return volumes

    monkeypatch.setattr(bundle_dialogs, "QStorageInfo", Storage)
    monkeypatch.setattr(bundle_dialogs.QDir, "homePath", staticmethod(lambda: "/home/clerk"))
    found = [v.rootPath() for v in bundle_dialogs.removable_volumes()]
    assert found == ["/media/stick", "/media/dvd"]


def test_drives_are_listed_off_the_ui_thread(qtbot, evidence_db, monkeypatch):
    """A disconnected network drive makes mountedVolumes() wait: never on the UI thread."""
    from PySide6.QtCore import QStorageInfo

    from itadesk.ui import bundle_dialogs

    threads = []
    real = QStorageInfo.mountedVolumes

    def watched():
        threads.append(threading.current_thread() is threading.main_thread())
        return real()

    monkeypatch.setattr(bundle_dialogs.QStorageInfo, "mountedVolumes", staticmethod(watched))
    dialog = ExportDialog(evidence_db)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.drives.isEnabled(), timeout=10_000)
    assert threads == [False]
    assert dialog.drives.currentText() != "กำลังค้นหาแฟลชไดรฟ์…"


def test_drive_roots_are_native_on_windows(monkeypatch):
    from itadesk.ui import bundle_dialogs

    assert bundle_dialogs.native_root("E:/") == "E:/"
    monkeypatch.setattr("sys.platform", "win32")
    assert bundle_dialogs.native_root("E:/") == "E:\\"

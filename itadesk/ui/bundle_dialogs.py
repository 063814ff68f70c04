"""Export and import dialogs for the USB bundle; the work itself is ``itadesk.bundle``.

Long work runs in a ``QThread``; the bundle functions report ``Progress`` steps, which become
signals, and poll a cancel flag. Nothing here decides what is written.
"""

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDir, QStorageInfo, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from itadesk.bundle.format import CancelFn, Progress, ProgressFn, megabytes
from itadesk.db.database import Database
from itadesk.domain.numerals import digits
from itadesk.errors import UserError
from itadesk.ui.i18n import _
from itadesk.ui.tasks import Task
from itadesk.ui.widgets.common import WrapLabel, WrapTree

Work = Callable[[ProgressFn, CancelFn], Any]


class BundleTask(QThread):
    """Runs one bundle function off the UI thread; cancel() asks it to stop."""

    progressed = Signal(int, str, bool)  # per mille, what is happening, no cancel any more
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Work, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()

    def run(self) -> None:
        try:
            result = self._work(self._report, self._cancel.is_set)
        except UserError as error:
            self.failed.emit(str(error))
        except Exception as error:  # a bug: say so instead of dying silently
            detail = f"{type(error).__name__}: {error}"
            self.failed.emit(_("เกิดข้อผิดพลาดของโปรแกรม ({error})").format(error=detail))
        else:
            self.succeeded.emit(result)

    def _report(self, step: Progress) -> None:
        self.progressed.emit(int(step.fraction * 1000), step.text, step.final)

    def cancel(self) -> None:
        self._cancel.set()


def removable_volumes() -> list[QStorageInfo]:
    """Mounted drives that look like sticks or external disks (not the system drive)."""
    system = QStorageInfo.root().rootPath()
    home = QStorageInfo(QDir.homePath()).rootPath()
    found = []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if not (volume.isValid() and volume.isReady()) or root in (system, home):
            continue
        if sys.platform != "win32" and not root.startswith(("/media/", "/run/media/", "/mnt/")):
            continue
        found.append(volume)
    # the one a clerk most likely means first: writable, then a stick before a fixed disk
    return sorted(found, key=lambda v: (v.isReadOnly(), not _removable(v.rootPath())))


def native_root(root: str) -> str:
    """A drive's root as Windows writes it: ``E:\\`` for Qt's ``E:/``."""
    return root.replace("/", "\\") if sys.platform == "win32" else root


def drive_choices() -> list[tuple[str, str]]:
    """(label, root) of each stick, for the drop-down. Slow: a disconnected network drive
    can take many seconds to answer, so the dialog runs this off the UI thread."""
    choices = []
    for volume in removable_volumes():
        label = volume.displayName() or volume.rootPath()
        free = megabytes(volume.bytesAvailable())
        note = _(" (อ่านอย่างเดียว)") if volume.isReadOnly() else ""
        text = _("{label} ({root}) ว่าง {free}{note}").format(
            label=label, root=native_root(volume.rootPath()), free=free, note=note
        )
        choices.append((text, volume.rootPath()))
    return choices


def _removable(root: str) -> bool:
    """Whether Windows calls the drive removable (elsewhere every candidate counts as one)."""
    if sys.platform != "win32":
        return True
    import ctypes

    try:  # Qt gives "E:/"; Windows wants "E:\\"
        return ctypes.windll.kernel32.GetDriveTypeW(native_root(root)) == 2  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return True


class _WorkDialog(QDialog):
    """Shared parts: a progress bar, a status line and a cancel/close button."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.task: BundleTask | None = None
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.status = WrapLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton(_("ปิด"))
        self.close_button.clicked.connect(self._close_or_cancel)

    def _start(self, work: Work, done: Callable[[Any], None]) -> None:
        self.task = BundleTask(work, self)
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(lambda _result: self.progress.setValue(1000))
        self.task.succeeded.connect(done)
        self.task.failed.connect(self._failed)
        self.task.finished.connect(self._finished)
        self.close_button.setText(_("ยกเลิก"))
        self._set_busy(True)
        self.progress.setValue(0)
        self.task.start()

    def _set_busy(self, busy: bool) -> None:
        raise NotImplementedError

    def _progressed(self, value: int, text: str, final: bool) -> None:
        self.progress.setValue(value)
        if final:  # the transaction or the rename has started: it can no longer be cancelled
            self.close_button.setEnabled(False)
        if text:
            self.status.set_thai(text)

    def _failed(self, message: str) -> None:
        self.status.set_thai(message)
        self.status.setStyleSheet("color: #b00020")
        self.failed.emit(message)

    def _finished(self) -> None:
        self.close_button.setText(_("ปิด"))
        self.close_button.setEnabled(True)
        self._set_busy(False)
        self.task = None

    def busy(self) -> bool:
        """True from the start of a task until its ``finished`` signal has been handled."""
        return self.task is not None

    def _close_or_cancel(self) -> None:
        if not self.busy():
            self.accept()
        elif self.close_button.isEnabled():  # disabled: cancelling, or past the point of no return
            assert self.task is not None
            self.task.cancel()
            self.close_button.setEnabled(False)
            self.status.set_thai(_("กำลังยกเลิก…"))

    def reject(self) -> None:  # Esc or the window's close button
        if self.busy():
            self._close_or_cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
        super().done(result)


class ExportDialog(_WorkDialog):
    """Choose a stick (or any folder) and the years of the printed documents, then export."""

    exported = Signal(object)  # ExportResult
    failed = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        from itadesk.services.years import list_years

        super().__init__(parent)
        self.db = db
        self.setWindowTitle(_("ส่งออกชุดข้อมูลไปยังแฟลชไดรฟ์"))
        self.drives = QComboBox()
        self.refresh_button = QPushButton(_("ค้นหาใหม่"))
        self.refresh_button.clicked.connect(self.refresh_drives)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(_("โฟลเดอร์ปลายทาง"))
        self.browse_button = QPushButton(_("เลือกโฟลเดอร์อื่น…"))
        self.browse_button.clicked.connect(self._browse)
        self.drives.currentIndexChanged.connect(self._drive_chosen)
        self.years = QListWidget()
        years = list_years(db)
        for year in years:
            item = QListWidgetItem(_("ปีงบประมาณ {year}").format(year=digits(year)))
            item.setData(Qt.ItemDataRole.UserRole, year)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if year == max(years) else Qt.CheckState.Unchecked
            )
            self.years.addItem(item)
        self.years.setMaximumHeight(110)
        self.export_button = QPushButton(_("ส่งออก"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("แฟลชไดรฟ์ที่เสียบอยู่:")))
        row = QHBoxLayout()
        row.addWidget(self.drives, 1)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)
        layout.addWidget(QLabel(_("พิมพ์เอกสาร (PDF) ของปีงบประมาณ (ข้อมูลทุกปีจะถูกส่งออกเสมอ):")))
        layout.addWidget(self.years)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(560, 380)
        self.refresh_drives()

    def refresh_drives(self) -> None:
        """List the sticks in the thread pool; the drop-down fills when they are known."""
        self.drives.clear()
        self.drives.addItem(_("กำลังค้นหาแฟลชไดรฟ์…"), "")
        self.drives.setEnabled(False)
        self.refresh_button.setEnabled(False)
        self._drive_search = Task(drive_choices)
        self._drive_search.signals.done.connect(self._show_drives)
        self._drive_search.signals.failed.connect(lambda _message: self._show_drives([]))
        self._drive_search.start()

    def _show_drives(self, choices: list[tuple[str, str]]) -> None:
        self.drives.blockSignals(True)
        self.drives.clear()
        self.drives.setEnabled(not self.busy())
        self.refresh_button.setEnabled(not self.busy())
        for text, root in choices:
            self.drives.addItem(text, root)
        if not self.drives.count():
            self.drives.addItem(_("ไม่พบแฟลชไดรฟ์: เสียบแล้วกด ค้นหาใหม่ หรือเลือกโฟลเดอร์อื่น"), "")
        self.drives.blockSignals(False)
        if not self.folder.text():  # a folder typed while the search ran stays
            self._drive_chosen()

    def _drive_chosen(self, _index: int = 0) -> None:
        root = self.drives.currentData()
        if root:
            self.folder.setText(root)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("เลือกโฟลเดอร์ปลายทาง"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def chosen_years(self) -> list[int]:
        return [
            self.years.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.years.count())
            if self.years.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.drives, self.refresh_button, self.folder, self.browse_button,
                       self.years, self.export_button):  # fmt: skip
            widget.setEnabled(not busy)

    def start_export(self) -> None:
        from itadesk.bundle import export_bundle

        text = self.folder.text().strip()
        if not text:
            self._failed(_("โปรดเลือกแฟลชไดรฟ์หรือโฟลเดอร์ปลายทาง"))
            return
        target, years = Path(text), self.chosen_years()
        if not target.is_dir():
            self._failed(
                _("ไม่พบโฟลเดอร์ปลายทาง {target}: โปรดเสียบแฟลชไดรฟ์หรือเลือกโฟลเดอร์อื่น").format(
                    target=target
                )
            )
            return
        self.status.setStyleSheet("")
        self.status.set_thai(_("กำลังเริ่ม…"))
        self._start(
            lambda progress, cancel: export_bundle(self.db, target, years, progress, cancel),
            self._exported,
        )

    def _exported(self, result: Any) -> None:
        lines = [
            _("บันทึกแล้ว: {path} ({size}) {checked}").format(
                path=result.path, size=megabytes(result.size), checked=result.checked
            )
        ]
        lines += [_("คำเตือน: {warning}").format(warning=w) for w in result.warnings]
        self.status.set_thai("\n".join(lines))
        self.exported.emit(result)


class ImportDialog(_WorkDialog):
    """Choose a bundle, see what it adds, changes and keeps, then import it."""

    previewed = Signal(object)  # ImportPlan
    imported = Signal(object)  # ImportResult
    failed = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.bundle: Any = None
        self.plan: Any = None
        self.setWindowTitle(_("นำเข้าชุดข้อมูลจากแฟลชไดรฟ์"))
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(_("ไฟล์ชุดข้อมูล (.zip)"))
        self.browse_button = QPushButton(_("เลือกไฟล์…"))
        self.browse_button.clicked.connect(self._browse)
        self.preview = WrapTree(_("สิ่งที่จะเกิดขึ้นเมื่อนำเข้า"))
        self.other_office = QCheckBox()
        self.other_office.setVisible(False)
        self.other_office.toggled.connect(self._update_import_button)
        self.import_button = QPushButton(_("นำเข้า"))
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.status.set_thai(
            _("กด «เลือกไฟล์…» แล้วเลือกไฟล์ชุดข้อมูล (.zip) ที่ส่งออกจากอีกเครื่อง "
              "โปรแกรมจะแสดงสิ่งที่จะเพิ่ม เปลี่ยน และคงไว้ ให้ตรวจดูก่อนนำเข้า")
        )  # fmt: skip

        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.other_office)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.resize(640, 520)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("เลือกไฟล์ชุดข้อมูล"), self.path.text(), _("ชุดข้อมูล ITADesk (*.zip)")
        )
        if chosen:
            self.load(Path(chosen))

    def load(self, path: Path) -> None:
        """Verify a bundle and show the preview (off the UI thread)."""
        from itadesk.bundle import plan_import, verify_bundle

        self.path.setText(str(path))
        self.preview.clear()
        self.bundle = self.plan = None
        self.status.setStyleSheet("")
        self.status.set_thai(_("กำลังตรวจสอบชุดข้อมูล…"))

        def work(progress: ProgressFn, cancel: CancelFn) -> tuple[Any, Any]:
            bundle = verify_bundle(path, progress, cancel)
            return bundle, plan_import(self.db, bundle)

        self._start(work, self._show_plan)

    def _show_plan(self, result: tuple[Any, Any]) -> None:
        self.bundle, self.plan = result
        plan = self.plan
        self.preview.clear()
        lines = [plan.preview_lines()[0]]
        lines += [_("คำเตือน: {warning}").format(warning=warning) for warning in plan.warnings]
        if plan.is_noop:
            lines.append(_("ไม่มีอะไรเปลี่ยนแปลง: ข้อมูลในเครื่องนี้มีครบตามชุดข้อมูลแล้ว"))
        line = WrapTree.line
        self.preview.addTopLevelItems([line(text) for text in lines])
        for section in plan.sections():
            kept = len(section.kept) + section.unchanged
            top = line(_("{title}: เพิ่ม {added} เปลี่ยน {changed} คงไว้ {kept}").format(
                title=section.title, added=digits(len(section.added)),
                changed=digits(len(section.changed)), kept=digits(kept),
            ))  # fmt: skip
            for prefix, changes in ((_("เพิ่ม"), section.added), (_("เปลี่ยน"), section.changed)):
                for change in changes:
                    top.addChild(line(f"{prefix} {change.label}"))
            kept_text = _("คงไว้ {label} ({reason})")
            for change in section.kept:
                top.addChild(line(kept_text.format(label=change.label, reason=change.reason)))
            self.preview.addTopLevelItem(top)
            top.setExpanded(bool(section.added or section.changed))
        if plan.new_files:
            size = megabytes(sum(e.size for e in plan.new_files))
            self.preview.addTopLevelItem(line(_("ไฟล์หลักฐานใหม่ {count} ไฟล์ ({size})").format(
                count=digits(len(plan.new_files)), size=size
            )))  # fmt: skip
        self.other_office.setChecked(False)
        self.other_office.setVisible(plan.other_office)
        self.other_office.setText(
            _(
                "ชุดข้อมูลนี้เป็นของ{bundle} ไม่ใช่ของ{local}: "
                "ยืนยันว่าต้องการนำเข้าข้อมูลของหน่วยงานอื่น"
            ).format(bundle=plan.office_name, local=plan.local_office_name)
        )
        self.status.set_thai(plan.summary() if not plan.is_noop else _("ไม่มีอะไรต้องนำเข้า"))
        self.previewed.emit(plan)

    def _update_import_button(self) -> None:
        ready = self.plan is not None and not self.plan.is_noop and not self.busy()
        if self.plan is not None and self.plan.other_office:
            ready = ready and self.other_office.isChecked()
        self.import_button.setEnabled(ready)

    def _set_busy(self, busy: bool) -> None:
        self.browse_button.setEnabled(not busy)
        self.other_office.setEnabled(not busy)
        if busy:
            self.import_button.setEnabled(False)
        else:
            self._update_import_button()

    def _finished(self) -> None:
        super()._finished()
        self._update_import_button()

    def start_import(self) -> None:
        from itadesk.bundle import import_bundle

        if self.bundle is None:
            return
        bundle, confirmed = self.bundle, self.other_office.isChecked()
        self.status.setStyleSheet("")
        self._start(
            lambda progress, cancel: import_bundle(self.db, bundle, confirmed, progress, cancel),
            self._imported,
        )

    def _imported(self, result: Any) -> None:
        self.plan = None
        text = (
            _("ไม่มีอะไรต้องนำเข้า")
            if result.plan.is_noop
            else _("นำเข้าแล้ว: {summary}").format(summary=result.plan.summary())
        )
        if result.backup:
            text += "\n" + _("สำรองฐานข้อมูลก่อนนำเข้าไว้ที่ {path}").format(path=result.backup)
        self.status.set_thai(text)
        self.imported.emit(result)

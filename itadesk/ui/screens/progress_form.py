"""What was done for one measure at one round: status, texts and evidence files."""

from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from itadesk.db.models import STATUSES, Attachment, Measure, ProgressEntry
from itadesk.services import progress
from itadesk.services.progress import STATUS_LABELS, ProgressInput
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import N_, _
from itadesk.ui.widgets.common import CommitTextEdit, WrapLabel, button_row

TEXTS = (
    ("done_text", N_("สิ่งที่ดำเนินการ")),
    ("outputs", N_("ผลผลิต")),
    ("outcomes", N_("ผลลัพธ์")),
    ("evidence", N_("หลักฐาน")),
    ("remark", N_("หมายเหตุ")),
)


def input_of(entry: ProgressEntry | None) -> ProgressInput:
    if entry is None:
        return ProgressInput()
    return ProgressInput(entry.status, *(getattr(entry, name) for name, _label in TEXTS))


class ProgressForm(QWidget):
    """Saves each change at once; ``saved`` carries the measure id and the new entry."""

    saved = Signal(int, object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round = 6
        self.measure: Measure | None = None
        self._stored = ProgressInput()
        self.title = WrapLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.steps = WrapLabel()
        self.labels = STATUS_LABELS
        self.status = QButtonGroup(self)
        status_row = QHBoxLayout()
        for number, status in enumerate(STATUSES):
            button = QRadioButton(STATUS_LABELS[status])
            self.status.addButton(button, number)
            status_row.addWidget(button)
        status_row.addStretch()
        self.status.idClicked.connect(lambda _id: self.commit())
        self.texts = {name: CommitTextEdit(lines=2) for name, _label in TEXTS}
        for edit in self.texts.values():
            edit.editingFinished.connect(self.commit)
        self.texts["evidence"].setPlaceholderText(_("เช่น ตรวจสอบได้จากเว็บไซต์ของหน่วยงาน"))
        self.files = QListWidget()
        self.files.setFixedHeight(self.files.fontMetrics().lineSpacing() * 4 + 12)
        self.files.itemActivated.connect(lambda _item: self.open_file())
        form = QFormLayout()
        form.addRow(_("สถานะ"), status_row)
        for name, label in TEXTS:
            form.addRow(_(label), self.texts[name])
        form.addRow(_("ไฟล์หลักฐาน"), self.files)
        form.addRow(
            "",
            button_row(
                self,
                [(_("แนบไฟล์…"), self.attach), (_("เปิดไฟล์"), self.open_file),
                 (_("นำไฟล์ออก"), self.remove_file)],
            ),
        )  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.steps)
        layout.addLayout(form)
        layout.addStretch()
        self.setEnabled(False)

    def show_entry(self, measure: Measure | None, entry: ProgressEntry | None) -> None:
        self.measure = measure
        self.setEnabled(measure is not None)
        self._stored = input_of(entry)
        self.title.set_thai(measure.title if measure else "")
        steps = "\n".join(f"• {s}" for s in measure.steps) if measure else ""
        self.steps.set_thai(steps)
        shown = self._stored.status if self._stored.status in self.labels else "done"
        self.status.button(STATUSES.index(shown)).setChecked(True)
        for name, edit in self.texts.items():
            edit.set_text(getattr(self._stored, name))
        self._stored = self.current_input()
        self.files.clear()
        for attachment in entry.attachments if entry else []:
            item = QListWidgetItem(attachment.filename)
            item.setData(256, attachment)
            self.files.addItem(item)

    def set_labels(self, labels: dict[str, str]) -> None:
        """The states the office ticks (two or three), each radio button named as printed."""
        self.labels = labels
        for number, status in enumerate(STATUSES):
            button = self.status.button(number)
            button.setVisible(status in labels)
            button.setText(_(labels.get(status, STATUS_LABELS[status])))

    def current_input(self) -> ProgressInput:
        status = STATUSES[max(0, self.status.checkedId())]
        if status == "done" and self._stored.status not in self.labels:
            status = self._stored.status  # อยู่ระหว่าง… stays: it prints as ดำเนินการแล้ว too
        return ProgressInput(status, *(self.texts[name].text() for name, _label in TEXTS))

    def commit(self) -> None:
        if self.measure is None:
            return
        data = self.current_input()
        if data == self._stored:
            return
        entry = self.ctx.call(progress.set_progress, self.measure.id, self.round, data)
        if entry is None:  # refused or not written: keep what was typed, the next edit retries
            return
        self._stored = data
        self.saved.emit(self.measure.id, entry)

    def _chosen(self) -> Attachment | None:
        item = self.files.currentItem()
        if item is None:
            self.ctx.message.emit(_("เลือกไฟล์หลักฐานในรายการก่อน"))
            return None
        return item.data(256)

    def attach(self, path: Path | None = None) -> None:
        """Attach an evidence file (a file dialog unless ``path`` is given)."""
        if self.measure is None:
            return
        if path is None:
            name, _filter = QFileDialog.getOpenFileName(
                self, _("เลือกไฟล์หลักฐาน"), str(self.ctx.start_folder())
            )
            if not name:
                return
            path = Path(name)
            self.ctx.used_file(path)
        self.commit()
        if self.ctx.call(progress.attach_file, self.measure.id, self.round, path) is not None:
            self.ctx.message.emit(_("แนบไฟล์ {name} แล้ว").format(name=path.name))
            self.saved.emit(self.measure.id, None)

    def open_file(self) -> None:
        attachment = self._chosen()
        if attachment is None:
            return
        path = progress.attachment_path(self.ctx.db, attachment.sha256)
        if not path.exists():
            self.ctx.failed.emit(_("ไม่พบไฟล์ {name} ในโฟลเดอร์ข้อมูล").format(name=attachment.filename))
            return
        copy = self.ctx.copies.copy(path, attachment.filename)  # removed when the app closes
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy)))

    def remove_file(self) -> None:
        attachment, measure = self._chosen(), self.measure
        if attachment is None or measure is None:
            return
        snapshot = self.ctx.call(progress.delete_attachment, attachment.id)
        if snapshot is None:
            return

        def restore() -> None:
            progress.restore_attachment(self.ctx.db, snapshot)
            self.saved.emit(measure.id, None)

        self.ctx.push_undo(_("นำไฟล์ {name} ออก").format(name=attachment.filename), restore)
        self.saved.emit(measure.id, None)

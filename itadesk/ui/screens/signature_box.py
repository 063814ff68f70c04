"""The signature image of the person chosen in the people table (หน่วยงาน)."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from itadesk.db.models import Person
from itadesk.services import office, signatures
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import _
from itadesk.ui.widgets.common import WrapLabel, ask_image, button_row

PREVIEW = (220, 64)


class SignatureBox(QGroupBox):
    """Choose or remove a signature image; says that printing it is the office's decision."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("ภาพลายมือชื่อ (ไม่บังคับ)"), parent)
        self.ctx = ctx
        self.person_id: int | None = None
        self.whose = QLabel()
        self.preview = QLabel()
        self.preview.setFixedSize(*PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QLabel.Shape.StyledPanel)
        self.note = WrapLabel(
            _(
                "การพิมพ์ภาพลายมือชื่อแทนการลงนามด้วยปากกาเป็นการตัดสินใจของหน่วยงานเอง "
                "ภาพจะพิมพ์เหนือชื่อในบันทึกข้อความเฉพาะฉบับที่เลือก «พิมพ์ภาพลายมือชื่อเหนือชื่อ» "
                "ที่หน้าเอกสาร ภาพ PNG หรือ JPEG พื้นขาวจะถูกทำให้โปร่งใสและตัดขอบให้อัตโนมัติ"
            )
        )
        self.buttons = button_row(
            self,
            [(_("เลือกภาพ…"), self.choose), (_("นำภาพออก"), self.remove)],
        )  # fmt: skip
        layout = QVBoxLayout(self)  # one column: narrow enough for a 1024 px window
        layout.addWidget(self.whose)
        layout.addWidget(self.preview)
        layout.addLayout(self.buttons)
        layout.addWidget(self.note)
        self.show_person(None)

    def show_person(self, person_id: int | None) -> None:
        """Show the signature of the person with this id (None: nobody chosen)."""
        person = next((p for p in office.list_people(self.ctx.db) if p.id == person_id), None)
        self.person_id = person.id if person else None
        self._show(person)

    def _show(self, person: Person | None) -> None:
        self.setEnabled(person is not None)
        self.whose.setText(person.name if person else _("เลือกบุคลากรในตารางด้านบนก่อน"))
        pixmap = QPixmap()
        if person is not None and person.signature and pixmap.loadFromData(person.signature):
            self.preview.setPixmap(
                pixmap.scaled(PREVIEW[0] - 8, PREVIEW[1] - 8, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
            )  # fmt: skip
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("ไม่มีภาพ"))

    def choose(self, path: Path | None = None) -> None:
        """Pick the image file (a file dialog unless ``path`` is given)."""
        if self.person_id is None:
            return
        path = path or ask_image(self, self.ctx, _("เลือกภาพลายมือชื่อ"))
        if path is None:
            return
        if self.ctx.call(signatures.set_signature, self.person_id, path) is not None:
            self.show_person(self.person_id)
            self.ctx.message.emit(_("บันทึกภาพลายมือชื่อแล้ว"))

    def remove(self) -> None:
        if self.person_id is not None:
            self.ctx.call(signatures.set_signature, self.person_id, None)
            self.show_person(self.person_id)

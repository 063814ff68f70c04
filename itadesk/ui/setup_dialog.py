"""The first run's guided setup: the office, its อำเภอ and จังหวัด, the clerk and the chain."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from itadesk.services import office
from itadesk.services.office import Setup
from itadesk.ui.context import AppContext, failure_message
from itadesk.ui.i18n import _
from itadesk.ui.widgets.common import WrapLabel, heading
from itadesk.ui.widgets.record_table import Column, RecordTable

_WARN = "color: #b03a2e; font-weight: bold;"


class SetupDialog(QDialog):
    """Accepted once the setup is stored; ไว้ทีหลัง (rejected) stores nothing."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("เริ่มต้นใช้งาน ITADesk"))
        self.kind = QComboBox()
        self.kind.addItems(list(office.OFFICE_KINDS))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("เช่น ท่าแพ"))
        self.full_name = WrapLabel()
        self.district = QLineEdit()
        self.province = QLineEdit()
        self.clerk = QLineEdit()
        self.clerk.setPlaceholderText(_("ชื่อ-สกุล ผู้จัดทำบันทึกข้อความ"))
        self.clerk_position = QLineEdit()
        self.chain = RecordTable(
            [Column(_("หัวข้อความเห็น")), Column(_("ชื่อ-สกุล")), Column(_("ตำแหน่ง"))]
        )
        self.chain.set_rows([(None, [label, "", ""]) for label in office.DEFAULT_CHAIN])
        self.chain.setMinimumHeight(self.chain.fontMetrics().lineSpacing() * 7)
        self.error = WrapLabel()
        self.error.setStyleSheet(_WARN)
        self.kind.currentTextChanged.connect(self._show_full_name)
        self.name.textChanged.connect(self._show_full_name)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            _("บันทึกและเริ่มใช้งาน"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = buttons.addButton(_("ไว้ทีหลัง"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self._lay_out(buttons)
        self._show_full_name()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def _lay_out(self, buttons: QDialogButtonBox) -> None:
        place = QFormLayout()
        place.addRow(_("ประเภทหน่วยงาน"), self.kind)
        place.addRow(_("ชื่อหน่วยงาน"), self.name)
        place.addRow("", self.full_name)
        place.addRow(_("อำเภอ"), self.district)
        place.addRow(_("จังหวัด"), self.province)
        place_box = QGroupBox(_("๑. หน่วยงาน"))
        place_box.setLayout(place)
        clerk = QFormLayout()
        clerk.addRow(_("ชื่อ-สกุล"), self.clerk)
        clerk.addRow(_("ตำแหน่ง"), self.clerk_position)
        clerk_box = QGroupBox(_("๒. ผู้จัดทำบันทึกข้อความ"))
        clerk_box.setLayout(clerk)
        chain_box = QGroupBox(_("๓. ผู้พิจารณาบันทึกข้อความ ตามลำดับ (เว้นชื่อว่างได้)"))
        QVBoxLayout(chain_box).addWidget(self.chain)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("ยินดีต้อนรับ: กรอกข้อมูลเริ่มต้นของหน่วยงาน")))
        layout.addWidget(
            WrapLabel(
                _("ข้อมูลนี้ใช้พิมพ์ในบันทึกข้อความและรายงานทุกฉบับ แก้ไขภายหลังได้ที่หน้าหน่วยงาน")
            )
        )
        layout.addWidget(place_box)
        layout.addWidget(clerk_box)
        layout.addWidget(chain_box, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _show_full_name(self) -> None:
        name = office.plain_name(self.name.text())
        kind = self.kind.currentText()
        self.full_name.set_thai(
            _("จะพิมพ์ว่า {full}").format(full=kind + name)
            if name
            else _("พิมพ์เฉพาะชื่อ ไม่ต้องมีคำว่า {kind}").format(kind=kind)
        )

    def setup(self) -> Setup:
        return Setup(
            kind=self.kind.currentText(), name=self.name.text(), district=self.district.text(),
            province=self.province.text(), clerk=self.clerk.text(),
            clerk_position=self.clerk_position.text(),
            chain=[(label, name, position) for _key, (label, name, position)
                   in self.chain.all_rows()],
        )  # fmt: skip

    def save(self) -> None:
        """Store the setup and close; a refusal is said here and nothing is stored."""
        try:
            office.first_setup(self.ctx.db, self.setup())
        except Exception as error:
            text = failure_message(error)
            if text is None:
                raise
            self.error.set_thai(text)
            return
        self.accept()

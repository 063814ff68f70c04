"""รูปแบบเอกสาร: the office's own shape of its papers (``domain/paperwork.py``) — title lines
with fields that fill themselves, paragraphs around the tables and under group headings,
the order of the groups (IIT, EIT, OIT), the analysis report's sections, numbering, step
markers, the memo date and the reviewer chain. Saved with บันทึก; a text with an unknown
field is refused in Thai and nothing is lost."""

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from itadesk.domain.fields import FIELDS
from itadesk.domain.paperwork import (
    DEFAULT_TITLES,
    NUMBERING,
    REVIEWERS,
    STEP_MARKERS,
    TABLE_KINDS,
    TITLED_KINDS,
    Block,
    Paperwork,
    suggested_group_note,
)
from itadesk.services import office
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import N_, _
from itadesk.ui.widgets.common import CommitTextEdit, WrapLabel, button_row, scrolling
from itadesk.ui.widgets.list_editor import move_item

KIND_NAMES = {
    "measures": N_("ตารางมาตรการ"),
    "progress": N_("ตารางผลการดำเนินการ"),
    "analysis": N_("รายงานการวิเคราะห์"),
}
CHOICE_NAMES = {
    "group": N_("นับใหม่ในแต่ละกลุ่ม"),
    "run_on": N_("นับต่อเนื่องทุกกลุ่ม"),
    "-": N_("ขีด (-)"),
    "๑.": N_("ตัวเลข (๑. ๒. ๓.)"),
    "": N_("ไม่มีเครื่องหมาย"),
    "stacked": N_("เรียงลงมาทีละคน"),
    "side_by_side": N_("สองคนต่อแถว (ซ้าย-ขวา)"),
}
BLOCK_NAMES = {
    Block.NONE: N_("ย่อหน้าอย่างเดียว"),
    Block.SCORES: N_("ตารางคะแนนตัวชี้วัด"),
    Block.CHART: N_("กราฟคะแนน"),
    Block.HISTORY: N_("ผลการประเมินย้อนหลัง"),
    Block.FINDINGS: N_("ประเด็นที่ต้องแก้ไข (ย่อหน้า)"),
    Block.FINDINGS_TABLE: N_("ประเด็นที่ต้องแก้ไข (ตารางแยกตามแบบ)"),
    Block.PLAN: N_("ตารางแผน/มาตรการปีถัดไป"),
    Block.ANSWERS: N_("มาตรการที่ตอบตัวชี้วัดที่ต่ำ"),
    Block.LIMITS: N_("ปัญหา/อุปสรรค"),
    Block.SUGGESTIONS: N_("ข้อเสนอแนะ"),
}


def _choice(values: tuple[str, ...], current: str) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(_(CHOICE_NAMES[value]), value)
    combo.setCurrentIndex(combo.findData(current))
    return combo


class PaperworkDialog(QDialog):
    """Every choice of ``Paperwork`` on tabs; ``saved`` is what บันทึก stored (or None)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved: Paperwork | None = None
        self.setWindowTitle(_("รูปแบบเอกสารของหน่วยงาน"))
        shape = office.get_paperwork(ctx.db)
        self.numbering = _choice(NUMBERING, shape.numbering)
        self.marker = _choice(STEP_MARKERS, shape.step_marker)
        self.reviewers = _choice(REVIEWERS, shape.reviewers)
        self.era = QCheckBox(_("วันที่ในบันทึกข้อความมี «พ.ศ.» (๓ เมษายน พ.ศ. ๒๕๖๖)"))
        self.era.setChecked(shape.memo_date_be)
        general = QFormLayout()
        general.addRow(_("เลขลำดับมาตรการ"), self.numbering)
        general.addRow(_("เครื่องหมายหน้าขั้นตอน"), self.marker)
        general.addRow(_("ผู้พิจารณาในบันทึกข้อความ"), self.reviewers)
        general.addRow("", self.era)
        self.titles = {kind: CommitTextEdit(lines=3) for kind in TITLED_KINDS}
        self.before = {kind: CommitTextEdit(lines=3) for kind in TABLE_KINDS}
        self.after = {kind: CommitTextEdit(lines=3) for kind in TABLE_KINDS}
        tabs = QTabWidget()
        general_page = QWidget()
        QVBoxLayout(general_page).addLayout(general)
        tabs.addTab(general_page, _("ทั่วไป"))
        for kind in TITLED_KINDS:
            self.titles[kind].set_text("\n".join(shape.titles.get(kind) or DEFAULT_TITLES[kind]))
            form = QFormLayout()
            form.addRow(_("หัวเรื่อง (บรรทัดละหนึ่ง)"), self.titles[kind])
            if kind in TABLE_KINDS:
                self.before[kind].set_text(shape.before.get(kind, ""))
                self.after[kind].set_text(shape.after.get(kind, ""))
                form.addRow(_("ย่อหน้าก่อนตาราง"), self.before[kind])
                form.addRow(_("ย่อหน้าหลังตาราง"), self.after[kind])
            page = QWidget()
            QVBoxLayout(page).addLayout(form)
            tabs.addTab(page, _(KIND_NAMES[kind]))
        tabs.addTab(self._groups_page(shape), _("กลุ่มมาตรการ"))
        tabs.addTab(self._sections_page(shape), _("ส่วนของรายงานการวิเคราะห์"))
        fields = WrapLabel(
            _("ช่องที่เติมเอง: {fields}").format(fields=" ".join(f"{{{name}}}" for name in FIELDS))
        )
        self.error = WrapLabel()  # a refusal, here: the window's status bar is behind the dialog
        self.error.setStyleSheet("color: #b03a2e; font-weight: bold;")
        self.error.hide()
        buttons = QDialogButtonBox()
        buttons.addButton(_("บันทึก"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("ยกเลิก"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(fields)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(840, 620)

    def _groups_page(self, shape: Paperwork) -> QWidget:
        """The order of the groups (up and down), then the paragraph under each heading."""
        self.group_order = QListWidget()
        self.group_order.addItems(list(shape.group_order))
        self.group_order.setFixedHeight(
            self.group_order.sizeHintForRow(0) * 3 + 2 * self.group_order.frameWidth()
        )
        order = QGroupBox(_("ลำดับกลุ่ม (บนหน้าจอและในเอกสารทุกฉบับ)"))
        inner = QVBoxLayout(order)
        inner.addWidget(self.group_order)
        inner.addLayout(
            button_row(
                self,
                [(_("เลื่อนขึ้น"), lambda: self.move_group(-1)),
                 (_("เลื่อนลง"), lambda: self.move_group(1))],
            )
        )  # fmt: skip
        self.notes = {group: CommitTextEdit(lines=3) for group in shape.group_order}
        form = QFormLayout()
        form.addRow(order)
        for group in shape.group_order:
            self.notes[group].set_text(shape.group_notes.get(group, ""))
            box = QGroupBox(_("ย่อหน้าใต้หัวกลุ่ม {group}").format(group=group))
            inner = QVBoxLayout(box)
            inner.addWidget(self.notes[group])
            inner.addLayout(
                button_row(
                    self,
                    [(_("ใช้ข้อความจากคะแนน (ตัวชี้วัดต่ำสุดของกลุ่ม)"),
                      lambda g=group: self.notes[g].set_text(suggested_group_note(g)))],
                )
            )  # fmt: skip
            form.addRow(box)
        page = QWidget()
        QVBoxLayout(page).addLayout(form)
        return scrolling(page)

    def move_group(self, offset: int) -> None:
        """Move the chosen group up or down the order."""
        move_item(self.group_order, offset)

    def groups(self) -> list[str]:
        """The groups in the order shown."""
        return [self.group_order.item(i).text() for i in range(self.group_order.count())]

    def _sections_page(self, shape: Paperwork) -> QWidget:
        """A row per section: title, paragraphs (one per line), the data it shows."""
        self.sections = QTableWidget(0, 3)
        self.sections.setHorizontalHeaderLabels([_("หัวข้อ"), _("ย่อหน้า"), _("ข้อมูล")])
        self.sections.horizontalHeader().setStretchLastSection(True)
        for section in shape.sections:
            self.add_section(section.title, section.text, section.block)
        note = WrapLabel(
            _("ว่างไว้: พิมพ์ตามลำดับมาตรฐาน (คะแนน กราฟ ประเด็น แผน ข้อจำกัด) "
              "ใช้ {สรุปผล} แทนย่อหน้าสรุปผลการประเมิน")
        )  # fmt: skip
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(note)
        layout.addWidget(self.sections, 1)
        layout.addLayout(
            button_row(
                self,
                [(_("เพิ่มส่วน"), lambda: self.add_section()),
                 (_("ลบส่วน"), lambda: self.sections.removeRow(self.sections.currentRow())),
                 (_("เลื่อนขึ้น"), lambda: self.move_section(-1)),
                 (_("เลื่อนลง"), lambda: self.move_section(1))],
            )
        )  # fmt: skip
        return page

    def add_section(self, title: str = "", text: str = "", block: str = "") -> None:
        row = self.sections.rowCount()
        self.sections.insertRow(row)
        self.sections.setItem(row, 0, QTableWidgetItem(title))
        self.sections.setItem(row, 1, QTableWidgetItem(text.replace("\n", " / ")))
        combo = QComboBox()
        for value, name in BLOCK_NAMES.items():
            combo.addItem(_(name), value.value)
        combo.setCurrentIndex(combo.findData(block))
        self.sections.setCellWidget(row, 2, combo)

    def move_section(self, offset: int) -> None:
        row = self.sections.currentRow()
        target = row + offset
        if row < 0 or not 0 <= target < self.sections.rowCount():
            return
        rows = self.section_rows()
        rows.insert(target, rows.pop(row))
        self.sections.setRowCount(0)
        for title, text, block in rows:
            self.add_section(title, text, block)
        self.sections.setCurrentCell(target, 0)

    def section_rows(self) -> list[tuple[str, str, str]]:
        rows = []
        for row in range(self.sections.rowCount()):
            title, text = (self.sections.item(row, c) for c in (0, 1))
            combo = self.sections.cellWidget(row, 2)
            rows.append((
                title.text() if title else "",
                (text.text() if text else "").replace(" / ", "\n"),
                str(combo.currentData()),
            ))  # fmt: skip
        return rows

    def choices(self) -> dict[str, object]:
        """What the dialog holds, as ``Paperwork``'s JSON fields (defaults left out later)."""
        titles = {}
        for kind, edit in self.titles.items():
            lines = [line.strip() for line in edit.text().split("\n") if line.strip()]
            if tuple(lines) != DEFAULT_TITLES[kind]:
                titles[kind] = lines
        return {
            "numbering": self.numbering.currentData(),
            "step_marker": self.marker.currentData(),
            "reviewers": self.reviewers.currentData(),
            "memo_date_be": self.era.isChecked(),
            "titles": titles,
            "before": {kind: edit.text() for kind, edit in self.before.items()},
            "after": {kind: edit.text() for kind, edit in self.after.items()},
            "group_notes": {group: edit.text() for group, edit in self.notes.items()},
            "group_order": self.groups(),
            "sections": [{"title": t, "text": x, "block": b} for t, x, b in self.section_rows()],
        }

    def save(self) -> None:
        """Store the choices; a wrong one is named in Thai and the dialog stays open."""
        self.ctx.failed.connect(self._refused)
        try:
            saved = self.ctx.call(office.set_paperwork, **self.choices())
        finally:
            self.ctx.failed.disconnect(self._refused)
        if saved is not None:
            self.saved = saved
            self.accept()

    def _refused(self, text: str) -> None:
        self.error.set_thai(text)
        self.error.show()

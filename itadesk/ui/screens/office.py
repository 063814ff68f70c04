"""หน่วยงาน: the office profile, emblem, units, people, memo writer and reviewer chain."""

import tempfile
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from itadesk.domain.numerals import digits, parse_int
from itadesk.errors import UserError
from itadesk.services import office
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import N_, _
from itadesk.ui.screens.signature_box import SignatureBox
from itadesk.ui.widgets.column_chooser import ColumnChooser
from itadesk.ui.widgets.common import WrapLabel, ask, ask_image, button_row, heading, scrolling
from itadesk.ui.widgets.record_table import Column, RecordTable
from itadesk.ui.widgets.thai_date import ThaiSpinBox

TEXT_FIELDS = (
    ("name", N_("ชื่อหน่วยงาน")),
    ("district", N_("อำเภอ")),
    ("province", N_("จังหวัด")),
    ("department", N_("ส่วนราชการ (หัวบันทึก)")),
    ("phone", N_("โทรศัพท์")),
    ("doc_prefix", N_("ที่ (อักษรนำหน้า)")),
)
# short labels keep the form narrow (1024 px); these say the rest, in the field and its tip
HINTS = {
    "department": N_("บรรทัดแรกของบันทึกข้อความ เช่น สำนักปลัดเทศบาล เทศบาลตำบล…"),
    "doc_prefix": N_("อักษรนำหน้าเลขที่หนังสือ เช่น ศก ๗๘๕๐๑"),
}
CHECK_FIELDS = (
    ("thai_digits", N_("พิมพ์ตัวเลขเป็นเลขไทย")),
    ("justify", N_("จัดข้อความแบบกระจายเต็มบรรทัด")),
)
EMBLEM_SIZE = 96
LINES = 2  # the chain column of the comment lines
Index = QModelIndex | QPersistentModelIndex


class LinesDelegate(QStyledItemDelegate):
    """The comment lines of a reviewer as a spin box (Thai digits), within the allowed range."""

    def createEditor(
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index
    ) -> QWidget:
        box = ThaiSpinBox(parent)
        box.setRange(0, office.MAX_COMMENT_LINES)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, ThaiSpinBox)
        try:
            editor.setValue(parse_int(str(index.data() or "2")))
        except UserError:
            editor.setValue(2)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, ThaiSpinBox)
        editor.interpretText()
        model.setData(index, digits(editor.value()))


class OfficeScreen(QWidget):
    """Everything about the office that every document prints."""

    title = N_("หน่วยงาน")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = QComboBox()
        self.kind.addItems(list(office.OFFICE_KINDS))
        self.kind.activated.connect(lambda _i: self._save(kind=self.kind.currentText()))
        self.texts = {name: QLineEdit() for name, _label in TEXT_FIELDS}
        for name, hint in HINTS.items():
            self.texts[name].setPlaceholderText(_(hint))
            self.texts[name].setToolTip(_(hint))
        for name, edit in self.texts.items():
            edit.editingFinished.connect(lambda name=name, edit=edit: self._save_text(name, edit))
        self.word_font = QComboBox()
        self.word_font.addItems(list(office.WORD_FONTS))
        self.word_font.setToolTip(
            _("ชื่อแบบอักษรที่เขียนลงในไฟล์ Word หากเครื่องที่เปิดไม่มีแบบอักษรนี้ Word จะใช้แบบอักษรอื่นแทน")
        )
        self.word_font.activated.connect(
            lambda _i: self._save(word_font=self.word_font.currentText())
        )
        self.checks = {name: QCheckBox(_(label)) for name, label in CHECK_FIELDS}
        for name, box in self.checks.items():
            box.toggled.connect(lambda on, name=name: self._save(**{name: on}))
        self.emblem = QLabel()
        self.emblem.setFixedSize(EMBLEM_SIZE, EMBLEM_SIZE)
        self.emblem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emblem.setFrameShape(QLabel.Shape.StyledPanel)
        self.units = QListWidget()
        self.units.setMinimumHeight(self.units.fontMetrics().lineSpacing() * 6)
        self.new_unit = QLineEdit()
        self.new_unit.setPlaceholderText(_("ชื่อส่วนราชการ เช่น กองคลัง"))
        self.new_unit.returnPressed.connect(self.add_unit)
        self.people = RecordTable(
            [Column(_("ชื่อ-สกุล")), Column(_("ตำแหน่ง")), Column(_("รักษาราชการแทน\n(ตำแหน่ง)"))]
        )
        self.people.rowCommitted.connect(self._save_person)
        self.signature = SignatureBox(ctx)
        self.people.currentCellChanged.connect(
            lambda row, *_cells: self.signature.show_person(self._person_id(row))
        )
        self.writer = QComboBox()
        self.writer.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.writer.setMinimumContentsLength(12)
        self.writer.activated.connect(
            lambda _i: self._save(writer_uuid=self.writer.currentData() or None)
        )
        self.chain = RecordTable(
            [
                Column(_("หัวข้อความเห็น")),
                Column(_("ผู้พิจารณา"), choices=self._people_choices),
                Column(_("บรรทัด\nความเห็น"), stretch=False),
                Column(_("ข้อความพิมพ์ไว้\n(เช่น ทราบ)"), stretch=False),
            ]
        )
        self.chain.setItemDelegateForColumn(LINES, LinesDelegate(self.chain))
        self.chain.horizontalHeaderItem(LINES).setToolTip(
            _("จำนวนบรรทัดว่างให้เขียนความเห็น ๐ ถึง {n} บรรทัด").format(
                n=digits(office.MAX_COMMENT_LINES)
            )
        )
        self.chain.rowCommitted.connect(lambda _row: self._save_chain())
        self.columns = ColumnChooser()
        self.columns.changed.connect(
            lambda columns, titles: self._save(measure_columns=columns, column_titles=titles)
        )
        self._lay_out()

    def _lay_out(self) -> None:
        profile = QFormLayout()
        profile.addRow(_("ประเภท"), self.kind)
        for name, label in TEXT_FIELDS:
            profile.addRow(_(label), self.texts[name])
        for box in self.checks.values():
            profile.addRow(box)
        profile.addRow(_("แบบอักษรไฟล์ Word"), self.word_font)
        profile_box = QGroupBox(_("ข้อมูลหน่วยงาน"))
        profile_box.setLayout(profile)
        emblem_box = QGroupBox(_("ตราครุฑ (ภาพ PNG หรือ JPEG)"))
        emblem_row = QHBoxLayout(emblem_box)
        emblem_row.addWidget(self.emblem)
        emblem_row.addLayout(
            button_row(
                emblem_box,
                [(_("เลือกภาพ…"), self.choose_emblem), (_("นำตราออก"), self.remove_emblem)],
            )
        )
        units_box = QGroupBox(_("ส่วนราชการ (ผู้รับผิดชอบ)"))
        units = QVBoxLayout(units_box)
        units.addWidget(self.units)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_unit, 1)
        add_row.addLayout(
            button_row(units_box, [(_("เพิ่ม"), self.add_unit), (_("ลบ"), self.remove_unit)], False)
        )
        units.addLayout(add_row)
        columns_box = QGroupBox(_("คอลัมน์ของตารางมาตรการ"))
        columns = QVBoxLayout(columns_box)
        columns.addWidget(WrapLabel(_("ติ๊กเลือกคอลัมน์ที่จะพิมพ์ ดับเบิลคลิกเพื่อเปลี่ยนชื่อ")))
        columns.addWidget(self.columns)
        left = QVBoxLayout()
        left.addWidget(profile_box)
        left.addWidget(emblem_box)
        left.addWidget(units_box, 1)
        left.addWidget(columns_box)

        people_box = QGroupBox(_("บุคลากร (กด Enter ที่แถวสุดท้ายเพื่อเพิ่ม)"))
        people = QVBoxLayout(people_box)
        people.addWidget(self.people)
        people.addLayout(
            button_row(
                people_box,
                [(_("เพิ่มบุคลากร"), self.people.add_row), (_("ลบบุคลากร"), self.remove_person)],
            )
        )
        people.addWidget(self.signature)
        writer_row = QFormLayout()
        writer_row.addRow(_("ผู้จัดทำบันทึกข้อความ"), self.writer)
        people.addLayout(writer_row)
        chain_box = QGroupBox(_("ลำดับผู้พิจารณาบันทึกข้อความ"))
        chain = QVBoxLayout(chain_box)
        chain.addWidget(self.chain)
        chain.addLayout(
            button_row(
                chain_box,
                [
                    (_("เพิ่มผู้พิจารณา"), self.chain.add_row),
                    (_("ลบ"), self.remove_reviewer),
                    (_("เลื่อนขึ้น"), lambda: self.move_reviewer(-1)),
                    (_("เลื่อนลง"), lambda: self.move_reviewer(1)),
                ],
            )
        )
        right = QVBoxLayout()
        right.addWidget(people_box, 3)
        right.addWidget(chain_box, 2)

        body = QWidget()
        sides = QHBoxLayout(body)
        sides.addLayout(left, 2)
        sides.addLayout(right, 3)  # the tables need the width more
        outer = QVBoxLayout(self)
        outer.addWidget(heading(_("ข้อมูลหน่วยงาน บุคลากร และผู้พิจารณา")))
        outer.addWidget(scrolling(body), 1)

    # loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Show what the database holds."""
        profile = office.get_office(self.ctx.db)
        self.kind.setCurrentText(profile.kind)
        for name, edit in self.texts.items():
            edit.setText(getattr(profile, name))
            edit.setCursorPosition(0)  # a long name shows from its start
        for name, box in self.checks.items():
            box.blockSignals(True)
            box.setChecked(bool(getattr(profile, name)))
            box.blockSignals(False)
        self.word_font.setCurrentText(profile.word_font)
        self._show_emblem(profile.emblem)
        self.columns.set_columns(list(profile.measure_columns), dict(profile.column_titles))
        self.units.clear()
        for unit in office.list_units(self.ctx.db):
            item = QListWidgetItem(unit.name)
            item.setData(Qt.ItemDataRole.UserRole, unit.id)
            self.units.addItem(item)
        people = office.list_people(self.ctx.db)
        self.people.set_rows([(p.id, [p.name, p.position, p.acting_for]) for p in people])
        self.signature.show_person(self._person_id(self.people.currentRow()))
        self.writer.clear()
        self.writer.addItem(_("(ยังไม่เลือก)"), "")
        for person in people:
            self.writer.addItem(person.name, person.uuid)
        self.writer.setCurrentIndex(max(0, self.writer.findData(profile.writer_uuid or "")))
        self.chain.set_rows(
            [
                (
                    None,
                    [
                        step["label"],
                        step["person"],
                        digits(step.get("lines", 2)),
                        step.get("comment", ""),
                    ],
                )
                for step in profile.reviewer_chain
            ]
        )

    def _show_emblem(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            size = EMBLEM_SIZE - 8
            self.emblem.setPixmap(
                pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
            )  # fmt: skip
        else:
            self.emblem.setPixmap(QPixmap())
            self.emblem.setText(_("ไม่มีภาพ"))

    def _people_choices(self) -> list[tuple[str, str]]:
        return [(p.uuid, p.name) for p in office.list_people(self.ctx.db)]

    # saving --------------------------------------------------------------------------------
    def _save(self, **fields: object) -> bool:
        """Save profile fields; on a refusal the stored values come back."""
        if self.ctx.call(office.update_office, **fields) is None:
            self.reload()
            return False
        return True

    def _save_text(self, name: str, edit: QLineEdit) -> None:
        """Save a field, then show it as stored (a name loses a type word typed before it)."""
        if edit.text().strip() != getattr(office.get_office(self.ctx.db), name) and self._save(
            **{name: edit.text()}
        ):
            edit.setText(getattr(office.get_office(self.ctx.db), name))

    def choose_emblem(self, path: Path | None = None) -> None:
        """Pick the emblem image (a file dialog unless ``path`` is given)."""
        path = path or ask_image(self, self.ctx, _("เลือกภาพตราครุฑ"))
        if path is None:
            return
        if self.ctx.call(office.set_emblem, path) is not None:
            self.reload()
            self.ctx.message.emit(_("ใช้ภาพ {name} เป็นตราครุฑแล้ว").format(name=path.name))

    def remove_emblem(self) -> None:
        old = office.get_office(self.ctx.db).emblem
        if old and self.ctx.call(office.set_emblem, None) is not None:
            self.ctx.push_undo(_("นำตราครุฑออก"), lambda: self._restore_emblem(old))
            self.reload()

    def _restore_emblem(self, data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "emblem.png"
            path.write_bytes(data)
            office.set_emblem(self.ctx.db, path)
        self.reload()

    def add_unit(self) -> None:
        name = self.new_unit.text()
        if self.ctx.call(office.add_unit, name) is not None:
            self.new_unit.clear()
            self.reload()

    def remove_unit(self) -> None:
        item = self.units.currentItem()
        if item is None:
            self.ctx.message.emit(_("เลือกส่วนราชการที่จะลบในรายการก่อน"))
            return
        snapshot = self.ctx.call(office.delete_unit, item.data(Qt.ItemDataRole.UserRole))
        if snapshot is None:
            return
        self.ctx.push_undo(
            _("ลบส่วนราชการ {name}").format(name=item.text()),
            lambda: (office.restore_unit(self.ctx.db, snapshot), self.reload()),
        )
        self.reload()

    def _save_person(self, row: int) -> None:
        key, (name, position, acting) = self.people.key(row), self.people.values(row)
        if key is None and not name.strip():
            return
        person = self.ctx.call(
            office.save_person, name, position, acting, key if isinstance(key, int) else None
        )
        if person is None:
            self.reload()
            return
        self.people.set_key(row, person.id)
        index = self.writer.findData(person.uuid)
        if index < 0:
            self.writer.addItem(person.name, person.uuid)
        else:
            self.writer.setItemText(index, person.name)

    def _person_id(self, row: int) -> int | None:
        key = self.people.key(row) if row >= 0 else None
        return key if isinstance(key, int) else None

    def remove_person(self) -> None:
        row = self.people.currentRow()
        if row < 0:
            self.ctx.message.emit(_("เลือกบุคลากรที่จะลบในตารางก่อน"))
            return
        key = self.people.key(row)
        if key is None:
            self.people.removeRow(row)
            return
        name = self.people.values(row)[0]
        question = _("ลบ {name} ออกจากรายชื่อบุคลากรหรือไม่").format(name=name)
        if ask(self, _("ลบบุคลากร"), question, _("ลบ")):
            self.ctx.call(office.remove_person, key)
            self.reload()

    def _save_chain(self) -> None:
        steps = []
        for _key, (label, person, lines, comment) in self.chain.all_rows():
            if not label.strip() or not person:
                self.ctx.message.emit(_("กรอกหัวข้อความเห็นและเลือกผู้พิจารณาให้ครบ แล้วจึงบันทึก"))
                return
            try:
                count = parse_int(lines or "2", _("บรรทัดความเห็น"))
            except UserError as error:
                self.ctx.failed.emit(str(error))
                self.reload()
                return
            steps.append({"label": label, "person": person, "lines": count, "comment": comment})
        if self.ctx.call(office.set_reviewer_chain, steps) is None:
            self.reload()

    def remove_reviewer(self) -> None:
        if self.chain.currentRow() < 0:
            self.ctx.message.emit(_("เลือกผู้พิจารณาที่จะลบในตารางก่อน"))
            return
        self.chain.removeRow(self.chain.currentRow())
        self._save_chain()

    def move_reviewer(self, offset: int) -> None:
        row = self.chain.currentRow()
        rows = self.chain.all_rows()
        target = row + offset
        if row < 0:
            self.ctx.message.emit(_("เลือกผู้พิจารณาที่จะเลื่อนในตารางก่อน"))
            return
        if not 0 <= target < len(rows):
            return
        rows.insert(target, rows.pop(row))
        self.chain.set_rows(rows)
        self.chain.selectRow(target)
        self._save_chain()

    def commit_pending(self) -> None:
        """Nothing waits here: every field saves when it is left."""

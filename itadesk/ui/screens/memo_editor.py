"""The header and body of a memo (บันทึกข้อความ), saved with ``memos.save_memo`` as typed."""

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from itadesk.db.database import Database
from itadesk.services import memos, office
from itadesk.services.memos import MemoDraft
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import _
from itadesk.ui.widgets.common import CommitTextEdit, WrapLabel, button_row
from itadesk.ui.widgets.thai_date import ThaiDateEdit


class MemoEditor(QWidget):
    """Shows a draft; every change is stored and ``changed`` is emitted."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft: MemoDraft | None = None
        self.prefix = QLabel()
        self.prefix.setTextFormat(Qt.TextFormat.PlainText)  # the office's prefix, maybe imported
        self.number = QLineEdit()
        self.number.setMaximumWidth(120)
        self.issued_on = ThaiDateEdit()
        self.subject = CommitTextEdit(lines=2)
        self.to = QLineEdit()
        self.closing = QLineEdit()
        self.parts_box = QVBoxLayout()
        self.parts: list[tuple[QLineEdit, CommitTextEdit, QComboBox]] = []
        for edit in (self.number, self.to, self.closing):
            edit.editingFinished.connect(self.commit)
        self.subject.editingFinished.connect(self.commit)
        self.issued_on.changed.connect(self.commit)
        form = QFormLayout(self)
        form.addRow(_("ที่"), self._number_row())
        form.addRow(_("วันที่"), self.issued_on)
        form.addRow(_("เรื่อง"), self.subject)
        form.addRow(_("เรียน"), self.to)
        form.addRow(_("เนื้อหา"), self.parts_box)
        form.addRow("", button_row(self, [(_("เพิ่มย่อหน้า"), self.add_part),
                                          (_("ลบย่อหน้าสุดท้าย"), self.remove_part)]))  # fmt: skip
        form.addRow(_("ข้อความปิดท้าย"), self.closing)
        self.print_signatures = QCheckBox(_("พิมพ์ภาพลายมือชื่อเหนือชื่อ (ผู้ที่มีภาพ)"))
        self.print_signatures.setToolTip(
            _("ภาพลายมือชื่อกำหนดที่หน้าหน่วยงาน การพิมพ์ภาพแทนการลงนามเป็นการตัดสินใจของหน่วยงานเอง")
        )
        self.print_signatures.toggled.connect(lambda _on: self.commit())
        form.addRow("", self.print_signatures)
        self.stale = WrapLabel(
            _("ผู้จัดทำ ผู้พิจารณา หรือผู้รับ (เรียน) ต่างจากข้อมูลหน่วยงานปัจจุบัน")
        )
        self.stale.setStyleSheet("color: #b03a2e;")
        form.addRow(self.stale)
        form.addRow(
            button_row(
                self,
                [(_("ใช้ข้อมูลหน่วยงานล่าสุด"), self.use_profile),
                 (_("คืนข้อความเริ่มต้น"), self.reset_text)],
                icons=("refresh", "reset"),
            )
        )  # fmt: skip

    def _number_row(self) -> QWidget:
        row = QWidget()
        layout = QFormLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.prefix, self.number)
        return row

    def load(self, kind: str, year: int, round_months: int | None) -> None:
        """Show the saved memo of this document, or a prefilled draft."""
        draft = self.ctx.call(memos.draft_memo, kind, year, round_months)
        if draft is None:
            return
        self._show(draft)

    def use_profile(self) -> None:
        """Take the writer, chain and addressee from the office profile; keep the paragraphs."""
        self._replace_with(memos.from_profile)

    def reset_text(self) -> None:
        """The prefilled wording again (number and date kept)."""
        self._replace_with(memos.default_text)

    def _replace_with(self, change: Callable[[Database, MemoDraft], MemoDraft]) -> None:
        draft = self.current()
        if draft is None:
            return
        saved = self.ctx.call(memos.save_memo, change(self.ctx.db, draft))
        if saved is not None:
            self._show(saved)
            self.changed.emit()

    def _show(self, draft: MemoDraft) -> None:
        self.draft = draft
        self.stale.setVisible(memos.differs_from_profile(self.ctx.db, draft))
        prefix = office.get_office(self.ctx.db).doc_prefix
        self.prefix.setText(f"{prefix}/" if prefix else "")
        self.number.setText(draft.number)
        self.issued_on.set_date(draft.issued_on)
        self.subject.set_text(draft.subject)
        self.to.setText(draft.to)
        self.closing.setText(draft.closing)
        self.print_signatures.blockSignals(True)
        self.print_signatures.setChecked(draft.print_signatures)
        self.print_signatures.blockSignals(False)
        for widgets in self.parts:
            for widget in widgets:
                widget.deleteLater()
        self.parts = []
        for part in draft.parts:
            self._add_part_fields(part.get("title", ""), part.get("text", ""), part.get("table"))

    def _table_choice(self, table: str | None) -> QComboBox:
        """Which table, if any, prints inside this part (else the table is attached)."""
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(16)
        combo.addItem(_("ไม่มีตารางในส่วนนี้"), "")
        combo.addItem(_("แทรกตารางมาตรการต่อจากข้อความ"), "measures")
        if self.draft is not None and self.draft.kind == "progress":
            combo.addItem(_("แทรกตารางผลการดำเนินการต่อจากข้อความ"), "progress")
        combo.setCurrentIndex(max(0, combo.findData(table or "")))
        combo.currentIndexChanged.connect(lambda _index: self.commit())
        return combo

    def _add_part_fields(self, title: str, text: str, table: str | None = None) -> None:
        title_edit, text_edit = QLineEdit(title), CommitTextEdit(lines=4)
        title_edit.setPlaceholderText(_("หัวข้อ เช่น เรื่องเดิม (เว้นว่างได้)"))
        text_edit.set_text(text)
        title_edit.editingFinished.connect(self.commit)
        text_edit.editingFinished.connect(self.commit)
        table_choice = self._table_choice(table)
        for widget in (title_edit, text_edit, table_choice):
            self.parts_box.addWidget(widget)
        self.parts.append((title_edit, text_edit, table_choice))

    def add_part(self) -> None:
        self._add_part_fields("", "")
        self.parts[-1][1].setFocus()

    def remove_part(self) -> None:
        if self.parts:
            for widget in self.parts.pop():
                widget.deleteLater()
            self.commit()

    def current(self) -> MemoDraft | None:
        """The draft as shown on screen."""
        if self.draft is None:
            return None
        return replace(
            self.draft,
            number=self.number.text(), issued_on=self.issued_on.date(),
            subject=self.subject.text(), to=self.to.text(), closing=self.closing.text(),
            print_signatures=self.print_signatures.isChecked(),
            parts=[_part(t.text(), x.text(), c.currentData()) for t, x, c in self.parts
                   if t.text().strip() or x.text().strip() or c.currentData()],
        )  # fmt: skip

    def commit(self, keep: bool = False) -> None:
        """Store the memo if it changed (or, with ``keep``, if never stored, as when printing).

        A refusal shows the stored one again.
        """
        draft = self.current()
        if draft is None or (draft == self.draft and not (keep and not draft.uuid)):
            return
        saved = self.ctx.call(memos.save_memo, draft)
        if saved is None:
            self._show(self.draft)  # type: ignore[arg-type]
            return
        self.draft = replace(saved)
        self.stale.setVisible(memos.differs_from_profile(self.ctx.db, saved))
        self.changed.emit()


def _part(title: str, text: str, table: str) -> dict[str, str]:
    """A body part as stored: ``table`` only when one is embedded."""
    return {"title": title, "text": text, **({"table": table} if table else {})}

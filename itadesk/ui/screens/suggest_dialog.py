"""แนะนำมาตรการ: ready measures for the weak points of the year before the plan, one click
adds the chosen one to the plan."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from itadesk.domain.catalogue import Suggestion
from itadesk.domain.numerals import digits
from itadesk.domain.scoring import target_label
from itadesk.services import suggestions
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import _
from itadesk.ui.widgets.common import WrapLabel, WrapTree, scrolling

SUGGESTION = Qt.ItemDataRole.UserRole


class SuggestDialog(QDialog):
    """Suggestions grouped by why they are offered; ``added`` is the new measure's id."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.added: int | None = None
        assessed = ctx.year - 1
        self.setWindowTitle(_("แนะนำมาตรการ"))
        intro = WrapLabel(
            _(
                "มาตรการสำเร็จรูปที่ตอบจุดอ่อนของผลการประเมินปีงบประมาณ {assessed}: ตัวชี้วัดที่ต่ำกว่า"
                "ค่าเป้าหมายมาก่อน (ต่ำสุดก่อน) ตามด้วยข้อคำถามที่กรอกว่าได้คะแนนต่ำ แล้วจึงเป็นมาตรการอื่น "
                "เลือกแล้วกด «เพิ่มเป็นมาตรการ» ระบบจะเพิ่มเป็นมาตรการของปี {year} ให้แก้ไขต่อได้"
            ).format(assessed=digits(assessed), year=digits(ctx.year))
        )
        self.tree = WrapTree(_("มาตรการแนะนำ (จัดกลุ่มตามเหตุผล)"))
        self.tree.currentItemChanged.connect(lambda *_args: self._show_details())
        self.tree.itemDoubleClicked.connect(lambda *_args: self.add_chosen())
        self.details = WrapLabel()
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(scrolling(self.details))
        splitter.setSizes([520, 420])
        buttons = QDialogButtonBox()
        self.add_button = buttons.addButton(
            _("เพิ่มเป็นมาตรการ"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(_("ปิด"), QDialogButtonBox.ButtonRole.RejectRole)
        self.add_button.clicked.connect(self.add_chosen)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(980, 620)
        self.load()

    def load(self) -> None:
        """List the suggestions under their reasons, the first one chosen."""
        self.tree.clear()
        offered = self.ctx.call(suggestions.suggestions, self.ctx.year - 1) or []
        groups: dict[str, QTreeWidgetItem] = {}
        for suggestion in offered:
            group = groups.get(suggestion.reason)
            if group is None:
                group = groups[suggestion.reason] = self.tree.line(suggestion.reason)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                self.tree.addTopLevelItem(group)
            item = self.tree.line(f"[{suggestion.group}] {suggestion.measure.title}")
            item.setData(0, SUGGESTION, suggestion)
            group.addChild(item)
        self.tree.expandAll()
        first = self.tree.topLevelItem(0)
        if first is not None and first.childCount():
            self.tree.setCurrentItem(first.child(0))
        self.add_button.setEnabled(bool(offered))
        if not offered:
            self.details.set_thai(_("แผนมีมาตรการแนะนำครบทุกรายการแล้ว"))

    def chosen(self) -> Suggestion | None:
        item = self.tree.currentItem()
        value = item.data(0, SUGGESTION) if item is not None else None
        return value if isinstance(value, Suggestion) else None

    def _show_details(self) -> None:
        chosen = self.chosen()
        self.add_button.setEnabled(chosen is not None)
        if chosen is None:
            self.details.set_thai("")
            return
        entry = chosen.measure
        lines = [
            entry.title,
            "",
            _("เหตุผลที่แนะนำ: {reason}").format(reason=chosen.reason),
            _("แนวทางการปฏิบัติ: {text}").format(text=entry.approach),
            _("วิธีดำเนินการ/ขั้นตอน:"),
            *(f"{digits(n)}. {step}" for n, step in enumerate(entry.steps, 1)),
            _("ผู้รับผิดชอบ: {units}").format(units=", ".join(entry.owner)),
            _("การติดตามประเมินผล: {text}").format(text=entry.follow_up),
            _("ยกระดับ: {targets}").format(targets=target_label(" ".join(entry.targets))),
        ]
        self.details.set_thai("\n".join(lines))

    def add_chosen(self) -> None:
        """Add the chosen suggestion to the plan and close; a refusal leaves the dialog open."""
        chosen = self.chosen()
        if chosen is None:
            return
        measure = self.ctx.call(suggestions.add_suggestion, self.ctx.year, chosen.measure.id)
        if measure is None:
            self.load()
            return
        self.added = measure.id
        self.accept()

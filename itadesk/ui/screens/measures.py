"""มาตรการ: the measures of the year in a tree beside the form of the chosen one."""

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QListView,
    QSplitter,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from itadesk.db.models import Measure
from itadesk.domain.numerals import digits
from itadesk.services import measures, office
from itadesk.services.measures import MeasureInput
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import N_, _
from itadesk.ui.models.measures_model import PERIOD, TITLE, UNITS, MeasureTreeModel
from itadesk.ui.screens.measure_form import WHOLE_YEAR, MeasureForm
from itadesk.ui.widgets.common import (
    BreakableDelegate,
    WrapLabel,
    ask,
    button_row,
    heading,
    scrolling,
)


class MeasuresScreen(QWidget):
    """Add, edit, reorder, duplicate, delete (with undo) and copy measures forward."""

    title = N_("มาตรการ")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._reloading = False
        self.heading = heading("")
        self.model = MeasureTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(UNITS, QHeaderView.ResizeMode.Interactive)  # see _fit
        header.setSectionResizeMode(PERIOD, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().selectionChanged.connect(self._selected)
        self.form = MeasureForm(ctx)
        self.form.saved.connect(self._form_saved)
        for choices in (self.form.units, self.form.indicators, self.form.oit):
            choices.setWordWrap(True)  # a long OIT item takes two lines, not a scroll bar
            choices.setItemDelegate(BreakableDelegate(choices))
            choices.setResizeMode(QListView.ResizeMode.Adjust)
        self.form_area = scrolling(self.form)
        buttons = button_row(
            self,
            [
                (_("เพิ่มมาตรการ"), self.add_measure),
                (_("แนะนำมาตรการ…"), self.suggest),
                (_("ทำสำเนา"), self.duplicate),
                (_("ลบ"), self.delete),
                (_("เลื่อนขึ้น"), lambda: self.move(-1)),
                (_("เลื่อนลง"), lambda: self.move(1)),
                (_("คัดลอกมาตรการจากปีก่อน…"), self.copy_last_year),
            ],
        )
        # the buttons that act on the chosen measure: disabled while none is chosen
        self.chosen_buttons = [buttons.itemAt(i).widget() for i in range(2, 6)]
        self.empty = WrapLabel()
        self.empty.hide()
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.tree)
        delete.activated.connect(self.delete)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.form_area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 580])
        splitter.setChildrenCollapsible(False)
        # the form's labels go above its fields when it is narrow (1024 px): never wider
        # than the area, so no horizontal scrolling; wide, they stand beside the fields
        rows = self._form_rows()
        rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.form_area.setMinimumWidth(self.form.minimumSizeHint().width() + bar)
        rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._two_columns = self.form.minimumSizeHint().width()
        self.form_area.installEventFilter(self)
        self.tree.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)

    def reload(self, select: int | None = None, from_form: bool = False) -> None:
        """Show the year's measures; keep (or move) the selection to measure ``select``."""
        current = self.current()
        keep = select if select is not None else (current.id if current else None)
        self.heading.setText(
            _("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ พ.ศ. {year}").format(
                year=digits(self.ctx.year)
            )
        )
        thai = office.get_office(self.ctx.db).thai_digits
        self._reloading = True
        rows = measures.list_measures(self.ctx.db, self.ctx.year)
        self.model.load(rows, thai)
        self.empty.setVisible(not rows)
        self.empty.set_thai(
            _("ยังไม่มีมาตรการของปี {year}: กด «เพิ่มมาตรการ» เพื่อเขียนเอง «แนะนำมาตรการ…» "
              "เพื่อเลือกจากจุดอ่อนของผลการประเมิน หรือ «คัดลอกมาตรการจากปีก่อน…»"
              ).format(year=digits(self.ctx.year))
        )  # fmt: skip
        self.tree.expandAll()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        index = self.model.index_of(keep) if keep is not None else self.model.index(0, 0)
        if index.isValid() and self.model.measure(index) is None and self.model.rowCount(index):
            index = self.model.index(0, TITLE, index)
        self.tree.setCurrentIndex(index)
        self._reloading = False
        self._fit()
        self._enable_buttons()
        chosen = self.current()
        if chosen is None or chosen.id != self.form.measure_id or not from_form:
            self.form.show_measure(chosen)

    def _form_rows(self) -> QFormLayout:
        rows = self.form.layout()
        assert isinstance(rows, QFormLayout)
        return rows

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit()
        return super().eventFilter(watched, event)

    def _fit(self) -> None:
        """Fit the form's rows to its width, and the tree's columns so titles keep most."""
        wide = self.form_area.viewport().width() >= self._two_columns
        policy = QFormLayout.RowWrapPolicy
        wanted = policy.DontWrapRows if wide else policy.WrapAllRows
        if self._form_rows().rowWrapPolicy() != wanted:
            self._form_rows().setRowWrapPolicy(wanted)
        header, width = self.tree.header(), self.tree.viewport().width()
        units = min(self.tree.sizeHintForColumn(UNITS), width // 5)  # long lists are cut short
        header.resizeSection(UNITS, max(units, header.sectionSizeHint(UNITS)))  # title whole

    def current(self) -> Measure | None:
        return self.model.measure(self.tree.currentIndex())

    def _enable_buttons(self) -> None:
        for button in self.chosen_buttons:
            button.setEnabled(self.current() is not None)

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        if self._reloading:
            return
        self._enable_buttons()
        self.form.commit()
        self.form.show_measure(self.current())

    def _form_saved(self, measure_id: int) -> None:
        self.reload(select=measure_id, from_form=True)

    def add_measure(self) -> None:
        """A new measure in the chosen group; the form takes it from there."""
        chosen = self.current()
        group = chosen.group if chosen else "IIT"
        data = MeasureInput(title=_("มาตรการใหม่"), group=group, period_note=WHOLE_YEAR)
        measure = self.ctx.call(measures.add_measure, self.ctx.year, data)
        if measure is not None:
            self.reload(select=measure.id)
            self.form.title.setFocus()
            self.form.title.selectAll()

    def suggest(self) -> None:
        """แนะนำมาตรการ: the chosen suggestion becomes a measure, selected for editing."""
        from itadesk.ui.screens.suggest_dialog import SuggestDialog

        dialog = SuggestDialog(self.ctx, self)
        if dialog.exec() and dialog.added is not None:
            self.show_added(dialog.added)

    def show_added(self, measure_id: int) -> None:
        self.reload(select=measure_id)
        self.form.title.setFocus()

    def duplicate(self) -> None:
        chosen = self.current()
        if chosen is not None:
            copy = self.ctx.call(measures.duplicate_measure, chosen.id)
            if copy is not None:
                self.reload(select=copy.id)

    def move(self, offset: int) -> None:
        chosen = self.current()
        if chosen is not None:
            self.ctx.call(measures.move_measure, chosen.id, offset)  # a refusal is reported
            self.reload(select=chosen.id)

    def delete(self) -> None:
        """Delete the chosen measure with its progress; เลิกทำ (Ctrl+Z) brings it back."""
        chosen = self.current()
        if chosen is None:
            return
        snapshot = self.ctx.call(measures.delete_measure, chosen.id)
        if snapshot is None:
            return

        def restore() -> None:
            measure = measures.restore_measure(self.ctx.db, snapshot)
            self.reload(select=measure.id)

        self.ctx.push_undo(_("ลบมาตรการ «{title}»").format(title=chosen.title), restore)
        self.form.show_measure(None)
        self.reload()
        self.ctx.message.emit(_("ลบมาตรการแล้ว (กด Ctrl+Z เพื่อเลิกทำ)"))

    def copy_last_year(self, confirm: bool = True) -> None:
        source, target = self.ctx.year - 1, self.ctx.year
        question = _("คัดลอกมาตรการทั้งหมดของปีงบประมาณ {source} มาไว้ในปี {target} หรือไม่").format(
            source=digits(source), target=digits(target)
        )
        if confirm and not ask(self, _("คัดลอกมาตรการ"), question, _("คัดลอก")):
            return
        count = self.ctx.call(measures.copy_measures, source, target)
        if count is not None:
            self.ctx.message.emit(_("คัดลอกแล้ว {count} มาตรการ").format(count=digits(count)))
            self.reload()

    def commit_pending(self) -> None:
        self.form.commit()

    def unsaved(self) -> str:
        """What closing now would lose (Thai), or ''."""
        chosen = self.current()
        if chosen is None or not self.form.pending():
            return ""
        return _("การแก้ไขมาตรการ «{title}» ยังไม่ได้บันทึก").format(title=chosen.title)

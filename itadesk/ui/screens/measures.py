"""มาตรการ: the measures of the year in a tree beside the form of the chosen one."""

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QSplitter, QTreeView, QVBoxLayout, QWidget

from itadesk.db.models import Measure
from itadesk.domain.numerals import digits
from itadesk.services import measures, office
from itadesk.services.measures import MeasureInput
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import N_, _
from itadesk.ui.models.measures_model import TITLE, MeasureTreeModel
from itadesk.ui.screens.measure_form import WHOLE_YEAR, MeasureForm
from itadesk.ui.widgets.common import ask, button_row, heading, scrolling


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
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().selectionChanged.connect(self._selected)
        self.form = MeasureForm(ctx)
        self.form.saved.connect(self._form_saved)
        buttons = button_row(
            self,
            [
                (_("เพิ่มมาตรการ"), self.add_measure),
                (_("ทำสำเนา"), self.duplicate),
                (_("ลบ"), self.delete),
                (_("เลื่อนขึ้น"), lambda: self.move(-1)),
                (_("เลื่อนลง"), lambda: self.move(1)),
                (_("คัดลอกมาตรการจากปีก่อน…"), self.copy_last_year),
            ],
        )
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.tree)
        delete.activated.connect(self.delete)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(scrolling(self.form))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 580])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
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
        self.model.load(measures.list_measures(self.ctx.db, self.ctx.year), thai)
        self.tree.expandAll()
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        index = self.model.index_of(keep) if keep is not None else self.model.index(0, 0)
        if index.isValid() and self.model.measure(index) is None and self.model.rowCount(index):
            index = self.model.index(0, TITLE, index)
        self.tree.setCurrentIndex(index)
        self._reloading = False
        chosen = self.current()
        if chosen is None or chosen.id != self.form.measure_id or not from_form:
            self.form.show_measure(chosen)

    def current(self) -> Measure | None:
        return self.model.measure(self.tree.currentIndex())

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        if self._reloading:
            return
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

    def duplicate(self) -> None:
        chosen = self.current()
        if chosen is not None:
            copy = self.ctx.call(measures.duplicate_measure, chosen.id)
            if copy is not None:
                self.reload(select=copy.id)

    def move(self, offset: int) -> None:
        chosen = self.current()
        if chosen is not None and self.ctx.call(measures.move_measure, chosen.id, offset) is None:
            return
        self.reload()

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

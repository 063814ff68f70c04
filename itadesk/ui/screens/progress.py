"""ติดตามผล: the status of every measure at a reporting round, and its evidence."""

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from itadesk.db.models import Measure, ProgressEntry
from itadesk.domain.dates import ROUNDS
from itadesk.domain.numerals import digits
from itadesk.services import measures, office, progress
from itadesk.services.progress import entry_for
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import N_, _
from itadesk.ui.models.progress_model import FILES, GROUP, NUMBER, STATUS, TITLE, ProgressModel
from itadesk.ui.screens.progress_form import ProgressForm, input_of
from itadesk.ui.widgets.common import BreakableDelegate, WrapLabel, ask, heading, scrolling
from itadesk.ui.widgets.record_table import ChoiceDelegate, fit_rows


class ProgressScreen(QWidget):
    """A row per measure; the form below the table edits the chosen one."""

    title = N_("ติดตามผล")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._reloading = False
        self.heading = heading("")
        self.round = QComboBox()
        for months in ROUNDS:
            self.round.addItem(_("รอบ {n} เดือน").format(n=digits(months)), months)
        self.round.setCurrentIndex(ROUNDS.index(6))
        self.round.currentIndexChanged.connect(lambda _i: self.reload())
        self.counts = WrapLabel()
        self.empty = WrapLabel()
        self.empty.hide()
        self.carry = QPushButton(_("เริ่มจากรอบก่อน…"))
        self.carry.setToolTip(
            _(
                "คัดลอกสถานะ ผลการดำเนินการ และไฟล์หลักฐานของรอบก่อนหน้า "
                "ให้มาตรการที่ยังไม่ได้กรอกในรอบนี้"
            )
        )
        self.carry.clicked.connect(lambda _checked=False: self.start_from_previous())
        self.model = ProgressModel(self._save_status, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        fit_rows(self.table)
        self.table.setItemDelegate(BreakableDelegate(self.table))  # room for Thai marks
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setItemDelegateForColumn(
            STATUS,
            ChoiceDelegate(
                lambda: list(self.model.labels.items()), self.table, Qt.ItemDataRole.EditRole
            ),
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (GROUP, NUMBER, STATUS, FILES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.form = ProgressForm(ctx)
        self.form.saved.connect(self._form_saved)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("รอบรายงาน")))
        top.addWidget(self.round)
        top.addWidget(self.carry)
        top.addWidget(self.counts, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(scrolling(self.form))
        splitter.setSizes([300, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)

    @property
    def round_months(self) -> int:
        return int(self.round.currentData())

    def reload(self, select: int | None = None) -> None:
        current = self.current()
        keep = select if select is not None else (current.id if current else None)
        self.heading.setText(
            _("ติดตามผลการดำเนินการตามมาตรการ ปีงบประมาณ พ.ศ. {year}").format(
                year=digits(self.ctx.year)
            )
        )
        thai = office.get_office(self.ctx.db).thai_digits
        self.model.labels = progress.status_labels(self.ctx.db)
        self.form.set_labels(self.model.labels)
        self.form.round = self.round_months
        self._reloading = True
        rows = measures.list_measures(self.ctx.db, self.ctx.year)
        self.model.load(rows, self.round_months, thai)
        self.empty.setVisible(not rows)
        self.empty.set_thai(
            _("ยังไม่มีมาตรการของปี {year}: เพิ่มมาตรการที่หน้า «มาตรการ» ก่อน "
              "แล้วจึงบันทึกผลการดำเนินการของแต่ละรอบที่นี่").format(year=digits(self.ctx.year))
        )  # fmt: skip
        row = self.model.row_of(keep) if keep is not None else 0
        self.table.selectRow(max(row, 0))
        self._reloading = False
        index = self.table.currentIndex()
        measure, entry = self.model.rows[index.row()] if index.isValid() else (None, None)
        self.form.show_entry(measure, entry)
        self._show_counts()
        self.carry.setEnabled(bool(self._to_carry()))

    def start_from_previous(self, confirm: bool = True) -> None:
        """Give the measures not yet entered at this round what they had at the last one."""
        self.form.commit()
        count = len(self._to_carry())
        question = _(
            "คัดลอกสถานะ ผลการดำเนินการ และไฟล์หลักฐานของรอบก่อนหน้า มาเป็นจุดเริ่มต้นของ"
            "รอบ {months} เดือน ให้ {count} มาตรการที่ยังไม่ได้กรอกในรอบนี้หรือไม่ "
            "(มาตรการที่กรอกรอบนี้แล้วจะไม่ถูกเปลี่ยน)"
        ).format(months=digits(self.round_months), count=digits(count))
        if confirm and not ask(self, _("เริ่มจากรอบก่อน"), question, _("คัดลอก")):
            return
        done = self.ctx.call(progress.carry_forward, self.ctx.year, self.round_months)
        if done is not None:
            text = _("เริ่มรอบนี้จากรอบก่อนแล้ว {count} มาตรการ").format(count=digits(done))
            self.ctx.message.emit(text)
            self.reload()

    def _to_carry(self) -> list[ProgressEntry]:
        return progress.carried([measure for measure, _entry in self.model.rows], self.round_months)

    def _show_counts(self) -> None:
        counts = progress.round_counts(self.ctx.db, self.ctx.year, self.round_months)
        labels = self.model.labels
        shown = progress.counts_in(labels, counts)
        self.counts.set_thai(
            "   ".join(f"{_(label)} {digits(shown[s])}" for s, label in labels.items())
        )

    def current(self) -> Measure | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()][0] if index.isValid() else None

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        if self._reloading:
            return
        self.form.commit()
        index = self.table.currentIndex()
        if index.isValid():
            self.form.show_entry(*self.model.rows[index.row()])

    def _save_status(
        self, measure: Measure, entry: ProgressEntry | None, status: str
    ) -> ProgressEntry | None:
        data = input_of(entry)
        data.status = status
        if self.ctx.call(progress.set_progress, measure.id, self.round_months, data) is None:
            return None
        fresh = next(
            m for m in measures.list_measures(self.ctx.db, self.ctx.year) if m.id == measure.id
        )
        saved = entry_for(fresh, self.round_months)
        self._show_counts()
        chosen = self.current()
        if chosen is not None and chosen.id == measure.id:
            self.form.show_entry(fresh, saved)
        return saved

    def _form_saved(self, measure_id: int, _entry: object) -> None:
        self.reload(select=measure_id)

    def set_status(self, row: int, status: str) -> bool:
        """Choose a status in the table (as the combo box in the cell does)."""
        return self.model.setData(self.model.index(row, STATUS), status)

    def commit_pending(self) -> None:
        self.form.commit()

"""เอกสาร: choose a document and its options, edit the memo, preview, print, save as PDF."""

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QSplitter,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from itadesk.documents.columns import BANDS, MEASURE_KEYS, PRESETS, PROGRESS_KEYS
from itadesk.domain.dates import ROUNDS
from itadesk.domain.numerals import digits
from itadesk.errors import UserError
from itadesk.fileops import write_file
from itadesk.services import documents, office, print_log, years
from itadesk.services.documents import PrintOptions
from itadesk.services.kinds import KINDS, REGISTRY, DocumentKind
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import N_, _
from itadesk.ui.icons import icon
from itadesk.ui.printing import load_pdf, pdf_pages, print_pdf
from itadesk.ui.screens.memo_editor import MemoEditor
from itadesk.ui.tasks import Task
from itadesk.ui.widgets.column_chooser import ColumnChooser
from itadesk.ui.widgets.common import WrapLabel, button_row, heading, scrolling

LAYOUT_NAMES = {
    "": N_("คอลัมน์ที่หน่วยงานเลือกไว้"),
    "three": N_("สามช่องสถานะ (ยังไม่ดำเนินการ/อยู่ระหว่าง/เสร็จแล้ว)"),
    "two": N_("สองช่องสถานะ (ดำเนินการแล้ว/ยังไม่ดำเนินการ)"),
    "results": N_("ผลผลิต ผลลัพธ์ และหมายเหตุ"),
}
PREVIEW_DELAY_MS = 600
ZOOM_STEP, MIN_ZOOM, MAX_ZOOM = 1.25, 0.25, 4.0
PdfAction = Callable[[bytes], object]


class DocumentsScreen(QWidget):
    """Building and printing run in the thread pool; ``previewReady`` gives the page count."""

    title = N_("เอกสาร")
    previewReady = Signal(int)
    printed = Signal(int)
    buildFailed = Signal(str)
    docxSaved = Signal(str)  # the Word file's path, once written

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pdf: bytes | None = None
        self.pdf_key: object = None
        self._building: object = None
        self._keys: dict[object, object] = {}
        self._then: list[PdfAction] = []
        self._docx_path = Path()
        self.kind = QComboBox()
        for kind in REGISTRY:
            self.kind.addItem(_(kind.name), kind.key)
        self.round = QComboBox()
        for months in ROUNDS:
            self.round.addItem(_("รอบ {n} เดือน").format(n=digits(months)), months)
        self.round.setCurrentIndex(ROUNDS.index(6))
        self.layout_choice = QComboBox()  # a named layout fills the chooser below
        for layout in ("", *PRESETS):
            self.layout_choice.addItem(_(LAYOUT_NAMES.get(layout, layout)), layout)
        self.columns = ColumnChooser()
        self.band = QLineEdit()
        self.band.setPlaceholderText(BANDS["status"])
        self.columns_box = QGroupBox(_("คอลัมน์ของตาราง (ติ๊กเลือก เลื่อนขึ้นลง ดับเบิลคลิกเพื่อเปลี่ยนชื่อ)"))
        columns_form = QFormLayout(self.columns_box)
        columns_form.addRow(self.columns)
        columns_form.addRow(_("หัวกลุ่มช่องสถานะ"), self.band)
        for combo in (self.kind, self.layout_choice):  # long names: the list shows them whole
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(20)
            combo.currentTextChanged.connect(combo.setToolTip)
        self.landscape = QCheckBox(_("แนวนอน"))
        self.arabic = QCheckBox(_("ใช้เลขอารบิก"))
        self.answers = QCheckBox(_("มาตรการที่ตอบตัวชี้วัดที่ต่ำกว่าค่าเป้าหมาย"))
        self.history = QCheckBox(_("ผลการประเมินย้อนหลังทุกปี"))
        self.memo = MemoEditor(ctx)
        self.memo_box = QGroupBox(_("บันทึกข้อความ"))
        QVBoxLayout(self.memo_box).addWidget(self.memo)
        self.document = QPdfDocument(self)
        self._buffer: object = None
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.viewport().installEventFilter(self)  # Ctrl+wheel zooms
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setFixedWidth(64)  # a moving bar says "working"; its width says nothing
        self.busy.hide()
        self.state = WrapLabel()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.preview)
        self._connect()
        self._lay_out()

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(lambda _i: self._document_changed())
        self.round.currentIndexChanged.connect(lambda _i: self._document_changed())
        self.layout_choice.activated.connect(lambda _i: self.apply_layout())
        self.columns.changed.connect(lambda keys, titles: self.save_columns(keys, titles))
        self.band.editingFinished.connect(lambda: self.save_columns(*self._chosen))
        for box in (self.landscape, self.arabic, self.answers, self.history):
            box.toggled.connect(lambda _on: self.timer.start())
        self.memo.changed.connect(self.timer.start)

    def _lay_out(self) -> None:
        options = QFormLayout()
        options.addRow(_("เอกสาร"), self.kind)
        options.addRow(_("รอบรายงาน"), self.round)
        options.addRow(_("รูปแบบตาราง"), self.layout_choice)
        options.addRow("", self.landscape)
        options.addRow("", self.arabic)
        options.addRow("", self.answers)
        options.addRow("", self.history)
        left_body = QWidget()
        left = QVBoxLayout(left_body)
        left.addLayout(options)
        left.addWidget(self.columns_box)
        left.addLayout(button_row(self, [(_("รูปแบบเอกสารของหน่วยงาน…"), self.edit_paperwork)]))
        left.addWidget(self.memo_box)
        left.addStretch()
        actions = QVBoxLayout()  # two short rows: the screen fits 1024 px
        actions.addLayout(
            button_row(
                self,
                [(_("แสดงตัวอย่าง"), self.preview), (_("พิมพ์… (Ctrl+P)"), self.print_document)],
                icons=("preview", "print"),
            )
        )
        saves = button_row(
            self,
            [(_("บันทึกเป็น PDF…"), self.save_pdf), (_("บันทึกเป็นไฟล์ Word (.docx)…"), self.save_docx)],
            icons=("pdf",),
        )
        pdf_button = saves.itemAt(0).widget()
        pdf_button.setToolTip(_("บันทึกเป็น PDF (Ctrl+Shift+S)"))
        actions.addLayout(saves)
        status = QHBoxLayout()  # the zoom sits beside the status line, over the preview
        status.addWidget(self.busy)
        status.addWidget(self.state, 1)
        for name, tip, factor in (("zoom-in", _("ขยาย (Ctrl+หมุนล้อเมาส์)"), ZOOM_STEP),
                                  ("zoom-out", _("ย่อ (Ctrl+หมุนล้อเมาส์)"), 1 / ZOOM_STEP)):
            button = QToolButton()
            button.setIcon(icon(name))
            button.setToolTip(tip)
            button.clicked.connect(lambda _checked=False, f=factor: self.zoom(f))
            status.addWidget(button)
        fit = QToolButton()
        fit.setText(_("พอดีความกว้าง"))
        fit.clicked.connect(lambda _checked=False: self.zoom(None))
        status.addWidget(fit)
        right_body = QWidget()
        right = QVBoxLayout(right_body)
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(actions)
        right.addLayout(status)
        right.addWidget(self.view, 1)
        left_area = scrolling(left_body)
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        left_area.setMinimumWidth(left_body.minimumSizeHint().width() + bar)  # no side scrolling
        splitter = QSplitter()
        splitter.addWidget(left_area)
        splitter.addWidget(right_body)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        self.heading = heading("")
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)

    # choices -------------------------------------------------------------------------------
    @property
    def kind_code(self) -> str:
        return str(self.kind.currentData())

    @property
    def declared(self) -> DocumentKind:
        return KINDS[self.kind_code]

    @property
    def round_months(self) -> int | None:
        return int(self.round.currentData()) if self.declared.needs_round else None

    def document_year(self) -> int:
        """The year the chosen document is printed for (``DocumentKind.of_assessment``)."""
        return print_log.year_of(self.ctx.db, self.kind_code, self.ctx.year)

    def choose(self, kind: str, round_months: int | None = None) -> None:
        """Pick a document (and round) as the clerk would in the combo boxes."""
        if round_months is not None:
            self.round.setCurrentIndex(ROUNDS.index(round_months))
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def options(self) -> PrintOptions:
        declared = self.declared
        return PrintOptions(
            landscape=self.landscape.isChecked() and "landscape" in declared.options,
            arabic_digits=self.arabic.isChecked(),
            memo=self.memo.current() if declared.memo else None,
            answers=self.answers.isChecked() and "answers" in declared.options,
            history=self.history.isChecked() and "history" in declared.options,
        )

    def _key(self) -> object:
        return (self.document_year(), self.kind_code, self.round_months, repr(self.options()))

    def reload(self) -> None:
        """Coming back to the screen: data may have changed, so the preview is rebuilt."""
        self.heading.setText(
            _("เอกสารสำหรับพิมพ์ ปีงบประมาณ พ.ศ. {year}").format(year=digits(self.ctx.year))
        )
        self.arabic.blockSignals(True)
        self.arabic.setChecked(not office.get_office(self.ctx.db).thai_digits)
        self.arabic.blockSignals(False)
        self._document_changed()

    def _document_changed(self) -> None:
        kind = self.declared
        self.round.setEnabled(kind.needs_round)
        self.layout_choice.setEnabled("layout" in kind.options)
        self.landscape.setEnabled("landscape" in kind.options)
        self.answers.setVisible("answers" in kind.options)
        self.history.setVisible("history" in kind.options)
        self.memo_box.setVisible(bool(kind.memo))
        self._load_columns()
        if kind.memo:
            self.memo.load(kind.memo, self.ctx.year, self.round_months)
        self.pdf_key = None
        self.ctx.settled.emit()
        self.timer.start()

    # the table's columns ---------------------------------------------------------------------
    @property
    def table_kind(self) -> str:
        """The table the document prints: the progress table, or the measures table."""
        return "progress" if "layout" in self.declared.options else "measures"

    def _load_columns(self) -> None:
        """Show the office's columns for the document's table."""
        progress_table = self.table_kind == "progress"
        keys, headers = documents.table_columns(self.ctx.db, self.table_kind, PrintOptions())
        titles = dict(headers)
        self._chosen = (list(keys), titles)
        self.columns.set_columns(
            list(keys), titles, PROGRESS_KEYS if progress_table else MEASURE_KEYS
        )
        self.band.setText(titles.get("status", ""))
        self.band.setEnabled(progress_table)
        self.layout_choice.setCurrentIndex(0)

    def edit_paperwork(self) -> None:
        """Titles, paragraphs, sections and the rest of the office's shape, in a dialog."""
        from itadesk.ui.screens.paperwork_dialog import PaperworkDialog

        dialog = PaperworkDialog(self.ctx, self)
        if dialog.exec() and dialog.saved is not None:
            self.pdf_key = None
            self.timer.start()

    def apply_layout(self) -> None:
        """A named layout chosen: its columns and titles become the office's (and show)."""
        name = str(self.layout_choice.currentData())
        if name and self.table_kind == "progress":
            keys, titles = PRESETS[name]
            self.band.setText("")
            self.save_columns(list(keys), dict(titles))
            self._load_columns()

    def save_columns(self, keys: list[str], titles: dict[str, str]) -> None:
        """Keep the office's choice for this table (a wrong one is named, not kept) and
        rebuild the preview."""
        titles = dict(titles)
        if self.band.text().strip():
            titles["status"] = self.band.text().strip()
        if self.table_kind == "progress":
            saved = self.ctx.call(
                office.set_paperwork, columns={"progress": keys}, headers={"progress": titles}
            )
        else:
            saved = self.ctx.call(office.update_office, measure_columns=keys, column_titles=titles)
        if saved is not None:
            self._chosen = (keys, titles)
            self.pdf_key = None
            self.timer.start()

    # the preview ---------------------------------------------------------------------------
    def zoom(self, factor: float | None) -> None:
        """Zoom the preview by ``factor`` (within 25–400 %); None fits the page width."""
        if factor is None:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            return
        current = self.zoom_factor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(MAX_ZOOM, max(MIN_ZOOM, current * factor)))

    def zoom_factor(self) -> float:
        """The preview's scale (1.0: actual size), also while it fits the width."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or not self.document.pageCount():
            return float(self.view.zoomFactor())
        page = self.document.pagePointSize(0).width() * self.logicalDpiX() / 72
        margins = self.view.documentMargins()
        room = self.view.viewport().width() - margins.left() - margins.right()
        return room / page if page > 0 else 1.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom(ZOOM_STEP**steps)
            return True
        return super().eventFilter(watched, event)

    # building ------------------------------------------------------------------------------
    def preview(self) -> None:
        """Build the document again in the background and show it (the clerk asked: the data
        may have changed on another screen)."""
        self.timer.stop()
        self.pdf_key = None
        self._build()

    def _build(self) -> None:
        key = self._key()
        if key == self._building or (key == self.pdf_key and not self._then):
            return
        self._building = key
        self.busy.show()
        self.state.set_thai(_("กำลังสร้างเอกสาร…"))
        year = self.document_year()
        args = (self.ctx.db, self.kind_code, year, self.round_months, self.options())
        task = Task(documents.build_document, *args)
        self._keys[task.signals] = key
        # bound methods: Qt drops the connection if this screen is destroyed first
        task.signals.done.connect(self._built)
        task.signals.failed.connect(self._failed)
        task.start()

    def _key_of_sender(self) -> object:
        return self._keys.pop(self.sender(), None)

    def _built(self, pdf: bytes) -> None:
        key = self._key_of_sender()
        if key != self._building:
            return  # an older build finished after a newer one started
        self._building = None
        self.busy.hide()
        self.pdf, self.pdf_key = pdf, key
        self.document.close()
        document, buffer = load_pdf(pdf, self)
        self.view.setDocument(document)
        self.document.deleteLater()
        self.document, self._buffer = document, buffer
        pages = document.pageCount()
        warnings = documents.document_warnings(
            self.ctx.db, self.kind_code, self.document_year(), self.round_months
        )
        lines = [_("เอกสาร {pages} หน้า").format(pages=digits(pages))]
        if self.document_year() != self.ctx.year:
            lines[0] += " " + _("(ผลการประเมินปี {year} ที่ใช้วางแผนปี {plan})").format(
                year=digits(self.document_year()), plan=digits(self.ctx.year)
            )
        lines += [_("คำเตือน: {warning}").format(warning=warning) for warning in warnings]
        self.state.set_thai("\n".join(lines))
        self.previewReady.emit(pages)
        then, self._then = self._then, []
        for action in then:
            action(pdf)

    def _failed(self, message: str) -> None:
        if self._key_of_sender() != self._building:
            return
        self._building = None
        self._then = []
        self.busy.hide()
        # the previous document must not stay on screen, to be printed as if it were this one
        self.pdf, self.pdf_key = None, None
        self.document.close()
        if self.declared.no_result:
            message = self._no_result(message)
        message = _("สร้างเอกสารไม่ได้: {reason}").format(reason=message)
        self.state.set_thai(message)
        self.ctx.failed.emit(message)
        self.buildFailed.emit(message)

    def _no_result(self, message: str) -> str:
        """A kind that reads scores is the document of the year whose results it reads (this
        year's or, for a plan year, the year before's: document_year); neither has scores."""
        year = self.ctx.year
        if years.has_result(self.ctx.db, self.document_year()):
            return message  # the year has results: something else went wrong
        return _(self.declared.no_result).format(year=digits(year), previous=digits(year - 1))

    def _with_pdf(self, action: PdfAction) -> None:
        """Run ``action(pdf)`` with an up-to-date PDF, building it first if needed."""
        if self.declared.memo:
            self.memo.commit(keep=True)  # a printed memo keeps its number and date
        if self.pdf is not None and self.pdf_key == self._key():
            action(self.pdf)
            return
        self._then.append(action)
        self._build()

    # printing and saving -------------------------------------------------------------------
    def print_document(self, printer: QPrinter | None = None) -> None:
        """Print through the system print dialog (or straight to ``printer``)."""
        self._with_pdf(lambda pdf: self._print(pdf, printer))

    def _print(self, pdf: bytes, printer: QPrinter | None) -> None:
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle(_("พิมพ์เอกสาร"))
            dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange)
            dialog.setMinMax(1, max(1, pdf_pages(pdf)))
            if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                return
        self._printer = printer  # alive until the worker finishes
        self.busy.show()
        self.state.set_thai(_("กำลังส่งเอกสารไปพิมพ์…"))
        task = Task(print_pdf, pdf, printer)
        task.signals.done.connect(self._print_done)
        task.signals.failed.connect(self._print_failed)
        task.start()

    def _print_done(self, pages: int) -> None:
        self.busy.hide()
        self.state.set_thai(_("ส่งพิมพ์แล้ว {pages} หน้า").format(pages=digits(pages)))
        self._record("printer")
        self.ctx.message.emit(self.state.raw)
        self.printed.emit(pages)

    def _print_failed(self, message: str) -> None:
        self.busy.hide()
        self.state.set_thai(message)
        self.ctx.failed.emit(message)

    def default_file_name(self, suffix: str = "pdf") -> str:
        """A Thai name from the document's title, round and year, valid on Windows."""
        name = _(self.declared.file_name).format(
            year=self.document_year(), months=self.round_months
        )
        name = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "-", name).strip(" .")
        return f"{name}.{suffix}"

    def _ask_path(self, title: str, suffix: str, kind: str) -> Path | None:
        """A save dialog in the folder last used, suggesting the document's Thai name."""
        name, _filter = QFileDialog.getSaveFileName(
            self, title, str(self.ctx.start_folder() / self.default_file_name(suffix)), kind
        )
        if not name:
            return None
        path = Path(name)
        self.ctx.used_file(path)
        return path

    def save_pdf(self, path: Path | None = None) -> None:
        """Save the PDF (a file dialog unless ``path`` is given)."""
        path = path or self._ask_path(_("บันทึกเป็น PDF"), "pdf", _("เอกสาร PDF (*.pdf)"))
        if path is not None:
            self._with_pdf(lambda pdf: self._write(path, pdf, "pdf"))

    def save_docx(self, path: Path | None = None) -> None:
        """Save the Word copy of the document as chosen on screen (built off the UI thread)."""
        path = path or self._ask_path(_("บันทึกเป็นไฟล์ Word"), "docx", _("เอกสาร Word (*.docx)"))
        if path is None:
            return
        self._docx_path = path
        self.state.set_thai(_("กำลังสร้างไฟล์ Word…"))
        args = (self.ctx.db, self.kind_code, self.document_year(), self.round_months)
        task = Task(documents.build_document, *args, self.options(), "docx")
        task.signals.done.connect(self._docx_built)
        task.signals.failed.connect(self._docx_failed)
        task.start()

    def _docx_built(self, content: bytes) -> None:
        self.state.set_thai("")
        self._write(self._docx_path, content, "docx")
        self.docxSaved.emit(str(self._docx_path))

    def _docx_failed(self, message: str) -> None:
        message = _("สร้างไฟล์ Word ไม่ได้: {reason}").format(reason=message)
        self.state.set_thai(message)
        self.ctx.failed.emit(message)

    def _write(self, path: Path, content: bytes, output: str) -> None:
        try:
            write_file(path, content)
        except UserError as error:  # names the cause: open in Acrobat, write-protected, full
            self.ctx.failed.emit(str(error))
            return
        self._record(output)
        self.ctx.message.emit(_("บันทึก {name} แล้ว").format(name=path.name))

    def _record(self, output: str) -> None:
        """Note the document as printed, for ภาพรวม's checklist."""
        year, months = self.document_year(), self.round_months
        self.ctx.call(print_log.record_printed, self.kind_code, year, months, output)

    def commit_pending(self) -> None:
        self.memo.commit()

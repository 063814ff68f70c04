"""ผลการประเมิน: the ten indicator scores, the computed result, the chart and the analysis."""

from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from itadesk.domain.catalogue import load_catalogue, question_topics
from itadesk.domain.numerals import digits, format_score
from itadesk.domain.scoring import INDICATORS, SCORE_RANGE, assess, target_label
from itadesk.errors import NotFoundError, UserError
from itadesk.services import office, years
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import N_, _
from itadesk.ui.screens.history_panel import HistoryPanel
from itadesk.ui.widgets.bar_chart import BarChart
from itadesk.ui.widgets.common import CommitTextEdit, WrapLabel, button_row, heading, scrolling
from itadesk.ui.widgets.number_field import NumberField
from itadesk.ui.widgets.record_table import Column, RecordTable
from itadesk.ui.widgets.thai_date import ThaiDateEdit

_WARN = "color: #b03a2e; font-weight: bold;"
TARGET = 1  # the findings column of the indicator/question codes


def score_field(label: str) -> NumberField:
    return NumberField(label, *SCORE_RANGE, what="คะแนน")


class TargetDelegate(QStyledItemDelegate):
    """Shows ``ind4 i5`` as the clerk reads it: ``ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ, i๕``.

    The cell keeps the codes, which are what the clerk types when editing it.
    """

    def __init__(self, screen: "ResultsScreen") -> None:
        super().__init__(screen)
        self.screen = screen

    def displayText(self, value: object, _locale: QLocale) -> str:
        return target_label(str(value or ""), self.screen.thai)


class ResultsScreen(QWidget):
    """Scores are checked at the field and saved once all ten are valid.

    Until then what is typed is kept per year for the session (``drafts``), so switching
    screens or years loses nothing, and closing the window asks first (``unsaved``).
    """

    title = N_("ผลการประเมิน")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.thai = True
        self.drafts: dict[int, list[str]] = {}  # year → the ten score fields, not all valid
        self.year = ctx.year  # the assessment year shown (see reload)
        self.own_years: set[int] = set()  # plan years whose own scores the clerk asked for
        self.own_button = QPushButton()
        self.own_button.clicked.connect(lambda _checked=False: self.show_own_year())
        self.item_texts: dict[str, str] = {}  # code → text of the items offered as low
        self.heading = heading("")
        self.scores = [
            score_field(_("คะแนนตัวชี้วัดที่ {n}").format(n=digits(i.number))) for i in INDICATORS
        ]
        self.official = score_field(_("คะแนนภาพรวมที่ประกาศ"))
        self.official_level = QLineEdit()
        self.official_level.setMaximumWidth(160)
        self.tools = {
            tool: score_field(_("คะแนน {tool}").format(tool=tool)) for tool in years.TOOL_PARTS
        }
        for field in self.tools.values():
            field.setMinimumWidth(field.fontMetrics().horizontalAdvance("100.00") + 16)
            field.setMaximumWidth(field.fontMetrics().horizontalAdvance("100.00") * 2)
        for field in (*self.scores, self.official, *self.tools.values()):
            field.textEdited.connect(self._show_live)
            field.committed.connect(self._save_scores)
            field.refused.connect(self.ctx.failed)
        self.official_level.editingFinished.connect(self._save_scores)
        self.summary = WrapLabel()
        self.warning = WrapLabel()
        self.warning.setStyleSheet(_WARN)
        self.chart = BarChart()
        self.low_items = RecordTable(
            [Column(_("รหัสข้อ"), stretch=False), Column(_("ข้อคำถาม/รายการ")),
             Column(_("คะแนน"), stretch=False)]
        )
        self.low_items.rowCommitted.connect(lambda _row: self._save_low_items())
        self.pick_item = QComboBox()  # the year's items with their texts, to add one
        self.pick_item.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.pick_item.setMinimumContentsLength(30)
        self.pick_item.activated.connect(self._pick_low_item)
        self.findings = RecordTable(
            [Column(_("หัวข้อประเด็น (เว้นว่างได้)")), Column(_("ตัวชี้วัด/ข้อ")),
             Column(_("ประเด็นที่ต้องแก้ไข")), Column(_("แนวทางแก้ไข"))]
        )  # fmt: skip
        self.findings.setItemDelegateForColumn(TARGET, TargetDelegate(self))
        self.findings.horizontalHeaderItem(TARGET).setToolTip(
            _("พิมพ์ ind1–ind10 สำหรับตัวชี้วัด หรือรหัสข้อ เช่น i4 e3 o12")
        )
        self.findings.rowCommitted.connect(self._save_finding)
        # the analysis report's texts, saved under the names update_analysis takes
        self.texts = {
            "intro": (_("ย่อหน้าสรุปผล (ต้นรายงาน)"), CommitTextEdit(lines=3)),
            "finding_intro": (_("ข้อความใต้หัวข้อประเด็น"), CommitTextEdit(lines=2)),
            "limits": (_("ปัญหา/อุปสรรค"), CommitTextEdit(lines=4)),
            "suggestions": (_("ข้อเสนอแนะ"), CommitTextEdit(lines=4)),
            "preface": (_("คำนำ (เว้นว่างถ้าไม่ใช้)"), CommitTextEdit(lines=4)),
        }
        for name, (_label, edit) in self.texts.items():
            edit.editingFinished.connect(lambda name=name, edit=edit: self._save_text(name, edit))
        self.preface_dated = QCheckBox(_("ระบุวันที่"))
        self.preface_dated.setToolTip(_("ถ้าไม่ระบุ คำนำจะลงวันที่ที่พิมพ์"))
        self.preface_date = ThaiDateEdit()
        self.preface_dated.toggled.connect(self._save_preface_date)
        self.preface_date.changed.connect(self._save_preface_date)
        self.tabs_note = WrapLabel(
            _("ข้อที่ได้คะแนนต่ำ ประเด็นที่ต้องแก้ไข และข้อความในรายงาน "
              "กรอกได้เมื่อบันทึกคะแนนครบทั้ง ๑๐ ตัวชี้วัดแล้ว")
        )  # fmt: skip
        self.tabs_note.setStyleSheet(_WARN)
        self.history = HistoryPanel(ctx)
        self._lay_out()

    def _lay_out(self) -> None:
        grid = QGridLayout()
        for row, (indicator, field) in enumerate(zip(INDICATORS, self.scores, strict=True)):
            grid.addWidget(QLabel(indicator.tool), row, 0)
            grid.addWidget(QLabel(f"{digits(indicator.number)}. {indicator.name}"), row, 1)
            grid.addWidget(field, row, 2)
        grid.setColumnStretch(1, 1)
        scores_box = QGroupBox(_("คะแนนรายตัวชี้วัด (เลขไทยหรือเลขอารบิก)"))
        scores_box.setLayout(grid)
        official = QFormLayout()
        official.addRow(_("คะแนนภาพรวมที่ประกาศ"), self.official)
        official.addRow(_("ระดับที่ประกาศ"), self.official_level)
        tools = QGridLayout()  # tool names above their fields: narrow enough for 1024 px
        for column, (tool, field) in enumerate(self.tools.items()):
            tools.addWidget(QLabel(tool), 0, column)
            tools.addWidget(field, 1, column)
        tools.setColumnStretch(len(self.tools), 1)
        official.addRow(QLabel(_("คะแนนรายเครื่องมือ")))
        official.addRow(tools)
        official_box = QGroupBox(_("ตามที่ประกาศผล (ไม่บังคับ)"))
        official_box.setLayout(official)
        left = QVBoxLayout()
        left.addWidget(scores_box)
        left.addWidget(official_box)
        left.addStretch()
        result_box = QGroupBox(_("ผลที่คำนวณจากตัวชี้วัด"))
        result = QVBoxLayout(result_box)
        result.addWidget(self.summary)
        result.addWidget(self.warning)
        result.addWidget(self.chart, 1)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addWidget(result_box, 1)

        self.tabs = QTabWidget()
        low_page = self._table_page(self.low_items, self._remove_low_item)
        picker = QHBoxLayout()
        picker.addWidget(QLabel(_("เพิ่มข้อจากรายการ")))
        picker.addWidget(self.pick_item, 1)
        low_layout = low_page.layout()
        assert isinstance(low_layout, QVBoxLayout)
        low_layout.insertLayout(0, picker)
        self.tabs.addTab(low_page, _("ข้อที่ได้คะแนนต่ำ"))
        self.tabs.addTab(self._table_page(self.findings, self._remove_finding), _("ประเด็นที่ต้องแก้ไข"))
        texts = QWidget()
        form = QFormLayout(texts)
        for label, edit in self.texts.values():
            form.addRow(label, edit)
        dated = QHBoxLayout()
        dated.addWidget(self.preface_dated)
        dated.addWidget(self.preface_date)
        dated.addStretch()
        form.addRow(_("วันที่ในคำนำ"), dated)
        self.tabs.addTab(texts, _("ข้อความในรายงาน"))
        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(top)
        column.addWidget(self.tabs_note)
        column.addWidget(self.tabs)
        history_box = QGroupBox(_("ผลการประเมินทุกปีที่กรอกไว้"))
        QVBoxLayout(history_box).addWidget(self.history)
        column.addWidget(history_box)
        outer = QVBoxLayout(self)
        title = QHBoxLayout()
        title.addWidget(self.heading, 1)
        title.addWidget(self.own_button)
        outer.addLayout(title)
        outer.addWidget(scrolling(body), 1)

    def _table_page(self, table: RecordTable, remove: object) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(table)
        layout.addLayout(button_row(page, [(_("เพิ่มแถว"), table.add_row), (_("ลบแถว"), remove)]))
        table.setMinimumHeight(160)
        return page

    # loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        plan = self.ctx.year
        own = plan in self.own_years or plan in self.drafts
        self.year = year = plan if own else years.assessment_year_for(self.ctx.db, plan)
        self.thai = office.get_office(self.ctx.db).thai_digits
        if year == plan:
            title = _("ผลการประเมิน ITA ปีงบประมาณ พ.ศ. {year}").format(year=digits(year))
        else:
            title = _("ผลการประเมินปี {year} ที่ใช้วางแผนปี {plan}").format(
                year=digits(year), plan=digits(plan)
            )
        self.heading.setText(title)
        self.own_button.setText(
            _("กรอกผลการประเมินของปี {plan}").format(plan=digits(plan))
        )
        self.own_button.setVisible(year != plan)
        try:
            result = years.get_result(self.ctx.db, year)
        except NotFoundError:
            result = None
        scores = list(result.scores) if result else [""] * len(self.scores)
        scores = self.drafts.get(year, scores)
        for field, value in zip(self.scores, scores, strict=True):
            field.set_value(value)
        self.official.set_value(result.official_overall or "" if result else "")
        self.official_level.setText(result.official_level if result else "")
        for tool, field in self.tools.items():
            field.set_value(result.tool_scores.get(tool, "") if result else "")
        self._enable_tabs(result is not None)
        self.pick_item.clear()
        self.pick_item.addItem(_("เลือกข้อคำถามหรือข้อ OIT ที่ได้คะแนนต่ำ…"), None)
        # IIT/EIT questions with their topics and indicator, then the year's OIT items
        topics = question_topics()
        for code, number in load_catalogue().questions.items():
            indicator = INDICATORS[number - 1]
            label = _("{code} {topic} (ตัวชี้วัดที่ {n} {tool})").format(
                code=digits(code, self.thai), topic=topics[code], n=digits(number),
                tool=indicator.tool,
            )  # fmt: skip
            self.pick_item.addItem(label, code)
        items = {i.code: i.name for i in years.oit_items(self.ctx.db, year)}
        for code, text in items.items():
            self.pick_item.addItem(f"{digits(code, self.thai)} {text}", code)
        self.item_texts = topics | items
        self.low_items.set_rows(
            [(None, [i["code"], i["text"], i.get("score") or ""]) for i in result.low_items]
            if result
            else []
        )
        self.findings.set_rows(
            [(f.id, [f.heading, f.target, f.issue, f.action]) for f in result.findings]
            if result
            else []
        )
        for name, (_label, edit) in self.texts.items():
            edit.set_text(getattr(result, name) if result else "")
        chosen = result.preface_date if result else None
        self.preface_dated.blockSignals(True)
        self.preface_dated.setChecked(chosen is not None)
        self.preface_dated.blockSignals(False)
        self.preface_date.set_date(chosen or date.today())
        self.preface_date.setEnabled(chosen is not None)
        self.history.reload(self.thai)
        self._show_live()

    def _show_live(self) -> None:
        """Recompute the overall score, level and tools from what is typed now."""
        values = [field.value() for field in self.scores]
        self.chart.set_scores(values, self.thai)
        bad = next((text for field in self.scores if (text := field.problem())), "")
        if bad:
            self.summary.set_thai(
                _("{problem}\nแก้ให้ถูกต้องแล้วระบบจะคำนวณคะแนนภาพรวม").format(problem=bad)
            )
            self.warning.set_thai("")
            return
        if any(v is None for v in values):
            self.summary.set_thai(_("กรอกคะแนนให้ครบ ๑๐ ตัวชี้วัด แล้วระบบจะคำนวณคะแนนภาพรวม"))
            self.warning.set_thai("")
            return
        tools = {t: v for t, f in self.tools.items() if (v := f.value()) is not None}
        try:
            result = assess(self.year, [v for v in values if v is not None],
                            self.official.value(), tools)  # fmt: skip
        except UserError as error:
            self.summary.set_thai(str(error))
            return
        tool_text = "  ".join(
            f"{tool} {format_score(score, self.thai)}" for tool, score in result.tool_scores.items()
        )
        self.summary.set_thai(
            _("คะแนนภาพรวม {overall} ระดับ {level}\n{tools}").format(
                overall=format_score(result.overall, self.thai), level=result.level,
                tools=tool_text,
            )
        )  # fmt: skip
        self.warning.set_thai(result.mismatch_message())

    # saving --------------------------------------------------------------------------------
    def _save_scores(self) -> None:
        texts = [field.text() for field in self.scores]
        if any(field.value() is None for field in self.scores):
            self.drafts[self.year] = texts
            self.ctx.message.emit(_("จะบันทึกเมื่อกรอกคะแนนครบ ๑๐ ตัวชี้วัด"))
            return
        self.drafts.pop(self.year, None)
        saved = self.ctx.call(
            years.record_scores, self.year, texts,
            official_overall=self.official.text(),
            official_level=self.official_level.text(),
            tool_scores={tool: field.text() for tool, field in self.tools.items()},
        )  # fmt: skip
        if saved is None:
            self.reload()
            return
        self._enable_tabs(True)
        self.history.reload(self.thai)
        self.ctx.message.emit(_("บันทึกคะแนนแล้ว"))

    def _enable_tabs(self, on: bool) -> None:
        """The analysis belongs to a stored result: until then the tabs wait and say why."""
        self.tabs.setEnabled(on)
        self.tabs_note.setVisible(not on)

    def _save_preface_date(self) -> None:
        chosen = self.preface_dated.isChecked()
        self.preface_date.setEnabled(chosen)
        day = self.preface_date.date() if chosen else None
        if self.ctx.call(years.update_analysis, self.year, preface_date=day) is None:
            self.reload()

    def _save_text(self, name: str, edit: CommitTextEdit) -> None:
        if self.ctx.call(years.update_analysis, self.year, **{name: edit.text()}) is None:
            self.reload()

    def _save_low_items(self) -> None:
        items = [
            {"code": code, "text": text, "score": score}
            for _key, (code, text, score) in self.low_items.all_rows()
            if code.strip()
        ]
        self.ctx.call(years.update_analysis, self.year, low_items=items)  # a refusal is said;
        # the rows stay as typed, to be corrected (the next edit saves them all)

    def _pick_low_item(self, index: int) -> None:
        """Add the chosen item with its text; the clerk types its score."""
        code = self.pick_item.itemData(index)
        self.pick_item.setCurrentIndex(0)
        if code is None:
            return
        text = self.item_texts.get(code, "")
        if code not in [values[0] for _key, values in self.low_items.all_rows()]:
            self.low_items.set_rows([*self.low_items.all_rows(), (None, [code, text, ""])])
            self._save_low_items()
        row = [values[0] for _key, values in self.low_items.all_rows()].index(code)
        column = 2 if text else 1  # the score next, or first the question's text
        self.low_items.setCurrentCell(row, column)
        self.low_items.editItem(self.low_items.item(row, column))

    def _remove_low_item(self) -> None:
        if self.low_items.currentRow() < 0:
            self.ctx.message.emit(_("เลือกแถวที่จะลบในตารางก่อน"))
            return
        self.low_items.removeRow(self.low_items.currentRow())
        self._save_low_items()

    def _save_finding(self, row: int) -> None:
        key, (heading, target, issue, action) = self.findings.key(row), self.findings.values(row)
        if key is None and not (target.strip() and issue.strip()):
            return
        finding = self.ctx.call(
            years.save_finding, self.year, target, issue, action,
            finding_id=key if isinstance(key, int) else None, heading=heading,
        )  # fmt: skip
        if finding is not None:  # a refusal is said; the row stays as typed, to be corrected
            self.findings.set_key(row, finding.id)

    def _remove_finding(self) -> None:
        row = self.findings.currentRow()
        if row < 0:
            self.ctx.message.emit(_("เลือกแถวที่จะลบในตารางก่อน"))
            return
        key = self.findings.key(row)
        if isinstance(key, int):
            snapshot = self.ctx.call(years.delete_finding, key)
            if snapshot is None:
                return
            year = self.year
            self.ctx.push_undo(
                _("ลบประเด็นที่ต้องแก้ไข"),
                lambda: (years.restore_finding(self.ctx.db, year, snapshot), self.reload()),
            )
        self.findings.removeRow(row)

    def show_own_year(self) -> None:
        """Enter the chosen year's own scores rather than the year before's."""
        self.own_years.add(self.ctx.year)
        self.reload()

    def unsaved(self) -> str:
        """What closing now would lose (Thai), or ''."""
        if not self.drafts:
            return ""
        listed = ", ".join(digits(year) for year in sorted(self.drafts))
        return _("คะแนนของปีงบประมาณ {years} ยังกรอกไม่ครบ ๑๐ ตัวชี้วัด จึงยังไม่ได้บันทึก").format(
            years=listed
        )

    def commit_pending(self) -> None:
        """Fields save when they are left; nothing waits."""

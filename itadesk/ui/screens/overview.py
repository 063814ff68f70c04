"""ภาพรวม: the chosen year as a checklist; each line opens the screen that does it."""

from datetime import date

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QGroupBox, QPushButton, QVBoxLayout, QWidget

from itadesk.domain.dates import thai_date
from itadesk.domain.numerals import digits, format_score
from itadesk.services import office
from itadesk.services.kinds import REGISTRY
from itadesk.services.overview import Overview, year_overview
from itadesk.ui.context import AppContext
from itadesk.ui.i18n import N_, _
from itadesk.ui.icons import icon
from itadesk.ui.widgets.common import WrapLabel, heading, scrolling

FIELD_NAMES = {
    "name": N_("ชื่อหน่วยงาน"),
    "district": N_("อำเภอ"),
    "province": N_("จังหวัด"),
    "department": N_("ส่วนราชการ (หัวบันทึก)"),
    "writer": N_("ผู้จัดทำบันทึกข้อความ"),
}
ICON_SIZE = QSize(22, 22)


class OverviewScreen(QWidget):
    """``opened(screen, round)`` asks the window for a screen (and a round of ติดตามผล, or 0)."""

    title = N_("ภาพรวม")
    opened = Signal(str, int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today: date | None = None  # a fixed day in tests; None: today
        self.heading = heading("")
        self.deadline = WrapLabel()
        font = self.deadline.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.deadline.setFont(font)
        self.checklist = QVBoxLayout()
        self.weakest = QVBoxLayout()
        self.lines: list[QPushButton] = []
        steps = QGroupBox(_("ขั้นตอนของปีนี้ (คลิกเพื่อไปทำ)"))
        steps.setLayout(self.checklist)
        self.weak_box = QGroupBox()
        self.weak_box.setLayout(self.weakest)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.deadline)
        column.addWidget(steps)
        column.addWidget(self.weak_box)
        column.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scrolling(body), 1)

    def reload(self) -> None:
        year = self.ctx.year
        self.heading.setText(_("ภาพรวมปีงบประมาณ พ.ศ. {year}").format(year=digits(year)))
        facts = year_overview(self.ctx.db, year, self.today)
        thai = office.get_office(self.ctx.db).thai_digits
        for line in self.lines:  # out of the layout now, not when Qt gets to deleting it
            line.setParent(None)
            line.deleteLater()
        self.lines = []
        self._show_deadline(facts, thai)
        self._fill_checklist(facts)
        self._fill_weakest(facts, thai)

    def _line(
        self, box: QVBoxLayout, state: str, text: str, screen: str, months: int = 0,
        year: int = 0,
    ) -> None:  # fmt: skip
        """A line that opens ``screen`` (at round ``months``), in ``year`` when given."""
        button = QPushButton(icon(state), text)
        button.setIconSize(ICON_SIZE)
        button.setFlat(True)
        button.setStyleSheet("QPushButton { text-align: left; padding: 4px 8px; }")
        button.setProperty("state", state)
        button.setProperty("screen", screen)
        button.setProperty("round", months)
        button.clicked.connect(lambda _checked=False: self._open(screen, months, year))
        box.addWidget(button)
        self.lines.append(button)

    def _open(self, screen: str, months: int, year: int) -> None:
        if year:
            self.ctx.set_year(year)
        self.opened.emit(screen, months)

    def _show_deadline(self, facts: Overview, thai: bool) -> None:
        upcoming = facts.next_round
        if upcoming is None:
            self.deadline.set_thai(_("ทุกรอบรายงานของปีนี้สิ้นสุดแล้ว"))
            return
        self.deadline.set_thai(
            _("รอบถัดไป: รอบ {n} เดือน สิ้นสุด {end} (อีก {days} วัน)").format(
                n=digits(upcoming.months, thai), end=thai_date(upcoming.end, thai_digits=thai),
                days=digits(facts.days_left, thai),
            )
        )  # fmt: skip

    def _fill_checklist(self, facts: Overview) -> None:
        box, year = self.checklist, facts.year
        missing = [_(FIELD_NAMES[name]) for name in facts.missing_profile]
        if missing:
            text = _("ข้อมูลหน่วยงาน: ยังขาด {fields}").format(fields=", ".join(missing))
        else:
            text = _("ข้อมูลหน่วยงานครบแล้ว")
        self._line(box, "todo" if missing else "done", text, "office")
        if facts.chain_steps:
            text = _("ลำดับผู้พิจารณาบันทึกข้อความ {n} ขั้น").format(n=digits(facts.chain_steps))
        else:
            text = _("ยังไม่ได้กำหนดลำดับผู้พิจารณาบันทึกข้อความ")
        self._line(box, "done" if facts.chain_steps else "todo", text, "office")
        scored = digits(facts.assessment_year)
        if facts.has_scores:
            text = _("กรอกผลการประเมินปี {scored} แล้ว").format(scored=scored)
        else:
            text = _("ยังไม่ได้กรอกผลการประเมินปี {scored} (ใช้วางแผนปี {year})").format(
                scored=scored, year=digits(year)
            )
        # with no scores the line opens the year before, whose result the plan is built on
        self._line(box, "done" if facts.has_scores else "todo", text, "results",
                   year=0 if facts.has_scores else facts.assessment_year)  # fmt: skip
        if facts.measures:
            counts = ", ".join(f"{group} {digits(n)}" for group, n in facts.measures.items())
            text = _("มาตรการปี {year}: {counts}").format(year=digits(year), counts=counts)
        else:
            text = _("ยังไม่มีมาตรการของปี {year}").format(year=digits(year))
        self._line(box, "done" if facts.measures else "todo", text, "measures")
        states = {"done": _("ครบแล้ว"), "partly": _("กำลังกรอก"), "todo": _("ยังไม่เริ่ม")}
        for state in facts.rounds:
            text = _("รอบ {n} เดือน (สิ้นสุด {end}): {state} กรอกแล้ว {entered} จาก {total} มาตรการ")
            text = text.format(
                n=digits(state.months), end=thai_date(state.end, abbreviated=True),
                state=states[state.state], entered=digits(state.entered),
                total=digits(state.total),
            )  # fmt: skip
            self._line(box, state.state, text, "progress", state.months)
        for kind in REGISTRY:  # what was printed or saved as a file, per document
            rounds = [months or 0 for key, months in facts.printed if key == kind.key]
            name = _(kind.name)
            if not rounds:
                text = _("{name}: ยังไม่ได้พิมพ์").format(name=name)
            elif kind.needs_round:
                listed = ", ".join(digits(m) for m in rounds)
                text = _("{name}: พิมพ์แล้ว รอบ {rounds} เดือน").format(name=name, rounds=listed)
            else:
                text = _("{name}: พิมพ์แล้ว").format(name=name)
            self._line(box, "done" if rounds else "todo", text, "documents")

    def _fill_weakest(self, facts: Overview, thai: bool) -> None:
        self.weak_box.setTitle(
            _("ตัวชี้วัดที่คะแนนต่ำที่สุด (ผลการประเมินปี {year})").format(
                year=digits(facts.assessment_year)
            )
        )
        if not facts.weakest:
            self._line(self.weakest, "todo", _("กรอกคะแนนแล้วจะเห็นตัวชี้วัดที่ควรยกระดับ"), "results",
                       year=facts.assessment_year)  # fmt: skip
            return
        for indicator, score in facts.weakest:
            text = _("ตัวชี้วัดที่ {n} {name} ({tool}) {score} คะแนน").format(
                n=digits(indicator.number), name=indicator.name, tool=indicator.tool,
                score=format_score(score, thai),
            )  # fmt: skip
            self._line(self.weakest, "warning", text, "results")

    def commit_pending(self) -> None:
        """Nothing is edited here."""

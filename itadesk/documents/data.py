"""Plain data the documents print: frozen dataclasses, no ORM, no Qt.

Text fields are printed as given, except that every digit is printed Thai (or Arabic when
``DocumentOptions.arabic_digits`` is set). Numbers such as a measure's ``number`` are
plain ints; dates are ``datetime.date`` (printed ``๓ เมษายน ๒๕๖๖``) or already-written text.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

NBSP = "\xa0"  # no line break on either side (๕.\xa0ชื่อ, ๑๕\xa0มาตรการ); copies as a space


class Status(StrEnum):
    """Where a measure stands in a reporting round."""

    NOT_STARTED = "not_started"  # ยังไม่ดำเนินการ
    IN_PROGRESS = "in_progress"  # อยู่ระหว่างดำเนินการ
    DONE = "done"  # ดำเนินการเสร็จเรียบร้อยแล้ว


class ProgressLayout(StrEnum):
    """Layouts of the progress table."""

    THREE = "three"  # ยังไม่ดำเนินการ / อยู่ระหว่างดำเนินการ / ดำเนินการเสร็จเรียบร้อยแล้ว
    TWO = "two"  # ดำเนินการแล้ว / ยังไม่ดำเนินการ
    RESULTS = "results"  # รายละเอียด / ระยะเวลา / ผลผลิต / ผลลัพธ์ / หมายเหตุ


@dataclass(frozen=True)
class Measure:
    """One measure (มาตรการ) with the texts of every column it may be printed in."""

    number: int
    title: str
    practice: str = ""
    steps: tuple[str, ...] = ()  # each printed as "- step"
    owner: str = ""
    period: str = ""  # "ต.ค. ๖๕ – มี.ค. ๖๖"
    follow_up: str = ""


@dataclass(frozen=True)
class MeasureGroup:
    """Measures under one heading, e.g. "มาตรการ/แนวทาง ยกระดับ IIT"."""

    heading: str
    measures: tuple[Measure, ...]


DEFAULT_COLUMNS = ("measure", "steps", "owner", "period", "follow_up")
"""Keys of ``columns.MEASURE_COLUMNS`` an office prints unless it chooses others."""


@dataclass(frozen=True)
class MeasuresTable:
    """The measures table: ``columns`` are keys of ``columns.MEASURE_COLUMNS``; ``headers``
    overrides their titles (e.g. ("measure", "หัวข้อ"))."""

    title_lines: tuple[str, ...]
    groups: tuple[MeasureGroup, ...]
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    landscape: bool = False
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ProgressItem:
    """A measure's progress in a round; ``results`` layout uses the last four fields."""

    measure: Measure
    status: Status = Status.NOT_STARTED
    evidence: str = ""  # printed under the ✓, e.g. "(ตรวจสอบได้จากเว็บไซต์ของหน่วยงาน)"
    details: str = ""  # what was done (รายละเอียดการดำเนินงาน)
    outputs: str = ""  # ผลผลิต
    outcomes: str = ""  # ผลลัพธ์
    remark: str = ""  # หมายเหตุ


@dataclass(frozen=True)
class ProgressGroup:
    """Progress items under one heading, e.g. "มาตรการ/แนวทาง ยกระดับ IIT"."""

    heading: str
    items: tuple[ProgressItem, ...]


@dataclass(frozen=True)
class ProgressReport:
    """The progress table of a round, in one of three layouts, with a status summary."""

    title_lines: tuple[str, ...]
    groups: tuple[ProgressGroup, ...]
    layout: ProgressLayout = ProgressLayout.THREE
    landscape: bool = False
    summary: bool = True


@dataclass(frozen=True)
class Signer:
    """A person who signs: name, position and, when acting, whom they act for.

    ``position="รองปลัดเทศบาล รักษาราชการแทน"``, ``acting_for="ปลัดเทศบาลตำบลท่าแพ"``
    prints the two lines of an acting title.
    """

    name: str
    position: str
    acting_for: str = ""
    # a PNG with a transparent background, printed above the name (about 1.3 cm high) in
    # place of the blank signing space; None leaves the space blank
    signature: bytes | None = None


@dataclass(frozen=True)
class Reviewer:
    """One step of the memo's reviewer chain."""

    label: str  # "ความเห็นผู้อำนวยการกอง....."
    signer: Signer
    comment: str = ""  # pre-printed, e.g. "ทราบ"
    lines: int = 2  # dotted lines to write on


Table = MeasuresTable | ProgressReport


@dataclass(frozen=True)
class MemoPart:
    """A part of the memo body: an optional title, paragraphs, then an optional table.

    ``table_title`` lines print bold and centred above the table.
    """

    title: str = ""  # "เรื่องเดิม", "ข้อเท็จจริง", "ข้อพิจารณา"; "" for free paragraphs
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None
    after: tuple[str, ...] = ()  # paragraphs after the table


@dataclass(frozen=True)
class Memo:
    """บันทึกข้อความ: header, titled body parts, closing, signature and reviewer chain."""

    office: str  # ส่วนราชการ
    subject: str  # เรื่อง
    to: str  # เรียน
    parts: tuple[MemoPart, ...]
    writer: Signer
    date: dt.date | str = ""
    ref_no: str = ""  # ที่
    phone: str = ""  # โทร
    closing: str = "จึงเรียนมาเพื่อโปรดทราบ"
    reviewers: tuple[Reviewer, ...] = ()
    attachments: tuple[Table, ...] = ()  # each starts on a new page
    emblem: bytes | None = None  # the Garuda image (PNG/JPEG bytes), printed 1.5 cm high


@dataclass(frozen=True)
class IndicatorScore:
    """One of the ten ITA indicators in the result."""

    tool: str  # "IIT", "EIT", "OIT"
    number: int
    name: str
    score: float


@dataclass(frozen=True)
class Finding:
    """A low-scoring question (codes like "i4", "e12", "o12"), its issue and what to do."""

    codes: tuple[str, ...]
    issue: str
    action: str = ""  # "ดังนั้น หน่วยงานควร…"


@dataclass(frozen=True)
class FindingGroup:
    """Findings under one issue heading (ประเด็นที่ ๑ …)."""

    title: str
    findings: tuple[Finding, ...]
    intro: str = ""


@dataclass(frozen=True)
class Preface:
    """The optional คำนำ page, signed by the office with a place and date."""

    paragraphs: tuple[str, ...]
    signed_by: str  # "สำนักงานเทศบาลตำบลนาดูน"
    date: dt.date | str = ""


@dataclass(frozen=True)
class YearResult:
    """One assessed year in the comparison of past years."""

    year: int  # BE
    tools: tuple[tuple[str, float], ...]  # (("IIT", 88.0), ("EIT", 89.0), ("OIT", 86.0))
    overall: float
    level: str
    change: float | None = None  # overall, from the year before it; None for the first


SUGGESTED_LEAD = "ยังไม่มีมาตรการในแผน มาตรการที่แนะนำ ได้แก่"
"""The line before ready measures offered for an indicator the plan does not answer yet."""


@dataclass(frozen=True)
class IndicatorAnswer:
    """The measures that answer one weak indicator: the plan's, or ready ones suggested."""

    heading: str  # "ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ ได้ ๗๙.๖๔ คะแนน"
    measures: tuple[str, ...]
    suggested: bool = False  # from the catalogue of ready measures, not (yet) in the plan


@dataclass(frozen=True)
class AnalysisReport:
    """The analysis of a year's ITA result and the plan that follows from it."""

    office: str
    district: str
    province: str
    fiscal_year: int  # BE, e.g. 2566
    overall_score: float
    level: str  # "ผ่านดี", "A", …
    indicators: tuple[IndicatorScore, ...]
    summary: str = ""  # the paragraph under the title block
    finding_groups: tuple[FindingGroup, ...] = ()
    findings_title: str = ""  # "ส่วนที่ ๑ …"
    plan: MeasuresTable | None = None
    plan_title: str = ""  # "ส่วนที่ ๒ …"
    plan_intro: str = ""
    limits_title: str = ""  # "ส่วนที่ ๓ …"
    limits: tuple[str, ...] = ()  # ปัญหา/อุปสรรค
    suggestions: tuple[str, ...] = ()  # ข้อเสนอแนะ
    preface: Preface | None = None
    target: float = 85.0
    history_title: str = ""  # "ผลการประเมินย้อนหลัง"
    history: tuple[YearResult, ...] = ()  # oldest first, up to this year
    history_note: str = ""  # the years left out (entered without scores)
    answers_title: str = ""  # "มาตรการที่ตอบตัวชี้วัดที่ต่ำกว่าค่าเป้าหมาย"
    answers: tuple[IndicatorAnswer, ...] = ()


LAYOUTS = tuple(layout.value for layout in ProgressLayout)

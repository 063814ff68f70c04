"""Plain data the documents print: frozen dataclasses, no ORM, no Qt.

Text fields are printed as given, except that every digit is printed Thai (or Arabic when
``DocumentOptions.arabic_digits`` is set). Numbers such as a measure's ``number`` are
plain ints; dates are ``datetime.date`` (printed ``๓ เมษายน ๒๕๖๖``) or already-written text.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from itadesk.domain.paperwork import Block

NBSP = "\xa0"  # no line break on either side (๕.\xa0ชื่อ, ๑๕\xa0มาตรการ); copies as a space


class Status(StrEnum):
    """Where a measure stands in a reporting round."""

    NOT_STARTED = "not_started"  # ยังไม่ดำเนินการ
    IN_PROGRESS = "in_progress"  # อยู่ระหว่างดำเนินการ
    DONE = "done"  # ดำเนินการเสร็จเรียบร้อยแล้ว


class ProgressLayout(StrEnum):
    """The named layouts (presets) of the progress table: ``columns.PRESETS``."""

    THREE = "three"  # ยังไม่ดำเนินการ / อยู่ระหว่างดำเนินการ / ดำเนินการเสร็จเรียบร้อยแล้ว
    TWO = "two"  # ดำเนินการแล้ว / ยังไม่ดำเนินการ
    RESULTS = "results"  # รายละเอียด / ระยะเวลา / ผลผลิต / ผลลัพธ์ / หมายเหตุ


@dataclass(frozen=True)
class Measure:
    """One measure (มาตรการ) with the texts of every column it may be printed in."""

    number: int
    title: str
    practice: str = ""
    steps: tuple[str, ...] = ()  # each printed after ``step_marker``
    owner: str = ""
    period: str = ""  # "ต.ค. ๖๕ – มี.ค. ๖๖"
    follow_up: str = ""
    step_marker: str = "-"  # "-", "๑." (each step its number) or "" (none)
    targets: str = ""  # the indicators, questions or items it aims at: "ตัวชี้วัดที่ ๓, o12"


@dataclass(frozen=True)
class MeasureGroup:
    """Measures under one heading, e.g. "มาตรการ/แนวทาง ยกระดับ IIT", and the paragraph the
    office prints under it (``note``)."""

    heading: str
    measures: tuple[Measure, ...]
    note: str = ""


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
    before: tuple[str, ...] = ()  # paragraphs between the title lines and the table
    after: tuple[str, ...] = ()  # paragraphs under the table


@dataclass(frozen=True)
class ProgressItem:
    """A measure's progress in a round, with what each round column prints."""

    measure: Measure
    status: Status = Status.NOT_STARTED
    evidence: str = ""  # printed under the ✓, e.g. "(ตรวจสอบได้จากเว็บไซต์ของหน่วยงาน)"
    evidence_files: tuple[str, ...] = ()  # names of the evidence files (หลักฐาน column)
    details: str = ""  # what was done (รายละเอียดการดำเนินงาน)
    outputs: str = ""  # ผลผลิต
    outcomes: str = ""  # ผลลัพธ์
    remark: str = ""  # หมายเหตุ


@dataclass(frozen=True)
class ProgressGroup:
    """Progress items under one heading, e.g. "มาตรการ/แนวทาง ยกระดับ IIT"."""

    heading: str
    items: tuple[ProgressItem, ...]
    note: str = ""  # a paragraph under the heading


@dataclass(frozen=True)
class ProgressReport:
    """The progress table of a round: ``columns`` are keys of ``columns.COLUMNS`` (a status
    key stands for its tick columns), ``headers`` rename columns and bands; with a status
    column, a summary line counts the states it shows."""

    title_lines: tuple[str, ...]
    groups: tuple[ProgressGroup, ...]
    columns: tuple[str, ...] = ("measure", "steps", "status3")
    headers: tuple[tuple[str, str], ...] = (("steps", "ขั้นตอนหรือวิธีการปฏิบัติ"),)
    landscape: bool = False
    summary: bool = True
    before: tuple[str, ...] = ()  # paragraphs between the title lines and the table
    after: tuple[str, ...] = ()  # paragraphs under the table (after the summary line)


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
    reviewers_side_by_side: bool = False  # the chain in pairs, two blocks on a row


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
    tool: str = ""  # "IIT", "EIT", "OIT": the findings table it goes in
    score: float | None = None  # the indicator's score, when the group is an indicator


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
class Section:
    """A section of the analysis report: a title, paragraphs, then at most one block."""

    title: str = ""
    paragraphs: tuple[str, ...] = ()
    block: Block = Block.NONE


@dataclass(frozen=True)
class AnalysisReport:
    """The analysis of a year's ITA result and the plan that follows from it, printed as
    ``title_lines`` then ``sections`` in order (the data they show are the other fields)."""

    title_lines: tuple[str, ...]
    sections: tuple[Section, ...]
    fiscal_year: int  # BE, e.g. 2566
    overall_score: float
    level: str  # "ผ่านดี", "A", …
    indicators: tuple[IndicatorScore, ...]
    finding_groups: tuple[FindingGroup, ...] = ()
    plan: MeasuresTable | None = None
    limits: tuple[str, ...] = ()  # ปัญหา/อุปสรรค
    suggestions: tuple[str, ...] = ()  # ข้อเสนอแนะ
    preface: Preface | None = None
    target: float = 85.0
    history: tuple[YearResult, ...] = ()  # oldest first, up to this year
    history_note: str = ""  # the years left out (entered without scores)
    answers: tuple[IndicatorAnswer, ...] = ()  # the measures answering each weak indicator


LAYOUTS = tuple(layout.value for layout in ProgressLayout)

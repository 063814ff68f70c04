"""SQLAlchemy 2 typed models of one office's data.

Every record that can travel between PCs carries a stable ``uuid``: a bundle import merges on
it instead of duplicating. Ordered lists (measure steps, memo body parts, the reviewer chain)
are stored as JSON on their owner.
"""

import re
import uuid as uuid_module
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, MetaData, String, UniqueConstraint, event
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from itadesk.domain.limits import text_problem
from itadesk.errors import ValidationError

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

STATUSES = ("not_started", "in_progress", "done")


def new_uuid() -> str:
    return str(uuid_module.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}

    def snapshot(self, *skip: str) -> dict[str, Any]:
        """The row's column values (but ``skip``), to restore it after a deletion (undo)."""
        return {c.key: getattr(self, c.key) for c in self.__table__.columns if c.key not in skip}


class Synced:
    """Mixin: a primary key for this database and a UUID that travels in bundles."""

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)


class Office(Synced, Base):
    __tablename__ = "office"

    kind: Mapped[str] = mapped_column(default="เทศบาลตำบล")
    name: Mapped[str] = mapped_column(default="")
    district: Mapped[str] = mapped_column(default="")
    province: Mapped[str] = mapped_column(default="")
    department: Mapped[str] = mapped_column(default="")  # ส่วนราชการ line of a memo
    phone: Mapped[str] = mapped_column(default="")
    doc_prefix: Mapped[str] = mapped_column(default="")  # ที่ นศ ๕๓๓๐๑/…
    emblem: Mapped[bytes | None]
    emblem_name: Mapped[str] = mapped_column(default="")
    thai_digits: Mapped[bool] = mapped_column(default=True)
    justify: Mapped[bool] = mapped_column(default=True)
    # default reviewer chain: [{"label": str, "person": uuid, "lines": int, "comment": str}]
    reviewer_chain: Mapped[list[Any]] = mapped_column(default=list)
    writer_uuid: Mapped[str | None] = mapped_column(String(36))
    # the measures table as this office prints it: column keys in order, and renamed titles
    measure_columns: Mapped[list[Any]] = mapped_column(
        default=lambda: ["measure", "steps", "owner", "period", "follow_up"]
    )
    column_titles: Mapped[dict[str, Any]] = mapped_column(default=dict)
    word_font: Mapped[str] = mapped_column(default="TH SarabunIT๙")  # written into .docx files
    # how the office shapes its papers (titles, paragraphs, sections…): services.paperwork
    paperwork: Mapped[dict[str, Any]] = mapped_column(default=dict)

    @property
    def full_name(self) -> str:
        return f"{self.kind}{self.name}"


class Unit(Synced, Base):
    __tablename__ = "unit"

    name: Mapped[str] = mapped_column(unique=True)
    sort_order: Mapped[int] = mapped_column(default=0)


class Person(Synced, Base):
    __tablename__ = "person"

    name: Mapped[str]  # with the title: นางสาวสมใจ ใจดี
    position: Mapped[str] = mapped_column(default="")
    # when acting: position is "รองปลัด… รักษาราชการแทน" and acting_for "ปลัด…", printed below
    acting_for: Mapped[str] = mapped_column(default="")
    sort_order: Mapped[int] = mapped_column(default=0)
    # a PNG with a transparent background, trimmed (services.signatures); printed only when a
    # memo asks for signature images
    signature: Mapped[bytes | None]


class FiscalYear(Synced, Base):
    __tablename__ = "fiscal_year"

    year: Mapped[int] = mapped_column(unique=True)  # Buddhist Era
    result: Mapped["ItaResult | None"] = relationship(
        back_populates="fiscal_year", cascade="all, delete-orphan"
    )
    measures: Mapped[list["Measure"]] = relationship(
        back_populates="fiscal_year", cascade="all, delete-orphan", order_by="Measure.sort_order"
    )


class ItaResult(Synced, Base):
    """The assessment result of one fiscal year, with its analysis."""

    __tablename__ = "ita_result"

    fiscal_year_id: Mapped[int] = mapped_column(
        ForeignKey("fiscal_year.id", ondelete="CASCADE"), unique=True
    )
    scores: Mapped[list[Any]] = mapped_column(default=list)  # ten indicator scores as text
    tool_scores: Mapped[dict[str, Any]] = mapped_column(default=dict)  # as printed
    official_overall: Mapped[str | None]
    official_level: Mapped[str] = mapped_column(default="")
    # low-scoring questions and items: [{"code": "i4", "text": str, "score": str|None}]
    low_items: Mapped[list[Any]] = mapped_column(default=list)
    intro: Mapped[str] = mapped_column(default="")
    finding_intro: Mapped[str] = mapped_column(default="")  # under every issue heading
    limits: Mapped[str] = mapped_column(default="")  # ปัญหา/อุปสรรค
    suggestions: Mapped[str] = mapped_column(default="")  # ข้อเสนอแนะ
    preface: Mapped[str] = mapped_column(default="")  # คำนำ
    preface_date: Mapped[date | None]
    fiscal_year: Mapped[FiscalYear] = relationship(back_populates="result")
    findings: Mapped[list["Finding"]] = relationship(
        back_populates="result", cascade="all, delete-orphan", order_by="Finding.sort_order"
    )


class Finding(Synced, Base):
    """What must be fixed (ประเด็นที่ต้องแก้ไข) for an indicator or some questions.

    ``target`` holds one or more codes separated by spaces: "ind6", "i4 i5 i6", "e3", "o12";
    ``heading`` groups findings under an issue (ประเด็นที่ ๑ …) when the office does so.
    """

    __tablename__ = "finding"

    result_id: Mapped[int] = mapped_column(ForeignKey("ita_result.id", ondelete="CASCADE"))
    target: Mapped[str]
    heading: Mapped[str] = mapped_column(default="")
    issue: Mapped[str] = mapped_column(default="")
    action: Mapped[str] = mapped_column(default="")  # แนวทางแก้ไข
    sort_order: Mapped[int] = mapped_column(default=0)
    result: Mapped[ItaResult] = relationship(back_populates="findings")


class OitItemRow(Synced, Base):
    """An OIT item of a scheme; the list is seeded from shipped data and editable."""

    __tablename__ = "oit_item"
    __table_args__ = (UniqueConstraint("scheme_year", "code"),)

    scheme_year: Mapped[int]
    code: Mapped[str]
    group: Mapped[str] = mapped_column(default="")
    name: Mapped[str] = mapped_column(default="")


class Measure(Synced, Base):
    __tablename__ = "measure"

    fiscal_year_id: Mapped[int] = mapped_column(ForeignKey("fiscal_year.id", ondelete="CASCADE"))
    group: Mapped[str] = mapped_column(default="IIT")  # IIT, EIT, OIT, a free heading or ""
    sort_order: Mapped[int] = mapped_column(default=0)
    title: Mapped[str]
    approach: Mapped[str] = mapped_column(default="")  # แนวทางการปฏิบัติ
    steps: Mapped[list[Any]] = mapped_column(default=list)
    units: Mapped[list[Any]] = mapped_column(default=list)  # unit names, in order
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    period_note: Mapped[str] = mapped_column(default="")  # "ตลอดปีงบประมาณ" instead of dates
    follow_up: Mapped[str] = mapped_column(default="")
    rounds: Mapped[list[Any]] = mapped_column(default=lambda: [6, 12])
    links: Mapped[list[Any]] = mapped_column(default=list)  # "ind3", "i4", "o12"
    catalogue_id: Mapped[str] = mapped_column(default="")  # the catalogue entry it came from
    fiscal_year: Mapped[FiscalYear] = relationship(back_populates="measures")
    progress: Mapped[list["ProgressEntry"]] = relationship(
        back_populates="measure", cascade="all, delete-orphan", order_by="ProgressEntry.round"
    )


class ProgressEntry(Synced, Base):
    """The state of one measure at one reporting round."""

    __tablename__ = "progress_entry"
    __table_args__ = (UniqueConstraint("measure_id", "round"),)

    measure_id: Mapped[int] = mapped_column(ForeignKey("measure.id", ondelete="CASCADE"))
    round: Mapped[int]
    status: Mapped[str] = mapped_column(default="not_started")
    done_text: Mapped[str] = mapped_column(default="")
    outputs: Mapped[str] = mapped_column(default="")
    outcomes: Mapped[str] = mapped_column(default="")
    evidence: Mapped[str] = mapped_column(default="")
    remark: Mapped[str] = mapped_column(default="")
    updated_at: Mapped[datetime] = mapped_column(default=datetime.now)
    measure: Mapped[Measure] = relationship(back_populates="progress")
    attachments: Mapped[list["Attachment"]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="Attachment.id"
    )


SHA256_HEX = re.compile(r"[0-9a-f]{64}")  # an attachment's sha256, as stored


class Attachment(Synced, Base):
    """An evidence file, stored in the data folder under its SHA-256."""

    __tablename__ = "attachment"

    entry_id: Mapped[int] = mapped_column(ForeignKey("progress_entry.id", ondelete="CASCADE"))
    filename: Mapped[str]
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    entry: Mapped[ProgressEntry] = relationship(back_populates="attachments")


class Memo(Synced, Base):
    """A บันทึกข้อความ as last prepared, so its running number and text are kept."""

    __tablename__ = "memo"

    fiscal_year_id: Mapped[int] = mapped_column(ForeignKey("fiscal_year.id", ondelete="CASCADE"))
    kind: Mapped[str]  # "measures" or "progress"
    round: Mapped[int | None]
    number: Mapped[str] = mapped_column(default="")  # running number after the prefix
    issued_on: Mapped[date | None]
    subject: Mapped[str] = mapped_column(default="")
    to: Mapped[str] = mapped_column(default="")
    parts: Mapped[list[Any]] = mapped_column(default=list)  # [{"title": str, "text": str}]
    closing: Mapped[str] = mapped_column(default="")
    writer_uuid: Mapped[str | None] = mapped_column(String(36))
    reviewer_chain: Mapped[list[Any]] = mapped_column(default=list)
    print_signatures: Mapped[bool] = mapped_column(default=False)  # the office's choice
    fiscal_year: Mapped[FiscalYear] = relationship()


class PrintRecord(Synced, Base):
    """A document the clerk printed or saved as a file, for ภาพรวม's checklist."""

    __tablename__ = "print_record"

    fiscal_year_id: Mapped[int] = mapped_column(ForeignKey("fiscal_year.id", ondelete="CASCADE"))
    kind: Mapped[str]  # services.kinds key
    round: Mapped[int | None]  # the reporting round of a kind printed per round
    output: Mapped[str]  # "pdf", "docx" (a file) or "printer"
    printed_at: Mapped[datetime] = mapped_column(default=datetime.now)
    fiscal_year: Mapped[FiscalYear] = relationship()


@event.listens_for(Base, "before_insert", propagate=True)
@event.listens_for(Base, "before_update", propagate=True)
def _check_text(_mapper: Any, _connection: Any, target: Base) -> None:
    """Every row written (by any service, or an import) keeps to the text limits."""
    for column in target.__table__.columns:
        problem = text_problem(column.name, getattr(target, column.key))
        if problem:
            raise ValidationError(f"{problem}: โปรดย่อหรือแบ่งข้อความ (ยังไม่ได้บันทึก)")

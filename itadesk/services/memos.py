"""Memos (บันทึกข้อความ): prefilled drafts, running numbers, and what the clerk last typed."""

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import select

from itadesk.db.database import Database
from itadesk.db.models import FiscalYear, Memo
from itadesk.domain.dates import Round
from itadesk.domain.numerals import digits, to_arabic_digits
from itadesk.errors import ValidationError
from itadesk.services.office import get_office
from itadesk.services.years import year_row

MEMO_KINDS = ("measures", "progress")
EXECUTIVE_TITLES = {
    "เทศบาลตำบล": "นายกเทศมนตรีตำบล",
    "เทศบาลเมือง": "นายกเทศมนตรีเมือง",
    "เทศบาลนคร": "นายกเทศมนตรีนคร",
    "องค์การบริหารส่วนตำบล": "นายกองค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด": "นายกองค์การบริหารส่วนจังหวัด",
}


@dataclass
class MemoDraft:
    """The editable fields of a memo; ``uuid`` is empty until it is saved."""

    kind: str
    year: int
    round: int | None
    number: str
    issued_on: date
    subject: str
    to: str
    parts: list[dict[str, str]]
    closing: str
    writer_uuid: str | None
    reviewer_chain: list[dict[str, Any]] = field(default_factory=list)
    uuid: str = ""
    print_signatures: bool = False  # the people's signature images print above their names


def executive_title(kind: str, name: str) -> str:
    """``นายกเทศมนตรีตำบลท่าแพ`` for the office เทศบาลตำบลท่าแพ."""
    return f"{EXECUTIVE_TITLES.get(kind, 'นายก' + kind)}{name}"


def next_number(db: Database) -> str:
    """The next running number for ที่ …/NNN: one more than the highest used."""
    with db.session() as session:
        used = session.scalars(select(Memo.number)).all()
    numbers = [int(n) for n in (to_arabic_digits(u).strip() for u in used) if n.isdigit()]
    return str(max(numbers, default=0) + 1)


def _defaults(db: Database, kind: str, year: int, round_months: int | None) -> MemoDraft:
    office = get_office(db)
    thai = office.thai_digits
    year_text = digits(year, thai)
    to = executive_title(office.kind, office.name)
    if kind == "measures":
        subject = (
            f"ขออนุมัติมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {year_text}"
        )
        parts = [
            {"title": "เรื่องเดิม", "text": (
                "ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ ได้ประเมินคุณธรรม"
                "และความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. "
                f"{digits(year - 1, thai)} ของ{office.full_name} และได้แจ้งผลการประเมินแล้ว นั้น"
            )},
            {"title": "ข้อเท็จจริง", "text": (
                f"{office.full_name} ได้วิเคราะห์ผลการประเมินดังกล่าว และจัดทำมาตรการส่งเสริม"
                "คุณธรรมและความโปร่งใสภายในหน่วยงาน เพื่อปรับปรุงประเด็นที่มีคะแนนต่ำ "
                "รายละเอียดตามเอกสารที่แนบมาพร้อมนี้"
            )},
            {"title": "ข้อพิจารณา", "text": (
                "เห็นควรอนุมัติมาตรการดังกล่าว และแจ้งทุกส่วนราชการถือปฏิบัติ พร้อมทั้ง"
                "เผยแพร่บนเว็บไซต์ของหน่วยงาน"
            )},
        ]  # fmt: skip
        closing = "จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ"
    else:
        if round_months is None:
            raise ValidationError("โปรดเลือกรอบรายงาน (๓, ๖, ๙ หรือ ๑๒ เดือน)")
        title = Round(year, round_months).title(thai)
        subject = (
            "รายงานผลการดำเนินการตามมาตรการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ. {year_text} {title}"
        )
        parts = [
            {"title": "เรื่องเดิม", "text": (
                f"ตามที่{office.full_name} ได้กำหนดมาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรมและ"
                f"ความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {year_text} นั้น"
            )},
            {"title": "ข้อเท็จจริง", "text": (
                f"ผลการดำเนินการตามมาตรการ {title} เป็นไปตามตารางที่แนบมาพร้อมนี้"
            )},
            {"title": "ข้อพิจารณา", "text": (
                "เห็นควรรายงานผลการดำเนินการดังกล่าวให้ผู้บริหารทราบ และเผยแพร่บนเว็บไซต์ของ"
                "หน่วยงานต่อไป"
            )},
        ]  # fmt: skip
        closing = f"จึงเรียนมาเพื่อโปรดทราบ และประชาสัมพันธ์ผ่านช่องทางต่าง ๆ ของ{office.full_name}"
    return MemoDraft(
        kind=kind, year=year, round=round_months, number=next_number(db),
        issued_on=date.today(), subject=subject, to=to, parts=parts, closing=closing,
        writer_uuid=office.writer_uuid, reviewer_chain=list(office.reviewer_chain),
    )  # fmt: skip


def draft_memo(db: Database, kind: str, year: int, round_months: int | None = None) -> MemoDraft:
    """The memo last saved for this document, or a prefilled new draft."""
    if kind not in MEMO_KINDS:
        raise ValidationError(f"ไม่รู้จักบันทึกข้อความชนิด {kind}")
    with db.session() as session:  # reading only: a draft creates nothing
        memo = session.scalar(
            select(Memo)
            .join(FiscalYear)
            .where(FiscalYear.year == year, Memo.kind == kind, Memo.round == round_months)
        )
    if memo is None:
        return _defaults(db, kind, year, round_months)
    return MemoDraft(
        kind=kind, year=year, round=round_months, number=memo.number,
        issued_on=memo.issued_on or date.today(), subject=memo.subject, to=memo.to,
        parts=list(memo.parts), closing=memo.closing, writer_uuid=memo.writer_uuid,
        reviewer_chain=list(memo.reviewer_chain), uuid=memo.uuid,
        print_signatures=memo.print_signatures,
    )  # fmt: skip


def from_profile(db: Database, draft: MemoDraft) -> MemoDraft:
    """``draft`` with the office profile's current addressee, writer and reviewer chain; the
    clerk's own subject, paragraphs, number and date are kept."""
    office = get_office(db)
    return replace(
        draft, to=executive_title(office.kind, office.name), writer_uuid=office.writer_uuid,
        reviewer_chain=list(office.reviewer_chain),
    )  # fmt: skip


def default_text(db: Database, draft: MemoDraft) -> MemoDraft:
    """``draft`` with the prefilled wording and the profile's people again; its number, date
    and identity are kept (it replaces the stored memo when saved)."""
    fresh = _defaults(db, draft.kind, draft.year, draft.round)
    return replace(
        fresh, number=draft.number, issued_on=draft.issued_on, uuid=draft.uuid,
        print_signatures=draft.print_signatures,
    )  # fmt: skip


def differs_from_profile(db: Database, draft: MemoDraft) -> bool:
    """True when the memo names another addressee, writer or chain than the profile now."""
    return from_profile(db, draft) != draft


def save_memo(db: Database, draft: MemoDraft) -> MemoDraft:
    """Keep what the clerk typed, so a reprint shows the same number, date and text."""
    if not draft.subject.strip():
        raise ValidationError("โปรดกรอกเรื่องของบันทึกข้อความ")
    if not draft.to.strip():
        raise ValidationError("โปรดกรอกผู้รับ (เรียน)")
    with db.session() as session:
        fiscal = year_row(session, draft.year, create=True)
        memo = session.scalar(
            select(Memo).where(
                Memo.fiscal_year_id == fiscal.id,
                Memo.kind == draft.kind,
                Memo.round == draft.round,
            )
        )
        if memo is None:
            memo = Memo(fiscal_year=fiscal, kind=draft.kind, round=draft.round)
            session.add(memo)
        memo.number, memo.issued_on = draft.number.strip(), draft.issued_on
        memo.subject, memo.to = draft.subject.strip(), draft.to.strip()
        memo.parts = [dict(p) for p in draft.parts]
        memo.closing, memo.writer_uuid = draft.closing.strip(), draft.writer_uuid
        memo.reviewer_chain = [dict(s) for s in draft.reviewer_chain]
        memo.print_signatures = draft.print_signatures
        session.flush()
        draft.uuid = memo.uuid
    return draft

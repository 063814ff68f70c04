"""Fiscal years and the assessment result of each, with findings."""

import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from itadesk.db.database import Database
from itadesk.db.models import Finding, FiscalYear, ItaResult, Measure, OitItemRow
from itadesk.domain.dates import fiscal_year_of
from itadesk.domain.numerals import digits, parse_decimal, to_arabic_digits
from itadesk.domain.oit import SHIPPED_ITEM_LISTS, OitItem, shipped_items
from itadesk.domain.scoring import Assessment, assess, check_score, scheme_for
from itadesk.errors import NotFoundError, ValidationError

MIN_YEAR, MAX_YEAR = 2550, 2650
TOOL_PARTS = ("IIT", "EIT", "EIT1", "EIT2", "OIT")


def check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(f"ปีงบประมาณ {digits(year)} ไม่ถูกต้อง: ใช้ปีพุทธศักราช เช่น ๒๕๖๖")
    return year


def year_row(session: Session, year: int, create: bool = False) -> FiscalYear:
    """The fiscal-year row of a BE year, created on demand."""
    row = session.scalar(select(FiscalYear).where(FiscalYear.year == check_year(year)))
    if row is None:
        if not create:
            raise NotFoundError(
                f"ยังไม่มีข้อมูลปีงบประมาณ {digits(year)}: โปรดกรอกผลการประเมินหรือมาตรการของปีนั้นก่อน"
            )
        row = FiscalYear(year=year)
        session.add(row)
        session.flush()
    return row


def list_years(db: Database) -> list[int]:
    with db.session() as session:
        return list(session.scalars(select(FiscalYear.year).order_by(FiscalYear.year)))


def has_result(db: Database, year: int) -> bool:
    """True when the year's ten scores are stored."""
    try:
        get_result(db, year)
    except NotFoundError:
        return False
    return True


def assessment_year_for(db: Database, year: int) -> int:
    """The year whose scores a year works from: its own once entered, else the year before
    when that one has scores (its plan and rounds are built on them), else its own."""
    if not has_result(db, year) and has_result(db, year - 1):
        return year - 1
    return year


def current_work_year(db: Database, today: date) -> int:
    """The year to open on: the newest with measures (the plan being carried out), else the
    year after the newest scores (the plan to make), else this fiscal year."""
    with db.session() as session:
        planned = session.scalars(
            select(FiscalYear.year).join(Measure).order_by(FiscalYear.year.desc()).limit(1)
        ).first()
        results = session.execute(select(FiscalYear.year, ItaResult.scores).join(ItaResult))
        scored = [year for year, scores in results if scores]
    if planned is not None:
        return planned
    if scored:
        return max(scored) + 1
    return fiscal_year_of(today)


def _parse_score(value: str | float | Decimal, label: str) -> Decimal:
    number = parse_decimal(value, label) if isinstance(value, str) else Decimal(str(value))
    return check_score(number, label)


def record_scores(
    db: Database,
    year: int,
    scores: Sequence[str | float | Decimal],
    official_overall: str | float | Decimal | None = None,
    official_level: str = "",
    tool_scores: Mapping[str, str | float | Decimal] | None = None,
) -> Assessment:
    """Store the ten indicator scores of a year's result (and what the result prints)."""
    scheme_for(year)
    parsed = [_parse_score(s, f"ตัวชี้วัดที่ {digits(i)}") for i, s in enumerate(scores, 1)]
    official = None
    if official_overall is not None and official_overall != "":
        official = _parse_score(official_overall, "คะแนนภาพรวม")
    tools = {}
    for tool, value in (tool_scores or {}).items():
        if tool not in TOOL_PARTS:
            raise ValidationError(f"ไม่รู้จักเครื่องมือ {tool}")
        if value not in (None, ""):
            tools[tool] = _parse_score(value, f"คะแนน {tool}")
    assessment = assess(year, parsed, official, tools)
    with db.session() as session:
        fiscal = year_row(session, year, create=True)
        result = fiscal.result or ItaResult(fiscal_year=fiscal)
        result.scores = [f"{s:f}" for s in parsed]  # 1e2 typed is stored as 100
        result.official_overall = None if official is None else f"{official:f}"
        result.official_level = official_level.strip()
        result.tool_scores = {k: f"{v:f}" for k, v in tools.items()}
        session.add(result)
    return assessment


def _load_result(session: Session, year: int) -> ItaResult:
    fiscal = year_row(session, year)
    result = session.scalar(
        select(ItaResult)
        .where(ItaResult.fiscal_year_id == fiscal.id)
        .options(selectinload(ItaResult.findings), selectinload(ItaResult.fiscal_year))
    )
    if result is None or not result.scores:
        raise NotFoundError(f"ยังไม่มีผลการประเมินของปีงบประมาณ {digits(year)}: โปรดกรอกคะแนนก่อน")
    return result


def get_result(db: Database, year: int) -> ItaResult:
    """The stored result of a year, with its findings."""
    with db.session() as session:
        return _load_result(session, year)


def assessment_of(result: ItaResult) -> Assessment:
    """Recompute the assessment of a stored result."""
    return assess(
        result.fiscal_year.year,
        [Decimal(s) for s in result.scores],
        None if result.official_overall is None else Decimal(result.official_overall),
        {k: Decimal(v) for k, v in result.tool_scores.items()},
    )


def update_analysis(db: Database, year: int, **fields: Any) -> ItaResult:
    """Change the analysis texts: intro, finding_intro, limits, suggestions, preface,
    preface_date, low_items."""
    allowed = {
        "intro", "finding_intro", "limits", "suggestions", "preface", "preface_date", "low_items",
    }  # fmt: skip
    if set(fields) - allowed:
        raise ValueError(f"unknown analysis fields: {sorted(set(fields) - allowed)}")
    if "low_items" in fields:
        fields["low_items"] = check_low_items(fields["low_items"])
    with db.session() as session:
        result = _load_result(session, year)
        for key, value in fields.items():
            setattr(result, key, value)
        return result


def check_low_items(items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Low-scoring items as stored: ``{"code", "text", "score"}``; the code as ``check_target``
    wants it, the score optional (``None``) or 0–100 in Thai or Arabic digits."""
    cleaned = []
    for item in items:
        code, text, score = item.get("code", ""), item.get("text", ""), item.get("score")
        if not isinstance(code, str) or not isinstance(text, str):
            raise ValidationError("รหัสข้อและข้อคำถามต้องเป็นข้อความ")
        code = check_target(code)
        if isinstance(score, str) and not score.strip():
            score = None
        if score is not None:
            score = str(_parse_score(score, f"คะแนนข้อ {code}"))
        cleaned.append({"code": code, "text": text.strip(), "score": score})
    return cleaned


def check_target(target: str) -> str:
    """One or more codes, space separated: indicators ``ind1``–``ind10`` or questions and
    items such as ``i4``, ``e3``, ``o12``. Returns them lower-case, single-spaced."""
    codes = to_arabic_digits(target).replace(",", " ").lower().split()
    if not codes:
        raise ValidationError("โปรดระบุตัวชี้วัดหรือข้อคำถาม เช่น ind4 หรือ i4 i5")
    for code in codes:
        number = code[3:] if code.startswith("ind") else code[1:]
        kind_ok = code.startswith("ind") or code[:1] in ("i", "e", "o")
        in_range = re.fullmatch(r"[0-9]{1,4}", number) is not None and (
            not code.startswith("ind") or 1 <= int(number) <= 10
        )
        if not (kind_ok and in_range):
            raise ValidationError(
                f"«{code}» ไม่ใช่ตัวชี้วัดหรือข้อคำถาม: ใช้ ind1–ind10 หรือรหัสข้อ เช่น i4, e3, o12"
            )
    return " ".join(codes)


def save_finding(
    db: Database, year: int, target: str, issue: str, action: str = "",
    finding_id: int | None = None, heading: str = "",
) -> Finding:  # fmt: skip
    """Add a finding to a year's result, or change one."""
    code = check_target(target)
    if not issue.strip():
        raise ValidationError("โปรดกรอกประเด็นที่ต้องแก้ไข")
    with db.session() as session:
        result = _load_result(session, year)
        if finding_id is None:
            last = max((f.sort_order for f in result.findings), default=-1)
            finding = Finding(result=result, sort_order=last + 1)
            session.add(finding)
        else:
            found = session.get(Finding, finding_id)
            if found is None:
                raise NotFoundError("ไม่พบประเด็นนี้")
            finding = found
        finding.target, finding.issue, finding.action = code, issue.strip(), action.strip()
        finding.heading = heading.strip()
        return finding


def delete_finding(db: Database, finding_id: int) -> dict[str, Any]:
    """Delete a finding; the returned row (uuid and place included) lets it be restored."""
    with db.session() as session:
        finding = session.get(Finding, finding_id)
        if finding is None:
            raise NotFoundError("ไม่พบประเด็นนี้")
        snapshot = finding.snapshot("id", "result_id")
        session.delete(finding)
        return snapshot


def restore_finding(db: Database, year: int, snapshot: Mapping[str, Any]) -> Finding:
    """Undo ``delete_finding``: the same finding, uuid and place come back."""
    with db.session() as session:
        result = _load_result(session, year)
        for other in result.findings:
            if other.sort_order >= snapshot["sort_order"]:
                other.sort_order += 1
        finding = Finding(result=result, **snapshot)
        session.add(finding)
        return finding


def _item_list_year(year: int) -> int:
    years = [y for y in SHIPPED_ITEM_LISTS if y <= year]
    return max(years) if years else min(SHIPPED_ITEM_LISTS)


def oit_items(db: Database, year: int) -> list[OitItem]:
    """The OIT items that apply to a fiscal year: the clerk's edited list or the shipped one."""
    scheme_year = _item_list_year(year)
    with db.session() as session:
        rows = session.scalars(
            select(OitItemRow).where(OitItemRow.scheme_year == scheme_year)
        ).all()
    if not rows:
        return shipped_items(scheme_year)
    ordered = sorted(rows, key=lambda r: int(r.code[1:]) if r.code[1:].isdigit() else 0)
    return [OitItem(r.code, r.group, r.name) for r in ordered]


def set_oit_items(db: Database, year: int, items: Sequence[OitItem]) -> None:
    """Replace the OIT item list of the scheme that covers ``year``."""
    scheme_year = _item_list_year(year)
    codes = [check_target(i.code) for i in items]
    if len(set(codes)) != len(codes) or any(not c.startswith("o") or " " in c for c in codes):
        raise ValidationError("รหัสข้อ OIT ต้องขึ้นต้นด้วย o และไม่ซ้ำกัน")
    with db.session() as session:
        for row in session.scalars(select(OitItemRow).where(OitItemRow.scheme_year == scheme_year)):
            session.delete(row)
        session.flush()
        session.add_all(
            OitItemRow(scheme_year=scheme_year, code=c, group=i.group, name=i.name)
            for c, i in zip(codes, items, strict=True)
        )

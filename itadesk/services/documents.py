"""Build the printed documents from the database (the PDF engine is ``itadesk.documents``).

This module maps stored records to the plain dataclasses of ``itadesk.documents.data``;
the engine never sees the database.
"""

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from itadesk.db.database import Database
from itadesk.db.models import Measure, Office, Person
from itadesk.documents import data
from itadesk.documents.data import LAYOUTS
from itadesk.domain.dates import Round, check_round
from itadesk.domain.numerals import digits, format_score
from itadesk.domain.scoring import Assessment, scheme_for
from itadesk.errors import NotFoundError, ValidationError
from itadesk.services import memos, office, years
from itadesk.services.kinds import kind_of
from itadesk.services.measures import (
    group_heading,
    list_measures,
    measure_period,
    numbers_in_groups,
)
from itadesk.services.memos import MemoDraft
from itadesk.services.progress import entry_for
from itadesk.services.signatures import printable

MEASURES_TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
PROGRESS_TITLE = "ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"


@dataclass
class PrintOptions:
    layout: str = "three"  # progress table: three status columns, two, or outputs/outcomes
    landscape: bool = False
    arabic_digits: bool | None = None  # None: the office's setting
    memo: MemoDraft | None = None  # the memo as edited on screen; None: the saved or default
    answers: bool = False  # analysis: per weak indicator, the measures that answer it
    history: bool = False  # analysis: the results of past years side by side


def _people(db: Database) -> dict[str, Person]:
    return {p.uuid: p for p in office.list_people(db)}


def _signer(person: Person | None, with_signature: bool = False) -> data.Signer:
    """A person as a signing block; their signature image only when the document asks."""
    if person is None:
        return data.Signer(name="", position="")
    image = printable(person) if with_signature else None
    return data.Signer(person.name, person.position, person.acting_for, signature=image)


def _groups(rows: Sequence[Measure]) -> list[tuple[str, list[Measure]]]:
    """Measures grouped by their group, in print order."""
    groups: dict[str, list[Measure]] = {}
    for measure in rows:
        groups.setdefault(measure.group, []).append(measure)
    return list(groups.items())


def _measure(measure: Measure, number: int, thai: bool) -> data.Measure:
    return data.Measure(
        number=number, title=measure.title, practice=measure.approach,
        steps=tuple(measure.steps), owner=", ".join(measure.units),
        period=measure_period(measure, thai), follow_up=measure.follow_up,
    )  # fmt: skip


def _year_measures(db: Database, year: int) -> list[Measure]:
    rows = list_measures(db, year)
    if not rows:
        raise NotFoundError(
            f"ยังไม่มีมาตรการของปีงบประมาณ {digits(year)}: โปรดเพิ่มมาตรการที่หน้าจอ มาตรการ ก่อน"
        )
    return rows


def _title_lines(first: str, the_office: Office, year: int, thai: bool) -> tuple[str, ...]:
    return (f"{first} ประจำปีงบประมาณ พ.ศ. {digits(year, thai)}", the_office.full_name)


def measures_table(db: Database, year: int, options: PrintOptions) -> data.MeasuresTable:
    the_office = office.get_office(db)
    thai = _thai(the_office, options)
    rows = _year_measures(db, year)
    numbers = numbers_in_groups(rows)
    groups = tuple(
        data.MeasureGroup(
            group_heading(group), tuple(_measure(m, numbers[m.id], thai) for m in members)
        )
        for group, members in _groups(rows)
    )
    return data.MeasuresTable(
        title_lines=_title_lines(MEASURES_TITLE, the_office, year, thai),
        groups=groups,
        columns=tuple(the_office.measure_columns),
        landscape=options.landscape,
        headers=tuple(the_office.column_titles.items()),
    )


def progress_report(
    db: Database, year: int, round_months: int, options: PrintOptions
) -> data.ProgressReport:
    if options.layout not in LAYOUTS:
        raise ValidationError("รูปแบบตารางต้องเป็น three, two หรือ results")
    the_office = office.get_office(db)
    thai = _thai(the_office, options)
    rows = _year_measures(db, year)
    numbers = numbers_in_groups(rows)
    groups = []
    for group, members in _groups(rows):
        items = []
        for measure in members:
            entry = entry_for(measure, round_months)
            items.append(
                data.ProgressItem(
                    measure=_measure(measure, numbers[measure.id], thai),
                    status=data.Status(entry.status) if entry else data.Status.NOT_STARTED,
                    evidence=_evidence(entry.evidence if entry else ""),
                    details=entry.done_text if entry else "",
                    outputs=entry.outputs if entry else "",
                    outcomes=entry.outcomes if entry else "",
                    remark=entry.remark if entry else "",
                )
            )
        groups.append(data.ProgressGroup(group_heading(group), tuple(items)))
    title = Round(year, round_months).title(thai)
    return data.ProgressReport(
        title_lines=(*_title_lines(PROGRESS_TITLE, the_office, year, thai), title),
        groups=tuple(groups),
        layout=data.ProgressLayout(options.layout),
        landscape=options.landscape,
    )


def _evidence(note: str) -> str:
    """Evidence notes print in parentheses under the ✓, as offices write them."""
    if not note or note.startswith("("):
        return note
    return f"({note})"


def _thai(the_office: Office, options: PrintOptions) -> bool:
    if options.arabic_digits is None:
        return the_office.thai_digits
    return not options.arabic_digits


def memo(
    db: Database, kind: str, year: int, round_months: int | None, options: PrintOptions
) -> data.Memo:
    """The memo with its table attached on new pages, unless a body part embeds a table.

    A part ``{"title", "text", "table"}`` with ``table`` set to ``"measures"`` or ``"progress"``
    prints that table after its paragraphs, as some offices do (then nothing is attached).
    """
    draft = options.memo or memos.draft_memo(db, kind, year, round_months)
    the_office = office.get_office(db)

    def table(name: str) -> data.MeasuresTable | data.ProgressReport:
        if name == "measures":
            return measures_table(db, year, options)
        if round_months is None:
            raise ValidationError("ตารางผลการดำเนินการต้องระบุรอบรายงาน")
        return progress_report(db, year, round_months, options)

    embedded = [part.get("table") or "" for part in draft.parts]
    unknown = set(embedded) - {"", "measures", "progress"}
    if unknown:
        raise ValidationError(f"ไม่รู้จักตาราง {', '.join(sorted(unknown))} ในเนื้อหาบันทึก")
    parts = tuple(
        data.MemoPart(
            title=part.get("title", ""),
            paragraphs=tuple(p for p in part.get("text", "").split("\n") if p.strip()),
            table=table(name) if name else None,
        )
        for part, name in zip(draft.parts, embedded, strict=True)
    )
    people = _people(db)
    reviewers = tuple(
        data.Reviewer(
            label=step["label"],
            signer=_signer(people.get(step["person"]), draft.print_signatures),
            comment=step.get("comment", ""), lines=int(step.get("lines", 2)),
        )
        for step in draft.reviewer_chain
    )  # fmt: skip
    prefix = the_office.doc_prefix
    return data.Memo(
        office=the_office.department or the_office.full_name,
        subject=draft.subject,
        to=draft.to,
        parts=parts,
        writer=_signer(people.get(draft.writer_uuid or ""), draft.print_signatures),
        date=draft.issued_on,
        ref_no=f"{prefix}/{draft.number}" if prefix else draft.number,
        phone=the_office.phone,
        closing=draft.closing,
        reviewers=reviewers,
        attachments=() if any(embedded) else (table(kind),),
        emblem=_emblem(the_office),
    )


def _emblem(the_office: Office) -> bytes | None:
    """The stored emblem, checked again: one saved by an older version may not open."""
    if not the_office.emblem:
        return None
    try:
        return office.check_emblem(the_office.emblem)
    except ValidationError as error:
        raise ValidationError(
            "ตราครุฑที่บันทึกไว้เปิดเป็นภาพไม่ได้: โปรดเลือกภาพตราครุฑใหม่ที่หน้าหน่วยงาน"
        ) from error


def analysis_report(db: Database, year: int, options: PrintOptions) -> data.AnalysisReport:
    """The analysis of the result of fiscal ``year`` and the plan of the year after."""
    result = years.get_result(db, year)
    assessment = years.assessment_of(result)
    the_office = office.get_office(db)
    thai = _thai(the_office, options)
    scheme = scheme_for(year)
    indicators = tuple(
        data.IndicatorScore(ind.tool, ind.number, ind.name, float(score))
        for ind, score in zip(scheme.indicators, assessment.scores, strict=True)
    )
    low_text = {item["code"]: item.get("text", "") for item in result.low_items}
    groups: dict[str, list[data.Finding]] = {}
    for finding in result.findings:
        codes = tuple(finding.target.split())
        named = [c for c in codes if c.startswith("ind")]
        questions = tuple(c for c in codes if not c.startswith("ind"))
        if finding.heading:
            title = finding.heading
        elif named:
            ind = scheme.indicator(int(named[0][3:]))
            title = f"ตัวชี้วัดที่ {digits(ind.number, thai)} {ind.name}"
        else:
            title = "ข้อคำถามที่มีผลการประเมินต่ำ"
        issue = " ".join([*(low_text[c] for c in questions if low_text.get(c)), finding.issue])
        groups.setdefault(title, []).append(data.Finding(questions, issue, finding.action))
    plan = None
    if list_measures(db, year + 1):
        plan = dataclasses.replace(measures_table(db, year + 1, options), title_lines=())
    year_text, next_text = digits(year, thai), digits(year + 1, thai)
    numbers = iter(range(1, 4))

    def part(title: str, printed: bool) -> str:
        """ส่วนที่ ๑, ๒, ๓ counted over the parts that print."""
        return f"ส่วนที่ {digits(next(numbers), thai)} {title}" if printed else ""

    overall = result.official_overall or str(assessment.overall)
    level = result.official_level or assessment.level
    summary = (
        f"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ "
        f"พ.ศ. {digits(year, thai)} ของ{the_office.full_name} มีคะแนนในภาพรวม "
        f"{digits(f'{Decimal(overall):.2f}', thai)} คะแนน อยู่ในระดับ{level}"
    )
    preface = None
    if result.preface.strip():
        preface = data.Preface(
            paragraphs=tuple(p for p in result.preface.split("\n") if p.strip()),
            signed_by=the_office.full_name,
            date=result.preface_date or date.today(),
        )
    return data.AnalysisReport(
        office=the_office.full_name,
        district=the_office.district,
        province=the_office.province,
        fiscal_year=year,
        overall_score=float(overall),
        level=level,
        indicators=indicators,
        summary=result.intro or summary,
        finding_groups=tuple(
            data.FindingGroup(t, tuple(f), intro=result.finding_intro) for t, f in groups.items()
        ),
        findings_title=part(
            "ข้อมูลรายละเอียดการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของ"
            f"หน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. {year_text}", bool(groups),
        ),
        plan=plan,
        plan_title=part(
            "การกำหนดวิธีการนำผลการวิเคราะห์แต่ละประเด็นไปสู่การปฏิบัติของ"
            f"{the_office.full_name} ในปีงบประมาณ พ.ศ. {next_text}", plan is not None,
        ),
        plan_intro=(
            "จากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน ประจำปีงบประมาณ "
            f"พ.ศ. {year_text} นำไปสู่การปฏิบัติหรือกำหนดมาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรม"
            f"และความโปร่งใสของ{the_office.full_name}ให้ดีขึ้น ดังนี้" if plan else ""
        ),
        limits_title=part(
            "การวิเคราะห์ข้อจำกัดของหน่วยงานในการดำเนินการประเมินคุณธรรมและ"
            "ความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
            bool(result.limits.strip() or result.suggestions.strip()),
        ),
        limits=tuple(p for p in result.limits.split("\n") if p.strip()),
        suggestions=tuple(p for p in result.suggestions.split("\n") if p.strip()),
        preface=preface,
        target=float(scheme.target),
        **(_history(db, year, thai) if options.history else {}),
        answers_title="มาตรการที่ตอบตัวชี้วัดที่ต่ำกว่าค่าเป้าหมาย" if options.answers else "",
        answers=_answers(db, year, assessment, thai) if options.answers else (),
    )  # fmt: skip


SUGGESTED_PER_INDICATOR = 3


def _history(db: Database, year: int, thai: bool) -> dict[str, Any]:
    """The comparison of past years (up to ``year``) as the report's fields."""
    from itadesk.domain.history import skipped_note
    from itadesk.services.history import history

    found = history(db, up_to=year)
    rows = tuple(
        data.YearResult(
            year=r.year, tools=tuple((t, float(s)) for t, s in r.tools.items()),
            overall=float(r.overall), level=r.level,
            change=None if r.change is None else float(r.change),
        )
        for r in found.rows
    )  # fmt: skip
    return {
        "history_title": "ผลการประเมินคุณธรรมและความโปร่งใสย้อนหลัง",
        "history": rows,
        "history_note": skipped_note(found.skipped, thai),
    }


def _answers(
    db: Database, year: int, assessment: Assessment, thai: bool
) -> tuple[data.IndicatorAnswer, ...]:
    """Per indicator under the target (lowest first), the plan's measures linked to it; when
    the plan has none, the first ready measures the catalogue suggests for it."""
    from itadesk.domain.catalogue import load_catalogue

    catalogue = load_catalogue()
    plan = list_measures(db, year + 1)
    in_plan = {m.catalogue_id for m in plan}
    answers = []
    for ind in assessment.below_target:
        score = format_score(assessment.scores[ind.number - 1], thai)
        heading = f"ตัวชี้วัดที่ {digits(ind.number, thai)} {ind.name} ได้ {score} คะแนน"
        linked = tuple(
            m.title for m in plan if ind.number in {catalogue.indicator_of(c) for c in m.links}
        )
        ready = tuple(m.title for m in catalogue.answering(ind.number) if m.id not in in_plan)
        answers.append(
            data.IndicatorAnswer(heading, linked or ready[:SUGGESTED_PER_INDICATOR], not linked)
        )
    return tuple(answers)


# The builders of the registered kinds (services.kinds): (db, year, round, options) -> data.
# build_document has checked the round: a reporting round for kinds that need one, else None.


def measures_document(
    db: Database, year: int, round_months: int | None, options: PrintOptions
) -> data.MeasuresTable:
    return measures_table(db, year, options)


def progress_document(
    db: Database, year: int, round_months: int | None, options: PrintOptions
) -> data.ProgressReport:
    assert round_months is not None
    return progress_report(db, year, round_months, options)


def analysis_document(
    db: Database, year: int, round_months: int | None, options: PrintOptions
) -> data.AnalysisReport:
    return analysis_report(db, year, options)


def measures_memo(
    db: Database, year: int, round_months: int | None, options: PrintOptions
) -> data.Memo:
    return memo(db, "measures", year, None, options)


def progress_memo(
    db: Database, year: int, round_months: int | None, options: PrintOptions
) -> data.Memo:
    return memo(db, "progress", year, round_months, options)


def empty_round_warnings(db: Database, year: int, round_months: int | None) -> list[str]:
    """A round with nothing entered prints every measure as not started."""
    if round_months is None:
        return []
    listed = list_measures(db, year)
    if listed and all(entry_for(m, round_months) is None for m in listed):
        return [
            f"ยังไม่ได้บันทึกผลรอบ {digits(round_months)} เดือนของมาตรการใดเลย: "
            "ทุกมาตรการจึงพิมพ์เป็น «ยังไม่ดำเนินการ» (บันทึกผลที่หน้าติดตามผล หรือใช้ «เริ่มจากรอบก่อน»)"
        ]
    return []


def score_warnings(db: Database, year: int, round_months: int | None) -> list[str]:
    """An analysis of scores that disagree with the official overall score."""
    try:
        mismatch = years.assessment_of(years.get_result(db, year)).mismatch_message()
    except NotFoundError:
        return []
    return [mismatch.removeprefix("คำเตือน: ")] if mismatch else []


def document_warnings(db: Database, kind: str, year: int, round_months: int | None) -> list[str]:
    """What the clerk should know before sending a document on (Thai): its kind's checks."""
    declared = kind_of(kind)
    return declared.warner()(db, year, round_months) if declared.warn else []


def build_document(
    db: Database,
    kind: str,
    year: int,
    round_months: int | None,
    options: PrintOptions,
    file_format: str = "pdf",
) -> bytes:
    """The document as a file (PDF bytes unless ``file_format`` names another of its
    renderers); missing data raises a UserError saying what to enter."""
    return build_documents(db, kind, year, round_months, options, (file_format,))[file_format]


def build_documents(
    db: Database,
    kind: str,
    year: int,
    round_months: int | None,
    options: PrintOptions,
    file_formats: Sequence[str],
) -> dict[str, bytes]:
    """The document in each of ``file_formats``, from one reading of its data."""
    from itadesk.documents.base import DocumentOptions
    from itadesk.documents.typeset import set_custom_words

    declared = kind_of(kind)
    renderers = {f: declared.renderer(f) for f in file_formats}
    if declared.needs_round:
        if round_months is None:
            raise ValidationError("โปรดระบุรอบรายงาน (--round 3, 6, 9 หรือ 12)")
        check_round(round_months)
    else:
        round_months = None  # a round means nothing to this document
    years.check_year(year)
    the_office = office.get_office(db)
    set_custom_words(office.office_words(db))
    doc_options = DocumentOptions(
        arabic_digits=not _thai(the_office, options),
        justify=the_office.justify,
        word_font=the_office.word_font,
    )
    content = declared.builder()(db, year, round_months, options)
    return {f: render(content, doc_options) for f, render in renderers.items()}

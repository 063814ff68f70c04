"""Build the printed documents from the database (the PDF engine is ``itadesk.documents``).

This module maps stored records to the plain dataclasses of ``itadesk.documents.data``;
the engine never sees the database.
"""

import dataclasses
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from itadesk.db.database import Database
from itadesk.db.models import ItaResult, Measure, Office, Person
from itadesk.documents import columns, data
from itadesk.domain.dates import Round, check_round, thai_date
from itadesk.domain.fields import fill
from itadesk.domain.numerals import digits, format_score
from itadesk.domain.paperwork import DEFAULT_TITLES, Paperwork, group_rank
from itadesk.domain.scoring import Assessment, Scheme, scheme_for, target_label
from itadesk.errors import NotFoundError, ValidationError
from itadesk.services import memos, office, years
from itadesk.services.kinds import kind_of
from itadesk.services.measures import (
    by_group,
    group_heading,
    list_measures,
    measure_period,
    numbers_in_groups,
)
from itadesk.services.memos import MemoDraft
from itadesk.services.progress import entry_for
from itadesk.services.signatures import printable


@dataclass
class PrintOptions:
    # progress table: a named layout (three, two, results); None: the office's own columns
    layout: str | None = None
    columns: tuple[str, ...] | None = None  # the table's columns, overriding the above
    headers: dict[str, str] = field(default_factory=dict)  # renamed headers, over the above
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


def _measure(measure: Measure, number: int, thai: bool, marker: str) -> data.Measure:
    return data.Measure(
        number=number, title=measure.title, practice=measure.approach,
        steps=tuple(measure.steps), owner=", ".join(measure.units),
        period=measure_period(measure, thai), follow_up=measure.follow_up, step_marker=marker,
        targets=target_label(" ".join(measure.links), thai),
    )  # fmt: skip


def table_columns(
    db: Database, kind: str, options: PrintOptions
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The columns a table prints and its renamed headers: the office's own set for the
    kind, a named layout, or the columns given; headers the command gives come last. A
    wrong key is refused in Thai naming the valid ones."""
    progress = kind == "progress"
    if progress:
        paperwork = office.get_paperwork(db)
        layout = options.layout
        if layout is None and "progress" not in paperwork.columns:
            layout = data.ProgressLayout.THREE
        if layout is not None and layout not in columns.PRESETS:
            raise ValidationError(f"รูปแบบตารางต้องเป็น {', '.join(columns.PRESETS)}")
        keys, titles = (
            columns.PRESETS[layout] if layout is not None
            else (paperwork.columns["progress"], paperwork.headers.get("progress", {}))
        )  # fmt: skip
    else:
        the_office = office.get_office(db)
        keys, titles = tuple(the_office.measure_columns), dict(the_office.column_titles)
    if options.columns is not None:
        keys = columns.check_columns(options.columns, progress)
    shown = columns.header_keys(keys)
    merged = {k: v for k, v in titles.items() if k in shown}
    merged |= columns.check_headers(options.headers, keys)
    return tuple(keys), tuple(merged.items())


@dataclass(frozen=True)
class _Shape:
    """What every table of one print needs to know: the office's settings and the values
    its fields fill with."""

    paperwork: Paperwork
    values: dict[str, str]
    thai: bool

    def fill(self, text: str, **more: str) -> str:
        return fill(text, {**self.values, **more})

    def title_lines(self, kind: str) -> tuple[str, ...]:
        lines = self.paperwork.titles.get(kind) or DEFAULT_TITLES[kind]
        return tuple(t for t in (self.fill(line).strip() for line in lines) if t)

    def paragraphs(self, text: str, **more: str) -> tuple[str, ...]:
        """One paragraph per line, fields filled."""
        filled = (self.fill(p, **more).strip() for p in text.split("\n"))
        return tuple(p for p in filled if p)


def _shape(db: Database, year: int, round_months: int | None, options: PrintOptions) -> _Shape:
    the_office = office.get_office(db)
    thai = _thai(the_office, options)
    values = {
        "หน่วยงาน": the_office.full_name,
        "อำเภอ": the_office.district,
        "จังหวัด": the_office.province,
        "ปีงบประมาณ": digits(year, thai),
        "ปีถัดไป": digits(year + 1, thai),
    }
    if round_months is not None:
        span = Round(year, round_months)
        values["รอบ"] = f"{digits(round_months, thai)} เดือน"
        values["ช่วงรอบ"] = (
            f"{thai_date(span.start, thai_digits=thai)} - {thai_date(span.end, thai_digits=thai)}"
        )
    return _Shape(office.get_paperwork(db), values, thai)


def _lowest(db: Database, year: int, tool: str, thai: bool) -> dict[str, str]:
    """The tool's lowest indicator and its score, from the result the year's measures answer
    (the year before, else the year itself); nothing when no scores are stored."""
    for result_year in (year - 1, year):
        try:
            result = years.get_result(db, result_year)
        except NotFoundError:
            continue
        if not result.scores:
            continue
        scheme = scheme_for(result_year)
        scores = years.assessment_of(result).scores
        pairs = [(s, i) for i, s in zip(scheme.indicators, scores, strict=True) if i.tool == tool]
        if pairs:
            score, ind = min(pairs, key=lambda p: p[0])
            return {
                "ตัวชี้วัดต่ำสุด": f"ตัวชี้วัดที่ {digits(ind.number, thai)} {ind.name}",
                "คะแนนต่ำสุด": format_score(float(score), thai),
            }
    return {}


def _grouped(
    db: Database, year: int, shape: _Shape
) -> list[tuple[str, str, list[tuple[Measure, data.Measure]]]]:
    """The year's measures by group in print order, each with its heading, the paragraph
    under it and the measures as printed (numbered as the office numbers them)."""
    groups = list(by_group(_year_measures(db, year)).items())
    in_order = [m for _, members in groups for m in members]
    numbers = numbers_in_groups(in_order, run_on=shape.paperwork.numbering == "run_on")
    marker = shape.paperwork.step_marker
    out = []
    for group, members in groups:
        note = shape.paperwork.group_notes.get(group, "")
        if note:
            note = shape.fill(note, **_lowest(db, year, group, shape.thai)).strip()
        printed = [(m, _measure(m, numbers[m.id], shape.thai, marker)) for m in members]
        out.append((group_heading(group), note, printed))
    return out


def _year_measures(db: Database, year: int) -> list[Measure]:
    rows = list_measures(db, year)
    if not rows:
        raise NotFoundError(
            f"ยังไม่มีมาตรการของปีงบประมาณ {digits(year)}: โปรดเพิ่มมาตรการที่หน้าจอ มาตรการ ก่อน"
        )
    return rows


def measures_table(db: Database, year: int, options: PrintOptions) -> data.MeasuresTable:
    shape = _shape(db, year, None, options)
    groups = tuple(
        data.MeasureGroup(heading, tuple(m for _, m in printed), note)
        for heading, note, printed in _grouped(db, year, shape)
    )
    keys, headers = table_columns(db, "measures", options)
    return data.MeasuresTable(
        title_lines=shape.title_lines("measures"),
        groups=groups,
        columns=keys,
        landscape=options.landscape,
        headers=headers,
        before=shape.paragraphs(shape.paperwork.before.get("measures", "")),
        after=shape.paragraphs(shape.paperwork.after.get("measures", "")),
    )


def progress_report(
    db: Database, year: int, round_months: int, options: PrintOptions
) -> data.ProgressReport:
    keys, headers = table_columns(db, "progress", options)
    shape = _shape(db, year, round_months, options)
    groups = []
    for heading, note, printed in _grouped(db, year, shape):
        items = []
        for measure, shown in printed:
            entry = entry_for(measure, round_months)
            items.append(
                data.ProgressItem(
                    measure=shown,
                    status=data.Status(entry.status) if entry else data.Status.NOT_STARTED,
                    evidence=_evidence(entry.evidence if entry else ""),
                    evidence_files=tuple(a.filename for a in entry.attachments) if entry else (),
                    details=entry.done_text if entry else "",
                    outputs=entry.outputs if entry else "",
                    outcomes=entry.outcomes if entry else "",
                    remark=entry.remark if entry else "",
                )
            )
        groups.append(data.ProgressGroup(heading, tuple(items), note))
    return data.ProgressReport(
        title_lines=shape.title_lines("progress"),
        groups=tuple(groups),
        columns=keys,
        headers=headers,
        landscape=options.landscape,
        before=shape.paragraphs(shape.paperwork.before.get("progress", "")),
        after=shape.paragraphs(shape.paperwork.after.get("progress", "")),
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
    thai = _thai(the_office, options)
    paperwork = office.get_paperwork(db)

    def table(name: str) -> data.MeasuresTable | data.ProgressReport:
        # the columns given for the memo are those of its own table, not of the other
        shaped = options if name == kind else dataclasses.replace(options, columns=None, headers={})
        if name == "measures":
            return measures_table(db, year, shaped)
        if round_months is None:
            raise ValidationError("ตารางผลการดำเนินการต้องระบุรอบรายงาน")
        return progress_report(db, year, round_months, shaped)

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
        date=thai_date(draft.issued_on, thai_digits=thai, era=paperwork.memo_date_be),
        ref_no=f"{prefix}/{draft.number}" if prefix else draft.number,
        phone=the_office.phone,
        closing=draft.closing,
        reviewers=reviewers,
        attachments=() if any(embedded) else (table(kind),),
        emblem=_emblem(the_office),
        reviewers_side_by_side=paperwork.reviewers == "side_by_side",
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


ANSWERS_TITLE = "มาตรการที่ตอบตัวชี้วัดที่ต่ำกว่าค่าเป้าหมาย"
HISTORY_TITLE = "ผลการประเมินคุณธรรมและความโปร่งใสย้อนหลัง"
TOOL_OF_CODE = {"i": "IIT", "e": "EIT", "o": "OIT"}


def _finding_groups(
    result: ItaResult, scheme: Scheme, scores: Sequence[Decimal], shape: _Shape
) -> tuple[data.FindingGroup, ...]:
    """Findings under their heading, the indicator they name, or the low questions, by tool
    in the office's group order; each group knows its tool (and its indicator's score) for
    the findings table per tool."""
    thai = shape.thai
    low_text = {item["code"]: item.get("text", "") for item in result.low_items}
    groups: dict[str, tuple[str, float | None, list[data.Finding]]] = {}
    for finding in result.findings:
        codes = tuple(finding.target.split())
        named = [c for c in codes if c.startswith("ind")]
        questions = tuple(c for c in codes if not c.startswith("ind"))
        ind = scheme.indicator(int(named[0][3:])) if named else None
        if finding.heading:
            title = finding.heading
        elif ind:
            title = f"ตัวชี้วัดที่ {digits(ind.number, thai)} {ind.name}"
        else:
            title = "ข้อคำถามที่มีผลการประเมินต่ำ"
        tool = ind.tool if ind else TOOL_OF_CODE.get(questions[0][:1] if questions else "", "")
        score = float(scores[scheme.indicators.index(ind)]) if ind and scores else None
        issue = " ".join([*(low_text[c] for c in questions if low_text.get(c)), finding.issue])
        entry = groups.setdefault(title, (tool, score, []))
        entry[2].append(data.Finding(questions, issue, finding.action))
    found_groups = (
        data.FindingGroup(title, tuple(found), result.finding_intro, tool, score)
        for title, (tool, score, found) in groups.items()
    )
    order = shape.paperwork.group_order
    return tuple(sorted(found_groups, key=lambda g: group_rank(g.tool, order)))


def _has_data(block: data.Block, report: data.AnalysisReport) -> bool:
    """Does the report hold anything for ``block`` to show?"""
    held = {
        data.Block.NONE: False,
        data.Block.SCORES: bool(report.indicators),
        data.Block.CHART: bool(report.indicators),
        data.Block.FINDINGS: bool(report.finding_groups),
        data.Block.FINDINGS_TABLE: bool(report.finding_groups),
        data.Block.PLAN: report.plan is not None,
        data.Block.ANSWERS: bool(report.answers),
        data.Block.HISTORY: bool(report.history),
        data.Block.LIMITS: bool(report.limits),
        data.Block.SUGGESTIONS: bool(report.suggestions),
    }
    return held[block]


def _default_sections(
    report: data.AnalysisReport, summary: str, office_name: str, thai: bool
) -> list[data.Section]:
    """The sections printed until the office sets its own: ส่วนที่ ๑, ๒, ๓ counted over
    those that have something to show."""
    year_text, next_text = digits(report.fiscal_year, thai), digits(report.fiscal_year + 1, thai)
    B = data.Block
    parts = [
        (B.FINDINGS, "ข้อมูลรายละเอียดการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการ"
         f"ดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. {year_text}", ()),
        (B.PLAN, "การกำหนดวิธีการนำผลการวิเคราะห์แต่ละประเด็นไปสู่การปฏิบัติของ"
         f"{office_name} ในปีงบประมาณ พ.ศ. {next_text}",
         ("จากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน ประจำปีงบประมาณ "
          f"พ.ศ. {year_text} นำไปสู่การปฏิบัติหรือกำหนดมาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรม"
          f"และความโปร่งใสของ{office_name}ให้ดีขึ้น ดังนี้",)),
        (B.LIMITS, "การวิเคราะห์ข้อจำกัดของหน่วยงานในการดำเนินการประเมินคุณธรรมและ"
         "ความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ", ()),
    ]  # fmt: skip
    sections = [data.Section("", (summary,), B.SCORES), data.Section("", (), B.CHART)]
    if report.history:
        sections.append(data.Section(HISTORY_TITLE, (), B.HISTORY))
    if not report.limits:  # the last part's title goes over the suggestions
        parts[-1] = (B.SUGGESTIONS, parts[-1][1], ())
    number = 0
    for block, title, paragraphs in parts:
        if _has_data(block, report):
            number += 1
            sections.append(data.Section(f"ส่วนที่ {digits(number, thai)} {title}", paragraphs, block))
        if block is B.PLAN and report.answers:
            sections.append(data.Section(ANSWERS_TITLE, (), B.ANSWERS))
    if report.limits:
        sections.append(data.Section("", (), B.SUGGESTIONS))
    return sections


def analysis_report(db: Database, year: int, options: PrintOptions) -> data.AnalysisReport:
    """The analysis of the result of fiscal ``year`` and the plan of the year after, in the
    office's sections (or the default ones)."""
    result = years.get_result(db, year)
    assessment = years.assessment_of(result)
    the_office = office.get_office(db)
    shape = _shape(db, year, None, options)
    thai = shape.thai
    scheme = scheme_for(year)
    indicators = tuple(
        data.IndicatorScore(ind.tool, ind.number, ind.name, float(score))
        for ind, score in zip(scheme.indicators, assessment.scores, strict=True)
    )
    plan = None
    if list_measures(db, year + 1):
        plan = dataclasses.replace(measures_table(db, year + 1, options), title_lines=())
    overall = result.official_overall or str(assessment.overall)
    level = result.official_level or assessment.level
    summary = result.intro or (
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
    titles = shape.paperwork.titles.get("analysis")

    def wants(block: data.Block, asked: bool) -> bool:
        """Data the command asked for, or that one of the office's sections shows."""
        return asked or any(s.block == block for s in shape.paperwork.sections)

    report = data.AnalysisReport(
        title_lines=shape.title_lines("analysis") if titles else _analysis_title(shape),
        sections=(),
        fiscal_year=year,
        overall_score=float(overall),
        level=level,
        indicators=indicators,
        finding_groups=_finding_groups(result, scheme, assessment.scores, shape),
        plan=plan,
        limits=tuple(p for p in result.limits.split("\n") if p.strip()),
        suggestions=tuple(p for p in result.suggestions.split("\n") if p.strip()),
        preface=preface,
        target=float(scheme.target),
        **(_history(db, year, thai) if wants(data.Block.HISTORY, options.history) else {}),
        answers=_answers(db, year, assessment, thai)
        if wants(data.Block.ANSWERS, options.answers)
        else (),
    )
    if not shape.paperwork.sections:
        sections = _default_sections(report, summary, the_office.full_name, thai)
    else:
        sections = [
            data.Section(
                shape.fill(s.title, สรุปผล=summary).strip(),
                shape.paragraphs(s.text, สรุปผล=summary),
                data.Block(s.block),
            )
            for s in shape.paperwork.sections
        ]
    # a section prints when it has something to show (a title alone is a heading)
    shown = [
        s
        for s in sections
        if s.paragraphs or _has_data(s.block, report) or (s.title and not s.block)
    ]
    return dataclasses.replace(report, sections=tuple(shown))


def _analysis_title(shape: _Shape) -> tuple[str, ...]:
    """The default title lines; อำเภอ and จังหวัด only when the office gave them."""
    head = DEFAULT_TITLES["analysis"][:-1]
    values = shape.values
    line = " ".join(
        [values["หน่วยงาน"]]
        + [f"{label}{values[label]}" for label in ("อำเภอ", "จังหวัด") if values[label].strip()]
    )
    return (*(shape.fill(h) for h in head), line)


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


def load_fonts() -> None:
    """Register the fonts the documents embed (done once; the first print is then faster)."""
    from itadesk.documents.fonts import register_fonts

    register_fonts()


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


_BUILDING = threading.Lock()


def build_documents(
    db: Database,
    kind: str,
    year: int,
    round_months: int | None,
    options: PrintOptions,
    file_formats: Sequence[str],
) -> dict[str, bytes]:
    """The document in each of ``file_formats``, from one reading of its data.

    One document is built at a time (the preview, a Word copy and an export may ask from
    different threads): the office's words given to the segmenter, the fonts and their
    reportlab state belong to the whole process.
    """
    from itadesk.documents.base import DocumentOptions
    from itadesk.documents.typeset import set_custom_words

    with _BUILDING:
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

"""The three reference documents, entered through the services, come out as the engine's data
(and as PDFs) with the same content and structure as the reference fixtures.

The fixtures in ``tests/documents/fixtures.py`` transcribe the reference documents (the
project's source material, not in this repository); here the same content is typed in as a
clerk would (office, people, measures, statuses, memo text) and the services must rebuild it.
"""

from datetime import date

from itadesk.documents import data
from itadesk.services import documents, measures, memos, office, progress, years
from itadesk.services.documents import PrintOptions
from itadesk.services.measures import MeasureInput
from tests.documents import fixtures
from tests.pdftext import flat, in_a_cell, pdf_text

TOOL_HEADING = "มาตรการ/แนวทาง ยกระดับ "


def enter_groups(db, year, groups):
    """Type in the measures of the fixture's groups; returns the ids by (group, number)."""
    ids = {}
    for group in groups:
        code = group.heading.removeprefix(TOOL_HEADING)
        for m in group.measures:
            row = measures.add_measure(
                db, year,
                MeasureInput(
                    title=m.title, group=code, approach=m.practice, steps=list(m.steps),
                    units=m.owner.split(", ") if m.owner else [], period_note=m.period,
                    follow_up=m.follow_up, rounds=[6, 12],
                ),
            )  # fmt: skip
            ids[code, m.number] = row.id
    return ids


def measures_of(groups):
    return [(g.heading, g.measures) for g in groups]


def items_of(groups):
    return [(g.heading, g.items) for g in groups]


def enter_tha_phae(db):
    office.update_office(
        db, kind="เทศบาลตำบล", name="ท่าแพ", district="เมืองนครศรีธรรมราช",
        province="นครศรีธรรมราช", department="สำนักปลัดเทศบาล เทศบาลตำบลท่าแพ",
        phone="๐๗๕-๗๖๕๒๖๗", doc_prefix="นศ ๕๓๓๐๑",
    )  # fmt: skip
    memo = fixtures.memo()
    writer = office.save_person(db, memo.writer.name, memo.writer.position)
    chain = []
    for reviewer in memo.reviewers:
        s = reviewer.signer
        person = office.save_person(db, s.name, s.position, s.acting_for)
        chain.append({"label": reviewer.label, "person": person.uuid, "comment": reviewer.comment})
    office.set_reviewer_chain(db, chain)
    office.update_office(db, writer_uuid=writer.uuid)
    ids = enter_groups(db, 2566, fixtures.GROUPS)
    for group in fixtures.progress_report().groups:
        code = group.heading.removeprefix(TOOL_HEADING)
        for item in group.items:
            progress.set_progress(
                db, ids[code, item.measure.number], 6,
                progress.ProgressInput(item.status.value, evidence=item.evidence.strip("()")),
            )  # fmt: skip
    draft = memos.draft_memo(db, "progress", 2566, 6)
    draft.number, draft.issued_on = "๑๖๕", date(2023, 4, 3)
    draft.subject, draft.to, draft.closing = memo.subject, memo.to, memo.closing
    draft.parts = [
        {"title": "เรื่องเดิม", "text": fixtures.BACKGROUND, "table": "measures"},
        {"title": "ข้อเท็จจริง", "text": fixtures.FACTS, "table": "progress"},
        {"title": "ข้อพิจารณา", "text": ""},
    ]
    memos.save_memo(db, draft)


def test_memo_with_three_status_table(db, tmp_path):
    enter_tha_phae(db)
    got = documents.memo(db, "progress", 2566, 6, PrintOptions())
    want = fixtures.memo()
    for field in ("office", "phone", "ref_no", "date", "subject", "to", "closing", "writer"):
        assert getattr(got, field) == getattr(want, field), field
    assert got.reviewers == want.reviewers
    assert [(p.title, p.paragraphs) for p in got.parts] == [
        (p.title, p.paragraphs) for p in want.parts
    ]
    measures_table, progress_table = got.parts[0].table, got.parts[1].table
    assert isinstance(measures_table, data.MeasuresTable)
    assert measures_of(measures_table.groups) == measures_of(fixtures.GROUPS)
    assert isinstance(progress_table, data.ProgressReport)
    assert items_of(progress_table.groups) == items_of(fixtures.progress_report().groups)
    assert got.attachments == ()  # the tables are inside the memo, as in the reference

    pdf = documents.build_document(db, "memo-progress", 2566, 6, PrintOptions())
    text = flat(pdf_text(pdf, tmp_path))
    order = [
        "บันทึกข้อความ", "ส่วนราชการสำนักปลัดเทศบาลเทศบาลตำบลท่าแพโทร๐๗๕-๗๖๕๒๖๗",
        "ที่นศ๕๓๓๐๑/๑๖๕", "วันที่๓เมษายน๒๕๖๖", "เรื่องรายงานผลการดำเนินการ",
        "เรียนนายกเทศมนตรีตำบลท่าแพ", "เรื่องเดิม", "มาตรการ/แนวทางยกระดับIIT", "ข้อเท็จจริง",
        "สถานะดำเนินงาน", "ข้อพิจารณา", "(นางสาวกมลทิพย์วัจนะพันธ์)", "ความเห็นผู้อำนวยการกอง",
        "รองปลัดเทศบาลรักษาราชการแทน", "ปลัดเทศบาลตำบลท่าแพ", "ทราบ", "(นายจรัญเจียจิราพัฒนันท์)",
    ]  # fmt: skip
    position = 0
    for phrase in order:  # each phrase comes after the one before
        found = text.find(phrase, position)
        assert found >= 0, f"{phrase} not after {text[max(0, position - 40):position]}"
        position = found + len(phrase)


def test_analysis_report_with_plan(db, tmp_path):
    want = fixtures.analysis_report()
    office.update_office(
        db, kind="องค์การบริหารส่วนตำบล", name="นาทอน", district="ทุ่งหว้า", province="สตูล"
    )
    years.record_scores(
        db, 2566, [i.score for i in want.indicators], official_overall="96.98",
        official_level="ผ่านดี",
    )  # fmt: skip
    for group in want.finding_groups:
        for finding in group.findings:
            years.save_finding(
                db, 2566, " ".join(finding.codes), finding.issue, finding.action,
                heading=group.title,
            )  # fmt: skip
    years.update_analysis(
        db, 2566, intro=fixtures.ANALYSIS_SUMMARY, finding_intro=fixtures.INTRO,
        limits="\n".join(want.limits), suggestions="\n".join(want.suggestions),
        preface="\n".join(want.preface.paragraphs), preface_date=want.preface.date,
    )  # fmt: skip
    office.update_office(
        db, measure_columns=list(want.plan.columns), column_titles=dict(want.plan.headers),
    )  # fmt: skip
    enter_groups(db, 2567, want.plan.groups)

    got = documents.analysis_report(db, 2566, PrintOptions())
    assert got.indicators == want.indicators
    assert (got.overall_score, got.level) == (96.98, "ผ่านดี")
    assert got.finding_groups == want.finding_groups
    fields = ("title_lines", "sections", "limits", "suggestions", "preface")
    for field in fields:
        assert getattr(got, field) == getattr(want, field), field
    assert got.plan is not None
    assert got.plan.columns == want.plan.columns and got.plan.headers == want.plan.headers
    assert measures_of(got.plan.groups) == measures_of(want.plan.groups)

    pdf = documents.build_document(db, "analysis", 2566, None, PrintOptions())
    text = flat(pdf_text(pdf, tmp_path))
    for phrase in ("คำนำ", "๙๖.๙๘", "ประเด็นข้อคำถามi๔i๕i๖", "ข้อจำกัดด้านงบประมาณ"):
        assert phrase in text, phrase
    assert in_a_cell("วิธีการนำผลการวิเคราะห์ไปสู่การปฏิบัติ", pdf)


def test_results_booklet_with_outputs_and_outcomes(db, tmp_path):
    want = fixtures.RESULTS
    office.update_office(db, kind="เทศบาลตำบล", name="นาดูน")
    ids = enter_groups(
        db, 2566, [data.MeasureGroup("", tuple(i.measure for i in want.groups[0].items))]
    )
    for item in want.groups[0].items:
        progress.set_progress(
            db, ids["", item.measure.number], 12,
            progress.ProgressInput(item.status.value, done_text=item.details,
                                   outputs=item.outputs, outcomes=item.outcomes),
        )  # fmt: skip
    options = PrintOptions(layout="results", landscape=True)
    got = documents.progress_report(db, 2566, 12, options)
    assert items_of(got.groups) == items_of(want.groups)
    assert (got.columns, got.headers, got.landscape) == (want.columns, want.headers, want.landscape)
    pdf = documents.build_document(db, "progress", 2566, 12, options)
    assert in_a_cell("ผลผลิต", pdf) and in_a_cell("๑.มาตรการตรวจสอบการใช้ดุลพินิจ", pdf)

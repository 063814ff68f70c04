"""The office shapes its papers (issue 11 §2): titles with fields that fill themselves,
paragraphs around tables and under group headings, the analysis report's sections, measure
numbering, step markers, the memo date, signature blocks and the reviewer chain. Checked in
the extracted text of real PDFs built from a real database."""

import io
import re

import pytest

from itadesk.bundle import export_bundle, import_bundle, verify_bundle
from itadesk.db.database import open_database
from itadesk.documents.grid import findings_grids
from itadesk.domain.fields import fill
from itadesk.domain.paperwork import check_paperwork, suggested_group_note
from itadesk.errors import ValidationError
from itadesk.services import documents, measures, office, overview
from itadesk.services.demo import PLAN_YEAR, RESULT_YEAR
from itadesk.services.documents import PrintOptions, build_document
from itadesk.services.kinds import FORMATS
from tests.pdftext import flat, pdf_text


def text_of(db, kind, year, tmp_path, round_months=None, layout=False, **options):
    pdf = build_document(db, kind, year, round_months, PrintOptions(**options))
    return pdf_text(pdf, tmp_path, layout=layout)


def in_order(text: str, phrases: list[str]) -> bool:
    """Is each phrase in ``text`` after the one before it?"""
    at = 0
    for phrase in phrases:
        at = text.find(phrase, at)
        if at < 0:
            raise AssertionError(f"{phrase} not found in order")
        at += len(phrase)
    return True


def test_fields_fill_and_unknown_ones_are_refused_in_thai():
    assert fill("ของ{หน่วยงาน} ปี {ปีงบประมาณ}", {"หน่วยงาน": "อบต.ก", "ปีงบประมาณ": "๒๕๖๘"}) == (
        "ของอบต.ก ปี ๒๕๖๘"
    )
    assert fill("{หน่วยงาน} {รอบ}", {"หน่วยงาน": "ก"}) == "ก "  # a field not known here: ""
    with pytest.raises(ValidationError, match=r"ไม่รู้จักช่อง \{ปี\}: ใช้ได้ \{หน่วยงาน\}"):
        check_paperwork({"titles": {"progress": ["ปี {ปี}"]}})
    with pytest.raises(ValidationError, match="หัวเรื่องตารางใช้ได้กับ"):
        check_paperwork({"titles": {"memo": ["x"]}})
    with pytest.raises(ValidationError, match="เครื่องหมายหน้าขั้นตอน"):
        check_paperwork({"step_marker": "*"})
    # only what differs from the defaults is stored
    assert check_paperwork({"numbering": "group", "titles": {"measures": [" ก "]}}) == {
        "titles": {"measures": ["ก"]}
    }


def test_titles_and_paragraphs_around_the_table(demo_db, tmp_path):
    office.update_office(demo_db, district="เมืองสุข", province="สุขใจ")
    office.set_paperwork(
        demo_db,
        titles={"progress": ["รายงานผล รอบ {รอบ} ปีงบประมาณ {ปีงบประมาณ}",
                             "{หน่วยงาน} อำเภอ{อำเภอ} จังหวัด{จังหวัด}", "ช่วง {ช่วงรอบ}"]},
        before={"progress": "ย่อหน้าก่อนตารางของ{หน่วยงาน}"},
        after={"progress": "ย่อหน้าหลังตาราง\nบรรทัดที่สองหลังตาราง"},
    )  # fmt: skip
    report = documents.progress_report(demo_db, PLAN_YEAR, 6, PrintOptions())
    assert report.title_lines == (
        "รายงานผล รอบ ๖ เดือน ปีงบประมาณ ๒๕๖๙",
        "เทศบาลตำบลทุ่งสุขสันต์ อำเภอเมืองสุข จังหวัดสุขใจ",
        "ช่วง ๑ ตุลาคม ๒๕๖๘ - ๓๑ มีนาคม ๒๕๖๙",
    )
    assert report.before == ("ย่อหน้าก่อนตารางของเทศบาลตำบลทุ่งสุขสันต์",)
    text = flat(text_of(demo_db, "progress", PLAN_YEAR, tmp_path, 6))
    order = ["รายงานผลรอบ๖เดือน", "อำเภอเมืองสุขจังหวัดสุขใจ", "ช่วง๑ตุลาคม๒๕๖๘-๓๑มีนาคม๒๕๖๙",
             "ย่อหน้าก่อนตาราง", "มาตรการ/แนวทาง", "สรุปสถานะ", "ย่อหน้าหลังตาราง",
             "บรรทัดที่สองหลังตาราง"]  # fmt: skip
    assert in_order(text, order)


def test_group_note_names_the_tools_lowest_indicator(demo_db, tmp_path):
    office.set_paperwork(demo_db, group_notes={"IIT": suggested_group_note("IIT")})
    table = documents.measures_table(demo_db, PLAN_YEAR, PrintOptions())
    iit = next(g for g in table.groups if g.heading.endswith("IIT"))
    # the demo's IIT result of the year before: indicator 4 is the lowest
    assert re.fullmatch(
        r"จากผลการประเมิน ตัวชี้วัดที่ได้คะแนนต่ำสุดของ IIT คือ ตัวชี้วัดที่ ๔ การใช้ทรัพย์สินของราชการ "
        r"ได้คะแนน [๐-๙]+\.[๐-๙]{2} คะแนน จึงกำหนดมาตรการ ดังนี้", iit.note,
    ), iit.note  # fmt: skip
    assert all(not g.note for g in table.groups if g is not iit)
    text = flat(text_of(demo_db, "measures", PLAN_YEAR, tmp_path))
    assert text.index("ยกระดับIIT") < text.index("ตัวชี้วัดที่๔การใช้ทรัพย์สิน") < text.index("๑.")


def test_run_on_numbering_and_step_markers(demo_db, tmp_path):
    def numbers_and_steps():
        table = documents.measures_table(demo_db, PLAN_YEAR, PrintOptions())
        return [m.number for g in table.groups for m in g.measures], table

    numbers, table = numbers_and_steps()
    assert numbers[: len(table.groups[0].measures) + 1][-1] == 1  # restarts in each group
    office.set_paperwork(demo_db, numbering="run_on", step_marker="๑.")
    numbers, table = numbers_and_steps()
    assert numbers == list(range(1, len(numbers) + 1))
    text = flat(text_of(demo_db, "measures", PLAN_YEAR, tmp_path))
    first = table.groups[0].measures[0]
    assert f"๑.{flat(first.steps[0][:8])}" in text
    assert f"๒.{flat(first.steps[1][:8])}" in text
    office.set_paperwork(demo_db, step_marker="")
    text = flat(text_of(demo_db, "measures", PLAN_YEAR, tmp_path))
    assert flat(first.steps[0][:8]) in text and f"-{flat(first.steps[0][:8])}" not in text


def test_memo_date_with_era_and_reviewers_side_by_side(demo_db, tmp_path):
    chain = office.get_office(demo_db).reviewer_chain
    assert len(chain) >= 2
    plain = text_of(demo_db, "memo-progress", PLAN_YEAR, tmp_path, 6, layout=True)
    assert not re.search(r"วันที่\s+[๐-๙]+ \S+ พ\.ศ\. ๒๕", plain)
    office.set_paperwork(demo_db, memo_date_be=True, reviewers="side_by_side")
    memo = documents.memo(demo_db, "progress", PLAN_YEAR, 6, PrintOptions())
    assert re.fullmatch(r"[๐-๙]+ \S+ พ\.ศ\. ๒๕[๐-๙]{2}", memo.date)
    assert memo.reviewers_side_by_side
    text = text_of(demo_db, "memo-progress", PLAN_YEAR, tmp_path, 6, layout=True)
    assert re.search(r"วันที่\s+[๐-๙]+ \S+ พ\.ศ\. ๒๕", text)
    first, second = (r["label"][:10] for r in chain[:2])
    # the first two reviewers' labels on one line of the page, the first on the left
    assert any(first in line and second in line and line.index(first) < line.index(second)
               for line in text.splitlines())  # fmt: skip


def test_a_long_acting_title_prints_on_one_line(demo_db, tmp_path):
    acting = "ปลัดเทศบาล ปฏิบัติหน้าที่นายกเทศมนตรีตำบลทุ่งสุขสันต์ทุกประการ"  # wider than 55 %
    writer = office.get_office(demo_db).writer_uuid
    person = next(p for p in office.list_people(demo_db) if p.uuid == writer)
    office.save_person(
        demo_db, person.name, "รองปลัดเทศบาล รักษาราชการแทน", acting, person_id=person.id
    )
    text = text_of(demo_db, "memo-progress", PLAN_YEAR, tmp_path, 6, layout=True)
    lines = [line.strip() for line in text.splitlines()]
    assert acting in lines


def test_analysis_sections_in_the_offices_order(demo_db, tmp_path):
    office.set_paperwork(
        demo_db,
        sections=[
            {"title": "ส่วนที่ ๑ ผลคะแนน", "text": "{สรุปผล}", "block": "scores"},
            {"title": "ส่วนที่ ๒ ประเด็นที่ต้องแก้ไข", "block": "findings_table"},
            {"title": "ส่วนที่ ๓ แผน ปี {ปีถัดไป}",
             "text": "ที่ประชุมคณะผู้บริหารของ{หน่วยงาน} เห็นชอบแผนนี้", "block": "plan"},
            {"title": "ส่วนที่ ๔ กราฟ", "block": "chart"},
            {"title": "ไม่มีข้อมูล", "block": "limits"},
        ],
    )  # fmt: skip
    report = documents.analysis_report(demo_db, RESULT_YEAR, PrintOptions())
    assert [s.title for s in report.sections][:4] == [
        "ส่วนที่ ๑ ผลคะแนน", "ส่วนที่ ๒ ประเด็นที่ต้องแก้ไข", "ส่วนที่ ๓ แผน ปี ๒๕๖๙", "ส่วนที่ ๔ กราฟ",
    ]  # fmt: skip
    assert report.sections[0].paragraphs[0].startswith("ผลการประเมินคุณธรรม")
    assert report.sections[2].paragraphs == ("ที่ประชุมคณะผู้บริหารของเทศบาลตำบลทุ่งสุขสันต์ เห็นชอบแผนนี้",)
    if not report.limits:
        assert "ไม่มีข้อมูล" not in [s.title for s in report.sections]
    text = flat(text_of(demo_db, "analysis", RESULT_YEAR, tmp_path))
    order = ["ส่วนที่๑ผลคะแนน", "คะแนนภาพรวม", "ส่วนที่๒ประเด็นที่ต้องแก้ไข", "ตัวชี้วัดและคะแนน",
             "ประเด็นที่ต้องแก้ไข", "ส่วนที่๓แผนปี๒๕๖๙", "ที่ประชุมคณะผู้บริหาร", "มาตรการ/แนวทาง",
             "ส่วนที่๔กราฟ", "เส้นประ"]  # fmt: skip
    assert in_order(text, order)


def test_paperwork_travels_in_the_bundle(demo_db, tmp_path):
    office.set_paperwork(
        demo_db, numbering="run_on", group_notes={"EIT": "หมายเหตุ {หน่วยงาน}"},
        group_order=["EIT", "OIT", "IIT"],
    )  # fmt: skip
    bundle = export_bundle(demo_db, tmp_path).path
    other_db = open_database(tmp_path / "other")
    import_bundle(other_db, verify_bundle(bundle))
    got = office.get_paperwork(other_db)
    assert got.numbering == "run_on" and got.group_notes == {"EIT": "หมายเหตุ {หน่วยงาน}"}
    assert got.group_order == ("EIT", "OIT", "IIT")
    assert measures.list_measures(other_db, PLAN_YEAR)[0].group == "EIT"
    other_db.close()


def test_group_order_is_three_tools_each_once():
    assert check_paperwork({"group_order": ["IIT", "EIT", "OIT"]}) == {}  # the default
    assert check_paperwork({"group_order": ["OIT", "IIT", "EIT"]}) == {
        "group_order": ["OIT", "IIT", "EIT"]
    }
    for wrong in (["IIT", "IIT", "EIT"], ["IIT", "EIT"], "IIT,EIT,OIT", ["IIT", "EIT", "XIT"]):
        with pytest.raises(ValidationError, match="ลำดับกลุ่มต้องมี IIT, EIT, OIT กลุ่มละหนึ่งครั้ง"):
            check_paperwork({"group_order": wrong})


def _word_text(docx: bytes) -> str:
    from docx import Document

    body = Document(io.BytesIO(docx)).element.body
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "".join(t.text or "" for t in body.iter(f"{W}t")).replace(" ", "")


def test_groups_in_the_offices_order_on_screens_and_paper(demo_db, tmp_path):
    """OIT, IIT, EIT: the listing every screen shows, the overview's counts, the measures,
    progress and analysis documents (plan and findings tables), PDF and Word alike."""
    order = ["OIT", "IIT", "EIT"]
    heads = [f"ยกระดับ{tool}" for tool in order]
    office.set_paperwork(demo_db, group_order=order)
    listed = [m.group for m in measures.list_measures(demo_db, PLAN_YEAR)]
    assert list(dict.fromkeys(listed)) == order
    assert list(overview.year_overview(demo_db, PLAN_YEAR).measures) == order
    for kind, year, months in (("measures", PLAN_YEAR, None), ("progress", PLAN_YEAR, 6),
                               ("analysis", RESULT_YEAR, None)):  # fmt: skip
        files = documents.build_documents(demo_db, kind, year, months, PrintOptions(), FORMATS)
        pdf = flat(pdf_text(files["pdf"], tmp_path))
        assert in_order(pdf, heads), kind
        assert in_order(_word_text(files["docx"]), heads), kind
    report = documents.analysis_report(demo_db, RESULT_YEAR, PrintOptions())
    tools = [tool for tool, _grid in findings_grids(report)]
    assert len(tools) > 1 and tools == [t for t in order if t in tools]
    office.set_paperwork(demo_db, group_order=["IIT", "EIT", "OIT"])  # back to the default
    listed = [m.group for m in measures.list_measures(demo_db, PLAN_YEAR)]
    assert list(dict.fromkeys(listed)) == ["IIT", "EIT", "OIT"]

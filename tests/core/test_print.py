"""Documents built from data entered through the services, checked as a reader would."""

import re

import pytest

from itadesk.cli import main
from itadesk.errors import ValidationError
from itadesk.services import memos, office, progress
from itadesk.services.demo import PLAN_YEAR, RESULT_YEAR
from itadesk.services.documents import PrintOptions, build_document
from itadesk.services.measures import list_measures
from tests.pdftext import PUA, flat, in_a_cell, pdf_text


def test_progress_memo_from_demo_data(demo_db, tmp_path):
    pdf = build_document(demo_db, "memo-progress", PLAN_YEAR, 6, PrintOptions())
    text = pdf_text(pdf, tmp_path)
    assert not PUA.search(text)
    joined = flat(text)
    for phrase in (
        "บันทึกข้อความ",
        "สำนักปลัดเทศบาลเทศบาลตำบลทุ่งสุขสันต์",
        "ศว๗๘๕๐๑/๑",
        "รอบ๖เดือน(๑ตุลาคม๒๕๖๘-๓๑มีนาคม๒๕๖๙)",
        "เรียนนายกเทศมนตรีตำบลทุ่งสุขสันต์",
        "(นางสาวพิมพ์ชนกใจสุจริต)",
        "ความเห็นหัวหน้าสำนักปลัดเทศบาล",
        "รองปลัดเทศบาลรักษาราชการแทน",
        "ปลัดเทศบาลตำบลทุ่งสุขสันต์",
    ):
        assert phrase in joined, phrase
    for phrase in ("ดำเนินการเสร็จเรียบร้อยแล้ว", "๑.ประกาศนโยบายไม่รับของขวัญหรือของกำนัล"):
        assert in_a_cell(phrase, pdf), phrase
    assert not re.search(r"[0-9]", joined.replace("ITA", "")), "Arabic digit in a Thai document"


def test_arabic_digits_when_asked(demo_db, tmp_path):
    pdf = build_document(demo_db, "progress", PLAN_YEAR, 6, PrintOptions(arabic_digits=True))
    joined = flat(pdf_text(pdf, tmp_path))
    assert "2569" in joined and "๒๕๖๙" not in joined


def test_edited_memo_text_is_printed(demo_db, tmp_path):
    draft = memos.draft_memo(demo_db, "measures", PLAN_YEAR)
    draft.parts[0]["text"] = "ข้อความที่เสมียนแก้ไขเอง"
    draft.number = "๒๑๗"
    pdf = build_document(demo_db, "memo-measures", PLAN_YEAR, None, PrintOptions(memo=draft))
    joined = flat(pdf_text(pdf, tmp_path))
    assert "ข้อความที่เสมียนแก้ไขเอง" in joined and "ศว๗๘๕๐๑/๒๑๗" in joined
    assert "มาตรการ/แนวทางยกระดับOIT" in joined  # the measures table is attached


@pytest.mark.parametrize("layout", ["three", "two", "results"])
def test_progress_layouts(demo_db, tmp_path, layout):
    pdf = build_document(demo_db, "progress", PLAN_YEAR, 12, PrintOptions(layout=layout))
    headers = {
        "three": "อยู่ระหว่างดำเนินการ",
        "two": "ดำเนินการแล้ว",
        "results": "ผลลัพธ์",
    }
    assert in_a_cell(headers[layout], pdf)
    if layout == "results":
        assert in_a_cell("หน่วยงานมีความโปร่งใสมากขึ้น", pdf)
        assert in_a_cell("บุคลากรและประชาชนได้รับทราบข้อมูล", pdf)


def test_evidence_note_is_under_the_check(demo_db, tmp_path):
    first = list_measures(demo_db, PLAN_YEAR)[0]
    progress.set_progress(
        demo_db, first.id, 3,
        progress.ProgressInput("done", evidence="ตรวจสอบได้จากเว็บไซต์ของหน่วยงาน"),
    )  # fmt: skip
    pdf = build_document(demo_db, "progress", PLAN_YEAR, 3, PrintOptions())
    assert "(ตรวจสอบได้จากเว็บไซต์ของหน่วยงาน)" in flat(pdf_text(pdf, tmp_path))


def test_analysis_report(demo_db, tmp_path):
    pdf = build_document(demo_db, "analysis", RESULT_YEAR, None, PrintOptions())
    joined = flat(pdf_text(pdf, tmp_path))
    for phrase in ("๘๕.๙๘", "ผ่าน", "การใช้ทรัพย์สินของราชการ", "๗๙.๖๔", "ปัญหา/อุปสรรค"):
        assert phrase in joined, phrase


def test_emblem_is_embedded(demo_db, tmp_path):
    from PIL import Image

    image = tmp_path / "garuda.png"
    Image.new("RGB", (60, 64), (0, 0, 0)).save(image)
    office.set_emblem(demo_db, image)
    pdf = build_document(demo_db, "memo-progress", PLAN_YEAR, 6, PrintOptions())
    assert b"/Subtype /Image" in pdf


def test_a_broken_stored_emblem_is_named_not_a_crash(demo_db):
    from itadesk.db.models import Office

    with demo_db.session() as session:  # as saved by a version that checked less
        session.query(Office).one().emblem = b"\x89PNG\r\n\x1a\n" + b"0" * 40
    with pytest.raises(ValidationError, match="ตราครุฑที่บันทึกไว้เปิดเป็นภาพไม่ได้"):
        build_document(demo_db, "memo-measures", PLAN_YEAR, None, PrintOptions())


def test_print_command_writes_pdf_and_reports_missing_data(tmp_path, capsys):
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "print", "progress", "--year", "2569", "--round", "6",
                 "-o", str(tmp_path / "x.pdf")]) == 2  # fmt: skip
    assert "ไม่มีข้อมูลในโฟลเดอร์" in capsys.readouterr().err
    assert main(["--data-dir", data, "demo"]) == 0
    out = tmp_path / "memo.pdf"
    assert main(["--data-dir", data, "print", "memo-progress", "--year", "๒๕๖๙", "--round", "6",
                 "--landscape", "-o", str(out)]) == 0  # fmt: skip
    assert "บันทึกข้อความ" in pdf_text(out.read_bytes(), tmp_path)
    assert "คำเตือน" not in capsys.readouterr().err  # the demo has round 6 entered
    assert main(["--data-dir", data, "print", "progress", "--year", "2569", "--round", "3",
                 "-o", str(out)]) == 0  # fmt: skip
    assert "คำเตือน: ยังไม่ได้บันทึกผลรอบ ๓ เดือนของมาตรการใดเลย" in capsys.readouterr().err
    assert main(["--data-dir", data, "print", "progress", "--year", "2569", "--round", "5",
                 "-o", str(out)]) == 2  # fmt: skip
    assert "๓, ๖, ๙ หรือ ๑๒" in capsys.readouterr().err
    assert main(["--data-dir", data, "print", "analysis", "--year", "2560",
                 "-o", str(out)]) == 2  # fmt: skip
    assert "ยังไม่มีข้อมูลปีงบประมาณ ๒๕๖๐: โปรดกรอก" in capsys.readouterr().err
    assert main(["--data-dir", data, "print", "progress", "--year", "2569",
                 "-o", str(out)]) == 2  # fmt: skip
    assert "--round" in capsys.readouterr().err


def test_long_link_in_evidence_prints(demo_db, tmp_path):
    link = (
        "https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-AbCdEfGhIj"
        "?usp=sharing"
    )
    first = list_measures(demo_db, PLAN_YEAR)[0]
    progress.set_progress(
        demo_db, first.id, 6, progress.ProgressInput("done", evidence=f"ตรวจสอบได้จาก {link}")
    )
    pdf = build_document(demo_db, "progress", PLAN_YEAR, 6, PrintOptions())
    # the link breaks only after / . - _ and keeps to its column's share (a narrow column:
    # the reader's cell may start at the line after "(ตรวจสอบ")
    assert in_a_cell("ได้จากhttps://drive.google.com/drive/folders/1AbCdEfGh", pdf)
    assert in_a_cell("๑.ประกาศนโยบายไม่รับของขวัญหรือของกำนัล", pdf)  # other columns intact


def test_a_measure_taller_than_a_page_first_in_its_group_prints(demo_db, tmp_path):
    from itadesk.services import measures

    first = list_measures(demo_db, PLAN_YEAR)[0]
    data = measures.input_of(first)
    data.steps = ["ประชุมคณะผู้บริหาร หัวหน้าส่วนราชการในสังกัด และพนักงานทุกระดับ "
                  "เพื่อประกาศนโยบายไม่รับของขวัญหรือของกำนัลจากการปฏิบัติหน้าที่ทุกกรณี"] * 5  # fmt: skip
    measures.update_measure(demo_db, first.id, data)
    for kind, round_months in (("measures", None), ("progress", 6), ("memo-measures", None)):
        pdf = build_document(demo_db, kind, PLAN_YEAR, round_months, PrintOptions())
        assert in_a_cell("๑.ประกาศนโยบายไม่รับของขวัญ", pdf), kind


def test_analysis_parts_are_numbered_as_printed(db, tmp_path):
    from itadesk.services import years

    office.update_office(db, kind="องค์การบริหารส่วนตำบล", name="ทดสอบ")
    years.record_scores(db, 2566, ["90"] * 10)
    years.update_analysis(db, 2566, limits="งบประมาณจำกัด")
    pdf = build_document(db, "analysis", 2566, None, PrintOptions())
    text = flat(pdf_text(pdf, tmp_path))
    assert "ส่วนที่๑การวิเคราะห์ข้อจำกัด" in text and "ส่วนที่๓" not in text
    assert "อำเภอ" not in text and "จังหวัด" not in text  # not filled in: no bare labels

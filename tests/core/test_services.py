import errno
from datetime import date
from decimal import Decimal

import pytest
from PIL import Image

from itadesk.domain.oit import OitItem
from itadesk.errors import NotFoundError, ValidationError, os_reason
from itadesk.services import measures, memos, office, progress, years
from itadesk.services.demo import PLAN_YEAR, RESULT_YEAR, fill_demo
from itadesk.services.measures import MeasureInput
from itadesk.services.progress import ProgressInput


def test_office_profile_and_people(db):
    office.update_office(db, kind="เทศบาลตำบล", name="ท่าแพ", doc_prefix="นศ ๕๓๓๐๑")
    assert office.get_office(db).full_name == "เทศบาลตำบลท่าแพ"
    with pytest.raises(ValidationError, match="ชื่อหน่วยงาน"):
        office.update_office(db, name="  ")
    office.add_unit(db, "กองคลัง")
    with pytest.raises(ValidationError, match="มีส่วนราชการ"):
        office.add_unit(db, "กองคลัง")
    person = office.save_person(db, "นายสมมุติ ทดสอบ", "รองปลัด รักษาราชการแทน", "ปลัดเทศบาล")
    office.set_reviewer_chain(db, [{"label": "ความเห็นปลัด", "person": person.uuid}])
    assert office.get_office(db).reviewer_chain[0]["lines"] == 2
    with pytest.raises(ValidationError, match="ผู้พิจารณา"):
        office.set_reviewer_chain(db, [{"label": "x", "person": "nobody"}])


def test_emblem_must_be_an_image(db, tmp_path):
    text = tmp_path / "x.png"
    text.write_text("hello")
    with pytest.raises(ValidationError, match="PNG หรือ JPEG"):
        office.set_emblem(db, text)
    with pytest.raises(ValidationError, match=r"เปิดไฟล์ตราครุฑ .* ไม่ได้: ไม่พบไฟล์หรือโฟลเดอร์นี้$"):
        office.set_emblem(db, tmp_path / "missing.png")
    png = tmp_path / "garuda.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 10)  # the signature, then no image
    with pytest.raises(ValidationError, match="ไฟล์ตราครุฑเสียหาย"):
        office.set_emblem(db, png)
    Image.new("RGB", (30, 40), "gold").save(png)
    whole = png.read_bytes()
    png.write_bytes(whole[: len(whole) // 2])  # cut short, as by a pulled-out stick
    with pytest.raises(ValidationError, match="ไฟล์ตราครุฑเสียหาย"):
        office.set_emblem(db, png)
    png.write_bytes(whole)
    assert office.set_emblem(db, png).emblem_name == "garuda.png"


def test_scores_findings_and_analysis(db):
    assessment = years.record_scores(
        db, 2566, ["๙๙.๔๔", "97.75", "98.79", "97.47", "98.79", "92.83", "91.26", "90.33",
                   "100", "100"], official_overall="๙๖.๙๘", tool_scores={"EIT1": "91", "EIT2": ""},
    )  # fmt: skip
    assert assessment.overall == Decimal("96.98")
    result = years.get_result(db, 2566)
    assert result.scores[0] == "99.44" and result.tool_scores == {"EIT1": "91"}
    assert years.assessment_of(result).overall == Decimal("96.98")
    years.save_finding(db, 2566, "I4", "มีการรับของขวัญ")
    assert [f.target for f in years.get_result(db, 2566).findings] == ["i4"]
    with pytest.raises(ValidationError, match="ไม่ใช่ตัวชี้วัด"):
        years.save_finding(db, 2566, "x9", "?")
    with pytest.raises(ValidationError, match="ระหว่าง ๐ ถึง ๑๐๐"):
        years.record_scores(db, 2566, ["120"] + ["90"] * 9)
    with pytest.raises(ValidationError, match="ไม่ใช่ตัวเลข"):
        years.record_scores(db, 2566, ["abc"] + ["90"] * 9)
    assert years.get_result(db, 2566).scores[0] == "99.44"  # a refused edit keeps the old


def test_missing_result_says_what_to_enter(db):
    with pytest.raises(NotFoundError, match="ยังไม่มีข้อมูลปีงบประมาณ ๒๕๖๖"):
        years.get_result(db, 2566)


def test_oit_items_shipped_then_edited(db):
    assert len(years.oit_items(db, 2565)) == 43
    years.set_oit_items(db, 2565, [OitItem("o1", "9.1", "โครงสร้าง")])
    assert years.oit_items(db, 2564) == [OitItem("o1", "9.1", "โครงสร้าง")]


def _measure(title, group="IIT"):
    return MeasureInput(
        title=title, group=group, steps=["ขั้นหนึ่ง", " ", "ขั้นสอง"], units=["สำนักปลัด"],
        period_start=date(2022, 10, 1), period_end=date(2023, 3, 31), links=["IND1", "o12"],
    )  # fmt: skip


def test_measures_add_reorder_duplicate_delete_undo(db):
    first = measures.add_measure(db, 2566, _measure("หนึ่ง"))
    measures.add_measure(db, 2566, _measure("สาม", "OIT"))
    measures.add_measure(db, 2566, _measure("สอง"))  # lands at the end of the IIT group
    titles = [m.title for m in measures.list_measures(db, 2566)]
    assert titles == ["หนึ่ง", "สอง", "สาม"]
    assert measures.list_measures(db, 2566)[0].steps == ["ขั้นหนึ่ง", "ขั้นสอง"]
    assert measures.list_measures(db, 2566)[0].links == ["ind1", "o12"]
    measures.move_measure(db, first.id, 1)
    assert [m.title for m in measures.list_measures(db, 2566)] == ["สอง", "หนึ่ง", "สาม"]
    measures.duplicate_measure(db, first.id)
    assert [m.title for m in measures.list_measures(db, 2566)][2] == "หนึ่ง (สำเนา)"
    progress.set_progress(db, first.id, 6, ProgressInput("done", evidence="เว็บไซต์"))
    deleted = measures.delete_measure(db, first.id)
    assert "หนึ่ง" not in [m.title for m in measures.list_measures(db, 2566)]
    restored = measures.restore_measure(db, deleted)
    assert restored.uuid == first.uuid
    back = measures.list_measures(db, 2566)
    assert [m.title for m in back] == ["สอง", "หนึ่ง", "หนึ่ง (สำเนา)", "สาม"]
    assert back[1].progress[0].evidence == "เว็บไซต์"


def test_groups_list_and_print_iit_eit_oit_whatever_order_entered(db, tmp_path):
    from itadesk.services.documents import PrintOptions, build_document
    from tests.pdftext import flat, pdf_text

    office.update_office(db, kind="เทศบาลตำบล", name="ท่าแพ")
    for title, group in (("สาม", "OIT"), ("หนึ่ง", "IIT"), ("อื่น", "แผนงานอื่น"), ("สอง", "EIT")):
        measures.add_measure(db, 2566, _measure(title, group))
    listed = measures.list_measures(db, 2566)
    assert [m.group for m in listed] == ["IIT", "EIT", "OIT", "แผนงานอื่น"]
    measures.move_measure(db, listed[2].id, -2)  # a group stays in its place
    assert [m.group for m in measures.list_measures(db, 2566)][:3] == ["IIT", "EIT", "OIT"]
    text = flat(pdf_text(build_document(db, "measures", 2566, None, PrintOptions()), tmp_path))
    heads = [text.find(f"ยกระดับ{tool}") for tool in ("IIT", "EIT", "OIT")]
    assert 0 < heads[0] < heads[1] < heads[2] < text.find("แผนงานอื่น")


def test_measure_validation(db):
    with pytest.raises(ValidationError, match="ชื่อมาตรการ"):
        measures.add_measure(db, 2566, MeasureInput(title=" "))
    bad = _measure("x")
    bad.period_end = date(2022, 1, 1)
    with pytest.raises(ValidationError, match="เดือนเริ่มต้น"):
        measures.add_measure(db, 2566, bad)
    with pytest.raises(ValidationError, match="รอบรายงาน"):
        measures.add_measure(db, 2566, MeasureInput(title="x", rounds=[5]))


def test_copy_last_years_measures(db):
    measures.add_measure(db, 2566, _measure("หนึ่ง"))
    assert measures.copy_measures(db, 2566, 2567) == 1
    copied = measures.list_measures(db, 2567)[0]
    assert (copied.period_start, copied.period_end) == (date(2023, 10, 1), date(2024, 3, 31))
    assert measures.measure_period(copied) == "ต.ค. ๖๖ – มี.ค. ๖๗"
    with pytest.raises(NotFoundError):
        measures.copy_measures(db, 2560, 2567)


def test_progress_and_counts(db, tmp_path):
    a = measures.add_measure(db, 2566, _measure("หนึ่ง"))
    measures.add_measure(db, 2566, _measure("สอง"))
    progress.set_progress(db, a.id, 6, ProgressInput("in_progress", done_text=" ทำแล้ว "))
    counts = progress.round_counts(db, 2566, 6)
    assert counts == {"not_started": 1, "in_progress": 1, "done": 0}
    with pytest.raises(ValidationError, match="สถานะ"):
        progress.set_progress(db, a.id, 6, ProgressInput("finished"))
    with pytest.raises(ValidationError, match="รอบ"):
        progress.set_progress(db, a.id, 7, ProgressInput())
    evidence = tmp_path / "รูปกิจกรรม.jpg"
    evidence.write_bytes(b"photo")
    attachment = progress.attach_file(db, a.id, 6, evidence)
    assert progress.attachment_path(db, attachment.sha256).read_bytes() == b"photo"
    entry = progress.entry_for(measures.list_measures(db, 2566)[0], 6)
    assert entry is not None and entry.done_text == "ทำแล้ว"
    assert [f.filename for f in entry.attachments] == ["รูปกิจกรรม.jpg"]
    with pytest.raises(Exception, match=r"คัดลอกไฟล์ gone.pdf ไม่ได้ \(ไม่พบไฟล์หรือโฟลเดอร์นี้\)"):
        progress.attach_file(db, a.id, 6, tmp_path / "gone.pdf")


def test_a_round_starts_from_the_one_before(db, tmp_path):
    a, b, c = (measures.add_measure(db, 2566, _measure(t)).id for t in ("หนึ่ง", "สอง", "สาม"))
    progress.set_progress(db, a, 3, ProgressInput("in_progress", done_text="เริ่มแล้ว"))
    progress.set_progress(db, a, 6, ProgressInput("done", done_text="เสร็จ", remark="ครบ"))
    evidence = tmp_path / "รูปกิจกรรม.jpg"
    evidence.write_bytes(b"photo")
    progress.attach_file(db, a, 6, evidence)
    progress.set_progress(db, b, 3, ProgressInput("in_progress", done_text="ครึ่งทาง"))
    progress.set_progress(db, b, 12, ProgressInput("done", done_text="กรอกเองแล้ว"))
    listed = measures.list_measures(db, 2566)
    assert len(progress.carried(listed, 12)) == 1  # b is entered, c has nothing earlier
    assert len(progress.carried(listed, 9)) == 2 and progress.carried(listed, 3) == []
    assert progress.carry_forward(db, 2566, 12) == 1
    listed = {m.id: m for m in measures.list_measures(db, 2566)}
    carried = progress.entry_for(listed[a], 12)
    assert (carried.status, carried.done_text, carried.remark) == ("done", "เสร็จ", "ครบ")
    assert [f.filename for f in carried.attachments] == ["รูปกิจกรรม.jpg"]
    assert carried.uuid != progress.entry_for(listed[a], 6).uuid
    assert progress.entry_for(listed[b], 12).done_text == "กรอกเองแล้ว"  # kept as entered
    assert progress.entry_for(listed[c], 12) is None
    assert progress.carry_forward(db, 2566, 12) == 0  # a second time changes nothing
    with pytest.raises(NotFoundError):
        progress.carry_forward(db, 2570, 12)  # a year without measures


def test_memo_drafts_number_and_save(demo_db):
    draft = memos.draft_memo(demo_db, "progress", PLAN_YEAR, 6)
    assert draft.to == "นายกเทศมนตรีตำบลทุ่งสุขสันต์"
    assert "รอบ ๖ เดือน (๑ ตุลาคม ๒๕๖๘ - ๓๑ มีนาคม ๒๕๖๙)" in draft.subject
    assert draft.number == "1" and len(draft.reviewer_chain) == 3
    draft.parts[0]["text"] = "ข้อความที่แก้"
    memos.save_memo(demo_db, draft)
    again = memos.draft_memo(demo_db, "progress", PLAN_YEAR, 6)
    assert again.parts[0]["text"] == "ข้อความที่แก้" and again.uuid
    assert memos.next_number(demo_db) == "2"
    with pytest.raises(ValidationError, match="รอบรายงาน"):
        memos.draft_memo(demo_db, "progress", PLAN_YEAR)


def test_demo_fills_once(db):
    assert office.is_empty(db)
    fill_demo(db)
    assert not office.is_empty(db)
    assert len(measures.list_measures(db, PLAN_YEAR)) == 15
    groups = {m.group for m in measures.list_measures(db, PLAN_YEAR)}
    assert groups == {"IIT", "EIT", "OIT"}
    assessment = years.assessment_of(years.get_result(db, RESULT_YEAR))
    assert not assessment.official_differs  # the demo's official score is consistent
    assert progress.round_counts(db, PLAN_YEAR, 12)["done"] == 14
    with pytest.raises(ValidationError, match="ถูกใช้งานแล้ว"):
        fill_demo(db)


def test_measure_columns_and_titles(db):
    office.update_office(db, measure_columns=["measure", "practice", "owner"],
                         column_titles={"measure": "หัวข้อ", "owner": " "})  # fmt: skip
    saved = office.get_office(db)
    assert saved.measure_columns == ["measure", "practice", "owner"]
    assert saved.column_titles == {"measure": "หัวข้อ"}
    refusals = {
        ("owner", "measure"): "คอลัมน์แรกต้องเป็น measure",
        ("measure", "measure"): "ซ้ำ",
        ("measure", "colour"): "ไม่รู้จักคอลัมน์ colour: ใช้ได้ measure, practice",
        ("measure", "status2"): "ไม่รู้จักคอลัมน์ status2",  # a round column: progress only
    }
    for columns, reason in refusals.items():
        with pytest.raises(ValidationError, match=reason):
            office.update_office(db, measure_columns=list(columns))
    with pytest.raises(ValidationError, match="ไม่รู้จักหัวตาราง colour"):
        office.update_office(db, column_titles={"colour": "สี"})


def test_attachment_delete_and_restore_keep_the_row(db, tmp_path):
    a = measures.add_measure(db, 2566, _measure("หนึ่ง"))
    evidence = tmp_path / "ภาพ.png"
    evidence.write_bytes(b"png")
    attached = progress.attach_file(db, a.id, 6, evidence)
    snapshot = progress.delete_attachment(db, attached.id)
    assert progress.entry_for(measures.list_measures(db, 2566)[0], 6).attachments == []
    restored = progress.restore_attachment(db, snapshot)
    assert (restored.uuid, restored.sha256) == (attached.uuid, attached.sha256)
    with pytest.raises(ValidationError):
        progress.attachment_path(db, "../../etc/passwd")


def test_store_file_leaves_nothing_when_the_copy_fails(db, tmp_path, monkeypatch):
    evidence = tmp_path / "big.bin"
    evidence.write_bytes(b"x" * 10)
    monkeypatch.setattr(progress, "MAX_ATTACHMENT_BYTES", 5)
    with pytest.raises(ValidationError, match="ใหญ่เกิน"):
        progress.store_file(db, evidence)
    assert not [p for p in db.files_dir.rglob("*") if p.is_file()]


def test_finding_delete_and_restore_keep_uuid_and_place(db):
    fill_demo(db)
    before = [f.uuid for f in years.get_result(db, RESULT_YEAR).findings]
    middle = years.get_result(db, RESULT_YEAR).findings[1]
    snapshot = years.delete_finding(db, middle.id)
    years.save_finding(db, RESULT_YEAR, "ind1", "ประเด็นใหม่")
    restored = years.restore_finding(db, RESULT_YEAR, snapshot)
    assert restored.uuid == middle.uuid
    assert [f.uuid for f in years.get_result(db, RESULT_YEAR).findings][:-1] == before
    with pytest.raises(NotFoundError):
        years.delete_finding(db, 99999)


def test_unit_delete_and_restore_keep_uuid_and_place(db):
    for name in ("สำนักปลัด", "กองคลัง", "กองช่าง"):
        office.add_unit(db, name)
    before = [u.uuid for u in office.list_units(db)]
    snapshot = office.delete_unit(db, office.list_units(db)[0].id)
    assert office.restore_unit(db, snapshot).uuid == before[0]
    assert [u.uuid for u in office.list_units(db)] == before
    snapshot = office.delete_unit(db, office.list_units(db)[1].id)
    office.add_unit(db, "กองคลัง")
    with pytest.raises(ValidationError, match="มีส่วนราชการ"):
        office.restore_unit(db, snapshot)


def test_low_items_are_checked_when_saved(db):
    fill_demo(db)
    saved = years.update_analysis(
        db, RESULT_YEAR,
        low_items=[{"code": " I4 ", "text": " ข้อ ", "score": "๔๕.๕"}, {"code": "o3", "text": ""}],
    )  # fmt: skip
    assert saved.low_items == [
        {"code": "i4", "text": "ข้อ", "score": "45.5"},
        {"code": "o3", "text": "", "score": None},
    ]
    for bad in ({"code": "x9", "text": ""}, {"code": "i4", "text": "", "score": "120"},
                {"code": "i4", "text": "", "score": "abc"}, {"code": "i4", "text": 5}):  # fmt: skip
        with pytest.raises(ValidationError):
            years.update_analysis(db, RESULT_YEAR, low_items=[bad])
    assert len(years.get_result(db, RESULT_YEAR).low_items) == 2


def test_a_draft_or_a_refused_print_creates_no_year(demo_db):
    from itadesk.services.documents import PrintOptions, build_document

    before = years.list_years(demo_db)
    memos.draft_memo(demo_db, "measures", 2600)
    with pytest.raises(NotFoundError):
        build_document(demo_db, "memo-measures", 2600, None, PrintOptions())
    assert years.list_years(demo_db) == before


def test_undo_of_a_removed_attachment_after_another_was_added(db, tmp_path):
    a = measures.add_measure(db, 2566, _measure("หนึ่ง"))
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    first.write_bytes(b"1")
    second.write_bytes(b"2")
    snapshot = progress.delete_attachment(db, progress.attach_file(db, a.id, 6, first).id)
    progress.attach_file(db, a.id, 6, second)  # SQLite hands out the freed id again
    restored = progress.restore_attachment(db, snapshot)
    entry = progress.entry_for(measures.list_measures(db, 2566)[0], 6)
    assert {x.filename for x in entry.attachments} == {"1.pdf", "2.pdf"}
    assert restored.uuid == snapshot["uuid"]


def test_reading_or_printing_does_not_use_up_a_new_database(db):
    from itadesk.services.documents import PrintOptions, build_document

    assert office.get_office(db).thai_digits is True  # a blank profile reads normally
    with pytest.raises(NotFoundError):
        build_document(db, "measures", 2569, None, PrintOptions())
    assert office.is_empty(db)  # the demo may still fill it


def test_codes_typed_with_thai_digits_match():
    assert years.check_target("I๔, e๑๒ IND๓") == "i4 e12 ind3"
    with pytest.raises(ValidationError):
        years.check_target("ind¹")


def test_attachment_undo_finds_its_measure_not_a_recycled_row(db, tmp_path):
    a = measures.add_measure(db, 2566, _measure("ก"))
    b = measures.add_measure(db, 2566, _measure("ข"))
    evidence = tmp_path / "ภาพ.png"
    evidence.write_bytes(b"png")
    snapshot = progress.delete_attachment(db, progress.attach_file(db, a.id, 6, evidence).id)
    deleted = measures.delete_measure(db, a.id)
    progress.set_progress(db, b.id, 6, ProgressInput("done"))  # may get the freed row id
    with pytest.raises(NotFoundError, match="ไม่พบมาตรการ"):
        progress.restore_attachment(db, snapshot)  # its measure is gone: refused, not misfiled
    measures.restore_measure(db, deleted)
    progress.restore_attachment(db, snapshot)
    by_title = {m.title: m for m in measures.list_measures(db, 2566)}
    assert [x.filename for x in progress.entry_for(by_title["ก"], 6).attachments] == ["ภาพ.png"]
    assert progress.entry_for(by_title["ข"], 6).attachments == []


def test_a_person_memos_need_cannot_be_removed(demo_db):
    writer = office.get_office(demo_db).writer_uuid
    person = next(p for p in office.list_people(demo_db) if p.uuid == writer)
    with pytest.raises(ValidationError, match="ผู้จัดทำหรืออยู่ในลำดับผู้พิจารณา"):
        office.remove_person(demo_db, person.id)
    extra = office.save_person(demo_db, "นายทดลอง ลบได้", "เจ้าหน้าที่")
    office.remove_person(demo_db, extra.id)
    assert extra.uuid not in {p.uuid for p in office.list_people(demo_db)}


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), "ไม่พบไฟล์หรือโฟลเดอร์นี้"),
        (PermissionError(errno.EACCES, "Permission denied"), "ไม่มีสิทธิ์เข้าถึง"),
        (OSError(errno.ENOSPC, "No space left on device"), "พื้นที่ดิสก์เต็ม"),
        (OSError(errno.ELOOP, "Too many levels of symbolic links"), "ข้อผิดพลาดของระบบ: Too many"),
    ],
)
def test_system_errors_are_said_in_thai(error, reason):
    assert os_reason(error).startswith(reason)
    assert "No such" not in os_reason(error) and "denied" not in os_reason(error)

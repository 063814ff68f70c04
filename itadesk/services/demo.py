"""A fictional demo office: every name and place here is invented."""

from datetime import date
from pathlib import Path

from itadesk.db.database import Database
from itadesk.domain.dates import fiscal_year_range, month_end
from itadesk.errors import ValidationError
from itadesk.services import measures, office, progress, years
from itadesk.services.measures import MeasureInput
from itadesk.services.progress import ProgressInput

RESULT_YEAR = 2568
PLAN_YEAR = RESULT_YEAR + 1
OFFICE_NAME = "ทุ่งสุขสันต์"
SCORES = ("88.52", "84.20", "86.10", "79.64", "90.30", "92.15", "83.40", "87.95", "78.50", "91.00")
UNITS = ("สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา", "ทุกส่วนราชการ")
PEOPLE = (
    ("นางสาวพิมพ์ชนก ใจสุจริต", "นักจัดการงานทั่วไปชำนาญการ", ""),
    ("นางวราภรณ์ ทองดี", "หัวหน้าสำนักปลัดเทศบาล", ""),
    ("นายสมชาย รักษ์ธรรม", "รองปลัดเทศบาล รักษาราชการแทน", f"ปลัดเทศบาลตำบล{OFFICE_NAME}"),
    ("นายประเสริฐ มั่นคง", f"นายกเทศมนตรีตำบล{OFFICE_NAME}", ""),
)
CHAIN_LABELS = ("ความเห็นหัวหน้าสำนักปลัดเทศบาล", "ความเห็นปลัดเทศบาล", "ความเห็น/ข้อสั่งการ นายกเทศมนตรี")
FINDINGS = (
    ("ind4", "บุคลากรบางส่วนยังนำทรัพย์สินของราชการไปใช้ส่วนตัว และขั้นตอนการยืมไม่ชัดเจน",
     "จัดทำคู่มือการยืมทรัพย์สินของราชการและเผยแพร่ให้บุคลากรทุกคนทราบ"),
    ("ind9", "ข้อมูลบนเว็บไซต์บางรายการไม่เป็นปัจจุบัน", "มอบหมายผู้รับผิดชอบปรับปรุงข้อมูลทุกเดือน"),
    ("ind7", "ผู้รับบริการเห็นว่าช่องทางการสื่อสารยังเข้าถึงยาก",
     "เพิ่มช่องทางถาม-ตอบออนไลน์และประชาสัมพันธ์ผลงานอย่างสม่ำเสมอ"),
    ("i4", "ผู้ตอบบางส่วนเห็นว่ายังมีการรับของขวัญจากการปฏิบัติหน้าที่",
     "ประกาศนโยบายไม่รับของขวัญ (No Gift Policy) และสร้างการรับรู้"),
)  # fmt: skip
FOLLOW_UP = "รายงานผลการดำเนินการต่อผู้บริหารทุก ๖ เดือน"
# group, title, steps, units, first month index (0 = October), months
MEASURES = (
    ("IIT", "ประกาศนโยบายไม่รับของขวัญหรือของกำนัลจากการปฏิบัติหน้าที่ (No Gift Policy)",
     ["ประชุมคณะผู้บริหารและพนักงานทุกระดับเพื่อประกาศนโยบาย",
      "เผยแพร่ประกาศบนเว็บไซต์และบอร์ดประชาสัมพันธ์ของหน่วยงาน"], ["สำนักปลัด"], 0, 6),
    ("IIT", "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปีให้บุคลากรทราบ",
     ["จัดทำหนังสือเวียนแจ้งแผนการใช้จ่ายงบประมาณไปยังทุกส่วนราชการ",
      "ชี้แจงแผนในที่ประชุมประจำเดือนพนักงาน"], ["กองคลัง"], 0, 6),
    ("IIT", "จัดทำคู่มือการยืมและใช้ทรัพย์สินของราชการ",
     ["รวบรวมระเบียบที่เกี่ยวข้องกับการใช้ทรัพย์สินของราชการ", "จัดทำคู่มือและแบบฟอร์มการยืม",
      "ชี้แจงให้บุคลากรทุกคนทราบและถือปฏิบัติ"], ["กองคลัง", "สำนักปลัด"], 0, 12),
    ("IIT", "กำหนดเกณฑ์การประเมินผลการปฏิบัติงานของบุคลากรที่เป็นธรรม",
     ["ประชุมหัวหน้าส่วนราชการเพื่อกำหนดเกณฑ์", "รับฟังความคิดเห็นจากบุคลากรในสังกัด"],
     ["สำนักปลัด"], 0, 6),
    ("IIT", "ประชาสัมพันธ์ข่าวการฝึกอบรมให้บุคลากรทราบอย่างทั่วถึงและเท่าเทียม",
     ["เวียนหนังสือแจ้งข่าวการฝึกอบรมไปยังทุกส่วนราชการ"], ["สำนักปลัด"], 0, 12),
    ("IIT", "ส่งเสริมช่องทางแจ้งเบาะแสการทุจริตที่ปลอดภัยต่อผู้แจ้ง",
     ["จัดตู้รับเรื่องร้องเรียนและช่องทางออนไลน์", "กำหนดขั้นตอนคุ้มครองผู้แจ้งเบาะแส"],
     ["สำนักปลัด"], 0, 12),
    ("EIT", "ปรับปรุงคู่มือการให้บริการประชาชนในรูปแบบอิเล็กทรอนิกส์",
     ["รวบรวมขั้นตอนการให้บริการของทุกส่วนราชการ", "เผยแพร่คู่มือบนเว็บไซต์ของหน่วยงาน"],
     ["ทุกส่วนราชการ"], 0, 6),
    ("EIT", "เพิ่มช่องทางถาม-ตอบออนไลน์บนเว็บไซต์หลักของหน่วยงาน",
     ["จัดให้มีกล่องข้อความถาม-ตอบบนเว็บไซต์", "มอบหมายผู้ตอบคำถามภายในสามวันทำการ"],
     ["สำนักปลัด"], 0, 6),
    ("EIT", "เผยแพร่ผลงานและข้อมูลที่เป็นประโยชน์ต่อประชาชนให้เป็นปัจจุบัน",
     ["ปรับปรุงข่าวประชาสัมพันธ์บนเว็บไซต์ทุกสัปดาห์"], ["สำนักปลัด", "กองช่าง"], 0, 12),
    ("EIT", "สำรวจความพึงพอใจของผู้รับบริการและนำผลมาปรับปรุงการทำงาน",
     ["จัดทำแบบสำรวจความพึงพอใจ", "สรุปผลและเสนอแนวทางปรับปรุงต่อผู้บริหาร"],
     ["ทุกส่วนราชการ"], 3, 6),
    ("OIT", "ปรับปรุงข้อมูลพื้นฐานบนเว็บไซต์ของหน่วยงานให้ครบถ้วนและเป็นปัจจุบัน",
     ["ตรวจสอบรายการข้อมูลตามเกณฑ์ OIT", "มอบหมายผู้รับผิดชอบปรับปรุงข้อมูลรายเดือน"],
     ["สำนักปลัด"], 0, 12),
    ("OIT", "เปิดเผยข้อมูลการจัดซื้อจัดจ้างและสรุปผลรายเดือน",
     ["จัดทำสรุปผลการจัดซื้อจัดจ้างรายเดือน", "เผยแพร่บนเว็บไซต์ภายในวันที่ ๑๕ ของเดือนถัดไป"],
     ["กองคลัง"], 0, 12),
    ("OIT", "เผยแพร่รายงานการกำกับติดตามการใช้จ่ายงบประมาณรอบ ๖ เดือน",
     ["จัดทำรายงานการใช้จ่ายงบประมาณ", "เสนอผู้บริหารและเผยแพร่บนเว็บไซต์"], ["กองคลัง"], 3, 6),
    ("OIT", "ประเมินความเสี่ยงการทุจริตประจำปีและจัดทำแผนจัดการความเสี่ยง",
     ["ประชุมคณะทำงานประเมินความเสี่ยง", "จัดทำแผนและรายงานผลต่อผู้บริหาร"],
     ["ทุกส่วนราชการ"], 0, 6),
    ("OIT", "จัดกิจกรรมเสริมสร้างวัฒนธรรมองค์กรด้านคุณธรรมและความโปร่งใส",
     ["จัดกิจกรรมให้ความรู้เรื่องผลประโยชน์ทับซ้อน", "ประกาศเจตจำนงสุจริตของผู้บริหาร"],
     ["สำนักปลัด", "กองการศึกษา"], 0, 12),
)  # fmt: skip
LINKS = {"IIT": ["ind1", "ind4"], "EIT": ["ind7"], "OIT": ["ind9", "o11"]}
EVIDENCE = "ตรวจสอบได้จากเว็บไซต์ของหน่วยงาน"


def _month(first: date, index: int, end: bool = False) -> date:
    month = (first.month - 1 + index) % 12 + 1
    year = first.year + (first.month - 1 + index) // 12
    return month_end(year, month) if end else date(year, month, 1)


def replace_with_demo(db: Database) -> Path:
    """Replace everything in the database with the fictional office, after a backup (whose
    path is returned): the demo's data are never added on top of other data."""
    copy = office.start_over(db)
    fill_demo(db, force=True)
    return copy


def fill_demo(db: Database, force: bool = False) -> None:
    """Fill an empty database with the fictional office; ``force``: one emptied by
    ``start_over`` (a used database is refused: use ``replace_with_demo``)."""
    if not office.is_empty(db) and not force:
        raise ValidationError(
            "ฐานข้อมูลนี้ถูกใช้งานแล้ว: ไม่เติมข้อมูลตัวอย่างทับ "
            "(ใช้ --force เพื่อแทนที่ข้อมูลทั้งหมดด้วยข้อมูลตัวอย่าง โดยสำรองข้อมูลเดิมไว้ก่อน)"
        )
    office.update_office(
        db, kind="เทศบาลตำบล", name=OFFICE_NAME, district="นาสีทอง", province="ศรีสุวรรณ",
        department=f"สำนักปลัดเทศบาล เทศบาลตำบล{OFFICE_NAME}", phone="๐๔๔-๑๒๓๔๕๖",
        doc_prefix="ศว ๗๘๕๐๑",
    )  # fmt: skip
    known_units = {u.name for u in office.list_units(db)}
    for unit in UNITS:
        if unit not in known_units:
            office.add_unit(db, unit)
    people = [office.save_person(db, *p) for p in PEOPLE]
    office.update_office(db, writer_uuid=people[0].uuid)
    office.set_reviewer_chain(
        db,
        [
            {"label": label, "person": person.uuid, "lines": 2}
            for label, person in zip(CHAIN_LABELS, people[1:], strict=True)
        ],
    )
    years.record_scores(db, RESULT_YEAR, SCORES, official_overall="85.98", official_level="ผ่าน")
    for target, issue, action in FINDINGS:
        years.save_finding(db, RESULT_YEAR, target, issue, action)
    years.update_analysis(
        db, RESULT_YEAR,
        limits="บุคลากรมีภาระงานมาก และผู้ดูแลเว็บไซต์มีเพียงคนเดียว",
        suggestions="ควรมอบหมายผู้รับผิดชอบข้อมูลของแต่ละส่วนราชการ และติดตามผลทุกเดือน",
    )  # fmt: skip
    first = fiscal_year_range(PLAN_YEAR)[0]
    created = []
    for group, title, steps, units, start, months in MEASURES:
        data = MeasureInput(
            title=title, group=group, steps=steps, units=units,
            period_start=_month(first, start), period_end=_month(first, start + months - 1, True),
            follow_up=FOLLOW_UP, rounds=[6, 12], links=LINKS[group],
        )  # fmt: skip
        created.append(measures.add_measure(db, PLAN_YEAR, data))
    for index, measure in enumerate(created):
        at_six = ("done", "in_progress", "not_started")[index % 3]
        progress.set_progress(
            db, measure.id, 6,
            ProgressInput(status=at_six, done_text="ดำเนินการตามขั้นตอนที่กำหนด",
                          evidence=EVIDENCE if at_six == "done" else ""),
        )  # fmt: skip
        at_twelve = "in_progress" if index == len(created) - 1 else "done"
        progress.set_progress(
            db, measure.id, 12,
            ProgressInput(status=at_twelve, done_text="ดำเนินการครบทุกขั้นตอน",
                          outputs="บุคลากรและประชาชนได้รับทราบข้อมูล",
                          outcomes="หน่วยงานมีความโปร่งใสมากขึ้น", evidence=EVIDENCE),
        )  # fmt: skip

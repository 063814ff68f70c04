"""The three reference documents' tables, printed from the fixtures with the one column
model: every header in its column, left to right as the reference prints them, a band over
its columns, and the first row's cells under their headers (positions of the extracted
words against the table's vertical rules)."""

from pathlib import Path

import pytest

from itadesk.documents import measures_table
from tests.documents import fixtures
from tests.pdftext import column_rules, find_cell, word_boxes

CASES = {
    "three-state memo": (
        fixtures.progress_report,
        ["มาตรการ/แนวทาง", "ขั้นตอนหรือวิธีการปฏิบัติ", "ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ",
         "ดำเนินการเสร็จเรียบร้อยแล้ว"],
        ("สถานะดำเนินงาน", (2, 3, 4)),
        {"๑. ประกาศนโยบาย": 0, "(ตรวจสอบได้จากเว็บไซต์ของหน่วยงาน)": 4},
    ),
    "results booklet": (
        lambda: fixtures.RESULTS,
        ["มาตรการ", "รายละเอียดการดำเนินงาน", "ระยะเวลาการดำเนินงาน", "ผลผลิต", "ผลลัพธ์",
         "หมายเหตุ"],
        ("ผลการดำเนินการ", (3, 4)),
        {"เดือนมีนาคม ๒๕๖๖": 2, "มาตรการตรวจสอบการใช้ดุลพินิจ": 3},
    ),
    "analysis plan": (
        lambda: fixtures.PLAN,
        ["หัวข้อ", "วิธีการนำผลการวิเคราะห์ไปสู่การปฏิบัติ", "ผู้รับผิดชอบ/ผู้ที่เกี่ยวข้อง",
         "ขั้นตอน/วิธีปฏิบัติ", "ระยะเวลาดำเนินงาน"],
        ("", ()),
        {"ทุกส่วนราชการ": 2},
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(CASES))
def test_headers_in_order_and_cells_under_them(name: str, tmp_path: Path) -> None:
    make, heads, band, cells = CASES[name]
    pdf = measures_table.render(make())
    boxes = word_boxes(pdf, tmp_path)
    rules = column_rules(pdf)
    assert len(rules) == len(heads) + 1

    def column(box: tuple) -> int:
        return sum(rule <= (box[0] + box[2]) / 2 for rule in rules) - 1

    assert [column(find_cell(boxes, head)) for head in heads] == list(range(len(heads)))
    title, spanned = band
    if title:
        over = find_cell(boxes, title)
        under = [find_cell(boxes, heads[k]) for k in spanned]
        assert all(over[3] <= box[1] for box in under)  # the band is above its columns
        assert under[0][0] < (over[0] + over[2]) / 2 < under[-1][2]
    for text, want in cells.items():
        assert column(find_cell(boxes, text, prefix=True)) == want, text

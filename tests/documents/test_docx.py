"""The Word copies, read back with python-docx: texts in order, real tables with repeating
headers, the Thai complex-script properties Word needs, and an edit that still opens."""

import io
import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from itadesk.documents.base import DocumentOptions
from itadesk.documents.data import ProgressLayout
from itadesk.documents.word import WORD_FONTS, analysis, memo
from tests.documents import fixtures

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ARABIC = re.compile(r"[0-9]")


def _doc(content: bytes) -> Document:
    return Document(io.BytesIO(content))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _body_texts(doc: Document) -> list[str]:
    """Paragraph texts of the body in document order, table cells included."""
    out = []
    for el in doc.element.body.iter(f"{W}p"):
        text = "".join(t.text or "" for t in el.iter(f"{W}t"))
        if text.strip():
            out.append(text)
    return out


@pytest.fixture(scope="module")
def memo_docx() -> bytes:
    attached = (fixtures.progress_report(), fixtures.measures_table(landscape=True))
    return memo.render(fixtures.memo(emblem=fixtures_emblem(), attachments=attached))


def fixtures_emblem() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (120, 150), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def test_memo_texts_in_order(memo_docx: bytes) -> None:
    doc = _doc(memo_docx)
    texts = _body_texts(doc)
    flat = _flat("\n".join(texts))
    order = [
        "บันทึกข้อความ",
        "ส่วนราชการ",
        "สำนักปลัดเทศบาลเทศบาลตำบลท่าแพ",
        "ที่",
        "วันที่๓เมษายน๒๕๖๖",
        "เรื่อง",
        "เรียน",
        "เรื่องเดิม",
        _flat(fixtures.BACKGROUND),
        "ข้อเท็จจริง",
        _flat(fixtures.FACTS),
        _flat(fixtures.CLOSING),
        "(นางสาวกมลทิพย์วัจนะพันธ์)",
        "ความเห็นผู้อำนวยการกอง",
        "(นางภาวดีสุปรียสุนทร)",
        "รองปลัดเทศบาลรักษาราชการแทน",
        "ปลัดเทศบาลตำบลท่าแพ",
        "ทราบ",
        "(นายจรัญเจียจิราพัฒนันท์)",
    ]
    at = 0
    for phrase in order:
        found = flat.find(phrase, at)
        assert found >= 0, phrase
        at = found + len(phrase)
    # ที่ and วันที่ share one line, split by a tab stop at the middle
    line = next(p for p in doc.paragraphs if p.text.startswith("ที่"))
    assert "\tวันที่" in line.text
    assert line.paragraph_format.tab_stops[0].position > 0


def test_every_run_is_thai_for_word(memo_docx: bytes) -> None:
    doc = _doc(memo_docx)
    runs = list(doc.element.body.iter(f"{W}r"))
    assert len(runs) > 100
    for run in runs:
        rpr = run.find(f"{W}rPr")
        fonts = rpr.find(f"{W}rFonts")
        assert fonts.get(qn("w:cs")) == WORD_FONTS[0] == fonts.get(qn("w:ascii"))
        assert rpr.find(f"{W}szCs").get(qn("w:val")) == rpr.find(f"{W}sz").get(qn("w:val"))
        assert rpr.find(f"{W}lang").get(qn("w:bidi")) == "th-TH"
    sizes = {
        "บันทึกข้อความ": "58",  # 29 pt
        "ส่วนราชการ": "40",  # 20 pt
        "เรื่อง": "40",
    }
    for text, half_points in sizes.items():
        run = next(r for r in doc.paragraphs[0:6] for r in r.runs if r.text == text)
        rpr = run._r.rPr
        assert rpr.find(f"{W}szCs").get(qn("w:val")) == half_points
        assert rpr.find(f"{W}bCs") is not None


def test_body_paragraphs_thai_distributed(memo_docx: bytes) -> None:
    doc = _doc(memo_docx)
    body = [p for p in doc.paragraphs if p.text.startswith(fixtures.BACKGROUND[:20])]
    assert body
    for p in body:
        jc = p._p.pPr.find(f"{W}jc")
        assert jc.get(qn("w:val")) == "thaiDistribute"
        assert p.paragraph_format.first_line_indent > 0
    off = memo.render(fixtures.memo(), DocumentOptions(justify=False))
    para = next(p for p in _doc(off).paragraphs if p.text.startswith(fixtures.BACKGROUND[:20]))
    assert para._p.pPr.find(f"{W}jc").get(qn("w:val")) == "left"


def test_digits_as_in_the_pdf(memo_docx: bytes) -> None:
    texts = "".join(_body_texts(_doc(memo_docx)))
    assert "๓ เมษายน ๒๕๖๖" in texts
    assert not ARABIC.search(texts)
    arabic = memo.render(fixtures.memo(), DocumentOptions(arabic_digits=True))
    assert "3 เมษายน 2566" in "".join(_body_texts(_doc(arabic)))


def test_emblem_and_dotted_lines(memo_docx: bytes) -> None:
    doc = _doc(memo_docx)
    shape = doc.inline_shapes[0]
    assert abs(shape.height.cm - 1.5) < 0.01
    assert doc.paragraphs[0].text.endswith("บันทึกข้อความ")
    dotted = [
        p
        for p in doc.paragraphs
        if p.text == "\t\u200b" and p.paragraph_format.tab_stops[0].leader is not None
    ]
    # the first reviewer's two lines and the second's; the third has ทราบ and one line
    assert len(dotted) == 5
    assert "...." not in "".join(p.text for p in doc.paragraphs if "ความเห็น" not in p.text)


def test_tables_repeat_headers_and_tick(memo_docx: bytes) -> None:
    doc = _doc(memo_docx)
    progress, measures = doc.tables[-2:]  # the attachments (two more sit in the body)
    heads = [c.text for c in progress.rows[0].cells]
    assert heads[:3] == ["มาตรการ/แนวทาง", "ขั้นตอนหรือวิธีการปฏิบัติ", "สถานะดำเนินงาน"]
    assert [c.text for c in progress.rows[1].cells][2:] == [
        "ยังไม่ดำเนินการ",
        "อยู่ระหว่างดำเนินการ",
        "ดำเนินการเสร็จเรียบร้อยแล้ว",
    ]
    for table, header_rows in ((progress, 2), (measures, 1)):
        flags = [r._tr.trPr is not None and r._tr.trPr.find(f"{W}tblHeader") is not None
                 for r in table.rows[:header_rows + 1]]  # fmt: skip
        assert flags == [True] * header_rows + [False]
    ticks = sum(c.text.startswith("✓") for r in progress.rows for c in r.cells)
    items = sum(len(g.items) for g in fixtures.progress_report().groups)
    assert ticks == items
    group = progress.rows[2].cells[0]
    assert group.text == fixtures.progress_report().groups[0].heading
    assert group._tc.tcPr.find(f"{W}shd").get(qn("w:fill")) == "F2F2F2"
    # the landscape attachment sits on a landscape section
    orientations = [s.page_width > s.page_height for s in doc.sections]
    assert orientations == [False, False, True]


def test_results_layout_headers() -> None:
    docx = memo.render(
        fixtures.memo(attachments=(fixtures.progress_report(ProgressLayout.RESULTS),))
    )
    table = _doc(docx).tables[-1]
    assert [c.text for c in table.rows[0].cells] == [
        "มาตรการ", "รายละเอียดการดำเนินงาน", "ระยะเวลาการดำเนินงาน", "ผลการดำเนินการ",
        "ผลการดำเนินการ", "หมายเหตุ",
    ]  # fmt: skip
    assert [c.text for c in table.rows[1].cells][3:5] == ["ผลผลิต", "ผลลัพธ์"]


def test_analysis_report_docx() -> None:
    doc = _doc(analysis.render(fixtures.analysis_report()))
    flat = _flat("\n".join(_body_texts(doc)))
    assert flat.index("คำนำ") < flat.index("รายงานการวิเคราะห์ผล") < flat.index("คะแนนภาพรวม")
    scores = doc.tables[0]
    assert [c.text for c in scores.rows[0].cells] == ["แบบ", "ตัวชี้วัดที่", "รายละเอียดตัวชี้วัด", "คะแนน"]
    assert scores.rows[1].cells[3].text == "๙๙.๔๔"
    assert len(doc.inline_shapes) == 1  # the chart
    for finding_group in fixtures.analysis_report().finding_groups:
        assert _flat(finding_group.title) in flat


def test_font_choice_and_an_edit_still_opens(tmp_path: Path) -> None:
    docx = memo.render(fixtures.memo(), DocumentOptions(word_font="Sarabun"))
    doc = _doc(docx)
    fonts = {r.get(qn("w:cs")) for r in doc.element.body.iter(f"{W}rFonts")}
    assert fonts == {"Sarabun"}
    para = next(p for p in doc.paragraphs if p.text.startswith(fixtures.BACKGROUND[:20]))
    para.runs[0].text = para.runs[0].text.replace("ตามที่", "ตามที่ได้แจ้งไว้", 1)
    path = tmp_path / "แก้ไขแล้ว.docx"
    doc.save(path)
    again = Document(path)
    assert any("ตามที่ได้แจ้งไว้" in p.text for p in again.paragraphs)


def test_analysis_history_and_answers_as_in_the_pdf(tmp_path: Path) -> None:
    import dataclasses

    from itadesk.documents import analysis_report
    from itadesk.documents.data import (
        SUGGESTED_LEAD,
        Block,
        IndicatorAnswer,
        Section,
        YearResult,
    )
    from tests.pdftext import flat, pdf_text

    tools = (("IIT", 90.0), ("EIT", 80.5), ("OIT", 70.25))
    base = fixtures.analysis_report(preface=False)
    data = dataclasses.replace(
        base,
        sections=(
            *base.sections,
            Section("ผลการประเมินย้อนหลัง", block=Block.HISTORY),
            Section("มาตรการที่ตอบตัวชี้วัดที่ต่ำกว่าค่าเป้าหมาย", block=Block.ANSWERS),
        ),
        history=(YearResult(2565, tools, 79.1, "B"), YearResult(2566, tools, 96.98, "ผ่านดี", 17.88)),
        history_note="ปี ๒๕๖๔ ไม่มีคะแนน",
        answers=(IndicatorAnswer("ตัวชี้วัดที่ ๔ ได้ ๗๙.๖๔ คะแนน", ("ประกาศเจตนารมณ์",), True),),
    )
    doc = _doc(analysis.render(data))
    history = next(t for t in doc.tables if t.rows[0].cells[0].text == "ปีงบประมาณ")
    assert [c.text for c in history.rows[0].cells] == [
        "ปีงบประมาณ", "IIT", "EIT", "OIT", "ภาพรวม", "เปลี่ยนแปลง", "ระดับ",
    ]  # fmt: skip
    assert [c.text for c in history.rows[2].cells] == [
        "๒๕๖๖", "๙๐.๐๐", "๘๐.๕๐", "๗๐.๒๕", "๙๖.๙๘", "+๑๗.๘๘", "ผ่านดี",
    ]  # fmt: skip
    words = _flat("\n".join(_body_texts(doc)))
    pdf = flat(pdf_text(analysis_report.render(data), tmp_path))
    for text in ("ปี ๒๕๖๔ ไม่มีคะแนน", SUGGESTED_LEAD, "๑.ประกาศเจตนารมณ์", "ตัวชี้วัดที่ ๔ ได้"):
        assert _flat(text) in words
        assert _flat(text) in pdf


def test_signature_images_stand_above_the_names() -> None:
    import dataclasses

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGBA", (400, 120), (0, 0, 120, 255)).save(buf, "PNG")
    data = fixtures.memo()
    writer = dataclasses.replace(data.writer, signature=buf.getvalue())
    doc = _doc(memo.render(dataclasses.replace(data, writer=writer)))
    paragraphs = doc.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text == f"({writer.name})")
    above = paragraphs[at - 1]
    pictures = above._p.findall(f".//{W}drawing")
    assert len(pictures) == 1 and not above.text  # the image, on the line above the name
    shape = doc.inline_shapes[0]
    assert abs(shape.height.cm - 1.3) < 0.01 and shape.width.cm <= 6.0
    # a signer without an image keeps the blank lines to sign on
    unsigned = _doc(memo.render(data)).paragraphs
    at = next(i for i, p in enumerate(unsigned) if p.text == f"({writer.name})")
    assert [p.text for p in unsigned[at - 2 : at]] == ["", ""]


def _pdf_widths(data: object) -> list[float]:
    """The column widths ITADesk's PDF draws the table of ``data`` with."""
    from itadesk.documents import measures_table
    from itadesk.documents.base import Context

    first = measures_table.story(data, Context())[0]  # type: ignore[arg-type]
    return list(getattr(first, "table", first)._colWidths)


@pytest.mark.parametrize(
    "name", ["portrait progress", "landscape measures", "seven columns portrait", "results"]
)
def test_table_columns_as_wide_as_in_the_pdf(name: str) -> None:
    import dataclasses

    from itadesk.documents.columns import MEASURE_KEYS, expand
    from itadesk.documents.word import tables

    data = {
        "portrait progress": fixtures.progress_report(),
        "landscape measures": fixtures.measures_table(landscape=True),
        "seven columns portrait": dataclasses.replace(
            fixtures.measures_table(), columns=MEASURE_KEYS
        ),
        "results": fixtures.progress_report(ProgressLayout.RESULTS),
    }[name]
    pdf = _pdf_widths(data)
    doc = _doc(tables.render(data))
    table = doc.tables[0]._tbl
    grid = [int(c.get(qn("w:w"))) / 20 for c in table.tblGrid.iter(f"{W}gridCol")]
    assert grid == pytest.approx(pdf, abs=0.05)  # a twip is 0.05 pt
    body = doc.tables[0].rows[-1].cells
    assert [c.width.pt for c in body] == pytest.approx(pdf, abs=0.05)
    # the content decides: not the columns' weights (the tick columns stay narrow)
    weights = [c.weight for c in expand(data.columns)]
    shares = [sum(pdf) * k / sum(weights) for k in weights]
    assert max(abs(a - b) for a, b in zip(pdf, shares, strict=True)) > 5
    # the PDF's cell padding: 4 pt each side, 3 pt above and below
    margins = table.tblPr.find(f"{W}tblCellMar")
    assert {e.tag[len(W):]: int(e.get(qn("w:w"))) for e in margins} == {
        "top": 60, "left": 80, "bottom": 60, "right": 80,
    }  # fmt: skip


def test_side_by_side_reviewers_dotted_lines_inside_their_cells() -> None:
    import dataclasses

    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

    data = dataclasses.replace(fixtures.memo(), reviewers_side_by_side=True)
    doc = _doc(memo.render(data))
    pairs = [t for t in doc.tables if "ความเห็น" in t.rows[0].cells[0].text]
    assert len(pairs) == 2  # the three reviewers: two, then one
    lines = 0
    for table in pairs:
        for cell in table.rows[0].cells:
            for p in cell.paragraphs:
                if "\t" not in p.text:
                    continue
                # a zero-width space after the tab: LibreOffice draws no leader for a tab
                # that ends a paragraph in a table cell
                assert p.text == "\t\u200b"
                (stop,) = p.paragraph_format.tab_stops
                assert (stop.alignment, stop.leader) == (WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
                assert 0 < stop.position < cell.width
                lines += 1
    assert lines == 5


@pytest.mark.parametrize("arabic", [False, True])
def test_page_numbers_in_the_offices_digits(memo_docx: bytes, arabic: bool) -> None:
    """Word numbers pages by the section's format (Thai digits unless the office prints
    Arabic ones); the PAGE field has no format switch (LibreOffice would read
    ``\\* ThaiArabic`` as Thai letters); only the document's first page has no number."""
    docx = memo_docx
    if arabic:
        attached = (fixtures.progress_report(), fixtures.measures_table(landscape=True))
        docx = memo.render(fixtures.memo(attachments=attached), DocumentOptions(arabic_digits=True))
    doc = _doc(docx)
    formats = [s._sectPr.find(f"{W}pgNumType").get(qn("w:fmt")) for s in doc.sections]
    assert formats == ["decimal" if arabic else "thaiNumbers"] * 3
    assert [s.different_first_page_header_footer for s in doc.sections] == [True, False, False]
    header = doc.sections[0].header.paragraphs[0]._p
    assert [i.text for i in header.iter(f"{W}instrText")] == [" PAGE "]
    shown = "".join(t.text for t in header.iter(f"{W}t"))  # the field's result, not its code
    assert shown == ("- 2 -" if arabic else "- ๒ -")

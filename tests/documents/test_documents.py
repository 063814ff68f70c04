"""Render the reference documents and read them back: text, fonts, line breaks, pixels.

Regenerate the golden page images with ``ITADESK_REGEN_GOLDEN=1 pytest tests/documents``.
"""

import itertools
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from itadesk.documents import analysis_report, measures_table, memo, typeset
from itadesk.documents.base import DocumentOptions
from itadesk.documents.data import ProgressLayout
from tests.documents import fixtures

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
GOLDEN = Path(__file__).parent / "golden"
PUA = re.compile(r"[\uE000-\uF8FF]")
THAI_LETTER = re.compile(r"[\u0E01-\u0E4F]")
MARK_START = re.compile(r"^[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]")


@pytest.fixture(scope="module", autouse=True)
def _words() -> None:
    typeset.warm_up()
    typeset.set_custom_words(fixtures.CUSTOM_WORDS)


def _write(tmp: Path, name: str, pdf: bytes) -> Path:
    path = tmp / name
    path.write_bytes(pdf)
    return path


def _text(path: Path, *args: str) -> str:
    cmd = ["pdftotext", "-enc", "UTF-8", *args, str(path), "-"]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def _pages(path: Path) -> list[str]:
    return _text(path, "-raw").split("\f")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("docs")
    attachments = (fixtures.measures_table(landscape=True),)
    return {
        "memo": _write(tmp, "memo.pdf", memo.render(fixtures.memo(attachments=attachments))),
        "progress": _write(tmp, "progress.pdf", measures_table.render(fixtures.progress_report())),
        "two": _write(
            tmp, "two.pdf", measures_table.render(fixtures.progress_report(ProgressLayout.TWO))
        ),
        "results": _write(tmp, "results.pdf", measures_table.render(fixtures.RESULTS)),
        "measures": _write(tmp, "measures.pdf", measures_table.render(fixtures.measures_table())),
        "analysis": _write(tmp, "analysis.pdf", analysis_report.render(fixtures.analysis_report())),
    }


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def midword_breaks(text: str) -> list[str]:
    """Line joins inside a Thai word (the logic of the project's pdfcheck tool)."""
    from pythainlp.corpus import thai_words

    words = thai_words()
    bad = []
    lines = [ln.strip() for ln in text.splitlines()]
    for a, b in itertools.pairwise(lines):
        if not a or not b or not THAI_LETTER.match(a[-1]) or not THAI_LETTER.match(b[0]):
            continue
        left, right = a[-20:], b[:20]
        if MARK_START.match(right):
            bad.append(f"{left}|{right}")
            continue
        cuts, pos = set(), 0
        for tok in typeset.words_of(left + right):
            pos += len(tok)
            cuts.add(pos)
        if len(left) in cuts:
            continue
        last, first = typeset.words_of(left)[-1], typeset.words_of(right)[0]
        if (last in words or last in fixtures.CUSTOM_WORDS) and first in words:
            continue
        bad.append(f"{left}|{right}")
    return bad


def test_memo_reads_as_typed(docs: dict[str, Path]) -> None:
    text = _text(docs["memo"])
    flat = _flat(text)
    for expected in (
        "บันทึกข้อความ",
        "ส่วนราชการ",
        "นศ ๕๓๓๐๑/๑๖๕",
        "๓ เมษายน ๒๕๖๖",
        "นายกเทศมนตรีตำบลท่าแพ",
        "เรื่องเดิม",
        "ข้อเท็จจริง",
        "ข้อพิจารณา",
        "(นางสาวกมลทิพย์ วัจนะพันธ์)",
        "รองปลัดเทศบาล รักษาราชการแทน",
        "ปลัดเทศบาลตำบลท่าแพ",
        "ความเห็นนายกเทศมนตรี",
        "ทราบ",
        "No Gift Policy",
    ):
        assert _flat(expected) in flat, expected
    for paragraph in (fixtures.BACKGROUND, fixtures.FACTS, fixtures.CLOSING):
        assert _flat(paragraph) in flat  # justified lines copy out exactly (ActualText)


def test_no_private_use_and_fonts_embedded(docs: dict[str, Path]) -> None:
    for name, path in docs.items():
        assert not PUA.findall(_text(path)), name
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        fonts = rows.splitlines()[2:]
        assert fonts, name
        for row in fonts:
            cols = row.split()
            assert "Sarabun" in cols[0] and "+" in cols[0], row  # a subset of Sarabun
            assert cols[-5:-2] == ["yes", "yes", "yes"], row  # emb sub uni


def test_no_line_ends_inside_a_word(docs: dict[str, Path]) -> None:
    for name in ("memo", "progress", "results", "analysis", "measures"):
        bad = midword_breaks(_text(docs[name], "-raw"))
        assert bad == [], (name, bad[:5])


def test_page_numbers_from_page_two(docs: dict[str, Path]) -> None:
    pages = _pages(docs["memo"])
    assert "- ๑ -" not in pages[0]
    assert pages[1].lstrip().startswith("- ๒ -")


def test_signature_kept_with_closing(docs: dict[str, Path]) -> None:
    page = next(p for p in _pages(docs["memo"]) if "(นางสาวกมลทิพย์ วัจนะพันธ์)" in p)
    assert "จึงเรียนมาเพื่อโปรดทราบ" in page


def test_progress_statuses_and_repeated_header(docs: dict[str, Path]) -> None:
    pages = [p for p in _pages(docs["progress"]) if p.strip()]
    assert len(pages) > 1
    assert all("ขั้นตอนหรือวิธีการปฏิบัติ" in _flat(p) for p in pages)  # header on every page
    text = _flat(_text(docs["progress"]))
    assert _flat("ดำเนินการเสร็จเรียบร้อยแล้ว ๘ มาตรการ อยู่ระหว่างดำเนินการ ๒ มาตรการ") in text
    assert _flat("(รวม ๑๐ มาตรการ)") in text
    assert text.count(_flat(fixtures.WEB)) == 8  # evidence under each ✓
    two = _flat(_text(docs["two"], "-raw"))
    assert "ดำเนินการแล้ว" in two and "อยู่ระหว่างดำเนินการ" not in two.split("สรุปสถานะ")[0]


def test_results_layout(docs: dict[str, Path]) -> None:
    text = _flat(_text(docs["results"]))
    for head in ("ผลผลิต", "ผลลัพธ์", "หมายเหตุ", "รายละเอียดการดำเนินงาน", "มาตรการตรวจสอบการใช้ดุลพินิจ"):
        assert head in text


def test_analysis_report(docs: dict[str, Path]) -> None:
    text = _flat(_text(docs["analysis"]))
    for expected in (
        "คำนำ",
        "๑๒ มกราคม ๒๕๖๗",
        "องค์การบริหารส่วนตำบลนาทอน อำเภอทุ่งหว้า จังหวัดสตูล",
        "คะแนนภาพรวม ๙๖.๙๘ คะแนน ระดับ ผ่านดี",
        "การใช้ทรัพย์สินของราชการ",
        "๙๗.๔๗",
        "ประเด็นข้อคำถาม i๔ i๕ i๖",
        "e๑๓",
        "ค่าเป้าหมาย ๘๕ คะแนน",
        "ขั้นตอน/วิธีปฏิบัติ",
        "ปัญหา / อุปสรรค",
        "ข้อเสนอแนะ",
    ):
        assert _flat(expected) in text, expected


def test_arabic_digits_option() -> None:
    pdf = measures_table.render(fixtures.progress_report(), DocumentOptions(arabic_digits=True))
    text = pdf_text(pdf)
    assert "(รวม 10 มาตรการ)" in text
    assert not re.search(r"[๐-๙]", text)


def pdf_text(pdf: bytes) -> str:
    """Text of PDF bytes (pypdf: no poppler needed)."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("name", ["memo", "progress"])
def test_page_one_matches_golden(docs: dict[str, Path], name: str, tmp_path: Path) -> None:
    from PIL import Image, ImageChops, ImageStat

    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "50",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            docs[name],
            tmp_path / name,
        ],
        check=True,
    )
    page, golden = tmp_path / f"{name}.png", GOLDEN / f"{name}-page1.png"
    if os.environ.get("ITADESK_REGEN_GOLDEN") or not golden.exists():
        shutil.copy(page, golden)
        pytest.skip(f"golden image written: {golden}")
    new, old = Image.open(page).convert("L"), Image.open(golden).convert("L")
    assert new.size == old.size
    diff = ImageStat.Stat(ImageChops.difference(new, old)).mean[0]
    assert diff < 1.5, f"page 1 of {name} differs from {golden.name} by {diff:.2f}"

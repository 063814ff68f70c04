"""The Word copies opened by another word processor: LibreOffice converts each to PDF, which
must carry the same words as ITADesk's own PDF, no blank page, and only embedded fonts that
have Thai (Word substitutes the PC's font; here TH SarabunIT๙ is aliased to the bundled
Sarabun through fontconfig, as a PC with the font would show it).

The pages are rendered to PNG beside the test's temporary files to be looked at."""

import dataclasses
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from itadesk.documents import analysis_report, memo, typeset
from itadesk.documents.data import AnalysisReport, Memo
from itadesk.documents.word import WORD_FONTS
from itadesk.documents.word import analysis as word_analysis
from itadesk.documents.word import memo as word_memo
from itadesk.paths import fonts_dir
from itadesk.services.kinds import REGISTRY
from tests.documents import fixtures

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.skipif(not SOFFICE, reason="LibreOffice (libreoffice-writer-nogui) not installed"),
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils"),
]
THAI = re.compile(r"[\u0E01-\u0E4E]")
PAGE_NUMBER = re.compile(r"^\s*-\s*[0-9๐-๙]+\s*-?")
MARKS = re.compile(r"[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]+")


def _fontconfig(folder: Path) -> Path:
    aliases = "".join(
        f"<alias binding='same'><family>{name}</family><prefer><family>Sarabun</family>"
        "</prefer></alias>"
        for name in WORD_FONTS
    )
    conf = folder / "fonts.conf"
    conf.write_text(
        "<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
        "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>"
        f"<dir>{fonts_dir()}</dir><cachedir>{folder / 'cache'}</cachedir>{aliases}"
        "</fontconfig>",
        encoding="utf-8",
    )
    return conf


def _docs(db_folder: Path) -> dict[str, tuple]:
    """name -> (ITADesk's PDF, the DOCX, source paragraphs that must read the same): every
    registered kind, built from the demo office as the app builds it, and the reference
    memo and analysis."""
    from itadesk.db.database import open_database
    from itadesk.services.demo import PLAN_YEAR, RESULT_YEAR, fill_demo
    from itadesk.services.documents import PrintOptions, build_documents
    from itadesk.services.kinds import FORMATS, REGISTRY

    docs = {}
    db = open_database(db_folder)
    try:
        fill_demo(db)
        for kind in REGISTRY:
            year = RESULT_YEAR if kind.key == "analysis" else PLAN_YEAR
            options = PrintOptions(answers=True, history=True)
            data = kind.builder()(db, year, 6 if kind.needs_round else None, options)
            files = build_documents(db, kind.key, year, 6, options, FORMATS)
            docs[kind.key] = (files["pdf"], files["docx"], _source_texts(data))
    finally:
        db.close()
    typeset.set_custom_words(fixtures.CUSTOM_WORDS)
    m = fixtures.memo(attachments=(fixtures.progress_report(),))
    a = fixtures.analysis_report()
    docs["reference-memo"] = (memo.render(m), word_memo.render(m), _source_texts(m))
    pairs = dataclasses.replace(m, reviewers_side_by_side=True, attachments=())
    docs["reference-memo-pairs"] = (
        memo.render(pairs),
        word_memo.render(pairs),
        _source_texts(pairs),
    )
    docs["reference-analysis"] = (
        analysis_report.render(a),
        word_analysis.render(a),
        _source_texts(a),
    )
    return docs


def _source_texts(data: object) -> list[str]:
    """The paragraphs a document prints outside its tables (table cells read in another
    order from LibreOffice's PDF)."""
    if isinstance(data, Memo):
        paragraphs = [p for part in data.parts for p in part.paragraphs]
        return [data.subject, *paragraphs, data.closing, data.writer.name]
    if isinstance(data, AnalysisReport):
        preface = data.preface.paragraphs if data.preface else ()
        sections = [p for section in data.sections for p in section.paragraphs]
        return [*preface, *sections, *data.limits, *data.suggestions]
    return [line for line in data.title_lines if line]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, list]]:
    folder = tmp_path_factory.mktemp("libreoffice")
    out = {}
    for name, (pdf, docx, texts) in _docs(folder / "data").items():
        (folder / f"{name}.docx").write_bytes(docx)
        (folder / f"{name}-itadesk.pdf").write_bytes(pdf)
        out[name] = (folder / f"{name}-itadesk.pdf", folder / f"{name}.pdf", texts)
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(_fontconfig(folder)),
        "HOME": str(folder),
    }
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/profile",
         "--convert-to", "pdf", "--outdir", str(folder),
         *(str(folder / f"{n}.docx") for n in out)],
        check=True, capture_output=True, timeout=300, env=env,
    )  # fmt: skip
    for _, lo_pdf, _ in out.values():
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(lo_pdf), str(lo_pdf.with_suffix(""))])
    return out


def _text(pdf: Path) -> str:
    """The text of each page without its page number (- ๒ -), which would otherwise stand
    inside a paragraph that runs on to the next page."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return "\n".join(PAGE_NUMBER.sub("", page, count=1) for page in text.split("\f"))


def _flat(text: str) -> str:
    """Without white space, and each cluster's marks in one order: LibreOffice's PDF reads
    a tone mark before its vowel (ดีข้ึน), which is the same text on the page."""
    text = re.sub(r"\s+", "", text)
    return MARKS.sub(lambda m: "".join(sorted(m.group())), text)


NAMES = [
    *(kind.key for kind in REGISTRY),
    "reference-memo",
    "reference-memo-pairs",
    "reference-analysis",
]


@pytest.mark.parametrize("name", NAMES)
def test_same_words_as_itadesk_pdf(converted: dict, name: str) -> None:
    ours, theirs, texts = converted[name]
    a, b = _flat(_text(ours)), _flat(_text(theirs))
    for text in texts:
        assert _flat(text) in a
        assert _flat(text) in b
    letters_ours = Counter(THAI.findall(a))
    letters_lo = Counter(THAI.findall(b))
    # ITADesk's PDF may repeat a table header on one more page; nothing else differs
    assert not letters_lo - letters_ours
    assert sum((letters_ours - letters_lo).values()) < 0.05 * sum(letters_ours.values())


@pytest.mark.parametrize("name", NAMES)
def test_no_blank_page_and_thai_fonts_embedded(converted: dict, name: str) -> None:
    _, theirs, _ = converted[name]
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(theirs)], capture_output=True, text=True, check=True
    ).stdout).group(1))  # fmt: skip
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(theirs), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert THAI.search(text), f"page {page} is blank"
    fonts = subprocess.run(["pdffonts", str(theirs)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows
    assert all(row[-5] == "yes" for row in rows), fonts  # embedded
    fitz = pytest.importorskip("pymupdf")
    thai_fonts = {
        span["font"]
        for page in fitz.open(theirs)
        for block in page.get_text("dict")["blocks"]
        for line in block.get("lines", [])
        for span in line["spans"]
        if THAI.search(span["text"])
    }
    assert thai_fonts and all("Sarabun" in f for f in thai_fonts), thai_fonts


HEADER_NUMBER = re.compile(r"\s*-\s*(\S+)")


@pytest.mark.parametrize("name", ["reference-memo", "reference-analysis"])
def test_page_numbers_count_from_two(converted: dict, name: str) -> None:
    """From page 2 on, each page's first line is its number: Thai digits in Word, which
    honours the section's ``thaiNumbers``; LibreOffice has no Thai page digits and shows
    1, 2, 3, never the Thai letters (ก, ข, ค) it reads ``PAGE \\* ThaiArabic`` as."""
    _, theirs, _ = converted[name]
    pages = _pages(theirs)
    assert len(pages) > 2
    assert not HEADER_NUMBER.match(pages[0])  # the first page has none
    for number, page in enumerate(pages[1:], 2):
        found = HEADER_NUMBER.match(page)
        assert found, page[:40]
        assert found.group(1)[: len(str(number))] == str(number), page[:40]


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page.lstrip() for page in text.split("\f") if page.strip()]


@pytest.mark.parametrize("name", ["reference-memo", "reference-memo-pairs"])
def test_reviewers_dotted_lines_show(converted: dict, name: str) -> None:
    """LibreOffice draws each comment line's dotted leader (it prints its dots as text):
    the first reviewer's two lines, the second's two, the third's one under ทราบ, whether
    the blocks stand one under another or side by side in table cells."""
    _, theirs, _ = converted[name]
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(theirs), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert len(re.findall(r"\.{20,}", text)) == 5

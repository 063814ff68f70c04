"""Text copied or searched in every document reads exactly as typed, in each PDF engine
people open our PDFs with: poppler (pdftotext), PDFium (Chrome, Edge: pypdfium2), MuPDF
(SumatraPDF: pymupdf, also with ``/ActualText`` ignored, as older MuPDF does) and pdf.js
(Firefox: pdfjs-dist under node, installed by npm into pytest's cache folder; skipped when
node or npm is missing).

The corpus is every demo document, every reference document and a torture page; the source
strings are the runs the documents draw, recorded as they are drawn. Whitespace and line
breaks are ignored; a word that does not come out whole counts as a mismatch.

The pages look exactly as they would drawn through reportlab's own codes: the same pixels in
poppler, PDFium and MuPDF.
"""

import difflib
import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas

from itadesk.db.database import Database, open_database
from itadesk.documents import (
    analysis_report,
    base,
    fonts,
    measures_table,
    memo,
    progress_table,
    typeset,
)
from itadesk.documents.data import ProgressLayout
from itadesk.documents.tables import CheckMark
from tests.documents import fixtures

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")

PDFJS = "pdfjs-dist@5.4"  # 5.4 runs on node 20.16 and later
# every case of issue 17, in the paragraph styles the documents use
TORTURE = (
    "สำนักปลัดเทศบาล ประจำปีงบประมาณ ตำบล ดำเนินการ กำหนด อำเภอ ชำนาญ ทำ ต่ำ "
    "น้ำ ค่ำ ซ้ำ ก๊ำ ก๋ำ ป่ำ ป้ำ ปำ ฟ้ำ ฝ่ำ ษำ ฮำ "
    "ที่ ปั้น ป่ ฝ่ ฟ้ ปิ่น ฟื้น ผู้ใหญ่ ญาติ กตัญญู ญุ ฐุ ฐาน ฎุ ฏุ ฤๅษี "
    "๐๑๒๓๔๕๖๗๘๙ (รวม ๑๐ มาตรการ) No Gift Policy ของ ITA 2566 (e-Service) ถาม-ตอบ ต่าง ๆ ฯลฯ"
)
FACES = ("Sarabun", "Sarabun-Bold", "Sarabun-Italic", "Sarabun-BoldItalic")


# ---- the corpus ----------------------------------------------------------------------------


def _torture() -> bytes:
    ctx = base.Context()
    story = [ctx.p(TORTURE, style) for style in ("paragraph", "plain", "bold", "cell")]
    story += [ctx.p(TORTURE, "plain", fontName=face) for face in FACES[2:]]
    story += [ctx.p("สถานะ", "cell"), CheckMark(12), ctx.p(fixtures.WEB, "cell_centre")]
    return base.build_pdf(story, ctx)


def _demo(db: Database) -> dict[str, Callable[[], bytes]]:
    """Every kind of document, printed from the demo office with each of its options."""
    from itadesk.services.demo import PLAN_YEAR, RESULT_YEAR, fill_demo
    from itadesk.services.documents import PrintOptions, build_document
    from itadesk.services.kinds import REGISTRY

    fill_demo(db)
    variants = {"layout": [{"layout": "two"}, {"layout": "results"}]}

    def doc(kind: str, year: int, months: int | None, **options: object) -> Callable[[], bytes]:
        return lambda: build_document(db, kind, year, months, PrintOptions(**options))

    jobs = {}
    for kind in REGISTRY:
        year = RESULT_YEAR if kind.key == "analysis" else PLAN_YEAR
        months = 6 if kind.needs_round else None
        for option in ("", *sorted(kind.options)):
            for options in variants.get(option, [{option: True} if option else {}]):
                jobs[f"demo {kind.key} {options}"] = doc(kind.key, year, months, **options)
    return jobs


def _reference() -> dict[str, Callable[[], bytes]]:
    attachments = (fixtures.measures_table(landscape=True),)
    return {
        "memo": lambda: memo.render(fixtures.memo(attachments=attachments)),
        "progress": lambda: progress_table.render(fixtures.progress_report()),
        "progress two": lambda: progress_table.render(
            fixtures.progress_report(ProgressLayout.TWO)
        ),
        "progress results": lambda: progress_table.render(fixtures.RESULTS),
        "measures": lambda: measures_table.render(fixtures.measures_table()),
        "analysis": lambda: analysis_report.render(fixtures.analysis_report()),
    }


class Document:
    """A PDF of the corpus and the runs of text drawn into it, in drawing order."""

    def __init__(self, path: Path, runs: list[str]) -> None:
        self.path, self.runs = path, runs


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    """Every document, built while the runs it draws are recorded."""
    folder = tmp_path_factory.mktemp("corpus")
    runs: list[str] = []
    draw = typeset._draw

    def recorded_draw(canv, x, y, text, font, size, extra):
        runs.append(text)
        return draw(canv, x, y, text, font, size, extra)

    draw_string = Canvas.drawString  # chart labels

    def recorded_string(self, x, y, text, *args, **kwargs):
        runs.append(text)
        return draw_string(self, x, y, text, *args, **kwargs)

    db = open_database(folder / "data")
    docs = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typeset, "_draw", recorded_draw)
        patch.setattr(Canvas, "drawString", recorded_string)
        typeset.set_custom_words(fixtures.CUSTOM_WORDS)  # the demo then sets its office's
        for name, build in {**_reference(), "torture": _torture, **_demo(db)}.items():
            runs.clear()
            path = folder / f"{name}.pdf"
            path.write_bytes(build())
            docs[name] = Document(path, list(runs))
    db.close()
    return docs


# ---- the engines -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pdfjs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with pdfjs-dist installed (once, into pytest's cache)."""
    if not (shutil.which("node") and shutil.which("npm")):
        pytest.skip("pdf.js needs node and npm")
    cache = getattr(request.config, "cache", None)
    folder = cache.mkdir("pdfjs") if cache else tmp_path_factory.mktemp("pdfjs")
    if not (folder / "node_modules" / "pdfjs-dist" / "package.json").exists():
        args = ["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", PDFJS]
        done = subprocess.run(args, capture_output=True, text=True, timeout=600)
        if done.returncode:
            pytest.skip(f"npm could not install {PDFJS}: {done.stderr.strip()[-300:]}")
    return folder


def _poppler(paths: list[Path]) -> list[str]:
    args = ["pdftotext", "-enc", "UTF-8"]
    return [subprocess.run([*args, p, "-"], capture_output=True, text=True).stdout for p in paths]


def _pdfium(paths: list[Path]) -> list[str]:
    import pypdfium2

    return [
        "\n".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(p))
        for p in paths
    ]


def _mupdf(paths: list[Path], flags: int | None = None) -> list[str]:
    import pymupdf

    return ["\n".join(page.get_text(flags=flags) for page in pymupdf.open(p)) for p in paths]


def _mupdf_tounicode(paths: list[Path], joiners: bool = False) -> list[str]:
    """MuPDF going by the ToUnicode maps alone. It keeps the U+2060 a lone ำ's nikhahit
    reads as (documents/fonts.py): taken out unless ``joiners``, and pinned by
    ``test_mupdf_without_actual_text_keeps_a_word_joiner_only_before_a_lone_sara_am``."""
    import pymupdf

    texts = _mupdf(paths, pymupdf.TEXTFLAGS_TEXT | pymupdf.TEXT_IGNORE_ACTUALTEXT)
    return texts if joiners else [t.replace(fonts.WORD_JOINER, "") for t in texts]


def _pdfjs(folder: Path, paths: list[Path]) -> list[str]:
    script = Path(__file__).with_name("pdfjs_text.mjs")
    args = ["node", str(script), str(folder), *map(str, paths)]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    return ["\n".join(pages) for pages in json.loads(done.stdout)]


ENGINES = ["poppler", "pdfium", "mupdf", "mupdf-tounicode", "pdfjs"]


@pytest.fixture(params=ENGINES)
def extract(request: pytest.FixtureRequest) -> Callable[[list[Path]], list[str]]:
    """One engine's text of each PDF."""
    name = request.param
    if name.startswith("mupdf"):
        pytest.importorskip("pymupdf")
    if name == "pdfium":
        pytest.importorskip("pypdfium2")
    if name == "pdfjs":
        folder = request.getfixturevalue("pdfjs")
        return lambda paths: _pdfjs(folder, paths)
    return {
        "poppler": _poppler,
        "pdfium": _pdfium,
        "mupdf": _mupdf,
        "mupdf-tounicode": _mupdf_tounicode,
    }[name]


# ---- the comparison ----------------------------------------------------------------------------


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _matched(run: str, text: str) -> set[int]:
    """Positions of ``run`` that come out where ``run`` is best found in ``text``."""
    anchor = difflib.SequenceMatcher(None, text, run, autojunk=False)
    a, b, _ = anchor.find_longest_match(0, len(text), 0, len(run))
    start = max(a - b - 10, 0)
    window = text[start : a - b + len(run) + 10]
    blocks = difflib.SequenceMatcher(None, run, window, autojunk=False).get_matching_blocks()
    return {i for block in blocks for i in range(block.a, block.a + block.size)}


def mismatches(runs: list[str], text: str) -> tuple[list[str], int]:
    """The words of ``runs`` that do not come out of ``text`` whole, and the number of words
    (Thai words by pythainlp, Latin words, numbers, punctuation)."""
    text = flat(text)
    bad, total = [], 0
    for run in runs:
        words = [flat(w) for w in typeset.words_of(run.replace(typeset.NBSP, " "))]
        words = [w for w in words if w]
        total += len(words)
        if "".join(words) in text:
            continue
        matched, pos = _matched("".join(words), text), 0
        for word in words:
            if not all(i in matched for i in range(pos, pos + len(word))):
                bad.append(word)
            pos += len(word)
    return bad, total


def test_every_word_of_every_document_copies_as_typed(corpus, extract) -> None:
    docs = list(corpus.values())
    texts = extract([d.path for d in docs])
    report, bad, total = [], 0, 0
    for (name, doc), text in zip(corpus.items(), texts, strict=True):
        wrong, words = mismatches(doc.runs, text)
        bad, total = bad + len(wrong), total + words
        if wrong:
            report.append(f"{name}: {len(wrong)}/{words} {wrong[:5]}")
    assert total > 13000
    assert bad == 0, f"{bad}/{total} words do not copy as typed: {report}"


def test_torture_page_copies_exactly(corpus, extract) -> None:
    doc = corpus["torture"]
    assert "✓" in doc.runs
    (text,) = extract([doc.path])
    assert flat(text) == flat("".join(doc.runs))


def test_mupdf_without_actual_text_keeps_a_word_joiner_only_before_a_lone_sara_am(corpus):
    pytest.importorskip("pymupdf")
    doc = corpus["torture"]
    (text,) = _mupdf_tounicode([doc.path], joiners=True)
    lone = sum(len(re.findall("(?<![่-๋])ำ", run)) for run in doc.runs)
    assert lone > 20
    assert text.count(fonts.WORD_JOINER) == len(re.findall("\u2060ำ", text)) == lone


def test_only_a_runs_last_piece_ending_in_a_hyphen_gets_a_space(tmp_path) -> None:
    """The no-break space that keeps a line-end hyphen (ถาม-) goes after the run, not after a
    piece cut before a lone ำ inside it."""
    ctx = base.Context()
    path = tmp_path / "hyphen.pdf"
    path.write_bytes(base.build_pdf([ctx.p("ทำ-ำ ดี", "paragraph"), ctx.p("ถาม-", "plain")], ctx))
    (text,) = _poppler([path])
    assert text.split("\n")[:2] == ["ทำ-ำ ดี", "ถาม-\u00a0"]


def test_the_case_runs_were_drawn(corpus) -> None:
    """The torture page and the documents hold the glyphs the issue is about."""
    runs = "".join(corpus["torture"].runs)
    for case in ("น้ำ", "ค่ำ", "ซ้ำ", "ที่", "ปั้น", "ญุ", "ฐุ", "๐๑๒", "✓", "No Gift Policy"):
        assert case in runs
    assert sum(r.count("✓") for d in corpus.values() for r in d.runs) > 50


# ---- the ToUnicode maps ------------------------------------------------------------------------

_CMAP_ROW = re.compile(r"<([0-9A-F]{2})> <((?:[0-9A-F]{4})+)>")


def _to_unicode_maps(path: Path) -> Iterator[tuple[str, str]]:
    from pypdf import PdfReader

    seen = set()
    for page in PdfReader(path).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            if name not in seen:
                seen.add(name)
                yield name, font["/ToUnicode"].get_object().get_data().decode("ascii")


def test_to_unicode_maps_are_plain_and_valid(corpus) -> None:
    """One-byte codes, single entries only (no ranges to overlap), at most 100 to a block,
    each code once, each mapped to real characters (no private use, nothing empty)."""
    for doc in corpus.values():
        for name, cmap in _to_unicode_maps(doc.path):
            assert "1 begincodespacerange\n<00> <FF>\nendcodespacerange" in cmap, name
            assert "bfrange" not in cmap, name
            codes = []
            for count, block in re.findall(r"(\d+) beginbfchar\n(.*?)\nendbfchar", cmap, re.S):
                rows = block.split("\n")
                assert int(count) == len(rows) <= 100, name
                for row in rows:
                    code, target = _CMAP_ROW.fullmatch(row).groups()
                    text = bytes.fromhex(target).decode("utf-16-be")
                    assert text and not re.search(r"[\ue000-\uf8ff]", text), (name, row)
                    codes.append(code)
            assert codes and len(codes) == len(set(codes)), name


# ---- the glyphs --------------------------------------------------------------------------------

CONSONANTS = [chr(c) for c in range(0x0E01, 0x0E2F)]
_syllables = st.builds(
    lambda lead, consonant, vowel, tone, tail: lead + consonant + vowel + tone + tail,
    st.sampled_from(["", "เ", "แ", "โ", "ใ", "ไ"]),
    st.sampled_from(CONSONANTS),
    st.sampled_from(["", "ิ", "ี", "ึ", "ื", "ุ", "ู", "ั", "็"]),
    st.sampled_from(["", "่", "้", "๊", "๋", "์"]),
    st.sampled_from(["", "า", "ะ", "ำ", "ย", "น"]),
).filter(lambda s: "ำ" not in s or not re.search("[ัิ-ู็์]", s))  # only tones go before ำ


@settings(max_examples=300, deadline=None)
@given(st.lists(_syllables, min_size=1, max_size=6), st.sampled_from(FACES))
def test_every_shaped_cluster_copies_as_typed(syllables: list[str], face: str) -> None:
    """Any Thai syllables, shaped: the ToUnicode texts of the glyphs spell the text, but for
    a lone ำ's nikhahit, which reads U+2060 and is drawn apart under ``/ActualText`` ำ."""
    fonts.register_fonts()
    text = "".join(syllables)
    shaped, _ = typeset._shape(text, face, 16)
    copied = getFont(face).copied_text(shaped)
    assert copied.replace(fonts.WORD_JOINER, "") == text
    assert copied.count(fonts.WORD_JOINER) == len(re.findall("(?<![่-๋])ำ", text))
    pieces = fonts.drawn_pieces(text, shaped, face)
    assert "".join(typed for typed, _ in pieces) == text
    assert "".join("".join(piece) for _, piece in pieces) == str(shaped)
    for typed, piece in pieces:
        if fonts.WORD_JOINER in getFont(face).copied_text(piece):
            assert typed == "ำ"


@pytest.mark.parametrize("face", FACES)
def test_a_lone_sara_am_after_every_letter_is_its_own_piece(face: str) -> None:
    """HarfBuzz's nikhahit and sara aa, drawn as they are: the nikhahit reads U+2060, the
    sara aa ำ, and the two are one piece whose ``/ActualText`` is ำ."""
    fonts.register_fonts()
    font = getFont(face)
    for consonant in CONSONANTS:
        shaped, _ = typeset._shape(consonant + "ำ", face, 16)
        assert font.copied_text(shaped) == consonant + fonts.WORD_JOINER + "ำ", consonant
        assert [t for t, _ in fonts.drawn_pieces(consonant + "ำ", shaped, face)] == [
            consonant,
            "ำ",
        ]


# ---- the pixels --------------------------------------------------------------------------------


def _pixels(pdf: bytes, folder: Path) -> dict[str, list[bytes]]:
    """Every page of ``pdf`` rendered at 100 dpi by poppler, PDFium and MuPDF."""
    import pymupdf
    import pypdfium2

    path = folder / "page.pdf"
    path.write_bytes(pdf)
    for old in folder.glob("p-*.pgm"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "100", "-gray", str(path), str(folder / "p")], check=True)
    pdfium = pypdfium2.PdfDocument(path)
    return {
        "poppler": [p.read_bytes() for p in sorted(folder.glob("p-*.pgm"))],
        "pdfium": [p.render(scale=100 / 72).to_pil().tobytes() for p in pdfium],
        "mupdf": [p.get_pixmap(dpi=100).samples for p in pymupdf.open(path)],
    }


def test_pages_look_exactly_as_drawn_through_reportlabs_own_codes(tmp_path, monkeypatch):
    """Our own codes draw the same glyphs at the same places: the torture page, the memo with
    its landscape attachment and the two-state table, rendered by three engines, give the
    same pixels as when reportlab's own codes draw them."""
    pytest.importorskip("pymupdf")
    pytest.importorskip("pypdfium2")
    builds = {"torture": _torture, **{k: _reference()[k] for k in ("memo", "progress two")}}
    typeset._shape.cache_clear()
    ours = {name: build() for name, build in builds.items()}
    monkeypatch.setattr(typeset, "copyable", lambda _text, shaped, _font: shaped)
    typeset._shape.cache_clear()
    try:
        plain = {name: build() for name, build in builds.items()}
    finally:
        typeset._shape.cache_clear()
    for name in builds:
        assert ours[name] != plain[name], name  # the codes differ
        assert _pixels(ours[name], tmp_path) == _pixels(plain[name], tmp_path), name

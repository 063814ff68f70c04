"""Thai line breaking and the paragraph flowable, without building whole documents."""

import io
import itertools

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from itadesk.documents import typeset
from itadesk.documents.fonts import REGULAR, register_fonts
from itadesk.domain.limits import MAX_TEXT_CHARS
from itadesk.ui import thaitext
from tests.documents import fixtures

DIGITS = "0123456789๐๑๒๓๔๕๖๗๘๙"

STYLE = ParagraphStyle("t", fontName=REGULAR, fontSize=16, leading=23.2)


def _lines(text: str, width: float) -> list[str]:
    p = typeset.ThaiParagraph(text, STYLE)
    p.wrap(width, 1000)
    return ["".join(u.text for u in line.units) for line in p._lines]


def test_lines_break_between_words() -> None:
    register_fonts()
    text = fixtures.FACTS
    bounds, pos = set(), 0
    for tok in typeset.words_of(text):
        pos += len(tok)
        bounds.add(pos)
    for width in (120, 200, 330):
        lines = _lines(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        cut = 0
        for line in lines[:-1]:
            cut = text.index(line, cut) + len(line)
            assert cut in bounds, line


def test_glue_rules() -> None:
    units = typeset._units("ต่าง ๆ ของหน่วยงาน (No Gift) ฯลฯ")
    assert "ต่าง ๆ" in units
    assert any(u.startswith("(No") for u in units)


def test_over_wide_word_is_cut_at_clusters() -> None:
    register_fonts()
    lines = _lines("ประชาสัมพันธ์", 30)
    assert "".join(lines) == "ประชาสัมพันธ์"
    assert all(line for line in lines)


def test_split_keeps_all_text() -> None:
    register_fonts()
    p = typeset.ThaiParagraph(fixtures.FACTS * 3, STYLE)
    _, h = p.wrap(300, 10_000)
    head, tail = p.split(300, h / 2)
    text = "".join(u.text for u in head._units + tail._units).replace(" ", "")
    assert text == (fixtures.FACTS * 3).replace(" ", "")


def test_custom_words_keep_names_whole() -> None:
    typeset.set_custom_words(["เจียจิราพัฒนันท์"])
    assert "เจียจิราพัฒนันท์" in typeset.words_of("นายจรัญ เจียจิราพัฒนันท์")
    typeset.set_custom_words(fixtures.CUSTOM_WORDS)
    assert "เจียจิราพัฒนันท์" not in typeset.words_of("นายจรัญ เจียจิราพัฒนันท์")


def test_long_compound_does_not_leave_a_hole() -> None:
    """A dictionary compound as long as the ป.ป.ช.'s name breaks between its words rather than
    leave most of a line empty; a short one moves to the next line whole."""
    register_fonts()
    text = "ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ ได้ประเมินหน่วยงาน"
    first = _lines(text, 420)[0]
    assert first.startswith("ตามที่สำนักงาน") and len(first) > 20
    assert _lines("จังหวัดนครศรีธรรมราช", 120) == ["จังหวัด", "นครศรีธรรมราช"]


def test_abbreviation_stays_with_its_number() -> None:
    """An abbreviation stays on the line of the number after it; a date wider than the line
    parts after the abbreviation, never inside its number (ต.ค. ๖|๘)."""
    register_fonts()
    text = "ระยะเวลา ต.ค. ๖๘ – มี.ค. ๖๙ ประจำปี พ.ศ. ๒๕๖๙"
    for line in _lines(text, 90):
        assert not line.rstrip().endswith("."), line
    for width in (45, 50, 60, 70):  # wider than ๒๕๖๙ (44 points)
        lines = [line.strip() for line in _lines(text, width)]
        for a, b in itertools.pairwise(lines):
            assert not (a[-1] in DIGITS and b[0] in DIGITS), (width, a, b)


def test_a_line_narrower_than_one_letter_still_ends() -> None:
    register_fonts()
    for width in (1, 3, 5):
        lines = _lines("ก https://example.org/a", width)
        assert "".join(lines).replace(" ", "") == "กhttps://example.org/a"


def _run_starts(p: typeset.ThaiParagraph) -> list[list[float]]:
    """The x where each drawn run starts, line by line, read back from the PDF."""
    buf = io.BytesIO()
    canv = Canvas(buf)
    p.drawOn(canv, 0, 0)
    canv.save()
    page = PdfReader(buf).pages[0]
    lines: dict[float, list[float]] = {}
    for args, op in ContentStream(page.get_contents(), page.pdf).operations:
        if op == b"Tm":
            lines.setdefault(float(args[5]), []).append(float(args[4]))
    return [lines[y] for y in sorted(lines, reverse=True)]


def test_justified_runs_advance_by_all_they_draw() -> None:
    """A bold label then regular text on a justified line: the regular run starts where the
    spread-out bold run ends, and the line ends flush at the right edge."""
    register_fonts()
    style = ParagraphStyle("j", parent=STYLE, alignment=TA_JUSTIFY)
    spans = [
        ("แนวทางแก้ไข", True),
        (" เพิ่มช่องทางถาม-ตอบออนไลน์และประชาสัมพันธ์ผลงานอย่างสม่ำเสมอ", False),
    ]
    p = typeset.ThaiParagraph(spans, style)
    p.wrap(340, 1000)
    line = p._lines[0]
    runs = typeset._runs(line)
    extra = typeset.justify_extra(runs, 340 - line.width, style.fontSize)
    assert len(runs) == 2 and extra > 0.5
    starts = _run_starts(p)[0]
    ends = [
        x + typeset._shape(text, font, style.fontSize)[1] + extra * len(typeset.spread_points(text))
        for x, (text, font) in zip(starts, runs, strict=True)
    ]
    assert starts[1] == pytest.approx(ends[0] + extra, abs=0.01)  # no overlap, gap kept
    assert ends[1] == pytest.approx(340, abs=0.01)  # flush right


def test_justification_never_spreads_letters_apart() -> None:
    register_fonts()
    runs = [("ของหน่วยงานภาครัฐ ประจำปีงบประมาณ", REGULAR)]
    gaps = len(typeset.spread_points(runs[0][0]))
    assert typeset.justify_extra(runs, gaps * 0.05 * 16, 16) == pytest.approx(0.8)
    assert typeset.justify_extra(runs, gaps * 0.14 * 16, 16) == 0.0  # stays left-aligned
    # the no-break space of "พ.ศ. ๒๕๖๘" widens like a space, not glued
    text = "พ.ศ.\xa0๒๕๖๘"
    assert {text.index("\xa0"), text.index("\xa0") + 1} <= set(typeset.spread_points(text))


def test_dictionary_words_stay_whole() -> None:
    register_fonts()
    for word in ("ประชุม", "ประเมิน", "ดำเนินการ", "ปีงบประมาณ", "ประชาสัมพันธ์"):
        assert typeset.atoms_of(word) == (word,)
        assert typeset.ThaiParagraph(word, STYLE).min_width() >= stringWidth(word, REGULAR, 16)
    assert typeset.atoms_of("ความโปร่งใส") == ("ความ", "โปร่งใส")
    # too narrow for the compound, wide enough for each word: cut between the words only
    width = stringWidth("ประชุม", REGULAR, 16) + 2
    assert _lines("การประชุม", width) == ["การ", "ประชุม"]
    width = stringWidth("ความโปร่งใส", REGULAR, 16) - 2
    assert _lines("(ความโปร่งใส)", width) == ["(ความ", "โปร่งใส)"]


def test_a_long_phrase_may_break_between_its_words() -> None:
    """A column needs the widest word, not a whole phrase like อำนวยความสะดวก."""
    register_fonts()
    p = typeset.ThaiParagraph("อำนวยความสะดวก", STYLE)
    assert p.min_width() < stringWidth("อำนวยความสะดวก", REGULAR, 16)
    assert p.min_width() >= stringWidth("ความสะดวก", REGULAR, 16)


def test_no_line_starts_with_a_dash_or_after_a_no_break_space() -> None:
    register_fonts()
    assert typeset._units("ถาม-ตอบ") == ["ถาม-", "ตอบ"]
    assert typeset._units("๕.\xa0ประชาสัมพันธ์ข่าว")[0] == "๕.\xa0ประชาสัมพันธ์"  # no-break
    assert typeset._units("ต.ค.๖๕ - มี.ค.๖๖") == ["ต.ค.๖๕ -", " ", "มี.ค.๖๖"]
    for width in (40, 60, 90):
        for line in _lines("ช่องทางถาม-ตอบออนไลน์ ต.ค.๖๕ - มี.ค.๖๖ และ ต.ค.๖๘ – มี.ค.๖๙", width):
            assert not line.startswith(("-", "–")), line


def test_the_noun_prefixes_never_end_a_line() -> None:
    register_fonts()
    assert typeset._units("ส่งเสริมความโปร่งใส") == ["ส่งเสริม", "ความโปร่งใส"]
    text = "เพื่อส่งเสริมคุณธรรมและความโปร่งใสในการดำเนินงานและการปฏิบัติหน้าที่ของหน่วยงาน"
    for width in range(120, 420, 15):
        for line in _lines(text, width)[:-1]:
            assert not line.endswith(("การ", "ความ")), (width, line)


def test_split_leaves_no_lone_line() -> None:
    register_fonts()
    lead = STYLE.leading
    for n in (2, 3):
        p = typeset.ThaiParagraph(fixtures.FACTS, STYLE)
        width = next(w for w in range(100, 2000, 5) if len(_lines(fixtures.FACTS, w)) == n)
        p.wrap(width, 10_000)
        for room in range(1, n):
            assert p.split(width, room * lead + 1) == []  # moves whole
    p = typeset.ThaiParagraph(fixtures.FACTS, STYLE)
    _, h = p.wrap(200, 10_000)
    n = round(h / lead)
    assert p.split(200, 1.5 * lead) == []
    head, tail = p.split(200, (n - 1) * lead + 1)
    assert head.wrap(200, 10_000)[1] == pytest.approx((n - 2) * lead)  # two lines go over
    assert tail.wrap(200, 10_000)[1] == pytest.approx(2 * lead)


def test_split_keeps_the_spaces_lines_broke_at() -> None:
    register_fonts()
    text = "ประกาศนโยบายไม่รับของขวัญ (No Gift Policy) และสร้างการรับรู้ให้บุคลากรทุกคน " * 3
    for width in range(120, 300, 20):
        p = typeset.ThaiParagraph(text, STYLE)
        _, h = p.wrap(width, 10_000)
        n = round(h / STYLE.leading)
        for keep in range(2, n - 1):
            head, tail = p.split(width, keep * STYLE.leading + 1)
            assert (head.text + tail.text).rstrip() == text.rstrip(), (width, keep)


def test_breakable_keeps_brackets_with_their_words() -> None:
    thaitext.warm_up()
    out = thaitext.breakable("แผนงาน(โครงการ)ประจำปี “ประกาศ”ถาม-ตอบ ๕.\xa0ประชาสัมพันธ์")
    assert thaitext.ZWSP in out
    for mark in "(“\xa0":
        assert mark + thaitext.ZWSP not in out
    for mark in ")”-":
        assert thaitext.ZWSP + mark not in out


def _stranded_lines(text: str, width: float) -> list[str]:
    lines = _lines(text, width)
    return [ln for ln in lines if len(lines) > 1 and ln.strip(" ()") in typeset.STRANDED_WORDS]


def test_breaks_are_chosen_over_the_whole_paragraph() -> None:
    """Line by line, "ของ" would end up alone at some widths; over the whole paragraph a
    line before it gives a word up instead."""
    register_fonts()
    text = "(ตรวจสอบได้จากเว็บไซต์ของหน่วยงาน) และรายงานผลการดำเนินงานต่อผู้บริหารทุกเดือน"
    for width in range(100, 400, 3):  # narrower, no choice is left at some widths
        assert _stranded_lines(text, width) == [], width
    assert _stranded_lines(fixtures.FACTS, 150) == []


def test_a_number_stays_with_the_word_it_counts() -> None:
    register_fonts()
    text = "รายงานผลการดำเนินงานต่อผู้บริหารและคณะกรรมการทุก ๖ เดือน"
    for width in range(90, 400, 3):
        for line in _lines(text, width)[:-1]:
            assert not line.rstrip().endswith(("ทุก", "๖")), (width, line)


def test_office_names_break_last() -> None:
    """Rather than break the office's name, a line is left up to 6 em short."""
    register_fonts()
    name = "องค์การบริหารส่วนตำบลนาทอน"
    before = "ประกาศเจตนารมณ์ร่วมกันของผู้บริหารและพนักงานของ"
    text = f"{before}{name} อำเภอทุ่งหว้า จังหวัดสตูล"
    room = stringWidth(before, REGULAR, 16)
    widths = [room + hole for hole in range(10, 6 * 16, 12)]
    wide = stringWidth(name, REGULAR, 16)
    assert all(wide < w < room + wide for w in widths)  # the name fits a line, not this one
    try:
        typeset.set_custom_words([*fixtures.CUSTOM_WORDS, name])
        for width in widths:
            assert name in _lines(text, width)[1], width
        units = typeset._make_units([(text, False)], STYLE)
        first = next(i for i, u in enumerate(units) if u.text == "องค์")
        inside = units[first : first + 5]  # องค์|การบริหาร|ส่วน|ตำบล|นา, then ทอน
        assert "".join(u.text for u in inside) == name.removesuffix("ทอน")
        assert all(u.penalty >= typeset._NAME_BREAK for u in inside)
        typeset.set_custom_words([*fixtures.CUSTOM_WORDS, name], protected=())
        units = typeset._make_units([(text, False)], STYLE)
        assert all(u.penalty < typeset._NAME_BREAK for u in units[first : first + 5])
    finally:
        typeset.set_custom_words(fixtures.CUSTOM_WORDS)


def test_a_link_breaks_only_after_its_separators() -> None:
    register_fonts()
    link = "https://www.example.go.th/ita/o13_report-2568.pdf"
    for width in (95, 120, 150):  # each part fits: "www.example." is the widest
        lines = [ln.strip() for ln in _lines(f"ดูที่ {link}", width)]
        assert "".join(lines).replace("ดูที่", "") == link
        for line in lines[:-1]:
            assert line == "ดูที่" or line[-1] in "/.-_", (width, lines)


def test_a_huge_paragraph_keeps_every_character() -> None:
    """A text far longer than a page (a hostile bundle's title) is broken in windows: no
    character is lost or doubled, spaces or none."""
    register_fonts()
    spaced = fixtures.FACTS * 40
    solid = spaced.replace(" ", "")
    for text in (spaced, solid, "x" * 5000):
        assert "".join(typeset.words_of(text)) == text
        p = typeset.ThaiParagraph(text, STYLE)
        p.wrap(200, 1e9)
        drawn = "".join(u.text for line in p._lines for u in line.units + line.after)
        assert drawn == text


# Lines of real sentences as the breaker set them before it was made linear on hostile text
# (issue 15, B1): every speed-up since must leave them exactly so.
REAL_LINES = {
    (fixtures.FACTS, 200): (
        "ผลการประเมินคุณธรรมและ", "ความโปร่งใสในการดำเนินงาน", "ของหน่วยงานภาครัฐ",
        "(Integrity and Transparency", "Assessment : ITA) ประจำ", "ปีงบประมาณ พ.ศ.๒๕๖๕ ของ",
        "เทศบาลตำบลท่าแพ อำเภอ", "เมืองนครศรีธรรมราช จังหวัด", "นครศรีธรรมราช มีคะแนน",
        "เท่ากับ ๗๐.๓๓ คะแนน อยู่", "ระดับ C และเพื่อให้การประเมิน", "คุณธรรมและความโปร่งใสใน",
        "การดำเนินงานของหน่วยงานดี", "ยิ่งขึ้น งานธุรการ จึงขอรายงาน", "ผลการดำเนินการตามมาตรการ",
        "เพื่อส่งเสริมคุณธรรมและ", "ความโปร่งใสภายในหน่วยงาน", "ให้ดีขึ้น ตามมาตรการที่ได้",
        "กำหนดไว้ข้างต้น ดังต่อไปนี้",
    ),
    (fixtures.FACTS, 330): (
        "ผลการประเมินคุณธรรมและความโปร่งใส", "ในการดำเนินงานของหน่วยงานภาครัฐ",
        "(Integrity and Transparency Assessment : ITA)", "ประจำปีงบประมาณ พ.ศ.๒๕๖๕ ของเทศบาลตำบล",
        "ท่าแพ อำเภอเมืองนครศรีธรรมราช จังหวัด", "นครศรีธรรมราช มีคะแนนเท่ากับ ๗๐.๓๓ คะแนน",
        "อยู่ระดับ C และเพื่อให้การประเมินคุณธรรมและ", "ความโปร่งใสในการดำเนินงานของหน่วยงานดียิ่งขึ้น",
        "งานธุรการ จึงขอรายงานผลการดำเนินการตาม", "มาตรการเพื่อส่งเสริมคุณธรรมและความโปร่งใส",
        "ภายในหน่วยงานให้ดีขึ้น ตามมาตรการที่ได้กำหนดไว้", "ข้างต้น ดังต่อไปนี้",
    ),
    (fixtures.IIT[0].title, 150): (
        "ประกาศนโยบายไม่รับ", "ของขวัญหรือของกำนัล", "จากการปฏิบัติหน้าที่", "(No Gift Policy)",
    ),
    (fixtures.CLOSING, 250): (
        "จึงเรียนมาเพื่อโปรดทราบ และ", "ประชาสัมพันธ์ผ่านช่องทางต่างๆ ของ", "เทศบาลตำบลท่าแพต่อไป",
    ),
    (fixtures.IIT[0].steps[0], 180): (
        "ประชุมคณะผู้บริหาร", "หัวหน้าส่วนราชการในสังกัด", "และพนักงานทุกระดับ เพื่อ",
        "ประกาศนโยบายไม่รับ", "ของขวัญหรือของกำนัล", "จากการปฏิบัติหน้าที่ และ",
        "เน้นย้ำให้พนักงานทุก", "ระดับ ไม่รับของขวัญและ", "ของกำนัลทุกชนิดในก่อน/",
        "ขณะ/หลังปฏิบัติหน้าที่ ที่จะ", "ส่งผลให้เกิดการทุจริตและ", "ประพฤติมิชอบทั้งในปัจจุบัน",
        "และอนาคต",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "width"), list(REAL_LINES))
def test_real_sentences_break_where_they_always_did(text: str, width: float) -> None:
    register_fonts()
    typeset.set_custom_words(fixtures.CUSTOM_WORDS)
    assert tuple(_lines(text, width)) == REAL_LINES[text, width]


@pytest.mark.parametrize("size", [6000, MAX_TEXT_CHARS + 1000])
@pytest.mark.parametrize("name", list(fixtures.hostile_paragraphs(10)))
def test_a_hostile_paragraph_keeps_every_character_on_lines_that_fit(name: str, size: int) -> None:
    """No spaces and no repeats, one letter, Latin, a link, Thai digits, short or blank
    lines, no dictionary word, punctuation gluing it all into one piece: every character
    is drawn once, in order, on lines no wider than the column; longer than a field may
    hold too (cut by the longest word at each place)."""
    register_fonts()
    text = fixtures.hostile_paragraphs(size)[name]
    p = typeset.ThaiParagraph(text, STYLE)
    p.wrap(200, 1e9)
    drawn = "".join(u.text for line in p._lines for u in line.units + line.after)
    assert drawn == text.replace("\n", "")
    assert max(line.width for line in p._lines) <= 200.01
    assert len(p._lines) > 1 or name == "blank lines"


def test_the_pieces_of_hostile_text_are_what_the_slow_ways_gave() -> None:
    """The linear helpers answer as the quadratic ones did: the Thai middle of a piece with
    a long Latin run inside, TCC clusters of a long text (taken in windows), the words a
    run is made of, the dictionary words a text starts with."""
    from pythainlp.tokenize import subword_tokenize

    latin = "ก." + "x" * 5000 + ".ก),"
    assert typeset._edges(latin) == ("", latin[:-2], "),")
    assert typeset._edges("(ประชาสัมพันธ์),") == ("(", "ประชาสัมพันธ์", "),")
    assert typeset._edges("No Gift") == ("No Gift", "", "")
    text = fixtures.hostile_paragraphs(3000)["no dictionary word"] + fixtures.FACTS * 5
    assert typeset.clusters_of(text) == tuple(subword_tokenize(text, engine="tcc"))
    assert typeset.words_in("ความโปร่งใส") == ("ความ", "โปร่งใส")
    assert typeset._longest_words("ประชุมเกี่ยวข้องxyzการ") == ("ประชุม", "เกี่ยวข้อง", "xyz", "การ")
    assert typeset.words_in("(องค์การบริหารส่วนตำบล),") == ("(องค์", "การบริหาร", "ส่วน", "ตำบล),")
    assert typeset.words_in("ผลการดำเนินการตามมาตรการ") == (
        "ผล", "การ", "ดำเนิน", "การตาม", "มาตรการ",
    )  # fmt: skip
    words = typeset._dictionary()
    for start in range(len(fixtures.FACTS)):
        rest = fixtures.FACTS[start:]
        expected = [rest[:k] for k in range(1, len(rest) + 1) if rest[:k] in words]
        assert words.prefixes(fixtures.FACTS, start) == expected

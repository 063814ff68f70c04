"""Thai line breaking and the paragraph flowable, without building whole documents."""

from reportlab.lib.styles import ParagraphStyle

from itadesk.documents import typeset
from itadesk.documents.fonts import REGULAR, register_fonts
from tests.documents import fixtures

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
    register_fonts()
    for line in _lines("ระยะเวลา ต.ค. ๖๘ – มี.ค. ๖๙ ประจำปี พ.ศ. ๒๕๖๙", 60):
        assert not line.rstrip().endswith(".")


def test_a_line_narrower_than_one_letter_still_ends() -> None:
    register_fonts()
    for width in (1, 3, 5):
        lines = _lines("ก https://example.org/a", width)
        assert "".join(lines).replace(" ", "") == "กhttps://example.org/a"

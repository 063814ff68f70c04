"""Signature images: cleaned on import, printed above the name only when the memo asks."""

import io

import pymupdf
import pytest
from PIL import Image, ImageDraw

from itadesk.errors import ValidationError
from itadesk.services import memos, office, signatures
from itadesk.services.demo import PEOPLE, PLAN_YEAR
from itadesk.services.documents import PrintOptions, build_document, memo

CM = 72 / 2.54


def scanned_signature(path, size=(900, 420), background=(250, 248, 244)):
    """A 'scan': off-white paper with a dark blue scribble in the middle."""
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    draw.line(
        [(200, 260), (320, 150), (420, 280), (560, 140), (700, 250)], fill=(20, 30, 90), width=9
    )
    image.save(path)
    return path


def _person(db, name):
    return next(p for p in office.list_people(db) if p.name == name)


def test_clean_signature_is_transparent_and_trimmed(tmp_path):
    cleaned = signatures.clean_signature(scanned_signature(tmp_path / "s.png").read_bytes())
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0  # the paper is gone
        assert 500 <= image.width <= 520 and 140 <= image.height <= 160  # trimmed to the ink
        assert image.getchannel("A").getextrema()[1] == 255  # the ink stays


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not an image", "ไฟล์ลายมือชื่อต้องเป็นภาพ PNG หรือ JPEG"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 10, "ไฟล์ลายมือชื่อเสียหาย"),
        (b"\x89PNG" + b"0" * (6 * 1024 * 1024), "ไฟล์ลายมือชื่อใหญ่เกิน ๕ เมกะไบต์"),
    ],
)
def test_a_broken_or_huge_file_gets_a_thai_message(demo_db, tmp_path, content, message):
    path = tmp_path / "ลายมือชื่อ.png"
    path.write_bytes(content)
    person = _person(demo_db, PEOPLE[0][0])
    with pytest.raises(ValidationError, match=message):
        signatures.set_signature(demo_db, person.id, path)
    assert _person(demo_db, PEOPLE[0][0]).signature is None


def test_too_many_pixels_and_a_blank_page_are_refused(tmp_path):
    huge = tmp_path / "huge.png"
    Image.new("1", (8000, 6000), 1).save(huge)  # small file, 48 million pixels
    with pytest.raises(ValidationError, match=r"ภาพลายมือชื่อใหญ่เกินไป .๘๐๐๐×๖๐๐๐ จุด."):
        signatures.clean_signature(huge.read_bytes())
    blank = tmp_path / "blank.jpg"
    Image.new("RGB", (300, 100), (255, 255, 255)).save(blank)
    with pytest.raises(ValidationError, match="ไม่พบลายมือชื่อในภาพ"):
        signatures.clean_signature(blank.read_bytes())


def _images_near_names(pdf: bytes, names: list[str]) -> dict[str, tuple[float, float]]:
    """For each name printed in parentheses: (gap between the image's bottom and the name's
    top, image height), both in points, for an image standing right above it."""
    document = pymupdf.open(stream=pdf, filetype="pdf")
    found = {}
    for page in document:
        boxes = [info["bbox"] for info in page.get_image_info()]
        for name in names:
            for hit in page.search_for(f"({name})"):
                above = [b for b in boxes if b[3] <= hit.y0 + 2 and hit.y0 - b[3] < 20]
                centred = [b for b in above if b[0] < hit.x1 and b[2] > hit.x0]  # over the name
                if centred:
                    b = centred[0]
                    found[name] = (hit.y0 - b[3], b[3] - b[1])
    return found


def test_memo_prints_signatures_above_the_names_only_when_chosen(demo_db, tmp_path):
    writer, reviewer = _person(demo_db, PEOPLE[0][0]), _person(demo_db, PEOPLE[1][0])
    signatures.set_signature(demo_db, writer.id, scanned_signature(tmp_path / "a.png"))
    signatures.set_signature(demo_db, reviewer.id, scanned_signature(tmp_path / "b.jpg"))
    names = [PEOPLE[0][0], PEOPLE[1][0], PEOPLE[2][0]]
    plain = build_document(demo_db, "memo-measures", PLAN_YEAR, None, PrintOptions())
    assert _images_near_names(plain, names) == {}  # not chosen: the signing space stays blank
    draft = memos.draft_memo(demo_db, "measures", PLAN_YEAR)
    draft.print_signatures = True
    memos.save_memo(demo_db, draft)
    assert memos.draft_memo(demo_db, "measures", PLAN_YEAR).print_signatures
    data = memo(demo_db, "measures", PLAN_YEAR, None, PrintOptions())
    assert data.writer.signature is not None and data.reviewers[0].signer.signature is not None
    assert data.reviewers[1].signer.signature is None  # this person has none
    pdf = build_document(demo_db, "memo-measures", PLAN_YEAR, None, PrintOptions())
    (tmp_path / "signed.pdf").write_bytes(pdf)
    near = _images_near_names(pdf, names)
    assert set(near) == {PEOPLE[0][0], PEOPLE[1][0]}
    for gap, height in near.values():
        assert 0 <= gap < 12  # standing on the name line
        assert 1.2 * CM <= height <= 1.5 * CM
    signatures.set_signature(demo_db, writer.id, None)
    assert _person(demo_db, PEOPLE[0][0]).signature is None


def test_word_copy_puts_the_signature_above_the_name(demo_db, tmp_path):
    import docx

    writer = _person(demo_db, PEOPLE[0][0])
    signatures.set_signature(demo_db, writer.id, scanned_signature(tmp_path / "a.png"))
    draft = memos.draft_memo(demo_db, "measures", PLAN_YEAR)
    draft.print_signatures = True
    memos.save_memo(demo_db, draft)
    from itadesk.documents.word.memo import render

    raw = render(memo(demo_db, "measures", PLAN_YEAR, None, PrintOptions()))
    document = docx.Document(io.BytesIO(raw))
    paragraphs = document.paragraphs
    name = next(i for i, p in enumerate(paragraphs) if p.text == f"({PEOPLE[0][0]})")
    above = paragraphs[name - 1]
    shapes = above._p.xpath(".//wp:inline/wp:extent")
    assert len(shapes) == 1  # the picture stands on the paragraph right above the name
    height_cm = int(shapes[0].get("cy")) / 360000
    assert 1.2 <= height_cm <= 1.5
    assert len(document.inline_shapes) == 1  # nobody else has an image; no emblem in the demo

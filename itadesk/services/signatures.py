"""Signature images of people: cleaned on import (near-white made transparent, trimmed) and
printed above the name only when a memo asks for them (the office's own decision)."""

import io
from pathlib import Path

from itadesk.db.database import Database
from itadesk.db.models import Person
from itadesk.errors import NotFoundError, ValidationError, os_reason
from itadesk.services.office import check_image

WHITE = 225  # a pixel whose red, green and blue are all at least this is paper, not ink
MARGIN = 4  # pixels kept around the ink when trimming
MAX_HEIGHT = 400  # pixels stored: about 780 dpi at the printed 1.3 cm
WHAT = "ลายมือชื่อ"


def clean_signature(data: bytes) -> bytes:
    """The image checked like the emblem, its near-white pixels transparent, trimmed to the
    ink, at most ``MAX_HEIGHT`` high, as PNG bytes."""
    check_image(data, WHAT)
    from PIL import Image, ImageChops, ImageOps

    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGBA")
    red, green, blue, alpha = image.split()
    palest = ImageChops.darker(ImageChops.darker(red, green), blue)
    ink = palest.point(lambda v: 0 if v >= WHITE else 255)
    image.putalpha(ImageChops.darker(alpha, ink))
    box = image.getchannel("A").getbbox()
    if box is None:
        raise ValidationError("ไม่พบลายมือชื่อในภาพ (ทั้งภาพเป็นสีขาวหรือโปร่งใส): โปรดเลือกภาพอื่น")
    left, top, right, bottom = box
    image = image.crop(
        (max(0, left - MARGIN), max(0, top - MARGIN),
         min(image.width, right + MARGIN), min(image.height, bottom + MARGIN))
    )  # fmt: skip
    if image.height > MAX_HEIGHT:
        width = max(1, round(image.width * MAX_HEIGHT / image.height))
        image = image.resize((width, MAX_HEIGHT), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def set_signature(db: Database, person_id: int, path: Path | None) -> Person:
    """Give a person a signature image from a PNG or JPEG file, or remove it (``None``)."""
    data = None
    if path is not None:
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise ValidationError(f"เปิดไฟล์{WHAT} {path} ไม่ได้: {os_reason(error)}") from error
        data = clean_signature(raw)
    with db.session() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFoundError("ไม่พบบุคคลนี้ (อาจถูกลบไปแล้ว)")
        person.signature = data
        return person


def printable(person: Person | None) -> bytes | None:
    """A person's stored signature, checked again (one from a bundle may not open): a broken
    one is a Thai message naming the person, never a failed print."""
    if person is None or not person.signature:
        return None
    try:
        return check_image(person.signature, WHAT)
    except ValidationError as error:
        raise ValidationError(
            f"ภาพลายมือชื่อของ {person.name} เปิดไม่ได้: โปรดเลือกภาพใหม่ที่หน้าหน่วยงาน"
        ) from error

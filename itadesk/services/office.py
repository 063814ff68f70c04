"""The office profile, its units and people, and the default reviewer chain."""

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from itadesk.db.database import Database
from itadesk.db.models import Memo, Office, Person, Unit
from itadesk.documents import columns
from itadesk.documents.word import WORD_FONTS
from itadesk.domain.numerals import digits
from itadesk.domain.paperwork import Paperwork, check_paperwork, parse_paperwork
from itadesk.errors import NotFoundError, ValidationError, os_reason

OFFICE_KINDS = (
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
    "องค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด",
)
# short forms clerks type before a name (อบต.นาทอน): never part of the name itself
KIND_ABBREVIATIONS = {
    "อบต.": "องค์การบริหารส่วนตำบล",
    "อบจ.": "องค์การบริหารส่วนจังหวัด",
    "ทต.": "เทศบาลตำบล",
    "ทม.": "เทศบาลเมือง",
    "ทน.": "เทศบาลนคร",
}
# the headings of a usual chain for a new office, in order
DEFAULT_CHAIN = ("ความเห็นหัวหน้าสำนักปลัด", "ความเห็นปลัด", "คำสั่งผู้บริหาร")
OFFICE_FIELDS = (
    "kind", "name", "district", "province", "department", "phone", "doc_prefix",
    "thai_digits", "justify", "writer_uuid", "measure_columns", "column_titles", "word_font",
    "paperwork",
)  # fmt: skip
MAX_IMAGE_PIXELS = 40_000_000  # an A4 page scanned at 600 dpi is 35 million
MAX_EMBLEM_BYTES = 5 * 1024 * 1024
MAX_COMMENT_LINES = 10  # blank lines under a reviewer's heading for a handwritten comment


def get_office(db: Database) -> Office:
    """The office profile; a blank one (not stored) until something is entered."""
    with db.session() as session:
        return session.scalar(select(Office)) or Office(**_blank_office())


def _blank_office() -> dict[str, Any]:
    """Column defaults of a new office, so that a blank profile reads like a stored one."""
    fields: dict[str, Any] = {}
    for column in Office.__table__.columns:
        default = column.default
        if default is not None and column.key not in ("id", "uuid"):
            arg = default.arg  # type: ignore[attr-defined]
            fields[column.key] = arg(None) if callable(arg) else arg
    return fields


def _office_row(session: Session) -> Office:
    """The stored office row, created on the first write."""
    office = session.scalar(select(Office))
    if office is None:
        office = Office()
        session.add(office)
    return office


def is_empty(db: Database) -> bool:
    """True for a database nobody has used yet: the demo may fill it.

    A clerk who cleared the data to start over keeps an (empty) office row, so the demo does
    not come back on the next start.
    """
    with db.session() as session:
        office = session.scalar(select(Office))
        people = session.scalar(select(func.count(Person.id)))
        return office is None and not people


def plain_name(name: str) -> str:
    """The name without the office type before it (เทศบาลตำบลท่าแพ, อบต. ท่าแพ → ท่าแพ): the type
    is chosen apart and printed before the name, so it must not be printed twice."""
    text = name.strip()
    words = sorted([*OFFICE_KINDS, *KIND_ABBREVIATIONS], key=len, reverse=True)
    while True:
        word = next((w for w in words if text.startswith(w) and text[len(w) :].strip()), None)
        if word is None:
            return text
        text = text[len(word) :].strip()


def update_office(db: Database, **fields: Any) -> Office:
    """Change profile fields (see ``OFFICE_FIELDS``); a name loses a type word before it."""
    unknown = set(fields) - set(OFFICE_FIELDS)
    if unknown:
        raise ValueError(f"unknown office fields: {sorted(unknown)}")
    if "name" in fields:
        fields["name"] = plain_name(str(fields["name"]))
    if "name" in fields and not str(fields["name"]).strip():
        raise ValidationError("โปรดกรอกชื่อหน่วยงาน")
    if "measure_columns" in fields:
        fields["measure_columns"] = check_columns(fields["measure_columns"])
    if "column_titles" in fields:
        titles = {str(k): str(v) for k, v in fields["column_titles"].items()}
        fields["column_titles"] = columns.check_headers(titles, columns.MEASURE_KEYS)
    if "paperwork" in fields:
        fields["paperwork"] = check_office_paperwork(fields["paperwork"])
    if "word_font" in fields and fields["word_font"] not in WORD_FONTS:
        raise ValidationError(f"แบบอักษรของไฟล์ Word ต้องเป็น {', '.join(WORD_FONTS)}")
    with db.session() as session:
        office = _office_row(session)
        for key, value in fields.items():
            setattr(office, key, value.strip() if isinstance(value, str) else value)
        return office


def get_paperwork(db: Database) -> Paperwork:
    """How the office shapes its papers (defaults for what it never set)."""
    return parse_paperwork(get_office(db).paperwork)


def set_paperwork(db: Database, **changes: Any) -> Paperwork:
    """Change some settings (``Paperwork``'s field names, JSON values); the rest stay."""
    stored = {**(get_office(db).paperwork or {}), **changes}
    return parse_paperwork(update_office(db, paperwork=stored).paperwork)


def check_columns(keys: Sequence[str]) -> list[str]:
    """Column keys of the measures table, in order; the measure column always comes first."""
    return list(columns.check_columns([str(k) for k in keys], progress=False))


def check_office_paperwork(value: object) -> dict[str, Any]:
    """``Paperwork`` as stored, its progress columns and headers checked against the
    columns a progress table may print."""
    stored = check_paperwork(value)
    chosen = stored.get("columns", {}).get("progress")
    if chosen is not None:
        columns.check_columns(chosen, progress=True)
    for titles in stored.get("headers", {}).values():
        columns.check_headers(titles, chosen or columns.PROGRESS_KEYS)
    return stored


def check_image(data: bytes, what: str = "ตราครุฑ") -> bytes:
    """An image the documents print (``what``: ตราครุฑ, ลายมือชื่อ) must be a PNG or JPEG that
    opens whole, of at most 5 MB and 40 million pixels."""
    if len(data) > MAX_EMBLEM_BYTES:
        raise ValidationError(f"ไฟล์{what}ใหญ่เกิน ๕ เมกะไบต์")
    if not (data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8")):
        raise ValidationError(f"ไฟล์{what}ต้องเป็นภาพ PNG หรือ JPEG")
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    f"ภาพ{what}ใหญ่เกินไป ({digits(image.width)}×{digits(image.height)} จุด): "
                    "โปรดย่อภาพหรือสแกนใหม่ที่ความละเอียดไม่เกิน ๖๐๐ dpi"
                )
            image.load()  # every pixel: a truncated file fails here, not when printing
    except ValidationError:
        raise
    except Exception as error:  # Pillow raises many kinds for a broken image
        raise ValidationError(f"ไฟล์{what}เสียหาย: เปิดเป็นภาพไม่ได้ โปรดเลือกไฟล์ภาพอื่น") from error
    return data


def check_emblem(data: bytes) -> bytes:
    """An emblem must be a PNG or JPEG image that opens whole, of at most 5 MB."""
    return check_image(data, "ตราครุฑ")


def set_emblem(db: Database, path: Path | None) -> Office:
    """Use an image file as the emblem (ครุฑ), or remove it with ``None``."""
    data, name = None, ""
    if path is not None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ValidationError(f"เปิดไฟล์ตราครุฑ {path} ไม่ได้: {os_reason(error)}") from error
        check_emblem(data)
        name = path.name
    with db.session() as session:
        office = _office_row(session)
        office.emblem, office.emblem_name = data, name
        return office


def list_units(db: Database) -> list[Unit]:
    with db.session() as session:
        return list(session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)))


def add_unit(db: Database, name: str) -> Unit:
    name = name.strip()
    if not name:
        raise ValidationError("โปรดกรอกชื่อส่วนราชการ")
    with db.session(immediate=True) as session:  # two windows may add the same name at once
        if session.scalar(select(Unit).where(Unit.name == name)):
            raise ValidationError(f"มีส่วนราชการ «{name}» อยู่แล้ว")
        last = session.scalar(select(func.max(Unit.sort_order)))
        unit = Unit(name=name, sort_order=0 if last is None else last + 1)
        session.add(unit)
        return unit


def delete_unit(db: Database, unit_id: int) -> dict[str, Any]:
    """Delete a unit; the returned row (uuid and place included) lets it be restored."""
    with db.session() as session:
        unit = session.get(Unit, unit_id)
        if unit is None:
            raise NotFoundError("ไม่พบส่วนราชการนี้")
        snapshot = unit.snapshot("id")
        session.delete(unit)
        return snapshot


def restore_unit(db: Database, snapshot: Mapping[str, Any]) -> Unit:
    """Undo ``delete_unit``: the same unit, uuid and place come back."""
    with db.session() as session:
        if session.scalar(select(Unit).where(Unit.name == snapshot["name"])):
            raise ValidationError(f"มีส่วนราชการ «{snapshot['name']}» อยู่แล้ว")
        for other in session.scalars(select(Unit).where(Unit.sort_order >= snapshot["sort_order"])):
            other.sort_order += 1
        unit = Unit(**snapshot)
        session.add(unit)
        return unit


def list_people(db: Database) -> list[Person]:
    with db.session() as session:
        return list(session.scalars(select(Person).order_by(Person.sort_order, Person.id)))


def save_person(
    db: Database, name: str, position: str, acting_for: str = "", person_id: int | None = None
) -> Person:
    """Add a person, or change one when ``person_id`` is given."""
    if not name.strip():
        raise ValidationError("โปรดกรอกชื่อ-สกุล")
    with db.session() as session:
        if person_id is None:
            count = session.scalar(select(func.count(Person.id))) or 0
            person = Person(name=name.strip(), sort_order=count)
            session.add(person)
        else:
            found = session.get(Person, person_id)
            if found is None:
                raise NotFoundError("ไม่พบบุคคลนี้")
            person = found
            person.name = name.strip()
        person.position, person.acting_for = position.strip(), acting_for.strip()
        return person


def remove_person(db: Database, person_id: int) -> None:
    """Remove a person nobody's memo needs: not the writer nor in a reviewer chain."""
    with db.session() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFoundError("ไม่พบบุคคลนี้")
        office = session.scalar(select(Office))
        chains = [office.reviewer_chain] if office else []
        writers = {office.writer_uuid} if office else set()
        for memo in session.scalars(select(Memo)):
            chains.append(memo.reviewer_chain)
            writers.add(memo.writer_uuid)
        if person.uuid in writers or any(s.get("person") == person.uuid for c in chains for s in c):
            raise ValidationError(
                f"ลบ «{person.name}» ไม่ได้: เป็นผู้จัดทำหรืออยู่ในลำดับผู้พิจารณาบันทึกข้อความ "
                "โปรดเปลี่ยนผู้จัดทำ/ผู้พิจารณาก่อน"
            )
        session.delete(person)


def set_reviewer_chain(db: Database, chain: Sequence[dict[str, Any]]) -> Office:
    """The default chain: ``[{"label", "person" (uuid), "lines", "comment"}]`` in order."""
    people = {p.uuid for p in list_people(db)}
    cleaned = []
    for step in chain:
        if not str(step.get("label", "")).strip():
            raise ValidationError("โปรดกรอกหัวข้อความเห็นของผู้พิจารณาทุกลำดับ")
        if step.get("person") not in people:
            raise ValidationError("โปรดเลือกผู้พิจารณาจากรายชื่อบุคลากร")
        lines = int(step.get("lines", 2))
        if not 0 <= lines <= MAX_COMMENT_LINES:
            raise ValidationError(f"บรรทัดความเห็นต้องอยู่ระหว่าง ๐ ถึง {digits(MAX_COMMENT_LINES)} บรรทัด")
        cleaned.append(
            {
                "label": str(step["label"]).strip(),
                "person": step["person"],
                "lines": lines,
                "comment": str(step.get("comment", "")).strip(),
            }
        )
    with db.session() as session:
        office = _office_row(session)
        office.reviewer_chain = cleaned
        return office


def office_words(db: Database) -> list[str]:
    """Names the Thai word segmenter should keep whole: office, places, units, people."""
    office = get_office(db)
    words = [office.name, office.full_name, office.district, office.province]
    words += [u.name for u in list_units(db)]
    for person in list_people(db):
        words += person.name.split()
    return [w for w in words if w]


def start_over(db: Database) -> Path:
    """Empty the database (after a backup, whose path is returned): to leave the demo office
    and enter one's own. Evidence files stay in the data folder; the backup refers to them."""
    from itadesk.db.database import backup
    from itadesk.db.models import Base

    copy = backup(db.path, "before-start-over")
    assert copy is not None
    with db.session() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(table.delete())
        session.add(Office())  # used, though empty: see is_empty
    return copy


@dataclass
class Setup:
    """What the first-run setup asks: the office, the clerk who writes the memos, and the
    people who review them, in order: (heading of the comment, name, position)."""

    kind: str
    name: str
    district: str
    province: str
    clerk: str
    clerk_position: str
    chain: list[tuple[str, str, str]] = field(default_factory=list)


def needs_setup(db: Database) -> bool:
    """True while the office has no name and no people: the first run's setup is offered."""
    return not get_office(db).name and not list_people(db)


def first_setup(db: Database, setup: Setup) -> Office:
    """Store the setup: profile, the clerk as memo writer, and the reviewer chain (rows
    without a name are left out). Checked first, so a refusal stores nothing."""
    if setup.kind not in OFFICE_KINDS:
        raise ValidationError("โปรดเลือกประเภทหน่วยงาน")
    if plain_name(setup.name) in ("", *OFFICE_KINDS, *KIND_ABBREVIATIONS):
        raise ValidationError("โปรดกรอกชื่อหน่วยงาน (ไม่ต้องมีคำว่า เทศบาลตำบล หรือ อบต.)")
    steps = [(label, name, position) for label, name, position in setup.chain if name.strip()]
    if any(not label.strip() for label, _name, _position in steps):
        raise ValidationError("โปรดกรอกหัวข้อความเห็นของผู้พิจารณาทุกลำดับ")
    short = "เทศบาล" if setup.kind.startswith("เทศบาล") else ""
    department = f"สำนักปลัด{short} {setup.kind}{plain_name(setup.name)}"
    update_office(
        db, kind=setup.kind, name=setup.name, district=setup.district,
        province=setup.province, department=department,
    )  # fmt: skip
    if setup.clerk.strip():
        clerk = save_person(db, setup.clerk, setup.clerk_position)
        update_office(db, writer_uuid=clerk.uuid)
    chain = [
        {"label": label, "person": save_person(db, name, position).uuid, "lines": 2}
        for label, name, position in steps
    ]
    return set_reviewer_chain(db, chain) if chain else get_office(db)

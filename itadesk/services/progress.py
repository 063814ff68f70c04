"""Progress of each measure at each reporting round, and its evidence files."""

import hashlib
import os
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from itadesk.db.database import Database
from itadesk.db.models import SHA256_HEX, STATUSES, Attachment, Measure, ProgressEntry
from itadesk.domain.dates import check_round
from itadesk.errors import NotFoundError, UserError, ValidationError, os_reason
from itadesk.fileops import replace_file
from itadesk.services.measures import list_measures, ordered
from itadesk.services.office import get_paperwork

STATUS_LABELS = {
    "not_started": "ยังไม่ดำเนินการ",
    "in_progress": "อยู่ระหว่างดำเนินการ",
    "done": "ดำเนินการเสร็จเรียบร้อยแล้ว",
}
TWO_STATE_LABELS = {"not_started": "ยังไม่ดำเนินการ", "done": "ดำเนินการแล้ว"}
"""The states of an office that reports in two (its progress table ticks ``status2``)."""
MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024


@dataclass
class ProgressInput:
    status: str = "not_started"
    done_text: str = ""
    outputs: str = ""
    outcomes: str = ""
    evidence: str = ""
    remark: str = ""

    def validated(self) -> "ProgressInput":
        if self.status not in STATUSES:
            raise ValidationError(
                "สถานะต้องเป็น ยังไม่ดำเนินการ, อยู่ระหว่างดำเนินการ หรือ ดำเนินการเสร็จเรียบร้อยแล้ว"
            )
        return ProgressInput(
            self.status, *(v.strip() for v in (
                self.done_text, self.outputs, self.outcomes, self.evidence, self.remark
            ))
        )  # fmt: skip


def _entry(session: Session, measure_id: int, round_months: int) -> ProgressEntry:
    check_round(round_months)
    measure = session.get(Measure, measure_id)
    if measure is None:
        raise NotFoundError("ไม่พบมาตรการนี้ (อาจถูกลบไปแล้ว)")
    entry = session.scalar(
        select(ProgressEntry)
        .where(ProgressEntry.measure_id == measure_id, ProgressEntry.round == round_months)
        .options(selectinload(ProgressEntry.attachments))
    )
    if entry is None:
        entry = ProgressEntry(measure=measure, round=round_months)
        session.add(entry)
        session.flush()
    return entry


def set_progress(
    db: Database, measure_id: int, round_months: int, data: ProgressInput
) -> ProgressEntry:
    """Record the state of a measure at a round (created on first use)."""
    clean = data.validated()
    with db.session() as session:
        entry = _entry(session, measure_id, round_months)
        for key, value in vars(clean).items():
            setattr(entry, key, value)
        entry.updated_at = datetime.now()
        return entry


def entry_for(measure: Measure, round_months: int) -> ProgressEntry | None:
    """The progress entry of a loaded measure at a round, if any."""
    return next((e for e in measure.progress if e.round == round_months), None)


def round_counts(db: Database, year: int, round_months: int) -> Counter[str]:
    """How many measures of the year are in each status at a round."""
    check_round(round_months)
    counts: Counter[str] = Counter({status: 0 for status in STATUSES})
    for measure in list_measures(db, year):
        entry = entry_for(measure, round_months)
        counts[entry.status if entry else "not_started"] += 1
    return counts


def carried(measures: Sequence[Measure], round_months: int) -> list[ProgressEntry]:
    """For each loaded measure with nothing at this round: its latest earlier entry.

    What ``carry_forward`` copies; its length is what the screen offers to carry.
    """
    check_round(round_months)
    sources = []
    for measure in measures:
        earlier = [e for e in measure.progress if e.round < round_months]
        if earlier and entry_for(measure, round_months) is None:
            sources.append(max(earlier, key=lambda e: e.round))
    return sources


def carry_forward(db: Database, year: int, round_months: int) -> int:
    """Start a round from the one before; return how many measures were started.

    Rounds are cumulative, so each measure with nothing yet at this round gets the status,
    texts and evidence files of its latest earlier round. Measures already entered at this
    round are left as they are.
    """
    with db.session() as session:
        sources = carried(ordered(session, year), round_months)
        for source in sources:
            entry = ProgressEntry(
                measure=source.measure,
                round=round_months,
                **{f.name: getattr(source, f.name) for f in fields(ProgressInput)},
            )
            entry.attachments = [
                Attachment(filename=a.filename, sha256=a.sha256, size=a.size)
                for a in source.attachments
            ]
            session.add(entry)
        return len(sources)


def attachment_path(db: Database, sha256: str) -> Path:
    """Where an evidence file with this content lives in the data folder."""
    if not SHA256_HEX.fullmatch(sha256):
        raise ValidationError("รหัสไฟล์แนบไม่ถูกต้อง")
    return db.files_dir / sha256[:2] / sha256


def store_file(db: Database, source: Path) -> tuple[str, int]:
    """Copy a file into the data folder under its SHA-256; return (sha256, size).

    The copy goes to a temporary file first; a failed or refused copy leaves nothing behind.
    """
    too_big = ValidationError(f"ไฟล์ {source.name} ใหญ่เกิน ๒๐๐ เมกะไบต์")
    temporary: Path | None = None
    try:
        if source.stat().st_size > MAX_ATTACHMENT_BYTES:
            raise too_big
        digest, size = hashlib.sha256(), 0
        db.files_dir.mkdir(parents=True, exist_ok=True)
        with (
            source.open("rb") as src,
            tempfile.NamedTemporaryFile(dir=db.files_dir, delete=False) as tmp,
        ):
            temporary = Path(tmp.name)
            for chunk in iter(lambda: src.read(1 << 20), b""):
                size += len(chunk)
                if size > MAX_ATTACHMENT_BYTES:  # the file grew while we read it
                    raise too_big
                digest.update(chunk)
                tmp.write(chunk)
            tmp.flush()
            os.fsync(tmp.fileno())
        target = attachment_path(db, digest.hexdigest())
        target.parent.mkdir(exist_ok=True)
        replace_file(temporary, target, keep_existing=True)
        temporary = None
    except OSError as error:
        raise UserError(
            f"คัดลอกไฟล์ {source.name} ไม่ได้ ({os_reason(error)}): ตรวจสอบว่าไฟล์ยังอยู่และดิสก์มีพื้นที่ว่าง"
        ) from error
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
    return digest.hexdigest(), size


def attach_file(db: Database, measure_id: int, round_months: int, source: Path) -> Attachment:
    """Attach an evidence file to a measure's progress at a round (once: the same file,
    content and name, attached again is refused)."""
    sha256, size = store_file(db, source)
    with db.session() as session:
        entry = _entry(session, measure_id, round_months)
        if any(a.sha256 == sha256 and a.filename == source.name for a in entry.attachments):
            raise ValidationError(f"แนบไฟล์ «{source.name}» ไว้แล้ว")
        attachment = Attachment(entry=entry, filename=source.name, sha256=sha256, size=size)
        session.add(attachment)
        return attachment


def delete_attachment(db: Database, attachment_id: int) -> dict[str, Any]:
    """Detach a file and return what ``restore_attachment`` needs to undo it.

    The snapshot names its progress entry by the measure's uuid and the round (row ids are
    reused by SQLite); the content stays in the data folder, stored by its SHA-256.
    """
    with db.session() as session:
        attachment = session.get(Attachment, attachment_id)
        if attachment is None:
            raise NotFoundError("ไม่พบไฟล์แนบนี้")
        entry = attachment.entry
        snapshot = {
            **attachment.snapshot("entry_id"),
            "measure_uuid": entry.measure.uuid,
            "round": entry.round,
        }
        session.delete(attachment)
        return snapshot


def restore_attachment(db: Database, snapshot: dict[str, Any]) -> Attachment:
    """Undo ``delete_attachment``: the same row (uuid, and place when its id is still free)."""
    fields = dict(snapshot)
    measure_uuid, round_months = fields.pop("measure_uuid"), fields.pop("round")
    with db.session() as session:
        measure = session.scalar(select(Measure).where(Measure.uuid == measure_uuid))
        if measure is None:
            raise NotFoundError("ไม่พบมาตรการของไฟล์นี้ (อาจถูกลบไปแล้ว)")
        entry = _entry(session, measure.id, round_months)
        if session.get(Attachment, fields["id"]) is not None:
            del fields["id"]  # SQLite gave the id to a newer file: this one goes last
        attachment = Attachment(entry=entry, **fields)
        session.add(attachment)
        return attachment


def status_labels(db: Database) -> dict[str, str]:
    """The states the office ticks in ติดตามผล: two when its progress table shows two
    (ดำเนินการแล้ว / ยังไม่ดำเนินการ), else three."""
    two = "status2" in get_paperwork(db).columns.get("progress", ())
    return TWO_STATE_LABELS if two else STATUS_LABELS


def status_label(status: str, labels: dict[str, str]) -> str:
    """How a stored status reads among ``labels`` (อยู่ระหว่าง… is ดำเนินการแล้ว in two states)."""
    return labels.get(status) or labels["done"]


def counts_in(labels: dict[str, str], counts: Counter[str]) -> dict[str, int]:
    """A round's counts by the states of ``labels``: a status not among them counts as done."""
    out = dict.fromkeys(labels, 0)
    for status, count in counts.items():
        out[status if status in labels else "done"] += count
    return out

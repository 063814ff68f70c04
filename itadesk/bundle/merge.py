"""Import: preview what a verified bundle adds, changes and keeps, then merge it.

Merge rule (see ``docs/bundle-format.md``):

* a bundle record matches a local record by uuid; failing that, by a natural key
  (``fiscal_year.year``, ``unit.name``, ``oit_item (scheme_year, code)``,
  ``progress_entry (measure, round)``, ``ita_result.fiscal_year``, ``memo (year, kind, round)``;
  the single ``office`` row) and the local record keeps its uuid;
* a matched record is updated from the bundle when its content differs ("changed"), except a
  progress entry whose local ``updated_at`` is the same or newer ("kept");
* ``sort_order`` (position among siblings: the measures of a year, the units, the people)
  follows the bundle only when this PC has no siblings of its own that the bundle lacks;
  otherwise the local order is kept, since the two orders cannot be combined;
* a bundle record without a match is added; records only in the database are kept: nothing is
  ever deleted by an import;
* an update or an addition that would break a unique key held by another local record is not
  done ("kept", with the reason);
* another office's profile (a different office uuid, when this database has a named office)
  is never taken over; its data are merged only after an explicit confirmation.

The plan is computed from the database inside the same transaction that applies it, so the
preview and the import follow the same code.
"""

import os
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from itadesk.bundle.data import (
    MODELS,
    SINGLETONS,
    TABLES,
    data_columns,
    iter_children,
    natural_keys,
    not_ahead,
    parent_of,
    rows_by_uuid,
    table,
)
from itadesk.bundle.format import (
    CancelFn,
    ProgressFn,
    Reporter,
    megabytes,
    os_error_reason,
)
from itadesk.bundle.verify import Bundle, Entry, InvalidBundle, open_archive, read_entry
from itadesk.db.database import Database, backup
from itadesk.domain.dates import thai_datetime
from itadesk.domain.numerals import digits
from itadesk.domain.scoring import target_label
from itadesk.errors import BundleError, UserError
from itadesk.fileops import replace_file

ADDED, CHANGED, KEPT = "added", "changed", "kept"
LOCAL_NEWER = "ข้อมูลในเครื่องนี้ใหม่กว่า"
LOCAL_ONLY = "มีเฉพาะในเครื่องนี้"
DUPLICATE = "ซ้ำกับรายการอื่นในเครื่องนี้"
OTHER_OFFICE = "ชุดข้อมูลเป็นของหน่วยงานอื่น: คงข้อมูลหน่วยงานในเครื่องนี้"

ORDER_COLUMNS = frozenset({"sort_order"})
Ref = Any  # a local id (int) or ("new", table, uuid) for a row this import adds


@dataclass
class Change:
    action: str  # ADDED, CHANGED or KEPT
    table: str
    uuid: str
    label: str
    year: int | None  # fiscal year the record belongs to; None: office-wide data
    reason: str = ""
    fields: tuple[str, ...] = ()


@dataclass
class _Decision:
    table: str
    uuid: str
    local_id: int | None  # the row to update; None: a row to add
    values: dict[str, Any]
    key_changed: bool = False


@dataclass
class Section:
    year: int | None
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    kept: list[Change] = field(default_factory=list)
    unchanged: int = 0

    @property
    def title(self) -> str:
        return (
            "ข้อมูลหน่วยงาน บุคลากร และรายการทั่วไป"
            if self.year is None
            else (f"ปีงบประมาณ {digits(self.year)}")
        )


@dataclass
class ImportPlan:
    """What an import would do; ``preview_lines()`` says it in Thai."""

    bundle_path: Path
    office_name: str
    created_at: datetime
    app_version: str
    other_office: bool
    local_office_name: str
    changes: list[Change]
    unchanged: dict[int | None, int]
    new_files: list[Entry]
    warnings: list[str]
    decisions: list[_Decision] = field(repr=False)

    @property
    def added(self) -> list[Change]:
        return [c for c in self.changes if c.action == ADDED]

    @property
    def changed(self) -> list[Change]:
        return [c for c in self.changes if c.action == CHANGED]

    @property
    def kept(self) -> list[Change]:
        return [c for c in self.changes if c.action == KEPT]

    @property
    def is_noop(self) -> bool:
        return not self.decisions and not self.new_files

    def sections(self) -> list[Section]:
        by_year: dict[int | None, Section] = {}
        for change in self.changes:
            section = by_year.setdefault(change.year, Section(change.year))
            {ADDED: section.added, CHANGED: section.changed, KEPT: section.kept}[
                change.action
            ].append(change)
        for year, count in self.unchanged.items():
            by_year.setdefault(year, Section(year)).unchanged = count
        # office-wide data first, then the years; one section per year
        return sorted(by_year.values(), key=lambda s: (s.year is not None, s.year))

    def summary(self) -> str:
        return (
            f"เพิ่ม {digits(len(self.added))} รายการ เปลี่ยน {digits(len(self.changed))} รายการ "
            f"คงไว้ {digits(len(self.kept) + sum(self.unchanged.values()))} รายการ"
        )

    def preview_lines(self) -> list[str]:
        lines = [
            f"ชุดข้อมูลของ{self.office_name} สร้างเมื่อ {thai_datetime(self.created_at)} "
            f"(ITADesk {digits(self.app_version)})"
        ]
        if self.other_office:
            lines.append(
                f"คำเตือน: ชุดข้อมูลนี้เป็นของหน่วยงานอื่น ไม่ใช่ของ{self.local_office_name} "
                "ต้องยืนยันก่อนนำเข้า (ข้อมูลหน่วยงานในเครื่องนี้จะคงไว้)"
            )
        lines += [f"คำเตือน: {w}" for w in self.warnings]
        if self.is_noop:
            lines.append("ไม่มีอะไรเปลี่ยนแปลง: ข้อมูลในเครื่องนี้มีครบตามชุดข้อมูลแล้ว")
            # what the bundle brought but this PC keeps (newer here, a name taken here)
            held = [c for c in self.kept if c.reason != LOCAL_ONLY]
            lines += [f"  = คงไว้ {c.label} ({c.reason})" for c in held]
            return lines
        lines.append(self.summary())
        for section in self.sections():
            kept = len(section.kept) + section.unchanged
            lines.append(
                f"{section.title}: เพิ่ม {digits(len(section.added))} เปลี่ยน "
                f"{digits(len(section.changed))} คงไว้ {digits(kept)}"
            )
            lines += [f"  + เพิ่ม {c.label}" for c in section.added]
            lines += [f"  ~ เปลี่ยน {c.label}" for c in section.changed]
            lines += [f"  = คงไว้ {c.label} ({c.reason})" for c in section.kept]
        if self.new_files:
            size = sum(e.size for e in self.new_files)
            lines.append(f"ไฟล์หลักฐานใหม่ {digits(len(self.new_files))} ไฟล์ ({megabytes(size)})")
        return lines


@dataclass
class ImportResult:
    plan: ImportPlan
    backup: Path | None
    files_copied: int


def _short(text: Any, size: int = 60) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


class _Planner:
    """Match bundle rows to local rows, table by table, parents first."""

    def __init__(self, session: Session, bundle: Bundle) -> None:
        self.bundle = bundle
        self.rows = rows_by_uuid(bundle.tables)
        self.local = {
            t.name: {r["id"]: dict(r) for r in session.execute(select(t)).mappings()}
            for t in TABLES
        }
        self.refs: dict[str, dict[str, Ref]] = {}
        self.decisions: list[_Decision] = []
        self.changes: list[Change] = []
        self.unchanged: dict[int | None, int] = defaultdict(int)
        self.other_office = False
        offices = list(self.local["office"].values())
        self.local_office_name = f"{offices[0]['kind']}{offices[0]['name']}" if offices else ""

    # --- descriptions -------------------------------------------------------------------
    def _parent(
        self, name: str, row: dict[str, Any], local: bool
    ) -> tuple[str, dict[str, Any]] | None:
        """The parent table and row of a row; None for a table without a parent."""
        for column, parent in iter_children(table(name)):
            source = self.local[parent] if local else self.rows[parent]
            return parent, source[row[column.name]]
        return None

    def _parent_row(self, name: str, row: dict[str, Any], local: bool) -> dict[str, Any]:
        found = self._parent(name, row, local)
        assert found is not None, name
        return found[1]

    def year_of(self, name: str, row: dict[str, Any], local: bool) -> int | None:
        """The fiscal year a row belongs to; None for office-wide data."""
        found: tuple[str, dict[str, Any]] | None = (name, row)
        while found is not None and found[0] != "fiscal_year":
            found = self._parent(*found, local)
        return found[1]["year"] if found is not None else None

    def label(self, name: str, row: dict[str, Any], local: bool) -> str:
        get = row.get
        if name == "office":
            return f"ข้อมูลหน่วยงาน {get('kind', '')}{get('name', '')}"
        # a column with a default may be missing from an older bundle; the others never are
        if name == "unit":
            return f"ส่วนราชการ {row['name']}"
        if name == "person":
            return f"บุคลากร {row['name']}"
        if name == "oit_item":
            year = digits(row["scheme_year"])
            return f"ข้อ OIT {row['code']} {_short(get('name'), 40)} (เกณฑ์ปี {year})"
        if name == "fiscal_year":
            return f"ปีงบประมาณ {digits(row['year'])}"
        if name == "ita_result":
            return "ผลการประเมิน ITA"
        if name == "finding":
            return f"ประเด็นที่ต้องแก้ไข ({target_label(row['target'])}): {_short(get('issue'))}"
        if name == "measure":
            return f"มาตรการ «{_short(row['title'])}»"
        if name == "progress_entry":
            measure = self._parent_row(name, row, local)
            title = _short(measure["title"])
            return f"ผลการดำเนินงานรอบ {digits(row['round'])} เดือน ของมาตรการ «{title}»"
        if name == "attachment":
            entry = self._parent_row(name, row, local)
            measure = self._parent_row("progress_entry", entry, local)
            return f"ไฟล์แนบ {row['filename']} (มาตรการ «{_short(measure['title'], 40)}»)"
        if name == "memo":
            kind = "ขออนุมัติมาตรการ" if row["kind"] == "measures" else "รายงานผล"
            rnd = f" รอบ {digits(get('round'))} เดือน" if get("round") else ""
            return f"บันทึกข้อความ{kind}{rnd}"
        return f"{name} {row['uuid']}"

    def _note(self, action: str, name: str, row: dict[str, Any], local: bool, **kw: Any) -> None:
        self.changes.append(
            Change(action, name, row["uuid"], self.label(name, row, local),
                   self.year_of(name, row, local), **kw)
        )  # fmt: skip

    # --- matching -----------------------------------------------------------------------
    def run(self) -> "_Planner":
        for tbl in TABLES:
            self._table(tbl.name)
        for tbl in TABLES:
            used = {r for r in self.refs[tbl.name].values() if isinstance(r, int)}
            for local_id, row in self.local[tbl.name].items():
                if local_id not in used:
                    self._note(KEPT, tbl.name, row, True, reason=LOCAL_ONLY)
        return self

    def _table(self, name: str) -> None:
        tbl = table(name)
        local = self.local[name]
        keys = natural_keys(tbl)
        refs: dict[str, Ref] = {}
        self.refs[name] = refs
        occupancy: dict[tuple[str, ...], dict[tuple[Any, ...], Ref]] = {k: {} for k in keys}
        for local_id, row in sorted(local.items()):
            for key in keys:
                occupancy[key].setdefault(tuple(row[c] for c in key), local_id)
        by_uuid = {row["uuid"]: local_id for local_id, row in local.items()}
        rows: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}  # uuid -> (raw, values)
        for raw in self.bundle.tables[name]:
            values = dict(raw)
            for column, parent in iter_children(tbl):
                if values.get(column.name) is not None:
                    values[column.name] = self.refs[parent][values[column.name]]
            rows[raw["uuid"]] = raw, values
        matched: dict[str, int] = {}
        if name in SINGLETONS:
            if local and rows:
                matched[min(rows)] = min(local)  # a bundle has one office row
        else:
            for uuid in rows:
                if uuid in by_uuid:
                    matched[uuid] = by_uuid[uuid]
            claimed = set(matched.values())
            for uuid, (_raw, values) in rows.items():
                if uuid in matched:
                    continue
                for key in keys:
                    if not all(c in values for c in key):
                        continue
                    owner = occupancy[key].get(tuple(values[c] for c in key))
                    if isinstance(owner, int) and owner not in claimed:
                        matched[uuid] = owner
                        claimed.add(owner)
                        break
        fks = [c.name for c, _parent in iter_children(tbl)]
        claimed = set(matched.values())
        self.mixed = {  # sibling groups with local-only members: their order stays local
            tuple(row[c] for c in fks) for i, row in local.items() if i not in claimed
        }
        self.fks = fks
        for uuid in sorted(rows, key=lambda u: (u not in matched, u)):  # updates before additions
            raw, values = rows[uuid]
            if uuid in matched:
                refs[uuid] = self._update(name, raw, values, matched[uuid], keys, occupancy)
            else:
                refs[uuid] = self._add(name, raw, values, keys, occupancy)

    def _update(
        self, name: str, raw: dict[str, Any], values: dict[str, Any], local_id: int,
        keys: list[tuple[str, ...]], occupancy: dict[tuple[str, ...], dict[tuple[Any, ...], Ref]],
    ) -> Ref:  # fmt: skip
        local = self.local[name][local_id]
        diff = {c: v for c, v in values.items() if c != "uuid" and local.get(c) != v}
        if tuple(local[c] for c in self.fks) in self.mixed:
            diff = {c: v for c, v in diff.items() if c not in ORDER_COLUMNS}
        if name in SINGLETONS and local["uuid"] != raw["uuid"]:
            if local.get("name"):  # a named office: another office, never taken over
                self.other_office = True
                self._note(KEPT, name, local, True, reason=OTHER_OFFICE)
                return local_id
            diff["uuid"] = raw["uuid"]  # an unnamed office created on first start: adopt
        if not diff:
            self.unchanged[self.year_of(name, raw, False)] += 1
            return local_id
        newer = values.get("updated_at")
        if name == "progress_entry" and newer is not None and _local_is_newer(local, newer):
            self._note(KEPT, name, raw, False, reason=LOCAL_NEWER)
            return local_id
        merged = {**local, **diff}
        moved = [k for k in keys if tuple(local[c] for c in k) != tuple(merged[c] for c in k)]
        for key in moved:
            if tuple(merged[c] for c in key) in occupancy[key]:
                return self._duplicate(name, raw, local_id)
        for key in moved:
            del occupancy[key][tuple(local[c] for c in key)]
            occupancy[key][tuple(merged[c] for c in key)] = local_id
        self.decisions.append(_Decision(name, raw["uuid"], local_id, diff, bool(moved)))
        self._note(CHANGED, name, raw, False, fields=tuple(sorted(diff)))
        return local_id

    def _add(
        self, name: str, raw: dict[str, Any], values: dict[str, Any],
        keys: list[tuple[str, ...]], occupancy: dict[tuple[str, ...], dict[tuple[Any, ...], Ref]],
    ) -> Ref:  # fmt: skip
        if name in SINGLETONS and self.local[name]:
            raise AssertionError("a singleton row is always matched")
        for key in keys:
            if not all(c in values for c in key):
                continue
            owner = occupancy[key].get(tuple(values[c] for c in key))
            if owner is not None:
                return self._duplicate(name, raw, owner)
        ref = ("new", name, raw["uuid"])
        for key in keys:
            if all(c in values for c in key):
                occupancy[key][tuple(values[c] for c in key)] = ref
        self.decisions.append(_Decision(name, raw["uuid"], None, values))
        self._note(ADDED, name, raw, False)
        return ref

    def _duplicate(self, name: str, raw: dict[str, Any], holder: Ref) -> Ref:
        """The row's key is held by another row here: the bundle's row is not written; its
        children go to the holder."""
        self._note(KEPT, name, raw, False, reason=DUPLICATE)
        return holder


def _local_is_newer(local: dict[str, Any], newer: datetime) -> bool:
    """The local row was saved at the same time or later; a local time more than a day ahead
    of the clock proves nothing (it was saved by a clock set wrong, or imported so)."""
    saved = local["updated_at"]
    return not_ahead(saved) == saved and saved >= newer


def _execute(session: Session, decisions: list[_Decision]) -> None:
    """Apply the decisions of a plan, parents first, flushing so children get their ids."""
    ids: dict[tuple[str, str], int] = {}

    def resolve(value: Any) -> Any:
        if isinstance(value, tuple) and value and value[0] == "new":
            return ids[(value[1], value[2])]
        return value

    for tbl in TABLES:
        model = MODELS[tbl.name]
        mapper = model.__mapper__
        attribute = {c.name: mapper.get_property_by_column(c).key for c in data_columns(tbl)}
        fks = {c.name for c in data_columns(tbl) if parent_of(c)}
        added = []
        for decision in (d for d in decisions if d.table == tbl.name):
            values = {
                attribute[c]: resolve(v) if c in fks else v for c, v in decision.values.items()
            }
            if decision.local_id is not None:
                row = session.get(model, decision.local_id)
                if row is None:
                    raise AssertionError(f"{tbl.name} {decision.local_id} vanished")
                for key, value in values.items():
                    setattr(row, key, value)
                if decision.key_changed:
                    session.flush()
            else:
                row = model(**values)
                session.add(row)
                added.append((decision.uuid, row))
        session.flush()
        for uuid, row in added:
            ids[(tbl.name, uuid)] = row.id


def _plan(session: Session, db: Database, bundle: Bundle) -> ImportPlan:
    from itadesk.services.progress import attachment_path

    planner = _Planner(session, bundle).run()
    new_files = [
        e for sha, e in sorted(bundle.files.items()) if not attachment_path(db, sha).exists()
    ]
    warnings = []  # every attachment's file is in the bundle (verify_bundle checks it)
    latest = max((r["updated_at"] for r in planner.local["progress_entry"].values()), default=None)
    created = bundle.created_at.astimezone().replace(tzinfo=None)
    if latest is not None and latest > created and planner.decisions:
        warnings.append("ชุดข้อมูลนี้สร้างก่อนการแก้ไขล่าสุดในเครื่องนี้: โปรดตรวจรายการที่จะเปลี่ยนก่อนนำเข้า")
    return ImportPlan(
        bundle_path=bundle.path, office_name=bundle.office_name, created_at=bundle.created_at,
        app_version=str(bundle.manifest.get("app_version", "")),
        other_office=planner.other_office, local_office_name=planner.local_office_name,
        changes=planner.changes, unchanged=dict(planner.unchanged), new_files=new_files,
        warnings=warnings, decisions=planner.decisions,
    )  # fmt: skip


def plan_import(db: Database, bundle: Bundle) -> ImportPlan:
    """What importing ``bundle`` would add, change and keep; writes nothing."""
    with db.session() as session:
        return _plan(session, db, bundle)  # the planner only reads


def _needs_confirmation(plan: ImportPlan) -> UserError:
    return UserError(
        f"ชุดข้อมูลนี้เป็นของ{plan.office_name} ไม่ใช่ของ{plan.local_office_name} "
        "(หน่วยงานอื่น): ต้องยืนยันก่อนนำเข้า ข้อมูลยังไม่ถูกแก้ไข"
    )


def _copy_files(
    db: Database, bundle: Bundle, entries: list[Entry], reporter: Reporter
) -> int:  # fmt: skip
    """Copy new evidence files into the data folder, checking each SHA-256 again.

    The bundle is read again, so it may have been damaged or replaced since it was verified:
    that is ``InvalidBundle`` too.
    """
    from itadesk.services.progress import attachment_path

    needed = sum(e.size for e in entries)
    try:
        db.files_dir.mkdir(exist_ok=True)  # made when the database opened; deleted since?
        free = shutil.disk_usage(db.files_dir).free
    except OSError as error:
        raise BundleError(f"นำเข้าไม่สำเร็จ: {os_error_reason(error, 'โฟลเดอร์ข้อมูล')}") from error
    if free < needed + 50 * 1024 * 1024:
        raise BundleError(
            f"พื้นที่ว่างในเครื่องไม่พอสำหรับไฟล์หลักฐาน ({megabytes(needed)}): "
            "โปรดลบไฟล์ที่ไม่ใช้ก่อน ข้อมูลยังไม่ถูกแก้ไข"
        )
    copied = 0
    with open_archive(bundle.path) as archive:
        for entry in entries:
            target = attachment_path(db, entry.sha256)
            if target.exists():
                continue
            reporter.step(f"กำลังคัดลอกไฟล์หลักฐาน {entry.path.rpartition('/')[2]}")
            try:
                info = archive.getinfo(entry.path)
            except KeyError:
                missing = f"ไม่พบ {entry.path} ในชุดข้อมูลระหว่างนำเข้า: ข้อมูลยังไม่ถูกแก้ไข"
                raise InvalidBundle(missing) from None
            with tempfile.NamedTemporaryFile(dir=db.files_dir, delete=False) as tmp:
                try:
                    sha, count, _ = read_entry(archive, info, reporter, sink=tmp)
                    tmp.flush()
                    os.fsync(tmp.fileno())
                except BaseException:
                    tmp.close()
                    Path(tmp.name).unlink(missing_ok=True)
                    raise
            if sha != entry.sha256 or count != entry.size:
                Path(tmp.name).unlink(missing_ok=True)
                raise InvalidBundle(f"ไฟล์ {entry.path} ในชุดข้อมูลเปลี่ยนไประหว่างนำเข้า: ข้อมูลยังไม่ถูกแก้ไข")
            target.parent.mkdir(exist_ok=True)
            replace_file(Path(tmp.name), target, keep_existing=True)
            copied += 1
    return copied


def import_bundle(
    db: Database,
    bundle: Bundle,
    confirm_other_office: bool = False,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> ImportResult:
    """Merge a verified bundle: evidence files first, then a backup, then ONE transaction.

    On any error the database is exactly as before (evidence files already copied are
    content-addressed and harmless). A second import of the same bundle changes nothing.
    """
    reporter = Reporter(progress, cancel, "ยกเลิกการนำเข้าแล้ว: ข้อมูลยังไม่ถูกแก้ไข")
    plan = plan_import(db, bundle)
    if plan.other_office and not confirm_other_office:
        raise _needs_confirmation(plan)
    if plan.is_noop:
        return ImportResult(plan, None, 0)
    reporter.total = sum(e.size for e in plan.new_files) + 1
    try:
        copied = _copy_files(db, bundle, plan.new_files, reporter)
    except BundleError:  # a damaged bundle is InvalidBundle (open_archive, read_entry)
        raise
    except OSError as error:
        reason = os_error_reason(error, "ไฟล์ชุดข้อมูลหรือโฟลเดอร์ข้อมูล")
        raise BundleError(f"นำเข้าไม่สำเร็จ: {reason} ข้อมูลยังไม่ถูกแก้ไข") from error
    if not plan.decisions:
        return ImportResult(plan, None, copied)
    reporter.step("กำลังสำรองฐานข้อมูล")
    saved = backup(db.path, "before-import")
    reporter.last_step("กำลังบันทึกข้อมูล")
    with db.session(immediate=True) as session:  # planned under the write lock: another
        final = _plan(session, db, bundle)  # process importing the same bundle waits
        if final.other_office and not confirm_other_office:
            raise _needs_confirmation(final)
        _execute(session, final.decisions)
    reporter.step("นำเข้าเสร็จแล้ว")
    final.new_files = plan.new_files
    return ImportResult(final, saved, copied)

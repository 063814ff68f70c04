"""``data.json``: every synced table, derived from the SQLAlchemy columns, in one place.

A row is a JSON object of its columns without ``id``; a foreign key ``x_id`` becomes
``x_uuid``, the parent's uuid. Dates and times are ISO text, bytes are base64, except the
columns of ``ENTRY_COLUMNS`` (signature images): their content is an entry of its own and
``<column>_sha256`` its SHA-256. Tables are
listed parents first, rows sorted by uuid and keys sorted, so the same data always gives the
same bytes.
"""

import base64
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Table,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Session

from itadesk.bundle.format import (
    FILES_DIR,
    FORMAT_VERSION,
    SIGNATURES_DIR,
    SIGNATURES_SINCE,
    safe_component,
)
from itadesk.db.models import SHA256_HEX, STATUSES, Base
from itadesk.documents.columns import MEASURE_KEYS
from itadesk.domain.dates import check_round
from itadesk.domain.limits import text_problem
from itadesk.domain.numerals import digits, parse_decimal
from itadesk.domain.scoring import check_score
from itadesk.errors import BundleError, ValidationError
from itadesk.services.kinds import KINDS
from itadesk.services.measures import MeasureInput
from itadesk.services.memos import MEMO_KINDS
from itadesk.services.office import (
    MAX_COMMENT_LINES,
    check_columns,
    check_emblem,
    check_image,
    check_office_paperwork,
)
from itadesk.services.print_log import OUTPUTS
from itadesk.services.years import TOOL_PARTS, check_low_items, check_target, check_year

TABLES: list[Table] = list(Base.metadata.sorted_tables)  # parents before children
TABLE_NAMES = tuple(t.name for t in TABLES)
MODELS: dict[str, type[Base]] = {m.local_table.name: m.class_ for m in Base.registry.mappers}
SINGLETONS = frozenset({"office"})  # one row per database, whatever its uuid
# natural keys that the schema does not enforce but the services rely on
EXTRA_KEYS: dict[str, list[tuple[str, ...]]] = {"memo": [("fiscal_year_id", "kind", "round")]}
UUID_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]{0,35}")


@dataclass(frozen=True)
class EntryColumn:
    """A binary column whose content travels as a bundle entry ``<folder><sha12>/<name>``,
    hashed in the manifest like evidence; ``data.json`` holds its SHA-256 under
    ``<column>_sha256`` (formats before ``since``: the bytes in base64 under its name)."""

    folder: str
    since: int
    what: str  # Thai: what the content is
    owner: str  # Thai: the rows that refer to it


ENTRY_COLUMNS = {
    ("person", "signature"): EntryColumn(SIGNATURES_DIR, SIGNATURES_SINCE, "ลายมือชื่อ", "บุคลากร"),
}
KEPT_DIRS = tuple(sorted({c.folder for c in ENTRY_COLUMNS.values()}))
"""Folders whose entries the import keeps in memory (they go into the database)."""


class DataError(BundleError):
    """``data.json`` does not fit the schema."""


class NewerData(DataError):
    """``data.json`` of a newer format version than this app reads."""

    def __init__(self, version: int) -> None:
        super().__init__(f"data.json รุ่น {version}")
        self.version = version


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def data_columns(tbl: Table) -> list[Column[Any]]:
    return [c for c in tbl.columns if not c.primary_key]


def parent_of(column: Column[Any]) -> str | None:
    """The table a foreign-key column points to."""
    for fk in column.foreign_keys:
        return fk.column.table.name
    return None


def entry_column(column: Column[Any]) -> EntryColumn | None:
    return ENTRY_COLUMNS.get((column.table.name, column.name))


def json_key(column: Column[Any], version: int = FORMAT_VERSION) -> str:
    """The key of a column in ``data.json`` of format ``version``."""
    if parent_of(column):
        return f"{column.name.removesuffix('_id')}_uuid"
    carried = entry_column(column)
    return f"{column.name}_sha256" if carried and version >= carried.since else column.name


def natural_keys(tbl: Table) -> list[tuple[str, ...]]:
    """Unique column sets other than the uuid (and the primary key)."""
    keys = [
        tuple(c.name for c in u.columns)
        for u in tbl.constraints
        if isinstance(u, UniqueConstraint) and [c.name for c in u.columns] != ["uuid"]
    ]
    return sorted(keys) + EXTRA_KEYS.get(tbl.name, [])


def encode(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Decimal):
        return str(value)  # exact: a JSON number would pass through a float
    return value


Contents = dict[str, bytes]
"""The content of entry columns' entries by SHA-256."""


def dump_tables(session: Session) -> tuple[dict[str, list[dict[str, Any]]], Contents]:
    """Every row of every synced table, as JSON-ready dicts, deterministically ordered; and
    the contents that entry columns refer to by SHA-256."""
    contents: Contents = {}
    uuids: dict[str, dict[int, str]] = {}
    tables: dict[str, list[dict[str, Any]]] = {}
    for tbl in TABLES:
        columns = data_columns(tbl)
        rows = []
        ids: dict[int, str] = {}
        for row in session.execute(select(tbl)).mappings():
            ids[row["id"]] = row["uuid"]
            item = {}
            for column in columns:
                parent = parent_of(column)
                value = row[column.name]
                if entry_column(column) and value is not None:
                    sha = hashlib.sha256(value).hexdigest()
                    contents[sha], value = value, sha
                item[json_key(column)] = (
                    uuids[parent][value] if parent and value is not None else encode(column, value)
                )
            rows.append(item)
        uuids[tbl.name] = ids
        tables[tbl.name] = sorted(rows, key=lambda r: r["uuid"])
    return tables, contents


def dump_json(tables: dict[str, list[dict[str, Any]]]) -> bytes:
    document = {"format_version": FORMAT_VERSION, "tables": tables}
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


COLUMN_TYPES = (Boolean, Integer, DateTime, Date, LargeBinary, Numeric, JSON, String)
"""The column types data.json carries (docs/bundle-format.md); a model must use only these."""


def _decode(column: Column[Any], value: Any, where: str) -> Any:
    if value is None:
        if not column.nullable:
            raise DataError(f"{where}: ต้องมีค่า")
        return None
    kind = column.type
    if not isinstance(kind, COLUMN_TYPES):
        raise AssertionError(f"unsupported column type {kind!r}")  # a bug, not bad data
    ok = True
    try:
        if isinstance(kind, Boolean):
            ok = isinstance(value, bool)
        elif isinstance(kind, Integer):
            ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**62
        elif isinstance(kind, DateTime):  # stored as naive local time: convert an offset
            moment = datetime.fromisoformat(value) if isinstance(value, str) else _bad(where)
            return not_ahead(moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment)
        elif isinstance(kind, Date):
            return date.fromisoformat(value) if isinstance(value, str) else _bad(where)
        elif isinstance(kind, LargeBinary):
            return base64.b64decode(value, validate=True) if isinstance(value, str) else _bad(where)
        elif isinstance(kind, Numeric):  # written as text ("12345.50"), never a float
            number = Decimal(value) if isinstance(value, str) else _bad(where)
            digits = len(number.as_tuple().digits)
            if not number.is_finite() or digits > (kind.precision or 40):
                _bad(where)
            return number
        elif isinstance(kind, JSON):
            ok = isinstance(value, list | dict)
        elif isinstance(kind, String):
            ok = isinstance(value, str) and (kind.length is None or len(value) <= kind.length)
    except Exception:  # untrusted text: ValueError, OverflowError (year 1 at +14:00)…
        _bad(where)
    if not ok:
        _bad(where)
    return value


CLOCK_SLACK = timedelta(days=1)  # clocks of two PCs may differ by this much


def not_ahead(moment: datetime) -> datetime:
    """A time at most a day ahead of this PC's clock, or now.

    A later time (``9999-12-31``, a PC whose clock runs far ahead) would make its row look
    newer than every real edit made afterwards, and keep them out forever.
    """
    now = datetime.now()
    return now if moment > now + CLOCK_SLACK else moment


def _bad(where: str) -> Any:
    raise DataError(f"ข้อมูลในชุดข้อมูลไม่ถูกต้อง ({where})")


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _text_map(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _chain(value: Any) -> bool:
    """A reviewer chain: ``[{"label": str, "person": uuid, "lines": 0-10, "comment": str}]``."""
    return isinstance(value, list) and all(
        isinstance(step, dict)
        and isinstance(step.get("label"), str)
        and isinstance(step.get("person"), str)
        and type(step.get("lines", 2)) is int
        and 0 <= step.get("lines", 2) <= MAX_COMMENT_LINES
        and isinstance(step.get("comment", ""), str)
        for step in value
    )


def _score(text: str) -> bool:
    return check_score(parse_decimal(text)) is not None


MEMO_TABLES = ("", "measures", "progress")
# what a value must be beyond its column type; a check returns falsy or raises to refuse it
CHECKS: dict[tuple[str, str], Callable[[Any], object]] = {
    ("attachment", "filename"): lambda v: v == safe_component(v) != "",
    ("attachment", "sha256"): SHA256_HEX.fullmatch,
    ("attachment", "size"): lambda v: v >= 0,
    ("fiscal_year", "year"): check_year,
    ("ita_result", "scores"): lambda v: _texts(v) and len(v) in (0, 10) and all(map(_score, v)),
    ("ita_result", "tool_scores"): lambda v: (
        _text_map(v) and set(v) <= set(TOOL_PARTS) and all(map(_score, v.values()))
    ),
    ("ita_result", "official_overall"): _score,
    ("ita_result", "low_items"): lambda v: check_low_items(v) is not None,
    ("finding", "target"): check_target,
    ("measure", "steps"): _texts,
    ("measure", "units"): _texts,
    ("measure", "rounds"): lambda v: (
        isinstance(v, list) and all(type(r) is int and check_round(r) for r in v)
    ),
    ("measure", "links"): lambda v: _texts(v) and all(check_target(c) for c in v),
    ("memo", "kind"): lambda v: v in MEMO_KINDS,
    ("memo", "round"): check_round,
    ("memo", "parts"): lambda v: (
        isinstance(v, list)
        and all(
            _text_map(p) and {"title", "text"} <= set(p) and p.get("table", "") in MEMO_TABLES
            for p in v
        )
    ),
    ("memo", "reviewer_chain"): _chain,
    ("office", "reviewer_chain"): _chain,
    ("office", "measure_columns"): lambda v: _texts(v) and check_columns(v),
    ("office", "column_titles"): lambda v: _text_map(v) and set(v) <= set(MEASURE_KEYS),
    ("office", "emblem"): check_emblem,
    ("person", "signature"): lambda v: check_image(v, "ลายมือชื่อ"),
    ("office", "paperwork"): lambda v: check_office_paperwork(v) is not None,
    ("print_record", "kind"): lambda v: v in KINDS,
    ("print_record", "round"): check_round,
    ("print_record", "output"): lambda v: v in OUTPUTS,
    ("progress_entry", "status"): lambda v: v in STATUSES,
    ("progress_entry", "round"): check_round,
}
# rules across the fields of a row, as the services apply them
ROW_CHECKS: dict[str, Callable[[dict[str, Any]], object]] = {
    "measure": lambda row: MeasureInput(
        **{f.name: row[f.name] for f in fields(MeasureInput) if f.name in row}
    ).validated(),
}


def _check(check: Callable[[Any], object], value: Any, where: str) -> None:
    """Refuse with ``where`` (and the rule's own Thai reason) unless ``check(value)`` holds.

    Any exception of a rule is a refusal: the rules are written for the services' own data,
    and untrusted values (``low_items`` of ``[1, 2]``) break them in many ways.
    """
    try:
        ok = check(value)
    except ValidationError as error:
        _bad(f"{where}: {error}")
    except Exception:
        ok = False
    if not ok:
        _bad(where)


def _required(column: Column[Any]) -> bool:
    return not column.nullable and column.default is None and column.server_default is None


NEWER_APP = "ชุดข้อมูลนี้มีข้อมูลที่โปรแกรมรุ่นนี้ไม่รู้จัก: โปรดติดตั้ง ITADesk รุ่นล่าสุดก่อนนำเข้า"


def load_tables(
    raw: bytes, stored: Mapping[str, Mapping[str, int]]
) -> dict[str, list[dict[str, Any]]]:
    """Parse and check ``data.json``: decoded rows by table; foreign keys stay parent uuids.

    Unknown tables or columns are refused (a newer app wrote them: nothing may be dropped);
    missing columns are allowed and keep their defaults, unless they have none. Values must
    follow the services' rules (``CHECKS``, ``ROW_CHECKS``); every attachment's content
    must be among the bundle's ``files/`` entries, of its size, and every entry column's
    among its folder's (``stored``: folder → SHA-256 → size): such a column holds the
    SHA-256 until ``fill_entries``.
    A ``format_version`` newer than this app's is ``NewerData``.
    """
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise DataError("ไฟล์ data.json ในชุดข้อมูลเสียหาย (อ่านเป็น JSON ไม่ได้)") from error
    if not isinstance(document, dict) or not isinstance(document.get("tables"), dict):
        raise DataError("ไฟล์ data.json ในชุดข้อมูลไม่อยู่ในรูปแบบที่ถูกต้อง")
    version = document.get("format_version")
    if type(version) is not int or version < 1:
        raise DataError("ไฟล์ data.json ในชุดข้อมูลไม่ระบุรุ่นของรูปแบบ")
    if version > FORMAT_VERSION:
        raise NewerData(version)
    given = document["tables"]
    if set(given) - set(TABLE_NAMES):
        raise DataError(NEWER_APP)
    result: dict[str, list[dict[str, Any]]] = {}
    for tbl in TABLES:
        rows = given.get(tbl.name, [])
        if not isinstance(rows, list):
            _bad(tbl.name)
        columns = {json_key(c, version): c for c in data_columns(tbl)}
        decoded = []
        seen: set[str] = set()
        for index, row in enumerate(rows):
            where = f"{tbl.name} แถวที่ {digits(index + 1)}"
            if not isinstance(row, dict):
                _bad(where)
            if set(row) - set(columns):
                raise DataError(NEWER_APP)
            item: dict[str, Any] = {}
            for key, value in row.items():
                column = columns[key]
                if parent_of(column):
                    if not (value is None and column.nullable) and not (
                        isinstance(value, str) and UUID_RE.fullmatch(value)
                    ):
                        _bad(f"{where} {key}")
                    item[column.name] = value
                elif key != column.name:  # the SHA-256 of an entry column's entry
                    item[column.name] = _entry_sha(column, value, stored, f"{where} {key}")
                else:
                    item[column.name] = value = _decode(column, value, f"{where} {key}")
                    problem = text_problem(column.name, value)
                    if problem:
                        _bad(f"{where} {key}: {problem}")
                    check = CHECKS.get((tbl.name, key))
                    if check is not None and value is not None:
                        _check(check, value, f"{where} {key}")
            for key, column in columns.items():
                if key not in row and _required(column):
                    _bad(f"{where} {key}: ไม่มีข้อมูล")
            if tbl.name in ROW_CHECKS:
                _check(ROW_CHECKS[tbl.name], item, where)
            uuid = item.get("uuid")
            if not isinstance(uuid, str) or not UUID_RE.fullmatch(uuid) or uuid in seen:
                _bad(f"{where} uuid")
            seen.add(uuid)
            decoded.append(item)
        result[tbl.name] = decoded
    _check_references(result)
    files = stored.get(FILES_DIR, {})
    for index, row in enumerate(result["attachment"]):
        if row["sha256"] not in files:
            _bad(f"attachment แถวที่ {digits(index + 1)} sha256: ไฟล์ไม่มีในชุดข้อมูล")
        if files[row["sha256"]] != row["size"]:
            _bad(f"attachment แถวที่ {digits(index + 1)} size: ไม่ตรงกับขนาดของไฟล์ในชุดข้อมูล")
    return result


def _entry_sha(
    column: Column[Any], value: Any, stored: Mapping[str, Mapping[str, int]], where: str
) -> str | None:
    carried = entry_column(column)
    assert carried is not None
    if value is None and column.nullable:
        return None
    if not (isinstance(value, str) and SHA256_HEX.fullmatch(value)):
        _bad(where)
    if value not in stored.get(carried.folder, {}):
        _bad(f"{where}: ไม่มีไฟล์{carried.what} {carried.folder}{value[:12]}/… ในชุดข้อมูล")
    return str(value)


def entry_references(tables: dict[str, list[dict[str, Any]]]) -> dict[str, set[str]]:
    """The SHA-256s that rows of ``load_tables`` refer to, by entry folder (``files/``…)."""
    refs = {FILES_DIR: {row["sha256"] for row in tables["attachment"]}}
    for (name, column), carried in ENTRY_COLUMNS.items():
        found = {row[column] for row in tables[name] if isinstance(row.get(column), str)}
        refs.setdefault(carried.folder, set()).update(found)
    return refs


def check_entry(folder: str, content: bytes, where: str) -> None:
    """Refuse an entry's content that its column would refuse (``CHECKS``): an image."""
    for (name, column), carried in ENTRY_COLUMNS.items():
        if carried.folder == folder:
            _check(CHECKS[(name, column)], content, where)


def fill_entries(tables: dict[str, list[dict[str, Any]]], contents: Contents) -> None:
    """Put each entry column's content (checked with ``check_entry``) in place of its SHA-256."""
    for name, column in ENTRY_COLUMNS:
        for row in tables[name]:
            if isinstance(row.get(column), str):
                row[column] = contents[row[column]]


def _check_references(tables: dict[str, list[dict[str, Any]]]) -> None:
    """Every parent exists in the bundle; natural keys are unique; one office at most."""
    uuids = {name: {r["uuid"] for r in rows} for name, rows in tables.items()}
    for tbl in TABLES:
        rows = tables[tbl.name]
        if tbl.name in SINGLETONS and len(rows) > 1:
            _bad(f"{tbl.name}: มีมากกว่าหนึ่งรายการ")
        for column in data_columns(tbl):
            parent = parent_of(column)
            if parent is None:
                continue
            for row in rows:
                value = row.get(column.name)
                if value is None and not column.nullable:
                    _bad(f"{tbl.name} {row['uuid']}: ไม่ระบุ {json_key(column)}")
                if value is not None and value not in uuids[parent]:
                    _bad(f"{tbl.name} {row['uuid']}: อ้างถึง {parent} ที่ไม่มีในชุดข้อมูล")
        for key in natural_keys(tbl):
            values = [tuple(r.get(c) for c in key) for r in rows if all(c in r for c in key)]
            if len(set(values)) != len(values):
                _bad(f"{tbl.name}: {', '.join(key)} ซ้ำกัน")


def rows_by_uuid(tables: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, dict[str, Any]]]:
    return {name: {r["uuid"]: r for r in rows} for name, rows in tables.items()}


def iter_children(tbl: Table) -> Iterable[tuple[Column[Any], str]]:
    for column in data_columns(tbl):
        parent = parent_of(column)
        if parent:
            yield column, parent

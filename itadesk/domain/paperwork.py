"""How an office shapes its papers: title lines, paragraphs around tables and under group
headings, the order of the groups, the analysis report's sections, numbering, step markers,
the memo date and the reviewer chain's arrangement.

Stored as one JSON object on the office (``Office.paperwork``), carried by the bundle and
checked by ``check_paperwork`` both when the clerk saves and when a bundle brings it in.
A key the office never set takes its default (``DEFAULTS``).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from itadesk.domain.fields import check_fields
from itadesk.domain.numerals import digits
from itadesk.domain.scoring import TOOLS
from itadesk.errors import ValidationError

NUMBERING = ("group", "run_on")  # measure numbers restart in each group, or run on
STEP_MARKERS = ("-", "๑.", "")  # before each step: a dash, its number, or nothing
REVIEWERS = ("stacked", "side_by_side")  # the reviewer chain: one under another, or in pairs
TABLE_KINDS = ("measures", "progress")  # tables that carry paragraphs before and after
TITLED_KINDS = (*TABLE_KINDS, "analysis")
COLUMN_KINDS = ("progress",)  # tables whose columns are chosen here
MAX_TEXT = 5000  # characters of one line or paragraph
MAX_ITEMS = 50  # lines, paragraphs or sections in one list


class Block(StrEnum):
    """The data a section of the analysis report prints after its paragraphs."""

    NONE = ""
    SCORES = "scores"  # the overall score and the indicator table
    CHART = "chart"  # the bar chart of the indicators and its legend
    FINDINGS = "findings"  # the findings as paragraphs
    FINDINGS_TABLE = "findings_table"  # a table per tool: indicator and score | issue
    PLAN = "plan"  # the plan table
    ANSWERS = "answers"  # the measures answering each weak indicator
    HISTORY = "history"  # the results of past years, side by side
    LIMITS = "limits"  # ปัญหา / อุปสรรค
    SUGGESTIONS = "suggestions"  # ข้อเสนอแนะ


SECTION_BLOCKS = tuple(b.value for b in Block)


@dataclass(frozen=True)
class Section:
    """One section of the analysis report: a title, paragraphs and at most one data block."""

    title: str = ""
    text: str = ""  # paragraphs, one per line
    block: Block = Block.NONE


@dataclass(frozen=True)
class Paperwork:
    numbering: str = "group"
    step_marker: str = "-"
    memo_date_be: bool = False  # "๓ เมษายน พ.ศ. ๒๕๖๖" rather than "๓ เมษายน ๒๕๖๖"
    reviewers: str = "stacked"
    titles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> lines
    before: Mapping[str, str] = field(default_factory=dict)  # kind -> paragraphs
    after: Mapping[str, str] = field(default_factory=dict)
    group_notes: Mapping[str, str] = field(default_factory=dict)  # group -> paragraph
    group_order: tuple[str, ...] = TOOLS  # IIT, EIT, OIT as the office orders them
    sections: tuple[Section, ...] = ()  # () : the default sections
    # the progress table as the office prints it: column keys and renamed headers (the
    # measures table keeps its choice in Office.measure_columns and column_titles)
    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    headers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The stored form: only what differs from the defaults."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value == getattr(DEFAULTS, f.name):
                continue
            if f.name == "sections":
                value = [{"title": s.title, "text": s.text, "block": str(s.block)} for s in value]
            elif f.name in ("titles", "columns"):
                value = {k: list(v) for k, v in value.items()}
            elif f.name == "group_order":
                value = list(value)
            elif f.name == "headers":
                value = {k: dict(v) for k, v in value.items()}
            out[f.name] = dict(value) if isinstance(value, Mapping) else value
        return out


DEFAULTS = Paperwork()
MEASURES_TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
PROGRESS_TITLE = "ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
DEFAULT_TITLES: dict[str, tuple[str, ...]] = {
    "measures": (f"{MEASURES_TITLE} ประจำปีงบประมาณ พ.ศ. {{ปีงบประมาณ}}", "{หน่วยงาน}"),
    "progress": (
        f"{PROGRESS_TITLE} ประจำปีงบประมาณ พ.ศ. {{ปีงบประมาณ}}",
        "{หน่วยงาน}",
        "รอบ {รอบ} ({ช่วงรอบ})",
    ),
    "analysis": (
        "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน",
        "ของหน่วยงานภาครัฐ ในปีงบประมาณ พ.ศ. {ปีงบประมาณ}",
        "{หน่วยงาน} อำเภอ{อำเภอ} จังหวัด{จังหวัด}",
    ),
}
"""Title lines of each document until the office writes its own (fields fill themselves)."""


def group_rank(group: str, order: Sequence[str] = TOOLS) -> int:
    """Where a group prints, on screens and on paper: IIT, EIT, OIT in the office's order
    (``Paperwork.group_order``), whatever order they were entered in; other groups (a free
    heading, none) follow in their own order."""
    return order.index(group) if group in order else len(order)


def suggested_group_note(group: str) -> str:
    """A paragraph to offer under a group's heading, computed from the scores when printed."""
    return (
        f"จากผลการประเมิน ตัวชี้วัดที่ได้คะแนนต่ำสุดของ {group} คือ {{ตัวชี้วัดต่ำสุด}} "
        "ได้คะแนน {คะแนนต่ำสุด} คะแนน จึงกำหนดมาตรการ ดังนี้"
    )


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{what} ต้องเป็นข้อความ")
    if len(value) > MAX_TEXT:
        raise ValidationError(f"{what} ยาวเกิน {digits(f'{MAX_TEXT:,}')} ตัวอักษร")
    return check_fields(value.strip())


def _choice(value: object, choices: tuple, what: str) -> Any:
    if value not in choices:
        raise ValidationError(f"{what} ต้องเป็น {' หรือ '.join(repr(c) for c in choices)}")
    return value


def _text_map(value: object, keys: tuple[str, ...] | None, what: str) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ValidationError(f"{what} ต้องเป็นรายการตามชนิดเอกสาร")
    out = {}
    for key, text in value.items():
        if keys is not None and key not in keys:
            raise ValidationError(f"{what}: ไม่รู้จัก {key} (ใช้ได้ {', '.join(keys)})")
        if not isinstance(key, str) or len(key) > 100:
            raise ValidationError(f"{what}: ชื่อกลุ่มไม่ถูกต้อง")
        cleaned = _text(text, what)
        if cleaned:
            out[key] = cleaned
    return out


def _list(value: object, what: str) -> list:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise ValidationError(f"{what} ต้องเป็นรายการไม่เกิน {MAX_ITEMS} รายการ")
    return value


def parse_paperwork(value: object) -> Paperwork:
    """The stored (or imported) JSON as ``Paperwork``; anything out of shape is refused in
    Thai, naming what is wrong."""
    if value is None:
        return DEFAULTS
    if not isinstance(value, Mapping):
        raise ValidationError("การตั้งค่าเอกสารต้องเป็นรายการค่า")
    known = {f.name for f in fields(Paperwork)}
    unknown = set(value) - known
    if unknown:
        raise ValidationError(f"ไม่รู้จักการตั้งค่าเอกสาร {', '.join(sorted(map(str, unknown)))}")
    kw: dict[str, Any] = {}
    if "numbering" in value:
        kw["numbering"] = _choice(value["numbering"], NUMBERING, "การนับเลขมาตรการ")
    if "step_marker" in value:
        kw["step_marker"] = _choice(value["step_marker"], STEP_MARKERS, "เครื่องหมายหน้าขั้นตอน")
    if "memo_date_be" in value:
        kw["memo_date_be"] = _choice(value["memo_date_be"], (True, False), "วันที่บันทึก")
    if "reviewers" in value:
        kw["reviewers"] = _choice(value["reviewers"], REVIEWERS, "การเรียงผู้พิจารณา")
    if "titles" in value:
        titles = value["titles"]
        if not isinstance(titles, Mapping) or set(titles) - set(TITLED_KINDS):
            raise ValidationError(f"หัวเรื่องตารางใช้ได้กับ {', '.join(TITLED_KINDS)}")
        kw["titles"] = {
            kind: tuple(_text(line, "หัวเรื่อง") for line in _list(lines, "หัวเรื่อง"))
            for kind, lines in titles.items()
        }
    for name in ("before", "after"):
        if name in value:
            kw[name] = _text_map(value[name], TABLE_KINDS, "ย่อหน้าก่อนหรือหลังตาราง")
    if "group_notes" in value:
        kw["group_notes"] = _text_map(value["group_notes"], None, "ย่อหน้าใต้หัวกลุ่ม")
    if "group_order" in value:
        order = value["group_order"]
        if not isinstance(order, list) or sorted(order) != sorted(TOOLS):
            raise ValidationError(f"ลำดับกลุ่มต้องมี {', '.join(TOOLS)} กลุ่มละหนึ่งครั้ง")
        kw["group_order"] = tuple(order)
    if "sections" in value:
        sections = []
        for item in _list(value["sections"], "ส่วนของรายงาน"):
            if not isinstance(item, Mapping) or set(item) - {"title", "text", "block"}:
                raise ValidationError("ส่วนของรายงานมีได้เฉพาะ หัวข้อ ย่อหน้า และข้อมูลหนึ่งชุด")
            sections.append(
                Section(
                    _text(item.get("title", ""), "หัวข้อส่วน"),
                    _text(item.get("text", ""), "ย่อหน้าของส่วน"),
                    Block(_choice(item.get("block", ""), SECTION_BLOCKS, "ข้อมูลของส่วน")),
                )
            )
        kw["sections"] = tuple(sections)
    if "columns" in value:
        kw["columns"] = {
            kind: tuple(_text(key, "คอลัมน์") for key in _list(keys, "คอลัมน์"))
            for kind, keys in _kinds(value["columns"], COLUMN_KINDS, "คอลัมน์").items()
        }
    if "headers" in value:
        kw["headers"] = {
            kind: _text_map(titles, None, "หัวตาราง")
            for kind, titles in _kinds(value["headers"], COLUMN_KINDS, "หัวตาราง").items()
        }
    return Paperwork(**kw)


def _kinds(value: object, kinds: tuple[str, ...], what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping) or set(value) - set(kinds):
        raise ValidationError(f"{what}ใช้ได้กับ {', '.join(kinds)}")
    return value


def check_paperwork(value: object) -> dict[str, Any]:
    """The stored form of ``value`` (what differs from the defaults); refused in Thai if out
    of shape."""
    return parse_paperwork(value).to_json()

"""How much text a field may hold.

Bounds on every text field keep printing, export and import quick whatever was typed or
imported: the same rule applies to what the clerk types (the models check every row they
write) and to a bundle from elsewhere (``bundle.data`` checks every value before import).
"""

from typing import Any

from itadesk.domain.numerals import digits

MAX_LINE_CHARS = 1_000  # a one-line field: a name, a title, a heading
MAX_TEXT_CHARS = 20_000  # a paragraph field: what was done, a memo part, a finding
MAX_ITEMS = 200  # entries of a list field: steps, units, memo parts, reviewers
MAX_FIELD_CHARS = 100_000  # all the text of one list field together
# one-line fields, by column name; every other text column is a paragraph field
LINE_FIELDS = frozenset(
    {
        "kind", "name", "district", "province", "department", "phone", "doc_prefix",
        "emblem_name", "position", "acting_for", "official_level", "heading", "code", "group",
        "title", "period_note", "number", "subject", "to", "filename", "label",
    }
)  # fmt: skip


def _count(number: int) -> str:
    return digits(f"{number:,}")


def text_problem(field: str, value: Any) -> str | None:
    """Why ``value`` is too much text for the column ``field`` (Thai), or None."""
    if isinstance(value, str):
        limit = MAX_LINE_CHARS if field in LINE_FIELDS else MAX_TEXT_CHARS
        if len(value) > limit:
            return f"ข้อความยาว {_count(len(value))} ตัวอักษร เกินที่รับได้ ({_count(limit)})"
        return None
    if not isinstance(value, list | dict):
        return None
    items = list(value.values()) if isinstance(value, dict) else value
    if len(items) > MAX_ITEMS:
        return f"มี {_count(len(items))} รายการ เกินที่รับได้ ({_count(MAX_ITEMS)})"
    total = 0
    for item in items:
        texts = [item] if isinstance(item, str) else []
        if isinstance(item, dict):
            texts = [v for v in item.values() if isinstance(v, str)]
        for text in texts:
            if len(text) > MAX_TEXT_CHARS:
                return text_problem("", text)
            total += len(text)
    if total > MAX_FIELD_CHARS:
        return f"ข้อความรวม {_count(total)} ตัวอักษร เกินที่รับได้ ({_count(MAX_FIELD_CHARS)})"
    return None

"""OIT items (o1…) of an assessment scheme, shipped as data; the clerk can edit them."""

import csv
from dataclasses import dataclass
from importlib.resources import files

# item lists shipped with the app, by the first fiscal year they apply to
SHIPPED_ITEM_LISTS = {2564: "oit-items-2564.tsv"}


@dataclass(frozen=True)
class OitItem:
    code: str
    group: str
    name: str


def shipped_items(first_year: int) -> list[OitItem]:
    """The OIT item list shipped for the scheme that starts in ``first_year``."""
    text = files("itadesk.domain").joinpath("data", SHIPPED_ITEM_LISTS[first_year]).read_text(
        encoding="utf-8"
    )
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return [OitItem(row["code"], row["group"], row["name"]) for row in rows]

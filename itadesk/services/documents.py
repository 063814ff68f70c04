"""Build the printed documents from the database (the PDF engine is ``itadesk.documents``)."""

from dataclasses import dataclass

from itadesk.db.database import Database
from itadesk.errors import UserError
from itadesk.services.memos import MemoDraft

KINDS = ("memo-measures", "memo-progress", "measures", "progress", "analysis")
LAYOUTS = ("three", "two", "results")


@dataclass
class PrintOptions:
    layout: str = "three"  # progress table: three status columns, two, or outputs/outcomes
    landscape: bool = False
    arabic_digits: bool | None = None  # None: the office's setting
    memo: MemoDraft | None = None  # the memo as edited on screen; None: the saved or default


def build_document(
    db: Database, kind: str, year: int, round_months: int | None, options: PrintOptions
) -> bytes:
    """PDF bytes of one document; missing data raises a UserError saying what to enter."""
    raise UserError("การพิมพ์เอกสารยังไม่พร้อมใช้งาน")

"""The documents ITADesk prints: one declaration per kind.

Everything the app, the command line and the bundle export need to know about a kind is in
its entry: the Thai name, the suggested file name, whether it is printed per reporting
round, which table options apply, whether it is a memo, the builder that reads its data from
the database, its renderer module by file format, what it warns the clerk about and what the
app says when its year has no scores. A new kind is one entry here plus its builder
(``services.documents``) and its renderer modules (``itadesk.documents`` and
``itadesk.documents.word``).

Builders and warnings are functions of ``services.documents``, renderers the ``render`` of
their module; all are named and imported when first used, so that listing the kinds (the
command line's choices, the app's start) loads neither the database nor the PDF engine.
"""

import importlib
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from itadesk.errors import ValidationError
from itadesk.marks import N_

TableOption = Literal["layout", "landscape", "answers", "history"]
BUILDERS = "itadesk.services.documents"
RENDERERS = {"pdf": "itadesk.documents.{}:render", "docx": "itadesk.documents.word.{}:render"}
"""Each file format's renderer in a kind's module: ``render(data, options) -> bytes``."""
FORMATS = tuple(RENDERERS)
"""The file formats every kind is written in (the file name's extension)."""


@dataclass(frozen=True)
class DocumentKind:
    key: str  # the command line's name, e.g. "memo-progress"
    name: str  # Thai title, marked for the catalogue (the app shows it translated)
    # the suggested file name (no extension): {year} and {months} (the round) in Arabic digits,
    # which sort and search the same everywhere and every file system takes
    file_name: str
    build: str  # in BUILDERS: (db, year, round_months, options) -> the document's data
    modules: Mapping[str, str]  # file format -> the module of its renderer (RENDERERS)
    needs_round: bool = False  # printed for one reporting round (3, 6, 9 or 12 months)
    # the options it honours (PrintOptions): the progress table's layout, landscape tables,
    # the measures answering each weak indicator and the comparison with earlier years
    options: frozenset[TableOption] = frozenset()
    memo: str = ""  # the memo's kind (services.memos.MEMO_KINDS) if it is a memo
    # printed for the assessment year whose scores it reads: for a plan year, the year before
    # when the plan year's own scores are not in (services.years.assessment_year_for)
    of_assessment: bool = False
    warn: str = ""  # in BUILDERS: (db, year, round_months) -> Thai warnings, if any
    # what the app says instead of a failure when the year it is printed for has no scores
    # ({year}: the year chosen, {previous}: the year before), marked for the catalogue
    no_result: str = ""

    def warner(self) -> Callable[..., list[str]]:
        return _load(f"{BUILDERS}:{self.warn}")

    def builder(self) -> Callable[..., Any]:
        return _load(f"{BUILDERS}:{self.build}")

    def renderer(self, file_format: str) -> Callable[..., bytes]:
        if file_format not in self.modules:
            raise ValidationError(
                f"เอกสาร {self.key} พิมพ์เป็น {file_format} ไม่ได้: ใช้ได้ {', '.join(self.modules)}"
            )
        return _load(RENDERERS[file_format].format(self.modules[file_format]))


_IMPORTING = threading.Lock()


def _load(reference: str) -> Callable[..., Any]:
    """The function named ``"module:function"``, imported on first use.

    One import at a time: two threads (the preview and a Word copy, say) importing
    python-docx together can meet in its circular imports, and Python then raises
    ``_DeadlockError`` in one of them.
    """
    module, name = reference.split(":")
    with _IMPORTING:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


REGISTRY: tuple[DocumentKind, ...] = (
    DocumentKind(
        key="memo-measures",
        name=N_("บันทึกข้อความขออนุมัติมาตรการ (แนบตารางมาตรการ)"),
        file_name=N_("บันทึกข้อความขออนุมัติมาตรการ-{year}"),
        build="measures_memo",
        modules={"pdf": "memo", "docx": "memo"},
        options=frozenset({"landscape"}),  # the attached table
        memo="measures",
    ),
    DocumentKind(
        key="memo-progress",
        name=N_("บันทึกข้อความรายงานผลรอบ (แนบตารางผลการดำเนินการ)"),
        file_name=N_("บันทึกข้อความรายงานผลรอบ-{months}-เดือน-{year}"),
        build="progress_memo",
        warn="empty_round_warnings",
        modules={"pdf": "memo", "docx": "memo"},
        needs_round=True,
        options=frozenset({"layout", "landscape"}),
        memo="progress",
    ),
    DocumentKind(
        key="measures",
        name=N_("ตารางมาตรการส่งเสริมคุณธรรมและความโปร่งใส"),
        file_name=N_("ตารางมาตรการ-{year}"),
        build="measures_document",
        modules={"pdf": "measures_table", "docx": "tables"},
        options=frozenset({"landscape"}),
    ),
    DocumentKind(
        key="progress",
        name=N_("ตารางผลการดำเนินการตามมาตรการ"),
        file_name=N_("ตารางผลการดำเนินการรอบ-{months}-เดือน-{year}"),
        build="progress_document",
        warn="empty_round_warnings",
        modules={"pdf": "progress_table", "docx": "tables"},
        needs_round=True,
        options=frozenset({"layout", "landscape"}),
    ),
    DocumentKind(
        key="analysis",
        name=N_("รายงานการวิเคราะห์ผลการประเมิน ITA"),
        file_name=N_("รายงานการวิเคราะห์ผลการประเมิน-{year}"),
        build="analysis_document",
        warn="score_warnings",
        modules={"pdf": "analysis_report", "docx": "analysis"},
        options=frozenset({"answers", "history"}),
        of_assessment=True,
        no_result=N_(
            "รายงานการวิเคราะห์ผลการประเมินเป็นเอกสารของปีที่ได้ผลการประเมิน "
            "ปีงบประมาณ {year} และปี {previous} ยังไม่มีผลการประเมิน: "
            "กรอกคะแนนที่หน้าผลการประเมินก่อน"
        ),
    ),
)
"""Every kind, in the order the app lists them."""
KINDS = {kind.key: kind for kind in REGISTRY}


def kind_of(key: str) -> DocumentKind:
    """The registered kind called ``key``; an unknown name is refused in Thai."""
    if key not in KINDS:
        raise ValidationError(f"ไม่รู้จักเอกสารชนิด {key}: ใช้ได้ {', '.join(KINDS)}")
    return KINDS[key]

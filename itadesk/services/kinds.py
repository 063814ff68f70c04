"""The documents ITADesk prints: one declaration per kind.

Everything the app, the command line and the bundle export need to know about a kind is in
its entry: the Thai name, the suggested file name, whether it is printed per reporting
round, which table options apply, whether it is a memo, the builder that reads its data from
the database, its renderers by file format and what it warns the clerk about. A new kind is
one entry here plus its builder (``services.documents``) and its renderer module
(``itadesk.documents``).

Builders, renderers and warnings are named ``"module:function"`` and imported when first
used, so that listing the kinds (the command line's choices, the app's start) loads neither
the database nor the PDF engine.
"""

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from itadesk.errors import ValidationError
from itadesk.marks import N_

TableOption = Literal["layout", "landscape", "answers", "history"]
BUILDERS = "itadesk.services.documents"
WORD = "itadesk.documents.word"
FORMATS = ("pdf", "docx")
"""The file formats every kind is written in (the file name's extension)."""


@dataclass(frozen=True)
class DocumentKind:
    key: str  # the command line's name, e.g. "memo-progress"
    name: str  # Thai title, marked for the catalogue (the app shows it translated)
    # the suggested file name (no extension): {year} and {months} (the round) in Arabic digits,
    # which sort and search the same everywhere and every file system takes
    file_name: str
    build: str  # "module:function" (db, year, round_months, options) -> the document's data
    renderers: Mapping[str, str]  # file format -> "module:function" (data, options) -> bytes
    needs_round: bool = False  # printed for one reporting round (3, 6, 9 or 12 months)
    # the options it honours (PrintOptions): the progress table's layout, landscape tables,
    # the measures answering each weak indicator and the comparison with earlier years
    options: frozenset[TableOption] = frozenset()
    memo: str = ""  # the memo's kind (services.memos.MEMO_KINDS) if it is a memo
    # printed for the assessment year whose scores it reads: for a plan year, the year before
    # when the plan year's own scores are not in (services.years.assessment_year_for)
    of_assessment: bool = False
    warn: str = ""  # "module:function" (db, year, round_months) -> Thai warnings, if any

    def warner(self) -> Callable[..., list[str]]:
        return _load(self.warn)

    def builder(self) -> Callable[..., Any]:
        return _load(self.build)

    def renderer(self, file_format: str) -> Callable[..., bytes]:
        if file_format not in self.renderers:
            raise ValidationError(
                f"เอกสาร {self.key} พิมพ์เป็น {file_format} ไม่ได้: ใช้ได้ {', '.join(self.renderers)}"
            )
        return _load(self.renderers[file_format])


def _load(reference: str) -> Callable[..., Any]:
    module, name = reference.split(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


REGISTRY: tuple[DocumentKind, ...] = (
    DocumentKind(
        key="memo-measures",
        name=N_("บันทึกข้อความขออนุมัติมาตรการ (แนบตารางมาตรการ)"),
        file_name=N_("บันทึกข้อความขออนุมัติมาตรการ-{year}"),
        build=f"{BUILDERS}:measures_memo",
        renderers={"pdf": "itadesk.documents.memo:render", "docx": f"{WORD}.memo:render"},
        options=frozenset({"landscape"}),  # the attached table
        memo="measures",
    ),
    DocumentKind(
        key="memo-progress",
        name=N_("บันทึกข้อความรายงานผลรอบ (แนบตารางผลการดำเนินการ)"),
        file_name=N_("บันทึกข้อความรายงานผลรอบ-{months}-เดือน-{year}"),
        build=f"{BUILDERS}:progress_memo",
        warn=f"{BUILDERS}:empty_round_warnings",
        renderers={"pdf": "itadesk.documents.memo:render", "docx": f"{WORD}.memo:render"},
        needs_round=True,
        options=frozenset({"layout", "landscape"}),
        memo="progress",
    ),
    DocumentKind(
        key="measures",
        name=N_("ตารางมาตรการส่งเสริมคุณธรรมและความโปร่งใส"),
        file_name=N_("ตารางมาตรการ-{year}"),
        build=f"{BUILDERS}:measures_document",
        renderers={
            "pdf": "itadesk.documents.measures_table:render",
            "docx": f"{WORD}.tables:render",
        },
        options=frozenset({"landscape"}),
    ),
    DocumentKind(
        key="progress",
        name=N_("ตารางผลการดำเนินการตามมาตรการ"),
        file_name=N_("ตารางผลการดำเนินการรอบ-{months}-เดือน-{year}"),
        build=f"{BUILDERS}:progress_document",
        warn=f"{BUILDERS}:empty_round_warnings",
        renderers={
            "pdf": "itadesk.documents.progress_table:render",
            "docx": f"{WORD}.tables:render",
        },
        needs_round=True,
        options=frozenset({"layout", "landscape"}),
    ),
    DocumentKind(
        key="analysis",
        name=N_("รายงานการวิเคราะห์ผลการประเมิน ITA"),
        file_name=N_("รายงานการวิเคราะห์ผลการประเมิน-{year}"),
        build=f"{BUILDERS}:analysis_document",
        warn=f"{BUILDERS}:score_warnings",
        renderers={
            "pdf": "itadesk.documents.analysis_report:render",
            "docx": f"{WORD}.analysis:render",
        },
        options=frozenset({"answers", "history"}),
        of_assessment=True,
    ),
)
"""Every kind, in the order the app lists them."""
KINDS = {kind.key: kind for kind in REGISTRY}


def kind_of(key: str) -> DocumentKind:
    """The registered kind called ``key``; an unknown name is refused in Thai."""
    if key not in KINDS:
        raise ValidationError(f"ไม่รู้จักเอกสารชนิด {key}: ใช้ได้ {', '.join(KINDS)}")
    return KINDS[key]

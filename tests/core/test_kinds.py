"""The registry of document kinds (services.kinds) and the table of measure columns
(documents.columns): every entry complete, every kind built from the demo office."""

import dataclasses
import io
import string
from typing import get_args

import pytest
from docx import Document

from itadesk.documents import columns
from itadesk.documents.data import DEFAULT_COLUMNS, Measure, ProgressItem, Status
from itadesk.errors import NotFoundError, ValidationError
from itadesk.services import memos, office
from itadesk.services.demo import PLAN_YEAR, RESULT_YEAR
from itadesk.services.documents import PrintOptions, build_document, document_warnings
from itadesk.services.kinds import FORMATS, KINDS, REGISTRY, TableOption, kind_of
from tests.pdftext import flat, pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize("kind", REGISTRY, ids=lambda k: k.key)
def test_every_kind_builds_from_the_demo_office(kind, demo_db, tmp_path):
    """Built as the app and the bundle export build it: a kind that cannot be built fails
    here instead of being left out of the bundle with a warning."""
    built = []
    for year in (RESULT_YEAR, PLAN_YEAR):
        try:
            built.append(build_document(demo_db, kind.key, year, 6, PrintOptions()))
        except NotFoundError:  # e.g. no result of the plan year yet
            continue
    assert built, f"{kind.key} builds for no year of the demo office"
    name = office.get_office(demo_db).full_name
    for pdf in built:
        assert pdf.startswith(b"%PDF")
        assert flat(name) in flat(pdf_text(pdf, tmp_path))
    # and as a Word file from the same data, which python-docx reads back
    year = RESULT_YEAR if kind.key == "analysis" else PLAN_YEAR
    docx = build_document(demo_db, kind.key, year, 6, PrintOptions(), "docx")
    words = Document(io.BytesIO(docx)).element.body.iter(f"{W}t")
    assert flat(name) in flat("".join(t.text or "" for t in words))


def test_every_kind_is_declared_whole():
    fields = {f.name for f in dataclasses.fields(REGISTRY[0])}
    for kind in REGISTRY:
        assert all(getattr(kind, f) is not None for f in fields), kind.key
        assert kind.name and set(kind.modules) == set(FORMATS), kind.key
        assert callable(kind.builder()), kind.key
        assert not kind.warn or callable(kind.warner()), kind.key
        assert all(callable(kind.renderer(f)) for f in kind.modules), kind.key
        assert kind.options <= set(get_args(TableOption)), kind.key
        assert not kind.memo or kind.memo in memos.MEMO_KINDS, kind.key
        placeholders = {p for _, p, _, _ in string.Formatter().parse(kind.file_name) if p}
        assert placeholders == ({"year", "months"} if kind.needs_round else {"year"}), kind.key
        said = {p for _, p, _, _ in string.Formatter().parse(kind.no_result) if p}
        assert said == ({"year", "previous"} if kind.no_result else set()), kind.key
        assert not kind.no_result or kind.of_assessment, kind.key  # it reads the scores
    assert len(KINDS) == len(REGISTRY)  # no key declared twice


def test_a_memo_prints_its_own_draft(demo_db, tmp_path):
    for kind in (k for k in REGISTRY if k.memo):
        draft = memos.draft_memo(demo_db, kind.memo, PLAN_YEAR, 6 if kind.needs_round else None)
        pdf = build_document(demo_db, kind.key, PLAN_YEAR, 6, PrintOptions())
        assert flat(draft.subject) in flat(pdf_text(pdf, tmp_path)), kind.key


def test_an_unknown_kind_or_format_is_refused_in_thai(demo_db):
    with pytest.raises(ValidationError, match="ไม่รู้จักเอกสารชนิด report: ใช้ได้ memo-measures"):
        kind_of("report")
    with pytest.raises(ValidationError, match="พิมพ์เป็น odt ไม่ได้: ใช้ได้ pdf"):
        build_document(demo_db, "measures", PLAN_YEAR, None, PrintOptions(), "odt")


def test_round_warnings_follow_the_registry(demo_db):
    """Round 3 of the demo has nothing entered: every kind printed per round warns."""
    for kind in REGISTRY:
        warned = document_warnings(demo_db, kind.key, PLAN_YEAR, 3)
        assert bool(warned) == kind.needs_round, kind.key


def test_every_measure_column_is_declared_whole():
    measure = Measure(1, "ชื่อ", "แนว", ("ขั้น",), "กอง", "ต.ค.", "ติดตาม", targets="o12")
    item = ProgressItem(
        measure, Status.DONE, "(เว็บไซต์)", ("ภาพ.jpg",), "ทำแล้ว", "ผลผลิต", "ผลลัพธ์", "หมายเหตุ"
    )
    for column in columns.COLUMNS.values():
        assert column.key and column.title and column.weight > 0, column
        assert column.align in ("left", "centre"), column
        assert not column.band or column.band in columns.BANDS, column
        content = column.content(item)
        assert content and isinstance(content, str | tuple | columns.Tick), column.key
    keys = [*columns.PROGRESS_KEYS]
    assert set(columns.MEASURE_KEYS) < set(keys) and set(columns.STATUS_GROUPS) < set(keys)
    assert set(DEFAULT_COLUMNS) <= set(columns.COLUMNS)
    assert columns.FIRST == DEFAULT_COLUMNS[0] == "measure"


def test_every_measure_field_has_a_column():
    """A field added to the printed measure is either a column or read by one."""
    texts = {
        f.name: (f"«{f.name}»",) if isinstance(f.default, tuple) else f"«{f.name}»"
        for f in dataclasses.fields(Measure)[1:]
    }
    item = ProgressItem(Measure(1, **texts))  # type: ignore[arg-type]
    shown = " ".join(str(column.content(item)) for column in columns.MEASURE_COLUMNS)
    for name in texts:
        assert f"«{name}»" in shown, name

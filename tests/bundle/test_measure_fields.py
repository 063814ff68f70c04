"""Every field of a measure, as the clerk enters it, survives every way a measure is stored or
moved: add, update, duplicate, copy to the next year and the bundle round trip. The values
are made from the fields' types, so a new field is walked through without editing this test."""

import dataclasses
from datetime import date

from itadesk.bundle import export_bundle, import_bundle, verify_bundle
from itadesk.db.models import Measure
from itadesk.services import measures, office
from itadesk.services.measures import MeasureInput
from tests.samples import measure_input

YEAR = 2569
NOT_ENTERED = {"id", "uuid", "fiscal_year_id", "sort_order", "catalogue_id"}
"""Measure columns the clerk does not fill in (kept by the services themselves)."""


def test_every_entered_column_of_a_measure_is_an_input_field():
    columns = {c.key for c in Measure.__table__.columns} - NOT_ENTERED
    assert columns == {f.name for f in dataclasses.fields(MeasureInput)}


def test_every_field_survives_add_update_duplicate_copy_and_bundle(db, other_db, tmp_path):
    office.update_office(db, name="ทดสอบ")
    data = measure_input()
    added = measures.add_measure(db, YEAR, data)
    assert measures.input_of(added) == data
    blank = measures.add_measure(db, YEAR, MeasureInput(title="ว่าง"))
    assert measures.input_of(measures.update_measure(db, blank.id, data)) == data
    copy = measures.duplicate_measure(db, added.id)
    assert measures.input_of(copy) == dataclasses.replace(data, title=f"{data.title} (สำเนา)")
    measures.copy_measures(db, YEAR, YEAR + 1)
    shifted = dataclasses.replace(
        data, period_start=date(2026, 11, 1), period_end=date(2027, 3, 31)
    )
    assert measures.input_of(measures.list_measures(db, YEAR + 1)[0]) == shifted
    import_bundle(other_db, verify_bundle(export_bundle(db, tmp_path, years=[YEAR]).path))
    assert measures.input_of(measures.list_measures(other_db, YEAR)[0]) == data


def test_validated_cleans_only_what_it_cleans():
    """A field validated() does not know is passed on as given, never dropped."""
    data = dataclasses.replace(measure_input(), title="  ชื่อ  ", steps=[" ก ", "", "ข"])
    cleaned = data.validated()
    assert (cleaned.title, cleaned.steps) == ("ชื่อ", ["ก", "ข"])
    untouched = {f.name for f in dataclasses.fields(MeasureInput)} - {"title", "steps"}
    assert all(getattr(cleaned, name) == getattr(data, name) for name in untouched)

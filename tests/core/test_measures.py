"""The rules of services.measures one by one: defaults, validation word for word, print order
and numbering, placement of added, moved, duplicated, restored and copied measures."""

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from itadesk.db.database import Database
from itadesk.db.models import Measure
from itadesk.errors import NotFoundError, ValidationError
from itadesk.services import measures, office, progress
from itadesk.services.measures import MeasureInput
from itadesk.services.progress import ProgressInput


def titles(db: Database, year: int = 2566) -> list[str]:
    return [m.title for m in measures.list_measures(db, year)]


def test_a_measure_with_only_a_title(db: Database) -> None:
    """What the form starts from: IIT, reported at 6 and 12 months, nothing else."""
    added = measures.add_measure(db, 2566, MeasureInput(title="หนึ่ง"))
    assert added.catalogue_id == ""  # typed by the clerk, not taken from the catalogue
    stored = measures.input_of(added)
    assert stored == MeasureInput(
        title="หนึ่ง", group="IIT", approach="", steps=[], units=[], period_start=None,
        period_end=None, period_note="", follow_up="", rounds=[6, 12], links=[],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"title": " \n"}, "โปรดกรอกชื่อมาตรการ"),
     ({"period_start": date(2022, 10, 1)}, "โปรดระบุระยะเวลาทั้งเดือนเริ่มต้นและเดือนสิ้นสุด"),
     ({"period_end": date(2022, 10, 31)}, "โปรดระบุระยะเวลาทั้งเดือนเริ่มต้นและเดือนสิ้นสุด"),
     ({"period_start": date(2022, 11, 1), "period_end": date(2022, 10, 31)},
      "เดือนเริ่มต้นต้องไม่อยู่หลังเดือนสิ้นสุด"),
     ({"rounds": [6, 4]}, "รอบรายงานใช้ได้เฉพาะ ๓, ๖, ๙ และ ๑๒ เดือน")],
)  # fmt: skip
def test_each_refusal_word_for_word(db: Database, changes: dict, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        measures.add_measure(db, 2566, MeasureInput(**{"title": "x", **changes}))
    assert str(error.value) == message
    assert titles(db) == []


def test_the_input_is_cleaned(db: Database) -> None:
    typed = MeasureInput(
        title=" หนึ่ง ", group=" EIT ", approach=" แนวทาง ", steps=[" ก ", "", "  ", "ข"],
        units=["", " กองคลัง "], period_start=date(2022, 10, 1), period_end=date(2022, 10, 1),
        period_note=" หมายเหตุ ", follow_up=" ติดตาม ", rounds=[12, 3, 12, 9],
        links=["IND4 i5", "o๑๒"],
    )  # fmt: skip
    stored = measures.input_of(measures.add_measure(db, 2566, typed))
    assert stored == MeasureInput(
        title="หนึ่ง", group="EIT", approach="แนวทาง", steps=["ก", "ข"], units=["กองคลัง"],
        period_start=date(2022, 10, 1), period_end=date(2022, 10, 1), period_note="หมายเหตุ",
        follow_up="ติดตาม", rounds=[3, 9, 12], links=["ind4", "i5", "o12"],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("group", "heading", "rank"),
    [("IIT", "มาตรการ/แนวทาง ยกระดับ IIT", 0), ("EIT", "มาตรการ/แนวทาง ยกระดับ EIT", 1),
     ("OIT", "มาตรการ/แนวทาง ยกระดับ OIT", 2), ("แผนงานอื่น", "แผนงานอื่น", 3), ("", "", 3)],
)  # fmt: skip
def test_group_heading_and_rank(group: str, heading: str, rank: int) -> None:
    assert measures.group_heading(group) == heading
    assert measures.group_rank(group) == rank


def test_numbers_start_again_in_each_group_unless_run_on(db: Database) -> None:
    for title, group in [("ก", "IIT"), ("ข", "EIT"), ("ค", "IIT"), ("ง", "อื่น"), ("จ", "EIT")]:
        measures.add_measure(db, 2566, MeasureInput(title=title, group=group))
    listed = measures.list_measures(db, 2566)
    assert [(m.title, m.group) for m in listed] == [
        ("ก", "IIT"), ("ค", "IIT"), ("ข", "EIT"), ("จ", "EIT"), ("ง", "อื่น")
    ]  # fmt: skip
    assert [m.title for m in measures.in_group_order(listed)] == ["ก", "ค", "ข", "จ", "ง"]
    assert list(measures.by_group(listed)) == ["IIT", "EIT", "อื่น"]
    each = measures.numbers_in_groups(listed)
    assert [each[m.id] for m in listed] == [1, 2, 1, 2, 1]
    run_on = measures.numbers_in_groups(listed, run_on=True)
    assert [run_on[m.id] for m in listed] == [1, 2, 3, 4, 5]


def test_period_printed_or_the_note(db: Database) -> None:
    dated = measures.add_measure(
        db, 2566,
        MeasureInput(title="ก", period_start=date(2022, 10, 1), period_end=date(2023, 3, 31),
                     period_note="ไม่ใช้"),
    )  # fmt: skip
    assert measures.measure_period(dated) == "ต.ค. ๖๕ – มี.ค. ๖๖"
    assert measures.measure_period(dated, thai_digits=False) == "ต.ค. 65 – มี.ค. 66"
    noted = measures.add_measure(db, 2566, MeasureInput(title="ข", period_note="ตลอดปี"))
    assert measures.measure_period(noted) == "ตลอดปี"
    assert measures.whole_year(2566) == (date(2022, 10, 1), date(2023, 9, 30))


def test_move_stops_at_both_ends(db: Database) -> None:
    ids = [measures.add_measure(db, 2566, MeasureInput(title=t)).id for t in "กขค"]
    measures.move_measure(db, ids[0], -5)
    assert titles(db) == ["ก", "ข", "ค"]
    measures.move_measure(db, ids[0], 5)
    assert titles(db) == ["ข", "ค", "ก"]
    measures.move_measure(db, ids[0], -1)
    assert titles(db) == ["ข", "ก", "ค"]
    assert [m.sort_order for m in measures.list_measures(db, 2566)] == [0, 1, 2]


def test_duplicate_lands_right_after_without_progress(db: Database) -> None:
    ids = [measures.add_measure(db, 2566, MeasureInput(title=t, steps=["s"])).id for t in "กขค"]
    progress.set_progress(db, ids[0], 6, ProgressInput("done", evidence="เว็บไซต์"))
    copy = measures.duplicate_measure(db, ids[0])
    listed = measures.list_measures(db, 2566)
    assert [m.title for m in listed] == ["ก", "ก (สำเนา)", "ข", "ค"]
    assert [m.sort_order for m in listed] == [0, 1, 2, 3]  # numbered as every change leaves them
    assert listed[1].id == copy.id and listed[1].progress == [] and listed[1].steps == ["s"]


def photo(folder: Path) -> Path:
    path = folder / "ภาพ.jpg"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def test_delete_and_restore_in_the_same_place(db: Database, tmp_path: Path) -> None:
    ids = [measures.add_measure(db, 2566, MeasureInput(title=t)).id for t in "กขค"]
    progress.set_progress(db, ids[1], 6, ProgressInput("done", evidence="ภาพ"))
    progress.attach_file(db, ids[1], 6, photo(tmp_path))
    deleted = measures.delete_measure(db, ids[1])
    assert titles(db) == ["ก", "ค"]
    # plain data without row ids: the rows it names may be reused before the undo
    [entry] = deleted.entries
    [attachment] = entry["attachments"]
    assert not {"id", "fiscal_year_id"} & set(deleted.measure)
    assert not {"id", "measure_id"} & set(entry) and not {"id", "entry_id"} & set(attachment)
    with pytest.raises(dataclasses.FrozenInstanceError):
        deleted.year = 2567  # type: ignore[misc]
    measures.restore_measure(db, deleted)
    listed = measures.list_measures(db, 2566)
    assert [m.title for m in listed] == ["ก", "ข", "ค"]
    assert listed[1].uuid == deleted.measure["uuid"] and listed[1].progress[0].evidence == "ภาพ"
    assert [a.sha256 for a in listed[1].progress[0].attachments] == [attachment["sha256"]]
    with pytest.raises(NotFoundError) as error:
        measures.update_measure(db, 9999, MeasureInput(title="x"))
    assert str(error.value) == "ไม่พบมาตรการนี้ (อาจถูกลบไปแล้ว)"


def test_copy_forward_shifts_periods_and_appends(db: Database) -> None:
    measures.add_measure(db, 2567, MeasureInput(title="มีอยู่แล้ว"))
    measures.add_measure(
        db, 2566,
        MeasureInput(title="ก", period_start=date(2023, 2, 1), period_end=date(2024, 2, 29)),
        catalogue_id="c1",
    )  # fmt: skip
    measures.add_measure(db, 2566, MeasureInput(title="ข", period_note="ตลอดปี"))
    assert measures.copy_measures(db, 2566, 2567) == 2
    listed = measures.list_measures(db, 2567)
    assert [m.title for m in listed] == ["มีอยู่แล้ว", "ก", "ข"]
    assert [m.sort_order for m in listed] == [0, 1, 2]
    copied = listed[1]
    assert (copied.period_start, copied.period_end) == (date(2024, 2, 1), date(2025, 2, 28))
    assert copied.catalogue_id == "c1" and listed[2].period_start is None
    empty = measures.add_measure(db, 2560, MeasureInput(title="ลบแล้ว"))
    measures.delete_measure(db, empty.id)  # the year stays, without measures
    with pytest.raises(NotFoundError) as error:
        measures.copy_measures(db, 2560, 2567)
    assert str(error.value) == "ปีงบประมาณ ๒๕๖๐ ยังไม่มีมาตรการให้คัดลอก"


def test_the_form_gets_copies_of_the_lists(db: Database) -> None:
    measure = measures.add_measure(db, 2566, MeasureInput(title="ก", steps=["หนึ่ง"]))
    data = measures.input_of(measure)
    data.steps.append("สอง")
    assert measure.steps == ["หนึ่ง"]
    assert measures.list_measures(db, 2599) == []


def test_added_lands_at_the_end_of_its_own_group(db: Database) -> None:
    """Groups of the office's own naming keep the order they were first used in."""
    for title, group in [("ก", "งานหนึ่ง"), ("ข", "งานสอง"), ("ค", "งานหนึ่ง"), ("ง", "งานสาม")]:
        measures.add_measure(db, 2566, MeasureInput(title=title, group=group))
    assert titles(db) == ["ก", "ค", "ข", "ง"]
    assert [m.sort_order for m in measures.list_measures(db, 2566)] == [0, 1, 2, 3]


def test_groups_follow_the_office_order(db: Database) -> None:
    for title, group in [("ก", "IIT"), ("ข", "EIT"), ("ค", "OIT")]:
        measures.add_measure(db, 2566, MeasureInput(title=title, group=group))
    office.set_paperwork(db, group_order=["OIT", "IIT", "EIT"])
    assert titles(db) == ["ค", "ก", "ข"]


def test_half_a_period_prints_the_note() -> None:
    """A half period cannot be typed (see the refusals) but may come in a bundle."""
    half = Measure(title="ก", period_start=date(2022, 10, 1), period_end=None, period_note="ปี")
    assert measures.measure_period(half) == "ปี"


def test_restore_after_the_year_was_renumbered(db: Database) -> None:
    """Undo after another change: the measure comes back before the one that took its number."""
    ids = [measures.add_measure(db, 2566, MeasureInput(title=t)).id for t in "กขค"]
    deleted = measures.delete_measure(db, ids[1])
    measures.add_measure(db, 2566, MeasureInput(title="ง"))  # numbers the year ก 0, ค 1, ง 2
    measures.restore_measure(db, deleted)
    assert titles(db) == ["ก", "ข", "ค", "ง"]


def test_a_measure_run_all_year_prints_the_whole_year_note(db: Database) -> None:
    """The note the form and the catalogue put on a measure without months."""
    added = measures.add_measure(db, 2566, MeasureInput(title="ก", period_note=measures.WHOLE_YEAR))
    assert measures.measure_period(added) == "ตลอดปีงบประมาณ"

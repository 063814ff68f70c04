"""One column model for the measures and progress tables (issue 11 §1): the real two-state
shape printed from data, named layouts, the office's own set stored and carried, and the
command line's --columns / --header. Checked by where each header and cell prints on the
page (PyMuPDF word positions) and by the extracted text."""

import pytest

from itadesk.cli import main
from itadesk.documents.columns import PROGRESS_KEYS
from itadesk.domain.numerals import digits
from itadesk.services import documents, office, progress
from itadesk.services.demo import PLAN_YEAR
from itadesk.services.documents import PrintOptions, build_document
from itadesk.services.measures import list_measures
from tests.pdftext import Box, column_rules, find_cell, flat, header_order, pdf_text, word_boxes

# the real two-state report (from another office's papers, transcribed here)
TWO_STATE_COLUMNS = ["measure", "steps", "details", "owner", "period", "status2"]
TWO_STATE_HEADERS = {
    "measure": "มาตรการ", "steps": "วิธีการดำเนินการ", "details": "ผลการดำเนินการ",
    "status": "กำกับติดตามการดำเนินงาน",
}  # fmt: skip
TWO_STATE_ORDER = [
    "มาตรการ", "วิธีการดำเนินการ", "ผลการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ",
    "ดำเนินการแล้ว", "ยังไม่ดำเนินการ",
]  # fmt: skip


def two_state_office(db):
    office.set_paperwork(
        db, columns={"progress": TWO_STATE_COLUMNS}, headers={"progress": TWO_STATE_HEADERS}
    )
    first, second = list_measures(db, PLAN_YEAR)[:2]
    progress.set_progress(
        db,
        first.id,
        6,
        progress.ProgressInput("done", done_text="จัดประชุมครบทุกกอง", evidence="เว็บไซต์"),
    )
    progress.set_progress(db, second.id, 6, progress.ProgressInput("not_started"))
    return first, second


def test_two_state_shape_prints_from_data(demo_db, tmp_path):
    first, _second = two_state_office(demo_db)
    report = documents.progress_report(demo_db, PLAN_YEAR, 6, PrintOptions())
    assert report.columns == tuple(TWO_STATE_COLUMNS)
    pdf = build_document(demo_db, "progress", PLAN_YEAR, 6, PrintOptions(landscape=True))
    boxes = word_boxes(pdf, tmp_path)
    heads = {name: find_cell(boxes, name) for name in [*TWO_STATE_ORDER, "กำกับติดตามการดำเนินงาน"]}
    lefts = [heads[name][0] for name in TWO_STATE_ORDER]
    assert lefts == sorted(lefts), dict(zip(TWO_STATE_ORDER, lefts, strict=True))
    band, done, not_done = (
        heads[n] for n in ("กำกับติดตามการดำเนินงาน", "ดำเนินการแล้ว", "ยังไม่ดำเนินการ")
    )
    assert band[3] <= done[1] and band[3] <= not_done[1]  # the band over its two ticks
    assert done[0] < (band[0] + band[2]) / 2 < not_done[2]

    rules = column_rules(pdf)
    assert len(rules) == len(TWO_STATE_ORDER) + 1  # seven columns, ruled

    def column_of(box: Box) -> int:
        """The column (0-based) a box starts in, between the table's vertical rules."""
        return sum(rule <= (box[0] + box[2]) / 2 for rule in rules) - 1

    assert [column_of(heads[n]) for n in TWO_STATE_ORDER] == list(range(len(TWO_STATE_ORDER)))
    # cells: what was done under ผลการดำเนินการ and the evidence note after it (the table
    # has no หลักฐาน column); under ดำเนินการแล้ว the ✓ alone
    done_text, note = find_cell(boxes, "จัดประชุมครบทุกกอง"), find_cell(boxes, "(เว็บไซต์)")
    assert column_of(done_text) == column_of(note) == 2  # ผลการดำเนินการ
    assert note[1] >= done_text[3] - 1  # under what was done
    text = flat(pdf_text(pdf, tmp_path))
    assert first.title[:12].replace(" ", "") in text
    # the summary counts the two states the table shows
    statuses = [i.status.value for g in report.groups for i in g.items]
    done = sum(s != "not_started" for s in statuses)
    assert (
        f"สรุปสถานะ:ดำเนินการแล้ว{digits(done)}มาตรการ"
        f"ยังไม่ดำเนินการ{digits(len(statuses) - done)}มาตรการ(รวม{digits(len(statuses))}มาตรการ)"
    ) in text
    assert "อยู่ระหว่างดำเนินการ" not in text.split("สรุปสถานะ")[1]


def test_named_layouts_and_the_offices_own_set(demo_db):
    three = documents.progress_report(demo_db, PLAN_YEAR, 6, PrintOptions())
    assert three.columns == ("measure", "steps", "status3")  # no set of its own: three
    two_state_office(demo_db)
    own = documents.progress_report(demo_db, PLAN_YEAR, 6, PrintOptions())
    named = documents.progress_report(demo_db, PLAN_YEAR, 6, PrintOptions(layout="results"))
    assert own.columns == tuple(TWO_STATE_COLUMNS)
    assert dict(own.headers) == TWO_STATE_HEADERS
    assert named.columns == ("measure", "details", "period", "outputs", "outcomes", "remark")
    assert dict(named.headers)["details"] == "รายละเอียดการดำเนินงาน"


def test_a_wrong_stored_column_is_refused(demo_db):
    with pytest.raises(Exception, match="ไม่รู้จักคอลัมน์ colour: ใช้ได้ measure, practice"):
        office.set_paperwork(demo_db, columns={"progress": ["measure", "colour"]})
    with pytest.raises(Exception, match="ไม่รู้จักหัวตาราง outputs"):
        office.set_paperwork(
            demo_db, columns={"progress": ["measure", "status2"]},
            headers={"progress": {"outputs": "ผลผลิต"}},
        )  # fmt: skip


def test_cli_columns_and_headers(demo_db, tmp_path, capsys):
    data = str(tmp_path / "data")
    out = tmp_path / "สองสถานะ.pdf"
    args = ["--data-dir", data, "print", "progress", "--year", str(PLAN_YEAR), "--round", "6",
            "--landscape", "--columns", ",".join(TWO_STATE_COLUMNS), "-o", str(out)]  # fmt: skip
    for key, text in TWO_STATE_HEADERS.items():
        args[-2:-2] = ["--header", f"{key}={text}"]
    assert main(args) == 0, capsys.readouterr().err
    lefts = header_order(out.read_bytes(), tmp_path, TWO_STATE_ORDER)
    assert lefts == sorted(lefts)
    capsys.readouterr()
    bad = [*args[:-2], "--columns", "measure,colour", "-o", str(tmp_path / "x.pdf")]
    assert main(bad) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "ไม่รู้จักคอลัมน์ colour: ใช้ได้ " + ", ".join(PROGRESS_KEYS) in err
    bad = [*args[:-2], "--header", "nope=x", "-o", str(tmp_path / "x.pdf")]
    assert main(bad) == 2
    assert "ไม่รู้จักหัวตาราง nope" in capsys.readouterr().err
    # measures tables take only the measure's own columns
    bad = ["--data-dir", data, "print", "measures", "--year", str(PLAN_YEAR), "--columns",
           "measure,status2", "-o", str(tmp_path / "y.pdf")]  # fmt: skip
    assert main(bad) == 2
    assert "ไม่รู้จักคอลัมน์ status2" in capsys.readouterr().err

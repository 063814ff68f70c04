"""Tables in print: a title travels with its table, widths follow the text, numbers stay
with their words, steps keep the office's own numbering, chart labels clear the target."""

import dataclasses
import io
import itertools
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from reportlab.graphics.shapes import Group, Line, String, mmult, transformPoint
from reportlab.graphics.widgetbase import Widget
from reportlab.platypus import Flowable, Spacer, Table

from itadesk.documents import analysis_report, grid_pdf, measures_table, tables, typeset
from itadesk.documents.base import MIN_TABLE_SIZE, Context, DocumentOptions, build_pdf
from itadesk.documents.columns import COLUMNS, PROGRESS_KEYS
from itadesk.documents.data import (
    IndicatorScore,
    Measure,
    MeasureGroup,
    MeasuresTable,
    ProgressGroup,
    ProgressItem,
    ProgressReport,
    Status,
)
from itadesk.documents.grid import content_cell, summary_line, table_grid
from itadesk.documents.grid_pdf import cell_flowables
from itadesk.documents.word import tables as word_tables
from tests.documents import fixtures
from tests.pdftext import column_rules, find_cell, flat, pdf_text, word_boxes

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
TITLE = ("มาตรการส่งเสริมคุณธรรมของหัวตารางทดสอบ", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖")


@pytest.fixture(scope="module", autouse=True)
def _words() -> None:
    typeset.warm_up()
    typeset.set_custom_words(fixtures.CUSTOM_WORDS)


def _pages(story: list[Flowable], room: float, tmp_path: Path) -> list[str]:
    """Each page's text (whitespace removed) when ``story`` starts ``room`` points above
    the bottom of page one."""
    ctx = Context()
    _, height = ctx.frame_size()
    pdf = build_pdf([Spacer(1, height - room), *story], ctx)
    return [flat(page) for page in pdf_text(pdf, tmp_path).split("\f")]


def _story(kind: str, data: object) -> list[Flowable]:
    return measures_table.story(data, Context())  # type: ignore[arg-type]


def _titled(kind: str) -> object:
    data = fixtures.measures_table() if kind == "measures" else fixtures.progress_report()
    return dataclasses.replace(data, title_lines=TITLE)


@pytest.mark.parametrize("kind", ["measures", "progress"])
@pytest.mark.parametrize("room", [130, 330, 480])
def test_title_travels_with_header_and_first_row(kind: str, room: float, tmp_path: Path) -> None:
    pages = _pages(_story(kind, _titled(kind)), room, tmp_path)
    at = next(i for i, page in enumerate(pages) if "หัวตารางทดสอบ" in page)
    assert "มาตรการ/แนวทาง" in pages[at]  # the header under the title
    assert "๑.ประกาศ" in pages[at]  # and the first row, or its first lines
    if room > Context.frame_size()[1] / 3:  # room enough: not moved, leaving it empty
        assert at == 0


def test_summary_goes_with_the_last_row(tmp_path: Path) -> None:
    items = tuple(
        ProgressItem(Measure(n, title, steps=("ประชุม",)), Status.DONE)
        for n, title in enumerate(("หนึ่ง", "สอง", "สาม"), 1)
    )
    data = ProgressReport(title_lines=(), groups=(ProgressGroup("", items),))
    story = _story("progress", data)
    table = next(f for f in story if isinstance(f, Table)) if len(story) > 1 else story[0]
    table = getattr(table, "table", table)
    width, height = Context.frame_size()
    pages = _pages(story, table.wrap(width, height)[1] + 5, tmp_path)  # room for the table only
    summary = next(page for page in pages if "สรุปสถานะ" in page)
    assert "๓.สาม" in summary


def _height(rows: list[list], widths: list[float]) -> float:
    table = Table(rows, colWidths=widths)
    return table.wrap(sum(widths), 1e6)[1]


def test_widths_follow_the_text() -> None:
    ctx = Context()
    head = [ctx.p(t, "cell_head") for t in ("วิธีดำเนินการ", "ผู้รับผิดชอบ", "การติดตามประเมินผล")]
    body = [
        [
            cell_flowables(content_cell(COLUMNS["steps"], ProgressItem(m)), ctx),
            ctx.p("สำนักปลัด", "cell"),
            ctx.p(m.follow_up),
        ]
        for m in fixtures.IIT
    ]
    rows = [head, *body]
    widths = tables.fit_widths(rows, [1, 1, 1], 450, 9)
    assert sum(widths) == pytest.approx(450)
    steps, owner, follow = widths
    assert steps > 1.5 * follow and steps > 1.5 * owner  # the text-heavy column widest
    assert owner < follow  # a short column gets little
    assert _height(rows, widths) < 0.85 * _height(rows, [150, 150, 150])
    for row in body:  # and still enough for its word on one line
        assert row[1].wrap(owner - 9, 1e6)[1] == row[1].style.leading


def test_numbers_stay_with_their_words() -> None:
    ctx = Context()
    items = tuple(ProgressItem(Measure(n, "ก"), list(Status)[n % 3]) for n in range(15))
    data = ProgressReport(title_lines=(), groups=(ProgressGroup("", items),))
    text = ctx.num(summary_line(data))
    for width in range(120, 460, 4):
        p = ctx.p(text, "plain")
        p.wrap(width, 1e6)
        lines = ["".join(u.text for u in line.units).strip() for line in p._lines]
        for a, b in itertools.pairwise(lines):
            assert not re.search(r"[0-9๐-๙]$|รวม$", a), (width, a, b)
            assert not b.startswith("มาตรการ"), (width, a, b)


def test_no_break_spaces_copy_out_as_spaces(tmp_path: Path) -> None:
    text = pdf_text(measures_table.render(fixtures.progress_report()), tmp_path)
    # the one no-break space left ends a line after "-" (see typeset._actual_text)
    assert "\xa0" not in text.replace("-\xa0\n", "-\n")
    assert "(รวม ๑๐ มาตรการ)" in text
    assert "ดำเนินการ ๒ มาตรการ" in text


def test_measure_number_stays_with_its_title() -> None:
    ctx = Context()
    item = ProgressItem(Measure(5, "กระบวนการปฏิบัติงานที่โปร่งใส"))
    cell = cell_flowables(content_cell(COLUMNS["measure"], item), ctx)[0]
    for width in range(40, 120, 3):
        cell.wrap(width, 1e6)
        first = "".join(u.text for u in cell._lines[0].units).strip()
        assert first != "๕.", width


def test_numbered_steps_get_no_extra_dash(tmp_path: Path) -> None:
    steps = ("๑. ปรับปรุงคู่มือ", "2.จัดประชุมชี้แจง", "(๓) เผยแพร่ข่าว", "- ติดตามผล", "รายงานผู้บริหาร")
    measure = Measure(1, "มาตรการทดสอบ", steps=steps, owner="สำนักปลัด")
    data = MeasuresTable(title_lines=(), groups=(MeasureGroup("", (measure,)),))
    text = flat(pdf_text(measures_table.render(data), tmp_path))
    for step in ("๑.ปรับปรุง", "๒.จัดประชุม", "(๓)เผยแพร่", "-ติดตามผล", "-รายงานผู้บริหาร"):
        assert step in text, step
    for doubled in ("-๑.", "-๒.", "-(๓)", "--"):
        assert doubled not in text, doubled


def _strings(node: object, m: tuple = (1, 0, 0, 1, 0, 0)) -> Iterator[tuple[str, float, float]]:
    """(text, baseline y, font size) of every string drawn, in drawing coordinates."""
    if isinstance(node, Widget):
        node = node.draw()
    if isinstance(node, String):
        yield node.text, transformPoint(m, (node.x, node.y))[1], node.fontSize
    elif isinstance(node, Group):
        for child in node.contents:
            yield from _strings(child, mmult(m, node.transform))


def test_target_line_clears_the_score_labels() -> None:
    ctx = Context()
    scores = (88.52, 84.2, 86.1, 79.64, 90.3, 92.15, 83.4, 87.95, 78.5, 91.0)
    rows = tuple(IndicatorScore("IIT", n + 1, f"ตัวชี้วัด{n}", s) for n, s in enumerate(scores))
    drawing = analysis_report.bar_chart(rows, 85, ctx)
    target = next(s for s in drawing.contents if isinstance(s, Line)).y1
    labels = {ctx.num(f"{s:.2f}") for s in scores}
    drawn = [(text, y, size) for text, y, size in _strings(drawing) if text in labels]
    assert {text for text, _, _ in drawn} == labels  # every score printed
    for text, y, size in drawn:  # the line passes neither through a label nor just under it
        assert not y - 1 <= target <= y + 0.8 * size + 1, text


def test_a_tick_column_is_as_narrow_as_its_header(tmp_path: Path) -> None:
    """Tick-only status columns get the width of their header's widest word and no more;
    the ✓ copies out of the PDF as U+2713, one for each tick."""
    ctx = Context()
    report = fixtures.progress_report()
    bare = [tuple(dataclasses.replace(i, evidence="") for i in g.items) for g in report.groups]
    groups = tuple(
        dataclasses.replace(g, items=i) for g, i in zip(report.groups, bare, strict=True)
    )
    report = dataclasses.replace(report, groups=groups)
    table = measures_table.story(report, ctx)[0].table
    widths = table._colWidths
    heads = ("ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการเสร็จเรียบร้อยแล้ว")
    pad = tables.CELL_PAD
    for width, head in zip(widths[2:], heads, strict=True):
        p = ctx.p(head, "cell_head")
        assert width >= p.min_width() + pad - 0.01
        lines, stranded = p.wrap(width - pad, 1e6)[1], p.stranded(width - pad)
        narrower = width - pad - 5  # narrower, the header takes another line or strands a word
        assert (
            p.wrap(narrower, 1e6)[1] > lines
            or p.stranded(narrower) > stranded
            or (narrower < p.min_width())
        )
    assert widths[0] + widths[1] > 0.5 * sum(widths)  # the text columns get the room
    text = pdf_text(measures_table.render(fixtures.progress_report()), tmp_path)
    assert text.count("\u2713") == 10  # 8 done, 2 in progress


def _printed_lines(pdf: bytes, tmp_path: Path) -> list[str]:
    """Each printed line's words (pdftotext's boxes: a table cell's lines stay apart)."""
    path = tmp_path / "lines.pdf"
    path.write_bytes(pdf)
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = re.findall(r"<line.*?</line>", xml, re.S)
    return [" ".join(re.findall(r"<word[^>]*>(.*?)</word>", line)) for line in lines]


def _lone_words(pdf: bytes, tmp_path: Path) -> list[str]:
    """Printed lines holding only one short word (การ, ของ)."""
    return [
        line
        for line in _printed_lines(pdf, tmp_path)
        if " " not in line and line.strip("-–,.()") in typeset.STRANDED_WORDS
    ]


def _docx_sizes(data: ProgressReport) -> set[float]:
    table = Document(io.BytesIO(word_tables.render(data))).tables[0]
    return {
        run.font.size.pt
        for row in table.rows
        for c in row.cells
        for p in c.paragraphs
        for run in p.runs
    }


def test_a_table_too_narrow_for_its_text_steps_its_size_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six result columns on a portrait page: at 14 pt their narrowest widths fill the page
    and the headers strand การ (ระยะเวลา|การ|ดำเนินงาน); the table prints at 13 pt, in the
    PDF and in Word, and strands nothing. Landscape has the room: 14 pt."""
    portrait = dataclasses.replace(fixtures.RESULTS, landscape=False)
    width, height = Context.frame_size()
    fit = grid_pdf.fit_grid(table_grid(portrait), DocumentOptions(), width, height)
    assert fit.size == 13 and _docx_sizes(portrait) == {13}
    pdf = measures_table.render(portrait)
    assert _lone_words(pdf, tmp_path) == []
    words = [word for line in _printed_lines(pdf, tmp_path) for word in line.split()]
    assert words.count("การดำเนินงาน") == 2  # the second line of both headers
    assert _docx_sizes(fixtures.RESULTS) == {14}
    wide = measures_table.render(fixtures.RESULTS)
    assert _lone_words(wide, tmp_path) == []
    monkeypatch.setattr(grid_pdf, "MIN_TABLE_SIZE", 14)  # without the step down
    assert _lone_words(measures_table.render(portrait), tmp_path) == ["การ", "การ"]


def test_the_size_steps_down_no_lower_than_the_minimum() -> None:
    """Every column of a progress table on a portrait page cannot fit at any size: the
    table stops at the minimum size."""
    report = dataclasses.replace(
        fixtures.progress_report(), columns=(*PROGRESS_KEYS[:-3], "status3"), headers=()
    )
    width, height = Context.frame_size()
    fit = grid_pdf.fit_grid(table_grid(report), DocumentOptions(), width, height)
    assert fit.size == MIN_TABLE_SIZE
    assert sum(fit.widths) == pytest.approx(width)


def test_a_title_glued_into_one_run_wider_than_the_page_still_prints(tmp_path: Path) -> None:
    """A hostile title with no place to break but its character clusters ("ก." and Latin
    to the end, closing brackets) used to hold its column open wider than the table: the
    other columns got no width and printing failed. It now takes its share and is cut."""
    hostile = fixtures.hostile_paragraphs(600)  # one page, far wider than it
    for name in ("Latin between Thai", "closing brackets"):
        title = hostile[name]
        data = MeasuresTable(title_lines=(), groups=(MeasureGroup("", (Measure(1, title),)),))
        text = flat(pdf_text(measures_table.render(data), tmp_path))
        assert flat(title) in text, name


DATED = "ต.ค. ๖๘ – มี.ค. ๖๙"  # the demo office's period: two abbreviated dates


def _two_state(landscape: bool = False) -> ProgressReport:
    """The real two-state report (seven columns), its periods written as the demo's."""
    report = fixtures.two_state_report(landscape)
    groups = tuple(
        dataclasses.replace(
            g,
            items=tuple(
                dataclasses.replace(i, measure=dataclasses.replace(i.measure, period=DATED))
                for i in g.items
            ),
        )
        for g in report.groups
    )
    return dataclasses.replace(report, groups=groups)


def test_a_period_never_breaks_inside_its_numbers(tmp_path: Path) -> None:
    """Seven columns on a portrait page: the period column still holds ต.ค. ๖๘ – whole
    (it printed ต.ค. ๖|๘ when the columns' words did not fit side by side); no printed
    line ends in a digit that the next line goes on with."""
    pdf = measures_table.render(_two_state())
    lines = [line.strip() for line in _printed_lines(pdf, tmp_path)]
    measures = sum(len(g.items) for g in fixtures.two_state_report().groups)
    starts = [line for line in lines if line.endswith("ต.ค. ๖๘ –")]  # a line may join the
    ends = [line for line in lines if line.endswith("มี.ค. ๖๙")]  # cell to its left
    assert len(starts) == len(ends) == measures
    digits = "๐๑๒๓๔๕๖๗๘๙"
    for a, b in itertools.pairwise(lines):
        assert not (a and b and a[-1] in digits and b[0] in digits), (a, b)


def test_the_evidence_note_follows_what_was_done(tmp_path: Path) -> None:
    """With a ผลการดำเนินการ column and no หลักฐาน column, the evidence note prints after what
    was done, in the PDF and in Word, and the ✓ stands alone; without either, under the ✓
    (the reference memo); the หลักฐาน column shows it itself, once."""
    report = fixtures.two_state_report()
    grid = table_grid(report)
    texts = [[[line.text for line in c.lines] if c else [] for c in row] for row in grid.body]
    noted = [row for row in texts if any(fixtures.WEB in cell for cell in row)]
    assert noted and all(row[2] == [fixtures.DONE_TEXT, fixtures.WEB] for row in noted)
    assert all(row[5] in (["✓"], ["-"]) and row[6] in (["✓"], ["-"]) for row in noted)
    table = Document(io.BytesIO(word_tables.render(report))).tables[0]
    details = [row.cells[2].text for row in table.rows]
    assert f"{fixtures.DONE_TEXT}\n{fixtures.WEB}" in details
    assert all(fixtures.WEB not in row.cells[5].text for row in table.rows)
    pdf = measures_table.render(report)
    rules, note = column_rules(pdf), find_cell(word_boxes(pdf, tmp_path), fixtures.WEB)
    assert sum(rule <= (note[0] + note[2]) / 2 for rule in rules) - 1 == 2  # ผลการดำเนินการ
    ticks = table_grid(dataclasses.replace(report, columns=("measure", "steps", "status2")))
    assert [c.lines[1].text for row in ticks.body for c in row[2:3] if c and c.lines[1:]] == [
        fixtures.WEB
    ] * len(noted)  # under the ✓ of ดำเนินการแล้ว
    shown = table_grid(dataclasses.replace(report, columns=(*report.columns, "evidence")))
    printed = [line.text for row in shown.body for c in row if c for line in c.lines]
    assert printed.count(fixtures.WEB) == len(noted)


def test_the_two_state_report_strands_nothing_in_portrait(tmp_path: Path) -> None:
    """The real two-state report's seven columns on a portrait page: no line holds only a
    short word (it had 38, การ and ของ alone) and no column is narrower than the widest
    piece a line never breaks; landscape keeps 14 pt."""
    portrait = _two_state()
    width, height = Context.frame_size()
    fit = grid_pdf.fit_grid(table_grid(portrait), DocumentOptions(), width, height)
    assert tables.flaws(fit.rows, fit.widths)[0] == 0
    assert _lone_words(measures_table.render(portrait), tmp_path) == []
    landscape = _two_state(landscape=True)
    assert _lone_words(measures_table.render(landscape), tmp_path) == []
    assert _docx_sizes(landscape) == {14}

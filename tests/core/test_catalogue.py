"""The catalogue of ready measures and แนะนำมาตรการ."""

from decimal import Decimal

import pytest

from itadesk.domain.catalogue import (
    CatalogueError,
    load_catalogue,
    parse_catalogue,
    question_topics,
    suggest,
)
from itadesk.domain.oit import shipped_items
from itadesk.domain.scoring import INDICATORS
from itadesk.errors import ValidationError
from itadesk.services import measures, suggestions, years
from itadesk.services.demo import PLAN_YEAR, RESULT_YEAR, SCORES

VALID_HEAD = """
[scheme]
year = 2564
[scheme.questions]
ind1 = "i1-i6"
"""
ENTRY = """
[[measure]]
id = "{id}"
title = "t"
approach = "a"
steps = ["s"]
owner = ["สำนักปลัด"]
months = [1, 12]
follow_up = "f"
rounds = [6, 12]
targets = {targets}
source = "guide"
basis = "b"
"""


def test_catalogue_loads_with_sixty_entries_and_unique_ids():
    catalogue = load_catalogue()
    ids = [m.id for m in catalogue.measures]
    assert len(ids) >= 60
    assert len(set(ids)) == len(ids)
    assert catalogue.scheme_year == 2564


def test_every_target_is_a_valid_code_of_its_scheme():
    catalogue = load_catalogue()
    items = {item.code for item in shipped_items(catalogue.scheme_year)}
    questions = {f"i{n}" for n in range(1, 31)} | {f"e{n}" for n in range(1, 16)}
    indicators = {f"ind{n}" for n in range(1, 11)}
    for entry in catalogue.measures:
        assert set(entry.targets) <= items | questions | indicators, entry.id
        assert catalogue.answers(entry), entry.id


def test_every_indicator_and_every_oit_item_has_a_measure():
    catalogue = load_catalogue()
    targeted = {code for m in catalogue.measures for code in m.targets}
    answered = {n for m in catalogue.measures for n in catalogue.answers(m)}
    assert answered == set(range(1, len(INDICATORS) + 1))
    assert {item.code for item in shipped_items(2564)} <= targeted


def test_questions_and_items_count_for_their_indicator():
    catalogue = load_catalogue()
    assert catalogue.indicator_of("i4") == 1
    assert catalogue.indicator_of("i19") == 4
    assert catalogue.indicator_of("e13") == 8
    assert catalogue.indicator_of("o23") == 9
    assert catalogue.indicator_of("o42") == 10
    gift = catalogue.get("no-gift-policy")
    assert gift is not None and catalogue.group(gift) == "IIT"
    assert catalogue.group(catalogue.get("e-service-launch")) == "EIT"


def test_every_question_has_one_topic_in_the_catalogues_numbering():
    """Six questions per IIT indicator (i1–i30), five per EIT indicator (e1–e15)."""
    topics = question_topics()
    assert list(topics) == list(load_catalogue().questions)
    assert list(topics)[:3] == ["i1", "i2", "i3"] and list(topics)[-1] == "e15"
    assert len(topics) == 45 and all(len(t) >= 20 and t == t.strip() for t in topics.values())
    assert topics["i13"] == "การมอบหมายงานของผู้บังคับบัญชาอย่างเป็นธรรม"
    assert topics["e6"] == "ความสะดวกในการเข้าถึงข้อมูลที่หน่วยงานเผยแพร่"


# What shared/reference/analysis-report-and-plan.txt (an ITA result of fiscal year 2566) says
# of every question it names: the indicator whose subject it is, and a word of its wording.
REFERENCE_QUESTIONS = {
    "i3": (1, "ผลสัมฤทธิ์"), "i4": (1, "เรียกรับ"), "i5": (1, "การรับ"), "i6": (1, "การให้"),
    "i7": (2, "งบประมาณ"), "i8": (2, "มีส่วนร่วม"), "i10": (2, "ประโยชน์ส่วนตัว"),
    "i11": (2, "เบิกจ่ายเงินที่เป็นเท็จ"),
    "i13": (3, "มอบหมายงาน"), "i14": (3, "ประเมินผลการปฏิบัติงาน"), "i15": (3, "ฝึกอบรม"),
    "i19": (4, "ทรัพย์สินของราชการ"), "i20": (4, "ทรัพย์สินของราชการ"),
    "i22": (4, "ขอยืม"), "i23": (4, "ทรัพย์สินของราชการ"), "i24": (4, "ทรัพย์สินของราชการ"),
    "e3": (6, "ผลสัมฤทธิ์"), "e6": (7, "เข้าถึงข้อมูล"), "e7": (7, "ข้อมูล"),
    "e8": (7, "ช่องทางรับฟัง"), "e9": (7, "ตอบคำถาม"), "e10": (7, "ร้องเรียนการทุจริต"),
    "e11": (8, "การให้บริการ"), "e12": (8, "ขั้นตอน"), "e13": (8, "เทคโนโลยี"),
    "e14": (8, "มีส่วนร่วม"), "e15": (8, "โปร่งใส"),
}  # fmt: skip


def test_the_question_numbering_agrees_with_the_reference_analysis():
    """The catalogue's ranges (i1–i6 for indicator 1 …) put every question the reference
    names under the indicator of its subject, and its topic says what the reference asks."""
    catalogue, topics = load_catalogue(), question_topics()
    for code, (indicator, word) in REFERENCE_QUESTIONS.items():
        assert (code, catalogue.indicator_of(code)) == (code, indicator)
        assert word in topics[code], code
    # i10 i11 (personal use, false disbursement) are the only budget questions of the
    # reference that a disbursement measure answers; no entry targets i11 for procurement
    disbursing = [m.id for m in catalogue.measures if "i11" in m.targets]
    assert disbursing == ["disbursement-check", "disbursement-risk"]


@pytest.mark.parametrize(
    ("entries", "problem"),
    [
        (ENTRY.format(id="a", targets='["ind1"]') * 2, "a: id"),
        (ENTRY.format(id="b", targets='["i7"]'), "b: รหัส"),  # i7 is not in the scheme here
        (ENTRY.format(id="c", targets='["o99"]'), "c: รหัส"),
        (ENTRY.format(id="Bad id", targets='["ind1"]'), "Bad id: id"),
    ],
)
def test_a_broken_catalogue_is_refused(entries, problem):
    with pytest.raises(CatalogueError, match=problem):
        parse_catalogue(VALID_HEAD + entries, shipped_items(2564))


def test_indicators_under_target_come_first_lowest_first():
    catalogue = load_catalogue()
    scores = [Decimal(s) for s in SCORES]  # ind9 78.50, ind4 79.64, ind7 83.40, ind2 84.20
    offered = suggest(catalogue, scores)
    first_reasons = list(dict.fromkeys(s.reason for s in offered if s.rank == 0))
    assert first_reasons == [
        "ตัวชี้วัดที่ ๙ ได้ ๗๘.๕๐", "ตัวชี้วัดที่ ๔ ได้ ๗๙.๖๔",
        "ตัวชี้วัดที่ ๗ ได้ ๘๓.๔๐", "ตัวชี้วัดที่ ๒ ได้ ๘๔.๒๐",
    ]  # fmt: skip
    assert offered[0].group == "OIT"
    ranks = [s.rank for s in offered]
    assert ranks == sorted(ranks)
    assert len(offered) == len(catalogue.measures)  # each entry once
    assert len({s.measure.id for s in offered}) == len(offered)
    fourth = [s.measure.id for s in offered if s.reason == "ตัวชี้วัดที่ ๔ ได้ ๗๙.๖๔"]
    assert fourth[0] == "asset-lending-manual" and "vehicle-use-log" in fourth


def test_low_questions_come_after_weak_indicators_and_skip_is_honoured():
    catalogue = load_catalogue()
    scores = [Decimal(90)] * 10
    low = [{"code": "e13", "score": "70.00"}, {"code": "i14", "score": None}]
    offered = suggest(catalogue, scores, low, skip=frozenset({"fair-appraisal"}))
    assert offered[0].measure.id == "e-service-launch"
    assert offered[0].reason == "ข้อ e๑๓ ได้ ๗๐.๐๐" and offered[0].rank == 1
    assert [s.reason for s in offered if s.rank == 1][-1] == "ข้อ i๑๔ ได้คะแนนต่ำ"
    assert "fair-appraisal" not in {s.measure.id for s in offered}


def test_demo_suggestions_add_a_measure_once(demo_db):
    offered = suggestions.suggestions(demo_db, RESULT_YEAR)
    assert offered[0].reason == "ตัวชี้วัดที่ ๙ ได้ ๗๘.๕๐"
    chosen = next(s for s in offered if s.measure.id == "asset-lending-manual")
    assert chosen.reason == "ตัวชี้วัดที่ ๔ ได้ ๗๙.๖๔"
    before = len(measures.list_measures(demo_db, PLAN_YEAR))
    added = suggestions.add_suggestion(demo_db, PLAN_YEAR, "asset-lending-manual")
    listed = measures.list_measures(demo_db, PLAN_YEAR)
    assert len(listed) == before + 1
    row = next(m for m in listed if m.id == added.id)
    assert row.group == "IIT" and row.catalogue_id == "asset-lending-manual"
    assert row.links == ["ind4", "i19", "i20", "i21", "i22"]
    assert row.units == ["กองคลัง", "สำนักปลัด"]
    assert (row.period_start.isoformat(), row.period_end.isoformat()) == (
        "2025-10-01",
        "2025-12-31",
    )  # fmt: skip  (ต.ค.–ธ.ค. of fiscal 2569)
    iit = [m for m in listed if m.group == "IIT"]
    assert iit[-1].id == added.id  # at the end of its group, not of the plan
    with pytest.raises(ValidationError, match=r"มีมาตรการ «จัดทำคู่มือการยืม.*» อยู่แล้ว"):
        suggestions.add_suggestion(demo_db, PLAN_YEAR, "asset-lending-manual")
    again = suggestions.suggestions(demo_db, RESULT_YEAR)
    assert "asset-lending-manual" not in {s.measure.id for s in again}
    assert len(again) == len(offered) - 1


def test_a_whole_year_entry_prints_its_note_and_copying_keeps_the_catalogue_id(demo_db):
    added = suggestions.add_suggestion(demo_db, PLAN_YEAR, "queue-fair-service")
    assert added.period_start is None and added.period_note == "ตลอดปีงบประมาณ"
    measures.copy_measures(demo_db, PLAN_YEAR, PLAN_YEAR + 1)
    copied = {m.catalogue_id for m in measures.list_measures(demo_db, PLAN_YEAR + 1)}
    assert "queue-fair-service" in copied
    years.record_scores(demo_db, PLAN_YEAR, SCORES)
    later = suggestions.suggestions(demo_db, PLAN_YEAR)
    assert "queue-fair-service" not in {s.measure.id for s in later}


def test_suggestions_without_scores_list_everything(db):
    offered = suggestions.suggestions(db, 2567)
    assert len(offered) == len(load_catalogue().measures)
    assert offered[0].reason.startswith("ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่")


def test_cli_suggest_lists_weak_indicator_measures_first(tmp_path, capsys):
    import json

    from itadesk.cli import main

    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo"]) == 0
    capsys.readouterr()
    assert main(["suggest", "--year", "2568", "--data-dir", data]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "มาตรการแนะนำสำหรับแผนปีงบประมาณ ๒๕๖๙ (จากผลการประเมินปี ๒๕๖๘)"
    assert lines[2].startswith("   เหตุผล: ตัวชี้วัดที่ ๙ ได้ ๗๘.๕๐")
    assert main(["suggest", "--year", "๒๕๖๘", "--json", "--data-dir", data]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["plan_year"] == 2569
    reasons = [s["reason"] for s in document["suggestions"] if s["rank"] == 0]
    assert reasons[-1] == "ตัวชี้วัดที่ ๒ ได้ ๘๔.๒๐"
    assert main(["suggest", "--year", "25x8", "--data-dir", data]) == 2


def test_analysis_report_prints_the_measures_answering_each_weak_indicator(demo_db, tmp_path):
    from itadesk.services.documents import PrintOptions, build_document
    from tests.pdftext import flat, pdf_text

    plain = flat(
        pdf_text(build_document(demo_db, "analysis", 2568, None, PrintOptions()), tmp_path)
    )
    assert "มาตรการที่ตอบตัวชี้วัดที่ต่ำกว่าค่าเป้าหมาย" not in plain
    pdf = build_document(demo_db, "analysis", 2568, None, PrintOptions(answers=True))
    text = flat(pdf_text(pdf, tmp_path))
    section = text[text.index("มาตรการที่ตอบตัวชี้วัดที่ต่ำกว่าค่าเป้าหมาย") :]
    headings = ["ตัวชี้วัดที่๙การเปิดเผยข้อมูลได้๗๘.๕๐คะแนน", "ตัวชี้วัดที่๔", "ตัวชี้วัดที่๗", "ตัวชี้วัดที่๒"]
    places = [section.index(h) for h in headings]
    assert places == sorted(places)  # lowest first
    budget = section[places[3] :]
    # the demo plan links no measure to indicator 2: ready ones are suggested, aimed at it first
    assert budget.index("ยังไม่มีมาตรการในแผนมาตรการที่แนะนำได้แก่") < budget.index(
        "๑.ชี้แจงแผนการใช้จ่ายงบประมาณประจำปีให้บุคลากรทุกคนทราบ"
    )
    assert "๒.เปิดโอกาสให้บุคลากรมีส่วนร่วม" in budget and "ทุกรายการ๔." not in budget  # three
    assets = section[places[1] : places[2]]
    assert "จัดทำคู่มือการยืมและใช้ทรัพย์สินของราชการ" in assets  # the plan's own, linked
    assert "ยังไม่มีมาตรการ" not in assets

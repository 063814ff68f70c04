import json
import subprocess
import sys

import pytest

from itadesk.cli import main

REFERENCE = "99.44,97.75,98.79,97.47,98.79,92.83,91.26,90.33,100,100"


def test_score_prints_overall_level_tools_and_weakest(capsys):
    assert main(["score", "--year", "2566", "--scores", REFERENCE, "--official", "96.98"]) == 0
    out = capsys.readouterr().out
    assert "คะแนนภาพรวม 96.98 ระดับ ผ่านดี" in out
    assert "IIT 98.45  EIT 91.47  OIT 100.00" in out
    assert "8 การปรับปรุงการทำงาน (90.33)" in out


def test_score_json_with_thai_digits(capsys):
    thai = "๙๙.๔๔,๙๗.๗๕,๙๘.๗๙,๙๗.๔๗,๙๘.๗๙,๙๒.๘๓,๙๑.๒๖,๙๐.๓๓,๑๐๐,๑๐๐"
    assert main(["score", "--year", "๒๕๖๖", "--scores", thai, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"] == 96.98 and data["level"] == "ผ่านดี"
    assert [w["number"] for w in data["weakest"]] == [8, 7, 6]


def test_scores_may_be_separated_by_spaces(capsys):
    spaced = REFERENCE.replace(",", " ")
    assert main(["score", "--year", "2566", "--scores", f" {spaced} ", "--official", "96.98"]) == 0
    assert "คะแนนภาพรวม 96.98 ระดับ ผ่านดี" in capsys.readouterr().out


def test_official_mismatch_exits_3_with_thai_warning(capsys):
    assert main(["score", "--year", "2566", "--scores", REFERENCE, "--official", "97.10"]) == 3
    assert "ไม่ตรงกับคะแนนที่คำนวณ" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scores", "120" + REFERENCE[5:]], "ระหว่าง ๐ ถึง ๑๐๐"),
        (["--scores", REFERENCE.rsplit(",", 1)[0]], "แต่ได้ ๙ ค่า"),
        (["--scores", "abc" + REFERENCE[5:]], "ไม่ใช่ตัวเลข"),
        (["--scores", REFERENCE, "--year", "2550"], "ไม่มีเกณฑ์การประเมิน"),
        (["--scores", REFERENCE, "--year", "ปีนี้"], "ไม่ใช่ตัวเลข"),
        (["--scores", REFERENCE, "--year", "1e30000"], "ใหญ่เกินไป"),
        (["--scores", REFERENCE, "--year", "99999"], "ใช้ปีพุทธศักราช"),
        (["--scores", "-1" + REFERENCE[5:]], "«-๑» ไม่ถูกต้อง คะแนนต้องอยู่ระหว่าง ๐ ถึง ๑๐๐"),
        (["--scores", "9_9" + REFERENCE[5:]], "«9_9» ไม่ใช่ตัวเลข"),
        (["--scores", "๙๙,๔๔"], "«๙๙,๔๔» ใช้จุลภาคเป็นจุดทศนิยม: ใช้จุดคั่นทศนิยม"),
        (["--scores", "99,44"], "«99,44» ใช้จุลภาคเป็นจุดทศนิยม: ใช้จุดคั่นทศนิยม"),
        (["--scores", "99,44 97,75 98,79 97,47 98,79 92,83 91,26 90,33 100 100"], "แต่ได้ ๑๘ ค่า"),
    ],
)
def test_bad_input_exits_2_with_one_thai_line(capsys, args, message):
    assert main(["score", "--year", "2566", *args]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_usage_error_is_one_thai_line(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["score", "--year", "2566"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.strip() == (
        "คำสั่งไม่ถูกต้อง: ต้องระบุ --scores (ดูวิธีใช้ด้วย itadesk score --help)"
    )


def test_demo_then_refuses_second_time(tmp_path, capsys):
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo"]) == 0
    assert "ทุ่งสุขสันต์" in capsys.readouterr().out
    assert main(["demo", "--data-dir", data]) == 2
    assert "ถูกใช้งานแล้ว" in capsys.readouterr().err
    assert main(["--data-dir", data, "demo", "--if-empty"]) == 0


def test_console_entry_point_runs_as_module():
    done = subprocess.run(
        [sys.executable, "-m", "itadesk", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("ITADesk ")


def test_core_imports_without_pyside6():
    """Domain, services and db must not need Qt: block PySide6 and import them all."""
    code = (
        "import sys, pkgutil, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('blocked ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import itadesk.domain, itadesk.services, itadesk.db, itadesk.bundle, itadesk.documents\n"
        "for pkg in (itadesk.domain, itadesk.services, itadesk.db, itadesk.bundle,\n"
        "            itadesk.documents):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' not in m.name:\n"
        "            importlib.import_module(m.name)\n"
        "import itadesk.cli; itadesk.cli.build_parser()\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["print", "measures", "--year", "2569", "-o", ""], "ไม่ใช่ชื่อไฟล์"),
        (["print", "measures", "--year", "2569", "-o", "d/itadesk.sqlite"], "ต้องลงท้ายด้วย .pdf"),
        (["print", "progress", "--year", "2569", "--round", "1e30000", "-o", "x.pdf"], "ใหญ่เกินไป"),
        (["bundle", "export", "--year", "1e30000", "-o", "."], "ใหญ่เกินไป"),
    ],
)
def test_odd_arguments_give_one_thai_line(tmp_path, capsys, args, message):
    assert main(["--data-dir", str(tmp_path / "d"), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1



def test_demo_force_replaces_the_data_after_a_backup(tmp_path, capsys):
    import sqlite3

    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo"]) == 0
    with sqlite3.connect(data / "itadesk.sqlite") as conn:
        conn.execute("INSERT INTO unit (uuid, name, sort_order) VALUES ('u-x', 'กองสาธารณสุข', 9)")
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("measure", "person", "unit", "progress_entry")}  # fmt: skip
    capsys.readouterr()
    assert main(["--data-dir", str(data), "demo", "--force"]) == 0
    out = capsys.readouterr().out
    with sqlite3.connect(data / "itadesk.sqlite") as conn:
        after = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts}
        units = [r[0] for r in conn.execute("SELECT name FROM unit")]
    assert after == {**counts, "unit": counts["unit"] - 1}  # one demo office, not two
    assert "กองสาธารณสุข" not in units
    backup = next((data / "backups").glob("*-before-start-over.sqlite"))
    assert f"สำเนาสำรองอยู่ที่ {backup}" in out
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT count(*) FROM unit WHERE name='กองสาธารณสุข'").fetchone() == (1,)

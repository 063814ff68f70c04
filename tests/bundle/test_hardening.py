"""Faults found by an outside attack on the bundle and the commands around it (issue 15)."""

import re
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from itadesk.bundle.format import bundle_file_name
from itadesk.cli import main


@pytest.mark.parametrize("made", [False, True])  # a missing folder, an empty one
@pytest.mark.parametrize(
    "command",
    [
        ["print", "measures", "--year", "2569", "-o", "{tmp}/x.pdf"],
        ["bundle", "export", "-o", "{tmp}"],
        ["bundle", "import", "{bundle}", "--dry-run"],
    ],
)
def test_read_only_commands_create_no_database(tmp_path, good_bundle, capsys, command, made):
    data = tmp_path / "data"
    if made:
        data.mkdir()
    args = [a.format(tmp=tmp_path, bundle=good_bundle) for a in command]
    assert main(["--data-dir", str(data), *args]) == 2
    err = capsys.readouterr().err
    assert f"ไม่มีข้อมูลในโฟลเดอร์ {data}" in err and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in data.iterdir()) == [] if made else not data.exists()
    assert [p.name for p in Path(tmp_path).glob("*.zip")] == []


THAI_DIGIT = re.compile("[๐-๙]")
ARABIC_DIGIT = re.compile("[0-9]")


def test_command_line_output_uses_one_digit_style_per_line(tmp_path, evidence_db, capsys):
    """Paths are names, not numbers: they are left out of the count."""
    data, out = str(evidence_db.data_dir), tmp_path / "out"
    out.mkdir()
    runs = [
        ["--data-dir", data, "print", "measures", "--year", "2569", "-o", str(out / "m.pdf")],
        ["--data-dir", data, "print", "progress", "--year", "2569", "--round", "3",
         "-o", str(out / "p.pdf")],
        ["--data-dir", data, "bundle", "export", "-o", str(out)],
    ]  # fmt: skip
    lines = []
    for args in runs:
        assert main(args) == 0
        lines += capsys.readouterr().out.splitlines() + capsys.readouterr().err.splitlines()
    bundle = next(out.glob("*.zip"))
    for args in (["bundle", "verify", str(bundle)],
                 ["--data-dir", str(tmp_path / "new"), "bundle", "import", str(bundle)],
                 ["--data-dir", data, "bundle", "import", str(bundle), "--dry-run"]):  # fmt: skip
        assert main(args) == 0
        captured = capsys.readouterr()
        lines += captured.out.splitlines() + captured.err.splitlines()
    paths = sorted({str(p) for p in (*out.iterdir(), tmp_path / "new", evidence_db.data_dir)},
                   key=len, reverse=True)  # fmt: skip
    mixed = []
    for line in lines:
        for path in paths:
            line = line.replace(path, "")
        line = re.sub(r"[\w/.-]+backups/[\w.-]+", "", line)  # a backup's path
        if THAI_DIGIT.search(line) and ARABIC_DIGIT.search(line):
            mixed.append(line)
    assert len(lines) > 10 and mixed == []


def test_bundle_file_name_has_the_buddhist_era_date():
    assert bundle_file_name("เทศบาลตำบลทุ่งสุขสันต์", date(2026, 11, 21)) == (
        "ITADesk-เทศบาลตำบลทุ่งสุขสันต์-2569-11-21.zip"
    )


def test_the_same_bundle_imported_by_two_processes_at_once(good_bundle, tmp_path):
    """The other import commits just before this one writes: this one must re-plan, not
    add the same measures a second time (IntegrityError on measure.uuid)."""
    from sqlalchemy import event

    from itadesk.bundle import import_bundle, verify_bundle
    from itadesk.db.database import open_database

    bundle = verify_bundle(good_bundle)
    this, other = open_database(tmp_path / "data"), None
    other = open_database(tmp_path / "data", backup_on_open=False)
    outcome: dict[str, object] = {}

    def other_import() -> None:
        try:
            outcome["other"] = import_bundle(other, bundle).plan.summary()
        except Exception as error:
            outcome["other"] = error

    @event.listens_for(this.engine, "before_cursor_execute")
    def other_process_meanwhile(conn, cursor, statement, *args):
        if "thread" not in outcome and statement.lstrip().upper().startswith("INSERT"):
            outcome["thread"] = thread = threading.Thread(target=other_import)
            thread.start()
            thread.join(timeout=2)  # done unless this import holds the write lock

    try:
        outcome["this"] = import_bundle(this, bundle).plan.summary()
    except Exception as error:
        outcome["this"] = error
    outcome["thread"].join()  # type: ignore[attr-defined]
    assert all(isinstance(outcome[k], str) for k in ("this", "other")), outcome
    assert {outcome["this"], outcome["other"]} >= {"เพิ่ม ๐ รายการ เปลี่ยน ๐ รายการ คงไว้ ๖๕ รายการ"}
    with sqlite3.connect(this.path) as conn:
        assert conn.execute("SELECT count(*) FROM measure").fetchone() == (15,)
    this.close()
    other.close()

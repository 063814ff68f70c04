"""Database faults found by an outside attack (issue 15): each says one Thai line."""

import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import event

from itadesk.cli import main
from itadesk.db.database import DB_NAME, open_database
from itadesk.errors import DatabaseError, ValidationError
from itadesk.services import office

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "itadesk", *args], capture_output=True, text=True, timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, cwd=ROOT,
    )  # fmt: skip


@pytest.fixture
def demo_folder(tmp_path, demo_db) -> Path:
    demo_db.close()
    return demo_db.data_dir


def dump(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def test_a_locked_database_is_called_in_use_not_damaged(demo_folder, tmp_path):
    """Another process holds an exclusive lock: every command says the file is in use."""
    path = demo_folder / DB_NAME
    with closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        for args in (
            ["print", "measures", "--year", "2569", "-o", str(tmp_path / "x.pdf")],
            ["bundle", "export", "-o", str(tmp_path)],
            ["demo", "--force"],
        ):
            done = run_cli("--data-dir", str(demo_folder), *args)
            assert done.returncode == 2, done.stderr
            assert "ถูกโปรแกรมอื่นใช้อยู่" in done.stderr, done.stderr
            assert "เสียหาย" not in done.stderr and len(done.stderr.splitlines()) == 1
        holder.execute("ROLLBACK")


def test_a_database_missing_a_table_is_refused_and_left_alone(demo_folder, tmp_path, capsys):
    path = demo_folder / DB_NAME
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("DROP TABLE attachment")
        conn.commit()
    before = dump(path)
    out = str(tmp_path / "x.pdf")
    assert main(["--data-dir", str(demo_folder), "print", "measures", "--year", "2569",
                 "-o", out]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert "ไม่ใช่ฐานข้อมูลของ ITADesk" in err and "ตาราง attachment" in err
    assert len(err.strip().splitlines()) == 1
    with pytest.raises(DatabaseError, match="ไม่มีตาราง attachment"):
        open_database(demo_folder)
    assert dump(path) == before and not (demo_folder / "backups").exists()


def test_a_wrong_schema_stamp_says_one_thai_line_naming_the_backup(demo_folder, tmp_path, capsys):
    """A 0002 database stamped 0001: the migration fails; no SQL reaches the clerk."""
    open_database(demo_folder).close()  # a start: the 'open' backup is good
    good = next((demo_folder / "backups").glob("*-open.sqlite"))
    with closing(sqlite3.connect(demo_folder / DB_NAME)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
        conn.commit()
    assert main(["--data-dir", str(demo_folder), "demo", "--if-empty"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [err.strip()]
    assert f"โปรดกู้คืนจาก backups/{good.name}" in err
    assert "SQL" not in err and "ALTER" not in err and "sqlalche" not in err


def test_the_same_unit_added_by_two_windows_says_it_exists(db):
    """The other window adds the same name just before this one inserts it (after its check)."""
    other = open_database(db.data_dir, backup_on_open=False)
    outcome: dict[str, object] = {}

    def other_window() -> None:
        try:
            office.add_unit(other, "กองสาธารณสุข")
            outcome["other"] = "added"
        except Exception as error:
            outcome["other"] = error

    @event.listens_for(db.engine, "before_cursor_execute")
    def other_window_meanwhile(conn, cursor, statement, *args):
        if "thread" not in outcome and statement.lstrip().upper().startswith("INSERT"):
            outcome["thread"] = thread = threading.Thread(target=other_window)
            thread.start()
            thread.join(timeout=1)  # done unless this window holds the write lock

    try:
        office.add_unit(db, "กองสาธารณสุข")
        outcome["this"] = "added"
    except Exception as error:
        outcome["this"] = error
    outcome["thread"].join()  # type: ignore[attr-defined]
    other.close()
    refused = [r for r in (outcome["this"], outcome["other"]) if r != "added"]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError), repr(refused)
    assert str(refused[0]) == "มีส่วนราชการ «กองสาธารณสุข» อยู่แล้ว"
    assert [u.name for u in office.list_units(db)] == ["กองสาธารณสุข"]


@pytest.fixture
def read_only_mount(tmp_path):
    """A real read-only file system (tmpfs mounted ro); skipped where mounting is not allowed."""
    point = tmp_path / "ro"
    point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(point)],
                          capture_output=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip("mounting a read-only file system needs root")
    yield point
    subprocess.run(["umount", str(point)], check=True)


def test_print_onto_a_read_only_mount_is_one_thai_line(demo_folder, read_only_mount, capsys):
    target = read_only_mount / "บันทึก.pdf"
    code = main(["--data-dir", str(demo_folder), "print", "measures", "--year", "2569",
                 "-o", str(target)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and err.strip() == (
        f"เขียนไฟล์ {target} ไม่ได้: แฟลชไดรฟ์หรือดิสก์เป็นแบบอ่านอย่างเดียว (ตรวจสลักกันเขียนของแฟลชไดรฟ์)"
    )


@pytest.mark.parametrize(("command", "suffix"), [(["print", "measures"], ".pdf"),
                                                 (["bundle", "export"], ".zip")])  # fmt: skip
def test_a_300_character_thai_file_name_is_one_thai_line(
    demo_folder, tmp_path, capsys, command, suffix
):
    target = tmp_path / ("รายงานผลการดำเนินงาน" * 15 + suffix)
    code = main(["--data-dir", str(demo_folder), *command, "--year", "2569", "-o", str(target)])
    err = capsys.readouterr().err
    assert code in (2, 4) and len(err.strip().splitlines()) == 1
    assert "ชื่อไฟล์หรือโฟลเดอร์ยาวเกินไป" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [demo_folder.name]


def test_every_text_field_has_a_limit_in_the_services(demo_db):
    """A 5 MB title, a 25,000-character paragraph, a 50,000-part memo: refused, not saved."""
    from itadesk.services import measures, memos, progress
    from itadesk.services.measures import MeasureInput

    before = dump(demo_db.path)
    first = measures.list_measures(demo_db, 2569)[0]
    with pytest.raises(ValidationError, match="ข้อความยาว ๕,๐๐๐,๐๐๐ ตัวอักษร เกินที่รับได้"):
        measures.add_measure(demo_db, 2569, MeasureInput(title="ก" * 5_000_000))
    with pytest.raises(ValidationError, match="เกินที่รับได้ \\(๒๐,๐๐๐\\)"):
        progress.set_progress(demo_db, first.id, 6, progress.ProgressInput("done", "ข" * 25_000))
    draft = memos.draft_memo(demo_db, "progress", 2569, 6)
    draft.parts = [{"title": "ส่วน", "text": "ค"}] * 50_000
    with pytest.raises(ValidationError, match="มี ๕๐,๐๐๐ รายการ เกินที่รับได้"):
        memos.save_memo(demo_db, draft)
    with pytest.raises(ValidationError, match="เกินที่รับได้"):
        office.add_unit(demo_db, "หน่วย" * 1000)
    assert dump(demo_db.path) == before
    # at the limits, everything is kept
    measures.add_measure(demo_db, 2569, MeasureInput(title="ก" * 1000, approach="ข" * 20_000))

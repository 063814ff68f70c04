"""What a clerk's Windows PC does differently, simulated on Linux (issue #16)."""

import logging
import os
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest

from itadesk.db.database import (
    DB_NAME,
    KEEP_BACKUPS,
    SCHEMA_REVISION,
    open_database,
    read_only_uri,
    stored_revision,
)
from itadesk.services import office
from tests.core.test_cli import REFERENCE
from tests.winsim import SHARING_VIOLATION, failing, win_error

ROOT = Path(__file__).resolve().parents[2]


def run_cli(args, encoding, cwd):
    """``python -m itadesk ARGS > file`` as on a Windows PC whose code page is ``encoding``."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "itadesk", *args], capture_output=True, env=env, cwd=cwd,
        timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("encoding", ["cp874", "cp1252"])
def test_redirected_output_is_utf8_in_any_code_page(encoding, tmp_path):
    score = run_cli(["score", "--year", "2566", "--scores", REFERENCE], encoding, tmp_path)
    assert score.returncode == 0, score.stderr.decode("utf-8", "replace")
    assert "คะแนนภาพรวม 96.98 ระดับ ผ่านดี" in score.stdout.decode("utf-8")
    refused = run_cli(["print", "memo-measures", "--year", "2569", "-o", "บันทึก.txt"], encoding,
                      tmp_path)  # fmt: skip
    assert refused.returncode == 2, refused.stderr.decode("utf-8", "replace")
    assert refused.stderr.decode("utf-8").strip() == (
        "«บันทึก.txt» ไม่ใช่ชื่อไฟล์ PDF หรือ Word: ชื่อไฟล์ปลายทางต้องลงท้ายด้วย .pdf หรือ .docx"
    )


def test_a_locked_old_backup_is_a_warning_not_a_refusal(tmp_path, monkeypatch, caplog):
    """Item 3: an antivirus holds the oldest backup; the app still opens and backs up."""
    data = tmp_path / "data"
    open_database(data).close()
    for _ in range(KEEP_BACKUPS):
        open_database(data).close()
    oldest = sorted((data / "backups").glob("*-open.sqlite"))[0]
    refused = failing(
        monkeypatch, "pathlib.Path.unlink", lambda path: win_error(SHARING_VIOLATION, path),
        when=lambda path, *a: path == oldest,
    )  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="itadesk.db.database"):
        db = open_database(data)
    db.close()
    backups = sorted((data / "backups").glob("*-open.sqlite"))
    assert refused == [oldest] and oldest in backups
    assert len(backups) == KEEP_BACKUPS + 1  # the new copy was kept, the old one stays
    assert f"old backup {oldest} not deleted" in caplog.text


@pytest.mark.parametrize("name", ["a#b%41", "ข้อมูล?#%"])
def test_data_folder_with_hash_or_percent(tmp_path, name):
    """Item 7: ``#`` cut the SQLite path and ``%41`` was read as ``A``."""
    data = tmp_path / name / "data"
    db = open_database(data)
    office.update_office(db, name="ทดสอบ")
    db.close()
    assert stored_revision(data / DB_NAME) == SCHEMA_REVISION
    db = open_database(data)
    assert office.get_office(db).name == "ทดสอบ"
    db.close()
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no stray "a" or "abA" folder


def test_read_only_uri_on_windows_paths():
    assert read_only_uri(PureWindowsPath("C:/Users/ก#%41/itadesk.sqlite")) == (
        "file:///C:/Users/%E0%B8%81%23%2541/itadesk.sqlite?mode=ro"
    )
    assert read_only_uri(PureWindowsPath(r"\\server\share\a b\x.sqlite")) == (
        "file:////server/share/a%20b/x.sqlite?mode=ro"
    )


@pytest.mark.parametrize("name", ["CON .txt", "CONIN$", "CONOUT$.log", "COM¹", "lpt³.pdf"])
def test_windows_device_names_are_never_file_names(name):
    """Item 9: Windows opens the console or a port for these, whatever the extension."""
    from itadesk.bundle.format import check_entry_name, safe_component

    assert safe_component(name) == "_" + name
    assert check_entry_name(f"pdf/{name}.pdf") == "ชื่อไฟล์เอกสารไม่ถูกต้อง"
    assert safe_component("CONSOLE.txt") == "CONSOLE.txt" and safe_component("COM10") == "COM10"


def test_access_denied_on_windows_names_the_real_cause(tmp_path, monkeypatch):
    """Item 5: Windows' C runtime says EACCES both for a file open in Acrobat and for a
    write-protected stick; the folder probe tells them apart."""
    from itadesk.errors import LOCKED, UserError
    from itadesk.fileops import write_file
    from tests.winsim import crt_error, on_windows, write_protected

    target = tmp_path / "บันทึก.pdf"
    target.write_bytes(b"%PDF old")
    on_windows(monkeypatch)
    failing(monkeypatch, "os.replace", crt_error)
    with pytest.raises(UserError) as raised:
        write_file(target, b"%PDF new")
    assert str(raised.value) == f"เขียนไฟล์ {target} ไม่ได้: {LOCKED}"
    assert target.read_bytes() == b"%PDF old" and os.listdir(tmp_path) == [target.name]
    monkeypatch.undo()
    stick = tmp_path / "stick"
    stick.mkdir()
    write_protected(monkeypatch, stick)
    failing(monkeypatch, "pathlib.Path.open", crt_error, when=lambda p, *a: p.parent == stick)
    with pytest.raises(UserError, match=r"อ่านอย่างเดียว \(ตรวจสลักกันเขียนของแฟลชไดรฟ์\)$"):
        write_file(stick / "บันทึก.pdf", b"%PDF new")
    assert os.listdir(stick) == []


def test_stored_evidence_is_never_written_over(demo_db, tmp_path, monkeypatch):
    """Item 2: the same content attached again, while a reader holds the stored file."""
    from itadesk.services import progress

    source = tmp_path / "ภาพ.jpg"
    source.write_bytes(b"\xff\xd8" + bytes(range(256)) * 40)
    sha, _size = progress.store_file(demo_db, source)
    stored = progress.attachment_path(demo_db, sha)
    os.utime(stored, (1_000_000, 1_000_000))
    before = stored.stat()
    # Windows refuses to rename onto a file that is open; shutil.move then copied over it
    failing(monkeypatch, "os.replace", lambda path: win_error(SHARING_VIOLATION, path))
    failing(monkeypatch, "os.rename", lambda path: win_error(SHARING_VIOLATION, path))
    assert progress.store_file(demo_db, source) == (sha, _size)
    after = stored.stat()
    assert (after.st_ino, after.st_mtime) == (before.st_ino, before.st_mtime)
    assert sorted(p.name for p in stored.parent.iterdir()) == [sha]
    assert [p for p in demo_db.files_dir.iterdir() if p.is_file()] == []  # no temporary left

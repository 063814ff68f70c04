"""Faults found by an outside attack on the bundle and the commands around it (issue 15)."""

import hashlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from itadesk.bundle import import_bundle, verify_bundle
from itadesk.bundle.format import bundle_file_name
from itadesk.bundle.verify import InvalidBundle
from itadesk.cli import main
from itadesk.db.database import open_database

ROOT = Path(__file__).resolve().parents[2]


def dump_file(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


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


def with_entries(source: Path, target: Path, extra: dict[str, bytes]) -> Path:
    """A copy of a bundle with more entries, each listed in a rebuilt (valid) manifest."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        manifest = json.loads(old.read("manifest.json"))
        for info in old.infolist():
            if info.filename != "manifest.json":
                new.writestr(info, old.read(info))
        for name, content in extra.items():
            new.writestr(name, content, zipfile.ZIP_DEFLATED)
            manifest["entries"].append(
                {"path": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
            )
        new.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
    return target


def stray(content: bytes, name: str = "x.bin") -> dict[str, bytes]:
    return {f"files/{hashlib.sha256(content).hexdigest()}/{name}": content}


def test_only_referenced_evidence_is_imported(good_bundle, tmp_path):
    content = os.urandom(1 << 20)
    bundle = with_entries(good_bundle, tmp_path / "b.zip", stray(content))
    db = open_database(tmp_path / "data")
    try:
        import_bundle(db, verify_bundle(bundle))
        stored = {p.name for p in db.files_dir.rglob("*") if p.is_file()}
    finally:
        db.close()
    assert hashlib.sha256(content).hexdigest() not in stored
    assert len(stored) == 2  # the two referenced contents (three attachments, one a copy)


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (lambda: {k: v for i in range(101) for k, v in stray(b"%d" % i).items()}, "๑๐๑ ไฟล์"),
        (lambda: stray(bytes(65 << 20)), "(๖๕.๐ MB)"),  # 65 MB of zeros: a 65 kB zip entry
    ],
)
def test_too_many_unreferenced_files_refuse_the_bundle(good_bundle, tmp_path, extra, said):
    bundle = with_entries(good_bundle, tmp_path / "b.zip", extra())
    assert bundle.stat().st_size < 1 << 20
    with pytest.raises(InvalidBundle, match="ไม่มีรายการใดอ้างถึง") as refused:
        verify_bundle(bundle)
    assert said in str(refused.value)


LATER = 11 * 60  # the clerk starts the app again some minutes after the crash
IMPORT = """
import sys
from pathlib import Path
from itadesk.bundle import import_bundle, verify_bundle
from itadesk.db.database import open_database
db = open_database(Path(sys.argv[1]), backup_on_open=False)
import_bundle(db, verify_bundle(Path(sys.argv[2])))
"""


def big_evidence_bundle(tmp_path: Path) -> Path:
    """A bundle with a 120 MB evidence file: its copy takes long enough to be killed."""
    from itadesk.bundle import export_bundle
    from itadesk.services import measures, progress
    from itadesk.services.demo import fill_demo

    source = open_database(tmp_path / "source")
    fill_demo(source)
    photo = tmp_path / "วิดีโอกิจกรรม.mp4"
    photo.write_bytes(os.urandom(120 << 20))
    progress.attach_file(source, measures.list_measures(source, 2569)[0].id, 6, photo)
    bundle = export_bundle(source, tmp_path / "big.zip", years=[]).path
    source.close()
    return bundle


def test_kill_9_during_an_import_leaves_leftovers_that_the_next_start_removes(tmp_path):
    bundle = big_evidence_bundle(tmp_path)
    data = tmp_path / "data"
    open_database(data).close()
    before = dump_file(data / "itadesk.sqlite")
    leftovers: list[Path] = []
    for _attempt in range(3):  # the kill must land while the evidence file is being copied
        child = subprocess.Popen([sys.executable, "-c", IMPORT, str(data), str(bundle)],
                                 env={**os.environ, "PYTHONPATH": str(ROOT)})  # fmt: skip
        while child.poll() is None and not (leftovers := list((data / "files").glob("tmp*"))):
            time.sleep(0.002)
        child.send_signal(signal.SIGKILL)
        child.wait()
        if leftovers:
            break
    assert leftovers, "the import finished before it could be killed"
    # a backup cut off by kill -9 leaves its journal (SQLite's hot journal) beside it
    cut = data / "backups" / "itadesk-20261203-101500-000000-open.sqlite"
    cut.parent.mkdir()
    subprocess.run([sys.executable, "-c", (
        "import os, signal, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE t (x)'); c.commit()\n"
        "c.execute('INSERT INTO t VALUES (1)'); os.kill(os.getpid(), signal.SIGKILL)\n"
    ), str(cut)])  # fmt: skip
    journal = cut.with_name(cut.name + "-journal")
    assert journal.exists()
    fresh = data / "files" / "tmpfresh"  # another ITADesk's copy in progress: left alone
    fresh.write_bytes(b"in use")
    for path in [*leftovers, journal]:
        os.utime(path, (time.time() - LATER, time.time() - LATER))

    open_database(data).close()  # the next start

    assert sorted(p.name for p in (data / "files").rglob("*") if p.is_file()) == ["tmpfresh"]
    assert not journal.exists() and not cut.exists()
    assert dump_file(data / "itadesk.sqlite") == before  # the killed import changed nothing


def test_the_font_cache_of_an_earlier_version_goes_at_the_next_start(tmp_path):
    data = tmp_path / "data"
    open_database(data).close()
    cache = data / "cache"
    cache.mkdir()
    kept, cut = cache / "Sarabun-Regular-ab.ttf.cache", cache / ".x.ttf.cache.1.part"
    for path in (kept, cut):
        path.write_bytes(b"font")
    open_database(data).close()
    assert not cache.exists() and (data / "itadesk.sqlite").exists()


def test_evidence_no_attachment_refers_to_goes_after_a_day(evidence_db, tmp_path):
    from itadesk.services import progress

    day = 24 * 3600
    stored = {p.name: p for p in evidence_db.files_dir.rglob("*") if p.is_file()}
    keep_for_backup, delete = sorted(stored)
    backup_copy = evidence_db.data_dir / "backups" / "itadesk-20261203-090000-000000-open.sqlite"
    backup_copy.parent.mkdir(exist_ok=True)
    with sqlite3.connect(evidence_db.path) as source, sqlite3.connect(backup_copy) as conn:
        source.backup(conn)  # the backup knows only the first content
        conn.execute("DELETE FROM attachment WHERE sha256 = ?", (delete,))
    with sqlite3.connect(evidence_db.path) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM attachment")]
    for attachment_id in ids:
        progress.delete_attachment(evidence_db, attachment_id)
    young = evidence_db.files_dir / "ab" / ("ab" + "0" * 62)
    young.parent.mkdir(exist_ok=True)
    young.write_bytes(b"copied a minute ago by an import still running")
    for path in stored.values():
        os.utime(path, (time.time() - 2 * day, time.time() - 2 * day))
    open_database(evidence_db.data_dir).close()
    left = sorted(p.name for p in evidence_db.files_dir.rglob("*") if p.is_file())
    assert left == sorted([keep_for_backup, young.name])


def test_a_5_mb_title_in_a_bundle_is_refused(good_bundle, tmp_path):
    from tests.bundle.conftest import with_data

    def long_title(tables):
        tables["measure"][0]["title"] = "ก" * 5_000_000

    bundle = with_data(good_bundle, tmp_path / "b.zip", long_title)
    with pytest.raises(InvalidBundle, match="title: ข้อความยาว ๕,๐๐๐,๐๐๐ ตัวอักษร เกินที่รับได้"):
        verify_bundle(bundle)


def test_a_50000_part_memo_in_a_bundle_is_refused(good_bundle, tmp_path):
    from tests.bundle.conftest import with_data

    def many_parts(tables):
        memo = {"uuid": "m-1", "fiscal_year_uuid": tables["fiscal_year"][0]["uuid"],
                "kind": "measures", "parts": [{"title": "ส่วน", "text": "ข้อความ"}] * 50_000}
        tables["memo"].append(memo)  # fmt: skip

    bundle = with_data(good_bundle, tmp_path / "b.zip", many_parts)
    with pytest.raises(InvalidBundle, match="parts: มี ๕๐,๐๐๐ รายการ เกินที่รับได้"):
        verify_bundle(bundle)


def test_a_future_timestamp_does_not_block_later_edits(demo_db, tmp_path):
    from itadesk.bundle import export_bundle, plan_import
    from tests.bundle.conftest import with_data

    own = export_bundle(demo_db, tmp_path / "own.zip", years=[]).path

    def edited(text: str, at: str):
        def edit(tables):
            entry = min(tables["progress_entry"], key=lambda r: r["uuid"])
            entry.update(done_text=text, updated_at=at)

        return with_data(own, tmp_path / f"{text}.zip", edit)

    def done_text() -> str:
        with sqlite3.connect(demo_db.path) as conn:
            return conn.execute("SELECT done_text FROM progress_entry ORDER BY uuid").fetchone()[0]

    import_bundle(demo_db, verify_bundle(edited("จากเครื่องนาฬิกาเพี้ยน", "9999-12-31T00:00:00")))
    assert done_text() == "จากเครื่องนาฬิกาเพี้ยน"
    later = (datetime.now() + timedelta(hours=1)).isoformat()
    import_bundle(demo_db, verify_bundle(edited("แก้จริงภายหลัง", later)))
    assert done_text() == "แก้จริงภายหลัง"  # not kept out by 9999-12-31
    # this PC's own clock ran far ahead when the row was saved
    with sqlite3.connect(demo_db.path) as conn:
        conn.execute("UPDATE progress_entry SET updated_at = '3000-01-01 00:00:00.000000'")
    import_bundle(demo_db, verify_bundle(edited("แก้อีกครั้ง", later)))
    assert done_text() == "แก้อีกครั้ง"
    # an older copy is kept, and the preview says so even when nothing else changes
    plan = plan_import(demo_db, verify_bundle(edited("ฉบับเก่า", "2000-01-01T00:00:00")))
    assert plan.is_noop
    kept = [line for line in plan.preview_lines() if line.startswith("  = คงไว้")]
    assert len(kept) == 1 and kept[0].endswith("(ข้อมูลในเครื่องนี้ใหม่กว่า)")


MARKUP = 'pdf/<h2 style="color:green">ตรวจแล้วถูกต้อง</h2>.pdf'


def green_pixels(widget) -> int:
    image = widget.grab().toImage()
    return sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if (c := image.pixelColor(x, y)).green() > 90 and c.red() < 60 and c.blue() < 60
    )


def test_names_from_a_bundle_are_shown_as_plain_text(qtbot, tmp_path, demo_db):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from itadesk.ui.bundle_dialogs import ImportDialog
    from itadesk.ui.widgets.common import WrapLabel, _box

    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr(MARKUP, b"%PDF-1.4")
    dialog = ImportDialog(demo_db)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as failed:
        dialog.load(bundle)
    qtbot.waitUntil(lambda: not dialog.busy())
    assert MARKUP in failed.args[0]
    dialog.show()
    qtbot.waitExposed(dialog)
    assert green_pixels(dialog.status) == 0  # no green heading: the tags show as text
    assert dialog.status.textFormat() == Qt.TextFormat.PlainText
    label = WrapLabel(failed.args[0])  # measure titles, document states…
    box = _box(None, QMessageBox.Icon.Warning, "ITADesk", failed.args[0])  # every message box
    for widget in (label, box):
        qtbot.addWidget(widget)
        assert widget.textFormat() == Qt.TextFormat.PlainText


def test_control_characters_from_a_bundle_never_reach_the_terminal(good_bundle, tmp_path, capsys):
    from tests.bundle.conftest import with_data

    escape = "\x1b[2J\x1b[31mสำนักงานปลอม\x07"

    def rename(tables):
        tables["office"][0]["name"] = escape
        tables["measure"][0]["title"] = f"มาตรการ{escape}"

    data_only = with_data(good_bundle, tmp_path / "d.zip", rename)
    bundle = tmp_path / "b.zip"
    with zipfile.ZipFile(data_only) as old, zipfile.ZipFile(bundle, "w") as new:
        for info in old.infolist():
            content = old.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(content)
                manifest["office"]["name"] = escape
                content = json.dumps(manifest).encode()
            new.writestr(info, content)
    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "demo"]) == 0
    assert main(["bundle", "verify", str(bundle)]) == 0
    assert main(["--data-dir", str(other), "bundle", "import", str(bundle), "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "สำนักงานปลอม" in out.out and "มาตรการ[2J[31mสำนักงานปลอม" in out.out
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out.out + out.err)


@pytest.fixture
def small_stick(tmp_path):
    """A real 24 MB file system (tmpfs); skipped where mounting is not allowed."""
    point = tmp_path / "stick"
    point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(point)],
                          capture_output=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip("mounting a small file system needs root")
    yield point
    subprocess.run(["umount", str(point)], check=True)


def attach(db, tmp_path: Path, name: str, content: bytes) -> None:
    from itadesk.services import measures, progress

    source = tmp_path / name
    source.write_bytes(content)
    progress.attach_file(db, measures.list_measures(db, 2569)[0].id, 6, source)


def test_the_space_check_counts_evidence_as_it_will_be_deflated(demo_db, tmp_path, small_stick):
    """60 MB of a compressible report fits a 24 MB stick once deflated; the check knows it."""
    from itadesk.bundle import export_bundle

    lines = (f"รายการที่ {i} ผลการดำเนินงาน {i * 7919 % 100_003} บาท\n" for i in range(20_000))
    report = "".join(lines).encode()[: 1 << 20] * 60
    attach(demo_db, tmp_path, "รายงาน.csv", report)
    result = export_bundle(demo_db, small_stick, years=[])
    assert result.size < 24 << 20 and verify_bundle(result.path).files


def test_a_disk_that_fills_all_the_same_fails_cleanly(demo_db, tmp_path, small_stick):
    """The first 256 kB deflate well, the rest not at all: the estimate is too low."""
    from itadesk.bundle import export_bundle
    from itadesk.errors import BundleError

    attach(demo_db, tmp_path, "บันทึก.txt", bytes(256 << 10) + os.urandom(40 << 20))
    with pytest.raises(BundleError, match="เต็ม"):
        export_bundle(demo_db, small_stick, years=[])
    assert list(small_stick.iterdir()) == []

"""Generated hostile bundles against a real data folder (issue 15).

Each bundle is a valid export of the office with one hostile change, its manifest rebuilt so
that only the deeper checks can refuse it. After every import attempt: a refused bundle
leaves the database byte-identical and the evidence folder as it was; nothing is ever
written outside the data folder; and afterwards the documents still print in bounded time.
"""

import hashlib
import json
import os
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from itadesk.bundle import export_bundle, import_bundle, verify_bundle
from itadesk.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
PRINT_SECONDS = 120  # far above a normal print (a few seconds), far below "never finishes"
ODD_VALUES = [
    None, True, -1, 2**62, 1e308, "", "ก" * 50_000, "x" * 1_000_001, [], {}, ["ก"] * 10_000,
    {"a": "b"}, "9999-12-31T23:59:59", "0001-01-01T00:00:00+14:00", "\x1b[2J\x1b[31m",
    '<h2 style="color:green">ตรวจแล้วถูกต้อง</h2>', "../../../../tmp/pwned", "C:\\Windows\\x",
    [{"title": "ส่วน", "text": "ข" * 30_000}] * 5, "๙_๙", "NaN", "1e999",
]  # fmt: skip


def rebuild(source: Path, target: Path, tables_edit=None, extra=None, raw_data=None) -> Path:
    """A copy of ``source`` with edited tables (or raw data.json) and extra entries."""
    with zipfile.ZipFile(source) as old:
        manifest = json.loads(old.read("manifest.json"))
        document = json.loads(old.read("data.json"))
        if tables_edit:
            tables_edit(document["tables"])
        data = raw_data if raw_data is not None else json.dumps(document).encode()
        added = dict(extra or {})
        by_path = {item["path"]: item for item in manifest["entries"]}
        by_path["data.json"].update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
        for name, content in added.items():
            by_path[name] = {"path": name, "size": len(content),
                             "sha256": hashlib.sha256(content).hexdigest()}  # fmt: skip
        manifest["entries"] = list(by_path.values())
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                if info.filename not in ("manifest.json", "data.json"):
                    new.writestr(info, old.read(info))
            new.writestr("data.json", data)
            for name, content in added.items():
                new.writestr(name, content)
            new.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
    return target


def hostile_bundles(base: Path, folder: Path, rng: random.Random):
    """(what, bundle) pairs: targeted cases first, then random values in random fields."""
    document = json.loads(zipfile.ZipFile(base).read("data.json"))
    filled = [(t, rows) for t, rows in document["tables"].items() if rows]

    def setting(table, column, value, row=0):
        return lambda tables: tables[table][row].__setitem__(column, value)

    def stray(content: bytes, name: str = "x.bin"):
        return {f"files/{hashlib.sha256(content).hexdigest()}/{name}": content}

    def memo_of(parts: int):
        def edit(tables):
            year = tables["fiscal_year"][0]["uuid"]
            text = [{"title": "ส่วน", "text": "ข"}] * parts
            tables["memo"].append(
                {"uuid": "m-1", "fiscal_year_uuid": year, "kind": "measures", "parts": text}
            )

        return edit

    many = {k: v for i in range(101) for k, v in stray(b"%d" % i).items()}
    cases = [
        ("5 MB title", {"tables_edit": setting("measure", "title", "ก" * 5_000_000)}),
        ("50,000-part memo", {"tables_edit": memo_of(50_000)}),
        ("far future", {"tables_edit": setting("progress_entry", "updated_at", "9999-12-31")}),
        ("101 stray files", {"extra": many}),
        ("80 MB stray zeros", {"extra": stray(bytes(80 << 20))}),
        ("deep JSON", {"raw_data": b"[" * 100_000 + b"]" * 100_000}),
        ("not JSON", {"raw_data": b"\xff\xfe not json"}),
        ("traversal filename", {"tables_edit": setting("attachment", "filename", "../../e.txt")}),
        ("markup entry", {"extra": {'pdf/<h2 style="color:green">ตรวจแล้ว</h2>.pdf': b"%PDF"}}),
        ("escape office", {"tables_edit": setting("office", "name", "\x1b[2J\x1b[31mปลอม")}),
    ]
    for _ in range(40):
        table, rows = rng.choice(filled)
        row = rng.randrange(len(rows))
        column = rng.choice(sorted(rows[row]))
        value = rng.choice(ODD_VALUES)
        cases.append((f"{table}[{row}].{column} = {str(value)[:30]!r}",
                      {"tables_edit": setting(table, column, value, row)}))  # fmt: skip
    for index, (what, change) in enumerate(cases):
        yield what, rebuild(base, folder / f"hostile-{index}.zip", **change)


def snapshot(db) -> tuple[bytes, list[str]]:
    db.engine.dispose()  # the WAL checkpointed into the file: compare the file's bytes
    import sqlite3

    with sqlite3.connect(db.path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    files = sorted(str(p.relative_to(db.files_dir)) for p in db.files_dir.rglob("*"))
    return db.path.read_bytes(), files


def everything_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


def test_hostile_bundles(evidence_db, tmp_path, monkeypatch):
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)  # a stray relative write would land here
    bundles = tmp_path / "bundles"
    bundles.mkdir()
    base = export_bundle(evidence_db, bundles / "base.zip", years=[]).path
    outside_before = everything_under(tmp_path) - everything_under(evidence_db.data_dir)
    refused = accepted = 0
    for what, bundle in hostile_bundles(base, bundles, random.Random(15)):
        before = snapshot(evidence_db)
        try:
            import_bundle(evidence_db, verify_bundle(bundle), confirm_other_office=True)
            accepted += 1
        except UserError:
            refused += 1
            assert snapshot(evidence_db) == before, what
        bundle.unlink()
    outside_after = everything_under(tmp_path) - everything_under(evidence_db.data_dir)
    assert outside_after == outside_before  # nothing written beside the data folder
    assert list(work.iterdir()) == [] and not Path("/tmp/pwned").exists()
    print(f"\nrefused {refused}, accepted {accepted}")
    assert refused >= 10 and accepted >= 1
    for kind, more in (("measures", []), ("memo-measures", []), ("progress", ["--round", "6"])):
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "itadesk", "--data-dir", str(evidence_db.data_dir), "print",
             kind, "--year", "2569", *more, "-o", str(tmp_path / f"{kind}.pdf")],
            capture_output=True, text=True, timeout=PRINT_SECONDS,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        print(f"print {kind}: {time.monotonic() - started:.1f} s")
        assert time.monotonic() - started < PRINT_SECONDS

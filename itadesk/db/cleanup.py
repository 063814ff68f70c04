"""Leftovers in the data folder, removed when the app (or a writing command) opens it.

* ``files/tmp*``: the temporary copy of an evidence file that an import or an attachment was
  writing when its program was killed;
* ``backups/*-journal`` and the backup beside it: a backup cut off half-way;
* ``cache/``: the font faces earlier versions kept there (this one keeps none);
* ``files/<xx>/<sha256>`` that no attachment refers to, in the database or in any backup
  (a backup may be restored, and then needs them): the evidence of a deleted attachment.

Another ITADesk may be working in the same folder at that moment, so only what nobody has
touched for a while goes: a temporary file is written to all the time while it is in use,
and an evidence file is copied in shortly before the transaction that refers to it.
"""

import sqlite3
import time
from collections.abc import Iterable
from contextlib import closing, suppress
from pathlib import Path

from itadesk.db.models import SHA256_HEX

STALE_SECONDS = 10 * 60  # a temporary file untouched this long belongs to no running program
ORPHAN_SECONDS = 24 * 3600  # an evidence file may wait this long for its transaction


def _old(path: Path, seconds: float, now: float) -> bool:
    try:
        return path.is_file() and now - path.stat().st_mtime > seconds
    except OSError:
        return False


def _referenced(databases: Iterable[Path]) -> set[str] | None:
    """Every attachment's SHA-256 in these files; None when one cannot be read (keep all)."""
    found: set[str] = set()
    for path in databases:
        try:
            uri = f"{path.resolve().as_uri()}?mode=ro"
            with closing(sqlite3.connect(uri, uri=True)) as conn:
                found.update(r[0] for r in conn.execute("SELECT sha256 FROM attachment"))
        except sqlite3.Error:
            return None
    return found


def clean_leftovers(data_dir: Path, database: Path, now: float | None = None) -> list[Path]:
    """Remove the leftovers described above; returns what was removed. Never raises for a
    file that cannot be removed (it is tried again next time)."""
    now = time.time() if now is None else now
    files, backups = data_dir / "files", data_dir / "backups"
    doomed = [p for p in files.glob("tmp*") if _old(p, STALE_SECONDS, now)]
    doomed += [p for p in (data_dir / "cache").glob("*") if p.is_file()]
    for journal in backups.glob("*-journal"):
        if _old(journal, STALE_SECONDS, now):
            doomed += [journal, journal.with_name(journal.name.removesuffix("-journal"))]
    stored = [
        p for p in files.glob("??/*")
        if SHA256_HEX.fullmatch(p.name) and _old(p, ORPHAN_SECONDS, now)
    ]  # fmt: skip
    if stored:
        complete = [p for p in backups.glob("itadesk-*.sqlite") if p not in doomed]
        referenced = _referenced([database, *complete])
        if referenced is not None:
            doomed += [p for p in stored if p.name not in referenced]
    removed = []
    for path in doomed:
        with suppress(OSError):
            path.unlink()
            removed.append(path)
    with suppress(OSError):
        (data_dir / "cache").rmdir()
    return removed

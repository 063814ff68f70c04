"""Write the sample database of a past schema into tests/data (the migration tests open it).

The demo office is filled at the newest schema, then migrated down to the revision asked for
with the migrations' own ``downgrade``, so a sample holds what that schema can hold.

    PYTHONPATH=. .venv/bin/python scripts/sample_db.py          # every past revision missing
    PYTHONPATH=. .venv/bin/python scripts/sample_db.py 0003     # that revision, rewritten
"""

import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import create_engine, event

from itadesk.db.database import (
    DB_NAME,
    SCHEMA_REVISION,
    _alembic_config,
    engine_url,
    known_revisions,
    open_database,
)
from itadesk.services.demo import fill_demo

SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "data"


def sample_path(revision: str) -> Path:
    return SAMPLES / f"schema-{revision}-demo.sqlite"


def write_sample(revision: str) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder), backup_on_open=False)
        fill_demo(db)
        db.close()
        path = Path(folder) / DB_NAME
        engine = create_engine(engine_url(path))

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # rebuilt tables keep children

        with engine.begin() as connection:
            config = _alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
        engine.dispose()
        target = sample_path(revision)
        target.unlink(missing_ok=True)
        with sqlite3.connect(path) as source:
            source.execute("VACUUM INTO ?", (str(target),))
    return target


def main(argv: list[str]) -> int:
    past = sorted(known_revisions() - {SCHEMA_REVISION})
    wanted = argv or [r for r in past if not sample_path(r).exists()]
    unknown = [r for r in wanted if r not in past]
    if unknown:
        print(f"not a past revision: {', '.join(unknown)} (past: {', '.join(past)})")
        return 2
    for revision in wanted:
        print(f"wrote {write_sample(revision)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

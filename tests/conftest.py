import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# every Qt test needs the PySide6 6.12 / Python 3.11 work-around (see itadesk/ui/compat.py)
from itadesk.ui.compat import pin_singletons

pin_singletons()

from itadesk.db.database import Database, open_database  # noqa: E402

# facts taken from the reference documents, kept inside the repository (see docs/scoring.md)
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = open_database(tmp_path / "data")
    yield database
    database.close()


@pytest.fixture
def demo_db(db: Database) -> Database:
    from itadesk.services.demo import fill_demo

    fill_demo(db)
    return db

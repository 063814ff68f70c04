import sqlite3
from contextlib import closing

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from itadesk.db.database import DB_NAME, KEEP_BACKUPS, open_database
from itadesk.db.models import Base
from itadesk.errors import DatabaseError
from itadesk.services import office


def test_migrations_build_the_models_schema(db):
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_pragmas(db):
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_newer_database_is_refused_and_left_alone(tmp_path):
    data = tmp_path / "data"
    open_database(data).close()
    with closing(sqlite3.connect(data / DB_NAME)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
        conn.commit()
    before = (data / DB_NAME).read_bytes()
    with pytest.raises(DatabaseError, match="รุ่นที่ใหม่กว่า"):
        open_database(data)
    assert (data / DB_NAME).read_bytes() == before


def test_database_without_its_version_is_refused_and_left_alone(tmp_path):
    data = tmp_path / "data"
    open_database(data, backup_on_open=False).close()
    with closing(sqlite3.connect(data / DB_NAME)) as conn:
        conn.execute("DELETE FROM alembic_version")
        conn.commit()
    before = (data / DB_NAME).read_bytes()
    with pytest.raises(DatabaseError, match=r"ไม่ได้ระบุรุ่นของโครงสร้าง .* ไม่ได้แก้ไขไฟล์นี้"):
        open_database(data)
    assert (data / DB_NAME).read_bytes() == before


def test_a_database_locked_by_another_program_gives_a_thai_message(tmp_path, monkeypatch):
    monkeypatch.setattr("itadesk.db.database.BUSY_TIMEOUT_MS", 50)
    db = open_database(tmp_path / "data", backup_on_open=False)
    office.update_office(db, name="ก่อน")
    with closing(sqlite3.connect(db.path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # another ITADesk window in the middle of a save
        with pytest.raises(DatabaseError, match=r"ถูกโปรแกรมอื่นใช้อยู่.*ข้อมูลไม่ถูกแก้ไข"):
            office.update_office(db, name="หลัง")
        other.execute("ROLLBACK")
    assert office.get_office(db).name == "ก่อน"
    db.close()


def test_foreign_file_is_refused(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    with closing(sqlite3.connect(data / DB_NAME)) as conn:
        conn.execute("CREATE TABLE other (x)")
    with pytest.raises(DatabaseError, match="ไม่ใช่ฐานข้อมูลของ ITADesk"):
        open_database(data)


def test_garbage_file_is_refused(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_NAME).write_bytes(b"not a database at all" * 100)
    with pytest.raises(DatabaseError, match="เสียหาย"):
        open_database(data)


def test_unwritable_folder_gives_thai_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseError, match="เขียนข้อมูลลงโฟลเดอร์"):
        open_database(blocker / "data")


def test_rolling_backups_keep_the_last_ten(tmp_path):
    data = tmp_path / "data"
    db = open_database(data)
    office.update_office(db, name="ทดสอบ")
    db.close()
    for _ in range(KEEP_BACKUPS + 3):
        open_database(data).close()
    backups = sorted((data / "backups").glob("*.sqlite"))
    assert len(backups) == KEEP_BACKUPS
    with closing(sqlite3.connect(backups[-1])) as conn:
        assert conn.execute("SELECT name FROM office").fetchone() == ("ทดสอบ",)


def test_failed_transaction_leaves_nothing(db):
    office.update_office(db, name="ก่อน")
    with pytest.raises(RuntimeError), db.session() as session:
        from itadesk.db.models import Office

        session.query(Office).one().name = "ระหว่าง"
        session.flush()
        raise RuntimeError("power cut")
    assert office.get_office(db).name == "ก่อน"


def test_database_of_each_past_schema_opens_with_its_data(tmp_path):
    """Sample databases written by earlier versions are backed up, migrated and read."""
    import shutil
    from pathlib import Path

    from itadesk.services import measures

    samples = sorted((Path(__file__).parents[1] / "data").glob("schema-*.sqlite"))
    assert samples
    for sample in samples:
        data = tmp_path / sample.stem
        data.mkdir()
        shutil.copy(sample, data / DB_NAME)
        db = open_database(data)
        assert office.get_office(db).name == "ทุ่งสุขสันต์"
        assert len(measures.list_measures(db, 2569)) == 15
        db.close()
        assert list((data / "backups").glob("*.sqlite"))


def test_every_past_revision_has_its_sample_database():
    """docs/data-model.md promises a sample of every past schema; scripts/sample_db.py writes
    the missing ones."""
    import sqlite3
    from pathlib import Path

    from itadesk.db.database import SCHEMA_REVISION, known_revisions

    samples = {}
    for path in (Path(__file__).parents[1] / "data").glob("schema-*.sqlite"):
        with sqlite3.connect(path) as connection:
            [(version,)] = connection.execute("SELECT version_num FROM alembic_version")
        assert path.name.startswith(f"schema-{version}-"), path.name
        samples[version] = path
    missing = sorted(known_revisions() - {SCHEMA_REVISION} - set(samples))
    assert not missing, f"no sample database of {missing}: run scripts/sample_db.py"


def test_schema_revision_constant_is_alembic_head():
    from alembic.script import ScriptDirectory

    from itadesk.db.database import SCHEMA_REVISION, _alembic_config

    assert ScriptDirectory.from_config(_alembic_config()).get_current_head() == SCHEMA_REVISION


def test_failed_migration_leaves_the_old_schema(tmp_path, monkeypatch):
    """A migration that fails half-way is rolled back whole; the next start migrates."""
    import shutil
    from pathlib import Path

    from itadesk.db.database import SCHEMA_REVISION, stored_revision

    sample = Path(__file__).parents[1] / "data" / "schema-0001-demo.sqlite"
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(sample, data / DB_NAME)
    from alembic.operations import Operations

    real = Operations.batch_alter_table
    calls = []

    def fail_on_third(self, *args, **kwargs):  # two ALTERs done, then the power goes
        calls.append(args)
        if len(calls) == 3:
            raise RuntimeError("power cut")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Operations, "batch_alter_table", fail_on_third)
    with pytest.raises(DatabaseError, match="ข้อมูลยังเป็นรุ่นเดิม"):
        open_database(data)
    assert stored_revision(data / DB_NAME) == "0001"
    with closing(sqlite3.connect(data / DB_NAME)) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(finding)")}
    assert "heading" not in columns
    with closing(sqlite3.connect(data / DB_NAME)) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(office)")}
    assert "measure_columns" not in columns  # the first ALTER was rolled back too
    monkeypatch.setattr(Operations, "batch_alter_table", real)
    open_database(data).close()
    assert stored_revision(data / DB_NAME) == SCHEMA_REVISION


def test_start_up_backups_never_push_out_a_migration_backup(tmp_path):
    from itadesk.db.database import backup

    data = tmp_path / "data"
    open_database(data).close()
    backup(data / DB_NAME, "before-import")
    for _ in range(KEEP_BACKUPS + 2):
        open_database(data).close()
    names = [p.name for p in (data / "backups").glob("*.sqlite")]
    assert sum(n.endswith("-before-import.sqlite") for n in names) == 1
    assert sum(n.endswith("-open.sqlite") for n in names) == KEEP_BACKUPS

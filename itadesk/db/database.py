"""Opening the database file: pragmas, version check, backup, migration.

The file is ``itadesk.sqlite`` in the data folder, evidence files live under ``files/`` and
rolling backups under ``backups/``.
"""

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from itadesk.errors import DatabaseError, NotFoundError, os_reason

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

DB_NAME = "itadesk.sqlite"
# the newest migration; a test checks it against Alembic, which is only imported to migrate
SCHEMA_REVISION = "0007"
KEEP_BACKUPS = 10
BUSY_TIMEOUT_MS = 5000  # how long a write waits for another program's lock
MIGRATIONS = Path(__file__).with_name("migrations")


def _alembic_config() -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def engine_url(path: Path) -> URL:
    """The SQLAlchemy URL of a database file, whatever its folder is called (``#``, ``%41``)."""
    return URL.create("sqlite", database=str(path))


def read_only_uri(path: PurePath) -> str:
    """A ``file:`` URI opening the absolute ``path`` read-only; ``#``, ``?`` and ``%`` quoted.

    ``C:\\ข้อมูล`` becomes ``file:///C:/…``, a network share ``file:////server/share/…``
    (SQLite accepts no host name in the authority).
    """
    text = path.as_posix()
    if not text.startswith("/"):
        text = "/" + text  # a drive letter
    return f"file://{quote(text, safe='/:')}?mode=ro"


def stored_revision(path: Path) -> str | None:
    """The schema revision written in a database file, or None for an empty file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        with closing(sqlite3.connect(read_only_uri(path.absolute()), uri=True)) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                if tables:
                    raise DatabaseError(f"ไฟล์ {path} ไม่ใช่ฐานข้อมูลของ ITADesk")
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if row is not None and row[0] == SCHEMA_REVISION:
                _check_tables(conn, path)
    except sqlite3.DatabaseError as error:
        if _in_use(str(error)):
            raise DatabaseError(f"เปิดฐานข้อมูล {path} ไม่ได้: {IN_USE}") from error
        raise DatabaseError(f"เปิดไฟล์ฐานข้อมูล {path} ไม่ได้: ไฟล์เสียหายหรือไม่ใช่ฐานข้อมูล") from error
    if row is None and tables != {"alembic_version"}:
        raise DatabaseError(
            f"ฐานข้อมูล {path} ไม่ได้ระบุรุ่นของโครงสร้าง (ไฟล์อาจเสียหาย): ไม่ได้แก้ไขไฟล์นี้ "
            "โปรดกู้คืนจากสำเนาในโฟลเดอร์ backups"
        )
    return row[0] if row else None


def _check_tables(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file of the current revision that lacks a table or column of ours."""
    from itadesk.db.models import Base

    for table in Base.metadata.sorted_tables:
        present = {r[1] for r in conn.execute(f'PRAGMA table_info("{table.name}")')}
        lacking = [c.name for c in table.columns if c.name not in present]
        if lacking:
            what = f"ตาราง {table.name}" if not present else f"ช่อง {table.name}.{lacking[0]}"
            raise DatabaseError(
                f"ไฟล์ {path} ไม่ใช่ฐานข้อมูลของ ITADesk หรือถูกแก้ไขจากภายนอก (ไม่มี{what}): "
                "ไม่ได้แก้ไขไฟล์นี้ โปรดกู้คืนจากสำเนาในโฟลเดอร์ backups"
            )


def backup(path: Path, reason: str = "auto") -> Path | None:
    """Copy the database with SQLite's online backup.

    The newest ``KEEP_BACKUPS`` of each reason are kept, so the copies taken at every start
    never push out the one taken before a migration or an import. An old copy that cannot be
    deleted (held by an antivirus or a backup program) is only a logged warning: the new copy
    is made, so the app still opens and imports.
    """
    if not path.exists():
        return None
    folder = path.parent / "backups"
    target = folder / f"itadesk-{datetime.now():%Y%m%d-%H%M%S-%f}-{reason}.sqlite"
    try:
        folder.mkdir(exist_ok=True)
        with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
    except (OSError, sqlite3.Error) as error:
        target.unlink(missing_ok=True)
        if _in_use(str(error)):
            raise DatabaseError(f"สำรองฐานข้อมูลไม่ได้: {IN_USE}") from error
        raise DatabaseError(
            f"สำรองฐานข้อมูลไม่ได้ ({error}): ตรวจสอบพื้นที่ว่างของดิสก์ แล้วลองใหม่"
        ) from error
    for old in sorted(folder.glob(f"itadesk-*-{reason}.sqlite"))[:-KEEP_BACKUPS]:
        try:
            old.unlink()
        except OSError as error:
            log.warning("old backup %s not deleted: %s", old, error)
    return target


class Database:
    """One office's database file and the folder around it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / DB_NAME
        self.files_dir = data_dir / "files"
        self.engine: Engine = create_engine(engine_url(self.path))
        event.listen(self.engine, "connect", _on_connect)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self, immediate: bool = False) -> Iterator[Session]:
        """A short-lived session whose work is one transaction: committed or rolled back.

        ``immediate``: take the write lock before the first read, so that what the work
        checks (a name is free, a row is not there yet) still holds when it writes, even
        with another process writing the same file.
        A file that another program holds locked, or that cannot be written, is a Thai
        ``DatabaseError``; the transaction is rolled back, so nothing was changed.
        """
        try:
            with self._sessions() as session, session.begin():
                if immediate:
                    session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                yield session
        except OperationalError as error:
            reason = _unusable(error)
            if reason is None:
                raise
            raise DatabaseError(f"บันทึกลงฐานข้อมูลไม่ได้: {reason} (ข้อมูลไม่ถูกแก้ไข)") from error

    def close(self) -> None:
        self.engine.dispose()


IN_USE = "ไฟล์ฐานข้อมูลถูกโปรแกรมอื่นใช้อยู่ (เช่น ITADesk อีกหน้าต่างหนึ่ง) โปรดปิดแล้วลองใหม่"


def _in_use(text: str) -> bool:
    """SQLite's words for a file that another connection holds locked."""
    return "locked" in text.lower() or "busy" in text.lower()


def _unusable(error: OperationalError) -> str | None:
    """Why SQLite could not use the file, in Thai; None for anything else (a bug)."""
    text = str(error.orig).lower()
    if _in_use(text):
        return IN_USE
    if "readonly" in text or "read-only" in text:
        return "ไฟล์ฐานข้อมูลเป็นแบบอ่านอย่างเดียว โปรดตรวจสอบสิทธิ์ของไฟล์และโฟลเดอร์ข้อมูล"
    if "disk" in text and ("full" in text or "i/o" in text):
        return "ดิสก์เต็มหรืออ่านเขียนไม่ได้"
    return None


def _prepare_folder(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        probe = data_dir / ".write-test"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as error:
        raise DatabaseError(
            f"เขียนข้อมูลลงโฟลเดอร์ {data_dir} ไม่ได้ ({os_reason(error)}): "
            "โปรดเลือกโฟลเดอร์อื่นหรือตรวจสอบสิทธิ์และพื้นที่ว่าง"
        ) from error


def open_database(data_dir: Path, backup_on_open: bool = True) -> Database:
    """Open (creating or migrating) the database in ``data_dir``.

    A database written by a newer app is refused; an older one is backed up and migrated.
    """
    _prepare_folder(data_dir)
    path = data_dir / DB_NAME
    revision = stored_revision(path)
    current = revision == SCHEMA_REVISION
    if revision is not None and not current and revision not in known_revisions():
        raise DatabaseError(
            "ฐานข้อมูลนี้บันทึกโดย ITADesk รุ่นที่ใหม่กว่าโปรแกรมนี้: "
            "โปรดติดตั้ง ITADesk รุ่นล่าสุดก่อนเปิดข้อมูลนี้ (ข้อมูลไม่ถูกแก้ไข)"
        )
    made = None
    if revision is not None and (backup_on_open or not current):
        made = backup(path, "open" if current else "before-migration")
    database = Database(data_dir)
    if not current:
        _migrate(database.path, _restore_point(path, made))
    database.files_dir.mkdir(exist_ok=True)
    if backup_on_open:  # a start of the app or of a writing command
        from itadesk.db.cleanup import clean_leftovers

        clean_leftovers(data_dir, path)
    return database


def open_existing(data_dir: Path) -> Database:
    """Open the database for a command that only reads it (``print``, a preview).

    A missing or empty data folder is refused and nothing is created in it.
    """
    path = data_dir / DB_NAME
    try:
        present = path.is_file() and path.stat().st_size > 0
    except OSError as error:
        raise DatabaseError(f"เปิดโฟลเดอร์ข้อมูล {data_dir} ไม่ได้ ({os_reason(error)})") from error
    if not present:
        raise NotFoundError(
            f"ไม่มีข้อมูลในโฟลเดอร์ {data_dir} (ไม่พบไฟล์ {DB_NAME}): "
            "โปรดตรวจสอบ --data-dir หรือเปิดโปรแกรมเพื่อกรอกข้อมูลก่อน"
        )
    return open_database(data_dir, backup_on_open=False)


def _restore_point(path: Path, made: Path | None) -> Path | None:
    """The backup to name when a migration fails: the newest one not taken before a migration
    (those copies have the fault that stopped it), or else the copy just made."""
    copies = sorted((path.parent / "backups").glob("itadesk-*.sqlite"))
    earlier = [p for p in copies if not p.name.endswith("-before-migration.sqlite")]
    return earlier[-1] if earlier else made


def _migrate(path: Path, restore_from: Path | None = None) -> None:
    """Upgrade to the newest schema in ONE transaction: a failure leaves the old schema.

    pysqlite commits before DDL by default, so this connection drives transactions itself
    (SQLAlchemy's documented recipe), with foreign keys off so that a migration rebuilding a
    table never cascades into its children.
    """
    from alembic import command

    engine = create_engine(engine_url(path))

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with engine.begin() as connection:
            config = _alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"foreign keys broken by the migration: {broken[:3]}")
    except Exception as error:  # SQLAlchemy's text (SQL, English) stays in the chain only
        if isinstance(error, OperationalError) and _in_use(str(error.orig)):
            raise DatabaseError(f"ปรับโครงสร้างฐานข้อมูลไม่ได้: {IN_USE}") from error
        where = f"backups/{restore_from.name}" if restore_from else "สำเนาในโฟลเดอร์ backups"
        raise DatabaseError(
            "ปรับโครงสร้างฐานข้อมูลเป็นรุ่นใหม่ไม่สำเร็จ: ข้อมูลยังเป็นรุ่นเดิม (ไม่ได้แก้ไขไฟล์นี้) "
            f"หากเปิดอีกครั้งแล้วยังไม่ได้ โปรดกู้คืนจาก {where}"
        ) from error
    finally:
        engine.dispose()

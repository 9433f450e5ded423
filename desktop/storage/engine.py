"""The SQLCipher 4 engine (wiring measured in FIELD-NOTES).

`sqlite+pysqlcipher://` with `creator=` sends an empty key, so we use the pysqlite dialect with
the sqlcipher3 DB-API module and key each new connection with the raw data key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.pool import QueuePool

CACHE_KIB = 64 * 1024
READ_ONLY = "qonys_read_only"  # execution option: this connection only reads  # a generous page cache keeps encrypted scans near plain speed


class NotOurDatabase(Exception):
    """The file does not open with this key: damaged, foreign, or another store's."""


def sqlcipher_engine(path: Path, key: bytes | bytearray) -> Engine:
    """An engine whose every connection is keyed, checked and tuned for durability."""
    key_pragma = f"PRAGMA key = \"x'{bytes(key).hex()}'\""
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        module=sqlcipher3.dbapi2,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        # Connections move between the GUI thread and workers, one holder at a time.
        connect_args={"check_same_thread": False, "timeout": 15},
    )

    @event.listens_for(engine, "connect", insert=True)
    def _key_connection(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(key_pragma)
            cursor.execute("PRAGMA cipher_log_level = NONE")
            # A wrong key fails here, at once, rather than on the first real query.
            cursor.execute("SELECT count(*) FROM sqlite_master")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA temp_store = MEMORY")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        finally:
            cursor.close()
        # The sqlite3 module would BEGIN only before the first INSERT/UPDATE, so a transaction's
        # reads (e.g. the audit chain's head) ran outside it and two processes writing the same
        # store could both append entry n+1. SQLAlchemy's recipe: the driver stays out of
        # transactions and the `begin` event below starts them.
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        if conn.get_execution_options().get(READ_ONLY):
            # A reader beside a writer (e.g. the export's scan prefetch while the export's own
            # unit of work holds the write lock) must not queue for that lock: WAL lets it read.
            conn.exec_driver_sql("BEGIN")
            return
        # IMMEDIATE takes the write lock at the start (waiting up to `timeout` for another
        # writer): reads and writes of one unit of work see one state, and a second desk or a
        # backup's bookkeeping never interleaves with it. Units of work are short; the backup's
        # snapshot reads through the driver without one, so it never holds writers up (WAL).
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def check_opens(engine: Engine) -> None:
    """Raise NotOurDatabase if the file is damaged or not encrypted with this key."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DatabaseError as exc:
        engine.dispose()
        raise NotOurDatabase(str(exc.orig)) from None


def integrity_check(engine: Engine) -> list[str]:
    """SQLite's integrity check: ["ok"] for a sound file."""
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]

"""The SQLCipher 4 engine (wiring measured in FIELD-NOTES).

`sqlite+pysqlcipher://` with `creator=` sends an empty key, so we use the pysqlite dialect with
the sqlcipher3 DB-API module and key each new connection with the raw data key.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.pool import QueuePool

CACHE_KIB = 64 * 1024  # a generous page cache keeps searches of an encrypted store near plain speed
# A one-pass reader of large blobs (the export's scans) gains nothing from a cache and pays for
# a big one: new cache slots for every page instead of reusing warm ones. Measured here (SQLCipher
# 4.19, 1 MiB blobs): 350 MB/s with a 0.5 MiB cache, 207 MB/s with 64 MiB.
STREAM_CACHE_KIB = 512
READ_ONLY = "qonys_read_only"  # execution option: this connection only reads
VERSIONS = "SELECT version_num FROM alembic_version"  # the store's schema revision(s)

# SQLCipher 4's defaults (AES-256-CBC pages, raw 256-bit key) with the page HMAC on SHA-256
# instead of SHA-512: a supported SQLCipher setting, with the same 256-bit key, and on CPUs with
# SHA extensions it reads scans 1.6x faster (FIELD-NOTES machine: 583 vs 350 MB/s), which is
# most of an export's cost. Stores made before (SHA-512) are recognised and keep their setting.
HMAC_ALGORITHM = "HMAC_SHA256"
LEGACY_HMAC_ALGORITHMS = ("HMAC_SHA512",)


class NotOurDatabase(Exception):
    """The file does not open with this key: damaged, foreign, or another store's."""


def key_pragmas(key: bytes | bytearray, hmac_algorithm: str = HMAC_ALGORITHM) -> list[str]:
    """What every connection to a store runs first: the raw key and the page format."""
    if hmac_algorithm not in (HMAC_ALGORITHM, *LEGACY_HMAC_ALGORITHMS):
        raise ValueError(f"unknown SQLCipher HMAC algorithm {hmac_algorithm!r}")
    return [
        f"PRAGMA key = \"x'{bytes(key).hex()}'\"",
        f"PRAGMA cipher_hmac_algorithm = {hmac_algorithm}",
        "PRAGMA cipher_log_level = NONE",
    ]


def _keyed_connection(path: Path, pragmas: list[str]) -> Any:
    """A new connection to the store, keyed; a wrong key (or a damaged file) fails here, at
    once, rather than on the first real query."""
    conn = sqlcipher3.dbapi2.connect(str(path), check_same_thread=False, timeout=15)
    try:
        for pragma in pragmas:
            conn.execute(pragma)
        conn.execute("SELECT count(*) FROM sqlite_master")
    except BaseException:
        conn.close()
        raise
    return conn


def _probe(path: Path, key: bytes | bytearray) -> tuple[str, Any]:
    """The page HMAC an existing store was made with, and the connection that found it out
    (None for a new file, or one that opens with none of them: `check_opens` names that)."""
    if not path.exists() or path.stat().st_size == 0:
        return HMAC_ALGORITHM, None
    for algorithm in (HMAC_ALGORITHM, *LEGACY_HMAC_ALGORITHMS):
        try:
            return algorithm, _keyed_connection(path, key_pragmas(key, algorithm))
        except sqlcipher3.dbapi2.DatabaseError:
            continue
    return HMAC_ALGORITHM, None


def detect_hmac_algorithm(path: Path, key: bytes | bytearray) -> str:
    """The page HMAC an existing store was made with (the current one for a new file).

    A file that opens with none of them is left to `check_opens`, which names the problem.
    """
    algorithm, conn = _probe(path, key)
    if conn is not None:
        conn.close()
    return algorithm


def open_sqlcipher(
    path: Path, key: bytes | bytearray, *, unkeyed: UnkeyedEngine | None = None
) -> Engine:
    """`sqlcipher_engine` on an existing store with the page HMAC it was made with.

    The connection that found the HMAC out becomes the engine's first: opening a store (the
    login) opens the file, derives the page keys and reads the schema once, not once to
    detect and once more to use (issue 19). `unkeyed`: this store's engine made (and its
    statements rehearsed) before the key was known, keyed now."""
    algorithm, conn = _probe(path, key)
    if unkeyed is None or unkeyed.path != path:
        return sqlcipher_engine(path, key, hmac_algorithm=algorithm, first_connection=conn)
    unkeyed.connections.key(key, algorithm, conn)
    return unkeyed.engine


class _Connections:
    """Where a store engine's connections come from: keyed connections to the store's file
    once `key` was given; before that (a rehearsal while the login window waits for the
    password) connections to one empty database in memory, which goes with the last of them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pragmas: list[str] | None = None
        self.handed: list[Any] = []
        self._rehearsal = f"file:qonys-rehearsal-{secrets.token_hex(8)}?mode=memory&cache=shared"

    @property
    def keyed(self) -> bool:
        return self.pragmas is not None

    def key(self, key: bytes | bytearray, hmac_algorithm: str, first_connection: Any) -> None:
        """From now on, connections to the store with `key` (`first_connection` first)."""
        self.pragmas = key_pragmas(key, hmac_algorithm)
        self.handed = [first_connection] if first_connection is not None else []

    def connect(self) -> Any:
        # Connections move between the GUI thread and workers, one holder at a time.
        if self.handed:
            return self.handed.pop()
        if self.pragmas is None:
            return sqlcipher3.dbapi2.connect(self._rehearsal, uri=True, check_same_thread=False)
        return _keyed_connection(self.path, self.pragmas)


class UnkeyedEngine:
    """A store's engine made before its key is known (while the login window waits for the
    password). SQLAlchemy compiles each statement once per engine, at its first run: the
    statements `rehearse`d on this one (on an empty database in memory) only run after the
    password (issue 19). It holds no key and opens no store until `open_sqlcipher` keys it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connections = _Connections(path)
        self.engine = _store_engine(path, self.connections)

    def rehearse(self, work: Callable[[Engine], object]) -> None:
        """`work` on the engine, its connections to an empty database in memory (nothing
        keyed, nothing on disk); they are all closed after it."""
        if self.connections.keyed:
            raise RuntimeError("the engine is keyed: a rehearsal would run on the store")
        try:
            work(self.engine)
        finally:
            self.engine.dispose()


def sqlcipher_engine(
    path: Path,
    key: bytes | bytearray,
    *,
    hmac_algorithm: str = HMAC_ALGORITHM,
    first_connection: Any = None,
) -> Engine:
    """An engine whose every connection is keyed, checked and tuned for durability.

    `first_connection`: an already keyed connection to this file (`open_sqlcipher`'s probe),
    handed to the pool as its first."""
    connections = _Connections(path)
    connections.key(key, hmac_algorithm, first_connection)
    return _store_engine(path, connections)


def _store_engine(path: Path, connections: _Connections) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{path}",
        module=sqlcipher3.dbapi2,
        creator=connections.connect,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
    )
    _tune(engine)
    return engine


def _tune(engine: Engine) -> None:
    """Every connection durable, in WAL mode, in explicit transactions."""

    @event.listens_for(engine, "connect", insert=True)
    def _tune_connection(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA temp_store = MEMORY")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        finally:
            cursor.close()
        dbapi_conn.isolation_level = None  # see explicit_transactions

    explicit_transactions(engine)


def explicit_transactions(engine: Engine) -> None:
    """Units of work begin explicitly; each connection must set ``isolation_level = None``.

    The sqlite3 module would BEGIN only before the first INSERT/UPDATE, so a transaction's
    reads (e.g. the audit chain's head) ran outside it and two processes writing the same
    store could both append entry n+1. SQLAlchemy's recipe: the driver stays out of
    transactions and the `begin` event below starts them.
    """

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


@contextmanager
def streaming_reader(engine: Engine) -> Iterator[Connection]:
    """A read-only connection tuned for reading many large blobs once (see STREAM_CACHE_KIB).

    The page cache is SQLCipher's: a mission store shared on PostgreSQL (the engine of
    ``desktop.storage.postgres``) has none to tune, and its reader is a plain one.
    """
    with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        if engine.dialect.name != "sqlite":
            yield conn
            return
        conn.exec_driver_sql(f"PRAGMA cache_size = -{STREAM_CACHE_KIB}")
        try:
            yield conn
        finally:
            # The connection goes back to the pool for ordinary work.
            conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")


def check_opens(engine: Engine) -> list[str]:
    """Raise NotOurDatabase if the file is damaged or not encrypted with this key; else the
    schema revisions the store records (Alembic's table; none in a new file). The read that
    proves the key also tells the store's opening whether its schema is up to date, without
    the write lock and Alembic's set-up at every login (issue 19)."""
    try:
        with engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            conn.exec_driver_sql("SELECT 1")
            try:
                return [str(r) for r in conn.exec_driver_sql(VERSIONS).scalars()]
            except OperationalError:  # no such table: a new store, not yet migrated
                return []
    except DatabaseError as exc:
        engine.dispose()
        raise NotOurDatabase(str(exc.orig)) from None


def integrity_check(engine: Engine) -> list[str]:
    """SQLite's integrity check: ["ok"] for a sound file."""
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]

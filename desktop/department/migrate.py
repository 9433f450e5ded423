"""Alembic migrations of the Department database, applied when it is created or opened.

The Department's scripts live apart from the mission store's (``desktop/department/migrations``)
and record their revision in their own table, ``dep_alembic_version``, so the two histories
never meet even in one PostgreSQL database. A database made before the Department had
migrations (``create_all`` plus ``schema_version = 1`` in ``dep_setting``) is the baseline
revision: it is stamped, not rebuilt, and keeps every row.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError

from desktop.department.store import StoreError
from desktop.storage.migrate import Migrations

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "dep_alembic_version"
BASELINE = "d0001"  # the schema `create_all` made as "schema_version 1"
_LEGACY_VERSION = "1"
# One PostgreSQL advisory lock for schema changes: two consoles opening an old database at
# once upgrade it one after the other (the second finds it done).
_PG_LOCK = 0x716F6E7973  # "qonys"


RUNNER = Migrations(MIGRATIONS, VERSION_TABLE, "Department database")


def head_revision() -> str:
    return RUNNER.head_revision()


def current_revision(engine: Engine) -> str | None:
    return RUNNER.current_revision(engine)


def create_schema(engine: Engine) -> None:
    """`init`: bring an empty database (or one of ours) to the newest revision."""
    _upgrade(engine, require_existing=False)


def open_schema(engine: Engine) -> None:
    """Opening: adopt a pre-migration database, then upgrade; refuse a database not ours."""
    _upgrade(engine, require_existing=True)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring an existing Department schema to ``revision`` (tests and tools)."""
    _upgrade(engine, require_existing=False, revision=revision)


def _upgrade(engine: Engine, *, require_existing: bool, revision: str = "head") -> None:
    try:
        # One transaction: PostgreSQL and SQLite both roll DDL back, so a failed or killed
        # upgrade leaves the previous revision whole.
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
            tables = set(inspect(conn).get_table_names())
            if VERSION_TABLE not in tables:
                if "dep_setting" in tables:
                    _adopt(conn)
                elif require_existing:
                    raise StoreError(
                        "the database holds no Department schema: run `qonys-department init` first"
                    )
            RUNNER.upgrade(conn, revision)
    except (OperationalError, DatabaseError) as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"the Department database could not be upgraded: {reason}") from exc


def _adopt(conn: Connection) -> None:
    """A database made by ``create_all`` (schema version 1) becomes the baseline revision."""
    version = conn.execute(
        text("SELECT value FROM dep_setting WHERE key = 'schema_version'")
    ).scalar()
    if version != _LEGACY_VERSION:
        raise StoreError("the Department database has an unsupported schema version")
    command.stamp(RUNNER.config(conn), BASELINE)
    # From now on the revision table is the one record of the schema; a program older than
    # the migrations finds no schema_version and refuses the database instead of misreading it.
    conn.execute(text("DELETE FROM dep_setting WHERE key = 'schema_version'"))

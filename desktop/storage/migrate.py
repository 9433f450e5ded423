"""Alembic migrations, applied when a store is opened.

`Migrations` is the one runner of both sides: the mission store's scripts
(`desktop/storage/migrations`) and the Department's (`desktop/department/migrations`, with
their own version table) differ only in where the scripts are and where the revision is kept.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from desktop.storage.serial import WRITE_LOCK

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_HEADS: dict[Path, str] = {}  # script location → head revision


@dataclass(frozen=True, slots=True)
class Migrations:
    """One history of Alembic scripts: `script_location`, revision kept in `version_table`;
    upgrades are logged (revisions only) under `label`."""

    script_location: Path
    version_table: str = "alembic_version"
    label: str = "store"  # in the log: "store schema upgraded from … to …"

    def config(self, connection: Connection | None = None) -> Config:
        config = Config()
        config.set_main_option("script_location", str(self.script_location))
        if connection is not None:
            config.attributes["connection"] = connection
        return config

    def head_revision(self) -> str:
        """The newest script's revision: read once per process (loading the scripts takes
        tens of ms, and they do not change while the program runs)."""
        head = _HEADS.get(self.script_location)
        if head is None:
            head = ScriptDirectory.from_config(self.config()).get_current_head()
            assert head is not None
            _HEADS[self.script_location] = head
        return head

    def current_revision(self, engine: Engine) -> str | None:
        with engine.connect() as conn:
            return MigrationContext.configure(
                conn, opts={"version_table": self.version_table}
            ).get_current_revision()

    def upgrade(self, conn: Connection, revision: str = "head") -> None:
        """Upgrade inside the caller's transaction (SQLite and PostgreSQL DDL roll back)."""
        opts = {"version_table": self.version_table}
        before = MigrationContext.configure(conn, opts=opts).get_current_revision()
        if revision == "head" and before == self.head_revision():
            return  # up to date, as at nearly every opening: Alembic's run is not needed
        command.upgrade(self.config(conn), revision)
        after = MigrationContext.configure(conn, opts=opts).get_current_revision()
        if before != after:
            log.info("%s schema upgraded from %s to %s", self.label, before or "empty", after)


MISSION = Migrations(MIGRATIONS)


def head_revision() -> str:
    return MISSION.head_revision()


def current_revision(engine: Engine) -> str | None:
    return MISSION.current_revision(engine)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` in one transaction (SQLite DDL is transactional)."""
    shared = engine.dialect.name == "postgresql"
    if shared and revision == "head" and current_revision(engine) == head_revision():
        return  # a desk logging in to an up-to-date shared store: no lock to wait for
    with engine.begin() as conn:
        if shared:  # one desk upgrades; the others wait, then find it done
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
        MISSION.upgrade(conn, revision)

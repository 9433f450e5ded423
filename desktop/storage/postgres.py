"""The mission store on PostgreSQL, shared by the mission's desks (issue 21).

One mission, one store: when a mission has several workstations, its store lives on a
PostgreSQL server (a mission server, or one workstation that runs it) and every desk opens it
with `qonys --db postgresql+psycopg://…`. What differs from the SQLCipher file:

- **Encryption**: the server stores personal data sealed in its columns (`sealed.py`); the
  data key never reaches it.
- **Key vault**: the officers' key slots (the same `Vault` document as `qonys.vault`) live in
  the table `qonys_vault` of the same database, so every desk unlocks with the same passwords
  and the failed-login counters are shared. Its read-modify-writes hold a PostgreSQL advisory
  lock (`VAULT_LOCK`), as the file's hold an OS lock.
- **One writer at a time**: every unit of work that may write starts by taking the
  transaction-level advisory lock `WRITE_LOCK`, as a SQLCipher unit of work starts with
  `BEGIN IMMEDIATE`: case and journal numbers (next of the year, gap-free), the audit chain's
  head, event sequence numbers and the outbox's package sequence are read and written by one
  desk at a time. Units of work are short; a waiting desk gives up after `LOCK_TIMEOUT`.
- **Transport**: a server on another machine is reached only over TLS with its certificate
  pinned: `sslmode=verify-full&sslrootcert=FILE` (the mission's own CA or the server's
  certificate). Plain connections are allowed to this machine only (trying it locally).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from desktop.storage.engine import READ_ONLY
from desktop.storage.sealed import SEALER_ATTRIBUTE, Sealer

DRIVER = "postgresql+psycopg"
# Advisory lock keys (one bigint namespace per database): "QNYS" and a number.
WRITE_LOCK = 0x514E5953_0001
VAULT_LOCK = 0x514E5953_0002
EXPORT_LOCK = 0x514E5953_0003
LOCK_TIMEOUT = "30s"
VAULT_TABLE = "qonys_vault"
_LOCAL_HOSTS = {"localhost", ""}


class StoreUrlError(ValueError):
    """A database URL Qonys will not use (with the reason, for the administrator)."""


def is_database_url(value: str) -> bool:
    return value.strip().lower().startswith("postgresql")


def _is_local(host: str) -> bool:
    if host in _LOCAL_HOSTS or host.startswith("/"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(raw: str) -> URL:
    """The URL parsed, or StoreUrlError saying what is wrong with it."""
    try:
        url = make_url(raw.strip())
    except ArgumentError:
        raise StoreUrlError(
            "not a database URL: expected postgresql+psycopg://USER@HOST:PORT/DATABASE"
        ) from None
    if url.drivername != DRIVER:
        raise StoreUrlError(f"the database URL must start with {DRIVER}://")
    if not url.database:
        raise StoreUrlError("the database URL names no database (…/DATABASE)")
    if not _is_local(url.host or ""):
        query = url.query
        if query.get("sslmode") != "verify-full" or not query.get("sslrootcert"):
            raise StoreUrlError(
                "a database on another machine is used only over TLS with its certificate "
                "pinned: add ?sslmode=verify-full&sslrootcert=/path/to/server-ca.pem"
            )
    return url


def redacted(raw: str) -> str:
    """The URL without its password (for messages and logs)."""
    try:
        return make_url(raw).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a database URL)"


def pg_engine(raw_url: str, data_key: bytes | bytearray) -> Engine:
    """An engine that seals personal data with `data_key` and serialises writers."""
    url = check_url(raw_url)
    engine = create_engine(
        url,
        pool_pre_ping=True,  # a restarted server: the desk reconnects on its next unit of work
        pool_size=2,
        max_overflow=4,
        connect_args={
            "application_name": "qonys",
            "connect_timeout": 10,
            "options": f"-c lock_timeout={LOCK_TIMEOUT}",
        },
    )
    setattr(engine.dialect, SEALER_ATTRIBUTE, Sealer(data_key))

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        if conn.get_execution_options().get(READ_ONLY):
            return
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")

    return engine


def install_upkeep(factory: sessionmaker[Session]) -> None:
    """Keep every case's search tokens in step with its sealed names and IIN."""
    from desktop.storage.tokens import keep_tokens  # models import sealed; avoid the cycle

    event.listen(factory, "after_flush", keep_tokens)


@contextmanager
def mission_lock(engine: Engine, key: int = EXPORT_LOCK) -> Iterator[None]:
    """A mission-wide lock held by this desk for a long piece of work (the export): another
    desk's export waits for it. Nothing on SQLite (one desk; its unit of work is the lock)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect().execution_options(
        isolation_level="AUTOCOMMIT", **{READ_ONLY: True}
    ) as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})


_VAULT_ENGINES: dict[str, Engine] = {}


def _plain_engine(raw_url: str) -> Engine:
    """An engine for the vault table only (no data key: the vault holds only wrapped keys)."""
    engine = _VAULT_ENGINES.get(raw_url)
    if engine is None:
        engine = create_engine(
            check_url(raw_url), poolclass=NullPool, connect_args={"connect_timeout": 10}
        )
        _VAULT_ENGINES[raw_url] = engine
    return engine


@dataclass(frozen=True, slots=True)
class DatabaseVault:
    """Where a PostgreSQL store keeps its key vault: one row of `qonys_vault`.

    Quacks like the `qonys.vault` path for `vault.py`: `exists`, `read_bytes`, `write_bytes`
    and `lock` (the cross-desk advisory lock).
    """

    url: str

    @property
    def name(self) -> str:
        return VAULT_TABLE

    def exists(self) -> bool:
        try:
            self.read_bytes()
        except FileNotFoundError:
            return False
        return True

    def read_bytes(self) -> bytes:
        with _plain_engine(self.url).connect() as conn:
            present = conn.scalar(text("SELECT to_regclass(:t) IS NOT NULL"), {"t": VAULT_TABLE})
            raw = conn.scalar(text("SELECT doc FROM qonys_vault WHERE id = 1")) if present else None
        if raw is None:
            raise FileNotFoundError(VAULT_TABLE)
        return bytes(raw)

    def write_bytes(self, data: bytes) -> None:
        with _plain_engine(self.url).begin() as conn:
            conn.execute(
                text(
                    "CREATE TABLE IF NOT EXISTS qonys_vault (id integer PRIMARY KEY "
                    "CHECK (id = 1), doc bytea NOT NULL, saved_at timestamptz NOT NULL)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO qonys_vault (id, doc, saved_at) VALUES (1, :d, now()) "
                    "ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, saved_at = now()"
                ),
                {"d": data},
            )

    @contextmanager
    def lock(self) -> Iterator[None]:
        with (
            _plain_engine(self.url)
            .connect()
            .execution_options(isolation_level="AUTOCOMMIT") as conn
        ):
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": VAULT_LOCK})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": VAULT_LOCK})

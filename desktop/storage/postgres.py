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
- **One writer at a time**: a unit of work takes the transaction-level advisory lock
  `WRITE_LOCK` before it extends a sequence (case and journal numbers, next of the year and
  gap-free; event numbers; the audit chain's head) and before its first write (`serial.py`);
  readers never take it. The export holds its own lock (`EXPORT_LOCK`) while it builds its
  packages: one package sequence per mission, and the other desks keep saving meanwhile. A
  waiting desk gives up after `LOCK_TIMEOUT`.
- **Transport**: a server on another machine is reached only over TLS with its certificate
  pinned: `sslmode=verify-full&sslrootcert=FILE` (the mission's own CA or the server's
  certificate). Plain connections are allowed to this machine only (trying it locally).
"""

from __future__ import annotations

import ipaddress
import select
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from desktop.storage.engine import READ_ONLY
from desktop.storage.sealed import SEALER_ATTRIBUTE, Sealer
from desktop.storage.serial import serialise_writers

DRIVER = "postgresql+psycopg"
# Advisory lock keys (one bigint namespace per database): "QNYS" and a number
# (WRITE_LOCK = …_0001 is in serial.py).
VAULT_LOCK = 0x514E5953_0002
EXPORT_LOCK = 0x514E5953_0003
LOCK_TIMEOUT = "30s"
VAULT_TABLE = "qonys_vault"
UNDEFINED_TABLE = "42P01"  # SQLSTATE
_LOCAL_HOSTS = {"localhost", ""}
_SECRET_PARAMETERS = ("password", "sslpassword")


class StoreUrlError(ValueError):
    """A database URL Qonys will not use (with the reason, for the administrator)."""


class PasswordInUrl(StoreUrlError):
    """The URL carries a password (a desk keeps its URL in a plain file)."""


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
    if url.password is not None or any(k in url.query for k in _SECRET_PARAMETERS):
        # The desk's folder remembers the URL in DATA_DIR/database.url, a plain file.
        raise PasswordInUrl(
            "put no password in the database URL (the desk's folder keeps the URL): give it "
            "in libpq's password file (~/.pgpass or PGPASSFILE, mode 0600) or use a client "
            "certificate (&sslcert=…&sslkey=…)"
        )
    if not _is_local(url.host or ""):
        query = url.query
        if query.get("sslmode") != "verify-full" or not query.get("sslrootcert"):
            raise StoreUrlError(
                "a database on another machine is used only over TLS with its certificate "
                "pinned: add ?sslmode=verify-full&sslrootcert=/path/to/server-ca.pem"
            )
    return url


def redacted(raw: str) -> str:
    """The URL as an administrator reads it (messages, logs, the login window): never its
    password, and decoded — SQLAlchemy's rendering percent-encodes the query, so a Unix
    socket read `host=%2Ftmp`; here it reads `host=/tmp`. For the eye only: the stored URL
    is the one given."""
    try:
        url = make_url(raw.strip())
    except ArgumentError:
        return "(not a database URL)"
    user = url.username or ""
    if user and url.password is not None:
        user += ":***"
    where = url.host or ""
    if ":" in where:  # an IPv6 address
        where = f"[{where}]"
    if url.port is not None:
        where += f":{url.port}"
    shown = f"{url.drivername}://{user + '@' if user else ''}{where}/{url.database or ''}"
    query = [
        f"{name}={'***' if name in _SECRET_PARAMETERS else value}"
        for name, values in url.query.items()
        for value in ((values,) if isinstance(values, str) else values)
    ]
    return shown + ("?" + "&".join(query) if query else "")


def pg_engine(
    raw_url: str, data_key: bytes | bytearray, *, connected: Engine | None = None
) -> Engine:
    """An engine that seals personal data with `data_key` and serialises writers.

    `connected`: the store's engine `bare_engine` made for the same URL before the key was
    known (its connection opened while the password was checked: storage/warm_up.py)."""
    engine = connected if connected is not None else bare_engine(check_url(raw_url))
    setattr(engine.dialect, SEALER_ATTRIBUTE, Sealer(data_key))
    return engine


def bare_engine(url: URL) -> Engine:
    """The store's engine without its key (it reads no sealed column until `pg_engine`)."""
    engine = create_engine(
        url,
        pool_pre_ping=False,  # a round trip before every unit of work: `_ping_if_idle` instead
        pool_size=2,
        max_overflow=4,
        connect_args={
            "application_name": "qonys",
            "connect_timeout": 10,
            "options": f"-c lock_timeout={LOCK_TIMEOUT}",
        },
    )
    _ping_if_idle(engine)
    return engine


PING_AFTER = 30.0  # seconds a connection may rest in the pool and be used without a ping


def _ping_if_idle(engine: Engine) -> None:
    """A restarted server: the desk reconnects at its next unit of work, with no round trip
    per unit of work. A server that ends a connection (a restart, a terminated backend) says
    so on its socket: a connection taken from the pool whose socket has something to read, or
    that rested longer than PING_AFTER, is checked first (SQLAlchemy's pessimistic recipe: a
    failed check makes the pool drop it and take a new one). A quiet socket of a connection
    used a moment ago is used as it is."""

    @event.listens_for(engine, "checkin")
    def _rested(_dbapi_conn: Any, record: Any) -> None:
        record.info["qonys_checkin"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _check(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("qonys_checkin")
        if since is None:
            return  # just connected
        try:
            told, _w, _x = select.select([dbapi_conn.fileno()], [], [], 0)
        except (OSError, ValueError):
            told = [True]  # a closed socket
        if not told and time.monotonic() - since < PING_AFTER:
            return
        try:
            with dbapi_conn.cursor() as cursor:
                cursor.execute("SELECT 1")
            dbapi_conn.rollback()
        except Exception as exc:
            raise DisconnectionError(str(exc)) from exc


def install_upkeep(factory: sessionmaker[Session]) -> None:
    """Keep every case's search tokens in step with its sealed names and IIN."""
    from desktop.storage.tokens import keep_tokens  # models import sealed; avoid the cycle

    serialise_writers(factory)
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
_VAULT_ENGINES_KEPT = 4


def _plain_engine(raw_url: str) -> Engine:
    """An engine for the vault table only (no data key: the vault holds only wrapped keys).

    One connection kept open (a login reads the vault, takes its lock and writes the counters:
    a new connection each time cost more than the statements)."""
    engine = _VAULT_ENGINES.get(raw_url)
    if engine is None:
        engine = create_engine(
            check_url(raw_url),
            pool_size=1,
            max_overflow=2,
            connect_args={"application_name": "qonys", "connect_timeout": 10},
        )
        _ping_if_idle(engine)
        _VAULT_ENGINES[raw_url] = engine
        while len(_VAULT_ENGINES) > _VAULT_ENGINES_KEPT:  # a desk uses one; tests use many
            _VAULT_ENGINES.pop(next(iter(_VAULT_ENGINES))).dispose()
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
        try:
            # One statement, one round trip (no BEGIN … ROLLBACK around it): a login reads
            # the vault several times.
            with (
                _plain_engine(self.url)
                .connect()
                .execution_options(isolation_level="AUTOCOMMIT") as conn
            ):
                raw = conn.scalar(text("SELECT doc FROM qonys_vault WHERE id = 1"))
        except ProgrammingError as exc:
            if getattr(exc.orig, "sqlstate", None) != UNDEFINED_TABLE:
                raise
            raw = None  # a database without a store
        if raw is None:
            raise FileNotFoundError(VAULT_TABLE)
        return bytes(raw)

    def write_bytes(self, data: bytes) -> None:
        with _plain_engine(self.url).begin() as conn:
            if conn.scalar(text("SELECT to_regclass(:t) IS NULL"), {"t": VAULT_TABLE}):
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

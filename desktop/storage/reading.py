"""Reads of the case list and its searches: one statement, no write lock (issues 19 and 21).

A unit of work that may write starts by taking the store's write lock (`BEGIN IMMEDIATE` on
SQLCipher, an advisory lock on PostgreSQL) and, on PostgreSQL, pings the server when it takes
a connection from the pool: four round trips around a search that needs one. A search only
reads, in one statement (or two), so it needs neither:

- **SQLCipher**: a deferred `BEGIN` (WAL: it never waits for a writer).
- **PostgreSQL**: its own small pool of autocommit connections (each statement is its own
  snapshot), without the ping: a connection the server dropped (a restart) fails its first
  statement, the pool is invalidated and the read is tried once more on a fresh connection —
  SQLAlchemy's "optimistic" disconnect handling.

A read session of PostgreSQL may also run a search's statement on the read pool through psycopg
alone (storage/plain_reads.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from desktop.storage.engine import READ_ONLY
from desktop.storage.plain_reads import PLAIN_READS
from desktop.storage.sealed import SEALER_ATTRIBUTE, sealer_of
from desktop.storage.uow import UnitOfWork

T = TypeVar("T")


def reader_factory(
    engine: Engine, connected: Engine | None = None
) -> tuple[sessionmaker[Session], Engine | None]:
    """Sessions for reads of `engine`'s store, and the engine to dispose with the store (a
    PostgreSQL store's read pool; None when the reads share the store's own pool).
    `connected`: the read pool `read_engine` made before (storage/warm_up.py)."""
    if engine.dialect.name != "postgresql":
        return sessionmaker(
            engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        ), None
    reads = connected if connected is not None else read_engine(engine.url)
    setattr(reads.dialect, SEALER_ATTRIBUTE, sealer_of(engine.dialect))
    factory = sessionmaker(
        reads.execution_options(**{READ_ONLY: True}),
        expire_on_commit=False,
        info={PLAIN_READS: True},
    )
    return factory, reads


def read_engine(url: URL) -> Engine:
    """A PostgreSQL store's read pool (without its key until `reader_factory`)."""
    # Same server, user, TLS pinning and timeouts as the store's engine (desktop/storage/
    # postgres.py): only the transaction mode and the ping differ.
    return create_engine(
        url,
        isolation_level="AUTOCOMMIT",
        pool_size=1,
        max_overflow=2,
        connect_args={
            "application_name": "qonys-reads",
            "connect_timeout": 10,
            "options": "-c default_transaction_read_only=on",
        },
    )


def read(factory: sessionmaker[Session], work: Callable[[UnitOfWork], T]) -> T:
    """`work` on a read-only unit of work; once more if the server had dropped the connection."""
    try:
        with UnitOfWork(factory) as uow:
            return work(uow)
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
    with UnitOfWork(factory) as uow:
        return work(uow)

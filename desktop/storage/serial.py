"""The shared store's writer lock, taken when a unit of work needs it (issue 21).

A SQLCipher store's unit of work starts with `BEGIN IMMEDIATE` (engine.py): one desk, and its
writers queue there. On PostgreSQL a unit of work takes the transaction-level advisory lock
`WRITE_LOCK` only when it needs it, so readers (the list, a case opened, the export building
its packages) never wait for a writer and never hold one up:

- before it reads what it is about to extend: the next case number, Annex 5 journal number or
  event number, the audit chain's head (`serialise` is called there);
- before its first write reaches the database (`before_flush`, and INSERT/UPDATE/DELETE
  statements): every writing unit of work
  still runs its writes one desk at a time and commits them in the order of the lock.

The lock goes with the transaction (commit, rollback, or a connection cut by a killed desk).
Rows a unit of work changes after reading them unlocked are guarded by their version (cases:
optimistic locking) or are written by one kind of work under its own lock (the export's
outbox: `EXPORT_LOCK`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from functools import cache
from importlib import import_module
from typing import Any

from sqlalchemy import Connection, TextClause, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

# Advisory lock keys (one bigint namespace per database): "QNYS" and a number.
WRITE_LOCK = 0x514E5953_0001
_HELD = "qonys_write_lock"
_LOCK = f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"


def serialise(session: Session) -> None:
    """Hold the store's writer lock until this transaction ends (nothing on SQLCipher, whose
    unit of work holds the file's write lock from its start)."""
    if session.get_bind().dialect.name != "postgresql" or _held(session):
        return
    session.execute(text(_LOCK))
    session.info[_HELD] = session.get_transaction()


def serialise_then_read(
    session: Session, queries: Sequence[tuple[TextClause, Mapping[str, Any]]]
) -> list[list[tuple[Any, ...]]]:
    """`serialise`, then the rows of each of `queries` — in one round trip on PostgreSQL.

    A writer that must read what it extends (the next number, the audit chain's head) reads it
    after the lock is granted, in a later statement (each statement of a READ COMMITTED
    transaction sees what was committed before it started): two round trips, and the second
    is inside the stretch every other desk waits for. Sent together in the driver's pipeline
    mode, the server runs them one after the other exactly as before, and the desk waits for
    the network once. Queries bind only plain values (no sealed columns). Nothing changes on
    SQLCipher, whose unit of work holds the file's write lock from its start.
    """
    if session.get_bind().dialect.name != "postgresql" or _held(session):
        serialise(session)
        return [[tuple(r) for r in session.execute(q, dict(p))] for q, p in queries]
    connection = session.connection()
    compiled = [(q.compile(dialect=connection.dialect), p) for q, p in queries]
    with _pipeline(connection, _LOCK) as raw:
        raw.execute(_LOCK)
        cursors = [raw.execute(str(c), c.construct_params(dict(p))) for c, p in compiled]
    session.info[_HELD] = session.get_transaction()
    return [[tuple(r) for r in cursor.fetchall()] for cursor in cursors]


def execute_and_commit(session: Session, sql: str, params: Mapping[str, Any]) -> None:
    """Run `sql` (the driver's SQL, `params` converted as SQLAlchemy converts them) and commit,
    in one round trip on PostgreSQL: the COMMIT goes in the driver's pipeline behind the
    statement, so the writer lock taken before it (released by the commit) is held for one
    round trip less. `sql` is the unit of work's last write: nothing is flushed before it, and
    the session is left committed."""
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("execute_and_commit is the unit of work's last write")
    connection = session.connection()
    with _pipeline(connection, "COMMIT") as raw:
        raw.execute(sql, params)
        raw.execute("COMMIT")  # the transaction ends on the server; the driver sees it idle
    session.commit()  # SQLAlchemy's bookkeeping: the driver's commit of an idle connection
    # sends nothing


@contextmanager
def _pipeline(connection: Connection, what: str) -> Iterator[Any]:
    """The psycopg connection in pipeline mode; its errors raised as SQLAlchemy raises them
    (a pipeline reports them when it syncs, past SQLAlchemy's own wrapping), a connection to
    a lost server invalidated so that the pool drops it."""
    dialect = connection.dialect
    raw = connection.connection.driver_connection
    assert raw is not None
    try:
        with raw.pipeline() if _pipelines() else nullcontext():
            yield raw
    except dialect.loaded_dbapi.Error as exc:
        gone = dialect.is_disconnect(exc, raw, None)
        if gone:
            connection.invalidate(exc)
        raise DBAPIError.instance(
            what,
            None,
            exc,
            dialect.loaded_dbapi.Error,
            connection_invalidated=gone,
            dialect=dialect,
        ) from exc


@cache
def _pipelines() -> bool:
    """libpq 14 or later (psycopg[binary] brings its own): statements go out together. With an
    older libpq they go one by one — the same statements, a round trip each."""
    return bool(import_module("psycopg").Pipeline.is_supported())


def _held(session: Session) -> bool:
    transaction = session.get_transaction()
    return transaction is not None and session.info.get(_HELD) is transaction


def serialise_writers(factory: sessionmaker[Session]) -> None:
    """Every flush that writes takes the lock first (the safety net under `serialise`)."""

    @event.listens_for(factory, "before_flush")
    def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
        if session.new or session.dirty or session.deleted:
            serialise(session)

    @event.listens_for(factory, "do_orm_execute")
    def _statement(state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            serialise(state.session)

    @event.listens_for(factory, "after_transaction_end")
    def _ended(session: Session, transaction: Any) -> None:
        if session.info.get(_HELD) is transaction:
            del session.info[_HELD]

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

from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

# Advisory lock keys (one bigint namespace per database): "QNYS" and a number.
WRITE_LOCK = 0x514E5953_0001
_HELD = "qonys_write_lock"


def serialise(session: Session) -> None:
    """Hold the store's writer lock until this transaction ends (nothing on SQLCipher, whose
    unit of work holds the file's write lock from its start)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    transaction = session.get_transaction()
    if transaction is not None and session.info.get(_HELD) is transaction:
        return
    session.execute(text(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})"))
    session.info[_HELD] = session.get_transaction()


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

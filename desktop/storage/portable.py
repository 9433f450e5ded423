"""Queries whose SQL differs between a SQLCipher store and a PostgreSQL one (issue 21)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from desktop.storage.models import EventRow
from desktop.storage.serial import serialise


def insert_for(session: Session, table: Any) -> Any:
    """An INSERT that knows ON CONFLICT on this store's database."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def last_journal_number(session: Session, kind: str, year: int) -> int | None:
    """The highest Annex 5 journal number taken in `year` (None: none yet).

    SQLite's JSON functions aggregate it in the database; a PostgreSQL store's event details
    are sealed, so its desk opens the permission events (few: one per permission) and takes
    the maximum. Both run inside the unit of work that holds the store's write lock, so the
    next number is unique and gap-free across desks (`serialise`).
    """
    serialise(session)
    if session.get_bind().dialect.name != "postgresql":
        last = session.scalar(
            select(
                func.max(
                    func.coalesce(
                        func.json_extract(EventRow.data, "$.journal_last"),
                        func.json_extract(EventRow.data, "$.journal_number"),
                    )
                )
            ).where(
                EventRow.kind == kind,
                func.json_extract(EventRow.data, "$.journal_year") == year,
            )
        )
        return None if last is None else int(last)
    numbers = [
        int(data.get("journal_last", data.get("journal_number")))
        for data in session.scalars(select(EventRow.data).where(EventRow.kind == kind))
        if data.get("journal_year") == year
        and data.get("journal_last", data.get("journal_number")) is not None
    ]
    return max(numbers, default=None)

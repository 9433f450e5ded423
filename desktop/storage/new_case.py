"""A new case on the shared PostgreSQL store in few round trips (issue 21).

Every desk that opens a case extends three things that must stay one line across desks: the
year's case numbers (unique, gap-free), the case's events and the audit chain. The store's
writer lock (`serial.py`) is held from reading their ends to the commit, and every other
writing desk waits for it meanwhile: what the mission's desks can open together per second is
one over that stretch. Written through the ORM it held ten round trips to the server (the
lock, the last number, the case, its search tokens deleted and inserted, its first event, the
audit head read and moved, the entry, the commit); on a busy machine each is a wait for the
scheduler as well as for the network. Here it is three:

1. the lock, the case's id, the last number of the year and the audit head — one pipeline
   (`serialise_then_read`), the reads after the lock as before;
2. the case, its search tokens, its first event, the audit entry and the head's move — one
   statement of data-modifying CTEs (the foreign keys are checked at its end);
3. the commit.

Sealing the questionnaire and computing the search tokens (HMAC) happen before the lock; the
guarantees are those of the ORM path: the same lock, the same reads after it, the same rows.
A SQLCipher store (one desk, in-process) keeps the ORM path of `services/cases.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    ARRAY,
    Insert,
    Integer,
    LargeBinary,
    Table,
    bindparam,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from desktop.domain.search import prefix_upper_bound
from desktop.storage import audit
from desktop.storage.models import AuditHeadRow, AuditRow, CaseRow, EventRow, SearchTokenRow
from desktop.storage.sealed import sealer_of
from desktop.storage.serial import serialise_then_read
from desktop.storage.tokens import case_tokens

# After the lock (a later statement of the pipeline: it sees what the last writer committed).
_ENDS = text(
    "SELECT nextval(pg_get_serial_sequence('cases', 'id')), "
    "(SELECT number FROM cases WHERE number >= :lo AND number < :hi "
    "ORDER BY number DESC LIMIT 1), h.last_id, h.last_hash "
    "FROM (SELECT 1) AS one LEFT JOIN audit_head AS h ON h.id = 1"
)
_STATEMENT: list[Insert] = []


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


def _columns(table: Any, prefix: str) -> dict[str, Any]:
    return {
        c.key: bindparam(f"{prefix}_{c.key}", type_=c.type)
        for c in table.columns
        if c.key != "id" or prefix != "e"  # the event's id: its sequence's
    }


def _statement() -> Insert:
    """Built once (SQLAlchemy caches its compiled form): every value is bound."""
    if _STATEMENT:
        return _STATEMENT[0]
    cases = insert(_table(CaseRow)).values(_columns(_table(CaseRow), "c")).cte("new_case")
    tokens = (
        insert(_table(SearchTokenRow))
        .from_select(
            ["token", "case_id"],
            select(
                func.unnest(bindparam("tokens", type_=ARRAY(LargeBinary))),
                bindparam("t_case_id", type_=Integer),
            ),
        )
        .cte("new_tokens")
    )
    event = insert(_table(EventRow)).values(_columns(_table(EventRow), "e")).cte("new_event")
    head = (
        update(_table(AuditHeadRow))
        .where(AuditHeadRow.id == 1)
        .values(last_id=bindparam("h_last_id"), last_hash=bindparam("h_last_hash"))
        .cte("new_head")
    )
    entry = insert(_table(AuditRow)).values(_columns(_table(AuditRow), "a"))
    _STATEMENT.append(entry.add_cte(cases, tokens, event, head))
    return _STATEMENT[0]


def _values(row: Any, prefix: str) -> dict[str, Any]:
    """The row's column values (a column left unset takes its scalar default, as at a flush)."""
    values: dict[str, Any] = {}
    for column in row.__table__.columns:
        if column.key == "id" and prefix == "e":
            continue
        value = getattr(row, column.key)
        if value is None and column.default is not None and column.default.is_scalar:
            value = column.default.arg
            setattr(row, column.key, value)
        values[f"{prefix}_{column.key}"] = value
    return values


def open_case(
    session: Session,
    row: CaseRow,
    *,
    number_after: Callable[[str | None], str],
    prefix: str,
    event_kind: str,
    officer_login: str,
    at: datetime,
) -> None:
    """Store `row` (not added to the session) as a new case with its next number, its first
    event ``{"number": …}`` and the audit entry ``case.create``; `row` gets its id and number.
    The caller commits. PostgreSQL only (the store's writer lock is held from here)."""
    sealer = sealer_of(session.get_bind().dialect)
    assert sealer is not None, "a PostgreSQL store's engine carries its sealer"
    tokens = sorted(case_tokens(sealer, row))  # before the lock: HMACs are the desk's work
    [[(case_id, last_number, head_id, head_hash)]] = serialise_then_read(
        session, [(_ENDS, {"lo": prefix, "hi": prefix_upper_bound(prefix)})]
    )
    if head_id is None:  # a store is created with entries; its head is never missing
        raise RuntimeError("the audit log's head is missing")
    row.id = int(case_id)
    row.number = number_after(last_number)
    event = EventRow(
        case_id=row.id, seq=1, kind=event_kind, at=at, officer_id=row.created_by,
        data={"number": row.number},
    )  # fmt: skip
    entry = audit.chained(
        (head_id, head_hash),
        at=at,
        officer=officer_login,
        action="case.create",
        entity="case",
        entity_id=row.id,
    )
    params = _values(row, "c") | _values(event, "e")
    params.update(
        {f"a_{key}": value for key, value in entry.items()},
        tokens=tokens,
        t_case_id=row.id,
        h_last_id=entry["id"],
        h_last_hash=entry["hash"],
    )
    session.execute(_statement(), params)

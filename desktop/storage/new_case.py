"""A new case on the shared PostgreSQL store in few round trips (issue 21).

Every desk that opens a case extends three things that must stay one line across desks: the
year's case numbers (unique, gap-free), the case's events and the audit chain. The store's
writer lock (`serial.py`) is held from reading their ends to the commit, and every other
writing desk waits for it meanwhile: what the mission's desks can open together per second is
one over that stretch. Written through the ORM it held ten round trips to the server (the
lock, the last number, the case, its search tokens deleted and inserted, its first event, the
audit head read and moved, the entry, the commit); on a busy machine each is a wait for the
scheduler as well as for the network. Here it is two:

1. the lock, the case's id, the last number of the year and the audit head — one pipeline
   (`serialise_then_read`), the reads after the lock as before;
2. the case, its search tokens, its first event, the audit entry and the head's move — one
   statement of data-modifying CTEs (the foreign keys are checked at its end) — and the
   COMMIT pipelined behind it (`execute_and_commit`).

Sealing the questionnaire, computing the search tokens (HMAC) and converting every value
SQLAlchemy's way happen before the lock; under it, the desk only hashes the audit entry and
converts the few values that depend on the lock (the Python work in that stretch is stretched
in turn by every other process that wants the CPU). The guarantees are those of the ORM path: the same lock, the same reads after it, the same rows.
A SQLCipher store (one desk, in-process) keeps the ORM path of `services/cases.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    ARRAY,
    Insert,
    Integer,
    LargeBinary,
    String,
    Table,
    bindparam,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from desktop.domain.search import prefix_upper_bound
from desktop.storage import audit
from desktop.storage.models import AuditHeadRow, AuditRow, CaseRow, EventRow, SearchTokenRow
from desktop.storage.sealed import sealer_of
from desktop.storage.serial import execute_and_commit, serialise_then_read
from desktop.storage.tokens import case_tokens

# After the lock (a later statement of the pipeline: it sees what the last writer committed).
# The year's last number as a number, not as text («…-100000» sorts below «…-99999»): the
# last in text order (a walk of the number index that stops at once) unless its serial is all
# nines — numbers are gap-free, so only then can a longer one exist, and only then are the
# year's numbers ordered by length (the CASE's subquery runs only when its branch is taken).
# As repositories._year_last_number on a SQLCipher store.
_ENDS = text(
    "SELECT nextval(pg_get_serial_sequence('cases', 'id')), "
    "(SELECT CASE WHEN rtrim(substr(t.number, :start), '9') = '' THEN "
    "(SELECT number FROM cases WHERE number >= :lo AND number < :hi "
    "ORDER BY length(number) DESC, number DESC LIMIT 1) ELSE t.number END "
    "FROM (SELECT number FROM cases WHERE number >= :lo AND number < :hi "
    "ORDER BY number DESC LIMIT 1) AS t), h.last_id, h.last_hash "
    "FROM (SELECT 1) AS one LEFT JOIN audit_head AS h ON h.id = 1"
)
_COMPILED = "qonys_new_case"  # the dialect's attribute: its compiled statement
_CASE_LATE = ("id", "number")  # known once the lock is held


@dataclass(frozen=True, slots=True)
class _Compiled:
    """The statement as the driver gets it, and each value's conversion (sealing, JSON, ISO
    text) — SQLAlchemy's own, applied before the lock to every value known by then."""

    sql: str
    processors: dict[str, Callable[[Any], Any] | None]

    def values(self, raw: dict[str, Any]) -> dict[str, Any]:
        done = {}
        for name, value in raw.items():
            processor = self.processors[name]
            done[name] = value if processor is None else processor(value)
        return done


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


def _columns(table: Table, prefix: str, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        c.key: bindparam(f"{prefix}_{c.key}", type_=c.type)
        for c in table.columns
        if c.key not in skip
    }


def _statement() -> Insert:
    """One INSERT of the audit entry, the case, its tokens, its event and the head's move."""
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
    event = (
        insert(_table(EventRow))
        .values(_columns(_table(EventRow), "e", skip=("id",)))  # the id: its sequence's
        .cte("new_event")
    )
    head = (
        update(_table(AuditHeadRow))
        .where(AuditHeadRow.id == bindparam("h_id", type_=Integer))
        .values(
            last_id=bindparam("h_last_id", type_=Integer),
            last_hash=bindparam("h_last_hash", type_=String),
        )
        .cte("new_head")
    )
    entry = insert(_table(AuditRow)).values(_columns(_table(AuditRow), "a"))
    return entry.add_cte(cases, tokens, event, head)


def _compiled(dialect: Dialect) -> _Compiled:
    """Compiled once per engine (the sealing conversions use that engine's sealer)."""
    found = getattr(dialect, _COMPILED, None)
    if found is None:
        compiled = _statement().compile(dialect=dialect)
        found = _Compiled(
            str(compiled),
            {
                name: bind.type.dialect_impl(dialect).bind_processor(dialect)
                for name, bind in compiled.binds.items()
            },
        )
        setattr(dialect, _COMPILED, found)
    return cast(_Compiled, found)


def _case_values(row: CaseRow) -> dict[str, Any]:
    """The case's column values but its id and number (an unset column takes its scalar
    default, as at a flush; `row` gets it too, for the summary)."""
    values: dict[str, Any] = {}
    for column in _table(CaseRow).columns:
        if column.key in _CASE_LATE:
            continue
        value = getattr(row, column.key)
        if value is None and column.default is not None and column.default.is_scalar:
            value = cast(Any, column.default).arg
            setattr(row, column.key, value)
        values[f"c_{column.key}"] = value
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
    event ``{"number": …}`` and the audit entry ``case.create``, and commit; `row` gets its id
    and number. PostgreSQL only."""
    dialect = session.get_bind().dialect
    sealer = sealer_of(dialect)
    assert sealer is not None, "a PostgreSQL store's engine carries its sealer"
    compiled = _compiled(dialect)
    # Before the lock: every value that does not depend on what the lock guards, converted
    # (the questionnaire and names sealed, the search tokens' HMACs).
    early = compiled.values(
        _case_values(row)
        | {
            "tokens": sorted(case_tokens(sealer, row)),
            "e_seq": 1,
            "e_kind": event_kind,
            "e_at": at,
            "e_officer_id": row.created_by,
            "h_id": 1,
        }
    )
    [[(case_id, last_number, head_id, head_hash)]] = serialise_then_read(
        session,
        [(_ENDS, {"lo": prefix, "hi": prefix_upper_bound(prefix), "start": len(prefix) + 1})],
    )
    # The writer lock is held from here to the commit: only what depends on it is left.
    if head_id is None:  # a store is created with entries; its head is never missing
        raise RuntimeError("the audit log's head is missing")
    row.id = int(case_id)
    row.number = number_after(last_number)
    entry = audit.chained(
        (head_id, head_hash),
        at=at,
        officer=officer_login,
        action="case.create",
        entity="case",
        entity_id=row.id,
    )
    late = compiled.values(
        {f"a_{key}": value for key, value in entry.items()}
        | {
            "c_id": row.id,
            "c_number": row.number,
            "t_case_id": row.id,
            "e_case_id": row.id,
            "e_data": {"number": row.number},
            "h_last_id": entry["id"],
            "h_last_hash": entry["hash"],
        }
    )
    execute_and_commit(session, compiled.sql, early | late)

"""The append-only, hash-chained audit log inside the store.

Each entry's hash covers its content and the previous entry's hash; `verify` recomputes the
chain and names every entry that was edited, removed or inserted out of order. The database
refuses UPDATE and DELETE on the table (triggers), so tampering needs deliberate work that the
chain then shows. Details hold what changed (field paths), never the personal data itself.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NotRequired, TypedDict, Unpack

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.storage.models import AuditHeadRow, AuditRow
from desktop.storage.serial import serialise

GENESIS = "0" * 64
# Written at a login that found the log cut below what the officer's vault slot remembers, or
# the failed-login record altered (services/session.py): `verify` reports them as problems.
ANCHOR_BROKEN = "security.audit_anchor_broken"
LOGIN_RECORD_ALTERED = "security.login_record_altered"


def entry_hash(
    prev_hash: str,
    entry_id: int,
    at: datetime,
    officer: str,
    action: str,
    entity: str,
    entity_id: str,
    detail: dict[str, Any],
) -> str:
    canonical = json.dumps(
        [
            prev_hash,
            entry_id,
            at.isoformat(timespec="microseconds"),
            officer,
            action,
            entity,
            entity_id,
            detail,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class Entry(TypedDict):
    """What the caller says of an entry (`append`, `chained`); the chain adds the rest."""

    at: datetime
    officer: str
    action: str
    entity: str
    entity_id: str | int
    detail: NotRequired[dict[str, Any] | None]


def append(session: Session, **entry: Unpack[Entry]) -> AuditRow:
    serialise(session)  # the head as the last writer left it, held until this commit
    head = session.get(AuditHeadRow, 1, populate_existing=True)
    row = AuditRow(**chained((head.last_id, head.last_hash) if head else None, **entry))
    session.add(row)
    if head is None:
        session.add(AuditHeadRow(id=1, last_id=row.id, last_hash=row.hash))
    else:
        head.last_id = row.id
        head.last_hash = row.hash
    return row


def chained(head: tuple[int, str] | None, **entry: Unpack[Entry]) -> dict[str, Any]:
    """The columns of the entry that follows `head` (the last entry's id and hash; None: the
    log is empty). The caller holds the store's writer lock from reading `head` to its commit
    and moves the head to this entry (`append`, or `new_case.open_case` in one statement)."""
    prev_id, prev_hash = head if head is not None else (0, GENESIS)
    entry_id = prev_id + 1
    detail = entry.get("detail") or {}
    at, officer, action, entity = entry["at"], entry["officer"], entry["action"], entry["entity"]
    entity_id = str(entry["entity_id"])
    digest = entry_hash(prev_hash, entry_id, at, officer, action, entity, entity_id, detail)
    return {
        "id": entry_id,
        "at": at,
        "officer": officer,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "detail": detail,
        "prev_hash": prev_hash,
        "hash": digest,
    }


@dataclass
class AuditReport:
    entries: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(session: Session) -> AuditReport:
    rows = session.scalars(select(AuditRow).order_by(AuditRow.id)).all()
    report = AuditReport(entries=len(rows))
    expected_prev = GENESIS
    expected_id = 1
    for row in rows:
        if row.id != expected_id:
            report.problems.append(f"entries {expected_id}–{row.id - 1} are missing")
        if row.prev_hash != expected_prev:
            report.problems.append(f"entry {row.id} does not follow the entry before it")
        recomputed = entry_hash(
            row.prev_hash,
            row.id,
            row.at,
            row.officer,
            row.action,
            row.entity,
            row.entity_id,
            row.detail,
        )
        if recomputed != row.hash:
            report.problems.append(f"entry {row.id} was altered after it was written")
        if row.action == ANCHOR_BROKEN:
            report.problems.append(
                f"entry {row.id}: at a login of {row.officer} the log no longer held entry "
                f"{row.entity_id} as that officer had seen it (cut or rewritten)"
            )
        elif row.action == LOGIN_RECORD_ALTERED:
            report.problems.append(
                f"entry {row.id}: at a login of {row.officer} the failed-login record had "
                "been altered or removed"
            )
        expected_prev = row.hash
        expected_id = row.id + 1
    head = session.get(AuditHeadRow, 1)
    if head is not None and (head.last_id != expected_id - 1 or head.last_hash != expected_prev):
        report.problems.append(
            f"the log ends at entry {expected_id - 1} but entry {head.last_id} was written"
        )
    if head is None and rows:
        report.problems.append("the head of the audit log is missing")
    return report

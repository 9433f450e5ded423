"""The outbox: one row per package built, then carried, then acknowledged by the Department."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from desktop.services.context import DeskContext
from desktop.services.exchange.refusals import ExchangeFailed
from desktop.storage.models import OutboxRow

BUILT, CARRIED, ACKNOWLEDGED = "built", "carried", "acknowledged"


@dataclass(frozen=True)
class OutboxEntry:
    """One package in the outbox; ``cases``/``events``/``scans`` count what *it* carries
    (a case straddling two parts of a split export is counted in both)."""

    sequence: int
    file_name: str
    folder: str
    size: int
    cases: int
    events: int
    scans: int
    state: str
    created_at: datetime
    carried_at: datetime | None
    acknowledged_at: datetime | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "sequence": self.sequence,
            "file": self.file_name,
            "folder": self.folder,
            "size": self.size,
            "cases": self.cases,
            "events": self.events,
            "scans": self.scans,
            "state": self.state,
            "created_at": self.created_at.isoformat(),
            "carried_at": self.carried_at.isoformat() if self.carried_at else None,
            "acknowledged_at": self.acknowledged_at.isoformat() if self.acknowledged_at else None,
        }


def _entry(row: OutboxRow) -> OutboxEntry:
    return OutboxEntry(
        row.sequence,
        row.file_name,
        row.folder,
        row.size,
        row.cases,
        row.events,
        row.scans,
        row.state,
        row.created_at,
        row.carried_at,
        row.acknowledged_at,
    )


def outbox(ctx: DeskContext) -> list[OutboxEntry]:
    with ctx.uow() as uow:
        return [
            _entry(r) for r in uow.session.scalars(select(OutboxRow).order_by(OutboxRow.sequence))
        ]


def mark_carried(ctx: DeskContext, sequence: int) -> OutboxEntry:
    """The officer handed the package to a courier / copied it to media (state: carried)."""
    with ctx.uow() as uow:
        row = uow.session.scalars(select(OutboxRow).where(OutboxRow.sequence == sequence)).first()
        if row is None:
            raise ExchangeFailed(f"there is no package {sequence} in the outbox", "no-such-package")
        if row.state == BUILT:
            row.state = CARRIED
            row.carried_at = ctx.now()
            ctx.audit(uow, "exchange.carried", "outbox", sequence)
            uow.commit()
        return _entry(row)

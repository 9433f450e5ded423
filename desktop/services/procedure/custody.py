"""§3(2): the ID-card originals withdrawn at acceptance ("алынып қояды") and the register of
the documents held in the safe."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desktop.domain.checklist import CaseFacts, ChecklistStatus
from desktop.domain.i18n import Text
from desktop.services.context import DeskContext
from desktop.services.context import Role as DeskRole
from desktop.services.errors import InvalidInput, NotFound, custody_ref
from desktop.services.procedure.loading import _guard_clock
from desktop.storage import audit
from desktop.storage.models import CaseRow, CustodyRow
from desktop.storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class CustodyEntry:
    id: int
    case_id: int
    case_number: str
    item_key: str
    document_kind: str
    document_number: str
    received_at: datetime
    received_by: str
    released_at: datetime | None
    released_by: str
    release_note: str


# --- custody ----------------------------------------------------------------------------------


def take_into_custody(
    uow: UnitOfWork,
    ctx: DeskContext,
    case_id: int,
    checklist: ChecklistStatus,
    facts: CaseFacts,
    now: datetime,
) -> list[int]:
    numbers = {f"identity:{d.kind.value}": d.number for d in facts.identity}
    ids = []
    for entry in checklist.entries:
        if entry.item.retained_original and entry.state.received:
            custody = CustodyRow(
                case_id=case_id,
                item_key=entry.key,
                document_kind=entry.key.split(":", 1)[-1],
                document_number=numbers.get(entry.key, ""),
                received_at=now,
                received_by=ctx.officer.id,
                released_at=None,
                released_by=None,
                release_note="",
            )
            uow.session.add(custody)
            uow.session.flush()
            ids.append(custody.id)
            audit.append(
                uow.session,
                at=now,
                officer=ctx.officer.login,
                action="custody.receive",
                entity="custody",
                entity_id=custody.id,
                detail={"case": case_id, "kind": custody.document_kind},
            )
    return ids


def _custody(
    uow: UnitOfWork, case_id: int | None = None, *, held_only: bool = False
) -> list[CustodyEntry]:
    query = select(CustodyRow, CaseRow.number).join(CaseRow, CaseRow.id == CustodyRow.case_id)
    if case_id is not None:
        query = query.where(CustodyRow.case_id == case_id)
    if held_only:
        query = query.where(CustodyRow.released_at.is_(None))
    names = {o.id: o.full_name for o in uow.officers.all()}
    out = []
    for c, number in uow.session.execute(query.order_by(CustodyRow.id)):
        out.append(
            CustodyEntry(
                c.id,
                c.case_id,
                number,
                c.item_key,
                c.document_kind,
                c.document_number,
                c.received_at,
                names.get(c.received_by or -1, ""),
                c.released_at,
                names.get(c.released_by or -1, ""),
                c.release_note,
            )
        )
    return out


def custody_register(ctx: DeskContext, *, held_only: bool = False) -> list[CustodyEntry]:
    with ctx.uow() as uow:
        return _custody(uow, held_only=held_only)


def release_custody(ctx: DeskContext, custody_id: int, note: str) -> CustodyEntry:
    """A retained document leaves the safe (sent to the police, returned, destroyed): why."""
    ctx.require(DeskRole.OFFICER, "release a retained document")
    if not note.strip():
        raise InvalidInput(
            Text(
                "Құжат қайда берілгенін жазыңыз",
                "Укажите, куда передан документ",
                "Say where the document went",
            )
        )
    with ctx.uow() as uow:
        now = _guard_clock(ctx, uow)
        row = uow.session.get(CustodyRow, custody_id)
        if row is None:
            raise NotFound(custody_ref(custody_id))
        if row.released_at is not None:
            raise InvalidInput(
                Text(
                    "Құжат бұрын берілген",
                    "Документ уже выдан",
                    "The document was already released",
                )
            )
        row.released_at = now
        row.released_by = ctx.officer.id
        row.release_note = note.strip()
        audit.append(
            uow.session,
            at=now,
            officer=ctx.officer.login,
            action="custody.release",
            entity="custody",
            entity_id=custody_id,
            detail={"case": row.case_id},
        )
        uow.commit()
        case_id = row.case_id
    with ctx.uow() as uow:
        return next(c for c in _custody(uow, case_id) if c.id == custody_id)

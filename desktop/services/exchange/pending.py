"""What an export sends: the cases, events and scan pages not yet exported, in order."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from sqlalchemy import select

from desktop.domain.workflow import Stage
from desktop.services.exchange.prefetch import Prefetcher
from desktop.storage.models import AttachmentRow, CaseRow, EventRow, ExportedRow, OfficerRow
from desktop.storage.uow import UnitOfWork
from desktop.sync import exchange

# §7: a case goes to the Department once forwarded; before that it stays at the mission
# (unless it went out already, then its later steps follow it).
NOT_EXPORTED_STAGES = frozenset(
    {
        Stage.DRAFT.value,
        Stage.ACCEPTED.value,
        Stage.REFUSED_ACCEPTANCE.value,
        Stage.BURKIT_ENTERED.value,
        Stage.WITHDRAWN.value,
    }
)


@dataclass
class _Pending:
    cases: list[tuple[int, int]]  # (case id, version)
    events: list[int]
    attachments: list[int]


def _pending(uow: UnitOfWork, stages_excluded: frozenset[str]) -> tuple[list[int], _Pending]:
    s = uow.session
    exported: dict[tuple[str, int], int] = {
        (k, r): v
        for k, r, v in s.execute(select(ExportedRow.kind, ExportedRow.ref_id, ExportedRow.version))
    }
    sent_before = {ref for kind, ref in exported if kind == "case"}
    case_rows = [
        (cid, ver)
        for cid, ver, stage in s.execute(select(CaseRow.id, CaseRow.version, CaseRow.stage))
        if stage not in stages_excluded or cid in sent_before
    ]
    eligible = {cid for cid, _ in case_rows}
    new_events = [
        eid
        for eid, cid in s.execute(select(EventRow.id, EventRow.case_id).order_by(EventRow.id))
        if cid in eligible and ("event", eid) not in exported
    ]
    new_atts = [
        aid
        for aid, cid in s.execute(
            select(AttachmentRow.id, AttachmentRow.case_id).order_by(AttachmentRow.id)
        )
        if cid in eligible and ("attachment", aid) not in exported
    ]
    event_cases = (
        set(s.scalars(select(EventRow.case_id).where(EventRow.id.in_(new_events))))
        if new_events
        else set()
    )
    att_cases = (
        set(s.scalars(select(AttachmentRow.case_id).where(AttachmentRow.id.in_(new_atts))))
        if new_atts
        else set()
    )
    changed = [
        (cid, ver)
        for cid, ver in case_rows
        if exported.get(("case", cid)) != ver or cid in event_cases or cid in att_cases
    ]
    return sorted(cid for cid, _ in changed), _Pending(changed, new_events, new_atts)


def _scan_order(uow: UnitOfWork, case_ids: Sequence[int], pending: _Pending) -> list[int]:
    """The attachment ids in the order ``_outgoing`` will load them."""
    if not pending.attachments:
        return []
    order = {cid: i for i, cid in enumerate(case_ids)}
    rows = uow.session.execute(
        select(AttachmentRow.id, AttachmentRow.case_id).where(
            AttachmentRow.id.in_(pending.attachments)
        )
    ).all()
    ranked = sorted((order[cid], aid) for aid, cid in rows if cid in order)
    return [aid for _, aid in ranked]


def _outgoing(
    uow: UnitOfWork,
    mission_code: str,
    case_ids: Sequence[int],
    pending: _Pending,
    prefetch: Prefetcher,
) -> Iterator[exchange.OutgoingCase]:
    s = uow.session
    logins: dict[int, str] = {
        oid: login for oid, login in s.execute(select(OfficerRow.id, OfficerRow.login))
    }
    new_events = set(pending.events)
    new_atts = set(pending.attachments)
    for cid in case_ids:
        row = s.get(CaseRow, cid)
        assert row is not None
        events = [
            {
                "id": str(e.id),
                "kind": e.kind,
                "at": e.at.isoformat(),
                "officer": logins.get(e.officer_id) if e.officer_id else None,
                "data": e.data,
            }
            for e in s.scalars(
                select(EventRow).where(EventRow.case_id == cid).order_by(EventRow.seq)
            )
            if e.id in new_events
        ]
        atts = s.execute(
            select(
                AttachmentRow.id, AttachmentRow.item_key, AttachmentRow.page_no, AttachmentRow.mime
            )
            .where(AttachmentRow.case_id == cid)
            .order_by(AttachmentRow.id)
        ).all()
        scans = [
            exchange.OutgoingScan(
                id=str(aid),
                case_id=str(cid),
                page=max(page, 0),
                media_type=mime,
                load=partial(prefetch.get, aid),
                digest=partial(prefetch.digest, aid),
                document=item_key,
            )
            for aid, item_key, page, mime in atts
            if aid in new_atts
        ]
        s.expunge(row)
        yield exchange.OutgoingCase(
            record={
                "id": str(cid),
                "number": row.number,
                "mission": mission_code,
                "questionnaire": row.questionnaire,
                "events": events,
            },
            scans=scans,
        )

"""§3: the checklist of a case: the facts the officer established, each required document,
and the scans linked to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from desktop.domain.checklist import (
    CaseFacts,
    ChecklistError,
    ChecklistStatus,
    ItemState,
    record,
    required_items,
)
from desktop.domain.i18n import Text
from desktop.domain.rulesets import in_force_text
from desktop.domain.workflow import Stage, replay
from desktop.services.cases import CaseSummary, summary_of
from desktop.services.context import DeskContext
from desktop.services.context import Role as DeskRole
from desktop.services.procedure.custody import CustodyEntry, _custody
from desktop.services.procedure.errors import M_FROZEN, ProcedureError
from desktop.services.procedure.loading import (
    EVENT_CHECKLIST,
    EVENT_FACTS,
    EVENT_SCANS,
    _calendar,
    _case,
    _effective_now,
    _facts,
    _guard_clock,
    _questionnaire,
    _spec,
    _states,
    case_events,
    checklist_row,
    checklist_status,
    ruleset_of,
)
from desktop.services.rulesets import rulesets_in
from desktop.storage import audit
from desktop.storage.models import CaseChecklistRow

_NO_TEXT = Text("", "", "")


@dataclass(frozen=True, slots=True)
class ChecklistView:
    case: CaseSummary
    facts: CaseFacts
    status: ChecklistStatus
    frozen: bool  # accepted (or later): the set is what was accepted
    custody: list[CustodyEntry]
    rules: Text = _NO_TEXT  # §14-1: which version of §3 applies, and since when


def get_checklist(ctx: DeskContext, case_id: int, on: date | None = None) -> ChecklistView:
    with ctx.uow() as uow:
        row = _case(uow, case_id)
        cl = uow.session.get(CaseChecklistRow, case_id)
        day = on or _calendar(_spec(uow)).local_date(_effective_now(ctx, uow))
        state = replay(case_events(uow, case_id))
        if state.accepted_on is not None and on is None:
            day = state.accepted_on  # the checklist as it stood when accepted
        known = rulesets_in(uow)
        return ChecklistView(
            summary_of(row),
            _facts(cl),
            checklist_status(row, cl, day, known),
            row.stage != Stage.DRAFT.value,
            _custody(uow, case_id),
            in_force_text(ruleset_of(cl, day, known)),
        )


def set_facts(ctx: DeskContext, case_id: int, facts: CaseFacts) -> ChecklistView:
    """Record what the officer established (identity document, alimony, debts)."""
    ctx.require(DeskRole.OFFICER, "edit the checklist")
    with ctx.uow() as uow:
        now = _guard_clock(ctx, uow)
        row = _case(uow, case_id)
        if row.stage != Stage.DRAFT.value:
            raise ProcedureError(M_FROZEN, "frozen")
        cl = checklist_row(uow, case_id, now)
        cl.facts = facts.to_dict()
        cl.updated_at = now
        uow.events.add(case_id, EVENT_FACTS, now, ctx.officer.id, _facts_flags(facts))
        audit.append(
            uow.session,
            at=now,
            officer=ctx.officer.login,
            action="checklist.facts",
            entity="case",
            entity_id=case_id,
            detail=_facts_flags(facts),
        )
        uow.commit()
    return get_checklist(ctx, case_id)


def _facts_flags(facts: CaseFacts) -> dict[str, Any]:
    # What changed, without document numbers (personal data stays out of events and audit).
    return {
        "identity": [f"{d.kind.value}:{d.status.value}" for d in facts.identity],
        "alimony_obligations": facts.alimony_obligations,
        "enforcement_debtor": facts.enforcement_debtor,
        "fee_exemption": bool(facts.fee_exemption.strip()),
        "representative": facts.representative is not None,
    }


def record_item(
    ctx: DeskContext,
    case_id: int,
    key: str,
    *,
    received: bool,
    expires_on: date | None = None,
    note: str = "",
    variant: str | None = None,
) -> ChecklistView:
    """Mark a required document received or not (§3: only the items the Rules require);
    `variant` records which form was given (birth certificate or certificate of birth,
    notarised consent or court permission); None keeps what was recorded."""
    ctx.require(DeskRole.OFFICER, "edit the checklist")
    with ctx.uow() as uow:
        now = _guard_clock(ctx, uow)
        row = _case(uow, case_id)
        if row.stage != Stage.DRAFT.value:
            raise ProcedureError(M_FROZEN, "frozen")
        cl = checklist_row(uow, case_id, now)
        day = _calendar(_spec(uow)).local_date(now)
        states = _states(cl)
        old = states.get(key, ItemState())
        new = ItemState(
            received=received,
            expires_on=expires_on,
            scan_ids=old.scan_ids,
            note=note,
            variant=old.variant if variant is None else variant,
        )
        # The items as they will be with this state: an expiry typed on an identity item
        # leads to the §3(2) route (and keeps its key).
        items = required_items(
            _questionnaire(row),
            _facts(cl),
            day,
            ruleset_of(cl, day, rulesets_in(uow)),
            states={**states, key: new},
        )
        try:
            states = record(items, states, key, new)
        except ChecklistError as exc:
            raise ProcedureError(exc.message, "not_required") from None
        cl.items = {k: v.to_dict() for k, v in states.items()}
        cl.updated_at = now
        detail: dict[str, Any] = {"key": key, "received": received}
        if new.variant:
            detail["variant"] = new.variant
        uow.events.add(case_id, EVENT_CHECKLIST, now, ctx.officer.id, detail)
        audit.append(
            uow.session,
            at=now,
            officer=ctx.officer.login,
            action="checklist.item",
            entity="case",
            entity_id=case_id,
            detail=detail,
        )
        uow.commit()
    return get_checklist(ctx, case_id)


def attach_scans(ctx: DeskContext, case_id: int, key: str, scan_ids: Sequence[str]) -> None:
    """Link scanned documents to a checklist item (called by the scanning room)."""
    ctx.require(DeskRole.OFFICER, "attach scans")
    with ctx.uow() as uow:
        now = _guard_clock(ctx, uow)
        row = _case(uow, case_id)
        cl = checklist_row(uow, case_id, now)
        status = checklist_status(row, cl, _calendar(_spec(uow)).local_date(now), rulesets_in(uow))
        if key not in {e.key for e in status.entries}:
            raise ProcedureError(
                Text(
                    f"«{key}» тізбеде жоқ (3-тармақ)",
                    f"«{key}» нет в перечне (п. 3)",
                    f"{key} is not on the checklist (§3)",
                ),
                "not_required",
            )
        states = _states(cl)
        old = states.get(key, ItemState())
        merged = tuple(dict.fromkeys((*old.scan_ids, *scan_ids)))
        states[key] = replace(old, scan_ids=merged)
        cl.items = {k: v.to_dict() for k, v in states.items()}
        cl.updated_at = now
        detail = {"key": key, "scans": len(merged)}
        uow.events.add(case_id, EVENT_SCANS, now, ctx.officer.id, detail)
        audit.append(
            uow.session,
            at=now,
            officer=ctx.officer.login,
            action="checklist.scans",
            entity="case",
            entity_id=case_id,
            detail=detail,
        )
        uow.commit()


def detach_scans(ctx: DeskContext, case_id: int, scan_ids: Sequence[str]) -> None:
    """Unlink scanned documents from whatever checklist items hold them (the scanning room
    calls this when a document is deleted). Unknown ids are ignored."""
    ctx.require(DeskRole.OFFICER, "attach scans")
    gone = set(scan_ids)
    with ctx.uow() as uow:
        now = _guard_clock(ctx, uow)
        _case(uow, case_id)
        cl = uow.session.get(CaseChecklistRow, case_id)
        if cl is None:
            return
        states = _states(cl)
        changed = [k for k, st in states.items() if gone & set(st.scan_ids)]
        if not changed:
            return
        for key in changed:
            old = states[key]
            kept = tuple(i for i in old.scan_ids if i not in gone)
            states[key] = replace(old, scan_ids=kept)
        cl.items = {k: v.to_dict() for k, v in states.items()}
        cl.updated_at = now
        detail = {"keys": sorted(changed), "removed": len(gone)}
        uow.events.add(case_id, EVENT_SCANS, now, ctx.officer.id, detail)
        ctx.audit(uow, "checklist.scans_removed", "case", case_id, detail)
        uow.commit()

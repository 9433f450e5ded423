"""What the stored events of a case add up to: `CaseState`, and `apply` / `replay`, which fold
the events (trusted: `decide` checked each when it was made) back into it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from desktop.domain.workflow.actions import (
    Action,
    ComplaintAddressee,
    ComplaintOutcome,
    ComplaintStage,
    Role,
)
from desktop.domain.workflow.errors import M_COMPLAINT_UNKNOWN, WorkflowError
from desktop.domain.workflow.fields import date_of
from desktop.domain.workflow.stages import Stage
from desktop.domain.workflow.transitions import TRANSITIONS


@dataclass(frozen=True, slots=True)
class Actor:
    officer_id: int | None
    full_name: str
    roles: frozenset[Role]

    @classmethod
    def of(cls, officer_id: int | None, full_name: str, *roles: Role) -> Actor:
        return cls(officer_id, full_name, frozenset(roles))


@dataclass(frozen=True, slots=True)
class Event:
    """One stored step. `at` is the aware UTC moment it was recorded."""

    kind: str
    at: datetime
    officer_id: int | None
    data: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Complaint:
    complaint_id: str
    received_on: date
    registered_on: date
    against: str
    addressee: ComplaintAddressee
    stage: ComplaintStage = ComplaintStage.REGISTERED
    satisfied_on: date | None = None
    forwarded_on: date | None = None
    decided_on: date | None = None
    outcome: ComplaintOutcome | None = None


@dataclass(frozen=True, slots=True)
class CaseState:
    """What the events of a case add up to."""

    stage: Stage = Stage.DRAFT
    ruleset: str | None = None  # the §3 version the case was accepted under
    accepted_on: date | None = None  # §12: the term runs from the submission
    accepted_by: str = ""
    burkit_on: date | None = None
    forwarded_on: date | None = None
    permission_notice_on: date | None = None
    preliminary_notice_on: date | None = None
    draft_sent_on: date | None = None
    draft_delivered_on: date | None = None
    objection_on: date | None = None
    no_objection_on: date | None = None
    objection_forwarded_on: date | None = None
    refusal_notice_on: date | None = None
    refusal_sent_on: date | None = None
    notification_issued_on: date | None = None
    journal_number: int | None = None  # §13, Annex 5 column 1, given with the permission
    journal_year: int | None = None
    handed_over_on: date | None = None
    closed_on: date | None = None
    withdrawn_on: date | None = None
    last_at: datetime | None = None  # the latest recorded moment (clock set-back guard)
    last_on: date | None = None  # the latest effective date of a stage step
    complaints: tuple[Complaint, ...] = ()
    decision: Mapping[str, Any] = field(default_factory=dict)

    def complaint(self, complaint_id: str) -> Complaint:
        for c in self.complaints:
            if c.complaint_id == complaint_id:
                return c
        raise WorkflowError("complaint_unknown", M_COMPLAINT_UNKNOWN.format(id=complaint_id))


WORKFLOW_KINDS = frozenset(a.value for a in Action)
# Steps that hold the decision of the police (§10, §11).
_DECISIONS = frozenset(
    {Action.RECORD_PERMISSION, Action.RECORD_PRELIMINARY_REFUSAL, Action.RECORD_REFUSAL}
)
_COMPLAINT_STEPS = frozenset(
    {Action.SATISFY_COMPLAINT, Action.FORWARD_COMPLAINT, Action.RECORD_COMPLAINT_OUTCOME}
)


def apply(state: CaseState, event: Event) -> CaseState:
    """The state after one stored event (trusted: `decide` checked it when it was made).

    Events of other kinds (the case opened, the questionnaire edited, a scan added) only move
    the case's latest moment forward: they are steps too, but not of the procedure.
    """
    if event.kind not in WORKFLOW_KINDS:
        return replace(state, last_at=max(event.at, state.last_at or event.at))
    action = Action(event.kind)
    t = TRANSITIONS[action]
    data = event.data
    on = date_of(data, "on")
    changes: dict[str, Any] = {"last_at": max(event.at, state.last_at or event.at)}
    if t.target is not None:
        changes["stage"] = t.target
        if on is not None:
            changes["last_on"] = max(on, state.last_on or on)
    if t.records is not None:
        changes[t.records] = on  # the date the transitions table says this step records
    if action in _DECISIONS:
        changes["decision"] = dict(data)
    changes.update(_special(state, action, data, on))
    return replace(state, **changes)


def _special(
    state: CaseState, action: Action, data: Mapping[str, Any], on: date | None
) -> dict[str, Any]:
    """What a step changes beyond the date it records."""
    match action:
        case Action.ACCEPT:
            checklist = data.get("checklist", {})
            return {
                "accepted_by": str(data.get("accepted_by", "")),
                "ruleset": checklist.get("ruleset") if isinstance(checklist, Mapping) else None,
            }
        case Action.RESUBMIT:
            return {"last_on": state.last_on}
        case Action.RECORD_PERMISSION if isinstance(data.get("journal_number"), int):
            return {
                "journal_number": data["journal_number"],
                "journal_year": data.get("journal_year"),
            }
        case Action.SEND_PRELIMINARY_REFUSAL:
            return {"draft_delivered_on": date_of(data, "delivered_on") or on}
        case Action.CLOSE:
            return {"closed_on": on or state.last_on}
        case Action.REGISTER_COMPLAINT:
            received = date_of(data, "received_on")
            assert received is not None
            complaint = Complaint(
                complaint_id=str(data["complaint_id"]),
                received_on=received,
                registered_on=date_of(data, "registered_on") or received,
                against=str(data.get("against", "")),
                addressee=ComplaintAddressee(data["addressee"]),
            )
            return {"complaints": (*state.complaints, complaint)}
        case _ if action in _COMPLAINT_STEPS:
            return {
                "complaints": tuple(
                    _apply_complaint(c, action, data)
                    if c.complaint_id == data["complaint_id"]
                    else c
                    for c in state.complaints
                )
            }
    return {}


def _apply_complaint(c: Complaint, action: Action, data: Mapping[str, Any]) -> Complaint:
    on = date_of(data, "on")
    if action is Action.SATISFY_COMPLAINT:
        return replace(c, stage=ComplaintStage.SATISFIED, satisfied_on=on)
    if action is Action.FORWARD_COMPLAINT:
        return replace(c, stage=ComplaintStage.FORWARDED, forwarded_on=on)
    return replace(
        c,
        stage=ComplaintStage.DECIDED,
        decided_on=on,
        outcome=ComplaintOutcome(data["outcome"]),
    )


def replay(events: Iterable[Event]) -> CaseState:
    state = CaseState()
    for event in events:
        state = apply(state, event)
    return state


def utc(moment: datetime) -> datetime:
    """Normalise an aware moment to UTC (the events table stores UTC)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC)

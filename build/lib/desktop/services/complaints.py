"""Complaints (§16): registered on a case, with their own clocks and outcome.

A complaint about a decision, action or inaction is forwarded with the administrative case to
the reviewing body within 3 working days of its receipt, unless within those days the mission
takes a decision that fully satisfies it; it is considered within 5 working days (addressed
to the provider) or 15 working days (addressed to the authorised body for the quality of
public services) of its registration. Each step is an event on the case (the case's stage
does not move), so the same timeline, deadlines and audit carry it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain.deadlines import Deadline, complaint_deadlines
from desktop.domain.workflow import (
    Action,
    Complaint,
    ComplaintAddressee,
    ComplaintOutcome,
    replay,
)
from desktop.services.context import DeskContext
from desktop.services.procedure import StepResult, load_events, perform, working_calendar


@dataclass(frozen=True, slots=True)
class ComplaintView:
    complaint: Complaint
    deadlines: list[Deadline]


def register(
    ctx: DeskContext,
    case_id: int,
    *,
    received_on: date,
    against: str,
    addressee: ComplaintAddressee,
    registered_on: date | None = None,
    note: str = "",
) -> StepResult:
    data: dict[str, str] = {
        "received_on": received_on.isoformat(),
        "against": against,
        "addressee": addressee.value,
        "note": note,
    }
    if registered_on is not None:
        data["registered_on"] = registered_on.isoformat()
    return perform(ctx, case_id, Action.REGISTER_COMPLAINT, data)


def satisfy(
    ctx: DeskContext, case_id: int, complaint_id: str, on: date | None = None, note: str = ""
) -> StepResult:
    """§16: the mission fully satisfied the complaint itself; it is not forwarded."""
    return perform(ctx, case_id, Action.SATISFY_COMPLAINT, _data(complaint_id, on, note=note))


def forward(
    ctx: DeskContext,
    case_id: int,
    complaint_id: str,
    body: str,
    on: date | None = None,
    note: str = "",
) -> StepResult:
    """§16: sent with the administrative case to the body that considers complaints."""
    return perform(
        ctx, case_id, Action.FORWARD_COMPLAINT, _data(complaint_id, on, body=body, note=note)
    )


def record_outcome(
    ctx: DeskContext,
    case_id: int,
    complaint_id: str,
    outcome: ComplaintOutcome,
    on: date | None = None,
    note: str = "",
) -> StepResult:
    return perform(
        ctx,
        case_id,
        Action.RECORD_COMPLAINT_OUTCOME,
        _data(complaint_id, on, outcome=outcome.value, note=note),
    )


def complaints_of(ctx: DeskContext, case_id: int) -> list[ComplaintView]:
    cal = working_calendar(ctx)
    state = replay(load_events(ctx, case_id))
    return [ComplaintView(c, complaint_deadlines(c, cal)) for c in state.complaints]


def _data(complaint_id: str, on: date | None, **extra: str) -> dict[str, str]:
    data = {"complaint_id": complaint_id, **extra}
    if on is not None:
        data["on"] = on.isoformat()
    return data

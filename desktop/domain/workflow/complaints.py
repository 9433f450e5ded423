"""§16: the steps of a complaint (satisfied within 3 working days, forwarded, decided)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop.domain.calendar import WorkingCalendar
from desktop.domain.workflow.actions import COMPLAINT_STAGE_TITLES, Action, ComplaintStage
from desktop.domain.workflow.errors import (
    M_BEFORE_PREVIOUS,
    M_COMPLAINT_SATISFY_AFTER_TERM,
    M_COMPLAINT_SATISFY_LATE,
    M_COMPLAINT_STAGE,
    WorkflowError,
)
from desktop.domain.workflow.fields import F_ON, date_of
from desktop.domain.workflow.stages import COMPLAINT_SATISFY_WORKING_DAYS
from desktop.domain.workflow.state import CaseState


def check_complaint_step(
    state: CaseState,
    action: Action,
    data: Mapping[str, Any],
    calendar: WorkingCalendar | None = None,
) -> None:
    c = state.complaint(str(data["complaint_id"]))
    allowed: dict[Action, frozenset[ComplaintStage]] = {
        Action.SATISFY_COMPLAINT: frozenset({ComplaintStage.REGISTERED}),
        Action.FORWARD_COMPLAINT: frozenset({ComplaintStage.REGISTERED}),
        Action.RECORD_COMPLAINT_OUTCOME: frozenset(
            {ComplaintStage.REGISTERED, ComplaintStage.FORWARDED}
        ),
    }
    if c.stage not in allowed[action]:
        if action is Action.SATISFY_COMPLAINT and c.stage is ComplaintStage.FORWARDED:
            raise WorkflowError("complaint_forwarded", M_COMPLAINT_SATISFY_LATE)
        raise WorkflowError(
            "complaint_stage",
            M_COMPLAINT_STAGE.format(id=c.complaint_id, stage=COMPLAINT_STAGE_TITLES[c.stage]),
        )
    on = date_of(data, "on")
    if on is not None and on < c.received_on:
        raise WorkflowError(
            "before_previous",
            M_BEFORE_PREVIOUS.format(field=F_ON.label, day=on, previous=c.received_on),
        )
    if action is Action.SATISFY_COMPLAINT and calendar is not None and on is not None:
        # §16: "егер үш жұмыс күні ішінде ... толық қанағаттандыратын шешім ... қабылдаса,
        # шағымды ... жібермеуге құқылы": only within 3 working days of receipt.
        due = calendar.add_working_days(c.received_on, COMPLAINT_SATISFY_WORKING_DAYS)
        if on > due:
            raise WorkflowError(
                "complaint_satisfy_late",
                M_COMPLAINT_SATISFY_AFTER_TERM.format(received=c.received_on, due=due),
            )


# --- replay -----------------------------------------------------------------------------------

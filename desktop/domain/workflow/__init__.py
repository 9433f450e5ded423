"""The case workflow of §4–§11 (and the complaints of §16) as an explicit state machine.

Every step is an *event*: `decide` checks a requested action against the case's current state
(stage, who asks, what data they give, the checklist for §4/§5) and returns the event to store,
or raises `WorkflowError` with a message in Kazakh, Russian and English. `replay` folds stored
events back into a `CaseState`; the deadlines (`desktop/domain/deadlines.py`), the timeline and
the monitoring export are all read from that state and those events.

Event data holds the *effective* date of a step (`on`: the day the Bürkit entry was made, the
day the written notice arrived), which may be earlier than the moment it was recorded (`at`)
but never later; the clocks run from the effective dates.

The rooms:

- `stages.py`: the stages, their titles, the groups of stages and the terms the workflow counts;
- `actions.py`: roles, actions (steps) and the choices of the step forms (channels, ways,
  complaint addressees and outcomes) with their titles;
- `fields.py`: the fields of the step forms, their limits, and `clean`;
- `transitions.py`: the transitions table (one row per step) and which steps a stage allows;
- `errors.py`: `WorkflowError` and its messages;
- `state.py`: `CaseState`, `apply`, `replay`;
- `hearing.py`: §11 (objection term, hearing, irregular refusals of older stores);
- `complaints.py`: §16;
- `decide.py`: `decide`, `step`, `available_actions` and the §4/§5 acceptance checks.
"""

from __future__ import annotations

from desktop.domain.workflow.actions import (
    CHOICE_TITLES,
    COMPLAINT_STAGE_TITLES,
    ROLE_TITLES,
    Action,
    ComplaintAddressee,
    ComplaintOutcome,
    ComplaintStage,
    DecisionChannel,
    HandoverWay,
    Role,
)
from desktop.domain.workflow.decide import available_actions, decide, step
from desktop.domain.workflow.errors import (
    M_BEFORE_PREVIOUS,
    M_CLOCK_BACK,
    M_COMPLAINT_SATISFY_AFTER_TERM,
    M_COMPLAINT_SATISFY_LATE,
    M_COMPLAINT_STAGE,
    M_COMPLAINT_UNKNOWN,
    M_COMPLETE_NO_REFUSAL,
    M_EXPIRED_ITEM,
    M_FIELD_CHOICE,
    M_FIELD_DATE,
    M_FIELD_DATETIME,
    M_FIELD_REQUIRED,
    M_FIELD_TOO_LONG,
    M_FIELD_UNKNOWN,
    M_FUTURE,
    M_HEARING_AFTER_OBJECTION_TERM,
    M_HEARING_BEFORE_NOTICE,
    M_HEARING_DAY_OFF,
    M_HEARING_NEAR_TERM_END,
    M_ILLEGAL,
    M_ILLEGAL_SINCE,
    M_INCOMPLETE,
    M_MISSING_ITEM,
    M_NO_CHECKLIST,
    M_NO_QUESTIONNAIRE,
    M_OBJECTION_TERM,
    M_OFFICER_NAME,
    M_QUESTIONNAIRE,
    M_REFUSAL_WITHOUT_HEARING,
    M_ROLE,
    M_WAIVER_AFTER,
    ClockSetBackError,
    WorkflowError,
)
from desktop.domain.workflow.fields import (
    F_CHANNEL,
    F_DECISION_DATE,
    F_DECISION_NO,
    F_DEPARTMENT,
    F_DEPARTMENT_RU,
    F_GROUND,
    F_GROUND_OPTIONAL,
    F_NOTE,
    F_ON,
    F_REASONS,
    REFUSAL_GROUNDS,
    TEXT_LIMIT_DEFAULT,
    TEXT_LIMITS,
    FieldKind,
    FieldSpec,
)
from desktop.domain.workflow.hearing import (
    M_IRREGULAR_REFUSAL,
    advisories,
    irregularities,
    objection_term_end,
)
from desktop.domain.workflow.stages import (
    COMPLAINT_SATISFY_WORKING_DAYS,
    HEARING_BEFORE_END_WORKING_DAYS,
    IN_SERVICE,
    OBJECTION_WORKING_DAYS,
    OPEN_STAGES,
    STAGE_TITLES,
    TERMINAL,
    Stage,
)
from desktop.domain.workflow.state import (
    WORKFLOW_KINDS,
    Actor,
    CaseState,
    Complaint,
    Event,
    apply,
    replay,
    utc,
)
from desktop.domain.workflow.transitions import COMPLAINT_ACTIONS, TRANSITIONS, Transition

__all__ = [
    "CHOICE_TITLES",
    "COMPLAINT_ACTIONS",
    "COMPLAINT_SATISFY_WORKING_DAYS",
    "COMPLAINT_STAGE_TITLES",
    "F_CHANNEL",
    "F_DECISION_DATE",
    "F_DECISION_NO",
    "F_DEPARTMENT",
    "F_DEPARTMENT_RU",
    "F_GROUND",
    "F_GROUND_OPTIONAL",
    "F_NOTE",
    "F_ON",
    "F_REASONS",
    "HEARING_BEFORE_END_WORKING_DAYS",
    "IN_SERVICE",
    "M_BEFORE_PREVIOUS",
    "M_CLOCK_BACK",
    "M_COMPLAINT_SATISFY_AFTER_TERM",
    "M_COMPLAINT_SATISFY_LATE",
    "M_COMPLAINT_STAGE",
    "M_COMPLAINT_UNKNOWN",
    "M_COMPLETE_NO_REFUSAL",
    "M_EXPIRED_ITEM",
    "M_FIELD_CHOICE",
    "M_FIELD_DATE",
    "M_FIELD_DATETIME",
    "M_FIELD_REQUIRED",
    "M_FIELD_TOO_LONG",
    "M_FIELD_UNKNOWN",
    "M_FUTURE",
    "M_HEARING_AFTER_OBJECTION_TERM",
    "M_HEARING_BEFORE_NOTICE",
    "M_HEARING_DAY_OFF",
    "M_HEARING_NEAR_TERM_END",
    "M_ILLEGAL",
    "M_ILLEGAL_SINCE",
    "M_INCOMPLETE",
    "M_IRREGULAR_REFUSAL",
    "M_MISSING_ITEM",
    "M_NO_CHECKLIST",
    "M_NO_QUESTIONNAIRE",
    "M_OBJECTION_TERM",
    "M_OFFICER_NAME",
    "M_QUESTIONNAIRE",
    "M_REFUSAL_WITHOUT_HEARING",
    "M_ROLE",
    "M_WAIVER_AFTER",
    "OBJECTION_WORKING_DAYS",
    "OPEN_STAGES",
    "REFUSAL_GROUNDS",
    "ROLE_TITLES",
    "STAGE_TITLES",
    "TERMINAL",
    "TEXT_LIMITS",
    "TEXT_LIMIT_DEFAULT",
    "TRANSITIONS",
    "WORKFLOW_KINDS",
    "Action",
    "Actor",
    "CaseState",
    "ClockSetBackError",
    "Complaint",
    "ComplaintAddressee",
    "ComplaintOutcome",
    "ComplaintStage",
    "DecisionChannel",
    "Event",
    "FieldKind",
    "FieldSpec",
    "HandoverWay",
    "Role",
    "Stage",
    "Transition",
    "WorkflowError",
    "advisories",
    "apply",
    "available_actions",
    "decide",
    "irregularities",
    "objection_term_end",
    "replay",
    "step",
    "utc",
]

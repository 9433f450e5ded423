"""`decide`: check one requested step against the case (stage, who asks, the data given, the
checklist and questionnaire for §4/§5, the calendar for §11/§16) and return the event to store,
or raise `WorkflowError`; `step` = `decide` then `apply`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from desktop.domain import acceptance
from desktop.domain.calendar import WorkingCalendar
from desktop.domain.checklist import ChecklistStatus
from desktop.domain.i18n import Text, join
from desktop.domain.validation import Issue
from desktop.domain.workflow.actions import ROLE_TITLES, Action, Role
from desktop.domain.workflow.complaints import check_complaint_step
from desktop.domain.workflow.errors import (
    M_BEFORE_PREVIOUS,
    M_COMPLETE_NO_REFUSAL,
    M_EXPIRED_ITEM,
    M_FUTURE,
    M_ILLEGAL,
    M_ILLEGAL_SINCE,
    M_INCOMPLETE,
    M_MISSING_ITEM,
    M_NO_CHECKLIST,
    M_NO_QUESTIONNAIRE,
    M_OFFICER_NAME,
    M_QUESTIONNAIRE,
    M_ROLE,
    ClockSetBackError,
    WorkflowError,
)
from desktop.domain.workflow.fields import F_ON, FieldKind, clean, date_of
from desktop.domain.workflow.hearing import check_hearing, check_no_objection
from desktop.domain.workflow.stages import STAGE_TITLES
from desktop.domain.workflow.state import Actor, CaseState, Event, apply
from desktop.domain.workflow.transitions import (
    COMPLAINT_ACTIONS,
    TRANSITIONS,
    Transition,
    actions_at,
    source_ok,
)


def available_actions(state: CaseState, roles: frozenset[Role]) -> list[Action]:
    """The steps a person holding `roles` can take now (for the action buttons of the desk)."""
    return actions_at(state.stage, roles)


def decide(
    state: CaseState,
    action: Action,
    data: Mapping[str, Any],
    actor: Actor,
    at: datetime,
    *,
    local_today: date,
    checklist: ChecklistStatus | None = None,
    calendar: WorkingCalendar | None = None,
    questionnaire_issues: Sequence[Issue] | None = None,
) -> Event:
    """Check one step and return the event that records it (nothing is stored here).

    `local_today` is the mission's date at `at`; `on` defaults to it. `checklist` and the
    Annex 1 `questionnaire_issues` are needed for §4 acceptance (and the checklist for the §5
    refusal); with the mission's `calendar`, "no objection" cannot be recorded while the
    applicant's §11 objection term still runs (unless waived in writing), the hearing must
    fall on a working day within that term, and a complaint satisfied after 3 working days
    must be forwarded (§16).
    """
    t = TRANSITIONS[action]
    _check_who_and_when(t, state, actor, at, calendar)
    given = dict(data)
    if any(f.name == "on" for f in t.fields) and not given.get("on"):
        given["on"] = local_today.isoformat()
    data_ok = clean(t.fields, given)
    _check_dates(t, state, data_ok, local_today)
    if action is Action.RECORD_NO_OBJECTION:
        check_no_objection(state, data_ok, calendar)
    elif action is Action.SEND_PRELIMINARY_REFUSAL:
        check_hearing(data_ok, calendar)
    elif action is Action.ACCEPT:
        data_ok.update(_acceptance_record(actor, checklist, questionnaire_issues))
    elif action is Action.REFUSE_ACCEPTANCE:
        data_ok.update(_refusal_record(actor, checklist))
    elif action is Action.REGISTER_COMPLAINT:
        data_ok.setdefault("registered_on", data_ok["received_on"])
        data_ok["complaint_id"] = f"C{len(state.complaints) + 1}"
    elif action in COMPLAINT_ACTIONS:
        check_complaint_step(state, action, data_ok, calendar)
    return Event(kind=action.value, at=at, officer_id=actor.officer_id, data=data_ok)


def _check_who_and_when(
    t: Transition, state: CaseState, actor: Actor, at: datetime, calendar: WorkingCalendar | None
) -> None:
    """The role, the stage, and a clock that is not behind the case's last event."""
    if not (actor.roles & t.roles):
        roles = join([ROLE_TITLES[r] for r in sorted(t.roles)])
        held = join([ROLE_TITLES[r] for r in sorted(actor.roles)]) if actor.roles else "-"
        raise WorkflowError("role", M_ROLE.format(action=t.title, roles=roles, role=held))
    if not source_ok(t, state.stage):
        stage = STAGE_TITLES[state.stage]
        message = (
            M_ILLEGAL_SINCE.format(action=t.title, stage=stage, since=state.last_on)
            if state.last_on is not None
            else M_ILLEGAL.format(action=t.title, stage=stage)
        )
        raise WorkflowError("illegal", message)
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("event moments must be aware (UTC)")
    if state.last_at is not None and at < state.last_at:
        raise ClockSetBackError(at, state.last_at, calendar.zone if calendar else None)


def _check_dates(
    t: Transition, state: CaseState, data: Mapping[str, Any], local_today: date
) -> None:
    """No date in the future; a stage step not dated before the previous one."""
    specs = {f.name: f for f in t.fields}
    for name, value in data.items():
        spec = specs[name]
        if spec.kind is FieldKind.DATE and date.fromisoformat(value) > local_today:
            raise WorkflowError(
                "future",
                M_FUTURE.format(field=spec.label, day=date.fromisoformat(value), today=local_today),
            )
    on = date_of(data, "on")
    if (
        on is not None
        and state.last_on is not None
        and on < state.last_on
        and t.action not in COMPLAINT_ACTIONS
    ):
        raise WorkflowError(
            "before_previous",
            M_BEFORE_PREVIOUS.format(field=F_ON.label, day=on, previous=state.last_on),
        )


def _acceptance_record(
    actor: Actor, checklist: ChecklistStatus | None, issues: Sequence[Issue] | None
) -> dict[str, Any]:
    """§4: what the acceptance mark records, once the questionnaire and the set allow it."""
    if checklist is None:
        raise WorkflowError("no_checklist", M_NO_CHECKLIST)
    if issues is None:
        raise WorkflowError("no_questionnaire", M_NO_QUESTIONNAIRE)
    _check_acceptance(checklist, issues)
    if not actor.full_name.strip():
        raise WorkflowError("officer_name", M_OFFICER_NAME)
    # §4: the mark carries the date and the full name of the person who accepted.
    return {"accepted_by": actor.full_name.strip(), "checklist": checklist.summary()}


def _refusal_record(actor: Actor, checklist: ChecklistStatus | None) -> dict[str, Any]:
    """§5: the refusal records what was missing and what had expired."""
    if checklist is None:
        raise WorkflowError("no_checklist", M_NO_CHECKLIST)
    if checklist.complete:
        raise WorkflowError("complete", M_COMPLETE_NO_REFUSAL)
    return {"checklist": checklist.summary(), "refused_by": actor.full_name.strip()}


def _check_acceptance(checklist: ChecklistStatus, issues: Sequence[Issue]) -> None:
    """§4: the questionnaire without errors (confirmed warnings are fine) and the set complete;
    one list of everything that is missing, by the form's labels."""
    questionnaire = [acceptance.describe(i) for i in acceptance.blockers(issues)]
    documents = [_item_line(checklist, k, M_MISSING_ITEM) for k in checklist.missing] + [
        _item_line(checklist, k, M_EXPIRED_ITEM) for k in checklist.expired
    ]
    if not questionnaire and not documents:
        return
    parts: list[Text] = []
    if questionnaire:
        parts.append(acceptance.listing(M_QUESTIONNAIRE, questionnaire))
    if documents:
        parts.append(acceptance.listing(M_INCOMPLETE, documents))
    message = Text(*("\n\n".join(p.get(lang) for p in parts) for lang in ("kk", "ru", "en")))
    code = "questionnaire" if questionnaire else "incomplete"
    raise WorkflowError(code, message, tuple(questionnaire + documents))


def _item_line(checklist: ChecklistStatus, key: str, template: Text) -> Text:
    entry = checklist.entry(key)
    label = entry.item.label
    if entry.item.subject and entry.item.subject not in label.en:
        label = Text(*(f"{label.get(lg)} ({entry.item.subject})" for lg in ("kk", "ru", "en")))
    if template is M_EXPIRED_ITEM:
        return M_EXPIRED_ITEM.format(item=label, on=entry.state.expires_on)
    return template.format(label=label)


def step(
    state: CaseState,
    action: Action,
    data: Mapping[str, Any],
    actor: Actor,
    at: datetime,
    *,
    local_today: date,
    checklist: ChecklistStatus | None = None,
    calendar: WorkingCalendar | None = None,
    questionnaire_issues: Sequence[Issue] | None = None,
) -> tuple[CaseState, Event]:
    """`decide` then `apply`: the new state and the event to store."""
    event = decide(
        state,
        action,
        data,
        actor,
        at,
        local_today=local_today,
        checklist=checklist,
        calendar=calendar,
        questionnaire_issues=questionnaire_issues,
    )
    return apply(state, event), event

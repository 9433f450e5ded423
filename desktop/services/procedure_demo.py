"""Demo cases spread over every stage of the procedure, with dates that make the dashboard
interesting (some clocks overdue, some due today, some later).

Every step goes through the real domain decisions (`workflow.step`) and the storage helpers of
`procedure`, so the demo's events, deadlines and custody entries are what an officer's work
would produce. Each case tells one story in date order (issue 14): it is opened on the day its
documents are brought (the questionnaire's application date), and every step is recorded on the
day it took effect, a little later each time, never after "now".
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from desktop.domain.calendar import WorkingCalendar
from desktop.domain.checklist import (
    CaseFacts,
    DocumentStatus,
    IdentityDocument,
    IdentityKind,
    ItemState,
)
from desktop.domain.questionnaire import Questionnaire
from desktop.domain.validation import validate
from desktop.domain.workflow import (
    TERMINAL,
    Action,
    Actor,
    Role,
    Stage,
    WorkflowError,
    apply,
    replay,
    step,
)
from desktop.services import cases as case_service
from desktop.services import procedure
from desktop.services.context import DeskContext, Officer
from desktop.storage.models import CaseRow
from desktop.storage.uow import UnitOfWork

_A = Action
_DECISION = {
    # The name only: Annex 4 prints "<name> Полиция департаментінің ... шешімі" around it.
    "police_department": "Алматы қаласы",
    "decision_number": "",
    "decision_date": "",
    "channel": "package",
}

# The steps that lead to each stage, with the calendar days between them.
PATHS: dict[Stage, list[tuple[Action, int]]] = {
    Stage.DRAFT: [],
    Stage.REFUSED_ACCEPTANCE: [(_A.REFUSE_ACCEPTANCE, 0)],
    Stage.ACCEPTED: [(_A.ACCEPT, 0)],
    Stage.BURKIT_ENTERED: [(_A.ACCEPT, 0), (_A.RECORD_BURKIT, 1)],
    Stage.FORWARDED: [(_A.ACCEPT, 0), (_A.RECORD_BURKIT, 1), (_A.FORWARD, 1)],
    Stage.PERMITTED: [
        (_A.ACCEPT, 0),
        (_A.RECORD_BURKIT, 1),
        (_A.FORWARD, 1),
        (_A.RECORD_PERMISSION, 21),
    ],
    Stage.NOTIFICATION_ISSUED: [
        (_A.ACCEPT, 0),
        (_A.RECORD_BURKIT, 1),
        (_A.FORWARD, 1),
        (_A.RECORD_PERMISSION, 21),
        (_A.ISSUE_NOTIFICATION, 2),
    ],
    Stage.HANDED_OVER: [
        (_A.ACCEPT, 0),
        (_A.RECORD_BURKIT, 1),
        (_A.FORWARD, 1),
        (_A.RECORD_PERMISSION, 20),
        (_A.ISSUE_NOTIFICATION, 2),
        (_A.HAND_OVER, 1),
    ],
    Stage.CLOSED: [
        (_A.ACCEPT, 0),
        (_A.RECORD_BURKIT, 1),
        (_A.FORWARD, 2),
        (_A.RECORD_PERMISSION, 25),
        (_A.ISSUE_NOTIFICATION, 1),
        (_A.HAND_OVER, 2),
        (_A.CLOSE, 0),
    ],
    Stage.PRELIMINARY_REFUSAL: [
        (_A.ACCEPT, 0),
        (_A.RECORD_BURKIT, 1),
        (_A.FORWARD, 1),
        (_A.RECORD_PRELIMINARY_REFUSAL, 24),
    ],
    Stage.HEARING_NOTIFIED: [
        (_A.ACCEPT, 0),
        (_A.RECORD_BURKIT, 1),
        (_A.FORWARD, 1),
        (_A.RECORD_PRELIMINARY_REFUSAL, 24),
        (_A.SEND_PRELIMINARY_REFUSAL, 3),
    ],
    Stage.OBJECTION_RECEIVED: [
        (_A.ACCEPT, 0),
        (_A.RECORD_BURKIT, 1),
        (_A.FORWARD, 1),
        (_A.RECORD_PRELIMINARY_REFUSAL, 24),
        (_A.SEND_PRELIMINARY_REFUSAL, 3),
        (_A.RECORD_OBJECTION, 1),
    ],
    Stage.NO_OBJECTION: [
        (_A.ACCEPT, 0),
        (_A.RECORD_BURKIT, 1),
        (_A.FORWARD, 1),
        (_A.RECORD_PRELIMINARY_REFUSAL, 24),
        (_A.SEND_PRELIMINARY_REFUSAL, 3),
        (_A.RECORD_NO_OBJECTION, 7),
    ],
    Stage.OBJECTION_FORWARDED: [
        (_A.ACCEPT, 0),
        (_A.RECORD_BURKIT, 1),
        (_A.FORWARD, 1),
        (_A.RECORD_PRELIMINARY_REFUSAL, 24),
        (_A.SEND_PRELIMINARY_REFUSAL, 3),
        (_A.RECORD_OBJECTION, 1),
        (_A.FORWARD_OBJECTION, 1),
    ],
    Stage.REFUSED: [
        (_A.ACCEPT, 0),
        (_A.RECORD_BURKIT, 1),
        (_A.FORWARD, 1),
        (_A.RECORD_PRELIMINARY_REFUSAL, 24),
        (_A.SEND_PRELIMINARY_REFUSAL, 3),
        (_A.RECORD_OBJECTION, 1),
        (_A.FORWARD_OBJECTION, 1),
        (_A.RECORD_REFUSAL, 14),
    ],
    Stage.REFUSAL_SENT: [
        (_A.ACCEPT, 0),
        (_A.RECORD_BURKIT, 1),
        (_A.FORWARD, 1),
        (_A.RECORD_PRELIMINARY_REFUSAL, 24),
        (_A.SEND_PRELIMINARY_REFUSAL, 3),
        (_A.RECORD_NO_OBJECTION, 7),
        (_A.SEND_REASONED_REFUSAL, 2),
    ],
    Stage.WITHDRAWN: [(_A.ACCEPT, 0), (_A.RECORD_BURKIT, 1), (_A.WITHDRAW, 5)],
}


def _data(action: Action, on: date, rng: random.Random, cal: WorkingCalendar) -> dict[str, str]:
    data: dict[str, str] = {}
    if action is not Action.CLOSE and action is not Action.RESUBMIT:
        data["on"] = on.isoformat()
    if action is Action.RECORD_BURKIT:
        data["reference"] = f"BRK-{rng.randrange(10**6, 10**7)}"
    elif action in (Action.FORWARD, Action.FORWARD_OBJECTION):
        data["package_reference"] = f"PKG-{on:%Y%m%d}-{rng.randrange(100):02d}"
    elif action in (
        Action.RECORD_PERMISSION,
        Action.RECORD_PRELIMINARY_REFUSAL,
        Action.RECORD_REFUSAL,
    ):
        data.update(_DECISION)
        data["decision_number"] = str(rng.randrange(1000, 9999))
        data["decision_date"] = (on - timedelta(days=rng.randrange(1, 4))).isoformat()
        data["channel"] = rng.choice(("package", "paper", "burkit"))
        if action is not Action.RECORD_PERMISSION:
            data["ground"] = "4"
            data["reasons"] = "3-қосымша, 9-жол, 4) тармақша / Annex 3, line 9(4)"
    elif action is Action.SEND_PRELIMINARY_REFUSAL:
        # §11: a working day within the applicant's 2-working-day objection term.
        data["hearing_at"] = f"{cal.add_working_days(on, 1).isoformat()}T10:00"
        data["hearing_place"] = "Елшілік, 2-бөлме / Embassy, room 2"
    elif action is Action.RECORD_OBJECTION:
        data["summary"] = "Қосымша құжаттар ұсынылды"
    elif action is Action.SEND_REASONED_REFUSAL:
        data["ground"] = "4"
        data["reasons"] = "3-қосымша, 9-жол, 4) тармақша / Annex 3, line 9(4)"
    elif action is Action.HAND_OVER:
        data["way"] = "in_person"
    elif action is Action.ISSUE_NOTIFICATION:
        data["notification_number"] = f"N-{rng.randrange(1000, 9999)}"
    elif action is Action.WITHDRAW:
        data["reason"] = "Өтініш беруші өтінішін кері қайтарды"
    return data


def _facts(rng: random.Random) -> CaseFacts:
    docs = [IdentityDocument(IdentityKind.PASSPORT, number=f"N{rng.randrange(10**7, 10**8)}")]
    if rng.random() < 0.08:
        docs = [
            IdentityDocument(IdentityKind.PASSPORT, rng.choice(list(DocumentStatus)[1:])),
            IdentityDocument(IdentityKind.E_DOCUMENT),
        ]
    if rng.random() < 0.3:
        docs.append(IdentityDocument(IdentityKind.ID_CARD, number=f"{rng.randrange(10**8, 10**9)}"))
    return CaseFacts(
        identity=tuple(docs),
        alimony_obligations=rng.random() < 0.1,
        enforcement_debtor=rng.random() < 0.05,
    )


def spread_over_stages(
    ctx: DeskContext, consul: Officer, case_ids: Sequence[int], rng: random.Random
) -> dict[str, int]:
    """Move demo drafts along the procedure so every stage has cases; returns counts.

    One transaction for the lot (a demo of thousands of cases must not take minutes): the
    same domain decisions, event rows, deadlines and custody entries as `procedure.perform`,
    without a commit per step.
    """
    stages = list(PATHS)
    counts: dict[str, int] = {}
    consul_actor = Actor(consul.id, consul.full_name, frozenset({Role.OFFICER, Role.CONSUL}))
    officer_actor = procedure.actor_of(ctx)
    with ctx.uow() as uow:
        now = ctx.now()
        cal = procedure.calendar_in(uow)
        today = cal.local_date(now)
        for index, case_id in enumerate(case_ids):
            target = stages[index] if index < len(stages) else rng.choice(stages)
            path = PATHS[target]
            total = sum(gap for _, gap in path)
            # Some cases are late on their current clock, some on time.
            start = today - timedelta(days=total + rng.randrange(0, 6))
            reached = _walk(uow, ctx, officer_actor, consul_actor, case_id, path, start, rng, now)
            counts[reached.value] = counts.get(reached.value, 0) + 1
        ctx.audit(uow, "demo.procedure", "mission", ctx.mission.code, counts)
        uow.commit()
    return counts


def _walk(
    uow: UnitOfWork,
    ctx: DeskContext,
    officer: Actor,
    consul: Actor,
    case_id: int,
    path: list[tuple[Action, int]],
    start: date,
    rng: random.Random,
    now: datetime,
) -> Stage:
    if not path:
        return Stage.DRAFT
    row = uow.cases.get(case_id)
    assert row is not None
    cal = procedure.calendar_in(uow)
    checklist_row = procedure.checklist_row(uow, case_id, now)
    facts = _facts(rng)
    checklist_row.facts = facts.to_dict()
    items = procedure.checklist_status(row, checklist_row, start).entries
    refuse = path[0][0] is Action.REFUSE_ACCEPTANCE
    # §5: a refused set lacks its last document.
    received = items[:-1] if refuse else items
    checklist_row.items = {e.key: ItemState(received=True).to_dict() for e in received}
    opened = _redate_opening(uow, row, start, now)
    state = replay(procedure.case_events(uow, case_id))
    on = start
    recorded = opened
    for number, (action, gap) in enumerate(path, start=1):
        on += timedelta(days=gap)
        # Recorded on its effective day (in order, never in the future).
        recorded = max(recorded, min(_moment(on, number), now))
        checklist = None
        issues = None
        if action in (Action.ACCEPT, Action.REFUSE_ACCEPTANCE):
            checklist = procedure.checklist_status(row, checklist_row, on)
            # As `procedure.perform` does: the questionnaire checked on the mission's today.
            issues = validate(Questionnaire.from_dict(row.questionnaire), cal.local_date(now))
        actor = consul if action is Action.ISSUE_NOTIFICATION else officer
        try:
            state, event = step(
                state,
                action,
                _data(action, on, rng, cal),
                actor,
                recorded,
                local_today=cal.local_date(recorded),
                checklist=checklist,
                calendar=cal,
                questionnaire_issues=issues,
            )
        except WorkflowError:
            break  # e.g. a child came of age between the dates: the case stays where it got to
        event = procedure.with_journal_number(uow, event, row)
        state = apply(state, event) if "journal_number" in event.data else state
        uow.events.add(case_id, event.kind, recorded, actor.officer_id, dict(event.data))
        if action is Action.ACCEPT and checklist is not None:
            checklist_row.ruleset = checklist.ruleset
            procedure.take_into_custody(uow, ctx, case_id, checklist, facts, recorded)
    complainable = state.stage not in (Stage.DRAFT, Stage.REFUSED_ACCEPTANCE, *TERMINAL)
    if complainable and rng.random() < 0.1:
        recorded = max(recorded, min(_moment(on, len(path) + 1), now))
        state, event = step(
            state,
            Action.REGISTER_COMPLAINT,
            {
                "received_on": on.isoformat(),
                "against": "Әрекетсіздік / inaction",
                "addressee": "provider",
            },
            officer,
            recorded,
            local_today=cal.local_date(recorded),
        )
        uow.events.add(case_id, event.kind, recorded, officer.officer_id, dict(event.data))
    row.stage = state.stage.value
    row.updated_at = now
    procedure.store_deadlines(uow, case_id, state, cal, now)
    return state.stage


def _moment(day: date, number: int) -> datetime:
    """When the `number`-th step of a day's work is recorded: late morning UTC (the same
    calendar day at any mission from UTC-11 to UTC+11), steps a quarter of an hour apart."""
    return datetime.combine(day, time(10, 0), tzinfo=UTC) + timedelta(minutes=15 * number)


def _redate_opening(uow: UnitOfWork, row: CaseRow, start: date, now: datetime) -> datetime:
    """The case was opened, and its questionnaire dated, the day its documents were brought."""
    opened = min(_moment(start, 0), now)
    for event in uow.events.for_case(row.id):
        if event.kind == case_service.EVENT_OPENED:
            event.at = opened
    row.created_at = opened
    q = Questionnaire.from_dict(row.questionnaire)
    if q.application_date != start:
        q.application_date = start
        case_service.apply_questionnaire(row, q, complete=row.complete)
    return opened

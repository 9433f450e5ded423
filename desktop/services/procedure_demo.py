"""Demo cases spread over every stage of the procedure, with dates that make the dashboard
interesting (some clocks overdue, some due today, some later).

Every step goes through the real services (`procedure.perform`), so the demo's events,
deadlines, custody entries and audit log are exactly what an officer's work would produce.
Effective dates (`on`) lie in the past; the moments the steps are recorded are "now".
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from desktop.domain.checklist import CaseFacts, DocumentStatus, IdentityDocument, IdentityKind
from desktop.domain.workflow import Action, ComplaintAddressee, Stage
from desktop.services import complaints, procedure
from desktop.services.context import DeskContext, Officer
from desktop.services.errors import KnownError

_A = Action
_DECISION = {
    "police_department": "Алматы қаласы Полиция департаменті",
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
        (_A.RECORD_NO_OBJECTION, 4),
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
        (_A.RECORD_NO_OBJECTION, 4),
        (_A.SEND_REASONED_REFUSAL, 2),
    ],
    Stage.WITHDRAWN: [(_A.ACCEPT, 0), (_A.RECORD_BURKIT, 1), (_A.WITHDRAW, 5)],
}


def _data(action: Action, on: date, rng: random.Random) -> dict[str, str]:
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
        data["hearing_at"] = f"{(on + timedelta(days=5)).isoformat()} 10:00"
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
    """Move demo drafts along the procedure so every stage has cases; returns counts."""
    today = procedure.working_calendar(ctx).local_date(ctx.now())
    consul_ctx = replace(ctx, officer=consul)
    stages = list(PATHS)
    counts: dict[str, int] = {}
    for index, case_id in enumerate(case_ids):
        target = stages[index] if index < len(stages) else rng.choice(stages)
        path = PATHS[target]
        total = sum(gap for _, gap in path)
        # Some cases are late on their current clock, some on time.
        start = today - timedelta(days=total + rng.randrange(0, 6))
        try:
            reached = _walk(ctx, consul_ctx, case_id, path, start, rng)
        except KnownError:
            # e.g. a child came of age between the dates: the case stays where it got to
            reached = procedure.procedure_view(ctx, case_id).state.stage
        counts[reached.value] = counts.get(reached.value, 0) + 1
    return counts


def _walk(
    ctx: DeskContext,
    consul_ctx: DeskContext,
    case_id: int,
    path: list[tuple[Action, int]],
    start: date,
    rng: random.Random,
) -> Stage:
    if not path:
        return Stage.DRAFT
    procedure.set_facts(ctx, case_id, _facts(rng))
    entries = procedure.get_checklist(ctx, case_id, on=start).status.entries
    refuse = path[0][0] is Action.REFUSE_ACCEPTANCE
    for i, entry in enumerate(entries):
        if refuse and i == len(entries) - 1:
            break  # §5: one document missing
        procedure.record_item(ctx, case_id, entry.key, received=True)
    on = start
    stage = Stage.DRAFT
    for action, gap in path:
        on += timedelta(days=gap)
        actor = consul_ctx if action is Action.ISSUE_NOTIFICATION else ctx
        stage = procedure.perform(actor, case_id, action, _data(action, on, rng)).stage
    if stage not in (Stage.DRAFT, Stage.REFUSED_ACCEPTANCE) and rng.random() < 0.1:
        complaints.register(
            ctx,
            case_id,
            received_on=on,
            against="Әрекетсіздік / inaction",
            addressee=ComplaintAddressee.PROVIDER,
        )
    return stage

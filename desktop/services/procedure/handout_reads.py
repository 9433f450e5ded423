"""What the §4 acceptance mark or the §5 refusal to accept prints (for the printing room)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.domain.checklist import RuleSetError, evaluate, ruleset_by_version, ruleset_for
from desktop.domain.i18n import Text
from desktop.domain.workflow import Action
from desktop.services.context import DeskContext
from desktop.services.errors import NotFound, case_ref
from desktop.services.procedure.errors import M_NO_ACCEPTANCE
from desktop.services.procedure.loading import _case, _facts, _questionnaire, _states, case_events
from desktop.services.rulesets import rulesets_in
from desktop.storage.models import CaseChecklistRow


@dataclass(frozen=True, slots=True)
class HandoutItem:
    key: str
    paragraph: str
    label: Text
    expires_on: date | None
    expired: bool


@dataclass(frozen=True, slots=True)
class AcceptanceHandout:
    """What the §4 acceptance mark or the §5 refusal to accept prints (printing room)."""

    kind: str  # "acceptance" (§4) or "refusal" (§5)
    case_number: str
    applicant: str
    mission: str
    on: date
    officer_full_name: str  # §4: the surname, name, patronymic of who accepted
    ruleset: str
    received: list[HandoutItem]
    missing: list[HandoutItem]
    expired: list[HandoutItem]


def acceptance_handout(ctx: DeskContext, case_id: int) -> AcceptanceHandout:
    """The data of the latest acceptance or refusal to accept of a case."""
    with ctx.uow() as uow:
        row = _case(uow, case_id)
        events = case_events(uow, case_id)
        last = next(
            (
                e
                for e in reversed(events)
                if e.kind in (Action.ACCEPT.value, Action.REFUSE_ACCEPTANCE.value)
            ),
            None,
        )
        if last is None:
            raise NotFound(M_NO_ACCEPTANCE.format(case=case_ref(row.number)))
        summary = last.data.get("checklist", {})
        on = date.fromisoformat(str(last.data["on"]))
        cl = uow.session.get(CaseChecklistRow, case_id)
        known = rulesets_in(uow)
        try:
            rs = ruleset_by_version(str(summary.get("ruleset", "")), known)
        except RuleSetError:
            rs = ruleset_for(on, known)
        status = evaluate(_questionnaire(row), _facts(cl), _states(cl), on, rs)
        by_key = {e.key: e for e in status.entries}

        def items(keys: Any) -> list[HandoutItem]:
            out = []
            for key in keys or []:
                e = by_key.get(str(key))
                if e is not None:
                    out.append(
                        HandoutItem(
                            e.key, e.item.paragraph, e.item.label, e.state.expires_on, e.expired
                        )
                    )
            return out

        accepted = last.kind == Action.ACCEPT.value
        return AcceptanceHandout(
            kind="acceptance" if accepted else "refusal",
            case_number=row.number,
            applicant=" ".join(p for p in (row.surname, row.name, row.patronymic) if p),
            mission=ctx.mission.name,
            on=on,
            officer_full_name=str(last.data.get("accepted_by" if accepted else "refused_by", "")),
            ruleset=rs.version,
            received=items(summary.get("received")),
            missing=items(summary.get("missing")),
            expired=items(summary.get("expired")),
        )

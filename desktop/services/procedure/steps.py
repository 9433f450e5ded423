"""§4–§12: taking one step of the procedure on a case, in one transaction (event, stage,
deadlines, audit); §13: the journal number a permission takes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from desktop.domain.calendar import ReceptionPurpose, WorkingCalendar
from desktop.domain.checklist import ChecklistStatus
from desktop.domain.deadlines import Deadline, Party, closed_by
from desktop.domain.formats import cite
from desktop.domain.i18n import Text
from desktop.domain.journal import next_journal_number
from desktop.domain.validation import Issue, validate
from desktop.domain.workflow import (
    Action,
    CaseState,
    Event,
    Stage,
    WorkflowError,
    advisories,
    apply,
    decide,
    replay,
)
from desktop.services.cases import CaseSummary, summary_of
from desktop.services.context import DeskContext
from desktop.services.errors import Conflict, InvalidInput
from desktop.services.procedure.custody import take_into_custody
from desktop.services.procedure.duplicates import _open_with_iin, duplicate_warning
from desktop.services.procedure.errors import ProcedureError
from desktop.services.procedure.loading import (
    _calendar,
    _case,
    _facts,
    _guard_clock,
    _questionnaire,
    _spec,
    actor_of,
    case_events,
    checklist_row,
    checklist_status,
    store_deadlines,
)
from desktop.services.rulesets import rulesets_in
from desktop.storage import audit
from desktop.storage.models import CaseChecklistRow, CaseRow
from desktop.storage.portable import last_journal_number
from desktop.storage.uow import UnitOfWork

# --- steps ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StepResult:
    case: CaseSummary
    event_seq: int
    stage: Stage
    deadlines: list[Deadline]
    warnings: list[Text] = field(default_factory=list)
    duplicates: list[CaseSummary] = field(default_factory=list)
    custody_ids: list[int] = field(default_factory=list)


def perform(
    ctx: DeskContext,
    case_id: int,
    action: Action | str,
    data: Mapping[str, Any] | None = None,
    *,
    expected_version: int | None = None,
) -> StepResult:
    """Take one step of the procedure on a case, in one transaction."""
    try:
        action = Action(action)
    except ValueError:
        raise InvalidInput(
            Text(
                f"Белгісіз әрекет: {action}",
                f"Неизвестное действие: {action}",
                f"Unknown action: {action}",
            )
        ) from None
    with ctx.uow() as uow:
        now = _guard_clock(ctx, uow)
        row = _case(uow, case_id)
        if expected_version is not None and row.version != expected_version:
            raise Conflict(row.number)
        cal = _calendar(_spec(uow))
        local_today = cal.local_date(now)
        state = replay(case_events(uow, case_id))
        given = dict(data or {})
        checklist: ChecklistStatus | None = None
        cl: CaseChecklistRow | None = None
        warnings: list[Text] = []
        duplicates: list[CaseSummary] = []
        issues: list[Issue] | None = None
        if action is Action.ACCEPT:
            # §4: the Annex 1 questionnaire checked as the desk's editor checks it.
            issues = validate(_questionnaire(row), local_today)
        if action in (Action.ACCEPT, Action.REFUSE_ACCEPTANCE):
            cl = checklist_row(uow, case_id, now)
            on_text = given.get("on")
            try:
                on = date.fromisoformat(str(on_text)) if on_text else local_today
            except ValueError:
                on = local_today  # `decide` reports the bad date with its field name
            checklist = checklist_status(row, cl, on, rulesets_in(uow))
            duplicates = _open_with_iin(uow, row.iin, row.id) if row.iin else []
            warning = duplicate_warning(duplicates)
            if warning is not None:
                warnings.append(warning)
        try:
            event = decide(
                state,
                action,
                given,
                actor_of(ctx),
                now,
                local_today=local_today,
                checklist=checklist,
                calendar=cal,
                questionnaire_issues=issues,
            )
        except WorkflowError as exc:
            raise ProcedureError(exc.message, exc.code, exc.items) from None
        event = with_journal_number(uow, event, row)
        warnings.extend(advisories(state, event, cal))
        new_state = apply(state, event)
        stored = uow.events.add(case_id, event.kind, now, ctx.officer.id, dict(event.data))
        row.stage = new_state.stage.value
        row.updated_at = now
        custody_ids: list[int] = []
        if action is Action.ACCEPT and checklist is not None and cl is not None:
            # §14-1: the case keeps the version of §3 it was accepted under.
            cl.ruleset = checklist.ruleset
            custody_ids = take_into_custody(uow, ctx, case_id, checklist, _facts(cl), now)
        if action is Action.ACCEPT:
            w = cal.reception_warning(now, ReceptionPurpose.INTAKE)
            if w is not None:
                warnings.append(w)
        if action is Action.HAND_OVER and event.data.get("way") == "in_person":
            w = cal.reception_warning(now, ReceptionPurpose.ISSUE)
            if w is not None:
                warnings.append(w)
        warnings.extend(_late_warnings(state, new_state, event, cal, local_today))
        deadlines = store_deadlines(uow, case_id, new_state, cal, now)
        audit.append(
            uow.session,
            at=now,
            officer=ctx.officer.login,
            action=f"procedure.{action.value}",
            entity="case",
            entity_id=case_id,
            detail={"stage": new_state.stage.value, "seq": stored.seq},
        )
        uow.commit()
        return StepResult(
            summary_of(row),
            stored.seq,
            new_state.stage,
            deadlines,
            warnings,
            duplicates,
            custody_ids,
        )


def with_journal_number(uow: UnitOfWork, event: Event, case: CaseRow) -> Event:
    """§13, Annex 5: a permission makes the journal entry, and the entry its number, once:
    the next of the calendar year of the permission notice, stored in the event. The minor
    children named in the application take the numbers right after it (their own rows), so
    the event also stores the last number the entry took (`journal_last`)."""
    if event.kind != Action.RECORD_PERMISSION.value:
        return event
    on = date.fromisoformat(str(event.data["on"]))
    last = last_journal_number(uow.session, Action.RECORD_PERMISSION.value, on.year)
    number = next_journal_number([(on.year, last)] if last is not None else [], on.year)
    children = len(_questionnaire(case).children)
    return replace(
        event,
        data={
            **event.data,
            "journal_number": number,
            "journal_year": on.year,
            "journal_last": number + children,
        },
    )


def _late_warnings(
    before: CaseState, after: CaseState, event: Event, cal: WorkingCalendar, today: date
) -> list[Text]:
    """A step that ends one of the mission's clocks after its due date says so."""
    on_text = event.data.get("on")
    on = date.fromisoformat(on_text) if isinstance(on_text, str) else today
    out = []
    for closed in closed_by(before, after, on, cal):
        d = closed.deadline
        if closed.on_time or d.party is not Party.MISSION:
            continue
        out.append(
            Text(
                "{label}: мерзімі {due} өтіп кетті ({paragraph})",
                "{label}: срок {due} пропущен ({paragraph})",
                "{label}: done after its due date {due} ({paragraph})",
            ).format(label=d.label, due=d.due, paragraph=cite(d.paragraph))
        )
    return out


def accept(ctx: DeskContext, case_id: int, on: date | None = None, note: str = "") -> StepResult:
    """§4: accept a complete set; records the date and the accepting officer's full name."""
    data: dict[str, Any] = {"note": note}
    if on is not None:
        data["on"] = on.isoformat()
    return perform(ctx, case_id, Action.ACCEPT, data)


def refuse_acceptance(
    ctx: DeskContext, case_id: int, on: date | None = None, note: str = ""
) -> StepResult:
    """§5: refuse an incomplete set or one with an expired document; records which."""
    data: dict[str, Any] = {"note": note}
    if on is not None:
        data["on"] = on.isoformat()
    return perform(ctx, case_id, Action.REFUSE_ACCEPTANCE, data)

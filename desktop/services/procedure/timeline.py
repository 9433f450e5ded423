"""Reading a case's procedure: its timeline, open deadlines, the steps possible now and its
warnings; the deadlines as stored with the case."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from desktop.domain.deadlines import (
    ClosedDeadline,
    DeadlineView,
    classify,
    closed_by,
    open_deadlines,
)
from desktop.domain.i18n import Text
from desktop.domain.rulesets import in_force_text
from desktop.domain.workflow import (
    OPEN_STAGES,
    TRANSITIONS,
    WORKFLOW_KINDS,
    Action,
    CaseState,
    Event,
    apply,
    available_actions,
    irregularities,
)
from desktop.services.cases import CaseSummary, summary_of
from desktop.services.context import DeskContext
from desktop.services.procedure.duplicates import _open_with_iin, duplicate_warning
from desktop.services.procedure.errors import ClockSetBack
from desktop.services.procedure.loading import (
    EVENT_CHECKLIST,
    EVENT_FACTS,
    EVENT_RETURNED,
    EVENT_SCANS,
    _calendar,
    _case,
    _effective_now,
    _spec,
    actor_of,
    ruleset_of,
)
from desktop.services.rulesets import rulesets_in
from desktop.storage.models import CaseChecklistRow, DeadlineRow, EventRow

# --- reading a case's procedure ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    seq: int
    kind: str
    at: datetime
    on: date | None
    officer: str
    title: Text
    paragraph: str
    data: dict[str, Any]
    closed: tuple[ClosedDeadline, ...] = ()  # the clocks this step ended, in time or late


_NO_TEXT = Text("", "", "")


@dataclass(frozen=True, slots=True)
class ProcedureView:
    case: CaseSummary
    state: CaseState
    today: date
    deadlines: list[DeadlineView]
    timeline: list[TimelineEntry]
    actions: list[Action]
    calendar: str
    warnings: list[Text]
    calendar_text: Text = _NO_TEXT  # the working calendar, in the officer's language
    rules: Text = _NO_TEXT  # §14-1: the version of §3 the case is read with, since when


_OTHER_TITLES: dict[str, Text] = {
    "case_opened": Text("Іс ашылды", "Дело открыто", "Case opened"),
    "questionnaire_updated": Text(
        "Өтініш-сауалнама өзгерді", "Заявление-анкета изменена", "Questionnaire edited"
    ),
    EVENT_CHECKLIST: Text("Құжат белгіленді", "Отмечен документ", "Checklist item recorded"),
    EVENT_FACTS: Text("Іс деректері", "Сведения по делу", "Case facts recorded"),
    EVENT_SCANS: Text("Скан қосылды", "Добавлен скан", "Scans attached"),
    EVENT_RETURNED: Text(
        "Түпнұсқа қайтарылды", "Оригинал возвращен", "Original handed back (§3(2))"
    ),
}


def procedure_view(ctx: DeskContext, case_id: int) -> ProcedureView:
    with ctx.uow() as uow:
        row = _case(uow, case_id)
        cal = _calendar(_spec(uow))
        now = _effective_now(ctx, uow)
        today = cal.local_date(now)
        events = uow.events.for_case(case_id)
        names = {o.id: o.full_name for o in uow.officers.all()}
        state = CaseState()
        timeline = []
        for e in events:
            before = state
            state = apply(state, Event(e.kind, e.at, e.officer_id, dict(e.data)))
            entry = _timeline_entry(e, names)
            if e.kind in WORKFLOW_KINDS:
                on = entry.on or cal.local_date(e.at)
                entry = replace(entry, closed=tuple(closed_by(before, state, on, cal)))
            timeline.append(entry)
        warnings: list[Text] = []
        if ctx.now() < now:
            warnings.append(ClockSetBack(ctx.now(), now, ctx.time_zone).message)
        dup = duplicate_warning(_open_with_iin(uow, row.iin, row.id)) if row.iin else None
        if dup is not None and row.stage in {s.value for s in OPEN_STAGES}:
            warnings.append(dup)
        # A step an older store let through that the Rules forbid: shown, never changed.
        warnings.extend(irregularities(state))
        return ProcedureView(
            summary_of(row),
            state,
            today,
            classify(open_deadlines(state, cal), today, cal),
            timeline,
            available_actions(state, actor_of(ctx).roles),
            cal.spec.describe(),
            warnings,
            cal.spec.describe_text(),
            in_force_text(
                ruleset_of(
                    uow.session.get(CaseChecklistRow, case_id),
                    state.accepted_on or today,
                    rulesets_in(uow),
                )
            ),
        )


def _timeline_entry(e: EventRow, names: Mapping[int, str]) -> TimelineEntry:
    data = dict(e.data)
    on_text = data.get("on")
    on = date.fromisoformat(on_text) if isinstance(on_text, str) else None
    if e.kind in WORKFLOW_KINDS:
        t = TRANSITIONS[Action(e.kind)]
        title, paragraph = t.title, t.paragraph
    else:
        title = _OTHER_TITLES.get(e.kind, Text(e.kind, e.kind, e.kind))
        paragraph = ""
    return TimelineEntry(
        e.seq, e.kind, e.at, on, names.get(e.officer_id or -1, ""), title, paragraph, data
    )


@dataclass(frozen=True, slots=True)
class StoredDeadline:
    key: str
    paragraph: str
    due: date
    calendar: str
    computed_at: datetime


def stored_deadlines(ctx: DeskContext, case_id: int) -> list[StoredDeadline]:
    """The open deadlines as stored with the case (with the calendar they were computed with)."""
    with ctx.uow() as uow:
        return [
            StoredDeadline(d.key, d.paragraph, d.due, d.calendar, d.computed_at)
            for d in uow.session.scalars(
                select(DeadlineRow).where(DeadlineRow.case_id == case_id).order_by(DeadlineRow.due)
            )
        ]

"""Reading a case inside a unit of work: its row, events, questionnaire, checklist and facts;
the mission's working calendar; the clock guard every step starts with; the stored deadlines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete

from desktop.domain.calendar import CalendarError, CalendarSpec, WorkingCalendar
from desktop.domain.checklist import (
    CaseFacts,
    ChecklistStatus,
    ItemState,
    RuleSetError,
    evaluate,
    ruleset_by_version,
    ruleset_for,
)
from desktop.domain.deadlines import Deadline, open_deadlines
from desktop.domain.questionnaire import Questionnaire, QuestionnaireFormatError
from desktop.domain.rulesets import RuleSet
from desktop.domain.workflow import Actor, CaseState, Event, Role
from desktop.services.context import ROLE_GRANTS, DeskContext
from desktop.services.errors import NotFound, StoreDamaged, case_ref
from desktop.services.procedure.errors import ClockSetBack
from desktop.services.rulesets import bundled
from desktop.storage import audit
from desktop.storage.models import CaseChecklistRow, CaseRow, DeadlineRow, MissionRow
from desktop.storage.uow import UnitOfWork

CALENDAR_SETTING = "calendar"
CALENDAR_HISTORY_SETTING = "calendar_history"
EVENT_CHECKLIST = "checklist_updated"
EVENT_FACTS = "case_facts_updated"
EVENT_SCANS = "checklist_scans_attached"
EVENT_CALENDAR = "calendar_changed"
EVENT_RETURNED = "original_returned"  # services/originals.py


# --- calendar ---------------------------------------------------------------------------------

_CALENDARS: dict[str, WorkingCalendar] = {}


def calendar_spec(ctx: DeskContext) -> CalendarSpec:
    with ctx.uow() as uow:
        return _spec(uow)


def _spec(uow: UnitOfWork) -> CalendarSpec:
    mission = uow.mission.get()
    if mission is None:
        raise StoreDamaged("no mission row")
    raw = (mission.settings or {}).get(CALENDAR_SETTING)
    try:
        if isinstance(raw, dict):
            return CalendarSpec.from_dict(raw)
        return CalendarSpec(host_country=mission.country)
    except (CalendarError, ValueError, KeyError) as exc:
        raise StoreDamaged(f"mission calendar: {exc}") from None


def _calendar(spec: CalendarSpec) -> WorkingCalendar:
    # One calendar per spec: its day cache is what makes a dashboard over many cases cheap.
    key = spec.fingerprint + repr(spec.schedule) + spec.timezone
    cal = _CALENDARS.get(key)
    if cal is None:
        cal = _CALENDARS[key] = WorkingCalendar(spec)
    return cal


def calendar_by_fingerprint(ctx: DeskContext, fingerprint: str) -> CalendarSpec | None:
    """The calendar a stored deadline was computed with (None if never recorded)."""
    with ctx.uow() as uow:
        current = _spec(uow)
        if current.fingerprint == fingerprint:
            return current
        raw = ((mission_row(uow).settings or {}).get(CALENDAR_HISTORY_SETTING) or {}).get(
            fingerprint
        )
        return CalendarSpec.from_dict(raw) if isinstance(raw, dict) else None


def working_calendar(ctx: DeskContext) -> WorkingCalendar:
    return _calendar(calendar_spec(ctx))


def calendar_in(uow: UnitOfWork) -> WorkingCalendar:
    """The mission's calendar, read inside an open unit of work."""
    return _calendar(_spec(uow))


# --- loading ----------------------------------------------------------------------------------


def case_events(uow: UnitOfWork, case_id: int) -> list[Event]:
    return [Event(e.kind, e.at, e.officer_id, dict(e.data)) for e in uow.events.for_case(case_id)]


def _case(uow: UnitOfWork, case_id: int) -> CaseRow:
    row = uow.cases.get(case_id)
    if row is None:
        raise NotFound(case_ref(case_id))
    return row


def _questionnaire(row: CaseRow) -> Questionnaire:
    try:
        return Questionnaire.from_dict(row.questionnaire)
    except QuestionnaireFormatError as exc:
        raise StoreDamaged(f"case {row.number}: {exc}") from None


def checklist_row(uow: UnitOfWork, case_id: int, now: datetime) -> CaseChecklistRow:
    row = uow.session.get(CaseChecklistRow, case_id)
    if row is None:
        row = CaseChecklistRow(
            case_id=case_id, facts=CaseFacts().to_dict(), items={}, ruleset="", updated_at=now
        )
        uow.session.add(row)
        uow.session.flush()
    return row


def recorded_facts(uow: UnitOfWork, case_id: int) -> CaseFacts:
    """The facts the case's checklist holds (none yet: the defaults), without evaluating it."""
    return _facts(uow.session.get(CaseChecklistRow, case_id))


def _facts(cl: CaseChecklistRow | None) -> CaseFacts:
    if cl is None:
        return CaseFacts()
    try:
        return CaseFacts.from_dict(cl.facts)
    except (KeyError, ValueError) as exc:
        raise StoreDamaged(f"checklist facts: {exc}") from None


def _states(cl: CaseChecklistRow | None) -> dict[str, ItemState]:
    if cl is None:
        return {}
    return {k: ItemState.from_dict(v) for k, v in (cl.items or {}).items()}


def checklist_status(
    row: CaseRow,
    cl: CaseChecklistRow | None,
    on: date,
    rulesets: Sequence[RuleSet] | None = None,
) -> ChecklistStatus:
    """The checklist on `on`; an accepted case keeps the version it was accepted under.
    `rulesets`: the versions the mission knows (`rulesets.rulesets_in`); None: the bundled."""
    rs = ruleset_of(cl, on, rulesets if rulesets is not None else bundled())
    return evaluate(_questionnaire(row), _facts(cl), _states(cl), on, rs)


def ruleset_of(cl: CaseChecklistRow | None, on: date, rulesets: Sequence[RuleSet]) -> RuleSet:
    """The version a case's checklist is read with (its own once accepted)."""
    try:
        if cl is not None and cl.ruleset:
            return ruleset_by_version(cl.ruleset, rulesets)
        return ruleset_for(on, rulesets)
    except RuleSetError as exc:
        raise StoreDamaged(str(exc)) from None


def _effective_now(ctx: DeskContext, uow: UnitOfWork) -> datetime:
    """The later of the clock and the newest event: a clock set back never moves time back."""
    now = ctx.now()
    last = uow.events.latest_time()
    return max(now, last) if last is not None else now


def _guard_clock(ctx: DeskContext, uow: UnitOfWork) -> datetime:
    """Called first in a unit of work: a clock set back is reported, and the step refused."""
    now = ctx.now()
    last = uow.events.latest_time()
    if last is not None and now < last:
        # Nothing else is written yet, so committing here keeps just the report while the
        # refused step never starts. Dated at the last good moment so the chain keeps its order.
        audit.append(
            uow.session,
            at=last,
            officer=ctx.officer.login,
            action="clock.set_back",
            entity="workstation",
            entity_id="-",
            detail={"clock": now.isoformat(), "last_event": last.isoformat()},
        )
        uow.commit()
        raise ClockSetBack(now, last, ctx.time_zone)
    return now


def actor_of(ctx: DeskContext) -> Actor:
    roles = frozenset(Role(r.value) for r in ROLE_GRANTS[ctx.officer.role])
    return Actor(ctx.officer.id, ctx.officer.full_name, roles)


def store_deadlines(
    uow: UnitOfWork, case_id: int, state: CaseState, cal: WorkingCalendar, now: datetime
) -> list[Deadline]:
    uow.session.execute(delete(DeadlineRow).where(DeadlineRow.case_id == case_id))
    deadlines = open_deadlines(state, cal)
    for d in deadlines:
        uow.session.add(
            DeadlineRow(
                case_id=case_id,
                key=d.key,
                paragraph=d.paragraph,
                party=d.party.value,
                start=d.start,
                due=d.due,
                unit=d.unit.value,
                length=d.length,
                calendar=d.calendar,
                computed_at=now,
            )
        )
    return deadlines


def mission_row(uow: UnitOfWork) -> MissionRow:
    mission = uow.mission.get()
    if mission is None:
        raise StoreDamaged("no mission row")
    return mission


def load_events(ctx: DeskContext, case_id: int) -> list[Event]:
    """The stored events of a case as domain events (for packages and the printing room)."""
    with ctx.uow() as uow:
        _case(uow, case_id)
        return case_events(uow, case_id)

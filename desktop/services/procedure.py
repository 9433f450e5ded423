"""Use cases of the procedure (§3–§12): the checklist, each step of a case, deadlines, custody.

Every step is one transaction that writes an event, moves `cases.stage`, replaces the case's
stored open deadlines and appends an audit entry. Guards the officers rely on:

- the workstation clock must not be behind the newest stored event (a clock set back is
  reported and audited, and nothing is written with the wrong time);
- an IIN that already has an open case is reported with that case (a warning with a link);
- acceptance only with a complete checklist (§4); a refusal records what was missing (§5);
- an action outside the Annex 3 reception hours succeeds with a warning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from desktop.domain.calendar import (
    CalendarError,
    CalendarSpec,
    ReceptionPurpose,
    WorkingCalendar,
    mission_local,
)
from desktop.domain.checklist import (
    CaseFacts,
    ChecklistError,
    ChecklistStatus,
    ItemState,
    RuleSetError,
    evaluate,
    record,
    required_items,
    ruleset_by_version,
    ruleset_for,
)
from desktop.domain.deadlines import (
    CLOCKS,
    ClosedDeadline,
    Deadline,
    DeadlineView,
    Party,
    Urgency,
    classify,
    closed_by,
    legal_end,
    open_deadlines,
)
from desktop.domain.formats import cite, count
from desktop.domain.i18n import Text
from desktop.domain.journal import (
    JournalRow,
    journal_rows,
    next_journal_number,
)
from desktop.domain.questionnaire import Questionnaire, QuestionnaireFormatError
from desktop.domain.validation import Issue, validate
from desktop.domain.workflow import (
    OPEN_STAGES,
    TRANSITIONS,
    WORKFLOW_KINDS,
    Action,
    Actor,
    CaseState,
    Event,
    Role,
    Stage,
    WorkflowError,
    advisories,
    apply,
    available_actions,
    decide,
    irregularities,
    replay,
)
from desktop.services.cases import CaseSummary, summary_of
from desktop.services.context import ROLE_GRANTS, DeskContext
from desktop.services.context import Role as DeskRole
from desktop.services.errors import (
    Conflict,
    InvalidInput,
    KnownError,
    NotFound,
    StoreDamaged,
    case_ref,
    custody_ref,
)
from desktop.storage import audit
from desktop.storage.models import (
    CaseChecklistRow,
    CaseRow,
    CustodyRow,
    DeadlineRow,
    EventRow,
    MissionRow,
    OfficerRow,
)
from desktop.storage.portable import last_journal_number
from desktop.storage.uow import UnitOfWork

CALENDAR_SETTING = "calendar"
CALENDAR_HISTORY_SETTING = "calendar_history"
EVENT_CHECKLIST = "checklist_updated"
EVENT_FACTS = "case_facts_updated"
EVENT_SCANS = "checklist_scans_attached"
EVENT_CALENDAR = "calendar_changed"
EVENT_RETURNED = "original_returned"  # services/originals.py


# --- errors -----------------------------------------------------------------------------------


class ProcedureError(KnownError):
    """A step the Rules or the case do not allow (wraps the domain's `WorkflowError`);
    `items` lists what is missing, one line each, for a dialog to show as a list."""

    def __init__(self, message: Text, code: str, items: tuple[Text, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.items = items


class ClockSetBack(KnownError):
    """The workstation clock is behind the newest stored event."""

    def __init__(self, now: datetime, last: datetime, zone: str = "") -> None:
        super().__init__(
            Text(
                "Компьютер сағаты кері жылжытылған: қазір {now}, бірақ соңғы оқиға {last}. "
                "Сағатты түзетіңіз; ештеңе жазылмады, мерзімдер өзгермеді.",
                "Часы компьютера переведены назад: сейчас {now}, а последнее событие {last}. "
                "Исправьте часы; ничего не записано, сроки не изменены.",
                "The workstation clock has been set back: it says {now}, but the last event "
                "is {last}. Fix the clock; nothing was written and no deadline changed.",
            ).format(now=mission_local(now, zone), last=mission_local(last, zone))
        )
        self.now = now
        self.last = last


M_NO_ACCEPTANCE = Text(
    "{case}: құжаттар қабылданбаған да, қабылдаудан бас тартылмаған да",
    "{case}: документы не приняты, и в приеме не отказано",
    "{case}: neither accepted nor refused",
)


M_FROZEN = Text(
    "Құжаттар қабылданғаннан кейін тізбені өзгертуге болмайды (4-тармақ)",
    "После приема документов перечень не меняется (п. 4)",
    "The checklist cannot change after the documents were accepted (§4)",
)
M_DUPLICATE = Text(
    "Осы ЖСН бойынша ашық іс бар: {numbers}",
    "По этому ИИН уже есть открытое дело: {numbers}",
    "This IIN already has an open case: {numbers}",
)
M_CALENDAR_CHANGED = Text(
    "Күнтізбе өзгерді: {count} қайта есептелді",
    "Календарь изменен: пересчитано сроков: {n}",
    "The calendar changed: {count} recomputed",
)


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


@dataclass(frozen=True, slots=True)
class DeadlineChange:
    case_id: int
    number: str
    key: str
    old_due: date | None
    new_due: date | None


@dataclass(frozen=True, slots=True)
class CalendarChange:
    old: str
    new: str
    changes: list[DeadlineChange]

    @property
    def message(self) -> Text:
        n = len(self.changes)
        deadlines = count(n, "мерзім", ("срок", "срока", "сроков"), ("deadline", "deadlines"))
        return M_CALENDAR_CHANGED.format(count=deadlines, n=n)


def set_calendar(ctx: DeskContext, spec: CalendarSpec) -> CalendarChange:
    """Store a new mission calendar and recompute every open deadline with it (and say so)."""
    ctx.require(DeskRole.ADMIN, "change the mission calendar")
    with ctx.uow() as uow:
        now = _guard_clock(ctx, uow)
        mission = uow.mission.get()
        if mission is None:
            raise StoreDamaged("no mission row")
        old = _spec(uow)
        settings = dict(mission.settings or {})
        # Every calendar a deadline was ever computed with stays readable by its fingerprint.
        history = dict(settings.get(CALENDAR_HISTORY_SETTING) or {})
        history[old.fingerprint] = old.to_dict()
        history[spec.fingerprint] = spec.to_dict()
        settings[CALENDAR_SETTING] = spec.to_dict()
        settings[CALENDAR_HISTORY_SETTING] = history
        mission.settings = settings
        changes = _recompute_stale(uow, _calendar(spec), now)
        audit.append(
            uow.session,
            at=now,
            officer=ctx.officer.login,
            action="calendar.set",
            entity="mission",
            entity_id=mission.code,
            detail={"old": old.fingerprint, "new": spec.fingerprint, "recomputed": len(changes)},
        )
        uow.commit()
    ctx.time_zone = spec.timezone
    return CalendarChange(old.fingerprint, spec.fingerprint, changes)


def recompute_deadlines(ctx: DeskContext) -> list[DeadlineChange]:
    """Recompute open deadlines stored with another calendar (e.g. after a `holidays` update)."""
    with ctx.uow() as uow:
        now = _effective_now(ctx, uow)
        changes = _recompute_stale(uow, _calendar(_spec(uow)), now)
        if changes:
            audit.append(
                uow.session,
                at=now,
                officer=ctx.officer.login,
                action="deadlines.recompute",
                entity="mission",
                entity_id="-",
                detail={"recomputed": len(changes)},
            )
        uow.commit()
        return changes


def _recompute_stale(uow: UnitOfWork, cal: WorkingCalendar, now: datetime) -> list[DeadlineChange]:
    stale_ids = list(
        uow.session.scalars(
            select(DeadlineRow.case_id).where(DeadlineRow.calendar != cal.fingerprint).distinct()
        )
    )
    changes: list[DeadlineChange] = []
    for case_id in stale_ids:
        row = uow.cases.get(case_id)
        if row is None:
            continue
        before = {
            d.key: d.due
            for d in uow.session.scalars(select(DeadlineRow).where(DeadlineRow.case_id == case_id))
        }
        state = replay(case_events(uow, case_id))
        after = {d.key: d.due for d in store_deadlines(uow, case_id, state, cal, now)}
        for key in sorted(set(before) | set(after)):
            if before.get(key) != after.get(key):
                changes.append(
                    DeadlineChange(case_id, row.number, key, before.get(key), after.get(key))
                )
    return changes


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


def checklist_status(row: CaseRow, cl: CaseChecklistRow | None, on: date) -> ChecklistStatus:
    """The checklist on `on`; an accepted case keeps the version it was accepted under."""
    try:
        rs = ruleset_by_version(cl.ruleset) if cl is not None and cl.ruleset else ruleset_for(on)
    except RuleSetError as exc:
        raise StoreDamaged(str(exc)) from None
    return evaluate(_questionnaire(row), _facts(cl), _states(cl), on, rs)


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


# --- duplicate guard --------------------------------------------------------------------------


def open_cases_with_iin(
    ctx: DeskContext, iin: str, exclude_case_id: int | None = None
) -> list[CaseSummary]:
    """Open cases (draft or in service) of an IIN: opening another one warns and links here."""
    if not iin.strip():
        return []
    with ctx.uow() as uow:
        return _open_with_iin(uow, iin.strip(), exclude_case_id)


def _open_with_iin(uow: UnitOfWork, iin: str, exclude: int | None) -> list[CaseSummary]:
    open_values = {s.value for s in OPEN_STAGES}
    return [
        summary_of(r) for r in uow.cases.by_iin(iin) if r.id != exclude and r.stage in open_values
    ]


def duplicate_warning(duplicates: Sequence[CaseSummary]) -> Text | None:
    if not duplicates:
        return None
    return M_DUPLICATE.format(numbers=", ".join(d.number for d in duplicates))


# --- the checklist ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CustodyEntry:
    id: int
    case_id: int
    case_number: str
    item_key: str
    document_kind: str
    document_number: str
    received_at: datetime
    received_by: str
    released_at: datetime | None
    released_by: str
    release_note: str


@dataclass(frozen=True, slots=True)
class ChecklistView:
    case: CaseSummary
    facts: CaseFacts
    status: ChecklistStatus
    frozen: bool  # accepted (or later): the set is what was accepted
    custody: list[CustodyEntry]


def get_checklist(ctx: DeskContext, case_id: int, on: date | None = None) -> ChecklistView:
    with ctx.uow() as uow:
        row = _case(uow, case_id)
        cl = uow.session.get(CaseChecklistRow, case_id)
        day = on or _calendar(_spec(uow)).local_date(_effective_now(ctx, uow))
        state = replay(case_events(uow, case_id))
        if state.accepted_on is not None and on is None:
            day = state.accepted_on  # the checklist as it stood when accepted
        return ChecklistView(
            summary_of(row),
            _facts(cl),
            checklist_status(row, cl, day),
            row.stage != Stage.DRAFT.value,
            _custody(uow, case_id),
        )


def set_facts(ctx: DeskContext, case_id: int, facts: CaseFacts) -> ChecklistView:
    """Record what the officer established (identity document, alimony, debts)."""
    ctx.require(DeskRole.OFFICER, "edit the checklist")
    with ctx.uow() as uow:
        now = _guard_clock(ctx, uow)
        row = _case(uow, case_id)
        if row.stage != Stage.DRAFT.value:
            raise ProcedureError(M_FROZEN, "frozen")
        cl = checklist_row(uow, case_id, now)
        cl.facts = facts.to_dict()
        cl.updated_at = now
        uow.events.add(case_id, EVENT_FACTS, now, ctx.officer.id, _facts_flags(facts))
        audit.append(
            uow.session,
            at=now,
            officer=ctx.officer.login,
            action="checklist.facts",
            entity="case",
            entity_id=case_id,
            detail=_facts_flags(facts),
        )
        uow.commit()
    return get_checklist(ctx, case_id)


def _facts_flags(facts: CaseFacts) -> dict[str, Any]:
    # What changed, without document numbers (personal data stays out of events and audit).
    return {
        "identity": [f"{d.kind.value}:{d.status.value}" for d in facts.identity],
        "alimony_obligations": facts.alimony_obligations,
        "enforcement_debtor": facts.enforcement_debtor,
        "fee_exemption": bool(facts.fee_exemption.strip()),
        "representative": facts.representative is not None,
    }


def record_item(
    ctx: DeskContext,
    case_id: int,
    key: str,
    *,
    received: bool,
    expires_on: date | None = None,
    note: str = "",
    variant: str | None = None,
) -> ChecklistView:
    """Mark a required document received or not (§3: only the items the Rules require);
    `variant` records which form was given (birth certificate or certificate of birth,
    notarised consent or court permission); None keeps what was recorded."""
    ctx.require(DeskRole.OFFICER, "edit the checklist")
    with ctx.uow() as uow:
        now = _guard_clock(ctx, uow)
        row = _case(uow, case_id)
        if row.stage != Stage.DRAFT.value:
            raise ProcedureError(M_FROZEN, "frozen")
        cl = checklist_row(uow, case_id, now)
        day = _calendar(_spec(uow)).local_date(now)
        states = _states(cl)
        old = states.get(key, ItemState())
        new = ItemState(
            received=received,
            expires_on=expires_on,
            scan_ids=old.scan_ids,
            note=note,
            variant=old.variant if variant is None else variant,
        )
        # The items as they will be with this state: an expiry typed on an identity item
        # leads to the §3(2) route (and keeps its key).
        items = required_items(_questionnaire(row), _facts(cl), day, states={**states, key: new})
        try:
            states = record(items, states, key, new)
        except ChecklistError as exc:
            raise ProcedureError(exc.message, "not_required") from None
        cl.items = {k: v.to_dict() for k, v in states.items()}
        cl.updated_at = now
        detail: dict[str, Any] = {"key": key, "received": received}
        if new.variant:
            detail["variant"] = new.variant
        uow.events.add(case_id, EVENT_CHECKLIST, now, ctx.officer.id, detail)
        audit.append(
            uow.session,
            at=now,
            officer=ctx.officer.login,
            action="checklist.item",
            entity="case",
            entity_id=case_id,
            detail=detail,
        )
        uow.commit()
    return get_checklist(ctx, case_id)


def attach_scans(ctx: DeskContext, case_id: int, key: str, scan_ids: Sequence[str]) -> None:
    """Link scanned documents to a checklist item (called by the scanning room)."""
    ctx.require(DeskRole.OFFICER, "attach scans")
    with ctx.uow() as uow:
        now = _guard_clock(ctx, uow)
        row = _case(uow, case_id)
        cl = checklist_row(uow, case_id, now)
        status = checklist_status(row, cl, _calendar(_spec(uow)).local_date(now))
        if key not in {e.key for e in status.entries}:
            raise ProcedureError(
                Text(
                    f"«{key}» тізбеде жоқ (3-тармақ)",
                    f"«{key}» нет в перечне (п. 3)",
                    f"{key} is not on the checklist (§3)",
                ),
                "not_required",
            )
        states = _states(cl)
        old = states.get(key, ItemState())
        merged = tuple(dict.fromkeys((*old.scan_ids, *scan_ids)))
        states[key] = replace(old, scan_ids=merged)
        cl.items = {k: v.to_dict() for k, v in states.items()}
        cl.updated_at = now
        detail = {"key": key, "scans": len(merged)}
        uow.events.add(case_id, EVENT_SCANS, now, ctx.officer.id, detail)
        audit.append(
            uow.session,
            at=now,
            officer=ctx.officer.login,
            action="checklist.scans",
            entity="case",
            entity_id=case_id,
            detail=detail,
        )
        uow.commit()


def detach_scans(ctx: DeskContext, case_id: int, scan_ids: Sequence[str]) -> None:
    """Unlink scanned documents from whatever checklist items hold them (the scanning room
    calls this when a document is deleted). Unknown ids are ignored."""
    ctx.require(DeskRole.OFFICER, "attach scans")
    gone = set(scan_ids)
    with ctx.uow() as uow:
        now = _guard_clock(ctx, uow)
        _case(uow, case_id)
        cl = uow.session.get(CaseChecklistRow, case_id)
        if cl is None:
            return
        states = _states(cl)
        changed = [k for k, st in states.items() if gone & set(st.scan_ids)]
        if not changed:
            return
        for key in changed:
            old = states[key]
            kept = tuple(i for i in old.scan_ids if i not in gone)
            states[key] = replace(old, scan_ids=kept)
        cl.items = {k: v.to_dict() for k, v in states.items()}
        cl.updated_at = now
        detail = {"keys": sorted(changed), "removed": len(gone)}
        uow.events.add(case_id, EVENT_SCANS, now, ctx.officer.id, detail)
        ctx.audit(uow, "checklist.scans_removed", "case", case_id, detail)
        uow.commit()


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
            checklist = checklist_status(row, cl, on)
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


# --- custody ----------------------------------------------------------------------------------


def take_into_custody(
    uow: UnitOfWork,
    ctx: DeskContext,
    case_id: int,
    checklist: ChecklistStatus,
    facts: CaseFacts,
    now: datetime,
) -> list[int]:
    numbers = {f"identity:{d.kind.value}": d.number for d in facts.identity}
    ids = []
    for entry in checklist.entries:
        if entry.item.retained_original and entry.state.received:
            custody = CustodyRow(
                case_id=case_id,
                item_key=entry.key,
                document_kind=entry.key.split(":", 1)[-1],
                document_number=numbers.get(entry.key, ""),
                received_at=now,
                received_by=ctx.officer.id,
                released_at=None,
                released_by=None,
                release_note="",
            )
            uow.session.add(custody)
            uow.session.flush()
            ids.append(custody.id)
            audit.append(
                uow.session,
                at=now,
                officer=ctx.officer.login,
                action="custody.receive",
                entity="custody",
                entity_id=custody.id,
                detail={"case": case_id, "kind": custody.document_kind},
            )
    return ids


def _custody(
    uow: UnitOfWork, case_id: int | None = None, *, held_only: bool = False
) -> list[CustodyEntry]:
    query = select(CustodyRow, CaseRow.number).join(CaseRow, CaseRow.id == CustodyRow.case_id)
    if case_id is not None:
        query = query.where(CustodyRow.case_id == case_id)
    if held_only:
        query = query.where(CustodyRow.released_at.is_(None))
    names = {o.id: o.full_name for o in uow.officers.all()}
    out = []
    for c, number in uow.session.execute(query.order_by(CustodyRow.id)):
        out.append(
            CustodyEntry(
                c.id,
                c.case_id,
                number,
                c.item_key,
                c.document_kind,
                c.document_number,
                c.received_at,
                names.get(c.received_by or -1, ""),
                c.released_at,
                names.get(c.released_by or -1, ""),
                c.release_note,
            )
        )
    return out


def custody_register(ctx: DeskContext, *, held_only: bool = False) -> list[CustodyEntry]:
    with ctx.uow() as uow:
        return _custody(uow, held_only=held_only)


def release_custody(ctx: DeskContext, custody_id: int, note: str) -> CustodyEntry:
    """A retained document leaves the safe (sent to the police, returned, destroyed): why."""
    ctx.require(DeskRole.OFFICER, "release a retained document")
    if not note.strip():
        raise InvalidInput(
            Text(
                "Құжат қайда берілгенін жазыңыз",
                "Укажите, куда передан документ",
                "Say where the document went",
            )
        )
    with ctx.uow() as uow:
        now = _guard_clock(ctx, uow)
        row = uow.session.get(CustodyRow, custody_id)
        if row is None:
            raise NotFound(custody_ref(custody_id))
        if row.released_at is not None:
            raise InvalidInput(
                Text(
                    "Құжат бұрын берілген",
                    "Документ уже выдан",
                    "The document was already released",
                )
            )
        row.released_at = now
        row.released_by = ctx.officer.id
        row.release_note = note.strip()
        audit.append(
            uow.session,
            at=now,
            officer=ctx.officer.login,
            action="custody.release",
            entity="custody",
            entity_id=custody_id,
            detail={"case": row.case_id},
        )
        uow.commit()
        case_id = row.case_id
    with ctx.uow() as uow:
        return next(c for c in _custody(uow, case_id) if c.id == custody_id)


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


# --- the dashboard ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DashboardRow:
    case_id: int
    number: str
    full_name: str
    stage: str
    officer: str
    key: str
    paragraph: str
    label: Text
    party: str
    due: date
    urgency: Urgency


@dataclass(frozen=True, slots=True)
class Dashboard:
    today: date
    clock_warning: Text | None
    rows: list[DashboardRow]  # overdue, due today, due within 3 working days
    by_stage: dict[str, int]  # open cases per stage
    per_week: list[tuple[date, int]]  # open deadlines per ISO week (Monday), overdue first
    recomputed: list[DeadlineChange]

    def count(self, urgency: Urgency) -> int:
        return sum(1 for r in self.rows if r.urgency is urgency)


def dashboard(
    ctx: DeskContext,
    *,
    officer_id: int | None = None,
    weeks: int = 8,
    parties: Sequence[str] | None = ("mission",),
) -> Dashboard:
    """What needs doing: deadlines overdue, due today or within 3 working days (§6–§16).

    Uses the later of the clock and the newest event as "now", so a clock set back never
    makes overdue work look on time. Deadlines stored with an older calendar are recomputed
    first (and listed in `recomputed`).
    """
    recomputed = recompute_deadlines(ctx)
    with ctx.uow() as uow:
        cal = _calendar(_spec(uow))
        now = _effective_now(ctx, uow)
        today = cal.local_date(now)
        horizon = cal.add_working_days(today, 3)
        query = (
            select(DeadlineRow, CaseRow, OfficerRow.full_name)
            .join(CaseRow, CaseRow.id == DeadlineRow.case_id)
            .join(OfficerRow, OfficerRow.id == CaseRow.created_by)
            .where(DeadlineRow.due <= horizon)
            .order_by(DeadlineRow.due, CaseRow.number)
        )
        if officer_id is not None:
            query = query.where(CaseRow.created_by == officer_id)
        if parties:
            query = query.where(DeadlineRow.party.in_(tuple(parties)))
        rows = []
        for d, c, officer in uow.session.execute(query):
            rule = CLOCKS.get(d.key.split(":", 1)[0])
            label = rule.label if rule else Text(d.key, d.key, d.key)
            # Late only after the term moved off a day off (art. 180 of the Civil Code).
            urgency = (
                Urgency.OVERDUE
                if today > legal_end(d.due, cal)
                else Urgency.DUE_TODAY
                if today >= d.due
                else Urgency.DUE_SOON
            )
            rows.append(
                DashboardRow(
                    c.id,
                    c.number,
                    " ".join(p for p in (c.surname, c.name, c.patronymic) if p),
                    c.stage,
                    officer,
                    d.key,
                    d.paragraph,
                    label,
                    d.party,
                    d.due,
                    urgency,
                )
            )
        order = {u: i for i, u in enumerate(Urgency)}
        rows.sort(key=lambda r: (order[r.urgency], r.due, r.number))
        stage_query = select(CaseRow.stage).where(CaseRow.stage.in_([s.value for s in OPEN_STAGES]))
        if officer_id is not None:
            stage_query = stage_query.where(CaseRow.created_by == officer_id)
        by_stage = dict(Counter(uow.session.scalars(stage_query)))
        monday = today - timedelta(days=today.weekday())
        due_query = select(DeadlineRow.due).join(CaseRow, CaseRow.id == DeadlineRow.case_id)
        if officer_id is not None:
            due_query = due_query.where(CaseRow.created_by == officer_id)
        if parties:
            due_query = due_query.where(DeadlineRow.party.in_(tuple(parties)))
        buckets: Counter[date] = Counter()
        for due in uow.session.scalars(due_query):
            week = due - timedelta(days=due.weekday())
            buckets[max(week, monday - timedelta(days=7))] += 1  # older weeks: one bucket
        per_week = [
            (monday + timedelta(days=7 * i), buckets.get(monday + timedelta(days=7 * i), 0))
            for i in range(-1, weeks)
        ]
        clock_warning = (
            ClockSetBack(ctx.now(), now, ctx.time_zone).message if ctx.now() < now else None
        )
        return Dashboard(today, clock_warning, rows, by_stage, per_week, recomputed)


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


def journal_cases(uow: UnitOfWork) -> list[CaseRow]:
    """The cases with a journal entry: every case whose permission was recorded (§13)."""
    ids = select(EventRow.case_id).where(EventRow.kind == Action.RECORD_PERMISSION.value)
    return list(uow.session.scalars(select(CaseRow).where(CaseRow.id.in_(ids))))


def journal(ctx: DeskContext, year: int | None = None) -> list[JournalRow]:
    """§13, Annex 5: the journal of permissions (the entries of one year, or all)."""
    with ctx.uow() as uow:
        entries = []
        for row in journal_cases(uow):
            state = replay(case_events(uow, row.id))
            entry_year = state.journal_year or (
                state.permission_notice_on.year if state.permission_notice_on else None
            )
            if year is not None and entry_year != year:
                continue
            cl = uow.session.get(CaseChecklistRow, row.id)
            entries.append((row.number, _questionnaire(row), _facts(cl), state))
        return journal_rows(entries)


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
        try:
            rs = ruleset_by_version(str(summary.get("ruleset", "")))
        except RuleSetError:
            rs = ruleset_for(on)
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

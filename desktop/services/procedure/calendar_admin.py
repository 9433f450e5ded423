"""Changing the mission's working calendar, and recomputing the open deadlines stored with
another calendar (after a change or a `holidays` update)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from desktop.domain.calendar import CalendarSpec, WorkingCalendar
from desktop.domain.formats import count
from desktop.domain.i18n import Text
from desktop.domain.workflow import replay
from desktop.services.context import DeskContext
from desktop.services.context import Role as DeskRole
from desktop.services.errors import StoreDamaged
from desktop.services.procedure.errors import M_CALENDAR_CHANGED
from desktop.services.procedure.loading import (
    CALENDAR_HISTORY_SETTING,
    CALENDAR_SETTING,
    _calendar,
    _effective_now,
    _guard_clock,
    _spec,
    case_events,
    store_deadlines,
)
from desktop.storage import audit
from desktop.storage.models import DeadlineRow
from desktop.storage.uow import UnitOfWork


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

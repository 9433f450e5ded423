"""What needs doing: the deadlines overdue, due today or within 3 working days, the open cases
per stage and the deadlines per week."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from desktop.domain.deadlines import CLOCKS, Urgency, legal_end
from desktop.domain.i18n import Text
from desktop.domain.workflow import OPEN_STAGES
from desktop.services.context import DeskContext
from desktop.services.procedure.calendar_admin import DeadlineChange, recompute_deadlines
from desktop.services.procedure.errors import ClockSetBack
from desktop.services.procedure.loading import _calendar, _effective_now, _spec
from desktop.storage.models import CaseRow, DeadlineRow, OfficerRow

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

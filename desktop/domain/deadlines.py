"""The clocks of the Rules (REGULATION.md, "Deadlines at a glance"), read from a case's state.

Which clocks are open depends only on the stage (and on open complaints); when they end
depends on the effective dates the events recorded and on the mission's working-day calendar.
Every `Deadline` carries the fingerprint of the calendar it was computed with, so a stored
deadline can tell whether the calendar has changed since.

Interpretations (written down so they can be checked against the Rules):
- A term of *n* working days from day D ends on the n-th working day after D (calendar.py).
- §9's 30 calendar days and §12's 3 months are planned by their calendar date (`due`: the
  earlier date is the safe one to plan by), but a step is judged late only after the term
  moved to the next working day (`legal_due`): the Civil Code of the Republic of Kazakhstan,
  art. 180 — when the last day of a term falls on a non-working day, the term ends on the
  next working day after it (docs/rules.md, §12).
- §11 "hearing notice at least 3 working days before the end of the service term": the notice
  is due on the earlier of (notice of preliminary refusal + 5 working days) and (§12 term end
  − 3 working days); both are shown, as two clocks.
- §11 "reasoned refusal within 5 working days of the notice": applied to every final refusal
  notice (after an objection, and when the police refuse outright).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop.domain.calendar import WorkingCalendar, add_months
from desktop.domain.i18n import Text
from desktop.domain.workflow import (
    OBJECTION_WORKING_DAYS,
    CaseState,
    Complaint,
    ComplaintAddressee,
    ComplaintStage,
    Stage,
)

# The lengths of the table, in one place.
BURKIT_WD = 2  # §6
FORWARD_WD = 2  # §7
RESULT_NOTICE_DAYS = 30  # §9, calendar days
HANDOVER_WD = 5  # §10
PRELIMINARY_WD = 5  # §11
HEARING_BEFORE_END_WD = 3  # §11
OBJECTION_WD = OBJECTION_WORKING_DAYS  # §11
REASONED_REFUSAL_WD = 5  # §11
SERVICE_MONTHS = 3  # §12, Annex 3 line 3
COMPLAINT_FORWARD_WD = 3  # §16
COMPLAINT_REVIEW_WD = {
    ComplaintAddressee.PROVIDER: 5,  # §16
    ComplaintAddressee.AUTHORISED_BODY: 15,  # §16
}
SOON_WD = 3  # the dashboard's "due within 3 working days"


class Party(StrEnum):
    """Whose clock it is: the mission acts on its own; the others it watches."""

    MISSION = "mission"
    POLICE = "police"  # §9: the internal affairs body, through the Department
    APPLICANT = "applicant"  # §11: the objection
    REVIEWER = "reviewer"  # §16: the body that considers the complaint


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"


class Urgency(StrEnum):
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"  # within SOON_WD working days
    LATER = "later"


@dataclass(frozen=True, slots=True)
class ClockRule:
    key: str
    paragraph: str
    label: Text
    party: Party


CLOCKS: dict[str, ClockRule] = {
    r.key: r
    for r in (
        ClockRule(
            "burkit",
            "§6",
            Text("«Бүркіт»-ке енгізу", "Внести в «Бүркіт»", "Enter into Bürkit"),
            Party.MISSION,
        ),
        ClockRule(
            "forward",
            "§7",
            Text(
                "Департамент арқылы жіберу",
                "Направить через Департамент",
                "Send via the Department",
            ),
            Party.MISSION,
        ),
        ClockRule(
            "result_notice",
            "§9",
            Text(
                "Ішкі істер органының хабарламасы",
                "Уведомление органа внутренних дел",
                "Police notice of result",
            ),
            Party.POLICE,
        ),
        ClockRule(
            "handover",
            "§10",
            Text(
                "4-қосымша хабарламасын беру",
                "Выдать уведомление (прил. 4)",
                "Hand over the Annex 4 notification",
            ),
            Party.MISSION,
        ),
        ClockRule(
            "preliminary_refusal",
            "§11",
            Text(
                "Алдын ала шешім жобасын жіберу",
                "Направить проект предварительного решения",
                "Send the draft preliminary refusal",
            ),
            Party.MISSION,
        ),
        ClockRule(
            "hearing_notice",
            "§11",
            Text(
                "Тыңдау туралы хабарлама (мерзім біткенге дейін ≥3 ж.к.)",
                "Уведомление о заслушивании (≥3 р.д. до конца срока)",
                "Hearing notice (≥3 working days before the term ends)",
            ),
            Party.MISSION,
        ),
        ClockRule(
            "objection",
            "§11",
            Text("Өтініш берушінің қарсылығы", "Возражение заявителя", "Applicant's objection"),
            Party.APPLICANT,
        ),
        ClockRule(
            "reasoned_refusal",
            "§11",
            Text(
                "Дәлелді бас тартуды жіберу",
                "Направить мотивированный отказ",
                "Send the reasoned refusal",
            ),
            Party.MISSION,
        ),
        ClockRule(
            "service_term",
            "§12",
            Text(
                "Қызмет көрсету мерзімі (3 ай)",
                "Срок оказания услуги (3 месяца)",
                "Service term (3 months)",
            ),
            Party.MISSION,
        ),
        ClockRule(
            "complaint_forward",
            "§16",
            Text("Шағымды жіберу", "Направить жалобу", "Forward the complaint"),
            Party.MISSION,
        ),
        ClockRule(
            "complaint_review",
            "§16",
            Text("Шағымды қарау", "Рассмотрение жалобы", "Complaint review"),
            Party.REVIEWER,
        ),
    )
}

# The table: which clocks of the case (not complaints) run in each stage.
OPEN_CLOCKS: dict[Stage, frozenset[str]] = {
    Stage.DRAFT: frozenset(),
    Stage.REFUSED_ACCEPTANCE: frozenset(),
    Stage.ACCEPTED: frozenset({"burkit", "forward", "service_term"}),
    Stage.BURKIT_ENTERED: frozenset({"forward", "service_term"}),
    Stage.FORWARDED: frozenset({"result_notice", "service_term"}),
    Stage.PERMITTED: frozenset({"handover", "service_term"}),
    Stage.NOTIFICATION_ISSUED: frozenset({"handover", "service_term"}),
    Stage.PRELIMINARY_REFUSAL: frozenset({"preliminary_refusal", "hearing_notice", "service_term"}),
    Stage.HEARING_NOTIFIED: frozenset({"objection", "service_term"}),
    Stage.OBJECTION_RECEIVED: frozenset({"service_term"}),
    Stage.NO_OBJECTION: frozenset({"service_term"}),
    Stage.OBJECTION_FORWARDED: frozenset({"service_term"}),
    Stage.REFUSED: frozenset({"reasoned_refusal", "service_term"}),
    Stage.REFUSAL_SENT: frozenset(),
    Stage.HANDED_OVER: frozenset(),
    Stage.CLOSED: frozenset(),
    Stage.WITHDRAWN: frozenset(),
}


@dataclass(frozen=True, slots=True)
class Deadline:
    key: str  # a CLOCKS key, or "complaint_forward:C1"
    paragraph: str
    label: Text
    party: Party
    start: date
    due: date
    length: int
    unit: Unit
    calendar: str  # fingerprint of the CalendarSpec used

    @property
    def clock(self) -> str:
        return self.key.split(":", 1)[0]

    def legal_due(self, cal: WorkingCalendar) -> date:
        """The day after which a step is late: `due`, moved to the next working day when it
        is a day off (a term of working days always ends on one)."""
        return legal_end(self.due, cal)

    def urgency(self, today: date, cal: WorkingCalendar) -> Urgency:
        if today > self.legal_due(cal):
            return Urgency.OVERDUE
        if self.due <= today:
            return Urgency.DUE_TODAY
        if cal.working_days_between(today, self.due) <= SOON_WD:
            return Urgency.DUE_SOON
        return Urgency.LATER


def legal_end(due: date, cal: WorkingCalendar) -> date:
    """Civil Code of the Republic of Kazakhstan, art. 180: a term whose last day falls on a
    non-working day ends on the next working day."""
    return cal.next_working_day(due, include=True)


def service_term_end(accepted_on: date) -> date:
    """§12: three months from the day the documents were submitted (accepted)."""
    return add_months(accepted_on, SERVICE_MONTHS)


def _wd(key: str, start: date, length: int, cal: WorkingCalendar, *, suffix: str = "") -> Deadline:
    rule = CLOCKS[key]
    return Deadline(
        key=key + suffix,
        paragraph=rule.paragraph,
        label=rule.label,
        party=rule.party,
        start=start,
        due=cal.add_working_days(start, length),
        length=length,
        unit=Unit.WORKING_DAYS,
        calendar=cal.fingerprint,
    )


def open_deadlines(state: CaseState, cal: WorkingCalendar) -> list[Deadline]:
    """The clocks running now for this case: the stage's clocks, then open complaints'."""
    out: list[Deadline] = []
    keys = OPEN_CLOCKS[state.stage]
    accepted = state.accepted_on
    if keys and accepted is None:
        raise ValueError(f"stage {state.stage} without an acceptance date")
    assert accepted is not None or not keys
    for key in sorted(keys):
        if key == "burkit":
            out.append(_wd(key, _need(accepted), BURKIT_WD, cal))
        elif key == "forward":
            # §7: two working days from the date of acceptance (not from the Bürkit entry).
            out.append(_wd(key, _need(accepted), FORWARD_WD, cal))
        elif key == "result_notice":
            start = _need(state.forwarded_on)
            rule = CLOCKS[key]
            out.append(
                Deadline(
                    key,
                    rule.paragraph,
                    rule.label,
                    rule.party,
                    start,
                    start + timedelta(days=RESULT_NOTICE_DAYS),
                    RESULT_NOTICE_DAYS,
                    Unit.CALENDAR_DAYS,
                    cal.fingerprint,
                )
            )
        elif key == "handover":
            out.append(_wd(key, _need(state.permission_notice_on), HANDOVER_WD, cal))
        elif key == "preliminary_refusal":
            out.append(_wd(key, _need(state.preliminary_notice_on), PRELIMINARY_WD, cal))
        elif key == "hearing_notice":
            end = service_term_end(_need(accepted))
            rule = CLOCKS[key]
            out.append(
                Deadline(
                    key,
                    rule.paragraph,
                    rule.label,
                    rule.party,
                    end,
                    cal.add_working_days(end, -HEARING_BEFORE_END_WD),
                    -HEARING_BEFORE_END_WD,
                    Unit.WORKING_DAYS,
                    cal.fingerprint,
                )
            )
        elif key == "objection":
            out.append(_wd(key, _need(state.draft_delivered_on), OBJECTION_WD, cal))
        elif key == "reasoned_refusal":
            out.append(_wd(key, _need(state.refusal_notice_on), REASONED_REFUSAL_WD, cal))
        elif key == "service_term":
            rule = CLOCKS[key]
            start = _need(accepted)
            out.append(
                Deadline(
                    key,
                    rule.paragraph,
                    rule.label,
                    rule.party,
                    start,
                    service_term_end(start),
                    SERVICE_MONTHS,
                    Unit.MONTHS,
                    cal.fingerprint,
                )
            )
    for complaint in state.complaints:
        out.extend(complaint_deadlines(complaint, cal))
    return out


def complaint_deadlines(c: Complaint, cal: WorkingCalendar) -> list[Deadline]:
    """§16: forward within 3 working days of receipt unless fully satisfied within them;
    consideration within 5 (provider) or 15 (authorised body) working days of registration."""
    out: list[Deadline] = []
    if c.stage is ComplaintStage.REGISTERED:
        out.append(
            _wd(
                "complaint_forward",
                c.received_on,
                COMPLAINT_FORWARD_WD,
                cal,
                suffix=f":{c.complaint_id}",
            )
        )
    if c.stage in (ComplaintStage.REGISTERED, ComplaintStage.FORWARDED):
        out.append(
            _wd(
                "complaint_review",
                c.registered_on,
                COMPLAINT_REVIEW_WD[c.addressee],
                cal,
                suffix=f":{c.complaint_id}",
            )
        )
    return out


def _need(day: date | None) -> date:
    if day is None:
        raise ValueError("a clock's start date is missing from the case's events")
    return day


@dataclass(frozen=True, slots=True)
class DeadlineView:
    deadline: Deadline
    urgency: Urgency


def classify(deadlines: list[Deadline], today: date, cal: WorkingCalendar) -> list[DeadlineView]:
    """Each deadline with its urgency on `today`, most urgent first."""
    order = {u: i for i, u in enumerate(Urgency)}
    views = [DeadlineView(d, d.urgency(today, cal)) for d in deadlines]
    return sorted(views, key=lambda v: (order[v.urgency], v.deadline.due, v.deadline.key))


@dataclass(frozen=True, slots=True)
class ClosedDeadline:
    """A clock that a step ended, and whether the step came in time."""

    deadline: Deadline
    on: date
    legal_due: date  # `deadline.due`, moved off a day off (art. 180 of the Civil Code)

    @property
    def on_time(self) -> bool:
        return self.on <= self.legal_due


def closed_by(
    before: CaseState, after: CaseState, on: date, cal: WorkingCalendar
) -> list[ClosedDeadline]:
    """The clocks that ran before a step and not after it: the step ended them on `on`."""
    if not OPEN_CLOCKS[before.stage] and not before.complaints:
        return []
    still_open = {d.key for d in open_deadlines(after, cal)}
    return [
        ClosedDeadline(d, on, d.legal_due(cal))
        for d in open_deadlines(before, cal)
        if d.key not in still_open
    ]

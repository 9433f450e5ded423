"""Every clock of REGULATION.md's table (§6, §7, §9, §10, §11, §12, §16) and its urgency."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.calendar import CalendarSpec, WorkingCalendar
from desktop.domain.deadlines import (
    Party,
    Unit,
    Urgency,
    classify,
    complaint_deadlines,
    open_deadlines,
    service_term_end,
)
from desktop.domain.workflow import (
    CaseState,
    Complaint,
    ComplaintAddressee,
    ComplaintStage,
    Stage,
)

KZ = WorkingCalendar(CalendarSpec())
DE = WorkingCalendar(CalendarSpec(host_country="DE"))
MON = date(2026, 11, 23)


def due(state: CaseState, cal: WorkingCalendar = KZ) -> dict[str, date]:
    return {d.key: d.due for d in open_deadlines(state, cal)}


@pytest.mark.parametrize(
    ("state", "expected", "why"),
    [
        (
            CaseState(stage=Stage.ACCEPTED, accepted_on=MON),
            {
                "burkit": date(2026, 11, 25),
                "forward": date(2026, 11, 25),
                "service_term": date(2027, 2, 23),
            },
            "§6, §7: 2 working days from acceptance; §12: 3 months",
        ),
        (
            CaseState(
                stage=Stage.BURKIT_ENTERED,
                accepted_on=date(2026, 11, 27),
                burkit_on=date(2026, 11, 30),
            ),
            {"forward": date(2026, 12, 1), "service_term": date(2027, 2, 27)},
            "§7 counts from acceptance, not from the Bürkit entry",
        ),
        (
            CaseState(stage=Stage.FORWARDED, accepted_on=MON, forwarded_on=date(2026, 11, 25)),
            {"result_notice": date(2026, 12, 25), "service_term": date(2027, 2, 23)},
            "§9: 30 calendar days from sending",
        ),
        (
            CaseState(
                stage=Stage.PERMITTED, accepted_on=MON, permission_notice_on=date(2026, 12, 10)
            ),
            {"handover": date(2026, 12, 18), "service_term": date(2027, 2, 23)},
            "§10: 5 working days from the notice; 16 December is a holiday",
        ),
        (
            CaseState(
                stage=Stage.PRELIMINARY_REFUSAL,
                accepted_on=MON,
                preliminary_notice_on=date(2026, 12, 10),
            ),
            {
                "preliminary_refusal": date(2026, 12, 18),
                "hearing_notice": date(2027, 2, 18),
                "service_term": date(2027, 2, 23),
            },
            "§11: draft in 5 working days; hearing notice ≥3 working days before the term ends",
        ),
        (
            CaseState(
                stage=Stage.HEARING_NOTIFIED,
                accepted_on=MON,
                draft_sent_on=date(2026, 12, 18),
                draft_delivered_on=date(2026, 12, 21),
            ),
            {"objection": date(2026, 12, 23), "service_term": date(2027, 2, 23)},
            "§11: objection within 2 working days of receiving the preliminary decision",
        ),
        (
            CaseState(stage=Stage.REFUSED, accepted_on=MON, refusal_notice_on=date(2026, 12, 30)),
            {"reasoned_refusal": date(2027, 1, 11), "service_term": date(2027, 2, 23)},
            "§11: reasoned refusal in 5 working days, across the New Year (1, 2 Jan, 4 Jan in lieu of the Saturday, 7 Jan)",
        ),
        (CaseState(stage=Stage.HANDED_OVER, accepted_on=MON), {}, "§10 done: no clocks"),
        (CaseState(stage=Stage.DRAFT), {}, "before acceptance no clock runs"),
    ],
)
def test_case_clocks(state: CaseState, expected: dict[str, date], why: str) -> None:
    assert due(state) == expected, why


def test_host_holidays_move_the_clocks() -> None:
    # §10 from 22 December 2026: KZ alone vs a mission in Germany (25, 26 December).
    state = CaseState(
        stage=Stage.PERMITTED, accepted_on=MON, permission_notice_on=date(2026, 12, 22)
    )
    assert due(state, KZ)["handover"] == date(2026, 12, 29)
    assert due(state, DE)["handover"] == date(2026, 12, 30)


def test_deadline_records_its_calendar_and_unit() -> None:
    deadlines = {
        d.key: d for d in open_deadlines(CaseState(stage=Stage.ACCEPTED, accepted_on=MON), DE)
    }
    assert deadlines["burkit"].calendar == DE.fingerprint != KZ.fingerprint
    assert deadlines["burkit"].unit is Unit.WORKING_DAYS and deadlines["burkit"].length == 2
    assert deadlines["service_term"].unit is Unit.MONTHS
    assert deadlines["burkit"].paragraph == "§6" and deadlines["burkit"].party is Party.MISSION


def test_service_term_end() -> None:
    # §12, Annex 3 line 3: three months from submission.
    assert service_term_end(date(2026, 11, 30)) == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("addressee", "stage", "expected", "why"),
    [
        (
            ComplaintAddressee.PROVIDER,
            ComplaintStage.REGISTERED,
            {"complaint_forward:C1": date(2026, 11, 26), "complaint_review:C1": date(2026, 11, 30)},
            "§16: forward in 3 working days; provider reviews in 5",
        ),
        (
            ComplaintAddressee.AUTHORISED_BODY,
            ComplaintStage.REGISTERED,
            {"complaint_forward:C1": date(2026, 11, 26), "complaint_review:C1": date(2026, 12, 14)},
            "§16: authorised body reviews in 15 working days",
        ),
        (
            ComplaintAddressee.PROVIDER,
            ComplaintStage.FORWARDED,
            {"complaint_review:C1": date(2026, 11, 30)},
            "forwarded: only the review clock runs",
        ),
        (
            ComplaintAddressee.PROVIDER,
            ComplaintStage.SATISFIED,
            {},
            "§16: fully satisfied, no forwarding",
        ),
        (ComplaintAddressee.PROVIDER, ComplaintStage.DECIDED, {}, "decided"),
    ],
)
def test_complaint_clocks(
    addressee: ComplaintAddressee, stage: ComplaintStage, expected: dict[str, date], why: str
) -> None:
    c = Complaint("C1", MON, MON, "inaction", addressee, stage)
    assert {d.key: d.due for d in complaint_deadlines(c, KZ)} == expected, why


def test_complaints_ride_on_any_stage() -> None:
    c = Complaint("C1", MON, MON, "refusal to accept", ComplaintAddressee.PROVIDER)
    state = CaseState(stage=Stage.REFUSED_ACCEPTANCE, complaints=(c,))
    assert set(due(state)) == {"complaint_forward:C1", "complaint_review:C1"}


@pytest.mark.parametrize(
    ("today", "urgency"),
    [
        (date(2026, 11, 26), Urgency.OVERDUE),
        (date(2026, 11, 25), Urgency.DUE_TODAY),
        (date(2026, 11, 23), Urgency.DUE_SOON),
    ],
)
def test_urgency(today: date, urgency: Urgency) -> None:
    state = CaseState(stage=Stage.ACCEPTED, accepted_on=MON)
    burkit = next(d for d in open_deadlines(state, KZ) if d.key == "burkit")
    assert burkit.urgency(today, KZ) is urgency


def test_due_soon_counts_working_days() -> None:
    # Due Wednesday 2 December; on Thursday 26 November that is 4 working days away: later.
    state = CaseState(
        stage=Stage.PERMITTED, accepted_on=MON, permission_notice_on=date(2026, 11, 25)
    )
    handover = next(d for d in open_deadlines(state, KZ) if d.key == "handover")
    assert handover.due == date(2026, 12, 2)
    assert handover.urgency(date(2026, 11, 26), KZ) is Urgency.LATER
    assert handover.urgency(date(2026, 11, 27), KZ) is Urgency.DUE_SOON


def test_classify_orders_most_urgent_first() -> None:
    state = CaseState(stage=Stage.ACCEPTED, accepted_on=MON)
    views = classify(open_deadlines(state, KZ), date(2026, 11, 26), KZ)
    assert [v.urgency for v in views] == [Urgency.OVERDUE, Urgency.OVERDUE, Urgency.LATER]


def test_a_stage_without_its_dates_is_an_error() -> None:
    with pytest.raises(ValueError):
        open_deadlines(CaseState(stage=Stage.ACCEPTED), KZ)
    with pytest.raises(ValueError):
        open_deadlines(CaseState(stage=Stage.FORWARDED, accepted_on=MON), KZ)

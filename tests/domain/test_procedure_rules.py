"""Issue 12: the steps of §4, §11 and §16 as the Kazakh text of the Rules reads them
(docs/rules.md quotes the words each test rests on)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from desktop.domain.calendar import CalendarSpec, WorkingCalendar
from desktop.domain.deadlines import Urgency, closed_by, open_deadlines
from desktop.domain.questionnaire import Questionnaire
from desktop.domain.validation import validate
from desktop.domain.workflow import (
    Action,
    CaseState,
    Event,
    Stage,
    WorkflowError,
    advisories,
    available_actions,
    decide,
    irregularities,
    replay,
    step,
)
from tests.domain.test_validation import complete
from tests.domain.test_workflow import (
    DATA,
    HEARING_PATH,
    NO_ISSUES,
    OFFICER,
    T0,
    complete_checklist,
    run,
)

CAL = WorkingCalendar(CalendarSpec())  # Monday to Friday, Kazakhstan's holidays
TODAY = date(2026, 11, 23)


def _accept(issues: list, checklist=None):  # type: ignore[no-untyped-def]
    return decide(
        CaseState(),
        Action.ACCEPT,
        {},
        OFFICER,
        T0,
        local_today=TODAY,
        checklist=checklist or complete_checklist(),
        questionnaire_issues=issues,
    )


# --- §4 -----------------------------------------------------------------------------------------


def test_p4_acceptance_refused_with_invalid_questionnaire() -> None:
    """§4: the documents are accepted with the questionnaire of §3(1) filled in; a wrong IIN
    check digit, no sex, no citizenship, no declaration and no consent hold it up, and the
    message names each field by the form's label in every language (no internal paths)."""
    bad = replace(
        complete(),
        iin="900517312344",
        sex=None,
        citizenship="",
        declaration_acknowledged=False,
        consent_given=False,
    )
    with pytest.raises(WorkflowError) as err:
        _accept(validate(bad, TODAY))
    e = err.value
    assert e.code == "questionnaire"
    assert "Жеке сәйкестендіру нөмірі" in e.message.kk and "бақылау цифры" in e.message.kk
    assert "Индивидуальный идентификационный номер" in e.message.ru
    assert "Individual identification number" in e.message.en
    assert "7. Азаматтығы" in e.message.kk and "5. Пол" in e.message.ru
    assert "Даю согласие" in e.message.ru
    for internal in ("iin:", "consent_given", "declaration_acknowledged", "citizenship:"):
        assert internal not in e.message.en
    assert len(e.items) == 5  # one line per field, for the dialog's list
    # The complete questionnaire is accepted.
    assert _accept(validate(complete(), TODAY)).kind == "accept"


def test_p4_confirmed_warnings_do_not_block_unconfirmed_do() -> None:
    # The IIN disagreeing with the sex is a warning the officer confirms (Annex 1 check).
    q = replace(complete(), sex=complete().sex.__class__("female"))  # type: ignore[union-attr]
    [warning] = validate(q, TODAY)
    with pytest.raises(WorkflowError) as err:
        _accept(validate(q, TODAY))
    assert "confirm" in err.value.message.en
    assert "Individual identification number" in err.value.message.en
    confirmed = replace(q, confirmed_warnings=[warning.key])
    assert _accept(validate(confirmed, TODAY)).kind == "accept"


def test_p4_acceptance_needs_the_questionnaire_checked() -> None:
    with pytest.raises(WorkflowError) as err:
        decide(
            CaseState(),
            Action.ACCEPT,
            {},
            OFFICER,
            T0,
            local_today=TODAY,
            checklist=complete_checklist(),
        )
    assert err.value.code == "no_questionnaire"


def test_p4_questionnaire_and_documents_listed_together() -> None:
    from tests.domain.test_workflow import incomplete_checklist

    bad = replace(complete(), consent_given=False)
    with pytest.raises(WorkflowError) as err:
        _accept(validate(bad, TODAY), incomplete_checklist())
    text = err.value.message.en
    assert "Consents to access" in text and "not submitted" in text
    assert "fee_receipt" not in text


# --- §11 ----------------------------------------------------------------------------------------


def test_p11_reasoned_refusal_only_after_preliminary_refusal_and_hearing() -> None:
    """§11 (05.12.2025): "Ішкі істер органы ... алдын ала бас тартқан жағдайда": a final
    refusal notice is taken only after the objection went to the police."""
    forwarded, _ = run(HEARING_PATH[:3])
    assert forwarded.stage is Stage.FORWARDED
    assert Action.RECORD_REFUSAL not in available_actions(forwarded, OFFICER.roles)
    at = T0 + timedelta(days=4)
    with pytest.raises(WorkflowError) as err:
        decide(
            forwarded,
            Action.RECORD_REFUSAL,
            DATA[Action.RECORD_REFUSAL],
            OFFICER,
            at,
            local_today=at.date(),
        )
    assert err.value.code == "illegal"
    # The hearing path still ends in a reasoned refusal.
    assert run(HEARING_PATH)[0].stage is Stage.CLOSED
    assert irregularities(run(HEARING_PATH)[0]) == []


def test_p11_older_refusal_without_hearing_is_shown_irregular() -> None:
    """A store from before the amendment may hold forwarded → refusal: replay keeps the
    stored stage (nothing is changed) and the case is reported as irregular."""
    _, events = run(HEARING_PATH[:3])
    at = T0 + timedelta(days=5)
    legacy = Event(
        Action.RECORD_REFUSAL.value,
        at,
        1,
        {**DATA[Action.RECORD_REFUSAL], "on": at.date().isoformat()},
    )
    state = replay([*events, legacy])
    assert state.stage is Stage.REFUSED
    [warning] = irregularities(state)
    assert "Irregular" in warning.en and "Нерегулярное" in warning.ru and warning.kk


def _hearing_state() -> CaseState:
    # Accepted Mon 23.11.2026 … draft and hearing notice to send on Fri 27.11.2026.
    state, _ = run(HEARING_PATH[:4])
    assert state.stage is Stage.PRELIMINARY_REFUSAL
    return state


def _send(hearing_at: str, **extra: str) -> Event:
    at = datetime(2026, 11, 27, 8, tzinfo=UTC)
    return decide(
        _hearing_state(),
        Action.SEND_PRELIMINARY_REFUSAL,
        {"hearing_at": hearing_at, "hearing_place": "room 2", **extra},
        OFFICER,
        at,
        local_today=date(2026, 11, 27),
        calendar=CAL,
    )


def test_p11_hearing_is_a_date_and_time_on_a_working_day_within_the_objection_term() -> None:
    event = _send("2026-11-30 10:00")
    assert event.data["hearing_at"] == "2026-11-30T10:00"
    for text in ("next Monday", "2026-11-30"):  # free text, or a date without a time
        with pytest.raises(WorkflowError) as err:
            _send(text)
        assert err.value.code == "field_datetime"
    with pytest.raises(WorkflowError) as err:
        _send("2026-11-28 10:00")  # a Saturday
    assert err.value.code == "hearing_day_off"
    # Received Fri 27.11: the objection term ends Tue 01.12; Wednesday is too late.
    assert _send("2026-12-01 15:00").data["hearing_at"] == "2026-12-01T15:00"
    with pytest.raises(WorkflowError) as err:
        _send("2026-12-02 10:00")
    assert err.value.code == "hearing_after_term" and "01.12.2026" in err.value.message.en
    with pytest.raises(WorkflowError) as err:
        _send("2026-11-26 10:00")  # before the applicant has the notice
    assert err.value.code == "hearing_before_notice"


def test_p11_hearing_near_the_end_of_the_term_is_warned() -> None:
    """§11: "Тыңдау туралы хабарлама ... мерзімі аяқталардан кемі 3 (үш) жұмыс күні бұрын
    жіберіледі": a hearing later than that is warned about (the text names the notice)."""
    state = replace(_hearing_state(), accepted_on=date(2026, 8, 28))  # term ends 28.11.2026
    event = _send("2026-11-30 10:00")
    [warning] = advisories(state, event, CAL)
    assert "28.11.2026" in warning.en and "§12" in warning.en
    assert advisories(_hearing_state(), event, CAL) == []


def test_p11_no_objection_before_the_term_only_with_a_written_waiver() -> None:
    state, _ = run(HEARING_PATH[:5])  # draft received Fri 27.11: the term ends Tue 01.12
    day = date(2026, 11, 30)
    at = datetime(2026, 11, 30, 8, tzinfo=UTC)
    with pytest.raises(WorkflowError) as err:
        decide(state, Action.RECORD_NO_OBJECTION, {}, OFFICER, at, local_today=day, calendar=CAL)
    assert err.value.code == "objection_term" and "waive" in err.value.message.en
    event = decide(
        state,
        Action.RECORD_NO_OBJECTION,
        {"waiver_on": "2026-11-30"},
        OFFICER,
        at,
        local_today=day,
        calendar=CAL,
    )
    assert event.data["waiver_on"] == "2026-11-30"
    with pytest.raises(WorkflowError) as err:
        decide(
            state,
            Action.RECORD_NO_OBJECTION,
            {"on": "2026-11-30", "waiver_on": "2026-12-01"},
            OFFICER,
            datetime(2026, 12, 1, 8, tzinfo=UTC),
            local_today=date(2026, 12, 1),
            calendar=CAL,
        )
    assert err.value.code == "waiver_after"


# --- §16 ----------------------------------------------------------------------------------------


def _with_complaint(received: date) -> CaseState:
    state, _ = run(HEARING_PATH[:3])
    at = datetime(received.year, received.month, received.day, 8, tzinfo=UTC)
    state, _ = step(
        state,
        Action.REGISTER_COMPLAINT,
        {"received_on": received.isoformat(), "against": "delay", "addressee": "provider"},
        OFFICER,
        at,
        local_today=received,
    )
    return state


def _satisfy(state: CaseState, on: date) -> Event:
    at = datetime(on.year, on.month, on.day, 8, tzinfo=UTC)
    return decide(
        state,
        Action.SATISFY_COMPLAINT,
        {"complaint_id": "C1", "on": on.isoformat()},
        OFFICER,
        at,
        local_today=on,
        calendar=CAL,
    )


def test_p16_complaint_satisfied_without_forwarding_only_within_3_working_days() -> None:
    """§16: "егер үш жұмыс күні ішінде шағымда көрсетілген талаптарды толық
    қанағаттандыратын шешім ... қабылдаса, шағымды ... жібермеуге құқылы"."""
    state = _with_complaint(date(2026, 11, 26))  # Thursday: the 3 working days end Tue 01.12
    assert _satisfy(state, date(2026, 12, 1)).kind == "satisfy_complaint"
    with pytest.raises(WorkflowError) as err:
        _satisfy(state, date(2026, 12, 2))
    assert err.value.code == "complaint_satisfy_late"
    assert "01.12.2026" in err.value.message.en and "forwarded" in err.value.message.en


# --- term ending on a day off --------------------------------------------------------------


def test_p14_term_ending_on_a_day_off_is_late_only_after_the_next_working_day() -> None:
    """§12's 3 months from Fri 28.08.2026 end on Sat 28.11.2026: planned by that date, but a
    step on Mon 30.11.2026 is on time (Civil Code art. 180), and Tuesday is late."""
    state = replace(_hearing_state(), stage=Stage.NOTIFICATION_ISSUED)
    state = replace(
        state,
        accepted_on=date(2026, 8, 28),
        permission_notice_on=date(2026, 11, 27),
    )
    term = next(d for d in open_deadlines(state, CAL) if d.key == "service_term")
    assert term.due == date(2026, 11, 28) and term.legal_due(CAL) == date(2026, 11, 30)
    assert term.urgency(date(2026, 11, 28), CAL) is Urgency.DUE_TODAY
    assert term.urgency(date(2026, 11, 30), CAL) is Urgency.DUE_TODAY
    assert term.urgency(date(2026, 12, 1), CAL) is Urgency.OVERDUE
    handed = replace(state, stage=Stage.HANDED_OVER, handed_over_on=date(2026, 11, 30))
    [closed] = [
        c
        for c in closed_by(state, handed, date(2026, 11, 30), CAL)
        if c.deadline.key == "service_term"
    ]
    assert closed.on_time
    [late] = [
        c
        for c in closed_by(state, handed, date(2026, 12, 1), CAL)
        if c.deadline.key == "service_term"
    ]
    assert not late.on_time


def test_p4_the_questionnaire_rule_covers_every_way_into_accepted() -> None:
    # Only ACCEPT leads into `accepted`, and it always needs the questionnaire's issues.
    from desktop.domain.workflow import TRANSITIONS

    into = [a for a, t in TRANSITIONS.items() if t.target is Stage.ACCEPTED]
    assert into == [Action.ACCEPT]
    assert (
        step(
            CaseState(),
            Action.ACCEPT,
            {},
            OFFICER,
            T0,
            local_today=TODAY,
            checklist=complete_checklist(),
            questionnaire_issues=NO_ISSUES,
        )[0].stage
        is Stage.ACCEPTED
    )
    assert Questionnaire  # the shape `validate` checks

"""The case workflow of §4–§11 and §16: transitions, roles, data, events, replay."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.calendar import CalendarSpec, WorkingCalendar
from desktop.domain.checklist import CaseFacts, IdentityDocument, IdentityKind, ItemState, evaluate
from desktop.domain.deadlines import OPEN_CLOCKS, open_deadlines
from desktop.domain.questionnaire import Questionnaire
from desktop.domain.validation import Issue
from desktop.domain.workflow import (
    OPEN_STAGES,
    STAGE_TITLES,
    TERMINAL,
    TRANSITIONS,
    Action,
    Actor,
    CaseState,
    ClockSetBackError,
    ComplaintStage,
    Role,
    Stage,
    WorkflowError,
    available_actions,
    decide,
    replay,
    step,
)

OFFICER = Actor.of(1, "Серікова Айгүл Маратқызы", Role.OFFICER)
CONSUL = Actor.of(2, "Жұмабаев Ерлан", Role.OFFICER, Role.CONSUL)
ADMIN = Actor.of(3, "Admin", Role.ADMIN)
NOBODY = Actor.of(4, "Nobody")
T0 = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)  # Monday 10:00 in Almaty
Q = Questionnaire(iin="900517312343", surname="Сейітқали", name="Асқар")
NO_ISSUES: tuple[Issue, ...] = ()  # a questionnaire without errors (Annex 1 checked)
FACTS = CaseFacts(identity=(IdentityDocument(IdentityKind.PASSPORT, expires_on=date(2030, 1, 1)),))


def complete_checklist(on: date = date(2026, 11, 23)):  # type: ignore[no-untyped-def]
    from desktop.domain.checklist import required_items

    states = {i.key: ItemState(received=True) for i in required_items(Q, FACTS, on)}
    return evaluate(Q, FACTS, states, on)


def incomplete_checklist(on: date = date(2026, 11, 23)):  # type: ignore[no-untyped-def]
    return evaluate(Q, FACTS, {"questionnaire": ItemState(received=True)}, on)


DATA: dict[Action, dict[str, Any]] = {
    Action.ACCEPT: {},
    Action.REFUSE_ACCEPTANCE: {},
    Action.RESUBMIT: {},
    Action.RECORD_BURKIT: {"reference": "B-1"},
    Action.FORWARD: {"package_reference": "P-7"},
    Action.RECORD_PERMISSION: {
        "police_department": "Алматы қаласы ПД",
        "decision_number": "123",
        "decision_date": "2026-11-23",
        "channel": "package",
    },
    Action.RECORD_PRELIMINARY_REFUSAL: {
        "police_department": "Алматы қаласы ПД",
        "decision_number": "124",
        "decision_date": "2026-11-23",
        "channel": "paper",
        "reasons": "Annex 3, 9(4)",
    },
    Action.RECORD_REFUSAL: {
        "police_department": "Алматы қаласы ПД",
        "decision_number": "125",
        "decision_date": "2026-11-23",
        "channel": "burkit",
        "reasons": "Annex 3, 9(4)",
    },
    Action.SEND_PRELIMINARY_REFUSAL: {"hearing_at": "2026-12-01 10:00", "hearing_place": "room 2"},
    Action.RECORD_OBJECTION: {"summary": "I object"},
    Action.RECORD_NO_OBJECTION: {},
    Action.FORWARD_OBJECTION: {"package_reference": "P-8"},
    Action.SEND_REASONED_REFUSAL: {"ground": "4", "reasons": "Annex 3, 9(4)"},
    Action.ISSUE_NOTIFICATION: {"notification_number": "N-1"},
    Action.HAND_OVER: {"way": "in_person"},
    Action.CLOSE: {},
    Action.WITHDRAW: {"reason": "changed mind"},
}


def actor_for(action: Action) -> Actor:
    return CONSUL if action is Action.ISSUE_NOTIFICATION else OFFICER


def run(actions: list[Action], start: datetime = T0) -> tuple[CaseState, list[Any]]:
    state, events = CaseState(), []
    at = start
    for action in actions:
        checklist = None
        if action is Action.ACCEPT:
            checklist = complete_checklist(at.date())
        elif action is Action.REFUSE_ACCEPTANCE:
            checklist = incomplete_checklist(at.date())
        state, event = step(
            state,
            action,
            DATA[action],
            actor_for(action),
            at,
            local_today=at.date(),
            checklist=checklist,
            questionnaire_issues=NO_ISSUES,
        )
        events.append(event)
        at += timedelta(days=1)
    return state, events


PERMISSION_PATH = [
    Action.ACCEPT,
    Action.RECORD_BURKIT,
    Action.FORWARD,
    Action.RECORD_PERMISSION,
    Action.ISSUE_NOTIFICATION,
    Action.HAND_OVER,
    Action.CLOSE,
]
HEARING_PATH = [
    Action.ACCEPT,
    Action.RECORD_BURKIT,
    Action.FORWARD,
    Action.RECORD_PRELIMINARY_REFUSAL,
    Action.SEND_PRELIMINARY_REFUSAL,
    Action.RECORD_OBJECTION,
    Action.FORWARD_OBJECTION,
    Action.RECORD_REFUSAL,
    Action.SEND_REASONED_REFUSAL,
    Action.CLOSE,
]


@pytest.mark.parametrize(
    ("path", "stages", "why"),
    [
        (
            PERMISSION_PATH,
            [
                Stage.ACCEPTED,
                Stage.BURKIT_ENTERED,
                Stage.FORWARDED,
                Stage.PERMITTED,
                Stage.NOTIFICATION_ISSUED,
                Stage.HANDED_OVER,
                Stage.CLOSED,
            ],
            "§4, §6, §7, §10",
        ),
        (
            HEARING_PATH,
            [
                Stage.ACCEPTED,
                Stage.BURKIT_ENTERED,
                Stage.FORWARDED,
                Stage.PRELIMINARY_REFUSAL,
                Stage.HEARING_NOTIFIED,
                Stage.OBJECTION_RECEIVED,
                Stage.OBJECTION_FORWARDED,
                Stage.REFUSED,
                Stage.REFUSAL_SENT,
                Stage.CLOSED,
            ],
            "§11 with an objection ending in a reasoned refusal",
        ),
        (
            [
                *HEARING_PATH[:5],
                Action.RECORD_OBJECTION,
                Action.FORWARD_OBJECTION,
                Action.RECORD_PERMISSION,
                Action.ISSUE_NOTIFICATION,
                Action.HAND_OVER,
            ],
            [
                Stage.ACCEPTED,
                Stage.BURKIT_ENTERED,
                Stage.FORWARDED,
                Stage.PRELIMINARY_REFUSAL,
                Stage.HEARING_NOTIFIED,
                Stage.OBJECTION_RECEIVED,
                Stage.OBJECTION_FORWARDED,
                Stage.PERMITTED,
                Stage.NOTIFICATION_ISSUED,
                Stage.HANDED_OVER,
            ],
            "§11: an objection upheld leads to permission as in §10",
        ),
        (
            [*HEARING_PATH[:5], Action.RECORD_NO_OBJECTION, Action.SEND_REASONED_REFUSAL],
            [
                Stage.ACCEPTED,
                Stage.BURKIT_ENTERED,
                Stage.FORWARDED,
                Stage.PRELIMINARY_REFUSAL,
                Stage.HEARING_NOTIFIED,
                Stage.NO_OBJECTION,
                Stage.REFUSAL_SENT,
            ],
            "§11: no objection, reasoned refusal",
        ),
        (
            [Action.REFUSE_ACCEPTANCE, Action.RESUBMIT, Action.ACCEPT],
            [Stage.REFUSED_ACCEPTANCE, Stage.DRAFT, Stage.ACCEPTED],
            "§5 refusal, then a complete resubmission",
        ),
        ([Action.ACCEPT, Action.WITHDRAW], [Stage.ACCEPTED, Stage.WITHDRAWN], "withdrawal"),
    ],
)
def test_paths(path: list[Action], stages: list[Stage], why: str) -> None:
    state, events = run(path)
    assert [e.kind for e in events] == [a.value for a in path]
    assert replay(events) == state
    seen = [replay(events[: i + 1]).stage for i in range(len(events))]
    assert seen == stages, why


def test_acceptance_records_date_officer_and_checklist() -> None:
    # §4: the mark has the date of acceptance and the accepting person's full name.
    state, events = run([Action.ACCEPT])
    data = events[0].data
    assert data["on"] == "2026-11-23"
    assert data["accepted_by"] == "Серікова Айгүл Маратқызы"
    assert data["checklist"]["ruleset"] == "2025-12-05"
    assert state.accepted_on == date(2026, 11, 23) and state.ruleset == "2025-12-05"


def test_acceptance_refused_with_incomplete_or_expired_set() -> None:
    # §4/§5: only a complete set without expired documents can be accepted.
    with pytest.raises(WorkflowError) as err:
        decide(
            CaseState(),
            Action.ACCEPT,
            {},
            OFFICER,
            T0,
            local_today=T0.date(),
            checklist=incomplete_checklist(),
            questionnaire_issues=NO_ISSUES,
        )
    assert err.value.code == "incomplete"
    # The officer reads the documents' names in their language, never the checklist keys.
    fee = incomplete_checklist().entry("fee_receipt").item.label
    message = err.value.message
    assert fee.ru in message.ru and fee.kk in message.kk and fee.en in message.en
    assert "fee_receipt" not in message.ru + message.kk + message.en
    # §5: an expired document (a notarised consent; an identity document's expiry takes the
    # §3(2) explanation route instead).
    from desktop.domain.checklist import required_items
    from desktop.domain.questionnaire import Child

    key = "representative_consent:child:200101500005"
    q = Questionnaire(
        iin="900517312343",
        surname="Сейітқали",
        name="Асқар",
        children=[Child("Әли", "200101500005", date(2020, 1, 1), with_one_representative=True)],
    )
    states = {i.key: ItemState(received=True) for i in required_items(q, FACTS, T0.date())}
    states[key] = ItemState(received=True, expires_on=date(2026, 1, 1))
    expired = evaluate(q, FACTS, states, T0.date())
    with pytest.raises(WorkflowError) as err:
        decide(
            CaseState(),
            Action.ACCEPT,
            {},
            OFFICER,
            T0,
            local_today=T0.date(),
            checklist=expired,
            questionnaire_issues=NO_ISSUES,
        )
    consent = expired.entry(key).item.label
    assert f"{consent.ru} (срок истек 01.01.2026)" in err.value.message.ru
    assert f"{consent.kk} (мерзімі 01.01.2026 өтті)" in err.value.message.kk
    assert key not in err.value.message.ru
    # ...and the refusal to accept records what was expired.
    event = decide(
        CaseState(),
        Action.REFUSE_ACCEPTANCE,
        {},
        OFFICER,
        T0,
        local_today=T0.date(),
        checklist=expired,
    )
    assert event.data["checklist"]["expired"] == [key]


def test_refusal_to_accept_needs_a_ground() -> None:
    # §5: a complete set cannot be refused.
    with pytest.raises(WorkflowError) as err:
        decide(
            CaseState(),
            Action.REFUSE_ACCEPTANCE,
            {},
            OFFICER,
            T0,
            local_today=T0.date(),
            checklist=complete_checklist(),
        )
    assert err.value.code == "complete"
    with pytest.raises(WorkflowError):
        decide(CaseState(), Action.ACCEPT, {}, OFFICER, T0, local_today=T0.date())


def test_refusal_records_what_was_missing() -> None:
    _, events = run([Action.REFUSE_ACCEPTANCE])
    assert "fee_receipt" in events[0].data["checklist"]["missing"]


@pytest.mark.parametrize(
    ("action", "actor", "code"),
    [
        (Action.ISSUE_NOTIFICATION, OFFICER, "role"),  # §10: a consular official signs
        (Action.RECORD_BURKIT, ADMIN, "role"),  # roles are granted by the service layer
    ],
)
def test_roles(action: Action, actor: Actor, code: str) -> None:
    state, _ = run([Action.ACCEPT, Action.RECORD_BURKIT, Action.FORWARD, Action.RECORD_PERMISSION])
    with pytest.raises(WorkflowError) as err:
        decide(
            state,
            action,
            DATA[action],
            actor,
            T0 + timedelta(days=10),
            local_today=date(2026, 12, 3),
        )
    assert err.value.code == code
    assert err.value.message.kk and err.value.message.ru


@pytest.mark.parametrize(
    ("action", "data", "code"),
    [
        (Action.RECORD_BURKIT, {}, "field_required"),  # §6: the reference is needed
        (Action.RECORD_BURKIT, {"reference": "B", "on": "31.11.2026"}, "field_date"),
        (Action.RECORD_BURKIT, {"reference": "B", "on": "2026-11-31"}, "field_date"),
        (Action.RECORD_BURKIT, {"reference": "B", "on": "2026-12-31"}, "future"),
        (Action.RECORD_BURKIT, {"reference": "B", "on": "2026-11-01"}, "before_previous"),
        (Action.RECORD_BURKIT, {"reference": "B", "colour": "red"}, "field_unknown"),
    ],
)
def test_bad_data(action: Action, data: Mapping[str, Any], code: str) -> None:
    state, _ = run([Action.ACCEPT])
    with pytest.raises(WorkflowError) as err:
        decide(state, action, data, OFFICER, T0 + timedelta(days=1), local_today=date(2026, 11, 24))
    assert err.value.code == code


def test_bad_choice() -> None:
    state, _ = run([Action.ACCEPT, Action.RECORD_BURKIT, Action.FORWARD])
    with pytest.raises(WorkflowError) as err:
        decide(
            state,
            Action.RECORD_PERMISSION,
            {**DATA[Action.RECORD_PERMISSION], "channel": "pigeon"},
            OFFICER,
            T0 + timedelta(days=5),
            local_today=date(2026, 11, 28),
        )
    assert err.value.code == "field_choice"


@pytest.mark.parametrize(
    ("done", "action"),
    [
        ([], Action.RECORD_BURKIT),  # §6 only after acceptance
        ([Action.ACCEPT], Action.FORWARD),  # §7 after the Bürkit entry
        ([Action.ACCEPT], Action.RECORD_PERMISSION),
        (PERMISSION_PATH, Action.WITHDRAW),  # closed is closed
        (PERMISSION_PATH[:6], Action.WITHDRAW),  # handed over: nothing to withdraw
    ],
)
def test_illegal_steps_are_refused(done: list[Action], action: Action) -> None:
    state, _ = run(done)
    with pytest.raises(WorkflowError) as err:
        decide(
            state,
            action,
            DATA[action],
            actor_for(action),
            T0 + timedelta(days=30),
            local_today=date(2026, 12, 23),
        )
    assert err.value.code == "illegal"
    # The step and the stage by their titles in each language, with the stage's date.
    t = TRANSITIONS[action]
    for lang in ("kk", "ru", "en"):
        text = err.value.message.get(lang)
        assert t.title.get(lang) in text
        assert STAGE_TITLES[state.stage].get(lang) in text
        assert action.value not in text and f"«{state.stage.value}»" not in text
    if state.last_on is not None:
        assert state.last_on.strftime("%d.%m.%Y") in err.value.message.ru
        assert state.last_on.isoformat() not in err.value.message.ru


def test_clock_set_back_is_detected() -> None:
    state, _ = run([Action.ACCEPT])
    with pytest.raises(ClockSetBackError) as err:
        decide(
            state,
            Action.RECORD_BURKIT,
            DATA[Action.RECORD_BURKIT],
            OFFICER,
            T0 - timedelta(hours=1),
            local_today=T0.date(),
        )
    assert err.value.code == "clock_set_back" and err.value.last == T0


def test_effective_date_may_precede_the_recording() -> None:
    state, _ = run([Action.ACCEPT])
    later = T0 + timedelta(days=3)
    event = decide(
        state,
        Action.RECORD_BURKIT,
        {"reference": "B", "on": "2026-11-24"},
        OFFICER,
        later,
        local_today=later.date(),
    )
    assert event.data["on"] == "2026-11-24"


def test_complaints() -> None:
    # §16: register, then forward or satisfy, then the outcome; the stage does not move.
    state, _ = run([Action.ACCEPT])
    at = T0 + timedelta(days=1)
    state, event = step(
        state,
        Action.REGISTER_COMPLAINT,
        {"received_on": "2026-11-24", "against": "inaction: Bürkit entry", "addressee": "provider"},
        OFFICER,
        at,
        local_today=at.date(),
    )
    assert event.data["complaint_id"] == "C1" and state.stage is Stage.ACCEPTED
    assert state.complaint("C1").registered_on == date(2026, 11, 24)
    state, _ = step(
        state,
        Action.FORWARD_COMPLAINT,
        {"complaint_id": "C1", "body": "MFA"},
        OFFICER,
        at,
        local_today=at.date(),
    )
    with pytest.raises(WorkflowError) as err:
        decide(
            state,
            Action.SATISFY_COMPLAINT,
            {"complaint_id": "C1"},
            OFFICER,
            at,
            local_today=at.date(),
        )
    assert err.value.code == "complaint_forwarded"
    state, _ = step(
        state,
        Action.RECORD_COMPLAINT_OUTCOME,
        {"complaint_id": "C1", "outcome": "rejected"},
        OFFICER,
        at,
        local_today=at.date(),
    )
    assert state.complaint("C1").stage is ComplaintStage.DECIDED
    with pytest.raises(WorkflowError) as err:
        decide(
            state,
            Action.FORWARD_COMPLAINT,
            {"complaint_id": "C9", "body": "x"},
            OFFICER,
            at,
            local_today=at.date(),
        )
    assert err.value.code == "complaint_unknown"


def test_available_actions() -> None:
    state, _ = run([Action.ACCEPT, Action.RECORD_BURKIT, Action.FORWARD, Action.RECORD_PERMISSION])
    assert Action.ISSUE_NOTIFICATION in available_actions(state, CONSUL.roles)
    assert Action.ISSUE_NOTIFICATION not in available_actions(state, OFFICER.roles)
    assert available_actions(state, ADMIN.roles) == []


# --- property tests ---------------------------------------------------------------------------

CAL = WorkingCalendar(CalendarSpec(host_country="DE", timezone="Europe/Berlin"))
ALL_ACTIONS = [
    a
    for a in Action
    if a
    not in {Action.SATISFY_COMPLAINT, Action.FORWARD_COMPLAINT, Action.RECORD_COMPLAINT_OUTCOME}
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(ALL_ACTIONS),
            st.sampled_from([OFFICER, CONSUL, ADMIN, NOBODY]),
            st.integers(0, 6),
        ),
        max_size=25,
    )
)
def test_random_sequences_never_reach_an_illegal_state(
    moves: list[tuple[Action, Actor, int]],
) -> None:
    state, events = CaseState(), []
    at = T0
    for action, actor, gap in moves:
        at += timedelta(days=gap, hours=1)
        checklist = complete_checklist(at.date()) if gap % 2 else incomplete_checklist(at.date())
        data = dict(DATA.get(action, {}))
        if action is Action.REGISTER_COMPLAINT:
            data = {
                "received_on": at.date().isoformat(),
                "against": "x",
                "addressee": "authorised_body",
            }
        before = state
        try:
            state, event = step(
                state,
                action,
                data,
                actor,
                at,
                local_today=at.date(),
                checklist=checklist,
                questionnaire_issues=NO_ISSUES,
            )
        except WorkflowError as exc:
            assert state is before
            assert exc.message.kk and exc.message.ru and exc.message.en
            continue
        t = TRANSITIONS[action]
        # The step was legal: right role, right source stage, and it landed where the table says.
        assert actor.roles & t.roles
        assert before.stage not in TERMINAL or action is Action.REGISTER_COMPLAINT
        if t.target is not None:
            assert state.stage is t.target
        if action is Action.ACCEPT:
            assert checklist.complete
        if action is Action.REFUSE_ACCEPTANCE:
            assert not checklist.complete
        events.append(event)
        # Every reached state has exactly the clocks of the table (plus open complaints').
        deadlines = open_deadlines(state, CAL)
        case_clocks = {d.clock for d in deadlines if not d.clock.startswith("complaint")}
        assert case_clocks == set(EXPECTED_CLOCKS[state.stage])
        open_complaints = [c for c in state.complaints if c.stage is ComplaintStage.REGISTERED]
        assert sum(d.clock == "complaint_forward" for d in deadlines) == len(open_complaints)
        for d in deadlines:
            assert d.calendar == CAL.fingerprint
            if d.key != "hearing_notice":
                assert d.due >= d.start
    assert replay(events) == state
    times = [e.at for e in events]
    assert times == sorted(times)
    if state.stage in OPEN_STAGES:
        assert state.stage not in TERMINAL


# Written out independently of deadlines.OPEN_CLOCKS: REGULATION.md, "Deadlines at a glance".
EXPECTED_CLOCKS: dict[Stage, tuple[str, ...]] = {
    Stage.DRAFT: (),
    Stage.REFUSED_ACCEPTANCE: (),
    Stage.ACCEPTED: ("burkit", "forward", "service_term"),  # §6, §7, §12
    Stage.BURKIT_ENTERED: ("forward", "service_term"),  # §7, §12
    Stage.FORWARDED: ("result_notice", "service_term"),  # §9, §12
    Stage.PERMITTED: ("handover", "service_term"),  # §10
    Stage.NOTIFICATION_ISSUED: ("handover", "service_term"),  # §10
    Stage.PRELIMINARY_REFUSAL: ("preliminary_refusal", "hearing_notice", "service_term"),  # §11
    Stage.HEARING_NOTIFIED: ("objection", "service_term"),  # §11
    Stage.OBJECTION_RECEIVED: ("service_term",),
    Stage.NO_OBJECTION: ("service_term",),
    Stage.OBJECTION_FORWARDED: ("service_term",),
    Stage.REFUSED: ("reasoned_refusal", "service_term"),  # §11
    Stage.REFUSAL_SENT: (),
    Stage.NOTIFICATION_ISSUED: ("handover", "service_term"),
    Stage.HANDED_OVER: (),
    Stage.CLOSED: (),
    Stage.WITHDRAWN: (),
}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 4)), min_size=1, max_size=20))
def test_legal_walks_reach_deep_states_with_the_right_clocks(picks: list[tuple[int, int]]) -> None:
    """Walk only through available actions, so the deep §11 and §10 states are reached too."""
    state = CaseState()
    at = T0
    for pick, gap in picks:
        choices = available_actions(state, CONSUL.roles)
        if not choices:
            break
        action = choices[pick % len(choices)]
        at += timedelta(days=gap, hours=1)
        checklist = complete_checklist(at.date())
        if action is Action.REFUSE_ACCEPTANCE:
            checklist = incomplete_checklist(at.date())
        data = DATA[action]
        if action is Action.SEND_PRELIMINARY_REFUSAL:  # §11: the hearing after the notice
            data = {**data, "hearing_at": f"{at.date().isoformat()}T15:00"}
        state, _ = step(
            state,
            action,
            data,
            CONSUL,
            at,
            local_today=at.date(),
            checklist=checklist,
            questionnaire_issues=NO_ISSUES,
        )
        assert state.stage is TRANSITIONS[action].target
        clocks = {d.clock for d in open_deadlines(state, CAL)}
        assert clocks == set(EXPECTED_CLOCKS[state.stage])


def test_the_clock_table_covers_every_stage() -> None:
    from desktop.domain.workflow import STAGE_TITLES

    assert set(OPEN_CLOCKS) == set(Stage) == set(EXPECTED_CLOCKS) == set(STAGE_TITLES)


def test_a_closed_case_can_still_be_complained_about() -> None:
    # §16: e.g. a complaint about the reasoned refusal after the case was closed.
    state, _ = run(HEARING_PATH)
    assert state.stage is Stage.CLOSED
    at = T0 + timedelta(days=30)
    event = decide(
        state,
        Action.REGISTER_COMPLAINT,
        {
            "received_on": at.date().isoformat(),
            "against": "reasoned refusal",
            "addressee": "authorised_body",
        },
        OFFICER,
        at,
        local_today=at.date(),
    )
    assert event.data["complaint_id"] == "C1"


def test_other_events_only_move_the_latest_moment() -> None:
    from desktop.domain.workflow import Event

    opened = Event("case_opened", T0 - timedelta(days=1), 1, {"number": "KZ-BER-2026-00001"})
    state, events = run([Action.ACCEPT])
    assert replay([opened, *events]) == state
    assert replay([opened]).stage is Stage.DRAFT
    assert replay([opened]).last_at == opened.at


def test_reasoned_refusal_needs_an_annex_3_ground() -> None:
    # §15: refusal only on the grounds of Annex 3, line 9.
    from desktop.domain.workflow import REFUSAL_GROUNDS

    assert sorted(REFUSAL_GROUNDS) == ["1", "2", "3", "4", "5", "6"]
    state, _ = run([*HEARING_PATH[:5], Action.RECORD_NO_OBJECTION])
    at = T0 + timedelta(days=10)
    for data, code in (
        ({"reasons": "x"}, "field_required"),
        ({"ground": "7", "reasons": "x"}, "field_choice"),
    ):
        with pytest.raises(WorkflowError) as err:
            decide(state, Action.SEND_REASONED_REFUSAL, data, OFFICER, at, local_today=at.date())
        assert err.value.code == code


def test_no_objection_only_after_the_objection_term() -> None:
    # §11: the applicant objects within 2 working days of receiving the preliminary decision.
    cal = WorkingCalendar(CalendarSpec())
    state, _ = run(HEARING_PATH[:5])  # draft sent (and received) on Friday 27 November 2026
    assert state.draft_delivered_on == date(2026, 11, 27)
    for day, ok in ((date(2026, 12, 1), False), (date(2026, 12, 2), True)):
        at = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
        try:
            decide(
                state, Action.RECORD_NO_OBJECTION, {}, OFFICER, at, local_today=day, calendar=cal
            )
        except WorkflowError as err:
            assert not ok and err.code == "objection_term"
            assert "01.12.2026" in err.message.ru and "01.12.2026" in err.message.kk
            assert "2026-12-01" not in err.message.en
        else:
            assert ok


def test_messages_are_composed_in_each_language() -> None:
    """Issue 20: field labels, step and stage titles, roles and dates in the officer's language
    (never `label.en`, an enum value or an ISO date inside a Kazakh or Russian sentence)."""
    state, _ = run([Action.ACCEPT])
    at, today = T0 + timedelta(days=1), date(2026, 11, 24)
    with pytest.raises(WorkflowError) as err:
        decide(state, Action.RECORD_BURKIT, {"on": "2026-11-24"}, OFFICER, at, local_today=today)
    assert err.value.message.ru == "Поле «Номер в «Бүркіт»» обязательно для заполнения"
    assert err.value.message.kk == "««Бүркіт» нөмірі» өрісі толтырылуы керек"
    data = {"reference": "B", "on": "2026-12-31"}
    with pytest.raises(WorkflowError) as err:
        decide(state, Action.RECORD_BURKIT, data, OFFICER, at, local_today=today)
    assert err.value.message.ru == "«Дата» (31.12.2026) — дата в будущем (сегодня 24.11.2026)"
    assert err.value.message.kk == "«Күні» (31.12.2026) әлі келмеген күн (бүгін 24.11.2026)"
    data = {"reference": "B", "on": "2026-11-01"}
    with pytest.raises(WorkflowError) as err:
        decide(state, Action.RECORD_BURKIT, data, OFFICER, at, local_today=today)
    assert err.value.message.ru == (
        "«Дата» (01.11.2026) не может быть раньше даты предыдущего шага (23.11.2026)"
    )
    permitted, _ = run(
        [Action.ACCEPT, Action.RECORD_BURKIT, Action.FORWARD, Action.RECORD_PERMISSION]
    )
    with pytest.raises(WorkflowError) as err:
        decide(
            permitted,
            Action.ISSUE_NOTIFICATION,
            {},
            OFFICER,
            T0 + timedelta(days=10),
            local_today=date(2026, 12, 3),
        )
    assert err.value.message.ru == (
        "Шаг «Оформлено уведомление (прил. 4)» может выполнить только консульское должностное "
        "лицо (ваша роль: сотрудник)"
    )
    assert "consul" not in err.value.message.kk and "officer" not in err.value.message.kk
    with pytest.raises(WorkflowError) as err:
        decide(permitted, Action.FORWARD, DATA[Action.FORWARD], OFFICER, at, local_today=today)
    assert err.value.message.ru == (
        "Шаг «Направлено через Департамент» невозможен на этапе «Разрешено» (с 26.11.2026)"
    )
    assert err.value.message.kk == (
        "«Департамент арқылы жіберілді» қадамын «Рұқсат берілді» кезеңінде (26.11.2026 бастап) "
        "орындауға болмайды"
    )


def test_choices_are_offered_by_their_titles() -> None:
    state, _ = run([Action.ACCEPT, Action.RECORD_BURKIT, Action.FORWARD])
    with pytest.raises(WorkflowError) as err:
        decide(
            state,
            Action.RECORD_PERMISSION,
            {**DATA[Action.RECORD_PERMISSION], "channel": "pigeon"},
            OFFICER,
            T0 + timedelta(days=5),
            local_today=date(2026, 11, 28),
        )
    ru = err.value.message.ru
    assert "Пакет из Департамента" in ru and "Письменное уведомление" in ru
    assert "package" not in ru and "paper" not in ru
    for t in TRANSITIONS.values():
        for spec in t.fields:
            for value in spec.choices:
                title = spec.choice_title(value)
                assert title.kk and title.ru and title.en and value not in (title.kk, title.ru)


def test_dates_in_the_officers_format_are_read() -> None:
    state, _ = run([Action.ACCEPT])
    event = decide(
        state,
        Action.RECORD_BURKIT,
        {"reference": "B", "on": "24.11.2026"},
        OFFICER,
        T0 + timedelta(days=1),
        local_today=date(2026, 11, 24),
    )
    assert event.data["on"] == "2026-11-24"

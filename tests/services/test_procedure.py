"""The procedure through the services, on a real encrypted store (§3–§12, §16)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.domain.calendar import CalendarSpec
from desktop.domain.checklist import CaseFacts, DocumentStatus, IdentityDocument, IdentityKind
from desktop.domain.deadlines import Urgency
from desktop.domain.questionnaire import Child, Sex
from desktop.domain.workflow import Action, ComplaintAddressee, ComplaintOutcome, Stage
from desktop.services import cases as case_service
from desktop.services import complaints, procedure
from desktop.services.errors import PermissionDenied
from desktop.storage import audit
from desktop.storage.models import AuditRow, EventRow
from tests.services.procedure_store import FACTS, Desk, desk, questionnaire, ready_case

__all__ = ["desk"]  # the fixture

MON = date(2026, 11, 23)

DECISION = {
    "police_department": "Алматы қаласы Полиция департаменті",
    "decision_number": "77",
    "decision_date": "2026-12-01",
    "channel": "package",
}


def step(
    desk: Desk, case_id: int, action: Action, days: int = 1, **data: str
) -> procedure.StepResult:
    desk.clock.advance(days=days)
    ctx = desk.consul if action is Action.ISSUE_NOTIFICATION else desk.officer
    return procedure.perform(ctx, case_id, action, data)


def test_draft_to_handed_over_notification(desk: Desk) -> None:
    # §4, §6, §7, §10, then closed: the demo path of issue 4.
    case_id = ready_case(desk)
    result = procedure.accept(desk.officer, case_id)
    assert result.stage is Stage.ACCEPTED and result.warnings == []
    assert {d.key for d in result.deadlines} == {"burkit", "forward", "service_term"}
    assert {d.key: d.due for d in result.deadlines}["burkit"] == date(2026, 11, 25)
    # §3(2): the ID card original is retained and logged.
    assert len(result.custody_ids) == 1
    mark = procedure.acceptance_handout(desk.officer, case_id)  # §4: the printed mark's data
    assert (mark.kind, mark.on, mark.officer_full_name) == (
        "acceptance",
        MON,
        "Жұмабаева Әсел Нұрланқызы",
    )
    assert mark.applicant == "Сейітқали Асқар" and not mark.missing
    assert {i.key for i in mark.received} >= {"questionnaire", "fee_receipt", "identity:id_card"}
    held = procedure.custody_register(desk.officer, held_only=True)
    assert [(c.document_kind, c.document_number) for c in held] == [("id_card", "012345678")]
    step(desk, case_id, Action.RECORD_BURKIT, reference="B-2026-1")
    step(desk, case_id, Action.FORWARD, package_reference="PKG-5")
    r = step(desk, case_id, Action.RECORD_PERMISSION, days=8, **DECISION)
    assert {d.key for d in r.deadlines} == {"handover", "service_term"}
    with pytest.raises(procedure.ProcedureError) as err:  # §10: a consular official signs
        procedure.perform(desk.officer, case_id, Action.ISSUE_NOTIFICATION, {})
    assert err.value.code == "role"
    step(desk, case_id, Action.ISSUE_NOTIFICATION, notification_number="N-1")
    desk.clock.set_local(date(2026, 12, 4), 16, 30)  # Friday, results hours
    r = procedure.perform(desk.officer, case_id, Action.HAND_OVER, {"way": "in_person"})
    assert r.stage is Stage.HANDED_OVER and r.deadlines == [] and r.warnings == []
    r = step(desk, case_id, Action.CLOSE)
    assert r.stage is Stage.CLOSED
    view = procedure.procedure_view(desk.officer, case_id)
    assert view.state.accepted_by == "Жұмабаева Әсел Нұрланқызы"
    assert view.state.ruleset == "2025-12-05"
    accept_entry = next(e for e in view.timeline if e.kind == "record_burkit")
    assert [(c.deadline.key, c.on_time) for c in accept_entry.closed] == [("burkit", True)]
    [row] = procedure.journal(desk.officer, 2026)  # §13, Annex 5
    assert row.passport_number == "N12345678" and row.notification_date == date(2026, 12, 4)
    assert procedure.journal(desk.officer, 2025) == []
    kinds = [e.kind for e in view.timeline]
    assert kinds[0] == "case_opened" and kinds[-1] == "close"
    assert view.actions == []
    with desk.officer.uow() as uow:
        assert audit.verify(uow.session).problems == []
        actions = list(uow.session.scalars(select(AuditRow.action)))
    assert "procedure.accept" in actions and "custody.receive" in actions


def test_hearing_path_to_reasoned_refusal(desk: Desk) -> None:
    # §11 as amended 05.12.2025: draft refusal + hearing, objection, forwarded, refusal.
    case_id = ready_case(desk)
    procedure.accept(desk.officer, case_id)
    step(desk, case_id, Action.RECORD_BURKIT, reference="B-1")
    step(desk, case_id, Action.FORWARD, package_reference="PKG-1")
    r = step(
        desk,
        case_id,
        Action.RECORD_PRELIMINARY_REFUSAL,
        days=10,
        reasons="Annex 3, 9(4)",
        **DECISION,
    )
    assert {d.key for d in r.deadlines} == {"preliminary_refusal", "hearing_notice", "service_term"}
    r = step(
        desk,
        case_id,
        Action.SEND_PRELIMINARY_REFUSAL,
        hearing_at="2026-12-07 10:00",  # §11: a working day within the objection term
        hearing_place="Embassy, room 2",
    )
    assert {d.key for d in r.deadlines} == {"objection", "service_term"}
    step(desk, case_id, Action.RECORD_OBJECTION, summary="Documents attached")
    step(desk, case_id, Action.FORWARD_OBJECTION, package_reference="PKG-2")
    r = step(desk, case_id, Action.RECORD_REFUSAL, days=5, reasons="Annex 3, 9(4)", **DECISION)
    assert {d.key for d in r.deadlines} == {"reasoned_refusal", "service_term"}
    r = step(desk, case_id, Action.SEND_REASONED_REFUSAL, ground="4", reasons="Annex 3, 9(4)")
    assert r.stage is Stage.REFUSAL_SENT and r.deadlines == []
    assert procedure.stored_deadlines(desk.officer, case_id) == []


def test_incomplete_set_cannot_be_accepted_and_refusal_records_it(desk: Desk) -> None:
    # §4, §5
    saved = case_service.create_draft(desk.officer, questionnaire())
    case_id = saved.summary.id
    procedure.set_facts(desk.officer, case_id, FACTS)
    procedure.record_item(desk.officer, case_id, "questionnaire", received=True)
    with pytest.raises(procedure.ProcedureError) as err:
        procedure.accept(desk.officer, case_id)
    assert err.value.code == "incomplete"
    r = procedure.refuse_acceptance(desk.officer, case_id)
    assert r.stage is Stage.REFUSED_ACCEPTANCE
    events = procedure.load_events(desk.officer, case_id)
    assert "fee_receipt" in events[-1].data["checklist"]["missing"]
    assert procedure.stored_deadlines(desk.officer, case_id) == []


def test_expired_document_blocks_acceptance(desk: Desk) -> None:
    # §5: an expired document (a notarised consent, §3(6)); an identity document's expiry
    # takes the §3(2) explanation route instead (tests/services/test_checklist_routes.py).
    key = "representative_consent:child:200101500053"
    child = Child("Әли", "200101500053", date(2020, 1, 1), sex=Sex.MALE)
    child.with_one_representative = True
    case_id = ready_case(desk, questionnaire("900517312343", child))
    procedure.record_item(desk.officer, case_id, key, received=True, expires_on=date(2026, 11, 1))
    with pytest.raises(procedure.ProcedureError) as err:
        procedure.accept(desk.officer, case_id)
    message = err.value.message
    assert "(срок истек 01.11.2026)" in message.ru and key not in message.ru
    r = procedure.refuse_acceptance(desk.officer, case_id)
    assert procedure.load_events(desk.officer, case_id)[-1].data["checklist"]["expired"] == [key]
    assert r.stage is Stage.REFUSED_ACCEPTANCE
    # The data of the printed refusal to accept (§5).
    handout = procedure.acceptance_handout(desk.officer, case_id)
    assert handout.kind == "refusal" and handout.missing == []
    assert [(i.key, i.expires_on, i.expired) for i in handout.expired] == [
        (key, date(2026, 11, 1), True)
    ]
    assert handout.expired[0].label.kk.startswith("Екінші заңды өкілдің нотариалды келісімі")
    assert handout.officer_full_name == "Жұмабаева Әсел Нұрланқызы"


def test_lost_passport_checklist(desk: Desk) -> None:
    saved = case_service.create_draft(desk.officer, questionnaire())
    facts = CaseFacts(
        identity=(
            IdentityDocument(IdentityKind.PASSPORT, DocumentStatus.LOST),
            IdentityDocument(IdentityKind.E_DOCUMENT),
        ),
        enforcement_debtor=True,
    )
    view = procedure.set_facts(desk.officer, saved.summary.id, facts)
    assert {e.key for e in view.status.entries} == {
        "questionnaire",
        "identity:e_document",
        "explanation:passport",
        "passport_application",
        "enforcement_terminated",
        "fee_receipt",
    }


def test_checklist_cannot_grow_and_freezes_at_acceptance(desk: Desk) -> None:
    case_id = ready_case(desk)
    with pytest.raises(procedure.ProcedureError) as err:
        procedure.record_item(desk.officer, case_id, "bank_statement", received=True)
    assert err.value.code == "not_required"  # §3: no other documents
    procedure.attach_scans(desk.officer, case_id, "fee_receipt", ["scan-1", "scan-2"])
    procedure.attach_scans(desk.officer, case_id, "fee_receipt", ["scan-2", "scan-3"])
    view = procedure.get_checklist(desk.officer, case_id)
    assert view.status.entry("fee_receipt").state.scan_ids == ("scan-1", "scan-2", "scan-3")
    procedure.accept(desk.officer, case_id)
    with pytest.raises(procedure.ProcedureError) as err:
        procedure.record_item(desk.officer, case_id, "fee_receipt", received=False)
    assert err.value.code == "frozen"
    view = procedure.get_checklist(desk.officer, case_id)
    assert view.frozen and view.status.ruleset == "2025-12-05" and view.status.complete


def test_clock_set_back_is_reported_and_nothing_written(desk: Desk) -> None:
    case_id = ready_case(desk)
    procedure.accept(desk.officer, case_id)
    before = procedure.stored_deadlines(desk.officer, case_id)
    desk.clock.advance(days=-3)
    with pytest.raises(procedure.ClockSetBack) as err:
        procedure.perform(desk.officer, case_id, Action.RECORD_BURKIT, {"reference": "B"})
    assert "set back" in err.value.message.en
    with desk.officer.uow() as uow:
        assert (
            uow.session.scalar(select(func.count()).where(AuditRow.action == "clock.set_back")) == 1
        )
        kinds = list(uow.session.scalars(select(EventRow.kind).where(EventRow.case_id == case_id)))
    assert kinds[-1] == "accept"
    assert procedure.stored_deadlines(desk.officer, case_id) == before
    # The dashboard keeps the newest event's day as "today" and says why.
    board = procedure.dashboard(desk.officer)
    assert board.today == MON and board.clock_warning is not None


def test_duplicate_iin_warns_and_links(desk: Desk) -> None:
    first = ready_case(desk)
    second = case_service.create_draft(desk.officer, questionnaire()).summary.id
    dups = procedure.open_cases_with_iin(desk.officer, "900517312343", exclude_case_id=second)
    assert [d.id for d in dups] == [first]
    procedure.set_facts(desk.officer, second, FACTS)
    for e in procedure.get_checklist(desk.officer, second).status.entries:
        procedure.record_item(desk.officer, second, e.key, received=True)
    r = procedure.accept(desk.officer, second)
    assert r.duplicates and r.duplicates[0].id == first
    assert any(r.duplicates[0].number in w.en for w in r.warnings)
    view = procedure.procedure_view(desk.officer, second)
    assert any("open case" in w.en for w in view.warnings)


def test_outside_reception_hours_warns(desk: Desk) -> None:
    # Annex 3: Wednesday is a non-reception day; the step is still recorded.
    case_id = ready_case(desk)
    desk.clock.set_local(date(2026, 11, 25), 10)
    r = procedure.accept(desk.officer, case_id)
    assert r.stage is Stage.ACCEPTED
    assert any("non-reception" in w.en for w in r.warnings)


def test_dashboard_with_the_clock_moved_forward(desk: Desk) -> None:
    # The done-when of issue 4: a store whose clock is moved forward shows the overdue cases.
    late = ready_case(desk)
    procedure.accept(desk.officer, late)
    on_time = ready_case(desk, questionnaire("900517331207"))
    procedure.accept(desk.officer, on_time)
    step(desk, on_time, Action.RECORD_BURKIT, reference="B")
    step(desk, on_time, Action.FORWARD, days=0, package_reference="P")
    board = procedure.dashboard(desk.officer)
    assert {(r.case_id, r.key) for r in board.rows} == {(late, "burkit"), (late, "forward")}
    assert all(r.urgency is Urgency.DUE_SOON for r in board.rows)
    desk.clock.set_local(date(2026, 11, 25), 11)
    board = procedure.dashboard(desk.officer)
    assert board.count(Urgency.DUE_TODAY) == 2
    desk.clock.set_local(date(2026, 11, 30), 11)
    board = procedure.dashboard(desk.officer)
    assert [(r.case_id, r.key, r.urgency) for r in board.rows] == [
        (late, "burkit", Urgency.OVERDUE),
        (late, "forward", Urgency.OVERDUE),
    ]
    assert board.by_stage == {"accepted": 1, "forwarded": 1}
    # Mission clocks per week: last week's two overdue ones; §12 terms end beyond 8 weeks.
    assert board.per_week[0] == (date(2026, 11, 23), 2)
    assert sum(n for _, n in board.per_week) == 2
    assert procedure.dashboard(desk.officer, officer_id=desk.consul.officer.id).rows == []
    # The police's §9 clock is shown only when asked for.
    desk.clock.set_local(date(2026, 12, 28), 11)
    board = procedure.dashboard(desk.officer, parties=None)
    assert any(r.key == "result_notice" and r.urgency is Urgency.OVERDUE for r in board.rows)


def test_changed_calendar_recomputes_open_deadlines(desk: Desk) -> None:
    case_id = ready_case(desk)
    procedure.accept(desk.officer, case_id)
    assert {d.key: d.due for d in procedure.stored_deadlines(desk.officer, case_id)}[
        "burkit"
    ] == date(2026, 11, 25)
    spec = procedure.calendar_spec(desk.admin)
    closed = CalendarSpec.from_dict({**spec.to_dict(), "closures": ["2026-11-24"]})
    with pytest.raises(PermissionDenied):
        procedure.set_calendar(desk.officer, closed)
    change = procedure.set_calendar(desk.admin, closed)
    assert change.old != change.new
    assert {(c.key, c.old_due, c.new_due) for c in change.changes} == {
        ("burkit", date(2026, 11, 25), date(2026, 11, 26)),
        ("forward", date(2026, 11, 25), date(2026, 11, 26)),
    }
    assert "2 deadlines recomputed" in change.message.en
    stored = procedure.stored_deadlines(desk.officer, case_id)
    assert {d.calendar for d in stored} == {closed.fingerprint}
    old = procedure.calendar_by_fingerprint(desk.officer, change.old)
    assert old is not None and old.closures == ()
    assert procedure.calendar_by_fingerprint(desk.officer, "0" * 16) is None


def test_complaints_with_their_clocks(desk: Desk) -> None:
    # §16: forward in 3 working days unless fully satisfied; review in 5 or 15.
    case_id = ready_case(desk)
    procedure.accept(desk.officer, case_id)
    r = complaints.register(
        desk.officer,
        case_id,
        received_on=MON,
        against="inaction: Bürkit entry",
        addressee=ComplaintAddressee.AUTHORISED_BODY,
    )
    assert r.stage is Stage.ACCEPTED
    keys = {d.key: d.due for d in r.deadlines}
    assert keys["complaint_forward:C1"] == date(2026, 11, 26)
    assert keys["complaint_review:C1"] == date(2026, 12, 14)
    complaints.forward(desk.officer, case_id, "C1", body="MFA Consular Service Department")
    [view] = complaints.complaints_of(desk.officer, case_id)
    assert [d.clock for d in view.deadlines] == ["complaint_review"]
    complaints.record_outcome(desk.officer, case_id, "C1", ComplaintOutcome.REJECTED)
    [view] = complaints.complaints_of(desk.officer, case_id)
    assert view.deadlines == [] and view.complaint.outcome is ComplaintOutcome.REJECTED
    r = complaints.register(
        desk.officer, case_id, received_on=MON, against="x", addressee=ComplaintAddressee.PROVIDER
    )
    r = complaints.satisfy(desk.officer, case_id, "C2")
    assert not any(d.key.endswith(":C2") for d in r.deadlines)


def test_unknown_action_and_bad_data_are_known_errors(desk: Desk) -> None:
    case_id = ready_case(desk)
    with pytest.raises(procedure.InvalidInput):
        procedure.perform(desk.officer, case_id, "teleport", {})
    procedure.accept(desk.officer, case_id)
    with pytest.raises(procedure.ProcedureError) as err:
        procedure.perform(desk.officer, case_id, Action.RECORD_BURKIT, {})
    assert err.value.code == "field_required"
    with pytest.raises(procedure.ProcedureError) as err:
        procedure.perform(
            desk.officer, case_id, Action.RECORD_BURKIT, {"reference": "B", "on": "2027-01-01"}
        )
    assert err.value.code == "future"


def test_custody_release(desk: Desk) -> None:
    case_id = ready_case(desk)
    r = procedure.accept(desk.officer, case_id)
    [custody_id] = r.custody_ids
    with pytest.raises(procedure.InvalidInput):
        procedure.release_custody(desk.officer, custody_id, " ")
    entry = procedure.release_custody(desk.officer, custody_id, "sent to the police with PKG-1")
    assert entry.released_by == "Жұмабаева Әсел Нұрланқызы"
    assert procedure.custody_register(desk.officer, held_only=True) == []
    with pytest.raises(procedure.InvalidInput):
        procedure.release_custody(desk.officer, custody_id, "again")


def test_a_late_step_says_so(desk: Desk) -> None:
    case_id = ready_case(desk)
    procedure.accept(desk.officer, case_id)  # Monday: §6 due Wednesday
    desk.clock.advance(days=4)
    r = procedure.perform(desk.officer, case_id, Action.RECORD_BURKIT, {"reference": "B"})
    assert [w.en for w in r.warnings] == [
        "Enter into Bürkit: done after its due date 25.11.2026 (§6)"
    ]
    view = procedure.procedure_view(desk.officer, case_id)
    assert [c.on_time for c in view.timeline[-1].closed] == [False]


def test_event_times_never_go_backwards(desk: Desk) -> None:
    case_id = ready_case(desk)
    procedure.accept(desk.officer, case_id)
    step(desk, case_id, Action.RECORD_BURKIT, days=0, reference="B")
    times = [e.at for e in procedure.load_events(desk.officer, case_id)]
    assert times == sorted(times)
    assert max(times) <= desk.clock.now

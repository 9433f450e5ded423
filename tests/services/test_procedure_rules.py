"""Issue 12 on a real store: §4 acceptance, §13 journal numbers, terms ending on a day off in
the §14 monitoring export."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.domain.workflow import Action, Stage
from desktop.services import cases as case_service
from desktop.services import handouts, monitoring, procedure
from tests.services.procedure_store import Desk, desk, questionnaire, ready_case

__all__ = ["desk"]

DECISION = {
    "police_department": "Алматы қаласы",
    "decision_number": "77",
    "decision_date": "2026-11-20",
    "channel": "paper",
}


def test_p4_acceptance_refused_with_invalid_questionnaire(desk: Desk) -> None:
    """The case of the issue: a wrong IIN check digit, no sex, no citizenship, no declaration
    and no consent, with every §3 document ticked: not accepted, the case stays a draft."""
    bad = replace(
        questionnaire("900517312344"),
        sex=None,
        citizenship="",
        declaration_acknowledged=False,
        consent_given=False,
    )
    case_id = ready_case(desk, bad)
    with pytest.raises(procedure.ProcedureError) as err:
        procedure.accept(desk.officer, case_id)
    e = err.value
    assert e.code == "questionnaire" and len(e.items) == 5
    assert "Жеке сәйкестендіру нөмірі" in e.message.kk
    assert "Гражданство" in e.message.ru and "identity:" not in e.message.en
    assert case_service.get_case(desk.officer, case_id).summary.stage == Stage.DRAFT.value
    # Corrected, it is accepted.
    case_service.update_questionnaire(desk.officer, case_id, questionnaire())
    assert procedure.accept(desk.officer, case_id).stage is Stage.ACCEPTED


def _permitted(desk: Desk, iin: str) -> int:
    case_id = ready_case(desk, questionnaire(iin))
    procedure.accept(desk.officer, case_id)
    procedure.perform(desk.officer, case_id, Action.RECORD_BURKIT, {"reference": "B"})
    procedure.perform(desk.officer, case_id, Action.FORWARD, {"package_reference": "P"})
    procedure.perform(desk.officer, case_id, Action.RECORD_PERMISSION, DECISION)
    return case_id


def test_p13_journal_numbers_assigned_once_and_kept(desk: Desk) -> None:
    """§13, Annex 5: the number is given when the entry is made, stored, and a print of
    another period or a case leaving the journal renumbers nothing."""
    first = _permitted(desk, "900517312343")
    desk.clock.advance(days=1)
    second = _permitted(desk, "900517331207")
    rows = procedure.journal(desk.officer, 2026)
    numbers = {r.case_number: r.number for r in rows}
    n1 = case_service.get_case(desk.officer, first).summary.number
    n2 = case_service.get_case(desk.officer, second).summary.number
    assert numbers == {n1: 1, n2: 2}
    # A print of a period holding only the second entry shows its own number, 2.
    only_second = handouts.journal_data(desk.officer, date(2026, 11, 24), date(2026, 11, 30))
    assert [(r.number, r.applied_on) for r in only_second.rows] == [(2, date(2026, 11, 24))]
    # The first applicant withdraws: both entries and their numbers stay.
    procedure.perform(desk.officer, first, Action.WITHDRAW, {"reason": "changed plans"})
    assert [r.number for r in procedure.journal(desk.officer, 2026)] == [1, 2]
    stored = procedure.load_events(desk.officer, second)
    [permission] = [e for e in stored if e.kind == Action.RECORD_PERMISSION.value]
    assert permission.data["journal_number"] == 2 and permission.data["journal_year"] == 2026


def test_p14_monitoring_does_not_call_an_on_time_step_late(desk: Desk) -> None:
    """§9's 30 calendar days from Thu 26.11.2026 end on Sat 26.12.2026 (Boxing Day in
    Berlin too): the notice recorded on Mon 28.12.2026 is on time (Civil Code art. 180)."""
    case_id = ready_case(desk)
    procedure.accept(desk.officer, case_id)
    procedure.perform(desk.officer, case_id, Action.RECORD_BURKIT, {"reference": "B"})
    desk.clock.set_local(date(2026, 11, 26), 10)
    procedure.perform(desk.officer, case_id, Action.FORWARD, {"package_reference": "P"})
    desk.clock.set_local(date(2026, 12, 28), 10)
    r = procedure.perform(desk.officer, case_id, Action.RECORD_PERMISSION, DECISION)
    assert r.warnings == []
    result = monitoring.export(desk.officer, date(2026, 12, 1), date(2026, 12, 31))
    [row] = result.rows
    assert [(c.clock, c.due, c.on_time) for c in row.closed] == [
        ("result_notice", date(2026, 12, 26), True)
    ]

"""Pick lists for the desk (place completion, stage filter) and the mission's reception hours."""

from __future__ import annotations

import pytest

from desktop.domain.questionnaire import Place, Questionnaire
from desktop.services import cases as case_service
from desktop.services import lookups
from desktop.services import mission as mission_service
from desktop.services.context import DeskContext
from desktop.services.errors import InvalidInput, PermissionDenied


def test_place_values_come_from_cases_most_used_first(officer: DeskContext) -> None:
    q = Questionnaire(surname="Ким")
    q.birth_place = Place("Қазақстан", "Жамбыл облысы", "", "", "Тараз")
    for _ in range(30):  # more than any demo region
        case_service.create_draft(officer, q)
    values = lookups.place_values(officer)
    assert values.level("region")[0] == "Жамбыл облысы"
    assert "Тараз" in values.level("settlement")
    assert "Қазақстан" in values.level("country")
    assert "Германия" in values.destination_countries  # demo destinations
    assert "" not in values.level("okrug")
    assert len(set(values.level("region"))) == len(values.level("region"))


def test_place_values_look_only_at_recent_cases(officer: DeskContext) -> None:
    q = Questionnaire(surname="Ли", birth_place=Place(region="Ұлытау облысы"))
    case_service.create_draft(officer, q)
    assert lookups.place_values(officer, recent=1).level("region") == ["Ұлытау облысы"]


def test_stage_counts(officer: DeskContext) -> None:
    counts = lookups.stage_counts(officer)
    # The demo spreads its cases over the stages of the procedure.
    assert sum(counts.values()) == 25
    assert set(counts) >= {"draft", "accepted", "handed_over"}
    assert counts == {
        stage: len(case_service.case_ids(officer, stages=(stage,))) for stage in counts
    }


def test_next_deadlines_are_the_earliest_open_clock(officer: DeskContext) -> None:
    ids = case_service.case_ids(officer)
    found = lookups.next_deadlines(officer, ids)
    assert found, "the demo has cases with running clocks"
    assert set(found) <= set(ids)
    assert all(d.paragraph for d in found.values())
    assert lookups.next_deadlines(officer, []) == {}


def test_reception_hours_are_kept_by_the_administrator(
    admin: DeskContext, officer: DeskContext
) -> None:
    assert mission_service.reception_hours(admin) == ""
    mission_service.set_reception_hours(admin, "  Дс–Жм   9:00–12:00 ")
    assert mission_service.reception_hours(officer) == "Дс–Жм 9:00–12:00"
    with pytest.raises(PermissionDenied):
        mission_service.set_reception_hours(officer, "Пн 9:00")
    with pytest.raises(InvalidInput):
        mission_service.set_reception_hours(admin, "x" * 201)

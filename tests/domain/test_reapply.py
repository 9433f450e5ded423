"""An officer's edit re-applied on top of a version another desk saved meanwhile (issue 21)."""

from __future__ import annotations

from desktop.domain.questionnaire import Questionnaire
from desktop.domain.reapply import reapply


def test_each_side_keeps_what_it_changed_and_a_clash_keeps_mine() -> None:
    base = {"surname": "Ахметова", "patronymic": "", "contacts": {"phone": "", "email": ""}}
    mine = {
        "surname": "Ахметова",
        "patronymic": "Мейрамқызы",
        "contacts": {"phone": "", "email": "a@b.kz"},
    }
    theirs = {
        "surname": "Ахмет",
        "patronymic": "Ерланқызы",
        "contacts": {"phone": "+7", "email": ""},
    }
    done = reapply(base, mine, theirs)
    assert done.merged == {
        "surname": "Ахмет",
        "patronymic": "Мейрамқызы",
        "contacts": {"phone": "+7", "email": "a@b.kz"},
    }
    assert done.both_changed == ["patronymic"]


def test_a_table_is_one_field_and_the_same_change_is_no_clash() -> None:
    child = {"full_name": "Әлі", "iin": ""}
    base = {"children": [], "name": "Айгүл"}
    mine = {"children": [child], "name": "Айгуль"}
    theirs = {"children": [child, {"full_name": "Дана", "iin": ""}], "name": "Айгуль"}
    done = reapply(base, mine, theirs)
    assert done.merged == {"children": [child], "name": "Айгуль"}
    assert done.both_changed == ["children"]


def test_a_questionnaire_round_trips_through_it() -> None:
    base = Questionnaire(surname="Ким").to_dict()
    mine = Questionnaire(surname="Ким", name="Виктор").to_dict()
    theirs = Questionnaire(surname="Kim").to_dict()
    merged = Questionnaire.from_dict(reapply(base, mine, theirs).merged)
    assert (merged.surname, merged.name) == ("Kim", "Виктор")

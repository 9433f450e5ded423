"""Annex 1 validation: field paths, codes, severities, and the 16+ sections."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.questionnaire import (
    Child,
    Contacts,
    Employment,
    Place,
    Questionnaire,
    QuestionnaireFormatError,
    Relative,
    Sex,
)
from desktop.domain.validation import (
    Severity,
    adult_sections_apply,
    errors,
    unconfirmed_warnings,
    validate,
)

TODAY = date(2026, 11, 24)


def complete() -> Questionnaire:
    return Questionnaire(
        iin="900517312343",
        surname="Әбдірахманова",
        name="Гүлнұр",
        patronymic="Қайратқызы",
        birth_date=date(1990, 5, 17),
        sex=Sex.MALE,
        citizenship="Қазақстан Республикасы",
        nationality="қазақ",
        contacts=Contacts("Berlin, Hauptstr. 1", "+49 30 1234567", "gulnur@example.org"),
        departure_date=date(2021, 3, 1),
        birth_place=Place("Қазақстан", "Алматы облысы", "Талғар ауданы", "", "Талғар"),
        leaving_place=Place("Қазақстан", "Алматы", "Медеу ауданы", "", "Алматы"),
        destination_country="Германия",
        destination_settlement="Берлин",
        purpose=2,
        social_category=1,
        education=1,
        speciality=4,
        marital_status=2,
        children=[Child("Әбдірахманов Нұрлан", "121231600429", date(2012, 12, 31), "", Sex.FEMALE)],
        relatives=[Relative("Әбдірахманов Қайрат", "", "father", birth_year=1960)],
        employment=[Employment(2021, None, "Siemens AG", "Berlin", "Berlin", "инженер", False)],
        declaration_acknowledged=True,
        consent_given=True,
    )


def paths(q: Questionnaire) -> dict[str, str]:
    return {i.path: i.code for i in validate(q, TODAY)}


def test_complete_questionnaire_has_no_issues() -> None:
    assert validate(complete(), TODAY) == []


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        ({"iin": "900517312344"}, "iin", "check_digit"),
        ({"iin": "9005173123"}, "iin", "format"),
        ({"iin": "850101300690"}, "iin", "never_issued"),
        ({"iin": ""}, "iin", "required"),
        ({"surname": ""}, "surname", "required"),
        ({"surname": "Ivanov2"}, "surname", "format"),
        ({"patronymic": "@"}, "patronymic", "format"),
        ({"birth_date": date(2027, 1, 1)}, "birth_date", "future"),
        ({"birth_date": date(1850, 1, 1)}, "birth_date", "too_old"),
        ({"sex": None}, "sex", "required"),
        ({"citizenship": " "}, "citizenship", "required"),
        ({"departure_date": date(1989, 1, 1)}, "departure_date", "before_birth"),
        ({"departure_date": date(2026, 12, 1)}, "departure_date", "future"),
        ({"contacts": Contacts("addr", "phone", "")}, "contacts.phone", "format"),
        (
            {"contacts": Contacts("addr", "+7 701 1234567", "not-an-email")},
            "contacts.email",
            "format",
        ),
        ({"contacts": Contacts("", "+7 701 1234567", "")}, "contacts.address", "required"),
        ({"purpose": 5}, "purpose", "code"),
        ({"purpose": None}, "purpose", "required"),
        ({"education": None}, "education", "required"),
        ({"marital_status": 7}, "marital_status", "code"),
        ({"destination_country": ""}, "destination_country", "required"),
        (
            {"leaving_place": Place("Қазақстан", "", "", "", "Алматы")},
            "leaving_place.region",
            "required",
        ),
        ({"declaration_acknowledged": False}, "declaration_acknowledged", "required"),
        ({"consent_given": False}, "consent_given", "required"),
        ({"application_date": date(2027, 1, 1)}, "application_date", "future"),
    ],
)
def test_field_errors(change: dict[str, object], path: str, code: str) -> None:
    found = paths(replace(complete(), **change))  # type: ignore[arg-type]
    assert found.get(path) == code


def test_child_must_be_minor_and_have_valid_iin() -> None:
    q = complete()
    q.children = [
        Child("Асқар Серіков", "121231600429", date(2012, 12, 31), "N12345678", Sex.FEMALE),
        Child("Ұлан Серіков", "900517312344", date(2000, 1, 1), "X", Sex.MALE),
    ]
    found = paths(q)
    assert "children[0].birth_date" not in found
    assert found["children[1].iin"] == "check_digit"
    assert found["children[1].birth_date"] == "not_minor"
    assert found["children[1].passport_number"] == "format"


def test_child_turning_18_on_application_date_is_not_a_minor() -> None:
    q = complete()
    q.application_date = date(2026, 5, 1)
    q.children = [Child("Айгерім Серікова", "080501600421", date(2008, 5, 1), "", Sex.FEMALE)]
    assert paths(q)["children[0].birth_date"] == "not_minor"
    q.application_date = date(2026, 4, 30)
    assert "children[0].birth_date" not in paths(q)


def test_relative_paths_are_indexed() -> None:
    q = complete()
    q.relatives.append(Relative("Серікова Һәлима", "121231600428", "mother"))
    q.relatives.append(Relative("", "", "cousin", birth_year=1700))
    found = paths(q)
    assert found["relatives[1].iin"] == "check_digit"
    assert found["relatives[2].full_name"] == "required"
    assert found["relatives[2].kinship"] == "code"
    assert found["relatives[2].birth_year"] == "range"


def test_employment_rows() -> None:
    q = complete()
    q.employment = [
        Employment(2015, 2014, "ТОО Қазақ", "", "", "бухгалтер", False),
        Employment(2010, 2012, "ТОО Ұлы", "", "", "бухгалтер", None),
    ]
    issues = {(i.path, i.code): i.severity for i in validate(q, TODAY)}
    assert issues[("employment[0].year_from", "range")] is Severity.ERROR
    assert issues[("employment[1].year_to", "older_than_5_years")] is Severity.WARNING
    assert issues[("employment[1].state_secrets_clearance", "required")] is Severity.ERROR


def test_iin_disagreeing_with_birth_and_sex_is_a_warning_that_can_be_confirmed() -> None:
    q = replace(complete(), birth_date=date(1990, 5, 18), sex=Sex.FEMALE)
    issues = validate(q, TODAY)
    assert errors(issues) == []
    warnings = unconfirmed_warnings(issues)
    assert {(w.path, w.code) for w in warnings} == {
        ("iin", "birth_mismatch"),
        ("iin", "sex_mismatch"),
    }
    assert "17.05.1990" in warnings[0].message.ru
    q.confirmed_warnings = [w.key for w in warnings]
    assert unconfirmed_warnings(validate(q, TODAY)) == []


@pytest.mark.parametrize(
    ("birth", "applies"),
    [(date(2010, 11, 24), True), (date(2010, 11, 25), False), (date(1990, 1, 1), True)],
)
def test_sections_13_to_16_only_from_16(birth: date, applies: bool) -> None:
    q = replace(complete(), birth_date=birth, iin="")
    assert adult_sections_apply(q, TODAY) is applies
    codes = paths(q)
    if applies:
        assert "education" not in codes
    else:
        assert codes["education"] == "under_16"
        q2 = replace(q, social_category=None, education=None, speciality=None, marital_status=None)
        assert not {"social_category", "education", "speciality", "marital_status"} & set(paths(q2))


def test_messages_exist_in_three_languages() -> None:
    q = Questionnaire()
    for issue in validate(q, TODAY):
        assert issue.message.kk and issue.message.ru and issue.message.en


def test_dict_round_trip() -> None:
    q = complete()
    q.confirmed_warnings = ["iin:birth_mismatch"]
    data = q.to_dict()
    assert data["birth_date"] == "1990-05-17"
    assert data["children"][0]["sex"] == "female"
    assert Questionnaire.from_dict(data) == q


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"schema": 99},
        {"birth_date": "17.05.1990"},
        {"sex": "x"},
        {"children": {}},
        {"children": [{"birth_date": 5}]},
        {"purpose": "2"},
        {"purpose": True},
        {"consent_given": "yes"},
        {"contacts": "addr"},
        {"surname": 5},
    ],
)
def test_malformed_dict_is_a_clear_error(data: object) -> None:
    with pytest.raises(QuestionnaireFormatError):
        Questionnaire.from_dict(data)


_text = st.text(max_size=30)
_dates = st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
_ints = st.none() | st.integers(-(10**6), 10**6)
_questionnaires = st.builds(
    Questionnaire,
    iin=st.text(alphabet="0123456789a", max_size=13),
    surname=_text,
    name=_text,
    patronymic=_text,
    birth_date=_dates,
    sex=st.none() | st.sampled_from(Sex),
    contacts=st.builds(Contacts, _text, _text, _text),
    departure_date=_dates,
    application_date=_dates,
    birth_place=st.builds(Place, _text, _text, _text, _text, _text),
    purpose=_ints,
    social_category=_ints,
    education=_ints,
    speciality=_ints,
    marital_status=_ints,
    children=st.lists(
        st.builds(Child, _text, _text, _dates, _text, st.none() | st.sampled_from(Sex)),
        max_size=3,
    ),
    relatives=st.lists(st.builds(Relative, _text, _text, _text, birth_year=_ints), max_size=3),
    employment=st.lists(st.builds(Employment, _ints, _ints, _text), max_size=3),
    declaration_acknowledged=st.booleans(),
    consent_given=st.booleans(),
)


@settings(max_examples=300)
@given(_questionnaires, st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 1, 1)))
def test_any_questionnaire_gives_issues_never_an_exception(q: Questionnaire, today: date) -> None:
    issues = validate(q, today)
    assert all(i.path and i.code for i in issues)
    if not errors(issues):
        # No errors means every required item of the form is there.
        assert q.surname.strip() and q.name.strip() and q.birth_date and q.sex
        assert q.consent_given and q.declaration_acknowledged
    assert Questionnaire.from_dict(q.to_dict()) == q

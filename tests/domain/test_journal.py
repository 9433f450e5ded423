"""§13, Annex 5: the journal of permissions."""

from __future__ import annotations

from datetime import date

from desktop.domain.checklist import CaseFacts, DocumentStatus, IdentityDocument, IdentityKind
from desktop.domain.journal import journal_rows, next_journal_number
from desktop.domain.questionnaire import Contacts, Questionnaire
from desktop.domain.workflow import CaseState, Stage

Q = Questionnaire(
    surname="Сейітқали",
    name="Асқар",
    birth_date=date(1990, 5, 17),
    contacts=Contacts(address="Berlin", phone="+49 151 1234567"),
)
PASSPORT = CaseFacts(identity=(IdentityDocument(IdentityKind.PASSPORT, number="N12345678"),))


def _entry(number: int | None, year: int | None = 2026, **kw: object) -> CaseState:
    fields: dict[str, object] = {
        "permission_notice_on": date(2026, 10, 1),
        "journal_number": number,
        "journal_year": year,
    }
    fields.update(kw)
    return CaseState(**fields)  # type: ignore[arg-type]


def test_only_permitted_cases_by_their_stored_numbers() -> None:
    cases = [
        (
            "B",
            Q,
            PASSPORT,
            _entry(
                3,
                stage=Stage.HANDED_OVER,
                accepted_on=date(2026, 9, 2),
                handed_over_on=date(2026, 10, 20),
            ),
        ),
        ("A", Q, PASSPORT, _entry(2, stage=Stage.PERMITTED, accepted_on=date(2026, 9, 1))),
        ("C", Q, PASSPORT, CaseState(stage=Stage.REFUSAL_SENT, accepted_on=date(2026, 8, 1))),
        (
            "D",
            Q,
            PASSPORT,
            CaseState(stage=Stage.CLOSED, accepted_on=date(2026, 7, 1)),
        ),  # refused, closed
        (
            "E",
            Q,
            PASSPORT,
            _entry(
                1,
                stage=Stage.CLOSED,
                accepted_on=date(2026, 6, 1),
                handed_over_on=date(2026, 7, 1),
            ),
        ),
    ]
    rows = journal_rows(cases)
    assert [(r.number, r.case_number) for r in rows] == [(1, "E"), (2, "A"), (3, "B")]
    b = rows[2]
    assert b.full_name == "Сейітқали Асқар" and b.birth_date == date(1990, 5, 17)
    assert b.passport_number == "N12345678" and b.notification_date == date(2026, 10, 20)
    assert b.contacts == "Berlin; +49 151 1234567"
    assert rows[1].notification_date is None  # column 6 blank until handed over


def test_p13_journal_numbers_are_stored_not_recounted() -> None:
    """§13, Annex 5: column 1 is the number given when the entry was made; a case that
    leaves (withdrawn after permission) keeps its entry, and the others keep their numbers;
    the next number continues the year and starts again at 1 in a new year."""
    cases = [
        ("A", Q, PASSPORT, _entry(1, stage=Stage.WITHDRAWN, accepted_on=date(2026, 9, 1))),
        ("B", Q, PASSPORT, _entry(2, stage=Stage.PERMITTED, accepted_on=date(2026, 8, 1))),
    ]
    rows = journal_rows(cases)
    assert [(r.number, r.case_number) for r in rows] == [(1, "A"), (2, "B")]
    assert next_journal_number([(2026, 1), (2026, 2), (2025, 7)], 2026) == 3
    assert next_journal_number([(2026, 1), (2026, 2)], 2027) == 1


def test_p13_unknown_birth_date_stays_blank() -> None:
    unknown = Questionnaire(surname="Сейітқали", name="Асқар")
    [row] = journal_rows([("A", unknown, PASSPORT, _entry(1, stage=Stage.PERMITTED))])
    assert row.birth_date is None and row.application_date is None


def test_lost_passport_gives_no_number() -> None:
    facts = CaseFacts(
        identity=(IdentityDocument(IdentityKind.PASSPORT, DocumentStatus.LOST, "N1"),)
    )
    [row] = journal_rows(
        [("A", Q, facts, _entry(1, stage=Stage.PERMITTED, accepted_on=date(2026, 9, 1)))]
    )
    assert row.passport_number == ""

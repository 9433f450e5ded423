"""§13, Annex 5: the journal of permissions."""

from __future__ import annotations

from datetime import date

from desktop.domain.checklist import CaseFacts, DocumentStatus, IdentityDocument, IdentityKind
from desktop.domain.journal import journal_rows
from desktop.domain.questionnaire import Contacts, Questionnaire
from desktop.domain.workflow import CaseState, Stage

Q = Questionnaire(
    surname="Сейітқали",
    name="Асқар",
    birth_date=date(1990, 5, 17),
    contacts=Contacts(address="Berlin", phone="+49 151 1234567"),
)
PASSPORT = CaseFacts(identity=(IdentityDocument(IdentityKind.PASSPORT, number="N12345678"),))


def test_only_permitted_cases_in_order_of_application() -> None:
    cases = [
        (
            "B",
            Q,
            PASSPORT,
            CaseState(
                stage=Stage.HANDED_OVER,
                accepted_on=date(2026, 9, 2),
                handed_over_on=date(2026, 10, 20),
            ),
        ),
        ("A", Q, PASSPORT, CaseState(stage=Stage.PERMITTED, accepted_on=date(2026, 9, 1))),
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
            CaseState(
                stage=Stage.CLOSED, accepted_on=date(2026, 6, 1), handed_over_on=date(2026, 7, 1)
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


def test_lost_passport_gives_no_number() -> None:
    facts = CaseFacts(
        identity=(IdentityDocument(IdentityKind.PASSPORT, DocumentStatus.LOST, "N1"),)
    )
    [row] = journal_rows(
        [("A", Q, facts, CaseState(stage=Stage.PERMITTED, accepted_on=date(2026, 9, 1)))]
    )
    assert row.passport_number == ""

"""§13, Annex 5: the journal of citizens who received permission to leave for permanent
residence. Columns: 1 No.; 2 date of application; 3 surname, name, patronymic; 4 date of birth;
5 passport number; 6 date the notification was issued; 7 contact data.

Children named in the application ("кәмелетке толмаған балаларыма ... ресімдеп беруді
сұраймын", Annex 1) received the permission with the applicant: each is a citizen of the
journal ("азаматтарын есепке алу журналы") with a row of their own — their own name, date of
birth and passport number, the applicant's application date and contact data — right after the
applicant's row (`child_of` names the applicant's row). A consular fee exemption (Annex 3,
line 6) is carried as `fee_exemption`, which the printed journal lists as a note.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from desktop.domain.checklist import CaseFacts, DocumentStatus, IdentityKind
from desktop.domain.questionnaire import Questionnaire
from desktop.domain.workflow import CaseState, Stage

# A case enters the journal when permission is received (§10, §13) and stays there.
PERMITTED_STAGES = frozenset({Stage.PERMITTED, Stage.NOTIFICATION_ISSUED, Stage.HANDED_OVER})


@dataclass(frozen=True, slots=True)
class JournalRow:
    number: int  # column 1
    application_date: date | None  # column 2: the day the documents were submitted (§12)
    full_name: str  # column 3
    birth_date: date | None  # column 4
    passport_number: str  # column 5
    notification_date: date | None  # column 6: handed over (blank until then)
    contacts: str  # column 7
    case_number: str
    child_of: int | None = None  # the applicant's row number, for a child of the application
    fee_exemption: str = ""  # Annex 3, line 6: the exemption's ground (applicant's row only)


def _permitted(state: CaseState) -> bool:
    return state.stage in PERMITTED_STAGES or (
        state.stage is Stage.CLOSED and state.handed_over_on is not None
    )


def _passport(facts: CaseFacts) -> str:
    for doc in facts.identity:
        if doc.kind is IdentityKind.PASSPORT and doc.status is DocumentStatus.VALID:
            return doc.number
    return ""


def journal_rows(
    cases: Iterable[tuple[str, Questionnaire, CaseFacts, CaseState]],
) -> list[JournalRow]:
    """Numbered rows, in the order of application, for the cases that received permission."""
    chosen = [c for c in cases if _permitted(c[3])]
    chosen.sort(key=lambda c: (c[3].accepted_on or date.min, c[0]))
    rows: list[JournalRow] = []
    for case_number, q, facts, state in chosen:
        contacts = "; ".join(
            part for part in (q.contacts.address, q.contacts.phone, q.contacts.email) if part
        )
        number = len(rows) + 1
        rows.append(
            JournalRow(
                number,
                state.accepted_on,
                q.full_name,
                q.birth_date,
                _passport(facts),
                state.handed_over_on,
                contacts,
                case_number,
                fee_exemption=facts.fee_exemption.strip(),
            )
        )
        rows.extend(_child_rows(number, len(rows) + 1, case_number, q, state, contacts))
    return rows


def _child_rows(
    parent: int, first: int, case_number: str, q: Questionnaire, state: CaseState, contacts: str
) -> list[JournalRow]:
    """Annex 1: the minor children named in the application, each a row of the journal."""
    return [
        JournalRow(
            first + i,
            state.accepted_on,
            child.full_name,
            child.birth_date,
            child.passport_number.strip().upper(),
            state.handed_over_on,
            contacts,
            case_number,
            child_of=parent,
        )
        for i, child in enumerate(q.children)
    ]

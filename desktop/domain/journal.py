"""§13, Annex 5: the journal of citizens who received permission to leave for permanent
residence. Columns: 1 No.; 2 date of application; 3 surname, name, patronymic; 4 date of birth;
5 passport number; 6 "Хабарлама берілген күн", the day the notification was given to the
applicant (§10 "көрсетілетін қызметті алушыға ... хабарлама береді": the hand-over); 7 contact
data.

Column 1 is the register's own number: given once, when the entry is made (the permission is
recorded, §10/§13), stored in that event (`journal_number`, `journal_year`), continuous within
the calendar year of the entry and never changed by a later print, another period or a case
that leaves the journal. An entry recorded before numbers were stored has none (blank), and
nothing is invented: an unknown birth date or date stays blank.

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
    number: int | None  # column 1: the stored journal number (None: recorded before numbers)
    application_date: date | None  # column 2: the day the documents were submitted (§12)
    full_name: str  # column 3
    birth_date: date | None  # column 4
    passport_number: str  # column 5
    notification_date: date | None  # column 6: given to the applicant (blank until then)
    contacts: str  # column 7
    case_number: str
    child_of: int | None = None  # the applicant's row number, for a child of the application
    fee_exemption: str = ""  # Annex 3, line 6: the exemption's ground (applicant's row only)
    year: int | None = None  # the year whose numbering the entry belongs to


def _permitted(state: CaseState) -> bool:
    """An entry, once made, stays: any case whose permission was recorded."""
    return state.permission_notice_on is not None or state.stage in PERMITTED_STAGES


def next_journal_number(taken: Iterable[tuple[int, int]], year: int) -> int:
    """The next number of `year` after the (year, number) pairs already given."""
    return max((n for y, n in taken if y == year), default=0) + 1


def _passport(facts: CaseFacts) -> str:
    for doc in facts.identity:
        if doc.kind is IdentityKind.PASSPORT and doc.status is DocumentStatus.VALID:
            return doc.number
    return ""


def journal_rows(
    cases: Iterable[tuple[str, Questionnaire, CaseFacts, CaseState]],
) -> list[JournalRow]:
    """The entries of the cases that received permission, by their stored numbers."""
    chosen = [c for c in cases if _permitted(c[3])]
    rows = []
    for case_number, q, facts, state in chosen:
        contacts = "; ".join(
            part for part in (q.contacts.address, q.contacts.phone, q.contacts.email) if part
        )
        rows.append(
            JournalRow(
                state.journal_number,
                state.accepted_on,
                q.full_name,
                q.birth_date,
                _passport(facts),
                state.handed_over_on,
                contacts,
                case_number,
                fee_exemption=facts.fee_exemption.strip(),
                year=state.journal_year,
            )
        )
        rows.extend(_child_rows(state.journal_number, case_number, q, state, contacts))
    rows.sort(
        key=lambda r: (
            r.year is None,
            r.year or 0,
            r.number or 0,
            r.application_date or date.min,
            r.case_number,
        )
    )
    return rows


def _child_rows(
    parent: int | None, case_number: str, q: Questionnaire, state: CaseState, contacts: str
) -> list[JournalRow]:
    """Annex 1: the minor children named in the application, each a row of the journal with
    the numbers right after the applicant's (given with the permission, `journal_last`)."""
    return [
        JournalRow(
            parent + 1 + i if parent is not None else None,
            state.accepted_on,
            child.full_name,
            child.birth_date,
            child.passport_number.strip().upper(),
            state.handed_over_on,
            contacts,
            case_number,
            child_of=parent,
            year=state.journal_year,
        )
        for i, child in enumerate(q.children)
    ]

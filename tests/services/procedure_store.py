"""A real SQLCipher mission store with an officer, a consul and a clock tests can move."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from desktop.domain.calendar import CalendarSpec
from desktop.domain.checklist import CaseFacts, IdentityDocument, IdentityKind
from desktop.domain.questionnaire import Child, Contacts, Employment, Place, Questionnaire, Sex
from desktop.services import cases as case_service
from desktop.services import procedure, session
from desktop.services.context import DeskContext, Officer, Role
from desktop.storage.vault import KdfParams

FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASSWORD = "correct horse battery"


class MovableClock:
    """The injected clock: tests move it forward (or back) instead of patching system time."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set_local(self, day: date, hour: int, minute: int = 0) -> None:
        # Berlin is UTC+1 in winter: 10:00 local is 09:00 UTC.
        self.now = datetime(day.year, day.month, day.day, hour - 1, minute, tzinfo=UTC)

    def advance(self, **kw: float) -> None:
        self.now += timedelta(**kw)


@dataclass
class Desk:
    clock: MovableClock
    admin: DeskContext
    officer: DeskContext
    consul: DeskContext


def make_desk(tmp_path: Path, start: datetime) -> Desk:
    clock = MovableClock(start)
    session.create_store(
        tmp_path / "store",
        mission_code="KZ-BER",
        mission_name="Қазақстан Республикасының Германиядағы Елшілігі",
        country="DE",
        admin_login="admin",
        admin_full_name="Серікбаев Ерлан Қайратұлы",
        admin_password=PASSWORD,
        kdf=FAST_KDF,
        clock=clock,
    )
    admin = session.login(tmp_path / "store", "admin", PASSWORD, clock=clock)
    officer = session.add_officer(
        admin, "officer", "Жұмабаева Әсел Нұрланқызы", Role.OFFICER, PASSWORD, FAST_KDF
    )
    consul = session.add_officer(
        admin, "consul", "Оспанов Дәулет Бақытұлы", Role.CONSUL, PASSWORD, FAST_KDF
    )
    procedure.set_calendar(
        admin, CalendarSpec(host_country="DE", host_subdivision="BE", timezone="Europe/Berlin")
    )
    return Desk(
        clock,
        admin,
        replace(admin, officer=Officer(officer.id, officer.login, officer.full_name, officer.role)),
        replace(admin, officer=Officer(consul.id, consul.login, consul.full_name, consul.role)),
    )


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    # Monday 23 November 2026, 10:00 in Berlin: inside the Annex 3 intake hours.
    d = make_desk(tmp_path, datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    yield d
    d.admin.close()


def questionnaire(iin: str = "900517312343", *children: Child) -> Questionnaire:
    """A questionnaire without errors (§4 accepts only such a one)."""
    return Questionnaire(
        iin=iin,
        surname="Сейітқали",
        name="Асқар",
        birth_date=date(1990, 5, 17),
        sex=Sex.MALE,
        citizenship="Қазақстан Республикасы",
        nationality="қазақ",
        contacts=Contacts("Berlin, Hauptstr. 1", "+49 30 1234567", "askar@example.org"),
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
        children=list(children),
        employment=[Employment(2021, None, "Siemens AG", "Berlin", "Berlin", "инженер", False)],
        declaration_acknowledged=True,
        consent_given=True,
    )


FACTS = CaseFacts(
    identity=(
        IdentityDocument(IdentityKind.PASSPORT, number="N12345678", expires_on=date(2030, 1, 1)),
        IdentityDocument(IdentityKind.ID_CARD, number="012345678", expires_on=date(2031, 1, 1)),
    )
)


def ready_case(desk: Desk, q: Questionnaire | None = None, facts: CaseFacts = FACTS) -> int:
    """A draft with every required document received."""
    saved = case_service.create_draft(desk.officer, q or questionnaire())
    case_id = saved.summary.id
    procedure.set_facts(desk.officer, case_id, facts)
    view = procedure.get_checklist(desk.officer, case_id)
    for entry in view.status.entries:
        procedure.record_item(desk.officer, case_id, entry.key, received=True)
    return case_id

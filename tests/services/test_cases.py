from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.questionnaire import Questionnaire
from desktop.domain.search import search_key
from desktop.services import cases, demo, session
from desktop.services.context import DeskContext
from desktop.services.errors import Conflict, NotFound
from tests.conftest import FAST_KDF, PASSWORD, MovableClock


def test_create_draft_numbers_and_records_an_event(officer: DeskContext) -> None:
    before = cases.count_cases(officer)
    saved = cases.create_draft(officer, Questionnaire(surname="Әлиева", name="Гүлнұр"))
    assert saved.summary.number == f"KZ-BER-2026-{before + 1:05d}"
    assert saved.summary.stage == "draft"
    assert not saved.summary.complete
    assert any(i.path == "iin" for i in saved.issues)
    detail = cases.get_case(officer, saved.summary.id)
    assert [e.kind for e in detail.events] == ["case_opened"]
    assert detail.events[0].officer_id == officer.officer.id


def test_numbers_go_on_past_99999_in_a_year(officer: DeskContext) -> None:
    """«…-100000» sorts below «…-99999» as text: the next number is taken from the highest
    as a number (else every new case of the year would take «…-100000» again)."""

    def renumber(case_id: int, serial: str) -> None:
        with officer.uow() as uow:
            row = uow.cases.get(case_id)
            assert row is not None
            row.number = f"{row.number.rsplit('-', 1)[0]}-{serial}"
            uow.commit()

    old = cases.create_draft(officer, Questionnaire(surname="Әлиева")).summary
    prefix = old.number.rsplit("-", 1)[0]
    renumber(old.id, "99999")
    after_nines = cases.create_draft(officer, Questionnaire(surname="Әлиева")).summary
    assert after_nines.number == f"{prefix}-100000"
    assert cases.create_draft(officer, Questionnaire(surname="Бекова")).summary.number == (
        f"{prefix}-100001"
    )
    renumber(after_nines.id, "100009")  # longer and higher, though lower as text than 99999
    assert cases.create_draft(officer, Questionnaire(surname="Бекова")).summary.number == (
        f"{prefix}-100010"
    )
    assert cases.find_case(officer, f"{prefix}-100010").questionnaire.surname == "Бекова"


def test_update_records_changed_fields_and_guards_versions(officer: DeskContext) -> None:
    saved = cases.create_draft(officer, Questionnaire(surname="Әлиева"))
    q = cases.get_case(officer, saved.summary.id).questionnaire
    q.name = "Гүлнұр"
    q.contacts.phone = "+49 30 1234567"
    updated = cases.update_questionnaire(officer, saved.summary.id, q, saved.summary.version)
    assert updated.summary.version == saved.summary.version + 1
    events = cases.get_case(officer, saved.summary.id).events
    assert events[-1].data == {"fields": ["contacts.phone", "name"]}
    q.name = "Гүлнара"
    with pytest.raises(Conflict):
        cases.update_questionnaire(officer, saved.summary.id, q, saved.summary.version)


def test_unchanged_save_writes_nothing(officer: DeskContext) -> None:
    saved = cases.create_draft(officer, Questionnaire(surname="Әлиева"))
    q = cases.get_case(officer, saved.summary.id).questionnaire
    again = cases.update_questionnaire(officer, saved.summary.id, q)
    assert again.summary.version == saved.summary.version
    assert len(cases.get_case(officer, saved.summary.id).events) == 1


def test_missing_case(officer: DeskContext) -> None:
    with pytest.raises(NotFound):
        cases.get_case(officer, 10_000)
    with pytest.raises(NotFound):
        cases.find_case(officer, "KZ-BER-1999-00001")


@pytest.mark.parametrize(
    ("query", "expected_surname"),
    [
        ("әбдір", "Әбдірахманова"),
        ("ӘБДІР", "Әбдірахманова"),
        ("Abdir", "Әбдірахманова"),
        ("abdirakhmanova", "Әбдірахманова"),
        ("гүлнұ", "Әбдірахманова"),
        ("әбдірахманова гүл", "Әбдірахманова"),
        ("900517312343", "Әбдірахманова"),
        ("ёлкин", "Ёлкин"),
        ("елкин", "Ёлкин"),
    ],
)
def test_search(officer: DeskContext, query: str, expected_surname: str) -> None:
    cases.create_draft(
        officer, Questionnaire(iin="900517312343", surname="Әбдірахманова", name="Гүлнұр")
    )
    cases.create_draft(officer, Questionnaire(surname="Ёлкин", name="Пётр"))
    found = cases.list_cases(officer, query)
    assert [c.surname for c in found] == [expected_surname]


def test_search_by_number_and_stage(officer: DeskContext) -> None:
    saved = cases.create_draft(officer, Questionnaire(surname="Әлиева"))
    assert [c.id for c in cases.list_cases(officer, saved.summary.number)] == [saved.summary.id]
    # The demo spreads its cases over every stage of the procedure (issue 4).
    total = cases.count_cases(officer)
    draft = cases.count_cases(officer, stages=("draft",))
    accepted = cases.count_cases(officer, stages=("accepted",))
    assert draft >= 1 and accepted >= 1
    assert cases.count_cases(officer, stages=("draft", "accepted")) == draft + accepted < total
    assert cases.count_cases(officer, stages=("no_such_stage",)) == 0


def test_search_by_part_of_the_number(officer: DeskContext) -> None:
    """Issue 14: the serial with or without its zeros, or year-serial, finds the case."""
    numbers = {c.number: c.id for c in cases.list_cases(officer, limit=1000)}
    number = sorted(numbers)[len(numbers) // 2]  # e.g. KZ-BER-2026-00013
    _code, year, serial = number.rsplit("-", 2)
    short = str(int(serial))
    for query in (short, serial, f"{year}-{serial}", f"{year}-{short}", f" {serial} "):
        found = [c.number for c in cases.list_cases(officer, query)]
        assert found == [number], query
        assert cases.count_cases(officer, query) == 1
        assert cases.case_ids(officer, query) == [numbers[number]]
    # Another year's serial, a serial no case has, and zero find nothing.
    assert cases.list_cases(officer, f"{int(year) - 1}-{serial}") == []
    assert cases.list_cases(officer, "99999") == []
    assert cases.list_cases(officer, "0") == []


def test_paging_and_ids_agree(officer: DeskContext) -> None:
    ids = cases.case_ids(officer, order_by="number", descending=False)
    page1 = cases.list_cases(officer, offset=0, limit=10, order_by="number", descending=False)
    page2 = cases.list_cases(officer, offset=10, limit=10, order_by="number", descending=False)
    assert [c.id for c in page1 + page2] == ids[:20]
    rows = cases.summaries(officer, ids[:5])
    assert [rows[i].number for i in ids[:5]] == sorted(rows[i].number for i in ids[:5])


def test_same_iin_is_reported_as_duplicate(officer: DeskContext) -> None:
    first = cases.create_draft(officer, Questionnaire(iin="900517312343", surname="Ахметов"))
    second = cases.create_draft(officer, Questionnaire(iin="900517312343", surname="Ахметов"))
    assert [d.id for d in second.duplicates] == [first.summary.id]


def test_demo_is_deterministic_and_valid(tmp_path: Path, clock: MovableClock) -> None:
    for name in ("a", "b"):
        demo.create_demo(
            tmp_path / name, cases=15, seed=3, password=PASSWORD, kdf=FAST_KDF, clock=clock
        )
    listings = []
    for name in ("a", "b"):
        ctx = session.login(tmp_path / name, "officer", PASSWORD, clock=clock)
        try:
            rows = cases.list_cases(ctx, order_by="number", descending=False)
            listings.append([(r.number, r.iin, r.full_name, r.birth_date) for r in rows])
            assert all(r.complete for r in rows)
            for r in rows:
                assert not [i for i in cases.get_case(ctx, r.id).issues]
        finally:
            ctx.close()
    assert listings[0] == listings[1]
    assert len(listings[0]) == 15


def test_name_search_pages_are_the_whole_matches_sorted(officer: DeskContext) -> None:
    """A name search matches in four indexes and is paged per index (issue 19): every page,
    in every order, is the page of all matches sorted; by default alphabetically by surname."""
    people = [
        ("Абай", "Ерлан"),
        ("Абаева", "Айгүл"),
        ("Серік", "Абылай"),
        ("Ахмет", "Абзал"),
        ("Абенов", "Нұр"),
        ("Бек", "Абай"),
        ("Абдулла", "Әлия"),
    ]
    for surname, name in people * 3:
        cases.create_draft(officer, Questionnaire(surname=surname, name=name))
    every = cases.list_cases(officer, "аб", limit=1000, order_by="number")
    assert len(every) == 21
    first = cases.list_cases(officer, "аб", limit=5)
    keys = [search_key(c.surname) for c in cases.list_cases(officer, "аб", limit=1000)]
    assert keys == sorted(keys) and [search_key(c.surname) for c in first] == keys[:5]
    for order_by in ("number", "surname", "created_at", "stage"):
        for descending in (False, True):
            whole = cases.list_cases(
                officer, "аб", limit=1000, order_by=order_by, descending=descending
            )
            assert {c.id for c in whole} == {c.id for c in every}
            for offset in (0, 4, 19):
                page = cases.list_cases(
                    officer, "аб", offset=offset, limit=4, order_by=order_by, descending=descending
                )
                assert [c.id for c in page] == [c.id for c in whole[offset : offset + 4]]


def test_lists_sorted_by_birth_date_put_unknown_dates_first_and_break_ties_by_id(
    officer: DeskContext,
) -> None:
    """On PostgreSQL the birth date is sealed and the desk sorts (storage/tokens.py): its
    order must be SQLite's — no date first ascending, equal dates by case id — on every page."""
    from datetime import date

    born = [date(1990, 5, 1), None, date(1985, 1, 2), date(1990, 5, 1), None, date(1970, 3, 3)]
    for n, day in enumerate(born * 2):
        cases.create_draft(
            officer,
            Questionnaire(surname="Абаев" + "абвгдежзиклм"[n], name="Ерлан", birth_date=day),
        )
    for descending in (False, True):
        whole = cases.list_cases(
            officer, "аб", limit=1000, order_by="birth_date", descending=descending
        )
        expected = sorted(
            whole, key=lambda c: (c.birth_date is not None, c.birth_date or date.min, c.id)
        )
        assert [c.id for c in whole] == [c.id for c in (expected[::-1] if descending else expected)]
        for offset in (0, 3, 10):
            page = cases.list_cases(
                officer, "аб", offset=offset, limit=3, order_by="birth_date", descending=descending
            )
            assert [c.id for c in page] == [c.id for c in whole[offset : offset + 3]]
        ids = cases.case_ids(officer, "аб", order_by="birth_date", descending=descending)
        assert ids == [c.id for c in whole]


def test_a_list_row_is_a_summary_field_by_field() -> None:
    """A page of the list is read as plain rows of LIST_COLUMNS and made into CaseSummary
    positionally: the two must name the same fields in the same order."""
    from dataclasses import fields

    from desktop.storage.repositories import LIST_COLUMNS

    assert [c.key for c in LIST_COLUMNS] == [f.name for f in fields(cases.CaseSummary)]

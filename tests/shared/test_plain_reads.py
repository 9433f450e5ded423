"""A page of the case list read on PostgreSQL through psycopg alone (storage/plain_reads.py)
gives exactly what the session's path gives, shows what another desk changed at once, and
survives a server restart (issue 21)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from desktop.services import cases, demo, session, shared_store
from desktop.services.context import DeskContext
from desktop.storage import name_index, tokens
from tests.conftest import FAST_KDF, PASSWORD, MovableClock
from tests.pg import PgServer


def _demo(folder: Path, url: str) -> DeskContext:
    demo.create_demo(
        folder, cases=12, seed=7, password=PASSWORD, kdf=FAST_KDF, clock=MovableClock(),
        database=url,
    )  # fmt: skip
    return session.login(folder, "officer", PASSWORD, clock=MovableClock())


@pytest.fixture
def desks(pg_server: PgServer, tmp_path: Path) -> Iterator[tuple[DeskContext, DeskContext]]:
    """Two desks on one demo mission's database."""
    url = pg_server.create_database(pg_server.mission_template())
    a = _demo(tmp_path / "a", url)
    shared_store.join(tmp_path / "b", url)
    b = session.login(tmp_path / "b", "admin", PASSWORD, clock=MovableClock())
    try:
        yield a, b
    finally:
        a.close()
        b.close()


@pytest.fixture
def plain_pages(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each page's way, in order: True when psycopg alone read it."""
    taken: list[bool] = []
    plain_rows = tokens.plain_rows

    def counted(*args: Any) -> object:
        rows = plain_rows(*args)
        taken.append(rows is not None)
        return rows

    monkeypatch.setattr(tokens, "plain_rows", counted)
    return taken


def _through_session(monkeypatch: pytest.MonkeyPatch, read: Callable[[], object]) -> object:
    with monkeypatch.context() as patch:
        patch.setattr(tokens, "plain_rows", lambda *_args: None)
        patch.setattr(name_index, "plain_rows", lambda *_args: None)
        return read()


def test_a_page_read_through_psycopg_is_the_sessions(
    desks: tuple[DeskContext, DeskContext],
    plain_pages: list[bool],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, _b = desks
    every = cases.list_cases(a, limit=1000, order_by="number", descending=False)
    assert len(every) == 12
    # An IIN (each case's), the whole list, a part of a case number, a name (its statement
    # binds a list: the session reads it), each newest first and oldest first, in pages.
    queries = [c.iin for c in every] + ["", every[3].number[-5:], every[0].surname[:2]]
    for query in queries:
        for descending in (True, False):
            for offset, limit in ((0, 100), (0, 1), (1, 2), (5, 100)):
                page = partial(
                    cases.list_cases, a, query, offset=offset, limit=limit,
                    order_by="created_at", descending=descending,
                )  # fmt: skip
                assert page() == _through_session(monkeypatch, page), (query, descending)
        staged = partial(cases.list_cases, a, query, stages=("draft",))
        assert staged() == _through_session(monkeypatch, staged)
    # The IIN lookups found their case and were read through psycopg (sealed IINs, names and
    # birth dates opened, times and flags as the session gives them).
    for case in every:
        assert [c.id for c in cases.list_cases(a, case.iin)] == [case.id]
    assert plain_pages[-len(every) :] == [True] * len(every)


def test_a_page_from_the_index_of_names_is_the_sessions(
    desks: tuple[DeskContext, DeskContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name search sorted by surname, once the desk's index of names is ready: the page's
    rows (and the audit log's mark) read through psycopg alone."""
    a, _b = desks
    assert shared_store.start_name_index(a) is not None
    assert shared_store.name_index_ready(a, 60)
    taken: list[bool] = []
    plain_rows = name_index.plain_rows

    def counted(*args: Any) -> object:
        rows = plain_rows(*args)
        taken.append(rows is not None)
        return rows

    monkeypatch.setattr(name_index, "plain_rows", counted)
    every = cases.list_cases(a, limit=1000, order_by="number", descending=False)
    queries = {c.surname[:n].lower() for c in every for n in (1, 3)}
    queries |= {f"{c.surname.lower()} {c.name[:2].lower()}" for c in every}
    for query in sorted(queries):
        for descending in (False, True):
            page = partial(cases.list_cases, a, query, order_by="surname", descending=descending)
            found = page()
            assert found, query
            assert found == _through_session(monkeypatch, page), (query, descending)
    assert taken and all(taken)


def test_a_change_at_another_desk_shows_in_the_next_lookup(
    desks: tuple[DeskContext, DeskContext], plain_pages: list[bool]
) -> None:
    a, b = desks
    case = cases.list_cases(a, limit=1)[0]
    assert [c.surname for c in cases.list_cases(a, case.iin)] == [case.surname]
    view = cases.get_case(b, case.id)
    cases.update_questionnaire(b, case.id, replace(view.questionnaire, surname="Яковлев"))
    assert [c.surname for c in cases.list_cases(a, case.iin)] == ["Яковлев"]
    # Another case of the same applicant, opened at the other desk: newest first.
    made = cases.create_draft(b, replace(view.questionnaire, surname="Яковлев")).summary
    assert [c.id for c in cases.list_cases(a, case.iin)] == [made.id, case.id]
    assert plain_pages and all(plain_pages)


def test_a_lookup_after_a_server_restart(tmp_path: Path, plain_pages: list[bool]) -> None:
    from tests.pg import postgres_server

    with postgres_server() as own:  # its own server: the others' tests are not cut
        ctx = _demo(tmp_path / "a", own.create_database())
        try:
            case = cases.list_cases(ctx, limit=1)[0]
            assert [c.id for c in cases.list_cases(ctx, case.iin)] == [case.id]
            own.restart()
            # The read pool's connection is dead: psycopg's read fails, the session's path
            # reconnects and reads it.
            assert [c.id for c in cases.list_cases(ctx, case.iin)] == [case.id]
            assert [c.id for c in cases.list_cases(ctx, case.iin)] == [case.id]
        finally:
            ctx.close()
    assert plain_pages == [True, True, False, True]

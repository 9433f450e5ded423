"""A name search sorted by surname on PostgreSQL lists exactly the SQLCipher store's pages —
the same cases, in the same order, ties by id — whether the desk's index of names
(storage/name_index.py) is ready or not, and stays right as other desks change the store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.domain.questionnaire import Questionnaire
from desktop.services import cases, session, shared_store
from desktop.services.context import DeskContext
from desktop.storage import name_index
from desktop.storage.sealed import sealer_of
from tests.conftest import FAST_KDF, PASSWORD, MovableClock
from tests.pg import PgServer

# (surname, name): prefixes with exact-surname matches, long shared runs of letters, ties,
# signs outside any alphabet, Latin surnames, and cases found by name or by the Latin form of
# their surname only.
PEOPLE = [
    ("Төлеуов", "Асхат"),
    ("Төлеуова", "Айгүл"),
    ("Төлеуов", "Бауыржан"),
    ("Төл", "Дана"),
    ("Төлеуов", "Ерлан"),
    ("Төлегенов", "Нұрлан"),
    ("Төл-Ахмет", "Ғалым"),
    ("Төлʼбай", "Самат"),  # U+02BC
    ("Төл", "Әсем"),
    ("Толстой", "Лев"),  # found by «төл» through the Latin form «tol…»
    ("Абаев", "Төлеген"),  # found by name
    ("", "Төлеухан"),  # no surname: sorts first
    ("Tolkien", "John"),
    ("Төлеуова", "Гүлнар"),
    ("Төлебаев", "Марат"),
    ("Тө", "Ақжол"),
    ("Төлеуов", "Қанат"),
    ("Төлеуова", "Жанар"),
    ("Сейітов", "Төлеу"),
    ("Төлеуов", "Мұрат"),
]

# One word (Cyrillic, upper case, Latin, one letter, an exact surname, none found, a number's
# start, name-only matches, a sign outside the alphabet) and "surname name".
QUERIES = [
    "төл", "ТӨЛ", "tol", "т", "төлеуов", "төлеуова", "kz", "Ab", "ж", "төлʼ", "xyz",
    "төлеуов а", "төл д", "т м",
]  # fmt: skip


def _store(folder: Path, database: str | None) -> DeskContext:
    session.create_store(
        folder, mission_code="KZ-BER", mission_name="Berlin", country="DE",
        admin_login="admin", admin_full_name="Admin", admin_password=PASSWORD,
        kdf=FAST_KDF, clock=MovableClock(), database=database,
    )  # fmt: skip
    return session.login(folder, "admin", PASSWORD, clock=MovableClock())


@pytest.fixture(scope="module")
def both(
    pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[DeskContext, DeskContext]]:
    desks = []
    for database in (None, pg_server.create_database(pg_server.mission_template())):
        ctx = _store(tmp_path_factory.mktemp("store"), database)
        for surname, name in PEOPLE:
            cases.create_draft(ctx, Questionnaire(surname=surname, name=name))
        desks.append(ctx)
    yield desks[0], desks[1]
    for ctx in desks:
        ctx.close()


def _pages(ctx: DeskContext, query: str, size: int, descending: bool) -> list[list[str]]:
    return [
        [
            c.number
            for c in cases.list_cases(
                ctx, query, offset=offset, limit=size, order_by="surname", descending=descending
            )
        ]
        for offset in range(0, 2 * len(PEOPLE) + size, size)
    ]


def _numbers(ctx: DeskContext, query: str, **kwargs: object) -> list[str]:
    return [c.number for c in cases.list_cases(ctx, query, **kwargs)]  # type: ignore[arg-type]


def _index(ctx: DeskContext) -> name_index.NameIndex | None:
    sealer = sealer_of(ctx.store.engine.dialect)
    assert sealer is not None
    return name_index.ready_index(sealer)


def _build(ctx: DeskContext) -> None:
    thread = shared_store.start_name_index(ctx)
    assert thread is not None
    assert shared_store.name_index_ready(ctx, 60)


@pytest.mark.parametrize("indexed", [False, True])
@pytest.mark.parametrize("descending", [False, True])
def test_pages_by_surname_equal_the_sqlcipher_stores(
    both: tuple[DeskContext, DeskContext], descending: bool, indexed: bool
) -> None:
    lite, pg = both
    if indexed and _index(pg) is None:
        _build(pg)
    if not indexed:
        name_index.drop(sealer_of(pg.store.engine.dialect))
    assert (_index(pg) is not None) == indexed
    for query in QUERIES:
        for size in (1, 2, 3, 7):
            assert _pages(pg, query, size, descending) == _pages(lite, query, size, descending), (
                query,
                size,
            )
        # The default order of a name search (by surname, ascending) and its count.
        assert _numbers(pg, query) == _numbers(lite, query), query
        assert cases.count_cases(pg, query) == cases.count_cases(lite, query)
        # With a stage filter: every case is a draft, so all of them, or none.
        for stages in (("draft",), ("submitted",)):
            assert _numbers(pg, query, stages=stages) == _numbers(lite, query, stages=stages)
    assert _numbers(lite, "төл")  # the queries do find cases
    assert (_index(pg) is not None) == indexed


def test_the_index_finds_a_page_without_reading_every_match(
    both: tuple[DeskContext, DeskContext],
) -> None:
    """With the index ready, the page's ids come from memory: the server is asked only for
    the page's rows (the token path is never taken)."""
    _lite, pg = both
    if _index(pg) is None:
        _build(pg)
    index = _index(pg)
    assert index is not None
    assert index.page_ids("төл", (), False, 0, 3) is not None
    assert len(index.cases) == len(PEOPLE)
    assert index.memory_bytes() > 0


@pytest.fixture(params=[4, name_index.BLOCK])
def two_desks(
    pg_server: PgServer,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Iterator[tuple[DeskContext, DeskContext, DeskContext]]:
    """Desks a and b on one database (a's index built), and a SQLCipher store to compare;
    the index's blocks of ids as small as a few cases, or as in use."""
    monkeypatch.setattr(name_index, "BLOCK", request.param)
    url = pg_server.create_database(pg_server.mission_template())
    folder = tmp_path_factory.mktemp("store")
    a = _store(folder, url)
    other = tmp_path_factory.mktemp("other")
    shared_store.join(other, url)
    b = session.login(other, "admin", PASSWORD, clock=MovableClock())
    lite = _store(tmp_path_factory.mktemp("lite"), None)
    try:
        for surname, name in PEOPLE:
            cases.create_draft(a, Questionnaire(surname=surname, name=name))
            cases.create_draft(lite, Questionnaire(surname=surname, name=name))
        _build(a)
        yield a, b, lite
    finally:
        for ctx in (a, b, lite):
            ctx.close()


def test_a_case_saved_at_another_desk_shows_in_the_next_search(
    two_desks: tuple[DeskContext, DeskContext, DeskContext],
) -> None:
    a, b, lite = two_desks
    before = _numbers(a, "төл", limit=8)
    assert before == _numbers(lite, "төл", limit=8)
    # After the two of that surname (ties by id), before every longer one.
    made = cases.create_draft(b, Questionnaire(surname="Төл", name="Айдана")).summary
    cases.create_draft(lite, Questionnaire(surname="Төл", name="Айдана"))
    after = _numbers(a, "төл", limit=8)
    assert after == [*before[:7], made.number]
    assert _numbers(a, "төл") == _numbers(lite, "төл")
    assert _index(a) is not None and made.id in _index(a).cases  # type: ignore[union-attr]


def test_a_renamed_case_moves(
    two_desks: tuple[DeskContext, DeskContext, DeskContext],
) -> None:
    a, b, _lite = two_desks
    first = cases.list_cases(a, "асхат")[0]  # Төлеуов Асхат
    assert first.number in _numbers(a, "төл")
    # Renamed at the other desk: no longer found by «төл», found by its new surname.
    view = cases.get_case(b, first.id)
    cases.update_questionnaire(b, first.id, replace(view.questionnaire, surname="Яковлев"))
    assert first.number not in _numbers(a, "төл")
    assert _numbers(a, "яков") == [first.number]
    assert _numbers(a, "я", descending=True, order_by="surname") == [first.number]


def test_a_case_gone_from_the_store_is_gone_from_the_list(
    two_desks: tuple[DeskContext, DeskContext, DeskContext],
) -> None:
    """A case removed behind the index's back (no desk removes cases; a restore could): the
    page's rows tell, and the index catches up."""
    a, _b, _lite = two_desks
    first = cases.list_cases(a, "төл", limit=1)[0]
    index = _index(a)
    assert index is not None
    with a.store.engine.begin() as conn:
        from sqlalchemy import text

        conn.execute(text("DELETE FROM search_tokens WHERE case_id = :i"), {"i": first.id})
        conn.execute(text("DELETE FROM deadlines WHERE case_id = :i"), {"i": first.id})
        conn.execute(text("DELETE FROM events WHERE case_id = :i"), {"i": first.id})
        conn.execute(text("DELETE FROM cases WHERE id = :i"), {"i": first.id})
    assert first.number not in _numbers(a, "төл")
    assert first.id not in index.cases


def test_closing_the_store_drops_the_index(
    two_desks: tuple[DeskContext, DeskContext, DeskContext],
) -> None:
    a, _b, lite = two_desks
    sealer = sealer_of(a.store.engine.dialect)
    assert sealer is not None
    index = name_index.ready_index(sealer)
    assert index is not None and index.cases
    a.close()  # what the desk's lock (Ctrl+L) and logout do
    assert name_index.ready_index(sealer) is None
    assert not index.cases and not index.surnames and not index.names
    # SQLCipher stores have no index.
    assert shared_store.start_name_index(lite) is None


def test_many_changes_at_another_desk(
    two_desks: tuple[DeskContext, DeskContext, DeskContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ten cases opened at the other desk: caught up case by case, or (small blocks, many of
    them changed) read anew — the same list as the SQLCipher store's either way."""
    a, b, lite = two_desks
    monkeypatch.setattr(name_index, "REBUILD_SHARE", 0.0)
    for surname, name in PEOPLE[:10]:
        cases.create_draft(b, Questionnaire(surname=surname, name=name))
        cases.create_draft(lite, Questionnaire(surname=surname, name=name))
    for query in ("төл", "т", "tol", "төлеуов а"):
        for descending in (False, True):
            assert _pages(a, query, 7, descending) == _pages(lite, query, 7, descending)
    index = _index(a)
    assert index is not None and len(index.cases) == len(PEOPLE) + 10


def test_a_build_stopped_halfway_closes_its_server_cursor(
    pg_server: PgServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Locking the desk while the index is being read stops the build at its next row; the
    server's cursor of the streamed read is closed then, not left to the garbage collector
    (whose warning, on the build's thread, used to fail whichever test was running)."""
    import gc
    import sys
    import threading

    ctx = _store(tmp_path / "a", pg_server.create_database(pg_server.mission_template()))
    for surname, name in PEOPLE:
        cases.create_draft(ctx, Questionnaire(surname=surname, name=name))
    sealer = sealer_of(ctx.store.engine.dialect)
    assert sealer is not None
    monkeypatch.setattr(name_index, "BATCH", 2)  # rows still on the server when it stops
    started = threading.Event()
    read_case = name_index.NameIndex._case

    def held(index: name_index.NameIndex, row: object) -> object:
        started.set()
        name_index._INDEXES[sealer].stop.wait(30)  # until the lock below
        return read_case(index, row)  # type: ignore[arg-type]

    monkeypatch.setattr(name_index.NameIndex, "_case", held)
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    thread = shared_store.start_name_index(ctx)
    assert thread is not None and started.wait(30)
    ctx.close()  # what the lock does: the build stops
    thread.join(30)
    assert not thread.is_alive()
    gc.collect()
    assert unraisable == []
    assert name_index.ready_index(sealer) is None

"""Issue 19: what opening a store and reading the case list cost SQLCipher.

- Opening a store finds the page format out on one keyed connection and keeps it as the
  engine's first: the file is opened, keyed and its schema read once, not once to detect and
  again for the pool.
- A page of the case list writes its LIMIT into the statement: SQLite 3.53 re-prepares a
  statement whose LIMIT is a bound parameter at every execution.
- A store's engine can be made before its key and its statements rehearsed on an empty
  database in memory (while the login window waits): after the key they run compiled.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from sqlalchemy import Engine, event, select, text
from sqlalchemy.engine.default import CACHE_HIT
from sqlalchemy.orm import Session

from desktop.services import cases
from desktop.services.context import DeskContext
from desktop.storage.engine import HMAC_ALGORITHM, detect_hmac_algorithm
from desktop.storage.models import Base, OfficerRow
from desktop.storage.store import DB_FILE, StorePaths, open_database, prepare_opening
from desktop.storage.vault import new_data_key
from tests.legacy_pages import to_sha512_pages


@contextmanager
def counted_connections(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    opened: list[str] = []
    real = sqlcipher3.dbapi2.connect

    def connect(path: str, *args: Any, **kwargs: Any) -> Any:
        opened.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(sqlcipher3.dbapi2, "connect", connect)
    yield opened
    monkeypatch.setattr(sqlcipher3.dbapi2, "connect", real)


def _new_store(root: Path) -> tuple[StorePaths, bytes]:
    paths = StorePaths(root)
    paths.ensure_root()
    key = new_data_key()
    store = open_database(paths, bytearray(key), create=True)
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO officers (login, full_name, role, active, created_at) "
                "VALUES ('a', 'A', 'officer', 1, '2026-01-01 00:00:00')"
            )
        )
    store.close()
    return paths, bytes(key)


def test_opening_a_store_opens_the_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, key = _new_store(tmp_path / "store")
    with counted_connections(monkeypatch) as opened:
        store = open_database(paths, bytearray(key))
        try:
            with store.uow() as uow:
                assert uow.officers.by_login("a") is not None
            # The probe is the pool's connection: reading opened nothing more.
            assert opened == [str(paths.db)]
        finally:
            store.close()


def test_a_store_with_the_old_page_format_opens_on_its_probe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, key = _new_store(tmp_path / "store")
    to_sha512_pages(paths.db, key)
    with counted_connections(monkeypatch) as opened:
        store = open_database(paths, bytearray(key))
        try:
            with store.uow() as uow:
                assert uow.officers.by_login("a") is not None
            # One try with today's format (refused), one with the old one (kept).
            assert opened == [str(paths.db)] * 2
        finally:
            store.close()
    assert detect_hmac_algorithm(paths.db, key) == "HMAC_SHA512"


def test_a_wrong_key_still_fails_at_opening(tmp_path: Path) -> None:
    from desktop.storage.engine import NotOurDatabase

    paths, _key = _new_store(tmp_path / "store")
    with pytest.raises(NotOurDatabase):
        open_database(paths, new_data_key())
    assert detect_hmac_algorithm(paths.db, new_data_key()) == HMAC_ALGORITHM
    assert (tmp_path / "store" / DB_FILE).exists()


def test_a_page_of_the_list_writes_its_limit_into_the_statement(admin: DeskContext) -> None:
    statements: list[str] = []

    def capture(_conn, _cursor, statement, _parameters, _context, _many):  # type: ignore[no-untyped-def]
        statements.append(statement)

    sample = cases.list_cases(admin, limit=1)[0]
    engine = admin.store.engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        by_iin = cases.list_cases(admin, sample.iin)
        # The same compiled statement with other limits: each gets its own text and rows.
        pages = [cases.list_cases(admin, limit=n) for n in (1, 2, 3, 2)]
        by_name = cases.list_cases(admin, sample.surname[:2], limit=2)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    listed = [s for s in statements if "FROM cases" in s]
    assert listed and all("LIMIT ?" not in s and "LIMIT" in s for s in listed), listed
    assert any("LIMIT 100" in s for s in listed)
    assert sample.id in [c.id for c in by_iin]
    assert [len(p) for p in pages] == [1, 2, 3, 2]
    assert pages[1] == pages[3] and pages[2][:2] == pages[1]
    assert len(by_name) <= 2 and by_name


def _find_officer(engine: Engine) -> object:
    with Session(engine) as session:
        return session.scalar(select(OfficerRow).where(OfficerRow.login == "a"))


def test_a_store_prepared_before_its_key_runs_the_rehearsed_statements_from_its_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, key = _new_store(tmp_path / "store")
    monkeypatch.chdir(tmp_path)  # where a memory database by mistake would become a file
    before = sorted(p.name for p in tmp_path.rglob("*"))

    def rehearse(engine: Engine) -> None:
        Base.metadata.create_all(engine)
        assert _find_officer(engine) is None  # an empty database, not the store

    with counted_connections(monkeypatch) as opened:
        prepare_opening(paths, rehearse)
    assert not any(str(paths.db) == p for p in opened)  # the store's file was not opened
    assert sorted(p.name for p in tmp_path.rglob("*")) == before

    hits: list[bool] = []
    with counted_connections(monkeypatch) as opened:
        store = open_database(paths, bytearray(key))
        try:
            event.listen(
                store.engine,
                "after_cursor_execute",
                lambda _c, _cur, statement, _p, context, _m: (
                    hits.append(context.cache_hit == CACHE_HIT)
                    if "FROM officers" in statement
                    else None
                ),
            )
            found = _find_officer(store.engine)
            assert isinstance(found, OfficerRow) and found.full_name == "A"
            assert opened == [str(paths.db)]  # keyed once, as without the preparation
        finally:
            store.close()
    assert hits == [True]  # compiled at the rehearsal, before the key


def test_a_prepared_store_still_refuses_a_wrong_key(tmp_path: Path) -> None:
    from desktop.storage.engine import NotOurDatabase

    paths, key = _new_store(tmp_path / "store")
    prepare_opening(paths, lambda engine: Base.metadata.create_all(engine))
    with pytest.raises(NotOurDatabase):
        open_database(paths, new_data_key())
    store = open_database(paths, bytearray(key))  # a fresh engine: the prepared one is spent
    store.close()

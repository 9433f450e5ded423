"""A store kept from each earlier schema revision upgrades to the newest with its data intact.

The stores are in tests/storage/fixtures/store-REV/ (made by ``tests.storage.fixtures.
make_stores``; test keys only, see there). Each is copied, opened by a login as a desk would
(which upgrades it), and checked: newest revision, schema equal to the models, every row it
held still there, the page HMAC it was written with kept, and the desk's reads working.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from desktop.services import cases, exchange, procedure, scans, session
from desktop.storage import migrate
from desktop.storage.engine import detect_hmac_algorithm, sqlcipher_engine
from desktop.storage.models import Base
from desktop.storage.store import DB_FILE, VAULT_FILE
from desktop.storage.vault import Vault
from tests.conftest import PASSWORD, MovableClock
from tests.storage.fixtures import make_stores

KEPT = json.loads(make_stores.COUNTS.read_text())
# Rows the login itself moves on (every other row must come through unchanged).
MOVING = {"audit_head": "the audit log's head: the login appends its own entry"}


def _rows(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    with engine.connect() as conn:
        return {
            table: [
                dict(r._mapping)
                for r in conn.execute(text(f'SELECT * FROM "{table}"'))  # noqa: S608 - schema names
            ]
            for table in inspect(engine).get_table_names()
            if table != "alembic_version"
        }


def _projection(rows: list[dict[str, Any]], columns: set[str]) -> list[tuple[Any, ...]]:
    return sorted((tuple(repr(r[c]) for c in sorted(columns)) for r in rows), key=str)


def test_a_store_is_kept_from_every_earlier_revision() -> None:
    """A new revision fails this until the store of the one before it is kept."""
    assert sorted(KEPT) == sorted(make_stores.revisions())
    for revision in KEPT:
        assert (make_stores.store_dir(revision) / DB_FILE).is_file(), revision


@pytest.mark.parametrize("revision", sorted(KEPT))
def test_kept_store_upgrades_with_its_data(revision: str, tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    shutil.copytree(make_stores.store_dir(revision), data_dir)
    key = Vault.load(data_dir / VAULT_FILE).unwrap("admin", PASSWORD)
    hmac = detect_hmac_algorithm(data_dir / DB_FILE, key)
    before_engine = sqlcipher_engine(data_dir / DB_FILE, key, hmac_algorithm=hmac)
    try:
        assert migrate.current_revision(before_engine) == revision
        before = _rows(before_engine)
    finally:
        before_engine.dispose()
    assert {t: len(r) for t, r in before.items()} == {
        t: n for t, n in KEPT[revision].items() if t != "alembic_version"
    }
    assert sum(len(r) for r in before.values()) > 30  # a store with something in it

    ctx = session.login(data_dir, "admin", PASSWORD, clock=MovableClock())
    try:
        engine = ctx.store.engine
        assert migrate.current_revision(engine) == migrate.head_revision()
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert list(compare_metadata(context, Base.metadata)) == []
            # The page HMAC the store was written with is kept (SHA-512 before 0005).
            assert conn.exec_driver_sql("PRAGMA cipher_hmac_algorithm").scalar() == hmac
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        after = _rows(engine)
        for table, rows in before.items():
            if table in MOVING:
                continue
            assert table in after, f"{revision}: table {table} is gone"
            common = set(rows[0]) & set(after[table][0]) if rows else set()
            kept = _projection(after[table], common)
            for row in _projection(rows, common):
                assert row in kept, f"{revision}: a row of {table} changed or went: {row}"
        assert ctx.store.integrity() == ["ok"]
        assert session.audit_report(ctx).ok

        # The desk's reads over the upgraded data.
        listed = cases.list_cases(ctx, "")
        assert len(listed) == len(before["cases"])
        for found in listed:
            detail = cases.get_case(ctx, found.id)
            assert detail.questionnaire.surname
            assert procedure.get_checklist(ctx, found.id).status.entries
        pages = [d for c in listed for d in scans.list_documents(ctx, c.id)]
        assert len(pages) == len({r["document_id"] for r in before["attachments"]}) == 1
        assert len(exchange.outbox(ctx)) == len(before.get("outbox", []))
    finally:
        ctx.close()

"""The mission store's Alembic history: stores of earlier revisions open and keep their data,
and the models agree with what the migrations build (Alembic's ``compare_metadata``).

Both dialects of the mission store: the SQLCipher file and PostgreSQL (a shared store), as the
Department's history is checked in tests/department/test_migrations.py."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, text

from desktop.services import cases, session
from desktop.storage import migrate
from desktop.storage.engine import sqlcipher_engine
from desktop.storage.models import Base
from desktop.storage.store import StorePaths
from desktop.storage.vault import Vault, new_data_key
from tests.conftest import FAST_KDF, PASSWORD
from tests.pg import PgServer

_SHARED = importlib.import_module("desktop.storage.migrations.versions.0010_shared_store")
PLAIN_INDEXES = _SHARED._PLAIN_INDEXES
PLAIN_INDEXES_LATIN = _SHARED._PLAIN_INDEXES_LATIN

FIRST_REVISION = "0001"


def _store_at_first_revision(data_dir: Path) -> None:
    """What release 0.1 wrote: schema 0001 and rows inserted with that schema's SQL."""
    paths = StorePaths(data_dir)
    paths.ensure_root()
    key = new_data_key()
    vault = Vault.new()
    vault.set_password("admin", PASSWORD, key, FAST_KDF)
    # Release 0.1 kept SQLCipher 4's default page HMAC (SHA-512).
    engine = sqlcipher_engine(paths.db, key, hmac_algorithm="HMAC_SHA512")
    migrate.upgrade(engine, FIRST_REVISION)
    ts = "2025-01-10T09:30:00.000000+00:00"
    questionnaire = {
        "schema": 1,
        "iin": "900517312343",
        "surname": "Әбдірахманов",
        "name": "Нұрлан",
        "birth_date": "1990-05-17",
        "sex": "male",
    }
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO mission VALUES (1, 'KZ-OLD', 'Old', 'DE', :ts, '{}')"), {"ts": ts}
        )
        conn.execute(
            text("INSERT INTO officers VALUES (1, 'admin', 'Admin', 'admin', 1, :ts)"), {"ts": ts}
        )
        conn.execute(
            text(
                "INSERT INTO cases VALUES (1, 'KZ-OLD-2025-00001', :ts, :ts, 1, 'draft', "
                "'900517312343', 'Әбдірахманов', 'Нұрлан', '', 'әбдірахманов', 'нұрлан', "
                "'abdirakhmanov', '1990-05-17', 0, :q, 1)"
            ),
            {"ts": ts, "q": json.dumps(questionnaire)},
        )
        conn.execute(
            text("INSERT INTO events VALUES (1, 1, 1, 'case_opened', :ts, 1, '{}')"), {"ts": ts}
        )
    engine.dispose()
    vault.save(paths.vault)


def test_store_of_first_revision_opens_with_data_intact(tmp_path: Path) -> None:
    _store_at_first_revision(tmp_path)
    ctx = session.login(tmp_path, "admin", PASSWORD)
    try:
        assert migrate.current_revision(ctx.store.engine) == migrate.head_revision()
        with ctx.store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA cipher_hmac_algorithm").scalar() == "HMAC_SHA512"
        [found] = cases.list_cases(ctx, "әбдір")
        detail = cases.get_case(ctx, found.id)
        assert detail.questionnaire.surname == "Әбдірахманов"
        assert detail.questionnaire.iin == "900517312343"
        assert [e.kind for e in detail.events] == ["case_opened"]
        assert ctx.store.integrity() == ["ok"]
    finally:
        ctx.close()


def differences(engine: Engine) -> list[object]:
    """What Alembic's autogenerate finds between the models and the database (types too)."""
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_models_match_the_newest_revision(admin: session.DeskContext) -> None:
    """The migrations build exactly the models: tables, columns, types, indexes, keys."""
    assert migrate.current_revision(admin.store.engine) == migrate.head_revision()
    assert differences(admin.store.engine) == []


def test_the_comparison_sees_a_difference(admin: session.DeskContext) -> None:
    """The check above is not vacuous: a store missing an index is reported."""
    with admin.store.engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_cases_stage"))
    assert any("ix_cases_stage" in str(d) for d in differences(admin.store.engine))


def test_models_match_the_migrations_on_postgresql(pg_server: PgServer) -> None:
    """The same history builds the models on PostgreSQL (a store shared by several desks)."""
    engine = create_engine(pg_server.create_database())
    try:
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
        # By design (revision 0010): no plain index on the sealed name and IIN columns, whose
        # search goes through keyed tokens; nothing else differs.
        plain = {*PLAIN_INDEXES, *PLAIN_INDEXES_LATIN}
        found = differences(engine)
        assert {d[1].name for d in found if d[0] == "add_index"} == plain  # type: ignore[index]
        assert len(found) == len(plain), found
        with engine.begin() as conn:
            conn.execute(text("DROP INDEX ix_cases_stage"))
        assert any("ix_cases_stage" in str(d) for d in differences(engine))
    finally:
        engine.dispose()

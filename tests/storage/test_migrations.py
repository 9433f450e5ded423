"""Stores made by earlier schema revisions open and keep their data."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import inspect, text

from desktop.services import cases, session
from desktop.storage import migrate
from desktop.storage.engine import sqlcipher_engine
from desktop.storage.models import Base
from desktop.storage.store import StorePaths
from desktop.storage.vault import Vault, new_data_key
from tests.conftest import FAST_KDF, PASSWORD

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


def test_models_match_the_newest_revision(admin: session.DeskContext) -> None:
    inspector = inspect(admin.store.engine)
    for table in Base.metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name

"""The Department database's Alembic history, on the encrypted SQLite file and on PostgreSQL.

A fresh database reaches the newest revision; a database made before the migrations
(``create_all`` plus ``schema_version = 1``) is adopted with its rows; and the models agree
with what the migrations build (``alembic check``: no difference) on both dialects.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from desktop.department import migrate, store
from desktop.department.service import Department
from desktop.department.store import Base, Case, CaseEvent, Mission, Setting, StoreError
from tests.department.conftest import PASSWORD
from tests.department.helpers import case, export


@pytest.fixture
def engine(tmp_path: Path, db_url: str | None) -> Iterator[Engine]:
    eng = store.open_engine(tmp_path, db_url, os.urandom(32))
    yield eng
    eng.dispose()


def differences(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"version_table": migrate.VERSION_TABLE, "compare_type": True}
        )
        return list(compare_metadata(context, Base.metadata))


def make_legacy(engine: Engine) -> None:
    """What `qonys-department init` wrote before migrations: create_all and schema_version 1.

    The baseline revision builds that schema (``test_baseline_is_what_create_all_made``
    holds the old models to it), without a revision table.
    """
    migrate.upgrade(engine, migrate.BASELINE)
    _forget_revision(engine)


def _forget_revision(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text(f"DROP TABLE {migrate.VERSION_TABLE}"))
        conn.execute(Setting.__table__.insert(), [{"key": "schema_version", "value": "1"}])


def _downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        command.downgrade(migrate.RUNNER.config(conn), revision)


def test_fresh_database_reaches_head_and_matches_the_models(engine: Engine) -> None:
    assert migrate.current_revision(engine) is None
    migrate.create_schema(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert differences(engine) == []
    tables = set(inspect(engine).get_table_names())
    assert migrate.VERSION_TABLE in tables and "alembic_version" not in tables
    # Opening again is a no-op.
    migrate.open_schema(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_baseline_is_what_create_all_made(engine: Engine) -> None:
    """Revision d0001 is exactly the schema `create_all` made before the migrations: the
    models of that time are today's, less the columns later revisions added."""
    migrate.upgrade(engine, migrate.BASELINE)
    later = {
        ("dep_sent_package", "folder"),  # d0002
        ("dep_received_package", "manifest_sha256"),  # d0003
        ("dep_received_package", "chain_reset"),
        ("dep_sent_package", "manifest_sha256"),
        ("dep_case", "iin"),  # d0004 (the console)
        ("dep_case", "name_key"),
        ("dep_decision", "police_department_ru"),  # d0006
    }
    console_tables = {
        "dep_staff_role",
        "dep_console_session",
        "dep_police_body",
        "dep_letter",
        "dep_routing",
        "dep_decision_document",
        "dep_sync_upload",  # d0005 (issue 16, online sync)
    }
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"version_table": migrate.VERSION_TABLE, "compare_type": True}
        )
        diff = compare_metadata(context, Base.metadata)
    added = {(d[2], d[3].name) for d in diff if d[0] == "add_column"}
    tables = {d[1].name for d in diff if d[0] == "add_table"}
    indexes = {d[1].name for d in diff if d[0] == "add_index"}
    assert added == later and tables == console_tables, diff
    new_case_indexes = {"ix_dep_case_iin", "ix_dep_case_received", "ix_dep_case_name_key"}
    assert new_case_indexes <= indexes
    rest = [
        d
        for d in diff
        if d[0] not in ("add_column", "add_table")
        and not (
            d[0] == "add_index"
            and (d[1].table.name in console_tables or d[1].name in new_case_indexes)
        )
    ]
    assert rest == [], rest


def test_adopted_database_upgrades_to_head_and_matches_the_models(engine: Engine) -> None:
    make_legacy(engine)
    migrate.open_schema(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert differences(engine) == []


def test_legacy_database_is_adopted_with_its_rows(engine: Engine) -> None:
    make_legacy(engine)
    now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(
            Mission.__table__.insert(),
            [
                {
                    "code": "KZ-BER",
                    "name": "Berlin",
                    "enrolled_at": now,
                    "revoked_at": None,
                    "signing_fpr": "ab" * 32,
                    "encryption_cert": b"der",
                }
            ],
        )
        conn.execute(
            Case.__table__.insert(),
            [
                {
                    "id": 1,
                    "mission_code": "KZ-BER",
                    "case_ref": "7",
                    "number": "KZ-BER-2026-0007",
                    "questionnaire": {"surname": "Әбдірахманова"},
                    "stage": "awaiting_decision",
                    "received_at": now,
                    "updated_at": now,
                }
            ],
        )
        conn.execute(
            CaseEvent.__table__.insert(),
            [
                {
                    "case_id": 1,
                    "event_ref": "e1",
                    "kind": "forwarded",
                    "at": now,
                    "officer": None,
                    "data": {"n": 1},
                }
            ],
        )
    migrate.open_schema(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT number FROM dep_case")).scalars().all() == [
            "KZ-BER-2026-0007"
        ]
        assert conn.execute(text("SELECT count(*) FROM dep_event")).scalar() == 1
        # The revision table is now the one record of the schema.
        assert (
            conn.execute(
                text("SELECT count(*) FROM dep_setting WHERE key = 'schema_version'")
            ).scalar()
            == 0
        )


def test_empty_and_foreign_databases_are_refused(engine: Engine) -> None:
    with pytest.raises(StoreError, match="run `qonys-department init` first"):
        migrate.open_schema(engine)
    assert migrate.current_revision(engine) is None
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(Setting.__table__.insert(), [{"key": "schema_version", "value": "2"}])
    with pytest.raises(StoreError, match="unsupported schema version"):
        migrate.open_schema(engine)
    assert migrate.VERSION_TABLE not in inspect(engine).get_table_names()


def test_department_made_before_migrations_opens_and_works(run, enrolled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A real Department store, turned back into what the old code left, is adopted on open."""
    [pkg] = export(enrolled, tmp_path / "out", [case(1, pages=2)], sequence=1, previous=None)
    code, _, err = run("receive", str(pkg.path))
    assert code == 0, err
    dep = Department.open(run.data_dir, "admin", PASSWORD, db_url=run.db_url)
    try:
        _downgrade(dep.engine, migrate.BASELINE)
        _forget_revision(dep.engine)
        assert migrate.current_revision(dep.engine) is None
    finally:
        dep.close()
    code, out, err = run("cases")
    assert code == 0, err
    assert "KZ-BER-2026-0001" in out
    dep = Department.open(run.data_dir, "admin", PASSWORD, db_url=run.db_url)
    try:
        assert migrate.current_revision(dep.engine) == migrate.head_revision()
        assert dep.scan_count() == 2
        assert differences(dep.engine) == []
    finally:
        dep.close()


def test_the_comparison_sees_a_difference(engine: Engine) -> None:
    """The check above is not vacuous: a database missing an index is reported."""
    migrate.create_schema(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_dep_case_number"))
    assert any("ix_dep_case_number" in str(d) for d in differences(engine))

"""The service suite runs on both kinds of mission store (issue 21): the SQLCipher file and
the shared store on PostgreSQL (one throw-away server per run, a fresh database per store,
copied from a migrated template)."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.services import session

STORES = ["sqlcipher", "postgresql"]


@pytest.fixture(params=STORES, autouse=True)
def store_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every store a test creates (directly, through the demo or a test desk) is made on this
    kind of store."""
    if request.param == "postgresql":
        server = request.getfixturevalue("pg_server")
        template = server.mission_template()
        create = session.create_store

        def on_postgres(*args: Any, **kwargs: Any) -> None:
            if kwargs.get("database") is None:
                kwargs["database"] = server.create_database(template)
            create(*args, **kwargs)

        monkeypatch.setattr(session, "create_store", on_postgres)
    return str(request.param)

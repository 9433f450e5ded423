"""Department tests run on the default encrypted SQLite file AND on a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.department import cli
from tests.department.helpers import BUNDLE_PASSWORD, identity
from tests.pg import PgServer

PASSWORD = "department-test-pw"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str | None:
    if request.param == "sqlite":
        return None
    server: PgServer = request.getfixturevalue("pg_server")
    return server.create_database()


@pytest.fixture
def run(
    tmp_path: Path,
    db_url: str | None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):  # type: ignore[no-untyped-def]
    """Run `qonys-department` in-process; returns (exit code, stdout, stderr)."""
    data_dir = tmp_path / "department"
    monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
    monkeypatch.delenv("QONYS_DEPARTMENT_DB", raising=False)

    def invoke(*argv: str) -> tuple[int, str, str]:
        args = ["--data-dir", str(data_dir)]
        if db_url:
            args += ["--db", db_url]
        code = cli.main([*args, *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    invoke.data_dir = data_dir  # type: ignore[attr-defined]
    invoke.db_url = db_url  # type: ignore[attr-defined]
    return invoke


@pytest.fixture
def enrolled(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("QONYS_BUNDLE_PASSWORD", BUNDLE_PASSWORD)
    code, out, err = run("init")
    assert code == 0, err
    bundle = tmp_path / "ber.bundle"
    code, out, err = run(
        "enrol-mission", "--code", "KZ-BER", "--name", "Embassy in Berlin", "--out", str(bundle)
    )
    assert code == 0, err
    assert "enrolled" in out
    return identity(bundle)

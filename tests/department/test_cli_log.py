"""`qonys-department --log` (issue 17): as the mission's `qonys --log`, a command writes the
application log only when asked, with no personal data."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.department import cli
from desktop.department.service import Department
from desktop.logs import LOG_NAME, close_logging

PW = "department-log-pw"


def test_a_command_writes_the_log_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "department"
    Department.init(store, {"admin": PW}).close()
    logs = tmp_path / "logs"
    monkeypatch.setenv("QONYS_LOG_DIR", str(logs))
    monkeypatch.setenv("QONYS_PASSWORD", PW)
    assert cli.main(["--data-dir", str(store), "cases"]) == 0
    assert not logs.exists()  # a script's run leaves nothing behind
    try:
        assert cli.main(["--log", "--data-dir", str(store), "cases"]) == 0
        # A refusal: one line for the officer, its type only in the log.
        assert cli.main(["--log", "--data-dir", str(store), "decide", "Әбдіров-1", "--kind",
                         "permission", "--police-department", "Алматы қаласы", "--number", "1",
                         "--date", "2026-11-20"]) == 1  # fmt: skip
    finally:
        close_logging()
    assert "Әбдіров-1" in capsys.readouterr().err
    written = (logs / LOG_NAME).read_text(encoding="utf-8")
    assert "qonys-department cases: exit 0" in written
    assert "qonys-department decide: refused (DepartmentError)" in written
    assert not any("\u0400" <= ch <= "\u052f" for ch in written)

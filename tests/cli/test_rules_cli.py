"""§14-1: `qonys rules` says which versions of the Rules the mission knows and which is in
force; `qonys checklist` says which one a case is read with."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop import cli
from desktop.services import cases as case_service
from tests.services.procedure_store import PASSWORD, make_desk, ready_case


def test_p14_1_rules_command_shows_the_version_in_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    start = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(
        days=10
    )
    desk = make_desk(tmp_path, start)
    number = case_service.get_case(desk.officer, ready_case(desk)).summary.number
    desk.admin.close()
    monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
    base = ["--data-dir", str(tmp_path / "store"), "--officer", "officer"]
    assert cli.main([*base, "--lang", "ru", "rules", "--json"]) == 0
    [doc] = json.loads(capsys.readouterr().out)
    assert doc["version"] == "2025-12-05" and doc["in_force_now"]
    assert doc["from_department"] is False and doc["in_force_date_confirmed"] is False
    assert doc["order_number"] == "11-1-4/730" and "не подтверждена" in doc["text"]
    assert cli.main([*base, "--lang", "kk", "checklist", number]) == 0
    out = capsys.readouterr().out
    assert "05.12.2025 № 11-1-4/730" in out and "расталмаған" in out

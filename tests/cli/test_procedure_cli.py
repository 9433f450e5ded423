"""The procedure's `qonys` sub-commands, end to end on a real store (§3–§16)."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop import cli
from desktop.services import cases as case_service
from tests.services.procedure_store import PASSWORD, make_desk, ready_case


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    # The CLI runs on the real clock; the store's history lies safely in its past.
    start = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(
        days=10
    )
    desk = make_desk(tmp_path, start)
    case_id = ready_case(desk)
    number = case_service.get_case(desk.officer, case_id).summary.number
    desk.admin.close()
    monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
    return tmp_path / "store", number


def run(store: Path, *args: str, officer: str = "officer") -> int:
    return cli.main(["--data-dir", str(store), "--officer", officer, *args])


def test_checklist_accept_steps_timeline(
    store: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, number = store
    assert run(data_dir, "checklist", number, "--json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["complete"] and doc["ruleset"] == "2025-12-05"
    assert {i["key"] for i in doc["items"]} >= {"questionnaire", "fee_receipt", "identity:id_card"}
    assert all(i["why"] for i in doc["items"])

    assert run(data_dir, "accept", number) == 0
    out = capsys.readouterr().out
    assert "accepted" in out and "§6" in out and "§7" in out

    assert run(data_dir, "step", number, "record_burkit") == 1  # the reference is required
    assert "Bürkit reference is required" in capsys.readouterr().err
    assert run(data_dir, "step", number, "record_burkit", "--set", "reference=BRK-1") == 0
    assert "burkit_entered" in capsys.readouterr().out
    assert run(data_dir, "step", number, "hand_over", "--set", "way=post") == 1  # wrong stage
    assert (
        "Notification handed over is not possible at stage Entered into Bürkit"
        in capsys.readouterr().err
    )

    assert run(data_dir, "timeline", number, "--json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["stage"] == "burkit_entered"
    assert [t["kind"] for t in doc["timeline"]][-2:] == ["accept", "record_burkit"]
    assert {d["key"] for d in doc["deadlines"]} == {"forward", "service_term"}
    assert doc["actions"] == ["forward", "withdraw"]

    assert run(data_dir, "custody", "--held") == 0
    assert "id_card" in capsys.readouterr().out

    assert run(data_dir, "deadlines", "--json") == 0
    board = json.loads(capsys.readouterr().out)
    assert board["by_stage"] == {"burkit_entered": 1}


def test_monitoring_command(
    store: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir, number = store
    assert run(data_dir, "accept", number) == 0
    today = datetime.now(UTC).date()
    out = tmp_path / "monitoring.csv"
    assert (
        run(
            data_dir,
            "monitoring",
            "--from",
            (today - timedelta(days=30)).isoformat(),
            "--to",
            (today + timedelta(days=1)).isoformat(),
            "--out",
            str(out),
        )
        == 0
    )
    assert f"1 row written to {out} (CSV)" in capsys.readouterr().out
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["case_number"], r["event"], r["stage"]) for r in rows] == [
        (number, "accept", "accepted")
    ]
    assert (
        run(data_dir, "monitoring", "--from", "2026-12-01", "--to", "2026-11-01", "--out", str(out))
        == 2
    )


def test_calendar_command(store: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, _ = store
    assert run(data_dir, "calendar", "--json", officer="admin") == 0
    spec = json.loads(capsys.readouterr().out)
    assert spec["host_country"] == "DE" and spec["timezone"] == "Europe/Berlin"
    spec["closures"] = ["2030-01-02"]
    assert run(data_dir, "calendar", "--set", json.dumps(spec), officer="admin") == 0
    assert "recomputed" in capsys.readouterr().out
    assert run(data_dir, "calendar", "--set", json.dumps(spec)) == 1  # an officer may not

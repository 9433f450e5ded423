"""§14: the monitoring export (CSV and JSON in the schema of docs/monitoring.md), and the demo
spread over every stage."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from desktop.domain.workflow import Action, Stage
from desktop.services import cases as case_service
from desktop.services import demo, monitoring, procedure, session
from desktop.services.errors import InvalidInput
from tests.services.procedure_store import FAST_KDF, Desk, desk, ready_case

__all__ = ["desk"]


def _walk(desk: Desk) -> int:
    case_id = ready_case(desk)
    procedure.accept(desk.officer, case_id)  # Monday 23 November
    desk.clock.advance(days=3)  # Thursday: §6 due Wednesday, late
    procedure.perform(desk.officer, case_id, Action.RECORD_BURKIT, {"reference": "B-1"})
    procedure.perform(
        desk.officer, case_id, Action.FORWARD, {"package_reference": "P-1", "on": "2026-11-26"}
    )
    return case_id


def test_export_rows_with_closed_clocks(desk: Desk) -> None:
    case_id = _walk(desk)
    result = monitoring.export(desk.officer, date(2026, 11, 1), date(2026, 11, 30))
    number = case_service.get_case(desk.officer, case_id).summary.number
    assert [(r.case_number, r.event, r.stage, r.on) for r in result.rows] == [
        (number, "accept", "accepted", date(2026, 11, 23)),
        (number, "record_burkit", "burkit_entered", date(2026, 11, 26)),
        (number, "forward", "forwarded", date(2026, 11, 26)),
    ]
    burkit, forward = result.rows[1], result.rows[2]
    assert [(c.clock, c.due, c.on_time) for c in burkit.closed] == [
        ("burkit", date(2026, 11, 25), False)  # §6: two working days, missed
    ]
    assert [(c.clock, c.on_time) for c in forward.closed] == [("forward", False)]
    assert all(r.iin == "" for r in result.rows)  # no personal data unless asked
    assert result.rows[0].term_due == date(2027, 2, 23)
    with_iin = monitoring.export(
        desk.officer, date(2026, 11, 1), date(2026, 11, 30), include_iin=True
    )
    assert {r.iin for r in with_iin.rows} == {"900517312343"}
    # The period is by effective date.
    assert monitoring.export(desk.officer, date(2026, 11, 24), date(2026, 11, 25)).rows == []
    with pytest.raises(InvalidInput):
        monitoring.export(desk.officer, date(2026, 12, 1), date(2026, 11, 1))


def test_csv_and_json_files(desk: Desk, tmp_path: Path) -> None:
    _walk(desk)
    result = monitoring.export(desk.officer, date(2026, 11, 1), date(2026, 11, 30))
    assert monitoring.write_file(result, tmp_path / "m.csv") == "csv"
    assert monitoring.write_file(result, tmp_path / "m.json") == "json"
    with (tmp_path / "m.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(monitoring.CSV_COLUMNS)
    assert [r["event"] for r in rows] == ["accept", "record_burkit", "forward"]
    assert rows[1]["closed_clocks"] == "burkit=2026-11-25/late"
    doc = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert doc["schema"] == "qonys.monitoring/1"
    assert doc["period"] == {"from": "2026-11-01", "to": "2026-11-30"}
    assert doc["mission"]["code"] == "KZ-BER"
    assert doc["rows"][1]["closed_clocks"][0] == {
        "clock": "burkit",
        "paragraph": "§6",
        "party": "mission",
        "due": "2026-11-25",
        "on_time": False,
    }
    assert doc["rows"][0]["iin"] is None
    assert not list(tmp_path.glob(".monitoring-*"))  # atomic write left no temp file


def test_demo_spreads_cases_over_every_stage(tmp_path: Path) -> None:
    clock_now = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    result = demo.create_demo(tmp_path / "demo", cases=40, kdf=FAST_KDF, clock=lambda: clock_now)
    ctx = session.login(tmp_path / "demo", "officer", result.password, clock=lambda: clock_now)
    try:
        stages = Counter(c.stage for c in case_service.list_cases(ctx, limit=1000))
        assert set(stages) == {s.value for s in Stage}
        board = procedure.dashboard(ctx)
        assert board.rows  # something is overdue or due soon
        assert procedure.custody_register(ctx) is not None
        export = monitoring.export(ctx, date(2026, 1, 1), date(2026, 11, 24))
        assert {r.event for r in export.rows} >= {"accept", "hand_over", "send_reasoned_refusal"}
    finally:
        ctx.close()

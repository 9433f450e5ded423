"""The demo tells one coherent story per case (issue 14): opened the day the documents came,
every step recorded in date order on the day it took effect, printed dates agreeing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from desktop.domain.questionnaire import Questionnaire
from desktop.services import demo, handouts, procedure, session
from desktop.storage.models import CaseRow
from tests.conftest import FAST_KDF, PASSWORD, MovableClock


def test_every_case_in_date_order(tmp_path: Path) -> None:
    clock = MovableClock()
    data_dir = tmp_path / "store"
    demo.create_demo(data_dir, cases=40, seed=5, password=PASSWORD, kdf=FAST_KDF, clock=clock)
    ctx = session.login(data_dir, "officer", PASSWORD, clock=clock)
    try:
        cal = procedure.working_calendar(ctx)
        now = clock()
        with ctx.uow() as uow:
            rows = [
                (r.id, r.number, r.created_at, r.questionnaire)
                for r in uow.session.query(CaseRow).order_by(CaseRow.id)
            ]
            stories = {
                r[0]: [Event(e.kind, e.at, dict(e.data)) for e in uow.events.for_case(r[0])]
                for r in rows
            }
        accepted = 0
        for case_id, number, created_at, document in rows:
            events = stories[case_id]
            assert events[0].kind == "case_opened", number
            moments = [e.at for e in events]
            assert moments == sorted(moments), f"{number}: events out of order"
            assert all(_aware(m) <= now for m in moments), number
            opened_on = cal.local_date(_aware(events[0].at))
            assert _aware(created_at) == _aware(events[0].at), number
            q = Questionnaire.from_dict(document)
            for e in events[1:]:
                on = e.data.get("on")
                if on is None:
                    continue
                effective = date.fromisoformat(on)
                recorded_on = cal.local_date(_aware(e.at))
                assert opened_on <= effective <= recorded_on, (number, e.kind)
                assert effective == recorded_on, f"{number}: {e.kind} recorded on another day"
            first = next((e for e in events[1:] if "on" in e.data), None)
            if first is not None:
                assert q.application_date == opened_on == date.fromisoformat(first.data["on"])
            if any(e.kind == "accept" for e in events):
                receipt = handouts.receipt_data(ctx, case_id)
                assert receipt.accepted_on == q.application_date, number
                accepted += 1
        assert accepted >= 10
    finally:
        ctx.close()


@dataclass
class Event:
    kind: str
    at: datetime
    data: dict[str, Any]


def _aware(moment: object) -> datetime:
    assert isinstance(moment, datetime)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

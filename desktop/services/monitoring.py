"""§14: the stage data of the service for the public-service monitoring information system.

`export` lists the procedure's stage events whose effective date falls in a period, each with
the stage it led to and the clocks it closed (due date, on time or late); `write_csv` and
`write_json` write them in the documented schema (docs/monitoring.md). No personal data is
exported unless asked for (`include_iin`): the monitoring system identifies applications by
the mission's case number.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TextIO, cast

from sqlalchemy import select

from desktop.domain.calendar import WorkingCalendar
from desktop.domain.deadlines import closed_by, service_term_end
from desktop.domain.i18n import Text
from desktop.domain.workflow import (
    TRANSITIONS,
    WORKFLOW_KINDS,
    Action,
    CaseState,
    Event,
    apply,
)
from desktop.services.context import DeskContext
from desktop.services.errors import InvalidInput
from desktop.services.procedure import calendar_in, mission_row
from desktop.storage import audit
from desktop.storage.files import atomic_writer
from desktop.storage.models import CaseRow, EventRow

SCHEMA = "qonys.monitoring/1"
SERVICE = {
    "order": "11-1-4/1",
    "registry": "16354",
    "name_kk": (
        "Қазақстан Республикасынан тыс жерге уақытша жұмыстармен шыққан және онда тұрақты "
        "тұру үшін қалуға тілек білдірген Қазақстан Республикасы азаматтарының құжаттарын "
        "қабылдау және жолдау"
    ),
}
CSV_COLUMNS = (
    "mission",
    "case_number",
    "iin",
    "seq",
    "event",
    "paragraph",
    "stage",
    "on",
    "recorded_at",
    "officer",
    "submitted_on",
    "term_due",
    "closed_clocks",
)


@dataclass(frozen=True, slots=True)
class ClosedClock:
    clock: str
    paragraph: str
    party: str
    due: date
    on_time: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "clock": self.clock,
            "paragraph": self.paragraph,
            "party": self.party,
            "due": self.due.isoformat(),
            "on_time": self.on_time,
        }


@dataclass(frozen=True, slots=True)
class MonitoringRow:
    mission: str
    case_number: str
    iin: str  # "" unless asked for
    seq: int
    event: str
    paragraph: str
    stage: str
    on: date
    recorded_at: datetime
    officer: str
    submitted_on: date | None
    term_due: date | None
    closed: tuple[ClosedClock, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "mission": self.mission,
            "case_number": self.case_number,
            "iin": self.iin or None,
            "seq": self.seq,
            "event": self.event,
            "paragraph": self.paragraph,
            "stage": self.stage,
            "on": self.on.isoformat(),
            "recorded_at": self.recorded_at.astimezone(UTC).isoformat(timespec="seconds"),
            "officer": self.officer,
            "submitted_on": self.submitted_on.isoformat() if self.submitted_on else None,
            "term_due": self.term_due.isoformat() if self.term_due else None,
            "closed_clocks": [c.to_json() for c in self.closed],
        }

    def to_csv(self) -> dict[str, str]:
        j = self.to_json()
        return {
            **{k: "" if j[k] is None else str(j[k]) for k in CSV_COLUMNS if k != "closed_clocks"},
            "closed_clocks": ";".join(
                f"{c.clock}={c.due.isoformat()}/{'on_time' if c.on_time else 'late'}"
                for c in self.closed
            ),
        }


@dataclass(frozen=True, slots=True)
class MonitoringExport:
    mission: dict[str, str]
    period_from: date
    period_to: date
    generated_at: datetime
    calendar: str
    rows: list[MonitoringRow]

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "service": SERVICE,
            "mission": self.mission,
            "period": {"from": self.period_from.isoformat(), "to": self.period_to.isoformat()},
            "generated_at": self.generated_at.astimezone(UTC).isoformat(timespec="seconds"),
            "calendar": self.calendar,
            "rows": [r.to_json() for r in self.rows],
        }


M_PERIOD = Text(
    "Кезең басы соңынан кейін", "Начало периода позже конца", "The period starts after it ends"
)


def export(
    ctx: DeskContext, period_from: date, period_to: date, *, include_iin: bool = False
) -> MonitoringExport:
    """The stage events with an effective date in [period_from, period_to]."""
    if period_from > period_to:
        raise InvalidInput(M_PERIOD)
    with ctx.uow() as uow:
        cal = calendar_in(uow)
        mission = mission_row(uow)
        # An effective date is never after the day the event was recorded, so events
        # recorded before the period (with a day's margin for time zones) cannot be in it.
        earliest = datetime.combine(period_from - timedelta(days=1), time(0), tzinfo=UTC)
        case_ids = list(
            uow.session.scalars(
                select(EventRow.case_id)
                .where(EventRow.at >= earliest, EventRow.kind.in_(sorted(WORKFLOW_KINDS)))
                .distinct()
            )
        )
        logins = {o.id: o.login for o in uow.officers.all()}
        rows: list[MonitoringRow] = []
        # One query for the cases and one for their events (ordered), not one per case.
        numbers: dict[int, tuple[str, str]] = {}
        for chunk in _chunks(case_ids, 500):
            for case_id, number, iin in uow.session.execute(
                select(CaseRow.id, CaseRow.number, CaseRow.iin).where(CaseRow.id.in_(chunk))
            ):
                numbers[case_id] = (number, iin)
            current: int | None = None
            state = CaseState()
            for e in uow.session.scalars(
                select(EventRow)
                .where(EventRow.case_id.in_(chunk))
                .order_by(EventRow.case_id, EventRow.seq)
            ):
                if e.case_id != current:
                    current, state = e.case_id, CaseState()
                event = Event(e.kind, e.at, e.officer_id, dict(e.data))
                before = state
                state = apply(state, event)
                if e.kind not in WORKFLOW_KINDS:
                    continue
                on_text = event.data.get("on")
                on = (
                    date.fromisoformat(on_text)
                    if isinstance(on_text, str)
                    else cal.local_date(e.at)
                )
                if not period_from <= on <= period_to:
                    continue
                number, iin = numbers[e.case_id]
                rows.append(
                    MonitoringRow(
                        mission=mission.code,
                        case_number=number,
                        iin=iin if include_iin else "",
                        seq=e.seq,
                        event=e.kind,
                        paragraph=TRANSITIONS[Action(e.kind)].paragraph,
                        stage=state.stage.value,
                        on=on,
                        recorded_at=e.at,
                        officer=logins.get(e.officer_id or -1, ""),
                        submitted_on=state.accepted_on,
                        term_due=_term_due(state),
                        closed=_closed(before, state, on, cal),
                    )
                )
        now = ctx.now()
        audit.append(
            uow.session,
            at=max(now, uow.events.latest_time() or now),
            officer=ctx.officer.login,
            action="monitoring.export",
            entity="mission",
            entity_id=mission.code,
            detail={
                "from": period_from.isoformat(),
                "to": period_to.isoformat(),
                "rows": len(rows),
                "iin": include_iin,
            },
        )
        uow.commit()
        rows.sort(key=lambda r: (r.on, r.case_number, r.seq))
        return MonitoringExport(
            {"code": mission.code, "name": mission.name, "country": mission.country},
            period_from,
            period_to,
            now,
            cal.fingerprint,
            rows,
        )


def _chunks(items: list[int], size: int) -> list[list[int]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _term_due(state: CaseState) -> date | None:
    return service_term_end(state.accepted_on) if state.accepted_on else None


def _closed(
    before: CaseState, after: CaseState, on: date, cal: WorkingCalendar
) -> tuple[ClosedClock, ...]:
    return tuple(
        ClosedClock(
            c.deadline.key, c.deadline.paragraph, c.deadline.party.value, c.deadline.due, c.on_time
        )
        for c in closed_by(before, after, on, cal)
    )


def write_json(result: MonitoringExport, out: TextIO) -> None:
    json.dump(result.to_json(), out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_csv(result: MonitoringExport, out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for row in result.rows:
        writer.writerow(row.to_csv())


def write_file(result: MonitoringExport, path: Path, fmt: str | None = None) -> str:
    """Write atomically (temp file, fsync, rename); the format follows the suffix by default."""
    kind = fmt or ("csv" if path.suffix.lower() == ".csv" else "json")
    if kind not in ("csv", "json"):
        raise InvalidInput(Text("CSV немесе JSON", "CSV или JSON", "csv or json"))
    # utf-8-sig for CSV: spreadsheet programs then read Kazakh letters correctly.
    encoding = "utf-8-sig" if kind == "csv" else "utf-8"
    with atomic_writer(path, encoding=encoding, newline="") as fh:
        (write_csv if kind == "csv" else write_json)(result, cast(TextIO, fh))
    return kind

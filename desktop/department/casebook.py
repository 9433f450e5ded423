"""Reading the received cases for the staff console: search pages, one case whole, the inbox,
the §14 stage data. Every list is paginated in SQL (LIMIT/OFFSET, one row more than a page
to know whether another follows: no COUNT over the whole table)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from desktop.department.core import STAGES, DepartmentError, _aware
from desktop.department.store import (
    AuditEntry,
    Case,
    CaseEvent,
    Decision,
    DecisionDocument,
    ForwardingLetter,
    Mission,
    PoliceBody,
    ReceivedPackage,
    Routing,
    Scan,
    utcnow,
)
from desktop.domain.search import latin_key, looks_like_iin, search_key

PAGE_SIZE = 50
POLICE_DAYS = 30  # §9: the internal affairs body answers within thirty calendar days


def search_keys(questionnaire: dict[str, Any]) -> tuple[str | None, str]:
    """(IIN, name key) of a received questionnaire: the name in its own letters and in Latin
    ones, case-folded, so that "ӘБДІ", "әбді" and "abdi" all find Әбдірахманова."""
    iin = str(questionnaire.get("iin") or "").strip()
    parts = [str(questionnaire.get(k) or "") for k in ("surname", "name", "patronymic")]
    name = " ".join(p for p in parts if p)
    key = search_key(name)
    latin = latin_key(name)
    return (iin if looks_like_iin(iin) else None), (key if key == latin else f"{key} | {latin}")


def applicant(questionnaire: dict[str, Any]) -> str:
    return " ".join(
        str(questionnaire.get(k)) for k in ("surname", "name", "patronymic") if questionnaire.get(k)
    )


@dataclass(frozen=True)
class CaseRow:
    id: int
    mission: str
    number: str
    stage: str
    applicant: str
    received_at: datetime
    police_body: str | None
    sent_on: str | None
    due: date | None

    @property
    def overdue(self) -> bool:
        return (
            self.due is not None
            and self.stage in ("awaiting_decision", "objection")
            and self.due < utcnow().date()
        )


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    page: int
    has_next: bool


@dataclass(frozen=True)
class CaseFilter:
    text: str = ""
    mission: str = ""
    stage: str = ""
    police_body: str = ""
    routed: str = ""  # "", "yes", "no"
    overdue: bool = False  # §9: past the thirty days, still without the police's answer

    def check(self) -> None:
        if self.stage and self.stage not in STAGES:
            raise DepartmentError(f"unknown stage {self.stage!r}")


def _due(sent_on: str | None) -> date | None:
    return date.fromisoformat(sent_on) + timedelta(days=POLICE_DAYS) if sent_on else None


def case_query(f: CaseFilter, today: date | None = None) -> Select[Any]:
    """The SELECT of a case list page (without LIMIT): the console and the bench run it."""
    f.check()
    q = (
        select(
            Case.id,
            Case.mission_code,
            Case.number,
            Case.stage,
            Case.questionnaire,
            Case.received_at,
            Routing.police_body,
            ForwardingLetter.sent_on,
        )
        .outerjoin(Routing, Routing.case_id == Case.id)
        .outerjoin(ForwardingLetter, ForwardingLetter.id == Routing.letter_id)
    )
    text = f.text.strip()
    if text:
        if looks_like_iin(text):
            q = q.where(Case.iin == text)
        else:
            key = search_key(text)
            latin = latin_key(text)
            names = [
                Case.name_key.like(f"%{_like(k)}%", escape="\\")
                for k in dict.fromkeys((key, latin))
            ]
            q = q.where(or_(Case.number.in_({text, text.upper()}), *names))
    if f.mission:
        q = q.where(Case.mission_code == f.mission)
    if f.stage:
        q = q.where(Case.stage == f.stage)
    if f.police_body:
        q = q.where(Routing.police_body == f.police_body)
    if f.routed == "yes":
        q = q.where(Routing.case_id.is_not(None))
    elif f.routed == "no":
        q = q.where(Routing.case_id.is_(None))
    if f.overdue:
        cutoff = ((today or utcnow().date()) - timedelta(days=POLICE_DAYS)).isoformat()
        q = q.where(
            Case.stage.in_(("awaiting_decision", "objection")),
            ForwardingLetter.sent_on.is_not(None),
            ForwardingLetter.sent_on < cutoff,
        )
    return q.order_by(Case.received_at.desc(), Case.id.desc())


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def cases_page(
    s: Session, f: CaseFilter, page: int = 1, size: int = PAGE_SIZE, today: date | None = None
) -> Page:
    page = max(1, page)
    rows = s.execute(case_query(f, today).limit(size + 1).offset((page - 1) * size)).all()
    out = [
        CaseRow(
            r.id,
            r.mission_code,
            r.number,
            r.stage,
            applicant(r.questionnaire or {}),
            _aware(r.received_at),
            r.police_body,
            r.sent_on,
            _due(r.sent_on),
        )
        for r in rows[:size]
    ]
    return Page(out, page, len(rows) > size)


@dataclass(frozen=True)
class CaseView:
    id: int
    mission: str
    number: str
    stage: str
    applicant: str
    questionnaire: dict[str, Any]
    received_at: datetime
    updated_at: datetime
    version: str  # the optimistic lock: what a decision form must still find
    police_body: str | None
    suggested_body: str | None
    letter_id: int | None
    sent_on: str | None
    due: date | None
    events: list[dict[str, Any]] = field(default_factory=list)
    scans: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)


def version_of(case: Case) -> str:
    return _aware(case.updated_at).isoformat()


def case_view(s: Session, case_id: int) -> CaseView:
    from desktop.department.routing import suggest  # routing reads cases too

    case = s.get(Case, case_id)
    if case is None:
        raise DepartmentError(f"no case {case_id}")
    routing = s.get(Routing, case.id)
    letter = s.get(ForwardingLetter, routing.letter_id) if routing and routing.letter_id else None
    events = [
        {"kind": e.kind, "at": _aware(e.at), "officer": e.officer or "", "data": e.data}
        for e in s.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.at)
        )
    ]
    scans = [
        {"id": sc.id, "document": sc.document or "", "page": sc.page, "media_type": sc.media_type}
        for sc in s.scalars(
            select(Scan).where(Scan.case_id == case.id).order_by(Scan.document, Scan.page)
        )
    ]
    decisions = []
    for d in s.scalars(
        select(Decision).where(Decision.case_id == case.id).order_by(Decision.recorded_at)
    ):
        doc = s.get(DecisionDocument, d.id)
        decisions.append(
            {
                "id": d.id,
                "kind": d.kind,
                "number": d.number,
                "date": d.date,
                "police_department": d.police_department,
                "after_objection": d.after_objection,
                "recorded_by": d.recorded_by,
                "recorded_at": _aware(d.recorded_at),
                "acknowledged": d.acknowledged_at is not None,
                "document": doc.file_name if doc else None,
            }
        )
    steps = [
        {"at": _aware(a.at), "actor": a.actor, "action": a.action, "detail": a.detail}
        for a in s.scalars(
            select(AuditEntry)
            .where(AuditEntry.detail.like(f"case {case.id}:%"))
            .order_by(AuditEntry.at)
        )
    ]
    suggested = suggest(s, case.questionnaire or {})
    return CaseView(
        case.id,
        case.mission_code,
        case.number,
        case.stage,
        applicant(case.questionnaire or {}),
        case.questionnaire or {},
        _aware(case.received_at),
        _aware(case.updated_at),
        version_of(case),
        routing.police_body if routing else None,
        suggested.code if suggested else None,
        routing.letter_id if routing else None,
        letter.sent_on if letter else None,
        _due(letter.sent_on if letter else None),
        events,
        scans,
        decisions,
        steps,
    )


def scan_data(s: Session, scan_id: int) -> tuple[str, bytes]:
    scan = s.get(Scan, scan_id)
    if scan is None:
        raise DepartmentError(f"no scan {scan_id}")
    return scan.media_type, scan.data


# -- inbox --------------------------------------------------------------------------------
@dataclass(frozen=True)
class PackageRow:
    mission: str
    sequence: int
    received_at: datetime
    cases: int
    events: int
    scans: int
    gap_accepted: bool


def packages_page(s: Session, page: int = 1, size: int = PAGE_SIZE) -> Page:
    page = max(1, page)
    rows = s.scalars(
        select(ReceivedPackage)
        .order_by(ReceivedPackage.received_at.desc(), ReceivedPackage.id.desc())
        .limit(size + 1)
        .offset((page - 1) * size)
    ).all()
    out = [
        PackageRow(
            r.mission_code,
            r.sequence,
            _aware(r.received_at),
            r.cases,
            r.events,
            r.scans,
            r.gap_accepted,
        )
        for r in rows[:size]
    ]
    return Page(out, page, len(rows) > size)


def new_cases_by_mission(s: Session, since: datetime) -> list[tuple[str, int]]:
    rows = s.execute(
        select(Case.mission_code, func.count(Case.id))
        .where(Case.received_at >= since)
        .group_by(Case.mission_code)
        .order_by(Case.mission_code)
    ).all()
    return [(m, int(n)) for m, n in rows]


# -- monitoring ---------------------------------------------------------------------------
MONITORING_SCHEMA = "qonys.department-monitoring/1"
MONITORING_COLUMNS = (
    "mission",
    "case_number",
    "stage",
    "received_on",
    "sent_on",
    "decision",
    "decision_date",
)


def monitoring_rows(s: Session, start: date, end: date) -> list[dict[str, str]]:
    """§14 stage data of the cases received in [start, end]: no personal data, the case
    number identifies the application (as the missions' export)."""
    if end < start:
        raise DepartmentError("the period ends before it starts")
    lo = datetime.combine(start, datetime.min.time()).astimezone()
    hi = datetime.combine(end + timedelta(days=1), datetime.min.time()).astimezone()
    last_decision = (
        select(Decision.case_id, func.max(Decision.recorded_at).label("at"))
        .group_by(Decision.case_id)
        .subquery()
    )
    rows = s.execute(
        select(
            Case.mission_code,
            Case.number,
            Case.stage,
            Case.received_at,
            ForwardingLetter.sent_on,
            Decision.kind,
            Decision.date,
        )
        .outerjoin(Routing, Routing.case_id == Case.id)
        .outerjoin(ForwardingLetter, ForwardingLetter.id == Routing.letter_id)
        .outerjoin(last_decision, last_decision.c.case_id == Case.id)
        .outerjoin(
            Decision,
            and_(Decision.case_id == Case.id, Decision.recorded_at == last_decision.c.at),
        )
        .where(Case.received_at >= lo, Case.received_at < hi)
        .order_by(Case.mission_code, Case.number)
    ).all()
    return [
        {
            "mission": r.mission_code,
            "case_number": r.number,
            "stage": r.stage,
            "received_on": _aware(r.received_at).date().isoformat(),
            "sent_on": r.sent_on or "",
            "decision": r.kind or "",
            "decision_date": r.date or "",
        }
        for r in rows
    ]


@dataclass(frozen=True)
class MissionLoad:
    mission: str
    cases: int
    awaiting: int
    overdue: int
    decided: int


def mission_loads(s: Session, today: date) -> list[MissionLoad]:
    """Per mission: cases, awaiting the police, overdue under §9, decided (the charts)."""
    cutoff = (today - timedelta(days=POLICE_DAYS)).isoformat()
    waiting = Case.stage.in_(("awaiting_decision", "objection"))
    rows = s.execute(
        select(
            Mission.code,
            func.count(Case.id),
            func.count(Case.id).filter(waiting),
            func.count(Case.id).filter(waiting, ForwardingLetter.sent_on < cutoff),
            func.count(Case.id).filter(Case.stage.in_(("permission", "reasoned_refusal"))),
        )
        .outerjoin(Case, Case.mission_code == Mission.code)
        .outerjoin(Routing, Routing.case_id == Case.id)
        .outerjoin(ForwardingLetter, ForwardingLetter.id == Routing.letter_id)
        .group_by(Mission.code)
        .order_by(Mission.code)
    ).all()
    return [MissionLoad(m, int(a), int(b), int(c), int(d)) for m, a, b, c, d in rows]


def overdue_by_body(
    s: Session, today: date, per_body: int = 20
) -> list[tuple[dict[str, str], int, list[CaseRow]]]:
    """§9: per police body, how many cases are past their thirty days, and the oldest
    ``per_body`` of them (the rest through the case list's overdue filter)."""
    counted = select(Routing.police_body, func.count(Case.id))
    counts: list[Any] = s.execute(
        _overdue(counted, today).group_by(Routing.police_body).order_by(Routing.police_body)
    ).all()  # type: ignore[assignment]
    bodies = {
        b.code: {"code": b.code, "name_kk": b.name_kk, "name_ru": b.name_ru}
        for b in s.scalars(select(PoliceBody))
    }
    out = []
    for row in counts:
        code, n = str(row[0]), int(row[1])
        if code not in bodies:
            continue
        page = cases_page(s, CaseFilter(police_body=code, overdue=True), 1, per_body, today)
        out.append((bodies[code], int(n), page.rows))
    return out


def _overdue(q: Any, today: date) -> Any:
    cutoff = (today - timedelta(days=POLICE_DAYS)).isoformat()
    return (
        q.select_from(Case)
        .join(Routing, Routing.case_id == Case.id)
        .join(ForwardingLetter, ForwardingLetter.id == Routing.letter_id)
        .where(
            Case.stage.in_(("awaiting_decision", "objection")),
            ForwardingLetter.sent_on.is_not(None),
            ForwardingLetter.sent_on < cutoff,
        )
    )

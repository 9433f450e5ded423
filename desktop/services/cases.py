"""Use cases on cases: open a draft, update it, list and search, read one with its events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any, cast

from sqlalchemy.orm.exc import StaleDataError

from desktop.domain.i18n import Text
from desktop.domain.questionnaire import Questionnaire, QuestionnaireFormatError
from desktop.domain.search import case_number_tail, latin_key, looks_like_iin, search_key
from desktop.domain.validation import Issue, errors, validate
from desktop.services.context import DeskContext
from desktop.services.errors import Conflict, InvalidInput, NotFound, StoreDamaged, case_ref
from desktop.storage import new_case
from desktop.storage.models import CaseRow, EventRow
from desktop.storage.repositories import CaseFilter, CaseRepository
from desktop.storage.uow import UnitOfWork

DRAFT = "draft"
EVENT_OPENED = "case_opened"
EVENT_UPDATED = "questionnaire_updated"


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """A row of the case list; plain data for views and the CLI."""

    id: int
    number: str
    iin: str
    surname: str
    name: str
    patronymic: str
    birth_date: date | None
    stage: str
    complete: bool
    created_at: datetime
    updated_at: datetime
    version: int

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.name, self.patronymic) if p)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "iin": self.iin,
            "surname": self.surname,
            "name": self.name,
            "patronymic": self.patronymic,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "stage": self.stage,
            "complete": self.complete,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class CaseEvent:
    seq: int
    kind: str
    at: datetime
    officer_id: int | None
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CaseDetail:
    summary: CaseSummary
    questionnaire: Questionnaire
    events: list[CaseEvent]
    issues: list[Issue]


@dataclass(frozen=True, slots=True)
class SavedCase:
    summary: CaseSummary
    issues: list[Issue]
    duplicates: list[CaseSummary]  # other cases of the same IIN


def summary_of(row: CaseRow) -> CaseSummary:
    return CaseSummary(
        id=row.id,
        number=row.number,
        iin=row.iin,
        surname=row.surname,
        name=row.name,
        patronymic=row.patronymic,
        birth_date=row.birth_date,
        stage=row.stage,
        complete=row.complete,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
    )


def apply_questionnaire(row: CaseRow, q: Questionnaire, complete: bool) -> None:
    row.iin = q.iin.strip()
    row.surname = q.surname.strip()
    row.name = q.name.strip()
    row.patronymic = q.patronymic.strip()
    row.surname_key = search_key(q.surname)
    row.name_key = search_key(q.name)
    row.surname_latin = latin_key(q.surname)
    row.birth_date = q.birth_date
    row.complete = complete
    row.questionnaire = q.to_dict()


def _changed_paths(before: dict[str, Any], after: dict[str, Any], prefix: str = "") -> list[str]:
    """Which fields changed: the audit records where, never the values (personal data)."""
    paths: list[str] = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        path = f"{prefix}{key}"
        if isinstance(a, dict) and isinstance(b, dict):
            paths.extend(_changed_paths(a, b, path + "."))
        elif a != b:
            paths.append(path)
    return paths


def _others_with_iin(repo: CaseRepository, row: CaseRow) -> list[CaseSummary]:
    """Other cases of the same applicant: the officer is warned and shown them."""
    if not row.iin:
        return []
    # LIST_COLUMNS are CaseSummary's fields in order (tests/services/test_cases.py).
    listed = (CaseSummary(*cast(tuple[Any, ...], r)) for r in repo.listed_with_iin(row.iin))
    return [c for c in listed if c.id != row.id]


def number_prefix(mission_code: str, year: int) -> str:
    return f"{mission_code}-{year}-"


def number_after(mission_code: str, year: int, last: str | None) -> str:
    """The case number after `last`, the highest of the year (None: the year's first)."""
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{number_prefix(mission_code, year)}{serial:05d}"


def next_case_number(ctx: DeskContext, repo: CaseRepository, year: int) -> str:
    last = repo.last_number_with_prefix(number_prefix(ctx.mission.code, year))
    return number_after(ctx.mission.code, year, last)


def _refuse_too_long(issues: list[Issue]) -> None:
    """A draft may be incomplete, never longer than its form: said before anything is stored."""
    over = [i for i in issues if i.code == "too_long"]
    if over:
        first = over[0]
        raise InvalidInput(
            Text(
                f"{first.path}: {first.message.kk}",
                f"{first.path}: {first.message.ru}",
                f"{first.path}: {first.message.en}",
            )
        )


def create_draft(ctx: DeskContext, q: Questionnaire) -> SavedCase:
    """Open a case as a draft. Drafts may be incomplete; their issues come back to show."""
    now = ctx.now()
    issues = validate(q, ctx.today())
    _refuse_too_long(issues)
    row = CaseRow(created_at=now, updated_at=now, created_by=ctx.officer.id, stage=DRAFT)
    apply_questionnaire(row, q, complete=not errors(issues))
    if ctx.store.engine.dialect.name == "postgresql":
        # Read before the number is taken (no write lock: the read pool), then the case in
        # three round trips under the shared store's writer lock (storage/new_case.py).
        duplicates = ctx.store.read(lambda r: _others_with_iin(r.cases, row))
        with ctx.uow() as uow:
            new_case.open_case(
                uow.session,
                row,
                number_after=partial(number_after, ctx.mission.code, now.year),
                prefix=number_prefix(ctx.mission.code, now.year),
                event_kind=EVENT_OPENED,
                officer_login=ctx.officer.login,
                at=now,
            )
            uow.commit()
        return SavedCase(summary_of(row), issues, duplicates)
    with ctx.uow() as uow:
        # Read before the number is taken: the unit of work holds the file's write lock.
        duplicates = _others_with_iin(uow.cases, row)
        row.number = next_case_number(ctx, uow.cases, now.year)
        uow.cases.add(row)
        uow.events.add(
            row.id, EVENT_OPENED, now, ctx.officer.id, {"number": row.number}, first=True
        )
        ctx.audit(uow, "case.create", "case", row.id)
        uow.commit()
        return SavedCase(summary_of(row), issues, duplicates)


def update_questionnaire(
    ctx: DeskContext, case_id: int, q: Questionnaire, expected_version: int | None = None
) -> SavedCase:
    """Save the questionnaire of a case; `expected_version` guards against lost updates."""
    now = ctx.now()
    issues = validate(q, ctx.today())
    _refuse_too_long(issues)
    with ctx.uow() as uow:
        row = uow.cases.get(case_id)
        if row is None:
            raise NotFound(case_ref(case_id))
        if expected_version is not None and row.version != expected_version:
            raise Conflict(row.number)
        changed = _changed_paths(row.questionnaire, q.to_dict())
        if not changed:
            return SavedCase(summary_of(row), issues, [])
        apply_questionnaire(row, q, complete=not errors(issues))
        row.updated_at = now
        uow.events.add(row.id, EVENT_UPDATED, now, ctx.officer.id, {"fields": changed})
        ctx.audit(uow, "case.update", "case", row.id, {"fields": changed})
        try:
            uow.session.flush()
        except StaleDataError:
            raise Conflict(row.number) from None
        duplicates = _others_with_iin(uow.cases, row)
        uow.commit()
        return SavedCase(summary_of(row), issues, duplicates)


def list_cases(
    ctx: DeskContext,
    text: str = "",
    stages: tuple[str, ...] = (),
    *,
    offset: int = 0,
    limit: int = 100,
    order_by: str | None = None,
    descending: bool = True,
) -> list[CaseSummary]:
    """A page of the case list. Without ``order_by``: newest first, and a name search
    alphabetically by surname (a walk of the surname index, not a sort of every match)."""
    if order_by is None:
        by_name = bool(text.strip()) and not looks_like_iin(text) and case_number_tail(text) is None
        order_by, descending = ("surname", False) if by_name else ("created_at", descending)
    flt, sort, down = CaseFilter(text, stages), order_by, descending

    def page(uow: UnitOfWork) -> list[CaseSummary]:
        rows = uow.cases.search(
            flt,
            # SQLite integers are 64-bit: a larger page is all of them anyway.
            offset=max(0, min(offset, MAX_PAGE)),
            limit=max(0, min(limit, MAX_PAGE)),
            order_by=sort,
            descending=down,
        )
        # LIST_COLUMNS are CaseSummary's fields in order (tests/services/test_cases.py).
        return [CaseSummary(*cast(tuple[Any, ...], r)) for r in rows]

    # A search only reads: no write lock, one round trip on PostgreSQL (storage/reading.py).
    return ctx.store.read(page)


def count_cases(ctx: DeskContext, text: str = "", stages: tuple[str, ...] = ()) -> int:
    flt = CaseFilter(text, stages)
    return ctx.store.read(lambda uow: uow.cases.count(flt))


def case_ids(
    ctx: DeskContext,
    text: str = "",
    stages: tuple[str, ...] = (),
    order_by: str = "created_at",
    descending: bool = True,
) -> list[int]:
    """Ids only, for lazy list models that fetch rows as they scroll into view."""
    with ctx.uow() as uow:
        return uow.cases.ids(CaseFilter(text, stages), order_by, descending)


def summaries(ctx: DeskContext, ids: list[int]) -> dict[int, CaseSummary]:
    with ctx.reader() as uow:
        rows = uow.cases.many(ids)
        return {r.id: summary_of(r) for r in rows}


def get_case(ctx: DeskContext, case_id: int) -> CaseDetail:
    with ctx.uow() as uow:
        row = uow.cases.get(case_id)
        if row is None:
            raise NotFound(case_ref(case_id))
        try:
            q = Questionnaire.from_dict(row.questionnaire)
        except QuestionnaireFormatError as exc:
            raise StoreDamaged(f"case {row.number}: {exc}") from None
        events = [_event(e) for e in uow.events.for_case(case_id)]
        return CaseDetail(summary_of(row), q, events, validate(q, ctx.today()))


MAX_PAGE = 1_000_000  # cases in one listing, far above any mission's


def find_case(ctx: DeskContext, reference: str) -> CaseDetail:
    """A case by its number (MISSION-YEAR-NNNNN) or its numeric id."""
    with ctx.uow() as uow:
        row = uow.cases.by_number(reference.strip().upper())
        digits = reference.strip()
        if row is None and digits.isascii() and digits.isdigit() and len(digits) <= 18:
            row = uow.cases.get(int(reference))
        if row is None:
            raise NotFound(case_ref(reference))
        case_id = row.id
    return get_case(ctx, case_id)


def _event(row: EventRow) -> CaseEvent:
    return CaseEvent(row.seq, row.kind, row.at, row.officer_id, dict(row.data))

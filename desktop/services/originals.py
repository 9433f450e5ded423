"""§3(2): originals copied and handed back — the register beside ID-card custody.

"Қазақстан Республикасы азаматының паспортын және/немесе баланың туу туралы куәлігін немесе
анықтамасын қабылдаған кезде көрсетілетін қызметті беруші олардың көшірмелерін жасайды, содан
кейін көрсетілетін қызметті алушыға түпнұсқаларын қайтарып береді." The ID card's original is
retained instead (custody register, `procedure.custody_register`). Each hand-back is a row of
table `returned_originals` (revision 0006), an event of the case and an audit entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from desktop.domain.checklist import routes
from desktop.domain.i18n import Text
from desktop.domain.workflow import replay
from desktop.services.context import DeskContext
from desktop.services.context import Role as DeskRole
from desktop.services.errors import InvalidInput
from desktop.services.procedure.errors import ProcedureError
from desktop.services.procedure.loading import (
    EVENT_RETURNED,
    _calendar,
    _case,
    _facts,
    _guard_clock,
    _questionnaire,
    _spec,
    case_events,
    checklist_row,
    checklist_status,
)
from desktop.services.rulesets import rulesets_in
from desktop.storage.models import CaseChecklistRow, CaseRow, ReturnedOriginalRow
from desktop.storage.uow import UnitOfWork

M_NOT_ON_CHECKLIST = Text(
    "«{key}» тізбеде жоқ (3-тармақ)",
    "«{key}» нет в перечне (п. 3)",
    "{key} is not on the checklist (§3)",
)


@dataclass(frozen=True, slots=True)
class ReturnedOriginal:
    """§3(2): an original copied and handed back (passport, birth certificate)."""

    id: int
    case_id: int
    case_number: str
    item_key: str
    document_kind: str
    document_number: str
    returned_on: date
    returned_to: str
    recorded_at: datetime
    recorded_by: str


def _returned(uow: UnitOfWork, case_id: int | None = None) -> list[ReturnedOriginal]:
    query = select(ReturnedOriginalRow, CaseRow.number).join(
        CaseRow, CaseRow.id == ReturnedOriginalRow.case_id
    )
    if case_id is not None:
        query = query.where(ReturnedOriginalRow.case_id == case_id)
    names = {o.id: o.full_name for o in uow.officers.all()}
    return [
        ReturnedOriginal(
            r.id,
            r.case_id,
            number,
            r.item_key,
            r.document_kind,
            r.document_number,
            r.returned_on,
            r.returned_to,
            r.recorded_at,
            names.get(r.recorded_by or -1, ""),
        )
        for r, number in uow.session.execute(query.order_by(ReturnedOriginalRow.id))
    ]


def returned_register(ctx: DeskContext) -> list[ReturnedOriginal]:
    """§3(2): every original copied and handed back, beside the custody register."""
    with ctx.uow() as uow:
        return _returned(uow)


M_NOT_RETURNED_KIND = Text(
    "Бұл құжаттың түпнұсқасы қайтарылмайды (3-тармақтың 2) тармақшасы: паспорт, туу туралы куәлік)",
    "Оригинал этого документа не возвращается (пп. 2 п. 3: паспорт, свидетельство о рождении)",
    "This document's original is not one that is handed back (§3(2): passport, birth certificate)",
)
M_RETURNED_TO = Text(
    "Түпнұсқа кімге қайтарылғанын жазыңыз",
    "Укажите, кому возвращен оригинал",
    "Say to whom the original was handed back",
)


def return_original(
    ctx: DeskContext,
    case_id: int,
    key: str,
    returned_to: str,
    on: date | None = None,
) -> ReturnedOriginal:
    """§3(2): the original of a passport or birth certificate was copied and handed back to
    `returned_to` (the applicant, or their representative) on `on` (default: today)."""
    ctx.require(DeskRole.OFFICER, "record a returned original")
    if not returned_to.strip():
        raise InvalidInput(M_RETURNED_TO)
    with ctx.uow() as uow:
        now = _guard_clock(ctx, uow)
        row = _case(uow, case_id)
        cl = checklist_row(uow, case_id, now)
        today = _calendar(_spec(uow)).local_date(now)
        state = replay(case_events(uow, case_id))
        status = checklist_status(row, cl, state.accepted_on or today, rulesets_in(uow))
        entry = next((e for e in status.entries if e.key == key), None)
        if entry is None:
            raise ProcedureError(M_NOT_ON_CHECKLIST.format(key=key), "not_required")
        if not entry.item.returned_original:
            raise ProcedureError(M_NOT_RETURNED_KIND, "not_returned")
        if on is not None and on > today:
            raise InvalidInput(
                Text(
                    "Қайтарылған күн болашақта болмауы керек",
                    "Дата возврата не может быть в будущем",
                    "The return date cannot be in the future",
                )
            )
        # A passport's number is in the facts; the questionnaire has no birth-certificate number.
        numbers = {f"identity:{d.kind.value}": d.number for d in _facts(cl).identity}
        record_row = ReturnedOriginalRow(
            case_id=case_id,
            item_key=key,
            document_kind=entry.item.kind,
            document_number=numbers.get(key, ""),
            returned_on=on or today,
            returned_to=returned_to.strip(),
            recorded_at=now,
            recorded_by=ctx.officer.id,
        )
        uow.session.add(record_row)
        uow.session.flush()
        detail = {"key": key, "on": (on or today).isoformat()}
        uow.events.add(case_id, EVENT_RETURNED, now, ctx.officer.id, detail)
        ctx.audit(uow, "original.returned", "case", case_id, {"id": record_row.id, "key": key})
        uow.commit()
        new_id = record_row.id
    with ctx.uow() as uow:
        return next(r for r in _returned(uow, case_id) if r.id == new_id)


def for_case(ctx: DeskContext, case_id: int) -> list[ReturnedOriginal]:
    with ctx.uow() as uow:
        return _returned(uow, case_id)


def case_routes(ctx: DeskContext, case_ids: Sequence[int]) -> dict[int, list[str]]:
    """Issue 12: the §3 routes each case takes (`checklist.ROUTES`), for the JSON of
    `qonys cases` and `qonys case`; the checklist as it stands today (or as accepted)."""
    out: dict[int, list[str]] = {}
    with ctx.uow() as uow:
        today = _calendar(_spec(uow)).local_date(ctx.now())
        for case_id in case_ids:
            row = uow.cases.get(case_id)
            if row is None:
                continue
            cl = uow.session.get(CaseChecklistRow, case_id)
            state = replay(case_events(uow, case_id))
            status = checklist_status(row, cl, state.accepted_on or today, rulesets_in(uow))
            out[case_id] = routes(_questionnaire(row), _facts(cl), status)
    return out

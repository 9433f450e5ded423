"""§13, Annex 5: the journal of permissions read from the cases."""

from __future__ import annotations

from sqlalchemy import select

from desktop.domain.journal import JournalRow, journal_rows
from desktop.domain.workflow import Action, replay
from desktop.services.context import DeskContext
from desktop.services.procedure.loading import _facts, _questionnaire, case_events
from desktop.storage.models import CaseChecklistRow, CaseRow, EventRow
from desktop.storage.uow import UnitOfWork


def journal_cases(uow: UnitOfWork) -> list[CaseRow]:
    """The cases with a journal entry: every case whose permission was recorded (§13)."""
    ids = select(EventRow.case_id).where(EventRow.kind == Action.RECORD_PERMISSION.value)
    return list(uow.session.scalars(select(CaseRow).where(CaseRow.id.in_(ids))))


def journal(ctx: DeskContext, year: int | None = None) -> list[JournalRow]:
    """§13, Annex 5: the journal of permissions (the entries of one year, or all)."""
    with ctx.uow() as uow:
        entries = []
        for row in journal_cases(uow):
            state = replay(case_events(uow, row.id))
            entry_year = state.journal_year or (
                state.permission_notice_on.year if state.permission_notice_on else None
            )
            if year is not None and entry_year != year:
                continue
            cl = uow.session.get(CaseChecklistRow, row.id)
            entries.append((row.number, _questionnaire(row), _facts(cl), state))
        return journal_rows(entries)

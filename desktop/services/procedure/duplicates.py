"""The duplicate-IIN guard: opening a second case for an IIN with an open one warns and links."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.domain.i18n import Text
from desktop.domain.workflow import OPEN_STAGES
from desktop.services.cases import CaseSummary, summary_of
from desktop.services.context import DeskContext
from desktop.services.procedure.errors import M_DUPLICATE
from desktop.storage.uow import UnitOfWork

# --- duplicate guard --------------------------------------------------------------------------


def open_cases_with_iin(
    ctx: DeskContext, iin: str, exclude_case_id: int | None = None
) -> list[CaseSummary]:
    """Open cases (draft or in service) of an IIN: opening another one warns and links here."""
    if not iin.strip():
        return []
    with ctx.uow() as uow:
        return _open_with_iin(uow, iin.strip(), exclude_case_id)


def _open_with_iin(uow: UnitOfWork, iin: str, exclude: int | None) -> list[CaseSummary]:
    open_values = {s.value for s in OPEN_STAGES}
    return [
        summary_of(r) for r in uow.cases.by_iin(iin) if r.id != exclude and r.stage in open_values
    ]


def duplicate_warning(duplicates: Sequence[CaseSummary]) -> Text | None:
    if not duplicates:
        return None
    return M_DUPLICATE.format(numbers=", ".join(d.number for d in duplicates))

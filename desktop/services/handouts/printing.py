"""Rendering: a case's form or the journal to PDF bytes, saving a PDF, and which forms a case
can print now.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from desktop.documents import texts
from desktop.domain.i18n import Text
from desktop.services.context import DeskContext
from desktop.services.errors import (
    InvalidInput,
    KnownError,
    NotFound,
)
from desktop.services.handouts.cases import (
    HandoutError,
    IssuedHandout,
    _load,
    _notification_printable,
)
from desktop.services.handouts.forms import (
    hearing_data,
    journal_data,
    reasoned_refusal_data,
    receipt_data,
    refusal_data,
)
from desktop.services.handouts.notification import issue_child_notification, issue_notification
from desktop.storage.files import write_atomic

log = logging.getLogger(__name__)


# --- rendering ---------------------------------------------------------------------------------

FORMS: Sequence[str] = ("notification", "receipt", "refusal", "hearing", "reasoned-refusal")


def print_case_form(
    ctx: DeskContext, form: str, case_id: int, child: int | None = None
) -> IssuedHandout:
    """The PDF of one form of a case (`form` from FORMS), in the mission's own wording if any;
    for the notification, `child` (from 1) prints the Annex 4 notification of a minor child
    named in the application."""
    with texts.mission_forms(ctx.forms_dirs()):
        issued = _print_case_form(ctx, form, case_id, child)
    log.info("printed %s of case %d%s", form, case_id, " (duplicate)" if issued.duplicate else "")
    return issued


def _print_case_form(ctx: DeskContext, form: str, case_id: int, child: int | None) -> IssuedHandout:
    from desktop.documents import forms

    if form == "notification":
        if child is not None:
            return issue_child_notification(ctx, case_id, child)
        return issue_notification(ctx, case_id)
    with ctx.uow() as uow:
        number = _load(uow, case_id).row.number
    if form == "receipt":
        pdf = forms.render_receipt(receipt_data(ctx, case_id))
    elif form == "refusal":
        pdf = forms.render_refusal(refusal_data(ctx, case_id))
    elif form == "hearing":
        pdf = forms.render_hearing(hearing_data(ctx, case_id))
    elif form == "reasoned-refusal":
        pdf = forms.render_reasoned_refusal(reasoned_refusal_data(ctx, case_id))
    else:
        raise InvalidInput(Text(form, form, f"unknown form: {form}"))
    with ctx.uow() as uow:
        ctx.audit(uow, f"handouts.print.{form}", "case", case_id)
        uow.commit()
    return IssuedHandout(number, pdf)


def save_pdf(path: Path, pdf: bytes) -> None:
    """A printed form written to a file the officer chose: owner-only (0600), atomically."""
    write_atomic(path, pdf)
    log.info("a printed form saved to a file (%d bytes)", len(pdf))


def print_journal(ctx: DeskContext, start: date, end: date, fmt: str = "pdf") -> bytes:
    from desktop.documents import forms

    data = journal_data(ctx, start, end)
    with ctx.uow() as uow:
        ctx.audit(
            uow,
            "handouts.print.journal",
            "mission",
            ctx.mission.code,
            {"from": start.isoformat(), "to": end.isoformat(), "rows": len(data.rows)},
        )
        uow.commit()
    log.info("printed the journal (%d rows, %s)", len(data.rows), fmt)
    with texts.mission_forms(ctx.forms_dirs()):
        return forms.render_journal_csv(data) if fmt == "csv" else forms.render_journal_pdf(data)


def available_forms(ctx: DeskContext, case_id: int) -> list[str]:
    """The handouts (of `FORMS`) the case's stage allows now: what the desk's Print menu
    offers. Each form's own check decides (the same one that refuses a print)."""
    with ctx.uow() as uow:
        case = _load(uow, case_id)
    forms = ["notification"] if _notification_printable(case) else []
    checks: tuple[tuple[str, Callable[[DeskContext, int], object]], ...] = (
        ("receipt", receipt_data),
        ("refusal", refusal_data),
        ("hearing", hearing_data),
        ("reasoned-refusal", reasoned_refusal_data),
    )
    for form, check in checks:
        try:
            check(ctx, case_id)
        except (HandoutError, NotFound):  # NotFound: never accepted nor refused (§4, §5)
            continue
        except KnownError:
            pass  # the stage allows it; printing says what is wrong with the data
        forms.append(form)
    return forms

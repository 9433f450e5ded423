"""The unsigned forms' data: the §4 receipt, the §5 refusal to accept, the §11 hearing notice and
reasoned refusal, and the §13 journal (Annex 5).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from desktop.documents.data import (
    AcceptanceReceiptData,
    HearingNoticeData,
    JournalData,
    JournalRow,
    ReasonedRefusalData,
    RefusalItem,
    RefusalReason,
    RefusalToAcceptData,
    RepresentativeLine,
)
from desktop.domain.checklist import AUTHORITY_TEXT, CaseFacts
from desktop.domain.i18n import Text
from desktop.domain.journal import journal_rows
from desktop.domain.workflow import (
    OBJECTION_WORKING_DAYS,
    Action,
    Stage,
    replay,
)
from desktop.services import procedure
from desktop.services.context import DeskContext
from desktop.services.errors import (
    InvalidInput,
)
from desktop.services.handouts.cases import (
    HandoutError,
    _birth,
    _decision,
    _grounds,
    _last_event,
    _load,
    _questionnaire,
    _wrong_stage,
)
from desktop.storage.models import (
    CaseChecklistRow,
)

# --- §4 and §5 ---------------------------------------------------------------------------------


def _representative(facts: CaseFacts) -> RepresentativeLine | None:
    rep = facts.representative
    if rep is None or not rep.full_name.strip():
        return None
    authority = AUTHORITY_TEXT[rep.authority].bilingual
    if rep.authority_document.strip():
        authority += f", {rep.authority_document.strip()}"
    return RepresentativeLine(rep.full_name.strip(), rep.document.strip(), authority)


def receipt_data(ctx: DeskContext, case_id: int) -> AcceptanceReceiptData:
    from desktop.documents.adapters import questionnaire_view

    h = procedure.acceptance_handout(ctx, case_id)
    with ctx.uow() as uow:
        case = _load(uow, case_id)
        facts = procedure._facts(uow.session.get(CaseChecklistRow, case_id))
    if h.kind != "acceptance":
        raise _wrong_stage(case, "receipt")
    try:
        view = questionnaire_view(_questionnaire(case.row))
    except ValueError as exc:
        raise HandoutError(str(exc), str(exc), f"{case.row.number}: {exc}") from None
    return AcceptanceReceiptData(
        questionnaire=view,
        case_number=h.case_number,
        accepted_on=h.on,
        accepted_by=h.officer_full_name,
        mission_name=h.mission,
        fee_exemption=facts.fee_exemption.strip(),
        representative=_representative(facts),
    )


def refusal_data(ctx: DeskContext, case_id: int) -> RefusalToAcceptData:
    h = procedure.acceptance_handout(ctx, case_id)
    with ctx.uow() as uow:
        case = _load(uow, case_id)
    if h.kind != "refusal":
        raise _wrong_stage(case, "refusal")
    items = tuple(
        RefusalItem(i.label.kk, i.label.ru, RefusalReason.MISSING) for i in h.missing
    ) + tuple(
        RefusalItem(i.label.kk, i.label.ru, RefusalReason.EXPIRED, i.expires_on) for i in h.expired
    )
    return RefusalToAcceptData(
        applicant_full_name=h.applicant,
        birth_date=_birth(case),
        items=items,
        refused_on=h.on,
        officer=h.officer_full_name or ctx.officer.full_name,
        mission_name=h.mission,
        case_number=h.case_number,
    )


# --- §11 ---------------------------------------------------------------------------------------


def _hearing_at(text: str) -> datetime:
    text = text.strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.combine(date.fromisoformat(text[:10]), time())
    except ValueError:
        raise InvalidInput(
            Text(
                f"Тыңдау уақыты оқылмады: {text}",
                f"Время заслушивания не распознано: {text}",
                f"cannot read the hearing time: {text!r} (use YYYY-MM-DD HH:MM)",
            )
        ) from None


def hearing_data(ctx: DeskContext, case_id: int) -> HearingNoticeData:
    """§11: the draft preliminary refusal with the hearing notice (after it is recorded sent)."""
    with ctx.uow() as uow:
        case = _load(uow, case_id)
    sent = _last_event(case, Action.SEND_PRELIMINARY_REFUSAL)
    prelim = _last_event(case, Action.RECORD_PRELIMINARY_REFUSAL)
    if sent is None or prelim is None:
        raise _wrong_stage(case, "hearing")
    sent_on = date.fromisoformat(str(sent["on"]))
    delivered = date.fromisoformat(str(sent.get("delivered_on") or sent_on))
    # §11: the applicant may object within two working days of receiving the draft.
    deadline = procedure.working_calendar(ctx).add_working_days(delivered, OBJECTION_WORKING_DAYS)
    return HearingNoticeData(
        applicant_full_name=case.full_name,
        birth_date=_birth(case),
        police_notice=_decision(case, prelim),
        grounds=_grounds(prelim),
        reasoning=str(prelim.get("reasons", "")),
        hearing_at=_hearing_at(str(sent.get("hearing_at", ""))),
        hearing_place=str(sent.get("hearing_place", "")),
        objection_deadline=deadline,
        sent_on=sent_on,
        officer=ctx.officer.full_name,
        mission_name=ctx.mission.name,
        case_number=case.row.number,
    )


def reasoned_refusal_data(ctx: DeskContext, case_id: int) -> ReasonedRefusalData:
    """§11, §15: the reasoned refusal — as sent, or (before it is sent) as a draft of today."""
    with ctx.uow() as uow:
        case = _load(uow, case_id)
    sent = _last_event(case, Action.SEND_REASONED_REFUSAL)
    if sent is not None:
        source: Mapping[str, Any] = sent
        on = date.fromisoformat(str(sent["on"]))
    elif case.state.stage in (Stage.REFUSED, Stage.NO_OBJECTION):
        source = case.state.decision
        on = procedure.working_calendar(ctx).local_date(ctx.now())
    else:
        raise _wrong_stage(case, "reasoned-refusal")
    return ReasonedRefusalData(
        applicant_full_name=case.full_name,
        birth_date=_birth(case),
        police_decision=_decision(case),
        grounds=_grounds(source) or _grounds(case.state.decision),
        reasoning=str(source.get("reasons") or case.state.decision.get("reasons", "")),
        sent_on=on,
        officer=ctx.officer.full_name,
        mission_name=ctx.mission.name,
        case_number=case.row.number,
    )


# --- §13, Annex 5 ------------------------------------------------------------------------------


def journal_data(ctx: DeskContext, start: date, end: date) -> JournalData:
    """The Annex 5 journal of applications made from `start` to `end` (both included)."""
    if end < start:
        raise InvalidInput(
            Text(
                "Кезеңнің соңы басынан бұрын",
                "Конец периода раньше начала",
                "the period ends before it starts",
            )
        )
    with ctx.uow() as uow:
        entries = []
        for row in procedure.journal_cases(uow):
            state = replay(procedure.case_events(uow, row.id))
            if state.accepted_on is None or not start <= state.accepted_on <= end:
                continue
            cl = uow.session.get(CaseChecklistRow, row.id)
            entries.append((row.number, _questionnaire(row), procedure._facts(cl), state))
    # §13: the numbers are the register's own, given when each entry was made; a print of
    # any period shows them as stored. Nothing unknown is filled in (blank cells).
    out = tuple(
        JournalRow(
            number=r.number,
            applied_on=r.application_date,
            full_name=r.full_name,
            birth_date=r.birth_date,
            passport_number=r.passport_number,
            # Column 6 "Хабарлама берілген күн": the day the notification was given to the
            # applicant (hand-over, §10), blank until then.
            notification_given_on=r.notification_date,
            contact=r.contacts,
            child_of=r.child_of,
            fee_exemption=r.fee_exemption,
        )
        for r in journal_rows(entries)
    )
    return JournalData(ctx.mission.name, start, end, out)

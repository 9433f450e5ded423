"""Annex 4 (§10): the notification, issued by a signing consular official, sealed and signed;
a reprint is marked DUPLICATE and logged.
"""

from __future__ import annotations

from sqlalchemy import select

from desktop.documents.data import (
    NotificationData,
)
from desktop.documents.issuing import NotificationIssuer
from desktop.documents.seal import SealSigner
from desktop.domain.workflow import (
    Action,
)
from desktop.services import exchange, procedure
from desktop.services.context import DeskContext, Role
from desktop.services.handouts.cases import (
    AUDIT_DUPLICATE,
    AUDIT_ISSUED,
    EVENT_REPRINT,
    ISSUED_STAGES,
    HandoutError,
    IssuedHandout,
    _birth,
    _Case,
    _decision,
    _last_event,
    _load,
    _notification_printable,
    _questionnaire,
    _wrong_stage,
)
from desktop.services.handouts.officials import _pdf_signer
from desktop.storage.models import (
    AuditRow,
    ExchangeIdentityRow,
)
from desktop.storage.uow import UnitOfWork

# --- Annex 4: the notification ------------------------------------------------------------------


def notification_number(case: _Case) -> str:
    issued = _last_event(case, Action.ISSUE_NOTIFICATION)
    if issued and issued.get("notification_number"):
        return str(issued["notification_number"])
    return case.row.number  # the case number already starts with the mission code


def _printed_before(uow: UnitOfWork, case_id: int) -> bool:
    """Whether the applicant's notification PDF was ever produced (the audit log says so;
    a child's notification carries `child` in its audit detail)."""
    rows = uow.session.scalars(
        select(AuditRow.detail).where(
            AuditRow.entity == "case",
            AuditRow.entity_id == str(case_id),
            AuditRow.action.in_((AUDIT_ISSUED, AUDIT_DUPLICATE)),
        )
    )
    return any(not (isinstance(d, dict) and d.get("child")) for d in rows)


def _child_printed_before(uow: UnitOfWork, case_id: int, child: int) -> bool:
    rows = uow.session.scalars(
        select(AuditRow.detail).where(
            AuditRow.entity == "case",
            AuditRow.entity_id == str(case_id),
            AuditRow.action.in_((AUDIT_ISSUED, AUDIT_DUPLICATE)),
        )
    )
    return any(isinstance(d, dict) and d.get("child") == child for d in rows)


def issue_child_notification(ctx: DeskContext, case_id: int, child: int) -> IssuedHandout:
    """Annex 4 for a minor child named in the application (Annex 1: "кәмелетке толмаған
    балаларыма ... ресімдеп беруді сұраймын"): the form's blank and its date of birth name one
    person, so each child gets a notification of their own — same decision, same issue date as
    the applicant's (recorded by the §10 step), numbered `<applicant's number>/<child>`.
    `child` counts from 1 in the order of the application."""
    ctx.require(Role.CONSUL, "issue the Annex 4 notification")
    with ctx.uow() as uow:
        if uow.session.get(ExchangeIdentityRow, 1) is None:
            raise exchange.NotEnrolled
        signer = _pdf_signer(ctx, uow)
    kid, seal_private = exchange.seal_key(ctx)
    listed = exchange.newest_trust_list(ctx).verifier
    verifier_url = listed.base_url if listed is not None else ""
    with ctx.uow() as uow:
        case = _load(uow, case_id)
        printed_before = _child_printed_before(uow, case_id, child)
    issue_date = case.state.notification_issued_on
    if case.state.stage not in ISSUED_STAGES or issue_date is None:
        raise _wrong_stage(case, "child-notification")
    q = _questionnaire(case.row)
    if not 1 <= child <= len(q.children):
        raise HandoutError(
            f"{case.row.number}: өтініште {child}-бала жоқ",
            f"{case.row.number}: в заявлении нет ребенка № {child}",
            f"{case.row.number}: the application names no child No. {child}",
        )
    c = q.children[child - 1]
    if c.birth_date is None:
        raise HandoutError(
            f"{case.row.number}: баланың туған күні жоқ",
            f"{case.row.number}: нет даты рождения ребенка",
            f"{case.row.number}: the child has no date of birth",
        )
    nid = f"{notification_number(case)}/{child}"
    data = NotificationData(
        notification_id=nid,
        mission_code=ctx.mission.code,
        mission_name=ctx.mission.name,
        person_full_name=c.full_name,
        birth_date=c.birth_date,
        destination_country=q.destination_country,
        destination_settlement=q.destination_settlement,
        decision=_decision(case),
        consular_official=ctx.officer.full_name,
        issue_date=issue_date,
        duplicate=printed_before,
    )
    issued = NotificationIssuer(SealSigner(seal_private, bytes.fromhex(kid)), signer).issue(
        data, verifier_url
    )
    serial = format(signer.certificate.serial_number, "X")
    with ctx.uow() as uow:
        if printed_before:
            stored = uow.events.add(
                case_id,
                EVENT_REPRINT,
                ctx.now(),
                ctx.officer.id,
                {"number": nid, "serial": serial, "child": child},
            )
            ctx.audit(
                uow,
                AUDIT_DUPLICATE,
                "case",
                case_id,
                {"seq": stored.seq, "serial": serial, "child": child},
            )
        else:
            ctx.audit(uow, AUDIT_ISSUED, "case", case_id, {"serial": serial, "child": child})
        uow.commit()
    return IssuedHandout(case.row.number, issued.pdf, printed_before, issued.seal_text)


def issue_notification(ctx: DeskContext, case_id: int) -> IssuedHandout:
    """§10, Annex 4: sign and seal the notification; a reprint is a logged duplicate."""
    ctx.require(Role.CONSUL, "issue the Annex 4 notification")
    with ctx.uow() as uow:
        if uow.session.get(ExchangeIdentityRow, 1) is None:
            raise exchange.NotEnrolled
        signer = _pdf_signer(ctx, uow)  # the official's own key first: it says what is missing
    kid, seal_private = exchange.seal_key(ctx)  # only for the official who signs (§10)
    listed = exchange.newest_trust_list(ctx).verifier
    verifier_url = listed.base_url if listed is not None else ""
    cal = procedure.working_calendar(ctx)
    with ctx.uow() as uow:
        case = _load(uow, case_id)
        printed_before = _printed_before(uow, case_id)
    stage = case.state.stage
    recorded = stage in ISSUED_STAGES and case.state.notification_issued_on is not None
    if not _notification_printable(case):
        raise _wrong_stage(case, "notification")
    # A step recorded by hand (no PDF yet) prints as the original; any later print is a
    # duplicate of what the applicant already holds.
    duplicate = recorded and printed_before
    q = _questionnaire(case.row)
    issue_date = case.state.notification_issued_on if recorded else cal.local_date(ctx.now())
    assert issue_date is not None
    nid = notification_number(case)
    data = NotificationData(
        notification_id=nid,
        mission_code=ctx.mission.code,
        mission_name=ctx.mission.name,
        person_full_name=case.full_name,
        birth_date=_birth(case),
        destination_country=q.destination_country,
        destination_settlement=q.destination_settlement,
        decision=_decision(case),
        consular_official=ctx.officer.full_name,
        issue_date=issue_date,
        duplicate=duplicate,
    )
    issued = NotificationIssuer(SealSigner(seal_private, bytes.fromhex(kid)), signer).issue(
        data, verifier_url
    )
    serial = format(signer.certificate.serial_number, "X")
    if duplicate:
        with ctx.uow() as uow:
            now = ctx.now()
            stored = uow.events.add(
                case_id, EVENT_REPRINT, now, ctx.officer.id, {"number": nid, "serial": serial}
            )
            ctx.audit(
                uow,
                AUDIT_DUPLICATE,
                "case",
                case_id,
                {"seq": stored.seq, "serial": serial},
            )
            uow.commit()
    elif recorded:
        with ctx.uow() as uow:
            ctx.audit(uow, AUDIT_ISSUED, "case", case_id, {"serial": serial})
            uow.commit()
    else:
        # §10 and §13: the step records the issue date, which is column 6 of the journal.
        procedure.perform(
            ctx,
            case_id,
            Action.ISSUE_NOTIFICATION,
            {"on": issue_date.isoformat(), "notification_number": nid},
            expected_version=case.row.version,
        )
        with ctx.uow() as uow:
            ctx.audit(uow, AUDIT_ISSUED, "case", case_id, {"serial": serial})
            uow.commit()
    return IssuedHandout(case.row.number, issued.pdf, duplicate, issued.seal_text)

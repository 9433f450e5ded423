"""Printed handouts from the store: the inputs of the documents room, built from a case.

Each function is one use case (STYLE §2). The documents room (`desktop.documents`) renders
from plain dataclasses; this module fills them from the case's events and questionnaire,
checks who may print what, and records what printing changes:

* `issue_notification` — §10, Annex 4: only a signing consular official (`Role.CONSUL`);
  the first issue records the `issue_notification` step (which puts the issue date into the
  Annex 5 journal, §13); a reprint is marked DUPLICATE on the page and logged (event + audit).
* `receipt` (§4), `refusal` (§5), `hearing` (§11), `reasoned_refusal` (§11, §15),
  `journal` (§13, Annex 5) — unsigned forms.
* `install_official` — a signing official's PKCS#12 from the Department goes into the
  encrypted store, its key wrapped under the official's own password (services/signing_keys.py;
  the official installs it themselves; never a key file in the clear under the data directory).
* `trust_anchors` — what `qonys verify` and the Verify dialog trust: the Department CA, the
  newest trust list's seal keys and revocations.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from sqlalchemy import select

from desktop.documents import texts
from desktop.documents.data import (
    AcceptanceReceiptData,
    HearingNoticeData,
    JournalData,
    JournalRow,
    NotificationData,
    PoliceDecision,
    ReasonedRefusalData,
    RefusalItem,
    RefusalReason,
    RefusalToAcceptData,
    RepresentativeLine,
)
from desktop.documents.issuing import NotificationIssuer
from desktop.documents.seal import SealSigner
from desktop.documents.signing import PdfSigner
from desktop.documents.trust import TrustAnchors
from desktop.documents.verifier_site import SiteError, WrittenSite, write_site
from desktop.domain.checklist import AUTHORITY_TEXT, CaseFacts
from desktop.domain.i18n import Text
from desktop.domain.journal import journal_rows
from desktop.domain.questionnaire import Questionnaire, QuestionnaireFormatError
from desktop.domain.workflow import (
    OBJECTION_WORKING_DAYS,
    STAGE_TITLES,
    TRANSITIONS,
    Action,
    CaseState,
    Stage,
    replay,
)
from desktop.services import exchange, procedure, signing_keys
from desktop.services.context import DeskContext, Role
from desktop.services.errors import (
    InvalidInput,
    KnownError,
    NotFound,
    StoreDamaged,
    case_ref,
    officer_ref,
)
from desktop.storage.files import write_atomic
from desktop.storage.models import (
    AuditRow,
    CaseChecklistRow,
    CaseRow,
    ExchangeIdentityRow,
    OfficerRow,
    SigningCredentialRow,
)
from desktop.storage.uow import UnitOfWork

log = logging.getLogger(__name__)

# A reprint of an issued notification: an event of its own (not a procedure step).
EVENT_REPRINT = "notification_reprinted"
# Stages at which the Annex 4 notification has been issued already (a print is a duplicate).
ISSUED_STAGES = frozenset({Stage.NOTIFICATION_ISSUED, Stage.HANDED_OVER, Stage.CLOSED})
AUDIT_ISSUED = "handouts.notification_issued"
AUDIT_DUPLICATE = "handouts.notification_duplicate"


class HandoutError(KnownError):
    """This handout cannot be printed now; the message says why, in one line."""

    def __init__(self, kk: str, ru: str, en: str) -> None:
        super().__init__(Text(kk, ru, en))


class NoSigningKey(KnownError):
    def __init__(self, login: str) -> None:
        super().__init__(
            Text(
                f"{login} үшін қол қою кілті орнатылмаған: `qonys handouts install-official P12`",
                f"Для {login} не установлен ключ подписи: `qonys handouts install-official P12`",
                f"no signing key installed for {login}: "
                "run `qonys handouts install-official FILE.p12` first",
            )
        )


@dataclass(frozen=True)
class IssuedHandout:
    """What a print produces: the PDF bytes, and for Annex 4 the seal text."""

    case_number: str
    pdf: bytes
    duplicate: bool = False
    seal_text: str = ""


@dataclass(frozen=True)
class OfficialInstalled:
    login: str
    subject: str
    serial: int
    not_after: datetime


# --- trust ------------------------------------------------------------------------------------


def trust_anchors(ctx: DeskContext) -> TrustAnchors:
    """The Department CA, the newest trust list's seal keys and its revoked serials."""
    tl = exchange.newest_trust_list(ctx)  # raises NotEnrolled
    with ctx.uow() as uow:
        row = uow.session.get(ExchangeIdentityRow, 1)
        if row is None:
            raise exchange.NotEnrolled
        ca = x509.load_pem_x509_certificate(row.ca_cert)
    # Each key with the mission whose entry carries it: a seal names its own mission only.
    seal_keys = [
        (m.code, k.public_key) for m in tl.missions for k in m.seal_keys if k.revoked_at is None
    ]
    return TrustAnchors.build(
        roots=[ca], missions=seal_keys, revoked_serials=[r.serial for r in tl.revocations]
    )


def write_verifier_site(ctx: DeskContext, out: Path) -> WrittenSite:
    """`qonys verifier --out DIR`: the offline verifier page from the store's trust list.

    The list the page trusts is the one the Department signed and carried inside the trust
    list; the page's key is the Department signing certificate of that (verified) trust list.
    """
    tl = exchange.newest_trust_list(ctx)  # verified against the Department CA; NotEnrolled
    if tl.verifier is None:
        raise HandoutError(
            f"Сенім тізімінде ({tl.version}-нұсқа) тексеру бетінің тізімі жоқ: Департаменттен "
            "жаңа сенім тізімін алыңыз",
            f"В списке доверия (версия {tl.version}) нет списка для страницы проверки: получите "
            "новый список доверия от Департамента",
            f"the trust list (v{tl.version}) carries no list for the verifier page: get a newer "
            "trust list from the Department",
        )
    key = tl.department_signing.public_key()
    try:
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise SiteError("the Department signing key is not ECDSA P-256")
        return write_site(out, key, tl.verifier.data, tl.verifier.signature)
    except SiteError as exc:
        raise HandoutError(
            f"Тексеру беті жазылмады: {exc}",
            f"Страница проверки не записана: {exc}",
            f"the verifier page was not written: {exc}",
        ) from None
    except OSError as exc:
        raise InvalidInput(
            Text(
                f"{out} жазылмады: {exc.strerror}",
                f"{out} не записан: {exc.strerror}",
                f"cannot write {out}: {exc.strerror}",
            )
        ) from None


# --- the signing official's key ---------------------------------------------------------------


def install_official(
    ctx: DeskContext, p12: bytes, password: str, login: str | None = None
) -> OfficialInstalled:
    """Install a signing official's PKCS#12 (from `qonys-department issue-official`).

    An administrator installs it for any consul; a consul may install their own.
    """
    login = login or ctx.officer.login
    if login != ctx.officer.login:
        # The key is wrapped under the official's own secret: only their session can do that.
        raise HandoutError(
            f"Қол қою кілтін тек {login} өзі орната алады (өз логинімен кіріп)",
            f"Ключ подписи может установить только сам {login} (войдя под своим логином)",
            f"only {login} can install their own signing key (logged in as {login}): "
            "it is locked with their password, which no one else knows",
        )
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(p12, password.encode("utf-8"))
    except ValueError:
        raise InvalidInput(
            Text(
                "PKCS#12 файлы оқылмады (құпиясөз қате ме?)",
                "Файл PKCS#12 не прочитан (неверный пароль?)",
                "cannot read the PKCS#12 file (wrong password?)",
            )
        ) from None
    if cert is None or not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise InvalidInput(
            Text(
                "PKCS#12 ішінде ECDSA/RSA кілті мен сертификат жоқ",
                "В PKCS#12 нет ключа ECDSA/RSA и сертификата",
                "the PKCS#12 holds no ECDSA/RSA key with a certificate",
            )
        )
    with ctx.uow() as uow:
        identity = uow.session.get(ExchangeIdentityRow, 1)
        if identity is None:
            raise exchange.NotEnrolled
        ca = x509.load_pem_x509_certificate(identity.ca_cert)
        try:
            cert.verify_directly_issued_by(ca)
        except (ValueError, TypeError, InvalidSignature) as exc:
            raise InvalidInput(
                Text(
                    "Сертификатты Департамент CA шығармаған",
                    "Сертификат выдан не УЦ Департамента",
                    f"the certificate was not issued by the Department CA ({type(exc).__name__})",
                )
            ) from None
        officer = uow.session.scalar(select(OfficerRow).where(OfficerRow.login == login))
        if officer is None or not officer.active:
            raise NotFound(officer_ref(login))
        if officer.role != Role.CONSUL.value:
            raise HandoutError(
                f"{login} — консул емес: 4-қосымшаға тек консул қол қояды",
                f"{login} — не консул: приложение 4 подписывает только консул",
                f"{login} is not a consul: only a consul signs Annex 4 (§10)",
            )
        chain = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in extra)
        signing_keys.install_signing_key(ctx, uow, key, cert, chain)
        ctx.audit(
            uow,
            "handouts.official_installed",
            "officer",
            officer.id,
            {"serial": format(cert.serial_number, "X")},
        )
        uow.commit()
    return OfficialInstalled(
        login, cert.subject.rfc4514_string(), cert.serial_number, cert.not_valid_after_utc
    )


def has_signing_key(ctx: DeskContext) -> bool:
    with ctx.uow() as uow:
        return uow.session.get(SigningCredentialRow, ctx.officer.id) is not None


def _pdf_signer(ctx: DeskContext, uow: UnitOfWork) -> PdfSigner:
    key = signing_keys.provider(ctx, uow)  # opens only with the official's own password
    if key is None:
        raise NoSigningKey(ctx.officer.login)
    cert = key.certificate
    if cert.not_valid_after_utc < ctx.now():
        raise HandoutError(
            "Қол қою сертификатының мерзімі өтті",
            "Срок сертификата подписи истек",
            f"the signing certificate expired on {cert.not_valid_after_utc:%Y-%m-%d}",
        )
    return key.pdf_signer(ctx.mission.name)


# --- case data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CaseSnapshot:
    """The columns of a case row that printing needs, read inside the transaction."""

    number: str
    surname: str
    name: str
    patronymic: str
    birth_date: date | None
    questionnaire: dict[str, Any]
    version: int


@dataclass(frozen=True)
class _Case:
    row: _CaseSnapshot
    events: list[Any]
    state: CaseState

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.row.surname, self.row.name, self.row.patronymic) if p)


def _load(uow: UnitOfWork, case_id: int) -> _Case:
    row = uow.cases.get(case_id)
    if row is None:
        raise NotFound(case_ref(case_id))
    events = procedure.case_events(uow, case_id)
    snap = _CaseSnapshot(
        row.number,
        row.surname,
        row.name,
        row.patronymic,
        row.birth_date,
        dict(row.questionnaire),
        row.version,
    )
    return _Case(snap, events, replay(events))


def _questionnaire(row: CaseRow | _CaseSnapshot) -> Questionnaire:
    try:
        return Questionnaire.from_dict(row.questionnaire)
    except QuestionnaireFormatError as exc:
        raise StoreDamaged(f"case {row.number}: {exc}") from None


def _birth(case: _Case) -> date:
    if case.row.birth_date is None:
        raise HandoutError(
            f"{case.row.number}: туған күні жоқ",
            f"{case.row.number}: нет даты рождения",
            f"{case.row.number}: the questionnaire has no date of birth",
        )
    return case.row.birth_date


def _notification_printable(case: _Case) -> bool:
    """§10: after permission, or a reprint of a notification already issued."""
    stage = case.state.stage
    recorded = stage in ISSUED_STAGES and case.state.notification_issued_on is not None
    return stage is Stage.PERMITTED or recorded


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


# The handouts by name (accusative in Kazakh and Russian: «… басып шығаруға», «печатать …»),
# and what each needs first, for the message that says why one cannot be printed yet.
_FORMS: dict[str, tuple[Text, Text]] = {
    "notification": (
        Text(
            "4-қосымша бойынша хабарламаны", "уведомление по приложению 4", "Annex 4 notification"
        ),
        Text(
            "тек рұқсат туралы хабарлама алынғаннан кейін, 10-тармақ",
            "только после уведомления о разрешении, п. 10",
            "only after permission, §10",
        ),
    ),
    "receipt": (
        Text(
            "қабылданғаны туралы белгісі бар өтініш көшірмесін",
            "копию заявления с отметкой о принятии",
            "acceptance receipt",
        ),
        Text(
            "құжаттар қабылданбаған, 4-тармақ",
            "документы не приняты, п. 4",
            "the documents were not accepted, §4",
        ),
    ),
    "refusal": (
        Text("қабылдаудан бас тартуды", "отказ в приеме", "refusal to accept"),
        Text(
            "қабылдаудан бас тартылмаған, 5-тармақ",
            "в приеме не отказано, п. 5",
            "acceptance was not refused, §5",
        ),
    ),
    "hearing": (
        Text("тыңдау туралы хабарламаны", "уведомление о заслушивании", "hearing notice"),
        Text(
            "алдымен «{step}» қадамын тыңдау уақытымен жазыңыз, 11-тармақ",
            "сначала запишите шаг «{step}» со временем заслушивания, п. 11",
            "record '{step}' with the hearing first, §11",
        ),
    ),
    "child-notification": (
        Text(
            "баланың 4-қосымша бойынша хабарламасын",
            "уведомление ребенка по приложению 4",
            "child's Annex 4 notification",
        ),
        Text(
            "тек өтініш берушінің хабарламасынан кейін, 10-тармақ",
            "только после уведомления заявителя, п. 10",
            "only after the applicant's notification, §10",
        ),
    ),
    "reasoned-refusal": (
        Text("дәлелді бас тартуды", "мотивированный отказ", "reasoned refusal"),
        Text(
            "тек бас тартудан кейін, 11-тармақ",
            "только после отказа, п. 11",
            "only after a refusal, §11",
        ),
    ),
}


def _wrong_stage(case: _Case, form: str) -> HandoutError:
    name, needed = _FORMS[form]
    step = TRANSITIONS[Action.SEND_PRELIMINARY_REFUSAL].title
    message = Text(
        "{number}: «{stage}» кезеңінде {form} басып шығаруға болмайды ({needed})",
        "{number}: на этапе «{stage}» нельзя печатать {form} ({needed})",
        "{number}: cannot print the {form} at stage '{stage}' ({needed})",
    ).format(
        number=case.row.number,
        stage=STAGE_TITLES[case.state.stage],
        form=name,
        needed=needed.format(step=step),
    )
    return HandoutError(message.kk, message.ru, message.en)


def _decision(case: _Case, data: Mapping[str, Any] | None = None) -> PoliceDecision:
    d = data if data is not None else case.state.decision
    try:
        return PoliceDecision(
            department=str(d["police_department"]),
            number=str(d["decision_number"]),
            date=date.fromisoformat(str(d["decision_date"])),
            # Recorded by hand since issue 12 §16; older records and packages have none.
            department_ru=str(d.get("police_department_ru") or ""),
        )
    except (KeyError, ValueError):
        raise HandoutError(
            f"{case.row.number}: Полиция департаментінің шешімі жазылмаған",
            f"{case.row.number}: решение Департамента полиции не записано",
            f"{case.row.number}: the Police Department's decision is not recorded",
        ) from None


def _last_event(case: _Case, action: Action) -> Mapping[str, Any] | None:
    for e in reversed(case.events):
        if e.kind == action.value:
            return dict(e.data)
    return None


def _grounds(data: Mapping[str, Any]) -> tuple[int, ...]:
    ground = str(data.get("ground") or "").strip()
    return (int(ground),) if ground.isdigit() else ()


# --- Annex 4: the notification ------------------------------------------------------------------


def notification_number(ctx: DeskContext, case: _Case) -> str:
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
    nid = f"{notification_number(ctx, case)}/{child}"
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
    nid = notification_number(ctx, case)
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

"""The mission's side of the exchange: trust import, export to the Department, import of decisions.

Each function is one use case and one transaction (STYLE §2). The package format and all
cryptography live in ``desktop.sync``; this module decides *what* travels and records it.

* ``install_enrolment`` — ``qonys trust import BUNDLE``: the mission's keys go into the
  encrypted store, the Department's key becomes the store's recovery slot.
* ``export`` — every case change, event and scan page not yet exported, as one package or
  parts, written atomically; an outbox row per package (built → carried → acknowledged).
* ``import_package`` — verify a decision package, apply each decision once as a case event,
  mark acknowledged packages, keep the newest trust list; idempotent, all or nothing.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import math
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from sqlalchemy import Engine, delete, func, select

from desktop.domain.i18n import Text
from desktop.domain.workflow import Action, DecisionChannel, Stage, WorkflowError, replay
from desktop.domain.workflow import apply as apply_event
from desktop.domain.workflow import decide as decide_step
from desktop.services import rulesets
from desktop.services.context import DeskContext, Role
from desktop.services.errors import KnownError
from desktop.services.procedure import (
    actor_of,
    calendar_in,
    case_events,
    store_deadlines,
    with_journal_number,
)
from desktop.services.shared_store import one_export_at_a_time
from desktop.storage.engine import streaming_reader
from desktop.storage.files import publish
from desktop.storage.models import (
    AppliedDecisionRow,
    AttachmentRow,
    AuditHeadRow,
    AuditRow,
    CaseRow,
    EventRow,
    ExchangeIdentityRow,
    ExportedRow,
    InboxRow,
    MissionRow,
    OfficerRow,
    OutboxRow,
    TrustListRow,
)
from desktop.storage.portable import insert_for
from desktop.storage.uow import UnitOfWork
from desktop.storage.vault import Vault
from desktop.sync import exchange, package
from desktop.sync.errors import ExchangeError, ReplayError, SequenceGapError
from desktop.sync.trust import TrustList, fingerprint, read_bundle, verify_trust_list

log = logging.getLogger(__name__)  # sequence numbers, case counts and refusal codes only

# A decision becomes the workflow step of its kind (§9: the notice of result arrives), which
# starts the §10 or §11 clock. When the case is not at a stage that takes it (the officer has
# not recorded the forwarding yet, say), it is kept as this informational event instead and
# the import says so: the officer records the step by hand from the case.
EVENT_DECISION = "decision_received"
DECISION_ACTIONS = {
    "permission": Action.RECORD_PERMISSION,
    "preliminary_refusal": Action.RECORD_PRELIMINARY_REFUSAL,
    "reasoned_refusal": Action.RECORD_REFUSAL,
}
# §7: a case goes to the Department once forwarded; before that it stays at the mission
# (unless it went out already, then its later steps follow it).
NOT_EXPORTED_STAGES = frozenset(
    {
        Stage.DRAFT.value,
        Stage.ACCEPTED.value,
        Stage.REFUSED_ACCEPTANCE.value,
        Stage.BURKIT_ENTERED.value,
        Stage.WITHDRAWN.value,
    }
)

BUILT, CARRIED, ACKNOWLEDGED = "built", "carried", "acknowledged"


class ExchangeFailed(KnownError):
    """A package or bundle failed a check; the English detail names the check.

    ``code`` is the failed check's stable code (``desktop.sync.errors``: 'wrong-recipient',
    'sequence-gap', 'replay', …) or one of this module's ('not-a-folder', 'write-failed', …),
    for the desk to word in Kazakh and Russian.
    """

    def __init__(self, detail: str, code: str = "exchange-failed") -> None:
        kk, ru = _REFUSALS.get(code, ("Пакет қабылданбады", "Пакет отклонён"))
        # The English detail names the exact check (and the file); kk/ru lead with the reason.
        super().__init__(Text(f"{kk}: {detail}", f"{ru}: {detail}", detail))
        self.detail = detail
        self.code = code


# kk, ru wording of each refusal code (desktop.sync.errors and this module).
_REFUSALS: dict[str, tuple[str, str]] = {
    "refusal-without-hearing": (
        "Пакетте алдын ала бас тартусыз және қаралған қарсылықсыз дәлелді бас тарту бар "
        "(11-тармақ); пакет толығымен қабылданбады",
        "Пакет содержит мотивированный отказ без предварительного отказа и рассмотренного "
        "возражения (п. 11); пакет отклонён целиком",
    ),
    "malformed": ("Пакеттің құрылымы бұзылған", "Пакет повреждён"),
    "truncated": ("Пакет толық емес, файл кесілген", "Пакет неполный, файл обрезан"),
    "unsupported-version": (
        "Пакет пішімінің бұл нұсқасы қолдау таппайды",
        "Эта версия формата пакета не поддерживается",
    ),
    "bad-signature": ("Пакеттің қолтаңбасы жарамсыз", "Подпись пакета недействительна"),
    "untrusted-signer": (
        "Қол қоюшының сертификаты сенім тізімінде жоқ",
        "Сертификат подписавшего не входит в список доверия",
    ),
    "tampered-member": ("Пакеттің мазмұны өзгертілген", "Содержимое пакета изменено"),
    "wrong-recipient": ("Пакет басқа алушыға арналған", "Пакет адресован другому получателю"),
    "unknown-sender": ("Пакетті жіберуші белгісіз", "Отправитель пакета неизвестен"),
    "revoked-sender": (
        "Жіберушінің сертификаты кері қайтарылған",
        "Сертификат отправителя отозван",
    ),
    "sequence": ("Пакеттің реттік нөмірі дұрыс емес", "Неверный порядковый номер пакета"),
    "sequence-gap": ("Алдыңғы пакеттер әлі келмеген", "Предыдущие пакеты ещё не получены"),
    "replay": ("Бұл пакет бұрын қабылданған", "Этот пакет уже был принят"),
    "rollback": (
        "Бұл пакет соңғы қабылданған пакеттен ескі",
        "Этот пакет старее последнего принятого",
    ),
    "broken-chain": (
        "Пакеттер тізбегі үзілген: алдыңғы пакеттің хэші сәйкес емес",
        "Цепочка пакетов нарушена: хэш предыдущего пакета не совпадает",
    ),
    "decryption-failed": (
        "Пакетті бұл кілтпен ашу мүмкін емес",
        "Пакет не расшифровывается этим ключом",
    ),
    "bad-trust-list": ("Сенім тізімі жарамсыз", "Список доверия недействителен"),
    "bad-rule-set": (
        "Департаменттің Қағидалар нұсқасы жарамсыз (қолтаңбасы немесе мазмұны); пакет толығымен "
        "қабылданбады",
        "Редакция Правил от Департамента недействительна (подпись или содержание); пакет "
        "отклонён целиком",
    ),
    "wrong-mission": (
        "Бума басқа өкілдікке арналған",
        "Пакет регистрации для другого загранучреждения",
    ),
    "revoked-self": (
        "Бұл өкілдіктің сертификатын Департамент кері қайтарған",
        "Сертификат этого загранучреждения отозван Департаментом",
    ),
    "not-a-folder": ("Бұл қалта емес", "Это не папка"),
    "write-failed": (
        "Экспорт жазылмады, ештеңе сақталмады",
        "Экспорт не записан, ничего не сохранено",
    ),
    "part-too-small": (
        "Бөліктің көлемі кемінде 1 МБ болуы керек",
        "Часть должна быть не меньше 1 МБ",
    ),
    "reset-refused": ("Тізбек қалпына келтірілмеді", "Цепочка не сброшена"),
    "signature-not-canonical": (
        "Қолтаңба файлы өзгертілген (қол қойылмаған өріс)",
        "Файл подписи изменён (неподписанное поле)",
    ),
    "no-such-package": (
        "Шығыс пакеттер тізімінде мұндай пакет жоқ",
        "В исходящих нет такого пакета",
    ),
}


class ExportCancelled(KnownError):
    """The officer stopped an export: every file it wrote is gone and nothing was recorded."""

    code = "cancelled"

    def __init__(self) -> None:
        super().__init__(
            Text(
                "Экспорт тоқтатылды: бірде-бір файл қалмады, ештеңе жазылмады.",
                "Экспорт отменен: файлы удалены, ничего не записано.",
                "Export cancelled: no file was left behind and nothing was recorded.",
            )
        )


class _Stop(Exception):
    """Raised between two cases when ``should_stop`` says so; becomes ExportCancelled."""


class NotEnrolled(KnownError):
    def __init__(self) -> None:
        super().__init__(
            Text(
                "Шет елдердегі мекеме әлі тіркелмеген: алдымен `qonys trust import BUNDLE` орындаңыз",
                "Загранучреждение не зарегистрировано: сначала `qonys trust import BUNDLE`",
                "This mission is not enrolled yet: run `qonys trust import BUNDLE` first",
            )
        )


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey,
) -> bytes:
    # Unencrypted PKCS#8 *inside* the SQLCipher database, which is itself encrypted.
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


# --- trust ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Installed:
    mission_code: str
    trust_list_version: int
    recovery_slot: bool


def install_enrolment(ctx: DeskContext, bundle: bytes, password: str) -> Installed:
    """Install an enrolment bundle (administrator); re-installing replaces the keys."""
    ctx.require(Role.ADMIN, "install the Department's enrolment bundle")
    try:
        enrol = read_bundle(bundle, password)
    except ExchangeError as exc:
        raise ExchangeFailed(str(exc), exc.code) from exc
    with ctx.uow() as uow:
        mission = uow.session.get(MissionRow, 1)
        if mission is None or mission.code != enrol.code:
            raise ExchangeFailed(
                f"the bundle is for mission {enrol.code}, this store is "
                f"{mission.code if mission else '?'}",
                "wrong-mission",
            )
        row = uow.session.get(ExchangeIdentityRow, 1) or ExchangeIdentityRow(id=1)
        row.mission_code = enrol.code
        row.department_code = enrol.department_code
        row.ca_cert = _pem(enrol.ca)
        row.department_signing_cert = _pem(enrol.department_signing)
        row.signing_cert = _pem(enrol.signing_cert)
        row.signing_key = _key_pem(enrol.signing_key)
        row.encryption_cert = _pem(enrol.encryption_cert)
        row.encryption_key = _key_pem(enrol.encryption_key)
        row.seal_kid = enrol.seal_kid
        # Plain only until a signing official can hold it: wrap_seal hands it to every consul
        # with an endorsed box key and then removes this copy (services/signing_keys.py).
        row.seal_key = _key_pem(enrol.seal_key)
        row.installed_at = ctx.now()
        row = uow.session.merge(row)
        uow.session.flush()
        from desktop.services import signing_keys  # pyHanko: loaded only when needed

        signing_keys.wrap_seal(ctx, uow, row, enrol.seal_key)
        _store_trust_list(uow, enrol.trust_list, enrol.trust_list_der, ctx.now())
        ctx.audit(
            uow, "trust.import", "mission", enrol.code, {"trust_list": enrol.trust_list.version}
        )
        uow.commit()
    # DESIGN (trust model): a recovery slot wrapped to the Department's key, so a mission
    # whose officers have all left can still be opened by the Department.
    paths = ctx.store.paths
    public = enrol.department_encryption.public_key()
    assert isinstance(public, rsa.RSAPublicKey)
    with Vault.updating(paths.vault) as vault:
        vault.set_recovery(public, ctx.store.key, fingerprint(enrol.department_encryption))
    return Installed(enrol.code, enrol.trust_list.version, True)


def _store_trust_list(uow: UnitOfWork, tl: TrustList, der: bytes, now: datetime) -> bool:
    """Keep a trust list if it is newer than every one we hold (never roll back)."""
    newest = uow.session.scalar(select(func.max(TrustListRow.version))) or 0
    if tl.version <= newest:
        return False
    uow.session.add(
        TrustListRow(version=tl.version, issued_at=tl.issued_at, received_at=now, der=der)
    )
    return True


def _identity_row(uow: UnitOfWork) -> ExchangeIdentityRow:
    row = uow.session.get(ExchangeIdentityRow, 1)
    if row is None:
        raise NotEnrolled
    return row


def _newest_trust(uow: UnitOfWork, ca: x509.Certificate) -> TrustList | None:
    row = uow.session.scalars(
        select(TrustListRow).order_by(TrustListRow.version.desc()).limit(1)
    ).first()
    return verify_trust_list(row.der, [ca]) if row else None


def _identity(uow: UnitOfWork) -> tuple[exchange.Identity, TrustList | None]:
    row = _identity_row(uow)
    ca = x509.load_pem_x509_certificate(row.ca_cert)
    trust = _newest_trust(uow, ca)
    dep_signing = x509.load_pem_x509_certificate(row.department_signing_cert)
    # The keys were checked when the enrolment bundle was installed, and have lived inside the
    # encrypted store since: re-validating the RSA key costs ~60 ms on every export and import.
    signing_key = serialization.load_pem_private_key(
        row.signing_key, None, unsafe_skip_rsa_key_validation=True
    )
    encryption_key = serialization.load_pem_private_key(
        row.encryption_key, None, unsafe_skip_rsa_key_validation=True
    )
    assert isinstance(signing_key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey)
    assert isinstance(encryption_key, rsa.RSAPrivateKey)
    if trust is None:
        raise NotEnrolled
    signers = {fingerprint(dep_signing), fingerprint(trust.department_signing)}
    me = exchange.Identity(
        code=row.mission_code,
        signing_cert=x509.load_pem_x509_certificate(row.signing_cert),
        signing_key=signing_key,
        encryption_cert=x509.load_pem_x509_certificate(row.encryption_cert),
        encryption_key=encryption_key,
        ca=ca,
        peer_code=row.department_code,
        peer_encryption_cert=trust.department_encryption,
        peer_signing_fingerprints=frozenset(signers),
    )
    if trust.is_revoked(me.signing_cert):
        raise ExchangeFailed(
            "this mission's certificate has been revoked by the Department", "revoked-self"
        )
    return me, trust


@dataclass(frozen=True)
class TrustStatus:
    mission_code: str
    version: int
    issued_at: datetime
    age_days: float
    missions: int
    revocations: int


def trust_status(ctx: DeskContext) -> TrustStatus:
    """The newest trust list and how old it is (``qonys verify`` says so)."""
    with ctx.uow() as uow:
        row = _identity_row(uow)
        code = row.mission_code
        tl = _newest_trust(uow, x509.load_pem_x509_certificate(row.ca_cert))
    if tl is None:
        raise NotEnrolled
    return TrustStatus(
        code, tl.version, tl.issued_at, tl.age(ctx.now()), len(tl.missions), len(tl.revocations)
    )


def newest_trust_list(ctx: DeskContext) -> TrustList:
    """For verifying seals and signatures offline (documents room)."""
    with ctx.uow() as uow:
        row = _identity_row(uow)
        tl = _newest_trust(uow, x509.load_pem_x509_certificate(row.ca_cert))
    if tl is None:
        raise NotEnrolled
    return tl


def seal_key(ctx: DeskContext) -> tuple[str, ed25519.Ed25519PrivateKey]:
    """The mission's Ed25519 seal key and its key id (documents room: the Annex 4 QR seal).

    Only for a signing official in a session opened with their own password: the key is
    wrapped to them (services/signing_keys.py), never readable with the data key alone.
    """
    from desktop.services import signing_keys

    return signing_keys.open_seal(ctx)


# --- export --------------------------------------------------------------------------------
@dataclass(frozen=True)
class OutboxEntry:
    """One package in the outbox; ``cases``/``events``/``scans`` count what *it* carries
    (a case straddling two parts of a split export is counted in both)."""

    sequence: int
    file_name: str
    folder: str
    size: int
    cases: int
    events: int
    scans: int
    state: str
    created_at: datetime
    carried_at: datetime | None
    acknowledged_at: datetime | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "sequence": self.sequence,
            "file": self.file_name,
            "folder": self.folder,
            "size": self.size,
            "cases": self.cases,
            "events": self.events,
            "scans": self.scans,
            "state": self.state,
            "created_at": self.created_at.isoformat(),
            "carried_at": self.carried_at.isoformat() if self.carried_at else None,
            "acknowledged_at": self.acknowledged_at.isoformat() if self.acknowledged_at else None,
        }


def _entry(row: OutboxRow) -> OutboxEntry:
    return OutboxEntry(
        row.sequence,
        row.file_name,
        row.folder,
        row.size,
        row.cases,
        row.events,
        row.scans,
        row.state,
        row.created_at,
        row.carried_at,
        row.acknowledged_at,
    )


@dataclass
class _Pending:
    cases: list[tuple[int, int]]  # (case id, version)
    events: list[int]
    attachments: list[int]


def _pending(uow: UnitOfWork, stages_excluded: frozenset[str]) -> tuple[list[int], _Pending]:
    s = uow.session
    exported: dict[tuple[str, int], int] = {
        (k, r): v
        for k, r, v in s.execute(select(ExportedRow.kind, ExportedRow.ref_id, ExportedRow.version))
    }
    sent_before = {ref for kind, ref in exported if kind == "case"}
    case_rows = [
        (cid, ver)
        for cid, ver, stage in s.execute(select(CaseRow.id, CaseRow.version, CaseRow.stage))
        if stage not in stages_excluded or cid in sent_before
    ]
    eligible = {cid for cid, _ in case_rows}
    new_events = [
        eid
        for eid, cid in s.execute(select(EventRow.id, EventRow.case_id).order_by(EventRow.id))
        if cid in eligible and ("event", eid) not in exported
    ]
    new_atts = [
        aid
        for aid, cid in s.execute(
            select(AttachmentRow.id, AttachmentRow.case_id).order_by(AttachmentRow.id)
        )
        if cid in eligible and ("attachment", aid) not in exported
    ]
    event_cases = (
        set(s.scalars(select(EventRow.case_id).where(EventRow.id.in_(new_events))))
        if new_events
        else set()
    )
    att_cases = (
        set(s.scalars(select(AttachmentRow.case_id).where(AttachmentRow.id.in_(new_atts))))
        if new_atts
        else set()
    )
    changed = [
        (cid, ver)
        for cid, ver in case_rows
        if exported.get(("case", cid)) != ver or cid in event_cases or cid in att_cases
    ]
    return sorted(cid for cid, _ in changed), _Pending(changed, new_events, new_atts)


def _scan_order(uow: UnitOfWork, case_ids: Sequence[int], pending: _Pending) -> list[int]:
    """The attachment ids in the order ``_outgoing`` will load them."""
    if not pending.attachments:
        return []
    order = {cid: i for i, cid in enumerate(case_ids)}
    rows = uow.session.execute(
        select(AttachmentRow.id, AttachmentRow.case_id).where(
            AttachmentRow.id.in_(pending.attachments)
        )
    ).all()
    ranked = sorted((order[cid], aid) for aid, cid in rows if cid in order)
    return [aid for _, aid in ranked]


def _outgoing(
    uow: UnitOfWork,
    mission_code: str,
    case_ids: Sequence[int],
    pending: _Pending,
    prefetch: _Prefetcher,
) -> Iterator[exchange.OutgoingCase]:
    s = uow.session
    logins: dict[int, str] = {
        oid: login for oid, login in s.execute(select(OfficerRow.id, OfficerRow.login))
    }
    new_events = set(pending.events)
    new_atts = set(pending.attachments)
    for cid in case_ids:
        row = s.get(CaseRow, cid)
        assert row is not None
        events = [
            {
                "id": str(e.id),
                "kind": e.kind,
                "at": e.at.isoformat(),
                "officer": logins.get(e.officer_id) if e.officer_id else None,
                "data": e.data,
            }
            for e in s.scalars(
                select(EventRow).where(EventRow.case_id == cid).order_by(EventRow.seq)
            )
            if e.id in new_events
        ]
        atts = s.execute(
            select(
                AttachmentRow.id, AttachmentRow.item_key, AttachmentRow.page_no, AttachmentRow.mime
            )
            .where(AttachmentRow.case_id == cid)
            .order_by(AttachmentRow.id)
        ).all()
        scans = [
            exchange.OutgoingScan(
                id=str(aid),
                case_id=str(cid),
                page=max(page, 0),
                media_type=mime,
                load=partial(prefetch.get, aid),
                digest=partial(prefetch.digest, aid),
                document=item_key,
            )
            for aid, item_key, page, mime in atts
            if aid in new_atts
        ]
        s.expunge(row)
        yield exchange.OutgoingCase(
            record={
                "id": str(cid),
                "number": row.number,
                "mission": mission_code,
                "questionnaire": row.questionnaire,
                "events": events,
            },
            scans=scans,
        )


_MALLOC_KEPT = False


def _keep_freed_buffers() -> None:
    """Let glibc keep freed megabyte buffers for reuse instead of returning them to the kernel.

    Every scan page passes through two fresh buffers (SQLite's and Python's): with glibc's
    defaults each was mapped anew and faulted in page by page, which cost as much CPU as
    SQLCipher's decryption (bench.exchange). ``mallopt`` (glibc's documented M_MMAP_THRESHOLD
    and M_TRIM_THRESHOLD) keeps them on the heap; a process keeps at most a few tens of MB it
    freed. Elsewhere (no glibc) nothing changes.
    """
    global _MALLOC_KEPT
    if _MALLOC_KEPT:
        return
    _MALLOC_KEPT = True
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):
        return
    m_trim_threshold, m_mmap_threshold = -1, -3
    mallopt(m_mmap_threshold, 32 * 1024 * 1024)
    mallopt(m_trim_threshold, 64 * 1024 * 1024)


class _Prefetcher:
    """Reads scan pages ahead on its own connection while the caller encrypts the last one.

    SQLite releases the GIL while it reads and decrypts pages, so the read of page n+1 overlaps
    the encryption of page n. At most ``depth`` pages wait in the queue: memory stays bounded.
    """

    def __init__(self, engine: Engine, ids: list[int], depth: int = 2) -> None:
        self._ids = ids
        self._engine = engine
        self._queue: queue.Queue[tuple[int, bytes | BaseException, str]] = queue.Queue(
            maxsize=depth
        )
        self._digests: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="scan-prefetch", daemon=True)
        self._thread.start()

    def _put(self, item: tuple[int, bytes | BaseException, str]) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        try:
            with streaming_reader(self._engine) as conn:
                for aid in self._ids:
                    data, digest = conn.execute(
                        select(AttachmentRow.data, AttachmentRow.sha256).where(
                            AttachmentRow.id == aid
                        )
                    ).one()
                    page = bytes(data)
                    if digest is None:  # a page stored before revision 0005
                        digest = hashlib.sha256(page).hexdigest()
                    if not self._put((aid, page, digest)):
                        return
        except BaseException as exc:  # handed to the consumer, raised there
            self._put((-1, exc, ""))

    def get(self, attachment_id: int) -> bytes:
        got, data, digest = self._queue.get()
        if isinstance(data, BaseException):
            raise data
        if got != attachment_id:
            raise RuntimeError("scan pages were read out of order")  # a bug, not user input
        self._digests[got] = digest
        return data

    def digest(self, attachment_id: int) -> str:
        """SHA-256 of a page already handed out by ``get``."""
        return self._digests.pop(attachment_id)

    def close(self) -> None:
        self._stop.set()
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._thread.join()


@dataclass(frozen=True)
class ExportResult:
    packages: list[OutboxEntry]
    cases: int
    events: int
    scans: int
    # Packages an export killed after its commit left unpublished, published now.
    recovered: tuple[Path, ...] = ()
    # Leftovers of an export killed before its commit (never recorded), removed now.
    removed: tuple[Path, ...] = ()


@one_export_at_a_time
def export(
    ctx: DeskContext,
    out_dir: Path,
    *,
    max_part_mb: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    include_stages: bool = False,
) -> ExportResult:
    """Write every change not yet exported into ``out_dir``; nothing is recorded on failure.

    ``out_dir`` is created if it does not exist (a fresh folder on a USB stick). ``should_stop``
    is asked between cases; when it answers True the files written so far are removed and
    ExportCancelled is raised. Cases go once forwarded (§7: stage ``forwarded`` or later);
    ``include_stages=True`` also sends the others (a test and demo convenience).

    Crash safety, as the Department's ``send``: packages are written under a hidden name
    (``.NAME.qpkg.unpublished``), recorded and committed, and only then renamed to the name
    under which they travel. A package under its real name is therefore always one the outbox
    knows. An export killed after its commit left hidden files: the next export publishes them
    (``ExportResult.recovered``); one killed before left files no row knows (hidden or
    ``.partial``), which the next export into the same folder removes (``removed``).
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if out_dir.exists() and not out_dir.is_dir():
            raise ExchangeFailed(f"{out_dir} is not a folder", "not-a-folder") from None
        raise ExchangeFailed(
            f"the folder {out_dir} cannot be made ({exc.strerror or exc})", "write-failed"
        ) from None
    if max_part_mb is not None and not math.isfinite(max_part_mb):
        raise ExchangeFailed("the part size must be a number of MB", "part-too-small")
    # A part is a package, a classic ZIP of at most 4 GiB: larger limits change nothing.
    limit = int(min(max_part_mb, _MAX_PART_MB) * 1024 * 1024) if max_part_mb else None
    if limit is not None and limit < 1024 * 1024:
        raise ExchangeFailed("a part must be at least 1 MB", "part-too-small")
    excluded = frozenset() if include_stages else NOT_EXPORTED_STAGES
    recovered = _finish_interrupted_export(ctx)
    with ctx.uow() as uow:
        me, _trust = _identity(uow)
        case_ids, pending = _pending(uow, excluded)
        last = uow.session.scalars(
            select(OutboxRow).order_by(OutboxRow.sequence.desc()).limit(1)
        ).first()
        removed = _remove_unrecorded(
            out_dir, me.code, me.peer_code, (last.sequence if last else 0) + 1
        )
        if removed:
            ctx.audit(
                uow,
                "exchange.leftovers-removed",
                "outbox",
                (last.sequence if last else 0) + 1,
                {"files": len(removed)},
            )
            uow.commit()
        acks = [
            {"sequence": r.sequence, "sha256": r.sha256, "received_at": r.received_at.isoformat()}
            for r in uow.session.scalars(select(InboxRow).order_by(InboxRow.sequence))
        ]
        nothing = ExportResult([], 0, 0, 0, recovered, removed)
        if not case_ids and not acks:
            log.info("export: nothing to send")
            return nothing
        if not case_ids and last is not None and _acks_already_sent(uow, acks):
            log.info("export: nothing new to send")
            return nothing
        total = len(case_ids)
        checkpoint = audit_checkpoint(uow)
        _keep_freed_buffers()
        prefetch = _Prefetcher(ctx.store.engine, _scan_order(uow, case_ids, pending))
        carried: list[exchange.PartContents] = []
        try:
            written = exchange.export_packages(
                out_dir,
                me,
                _outgoing(uow, me.code, case_ids, pending, prefetch),
                acknowledgements=acks,
                first_sequence=(last.sequence if last else 0) + 1,
                previous_sha256=last.sha256 if last else None,
                previous_manifest_sha256=last.manifest_sha256 if last else None,
                stage=_staged,
                max_part_bytes=limit,
                progress=lambda n: _tick(n, total, progress, should_stop),
                now=ctx.now(),
                on_part=lambda _done, contents: carried.append(contents),
                audit_checkpoint=checkpoint,
            )
        except _Stop as exc:
            for done in getattr(exc, "written", []):
                done.path.unlink(missing_ok=True)
            log.info("export cancelled by the officer; nothing recorded")
            raise ExportCancelled from None
        except OSError as exc:
            for done in getattr(exc, "written", []):
                done.path.unlink(missing_ok=True)
            log.warning("export refused: cannot write (%s); nothing recorded", type(exc).__name__)
            raise ExchangeFailed(
                f"the export could not be written ({exc.strerror or exc}); nothing was recorded",
                "write-failed",
            ) from exc
        finally:
            prefetch.close()
        try:
            entries = _record_export(ctx, uow, out_dir, written, carried, pending, acks)
            uow.commit()
        except BaseException:
            for done in written:
                done.path.unlink(missing_ok=True)
            raise
    # Committed: now, and only now, the packages get the names under which they travel.
    for done in written:
        _publish(done.path)
    log.info(
        "exported packages %s: %d cases, %d events, %d scans",
        [e.sequence for e in entries],
        len(case_ids),
        len(pending.events),
        len(pending.attachments),
    )
    return ExportResult(
        entries,
        len(case_ids),
        len(pending.events),
        len(pending.attachments),
        recovered,
        removed,
    )


_MAX_PART_MB = 4095  # a package is a classic ZIP: at most 4 GiB
UNPUBLISHED = ".unpublished"


def _staged(path: Path) -> Path:
    """Where ``export`` writes a package before its commit: hidden, and not named ``*.qpkg``,
    so no one carries it and no ``import *.qpkg`` picks it up."""
    return path.with_name(f".{path.name}{UNPUBLISHED}")


def _real(staged: Path) -> Path:
    return staged.with_name(staged.name[1 : -len(UNPUBLISHED)])


def _publish(staged: Path) -> Path:
    path = _real(staged)
    publish(staged, path)
    return path


def _finish_interrupted_export(ctx: DeskContext) -> tuple[Path, ...]:
    """Publish the packages an export recorded but was killed before renaming."""
    done: list[Path] = []
    with ctx.uow() as uow:
        for row in uow.session.scalars(select(OutboxRow).where(OutboxRow.state == BUILT)):
            path = Path(row.folder) / row.file_name
            staged = _staged(path)
            if path.exists() or not staged.is_file():
                # Published, or its folder is gone with the removable medium.
                continue
            if package.file_sha256(staged) != row.sha256:
                # Not the package the outbox recorded (short of tampering, cannot happen):
                # never publish it under that number.
                staged.unlink()
                continue
            done.append(_publish(staged))
            ctx.audit(uow, "exchange.export-finished", "outbox", row.sequence)
        if done:
            uow.commit()
    return tuple(done)


def _remove_unrecorded(out_dir: Path, code: str, peer: str, first: int) -> tuple[Path, ...]:
    """What an export killed before its commit left in ``out_dir``: hidden packages of
    numbers the outbox never took, and half-written ``.partial`` files."""
    marker = f"{code}-to-{peer}-"
    removed: list[Path] = []
    for leftover in sorted(out_dir.glob(f".{marker}*{package.SUFFIX}*")):
        rest = leftover.name[len(marker) + 1 :]
        number = rest.split(".", 1)[0]
        partial = leftover.name.endswith(".partial")
        unrecorded = (
            leftover.name.endswith(UNPUBLISHED) and number.isdigit() and (int(number) >= first)
        )
        if (partial or unrecorded) and leftover.is_file():
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return tuple(removed)


AUDIT_ANCHORS = 16


def audit_checkpoint(uow: UnitOfWork) -> dict[str, Any]:
    """The audit log's checkpoint for a package's manifest (docs/package-format.md).

    `entries`/`head`: the log now. `anchors`: for the checkpoints the last packages carried,
    the hash the log holds *now* at that position: the Department compares the one it kept
    and so sees a log cut or rewritten below it (docs/administration.md, threat model).
    """
    head = uow.session.get(AuditHeadRow, 1)
    entries, last = (head.last_id, head.last_hash) if head else (0, "0" * 64)
    anchors: dict[str, str] = {}
    earlier = uow.session.scalars(
        select(OutboxRow.audit_entries)
        .where(OutboxRow.audit_entries.is_not(None))
        .order_by(OutboxRow.sequence.desc())
        .limit(AUDIT_ANCHORS)
    )
    for n in earlier:
        if n is None or str(n) in anchors:
            continue
        row = uow.session.get(AuditRow, n)
        anchors[str(n)] = row.hash if row is not None else ""
    return {"entries": entries, "head": last, "anchors": anchors}


def _tick(
    done: int,
    total: int,
    progress: Callable[[int, int], None] | None,
    should_stop: Callable[[], bool] | None,
) -> None:
    if progress is not None:
        progress(done, total)
    if should_stop is not None and done < total and should_stop():
        raise _Stop


def _acks_already_sent(uow: UnitOfWork, acks: list[dict[str, Any]]) -> bool:
    newest = max(a["sequence"] for a in acks)
    return uow.session.get(ExportedRow, ("inbox", newest)) is not None


def _record_export(
    ctx: DeskContext,
    uow: UnitOfWork,
    out_dir: Path,
    written: list[package.WrittenPackage],
    carried: list[exchange.PartContents],
    pending: _Pending,
    acks: list[dict[str, Any]],
) -> list[OutboxEntry]:
    s = uow.session
    assert len(carried) == len(written)
    rows = []
    for w, part in zip(written, carried, strict=True):
        # What this package carries, exactly: a case whose scans straddle two parts travels
        # (with its new events) in both, and is counted in both, as the Department sees it.
        row = OutboxRow(
            sequence=w.manifest.sequence,
            sha256=w.sha256,
            manifest_sha256=w.manifest_sha256,
            file_name=_real(w.path).name,
            folder=str(out_dir.resolve()),
            size=w.size,
            cases=len(set(part.cases)),
            events=len(set(part.events)),
            scans=len(set(part.scans)),
            state=BUILT,
            created_at=ctx.now(),
            carried_at=None,
            acknowledged_at=None,
            audit_entries=(w.manifest.audit or {}).get("entries"),
            audit_head=(w.manifest.audit or {}).get("head"),
        )
        s.add(row)
        rows.append(row)
    s.flush()
    first = rows[0]
    # Each item is marked as exported by the (last) package that carried it; the
    # acknowledgements travel in the first.
    carrier: dict[tuple[str, int], int] = {}
    for row, part in zip(rows, carried, strict=True):
        for kind, ids in (("case", part.cases), ("event", part.events), ("attachment", part.scans)):
            for ref in ids:
                carrier[(kind, int(ref))] = row.id
    keyed: list[tuple[str, int, int]] = (
        [("case", cid, ver) for cid, ver in pending.cases]
        + [("event", eid, 1) for eid in pending.events]
        + [("attachment", aid, 1) for aid in pending.attachments]
    )
    items: list[dict[str, Any]] = [
        {
            "kind": kind,
            "ref_id": ref,
            "version": ver,
            "outbox_id": carrier.get((kind, ref), first.id),
        }
        for kind, ref, ver in keyed
    ]
    if acks:
        items.append(
            {
                "kind": "inbox",
                "ref_id": max(a["sequence"] for a in acks),
                "version": 1,
                "outbox_id": first.id,
            }
        )
    if items:
        # One statement for thousands of rows.
        stmt = insert_for(s, ExportedRow)
        s.execute(
            stmt.on_conflict_do_update(
                index_elements=["kind", "ref_id"],
                set_={"version": stmt.excluded.version, "outbox_id": stmt.excluded.outbox_id},
            ),
            items,
        )
    ctx.audit(
        uow,
        "exchange.export",
        "outbox",
        first.sequence,
        {
            "packages": len(rows),
            "cases": len(pending.cases),
            "events": len(pending.events),
            "scans": len(pending.attachments),
        },
    )
    return [_entry(r) for r in rows]


def outbox(ctx: DeskContext) -> list[OutboxEntry]:
    with ctx.uow() as uow:
        return [
            _entry(r) for r in uow.session.scalars(select(OutboxRow).order_by(OutboxRow.sequence))
        ]


def mark_carried(ctx: DeskContext, sequence: int) -> OutboxEntry:
    """The officer handed the package to a courier / copied it to media (state: carried)."""
    with ctx.uow() as uow:
        row = uow.session.scalars(select(OutboxRow).where(OutboxRow.sequence == sequence)).first()
        if row is None:
            raise ExchangeFailed(f"there is no package {sequence} in the outbox", "no-such-package")
        if row.state == BUILT:
            row.state = CARRIED
            row.carried_at = ctx.now()
            ctx.audit(uow, "exchange.carried", "outbox", sequence)
            uow.commit()
        return _entry(row)


# --- import --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportResult:
    sequence: int
    decisions: int
    acknowledged: int
    trust_list_version: int | None
    replay: bool = False
    missing: tuple[int, ...] = ()
    held: tuple[str, ...] = ()  # case numbers whose decision waits for the officer


def import_package(ctx: DeskContext, path: Path, *, allow_gap: bool = False) -> ImportResult:
    """Verify a decision package and apply it in one transaction; a replay changes nothing."""
    with ctx.uow() as uow:
        s = uow.session
        me, trust = _identity(uow)
        last = s.scalars(select(InboxRow).order_by(InboxRow.sequence.desc()).limit(1)).first()
        state = _channel_state(last)

        def received(seq: int) -> package.Link | None:
            row = s.scalars(select(InboxRow).where(InboxRow.sequence == seq)).first()
            return package.Link(row.sha256, row.manifest_sha256) if row else None

        try:
            incoming = exchange.open_incoming(
                path, me, state, received, trust=trust, allow_gap=allow_gap
            )
        except ReplayError:
            seq = package.read_manifest(path).sequence
            log.info("import of package %d: already received, nothing changed", seq)
            return ImportResult(seq, 0, 0, None, replay=True)
        except ExchangeError as exc:
            log.warning("import refused: %s (last received %d)", exc.code, state.last_sequence)
            raise ExchangeFailed(f"{path.name}: {exc}", exc.code) from exc
        missing = tuple(range(state.last_sequence + 1, incoming.manifest.sequence))
        try:
            n_decisions, n_acks, tl_version, held = _apply(ctx, uow, me, incoming)
        except ExchangeError as exc:
            log.warning("import of package %d refused: %s", incoming.manifest.sequence, exc.code)
            raise ExchangeFailed(f"{path.name}: {exc}", exc.code) from exc
        s.add(
            InboxRow(
                sequence=incoming.manifest.sequence,
                sha256=incoming.verified.sha256,
                manifest_sha256=incoming.verified.manifest_sha256,
                package_id=incoming.manifest.package_id,
                created_at=incoming.manifest.created_at,
                received_at=ctx.now(),
                decisions=n_decisions,
            )
        )
        ctx.audit(
            uow,
            "exchange.import",
            "inbox",
            incoming.manifest.sequence,
            {"decisions": n_decisions, "acknowledged": n_acks},
        )
        uow.commit()
    log.info(
        "package %d imported: %d decisions, %d acknowledgements%s",
        incoming.manifest.sequence,
        n_decisions,
        n_acks,
        f", missing {list(missing)}" if missing else "",
    )
    return ImportResult(
        incoming.manifest.sequence,
        n_decisions,
        n_acks,
        tl_version,
        missing=missing,
        held=tuple(held),
    )


def _channel_state(last: InboxRow | None) -> package.ChannelState:
    if last is None:
        return package.ChannelState(0, None)
    if last.chain_reset:  # the administrator reset the chain here: take what comes next
        return package.ChannelState(last.sequence, None)
    return package.ChannelState(last.sequence, last.sha256, last.manifest_sha256)


@dataclass(frozen=True)
class ChainReset:
    to: int
    forgotten: tuple[int, ...]  # the packages above ``to`` no longer on record


def reset_chain(ctx: DeskContext, to: int, reason: str) -> ChainReset:
    """The way out of a broken chain from the Department (administrator, audited).

    Packages numbered above ``to`` are forgotten (the decisions they carried stay applied),
    and the next package, ``to + 1``, is taken whatever it names as the package before it.
    Use it when the Department says its store was restored from a backup, or when a
    package accepted earlier turns out not to be the one the Department sent.
    """
    ctx.require(Role.ADMIN, "reset the chain of packages from the Department")
    reason = reason.strip()
    if not reason:
        raise ExchangeFailed("say why the chain is reset (--reason)", "reset-refused")
    with ctx.uow() as uow:
        s = uow.session
        rows = list(s.scalars(select(InboxRow).order_by(InboxRow.sequence)))
        numbers = [r.sequence for r in rows]
        if to != 0 and to not in numbers:
            known = f"{numbers[0]}–{numbers[-1]}" if numbers else "none"
            raise ExchangeFailed(
                f"no package {to} from the Department is on record here (received: {known})",
                "reset-refused",
            )
        forgotten = tuple(r.sequence for r in rows if r.sequence > to)
        for r in rows:
            if r.sequence > to:
                s.delete(r)
            else:
                r.chain_reset = r.sequence == to
        s.execute(delete(ExportedRow).where(ExportedRow.kind == "inbox", ExportedRow.ref_id > to))
        ctx.audit(
            uow,
            "exchange.chain-reset",
            "inbox",
            to,
            {"forgotten": list(forgotten), "reason": reason[:500]},
        )
        uow.commit()
    return ChainReset(to, forgotten)


def _install_rule_sets(
    ctx: DeskContext, uow: UnitOfWork, me: exchange.Identity, signed: list[str]
) -> None:
    """§14-1: the Department's rule sets, each verified against its trust; one that fails
    refuses the whole package (`rulesets.install_signed`)."""
    trust = _newest_trust(uow, me.ca)
    if trust is None:
        raise ExchangeError("a rule set arrived before any trust list: enrol the mission first")
    for text in signed:
        try:
            der = base64.b64decode(text, validate=True)
        except ValueError:
            raise ExchangeError("a rule set in the package is not base64") from None
        rulesets.install_signed(ctx, uow, der, [me.ca], trust.department_signing)


def _apply(
    ctx: DeskContext, uow: UnitOfWork, me: exchange.Identity, incoming: exchange.Incoming
) -> tuple[int, int, int | None, list[str]]:
    s = uow.session
    n_decisions = n_acks = 0
    tl_version: int | None = None
    held: list[str] = []
    for rec in incoming.records(me):
        if rec.cases or rec.scans:
            # DESIGN: ownership partitions the data; cases are the mission's own.
            raise ExchangeError("a Department package cannot carry cases or scans")
        if rec.trust_list:
            import base64

            der = base64.b64decode(rec.trust_list)
            tl = verify_trust_list(der, [me.ca])
            if _store_trust_list(uow, tl, der, ctx.now()):
                tl_version = tl.version
        if rec.rule_sets:
            _install_rule_sets(ctx, uow, me, rec.rule_sets)
        for ack in rec.acknowledgements:
            row = s.scalars(select(OutboxRow).where(OutboxRow.sequence == ack["sequence"])).first()
            if row is not None and row.sha256 == ack["sha256"] and row.state != ACKNOWLEDGED:
                row.state = ACKNOWLEDGED
                row.acknowledged_at = ctx.now()
                n_acks += 1
        for d in rec.decisions:
            if s.get(AppliedDecisionRow, d["id"]) is not None:
                continue  # sent again until acknowledged: applied once
            try:
                case_id = int(d["case_id"])
            except ValueError:
                case_id = -1
            case = s.get(CaseRow, case_id)
            if case is None:
                raise ExchangeError(f"a decision names case {d['case_id']}, unknown here")
            if d["kind"] == "reasoned_refusal":
                _check_reasoned_refusal(uow, case, d)
            event, applied = _decision_step(ctx, uow, case, d, incoming.manifest.sequence)
            if not applied:
                held.append(case.number)
            s.add(
                AppliedDecisionRow(
                    decision_id=d["id"],
                    case_id=case.id,
                    event_id=event.id,
                    kind=d["kind"],
                    applied_at=ctx.now(),
                )
            )
            n_decisions += 1
    return n_decisions, n_acks, tl_version, held


def _check_reasoned_refusal(uow: UnitOfWork, case: CaseRow, d: dict[str, Any]) -> None:
    """§11 (05.12.2025): the internal affairs body refuses only preliminarily; its reasoned
    refusal comes only after it reviewed the applicant's objection. A package carrying one
    without that path is refused whole (nothing of it is applied)."""
    state = replay(case_events(uow, case.id))
    if not d.get("after_objection") or state.preliminary_notice_on is None:
        raise RefusalWithoutHearing(
            f"the package carries a reasoned refusal for case {case.number} without a "
            "preliminary refusal and a reviewed objection (§11); the package is refused whole"
        )


class RefusalWithoutHearing(ExchangeError):
    """§11: a reasoned refusal in a package without the preliminary refusal and objection."""

    code = "refusal-without-hearing"


def _decision_step(
    ctx: DeskContext, uow: UnitOfWork, case: CaseRow, d: dict[str, Any], package_seq: int
) -> tuple[EventRow, bool]:
    """Apply one Department decision as the workflow step of its kind, in ``uow``."""
    now = ctx.now()
    cal = calendar_in(uow)
    local_today = cal.local_date(now)
    action = DECISION_ACTIONS[d["kind"]]
    data: dict[str, Any] = {
        "on": local_today.isoformat(),  # §10/§11: the clock runs from the day the notice came
        "police_department": d["police_department"],
        "decision_number": d["number"],
        "decision_date": d["date"],
        "channel": DecisionChannel.PACKAGE.value,
    }
    if action is Action.RECORD_PERMISSION:
        if d.get("note"):
            data["note"] = d["note"]
        if d.get("police_department_ru"):
            # Annex 4's Russian line names the body in Russian (absent in older packages).
            data["police_department_ru"] = d["police_department_ru"]
    else:
        data["reasons"] = d.get("note") or (
            f"{d['police_department']}, No. {d['number']} of {d['date']}"
        )
    state = replay(case_events(uow, case.id))
    try:
        event = decide_step(
            state, action, data, actor_of(ctx), now, local_today=local_today, calendar=cal
        )
    except WorkflowError as exc:
        info = {
            "decision_id": d["id"],
            "kind": d["kind"],
            "after_objection": d["after_objection"],
            "police_department": d["police_department"],
            "police_department_ru": d.get("police_department_ru"),
            "number": d["number"],
            "date": d["date"],
            "package": package_seq,
            "held": exc.message.en,
        }
        return uow.events.add(case.id, EVENT_DECISION, now, ctx.officer.id, info), False
    event = with_journal_number(uow, event, case)
    new_state = apply_event(state, event)
    stored = uow.events.add(case.id, event.kind, now, ctx.officer.id, dict(event.data))
    case.stage = new_state.stage.value
    case.updated_at = now
    store_deadlines(uow, case.id, new_state, cal, now)
    ctx.audit(
        uow,
        f"procedure.{action.value}",
        "case",
        case.id,
        {"stage": new_state.stage.value, "seq": stored.seq, "via": "package"},
    )
    return stored, True


def attachment_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- for the desk ----------------------------------------------------------------------------
def in_sequence_order(paths: Iterable[Path]) -> list[Path]:
    """Package files sorted by (sender, sequence), so several can be imported in one go."""
    return package.sort_by_sequence(paths)


def missing_before(exc: BaseException) -> tuple[int, ...]:
    """The sequence numbers still on their way when ``exc`` refused a package for a gap.

    Empty for every other refusal: the desk offers "accept the gap" only for this one.
    """
    cause = exc.__cause__
    return tuple(cause.missing) if isinstance(cause, SequenceGapError) else ()

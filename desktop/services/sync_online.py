"""The mission's online road to the Department (issue 16): upload built packages, fetch replies.

Export builds packages as before; this moves them when ``sync.department_url`` is set. Each
outbox package is uploaded with tus (``desktop.sync.http_client``), its upload's address and the
offset the server confirmed kept in ``sync_transfers``, so a desk killed mid-transfer resumes
from there. Replies are fetched with HTTP Range into ``DATA/sync/incoming`` and imported by the
same service as ``qonys import`` (verified, all or nothing), then removed.

A failure is never silent: the link (``sync_link``) and each package (``sync_transfers``) keep
the reason's stable code, worded by ``reason_text`` in the officer's language, and the time of
the next try (exponential back-off with jitter).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import func, select

from desktop.domain.i18n import Text
from desktop.services import exchange as exchange_service
from desktop.services import settings as settings_service
from desktop.services.context import DeskContext
from desktop.services.errors import KnownError
from desktop.storage.files import make_private_dir
from desktop.storage.models import (
    ExchangeIdentityRow,
    InboxRow,
    OutboxRow,
    SyncLinkRow,
    SyncTransferRow,
)
from desktop.sync.http_client import (
    STOPPED,
    LinkError,
    RemotePackage,
    ServerRefused,
    SyncClient,
    UploadAnswer,
    file_sha256,
)

log = logging.getLogger(__name__)

SYNC_DIR = "sync"
UPLOADING, DELIVERED, REFUSED, WAITING = "uploading", "delivered", "refused", "waiting"
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)
IDLE_INTERVAL = timedelta(minutes=2)  # --watch and the desk: how often to look when all is well
# Refusals a later try may pass (an earlier package still on its way, the server's upload lost).
_TRANSIENT = frozenset({"sequence-gap", "no-such-upload", "checksum-mismatch", "file-changed"})


def backoff(attempts: int, rng: random.Random | None = None) -> timedelta:
    """Exponential back-off with jitter: 30 s, 1, 2, 4 … min up to an hour, each drawn
    between half and all of it (so many missions coming back online do not arrive at once)."""
    ceiling = min(MAX_DELAY, BASE_DELAY * (2 ** max(0, min(attempts - 1, 16))))
    factor = float((rng or random).uniform(0.5, 1.0))
    return timedelta(seconds=ceiling.total_seconds() * factor)


class SyncNotConfigured(KnownError):
    def __init__(self) -> None:
        super().__init__(
            Text(
                "Департамент серверінің мекенжайы берілмеген "
                "(`qonys settings set sync.department_url https://…`)",
                "Адрес сервера Департамента не задан "
                "(`qonys settings set sync.department_url https://…`)",
                "No Department server is set "
                "(`qonys settings set sync.department_url https://…`); packages travel by hand",
            )
        )


# kk, ru, en wording of what the link or the server can answer (package refusals: exchange).
_LINK_REASONS: dict[str, tuple[str, str, str]] = {
    "unreachable": (
        "Департамент серверіне қосылу мүмкін емес",
        "Сервер Департамента недоступен",
        "The Department's server cannot be reached",
    ),
    "timeout": (
        "Сервер уақытында жауап бермеді",
        "Сервер не ответил вовремя",
        "The server did not answer in time",
    ),
    "server-error": (
        "Сервер қатемен жауап берді",
        "Сервер ответил ошибкой",
        "The server answered with an error",
    ),
    "tls-untrusted": (
        "Сервердің сертификаты Департаменттің куәландырушы орталығынан емес",
        "Сертификат сервера выдан не удостоверяющим центром Департамента",
        "The server's certificate is not from the Department's CA",
    ),
    "protocol": (
        "Сервердің жауабы түсініксіз",
        "Ответ сервера непонятен",
        "The server's answer is not understood",
    ),
    "incomplete": (
        "Пакет толық келмеді, қайта жүктеледі",
        "Пакет получен не полностью, будет загружен снова",
        "The package did not arrive whole; it is fetched again",
    ),
    "file-missing": (
        "Пакет файлы табылмады (алынбалы диск ажыратылған болуы мүмкін)",
        "Файл пакета не найден (возможно, отключен съемный диск)",
        "The package file is not there (a removable disk unplugged?)",
    ),
    "file-changed": (
        "Пакет файлы жасалғаннан кейін өзгертілген",
        "Файл пакета изменен после создания",
        "The package file changed after it was built",
    ),
    "checksum-mismatch": (
        "Жіберілген байттар бүлінген, пакет қайта жіберіледі",
        "Переданные байты повреждены, пакет будет отправлен снова",
        "The bytes sent were damaged; the package is sent again",
    ),
    "no-such-upload": (
        "Сервер жүктеуді ұмытты, пакет қайта жіберіледі",
        "Сервер забыл загрузку, пакет будет отправлен снова",
        "The server forgot the upload; the package is sent again",
    ),
    "not-the-sender": (
        "Пакетті басқа мекеме жасаған",
        "Пакет создан другим загранучреждением",
        "The package was made by another mission",
    ),
    "not-signed": (
        "Сұрау қол қойылмаған",
        "Запрос не подписан",
        "The request was not signed",
    ),
    "expired-certificate": (
        "Шет елдердегі мекеменің сертификатының мерзімі өткен",
        "Срок сертификата загранучреждения истек",
        "The mission's certificate has expired",
    ),
    "too-large": (
        "Пакет сервер қабылдайтын көлемнен үлкен",
        "Пакет больше, чем принимает сервер",
        "The package is larger than the server accepts",
    ),
}


def reason_text(code: str | None) -> Text:
    """The officer's words for a stable reason code (link, server or package check)."""
    if code in _LINK_REASONS:
        return Text(*_LINK_REASONS[code])
    refusals = exchange_service._REFUSALS  # the package checks' wording (import, export)
    if code in refusals:
        kk, ru = refusals[code]
        explained = exchange_service.EXPLAINED_EN.get(code)
        return Text(kk, ru, explained or f"Refused by the Department: {code}")
    return Text("Белгісіз қате", "Неизвестная ошибка", f"Unknown error ({code})")


@dataclass(frozen=True)
class SyncConfig:
    url: str
    bandwidth_bps: int | None
    warn_after_days: int


def config(ctx: DeskContext) -> SyncConfig:
    values = settings_service.show(ctx).values
    kbps = int(values.get("sync.bandwidth_kbps") or 0)
    return SyncConfig(
        str(values.get("sync.department_url") or ""),
        kbps * 125 if kbps else None,  # kbit/s → bytes/s
        int(values.get("sync.warn_after_days") or 2),
    )


def _credentials(
    ctx: DeskContext,
) -> tuple[x509.Certificate, x509.Certificate, ec.EllipticCurvePrivateKey]:
    with ctx.uow() as uow:
        row = uow.session.scalars(select(ExchangeIdentityRow).limit(1)).first()
        if row is None:
            raise exchange_service.NotEnrolled
        key = serialization.load_pem_private_key(row.signing_key, None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise exchange_service.NotEnrolled
        return (
            x509.load_pem_x509_certificate(row.ca_cert),
            x509.load_pem_x509_certificate(row.signing_cert),
            key,
        )


def incoming_dir(ctx: DeskContext) -> Path:
    folder = ctx.store.paths.root / SYNC_DIR / "incoming"
    make_private_dir(folder.parent)
    make_private_dir(folder)
    return folder


def outgoing_dir(ctx: DeskContext) -> Path:
    """Where packages built for the online road are written (``qonys sync --export``)."""
    folder = ctx.store.paths.root / SYNC_DIR / "outgoing"
    make_private_dir(folder.parent)
    make_private_dir(folder)
    return folder


@dataclass(frozen=True)
class Step:
    """Progress of a sync, for a bar: ``phase`` is 'upload' or 'download'."""

    phase: str
    sequence: int
    done: int
    total: int


@dataclass
class SyncReport:
    delivered: list[tuple[int, str]] = field(default_factory=list)  # (sequence, result)
    refused: list[tuple[int, str]] = field(default_factory=list)  # (sequence, reason)
    waiting: list[tuple[int, str]] = field(default_factory=list)  # (sequence, reason)
    imported: list[exchange_service.ImportResult] = field(default_factory=list)
    online: bool = False
    reason: str | None = None
    next_try_at: datetime | None = None
    skipped: bool = False  # backing off: nothing was tried


# --- state in the store -------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    online: bool
    since: datetime
    last_sync_at: datetime | None
    reason: str | None
    attempts: int
    next_try_at: datetime | None


@dataclass(frozen=True)
class Transfer:
    sequence: int
    upload_url: str | None
    size: int
    offset: int
    state: str
    reason: str | None
    attempts: int
    next_try_at: datetime | None
    updated_at: datetime
    delivered_at: datetime | None


def _link_of(row: SyncLinkRow) -> Link:
    return Link(
        bool(row.online), row.since, row.last_sync_at, row.reason, row.attempts, row.next_try_at
    )


def _transfer_of(row: SyncTransferRow) -> Transfer:
    return Transfer(
        row.sequence,
        row.upload_url,
        row.size,
        row.offset,
        row.state,
        row.reason,
        row.attempts,
        row.next_try_at,
        row.updated_at,
        row.delivered_at,
    )


def _link(ctx: DeskContext) -> Link | None:
    with ctx.uow() as uow:
        row = uow.session.get(SyncLinkRow, 1)
        return _link_of(row) if row is not None else None


def _record_link(ctx: DeskContext, online: bool, reason: str | None) -> Link:
    now = ctx.now()
    with ctx.uow() as uow:
        row = uow.session.get(SyncLinkRow, 1)
        if row is None:
            row = SyncLinkRow(id=1, online=int(online), since=now, attempts=0)
            uow.session.add(row)
        if bool(row.online) != online:
            row.since = now
        row.online = int(online)
        row.reason = reason
        if online:
            row.attempts = 0
            row.next_try_at = None
            row.last_sync_at = now
        else:
            row.attempts = (row.attempts or 0) + 1
            row.next_try_at = now + backoff(row.attempts)
        link = _link_of(row)
        uow.commit()
        return link


def _transfer(ctx: DeskContext, sequence: int) -> Transfer | None:
    with ctx.uow() as uow:
        row = uow.session.get(SyncTransferRow, sequence)
        return _transfer_of(row) if row is not None else None


def _save(ctx: DeskContext, sequence: int, size: int, **values: object) -> None:
    with ctx.uow() as uow:
        row = uow.session.get(SyncTransferRow, sequence)
        if row is None:
            row = SyncTransferRow(
                sequence=sequence, size=size, offset=0, state=UPLOADING, attempts=0
            )
            uow.session.add(row)
        for name, value in values.items():
            setattr(row, name, value)
        row.updated_at = ctx.now()
        if values.get("state") in (DELIVERED, REFUSED):
            ctx.audit(
                uow,
                f"exchange.sync-{values['state']}",
                "outbox",
                sequence,
                {"reason": values.get("reason")} if values.get("reason") else None,
            )
        uow.commit()


def _wait(ctx: DeskContext, sequence: int, size: int, reason: str) -> datetime:
    row = _transfer(ctx, sequence)
    attempts = (row.attempts if row else 0) + 1
    when = ctx.now() + backoff(attempts)
    _save(ctx, sequence, size, state=WAITING, reason=reason, attempts=attempts, next_try_at=when)
    return when


# --- one round ----------------------------------------------------------------------------


def _pending(ctx: DeskContext) -> list[tuple[int, Path, int, str]]:
    with ctx.uow() as uow:
        rows = uow.session.scalars(
            select(OutboxRow)
            .where(OutboxRow.state != exchange_service.ACKNOWLEDGED)
            .order_by(OutboxRow.sequence)
        ).all()
        done = set(
            uow.session.scalars(
                select(SyncTransferRow.sequence).where(
                    SyncTransferRow.state.in_((DELIVERED, REFUSED))
                )
            )
        )
        return [
            (r.sequence, Path(r.folder) / r.file_name, r.size, r.sha256)
            for r in rows
            if r.sequence not in done
        ]


def _upload_one(
    ctx: DeskContext,
    client: SyncClient,
    item: tuple[int, Path, int, str],
    report: SyncReport,
    progress: Callable[[Step], None] | None,
    force: bool,
) -> None:
    sequence, path, size, sha256 = item
    row = _transfer(ctx, sequence)
    later = row.next_try_at if row is not None and row.state == WAITING else None
    if later is not None and not force and later > ctx.now():
        assert row is not None
        report.waiting.append((sequence, row.reason or ""))
        return
    if not path.is_file():
        when = _wait(ctx, sequence, size, "file-missing")
        report.waiting.append((sequence, "file-missing"))
        log.info("package %d: file missing, next try %s", sequence, when.isoformat())
        return
    if path.stat().st_size != size or file_sha256(path) != sha256:
        _wait(ctx, sequence, size, "file-changed")
        report.waiting.append((sequence, "file-changed"))
        return
    url = row.upload_url if row is not None else None

    def confirmed(offset: int) -> None:
        _save(ctx, sequence, size, offset=offset, state=UPLOADING)

    def sent(position: int) -> None:
        if progress is not None:
            progress(Step("upload", sequence, position, size))

    try:
        if url is None:
            # The creation carries the first chunk. A desk killed before recording the address
            # loses nothing: creating it again for the same bytes finds the server's upload.
            url = client.create_upload(size, sha256, path, sent=sent)
            _save(ctx, sequence, size, upload_url=url, state=UPLOADING)
        answer: UploadAnswer = client.upload(path, url, size, confirmed=confirmed, sent=sent)
    except ServerRefused as exc:
        if exc.code in ("no-such-upload", "checksum-mismatch"):
            _save(ctx, sequence, size, upload_url=None, offset=0)
        if exc.code in _TRANSIENT or exc.status in (408, 409, 429):
            _wait(ctx, sequence, size, exc.code)
            report.waiting.append((sequence, exc.code))
        else:
            _save(ctx, sequence, size, state=REFUSED, reason=exc.code, next_try_at=None)
            report.refused.append((sequence, exc.code))
        log.warning("package %d: the server refused the upload (%s)", sequence, exc.code)
        return
    except LinkError as exc:
        if exc.code != STOPPED:
            _wait(ctx, sequence, size, exc.code)
        raise
    if answer.result in ("accepted", "duplicate"):
        _save(
            ctx,
            sequence,
            size,
            state=DELIVERED,
            offset=size,
            reason=None,
            next_try_at=None,
            delivered_at=ctx.now(),
        )
        report.delivered.append((sequence, answer.result))
        log.info("package %d delivered (%s)", sequence, answer.result)
    elif answer.reason in _TRANSIENT:
        _wait(ctx, sequence, size, answer.reason or "refused")
        report.waiting.append((sequence, answer.reason or "refused"))
    else:
        _save(ctx, sequence, size, state=REFUSED, reason=answer.reason, next_try_at=None)
        report.refused.append((sequence, answer.reason or "refused"))
        log.warning("package %d refused by the Department (%s)", sequence, answer.reason)


def _import_file(ctx: DeskContext, path: Path, report: SyncReport) -> bool:
    try:
        result = exchange_service.import_package(ctx, path)
    except exchange_service.ExchangeFailed as exc:
        report.reason = exc.code
        log.warning("fetched package refused on import (%s)", exc.code)
        path.unlink(missing_ok=True)  # fetched again next time, and checked again
        return False
    path.unlink(missing_ok=True)
    report.imported.append(result)
    return True


def _download(
    ctx: DeskContext,
    client: SyncClient,
    report: SyncReport,
    progress: Callable[[Step], None] | None,
) -> None:
    folder = incoming_dir(ctx)
    # A package fetched whole before a crash, not yet imported: import it first.
    for left in sorted(folder.glob("*.qpkg")):
        if not _import_file(ctx, left, report):
            return
    with ctx.uow() as uow:
        after = uow.session.scalar(select(func.max(InboxRow.sequence))) or 0
    remote: list[RemotePackage] = client.packages(after)
    for item in sorted(remote, key=lambda p: p.sequence):
        if not item.file.endswith(".qpkg") or "/" in item.file or item.file.startswith("."):
            raise LinkError("protocol", "the server named a package file oddly")
        part = folder / f".{item.file}.part"

        def fetched(done: int, seq: int = item.sequence, total: int = item.size) -> None:
            if progress is not None:
                progress(Step("download", seq, done, total))

        client.download(item, part, fetched)
        whole = folder / item.file
        part.replace(whole)
        if not _import_file(ctx, whole, report):
            return


def sync_once(
    ctx: DeskContext,
    *,
    force: bool = False,
    progress: Callable[[Step], None] | None = None,
    client: SyncClient | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SyncReport:
    """One round: upload what is built, fetch and import what the Department has for us.

    Without ``force``, a round during the back-off after a failure does nothing (``skipped``).
    """
    cfg = config(ctx)
    if not cfg.url:
        raise SyncNotConfigured
    report = SyncReport()
    link = _link(ctx)
    if not force and link is not None and link.next_try_at and link.next_try_at > ctx.now():
        report.skipped, report.reason, report.next_try_at = True, link.reason, link.next_try_at
        return report
    own = client is None
    if client is None:
        ca, cert, key = _credentials(ctx)
        client = SyncClient(
            cfg.url, ca, cert, key, bandwidth_bps=cfg.bandwidth_bps, should_stop=should_stop
        )
    try:
        for item in _pending(ctx):
            if should_stop is not None and should_stop():
                raise LinkError(STOPPED, "stopped")
            _upload_one(ctx, client, item, report, progress, force)
        _download(ctx, client, report, progress)
    except LinkError as exc:
        if exc.code == STOPPED:  # the desk locks or closes: nothing is wrong with the link
            report.online, report.reason = True, STOPPED
            return report
        row = _record_link(ctx, False, exc.code)
        report.online, report.reason, report.next_try_at = False, exc.code, row.next_try_at
        log.info("sync: link down (%s), next try %s", exc.code, row.next_try_at)
        return report
    except ServerRefused as exc:  # the server refuses us as a whole (revoked, not signed…)
        row = _record_link(ctx, False, exc.code)
        report.online, report.reason, report.next_try_at = False, exc.code, row.next_try_at
        log.warning("sync: the server refused the mission (%s)", exc.code)
        return report
    finally:
        if own:
            client.close()
    _record_link(ctx, True, report.reason)
    report.online = True
    return report


def watch(
    ctx: DeskContext,
    *,
    should_stop: Callable[[], bool],
    on_report: Callable[[SyncReport], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Sync until ``should_stop()``: every ``IDLE_INTERVAL`` when all is well, at the
    back-off's next try after a failure."""
    while not should_stop():
        report = sync_once(ctx)
        if on_report is not None:
            on_report(report)
        wait = IDLE_INTERVAL
        if report.next_try_at is not None:
            wait = min(wait, max(timedelta(seconds=1), report.next_try_at - ctx.now()))
        end = time.monotonic() + wait.total_seconds()
        while not should_stop() and time.monotonic() < end:
            sleep(min(1.0, max(0.0, end - time.monotonic())))


def adopt_bundle_url(ctx: DeskContext, bundle: bytes) -> str | None:
    """After `trust import`: the sync server's address the Department put in the bundle
    (``sync_url``, outside its encrypted keys), set unless the administrator set one."""
    import json

    try:
        doc = json.loads(bundle)
    except ValueError:
        return None
    url = doc.get("sync_url") if isinstance(doc, dict) else None
    if not isinstance(url, str) or not url or config(ctx).url:
        return None
    return str(settings_service.set_value(ctx, "sync.department_url", url))


DEMO_URL = "https://127.0.0.1:8443"


def prepare_demo(ctx: DeskContext) -> list[int]:
    """`qonys demo`: point the demo mission at a Department server on this computer (whose
    certificate comes from the demo Department's CA, pinned at enrolment) and build the
    package of its forwarded cases, for `qonys sync --once` to deliver. Returns its numbers."""
    settings_service.set_value(ctx, "sync.department_url", DEMO_URL)
    result = exchange_service.export(ctx, outgoing_dir(ctx))
    return [p.sequence for p in result.packages]


# --- what the desk shows ------------------------------------------------------------------


@dataclass(frozen=True)
class LinkStatus:
    """The link as the status bar shows it; ``configured`` False: no server set (no label)."""

    configured: bool
    online: bool | None  # None: never tried
    since: datetime | None
    reason: Text | None
    next_try_at: datetime | None


def link_status(ctx: DeskContext) -> LinkStatus:
    if not config(ctx).url:
        return LinkStatus(False, None, None, None, None)
    link = _link(ctx)
    if link is None:
        return LinkStatus(True, None, None, None, None)
    reason = reason_text(link.reason) if link.reason and not link.online else None
    return LinkStatus(True, link.online, link.since, reason, link.next_try_at)


@dataclass(frozen=True)
class TransferView:
    """One outbox package on the online road: its state, how far, and why it waits."""

    state: str  # uploading / delivered / refused / waiting
    percent: int
    reason: Text | None
    next_try_at: datetime | None


def transfers(ctx: DeskContext) -> dict[int, TransferView]:
    with ctx.uow() as uow:
        rows = [_transfer_of(r) for r in uow.session.scalars(select(SyncTransferRow))]
    return {
        t.sequence: TransferView(
            t.state,
            int(100 * t.offset / t.size) if t.size else 0,
            reason_text(t.reason) if t.reason and t.state in (WAITING, REFUSED) else None,
            t.next_try_at if t.state == WAITING else None,
        )
        for t in rows
    }


def delivery_warning(ctx: DeskContext) -> Text | None:
    """The dashboard's warning: packages not acknowledged for longer than
    ``sync.warn_after_days`` working days of the mission's calendar (either road)."""
    from desktop.domain.calendar import CalendarSpec, WorkingCalendar

    shown = settings_service.show(ctx)
    days = int(shown.values.get("sync.warn_after_days") or 2)
    calendar = WorkingCalendar(CalendarSpec.from_dict(shown.calendar_spec()))
    today = ctx.today()
    with ctx.uow() as uow:
        waiting = [
            (r.sequence, r.created_at)
            for r in uow.session.scalars(
                select(OutboxRow).where(OutboxRow.state != exchange_service.ACKNOWLEDGED)
            )
        ]
    late = sorted(
        seq
        for seq, created in waiting
        if calendar.working_days_between(calendar.local_date(created), today) > days
    )
    if not late:
        return None
    numbers = ", ".join(map(str, late))
    return Text(
        f"Департамент {days} жұмыс күнінен астам растамаған пакеттер: {numbers}",
        f"Пакеты, не подтвержденные Департаментом дольше {days} рабочих дней: {numbers}",
        f"Packages not acknowledged by the Department for more than {days} working days: {numbers}",
    )

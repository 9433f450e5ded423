"""Creating a mission store, logging in and out, and managing officers' key slots."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, configure_mappers, sessionmaker

from desktop.domain.i18n import Text
from desktop.services import shared_store as shared
from desktop.services.context import (
    Clock,
    DeskContext,
    Mission,
    Officer,
    Role,
    calendar_time_zone,
    system_clock,
)
from desktop.services.errors import (
    DatabaseUnreachable,
    InvalidInput,
    LoginRecordRemoved,
    LoginThrottled,
    NotFound,
    StoreDamaged,
    StoreExists,
    StoreMissing,
    WrongCredentials,
    officer_ref,
)
from desktop.storage import audit, migrate
from desktop.storage.engine import NotOurDatabase, check_opens
from desktop.storage.models import AuditHeadRow, AuditRow, Base, MissionRow, OfficerRow
from desktop.storage.pg_failures import failure_of
from desktop.storage.postgres import redacted
from desktop.storage.store import (
    StorePaths,
    StoreUnreachable,
    cool_down,
    open_database,
    prepare_opening,
    remove_restore_leftovers,
    warm_up,
)
from desktop.storage.throttle import throttle_delay
from desktop.storage.uow import UnitOfWork
from desktop.storage.vault import (
    AuditAnchor,
    KdfParams,
    Unlocked,
    Vault,
    VaultError,
    WrongPassword,
    locked,
    new_data_key,
)

MIN_PASSWORD = 8
_LOGIN_RE = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")
_MISSION_CODE_RE = re.compile(r"^[A-Z0-9-]{2,16}$")


log = logging.getLogger(__name__)  # officer ids only: never a login or a name

T = TypeVar("T")

__all__ = ["KdfParams", "throttle_delay"]  # re-exported: the desk passes KDF settings; the login
# window shows the same delays

AUDIT_ANCHOR_BROKEN = audit.ANCHOR_BROKEN
AUDIT_LOGIN_RECORD_ALTERED = audit.LOGIN_RECORD_ALTERED


def audit_anchor(session: Session) -> AuditAnchor:
    """The audit log's entry count and head hash now (what an officer's slot remembers)."""
    head = session.get(AuditHeadRow, 1)
    return AuditAnchor(head.last_id, head.last_hash) if head else AuditAnchor(0, audit.GENESIS)


def anchor_holds(session: Session, anchor: AuditAnchor) -> bool:
    """Does the log still hold entry `anchor.entries` with the hash this officer saw?"""
    if anchor.entries == 0:
        return True
    row = session.get(AuditRow, anchor.entries)
    return row is not None and row.hash == anchor.head


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(
            Text(
                f"Құпиясөз кемінде {MIN_PASSWORD} таңбадан тұруы керек",
                f"Пароль должен содержать не менее {MIN_PASSWORD} символов",
                f"The password must have at least {MIN_PASSWORD} characters",
            )
        )


def validate_login(login: str) -> str:
    login = login.strip()
    if not _LOGIN_RE.match(login):
        raise InvalidInput(
            Text(
                "Логин: кіші латын әріптері, цифрлар, . _ - (2–32 таңба)",
                "Логин: строчные латинские буквы, цифры, . _ - (2–32 символа)",
                "Login: lower-case Latin letters, digits, . _ - (2–32 characters)",
            )
        )
    return login


def create_store(
    data_dir: Path,
    *,
    mission_code: str,
    mission_name: str,
    country: str,
    admin_login: str,
    admin_full_name: str,
    admin_password: str,
    kdf: KdfParams | None = None,
    recovery_key: rsa.RSAPublicKey | None = None,
    recovery_key_id: str = "department",
    clock: Clock = system_clock,
    database: str | None = None,
) -> None:
    """Create the encrypted store of a mission with its first administrator: a SQLCipher file
    in `data_dir`, or with `database`, a store on PostgreSQL shared by the mission's desks
    (`data_dir` then remembers the URL)."""
    paths = StorePaths(data_dir)
    if paths.exists():
        raise StoreExists(str(data_dir))
    code = mission_code.strip().upper()
    if not _MISSION_CODE_RE.match(code):
        raise InvalidInput(
            Text(
                "Шет елдердегі мекеменің коды: латын бас әріптері, цифрлар, дефис (2–16)",
                "Код загранучреждения: заглавные латинские буквы, цифры, дефис (2–16)",
                "Mission code: capital Latin letters, digits, hyphen (2–16)",
            )
        )
    iso = country.strip().upper()
    if len(iso) != 2 or not iso.isascii() or not iso.isalpha():
        raise InvalidInput(
            Text(
                "Ел коды: ISO 3166 екі әріп (мысалы, DE)",
                "Код страны: две буквы ISO 3166 (например, DE)",
                "Country: two-letter ISO 3166 code (e.g. DE)",
            )
        )
    if not mission_name.strip() or not admin_full_name.strip():
        raise InvalidInput(
            Text(
                "Атауы мен аты-жөні міндетті",
                "Название и ФИО обязательны",
                "Name and full name are required",
            )
        )
    login = validate_login(admin_login)
    validate_password(admin_password)
    if database is not None:
        shared.refuse_second_store(database)
        paths.use_database(database)

    paths.ensure_root()
    data_key = new_data_key()
    vault = Vault.new()
    if recovery_key is not None:
        vault.set_recovery(recovery_key, data_key, recovery_key_id)
    try:
        store = open_database(paths, data_key, create=True)
    except StoreUnreachable as exc:  # e.g. a role that may not create the store's tables
        paths.database_file.unlink(missing_ok=True)  # the folder stays a first run
        log.warning("the shared database refused this desk: %s", exc.reason)
        raise DatabaseUnreachable(exc.where, exc.reason, exc.failure) from None
    try:
        now = clock()
        with store.uow() as uow:
            uow.session.add(
                MissionRow(
                    id=1,
                    code=code,
                    name=mission_name.strip(),
                    country=iso,
                    created_at=now,
                    settings={},
                )
            )
            admin = uow.officers.add(
                OfficerRow(
                    login=login,
                    full_name=admin_full_name.strip(),
                    role=Role.ADMIN.value,
                    active=True,
                    created_at=now,
                )
            )
            audit.append(
                uow.session,
                at=now,
                officer=login,
                action="store.create",
                entity="mission",
                entity_id=code,
            )
            audit.append(
                uow.session,
                at=now,
                officer=login,
                action="officer.add",
                entity="officer",
                entity_id=admin.id,
                detail={"role": Role.ADMIN.value},
            )
            uow.session.flush()
            anchor = audit_anchor(uow.session)
            uow.commit()
        vault.set_password(login, admin_password, data_key, kdf, anchor=anchor)
        vault.seal_failures(data_key, None)
        # The vault is written last: a store without a vault is visibly unfinished, never a
        # vault that unlocks a half-made database.
        vault.save(paths.vault)
    finally:
        store.close()


def load_vault(paths: StorePaths) -> Vault:
    try:
        return _load_vault(paths)
    except DBAPIError as exc:  # the shared store's server (the vault is in its database)
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        log.warning("the shared database refused this desk: %s", reason)
        raise DatabaseUnreachable(redacted(paths.url or ""), reason, failure_of(exc)) from None


def _load_vault(paths: StorePaths) -> Vault:
    if not paths.vault.exists() and paths.url is None and paths.root.is_dir():
        # A database a killed restore left before its vault is no store: removed here, so the
        # desk offers a restore again instead of reporting a missing vault.
        remove_restore_leftovers(paths)
    if not paths.vault.exists():
        if paths.db.exists():
            raise StoreDamaged("the key vault is missing")
        raise StoreMissing(str(paths.root))
    try:
        return Vault.load(paths.vault)
    except VaultError as exc:
        raise StoreDamaged(str(exc)) from None


def ensure_store(data_dir: Path) -> None:
    """Raise StoreMissing or StoreDamaged before anyone is asked for a password."""
    load_vault(StorePaths(data_dir))


def prepare_login(data_dir: Path) -> None:
    """While the login window waits for the password: check the store (`ensure_store`) and
    read the migration scripts' head once, so that opening the store after the password
    only compares the store's revision with it (issue 19)."""
    ensure_store(data_dir)
    migrate.head_revision()
    # SQLAlchemy sets up every mapped class at the first query of the process (~0.1 s of CPU
    # here): done now, not after the password.
    configure_mappers()
    try:
        prepare_opening(StorePaths(data_dir), _rehearse_login)
    except Exception:  # only a head start: the login itself compiles what it needs
        log.exception("rehearsing the login's statements failed")


def login(
    data_dir: Path,
    login_name: str,
    password: str,
    *,
    clock: Clock = system_clock,
    unlock: bool = False,
    read_ahead: _ReadAhead[Any] | None = None,
) -> DeskContext:
    """Unlock the store with an officer's password. Wrong passwords slow further attempts.

    The whole attempt runs under the vault's OS lock, so attempts from several programs at
    once are counted one after the other (none is lost) and each sees the others' failures.
    `unlock`: the desk's lock screen (the same counters and waits; audited as an unlock).
    `read_ahead`: see `login_reading`.
    """
    paths = StorePaths(data_dir)
    load_vault(paths)  # missing or damaged: said before anything is locked or written
    now = clock()
    warm_up(paths)  # a shared store's connections open while Argon2id runs
    with locked(paths.vault):
        vault = load_vault(paths)
        wait = vault.login_wait(login_name, now)
        if wait > 0:
            cool_down(paths)
            vault.save(paths.vault)  # a record found removed starts its wait now, on disk
            if vault.failure_log.suspect_wait(now) > 0:
                log.warning("login refused: the failed-login record was removed (wait %ds)", wait)
                raise LoginRecordRemoved(wait)
            log.warning("login refused: throttled after failed attempts (wait %ds)", wait)
            raise LoginThrottled(wait)
        try:
            unlocked = vault.open_slot(login_name, password)
        except WrongPassword:
            cool_down(paths)
            vault.record_failure(login_name, now)
            vault.save(paths.vault)
            log.warning("login refused: wrong login or password")
            raise WrongCredentials from None
        except VaultError as exc:
            cool_down(paths)
            log.error("login refused: the key vault is damaged (%s)", type(exc).__name__)
            raise StoreDamaged(str(exc)) from None
        record_intact, tried = vault.check_failures(unlocked.data_key)
        ctx, anchor = _open_as(
            paths,
            unlocked.data_key,
            login_name,
            clock,
            unlocked=unlocked,
            record_intact=record_intact,
            failures_since=tried,
            action="session.unlock" if unlock else "session.login",
            read_ahead=read_ahead,
        )
        try:
            ctx.personal_key = vault.reseal(unlocked, anchor)
            vault.seal_failures(unlocked.data_key, login_name)
            vault.save(paths.vault)
        except BaseException:
            if read_ahead is not None:
                read_ahead.drop()
            ctx.store.close()
            raise
    if ctx.officer.may(Role.CONSUL):  # wraps keys an older version left in clear (issue 13)
        from desktop.services import signing_keys

        try:
            signing_keys.upgrade_at_login(ctx)
        except BaseException:
            # The login fails: nothing of it stays open (the read ahead's thread and
            # connection, the store's engine and files, the personal key).
            if read_ahead is not None:
                read_ahead.drop()
            ctx.close()
            raise
    log.info("officer %d logged in (%s)", ctx.officer.id, ctx.officer.role.value)
    return ctx


class _ReadAhead(Generic[T]):
    """`read` on a thread of its own, from the moment a login knows its officer."""

    def __init__(self, read: Callable[[DeskContext], T]) -> None:
        self._read = read
        self.future: Future[T] = Future()
        self._thread: threading.Thread | None = None

    def start(self, ctx: DeskContext) -> None:
        self._thread = threading.Thread(
            target=self._run, args=(ctx,), name="qonys-login-read-ahead", daemon=True
        )
        self._thread.start()

    def _run(self, ctx: DeskContext) -> None:
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            self.future.set_result(self._read(ctx))
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the result
            self.future.set_exception(exc)

    def drop(self) -> None:
        """The login failed after the read began: wait for it (its connection back in the
        pool before the store closes) and keep nothing it read."""
        if self._thread is not None:
            self._thread.join()
        self.future = Future()
        self.future.cancel()


def login_reading(
    data_dir: Path,
    login_name: str,
    password: str,
    read: Callable[[DeskContext], T],
    *,
    clock: Clock = system_clock,
) -> tuple[DeskContext, Future[T]]:
    """`login`, with `read` (the desk's first reads: the case list's first page) begun on a
    thread of its own as soon as the password has opened the store and the officer is found
    active: it reads while the login's audit entry is committed and the officer's key slot
    re-sealed (two fsyncs), not after them (issue 19).

    The context comes back, as from `login`, only once both are durable; a login that fails
    after the read began waits for it and keeps nothing it read (the store closes after it).
    The future holds `read`'s result or its exception; a wrong password starts nothing."""
    ahead = _ReadAhead(read)
    ctx = login(
        data_dir,
        login_name,
        password,
        clock=clock,
        read_ahead=ahead,
    )
    return ctx, ahead.future


def ctx_anchor(ctx: DeskContext) -> AuditAnchor:
    with ctx.uow() as uow:
        return audit_anchor(uow.session)


def login_with_key(
    data_dir: Path, data_key: bytearray, login_name: str, *, clock: Clock = system_clock
) -> DeskContext:
    """Open with a data key recovered another way (the recovery slot, a backup)."""
    return _open_as(StorePaths(data_dir), data_key, login_name, clock)[0]


@dataclass
class _LoggedIn:
    """What a login read and wrote in the store's unit of work."""

    officer: Officer
    mission: Mission
    time_zone: str
    alerts: list[Text]
    anchor: AuditAnchor  # the audit log with this login's entry: what the slot remembers


def _open_as(
    paths: StorePaths,
    data_key: bytearray,
    login_name: str,
    clock: Clock,
    *,
    unlocked: Unlocked | None = None,
    record_intact: bool | None = True,
    failures_since: int = 0,
    action: str = "session.login",
    read_ahead: _ReadAhead[Any] | None = None,
) -> tuple[DeskContext, AuditAnchor]:
    try:
        store = open_database(paths, data_key)
    except StoreUnreachable as exc:
        log.warning("the shared database refused this desk: %s", exc.reason)
        raise DatabaseUnreachable(exc.where, exc.reason, exc.failure) from None
    except NotOurDatabase as exc:
        raise StoreDamaged(str(exc)) from None
    try:
        with store.uow() as uow:
            seen = unlocked.anchor if unlocked is not None else None
            done = _record_login(
                uow, login_name, clock, seen, record_intact, failures_since, action
            )
            ctx = DeskContext(
                store=store,
                officer=done.officer,
                mission=done.mission,
                clock=clock,
                time_zone=done.time_zone,
                alerts=done.alerts,
            )
            if read_ahead is not None:  # the officer is known: reads while this commits
                read_ahead.start(ctx)
            uow.commit()
    except BaseException:
        if read_ahead is not None:
            read_ahead.drop()
        store.close()
        raise
    return ctx, done.anchor


def _record_login(
    uow: UnitOfWork,
    login_name: str,
    clock: Clock,
    seen: AuditAnchor | None,
    record_intact: bool | None,
    failures_since: int,
    action: str,
) -> _LoggedIn:
    """The login's reads and audit entries in `uow` (the caller commits): the officer and
    the mission, the anchor the officer's slot remembered checked against the log."""
    alerts: list[Text] = []
    mission_row = uow.mission.get()
    officer_row = uow.officers.by_login(login_name)
    if mission_row is None:
        raise StoreDamaged("the mission record is missing")
    if officer_row is None or not officer_row.active:
        raise WrongCredentials
    officer = Officer(
        officer_row.id, officer_row.login, officer_row.full_name, Role(officer_row.role)
    )
    mission = Mission(mission_row.code, mission_row.name, mission_row.country)
    time_zone = calendar_time_zone(mission_row.settings)
    if seen is not None and not anchor_holds(uow.session, seen):
        alerts.append(_anchor_alert(seen.entries))
        audit.append(
            uow.session,
            at=clock(),
            officer=officer.login,
            action=AUDIT_ANCHOR_BROKEN,
            entity="audit",
            entity_id=seen.entries,
            detail={"entries_seen": seen.entries},
        )
    if record_intact is None:
        # Never sealed: a store from before this version (sealed now), or a record
        # whose checkpoint was removed after logins had happened.
        record_intact = not _has_logged_in(uow.session)
    if not record_intact:
        alerts.append(_record_alert())
        audit.append(
            uow.session,
            at=clock(),
            officer=officer.login,
            action=AUDIT_LOGIN_RECORD_ALTERED,
            entity="vault",
            entity_id="failures",
        )
    entry = audit.append(
        uow.session,
        at=clock(),
        officer=officer.login,
        action=action,
        entity="officer",
        entity_id=officer.id,
        detail={"failed_attempts_since_last_login": failures_since} if failures_since else None,
    )
    # The log as this login leaves it (the unit of work holds the write lock until its
    # commit): what the officer's slot remembers, without a transaction of its own.
    anchor = AuditAnchor(entry.id, entry.hash)
    return _LoggedIn(officer, mission, time_zone, alerts, anchor)


def _rehearse_login(engine: Engine) -> None:
    """The login's statements, once, on the store's engine made before the password and
    connected to an empty database in memory (`store.prepare_opening`): SQLAlchemy loads the
    SQLite dialect, sets up each statement's ORM loading and compiles each statement at its
    first run (most of the CPU an opening of the store took after Argon2id): done while the
    officer types, so that after "Log in" they only run (issue 19)."""
    Base.metadata.create_all(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    at = system_clock()
    with UnitOfWork(factory) as uow:
        uow.session.add(MissionRow(code="R", name="", country="KZ", created_at=at))
        uow.session.add(
            OfficerRow(login="rehearsal", full_name="", role=Role.OFFICER, created_at=at)
        )
        uow.commit()
    check_opens(engine)  # what the opening reads
    with UnitOfWork(factory) as uow:
        rehearsed = AuditAnchor(1, audit.GENESIS)  # checked against the log, not found
        _record_login(uow, "rehearsal", system_clock, rehearsed, None, 1, "session.login")
        uow.commit()


def _has_logged_in(session: Session) -> bool:
    from sqlalchemy import select

    found = session.scalar(select(AuditRow.id).where(AuditRow.action == "session.login").limit(1))
    return found is not None


def _anchor_alert(entries: int) -> Text:
    return Text(
        f"Аудит журналы қысқартылған немесе қайта жазылған: сіз соңғы кіргенде көрген "
        f"№{entries} жазба енді жоқ немесе өзгертілген. Әкімшіге хабарлаңыз.",
        f"Журнал аудита усечен или переписан: запись № {entries}, которую вы видели при "
        f"последнем входе, отсутствует или изменена. Сообщите администратору.",
        f"The audit log was cut or rewritten: entry {entries}, which it held at your last "
        f"login, is gone or changed. Tell the administrator.",
    )


def _record_alert() -> Text:
    return Text(
        "Сәтсіз кіру әрекеттерінің есебі соңғы кіруден бері өзгертілген немесе жойылған.",
        "Учет неудачных попыток входа изменен или удален после последнего входа.",
        "The record of failed logins was altered or removed since the last login.",
    )


def failed_attempts(data_dir: Path, login_name: str) -> int:
    """Wrong passwords given for `login_name` since its last successful login (no key needed:
    the vault's counter, which the lock screen shows as it counts)."""
    vault = load_vault(StorePaths(data_dir))
    record = vault.failure_log.records.get(vault.slot_id(login_name))
    return record.count if record is not None else 0


def record_lock(ctx: DeskContext) -> None:
    """The desk locks (Ctrl+L or idle): an audit entry, written before the key goes."""
    with ctx.uow() as uow:
        ctx.audit(uow, "session.lock", "officer", ctx.officer.id)
        uow.commit()


def verify_password(ctx: DeskContext, password: str) -> bool:
    """Unlocking a locked desk: the same officer's password, checked against their slot."""
    vault = load_vault(ctx.store.paths)
    try:
        key = vault.unwrap(ctx.officer.login, password)
    except WrongPassword:
        return False
    return bytes(key) == ctx.store.key


def add_officer(
    ctx: DeskContext,
    login_name: str,
    full_name: str,
    role: Role,
    password: str,
    kdf: KdfParams | None = None,
) -> Officer:
    ctx.require(Role.ADMIN, "add officers")
    login_name = validate_login(login_name)
    validate_password(password)
    if not full_name.strip():
        raise InvalidInput(Text("Аты-жөні міндетті", "ФИО обязательно", "Full name is required"))
    paths = ctx.store.paths
    with locked(paths.vault), ctx.uow() as uow:
        vault = load_vault(paths)
        existing = uow.officers.by_login(login_name)
        if existing is not None and existing.active:
            raise InvalidInput(
                Text(
                    f"{login_name} логині бар",
                    f"Логин {login_name} уже существует",
                    f"The login {login_name} already exists",
                )
            )
        now = ctx.now()
        if existing is None:
            row = uow.officers.add(
                OfficerRow(
                    login=login_name,
                    full_name=full_name.strip(),
                    role=role.value,
                    active=True,
                    created_at=now,
                )
            )
        else:
            row = existing
            row.full_name, row.role, row.active = full_name.strip(), role.value, True
        ctx.audit(uow, "officer.add", "officer", row.id, {"role": role.value})
        uow.session.flush()
        vault.set_password(
            login_name, password, ctx.store.key, kdf, anchor=audit_anchor(uow.session)
        )
        officer = Officer(row.id, row.login, row.full_name, role)
        uow.commit()
        vault.save(paths.vault)
    return officer


def remove_officer(ctx: DeskContext, login_name: str) -> None:
    """Deactivate an officer and delete their key slot: their password opens nothing now."""
    ctx.require(Role.ADMIN, "remove officers")
    if login_name == ctx.officer.login:
        raise InvalidInput(
            Text(
                "Өзіңізді өшіре алмайсыз",
                "Нельзя удалить самого себя",
                "You cannot remove yourself",
            )
        )
    paths = ctx.store.paths
    with locked(paths.vault), ctx.uow() as uow:
        vault = load_vault(paths)
        row = uow.officers.by_login(login_name)
        if row is None or not row.active:
            raise NotFound(officer_ref(login_name))
        row.active = False
        ctx.audit(uow, "officer.remove", "officer", row.id)
        vault.remove(login_name)
        vault.clear_failures(login_name)
        # Vault first: if the power goes between the two, the officer is locked out (safe side)
        # and the administrator can remove them again.
        vault.save(paths.vault)
        uow.commit()


def change_password(ctx: DeskContext, old: str, new: str, kdf: KdfParams | None = None) -> None:
    validate_password(new)
    paths = ctx.store.paths
    with locked(paths.vault):
        vault = load_vault(paths)
        try:
            unlocked = vault.open_slot(ctx.officer.login, old)
        except WrongPassword:
            raise WrongCredentials from None
        # The same personal key under the new password: what is wrapped under it still opens.
        vault.set_password(
            ctx.officer.login,
            new,
            unlocked.data_key,
            kdf,
            personal_key=unlocked.personal_key or ctx.personal_key,
            anchor=unlocked.anchor or ctx_anchor(ctx),
        )
        vault.save(paths.vault)
    with ctx.uow() as uow:
        ctx.audit(uow, "officer.password", "officer", ctx.officer.id)
        uow.commit()


def list_officers(ctx: DeskContext) -> list[Officer]:
    with ctx.uow() as uow:
        return [
            Officer(r.id, r.login, r.full_name, Role(r.role))
            for r in uow.officers.all()
            if r.active
        ]


def audit_report(ctx: DeskContext) -> audit.AuditReport:
    ctx.require(Role.ADMIN, "verify the audit log")
    with ctx.uow() as uow:
        return audit.verify(uow.session)

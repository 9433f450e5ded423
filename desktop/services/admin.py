"""Administration from the desk: the same services the `qonys` commands use, taking files by path.

The desk's administration window (desktop/ui/admin_window.py) calls only these functions (and
the services they name): widgets never read or write files themselves. Each function checks the
officer's role in the service it calls (or here, for the password reset), so hiding a menu is
never the only guard.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.domain.calendar import CalendarError, CalendarSpec
from desktop.domain.i18n import Text
from desktop.services import backup as backup_service
from desktop.services import exchange, handouts, monitoring, procedure, recovery, session
from desktop.services.context import DeskContext, Role
from desktop.services.errors import InvalidInput, KnownError, NotFound
from desktop.storage.backup import BackupDamaged, read_header
from desktop.storage.files import write_atomic
from desktop.storage.vault import KdfParams, locked


class Cancelled(KnownError):
    def __init__(self) -> None:
        super().__init__(Text("Тоқтатылды", "Отменено", "Cancelled"))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InvalidInput(
            Text(
                f"Файл оқылмады: {path} ({reason})",
                f"Не удалось прочитать файл {path} ({reason})",
                f"Cannot read {path} ({reason})",
            )
        ) from None


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise backup_service.BackupWriteFailed(path, exc.strerror or str(exc)) from None


# --- officers -----------------------------------------------------------------------------------


def reset_password(
    ctx: DeskContext, login_name: str, new_password: str, kdf: KdfParams | None = None
) -> None:
    """An administrator gives an officer a new password (the old one no longer opens the store)
    and clears their failed-login count. The officer changes it at their next login."""
    ctx.require(Role.ADMIN, "reset passwords")
    session.validate_password(new_password)
    paths = ctx.store.paths
    # As `session.add_officer` writes a slot: under the vault's lock, anchored to the audit log.
    # A new slot has a new personal key: a consul whose password was reset installs their
    # signing certificate again (what was wrapped under the old key no longer opens).
    with locked(paths.vault), ctx.uow() as uow:
        vault = session.load_vault(paths)
        row = uow.officers.by_login(login_name)
        if row is None or not row.active:
            raise NotFound(f"officer {login_name}")
        ctx.audit(uow, "officer.password_reset", "officer", row.id)
        uow.session.flush()
        vault.set_password(
            login_name,
            new_password,
            ctx.store.key,
            kdf,
            anchor=session.audit_anchor(uow.session),
        )
        if vault.clear_failures(login_name):  # no waiting after a reset; the record resealed
            vault.seal_failures(ctx.store.key, None)
        uow.commit()
        vault.save(paths.vault)


# --- the Department -----------------------------------------------------------------------------


def install_enrolment_file(ctx: DeskContext, path: Path, password: str) -> exchange.Installed:
    """`qonys trust import BUNDLE` from the desk (administrator)."""
    ctx.require(Role.ADMIN, "install the Department's enrolment bundle")
    return install_enrolment_bundle(ctx, _read(path), password)


def install_enrolment_bundle(ctx: DeskContext, bundle: bytes, password: str) -> exchange.Installed:
    """Install the bundle's keys and trust list, and adopt the Department's sync server address
    it names (unless the administrator set one): the CA that must sign that server's
    certificate is the bundle's, installed with the keys. Online sync then needs no other step."""
    from desktop.services import sync_online  # httpx: loaded only when needed

    installed = exchange.install_enrolment(ctx, bundle, password)
    url = sync_online.adopt_bundle_url(ctx, bundle)
    return dataclasses.replace(installed, department_url=url)


def install_official_file(
    ctx: DeskContext, path: Path, password: str, login: str | None = None
) -> handouts.OfficialInstalled:
    """`qonys handouts install-official FILE --login LOGIN` from the desk."""
    return handouts.install_official(ctx, _read(path), password, login)


# --- the calendar -------------------------------------------------------------------------------


def set_calendar_days(
    ctx: DeskContext,
    *,
    host_country: str,
    host_subdivision: str,
    closures: Iterable[date],
    extra_working_days: Iterable[date],
) -> procedure.CalendarChange:
    """Change the host country's holidays and the mission's own closures and extra working days;
    every open deadline is recomputed with the new calendar (`procedure.set_calendar`)."""
    current = procedure.calendar_spec(ctx)
    try:
        spec = dataclasses.replace(
            current,
            host_country=host_country.strip().upper(),
            host_subdivision=host_subdivision.strip().upper(),
            closures=tuple(sorted(set(closures))),
            extra_working_days=tuple(sorted(set(extra_working_days))),
        )
    except CalendarError:
        raise InvalidInput(
            Text(
                f"{host_country} елінің мерекелер күнтізбесі жоқ",
                f"Нет календаря праздников страны {host_country}",
                f"No holiday calendar for the country {host_country}",
            )
        ) from None
    return procedure.set_calendar(ctx, spec)


def calendar_days(ctx: DeskContext) -> CalendarSpec:
    return procedure.calendar_spec(ctx)


# --- backup, restore, recovery ------------------------------------------------------------------


def restore_from_file(
    path: Path,
    data_dir: Path,
    login: str,
    password: str,
    *,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> backup_service.BackupInfo:
    """`qonys --data-dir NEW restore FILE` with an officer's login and password.

    `should_stop` is asked at every report of progress (the database and its log block by
    block, the scan files file by file); a stopped restore leaves the folder as it was."""
    backup_service.require_backup_file(path)
    try:
        header = read_header(path)
    except BackupDamaged as exc:
        raise backup_service.BackupInvalid(str(exc)) from None
    key = backup_service.key_from_password(header, login, password)

    def report(done: int, total: int) -> None:
        if should_stop is not None and should_stop():
            raise Cancelled
        if progress is not None:
            progress(done, total)

    try:
        # A Cancel raised from `report` stops the restore between two blocks or two scan
        # files; the restore removes what it wrote, as on a failure.
        return backup_service.restore_backup(path, data_dir, key, actor=login, progress=report)
    finally:
        backup_service.forget_key(key)


def export_recovery_key(ctx: DeskContext, passphrase: str, out: Path) -> recovery.RecoveryKeyExport:
    """`qonys recovery export --out KEY.pem` (administrator)."""
    return recovery.generate_recovery_key(ctx, passphrase, out)


# --- reports ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    rows: int
    kind: str  # "pdf", "csv" or "json"


def write_journal(ctx: DeskContext, start: date, end: date, out: Path) -> Written:
    """`qonys print journal --from --to --out FILE` (.pdf or .csv by the suffix)."""
    kind = "csv" if out.suffix.lower() == ".csv" else "pdf"
    rows = len(handouts.journal_data(ctx, start, end).rows)
    _write(out, handouts.print_journal(ctx, start, end, kind))
    return Written(out, rows, kind)


def write_monitoring(
    ctx: DeskContext, start: date, end: date, out: Path, *, include_iin: bool = False
) -> Written:
    """`qonys monitoring --from --to --out FILE [--with-iin]` (.csv or .json by the suffix)."""
    result = monitoring.export(ctx, start, end, include_iin=include_iin)
    try:
        kind = monitoring.write_file(result, out)
    except OSError as exc:
        raise backup_service.BackupWriteFailed(out, exc.strerror or str(exc)) from None
    return Written(out, len(result.rows), kind)

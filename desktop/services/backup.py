"""Backing up a mission store, checking a backup, and restoring it on another machine.

A backup is made while the desk is in use (the store's encrypted files copied under one read
transaction: one consistent instant, writers carry on), stays encrypted with the store's data key, and carries the vault, so the
officers' passwords and the Department's recovery key open it as they open the store. The
container format is in `desktop/storage/backup.py`.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import rsa

from desktop import __version__
from desktop.domain.i18n import Text
from desktop.services import settings as settings_service
from desktop.services.context import Clock, DeskContext, system_clock
from desktop.services.errors import (
    InvalidInput,
    KnownError,
    StoreDamaged,
    StoreExists,
    WrongCredentials,
)
from desktop.services.os_reasons import os_reason
from desktop.storage import audit, hashcopy, migrate
from desktop.storage import backup as container
from desktop.storage.engine import NotOurDatabase
from desktop.storage.files import RESTORE_TAG, hold, in_use, write_atomic
from desktop.storage.scanfiles import ScanFileError
from desktop.storage.snapshot import frozen_files
from desktop.storage.store import (
    VAULT_FILE,
    RestoreMark,
    StorePaths,
    open_database,
    remove_restore_leftovers,
)
from desktop.storage.throttle import FailureLog
from desktop.storage.vault import Vault, VaultError, WrongPassword, wipe

log = logging.getLogger(__name__)


class BackupInvalid(KnownError):
    """A backup file that is damaged, altered, truncated, or not a Qonys backup."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            Text(
                f"Сақтық көшірме жарамсыз: {detail}",
                f"Резервная копия недействительна: {detail}",
                f"The backup is not valid: {detail}",
            )
        )


class BackupWriteFailed(KnownError):
    def __init__(self, where: Path, reason: str | Text) -> None:
        why = reason if isinstance(reason, Text) else Text(reason, reason, reason)
        super().__init__(
            Text(
                f"{where} жазу мүмкін емес: {why.kk}",
                f"Не удалось записать {where}: {why.ru}",
                f"Cannot write {where}: {why.en}",
            )
        )


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    size: int
    db_size: int
    sha256: str
    created_at: datetime
    seconds: float
    # What backups killed midway left in the folder (snapshot copies, half-written files),
    # removed by this one.
    removed: tuple[Path, ...] = ()


SNAPSHOT_PREFIX = ".qonys-snapshot-"  # scratch copies of backups before version 0.x
_LOCK_NAME = "in-use"


def _abandoned(scratch: Path) -> bool:
    """A snapshot folder whose backup is gone (older versions copied the database there)."""
    lock = scratch / _LOCK_NAME
    return not lock.exists() or not in_use(lock)


def remove_leftovers(folder: Path) -> tuple[Path, ...]:
    """Remove what killed backups left in ``folder``: ``.qonys-snapshot-*`` folders (a whole
    encrypted copy of the database each, from older versions) and half-written
    ``.NAME.qonys-backup.*.tmp`` containers. A file a backup is writing now (another desk,
    another process) holds a lock while it lives, and is left alone.
    """
    removed: list[Path] = []
    for scratch in sorted(folder.glob(f"{SNAPSHOT_PREFIX}*")):
        if scratch.is_dir() and _abandoned(scratch):
            shutil.rmtree(scratch, ignore_errors=True)
            removed.append(scratch)
    for tmp in sorted(folder.glob(f".*{container.SUFFIX}.*.tmp")):
        if tmp.is_file() and not in_use(tmp):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return tuple(removed)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    size: int
    sha256: str
    mission_code: str
    store_id: str
    created_at: datetime
    app_version: str
    schema_revision: str
    authenticated: bool  # the keyed MAC was checked too (a password or recovery key was given)


def default_backup_name(mission_code: str, at: datetime) -> str:
    return f"qonys-{mission_code}-{at:%Y%m%d-%H%M%S}{container.SUFFIX}"


def backup_store(
    ctx: DeskContext,
    out: Path,
    *,
    progress: container.Progress | None = None,
    into_folder: bool = False,
    stages: hashcopy.Stages | None = None,
) -> BackupResult:
    """Write an encrypted, checksummed backup of the open store to `out` (a file or a folder).

    With ``into_folder`` `out` is a folder, made if it does not exist yet (the desk's dialog).
    Any officer may back up: the file opens only with the same passwords or the recovery key.
    """
    started = time.perf_counter()
    now = ctx.now()
    if into_folder:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BackupWriteFailed(out, os_reason(exc)) from None
    if out.is_dir():
        out = out / default_backup_name(ctx.mission.code, now)
    paths = ctx.store.paths
    try:
        vault = Vault.load(paths.vault)
    except VaultError as exc:
        raise StoreDamaged(str(exc)) from None
    # Failed-login counters are this machine's state, not the store's: a restored store starts
    # clean. The slots (and so who can open the backup) are as they are now.
    vault.failure_log = FailureLog()
    vault.seal_failures(ctx.store.key, None)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        removed = remove_leftovers(out.parent)
        frozen = time.perf_counter()
        with frozen_files(ctx.store) as files:
            if stages is not None:
                stages.extra["snapshot"] = time.perf_counter() - frozen
            header = container.BackupHeader(
                store_id=vault.store_id,
                mission_code=ctx.mission.code,
                created_at=now,
                app_version=__version__,
                schema_revision=migrate.current_revision(ctx.store.engine) or "",
                db_size=files.db_size,
                mac_salt=container.new_mac_salt(),
                vault=vault.to_bytes(),
                wal_size=files.wal_size,
            )
            sha = container.write_container(
                out,
                header,
                files.parts(),
                ctx.store.key,
                progress=progress,
                stages=stages,
                scans=files.scans,
            )
    except ScanFileError as exc:
        log.error("backup refused: a scan file of the store is missing")
        raise StoreDamaged(str(exc)) from None
    except OSError as exc:
        log.error("backup refused: cannot write (%s)", type(exc).__name__)
        raise BackupWriteFailed(out, os_reason(exc)) from None
    size = out.stat().st_size
    settings_service.record_backup(ctx, now, size)
    log.info(
        "backup written by officer %d: %d bytes, schema %s, sha256 %s",
        ctx.officer.id,
        size,
        header.schema_revision,
        sha[:16],
    )
    return BackupResult(
        out, size, header.payload_size, sha, now, time.perf_counter() - started, removed
    )


# --- opening a backup's key ----------------------------------------------------------------


def _header(path: Path) -> container.BackupHeader:
    try:
        return container.read_header(path)
    except container.BackupDamaged as exc:
        raise BackupInvalid(str(exc)) from None
    except FileNotFoundError:
        raise BackupInvalid(f"no such file: {path}") from None


def _vault_of(header: container.BackupHeader) -> Vault:
    try:
        return Vault.from_bytes(header.vault)
    except VaultError as exc:
        raise BackupInvalid(str(exc)) from None


def key_from_password(header: container.BackupHeader, login: str, password: str) -> bytearray:
    try:
        return _vault_of(header).unwrap(login, password)
    except WrongPassword:
        raise WrongCredentials from None


def key_from_recovery(header: container.BackupHeader, private_key: rsa.RSAPrivateKey) -> bytearray:
    from desktop.services.recovery import NoRecoverySlot, RecoveryKeyMismatch

    vault = _vault_of(header)
    if vault.recovery is None:
        raise NoRecoverySlot
    try:
        return vault.unwrap_recovery(private_key)
    except WrongPassword:
        raise RecoveryKeyMismatch from None


def verify_backup(
    path: Path, data_key: bytearray | None = None, *, stages: hashcopy.Stages | None = None
) -> BackupInfo:
    """Check every byte of a backup without restoring it.

    Without a key: structure and SHA-256 (damage). With the key (from a password or the
    recovery key): the HMAC too (deliberate alteration).
    """
    try:
        result = container.verify(path, data_key, stages=stages)
    except container.BackupDamaged as exc:
        raise BackupInvalid(str(exc)) from None
    return _info(path, result, result.mac_checked)


def restore_backup(
    path: Path,
    data_dir: Path,
    data_key: bytearray,
    *,
    actor: str,
    check_integrity: bool = False,
    progress: container.Progress | None = None,
    clock: Clock = system_clock,
    stages: hashcopy.Stages | None = None,
) -> BackupInfo:
    """Restore a backup into `data_dir`, which must not hold a store yet.

    The database is written and checked (checksum, MAC, SQLCipher opens it with the key, the
    mission record is there, schema brought up to date) before the vault is written: a folder
    with a vault is a finished store, never a half-restored one. The keyed MAC already proves
    every byte is the snapshot SQLite wrote; `check_integrity` adds SQLite's full integrity
    check on top, and opens every scan file (it reads every page again: roughly doubles the
    time of a restore).

    `progress(done, total)` counts every byte of the backup file as it is restored (the scan
    files too) and reaches the total only when the store is whole. What `progress` raises (the
    desk's Cancel, checked between two files) stops the restore, as a failure does: every file
    it wrote is removed and the folder is left as it was. A restore killed at any point leaves
    either the whole store or what the next restore or opening removes (`RestoreMark`).
    """
    paths = StorePaths(data_dir)
    # What a restore killed in this folder left: its temp files, and a database it had put in
    # place before it was killed (its mark tells), which would else be refused below.
    remove_restore_leftovers(paths)
    if paths.exists() or paths.url is not None:  # a desk of a shared store: restore elsewhere
        raise StoreExists(str(data_dir))
    if _holds_files(paths.scans):  # scan files are a store's, or part of one: not ours to mix
        raise StoreExists(str(data_dir))
    header = _header(path)
    root_made = not paths.root.exists()
    scans_made = not paths.scans.exists()
    try:
        paths.ensure_root()
        mark = RestoreMark(paths, scans_made=scans_made)
    except OSError as exc:
        raise BackupWriteFailed(data_dir, os_reason(exc)) from None
    try:
        result = _restore_into(
            paths,
            path,
            header,
            data_key,
            actor=actor,
            check_integrity=check_integrity,
            progress=progress,
            clock=clock,
            stages=stages,
        )
    except BaseException as exc:
        # Leave the folder as we found it (no store files, no scan files) so that the restore
        # can be retried; what it removes is only what it wrote (the folder held none).
        _remove_restored(paths, scans_made=scans_made)
        mark.release()
        if root_made:
            with contextlib.suppress(OSError):  # only if empty: whatever else is there stays
                paths.root.rmdir()
        log.warning("restore refused: %s", type(exc).__name__)
        raise
    mark.release()
    h = result.header
    log.info("backup restored: mission %s, schema %s", h.mission_code, h.schema_revision)
    return _info(path, result, True)


def _holds_files(folder: Path) -> bool:
    try:
        return any(folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return False


def _remove_restored(paths: StorePaths, *, scans_made: bool) -> None:
    """The store files a restore wrote into `paths` (it began where there were none), and its
    scan files (the folder was missing or empty)."""
    vault_file = paths.root / VAULT_FILE
    for leftover in (paths.db, vault_file, *paths.root.glob(f"{paths.db.name}-*")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    if not paths.scans.is_dir() or paths.scans.is_symlink():
        return
    if scans_made:
        shutil.rmtree(paths.scans, ignore_errors=True)
        return
    for entry in paths.scans.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _restore_into(
    paths: StorePaths,
    path: Path,
    header: container.BackupHeader,
    data_key: bytearray,
    *,
    actor: str,
    check_integrity: bool,
    progress: container.Progress | None,
    clock: Clock,
    stages: hashcopy.Stages | None,
) -> container.VerifyResult:
    """The restore proper: the caller removes what it wrote if it fails or is cancelled."""
    whole: list[int] = []

    def copying(done: int, total: int) -> None:
        if progress is None:
            return
        if done < total:
            progress(done, total)
        else:  # every byte checked: the total is reported once the store is whole
            whole.append(total)

    try:
        result = container.extract_database(
            path, data_key, paths.db, scans=paths.scans, progress=copying, stages=stages
        )
    except container.BackupDamaged as exc:
        log.warning("restore refused: the backup is damaged or altered")
        raise BackupInvalid(str(exc)) from None
    except OSError as exc:
        raise BackupWriteFailed(paths.db, os_reason(exc)) from None
    opened = time.perf_counter()
    try:
        # No sweep of orphan scan files now: its thread would go on opening the store after
        # the restore has returned (and closed it); the first login sweeps.
        store = open_database(paths, bytearray(data_key), sweep=False)
        try:
            if check_integrity:
                problems = [p for p in store.integrity() if p != "ok"]
                if problems:
                    raise StoreDamaged("; ".join(problems[:3]))
            with store.uow() as uow:
                mission = uow.mission.get()
                if mission is None:
                    raise StoreDamaged("the mission record is missing")
                audit.append(
                    uow.session,
                    at=clock(),
                    officer=actor,
                    action="store.restore",
                    entity="mission",
                    entity_id=mission.code,
                    detail={
                        "backup_created_at": header.created_at.isoformat(),
                        "sha256": result.sha256,
                    },
                )
                uow.commit()
        finally:
            store.close()
    except NotOurDatabase as exc:
        raise StoreDamaged(str(exc)) from None
    vault = _vault_of(header)
    # A restored store starts with a clean failed-login record, sealed with its key (what
    # backups made now carry already). Backups from before the record was sealed carry
    # none, and the first login would take that for a record removed since (issue 19).
    vault.failure_log = FailureLog()
    vault.seal_failures(data_key, None)
    # The vault file of the SQLCipher store a restore makes (the folder names no database).
    # Written last but the mark's removal: with it the store is whole (`RestoreMark`).
    write_atomic(paths.root / VAULT_FILE, vault.to_bytes(), tag=RESTORE_TAG, on_open=hold)
    if stages is not None:
        stages.extra["open, upgrade, audit"] = time.perf_counter() - opened
    if progress is not None and whole:
        progress(whole[0], whole[0])
    return result


def require_backup_file(path: Path) -> None:
    if not path.is_file():
        raise InvalidInput(
            Text(
                f"Файл табылмады: {path}",
                f"Файл не найден: {path}",
                f"No such file: {path}",
            )
        )


def forget_key(key: bytearray) -> None:
    wipe(key)


def _info(path: Path, result: container.VerifyResult, mac_checked: bool) -> BackupInfo:
    h = result.header
    return BackupInfo(
        path,
        result.size,
        result.sha256,
        h.mission_code,
        h.store_id,
        h.created_at,
        h.app_version,
        h.schema_revision,
        mac_checked,
    )

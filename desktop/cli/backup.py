"""`qonys` sub-commands for backups, restore and recovery.

    qonys --data-dir DIR backup [--out FILE|FOLDER]          make a backup (any officer)
    qonys backup verify FILE [--recovery-key KEY.pem]       check a backup without restoring it
    qonys --data-dir DIR backup status                      when was the last backup; is one due
    qonys --data-dir NEW restore FILE                       restore with an officer's password
    qonys --data-dir NEW restore FILE --recovery-key KEY.pem --new-admin LOGIN
    qonys --data-dir DIR recovery export [--out KEY.pem]    new mission recovery key, shown once
    qonys --data-dir DIR recovery set-department DEPT.pem   recovery slot for the Department's key
    qonys --data-dir DIR recovery status
    qonys --data-dir DIR recover --recovery-key KEY.pem --new-admin LOGIN
    qonys --data-dir DIR passwd                             change one's own password

Secrets come from the environment or a prompt, never from the command line (it is visible to
every user of the machine): QONYS_PASSWORD / --password-file for the officer's password,
QONYS_NEW_PASSWORD for a new one, QONYS_RECOVERY_PASSPHRASE for the recovery key's passphrase.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.common import plain
from desktop.domain.i18n import Text
from desktop.services import backup as backup_service
from desktop.services import recovery, session
from desktop.services import settings as settings_service
from desktop.services.errors import InvalidInput
from desktop.storage.backup import BackupDamaged, read_header

if TYPE_CHECKING:
    from desktop.cli import Cli

OK = 0
FAILED = 1


def _secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InvalidInput(plain(f"set {env} (no terminal to ask on)"))
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat: ") != first:
        raise InvalidInput(plain("the two entries differ"))
    return first


def _read_key_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInput(plain(f"cannot read {path}: {exc.strerror}")) from None


def _private_key(path: Path) -> Any:
    pem = _read_key_file(path)
    passphrase: str | None = None
    if b"ENCRYPTED" in pem:
        passphrase = _secret("QONYS_RECOVERY_PASSPHRASE", "Recovery key passphrase: ")
    return recovery.load_private_key(pem, passphrase)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise backup_service.BackupWriteFailed(folder, exc.strerror or str(exc)) from None


def _mib(size: int) -> str:
    return f"{size / (1 << 20):.1f} MiB"


# --- backup ----------------------------------------------------------------------------------


def cmd_backup(args: argparse.Namespace, cli: Cli) -> int:
    if args.action == "verify":
        return _verify(args, cli)
    if args.file is not None:
        raise InvalidInput(plain("use: backup --out FILE, or backup verify FILE"))
    ctx = cli.context()
    if args.action == "status":
        reminder = settings_service.backup_reminder(ctx)
        if reminder.last_at is not None:
            cli.say(f"Last backup: {reminder.last_at:%Y-%m-%d %H:%M} UTC")
        cli.say(reminder.message if reminder.due else plain("No backup is due"))
        cli.say(f"Reminder after {reminder.reminder_days} days")
        return FAILED if reminder.due else OK
    out: Path | None = None
    if args.out is not None:
        out = Path(args.out).expanduser()
        # "--out /media/usb/" names a folder even before it exists.
        if args.out.endswith(("/", os.sep)):
            _make_folder(out)
    else:
        folder = settings_service.show(ctx).values["backup.folder"]
        if not folder:
            raise InvalidInput(
                plain("give --out FILE or FOLDER (or set backup.folder in the settings)")
            )
        out = Path(folder).expanduser()
        _make_folder(out)
    result = backup_service.backup_store(ctx, out)
    for leftover in result.removed:
        cli.say(
            Text(
                f"{leftover}: үзілген сақтық көшірменің қалдығы жойылды.",
                f"{leftover}: удален остаток прерванного резервного копирования.",
                f"{leftover}: removed, left by an interrupted backup.",
            )
        )
    rate = result.db_size / (1 << 20) / max(result.seconds, 1e-6)
    cli.say(f"Backup written: {result.path}")
    cli.say(f"Size {_mib(result.size)} in {result.seconds:.1f} s ({rate:.0f} MiB/s)")
    cli.say(f"SHA-256 {result.sha256}")
    return OK


def _verify(args: argparse.Namespace, cli: Cli) -> int:
    if args.file is None:
        raise InvalidInput(plain("backup verify needs FILE"))
    path: Path = args.file
    backup_service.require_backup_file(path)
    key = None
    try:
        header = read_header(path)
    except BackupDamaged as exc:
        raise backup_service.BackupInvalid(str(exc)) from None
    if args.recovery_key is not None:
        key = backup_service.key_from_recovery(header, _private_key(args.recovery_key))
    elif cli.officer or os.environ.get("QONYS_OFFICER"):
        key = backup_service.key_from_password(header, cli.login_name(), cli.password())
    try:
        info = backup_service.verify_backup(path, key)
    finally:
        if key is not None:
            backup_service.forget_key(key)
    cli.say(f"Backup of {info.mission_code} made {info.created_at:%Y-%m-%d %H:%M} UTC")
    cli.say(f"Qonys {info.app_version}, schema {info.schema_revision}, {_mib(info.size)}")
    cli.say(f"SHA-256 {info.sha256}: intact")
    if info.authenticated:
        cli.say("Authenticated with the store's key: not altered")
    else:
        cli.say("(give --officer, or --recovery-key, to check its authentication too)")
    return OK


def cmd_restore(args: argparse.Namespace, cli: Cli) -> int:
    path: Path = args.file
    backup_service.require_backup_file(path)
    try:
        header = read_header(path)
    except BackupDamaged as exc:
        raise backup_service.BackupInvalid(str(exc)) from None
    if args.recovery_key is not None:
        if not args.new_admin:
            raise InvalidInput(
                plain(
                    "with --recovery-key give --new-admin LOGIN: the restored store's new administrator"
                )
            )
        session.validate_login(args.new_admin)
        new_password = _secret(
            "QONYS_NEW_PASSWORD", f"New password for {args.new_admin}: ", confirm=True
        )
        session.validate_password(new_password)
        private_key = _private_key(args.recovery_key)
        key = backup_service.key_from_recovery(header, private_key)
        actor = recovery.RECOVERY_ACTOR
    else:
        login_name = cli.login_name()
        key = backup_service.key_from_password(header, login_name, cli.password())
        actor = login_name
    try:
        info = backup_service.restore_backup(
            path, cli.data_dir, key, actor=actor, check_integrity=args.check
        )
    finally:
        backup_service.forget_key(key)
    cli.say(f"Restored {info.mission_code} (backup of {info.created_at:%Y-%m-%d %H:%M} UTC)")
    cli.say(f"into {cli.data_dir}")
    if args.recovery_key is not None:
        recovery.recover_store(
            cli.data_dir,
            private_key,
            admin_login=args.new_admin,
            admin_full_name=args.full_name or args.new_admin,
            admin_password=new_password,
        )
        cli.say(f"Administrator {args.new_admin} can log in with the new password")
    return OK


# --- recovery ----------------------------------------------------------------------------------


def cmd_recovery(args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    if args.action == "status":
        kid = recovery.recovery_status(ctx)
        cli.say(f"Recovery slot: key {kid}" if kid else "No recovery slot: run `recovery export`")
        return OK if kid else FAILED
    if args.action == "set-department":
        if args.key_file is None:
            raise InvalidInput(plain("recovery set-department needs the Department's PEM file"))
        kid = recovery.set_recovery_public_key(ctx, _read_key_file(args.key_file))
        cli.say(f"Recovery slot set to the Department's key {kid}")
        return OK
    # export
    passphrase = _secret(
        "QONYS_RECOVERY_PASSPHRASE", "Passphrase to protect the recovery key: ", confirm=True
    )
    export = recovery.generate_recovery_key(ctx, passphrase, args.out)
    cli.say(f"Recovery key {export.key_id} set for {ctx.mission.code}.")
    if export.written_to is not None:
        cli.say(f"The private key is in {export.written_to}: move it off this computer.")
    else:
        cli.say("Print this page or copy it to removable media NOW; it is not shown again:")
        cli.say("")
        cli.say(export.private_pem.rstrip())
        cli.say("")
    cli.say(
        "Keep the key and its passphrase apart, in the safe. With both, anyone can open the "
        "store and its backups; without them and without an officer's password, nobody can."
    )
    return OK


def cmd_recover(args: argparse.Namespace, cli: Cli) -> int:
    session.ensure_store(cli.data_dir)
    private_key = _private_key(args.recovery_key)
    new_password = _secret(
        "QONYS_NEW_PASSWORD", f"New password for {args.new_admin}: ", confirm=True
    )
    recovery.recover_store(
        cli.data_dir,
        private_key,
        admin_login=args.new_admin,
        admin_full_name=args.full_name or args.new_admin,
        admin_password=new_password,
    )
    cli.say(f"Store opened with the recovery key; administrator {args.new_admin} can log in")
    return OK


def cmd_passwd(_args: argparse.Namespace, cli: Cli) -> int:
    ctx = cli.context()
    new_password = _secret("QONYS_NEW_PASSWORD", "New password: ", confirm=True)
    session.change_password(ctx, cli.password(), new_password)
    cli.say(f"Password of {ctx.officer.login} changed")
    return OK


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="make, check or look up encrypted backups")
    p.add_argument("action", nargs="?", choices=("verify", "status"))
    p.add_argument("file", nargs="?", type=Path, help="the backup to verify")
    p.add_argument("--out", help="backup file, or a folder (ending in /) for a dated file")
    p.add_argument("--recovery-key", type=Path, help="verify also with this recovery key (PEM)")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="restore a backup into an empty --data-dir")
    p.add_argument("file", type=Path)
    p.add_argument("--recovery-key", type=Path, help="open with the recovery key (PEM)")
    p.add_argument("--new-admin", help="with --recovery-key: login of the new administrator")
    p.add_argument("--full-name", help="the new administrator's full name")
    p.add_argument(
        "--check",
        action="store_true",
        help="also run SQLite's full integrity check and open every scan file (slower)",
    )
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("recovery", help="the store's recovery key (administrator)")
    p.add_argument("action", choices=("export", "set-department", "status"))
    p.add_argument("key_file", nargs="?", type=Path, help="set-department: public key PEM")
    p.add_argument("--out", type=Path, help="export: write the private key PEM here")
    p.set_defaults(handler=cmd_recovery)

    p = sub.add_parser("recover", help="open a store with the recovery key; new administrator")
    p.add_argument("--recovery-key", type=Path, required=True)
    p.add_argument("--new-admin", required=True)
    p.add_argument("--full-name")
    p.set_defaults(handler=cmd_recover)

    p = sub.add_parser("passwd", help="change your password")
    p.set_defaults(handler=cmd_passwd)

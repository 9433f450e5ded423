"""The recovery slot opens a store (and its backups) whose officers are all gone; removing an
officer removes their ability to open the store and any backup made after."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select

from desktop.services import backup as backup_service
from desktop.services import cases, recovery, session
from desktop.services.context import DeskContext, Role
from desktop.services.errors import PermissionDenied, WrongCredentials
from desktop.storage import backup as container
from desktop.storage.models import AuditRow
from desktop.storage.store import StorePaths
from desktop.storage.vault import Vault
from tests.conftest import FAST_KDF, PASSWORD, MovableClock

PASSPHRASE = "printed and kept in the safe"
NEW_PASSWORD = "a brand new start 2026"


def _everyone_gone(data_dir: Path, admin: DeskContext) -> None:
    """Every officer left: their slots removed (the administrator's last, by hand)."""
    session.remove_officer(admin, "officer")
    session.remove_officer(admin, "consul")
    paths = StorePaths(data_dir)
    vault = Vault.load(paths.vault)
    assert vault.remove("admin")
    vault.save(paths.vault)
    assert not vault.slots


def test_generated_recovery_key_opens_a_store_whose_officers_are_gone(
    demo_dir: Path, admin: DeskContext, tmp_path: Path, clock: MovableClock
) -> None:
    export = recovery.generate_recovery_key(admin, PASSPHRASE, tmp_path / "recovery.pem")
    pem = (tmp_path / "recovery.pem").read_bytes()
    assert pem.decode() == export.private_pem
    assert b"-----BEGIN ENCRYPTED PRIVATE KEY-----" in pem
    assert oct((tmp_path / "recovery.pem").stat().st_mode & 0o777) == oct(0o600)
    assert recovery.recovery_status(admin) == export.key_id
    numbers = [c.number for c in cases.list_cases(admin, limit=100)]
    _everyone_gone(demo_dir, admin)
    admin.close()
    for login in ("admin", "officer", "consul"):
        with pytest.raises(WrongCredentials):
            session.login(demo_dir, login, PASSWORD, clock=clock)

    with pytest.raises(recovery.BadRecoveryKey):
        recovery.load_private_key(pem, "wrong passphrase")
    key = recovery.load_private_key(pem, PASSPHRASE)
    recovery.recover_store(
        demo_dir,
        key,
        admin_login="newadmin",
        admin_full_name="Жаңа Әкімші",
        admin_password=NEW_PASSWORD,
        kdf=FAST_KDF,
        clock=clock,
    )
    ctx = session.login(demo_dir, "newadmin", NEW_PASSWORD, clock=clock)
    try:
        assert ctx.officer.role is Role.ADMIN
        assert [c.number for c in cases.list_cases(ctx, limit=100)] == numbers
        with ctx.uow() as uow:
            # The recovery itself, then the new administrator's login.
            entries = [
                (e.action, e.officer)
                for e in uow.session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(2))
            ]
        assert entries == [("session.login", "newadmin"), ("recovery.admin", "recovery")]
    finally:
        ctx.close()


def test_department_key_opens_a_backup_with_no_officer_left(
    demo_dir: Path, admin: DeskContext, tmp_path: Path, clock: MovableClock
) -> None:
    department = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    public_pem = department.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    kid = recovery.set_recovery_public_key(admin, public_pem)
    assert kid == recovery.key_id(department.public_key())
    _everyone_gone(demo_dir, admin)
    out = backup_service.backup_store(admin, tmp_path / "b.qonys-backup").path
    header = container.read_header(out)
    with pytest.raises(WrongCredentials):
        backup_service.key_from_password(header, "admin", PASSWORD)

    key = backup_service.key_from_recovery(header, department)
    assert backup_service.verify_backup(out, key).authenticated
    target = tmp_path / "restored"
    backup_service.restore_backup(out, target, key, actor=recovery.RECOVERY_ACTOR)
    recovery.recover_store(
        target,
        department,
        admin_login="capital",
        admin_full_name="Department",
        admin_password=NEW_PASSWORD,
        kdf=FAST_KDF,
        clock=clock,
    )
    ctx = session.login(target, "capital", NEW_PASSWORD, clock=clock)
    try:
        assert cases.count_cases(ctx) == cases.count_cases(admin)
    finally:
        ctx.close()


def test_a_foreign_recovery_key_does_not_fit(demo_dir: Path, admin: DeskContext) -> None:
    recovery.generate_recovery_key(admin, PASSPHRASE)
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(recovery.RecoveryKeyMismatch):
        recovery.unwrap_with_recovery(demo_dir, stranger)


def test_no_recovery_slot_is_a_clear_message(demo_dir: Path, admin: DeskContext) -> None:
    assert recovery.recovery_status(admin) is None
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(recovery.NoRecoverySlot):
        recovery.unwrap_with_recovery(demo_dir, stranger)


def test_only_an_administrator_sets_the_recovery_key(officer: DeskContext) -> None:
    with pytest.raises(PermissionDenied):
        recovery.generate_recovery_key(officer, PASSPHRASE)


def test_a_short_passphrase_is_refused(admin: DeskContext) -> None:
    from desktop.services.errors import InvalidInput

    with pytest.raises(InvalidInput):
        recovery.generate_recovery_key(admin, "short")


def test_removed_officer_opens_neither_the_store_nor_a_later_backup(
    demo_dir: Path, admin: DeskContext, tmp_path: Path, clock: MovableClock
) -> None:
    before = backup_service.backup_store(admin, tmp_path / "before.qonys-backup").path
    session.remove_officer(admin, "officer")
    after = backup_service.backup_store(admin, tmp_path / "after.qonys-backup").path

    with pytest.raises(WrongCredentials):
        session.login(demo_dir, "officer", PASSWORD, clock=clock)
    with pytest.raises(WrongCredentials):
        backup_service.key_from_password(container.read_header(after), "officer", PASSWORD)
    # A backup made *before* the removal still holds their slot: that is why backups are
    # kept under lock and old ones destroyed (docs/administration.md).
    assert backup_service.key_from_password(container.read_header(before), "officer", PASSWORD)
    # The others are unaffected.
    assert backup_service.key_from_password(container.read_header(after), "consul", PASSWORD)


def test_changed_password_applies_to_later_backups(admin: DeskContext, tmp_path: Path) -> None:
    session.change_password(admin, PASSWORD, NEW_PASSWORD, kdf=FAST_KDF)
    after = backup_service.backup_store(admin, tmp_path / "after.qonys-backup").path
    header = container.read_header(after)
    with pytest.raises(WrongCredentials):
        backup_service.key_from_password(header, "admin", PASSWORD)
    assert backup_service.key_from_password(header, "admin", NEW_PASSWORD)

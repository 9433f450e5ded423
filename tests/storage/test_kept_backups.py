"""Backups written by earlier releases still verify and restore (issue 19).

The files in tests/storage/fixtures/ were written by the code of the release that wrote each
format (fixtures/make_backups.py says which commit): format 1 (SQLite's backup API, HMAC over
every byte) and format 2 as written before the issue 19 writer (database + write-ahead log
with commits still in it). Each opens with an officer's password and with the recovery key.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import text

from desktop.services import backup as backup_service
from desktop.services import recovery, session
from desktop.storage import audit
from desktop.storage import backup as container
from tests.conftest import PASSWORD, MovableClock

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KEPT = {"v1": 1, "v2": 2}


def _kept(version: str, tmp_path: Path) -> Path:
    copy = tmp_path / f"kept-{version}.qonys-backup"
    shutil.copyfile(FIXTURES / f"backup-{version}.qonys-backup", copy)
    return copy


def _recovery_key() -> rsa.RSAPrivateKey:
    return recovery.load_private_key((FIXTURES / "backup-recovery-TEST.pem").read_bytes(), PASSWORD)


def _holds_what_was_backed_up(target: Path, version: str, clock: MovableClock) -> None:
    want = json.loads((FIXTURES / f"backup-{version}.json").read_text())
    ctx = session.login(target, "officer", PASSWORD, clock=clock)
    try:
        assert ctx.store.integrity() == ["ok"]
        with ctx.store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM cases")).scalar_one() == want["cases"]
            assert conn.execute(text("SELECT count(*) FROM events")).scalar_one() == want["events"]
            scans = sorted(
                hashlib.sha256(row[0]).hexdigest()
                for row in conn.execute(text("SELECT data FROM attachments"))
            )
        assert scans == want["scans"]
        with ctx.uow() as uow:
            report = audit.verify(uow.session)
        assert report.ok, report.problems
    finally:
        ctx.close()


@pytest.mark.parametrize("version", sorted(KEPT))
def test_a_kept_backup_verifies_and_restores_with_a_password(
    version: str, tmp_path: Path, clock: MovableClock
) -> None:
    path = _kept(version, tmp_path)
    header = container.read_header(path)
    assert header.version == KEPT[version]
    if version == "v2":
        assert header.wal_size > 0  # commits still in the log: the restore replays them
    assert not backup_service.verify_backup(path).authenticated
    key = backup_service.key_from_password(header, "officer", PASSWORD)
    assert backup_service.verify_backup(path, key).authenticated
    target = tmp_path / "restored"
    backup_service.restore_backup(path, target, key, actor="officer", check_integrity=True)
    _holds_what_was_backed_up(target, version, clock)


@pytest.mark.parametrize("version", sorted(KEPT))
def test_a_kept_backup_restores_with_the_recovery_key(
    version: str, tmp_path: Path, clock: MovableClock
) -> None:
    path = _kept(version, tmp_path)
    key = backup_service.key_from_recovery(container.read_header(path), _recovery_key())
    target = tmp_path / "restored"
    backup_service.restore_backup(path, target, key, actor=recovery.RECOVERY_ACTOR)
    _holds_what_was_backed_up(target, version, clock)


@pytest.mark.parametrize("version", sorted(KEPT))
def test_a_changed_byte_in_a_kept_backup_is_refused(version: str, tmp_path: Path) -> None:
    path = _kept(version, tmp_path)
    header = container.read_header(path)
    key = backup_service.key_from_password(header, "admin", PASSWORD)
    raw = bytearray(path.read_bytes())
    start = len(container.MAGIC) + 4 + len(header.to_bytes())
    for offset in (start, start + header.db_size - 1, len(raw) - container.TRAILER_SIZE - 1):
        damaged = bytearray(raw)
        damaged[offset] ^= 0x40
        path.write_bytes(bytes(damaged))
        with pytest.raises(backup_service.BackupInvalid):
            backup_service.verify_backup(path)
        with pytest.raises(backup_service.BackupInvalid):
            backup_service.restore_backup(path, tmp_path / "r", key, actor="admin")
        assert not (tmp_path / "r" / "qonys.db").exists()


def test_the_test_recovery_key_is_a_test_key() -> None:
    # The fixture's key is encrypted with the tests' password and is no one's real key.
    pem = (FIXTURES / "backup-recovery-TEST.pem").read_bytes()
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    with pytest.raises((ValueError, TypeError)):
        serialization.load_pem_private_key(pem, None)

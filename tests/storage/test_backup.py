"""Encrypted backups: consistent while written to, byte-exact restore, any changed byte fails."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.services import backup as backup_service
from desktop.services import session
from desktop.services import settings as settings_service
from desktop.services.context import DeskContext
from desktop.services.errors import StoreExists, WrongCredentials
from desktop.storage import audit, hashcopy
from desktop.storage import backup as container
from desktop.storage.models import AuditRow
from tests.conftest import PASSWORD, MovableClock
from tests.storage.backup_helpers import add_scan, add_table_scan, dump

ROOT = Path(__file__).resolve().parents[2]


def _key(path: Path, login: str = "admin", password: str = PASSWORD) -> bytearray:
    return backup_service.key_from_password(container.read_header(path), login, password)


def test_restore_gives_identical_cases_events_and_scans(
    admin: DeskContext, tmp_path: Path, clock: MovableClock
) -> None:
    for case_id, size in ((1, 300_000), (2, 1), (3, 2_000_000)):
        add_scan(admin, case_id, os.urandom(size))
    before = dump(admin)
    out = tmp_path / "b" / "mission.qonys-backup"
    result = backup_service.backup_store(admin, out)
    assert result.path == out and out.stat().st_size == result.size

    target = tmp_path / "restored"
    key = _key(out, "officer")
    info = backup_service.restore_backup(out, target, key, actor="officer", check_integrity=True)
    assert info.mission_code == "KZ-BER" and info.authenticated
    restored = session.login(target, "officer", PASSWORD, clock=clock)
    try:
        assert dump(restored) == before
        assert restored.store.integrity() == ["ok"]
        with restored.uow() as uow:
            report = audit.verify(uow.session)
        assert report.ok, report.problems
        assert oct(target.stat().st_mode & 0o777) == oct(0o700)
    finally:
        restored.close()


def test_backup_holds_nothing_in_clear(admin: DeskContext, tmp_path: Path) -> None:
    add_scan(admin, 1, b"SCAN-MARKER-" * 1000)
    folder = tmp_path / "backups"
    folder.mkdir()
    out = backup_service.backup_store(admin, folder).path
    assert out.name.startswith("qonys-KZ-BER-") and out.suffix == ".qonys-backup"
    raw = out.read_bytes()
    from desktop.services import cases

    first = cases.list_cases(admin, limit=3)
    for row in first:
        assert row.iin.encode() not in raw
        assert row.full_name.split()[0].encode("utf-8") not in raw
    assert b"SCAN-MARKER" not in raw
    assert b"SQLite format 3" not in raw
    # No scratch files are left beside the backup.
    assert sorted(p.name for p in folder.iterdir()) == [out.name]


def test_backup_records_the_time_for_the_reminder(
    admin: DeskContext, tmp_path: Path, clock: MovableClock
) -> None:
    assert settings_service.backup_reminder(admin).due
    backup_service.backup_store(admin, tmp_path / "one.qonys-backup")
    reminder = settings_service.backup_reminder(admin)
    assert not reminder.due and reminder.last_at == clock.now
    clock.advance(days=7)
    assert settings_service.backup_reminder(admin).due
    with admin.uow() as uow:
        actions = uow.session.scalars(select(AuditRow.action)).all()
    assert "store.backup" in actions


@pytest.fixture
def backup_file(admin: DeskContext, tmp_path: Path) -> Path:
    add_scan(admin, 1, os.urandom(100_000))
    return backup_service.backup_store(admin, tmp_path / "x.qonys-backup").path


def test_verify_passes_on_an_intact_backup(backup_file: Path) -> None:
    assert not backup_service.verify_backup(backup_file).authenticated
    assert backup_service.verify_backup(backup_file, _key(backup_file)).authenticated


def _flip(path: Path, position: int, mask: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(position)
        byte = handle.read(1)[0]
        handle.seek(position)
        handle.write(bytes([byte ^ mask]))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(fraction=st.floats(0, 1, exclude_max=True), mask=st.integers(1, 255))
def test_any_changed_byte_fails_verification(backup_file: Path, fraction: float, mask: int) -> None:
    key = _key(backup_file)
    size = backup_file.stat().st_size
    position = int(fraction * size)
    _flip(backup_file, position, mask)
    try:
        with pytest.raises(backup_service.BackupInvalid):
            backup_service.verify_backup(backup_file, key)
        if position < size - 32:  # all but the keyed MAC are checked without a key as well
            with pytest.raises(backup_service.BackupInvalid):
                backup_service.verify_backup(backup_file)
    finally:
        _flip(backup_file, position, mask)
    backup_service.verify_backup(backup_file, key)


def test_every_region_boundary_is_covered(backup_file: Path) -> None:
    """The first and last byte of each part of the container, explicitly."""
    key = _key(backup_file)
    header = container.read_header(backup_file)
    head = len(container.MAGIC) + 4 + len(header.to_bytes())
    size = backup_file.stat().st_size
    for position in (
        0,
        7,
        8,
        11,
        12,
        head - 1,
        head,
        head + header.db_size - 1,
        size - 72,
        size - 65,
        size - 64,
        size - 33,
        size - 32,
        size - 1,
    ):
        _flip(backup_file, position, 0x01)
        try:
            with pytest.raises(backup_service.BackupInvalid):
                backup_service.verify_backup(backup_file, key)
        finally:
            _flip(backup_file, position, 0x01)


def test_truncated_or_extended_backups_fail(backup_file: Path, tmp_path: Path) -> None:
    raw = backup_file.read_bytes()
    for name, data in (
        ("short", raw[:-1]),
        ("half", raw[: len(raw) // 2]),
        ("long", raw + b"\0"),
        ("empty", b""),
        ("other", b"SQLite format 3\0" + raw[16:]),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(backup_service.BackupInvalid):
            backup_service.verify_backup(path)


def test_a_forged_checksum_is_caught_by_the_mac(backup_file: Path) -> None:
    """Someone who alters a byte and recomputes the SHA-256 still fails the keyed check."""
    import hashlib

    key = _key(backup_file)
    raw = bytearray(backup_file.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    body = bytes(raw[: -container.TRAILER_SIZE])
    raw[-64:-32] = hashlib.sha256(body).digest()
    backup_file.write_bytes(bytes(raw))
    backup_service.verify_backup(backup_file)  # a bare checksum cannot tell
    with pytest.raises(backup_service.BackupInvalid, match="altered"):
        backup_service.verify_backup(backup_file, key)


def test_a_damaged_backup_is_not_restored(backup_file: Path, tmp_path: Path) -> None:
    key = _key(backup_file)
    _flip(backup_file, backup_file.stat().st_size // 2, 0x10)
    target = tmp_path / "restored"
    target.mkdir()  # an empty folder stays as it was
    with pytest.raises(backup_service.BackupInvalid):
        backup_service.restore_backup(backup_file, target, key, actor="admin")
    assert not (target / "qonys.db").exists() and not (target / "qonys.vault").exists()
    assert [p.name for p in target.iterdir()] == []


def test_restore_needs_an_empty_folder_and_a_right_password(
    backup_file: Path, demo_dir: Path, tmp_path: Path
) -> None:
    with pytest.raises(StoreExists):
        backup_service.restore_backup(backup_file, demo_dir, _key(backup_file), actor="admin")
    with pytest.raises(WrongCredentials):
        _key(backup_file, "admin", "not the password")
    with pytest.raises(WrongCredentials):
        _key(backup_file, "nobody", PASSWORD)


@pytest.mark.slow
def test_backup_while_another_process_writes(
    demo_dir: Path, tmp_path: Path, clock: MovableClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Logged in before the writer starts: a login is audited too, and two processes that
    # append to the audit chain at the same instant collide on its entry number (the store
    # refuses the second; see record_backup, which retries).
    ctx = session.login(demo_dir, "officer", PASSWORD, clock=clock)
    # A slow copy (small blocks, a pause after each, as onto a slow USB stick) so that many
    # commits and checkpoints of the writer fall inside each backup.
    monkeypatch.setattr(hashcopy, "CHUNK", 16 * 1024)
    blocks = 0

    def slowly(done: int, total: int) -> None:
        nonlocal blocks
        blocks += 1
        time.sleep(0.002)

    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.storage.backup_writer", str(demo_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert writer.stdout is not None
    counts: list[int] = []
    wal_sizes: list[int] = []
    try:
        assert writer.stdout.readline().strip().isdigit(), "the writer did not start"
        try:
            for i in range(4):
                # The writer must still be running: the backups race real commits.
                assert writer.poll() is None
                seen = int(writer.stdout.readline())
                out = backup_service.backup_store(
                    ctx, tmp_path / f"b{i}.qonys-backup", progress=slowly
                ).path
                wal_sizes.append(container.read_header(out).wal_size)
                target = tmp_path / f"r{i}"
                backup_service.restore_backup(out, target, _key(out, "officer"), actor="officer")
                restored = session.login(target, "officer", PASSWORD, clock=clock)
                try:
                    assert restored.store.integrity() == ["ok"]
                    snapshot = dump(restored)
                    with restored.uow() as uow:
                        report = audit.verify(uow.session)
                    assert report.ok, report.problems
                finally:
                    restored.close()
                case_ids = {row[0] for row in snapshot["cases"]}
                # A case and its opening event commit together: never one without the other.
                assert case_ids == {row[1] for row in snapshot["events"]}
                # Each scan's case is in the snapshot too.
                assert {row[1] for row in snapshot["attachments"]} <= case_ids
                counts.append(len(case_ids))
                # What the writer had committed before the backup began is in it.
                assert seen in case_ids
        finally:
            ctx.close()
    finally:
        writer.kill()
        writer.wait()
        writer.stdout.close()
    assert counts == sorted(counts) and counts[-1] > counts[0], counts
    assert any(wal_sizes), "no backup copied a write-ahead log with commits in it"
    assert blocks > 40


# --- version 2: the store's own encrypted files, copied as they are ---------------------------


def _db_region(path: Path) -> bytes:
    header = container.read_header(path)
    start = len(container.MAGIC) + 4 + len(header.to_bytes())
    with path.open("rb") as handle:
        handle.seek(start)
        return handle.read(header.db_size)


def test_backup_copies_the_encrypted_pages_without_re_encrypting(
    admin: DeskContext, tmp_path: Path
) -> None:
    add_scan(admin, 1, os.urandom(200_000))
    with admin.store.engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    out = backup_service.backup_store(admin, tmp_path / "v3.qonys-backup").path
    header = container.read_header(out)
    assert header.version == container.VERSION == 3
    # SQLite's backup API (version 1) re-encrypted every page with fresh IVs: no page matched.
    assert _db_region(out) == admin.store.paths.db.read_bytes()
    # Version 3: the scan file rides along as it is on disk (AES-256-GCM), not re-encrypted.
    (scan,) = [p for p in admin.store.paths.scans.rglob("*.qscan")]
    assert scan.read_bytes() in out.read_bytes()


def test_commits_still_in_the_write_ahead_log_are_in_the_backup(
    admin: DeskContext, tmp_path: Path, clock: MovableClock
) -> None:
    import sqlcipher3

    from desktop.storage.engine import key_pragmas

    # Another desk's open read transaction keeps the checkpointer from emptying the log.
    reader = sqlcipher3.dbapi2.connect(str(admin.store.paths.db), isolation_level=None)
    try:
        for pragma in key_pragmas(admin.store.key):
            reader.execute(pragma)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM cases").fetchall()
        add_scan(admin, 2, b"in the log only" + os.urandom(50_000))
        before = dump(admin)
        out = backup_service.backup_store(admin, tmp_path / "wal.qonys-backup").path
    finally:
        reader.close()
    assert container.read_header(out).wal_size > 0
    target = tmp_path / "restored"
    backup_service.restore_backup(out, target, _key(out), actor="admin", check_integrity=True)
    restored = session.login(target, "admin", PASSWORD, clock=clock)
    try:
        assert dump(restored) == before
    finally:
        restored.close()


def test_a_version_1_backup_still_verifies_and_restores(
    admin: DeskContext, tmp_path: Path, clock: MovableClock
) -> None:
    import sqlcipher3

    from desktop.storage.engine import key_pragmas
    from desktop.storage.vault import Vault

    add_table_scan(admin, 1, os.urandom(100_000))  # version 1 stores kept scans in the table
    before = dump(admin)
    # A version 1 file as the earlier releases wrote it: a copy through SQLite's backup API,
    # the HMAC over every byte.
    snapshot = tmp_path / "snapshot.db"
    with admin.store.engine.connect() as conn:
        source = conn.connection.driver_connection
        assert source is not None
        dest = sqlcipher3.dbapi2.connect(str(snapshot))
        for pragma in key_pragmas(admin.store.key):
            dest.execute(pragma)
        source.backup(dest, pages=-1)
        dest.close()
    header = container.BackupHeader(
        store_id=Vault.load(admin.store.paths.vault).store_id,
        mission_code="KZ-BER",
        created_at=clock.now,
        app_version="0.1.0",
        schema_revision="",
        db_size=snapshot.stat().st_size,
        mac_salt=container.new_mac_salt(),
        vault=admin.store.paths.vault.read_bytes(),
        version=1,
    )
    out = tmp_path / "old.qonys-backup"
    container.write_container(out, header, [(snapshot, header.db_size)], admin.store.key)
    assert b'"version":1' in out.read_bytes()[:4096]
    assert backup_service.verify_backup(out, _key(out)).authenticated
    target = tmp_path / "restored"
    backup_service.restore_backup(out, target, _key(out), actor="admin", check_integrity=True)
    restored = session.login(target, "admin", PASSWORD, clock=clock)
    try:
        assert dump(restored) == before
    finally:
        restored.close()
    # One changed byte in the database region still fails the version 1 MAC and checksum.
    raw = bytearray(out.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    out.write_bytes(bytes(raw))
    with pytest.raises(backup_service.BackupInvalid):
        backup_service.verify_backup(out, _key(out))


def test_leftovers_of_a_killed_backup_are_removed_by_the_next(
    demo_dir: Path, tmp_path: Path, clock: MovableClock
) -> None:
    """Issue 13, point 7: a backup killed (-9) leaves a half-written container (and older
    versions a `.qonys-snapshot-*` folder with a whole encrypted copy of the database); the
    next backup into that folder removes them, and says so. A file a backup is writing now is
    left alone."""
    import signal

    folder = tmp_path / "usb"
    folder.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.storage.backup_child", str(demo_dir), str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    [half] = list(folder.iterdir())
    assert half.name.endswith(".tmp") and half.name.startswith(".qonys-")
    legacy = folder / ".qonys-snapshot-k2j4"
    legacy.mkdir()
    (legacy / "qonys.db").write_bytes(b"an encrypted copy of the store")
    # Another backup, running now, holds its half-written file: it stays.
    running = folder / f".qonys-KZ-BER-20261124-100000{container.SUFFIX}.x1y2.tmp"
    running.write_bytes(b"being written")
    fd = os.open(running, os.O_RDONLY)
    try:
        container.hold(fd)
        ctx = session.login(demo_dir, "admin", PASSWORD, clock=clock)
        try:
            result = backup_service.backup_store(ctx, folder)
        finally:
            ctx.close()
        assert set(result.removed) == {half, legacy}
        assert running.exists()
    finally:
        os.close(fd)
    # Once nothing runs, the next backup removes the rest, and `qonys backup` says so.
    import desktop.cli

    old = os.environ.get("QONYS_PASSWORD")
    os.environ["QONYS_PASSWORD"] = PASSWORD
    err = io.StringIO()
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = desktop.cli.main(
                ["--data-dir", str(demo_dir), "--officer", "admin", "backup", "--out", f"{folder}/"]
            )
    finally:
        if old is None:
            del os.environ["QONYS_PASSWORD"]
        else:
            os.environ["QONYS_PASSWORD"] = old
    assert code == 0, err.getvalue()
    assert f"{running}: removed, left by an interrupted backup." in out.getvalue()
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]

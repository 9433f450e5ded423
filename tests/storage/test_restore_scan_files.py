"""A restore of a store's scan files (backup version 3, issue 19): the files and only their
folders come back, private, and all of them are on the disk before the database that names
them appears; a restore that stops half-way leaves no database."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.services import backup as backup_service
from desktop.services import session
from desktop.services.context import DeskContext
from desktop.storage import backup as container
from desktop.storage import hashcopy, scanrows
from tests.conftest import PASSWORD, MovableClock
from tests.storage.backup_helpers import add_scan, dump

ROOT = Path(__file__).resolve().parents[2]
POSIX = pytest.mark.skipif(os.name != "posix", reason="folders are fsynced on POSIX only")


def _backup(admin: DeskContext, tmp_path: Path, pages: int = 12) -> Path:
    for page in range(pages):
        add_scan(admin, 1 + page % 3, os.urandom(20_000 + page * 1_000), page=page + 1)
    return backup_service.backup_store(admin, tmp_path / "b.qonys-backup").path


def _key(path: Path) -> bytearray:
    return backup_service.key_from_password(container.read_header(path), "admin", PASSWORD)


def _folders(scans: Path) -> list[Path]:
    return [p for p in scans.iterdir() if p.is_dir()]


def _tree(scans: Path) -> dict[str, bytes]:
    return {str(p.relative_to(scans)): p.read_bytes() for p in scans.rglob("*.qscan")}


def test_the_files_and_only_their_folders_come_back_private(
    admin: DeskContext, tmp_path: Path, clock: MovableClock, kernel_copy: bool
) -> None:
    out = _backup(admin, tmp_path)
    before = dump(admin)
    source = admin.store.paths.scans
    target = tmp_path / "restored"
    stages = hashcopy.Stages()
    backup_service.restore_backup(out, target, _key(out), actor="admin", stages=stages)

    restored = target / "scans"
    assert _tree(restored) == _tree(source)  # byte for byte, under the same names and folders
    folders = {p.name for p in restored.iterdir() if p.is_dir()}  # beside them: the store's .lock
    assert folders == {p.parent.name for p in source.rglob("*.qscan")}
    if os.name == "posix":
        assert {oct(p.stat().st_mode & 0o777) for p in [restored, *_folders(restored)]} == {
            oct(0o700)
        }
        assert {oct(p.stat().st_mode & 0o777) for p in restored.rglob("*.qscan")} == {oct(0o600)}
    assert stages.hash > 0 and stages.write > 0 and stages.fsync > 0
    ctx = session.login(target, "admin", PASSWORD, clock=clock)
    try:
        assert dump(ctx) == before
        assert ctx.store.integrity() == ["ok"]  # every scan file opens with its row's digest
    finally:
        ctx.close()


@POSIX
def test_every_file_and_folder_is_on_disk_before_the_database_appears(
    admin: DeskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kernel_copy: bool
) -> None:
    out = _backup(admin, tmp_path)
    target = tmp_path / "restored"
    events: list[tuple[str, object]] = []
    lock = threading.Lock()
    real_fsync, real_replace = os.fsync, Path.replace

    def fsync(fd: int) -> None:
        real_fsync(fd)
        info = os.fstat(fd)
        with lock:
            events.append(("fsync", (info.st_dev, info.st_ino)))

    def replace(self: Path, to: str | os.PathLike[str]) -> Path:
        moved = real_replace(self, to)
        with lock:
            events.append(("rename", Path(to).name))
        return moved

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(Path, "replace", replace)
    backup_service.restore_backup(out, target, _key(out), actor="admin")

    appeared = events.index(("rename", "qonys.db"))
    synced_before = {what for kind, what in events[:appeared] if kind == "fsync"}
    scans = target / "scans"
    needed = [scans, *_folders(scans), *scans.rglob("*.qscan")]
    assert len(needed) > 12
    missing = [p for p in needed if (p.stat().st_dev, p.stat().st_ino) not in synced_before]
    assert missing == []


@pytest.fixture(params=["kernel copy", "copy through a buffer"])
def kernel_copy(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Both ways a restore writes scan files: copied by the kernel and hashed as written (where
    a file can be read at an offset), or read, hashed and written from a buffer (Windows)."""
    on = request.param == "kernel copy"
    if on and not container.KERNEL_COPY:
        pytest.skip("no kernel copy here")
    monkeypatch.setattr(container, "KERNEL_COPY", on)
    return on


def test_a_full_disk_half_way_leaves_no_database_and_the_restore_can_be_retried(
    admin: DeskContext,
    tmp_path: Path,
    clock: MovableClock,
    monkeypatch: pytest.MonkeyPatch,
    kernel_copy: bool,
) -> None:
    out = _backup(admin, tmp_path)
    target = tmp_path / "restored"
    # A scan file's bytes go in by `os.write` (from a buffer) or `os.sendfile` (by the kernel).
    calls = ("sendfile",) if kernel_copy else ("write",)
    real = {name: getattr(os, name) for name in calls}
    writes = 0
    lock = threading.Lock()

    def fills_up(name: str) -> Callable[..., int]:
        def call(*args: object) -> int:
            nonlocal writes
            with lock:
                writes += 1
                if writes > 4:
                    raise OSError(errno.ENOSPC, "No space left on device")
            return real[name](*args)  # type: ignore[no-any-return]

        return call

    for name in calls:
        monkeypatch.setattr(os, name, fills_up(name))
    with pytest.raises(backup_service.BackupWriteFailed):
        backup_service.restore_backup(out, target, _key(out), actor="admin")
    assert writes > 4
    # No database, no log, no vault, no scan files: not even the folder, made by the restore.
    assert not target.exists()

    for name in calls:
        monkeypatch.setattr(os, name, real[name])
    backup_service.restore_backup(out, target, _key(out), actor="admin")
    ctx = session.login(target, "admin", PASSWORD, clock=clock)
    try:
        assert ctx.store.integrity() == ["ok"]
    finally:
        ctx.close()


_KILLED_WHILE_SYNCING = """
import os, signal, sys
from pathlib import Path
from desktop.services import backup as service
from desktop.storage import backup as container

def power_cut(path):
    os.kill(os.getpid(), signal.SIGKILL)

container._sync_file = power_cut
out = Path(sys.argv[1])
key = service.key_from_password(container.read_header(out), "admin", sys.argv[3])
service.restore_backup(out, Path(sys.argv[2]), key, actor="admin")
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_restore_killed_before_its_files_are_synced_leaves_no_database(
    admin: DeskContext, tmp_path: Path, clock: MovableClock
) -> None:
    out = _backup(admin, tmp_path)
    before = dump(admin)
    target = tmp_path / "restored"
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_WHILE_SYNCING, str(out), str(target), PASSWORD],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert any((target / "scans").rglob("*.qscan"))  # it was killed after writing the files
    assert not (target / "qonys.db").exists() and not (target / "qonys.vault").exists()
    assert not (target / "qonys.db-wal").exists()

    # Not a store: the restore runs again into the same folder, over what was left.
    backup_service.restore_backup(out, target, _key(out), actor="admin")
    ctx = session.login(target, "admin", PASSWORD, clock=clock)
    try:
        assert dump(ctx) == before
        assert ctx.store.integrity() == ["ok"]
    finally:
        ctx.close()


def test_nothing_of_the_restore_goes_on_once_it_has_returned(
    admin: DeskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _backup(admin, tmp_path, pages=3)
    target = tmp_path / "restored"
    # A sweep of orphan scan files as slow as on a store of many pages: its thread (a login
    # starts one) would open the store again after the restore closed it, and a folder moved
    # or removed right after a restore would get files back.
    release = threading.Event()
    monkeypatch.setattr(scanrows, "sweep", lambda _factory: release.wait(10) and 0)
    try:
        backup_service.restore_backup(out, target, _key(out), actor="admin")
        assert [t.name for t in threading.enumerate() if t.name == "scan-sweep"] == []
        assert sorted(p.name for p in target.iterdir()) == ["qonys.db", "qonys.vault", "scans"]
    finally:
        release.set()


@pytest.mark.skipif(not container.KERNEL_COPY, reason="no kernel copy here")
def test_the_hash_covers_what_each_restored_file_holds(
    admin: DeskContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kernel copies each file; the restore then hashes the file it wrote, not the backup's
    bytes: a copy that came out different (a changed backup, a faulty copy) fails the restore."""
    out = _backup(admin, tmp_path, pages=4)
    target = tmp_path / "restored"
    real_copy = container._copy_range

    def one_byte_off(src: int, dst: int, offset: int, size: int) -> None:
        real_copy(src, dst, offset, size)
        first = os.pread(dst, 1, size // 2)
        os.pwrite(dst, bytes([first[0] ^ 1]), size // 2)

    monkeypatch.setattr(container, "_copy_range", one_byte_off)
    with pytest.raises(backup_service.BackupInvalid, match="checksum"):
        backup_service.restore_backup(out, target, _key(out), actor="admin")
    assert not target.exists()  # the restore made it, and left it as it found it: absent


@pytest.mark.skipif(not container.KERNEL_COPY, reason="no kernel copy here")
def test_where_the_kernel_does_not_copy_between_the_files_they_are_copied_through_a_buffer(
    admin: DeskContext, tmp_path: Path, clock: MovableClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _backup(admin, tmp_path, pages=4)
    before = dump(admin)
    target = tmp_path / "restored"

    def refused(*_args: object) -> int:
        raise OSError(errno.EINVAL, "Invalid argument")  # e.g. a FUSE file system, macOS

    monkeypatch.setattr(os, "sendfile", refused, raising=False)
    backup_service.restore_backup(out, target, _key(out), actor="admin")
    assert _tree(target / "scans") == _tree(admin.store.paths.scans)
    ctx = session.login(target, "admin", PASSWORD, clock=clock)
    try:
        assert dump(ctx) == before
        assert ctx.store.integrity() == ["ok"]
    finally:
        ctx.close()

"""A restore killed half-way leaves its temp files (the database, its log, the vault: each a
whole or partial encrypted copy of the store) in the data folder, and, killed after the
database was put in place, that database and its scan files beside the restore's mark. The
next restore into that folder, and the next opening of the store, remove those it can prove
are a killed restore's — by their name and by no living process holding them (the mark: the
restore began where there was no store) — and nothing else. A restore killed once the vault
is in place has made the whole store: only its mark goes."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services import backup as backup_service
from desktop.services import session
from desktop.services.context import DeskContext
from desktop.services.errors import StoreExists, StoreMissing
from tests.conftest import PASSWORD, MovableClock
from tests.storage.backup_helpers import dump
from tests.storage.test_restore_scan_files import ROOT, _backup, _key

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

_KILLED = """
import os, signal, sys
from pathlib import Path
from desktop.services import backup as service
from desktop.storage import backup as container

def power_cut(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

where = sys.argv[4]
if where == "mark":  # the restore's mark made, nothing else written yet
    service.container.extract_database = power_cut
elif where == "database":  # the database and its log half-way, in their temp files
    container._sync_file = power_cut
elif where == "vault":  # the vault's temp file made, the database already in place
    service.hold = power_cut
else:  # "whole": the vault in place too, the mark not yet removed
    service.RestoreMark.release = power_cut
out = Path(sys.argv[1])
key = service.key_from_password(container.read_header(out), "admin", sys.argv[3])
service.restore_backup(out, Path(sys.argv[2]), key, actor="admin")
"""


def _kill_a_restore(out: Path, target: Path, where: str) -> None:
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED, str(out), str(target), PASSWORD, where],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _not_its_own(folder: Path, elsewhere: Path) -> dict[str, bytes]:
    """Files beside a store that look like a restore's temp files, but are not (or not yet
    abandoned): each must outlive the clean-up."""
    files = {
        ".qonys.db.x1y2z3w4.tmp": b"a temp file of another writer (no restore tag)",
        ".qonys.db.restore-short.tmp": b"not mkstemp's eight characters",
        ".qonys.db.restore-abcd1234.tmp.keep": b"another ending",
        ".other.db.restore-abcd1234.tmp": b"not a file of the store",
        "notes.restore-abcd1234.tmp": b"an officer's file",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    outside = elsewhere / "precious.bin"
    outside.write_bytes(b"kept")
    (folder / ".qonys.db.restore-link0000.tmp").symlink_to(outside)
    return files


def test_the_next_restore_removes_what_a_killed_one_left_and_nothing_else(
    admin: DeskContext, tmp_path: Path, clock: MovableClock
) -> None:
    out = _backup(admin, tmp_path, pages=4)
    before = dump(admin)
    target = tmp_path / "restored"
    _kill_a_restore(out, target, "database")
    left = _temporaries(target)
    assert sorted(n.split(".restore-")[0] for n in left) == [
        ".qonys.db",
        ".qonys.db-wal",
        ".qonys.restoring",
    ], left
    assert not (target / "qonys.db").exists()
    decoys = _not_its_own(target, tmp_path)
    # A restore's temp file a living process holds (a restore still running) stays too.
    running = target / ".qonys.vault.restore-live0000.tmp"
    fd = os.open(running, os.O_WRONLY | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        backup_service.restore_backup(out, target, _key(out), actor="admin")
        assert running.exists()
    finally:
        os.close(fd)
    for name in left:
        assert not (target / name).exists(), name
    for name, data in decoys.items():
        assert (target / name).read_bytes() == data, name
    assert (target / ".qonys.db.restore-link0000.tmp").is_symlink()
    assert (tmp_path / "precious.bin").read_bytes() == b"kept"

    ctx = session.login(target, "admin", PASSWORD, clock=clock)
    try:
        assert dump(ctx) == before
    finally:
        ctx.close()
    # Its holder gone, the running restore's file was abandoned: the next opening removes it.
    assert not running.exists()
    assert (target / ".qonys.db.x1y2z3w4.tmp").exists()


def test_the_next_opening_of_the_store_removes_a_killed_restore_s_files(
    admin: DeskContext, tmp_path: Path, clock: MovableClock
) -> None:
    out = _backup(admin, tmp_path, pages=2)
    killed_at = tmp_path / "killed"
    _kill_a_restore(out, killed_at, "database")
    target = tmp_path / "restored"
    backup_service.restore_backup(out, target, _key(out), actor="admin")
    # What a restore killed in this folder left (say, before the store was put back by hand).
    moved = []
    for leftover in killed_at.glob(".qonys.db*.restore-*.tmp"):
        leftover.rename(target / leftover.name)
        moved.append(target / leftover.name)
    assert len(moved) == 2
    decoys = _not_its_own(target, tmp_path)

    session.login(target, "admin", PASSWORD, clock=clock).close()
    assert not any(p.exists() for p in moved)
    for name, data in decoys.items():
        assert (target / name).read_bytes() == data, name


def _store_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != ".lock")


@pytest.mark.parametrize("where", ["mark", "database", "vault"])
def test_a_restore_killed_before_its_vault_leaves_no_store_and_the_next_one_proceeds(
    admin: DeskContext, tmp_path: Path, clock: MovableClock, where: str
) -> None:
    out = _backup(admin, tmp_path, pages=3)
    before = dump(admin)
    target = tmp_path / "restored"
    _kill_a_restore(out, target, where)
    assert not (target / "qonys.vault").exists()
    [mark] = [n for n in _temporaries(target) if n.startswith(".qonys.restoring.restore-")]
    if where == "vault":  # the database in place, without its vault
        assert (target / "qonys.db").exists() and (target / "scans").is_dir()
    decoys = _not_its_own(target, tmp_path)
    # The desk, started on that folder, finds no store (not a store with a missing vault)…
    with pytest.raises(StoreMissing):
        session.ensure_store(target)
    assert not (target / "qonys.db").exists() and not (target / "scans").exists()
    assert not (target / mark).exists()
    # … and a restore into it proceeds; what is not the killed restore's stays.
    backup_service.restore_backup(out, target, _key(out), actor="admin")
    for name, data in decoys.items():
        assert (target / name).read_bytes() == data, name
    assert (tmp_path / "precious.bin").read_bytes() == b"kept"
    assert (target / ".qonys.db.restore-link0000.tmp").is_symlink()
    ours = [n for n in _temporaries(target) if ".restore-" in n and n not in decoys]
    assert ours == [".qonys.db.restore-link0000.tmp"]
    ctx = session.login(target, "admin", PASSWORD, clock=clock)
    try:
        assert dump(ctx) == before
    finally:
        ctx.close()


@pytest.mark.parametrize("where", ["mark", "database", "vault"])
def test_the_next_restore_itself_recognises_a_killed_restore_s_database(
    admin: DeskContext, tmp_path: Path, clock: MovableClock, where: str
) -> None:
    out = _backup(admin, tmp_path, pages=2)
    target = tmp_path / "restored"
    _kill_a_restore(out, target, where)
    backup_service.restore_backup(out, target, _key(out), actor="admin")
    assert _store_files(target) == ["qonys.db", "qonys.vault", "scans"]
    session.login(target, "admin", PASSWORD, clock=clock).close()


def test_a_restore_killed_after_its_vault_leaves_the_whole_store(
    admin: DeskContext, tmp_path: Path, clock: MovableClock
) -> None:
    out = _backup(admin, tmp_path, pages=3)
    before = dump(admin)
    target = tmp_path / "restored"
    _kill_a_restore(out, target, "whole")
    [mark] = [n for n in _temporaries(target) if n.startswith(".qonys.restoring.restore-")]
    # A store, whole: a retry refuses the folder, and takes only the mark away.
    with pytest.raises(StoreExists):
        backup_service.restore_backup(out, target, _key(out), actor="admin")
    assert not (target / mark).exists()
    ctx = session.login(target, "admin", PASSWORD, clock=clock)
    try:
        assert dump(ctx) == before
    finally:
        ctx.close()


def test_a_database_beside_the_mark_of_a_restore_still_running_is_left_alone(
    admin: DeskContext, tmp_path: Path
) -> None:
    out = _backup(admin, tmp_path, pages=2)
    target = tmp_path / "restored"
    _kill_a_restore(out, target, "vault")
    [mark] = [n for n in _temporaries(target) if n.startswith(".qonys.restoring.restore-")]
    fd = os.open(target / mark, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as the restore that made it would
    try:
        with pytest.raises(StoreExists):
            backup_service.restore_backup(out, target, _key(out), actor="admin")
        assert (target / "qonys.db").exists() and (target / mark).exists()
    finally:
        os.close(fd)
    backup_service.restore_backup(out, target, _key(out), actor="admin")  # its holder gone
    assert not (target / mark).exists()


def test_a_database_no_restore_marked_is_never_removed(admin: DeskContext, tmp_path: Path) -> None:
    """A database without a vault and without a restore's mark (the vault lost by hand) is not
    the restore's to remove: the desk reports the missing vault, a restore refuses."""
    out = _backup(admin, tmp_path, pages=2)
    target = tmp_path / "restored"
    _kill_a_restore(out, target, "vault")
    for mark in target.glob(".qonys.restoring.restore-*.tmp"):
        mark.unlink()
    with pytest.raises(StoreExists):
        backup_service.restore_backup(out, target, _key(out), actor="admin")
    assert (target / "qonys.db").exists() and (target / "scans").is_dir()

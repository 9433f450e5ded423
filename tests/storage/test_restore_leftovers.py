"""A restore killed half-way leaves its temp files (the database, its log, the vault: each a
whole or partial encrypted copy of the store) in the data folder. The next restore into that
folder, and the next opening of the store, remove those it can prove are a killed restore's —
by their name and by no living process holding them — and nothing else."""

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
from desktop.services.errors import StoreExists
from tests.conftest import PASSWORD, MovableClock
from tests.storage.backup_helpers import dump
from tests.storage.test_restore_scan_files import ROOT, _backup, _key

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

_KILLED = """
import os, signal, sys
from pathlib import Path
from desktop.services import backup as service
from desktop.storage import backup as container

def power_cut(*_args):
    os.kill(os.getpid(), signal.SIGKILL)

if sys.argv[4] == "database":  # the database and its log half-way, in their temp files
    container._sync_file = power_cut
else:  # the vault's temp file made, the database already in place
    service.hold = power_cut
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
    assert sorted(n.split(".restore-")[0] for n in left) == [".qonys.db", ".qonys.db-wal"], left
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


def test_a_restore_killed_writing_the_vault_leaves_no_vault_temp_file_behind_a_retry(
    admin: DeskContext, tmp_path: Path
) -> None:
    out = _backup(admin, tmp_path, pages=2)
    target = tmp_path / "restored"
    _kill_a_restore(out, target, "vault")
    [vault_temp] = [n for n in _temporaries(target) if n.startswith(".qonys.vault.restore-")]
    assert (target / "qonys.db").exists() and not (target / "qonys.vault").exists()
    # The database in place without its vault is not a store a restore may write over; the
    # retry says so, and the vault's temp file (a key vault's copy) is gone all the same.
    with pytest.raises(StoreExists):
        backup_service.restore_backup(out, target, _key(out), actor="admin")
    assert not (target / vault_temp).exists()

"""Issue 13, point 10: the store, its vault, backups and the Department's store are owner-only,
whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.department.service import Department
from desktop.services import backup, session
from tests.conftest import FAST_KDF, PASSWORD, MovableClock

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0o022)  # a common default: files 0644, folders 0755
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_store_and_its_backups_are_owner_only(open_umask: None, tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    session.create_store(
        data_dir,
        mission_code="KZ-BER",
        mission_name="Embassy",
        country="DE",
        admin_login="admin",
        admin_full_name="Admin",
        admin_password=PASSWORD,
        kdf=FAST_KDF,
        clock=MovableClock(),
    )
    ctx = session.login(data_dir, "admin", PASSWORD, clock=MovableClock())
    try:
        made = backup.backup_store(ctx, tmp_path / "backups", into_folder=True)
    finally:
        ctx.close()
    assert _mode(data_dir) == 0o700
    files = [p for p in data_dir.iterdir() if p.is_file()]
    assert {p.name for p in files} >= {"qonys.db", "qonys.vault"}
    assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}
    assert _mode(made.path) == 0o600


def test_a_store_made_before_is_made_owner_only_when_opened(
    open_umask: None, tmp_path: Path
) -> None:
    data_dir = tmp_path / "store"
    session.create_store(
        data_dir,
        mission_code="KZ-BER",
        mission_name="Embassy",
        country="DE",
        admin_login="admin",
        admin_full_name="Admin",
        admin_password=PASSWORD,
        kdf=FAST_KDF,
    )
    (data_dir / "qonys.db").chmod(0o644)  # as older versions left it
    session.login(data_dir, "admin", PASSWORD).close()
    assert _mode(data_dir / "qonys.db") == 0o600


def test_the_department_store_is_owner_only(open_umask: None, tmp_path: Path) -> None:
    data_dir = tmp_path / "department"
    Department.init(data_dir, {"admin": PASSWORD}).close()
    assert _mode(data_dir) == 0o700 and _mode(data_dir / "keys") == 0o700
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert _mode(path) == 0o600, path

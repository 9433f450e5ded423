"""Issue 19: the login's first reads begin beside its last writes, and nothing is lost for it.

- `login_reading` starts the desk's first reads once the password has opened the store and
  the officer is found active, while the login's audit entry is committed and the officer's
  key slot re-sealed; the context comes back only when both are durable.
- A wrong password or a removed officer reads nothing; a login that fails after the reads
  began keeps nothing they read.
- (The key vault's file through a failed or crashed re-seal: tests/storage/test_vault_reseal.py.)
- The login's statements are rehearsed before the password on an empty store in memory:
  nothing keyed, nothing opened on disk.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3
from sqlalchemy import select

from desktop.services import cases, session
from desktop.services.context import DeskContext
from desktop.services.errors import WrongCredentials
from desktop.storage.models import AuditRow, OfficerRow
from desktop.storage.store import StorePaths
from desktop.storage.vault import AuditAnchor, Vault
from tests.conftest import PASSWORD, MovableClock


@contextmanager
def store_connections(monkeypatch: pytest.MonkeyPatch, db: Path) -> Iterator[list[str]]:
    """The connections opened to the store's file within the block."""
    opened: list[str] = []
    real = sqlcipher3.dbapi2.connect

    def connect(path: str, *args: Any, **kwargs: Any) -> Any:
        if path == str(db):
            opened.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(sqlcipher3.dbapi2, "connect", connect)
    yield opened
    monkeypatch.setattr(sqlcipher3.dbapi2, "connect", real)


def first_page(ctx: DeskContext) -> list[int]:
    return [c.id for c in cases.list_cases(ctx, limit=10, order_by="number")]


def last_entry(ctx: DeskContext) -> AuditRow:
    with ctx.reader() as uow:
        row = uow.session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(1)).one()
        uow.session.expunge(row)
        return row


def test_the_first_reads_run_beside_the_logins_last_writes(
    demo_dir: Path, clock: MovableClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading = threading.Event()
    saved: list[bool] = []
    real_save = Vault.save

    def read(ctx: DeskContext) -> list[int]:
        reading.set()
        return first_page(ctx)

    def save(vault: Vault, path: Any) -> None:
        # The re-seal is written while the read is under way (it began before).
        assert reading.wait(30)
        real_save(vault, path)
        saved.append(True)

    monkeypatch.setattr(Vault, "save", save)
    ctx, page = session.login_reading(demo_dir, "admin", PASSWORD, read, clock=clock)
    try:
        assert saved == [True]  # durable before the context came back
        with ctx.reader() as uow:
            newest = first_page(ctx)
            assert uow.officers.by_login("admin") is not None
        assert page.result(timeout=30) == newest
        # The login's own entry is committed, and the slot remembers exactly it.
        entry = last_entry(ctx)
        assert (entry.action, entry.officer) == ("session.login", "admin")
        slot = Vault.load(StorePaths(demo_dir).vault).open_slot("admin", PASSWORD)
        assert slot.anchor == AuditAnchor(entry.id, entry.hash)
    finally:
        ctx.close()


def test_a_wrong_password_opens_nothing_and_reads_nothing(
    demo_dir: Path, clock: MovableClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[DeskContext] = []
    paths = StorePaths(demo_dir)
    with store_connections(monkeypatch, paths.db) as opened, pytest.raises(WrongCredentials):
        session.login_reading(demo_dir, "admin", "wrong-password", read.append, clock=clock)
    assert opened == []
    assert read == []


def test_a_removed_officers_password_reads_nothing(
    admin: DeskContext, demo_dir: Path, clock: MovableClock
) -> None:
    # An officer made inactive whose slot is still there (an older desk removed them).
    with admin.uow() as uow:
        row = uow.session.scalars(select(OfficerRow).where(OfficerRow.login == "officer")).one()
        row.active = False
        uow.commit()
    read: list[DeskContext] = []
    with pytest.raises(WrongCredentials):
        session.login_reading(demo_dir, "officer", PASSWORD, read.append, clock=clock)
    assert read == []


def test_the_rehearsal_before_the_password_touches_no_store(
    demo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = StorePaths(demo_dir)
    before = {p.name: p.read_bytes() for p in demo_dir.iterdir() if p.is_file()}
    with store_connections(monkeypatch, paths.db) as opened:
        session.prepare_login(demo_dir)
    assert opened == []
    after = {p.name: p.read_bytes() for p in demo_dir.iterdir() if p.is_file()}
    assert after == before


def _store_files_open(db: Path) -> int:
    """This process's open file descriptors on the store's database, log and shared memory."""
    count = 0
    for fd in Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError):  # the listing's own descriptor, closed by now
            if str(fd.readlink()).startswith(str(db)):
                count += 1
    return count


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts descriptors in /proc")
def test_a_failed_key_upgrade_at_a_consul_s_login_leaves_nothing_open(
    demo_dir: Path, clock: MovableClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.services import signing_keys

    db = StorePaths(demo_dir).db
    before = _store_files_open(db)
    upgraded: list[DeskContext] = []

    def upgrade_fails(ctx: DeskContext) -> signing_keys.Upgrade:
        upgraded.append(ctx)
        with ctx.uow() as uow:  # the upgrade's own unit of work, then a failure in it
            uow.officers.by_login("consul")
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(signing_keys, "upgrade_at_login", upgrade_fails)
    with pytest.raises(OSError):
        session.login_reading(demo_dir, "consul", PASSWORD, first_page, clock=clock)
    [ctx] = upgraded
    assert _store_files_open(db) == before  # the store's engine closed, every connection
    assert [t for t in threading.enumerate() if t.name == "qonys-login-read-ahead"] == []
    assert ctx.personal_key is not None and not any(ctx.personal_key)  # wiped
    # The upgrade working again, the next login goes as ever.
    monkeypatch.undo()
    session.login(demo_dir, "consul", PASSWORD, clock=clock).close()
    assert _store_files_open(db) == before

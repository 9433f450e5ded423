"""Issue 19: a login re-seals its officer's key slot beside its first reads; whatever happens
between the re-seal's steps (a failed write, a crash before the new file replaces the old),
the old slot stays and opens, and the audit entry the slot points to was committed first."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.services import cases, session
from desktop.services.context import DeskContext
from desktop.storage import files
from desktop.storage.models import AuditRow
from desktop.storage.store import VAULT_FILE
from desktop.storage.vault import AuditAnchor, Vault
from tests.conftest import PASSWORD, MovableClock

REPO = Path(__file__).resolve().parents[2]


def first_page(ctx: DeskContext) -> list[int]:
    return [c.id for c in cases.list_cases(ctx, limit=10, order_by="number")]


def last_entries(ctx: DeskContext, count: int) -> list[AuditRow]:
    with ctx.reader() as uow:
        rows = uow.session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(count)).all()
        uow.session.expunge_all()
        return list(rows)


def test_a_login_failing_after_its_reads_began_keeps_nothing_and_no_slot_is_lost(
    demo_dir: Path, clock: MovableClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault_file = demo_dir / VAULT_FILE
    vault_before = vault_file.read_bytes()
    reading = threading.Event()
    finished: list[bool] = []

    def read(ctx: DeskContext) -> list[int]:
        reading.set()
        page = first_page(ctx)
        finished.append(True)
        return page

    def no_rename(_self: Path, _target: Any) -> Path:
        assert reading.wait(30)
        raise OSError(28, "No space left on device")

    # The re-sealed slot is written and fsynced beside the vault; its rename fails.
    monkeypatch.setattr(files.Path, "replace", no_rename)
    with pytest.raises(OSError, match="No space"):
        session.login_reading(demo_dir, "admin", PASSWORD, read, clock=clock)
    monkeypatch.undo()
    assert finished == [True]  # waited for before the store closed
    assert vault_file.read_bytes() == vault_before
    assert not list(demo_dir.glob(f".{VAULT_FILE}.*"))  # the new slot's file is gone
    ctx = session.login(demo_dir, "admin", PASSWORD, clock=clock)
    try:
        assert ctx.alerts == []  # the old slot's anchor still holds
    finally:
        ctx.close()


def test_a_crash_before_the_resealed_slot_replaces_the_old_one_loses_no_slot(
    demo_dir: Path, clock: MovableClock
) -> None:
    vault_file = demo_dir / VAULT_FILE
    vault_before = vault_file.read_bytes()
    crashed = subprocess.run(
        [sys.executable, "-m", "tests.storage.reseal_crash_child", str(demo_dir)],
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert crashed.returncode == 70, crashed.stderr
    # The login's entry was committed before its slot was re-sealed; the old slot is there.
    assert crashed.stdout.strip() == "committed"
    assert vault_file.read_bytes() == vault_before
    ctx = session.login(demo_dir, "admin", PASSWORD, clock=clock)
    try:
        assert ctx.alerts == []  # the old slot opens, and its anchor still holds
        this_login, crashed_login = last_entries(ctx, 2)
        assert (crashed_login.action, crashed_login.officer) == ("session.login", "admin")
        assert (this_login.action, this_login.officer) == ("session.login", "admin")
        # The slot now remembers this login's entry.
        slot = Vault.load(vault_file).open_slot("admin", PASSWORD)
        assert slot.anchor == AuditAnchor(this_login.id, this_login.hash)
    finally:
        ctx.close()

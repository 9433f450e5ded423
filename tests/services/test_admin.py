"""The services behind the desk's administration window: roles enforced there, a cancelled
restore leaves no store behind, unreadable files said in words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.services import admin as admin_service
from desktop.services import backup as backup_service
from desktop.services import session
from desktop.services.context import DeskContext
from desktop.services.errors import InvalidInput, PermissionDenied, WrongCredentials
from desktop.storage.store import StorePaths
from tests.conftest import FAST_KDF, PASSWORD, MovableClock

NEW = "a new password 1"


def test_only_an_administrator_resets_passwords(
    admin: DeskContext, officer: DeskContext, demo_dir: Path, clock: MovableClock
) -> None:
    with pytest.raises(PermissionDenied):
        admin_service.reset_password(officer, "consul", NEW, FAST_KDF)
    with pytest.raises(WrongCredentials):  # a forgotten password: one failure on record
        session.login(demo_dir, "consul", "forgotten password", clock=clock)
    admin_service.reset_password(admin, "consul", NEW, FAST_KDF)
    consul = session.login(demo_dir, "consul", NEW, clock=clock)  # no wait after the reset
    consul.close()
    with pytest.raises(WrongCredentials):
        session.login(demo_dir, "consul", PASSWORD, clock=clock)


def test_officers_may_not_change_the_calendar_or_enrol(
    officer: DeskContext, tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied):
        admin_service.set_calendar_days(
            officer,
            host_country="DE",
            host_subdivision="",
            closures=[date(2026, 12, 1)],
            extra_working_days=[],
        )
    bundle = tmp_path / "bundle"
    bundle.write_bytes(b"x")
    with pytest.raises(PermissionDenied):
        admin_service.install_enrolment_file(officer, bundle, "pw")


def test_unknown_country_and_unreadable_file(admin: DeskContext, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as bad:
        admin_service.set_calendar_days(
            admin, host_country="QQ", host_subdivision="", closures=[], extra_working_days=[]
        )
    assert bad.value.message.ru == "Нет календаря праздников страны QQ"
    with pytest.raises(InvalidInput) as missing:
        admin_service.install_enrolment_file(admin, tmp_path / "nowhere.bundle", "pw")
    assert "nowhere.bundle" in missing.value.message.kk


def test_a_cancelled_restore_leaves_no_store(admin: DeskContext, tmp_path: Path) -> None:
    made = backup_service.backup_store(admin, tmp_path / "usb", into_folder=True)
    target = tmp_path / "restored"
    with pytest.raises(admin_service.Cancelled):
        admin_service.restore_from_file(
            made.path, target, "admin", PASSWORD, should_stop=lambda: True
        )
    assert not StorePaths(target).exists()
    info = admin_service.restore_from_file(
        made.path, target, "admin", PASSWORD, should_stop=lambda: False
    )
    assert info.mission_code == admin.mission.code and StorePaths(target).exists()

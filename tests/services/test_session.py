from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services import session
from desktop.services.context import DeskContext, Role
from desktop.services.errors import (
    InvalidInput,
    LoginThrottled,
    PermissionDenied,
    StoreExists,
    WrongCredentials,
)
from tests.conftest import FAST_KDF, PASSWORD, MovableClock


@pytest.mark.parametrize(
    ("failures", "delay"), [(0, 0), (1, 0), (2, 1), (3, 2), (4, 4), (10, 256), (30, 300)]
)
def test_throttle_grows(failures: int, delay: float) -> None:
    assert session.throttle_delay(failures) == delay


def test_failed_logins_slow_down_and_success_resets(demo_dir: Path, clock: MovableClock) -> None:
    for _ in range(2):
        with pytest.raises(WrongCredentials):
            session.login(demo_dir, "officer", "wrong-password", clock=clock)
    with pytest.raises(LoginThrottled) as throttled:
        session.login(demo_dir, "officer", PASSWORD, clock=clock)
    assert throttled.value.retry_after == pytest.approx(1)
    clock.advance(seconds=1.5)
    with pytest.raises(WrongCredentials):
        session.login(demo_dir, "officer", "wrong-password", clock=clock)
    clock.advance(seconds=1.5)
    with pytest.raises(LoginThrottled):  # third failure: 2 s now
        session.login(demo_dir, "officer", PASSWORD, clock=clock)
    clock.advance(seconds=1)
    session.login(demo_dir, "officer", PASSWORD, clock=clock).close()
    # Success cleared the counter: a single new mistake costs nothing.
    with pytest.raises(WrongCredentials):
        session.login(demo_dir, "officer", "wrong-password", clock=clock)
    session.login(demo_dir, "officer", PASSWORD, clock=clock).close()


def test_throttle_of_one_officer_does_not_lock_another(demo_dir: Path, clock: MovableClock) -> None:
    for _ in range(3):
        with pytest.raises((WrongCredentials, LoginThrottled)):
            session.login(demo_dir, "officer", "wrong-password", clock=clock)
    session.login(demo_dir, "consul", PASSWORD, clock=clock).close()


def test_roles(admin: DeskContext, officer: DeskContext, demo_dir: Path) -> None:
    assert admin.officer.role is Role.ADMIN
    assert officer.officer.role is Role.OFFICER
    consul = session.login(demo_dir, "consul", PASSWORD)
    try:
        assert consul.officer.may(Role.CONSUL) and consul.officer.may(Role.OFFICER)
        assert not consul.officer.may(Role.ADMIN)
    finally:
        consul.close()
    with pytest.raises(PermissionDenied):
        session.add_officer(officer, "newbie", "Жаңа Қызметкер", Role.OFFICER, "password-123")


def test_add_and_remove_officer(admin: DeskContext, demo_dir: Path) -> None:
    session.add_officer(
        admin, "aigerim", "Сәрсенова Айгерім", Role.OFFICER, "new-password-1", FAST_KDF
    )
    ctx = session.login(demo_dir, "aigerim", "new-password-1")
    assert ctx.officer.full_name == "Сәрсенова Айгерім"
    ctx.close()
    session.remove_officer(admin, "aigerim")
    with pytest.raises(WrongCredentials):
        session.login(demo_dir, "aigerim", "new-password-1")
    assert "aigerim" not in [o.login for o in session.list_officers(admin)]
    with pytest.raises(InvalidInput):
        session.remove_officer(admin, "admin")


@pytest.mark.parametrize(
    ("login", "password"),
    [("Bad Login", "long-enough"), ("ok", "short"), ("кирилл", "long-enough")],
)
def test_bad_officer_input(admin: DeskContext, login: str, password: str) -> None:
    with pytest.raises(InvalidInput):
        session.add_officer(admin, login, "Аты Жөні", Role.OFFICER, password)


def test_change_password(officer: DeskContext, demo_dir: Path) -> None:
    with pytest.raises(WrongCredentials):
        session.change_password(officer, "not-it", "brand-new-pw", FAST_KDF)
    session.change_password(officer, PASSWORD, "brand-new-pw", FAST_KDF)
    session.login(demo_dir, "officer", "brand-new-pw").close()
    with pytest.raises(WrongCredentials):
        session.login(demo_dir, "officer", PASSWORD)


def test_unlock_checks_the_same_officer(officer: DeskContext) -> None:
    assert session.verify_password(officer, PASSWORD)
    assert not session.verify_password(officer, "wrong")


def test_recovery_slot_opens_a_store_without_officers(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric import rsa

    from desktop.storage.store import StorePaths

    department = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    session.create_store(
        tmp_path,
        mission_code="KZ-SEL",
        mission_name="Сеул",
        country="KR",
        admin_login="admin",
        admin_full_name="Админ",
        admin_password=PASSWORD,
        kdf=FAST_KDF,
        recovery_key=department.public_key(),
    )
    key = session.load_vault(StorePaths(tmp_path)).unwrap_recovery(department)
    ctx = session.login_with_key(tmp_path, key, "admin")
    assert ctx.mission.code == "KZ-SEL"
    ctx.close()


@pytest.mark.parametrize(
    "change",
    [
        {"mission_code": "x"},
        {"country": "DEU"},
        {"admin_login": "A"},
        {"admin_password": "123"},
        {"mission_name": " "},
    ],
)
def test_create_store_rejects_bad_input(tmp_path: Path, change: dict[str, str]) -> None:
    args = {
        "mission_code": "KZ-SEL",
        "mission_name": "Сеул",
        "country": "KR",
        "admin_login": "admin",
        "admin_full_name": "Админ",
        "admin_password": PASSWORD,
    }
    args.update(change)
    with pytest.raises(InvalidInput):
        session.create_store(tmp_path / "s", kdf=FAST_KDF, **args)
    assert not (tmp_path / "s").exists()


def test_create_store_twice(demo_dir: Path) -> None:
    with pytest.raises(StoreExists):
        session.create_store(
            demo_dir,
            mission_code="KZ-SEL",
            mission_name="Сеул",
            country="KR",
            admin_login="admin",
            admin_full_name="Админ",
            admin_password=PASSWORD,
        )

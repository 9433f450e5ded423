"""The login window and the first-run wizard on real stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.services import mission as mission_service
from desktop.services import session
from desktop.storage.models import AuditRow
from desktop.ui.first_run import FirstRunWizard
from desktop.ui.login import LoginDialog
from tests.conftest import FAST_KDF, PASSWORD, MovableClock
from tests.ui.conftest import press, type_text


def _attempt(qtbot: QtBot, dialog: LoginDialog, password: str) -> None:
    dialog.password_edit.setFocus()
    type_text(dialog.password_edit, password)
    press(dialog.password_edit, Qt.Key.Key_Return)


def test_login_opens_the_store_and_shows_the_services_delay(
    qtbot: QtBot, demo_dir: Path, clock: MovableClock
) -> None:
    dialog = LoginDialog(demo_dir, lang="ru", clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.login_edit, "officer")
    with qtbot.waitSignal(dialog.failed, timeout=10000) as first:
        _attempt(qtbot, dialog, "wrong password")
    assert first.args[0] == "Неверный логин или пароль"
    assert dialog.context is None and dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.failed, timeout=10000):
        _attempt(qtbot, dialog, "wrong again")
    # Two failures in a row: the service refuses for a second, the window counts it down.
    with qtbot.waitSignal(dialog.failed, timeout=10000) as throttled:
        _attempt(qtbot, dialog, PASSWORD)
    assert "1" in throttled.args[0] and dialog.waiting
    assert not dialog.ok_button.isEnabled()
    dialog._countdown.timeout.emit()  # the second passes (injected: no sleeping)
    assert dialog.ok_button.isEnabled() and not dialog.waiting
    clock.advance(seconds=2)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        _attempt(qtbot, dialog, PASSWORD)
    assert dialog.context is not None
    assert dialog.context.officer.login == "officer"
    dialog.context.close()


def test_login_names_the_officer_field_for_screen_readers(qtbot: QtBot, demo_dir: Path) -> None:
    dialog = LoginDialog(demo_dir, officer="officer")
    qtbot.addWidget(dialog)
    assert dialog.login_label.buddy() is dialog.login_edit
    assert dialog.password_label.buddy() is dialog.password_edit
    assert dialog.login_edit.accessibleName() and dialog.password_edit.accessibleName()


def test_first_run_creates_the_mission_and_its_administrator(qtbot: QtBot, tmp_path: Path) -> None:
    data_dir = tmp_path / "new-store"
    wizard = FirstRunWizard(data_dir, lang="kk", kdf=FAST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.mission_page
    type_text(page.code, "KZ-SEL")
    type_text(page.name, "Қазақстан Республикасының Кореядағы Елшілігі")
    type_text(page.country, "KR")
    type_text(page.hours, "Дс–Жм 9:00–12:00")
    assert wizard.validateCurrentPage()
    wizard.next()
    admin = wizard.admin_page
    type_text(admin.login, "admin")
    type_text(admin.full_name, "Серікбаев Ерлан")
    type_text(admin.password, "qwerty")
    type_text(admin.repeat, "qwerty")
    with qtbot.waitSignal(wizard.failed, timeout=10000) as failed:
        wizard.accept()
    assert failed.args[0] == "Құпиясөз кемінде 8 таңбадан тұруы керек"
    for edit in (admin.password, admin.repeat):
        edit.clear()
        type_text(edit, PASSWORD)
    with qtbot.waitSignal(wizard.store_created, timeout=20000):
        wizard.accept()
    assert wizard.admin_login == "admin"
    ctx = session.login(data_dir, "admin", PASSWORD)
    try:
        assert ctx.mission.code == "KZ-SEL" and ctx.mission.country == "KR"
        assert mission_service.reception_hours(ctx) == "Дс–Жм 9:00–12:00"
    finally:
        ctx.close()


def test_after_the_password_the_login_reads_ahead_for_the_desk(
    qtbot: QtBot, demo_dir: Path, clock: MovableClock
) -> None:
    """Issue 19: the dialog is accepted with the context first; what `after_login` reads on
    the login's worker comes after, by `read_ahead` (None when that read failed)."""
    from desktop.services import cases

    seen: list[str] = []

    def after_login(ctx: object) -> object:
        assert ctx is not None
        seen.append("read")
        return cases.count_cases(ctx)  # type: ignore[arg-type]

    dialog = LoginDialog(
        demo_dir, lang="en", officer="officer", clock=clock, after_login=after_login
    )
    qtbot.addWidget(dialog)
    audited: list[tuple[str, str]] = []

    def accepted() -> None:
        # The desk opens on this: the login's audit entry is committed by then.
        seen.append("accepted")
        assert dialog.context is not None
        with dialog.context.reader() as uow:
            last = uow.session.scalars(select(AuditRow).order_by(AuditRow.id.desc())).first()
            assert last is not None
            audited.append((last.action, last.officer))

    dialog.accepted.connect(accepted)
    dialog.show()
    with qtbot.waitSignal(dialog.read_ahead, timeout=10000) as ahead:
        _attempt(qtbot, dialog, PASSWORD)
    assert ahead.args == [25] and dialog.context is not None
    assert sorted(seen) == ["accepted", "read"]
    assert audited == [("session.login", "officer")]
    dialog.context.close()

    def failing(_ctx: object) -> object:
        raise RuntimeError("the read failed")

    again = LoginDialog(demo_dir, lang="en", officer="officer", clock=clock, after_login=failing)
    qtbot.addWidget(again)
    again.show()
    with qtbot.waitSignal(again.read_ahead, timeout=10000) as none:
        _attempt(qtbot, again, PASSWORD)
    assert none.args == [None] and again.context is not None  # logged in all the same
    again.context.close()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_shared_store_that_does_not_answer_is_named_once(
    qtbot: QtBot, tmp_path: Path, lang: str
) -> None:
    """The store line names the shared database's address; the refusal below it says what
    happened and what to do without repeating the address (it was shown twice)."""
    from desktop.services import shared_store

    nobody_there = "postgresql+psycopg://qonys@127.0.0.1:1/qonys_kz_ber"
    shared_store.join(tmp_path / "desk", nobody_there)
    dialog = LoginDialog(tmp_path / "desk", lang=lang, officer="officer", clock=MovableClock())
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=30000) as refused:
        dialog.show()
    shown = f"{dialog.store_label.text()}\n{dialog.message.text()}"
    assert shown.count("127.0.0.1:1/qonys_kz_ber") == 1, shown
    assert "127.0.0.1" in dialog.store_label.text()
    assert refused.args[0] == dialog.message.text()
    said = {"kk": "жауап бермейді", "ru": "не отвечает", "en": "does not answer"}[lang]
    assert said in dialog.message.text()
    assert "()" not in dialog.message.text() and "{" not in dialog.message.text()

"""Locking: Ctrl+L and idle drop the key; only the same officer's password unlocks, and the
desk comes back exactly as it was, unsaved edits included."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.services import session
from desktop.ui import settings as prefs
from desktop.ui.desk import Desk, DeskLocked
from desktop.ui.language import Language
from desktop.ui.main_window import MainWindow
from tests.conftest import PASSWORD, MovableClock
from tests.ui.conftest import ModalLog, press, type_text


def _surname(window: MainWindow) -> QLineEdit:
    editor = window.current_editor()
    assert editor is not None
    field = editor.fields["surname"]
    assert isinstance(field, QLineEdit)
    return field


def test_lock_and_unlock_keep_an_unsaved_edit(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.new_questionnaire()
    assert editor is not None
    surname = _surname(window)
    surname.setFocus()
    type_text(surname, "Сейітқали")
    assert editor.dirty
    old_ctx = window.desk.ctx

    with qtbot.waitSignal(window.desk.locked):
        press(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.desk.is_locked
    with pytest.raises(DeskLocked):
        _ = window.desk.ctx
    assert not any(old_ctx.store._key)  # the data key was overwritten
    assert window.stack.currentWidget() is window.lock_screen
    assert window.case_list.model.rowCount() == 0  # nothing personal left on screen
    assert "Сейітқали" not in window.windowTitle()
    assert not window.save_action.isEnabled() and not window.new_action.isEnabled()
    assert QApplication.focusWidget() is window.lock_screen.password_edit

    with (
        qtbot.waitSignal(window.desk.unlocked),
        qtbot.waitSignal(window.case_list.model.loaded, timeout=10000),
    ):
        type_text(window.lock_screen.password_edit, PASSWORD)
        press(window.lock_screen.password_edit, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.tabs
    assert window.current_editor() is editor
    assert surname.text() == "Сейітқали" and editor.dirty
    assert QApplication.focusWidget() is surname  # back where the officer was
    assert window.case_list.model.total == 25
    # The edit is saved with the fresh context.
    with qtbot.waitSignal(editor.saved):
        press(surname, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_wrong_password_does_not_unlock(qtbot: QtBot, window: MainWindow) -> None:
    window.lock()
    assert window.desk.is_locked
    with qtbot.waitSignal(window.lock_screen.unlock_failed) as failed:
        type_text(window.lock_screen.password_edit, "not the password")
        press(window.lock_screen.password_edit, Qt.Key.Key_Return)
    assert window.desk.is_locked
    assert window.stack.currentWidget() is window.lock_screen
    assert failed.args[0] == "Неверный логин или пароль"
    assert window.lock_screen.password_edit.text() == ""
    # Another wrong password: the service's delay is shown and the button waits.
    with qtbot.waitSignal(window.lock_screen.unlock_failed):
        type_text(window.lock_screen.password_edit, "still wrong")
        press(window.lock_screen.password_edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.lock_screen.unlock_failed) as throttled:
        type_text(window.lock_screen.password_edit, PASSWORD)
        press(window.lock_screen.password_edit, Qt.Key.Key_Return)
    assert window.desk.is_locked
    assert "1 s" in throttled.args[0]
    assert not window.lock_screen.unlock_button.isEnabled()


def test_idle_time_locks_the_desk(qtbot: QtBot, window: MainWindow) -> None:
    assert window.idle.minutes == 10  # the default
    assert window.idle.timer.interval() == 10 * 60_000
    with qtbot.waitSignal(window.desk.locked):
        window.idle.timer.timeout.emit()  # the injected timer runs out
    assert window.stack.currentWidget() is window.lock_screen
    window.set_idle_minutes(3)
    assert window.settings.get(prefs.IDLE_MINUTES) == 3
    assert window.idle.timer.interval() == 3 * 60_000


def test_quitting_a_locked_desk_guards_unsaved_edits(window: MainWindow, modals: ModalLog) -> None:
    editor = window.new_questionnaire()
    assert editor is not None
    type_text(_surname(window), "Ким")
    window.lock()
    window.lock_screen.quit_button.click()  # the answer is Cancel: stay
    assert modals.shown and "unsaved" in modals.shown[-1]
    assert window.isVisible() and editor.dirty


def test_the_desk_s_day_is_the_mission_s_even_while_locked(
    qtbot: QtBot, desk: Desk, clock: MovableClock
) -> None:
    from datetime import UTC, date, datetime

    from desktop.domain.calendar import CalendarSpec
    from desktop.services import procedure

    clock.now = datetime(2026, 11, 24, 20, 30, tzinfo=UTC)  # the 25th in Seoul
    admin = session.login(desk.data_dir, "admin", PASSWORD, clock=clock)
    try:
        procedure.set_calendar(admin, CalendarSpec(host_country="KR", timezone="Asia/Seoul"))
    finally:
        admin.close()
    with qtbot.waitSignal(desk.locked):
        desk.lock()
    with qtbot.waitSignal(desk.unlocked):
        desk.unlock(PASSWORD)
    assert desk.today() == date(2026, 11, 25)  # not the UTC date
    with qtbot.waitSignal(desk.locked):
        desk.lock()
    assert desk.today() == date(2026, 11, 25)


def test_failed_unlocks_are_counted_throttled_and_audited(
    qtbot: QtBot, window: MainWindow, clock: MovableClock, language: Language
) -> None:
    from sqlalchemy import select

    from desktop.storage.models import AuditRow

    assert language.install("ru")
    window.lock()
    screen = window.lock_screen
    assert screen.attempts.text() == ""
    for wrong in ("not it", "nor this"):
        with qtbot.waitSignal(screen.unlock_failed):
            type_text(screen.password_edit, wrong)
            press(screen.password_edit, Qt.Key.Key_Return)
    # The vault's counter, shown in the desk's language; a third try waits like a login.
    assert screen.failed == 2
    assert screen.attempts.text() == "Неверных паролей после последней разблокировки: 2"
    assert session.failed_attempts(window.desk.data_dir, "officer") == 2
    with qtbot.waitSignal(screen.unlock_failed) as throttled:
        type_text(screen.password_edit, PASSWORD)
        press(screen.password_edit, Qt.Key.Key_Return)
    assert window.desk.is_locked and not screen.unlock_button.isEnabled()
    assert throttled.args[0].startswith("Слишком много неудачных попыток")
    assert session.failed_attempts(window.desk.data_dir, "officer") == 2  # not tried, not counted
    # The login window of another program sees the same counter and the same wait.
    from desktop.services.errors import LoginThrottled

    with pytest.raises(LoginThrottled):
        session.login(window.desk.data_dir, "officer", PASSWORD, clock=clock)
    clock.advance(seconds=5)
    screen._countdown.stop()
    screen.unlock_button.setEnabled(True)
    with qtbot.waitSignal(window.desk.unlocked):
        type_text(screen.password_edit, PASSWORD)
        press(screen.password_edit, Qt.Key.Key_Return)
    assert session.failed_attempts(window.desk.data_dir, "officer") == 0
    with window.desk.ctx.uow() as uow:
        rows = uow.session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(2)).all()
        unlock, lock = rows
        assert lock.action == "session.lock" and lock.officer == "officer"
        assert unlock.action == "session.unlock"
        assert unlock.detail == {"failed_attempts_since_last_login": 2}

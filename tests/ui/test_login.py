from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.ui.login import LoginDialog
from desktop.ui.main_window import MainWindow
from tests.conftest import PASSWORD


def test_login_dialog_opens_the_store(qtbot: QtBot, demo_dir: Path) -> None:
    dialog = LoginDialog(demo_dir, lang="ru")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.login_edit, "officer")
    qtbot.keyClicks(dialog.password_edit, "wrong")
    dialog._on_buttons_accepted()
    assert dialog.context is None
    assert dialog.message.text() == "Неверный логин или пароль"
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        dialog._on_buttons_accepted()
    assert dialog.context is not None
    window = MainWindow(dialog.context)
    qtbot.addWidget(window)
    assert window.table.model().rowCount() == 25
    dialog.context.close()

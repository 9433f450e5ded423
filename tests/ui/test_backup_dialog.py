"""Backing up from the desk: the reminder, the dialog, the work off the GUI thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.services import backup as backup_service
from desktop.services import settings
from desktop.services.context import DeskContext
from desktop.ui.backup_dialog import BackupDialog, backup_reminder_text
from tests.conftest import MovableClock


def test_reminder_until_a_backup_is_made(
    admin: DeskContext, clock: MovableClock, tmp_path: Path
) -> None:
    assert backup_reminder_text(admin, "en") == "No backup has been made yet: make one now"
    backup_service.backup_store(admin, tmp_path)
    assert backup_reminder_text(admin, "en") is None
    clock.advance(days=8)
    assert backup_reminder_text(admin, "ru") == "Последняя резервная копия создана 8 дн. назад"


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_dialog_backs_up_to_the_settings_folder(
    qtbot: QtBot, admin: DeskContext, tmp_path: Path
) -> None:
    folder = tmp_path / "usb"
    settings.set_value(admin, "backup.folder", str(folder))
    dialog = BackupDialog(admin, lang="kk")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.folder.text() == str(folder)
    # From the catalogue in the language it is given, whatever translator is installed.
    assert (dialog.windowTitle(), dialog.start.text()) == ("Сақтық көшірме", "Көшірме жасау")
    with qtbot.waitSignal(dialog.finished_backup, timeout=30_000) as blocker:
        dialog.start.click()
    result = blocker.args[0]
    assert result.path.parent == folder and result.path.exists()
    assert dialog.progress.value() == 1000 and "Дайын" in dialog.status.text()
    assert dialog.start.isEnabled()
    backup_service.verify_backup(result.path)


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_dialog_reports_an_unusable_folder(
    qtbot: QtBot, admin: DeskContext, tmp_path: Path
) -> None:
    blocker_file = tmp_path / "a-file"
    blocker_file.write_text("not a folder")
    dialog = BackupDialog(admin, lang="en")
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(blocker_file / "sub"))
    dialog.start.click()
    qtbot.waitUntil(lambda: dialog.start.isEnabled(), timeout=10_000)
    assert "a-file" in dialog.status.text()
    assert not list(tmp_path.glob("**/*.qonys-backup"))
    # The system's reason in the desk's language, not its English (issue 14).
    russian = BackupDialog(admin, lang="ru")
    qtbot.addWidget(russian)
    russian.folder.setText(str(blocker_file / "sub"))
    russian.start.click()
    qtbot.waitUntil(lambda: russian.start.isEnabled(), timeout=10_000)
    said = russian.status.text()
    assert "a-file" in said and "это не папка" in said and "Not a directory" not in said

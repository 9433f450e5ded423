"""The mission settings dialog saves what is valid and shows what was refused."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.services import settings
from desktop.services.context import DeskContext
from desktop.ui.settings_dialog import MissionSettingsDialog


def test_valid_values_are_saved_and_bad_ones_explained(qtbot: QtBot, admin: DeskContext) -> None:
    dialog = MissionSettingsDialog(admin, lang="ru")
    qtbot.addWidget(dialog)
    assert dialog.fields["reception.closed_weekdays"].text() == "wed"
    dialog.fields["reception.intake"].setText("9:00-12:00")
    dialog.fields["backup.reminder_days"].setText("0")
    with qtbot.waitSignal(dialog.settings_saved) as blocker:
        assert dialog.save_button is not None
        dialog.save_button.click()
    assert blocker.args == [["reception.intake"]]
    assert settings.show(admin).values["reception.intake"] == ["09:00-12:00"]
    assert dialog.fields["reception.intake"].text() == "09:00-12:00"
    assert settings.show(admin).values["backup.reminder_days"] == settings.DEFAULT_REMINDER_DAYS
    assert "365" in dialog.errors["backup.reminder_days"].text()
    assert not dialog.errors["backup.reminder_days"].isHidden()


def test_officers_see_settings_read_only(qtbot: QtBot, officer: DeskContext) -> None:
    dialog = MissionSettingsDialog(officer, lang="en")
    qtbot.addWidget(dialog)
    assert all(edit.isReadOnly() for edit in dialog.fields.values())
    assert dialog.save_button is None
    assert "administrator" in dialog.status.text()

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


def test_settings_are_labelled_in_the_officers_language(qtbot: QtBot, admin: DeskContext) -> None:
    """Issue 20: titles, not registry keys (mission.code, reception.intake), and dates as
    dd.mm.yyyy."""
    from PySide6.QtWidgets import QFormLayout, QLabel

    dialog = MissionSettingsDialog(admin, lang="kk")
    qtbot.addWidget(dialog)
    form = dialog.fields["mission.code"].parentWidget().parentWidget().layout()
    assert isinstance(form, QFormLayout)
    labels = [
        w.text()
        for i in range(form.rowCount())
        if isinstance(w := form.itemAt(i, QFormLayout.ItemRole.LabelRole).widget(), QLabel)
    ]
    assert "Шет елдердегі мекеменің коды" in labels
    assert "Құжаттарды қабылдау уақыты" in labels
    assert not [t for t in labels if t in {s.key for s in settings.REGISTRY}]
    dialog.fields["calendar.closures"].setText("24.12.2026, 30.12.2026..31.12.2026")
    with qtbot.waitSignal(dialog.settings_saved):
        assert dialog.save_button is not None
        dialog.save_button.click()
    assert settings.show(admin).values["calendar.closures"] == [
        "2026-12-24",
        "2026-12-30",
        "2026-12-31",
    ]
    assert dialog.fields["calendar.closures"].text() == "24.12.2026,30.12.2026,31.12.2026"

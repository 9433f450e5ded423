"""The Settings page: opens the mission settings dialog."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QVBoxLayout,
    QWidget,
)

from desktop.ui.admin.base import (
    QT_TRANSLATE_NOOP,
    AdminBase,
)


class SettingsPage(AdminBase):
    def _settings_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            self._hint(
                QT_TRANSLATE_NOOP(
                    "Administration",
                    "The mission's details, the address on the forms, the backup folder and more.",
                )
            )
        )
        self.settings_button = self._button(
            QT_TRANSLATE_NOOP("Administration", "Open the mission settings…"),
            self.open_settings,
        )
        layout.addWidget(self.settings_button)
        layout.addStretch(1)
        return page

    @Slot()
    def open_settings(self) -> None:
        from desktop.ui.settings_dialog import MissionSettingsDialog

        self.settings_dialog = MissionSettingsDialog(self.desk.ctx, lang=self.lang, parent=self)
        self.settings_dialog.open()

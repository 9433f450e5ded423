"""The mission settings dialog: every key of the registry in one form (administrator).

Self-contained: `MissionSettingsDialog(ctx, lang=..., parent=...)`. Values are edited as the
same text the command line takes (`qonys settings set KEY VALUE`), each checked by the service
when saved; a refused value is shown next to its field and nothing of it is stored. Officers who
are not administrators see the settings read-only.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.formats import short_date
from desktop.services import settings as settings_service
from desktop.services.context import DeskContext, Role
from desktop.services.errors import KnownError
from desktop.services.setting_titles import SETTING_TITLES
from desktop.ui.language import QT_TRANSLATE_NOOP, translated_in

# Built in the desk's language, which it is given: texts from the catalogue in this context.
_CONTEXT = "MissionSettingsDialog"
_TITLE = QT_TRANSLATE_NOOP("MissionSettingsDialog", "Mission settings")
_SAVED = QT_TRANSLATE_NOOP("MissionSettingsDialog", "Saved")
_READ_ONLY = QT_TRANSLATE_NOOP("MissionSettingsDialog", "Only an administrator can change these")


# Settings holding dates are shown as the officer writes dates (dd.mm.yyyy); the service
# reads that form back as well as ISO.
_DATE_LISTS = frozenset({"calendar.closures", "calendar.extra_working_days"})


def _shown_text(key: str, value: object) -> str:
    if key in _DATE_LISTS and isinstance(value, list):
        return ",".join(short_date(date.fromisoformat(str(v))) for v in value)
    return settings_service.format_value(value)


class MissionSettingsDialog(QDialog):
    """Signals: settings_saved(list): the keys that were changed."""

    settings_saved = Signal(list)

    def __init__(
        self, ctx: DeskContext, *, lang: str = "en", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._lang = lang
        self.setWindowTitle(translated_in(lang, _CONTEXT, _TITLE))
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        self._shown: dict[str, str] = {}
        editable = ctx.officer.may(Role.ADMIN)
        form_host = QWidget()
        form = QFormLayout(form_host)
        values = settings_service.show(ctx).values
        for setting in settings_service.REGISTRY:
            text = _shown_text(setting.key, values[setting.key])
            edit = QLineEdit(text)
            title = SETTING_TITLES[setting.key]
            edit.setToolTip(title.hint.get(lang))
            edit.setPlaceholderText(title.hint.get(lang))
            edit.setReadOnly(not editable)
            error = QLabel()
            error.setStyleSheet("color: #b00020")
            error.setWordWrap(True)
            error.hide()
            column = QVBoxLayout()
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(edit)
            column.addWidget(error)
            holder = QWidget()
            holder.setLayout(column)
            form.addRow(title.label.get(lang), holder)
            self.fields[setting.key] = edit
            self.errors[setting.key] = error
            self._shown[setting.key] = text
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        self.status = QLabel("" if editable else translated_in(lang, _CONTEXT, _READ_ONLY))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
            if editable
            else QDialogButtonBox.StandardButton.Close
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(640, 560)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        """Save what changed; keep the dialog open to show what was refused."""
        changed: list[str] = []
        refused = 0
        for key, edit in self.fields.items():
            error = self.errors[key]
            if edit.text() == self._shown[key]:
                error.hide()
                continue
            try:
                value = settings_service.set_value(self._ctx, key, edit.text())
            except KnownError as exc:
                error.setText(exc.message.get(self._lang))
                error.show()
                refused += 1
                continue
            error.hide()
            shown = _shown_text(key, value)
            edit.setText(shown)
            self._shown[key] = shown
            changed.append(key)
        self.status.setText(translated_in(self._lang, _CONTEXT, _SAVED) if not refused else "")
        if changed:
            self.settings_saved.emit(changed)

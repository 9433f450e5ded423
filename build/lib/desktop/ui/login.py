"""The login dialog: officer login and password, with the service's growing delay."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services import session
from desktop.services.context import DeskContext
from desktop.services.errors import KnownError


class LoginDialog(QDialog):
    def __init__(
        self,
        data_dir: Path,
        *,
        lang: str = "en",
        officer: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Qonys")
        self._data_dir = data_dir
        self._lang = lang
        self.context: DeskContext | None = None

        self.login_edit = QLineEdit(officer or "")
        self.login_edit.setAccessibleName("Login")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName("Password")
        self.message = QLabel()
        self.message.setWordWrap(True)

        form = QFormLayout()
        login_label = QLabel(self.tr("&Login"))
        login_label.setBuddy(self.login_edit)
        password_label = QLabel(self.tr("&Password"))
        password_label.setBuddy(self.password_edit)
        form.addRow(login_label, self.login_edit)
        form.addRow(password_label, self.password_edit)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password_edit if officer else self.login_edit).setFocus()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        try:
            self.context = session.login(
                self._data_dir, self.login_edit.text().strip(), self.password_edit.text()
            )
        except KnownError as exc:
            self.message.setText(exc.message.get(self._lang))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.accept()

"""The login window: officer login and password, with the service's growing delay shown.

The key derivation (Argon2id) takes a noticeable moment, so the attempt runs off the GUI
thread; the window stays responsive and the button is disabled meanwhile. After repeated wrong
passwords the service refuses attempts for a while (`LoginThrottled`): the window counts the
seconds down and only then enables the button again.
"""

from __future__ import annotations

import importlib
import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # names for annotations only: not imported before the window is up
    from collections.abc import Callable
    from datetime import datetime
    from pathlib import Path
    from types import ModuleType

    from desktop.services.context import DeskContext

    Clock = Callable[[], datetime]

PREPARE_AFTER_MS = 150  # the services start loading this long after the window shows


def _session() -> ModuleType:
    # The service layer pulls in SQLAlchemy, Alembic and the crypto stack (most of start-up
    # time): it is loaded on a worker while the window is already up and typeable.
    return importlib.import_module("desktop.services.session")


class LoginDialog(QDialog):
    """Asks for login and password and opens the store.

    Signals:
        failed(str): an attempt was refused, with the message shown.
        prepared(): the services (and `preload`) are loaded and the store checked.
    The dialog is accepted when `context` holds the unlocked store.
    """

    failed = Signal(str)
    prepared = Signal()

    def __init__(
        self,
        data_dir: Path,
        *,
        lang: str = "en",
        officer: str | None = None,
        mission_name: str = "",
        clock: Clock | None = None,
        preload: Callable[[], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._preload = preload
        self._lang = lang
        self._clock = clock
        self._mission_name = mission_name
        self.context: DeskContext | None = None
        self.store_ready = False
        self._wait_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._on_countdown_timeout)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)  # relative: follows the system's size
        font.setBold(True)
        self.heading.setFont(font)
        self.mission_label = QLabel(mission_name)
        self.mission_label.setWordWrap(True)
        self.mission_label.setVisible(bool(mission_name))
        self.login_edit = QLineEdit(officer or "")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_label = QLabel()
        self.login_label.setBuddy(self.login_edit)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password_edit)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("message")

        form = QFormLayout()
        form.addRow(self.login_label, self.login_edit)
        form.addRow(self.password_label, self.password_edit)

        # Buttons added one by one: the constructor taking a set of buttons makes PySide6 build
        # all ~100 enums of the Qt namespace as Python enums (~17 ms, a tenth of start-up).
        self.buttons = QDialogButtonBox()
        self.ok_button: QPushButton = self.buttons.addButton(QDialogButtonBox.StandardButton.Ok)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.mission_label)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.login_edit, self.password_edit)
        self.setMinimumWidth(420)
        self.retranslate()
        (self.password_edit if officer else self.login_edit).setFocus()
        self._prepared = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._prepared:
            self._prepared = True
            # After the window has painted its first frames: the import (~0.5 s of CPU on a
            # 2-core machine) competes for the interpreter, and the officer types for longer.
            QTimer.singleShot(PREPARE_AFTER_MS, self._start_prepare)

    @Slot()
    def _start_prepare(self) -> None:
        from desktop.ui import tasks  # after the first frames, as everything below

        tasks.run_task(self._prepare, self._on_prepare_done, self._on_login_failed, owner=self)

    def _prepare(self) -> None:
        """Load the services and check the store before anyone types a password; then what
        the window after login needs (`preload`: its modules), so that the officer waits only
        for the password check and the store after pressing "Log in"."""
        _session().prepare_login(self._data_dir)
        if self._preload is not None:
            self._preload()

    def _on_prepare_done(self, _result: object) -> None:
        self.prepared.emit()
        self.store_ready = True

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Qonys — log in"))
        self.heading.setText(self.tr("Qonys: emigration cases desk"))
        self.login_label.setText(self.tr("&Login:"))
        self.password_label.setText(self.tr("&Password:"))
        self.login_edit.setAccessibleName(self.tr("Login"))
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.ok_button.setText(self.tr("Log in"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        login_name = self.login_edit.text().strip()
        password = self.password_edit.text()
        if not login_name or not password:
            self._show_failure(self.tr("Enter your login and password."))
            return
        self.ok_button.setEnabled(False)
        self.message.setText(self.tr("Checking the password…"))
        data_dir, clock = self._data_dir, self._clock

        def attempt() -> DeskContext:
            session = _session()
            ctx: DeskContext
            if clock is None:
                ctx = session.login(data_dir, login_name, password)
            else:
                ctx = session.login(data_dir, login_name, password, clock=clock)
            return ctx

        from desktop.ui import tasks

        tasks.run_task(attempt, self._on_login_done, self._on_login_failed, owner=self)

    def _on_login_done(self, ctx: DeskContext) -> None:
        self.context = ctx
        self.message.clear()
        self.accept()

    def _on_login_failed(self, exc: BaseException) -> None:
        from desktop.services.errors import KnownError, LoginThrottled

        self.password_edit.clear()
        self.password_edit.setFocus()
        if isinstance(exc, LoginThrottled):
            self._wait_left = max(1, math.ceil(exc.retry_after))
            self._countdown.start()
            self._show_wait()
            self.failed.emit(self.message.text())
            return
        self.ok_button.setEnabled(True)
        if isinstance(exc, KnownError):
            self._show_failure(exc.message.get(self._lang))
        else:
            from desktop.ui.widgets import show_bug

            self.ok_button.setEnabled(True)
            show_bug(self, exc)

    def _show_failure(self, text: str) -> None:
        self.message.setText(text)
        self.failed.emit(text)

    def _show_wait(self) -> None:
        self.message.setText(
            self.tr("Too many failed attempts. Try again in %n second(s).", "", self._wait_left)
        )

    @Slot()
    def _on_countdown_timeout(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._countdown.stop()
            self.ok_button.setEnabled(True)
            self.message.setText(self.tr("You may try again."))
            return
        self._show_wait()

    @property
    def waiting(self) -> bool:
        """True while the service's delay runs and the button is disabled."""
        return self._countdown.isActive()

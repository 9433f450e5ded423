"""Locking the desk: the idle watcher and the lock screen.

An unattended desk shows nothing and holds no key: after the configured idle time (default
10 minutes) or on Ctrl+L the window swaps its content for this screen and the desk closes its
context. Only the same officer's password opens it again.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import session
from desktop.services.errors import KnownError, LoginThrottled
from desktop.ui.desk import Desk

_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    """Emits `idle` after `minutes` without keyboard or mouse input anywhere in the app.

    The timer is injectable so tests can fire it (`timer.timeout.emit()`) instead of waiting.

    Signals:
        idle(): the idle time ran out.
    """

    idle = Signal()

    def __init__(
        self, minutes: int, *, timer: QTimer | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.timer = timer if timer is not None else QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        if minutes <= 0:
            self.timer.stop()
            return
        self.timer.setInterval(minutes * 60_000)
        self.timer.start()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT_EVENTS and self.minutes > 0:
            self.timer.start()  # restart: the officer is here
        return False

    def pause(self) -> None:
        self.timer.stop()

    def resume(self) -> None:
        if self.minutes > 0:
            self.timer.start()

    def detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.idle.emit()


class LockScreen(QWidget):
    """Shown instead of the desk while locked: who locked it, and the password field.

    Signals:
        unlock_failed(str): the message shown after a refused password.
        quit_requested(): the officer chose to leave without unlocking.
    """

    unlock_failed = Signal(str)
    quit_requested = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._wait_left = 0
        self.failed = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._on_countdown_timeout)

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password_edit)
        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        self.quit_button = QPushButton()
        self.message = QLabel()
        self.message.setWordWrap(True)
        # Wrong passwords since this officer's last unlock or login (the vault's counter, which
        # every program on this computer adds to): shown so a stranger's tries are noticed.
        self.attempts = QLabel()
        self.attempts.setWordWrap(True)
        self.attempts.setObjectName("failed_attempts")

        form = QFormLayout()
        form.addRow(self.password_label, self.password_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.unlock_button)
        box = QVBoxLayout()
        box.addWidget(self.title)
        box.addWidget(self.who)
        box.addLayout(form)
        box.addWidget(self.message)
        box.addWidget(self.attempts)
        box.addLayout(buttons)
        inner = QWidget()
        inner.setLayout(box)
        inner.setMaximumWidth(560)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(inner, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

        self.password_edit.returnPressed.connect(self._on_unlock_button_clicked)
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.quit_button.clicked.connect(self.quit_requested)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("The desk is locked"))
        self.who.setText(
            self.tr("Locked by {name}. Only this officer can unlock it.").format(
                name=self._desk.officer.full_name
            )
        )
        self.password_label.setText(self.tr("&Password:"))
        self._show_attempts()
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.quit_button.setText(self.tr("&Quit"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def prepare(self) -> None:
        """Called as the screen is shown: fresh field, focus in it."""
        self.retranslate()
        self.password_edit.clear()
        self.message.clear()
        self.failed = 0
        self._count_failures()
        self.password_edit.setFocus()

    @Slot()
    def _on_unlock_button_clicked(self) -> None:
        if self._countdown.isActive():
            return
        password = self.password_edit.text()
        self.password_edit.clear()
        try:
            # Synchronous on purpose: nothing else can happen on a locked desk, and the
            # unlocked signal must reach every view before the officer types again.
            self._desk.unlock(password)
        except LoginThrottled as exc:
            self._wait_left = max(1, math.ceil(exc.retry_after))
            self.unlock_button.setEnabled(False)
            self._countdown.start()
            self._show_wait()
            self.unlock_failed.emit(self.message.text())
        except KnownError as exc:
            self.message.setText(exc.message.get(self._desk.lang))
            self._count_failures()
            self.unlock_failed.emit(self.message.text())
        if self._desk.is_locked:
            self.password_edit.setFocus()

    def _count_failures(self) -> None:
        try:
            self.failed = session.failed_attempts(self._desk.data_dir, self._desk.officer.login)
        except KnownError:  # the vault cannot be read: the refusal already says why
            return
        self._show_attempts()

    def _show_attempts(self) -> None:
        if self.failed:
            self.attempts.setText(
                self.tr("Wrong passwords since the last unlock: %n", "", self.failed)
            )
        else:
            self.attempts.clear()

    def _show_wait(self) -> None:
        self.message.setText(
            self.tr("Too many failed attempts. Try again in %n second(s).", "", self._wait_left)
        )

    @Slot()
    def _on_countdown_timeout(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._countdown.stop()
            self.unlock_button.setEnabled(True)
            self.message.clear()
            return
        self._show_wait()

"""The login window: officer login and password, with the service's growing delay shown.

The key derivation (Argon2id) takes a noticeable moment, so the attempt runs off the GUI
thread; the window stays responsive and the button is disabled meanwhile. After repeated wrong
passwords the service refuses attempts for a while (`LoginThrottled`): the window counts the
seconds down and only then enables the button again.

The window also says which store it opens (this computer's encrypted file, or the mission's
shared database on PostgreSQL, issue 21) and lets the desk be pointed at the shared database
(`Shared database…`: the same service as `qonys --db URL`).
"""

from __future__ import annotations

import importlib
import logging
import math
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
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
        read_ahead(object): after a login, what `after_login` read (None: nothing).
    The dialog is accepted when `context` holds the unlocked store.

    It is labelled in the language installed when it is made, and overrides no event handler:
    no language is switched while it is up (the desk switches languages in the main window),
    and PySide6's first delivery of an event to Python builds the Python types of QEvent (~1.5
    ms) and, for a plain QEvent such as the window title's change while the window is made,
    of all ~60 Qt event classes (~2.5 ms more; issue 19). `retranslate` relabels it when
    called.
    """

    failed = Signal(str)
    prepared = Signal()
    read_ahead = Signal(object)

    def __init__(
        self,
        data_dir: Path,
        *,
        lang: str = "en",
        officer: str | None = None,
        mission_name: str = "",
        clock: Clock | None = None,
        preload: Callable[[], object] | None = None,
        after_login: Callable[[DeskContext], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._preload = preload
        # Reads for the window after login, on the login's worker right after the password,
        # while the window opens (the case list's first page: issue 19): `read_ahead` gives
        # their result (None if they failed) after the dialog was accepted.
        self._after_login = after_login
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
        self.store_label = QLabel()
        self.store_label.setWordWrap(True)
        self.store_button = QPushButton()
        self.store_button.clicked.connect(self._ask_database)
        self.database: str | None = None  # the shared store's URL (no password); None: file

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
        store_row = QHBoxLayout()
        store_row.addWidget(self.store_label, 1)
        store_row.addWidget(self.store_button)
        layout.addLayout(store_row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.login_edit, self.password_edit)
        self.setMinimumWidth(420)
        self._prepared = False
        self.retranslate()
        (self.password_edit if officer else self.login_edit).setFocus()

    def setVisible(self, visible: bool) -> None:  # noqa: N802
        # The first show starts the preparation. Not in a `showEvent`: PySide6's first event
        # delivered to Python builds the Python type of QEvent with its ~180 kinds (~1.5 ms
        # before the window shows, issue 19); `setVisible` is called with a plain bool.
        super().setVisible(visible)
        if visible and not self._prepared:
            self._prepared = True
            # After the window has painted its first frames: the import (~0.5 s of CPU on a
            # 2-core machine) competes for the interpreter, and the officer types for longer.
            QTimer.singleShot(PREPARE_AFTER_MS, self._start_prepare)

    @Slot()
    def _start_prepare(self) -> None:
        from desktop.ui import tasks  # after the first frames, as everything below

        tasks.run_task(self._prepare, self._on_prepare_done, self._on_login_failed, owner=self)

    def _prepare(self) -> tuple[str | None, BaseException | None]:
        """Load the services and check the store before anyone types a password; which store
        it is, also when it does not open (to point the desk elsewhere). Then what the window
        after login needs (`preload`: its modules), so that the officer waits only for the
        password check and the store after pressing "Log in" (issue 19)."""
        session = _session()
        shared = importlib.import_module("desktop.services.shared_store")
        where = shared.database_of(self._data_dir)
        try:
            session.prepare_login(self._data_dir)
        except Exception as exc:  # noqa: BLE001 - shown as the login's failure would be
            return where, exc
        if self._preload is not None:
            self._preload()
        return where, None

    def _on_prepare_done(self, result: tuple[str | None, BaseException | None]) -> None:
        where, problem = result
        self.database = where
        self._show_store()
        if problem is not None:
            self._on_login_failed(problem)
            return
        self.prepared.emit()
        self.store_ready = True

    @Slot()
    def _ask_database(self) -> None:
        from PySide6.QtWidgets import QInputDialog  # when asked, not at start-up

        url, ok = QInputDialog.getText(
            self,
            self.tr("Shared database"),
            self.tr(
                "The mission's shared store on PostgreSQL, e.g. "
                "postgresql+psycopg://qonys@db.mission.local/qonys?sslmode=verify-full"
                "&sslrootcert=/etc/qonys/db-ca.pem (no password: see the administrator's guide)"
            ),
            text=self.database or "",
        )
        if ok and url.strip():
            self.choose_database(url.strip())

    def choose_database(self, url: str) -> None:
        """Point this desk at the shared store at `url` (`qonys --db URL`), then check it."""
        self.store_ready = False
        self.store_button.setEnabled(False)
        self.message.setText(self.tr("Connecting to the shared database…"))
        data_dir = self._data_dir

        def join() -> tuple[str | None, BaseException | None]:
            shared = importlib.import_module("desktop.services.shared_store")
            shared.join(data_dir, url)
            return self._prepare()

        def done(result: tuple[str | None, BaseException | None]) -> None:
            self.store_button.setEnabled(True)
            self.message.clear()
            self._on_prepare_done(result)

        def failed(exc: BaseException) -> None:
            self.store_button.setEnabled(True)
            self._on_login_failed(exc)

        from desktop.ui import tasks

        tasks.run_task(join, done, failed, owner=self)

    def _show_store(self) -> None:
        if self.database is None:
            self.store_label.setText(self.tr("Store: this computer (an encrypted file)"))
        else:
            self.store_label.setText(
                self.tr("Store: the shared database {url}").format(url=self.database)
            )
        self._fit_height()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Qonys — log in"))
        self.heading.setText(self.tr("Qonys: emigration cases desk"))
        self.login_label.setText(self.tr("&Login:"))
        self.password_label.setText(self.tr("&Password:"))
        self.login_edit.setAccessibleName(self.tr("Login"))
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.ok_button.setText(self.tr("Log in"))
        self.store_button.setText(self.tr("Shared &database…"))
        self.store_button.setToolTip(
            self.tr("Open the mission's store shared by several desks on PostgreSQL")
        )
        if self._prepared:
            self._show_store()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        login_name = self.login_edit.text().strip()
        password = self.password_edit.text()
        if not login_name or not password:
            self._show_failure(self.tr("Enter your login and password."))
            return
        self.ok_button.setEnabled(False)
        self.message.setText(self.tr("Checking the password…"))
        data_dir, clock, after_login = self._data_dir, self._clock, self._after_login

        def attempt(report: Callable[[object], None]) -> object:
            session = _session()
            timed: dict[str, Clock] = {} if clock is None else {"clock": clock}
            ctx: DeskContext
            if after_login is None:
                report(session.login(data_dir, login_name, password, **timed))
                return None
            # The reads begin once the officer is known, beside the login's last writes.
            ctx, reading = session.login_reading(
                data_dir, login_name, password, after_login, **timed
            )
            report(ctx)  # the desk opens now, on the GUI thread, while the reads go on
            try:
                return reading.result()
            except Exception:  # the window reads for itself then
                logging.getLogger(__name__).exception("reading ahead after login failed")
                return None

        from desktop.ui import tasks

        tasks.run_reporting_task(
            attempt,
            self.read_ahead.emit,
            self._on_login_failed,
            self._on_login_reported,
            owner=self,
        )

    def _on_login_reported(self, ctx: object) -> None:
        self._on_login_done(cast("DeskContext", ctx))

    def _on_login_done(self, ctx: DeskContext) -> None:
        self.context = ctx
        self.message.clear()
        self.accept()

    def _on_login_failed(self, exc: BaseException) -> None:
        from desktop.services.errors import DatabaseUnreachable, KnownError, LoginThrottled

        self.password_edit.clear()
        self.password_edit.setFocus()
        if isinstance(exc, LoginThrottled):
            self._wait_left = max(1, math.ceil(exc.retry_after))
            self._countdown.start()
            self._show_wait()
            self.failed.emit(self.message.text())
            return
        self.ok_button.setEnabled(True)
        if isinstance(exc, DatabaseUnreachable) and exc.where == self.database:
            # The store line above names the address already: said once, not twice.
            self._show_failure(exc.without_address.get(self._lang))
        elif isinstance(exc, KnownError):
            self._show_failure(exc.message.get(self._lang))
        else:
            from desktop.ui.widgets import show_bug

            self.ok_button.setEnabled(True)
            show_bug(self, exc)

    def _show_failure(self, text: str) -> None:
        self.message.setText(text)
        self._fit_height()
        self.failed.emit(text)

    def _fit_height(self) -> None:
        """Grow to the height the wrapped labels now need: a window does not follow its
        labels' height-for-width by itself, and a long store address or refusal (several
        lines in Kazakh or Russian) was cut off at the bottom."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

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

"""First run: when the data folder holds no store, create the mission and its administrator.

Two pages (the mission; the first administrator) and a final step that creates the encrypted
store off the GUI thread (key derivation and file writes), then records the reception hours.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.services import mission as mission_service
from desktop.services import session, shared_store
from desktop.services.errors import KnownError
from desktop.ui import tasks
from desktop.ui.widgets import show_bug


class _MissionPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.code = QLineEdit()
        self.code.setMaxLength(16)
        self.name = QLineEdit()
        self.country = QLineEdit()
        self.country.setMaxLength(2)
        self.hours = QLineEdit()
        # Issue 21: empty for this computer's encrypted file; a PostgreSQL URL for a store
        # shared by the mission's desks (docs/administration.md, section 11).
        self.database = QLineEdit()
        self.code_label, self.name_label = QLabel(), QLabel()
        self.country_label, self.hours_label = QLabel(), QLabel()
        self.database_label = QLabel()
        # A second or third desk of the mission joins the store another desk made there.
        self.join_button = QPushButton()
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        for label, field in (
            (self.code_label, self.code),
            (self.name_label, self.name),
            (self.country_label, self.country),
            (self.hours_label, self.hours),
            (self.database_label, self.database),
        ):
            # Not wrapped: a form row does not grow with its label's lines, and the Russian
            # labels (two or three lines when wrapped) were cut off at top and bottom.
            label.setBuddy(field)
            if field is self.database:
                row = QHBoxLayout()
                row.addWidget(field, 1)
                row.addWidget(self.join_button)
                form.addRow(label, row)
            else:
                form.addRow(label, field)
        form.addRow(self.message)
        self.registerField("code*", self.code)
        self.registerField("name*", self.name)
        self.registerField("country*", self.country)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("The mission"))
        self.setSubTitle(self.tr("This desk keeps the cases of one foreign mission."))
        self.code_label.setText(self.tr("Mission &code:"))
        self.code.setPlaceholderText(self.tr("e.g. KZ-BER"))
        self.name_label.setText(self.tr("Mission &name:"))
        self.country_label.setText(self.tr("Host &country (ISO, two letters):"))
        self.country.setPlaceholderText(self.tr("e.g. DE"))
        self.hours_label.setText(self.tr("&Reception hours:"))
        self.hours.setPlaceholderText(self.tr("e.g. Mon–Fri 9:00–12:00"))
        self.database_label.setText(self.tr("Shared &database (several desks):"))
        self.database.setPlaceholderText(self.tr("empty: this computer only"))
        self.join_button.setText(self.tr("&Join it"))
        self.join_button.setToolTip(
            self.tr(
                "Another desk already keeps the mission's store on this database: this desk "
                "joins it, and the officers log in with their own passwords."
            )
        )
        for label, field in (
            (self.code_label, self.code),
            (self.name_label, self.name),
            (self.country_label, self.country),
            (self.hours_label, self.hours),
            (self.database_label, self.database),
        ):
            field.setAccessibleName(label.text().replace("&", "").rstrip(":"))


class _AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.login = QLineEdit()
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout(self)
        for label, field in zip(
            self.labels, (self.login, self.full_name, self.password, self.repeat), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.message)
        self.registerField("login*", self.login)
        self.registerField("full_name*", self.full_name)
        self.registerField("password*", self.password)
        self.registerField("repeat*", self.repeat)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("The first administrator"))
        self.setSubTitle(
            self.tr("The administrator adds the other officers. Keep the password safe.")
        )
        texts = (
            self.tr("&Login:"),
            self.tr("&Full name:"),
            self.tr("&Password (8 or more characters):"),
            self.tr("&Repeat the password:"),
        )
        for label, text, field in zip(
            self.labels,
            texts,
            (self.login, self.full_name, self.password, self.repeat),
            strict=True,
        ):
            label.setText(text)
            field.setAccessibleName(text.replace("&", "").rstrip(":"))

    def validatePage(self) -> bool:  # noqa: N802
        if self.password.text() != self.repeat.text():
            self.message.setText(self.tr("The passwords differ."))
            return False
        return True


class FirstRunWizard(QWizard):
    """Creates the store; accepted once it exists and the administrator can log in.

    Signals:
        store_created(): the store is on disk (or, joined, on the shared database).
        failed(str): creating or joining it was refused, with the message shown.
    """

    store_created = Signal()
    failed = Signal(str)

    def __init__(
        self,
        data_dir: Path,
        *,
        lang: str = "en",
        kdf: Any = None,  # session.create_store's KdfParams (tests pass a cheap one)
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._lang = lang
        self._kdf = kdf
        self._creating = False
        self.created = False
        self.mission_page = _MissionPage()
        self.admin_page = _AdminPage()
        self.addPage(self.mission_page)
        self.addPage(self.admin_page)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(720, 420)  # the Russian labels unwrapped, the field beside them
        self.mission_page.join_button.clicked.connect(self.join_database)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Qonys — first run"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.mission_page.retranslate()
            self.admin_page.retranslate()
        super().changeEvent(event)

    @property
    def admin_login(self) -> str:
        return self.admin_page.login.text().strip()

    def accept(self) -> None:
        if self.created:
            super().accept()
            return
        if self._creating:
            return
        m, a = self.mission_page, self.admin_page
        if a.password.text() != a.repeat.text():
            self._fail(self.tr("The passwords differ."))
            return
        code, name, country = m.code.text(), m.name.text(), m.country.text()
        login, full_name, password = a.login.text(), a.full_name.text(), a.password.text()
        hours = m.hours.text()
        database = m.database.text().strip() or None
        self._creating = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        a.message.setText(self.tr("Creating the encrypted store…"))

        def create() -> None:
            session.create_store(
                self._data_dir,
                mission_code=code,
                mission_name=name,
                country=country,
                admin_login=login,
                admin_full_name=full_name,
                admin_password=password,
                kdf=self._kdf,
                database=database,
            )
            if hours.strip():
                ctx = session.login(self._data_dir, login.strip(), password)
                try:
                    mission_service.set_reception_hours(ctx, hours)
                finally:
                    ctx.close()

        tasks.run_task(create, self._on_create_done, self._on_create_failed, owner=self)

    def join_database(self) -> None:
        """This desk opens the mission's store another desk made on the shared database."""
        if self.created or self._creating:
            return
        page = self.mission_page
        url = page.database.text().strip()
        if not url:
            self._fail_on(page.message, self.tr("Give the shared database's address first."))
            page.database.setFocus()
            return
        self._creating = True
        page.join_button.setEnabled(False)
        page.message.setText(self.tr("Joining the shared database…"))
        tasks.run_task(
            lambda: shared_store.join_existing(self._data_dir, url),
            self._on_create_done,
            self._on_join_failed,
            owner=self,
        )

    def _on_join_failed(self, exc: BaseException) -> None:
        self._creating = False
        self.mission_page.join_button.setEnabled(True)
        if isinstance(exc, KnownError):
            self._fail_on(self.mission_page.message, exc.message.get(self._lang))
        else:
            self.mission_page.message.clear()
            show_bug(self, exc)

    def _on_create_done(self, _result: object) -> None:
        self._creating = False
        self.created = True
        self.store_created.emit()
        super().accept()

    def _on_create_failed(self, exc: BaseException) -> None:
        self._creating = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        if isinstance(exc, shared_store.DatabaseHoldsStore):  # a second desk: it joins
            self._fail(
                self.tr(
                    "The mission's store is already on this database: this desk joins it. "
                    "Go back and press Join it beside the address."
                )
            )
        elif isinstance(exc, KnownError):
            # Mission and administrator errors alike show here, where Finish was pressed.
            self._fail(exc.message.get(self._lang))
        else:
            self.admin_page.message.clear()
            show_bug(self, exc)

    def _fail(self, text: str) -> None:
        self._fail_on(self.admin_page.message, text)

    def _fail_on(self, label: QLabel, text: str) -> None:
        label.setText(text)
        self.failed.emit(text)

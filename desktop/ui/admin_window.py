"""The desk's administration window: everything that used to need a `qonys` command.

One window with pages (officers; the Department's enrolment and signing certificates; the
mission calendar; backup, restore and the recovery key; the Annex 5 journal and the §14
monitoring export; the mission settings). The main window's Administration menu opens it at a
page. Each page calls `desktop.services.admin` (the same services the CLI uses), which checks the
officer's role: pages an officer may not use are hidden, never the only guard.

Every action runs off the GUI thread (`desktop.ui.tasks`) with the progress bar and a Cancel
button at the bottom; its result is said there, in the desk's language.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import crash
from desktop.domain.i18n import Text
from desktop.services import admin as admin_service
from desktop.services import exchange, recovery, session
from desktop.services.context import Role
from desktop.services.errors import KnownError
from desktop.services.session import KdfParams
from desktop.ui.desk import ROLE_NAMES, Desk
from desktop.ui.tasks import Task, run_reporting_task

T = Text


PAGES: dict[str, Text] = {
    "officers": T("Қызметкерлер", "Сотрудники", "Officers"),
    "department": T("Департамент", "Департамент", "Department"),
    "calendar": T("Күнтізбе", "Календарь", "Calendar"),
    "backup": T("Сақтық көшірме", "Резервные копии", "Backups"),
    "reports": T("Журнал және мониторинг", "Журнал и мониторинг", "Journal and monitoring"),
    "settings": T("Баптаулар", "Настройки", "Settings"),
}

_TITLE = T("Әкімшілік", "Администрирование", "Administration")
_CHOOSE = T("Таңдау…", "Выбрать…", "Choose…")
_CANCEL = T("Тоқтату", "Отменить", "Cancel")
_CLOSE = T("Жабу", "Закрыть", "Close")
_WORKING = T("Орындалуда…", "Выполняется…", "Working…")
_CANCELLED = T("Тоқтатылды", "Отменено", "Cancelled")
_PASSWORDS_DIFFER = T("Екі құпиясөз сәйкес емес", "Пароли не совпадают", "The two passwords differ")
_NEED_FILE = T("Файлды таңдаңыз", "Выберите файл", "Choose a file")
_NEED_FOLDER = T("Қалтаны таңдаңыз", "Выберите папку", "Choose a folder")
_NEED_SELECTION = T(
    "Қызметкерді тізімнен таңдаңыз", "Выберите сотрудника в списке", "Choose an officer in the list"
)
_PASSWORD = T("Құпиясөз:", "Пароль:", "Password:")
_REPEAT = T("Құпиясөзді қайталаңыз:", "Повторите пароль:", "Repeat the password:")
_FROM = T("Басы:", "С:", "From:")
_TO = T("Соңы:", "По:", "To:")
_FILE = T("Файл:", "Файл:", "File:")
_SAVE_TO = T("Сақтау орны:", "Сохранить в:", "Save to:")


def _dmy(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class AdminWindow(QDialog):
    """Signals: finished_action(str): an action succeeded, with the message shown;
    failed_action(str): it failed (or was cancelled), with the message shown."""

    finished_action = Signal(str)
    failed_action = Signal(str)

    def __init__(
        self,
        desk: Desk,
        *,
        page: str = "",
        kdf: KdfParams | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.lang = desk.lang
        self._kdf = kdf  # tests pass a cheap one; the desk uses the production cost
        self._task: Task[Any] | None = None
        self._stop = threading.Event()
        self._buttons: list[QPushButton] = []
        me = desk.officer
        self.setWindowTitle(_TITLE.get(self.lang))

        self.nav = QListWidget()
        self.nav.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pages = QStackedWidget()
        self.page_index: dict[str, int] = {}
        builders: dict[str, Callable[[], QWidget]] = {}
        if me.may(Role.ADMIN):
            builders["officers"] = self._officers_page
        if me.may(Role.ADMIN) or me.may(Role.CONSUL):
            builders["department"] = self._department_page
        if me.may(Role.ADMIN):
            builders["calendar"] = self._calendar_page
        builders["backup"] = self._backup_page
        builders["reports"] = self._reports_page
        builders["settings"] = self._settings_page
        for key, build in builders.items():
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(build())
            self.page_index[key] = self.pages.addWidget(scroll)
            QListWidgetItem(PAGES[key].get(self.lang), self.nav)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 16)

        split = QHBoxLayout()
        split.addWidget(self.nav)
        split.addWidget(self.pages, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.cancel_button = QPushButton(_CANCEL.get(self.lang))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_CLOSE.get(self.lang))
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(split, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        self.resize(1000, 640)
        self.show_page(page or next(iter(builders)))

    # --- helpers ----------------------------------------------------------------------------

    def t(self, text: Text) -> str:
        return text.get(self.lang)

    def show_page(self, key: str) -> bool:
        index = self.page_index.get(key)
        if index is None:
            return False
        self.nav.setCurrentRow(index)
        return True

    def _button(self, text: Text, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(self.t(text))
        button.clicked.connect(slot)
        self._buttons.append(button)
        return button

    def _file_row(
        self, *, save: bool = False, folder: bool = False, filters: str = ""
    ) -> tuple[QWidget, QLineEdit]:
        edit = QLineEdit()
        choose = QPushButton(self.t(_CHOOSE))

        def pick() -> None:
            if folder:
                chosen = QFileDialog.getExistingDirectory(self, self.windowTitle(), edit.text())
            elif save:
                chosen, _ = QFileDialog.getSaveFileName(
                    self, self.windowTitle(), edit.text(), filters
                )
            else:
                chosen, _ = QFileDialog.getOpenFileName(
                    self, self.windowTitle(), edit.text(), filters
                )
            if chosen:
                edit.setText(chosen)

        choose.clicked.connect(pick)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(choose)
        return holder, edit

    def _password(self) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def _date(self, day: date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setDisplayFormat("dd.MM.yyyy")
        edit.setCalendarPopup(True)
        return edit

    def _hint(self, text: Text) -> QLabel:
        label = QLabel(self.t(text))
        label.setWordWrap(True)
        return label

    def say(self, message: str, *, ok: bool = True) -> None:
        self.status.setStyleSheet("" if ok else "color: #b00020")
        self.status.setText(message)

    def _refuse(self, text: Text) -> None:
        self.say(self.t(text), ok=False)
        self.failed_action.emit(self.t(text))

    def _path(self, edit: QLineEdit) -> Path | None:
        text = edit.text().strip()
        return Path(text).expanduser() if text else None

    # --- running work off the GUI thread ----------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._task is not None

    def run(
        self,
        work: Callable[[Callable[[object], None], threading.Event], Any],
        done: Callable[[Any], str],
    ) -> None:
        """Run `work(report, stop)` on a worker; `done(result)` says what happened (GUI thread).

        `report(per_mille)` moves the progress bar; `stop` is set by Cancel and the work checks
        it where it can stop safely (a stopped restore leaves no store behind)."""
        if self._task is not None:
            return
        stop = self._stop = threading.Event()
        for button in self._buttons:
            button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the first report
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.say(self.t(_WORKING))

        def on_report(value: object) -> None:
            self.progress.setRange(0, 1000)
            self.progress.setValue(cast(int, value))

        def on_done(result: object) -> None:
            self._idle()
            message = done(result)
            self.say(message)
            self.finished_action.emit(message)

        def on_failed(exc: BaseException) -> None:
            self._idle()
            if isinstance(exc, KnownError):
                message = exc.message.get(self.lang)
            elif isinstance(exc, OSError):
                message = exc.strerror or str(exc)
            else:  # a bug: a report without personal data, and a word for the officer
                path = crash.handle(type(exc), exc, exc.__traceback__)
                message = type(exc).__name__ + (f"\n{path}" if path else "")
            self.say(message, ok=False)
            self.failed_action.emit(message)

        self._task = run_reporting_task(
            lambda report: work(report, stop), on_done, on_failed, on_report, owner=self
        )

    def _idle(self) -> None:
        self._task = None
        self.progress.hide()
        self.cancel_button.setEnabled(False)
        for button in self._buttons:
            button.setEnabled(True)

    @Slot()
    def _on_cancel_clicked(self) -> None:
        if self._task is None:
            return
        self._stop.set()
        self._task.cancel()
        self._idle()
        self._refuse(_CANCELLED)

    def done(self, result: int) -> None:
        if self._task is not None:
            self._stop.set()
            self._task.cancel()
        super().done(result)

    # --- officers ---------------------------------------------------------------------------

    def _officers_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.officer_table = QTableWidget(0, 3)
        self.officer_table.setHorizontalHeaderLabels(
            [
                self.t(T("Логин", "Логин", "Login")),
                self.t(T("Аты-жөні", "ФИО", "Full name")),
                self.t(T("Рөлі", "Роль", "Role")),
            ]
        )
        self.officer_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.officer_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.officer_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.officer_table.verticalHeader().hide()
        header = self.officer_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.officer_table, 1)

        selected = QHBoxLayout()
        self.remove_officer_button = self._button(
            T("Таңдалғанды өшіру", "Удалить выбранного", "Remove the selected officer"),
            self.remove_officer,
        )
        selected.addWidget(self.remove_officer_button)
        selected.addStretch(1)
        layout.addLayout(selected)

        reset = QGroupBox(
            self.t(T("Құпиясөзді қалпына келтіру", "Сброс пароля", "Reset a password"))
        )
        form = QFormLayout(reset)
        self.reset_password_edit = self._password()
        self.reset_repeat_edit = self._password()
        form.addRow(
            self.t(T("Жаңа құпиясөз:", "Новый пароль:", "New password:")), self.reset_password_edit
        )
        form.addRow(self.t(_REPEAT), self.reset_repeat_edit)
        form.addRow(
            self._hint(
                T(
                    "Таңдалған қызметкерге жаңа құпиясөз беріледі; ескісі енді қойманы ашпайды.",
                    "Выбранному сотруднику задаётся новый пароль; старый больше не открывает хранилище.",
                    "The selected officer gets a new password; the old one no longer opens the store.",
                )
            )
        )
        self.reset_password_button = self._button(
            T("Құпиясөзді қалпына келтіру", "Сбросить пароль", "Reset the password"),
            self.reset_password,
        )
        form.addRow(self.reset_password_button)
        layout.addWidget(reset)

        add = QGroupBox(self.t(T("Қызметкер қосу", "Добавить сотрудника", "Add an officer")))
        form = QFormLayout(add)
        self.new_login_edit = QLineEdit()
        self.new_name_edit = QLineEdit()
        self.new_role_combo = QComboBox()
        for role in (Role.OFFICER, Role.CONSUL, Role.ADMIN):
            self.new_role_combo.addItem(self.t(ROLE_NAMES[role]), role.value)
        self.new_password_edit = self._password()
        self.new_repeat_edit = self._password()
        form.addRow(self.t(T("Логин:", "Логин:", "Login:")), self.new_login_edit)
        form.addRow(self.t(T("Аты-жөні:", "ФИО:", "Full name:")), self.new_name_edit)
        form.addRow(self.t(T("Рөлі:", "Роль:", "Role:")), self.new_role_combo)
        form.addRow(self.t(_PASSWORD), self.new_password_edit)
        form.addRow(self.t(_REPEAT), self.new_repeat_edit)
        self.add_officer_button = self._button(T("Қосу", "Добавить", "Add"), self.add_officer)
        form.addRow(self.add_officer_button)
        layout.addWidget(add)
        self.reload_officers()
        return page

    def reload_officers(self) -> None:
        officers = session.list_officers(self.desk.ctx)
        self.officer_table.setRowCount(len(officers))
        for i, o in enumerate(officers):
            for j, text in enumerate((o.login, o.full_name, self.t(ROLE_NAMES[o.role]))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.officer_table.setItem(i, j, item)
        self._fill_consuls()

    def selected_login(self) -> str | None:
        row = self.officer_table.currentRow()
        item = self.officer_table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def select_officer(self, login: str) -> bool:
        for row in range(self.officer_table.rowCount()):
            item = self.officer_table.item(row, 0)
            if item is not None and item.text() == login:
                self.officer_table.selectRow(row)
                return True
        return False

    @Slot()
    def add_officer(self) -> None:
        if self.new_password_edit.text() != self.new_repeat_edit.text():
            self._refuse(_PASSWORDS_DIFFER)
            return
        ctx, kdf = self.desk.ctx, self._kdf
        login = self.new_login_edit.text().strip()
        name = self.new_name_edit.text().strip() or login
        role = Role(self.new_role_combo.currentData())
        password = self.new_password_edit.text()

        def done(officer: object) -> str:
            for edit in (
                self.new_login_edit,
                self.new_name_edit,
                self.new_password_edit,
                self.new_repeat_edit,
            ):
                edit.clear()
            self.reload_officers()
            return self.t(
                T(
                    "{login} қосылды ({role})",
                    "Добавлен {login} ({role})",
                    "Added {login} ({role})",
                ).format(login=login, role=self.t(ROLE_NAMES[role]))
            )

        self.run(lambda _r, _s: session.add_officer(ctx, login, name, role, password, kdf), done)

    @Slot()
    def remove_officer(self) -> None:
        login = self.selected_login()
        if login is None:
            self._refuse(_NEED_SELECTION)
            return
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.t(
                T(
                    "{login} өшірілсін бе? Оның құпиясөзі енді қойманы ашпайды.",
                    "Удалить {login}? Его пароль больше не будет открывать хранилище.",
                    "Remove {login}? Their password will no longer open the store.",
                ).format(login=login)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ctx = self.desk.ctx

        def done(_none: object) -> str:
            self.reload_officers()
            return self.t(
                T(
                    "{login} өшірілді: оның құпиясөзі енді қойманы ашпайды",
                    "{login} удалён: его пароль больше не открывает хранилище",
                    "Removed {login}: their password no longer opens the store",
                ).format(login=login)
            )

        self.run(lambda _r, _s: session.remove_officer(ctx, login), done)

    @Slot()
    def reset_password(self) -> None:
        login = self.selected_login()
        if login is None:
            self._refuse(_NEED_SELECTION)
            return
        if self.reset_password_edit.text() != self.reset_repeat_edit.text():
            self._refuse(_PASSWORDS_DIFFER)
            return
        ctx, kdf, password = self.desk.ctx, self._kdf, self.reset_password_edit.text()

        def done(_none: object) -> str:
            self.reset_password_edit.clear()
            self.reset_repeat_edit.clear()
            return self.t(
                T(
                    "{login} үшін жаңа құпиясөз орнатылды",
                    "Для {login} задан новый пароль",
                    "{login} has a new password",
                ).format(login=login)
            )

        self.run(lambda _r, _s: admin_service.reset_password(ctx, login, password, kdf), done)

    # --- the Department ---------------------------------------------------------------------

    def _department_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        me = self.desk.officer
        if me.may(Role.ADMIN):
            enrol = QGroupBox(
                self.t(
                    T(
                        "Департаменттің тіркеу пакеті",
                        "Пакет регистрации Департамента",
                        "The Department's enrolment bundle",
                    )
                )
            )
            form = QFormLayout(enrol)
            self.trust_label = QLabel()
            self.trust_label.setWordWrap(True)
            form.addRow(self.trust_label)
            holder, self.bundle_edit = self._file_row()
            self.bundle_password_edit = self._password()
            form.addRow(self.t(_FILE), holder)
            form.addRow(
                self.t(T("Пакет құпиясөзі:", "Пароль пакета:", "Bundle password:")),
                self.bundle_password_edit,
            )
            self.install_enrolment_button = self._button(
                T("Орнату", "Установить", "Install"), self.install_enrolment
            )
            form.addRow(self.install_enrolment_button)
            layout.addWidget(enrol)
            self._show_trust()
        if not me.may(Role.CONSUL):
            layout.addWidget(
                self._hint(
                    T(
                        "Консул қол қою сертификатын өзі орнатады (өз логинімен кіріп): кілт "
                        "оның құпиясөзімен құлыпталады.",
                        "Консул устанавливает свой сертификат подписи сам (войдя под своим "
                        "логином): ключ запирается его паролем.",
                        "A consul installs their own signing certificate (logged in as "
                        "themself): the key is locked with their password.",
                    )
                )
            )
            layout.addStretch(1)
            return page
        cert = QGroupBox(
            self.t(
                T(
                    "Менің қол қою сертификатым (PKCS#12)",
                    "Мой сертификат подписи (PKCS#12)",
                    "My signing certificate (PKCS#12)",
                )
            )
        )
        form = QFormLayout(cert)
        self.consul_combo = QComboBox()
        holder, self.p12_edit = self._file_row(filters="PKCS#12 (*.p12 *.pfx)")
        self.p12_password_edit = self._password()
        form.addRow(self.t(T("Консул:", "Консул:", "Consul:")), self.consul_combo)
        form.addRow(self.t(_FILE), holder)
        form.addRow(
            self.t(T("Файл құпиясөзі:", "Пароль файла:", "File password:")), self.p12_password_edit
        )
        self.install_certificate_button = self._button(
            T("Орнату", "Установить", "Install"), self.install_certificate
        )
        form.addRow(self.install_certificate_button)
        layout.addWidget(cert)
        layout.addStretch(1)
        self._fill_consuls()
        return page

    def _fill_consuls(self) -> None:
        combo = getattr(self, "consul_combo", None)
        if combo is None:
            return
        me = self.desk.officer
        combo.clear()
        # Only the consul themself: the key is wrapped under their own password (the service
        # refuses anyone else).
        combo.addItem(me.full_name, me.login)
        combo.setEnabled(False)

    def _show_trust(self) -> None:
        try:
            st = exchange.trust_status(self.desk.ctx)
        except KnownError:
            self.trust_label.setText(
                self.t(
                    T(
                        "Өкілдік Департаментте әлі тіркелмеген.",
                        "Загранучреждение ещё не зарегистрировано в Департаменте.",
                        "The mission is not enrolled with the Department yet.",
                    )
                )
            )
            return
        self.trust_label.setText(
            self.t(
                T(
                    "{code} тіркелген; сенім тізімі v{version}, {day} шығарылған.",
                    "{code} зарегистрировано; список доверия v{version} от {day}.",
                    "{code} is enrolled; trust list v{version} issued {day}.",
                ).format(code=st.mission_code, version=st.version, day=_dmy(st.issued_at.date()))
            )
        )

    @Slot()
    def install_enrolment(self) -> None:
        path = self._path(self.bundle_edit)
        if path is None:
            self._refuse(_NEED_FILE)
            return
        ctx, password = self.desk.ctx, self.bundle_password_edit.text()

        def done(result: object) -> str:
            installed = cast(exchange.Installed, result)
            self.bundle_password_edit.clear()
            self._show_trust()
            return self.t(
                T(
                    "{code} тіркелді; сенім тізімі v{version} орнатылды.",
                    "{code} зарегистрировано; установлен список доверия v{version}.",
                    "{code} enrolled; trust list v{version} installed.",
                ).format(code=installed.mission_code, version=installed.trust_list_version)
            )

        self.run(lambda _r, _s: admin_service.install_enrolment_file(ctx, path, password), done)

    @Slot()
    def install_certificate(self) -> None:
        path = self._path(self.p12_edit)
        login = self.consul_combo.currentData()
        if path is None:
            self._refuse(_NEED_FILE)
            return
        if login is None:
            self._refuse(_NEED_SELECTION)
            return
        ctx, password = self.desk.ctx, self.p12_password_edit.text()

        def done(result: object) -> str:
            installed = cast(Any, result)
            self.p12_password_edit.clear()
            return self.t(
                T(
                    "{login} үшін қол қою сертификаты орнатылды ({subject}), {day} дейін жарамды",
                    "Сертификат подписи для {login} установлен ({subject}), действует до {day}",
                    "Signing certificate installed for {login} ({subject}), valid until {day}",
                ).format(
                    login=installed.login,
                    subject=installed.subject,
                    day=_dmy(installed.not_after.date()),
                )
            )

        self.run(
            lambda _r, _s: admin_service.install_official_file(ctx, path, password, login), done
        )

    # --- the calendar -----------------------------------------------------------------------

    def _calendar_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        spec = admin_service.calendar_days(self.desk.ctx)
        layout.addWidget(
            self._hint(
                T(
                    "Жұмыс күндері: Қазақстанның мерекелері, қабылдаушы елдің мерекелері, өкілдіктің "
                    "жабылған күндері мен қосымша жұмыс күндері. Сақтағанда ашық мерзімдер қайта есептеледі.",
                    "Рабочие дни: праздники Казахстана, праздники страны пребывания, дни закрытия "
                    "загранучреждения и дополнительные рабочие дни. При сохранении открытые сроки "
                    "пересчитываются.",
                    "Working days: Kazakhstan's holidays, the host country's holidays, the mission's "
                    "closure days and extra working days. Saving recomputes every open deadline.",
                )
            )
        )
        host = QFormLayout()
        self.host_country_edit = QLineEdit(spec.host_country)
        self.host_country_edit.setMaxLength(2)
        self.host_subdivision_edit = QLineEdit(spec.host_subdivision)
        host.addRow(
            self.t(T("Қабылдаушы ел (ISO):", "Страна пребывания (ISO):", "Host country (ISO):")),
            self.host_country_edit,
        )
        host.addRow(
            self.t(T("Аймақ (мысалы BE):", "Регион (например BE):", "Region (e.g. BE):")),
            self.host_subdivision_edit,
        )
        layout.addLayout(host)
        today = self.desk.today()
        self.closures_list, self.closure_date, closures, self.closure_add = self._day_list(
            T("Жабылған күндер", "Дни закрытия", "Closure days"), spec.closures, today
        )
        self.extra_list, self.extra_date, extra, self.extra_add = self._day_list(
            T("Қосымша жұмыс күндері", "Дополнительные рабочие дни", "Extra working days"),
            spec.extra_working_days,
            today,
        )
        row = QHBoxLayout()
        row.addWidget(closures)
        row.addWidget(extra)
        layout.addLayout(row)
        self.save_calendar_button = self._button(
            T("Күнтізбені сақтау", "Сохранить календарь", "Save the calendar"), self.save_calendar
        )
        layout.addWidget(self.save_calendar_button)
        self.calendar_changes = QListWidget()
        layout.addWidget(self.calendar_changes, 1)
        return page

    def _day_list(
        self, title: Text, days: tuple[date, ...], today: date
    ) -> tuple[QListWidget, QDateEdit, QGroupBox, QPushButton]:
        box = QGroupBox(self.t(title))
        layout = QVBoxLayout(box)
        days_list = QListWidget()
        for day in sorted(days):
            item = QListWidgetItem(_dmy(day))
            item.setData(Qt.ItemDataRole.UserRole, day)
            days_list.addItem(item)
        edit = self._date(today)
        add = self._button(T("Қосу", "Добавить", "Add"), lambda: self._add_day(days_list, edit))
        remove = self._button(T("Өшіру", "Удалить", "Remove"), lambda: self._remove_day(days_list))
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(add)
        row.addWidget(remove)
        layout.addWidget(days_list, 1)
        layout.addLayout(row)
        return days_list, edit, box, add

    @staticmethod
    def days_in(days_list: QListWidget) -> list[date]:
        return [
            cast(date, days_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(days_list.count())
        ]

    def _add_day(self, days_list: QListWidget, edit: QDateEdit) -> None:
        day = _pydate(edit)
        if day in self.days_in(days_list):
            return
        item = QListWidgetItem(_dmy(day))
        item.setData(Qt.ItemDataRole.UserRole, day)
        days_list.addItem(item)
        days_list.sortItems()

    @staticmethod
    def _remove_day(days_list: QListWidget) -> None:
        for item in days_list.selectedItems():
            days_list.takeItem(days_list.row(item))

    @Slot()
    def save_calendar(self) -> None:
        ctx = self.desk.ctx
        country = self.host_country_edit.text()
        region = self.host_subdivision_edit.text()
        closures = self.days_in(self.closures_list)
        extra = self.days_in(self.extra_list)

        def work(_r: object, _s: object) -> Any:
            return admin_service.set_calendar_days(
                ctx,
                host_country=country,
                host_subdivision=region,
                closures=closures,
                extra_working_days=extra,
            )

        def done(result: object) -> str:
            change = cast(Any, result)
            self.calendar_changes.clear()
            for c in change.changes:
                old = _dmy(c.old_due) if c.old_due else "—"
                new = _dmy(c.new_due) if c.new_due else "—"
                self.calendar_changes.addItem(f"{c.number}: {old} → {new}")
            self.desk.announce([c.case_id for c in change.changes])
            return cast(Text, change.message).get(self.lang)

        self.run(work, done)

    # --- backup, restore, recovery ----------------------------------------------------------

    def _backup_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        backup = QGroupBox(
            self.t(T("Сақтық көшірме жасау", "Создать резервную копию", "Make a backup"))
        )
        box = QVBoxLayout(backup)
        box.addWidget(
            self._hint(
                T(
                    "Қойманың шифрланған көшірмесі; компьютерден тыс дискіге сақтаңыз.",
                    "Зашифрованная копия хранилища; храните её на диске вне компьютера.",
                    "An encrypted copy of the store; keep it on a disk outside this computer.",
                )
            )
        )
        self.backup_button = self._button(
            T("Көшірме жасау…", "Создать копию…", "Make a backup…"), self.open_backup
        )
        box.addWidget(self.backup_button)
        layout.addWidget(backup)

        restore = QGroupBox(
            self.t(T("Көшірмені қалпына келтіру", "Восстановить из копии", "Restore a backup"))
        )
        form = QFormLayout(restore)
        form.addRow(
            self._hint(
                T(
                    "Көшірме жаңа, бос қалтаға ашылады; осы қойма өзгермейді. Кейін Qonys-ті сол "
                    "қалтамен іске қосыңыз.",
                    "Копия разворачивается в новую пустую папку; это хранилище не меняется. Затем "
                    "запустите Qonys с этой папкой.",
                    "The backup is restored into a new, empty folder; this store is not changed. Then "
                    "start Qonys with that folder.",
                )
            )
        )
        holder, self.restore_file_edit = self._file_row(filters="Qonys (*.qonys-backup)")
        form.addRow(self.t(T("Көшірме файлы:", "Файл копии:", "Backup file:")), holder)
        holder, self.restore_folder_edit = self._file_row(folder=True)
        form.addRow(self.t(T("Жаңа қалта:", "Новая папка:", "New folder:")), holder)
        self.restore_login_edit = QLineEdit(self.desk.officer.login)
        self.restore_password_edit = self._password()
        form.addRow(self.t(T("Логин:", "Логин:", "Login:")), self.restore_login_edit)
        form.addRow(self.t(_PASSWORD), self.restore_password_edit)
        self.restore_button = self._button(
            T("Қалпына келтіру", "Восстановить", "Restore"), self.restore
        )
        form.addRow(self.restore_button)
        layout.addWidget(restore)

        if self.desk.officer.may(Role.ADMIN):
            key = QGroupBox(
                self.t(T("Қалпына келтіру кілті", "Ключ восстановления", "Recovery key"))
            )
            form = QFormLayout(key)
            self.recovery_label = QLabel()
            self.recovery_label.setWordWrap(True)
            form.addRow(self.recovery_label)
            self.recovery_pass_edit = self._password()
            self.recovery_repeat_edit = self._password()
            holder, self.recovery_file_edit = self._file_row(save=True, filters="PEM (*.pem)")
            form.addRow(
                self.t(T("Кілт құпия сөзі:", "Парольная фраза ключа:", "Key passphrase:")),
                self.recovery_pass_edit,
            )
            form.addRow(
                self.t(T("Қайталаңыз:", "Повторите:", "Repeat:")), self.recovery_repeat_edit
            )
            form.addRow(self.t(_SAVE_TO), holder)
            form.addRow(
                self._hint(
                    T(
                        "Кілтті және оның құпия сөзін бөлек, сейфте сақтаңыз. Кілт бір рет беріледі.",
                        "Храните ключ и его парольную фразу раздельно, в сейфе. Ключ выдаётся один раз.",
                        "Keep the key and its passphrase apart, in the safe. The key is handed out once.",
                    )
                )
            )
            self.recovery_button = self._button(
                T("Жаңа кілт жасау", "Создать новый ключ", "Make a new recovery key"),
                self.export_recovery,
            )
            form.addRow(self.recovery_button)
            layout.addWidget(key)
            self._show_recovery()
        layout.addStretch(1)
        return page

    def _show_recovery(self) -> None:
        kid = recovery.recovery_status(self.desk.ctx)
        self.recovery_label.setText(
            self.t(
                T(
                    "Қалпына келтіру кілті: {kid}",
                    "Ключ восстановления: {kid}",
                    "Recovery key: {kid}",
                ).format(kid=kid)
                if kid
                else T(
                    "Қалпына келтіру кілті жоқ", "Ключа восстановления нет", "No recovery key yet"
                )
            )
        )

    @Slot()
    def open_backup(self) -> None:
        from desktop.ui.backup_dialog import BackupDialog

        self.backup_dialog = BackupDialog(self.desk.ctx, lang=self.lang, parent=self)
        self.backup_dialog.open()

    @Slot()
    def restore(self) -> None:
        path = self._path(self.restore_file_edit)
        folder = self._path(self.restore_folder_edit)
        if path is None:
            self._refuse(_NEED_FILE)
            return
        if folder is None:
            self._refuse(_NEED_FOLDER)
            return
        login = self.restore_login_edit.text().strip()
        password = self.restore_password_edit.text()

        def work(report: Callable[[object], None], stop: threading.Event) -> Any:
            def progress(done: int, total: int) -> None:
                report(int(1000 * done / total) if total else 1000)

            return admin_service.restore_from_file(
                path, folder, login, password, progress=progress, should_stop=stop.is_set
            )

        def done(result: object) -> str:
            info = cast(Any, result)
            self.restore_password_edit.clear()
            return self.t(
                T(
                    "{code} көшірмесі ({day}) {folder} қалтасына ашылды",
                    "Копия {code} от {day} восстановлена в {folder}",
                    "The backup of {code} made {day} is restored into {folder}",
                ).format(code=info.mission_code, day=_dmy(info.created_at.date()), folder=folder)
            )

        self.run(work, done)

    @Slot()
    def export_recovery(self) -> None:
        if self.recovery_pass_edit.text() != self.recovery_repeat_edit.text():
            self._refuse(_PASSWORDS_DIFFER)
            return
        out = self._path(self.recovery_file_edit)
        if out is None:
            self._refuse(_NEED_FILE)
            return
        ctx, passphrase = self.desk.ctx, self.recovery_pass_edit.text()

        def done(result: object) -> str:
            export = cast(recovery.RecoveryKeyExport, result)
            self.recovery_pass_edit.clear()
            self.recovery_repeat_edit.clear()
            self._show_recovery()
            return self.t(
                T(
                    "{kid} кілті {path} файлына жазылды: оны осы компьютерден алып тастаңыз.",
                    "Ключ {kid} записан в {path}: перенесите его с этого компьютера.",
                    "Recovery key {kid} written to {path}: move it off this computer.",
                ).format(kid=export.key_id, path=export.written_to)
            )

        self.run(lambda _r, _s: admin_service.export_recovery_key(ctx, passphrase, out), done)

    # --- reports ----------------------------------------------------------------------------

    def _reports_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        today = self.desk.today()
        first = today.replace(day=1)
        journal = QGroupBox(
            self.t(
                T(
                    "Рұқсаттар журналы (5-қосымша)",
                    "Журнал разрешений (приложение 5)",
                    "Journal of permissions (Annex 5)",
                )
            )
        )
        form = QFormLayout(journal)
        self.journal_from = self._date(first)
        self.journal_to = self._date(today)
        self.journal_format = QComboBox()
        self.journal_format.addItem("PDF", "pdf")
        self.journal_format.addItem("CSV", "csv")
        holder, self.journal_file_edit = self._file_row(
            save=True, filters="PDF (*.pdf);;CSV (*.csv)"
        )
        form.addRow(self.t(_FROM), self.journal_from)
        form.addRow(self.t(_TO), self.journal_to)
        form.addRow(self.t(T("Пішімі:", "Формат:", "Format:")), self.journal_format)
        form.addRow(self.t(_SAVE_TO), holder)
        self.journal_button = self._button(
            T("Журналды сақтау", "Сохранить журнал", "Save the journal"), self.save_journal
        )
        form.addRow(self.journal_button)
        layout.addWidget(journal)

        monitoring = QGroupBox(
            self.t(
                T("Мониторинг деректері (§14)", "Данные мониторинга (§14)", "Monitoring data (§14)")
            )
        )
        form = QFormLayout(monitoring)
        self.monitoring_from = self._date(first)
        self.monitoring_to = self._date(today)
        self.monitoring_iin = QCheckBox(
            self.t(
                T(
                    "Өтініш берушілердің ЖСН-ін қосу",
                    "Включить ИИН заявителей",
                    "Include the applicants' IINs",
                )
            )
        )
        holder, self.monitoring_file_edit = self._file_row(
            save=True, filters="CSV (*.csv);;JSON (*.json)"
        )
        form.addRow(self.t(_FROM), self.monitoring_from)
        form.addRow(self.t(_TO), self.monitoring_to)
        form.addRow(self.monitoring_iin)
        form.addRow(self.t(_SAVE_TO), holder)
        self.monitoring_button = self._button(
            T("Деректерді сақтау", "Сохранить данные", "Save the data"), self.save_monitoring
        )
        form.addRow(self.monitoring_button)
        layout.addWidget(monitoring)
        layout.addStretch(1)
        return page

    def _written(self, result: object) -> str:
        w = cast(admin_service.Written, result)
        return self.t(
            T(
                "{rows} жол {path} файлына жазылды",
                "{rows} строк записано в {path}",
                "{rows} rows written to {path}",
            ).format(rows=w.rows, path=w.path)
        )

    @Slot()
    def save_journal(self) -> None:
        out = self._path(self.journal_file_edit)
        if out is None:
            self._refuse(_NEED_FILE)
            return
        suffix = "." + str(self.journal_format.currentData())
        if out.suffix.lower() != suffix:
            out = out.with_suffix(suffix)
        ctx, start, end = self.desk.ctx, _pydate(self.journal_from), _pydate(self.journal_to)
        self.run(lambda _r, _s: admin_service.write_journal(ctx, start, end, out), self._written)

    @Slot()
    def save_monitoring(self) -> None:
        out = self._path(self.monitoring_file_edit)
        if out is None:
            self._refuse(_NEED_FILE)
            return
        if out.suffix.lower() not in (".csv", ".json"):
            out = out.with_suffix(".csv")
        ctx = self.desk.ctx
        start, end = _pydate(self.monitoring_from), _pydate(self.monitoring_to)
        iin = self.monitoring_iin.isChecked()
        self.run(
            lambda _r, _s: admin_service.write_monitoring(ctx, start, end, out, include_iin=iin),
            self._written,
        )

    # --- settings ---------------------------------------------------------------------------

    def _settings_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            self._hint(
                T(
                    "Өкілдіктің деректері, бланкілердегі мекенжай, сақтық көшірме қалтасы және т.б.",
                    "Реквизиты загранучреждения, адрес на бланках, папка резервных копий и др.",
                    "The mission's details, the address on the forms, the backup folder and more.",
                )
            )
        )
        self.settings_button = self._button(
            T("Баптауларды ашу…", "Открыть настройки…", "Open the mission settings…"),
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

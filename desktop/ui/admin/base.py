"""The administration window's frame: navigation, the status line, progress and Cancel, and the
helpers every page uses (`desktop.ui.admin.window` puts the pages together)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import crash
from desktop.domain.i18n import Text
from desktop.services.context import Officer
from desktop.services.errors import as_known
from desktop.services.os_reasons import os_reason
from desktop.services.session import KdfParams
from desktop.ui.desk import Desk
from desktop.ui.tasks import Task, run_reporting_task

T = Text


PAGES: dict[str, Text] = {
    "officers": T("Қызметкерлер", "Сотрудники", "Officers"),
    "department": T("Департамент", "Департамент", "Department"),
    "calendar": T("Күнтізбе", "Календарь", "Calendar"),
    "backup": T("Сақтық көшірме", "Резервные копии", "Backups"),
    "reports": T("Журнал және мониторинг", "Журнал и мониторинг", "Journal and monitoring"),
    "registers": T("Тізілімдер", "Реестры", "Registers"),
    "scans": T("Сканерленген беттер", "Сканированные страницы", "Scanned pages"),
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


class AdminBase(QDialog):
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
        builders = self._page_builders(me)
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

    def _page_builders(self, _me: Officer) -> dict[str, Callable[[], QWidget]]:
        """The pages `me` may use, in order (the window that puts the pages together says)."""
        return {}

    def _fill_consuls(self) -> None:
        """The consul choice of the Department page, refilled when the officers change."""

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

        `report(per_mille)` moves the progress bar (`report((done, total))` shows counted things,
        e.g. pages moved of all); `stop` is set by Cancel and the work checks
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
            if isinstance(value, tuple):  # (done, total): counted things, shown as such
                done_count, total = value
                self.progress.setRange(0, max(total, 1))
                self.progress.setFormat("%v / %m")
                self.progress.setValue(done_count)
                return
            self.progress.setRange(0, 1000)
            self.progress.setFormat("%p%")
            self.progress.setValue(cast(int, value))

        def on_done(result: object) -> None:
            self._idle()
            message = done(result)
            self.say(message)
            self.finished_action.emit(message)

        def on_failed(exc: BaseException) -> None:
            self._idle()
            known = as_known(exc)
            if known is not None:
                message = known.message.get(self.lang)
            elif isinstance(exc, OSError):
                message = os_reason(exc).get(self.lang)
                if exc.filename:
                    message = f"{exc.filename}: {message}"
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

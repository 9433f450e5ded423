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
from desktop.domain.i18n import Text, localise
from desktop.services.context import Officer
from desktop.services.errors import as_known, technical_details
from desktop.services.os_reasons import os_reason
from desktop.services.session import KdfParams
from desktop.ui.desk import Desk
from desktop.ui.language import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP  # the pages import it here
from desktop.ui.language import translated_in
from desktop.ui.tasks import Task, run_reporting_task

# The context of every text of the administration window's pages in the catalogues (.ts):
# they are marked with QT_TRANSLATE_NOOP(ADMIN, "…") and shown with `AdminBase.t`.
ADMIN = "Administration"


PAGES: dict[str, str] = {
    "officers": QT_TRANSLATE_NOOP("Administration", "Officers"),
    "department": QT_TRANSLATE_NOOP("Administration", "Department"),
    "calendar": QT_TRANSLATE_NOOP("Administration", "Calendar"),
    "backup": QT_TRANSLATE_NOOP("Administration", "Backups"),
    "reports": QT_TRANSLATE_NOOP("Administration", "Journal and monitoring"),
    "registers": QT_TRANSLATE_NOOP("Administration", "Registers"),
    "scans": QT_TRANSLATE_NOOP("Administration", "Scanned pages"),
    "settings": QT_TRANSLATE_NOOP("Administration", "Settings"),
}

_TITLE = QT_TRANSLATE_NOOP("Administration", "Administration")
_CHOOSE = QT_TRANSLATE_NOOP("Administration", "Choose…")
_CANCEL = QT_TRANSLATE_NOOP("Administration", "Cancel")
_CLOSE = QT_TRANSLATE_NOOP("Administration", "Close")
_TECHNICAL_DETAILS = QT_TRANSLATE_NOOP("Administration", "Details: {details}")
_WORKING = QT_TRANSLATE_NOOP("Administration", "Working…")
_CANCELLED = QT_TRANSLATE_NOOP("Administration", "Cancelled")
_PASSWORDS_DIFFER = QT_TRANSLATE_NOOP("Administration", "The two passwords differ")
_NEED_FILE = QT_TRANSLATE_NOOP("Administration", "Choose a file")
_NEED_FOLDER = QT_TRANSLATE_NOOP("Administration", "Choose a folder")
_NEED_SELECTION = QT_TRANSLATE_NOOP("Administration", "Choose an officer in the list")
_PASSWORD = QT_TRANSLATE_NOOP("Administration", "Password:")
_REPEAT = QT_TRANSLATE_NOOP("Administration", "Repeat the password:")
_FROM = QT_TRANSLATE_NOOP("Administration", "From:")
_TO = QT_TRANSLATE_NOOP("Administration", "To:")
_FILE = QT_TRANSLATE_NOOP("Administration", "File:")
_SAVE_TO = QT_TRANSLATE_NOOP("Administration", "Save to:")


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
        self.setWindowTitle(self.t(_TITLE))

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
            QListWidgetItem(self.t(PAGES[key]), self.nav)
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
        self.cancel_button = QPushButton(self.t(_CANCEL))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.t(_CLOSE))
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

    def t(self, text: str | Text) -> str:
        """A text of these pages (marked QT_TRANSLATE_NOOP(ADMIN, …)) in the window's language,
        from the catalogue; a `Text` (a service's wording) in the same language."""
        if isinstance(text, Text):
            return text.get(self.lang)
        return translated_in(self.lang, ADMIN, text)

    def tf(self, text: str, **values: object) -> str:
        """`t`, then the values filled in as a sentence of the window's language writes them
        (`Text.format`: a `Text` in that language, a date dd.mm.yyyy, a decimal comma)."""
        return self.t(text).format(**{k: localise(v, self.lang) for k, v in values.items()})

    def show_page(self, key: str) -> bool:
        index = self.page_index.get(key)
        if index is None:
            return False
        self.nav.setCurrentRow(index)
        return True

    def _button(self, text: str | Text, slot: Callable[[], None]) -> QPushButton:
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

    def _hint(self, text: str | Text) -> QLabel:
        label = QLabel(self.t(text))
        label.setWordWrap(True)
        return label

    def say(self, message: str, *, ok: bool = True) -> None:
        self.status.setStyleSheet("" if ok else "color: #b00020")
        self.status.setText(message)

    def _refuse(self, text: str | Text) -> None:
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
                details = technical_details(known, self.lang)
                if details:  # English, on a line of its own under its heading
                    message += "\n" + self.tf(_TECHNICAL_DETAILS, details=details)
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

"""Backing up from the desk: the reminder, and a dialog that runs the backup off the GUI thread.

Self-contained so the main window can add it with two lines:

    text = backup_reminder_text(ctx, lang)      # None when no backup is due
    BackupDialog(ctx, lang=lang, parent=self).open()

The backup runs through the desk's `run_reporting_task` (a worker thread); progress and the
result come back through its callbacks on the GUI thread, so no widget (and no object the
dialog owns) is touched from the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import crash
from desktop.domain.formats import size_text
from desktop.services import backup as backup_service
from desktop.services import settings as settings_service
from desktop.services.context import DeskContext
from desktop.services.errors import as_known
from desktop.services.os_reasons import os_failure
from desktop.ui.language import QT_TRANSLATE_NOOP, translated_in, translated_text
from desktop.ui.tasks import Task, run_reporting_task

# Built in the desk's language, which it is given: texts from the catalogue in this context.
_CONTEXT = "BackupDialog"
_TITLE = QT_TRANSLATE_NOOP("BackupDialog", "Backup")
_FOLDER = QT_TRANSLATE_NOOP("BackupDialog", "Folder:")
_CHOOSE = QT_TRANSLATE_NOOP("BackupDialog", "Choose…")
_START = QT_TRANSLATE_NOOP("BackupDialog", "Make the backup")
_HINT = QT_TRANSLATE_NOOP(
    "BackupDialog",
    "Save to a disk outside this computer (USB, network folder). Others can keep working.",
)
_NO_FOLDER = QT_TRANSLATE_NOOP("BackupDialog", "Choose a folder")
_DONE = QT_TRANSLATE_NOOP("BackupDialog", "Done: {path} ({size})")


def backup_reminder_text(ctx: DeskContext, lang: str) -> str | None:
    """The reminder to show at login (status bar or banner), or None when no backup is due."""
    reminder = settings_service.backup_reminder(ctx)
    return reminder.message.get(lang) if reminder.due else None


class BackupDialog(QDialog):
    """Choose a folder and make a backup. Signals: finished_backup(object) with the result."""

    finished_backup = Signal(object)

    def __init__(
        self, ctx: DeskContext, *, lang: str = "en", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._lang = lang
        self.setWindowTitle(self._t(_TITLE))
        self.folder = QLineEdit(str(settings_service.show(ctx).values["backup.folder"]))
        choose = QPushButton(self._t(_CHOOSE))
        choose.clicked.connect(self._on_choose_clicked)
        row = QHBoxLayout()
        row.addWidget(QLabel(self._t(_FOLDER)))
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.status = QLabel(self._t(_HINT))
        self.status.setWordWrap(True)
        reminder = backup_reminder_text(ctx, lang)
        if reminder:
            self.status.setText(f"{reminder}\n{self._t(_HINT)}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.start = self.buttons.addButton(self._t(_START), QDialogButtonBox.ButtonRole.ActionRole)
        self.start.clicked.connect(self._on_start_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self._task: Task[backup_service.BackupResult] | None = None

    def _t(self, source: str) -> str:
        return translated_in(self._lang, _CONTEXT, source)

    @Slot()
    def _on_choose_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self._t(_TITLE), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    @Slot()
    def _on_start_clicked(self) -> None:
        text = self.folder.text().strip()
        if not text:
            self.status.setText(self._t(_NO_FOLDER))
            return
        self.start.setEnabled(False)
        self.progress.setValue(0)
        ctx = self._ctx
        folder = Path(text).expanduser()

        def work(report: Callable[[object], None]) -> backup_service.BackupResult:
            def progress(done: int, total: int) -> None:
                report(int(1000 * done / total) if total else 1000)

            return backup_service.backup_store(ctx, folder, progress=progress, into_folder=True)

        # The desk's one way off the GUI thread (STYLE §3): progress and the result come back on
        # this thread through the task helper, which drops them once the dialog is gone.
        self._task = run_reporting_task(
            work, self._on_job_succeeded, self._on_job_failed, self._on_progress, owner=self
        )

    def _on_progress(self, per_mille: object) -> None:
        self.progress.setValue(cast(int, per_mille))

    def done(self, result: int) -> None:
        """Closing the dialog drops the result of a backup still running (it completes)."""
        if self._task is not None:
            self._task.cancel()
        super().done(result)

    def _on_job_succeeded(self, result: backup_service.BackupResult) -> None:
        self.progress.setValue(1000)
        self.start.setEnabled(True)
        self.status.setText(
            translated_text(_CONTEXT, _DONE)
            .format(path=result.path, size=size_text(result.size))
            .get(self._lang)
        )
        self.finished_backup.emit(result)

    def _on_job_failed(self, exc: BaseException) -> None:
        self.start.setEnabled(True)
        known = as_known(exc)  # a KnownError, or the shared store's server gone
        if known is not None:
            message = known.message.get(self._lang)
        elif isinstance(exc, OSError):
            message = os_failure(self.folder.text().strip(), exc).get(self._lang)
        else:  # a bug: a report without personal data, and a word for the officer
            path = crash.handle(type(exc), exc, exc.__traceback__)
            message = type(exc).__name__ + (f"\n{path}" if path else "")
        self.status.setText(message)

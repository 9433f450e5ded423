"""Backing up from the desk: the reminder, and a dialog that runs the backup off the GUI thread.

Self-contained so the main window can add it with two lines:

    text = backup_reminder_text(ctx, lang)      # None when no backup is due
    BackupDialog(ctx, lang=lang, parent=self).open()

The backup runs on the global QThreadPool; progress and the result come back through signals
(queued onto the GUI thread), so no widget is touched from the worker.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
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
from desktop.domain.i18n import Text
from desktop.services import backup as backup_service
from desktop.services import settings as settings_service
from desktop.services.context import DeskContext
from desktop.services.errors import KnownError

_TITLE = Text("Сақтық көшірме", "Резервная копия", "Backup")
_FOLDER = Text("Қалта:", "Папка:", "Folder:")
_CHOOSE = Text("Таңдау…", "Выбрать…", "Choose…")
_START = Text("Көшірме жасау", "Создать копию", "Make the backup")
_HINT = Text(
    "Компьютерден тыс дискіге (USB, желілік қалта) сақтаңыз. Басқалар жұмысын жалғастыра береді.",
    "Сохраняйте на диск вне компьютера (USB, сетевая папка). Остальные могут продолжать работу.",
    "Save to a disk outside this computer (USB, network folder). Others can keep working.",
)
_NO_FOLDER = Text("Қалтаны таңдаңыз", "Выберите папку", "Choose a folder")


def backup_reminder_text(ctx: DeskContext, lang: str) -> str | None:
    """The reminder to show at login (status bar or banner), or None when no backup is due."""
    reminder = settings_service.backup_reminder(ctx)
    return reminder.message.get(lang) if reminder.due else None


class _Signals(QObject):
    progress = Signal(int)  # per mille
    succeeded = Signal(object)  # BackupResult
    failed = Signal(str)  # a message for the officer


class _BackupJob(QRunnable):
    def __init__(self, ctx: DeskContext, folder: Path, lang: str) -> None:
        super().__init__()
        self.signals = _Signals()
        self._ctx = ctx
        self._folder = folder
        self._lang = lang

    def run(self) -> None:
        def progress(done: int, total: int) -> None:
            self.signals.progress.emit(int(1000 * done / total) if total else 1000)

        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            result = backup_service.backup_store(self._ctx, self._folder, progress=progress)
        except KnownError as exc:
            self.signals.failed.emit(exc.message.get(self._lang))
        except OSError as exc:
            self.signals.failed.emit(f"{self._folder}: {exc.strerror or exc}")
        except Exception as exc:  # a bug: report it, and tell the officer
            path = crash.handle(type(exc), exc, exc.__traceback__)
            self.signals.failed.emit(type(exc).__name__ + (f"\n{path}" if path else ""))
        else:
            self.signals.succeeded.emit(result)


class BackupDialog(QDialog):
    """Choose a folder and make a backup. Signals: finished_backup(object) with the result."""

    finished_backup = Signal(object)

    def __init__(
        self, ctx: DeskContext, *, lang: str = "en", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._lang = lang
        self.setWindowTitle(_TITLE.get(lang))
        self.folder = QLineEdit(str(settings_service.show(ctx).values["backup.folder"]))
        choose = QPushButton(_CHOOSE.get(lang))
        choose.clicked.connect(self._on_choose_clicked)
        row = QHBoxLayout()
        row.addWidget(QLabel(_FOLDER.get(lang)))
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.status = QLabel(_HINT.get(lang))
        self.status.setWordWrap(True)
        reminder = backup_reminder_text(ctx, lang)
        if reminder:
            self.status.setText(f"{reminder}\n{_HINT.get(lang)}")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.start = self.buttons.addButton(
            _START.get(lang), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.start.clicked.connect(self._on_start_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    @Slot()
    def _on_choose_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _TITLE.get(self._lang), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    @Slot()
    def _on_start_clicked(self) -> None:
        text = self.folder.text().strip()
        if not text:
            self.status.setText(_NO_FOLDER.get(self._lang))
            return
        self.start.setEnabled(False)
        self.progress.setValue(0)
        job = _BackupJob(self._ctx, Path(text).expanduser(), self._lang)
        job.signals.progress.connect(self.progress.setValue)
        job.signals.succeeded.connect(self._on_job_succeeded)
        job.signals.failed.connect(self._on_job_failed)
        self._signals = job.signals  # keep the signal object alive while the job runs
        QThreadPool.globalInstance().start(job)

    @Slot(object)
    def _on_job_succeeded(self, result: backup_service.BackupResult) -> None:
        self.progress.setValue(1000)
        self.start.setEnabled(True)
        self.status.setText(
            Text(
                "Дайын: {path} ({size:.1f} МБ)",
                "Готово: {path} ({size:.1f} МБ)",
                "Done: {path} ({size:.1f} MB)",
            )
            .format(path=result.path, size=result.size / 1e6)
            .get(self._lang)
        )
        self.finished_backup.emit(result)

    @Slot(str)
    def _on_job_failed(self, message: str) -> None:
        self.start.setEnabled(True)
        self.status.setText(message)

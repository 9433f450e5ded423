"""The crash dialog: a bug tells the officer where its report is, and the desk carries on.

`desktop.crash` writes the report (no personal data) from `sys.excepthook`, which PySide6 also
calls for exceptions escaping a slot. This module adds a listener that shows a dialog on the
GUI thread, whichever thread crashed (a signal carries the report's path across).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import crash


class CrashNotifier(QObject):
    """Signals: report_written(str): a crash report was written at this path."""

    report_written = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, show_dialog: bool = True) -> None:
        super().__init__(parent)
        self._parent = parent
        self._show_dialog = show_dialog
        self.last_report: Path | None = None
        self.dialog: QMessageBox | None = None  # held: a parentless box would be collected
        # Emitted on a worker, the signal is queued to this object's (the GUI) thread; emitted on
        # the GUI thread, the slot runs at once and defers the dialog to the event loop. (Not a
        # QueuedConnection: naming it imports the `Qt` namespace, whose ~100 enums PySide6 builds
        # at once — a tenth of the login window's start-up.)
        self.report_written.connect(self._on_self_report_written)
        crash.add_listener(self._listener)

    def _listener(self, path: Path, _exc: BaseException) -> None:
        self.report_written.emit(str(path))

    @Slot(str)
    def _on_self_report_written(self, path: str) -> None:
        QTimer.singleShot(0, lambda: self._show(path))

    def _show(self, path: str) -> None:
        self.last_report = Path(path)
        if not self._show_dialog:
            return
        from PySide6.QtWidgets import QMessageBox  # loaded when a bug happens, not at start-up

        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Qonys")
        box.setText(
            "Qonys-та қате шықты. Жұмысты жалғастыруға болады; сақталмаған өзгерістерді тексеріңіз.\n"
            "В Qonys произошла ошибка. Работу можно продолжить; проверьте несохранённые изменения.\n"
            "Qonys hit an internal error. You can go on working; check unsaved changes."
        )
        box.setInformativeText(
            f"Есеп / Отчёт / Report (дербес деректерсіз / без персональных данных / "
            f"no personal data):\n{path}"
        )
        self.dialog = box
        box.open()

    def detach(self) -> None:
        crash.remove_listener(self._listener)


def install_crash_dialog(parent: QWidget | None = None) -> CrashNotifier:
    """Install the crash hooks and the dialog; keep the returned object alive with the app."""
    crash.install()
    return CrashNotifier(parent)

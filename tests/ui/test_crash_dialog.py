"""A bug anywhere shows the crash dialog on the GUI thread with the report's path."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop import crash
from desktop.ui.crash_dialog import CrashNotifier


def _boom() -> None:
    raise RuntimeError("worker failed on 870214315379")


# The offscreen platform says so whenever a dialog is shown; it is not about our code.
@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("in_worker", [False, True])
def test_crash_dialog_shows_the_report(qtbot: QtBot, tmp_path: Path, in_worker: bool) -> None:
    notifier = CrashNotifier()
    try:

        def run() -> None:
            try:
                _boom()
            except RuntimeError as exc:
                crash.handle(type(exc), exc, exc.__traceback__, tmp_path)

        with qtbot.waitSignal(notifier.report_written, timeout=5000) as blocker:
            if in_worker:
                thread = threading.Thread(target=run)
                thread.start()
                thread.join()
            else:
                run()
        report = Path(blocker.args[0])
        assert report.parent == tmp_path and report.exists()
        qtbot.waitUntil(lambda: notifier.last_report == report)
        box = notifier.dialog
        assert isinstance(box, QMessageBox) and box.isVisible()
        assert str(report) in box.informativeText()
        assert box in QApplication.topLevelWidgets()
        box.close()
    finally:
        notifier.detach()
        notifier.deleteLater()

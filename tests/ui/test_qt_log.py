"""Qt's own messages reach the application log, through the personal-data filter."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import qInstallMessageHandler, qWarning
from PySide6.QtWidgets import QApplication

from desktop import logs
from desktop.ui.qt_log import install_qt_log


def test_qt_warnings_go_to_the_log_without_personal_data(
    qapp: QApplication, tmp_path: Path
) -> None:
    path = logs.setup_logging(tmp_path / "log")
    install_qt_log()
    try:
        qWarning("QPainter::begin: a paint device for Әбдірахманов 870214315379")
    finally:
        qInstallMessageHandler(None)
        for handler in logging.getLogger("desktop").handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8")
        logs.close_logging()
    assert "WARNING" in text and "desktop.qt" in text and "QPainter::begin" in text
    assert "870214315379" not in text and "Әбдірахманов" not in text

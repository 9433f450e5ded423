"""Qt's own messages (a missing platform plugin, a bad style sheet, a printer driver's complaint)
go to the application log, through the same personal-data filter, instead of the terminal."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("desktop.qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "qt"
    log.log(_LEVELS.get(mode, logging.WARNING), "[%s] %s", category, message)


def install_qt_log() -> None:
    """Route Qt's messages to the log (call once, with `setup_logging` or `hold_records`)."""
    qInstallMessageHandler(qt_message)


def uninstall_qt_log() -> None:
    """Qt's messages to the terminal again (no log file could be opened)."""
    qInstallMessageHandler(None)

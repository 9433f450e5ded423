"""Small shared pieces: error dialogs and the labelled-field helper."""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def bug_report(exc: BaseException) -> str:
    """Where a bug happened: exception type and code locations, never the message or values
    (which may hold personal data)."""
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f"{type(exc).__module__}.{type(exc).__qualname__}"]
    lines += [f"  {f.filename.rsplit('/', 1)[-1]}:{f.lineno} in {f.name}" for f in frames]
    return "\n".join(lines)


def show_bug(parent: QWidget | None, exc: BaseException) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("Errors", "Qonys: internal error"))
    box.setText(
        QCoreApplication.translate(
            "Errors",
            "Something went wrong inside Qonys. Your saved work is safe. "
            "Please send the details below (they hold no personal data) to support.",
        )
    )
    box.setDetailedText(bug_report(exc))
    box.exec()


def show_error(parent: QWidget | None, exc: BaseException, lang: str) -> None:
    """A known error is a message the officer can act on; anything else is a bug."""
    from desktop.services.errors import as_known, technical_details  # with the services

    known = as_known(exc)
    if known is not None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Qonys",
            known.message.get(lang),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        details = technical_details(known, lang)
        if details:  # English: behind the box's own "Show Details…", apart from the sentence
            box.setDetailedText(details)
        box.exec()
    else:
        show_bug(parent, exc)

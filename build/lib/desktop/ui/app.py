"""Wires the desk: the application object, the bundled font, login, and the main window."""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.logs import setup_logging
from desktop.resources import font_path, resource_path
from desktop.ui import smoke
from desktop.ui.crash_dialog import install_crash_dialog


def load_fonts(app: QApplication) -> None:
    """Every machine gets the bundled Kazakh-capable font: a bare machine has none."""
    families: list[str] = []
    for bold in (False, True):
        font_id = QFontDatabase.addApplicationFont(str(font_path(bold=bold)))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if families:
        font = QFont(families[0])
        font.setPointSizeF(app.font().pointSizeF())  # keep the system's size
        app.setFont(font)


def create_app(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("Qonys")
    app.setOrganizationName("MFA-KZ")
    with contextlib.suppress(FileNotFoundError):  # an icon is a nicety; the desk works without
        app.setWindowIcon(QIcon(str(resource_path("icons", "qonys.png"))))
    load_fonts(app)
    return app


def run_desk(data_dir: Path, *, lang: str = "en", officer: str | None = None) -> int:
    from desktop.services import session
    from desktop.services.errors import KnownError
    from desktop.ui.login import LoginDialog
    from desktop.ui.main_window import MainWindow

    app = create_app()
    with contextlib.suppress(OSError):  # no writable log folder: the desk works, unlogged
        setup_logging()
    logging.getLogger("desktop.ui").info("desk %s starting", __version__)
    notifier = install_crash_dialog()  # kept alive for the whole run
    if smoke.requested():
        return smoke.run_smoke(app, data_dir, lang=lang, officer=officer)
    try:
        session.ensure_store(data_dir)
    except KnownError as exc:
        QMessageBox.critical(None, "Qonys", exc.message.get(lang))
        return 1
    dialog = LoginDialog(data_dir, lang=lang, officer=officer)
    if dialog.exec() != LoginDialog.DialogCode.Accepted or dialog.context is None:
        return 0
    window = MainWindow(dialog.context, lang=lang)
    window.show()
    code = app.exec()
    dialog.context.close()
    notifier.detach()
    return code

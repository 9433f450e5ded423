"""Wires the desk: the application object, the bundled font, language, first run or login,
and the main window. The only module that knows all the parts."""

from __future__ import annotations

import contextlib
import gc
import importlib
import logging
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog

from desktop import __version__
from desktop.resources import font_path, resource_path
from desktop.ui import settings as prefs
from desktop.ui.language import Language
from desktop.ui.settings import Settings

if TYPE_CHECKING:
    from desktop.services.context import DeskContext
    from desktop.ui.main_window import MainWindow

Clock = Callable[[], datetime]


def load_fonts(app: QApplication) -> None:
    """Every machine gets the bundled Kazakh-capable font: a bare machine has none.

    Only the family changes: the size stays the system's (accessibility: large fonts).
    """
    families: list[str] = []
    for bold in (False, True):
        font_id = QFontDatabase.addApplicationFont(str(font_path(bold=bold)))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if families:
        font = QFont(app.font())
        font.setFamily(families[0])
        app.setFont(font)


def set_window_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon

    with contextlib.suppress(FileNotFoundError):  # an icon is a nicety; the desk works without
        app.setWindowIcon(QIcon(str(resource_path("icons", "qonys.png"))))


def create_app(argv: list[str] | None = None, *, icon: bool = True) -> QApplication:
    """The application with the bundled font; `icon` False: the caller sets the windows' icon
    later (`run_desk`: once the first window is up, issue 19)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("Qonys")
    app.setOrganizationName("MFA-KZ")
    app.setOrganizationDomain("mfa.kz")
    if icon:
        set_window_icon(app)
    # The platform's palette (including high-contrast themes) is left alone: no style sheet
    # or hard-coded colour anywhere in the desk.
    load_fonts(app)
    return app


def initial_language(settings: Settings, requested: str | None) -> str:
    """`--lang kk|ru` (or QONYS_LANG) wins; otherwise the language chosen last time.

    English is the command line's default, so it is taken as a request only when no language
    was ever chosen in the desk.
    """
    if requested in ("kk", "ru"):
        return requested
    if requested == "en" and not settings.store.contains(f"{prefs.PREFS}/{prefs.LANGUAGE.key}"):
        return "en"
    return settings.get(prefs.LANGUAGE)


def is_first_run(data_dir: Path) -> bool:
    """No store yet: the folder is missing or empty (anything else goes to the login window,
    which reports a damaged or foreign folder in words)."""
    return not data_dir.exists() or not any(data_dir.iterdir())


# The main window's modules: with them the services, the document, signing and sync stacks
# (seconds of CPU on a 2-core machine). Loaded on a worker while the login window waits for the
# password, so that after "Log in" the officer waits for the password check, the store and
# the list, not for imports (issue 19).
DESK_MODULES = (
    "desktop.services.context",
    "desktop.ui.desk",
    "desktop.ui.main_window",
    "desktop.ui.procedure_docks",
)


WARM_UP_AFTER_MS = 3000


def preload_desk() -> None:
    """Import the main window's modules (a worker calls this; imports are thread-safe and no
    widget is made)."""
    for name in DESK_MODULES:
        importlib.import_module(name)


def build_main_window(
    ctx: DeskContext | None,
    data_dir: Path,
    settings: Settings,
    language: Language,
    *,
    lang: str,
    clock: Clock | None = None,
) -> MainWindow:
    """The desk's window with the procedure's docks (not yet shown): on an unlocked store,
    or with `ctx` None before login (nobody's, closed: `open_main_window` opens it)."""
    from desktop.services.context import system_clock
    from desktop.ui.desk import Desk
    from desktop.ui.main_window import MainWindow
    from desktop.ui.procedure_docks import ProcedureDocks

    desk = Desk(ctx, data_dir, lang=lang, clock=clock or system_clock)
    window = MainWindow(desk, settings, language)
    ProcedureDocks(window, desk)  # parented to the window
    # The MRZ reader's templates (seconds of CPU on a worker): a while after the list's first
    # page, not competing with it and the dashboard's first query; the first scan is quick.
    model = window.case_list.model
    warm: list[bool] = []

    def warm_up(_total: int) -> None:
        if not warm:
            warm.append(True)
            QTimer.singleShot(WARM_UP_AFTER_MS, desk.warm_up_reader)

    model.loaded.connect(warm_up)
    return window


def open_main_window(window: MainWindow, ctx: DeskContext) -> None:
    """The login's context into the window built while the login window waited: the list,
    the docks and the menus of the officer's role load as after an unlock."""
    window.desk.attach(ctx)


def run_desk(
    data_dir: Path,
    *,
    lang: str | None = None,
    officer: str | None = None,
    clock: Clock | None = None,
    qsettings: QSettings | None = None,
) -> int:
    """`qonys` with no command: first run or login, then the main window until quit.

    The login window comes up before the service layer is imported (it loads on a worker
    while the officer types): start-up is the window, not SQLAlchemy and Alembic.
    """
    from desktop.logs import hold_records, setup_logging
    from desktop.ui import smoke
    from desktop.ui.crash_dialog import install_crash_dialog
    from desktop.ui.login import PREPARE_AFTER_MS, LoginDialog
    from desktop.ui.qt_log import install_qt_log, uninstall_qt_log

    app = create_app(icon=False)
    # The log file opens once the first window is up (issue 19); what is logged before is
    # held and written first. The windows' icon (a PNG to read) comes then too, and the cycle
    # collector resumes if the command paused it for the start-up (desktop/launch.py).
    hold_records()
    install_qt_log()  # Qt's warnings to the same log, through the same filter
    logging.getLogger("desktop.ui").info("desk %s starting", __version__)
    log_opened: list[bool] = []

    def open_log() -> None:
        if log_opened:
            return
        log_opened.append(True)
        gc.enable()
        set_window_icon(app)
        try:
            setup_logging()
        except OSError:  # no writable log folder: the desk works, unlogged
            uninstall_qt_log()

    QTimer.singleShot(PREPARE_AFTER_MS, open_log)
    notifier = install_crash_dialog()  # kept alive for the whole run
    settings = Settings(qsettings)
    language = Language(app)
    chosen = initial_language(settings, lang)
    language.install(chosen)
    QGuiApplication.setApplicationDisplayName("Qonys")

    def main_window(ctx: DeskContext | None) -> MainWindow:
        # The modules were loaded while the login window waited (preload_desk).
        return build_main_window(ctx, data_dir, settings, language, lang=chosen, clock=clock)

    built: list[MainWindow] = []
    reader: list[Callable[[DeskContext], object]] = []

    def build_before_login() -> None:
        # On the GUI thread once the login window's preparation is done, while the officer
        # types: after "Log in" only the store opens and the list loads (issue 19).
        if not built and dialog.context is None:
            built.append(main_window(None))
            # Its style applied to every widget now (what its first show would do first).
            built[0].ensurePolished()
            # The list's first page, read by the login's worker right after the password.
            model = built[0].case_list.model
            reader.append(model.first_page_reader())
            dialog.read_ahead.connect(model.read_ahead)

    try:
        if smoke.requested():
            return smoke.run_smoke(
                app, data_dir, lang=chosen, officer=officer, make_window=main_window
            )
        if is_first_run(data_dir):
            from desktop.ui.first_run import FirstRunWizard

            wizard = FirstRunWizard(data_dir, lang=chosen)
            if wizard.exec() != QDialog.DialogCode.Accepted:
                return 0
            officer = wizard.admin_login

        def read_ahead(ctx: DeskContext) -> object:
            # On the login's worker, while the GUI thread opens and shows the main window.
            return reader[0](ctx) if reader else None

        dialog = LoginDialog(
            data_dir,
            lang=chosen,
            officer=officer or None,
            clock=clock,
            preload=preload_desk,
            after_login=read_ahead,
        )
        dialog.prepared.connect(build_before_login)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.context is None:
            return 0
        ctx = dialog.context
        if built:
            window = built[0]
            open_main_window(window, ctx)
        else:  # "Log in" came before the preparation ended
            window = main_window(ctx)
        window.show()
        if ctx.alerts:  # the audit log cut, the failed-login record altered (services/session)
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(window, "Qonys", "\n\n".join(a.get(chosen) for a in ctx.alerts))
        try:
            return app.exec()
        finally:
            # Let background calls finish before their store closes under them.
            from desktop.ui.tasks import wait_for_all

            wait_for_all()
            window.desk.close()
            settings.sync()
    finally:
        open_log()  # a desk closed at once still leaves its records
        notifier.detach()

"""The built app's self-test: open the desk on a store, show the main window, quit cleanly.

`QONYS_SMOKE_TEST=1 qonys --data-dir DIR --officer LOGIN` (password in QONYS_PASSWORD) logs in
without the login dialog, shows the main window, prints one line once the window is exposed,
and exits 0. CI runs it on the PyInstaller build offscreen (tests/release/test_frozen.py): it
proves the frozen app finds Qt's platform plugin, the bundled font, the migrations and the
SQLCipher extension. It is an environment variable, not a command-line option, so it never
shows in `--help` and an officer cannot stumble on it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the services load after the window is up (start-up time); Qt's classes
    # when the smoke test runs (every desk start imports this module to ask `requested`)
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.services.context import DeskContext

ENV = "QONYS_SMOKE_TEST"


def requested() -> bool:
    return os.environ.get(ENV, "") not in ("", "0")


def _camera_backend() -> str:
    """The document camera's media backend (QtMultimedia plugin and its FFmpeg libraries)."""
    try:
        from desktop.ui.camera import media_backend_ready
    except ImportError:
        return "missing"
    return "ready" if media_backend_ready() else "missing"


def run_smoke(
    app: QApplication,
    data_dir: Path,
    *,
    lang: str,
    officer: str | None,
    make_window: Callable[[DeskContext], QWidget],
) -> int:
    """Log in from the environment, build the window as `run_desk` does, show it, quit."""
    from PySide6.QtCore import QThreadPool, QTimer
    from PySide6.QtGui import QFontDatabase

    from desktop.services import session
    from desktop.services.errors import KnownError

    login_name = officer or os.environ.get("QONYS_OFFICER") or "admin"
    password = os.environ.get("QONYS_PASSWORD", "")
    try:
        ctx = session.login(data_dir, login_name, password)
    except KnownError as exc:
        print(f"smoke-test: {exc.message.get(lang)}", file=sys.stderr)
        return 1
    try:
        window = make_window(ctx)
        result: list[int] = []

        def check() -> None:
            families = QFontDatabase.applicationFontFamilies(0)
            ok = window.isVisible()
            print(
                f"smoke-test: window shown={ok} title={window.windowTitle()!r} "
                f"platform={app.platformName()} font={families[0] if families else '-'} "
                f"camera-backend={_camera_backend()}",
                flush=True,
            )
            result.append(0 if ok else 1)
            window.close()
            app.quit()

        window.show()
        # Runs once the event loop has processed the show and the first paint.
        QTimer.singleShot(0, check)
        app.exec()
        return result[0] if result else 1
    finally:
        QThreadPool.globalInstance().waitForDone(30000)  # workers first, then the store
        ctx.close()
